//! Stand-in for `docs.rs` (being written by another engineer): Smithy HTML → rustdoc lines.

/// Turns model HTML into Markdown lines that rustdoc accepts under `-D warnings`.
pub fn doc_lines(html: Option<&str>) -> Vec<String> {
    let Some(html) = html else { return Vec::new() };
    let mut text = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let t = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                if matches!(
                    t.to_ascii_lowercase().as_str(),
                    "p" | "p/" | "li" | "br" | "br/" | "ul" | "ol"
                ) {
                    text.push('\n');
                }
            }
            (true, c) => tag.push(c),
            (false, c) => text.push(c),
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let mut out: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let line = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        let mut words = Vec::new();
        for word in line.split(' ') {
            if word.starts_with("http://") || word.starts_with("https://") {
                words.push(format!("<{word}>"));
                continue;
            }
            let mut esc = String::new();
            for c in word.chars() {
                if matches!(c, '[' | ']' | '<' | '>' | '`' | '*' | '_' | '\\' | '#') {
                    esc.push('\\');
                }
                esc.push(c);
            }
            words.push(esc);
        }
        let esc = words.join(" ");
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push(esc);
    }
    out
}

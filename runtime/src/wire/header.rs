//! HTTP header values: list joining/splitting (with quoted strings) and typed parsing.

use std::str::FromStr;

use super::{DateTime, TimestampFormat};

/// Joins list members into one header value (`a, b, c`), quoting members that contain a comma
/// or a double quote (`"b,c"`, `"\"def\""`), as restJson1 requires.
pub fn join_strings<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| quote(s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Joins already-formatted members (numbers, booleans, timestamps) with `, `.
pub fn join<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

fn quote(s: &str) -> String {
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

/// Splits a list header value on commas outside double quotes, trimming and unquoting members.
pub fn split(value: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err(format!("unterminated quoted string in `{value}`")),
                    Some('\\') => match chars.next() {
                        Some(c) => item.push(c),
                        None => return Err(format!("dangling escape in `{value}`")),
                    },
                    Some('"') => break,
                    Some(c) => item.push(c),
                }
            }
            while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                chars.next();
            }
            match chars.next() {
                None => {
                    out.push(item);
                    return Ok(out);
                }
                Some(',') => out.push(item),
                Some(c) => {
                    return Err(format!(
                        "unexpected `{c}` after a quoted string in `{value}`"
                    ));
                }
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        out.push(item.trim_end().to_string());
                        return Ok(out);
                    }
                    Some(',') => break,
                    Some(c) => item.push(c),
                }
            }
            out.push(item.trim_end().to_string());
        }
    }
}

/// Splits a list of http-dates, whose members contain a comma themselves: every second comma
/// separates two dates.
pub fn split_http_dates(value: &str) -> Result<Vec<DateTime>, String> {
    let parts: Vec<&str> = value.split(',').collect();
    if !parts.len().is_multiple_of(2) {
        return Err(format!("`{value}` is not a list of http-dates"));
    }
    parts
        .chunks(2)
        .map(|pair| {
            let text = format!("{},{}", pair[0].trim(), pair[1].trim_end());
            DateTime::parse(&text, TimestampFormat::HttpDate).map_err(|e| e.to_string())
        })
        .collect()
}

/// Parses a scalar header value: integers and booleans via `FromStr`; floats also accept
/// `NaN`, `Infinity` and `-Infinity` (which `f64::from_str` does).
pub fn parse<T: FromStr>(value: &str) -> Result<T, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("`{value}` is not a valid {}", std::any::type_name::<T>()))
}

/// Formats a float for a header or query value (`NaN`, `Infinity`, `-Infinity` spelled out).
pub fn float(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        v.to_string()
    }
}

/// Reads a header as UTF-8 text, explaining a non-text value.
pub fn text<'a>(headers: &'a http::HeaderMap, name: &str) -> Result<Option<&'a str>, String> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    let text = first
        .to_str()
        .map_err(|_| format!("header `{name}` is not valid text"))?;
    Ok(Some(text))
}

/// Every value of a repeated header joined into one list value (`a, b`), as HTTP allows.
pub fn joined(headers: &http::HeaderMap, name: &str) -> Result<Option<String>, String> {
    let mut out: Option<String> = None;
    for v in headers.get_all(name) {
        let t = v
            .to_str()
            .map_err(|_| format!("header `{name}` is not valid text"))?;
        match &mut out {
            Some(o) => {
                o.push_str(", ");
                o.push_str(t);
            }
            None => out = Some(t.to_string()),
        }
    }
    Ok(out)
}

/// Headers whose (lower-case) names start with `prefix`, with the prefix removed.
pub fn with_prefix(
    headers: &http::HeaderMap,
    prefix: &str,
) -> Result<std::collections::HashMap<String, String>, String> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = std::collections::HashMap::new();
    for (name, value) in headers {
        if let Some(rest) = name.as_str().strip_prefix(&prefix) {
            let v = value
                .to_str()
                .map_err(|_| format!("header `{name}` is not valid text"))?;
            out.insert(rest.to_string(), v.to_string());
        }
    }
    Ok(out)
}

/// Inserts a header, rejecting names or values that HTTP cannot carry.
pub fn insert(headers: &mut http::HeaderMap, name: &str, value: &str) -> Result<(), String> {
    let name = http::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid header name"))?;
    let value = http::HeaderValue::from_str(value)
        .map_err(|_| format!("the value of header `{name}` is not a valid header value"))?;
    headers.insert(name, value);
    Ok(())
}

/// Reads header `name` and parses it with `parse`; `None` when absent.
pub fn read<T>(
    headers: &http::HeaderMap,
    name: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, super::json::DeError> {
    let err = |e: String| super::json::DeError::new(format!("header `{name}`"), e);
    match text(headers, name).map_err(err)? {
        Some(s) => parse(s).map(Some).map_err(err),
        None => Ok(None),
    }
}

/// Reads a list header (repeated headers joined) and parses each member with `item`.
pub fn read_list<T>(
    headers: &http::HeaderMap,
    name: &str,
    item: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<Vec<T>>, super::json::DeError> {
    let err = |e: String| super::json::DeError::new(format!("header `{name}`"), e);
    match joined(headers, name).map_err(err)? {
        Some(s) => split(&s)
            .and_then(|parts| parts.iter().map(|p| item(p)).collect())
            .map(Some)
            .map_err(err),
        None => Ok(None),
    }
}

/// Reads a list of http-dates.
pub fn read_http_dates(
    headers: &http::HeaderMap,
    name: &str,
) -> Result<Option<Vec<DateTime>>, super::json::DeError> {
    let err = |e: String| super::json::DeError::new(format!("header `{name}`"), e);
    match joined(headers, name).map_err(err)? {
        Some(s) => split_http_dates(&s).map(Some).map_err(err),
        None => Ok(None),
    }
}

/// Reads the `@httpPrefixHeaders` map; `None` when no header has the prefix.
pub fn read_prefixed(
    headers: &http::HeaderMap,
    prefix: &str,
) -> Result<Option<std::collections::HashMap<String, String>>, super::json::DeError> {
    let map = with_prefix(headers, prefix)
        .map_err(|e| super::json::DeError::new(format!("headers `{prefix}*`"), e))?;
    Ok((!map.is_empty()).then_some(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_splits_quoted_lists() {
        // restJson1 `RestJsonInputAndOutputWithQuotedStringHeaders`.
        let items = ["b,c", "\"def\"", "a"];
        let joined = join_strings(&items);
        assert_eq!(joined, r#""b,c", "\"def\"", a"#);
        assert_eq!(split(&joined).unwrap(), items);
        // `RestJsonInputAndOutputWithStringHeaders`.
        assert_eq!(split("a, b, c").unwrap(), ["a", "b", "c"]);
        assert_eq!(split("a").unwrap(), ["a"]);
        assert_eq!(join(&["1", "2", "3"]), "1, 2, 3");
        assert!(split("\"open").unwrap_err().contains("unterminated"));
        assert!(split("\"a\" b").unwrap_err().contains("unexpected"));
    }

    #[test]
    fn splits_http_date_lists() {
        // `RestJsonInputAndOutputWithTimestampHeaders`.
        let dates =
            split_http_dates("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT")
                .unwrap();
        assert_eq!(dates, vec![DateTime::from_secs(1576540098).unwrap(); 2]);
        assert!(split_http_dates("Mon, 16 Dec 2019 23:48:18 GMT, Mon").is_err());
    }

    #[test]
    fn parses_scalars_and_special_floats() {
        // `RestJsonSupportsNaNFloatHeaderOutputs` and friends.
        assert!(parse::<f64>("NaN").unwrap().is_nan());
        assert_eq!(parse::<f32>("Infinity").unwrap(), f32::INFINITY);
        assert_eq!(parse::<f64>("-Infinity").unwrap(), f64::NEG_INFINITY);
        assert_eq!(parse::<i8>("1").unwrap(), 1);
        assert!(parse::<i8>("300").unwrap_err().contains("not a valid i8"));
        assert!(parse::<bool>("true").unwrap());
        assert_eq!(float(f64::NAN), "NaN");
        assert_eq!(float(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(float(1.1), "1.1");
    }

    #[test]
    fn reads_prefixed_and_repeated_headers() {
        let mut h = http::HeaderMap::new();
        insert(&mut h, "X-Foo-Abc", "Abc value").unwrap();
        insert(&mut h, "X-Other", "x").unwrap();
        h.append("x-list", http::HeaderValue::from_static("a"));
        h.append("x-list", http::HeaderValue::from_static("b"));
        let m = with_prefix(&h, "X-Foo-").unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m["abc"], "Abc value");
        assert_eq!(joined(&h, "x-list").unwrap().as_deref(), Some("a, b"));
        assert_eq!(text(&h, "x-other").unwrap(), Some("x"));
        assert_eq!(text(&h, "missing").unwrap(), None);
        assert!(insert(&mut h, "bad name", "v").is_err());
        assert!(insert(&mut h, "x", "a\nb").is_err());
        assert_eq!(read(&h, "x-other", |s| Ok(s.len())).unwrap(), Some(1));
        let e = read(&h, "x-other", parse::<i32>).unwrap_err();
        assert_eq!(e.path, "header `x-other`");
        assert_eq!(
            read_list(&h, "x-list", |s| Ok(s.to_string()))
                .unwrap()
                .unwrap(),
            ["a", "b"]
        );
        assert_eq!(read_list(&h, "nope", |s| Ok(s.to_string())).unwrap(), None);
        assert_eq!(read_prefixed(&h, "x-foo-").unwrap().unwrap().len(), 1);
        assert_eq!(read_prefixed(&h, "x-none-").unwrap(), None);
    }
}

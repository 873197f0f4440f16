//! Percent-encoding of URI labels and query strings (RFC 3986 unreserved characters kept).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes an `{label}` value: every reserved character, `/` included.
pub fn label(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// Encodes a greedy `{label+}` value: like [`label`] but `/` separators are kept.
pub fn greedy_label(value: &str) -> String {
    value.split('/').map(label).collect::<Vec<_>>().join("/")
}

/// Encodes a query key or value.
pub fn query(value: &str) -> String {
    label(value)
}

/// Builds a query string from (key, value) pairs, in order, each part encoded; `""` when empty.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&query(k));
        out.push('=');
        out.push_str(&query(v));
    }
    out
}

/// Appends `key=value` (both encoded) to a query string under construction.
pub fn push_query(query: &mut String, key: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(&self::query(key));
    query.push('=');
    query.push_str(&self::query(value));
}

/// Decodes a percent-encoded label or query part (for servers).
pub fn decode(value: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(value)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| format!("`{value}` does not decode to UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_the_protocol_tests() {
        // restJson1 `RestJsonHttpRequestWithLabelsAndTimestampFormat` / `...GreedyLabelInPath`.
        assert_eq!(
            label("%:/?#[]@!$&'()*+,;=😹"),
            "%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(greedy_label("there/guy"), "there/guy");
        assert_eq!(greedy_label("a b/c%d"), "a%20b/c%25d");
        assert_eq!(label("2019-12-16T23:48:18Z"), "2019-12-16T23%3A48%3A18Z");
        // `RestJsonQueryStringEscaping`-style values.
        assert_eq!(
            query("%:/?#[]@!$&'()*+,;=😹"),
            label("%:/?#[]@!$&'()*+,;=😹")
        );
        assert_eq!(
            query_string([("a", "b c"), ("d&", "=")]),
            "?a=b%20c&d%26=%3D"
        );
        assert_eq!(query_string([]), "");
        let mut q = String::from("lit");
        push_query(&mut q, "a b", "c&d");
        assert_eq!(q, "lit&a%20b=c%26d");
        assert_eq!(decode("a%20b%2F").unwrap(), "a b/");
        assert!(decode("%FF").is_err());
    }
}

//! `@http` URI patterns: `/path/{label}/{greedy+}?literal&key=value`.

use std::fmt;

/// One `/`-separated path segment of a URI pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Literal text that must match exactly.
    Literal(String),
    /// `{name}` (one segment) or `{name+}` (greedy: one or more segments).
    Label {
        /// The member name inside the braces.
        name: String,
        /// `{name+}`: matches one or more segments.
        greedy: bool,
    },
}

/// A parsed `@http` `uri` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UriPattern {
    /// Path segments after the leading `/` (empty for `/`).
    pub segments: Vec<Segment>,
    /// Literal query parameters: `?a&b=c` gives `[("a", None), ("b", Some("c"))]`.
    pub query: Vec<(String, Option<String>)>,
    /// The pattern as written.
    pub text: String,
}

fn is_label_name(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(f) if f.is_ascii_alphabetic() || f == '_')
        && c.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl UriPattern {
    /// Parses a URI pattern, explaining what is wrong when it is malformed.
    pub fn parse(text: &str) -> Result<UriPattern, String> {
        if !text.starts_with('/') {
            return Err("must start with `/`".into());
        }
        if text.contains('#') {
            return Err("must not contain a fragment (`#`)".into());
        }
        let (path, query) = match text.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (text, None),
        };
        let mut segments = Vec::new();
        let body = &path[1..];
        if !body.is_empty() {
            for (i, seg) in body.split('/').enumerate() {
                if seg.is_empty() {
                    // A trailing slash (`/a/`) is allowed; an empty segment in the middle is not.
                    if i + 1 == body.split('/').count() {
                        continue;
                    }
                    return Err("must not contain empty path segments (`//`)".into());
                }
                if let Some(inner) = seg.strip_prefix('{') {
                    let inner = inner.strip_suffix('}').ok_or_else(|| {
                        format!("segment `{seg}`: a label must fill the whole segment")
                    })?;
                    let (name, greedy) = match inner.strip_suffix('+') {
                        Some(n) => (n, true),
                        None => (inner, false),
                    };
                    if !is_label_name(name) {
                        return Err(format!("label `{{{inner}}}` is not a valid member name"));
                    }
                    segments.push(Segment::Label {
                        name: name.to_string(),
                        greedy,
                    });
                } else if seg.contains('{') || seg.contains('}') {
                    return Err(format!(
                        "segment `{seg}`: a label must fill the whole segment"
                    ));
                } else {
                    segments.push(Segment::Literal(seg.to_string()));
                }
            }
        }
        let mut seen = Vec::new();
        let mut greedy = 0;
        for s in &segments {
            if let Segment::Label { name, greedy: g } = s {
                if seen.contains(&name.to_ascii_lowercase()) {
                    return Err(format!("label `{name}` appears more than once"));
                }
                seen.push(name.to_ascii_lowercase());
                greedy += usize::from(*g);
            }
        }
        if greedy > 1 {
            return Err("at most one greedy label is allowed".into());
        }
        let mut literal_query = Vec::new();
        if let Some(q) = query {
            if q.is_empty() {
                return Err("has an empty query string after `?`".into());
            }
            for part in q.split('&') {
                if part.is_empty() {
                    return Err("has an empty query parameter".into());
                }
                if part.contains('{') || part.contains('}') {
                    return Err("query literals must not contain labels".into());
                }
                let (k, v) = match part.split_once('=') {
                    Some((k, v)) => (k, Some(v.to_string())),
                    None => (part, None),
                };
                if k.is_empty() {
                    return Err("has a query parameter with an empty name".into());
                }
                if literal_query.iter().any(|(key, _)| key == k) {
                    return Err(format!("query parameter `{k}` appears more than once"));
                }
                literal_query.push((k.to_string(), v));
            }
        }
        Ok(UriPattern {
            segments,
            query: literal_query,
            text: text.to_string(),
        })
    }

    /// The label names, in path order.
    pub fn labels(&self) -> impl Iterator<Item = (&str, bool)> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Label { name, greedy } => Some((name.as_str(), *greedy)),
            Segment::Literal(_) => None,
        })
    }
}

impl fmt::Display for UriPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_and_query() {
        let p = UriPattern::parse("/tags/{resourceArn}/x/{key+}?list&type=a").unwrap();
        assert_eq!(
            p.labels().collect::<Vec<_>>(),
            vec![("resourceArn", false), ("key", true)]
        );
        assert_eq!(
            p.query,
            vec![("list".into(), None), ("type".into(), Some("a".into()))]
        );
        assert!(UriPattern::parse("/").unwrap().segments.is_empty());
    }

    #[test]
    fn rejects_malformed_patterns() {
        for (uri, want) in [
            ("tags", "must start with `/`"),
            ("/a//b", "empty path segments"),
            ("/a/x{b}", "must fill the whole segment"),
            ("/{a}/{a}", "appears more than once"),
            ("/{a+}/{b+}", "at most one greedy"),
            ("/{1a}", "not a valid member name"),
            ("/a?", "empty query string"),
            ("/a?x&x", "appears more than once"),
            ("/a?x={y}", "must not contain labels"),
            ("/a#f", "fragment"),
        ] {
            let err = UriPattern::parse(uri).unwrap_err();
            assert!(err.contains(want), "{uri}: {err}");
        }
    }
}

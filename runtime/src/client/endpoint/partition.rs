//! AWS partitions: which DNS suffixes and features a region's partition has (`aws.partition`).
//!
//! The default table is `partitions.json` next to this file, a copy of
//! `aws/sdk/aws-models/sdk-partitions.json` from smithy-lang/smithy-rs (commit 5c0baa7907,
//! 2024-07-01), licensed under the Apache License 2.0 (© Amazon.com, Inc. or its affiliates).
//! It can be replaced at run time with [`ClientBuilder::partitions`](crate::client::ClientBuilder)
//! or the `SMITHY_PARTITIONS_FILE` environment variable (a file of the same format).
//!
//! Region patterns are matched by the small regular-expression matcher below rather than the
//! `regex` crate: the patterns are tiny (`^us\-gov\-\w+\-\d+$`) and `regex` would add four
//! crates to every client, whose dependency count is a headline figure.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde_json::Value as Json;

use super::rules::Value;

/// The partitions table the runtime ships with (Apache-2.0, from smithy-rs; see the module docs).
pub const DEFAULT_PARTITIONS_JSON: &str = include_str!("partitions.json");

/// A parsed partitions table.
#[derive(Debug, Clone)]
pub struct Partitions {
    partitions: Vec<Partition>,
}

#[derive(Debug, Clone)]
struct Partition {
    id: String,
    regex: Regex,
    /// Known regions, with the outputs each overrides (usually none).
    regions: HashMap<String, Vec<(String, Value)>>,
    outputs: Vec<(String, Value)>,
}

/// Why a partitions table could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionsError(String);

impl std::fmt::Display for PartitionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid partitions table: {}", self.0)
    }
}

impl std::error::Error for PartitionsError {}

impl Partitions {
    /// The table embedded in the runtime, parsed once per process.
    pub fn builtin() -> Arc<Partitions> {
        static BUILTIN: OnceLock<Arc<Partitions>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // The embedded file is tested to parse (`builtin_table_parses`); an empty table
                // (every region unknown) is the fallback rather than a panic.
                Arc::new(
                    Partitions::parse(DEFAULT_PARTITIONS_JSON).unwrap_or(Partitions {
                        partitions: Vec::new(),
                    }),
                )
            })
            .clone()
    }

    /// Parses a table in the `partitions.json` format (`{"partitions": [{"id", "regionRegex",
    /// "regions", "outputs"}]}`).
    pub fn parse(text: &str) -> Result<Partitions, PartitionsError> {
        let err = |m: String| PartitionsError(m);
        let doc: Json = serde_json::from_str(text).map_err(|e| err(format!("not JSON: {e}")))?;
        let list = doc
            .get("partitions")
            .and_then(Json::as_array)
            .ok_or_else(|| err("no `partitions` array".into()))?;
        let mut partitions = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let id = p
                .get("id")
                .and_then(Json::as_str)
                .ok_or_else(|| err(format!("partitions[{i}] has no string `id`")))?
                .to_string();
            let pattern = p
                .get("regionRegex")
                .and_then(Json::as_str)
                .ok_or_else(|| err(format!("partition {id} has no string `regionRegex`")))?;
            let regex = Regex::new(pattern)
                .map_err(|e| err(format!("partition {id}: regionRegex {pattern:?}: {e}")))?;
            let outputs = object_outputs(p.get("outputs"))
                .ok_or_else(|| err(format!("partition {id} has no `outputs` object")))?;
            let mut regions = HashMap::new();
            if let Some(map) = p.get("regions").and_then(Json::as_object) {
                for (name, r) in map {
                    let overrides = object_outputs(r.get("outputs")).unwrap_or_default();
                    regions.insert(name.clone(), overrides);
                }
            }
            partitions.push(Partition {
                id,
                regex,
                regions,
                outputs,
            });
        }
        Ok(Partitions { partitions })
    }

    /// `aws.partition(region)`: the partition that lists the region, else the first whose
    /// pattern matches it, else `aws` (as the AWS SDKs do). Its outputs, region overrides
    /// applied, as an object.
    pub fn resolve(&self, region: &str) -> Option<Value> {
        let found = self
            .partitions
            .iter()
            .find_map(|p| p.regions.get(region).map(|o| (p, o.as_slice())))
            .or_else(|| {
                self.partitions
                    .iter()
                    .find(|p| p.regex.is_match(region))
                    .map(|p| (p, &[][..]))
            })
            .or_else(|| {
                self.partitions
                    .iter()
                    .find(|p| p.id == "aws")
                    .map(|p| (p, &[][..]))
            });
        let (partition, overrides) = found?;
        let mut out = partition.outputs.clone();
        for (k, v) in overrides {
            match out.iter_mut().find(|(key, _)| key == k) {
                Some(slot) => slot.1 = v.clone(),
                None => out.push((k.clone(), v.clone())),
            }
        }
        if !out.iter().any(|(k, _)| k == "name") {
            out.push(("name".into(), Value::String(partition.id.clone())));
        }
        Some(Value::Object(out))
    }
}

fn object_outputs(v: Option<&Json>) -> Option<Vec<(String, Value)>> {
    let map = v?.as_object()?;
    Some(
        map.iter()
            .filter_map(|(k, v)| Value::from_json(v).map(|v| (k.clone(), v)))
            .collect(),
    )
}

/// A backtracking matcher for the regular-expression subset region patterns use: `^`, `$`,
/// literals and `\`-escapes, `.`, `\w`, `\d`, `\s`, classes `[a-z0-9-]` (negated with `^`),
/// groups with `|`, and the quantifiers `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`. Anything else
/// is an error when the table is loaded, never a wrong match.
#[derive(Debug, Clone)]
pub(crate) struct Regex {
    alternatives: Vec<Vec<Node>>,
}

#[derive(Debug, Clone)]
enum Node {
    Start,
    End,
    Class(Class),
    Group(Vec<Vec<Node>>),
    Repeat(Box<Node>, usize, usize),
}

#[derive(Debug, Clone)]
struct Class {
    negated: bool,
    items: Vec<ClassItem>,
}

#[derive(Debug, Clone)]
enum ClassItem {
    Char(char),
    Range(char, char),
    Word,
    Digit,
    Space,
    Any,
}

impl ClassItem {
    fn matches(&self, c: char) -> bool {
        match *self {
            ClassItem::Char(x) => c == x,
            ClassItem::Range(a, b) => a <= c && c <= b,
            ClassItem::Word => c.is_ascii_alphanumeric() || c == '_',
            ClassItem::Digit => c.is_ascii_digit(),
            ClassItem::Space => c.is_ascii_whitespace(),
            ClassItem::Any => c != '\n',
        }
    }
}

impl Class {
    fn one(item: ClassItem) -> Class {
        Class {
            negated: false,
            items: vec![item],
        }
    }

    fn matches(&self, c: char) -> bool {
        self.items.iter().any(|i| i.matches(c)) != self.negated
    }
}

impl Regex {
    pub(crate) fn new(pattern: &str) -> Result<Regex, String> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut pos = 0;
        let alternatives = parse_alternatives(&chars, &mut pos, 0)?;
        if pos != chars.len() {
            return Err(format!("unexpected `{}` at {pos}", chars[pos]));
        }
        Ok(Regex { alternatives })
    }

    /// Whether the pattern matches somewhere in `text` (anchors as written).
    pub(crate) fn is_match(&self, text: &str) -> bool {
        // Matching recurses per character: region names are short, longer text never matches.
        if text.len() > 256 {
            return false;
        }
        let chars: Vec<char> = text.chars().collect();
        let whole = [Node::Group(self.alternatives.clone())];
        (0..=chars.len()).any(|start| match_seq(&whole, &chars, start, &mut |_| true))
    }
}

fn parse_alternatives(
    chars: &[char],
    pos: &mut usize,
    depth: usize,
) -> Result<Vec<Vec<Node>>, String> {
    if depth > 16 {
        return Err("groups nested too deeply".into());
    }
    let mut alternatives = vec![Vec::new()];
    while *pos < chars.len() {
        let c = chars[*pos];
        let atom = match c {
            ')' => break,
            '|' => {
                *pos += 1;
                alternatives.push(Vec::new());
                continue;
            }
            '^' => {
                *pos += 1;
                Node::Start
            }
            '$' => {
                *pos += 1;
                Node::End
            }
            '(' => {
                *pos += 1;
                if chars.get(*pos) == Some(&'?') {
                    // `(?:...)` only.
                    if chars.get(*pos + 1) != Some(&':') {
                        return Err(format!("unsupported group syntax at {pos}"));
                    }
                    *pos += 2;
                }
                let inner = parse_alternatives(chars, pos, depth + 1)?;
                if chars.get(*pos) != Some(&')') {
                    return Err("unclosed `(`".into());
                }
                *pos += 1;
                Node::Group(inner)
            }
            '[' => {
                *pos += 1;
                Node::Class(parse_class(chars, pos)?)
            }
            '.' => {
                *pos += 1;
                Node::Class(Class::one(ClassItem::Any))
            }
            '\\' => {
                *pos += 1;
                Node::Class(Class::one(parse_escape(chars, pos)?))
            }
            '*' | '+' | '?' | '{' => return Err(format!("quantifier `{c}` without an atom")),
            _ => {
                *pos += 1;
                Node::Class(Class::one(ClassItem::Char(c)))
            }
        };
        let atom = parse_quantifier(chars, pos, atom)?;
        if let Some(last) = alternatives.last_mut() {
            last.push(atom);
        }
    }
    Ok(alternatives)
}

fn parse_escape(chars: &[char], pos: &mut usize) -> Result<ClassItem, String> {
    let c = *chars.get(*pos).ok_or("pattern ends with `\\`")?;
    *pos += 1;
    Ok(match c {
        'w' => ClassItem::Word,
        'd' => ClassItem::Digit,
        's' => ClassItem::Space,
        c if c.is_ascii_alphanumeric() => return Err(format!("unsupported escape `\\{c}`")),
        c => ClassItem::Char(c),
    })
}

fn parse_class(chars: &[char], pos: &mut usize) -> Result<Class, String> {
    let mut class = Class {
        negated: false,
        items: Vec::new(),
    };
    if chars.get(*pos) == Some(&'^') {
        class.negated = true;
        *pos += 1;
    }
    let mut first = true;
    loop {
        let c = *chars.get(*pos).ok_or("unclosed `[`")?;
        if c == ']' && !first {
            *pos += 1;
            return Ok(class);
        }
        first = false;
        *pos += 1;
        let item = if c == '\\' {
            parse_escape(chars, pos)?
        } else {
            ClassItem::Char(c)
        };
        // A range `a-z` (a `-` before `]` is literal).
        if let ClassItem::Char(lo) = item
            && chars.get(*pos) == Some(&'-')
            && chars.get(*pos + 1).is_some_and(|&n| n != ']')
        {
            let mut hi = chars[*pos + 1];
            *pos += 2;
            if hi == '\\' {
                match parse_escape(chars, pos)? {
                    ClassItem::Char(h) => hi = h,
                    _ => return Err("a class escape cannot end a range".into()),
                }
            }
            if hi < lo {
                return Err(format!("range `{lo}-{hi}` is backwards"));
            }
            class.items.push(ClassItem::Range(lo, hi));
            continue;
        }
        class.items.push(item);
    }
}

fn parse_quantifier(chars: &[char], pos: &mut usize, atom: Node) -> Result<Node, String> {
    let (min, max) = match chars.get(*pos) {
        Some('*') => (0, usize::MAX),
        Some('+') => (1, usize::MAX),
        Some('?') => (0, 1),
        Some('{') => {
            let close = chars[*pos..]
                .iter()
                .position(|&c| c == '}')
                .ok_or("unclosed `{`")?;
            let body: String = chars[*pos + 1..*pos + close].iter().collect();
            let num = |s: &str| {
                s.trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad repetition `{{{body}}}`"))
            };
            let bounds = match body.split_once(',') {
                None => (num(&body)?, num(&body)?),
                Some((a, "")) => (num(a)?, usize::MAX),
                Some((a, b)) => (num(a)?, num(b)?),
            };
            *pos += close;
            bounds
        }
        _ => return Ok(atom),
    };
    *pos += 1;
    if matches!(atom, Node::Start | Node::End) {
        return Err("an anchor cannot be repeated".into());
    }
    if matches!(chars.get(*pos), Some('?' | '+')) {
        return Err("lazy and possessive quantifiers are not supported".into());
    }
    if min > max {
        return Err("repetition minimum above maximum".into());
    }
    Ok(Node::Repeat(Box::new(atom), min, max))
}

/// Matches `seq` at `at`, then calls `k` with the end position (continuation style, so
/// quantifiers and alternatives backtrack).
fn match_seq(seq: &[Node], text: &[char], at: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some((first, rest)) = seq.split_first() else {
        return k(at);
    };
    match_node(first, text, at, &mut |next| match_seq(rest, text, next, k))
}

fn match_node(node: &Node, text: &[char], at: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    match node {
        Node::Start => at == 0 && k(at),
        Node::End => at == text.len() && k(at),
        Node::Class(class) => text.get(at).is_some_and(|&c| class.matches(c)) && k(at + 1),
        Node::Group(alternatives) => alternatives.iter().any(|alt| match_seq(alt, text, at, k)),
        Node::Repeat(inner, min, max) => match_repeat(inner, *min, *max, text, at, 0, k),
    }
}

fn match_repeat(
    inner: &Node,
    min: usize,
    max: usize,
    text: &[char],
    at: usize,
    count: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    // Greedy: one more repetition first (only when it consumes input), then stop here.
    if count < max
        && match_node(inner, text, at, &mut |next| {
            next > at && match_repeat(inner, min, max, text, next, count + 1, k)
        })
    {
        return true;
    }
    count >= min && k(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses() {
        let p = Partitions::parse(DEFAULT_PARTITIONS_JSON).unwrap();
        assert_eq!(p.partitions.len(), 7);
    }

    #[test]
    fn region_patterns_match_like_a_regex_engine() {
        let aws = Regex::new(r"^(us|eu|ap|sa|ca|me|af|il)\-\w+\-\d+$").unwrap();
        assert!(aws.is_match("us-east-1"));
        assert!(aws.is_match("il-central-1"));
        assert!(!aws.is_match("us-gov-west-1"));
        assert!(!aws.is_match("cn-north-1"));
        assert!(!aws.is_match("us-east-1x"));
        assert!(!aws.is_match("xus-east-1"));
        let cls = Regex::new("^[a-z0-9-]{2,4}(\\.[^.]+)?$").unwrap();
        assert!(cls.is_match("ab-9"));
        assert!(cls.is_match("ab.cd"));
        assert!(!cls.is_match("a"));
        assert!(!cls.is_match("abcde"));
        assert!(!cls.is_match("ab."));
        let unanchored = Regex::new("b+c").unwrap();
        assert!(unanchored.is_match("aabbbcd"));
        for bad in [
            "(", "[a", "a{2", "\\q", "*a", "a**", "(?=x)", "a{3,1}", "^*",
        ] {
            assert!(Regex::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn region_overrides_apply() {
        let p = Partitions::parse(
            r#"{"partitions":[{"id":"aws","regionRegex":"^x$","outputs":{"dnsSuffix":"a.com","supportsFIPS":true},
                "regions":{"special-1":{"outputs":{"dnsSuffix":"b.com"}}}}]}"#,
        )
        .unwrap();
        let get = |region: &str, key: &str| match p.resolve(region) {
            Some(Value::Object(o)) => o.into_iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        };
        assert_eq!(
            get("special-1", "dnsSuffix"),
            Some(Value::String("b.com".into()))
        );
        assert_eq!(
            get("other", "dnsSuffix"),
            Some(Value::String("a.com".into()))
        );
        assert_eq!(get("other", "name"), Some(Value::String("aws".into())));
        assert_eq!(get("special-1", "supportsFIPS"), Some(Value::Bool(true)));
    }

    #[test]
    fn bad_tables_are_errors() {
        for bad in [
            "",
            "{}",
            r#"{"partitions":[{}]}"#,
            r#"{"partitions":[{"id":"a","regionRegex":"(","outputs":{}}]}"#,
            r#"{"partitions":[{"id":"a","regionRegex":"^a$"}]}"#,
        ] {
            assert!(Partitions::parse(bad).is_err(), "{bad}");
        }
    }
}

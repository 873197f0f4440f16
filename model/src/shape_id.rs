//! Smithy shape ids: `namespace#Name` and `namespace#Name$member`.

use std::fmt;

/// An absolute Smithy shape id, optionally naming a member (`ns#Shape$member`).
///
/// Ordering is by namespace, then name, then member, so maps keyed by `ShapeId` iterate
/// deterministically.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

/// Why a string is not a valid absolute shape id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeIdError {
    /// The text that failed to parse.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for ShapeIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid shape id `{}`: {}", self.input, self.reason)
    }
}

impl std::error::Error for ShapeIdError {}

/// `identifier = (ALPHA / "_") *(ALPHA / DIGIT / "_")`, and not only underscores.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    if !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return false;
    }
    s.chars().any(|c| c != '_')
}

impl ShapeId {
    /// Parses an absolute shape id such as `smithy.api#String` or `ns#Struct$member`.
    pub fn parse(input: &str) -> Result<ShapeId, ShapeIdError> {
        let err = |reason| ShapeIdError {
            input: input.to_string(),
            reason,
        };
        let (namespace, rest) = input
            .split_once('#')
            .ok_or_else(|| err("missing `#` between namespace and name"))?;
        if namespace.is_empty() {
            return Err(err("empty namespace"));
        }
        if !namespace.split('.').all(is_identifier) {
            return Err(err(
                "namespace must be dot-separated identifiers (letters, digits, `_`)",
            ));
        }
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if !is_identifier(name) {
            return Err(err(
                "shape name must be an identifier (letter or `_` first, then letters, digits, `_`)",
            ));
        }
        if let Some(member) = member
            && !is_identifier(member)
        {
            return Err(err("member name must be an identifier"));
        }
        Ok(ShapeId {
            namespace: namespace.to_string(),
            name: name.to_string(),
            member: member.map(str::to_string),
        })
    }

    /// Builds a shape id from parts that are already known to be valid identifiers.
    pub fn new(namespace: &str, name: &str) -> ShapeId {
        ShapeId {
            namespace: namespace.to_string(),
            name: name.to_string(),
            member: None,
        }
    }

    /// The namespace, e.g. `smithy.api`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape name, e.g. `String`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member name, if this id names a member.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// This id without its member part.
    pub fn root(&self) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: None,
        }
    }

    /// The id of member `member` of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: Some(member.to_string()),
        }
    }

    /// True for `smithy.api#Unit`, the "no input/output/value" shape.
    pub fn is_unit(&self) -> bool {
        self.namespace == "smithy.api" && self.name == "Unit" && self.member.is_none()
    }

    /// True for shapes of the Smithy prelude (`smithy.api`).
    pub fn is_prelude(&self) -> bool {
        self.namespace == "smithy.api"
    }
}

impl ShapeId {
    /// The id as text (what `to_string` gives), allocated once at its final size: for map keys
    /// made for every shape and member.
    pub(crate) fn to_key(&self) -> String {
        let member = self.member.as_deref().unwrap_or("");
        let mut s =
            String::with_capacity(self.namespace.len() + self.name.len() + member.len() + 2);
        s.push_str(&self.namespace);
        s.push('#');
        s.push_str(&self.name);
        if self.member.is_some() {
            s.push('$');
            s.push_str(member);
        }
        s
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Plain writes, no formatting machinery: ids are formatted very often (map keys,
        // messages, the JSON AST writer).
        f.write_str(&self.namespace)?;
        f.write_str("#")?;
        f.write_str(&self.name)?;
        if let Some(member) = &self.member {
            f.write_str("$")?;
            f.write_str(member)?;
        }
        Ok(())
    }
}

impl std::str::FromStr for ShapeId {
    type Err = ShapeIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ShapeId::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_key_is_the_display_text() {
        for text in ["a.b#C", "a.b#C$d", "smithy.api#String"] {
            let id = ShapeId::parse(text).unwrap();
            assert_eq!(id.to_key(), text);
            assert_eq!(id.to_key(), id.to_string());
        }
    }

    #[test]
    fn parses_valid_ids() {
        let id = ShapeId::parse("com.amazonaws.ivschat#CreateRoom").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.ivschat");
        assert_eq!(id.name(), "CreateRoom");
        assert_eq!(id.member(), None);
        let m = ShapeId::parse("a.b#S$member_1").unwrap();
        assert_eq!(m.member(), Some("member_1"));
        assert_eq!(m.root().to_string(), "a.b#S");
        assert_eq!(m.to_string(), "a.b#S$member_1");
        assert!(ShapeId::parse("_a#_b").is_ok());
    }

    #[test]
    fn rejects_malformed_ids() {
        for (input, reason) in [
            ("String", "missing `#`"),
            ("#String", "empty namespace"),
            ("a..b#S", "namespace must be"),
            ("a.1b#S", "namespace must be"),
            ("a#", "shape name must be"),
            ("a#1S", "shape name must be"),
            ("a#S$", "member name must be"),
            ("a#S$m$n", "member name must be"),
            ("a#S-x", "shape name must be"),
            ("a#__", "shape name must be"),
        ] {
            let err = ShapeId::parse(input).unwrap_err();
            assert!(
                err.reason.starts_with(reason),
                "{input}: got {:?}, want {reason}",
                err.reason
            );
        }
    }
}

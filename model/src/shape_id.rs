//! Smithy shape ids: `namespace#Name` and `namespace#Name$member`.

use std::fmt;
use std::sync::Arc;

/// An absolute Smithy shape id, optionally naming a member (`ns#Shape$member`).
///
/// Ordering is by namespace, then name, then member, so maps keyed by `ShapeId` iterate
/// deterministically.
//
// The id's text is held once, shared: ids are cloned for every map key, member target and
// trait of a model, and a clone is then a reference count instead of two or three string
// copies. `hash` and `dollar` are the byte offsets of `#` and of `$` (the text's length when
// the id names no member).
#[derive(Clone)]
pub struct ShapeId {
    text: Arc<str>,
    hash: u32,
    dollar: u32,
}

impl PartialEq for ShapeId {
    fn eq(&self, other: &ShapeId) -> bool {
        // The same text has the same parts: `#` and `$` cannot occur in a part.
        self.text == other.text
    }
}

impl Eq for ShapeId {}

impl std::hash::Hash for ShapeId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

// Maps keyed by ids can be searched with the id's text (problems name shapes by text); hashing,
// equality and ordering are the text's.
impl std::borrow::Borrow<str> for ShapeId {
    fn borrow(&self) -> &str {
        &self.text
    }
}

impl Ord for ShapeId {
    fn cmp(&self, other: &ShapeId) -> std::cmp::Ordering {
        // The text's byte order is that of (namespace, name, member): `#` and `$` sort before
        // every character a part may hold, and the end of the text before them.
        self.text.cmp(&other.text)
    }
}

impl PartialOrd for ShapeId {
    fn partial_cmp(&self, other: &ShapeId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

// As the derived form of the three parts printed it.
impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShapeId")
            .field("namespace", &self.namespace())
            .field("name", &self.name())
            .field("member", &self.member())
            .finish()
    }
}

/// Prelude ids that loading gives to many shapes, built once: a clone is a reference count,
/// building one an allocation.
pub(crate) mod prelude_ids {
    use super::ShapeId;
    use std::sync::LazyLock;

    macro_rules! ids {
        ($($name:ident = $text:literal),* $(,)?) => {
            $(pub(crate) static $name: LazyLock<ShapeId> =
                LazyLock::new(|| ShapeId::new("smithy.api", $text));)*
        };
    }

    ids! {
        UNIT = "Unit",
        DOCUMENTATION = "documentation",
        ENUM_VALUE = "enumValue",
        DEFAULT = "default",
        INPUT = "input",
        OUTPUT = "output",
        MIXINS = "__mixins",
        ELIDED = "__elided",
    }
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
    // Bytes, not chars: every allowed character is ASCII, and no byte of a longer UTF-8
    // character is an ASCII letter, digit or `_`.
    let b = s.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {}
        _ => return false,
    }
    b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') && b.iter().any(|c| *c != b'_')
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
            text: Arc::from(input),
            hash: namespace.len() as u32,
            dollar: (namespace.len() + 1 + name.len()) as u32,
        })
    }

    /// An id from its parts, written into one allocation.
    fn from_parts(namespace: &str, name: &str, member: Option<&str>) -> ShapeId {
        thread_local! {
            // The parts are put together here, so the shared text is the only allocation (and
            // needs no UTF-8 check, as a byte buffer would).
            static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let text: Arc<str> = BUF.with_borrow_mut(|buf| {
            buf.clear();
            buf.push_str(namespace);
            buf.push('#');
            buf.push_str(name);
            if let Some(m) = member {
                buf.push('$');
                buf.push_str(m);
            }
            Arc::from(buf.as_str())
        });
        ShapeId {
            text,
            hash: namespace.len() as u32,
            dollar: (namespace.len() + 1 + name.len()) as u32,
        }
    }

    /// Builds a shape id from parts that are already known to be valid identifiers.
    pub fn new(namespace: &str, name: &str) -> ShapeId {
        ShapeId::from_parts(namespace, name, None)
    }

    /// The namespace, e.g. `smithy.api`.
    pub fn namespace(&self) -> &str {
        &self.text[..self.hash as usize]
    }

    /// The shape name, e.g. `String`.
    pub fn name(&self) -> &str {
        &self.text[self.hash as usize + 1..self.dollar as usize]
    }

    /// The member name, if this id names a member.
    pub fn member(&self) -> Option<&str> {
        self.text.get(self.dollar as usize + 1..)
    }

    /// This id without its member part.
    pub fn root(&self) -> ShapeId {
        if self.dollar as usize == self.text.len() {
            return self.clone();
        }
        ShapeId {
            text: Arc::from(&self.text[..self.dollar as usize]),
            hash: self.hash,
            dollar: self.dollar,
        }
    }

    /// The id of member `member` of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId::from_parts(self.namespace(), self.name(), Some(member))
    }

    /// True for `smithy.api#Unit`, the "no input/output/value" shape.
    pub fn is_unit(&self) -> bool {
        &*self.text == "smithy.api#Unit"
    }

    /// The id as text (what `to_string` gives, without allocating).
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// True for shapes of the Smithy prelude (`smithy.api`).
    pub fn is_prelude(&self) -> bool {
        self.namespace() == "smithy.api"
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A plain write, no formatting machinery: ids are formatted very often (map keys,
        // messages, the JSON AST writer).
        f.write_str(&self.text)
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
    fn borrows_as_the_display_text() {
        use std::borrow::Borrow;
        for text in ["a.b#C", "a.b#C$d", "smithy.api#String"] {
            let id = ShapeId::parse(text).unwrap();
            let borrowed: &str = id.borrow();
            assert_eq!(borrowed, text);
            assert_eq!(borrowed, id.to_string());
        }
    }

    #[test]
    fn orders_by_namespace_then_name_then_member() {
        let ids = [
            "a#B", "a#B$c", "a#Bc", "a.b#A", "a_#A", "a0#A", "ab#A", "a#B$c_d", "a#B$cd",
        ];
        let parts = |id: &ShapeId| {
            (
                id.namespace().to_string(),
                id.name().to_string(),
                id.member().map(str::to_string),
            )
        };
        for x in ids {
            for y in ids {
                let (a, b) = (ShapeId::parse(x).unwrap(), ShapeId::parse(y).unwrap());
                assert_eq!(a.cmp(&b), parts(&a).cmp(&parts(&b)), "{x} vs {y}");
                assert_eq!(a == b, x == y);
            }
        }
        let long = "n".repeat(200);
        let id = ShapeId::new(&long, "S").with_member("m");
        assert_eq!(id.to_string(), format!("{long}#S$m"));
        assert_eq!(id.root().to_string(), format!("{long}#S"));
        assert_eq!(id.member(), Some("m"));
        assert_eq!(id.root().member(), None);
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

//! JSON reading and writing for generated (de)serializers.
//!
//! **Reading.** A body is parsed once into a [`Doc`]: a tree whose strings and keys borrow from
//! the body wherever they carry no escapes (serde_json's borrowed-string path), so parsing
//! allocates little more than one vector per object or array. Generated readers then walk each
//! object once, matching keys as they come. Readers take the value and a [`Path`] (a borrowed
//! chain, so nothing is allocated unless an error is reported) and fail with a [`DeError`]
//! naming where the problem is.
//!
//! **Writing.** Generated writers append straight to a [`Writer`] (a byte buffer); no tree is
//! built in between.
//!
//! Why not `serde_json::Value`: building it allocates every key and string and a B-tree per
//! object, which profiling showed to be most of the time spent reading a 50-room `ListRooms`
//! answer and writing a server's response.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde_core::de::{
    self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Number, Value};

use super::{BigDecimal, BigInteger, DateTime, TimestampFormat};

/// Where a value sits in a document: `$`, `$.rooms[2].name`, `$.tags["env"]`.
///
/// The root also says which direction is read: below [`Path::Request`] (a server reading a
/// request) readers are strict as Smithy's malformed-request tests require: `null` in a dense
/// list or map, an unknown union member, a `date-time` with an offset and unpadded base64 are
/// errors. Below [`Path::Root`] (a client reading a response) they are tolerated.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The document root, read leniently (responses).
    Root,
    /// The root of a request read by a server: strict readers.
    Request,
    /// A member of an object.
    Field(&'a Path<'a>, &'a str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
    /// An entry of a map.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The path of member `name` below this one.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// Whether this path is below [`Path::Request`] (strict, server-side reading).
    pub fn is_request(&self) -> bool {
        let mut p = self;
        loop {
            match p {
                Path::Root => return false,
                Path::Request => return true,
                Path::Field(up, _) | Path::Index(up, _) | Path::Key(up, _) => p = up,
            }
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root | Path::Request => f.write_str("$"),
            Path::Field(p, name) => write!(f, "{p}.{name}"),
            Path::Index(p, i) => write!(f, "{p}[{i}]"),
            Path::Key(p, k) => write!(f, "{p}[{k:?}]"),
        }
    }
}

/// A value that does not fit the model, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeError {
    /// Where in the document (`$.rooms[0].createTime`), or the header / label it came from.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl DeError {
    /// An error at `path`.
    pub fn new(path: impl fmt::Display, message: impl Into<String>) -> DeError {
        DeError {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.path, self.message)
    }
}

impl std::error::Error for DeError {}

/// A parsed JSON value whose strings borrow from the parsed text where they can.
///
/// Its accessors are named like `serde_json::Value`'s. Objects keep their members in document
/// order; when a key repeats, the last one counts (as in `serde_json::Value`).
#[derive(Clone, Debug, PartialEq)]
pub enum Doc<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Doc<'a>>),
    /// An object.
    Object(Obj<'a>),
}

/// The members of a JSON object, in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Obj<'a>(Vec<(Cow<'a, str>, Doc<'a>)>);

impl<'a> Obj<'a> {
    /// An empty object.
    pub const fn new() -> Self {
        Obj(Vec::new())
    }

    /// The value of `key` (the last one if the key repeats).
    pub fn get(&self, key: &str) -> Option<&Doc<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Members in document order (a repeated key appears each time).
    pub fn iter(&self) -> Members<'_, 'a> {
        Members(self.0.iter())
    }

    /// The keys in document order (a repeated key appears each time).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }

    /// The member count (a repeated key counts each time).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the object has no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Removes every member named `key`.
    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }

    /// Adds (or, after [`remove`](Self::remove), replaces) member `key`.
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: Doc<'a>) {
        self.0.push((key.into(), value));
    }

    /// The distinct keys with their last values, as a map (for documents and error bodies).
    fn to_value(&self) -> Value {
        Value::Object(
            self.0
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_value()))
                .collect::<Map<String, Value>>(),
        )
    }
}

/// The members of an [`Obj`] in document order.
#[derive(Clone, Debug)]
pub struct Members<'o, 'a>(std::slice::Iter<'o, (Cow<'a, str>, Doc<'a>)>);

impl<'o, 'a> Iterator for Members<'o, 'a> {
    type Item = (&'o str, &'o Doc<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.as_ref(), v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<'o, 'a> IntoIterator for &'o Obj<'a> {
    type Item = (&'o str, &'o Doc<'a>);
    type IntoIter = Members<'o, 'a>;

    fn into_iter(self) -> Members<'o, 'a> {
        self.iter()
    }
}

impl<'a> Doc<'a> {
    /// `{}`.
    pub const EMPTY_OBJECT: Doc<'static> = Doc::Object(Obj::new());

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Doc::Null)
    }

    /// The decimal text of a number, or a string as it is: how `bigInteger` and `bigDecimal`
    /// travel (a number beyond `f64` has already lost digits in the parser).
    pub fn as_number_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Doc::Number(n) => Some(Cow::Owned(n.to_string())),
            Doc::String(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Doc::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Doc::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as `i64`, if it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Doc::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The number as `u64`, if it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Doc::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The number as `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Doc::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Doc<'a>>> {
        match self {
            Doc::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Obj<'a>> {
        match self {
            Doc::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The members, mutably, if this is an object.
    pub fn as_object_mut(&mut self) -> Option<&mut Obj<'a>> {
        match self {
            Doc::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Member `key` if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Doc<'a>> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// The same value as a `serde_json::Value` (a Smithy `document`).
    pub fn to_value(&self) -> Value {
        match self {
            Doc::Null => Value::Null,
            Doc::Bool(b) => Value::Bool(*b),
            Doc::Number(n) => Value::Number(n.clone()),
            Doc::String(s) => Value::String(s.to_string()),
            Doc::Array(a) => Value::Array(a.iter().map(Doc::to_value).collect()),
            Doc::Object(o) => o.to_value(),
        }
    }

    /// The same value owning all its text.
    pub fn into_owned(self) -> Doc<'static> {
        match self {
            Doc::Null => Doc::Null,
            Doc::Bool(b) => Doc::Bool(b),
            Doc::Number(n) => Doc::Number(n),
            Doc::String(s) => Doc::String(Cow::Owned(s.into_owned())),
            Doc::Array(a) => Doc::Array(a.into_iter().map(Doc::into_owned).collect()),
            Doc::Object(o) => Doc::Object(Obj(o
                .0
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect())),
        }
    }
}

impl fmt::Display for Doc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_value(), f)
    }
}

/// Builds a [`Doc`] from serde_json's events, borrowing strings the parser hands out as
/// borrowed (those without escapes).
struct DocVisitor;

impl<'de> Visitor<'de> for DocVisitor {
    type Value = Doc<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Doc<'de>, E> {
        Ok(Doc::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Doc<'de>, E> {
        Ok(Doc::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Doc<'de>, E> {
        Ok(Doc::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Doc<'de>, E> {
        // JSON text cannot spell a non-finite number, so this is always `Some`.
        Ok(Number::from_f64(v).map_or(Doc::Null, Doc::Number))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Doc<'de>, E> {
        Ok(Doc::String(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Doc<'de>, E> {
        Ok(Doc::String(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Doc<'de>, E> {
        Ok(Doc::String(Cow::Owned(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Doc<'de>, E> {
        Ok(Doc::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Doc<'de>, E> {
        Ok(Doc::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Doc<'de>, D::Error> {
        Doc::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Doc<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<Doc<'de>>()? {
            items.push(item);
        }
        Ok(Doc::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Doc<'de>, A::Error> {
        // serde_json gives no size hint for objects; 8 members covers most structures at once.
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8).min(4096));
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = map.next_value::<Doc<'de>>()?;
            members.push((key, value));
        }
        Ok(Doc::Object(Obj(members)))
    }
}

impl<'de> Deserialize<'de> for Doc<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DocVisitor)
    }
}

/// An object key, borrowed when it has no escapes (`Cow<str>`'s own impl always copies).
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

fn kind(v: &Doc<'_>) -> &'static str {
    match v {
        Doc::Null => "null",
        Doc::Bool(_) => "a boolean",
        Doc::Number(_) => "a number",
        Doc::String(_) => "a string",
        Doc::Array(_) => "an array",
        Doc::Object(_) => "an object",
    }
}

fn expected(v: &Doc<'_>, path: &Path<'_>, what: &str) -> DeError {
    DeError::new(path, format!("expected {what}, found {}", kind(v)))
}

/// Parses a body; an empty body reads as `{}` (responses with no modeled body members).
pub fn parse(body: &[u8]) -> Result<Doc<'_>, DeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Doc::EMPTY_OBJECT);
    }
    serde_json::from_slice(body).map_err(|e| DeError::new(Path::Root, format!("invalid JSON: {e}")))
}

/// The JSON of a request's structure `@httpPayload`: `None` when the body is empty or the empty
/// object, which is what a client sends for an unset structure payload (Smithy's
/// `RestJsonHttpWithEmptyStructurePayload`), so a payload whose members are all unset reads as
/// unset, the same on both ends.
pub fn structure_payload(body: &[u8]) -> Result<Option<Doc<'_>>, DeError> {
    let doc = parse(body)?;
    Ok(match doc.as_object() {
        Some(o) if o.is_empty() => None,
        _ => Some(doc),
    })
}

/// The object a structure is read from.
pub fn object<'d, 'a>(v: &'d Doc<'a>, path: &Path<'_>) -> Result<&'d Obj<'a>, DeError> {
    v.as_object().ok_or_else(|| expected(v, path, "an object"))
}

/// Member `name` of an object; JSON `null` counts as absent.
pub fn field<'d, 'a>(obj: &'d Obj<'a>, name: &str) -> Option<&'d Doc<'a>> {
    obj.get(name).filter(|v| !v.is_null())
}

/// A string.
pub fn string(v: &Doc<'_>, path: &Path<'_>) -> Result<String, DeError> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| expected(v, path, "a string"))
}

/// A boolean.
pub fn boolean(v: &Doc<'_>, path: &Path<'_>) -> Result<bool, DeError> {
    v.as_bool().ok_or_else(|| expected(v, path, "a boolean"))
}

/// An integer of any width, range-checked (`byte`, `short`, `integer`, `long`, `intEnum`).
pub fn integer<T: TryFrom<i64>>(v: &Doc<'_>, path: &Path<'_>) -> Result<T, DeError> {
    let n = v.as_i64().ok_or_else(|| match v {
        Doc::Number(n) => DeError::new(path, format!("expected an integer, found {n}")),
        _ => expected(v, path, "an integer"),
    })?;
    T::try_from(n).map_err(|_| {
        DeError::new(
            path,
            format!("{n} is out of range for {}", std::any::type_name::<T>()),
        )
    })
}

/// A `double`: a number, or the strings `NaN`, `Infinity`, `-Infinity`.
pub fn double(v: &Doc<'_>, path: &Path<'_>) -> Result<f64, DeError> {
    match v {
        Doc::Number(n) => n.as_f64().ok_or_else(|| expected(v, path, "a number")),
        Doc::String(s) => match s.as_ref() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(DeError::new(
                path,
                format!("expected a number, found the string {s:?}"),
            )),
        },
        _ => Err(expected(v, path, "a number")),
    }
}

/// A `float` (read as `double`, then narrowed).
pub fn float(v: &Doc<'_>, path: &Path<'_>) -> Result<f32, DeError> {
    double(v, path).map(|d| d as f32)
}

fn big_text(v: &Doc<'_>, path: &Path<'_>) -> Result<String, DeError> {
    match v {
        Doc::Number(n) => Ok(n.to_string()),
        Doc::String(s) => Ok(s.to_string()),
        _ => Err(expected(v, path, "a number")),
    }
}

/// A `bigInteger`, from a JSON number or string.
pub fn big_integer(v: &Doc<'_>, path: &Path<'_>) -> Result<BigInteger, DeError> {
    BigInteger::new(big_text(v, path)?).map_err(|e| DeError::new(path, e))
}

/// A `bigDecimal`, from a JSON number or string.
pub fn big_decimal(v: &Doc<'_>, path: &Path<'_>) -> Result<BigDecimal, DeError> {
    BigDecimal::new(big_text(v, path)?).map_err(|e| DeError::new(path, e))
}

/// A base64 `blob`.
pub fn blob(v: &Doc<'_>, path: &Path<'_>) -> Result<Vec<u8>, DeError> {
    let s = v
        .as_str()
        .ok_or_else(|| expected(v, path, "a base64 string"))?;
    let decoded = if path.is_request() {
        super::base64_decode_strict(s)
    } else {
        super::base64_decode(s)
    };
    decoded.map_err(|e| DeError::new(path, e))
}

/// A `timestamp` in `format` (`epoch-seconds` is a JSON number, the others strings).
pub fn timestamp(
    v: &Doc<'_>,
    path: &Path<'_>,
    format: TimestampFormat,
) -> Result<DateTime, DeError> {
    match (format, v) {
        (TimestampFormat::EpochSeconds, Doc::Number(n)) => {
            let secs = n.as_f64().ok_or_else(|| expected(v, path, "a number"))?;
            DateTime::from_secs_f64(secs).map_err(|e| DeError::new(path, e.to_string()))
        }
        (TimestampFormat::EpochSeconds, _) => Err(expected(v, path, "epoch seconds (a number)")),
        (_, Doc::String(s)) => {
            let parsed = if path.is_request() {
                DateTime::parse_strict(s, format)
            } else {
                DateTime::parse(s, format)
            };
            parsed.map_err(|e| DeError::new(path, e.to_string()))
        }
        _ => Err(expected(v, path, "a timestamp string")),
    }
}

/// A `document`: any JSON value.
pub fn document(v: &Doc<'_>, _path: &Path<'_>) -> Result<Value, DeError> {
    Ok(v.to_value())
}

/// A dense list. `null` members are skipped in a response (the wire may carry them, the model
/// does not) and are an error in a request.
pub fn list<T>(
    v: &Doc<'_>,
    path: &Path<'_>,
    item: impl Fn(&Doc<'_>, &Path<'_>) -> Result<T, DeError>,
) -> Result<Vec<T>, DeError> {
    let arr = v.as_array().ok_or_else(|| expected(v, path, "an array"))?;
    let strict = path.is_request();
    let mut out = Vec::with_capacity(arr.len());
    for (i, v) in arr.iter().enumerate() {
        match v {
            Doc::Null if strict => {
                return Err(DeError::new(
                    Path::Index(path, i),
                    "null in a list that is not @sparse",
                ));
            }
            Doc::Null => {}
            v => out.push(item(v, &Path::Index(path, i))?),
        }
    }
    Ok(out)
}

/// A `@sparse` list: `null` members are kept as `None`.
pub fn sparse_list<T>(
    v: &Doc<'_>,
    path: &Path<'_>,
    item: impl Fn(&Doc<'_>, &Path<'_>) -> Result<T, DeError>,
) -> Result<Vec<Option<T>>, DeError> {
    let arr = v.as_array().ok_or_else(|| expected(v, path, "an array"))?;
    arr.iter()
        .enumerate()
        .map(|(i, v)| match v {
            Doc::Null => Ok(None),
            v => item(v, &Path::Index(path, i)).map(Some),
        })
        .collect()
}

/// A dense map. Entries whose value is `null` are skipped in a response and are an error in a
/// request. A repeated key keeps its last value.
pub fn map<T>(
    v: &Doc<'_>,
    path: &Path<'_>,
    value: impl Fn(&Doc<'_>, &Path<'_>) -> Result<T, DeError>,
) -> Result<HashMap<String, T>, DeError> {
    let obj = object(v, path)?;
    let strict = path.is_request();
    let mut out = HashMap::with_capacity(obj.len());
    for (k, v) in obj.iter() {
        match v {
            Doc::Null if strict => {
                return Err(DeError::new(
                    Path::Key(path, k),
                    "null value in a map that is not @sparse",
                ));
            }
            Doc::Null => {
                out.remove(k);
            }
            v => {
                out.insert(k.to_string(), value(v, &Path::Key(path, k))?);
            }
        }
    }
    Ok(out)
}

/// A `@sparse` map: `null` values are kept as `None`.
pub fn sparse_map<T>(
    v: &Doc<'_>,
    path: &Path<'_>,
    value: impl Fn(&Doc<'_>, &Path<'_>) -> Result<T, DeError>,
) -> Result<HashMap<String, Option<T>>, DeError> {
    let obj = object(v, path)?;
    obj.iter()
        .map(|(k, v)| match v {
            Doc::Null => Ok((k.to_string(), None)),
            v => Ok((k.to_string(), Some(value(v, &Path::Key(path, k))?))),
        })
        .collect()
}

/// The single member of a union object: `(name, value)`. `null` members are ignored; zero or
/// several set members are errors.
pub fn union_member<'d, 'a>(
    v: &'d Doc<'a>,
    path: &Path<'_>,
) -> Result<(&'d str, &'d Doc<'a>), DeError> {
    let obj = object(v, path)?;
    let mut found: Option<(&'d str, &'d Doc<'a>)> = None;
    for (k, v) in obj.0.iter() {
        if v.is_null() || k == "__type" {
            continue;
        }
        match found {
            // A repeated key is one member (the last value counts, as everywhere).
            Some((seen, _)) if seen != k.as_ref() => {
                return Err(DeError::new(
                    path,
                    "a union must have exactly one member set, found several",
                ));
            }
            _ => found = Some((k.as_ref(), v)),
        }
    }
    found.ok_or_else(|| DeError::new(path, "a union must have exactly one member set, found none"))
}

/// Reads member `key` of `obj` with `read` (JSON `null` counts as absent).
pub fn member<T>(
    obj: &Obj<'_>,
    path: &Path<'_>,
    key: &str,
    read: impl Fn(&Doc<'_>, &Path<'_>) -> Result<T, DeError>,
) -> Result<Option<T>, DeError> {
    match field(obj, key) {
        Some(v) => read(v, &Path::Field(path, key)).map(Some),
        None => Ok(None),
    }
}

/// Reads the value `v` of member `key` met while walking an object (JSON `null` is absent).
pub fn read<T>(
    v: &Doc<'_>,
    path: &Path<'_>,
    key: &str,
    read: impl Fn(&Doc<'_>, &Path<'_>) -> Result<T, DeError>,
) -> Result<Option<T>, DeError> {
    match v {
        Doc::Null => Ok(None),
        v => read(v, &Path::Field(path, key)).map(Some),
    }
}

/// A string read into a generated enum (unknown values are kept by the enum's `From`).
pub fn string_into<E: From<String>>(v: &Doc<'_>, path: &Path<'_>) -> Result<E, DeError> {
    string(v, path).map(E::from)
}

/// An integer read into a generated intEnum.
pub fn int_into<E: From<i32>>(v: &Doc<'_>, path: &Path<'_>) -> Result<E, DeError> {
    integer::<i32>(v, path).map(E::from)
}

/// A `date-time` timestamp.
pub fn date_time(v: &Doc<'_>, path: &Path<'_>) -> Result<DateTime, DeError> {
    timestamp(v, path, TimestampFormat::DateTime)
}

/// An `http-date` timestamp.
pub fn http_date(v: &Doc<'_>, path: &Path<'_>) -> Result<DateTime, DeError> {
    timestamp(v, path, TimestampFormat::HttpDate)
}

/// An `epoch-seconds` timestamp (the JSON default).
pub fn epoch_seconds(v: &Doc<'_>, path: &Path<'_>) -> Result<DateTime, DeError> {
    timestamp(v, path, TimestampFormat::EpochSeconds)
}

/// A JSON text being written: generated writers append values, keys and brackets, and the
/// writer puts the commas in.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
    /// Whether the next value or key needs a comma before it.
    comma: bool,
}

impl Writer {
    /// An empty writer (with room for a typical response, so it seldom grows).
    pub fn new() -> Self {
        Self::with_capacity(1024)
    }

    /// An empty writer with room for `bytes`.
    pub fn with_capacity(bytes: usize) -> Self {
        Writer {
            buf: Vec::with_capacity(bytes),
            comma: false,
        }
    }

    /// A writer that has begun an object (`{`): what a request or response body starts as.
    pub fn object() -> Self {
        let mut w = Self::new();
        w.begin_object();
        w
    }

    /// Ends the object [`Writer::object`] began and returns the text.
    pub fn finish_object(mut self) -> bytes::Bytes {
        self.end_object();
        self.into_bytes()
    }

    fn sep(&mut self) {
        if self.comma {
            self.buf.push(b',');
        }
    }

    fn quoted(&mut self, s: &str) {
        // Most keys and values need no escaping: copy those straight (a scan is cheaper than
        // serde_json's serializer set-up per string).
        // A fold without early exit, so the check compiles to vector instructions.
        let plain = !s.bytes().fold(false, |bad, b| {
            bad | (b < 0x20) | (b == b'"') | (b == b'\\')
        });
        if plain {
            self.buf.reserve(s.len() + 2);
            self.buf.push(b'"');
            self.buf.extend_from_slice(s.as_bytes());
            self.buf.push(b'"');
        } else {
            // serde_json's escaping (quotes, backslashes, control characters); writing to a
            // `Vec` cannot fail.
            let _ = serde_json::to_writer(&mut self.buf, s);
        }
    }

    /// `{`.
    pub fn begin_object(&mut self) {
        self.sep();
        self.buf.push(b'{');
        self.comma = false;
    }

    /// `}`.
    pub fn end_object(&mut self) {
        self.buf.push(b'}');
        self.comma = true;
    }

    /// `[`.
    pub fn begin_array(&mut self) {
        self.sep();
        self.buf.push(b'[');
        self.comma = false;
    }

    /// `]`.
    pub fn end_array(&mut self) {
        self.buf.push(b']');
        self.comma = true;
    }

    /// An object member's key; its value comes next.
    pub fn key(&mut self, key: &str) {
        self.sep();
        self.quoted(key);
        self.buf.push(b':');
        self.comma = false;
    }

    /// A string value.
    pub fn string(&mut self, s: &str) {
        self.sep();
        self.quoted(s);
        self.comma = true;
    }

    /// A string value whose text `write` appends in place; it must need no escaping.
    fn string_unescaped(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        self.sep();
        self.buf.push(b'"');
        write(&mut self.buf);
        self.buf.push(b'"');
        self.comma = true;
    }

    /// `null`.
    pub fn null(&mut self) {
        self.raw("null");
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    /// A number, a document or anything else serde_json can write.
    pub fn value<T: serde_core::Serialize + ?Sized>(&mut self, v: &T) {
        self.sep();
        let _ = serde_json::to_writer(&mut self.buf, v);
        self.comma = true;
    }

    /// Text that is already JSON.
    fn raw(&mut self, json: &str) {
        self.sep();
        self.buf.extend_from_slice(json.as_bytes());
        self.comma = true;
    }

    /// The text written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// The finished text.
    pub fn into_bytes(self) -> bytes::Bytes {
        bytes::Bytes::from(self.buf)
    }
}

/// Writes member `key` with `write`.
pub fn put<T: ?Sized>(
    w: &mut Writer,
    key: &str,
    value: &T,
    write: impl Fn(&T, &mut Writer) -> Result<(), String>,
) -> Result<(), String> {
    w.key(key);
    write(value, w)
}

/// Writes member `key` when it is set (absent members are omitted, not `null`).
pub fn put_opt<T>(
    w: &mut Writer,
    key: &str,
    value: &Option<T>,
    write: impl Fn(&T, &mut Writer) -> Result<(), String>,
) -> Result<(), String> {
    match value {
        Some(v) => put(w, key, v, write),
        None => Ok(()),
    }
}

/// Sets member `key` of `obj` to what `write` writes for `value` when it is set (a server
/// adding a bound member to the document it validates); always removes the old member.
pub fn put_doc<T>(
    obj: &mut Obj<'_>,
    key: &str,
    value: &Option<T>,
    write: impl Fn(&T, &mut Writer) -> Result<(), String>,
) -> Result<(), String> {
    obj.remove(key);
    if let Some(v) = value {
        let mut w = Writer::with_capacity(64);
        write(v, &mut w)?;
        let doc = parse(w.as_bytes()).map_err(|e| e.to_string())?;
        obj.insert(key.to_string(), doc.into_owned());
    }
    Ok(())
}

/// Writes the whole text of one value with `write`.
pub fn to_bytes_with<T: ?Sized>(
    value: &T,
    write: impl Fn(&T, &mut Writer) -> Result<(), String>,
) -> Result<bytes::Bytes, String> {
    let mut w = Writer::new();
    write(value, &mut w)?;
    Ok(w.into_bytes())
}

/// Writes a member of a sparse collection: `null` when unset.
pub fn w_opt<T>(
    value: &Option<T>,
    w: &mut Writer,
    write: impl Fn(&T, &mut Writer) -> Result<(), String>,
) -> Result<(), String> {
    match value {
        Some(v) => write(v, w),
        None => {
            w.null();
            Ok(())
        }
    }
}

/// Writes a string, or a generated enum as its wire value.
pub fn w_str<S: AsRef<str> + ?Sized>(v: &S, w: &mut Writer) -> Result<(), String> {
    w.string(v.as_ref());
    Ok(())
}

/// Writes a boolean.
pub fn w_bool(v: &bool, w: &mut Writer) -> Result<(), String> {
    w.bool(*v);
    Ok(())
}

/// Writes an integer (`byte` … `long`).
pub fn w_int<T: Copy + serde_core::Serialize>(v: &T, w: &mut Writer) -> Result<(), String> {
    w.value(v);
    Ok(())
}

/// Writes an intEnum as its wire value.
pub fn w_int_enum<E: Copy + Into<i32>>(v: &E, w: &mut Writer) -> Result<(), String> {
    w.value(&(*v).into());
    Ok(())
}

/// Writes a `float`.
pub fn w_f32(v: &f32, w: &mut Writer) -> Result<(), String> {
    write_double(super::widen_f32(*v), w);
    Ok(())
}

/// Writes a `double`.
pub fn w_f64(v: &f64, w: &mut Writer) -> Result<(), String> {
    write_double(*v, w);
    Ok(())
}

/// Writes a `bigInteger`.
pub fn w_big_integer(v: &BigInteger, w: &mut Writer) -> Result<(), String> {
    write_big(v.as_str(), w);
    Ok(())
}

/// Writes a `bigDecimal`.
pub fn w_big_decimal(v: &BigDecimal, w: &mut Writer) -> Result<(), String> {
    write_big(v.as_str(), w);
    Ok(())
}

/// Writes a blob as base64.
pub fn w_blob<B: AsRef<[u8]> + ?Sized>(v: &B, w: &mut Writer) -> Result<(), String> {
    w.string(&super::base64_encode(v.as_ref()));
    Ok(())
}

/// Writes a document as is.
pub fn w_document(v: &Value, w: &mut Writer) -> Result<(), String> {
    w.value(v);
    Ok(())
}

/// Writes a `date-time` timestamp.
pub fn w_date_time(v: &DateTime, w: &mut Writer) -> Result<(), String> {
    write_timestamp(v, TimestampFormat::DateTime, w);
    Ok(())
}

/// Writes an `http-date` timestamp.
pub fn w_http_date(v: &DateTime, w: &mut Writer) -> Result<(), String> {
    write_timestamp(v, TimestampFormat::HttpDate, w);
    Ok(())
}

/// Writes an `epoch-seconds` timestamp.
pub fn w_epoch_seconds(v: &DateTime, w: &mut Writer) -> Result<(), String> {
    write_timestamp(v, TimestampFormat::EpochSeconds, w);
    Ok(())
}

/// Writes a `double`/`float`: non-finite values as the strings `NaN`, `Infinity`, `-Infinity`.
pub fn write_double(v: f64, w: &mut Writer) {
    if v.is_finite() {
        w.value(&v);
    } else if v.is_nan() {
        w.string("NaN");
    } else if v > 0.0 {
        w.string("Infinity");
    } else {
        w.string("-Infinity");
    }
}

/// Writes a timestamp in `format` (`epoch-seconds` as a number with a millisecond fraction).
pub fn write_timestamp(v: &DateTime, format: TimestampFormat, w: &mut Writer) {
    match format {
        TimestampFormat::EpochSeconds if v.subsec_millis() == 0 => w.value(&v.secs()),
        TimestampFormat::EpochSeconds => write_double(v.as_secs_f64(), w),
        _ => w.string_unescaped(|buf| v.write_to(format, buf)),
    }
}

/// Writes a `bigInteger`/`bigDecimal` as a JSON number when it fits one exactly, else a string.
pub fn write_big(text: &str, w: &mut Writer) {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Number(n)) if n.to_string() == text => w.value(&n),
        _ => w.string(text),
    }
}

/// Writes a list, each member with `item`.
pub fn write_list<T>(
    items: &[T],
    w: &mut Writer,
    item: impl Fn(&T, &mut Writer) -> Result<(), String>,
) -> Result<(), String> {
    w.begin_array();
    for x in items {
        item(x, w)?;
    }
    w.end_array();
    Ok(())
}

/// Writes a map with its keys sorted, so the same map always gives the same bytes.
pub fn write_map<T>(
    map: &HashMap<String, T>,
    w: &mut Writer,
    value: impl Fn(&T, &mut Writer) -> Result<(), String>,
) -> Result<(), String> {
    let mut entries: Vec<(&String, &T)> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    w.begin_object();
    for (k, v) in entries {
        w.key(k);
        value(v, w)?;
    }
    w.end_object();
    Ok(())
}

/// Serialises a `serde_json::Value` body (bodies the runtime itself builds).
pub fn to_bytes(v: &Value) -> bytes::Bytes {
    // Writing a `Value` to memory cannot fail: every key is a string and no I/O happens.
    bytes::Bytes::from(serde_json::to_vec(v).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc<'_> {
        parse(text.as_bytes()).unwrap()
    }

    /// Writes one value with `write` and returns the text.
    fn text<T: ?Sized>(v: &T, write: impl Fn(&T, &mut Writer) -> Result<(), String>) -> String {
        String::from_utf8(to_bytes_with(v, write).unwrap().to_vec()).unwrap()
    }

    #[test]
    fn parsing_borrows_unescaped_text_and_keeps_the_last_repeated_key() {
        let d = doc(r#"{"plain": "abc", "esc\u0061ped": "a\"b", "n": 1, "n": 2}"#);
        let o = d.as_object().unwrap();
        let members: Vec<_> = o.0.iter().collect();
        assert!(matches!(members[0].0, Cow::Borrowed("plain")));
        assert!(matches!(members[0].1, Doc::String(Cow::Borrowed("abc"))));
        // Escapes force a copy, and are decoded.
        assert!(matches!(&members[1].0, Cow::Owned(k) if k == "escaped"));
        assert_eq!(members[1].1.as_str(), Some("a\"b"));
        assert_eq!(o.get("n").and_then(Doc::as_i64), Some(2));
        assert_eq!(
            d.to_value(),
            serde_json::json!({"plain": "abc", "escaped": "a\"b", "n": 2})
        );
        assert_eq!(
            doc("[1, -2, 2.5, true, null]").to_value(),
            serde_json::json!([1, -2, 2.5, true, null])
        );
        assert_eq!(parse(b"").unwrap(), Doc::EMPTY_OBJECT);
        assert_eq!(parse(b" \n").unwrap(), Doc::EMPTY_OBJECT);
        assert!(parse(b"{").unwrap_err().message.starts_with("invalid JSON"));
        // serde_json's depth limit still guards the stack.
        let deep = "[".repeat(10_000);
        assert!(
            parse(deep.as_bytes())
                .unwrap_err()
                .message
                .contains("recursion limit")
        );
        assert_eq!(o.keys().collect::<Vec<_>>(), ["plain", "escaped", "n", "n"]);
        let owned = doc(r#"{"a": ["x"]}"#).into_owned();
        assert_eq!(
            owned.get("a").and_then(Doc::as_array).map(Vec::len),
            Some(1)
        );
    }

    #[test]
    fn reads_scalars_with_path_carrying_errors() {
        let root = Path::Root;
        let rooms = Path::Field(&root, "rooms");
        let first = Path::Index(&rooms, 0);
        let name = first.field("name");
        assert_eq!(string(&doc(r#""x""#), &name).unwrap(), "x");
        let err = string(&doc("5"), &name).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at $.rooms[0].name: expected a string, found a number"
        );
        assert_eq!(integer::<i32>(&doc("7"), &root).unwrap(), 7);
        assert!(
            integer::<i8>(&doc("300"), &root)
                .unwrap_err()
                .message
                .contains("out of range")
        );
        assert!(
            integer::<i32>(&doc("1.5"), &root)
                .unwrap_err()
                .message
                .contains("expected an integer, found 1.5")
        );
        assert!(boolean(&doc(r#""true""#), &root).is_err());
        // restJson1 `RestJsonSupportsNaNFloatInputs` / `...InfinityFloatInputs`.
        assert!(double(&doc(r#""NaN""#), &root).unwrap().is_nan());
        assert_eq!(
            float(&doc(r#""-Infinity""#), &root).unwrap(),
            f32::NEG_INFINITY
        );
        assert!(double(&doc(r#""nan""#), &root).is_err());
        assert_eq!(text(&f64::INFINITY, w_f64), r#""Infinity""#);
        assert_eq!(text(&1.5, w_f64), "1.5");
        assert_eq!(text(&f32::NAN, w_f32), r#""NaN""#);
    }

    #[test]
    fn reads_timestamps_blobs_and_big_numbers() {
        let root = Path::Root;
        let t = timestamp(&doc("1398796238"), &root, TimestampFormat::EpochSeconds).unwrap();
        assert_eq!(t, DateTime::from_secs(1398796238).unwrap());
        let frac = timestamp(&doc("946845296.123"), &root, TimestampFormat::EpochSeconds).unwrap();
        assert_eq!(frac.subsec_millis(), 123);
        assert_eq!(text(&frac, w_epoch_seconds), "946845296.123");
        assert_eq!(text(&t, w_epoch_seconds), "1398796238");
        assert_eq!(text(&t, w_http_date), r#""Tue, 29 Apr 2014 18:30:38 GMT""#);
        assert_eq!(text(&t, w_date_time), r#""2014-04-29T18:30:38Z""#);
        assert!(
            timestamp(
                &doc(r#""1398796238""#),
                &root,
                TimestampFormat::EpochSeconds
            )
            .is_err()
        );
        assert!(timestamp(&doc("5"), &root, TimestampFormat::DateTime).is_err());
        assert_eq!(blob(&doc(r#""dmFsdWU=""#), &root).unwrap(), b"value");
        assert!(
            blob(&doc(r#""%%%""#), &root)
                .unwrap_err()
                .message
                .contains("base64")
        );
        assert_eq!(text(&b"value".to_vec(), w_blob), r#""dmFsdWU=""#);
        assert_eq!(big_integer(&doc("12"), &root).unwrap().as_str(), "12");
        assert_eq!(
            big_decimal(&doc(r#""1.5""#), &root).unwrap().as_str(),
            "1.5"
        );
        let mut w = Writer::new();
        w.begin_array();
        write_big("12", &mut w);
        write_big("123456789012345678901234567890", &mut w);
        w.end_array();
        assert_eq!(w.as_bytes(), br#"[12,"123456789012345678901234567890"]"#);
    }

    #[test]
    fn request_paths_read_strictly() {
        let (root, req) = (Path::Root, Path::Request);
        let below = req.field("a");
        let deep = Path::Index(&below, 3);
        assert!(deep.is_request() && !Path::Field(&root, "a").is_request());
        assert_eq!(deep.to_string(), "$.a[3]");
        // Dense collections: nulls are skipped in a response, rejected in a request.
        let v = doc(r#"["a", null, "b"]"#);
        assert_eq!(list(&v, &root, string).unwrap(), ["a", "b"]);
        let e = list(&v, &req, string).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("$[1]", "null in a list that is not @sparse")
        );
        assert_eq!(sparse_list(&v, &req, string).unwrap()[1], None);
        let m = doc(r#"{"k": "v", "n": null}"#);
        assert_eq!(map(&m, &root, string).unwrap().len(), 1);
        assert_eq!(map(&m, &below, string).unwrap_err().path, "$.a[\"n\"]");
        assert_eq!(sparse_map(&m, &req, string).unwrap()["n"], None);
        // date-time: offsets are read in a response, rejected in a request.
        let off = doc(r#""1996-12-19T16:39:57-08:00""#);
        assert!(timestamp(&off, &root, TimestampFormat::DateTime).is_ok());
        let e = timestamp(&off, &below, TimestampFormat::DateTime).unwrap_err();
        assert_eq!(e.path, "$.a");
        assert!(
            timestamp(
                &doc(r#""1996-12-19T16:39:57Z""#),
                &req,
                TimestampFormat::DateTime
            )
            .is_ok()
        );
        // base64: unpadded input is read in a response, rejected in a request.
        assert_eq!(blob(&doc(r#""eHl6""#), &req).unwrap(), b"xyz");
        assert_eq!(blob(&doc(r#""eHk""#), &root).unwrap(), b"xy");
        assert!(
            blob(&doc(r#""eHk""#), &req)
                .unwrap_err()
                .message
                .contains("padded")
        );
    }

    #[test]
    fn reads_collections_members_and_unions() {
        let root = Path::Root;
        let v = doc(r#"["a", null, "b"]"#);
        assert_eq!(
            sparse_list(&v, &root, string).unwrap(),
            [Some("a".into()), None, Some("b".into())]
        );
        assert_eq!(
            list(&doc(r#"["a", 1]"#), &root, string).unwrap_err().path,
            "$[1]"
        );
        // A repeated map key keeps its last value; a later null removes it (response).
        let m = map(
            &doc(r#"{"k": "1", "k": "2", "g": "x", "g": null}"#),
            &root,
            string,
        )
        .unwrap();
        assert_eq!(m, HashMap::from([("k".to_string(), "2".to_string())]));
        assert_eq!(
            map(&doc(r#"{"k": 1}"#), &root, string).unwrap_err().path,
            "$[\"k\"]"
        );
        let u = doc(r#"{"s3": {}, "other": null, "__type": "x"}"#);
        let (k, _) = union_member(&u, &root).unwrap();
        assert_eq!(k, "s3");
        let repeated = doc(r#"{"a": 1, "a": 2}"#);
        let (k, v) = union_member(&repeated, &root).unwrap();
        assert_eq!((k, v.as_i64()), ("a", Some(2)));
        assert!(
            union_member(&doc("{}"), &root)
                .unwrap_err()
                .message
                .contains("found none")
        );
        assert!(
            union_member(&doc(r#"{"a": 1, "b": 2}"#), &root)
                .unwrap_err()
                .message
                .contains("several")
        );
        let d = doc(r#"{"a": null, "b": 1, "s": "x", "t": "1970-01-01T00:00:01Z"}"#);
        let obj = object(&d, &root).unwrap();
        assert!(field(obj, "a").is_none());
        assert!(field(obj, "b").is_some());
        assert_eq!(member(obj, &root, "b", integer::<i64>).unwrap(), Some(1));
        assert_eq!(member(obj, &root, "absent", integer::<i64>).unwrap(), None);
        assert_eq!(
            member(obj, &root, "s", integer::<i64>).unwrap_err().path,
            "$.s"
        );
        assert_eq!(
            member(obj, &root, "t", date_time).unwrap(),
            Some(DateTime::from_secs(1).unwrap())
        );
        assert!(member(obj, &root, "t", http_date).is_err());
        let s: Option<String> = member(obj, &root, "s", string_into).unwrap();
        assert_eq!(s.as_deref(), Some("x"));
        // `read` is what a one-pass walk calls per member met.
        for (k, v) in obj.iter() {
            let got = read(v, &root, k, document).unwrap();
            assert_eq!(got.is_none(), k == "a", "{k}");
        }
        assert_eq!(read(&doc("5"), &root, "s", string).unwrap_err().path, "$.s");
        assert!(
            object(&doc("[]"), &root)
                .unwrap_err()
                .message
                .contains("found an array")
        );
    }

    #[test]
    fn writes_what_serde_json_would_for_the_same_value() {
        let mut w = Writer::object();
        put(&mut w, "s", "quote \" back \\ nl \n ctl \u{1} é", w_str).unwrap();
        put_opt(&mut w, "absent", &None::<i32>, w_int).unwrap();
        put_opt(&mut w, "n", &Some(-3i64), w_int).unwrap();
        put(&mut w, "b", &true, w_bool).unwrap();
        put(&mut w, "sparse", &vec![Some(true), None], |v, w| {
            write_list(v, w, |v, w| w_opt(v, w, w_bool))
        })
        .unwrap();
        put(&mut w, "empty", &Vec::<i32>::new(), |v, w| {
            write_list(v, w, w_int)
        })
        .unwrap();
        let m: HashMap<String, i32> = [("b".to_string(), 2), ("a".to_string(), 1)].into();
        put(&mut w, "map", &m, |v, w| write_map(v, w, w_int)).unwrap();
        put(
            &mut w,
            "doc",
            &serde_json::json!({"x": [1, null]}),
            w_document,
        )
        .unwrap();
        let w = w.finish_object();
        let written: Value = serde_json::from_slice(&w).unwrap();
        assert_eq!(
            written,
            serde_json::json!({"s": "quote \" back \\ nl \n ctl \u{1} é", "n": -3, "b": true,
                "sparse": [true, null], "empty": [], "map": {"a": 1, "b": 2}, "doc": {"x": [1, null]}})
        );
        // Map keys are sorted, so equal maps give equal bytes.
        assert!(String::from_utf8_lossy(&w[..]).contains(r#""map":{"a":1,"b":2}"#));
        assert_eq!(
            to_bytes_with(&[1], |v, w| write_list(v, w, |_, _| Err("no".to_string()))).unwrap_err(),
            "no"
        );
        assert_eq!(&to_bytes(&serde_json::json!({"a": 1}))[..], br#"{"a":1}"#);
    }

    #[test]
    fn put_doc_replaces_a_member_with_the_written_value() {
        let mut d = doc(r#"{"label": "from body", "other": 1}"#);
        let o = d.as_object_mut().unwrap();
        put_doc(o, "label", &Some("from path".to_string()), w_str).unwrap();
        put_doc(o, "other", &None::<i32>, w_int).unwrap();
        assert_eq!(d.to_value(), serde_json::json!({"label": "from path"}));
    }
}

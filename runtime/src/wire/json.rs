//! JSON reading and writing helpers for generated (de)serializers.
//!
//! Readers take the value and a [`Path`] (a borrowed chain, so no allocation happens unless an
//! error is reported) and fail with a [`DeError`] naming where the problem is.

use std::collections::HashMap;
use std::fmt;

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

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn expected(v: &Value, path: &Path<'_>, what: &str) -> DeError {
    DeError::new(path, format!("expected {what}, found {}", kind(v)))
}

/// Parses a body; an empty body reads as `{}` (responses with no modeled body members).
pub fn parse(body: &[u8]) -> Result<Value, DeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(body).map_err(|e| DeError::new(Path::Root, format!("invalid JSON: {e}")))
}

/// The object a structure is read from.
pub fn object<'v>(v: &'v Value, path: &Path<'_>) -> Result<&'v Map<String, Value>, DeError> {
    v.as_object().ok_or_else(|| expected(v, path, "an object"))
}

/// Member `name` of an object; JSON `null` counts as absent.
pub fn field<'v>(obj: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    obj.get(name).filter(|v| !v.is_null())
}

/// A string.
pub fn string(v: &Value, path: &Path<'_>) -> Result<String, DeError> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| expected(v, path, "a string"))
}

/// A boolean.
pub fn boolean(v: &Value, path: &Path<'_>) -> Result<bool, DeError> {
    v.as_bool().ok_or_else(|| expected(v, path, "a boolean"))
}

/// An integer of any width, range-checked (`byte`, `short`, `integer`, `long`, `intEnum`).
pub fn integer<T: TryFrom<i64>>(v: &Value, path: &Path<'_>) -> Result<T, DeError> {
    let n = v.as_i64().ok_or_else(|| match v {
        Value::Number(_) => DeError::new(path, format!("expected an integer, found {v}")),
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
pub fn double(v: &Value, path: &Path<'_>) -> Result<f64, DeError> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| expected(v, path, "a number")),
        Value::String(s) => match s.as_str() {
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
pub fn float(v: &Value, path: &Path<'_>) -> Result<f32, DeError> {
    double(v, path).map(|d| d as f32)
}

/// A `bigInteger`, from a JSON number or string.
pub fn big_integer(v: &Value, path: &Path<'_>) -> Result<BigInteger, DeError> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return Err(expected(v, path, "a number")),
    };
    BigInteger::new(text).map_err(|e| DeError::new(path, e))
}

/// A `bigDecimal`, from a JSON number or string.
pub fn big_decimal(v: &Value, path: &Path<'_>) -> Result<BigDecimal, DeError> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return Err(expected(v, path, "a number")),
    };
    BigDecimal::new(text).map_err(|e| DeError::new(path, e))
}

/// A base64 `blob`.
pub fn blob(v: &Value, path: &Path<'_>) -> Result<Vec<u8>, DeError> {
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
pub fn timestamp(v: &Value, path: &Path<'_>, format: TimestampFormat) -> Result<DateTime, DeError> {
    match (format, v) {
        (TimestampFormat::EpochSeconds, Value::Number(n)) => {
            let secs = n.as_f64().ok_or_else(|| expected(v, path, "a number"))?;
            DateTime::from_secs_f64(secs).map_err(|e| DeError::new(path, e.to_string()))
        }
        (TimestampFormat::EpochSeconds, _) => Err(expected(v, path, "epoch seconds (a number)")),
        (_, Value::String(s)) => {
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
pub fn document(v: &Value, _path: &Path<'_>) -> Result<Value, DeError> {
    Ok(v.clone())
}

/// A dense list. `null` members are skipped in a response (the wire may carry them, the model
/// does not) and are an error in a request.
pub fn list<T>(
    v: &Value,
    path: &Path<'_>,
    item: impl Fn(&Value, &Path<'_>) -> Result<T, DeError>,
) -> Result<Vec<T>, DeError> {
    let arr = v.as_array().ok_or_else(|| expected(v, path, "an array"))?;
    let strict = path.is_request();
    arr.iter()
        .enumerate()
        .filter(|(_, v)| !v.is_null() || strict)
        .map(|(i, v)| match v {
            Value::Null => Err(DeError::new(
                Path::Index(path, i),
                "null in a list that is not @sparse",
            )),
            v => item(v, &Path::Index(path, i)),
        })
        .collect()
}

/// A `@sparse` list: `null` members are kept as `None`.
pub fn sparse_list<T>(
    v: &Value,
    path: &Path<'_>,
    item: impl Fn(&Value, &Path<'_>) -> Result<T, DeError>,
) -> Result<Vec<Option<T>>, DeError> {
    let arr = v.as_array().ok_or_else(|| expected(v, path, "an array"))?;
    arr.iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::Null => Ok(None),
            v => item(v, &Path::Index(path, i)).map(Some),
        })
        .collect()
}

/// A dense map. Entries whose value is `null` are skipped in a response and are an error in a
/// request.
pub fn map<T>(
    v: &Value,
    path: &Path<'_>,
    value: impl Fn(&Value, &Path<'_>) -> Result<T, DeError>,
) -> Result<HashMap<String, T>, DeError> {
    let obj = object(v, path)?;
    let strict = path.is_request();
    obj.iter()
        .filter(|(_, v)| !v.is_null() || strict)
        .map(|(k, v)| match v {
            Value::Null => Err(DeError::new(
                Path::Key(path, k),
                "null value in a map that is not @sparse",
            )),
            v => Ok((k.clone(), value(v, &Path::Key(path, k))?)),
        })
        .collect()
}

/// A `@sparse` map: `null` values are kept as `None`.
pub fn sparse_map<T>(
    v: &Value,
    path: &Path<'_>,
    value: impl Fn(&Value, &Path<'_>) -> Result<T, DeError>,
) -> Result<HashMap<String, Option<T>>, DeError> {
    let obj = object(v, path)?;
    obj.iter()
        .map(|(k, v)| match v {
            Value::Null => Ok((k.clone(), None)),
            v => Ok((k.clone(), Some(value(v, &Path::Key(path, k))?))),
        })
        .collect()
}

/// The single member of a union object: `(name, value)`. `null` members are ignored; zero or
/// several set members are errors.
pub fn union_member<'v>(v: &'v Value, path: &Path<'_>) -> Result<(&'v str, &'v Value), DeError> {
    let obj = object(v, path)?;
    let mut set = obj
        .iter()
        .filter(|(k, v)| !v.is_null() && k.as_str() != "__type");
    match (set.next(), set.next()) {
        (Some((k, v)), None) => Ok((k.as_str(), v)),
        (None, _) => Err(DeError::new(
            path,
            "a union must have exactly one member set, found none",
        )),
        (Some(_), Some(_)) => Err(DeError::new(
            path,
            "a union must have exactly one member set, found several",
        )),
    }
}

/// Reads member `key` of `obj` with `read` (JSON `null` counts as absent).
pub fn member<T>(
    obj: &Map<String, Value>,
    path: &Path<'_>,
    key: &str,
    read: impl Fn(&Value, &Path<'_>) -> Result<T, DeError>,
) -> Result<Option<T>, DeError> {
    match field(obj, key) {
        Some(v) => read(v, &Path::Field(path, key)).map(Some),
        None => Ok(None),
    }
}

/// A string read into a generated enum (unknown values are kept by the enum's `From`).
pub fn string_into<E: From<String>>(v: &Value, path: &Path<'_>) -> Result<E, DeError> {
    string(v, path).map(E::from)
}

/// An integer read into a generated intEnum.
pub fn int_into<E: From<i32>>(v: &Value, path: &Path<'_>) -> Result<E, DeError> {
    integer::<i32>(v, path).map(E::from)
}

/// A `date-time` timestamp.
pub fn date_time(v: &Value, path: &Path<'_>) -> Result<DateTime, DeError> {
    timestamp(v, path, TimestampFormat::DateTime)
}

/// An `http-date` timestamp.
pub fn http_date(v: &Value, path: &Path<'_>) -> Result<DateTime, DeError> {
    timestamp(v, path, TimestampFormat::HttpDate)
}

/// An `epoch-seconds` timestamp (the JSON default).
pub fn epoch_seconds(v: &Value, path: &Path<'_>) -> Result<DateTime, DeError> {
    timestamp(v, path, TimestampFormat::EpochSeconds)
}

/// Writes `value` under `key` with `write`.
pub fn put<T: ?Sized>(
    obj: &mut Map<String, Value>,
    key: &str,
    value: &T,
    write: impl Fn(&T) -> Result<Value, String>,
) -> Result<(), String> {
    obj.insert(key.to_string(), write(value)?);
    Ok(())
}

/// Writes `value` under `key` when it is set (absent members are omitted, not `null`).
pub fn put_opt<T>(
    obj: &mut Map<String, Value>,
    key: &str,
    value: &Option<T>,
    write: impl Fn(&T) -> Result<Value, String>,
) -> Result<(), String> {
    if let Some(v) = value {
        obj.insert(key.to_string(), write(v)?);
    }
    Ok(())
}

/// Writes a member of a sparse collection: `null` when unset.
pub fn w_opt<T>(
    value: &Option<T>,
    write: impl Fn(&T) -> Result<Value, String>,
) -> Result<Value, String> {
    value.as_ref().map_or(Ok(Value::Null), write)
}

/// Writes a string, or a generated enum as its wire value.
pub fn w_str<S: AsRef<str> + ?Sized>(v: &S) -> Result<Value, String> {
    Ok(Value::String(v.as_ref().to_string()))
}

/// Writes a boolean.
pub fn w_bool(v: &bool) -> Result<Value, String> {
    Ok(Value::Bool(*v))
}

/// Writes an integer (`byte` … `long`).
pub fn w_int<T: Copy + Into<Value>>(v: &T) -> Result<Value, String> {
    Ok((*v).into())
}

/// Writes an intEnum as its wire value.
pub fn w_int_enum<E: Copy + Into<i32>>(v: &E) -> Result<Value, String> {
    Ok(Value::from((*v).into()))
}

/// Writes a `float`.
pub fn w_f32(v: &f32) -> Result<Value, String> {
    Ok(write_double(f64::from(*v)))
}

/// Writes a `double`.
pub fn w_f64(v: &f64) -> Result<Value, String> {
    Ok(write_double(*v))
}

/// Writes a `bigInteger`.
pub fn w_big_integer(v: &BigInteger) -> Result<Value, String> {
    Ok(write_big(v.as_str()))
}

/// Writes a `bigDecimal`.
pub fn w_big_decimal(v: &BigDecimal) -> Result<Value, String> {
    Ok(write_big(v.as_str()))
}

/// Writes a blob as base64.
pub fn w_blob<B: AsRef<[u8]> + ?Sized>(v: &B) -> Result<Value, String> {
    Ok(write_blob(v.as_ref()))
}

/// Writes a document as is.
pub fn w_document(v: &Value) -> Result<Value, String> {
    Ok(v.clone())
}

/// Writes a `date-time` timestamp.
pub fn w_date_time(v: &DateTime) -> Result<Value, String> {
    Ok(write_timestamp(v, TimestampFormat::DateTime))
}

/// Writes an `http-date` timestamp.
pub fn w_http_date(v: &DateTime) -> Result<Value, String> {
    Ok(write_timestamp(v, TimestampFormat::HttpDate))
}

/// Writes an `epoch-seconds` timestamp.
pub fn w_epoch_seconds(v: &DateTime) -> Result<Value, String> {
    Ok(write_timestamp(v, TimestampFormat::EpochSeconds))
}

/// Writes a `double`/`float`: non-finite values as the strings `NaN`, `Infinity`, `-Infinity`.
pub fn write_double(v: f64) -> Value {
    match Number::from_f64(v) {
        Some(n) => Value::Number(n),
        None if v.is_nan() => Value::String("NaN".into()),
        None if v > 0.0 => Value::String("Infinity".into()),
        None => Value::String("-Infinity".into()),
    }
}

/// Writes a timestamp in `format` (`epoch-seconds` as a number with a millisecond fraction).
pub fn write_timestamp(v: &DateTime, format: TimestampFormat) -> Value {
    match format {
        TimestampFormat::EpochSeconds if v.subsec_millis() == 0 => Value::from(v.secs()),
        TimestampFormat::EpochSeconds => write_double(v.as_secs_f64()),
        _ => Value::String(v.format(format)),
    }
}

/// Writes a blob as base64.
pub fn write_blob(v: &[u8]) -> Value {
    Value::String(super::base64_encode(v))
}

/// Writes a `bigInteger`/`bigDecimal` as a JSON number when it fits one exactly, else a string.
pub fn write_big(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Number(n)) if n.to_string() == text => Value::Number(n),
        _ => Value::String(text.to_string()),
    }
}

/// Writes a list, each member with `item`.
pub fn write_list<T>(
    items: &[T],
    item: impl Fn(&T) -> Result<Value, String>,
) -> Result<Value, String> {
    items
        .iter()
        .map(item)
        .collect::<Result<_, _>>()
        .map(Value::Array)
}

/// Writes a map with its keys sorted, so the same map always gives the same bytes.
pub fn write_map<T>(
    map: &HashMap<String, T>,
    value: impl Fn(&T) -> Result<Value, String>,
) -> Result<Value, String> {
    let mut entries: Vec<(&String, &T)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
        .into_iter()
        .map(|(k, v)| Ok((k.clone(), value(v)?)))
        .collect::<Result<Map<String, Value>, String>>()
        .map(Value::Object)
}

/// Serialises a body value.
pub fn to_bytes(v: &Value) -> bytes::Bytes {
    // Writing a `Value` to memory cannot fail: every key is a string and no I/O happens.
    bytes::Bytes::from(serde_json::to_vec(v).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_scalars_with_path_carrying_errors() {
        let root = Path::Root;
        let rooms = Path::Field(&root, "rooms");
        let first = Path::Index(&rooms, 0);
        let name = first.field("name");
        assert_eq!(string(&json!("x"), &name).unwrap(), "x");
        let err = string(&json!(5), &name).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at $.rooms[0].name: expected a string, found a number"
        );
        assert_eq!(integer::<i32>(&json!(7), &root).unwrap(), 7);
        assert!(
            integer::<i8>(&json!(300), &root)
                .unwrap_err()
                .message
                .contains("out of range")
        );
        assert!(
            integer::<i32>(&json!(1.5), &root)
                .unwrap_err()
                .message
                .contains("expected an integer")
        );
        assert!(boolean(&json!("true"), &root).is_err());
        // restJson1 `RestJsonSupportsNaNFloatInputs` / `...InfinityFloatInputs`.
        assert!(double(&json!("NaN"), &root).unwrap().is_nan());
        assert_eq!(
            float(&json!("-Infinity"), &root).unwrap(),
            f32::NEG_INFINITY
        );
        assert!(double(&json!("nan"), &root).is_err());
        assert_eq!(write_double(f64::INFINITY), json!("Infinity"));
        assert_eq!(write_double(1.5), json!(1.5));
    }

    #[test]
    fn reads_timestamps_blobs_and_big_numbers() {
        let root = Path::Root;
        let t = timestamp(&json!(1398796238), &root, TimestampFormat::EpochSeconds).unwrap();
        assert_eq!(t, DateTime::from_secs(1398796238).unwrap());
        let frac = timestamp(&json!(946845296.123), &root, TimestampFormat::EpochSeconds).unwrap();
        assert_eq!(frac.subsec_millis(), 123);
        assert_eq!(
            write_timestamp(&frac, TimestampFormat::EpochSeconds),
            json!(946845296.123)
        );
        assert_eq!(
            write_timestamp(&t, TimestampFormat::EpochSeconds),
            json!(1398796238)
        );
        assert_eq!(
            write_timestamp(&t, TimestampFormat::HttpDate),
            json!("Tue, 29 Apr 2014 18:30:38 GMT")
        );
        assert!(timestamp(&json!("1398796238"), &root, TimestampFormat::EpochSeconds).is_err());
        assert!(timestamp(&json!(5), &root, TimestampFormat::DateTime).is_err());
        assert_eq!(blob(&json!("dmFsdWU="), &root).unwrap(), b"value");
        assert!(
            blob(&json!("%%%"), &root)
                .unwrap_err()
                .message
                .contains("base64")
        );
        assert_eq!(big_integer(&json!(12), &root).unwrap().as_str(), "12");
        assert_eq!(write_big("12"), json!(12));
        assert_eq!(
            write_big("123456789012345678901234567890"),
            json!("123456789012345678901234567890")
        );
    }

    #[test]
    fn request_paths_read_strictly() {
        let (root, req) = (Path::Root, Path::Request);
        let below = req.field("a");
        let deep = Path::Index(&below, 3);
        assert!(deep.is_request() && !Path::Field(&root, "a").is_request());
        assert_eq!(deep.to_string(), "$.a[3]");
        // Dense collections: nulls are skipped in a response, rejected in a request.
        let v = json!(["a", null, "b"]);
        assert_eq!(list(&v, &root, string).unwrap(), ["a", "b"]);
        let e = list(&v, &req, string).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("$[1]", "null in a list that is not @sparse")
        );
        assert_eq!(sparse_list(&v, &req, string).unwrap()[1], None);
        let m = json!({"k": "v", "n": null});
        assert_eq!(map(&m, &root, string).unwrap().len(), 1);
        assert_eq!(map(&m, &below, string).unwrap_err().path, "$.a[\"n\"]");
        assert_eq!(sparse_map(&m, &req, string).unwrap()["n"], None);
        // date-time: offsets are read in a response, rejected in a request.
        let off = json!("1996-12-19T16:39:57-08:00");
        assert!(timestamp(&off, &root, TimestampFormat::DateTime).is_ok());
        let e = timestamp(&off, &below, TimestampFormat::DateTime).unwrap_err();
        assert_eq!(e.path, "$.a");
        assert!(
            timestamp(
                &json!("1996-12-19T16:39:57Z"),
                &req,
                TimestampFormat::DateTime
            )
            .is_ok()
        );
        // base64: unpadded input is read in a response, rejected in a request.
        assert_eq!(blob(&json!("eHl6"), &req).unwrap(), b"xyz");
        assert_eq!(blob(&json!("eHk"), &root).unwrap(), b"xy");
        assert!(
            blob(&json!("eHk"), &req)
                .unwrap_err()
                .message
                .contains("padded")
        );
    }

    #[test]
    fn reads_collections_and_unions() {
        let root = Path::Root;
        let v = json!(["a", null, "b"]);
        assert_eq!(list(&v, &root, string).unwrap(), ["a", "b"]);
        assert_eq!(
            sparse_list(&v, &root, string).unwrap(),
            [Some("a".into()), None, Some("b".into())]
        );
        let err = list(&json!(["a", 1]), &root, string).unwrap_err();
        assert_eq!(err.path, "$[1]");
        let m = json!({"k": "v", "n": null});
        assert_eq!(map(&m, &root, string).unwrap().len(), 1);
        assert_eq!(sparse_map(&m, &root, string).unwrap()["n"], None);
        assert_eq!(
            map(&json!({"k": 1}), &root, string).unwrap_err().path,
            "$[\"k\"]"
        );
        let u = json!({"s3": {}, "other": null, "__type": "x"});
        let (k, _) = union_member(&u, &root).unwrap();
        assert_eq!(k, "s3");
        assert!(
            union_member(&json!({}), &root)
                .unwrap_err()
                .message
                .contains("found none")
        );
        assert!(
            union_member(&json!({"a": 1, "b": 2}), &root)
                .unwrap_err()
                .message
                .contains("several")
        );
        let obj = json!({"a": null, "b": 1});
        let obj = object(&obj, &root).unwrap();
        assert!(field(obj, "a").is_none());
        assert!(field(obj, "b").is_some());
    }

    #[test]
    fn parses_bodies() {
        assert_eq!(parse(b"").unwrap(), json!({}));
        assert_eq!(parse(b" \n").unwrap(), json!({}));
        assert_eq!(parse(br#"{"a":1}"#).unwrap(), json!({"a": 1}));
        assert!(parse(b"{").unwrap_err().message.starts_with("invalid JSON"));
        assert_eq!(&to_bytes(&json!({"a": 1}))[..], br#"{"a":1}"#);
        let mut obj = Map::new();
        put(&mut obj, "s", "x", w_str).unwrap();
        put_opt(&mut obj, "absent", &None::<i32>, w_int).unwrap();
        put_opt(&mut obj, "n", &Some(3i64), w_int).unwrap();
        put(&mut obj, "t", &DateTime::from_secs(1).unwrap(), w_date_time).unwrap();
        put(
            &mut obj,
            "e",
            &DateTime::from_secs(1).unwrap(),
            w_epoch_seconds,
        )
        .unwrap();
        put(&mut obj, "b", &b"value".to_vec(), w_blob).unwrap();
        put(&mut obj, "f", &f32::NAN, w_f32).unwrap();
        put(&mut obj, "sparse", &vec![Some(true), None], |v| {
            write_list(v, |v| w_opt(v, w_bool))
        })
        .unwrap();
        let v = Value::Object(obj);
        assert_eq!(
            v,
            json!({"s": "x", "n": 3, "t": "1970-01-01T00:00:01Z", "e": 1, "b": "dmFsdWU=", "f": "NaN", "sparse": [true, null]})
        );
        let obj = object(&v, &Path::Root).unwrap();
        assert_eq!(
            member(obj, &Path::Root, "n", integer::<i64>).unwrap(),
            Some(3)
        );
        assert_eq!(
            member(obj, &Path::Root, "absent", integer::<i64>).unwrap(),
            None
        );
        assert_eq!(
            member(obj, &Path::Root, "t", date_time).unwrap(),
            Some(DateTime::from_secs(1).unwrap())
        );
        assert_eq!(
            member(obj, &Path::Root, "s", integer::<i64>)
                .unwrap_err()
                .path,
            "$.s"
        );
        assert_eq!(
            member(obj, &Path::Root, "e", epoch_seconds).unwrap(),
            Some(DateTime::from_secs(1).unwrap())
        );
        assert!(member(obj, &Path::Root, "t", http_date).is_err());
        let s: Option<String> = member(obj, &Path::Root, "s", string_into).unwrap();
        assert_eq!(s.as_deref(), Some("x"));
        let m: HashMap<String, i32> = [("b".to_string(), 2), ("a".to_string(), 1)].into();
        let written = write_map(&m, |v| Ok(Value::from(*v))).unwrap();
        assert_eq!(written.to_string(), r#"{"a":1,"b":2}"#);
        let l = write_list(&[1, 2], |v| Ok(Value::from(*v))).unwrap();
        assert_eq!(l, json!([1, 2]));
        assert_eq!(
            write_list(&[1], |_| Err("no".to_string())).unwrap_err(),
            "no"
        );
    }
}

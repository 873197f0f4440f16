//! What a generated operation handler reads a request from: labels, query, headers, body.

use std::collections::HashMap;
use std::str::FromStr;

use bytes::Bytes;
use http::{HeaderMap, Method, Uri};

use super::Rejection;
use super::routing::{BodyKind, RouteSpec};
use crate::wire::{DateTime, TimestampFormat, encode, header, json};

/// A query string as an ordered multimap of percent-decoded keys and values.
///
/// `+` is kept as a literal `+`: restJson1 follows RFC 3986 (clients encode a space as `%20`
/// and `+` as `%2B`), not HTML form encoding. A key without `=` has the value `""`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryMap {
    pairs: Vec<(String, String)>,
}

impl QueryMap {
    /// Parses a raw query string (without the `?`); fails when a part does not decode to UTF-8.
    pub fn parse(query: &str) -> Result<QueryMap, Rejection> {
        let mut pairs = Vec::new();
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let decode = |s: &str| {
                encode::decode(s)
                    .map_err(|e| Rejection::serialization(format!("query string: {e}")))
            };
            pairs.push((decode(k)?, decode(v)?));
        }
        Ok(QueryMap { pairs })
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `key`, in order (`?id=1&id=2` → `1`, `2`).
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `key` is present (with or without a value).
    pub fn contains(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    /// Every (key, value) pair, in order (for `@httpQueryParams` maps).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The first value of `key` parsed as a scalar (`wire::header::parse` rules: integers,
    /// booleans, floats with `NaN`/`Infinity`); a bad value is a 400 `SerializationException`.
    pub fn parse_first<T: FromStr>(&self, key: &str) -> Result<Option<T>, Rejection> {
        self.get(key)
            .map(|v| {
                header::parse(v)
                    .map_err(|e| Rejection::serialization(format!("query parameter `{key}`: {e}")))
            })
            .transpose()
    }
}

/// A routed request with its body read, handed to the generated dispatch function.
#[derive(Debug)]
pub struct Request {
    pub(crate) index: usize,
    pub(crate) spec: RouteSpec,
    pub(crate) parts: http::request::Parts,
    pub(crate) labels: Vec<(&'static str, String)>,
    pub(crate) query: QueryMap,
    pub(crate) body: Bytes,
    /// The server's body limit, which also bounds a decompressed body.
    pub(crate) body_limit: usize,
}

impl Request {
    /// For an operation with `@requestCompression`: when the last coding of
    /// `Content-Encoding` is one of `encodings` that this runtime decodes (gzip), the request
    /// with its body decoded and that coding taken off the header (so a member bound to
    /// `Content-Encoding` sees only the caller's codings). Other requests come back as they are.
    /// A body that does not decode is a 400 `SerializationException`; one that decodes past
    /// the body limit is a 413.
    #[cfg(feature = "compression")]
    pub fn decode_request_compression(mut self, encodings: &[&str]) -> Result<Request, Rejection> {
        use std::io::Read;
        let header = http::header::CONTENT_ENCODING;
        let Some(value) = self
            .parts
            .headers
            .get(&header)
            .and_then(|v| v.to_str().ok())
        else {
            return Ok(self);
        };
        let codings: Vec<&str> = value.split(',').map(str::trim).collect();
        let Some((last, rest)) = codings.split_last() else {
            return Ok(self);
        };
        if !(last.eq_ignore_ascii_case("gzip") && encodings.contains(&"gzip")) {
            return Ok(self);
        }
        let limit = self.body_limit;
        let mut decoded = Vec::new();
        let mut reader = flate2::read::GzDecoder::new(&self.body[..]).take(limit as u64 + 1);
        reader.read_to_end(&mut decoded).map_err(|e| {
            Rejection::serialization(format!("the gzip request body does not decode: {e}"))
        })?;
        if decoded.len() > limit {
            return Err(Rejection::payload_too_large(limit));
        }
        let rest = rest.join(", ");
        if rest.is_empty() {
            self.parts.headers.remove(&header);
        } else if let Ok(v) = http::HeaderValue::from_str(&rest) {
            self.parts.headers.insert(&header, v);
        }
        self.body = Bytes::from(decoded);
        Ok(self)
    }

    /// Index of the matched operation in the route table given to
    /// [`Server::new`](super::Server::new): the generated dispatcher `match`es on it.
    pub fn operation_index(&self) -> usize {
        self.index
    }

    /// The server's body limit in bytes ([`ServerConfig::body_limit`](super::ServerConfig::body_limit)).
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }

    /// Name of the matched operation.
    pub fn operation(&self) -> &'static str {
        self.spec.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.parts.method
    }

    /// The request URI as received.
    pub fn uri(&self) -> &Uri {
        &self.parts.uri
    }

    /// All request headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.parts.headers
    }

    /// Request extensions (what tower layers in front of the server attached).
    pub fn extensions(&self) -> &http::Extensions {
        &self.parts.extensions
    }

    /// A percent-decoded label value (`None` only if the pattern has no such label).
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A label parsed as a scalar; a bad value is a 400 `SerializationException`.
    pub fn label_parse<T: FromStr>(&self, name: &str) -> Result<Option<T>, Rejection> {
        self.label(name)
            .map(|v| {
                header::parse(v)
                    .map_err(|e| Rejection::serialization(format!("label `{name}`: {e}")))
            })
            .transpose()
    }

    /// A label read as a timestamp in `format` (`date-time` unless the member says otherwise).
    pub fn label_timestamp(
        &self,
        name: &str,
        format: TimestampFormat,
    ) -> Result<Option<DateTime>, Rejection> {
        self.label(name)
            .map(|v| {
                DateTime::parse(v, format)
                    .map_err(|e| Rejection::serialization(format!("label `{name}`: {e}")))
            })
            .transpose()
    }

    /// The decoded query string.
    pub fn query(&self) -> &QueryMap {
        &self.query
    }

    /// A header as text (the first value when repeated).
    pub fn header(&self, name: &str) -> Result<Option<&str>, Rejection> {
        header::text(&self.parts.headers, name).map_err(Rejection::serialization)
    }

    /// A header parsed as a scalar.
    pub fn header_parse<T: FromStr>(&self, name: &str) -> Result<Option<T>, Rejection> {
        self.header(name)?
            .map(|v| {
                header::parse(v)
                    .map_err(|e| Rejection::serialization(format!("header `{name}`: {e}")))
            })
            .transpose()
    }

    /// A list header: repeated headers joined, then split on commas outside quotes.
    pub fn header_list(&self, name: &str) -> Result<Option<Vec<String>>, Rejection> {
        let joined = header::joined(&self.parts.headers, name).map_err(Rejection::serialization)?;
        joined
            .map(|v| {
                header::split(&v)
                    .map_err(|e| Rejection::serialization(format!("header `{name}`: {e}")))
            })
            .transpose()
    }

    /// A timestamp header in `format` (`http-date` unless the member says otherwise).
    pub fn header_timestamp(
        &self,
        name: &str,
        format: TimestampFormat,
    ) -> Result<Option<DateTime>, Rejection> {
        self.header(name)?
            .map(|v| {
                DateTime::parse(v, format)
                    .map_err(|e| Rejection::serialization(format!("header `{name}`: {e}")))
            })
            .transpose()
    }

    /// A list-of-timestamps header; `http-date` members contain a comma themselves.
    pub fn header_timestamp_list(
        &self,
        name: &str,
        format: TimestampFormat,
    ) -> Result<Option<Vec<DateTime>>, Rejection> {
        let bad = |e: String| Rejection::serialization(format!("header `{name}`: {e}"));
        let Some(joined) =
            header::joined(&self.parts.headers, name).map_err(Rejection::serialization)?
        else {
            return Ok(None);
        };
        let dates = if format == TimestampFormat::HttpDate {
            header::split_http_dates(&joined).map_err(bad)?
        } else {
            header::split(&joined)
                .map_err(bad)?
                .iter()
                .map(|v| DateTime::parse(v, format).map_err(|e| bad(e.to_string())))
                .collect::<Result<_, _>>()?
        };
        Ok(Some(dates))
    }

    /// Headers starting with `prefix` (`@httpPrefixHeaders`), prefix removed.
    pub fn headers_with_prefix(&self, prefix: &str) -> Result<HashMap<String, String>, Rejection> {
        header::with_prefix(&self.parts.headers, prefix).map_err(Rejection::serialization)
    }

    /// The raw body bytes.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body as a JSON object (an empty body reads as `{}`). Invalid JSON, or JSON that is
    /// not an object (`[]`, `10`, `null`), is a 400 `SerializationException`.
    pub fn json(&self) -> Result<json::Doc<'_>, Rejection> {
        let value = json::parse(&self.body)?;
        json::object(&value, &json::Path::Root)?;
        Ok(value)
    }
}

/// The `type/subtype` of a media type, parameters dropped (compare it ignoring ASCII case).
fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or("").trim()
}

/// The media type of a blob payload without `@mediaType`: bytes of any kind.
const OCTET_STREAM: &str = "application/octet-stream";

/// The restJson1 `Content-Type` rules: with no modeled body, no `Content-Type` may come with a
/// non-empty body (an empty body may carry one: Smithy's
/// `RestJsonHeaderMalformedStringInvalidBase64MediaType` expects the header's own 400 there);
/// otherwise a non-empty body needs the modeled media type (parameters such as `charset` are
/// ignored), and an empty body may omit it. Violations are 415 `UnsupportedMediaTypeException`.
pub(crate) fn check_content_type(
    headers: &HeaderMap,
    body_is_empty: bool,
    kind: BodyKind,
) -> Result<(), Rejection> {
    let sent = match headers.get(http::header::CONTENT_TYPE) {
        None => None,
        Some(v) => Some(v.to_str().map_err(|_| {
            Rejection::unsupported_media_type("Content-Type is not valid text".into())
        })?),
    };
    // Arbitrary bytes (a blob payload without `@mediaType`) come with any media type or none
    // (Smithy's `RestJsonHttpPayloadTraitsWithBlobAcceptsAllContentTypes`).
    if kind.media_type() == Some(OCTET_STREAM) {
        return Ok(());
    }
    match (kind.media_type(), sent) {
        (None, None) => Ok(()),
        (None, Some(_)) if body_is_empty => Ok(()),
        (None, Some(sent)) => Err(Rejection::unsupported_media_type(format!(
            "this operation takes no request body, but Content-Type `{sent}` was sent"
        ))),
        (Some(_), None) if body_is_empty => Ok(()),
        (Some(expected), None) => Err(Rejection::unsupported_media_type(format!(
            "a request body needs Content-Type `{expected}`"
        ))),
        (Some(expected), Some(sent)) => {
            if essence(sent).eq_ignore_ascii_case(essence(expected)) {
                Ok(())
            } else {
                Err(Rejection::unsupported_media_type(format!(
                    "expected Content-Type `{expected}`, got `{sent}`"
                )))
            }
        }
    }
}

/// The `Accept` rule: when the response has a modeled body, an `Accept` header (if sent) must
/// allow its media type (`*/*`, `type/*` or the type itself); otherwise 406
/// `NotAcceptableException`.
pub(crate) fn check_accept(headers: &HeaderMap, kind: BodyKind) -> Result<(), Rejection> {
    // Arbitrary bytes suit any `Accept` (`RestJsonHttpPayloadTraitsWithBlobAcceptsAllAccepts`).
    let Some(produced) = kind.media_type().filter(|m| *m != OCTET_STREAM) else {
        return Ok(());
    };
    let produced = essence(produced);
    let (main, _) = produced.split_once('/').unwrap_or((produced, ""));
    let mut any_header = false;
    for value in headers.get_all(http::header::ACCEPT) {
        any_header = true;
        let Ok(text) = value.to_str() else { continue };
        for range in text.split(',') {
            let range = essence(range);
            if range == "*/*"
                || range.eq_ignore_ascii_case(produced)
                || range
                    .strip_suffix("/*")
                    .is_some_and(|m| m.eq_ignore_ascii_case(main))
            {
                return Ok(());
            }
        }
    }
    if any_header {
        Err(Rejection::not_acceptable(format!(
            "the response is `{produced}`, which the Accept header does not allow"
        )))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, http::HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn query_strings_decode_into_a_multimap() {
        let q = QueryMap::parse("a=1&b&a=2&c=x%20y+z&&d=%F0%9F%98%B9&e=").unwrap();
        assert_eq!(q.get("a"), Some("1"));
        assert_eq!(q.get_all("a").collect::<Vec<_>>(), ["1", "2"]);
        assert!(q.contains("b") && q.get("b") == Some(""));
        assert_eq!(q.get("c"), Some("x y+z"), "`+` stays literal");
        assert_eq!(q.get("d"), Some("😹"));
        assert_eq!(q.get("e"), Some(""));
        assert_eq!(q.iter().count(), 6);
        assert!(!q.contains("zz"));
        let err = QueryMap::parse("a=%FF").unwrap_err();
        assert_eq!(err.status(), 400);
        assert_eq!(err.error_type(), "SerializationException");
        assert_eq!(
            QueryMap::parse("n=12&b=x")
                .unwrap()
                .parse_first::<i32>("n")
                .unwrap(),
            Some(12)
        );
        assert!(
            QueryMap::parse("n=9999999999")
                .unwrap()
                .parse_first::<i32>("n")
                .is_err()
        );
    }

    #[test]
    fn content_type_rules() {
        let json = headers(&[("content-type", "application/json")]);
        let json_charset = headers(&[("content-type", "Application/JSON; charset=utf-8")]);
        let hal = headers(&[("content-type", "application/hal+json")]);
        let none = HeaderMap::new();
        assert!(check_content_type(&json, false, BodyKind::Json).is_ok());
        assert!(check_content_type(&json_charset, false, BodyKind::Json).is_ok());
        assert!(check_content_type(&none, true, BodyKind::Json).is_ok());
        assert!(check_content_type(&json, true, BodyKind::None).is_ok());
        for (h, empty, kind) in [
            (&hal, false, BodyKind::Json),
            (&none, false, BodyKind::Json),
            (&json, false, BodyKind::None),
            (&json, false, BodyKind::Payload("image/jpeg")),
        ] {
            let e = check_content_type(h, empty, kind).unwrap_err();
            assert_eq!(
                (e.status(), e.error_type()),
                (415, "UnsupportedMediaTypeException")
            );
        }
    }

    #[test]
    fn accept_rules() {
        for ok in [
            "application/json",
            "*/*",
            "application/*",
            "text/html, application/json;q=0.9",
        ] {
            assert!(
                check_accept(&headers(&[("accept", ok)]), BodyKind::Json).is_ok(),
                "{ok}"
            );
        }
        assert!(check_accept(&HeaderMap::new(), BodyKind::Json).is_ok());
        assert!(
            check_accept(
                &headers(&[("accept", "application/hal+json")]),
                BodyKind::None
            )
            .is_ok()
        );
        for bad in [
            ("application/hal+json", BodyKind::Json),
            ("application/json", BodyKind::Payload("image/jpeg")),
            ("application/json", BodyKind::Payload("text/plain")),
        ] {
            let e = check_accept(&headers(&[("accept", bad.0)]), bad.1).unwrap_err();
            assert_eq!(
                (e.status(), e.error_type()),
                (406, "NotAcceptableException")
            );
        }
    }

    #[test]
    fn blobs_without_media_type_take_any_content_type_and_accept() {
        let any = BodyKind::Payload(OCTET_STREAM);
        for h in [&[][..], &[("content-type", "image/jpeg")][..]] {
            assert!(check_content_type(&headers(h), false, any).is_ok(), "{h:?}");
        }
        assert!(check_accept(&headers(&[("accept", "image/jpeg")]), any).is_ok());
    }
}

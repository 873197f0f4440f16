//! Support for the protocol tests that `smithy-codegen` generates from a model's `smithy.test`
//! traits (feature `protocol-test`, a dev-dependency of generated crates only): a transport that
//! captures the client's request and answers with a canned response, driving a generated
//! router with one request, and the comparisons Smithy's protocol tests prescribe (bodies by
//! media type, query parameters in order, required and forbidden headers). Every check panics
//! with a message that names what differs, as a test assertion does.

pub mod client;
pub mod malformed;
pub mod server;

use bytes::Bytes;
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

/// The token Smithy's protocol tests expect for an `@idempotencyToken` member a case leaves
/// unset.
pub const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

thread_local! {
    pub(crate) static FIXED_TOKENS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// From now on, on this thread, generated clients fill unset `@idempotencyToken` members with
/// [`IDEMPOTENCY_TOKEN`] instead of a random UUID (tests run the client on their own thread).
pub fn fix_idempotency_tokens() {
    FIXED_TOKENS.with(|f| f.set(true));
}

/// Sends one request through a generated router (`{crate}::server::router(..)`) and collects
/// the whole response.
pub async fn call_router(
    router: axum::Router,
    request: http::Request<Bytes>,
) -> http::Response<Bytes> {
    let request = request.map(axum::body::Body::from);
    let response = match router.oneshot(request).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    let (parts, body) = response.into_parts();
    let body = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => panic!("the router's response body failed: {e}"),
    };
    let mut response = http::Response::from_parts(parts, body);
    // What hyper adds when it writes a whole body to the connection, which `oneshot` skips.
    let status = response.status();
    let headers = response.headers();
    if status != http::StatusCode::NO_CONTENT
        && status != http::StatusCode::NOT_MODIFIED
        && !headers.contains_key(http::header::CONTENT_LENGTH)
        && !headers.contains_key(http::header::TRANSFER_ENCODING)
    {
        let len = http::HeaderValue::from(response.body().len());
        response
            .headers_mut()
            .insert(http::header::CONTENT_LENGTH, len);
    }
    response
}

/// Compares a body as the protocol test's `bodyMediaType` says: JSON (`application/json`,
/// `*+json`) as JSON values, anything else byte for byte. An expected empty body matches an
/// empty actual one whatever the media type.
pub fn assert_body(media_type: Option<&str>, expected: &str, actual: &[u8]) {
    let json = media_type
        .map(|m| {
            let m = m.split(';').next().unwrap_or("").trim();
            m == "application/json" || m.ends_with("+json")
        })
        .unwrap_or(false);
    if json && !(expected.is_empty() && actual.is_empty()) {
        assert_json_eq(expected, actual);
    } else {
        assert_eq!(
            String::from_utf8_lossy(actual),
            expected,
            "body (compared as bytes; media type {media_type:?})"
        );
    }
}

/// Compares two JSON documents as values (key order and whitespace do not matter).
pub fn assert_json_eq(expected: &str, actual: &[u8]) {
    let e: serde_json::Value = match serde_json::from_str(expected) {
        Ok(v) => v,
        Err(err) => panic!("the test's expected body is not JSON ({err}): {expected}"),
    };
    let a: serde_json::Value = match serde_json::from_slice(actual) {
        Ok(v) => v,
        Err(err) => panic!(
            "the body is not JSON ({err}): {}",
            String::from_utf8_lossy(actual)
        ),
    };
    assert_eq!(a, e, "JSON body (left: actual, right: expected)");
}

/// Compares two values by their `Debug` renderings: what the tests use when a value holds a
/// NaN (which `PartialEq` never finds equal to itself).
pub fn assert_debug_eq<T: std::fmt::Debug>(actual: &T, expected: &T) {
    assert_eq!(format!("{actual:?}"), format!("{expected:?}"));
}

/// Percent-decodes `s` (invalid escapes are kept as they are).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A query string as decoded (name, value) pairs, in order; a bare name has no value.
fn query_pairs(query: &str) -> Vec<(String, Option<String>)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), Some(percent_decode(v))),
            None => (percent_decode(p), None),
        })
        .collect()
}

/// Checks a query string: `expected` pairs appear in this order (compared decoded, so
/// `%2F` and `%2f` agree), `forbid` names are absent and `require` names present.
pub fn assert_query(query: &str, expected: &[&str], forbid: &[&str], require: &[&str]) {
    let actual = query_pairs(query);
    let mut from = 0;
    for e in expected {
        let want = query_pairs(e);
        let Some(want) = want.first() else { continue };
        let bare = |(k, v): &(String, Option<String>)| (k.clone(), v.clone().unwrap_or_default());
        match actual[from..].iter().position(|a| bare(a) == bare(want)) {
            Some(i) => from += i + 1,
            None => panic!("query parameter `{e}` missing (or out of order) in `{query}`"),
        }
    }
    for f in forbid {
        assert!(
            !actual.iter().any(|(k, _)| k == f),
            "query parameter `{f}` must not be sent: `{query}`"
        );
    }
    for r in require {
        assert!(
            actual.iter().any(|(k, _)| k == r),
            "query parameter `{r}` is required: `{query}`"
        );
    }
}

/// Checks headers: `expected` values exactly (repeated headers joined with `, `), `forbid`
/// names absent, `require` names present; names are case-insensitive.
pub fn assert_headers(
    headers: &http::HeaderMap,
    expected: &[(&str, &str)],
    forbid: &[&str],
    require: &[&str],
) {
    for (name, value) in expected {
        let all: Vec<String> = headers
            .get_all(*name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        assert!(
            !all.is_empty(),
            "header `{name}` missing (headers: {headers:?})"
        );
        assert_eq!(all.join(", "), *value, "header `{name}`");
    }
    for f in forbid {
        assert!(
            !headers.contains_key(*f),
            "header `{f}` must not be sent: {headers:?}"
        );
    }
    for r in require {
        assert!(
            headers.contains_key(*r),
            "header `{r}` is required: {headers:?}"
        );
    }
}

/// `assert_eq!` with both sides of one type (so an empty `vec![]` needs no annotation),
/// naming the part compared.
pub fn assert_same<T: PartialEq + std::fmt::Debug>(actual: &T, expected: T, what: &str) {
    assert_eq!(*actual, expected, "{what}");
}

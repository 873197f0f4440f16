//! Support for the protocol tests that `smithy-codegen` generates from a model's `smithy.test`
//! traits (feature `protocol-test`, a dev-dependency of generated crates only): a transport that
//! captures the client's request and answers with a canned response, driving a generated
//! router with one request, and the comparisons Smithy's protocol tests prescribe (bodies by
//! media type, query parameters in order, required and forbidden headers). Every check panics
//! with a message that names what differs, as a test assertion does.

use bytes::Bytes;
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

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
    http::Response::from_parts(parts, body)
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

//! What generated `httpMalformedRequestTests` call: the request a case describes, a probe
//! that records whether an operation handler was reached (it never should be: the server
//! must reject the request first), and the response checks (status, listed headers, body by
//! `contents` or by a regex on its `message`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;

use crate::error::Unhandled;

/// The request of a malformed-request case (`HttpMalformedRequestDefinition`, interpolated).
#[derive(Clone, Copy, Debug)]
pub struct MalformedRequest<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Path without the query string.
    pub uri: &'a str,
    /// `Host` header, if the case gives one.
    pub host: Option<&'a str>,
    /// Query parameters as on the wire (`key=value`), joined with `&`.
    pub query: &'a [&'a str],
    /// Request headers.
    pub headers: &'a [(&'a str, &'a str)],
    /// Body, if any.
    pub body: Option<&'a str>,
}

impl MalformedRequest<'_> {
    /// The HTTP request. Panics (a test failure) if the case's method, URI or a header
    /// cannot be put into an HTTP request at all.
    pub fn build(&self) -> http::Request<Bytes> {
        let mut uri = self.uri.to_string();
        if !self.query.is_empty() {
            uri.push(if uri.contains('?') { '&' } else { '?' });
            uri.push_str(&self.query.join("&"));
        }
        let mut builder = http::Request::builder().method(self.method).uri(&uri);
        if let Some(host) = self.host {
            builder = builder.header(http::header::HOST, host);
        }
        for (name, value) in self.headers {
            builder = builder.header(*name, *value);
        }
        let body = Bytes::copy_from_slice(self.body.unwrap_or("").as_bytes());
        match builder.body(body) {
            Ok(r) => r,
            Err(e) => panic!(
                "the test's request {} {uri} is not a valid HTTP request: {e}",
                self.method
            ),
        }
    }
}

/// The body assertion of a case (`HttpMalformedResponseBodyAssertion`).
#[derive(Clone, Copy, Debug)]
pub enum BodyAssertion<'a> {
    /// The whole body, compared as [`super::assert_body`] does for this media type.
    Contents(&'a str),
    /// A regex the body's `message` field must match (searched, as the spec gives no anchors).
    MessageRegex(&'a str),
}

/// The expected response of a case (`HttpMalformedResponseDefinition`, interpolated).
#[derive(Clone, Copy, Debug)]
pub struct ExpectedResponse<'a> {
    /// Status code.
    pub code: u16,
    /// Headers that must be present with exactly these values; others are ignored.
    pub headers: &'a [(&'a str, &'a str)],
    /// (media type, assertion), if the case checks the body.
    pub body: Option<(&'a str, BodyAssertion<'a>)>,
}

/// Checks a response against the case; panics naming every difference.
pub fn assert_response(expected: &ExpectedResponse<'_>, response: &http::Response<Bytes>) {
    let body = String::from_utf8_lossy(response.body());
    let mut problems = Vec::new();
    if response.status().as_u16() != expected.code {
        problems.push(format!(
            "status {} (want {})",
            response.status().as_u16(),
            expected.code
        ));
    }
    for (name, want) in expected.headers {
        let got: Vec<&str> = response
            .headers()
            .get_all(*name)
            .iter()
            .map(|v| v.to_str().unwrap_or("<not visible ASCII>"))
            .collect();
        if got.join(", ") != *want {
            problems.push(format!("header {name}: {got:?} (want {want:?})"));
        }
    }
    if !problems.is_empty() {
        panic!("{}; body: {body}", problems.join("; "));
    }
    match expected.body {
        None => {}
        Some((media_type, BodyAssertion::Contents(contents))) => {
            super::assert_body(Some(media_type), contents, response.body())
        }
        Some((media_type, BodyAssertion::MessageRegex(pattern))) => {
            assert_message_matches(media_type, pattern, response.body())
        }
    }
}

/// The `messageRegex` assertion: the body (JSON for `application/json` and `*+json`) has a
/// string `message` that the regex matches.
pub fn assert_message_matches(media_type: &str, pattern: &str, body: &[u8]) {
    let text = String::from_utf8_lossy(body);
    let m = media_type.split(';').next().unwrap_or("").trim();
    if m != "application/json" && !m.ends_with("+json") {
        panic!("messageRegex with media type {media_type}: only JSON bodies are supported");
    }
    let doc: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => panic!("the body is not JSON ({e}): {text}"),
    };
    let Some(message) = doc.get("message").and_then(|m| m.as_str()) else {
        panic!("the body has no string `message`: {text}");
    };
    let re = match regex::Regex::new(pattern) {
        Ok(re) => re,
        Err(e) => panic!("the test's messageRegex {pattern:?} is not a regex: {e}"),
    };
    assert!(
        re.is_match(message),
        "message {message:?} does not match {pattern:?}"
    );
}

/// Records whether a handler of the test's service ran. Clones share the record.
#[derive(Clone, Debug, Default)]
pub struct Probe(Arc<AtomicBool>);

impl Probe {
    /// A new probe, not reached.
    pub fn new() -> Self {
        Self::default()
    }

    /// Called by a handler: records that it ran and gives the error it answers with (the
    /// server turns it into a 500).
    pub fn reached(&self, operation: &'static str) -> Unhandled {
        self.0.store(true, Ordering::SeqCst);
        Unhandled::service(
            http::StatusCode::INTERNAL_SERVER_ERROR,
            Some("HandlerReached".into()),
            Some(format!(
                "the {operation} handler ran for a malformed request"
            )),
            None,
        )
    }

    /// Panics if a handler ran: the server accepted a request the case says is malformed.
    pub fn assert_not_reached(&self, response: &http::Response<Bytes>) {
        assert!(
            !self.0.load(Ordering::SeqCst),
            "the operation handler was reached: the server accepted the malformed request \
             (status {}, body {})",
            response.status(),
            String::from_utf8_lossy(response.body())
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(code: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Bytes> {
        let mut b = http::Response::builder().status(code);
        for (n, v) in headers {
            b = b.header(*n, *v);
        }
        b.body(Bytes::from(body.to_string())).unwrap()
    }

    #[test]
    fn requests_carry_query_host_headers_and_body() {
        let r = MalformedRequest {
            method: "POST",
            uri: "/a/1",
            host: Some("example.com"),
            query: &["x=1", "y"],
            headers: &[("content-type", "application/json")],
            body: Some("{}"),
        }
        .build();
        assert_eq!(r.uri(), "/a/1?x=1&y");
        assert_eq!(r.headers()["host"], "example.com");
        assert_eq!(r.headers()["content-type"], "application/json");
        assert_eq!(r.body().as_ref(), b"{}");
    }

    #[test]
    fn responses_pass_when_status_listed_headers_and_body_match() {
        let r = response(
            400,
            &[
                ("X-Amzn-Errortype", "SerializationException"),
                ("other", "x"),
            ],
            r#"{"message": "bad int at $.a"}"#,
        );
        let headers = &[("x-amzn-errortype", "SerializationException")];
        assert_response(
            &ExpectedResponse {
                code: 400,
                headers,
                body: Some((
                    "application/json",
                    BodyAssertion::Contents(r#"{ "message" : "bad int at $.a" }"#),
                )),
            },
            &r,
        );
        assert_response(
            &ExpectedResponse {
                code: 400,
                headers,
                body: Some(("application/json", BodyAssertion::MessageRegex("bad int.*"))),
            },
            &r,
        );
    }

    #[test]
    #[should_panic(expected = "status 200 (want 400)")]
    fn a_wrong_status_fails() {
        let r = response(200, &[], "{}");
        assert_response(
            &ExpectedResponse {
                code: 400,
                headers: &[],
                body: None,
            },
            &r,
        );
    }

    #[test]
    #[should_panic(expected = "header x-amzn-errortype")]
    fn a_missing_header_fails() {
        let r = response(400, &[], "{}");
        assert_response(
            &ExpectedResponse {
                code: 400,
                headers: &[("x-amzn-errortype", "SerializationException")],
                body: None,
            },
            &r,
        );
    }

    #[test]
    #[should_panic(expected = "does not match")]
    fn a_message_the_regex_misses_fails() {
        assert_message_matches("application/json", "^int", br#"{"message": "blob"}"#);
    }

    #[test]
    #[should_panic(expected = "handler was reached")]
    fn a_reached_probe_fails() {
        let p = Probe::new();
        let _ = p.clone().reached("Op");
        p.assert_not_reached(&response(500, &[], ""));
    }
}

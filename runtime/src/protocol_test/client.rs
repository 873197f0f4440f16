//! Client side: a transport that records the request and answers with a canned response, and
//! the request comparison of `httpRequestTests`.

use std::sync::{Arc, Mutex};

use bytes::Bytes;

use crate::client::{BoxFuture, HttpClient, TransportError};

/// A transport that keeps every request it is given and answers each with the same canned
/// response (200 with an empty body unless [`CapturingClient::responding`] says otherwise).
#[derive(Clone, Debug)]
pub struct CapturingClient {
    seen: Arc<Mutex<Vec<http::Request<Bytes>>>>,
    answer: Arc<Answer>,
}

/// The canned response: status, headers, body.
type Answer = (u16, Vec<(String, String)>, Bytes);

impl Default for CapturingClient {
    fn default() -> Self {
        Self::responding(200, &[], "")
    }
}

impl CapturingClient {
    /// A transport answering 200 with no headers and an empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// A transport answering `code` with `headers` and `body`.
    pub fn responding(code: u16, headers: &[(&str, &str)], body: &str) -> Self {
        CapturingClient {
            seen: Arc::default(),
            answer: Arc::new((
                code,
                headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                Bytes::copy_from_slice(body.as_bytes()),
            )),
        }
    }

    /// The one request sent so far (panics when there is none or several).
    pub fn request(&self) -> http::Request<Bytes> {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        match seen.as_slice() {
            [one] => {
                let mut r = http::Request::new(one.body().clone());
                *r.method_mut() = one.method().clone();
                *r.uri_mut() = one.uri().clone();
                *r.headers_mut() = one.headers().clone();
                r
            }
            other => panic!(
                "expected exactly one request, the client sent {}",
                other.len()
            ),
        }
    }
}

impl HttpClient for CapturingClient {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(request);
        let answer = self.answer.clone();
        Box::pin(async move {
            let (code, headers, body) = &*answer;
            let mut response = http::Response::new(body.clone());
            *response.status_mut() = match http::StatusCode::from_u16(*code) {
                Ok(s) => s,
                Err(e) => panic!("the test's response code {code} is not a status: {e}"),
            };
            for (k, v) in headers {
                let name = http::HeaderName::try_from(k.as_str());
                let value = http::HeaderValue::try_from(v.as_str());
                match (name, value) {
                    (Ok(n), Ok(v)) => {
                        response.headers_mut().append(n, v);
                    }
                    _ => panic!("the test's response header {k}: {v} is not valid HTTP"),
                }
            }
            Ok(response)
        })
    }
}

/// What an `httpRequestTests` case expects of the request (members left empty or `None` are
/// not checked).
#[derive(Clone, Debug, Default)]
pub struct ExpectedRequest<'a> {
    /// `method`.
    pub method: &'a str,
    /// `uri`: the path, without the query string.
    pub uri: &'a str,
    /// `resolvedHost`: the host the request went to.
    pub resolved_host: Option<&'a str>,
    /// `queryParams`, in order (`name=value`, percent-encoded, or a bare `name`).
    pub query_params: &'a [&'a str],
    /// `forbidQueryParams`: names that must not appear.
    pub forbid_query_params: &'a [&'a str],
    /// `requireQueryParams`: names that must appear.
    pub require_query_params: &'a [&'a str],
    /// `headers`: exact values (repeated headers joined with `, `).
    pub headers: &'a [(&'a str, &'a str)],
    /// `forbidHeaders`.
    pub forbid_headers: &'a [&'a str],
    /// `requireHeaders`.
    pub require_headers: &'a [&'a str],
    /// `body`, when the case gives one.
    pub body: Option<&'a str>,
    /// `bodyMediaType`.
    pub body_media_type: Option<&'a str>,
}

/// Checks `request` against every part of `expected`, panicking with what differs.
pub fn assert_request(request: &http::Request<Bytes>, expected: &ExpectedRequest<'_>) {
    assert_eq!(request.method().as_str(), expected.method, "method");
    assert_eq!(request.uri().path(), expected.uri, "path");
    if let Some(host) = expected.resolved_host {
        let actual = request
            .uri()
            .authority()
            .map(|a| a.host().to_string())
            .unwrap_or_default();
        assert_eq!(actual, host, "resolved host");
    }
    super::assert_query(
        request.uri().query().unwrap_or(""),
        expected.query_params,
        expected.forbid_query_params,
        expected.require_query_params,
    );
    super::assert_headers(
        request.headers(),
        expected.headers,
        expected.forbid_headers,
        expected.require_headers,
    );
    if let Some(body) = expected.body {
        super::assert_body(expected.body_media_type, body, request.body());
    }
}

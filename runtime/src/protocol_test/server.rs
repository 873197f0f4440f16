//! Server side: the request of an `httpRequestTests` case, the comparison of an
//! `httpResponseTests` case, and a slot the generated test service keeps values in.

use std::any::Any;
use std::sync::{Arc, Mutex};

use bytes::Bytes;

/// Builds the request a case describes: `uri` with `query_params` appended (already encoded),
/// a `Host` header when the case names one, then the case's headers and body.
pub fn request(
    method: &str,
    uri: &str,
    query_params: &[&str],
    host: Option<&str>,
    headers: &[(&str, &str)],
    body: &str,
) -> http::Request<Bytes> {
    let mut target = uri.to_string();
    if !query_params.is_empty() {
        target.push(if target.contains('?') { '&' } else { '?' });
        target.push_str(&query_params.join("&"));
    }
    let mut builder = http::Request::builder().method(method).uri(&target);
    if let Some(h) = host {
        builder = builder.header(http::header::HOST, h.split('/').next().unwrap_or(h));
    }
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    match builder.body(Bytes::copy_from_slice(body.as_bytes())) {
        Ok(r) => r,
        Err(e) => panic!("the test's request ({method} {target}) is not valid HTTP: {e}"),
    }
}

/// What an `httpResponseTests` case expects of the response (empty members are not checked).
#[derive(Clone, Debug, Default)]
pub struct ExpectedResponse<'a> {
    /// `code`.
    pub code: u16,
    /// `headers`: exact values.
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

/// Checks `response` against `expected`, panicking with what differs.
pub fn assert_response(response: &http::Response<Bytes>, expected: &ExpectedResponse<'_>) {
    assert_eq!(
        response.status().as_u16(),
        expected.code,
        "status (body: {})",
        String::from_utf8_lossy(response.body())
    );
    super::assert_headers(
        response.headers(),
        expected.headers,
        expected.forbid_headers,
        expected.require_headers,
    );
    if let Some(body) = expected.body {
        super::assert_body(expected.body_media_type, body, response.body());
    }
}

/// One value of any type, shared between a test and the service it runs: the input an
/// operation received, or the result it must return.
#[derive(Clone, Debug, Default)]
pub struct Slot(Arc<Mutex<Option<Box<dyn Any + Send>>>>);

impl Slot {
    /// Stores `value`, replacing what was there.
    pub fn put<T: Any + Send>(&self, value: T) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(value));
    }

    /// Takes the value out if it is a `T` (a value of another type stays).
    pub fn take<T: Any + Send>(&self) -> Option<T> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match slot.take().map(|b| b.downcast::<T>()) {
            Some(Ok(v)) => Some(*v),
            Some(Err(other)) => {
                *slot = Some(other);
                None
            }
            None => None,
        }
    }
}

/// The HTTP request a generated client's serializer (`ser_request`) made, addressed to the
/// router (`http://localhost` + path and query).
pub fn from_operation_request(r: crate::client::OperationRequest) -> http::Request<Bytes> {
    let mut request = http::Request::new(r.body);
    *request.method_mut() = r.method;
    *request.uri_mut() = match format!("http://localhost{}", r.path_and_query).parse() {
        Ok(u) => u,
        Err(e) => panic!(
            "the serialized path `{}` is not a URI: {e}",
            r.path_and_query
        ),
    };
    *request.headers_mut() = r.headers;
    request
}

//! Responses: success and modeled-error responses built by generated code, and the framework's
//! own error responses ([`Rejection`]).

use std::borrow::Cow;
use std::fmt;

use axum::body::Body;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::wire::json::DeError;

/// The response type of the server (an axum body, so tower/axum layers apply unchanged).
pub type Response = http::Response<Body>;

/// The header naming the error shape of an error response.
pub const ERROR_TYPE_HEADER: &str = "x-amzn-errortype";

/// A request the framework refuses before (or instead of) calling the operation: routing,
/// media type, size, deserialization and validation failures, and internal errors.
///
/// Renders as a restJson1 error: the status, `X-Amzn-Errortype: <error_type>`, and a JSON body
/// `{"message": ...}` (or the body given to [`Rejection::with_body`]).
#[derive(Clone, Debug)]
pub struct Rejection(Box<RejectionInner>);

// Boxed: `Result<T, Rejection>` is returned everywhere, so the error side stays one pointer.
#[derive(Clone, Debug)]
struct RejectionInner {
    status: StatusCode,
    error_type: Cow<'static, str>,
    message: String,
    body: Option<Bytes>,
    headers: HeaderMap,
}

impl Rejection {
    /// A rejection with any status and error type; the body is `{"message": message}`.
    pub fn new(
        status: StatusCode,
        error_type: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        Rejection(Box::new(RejectionInner {
            status,
            error_type: error_type.into(),
            message: message.into(),
            body: None,
            headers: HeaderMap::new(),
        }))
    }

    /// 400 `SerializationException`: the request could not be read into the operation input
    /// (malformed JSON, wrong JSON type, unparsable header, label or query value).
    pub fn serialization(message: impl fmt::Display) -> Self {
        Rejection::new(
            StatusCode::BAD_REQUEST,
            "SerializationException",
            message.to_string(),
        )
    }

    /// 404 `UnknownOperationException`: no route matches.
    pub fn not_found(message: String) -> Self {
        Rejection::new(StatusCode::NOT_FOUND, "UnknownOperationException", message)
    }

    /// 405 `UnknownOperationException` with an `Allow` header: the path matches operations,
    /// but none with this method (so, like a 404, no operation is named by the request).
    pub fn method_not_allowed(message: String, allowed: &[http::Method]) -> Self {
        let mut r = Rejection::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "UnknownOperationException",
            message,
        );
        let allow = allowed
            .iter()
            .map(http::Method::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        if let Ok(v) = HeaderValue::from_str(&allow) {
            r.0.headers.insert(http::header::ALLOW, v);
        }
        r
    }

    /// 415 `UnsupportedMediaTypeException`.
    pub fn unsupported_media_type(message: String) -> Self {
        Rejection::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UnsupportedMediaTypeException",
            message,
        )
    }

    /// 406 `NotAcceptableException`.
    pub fn not_acceptable(message: String) -> Self {
        Rejection::new(
            StatusCode::NOT_ACCEPTABLE,
            "NotAcceptableException",
            message,
        )
    }

    /// 413 `RequestEntityTooLargeException`: the body exceeds the configured limit.
    pub fn payload_too_large(limit: usize) -> Self {
        Rejection::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLargeException",
            format!("the request body is larger than the limit of {limit} bytes"),
        )
    }

    /// 500 `InternalServerException`. The message goes to the client: keep details out of it.
    pub fn internal(message: impl Into<String>) -> Self {
        Rejection::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerException",
            message,
        )
    }

    /// Replaces the `{"message": ...}` body with a JSON body of the caller's (e.g. a framework
    /// `ValidationException` with its `fieldList`).
    pub fn with_body(mut self, json: impl Into<Bytes>) -> Self {
        self.0.body = Some(json.into());
        self
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.0.status.as_u16()
    }

    /// The error shape name sent in `X-Amzn-Errortype`.
    pub fn error_type(&self) -> &str {
        &self.0.error_type
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Renders the error response.
    pub fn into_response(self) -> Response {
        let this = *self.0;
        let body = this.body.unwrap_or_else(|| {
            crate::wire::json::to_bytes(&serde_json::json!({ "message": this.message }))
        });
        let mut response = http::Response::new(Body::from(body));
        *response.status_mut() = this.status;
        let headers = response.headers_mut();
        *headers = this.headers;
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        // An error type is an identifier; anything else would be a bug, so fall back rather than fail.
        let error_type = HeaderValue::from_str(&this.error_type)
            .unwrap_or_else(|_| HeaderValue::from_static("InternalServerException"));
        headers.insert(ERROR_TYPE_HEADER, error_type);
        response
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (HTTP {}): {}",
            self.0.error_type,
            self.0.status.as_u16(),
            self.0.message
        )
    }
}

impl std::error::Error for Rejection {}

impl From<DeError> for Rejection {
    fn from(e: DeError) -> Self {
        Rejection::serialization(e)
    }
}

impl axum::response::IntoResponse for Rejection {
    fn into_response(self) -> Response {
        Rejection::into_response(self)
    }
}

/// The status of a response whose output binds `@httpResponseCode`: the member's value when it
/// is an HTTP status (100..=999), else `default`, the operation's `@http` code. An unset
/// member, or one left at its zero default, must not become status 0.
pub fn response_code(value: Option<i32>, default: u16) -> u16 {
    value
        .and_then(|v| u16::try_from(v).ok())
        .filter(|v| StatusCode::from_u16(*v).is_ok())
        .unwrap_or(default)
}

/// Builds a success or modeled-error response for generated code.
///
/// Header problems (a value HTTP cannot carry) are remembered and reported by the final call as
/// a 500 [`Rejection`], so generated code needs a single `?`.
///
/// ```
/// use smithy_runtime::server::ResponseBuilder;
/// let ok = ResponseBuilder::new(200).header("x-count", "3").json(r#"{"id":"a"}"#).unwrap();
/// assert_eq!(ok.headers()["content-type"], "application/json");
/// let err = ResponseBuilder::error(404, "ResourceNotFoundException").json(r#"{"message":"gone"}"#).unwrap();
/// assert_eq!(err.headers()["x-amzn-errortype"], "ResourceNotFoundException");
/// ```
#[derive(Debug)]
pub struct ResponseBuilder {
    status: Result<StatusCode, String>,
    headers: HeaderMap,
    problem: Option<String>,
}

impl ResponseBuilder {
    /// A response with the `@http` (or `@httpResponseCode`) status.
    pub fn new(status: u16) -> Self {
        ResponseBuilder {
            status: StatusCode::from_u16(status)
                .map_err(|_| format!("{status} is not an HTTP status code")),
            headers: HeaderMap::new(),
            problem: None,
        }
    }

    /// A modeled error response: the `@httpError` status (or 400/500 from `@error`) and
    /// `X-Amzn-Errortype: <shape name>`.
    pub fn error(status: u16, error_type: &str) -> Self {
        ResponseBuilder::new(status).header(ERROR_TYPE_HEADER, error_type)
    }

    /// Sets a header (replacing earlier values of the same name).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(n), Ok(v)) => {
                self.headers.insert(n, v);
            }
            _ => {
                self.problem.get_or_insert_with(|| {
                    format!("response header `{name}` cannot carry its value")
                });
            }
        }
        self
    }

    /// Adds a header value, keeping earlier values of the same name.
    pub fn append_header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(n), Ok(v)) => {
                self.headers.append(n, v);
            }
            _ => {
                self.problem.get_or_insert_with(|| {
                    format!("response header `{name}` cannot carry its value")
                });
            }
        }
        self
    }

    /// Finishes with a JSON body (`Content-Type: application/json`).
    pub fn json(self, body: impl Into<Bytes>) -> Result<Response, Rejection> {
        self.finish(Some(("application/json", body.into())))
    }

    /// Finishes with an `@httpPayload` body of the given media type.
    pub fn payload(
        self,
        content_type: &str,
        body: impl Into<Bytes>,
    ) -> Result<Response, Rejection> {
        let ct = HeaderValue::from_str(content_type).map_err(|_| {
            Rejection::internal(format!("`{content_type}` is not a valid Content-Type"))
        })?;
        let mut b = self;
        b.headers.insert(http::header::CONTENT_TYPE, ct);
        b.finish(Some(("", body.into())))
    }

    /// Finishes with no body.
    pub fn empty(self) -> Result<Response, Rejection> {
        self.finish(None)
    }

    fn finish(mut self, body: Option<(&'static str, Bytes)>) -> Result<Response, Rejection> {
        if let Some(problem) = self.problem {
            return Err(Rejection::internal(problem));
        }
        let status = self.status.map_err(Rejection::internal)?;
        // 1xx, 204 and 304 responses carry no body (RFC 9110), whatever the operation returns.
        let bodiless = status.is_informational()
            || status == StatusCode::NO_CONTENT
            || status == StatusCode::NOT_MODIFIED;
        let body = match body {
            Some(_) if bodiless => {
                self.headers.remove(http::header::CONTENT_TYPE);
                Body::empty()
            }
            Some((content_type, bytes)) => {
                if !content_type.is_empty() {
                    self.headers.insert(
                        http::header::CONTENT_TYPE,
                        HeaderValue::from_static(content_type),
                    );
                }
                Body::from(bytes)
            }
            None => Body::empty(),
        };
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        *response.headers_mut() = self.headers;
        Ok(response)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn response_codes_outside_http_statuses_fall_back_to_the_operation_code() {
        assert_eq!(response_code(Some(201), 200), 201);
        assert_eq!(response_code(None, 202), 202);
        // A `@default(0)` member the handler never set.
        assert_eq!(response_code(Some(0), 202), 202);
        assert_eq!(response_code(Some(99), 200), 200);
        assert_eq!(response_code(Some(1000), 200), 200);
        assert_eq!(response_code(Some(-1), 200), 200);
        assert_eq!(response_code(Some(999), 200), 999);
    }

    use super::*;
    use http_body_util::BodyExt;

    async fn body_text(r: Response) -> String {
        let bytes = r.into_body().collect().await.unwrap().to_bytes();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn rejections_render_as_restjson1_errors() {
        let r = Rejection::serialization("at $.name: expected a string, found a number")
            .into_response();
        assert_eq!(r.status(), 400);
        assert_eq!(r.headers()["x-amzn-errortype"], "SerializationException");
        assert_eq!(r.headers()["content-type"], "application/json");
        assert_eq!(
            body_text(r).await,
            r#"{"message":"at $.name: expected a string, found a number"}"#
        );
        let r = Rejection::method_not_allowed("no".into(), &[http::Method::GET, http::Method::PUT])
            .into_response();
        assert_eq!(
            (r.status().as_u16(), &r.headers()["allow"]),
            (405, &HeaderValue::from_static("GET, PUT"))
        );
        let r = Rejection::new(StatusCode::BAD_REQUEST, "ValidationException", "m")
            .with_body(r#"{"message":"m","fieldList":[]}"#)
            .into_response();
        assert_eq!(body_text(r).await, r#"{"message":"m","fieldList":[]}"#);
    }

    #[tokio::test]
    async fn builder_sets_status_headers_and_body() {
        let r = ResponseBuilder::new(201)
            .header("x-a", "1")
            .append_header("x-l", "a")
            .append_header("x-l", "b")
            .payload("image/png", &b"\x89PNG"[..])
            .unwrap();
        assert_eq!(r.status(), 201);
        assert_eq!(r.headers()["content-type"], "image/png");
        assert_eq!(r.headers().get_all("x-l").iter().count(), 2);
        let bytes = r.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&bytes[..], b"\x89PNG");
    }

    #[tokio::test]
    async fn no_content_has_no_body_and_bad_headers_are_internal_errors() {
        let r = ResponseBuilder::new(204).json("{}").unwrap();
        assert_eq!(r.status(), 204);
        assert!(r.headers().get("content-type").is_none());
        assert_eq!(body_text(r).await, "");
        let e = ResponseBuilder::new(200)
            .header("x-a", "line\nbreak")
            .json("{}")
            .unwrap_err();
        assert_eq!(
            (e.status(), e.error_type()),
            (500, "InternalServerException")
        );
        assert!(ResponseBuilder::new(1000).empty().is_err());
    }
}

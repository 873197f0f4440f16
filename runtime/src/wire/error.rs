//! restJson1 error responses: which error, its message, and the request id.

use super::json::Doc;
use bytes::Bytes;

use crate::error::{BoxError, Unhandled};

/// The error code of a restJson1 error response: the `X-Amzn-Errortype` header, else the
/// body's `__type`, else its `code`. Anything after `:` is dropped and anything up to `#`
/// (a namespace) is dropped: `aws.protocoltests#FooError:http://…` → `FooError`.
pub fn code(headers: &http::HeaderMap, body: &Doc<'_>) -> Option<String> {
    let raw = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .or_else(|| body.get("__type").and_then(Doc::as_str))
        .or_else(|| body.get("code").and_then(Doc::as_str))?;
    let trimmed = raw.split(':').next().unwrap_or(raw);
    let trimmed = trimmed.rsplit('#').next().unwrap_or(trimmed).trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// The message of an error body: `message`, `Message` or `errorMessage`.
pub fn message(body: &Doc<'_>) -> Option<String> {
    ["message", "Message", "errorMessage"]
        .iter()
        .find_map(|k| body.get(k).and_then(Doc::as_str))
        .map(str::to_string)
}

/// The request id AWS services return (`x-amzn-requestid`, else `x-amz-request-id`).
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|h| headers.get(*h).and_then(|v| v.to_str().ok()))
        .map(str::to_string)
}

/// An [`Unhandled`] for a response that could not be parsed (`source` says why).
pub fn unparseable(response: &http::Response<Bytes>, source: impl Into<BoxError>) -> Unhandled {
    Unhandled::response(response.status(), request_id(response.headers()), source)
}

/// An [`Unhandled`] for an error response whose code the model does not know: status, code,
/// message and request id are kept.
pub fn unknown(
    response: &http::Response<Bytes>,
    code: Option<String>,
    body: &Doc<'_>,
) -> Unhandled {
    Unhandled::service(
        response.status(),
        code,
        message(body),
        request_id(response.headers()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses test JSON (leaked: tests only).
    fn json(text: &str) -> Doc<'static> {
        crate::wire::json::parse(Box::leak(text.to_string().into_boxed_str()).as_bytes()).unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, http::HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn finds_the_code_like_the_protocol_tests() {
        // restJson1 `RestJsonFooErrorUsingXAmznErrorType*` and `...Using__type*`, `...UsingCode`.
        let none = headers(&[]);
        for raw in [
            "FooError",
            "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "aws.protocoltests.restjson#FooError",
        ] {
            let h = headers(&[(
                "x-amzn-errortype",
                Box::leak(raw.to_string().into_boxed_str()),
            )]);
            assert_eq!(
                code(&h, &json(r#"{}"#)).as_deref(),
                Some("FooError"),
                "{raw}"
            );
            assert_eq!(
                code(&none, &json(&format!(r#"{{"__type": {raw:?}}}"#))).as_deref(),
                Some("FooError"),
                "{raw}"
            );
        }
        assert_eq!(
            code(&none, &json(r#"{"code": "FooError"}"#)).as_deref(),
            Some("FooError")
        );
        let both = headers(&[("x-amzn-errortype", "FromHeader")]);
        assert_eq!(
            code(&both, &json(r#"{"__type": "FromBody"}"#)).as_deref(),
            Some("FromHeader")
        );
        assert_eq!(code(&none, &json(r#"{}"#)), None);
        assert_eq!(code(&none, &json(r#"[]"#)), None);
    }

    #[test]
    fn finds_message_and_request_id() {
        assert_eq!(message(&json(r#"{"Message": "m"}"#)).as_deref(), Some("m"));
        assert_eq!(
            message(&json(r#"{"errorMessage": "e"}"#)).as_deref(),
            Some("e")
        );
        assert_eq!(message(&json(r#"{"other": "x"}"#)), None);
        let h = headers(&[("x-amz-request-id", "abc")]);
        assert_eq!(request_id(&h).as_deref(), Some("abc"));
        assert_eq!(request_id(&headers(&[])), None);
        let mut resp = http::Response::new(Bytes::from_static(b"{}"));
        *resp.status_mut() = http::StatusCode::BAD_REQUEST;
        resp.headers_mut()
            .insert("x-amzn-requestid", http::HeaderValue::from_static("r1"));
        let u = unknown(&resp, Some("Nope".into()), &json(r#"{"message": "m"}"#));
        assert_eq!(
            (u.code(), u.message(), u.request_id()),
            (Some("Nope"), Some("m"), Some("r1"))
        );
        assert_eq!(u.status(), Some(http::StatusCode::BAD_REQUEST));
        let p = unparseable(&resp, "bad json");
        assert_eq!(p.request_id(), Some("r1"));
        assert_eq!(p.kind(), crate::error::UnhandledKind::Response);
    }
}

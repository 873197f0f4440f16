//! What the credential endpoints share: one HTTP exchange under a timeout over the client's
//! own [`HttpClient`], and the JSON credential documents of IMDS, containers and processes.
//!
//! These are a handful of fixed requests, so they are written here by hand on the runtime's
//! transport rather than generated: the generated clients' send path signs, retries and
//! resolves endpoints in ways these calls must not (IMDS and SSO are unsigned).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use serde_json::Value;

use super::{Credentials, CredentialsError};
use crate::client::transport::HttpClient;

/// Why one exchange failed.
#[derive(Debug)]
pub(crate) enum CallError {
    /// No answer within the limit.
    TimedOut(Duration),
    /// The transport failed (connection refused, reset…).
    Transport(crate::client::TransportError),
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Duration's Debug prints `1s`, `500ms`: what a person wants to read.
            Self::TimedOut(limit) => write!(f, "timed out after {limit:?}"),
            Self::Transport(e) => write!(f, "{e}"),
        }
    }
}

/// Sends `request` and waits at most `limit` for the whole response.
pub(crate) async fn call(
    http: &Arc<dyn HttpClient>,
    request: http::Request<Bytes>,
    limit: Duration,
) -> Result<http::Response<Bytes>, CallError> {
    match tokio::time::timeout(limit, http.call(request)).await {
        Ok(Ok(response)) => Ok(response),
        Ok(Err(e)) => Err(CallError::Transport(e)),
        Err(_) => Err(CallError::TimedOut(limit)),
    }
}

/// A short, printable excerpt of a response body for error messages.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Parses an RFC 3339 timestamp (`2026-12-01T12:00:00Z`).
pub(crate) fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(SystemTime::from)
}

/// Reads `{"AccessKeyId", "SecretAccessKey", <token_key>, "Expiration"}` (IMDS, container
/// endpoints, `credential_process`). `what` names the source in errors.
pub(crate) fn credentials_json(
    body: &[u8],
    token_key: &str,
    what: &str,
) -> Result<Credentials, CredentialsError> {
    let doc: Value = serde_json::from_slice(body).map_err(|e| {
        CredentialsError::provider_error(format!(
            "{what} answered with malformed JSON ({e}): {}",
            excerpt(body)
        ))
    })?;
    let field = |name: &str| doc.get(name).and_then(Value::as_str);
    let required = |name: &str| {
        field(name).filter(|v| !v.is_empty()).ok_or_else(|| {
            CredentialsError::provider_error(format!("{what} answered without `{name}`"))
        })
    };
    let key = required("AccessKeyId")?;
    let secret = required("SecretAccessKey")?;
    let token = field(token_key).filter(|t| !t.is_empty());
    let mut credentials = Credentials::new(key, secret, token.map(str::to_string));
    if let Some(expiration) = field("Expiration") {
        let at = parse_rfc3339(expiration).ok_or_else(|| {
            CredentialsError::provider_error(format!(
                "{what} answered with an invalid `Expiration` {expiration:?} (want RFC 3339)"
            ))
        })?;
        credentials = credentials.with_expiry(at);
    }
    credentials
        .validate(what)
        .map_err(CredentialsError::provider_error)?;
    Ok(credentials)
}

//! Optional SigV4 verification as a tower layer.
//!
//! The request is re-signed with `aws-sigv4` from what it carries (the headers it says it
//! signed, the credential scope's region and service, the `x-amz-date` time, the body) and the
//! two signatures are compared in constant time; SigV4 is not computed by hand here.
//!
//! Not supported: presigned (query-string) signatures, `UNSIGNED-PAYLOAD`/streaming payload
//! hashes, SigV4a. Such requests are rejected.

use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use axum::body::Body;
use futures_util::future::BoxFuture;
use http::StatusCode;
use subtle::ConstantTimeEq;
use tower::{Layer, Service};

use super::{Rejection, Response, ServerConfig, read_body};
use crate::wire::{DateTime, TimestampFormat};

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// A tower layer that lets through only requests SigV4-signed with one access key and secret
/// (the emulator's `--verify-sigv4 KEY:SECRET`); others get a 403 restJson1 error:
/// `MissingAuthenticationTokenException` (no `Authorization`), `IncompleteSignatureException`
/// (malformed), `UnrecognizedClientException` (another access key) or
/// `InvalidSignatureException` (wrong signature, or `x-amz-date` more than the allowed skew
/// — 15 minutes by default — away from the server clock).
///
/// ```
/// use smithy_runtime::server::{SigV4VerifyLayer, axum};
/// let app: axum::Router = axum::Router::new().layer(SigV4VerifyLayer::new("AKID", "secret"));
/// ```
#[derive(Clone)]
pub struct SigV4VerifyLayer {
    config: Arc<VerifyConfig>,
}

#[derive(Clone)]
struct VerifyConfig {
    access_key: String,
    secret: String,
    body_limit: usize,
    max_skew: Duration,
    clock: Arc<dyn Fn() -> SystemTime + Send + Sync>,
}

impl std::fmt::Debug for SigV4VerifyLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigV4VerifyLayer")
            .field("access_key", &self.config.access_key)
            .field("secret", &"*** redacted ***")
            .field("body_limit", &self.config.body_limit)
            .field("max_skew", &self.config.max_skew)
            .finish()
    }
}

impl SigV4VerifyLayer {
    /// Accepts requests signed with this access key id and secret access key.
    pub fn new(access_key: impl Into<String>, secret: impl Into<String>) -> Self {
        SigV4VerifyLayer {
            config: Arc::new(VerifyConfig {
                access_key: access_key.into(),
                secret: secret.into(),
                body_limit: ServerConfig::DEFAULT_BODY_LIMIT,
                max_skew: Duration::from_secs(15 * 60),
                clock: Arc::new(SystemTime::now),
            }),
        }
    }

    /// The largest body read for verification (the layer must read it to hash it); larger
    /// requests get a 413. Defaults to the server's default limit.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        Arc::make_mut(&mut self.config).body_limit = bytes;
        self
    }

    /// The largest accepted distance between `x-amz-date` and the server clock (default 15 min).
    pub fn max_skew(mut self, skew: Duration) -> Self {
        Arc::make_mut(&mut self.config).max_skew = skew;
        self
    }

    /// Replaces the clock (for tests).
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Arc::make_mut(&mut self.config).clock = Arc::new(now);
        self
    }
}

impl<S> Layer<S> for SigV4VerifyLayer {
    type Service = SigV4Verify<S>;

    fn layer(&self, inner: S) -> Self::Service {
        SigV4Verify {
            inner,
            config: self.config.clone(),
        }
    }
}

/// The service [`SigV4VerifyLayer`] wraps around another.
#[derive(Clone)]
pub struct SigV4Verify<S> {
    inner: S,
    config: Arc<VerifyConfig>,
}

impl<S> std::fmt::Debug for SigV4Verify<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigV4Verify").finish_non_exhaustive()
    }
}

impl<S> Service<http::Request<Body>> for SigV4Verify<S>
where
    S: Service<http::Request<Body>, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        // The service that was polled ready is the one to call; leave a fresh clone behind.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let config = self.config.clone();
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let bytes = match read_body(body, &parts.headers, config.body_limit).await {
                Ok(bytes) => bytes,
                Err(rejection) => return Ok(rejection.into_response()),
            };
            if let Err(rejection) = verify(&config, &parts, &bytes) {
                return Ok(rejection.into_response());
            }
            inner
                .call(http::Request::from_parts(parts, Body::from(bytes)))
                .await
        })
    }
}

fn forbidden(error_type: &'static str, message: impl Into<String>) -> Rejection {
    Rejection::new(StatusCode::FORBIDDEN, error_type, message)
}

fn incomplete(message: impl Into<String>) -> Rejection {
    forbidden("IncompleteSignatureException", message)
}

fn mismatch() -> Rejection {
    forbidden(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. \
         Check your AWS Secret Access Key and signing method.",
    )
}

/// The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
#[derive(Debug, PartialEq, Eq)]
struct Authorization<'a> {
    access_key: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Result<Authorization<'_>, Rejection> {
    let rest = value
        .strip_prefix(ALGORITHM)
        .filter(|r| r.starts_with(' '))
        .ok_or_else(|| incomplete(format!("Authorization must use the {ALGORITHM} algorithm")))?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        let (key, v) = part.split_once('=').ok_or_else(|| {
            incomplete(format!("Authorization component `{part}` is not key=value"))
        })?;
        match key {
            "Credential" => credential = Some(v),
            "SignedHeaders" => signed = Some(v),
            "Signature" => signature = Some(v),
            _ => {}
        }
    }
    let missing =
        |what: &str| incomplete(format!("Authorization header requires a {what} component"));
    let credential = credential.ok_or_else(|| missing("Credential"))?;
    let signed = signed.ok_or_else(|| missing("SignedHeaders"))?;
    let signature = signature.ok_or_else(|| missing("Signature"))?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key, date, region, service, "aws4_request"] = scope[..] else {
        return Err(incomplete(
            "Credential must be <access key>/<yyyymmdd>/<region>/<service>/aws4_request",
        ));
    };
    if [access_key, date, region, service]
        .iter()
        .any(|s| s.is_empty())
    {
        return Err(incomplete("Credential has an empty component"));
    }
    Ok(Authorization {
        access_key,
        date,
        region,
        service,
        signed_headers: signed.split(';').collect(),
        signature,
    })
}

/// `20150830T123600Z` → the instant it names.
fn parse_amz_date(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b.iter()
            .enumerate()
            .all(|(i, c)| matches!(i, 8 | 15) || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let rfc3339 = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &text[0..4],
        &text[4..6],
        &text[6..8],
        &text[9..11],
        &text[11..13],
        &text[13..15]
    );
    DateTime::parse(&rfc3339, TimestampFormat::DateTime)
        .ok()
        .map(SystemTime::from)
}

fn verify(
    config: &VerifyConfig,
    parts: &http::request::Parts,
    body: &[u8],
) -> Result<(), Rejection> {
    let Some(header) = parts.headers.get(http::header::AUTHORIZATION) else {
        return Err(forbidden(
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        ));
    };
    let header = header
        .to_str()
        .map_err(|_| incomplete("Authorization header is not valid text"))?;
    let auth = parse_authorization(header)?;
    if auth.access_key != config.access_key {
        return Err(forbidden(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ));
    }
    let amz_date = parts
        .headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| incomplete("Authorization requires an x-amz-date header"))?;
    let time = parse_amz_date(amz_date)
        .ok_or_else(|| incomplete(format!("x-amz-date `{amz_date}` is not yyyyMMddTHHmmssZ")))?;
    if !amz_date.starts_with(auth.date) || auth.date.len() != 8 {
        return Err(forbidden(
            "InvalidSignatureException",
            format!(
                "Credential date {} does not match x-amz-date {amz_date}",
                auth.date
            ),
        ));
    }
    let now = (config.clock)();
    let skew = now
        .duration_since(time)
        .or_else(|_| time.duration_since(now))
        .unwrap_or_default();
    if skew > config.max_skew {
        return Err(forbidden(
            "InvalidSignatureException",
            format!(
                "Signature expired or not yet valid: x-amz-date {amz_date} is more than {} seconds away from the server time {}",
                config.max_skew.as_secs(),
                DateTime::from(now).format(TimestampFormat::DateTime)
            ),
        ));
    }
    if !auth.signed_headers.contains(&"host") {
        return Err(incomplete("SignedHeaders must include host"));
    }

    // The headers the client says it signed, as they arrived. aws-sigv4 adds `x-amz-date` (from
    // the signing time) and `x-amz-security-token` (from the identity) itself.
    let mut signed: Vec<(String, String)> = Vec::new();
    let mut session_token = None;
    for &name in &auth.signed_headers {
        let values: Vec<&str> = parts
            .headers
            .get_all(name)
            .iter()
            .map(|v| {
                v.to_str()
                    .map_err(|_| incomplete(format!("header `{name}` is not valid text")))
            })
            .collect::<Result<_, _>>()?;
        match name {
            "x-amz-date" => continue,
            "x-amz-security-token" => {
                session_token = values.first().map(|s| s.to_string());
                continue;
            }
            _ => {}
        }
        if values.is_empty() {
            // HTTP/2 carries the host in the URI authority, not in a header.
            match (name, parts.uri.authority()) {
                ("host", Some(authority)) => signed.push((name.to_string(), authority.to_string())),
                _ => {
                    return Err(incomplete(format!(
                        "signed header `{name}` is missing from the request"
                    )));
                }
            }
        }
        for v in values {
            signed.push((name.to_string(), v.to_string()));
        }
    }

    let identity = Credentials::new(
        config.access_key.clone(),
        config.secret.clone(),
        session_token,
        None,
        "smithy-runtime-sigv4-verify",
    )
    .into();
    // Default settings (double URI encoding, path normalisation: what clients of non-S3 services
    // use) but no excluded headers: whatever the client signed is signed again.
    let mut settings = SigningSettings::default();
    settings.excluded_headers = None;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(auth.region)
        .name(auth.service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| Rejection::internal(format!("SigV4 verification: {e}")))?
        .into();
    let uri = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
    let signable = SignableRequest::new(
        parts.method.as_str(),
        uri,
        signed.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(body),
    )
    .map_err(|_| mismatch())?;
    let expected = sign(signable, &params).map_err(|_| mismatch())?;
    let expected = expected.signature().as_bytes();
    // Constant time, so response timing does not reveal how much of a guess was right.
    if bool::from(expected.ct_eq(auth.signature.as_bytes())) {
        Ok(())
    } else {
        Err(mismatch())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_authorization_headers() {
        let a = parse_authorization(
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ivschat/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, Signature=abc123",
        )
        .unwrap();
        assert_eq!(
            a,
            Authorization {
                access_key: "AKID",
                date: "20150830",
                region: "us-east-1",
                service: "ivschat",
                signed_headers: vec!["content-type", "host", "x-amz-date"],
                signature: "abc123",
            }
        );
        for bad in [
            "Basic dXNlcjpwdw==",
            "AWS4-HMAC-SHA256",
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ivschat/aws4_request, SignedHeaders=host",
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/aws4_request, SignedHeaders=host, Signature=a",
            "AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/x/aws4_request, SignedHeaders=host, Signature=a",
            "AWS4-HMAC-SHA256 garbage",
        ] {
            let e = parse_authorization(bad).unwrap_err();
            assert_eq!(
                (e.status(), e.error_type()),
                (403, "IncompleteSignatureException"),
                "{bad}"
            );
        }
    }

    #[test]
    fn parses_amz_dates() {
        let t = parse_amz_date("20150830T123600Z").unwrap();
        assert_eq!(
            t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs(),
            1_440_938_160
        );
        for bad in [
            "20150830T123600",
            "2015-08-30T12:36:00Z",
            "20151330T123600Z",
            "2015083xT123600Z",
            "",
        ] {
            assert!(parse_amz_date(bad).is_none(), "{bad}");
        }
    }
}

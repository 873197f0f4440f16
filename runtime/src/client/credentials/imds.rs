//! EC2 instance metadata (IMDSv2): a session token from `PUT /latest/api/token`, then the
//! instance profile's role name and its credentials from
//! `/latest/meta-data/iam/security-credentials/`.
//!
//! Every exchange has a short timeout and one retry, so a laptop without IMDS gives up after
//! about two seconds. IMDSv1 (no token) is not used: an instance that refuses tokens is an
//! error, never a silent downgrade.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;

use super::chain::ChainSettings;
use super::http::{CallError, call, credentials_json, excerpt};
use super::{Credentials, CredentialsError};
use crate::client::transport::HttpClient;

/// Each exchange's limit; 1 s, as the AWS SDKs.
const TIMEOUT: Duration = Duration::from_secs(1);
/// Attempts per exchange (one retry), on timeouts, transport errors and 5xx answers.
const ATTEMPTS: u32 = 2;
/// The session token's lifetime we ask for (6 h, the maximum).
const TOKEN_TTL_SECS: u64 = 21_600;
const TOKEN_PATH: &str = "/latest/api/token";
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

/// An IMDS client for one endpoint.
#[derive(Debug)]
pub(crate) struct Imds {
    http: Arc<dyn HttpClient>,
    endpoint: String,
    /// The session token and when to stop using it.
    token: Mutex<Option<(String, Instant)>>,
}

impl Imds {
    /// The client the settings describe, or `Err(not loaded)` when IMDS is disabled.
    pub(crate) fn from_settings(
        settings: &ChainSettings,
        http: Arc<dyn HttpClient>,
    ) -> Result<Self, CredentialsError> {
        if let Some(v) = settings.env.get("AWS_EC2_METADATA_DISABLED")
            && v.trim().eq_ignore_ascii_case("true")
        {
            return Err(CredentialsError::not_loaded(
                "disabled by AWS_EC2_METADATA_DISABLED",
            ));
        }
        let endpoint = match settings
            .env
            .get("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            .or_else(|| settings.profile_value("ec2_metadata_service_endpoint"))
        {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => {
                let mode = settings
                    .env
                    .get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")
                    .or_else(|| settings.profile_value("ec2_metadata_service_endpoint_mode"))
                    .unwrap_or("IPv4");
                match mode.to_ascii_lowercase().as_str() {
                    "ipv4" => "http://169.254.169.254".to_string(),
                    "ipv6" => "http://[fd00:ec2::254]".to_string(),
                    other => {
                        return Err(CredentialsError::provider_error(format!(
                            "endpoint mode {other:?} is neither IPv4 nor IPv6"
                        )));
                    }
                }
            }
        };
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(CredentialsError::provider_error(format!(
                "endpoint {endpoint:?} must start with http:// or https://"
            )));
        }
        Ok(Self {
            http,
            endpoint,
            token: Mutex::new(None),
        })
    }

    /// The instance profile's credentials.
    pub(crate) async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let roles = self.get_with_token(CREDENTIALS_PATH).await?;
        let role = match roles.status().as_u16() {
            200 => String::from_utf8_lossy(roles.body())
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string(),
            404 => {
                return Err(CredentialsError::not_loaded(
                    "no instance profile (IAM role) on this instance (HTTP 404)",
                ));
            }
            _ => return Err(unexpected("listing the instance profile's role", &roles)),
        };
        if role.is_empty() {
            return Err(CredentialsError::not_loaded(
                "no instance profile (IAM role) on this instance (empty role list)",
            ));
        }
        let path = format!("{CREDENTIALS_PATH}{role}");
        let answer = self.get_with_token(&path).await?;
        match answer.status().as_u16() {
            200 => {}
            404 => {
                return Err(CredentialsError::provider_error(format!(
                    "unknown role `{role}` (HTTP 404 from {path})"
                )));
            }
            _ => return Err(unexpected(&format!("fetching role `{role}`"), &answer)),
        }
        let doc: serde_json::Value = serde_json::from_slice(answer.body()).unwrap_or_default();
        if let Some(code) = doc.get("Code").and_then(|c| c.as_str())
            && code != "Success"
        {
            return Err(CredentialsError::provider_error(format!(
                "role `{role}`: Code {code:?}: {}",
                doc.get("Message").and_then(|m| m.as_str()).unwrap_or("")
            )));
        }
        credentials_json(answer.body(), "Token", &format!("role `{role}`"))
    }

    /// GET `path` with a session token; a 401 (token expired or revoked) gets a new token
    /// and one more try.
    async fn get_with_token(&self, path: &str) -> Result<http::Response<Bytes>, CredentialsError> {
        let mut renewed = false;
        loop {
            let token = self.token().await?;
            let response = self.exchange(http::Method::GET, path, Some(&token)).await?;
            if response.status().as_u16() == 401 && !renewed {
                *self.token.lock().unwrap_or_else(|p| p.into_inner()) = None;
                renewed = true;
                continue;
            }
            if response.status().as_u16() == 401 {
                return Err(CredentialsError::provider_error(format!(
                    "{path} refused a fresh session token (HTTP 401)"
                )));
            }
            return Ok(response);
        }
    }

    /// The cached session token, or a new one from `PUT /latest/api/token`.
    async fn token(&self) -> Result<String, CredentialsError> {
        if let Some((token, until)) = &*self.token.lock().unwrap_or_else(|p| p.into_inner())
            && Instant::now() < *until
        {
            return Ok(token.clone());
        }
        let response = self.exchange(http::Method::PUT, TOKEN_PATH, None).await?;
        let token = match response.status().as_u16() {
            200 => String::from_utf8_lossy(response.body()).trim().to_string(),
            403 => {
                return Err(CredentialsError::provider_error(
                    "the token request was refused (HTTP 403): IMDS is disabled on this instance",
                ));
            }
            _ => return Err(unexpected("requesting a session token", &response)),
        };
        if token.is_empty() || http::HeaderValue::from_str(&token).is_err() {
            return Err(CredentialsError::provider_error(
                "the session token is empty or not a valid header value",
            ));
        }
        // Renewed a minute early, so it never expires between check and use.
        let until = Instant::now() + Duration::from_secs(TOKEN_TTL_SECS - 60);
        *self.token.lock().unwrap_or_else(|p| p.into_inner()) = Some((token.clone(), until));
        Ok(token)
    }

    /// One request with the timeout, retried once on timeouts, transport errors and 5xx.
    /// Not reachable at all is "not loaded": most machines have no IMDS.
    async fn exchange(
        &self,
        method: http::Method,
        path: &str,
        token: Option<&str>,
    ) -> Result<http::Response<Bytes>, CredentialsError> {
        let url = format!("{}{path}", self.endpoint);
        let mut attempt = 1;
        loop {
            let mut request = http::Request::new(Bytes::new());
            *request.method_mut() = method.clone();
            *request.uri_mut() = url.parse().map_err(|e| {
                CredentialsError::provider_error(format!("invalid IMDS URL {url:?}")).with_source(e)
            })?;
            let headers = request.headers_mut();
            match token.map(http::HeaderValue::from_str) {
                Some(Ok(token)) => headers.insert("x-aws-ec2-metadata-token", token),
                Some(Err(_)) => {
                    return Err(CredentialsError::provider_error(
                        "the session token is not a valid header value",
                    ));
                }
                None => headers.insert(
                    "x-aws-ec2-metadata-token-ttl-seconds",
                    http::HeaderValue::from(TOKEN_TTL_SECS),
                ),
            };
            if method == http::Method::PUT {
                headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(0));
            }
            match call(&self.http, request, TIMEOUT).await {
                Ok(response) if response.status().is_server_error() && attempt < ATTEMPTS => {}
                Ok(response) => return Ok(response),
                Err(_) if attempt < ATTEMPTS => {}
                Err(e @ CallError::TimedOut(_)) => {
                    return Err(CredentialsError::not_loaded(format!(
                        "{e} ({ATTEMPTS} attempts at {url})"
                    )));
                }
                Err(CallError::Transport(e)) => {
                    return Err(CredentialsError::not_loaded(format!(
                        "not reachable at {url}: {e}"
                    )));
                }
            }
            attempt += 1;
        }
    }
}

fn unexpected(doing: &str, response: &http::Response<Bytes>) -> CredentialsError {
    CredentialsError::provider_error(format!(
        "{doing}: HTTP {}: {}",
        response.status().as_u16(),
        excerpt(response.body())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::credentials::chain::tests::settings;

    #[derive(Debug)]
    struct NoHttp;
    impl HttpClient for NoHttp {
        fn call(
            &self,
            _: http::Request<Bytes>,
        ) -> crate::client::BoxFuture<
            'static,
            Result<http::Response<Bytes>, crate::client::TransportError>,
        > {
            Box::pin(async {
                Err(crate::client::TransportError::other(
                    "no network in unit tests",
                ))
            })
        }
    }

    #[test]
    fn endpoint_override_mode_and_disabling() {
        let endpoint = |env: &[(&str, &str)], config: &str| {
            Imds::from_settings(&settings(env, config), Arc::new(NoHttp)).map(|i| i.endpoint)
        };
        assert_eq!(endpoint(&[], "").unwrap(), "http://169.254.169.254");
        let v6 = "[default]\nec2_metadata_service_endpoint_mode = IPv6\n";
        assert_eq!(endpoint(&[], v6).unwrap(), "http://[fd00:ec2::254]");
        assert_eq!(
            endpoint(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv4")], v6).unwrap(),
            "http://169.254.169.254"
        );
        let custom = "[default]\nec2_metadata_service_endpoint = http://profile:1/\n";
        assert_eq!(endpoint(&[], custom).unwrap(), "http://profile:1");
        assert_eq!(
            endpoint(
                &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://env:2")],
                custom
            )
            .unwrap(),
            "http://env:2"
        );
        let err = endpoint(&[("AWS_EC2_METADATA_DISABLED", "TRUE")], "").unwrap_err();
        assert_eq!(err.kind(), crate::client::CredentialsErrorKind::NotLoaded);
        assert!(endpoint(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5")], "").is_err());
        assert!(
            endpoint(
                &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254")],
                ""
            )
            .is_err()
        );
    }
}

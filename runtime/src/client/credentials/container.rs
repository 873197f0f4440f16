//! Container credentials (ECS task roles, EKS Pod Identity): a GET of
//! `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` against `169.254.170.2`, or of
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI` (plain `http` only to the hosts the AWS SDKs allow),
//! with the `Authorization` header from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on
//! every fetch: EKS rotates it) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use super::chain::ChainSettings;
use super::http::{call, credentials_json, excerpt};
use super::{Credentials, CredentialsError};
use crate::client::transport::HttpClient;

/// Each attempt's limit.
const TIMEOUT: Duration = Duration::from_secs(2);
/// Attempts in all, on timeouts, transport errors and 5xx answers.
const ATTEMPTS: u32 = 2;
/// The ECS agent's address for relative URIs.
const ECS_HOST: &str = "http://169.254.170.2";

/// A container credentials endpoint.
#[derive(Debug)]
pub(crate) struct Container {
    http: Arc<dyn HttpClient>,
    url: http::Uri,
    token_file: Option<String>,
    token: Option<String>,
}

impl Container {
    /// The endpoint the environment names, or "not loaded" when neither variable is set.
    pub(crate) fn from_settings(
        settings: &ChainSettings,
        http: Arc<dyn HttpClient>,
    ) -> Result<Self, CredentialsError> {
        let env = &settings.env;
        let url = match (
            env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"),
            env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
        ) {
            (Some(relative), _) => {
                let sep = if relative.starts_with('/') { "" } else { "/" };
                format!("{ECS_HOST}{sep}{relative}")
            }
            (None, Some(full)) => full.to_string(),
            (None, None) => {
                return Err(CredentialsError::not_loaded(
                    "not configured (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and \
                     AWS_CONTAINER_CREDENTIALS_FULL_URI not set)",
                ));
            }
        };
        let uri: http::Uri = url.parse().map_err(|e| {
            CredentialsError::provider_error(format!("invalid credentials URI {url:?}"))
                .with_source(e)
        })?;
        check_host(&uri)?;
        Ok(Self {
            http,
            url: uri,
            token_file: env
                .get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
                .map(str::to_string),
            token: env
                .get("AWS_CONTAINER_AUTHORIZATION_TOKEN")
                .map(str::to_string),
        })
    }

    /// The credentials the endpoint hands out.
    pub(crate) async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let authorization = self.authorization()?;
        let mut attempt = 1;
        let what = format!("{}", self.url);
        loop {
            let mut request = http::Request::new(Bytes::new());
            *request.uri_mut() = self.url.clone();
            if let Some(value) = &authorization {
                request
                    .headers_mut()
                    .insert(http::header::AUTHORIZATION, value.clone());
            }
            request.headers_mut().insert(
                http::header::ACCEPT,
                http::HeaderValue::from_static("application/json"),
            );
            match call(&self.http, request, TIMEOUT).await {
                Ok(r) if r.status().is_server_error() && attempt < ATTEMPTS => {}
                Ok(r) if r.status().is_success() => {
                    return credentials_json(r.body(), "Token", &what);
                }
                Ok(r) => {
                    return Err(CredentialsError::provider_error(format!(
                        "{what}: HTTP {}: {}",
                        r.status().as_u16(),
                        excerpt(r.body())
                    )));
                }
                Err(_) if attempt < ATTEMPTS => {}
                Err(e) => {
                    return Err(CredentialsError::provider_error(format!(
                        "{what}: {e} ({ATTEMPTS} attempts)"
                    )));
                }
            }
            attempt += 1;
        }
    }

    /// The `Authorization` value: the token file's content, else the token variable.
    fn authorization(&self) -> Result<Option<http::HeaderValue>, CredentialsError> {
        let token = match &self.token_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| {
                        CredentialsError::provider_error(format!(
                            "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {path}"
                        ))
                        .with_source(e)
                    })?
                    .trim()
                    .to_string(),
            ),
            None => self.token.clone(),
        };
        token
            .map(|t| {
                http::HeaderValue::from_str(&t).map_err(|_| {
                    CredentialsError::provider_error(
                        "the container authorization token contains characters a header \
                         cannot carry (such as a line break)",
                    )
                })
            })
            .transpose()
    }
}

/// `https` may go anywhere; plain `http` only to loopback, the ECS agent (169.254.170.2) and
/// the EKS Pod Identity agent (169.254.170.23, fd00:ec2::23), as in the AWS SDKs.
fn check_host(uri: &http::Uri) -> Result<(), CredentialsError> {
    match uri.scheme_str() {
        Some("https") => return Ok(()),
        Some("http") => {}
        _ => {
            return Err(CredentialsError::provider_error(format!(
                "credentials URI {uri} must be http:// or https://"
            )));
        }
    }
    let host = uri.host().unwrap_or_default();
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let allowed = match bare.parse::<IpAddr>() {
        Ok(ip) => {
            ip.is_loopback()
                || ip == IpAddr::from([169, 254, 170, 2])
                || ip == IpAddr::from([169, 254, 170, 23])
                || ip == IpAddr::from(std::net::Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23))
        }
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    };
    match allowed {
        true => Ok(()),
        false => Err(CredentialsError::provider_error(format!(
            "plain-http credentials URI {uri} is not allowed: its host must be a loopback \
             address, 169.254.170.2, 169.254.170.23 or fd00:ec2::23 (use https otherwise)"
        ))),
    }
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
    fn relative_uris_go_to_the_ecs_agent_and_win_over_full_uris() {
        let c =
            |env: &[(&str, &str)]| Container::from_settings(&settings(env, ""), Arc::new(NoHttp));
        let ecs = c(&[
            (
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                "/v2/credentials/abc",
            ),
            (
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1/other",
            ),
        ])
        .unwrap();
        assert_eq!(ecs.url, "http://169.254.170.2/v2/credentials/abc");
        let full = c(&[(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://169.254.170.23/v1/credentials",
        )])
        .unwrap();
        assert_eq!(full.url, "http://169.254.170.23/v1/credentials");
        let none = c(&[]).unwrap_err();
        assert_eq!(none.kind(), crate::client::CredentialsErrorKind::NotLoaded);
    }

    #[test]
    fn only_the_documented_hosts_may_use_plain_http() {
        let ok = |u: &str| check_host(&u.parse().unwrap()).is_ok();
        for good in [
            "http://127.0.0.1:8080/creds",
            "http://127.1.2.3/x",
            "http://[::1]/x",
            "http://localhost/x",
            "http://169.254.170.2/v2/credentials/x",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/v1/credentials",
            "https://example.com/creds",
        ] {
            assert!(ok(good), "{good}");
        }
        for bad in [
            "http://example.com/creds",
            "http://169.254.169.254/latest",
            "http://10.0.0.1/creds",
            "http://[fd00:ec2::24]/x",
            "ftp://127.0.0.1/x",
            "http://localhost.evil.com/x",
        ] {
            assert!(!ok(bad), "{bad}");
        }
    }
}

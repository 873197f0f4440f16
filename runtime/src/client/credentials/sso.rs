//! IAM Identity Center (SSO): the access token `aws sso login` left in
//! `~/.aws/sso/cache/<sha1>.json`, refreshed through SSO-OIDC `CreateToken` for `sso_session`
//! profiles, exchanged for role credentials with SSO `GetRoleCredentials`.
//!
//! Both calls are one fixed restJson1 request each, unsigned (the bearer token is the
//! credential), so they are written here on the runtime's transport and JSON rather than
//! generated: a generated client would sign them and bring its own crate.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use serde_json::{Value, json};

use super::chain::ChainSettings;
use super::http::{call, excerpt, parse_rfc3339};
use super::{Credentials, CredentialsError};
use crate::client::profile::Profile;
use crate::client::transport::HttpClient;

/// Each call's limit.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Tokens this close to expiry are refreshed first (as the AWS CLI and SDKs).
const REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);

/// An SSO profile: which account and role, and where its token comes from.
#[derive(Clone, Debug)]
pub(crate) struct SsoProfile {
    profile: String,
    /// `sso_session` name; `None` for a legacy profile with `sso_start_url` of its own.
    session: Option<String>,
    start_url: String,
    region: String,
    account_id: String,
    role_name: String,
}

impl SsoProfile {
    pub(crate) fn from_profile(
        name: &str,
        profile: &Profile,
        settings: &ChainSettings,
    ) -> Result<Self, CredentialsError> {
        let get = |p: &Profile, key: &str| p.get(key).filter(|v| !v.is_empty()).cloned();
        let missing = |key: &str| {
            CredentialsError::provider_error(format!(
                "SSO profile `{name}` has no `{key}` (see `aws configure sso`)"
            ))
        };
        let (session, start_url, region) =
            match get(profile, "sso_session") {
                Some(session) => {
                    let section = settings.profiles.sso_sessions.get(&session).ok_or_else(
                        || {
                            CredentialsError::provider_error(format!(
                                "profile `{name}` names sso_session `{session}`, but there is no \
                         [sso-session {session}] section in the config file"
                            ))
                        },
                    )?;
                    let start = get(section, "sso_start_url").ok_or_else(|| {
                        CredentialsError::provider_error(format!(
                            "[sso-session {session}] has no sso_start_url"
                        ))
                    })?;
                    let region = get(section, "sso_region").ok_or_else(|| {
                        CredentialsError::provider_error(format!(
                            "[sso-session {session}] has no sso_region"
                        ))
                    })?;
                    (Some(session), start, region)
                }
                None => (
                    None,
                    get(profile, "sso_start_url").ok_or_else(|| missing("sso_start_url"))?,
                    get(profile, "sso_region").ok_or_else(|| missing("sso_region"))?,
                ),
            };
        Ok(Self {
            profile: name.to_string(),
            session,
            start_url,
            region,
            account_id: get(profile, "sso_account_id").ok_or_else(|| missing("sso_account_id"))?,
            role_name: get(profile, "sso_role_name").ok_or_else(|| missing("sso_role_name"))?,
        })
    }

    /// The token cache file: SHA-1 (hex) of the session name, or of the start URL for legacy
    /// profiles, as the AWS CLI names it.
    fn cache_file(&self, home: Option<&std::path::Path>) -> Option<PathBuf> {
        let key = self.session.as_deref().unwrap_or(&self.start_url);
        let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, key.as_bytes());
        let name: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        Some(
            home?
                .join(".aws")
                .join("sso")
                .join("cache")
                .join(format!("{name}.json")),
        )
    }

    fn login_hint(&self) -> String {
        format!("run `aws sso login --profile {}`", self.profile)
    }
}

/// Role credentials for `sso`.
pub(crate) async fn credentials(
    sso: &SsoProfile,
    settings: &ChainSettings,
    http: &Arc<dyn HttpClient>,
    now: SystemTime,
) -> Result<Credentials, CredentialsError> {
    let token = access_token(sso, settings, http, now).await?;
    let endpoint = settings
        .service_endpoint("SSO", "sso")
        .unwrap_or_else(|| format!("https://portal.sso.{}.amazonaws.com", sso.region));
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("account_id", &sso.account_id)
        .append_pair("role_name", &sso.role_name)
        .finish();
    let url = format!("{endpoint}/federation/credentials?{query}");
    let mut request = http::Request::new(Bytes::new());
    *request.uri_mut() = url.parse().map_err(|e| {
        CredentialsError::provider_error(format!("invalid SSO URL {url:?}")).with_source(e)
    })?;
    let bearer = http::HeaderValue::from_str(&token).map_err(|_| {
        CredentialsError::provider_error("the cached SSO access token is not a valid header")
    })?;
    request
        .headers_mut()
        .insert("x-amz-sso_bearer_token", bearer);
    let response = call(http, request, TIMEOUT).await.map_err(|e| {
        CredentialsError::provider_error(format!("SSO GetRoleCredentials at {endpoint}: {e}"))
    })?;
    if !response.status().is_success() {
        return Err(CredentialsError::provider_error(format!(
            "SSO GetRoleCredentials for account {} role {}: HTTP {}: {}{}",
            sso.account_id,
            sso.role_name,
            response.status().as_u16(),
            excerpt(response.body()),
            match response.status().as_u16() {
                401 | 403 => format!(" ({})", sso.login_hint()),
                _ => String::new(),
            }
        )));
    }
    let doc: Value = serde_json::from_slice(response.body()).map_err(|e| {
        CredentialsError::provider_error(format!(
            "SSO GetRoleCredentials answered with malformed JSON ({e})"
        ))
    })?;
    let role = &doc["roleCredentials"];
    let field = |k: &str| {
        role.get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    let (Some(key), Some(secret)) = (field("accessKeyId"), field("secretAccessKey")) else {
        return Err(CredentialsError::provider_error(
            "SSO GetRoleCredentials answered without roleCredentials.accessKeyId / secretAccessKey",
        ));
    };
    let mut credentials = Credentials::new(key, secret, field("sessionToken").map(str::to_string));
    // `expiration` is epoch milliseconds.
    if let Some(ms) = role.get("expiration").and_then(Value::as_u64) {
        credentials = credentials.with_expiry(SystemTime::UNIX_EPOCH + Duration::from_millis(ms));
    }
    credentials
        .validate("SSO GetRoleCredentials")
        .map_err(CredentialsError::provider_error)?;
    Ok(credentials)
}

/// The cached access token, refreshed first when an `sso_session` token is about to expire.
async fn access_token(
    sso: &SsoProfile,
    settings: &ChainSettings,
    http: &Arc<dyn HttpClient>,
    now: SystemTime,
) -> Result<String, CredentialsError> {
    let path = sso.cache_file(settings.home.as_deref()).ok_or_else(|| {
        CredentialsError::provider_error("no home directory for ~/.aws/sso/cache")
    })?;
    let text = std::fs::read(&path).map_err(|e| {
        CredentialsError::provider_error(format!(
            "no SSO token in {} ({}): {}",
            path.display(),
            e.kind(),
            sso.login_hint()
        ))
    })?;
    let mut cached: Value = serde_json::from_slice(&text).map_err(|e| {
        CredentialsError::provider_error(format!(
            "malformed SSO token cache {} ({e}): {}",
            path.display(),
            sso.login_hint()
        ))
    })?;
    let str_of = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let token = str_of(&cached, "accessToken");
    let expires = str_of(&cached, "expiresAt").and_then(|t| parse_rfc3339(&t));
    let (Some(token), Some(expires)) = (token, expires) else {
        return Err(CredentialsError::provider_error(format!(
            "SSO token cache {} lacks accessToken or a valid expiresAt: {}",
            path.display(),
            sso.login_hint()
        )));
    };
    let expired = now >= expires;
    if now + REFRESH_WINDOW < expires || sso.session.is_none() {
        return match expired {
            false => Ok(token),
            true => Err(CredentialsError::provider_error(format!(
                "the SSO token in {} has expired: {}",
                path.display(),
                sso.login_hint()
            ))),
        };
    }
    match refresh(sso, settings, http, &cached, now).await {
        Ok((new_token, new_expiry, new_refresh)) => {
            cached["accessToken"] = json!(new_token);
            cached["expiresAt"] = json!(format_rfc3339(new_expiry));
            if let Some(r) = new_refresh {
                cached["refreshToken"] = json!(r);
            }
            // A token that cannot be cached still works for this process.
            let _ = write_atomically(&path, &cached);
            Ok(new_token)
        }
        // Still valid for a few minutes: use it, the next refresh may work.
        Err(_) if !expired => Ok(token),
        Err(e) => Err(CredentialsError::provider_error(format!(
            "the SSO token in {} has expired and could not be refreshed ({e}): {}",
            path.display(),
            sso.login_hint()
        ))),
    }
}

/// SSO-OIDC `CreateToken` with the refresh token: (access token, expiry, new refresh token).
async fn refresh(
    sso: &SsoProfile,
    settings: &ChainSettings,
    http: &Arc<dyn HttpClient>,
    cached: &Value,
    now: SystemTime,
) -> Result<(String, SystemTime, Option<String>), String> {
    let field = |k: &str| {
        cached
            .get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    let (Some(client_id), Some(client_secret), Some(refresh_token)) = (
        field("clientId"),
        field("clientSecret"),
        field("refreshToken"),
    ) else {
        return Err("the cache has no clientId, clientSecret and refreshToken".into());
    };
    if let Some(until) = field("registrationExpiresAt").and_then(parse_rfc3339)
        && until <= now
    {
        return Err("the client registration has expired".into());
    }
    let endpoint = settings
        .service_endpoint("SSO_OIDC", "sso_oidc")
        .unwrap_or_else(|| format!("https://oidc.{}.amazonaws.com", sso.region));
    let body = json!({
        "clientId": client_id,
        "clientSecret": client_secret,
        "grantType": "refresh_token",
        "refreshToken": refresh_token,
    });
    let mut request = http::Request::new(Bytes::from(body.to_string()));
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = format!("{endpoint}/token")
        .parse()
        .map_err(|e| format!("invalid SSO-OIDC URL {endpoint:?}: {e}"))?;
    request.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    let response = call(http, request, TIMEOUT)
        .await
        .map_err(|e| format!("SSO-OIDC CreateToken at {endpoint}: {e}"))?;
    if !response.status().is_success() {
        return Err(format!(
            "SSO-OIDC CreateToken: HTTP {}: {}",
            response.status().as_u16(),
            excerpt(response.body())
        ));
    }
    let doc: Value = serde_json::from_slice(response.body())
        .map_err(|e| format!("SSO-OIDC CreateToken answered with malformed JSON ({e})"))?;
    let token = doc
        .get("accessToken")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or("SSO-OIDC CreateToken answered without accessToken")?;
    let expires_in = doc
        .get("expiresIn")
        .and_then(Value::as_u64)
        .ok_or("SSO-OIDC CreateToken answered without expiresIn")?;
    let new_refresh = doc
        .get("refreshToken")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok((
        token.to_string(),
        now + Duration::from_secs(expires_in),
        new_refresh,
    ))
}

/// `2026-12-01T12:00:00Z`, whole seconds, as the AWS CLI writes `expiresAt`.
fn format_rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    time::OffsetDateTime::from_unix_timestamp(secs as i64)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// Writes `value` next to `path` and renames it over, so readers never see half a file.
fn write_atomically(path: &std::path::Path, value: &Value) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("json.tmp-{}", std::process::id()));
    std::fs::write(&tmp, serde_json::to_vec_pretty(value)?)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_file_names_are_sha1_of_the_session_name_or_start_url() {
        let sso = |session: Option<&str>| SsoProfile {
            profile: "p".into(),
            session: session.map(str::to_string),
            start_url: "https://d-abc123.awsapps.com/start".into(),
            region: "us-east-1".into(),
            account_id: "1".into(),
            role_name: "r".into(),
        };
        let home = std::path::Path::new("/h");
        // SHA-1("my-sso") and SHA-1 of the start URL, computed with `sha1sum`.
        assert_eq!(
            sso(Some("my-sso")).cache_file(Some(home)).unwrap(),
            home.join(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json")
        );
        assert_eq!(
            sso(None).cache_file(Some(home)).unwrap(),
            home.join(".aws/sso/cache/40a89917e3175433e361b710a9d43528d7f1890a.json")
        );
    }
}

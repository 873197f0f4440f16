//! STS `AssumeRole` (SigV4-signed with the source credentials) and
//! `AssumeRoleWithWebIdentity` (unsigned: the token is the proof), on the regional endpoint.
//!
//! STS speaks awsQuery: a form POST answered in XML, read with quick-xml. Two fixed
//! operations do not justify generating an awsQuery client (our generator is restJson1), so
//! they are written here on the runtime's transport, signer and form encoder.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use quick_xml::events::Event;

use super::http::{CallError, call, excerpt, parse_rfc3339};
use super::{Credentials, CredentialsError};
use crate::client::transport::HttpClient;

/// Each attempt's limit.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts in all, on timeouts, transport errors, 5xx and throttling.
const ATTEMPTS: u32 = 3;

/// One STS endpoint for one region.
pub(crate) struct Sts<'a> {
    pub(crate) http: &'a Arc<dyn HttpClient>,
    pub(crate) region: String,
    /// The configured endpoint (`AWS_ENDPOINT_URL_STS` …), else the regional default.
    pub(crate) endpoint: Option<String>,
    /// Signing time.
    pub(crate) time: SystemTime,
}

impl Sts<'_> {
    fn endpoint(&self) -> String {
        match &self.endpoint {
            Some(url) => url.clone(),
            None if self.region.starts_with("cn-") => {
                format!("https://sts.{}.amazonaws.com.cn", self.region)
            }
            None => format!("https://sts.{}.amazonaws.com", self.region),
        }
    }

    /// `AssumeRole` of `role_arn`, signed with `source`.
    pub(crate) async fn assume_role(
        &self,
        source: &Credentials,
        role_arn: &str,
        session_name: &str,
        external_id: Option<&str>,
        duration_seconds: Option<&str>,
    ) -> Result<Credentials, CredentialsError> {
        // Finished before the await: the serializer is not `Send`.
        let form = {
            let mut form = form_urlencoded::Serializer::new(String::new());
            form.append_pair("Action", "AssumeRole")
                .append_pair("Version", "2011-06-15")
                .append_pair("RoleArn", role_arn)
                .append_pair("RoleSessionName", session_name);
            if let Some(id) = external_id {
                form.append_pair("ExternalId", id);
            }
            if let Some(d) = duration_seconds {
                form.append_pair("DurationSeconds", d);
            }
            form.finish()
        };
        self.send("AssumeRole", role_arn, form, Some(source)).await
    }

    /// `AssumeRoleWithWebIdentity` of `role_arn` with the OIDC `token`.
    pub(crate) async fn assume_role_with_web_identity(
        &self,
        role_arn: &str,
        session_name: &str,
        token: &str,
    ) -> Result<Credentials, CredentialsError> {
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("Action", "AssumeRoleWithWebIdentity")
            .append_pair("Version", "2011-06-15")
            .append_pair("RoleArn", role_arn)
            .append_pair("RoleSessionName", session_name)
            .append_pair("WebIdentityToken", token)
            .finish();
        self.send("AssumeRoleWithWebIdentity", role_arn, form, None)
            .await
    }

    async fn send(
        &self,
        action: &str,
        role_arn: &str,
        form: String,
        signer: Option<&Credentials>,
    ) -> Result<Credentials, CredentialsError> {
        let endpoint = self.endpoint();
        let what = format!("STS {action} of {role_arn} at {endpoint}");
        let uri: http::Uri = format!("{endpoint}/").parse().map_err(|e| {
            CredentialsError::provider_error(format!("invalid STS endpoint {endpoint:?}"))
                .with_source(e)
        })?;
        let host = crate::client::endpoint::host_header(&uri).ok_or_else(|| {
            CredentialsError::provider_error(format!("STS endpoint {endpoint:?} has no host"))
        })?;
        let body = Bytes::from(form);
        let mut attempt = 1;
        loop {
            let mut request = http::Request::new(body.clone());
            *request.method_mut() = http::Method::POST;
            *request.uri_mut() = uri.clone();
            let headers = request.headers_mut();
            headers.insert(http::header::HOST, host.clone());
            headers.insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/x-www-form-urlencoded; charset=utf-8"),
            );
            headers.insert(
                http::header::CONTENT_LENGTH,
                http::HeaderValue::from(body.len()),
            );
            if let Some(credentials) = signer {
                crate::client::sign(&mut request, credentials, &self.region, "sts", self.time)
                    .map_err(|e| {
                        CredentialsError::provider_error(format!("{what}: cannot sign"))
                            .with_source(e)
                    })?;
            }
            let retry = match call(self.http, request, TIMEOUT).await {
                Ok(response) if response.status().is_success() => {
                    return parse_credentials(response.body(), action)
                        .map_err(|m| CredentialsError::provider_error(format!("{what}: {m}")));
                }
                Ok(response) => {
                    let (code, message) = parse_error(response.body());
                    let status = response.status().as_u16();
                    let transient = status >= 500
                        || matches!(
                            code.as_deref(),
                            Some("Throttling" | "IDPCommunicationError")
                        );
                    if !transient || attempt >= ATTEMPTS {
                        let detail = match code {
                            Some(code) => format!("{code}: {}", message.unwrap_or_default()),
                            None => excerpt(response.body()),
                        };
                        return Err(CredentialsError::provider_error(format!(
                            "{what}: HTTP {status}: {detail}"
                        )));
                    }
                    true
                }
                Err(e) if attempt >= ATTEMPTS => {
                    return Err(CredentialsError::provider_error(format!(
                        "{what}: {e} ({ATTEMPTS} attempts)"
                    )));
                }
                Err(CallError::TimedOut(_) | CallError::Transport(_)) => true,
            };
            debug_assert!(retry);
            tokio::time::sleep(crate::client::retry::backoff(
                &crate::client::RetryConfig::default()
                    .with_initial_backoff(Duration::from_millis(100))
                    .with_max_backoff(Duration::from_secs(2)),
                attempt,
            ))
            .await;
            attempt += 1;
        }
    }
}

/// The text of each element, keyed by its path of local names (`Error/Code`).
fn elements(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the answer is not UTF-8".to_string())?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current = String::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "malformed XML at byte {}: {e}: {}",
                reader.buffer_position(),
                excerpt(body)
            )
        })?;
        match event {
            Event::Start(e) => {
                path.push(e.local_name().as_ref().to_string());
                current.clear();
            }
            Event::End(_) => {
                if !current.is_empty() {
                    out.push((path.join("/"), std::mem::take(&mut current)));
                }
                path.pop();
            }
            Event::Text(t) => current.push_str(&t.xml10_content()),
            Event::CData(t) => current.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current.push(c);
                } else if let Some(s) =
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                {
                    current.push_str(s);
                } else {
                    return Err(format!("unknown XML entity &{};", r.xml10_content()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !path.is_empty() {
        return Err(format!("truncated XML (unclosed <{}>)", path.join("><")));
    }
    Ok(out)
}

/// `<{Action}Response><{Action}Result><Credentials>…` → credentials.
fn parse_credentials(body: &[u8], action: &str) -> Result<Credentials, String> {
    let elements = elements(body)?;
    let prefix = format!("{action}Response/{action}Result/Credentials/");
    let field = |name: &str| {
        elements
            .iter()
            .find(|(path, _)| path.strip_prefix(&prefix) == Some(name))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let (Some(key), Some(secret), Some(token)) = (
        field("AccessKeyId"),
        field("SecretAccessKey"),
        field("SessionToken"),
    ) else {
        return Err(format!(
            "the answer has no {prefix}AccessKeyId, SecretAccessKey and SessionToken: {}",
            excerpt(body)
        ));
    };
    let mut credentials = Credentials::new(key, secret, Some(token.to_string()));
    if let Some(expiration) = field("Expiration") {
        let at = parse_rfc3339(expiration)
            .ok_or_else(|| format!("invalid Expiration {expiration:?}"))?;
        credentials = credentials.with_expiry(at);
    }
    credentials.validate("STS")?;
    Ok(credentials)
}

/// `<ErrorResponse><Error><Code>…</Code><Message>…</Message>` → (code, message).
fn parse_error(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(elements) = elements(body) else {
        return (None, None);
    };
    let get = |name: &str| {
        elements
            .iter()
            .find(|(path, _)| path.ends_with(&format!("Error/{name}")))
            .map(|(_, v)| v.trim().to_string())
    };
    (get("Code"), get("Message"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_credentials_with_entities_and_rejects_broken_xml() {
        let body = br#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>se&#x2F;cr&amp;et</SecretAccessKey>
      <SessionToken><![CDATA[tok+en=]]></SessionToken>
      <Expiration>2030-01-02T03:04:05Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>"#;
        let c = parse_credentials(body, "AssumeRole").unwrap();
        assert_eq!(c.access_key_id(), "ASIAEXAMPLE");
        assert_eq!(c.secret_access_key(), "se/cr&et");
        assert_eq!(c.session_token(), Some("tok+en="));
        assert_eq!(c.expiry(), parse_rfc3339("2030-01-02T03:04:05Z"));
        // The wrong operation's envelope is not accepted.
        assert!(parse_credentials(body, "AssumeRoleWithWebIdentity").is_err());
        let err = parse_credentials(b"<AssumeRoleResponse><AssumeRoleResult>", "AssumeRole");
        assert!(err.unwrap_err().contains("truncated"), "truncated");
        let err = parse_credentials(b"<a></b>", "AssumeRole").unwrap_err();
        assert!(err.contains("malformed XML"), "{err}");
        let (code, message) = parse_error(
            b"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
              <Message>not &lt;allowed&gt;</Message></Error><RequestId>1</RequestId></ErrorResponse>",
        );
        assert_eq!(code.as_deref(), Some("AccessDenied"));
        assert_eq!(message.as_deref(), Some("not <allowed>"));
    }
}

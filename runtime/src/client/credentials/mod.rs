//! Credentials: the [`Credentials`] value, the [`ProvideCredentials`] trait users can plug in,
//! the refreshing cache every provider sits behind, and the AWS default chain
//! (environment, shared profile, web identity, container, EC2 instance metadata).
//!
//! What each file holds: `chain` (the order, the profile's `role_arn` / `source_profile`
//! resolution, the "nothing found" report), `cache` (single-flight refresh ahead of expiry),
//! `http` (the small HTTP helpers the credential endpoints share, over the client's own
//! [`HttpClient`]), one file per source: `imds`, `container`, `process`, `sso`, and `sts`
//! (AssumeRole, AssumeRoleWithWebIdentity; feature `sts`, because quick-xml would be the 80th
//! crate of the default client).

mod cache;
mod chain;
mod container;
mod http;
mod imds;
mod process;
mod sso;
#[cfg(feature = "sts")]
mod sts;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use aws_smithy_runtime_api::client::identity::Identity;

pub use self::cache::CredentialsCache;
pub(crate) use self::chain::ChainSettings;
use self::chain::DefaultChain;
use super::Clock;
use super::transport::{BoxFuture, HttpClient};
use crate::error::{BoxError, ConfigError, ConfigErrorKind};

/// AWS credentials: access key id, secret access key, optional session token and expiry.
///
/// Cheap to clone (shared behind an `Arc`). `Debug` never prints the secret or the token.
#[derive(Clone)]
pub struct Credentials(Arc<Inner>);

struct Inner {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    /// Built once: `aws-sigv4` signs with an `Identity`, and building one per request costs.
    identity: Identity,
}

impl Credentials {
    /// Credentials from an access key id, a secret access key and an optional session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self::build(
            access_key_id.into(),
            secret_access_key.into(),
            session_token,
            None,
        )
    }

    fn build(
        access_key_id: String,
        secret_access_key: String,
        session_token: Option<String>,
        expiry: Option<SystemTime>,
    ) -> Self {
        let identity = aws_credential_types::Credentials::new(
            access_key_id.clone(),
            secret_access_key.clone(),
            session_token.clone(),
            expiry,
            "smithy-runtime",
        )
        .into();
        Self(Arc::new(Inner {
            access_key_id,
            secret_access_key,
            session_token,
            expiry,
            identity,
        }))
    }

    /// The same credentials, valid until `expiry` (the cache refreshes them before then).
    pub fn with_expiry(self, expiry: SystemTime) -> Self {
        let inner = &self.0;
        Self::build(
            inner.access_key_id.clone(),
            inner.secret_access_key.clone(),
            inner.session_token.clone(),
            Some(expiry),
        )
    }

    /// The access key id (`AKIA…`/`ASIA…`).
    pub fn access_key_id(&self) -> &str {
        &self.0.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.0.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.0.session_token.as_deref()
    }

    /// When temporary credentials stop working; `None` for long-term keys.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.0.expiry
    }

    pub(crate) fn identity(&self) -> &Identity {
        &self.0.identity
    }

    /// Rejects values that could not be sent in a header (or are empty), so that signing
    /// never meets them. `origin` names where they came from.
    pub(crate) fn validate(&self, origin: &str) -> Result<(), String> {
        let fields = [
            ("access key id", Some(&self.0.access_key_id)),
            ("secret access key", Some(&self.0.secret_access_key)),
            ("session token", self.0.session_token.as_ref()),
        ];
        for (what, value) in fields {
            let Some(value) = value else { continue };
            if value.is_empty() {
                return Err(format!(
                    "invalid credentials from {origin}: {what} is empty"
                ));
            }
            if value.chars().any(|c| !c.is_ascii_graphic()) {
                return Err(format!(
                    "invalid credentials from {origin}: {what} contains whitespace or \
                     non-printable characters"
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn validate_config(&self, origin: &str) -> Result<(), ConfigError> {
        self.validate(origin)
            .map_err(|m| ConfigError::new(ConfigErrorKind::InvalidValue, m))
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.0.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.0.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiry", &self.0.expiry)
            .finish()
    }
}

/// A source of credentials (object safe, so a client can hold any implementation).
///
/// The client never calls a provider on every request: it sits behind a [`CredentialsCache`],
/// which asks again only when the credentials it has are about to expire.
pub trait ProvideCredentials: Send + Sync + fmt::Debug + 'static {
    /// Fetches credentials.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Arc<T> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

/// A shared, type-erased provider.
pub type SharedCredentialsProvider = Arc<dyn ProvideCredentials>;

/// Whether a provider had nothing to offer, or tried and failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialsErrorKind {
    /// This source is not configured here (the chain goes on to the next one).
    NotLoaded,
    /// This source is configured but failed (the chain stops: the next source would hide it).
    ProviderError,
}

/// Why a provider gave no credentials.
#[derive(Debug)]
pub struct CredentialsError {
    kind: CredentialsErrorKind,
    message: String,
    source: Option<BoxError>,
}

impl CredentialsError {
    /// Nothing to offer: `why` says what was missing (`AWS_ACCESS_KEY_ID not set`).
    pub fn not_loaded(why: impl Into<String>) -> Self {
        Self {
            kind: CredentialsErrorKind::NotLoaded,
            message: why.into(),
            source: None,
        }
    }

    /// Configured, but fetching failed.
    pub fn provider_error(message: impl Into<String>) -> Self {
        Self {
            kind: CredentialsErrorKind::ProviderError,
            message: message.into(),
            source: None,
        }
    }

    /// Adds the underlying error.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Which kind of failure this is.
    pub fn kind(&self) -> CredentialsErrorKind {
        self.kind
    }

    /// The message, without the source.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        // The source's text is part of the message people read ("connection refused").
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What a [`Config`](super::Config) signs with: fixed keys, or a cached provider.
#[derive(Clone, Debug)]
pub(crate) enum CredentialSource {
    Static(Credentials),
    Cached(Arc<CredentialsCache>),
}

impl CredentialSource {
    /// Chooses the source: explicit keys, else an explicit provider, else the default chain
    /// (when the environment was consulted). Providers are wrapped in a cache.
    pub(crate) fn resolve(
        explicit: Option<Credentials>,
        provider: Option<SharedCredentialsProvider>,
        chain: Option<ChainSettings>,
        http: &Arc<dyn HttpClient>,
        region: &str,
        clock: &Clock,
    ) -> Result<Option<Self>, ConfigError> {
        if let Some(credentials) = explicit {
            credentials.validate_config("the client configuration")?;
            return Ok(Some(Self::Static(credentials)));
        }
        let provider = match (provider, chain) {
            (Some(p), _) => p,
            (None, Some(chain)) => Arc::new(DefaultChain::new(
                chain,
                http.clone(),
                region,
                clock.clone(),
            )),
            (None, None) => return Ok(None),
        };
        Ok(Some(Self::Cached(Arc::new(CredentialsCache::new(
            provider,
            clock.clone(),
        )))))
    }

    pub(crate) fn as_static(&self) -> Option<&Credentials> {
        match self {
            Self::Static(c) => Some(c),
            Self::Cached(_) => None,
        }
    }

    /// The credentials to sign the next attempt with.
    pub(crate) async fn get(&self) -> Result<Credentials, CredentialsError> {
        match self {
            Self::Static(c) => Ok(c.clone()),
            Self::Cached(cache) => cache.get().await,
        }
    }
}

/// Environment variables the chain reads after the builder is done, copied out of the lookup
/// function so the chain never touches the process environment itself.
#[derive(Clone, Default)]
pub(crate) struct EnvSnapshot(HashMap<&'static str, String>);

impl fmt::Debug for EnvSnapshot {
    /// The names only: values include secret keys and tokens.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<_> = self.0.keys().collect();
        names.sort();
        f.debug_set().entries(names).finish()
    }
}

impl EnvSnapshot {
    const NAMES: &'static [&'static str] = &[
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN",
        "AWS_ROLE_SESSION_NAME",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "AWS_EC2_METADATA_DISABLED",
        "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_STS",
        "AWS_ENDPOINT_URL_SSO",
        "AWS_ENDPOINT_URL_SSO_OIDC",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    ];

    pub(crate) fn capture(env: &dyn Fn(&str) -> Option<String>) -> Self {
        Self(
            Self::NAMES
                .iter()
                .filter_map(|&name| {
                    // Empty counts as unset, as in the AWS SDKs.
                    env(name)
                        .filter(|v| !v.trim().is_empty())
                        .map(|v| (name, v))
                })
                .collect(),
        )
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

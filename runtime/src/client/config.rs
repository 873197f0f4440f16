//! Client configuration: retry and timeout settings, the clock, the builder.

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::auth::AuthSettings;
use super::credentials::{
    ChainSettings, CredentialSource, Credentials, EnvSnapshot, SharedCredentialsProvider,
};
use super::endpoint::{self, ClientValues, Endpoint, EndpointSettings, Partitions, Route, Source};
use super::profile::{self, EnvSettings};
use super::transport::{HttpClient, HyperClient};
use super::{Handle, ServiceInfo};
use crate::error::{ConfigError, ConfigErrorKind};

/// Retry settings: how many attempts in all, and the exponential backoff bounds.
///
/// The delay before retry `n` (1-based) is uniformly random in
/// `[0, min(max_backoff, initial_backoff × 2^(n-1))]` ("full jitter").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    /// 3 attempts, 1 s initial backoff, 20 s max backoff (the AWS SDKs' "standard" mode).
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// A single attempt, no retries.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Sets the total number of attempts (first try included); must be at least 1.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// Sets the backoff bound of the first retry.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the upper bound of any backoff.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Total number of attempts, first try included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Backoff bound of the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// Upper bound of any backoff.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The largest delay allowed before retry number `retry` (1-based).
    pub fn backoff_bound(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

/// Timeouts: TCP connect (default transport only), each attempt, the whole operation.
///
/// The TLS handshake and the response are covered by the attempt timeout, when set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeoutConfig {
    connect: Option<Duration>,
    attempt: Option<Duration>,
    operation: Option<Duration>,
}

impl Default for TimeoutConfig {
    /// Connect timeout 3.1 s (as the AWS SDKs), no attempt or operation timeout.
    fn default() -> Self {
        Self {
            connect: Some(Duration::from_millis(3100)),
            attempt: None,
            operation: None,
        }
    }
}

impl TimeoutConfig {
    /// No timeouts at all.
    pub fn none() -> Self {
        Self {
            connect: None,
            attempt: None,
            operation: None,
        }
    }

    /// Sets (or with `None` removes) the TCP connect timeout of the default transport.
    pub fn with_connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect = timeout;
        self
    }

    /// Sets (or removes) the timeout of each attempt: send, wait, read the whole response.
    /// An attempt that times out is retried like a transient I/O error.
    pub fn with_attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt = timeout;
        self
    }

    /// Sets (or removes) the timeout of the whole operation, retries and backoff included.
    pub fn with_operation_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.operation = timeout;
        self
    }

    /// The connect timeout of the default transport.
    pub fn connect(&self) -> Option<Duration> {
        self.connect
    }

    /// The timeout of each attempt.
    pub fn attempt(&self) -> Option<Duration> {
        self.attempt
    }

    /// The timeout of the whole operation.
    pub fn operation(&self) -> Option<Duration> {
        self.operation
    }
}

/// Where signing gets the current time; replaceable so tests can sign at a fixed instant.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> SystemTime + Send + Sync>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self(Arc::new(SystemTime::now))
    }

    /// A clock stopped at `time`.
    pub fn fixed(time: SystemTime) -> Self {
        Self(Arc::new(move || time))
    }

    /// A clock that asks `now`.
    pub fn from_fn(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    /// The current time according to this clock.
    pub fn now(&self) -> SystemTime {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// A resolved client configuration (what a [`Handle`] runs with).
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) service: &'static ServiceInfo,
    /// Unset only for a rule-set service with a custom endpoint URL (signing then fails).
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Source,
    /// Unset only for a service that is not an AWS service, configured without AWS keys.
    pub(crate) credentials: Option<CredentialSource>,
    pub(crate) auth: AuthSettings,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) clock: Clock,
    pub(crate) disable_host_prefix: bool,
    pub(crate) compression: CompressionConfig,
    pub(crate) user_agent: http::HeaderValue,
}

/// The default threshold of `@requestCompression`: bodies of 10 KiB and more are compressed.
pub const DEFAULT_MIN_COMPRESSION_SIZE: u32 = 10_240;
/// The largest threshold the AWS SDKs accept (10 MiB).
pub const MAX_MIN_COMPRESSION_SIZE: u32 = 10_485_760;

/// How operations with `@requestCompression` compress their bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompressionConfig {
    /// No request is compressed.
    pub disabled: bool,
    /// Bodies shorter than this many bytes are sent as they are.
    pub min_size: u32,
}

impl Default for CompressionConfig {
    fn default() -> Self {
        Self {
            disabled: false,
            min_size: DEFAULT_MIN_COMPRESSION_SIZE,
        }
    }
}

impl Config {
    /// The service this configuration is for.
    pub fn service(&self) -> &'static ServiceInfo {
        self.service
    }

    /// The region requests are signed for (and, unless an endpoint URL is set, sent to);
    /// `""` when none is configured (only possible with a custom endpoint URL).
    pub fn region(&self) -> &str {
        self.region.as_deref().unwrap_or_default()
    }

    /// The endpoint URL requests are sent to (before any `@endpoint` host prefix); for a
    /// service with endpoint rules, the URL of operations that add no endpoint parameters
    /// (`""` when the rules give an error for this configuration).
    pub fn endpoint_url(&self) -> &str {
        self.endpoint.url()
    }

    /// The fixed credentials requests are signed with; `None` when they come from a provider
    /// (the default chain's roles, SSO, containers, IMDS… or your own), asked at each attempt.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.credentials
            .as_ref()
            .and_then(CredentialSource::as_static)
    }

    /// The credentials the next attempt would be signed with: the fixed ones, or the cached
    /// provider's (fetched now if the cache is empty or stale).
    pub async fn current_credentials(&self) -> Result<Credentials, super::CredentialsError> {
        match &self.credentials {
            Some(source) => source.get().await,
            None => Err(super::CredentialsError::not_loaded(
                "no AWS credentials configured",
            )),
        }
    }

    /// Retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// Timeout settings.
    pub fn timeouts(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// Whether `@endpoint` host prefixes are left off.
    pub fn host_prefix_disabled(&self) -> bool {
        self.disable_host_prefix
    }

    /// Request-compression settings (used by operations with `@requestCompression`).
    pub fn compression(&self) -> CompressionConfig {
        self.compression
    }

    /// The `user-agent` header value sent with every request.
    pub fn user_agent(&self) -> &str {
        self.user_agent.to_str().unwrap_or_default()
    }
}

/// Builds a client (`C` is the generated `Client`, or [`Handle`] itself).
///
/// Explicit settings win over the environment: call [`ClientBuilder::with_env`] to fill the
/// settings that are still unset from environment variables and the shared AWS config files.
pub struct ClientBuilder<C> {
    service: &'static ServiceInfo,
    region: Option<String>,
    endpoint_url: Option<String>,
    credentials: Option<Credentials>,
    credentials_provider: Option<SharedCredentialsProvider>,
    pub(super) auth: AuthSettings,
    /// The default chain's inputs, when the environment was consulted and had no static keys.
    chain: Option<ChainSettings>,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    http_client: Option<Arc<dyn HttpClient>>,
    clock: Clock,
    disable_host_prefix: Option<bool>,
    disable_request_compression: Option<bool>,
    request_min_compression_size_bytes: Option<u32>,
    app_name: Option<String>,
    pub(crate) endpoint_settings: EndpointSettings,
    /// Where the region/credentials came from, for error messages.
    env_consulted: Option<EnvSettings>,
    _client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("service", &self.service.sdk_id)
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials)
            .field("auth", &self.auth)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("http_client", &self.http_client)
            .field("disable_host_prefix", &self.disable_host_prefix)
            .finish_non_exhaustive()
    }
}

impl<C: From<Handle>> ClientBuilder<C> {
    /// A builder with nothing set, for `service`.
    pub fn new(service: &'static ServiceInfo) -> Self {
        Self {
            service,
            region: None,
            endpoint_url: None,
            credentials: None,
            credentials_provider: None,
            auth: AuthSettings::default(),
            chain: None,
            retry: RetryConfig::default(),
            timeouts: TimeoutConfig::default(),
            http_client: None,
            clock: Clock::system(),
            disable_host_prefix: None,
            disable_request_compression: None,
            request_min_compression_size_bytes: None,
            app_name: None,
            endpoint_settings: EndpointSettings::default(),
            env_consulted: None,
            _client: PhantomData,
        }
    }

    /// Sets the region (e.g. `us-east-1`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the endpoint URL (e.g. `http://localhost:4566`), overriding the default
    /// `https://{endpoint_prefix}.{region}.amazonaws.com`. A path in it is kept as a prefix of
    /// every operation's path.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Sets fixed credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sets a credentials provider instead of fixed credentials. It sits behind a
    /// [`CredentialsCache`](super::CredentialsCache) (refreshed 5 minutes before expiry, one
    /// fetch at a time), asked before every attempt.
    pub fn credentials_provider(mut self, provider: impl super::ProvideCredentials) -> Self {
        self.credentials_provider = Some(std::sync::Arc::new(provider));
        self
    }

    /// Sets the retry settings (default: 3 attempts, 1 s initial and 20 s max backoff).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the timeouts (default: 3.1 s connect timeout only).
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Sets the HTTP client (default: hyper 1 + rustls with webpki roots, HTTP/1.1).
    pub fn http_client(mut self, client: impl HttpClient) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// Sets the clock used to date signatures (default: the system clock).
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Leaves off `@endpoint` host prefixes (e.g. `data.`), for endpoints such as local
    /// emulators or VPC endpoints that do not serve the prefixed host names.
    pub fn disable_host_prefix(mut self, disable: bool) -> Self {
        self.disable_host_prefix = Some(disable);
        self
    }

    /// Sends the bodies of `@requestCompression` operations uncompressed (default: `false`).
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.disable_request_compression = Some(disable);
        self
    }

    /// Sets the body size, in bytes, from which `@requestCompression` operations compress
    /// their bodies (default 10240; at most 10485760, checked by `build`).
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.request_min_compression_size_bytes = Some(bytes);
        self
    }

    /// Adds `app/{name}` to the user agent.
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }

    /// Fills the settings that are still unset from the process environment and the shared
    /// AWS config files (see [`ClientBuilder::with_env_from`]).
    pub fn with_env(self) -> Result<Self, ConfigError> {
        let home = profile::home_dir();
        self.with_env_from(|name| std::env::var(name).ok(), home.as_deref())
    }

    /// Fills the settings that are still unset from `env` (a variable lookup) and the shared
    /// config files under `home`:
    ///
    /// * region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region`;
    /// * credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`),
    ///   then the profile's `aws_access_key_id` etc. (credentials file over config file);
    ///   without those, the default chain (the profile's `role_arn`, `web_identity_token_file`,
    ///   SSO and `credential_process`, then web identity from the environment, the container
    ///   endpoint, EC2 instance metadata) is asked when the client first signs a request;
    /// * endpoint: `AWS_ENDPOINT_URL_<ENV_NAME>`, `AWS_ENDPOINT_URL`, then the profile's
    ///   `endpoint_url` (all skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`);
    /// * host prefix: `AWS_DISABLE_HOST_PREFIX_INJECTION`, then the profile's
    ///   `disable_host_prefix_injection`;
    /// * request compression: `AWS_DISABLE_REQUEST_COMPRESSION` and
    ///   `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES`, then the profile's
    ///   `disable_request_compression` and `request_min_compression_size_bytes`.
    ///
    /// The profile is `AWS_PROFILE` (else `default`); the files are `AWS_CONFIG_FILE` (else
    /// `~/.aws/config`, sections `[default]` / `[profile NAME]`) and
    /// `AWS_SHARED_CREDENTIALS_FILE` (else `~/.aws/credentials`, sections `[NAME]`).
    /// Missing files are fine; unreadable or malformed ones are errors, and so is an
    /// `AWS_PROFILE` that names a profile neither file has.
    pub fn with_env_from(
        mut self,
        env: impl Fn(&str) -> Option<String>,
        home: Option<&Path>,
    ) -> Result<Self, ConfigError> {
        // Not an AWS service: no AWS variables or shared files, only `<ENV_NAME>_ENDPOINT_URL`.
        if !self.service.auth.aws {
            if self.endpoint_url.is_none() {
                self.endpoint_url = env(&format!("{}_ENDPOINT_URL", self.service.env_name));
            }
            return Ok(self);
        }
        let need_credentials = self.credentials.is_none() && self.credentials_provider.is_none();
        let settings = profile::load(self.service, &env, home, need_credentials)?;
        if self.region.is_none() {
            self.region = settings.region.clone();
        }
        if need_credentials {
            self.credentials = settings.credentials.clone();
            // No static keys: the default chain looks further when the client first signs.
            if self.credentials.is_none() {
                self.chain = Some(ChainSettings {
                    env: EnvSnapshot::capture(&env),
                    profile_name: settings.profile.clone(),
                    profiles: settings.profile_set.clone(),
                    home: home.map(Path::to_path_buf),
                });
            }
        }
        if self.endpoint_url.is_none() {
            self.endpoint_url = settings.endpoint_url.clone();
        }
        if self.disable_host_prefix.is_none() {
            self.disable_host_prefix = settings.disable_host_prefix;
        }
        if self.disable_request_compression.is_none() {
            self.disable_request_compression = settings.disable_request_compression;
        }
        if self.request_min_compression_size_bytes.is_none() {
            self.request_min_compression_size_bytes = settings.request_min_compression_size_bytes;
        }
        self.endpoint_settings.fill(&settings.endpoint)?;
        self.env_consulted = Some(settings);
        Ok(self)
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<C, ConfigError> {
        let where_from = match &self.env_consulted {
            Some(s) => format!(" (profile `{}`, looked in {})", s.profile, s.files()),
            None => String::new(),
        };
        let rules = match self.service.endpoint_rules {
            "" => None,
            text => Some(endpoint::rule_set(self.service.sdk_id, text)?),
        };
        let missing_region = || {
            ConfigError::new(
                ConfigErrorKind::MissingRegion,
                format!(
                    "no region configured for {}: call `.region(\"us-east-1\")` on the client builder, \
                     set AWS_REGION, or set `region` in the shared config file profile{where_from}",
                    self.service.sdk_id
                ),
            )
        };
        // With endpoint rules, a custom endpoint URL resolves without a region (signing
        // still needs one, and says so).
        let region = match self.region.clone() {
            Some(region) => {
                endpoint::validate_region(&region)?;
                Some(region)
            }
            None if rules.is_some() && self.endpoint_url.is_some() => None,
            // Not an AWS service: a region only matters to SigV4, which then says it misses one.
            None if !self.service.auth.aws => None,
            None => return Err(missing_region()),
        };
        let http_client = match self.http_client {
            Some(client) => client,
            None => Arc::new(HyperClient::new(&self.timeouts)?),
        };
        let credentials = CredentialSource::resolve(
            self.credentials,
            self.credentials_provider,
            self.chain,
            &http_client,
            region.as_deref().unwrap_or_default(),
            &self.clock,
        )?;
        // Only AWS services need credentials up front; other services' operations say at
        // send which credential they miss.
        let credentials = match credentials {
            None if !self.service.auth.aws => None,
            credentials => Some(credentials.ok_or_else(|| {
            ConfigError::new(
                ConfigErrorKind::MissingCredentials,
                format!(
                    "no credentials configured for {}: call `.credentials(Credentials::new(..))` on the \
                     client builder, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or set \
                     `aws_access_key_id` and `aws_secret_access_key` in the shared credentials file \
                     profile{where_from}",
                    self.service.sdk_id
                ),
            )
        })?),
        };
        if self.retry.max_attempts == 0 {
            return Err(ConfigError::new(
                ConfigErrorKind::InvalidValue,
                "RetryConfig max_attempts must be at least 1 (1 means no retries)",
            ));
        }
        let endpoint = match rules {
            Some(rules) => {
                if let Some(url) = &self.endpoint_url {
                    Endpoint::parse(url)?;
                }
                let partitions = match &self.endpoint_settings.partitions {
                    Some(p) => p.clone(),
                    None => Partitions::builtin(),
                };
                let client = ClientValues {
                    region: region.as_deref(),
                    endpoint_url: self.endpoint_url.as_deref(),
                    settings: &self.endpoint_settings,
                };
                Source::Rules(Box::new(endpoint::Resolver::new(
                    rules, partitions, &client,
                )))
            }
            None => match (&self.endpoint_url, &region) {
                (Some(url), _) => Source::Fixed(Route::fixed(Endpoint::parse(url)?)),
                (None, _) if !self.service.auth.aws => {
                    return Err(ConfigError::new(
                        ConfigErrorKind::MissingEndpoint,
                        format!(
                            "no endpoint URL configured for {}: call `.endpoint_url(\"https://..\")` \
                             on the client builder or set {}_ENDPOINT_URL",
                            self.service.sdk_id, self.service.env_name
                        ),
                    ));
                }
                (None, Some(region)) => {
                    Source::Fixed(Route::fixed(Endpoint::default_for(self.service, region)?))
                }
                (None, None) => return Err(missing_region()),
            },
        };
        let min_size = self
            .request_min_compression_size_bytes
            .unwrap_or(DEFAULT_MIN_COMPRESSION_SIZE);
        if min_size > MAX_MIN_COMPRESSION_SIZE {
            return Err(ConfigError::new(
                ConfigErrorKind::InvalidValue,
                format!(
                    "request_min_compression_size_bytes must be at most {MAX_MIN_COMPRESSION_SIZE}, \
                     found {min_size}"
                ),
            ));
        }
        let compression = CompressionConfig {
            disabled: self.disable_request_compression.unwrap_or(false),
            min_size,
        };
        let user_agent = user_agent(self.service, self.app_name.as_deref())?;
        let config = Config {
            service: self.service,
            region,
            endpoint,
            credentials,
            auth: self.auth,
            retry: self.retry,
            timeouts: self.timeouts,
            clock: self.clock,
            disable_host_prefix: self.disable_host_prefix.unwrap_or(false),
            compression,
            user_agent,
        };
        Ok(C::from(Handle::new(config, http_client)))
    }
}

/// `{crate}/{version} smithy-runtime/{version} api/{sdk_id}/{api_version} os/{os} [app/{name}]`.
fn user_agent(
    service: &ServiceInfo,
    app_name: Option<&str>,
) -> Result<http::HeaderValue, ConfigError> {
    let mut ua = format!(
        "{}/{} smithy-runtime/{} api/{}/{} os/{}",
        service.crate_name,
        service.crate_version,
        env!("CARGO_PKG_VERSION"),
        service.sdk_id,
        service.api_version,
        std::env::consts::OS,
    );
    if let Some(app) = app_name {
        ua.push_str(" app/");
        ua.push_str(app);
    }
    http::HeaderValue::from_str(&ua).map_err(|e| {
        ConfigError::new(
            ConfigErrorKind::InvalidValue,
            format!("the app name {app_name:?} cannot be sent in a user-agent header"),
        )
        .with_source(e)
    })
}

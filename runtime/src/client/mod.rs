//! The client runtime: configuration, SigV4 signing, transport, retries and timeouts.
//!
//! A generated crate holds a [`Handle`] and, per operation, builds an [`OperationRequest`]
//! and calls [`Handle::send`]; it then parses the response into the output or an error.
//! Sending needs a tokio runtime (timers and the default hyper transport use it).

mod auth;
#[cfg(feature = "compression")]
pub mod compression;
mod config;
mod credentials;
pub mod endpoint;
mod paginate;
mod profile;
mod retry;
mod sign;
mod transport;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::HeaderValue;
use http::header::{CONTENT_LENGTH, HOST, USER_AGENT};

pub use self::auth::TokenProvider;
pub use self::config::{
    ClientBuilder, Clock, CompressionConfig, Config, RetryConfig, TimeoutConfig,
};
pub use self::credentials::{
    Credentials, CredentialsCache, CredentialsError, CredentialsErrorKind, ProvideCredentials,
    SharedCredentialsProvider,
};
pub use self::paginate::paginate;
pub use self::sign::sign;
pub use self::transport::{BoxFuture, HttpClient, HyperClient, TransportError, TransportErrorKind};
pub use crate::auth::{AuthScheme, ServiceAuth};
pub use crate::error::{ConfigError, ConfigErrorKind};
pub use futures_core::Stream;
pub use futures_util::StreamExt;

use crate::error::Unhandled;

/// Facts about a service, emitted as a `const` in each generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The SDK id, e.g. `ivschat` (used in the user agent).
    pub sdk_id: &'static str,
    /// The SigV4 signing name (`aws.auth#sigv4` `name`).
    pub signing_name: &'static str,
    /// The first label of the default endpoint host (`{endpoint_prefix}.{region}.amazonaws.com`).
    pub endpoint_prefix: &'static str,
    /// The suffix of the service-specific endpoint variable `AWS_ENDPOINT_URL_<ENV_NAME>`.
    pub env_name: &'static str,
    /// The service's API version, e.g. `2020-07-14`.
    pub api_version: &'static str,
    /// The generated crate's name (user agent).
    pub crate_name: &'static str,
    /// The generated crate's version (user agent).
    pub crate_version: &'static str,
    /// The service's `smithy.rules#endpointRuleSet` as compact JSON, `""` when the model has
    /// none (then the default endpoint is `https://{endpoint_prefix}.{region}.amazonaws.com`).
    pub endpoint_rules: &'static str,
    /// Whether this is an AWS service, and each operation's auth schemes.
    pub auth: crate::auth::ServiceAuth,
}

/// One operation call, as built by generated code.
#[derive(Clone, Debug)]
pub struct OperationRequest {
    /// The operation name, e.g. `CreateRoom`.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: http::Method,
    /// Path and query, already percent-encoded, e.g. `/CreateRoom` or `/rooms/a%2Fb?x=1`.
    /// A path in the endpoint URL is put in front of it.
    pub path_and_query: String,
    /// Headers the operation binds (content type, `@httpHeader` members…).
    pub headers: http::HeaderMap,
    /// The request body.
    pub body: Bytes,
    /// The `@endpoint` host prefix with labels filled in, e.g. `data.`.
    pub host_prefix: Option<String>,
}

/// A configured client, cheap to clone (shared state behind an `Arc`).
#[derive(Clone, Debug)]
pub struct Handle {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    http: Arc<dyn HttpClient>,
}

impl Handle {
    fn new(config: Config, http: Arc<dyn HttpClient>) -> Self {
        Self {
            inner: Arc::new(Inner { config, http }),
        }
    }

    /// A client configured from the environment and the shared AWS config files only
    /// (see [`ClientBuilder::with_env_from`] for what is read).
    pub fn from_env(service: &'static ServiceInfo) -> Result<Handle, ConfigError> {
        ClientBuilder::new(service).with_env()?.build()
    }

    /// Like [`Handle::from_env`], with `env` as the variable lookup and `home` as the home
    /// directory, so it can run without touching the process environment.
    pub fn from_env_with(
        service: &'static ServiceInfo,
        env: impl Fn(&str) -> Option<String>,
        home: Option<&std::path::Path>,
    ) -> Result<Handle, ConfigError> {
        ClientBuilder::new(service)
            .with_env_from(env, home)?
            .build()
    }

    /// The configuration this handle runs with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Sends one operation: resolves the endpoint (and host prefix), adds `host`,
    /// `user-agent` and `content-length`, signs each attempt with SigV4, retries throttling,
    /// transient statuses and transient I/O errors with full-jitter exponential backoff, and
    /// applies the attempt and operation timeouts.
    ///
    /// Every HTTP response that is not retried (or whose retries are spent) is `Ok`, error
    /// statuses included: the generated code tells outputs from errors.
    pub async fn send(
        &self,
        request: OperationRequest,
    ) -> Result<http::Response<Bytes>, Unhandled> {
        self.send_with_endpoint_params(request, &[]).await
    }

    /// [`Handle::send`] for an operation that adds endpoint rule parameters
    /// (`@staticContextParams`, `@contextParam`, `@operationContextParams`), as
    /// `(parameter name, value)`; they beat the client's values for the same parameters.
    pub async fn send_with_endpoint_params(
        &self,
        request: OperationRequest,
        endpoint_params: &[(&'static str, Option<endpoint::Value>)],
    ) -> Result<http::Response<Bytes>, Unhandled> {
        let attempts = self.send_attempts(request, endpoint_params);
        match self.inner.config.timeouts.operation() {
            Some(limit) => match tokio::time::timeout(limit, attempts).await {
                Ok(result) => result,
                Err(_) => Err(Unhandled::timeout(limit, None)),
            },
            None => attempts.await,
        }
    }

    async fn send_attempts(
        &self,
        request: OperationRequest,
        endpoint_params: &[(&'static str, Option<endpoint::Value>)],
    ) -> Result<http::Response<Bytes>, Unhandled> {
        let config = &self.inner.config;
        let schemes = config.service.auth.schemes(request.operation);
        let chosen = auth::choose(config, request.operation, schemes)?;
        let (template, signing) = self.prepare(request, endpoint_params)?;
        let max_attempts = config.retry.max_attempts();
        let mut attempt = 1;
        loop {
            let outcome = self.attempt(&template, &signing, &chosen).await?;
            let retryable = match &outcome {
                Attempt::Response(response) => retry::is_retryable_response(response),
                Attempt::Transport(e) => e.is_retryable(),
                Attempt::TimedOut(_) => true,
            };
            if !retryable || attempt >= max_attempts {
                return match outcome {
                    Attempt::Response(response) => Ok(response),
                    Attempt::Transport(e) => Err(Unhandled::transport(e)),
                    Attempt::TimedOut(limit) => Err(Unhandled::timeout(
                        limit,
                        Some(format!("attempt timeout, {attempt} attempt(s)")),
                    )),
                };
            }
            tokio::time::sleep(retry::backoff(&config.retry, attempt)).await;
            attempt += 1;
        }
    }

    /// Builds the unsigned request every attempt starts from, and what it is signed for.
    fn prepare(
        &self,
        request: OperationRequest,
        endpoint_params: &[(&'static str, Option<endpoint::Value>)],
    ) -> Result<(http::Request<Bytes>, Signing), Unhandled> {
        let config = &self.inner.config;
        let host_prefix = match config.disable_host_prefix {
            true => None,
            false => request.host_prefix.as_deref(),
        };
        let route = config.endpoint.route(endpoint_params)?;
        let uri = route
            .endpoint
            .uri_for(&request.path_and_query, host_prefix)?;
        let mut headers = request.headers;
        for (name, value) in &route.headers {
            headers.append(name.clone(), value.clone());
        }
        let signing = Signing {
            name: route
                .signing_name
                .clone()
                .unwrap_or_else(|| config.service.signing_name.to_string()),
            region: route
                .signing_region
                .clone()
                .or_else(|| config.region.clone()),
        };
        let host = endpoint::host_header(&uri)
            .ok_or_else(|| Unhandled::build(format!("request URI {uri} has no valid host")))?;
        headers.insert(HOST, host);
        headers.insert(USER_AGENT, config.user_agent.clone());
        // GET/DELETE without a body send no length, as browsers and the AWS SDKs do.
        let needs_length = !request.body.is_empty()
            || matches!(
                request.method,
                http::Method::POST | http::Method::PUT | http::Method::PATCH
            );
        if needs_length {
            headers.insert(CONTENT_LENGTH, HeaderValue::from(request.body.len()));
        } else {
            headers.remove(CONTENT_LENGTH);
        }
        let mut out = http::Request::new(request.body);
        *out.method_mut() = request.method;
        *out.uri_mut() = uri;
        *out.headers_mut() = headers;
        Ok((out, signing))
    }

    /// One attempt, signed or with its credential (see [`crate::auth`]), under the attempt
    /// timeout.
    async fn attempt(
        &self,
        template: &http::Request<Bytes>,
        signing: &Signing,
        chosen: &auth::Chosen,
    ) -> Result<Attempt, Unhandled> {
        let config = &self.inner.config;
        let mut request = http::Request::new(template.body().clone());
        *request.method_mut() = template.method().clone();
        *request.uri_mut() = template.uri().clone();
        *request.headers_mut() = template.headers().clone();
        match (chosen, &config.credentials) {
            (auth::Chosen::SigV4, Some(source)) => {
                self.sign_attempt(&mut request, signing, source).await?
            }
            (auth::Chosen::SigV4, None) => {
                return Err(Unhandled::signing("no AWS credentials configured"));
            }
            (other, _) => auth::apply(other, &mut request).await?,
        }
        let call = self.inner.http.call(request);
        let result = match config.timeouts.attempt() {
            Some(limit) => match tokio::time::timeout(limit, call).await {
                Ok(result) => result,
                Err(_) => return Ok(Attempt::TimedOut(limit)),
            },
            None => call.await,
        };
        Ok(match result {
            Ok(response) => Attempt::Response(response),
            Err(e) => Attempt::Transport(e),
        })
    }

    /// SigV4-signs one attempt; fails when no region is known.
    async fn sign_attempt(
        &self,
        request: &mut http::Request<Bytes>,
        signing: &Signing,
        source: &credentials::CredentialSource,
    ) -> Result<(), Unhandled> {
        let config = &self.inner.config;
        let region = signing.region.as_deref().ok_or_else(|| {
            Unhandled::signing(format!(
                "no region to sign for: requests to {} are SigV4-signed for a region even with \
                 a custom endpoint URL; call `.region(\"us-east-1\")` on the client builder, set \
                 AWS_REGION, or set `region` in the shared config file profile",
                config.service.sdk_id
            ))
        })?;
        // Asked on every attempt: a cached provider may have refreshed in between.
        let credentials = source.get().await.map_err(Unhandled::signing)?;
        sign(
            request,
            &credentials,
            region,
            &signing.name,
            config.clock.now(),
        )
    }
}

/// What a request is signed for: from the endpoint's `authSchemes`, else the service's
/// signing name and the client's region.
struct Signing {
    name: String,
    region: Option<String>,
}

/// How one attempt ended.
enum Attempt {
    Response(http::Response<Bytes>),
    Transport(TransportError),
    TimedOut(Duration),
}

/// The request id of a response: `x-amzn-requestid`, else `x-amz-request-id`.
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    crate::wire::error::request_id(headers)
}

//! The client side of rule-based endpoints: which values a client feeds the rules (built-ins,
//! client parameters, operation parameters), the resolution cached for requests that add no
//! operation parameters, and what a resolved endpoint means for a request (URL, headers,
//! SigV4 signing name and region from `authSchemes`).

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use http::{HeaderName, HeaderValue};

use super::Endpoint;
use super::partition::Partitions;
use super::rules::{EndpointError, EndpointErrorKind, Param, ResolvedEndpoint, RuleSet, Value};
use crate::error::{ConfigError, ConfigErrorKind, Unhandled};

/// What the client builder collected for endpoint resolution.
#[derive(Clone, Debug, Default)]
pub(crate) struct EndpointSettings {
    pub(crate) use_fips: Option<bool>,
    pub(crate) use_dual_stack: Option<bool>,
    pub(crate) account_id: Option<String>,
    pub(crate) account_id_endpoint_mode: Option<String>,
    /// `endpoint_param(name, value)`: by parameter name or built-in name.
    pub(crate) params: Vec<(String, Value)>,
    pub(crate) partitions: Option<Arc<Partitions>>,
}

impl EndpointSettings {
    /// Fills what is still unset from the environment and profile.
    pub(crate) fn fill(&mut self, env: &EndpointEnv) -> Result<(), ConfigError> {
        self.use_fips = self.use_fips.or(env.use_fips);
        self.use_dual_stack = self.use_dual_stack.or(env.use_dual_stack);
        if self.account_id.is_none() {
            self.account_id = env.account_id.clone();
        }
        if self.account_id_endpoint_mode.is_none() {
            self.account_id_endpoint_mode = env.account_id_endpoint_mode.clone();
        }
        if self.partitions.is_none()
            && let Some(path) = &env.partitions_file
        {
            let text = std::fs::read_to_string(path).map_err(|e| {
                ConfigError::new(
                    ConfigErrorKind::InvalidValue,
                    format!(
                        "cannot read the partitions file {} (SMITHY_PARTITIONS_FILE)",
                        path.display()
                    ),
                )
                .with_source(e)
            })?;
            let parsed = Partitions::parse(&text).map_err(|e| {
                ConfigError::new(
                    ConfigErrorKind::InvalidValue,
                    format!("{} (SMITHY_PARTITIONS_FILE): {e}", path.display()),
                )
            })?;
            self.partitions = Some(Arc::new(parsed));
        }
        Ok(())
    }
}

/// Endpoint settings from the environment and the profile.
#[derive(Clone, Debug, Default)]
pub(crate) struct EndpointEnv {
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    account_id: Option<String>,
    account_id_endpoint_mode: Option<String>,
    partitions_file: Option<PathBuf>,
}

/// Reads `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint`, `AWS_USE_DUALSTACK_ENDPOINT` /
/// `use_dualstack_endpoint`, `AWS_ACCOUNT_ID` / `aws_account_id`,
/// `AWS_ACCOUNT_ID_ENDPOINT_MODE` / `account_id_endpoint_mode` and `SMITHY_PARTITIONS_FILE`
/// (variables over profile keys; empty means unset).
pub(crate) fn env_settings(
    var: &dyn Fn(&str) -> Option<String>,
    profile: &dyn Fn(&str) -> Option<String>,
) -> Result<EndpointEnv, ConfigError> {
    let either = |v: &str, p: &str| -> Option<(String, String)> {
        var(v)
            .map(|x| (x, v.to_string()))
            .or_else(|| profile(p).map(|x| (x, format!("profile key {p}"))))
    };
    let flag = |v: &str, p: &str| -> Result<Option<bool>, ConfigError> {
        match either(v, p) {
            None => Ok(None),
            Some((x, origin)) => match x.trim().to_ascii_lowercase().as_str() {
                "true" => Ok(Some(true)),
                "false" => Ok(Some(false)),
                _ => Err(ConfigError::new(
                    ConfigErrorKind::InvalidValue,
                    format!("{origin} must be `true` or `false`, found {x:?}"),
                )),
            },
        }
    };
    let mode = match either("AWS_ACCOUNT_ID_ENDPOINT_MODE", "account_id_endpoint_mode") {
        None => None,
        Some((m, origin)) => {
            let m = m.trim().to_string();
            check_account_id_endpoint_mode(&m, &origin)?;
            Some(m)
        }
    };
    Ok(EndpointEnv {
        use_fips: flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")?,
        use_dual_stack: flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")?,
        account_id: either("AWS_ACCOUNT_ID", "aws_account_id").map(|(x, _)| x),
        account_id_endpoint_mode: mode,
        partitions_file: var("SMITHY_PARTITIONS_FILE").map(PathBuf::from),
    })
}

fn check_account_id_endpoint_mode(mode: &str, origin: &str) -> Result<(), ConfigError> {
    match mode {
        "preferred" | "disabled" | "required" => Ok(()),
        _ => Err(ConfigError::new(
            ConfigErrorKind::InvalidValue,
            format!("{origin} must be `preferred`, `disabled` or `required`, found {mode:?}"),
        )),
    }
}

/// The parsed rule set of a generated crate, parsed once per process (keyed by the address of
/// the crate's embedded text).
pub(crate) fn rule_set(sdk_id: &str, text: &'static str) -> Result<Arc<RuleSet>, ConfigError> {
    type Cache = Mutex<Vec<(usize, usize, Arc<RuleSet>)>>;
    static CACHE: Cache = Mutex::new(Vec::new());
    let key = (text.as_ptr() as usize, text.len());
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, _, rules)) = cache.iter().find(|(p, l, _)| (*p, *l) == key) {
        return Ok(rules.clone());
    }
    let rules = Arc::new(RuleSet::parse(text).map_err(|e| {
        ConfigError::new(
            ConfigErrorKind::InvalidValue,
            format!("the endpoint rules embedded for {sdk_id} cannot be used: {e}"),
        )
    })?);
    cache.push((key.0, key.1, rules.clone()));
    Ok(rules)
}

/// Where requests go and how they are signed.
#[derive(Clone, Debug)]
pub(crate) struct Route {
    pub(crate) endpoint: Endpoint,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// From `authSchemes` (`sigv4`'s `signingName`), else the service's.
    pub(crate) signing_name: Option<String>,
    /// From `authSchemes` (`sigv4`'s `signingRegion`), else the client's region.
    pub(crate) signing_region: Option<String>,
}

impl Route {
    pub(crate) fn fixed(endpoint: Endpoint) -> Route {
        Route {
            endpoint,
            headers: Vec::new(),
            signing_name: None,
            signing_region: None,
        }
    }

    /// What a resolved endpoint means for a request.
    pub(crate) fn from_resolved(resolved: &ResolvedEndpoint) -> Result<Route, EndpointError> {
        let bad = |m: String| EndpointError::new(EndpointErrorKind::Evaluation, m);
        let endpoint = Endpoint::parse(&resolved.url)
            .map_err(|e| bad(format!("the rules gave an unusable URL: {e}")))?;
        let mut headers = Vec::new();
        for (name, values) in &resolved.headers {
            let n = HeaderName::try_from(name.as_str())
                .map_err(|_| bad(format!("the rules gave an invalid header name {name:?}")))?;
            for v in values {
                let v = HeaderValue::try_from(v.as_str()).map_err(|_| {
                    bad(format!(
                        "the rules gave an invalid value {v:?} for header {name}"
                    ))
                })?;
                headers.push((n.clone(), v));
            }
        }
        let mut route = Route {
            endpoint,
            headers,
            signing_name: None,
            signing_region: None,
        };
        let Some(schemes) = resolved.properties.get("authSchemes") else {
            return Ok(route);
        };
        let schemes = schemes
            .as_array()
            .ok_or_else(|| bad("the endpoint property authSchemes is not a list".into()))?;
        let name_of = |s: &serde_json::Value| {
            s.get("name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        match schemes.iter().find(|s| name_of(s) == "sigv4") {
            Some(s) => {
                let text = |k: &str| {
                    s.get(k)
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_string)
                };
                route.signing_name = text("signingName");
                route.signing_region = text("signingRegion");
                Ok(route)
            }
            None if schemes.is_empty() => Ok(route),
            None => {
                let names: Vec<String> = schemes.iter().map(name_of).collect();
                Err(EndpointError::new(
                    EndpointErrorKind::Evaluation,
                    format!(
                        "the endpoint needs the auth scheme(s) {} (e.g. SigV4a for multi-region \
                         endpoints), which this client does not support; only sigv4 is supported",
                        names.join(", ")
                    ),
                ))
            }
        }
    }
}

/// How a client finds its endpoints.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// No rule set: one endpoint for every request.
    Fixed(Route),
    /// The service's rules.
    Rules(Box<Resolver>),
}

impl Source {
    /// The route of a request with these operation parameters.
    pub(crate) fn route(
        &self,
        operation: &[(&'static str, Option<Value>)],
    ) -> Result<Cow<'_, Route>, Unhandled> {
        match self {
            Source::Fixed(route) => Ok(Cow::Borrowed(route)),
            Source::Rules(r) if operation.is_empty() => match &r.cached {
                Ok(route) => Ok(Cow::Borrowed(route)),
                Err(e) => Err(endpoint_error(e.clone())),
            },
            Source::Rules(r) => r.resolve(operation).map(Cow::Owned),
        }
    }

    /// The URL of requests without operation parameters (`""` when the rules give an error).
    pub(crate) fn url(&self) -> &str {
        match self {
            Source::Fixed(route) => route.endpoint.as_str(),
            Source::Rules(r) => r
                .cached
                .as_ref()
                .map_or("", |route| route.endpoint.as_str()),
        }
    }
}

fn endpoint_error(e: EndpointError) -> Unhandled {
    let message = (e.kind() == EndpointErrorKind::Rule).then(|| e.message().to_string());
    Unhandled::endpoint(message, e)
}

/// A client's rule set with its own values; resolves per request when an operation adds
/// parameters, else answers from the cached resolution.
#[derive(Clone)]
pub(crate) struct Resolver {
    rules: Arc<RuleSet>,
    partitions: Arc<Partitions>,
    /// The client's value of each parameter (same order as `rules.params()`).
    values: Vec<Option<Value>>,
    cached: Result<Route, EndpointError>,
}

impl std::fmt::Debug for Resolver {
    // The compiled rules are large and say little: show what the client resolved to.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("params", &self.rules.params().len())
            .field("values", &self.values)
            .field("cached", &self.cached.as_ref().map(|r| r.endpoint.as_str()))
            .finish_non_exhaustive()
    }
}

/// What a client supplies for built-ins.
pub(crate) struct ClientValues<'a> {
    pub(crate) region: Option<&'a str>,
    pub(crate) endpoint_url: Option<&'a str>,
    pub(crate) settings: &'a EndpointSettings,
}

impl ClientValues<'_> {
    fn value(&self, p: &Param) -> Option<Value> {
        // Explicit parameters first, by name or by built-in name.
        if let Some((_, v)) = self
            .settings
            .params
            .iter()
            .find(|(n, _)| *n == p.name || p.built_in.as_deref() == Some(n.as_str()))
        {
            return Some(v.clone());
        }
        let s = self.settings;
        match p.built_in.as_deref()? {
            "AWS::Region" => self.region.map(Value::from),
            "SDK::Endpoint" => self.endpoint_url.map(Value::from),
            "AWS::UseFIPS" => s.use_fips.map(Value::Bool),
            "AWS::UseDualStack" => s.use_dual_stack.map(Value::Bool),
            "AWS::Auth::AccountId" => s.account_id.as_deref().map(Value::from),
            "AWS::Auth::AccountIdEndpointMode" => {
                s.account_id_endpoint_mode.as_deref().map(Value::from)
            }
            // The AWS SDKs' default: regional STS endpoints.
            "AWS::STS::UseGlobalEndpoint" => Some(Value::Bool(false)),
            _ => None,
        }
    }
}

impl Resolver {
    pub(crate) fn new(
        rules: Arc<RuleSet>,
        partitions: Arc<Partitions>,
        client: &ClientValues<'_>,
    ) -> Resolver {
        let values: Vec<Option<Value>> = rules.params().iter().map(|p| client.value(p)).collect();
        let mut r = Resolver {
            rules,
            partitions,
            values,
            cached: Err(EndpointError::new(EndpointErrorKind::NoMatch, "")),
        };
        r.cached = r.resolve_with(&[]);
        r
    }

    fn resolve(&self, operation: &[(&'static str, Option<Value>)]) -> Result<Route, Unhandled> {
        self.resolve_with(operation).map_err(endpoint_error)
    }

    fn resolve_with(
        &self,
        operation: &[(&'static str, Option<Value>)],
    ) -> Result<Route, EndpointError> {
        // Operation values over the client's; an unset member leaves the client's value.
        let value = |i: usize, p: &Param| {
            operation
                .iter()
                .find(|(n, _)| *n == p.name)
                .and_then(|(_, v)| v.clone())
                .or_else(|| self.values.get(i).cloned().flatten())
        };
        let resolved = self.rules.resolve(&value, &self.partitions)?;
        Route::from_resolved(&resolved)
    }
}

/// A value generated code passes as an operation's endpoint parameter.
pub trait IntoParam {
    /// The rules-language value (`None` when the member is unset).
    fn into_param(self) -> Option<Value>;
}

impl IntoParam for &str {
    fn into_param(self) -> Option<Value> {
        Some(Value::from(self))
    }
}

impl IntoParam for &String {
    fn into_param(self) -> Option<Value> {
        Some(Value::from(self.as_str()))
    }
}

impl IntoParam for bool {
    fn into_param(self) -> Option<Value> {
        Some(Value::Bool(self))
    }
}

impl IntoParam for &bool {
    fn into_param(self) -> Option<Value> {
        Some(Value::Bool(*self))
    }
}

impl IntoParam for &Vec<String> {
    fn into_param(self) -> Option<Value> {
        Some(Value::from(self.clone()))
    }
}

impl IntoParam for Option<&str> {
    fn into_param(self) -> Option<Value> {
        self.map(Value::from)
    }
}

impl<'a, T> IntoParam for &'a Option<T>
where
    &'a T: IntoParam,
{
    fn into_param(self) -> Option<Value> {
        self.as_ref().and_then(IntoParam::into_param)
    }
}

/// An operation's endpoint parameter value, as generated code writes it:
/// `("Bucket", param(&input.bucket))`.
pub fn param(value: impl IntoParam) -> Option<Value> {
    value.into_param()
}

/// Endpoint settings of the client builder (the rest are in `config.rs`).
impl<C> crate::client::ClientBuilder<C> {
    /// Sends requests to FIPS endpoints (`AWS::UseFIPS`; default: `AWS_USE_FIPS_ENDPOINT`,
    /// then the profile's `use_fips_endpoint`, else `false`). Only for services with endpoint
    /// rules; where a partition has no FIPS endpoints the rules' error says so.
    pub fn use_fips(mut self, on: bool) -> Self {
        self.endpoint_settings.use_fips = Some(on);
        self
    }

    /// Sends requests to dual-stack (IPv4 and IPv6) endpoints (`AWS::UseDualStack`; default:
    /// `AWS_USE_DUALSTACK_ENDPOINT`, then the profile's `use_dualstack_endpoint`, else `false`).
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.endpoint_settings.use_dual_stack = Some(on);
        self
    }

    /// The account id for account-based endpoints (`AWS::Auth::AccountId`; default:
    /// `AWS_ACCOUNT_ID`, then the profile's `aws_account_id`).
    pub fn account_id(mut self, account_id: impl Into<String>) -> Self {
        self.endpoint_settings.account_id = Some(account_id.into());
        self
    }

    /// `preferred`, `disabled` or `required` (`AWS::Auth::AccountIdEndpointMode`; default:
    /// `AWS_ACCOUNT_ID_ENDPOINT_MODE`, then the profile's `account_id_endpoint_mode`, else the
    /// rules' default).
    pub fn account_id_endpoint_mode(mut self, mode: impl Into<String>) -> Self {
        self.endpoint_settings.account_id_endpoint_mode = Some(mode.into());
        self
    }

    /// Sets an endpoint rule parameter by name (a `@clientContextParams` parameter such as
    /// `UseArnRegion`) or by built-in name (`AWS::S3::ForcePathStyle`); beats every other
    /// source except the operation's own parameters.
    pub fn endpoint_param(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        let name = name.into();
        self.endpoint_settings.params.retain(|(n, _)| *n != name);
        self.endpoint_settings.params.push((name, value.into()));
        self
    }

    /// Replaces the partitions table `aws.partition` uses (default: the one embedded in the
    /// runtime, or the file named by `SMITHY_PARTITIONS_FILE`).
    pub fn partitions(mut self, partitions: Partitions) -> Self {
        self.endpoint_settings.partitions = Some(Arc::new(partitions));
        self
    }
}

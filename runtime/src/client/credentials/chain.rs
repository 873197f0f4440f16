//! The default chain, in the AWS SDKs' order: environment, shared profile, web identity from
//! the environment, container endpoint, EC2 instance metadata. A source that is not
//! configured passes to the next (its reason is kept for the final error); one that is
//! configured but fails stops the chain, so a broken setup is never hidden by another source.

use std::path::PathBuf;
use std::sync::Arc;

use super::container::Container;
use super::imds::Imds;
use super::{Credentials, CredentialsError, CredentialsErrorKind, EnvSnapshot, ProvideCredentials};
use crate::client::Clock;
use crate::client::profile::{Profile, ProfileSet};
use crate::client::transport::{BoxFuture, HttpClient};

/// What the chain knows about the environment, captured when the client is built.
/// (`Debug` names the profile and the variables set, never their values: some are secrets.)
#[derive(Clone)]
pub(crate) struct ChainSettings {
    pub(crate) env: EnvSnapshot,
    /// `AWS_PROFILE`, else `default`.
    pub(crate) profile_name: String,
    pub(crate) profiles: ProfileSet,
    pub(crate) home: Option<PathBuf>,
}

impl std::fmt::Debug for ChainSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChainSettings")
            .field("profile", &self.profile_name)
            .field("env", &self.env)
            .finish_non_exhaustive()
    }
}

impl ChainSettings {
    /// A key of the selected profile (empty values count as unset).
    pub(crate) fn profile_value(&self, key: &str) -> Option<&str> {
        self.profiles
            .profiles
            .get(&self.profile_name)?
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Whether configured endpoint URLs are ignored (`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`,
    /// profile `ignore_configured_endpoint_urls`).
    fn ignore_endpoints(&self) -> bool {
        self.env
            .get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            .or_else(|| self.profile_value("ignore_configured_endpoint_urls"))
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    /// The configured endpoint of a service the chain calls, in the SDKs' order:
    /// `AWS_ENDPOINT_URL_<ENV>`, `AWS_ENDPOINT_URL`, the profile's `services` section
    /// (`<key> =` / `  endpoint_url = …`), the profile's `endpoint_url`.
    pub(crate) fn service_endpoint(&self, env_suffix: &str, services_key: &str) -> Option<String> {
        if self.ignore_endpoints() {
            return None;
        }
        let services = || {
            let section = self.profile_value("services")?;
            let props = self.profiles.services.get(section)?;
            props
                .get(&format!("{services_key}.endpoint_url"))
                .filter(|v| !v.is_empty())
                .map(String::as_str)
        };
        self.env
            .get(&format!("AWS_ENDPOINT_URL_{env_suffix}"))
            .or_else(|| self.env.get("AWS_ENDPOINT_URL"))
            .or_else(services)
            .or_else(|| self.profile_value("endpoint_url"))
            .map(|u| u.trim_end_matches('/').to_string())
    }
}

/// Where the last link of a profile chain gets its credentials.
#[derive(Debug)]
enum Base {
    Static(Credentials),
    /// `credential_source`: Environment, Ec2InstanceMetadata, EcsContainer.
    Named(String),
    #[cfg_attr(not(feature = "sts"), allow(dead_code))]
    WebIdentity {
        role_arn: String,
        token_file: String,
        session_name: Option<String>,
    },
    Sso(super::sso::SsoProfile),
    Process(String),
}

/// One `role_arn` to assume with the credentials before it.
#[derive(Debug)]
#[cfg_attr(not(feature = "sts"), allow(dead_code))]
struct RoleLink {
    profile: String,
    role_arn: String,
    session_name: Option<String>,
    external_id: Option<String>,
    duration_seconds: Option<String>,
}

/// The default credentials chain.
#[derive(Debug)]
pub(crate) struct DefaultChain {
    settings: ChainSettings,
    http: Arc<dyn HttpClient>,
    #[cfg_attr(not(feature = "sts"), allow(dead_code))]
    region: String,
    clock: Clock,
    /// Built once: it caches its session token.
    imds: Result<Imds, String>,
}

impl DefaultChain {
    pub(crate) fn new(
        settings: ChainSettings,
        http: Arc<dyn HttpClient>,
        region: &str,
        clock: Clock,
    ) -> Self {
        let imds = Imds::from_settings(&settings, http.clone()).map_err(|e| e.to_string());
        Self {
            settings,
            http,
            region: region.to_string(),
            clock,
            imds,
        }
    }

    async fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let mut reasons: Vec<String> = Vec::new();
        // A configured source that fails is the answer: the sources before it had nothing.
        let stop = |name: &str, e: CredentialsError| CredentialsError {
            message: format!("{name}: {}", e.message),
            ..e
        };
        let steps: [&str; 5] = ["env", "profile", "web identity", "container", "IMDS"];
        for step in steps {
            let name = match step {
                "profile" => format!("profile `{}`", self.settings.profile_name),
                other => other.to_string(),
            };
            let outcome = match step {
                "env" => self.env_keys(),
                "profile" => self.shared_profile().await,
                "web identity" => self.env_web_identity().await,
                "container" => match Container::from_settings(&self.settings, self.http.clone()) {
                    Ok(c) => c.credentials().await,
                    Err(e) => Err(e),
                },
                _ => match &self.imds {
                    Ok(imds) => imds.credentials().await,
                    Err(why) => Err(CredentialsError::not_loaded(why.clone())),
                },
            };
            match outcome {
                Ok(c) => return Ok(c),
                Err(e) if e.kind() == CredentialsErrorKind::NotLoaded => {
                    reasons.push(format!("{name}: {e}"));
                }
                Err(e) => return Err(stop(&name, e)),
            }
        }
        Err(CredentialsError::not_loaded(format!(
            "no credentials found: {}",
            reasons.join("; ")
        )))
    }

    fn env_keys(&self) -> Result<Credentials, CredentialsError> {
        let env = &self.settings.env;
        match (
            env.get("AWS_ACCESS_KEY_ID"),
            env.get("AWS_SECRET_ACCESS_KEY"),
        ) {
            (Some(key), Some(secret)) => Ok(Credentials::new(
                key,
                secret,
                env.get("AWS_SESSION_TOKEN").map(str::to_string),
            )),
            (None, _) => Err(CredentialsError::not_loaded("AWS_ACCESS_KEY_ID not set")),
            (Some(_), None) => Err(CredentialsError::provider_error(
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            )),
        }
    }

    async fn shared_profile(&self) -> Result<Credentials, CredentialsError> {
        let (base, links) = resolve_profile(&self.settings)?;
        // Said before the base is fetched: that fetch may fail for reasons beside the point.
        #[cfg(not(feature = "sts"))]
        if let Some(link) = links.first() {
            return self
                .assume_role(link, &Credentials::new("-", "-", None))
                .await;
        }
        let mut credentials = match base {
            Base::Static(c) => c,
            Base::Named(source) => self.named_source(&source).await?,
            Base::WebIdentity {
                role_arn,
                token_file,
                session_name,
            } => {
                self.web_identity(&role_arn, &token_file, session_name.as_deref())
                    .await?
            }
            Base::Sso(sso) => {
                super::sso::credentials(&sso, &self.settings, &self.http, self.clock.now()).await?
            }
            Base::Process(command) => super::process::credentials(&command).await?,
        };
        // Innermost role first: `a` (role) <- `b` (role) <- `c` (keys) assumes b's, then a's.
        for link in links.iter().rev() {
            credentials = self.assume_role(link, &credentials).await?;
        }
        Ok(credentials)
    }

    async fn named_source(&self, source: &str) -> Result<Credentials, CredentialsError> {
        let labelled = |what: &'static str| {
            move |e: CredentialsError| {
                CredentialsError::provider_error(format!(
                    "credential_source {source} ({what}): {e}"
                ))
            }
        };
        match source {
            "Environment" => self.env_keys().map_err(labelled("environment")),
            "EcsContainer" => {
                let container = Container::from_settings(&self.settings, self.http.clone())
                    .map_err(labelled("container"))?;
                container.credentials().await.map_err(labelled("container"))
            }
            "Ec2InstanceMetadata" => match &self.imds {
                Ok(imds) => imds.credentials().await.map_err(labelled("IMDS")),
                Err(why) => Err(CredentialsError::provider_error(format!(
                    "credential_source Ec2InstanceMetadata: {why}"
                ))),
            },
            other => Err(CredentialsError::provider_error(format!(
                "unknown credential_source {other:?} (want Environment, Ec2InstanceMetadata \
                 or EcsContainer)"
            ))),
        }
    }

    async fn env_web_identity(&self) -> Result<Credentials, CredentialsError> {
        let env = &self.settings.env;
        match (
            env.get("AWS_WEB_IDENTITY_TOKEN_FILE"),
            env.get("AWS_ROLE_ARN"),
        ) {
            (Some(file), Some(role)) => {
                self.web_identity(role, file, env.get("AWS_ROLE_SESSION_NAME"))
                    .await
            }
            (None, None) => Err(CredentialsError::not_loaded(
                "not configured (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN not set)",
            )),
            (Some(_), None) => Err(CredentialsError::provider_error(
                "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not",
            )),
            (None, Some(_)) => Err(CredentialsError::provider_error(
                "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not",
            )),
        }
    }

    #[cfg(feature = "sts")]
    async fn web_identity(
        &self,
        role_arn: &str,
        token_file: &str,
        session_name: Option<&str>,
    ) -> Result<Credentials, CredentialsError> {
        let path = crate::client::profile::expand_home(token_file, self.settings.home.as_deref());
        let token = std::fs::read_to_string(&path).map_err(|e| {
            CredentialsError::provider_error(format!(
                "cannot read the web identity token file {}",
                path.display()
            ))
            .with_source(e)
        })?;
        let session = session_name
            .map(str::to_string)
            .unwrap_or_else(default_session_name);
        self.sts()
            .assume_role_with_web_identity(role_arn, &session, token.trim())
            .await
    }

    #[cfg(not(feature = "sts"))]
    async fn web_identity(
        &self,
        _role_arn: &str,
        _token_file: &str,
        _session_name: Option<&str>,
    ) -> Result<Credentials, CredentialsError> {
        Err(needs_sts("web identity (AssumeRoleWithWebIdentity)"))
    }

    #[cfg(feature = "sts")]
    async fn assume_role(
        &self,
        link: &RoleLink,
        source: &Credentials,
    ) -> Result<Credentials, CredentialsError> {
        let session = link
            .session_name
            .clone()
            .unwrap_or_else(default_session_name);
        self.sts()
            .assume_role(
                source,
                &link.role_arn,
                &session,
                link.external_id.as_deref(),
                link.duration_seconds.as_deref(),
            )
            .await
            .map_err(|e| CredentialsError {
                message: format!("role_arn of profile `{}`: {}", link.profile, e.message),
                ..e
            })
    }

    #[cfg(not(feature = "sts"))]
    async fn assume_role(
        &self,
        link: &RoleLink,
        _source: &Credentials,
    ) -> Result<Credentials, CredentialsError> {
        Err(needs_sts(&format!(
            "role_arn of profile `{}` (AssumeRole)",
            link.profile
        )))
    }

    #[cfg(feature = "sts")]
    fn sts(&self) -> super::sts::Sts<'_> {
        super::sts::Sts {
            http: &self.http,
            region: self.region.clone(),
            endpoint: self.settings.service_endpoint("STS", "sts"),
            time: self.clock.now(),
        }
    }
}

#[cfg(not(feature = "sts"))]
fn needs_sts(what: &str) -> CredentialsError {
    CredentialsError::provider_error(format!(
        "{what} needs STS, which is behind smithy-runtime's `sts` feature (off by default: \
         its XML parser would add a crate): add `features = [\"sts\"]` to the smithy-runtime \
         dependency"
    ))
}

#[cfg(feature = "sts")]
fn default_session_name() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    format!("smithy-runtime-{millis}")
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.resolve())
    }
}

/// Follows `role_arn` / `source_profile` from the selected profile to a base source.
/// Returns the base and the roles to assume, outermost (the selected profile's) first.
fn resolve_profile(settings: &ChainSettings) -> Result<(Base, Vec<RoleLink>), CredentialsError> {
    let mut visited: Vec<String> = Vec::new();
    let mut links = Vec::new();
    let mut name = settings.profile_name.clone();
    loop {
        if visited.contains(&name) {
            visited.push(name);
            return Err(CredentialsError::provider_error(format!(
                "source_profile chain has a cycle: {}",
                visited
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" -> ")
            )));
        }
        let Some(profile) = settings.profiles.profiles.get(&name) else {
            return Err(match visited.last() {
                None => CredentialsError::not_loaded("no such profile in the shared files"),
                Some(from) => CredentialsError::provider_error(format!(
                    "source_profile `{name}` (from profile `{from}`) is not in the shared files"
                )),
            });
        };
        visited.push(name.clone());
        let get = |key: &str| {
            profile
                .get(key)
                .map(String::as_str)
                .filter(|v| !v.is_empty())
        };
        if let Some(token_file) = get("web_identity_token_file") {
            let role_arn = get("role_arn").ok_or_else(|| {
                CredentialsError::provider_error(format!(
                    "profile `{name}` has web_identity_token_file but no role_arn"
                ))
            })?;
            let base = Base::WebIdentity {
                role_arn: role_arn.to_string(),
                token_file: token_file.to_string(),
                session_name: get("role_session_name").map(str::to_string),
            };
            return Ok((base, links));
        }
        let Some(role_arn) = get("role_arn") else {
            let base = base_of(&name, profile, settings, visited.len() == 1)?;
            return Ok((base, links));
        };
        links.push(RoleLink {
            profile: name.clone(),
            role_arn: role_arn.to_string(),
            session_name: get("role_session_name").map(str::to_string),
            external_id: get("external_id").map(str::to_string),
            duration_seconds: get("duration_seconds").map(str::to_string),
        });
        match (get("source_profile"), get("credential_source")) {
            (Some(_), Some(_)) => {
                return Err(CredentialsError::provider_error(format!(
                    "profile `{name}` has both source_profile and credential_source (pick one)"
                )));
            }
            (None, None) => {
                return Err(CredentialsError::provider_error(format!(
                    "profile `{name}` has role_arn but neither source_profile nor \
                     credential_source"
                )));
            }
            (None, Some(source)) => return Ok((Base::Named(source.to_string()), links)),
            // A profile that names itself uses its own keys as the source.
            (Some(source), None) if source == name => {
                let keys = static_keys(&name, profile)?.ok_or_else(|| {
                    CredentialsError::provider_error(format!(
                        "profile `{name}` is its own source_profile but has no \
                         aws_access_key_id / aws_secret_access_key"
                    ))
                })?;
                return Ok((Base::Static(keys), links));
            }
            (Some(source), None) => name = source.to_string(),
        }
    }
}

/// A profile without `role_arn`: SSO, static keys, or `credential_process`.
fn base_of(
    name: &str,
    profile: &Profile,
    settings: &ChainSettings,
    selected: bool,
) -> Result<Base, CredentialsError> {
    let get = |key: &str| {
        profile
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    if get("sso_session").is_some() || get("sso_start_url").is_some() {
        return super::sso::SsoProfile::from_profile(name, profile, settings).map(Base::Sso);
    }
    if let Some(keys) = static_keys(name, profile)? {
        return Ok(Base::Static(keys));
    }
    if let Some(command) = get("credential_process") {
        return Ok(Base::Process(command.to_string()));
    }
    Err(match selected {
        true => CredentialsError::not_loaded("no credentials"),
        false => CredentialsError::provider_error(format!(
            "source_profile `{name}` has no credentials (no keys, sso or credential_process)"
        )),
    })
}

fn static_keys(name: &str, profile: &Profile) -> Result<Option<Credentials>, CredentialsError> {
    let get = |key: &str| {
        profile
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    match (get("aws_access_key_id"), get("aws_secret_access_key")) {
        (Some(key), Some(secret)) => {
            let c = Credentials::new(key, secret, get("aws_session_token").map(str::to_string));
            c.validate(&format!("profile `{name}`"))
                .map_err(CredentialsError::provider_error)?;
            Ok(Some(c))
        }
        (None, None) => Ok(None),
        _ => Err(CredentialsError::provider_error(format!(
            "profile `{name}` has only one of aws_access_key_id and aws_secret_access_key"
        ))),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Settings from an environment and an optional config file text.
    pub(crate) fn settings(env: &[(&str, &str)], config: &str) -> ChainSettings {
        let map: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let profiles = crate::client::profile::parse(
            config,
            crate::client::profile::FileKind::Config,
            "config",
        )
        .unwrap();
        ChainSettings {
            env: EnvSnapshot::capture(&|n: &str| map.get(n).cloned()),
            profile_name: map.get("AWS_PROFILE").cloned().unwrap_or("default".into()),
            profiles,
            home: None,
        }
    }

    #[test]
    fn service_endpoints_follow_the_sdk_order() {
        let config = "[default]\nservices = s\nendpoint_url = http://profile-global\n\
                      [services s]\nsts =\n  endpoint_url = http://profile-sts/\n";
        let ep = |env: &[(&str, &str)], config: &str| {
            settings(env, config).service_endpoint("STS", "sts")
        };
        let both = [
            ("AWS_ENDPOINT_URL_STS", "http://env-sts"),
            ("AWS_ENDPOINT_URL", "http://env-global"),
        ];
        assert_eq!(ep(&both, config).as_deref(), Some("http://env-sts"));
        assert_eq!(ep(&both[1..], config).as_deref(), Some("http://env-global"));
        assert_eq!(ep(&[], config).as_deref(), Some("http://profile-sts"));
        assert_eq!(
            ep(&[], "[default]\nendpoint_url = http://profile-global\n").as_deref(),
            Some("http://profile-global")
        );
        // Another service's key in the section does not apply.
        assert_eq!(
            settings(&[], config)
                .service_endpoint("SSO", "sso")
                .as_deref(),
            Some("http://profile-global")
        );
        assert_eq!(
            ep(&[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")], config),
            None
        );
        assert_eq!(ep(&[], ""), None);
    }
}

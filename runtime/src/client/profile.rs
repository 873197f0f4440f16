//! Environment variables and the shared AWS `config` / `credentials` files.
//!
//! The files are parsed here rather than with an INI crate: the AWS format is not plain INI
//! (`[profile NAME]` in one file but `[NAME]` in the other, indented sub-property lines,
//! `#`/`;` comments that only start a value comment after whitespace, no escapes), and the
//! small INI crates either differ on those rules (e.g. treating `\` as an escape in secrets)
//! or bring several extra dependencies for a ~100-line job.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ServiceInfo;
use super::credentials::Credentials;
use crate::error::{ConfigError, ConfigErrorKind};

/// Properties of one profile, keys as written; an indented sub-property is `parent.key`
/// (`sts =` then `  endpoint_url = …` is `sts.endpoint_url`).
pub(crate) type Profile = HashMap<String, String>;

/// The sections of the shared files the client reads.
#[derive(Clone, Debug, Default)]
pub(crate) struct ProfileSet {
    /// `[default]`, `[profile NAME]` (config file), `[NAME]` (credentials file).
    pub(crate) profiles: HashMap<String, Profile>,
    /// `[sso-session NAME]` (config file).
    pub(crate) sso_sessions: HashMap<String, Profile>,
    /// `[services NAME]` (config file): per-service settings such as `sts.endpoint_url`.
    pub(crate) services: HashMap<String, Profile>,
}

impl ProfileSet {
    /// Adds `other`'s properties, overriding this one's (credentials file over config file).
    fn merge(&mut self, other: ProfileSet) {
        for (mine, theirs) in [
            (&mut self.profiles, other.profiles),
            (&mut self.sso_sessions, other.sso_sessions),
            (&mut self.services, other.services),
        ] {
            for (name, props) in theirs {
                mine.entry(name).or_default().extend(props);
            }
        }
    }
}

/// What the environment and the profile files provided.
#[derive(Clone, Debug, Default)]
pub(crate) struct EnvSettings {
    pub(crate) profile: String,
    pub(crate) config_file: Option<PathBuf>,
    pub(crate) credentials_file: Option<PathBuf>,
    pub(crate) region: Option<String>,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) disable_host_prefix: Option<bool>,
    pub(crate) disable_request_compression: Option<bool>,
    pub(crate) request_min_compression_size_bytes: Option<u32>,
    pub(crate) endpoint: super::endpoint::EndpointEnv,
    /// Every section of both files, for the credentials chain (`source_profile`, `sso-session`).
    pub(crate) profile_set: ProfileSet,
}

impl EnvSettings {
    /// `~/.aws/config and ~/.aws/credentials`, for error messages.
    pub(crate) fn files(&self) -> String {
        let show = |p: &Option<PathBuf>| match p {
            Some(p) => p.display().to_string(),
            None => "(no home directory)".to_string(),
        };
        format!(
            "{} and {}",
            show(&self.config_file),
            show(&self.credentials_file)
        )
    }
}

/// The user's home directory: `HOME`, else `USERPROFILE` (Windows), else the OS's answer.
pub(crate) fn home_dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    var("HOME")
        .or_else(|| var("USERPROFILE"))
        .map(PathBuf::from)
        .or_else(std::env::home_dir)
}

/// Which kind of section a header opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SectionKind {
    Profile,
    SsoSession,
    Services,
}

/// Which of the two shared files: they name their sections differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `~/.aws/config`: `[default]`, `[profile NAME]`; other section kinds are ignored.
    Config,
    /// `~/.aws/credentials`: `[NAME]`.
    Credentials,
}

/// Parses one shared file into its sections. `origin` names the file in errors.
pub(crate) fn parse(text: &str, kind: FileKind, origin: &str) -> Result<ProfileSet, ConfigError> {
    let mut set = ProfileSet::default();
    // The section whose properties we are reading; `None` for ignored sections.
    let mut current: Option<(SectionKind, String)> = None;
    let mut in_section = false;
    // The property that indented lines below belong to.
    let mut last_key: Option<String> = None;
    let error = |line_no: usize, why: String| {
        ConfigError::new(
            ConfigErrorKind::Profile,
            format!("{origin}, line {line_no}: {why}"),
        )
    };
    fn props<'s>(
        set: &'s mut ProfileSet,
        current: &Option<(SectionKind, String)>,
    ) -> Option<&'s mut Profile> {
        let (kind, name) = current.as_ref()?;
        let map = match kind {
            SectionKind::Profile => &mut set.profiles,
            SectionKind::SsoSession => &mut set.sso_sessions,
            SectionKind::Services => &mut set.services,
        };
        Some(map.entry(name.clone()).or_default())
    }
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if raw.starts_with([' ', '\t']) {
            // A sub-property of the previous property (`sts =\n  endpoint_url = v`), kept as
            // `sts.endpoint_url`; a line without `=` continues a value none of ours use.
            let Some(parent) = &last_key else {
                return Err(error(
                    line_no,
                    "indented line without a property before it".into(),
                ));
            };
            if let Some((key, value)) = trimmed.split_once('=') {
                let key = format!("{parent}.{}", key.trim());
                let value = strip_value_comment(value).to_string();
                if let Some(p) = props(&mut set, &current) {
                    p.insert(key, value);
                }
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('[') {
            let Some(end) = rest.find(']') else {
                return Err(error(
                    line_no,
                    format!("section header {trimmed:?} has no `]`"),
                ));
            };
            let after = rest[end + 1..].trim();
            if !after.is_empty() && !after.starts_with(['#', ';']) {
                return Err(error(
                    line_no,
                    format!("unexpected text {after:?} after the section header"),
                ));
            }
            let name = rest[..end].trim();
            if name.is_empty() {
                return Err(error(line_no, "empty section name `[]`".into()));
            }
            current = section_of(name, kind);
            props(&mut set, &current);
            in_section = true;
            last_key = None;
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            return Err(error(
                line_no,
                format!("expected `[section]` or `key = value`, found {trimmed:?}"),
            ));
        };
        if !in_section {
            return Err(error(
                line_no,
                "property before any `[section]` header".into(),
            ));
        }
        let key = key.trim();
        if key.is_empty() {
            return Err(error(line_no, "property with an empty name".into()));
        }
        last_key = Some(key.to_string());
        if let Some(p) = props(&mut set, &current) {
            p.insert(key.to_string(), strip_value_comment(value).to_string());
        }
    }
    Ok(set)
}

/// The section a header names in a file of `kind`, or `None` when ignored.
fn section_of(name: &str, kind: FileKind) -> Option<(SectionKind, String)> {
    match kind {
        FileKind::Credentials => Some((SectionKind::Profile, name.to_string())),
        FileKind::Config => {
            if name == "default" {
                return Some((SectionKind::Profile, name.to_string()));
            }
            let (kind, rest) = [
                ("profile", SectionKind::Profile),
                ("sso-session", SectionKind::SsoSession),
                ("services", SectionKind::Services),
            ]
            .into_iter()
            .find_map(|(word, kind)| name.strip_prefix(word).map(|rest| (kind, rest)))?;
            // `[profile x]` needs whitespace after `profile`; `[profilex]` is not a profile.
            if !rest.starts_with([' ', '\t']) {
                return None;
            }
            let rest = rest.trim();
            (!rest.is_empty()).then(|| (kind, rest.to_string()))
        }
    }
}

/// Drops a `# comment` / `; comment` that follows whitespace; a `#` inside a value stays.
fn strip_value_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    let mut end = value.len();
    for i in 1..bytes.len() {
        if (bytes[i] == b'#' || bytes[i] == b';') && bytes[i - 1].is_ascii_whitespace() {
            end = i;
            break;
        }
    }
    value[..end].trim()
}

/// Reads a shared file: missing is fine (`Ok(None)`), unreadable is an error.
fn read_file(path: &Path) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError::new(
            ConfigErrorKind::Profile,
            format!("cannot read {}: {e}", path.display()),
        )
        .with_source(e)),
    }
}

/// `~/x` → `{home}/x`, as the AWS SDKs do for the file path variables.
pub(crate) fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

fn parse_bool(value: &str, origin: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(ConfigError::new(
            ConfigErrorKind::InvalidValue,
            format!("{origin} must be `true` or `false`, found {value:?}"),
        )),
    }
}

/// The request-compression threshold: an integer from 0 to 10485760 (the SDKs' bounds).
fn parse_min_compression_size(value: &str, origin: &str) -> Result<u32, ConfigError> {
    match value.trim().parse::<u32>() {
        Ok(n) if n <= super::config::MAX_MIN_COMPRESSION_SIZE => Ok(n),
        _ => Err(ConfigError::new(
            ConfigErrorKind::InvalidValue,
            format!(
                "{origin} must be an integer from 0 to {}, found {value:?}",
                super::config::MAX_MIN_COMPRESSION_SIZE
            ),
        )),
    }
}

/// Resolves the environment and shared-file settings for `service`.
pub(crate) fn load(
    service: &ServiceInfo,
    env: &dyn Fn(&str) -> Option<String>,
    home: Option<&Path>,
    need_credentials: bool,
) -> Result<EnvSettings, ConfigError> {
    // An empty variable counts as unset, as in the AWS SDKs.
    let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());

    let explicit_profile = var("AWS_PROFILE");
    let profile_name = explicit_profile
        .clone()
        .unwrap_or_else(|| "default".to_string());
    let config_file = var("AWS_CONFIG_FILE")
        .map(|p| expand_home(&p, home))
        .or_else(|| home.map(|h| h.join(".aws").join("config")));
    let credentials_file = var("AWS_SHARED_CREDENTIALS_FILE")
        .map(|p| expand_home(&p, home))
        .or_else(|| home.map(|h| h.join(".aws").join("credentials")));

    // Both files, the credentials file's properties over the config file's.
    let mut profile_set = ProfileSet::default();
    for (path, kind) in [
        (&config_file, FileKind::Config),
        (&credentials_file, FileKind::Credentials),
    ] {
        let Some(path) = path else { continue };
        let Some(text) = read_file(path)? else {
            continue;
        };
        profile_set.merge(parse(&text, kind, &path.display().to_string())?);
    }
    let profile: Option<Profile> = profile_set.profiles.get(&profile_name).cloned();

    let mut out = EnvSettings {
        profile: profile_name.clone(),
        config_file,
        credentials_file,
        profile_set,
        ..EnvSettings::default()
    };
    let from_profile = |key: &str| {
        profile
            .as_ref()
            .and_then(|p| p.get(key))
            .filter(|v| !v.is_empty())
            .cloned()
    };

    if profile.is_none() && explicit_profile.is_some() {
        return Err(ConfigError::new(
            ConfigErrorKind::Profile,
            format!(
                "profile `{profile_name}` (from AWS_PROFILE) not found in {}",
                out.files()
            ),
        ));
    }

    out.region = var("AWS_REGION")
        .or_else(|| var("AWS_DEFAULT_REGION"))
        .or_else(|| from_profile("region"));

    // Credentials: both env keys, else both profile keys; half a pair is an error. Not looked
    // at when the builder already has credentials, so stray variables cannot get in the way.
    let (env_key, env_secret) = match need_credentials {
        true => (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")),
        false => (None, None),
    };
    out.credentials = match (env_key, env_secret) {
        (Some(key), Some(secret)) => Some(Credentials::new(key, secret, var("AWS_SESSION_TOKEN"))),
        (Some(_), None) => {
            return Err(half_pair(
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            ));
        }
        (None, Some(_)) => {
            return Err(half_pair(
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
            ));
        }
        (None, None) if !need_credentials => None,
        // Roles, web identity and SSO are resolved by the credentials chain (they may use
        // this profile's keys as the source of a role, so they come first).
        (None, None) if DEFERRED_KEYS.iter().any(|k| from_profile(k).is_some()) => None,
        (None, None) => {
            match (
                from_profile("aws_access_key_id"),
                from_profile("aws_secret_access_key"),
            ) {
                (Some(key), Some(secret)) => Some(Credentials::new(
                    key,
                    secret,
                    from_profile("aws_session_token"),
                )),
                (None, None) => None,
                _ => {
                    return Err(half_pair(&format!(
                        "profile `{profile_name}` has only one of aws_access_key_id and \
                         aws_secret_access_key (in {})",
                        out.files()
                    )));
                }
            }
        }
    };

    let ignore_endpoints = match var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") {
        Some(v) => parse_bool(&v, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?,
        None => match from_profile("ignore_configured_endpoint_urls") {
            Some(v) => parse_bool(&v, "ignore_configured_endpoint_urls")?,
            None => false,
        },
    };
    if !ignore_endpoints {
        out.endpoint_url = var(&format!("AWS_ENDPOINT_URL_{}", service.env_name))
            .or_else(|| var("AWS_ENDPOINT_URL"))
            .or_else(|| from_profile("endpoint_url"));
    }

    out.disable_host_prefix = match var("AWS_DISABLE_HOST_PREFIX_INJECTION") {
        Some(v) => Some(parse_bool(&v, "AWS_DISABLE_HOST_PREFIX_INJECTION")?),
        None => match from_profile("disable_host_prefix_injection") {
            Some(v) => Some(parse_bool(&v, "disable_host_prefix_injection")?),
            None => None,
        },
    };
    out.disable_request_compression = match var("AWS_DISABLE_REQUEST_COMPRESSION") {
        Some(v) => Some(parse_bool(&v, "AWS_DISABLE_REQUEST_COMPRESSION")?),
        None => match from_profile("disable_request_compression") {
            Some(v) => Some(parse_bool(&v, "disable_request_compression")?),
            None => None,
        },
    };
    out.request_min_compression_size_bytes = match var("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES") {
        Some(v) => Some(parse_min_compression_size(
            &v,
            "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES",
        )?),
        None => match from_profile("request_min_compression_size_bytes") {
            Some(v) => Some(parse_min_compression_size(
                &v,
                "request_min_compression_size_bytes",
            )?),
            None => None,
        },
    };
    out.endpoint = super::endpoint::env_settings(&var, &from_profile)?;
    Ok(out)
}

/// Profile keys whose credentials the chain resolves later, rather than the static keys.
const DEFERRED_KEYS: &[&str] = &[
    "role_arn",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
];

fn half_pair(message: &str) -> ConfigError {
    ConfigError::new(ConfigErrorKind::MissingCredentials, message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(p: &'a ProfileSet, name: &str, key: &str) -> Option<&'a str> {
        p.profiles.get(name)?.get(key).map(String::as_str)
    }

    #[test]
    fn config_file_sections_and_comments() {
        let text = "\
# top comment
[default]
region = us-west-2 # trailing comment
output=json;not-a-comment

[profile dev]
region=eu-west-1
s3 =
  max_concurrent_requests = 20
endpoint_url = http://localhost:4566 ; comment
[profilex]
region = nope
[sso-session corp]
region = nope
[ profile   spaced ]  ; comment
region = ap-south-1
";
        let p = parse(text, FileKind::Config, "config").unwrap();
        assert_eq!(get(&p, "default", "region"), Some("us-west-2"));
        assert_eq!(get(&p, "default", "output"), Some("json;not-a-comment"));
        assert_eq!(get(&p, "dev", "region"), Some("eu-west-1"));
        assert_eq!(get(&p, "dev", "s3"), Some(""));
        assert_eq!(
            get(&p, "dev", "endpoint_url"),
            Some("http://localhost:4566")
        );
        assert_eq!(get(&p, "spaced", "region"), Some("ap-south-1"));
        assert_eq!(get(&p, "dev", "s3.max_concurrent_requests"), Some("20"));
        assert!(!p.profiles.contains_key("profilex") && !p.profiles.contains_key("x"));
        assert!(!p.profiles.contains_key("sso-session corp") && !p.profiles.contains_key("corp"));
        assert_eq!(p.profiles.len(), 3);
        // Other section kinds are kept apart, by their own names.
        assert_eq!(p.sso_sessions["corp"]["region"], "nope");
        assert!(p.services.is_empty());
    }

    #[test]
    fn credentials_file_uses_bare_names() {
        let text = "[default]\naws_access_key_id = AKID\n[profile x]\naws_access_key_id = B\n";
        let p = parse(text, FileKind::Credentials, "creds").unwrap();
        assert_eq!(get(&p, "default", "aws_access_key_id"), Some("AKID"));
        // In the credentials file the section name is taken literally.
        assert_eq!(get(&p, "profile x", "aws_access_key_id"), Some("B"));
    }

    #[test]
    fn malformed_lines_are_errors_with_line_numbers() {
        let cases = [
            (
                "[default]\njust text\n",
                "creds, line 2: expected `[section]`",
            ),
            (
                "region = x\n",
                "creds, line 1: property before any `[section]`",
            ),
            ("[default\nregion = x\n", "creds, line 1: section header"),
            ("[default] junk\n", "creds, line 1: unexpected text"),
            ("[]\n", "creds, line 1: empty section name"),
            (
                "[default]\n= x\n",
                "creds, line 2: property with an empty name",
            ),
            (
                "[default]\n  indented = x\n",
                "creds, line 2: indented line",
            ),
        ];
        for (text, want) in cases {
            let err = parse(text, FileKind::Credentials, "creds").unwrap_err();
            assert!(err.to_string().starts_with(want), "{text:?}: {err}");
            assert_eq!(err.kind(), ConfigErrorKind::Profile);
        }
    }

    #[test]
    fn value_comments_need_leading_whitespace() {
        assert_eq!(strip_value_comment(" a#b "), "a#b");
        assert_eq!(strip_value_comment(" a #b"), "a");
        assert_eq!(strip_value_comment(" a\t;b"), "a");
        assert_eq!(strip_value_comment(""), "");
    }
}

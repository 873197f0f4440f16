//! Endpoint resolution.
//!
//! A service whose model carries `smithy.rules#endpointRuleSet` resolves every request's
//! endpoint with its rules ([`RuleSet`], evaluated by this module's engine): URL, headers,
//! and the SigV4 signing name and region from `authSchemes`. A service without rules gets
//! the default `https://{endpoint_prefix}.{region}.amazonaws.com` or the custom endpoint URL.
//!
//! Custom endpoint URLs keep their path as a prefix of every operation's path. `@endpoint`
//! host prefixes are applied to custom endpoint URLs too, as the Smithy restJson1 protocol
//! test `RestJsonEndpointTrait` (`example.com` → `foo.example.com`) and the AWS SDKs do; they
//! can be turned off with `ClientBuilder::disable_host_prefix(true)`,
//! `AWS_DISABLE_HOST_PREFIX_INJECTION=true` or `disable_host_prefix_injection = true` in the
//! profile (the AWS SDKs' setting of the same name).

pub mod functions;
mod partition;
mod resolver;
mod rules;

pub use self::partition::{DEFAULT_PARTITIONS_JSON, Partitions, PartitionsError};
pub(crate) use self::resolver::{
    ClientValues, EndpointEnv, EndpointSettings, Resolver, Route, Source, env_settings, rule_set,
};
pub use self::resolver::{IntoParam, param};
pub use self::rules::{
    EndpointError, EndpointErrorKind, Param, ParamType, ResolvedEndpoint, RuleSet, RulesError,
    Value,
};

use http::Uri;
use http::uri::{Authority, PathAndQuery, Scheme};

use super::ServiceInfo;
use crate::error::{ConfigError, ConfigErrorKind, Unhandled};

/// A parsed endpoint: scheme, authority and a path prefix without trailing `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Endpoint {
    url: String,
    scheme: Scheme,
    authority: Authority,
    base_path: String,
}

/// A region becomes part of a host name, so it must be a valid DNS label sequence.
pub(crate) fn validate_region(region: &str) -> Result<(), ConfigError> {
    let ok = !region.is_empty()
        && region.len() <= 63
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(ConfigError::new(
            ConfigErrorKind::InvalidValue,
            format!(
                "invalid region {region:?}: expected lowercase letters, digits and `-`, e.g. `us-east-1`"
            ),
        ))
    }
}

impl Endpoint {
    /// `https://{endpoint_prefix}.{region}.amazonaws.com`, `.amazonaws.com.cn` in China.
    pub(crate) fn default_for(
        service: &ServiceInfo,
        region: &str,
    ) -> Result<Endpoint, ConfigError> {
        let suffix = if region.starts_with("cn-") {
            "amazonaws.com.cn"
        } else {
            "amazonaws.com"
        };
        Endpoint::parse(&format!(
            "https://{}.{region}.{suffix}",
            service.endpoint_prefix
        ))
    }

    /// Parses a user-supplied endpoint URL: `http(s)://host[:port][/path]`, no query.
    pub(crate) fn parse(url: &str) -> Result<Endpoint, ConfigError> {
        let invalid = |why: &str| {
            ConfigError::new(
                ConfigErrorKind::InvalidValue,
                format!("invalid endpoint URL {url:?}: {why}"),
            )
        };
        let uri: Uri = url.parse().map_err(|e| {
            invalid("expected e.g. `https://example.com` or `http://localhost:8080`").with_source(e)
        })?;
        let scheme = uri
            .scheme()
            .cloned()
            .ok_or_else(|| invalid("missing `http://` or `https://`"))?;
        if scheme != Scheme::HTTP && scheme != Scheme::HTTPS {
            return Err(invalid("the scheme must be http or https"));
        }
        let authority = uri
            .authority()
            .cloned()
            .ok_or_else(|| invalid("missing host"))?;
        if authority.host().is_empty() {
            return Err(invalid("missing host"));
        }
        if authority.as_str().contains('@') {
            return Err(invalid("user info (`user@`) is not supported"));
        }
        if uri.query().is_some() {
            return Err(invalid("a query string is not supported"));
        }
        let base_path = uri.path().trim_end_matches('/').to_string();
        Ok(Endpoint {
            url: url.to_string(),
            scheme,
            authority,
            base_path,
        })
    }

    /// The URL as configured.
    pub(crate) fn as_str(&self) -> &str {
        &self.url
    }

    /// The request URI for `path_and_query` (already encoded), with `host_prefix` prepended to
    /// the host when given.
    pub(crate) fn uri_for(
        &self,
        path_and_query: &str,
        host_prefix: Option<&str>,
    ) -> Result<Uri, Unhandled> {
        let authority = match host_prefix {
            Some(prefix) if !prefix.is_empty() => {
                validate_host_prefix(prefix)?;
                let joined = format!("{prefix}{}", self.authority.as_str());
                Authority::try_from(joined.as_str()).map_err(|e| {
                    Unhandled::build(format!("invalid host {joined:?} after host prefix: {e}"))
                })?
            }
            _ => self.authority.clone(),
        };
        let sep = if path_and_query.starts_with('/') {
            ""
        } else {
            "/"
        };
        let joined = format!("{}{sep}{path_and_query}", self.base_path);
        let path_and_query = PathAndQuery::try_from(joined.as_str())
            .map_err(|e| Unhandled::build(format!("invalid request path {joined:?}: {e}")))?;
        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(authority)
            .path_and_query(path_and_query)
            .build()
            .map_err(|e| Unhandled::build(format!("cannot build request URI: {e}")))
    }
}

/// A host prefix is DNS labels each followed by `.`, e.g. `data.` or `foo.bar.`; generated code
/// fills `@hostLabel` values in, so they are checked here, not trusted.
fn validate_host_prefix(prefix: &str) -> Result<(), Unhandled> {
    let labels_ok = prefix.ends_with('.')
        && prefix[..prefix.len() - 1].split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if labels_ok {
        Ok(())
    } else {
        Err(Unhandled::build(format!(
            "invalid host prefix {prefix:?}: host labels must be letters, digits and `-`, each followed by `.`"
        )))
    }
}

/// The `host` header value for `uri`: the authority without a default port.
pub(crate) fn host_header(uri: &Uri) -> Option<http::HeaderValue> {
    let authority = uri.authority()?;
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    let value = if authority.port_u16().is_some() && authority.port_u16() == default_port {
        authority.host()
    } else {
        authority.as_str()
    };
    http::HeaderValue::from_str(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_prefix_must_be_dns_labels() {
        let ep = Endpoint::parse("https://example.com").unwrap();
        assert_eq!(
            ep.uri_for("/x", Some("foo.bar.")).unwrap().to_string(),
            "https://foo.bar.example.com/x"
        );
        for bad in ["foo", "foo..", "fo o.", "-a.", "a/b.", ".", "a@b."] {
            let err = ep.uri_for("/x", Some(bad)).unwrap_err();
            assert!(
                err.to_string().contains("invalid host prefix"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn host_header_drops_default_ports_only() {
        let h = |s: &str| host_header(&s.parse().unwrap()).unwrap();
        assert_eq!(h("https://a.com:443/"), "a.com");
        assert_eq!(h("http://a.com:80/"), "a.com");
        assert_eq!(h("http://a.com:8080/"), "a.com:8080");
        assert_eq!(h("https://a.com/"), "a.com");
        assert_eq!(h("http://127.0.0.1:443/"), "127.0.0.1:443");
    }

    #[test]
    fn region_must_be_a_host_label() {
        assert!(validate_region("us-east-1").is_ok());
        for bad in ["", "US-EAST-1", "us-east-1/evil", "a.b", "-x", "x-"] {
            assert!(validate_region(bad).is_err(), "{bad}");
        }
    }
}

//! Auth schemes as the model decides them, shared by the client (which applies them) and the
//! server (which reads the credentials a request carries).
//!
//! Codegen resolves each operation's schemes once (service `@auth` order, else the service's
//! auth traits in shape-id order; an operation's `@auth` overrides; `@optionalAuth` adds
//! [`AuthScheme::NoAuth`] at the end; `@auth([])` or no scheme at all is `[NoAuth]`) and emits
//! them as data in [`ServiceAuth`], so generated code gains no line per operation.

/// One auth scheme of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// `aws.auth#sigv4`: SigV4 with the service's signing name.
    SigV4,
    /// `smithy.api#httpBearerAuth`: `Authorization: Bearer <token>`.
    Bearer,
    /// `smithy.api#httpApiKeyAuth`.
    ApiKey {
        /// The header or query parameter name.
        name: &'static str,
        /// In the query string (else in a header).
        in_query: bool,
        /// The header value's scheme prefix (`ApiKey` in `Authorization: ApiKey <key>`).
        scheme: Option<&'static str>,
    },
    /// `smithy.api#httpBasicAuth`: `Authorization: Basic base64(user:password)`.
    Basic,
    /// A scheme this runtime cannot apply (`smithy.api#httpDigestAuth`, custom schemes), by
    /// shape id: sending fails with an error naming it, unless an earlier scheme applies.
    Unsupported(&'static str),
    /// No auth (`smithy.api#noAuth`): `@optionalAuth`, `@auth([])`, or a service without auth.
    NoAuth,
}

impl AuthScheme {
    /// The scheme's shape id.
    pub fn id(&self) -> &'static str {
        match self {
            AuthScheme::SigV4 => "aws.auth#sigv4",
            AuthScheme::Bearer => "smithy.api#httpBearerAuth",
            AuthScheme::ApiKey { .. } => "smithy.api#httpApiKeyAuth",
            AuthScheme::Basic => "smithy.api#httpBasicAuth",
            AuthScheme::Unsupported(id) => id,
            AuthScheme::NoAuth => "smithy.api#noAuth",
        }
    }
}

/// The auth of a whole service: whether it is an AWS service, and each operation's schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceAuth {
    /// An AWS service (`aws.api#service` or `smithy.rules#endpointRuleSet`): region, AWS
    /// credentials and the AWS environment and shared files apply. Otherwise the client needs
    /// an endpoint URL, no region, and reads no AWS settings.
    pub aws: bool,
    /// The schemes, in order, of every operation not in `operations`.
    pub default: &'static [AuthScheme],
    /// Operations whose schemes differ from `default`, by operation name.
    pub operations: &'static [(&'static str, &'static [AuthScheme])],
}

impl ServiceAuth {
    /// An AWS service whose operations are all SigV4-signed (every AWS restJson1 model).
    pub const AWS_SIGV4: ServiceAuth = ServiceAuth {
        aws: true,
        default: &[AuthScheme::SigV4],
        operations: &[],
    };

    /// The schemes of `operation`, in the order they are tried.
    pub fn schemes(&self, operation: &str) -> &'static [AuthScheme] {
        self.operations
            .iter()
            .find(|(name, _)| *name == operation)
            .map_or(self.default, |(_, schemes)| schemes)
    }

    /// Some operation may be SigV4-signed (a region is then needed).
    pub fn uses_sigv4(&self) -> bool {
        self.default
            .iter()
            .chain(self.operations.iter().flat_map(|(_, s)| s.iter()))
            .any(|s| *s == AuthScheme::SigV4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_not_listed_get_the_default() {
        const AUTH: ServiceAuth = ServiceAuth {
            aws: false,
            default: &[AuthScheme::Bearer],
            operations: &[("Ping", &[AuthScheme::NoAuth])],
        };
        assert_eq!(AUTH.schemes("Ping"), [AuthScheme::NoAuth]);
        assert_eq!(AUTH.schemes("GetBook"), [AuthScheme::Bearer]);
        assert!(!AUTH.uses_sigv4());
        assert!(ServiceAuth::AWS_SIGV4.uses_sigv4());
        assert_eq!(ServiceAuth::AWS_SIGV4.schemes("Any"), [AuthScheme::SigV4]);
    }
}

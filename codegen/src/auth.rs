//! Auth schemes, decided once per operation while lowering (printed as
//! `smithy_runtime::auth::ServiceAuth` data by the client emitter).
//!
//! Smithy's rules: a service's schemes are its `@auth` list, else the auth-definition traits
//! applied to it in shape-id order; an operation's own `@auth` replaces them; `@optionalAuth`
//! adds `noAuth` at the end; an empty list (`@auth([])`, or a service with no scheme) is
//! `noAuth` alone. A service is an AWS service when it has `aws.api#service` or
//! `smithy.rules#endpointRuleSet`.

use serde_json::Value;
use smithy_model::{Model, Shape, ShapeId};

use crate::Error;

/// One auth scheme of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// `aws.auth#sigv4`.
    SigV4,
    /// `smithy.api#httpBearerAuth`.
    Bearer,
    /// `smithy.api#httpApiKeyAuth`.
    ApiKey {
        /// Header or query parameter name.
        name: String,
        /// `in: "query"`.
        in_query: bool,
        /// The header value's scheme prefix.
        scheme: Option<String>,
    },
    /// `smithy.api#httpBasicAuth`.
    Basic,
    /// A scheme the runtime cannot apply (`smithy.api#httpDigestAuth`, custom ones).
    Unsupported(String),
    /// `smithy.api#noAuth`.
    NoAuth,
}

/// A service's auth: whether it is an AWS service, and the schemes of its operations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auth {
    /// `aws.api#service` or `smithy.rules#endpointRuleSet`.
    pub aws: bool,
    /// The schemes of operations without their own `@auth` or `@optionalAuth`.
    pub default: Vec<AuthScheme>,
}

impl Auth {
    /// An AWS service whose every operation is SigV4-signed (given the operations' lists).
    pub fn is_aws_sigv4<'a>(&self, mut ops: impl Iterator<Item = &'a [AuthScheme]>) -> bool {
        self.aws && self.default == [AuthScheme::SigV4] && ops.all(|s| s == self.default)
    }
}

const AUTH: &str = "smithy.api#auth";
const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
const AUTH_DEFINITION: &str = "smithy.api#authDefinition";
const KNOWN: &[&str] = &[
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "smithy.api#httpApiKeyAuth",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpDigestAuth",
];

fn bad(shape: &ShapeId, message: String) -> Error {
    Error::Unsupported {
        shape: shape.to_string(),
        message,
    }
}

/// The service's auth (its own list of schemes, before any operation's override).
pub fn service(model: &Model, svc: &Shape) -> Result<Auth, Error> {
    let aws = svc.traits.has("aws.api#service") || svc.traits.has("smithy.rules#endpointRuleSet");
    let ids = match svc.traits.get(AUTH) {
        Some(v) => id_list(&svc.id, v)?,
        None => {
            let mut ids: Vec<String> = svc
                .traits
                .iter()
                .map(|(id, _)| id.to_string())
                .filter(|id| {
                    KNOWN.contains(&id.as_str())
                        || id.parse::<ShapeId>().ok().is_some_and(|sid| {
                            model
                                .shape(&sid)
                                .is_some_and(|s| s.traits.has(AUTH_DEFINITION))
                        })
                })
                .collect();
            // Smithy orders shape ids case-insensitively first.
            ids.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
            ids
        }
    };
    Ok(Auth {
        aws,
        default: schemes(svc, &ids, false)?,
    })
}

/// The schemes of operation `op`, in order.
pub fn operation(svc: &Shape, auth: &Auth, op: &Shape) -> Result<Vec<AuthScheme>, Error> {
    let optional = op.traits.has(OPTIONAL_AUTH);
    match op.traits.get(AUTH) {
        Some(v) => {
            let ids = id_list(&op.id, v)?;
            for id in &ids {
                if !svc.traits.iter().any(|(t, _)| t.to_string() == *id) {
                    return Err(bad(
                        &op.id,
                        format!("@auth names `{id}`, which the service does not apply"),
                    ));
                }
            }
            schemes(svc, &ids, optional)
        }
        None if optional && !auth.default.contains(&AuthScheme::NoAuth) => {
            let mut s = auth.default.clone();
            s.push(AuthScheme::NoAuth);
            Ok(s)
        }
        None => Ok(auth.default.clone()),
    }
}

fn id_list(shape: &ShapeId, v: &Value) -> Result<Vec<String>, Error> {
    let list = v
        .as_array()
        .ok_or_else(|| bad(shape, "@auth must be a list of shape ids".into()))?;
    list.iter()
        .map(|i| {
            i.as_str()
                .map(str::to_string)
                .ok_or_else(|| bad(shape, "@auth must be a list of shape ids".into()))
        })
        .collect()
}

fn schemes(svc: &Shape, ids: &[String], optional: bool) -> Result<Vec<AuthScheme>, Error> {
    let mut out = Vec::new();
    for id in ids {
        out.push(match id.as_str() {
            "aws.auth#sigv4" => AuthScheme::SigV4,
            "smithy.api#httpBearerAuth" => AuthScheme::Bearer,
            "smithy.api#httpBasicAuth" => AuthScheme::Basic,
            "smithy.api#httpApiKeyAuth" => api_key(svc)?,
            other => AuthScheme::Unsupported(other.to_string()),
        });
    }
    if (optional || out.is_empty()) && !out.contains(&AuthScheme::NoAuth) {
        out.push(AuthScheme::NoAuth);
    }
    Ok(out)
}

fn api_key(svc: &Shape) -> Result<AuthScheme, Error> {
    let v = svc.traits.get("smithy.api#httpApiKeyAuth").ok_or_else(|| {
        bad(
            &svc.id,
            "@auth names httpApiKeyAuth, which the service does not apply".into(),
        )
    })?;
    let field = |k: &str| v.get(k).and_then(Value::as_str);
    let name = field("name")
        .filter(|n| !n.is_empty())
        .ok_or_else(|| bad(&svc.id, "@httpApiKeyAuth needs a non-empty `name`".into()))?;
    let in_query = match field("in") {
        Some("query") => true,
        Some("header") => false,
        other => {
            return Err(bad(
                &svc.id,
                format!("@httpApiKeyAuth `in` must be \"header\" or \"query\", not {other:?}"),
            ));
        }
    };
    // A header name is an RFC 9110 token.
    let token = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !in_query && !token {
        return Err(bad(
            &svc.id,
            format!("@httpApiKeyAuth `name` {name:?} is not a valid header name"),
        ));
    }
    Ok(AuthScheme::ApiKey {
        name: name.to_string(),
        in_query,
        scheme: field("scheme").map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(service_traits: &str, op_traits: &str) -> Model {
        let json = format!(
            r#"{{"smithy": "2.0", "shapes": {{
              "t#S": {{"type": "service", "operations": [{{"target": "t#Op"}}],
                       "traits": {{"aws.protocols#restJson1": {{}} {service_traits}}}}},
              "t#Op": {{"type": "operation", "traits": {{"smithy.api#http": {{"method": "GET", "uri": "/"}} {op_traits}}}}}
            }}}}"#
        );
        Model::load(json.as_bytes()).unwrap()
    }

    fn resolve(service_traits: &str, op_traits: &str) -> Result<(Auth, Vec<AuthScheme>), Error> {
        let m = model(service_traits, op_traits);
        let svc = m.shape(&"t#S".parse().unwrap()).unwrap();
        let op = m.shape(&"t#Op".parse().unwrap()).unwrap();
        let auth = service(&m, svc)?;
        let ops = operation(svc, &auth, op)?;
        Ok((auth, ops))
    }

    const KEY: &str = r#", "smithy.api#httpApiKeyAuth": {"name": "k", "in": "query"}"#;

    #[test]
    fn without_auth_the_service_traits_go_in_shape_id_order() {
        let traits = format!(
            r#", "smithy.api#httpBearerAuth": {{}}, "smithy.api#httpBasicAuth": {{}}, "aws.auth#sigv4": {{"name": "s"}} {KEY}"#
        );
        let (auth, op) = resolve(&traits, "").unwrap();
        let key = AuthScheme::ApiKey {
            name: "k".into(),
            in_query: true,
            scheme: None,
        };
        assert_eq!(
            auth.default,
            [
                AuthScheme::SigV4,
                key.clone(),
                AuthScheme::Basic,
                AuthScheme::Bearer
            ]
        );
        assert!(!auth.aws);
        assert_eq!(op, auth.default);
        // @optionalAuth adds noAuth; an operation @auth replaces the list.
        let (_, op) = resolve(&traits, r#", "smithy.api#optionalAuth": {}"#).unwrap();
        assert_eq!(op.last(), Some(&AuthScheme::NoAuth));
        assert_eq!(op.len(), 5);
        let (_, op) = resolve(
            &traits,
            r#", "smithy.api#auth": ["smithy.api#httpBasicAuth"]"#,
        )
        .unwrap();
        assert_eq!(op, [AuthScheme::Basic]);
        let (_, op) = resolve(&traits, r#", "smithy.api#auth": []"#).unwrap();
        assert_eq!(op, [AuthScheme::NoAuth]);
    }

    #[test]
    fn service_auth_order_none_and_bad_references() {
        let (auth, op) = resolve(
            &format!(
                r#", "smithy.api#httpBearerAuth": {{}}, "smithy.api#httpDigestAuth": {{}}, "smithy.api#auth": ["smithy.api#httpDigestAuth", "smithy.api#httpBearerAuth"] {KEY}"#
            ),
            "",
        )
        .unwrap();
        assert_eq!(
            op,
            [
                AuthScheme::Unsupported("smithy.api#httpDigestAuth".into()),
                AuthScheme::Bearer
            ]
        );
        assert_eq!(auth.default, op);
        // No scheme at all: no auth. `aws.api#service` makes it an AWS service.
        let (auth, op) = resolve(r#", "aws.api#service": {"sdkId": "S"}"#, "").unwrap();
        assert!(auth.aws);
        assert_eq!(op, [AuthScheme::NoAuth]);
        let e = resolve(
            r#", "smithy.api#httpBearerAuth": {}"#,
            r#", "smithy.api#auth": ["smithy.api#httpBasicAuth"]"#,
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("which the service does not apply"),
            "{e}"
        );
        let e = resolve(
            r#", "smithy.api#httpApiKeyAuth": {"name": "a b", "in": "header"}"#,
            "",
        )
        .unwrap_err();
        assert!(e.to_string().contains("not a valid header name"), "{e}");
    }
}

//! The credentials a request carries, read as the operation's auth schemes say, and an
//! optional tower layer ([`AuthLayer`]) that checks them.
//!
//! With [`ServerConfig::auth`](super::ServerConfig::auth) set (generated routers set it from
//! the crate's `SERVICE`), the server reads, after routing, the credential of the first of the
//! operation's schemes the request carries: a bearer token, an API key (the modeled header,
//! without its scheme prefix, or query parameter), basic-auth user and password, or a SigV4
//! access key id. The handler gets it from [`credential()`] (and the request extensions carry
//! it as a [`Credential`]). Nothing is checked unless an [`AuthLayer`] is in front: then a
//! request without a credential for an operation that requires one gets 401
//! `UnauthorizedException`, and one whose credential the layer refuses gets 403
//! `AccessDeniedException` (restJson1 errors, `X-Amzn-Errortype` and `{"message"}`).
//! SigV4 signatures are checked by [`SigV4VerifyLayer`](super::SigV4VerifyLayer), not here.

use std::fmt;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::StatusCode;
use tower::{Layer, Service};

use super::{QueryMap, Rejection};
use crate::auth::AuthScheme;

/// A credential a request presented.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer <token>`.
    Bearer(String),
    /// The `@httpApiKeyAuth` header (its scheme prefix removed) or query parameter.
    ApiKey(String),
    /// `Authorization: Basic ...`, decoded.
    Basic {
        /// The user.
        user: String,
        /// The password.
        password: String,
    },
    /// The access key id of a SigV4 `Authorization` header (the signature is not checked).
    SigV4 {
        /// The access key id.
        access_key_id: String,
    },
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Bearer(_) => f.write_str("Bearer(** redacted **)"),
            Credential::ApiKey(_) => f.write_str("ApiKey(** redacted **)"),
            Credential::Basic { user, .. } => f
                .debug_struct("Basic")
                .field("user", user)
                .field("password", &"** redacted **")
                .finish(),
            Credential::SigV4 { access_key_id } => f
                .debug_struct("SigV4")
                .field("access_key_id", access_key_id)
                .finish(),
        }
    }
}

tokio::task_local! {
    static CURRENT: Option<Credential>;
}

/// The credential of the request being handled (inside a service trait method called by a
/// generated router), if it carried one for its operation's schemes.
pub fn credential() -> Option<Credential> {
    CURRENT.try_with(Clone::clone).ok().flatten()
}

/// Runs `f` with `credential` as what [`credential()`] returns.
pub(crate) async fn scope<F: Future>(credential: Option<Credential>, f: F) -> F::Output {
    CURRENT.scope(credential, f).await
}

type Verify = dyn Fn(&Credential) -> bool + Send + Sync;

/// The check an [`AuthLayer`] put in the request extensions.
#[derive(Clone)]
struct Verifier(Arc<Verify>);

/// A tower layer that makes the server enforce the model's auth: `verify` accepts or refuses
/// each credential. Requests for operations that require auth (no `@optionalAuth`, not
/// `@auth([])`) get 401 without a credential and 403 when `verify` refuses it.
///
/// ```
/// use smithy_runtime::server::{AuthLayer, Credential, axum};
/// // Bearer tokens: accept one token.
/// let layer = AuthLayer::new(|c: &Credential| matches!(c, Credential::Bearer(t) if t == "s3cret"));
/// let app: axum::Router = axum::Router::new().layer(layer);
/// ```
#[derive(Clone)]
pub struct AuthLayer {
    verify: Verifier,
}

impl fmt::Debug for AuthLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthLayer").finish_non_exhaustive()
    }
}

impl AuthLayer {
    /// A layer accepting the credentials `verify` returns true for.
    pub fn new(verify: impl Fn(&Credential) -> bool + Send + Sync + 'static) -> Self {
        AuthLayer {
            verify: Verifier(Arc::new(verify)),
        }
    }
}

impl<S> Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthService {
            inner,
            verify: self.verify.clone(),
        }
    }
}

/// The service [`AuthLayer`] wraps around another: it hands the check to the server.
#[derive(Clone)]
pub struct AuthService<S> {
    inner: S,
    verify: Verifier,
}

impl<S> fmt::Debug for AuthService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthService").finish_non_exhaustive()
    }
}

impl<S, B> Service<http::Request<B>> for AuthService<S>
where
    S: Service<http::Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<B>) -> Self::Future {
        // Only the server knows the operation (and so its schemes) after routing.
        request.extensions_mut().insert(self.verify.clone());
        self.inner.call(request)
    }
}

/// Reads the request's credential for `schemes` and, if an [`AuthLayer`] is installed,
/// enforces them.
pub(crate) fn check(
    schemes: &[AuthScheme],
    parts: &mut http::request::Parts,
    query: &QueryMap,
) -> Result<Option<Credential>, Rejection> {
    let credential = schemes
        .iter()
        .find_map(|s| presented(s, &parts.headers, query));
    if let Some(Verifier(verify)) = parts.extensions.get::<Verifier>() {
        match &credential {
            Some(c) if !verify(c) => {
                return Err(Rejection::new(
                    StatusCode::FORBIDDEN,
                    "AccessDeniedException",
                    "the request's credential was refused",
                ));
            }
            None if !schemes.contains(&AuthScheme::NoAuth) => {
                let ids: Vec<&str> = schemes.iter().map(AuthScheme::id).collect();
                return Err(Rejection::new(
                    StatusCode::UNAUTHORIZED,
                    "UnauthorizedException",
                    format!(
                        "this operation requires authentication ({})",
                        ids.join(", ")
                    ),
                ));
            }
            _ => {}
        }
    }
    if let Some(c) = &credential {
        parts.extensions.insert(c.clone());
    }
    Ok(credential)
}

fn presented(
    scheme: &AuthScheme,
    headers: &http::HeaderMap,
    query: &QueryMap,
) -> Option<Credential> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    // `Authorization: <scheme> <rest>`, the scheme compared case-insensitively (RFC 9110).
    let with_scheme = |value: &'static str, name: &str| {
        let v = header(name)?;
        let (s, rest) = v.split_once(' ')?;
        s.eq_ignore_ascii_case(value)
            .then(|| rest.trim().to_string())
    };
    match scheme {
        AuthScheme::Bearer => with_scheme("Bearer", "authorization").map(Credential::Bearer),
        AuthScheme::ApiKey {
            name,
            in_query: true,
            ..
        } => query.get(name).map(|k| Credential::ApiKey(k.to_string())),
        AuthScheme::ApiKey {
            name,
            scheme: Some(s),
            ..
        } => with_scheme(s, name).map(Credential::ApiKey),
        AuthScheme::ApiKey { name, .. } => header(name).map(|k| Credential::ApiKey(k.to_string())),
        AuthScheme::Basic => {
            let encoded = with_scheme("Basic", "authorization")?;
            let decoded = crate::wire::base64_decode(&encoded).ok()?;
            let text = String::from_utf8(decoded).ok()?;
            let (user, password) = text.split_once(':')?;
            Some(Credential::Basic {
                user: user.to_string(),
                password: password.to_string(),
            })
        }
        AuthScheme::SigV4 => {
            let rest = with_scheme("AWS4-HMAC-SHA256", "authorization")?;
            let credential = rest
                .split(',')
                .find_map(|p| p.trim().strip_prefix("Credential="))?;
            let access_key_id = credential.split('/').next()?.to_string();
            Some(Credential::SigV4 { access_key_id })
        }
        AuthScheme::Unsupported(_) | AuthScheme::NoAuth => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, http::HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn credentials_are_read_as_each_scheme_says() {
        let q = QueryMap::parse("api_key=k%2F1").unwrap();
        let none = QueryMap::parse("").unwrap();
        let key = |in_query, scheme| AuthScheme::ApiKey {
            name: if in_query { "api_key" } else { "x-key" },
            in_query,
            scheme,
        };
        let cases: Vec<(AuthScheme, http::HeaderMap, &QueryMap, Option<Credential>)> = vec![
            (
                AuthScheme::Bearer,
                headers(&[("authorization", "bearer  tok ")]),
                &none,
                Some(Credential::Bearer("tok".into())),
            ),
            (
                AuthScheme::Bearer,
                headers(&[("authorization", "Basic eA==")]),
                &none,
                None,
            ),
            (
                key(true, None),
                headers(&[]),
                &q,
                Some(Credential::ApiKey("k/1".into())),
            ),
            (
                key(false, Some("ApiKey")),
                headers(&[("x-key", "ApiKey abc")]),
                &none,
                Some(Credential::ApiKey("abc".into())),
            ),
            (
                key(false, Some("ApiKey")),
                headers(&[("x-key", "abc")]),
                &none,
                None,
            ),
            (
                key(false, None),
                headers(&[("x-key", "abc def")]),
                &none,
                Some(Credential::ApiKey("abc def".into())),
            ),
            (
                AuthScheme::Basic,
                // base64("ann:pw:1")
                headers(&[("authorization", "Basic YW5uOnB3OjE=")]),
                &none,
                Some(Credential::Basic {
                    user: "ann".into(),
                    password: "pw:1".into(),
                }),
            ),
            (
                AuthScheme::Basic,
                headers(&[("authorization", "Basic !!")]),
                &none,
                None,
            ),
            (
                AuthScheme::SigV4,
                headers(&[(
                    "authorization",
                    "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/svc/aws4_request, \
                     SignedHeaders=host, Signature=00",
                )]),
                &none,
                Some(Credential::SigV4 {
                    access_key_id: "AKID".into(),
                }),
            ),
            (
                AuthScheme::NoAuth,
                headers(&[("authorization", "Bearer t")]),
                &none,
                None,
            ),
        ];
        for (scheme, h, q, want) in cases {
            assert_eq!(presented(&scheme, &h, q), want, "{scheme:?} {h:?}");
        }
    }
}

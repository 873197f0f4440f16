//! Applying an operation's auth schemes to each attempt: the first scheme of the operation's
//! list (see [`crate::auth`]) that the client has credentials for wins; none → an error that
//! names the builder setter to call.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use http::HeaderValue;

use super::transport::BoxFuture;
use super::{ClientBuilder, Config, Handle};
use crate::auth::AuthScheme;
use crate::error::{BoxError, Unhandled};

/// Gives the bearer token for each attempt (e.g. one refreshed by an OAuth flow).
///
/// Closures `Fn() -> Result<String, BoxError>` are token providers.
pub trait TokenProvider: Send + Sync + 'static {
    /// The token to send as `Authorization: Bearer <token>`.
    fn token(&self) -> BoxFuture<'static, Result<String, BoxError>>;
}

impl<F> TokenProvider for F
where
    F: Fn() -> Result<String, BoxError> + Send + Sync + 'static,
{
    fn token(&self) -> BoxFuture<'static, Result<String, BoxError>> {
        let token = self();
        Box::pin(async move { token })
    }
}

/// A secret string: `Debug` never prints it.
#[derive(Clone)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("** redacted **")
    }
}

#[derive(Clone)]
enum Token {
    Static(Secret),
    Provider(Arc<dyn TokenProvider>),
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Static(s) => s.fmt(f),
            Token::Provider(_) => f.write_str("TokenProvider"),
        }
    }
}

/// The credentials of the HTTP auth schemes (bearer token, API key, basic auth).
#[derive(Clone, Debug, Default)]
pub(crate) struct AuthSettings {
    bearer: Option<Token>,
    api_key: Option<Secret>,
    basic: Option<(String, Secret)>,
}

impl<C: From<Handle>> ClientBuilder<C> {
    /// Sets the token of `@httpBearerAuth` operations (`Authorization: Bearer <token>`).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.auth.bearer = Some(Token::Static(Secret(token.into())));
        self
    }

    /// Sets where `@httpBearerAuth` operations get their token, asked on every attempt.
    pub fn token_provider(mut self, provider: impl TokenProvider) -> Self {
        self.auth.bearer = Some(Token::Provider(Arc::new(provider)));
        self
    }

    /// Sets the key of `@httpApiKeyAuth` operations (the header or query parameter the model
    /// names, with its scheme prefix if it has one).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.auth.api_key = Some(Secret(key.into()));
        self
    }

    /// Sets the user and password of `@httpBasicAuth` operations.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth.basic = Some((user.into(), Secret(password.into())));
        self
    }
}

/// What one operation is sent with, chosen once before the first attempt.
pub(crate) enum Chosen {
    SigV4,
    Header(http::HeaderName, HeaderValue),
    Bearer(Arc<dyn TokenProvider>),
    Query(&'static str, String),
    None,
}

/// The first of `schemes` the configuration has credentials for.
pub(crate) fn choose(
    config: &Config,
    operation: &str,
    schemes: &[AuthScheme],
) -> Result<Chosen, Unhandled> {
    let auth = &config.auth;
    for scheme in schemes {
        match scheme {
            AuthScheme::SigV4 if config.credentials.is_some() => return Ok(Chosen::SigV4),
            AuthScheme::Bearer => match &auth.bearer {
                Some(Token::Static(t)) => {
                    return header("authorization", format!("Bearer {}", t.0));
                }
                Some(Token::Provider(p)) => return Ok(Chosen::Bearer(p.clone())),
                None => {}
            },
            AuthScheme::ApiKey {
                name,
                in_query,
                scheme,
            } => {
                if let Some(key) = &auth.api_key {
                    return match (in_query, scheme) {
                        (true, _) => Ok(Chosen::Query(name, key.0.clone())),
                        (false, Some(s)) => header(name, format!("{s} {}", key.0)),
                        (false, None) => header(name, key.0.clone()),
                    };
                }
            }
            AuthScheme::Basic => {
                if let Some((user, password)) = &auth.basic {
                    let pair = format!("{user}:{}", password.0);
                    let encoded = crate::wire::base64_encode(pair.as_bytes());
                    return header("authorization", format!("Basic {encoded}"));
                }
            }
            AuthScheme::NoAuth => return Ok(Chosen::None),
            AuthScheme::SigV4 | AuthScheme::Unsupported(_) => {}
        }
    }
    Err(missing(operation, schemes))
}

fn header(name: &str, value: String) -> Result<Chosen, Unhandled> {
    let name = http::HeaderName::from_bytes(name.as_bytes())
        .map_err(|e| Unhandled::signing(format!("invalid auth header name {name:?}: {e}")))?;
    let mut value = HeaderValue::from_str(&value).map_err(|_| {
        Unhandled::signing(format!(
            "the credential for header {name} cannot be sent in a header"
        ))
    })?;
    value.set_sensitive(true);
    Ok(Chosen::Header(name, value))
}

/// The error for an operation none of whose schemes has a credential: names the setter of
/// the first scheme the client could apply.
fn missing(operation: &str, schemes: &[AuthScheme]) -> Unhandled {
    let first = schemes
        .iter()
        .find(|s| !matches!(s, AuthScheme::Unsupported(_)));
    let message = match first {
        Some(AuthScheme::SigV4) => format!(
            "operation {operation} needs AWS credentials: set ClientBuilder::credentials(..)"
        ),
        Some(AuthScheme::Bearer) => format!(
            "operation {operation} needs a bearer token: set ClientBuilder::bearer_token(..) \
             or ClientBuilder::token_provider(..)"
        ),
        Some(AuthScheme::ApiKey { .. }) => {
            format!("operation {operation} needs an API key: set ClientBuilder::api_key(..)")
        }
        Some(AuthScheme::Basic) => format!(
            "operation {operation} needs a user and password: set ClientBuilder::basic_auth(..)"
        ),
        _ => {
            let ids: Vec<&str> = schemes.iter().map(AuthScheme::id).collect();
            format!(
                "operation {operation} supports only auth schemes this client cannot apply: {}",
                ids.join(", ")
            )
        }
    };
    Unhandled::signing(message)
}

/// Applies the chosen scheme to one attempt (SigV4 is signed by the caller).
pub(crate) async fn apply(
    chosen: &Chosen,
    request: &mut http::Request<Bytes>,
) -> Result<(), Unhandled> {
    match chosen {
        Chosen::Header(name, value) => {
            request.headers_mut().insert(name.clone(), value.clone());
            Ok(())
        }
        Chosen::Bearer(provider) => {
            let token = provider
                .token()
                .await
                .map_err(|e| Unhandled::signing(format!("the token provider failed: {e}")))?;
            match header("authorization", format!("Bearer {token}"))? {
                Chosen::Header(name, value) => request.headers_mut().insert(name, value),
                _ => None,
            };
            Ok(())
        }
        Chosen::Query(name, key) => {
            let uri = request.uri().to_string();
            let mut query = String::new();
            crate::wire::encode::push_query(&mut query, name, key);
            let sep = if request.uri().query().is_some() {
                '&'
            } else {
                '?'
            };
            let with_key = format!("{uri}{sep}{query}");
            *request.uri_mut() = with_key
                .parse()
                .map_err(|e| Unhandled::build(format!("invalid URI with the API key: {e}")))?;
            Ok(())
        }
        Chosen::SigV4 | Chosen::None => Ok(()),
    }
}

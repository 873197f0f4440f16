//! Server support for generated restJson1 server stubs (feature `server`).
//!
//! Generated code declares a route table ([`RouteSpec`]s) and a dispatch function that turns a
//! routed [`Request`] into an operation call; [`Server`] does everything generic around it:
//!
//! 1. routes by method, path pattern and query literals ([`Routes`]): unknown route → 404,
//!    known path with another method → 405 (both `UnknownOperationException`);
//! 2. checks `Accept` (406) and reads the body up to [`ServerConfig::body_limit`] (413);
//! 3. checks `Content-Type` (415);
//! 4. calls the dispatch function, catching panics (→ 500 `InternalServerException`);
//! 5. adds an `x-amzn-requestid` header.
//!
//! The dispatch function deserializes with the [`Request`] helpers and `wire::json` (errors
//! become 400 `SerializationException` via [`Rejection`]), validates with a
//! [`ValidationReport`], calls the user's service, and builds the response with
//! [`ResponseBuilder`]. [`Server`] is a tower `Service`; [`Server::into_router`] gives an
//! `axum::Router` that users can `.layer()` (timeouts, tracing, concurrency limits,
//! [`SigV4VerifyLayer`]).
//!
//! ```
//! use smithy_runtime::server::{BodyKind, Request, ResponseBuilder, RouteSpec, Seg, Server, ServerConfig};
//!
//! static ROUTES: &[RouteSpec] = &[RouteSpec {
//!     operation: "GetRoom",
//!     method: "GET",
//!     path: &[Seg::Lit("rooms"), Seg::Label("id")],
//!     query: &[],
//!     input: BodyKind::None,
//!     output: BodyKind::Json,
//! }];
//!
//! let server = Server::new(ROUTES, ServerConfig::default(), |req: Request| async move {
//!     let id = req.label("id").unwrap_or_default().to_string();
//!     ResponseBuilder::new(200).json(format!(r#"{{"id":{}}}"#, serde_json::Value::from(id)))
//! })
//! .unwrap();
//! let app: smithy_runtime::server::axum::Router = server.into_router();
//! ```

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use bytes::Bytes;
use futures_util::FutureExt as _;
use futures_util::future::BoxFuture;
use http::{HeaderMap, HeaderValue};
use http_body_util::BodyExt as _;

mod auth;
mod request;
mod response;
mod routing;
mod sigv4;
mod validation;

pub use auth::{AuthLayer, AuthService, Credential, credential};
pub use request::{QueryMap, Request};
pub use response::{ERROR_TYPE_HEADER, Rejection, Response, ResponseBuilder, response_code};
pub use routing::{BodyKind, RouteError, RouteMatch, RouteMiss, RouteSpec, Routes, Seg};
pub use sigv4::{SigV4Verify, SigV4VerifyLayer};
pub use validation::{LazyRegex, ModeledValidation, ValidationReport, Violation, child_path};

/// Re-exported so generated crates need only `smithy-runtime`.
pub use ::axum;
/// Re-exported so generated crates need only `smithy-runtime`.
pub use ::tower;

/// Server settings.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    body_limit: usize,
    auth: Option<crate::auth::ServiceAuth>,
}

impl ServerConfig {
    /// The default request body limit: 1 MiB.
    pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

    /// Sets the largest request body accepted; larger bodies get 413
    /// `RequestEntityTooLargeException`.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The request body limit in bytes.
    pub fn get_body_limit(&self) -> usize {
        self.body_limit
    }

    /// Sets each operation's auth schemes (generated routers pass their `SERVICE.auth`): the
    /// server then reads each request's credential ([`credential()`]) and, behind an
    /// [`AuthLayer`], enforces them.
    pub fn auth(mut self, auth: crate::auth::ServiceAuth) -> Self {
        self.auth = Some(auth);
        self
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: Self::DEFAULT_BODY_LIMIT,
            auth: None,
        }
    }
}

type Dispatch = dyn Fn(Request) -> BoxFuture<'static, Result<Response, Rejection>> + Send + Sync;

struct Inner {
    routes: Routes,
    config: ServerConfig,
    dispatch: Box<Dispatch>,
}

/// A restJson1 server: routing, framework checks and panic safety around a generated dispatch
/// function. A tower `Service` (cheap to clone); see [`Server::into_router`] for axum.
#[derive(Clone)]
pub struct Server {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("routes", &self.inner.routes)
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Builds a server from a route table and the function that handles a routed request
    /// (it `match`es on [`Request::operation_index`]). Fails if the table is unusable.
    pub fn new<F, Fut>(
        routes: &[RouteSpec],
        config: ServerConfig,
        dispatch: F,
    ) -> Result<Server, RouteError>
    where
        F: Fn(Request) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Response, Rejection>> + Send + 'static,
    {
        Ok(Server {
            inner: Arc::new(Inner {
                routes: Routes::new(routes)?,
                config,
                dispatch: Box::new(move |req| dispatch(req).boxed()),
            }),
        })
    }

    /// The route table.
    pub fn routes(&self) -> &Routes {
        &self.inner.routes
    }

    /// The server as an `axum::Router` (as its fallback service), ready for `.layer(...)`.
    pub fn into_router(self) -> axum::Router {
        axum::Router::new().fallback_service(self)
    }

    async fn handle(inner: Arc<Inner>, request: http::Request<Body>) -> Response {
        let mut response = match Self::route_and_call(&inner, request).await {
            Ok(response) => response,
            Err(rejection) => rejection.into_response(),
        };
        if !response.headers().contains_key("x-amzn-requestid")
            && let Ok(id) = HeaderValue::from_str(&request_id())
        {
            response.headers_mut().insert("x-amzn-requestid", id);
        }
        response
    }

    async fn route_and_call(
        inner: &Arc<Inner>,
        request: http::Request<Body>,
    ) -> Result<Response, Rejection> {
        let (mut parts, body) = request.into_parts();
        let query = QueryMap::parse(parts.uri.query().unwrap_or(""))?;
        let matched = inner
            .routes
            .find(&parts.method, parts.uri.path(), &query)
            .map_err(|miss| match miss {
                RouteMiss::NotFound => Rejection::not_found(format!(
                    "no operation matches {} {}",
                    parts.method,
                    parts.uri.path()
                )),
                RouteMiss::MethodNotAllowed { allowed } => Rejection::method_not_allowed(
                    format!("{} is not allowed for {}", parts.method, parts.uri.path()),
                    &allowed,
                ),
                RouteMiss::BadLabel(message) => Rejection::serialization(message),
            })?;
        let spec = inner.routes.specs()[matched.index];
        let credential = match &inner.config.auth {
            Some(a) => auth::check(a.schemes(spec.operation), &mut parts, &query)?,
            None => None,
        };
        request::check_accept(&parts.headers, spec.output)?;
        let body = read_body(body, &parts.headers, inner.config.body_limit).await?;
        request::check_content_type(&parts.headers, body.is_empty(), spec.input)?;
        let request = Request {
            index: matched.index,
            spec,
            parts,
            labels: matched.labels,
            query,
            body,
            body_limit: inner.config.body_limit,
        };
        // The dispatch call itself runs inside the future, so a panic while building it is
        // caught too. A panic becomes a 500 instead of a dropped connection; the default panic
        // hook has already reported it on stderr.
        let inner = inner.clone();
        let call = AssertUnwindSafe(auth::scope(credential, async move {
            (inner.dispatch)(request).await
        }));
        match call.catch_unwind().await {
            Ok(result) => result,
            Err(_panic) => Err(Rejection::internal("internal server error")),
        }
    }
}

impl tower::Service<http::Request<Body>> for Server {
    type Response = Response;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let inner = self.inner.clone();
        Box::pin(async move { Ok(Server::handle(inner, request).await) })
    }
}

/// Reads a whole body, refusing (413) one longer than `limit` — early when `Content-Length`
/// says so, else as soon as the limit is crossed.
pub(crate) async fn read_body(
    body: Body,
    headers: &HeaderMap,
    limit: usize,
) -> Result<Bytes, Rejection> {
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Rejection::payload_too_large(limit));
    }
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            Err(Rejection::payload_too_large(limit))
        }
        Err(e) => Err(Rejection::serialization(format!(
            "the request body could not be read: {e}"
        ))),
    }
}

/// A random id in UUID v4 form, as AWS services return in `x-amzn-requestid`.
fn request_id() -> String {
    crate::wire::uuid_v4(crate::rand::u128())
}

/// Serves `router` on `listener` until the process ends (a convenience over `axum::serve`).
pub async fn serve(listener: tokio::net::TcpListener, router: axum::Router) -> std::io::Result<()> {
    axum::serve(listener, router).await
}

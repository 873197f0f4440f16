//! The HTTP transport: the [`HttpClient`] trait, its errors, and the default hyper client.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client as LegacyClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::TimeoutConfig;
use crate::error::{BoxError, ConfigError, ConfigErrorKind};

/// A boxed, `Send` future (what [`HttpClient::call`] returns).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response. Object safe, so a
/// [`Handle`](super::Handle) can hold any implementation (tests plug in fakes).
pub trait HttpClient: Send + Sync + fmt::Debug + 'static {
    /// Sends `request` and returns the response with its body read in full.
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>>;
}

/// What kind of failure a [`TransportError`] is; decides whether it is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, TLS handshake, connect timeout).
    Connect,
    /// The connection broke while sending or receiving (reset, closed early).
    Io,
    /// The transport's own timeout elapsed.
    Timeout,
    /// Anything else (e.g. a malformed response); not retried.
    Other,
}

/// A transport failure: the request may not have reached the service, or its answer was lost.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    summary: String,
    source: BoxError,
}

impl TransportError {
    /// A transport error of `kind` caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        let source = source.into();
        let summary = summarize(source.as_ref());
        Self {
            kind,
            summary,
            source,
        }
    }

    /// The connection could not be made.
    pub fn connect(source: impl Into<BoxError>) -> Self {
        Self::new(TransportErrorKind::Connect, source)
    }

    /// The connection broke mid-request.
    pub fn io(source: impl Into<BoxError>) -> Self {
        Self::new(TransportErrorKind::Io, source)
    }

    /// The transport timed out.
    pub fn timeout(source: impl Into<BoxError>) -> Self {
        Self::new(TransportErrorKind::Timeout, source)
    }

    /// Any other failure (not retried).
    pub fn other(source: impl Into<BoxError>) -> Self {
        Self::new(TransportErrorKind::Other, source)
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether a new attempt may succeed (connect, I/O and timeout failures).
    pub fn is_retryable(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Other)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

/// A short human description: hyper's outer errors ("client error (Connect)") say little, so
/// this names the I/O error kind deep in the chain (`connection refused`), or else the
/// innermost message.
fn summarize(error: &(dyn StdError + 'static)) -> String {
    let mut innermost = error;
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            let named = match io.kind() {
                io::ErrorKind::ConnectionRefused => Some("connection refused"),
                io::ErrorKind::ConnectionReset => Some("connection reset"),
                io::ErrorKind::ConnectionAborted => Some("connection aborted"),
                io::ErrorKind::BrokenPipe => Some("broken pipe"),
                io::ErrorKind::UnexpectedEof => Some("connection closed early"),
                io::ErrorKind::NotConnected => Some("not connected"),
                _ => None,
            };
            if let Some(named) = named {
                return named.to_string();
            }
        }
        innermost = e;
        current = next_in_chain(e);
    }
    innermost.to_string()
}

/// The next error down a source chain. `io::Error::source()` skips the error an `io::Error`
/// wraps (tokio-rustls and hyper-rustls nest them), so that one is taken from `get_ref`.
fn next_in_chain<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    match e.downcast_ref::<io::Error>().and_then(|io| io.get_ref()) {
        Some(inner) => Some(inner as &(dyn StdError + 'static)),
        None => e.source(),
    }
}

/// Classifies a hyper-util client error.
fn classify(error: hyper_util::client::legacy::Error) -> TransportError {
    // A TLS failure (untrusted certificate, not a TLS server…) will not go away on retry.
    if has_tls_error(&error) {
        return TransportError::other(error);
    }
    if error.is_connect() {
        return TransportError::connect(error);
    }
    classify_chain(error)
}

/// Whether a `rustls::Error` is in the chain (tokio-rustls wraps it in `io::Error`s).
fn has_tls_error(error: &(dyn StdError + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if e.is::<rustls::Error>() {
            return true;
        }
        current = next_in_chain(e);
    }
    false
}

/// Classifies an error by what its source chain holds (hyper's and I/O error kinds).
fn classify_chain(error: impl StdError + Send + Sync + 'static) -> TransportError {
    let mut kind = TransportErrorKind::Other;
    let mut current: Option<&(dyn StdError + 'static)> = Some(&error);
    while let Some(e) = current {
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_timeout() {
                kind = TransportErrorKind::Timeout;
                break;
            }
            // A pooled connection the server had closed, or a response cut short.
            if h.is_incomplete_message() || h.is_canceled() || h.is_closed() {
                kind = TransportErrorKind::Io;
                break;
            }
        }
        if let Some(io) = e.downcast_ref::<io::Error>() {
            let io_kind = match io.kind() {
                io::ErrorKind::TimedOut => Some(TransportErrorKind::Timeout),
                io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe
                | io::ErrorKind::UnexpectedEof
                | io::ErrorKind::NotConnected => Some(TransportErrorKind::Io),
                io::ErrorKind::ConnectionRefused => Some(TransportErrorKind::Connect),
                // Possibly a wrapper (`Other` around the real error): look further down.
                _ => None,
            };
            if let Some(io_kind) = io_kind {
                kind = io_kind;
                break;
            }
        }
        current = next_in_chain(e);
    }
    TransportError::new(kind, error)
}

/// The default [`HttpClient`]: hyper 1 (HTTP/1.1, pooled connections) over rustls with the
/// `ring` provider and the Mozilla (webpki) roots; `http://` endpoints are allowed too.
///
/// HTTP/2 is left out on purpose: AWS JSON services all speak HTTP/1.1, and h2 would add
/// about five crates to every generated client. Needs a tokio runtime when sending.
#[derive(Clone)]
pub struct HyperClient {
    client: LegacyClient<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperClient")
    }
}

impl HyperClient {
    /// A client using the connect timeout of `timeouts`.
    pub fn new(timeouts: &TimeoutConfig) -> Result<Self, ConfigError> {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(timeouts.connect());
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| {
                ConfigError::new(
                    ConfigErrorKind::InvalidValue,
                    "cannot set up TLS (rustls with ring)",
                )
                .with_source(e)
            })?
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = LegacyClient::builder(TokioExecutor::new())
            // Idle connections are dropped before typical server/NAT idle timeouts (~60 s) to
            // avoid sending on a connection the other side already closed.
            .pool_idle_timeout(Duration::from_secs(45))
            .build(https);
        Ok(Self { client })
    }
}

impl HttpClient for HyperClient {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        let client = self.client.clone();
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, Full::new(body));
            let response = client.request(request).await.map_err(classify)?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await.map_err(classify_chain)?.to_bytes();
            Ok(http::Response::from_parts(parts, body))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_the_io_error_kind_deep_in_the_chain() {
        #[derive(Debug)]
        struct Outer(io::Error);
        impl fmt::Display for Outer {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("client error (Connect)")
            }
        }
        impl StdError for Outer {
            fn source(&self) -> Option<&(dyn StdError + 'static)> {
                Some(&self.0)
            }
        }
        let e = TransportError::connect(Outer(io::Error::from(io::ErrorKind::ConnectionRefused)));
        assert_eq!(e.to_string(), "connection refused");
        assert!(e.is_retryable());
        let e = TransportError::other(Outer(io::Error::other("bad header")));
        assert_eq!(e.to_string(), "bad header");
        assert!(!e.is_retryable());
    }

    #[test]
    fn io_kinds_classify() {
        let c = |k| classify_chain(io::Error::from(k)).kind();
        assert_eq!(c(io::ErrorKind::ConnectionReset), TransportErrorKind::Io);
        assert_eq!(c(io::ErrorKind::TimedOut), TransportErrorKind::Timeout);
        assert_eq!(
            c(io::ErrorKind::ConnectionRefused),
            TransportErrorKind::Connect
        );
        assert_eq!(c(io::ErrorKind::InvalidData), TransportErrorKind::Other);
        // Nested the way hyper-rustls does: `Other` around the real I/O error.
        let nested = io::Error::other(io::Error::from(io::ErrorKind::ConnectionReset));
        let e = classify_chain(nested);
        assert_eq!(e.kind(), TransportErrorKind::Io);
        assert_eq!(e.to_string(), "connection reset");
        let tls = io::Error::other(io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        ));
        assert!(has_tls_error(&tls));
        assert!(!has_tls_error(&io::Error::other("plain")));
    }
}

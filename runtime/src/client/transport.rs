//! The HTTP transport: the [`HttpClient`] trait, its errors, and the default hyper client.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{CONNECTION, HOST};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use self::pool::{Key, Pool, Sender};
use super::TimeoutConfig;
use super::endpoint::host_header;
use crate::error::{BoxError, ConfigError, ConfigErrorKind};

mod pool;

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
/// wraps (tokio-rustls and hyper nest them), so that one is taken from `get_ref`.
fn next_in_chain<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    match e.downcast_ref::<io::Error>().and_then(|io| io.get_ref()) {
        Some(inner) => Some(inner as &(dyn StdError + 'static)),
        None => e.source(),
    }
}

/// Classifies a failure of sending a request or reading its response.
fn classify(error: impl StdError + Send + Sync + 'static) -> TransportError {
    // A TLS failure (untrusted certificate, not a TLS server…) will not go away on retry.
    if has_tls_error(&error) {
        return TransportError::other(error);
    }
    classify_chain(error)
}

/// Classifies a failure to make a connection (TCP connect, TLS handshake).
fn classify_connect(error: io::Error) -> TransportError {
    if has_tls_error(&error) {
        return TransportError::other(error);
    }
    TransportError::connect(error)
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

/// How long an idle connection is kept: less than typical server and NAT idle timeouts (~60 s),
/// so a request is rarely sent on a connection the other side already closed.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(45);

/// Idle connections kept per scheme, host and port; more are closed after a burst.
const POOL_MAX_IDLE_PER_HOST: usize = 64;

/// The default [`HttpClient`]: hyper 1 (HTTP/1.1, pooled connections) over rustls with the
/// `ring` provider and the Mozilla (webpki) roots; `http://` endpoints are allowed too.
///
/// HTTP/2 is left out on purpose: AWS JSON services all speak HTTP/1.1, and h2 would add
/// about five crates to every generated client. The connect timeout covers the TCP connect and
/// the TLS handshake. Idle connections are reused for 45 s. Clones share one pool. Needs a
/// tokio runtime when sending.
#[derive(Clone)]
pub struct HyperClient {
    inner: Arc<Inner>,
}

/// What clones of a [`HyperClient`] share.
struct Inner {
    tls: TlsConnector,
    connect_timeout: Option<Duration>,
    pool: Pool,
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperClient")
    }
}

impl HyperClient {
    /// A client using the connect timeout of `timeouts`.
    pub fn new(timeouts: &TimeoutConfig) -> Result<Self, ConfigError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let mut tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| {
                ConfigError::new(
                    ConfigErrorKind::InvalidValue,
                    "cannot set up TLS (rustls with ring)",
                )
                .with_source(e)
            })?
            .with_root_certificates(roots)
            .with_no_client_auth();
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Self {
            inner: Arc::new(Inner {
                tls: TlsConnector::from(Arc::new(tls)),
                connect_timeout: timeouts.connect(),
                pool: Pool::new(POOL_IDLE_TIMEOUT, POOL_MAX_IDLE_PER_HOST),
            }),
        })
    }
}

impl HttpClient for HyperClient {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        let inner = self.inner.clone();
        Box::pin(async move { inner.call(request).await })
    }
}

impl Inner {
    async fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(TransportError::other(
                "HyperClient needs a tokio runtime (call it from within one)",
            ));
        }
        let (mut parts, body) = request.into_parts();
        let key = pool_key(&parts.uri)?;
        // hyper's connection API sends the headers as given: `host` must be there, and the
        // request line wants the origin form (`/path?query`), not the absolute URI.
        if !parts.headers.contains_key(HOST) {
            let host = host_header(&parts.uri).ok_or_else(|| {
                TransportError::other(format!("request URI {} has no valid host", parts.uri))
            })?;
            parts.headers.insert(HOST, host);
        }
        parts.uri = match parts.uri.path_and_query() {
            Some(pq) => http::Uri::from(pq.clone()),
            None => http::Uri::from_static("/"),
        };
        let mut request = http::Request::from_parts(parts, Full::new(body));

        let (mut sender, mut reused) = match self.pool.checkout(&key).await {
            Some(sender) => (sender, true),
            None => (self.connect(&key).await?, false),
        };
        let response = loop {
            match sender.try_send_request(request).await {
                Ok(response) => break response,
                Err(mut e) => match e.take_message() {
                    // Never written: the pooled connection closed just before. A new connection
                    // takes it without spending a retry (hyper-util's pool did the same).
                    Some(unsent) if reused => {
                        request = unsent;
                        sender = self.connect(&key).await?;
                        reused = false;
                    }
                    // Written (or a fresh connection failed): the server may have seen it, so
                    // only the retry layer decides (a closed connection classifies as Io).
                    _ => return Err(classify(e.into_error())),
                },
            }
        };
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(classify)?.to_bytes();
        // The exchange is complete, so the connection is free for the next request.
        if reusable(&parts) {
            self.pool.checkin(key, sender);
        }
        Ok(http::Response::from_parts(parts, body))
    }

    /// Opens a connection (TCP, then TLS for `https`) under the connect timeout and starts its
    /// HTTP/1.1 task.
    async fn connect(&self, key: &Key) -> Result<Sender, TransportError> {
        let establish = async {
            let tcp = TcpStream::connect((key.host.as_str(), key.port))
                .await
                .map_err(TransportError::connect)?;
            // Requests are written whole; Nagle's algorithm would only delay them.
            tcp.set_nodelay(true).map_err(TransportError::connect)?;
            if !key.tls {
                return handshake(tcp).await;
            }
            let name = ServerName::try_from(key.host.clone()).map_err(|e| {
                TransportError::other(format!(
                    "{:?} is not a valid TLS server name: {e}",
                    key.host
                ))
            })?;
            let tls = self
                .tls
                .connect(name, tcp)
                .await
                .map_err(classify_connect)?;
            handshake(tls).await
        };
        match self.connect_timeout {
            Some(limit) => tokio::time::timeout(limit, establish).await.map_err(|_| {
                TransportError::connect(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("connect timed out after {limit:?}"),
                ))
            })?,
            None => establish.await,
        }
    }
}

/// Starts HTTP/1.1 over `io`; the connection's task runs until the connection closes or its
/// [`Sender`] is dropped.
async fn handshake<T>(io: T) -> Result<Sender, TransportError>
where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .map_err(TransportError::connect)?;
    // Its errors reach the caller through the sender (the request or body fails).
    tokio::spawn(connection);
    Ok(sender)
}

/// The pool key of a request URI: scheme, host, port (80 / 443 when absent).
fn pool_key(uri: &http::Uri) -> Result<Key, TransportError> {
    let tls = match uri.scheme_str() {
        Some("https") => true,
        Some("http") => false,
        _ => {
            return Err(TransportError::other(format!(
                "request URI {uri} must start with http:// or https://"
            )));
        }
    };
    let host = uri
        .host()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| TransportError::other(format!("request URI {uri} has no host")))?;
    // `Uri::host` keeps an IPv6 address's brackets; connecting and TLS want it bare.
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
    Ok(Key {
        tls,
        host: host.to_string(),
        port,
    })
}

/// Whether the server keeps the connection open after this response: HTTP/1.1 without
/// `Connection: close`.
fn reusable(parts: &http::response::Parts) -> bool {
    let close = parts.headers.get_all(CONNECTION).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .any(|token| token.trim().eq_ignore_ascii_case("close"))
        })
    });
    parts.version == http::Version::HTTP_11 && !close
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hyper server on loopback counting the connections it accepts; answers `200 ok`.
    async fn counting_server() -> (std::net::SocketAddr, Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let accepted2 = accepted.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                accepted2.fetch_add(1, Ordering::SeqCst);
                let service = hyper::service::service_fn(|_req| async {
                    Ok::<_, std::convert::Infallible>(http::Response::new(Full::new(
                        Bytes::from_static(b"ok"),
                    )))
                });
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service),
                );
            }
        });
        (addr, accepted)
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_request_a_closing_pooled_connection_never_sent_goes_on_a_new_one() {
        use std::sync::atomic::Ordering;
        let (addr, accepted) = counting_server().await;
        let client = HyperClient::new(&TimeoutConfig::default()).unwrap();
        let key = pool_key(&format!("http://{addr}/").parse().unwrap()).unwrap();
        // An idle pooled connection over an in-memory pipe whose server end is about to close.
        let (client_end, server_end) = tokio::io::duplex(1024);
        let mut sender = handshake(client_end).await.unwrap();
        sender.ready().await.unwrap();
        client.inner.pool.checkin(key.clone(), sender);
        // Closed without yielding: the connection's task only sees the end of stream once the
        // request is already queued on it, and hands the unsent request back.
        drop(server_end);
        let request = http::Request::post(format!("http://{addr}/x"))
            .body(Bytes::from_static(b"{}"))
            .unwrap();
        let response = client.call(request).await.unwrap();
        assert_eq!(response.body().as_ref(), b"ok");
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
        // The new connection went back to the pool; the dead one is gone.
        assert_eq!(client.inner.pool.idle_count(&key), 1);
    }

    #[tokio::test]
    async fn idle_connections_are_bounded_per_host() {
        use std::sync::atomic::Ordering;
        let (addr, accepted) = counting_server().await;
        let client = HyperClient::new(&TimeoutConfig::default()).unwrap();
        let key = pool_key(&format!("http://{addr}/").parse().unwrap()).unwrap();
        let extra = 6;
        for _ in 0..POOL_MAX_IDLE_PER_HOST + extra {
            let stream = TcpStream::connect(addr).await.unwrap();
            let mut sender = handshake(stream).await.unwrap();
            sender.ready().await.unwrap();
            client.inner.pool.checkin(key.clone(), sender);
        }
        assert_eq!(client.inner.pool.idle_count(&key), POOL_MAX_IDLE_PER_HOST);
        // Calls take pooled connections: no new ones are opened.
        let before = accepted.load(Ordering::SeqCst);
        assert_eq!(before, POOL_MAX_IDLE_PER_HOST + extra);
        let request = || {
            http::Request::get(format!("http://{addr}/"))
                .body(Bytes::new())
                .unwrap()
        };
        client.call(request()).await.unwrap();
        client.call(request()).await.unwrap();
        assert_eq!(accepted.load(Ordering::SeqCst), before);
    }

    #[tokio::test]
    async fn expired_and_closed_idle_connections_are_not_handed_out() {
        let (addr, _accepted) = counting_server().await;
        let key = pool_key(&format!("http://{addr}/").parse().unwrap()).unwrap();
        let sender = || async {
            let stream = TcpStream::connect(addr).await.unwrap();
            let mut sender = handshake(stream).await.unwrap();
            sender.ready().await.unwrap();
            sender
        };
        let pool = Pool::new(Duration::from_millis(50), 8);
        pool.checkin(key.clone(), sender().await);
        assert!(pool.checkout(&key).await.is_some());
        pool.checkin(key.clone(), sender().await);
        tokio::time::sleep(Duration::from_millis(120)).await;
        assert!(pool.checkout(&key).await.is_none(), "expired");
        assert_eq!(pool.idle_count(&key), 0);
        // A connection whose server end closed.
        let (client_end, server_end) = tokio::io::duplex(64);
        let mut closing = handshake(client_end).await.unwrap();
        closing.ready().await.unwrap();
        let pool = Pool::new(Duration::from_secs(45), 8);
        pool.checkin(key.clone(), closing);
        drop(server_end);
        // Once its task has seen the end of stream, the connection reports itself closed.
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(pool.checkout(&key).await.is_none(), "closed");
        assert_eq!(pool.idle_count(&key), 0);
    }

    #[test]
    fn pool_keys_apply_default_ports_and_unbracket_ipv6() {
        let k = |s: &str| pool_key(&s.parse().unwrap());
        let key = k("https://a.example.com/x").unwrap();
        assert_eq!(
            (key.tls, key.host.as_str(), key.port),
            (true, "a.example.com", 443)
        );
        let key = k("http://[::1]:8080/").unwrap();
        assert_eq!((key.tls, key.host.as_str(), key.port), (false, "::1", 8080));
        assert_eq!(k("http://a/").unwrap().port, 80);
        assert_eq!(k("ftp://a/").unwrap_err().kind(), TransportErrorKind::Other);
    }

    #[test]
    fn connection_close_or_http10_is_not_reused() {
        let parts = |version, connection: Option<&str>| {
            let mut b = http::Response::builder().version(version);
            if let Some(c) = connection {
                b = b.header(CONNECTION, c);
            }
            b.body(()).unwrap().into_parts().0
        };
        assert!(reusable(&parts(http::Version::HTTP_11, None)));
        assert!(reusable(&parts(http::Version::HTTP_11, Some("keep-alive"))));
        assert!(!reusable(&parts(http::Version::HTTP_11, Some("Close"))));
        assert!(!reusable(&parts(
            http::Version::HTTP_11,
            Some("upgrade, close")
        )));
        assert!(!reusable(&parts(http::Version::HTTP_10, None)));
    }

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
        // Nested: `Other` around the real I/O error.
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

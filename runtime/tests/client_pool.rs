//! The default transport's own connection handling (`HyperClient`, called directly or through a
//! `Handle`) against local servers that count the connections they accept: reuse, concurrency,
//! connections the server closes, refused connections, TLS against a plain server.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    ClientBuilder, Credentials, Handle, HttpClient, HyperClient, OperationRequest, RetryConfig,
    ServiceInfo, TimeoutConfig, TransportError, TransportErrorKind,
};
use smithy_runtime::http;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const SERVICE: ServiceInfo = ServiceInfo {
    sdk_id: "ivschat",
    signing_name: "ivschat",
    endpoint_prefix: "ivschat",
    env_name: "IVSCHAT",
    api_version: "2020-07-14",
    crate_name: "ivschat",
    crate_version: "0.1.0",
    endpoint_rules: "",
    auth: smithy_runtime::auth::ServiceAuth::AWS_SIGV4,
};

/// What a test server counted.
#[derive(Default)]
struct Counts {
    connections: AtomicUsize,
    requests: AtomicUsize,
    /// `host` header and request-line target of the last request.
    last: std::sync::Mutex<Option<(String, String)>>,
}

impl Counts {
    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// How the hyper test server behaves.
#[derive(Clone, Copy, Default)]
struct Behaviour {
    /// Close a keep-alive connection when no new request starts within this time.
    idle_close: Option<Duration>,
    /// Answer every request with `Connection: close`.
    close_each: bool,
    /// Hold each response this long (so concurrent calls really overlap).
    delay: Duration,
}

/// A hyper HTTP/1.1 server on an ephemeral loopback port, answering `200 {"n":<request number>}`.
async fn server(behaviour: Behaviour) -> (SocketAddr, Arc<Counts>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let counts = Arc::new(Counts::default());
    let counts2 = counts.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counts2.connections.fetch_add(1, Ordering::SeqCst);
            let counts = counts2.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: http::Request<Incoming>| {
                    let counts = counts.clone();
                    async move {
                        let host = req
                            .headers()
                            .get("host")
                            .map(|h| h.to_str().unwrap().to_owned());
                        let target = req.uri().to_string();
                        let _ = req.into_body().collect().await;
                        let n = counts.requests.fetch_add(1, Ordering::SeqCst);
                        *counts.last.lock().unwrap() = Some((host.unwrap_or_default(), target));
                        tokio::time::sleep(behaviour.delay).await;
                        let mut resp = http::Response::builder().status(200);
                        if behaviour.close_each {
                            resp = resp.header("connection", "close");
                        }
                        let body = Bytes::from(format!("{{\"n\":{n}}}"));
                        Ok::<_, Infallible>(resp.body(Full::new(body)).unwrap())
                    }
                });
                let mut builder = http1::Builder::new();
                if let Some(idle) = behaviour.idle_close {
                    // hyper's header read timeout also runs while a keep-alive connection
                    // waits for its next request: the server closes idle connections.
                    builder.timer(TokioTimer::new()).header_read_timeout(idle);
                }
                let _ = builder
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (addr, counts)
}

fn transport() -> HyperClient {
    HyperClient::new(&TimeoutConfig::default()).unwrap()
}

/// A request as `Handle::send` would pass it down (absolute URI, `host` set), unsigned.
fn get(url: &str) -> http::Request<Bytes> {
    let uri: http::Uri = url.parse().unwrap();
    let host = uri.authority().unwrap().to_string();
    http::Request::post(uri)
        .header("host", host)
        .header("content-type", "application/json")
        .body(Bytes::from_static(b"{}"))
        .unwrap()
}

async fn call_ok(client: &HyperClient, url: &str) -> String {
    let resp = client.call(get(url)).await.unwrap();
    assert_eq!(resp.status(), 200);
    String::from_utf8(resp.body().to_vec()).unwrap()
}

fn fast_retry(max: u32) -> RetryConfig {
    RetryConfig::default()
        .with_max_attempts(max)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(20))
}

/// A client of `addr` with the default transport.
fn handle(addr: SocketAddr, retry: RetryConfig) -> Handle {
    ClientBuilder::new(&SERVICE)
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .endpoint_url(format!("http://{addr}"))
        .retry(retry)
        .build()
        .unwrap()
}

fn create_room() -> OperationRequest {
    OperationRequest {
        operation: "CreateRoom",
        method: http::Method::POST,
        path_and_query: "/CreateRoom".into(),
        headers: http::HeaderMap::new(),
        body: Bytes::from_static(br#"{"name":"lobby"}"#),
        host_prefix: None,
    }
}

#[tokio::test]
async fn sequential_calls_reuse_one_connection() {
    let (addr, counts) = server(Behaviour::default()).await;
    let client = transport();
    let url = format!("http://{addr}/Get");
    assert_eq!(call_ok(&client, &url).await, r#"{"n":0}"#);
    assert_eq!(call_ok(&client, &url).await, r#"{"n":1}"#);
    // A clone shares the pool.
    assert_eq!(call_ok(&client.clone(), &url).await, r#"{"n":2}"#);
    assert_eq!(counts.requests(), 3);
    assert_eq!(counts.connections(), 1);
}

#[tokio::test]
async fn adds_host_and_sends_the_origin_form() {
    // hyper's connection API writes the URI and headers as given: the transport must turn the
    // absolute URI into `/path?query` and supply `host` when the caller did not.
    let (addr, counts) = server(Behaviour::default()).await;
    let client = transport();
    let request = http::Request::get(format!("http://{addr}/a/b%2Fc?x=1&y"))
        .body(Bytes::new())
        .unwrap();
    let resp = client.call(request).await.unwrap();
    assert_eq!(resp.status(), 200);
    let (host, target) = counts.last.lock().unwrap().clone().unwrap();
    assert_eq!(host, addr.to_string());
    assert_eq!(target, "/a/b%2Fc?x=1&y");
    // A host the caller set is kept as is.
    let mut request = get(&format!("http://{addr}/"));
    request
        .headers_mut()
        .insert("host", http::HeaderValue::from_static("example.com"));
    client.call(request).await.unwrap();
    let (host, target) = counts.last.lock().unwrap().clone().unwrap();
    assert_eq!((host.as_str(), target.as_str()), ("example.com", "/"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_each_get_a_connection_then_reuse_them() {
    let (addr, counts) = server(Behaviour {
        delay: Duration::from_millis(50),
        ..Behaviour::default()
    })
    .await;
    let client = transport();
    let url = format!("http://{addr}/Get");
    let wave = || {
        let calls: Vec<_> = (0..16)
            .map(|_| {
                let (client, url) = (client.clone(), url.clone());
                tokio::spawn(async move { call_ok(&client, &url).await })
            })
            .collect();
        async move {
            for call in calls {
                call.await.unwrap();
            }
        }
    };
    wave().await;
    assert_eq!(counts.requests(), 16);
    let opened = counts.connections();
    // The 16 calls overlap (each is held 50 ms), so each needs its own connection; none more.
    assert!((2..=16).contains(&opened), "{opened} connections");
    // A second wave finds them idle in the pool.
    wave().await;
    assert_eq!(counts.requests(), 32);
    assert_eq!(counts.connections(), opened);
}

#[tokio::test]
async fn a_connection_the_server_closed_while_idle_is_replaced_without_a_retry() {
    let (addr, counts) = server(Behaviour {
        idle_close: Some(Duration::from_millis(100)),
        ..Behaviour::default()
    })
    .await;
    // Through a Handle with retries disabled: success proves no retry was needed.
    let handle = handle(addr, RetryConfig::disabled());
    handle.send(create_room()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The pool notices the closed connection at checkout and connects again.
    let resp = handle.send(create_room()).await.unwrap();
    assert_eq!(resp.body().as_ref(), br#"{"n":1}"#);
    assert_eq!(counts.connections(), 2);
    assert_eq!(counts.requests(), 2);
}

#[tokio::test]
async fn connection_close_responses_are_not_pooled() {
    let (addr, counts) = server(Behaviour {
        close_each: true,
        ..Behaviour::default()
    })
    .await;
    let client = transport();
    let url = format!("http://{addr}/");
    for _ in 0..3 {
        call_ok(&client, &url).await;
    }
    assert_eq!(counts.connections(), 3);
}

/// Reads one request (head and `content-length` body); false at end of stream.
async fn read_request(stream: &mut TcpStream) -> bool {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap());
            if buf.len() >= end + 4 + length {
                return true;
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// A raw server that answers the first request on each connection with keep-alive, then
/// reads the second request and closes without answering: the server's close races the
/// client's reuse, and loses after the request was written.
async fn closes_on_second_request() -> (SocketAddr, Arc<Counts>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let counts = Arc::new(Counts::default());
    let counts2 = counts.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counts2.connections.fetch_add(1, Ordering::SeqCst);
            let counts = counts2.clone();
            tokio::spawn(async move {
                if !read_request(&mut stream).await {
                    return;
                }
                counts.requests.fetch_add(1, Ordering::SeqCst);
                let _ = stream
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
                    .await;
                if read_request(&mut stream).await {
                    counts.requests.fetch_add(1, Ordering::SeqCst);
                }
                // Dropped: closed with the second request unanswered.
            });
        }
    });
    (addr, counts)
}

#[tokio::test]
async fn a_pooled_connection_closed_after_the_request_was_sent_is_an_io_error() {
    let (addr, counts) = closes_on_second_request().await;
    let client = transport();
    let url = format!("http://{addr}/");
    call_ok(&client, &url).await;
    let err = client.call(get(&url)).await.unwrap_err();
    // The server may have acted on the request; only the retry layer may repeat it.
    assert_eq!(err.kind(), TransportErrorKind::Io, "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(counts.connections(), 1);
    assert_eq!(counts.requests(), 2);
}

#[tokio::test]
async fn the_retry_layer_repeats_a_request_lost_on_a_closed_pooled_connection() {
    let (addr, counts) = closes_on_second_request().await;
    let handle = handle(addr, fast_retry(2));
    handle.send(create_room()).await.unwrap();
    let resp = handle.send(create_room()).await.unwrap();
    assert_eq!(resp.status(), 200);
    // First connection: call 1, then call 2's lost attempt; second connection: its retry.
    assert_eq!(counts.connections(), 2);
    assert_eq!(counts.requests(), 3);
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    // A port that was just free: nothing listens there any more.
    let addr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let err = transport()
        .call(get(&format!("http://{addr}/")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect);
    assert_eq!(err.to_string(), "connection refused");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_connect_timeout_is_a_connect_error() {
    // 192.0.2.0/24 (TEST-NET-1) is never routed: the SYN goes unanswered (or, on hosts without
    // a route, fails at once, which is also a connect error).
    let client = HyperClient::new(
        &TimeoutConfig::default().with_connect_timeout(Some(Duration::from_millis(200))),
    )
    .unwrap();
    let start = std::time::Instant::now();
    let err = client.call(get("http://192.0.2.1:81/")).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn https_against_a_plain_server_is_not_retryable() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf).await;
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    let err: TransportError = transport()
        .call(get(&format!("https://{addr}/")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Other, "{err:?}");
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn a_uri_without_http_scheme_is_rejected() {
    let request = http::Request::get("/relative").body(Bytes::new()).unwrap();
    let err = transport().call(request).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Other);
    assert_eq!(
        err.to_string(),
        "request URI /relative must start with http:// or https://"
    );
}

#[test]
fn calling_outside_a_tokio_runtime_is_an_error_not_a_panic() {
    let call = transport().call(get("http://127.0.0.1:9/"));
    let err = futures_executor_block_on(call).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Other);
    assert!(err.to_string().contains("tokio runtime"), "{err}");
}

/// Polls a future to completion on this thread without any tokio context (a minimal executor;
/// the future under test must not need waking to finish).
fn futures_executor_block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the future needed a runtime to make progress"),
    }
}

//! The default transport (hyper + rustls client, here over plain http) against a real hyper
//! server on 127.0.0.1: round trip, keep-alive retries, refused and cut connections, timeouts.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    ClientBuilder, Credentials, Handle, OperationRequest, RetryConfig, ServiceInfo, TimeoutConfig,
};
use smithy_runtime::error::UnhandledKind;
use smithy_runtime::http;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

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

/// What the server saw of one request.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    headers: http::HeaderMap,
    body: Bytes,
}

/// How the server answers the n-th request (0-based).
type Answer = fn(usize) -> (u16, &'static str);

/// A hyper server on an ephemeral loopback port. `cut_first` makes the first connection send
/// a truncated response and close, before the server proper takes over.
async fn server(answer: Answer, cut_first: bool) -> (SocketAddr, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    tokio::spawn(async move {
        let mut first = true;
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            if first && cut_first {
                first = false;
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                let _ = stream
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"partial")
                    .await;
                drop(stream);
                continue;
            }
            let seen = seen2.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: http::Request<Incoming>| {
                    let seen = seen.clone();
                    async move {
                        let (parts, body) = req.into_parts();
                        let body = body.collect().await.unwrap().to_bytes();
                        let n = {
                            let mut seen = seen.lock().unwrap();
                            seen.push(Seen {
                                method: parts.method.to_string(),
                                path: parts.uri.to_string(),
                                headers: parts.headers,
                                body: body.clone(),
                            });
                            seen.len() - 1
                        };
                        let (status, text) = answer(n);
                        let resp = http::Response::builder()
                            .status(status)
                            .header("content-type", "application/json")
                            .header("x-amzn-requestid", format!("req-{n}"))
                            .body(Full::new(Bytes::from_static(text.as_bytes())))
                            .unwrap();
                        Ok::<_, Infallible>(resp)
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (addr, seen)
}

fn client(endpoint: String, retry: RetryConfig, timeouts: TimeoutConfig) -> Handle {
    ClientBuilder::new(&SERVICE)
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .endpoint_url(endpoint)
        .retry(retry)
        .timeouts(timeouts)
        .build()
        .unwrap()
}

fn fast_retry(max: u32) -> RetryConfig {
    RetryConfig::default()
        .with_max_attempts(max)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(20))
}

fn create_room() -> OperationRequest {
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "content-type",
        http::HeaderValue::from_static("application/json"),
    );
    OperationRequest {
        operation: "CreateRoom",
        method: http::Method::POST,
        path_and_query: "/CreateRoom".into(),
        headers,
        body: Bytes::from_static(br#"{"name":"lobby"}"#),
        host_prefix: None,
    }
}

#[tokio::test]
async fn round_trip_through_the_default_transport() {
    let (addr, seen) = server(|_| (200, r#"{"arn":"arn:room"}"#), false).await;
    let handle = client(
        format!("http://{addr}/prefix"),
        fast_retry(3),
        TimeoutConfig::default(),
    );
    let resp = handle.send(create_room()).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.body().as_ref(), br#"{"arn":"arn:room"}"#);
    assert_eq!(
        smithy_runtime::client::request_id(resp.headers()).as_deref(),
        Some("req-0")
    );
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    let s = &seen[0];
    assert_eq!(s.method, "POST");
    assert_eq!(s.path, "/prefix/CreateRoom");
    assert_eq!(s.body.as_ref(), br#"{"name":"lobby"}"#);
    assert_eq!(s.headers["host"], addr.to_string().as_str());
    assert_eq!(s.headers["content-length"], "16");
    assert!(
        s.headers["authorization"]
            .to_str()
            .unwrap()
            .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
    );
    assert!(s.headers.contains_key("x-amz-date"));
    assert!(
        s.headers["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("ivschat/0.1.0 ")
    );
}

#[tokio::test]
async fn retries_a_503_over_the_real_transport() {
    let (addr, seen) = server(|n| if n == 0 { (503, "{}") } else { (200, "{}") }, false).await;
    let handle = client(
        format!("http://{addr}"),
        fast_retry(3),
        TimeoutConfig::default(),
    );
    let resp = handle.send(create_room()).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_connection_cut_mid_response_is_retried() {
    let (addr, seen) = server(|_| (200, r#"{"ok":true}"#), true).await;
    let handle = client(
        format!("http://{addr}"),
        fast_retry(3),
        TimeoutConfig::default(),
    );
    let resp = handle.send(create_room()).await.unwrap();
    assert_eq!(resp.body().as_ref(), br#"{"ok":true}"#);
    // The cut connection never reached the hyper server; the retry did.
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_cut_connection_without_retries_is_a_transport_error() {
    let (addr, _seen) = server(|_| (200, "{}"), true).await;
    let handle = client(
        format!("http://{addr}"),
        RetryConfig::disabled(),
        TimeoutConfig::default(),
    );
    let err = handle.send(create_room()).await.unwrap_err();
    assert_eq!(err.kind(), UnhandledKind::Transport);
    let transport = std::error::Error::source(&err)
        .unwrap()
        .downcast_ref::<smithy_runtime::client::TransportError>()
        .unwrap();
    assert!(transport.is_retryable(), "{transport:?}");
}

#[tokio::test]
async fn connection_refused_is_retried_then_reported() {
    // A port that was just free: nothing listens there any more.
    let addr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let handle = client(
        format!("http://{addr}"),
        fast_retry(2),
        TimeoutConfig::default(),
    );
    let err = handle.send(create_room()).await.unwrap_err();
    assert_eq!(err.kind(), UnhandledKind::Transport);
    assert_eq!(err.to_string(), "transport error: connection refused");
    let transport = std::error::Error::source(&err)
        .unwrap()
        .downcast_ref::<smithy_runtime::client::TransportError>()
        .unwrap();
    assert_eq!(
        transport.kind(),
        smithy_runtime::client::TransportErrorKind::Connect
    );
}

#[tokio::test]
async fn a_silent_server_hits_the_attempt_timeout() {
    // Accepts connections and reads, but never answers.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(Mutex::new(0usize));
    let accepted2 = accepted.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            *accepted2.lock().unwrap() += 1;
            held.push(stream);
        }
    });
    let handle = client(
        format!("http://{addr}"),
        fast_retry(2),
        TimeoutConfig::default().with_attempt_timeout(Some(Duration::from_millis(200))),
    );
    let start = std::time::Instant::now();
    let err = handle.send(create_room()).await.unwrap_err();
    let elapsed = start.elapsed();
    assert_eq!(err.kind(), UnhandledKind::Timeout);
    assert_eq!(
        err.to_string(),
        "timed out after 200ms (attempt timeout, 2 attempt(s))"
    );
    assert!(elapsed >= Duration::from_millis(400), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    // A timed-out attempt's connection is not reused: the retry opened a new one.
    assert_eq!(*accepted.lock().unwrap(), 2);
}

#[tokio::test]
async fn a_tls_failure_is_not_retried() {
    // An https:// endpoint served by a plain-HTTP server: the TLS handshake fails, and
    // retrying cannot help.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(Mutex::new(0usize));
    let accepted2 = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            *accepted2.lock().unwrap() += 1;
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf).await;
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    let handle = client(
        format!("https://{addr}"),
        fast_retry(3),
        TimeoutConfig::default(),
    );
    let err = handle.send(create_room()).await.unwrap_err();
    assert_eq!(err.kind(), UnhandledKind::Transport);
    let transport = std::error::Error::source(&err)
        .unwrap()
        .downcast_ref::<smithy_runtime::client::TransportError>()
        .unwrap();
    assert!(!transport.is_retryable(), "{transport:?}");
    assert_eq!(*accepted.lock().unwrap(), 1, "{err}");
}

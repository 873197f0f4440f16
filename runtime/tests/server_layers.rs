//! The server under ordinary tower layers (timeouts, concurrency limits), as a plain tower
//! `Service` without axum, and on a real loopback socket with `serve`.
#![cfg(feature = "server")]

mod server_support;

use std::io::{Read as _, Write as _};
use std::time::Duration;

use axum::BoxError;
use axum::error_handling::HandleErrorLayer;
use http::StatusCode;
use server_support::{Memory, ROUTES, json_of, read, request, router};
use smithy_runtime::server::{ResponseBuilder, Server, ServerConfig, axum, serve};
use tokio::time::Instant;
use tower::ServiceBuilder;
use tower::ServiceExt as _;
use tower::limit::ConcurrencyLimitLayer;
use tower::timeout::TimeoutLayer;

fn with_timeout(timeout: Duration) -> axum::Router {
    router(Memory::default()).layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(|e: BoxError| async move {
                if e.is::<tower::timeout::error::Elapsed>() {
                    (StatusCode::REQUEST_TIMEOUT, "timed out")
                } else {
                    (StatusCode::INTERNAL_SERVER_ERROR, "layer error")
                }
            }))
            .layer(TimeoutLayer::new(timeout)),
    )
}

#[tokio::test(start_paused = true)]
async fn a_timeout_layer_cuts_slow_operations() {
    let (status, _, body) = read(
        with_timeout(Duration::from_millis(50))
            .oneshot(request("GET", "/slow?ms=200", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, body.as_str()), (408, "timed out"));
    let (status, _, _) = read(
        with_timeout(Duration::from_millis(50))
            .oneshot(request("GET", "/slow?ms=10", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
}

/// Runs two 100 ms operations at once under a concurrency limit; returns the elapsed time.
async fn two_slow_calls(limit: usize) -> Duration {
    let app = router(Memory::default()).layer(ConcurrencyLimitLayer::new(limit));
    let start = Instant::now();
    let (a, b) = tokio::join!(
        app.clone().oneshot(request("GET", "/slow?ms=100", &[], "")),
        app.clone().oneshot(request("GET", "/slow?ms=100", &[], "")),
    );
    assert_eq!(
        (a.unwrap().status().as_u16(), b.unwrap().status().as_u16()),
        (200, 200)
    );
    start.elapsed()
}

#[tokio::test(start_paused = true)]
async fn a_concurrency_limit_layer_serialises_calls() {
    let serial = two_slow_calls(1).await;
    let parallel = two_slow_calls(2).await;
    assert!(serial >= Duration::from_millis(200), "{serial:?}");
    assert!(parallel < Duration::from_millis(200), "{parallel:?}");
}

#[tokio::test]
async fn the_server_is_a_plain_tower_service() {
    let server = Server::new(
        ROUTES,
        ServerConfig::default(),
        |req: smithy_runtime::server::Request| async move {
            ResponseBuilder::new(200).json(format!(r#"{{"op":"{}"}}"#, req.operation()))
        },
    )
    .unwrap();
    assert_eq!(server.routes().specs().len(), ROUTES.len());
    let svc = ServiceBuilder::new().concurrency_limit(4).service(server);
    let (status, _, body) = read(
        svc.oneshot(request("GET", "/rooms/abc", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, json_of(&body)),
        (200, serde_json::json!({"op": "GetRoom"}))
    );
}

#[tokio::test]
async fn serves_on_a_loopback_socket_and_survives_a_panic() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(serve(listener, router(Memory::default())));
    // A blocking std client on another thread, so the server keeps running on this one.
    let exchange = |raw: &'static str| async move {
        tokio::task::spawn_blocking(move || {
            let mut stream = std::net::TcpStream::connect(addr).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            stream.write_all(raw.as_bytes()).unwrap();
            let mut out = String::new();
            stream
                .read_to_string(&mut out)
                .expect("the server answers and closes");
            out
        })
        .await
        .unwrap()
    };
    let panic = exchange(
        "POST /panic HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(panic.starts_with("HTTP/1.1 500"), "{panic}");
    assert!(
        panic
            .to_ascii_lowercase()
            .contains("x-amzn-errortype: internalserverexception"),
        "{panic}"
    );
    let body = r#"{"name":"lobby"}"#;
    let raw: &'static str = Box::leak(
        format!(
            "POST /rooms HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    );
    let created = exchange(raw).await;
    assert!(created.starts_with("HTTP/1.1 200"), "{created}");
    assert!(
        created.ends_with(r#"{"id":"room-1","name":"lobby"}"#),
        "{created}"
    );
    server.abort();
}

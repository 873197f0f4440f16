//! Our own client against our own server on a loopback socket, through the SigV4 verification
//! layer: what the client signs, the server accepts (the emulator's `--verify-sigv4` path).
#![cfg(feature = "server")]

mod server_support;

use std::net::SocketAddr;

use serde_json::json;
use server_support::{Memory, json_of, router};
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    ClientBuilder, Credentials, Handle, OperationRequest, RetryConfig, ServiceInfo,
};
use smithy_runtime::server::{SigV4VerifyLayer, serve};

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
const KEY: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

async fn start() -> (SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(Memory::default()).layer(SigV4VerifyLayer::new(KEY, SECRET));
    (addr, tokio::spawn(serve(listener, app)))
}

fn client(addr: SocketAddr, secret: &str) -> Handle {
    ClientBuilder::<Handle>::new(&SERVICE)
        .region("us-east-1")
        .endpoint_url(format!("http://{addr}"))
        .credentials(Credentials::new(KEY, secret, None))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap()
}

fn op(method: http::Method, path_and_query: &str, body: &str) -> OperationRequest {
    let mut headers = http::HeaderMap::new();
    if !body.is_empty() {
        headers.insert("content-type", "application/json".parse().unwrap());
    }
    OperationRequest {
        operation: "Test",
        method,
        path_and_query: path_and_query.to_string(),
        headers,
        body: Bytes::from(body.to_string()),
        host_prefix: None,
    }
}

fn body_json(response: &http::Response<Bytes>) -> serde_json::Value {
    json_of(std::str::from_utf8(response.body()).unwrap())
}

#[tokio::test]
async fn requests_signed_by_our_client_pass_the_verification_layer() {
    let (addr, server) = start().await;
    let handle = client(addr, SECRET);
    let created = handle
        .send(op(http::Method::POST, "/rooms", r#"{"name":"lobby"}"#))
        .await
        .unwrap();
    assert_eq!(created.status(), 200, "{:?}", created.body());
    assert_eq!(
        body_json(&created),
        json!({"id": "room-1", "name": "lobby"})
    );

    let listed = handle
        .send(op(
            http::Method::GET,
            "/tags/arn%3Aaws%3Aivschat%3Aus-east-1%3A1%3Aroom%2Fx?list",
            "",
        ))
        .await
        .unwrap();
    assert_eq!(listed.status(), 200, "{:?}", listed.body());
    assert_eq!(
        body_json(&listed)["label"],
        "arn:aws:ivschat:us-east-1:1:room/x"
    );

    let bad = client(addr, "wrong-secret")
        .send(op(http::Method::GET, "/rooms/stats", ""))
        .await
        .unwrap();
    assert_eq!(bad.status(), 403);
    assert_eq!(
        bad.headers()["x-amzn-errortype"],
        "InvalidSignatureException"
    );
    server.abort();
}

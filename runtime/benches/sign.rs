//! Cost of SigV4-signing one ivschat `CreateRoom` request, alone and as part of a whole
//! `Handle::send` through a transport that answers at once.
//!
//! Run: `cargo bench -p smithy-runtime --bench sign`.

use std::time::{Duration, SystemTime};

use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    BoxFuture, ClientBuilder, Clock, Credentials, Handle, HttpClient, OperationRequest,
    ServiceInfo, TransportError, sign,
};
use smithy_runtime::http;

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

const BODY: &[u8] = br#"{"name":"lobby"}"#;

fn time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

fn request() -> http::Request<Bytes> {
    let mut req = http::Request::new(Bytes::from_static(BODY));
    *req.method_mut() = http::Method::POST;
    *req.uri_mut() = "https://ivschat.us-east-1.amazonaws.com/CreateRoom"
        .parse()
        .unwrap();
    let h = req.headers_mut();
    h.insert(
        "host",
        http::HeaderValue::from_static("ivschat.us-east-1.amazonaws.com"),
    );
    h.insert(
        "content-type",
        http::HeaderValue::from_static("application/json"),
    );
    h.insert("content-length", http::HeaderValue::from(BODY.len()));
    req
}

#[divan::bench]
fn sign_create_room(bencher: divan::Bencher) {
    let creds = Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
    );
    bencher.with_inputs(request).bench_local_values(|mut req| {
        sign(&mut req, &creds, "us-east-1", "ivschat", time()).unwrap();
        req
    });
}

/// Answers 200 at once, so `send` measures the runtime's own overhead.
#[derive(Debug)]
struct Instant200;

impl HttpClient for Instant200 {
    fn call(
        &self,
        _request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async { Ok(http::Response::new(Bytes::from_static(b"{}"))) })
    }
}

#[divan::bench]
fn send_create_room(bencher: divan::Bencher) {
    let handle: Handle = ClientBuilder::new(&SERVICE)
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .clock(Clock::fixed(time()))
        .http_client(Instant200)
        .build()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let op = || {
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
            body: Bytes::from_static(BODY),
            host_prefix: None,
        }
    };
    bencher
        .with_inputs(op)
        .bench_local_values(|req| rt.block_on(handle.send(req)).unwrap());
}

fn main() {
    divan::main();
}

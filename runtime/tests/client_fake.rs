//! An in-process fake `HttpClient` for the client tests: records every request (with the
//! tokio time it arrived, so paused-time tests can measure backoff) and answers from a script.
//!
//! Other `client_*` test files include it with `#[path = "client_fake.rs"] mod fake;`.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    BoxFuture, ClientBuilder, Clock, Credentials, Handle, HttpClient, OperationRequest,
    ServiceInfo, TransportError,
};
use smithy_runtime::http;

/// The ivschat service facts, as the generated crate emits them.
pub const SERVICE: ServiceInfo = ServiceInfo {
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

/// One scripted answer.
#[derive(Debug)]
pub enum Scripted {
    /// Answer with this status, headers and body.
    Response(u16, Vec<(&'static str, &'static str)>, &'static str),
    /// Fail with an I/O error of this kind (classified like the real transport would).
    Io(io::ErrorKind),
    /// Fail with a non-retryable transport error.
    Other(&'static str),
    /// Never answer.
    Hang,
}

/// A request as the fake saw it.
#[derive(Debug)]
pub struct Recorded {
    pub request: http::Request<Bytes>,
    pub at: tokio::time::Instant,
}

#[derive(Debug, Default)]
struct State {
    script: VecDeque<Scripted>,
    requests: Vec<Recorded>,
}

/// The fake; clones share state, so a test keeps one clone to inspect after building a client.
#[derive(Clone, Debug, Default)]
pub struct FakeHttp {
    state: Arc<Mutex<State>>,
}

impl FakeHttp {
    pub fn new(script: Vec<Scripted>) -> Self {
        let fake = Self::default();
        fake.state.lock().unwrap().script = script.into();
        fake
    }

    /// Every request received so far (taken out).
    pub fn take_requests(&self) -> Vec<Recorded> {
        std::mem::take(&mut self.state.lock().unwrap().requests)
    }

    pub fn request_count(&self) -> usize {
        self.state.lock().unwrap().requests.len()
    }
}

impl HttpClient for FakeHttp {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        let next = {
            let mut state = self.state.lock().unwrap();
            state.requests.push(Recorded {
                request,
                at: tokio::time::Instant::now(),
            });
            state.script.pop_front()
        };
        Box::pin(async move {
            match next {
                Some(Scripted::Response(status, headers, body)) => {
                    let mut b = http::Response::builder().status(status);
                    for (k, v) in headers {
                        b = b.header(k, v);
                    }
                    Ok(b.body(Bytes::from_static(body.as_bytes())).unwrap())
                }
                Some(Scripted::Io(kind)) => Err(TransportError::io(io::Error::from(kind))),
                Some(Scripted::Other(why)) => Err(TransportError::other(io::Error::other(why))),
                Some(Scripted::Hang) => std::future::pending().await,
                None => Err(TransportError::other(io::Error::other(
                    "fake HTTP client: script exhausted (more attempts than the test expected)",
                ))),
            }
        })
    }
}

/// 2015-08-30T12:36:00Z, the AWS SigV4 test-suite instant.
pub fn test_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

/// A builder with region, test credentials, a fixed clock and `fake` as transport.
pub fn builder(fake: &FakeHttp) -> ClientBuilder<Handle> {
    ClientBuilder::new(&SERVICE)
        .region("us-east-1")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        ))
        .clock(Clock::fixed(test_time()))
        .http_client(fake.clone())
}

/// `POST /CreateRoom` with `{"name":"lobby"}`, as generated code builds it.
pub fn create_room() -> OperationRequest {
    let mut headers = http::HeaderMap::new();
    headers.insert(
        http::header::CONTENT_TYPE,
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
async fn fake_records_and_follows_its_script() {
    let fake = FakeHttp::new(vec![Scripted::Response(201, vec![("a", "b")], "x")]);
    let req = http::Request::new(Bytes::from_static(b"body"));
    let resp = fake.call(req).await.unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.headers()["a"], "b");
    assert_eq!(resp.body().as_ref(), b"x");
    let err = fake
        .call(http::Request::new(Bytes::new()))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("script exhausted"));
    let recorded = fake.take_requests();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].request.body().as_ref(), b"body");
}

//! Micro-benchmarks, ours vs aws-sdk-ivschat where the SDK exposes a comparable entry point.
//!
//! - `ours_ser_create_room` / `ours_de_list_rooms_50`: the generated crate's public request
//!   serializer and response parser. The SDK keeps its (de)serializers private, so the comparable
//!   figures are the whole calls below.
//! - `*_sign_create_room`: ours (`smithy_runtime::client::sign`) vs `aws-sigv4` called the way the
//!   SDK's signer calls it; both use the same `aws-sigv4` crate underneath, so this measures the
//!   wrapper, not the algorithm.
//! - `*_call_*`: a whole `send().await` (build, serialize, endpoint, sign, transport, parse) with a
//!   transport that answers at once with a fixed body; tokio current-thread runtime for both.
//!
//! Run: `cargo bench -p micro` in `bench/`.

use std::time::{Duration, SystemTime};

use bytes::Bytes;

fn main() {
    divan::main();
}

fn time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

const SIGN_BODY: &[u8] =
    br#"{"name":"lobby","maximumMessageRatePerSecond":10,"tags":{"team":"video"}}"#;

fn sign_request() -> http::Request<Bytes> {
    let mut req = http::Request::new(Bytes::from_static(SIGN_BODY));
    *req.method_mut() = http::Method::POST;
    *req.uri_mut() = http::Uri::from_static("https://ivschat.us-east-1.amazonaws.com/CreateRoom");
    let h = req.headers_mut();
    h.insert(
        "host",
        http::HeaderValue::from_static("ivschat.us-east-1.amazonaws.com"),
    );
    h.insert(
        "content-type",
        http::HeaderValue::from_static("application/json"),
    );
    h.insert("content-length", http::HeaderValue::from(SIGN_BODY.len()));
    req
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

mod ours {
    use super::*;
    use ivschat::operation::{create_room, list_rooms};
    use smithy_runtime::client::{BoxFuture, Credentials, HttpClient, TransportError};

    fn create_room_input() -> create_room::CreateRoomInput {
        create_room::CreateRoomInput::builder()
            .name("lobby")
            .maximum_message_rate_per_second(10)
            .maximum_message_length(500)
            .tags("team", "video")
            .tags("env", "prod")
            .build()
    }

    #[divan::bench]
    fn ours_ser_create_room(b: divan::Bencher) {
        let input = create_room_input();
        b.bench_local(|| create_room::ser_request(divan::black_box(&input)).expect("serializes"));
    }

    #[divan::bench]
    fn ours_de_list_rooms_50(b: divan::Bencher) {
        let body = Bytes::from(micro::list_rooms_body(50));
        let response = http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(body)
            .expect("response");
        let parsed = list_rooms::de_response(&response).expect("parses");
        assert_eq!(parsed.rooms.len(), 50);
        b.bench_local(|| list_rooms::de_response(divan::black_box(&response)).expect("parses"));
    }

    #[divan::bench]
    fn ours_sign_create_room(b: divan::Bencher) {
        let creds = Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        );
        b.with_inputs(sign_request).bench_local_values(|mut req| {
            smithy_runtime::client::sign(&mut req, &creds, "us-east-1", "ivschat", time())
                .expect("signs");
            req
        });
    }

    /// Answers every request at once with a fixed 200 body.
    #[derive(Debug)]
    struct Instant(Bytes);

    impl HttpClient for Instant {
        fn call(
            &self,
            _req: http::Request<Bytes>,
        ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
            let body = self.0.clone();
            Box::pin(async move {
                Ok(http::Response::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .body(body)
                    .expect("response"))
            })
        }
    }

    fn client(body: Bytes) -> ivschat::Client {
        ivschat::Client::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:1")
            .credentials(Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
            ))
            .http_client(Instant(body))
            .build()
            .expect("client")
    }

    #[divan::bench]
    fn ours_call_list_rooms_50(b: divan::Bencher) {
        let rt = runtime();
        let client = client(Bytes::from(micro::list_rooms_body(50)));
        let first = rt
            .block_on(client.list_rooms().max_results(50).send())
            .expect("call");
        assert_eq!(first.rooms.len(), 50);
        b.bench_local(|| {
            rt.block_on(client.list_rooms().max_results(50).send())
                .expect("call")
        });
    }

    #[divan::bench]
    fn ours_call_create_room(b: divan::Bencher) {
        let rt = runtime();
        let client = client(Bytes::from_static(micro::CREATE_ROOM_BODY.as_bytes()));
        b.bench_local(|| {
            rt.block_on(
                client
                    .create_room()
                    .name("lobby")
                    .maximum_message_rate_per_second(10)
                    .tags("team", "video")
                    .send(),
            )
            .expect("call")
        });
    }
}

mod aws {
    use super::*;
    use aws_sdk_ivschat::config::{Credentials, Region};
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    use aws_sigv4::sign::v4;
    use aws_smithy_runtime_api::client::http::{
        HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
    };
    use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
    use aws_smithy_runtime_api::http::Response;
    use aws_smithy_types::body::SdkBody;

    /// Answers every request at once with a fixed 200 body. Hand-written rather than the SDK's
    /// `infallible_client_fn`: its `test-util` feature turns on serde_json's `preserve_order`,
    /// which would change how our side parses JSON in this same binary.
    #[derive(Clone, Debug)]
    struct Instant(Bytes);

    impl HttpConnector for Instant {
        fn call(&self, _request: HttpRequest) -> HttpConnectorFuture {
            let mut response = Response::new(
                200u16.try_into().expect("status"),
                SdkBody::from(self.0.clone()),
            );
            response
                .headers_mut()
                .insert("content-type", "application/json");
            HttpConnectorFuture::ready(Ok(response))
        }
    }

    impl HttpClient for Instant {
        fn http_connector(
            &self,
            _: &HttpConnectorSettings,
            _: &RuntimeComponents,
        ) -> SharedHttpConnector {
            SharedHttpConnector::new(self.clone())
        }
    }

    #[divan::bench]
    fn aws_sign_create_room(b: divan::Bencher) {
        let identity = aws_credential_types::Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "bench",
        )
        .into();
        b.with_inputs(sign_request).bench_local_values(|mut req| {
            let params = v4::SigningParams::builder()
                .identity(&identity)
                .region("us-east-1")
                .name("ivschat")
                .time(time())
                .settings(SigningSettings::default())
                .build()
                .expect("params")
                .into();
            let headers = req
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str(), v.to_str().expect("ascii")));
            let signable = SignableRequest::new(
                req.method().as_str(),
                req.uri().to_string(),
                headers,
                SignableBody::Bytes(req.body()),
            )
            .expect("signable");
            let (instructions, _) = sign(signable, &params).expect("signs").into_parts();
            instructions.apply_to_request_http1x(&mut req);
            req
        });
    }

    fn client(body: Bytes) -> aws_sdk_ivschat::Client {
        let config = aws_sdk_ivschat::Config::builder()
            .region(Region::new("us-east-1"))
            .endpoint_url("http://127.0.0.1:1")
            .credentials_provider(Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
                None,
                "bench",
            ))
            .http_client(Instant(body))
            .build();
        aws_sdk_ivschat::Client::from_conf(config)
    }

    #[divan::bench]
    fn aws_call_list_rooms_50(b: divan::Bencher) {
        let rt = runtime();
        let client = client(Bytes::from(micro::list_rooms_body(50)));
        let first = rt
            .block_on(client.list_rooms().max_results(50).send())
            .expect("call");
        assert_eq!(first.rooms().len(), 50);
        b.bench_local(|| {
            rt.block_on(client.list_rooms().max_results(50).send())
                .expect("call")
        });
    }

    #[divan::bench]
    fn aws_call_create_room(b: divan::Bencher) {
        let rt = runtime();
        let client = client(Bytes::from_static(micro::CREATE_ROOM_BODY.as_bytes()));
        b.bench_local(|| {
            rt.block_on(
                client
                    .create_room()
                    .name("lobby")
                    .maximum_message_rate_per_second(10)
                    .tags("team", "video")
                    .send(),
            )
            .expect("call")
        });
    }
}

//! The SigV4 verification layer in front of the server: requests signed by `aws-sigv4` (as a
//! client signs them) pass; unsigned, tampered, stale or foreign-key requests get a 403.
#![cfg(feature = "server")]

mod server_support;

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use axum::body::Body;
use serde_json::json;
use server_support::{Memory, json_of, read, router};
use smithy_runtime::server::{SigV4VerifyLayer, axum};
use tower::ServiceExt as _;

const KEY: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn app() -> axum::Router {
    router(Memory::default()).layer(SigV4VerifyLayer::new(KEY, SECRET))
}

/// A request as it reaches the server (origin-form URI, Host header), signed like a client
/// signs it: aws-sigv4 defaults, service `ivschat`, at `time`.
fn signed(
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
    (key, secret, token): (&str, &str, Option<&str>),
    time: SystemTime,
) -> http::Request<String> {
    let mut b = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "localhost:8080");
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let mut req = b.body(body.to_string()).unwrap();
    let identity = Credentials::new(key, secret, token.map(str::to_string), None, "test").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("ivschat")
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        req.method().as_str(),
        req.uri().to_string(),
        req.headers()
            .iter()
            .map(|(k, v)| (k.as_str(), v.to_str().unwrap())),
        SignableBody::Bytes(req.body().as_bytes()),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    instructions.apply_to_request_http1x(&mut req);
    req
}

fn creds() -> (&'static str, &'static str, Option<&'static str>) {
    (KEY, SECRET, None)
}

async fn call(app: axum::Router, req: http::Request<String>) -> (u16, http::HeaderMap, String) {
    read(app.oneshot(req.map(Body::from)).await.unwrap()).await
}

async fn rejected(req: http::Request<String>, error_type: &str) -> String {
    let (status, headers, body) = call(app(), req).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(headers["x-amzn-errortype"], error_type, "{body}");
    json_of(&body)["message"].as_str().unwrap().to_string()
}

const JSON: (&str, &str) = ("content-type", "application/json");

#[tokio::test]
async fn correctly_signed_requests_pass() {
    let now = SystemTime::now();
    let req = signed(
        "POST",
        "/rooms",
        &[JSON],
        r#"{"name":"lobby"}"#,
        creds(),
        now,
    );
    let (status, _, body) = call(app(), req).await;
    assert_eq!(
        (status, json_of(&body)),
        (200, json!({"id": "room-1", "name": "lobby"}))
    );

    // Percent-encoded label and a query: the canonical URI is double-encoded on both sides.
    let req = signed(
        "GET",
        "/tags/arn%3Aaws%3Aivschat%3A%3Aroom%2Fx?list&z=a%20b",
        &[],
        "",
        creds(),
        now,
    );
    let (status, _, body) = call(app(), req).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(json_of(&body)["label"], "arn:aws:ivschat::room/x");

    // Temporary credentials: the session token is signed too.
    let req = signed(
        "GET",
        "/rooms/stats",
        &[],
        "",
        (KEY, SECRET, Some("TOKEN/abc=")),
        now,
    );
    assert_eq!(call(app(), req).await.0, 200);

    // Clock skew up to 15 minutes either way is accepted.
    for skew in [-14 * 60, 14 * 60] {
        let t = if skew < 0 {
            now - Duration::from_secs(14 * 60)
        } else {
            now + Duration::from_secs(14 * 60)
        };
        assert_eq!(
            call(app(), signed("GET", "/rooms/stats", &[], "", creds(), t))
                .await
                .0,
            200,
            "{skew}"
        );
    }
}

#[tokio::test]
async fn unsigned_requests_are_403() {
    let req = http::Request::builder()
        .method("GET")
        .uri("/rooms/stats")
        .header("host", "localhost:8080")
        .body(String::new())
        .unwrap();
    assert_eq!(
        rejected(req, "MissingAuthenticationTokenException").await,
        "Missing Authentication Token"
    );
}

#[tokio::test]
async fn tampered_requests_are_403() {
    let now = SystemTime::now();
    let sig_mismatch = "The request signature we calculated does not match the signature you provided. \
                        Check your AWS Secret Access Key and signing method.";

    // Body changed after signing.
    let mut req = signed(
        "POST",
        "/rooms",
        &[JSON],
        r#"{"name":"lobby"}"#,
        creds(),
        now,
    );
    *req.body_mut() = r#"{"name":"admin"}"#.into();
    assert_eq!(
        rejected(req, "InvalidSignatureException").await,
        sig_mismatch
    );

    // Path changed.
    let mut req = signed("GET", "/rooms/a", &[], "", creds(), now);
    *req.uri_mut() = "/rooms/b".parse().unwrap();
    assert_eq!(
        rejected(req, "InvalidSignatureException").await,
        sig_mismatch
    );

    // Query changed.
    let mut req = signed("GET", "/tags/x?list", &[], "", creds(), now);
    *req.uri_mut() = "/tags/x?list&extra".parse().unwrap();
    assert_eq!(
        rejected(req, "InvalidSignatureException").await,
        sig_mismatch
    );

    // A signed header changed.
    let mut req = signed("POST", "/rooms", &[JSON], "{}", creds(), now);
    req.headers_mut()
        .insert("content-type", "application/x-json".parse().unwrap());
    assert_eq!(
        rejected(req, "InvalidSignatureException").await,
        sig_mismatch
    );

    // One character of the signature changed.
    let mut req = signed("GET", "/rooms/stats", &[], "", creds(), now);
    let auth = req.headers()["authorization"].to_str().unwrap().to_string();
    let last = auth.chars().last().unwrap();
    let flipped = format!(
        "{}{}",
        &auth[..auth.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    req.headers_mut()
        .insert("authorization", flipped.parse().unwrap());
    assert_eq!(
        rejected(req, "InvalidSignatureException").await,
        sig_mismatch
    );

    // Signed with another secret.
    let req = signed(
        "GET",
        "/rooms/stats",
        &[],
        "",
        (KEY, "not-the-secret", None),
        now,
    );
    assert_eq!(
        rejected(req, "InvalidSignatureException").await,
        sig_mismatch
    );
}

#[tokio::test]
async fn unknown_access_keys_are_403_unrecognized_client() {
    let req = signed(
        "GET",
        "/rooms/stats",
        &[],
        "",
        ("AKIDOTHER", SECRET, None),
        SystemTime::now(),
    );
    assert_eq!(
        rejected(req, "UnrecognizedClientException").await,
        "The security token included in the request is invalid."
    );
}

#[tokio::test]
async fn stale_or_future_signatures_are_403() {
    let now = SystemTime::now();
    for t in [
        now - Duration::from_secs(16 * 60),
        now + Duration::from_secs(16 * 60),
    ] {
        let req = signed("GET", "/rooms/stats", &[], "", creds(), t);
        let message = rejected(req, "InvalidSignatureException").await;
        assert!(
            message.starts_with("Signature expired or not yet valid: x-amz-date "),
            "{message}"
        );
    }
}

#[tokio::test]
async fn an_injected_clock_decides_the_skew() {
    let signed_at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160); // 2015-08-30T12:36:00Z
    let at = |now: SystemTime| {
        router(Memory::default()).layer(SigV4VerifyLayer::new(KEY, SECRET).clock(move || now))
    };
    let req = || signed("GET", "/rooms/stats", &[], "", creds(), signed_at);
    assert_eq!(
        call(at(signed_at + Duration::from_secs(60)), req()).await.0,
        200
    );
    let (status, _, body) = call(at(signed_at + Duration::from_secs(3600)), req()).await;
    assert_eq!(status, 403);
    assert_eq!(
        json_of(&body)["message"],
        "Signature expired or not yet valid: x-amz-date 20150830T123600Z is more than 900 seconds away from the server time 2015-08-30T13:36:00Z"
    );
}

#[tokio::test]
async fn malformed_authorization_is_403_incomplete_signature() {
    let mut req = signed("GET", "/rooms/stats", &[], "", creds(), SystemTime::now());
    req.headers_mut().insert(
        "authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE".parse().unwrap(),
    );
    assert_eq!(
        rejected(req, "IncompleteSignatureException").await,
        "Authorization header requires a SignedHeaders component"
    );
    let mut req = signed("GET", "/rooms/stats", &[], "", creds(), SystemTime::now());
    req.headers_mut().remove("x-amz-date");
    assert_eq!(
        rejected(req, "IncompleteSignatureException").await,
        "Authorization requires an x-amz-date header"
    );
}

#[tokio::test]
async fn the_layer_limits_what_it_reads() {
    let app = router(Memory::default()).layer(SigV4VerifyLayer::new(KEY, SECRET).body_limit(16));
    let req = signed(
        "POST",
        "/rooms",
        &[JSON],
        r#"{"name":"a-long-room-name"}"#,
        creds(),
        SystemTime::now(),
    );
    let (status, headers, _) = call(app, req).await;
    assert_eq!(
        (status, &headers["x-amzn-errortype"]),
        (413, &"RequestEntityTooLargeException".parse().unwrap())
    );
}

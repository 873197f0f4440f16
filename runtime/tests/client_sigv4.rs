//! SigV4: the signatures the client sends are checked against signatures computed here,
//! independently of `aws-sigv4`, from the algorithm itself (canonical request → string to
//! sign → HMAC-SHA256 key chain). The independent signer is first checked against a
//! published vector of the AWS SigV4 test suite (`get-vanilla`).

#[path = "client_fake.rs"]
mod fake;

use fake::{FakeHttp, Scripted, builder, create_room, test_time};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{Credentials, sign};
use smithy_runtime::http;

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const AMZ_DATE: &str = "20150830T123600Z";
const DATE: &str = "20150830";

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// URI-encodes per SigV4: unreserved characters stay, everything else is `%XX` (uppercase).
fn uri_encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        let c = b as char;
        if c.is_ascii_alphanumeric() || "-_.~".contains(c) || (keep_slash && c == '/') {
            out.push(c);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SigV4 canonical request. `path` is the path as sent (already encoded once): non-S3
/// services encode it again. `query` pairs are sent-form (encoded) and get sorted here.
fn canonical_request(
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    headers: &[(&str, &str)],
    payload: &[u8],
) -> (String, String) {
    let canonical_path = uri_encode(path, true);
    let mut query: Vec<_> = query.to_vec();
    query.sort();
    let canonical_query = query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    headers.sort();
    let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let signed_headers = headers
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let creq = format!(
        "{method}\n{canonical_path}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{}",
        sha256_hex(payload)
    );
    (creq, signed_headers)
}

/// The full `Authorization` header value for a canonical request.
fn authorization(creq: &str, signed_headers: &str, region: &str, service: &str) -> String {
    let scope = format!("{DATE}/{region}/{service}/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{AMZ_DATE}\n{scope}\n{}",
        sha256_hex(creq.as_bytes())
    );
    let k_date = hmac(format!("AWS4{SECRET}").as_bytes(), DATE);
    let k_region = hmac(&k_date, region);
    let k_service = hmac(&k_region, service);
    let k_signing = hmac(&k_service, "aws4_request");
    let signature = hex::encode(hmac(&k_signing, &string_to_sign));
    format!(
        "AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )
}

#[test]
fn independent_signer_matches_the_published_get_vanilla_vector() {
    // AWS SigV4 test suite, `get-vanilla`: GET / on example.amazonaws.com, service `service`.
    let (creq, signed) = canonical_request(
        "GET",
        "/",
        &[],
        &[("Host", "example.amazonaws.com"), ("X-Amz-Date", AMZ_DATE)],
        b"",
    );
    assert_eq!(
        creq,
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\
         e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    let expected = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                    SignedHeaders=host;x-amz-date, \
                    Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    assert_eq!(
        authorization(&creq, &signed, "us-east-1", "service"),
        expected
    );

    // And the runtime's public `sign` agrees on the same vector.
    let mut req = http::Request::new(Bytes::new());
    *req.uri_mut() = "https://example.amazonaws.com/".parse().unwrap();
    req.headers_mut().insert(
        "host",
        http::HeaderValue::from_static("example.amazonaws.com"),
    );
    let creds = Credentials::new(ACCESS_KEY, SECRET, None);
    sign(&mut req, &creds, "us-east-1", "service", test_time()).unwrap();
    assert_eq!(req.headers()["authorization"], expected);
    assert_eq!(req.headers()["x-amz-date"], AMZ_DATE);
}

#[tokio::test]
async fn create_room_signature_matches_an_independent_computation() {
    let fake = FakeHttp::new(vec![Scripted::Response(200, vec![], "{}")]);
    let handle = builder(&fake).build().unwrap();
    handle.send(create_room()).await.unwrap();
    let sent = fake.take_requests().remove(0).request;

    let body = br#"{"name":"lobby"}"#;
    assert_eq!(sent.body().as_ref(), body);
    let (creq, signed) = canonical_request(
        "POST",
        "/CreateRoom",
        &[],
        &[
            ("content-length", "16"),
            ("content-type", "application/json"),
            ("host", "ivschat.us-east-1.amazonaws.com"),
            ("x-amz-date", AMZ_DATE),
        ],
        body,
    );
    assert_eq!(signed, "content-length;content-type;host;x-amz-date");
    let expected = authorization(&creq, &signed, "us-east-1", "ivschat");
    assert_eq!(sent.headers()["authorization"], expected.as_str());
}

#[tokio::test]
async fn session_token_is_part_of_the_signature() {
    let fake = FakeHttp::new(vec![Scripted::Response(200, vec![], "{}")]);
    let handle = builder(&fake)
        .credentials(Credentials::new(
            ACCESS_KEY,
            SECRET,
            Some("SESSIONTOKEN".into()),
        ))
        .region("eu-west-1")
        .build()
        .unwrap();
    handle.send(create_room()).await.unwrap();
    let sent = fake.take_requests().remove(0).request;
    let (creq, signed) = canonical_request(
        "POST",
        "/CreateRoom",
        &[],
        &[
            ("content-length", "16"),
            ("content-type", "application/json"),
            ("host", "ivschat.eu-west-1.amazonaws.com"),
            ("x-amz-date", AMZ_DATE),
            ("x-amz-security-token", "SESSIONTOKEN"),
        ],
        br#"{"name":"lobby"}"#,
    );
    let expected = authorization(&creq, &signed, "eu-west-1", "ivschat");
    assert_eq!(sent.headers()["authorization"], expected.as_str());
    assert_eq!(sent.headers()["x-amz-security-token"], "SESSIONTOKEN");
}

#[tokio::test]
async fn encoded_path_and_query_are_canonicalized_like_the_spec_says() {
    // Non-S3 services: the already-encoded path is encoded again (`%2F` → `%252F`), and query
    // parameters are sorted by name.
    let fake = FakeHttp::new(vec![Scripted::Response(200, vec![], "{}")]);
    let handle = builder(&fake).build().unwrap();
    let mut req = create_room();
    req.method = http::Method::GET;
    req.path_and_query = "/rooms/a%2Fb c?nextToken=x%3D&maxResults=5".replace(' ', "%20");
    req.headers.clear();
    req.body = Bytes::new();
    handle.send(req).await.unwrap();
    let sent = fake.take_requests().remove(0).request;
    let (creq, signed) = canonical_request(
        "GET",
        "/rooms/a%2Fb%20c",
        &[("nextToken", "x%3D"), ("maxResults", "5")],
        &[
            ("host", "ivschat.us-east-1.amazonaws.com"),
            ("x-amz-date", AMZ_DATE),
        ],
        b"",
    );
    assert!(creq.starts_with("GET\n/rooms/a%252Fb%2520c\nmaxResults=5&nextToken=x%3D\n"));
    let expected = authorization(&creq, &signed, "us-east-1", "ivschat");
    assert_eq!(sent.headers()["authorization"], expected.as_str());
}

#[test]
fn sign_rejects_a_request_without_host_instead_of_panicking() {
    let mut req = http::Request::new(Bytes::new());
    *req.uri_mut() = "/relative".parse().unwrap();
    let creds = Credentials::new(ACCESS_KEY, SECRET, None);
    let err = sign(&mut req, &creds, "us-east-1", "ivschat", test_time()).unwrap_err();
    assert_eq!(err.kind(), smithy_runtime::error::UnhandledKind::Signing);
    assert!(err.to_string().contains("has no host"), "{err}");
}

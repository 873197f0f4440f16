//! STS AssumeRole / AssumeRoleWithWebIdentity against moto's server (PyPI `moto[server]`,
//! pinned in interop/requirements.txt, installed into `target/venv` by `cargo xtask test`).
//! Skipped, with the reason printed, only when that venv is absent.
//!
//! moto is the judge twice: it answers the chain's STS calls, and a SigV4-signed
//! `GetCallerIdentity` made with the resulting credentials tells which role they belong to.
#![cfg(feature = "sts")]

mod credentials_support;
#[path = "client_fake.rs"]
mod fake;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime};

use credentials_support as support;
use fake::SERVICE;
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    ClientBuilder, Credentials, Handle, HttpClient, HyperClient, OperationRequest, RetryConfig,
    TimeoutConfig,
};
use smithy_runtime::http;

struct Moto {
    child: Child,
    url: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts moto's server on a free 127.0.0.1 port, or `None` (with the reason printed) when
/// the venv is absent.
async fn moto() -> Option<Moto> {
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/venv");
    let server = venv.join("bin/moto_server");
    let python = venv.join("bin/python");
    let mut cmd = if server.exists() {
        Command::new(&server)
    } else if python.exists() {
        let mut c = Command::new(&python);
        c.args(["-m", "moto.server"]);
        c
    } else {
        eprintln!(
            "skipped: no {} (run `cargo xtask test`, which installs moto[server] from \
             interop/requirements.txt)",
            venv.display()
        );
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = cmd
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start moto_server");
    let moto = Moto {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..300 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some(moto);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("moto_server did not listen on {port} within 30 s");
}

fn request() -> OperationRequest {
    OperationRequest {
        operation: "ListRooms",
        method: http::Method::POST,
        path_and_query: "/ListRooms".into(),
        headers: http::HeaderMap::new(),
        body: Bytes::from_static(b"{}"),
        host_prefix: None,
    }
}

/// A client of the local service whose credentials come from the chain.
fn handle(service: &str, env: &[(&str, &str)], home: &std::path::Path) -> Handle {
    ClientBuilder::<Handle>::new(&SERVICE)
        .region("us-east-1")
        .endpoint_url(service)
        .retry(RetryConfig::disabled())
        .with_env_from(support::env_of(env), Some(home))
        .unwrap()
        .build()
        .unwrap()
}

/// Asks moto who `credentials` are (`GetCallerIdentity`, SigV4-signed).
async fn caller_arn(moto: &Moto, credentials: &Credentials) -> String {
    let body = "Action=GetCallerIdentity&Version=2011-06-15";
    let mut request = http::Request::new(Bytes::from(body));
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = format!("{}/", moto.url).parse().unwrap();
    let host = moto.url.strip_prefix("http://").unwrap();
    request.headers_mut().insert("host", host.parse().unwrap());
    request.headers_mut().insert(
        "content-type",
        "application/x-www-form-urlencoded; charset=utf-8"
            .parse()
            .unwrap(),
    );
    smithy_runtime::client::sign(
        &mut request,
        credentials,
        "us-east-1",
        "sts",
        SystemTime::now(),
    )
    .unwrap();
    let http = HyperClient::new(&TimeoutConfig::default()).unwrap();
    let response = http.call(request).await.unwrap();
    let text = String::from_utf8_lossy(response.body()).to_string();
    assert_eq!(response.status(), 200, "{text}");
    let start = text.find("<Arn>").expect("an Arn") + 5;
    let end = text[start..].find("</Arn>").unwrap() + start;
    text[start..end].to_string()
}

/// (case, environment, the assumed-role ARN moto must report)
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

fn signed_key(seen: &support::Seen) -> String {
    seen.header("authorization")
        .unwrap()
        .split("Credential=")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn assume_role_chains_and_web_identity_against_moto() {
    let Some(moto) = moto().await else { return };
    let (service, _) = support::service().await;
    let imds = support::imds().await;
    let behaviour = std::sync::Arc::new(std::sync::Mutex::new(support::ImdsBehaviour::default()));
    let fetches = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let ecs = support::container("/creds", None, behaviour, fetches).await;
    let home = tempfile::tempdir().unwrap();
    let token_file = support::write(home.path(), "web-token", "eyJhbGciOi.test.token\n");
    support::write(
        home.path(),
        ".aws/config",
        &format!(
            "[profile base]\n\
             aws_access_key_id = AKIABASEEXAMPLE1\n\
             aws_secret_access_key = basesecret\n\n\
             [profile first]\n\
             role_arn = arn:aws:iam::123456789012:role/first\n\
             source_profile = base\n\
             role_session_name = first-session\n\n\
             [profile second]\n\
             role_arn = arn:aws:iam::123456789012:role/second\n\
             source_profile = first\n\
             role_session_name = second-session\n\
             external_id = ext-1\n\n\
             [profile self]\n\
             role_arn = arn:aws:iam::123456789012:role/self\n\
             source_profile = self\n\
             role_session_name = self-session\n\
             aws_access_key_id = AKIASELFEXAMPLE1\n\
             aws_secret_access_key = selfsecret\n\n\
             [profile from-ecs]\n\
             role_arn = arn:aws:iam::123456789012:role/from-ecs\n\
             credential_source = EcsContainer\n\
             role_session_name = ecs-session\n\n\
             [profile from-imds]\n\
             role_arn = arn:aws:iam::123456789012:role/from-imds\n\
             credential_source = Ec2InstanceMetadata\n\
             role_session_name = imds-session\n\
             ec2_metadata_service_endpoint = {imds}\n\n\
             [profile web]\n\
             role_arn = arn:aws:iam::123456789012:role/web\n\
             web_identity_token_file = {token_file}\n\
             role_session_name = web-session\n\n\
             [profile via-services]\n\
             role_arn = arn:aws:iam::123456789012:role/svc\n\
             source_profile = base\n\
             role_session_name = svc-session\n\
             services = local-sts\n\n\
             [services local-sts]\n\
             sts =\n  endpoint_url = {sts}\n",
            imds = imds.server.url(),
            sts = moto.url
        ),
    );
    let sts = moto.url.as_str();
    let full_uri = format!("{}/creds", ecs.url());
    let cases: &[Case] = &[
        (
            "source_profile",
            vec![("AWS_PROFILE", "first"), ("AWS_ENDPOINT_URL_STS", sts)],
            "assumed-role/first/first-session",
        ),
        (
            "two hops, global AWS_ENDPOINT_URL",
            vec![("AWS_PROFILE", "second"), ("AWS_ENDPOINT_URL", sts)],
            "assumed-role/second/second-session",
        ),
        (
            "a profile that is its own source",
            vec![("AWS_PROFILE", "self"), ("AWS_ENDPOINT_URL_STS", sts)],
            "assumed-role/self/self-session",
        ),
        (
            "credential_source EcsContainer",
            vec![
                ("AWS_PROFILE", "from-ecs"),
                ("AWS_ENDPOINT_URL_STS", sts),
                ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full_uri.as_str()),
            ],
            "assumed-role/from-ecs/ecs-session",
        ),
        (
            "credential_source Ec2InstanceMetadata",
            vec![("AWS_PROFILE", "from-imds"), ("AWS_ENDPOINT_URL_STS", sts)],
            "assumed-role/from-imds/imds-session",
        ),
        (
            "profile web_identity_token_file",
            vec![("AWS_PROFILE", "web"), ("AWS_ENDPOINT_URL_STS", sts)],
            "assumed-role/web/web-session",
        ),
        (
            "web identity from the environment",
            vec![
                ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.as_str()),
                ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
                ("AWS_ROLE_SESSION_NAME", "pod-session"),
                ("AWS_ENDPOINT_URL_STS", sts),
            ],
            "assumed-role/irsa/pod-session",
        ),
        (
            "the profile's services section",
            vec![("AWS_PROFILE", "via-services")],
            "assumed-role/svc/svc-session",
        ),
    ];
    for (name, env, want) in cases {
        let h = handle(&service.url(), env, home.path());
        assert!(h.config().credentials().is_none(), "{name}");
        h.send(request())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let seen = service.requests().pop().unwrap();
        let credentials = h.config().current_credentials().await.unwrap();
        assert_eq!(signed_key(&seen), credentials.access_key_id(), "{name}");
        assert!(credentials.access_key_id().starts_with("ASIA"), "{name}");
        assert_eq!(
            seen.header("x-amz-security-token"),
            credentials.session_token(),
            "{name}"
        );
        assert!(credentials.expiry().is_some(), "{name}");
        // moto knows these credentials as the role's session.
        let arn = caller_arn(&moto, &credentials).await;
        assert_eq!(arn, format!("arn:aws:sts::123456789012:{want}"), "{name}");
    }
    // The named sources were really asked.
    assert_eq!(imds.fetches.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(ecs.requests().len(), 1);
}

/// STS's documented error document: a throttled answer is retried, AccessDenied is reported
/// with its code and message (moto accepts every AssumeRole, so a local server says no).
#[tokio::test]
async fn sts_errors_are_reported_with_their_code() {
    let answers = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let a = answers.clone();
    let sts = support::serve(std::sync::Arc::new(move |req: &support::Seen| {
        assert!(req.header("authorization").is_some_and(|h| h.contains("/us-east-1/sts/aws4_request")));
        let body = String::from_utf8_lossy(&req.body).to_string();
        assert!(body.contains("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fdenied"), "{body}");
        let error = |status, code: &str, message: &str| {
            support::Reply::new(
                status,
                format!(
                    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
                     <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>\
                     <RequestId>r-1</RequestId></ErrorResponse>"
                ),
            )
        };
        match a.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
            0 => error(400, "Throttling", "Rate exceeded"),
            _ => error(403, "AccessDenied", "User is not authorized to perform sts:AssumeRole"),
        }
    }))
    .await;
    let (service, _) = support::service().await;
    let home = tempfile::tempdir().unwrap();
    support::write(
        home.path(),
        ".aws/config",
        "[profile base]\naws_access_key_id = AKIABASEEXAMPLE1\naws_secret_access_key = s\n\n\
         [profile denied]\nrole_arn = arn:aws:iam::1:role/denied\nsource_profile = base\n",
    );
    let url = sts.url();
    let h = handle(
        &service.url(),
        &[("AWS_PROFILE", "denied"), ("AWS_ENDPOINT_URL_STS", &url)],
        home.path(),
    );
    let err = h.config().current_credentials().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "profile `denied`: role_arn of profile `denied`: STS AssumeRole of \
             arn:aws:iam::1:role/denied at {url}: HTTP 403: AccessDenied: User is not \
             authorized to perform sts:AssumeRole"
        )
    );
    assert_eq!(answers.load(std::sync::atomic::Ordering::SeqCst), 2);
}

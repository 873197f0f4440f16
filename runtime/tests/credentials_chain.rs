//! The default credentials chain against local servers that speak the documented IMDSv2 and
//! container protocols, a real `credential_process` script, and profile chains. The
//! environment is a map and the home directory a temporary one: the process environment is
//! never read. Every client signs real requests to a local "service" that records the key.

mod credentials_support;
#[path = "client_fake.rs"]
mod fake;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use credentials_support as support;
use fake::SERVICE;
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    ClientBuilder, Clock, Credentials, CredentialsCache, CredentialsError, Handle,
    OperationRequest, ProvideCredentials, RetryConfig,
};
use smithy_runtime::http;

/// A clock tests move forward; the fake servers compute expirations from the same time.
#[derive(Clone)]
struct TestClock {
    start: SystemTime,
    offset_secs: Arc<AtomicU64>,
}

impl TestClock {
    fn new() -> Self {
        Self {
            start: SystemTime::now(),
            offset_secs: Arc::new(AtomicU64::new(0)),
        }
    }
    fn now(&self) -> SystemTime {
        self.start + Duration::from_secs(self.offset_secs.load(Ordering::SeqCst))
    }
    fn set(&self, offset: Duration) {
        self.offset_secs.store(offset.as_secs(), Ordering::SeqCst);
    }
    fn clock(&self) -> Clock {
        let me = self.clone();
        Clock::from_fn(move || me.now())
    }
}

fn handle(
    service: &str,
    env: &[(&str, &str)],
    home: &std::path::Path,
    clock: Option<Clock>,
) -> Handle {
    let mut builder = ClientBuilder::<Handle>::new(&SERVICE)
        .region("us-east-1")
        .endpoint_url(service)
        .retry(RetryConfig::disabled());
    if let Some(clock) = clock {
        builder = builder.clock(clock);
    }
    builder
        .with_env_from(support::env_of(env), Some(home))
        .unwrap()
        .build()
        .unwrap()
}

fn request() -> OperationRequest {
    let mut headers = http::HeaderMap::new();
    headers.insert("content-type", "application/json".parse().unwrap());
    OperationRequest {
        operation: "ListRooms",
        method: http::Method::POST,
        path_and_query: "/ListRooms".into(),
        headers,
        body: Bytes::from_static(b"{}"),
        host_prefix: None,
    }
}

/// The access key the service saw on its only or last request.
fn keys(keys: &Mutex<std::collections::HashMap<String, usize>>) -> Vec<(String, usize)> {
    let mut v: Vec<_> = keys
        .lock()
        .unwrap()
        .iter()
        .map(|(k, n)| (k.clone(), *n))
        .collect();
    v.sort();
    v
}

async fn send_err(h: &Handle) -> String {
    let err = h.send(request()).await.unwrap_err();
    let mut text = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        text.push_str(" | ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[tokio::test]
async fn imds_v2_token_role_and_credentials() {
    let imds = support::imds().await;
    let (service, seen) = support::service().await;
    let home = tempfile::tempdir().unwrap();
    let url = imds.server.url();
    let h = handle(
        &service.url(),
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)],
        home.path(),
        None,
    );
    assert!(h.config().credentials().is_none(), "resolved lazily");
    let response = h.send(request()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(keys(&seen), vec![("IMDSKEY1".to_string(), 1)]);
    let log = imds.server.requests();
    let paths: Vec<_> = log
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("PUT", "/latest/api/token"),
            ("GET", "/latest/meta-data/iam/security-credentials/"),
            (
                "GET",
                "/latest/meta-data/iam/security-credentials/test-role"
            ),
        ]
    );
    assert_eq!(
        log[0].header("x-aws-ec2-metadata-token-ttl-seconds"),
        Some("21600")
    );
    assert!(
        log[1..]
            .iter()
            .all(|r| r.header("x-aws-ec2-metadata-token") == Some("token-0"))
    );
    // Signed with the temporary credentials' session token too.
    let service_log = service.requests();
    assert_eq!(
        service_log[0].header("x-amz-security-token"),
        Some("token-IMDSKEY1")
    );
    // Cached: a second send asks IMDS nothing.
    h.send(request()).await.unwrap();
    assert_eq!(imds.server.requests().len(), 3);
}

#[tokio::test]
async fn imds_endpoint_from_the_profile_and_a_revoked_token() {
    let imds = support::imds().await;
    let (service, seen) = support::service().await;
    let home = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    imds.behaviour.lock().unwrap().now = clock.now();
    support::write(
        home.path(),
        ".aws/config",
        &format!(
            "[default]\nec2_metadata_service_endpoint = {}/\n",
            imds.server.url()
        ),
    );
    let h = handle(&service.url(), &[], home.path(), Some(clock.clock()));
    h.send(request()).await.unwrap();
    // The instance revokes the token (401 to it, as to requests without one); the next
    // refresh gets a new token and goes on.
    imds.behaviour.lock().unwrap().revoke_tokens_before = 1;
    clock.set(Duration::from_secs(6 * 3600 - 60));
    imds.behaviour.lock().unwrap().now = clock.now();
    h.send(request()).await.unwrap();
    assert_eq!(
        keys(&seen),
        vec![("IMDSKEY1".to_string(), 1), ("IMDSKEY2".to_string(), 1)]
    );
    assert_eq!(*imds.tokens.lock().unwrap(), ["token-0", "token-1"]);
    let statuses: Vec<_> = imds
        .server
        .requests()
        .iter()
        .map(|r| {
            r.header("x-aws-ec2-metadata-token")
                .unwrap_or("-")
                .to_string()
        })
        .collect();
    assert_eq!(
        statuses,
        [
            "-", "token-0", "token-0", "token-0", "-", "token-1", "token-1"
        ]
    );
}

#[tokio::test]
async fn imds_failures_are_reported() {
    let home = tempfile::tempdir().unwrap();
    let (service, seen) = support::service().await;

    // Unknown role: the listing names a role the instance cannot serve.
    let imds = support::imds().await;
    imds.behaviour.lock().unwrap().listed_role = "ghost".into();
    let url = imds.server.url();
    let env = [("AWS_EC2_METADATA_SERVICE_ENDPOINT", url.as_str())];
    let err = send_err(&handle(&service.url(), &env, home.path(), None)).await;
    assert!(
        err.contains("IMDS: unknown role `ghost` (HTTP 404"),
        "{err}"
    );

    // One 500 is retried; a steady 500 is an error.
    let imds = support::imds().await;
    imds.behaviour.lock().unwrap().fail_500 = 1;
    let url = imds.server.url();
    let env = [("AWS_EC2_METADATA_SERVICE_ENDPOINT", url.as_str())];
    handle(&service.url(), &env, home.path(), None)
        .send(request())
        .await
        .unwrap();
    assert_eq!(keys(&seen), vec![("IMDSKEY1".to_string(), 1)]);
    imds.behaviour.lock().unwrap().fail_500 = 100;
    let err = send_err(&handle(&service.url(), &env, home.path(), None)).await;
    assert!(
        err.contains("IMDS: requesting a session token: HTTP 500: internal error"),
        "{err}"
    );

    // Malformed JSON.
    let imds = support::imds().await;
    imds.behaviour.lock().unwrap().malformed = true;
    let url = imds.server.url();
    let env = [("AWS_EC2_METADATA_SERVICE_ENDPOINT", url.as_str())];
    let err = send_err(&handle(&service.url(), &env, home.path(), None)).await;
    assert!(
        err.contains("IMDS: role `test-role` answered with malformed JSON"),
        "{err}"
    );
}

#[tokio::test]
async fn nothing_found_lists_every_source_and_why() {
    let home = tempfile::tempdir().unwrap();
    let (service, _) = support::service().await;
    // A slow IMDS: 1 s per attempt, one retry.
    let imds = support::imds().await;
    imds.behaviour.lock().unwrap().delay = Duration::from_millis(1500);
    let url = imds.server.url();
    let err = send_err(&handle(
        &service.url(),
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)],
        home.path(),
        None,
    ))
    .await;
    let want = format!(
        "signing failed: no credentials found: env: AWS_ACCESS_KEY_ID not set; \
         profile `default`: no such profile in the shared files; \
         web identity: not configured (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN not set); \
         container: not configured (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and \
         AWS_CONTAINER_CREDENTIALS_FULL_URI not set); \
         IMDS: timed out after 1s (2 attempts at {url}/latest/api/token)"
    );
    assert!(err.starts_with(&want), "{err}\nwant {want}");

    // Disabled IMDS, and a profile without credentials.
    support::write(
        home.path(),
        ".aws/config",
        "[default]\nregion = us-east-1\n",
    );
    let err = send_err(&handle(
        &service.url(),
        &[("AWS_EC2_METADATA_DISABLED", "true")],
        home.path(),
        None,
    ))
    .await;
    assert!(err.contains("profile `default`: no credentials;"), "{err}");
    assert!(
        err.contains("IMDS: disabled by AWS_EC2_METADATA_DISABLED"),
        "{err}"
    );
}

#[tokio::test]
async fn container_full_uri_with_token_file_and_token() {
    let home = tempfile::tempdir().unwrap();
    let (service, seen) = support::service().await;
    let behaviour = Arc::new(Mutex::new(support::ImdsBehaviour::default()));
    let fetches = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let ecs = support::container(
        "/v2/credentials/abc",
        Some("Bearer secret-token"),
        behaviour.clone(),
        fetches.clone(),
    )
    .await;
    let full = format!("{}/v2/credentials/abc", ecs.url());
    let token_file = support::write(home.path(), "token", "Bearer secret-token\n");
    // The file wins over the variable.
    let env = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full.as_str()),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token_file.as_str(),
        ),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];
    handle(&service.url(), &env, home.path(), None)
        .send(request())
        .await
        .unwrap();
    assert_eq!(keys(&seen), vec![("ECSKEY1".to_string(), 1)]);
    // The variable alone, and a wrong token.
    let env = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer secret-token"),
    ];
    handle(&service.url(), &env, home.path(), None)
        .send(request())
        .await
        .unwrap();
    let env = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer nope"),
    ];
    let err = send_err(&handle(&service.url(), &env, home.path(), None)).await;
    assert!(
        err.contains(&format!(
            "container: {full}: HTTP 401: {{\"message\":\"bad authorization token\"}}"
        )),
        "{err}"
    );
    // A failing container endpoint stops the chain: IMDS is not asked.
    assert!(!err.contains("IMDS"), "{err}");

    // 500 once is retried; malformed JSON and slow answers are errors.
    behaviour.lock().unwrap().fail_500 = 1;
    let env = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer secret-token"),
    ];
    handle(&service.url(), &env, home.path(), None)
        .send(request())
        .await
        .unwrap();
    behaviour.lock().unwrap().malformed = true;
    let err = send_err(&handle(&service.url(), &env, home.path(), None)).await;
    assert!(err.contains("answered with malformed JSON"), "{err}");
    behaviour.lock().unwrap().malformed = false;
    behaviour.lock().unwrap().delay = Duration::from_millis(2500);
    let err = send_err(&handle(&service.url(), &env, home.path(), None)).await;
    assert!(err.contains("timed out after 2s (2 attempts)"), "{err}");
}

#[tokio::test]
async fn container_full_uri_hosts_are_limited() {
    let home = tempfile::tempdir().unwrap();
    let (service, _) = support::service().await;
    let env = [(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "http://169.254.169.254/creds",
    )];
    let err = send_err(&handle(&service.url(), &env, home.path(), None)).await;
    assert!(
        err.contains(
            "container: plain-http credentials URI http://169.254.169.254/creds is not allowed"
        ),
        "{err}"
    );
}

#[tokio::test]
async fn credential_process_script() {
    let home = tempfile::tempdir().unwrap();
    let (service, seen) = support::service().await;
    let script = support::write(
        home.path(),
        "creds.sh",
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"PROCKEY\", \"SecretAccessKey\": \"procsecret\", \"SessionToken\": \"proctoken\", \"Expiration\": \"2099-01-01T00:00:00Z\"}'\n",
    );
    let failing = support::write(
        home.path(),
        "fail.sh",
        "#!/bin/sh\necho 'token expired, log in again' >&2\nexit 3\n",
    );
    support::write(
        home.path(),
        ".aws/config",
        &format!(
            "[profile proc]\ncredential_process = sh {script}\n\n\
             [profile broken]\ncredential_process = sh {failing}\n\n\
             [profile v2]\ncredential_process = echo '{{\"Version\":2,\"AccessKeyId\":\"a\",\"SecretAccessKey\":\"b\"}}'\n"
        ),
    );
    let h = handle(
        &service.url(),
        &[("AWS_PROFILE", "proc")],
        home.path(),
        None,
    );
    h.send(request()).await.unwrap();
    assert_eq!(keys(&seen), vec![("PROCKEY".to_string(), 1)]);
    assert_eq!(
        service.requests()[0].header("x-amz-security-token"),
        Some("proctoken")
    );
    let err = send_err(&handle(
        &service.url(),
        &[("AWS_PROFILE", "broken")],
        home.path(),
        None,
    ))
    .await;
    assert!(
        err.contains("profile `broken`: credential_process `sh ")
            && err.contains("exit status: 3): token expired, log in again"),
        "{err}"
    );
    let err = send_err(&handle(
        &service.url(),
        &[("AWS_PROFILE", "v2")],
        home.path(),
        None,
    ))
    .await;
    assert!(
        err.contains("printed Version 2, only 1 is supported"),
        "{err}"
    );
}

#[tokio::test]
async fn profile_chain_problems_are_clear() {
    let home = tempfile::tempdir().unwrap();
    let (service, _) = support::service().await;
    support::write(
        home.path(),
        ".aws/config",
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n\n\
         [profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n\n\
         [profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = a\n\n\
         [profile dangling]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = nowhere\n\n\
         [profile both]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = a\ncredential_source = Environment\n\n\
         [profile empty-source]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = plain\n\n\
         [profile plain]\nregion = us-east-1\n",
    );
    let err = |profile: &'static str| {
        let service = service.url();
        let home = home.path().to_path_buf();
        async move {
            send_err(&handle(
                &service,
                &[
                    ("AWS_PROFILE", profile),
                    ("AWS_EC2_METADATA_DISABLED", "true"),
                ],
                &home,
                None,
            ))
            .await
        }
    };
    let e = err("a").await;
    assert!(
        e.contains("profile `a`: source_profile chain has a cycle: `a` -> `b` -> `c` -> `a`"),
        "{e}"
    );
    let e = err("dangling").await;
    assert!(
        e.contains("source_profile `nowhere` (from profile `dangling`) is not in the shared files"),
        "{e}"
    );
    let e = err("both").await;
    assert!(
        e.contains("has both source_profile and credential_source"),
        "{e}"
    );
    let e = err("empty-source").await;
    assert!(
        e.contains("source_profile `plain` has no credentials"),
        "{e}"
    );
}

#[cfg(not(feature = "sts"))]
#[tokio::test]
async fn roles_without_the_sts_feature_name_it() {
    let home = tempfile::tempdir().unwrap();
    let (service, _) = support::service().await;
    support::write(
        home.path(),
        ".aws/config",
        "[default]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = Environment\n",
    );
    // Environment keys beat the profile; without them, the role needs the feature.
    handle(
        &service.url(),
        &[("AWS_ACCESS_KEY_ID", "K"), ("AWS_SECRET_ACCESS_KEY", "S")],
        home.path(),
        None,
    )
    .send(request())
    .await
    .unwrap();
    let e = send_err(&handle(&service.url(), &[], home.path(), None)).await;
    assert!(
        e.contains("role_arn of profile `default` (AssumeRole) needs STS"),
        "{e}"
    );
    assert!(e.contains("`sts` feature"), "{e}");
}

/// Credentials that expire during the test: refreshed 5 minutes ahead, and a failed refresh
/// keeps serving them until they really expire.
#[tokio::test]
async fn expiring_credentials_are_refreshed_and_survive_a_failed_refresh() {
    let imds = support::imds().await;
    let (service, seen) = support::service().await;
    let home = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let set = |at: Duration| {
        clock.set(at);
        imds.behaviour.lock().unwrap().now = clock.now();
    };
    imds.behaviour.lock().unwrap().lifetime = Duration::from_secs(3600);
    set(Duration::ZERO);
    let url = imds.server.url();
    let h = handle(
        &service.url(),
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)],
        home.path(),
        Some(clock.clock()),
    );
    h.send(request()).await.unwrap(); // IMDSKEY1, expires at 60 min
    set(Duration::from_secs(54 * 60));
    h.send(request()).await.unwrap(); // still fresh
    set(Duration::from_secs(56 * 60));
    h.send(request()).await.unwrap(); // within 5 min: IMDSKEY2, expires at 116 min
    assert_eq!(imds.fetches.load(Ordering::SeqCst), 2);
    imds.behaviour.lock().unwrap().fail_500 = 1000;
    set(Duration::from_secs(112 * 60));
    h.send(request()).await.unwrap(); // refresh fails: IMDSKEY2 still works
    set(Duration::from_secs(117 * 60));
    let err = send_err(&h).await; // expired, and IMDS still failing
    assert!(err.contains("IMDS: "), "{err}");
    assert_eq!(
        keys(&seen),
        vec![("IMDSKEY1".to_string(), 2), ("IMDSKEY2".to_string(), 2)]
    );
}

/// N concurrent sends with expiring credentials: exactly one fetch per expiry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_sends_cause_one_refresh_per_expiry() {
    const N: usize = 1000;
    let imds = support::imds().await;
    let (service, seen) = support::service().await;
    let home = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    imds.behaviour.lock().unwrap().lifetime = Duration::from_secs(3600);
    imds.behaviour.lock().unwrap().now = clock.now();
    // IMDS answers slowly, so the sends really wait on one fetch together.
    imds.behaviour.lock().unwrap().delay = Duration::from_millis(200);
    let url = imds.server.url();
    let h = handle(
        &service.url(),
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)],
        home.path(),
        Some(clock.clock()),
    );
    for round in 1..=3u64 {
        let tasks: Vec<_> = (0..N)
            .map(|_| {
                let h = h.clone();
                tokio::spawn(async move { h.send(request()).await.map(|r| r.status()) })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap(), 200);
        }
        assert_eq!(imds.fetches.load(Ordering::SeqCst) as u64, round);
        // Past the refresh point of this round's credentials.
        clock.set(Duration::from_secs(round * 3600));
        imds.behaviour.lock().unwrap().now = clock.now();
    }
    assert_eq!(
        keys(&seen),
        vec![
            ("IMDSKEY1".to_string(), N),
            ("IMDSKEY2".to_string(), N),
            ("IMDSKEY3".to_string(), N)
        ]
    );
}

/// A provider of your own: counts fetches, hands out credentials that live 10 minutes.
#[derive(Debug)]
struct Counting {
    fetches: std::sync::atomic::AtomicUsize,
    clock: TestClock,
    fail: std::sync::atomic::AtomicBool,
}

impl ProvideCredentials for Counting {
    fn provide_credentials(
        &self,
    ) -> smithy_runtime::client::BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
            if self.fail.load(Ordering::SeqCst) {
                return Err(CredentialsError::provider_error("refresh failed"));
            }
            Ok(Credentials::new(format!("KEY{n}"), "s", None)
                .with_expiry(self.clock.now() + Duration::from_secs(600)))
        })
    }
}

impl std::fmt::Debug for TestClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TestClock")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cache_is_single_flight_for_a_thousand_callers() {
    let clock = TestClock::new();
    let provider = Arc::new(Counting {
        fetches: Default::default(),
        clock: clock.clone(),
        fail: Default::default(),
    });
    let cache = Arc::new(CredentialsCache::new(provider.clone(), clock.clock()));
    let run = || {
        let tasks: Vec<_> = (0..1000)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(
                    async move { cache.get().await.map(|c| c.access_key_id().to_string()) },
                )
            })
            .collect();
        async move {
            let mut keys = Vec::new();
            for t in tasks {
                keys.push(t.await.unwrap());
            }
            keys
        }
    };
    let keys = run().await;
    assert!(keys.iter().all(|k| k.as_deref().ok() == Some("KEY1")));
    assert_eq!(provider.fetches.load(Ordering::SeqCst), 1);
    // 6 minutes later: within the 5-minute buffer of the 10-minute credentials.
    clock.set(Duration::from_secs(6 * 60));
    let keys = run().await;
    assert!(keys.iter().all(|k| k.as_deref().ok() == Some("KEY2")));
    assert_eq!(provider.fetches.load(Ordering::SeqCst), 2);
    // Refreshes fail: the unexpired KEY2 is served, and the failed refresh is not retried
    // by every caller (one try, then 10 s of rest).
    provider.fail.store(true, Ordering::SeqCst);
    clock.set(Duration::from_secs(12 * 60));
    let keys = run().await;
    assert!(keys.iter().all(|k| k.as_deref().ok() == Some("KEY2")));
    assert_eq!(provider.fetches.load(Ordering::SeqCst), 3);
    // Past KEY2's expiry (16 min): the error comes through.
    clock.set(Duration::from_secs(17 * 60));
    let err = cache.get().await.unwrap_err();
    assert_eq!(err.to_string(), "refresh failed");
}

#[tokio::test]
async fn a_provider_of_your_own_is_asked_through_the_cache() {
    let (service, seen) = support::service().await;
    let clock = TestClock::new();
    let provider = Arc::new(Counting {
        fetches: Default::default(),
        clock: clock.clone(),
        fail: Default::default(),
    });
    let h = ClientBuilder::<Handle>::new(&SERVICE)
        .region("us-east-1")
        .endpoint_url(service.url())
        .clock(clock.clock())
        .credentials_provider(provider.clone())
        // A provider wins over the environment's keys.
        .with_env_from(
            support::env_of(&[
                ("AWS_ACCESS_KEY_ID", "ENVKEY"),
                ("AWS_SECRET_ACCESS_KEY", "S"),
            ]),
            None,
        )
        .unwrap()
        .build()
        .unwrap();
    for _ in 0..3 {
        h.send(request()).await.unwrap();
    }
    assert_eq!(keys(&seen), vec![("KEY1".to_string(), 3)]);
    assert_eq!(provider.fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn debug_output_never_shows_secrets_the_chain_captured() {
    let home = tempfile::tempdir().unwrap();
    support::write(
        home.path(),
        ".aws/config",
        "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = keys\n\n\
         [profile keys]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = PROFILESECRET\n",
    );
    let h = handle(
        "http://127.0.0.1:9",
        &[
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "CONTAINERTOKEN"),
            ("AWS_SESSION_TOKEN", "ENVTOKEN"),
        ],
        home.path(),
        None,
    );
    let debug = format!("{h:?}");
    assert!(
        debug.contains("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
        "{debug}"
    );
    for secret in ["PROFILESECRET", "CONTAINERTOKEN", "ENVTOKEN"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
}

#[tokio::test]
async fn half_configured_web_identity_is_an_error_not_a_skip() {
    let home = tempfile::tempdir().unwrap();
    let (service, _) = support::service().await;
    let token = support::write(home.path(), "token", "t");
    let e = send_err(&handle(
        &service.url(),
        &[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", &token),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
        home.path(),
        None,
    ))
    .await;
    assert!(
        e.contains("web identity: AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not"),
        "{e}"
    );
    let e = send_err(&handle(
        &service.url(),
        &[
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/r"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
        home.path(),
        None,
    ))
    .await;
    assert!(
        e.contains("web identity: AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not"),
        "{e}"
    );
    // A missing token file names the file (with the `sts` feature; without it, the feature).
    let e = send_err(&handle(
        &service.url(),
        &[
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/r"),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token"),
        ],
        home.path(),
        None,
    ))
    .await;
    let want = match cfg!(feature = "sts") {
        true => "web identity: cannot read the web identity token file /nonexistent/token",
        false => "web identity: web identity (AssumeRoleWithWebIdentity) needs STS",
    };
    assert!(e.contains(want), "{e}");
}

//! End to end: the generated `ivschat` client against the emulator's router behind
//! `SigV4VerifyLayer`, with credentials from each source whose keys a test controls: the
//! profile's static keys, `credential_process`, the container endpoint and IMDSv2 (local
//! servers speaking their documented protocols). A wrong key is refused, so the emulator
//! really checks who signed.

mod credentials_support;

use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};

use credentials_support as support;
use ivschat::operation::list_rooms::ListRoomsError;
use smithy_runtime::server::SigV4VerifyLayer;

/// (provider, the key pair it hands out, the environment that selects it)
type Case<'a> = (&'a str, (&'a str, &'a str), Vec<(&'a str, &'a str)>);

/// The emulator's router on 127.0.0.1, accepting only requests signed with `key`/`secret`.
async fn emulator(key: &str, secret: &str) -> (String, tokio::task::JoinHandle<()>) {
    let emulator = ivschat_emulator::Emulator::new(ivschat_emulator::Config::default()).unwrap();
    let app = ivschat::server::router(emulator).layer(SigV4VerifyLayer::new(key, secret));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        smithy_runtime::server::axum::serve(listener, app)
            .await
            .unwrap();
    });
    (url, task)
}

fn client(endpoint: &str, env: &[(&str, &str)], home: &std::path::Path) -> ivschat::Client {
    ivschat::Client::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .with_env_from(support::env_of(env), Some(home))
        .unwrap()
        .build()
        .unwrap()
}

/// Creates a room and lists it back: two signed operations.
async fn round_trip(client: &ivschat::Client, name: &str) {
    let room = client.create_room().name(name).send().await.unwrap();
    let listed = client.list_rooms().send().await.unwrap();
    assert_eq!(listed.rooms.len(), 1);
    assert_eq!(listed.rooms[0].arn, room.arn);
}

#[tokio::test]
async fn each_provider_signs_requests_the_emulator_accepts() {
    let home = tempfile::tempdir().unwrap();
    let script = support::write(
        home.path(),
        "creds.sh",
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"PROCKEY\", \"SecretAccessKey\": \"procsecret\", \"SessionToken\": \"proctoken\"}'\n",
    );
    support::write(
        home.path(),
        ".aws/credentials",
        "[static]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profilesecret\n",
    );
    support::write(
        home.path(),
        ".aws/config",
        &format!("[profile proc]\ncredential_process = sh {script}\n"),
    );
    let imds = support::imds().await;
    let ecs = support::container(
        "/v2/credentials/task",
        Some("Bearer t"),
        Arc::new(Mutex::new(support::ImdsBehaviour::default())),
        Arc::new(AtomicUsize::new(0)),
    )
    .await;
    let imds_url = imds.server.url();
    let ecs_url = format!("{}/v2/credentials/task", ecs.url());
    let cases: Vec<Case> = vec![
        (
            "profile",
            ("AKIDPROFILE", "profilesecret"),
            vec![("AWS_PROFILE", "static")],
        ),
        (
            "credential_process",
            ("PROCKEY", "procsecret"),
            vec![("AWS_PROFILE", "proc")],
        ),
        (
            "container",
            ("ECSKEY1", "secret-ECSKEY1"),
            vec![
                ("AWS_CONTAINER_CREDENTIALS_FULL_URI", ecs_url.as_str()),
                ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer t"),
            ],
        ),
        (
            "IMDS",
            ("IMDSKEY1", "secret-IMDSKEY1"),
            vec![("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds_url.as_str())],
        ),
    ];
    for (name, (key, secret), env) in &cases {
        let (endpoint, server) = emulator(key, secret).await;
        let c = client(&endpoint, env, home.path());
        round_trip(&c, name).await;
        // Another key pair is refused by the same emulator.
        let (other, other_server) = emulator("AKIDSOMEONEELSE", "x").await;
        let err = client(&other, env, home.path())
            .list_rooms()
            .send()
            .await
            .unwrap_err();
        let ListRoomsError::Unhandled(u) = &err else {
            panic!("{name}: {err}");
        };
        assert_eq!(u.status().map(|s| s.as_u16()), Some(403), "{name}: {err}");
        server.abort();
        other_server.abort();
    }
}

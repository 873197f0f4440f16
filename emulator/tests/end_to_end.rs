//! The `ivschat-emulator` binary over HTTP, called with the generated `ivschat::Client`:
//! every operation, errors as they travel on the wire, quotas, SigV4 and SIGTERM.

mod common;

use std::process::Stdio;
use std::time::Duration;

use ivschat::operation::create_room::CreateRoomError;
use ivschat::operation::get_room::GetRoomError;
use ivschat::operation::list_rooms::ListRoomsError;
use ivschat::types::ValidationExceptionReason;
use smithy_runtime::client::{Credentials, StreamExt};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

struct Running {
    child: Child,
    endpoint: String,
}

async fn start(args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ivschat-emulator"))
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("no first line within 30 s")
        .unwrap()
        .expect("the emulator closed stdout");
    let addr = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {line:?}"));
    Running {
        endpoint: format!("http://{addr}"),
        child,
    }
}

fn client(endpoint: &str, key: &str, secret: &str) -> ivschat::Client {
    ivschat::Client::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials(Credentials::new(key, secret, None))
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_operation_over_http() {
    let running = start(&[]).await;
    let client = client(&running.endpoint, "AKIDEXAMPLE", "secret");
    common::scenario::all_operations(&client).await;
}

#[tokio::test]
async fn wire_errors_carry_their_members() {
    let running = start(&["--max-rooms", "3"]).await;
    let client = client(&running.endpoint, "AKIDEXAMPLE", "secret");

    let err = client
        .get_room()
        .identifier(common::missing_room())
        .send()
        .await
        .unwrap_err();
    let GetRoomError::ResourceNotFoundException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.resource_id, "AAAAAAAAAAAA");

    // Model validation happens in the router and lists every field.
    let err = client
        .create_room()
        .name("x".repeat(129))
        .maximum_message_length(501)
        .maximum_message_rate_per_second(101)
        .send()
        .await
        .unwrap_err();
    let CreateRoomError::ValidationException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.reason, ValidationExceptionReason::FieldValidationFailed);
    let mut names: Vec<_> = e.field_list.unwrap().into_iter().map(|f| f.name).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "maximumMessageLength",
            "maximumMessageRatePerSecond",
            "name"
        ]
    );
    let err = client
        .list_rooms()
        .max_results(51)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, ListRoomsError::ValidationException(_)),
        "{err}"
    );
    let err = client
        .list_rooms()
        .next_token("bogus")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, ListRoomsError::ValidationException(_)),
        "{err}"
    );

    // Pagination through the generated paginator, then the quota.
    for i in 0..3 {
        client
            .create_room()
            .name(format!("r{i}"))
            .send()
            .await
            .unwrap();
    }
    let pages: Vec<_> = client
        .list_rooms()
        .max_results(2)
        .into_paginator()
        .send()
        .collect()
        .await;
    let sizes: Vec<usize> = pages.into_iter().map(|p| p.unwrap().rooms.len()).collect();
    assert_eq!(sizes, [2, 1]);
    let err = client.create_room().send().await.unwrap_err();
    let CreateRoomError::ServiceQuotaExceededException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.limit, 3);
}

#[tokio::test]
async fn verify_sigv4_only_lets_the_configured_key_through() {
    let running = start(&["--verify-sigv4", "AKIDGOOD:goodsecret"]).await;
    let good = client(&running.endpoint, "AKIDGOOD", "goodsecret");
    assert!(good.list_rooms().send().await.unwrap().rooms.is_empty());
    let bad = client(&running.endpoint, "AKIDGOOD", "wrong");
    let err = bad.list_rooms().send().await.unwrap_err();
    let ListRoomsError::Unhandled(u) = &err else {
        panic!("{err}");
    };
    assert_eq!(u.status().map(|s| s.as_u16()), Some(403));
}

#[cfg(unix)]
#[tokio::test]
async fn sigterm_stops_it_cleanly() {
    let mut running = start(&[]).await;
    let pid = running.child.id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(Duration::from_secs(10), running.child.wait())
        .await
        .expect("still running 10 s after SIGTERM")
        .unwrap();
    assert!(exit.success(), "{exit:?}");
}

#[tokio::test]
async fn bad_flags_exit_with_an_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_ivschat-emulator"))
        .args(["--listen", "127.0.0.1:0", "--account", "42"])
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid account `42`"), "{stderr}");
}

//! The region of each request comes from its SigV4 credential scope (`--region` for unsigned
//! requests): ARNs, and which resources exist, follow the region a client is configured for.

use std::process::Stdio;
use std::time::Duration;

use ivschat::IvschatApi;
use ivschat::operation::create_room::CreateRoomInput;
use ivschat::operation::get_room::GetRoomError;
use ivschat_emulator::{Config, Emulator, region};
use smithy_runtime::client::Credentials;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

async fn start(args: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ivschat-emulator"))
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let addr = line.strip_prefix("listening on ").unwrap().to_string();
    (child, addr)
}

fn client(addr: &str, region: &str) -> ivschat::Client {
    ivschat::Client::builder()
        .region(region)
        .endpoint_url(format!("http://{addr}"))
        .credentials(Credentials::new("AKID", "secret", None))
        .build()
        .unwrap()
}

#[tokio::test]
async fn signed_requests_live_in_the_region_of_their_credential_scope() {
    let (_child, addr) = start(&["--region", "eu-central-1"]).await;
    let west = client(&addr, "us-west-2");
    let east = client(&addr, "us-east-1");
    let room = west.create_room().name("w").send().await.unwrap();
    let arn = room.arn.unwrap();
    assert!(
        arn.starts_with("arn:aws:ivschat:us-west-2:123456789012:room/"),
        "{arn}"
    );
    // The room exists in us-west-2 only.
    let got = west
        .get_room()
        .identifier(arn.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(got.arn.as_deref(), Some(arn.as_str()));
    let err = east
        .get_room()
        .identifier(arn.clone())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, GetRoomError::ResourceNotFoundException(_)),
        "{err}"
    );
    assert!(east.list_rooms().send().await.unwrap().rooms.is_empty());
    assert_eq!(west.list_rooms().send().await.unwrap().rooms.len(), 1);
    let east_arn = east.create_room().send().await.unwrap().arn.unwrap();
    assert!(
        east_arn.starts_with("arn:aws:ivschat:us-east-1:"),
        "{east_arn}"
    );
    let logs = west
        .create_logging_configuration()
        .destination_configuration(ivschat::types::DestinationConfiguration::S3(
            ivschat::types::S3DestinationConfiguration {
                bucket_name: "bucket".into(),
            },
        ))
        .send()
        .await
        .unwrap();
    assert!(logs.arn.unwrap().starts_with("arn:aws:ivschat:us-west-2:"));
    assert!(
        east.list_logging_configurations()
            .send()
            .await
            .unwrap()
            .logging_configurations
            .is_empty()
    );
    // Tags follow the same rule.
    assert!(
        east.list_tags_for_resource()
            .resource_arn(arn.clone())
            .send()
            .await
            .is_err()
    );
    west.list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .unwrap();

    // Unsigned: the --region default.
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    stream
        .write_all(
            format!(
                "POST /CreateRoom HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
                 Content-Length: 2\r\nConnection: close\r\n\r\n{{}}"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains("\"arn:aws:ivschat:eu-central-1:123456789012:room/"),
        "{response}"
    );
}

#[tokio::test]
async fn in_process_calls_use_the_configured_region_unless_scoped() {
    let emu = Emulator::new(Config::default()).unwrap();
    let plain = emu
        .create_room(CreateRoomInput::builder().build())
        .await
        .unwrap();
    assert!(plain.arn.unwrap().starts_with("arn:aws:ivschat:us-east-1:"));
    let scoped = region::scope("ap-northeast-2", async {
        emu.create_room(CreateRoomInput::builder().build())
            .await
            .unwrap()
    })
    .await;
    assert!(
        scoped
            .arn
            .unwrap()
            .starts_with("arn:aws:ivschat:ap-northeast-2:")
    );
}

//! Message review through a local HTTP handler (ALLOW with changes, DENY, and the fallback on
//! errors, malformed answers, timeouts and unmapped handlers) and chat logging to JSON-lines
//! files, observed through real WebSocket connections.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use futures_util::{SinkExt, StreamExt};
use ivschat::IvschatApi;
use ivschat::operation::create_chat_token::CreateChatTokenInput;
use ivschat::operation::create_logging_configuration::CreateLoggingConfigurationInput;
use ivschat::operation::create_room::CreateRoomInput;
use ivschat::operation::delete_message::DeleteMessageInput;
use ivschat::operation::send_event::SendEventInput;
use ivschat::types::{
    ChatTokenCapability, CloudWatchLogsDestinationConfiguration, DestinationConfiguration,
    FallbackResult, MessageReviewHandler,
};
use ivschat_emulator::{Config, Emulator, messaging};
use serde_json::{Value, json};
use smithy_runtime::server::axum::{self, Router, body::Bytes, http::StatusCode, routing::post};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

const MAPPED: &str = "arn:aws:lambda:us-east-1:123456789012:function:review";
const UNMAPPED: &str = "arn:aws:lambda:us-east-1:123456789012:function:nowhere";

/// A review handler standing in for a Lambda function: it records each request and answers
/// according to the message content.
async fn review_server(seen: Arc<Mutex<Vec<Value>>>) -> String {
    let app = Router::new().route(
        "/review",
        post(move |body: Bytes| {
            let seen = seen.clone();
            async move {
                let request: Value = serde_json::from_slice(&body).unwrap();
                seen.lock().unwrap().push(request.clone());
                let ok = |v: Value| (StatusCode::OK, v.to_string());
                match request["Content"].as_str().unwrap() {
                    "rewrite" => ok(json!({"ReviewResult": "ALLOW", "Content": "REWRITTEN",
                                          "Attributes": {"reviewed": "yes"}})),
                    "deny me" => ok(json!({"ReviewResult": "DENY",
                                          "Attributes": {"Reason": "impolite"}})),
                    "garbage" => (StatusCode::OK, "{\"ReviewResult\": 7".to_string()),
                    "too long" => ok(json!({"ReviewResult": "ALLOW", "Content": "x".repeat(600)})),
                    "fail" => (StatusCode::INTERNAL_SERVER_ERROR, "boom".to_string()),
                    "slow" => {
                        tokio::time::sleep(Duration::from_secs(3)).await;
                        ok(json!({"ReviewResult": "ALLOW"}))
                    }
                    _ => ok(json!({"ReviewResult": "ALLOW"})),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/review", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

struct Chat {
    emu: Emulator,
    url: String,
}

async fn start(config: Config) -> Chat {
    let emu = emulator_with(config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/", listener.local_addr().unwrap());
    tokio::spawn(messaging::serve(listener, emu.clone()));
    Chat { emu, url }
}

impl Chat {
    async fn room(&self, handler: Option<(&str, FallbackResult)>, logs: Vec<String>) -> String {
        let mut room = CreateRoomInput::builder()
            .name("r")
            .set_logging_configuration_identifiers(Some(logs));
        if let Some((uri, fallback)) = handler {
            room = room.message_review_handler(MessageReviewHandler {
                uri: Some(uri.into()),
                fallback_result: Some(fallback),
            });
        }
        self.emu
            .create_room(room.build())
            .await
            .unwrap()
            .arn
            .unwrap()
    }

    async fn connect(&self, room: &str, user: &str) -> Ws {
        let token = self
            .emu
            .create_chat_token(CreateChatTokenInput {
                room_identifier: room.into(),
                user_id: user.into(),
                capabilities: Some(vec![ChatTokenCapability::SendMessage]),
                session_duration_in_minutes: None,
                attributes: Some(HashMap::from([("badge".into(), "gold".into())])),
            })
            .await
            .unwrap()
            .token
            .unwrap();
        let mut req = self.url.as_str().into_client_request().unwrap();
        req.headers_mut().insert(
            "sec-websocket-protocol",
            HeaderValue::from_str(&token).unwrap(),
        );
        tokio_tungstenite::connect_async(req).await.unwrap().0
    }
}

async fn frame(ws: &mut Ws) -> Value {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("no frame within 10 s")
            .expect("connection ended")
            .unwrap();
        if let Message::Text(t) = msg {
            return serde_json::from_str(t.as_str()).unwrap();
        }
    }
}

async fn say(ws: &mut Ws, request_id: &str, content: &str) {
    let request = json!({"Action": "SEND_MESSAGE", "RequestId": request_id, "Content": content,
                         "Attributes": {"orig": "1"}});
    ws.send(Message::text(request.to_string())).await.unwrap();
}

fn config_with_handler(url: &str, timeout_ms: u64) -> Config {
    Config {
        review_handlers: [(MAPPED.to_string(), url.to_string())].into(),
        review_timeout: Duration::from_millis(timeout_ms),
        ..Config::default()
    }
}

#[tokio::test]
async fn review_allow_applies_changed_content_and_attributes_and_sees_the_documented_request() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let url = review_server(seen.clone()).await;
    let chat = start(config_with_handler(&url, 5000)).await;
    let room = chat
        .room(Some((MAPPED, FallbackResult::Deny)), vec![])
        .await;
    let mut ann = chat.connect(&room, "ann").await;
    let mut bob = chat.connect(&room, "bob").await;
    say(&mut ann, "r1", "rewrite").await;
    let got = frame(&mut bob).await;
    assert_eq!(got["Type"], "MESSAGE");
    assert_eq!(got["Content"], "REWRITTEN");
    assert_eq!(got["Attributes"], json!({"reviewed": "yes"}));
    assert_eq!(frame(&mut ann).await, got);
    let request = seen.lock().unwrap()[0].clone();
    assert_eq!(
        request,
        json!({
            "Content": "rewrite",
            "MessageId": got["Id"],
            "RoomArn": room,
            "Attributes": {"orig": "1"},
            "Sender": {"Attributes": {"badge": "gold"}, "UserId": "ann", "Ip": "127.0.0.1"},
        })
    );
    // An ALLOW without changes delivers the message as sent.
    say(&mut ann, "r2", "plain").await;
    let got = frame(&mut bob).await;
    assert_eq!(
        (got["Content"].as_str(), &got["Attributes"]),
        (Some("plain"), &json!({"orig": "1"}))
    );
}

#[tokio::test]
async fn review_deny_is_a_406_to_the_sender_and_reaches_no_one() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let url = review_server(seen.clone()).await;
    let chat = start(config_with_handler(&url, 5000)).await;
    let room = chat
        .room(Some((MAPPED, FallbackResult::Allow)), vec![])
        .await;
    let mut ann = chat.connect(&room, "ann").await;
    let mut bob = chat.connect(&room, "bob").await;
    say(&mut ann, "no", "deny me").await;
    let err = frame(&mut ann).await;
    assert_eq!(
        (err["Type"].as_str(), err["ErrorCode"].as_u64()),
        (Some("ERROR"), Some(406))
    );
    assert_eq!(err["RequestId"], "no");
    assert!(
        err["ErrorMessage"].as_str().unwrap().contains("impolite"),
        "{err}"
    );
    say(&mut ann, "yes", "fine").await;
    assert_eq!(
        frame(&mut bob).await["RequestId"],
        "yes",
        "bob never saw the denied message"
    );
}

#[tokio::test]
async fn errors_malformed_answers_timeouts_and_unmapped_handlers_get_the_fallback_result() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let url = review_server(seen.clone()).await;
    let chat = start(config_with_handler(&url, 1000)).await;
    for (fallback, delivered) in [(FallbackResult::Deny, false), (FallbackResult::Allow, true)] {
        for (uri, content) in [
            (MAPPED, "garbage"),
            (MAPPED, "fail"),
            (MAPPED, "slow"),
            (MAPPED, "too long"),
            (UNMAPPED, "anything"),
        ] {
            let room = chat.room(Some((uri, fallback.clone())), vec![]).await;
            let mut ann = chat.connect(&room, "ann").await;
            say(&mut ann, "r", content).await;
            let f = frame(&mut ann).await;
            if delivered {
                assert_eq!(f["Type"], "MESSAGE", "{content} with ALLOW fallback: {f}");
                assert_eq!(f["Content"], content);
                assert_eq!(f["Attributes"], json!({"orig": "1"}));
            } else {
                assert_eq!(f["ErrorCode"], 406, "{content} with DENY fallback: {f}");
            }
        }
    }
    // Every mapped case reached the handler (the unmapped one could not).
    let contents: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|r| r["Content"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(contents.iter().filter(|c| *c == "anything").count(), 0);
    assert_eq!(contents.len(), 8, "{contents:?}");
}

fn read_lines(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[tokio::test]
async fn messages_and_events_of_logged_rooms_are_recorded_per_destination() {
    let dir = std::env::temp_dir().join(format!(
        "ivschat-emulator-chat-logs-{}-{}",
        std::process::id(),
        fastrand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let chat = start(Config {
        log_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;
    let to_s3 = logging_configuration(&chat.emu, "chat-archive").await;
    let to_cw = chat
        .emu
        .create_logging_configuration(CreateLoggingConfigurationInput {
            name: None,
            destination_configuration: DestinationConfiguration::CloudWatchLogs(
                CloudWatchLogsDestinationConfiguration {
                    log_group_name: "/ivs/chat".into(),
                },
            ),
            tags: None,
        })
        .await
        .unwrap()
        .arn
        .unwrap();
    let logged = chat.room(None, vec![to_s3, to_cw]).await;
    let quiet = chat.room(None, vec![]).await;
    let mut ann = chat.connect(&logged, "ann").await;
    let mut other = chat.connect(&quiet, "zed").await;
    say(&mut ann, "m", "hello log").await;
    let message = frame(&mut ann).await;
    chat.emu
        .send_event(SendEventInput {
            room_identifier: logged.clone(),
            event_name: "app:x".into(),
            attributes: None,
        })
        .await
        .unwrap();
    let event = frame(&mut ann).await;
    chat.emu
        .delete_message(DeleteMessageInput {
            room_identifier: logged.clone(),
            id: message["Id"].as_str().unwrap().into(),
            reason: None,
        })
        .await
        .unwrap();
    let deleted = frame(&mut ann).await;
    say(&mut other, "q", "not logged").await;
    frame(&mut other).await;

    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["cloudwatchlogs-_ivs_chat.jsonl", "s3-chat-archive.jsonl"]
    );
    for file in &files {
        let lines = read_lines(&dir.join(file));
        let kinds: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["MESSAGE", "EVENT", "EVENT"], "{file}");
        let payloads: Vec<&Value> = lines.iter().map(|l| &l["payload"]).collect();
        assert_eq!(payloads, [&message, &event, &deleted], "{file}");
        for l in &lines {
            assert_eq!(l["room_arn"], logged.as_str());
            assert_eq!(l["version"], "1.0");
            assert_eq!(l["event_timestamp"], l["payload"]["SendTime"]);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn fastrand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

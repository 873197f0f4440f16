//! The messaging endpoint with a real WebSocket client (tokio-tungstenite): tokens as
//! subprotocols, frames, capabilities, limits, the control plane acting on connections,
//! session ends and slow readers.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::*;
use futures_util::{SinkExt, StreamExt};
use ivschat::IvschatApi;
use ivschat::operation::create_chat_token::CreateChatTokenInput;
use ivschat::operation::create_room::CreateRoomInput;
use ivschat::operation::delete_message::DeleteMessageInput;
use ivschat::operation::delete_room::DeleteRoomInput;
use ivschat::operation::disconnect_user::DisconnectUserInput;
use ivschat::operation::send_event::SendEventInput;
use ivschat::operation::update_room::UpdateRoomInput;
use ivschat::types::ChatTokenCapability as Cap;
use ivschat_emulator::{Config, Emulator, messaging};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

struct Chat {
    emu: Emulator,
    url: String,
    room_arn: String,
    room_id: String,
}

async fn start_with(emu: Emulator, room: CreateRoomInput) -> Chat {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/", listener.local_addr().unwrap());
    tokio::spawn(messaging::serve(listener, emu.clone()));
    let room = emu.create_room(room).await.unwrap();
    Chat {
        emu,
        url,
        room_arn: room.arn.unwrap(),
        room_id: room.id.unwrap(),
    }
}

async fn start() -> Chat {
    start_with(emulator(), CreateRoomInput::builder().name("r").build()).await
}

impl Chat {
    async fn token(&self, user: &str, caps: &[Cap]) -> String {
        self.token_with(user, caps, None).await
    }

    async fn token_with(&self, user: &str, caps: &[Cap], minutes: Option<i32>) -> String {
        self.emu
            .create_chat_token(CreateChatTokenInput {
                room_identifier: self.room_arn.clone(),
                user_id: user.into(),
                capabilities: Some(caps.to_vec()),
                session_duration_in_minutes: minutes,
                attributes: Some(HashMap::from([("displayName".into(), user.to_uppercase())])),
            })
            .await
            .unwrap()
            .token
            .unwrap()
    }

    async fn try_connect(&self, token: Option<&str>) -> Result<(Ws, Option<String>), WsError> {
        let mut req = self.url.as_str().into_client_request().unwrap();
        if let Some(t) = token {
            req.headers_mut()
                .insert("sec-websocket-protocol", HeaderValue::from_str(t).unwrap());
        }
        let (ws, resp) = tokio_tungstenite::connect_async(req).await?;
        let selected = resp
            .headers()
            .get("sec-websocket-protocol")
            .map(|v| v.to_str().unwrap().to_string());
        Ok((ws, selected))
    }

    async fn connect(&self, user: &str, caps: &[Cap]) -> Ws {
        let token = self.token(user, caps).await;
        self.try_connect(Some(&token)).await.unwrap().0
    }

    async fn send_event(&self, name: &str) -> String {
        self.emu
            .send_event(SendEventInput {
                room_identifier: self.room_arn.clone(),
                event_name: name.into(),
                attributes: Some(HashMap::from([("k".into(), "v".into())])),
            })
            .await
            .unwrap()
            .id
            .unwrap()
    }

    /// Waits until the room has `n` connections (registration follows the handshake).
    async fn wait_connections(&self, n: usize) {
        for _ in 0..500 {
            if self.emu.connection_count(&self.room_id) == n {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!(
            "room has {} connections, expected {n}",
            self.emu.connection_count(&self.room_id)
        );
    }
}

/// The next frame the server sends, as JSON (pings and pongs skipped).
async fn frame(ws: &mut Ws) -> Value {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("no frame within 5 s")
            .expect("connection ended")
            .expect("connection failed");
        match msg {
            Message::Text(t) => return serde_json::from_str(t.as_str()).unwrap(),
            Message::Ping(_) | Message::Pong(_) => continue,
            other => panic!("expected a text frame, got {other:?}"),
        }
    }
}

/// Reads until the server's close frame.
async fn close_frame(ws: &mut Ws) -> CloseFrame {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("no close within 5 s")
            .expect("ended without a close frame")
            .expect("connection failed");
        match msg {
            Message::Close(Some(f)) => return f,
            Message::Close(None) => panic!("close frame without code"),
            Message::Text(t) => panic!("expected the close, got {t}"),
            _ => continue,
        }
    }
}

async fn send(ws: &mut Ws, request: Value) {
    ws.send(Message::text(request.to_string())).await.unwrap();
}

fn send_message(request_id: &str, content: &str) -> Value {
    json!({"Action": "SEND_MESSAGE", "RequestId": request_id, "Content": content})
}

fn assert_error(f: &Value, code: u64, request_id: &str) {
    assert_eq!(f["Type"], "ERROR", "{f}");
    assert_eq!(f["ErrorCode"], code, "{f}");
    assert_eq!(f["RequestId"], request_id, "{f}");
    assert!(f["Id"].as_str().is_some_and(|s| !s.is_empty()), "{f}");
    assert!(
        f["ErrorMessage"].as_str().is_some_and(|s| !s.is_empty()),
        "{f}"
    );
}

fn status_of(err: WsError) -> u16 {
    match err {
        WsError::Http(resp) => resp.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other}"),
    }
}

fn tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[tokio::test]
async fn tokens_are_subprotocol_tokens_selected_in_the_101() {
    let chat = start().await;
    for _ in 0..50 {
        let token = chat.token("u", &[]).await;
        assert!(token.len() >= 32 && token.bytes().all(tchar), "{token}");
    }
    let token = chat.token("u", &[]).await;
    let (_ws, selected) = chat.try_connect(Some(&token)).await.unwrap();
    assert_eq!(selected.as_deref(), Some(token.as_str()));
    chat.wait_connections(1).await;
}

#[tokio::test]
async fn missing_unknown_and_expired_tokens_are_refused_with_401() {
    let clock = TestClock::new();
    let chat = start_with(
        emulator_at(&clock),
        CreateRoomInput::builder().name("r").build(),
    )
    .await;
    assert_eq!(status_of(chat.try_connect(None).await.unwrap_err()), 401);
    assert_eq!(
        status_of(chat.try_connect(Some("AAAAunknown")).await.unwrap_err()),
        401
    );
    let early = chat.token("u", &[]).await;
    let late = chat.token("u", &[]).await;
    clock.advance(Duration::from_millis(59_999));
    // Still usable one millisecond before its expiration, and more than once.
    let (_first, _) = chat.try_connect(Some(&early)).await.unwrap();
    let (_second, _) = chat.try_connect(Some(&early)).await.unwrap();
    clock.advance(Duration::from_millis(1));
    assert_eq!(
        status_of(chat.try_connect(Some(&late)).await.unwrap_err()),
        401
    );
    assert_eq!(
        status_of(chat.try_connect(Some(&early)).await.unwrap_err()),
        401
    );
    chat.wait_connections(2).await;
}

#[tokio::test]
async fn messages_reach_every_connection_of_the_room_sender_included() {
    let chat = start().await;
    let mut ann = chat.connect("ann", &[Cap::SendMessage]).await;
    let mut bob = chat.connect("bob", &[]).await;
    chat.wait_connections(2).await;
    send(
        &mut ann,
        json!({"Action": "SEND_MESSAGE", "RequestId": "r-1", "Content": "héllo 👋",
               "Attributes": {"color": "red"}}),
    )
    .await;
    let a = frame(&mut ann).await;
    let b = frame(&mut bob).await;
    assert_eq!(a, b);
    assert_eq!(a["Type"], "MESSAGE");
    assert_eq!(a["RequestId"], "r-1");
    assert_eq!(a["Content"], "héllo 👋");
    assert_eq!(a["Attributes"], json!({"color": "red"}));
    assert_eq!(
        a["Sender"],
        json!({"UserId": "ann", "Attributes": {"displayName": "ANN"}})
    );
    let send_time = a["SendTime"].as_str().unwrap();
    smithy_runtime::wire::DateTime::parse(
        send_time,
        smithy_runtime::wire::TimestampFormat::DateTime,
    )
    .unwrap_or_else(|e| panic!("{send_time}: {e}"));
    // Ids are unique per frame.
    send(&mut ann, send_message("r-2", "again")).await;
    let a2 = frame(&mut ann).await;
    assert_eq!(a2["Content"], "again");
    assert_ne!(a2["Id"], a["Id"]);
    assert_eq!(frame(&mut bob).await["Id"], a2["Id"]);
}

#[tokio::test]
async fn each_action_needs_its_capability_403_otherwise() {
    let chat = start().await;
    let mut viewer = chat.connect("viewer", &[]).await;
    let mut other = chat.connect("other", &[]).await;
    chat.wait_connections(2).await;
    for (request, rid) in [
        (send_message("s", "hi"), "s"),
        (
            json!({"Action": "DELETE_MESSAGE", "RequestId": "d", "Id": "m"}),
            "d",
        ),
        (
            json!({"Action": "DISCONNECT_USER", "RequestId": "u", "UserId": "other"}),
            "u",
        ),
    ] {
        send(&mut viewer, request).await;
        assert_error(&frame(&mut viewer).await, 403, rid);
    }
    // Nothing reached the room: the next frame the other connection sees is this event.
    let id = chat.send_event("app:ping").await;
    assert_eq!(frame(&mut other).await["Id"], id.as_str());
    chat.wait_connections(2).await;
}

#[tokio::test]
async fn content_is_limited_in_code_points_by_the_room_and_update_room_applies_next() {
    let chat = start_with(
        emulator(),
        CreateRoomInput::builder()
            .name("r")
            .maximum_message_length(5)
            .build(),
    )
    .await;
    let mut ann = chat.connect("ann", &[Cap::SendMessage]).await;
    // Five code points, ten bytes: allowed.
    send(&mut ann, send_message("ok", "ééééé")).await;
    assert_eq!(frame(&mut ann).await["Content"], "ééééé");
    send(&mut ann, send_message("long", "éééééé")).await;
    assert_error(&frame(&mut ann).await, 413, "long");
    chat.emu
        .update_room(
            UpdateRoomInput::builder()
                .identifier(chat.room_arn.clone())
                .maximum_message_length(6)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    send(&mut ann, send_message("now-ok", "éééééé")).await;
    let f = frame(&mut ann).await;
    assert_eq!(
        (f["Type"].as_str(), f["RequestId"].as_str()),
        (Some("MESSAGE"), Some("now-ok"))
    );
}

#[tokio::test]
async fn attributes_are_limited_to_1_kb() {
    let chat = start().await;
    let mut ann = chat.connect("ann", &[Cap::SendMessage]).await;
    // Key "k" + value: exactly 1024 bytes, then 1025.
    let fits = json!({"Action": "SEND_MESSAGE", "RequestId": "fits", "Content": "x",
                      "Attributes": {"k": "v".repeat(1023)}});
    send(&mut ann, fits).await;
    assert_eq!(frame(&mut ann).await["RequestId"], "fits");
    let over = json!({"Action": "SEND_MESSAGE", "RequestId": "over", "Content": "x",
                      "Attributes": {"k": "v".repeat(1024)}});
    send(&mut ann, over).await;
    assert_error(&frame(&mut ann).await, 413, "over");
}

#[tokio::test]
async fn the_message_rate_is_limited_room_wide_and_update_room_applies_next() {
    let clock = TestClock::new();
    let chat = start_with(
        emulator_at(&clock),
        CreateRoomInput::builder()
            .name("r")
            .maximum_message_rate_per_second(2)
            .build(),
    )
    .await;
    let mut ann = chat.connect("ann", &[Cap::SendMessage]).await;
    let mut bob = chat.connect("bob", &[Cap::SendMessage]).await;
    chat.wait_connections(2).await;
    send(&mut ann, send_message("a1", "1")).await;
    assert_eq!(frame(&mut ann).await["RequestId"], "a1");
    send(&mut bob, send_message("b1", "2")).await;
    assert_eq!(frame(&mut bob).await["RequestId"], "a1");
    assert_eq!(frame(&mut bob).await["RequestId"], "b1");
    // The clock stands still: a third message in the same second is refused, whoever sends it.
    send(&mut ann, send_message("a2", "3")).await;
    let f = frame(&mut ann).await;
    assert_eq!(f["RequestId"], "b1");
    assert_error(&frame(&mut ann).await, 429, "a2");
    clock.advance(Duration::from_millis(1000));
    send(&mut ann, send_message("a3", "4")).await;
    assert_eq!(frame(&mut ann).await["RequestId"], "a3");
    chat.emu
        .update_room(
            UpdateRoomInput::builder()
                .identifier(chat.room_arn.clone())
                .maximum_message_rate_per_second(3)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    send(&mut ann, send_message("a4", "5")).await;
    assert_eq!(frame(&mut ann).await["RequestId"], "a4");
    send(&mut ann, send_message("a5", "6")).await;
    assert_eq!(frame(&mut ann).await["RequestId"], "a5");
    send(&mut ann, send_message("a6", "7")).await;
    assert_error(&frame(&mut ann).await, 429, "a6");
}

#[tokio::test]
async fn malformed_requests_are_400_and_the_connection_stays_open() {
    let chat = start().await;
    let mut ann = chat.connect("ann", &[Cap::SendMessage]).await;
    for (text, rid) in [
        (
            r#"{"Action":"SEND_MESSAGE","RequestId":"no-content"}"#,
            "no-content",
        ),
        (
            r#"{"Action":"SHOUT","RequestId":"bad-action"}"#,
            "bad-action",
        ),
        (
            r#"{"Action":"SEND_MESSAGE","RequestId":"bad-attr","Content":"x","Attributes":{"n":1}}"#,
            "bad-attr",
        ),
    ] {
        ann.send(Message::text(text)).await.unwrap();
        assert_error(&frame(&mut ann).await, 400, rid);
    }
    ann.send(Message::text("not json")).await.unwrap();
    let f = frame(&mut ann).await;
    assert_eq!(
        (f["Type"].as_str(), f["ErrorCode"].as_u64()),
        (Some("ERROR"), Some(400))
    );
    assert!(f.get("RequestId").is_none(), "{f}");
    ann.send(Message::binary(b"{}".to_vec())).await.unwrap();
    let f = frame(&mut ann).await;
    assert_eq!(
        (f["Type"].as_str(), f["ErrorCode"].as_u64()),
        (Some("ERROR"), Some(400))
    );
    send(&mut ann, send_message("fine", "still here")).await;
    assert_eq!(frame(&mut ann).await["RequestId"], "fine");
}

#[tokio::test]
async fn send_event_reaches_every_connection_of_the_room_only() {
    let chat = start().await;
    let elsewhere = chat
        .emu
        .create_room(CreateRoomInput::builder().name("other").build())
        .await
        .unwrap();
    let token = chat
        .emu
        .create_chat_token(CreateChatTokenInput {
            room_identifier: elsewhere.arn.clone().unwrap(),
            user_id: "z".into(),
            capabilities: None,
            session_duration_in_minutes: None,
            attributes: None,
        })
        .await
        .unwrap()
        .token
        .unwrap();
    let (mut outsider, _) = chat.try_connect(Some(&token)).await.unwrap();
    let mut ann = chat.connect("ann", &[]).await;
    let mut bob = chat.connect("bob", &[]).await;
    chat.wait_connections(2).await;
    let id = chat.send_event("app:reload").await;
    for ws in [&mut ann, &mut bob] {
        let f = frame(ws).await;
        assert_eq!(f["Type"], "EVENT");
        assert_eq!(f["Id"], id.as_str());
        assert_eq!(f["EventName"], "app:reload");
        assert_eq!(f["Attributes"], json!({"k": "v"}));
        assert!(f.get("RequestId").is_none());
        assert!(f["SendTime"].as_str().is_some());
    }
    // The other room's connection gets only its own room's event.
    let other_id = chat
        .emu
        .send_event(SendEventInput {
            room_identifier: elsewhere.arn.unwrap(),
            event_name: "mine".into(),
            attributes: None,
        })
        .await
        .unwrap()
        .id
        .unwrap();
    assert_eq!(frame(&mut outsider).await["Id"], other_id.as_str());
}

#[tokio::test]
async fn delete_message_sends_aws_delete_message_from_the_control_plane_and_the_socket() {
    let chat = start().await;
    let mut ann = chat.connect("ann", &[Cap::SendMessage]).await;
    let mut moderator = chat.connect("mod", &[Cap::DeleteMessage]).await;
    chat.wait_connections(2).await;
    send(&mut ann, send_message("m", "spam")).await;
    let message_id = frame(&mut ann).await["Id"].as_str().unwrap().to_string();
    frame(&mut moderator).await;

    let out = chat
        .emu
        .delete_message(DeleteMessageInput {
            room_identifier: chat.room_arn.clone(),
            id: message_id.clone(),
            reason: Some("spam".into()),
        })
        .await
        .unwrap();
    for ws in [&mut ann, &mut moderator] {
        let f = frame(ws).await;
        assert_eq!(f["Type"], "EVENT");
        assert_eq!(f["Id"], out.id.as_deref().unwrap());
        assert_eq!(f["EventName"], "aws:DELETE_MESSAGE");
        assert_eq!(
            f["Attributes"],
            json!({"MessageID": message_id, "MessageId": message_id, "Reason": "spam"})
        );
    }

    send(
        &mut moderator,
        json!({"Action": "DELETE_MESSAGE", "RequestId": "del-1", "Id": message_id}),
    )
    .await;
    for ws in [&mut ann, &mut moderator] {
        let f = frame(ws).await;
        assert_eq!(f["EventName"], "aws:DELETE_MESSAGE");
        assert_eq!(f["RequestId"], "del-1");
        assert_eq!(
            f["Attributes"],
            json!({"MessageID": message_id, "MessageId": message_id})
        );
    }
}

#[tokio::test]
async fn disconnect_user_sends_the_event_then_closes_every_connection_of_that_user() {
    let chat = start().await;
    let mut ann = chat.connect("ann", &[]).await;
    let mut bob1 = chat.connect("bob", &[]).await;
    let mut bob2 = chat.connect("bob", &[]).await;
    chat.wait_connections(3).await;
    chat.emu
        .disconnect_user(DisconnectUserInput {
            room_identifier: chat.room_arn.clone(),
            user_id: "bob".into(),
            reason: Some("rude".into()),
        })
        .await
        .unwrap();
    for ws in [&mut ann, &mut bob1, &mut bob2] {
        let f = frame(ws).await;
        assert_eq!(f["Type"], "EVENT");
        assert_eq!(f["EventName"], "aws:DISCONNECT_USER");
        assert_eq!(f["Attributes"], json!({"UserId": "bob", "Reason": "rude"}));
    }
    for ws in [&mut bob1, &mut bob2] {
        let close = close_frame(ws).await;
        assert_eq!(u16::from(close.code), 1000);
        assert!(close.reason.contains("DisconnectUser"), "{}", close.reason);
    }
    chat.wait_connections(1).await;
    // Ann is still connected.
    let id = chat.send_event("after").await;
    assert_eq!(frame(&mut ann).await["Id"], id.as_str());
}

#[tokio::test]
async fn disconnect_user_over_the_socket_needs_the_capability_and_echoes_the_request_id() {
    let chat = start().await;
    let mut moderator = chat.connect("mod", &[Cap::DisconnectUser]).await;
    let mut bob = chat.connect("bob", &[]).await;
    chat.wait_connections(2).await;
    send(
        &mut moderator,
        json!({"Action": "DISCONNECT_USER", "RequestId": "kick", "UserId": "bob", "Reason": "bye"}),
    )
    .await;
    for ws in [&mut moderator, &mut bob] {
        let f = frame(ws).await;
        assert_eq!(f["EventName"], "aws:DISCONNECT_USER");
        assert_eq!(f["RequestId"], "kick");
    }
    assert_eq!(u16::from(close_frame(&mut bob).await.code), 1000);
    chat.wait_connections(1).await;
}

#[tokio::test]
async fn delete_room_closes_every_connection_of_the_room_and_its_tokens_stop_working() {
    let chat = start().await;
    let unused = chat.token("later", &[]).await;
    let mut ann = chat.connect("ann", &[]).await;
    let mut bob = chat.connect("bob", &[]).await;
    chat.wait_connections(2).await;
    chat.emu
        .delete_room(DeleteRoomInput {
            identifier: chat.room_arn.clone(),
        })
        .await
        .unwrap();
    for ws in [&mut ann, &mut bob] {
        let close = close_frame(ws).await;
        assert_eq!(u16::from(close.code), 1000);
        assert_eq!(close.reason.as_str(), "room deleted");
    }
    chat.wait_connections(0).await;
    assert_eq!(
        status_of(chat.try_connect(Some(&unused)).await.unwrap_err()),
        401
    );
}

#[tokio::test]
async fn a_session_ends_at_its_expiration_time_with_a_clean_close() {
    let clock = TestClock::new();
    let chat = start_with(
        emulator_at(&clock),
        CreateRoomInput::builder().name("r").build(),
    )
    .await;
    let token = chat.token_with("ann", &[Cap::SendMessage], Some(1)).await;
    // The token still connects (valid for a minute); its one-minute session has 800 ms left.
    clock.advance(Duration::from_millis(59_200));
    let (mut ann, _) = chat.try_connect(Some(&token)).await.unwrap();
    let started = std::time::Instant::now();
    send(&mut ann, send_message("alive", "x")).await;
    assert_eq!(frame(&mut ann).await["RequestId"], "alive");
    let close = close_frame(&mut ann).await;
    let waited = started.elapsed();
    assert_eq!(u16::from(close.code), 1000);
    assert_eq!(close.reason.as_str(), "session expired");
    // Not closed at once: most of the 800 ms remained (300 ms leaves a margin for a loaded machine).
    assert!(
        waited >= Duration::from_millis(300),
        "closed after {waited:?}"
    );
    chat.wait_connections(0).await;
}

#[tokio::test]
async fn a_slow_reader_is_disconnected_after_a_bounded_queue() {
    let chat = start().await;
    // Never read from: its socket buffers and then its queue fill up.
    let slow = chat.connect("slow", &[]).await;
    let mut fast = chat.connect("fast", &[]).await;
    chat.wait_connections(2).await;
    let big = "x".repeat(1000);
    let sent = 20_000;
    // The fast reader reads everything until the event named `last`.
    let reader = tokio::spawn(async move {
        let mut names = Vec::new();
        loop {
            let f = frame(&mut fast).await;
            let name = f["EventName"].as_str().unwrap().to_string();
            if name == "last" {
                return names;
            }
            names.push(name);
        }
    });
    let mut events = 0;
    for i in 0..sent {
        chat.emu
            .send_event(SendEventInput {
                room_identifier: chat.room_arn.clone(),
                event_name: format!("e{i}"),
                attributes: Some(HashMap::from([("pad".into(), big.clone())])),
            })
            .await
            .unwrap();
        events += 1;
        if i % 64 == 0 {
            // Let the fast reader and the writers run (the test runtime has one thread).
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        if chat.emu.connection_count(&chat.room_id) == 1 {
            break;
        }
    }
    chat.wait_connections(1).await;
    // The slow connection was dropped without a close frame, well before 20,000 frames.
    let mut slow = slow;
    let mut received = 0usize;
    let ended = loop {
        match tokio::time::timeout(Duration::from_secs(10), slow.next())
            .await
            .expect("the slow connection was not ended")
        {
            Some(Ok(Message::Text(_))) => received += 1,
            Some(Ok(Message::Close(f))) => break format!("close {f:?}"),
            Some(Ok(_)) => {}
            Some(Err(e)) => break format!("error {e}"),
            None => break "end".to_string(),
        }
    };
    eprintln!("slow reader dropped after {events} events, {received} of them received");
    assert!(events < sent, "the slow reader survived {events} events");
    assert!(
        received < events,
        "{received} of {events} frames reached the slow reader"
    );
    assert!(!ended.starts_with("close"), "{ended}");
    // The fast reader got every event, in order.
    chat.send_event("last").await;
    let names = reader.await.unwrap();
    assert_eq!(names.len(), events);
    assert!(names.iter().enumerate().all(|(i, n)| *n == format!("e{i}")));
}

#[test]
fn config_default_is_still_valid() {
    Emulator::new(Config::default()).unwrap();
}

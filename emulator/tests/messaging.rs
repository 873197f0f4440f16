//! CreateChatToken, SendEvent, DeleteMessage and DisconnectUser.

mod common;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use base64::Engine;
use common::*;
use ivschat::IvschatApi;
use ivschat::operation::create_chat_token::{CreateChatTokenError, CreateChatTokenInput};
use ivschat::operation::delete_message::{DeleteMessageError, DeleteMessageInput};
use ivschat::operation::disconnect_user::{DisconnectUserError, DisconnectUserInput};
use ivschat::operation::send_event::{SendEventError, SendEventInput};
use ivschat::types::ChatTokenCapability;

fn token_input(room: &str, minutes: Option<i32>) -> CreateChatTokenInput {
    CreateChatTokenInput {
        room_identifier: room.to_string(),
        user_id: "user-1".into(),
        capabilities: Some(vec![ChatTokenCapability::SendMessage]),
        session_duration_in_minutes: minutes,
        attributes: Some(HashMap::from([("displayName".into(), "Ann".into())])),
    }
}

fn millis(t: smithy_runtime::wire::DateTime) -> i64 {
    t.secs() * 1000 + i64::from(t.subsec_millis())
}

#[tokio::test]
async fn chat_tokens_expire_after_a_minute_and_sessions_after_the_requested_duration() {
    let clock = TestClock::new();
    let emu = emulator_at(&clock);
    let arn = room(&emu, "r").await.arn.unwrap();
    clock.advance(Duration::from_millis(1234));
    let now = clock.millis() as i64;

    let t = emu
        .create_chat_token(token_input(&arn, Some(30)))
        .await
        .unwrap();
    assert_eq!(millis(t.token_expiration_time.unwrap()) - now, 60_000);
    assert_eq!(
        millis(t.session_expiration_time.unwrap()) - now,
        30 * 60_000
    );
    // URL-safe base64 without padding: a valid WebSocket subprotocol (RFC 7230 token).
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(t.token.clone().unwrap())
        .unwrap();
    assert_eq!(raw.len(), 32);

    let default = emu
        .create_chat_token(token_input(&arn, None))
        .await
        .unwrap();
    assert_eq!(
        millis(default.session_expiration_time.unwrap()) - now,
        60 * 60_000
    );
    assert_ne!(default.token, t.token);
    for edge in [1, 180] {
        let ok = emu
            .create_chat_token(token_input(&arn, Some(edge)))
            .await
            .unwrap();
        assert_eq!(
            millis(ok.session_expiration_time.unwrap()) - now,
            i64::from(edge) * 60_000
        );
    }
}

#[tokio::test]
async fn session_duration_outside_1_to_180_minutes_is_a_validation_error() {
    let emu = emulator();
    let arn = room(&emu, "r").await.arn.unwrap();
    for bad in [0, 181, -5, i32::MAX, i32::MIN] {
        let err = emu
            .create_chat_token(token_input(&arn, Some(bad)))
            .await
            .unwrap_err();
        let CreateChatTokenError::ValidationException(e) = err else {
            panic!("{bad}: {err}");
        };
        assert_eq!(e.field_list.unwrap()[0].name, "sessionDurationInMinutes");
    }
}

#[tokio::test]
async fn messaging_operations_return_fresh_ids() {
    let emu = emulator();
    let arn = room(&emu, "r").await.arn.unwrap();
    let mut ids = HashSet::new();
    for i in 0..500 {
        let sent = emu
            .send_event(SendEventInput {
                room_identifier: arn.clone(),
                event_name: "app:reload".into(),
                attributes: Some(HashMap::from([("n".into(), i.to_string())])),
            })
            .await
            .unwrap();
        let deleted = emu
            .delete_message(DeleteMessageInput {
                room_identifier: arn.clone(),
                id: "msg000000001".into(),
                reason: Some("spam".into()),
            })
            .await
            .unwrap();
        for id in [sent.id.unwrap(), deleted.id.unwrap()] {
            assert_eq!(id.len(), 12);
            assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
            assert!(ids.insert(id), "an id was repeated");
        }
    }
    emu.disconnect_user(DisconnectUserInput {
        room_identifier: arn,
        user_id: "user-1".into(),
        reason: Some("bye".into()),
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn every_room_operation_needs_an_existing_room() {
    let emu = emulator();
    let missing = missing_room();
    let err = emu
        .create_chat_token(token_input(&missing, None))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CreateChatTokenError::ResourceNotFoundException(ref e) if e.resource_id == "AAAAAAAAAAAA"),
        "{err}"
    );
    let err = emu
        .send_event(SendEventInput {
            room_identifier: missing.clone(),
            event_name: "e".into(),
            attributes: None,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendEventError::ResourceNotFoundException(_)),
        "{err}"
    );
    let err = emu
        .delete_message(DeleteMessageInput {
            room_identifier: missing.clone(),
            id: "msg000000001".into(),
            reason: None,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, DeleteMessageError::ResourceNotFoundException(_)),
        "{err}"
    );
    let err = emu
        .disconnect_user(DisconnectUserInput {
            room_identifier: missing,
            user_id: "u".into(),
            reason: None,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, DisconnectUserError::ResourceNotFoundException(_)),
        "{err}"
    );
}

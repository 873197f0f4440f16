//! Rooms through the `IvschatApi` trait: create, get, update, delete, defaults and errors.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::*;
use ivschat::IvschatApi;
use ivschat::operation::create_room::{CreateRoomError, CreateRoomInput};
use ivschat::operation::delete_room::{DeleteRoomError, DeleteRoomInput};
use ivschat::operation::get_room::{GetRoomError, GetRoomInput};
use ivschat::operation::list_rooms::ListRoomsInput;
use ivschat::operation::update_room::{UpdateRoomError, UpdateRoomInput};
use ivschat::types::{
    FallbackResult, MessageReviewHandler, ResourceType, ValidationExceptionReason,
};
use ivschat_emulator::Config;

fn is_room_arn(arn: &str, id: &str) -> bool {
    arn == format!("arn:aws:ivschat:us-east-1:123456789012:room/{id}")
        && id.len() == 12
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[tokio::test]
async fn create_room_applies_the_service_defaults() {
    let clock = TestClock::new();
    let emu = emulator_at(&clock);
    let room = emu
        .create_room(CreateRoomInput::builder().build())
        .await
        .unwrap();
    let id = room.id.clone().unwrap();
    assert!(is_room_arn(room.arn.as_deref().unwrap(), &id), "{room:?}");
    assert_eq!(room.name.as_deref(), Some(""));
    assert_eq!(room.maximum_message_length, Some(500));
    assert_eq!(room.maximum_message_rate_per_second, Some(10));
    assert_eq!(room.message_review_handler, None);
    assert_eq!(room.tags, Some(HashMap::new()));
    assert_eq!(room.logging_configuration_identifiers, Some(vec![]));
    let created = room.create_time.unwrap();
    assert_eq!(room.update_time, Some(created));
    assert_eq!(
        created.secs() as u64 * 1000 + u64::from(created.subsec_millis()),
        TestClock::START_MILLIS
    );
}

#[tokio::test]
async fn create_room_stores_everything_given_and_get_returns_it() {
    let emu = emulator();
    let log = logging_configuration(&emu, "chat-logs").await;
    let created = emu
        .create_room(
            CreateRoomInput::builder()
                .name("lobby")
                .maximum_message_length(100)
                .maximum_message_rate_per_second(5)
                .message_review_handler(MessageReviewHandler {
                    uri: Some(LAMBDA.into()),
                    fallback_result: Some(FallbackResult::Deny),
                })
                .tags("team", "chat")
                .logging_configuration_identifiers(log.clone())
                .build(),
        )
        .await
        .unwrap();
    let got = emu
        .get_room(GetRoomInput {
            identifier: created.arn.clone().unwrap(),
        })
        .await
        .unwrap();
    assert_eq!(got.arn, created.arn);
    assert_eq!(got.id, created.id);
    assert_eq!(got.name.as_deref(), Some("lobby"));
    assert_eq!(got.maximum_message_length, Some(100));
    assert_eq!(got.maximum_message_rate_per_second, Some(5));
    assert_eq!(
        got.message_review_handler,
        Some(MessageReviewHandler {
            uri: Some(LAMBDA.into()),
            fallback_result: Some(FallbackResult::Deny),
        })
    );
    assert_eq!(
        got.tags,
        Some(HashMap::from([("team".to_string(), "chat".to_string())]))
    );
    assert_eq!(got.logging_configuration_identifiers, Some(vec![log]));
    assert_eq!(got.create_time, created.create_time);
    assert_eq!(got.update_time, created.update_time);
}

#[tokio::test]
async fn review_handler_falls_back_to_allow_and_needs_a_uri() {
    let emu = emulator();
    let with_uri = emu
        .create_room(
            CreateRoomInput::builder()
                .message_review_handler(MessageReviewHandler {
                    uri: Some(LAMBDA.into()),
                    fallback_result: None,
                })
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        with_uri.message_review_handler.unwrap().fallback_result,
        Some(FallbackResult::Allow)
    );
    for uri in [None, Some(String::new())] {
        let without = emu
            .create_room(
                CreateRoomInput::builder()
                    .message_review_handler(MessageReviewHandler {
                        uri,
                        fallback_result: Some(FallbackResult::Deny),
                    })
                    .build(),
            )
            .await
            .unwrap();
        assert_eq!(without.message_review_handler, None);
    }
}

#[tokio::test]
async fn ids_are_unique_random_and_well_formed() {
    let emu = emulator();
    let mut ids = std::collections::HashSet::new();
    for _ in 0..200 {
        let room = room(&emu, "r").await;
        let id = room.id.unwrap();
        assert!(is_room_arn(&room.arn.unwrap(), &id));
        assert!(ids.insert(id));
    }
}

#[tokio::test]
async fn arns_use_the_configured_region_and_account() {
    let emu = emulator_with(Config {
        region: "eu-central-1".into(),
        account: "111122223333".into(),
        ..Config::default()
    });
    let room = room(&emu, "r").await;
    assert_eq!(
        room.arn.unwrap(),
        format!(
            "arn:aws:ivschat:eu-central-1:111122223333:room/{}",
            room.id.unwrap()
        )
    );
}

#[tokio::test]
async fn update_room_changes_only_what_is_given_and_moves_update_time() {
    let clock = TestClock::new();
    let emu = emulator_at(&clock);
    let log = logging_configuration(&emu, "chat-logs").await;
    let created = emu
        .create_room(
            CreateRoomInput::builder()
                .name("lobby")
                .tags("k", "v")
                .message_review_handler(MessageReviewHandler {
                    uri: Some(LAMBDA.into()),
                    fallback_result: None,
                })
                .build(),
        )
        .await
        .unwrap();
    clock.advance(Duration::from_millis(1500));
    let arn = created.arn.clone().unwrap();
    let updated = emu
        .update_room(UpdateRoomInput {
            identifier: arn.clone(),
            name: None,
            maximum_message_rate_per_second: Some(3),
            maximum_message_length: None,
            message_review_handler: None,
            logging_configuration_identifiers: Some(vec![log.clone()]),
        })
        .await
        .unwrap();
    assert_eq!(updated.name.as_deref(), Some("lobby"));
    assert_eq!(updated.maximum_message_rate_per_second, Some(3));
    assert_eq!(updated.maximum_message_length, Some(500));
    assert_eq!(
        updated.message_review_handler,
        created.message_review_handler
    );
    assert_eq!(updated.tags, created.tags);
    assert_eq!(updated.logging_configuration_identifiers, Some(vec![log]));
    assert_eq!(updated.create_time, created.create_time);
    let (before, after) = (created.update_time.unwrap(), updated.update_time.unwrap());
    assert_eq!(after.as_secs_f64() - before.as_secs_f64(), 1.5);

    // An empty uri removes the handler; an empty list removes the logging configurations.
    let cleared = emu
        .update_room(UpdateRoomInput {
            identifier: arn.clone(),
            name: Some("renamed".into()),
            maximum_message_rate_per_second: None,
            maximum_message_length: None,
            message_review_handler: Some(MessageReviewHandler {
                uri: Some(String::new()),
                fallback_result: None,
            }),
            logging_configuration_identifiers: Some(vec![]),
        })
        .await
        .unwrap();
    assert_eq!(cleared.name.as_deref(), Some("renamed"));
    assert_eq!(cleared.message_review_handler, None);
    assert_eq!(cleared.logging_configuration_identifiers, Some(vec![]));
    let got = emu
        .get_room(GetRoomInput { identifier: arn })
        .await
        .unwrap();
    assert_eq!(got.name.as_deref(), Some("renamed"));
    assert_eq!(got.update_time, cleared.update_time);
}

#[tokio::test]
async fn delete_room_removes_it() {
    let emu = emulator();
    let arn = room(&emu, "gone").await.arn.unwrap();
    emu.delete_room(DeleteRoomInput {
        identifier: arn.clone(),
    })
    .await
    .unwrap();
    let err = emu
        .get_room(GetRoomInput {
            identifier: arn.clone(),
        })
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err}");
    let err = emu
        .delete_room(DeleteRoomInput { identifier: arn })
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err}");
}

#[tokio::test]
async fn unknown_or_foreign_identifiers_are_resource_not_found_with_the_id() {
    let emu = emulator();
    let id = room(&emu, "mine").await.id.unwrap();
    for identifier in [
        missing_room(),
        format!("arn:aws:ivschat:eu-west-1:123456789012:room/{id}"),
        format!("arn:aws:ivschat:us-east-1:999999999999:room/{id}"),
        format!("arn:aws:ivschat:us-east-1:123456789012:logging-configuration/{id}"),
    ] {
        let expected_id = identifier.rsplit('/').next().unwrap().to_string();
        let err = emu
            .get_room(GetRoomInput {
                identifier: identifier.clone(),
            })
            .await
            .unwrap_err();
        let GetRoomError::ResourceNotFoundException(e) = err else {
            panic!("{identifier}: {err}");
        };
        assert_eq!(e.resource_id, expected_id);
        assert_eq!(e.resource_type, ResourceType::Room);
        assert!(e.message.contains(&expected_id), "{}", e.message);

        let err = emu
            .update_room(UpdateRoomInput {
                identifier: identifier.clone(),
                name: Some("x".into()),
                maximum_message_rate_per_second: None,
                maximum_message_length: None,
                message_review_handler: None,
                logging_configuration_identifiers: None,
            })
            .await
            .unwrap_err();
        assert!(
            matches!(err, UpdateRoomError::ResourceNotFoundException(_)),
            "{err}"
        );
        let err = emu
            .delete_room(DeleteRoomInput { identifier })
            .await
            .unwrap_err();
        assert!(
            matches!(err, DeleteRoomError::ResourceNotFoundException(_)),
            "{err}"
        );
    }
}

#[tokio::test]
async fn unknown_logging_configuration_is_resource_not_found_and_nothing_is_created() {
    let emu = emulator();
    let err = emu
        .create_room(
            CreateRoomInput::builder()
                .logging_configuration_identifiers(missing_logging_configuration())
                .build(),
        )
        .await
        .unwrap_err();
    let CreateRoomError::ResourceNotFoundException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.resource_id, "AAAAAAAAAAAA");
    assert!(e.message.contains("logging configuration"), "{}", e.message);
    let listed = emu
        .list_rooms(ListRoomsInput::builder().build())
        .await
        .unwrap();
    assert!(listed.rooms.is_empty(), "{listed:?}");

    let arn = room(&emu, "r").await.arn.unwrap();
    let err = emu
        .update_room(UpdateRoomInput {
            identifier: arn.clone(),
            name: Some("changed".into()),
            maximum_message_rate_per_second: None,
            maximum_message_length: None,
            message_review_handler: None,
            logging_configuration_identifiers: Some(vec![missing_logging_configuration()]),
        })
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err}");
    // The failed update changed nothing.
    let got = emu
        .get_room(GetRoomInput { identifier: arn })
        .await
        .unwrap();
    assert_eq!(got.name.as_deref(), Some("r"));
}

#[tokio::test]
async fn more_than_three_or_repeated_logging_configurations_are_validation_errors() {
    let emu = emulator();
    let mut logs = Vec::new();
    for i in 0..4 {
        logs.push(logging_configuration(&emu, &format!("bucket-{i}")).await);
    }
    let ok = emu
        .create_room(
            CreateRoomInput::builder()
                .set_logging_configuration_identifiers(Some(logs[..3].to_vec()))
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        ok.logging_configuration_identifiers,
        Some(logs[..3].to_vec())
    );
    for list in [logs.clone(), vec![logs[0].clone(), logs[0].clone()]] {
        let err = emu
            .create_room(
                CreateRoomInput::builder()
                    .set_logging_configuration_identifiers(Some(list))
                    .build(),
            )
            .await
            .unwrap_err();
        let CreateRoomError::ValidationException(e) = err else {
            panic!("{err}");
        };
        assert_eq!(e.reason, ValidationExceptionReason::FieldValidationFailed);
        let fields = e.field_list.unwrap();
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].name, "loggingConfigurationIdentifiers");
    }
}

#[tokio::test]
async fn bad_config_is_refused_with_a_clear_message() {
    for (config, needle) in [
        (
            Config {
                region: "US East".into(),
                ..Config::default()
            },
            "invalid region `US East`",
        ),
        (
            Config {
                region: String::new(),
                ..Config::default()
            },
            "invalid region",
        ),
        (
            Config {
                account: "12345".into(),
                ..Config::default()
            },
            "invalid account `12345`: an AWS account id is exactly 12 digits",
        ),
        (
            Config {
                account: "12345678901x".into(),
                ..Config::default()
            },
            "invalid account",
        ),
    ] {
        let err = ivschat_emulator::Emulator::new(config).unwrap_err();
        assert!(err.to_string().contains(needle), "{err}");
    }
}

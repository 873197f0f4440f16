//! `--max-rooms` / `--max-logging-configurations` quotas.

mod common;

use common::*;
use ivschat::IvschatApi;
use ivschat::operation::create_logging_configuration::{
    CreateLoggingConfigurationError, CreateLoggingConfigurationInput,
};
use ivschat::operation::create_room::{CreateRoomError, CreateRoomInput};
use ivschat::operation::delete_room::DeleteRoomInput;
use ivschat::types::ResourceType;
use ivschat_emulator::Config;

#[tokio::test]
async fn the_room_quota_is_enforced_and_freed_by_deletes() {
    let emu = emulator_with(Config {
        max_rooms: 2,
        ..Config::default()
    });
    let first = room(&emu, "a").await.arn.unwrap();
    room(&emu, "b").await;
    let err = emu
        .create_room(CreateRoomInput::builder().build())
        .await
        .unwrap_err();
    let CreateRoomError::ServiceQuotaExceededException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.limit, 2);
    assert_eq!(e.resource_type, ResourceType::Room);
    assert_eq!(e.resource_id, ACCOUNT);
    assert!(e.message.contains("2 rooms"), "{}", e.message);
    emu.delete_room(DeleteRoomInput { identifier: first })
        .await
        .unwrap();
    room(&emu, "c").await;
}

#[tokio::test]
async fn the_logging_configuration_quota_defaults_to_10() {
    let emu = emulator();
    assert_eq!(emu.config().max_logging_configurations, 10);
    assert_eq!(emu.config().max_rooms, 50_000);
    for i in 0..10 {
        logging_configuration(&emu, &format!("bucket-{i}")).await;
    }
    let err = emu
        .create_logging_configuration(CreateLoggingConfigurationInput {
            name: None,
            destination_configuration: s3("one-more"),
            tags: None,
        })
        .await
        .unwrap_err();
    let CreateLoggingConfigurationError::ServiceQuotaExceededException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.limit, 10);
    assert!(
        e.message.contains("logging configurations"),
        "{}",
        e.message
    );
}

#[tokio::test]
async fn a_zero_quota_allows_nothing() {
    let emu = emulator_with(Config {
        max_rooms: 0,
        max_logging_configurations: 0,
        ..Config::default()
    });
    let err = emu
        .create_room(CreateRoomInput::builder().build())
        .await
        .unwrap_err();
    assert!(err.is_service_quota_exceeded_exception(), "{err}");
}

//! Logging configurations through the `IvschatApi` trait.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::*;
use ivschat::IvschatApi;
use ivschat::operation::create_logging_configuration::{
    CreateLoggingConfigurationError, CreateLoggingConfigurationInput,
};
use ivschat::operation::create_room::CreateRoomInput;
use ivschat::operation::delete_logging_configuration::{
    DeleteLoggingConfigurationError, DeleteLoggingConfigurationInput,
};
use ivschat::operation::get_logging_configuration::{
    GetLoggingConfigurationError, GetLoggingConfigurationInput,
};
use ivschat::operation::update_logging_configuration::{
    UpdateLoggingConfigurationError, UpdateLoggingConfigurationInput,
};
use ivschat::operation::update_room::UpdateRoomInput;
use ivschat::types::{
    CloudWatchLogsDestinationConfiguration, CreateLoggingConfigurationState,
    DestinationConfiguration, FirehoseDestinationConfiguration, LoggingConfigurationState,
    ResourceType, UpdateLoggingConfigurationState,
};

fn cloudwatch(group: &str) -> DestinationConfiguration {
    DestinationConfiguration::CloudWatchLogs(CloudWatchLogsDestinationConfiguration {
        log_group_name: group.to_string(),
    })
}

#[tokio::test]
async fn lifecycle_create_get_update_delete() {
    let clock = TestClock::new();
    let emu = emulator_at(&clock);
    let created = emu
        .create_logging_configuration(CreateLoggingConfigurationInput {
            name: Some("logs".into()),
            destination_configuration: s3("my-chat-logs"),
            tags: Some(HashMap::from([("k".into(), "v".into())])),
        })
        .await
        .unwrap();
    let id = created.id.clone().unwrap();
    assert_eq!(id.len(), 12);
    assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()));
    let arn = created.arn.clone().unwrap();
    assert_eq!(
        arn,
        format!("arn:aws:ivschat:us-east-1:123456789012:logging-configuration/{id}")
    );
    assert_eq!(created.state, Some(CreateLoggingConfigurationState::Active));
    assert_eq!(created.destination_configuration, Some(s3("my-chat-logs")));
    assert_eq!(created.name.as_deref(), Some("logs"));
    assert_eq!(created.create_time, created.update_time);

    let got = emu
        .get_logging_configuration(GetLoggingConfigurationInput {
            identifier: arn.clone(),
        })
        .await
        .unwrap();
    assert_eq!(got.id, created.id);
    assert_eq!(got.state, Some(LoggingConfigurationState::Active));
    assert_eq!(got.tags, created.tags);

    clock.advance(Duration::from_secs(2));
    let updated = emu
        .update_logging_configuration(UpdateLoggingConfigurationInput {
            identifier: arn.clone(),
            name: None,
            destination_configuration: Some(cloudwatch("chat-group")),
        })
        .await
        .unwrap();
    assert_eq!(updated.name.as_deref(), Some("logs"));
    assert_eq!(
        updated.destination_configuration,
        Some(cloudwatch("chat-group"))
    );
    assert_eq!(updated.state, Some(UpdateLoggingConfigurationState::Active));
    assert_eq!(updated.create_time, created.create_time);
    assert_eq!(
        updated.update_time.unwrap().secs() - created.update_time.unwrap().secs(),
        2
    );

    let renamed = emu
        .update_logging_configuration(UpdateLoggingConfigurationInput {
            identifier: arn.clone(),
            name: Some("renamed".into()),
            destination_configuration: None,
        })
        .await
        .unwrap();
    assert_eq!(renamed.name.as_deref(), Some("renamed"));
    assert_eq!(
        renamed.destination_configuration,
        Some(cloudwatch("chat-group"))
    );

    emu.delete_logging_configuration(DeleteLoggingConfigurationInput {
        identifier: arn.clone(),
    })
    .await
    .unwrap();
    let err = emu
        .get_logging_configuration(GetLoggingConfigurationInput { identifier: arn })
        .await
        .unwrap_err();
    let GetLoggingConfigurationError::ResourceNotFoundException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.resource_id, id);
    // The model's ResourceType enum only has ROOM.
    assert_eq!(e.resource_type, ResourceType::Room);
}

#[tokio::test]
async fn unnamed_configuration_gets_an_empty_name_and_no_tags() {
    let emu = emulator();
    let created = emu
        .create_logging_configuration(CreateLoggingConfigurationInput {
            name: None,
            destination_configuration: DestinationConfiguration::Firehose(
                FirehoseDestinationConfiguration {
                    delivery_stream_name: "stream".into(),
                },
            ),
            tags: None,
        })
        .await
        .unwrap();
    assert_eq!(created.name.as_deref(), Some(""));
    assert_eq!(created.tags, Some(HashMap::new()));
}

#[tokio::test]
async fn deleting_a_configuration_in_use_conflicts_until_no_room_uses_it() {
    let emu = emulator();
    let log = logging_configuration(&emu, "bucket").await;
    let room = emu
        .create_room(
            CreateRoomInput::builder()
                .logging_configuration_identifiers(log.clone())
                .build(),
        )
        .await
        .unwrap();
    let err = emu
        .delete_logging_configuration(DeleteLoggingConfigurationInput {
            identifier: log.clone(),
        })
        .await
        .unwrap_err();
    let DeleteLoggingConfigurationError::ConflictException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.resource_id, log.rsplit('/').next().unwrap());
    assert!(
        e.message.contains(room.arn.as_deref().unwrap()),
        "{}",
        e.message
    );
    // Still there.
    emu.get_logging_configuration(GetLoggingConfigurationInput {
        identifier: log.clone(),
    })
    .await
    .unwrap();

    emu.update_room(UpdateRoomInput {
        identifier: room.arn.unwrap(),
        name: None,
        maximum_message_rate_per_second: None,
        maximum_message_length: None,
        message_review_handler: None,
        logging_configuration_identifiers: Some(vec![]),
    })
    .await
    .unwrap();
    emu.delete_logging_configuration(DeleteLoggingConfigurationInput { identifier: log })
        .await
        .unwrap();
}

#[tokio::test]
async fn unknown_or_foreign_identifiers_are_resource_not_found() {
    let emu = emulator();
    let room_arn = room(&emu, "r").await.arn.unwrap();
    for identifier in [missing_logging_configuration(), room_arn] {
        let err = emu
            .get_logging_configuration(GetLoggingConfigurationInput {
                identifier: identifier.clone(),
            })
            .await
            .unwrap_err();
        assert!(err.is_resource_not_found_exception(), "{err}");
        let err = emu
            .update_logging_configuration(UpdateLoggingConfigurationInput {
                identifier: identifier.clone(),
                name: Some("x".into()),
                destination_configuration: None,
            })
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                UpdateLoggingConfigurationError::ResourceNotFoundException(_)
            ),
            "{err}"
        );
        let err = emu
            .delete_logging_configuration(DeleteLoggingConfigurationInput { identifier })
            .await
            .unwrap_err();
        assert!(err.is_resource_not_found_exception(), "{err}");
    }
}

#[tokio::test]
async fn an_unknown_destination_is_a_validation_error() {
    let emu = emulator();
    let err = emu
        .create_logging_configuration(CreateLoggingConfigurationInput {
            name: None,
            destination_configuration: DestinationConfiguration::Unknown,
            tags: None,
        })
        .await
        .unwrap_err();
    let CreateLoggingConfigurationError::ValidationException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.field_list.unwrap()[0].name, "destinationConfiguration");

    let log = logging_configuration(&emu, "bucket").await;
    let err = emu
        .update_logging_configuration(UpdateLoggingConfigurationInput {
            identifier: log.clone(),
            name: None,
            destination_configuration: Some(DestinationConfiguration::Unknown),
        })
        .await
        .unwrap_err();
    assert!(err.is_validation_exception(), "{err}");
    let got = emu
        .get_logging_configuration(GetLoggingConfigurationInput { identifier: log })
        .await
        .unwrap();
    assert_eq!(got.destination_configuration, Some(s3("bucket")));
}

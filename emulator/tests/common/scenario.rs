//! One pass over all 17 operations, written against `IvschatApi` so it runs both in process
//! (against `Emulator`) and over HTTP (against `ivschat::Client` talking to the binary).

use std::collections::HashMap;
use std::time::SystemTime;

use ivschat::IvschatApi;
use ivschat::operation::create_chat_token::CreateChatTokenInput;
use ivschat::operation::create_logging_configuration::CreateLoggingConfigurationInput;
use ivschat::operation::create_room::CreateRoomInput;
use ivschat::operation::delete_logging_configuration::{
    DeleteLoggingConfigurationError, DeleteLoggingConfigurationInput,
};
use ivschat::operation::delete_message::DeleteMessageInput;
use ivschat::operation::delete_room::DeleteRoomInput;
use ivschat::operation::disconnect_user::DisconnectUserInput;
use ivschat::operation::get_logging_configuration::GetLoggingConfigurationInput;
use ivschat::operation::get_room::{GetRoomError, GetRoomInput};
use ivschat::operation::list_logging_configurations::ListLoggingConfigurationsInput;
use ivschat::operation::list_rooms::ListRoomsInput;
use ivschat::operation::list_tags_for_resource::ListTagsForResourceInput;
use ivschat::operation::send_event::SendEventInput;
use ivschat::operation::tag_resource::TagResourceInput;
use ivschat::operation::untag_resource::UntagResourceInput;
use ivschat::operation::update_logging_configuration::UpdateLoggingConfigurationInput;
use ivschat::operation::update_room::UpdateRoomInput;
use ivschat::types::{
    ChatTokenCapability, CloudWatchLogsDestinationConfiguration, CreateLoggingConfigurationState,
    DestinationConfiguration, FallbackResult, LoggingConfigurationState, MessageReviewHandler,
    ResourceType, UpdateLoggingConfigurationState,
};
use smithy_runtime::wire::DateTime;

use super::{LAMBDA, s3};

fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn secs_from_now(t: DateTime, now: SystemTime) -> f64 {
    SystemTime::from(t)
        .duration_since(now)
        .map(|d| d.as_secs_f64())
        .unwrap_or_else(|e| -e.duration().as_secs_f64())
}

/// Runs every operation once (and the errors tying them together) against a fresh service
/// for region `us-east-1` and account `123456789012`.
pub async fn all_operations(api: &impl IvschatApi) {
    let prefix = "arn:aws:ivschat:us-east-1:123456789012:";

    // CreateLoggingConfiguration, GetLoggingConfiguration, UpdateLoggingConfiguration.
    let log = api
        .create_logging_configuration(CreateLoggingConfigurationInput {
            name: Some("logs".into()),
            destination_configuration: s3("my-chat-logs"),
            tags: Some(map(&[("k", "v")])),
        })
        .await
        .unwrap();
    let log_arn = log.arn.clone().unwrap();
    let log_id = log.id.clone().unwrap();
    assert_eq!(log_arn, format!("{prefix}logging-configuration/{log_id}"));
    assert_eq!(log.state, Some(CreateLoggingConfigurationState::Active));
    assert_eq!(log.destination_configuration, Some(s3("my-chat-logs")));
    assert_eq!(log.tags, Some(map(&[("k", "v")])));
    let got = api
        .get_logging_configuration(GetLoggingConfigurationInput {
            identifier: log_arn.clone(),
        })
        .await
        .unwrap();
    assert_eq!(got.name.as_deref(), Some("logs"));
    assert_eq!(got.state, Some(LoggingConfigurationState::Active));
    assert_eq!(got.create_time, log.create_time);
    let cloudwatch =
        DestinationConfiguration::CloudWatchLogs(CloudWatchLogsDestinationConfiguration {
            log_group_name: "chat-group".into(),
        });
    let updated = api
        .update_logging_configuration(UpdateLoggingConfigurationInput {
            identifier: log_arn.clone(),
            name: None,
            destination_configuration: Some(cloudwatch.clone()),
        })
        .await
        .unwrap();
    assert_eq!(updated.destination_configuration, Some(cloudwatch));
    assert_eq!(updated.state, Some(UpdateLoggingConfigurationState::Active));
    assert_eq!(updated.name.as_deref(), Some("logs"));

    // ListLoggingConfigurations.
    let logs = api
        .list_logging_configurations(ListLoggingConfigurationsInput {
            next_token: None,
            max_results: None,
        })
        .await
        .unwrap();
    assert_eq!(logs.logging_configurations.len(), 1);
    assert_eq!(
        logs.logging_configurations[0].arn.as_deref(),
        Some(log_arn.as_str())
    );
    assert_eq!(logs.next_token, None);

    // CreateRoom, GetRoom, UpdateRoom.
    let room = api
        .create_room(
            CreateRoomInput::builder()
                .name("lobby")
                .tags("team", "chat")
                .message_review_handler(MessageReviewHandler {
                    uri: Some(LAMBDA.into()),
                    fallback_result: None,
                })
                .logging_configuration_identifiers(log_arn.clone())
                .build(),
        )
        .await
        .unwrap();
    let room_arn = room.arn.clone().unwrap();
    let room_id = room.id.clone().unwrap();
    assert_eq!(room_arn, format!("{prefix}room/{room_id}"));
    assert_eq!(room_id.len(), 12);
    assert_eq!(room.maximum_message_length, Some(500));
    assert_eq!(room.maximum_message_rate_per_second, Some(10));
    assert_eq!(
        room.message_review_handler,
        Some(MessageReviewHandler {
            uri: Some(LAMBDA.into()),
            fallback_result: Some(FallbackResult::Allow),
        })
    );
    assert_eq!(
        room.logging_configuration_identifiers,
        Some(vec![log_arn.clone()])
    );
    assert_eq!(room.create_time, room.update_time);
    let got = api
        .get_room(GetRoomInput {
            identifier: room_arn.clone(),
        })
        .await
        .unwrap();
    assert_eq!(got.name.as_deref(), Some("lobby"));
    assert_eq!(got.tags, Some(map(&[("team", "chat")])));
    assert_eq!(got.create_time, room.create_time);
    let updated = api
        .update_room(UpdateRoomInput {
            identifier: room_arn.clone(),
            name: Some("lobby-2".into()),
            maximum_message_rate_per_second: Some(5),
            maximum_message_length: Some(100),
            message_review_handler: None,
            logging_configuration_identifiers: None,
        })
        .await
        .unwrap();
    assert_eq!(updated.name.as_deref(), Some("lobby-2"));
    assert_eq!(updated.maximum_message_length, Some(100));
    assert_eq!(updated.maximum_message_rate_per_second, Some(5));
    assert!(updated.update_time >= room.update_time);
    assert_eq!(updated.create_time, room.create_time);

    // ListRooms, filtered by the logging configuration.
    let other = api
        .create_room(CreateRoomInput::builder().name("other").build())
        .await
        .unwrap();
    let all = api
        .list_rooms(ListRoomsInput::builder().build())
        .await
        .unwrap();
    let order: Vec<_> = all.rooms.iter().map(|r| r.arn.clone().unwrap()).collect();
    assert_eq!(order, [other.arn.clone().unwrap(), room_arn.clone()]);
    let logged = api
        .list_rooms(
            ListRoomsInput::builder()
                .logging_configuration_identifier(log_arn.clone())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(logged.rooms.len(), 1);
    assert_eq!(logged.rooms[0].arn.as_deref(), Some(room_arn.as_str()));

    // TagResource, UntagResource, ListTagsForResource (a key that needs escaping in a URL).
    api.tag_resource(TagResourceInput {
        resource_arn: room_arn.clone(),
        tags: map(&[("b", "2"), ("team/x y", "v")]),
    })
    .await
    .unwrap();
    api.untag_resource(UntagResourceInput {
        resource_arn: room_arn.clone(),
        tag_keys: vec!["team/x y".into(), "team".into()],
    })
    .await
    .unwrap();
    let tags = api
        .list_tags_for_resource(ListTagsForResourceInput {
            resource_arn: room_arn.clone(),
        })
        .await
        .unwrap()
        .tags;
    assert_eq!(tags, map(&[("b", "2")]));
    let log_tags = api
        .list_tags_for_resource(ListTagsForResourceInput {
            resource_arn: log_arn.clone(),
        })
        .await
        .unwrap()
        .tags;
    assert_eq!(log_tags, map(&[("k", "v")]));

    // CreateChatToken.
    let before = SystemTime::now();
    let token = api
        .create_chat_token(CreateChatTokenInput {
            room_identifier: room_arn.clone(),
            user_id: "user-1".into(),
            capabilities: Some(vec![
                ChatTokenCapability::SendMessage,
                ChatTokenCapability::DeleteMessage,
            ]),
            session_duration_in_minutes: Some(30),
            attributes: Some(map(&[("displayName", "Ann")])),
        })
        .await
        .unwrap();
    assert!(!token.token.unwrap().is_empty());
    let expires = secs_from_now(token.token_expiration_time.unwrap(), before);
    assert!((59.0..=70.0).contains(&expires), "{expires}");
    let session = secs_from_now(token.session_expiration_time.unwrap(), before);
    assert!((1799.0..=1810.0).contains(&session), "{session}");

    // SendEvent, DeleteMessage, DisconnectUser.
    let sent = api
        .send_event(SendEventInput {
            room_identifier: room_arn.clone(),
            event_name: "app:reload".into(),
            attributes: Some(map(&[("k", "v")])),
        })
        .await
        .unwrap()
        .id
        .unwrap();
    let deleted = api
        .delete_message(DeleteMessageInput {
            room_identifier: room_arn.clone(),
            id: "msg000000001".into(),
            reason: Some("spam".into()),
        })
        .await
        .unwrap()
        .id
        .unwrap();
    assert_eq!((sent.len(), deleted.len()), (12, 12));
    assert_ne!(sent, deleted);
    api.disconnect_user(DisconnectUserInput {
        room_identifier: room_arn.clone(),
        user_id: "user-1".into(),
        reason: Some("bye".into()),
    })
    .await
    .unwrap();

    // DeleteLoggingConfiguration: a conflict while the room uses it.
    let err = api
        .delete_logging_configuration(DeleteLoggingConfigurationInput {
            identifier: log_arn.clone(),
        })
        .await
        .unwrap_err();
    let DeleteLoggingConfigurationError::ConflictException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.resource_id, log_id);

    // DeleteRoom, then the room is gone and its logging configuration free.
    api.delete_room(DeleteRoomInput {
        identifier: room_arn.clone(),
    })
    .await
    .unwrap();
    let err = api
        .get_room(GetRoomInput {
            identifier: room_arn.clone(),
        })
        .await
        .unwrap_err();
    let GetRoomError::ResourceNotFoundException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.resource_id, room_id);
    assert_eq!(e.resource_type, ResourceType::Room);
    api.delete_logging_configuration(DeleteLoggingConfigurationInput {
        identifier: log_arn.clone(),
    })
    .await
    .unwrap();
    let remaining = api
        .list_logging_configurations(ListLoggingConfigurationsInput {
            next_token: None,
            max_results: Some(1),
        })
        .await
        .unwrap();
    assert!(remaining.logging_configurations.is_empty());
}

//! The generated ivschat client end to end through a fake transport: requests on the wire,
//! outputs, modeled and unknown errors, client-side checks, pagination, mocks and redaction.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use ivschat::operation::get_room::GetRoomError;
use ivschat::types::{FallbackResult, MessageReviewHandler};
use ivschat::{Client, IvschatApi};
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{BoxFuture, Credentials, HttpClient, StreamExt, TransportError};
use smithy_runtime::error::UnhandledKind;
use smithy_runtime::http;

/// One scripted answer: status, headers, body.
type Answer = (u16, Vec<(&'static str, &'static str)>, &'static str);

/// Answers from a script and records every request.
#[derive(Clone, Debug, Default)]
struct Fake {
    script: Arc<Mutex<VecDeque<Answer>>>,
    seen: Arc<Mutex<Vec<http::Request<Bytes>>>>,
}

impl HttpClient for Fake {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        self.seen.lock().unwrap().push(request);
        let (status, headers, body) = self
            .script
            .lock()
            .unwrap()
            .pop_front()
            .expect("a scripted response for every request");
        let mut response = http::Response::new(Bytes::from_static(body.as_bytes()));
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
        for (k, v) in headers {
            response
                .headers_mut()
                .insert(k, http::HeaderValue::from_static(v));
        }
        Box::pin(async move { Ok(response) })
    }
}

fn client(script: Vec<Answer>) -> (Client, Fake) {
    let fake = Fake::default();
    *fake.script.lock().unwrap() = script.into();
    let client = Client::builder()
        .region("us-east-1")
        .endpoint_url("https://ivschat.example.com")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(fake.clone())
        .build()
        .expect("client builds");
    (client, fake)
}

fn body_json(request: &http::Request<Bytes>) -> serde_json::Value {
    serde_json::from_slice(request.body()).expect("JSON body")
}

#[tokio::test]
async fn create_room_sends_a_json_body_and_reads_the_output() {
    let (client, fake) = client(vec![(
        200,
        vec![("content-type", "application/json")],
        r#"{"arn": "arn:aws:ivschat:us-east-1:123:room/abc", "id": "abc", "name": "lobby",
            "createTime": "2024-05-01T10:20:30.5Z", "maximumMessageLength": 500,
            "messageReviewHandler": {"uri": "arn:lambda", "fallbackResult": "DENY"},
            "tags": {"team": "chat"}, "loggingConfigurationIdentifiers": ["lc1"],
            "someNewMember": true}"#,
    )]);
    let out = client
        .create_room()
        .name("lobby")
        .tags("team", "chat")
        .logging_configuration_identifiers("lc1")
        .message_review_handler(
            MessageReviewHandler::builder()
                .uri("arn:lambda")
                .fallback_result(FallbackResult::Deny)
                .build(),
        )
        .send()
        .await
        .expect("CreateRoom succeeds");
    assert_eq!(out.id.as_deref(), Some("abc"));
    assert_eq!(out.maximum_message_length, Some(500));
    let created = out.create_time.expect("createTime");
    assert_eq!((created.secs(), created.subsec_millis()), (1714558830, 500));
    assert_eq!(
        out.message_review_handler.unwrap().fallback_result,
        Some(FallbackResult::Deny)
    );
    assert_eq!(out.tags.unwrap()["team"], "chat");

    let seen = fake.seen.lock().unwrap();
    let req = &seen[0];
    assert_eq!(req.method(), http::Method::POST);
    assert_eq!(req.uri().path(), "/CreateRoom");
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(
        body_json(req),
        serde_json::json!({
            "name": "lobby",
            "tags": {"team": "chat"},
            "loggingConfigurationIdentifiers": ["lc1"],
            "messageReviewHandler": {"uri": "arn:lambda", "fallbackResult": "DENY"}
        })
    );
}

#[tokio::test]
async fn labels_are_percent_encoded_and_query_lists_repeat_the_key() {
    let (client, fake) = client(vec![(204, vec![], "")]);
    client
        .untag_resource()
        .resource_arn("arn:aws:ivschat:us-east-1:123:room/a b")
        .tag_keys("k1")
        .tag_keys("k&2")
        .send()
        .await
        .expect("UntagResource succeeds");
    let seen = fake.seen.lock().unwrap();
    let req = &seen[0];
    assert_eq!(req.method(), http::Method::DELETE);
    assert_eq!(
        req.uri().path_and_query().unwrap().as_str(),
        "/tags/arn%3Aaws%3Aivschat%3Aus-east-1%3A123%3Aroom%2Fa%20b?tagKeys=k1&tagKeys=k%262"
    );
    assert!(req.body().is_empty());
    assert!(req.headers().get("content-type").is_none());
}

#[tokio::test]
async fn modeled_errors_are_dispatched_by_code_and_keep_their_members() {
    let (client, _) = client(vec![
        (
            404,
            vec![(
                "x-amzn-errortype",
                "ResourceNotFoundException:http://internal.amazon.com/",
            )],
            r#"{"message": "no such room", "resourceId": "abc", "resourceType": "ROOM"}"#,
        ),
        (
            418,
            vec![("x-amzn-requestid", "req-9")],
            r#"{"__type": "com.amazonaws.ivschat#TeapotException", "Message": "short and stout"}"#,
        ),
    ]);
    let err = client
        .get_room()
        .identifier("abc")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(err.message(), Some("no such room"));
    assert_eq!(
        err.to_string(),
        "GetRoom failed: ResourceNotFoundException: no such room"
    );
    match &err {
        GetRoomError::ResourceNotFoundException(e) => {
            assert_eq!(e.resource_id, "abc");
            assert_eq!(e.resource_type.as_str(), "ROOM");
        }
        other => panic!("wrong variant: {other:?}"),
    }
    // `?` across operations: every operation error converts into the crate error.
    let crate_err: ivschat::Error = err.into();
    assert_eq!(crate_err.code(), Some("ResourceNotFoundException"));

    let err = client
        .get_room()
        .identifier("abc")
        .send()
        .await
        .unwrap_err();
    let GetRoomError::Unhandled(u) = &err else {
        panic!("unknown codes are unhandled: {err:?}")
    };
    assert_eq!(u.kind(), UnhandledKind::Service);
    assert_eq!(u.code(), Some("TeapotException"));
    assert_eq!(u.message(), Some("short and stout"));
    assert_eq!(u.request_id(), Some("req-9"));
    assert_eq!(u.status().map(|s| s.as_u16()), Some(418));
    assert!(err.to_string().starts_with("GetRoom failed: "), "{err}");
}

#[tokio::test]
async fn modeled_errors_carry_the_request_id_like_unhandled_ones() {
    let (client, _) = client(vec![
        (
            404,
            vec![
                ("x-amzn-errortype", "ResourceNotFoundException"),
                ("x-amzn-requestid", "req-404"),
            ],
            r#"{"message": "no such room", "resourceId": "abc", "resourceType": "ROOM"}"#,
        ),
        (
            404,
            vec![("x-amzn-errortype", "ResourceNotFoundException")],
            r#"{"message": "gone", "resourceId": "abc", "resourceType": "ROOM"}"#,
        ),
    ]);
    let err = client
        .get_room()
        .identifier("abc")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), Some("req-404"));
    let GetRoomError::ResourceNotFoundException(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.request_id(), Some("req-404"));
    let crate_err: ivschat::Error = err.into();
    assert_eq!(crate_err.request_id(), Some("req-404"));
    // No header, no id (and a built error has none either).
    let err = client
        .delete_room()
        .identifier("abc")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
    assert_eq!(err.request_id(), None);
}

#[tokio::test]
async fn missing_required_input_fails_before_sending_and_names_every_member() {
    let (client, fake) = client(vec![]);
    let err = client.create_chat_token().send().await.unwrap_err();
    let ivschat::operation::create_chat_token::CreateChatTokenError::Unhandled(u) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(u.kind(), UnhandledKind::Build);
    let text = err.to_string();
    assert!(
        text.contains("room_identifier") && text.contains("user_id"),
        "{text}"
    );
    assert!(fake.seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn missing_required_output_members_get_their_zero_value() {
    let (client, _) = client(vec![(200, vec![], "{}")]);
    let out = client
        .list_rooms()
        .send()
        .await
        .expect("ListRooms succeeds");
    assert!(out.rooms.is_empty());
    assert_eq!(out.next_token, None);
}

#[tokio::test]
async fn malformed_responses_are_unhandled_with_the_path_of_the_problem() {
    let (client, _) = client(vec![(200, vec![], r#"{"rooms": [{"name": 5}]}"#)]);
    let err = client.list_rooms().send().await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("$.rooms[0].name"), "{text}");
}

#[tokio::test]
async fn paginators_follow_tokens_until_they_stop() {
    let (client, fake) = client(vec![
        (
            200,
            vec![],
            r#"{"rooms": [{"id": "r1"}, {"id": "r2"}], "nextToken": "t1"}"#,
        ),
        (
            200,
            vec![],
            r#"{"rooms": [{"id": "r3"}], "nextToken": "t2"}"#,
        ),
        // The service repeats the token it was sent: the paginator stops instead of looping.
        (
            200,
            vec![],
            r#"{"rooms": [{"id": "r4"}], "nextToken": "t2"}"#,
        ),
    ]);
    let ids: Vec<String> = client
        .list_rooms()
        .max_results(2)
        .into_paginator()
        .items()
        .map(|r| r.expect("page").id.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(ids, ["r1", "r2", "r3", "r4"]);
    let tokens: Vec<Option<String>> = fake
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|r| body_json(r)["nextToken"].as_str().map(str::to_string))
        .collect();
    assert_eq!(tokens, [None, Some("t1".into()), Some("t2".into())]);
}

/// A mock implementation of the service trait: the fluent builders work against it too.
struct Mock;

impl IvschatApi for Mock {
    async fn get_room(
        &self,
        input: ivschat::operation::get_room::GetRoomInput,
    ) -> Result<ivschat::operation::get_room::GetRoomOutput, GetRoomError> {
        Ok(ivschat::operation::get_room::GetRoomOutput {
            id: Some(format!("mock-{}", input.identifier)),
            ..Default::default()
        })
    }

    async fn create_chat_token(
        &self,
        _: ivschat::operation::create_chat_token::CreateChatTokenInput,
    ) -> Result<
        ivschat::operation::create_chat_token::CreateChatTokenOutput,
        ivschat::operation::create_chat_token::CreateChatTokenError,
    > {
        unimplemented!("not used")
    }

    async fn create_logging_configuration(
        &self,
        _: ivschat::operation::create_logging_configuration::CreateLoggingConfigurationInput,
    ) -> Result<
        ivschat::operation::create_logging_configuration::CreateLoggingConfigurationOutput,
        ivschat::operation::create_logging_configuration::CreateLoggingConfigurationError,
    > {
        unimplemented!()
    }
    async fn create_room(
        &self,
        _: ivschat::operation::create_room::CreateRoomInput,
    ) -> Result<
        ivschat::operation::create_room::CreateRoomOutput,
        ivschat::operation::create_room::CreateRoomError,
    > {
        unimplemented!()
    }
    async fn delete_logging_configuration(
        &self,
        _: ivschat::operation::delete_logging_configuration::DeleteLoggingConfigurationInput,
    ) -> Result<
        ivschat::operation::delete_logging_configuration::DeleteLoggingConfigurationOutput,
        ivschat::operation::delete_logging_configuration::DeleteLoggingConfigurationError,
    > {
        unimplemented!()
    }
    async fn delete_message(
        &self,
        _: ivschat::operation::delete_message::DeleteMessageInput,
    ) -> Result<
        ivschat::operation::delete_message::DeleteMessageOutput,
        ivschat::operation::delete_message::DeleteMessageError,
    > {
        unimplemented!()
    }
    async fn delete_room(
        &self,
        _: ivschat::operation::delete_room::DeleteRoomInput,
    ) -> Result<
        ivschat::operation::delete_room::DeleteRoomOutput,
        ivschat::operation::delete_room::DeleteRoomError,
    > {
        unimplemented!()
    }
    async fn disconnect_user(
        &self,
        _: ivschat::operation::disconnect_user::DisconnectUserInput,
    ) -> Result<
        ivschat::operation::disconnect_user::DisconnectUserOutput,
        ivschat::operation::disconnect_user::DisconnectUserError,
    > {
        unimplemented!()
    }
    async fn get_logging_configuration(
        &self,
        _: ivschat::operation::get_logging_configuration::GetLoggingConfigurationInput,
    ) -> Result<
        ivschat::operation::get_logging_configuration::GetLoggingConfigurationOutput,
        ivschat::operation::get_logging_configuration::GetLoggingConfigurationError,
    > {
        unimplemented!()
    }
    async fn list_logging_configurations(
        &self,
        _: ivschat::operation::list_logging_configurations::ListLoggingConfigurationsInput,
    ) -> Result<
        ivschat::operation::list_logging_configurations::ListLoggingConfigurationsOutput,
        ivschat::operation::list_logging_configurations::ListLoggingConfigurationsError,
    > {
        unimplemented!()
    }
    async fn list_rooms(
        &self,
        _: ivschat::operation::list_rooms::ListRoomsInput,
    ) -> Result<
        ivschat::operation::list_rooms::ListRoomsOutput,
        ivschat::operation::list_rooms::ListRoomsError,
    > {
        unimplemented!()
    }
    async fn list_tags_for_resource(
        &self,
        _: ivschat::operation::list_tags_for_resource::ListTagsForResourceInput,
    ) -> Result<
        ivschat::operation::list_tags_for_resource::ListTagsForResourceOutput,
        ivschat::operation::list_tags_for_resource::ListTagsForResourceError,
    > {
        unimplemented!()
    }
    async fn send_event(
        &self,
        _: ivschat::operation::send_event::SendEventInput,
    ) -> Result<
        ivschat::operation::send_event::SendEventOutput,
        ivschat::operation::send_event::SendEventError,
    > {
        unimplemented!()
    }
    async fn tag_resource(
        &self,
        _: ivschat::operation::tag_resource::TagResourceInput,
    ) -> Result<
        ivschat::operation::tag_resource::TagResourceOutput,
        ivschat::operation::tag_resource::TagResourceError,
    > {
        unimplemented!()
    }
    async fn untag_resource(
        &self,
        _: ivschat::operation::untag_resource::UntagResourceInput,
    ) -> Result<
        ivschat::operation::untag_resource::UntagResourceOutput,
        ivschat::operation::untag_resource::UntagResourceError,
    > {
        unimplemented!()
    }
    async fn update_logging_configuration(
        &self,
        _: ivschat::operation::update_logging_configuration::UpdateLoggingConfigurationInput,
    ) -> Result<
        ivschat::operation::update_logging_configuration::UpdateLoggingConfigurationOutput,
        ivschat::operation::update_logging_configuration::UpdateLoggingConfigurationError,
    > {
        unimplemented!()
    }
    async fn update_room(
        &self,
        _: ivschat::operation::update_room::UpdateRoomInput,
    ) -> Result<
        ivschat::operation::update_room::UpdateRoomOutput,
        ivschat::operation::update_room::UpdateRoomError,
    > {
        unimplemented!()
    }
}

#[tokio::test]
async fn fluent_builders_can_send_to_a_mock() {
    let (client, fake) = client(vec![]);
    let out = client
        .get_room()
        .identifier("abc")
        .send_with(&Mock)
        .await
        .expect("the mock answers");
    assert_eq!(out.id.as_deref(), Some("mock-abc"));
    assert!(fake.seen.lock().unwrap().is_empty());
}

#[test]
fn sensitive_members_are_redacted_in_debug_output() {
    let input = ivschat::operation::create_chat_token::CreateChatTokenInput::builder()
        .room_identifier("room-1")
        .user_id("user-secret-42")
        .attributes("role", "attr-secret")
        .build()
        .unwrap();
    let text = format!("{input:?}");
    assert!(text.contains("room-1"), "{text}");
    assert!(
        !text.contains("user-secret-42") && !text.contains("attr-secret"),
        "{text}"
    );
    assert!(text.contains("*** Sensitive Data Redacted ***"), "{text}");
}

#[test]
fn enums_round_trip_unknown_values() {
    assert_eq!(FallbackResult::from("ALLOW"), FallbackResult::Allow);
    let future = FallbackResult::from("MAYBE");
    assert_eq!(future.as_str(), "MAYBE");
    assert_eq!(future, FallbackResult::Unknown("MAYBE".into()));
    assert_eq!(FallbackResult::values(), ["ALLOW", "DENY"]);
    assert_eq!(
        "DENY".parse::<FallbackResult>().unwrap().to_string(),
        "DENY"
    );
}

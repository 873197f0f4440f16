//! The generated `ivschat::server::router` (feature `server`): routing of every operation,
//! framework errors, validation through ivschat's own `ValidationException`, labels, query
//! lists, status codes, modeled errors, panics, and a client → router round trip over TCP.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ivschat::operation::{
    create_chat_token, create_logging_configuration, create_room, delete_logging_configuration,
    delete_message, delete_room, disconnect_user, get_logging_configuration, get_room,
    list_logging_configurations, list_rooms, list_tags_for_resource, send_event, tag_resource,
    untag_resource, update_logging_configuration, update_room,
};
use ivschat::server::tower::ServiceExt as _;
use ivschat::server::{ServerConfig, axum, router, router_with};
use ivschat::types::error::ResourceNotFoundException;
use ivschat::types::{
    DestinationConfiguration, LoggingConfigurationSummary, ResourceType, RoomSummary,
    S3DestinationConfiguration,
};
use ivschat::{Client, IvschatApi};
use smithy_runtime::client::Credentials;
use smithy_runtime::wire::DateTime;
use smithy_runtime::wire::serde_json::{self, Value};

const ROOM: &str = "arn:aws:ivschat:us-west-2:123456789012:room/abcd1234";
const LOGGING: &str = "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/abcd1234";

/// Records every call (operation, input `Debug`); panics on any input value `boom`; answers
/// `GetRoom` of a room ending in `missing` with ResourceNotFoundException.
#[derive(Clone, Default)]
struct Stub {
    seen: Arc<Mutex<Vec<(&'static str, String)>>>,
}

impl Stub {
    fn record(&self, op: &'static str, input: &impl std::fmt::Debug) {
        let text = format!("{input:?}");
        self.seen.lock().unwrap().push((op, text));
    }
    fn ops(&self) -> Vec<&'static str> {
        self.seen.lock().unwrap().iter().map(|(o, _)| *o).collect()
    }
}

fn time() -> DateTime {
    DateTime::from_secs(1_700_000_000).unwrap()
}

fn room_output() -> get_room::GetRoomOutput {
    get_room::GetRoomOutput {
        arn: Some(ROOM.into()),
        id: Some("abcd1234".into()),
        name: Some("lobby".into()),
        create_time: Some(time()),
        maximum_message_length: Some(300),
        tags: Some(HashMap::from([("team".into(), "blue".into())])),
        logging_configuration_identifiers: Some(vec![LOGGING.into()]),
        ..Default::default()
    }
}

macro_rules! stub_ops {
    ($($m:ident: $in:ident -> $out:ident, $err:ident = |$input:ident| $val:expr;)*) => {
        impl IvschatApi for Stub {
            $(async fn $m(&self, $input: $m::$in) -> Result<$m::$out, $m::$err> {
                self.record(stringify!($m), &$input);
                if format!("{:?}", $input).contains("\"boom\"") {
                    panic!("handler bug");
                }
                $val
            })*
        }
    };
}

stub_ops! {
    create_chat_token: CreateChatTokenInput -> CreateChatTokenOutput, CreateChatTokenError = |i| {
        let _ = &i;
        Ok(create_chat_token::CreateChatTokenOutput {
            token: Some("tok".into()),
            token_expiration_time: Some(time()),
            session_expiration_time: Some(time()),
        })
    };
    create_logging_configuration: CreateLoggingConfigurationInput -> CreateLoggingConfigurationOutput, CreateLoggingConfigurationError = |i| {
        Ok(create_logging_configuration::CreateLoggingConfigurationOutput {
            arn: Some(LOGGING.into()),
            destination_configuration: Some(i.destination_configuration.clone()),
            ..Default::default()
        })
    };
    create_room: CreateRoomInput -> CreateRoomOutput, CreateRoomError = |i| {
        Ok(create_room::CreateRoomOutput { name: i.name.clone(), id: Some("abcd1234".into()), ..Default::default() })
    };
    delete_logging_configuration: DeleteLoggingConfigurationInput -> DeleteLoggingConfigurationOutput, DeleteLoggingConfigurationError = |i| { let _ = &i; Ok(Default::default()) };
    delete_message: DeleteMessageInput -> DeleteMessageOutput, DeleteMessageError = |i| {
        Ok(delete_message::DeleteMessageOutput { id: Some(i.id.clone()) })
    };
    delete_room: DeleteRoomInput -> DeleteRoomOutput, DeleteRoomError = |i| { let _ = &i; Ok(Default::default()) };
    disconnect_user: DisconnectUserInput -> DisconnectUserOutput, DisconnectUserError = |i| { let _ = &i; Ok(Default::default()) };
    get_logging_configuration: GetLoggingConfigurationInput -> GetLoggingConfigurationOutput, GetLoggingConfigurationError = |i| {
        Ok(get_logging_configuration::GetLoggingConfigurationOutput { arn: Some(i.identifier.clone()), ..Default::default() })
    };
    get_room: GetRoomInput -> GetRoomOutput, GetRoomError = |i| {
        if i.identifier.ends_with("missing") {
            Err(get_room::GetRoomError::ResourceNotFoundException(ResourceNotFoundException {
                message: "no such room".into(),
                resource_id: i.identifier.clone(),
                resource_type: ResourceType::from("ROOM"),
                request_id: None,
            }))
        } else {
            Ok(room_output())
        }
    };
    list_logging_configurations: ListLoggingConfigurationsInput -> ListLoggingConfigurationsOutput, ListLoggingConfigurationsError = |i| {
        Ok(list_logging_configurations::ListLoggingConfigurationsOutput {
            logging_configurations: vec![LoggingConfigurationSummary { arn: Some(LOGGING.into()), ..Default::default() }],
            next_token: i.next_token.clone(),
        })
    };
    list_rooms: ListRoomsInput -> ListRoomsOutput, ListRoomsError = |i| {
        Ok(list_rooms::ListRoomsOutput {
            rooms: vec![RoomSummary { arn: Some(ROOM.into()), name: i.name.clone(), ..Default::default() }],
            next_token: Some("next".into()),
        })
    };
    list_tags_for_resource: ListTagsForResourceInput -> ListTagsForResourceOutput, ListTagsForResourceError = |i| {
        Ok(list_tags_for_resource::ListTagsForResourceOutput {
            tags: HashMap::from([("arn".to_string(), i.resource_arn.clone())]),
        })
    };
    send_event: SendEventInput -> SendEventOutput, SendEventError = |i| { let _ = &i; Ok(send_event::SendEventOutput { id: Some("ev1".into()) }) };
    tag_resource: TagResourceInput -> TagResourceOutput, TagResourceError = |i| { let _ = &i; Ok(Default::default()) };
    untag_resource: UntagResourceInput -> UntagResourceOutput, UntagResourceError = |i| { let _ = &i; Ok(Default::default()) };
    update_logging_configuration: UpdateLoggingConfigurationInput -> UpdateLoggingConfigurationOutput, UpdateLoggingConfigurationError = |i| {
        Ok(update_logging_configuration::UpdateLoggingConfigurationOutput { arn: Some(i.identifier.clone()), ..Default::default() })
    };
    update_room: UpdateRoomInput -> UpdateRoomOutput, UpdateRoomError = |i| {
        Ok(update_room::UpdateRoomOutput { arn: Some(i.identifier.clone()), ..Default::default() })
    };
}

/// Sends one request through the router; status, headers and body text.
async fn call(
    app: axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, smithy_runtime::http::HeaderMap, String) {
    let mut b = smithy_runtime::http::Request::builder()
        .method(method)
        .uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let response = app
        .oneshot(b.body(axum::body::Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

const JSON: &[(&str, &str)] = &[("content-type", "application/json")];

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[tokio::test]
async fn every_operation_is_routed_by_method_and_path() {
    let room = format!(r#"{{"identifier":"{ROOM}"}}"#);
    let cases: &[(&str, &str, String, &str)] = &[
        (
            "POST",
            "/CreateChatToken",
            format!(r#"{{"roomIdentifier":"{ROOM}","userId":"u1"}}"#),
            "create_chat_token",
        ),
        (
            "POST",
            "/CreateLoggingConfiguration",
            r#"{"destinationConfiguration":{"s3":{"bucketName":"logs"}}}"#.into(),
            "create_logging_configuration",
        ),
        ("POST", "/CreateRoom", "{}".into(), "create_room"),
        (
            "POST",
            "/DeleteLoggingConfiguration",
            format!(r#"{{"identifier":"{LOGGING}"}}"#),
            "delete_logging_configuration",
        ),
        (
            "POST",
            "/DeleteMessage",
            format!(r#"{{"roomIdentifier":"{ROOM}","id":"abc123def456"}}"#),
            "delete_message",
        ),
        ("POST", "/DeleteRoom", room.clone(), "delete_room"),
        (
            "POST",
            "/DisconnectUser",
            format!(r#"{{"roomIdentifier":"{ROOM}","userId":"u1"}}"#),
            "disconnect_user",
        ),
        (
            "POST",
            "/GetLoggingConfiguration",
            format!(r#"{{"identifier":"{LOGGING}"}}"#),
            "get_logging_configuration",
        ),
        ("POST", "/GetRoom", room.clone(), "get_room"),
        (
            "POST",
            "/ListLoggingConfigurations",
            "{}".into(),
            "list_logging_configurations",
        ),
        ("POST", "/ListRooms", "{}".into(), "list_rooms"),
        (
            "GET",
            "/tags/arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fabcd1234",
            String::new(),
            "list_tags_for_resource",
        ),
        (
            "POST",
            "/SendEvent",
            format!(r#"{{"roomIdentifier":"{ROOM}","eventName":"e"}}"#),
            "send_event",
        ),
        (
            "POST",
            "/tags/arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fabcd1234",
            r#"{"tags":{"a":"b"}}"#.into(),
            "tag_resource",
        ),
        (
            "DELETE",
            "/tags/arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fabcd1234?tagKeys=a",
            String::new(),
            "untag_resource",
        ),
        (
            "POST",
            "/UpdateLoggingConfiguration",
            format!(r#"{{"identifier":"{LOGGING}"}}"#),
            "update_logging_configuration",
        ),
        ("POST", "/UpdateRoom", room.clone(), "update_room"),
    ];
    assert_eq!(cases.len(), 17);
    for (method, uri, body, op) in cases {
        let stub = Stub::default();
        let headers = if body.is_empty() { &[][..] } else { JSON };
        let (status, _, text) = call(router(stub.clone()), method, uri, headers, body).await;
        assert!(
            status == 200 || status == 204,
            "{method} {uri}: {status} {text}"
        );
        assert_eq!(stub.ops(), vec![*op], "{method} {uri}");
    }
}

#[tokio::test]
async fn unknown_route_is_404_and_wrong_method_is_405() {
    let (status, headers, _) = call(
        router(Stub::default()),
        "POST",
        "/NoSuchOperation",
        JSON,
        "{}",
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(headers["x-amzn-errortype"], "UnknownOperationException");
    let (status, headers, _) = call(router(Stub::default()), "GET", "/CreateRoom", &[], "").await;
    assert_eq!(status, 405);
    assert_eq!(headers["x-amzn-errortype"], "UnknownOperationException");
}

#[tokio::test]
async fn framework_errors_for_media_type_json_and_size() {
    let stub = Stub::default();
    let (status, headers, _) = call(
        router(stub.clone()),
        "POST",
        "/CreateRoom",
        &[("content-type", "text/plain")],
        "{}",
    )
    .await;
    assert_eq!(
        (status, headers["x-amzn-errortype"].to_str().unwrap()),
        (415, "UnsupportedMediaTypeException")
    );
    let (status, headers, _) = call(
        router(stub.clone()),
        "POST",
        "/CreateRoom",
        JSON,
        "{not json",
    )
    .await;
    assert_eq!(
        (status, headers["x-amzn-errortype"].to_str().unwrap()),
        (400, "SerializationException")
    );
    let (status, headers, text) = call(
        router(stub.clone()),
        "POST",
        "/CreateRoom",
        JSON,
        r#"{"maximumMessageLength":"long"}"#,
    )
    .await;
    assert_eq!(
        (status, headers["x-amzn-errortype"].to_str().unwrap()),
        (400, "SerializationException")
    );
    assert!(text.contains("maximumMessageLength"), "{text}");
    let small = router_with(stub.clone(), ServerConfig::default().body_limit(16));
    let (status, headers, _) = call(
        small,
        "POST",
        "/CreateRoom",
        JSON,
        r#"{"name":"a-rather-long-room-name"}"#,
    )
    .await;
    assert_eq!(
        (status, headers["x-amzn-errortype"].to_str().unwrap()),
        (413, "RequestEntityTooLargeException")
    );
    assert!(stub.ops().is_empty(), "no request reached the service");
}

#[tokio::test]
async fn every_violation_is_listed_in_ivschats_validation_exception() {
    let stub = Stub::default();
    let body = r#"{"name":"bad name!","maximumMessageLength":0,"maximumMessageRatePerSecond":101}"#;
    let (status, headers, text) =
        call(router(stub.clone()), "POST", "/CreateRoom", JSON, body).await;
    assert_eq!(status, 400, "{text}");
    assert_eq!(headers["x-amzn-errortype"], "ValidationException");
    let doc = json(&text);
    assert_eq!(doc["reason"], "FIELD_VALIDATION_FAILED");
    let mut names: Vec<&str> = doc["fieldList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "maximumMessageLength",
            "maximumMessageRatePerSecond",
            "name"
        ]
    );
    assert!(
        doc["message"]
            .as_str()
            .unwrap()
            .starts_with("3 validation errors detected."),
        "{text}"
    );
    assert!(stub.ops().is_empty());

    // Missing required members and nested ones (a union member's structure) by path.
    let (status, _, text) = call(
        router(stub.clone()),
        "POST",
        "/CreateLoggingConfiguration",
        JSON,
        r#"{"destinationConfiguration":{"s3":{"bucketName":"UPPER"}}}"#,
    )
    .await;
    assert_eq!(status, 400);
    let doc = json(&text);
    let fields = doc["fieldList"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{text}");
    assert_eq!(fields[0]["name"], "/destinationConfiguration/s3/bucketName");
    let (_, _, text) = call(router(stub.clone()), "POST", "/CreateChatToken", JSON, "{}").await;
    let doc = json(&text);
    let mut names: Vec<&str> = doc["fieldList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["roomIdentifier", "userId"], "{text}");
    // Map values are checked under the key's path; list items by index.
    let (_, _, text) = call(
        router(stub.clone()),
        "POST",
        "/tags/x",
        JSON,
        &format!(r#"{{"tags":{{"k":"{}"}}}}"#, "v".repeat(300)),
    )
    .await;
    assert!(text.contains("/tags/k"), "{text}");
}

#[tokio::test]
async fn labels_are_percent_decoded_and_query_lists_repeat() {
    let stub = Stub::default();
    let (status, _, text) = call(
        router(stub.clone()),
        "GET",
        "/tags/arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fabcd1234",
        &[],
        "",
    )
    .await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(json(&text)["tags"]["arn"], ROOM);
    let (status, _, text) = call(
        router(stub.clone()),
        "DELETE",
        "/tags/arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fabcd1234?tagKeys=a&tagKeys=b%20c",
        &[],
        "",
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let seen = stub.seen.lock().unwrap().last().unwrap().1.clone();
    assert!(seen.contains(r#"tag_keys: ["a", "b c"]"#), "{seen}");
    // The required query list is a violation when absent.
    let (status, _, text) = call(
        router(stub.clone()),
        "DELETE",
        "/tags/arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fabcd1234",
        &[],
        "",
    )
    .await;
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("tagKeys"), "{text}");
}

#[tokio::test]
async fn status_codes_modeled_errors_and_panics() {
    let stub = Stub::default();
    let room = format!(r#"{{"identifier":"{ROOM}"}}"#);
    let (status, _, text) = call(router(stub.clone()), "POST", "/DeleteRoom", JSON, &room).await;
    assert_eq!((status, text.as_str()), (204, ""));
    let missing = format!(r#"{{"identifier":"{ROOM}missing"}}"#);
    let (status, headers, text) =
        call(router(stub.clone()), "POST", "/GetRoom", JSON, &missing).await;
    assert_eq!(status, 404);
    assert_eq!(headers["x-amzn-errortype"], "ResourceNotFoundException");
    let doc = json(&text);
    assert_eq!(doc["message"], "no such room");
    assert_eq!(doc["resourceType"], "ROOM");
    let (status, headers, _) = call(
        router(stub.clone()),
        "POST",
        "/DisconnectUser",
        JSON,
        &format!(r#"{{"roomIdentifier":"{ROOM}","userId":"u1","reason":"boom"}}"#),
    )
    .await;
    assert_eq!(status, 500);
    assert_eq!(headers["x-amzn-errortype"], "InternalServerException");
}

#[tokio::test]
async fn generated_client_round_trips_every_operation_over_tcp() {
    let stub = Stub::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(ivschat::server::serve(listener, router(stub.clone())));
    let client = Client::builder()
        .region("us-west-2")
        .endpoint_url(format!("http://{addr}"))
        .credentials(Credentials::new("AKID", "SECRET", None))
        .build()
        .unwrap();

    let tok = IvschatApi::create_chat_token(
        &client,
        create_chat_token::CreateChatTokenInput::builder()
            .room_identifier(ROOM)
            .user_id("u1")
            .attributes("k", "v")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(tok.token.as_deref(), Some("tok"));
    assert_eq!(tok.session_expiration_time, Some(time()));
    let dest = DestinationConfiguration::S3(
        S3DestinationConfiguration::builder()
            .bucket_name("logs")
            .build()
            .unwrap(),
    );
    let created = IvschatApi::create_logging_configuration(
        &client,
        create_logging_configuration::CreateLoggingConfigurationInput::builder()
            .destination_configuration(dest.clone())
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(created.destination_configuration, Some(dest));
    let room = IvschatApi::create_room(
        &client,
        create_room::CreateRoomInput::builder()
            .name("lobby")
            .tags("a", "b")
            .build(),
    )
    .await
    .unwrap();
    assert_eq!(room.name.as_deref(), Some("lobby"));
    IvschatApi::delete_logging_configuration(
        &client,
        delete_logging_configuration::DeleteLoggingConfigurationInput::builder()
            .identifier(LOGGING)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let deleted = IvschatApi::delete_message(
        &client,
        delete_message::DeleteMessageInput::builder()
            .room_identifier(ROOM)
            .id("abc123def456")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(deleted.id.as_deref(), Some("abc123def456"));
    IvschatApi::delete_room(
        &client,
        delete_room::DeleteRoomInput::builder()
            .identifier(ROOM)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    IvschatApi::disconnect_user(
        &client,
        disconnect_user::DisconnectUserInput::builder()
            .room_identifier(ROOM)
            .user_id("u1")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let got = IvschatApi::get_logging_configuration(
        &client,
        get_logging_configuration::GetLoggingConfigurationInput::builder()
            .identifier(LOGGING)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(got.arn.as_deref(), Some(LOGGING));
    let got = IvschatApi::get_room(
        &client,
        get_room::GetRoomInput::builder()
            .identifier(ROOM)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(got, room_output());
    let err = IvschatApi::get_room(
        &client,
        get_room::GetRoomInput::builder()
            .identifier(format!("{ROOM}missing"))
            .build()
            .unwrap(),
    )
    .await
    .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err}");
    let listed = IvschatApi::list_logging_configurations(
        &client,
        list_logging_configurations::ListLoggingConfigurationsInput::builder()
            .next_token("t1")
            .build(),
    )
    .await
    .unwrap();
    assert_eq!(listed.next_token.as_deref(), Some("t1"));
    assert_eq!(listed.logging_configurations.len(), 1);
    let rooms = IvschatApi::list_rooms(
        &client,
        list_rooms::ListRoomsInput::builder().name("lobby").build(),
    )
    .await
    .unwrap();
    assert_eq!(rooms.rooms[0].name.as_deref(), Some("lobby"));
    let tags = IvschatApi::list_tags_for_resource(
        &client,
        list_tags_for_resource::ListTagsForResourceInput::builder()
            .resource_arn(ROOM)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        tags.tags["arn"], ROOM,
        "the ARN label survives encoding and decoding"
    );
    let sent = IvschatApi::send_event(
        &client,
        send_event::SendEventInput::builder()
            .room_identifier(ROOM)
            .event_name("e")
            .attributes("k", "v")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(sent.id.as_deref(), Some("ev1"));
    IvschatApi::tag_resource(
        &client,
        tag_resource::TagResourceInput::builder()
            .resource_arn(ROOM)
            .tags("a", "b")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    IvschatApi::untag_resource(
        &client,
        untag_resource::UntagResourceInput::builder()
            .resource_arn(ROOM)
            .tag_keys("a")
            .tag_keys("b")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let upd = IvschatApi::update_logging_configuration(
        &client,
        update_logging_configuration::UpdateLoggingConfigurationInput::builder()
            .identifier(LOGGING)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(upd.arn.as_deref(), Some(LOGGING));
    let upd = IvschatApi::update_room(
        &client,
        update_room::UpdateRoomInput::builder()
            .identifier(ROOM)
            .maximum_message_length(100)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(upd.arn.as_deref(), Some(ROOM));

    let ops = stub.ops();
    let distinct: std::collections::BTreeSet<_> = ops.iter().collect();
    assert_eq!(distinct.len(), 17, "{ops:?}");
    // What the service received is what the client sent (inputs compared by Debug).
    let seen = stub.seen.lock().unwrap().clone();
    let untag = &seen.iter().find(|(o, _)| *o == "untag_resource").unwrap().1;
    assert_eq!(
        untag,
        &format!(
            "{:?}",
            untag_resource::UntagResourceInput::builder()
                .resource_arn(ROOM)
                .tag_keys("a")
                .tag_keys("b")
                .build()
                .unwrap()
        )
    );
    let update = &seen.iter().find(|(o, _)| *o == "update_room").unwrap().1;
    assert_eq!(
        update,
        &format!(
            "{:?}",
            update_room::UpdateRoomInput::builder()
                .identifier(ROOM)
                .maximum_message_length(100)
                .build()
                .unwrap()
        )
    );
}

//! Every IVS Chat operation on the wire, through an in-process fake transport: exact method, path,
//! query, headers and JSON body of the request; the output parsed from a response shaped like the
//! real service's; every modeled error of every operation plus an unknown one; retries on 429 and
//! 503; timeouts; and the SigV4 `Authorization` header of a request, checked against a signature
//! computed here from the algorithm's definition.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ivschat::Client;
use ivschat::types::{
    ChatTokenCapability, DestinationConfiguration, FallbackResult, MessageReviewHandler,
    S3DestinationConfiguration,
};
use serde_json::{Value, json};
use smithy_runtime::bytes::Bytes;
use smithy_runtime::client::{
    BoxFuture, Credentials, HttpClient, RetryConfig, StreamExt, TimeoutConfig, TransportError,
};
use smithy_runtime::error::UnhandledKind;
use smithy_runtime::http;

const ROOM_ARN: &str = "arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6";
const ROOM_ARN_ENCODED: &str =
    "arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fg1H2I3j4k5L6";
const LOG_ARN: &str = "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ";

type Answer = (u16, Vec<(&'static str, &'static str)>, String);

#[derive(Clone, Debug, Default)]
struct Fake {
    script: Arc<Mutex<VecDeque<Answer>>>,
    seen: Arc<Mutex<Vec<http::Request<Bytes>>>>,
    delay: Option<Duration>,
}

impl HttpClient for Fake {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'static, Result<http::Response<Bytes>, TransportError>> {
        self.seen.lock().unwrap().push(request);
        let next = self.script.lock().unwrap().pop_front();
        let delay = self.delay;
        Box::pin(async move {
            if let Some(d) = delay {
                tokio::time::sleep(d).await;
            }
            let (status, headers, body) = next.expect("a scripted answer per request");
            let mut response = http::Response::new(Bytes::from(body));
            *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
            for (k, v) in headers {
                response
                    .headers_mut()
                    .insert(k, http::HeaderValue::from_static(v));
            }
            Ok(response)
        })
    }
}

fn fake(answers: Vec<Answer>) -> Fake {
    let f = Fake::default();
    *f.script.lock().unwrap() = answers.into();
    f
}

fn client_with(fake: &Fake) -> Client {
    Client::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .http_client(fake.clone())
        .build()
        .expect("client builds")
}

fn ok(body: Value) -> Vec<Answer> {
    vec![(200, vec![], body.to_string())]
}

/// The one request the fake saw: method, path, query, content type and parsed JSON body.
fn only_request(
    fake: &Fake,
) -> (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<Value>,
) {
    let seen = fake.seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "exactly one request");
    let r = &seen[0];
    assert_eq!(
        r.uri().host(),
        Some("ivschat.us-west-2.amazonaws.com"),
        "default endpoint from the endpoint prefix and the region"
    );
    assert_eq!(r.uri().scheme_str(), Some("https"));
    let auth = r.headers()["authorization"].to_str().unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
            && auth.contains("/us-west-2/ivschat/aws4_request"),
        "{auth}"
    );
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string());
    let body = (!r.body().is_empty()).then(|| serde_json::from_slice(r.body()).expect("JSON body"));
    (
        r.method().to_string(),
        r.uri().path().to_string(),
        r.uri().query().map(str::to_string),
        ct,
        body,
    )
}

fn post_json(fake: &Fake, path: &str, body: Value) {
    let (method, p, query, ct, b) = only_request(fake);
    assert_eq!(method, "POST");
    assert_eq!(p, path);
    assert_eq!(query, None);
    assert_eq!(ct.as_deref(), Some("application/json"));
    assert_eq!(b, Some(body));
}

fn room_json() -> Value {
    json!({
        "arn": ROOM_ARN, "id": "g1H2I3j4k5L6", "name": "lobby",
        "createTime": "2024-01-02T03:04:05.678Z", "updateTime": "2024-01-02T03:04:05Z",
        "maximumMessageRatePerSecond": 10, "maximumMessageLength": 500,
        "messageReviewHandler": {"uri": "arn:aws:lambda:us-west-2:123456789012:function:f", "fallbackResult": "DENY"},
        "tags": {"a": "1"}, "loggingConfigurationIdentifiers": [LOG_ARN]
    })
}

fn logging_json(state: &str) -> Value {
    json!({
        "arn": LOG_ARN, "id": "ABcdef34ghIJ", "name": "logs",
        "createTime": "2024-01-02T03:04:05Z", "updateTime": "2024-01-02T03:04:06Z",
        "destinationConfiguration": {"s3": {"bucketName": "bucket"}},
        "state": state, "tags": {}
    })
}

#[tokio::test]
async fn create_room() {
    let f = fake(ok(room_json()));
    let out = client_with(&f)
        .create_room()
        .name("lobby")
        .maximum_message_length(500)
        .maximum_message_rate_per_second(10)
        .message_review_handler(MessageReviewHandler {
            uri: Some("arn:aws:lambda:us-west-2:123456789012:function:f".into()),
            fallback_result: Some(FallbackResult::Deny),
        })
        .tags("a", "1")
        .logging_configuration_identifiers(LOG_ARN)
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/CreateRoom",
        json!({
            "name": "lobby", "maximumMessageLength": 500, "maximumMessageRatePerSecond": 10,
            "messageReviewHandler": {"uri": "arn:aws:lambda:us-west-2:123456789012:function:f", "fallbackResult": "DENY"},
            "tags": {"a": "1"}, "loggingConfigurationIdentifiers": [LOG_ARN]
        }),
    );
    assert_eq!(out.arn.as_deref(), Some(ROOM_ARN));
    assert_eq!(out.maximum_message_length, Some(500));
    let created = out.create_time.unwrap();
    assert_eq!(created.to_string(), "2024-01-02T03:04:05.678Z");
    assert_eq!(
        out.message_review_handler.unwrap().fallback_result,
        Some(FallbackResult::Deny)
    );
    assert_eq!(
        out.logging_configuration_identifiers.unwrap(),
        vec![LOG_ARN]
    );
}

#[tokio::test]
async fn create_room_with_nothing_set_sends_an_empty_object() {
    let f = fake(ok(room_json()));
    client_with(&f).create_room().send().await.unwrap();
    post_json(&f, "/CreateRoom", json!({}));
}

#[tokio::test]
async fn get_update_delete_room() {
    let f = fake(ok(room_json()));
    let got = client_with(&f)
        .get_room()
        .identifier(ROOM_ARN)
        .send()
        .await
        .unwrap();
    post_json(&f, "/GetRoom", json!({"identifier": ROOM_ARN}));
    assert_eq!(got.name.as_deref(), Some("lobby"));

    let f = fake(ok(room_json()));
    client_with(&f)
        .update_room()
        .identifier(ROOM_ARN)
        .name("new")
        .maximum_message_rate_per_second(5)
        .set_logging_configuration_identifiers(Some(vec![]))
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/UpdateRoom",
        json!({"identifier": ROOM_ARN, "name": "new", "maximumMessageRatePerSecond": 5, "loggingConfigurationIdentifiers": []}),
    );

    let f = fake(vec![(204, vec![], String::new())]);
    client_with(&f)
        .delete_room()
        .identifier(ROOM_ARN)
        .send()
        .await
        .unwrap();
    post_json(&f, "/DeleteRoom", json!({"identifier": ROOM_ARN}));
}

#[tokio::test]
async fn list_rooms_with_filters() {
    let f = fake(ok(json!({
        "rooms": [{"arn": ROOM_ARN, "id": "g1H2I3j4k5L6", "name": "lobby", "tags": {},
                   "loggingConfigurationIdentifiers": [], "createTime": "2024-01-02T03:04:05Z",
                   "updateTime": "2024-01-02T03:04:05Z"}],
        "nextToken": "t2"
    })));
    let out = client_with(&f)
        .list_rooms()
        .name("lobby")
        .max_results(1)
        .next_token("t1")
        .message_review_handler_uri("arn:aws:lambda:us-west-2:123456789012:function:f")
        .logging_configuration_identifier(LOG_ARN)
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/ListRooms",
        json!({"name": "lobby", "maxResults": 1, "nextToken": "t1",
               "messageReviewHandlerUri": "arn:aws:lambda:us-west-2:123456789012:function:f",
               "loggingConfigurationIdentifier": LOG_ARN}),
    );
    assert_eq!(out.rooms.len(), 1);
    assert_eq!(out.rooms[0].id.as_deref(), Some("g1H2I3j4k5L6"));
    assert_eq!(out.next_token.as_deref(), Some("t2"));
}

#[tokio::test]
async fn chat_token() {
    let f = fake(ok(json!({
        "token": "secret-token", "tokenExpirationTime": "2024-01-02T03:05:05Z",
        "sessionExpirationTime": "2024-01-02T04:04:05Z"
    })));
    let out = client_with(&f)
        .create_chat_token()
        .room_identifier(ROOM_ARN)
        .user_id("user-1")
        .capabilities(ChatTokenCapability::SendMessage)
        .capabilities(ChatTokenCapability::DeleteMessage)
        .session_duration_in_minutes(30)
        .attributes("displayName", "Ann")
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/CreateChatToken",
        json!({"roomIdentifier": ROOM_ARN, "userId": "user-1",
               "capabilities": ["SEND_MESSAGE", "DELETE_MESSAGE"],
               "sessionDurationInMinutes": 30, "attributes": {"displayName": "Ann"}}),
    );
    assert_eq!(out.token.as_deref(), Some("secret-token"));
    let debug = format!("{out:?}");
    assert!(
        !debug.contains("secret-token"),
        "sensitive token redacted: {debug}"
    );
    assert_eq!(
        out.token_expiration_time.unwrap().to_string(),
        "2024-01-02T03:05:05Z"
    );
}

#[tokio::test]
async fn messaging_operations() {
    let f = fake(ok(json!({"id": "ev1"})));
    let out = client_with(&f)
        .send_event()
        .room_identifier(ROOM_ARN)
        .event_name("app:reload")
        .attributes("k", "v")
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/SendEvent",
        json!({"roomIdentifier": ROOM_ARN, "eventName": "app:reload", "attributes": {"k": "v"}}),
    );
    assert_eq!(out.id.as_deref(), Some("ev1"));

    let f = fake(ok(json!({"id": "del1"})));
    let out = client_with(&f)
        .delete_message()
        .room_identifier(ROOM_ARN)
        .id("ABCDEFGHIJKL")
        .reason("spam")
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/DeleteMessage",
        json!({"roomIdentifier": ROOM_ARN, "id": "ABCDEFGHIJKL", "reason": "spam"}),
    );
    assert_eq!(out.id.as_deref(), Some("del1"));

    let f = fake(ok(json!({})));
    client_with(&f)
        .disconnect_user()
        .room_identifier(ROOM_ARN)
        .user_id("user-1")
        .reason("bye")
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/DisconnectUser",
        json!({"roomIdentifier": ROOM_ARN, "userId": "user-1", "reason": "bye"}),
    );
}

#[tokio::test]
async fn logging_configurations() {
    let f = fake(ok(logging_json("ACTIVE")));
    let out = client_with(&f)
        .create_logging_configuration()
        .name("logs")
        .destination_configuration(DestinationConfiguration::S3(S3DestinationConfiguration {
            bucket_name: "bucket".into(),
        }))
        .tags("k", "v")
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/CreateLoggingConfiguration",
        json!({"name": "logs", "destinationConfiguration": {"s3": {"bucketName": "bucket"}}, "tags": {"k": "v"}}),
    );
    assert_eq!(out.state.as_ref().map(|s| s.as_str()), Some("ACTIVE"));
    assert!(matches!(
        out.destination_configuration,
        Some(DestinationConfiguration::S3(ref s)) if s.bucket_name == "bucket"
    ));

    let f = fake(ok(logging_json("ACTIVE")));
    let out = client_with(&f)
        .get_logging_configuration()
        .identifier(LOG_ARN)
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/GetLoggingConfiguration",
        json!({"identifier": LOG_ARN}),
    );
    assert_eq!(out.id.as_deref(), Some("ABcdef34ghIJ"));

    let f = fake(ok(logging_json("ACTIVE")));
    client_with(&f)
        .update_logging_configuration()
        .identifier(LOG_ARN)
        .name("renamed")
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/UpdateLoggingConfiguration",
        json!({"identifier": LOG_ARN, "name": "renamed"}),
    );

    let f = fake(vec![(204, vec![], String::new())]);
    client_with(&f)
        .delete_logging_configuration()
        .identifier(LOG_ARN)
        .send()
        .await
        .unwrap();
    post_json(
        &f,
        "/DeleteLoggingConfiguration",
        json!({"identifier": LOG_ARN}),
    );

    let f = fake(ok(
        json!({"loggingConfigurations": [logging_json("ACTIVE")]}),
    ));
    let out = client_with(&f)
        .list_logging_configurations()
        .max_results(5)
        .send()
        .await
        .unwrap();
    post_json(&f, "/ListLoggingConfigurations", json!({"maxResults": 5}));
    assert_eq!(out.logging_configurations.len(), 1);
    assert_eq!(out.next_token, None);
}

#[tokio::test]
async fn tags_use_the_percent_encoded_arn_label_and_repeat_tag_keys() {
    let f = fake(ok(json!({"tags": {"a": "1"}})));
    let out = client_with(&f)
        .list_tags_for_resource()
        .resource_arn(ROOM_ARN)
        .send()
        .await
        .unwrap();
    let (method, path, query, ct, body) = only_request(&f);
    assert_eq!(
        (method.as_str(), query, ct, body),
        ("GET", None, None, None),
        "a GET without body members has neither body nor content type"
    );
    assert_eq!(path, format!("/tags/{ROOM_ARN_ENCODED}"));
    assert_eq!(out.tags.get("a").map(String::as_str), Some("1"));

    let f = fake(ok(json!({})));
    client_with(&f)
        .tag_resource()
        .resource_arn(ROOM_ARN)
        .tags("team", "chat")
        .send()
        .await
        .unwrap();
    let (method, path, query, ct, body) = only_request(&f);
    assert_eq!(method, "POST");
    assert_eq!(path, format!("/tags/{ROOM_ARN_ENCODED}"));
    assert_eq!(query, None);
    assert_eq!(ct.as_deref(), Some("application/json"));
    assert_eq!(
        body,
        Some(json!({"tags": {"team": "chat"}})),
        "the label is not in the body"
    );

    let f = fake(ok(json!({})));
    client_with(&f)
        .untag_resource()
        .resource_arn(ROOM_ARN)
        .tag_keys("team")
        .tag_keys("a b/c&d")
        .send()
        .await
        .unwrap();
    let (method, path, query, ct, body) = only_request(&f);
    assert_eq!(method, "DELETE");
    assert_eq!(path, format!("/tags/{ROOM_ARN_ENCODED}"));
    assert_eq!(query.as_deref(), Some("tagKeys=team&tagKeys=a%20b%2Fc%26d"));
    assert_eq!((ct, body), (None, None));
}

/// Every modeled error of every operation, by the status and `x-amzn-errortype` the service sends.
#[tokio::test(start_paused = true)]
async fn every_modeled_error_of_every_operation_is_dispatched() {
    let model: Value = smithy_model::Model::load_idl(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../model/ivschat.smithy"
    )))
    .unwrap()
    .to_json_ast();
    let shapes = model["shapes"].as_object().unwrap();
    let mut checked = 0;
    for (id, shape) in shapes {
        if shape["type"] != "operation" {
            continue;
        }
        let op = id.split('#').nth(1).unwrap();
        for e in shape["errors"].as_array().unwrap() {
            let eid = e["target"].as_str().unwrap();
            let name = eid.split('#').nth(1).unwrap();
            let status = shapes[eid]["traits"]["smithy.api#httpError"]
                .as_u64()
                .unwrap() as u16;
            let header: &'static str =
                Box::leak(format!("{name}:http://internal.amazon.com/").into_boxed_str());
            let answer = (
                status,
                vec![("x-amzn-errortype", header), ("x-amzn-requestid", "req-1")],
                json!({"message": format!("{name} happened"), "resourceId": "r", "resourceType": "ROOM",
                       "reason": "OTHER", "limit": 3})
                .to_string(),
            );
            // Throttling (429) and server errors (500) are retried: three attempts by default.
            let f = fake(vec![answer; 3]);
            let c = client_with(&f);
            let (code, message, display) = call_failing(&c, op).await;
            assert_eq!(code.as_deref(), Some(name), "{op}: {display}");
            assert_eq!(
                message.as_deref(),
                Some(format!("{name} happened").as_str()),
                "{op}"
            );
            assert_eq!(display, format!("{op} failed: {name}: {name} happened"));
            let attempts = f.seen.lock().unwrap().len();
            let retried = status == 429 || status >= 500;
            assert_eq!(attempts, if retried { 3 } else { 1 }, "{op} {name}");
            checked += 1;
        }
    }
    // 69 = the sum of the 17 operations' error lists in the published model (4 + 6 + 6 + 5 + ...).
    assert_eq!(checked, 69, "(operation, error) pairs checked");
}

/// Calls operation `op` with valid input and returns (code, message, Display) of its error.
async fn call_failing(c: &Client, op: &str) -> (Option<String>, Option<String>, String) {
    macro_rules! fail {
        ($call:expr) => {{
            let e = $call.send().await.expect_err("scripted error");
            (
                e.code().map(str::to_string),
                e.message().map(str::to_string),
                e.to_string(),
            )
        }};
    }
    let dest = DestinationConfiguration::S3(S3DestinationConfiguration {
        bucket_name: "b".into(),
    });
    match op {
        "CreateChatToken" => fail!(c.create_chat_token().room_identifier(ROOM_ARN).user_id("u")),
        "CreateLoggingConfiguration" => fail!(
            c.create_logging_configuration()
                .destination_configuration(dest)
        ),
        "CreateRoom" => fail!(c.create_room()),
        "DeleteLoggingConfiguration" => fail!(c.delete_logging_configuration().identifier(LOG_ARN)),
        "DeleteMessage" => fail!(
            c.delete_message()
                .room_identifier(ROOM_ARN)
                .id("ABCDEFGHIJKL")
        ),
        "DeleteRoom" => fail!(c.delete_room().identifier(ROOM_ARN)),
        "DisconnectUser" => fail!(c.disconnect_user().room_identifier(ROOM_ARN).user_id("u")),
        "GetLoggingConfiguration" => fail!(c.get_logging_configuration().identifier(LOG_ARN)),
        "GetRoom" => fail!(c.get_room().identifier(ROOM_ARN)),
        "ListLoggingConfigurations" => fail!(c.list_logging_configurations()),
        "ListRooms" => fail!(c.list_rooms()),
        "ListTagsForResource" => fail!(c.list_tags_for_resource().resource_arn(ROOM_ARN)),
        "SendEvent" => fail!(c.send_event().room_identifier(ROOM_ARN).event_name("e")),
        "TagResource" => fail!(c.tag_resource().resource_arn(ROOM_ARN).tags("k", "v")),
        "UntagResource" => fail!(c.untag_resource().resource_arn(ROOM_ARN).tag_keys("k")),
        "UpdateLoggingConfiguration" => fail!(c.update_logging_configuration().identifier(LOG_ARN)),
        "UpdateRoom" => fail!(c.update_room().identifier(ROOM_ARN)),
        other => panic!("operation {other} has no case here: add one"),
    }
}

#[tokio::test]
async fn error_code_from_the_body_when_the_header_is_absent() {
    let f = fake(vec![(
        404,
        vec![],
        json!({"__type": "com.amazonaws.ivschat#ResourceNotFoundException", "message": "gone",
               "resourceId": "g1H2I3j4k5L6", "resourceType": "ROOM"})
        .to_string(),
    )]);
    let err = client_with(&f)
        .get_room()
        .identifier(ROOM_ARN)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err:?}");

    let f = fake(vec![(
        400,
        vec![("x-amzn-requestid", "req-77")],
        json!({"code": "BrandNewException", "message": "new"}).to_string(),
    )]);
    let err = client_with(&f)
        .get_room()
        .identifier(ROOM_ARN)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("BrandNewException"));
    assert_eq!(err.request_id(), Some("req-77"));
    assert!(err.to_string().contains("BrandNewException"), "{err}");
}

#[tokio::test]
async fn paginator_follows_next_token_over_three_pages() {
    let page = |ids: &[&str], next: Option<&str>| {
        let rooms: Vec<Value> = ids
            .iter()
            .map(|id| json!({"arn": format!("arn:aws:ivschat:us-west-2:123456789012:room/{id}"), "id": id}))
            .collect();
        let mut body = json!({"rooms": rooms});
        if let Some(n) = next {
            body["nextToken"] = json!(n);
        }
        (200, vec![], body.to_string())
    };
    let f = fake(vec![
        page(&["a", "b"], Some("t1")),
        page(&["c", "d"], Some("t2")),
        page(&["e"], None),
    ]);
    let ids: Vec<String> = client_with(&f)
        .list_rooms()
        .max_results(2)
        .into_paginator()
        .items()
        .map(|r| r.expect("page").id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let seen = f.seen.lock().unwrap();
    let tokens: Vec<Value> = seen
        .iter()
        .map(|r| serde_json::from_slice::<Value>(r.body()).unwrap())
        .collect();
    assert_eq!(
        tokens,
        vec![
            json!({"maxResults": 2}),
            json!({"maxResults": 2, "nextToken": "t1"}),
            json!({"maxResults": 2, "nextToken": "t2"}),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn retries_throttling_and_unavailable_then_succeeds() {
    let f = fake(vec![
        (
            429,
            vec![("x-amzn-errortype", "ThrottlingException")],
            json!({"message": "slow down"}).to_string(),
        ),
        (503, vec![], String::new()),
        (200, vec![], room_json().to_string()),
    ]);
    let out = client_with(&f)
        .get_room()
        .identifier(ROOM_ARN)
        .send()
        .await
        .unwrap();
    assert_eq!(out.id.as_deref(), Some("g1H2I3j4k5L6"));
    let seen = f.seen.lock().unwrap();
    assert_eq!(seen.len(), 3, "two retries");
    assert!(
        seen.iter().all(|r| r.body() == seen[0].body()),
        "every attempt sends the same request"
    );
}

#[tokio::test(start_paused = true)]
async fn retries_are_bounded_and_the_last_error_is_typed() {
    let throttled = || {
        (
            429,
            vec![("x-amzn-errortype", "ThrottlingException")],
            json!({"message": "slow down", "resourceId": "r", "resourceType": "ROOM", "limit": 1})
                .to_string(),
        )
    };
    let f = fake(vec![throttled(), throttled()]);
    let client = Client::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .retry(RetryConfig::default().with_max_attempts(2))
        .http_client(f.clone())
        .build()
        .unwrap();
    let err = client
        .send_event()
        .room_identifier(ROOM_ARN)
        .event_name("e")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_throttling_exception(), "{err:?}");
    assert_eq!(f.seen.lock().unwrap().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn operation_timeout() {
    let mut f = fake(vec![(200, vec![], room_json().to_string()); 5]);
    f.delay = Some(Duration::from_secs(30));
    let client = Client::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .timeouts(TimeoutConfig::default().with_operation_timeout(Some(Duration::from_secs(2))))
        .http_client(f.clone())
        .build()
        .unwrap();
    let err = client
        .get_room()
        .identifier(ROOM_ARN)
        .send()
        .await
        .unwrap_err();
    let ivschat::operation::get_room::GetRoomError::Unhandled(u) = &err else {
        panic!("a timeout is unhandled: {err:?}")
    };
    assert_eq!(u.kind(), UnhandledKind::Timeout);
    assert!(err.to_string().contains("timed out"), "{err}");
}

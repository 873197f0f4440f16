//! Requests through the whole server: media types, size limit, malformed bodies, validation,
//! success and modeled-error responses, 204, and panics.
#![cfg(feature = "server")]

mod server_support;

use serde_json::json;
use server_support::{Memory, json_of, read, request, router, router_with_config};
use smithy_runtime::server::ServerConfig;
use tower::ServiceExt as _;

const JSON: (&str, &str) = ("content-type", "application/json");

async fn send(
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, http::HeaderMap, String) {
    read(
        router(Memory::default())
            .oneshot(request(method, uri, headers, body))
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn create_then_get_then_delete() {
    let memory = Memory::default();
    let app = router(memory.clone());
    let body = r#"{"name":"lobby","maximumMessageLength":100,"tags":{"env":"dev"},"mode":"open","aliases":["a","b"]}"#;
    let (status, headers, text) = read(
        app.clone()
            .oneshot(request("POST", "/rooms", &[JSON], body))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, &headers["content-type"]),
        (200, &"application/json".parse().unwrap())
    );
    assert_eq!(json_of(&text), json!({"id": "room-1", "name": "lobby"}));
    let created = memory.created.lock().unwrap()[0].clone();
    assert_eq!(created.maximum_message_length, Some(100));
    assert_eq!(created.tags["env"], "dev");
    assert_eq!(created.aliases, ["a", "b"]);

    let (status, _, text) = read(
        app.clone()
            .oneshot(request("GET", "/rooms/room-1", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, json_of(&text)),
        (200, json!({"id": "room-1", "name": "lobby"}))
    );

    // 204: no body, no content type.
    let (status, headers, text) = read(
        app.clone()
            .oneshot(request("DELETE", "/rooms/room-1", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, text.as_str()), (204, ""));
    assert!(headers.get("content-type").is_none());

    // Modeled error: @httpError status, X-Amzn-Errortype, JSON message.
    let (status, headers, text) = read(
        app.oneshot(request("GET", "/rooms/room-1", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(headers["x-amzn-errortype"], "ResourceNotFoundException");
    assert_eq!(json_of(&text), json!({"message": "room room-1 not found"}));
}

#[tokio::test]
async fn content_type_is_checked() {
    // Wrong media type for a JSON body.
    let (status, headers, text) = send(
        "POST",
        "/rooms",
        &[("content-type", "application/hal+json")],
        r#"{"name":"a"}"#,
    )
    .await;
    assert_eq!(
        (status, &headers["x-amzn-errortype"]),
        (415, &"UnsupportedMediaTypeException".parse().unwrap())
    );
    assert_eq!(
        json_of(&text)["message"],
        "expected Content-Type `application/json`, got `application/hal+json`"
    );
    // A body without any Content-Type.
    let (status, _, _) = send("POST", "/rooms", &[], r#"{"name":"a"}"#).await;
    assert_eq!(status, 415);
    // Content-Type on an operation without a modeled body.
    let (status, headers, _) = send("POST", "/panic", &[JSON], "{}").await;
    assert_eq!(
        (status, &headers["x-amzn-errortype"]),
        (415, &"UnsupportedMediaTypeException".parse().unwrap())
    );
    // Parameters are fine.
    let (status, _, _) = send(
        "POST",
        "/rooms",
        &[("content-type", "application/json; charset=utf-8")],
        r#"{"name":"a"}"#,
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn accept_is_checked() {
    let (status, headers, _) = send(
        "GET",
        "/rooms/stats",
        &[("accept", "application/hal+json")],
        "",
    )
    .await;
    assert_eq!(
        (status, &headers["x-amzn-errortype"]),
        (406, &"NotAcceptableException".parse().unwrap())
    );
    let (status, _, _) = send("GET", "/rooms/stats", &[("accept", "application/json")], "").await;
    assert_eq!(status, 200);
    let (status, _, _) = send("GET", "/rooms/stats", &[("accept", "*/*")], "").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let app = router_with_config(Memory::default(), ServerConfig::default().body_limit(64));
    let big = format!(r#"{{"name":"{}"}}"#, "a".repeat(100));
    // Announced by Content-Length (axum's Body::from sets none, so set it as a client would).
    let len = big.len().to_string();
    let (status, headers, text) = read(
        app.clone()
            .oneshot(request(
                "POST",
                "/rooms",
                &[JSON, ("content-length", &len)],
                &big,
            ))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, &headers["x-amzn-errortype"]),
        (413, &"RequestEntityTooLargeException".parse().unwrap())
    );
    assert_eq!(
        json_of(&text)["message"],
        "the request body is larger than the limit of 64 bytes"
    );
    // Not announced: the limit is enforced while reading.
    let (status, _, _) = read(
        app.clone()
            .oneshot(request("POST", "/rooms", &[JSON], &big))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 413);
    // Just under the limit passes.
    let (status, _, _) = read(
        app.oneshot(request("POST", "/rooms", &[JSON], r#"{"name":"ok"}"#))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    // The default limit is 1 MiB.
    let huge = format!(r#"{{"name":"a","pad":"{}"}}"#, "x".repeat(1024 * 1024));
    let (status, _, _) = send("POST", "/rooms", &[JSON], &huge).await;
    assert_eq!(status, 413);
}

#[tokio::test]
async fn malformed_json_is_a_serialization_exception() {
    // The restJson1 `RestJsonInvalidJsonBody` and `RestJsonTechnicallyValidJsonBody` bodies.
    for body in [
        "{[",
        r#"{ "name": "a" }abc"#,
        r#"abc{ "name": "a" }"#,
        "{\n \"name\": \"a\" // comment\n}",
        "{\"name\" :\u{000c}\"a\"}",
        "{'name': 'a'}",
        r#"{"name": "a",}"#,
        r#"[{ "name": "a"}]"#,
        "10",
        "null",
    ] {
        let (status, headers, text) = send("POST", "/rooms", &[JSON], body).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            headers["x-amzn-errortype"], "SerializationException",
            "{body}"
        );
        assert!(json_of(&text)["message"].is_string(), "{text}");
    }
}

#[tokio::test]
async fn wrong_json_types_name_the_path() {
    let (status, headers, text) = send("POST", "/rooms", &[JSON], r#"{"name": 5}"#).await;
    assert_eq!(
        (status, &headers["x-amzn-errortype"]),
        (400, &"SerializationException".parse().unwrap())
    );
    assert_eq!(
        json_of(&text),
        json!({"message": "at $.name: expected a string, found a number"})
    );
    let (_, _, text) = send(
        "POST",
        "/rooms",
        &[JSON],
        r#"{"name": "a", "aliases": ["x", 1]}"#,
    )
    .await;
    assert_eq!(
        json_of(&text),
        json!({"message": "at $.aliases[1]: expected a string, found a number"})
    );
    let (_, _, text) = send(
        "POST",
        "/rooms",
        &[JSON],
        r#"{"name": "a", "maximumMessageLength": 3000000000}"#,
    )
    .await;
    assert_eq!(
        json_of(&text)["message"]
            .as_str()
            .unwrap()
            .split(':')
            .next(),
        Some("at $.maximumMessageLength")
    );
    let (status, _, _) = send("GET", "/slow?ms=soon", &[], "").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn validation_reports_every_violation_at_once() {
    let body = r#"{"maximumMessageLength": 0, "tags": {"a": "1", "b": "2", "c": "3", "longerthan8": "x"},
                   "mode": "secret", "aliases": ["x", "y", "x"]}"#;
    let (status, headers, text) = send("POST", "/rooms", &[JSON], body).await;
    assert_eq!(status, 400);
    assert_eq!(headers["x-amzn-errortype"], "ValidationException");
    let fields = [
        (
            "/name",
            "Value at '/name' failed to satisfy constraint: Member must not be null",
        ),
        (
            "/maximumMessageLength",
            "Value at '/maximumMessageLength' failed to satisfy constraint: Member must be between 1 and 500, inclusive",
        ),
        (
            "/tags",
            "Value with length 4 at '/tags' failed to satisfy constraint: Member must have length less than or equal to 3",
        ),
        (
            "/tags",
            "Value with length 11 at '/tags' failed to satisfy constraint: Member must have length between 1 and 8, inclusive",
        ),
        (
            "/mode",
            "Value at '/mode' failed to satisfy constraint: Member must satisfy enum value set: [open, closed]",
        ),
        (
            "/aliases",
            "Value at '/aliases' failed to satisfy constraint: Member must have unique values",
        ),
    ];
    let message = format!(
        "6 validation errors detected. {}",
        fields
            .iter()
            .map(|(_, m)| *m)
            .collect::<Vec<_>>()
            .join("; ")
    );
    let field_list: Vec<_> = fields
        .iter()
        .map(|(p, m)| json!({"path": p, "message": m}))
        .collect();
    assert_eq!(
        json_of(&text),
        json!({"message": message, "fieldList": field_list})
    );
}

#[tokio::test]
async fn a_single_violation_matches_the_protocol_test_wording() {
    // Shaped like restJson1 `RestJsonMalformedLengthString` / `RestJsonMalformedPatternString`.
    let (_, _, text) = send("POST", "/rooms", &[JSON], r#"{"name": "abcdefghijklm"}"#).await;
    let m = "Value with length 13 at '/name' failed to satisfy constraint: Member must have length between 1 and 12, inclusive";
    assert_eq!(
        json_of(&text),
        json!({"message": format!("1 validation error detected. {m}"), "fieldList": [{"path": "/name", "message": m}]})
    );
    let (_, _, text) = send(
        "POST",
        "/rooms",
        &[JSON],
        r#"{"name": "no spaces", "tags": {"k": "12345678901234567"}}"#,
    )
    .await;
    assert_eq!(
        json_of(&text)["fieldList"],
        json!([
            {"path": "/name", "message": "Value at '/name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]*$"},
            {"path": "/tags/k", "message": "Value with length 17 at '/tags/k' failed to satisfy constraint: Member must have length less than or equal to 16"}
        ])
    );
}

#[tokio::test]
async fn a_panicking_handler_gives_a_500_json_error() {
    let (status, headers, text) = send("POST", "/panic", &[], "").await;
    assert_eq!(status, 500);
    assert_eq!(headers["x-amzn-errortype"], "InternalServerException");
    assert_eq!(json_of(&text), json!({"message": "internal server error"}));
    // The server keeps serving afterwards.
    let app = router(Memory::default());
    let _ = app
        .clone()
        .oneshot(request("POST", "/panic", &[], ""))
        .await
        .unwrap();
    let (status, _, _) = read(
        app.oneshot(request("GET", "/rooms/stats", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn an_empty_body_reads_as_an_empty_object() {
    // No body and no Content-Type: the input is `{}`, so only the required check fails.
    let (status, headers, text) = send("POST", "/rooms", &[], "").await;
    assert_eq!(
        (status, &headers["x-amzn-errortype"]),
        (400, &"ValidationException".parse().unwrap())
    );
    assert_eq!(json_of(&text)["fieldList"][0]["path"], "/name");
}

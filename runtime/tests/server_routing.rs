//! Routing through the whole server: precedence, greedy labels, query literals, decoding,
//! 404 and 405.
#![cfg(feature = "server")]

mod server_support;

use server_support::{Memory, json_of, read, request, router};
use tower::ServiceExt as _;

/// (method, uri) → the operation the server picked and the label it decoded.
async fn routed(method: &str, uri: &str) -> (u16, serde_json::Value) {
    let (status, _, body) = read(
        router(Memory::default())
            .oneshot(request(method, uri, &[], ""))
            .await
            .unwrap(),
    )
    .await;
    (status, json_of(&body))
}

#[tokio::test]
async fn literal_segments_beat_labels_and_labels_beat_greedy() {
    // `/rooms/stats` is both GetRoomStats (2 literals) and GetRoom (`/rooms/{roomId}`).
    assert_eq!(
        routed("GET", "/rooms/stats").await,
        (200, serde_json::json!({"operation": "GetRoomStats"}))
    );
    // `/objects/a/meta` is both GetObjectMeta (`/objects/{key+}/meta`) and GetObject
    // (`/objects/{key+}`): more literal segments win.
    assert_eq!(
        routed("GET", "/objects/a/meta").await,
        (
            200,
            serde_json::json!({"operation": "GetObjectMeta", "label": "a"})
        )
    );
    assert_eq!(
        routed("GET", "/objects/a/b").await,
        (
            200,
            serde_json::json!({"operation": "GetObject", "label": "a/b"})
        )
    );
}

#[tokio::test]
async fn greedy_labels_span_slashes_even_in_the_middle() {
    assert_eq!(
        routed("GET", "/objects/photos/2024/cat.jpg/meta").await,
        (
            200,
            serde_json::json!({"operation": "GetObjectMeta", "label": "photos/2024/cat.jpg"})
        )
    );
    assert_eq!(
        routed("GET", "/objects/photos/2024/cat.jpg").await,
        (
            200,
            serde_json::json!({"operation": "GetObject", "label": "photos/2024/cat.jpg"})
        )
    );
    // A greedy label needs at least one segment: `/objects/meta` is GetObject with key "meta".
    assert_eq!(
        routed("GET", "/objects/meta").await,
        (
            200,
            serde_json::json!({"operation": "GetObject", "label": "meta"})
        )
    );
}

#[tokio::test]
async fn labels_are_percent_decoded_including_slashes() {
    assert_eq!(
        routed(
            "GET",
            "/tags/arn%3Aaws%3Aivschat%3Aus-east-1%3A1%3Aroom%2Fabc?list"
        )
        .await,
        (
            200,
            serde_json::json!({"operation": "ListTagsForResource", "label": "arn:aws:ivschat:us-east-1:1:room/abc"})
        )
    );
    assert_eq!(
        routed("GET", "/objects/a%20b%2Fc/d%F0%9F%98%B9/meta").await,
        (
            200,
            serde_json::json!({"operation": "GetObjectMeta", "label": "a b/c/d😹"})
        )
    );
    // `+` in a path is a literal plus, not a space.
    assert_eq!(
        routed("GET", "/tags/a+b").await,
        (
            200,
            serde_json::json!({"operation": "DescribeResource", "label": "a+b"})
        )
    );
}

#[tokio::test]
async fn required_query_literals_select_the_route() {
    assert_eq!(
        routed("GET", "/tags/x?list").await.1["operation"],
        "ListTagsForResource"
    );
    assert_eq!(
        routed("GET", "/tags/x?other=1&list=").await.1["operation"],
        "ListTagsForResource"
    );
    assert_eq!(
        routed("GET", "/tags/x").await.1["operation"],
        "DescribeResource"
    );
    assert_eq!(
        routed("GET", "/tags/x?lists").await.1["operation"],
        "DescribeResource"
    );
    // `?type=room` must carry that exact value.
    assert_eq!(
        routed("GET", "/search?a=1&type=room").await.1["operation"],
        "SearchRooms"
    );
    assert_eq!(routed("GET", "/search?type=user").await.0, 404);
    assert_eq!(routed("GET", "/search").await.0, 404);
}

#[tokio::test]
async fn unknown_routes_are_404_unknown_operation() {
    for uri in [
        "/nope",
        "/",
        "/rooms/a/b",
        "/rooms/",
        "/tags//x",
        "/objects/",
    ] {
        let (status, headers, body) = read(
            router(Memory::default())
                .oneshot(request("GET", uri, &[], ""))
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 404, "{uri}");
        assert_eq!(
            headers["x-amzn-errortype"], "UnknownOperationException",
            "{uri}"
        );
        assert_eq!(headers["content-type"], "application/json");
        let path = uri.split('?').next().unwrap();
        assert_eq!(
            json_of(&body),
            serde_json::json!({"message": format!("no operation matches GET {path}")})
        );
    }
}

#[tokio::test]
async fn known_path_with_another_method_is_405_with_allow() {
    let (status, headers, body) = read(
        router(Memory::default())
            .oneshot(request("PUT", "/rooms/abc", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 405);
    assert_eq!(headers["x-amzn-errortype"], "UnknownOperationException");
    assert_eq!(headers["allow"], "GET, DELETE");
    assert_eq!(
        json_of(&body)["message"],
        "PUT is not allowed for /rooms/abc"
    );
    // A lower-ranked route with the right method still wins over a 405.
    let (status, headers, body) = read(
        router(Memory::default())
            .oneshot(request("DELETE", "/rooms/stats", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    // DeleteRoom of room `stats`, which does not exist: the operation's modeled 404.
    assert_eq!(status, 404);
    assert_eq!(headers["x-amzn-errortype"], "ResourceNotFoundException");
    assert_eq!(json_of(&body)["message"], "room stats not found");
}

#[tokio::test]
async fn bad_percent_encoding_in_a_label_is_a_serialization_error() {
    let (status, headers, body) = read(
        router(Memory::default())
            .oneshot(request("GET", "/rooms/%FF", &[], ""))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(headers["x-amzn-errortype"], "SerializationException");
    assert!(
        json_of(&body)["message"]
            .as_str()
            .unwrap()
            .contains("label `roomId`"),
        "{body}"
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let a = router(Memory::default())
        .oneshot(request("GET", "/rooms/stats", &[], ""))
        .await
        .unwrap();
    let b = router(Memory::default())
        .oneshot(request("GET", "/nope", &[], ""))
        .await
        .unwrap();
    let id = |r: &http::Response<_>| {
        r.headers()["x-amzn-requestid"]
            .to_str()
            .unwrap()
            .to_string()
    };
    let (ia, ib) = (id(&a), id(&b));
    assert_eq!(ia.len(), 36);
    assert_eq!(ia.as_bytes()[14], b'4', "UUID v4 form: {ia}");
    assert_ne!(ia, ib);
}

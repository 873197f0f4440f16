//! An update that names one setting keeps every other one, end to end: the generated client
//! sends only what the caller set, over a real loopback connection, to the generated router
//! serving the emulator.

mod common;

use common::*;
use ivschat::types::{FallbackResult, MessageReviewHandler};
use smithy_runtime::client::Credentials;

#[tokio::test]
async fn update_room_with_only_a_name_keeps_every_other_setting() {
    let emu = emulator();
    let log = logging_configuration(&emu, "chat-logs").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(ivschat::server::serve(
        listener,
        ivschat::server::router(emu),
    ));
    let client = ivschat::Client::builder()
        .region(REGION)
        .endpoint_url(&endpoint)
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .build()
        .unwrap();

    let created = client
        .create_room()
        .name("lobby")
        .maximum_message_rate_per_second(7)
        .maximum_message_length(42)
        .message_review_handler(MessageReviewHandler {
            uri: Some(LAMBDA.into()),
            fallback_result: Some(FallbackResult::Deny),
        })
        .logging_configuration_identifiers(log.clone())
        .tags("team", "chat")
        .send()
        .await
        .unwrap();
    let arn = created.arn.clone().unwrap();

    let updated = client
        .update_room()
        .identifier(&arn)
        .name("renamed")
        .send()
        .await
        .unwrap();
    assert_eq!(updated.name.as_deref(), Some("renamed"));
    let got = client.get_room().identifier(&arn).send().await.unwrap();
    assert_eq!(got.name.as_deref(), Some("renamed"));
    assert_eq!(got.maximum_message_rate_per_second, Some(7));
    assert_eq!(got.maximum_message_length, Some(42));
    assert_eq!(got.message_review_handler, created.message_review_handler);
    assert_eq!(got.logging_configuration_identifiers, Some(vec![log]));
    assert_eq!(got.tags, created.tags);
    server.abort();
}

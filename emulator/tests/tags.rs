//! TagResource, UntagResource and ListTagsForResource on both resource kinds.

mod common;

use std::collections::HashMap;

use common::*;
use ivschat::IvschatApi;
use ivschat::operation::create_logging_configuration::{
    CreateLoggingConfigurationError, CreateLoggingConfigurationInput,
};
use ivschat::operation::create_room::{CreateRoomError, CreateRoomInput};
use ivschat::operation::get_logging_configuration::GetLoggingConfigurationInput;
use ivschat::operation::get_room::GetRoomInput;
use ivschat::operation::list_tags_for_resource::{
    ListTagsForResourceError, ListTagsForResourceInput,
};
use ivschat::operation::tag_resource::{TagResourceError, TagResourceInput};
use ivschat::operation::untag_resource::{UntagResourceError, UntagResourceInput};
use ivschat::types::ValidationExceptionReason;
use ivschat_emulator::Emulator;

fn tags(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn numbered(range: std::ops::Range<usize>) -> HashMap<String, String> {
    range.map(|i| (format!("k{i}"), "v".to_string())).collect()
}

async fn listed(emu: &Emulator, arn: &str) -> HashMap<String, String> {
    emu.list_tags_for_resource(ListTagsForResourceInput {
        resource_arn: arn.to_string(),
    })
    .await
    .unwrap()
    .tags
}

async fn tag(
    emu: &Emulator,
    arn: &str,
    t: HashMap<String, String>,
) -> Result<(), TagResourceError> {
    emu.tag_resource(TagResourceInput {
        resource_arn: arn.to_string(),
        tags: t,
    })
    .await
    .map(|_| ())
}

async fn untag(emu: &Emulator, arn: &str, keys: &[&str]) {
    emu.untag_resource(UntagResourceInput {
        resource_arn: arn.to_string(),
        tag_keys: keys.iter().map(|k| k.to_string()).collect(),
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn room_tags_merge_overwrite_and_remove() {
    let emu = emulator();
    let arn = emu
        .create_room(CreateRoomInput::builder().tags("a", "1").build())
        .await
        .unwrap()
        .arn
        .unwrap();
    tag(&emu, &arn, tags(&[("b", "2"), ("c", "3")]))
        .await
        .unwrap();
    assert_eq!(
        listed(&emu, &arn).await,
        tags(&[("a", "1"), ("b", "2"), ("c", "3")])
    );
    tag(&emu, &arn, tags(&[("a", "one")])).await.unwrap();
    untag(&emu, &arn, &["c", "not-there"]).await;
    assert_eq!(listed(&emu, &arn).await, tags(&[("a", "one"), ("b", "2")]));
    // GetRoom shows the same tags.
    let room = emu
        .get_room(GetRoomInput {
            identifier: arn.clone(),
        })
        .await
        .unwrap();
    assert_eq!(room.tags, Some(tags(&[("a", "one"), ("b", "2")])));
    // Keys with characters that need escaping on the wire are plain strings here.
    tag(&emu, &arn, tags(&[("team/x y", "v")])).await.unwrap();
    untag(&emu, &arn, &["team/x y"]).await;
    assert_eq!(listed(&emu, &arn).await, tags(&[("a", "one"), ("b", "2")]));
}

#[tokio::test]
async fn logging_configuration_tags_work_the_same() {
    let emu = emulator();
    let arn = emu
        .create_logging_configuration(CreateLoggingConfigurationInput {
            name: None,
            destination_configuration: s3("bucket"),
            tags: Some(tags(&[("k", "v")])),
        })
        .await
        .unwrap()
        .arn
        .unwrap();
    tag(&emu, &arn, tags(&[("x", "y")])).await.unwrap();
    untag(&emu, &arn, &["k"]).await;
    assert_eq!(listed(&emu, &arn).await, tags(&[("x", "y")]));
    let got = emu
        .get_logging_configuration(GetLoggingConfigurationInput { identifier: arn })
        .await
        .unwrap();
    assert_eq!(got.tags, Some(tags(&[("x", "y")])));
}

#[tokio::test]
async fn at_most_50_tags_per_resource() {
    let emu = emulator();
    let arn = room(&emu, "r").await.arn.unwrap();
    tag(&emu, &arn, numbered(0..30)).await.unwrap();
    // Overwriting existing keys does not count twice: 30 + 20 new = 50.
    tag(&emu, &arn, numbered(10..50)).await.unwrap();
    assert_eq!(listed(&emu, &arn).await.len(), 50);
    let err = tag(&emu, &arn, tags(&[("one-too-many", "v")]))
        .await
        .unwrap_err();
    let TagResourceError::ValidationException(e) = err else {
        panic!("{err}");
    };
    assert_eq!(e.reason, ValidationExceptionReason::FieldValidationFailed);
    let field = &e.field_list.unwrap()[0];
    assert_eq!(field.name, "tags");
    assert!(field.message.contains("at most 50"), "{}", field.message);
    // Nothing was added by the failed request; replacing a value still works.
    assert_eq!(listed(&emu, &arn).await.len(), 50);
    tag(&emu, &arn, tags(&[("k0", "new")])).await.unwrap();

    let err = emu
        .create_room(
            CreateRoomInput::builder()
                .set_tags(Some(numbered(0..51)))
                .build(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, CreateRoomError::ValidationException(_)),
        "{err}"
    );
    let err = emu
        .create_logging_configuration(CreateLoggingConfigurationInput {
            name: None,
            destination_configuration: s3("bucket"),
            tags: Some(numbered(0..51)),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, CreateLoggingConfigurationError::ValidationException(_)),
        "{err}"
    );
}

#[tokio::test]
async fn unknown_resources_are_not_found_for_every_tag_operation() {
    let emu = emulator();
    for arn in [
        missing_room(),
        missing_logging_configuration(),
        "arn:aws:ivschat:us-east-1:123456789012:channel/AAAAAAAAAAAA".to_string(),
    ] {
        let err = tag(&emu, &arn, tags(&[("k", "v")])).await.unwrap_err();
        assert!(
            matches!(err, TagResourceError::ResourceNotFoundException(ref e) if e.resource_id == "AAAAAAAAAAAA"),
            "{err}"
        );
        let err = emu
            .untag_resource(UntagResourceInput {
                resource_arn: arn.clone(),
                tag_keys: vec!["k".into()],
            })
            .await
            .unwrap_err();
        assert!(
            matches!(err, UntagResourceError::ResourceNotFoundException(_)),
            "{err}"
        );
        let err = emu
            .list_tags_for_resource(ListTagsForResourceInput { resource_arn: arn })
            .await
            .unwrap_err();
        assert!(
            matches!(err, ListTagsForResourceError::ResourceNotFoundException(_)),
            "{err}"
        );
    }
}

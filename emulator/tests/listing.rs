//! ListRooms and ListLoggingConfigurations: order, filters, maxResults and `nextToken`
//! cursors that survive changes between pages.

mod common;

use std::collections::HashSet;

use common::*;
use ivschat::IvschatApi;
use ivschat::operation::create_room::CreateRoomInput;
use ivschat::operation::delete_logging_configuration::DeleteLoggingConfigurationInput;
use ivschat::operation::delete_room::DeleteRoomInput;
use ivschat::operation::list_logging_configurations::{
    ListLoggingConfigurationsError, ListLoggingConfigurationsInput,
};
use ivschat::operation::list_rooms::{ListRoomsError, ListRoomsInput, ListRoomsOutput};
use ivschat::operation::update_logging_configuration::UpdateLoggingConfigurationInput;
use ivschat::operation::update_room::UpdateRoomInput;
use ivschat::types::{MessageReviewHandler, ValidationExceptionReason};
use ivschat_emulator::Emulator;

async fn list(emu: &Emulator, input: ListRoomsInput) -> ListRoomsOutput {
    emu.list_rooms(input).await.unwrap()
}

fn arns(out: &ListRoomsOutput) -> Vec<String> {
    out.rooms.iter().map(|r| r.arn.clone().unwrap()).collect()
}

fn rename(arn: &str, name: &str) -> UpdateRoomInput {
    UpdateRoomInput {
        identifier: arn.to_string(),
        name: Some(name.to_string()),
        maximum_message_rate_per_second: None,
        maximum_message_length: None,
        message_review_handler: None,
        logging_configuration_identifiers: None,
    }
}

/// With the clock standing still every item has the same update time: the order comes from
/// the sequence number alone, which is what many creates in one millisecond look like.
#[tokio::test]
async fn rooms_are_listed_most_recently_updated_first_even_within_one_millisecond() {
    let clock = TestClock::new();
    let emu = emulator_at(&clock);
    let a = room(&emu, "alpha").await.arn.unwrap();
    let b = room(&emu, "beta").await.arn.unwrap();
    let c = room(&emu, "alpha").await.arn.unwrap();
    assert_eq!(
        arns(&list(&emu, ListRoomsInput::builder().build()).await),
        [c.as_str(), b.as_str(), a.as_str()]
    );
    emu.update_room(rename(&a, "alpha")).await.unwrap();
    let listed = list(&emu, ListRoomsInput::builder().build()).await;
    assert_eq!(arns(&listed), [a.as_str(), c.as_str(), b.as_str()]);
    assert_eq!(listed.next_token, None);
    let summary = &listed.rooms[0];
    assert_eq!(summary.name.as_deref(), Some("alpha"));
    assert!(summary.create_time.is_some() && summary.update_time.is_some());
    assert_eq!(summary.logging_configuration_identifiers, Some(vec![]));
    assert_eq!(summary.tags, Some(Default::default()));
}

#[tokio::test]
async fn room_filters_match_exactly() {
    let emu = emulator();
    let log = logging_configuration(&emu, "bucket").await;
    let a = room(&emu, "alpha").await.arn.unwrap();
    let _alphabet = room(&emu, "alphabet").await.arn.unwrap();
    let reviewed = emu
        .create_room(
            CreateRoomInput::builder()
                .name("beta")
                .message_review_handler(MessageReviewHandler {
                    uri: Some(LAMBDA.into()),
                    fallback_result: None,
                })
                .build(),
        )
        .await
        .unwrap()
        .arn
        .unwrap();
    let logged = emu
        .create_room(
            CreateRoomInput::builder()
                .name("alpha")
                .logging_configuration_identifiers(log.clone())
                .build(),
        )
        .await
        .unwrap()
        .arn
        .unwrap();

    let by_name = list(&emu, ListRoomsInput::builder().name("alpha").build()).await;
    assert_eq!(arns(&by_name), [logged.as_str(), a.as_str()]);
    let by_uri = list(
        &emu,
        ListRoomsInput::builder()
            .message_review_handler_uri(LAMBDA)
            .build(),
    )
    .await;
    assert_eq!(arns(&by_uri), [reviewed.as_str()]);
    let by_log = list(
        &emu,
        ListRoomsInput::builder()
            .logging_configuration_identifier(log.clone())
            .build(),
    )
    .await;
    assert_eq!(arns(&by_log), [logged.as_str()]);
    let both = list(
        &emu,
        ListRoomsInput::builder()
            .name("beta")
            .logging_configuration_identifier(log)
            .build(),
    )
    .await;
    assert!(both.rooms.is_empty());
    // An empty filter value filters nothing.
    let empty = list(&emu, ListRoomsInput::builder().name("").build()).await;
    assert_eq!(empty.rooms.len(), 4);
}

#[tokio::test]
async fn filtering_by_an_unknown_logging_configuration_is_resource_not_found() {
    let emu = emulator();
    let err = emu
        .list_rooms(
            ListRoomsInput::builder()
                .logging_configuration_identifier(missing_logging_configuration())
                .build(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, ListRoomsError::ResourceNotFoundException(ref e) if e.resource_id == "AAAAAAAAAAAA"),
        "{err}"
    );
}

#[tokio::test]
async fn max_results_defaults_to_50_and_must_be_between_1_and_50() {
    let emu = emulator();
    for i in 0..51 {
        room(&emu, &format!("r{i}")).await;
    }
    let first = list(&emu, ListRoomsInput::builder().build()).await;
    assert_eq!(first.rooms.len(), 50);
    assert!(first.next_token.is_some());
    for bad in [0, 51, -1] {
        let err = emu
            .list_rooms(ListRoomsInput::builder().max_results(bad).build())
            .await
            .unwrap_err();
        let ListRoomsError::ValidationException(e) = err else {
            panic!("{bad}: {err}");
        };
        assert_eq!(e.reason, ValidationExceptionReason::FieldValidationFailed);
        assert_eq!(e.field_list.unwrap()[0].name, "maxResults");
        let err = emu
            .list_logging_configurations(ListLoggingConfigurationsInput {
                next_token: None,
                max_results: Some(bad),
            })
            .await
            .unwrap_err();
        assert!(err.is_validation_exception(), "{bad}: {err}");
    }
}

/// Walks every page of ListRooms with `max` items per page, running `between` after each
/// page; returns the pages' ARNs.
async fn walk(
    emu: &Emulator,
    max: i32,
    filter: Option<&str>,
    mut between: impl AsyncFnMut(usize),
) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut token = None;
    loop {
        let out = list(
            emu,
            ListRoomsInput::builder()
                .set_name(filter.map(String::from))
                .max_results(max)
                .set_next_token(token)
                .build(),
        )
        .await;
        assert!(out.rooms.len() <= max as usize);
        pages.push(arns(&out));
        token = out.next_token;
        if token.is_none() {
            return pages;
        }
        between(pages.len()).await;
    }
}

#[tokio::test]
async fn pagination_over_several_pages_returns_everything_once() {
    let emu = emulator();
    let mut all = Vec::new();
    for i in 0..11 {
        all.push(room(&emu, &format!("r{i}")).await.arn.unwrap());
    }
    let pages = walk(&emu, 4, None, async |_| {}).await;
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 3]);
    let flat: Vec<String> = pages.concat();
    all.reverse();
    assert_eq!(flat, all);
}

#[tokio::test]
async fn inserts_updates_and_deletes_between_pages_never_repeat_or_skip_unchanged_items() {
    let clock = TestClock::new();
    let emu = emulator_at(&clock);
    let mut rooms = Vec::new();
    for i in 0..12 {
        rooms.push(room(&emu, &format!("r{i}")).await.arn.unwrap());
        if i % 3 == 0 {
            clock.advance(std::time::Duration::from_millis(1));
        }
    }
    // Listed newest first: r11 .. r0. Between pages: insert a room, update one not yet
    // listed (r1) and one already listed (r10), delete one not yet listed (r2) and the
    // last one returned.
    let changed: HashSet<String> = [&rooms[1], &rooms[10], &rooms[2]]
        .into_iter()
        .cloned()
        .collect();
    let mut inserted = Vec::new();
    let mut deleted_cursor_items = HashSet::new();
    let emu2 = emu.clone();
    let pages = walk(&emu, 3, None, async |page| {
        inserted.push(room(&emu2, &format!("new{page}")).await.arn.unwrap());
        match page {
            1 => {
                emu2.update_room(rename(&rooms[1], "moved")).await.unwrap();
                emu2.update_room(rename(&rooms[10], "moved")).await.unwrap();
                emu2.delete_room(DeleteRoomInput {
                    identifier: rooms[2].clone(),
                })
                .await
                .unwrap();
            }
            2 => {
                // The item the cursor points at disappears.
                let last = rooms[6].clone();
                deleted_cursor_items.insert(last.clone());
                emu2.delete_room(DeleteRoomInput { identifier: last })
                    .await
                    .unwrap();
            }
            _ => {}
        }
    })
    .await;
    let flat: Vec<String> = pages.concat();
    let unique: HashSet<&String> = flat.iter().collect();
    assert_eq!(unique.len(), flat.len(), "an item was repeated: {pages:?}");
    for arn in &rooms {
        if !changed.contains(arn) && !deleted_cursor_items.contains(arn) {
            assert!(flat.contains(arn), "{arn} was skipped: {pages:?}");
        }
    }
    for arn in &inserted {
        assert!(
            !flat.contains(arn),
            "inserted {arn} appeared in a later page"
        );
    }
    // Page 2 ended on r6 (r11..r9, r8..r6); the cursor survives its deletion.
    assert_eq!(pages[1].last(), Some(&rooms[6]));
}

#[tokio::test]
async fn filtered_pagination_keeps_its_filter() {
    let emu = emulator();
    let mut alphas = Vec::new();
    for i in 0..7 {
        let name = if i % 2 == 0 { "alpha" } else { "beta" };
        let arn = room(&emu, name).await.arn.unwrap();
        if name == "alpha" {
            alphas.push(arn);
        }
    }
    let pages = walk(&emu, 2, Some("alpha"), async |_| {}).await;
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
    alphas.reverse();
    assert_eq!(pages.concat(), alphas);
}

#[tokio::test]
async fn a_token_is_only_valid_for_its_own_listing_and_filters() {
    let emu = emulator();
    for _ in 0..3 {
        room(&emu, "alpha").await;
        logging_configuration(&emu, "bucket").await;
    }
    let token = list(
        &emu,
        ListRoomsInput::builder()
            .name("alpha")
            .max_results(1)
            .build(),
    )
    .await
    .next_token
    .unwrap();
    // Same filters: fine.
    list(
        &emu,
        ListRoomsInput::builder()
            .name("alpha")
            .next_token(token.clone())
            .build(),
    )
    .await;
    let err = emu
        .list_rooms(
            ListRoomsInput::builder()
                .name("beta")
                .next_token(token.clone())
                .build(),
        )
        .await
        .unwrap_err();
    let ListRoomsError::ValidationException(e) = err else {
        panic!("{err}");
    };
    let field = &e.field_list.unwrap()[0];
    assert_eq!(field.name, "nextToken");
    assert!(field.message.contains("other filters"), "{}", field.message);

    let err = emu
        .list_logging_configurations(ListLoggingConfigurationsInput {
            next_token: Some(token),
            max_results: None,
        })
        .await
        .unwrap_err();
    let ListLoggingConfigurationsError::ValidationException(e) = err else {
        panic!("{err}");
    };
    assert!(
        e.message.contains("another list operation"),
        "{}",
        e.message
    );

    for garbage in ["not a token", "djEucm9vbXM", "%%%"] {
        let err = emu
            .list_rooms(ListRoomsInput::builder().next_token(garbage).build())
            .await
            .unwrap_err();
        assert!(err.is_validation_exception(), "{garbage}: {err}");
    }
    // An empty token is the first page.
    let first = list(&emu, ListRoomsInput::builder().next_token("").build()).await;
    assert_eq!(first.rooms.len(), 3);
}

#[tokio::test]
async fn logging_configurations_page_newest_first_and_survive_changes() {
    let emu = emulator();
    let mut logs = Vec::new();
    for i in 0..5 {
        logs.push(logging_configuration(&emu, &format!("bucket-{i}")).await);
    }
    let first = emu
        .list_logging_configurations(ListLoggingConfigurationsInput {
            next_token: None,
            max_results: Some(2),
        })
        .await
        .unwrap();
    let got: Vec<String> = first
        .logging_configurations
        .iter()
        .map(|l| l.arn.clone().unwrap())
        .collect();
    assert_eq!(got, [logs[4].as_str(), logs[3].as_str()]);
    // Changes between pages: a new one, an update of an unlisted one, a delete.
    logging_configuration(&emu, "late").await;
    emu.update_logging_configuration(UpdateLoggingConfigurationInput {
        identifier: logs[0].clone(),
        name: Some("moved".into()),
        destination_configuration: None,
    })
    .await
    .unwrap();
    emu.delete_logging_configuration(DeleteLoggingConfigurationInput {
        identifier: logs[3].clone(),
    })
    .await
    .unwrap();
    let second = emu
        .list_logging_configurations(ListLoggingConfigurationsInput {
            next_token: first.next_token,
            max_results: Some(2),
        })
        .await
        .unwrap();
    let got: Vec<String> = second
        .logging_configurations
        .iter()
        .map(|l| l.arn.clone().unwrap())
        .collect();
    assert_eq!(got, [logs[2].as_str(), logs[1].as_str()]);
    assert_eq!(second.next_token, None);
    let summary = &second.logging_configurations[0];
    assert_eq!(summary.destination_configuration, Some(s3("bucket-2")));
    assert!(summary.state.is_some());
}

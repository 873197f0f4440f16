//! Many tasks changing the same rooms at once: no lost updates, quotas hold.

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use common::*;
use ivschat::IvschatApi;
use ivschat::operation::create_room::CreateRoomInput;
use ivschat::operation::get_room::GetRoomInput;
use ivschat::operation::list_rooms::ListRoomsInput;
use ivschat::operation::list_tags_for_resource::ListTagsForResourceInput;
use ivschat::operation::tag_resource::TagResourceInput;
use ivschat::operation::update_room::UpdateRoomInput;
use ivschat_emulator::Config;

const TASKS: usize = 16;
const ROUNDS: usize = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_updates_and_tags_lose_nothing() {
    let emu = emulator();
    let shared: Vec<String> = {
        let mut v = Vec::new();
        for i in 0..3 {
            v.push(room(&emu, &format!("shared{i}")).await.arn.unwrap());
        }
        v
    };
    let shared = Arc::new(shared);
    let mut handles = Vec::new();
    for task in 0..TASKS {
        let emu = emu.clone();
        let shared = shared.clone();
        handles.push(tokio::spawn(async move {
            let mut created = Vec::new();
            for round in 0..ROUNDS {
                let arn = &shared[round % shared.len()];
                // One tag key per task, its value the round: every task's key must survive
                // with the value of that task's last write to the room.
                emu.tag_resource(TagResourceInput {
                    resource_arn: arn.clone(),
                    tags: HashMap::from([(format!("t{task}"), round.to_string())]),
                })
                .await
                .unwrap();
                emu.update_room(UpdateRoomInput {
                    identifier: arn.clone(),
                    name: Some(format!("task{task}")),
                    maximum_message_rate_per_second: None,
                    maximum_message_length: None,
                    message_review_handler: None,
                    logging_configuration_identifiers: None,
                })
                .await
                .unwrap();
                created.push(
                    emu.create_room(CreateRoomInput::builder().name(format!("c{task}")).build())
                        .await
                        .unwrap()
                        .arn
                        .unwrap(),
                );
                tokio::task::yield_now().await;
            }
            created
        }));
    }
    let mut created = HashSet::new();
    for h in handles {
        for arn in h.await.unwrap() {
            assert!(created.insert(arn), "two creates returned the same room");
        }
    }
    assert_eq!(created.len(), TASKS * ROUNDS);

    // Each task's last round on each shared room.
    let mut expected: Vec<HashMap<String, String>> = vec![HashMap::new(); shared.len()];
    for task in 0..TASKS {
        for round in 0..ROUNDS {
            expected[round % shared.len()].insert(format!("t{task}"), round.to_string());
        }
    }
    for (i, arn) in shared.iter().enumerate() {
        let tags = emu
            .list_tags_for_resource(ListTagsForResourceInput {
                resource_arn: arn.clone(),
            })
            .await
            .unwrap()
            .tags;
        assert_eq!(tags, expected[i], "room {i}");
        let name = emu
            .get_room(GetRoomInput {
                identifier: arn.clone(),
            })
            .await
            .unwrap()
            .name
            .unwrap();
        assert!(name.starts_with("task"), "{name}");
    }

    // Every room is listed exactly once.
    let mut listed = Vec::new();
    let mut token = None;
    loop {
        let out = emu
            .list_rooms(ListRoomsInput::builder().set_next_token(token).build())
            .await
            .unwrap();
        listed.extend(out.rooms.into_iter().map(|r| r.arn.unwrap()));
        token = out.next_token;
        if token.is_none() {
            break;
        }
    }
    let unique: HashSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len());
    assert_eq!(listed.len(), TASKS * ROUNDS + shared.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_room_quota_holds_under_concurrent_creates() {
    let emu = emulator_with(Config {
        max_rooms: 37,
        ..Config::default()
    });
    let mut handles = Vec::new();
    for _ in 0..8 {
        let emu = emu.clone();
        handles.push(tokio::spawn(async move {
            let mut ok = 0;
            for _ in 0..10 {
                match emu.create_room(CreateRoomInput::builder().build()).await {
                    Ok(_) => ok += 1,
                    Err(e) => assert!(e.is_service_quota_exceeded_exception(), "{e}"),
                }
            }
            ok
        }));
    }
    let mut total = 0;
    for h in handles {
        total += h.await.unwrap();
    }
    assert_eq!(total, 37);
}

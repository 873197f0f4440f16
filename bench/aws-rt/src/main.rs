//! Sequential latency and concurrent throughput of GetRoom, ListRooms and CreateRoom with
//! aws-sdk-ivschat (SigV4 on, static credentials), one JSON line per measurement; the same
//! calls in the same order as `ours-rt`.
//! Usage: `aws-rt --endpoint http://ADDR [--seq N --concurrency N --duration-ms N --max-calls N]`.

use aws_sdk_ivschat::config::{Credentials, Region};
use harness::{Args, measure, sequential};

/// Rooms seeded before measuring; ListRooms asks for all of them.
const ROOMS: usize = 50;

#[tokio::main]
async fn main() -> Result<(), String> {
    let args = Args::from_env()?;
    let config = aws_sdk_ivschat::Config::builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(args.endpoint.clone())
        .credentials_provider(Credentials::new(
            "AKIDBENCH",
            "bench-secret",
            None,
            None,
            "bench",
        ))
        .build();
    let client = aws_sdk_ivschat::Client::from_conf(config);
    let mut arn = String::new();
    for i in 0..ROOMS {
        let room = client
            .create_room()
            .name(format!("seed-{i}"))
            .send()
            .await
            .map_err(|e| format!("{e:?}"))?;
        arn = room.arn().unwrap_or_default().to_string();
    }
    let warm = || async {
        client
            .list_rooms()
            .send()
            .await
            .map(drop)
            .map_err(|e| format!("{e:?}"))
    };
    sequential(200, warm).await;

    let get = {
        let (client, arn) = (client.clone(), arn.clone());
        move || {
            let (client, arn) = (client.clone(), arn.clone());
            async move {
                client
                    .get_room()
                    .identifier(arn)
                    .send()
                    .await
                    .map(drop)
                    .map_err(|e| format!("{e:?}"))
            }
        }
    };
    let list = {
        let client = client.clone();
        move || {
            let client = client.clone();
            async move {
                let out = client
                    .list_rooms()
                    .max_results(ROOMS as i32)
                    .send()
                    .await
                    .map_err(|e| format!("{e:?}"))?;
                if out.rooms().len() == ROOMS {
                    Ok(())
                } else {
                    Err(format!("{} rooms listed", out.rooms().len()))
                }
            }
        }
    };
    let create = {
        let client = client.clone();
        move || {
            let client = client.clone();
            async move {
                client
                    .create_room()
                    .name("bench")
                    .send()
                    .await
                    .map(drop)
                    .map_err(|e| format!("{e:?}"))
            }
        }
    };
    measure(&args, "aws", "GetRoom", get).await;
    measure(&args, "aws", "ListRooms", list).await;
    // Last: it adds rooms, which would change what ListRooms returns.
    measure(&args, "aws", "CreateRoom", create).await;
    Ok(())
}

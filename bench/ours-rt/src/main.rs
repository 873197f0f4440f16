//! Sequential latency and concurrent throughput of GetRoom, ListRooms and CreateRoom with the
//! generated client (SigV4 on, static credentials), one JSON line per measurement.
//! Usage: `ours-rt --endpoint http://ADDR [--seq N --concurrency N --duration-ms N --max-calls N]`.

use harness::{Args, measure, sequential};
use smithy_runtime::client::Credentials;

/// Rooms seeded before measuring; ListRooms asks for all of them.
const ROOMS: usize = 50;

#[tokio::main]
async fn main() -> Result<(), String> {
    let args = Args::from_env()?;
    let client = ivschat::Client::builder()
        .region("us-east-1")
        .endpoint_url(args.endpoint.clone())
        .credentials(Credentials::new("AKIDBENCH", "bench-secret", None))
        .build()
        .map_err(|e| e.to_string())?;
    let mut arn = String::new();
    for i in 0..ROOMS {
        let room = client
            .create_room()
            .name(format!("seed-{i}"))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        arn = room.arn.ok_or("CreateRoom returned no arn")?;
    }
    let warm = || async {
        client
            .list_rooms()
            .send()
            .await
            .map(drop)
            .map_err(|e| e.to_string())
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
                    .map_err(|e| e.to_string())
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
                    .map_err(|e| e.to_string())?;
                if out.rooms.len() == ROOMS {
                    Ok(())
                } else {
                    Err(format!("{} rooms listed", out.rooms.len()))
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
                    .map_err(|e| e.to_string())
            }
        }
    };
    measure(&args, "ours", "GetRoom", get).await;
    measure(&args, "ours", "ListRooms", list).await;
    // Last: it adds rooms, which would change what ListRooms returns.
    measure(&args, "ours", "CreateRoom", create).await;
    Ok(())
}

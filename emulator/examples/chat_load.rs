//! A bounded loopback load run of the messaging endpoint (run by `cargo xtask bench --only
//! messaging`; also `cargo run --release -p ivschat-emulator --example chat_load`).
//!
//! The emulator (`cli::run_until` with the generated router, API and messaging listeners on
//! 127.0.0.1) runs on its own one-thread tokio runtime; the load runs on another, so the two
//! share the machine like two processes would. It measures:
//! - control-plane requests/s (`GetRoom` with the generated client, SigV4-signed,
//!   `--concurrency` in flight, `--duration-ms`) with no chat connections open;
//! - fan-out: `--connections` WebSocket connections to one room; one of them sends a message
//!   (`SEND_MESSAGE`) per round, `--rounds` rounds; latency from the send to each connection's
//!   receipt (p50/p99 over all receipts), and to the last receipt of each round (p50/p99 over
//!   rounds);
//! - control-plane requests/s again with the connections open (idle).
//!
//! Prints one flat JSON object per line.

use std::io::Write;
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use ivschat::types::ChatTokenCapability;
use ivschat_emulator::cli::{self, Args};
use smithy_runtime::client::Credentials;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;

#[derive(Parser, Clone, Copy)]
struct Load {
    /// Chat connections to open in the room.
    #[arg(long, default_value_t = 1000)]
    connections: usize,
    /// Messages fanned out (one per round).
    #[arg(long, default_value_t = 50)]
    rounds: usize,
    /// Length of each control-plane measurement.
    #[arg(long, default_value_t = 3000)]
    duration_ms: u64,
    /// Control-plane requests in flight.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
}

/// Sends what the emulator prints, line by line.
struct Lines(std_mpsc::Sender<String>, Vec<u8>);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.1.extend_from_slice(buf);
        while let Some(end) = self.1.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.1.drain(..=end).collect();
            let _ = self
                .0
                .send(String::from_utf8_lossy(&line).trim_end().to_string());
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let load = Load::parse();
    let (tx, rx) = std_mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("server runtime");
        let args = Args::try_parse_from([
            "ivschat-emulator",
            "--listen",
            "127.0.0.1:0",
            "--messaging-listen",
            "127.0.0.1:0",
        ])
        .expect("emulator arguments");
        let never = std::future::pending::<()>();
        if let Err(e) = rt.block_on(cli::run_until(
            args,
            ivschat::server::router,
            Lines(tx, Vec::new()),
            never,
        )) {
            eprintln!("emulator: {e}");
        }
    });
    let api = rx.recv_timeout(Duration::from_secs(10))?;
    let ws = rx.recv_timeout(Duration::from_secs(10))?;
    let api = api
        .strip_prefix("listening on ")
        .ok_or("no API address")?
        .to_string();
    let ws = ws
        .strip_prefix("messaging on ")
        .ok_or("no messaging URL")?
        .to_string();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    rt.block_on(run(load, api, ws))?;
    // The emulator's thread never ends on its own.
    std::process::exit(0)
}

async fn run(load: Load, api: String, ws_url: String) -> Result<(), Box<dyn std::error::Error>> {
    let client = ivschat::Client::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://{api}"))
        .credentials(Credentials::new("AKIDLOAD", "secret", None))
        .build()?;
    let room = client
        .create_room()
        .name("load")
        .maximum_message_rate_per_second(100)
        .send()
        .await?
        .arn
        .unwrap_or_default();

    // Warm-up (connection pool, caches), not reported.
    control_plane(
        &client,
        &room,
        &Load {
            duration_ms: load.duration_ms / 3,
            ..load
        },
    )
    .await;
    let before = control_plane(&client, &room, &load).await;
    println!(
        "{{\"measure\":\"control_plane\",\"connections\":0,\"rps\":{:.0},\"p50_us\":{:.0},\"p99_us\":{:.0}}}",
        before.0, before.1, before.2
    );

    // Connections: the first may send; every one reports each message's arrival.
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<(usize, Instant)>();
    let mut sender = None;
    for i in 0..load.connections {
        let mut token = client
            .create_chat_token()
            .room_identifier(&room)
            .user_id(format!("u{i}"));
        if i == 0 {
            token = token.capabilities(ChatTokenCapability::SendMessage);
        }
        let token = token.send().await?.token.unwrap_or_default();
        let mut req = ws_url.as_str().into_client_request()?;
        req.headers_mut()
            .insert("sec-websocket-protocol", HeaderValue::from_str(&token)?);
        let (socket, _) = tokio_tungstenite::connect_async(req).await?;
        let (write, mut read) = socket.split();
        if i == 0 {
            sender = Some(write);
        }
        let arrived = arrived.clone();
        tokio::spawn(async move {
            while let Some(Ok(msg)) = read.next().await {
                if let Message::Text(text) = msg {
                    let at = Instant::now();
                    // Content is "round-N": found textually, outside the timed path's JSON.
                    if let Some(round) = text
                        .as_str()
                        .split("\"Content\":\"round-")
                        .nth(1)
                        .and_then(|rest| rest.split('"').next())
                        .and_then(|n| n.parse::<usize>().ok())
                    {
                        let _ = arrived.send((round, at));
                    }
                }
            }
        });
    }
    let mut sender = sender.ok_or("no connections")?;
    let n = load.connections;
    let mut each = Vec::with_capacity(n * load.rounds);
    let mut last = Vec::with_capacity(load.rounds);
    // Round 0 is a warm-up (it also proves every connection is registered).
    for round in 0..=load.rounds {
        let request = format!(
            "{{\"Action\":\"SEND_MESSAGE\",\"RequestId\":\"r{round}\",\"Content\":\"round-{round}\"}}"
        );
        let sent = Instant::now();
        sender.send(Message::text(request)).await?;
        let mut got = 0;
        let mut slowest = Duration::ZERO;
        while got < n {
            let (r, at) = tokio::time::timeout(Duration::from_secs(30), arrivals.recv())
                .await
                .map_err(|_| format!("round {round}: {got} of {n} arrivals within 30 s"))?
                .ok_or("readers ended")?;
            if r != round {
                continue;
            }
            got += 1;
            let latency = at.saturating_duration_since(sent);
            slowest = slowest.max(latency);
            if round > 0 {
                each.push(latency);
            }
        }
        if round > 0 {
            last.push(slowest);
        }
        // Stay under the room's 100 messages per second.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    each.sort();
    last.sort();
    println!(
        "{{\"measure\":\"fanout\",\"connections\":{n},\"rounds\":{},\"p50_us\":{:.0},\"p99_us\":{:.0},\"all_p50_us\":{:.0},\"all_p99_us\":{:.0}}}",
        load.rounds,
        percentile(&each, 0.50),
        percentile(&each, 0.99),
        percentile(&last, 0.50),
        percentile(&last, 0.99)
    );

    let after = control_plane(&client, &room, &load).await;
    println!(
        "{{\"measure\":\"control_plane\",\"connections\":{n},\"rps\":{:.0},\"p50_us\":{:.0},\"p99_us\":{:.0}}}",
        after.0, after.1, after.2
    );
    Ok(())
}

/// GetRoom from `concurrency` tasks for the duration: (requests/s, p50 µs, p99 µs).
async fn control_plane(client: &ivschat::Client, room: &str, load: &Load) -> (f64, f64, f64) {
    let until = Instant::now() + Duration::from_millis(load.duration_ms);
    let started = Instant::now();
    let tasks: Vec<_> = (0..load.concurrency)
        .map(|_| {
            let client = client.clone();
            let room = room.to_string();
            tokio::spawn(async move {
                let mut times = Vec::new();
                while Instant::now() < until {
                    let t = Instant::now();
                    if client.get_room().identifier(&room).send().await.is_ok() {
                        times.push(t.elapsed());
                    }
                }
                times
            })
        })
        .collect();
    let mut times = Vec::new();
    for t in tasks {
        times.extend(t.await.unwrap_or_default());
    }
    let secs = started.elapsed().as_secs_f64();
    times.sort();
    (
        times.len() as f64 / secs,
        percentile(&times, 0.50),
        percentile(&times, 0.99),
    )
}

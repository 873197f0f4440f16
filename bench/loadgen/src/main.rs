//! Load generator for the server bench (the same for the emulator and the bare axum baseline):
//! creates one room (`POST /CreateRoom`), then keeps `--concurrency` keep-alive HTTP/1.1
//! connections busy with `POST /GetRoom` for that room until `--duration-ms` or `--max-calls`.
//! Requests are unsigned (the emulator accepts them unless started with `--verify-sigv4`).
//! Prints one JSON line. Usage: `loadgen --endpoint http://ADDR [--concurrency N ...]`.
//!
//! A single-threaded runtime on purpose: the load generator shares the machine's two cores with
//! the server, and one thread is plenty for 64 HTTP/1.1 connections.

use std::time::{Duration, Instant};

use bytes::Bytes;
use harness::{Args, Summary};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;

async fn connect(addr: &str) -> Result<SendRequest<Full<Bytes>>, String> {
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| format!("connect {addr}: {e}"))?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let (sender, conn) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    Ok(sender)
}

async fn post(
    sender: &mut SendRequest<Full<Bytes>>,
    host: &str,
    path: &str,
    body: &Bytes,
) -> Result<Bytes, String> {
    sender.ready().await.map_err(|e| e.to_string())?;
    let req = hyper::Request::post(path)
        .header("host", host)
        .header("content-type", "application/json")
        .body(Full::new(body.clone()))
        .map_err(|e| e.to_string())?;
    let resp = sender.send_request(req).await.map_err(|e| e.to_string())?;
    let status = resp.status();
    let bytes = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    if status.is_success() {
        Ok(bytes)
    } else {
        Err(format!(
            "HTTP {status}: {}",
            String::from_utf8_lossy(&bytes)
        ))
    }
}

/// The `arn` string member of a JSON object, found textually (no JSON crate for one field).
fn arn_of(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("\"arn\":\"")? + 7;
    let end = text[start..].find('"')?;
    Some(text[start..start + end].to_string())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let args = Args::from_env()?;
    let host = args
        .endpoint
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut setup = connect(&host).await?;
    let created = post(
        &mut setup,
        &host,
        "/CreateRoom",
        &Bytes::from_static(br#"{"name":"load"}"#),
    )
    .await?;
    let arn = arn_of(&created).ok_or("CreateRoom answer has no arn")?;
    let body = Bytes::from(format!("{{\"identifier\":\"{arn}\"}}"));
    for _ in 0..200 {
        post(&mut setup, &host, "/GetRoom", &body).await?; // warm-up
    }

    let started = Instant::now();
    let deadline = started + args.duration;
    let per_conn = args.max_calls.div_ceil(args.concurrency);
    let mut tasks = Vec::new();
    for _ in 0..args.concurrency {
        let (host, body) = (host.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies: Vec<Duration> = Vec::new();
            let mut errors = 0usize;
            let mut sender = match connect(&host).await {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return (latencies, 1);
                }
            };
            for _ in 0..per_conn {
                if Instant::now() >= deadline {
                    break;
                }
                let t = Instant::now();
                match post(&mut sender, &host, "/GetRoom", &body).await {
                    Ok(_) => latencies.push(t.elapsed()),
                    Err(e) => {
                        if errors == 0 {
                            eprintln!("first error: {e}");
                        }
                        errors += 1;
                        break; // the connection may be gone
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.map_err(|e| e.to_string())?;
        latencies.extend(l);
        errors += e;
    }
    let summary = Summary::new(latencies, errors, started.elapsed());
    println!("{}", summary.json("loadgen", "GetRoom", "concurrent"));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn arn_is_found_or_none() {
        assert_eq!(
            super::arn_of(br#"{"id":"x","arn":"arn:aws:ivschat:r"}"#).as_deref(),
            Some("arn:aws:ivschat:r")
        );
        assert_eq!(super::arn_of(br#"{"id":"x"}"#), None);
    }
}

//! The network side of the binary (`cli::run_until`) with a stand-in router: the
//! `listening on` line, SigV4 verification, graceful shutdown and bind errors. The generated
//! router itself is exercised by `end_to_end.rs`.

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use clap::Parser;
use ivschat_emulator::cli::{self, Args};
use smithy_runtime::client::Credentials;
use smithy_runtime::server::axum::Router;
use smithy_runtime::server::axum::http::header::CONTENT_TYPE;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;

/// Sends everything written to it, line by line, to a channel.
struct Lines(mpsc::Sender<String>, Vec<u8>);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.1.extend_from_slice(buf);
        while let Some(end) = self.1.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.1.drain(..=end).collect();
            let _ = self.0.send(String::from_utf8_lossy(&line).into_owned());
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Answers every request like an empty ListRooms.
fn stand_in_router(_: ivschat_emulator::Emulator) -> Router {
    Router::new().fallback(|| async { ([(CONTENT_TYPE, "application/json")], r#"{"rooms":[]}"#) })
}

struct Running {
    addr: String,
    stop: oneshot::Sender<()>,
    done: tokio::task::JoinHandle<Result<(), String>>,
}

async fn start(extra: &[&str]) -> Running {
    let args = Args::try_parse_from(
        ["ivschat-emulator", "--listen", "127.0.0.1:0"]
            .iter()
            .chain(extra)
            .copied(),
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    let (stop, stopped) = oneshot::channel::<()>();
    let done = tokio::spawn(async move {
        cli::run_until(args, stand_in_router, Lines(tx, Vec::new()), async {
            let _ = stopped.await;
        })
        .await
        .map_err(|e| e.to_string())
    });
    let line = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(10)))
        .await
        .unwrap()
        .expect("no `listening on` line");
    let addr = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line was {line:?}"))
        .trim_end()
        .to_string();
    Running { addr, stop, done }
}

fn client(addr: &str, key: &str, secret: &str) -> ivschat::Client {
    ivschat::Client::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://{addr}"))
        .credentials(Credentials::new(key, secret, None))
        .build()
        .unwrap()
}

/// A raw, unsigned HTTP/1.1 request; returns the response head and body.
async fn unsigned_post(addr: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            format!(
                "POST /ListRooms HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
                 Content-Length: 2\r\nConnection: close\r\n\r\n{{}}"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn prints_the_bound_address_and_stops_gracefully() {
    let running = start(&[]).await;
    let port: u16 = running.addr.rsplit(':').next().unwrap().parse().unwrap();
    assert_ne!(port, 0, "the real port is printed, not the requested 0");
    assert!(running.addr.starts_with("127.0.0.1:"));
    // Without --verify-sigv4 unsigned requests and any credentials are accepted.
    assert!(
        unsigned_post(&running.addr)
            .await
            .starts_with("HTTP/1.1 200")
    );
    let rooms = client(&running.addr, "ANY", "thing")
        .list_rooms()
        .send()
        .await
        .unwrap();
    assert!(rooms.rooms.is_empty());
    running.stop.send(()).unwrap();
    let result = tokio::time::timeout(Duration::from_secs(10), running.done)
        .await
        .expect("did not stop")
        .unwrap();
    assert_eq!(result, Ok(()));
}

#[tokio::test]
async fn verify_sigv4_rejects_unsigned_and_wrongly_signed_requests_with_403() {
    let running = start(&["--verify-sigv4", "AKIDGOOD:goodsecret"]).await;
    let good = client(&running.addr, "AKIDGOOD", "goodsecret");
    assert!(good.list_rooms().send().await.unwrap().rooms.is_empty());

    for (key, secret, code) in [
        ("AKIDGOOD", "wrong", "InvalidSignatureException"),
        ("AKIDOTHER", "goodsecret", "UnrecognizedClientException"),
    ] {
        let err = client(&running.addr, key, secret)
            .list_rooms()
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(code), "{err}");
        let ivschat::operation::list_rooms::ListRoomsError::Unhandled(u) = &err else {
            panic!("{err}");
        };
        assert_eq!(u.status().map(|s| s.as_u16()), Some(403));
    }
    let raw = unsigned_post(&running.addr).await;
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    assert!(
        raw.to_ascii_lowercase()
            .contains("x-amzn-errortype: missingauthenticationtokenexception"),
        "{raw}"
    );
    running.stop.send(()).unwrap();
    running.done.await.unwrap().unwrap();
}

#[tokio::test]
async fn messaging_listen_prints_the_messaging_url_second_and_serves_websockets_there() {
    let args = Args::try_parse_from([
        "ivschat-emulator",
        "--listen",
        "127.0.0.1:0",
        "--messaging-listen",
        "127.0.0.1:0",
    ])
    .unwrap();
    let (tx, rx) = mpsc::channel();
    let (stop, stopped) = oneshot::channel::<()>();
    let done = tokio::spawn(async move {
        cli::run_until(args, stand_in_router, Lines(tx, Vec::new()), async {
            let _ = stopped.await;
        })
        .await
        .map_err(|e| e.to_string())
    });
    let lines = tokio::task::spawn_blocking(move || {
        let first = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        let second = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        (first, second)
    })
    .await
    .unwrap();
    assert!(lines.0.starts_with("listening on 127.0.0.1:"), "{lines:?}");
    let url = lines
        .1
        .strip_prefix("messaging on ")
        .unwrap_or_else(|| panic!("second line was {:?}", lines.1))
        .trim_end();
    assert!(
        url.starts_with("ws://127.0.0.1:") && url.ends_with('/'),
        "{url}"
    );
    assert!(!url.ends_with(":0/"), "the bound port is printed: {url}");
    // A WebSocket handshake there without a chat token is refused with 401 (the endpoint is
    // the messaging one, not the API's).
    let addr = url.trim_start_matches("ws://").trim_end_matches('/');
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            format!(
                "GET / HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
                 Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut response = vec![0u8; 4096];
    let n = stream.read(&mut response).await.unwrap();
    let response = String::from_utf8_lossy(&response[..n]);
    assert!(response.starts_with("HTTP/1.1 401"), "{response}");
    stop.send(()).unwrap();
    done.await.unwrap().unwrap();
}

#[tokio::test]
async fn an_address_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let args = Args::try_parse_from(["ivschat-emulator", "--listen", &addr]).unwrap();
    let (tx, rx) = mpsc::channel();
    let err = cli::run_until(args, stand_in_router, Lines(tx, Vec::new()), async {})
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!("cannot listen on {addr}: ")),
        "{err}"
    );
    assert!(
        rx.try_recv().is_err(),
        "nothing is printed before the bind succeeds"
    );
}

#[tokio::test]
async fn an_invalid_account_is_refused_before_binding() {
    let args = Args::try_parse_from([
        "ivschat-emulator",
        "--listen",
        "127.0.0.1:0",
        "--account",
        "42",
    ])
    .unwrap();
    let (tx, _rx) = mpsc::channel();
    let err = cli::run_until(args, stand_in_router, Lines(tx, Vec::new()), async {})
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("invalid account `42`"), "{err}");
}

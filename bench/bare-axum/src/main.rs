//! Baseline for the server bench: the least an axum server can do per request (no routing, no
//! parsing), with a body shaped like the emulator's GetRoom answer. Prints `listening on ADDR`
//! like the emulator. Usage: `bare-axum [--listen 127.0.0.1:0]`.

use axum::response::IntoResponse;

const BODY: &str = r#"{"arn":"arn:aws:ivschat:us-east-1:123456789012:room/AbCdEfGh1234","id":"AbCdEfGh1234","name":"load","createTime":"2026-01-01T00:00:00Z","updateTime":"2026-01-01T00:00:00Z","maximumMessageRatePerSecond":10,"maximumMessageLength":500,"loggingConfigurationIdentifiers":[],"tags":{}}"#;

async fn fixed() -> impl IntoResponse {
    (
        [
            ("content-type", "application/json"),
            ("x-amzn-requestid", "00000000-0000-4000-8000-000000000000"),
        ],
        BODY,
    )
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut listen = "127.0.0.1:0".to_string();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--listen" => listen = args.next().ok_or("--listen needs a value")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .map_err(|e| format!("bind {listen}: {e}"))?;
    println!(
        "listening on {}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let app = axum::Router::new().fallback(fixed);
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}

//! The `ivschat-emulator` command line and network serving, kept in the library so they are
//! tested with any router (the binary passes the generated `ivschat::server::router`).

use std::future::Future;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use clap::Parser;
use smithy_runtime::server::SigV4VerifyLayer;
use smithy_runtime::server::axum::Router;
use tokio::net::TcpListener;

use crate::{Config, Emulator};

/// A local Amazon IVS Chat endpoint with in-memory state.
///
/// Prints `listening on ADDR` (the bound address) as its first line, then serves until SIGTERM
/// or Ctrl-C. Point AWS SDKs at it with an endpoint URL (`--endpoint-url http://ADDR`, or
/// `AWS_ENDPOINT_URL_IVSCHAT`). With `--messaging-listen`, the second line is
/// `messaging on ws://ADDR/`: the URL chat clients (e.g. amazon-ivs-chat-messaging) connect to
/// with tokens from CreateChatToken.
#[derive(Parser, Clone, Debug, PartialEq, Eq)]
#[command(name = "ivschat-emulator", version)]
pub struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:4566")]
    pub listen: SocketAddr,
    /// Region of unsigned requests; a SigV4-signed request is served in the region of its
    /// credential scope (its ARNs, the resources it sees).
    #[arg(long, default_value = Config::DEFAULT_REGION)]
    pub region: String,
    /// 12-digit account id in the ARNs of created resources.
    #[arg(long, default_value = Config::DEFAULT_ACCOUNT)]
    pub account: String,
    /// Rooms that may exist at once (the real service's default quota is 50,000).
    #[arg(long, default_value_t = Config::DEFAULT_MAX_ROOMS)]
    pub max_rooms: usize,
    /// Logging configurations that may exist at once (the real service's default quota is 10).
    #[arg(long, default_value_t = Config::DEFAULT_MAX_LOGGING_CONFIGURATIONS)]
    pub max_logging_configurations: usize,
    /// Accept only requests SigV4-signed with this access key id and secret (others get a
    /// 403). Without it, any request is accepted, signed or not.
    #[arg(long, value_name = "KEY:SECRET")]
    pub verify_sigv4: Option<KeyPair>,
    /// Serve the IVS Chat Messaging API (WebSocket chat connections) on this address; port 0
    /// picks a free port. The messaging URL is ws://ADDR/; the chat token is the subprotocol.
    /// Off by default.
    #[arg(long, value_name = "ADDR")]
    pub messaging_listen: Option<SocketAddr>,
    /// Message review: POST the review request of messages in rooms whose
    /// messageReviewHandler uri is ARN to the local HTTP endpoint URL, which answers like the
    /// Lambda function would (repeatable). Rooms naming an ARN without a mapping get their
    /// fallbackResult.
    #[arg(long, value_name = "ARN=URL")]
    pub review_handler: Vec<ReviewHandler>,
    /// How long a review handler may take before the room's fallbackResult applies.
    #[arg(long, value_name = "MS", default_value_t = 200)]
    pub review_timeout_ms: u64,
    /// Record chat logging: the messages and events of rooms with logging configurations are
    /// appended as JSON lines to one file per destination in this directory (created if
    /// missing), e.g. s3-BUCKET.jsonl.
    #[arg(long, value_name = "DIR")]
    pub log_dir: Option<PathBuf>,
}

/// A `--review-handler` mapping, written `ARN=URL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewHandler {
    /// The Lambda ARN rooms name as their `messageReviewHandler` uri.
    pub arn: String,
    /// The `http://` or `https://` URL standing in for it.
    pub url: String,
}

impl FromStr for ReviewHandler {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // ARNs never contain `=`; URLs may (query strings), so split at the first one.
        match s.split_once('=') {
            Some((arn, url))
                if !arn.is_empty()
                    && (url.starts_with("http://") || url.starts_with("https://")) =>
            {
                Ok(ReviewHandler {
                    arn: arn.to_string(),
                    url: url.to_string(),
                })
            }
            _ => Err(
                "expected ARN=URL, a Lambda ARN and the http:// or https:// URL to POST its \
                 review requests to"
                    .to_string(),
            ),
        }
    }
}

impl Args {
    /// The emulator configuration these arguments describe.
    pub fn config(&self) -> Config {
        Config {
            region: self.region.clone(),
            account: self.account.clone(),
            max_rooms: self.max_rooms,
            max_logging_configurations: self.max_logging_configurations,
            review_handlers: self
                .review_handler
                .iter()
                .map(|h| (h.arn.clone(), h.url.clone()))
                .collect(),
            review_timeout: Duration::from_millis(self.review_timeout_ms),
            log_dir: self.log_dir.clone(),
        }
    }
}

/// An access key id and secret access key, written `KEY:SECRET`.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyPair {
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"*** redacted ***")
            .finish()
    }
}

impl FromStr for KeyPair {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Access key ids never contain `:`; secrets may, so split at the first one.
        match s.split_once(':') {
            Some((key, secret)) if !key.is_empty() && !secret.is_empty() => Ok(KeyPair {
                access_key_id: key.to_string(),
                secret_access_key: secret.to_string(),
            }),
            _ => Err("expected KEY:SECRET, an access key id and a secret access key".to_string()),
        }
    }
}

/// Binds `args.listen`, writes `listening on ADDR` to `out` (flushed), and serves the
/// emulator through `router` until SIGTERM or Ctrl-C.
pub async fn run(
    args: Args,
    router: impl FnOnce(Emulator) -> Router,
    out: impl Write,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // Installed before `listening on` is printed: a SIGTERM sent as soon as the line is read
    // must stop the server gracefully, not kill it with the default signal action.
    let shutdown = shutdown_signal().map_err(|e| format!("cannot install signal handlers: {e}"))?;
    run_until(args, router, out, shutdown).await
}

/// Like [`run`], but stops (gracefully: in-flight requests finish) when `shutdown` completes.
pub async fn run_until(
    args: Args,
    router: impl FnOnce(Emulator) -> Router,
    mut out: impl Write,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let emulator = Emulator::new(args.config())?;
    if let Some(dir) = &args.log_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create --log-dir {}: {e}", dir.display()))?;
    }
    let listener = TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let emulator_for_messaging = emulator.clone();
    // Each signed request is served in the region of its credential scope.
    let mut app = router(emulator).layer(smithy_runtime::server::axum::middleware::from_fn(
        crate::region::middleware,
    ));
    if let Some(keys) = args.verify_sigv4 {
        app = app.layer(SigV4VerifyLayer::new(
            keys.access_key_id,
            keys.secret_access_key,
        ));
    }
    let messaging = match args.messaging_listen {
        Some(addr) => Some(
            TcpListener::bind(addr)
                .await
                .map_err(|e| format!("cannot listen on {addr} (--messaging-listen): {e}"))?,
        ),
        None => None,
    };
    let addr = listener.local_addr()?;
    writeln!(out, "listening on {addr}")?;
    if let Some(messaging) = messaging {
        writeln!(out, "messaging on ws://{}/", messaging.local_addr()?)?;
        // Chat connections end with the process; they hold no state to flush.
        tokio::spawn(crate::messaging::serve(messaging, emulator_for_messaging));
    }
    out.flush()?;
    smithy_runtime::server::axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// A future that completes on SIGTERM or SIGINT (Ctrl-C); the handlers are registered now,
/// not when the future is first polled.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {},
            _ = int.recv() => {},
        }
    })
}

/// A future that completes on Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    let ctrl_c = tokio::signal::ctrl_c();
    Ok(async move {
        let _ = ctrl_c.await;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_documented_ones() {
        let args = Args::try_parse_from(["ivschat-emulator"]).unwrap();
        assert_eq!(args.listen, "127.0.0.1:4566".parse().unwrap());
        assert_eq!(args.config(), Config::default());
        assert_eq!(args.verify_sigv4, None);
        assert_eq!(args.messaging_listen, None);
    }

    #[test]
    fn every_flag_is_read() {
        let args = Args::try_parse_from([
            "ivschat-emulator",
            "--listen",
            "127.0.0.1:0",
            "--region",
            "eu-west-1",
            "--account",
            "111122223333",
            "--max-rooms",
            "2",
            "--max-logging-configurations",
            "3",
            "--verify-sigv4",
            "AKID:sec:ret",
            "--messaging-listen",
            "127.0.0.1:4567",
            "--review-handler",
            "arn:aws:lambda:us-east-1:123456789012:function:f=http://127.0.0.1:9/review?a=b",
            "--review-timeout-ms",
            "50",
            "--log-dir",
            "/tmp/chat-logs",
        ])
        .unwrap();
        assert_eq!(args.listen.port(), 0);
        assert_eq!(
            args.messaging_listen,
            Some("127.0.0.1:4567".parse().unwrap())
        );
        assert_eq!(
            args.config(),
            Config {
                region: "eu-west-1".into(),
                account: "111122223333".into(),
                max_rooms: 2,
                max_logging_configurations: 3,
                review_handlers: [(
                    "arn:aws:lambda:us-east-1:123456789012:function:f".to_string(),
                    "http://127.0.0.1:9/review?a=b".to_string()
                )]
                .into(),
                review_timeout: Duration::from_millis(50),
                log_dir: Some("/tmp/chat-logs".into()),
            }
        );
        let keys = args.verify_sigv4.unwrap();
        assert_eq!(
            (keys.access_key_id.as_str(), keys.secret_access_key.as_str()),
            ("AKID", "sec:ret")
        );
        assert!(!format!("{keys:?}").contains("sec:ret"));
    }

    #[test]
    fn bad_flags_are_clear_errors() {
        for (args, expected) in [
            (&["--verify-sigv4", "nocolon"][..], "expected KEY:SECRET"),
            (&["--verify-sigv4", ":secret"][..], "expected KEY:SECRET"),
            (&["--listen", "localhost"][..], "--listen"),
            (&["--messaging-listen", "nope"][..], "--messaging-listen"),
            (
                &["--review-handler", "arn-without-url"][..],
                "expected ARN=URL",
            ),
            (&["--review-handler", "arn=ftp://x"][..], "expected ARN=URL"),
            (&["--max-rooms=-1"][..], "--max-rooms"),
            (
                &["--max-logging-configurations", "ten"][..],
                "--max-logging-configurations",
            ),
        ] {
            let err = Args::try_parse_from(
                std::iter::once("ivschat-emulator").chain(args.iter().copied()),
            )
            .unwrap_err()
            .to_string();
            assert!(err.contains(expected), "{args:?}: {err}");
        }
    }
}

//! Local servers for the credentials tests, on 127.0.0.1: a small hyper server that hands
//! each request to a handler, and on it the IMDSv2 and container credential protocols as
//! documented (token PUT with TTL, `X-aws-ec2-metadata-token`, role listing, the credential
//! JSON), with switches for their failure modes. Also a "service" that answers 200 and records
//! the access key each request was signed with.
#![allow(dead_code)]

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use smithy_runtime::bytes::Bytes;
use smithy_runtime::http;

/// A request as a handler sees it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// An answer, optionally late.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            body: body.into(),
            delay: Duration::ZERO,
        }
    }
}

pub type Handler = Arc<dyn Fn(&Seen) -> Reply + Send + Sync>;

/// A running server; requests seen so far are in `log`.
pub struct Server {
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }
}

pub async fn serve(handler: Handler) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = log.clone();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let handler = handler.clone();
            let log = log2.clone();
            let service =
                hyper::service::service_fn(move |req: http::Request<hyper::body::Incoming>| {
                    let handler = handler.clone();
                    let log = log.clone();
                    async move {
                        let (parts, body) = req.into_parts();
                        let body = body
                            .collect()
                            .await
                            .map(|b| b.to_bytes())
                            .unwrap_or_default();
                        let seen = Seen {
                            method: parts.method.to_string(),
                            path: parts
                                .uri
                                .path_and_query()
                                .map(|p| p.to_string())
                                .unwrap_or_default(),
                            headers: parts.headers,
                            body,
                        };
                        log.lock().unwrap().push(seen.clone());
                        let reply = handler(&seen);
                        if !reply.delay.is_zero() {
                            tokio::time::sleep(reply.delay).await;
                        }
                        let mut response = http::Response::new(Full::new(Bytes::from(reply.body)));
                        *response.status_mut() = http::StatusCode::from_u16(reply.status).unwrap();
                        Ok::<_, Infallible>(response)
                    }
                });
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service),
            );
        }
    });
    Server { addr, log, task }
}

/// RFC 3339 of `t`, as IMDS and container endpoints write `Expiration`.
pub fn rfc3339(t: SystemTime) -> String {
    time::OffsetDateTime::from(t)
        .replace_nanosecond(0)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// The credential JSON IMDS and container endpoints answer with; key ids count up.
pub fn credential_json(key: &str, expiration: SystemTime) -> String {
    format!(
        r#"{{"Code":"Success","LastUpdated":"2026-01-01T00:00:00Z","Type":"AWS-HMAC","AccessKeyId":"{key}","SecretAccessKey":"secret-{key}","Token":"token-{key}","Expiration":"{}","RoleArn":"arn:aws:iam::123456789012:role/test"}}"#,
        rfc3339(expiration)
    )
}

/// How the fake IMDS behaves; tests change it while it runs.
#[derive(Clone, Debug)]
pub struct ImdsBehaviour {
    pub role: String,
    /// The role name the listing returns (may differ from `role`: unknown role).
    pub listed_role: String,
    /// How long issued credentials live (from the clock `now`).
    pub lifetime: Duration,
    /// Answers 500 to this many requests first.
    pub fail_500: usize,
    /// Delay of every answer.
    pub delay: Duration,
    /// The credentials document is not JSON.
    pub malformed: bool,
    /// Tokens issued before this index are rejected with 401 (revoked).
    pub revoke_tokens_before: usize,
    /// The time `Expiration` is computed from.
    pub now: SystemTime,
}

impl Default for ImdsBehaviour {
    fn default() -> Self {
        Self {
            role: "test-role".into(),
            listed_role: "test-role".into(),
            lifetime: Duration::from_secs(6 * 3600),
            fail_500: 0,
            delay: Duration::ZERO,
            malformed: false,
            revoke_tokens_before: 0,
            now: SystemTime::now(),
        }
    }
}

/// A fake IMDSv2 (IMDSv1 requests, without a token, get 401 as on an IMDSv2-only instance).
pub struct Imds {
    pub server: Server,
    pub behaviour: Arc<Mutex<ImdsBehaviour>>,
    /// Credential documents handed out.
    pub fetches: Arc<AtomicUsize>,
    pub tokens: Arc<Mutex<Vec<String>>>,
}

pub async fn imds() -> Imds {
    let behaviour = Arc::new(Mutex::new(ImdsBehaviour::default()));
    let fetches = Arc::new(AtomicUsize::new(0));
    let tokens: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
    let (b, f, t) = (behaviour.clone(), fetches.clone(), tokens.clone());
    let handler: Handler = Arc::new(move |req: &Seen| {
        let mut b = b.lock().unwrap();
        let delay = b.delay;
        let reply = |status, body: String| Reply {
            status,
            body,
            delay,
        };
        if b.fail_500 > 0 {
            b.fail_500 -= 1;
            return reply(500, "internal error".into());
        }
        if req.path == "/latest/api/token" {
            if req.method != "PUT" {
                return reply(405, String::new());
            }
            let Some(ttl) = req.header("x-aws-ec2-metadata-token-ttl-seconds") else {
                return reply(400, "missing TTL".into());
            };
            if ttl.parse::<u32>().map_or(true, |t| t == 0 || t > 21_600) {
                return reply(400, "bad TTL".into());
            }
            let mut tokens = t.lock().unwrap();
            let token = format!("token-{}", tokens.len());
            tokens.push(token.clone());
            return reply(200, token);
        }
        let tokens = t.lock().unwrap();
        let valid = req
            .header("x-aws-ec2-metadata-token")
            .and_then(|tok| tokens.iter().position(|t| t == tok))
            .is_some_and(|i| i >= b.revoke_tokens_before);
        if !valid {
            return reply(401, String::new());
        }
        let prefix = "/latest/meta-data/iam/security-credentials/";
        match req.path.strip_prefix(prefix) {
            Some("") => reply(200, b.listed_role.clone()),
            Some(role) if role == b.role => {
                let n = f.fetch_add(1, Ordering::SeqCst) + 1;
                if b.malformed {
                    return reply(200, "{\"AccessKeyId\": ".into());
                }
                reply(
                    200,
                    credential_json(&format!("IMDSKEY{n}"), b.now + b.lifetime),
                )
            }
            _ => reply(404, "<html>404 - Not Found</html>".into()),
        }
    });
    Imds {
        server: serve(handler).await,
        behaviour,
        fetches,
        tokens,
    }
}

/// A fake container endpoint at `path`; requires `Authorization: token` when `token` is set.
pub async fn container(
    path: &'static str,
    token: Option<&'static str>,
    behaviour: Arc<Mutex<ImdsBehaviour>>,
    fetches: Arc<AtomicUsize>,
) -> Server {
    let handler: Handler = Arc::new(move |req: &Seen| {
        let mut b = behaviour.lock().unwrap();
        let delay = b.delay;
        let reply = |status, body: String| Reply {
            status,
            body,
            delay,
        };
        if b.fail_500 > 0 {
            b.fail_500 -= 1;
            return reply(500, "internal error".into());
        }
        if req.path != path {
            return reply(404, "not found".into());
        }
        if token.is_some() && req.header("authorization") != token {
            return reply(401, r#"{"message":"bad authorization token"}"#.into());
        }
        let n = fetches.fetch_add(1, Ordering::SeqCst) + 1;
        if b.malformed {
            return reply(200, "not json".into());
        }
        reply(
            200,
            credential_json(&format!("ECSKEY{n}"), b.now + b.lifetime),
        )
    });
    serve(handler).await
}

/// A "service" answering 200 `{}`, counting requests per access key in the `authorization`
/// header.
pub async fn service() -> (Server, Arc<Mutex<HashMap<String, usize>>>) {
    let keys = Arc::new(Mutex::new(HashMap::new()));
    let k = keys.clone();
    let handler: Handler = Arc::new(move |req: &Seen| {
        let key = req
            .header("authorization")
            .and_then(|a| a.split("Credential=").nth(1))
            .and_then(|c| c.split('/').next())
            .unwrap_or("unsigned")
            .to_string();
        *k.lock().unwrap().entry(key).or_insert(0) += 1;
        Reply::new(200, "{}")
    });
    (serve(handler).await, keys)
}

/// Writes `text` to `dir/name` and returns the path as a string.
pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A map-backed environment lookup.
pub fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

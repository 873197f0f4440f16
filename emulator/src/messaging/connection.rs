//! One chat connection: the WebSocket handshake (the chat token is the subprotocol), then a
//! writer (this task: queued frames, closes) and a reader (a spawned task: client requests).

use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio::time::{Instant, timeout};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode, header};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, WebSocketConfig};
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

use super::frames;
use super::hub::{End, Grant, Registration, SESSION_EXPIRED};
use crate::Emulator;
use crate::state::unix_millis;

/// How long a client may take to complete the WebSocket handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a closing connection waits to send its queued frames and the close frame, and
/// then for the client's close reply.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(2);
/// The largest frame a client may send (a message is at most 500 code points plus 1 KB of
/// attributes; anything far larger is not a chat request).
const MAX_CLIENT_MESSAGE: usize = 64 * 1024;

type Sink = SplitSink<WebSocketStream<TcpStream>, Message>;
type Source = SplitStream<WebSocketStream<TcpStream>>;

/// What the reader needs to know about its connection.
pub(crate) struct Conn {
    pub(crate) id: u64,
    pub(crate) grant: Grant,
    /// The client's address (the review request's `Sender.Ip`).
    pub(crate) peer: Option<std::net::IpAddr>,
}

/// Serves one TCP connection of the messaging listener to its end.
// The handshake callback's `Result<Response, ErrorResponse>` is tungstenite's `Callback` signature.
#[allow(clippy::result_large_err)]
pub(crate) async fn serve(emulator: Emulator, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let peer = stream.peer_addr().ok().map(|a| a.ip());
    let mut grant = None;
    let callback = |req: &Request, resp: Response| authorize(&emulator, req, resp, &mut grant);
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_CLIENT_MESSAGE))
        .max_frame_size(Some(MAX_CLIENT_MESSAGE));
    let accepted = timeout(
        HANDSHAKE_TIMEOUT,
        tokio_tungstenite::accept_hdr_async_with_config(stream, callback, Some(config)),
    )
    .await;
    let (Ok(Ok(ws)), Some(grant)) = (accepted, grant) else {
        return;
    };
    let hub = &emulator.inner.hub;
    let Registration { id, frames, end } = hub.register(&grant.room_id, grant.user_id.clone());
    // DeleteRoom removes the room before closing its connections: a connection registered
    // after that close sees the room gone here.
    if !emulator.room_exists(&grant.room_id) {
        hub.unregister(&grant.room_id, id);
        let mut ws = ws;
        let _ = timeout(
            CLOSE_TIMEOUT,
            ws.close(Some(CloseFrame {
                code: CloseCode::Normal,
                reason: super::hub::ROOM_DELETED.into(),
            })),
        )
        .await;
        return;
    }
    // The session ends at the time CreateChatToken announced (emulator clock), counted from now
    // in real time.
    let left = grant.session_expires - unix_millis(emulator.now());
    let deadline = Instant::now() + Duration::from_millis(u64::try_from(left).unwrap_or(0));
    let (sink, source) = ws.split();
    let room_id = grant.room_id.clone();
    let conn = Arc::new(Conn { id, grant, peer });
    let reader = tokio::spawn(read(emulator.clone(), conn, source));
    write(sink, frames, end, deadline, reader).await;
    emulator.inner.hub.unregister(&room_id, id);
}

/// The handshake callback: the first offered subprotocol must be a chat token that can still
/// connect; it is selected in the 101 response. Anything else is refused before upgrading:
/// 401 for a missing, unknown or expired token, 404 when the token's room was deleted.
#[allow(clippy::result_large_err)] // tungstenite's `Callback` signature
fn authorize(
    emulator: &Emulator,
    req: &Request,
    mut resp: Response,
    grant: &mut Option<Grant>,
) -> Result<Response, ErrorResponse> {
    let refuse = |status: StatusCode, why: &str| {
        let mut r = ErrorResponse::new(Some(format!("{why}\n")));
        *r.status_mut() = status;
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        r
    };
    let offered = req
        .headers()
        .get(header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').map(str::trim).find(|t| !t.is_empty()));
    let Some(token) = offered else {
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            "no chat token: offer the token from CreateChatToken as the WebSocket subprotocol",
        ));
    };
    let now = unix_millis(emulator.now());
    let Some(found) = emulator.inner.hub.redeem(token, now) else {
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            "the chat token is unknown or expired (a token can be used to connect for one \
             minute after CreateChatToken)",
        ));
    };
    if !emulator.room_exists(&found.room_id) {
        return Err(refuse(
            StatusCode::NOT_FOUND,
            "the token's room was deleted",
        ));
    }
    let Ok(value) = HeaderValue::from_str(token) else {
        return Err(refuse(StatusCode::BAD_REQUEST, "malformed subprotocol"));
    };
    resp.headers_mut()
        .insert(header::SEC_WEBSOCKET_PROTOCOL, value);
    *grant = Some(found);
    Ok(resp)
}

/// Sends queued frames until the connection ends, then closes it the way [`End`] says.
async fn write(
    mut sink: Sink,
    mut frames: tokio::sync::mpsc::Receiver<Utf8Bytes>,
    mut end: tokio::sync::watch::Receiver<Option<End>>,
    deadline: Instant,
    mut reader: JoinHandle<()>,
) {
    let ended =
        |end: &tokio::sync::watch::Receiver<Option<End>>| end.borrow().unwrap_or(End::SlowReader);
    let how = loop {
        tokio::select! {
            biased;
            _ = end.changed() => break Some(ended(&end)),
            _ = tokio::time::sleep_until(deadline) => break Some(End::Close(SESSION_EXPIRED)),
            _ = &mut reader => break None,
            frame = frames.recv() => {
                // The hub drops its sender only after setting `end`.
                let Some(frame) = frame else { break Some(ended(&end)) };
                tokio::select! {
                    biased;
                    _ = end.changed() => break Some(ended(&end)),
                    sent = sink.send(Message::text(frame)) => if sent.is_err() { break None },
                }
            }
        }
    };
    match how {
        Some(End::Close(reason)) => {
            let close = async {
                while let Ok(frame) = frames.try_recv() {
                    sink.feed(Message::text(frame)).await?;
                }
                sink.send(Message::Close(Some(CloseFrame {
                    code: CloseCode::Normal,
                    reason: reason.into(),
                })))
                .await
            };
            if let Ok(Ok(())) = timeout(CLOSE_TIMEOUT, close).await {
                // The reader ends when the client's close reply arrives.
                let _ = timeout(CLOSE_TIMEOUT, &mut reader).await;
            }
        }
        // Too slow to keep up: dropped without a close frame (the SDK reconnects).
        Some(End::SlowReader) => {}
        // The client closed or the connection broke: answer a close if one is owed.
        None => {
            let _ = timeout(CLOSE_TIMEOUT, sink.close()).await;
        }
    }
    reader.abort();
}

/// Reads the client's requests until it closes.
async fn read(emulator: Emulator, conn: Arc<Conn>, mut source: Source) {
    while let Some(Ok(message)) = source.next().await {
        match message {
            Message::Text(text) => emulator.handle_request(&conn, text.as_str()).await,
            Message::Binary(_) => emulator.reply_error(
                &conn,
                None,
                frames::code::BAD_REQUEST,
                "requests are JSON text frames",
            ),
            Message::Close(_) => break,
            Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => {}
        }
    }
}

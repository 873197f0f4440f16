//! The messaging endpoint: WebSocket chat connections to rooms, as the IVS Chat Messaging API
//! serves them, and the control-plane operations that act on them.
//!
//! Contract (DESIGN.md has the long form):
//! - [`serve`] accepts connections on its own listener. Any path is accepted (`ws://ADDR/` is
//!   the documented URL). The client offers the chat token from `CreateChatToken` as its only
//!   subprotocol; the 101 response selects it. A missing, unknown or expired token (a token
//!   connects for one minute) is refused with HTTP 401 before upgrading; a token whose room
//!   was deleted with 404.
//! - A connection lasts until the token's `sessionExpirationTime`, then is closed cleanly
//!   (close code 1000, reason `session expired`). `DisconnectUser` and `DeleteRoom` also close
//!   cleanly (after the frames queued before them). A connection whose queue of
//!   [`QUEUE_FRAMES`] frames is full is dropped without a close frame.
//! - Client requests (`SEND_MESSAGE`, `DELETE_MESSAGE`, `DISCONNECT_USER`) and server frames
//!   (`MESSAGE`, `EVENT`, `ERROR`) are those of the Messaging API (`frames.rs`).

mod connection;
mod frames;
mod hub;
mod log;
mod review;

use std::sync::Arc;

use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Utf8Bytes;

pub use hub::QUEUE_FRAMES;
pub(crate) use hub::{Capabilities, Grant, Hub};

use crate::Emulator;
use crate::arn::Kind;
use crate::state::{self, unix_millis};
use connection::Conn;
use frames::{Request, code};

/// The most attribute bytes (keys and values, UTF-8) a message may carry.
pub const MAX_ATTRIBUTES_BYTES: usize = 1024;

/// Accepts chat connections on `listener` until the returned future is dropped; each
/// connection is served on its own task.
pub async fn serve(listener: TcpListener, emulator: Emulator) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(connection::serve(emulator.clone(), stream));
            }
            // Out of file descriptors and the like: wait rather than spin.
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
}

/// The `SendTime` of a frame sent now.
fn send_time(emulator: &Emulator) -> String {
    state::datetime(unix_millis(emulator.now())).to_string()
}

impl Emulator {
    /// Connections open in the room with this id (an id, not an ARN; 0 for unknown rooms).
    pub fn connection_count(&self, room_id: &str) -> usize {
        self.inner.hub.connections(room_id)
    }

    pub(crate) fn room_exists(&self, room_id: &str) -> bool {
        self.read().rooms.contains_key(room_id)
    }

    /// Broadcasts an `EVENT` to the room; the control plane's `SendEvent` and the system
    /// events.
    pub(crate) fn broadcast_event(
        &self,
        room_id: &str,
        id: &str,
        request_id: Option<&str>,
        name: &str,
        attributes: &frames::Attributes,
    ) {
        let time = send_time(self);
        let frame = frames::event(id, request_id, name, attributes, &time);
        self.log_frame(room_id, "EVENT", &frame, &time);
        self.inner.hub.broadcast(room_id, &Utf8Bytes::from(frame));
    }

    pub(crate) fn broadcast_delete_message(
        &self,
        room_id: &str,
        id: &str,
        request_id: Option<&str>,
        message_id: &str,
        reason: Option<&str>,
    ) {
        let attributes = frames::delete_message_attributes(message_id, reason);
        self.broadcast_event(room_id, id, request_id, "aws:DELETE_MESSAGE", &attributes);
    }

    /// `aws:DISCONNECT_USER` to the room, then every connection of the user is closed.
    pub(crate) fn disconnect(
        &self,
        room_id: &str,
        id: &str,
        request_id: Option<&str>,
        user_id: &str,
        reason: Option<&str>,
    ) {
        let attributes = frames::disconnect_user_attributes(user_id, reason);
        let time = send_time(self);
        let frame = frames::event(id, request_id, "aws:DISCONNECT_USER", &attributes, &time);
        self.log_frame(room_id, "EVENT", &frame, &time);
        self.inner
            .hub
            .disconnect_user(room_id, user_id, &Utf8Bytes::from(frame));
    }

    /// An `ERROR` frame to the connection that sent a request.
    pub(crate) fn reply_error(&self, conn: &Conn, request_id: Option<&str>, code: u16, msg: &str) {
        let frame = frames::error(&state::random_id(), request_id, code, msg);
        self.inner
            .hub
            .send_to(&conn.grant.room_id, conn.id, &Utf8Bytes::from(frame));
    }

    /// Carries out one text frame of a client.
    pub(crate) async fn handle_request(&self, conn: &Conn, text: &str) {
        let (request_id, request) = match frames::parse_request(text) {
            Ok(parsed) => parsed,
            Err(bad) => {
                return self.reply_error(
                    conn,
                    bad.request_id.as_deref(),
                    code::BAD_REQUEST,
                    &bad.message,
                );
            }
        };
        let rid = request_id.as_deref();
        if let Err((code, message)) = self.act(conn, rid, request).await {
            self.reply_error(conn, rid, code, &message);
        }
    }

    async fn act(
        &self,
        conn: &Conn,
        request_id: Option<&str>,
        request: Request,
    ) -> Result<(), (u16, String)> {
        let grant = &conn.grant;
        let room_id = grant.room_id.as_str();
        let caps = grant.capabilities;
        let forbidden = |cap: &str| {
            Err((
                code::FORBIDDEN,
                format!("the connection's chat token does not have the {cap} capability"),
            ))
        };
        match request {
            Request::SendMessage {
                content,
                attributes,
            } => {
                if !caps.send_message {
                    return forbidden("SEND_MESSAGE");
                }
                let attributes = attributes.unwrap_or_default();
                // The room as it is now: an UpdateRoom applies to the next message.
                let room = self.room_view(room_id)?;
                let max_length = usize::try_from(room.max_length).unwrap_or(0);
                let length = content.chars().count();
                if length > max_length {
                    return Err((
                        code::PAYLOAD_TOO_LARGE,
                        format!(
                            "the message has {length} characters; the room allows at most \
                             {max_length}"
                        ),
                    ));
                }
                let size = frames::attributes_size(&attributes);
                if size > MAX_ATTRIBUTES_BYTES {
                    return Err((
                        code::PAYLOAD_TOO_LARGE,
                        format!(
                            "the message attributes take {size} bytes; at most \
                             {MAX_ATTRIBUTES_BYTES} are allowed"
                        ),
                    ));
                }
                let max_rate = room.max_rate;
                if !self
                    .inner
                    .hub
                    .admit_message(room_id, unix_millis(self.now()), max_rate)
                {
                    return Err((
                        code::TOO_MANY_REQUESTS,
                        format!("the room's rate of {max_rate} messages per second is exceeded"),
                    ));
                }
                let id = state::random_id();
                let (content, attributes) = match &room.review {
                    None => (content, attributes),
                    Some(handler) => {
                        let pending = review::Pending {
                            message_id: &id,
                            room_arn: &room.arn,
                            content,
                            attributes,
                            sender_user_id: &grant.user_id,
                            sender_attributes: &grant.attributes,
                            sender_ip: conn.peer,
                            max_length,
                        };
                        match self.review(handler, pending).await {
                            review::Verdict::Allow {
                                content,
                                attributes,
                            } => (content, attributes),
                            review::Verdict::Deny { reason } => {
                                let why = match reason {
                                    Some(r) => format!("the message was denied by review: {r}"),
                                    None => "the message was denied by review".to_string(),
                                };
                                return Err((code::NOT_ACCEPTABLE, why));
                            }
                        }
                    }
                };
                let time = send_time(self);
                let frame = frames::Message {
                    id: &id,
                    request_id,
                    content: &content,
                    attributes: &attributes,
                    send_time: &time,
                    sender_user_id: &grant.user_id,
                    sender_attributes: &grant.attributes,
                }
                .to_json();
                self.log_frame(room_id, "MESSAGE", &frame, &time);
                self.inner.hub.broadcast(room_id, &Utf8Bytes::from(frame));
                Ok(())
            }
            Request::DeleteMessage { id, reason } => {
                if !caps.delete_message {
                    return forbidden("DELETE_MESSAGE");
                }
                self.room_view(room_id)?;
                let event_id = state::random_id();
                self.broadcast_delete_message(
                    room_id,
                    &event_id,
                    request_id,
                    &id,
                    reason.as_deref(),
                );
                Ok(())
            }
            Request::DisconnectUser { user_id, reason } => {
                if !caps.disconnect_user {
                    return forbidden("DISCONNECT_USER");
                }
                self.room_view(room_id)?;
                let event_id = state::random_id();
                self.disconnect(room_id, &event_id, request_id, &user_id, reason.as_deref());
                Ok(())
            }
        }
    }

    /// What a message needs to know about its room, or 404.
    fn room_view(&self, room_id: &str) -> Result<RoomView, (u16, String)> {
        let state = self.read();
        let room = state.rooms.get(room_id).ok_or_else(|| {
            (
                code::NOT_FOUND,
                format!("{} `{room_id}` does not exist", Kind::Room.noun()),
            )
        })?;
        Ok(RoomView {
            arn: room.arn.clone(),
            max_length: room.maximum_message_length,
            max_rate: room.maximum_message_rate_per_second,
            review: room.message_review_handler.clone(),
        })
    }

    /// Remembers what a new chat token grants.
    pub(crate) fn issue_token(&self, token: String, grant: Grant) {
        let now = unix_millis(self.now());
        self.inner.hub.issue(token, grant, now);
    }
}

/// A room's settings as a message sees them.
struct RoomView {
    arn: String,
    max_length: i32,
    max_rate: i32,
    review: Option<ivschat::types::MessageReviewHandler>,
}

/// Shared so every connection of a token refers to the same attributes.
pub(crate) fn shared_attributes(
    a: Option<std::collections::HashMap<String, String>>,
) -> Arc<frames::Attributes> {
    Arc::new(a.unwrap_or_default())
}

//! Who is connected where: chat tokens waiting to be used, the connections of each room,
//! fan-out to them, and each room's message rate window.
//!
//! One `std` mutex guards it all; nothing awaits while holding it (fan-out is `try_send` into
//! each connection's bounded queue), so control-plane calls never wait on a slow client.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Utf8Bytes;

use super::frames::Attributes;

/// Frames a connection may have queued before it counts as a slow reader and is dropped.
pub const QUEUE_FRAMES: usize = 256;

/// What a chat token grants, kept from `CreateChatToken` until the token expires.
#[derive(Clone, Debug)]
pub(crate) struct Grant {
    pub(crate) room_id: String,
    pub(crate) user_id: Arc<str>,
    pub(crate) attributes: Arc<Attributes>,
    pub(crate) capabilities: Capabilities,
    /// Until when (Unix milliseconds, emulator clock) the token can be used to connect.
    pub(crate) token_expires: i64,
    /// When (Unix milliseconds, emulator clock) a session started with it ends.
    pub(crate) session_expires: i64,
}

/// The capabilities of a chat token (viewing needs none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Capabilities {
    pub(crate) send_message: bool,
    pub(crate) delete_message: bool,
    pub(crate) disconnect_user: bool,
}

/// Why the server ends a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum End {
    /// A clean close (code 1000) with this reason; queued frames are sent first.
    Close(&'static str),
    /// The connection's queue overflowed: dropped without a close frame.
    SlowReader,
}

/// Close reasons (the text of the close frame).
pub(crate) const DISCONNECTED: &str = "disconnected by DisconnectUser";
pub(crate) const ROOM_DELETED: &str = "room deleted";
pub(crate) const SESSION_EXPIRED: &str = "session expired";

/// The connection side of a registration.
pub(crate) struct Registration {
    pub(crate) id: u64,
    pub(crate) frames: mpsc::Receiver<Utf8Bytes>,
    pub(crate) end: watch::Receiver<Option<End>>,
}

struct Conn {
    user_id: Arc<str>,
    frames: mpsc::Sender<Utf8Bytes>,
    end: watch::Sender<Option<End>>,
}

impl Conn {
    /// Queues a frame; false (after ending the connection as a slow reader) when the queue is
    /// full, or when the connection is gone.
    fn offer(&self, frame: &Utf8Bytes) -> bool {
        match self.frames.try_send(frame.clone()) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.end.send_replace(Some(End::SlowReader));
                false
            }
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        }
    }
}

#[derive(Default)]
struct RoomConns {
    conns: HashMap<u64, Conn>,
    /// Send times (Unix milliseconds) of the messages admitted in the last second.
    sends: VecDeque<i64>,
}

#[derive(Default)]
struct HubState {
    tokens: HashMap<String, Grant>,
    /// Token count after the last sweep of expired tokens.
    swept_at: usize,
    rooms: HashMap<String, RoomConns>,
    next_id: u64,
}

/// The messaging state of an emulator.
#[derive(Default)]
pub(crate) struct Hub {
    state: Mutex<HubState>,
}

impl Hub {
    fn lock(&self) -> MutexGuard<'_, HubState> {
        // Every change is a single map operation: a poisoned lock holds consistent data.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Remembers a new token. Expired tokens are swept whenever the table has doubled since
    /// the last sweep, so unused tokens cost bounded memory.
    pub(crate) fn issue(&self, token: String, grant: Grant, now: i64) {
        let mut s = self.lock();
        if s.tokens.len() >= 1024 && s.tokens.len() >= 2 * s.swept_at {
            s.tokens.retain(|_, g| g.token_expires > now);
            s.swept_at = s.tokens.len();
        }
        s.tokens.insert(token, grant);
    }

    /// The grant of a token that can still be used to connect at `now`.
    pub(crate) fn redeem(&self, token: &str, now: i64) -> Option<Grant> {
        let s = self.lock();
        s.tokens
            .get(token)
            .filter(|g| now < g.token_expires)
            .cloned()
    }

    pub(crate) fn register(&self, room_id: &str, user_id: Arc<str>) -> Registration {
        let (frames_tx, frames) = mpsc::channel(QUEUE_FRAMES);
        let (end_tx, end) = watch::channel(None);
        let mut s = self.lock();
        s.next_id += 1;
        let id = s.next_id;
        s.rooms
            .entry(room_id.to_string())
            .or_default()
            .conns
            .insert(
                id,
                Conn {
                    user_id,
                    frames: frames_tx,
                    end: end_tx,
                },
            );
        Registration { id, frames, end }
    }

    pub(crate) fn unregister(&self, room_id: &str, id: u64) {
        let mut s = self.lock();
        if let Some(room) = s.rooms.get_mut(room_id) {
            room.conns.remove(&id);
            if room.conns.is_empty() && room.sends.is_empty() {
                s.rooms.remove(room_id);
            }
        }
    }

    /// Queues a frame on every connection of the room; slow readers are dropped.
    pub(crate) fn broadcast(&self, room_id: &str, frame: &Utf8Bytes) {
        let mut s = self.lock();
        if let Some(room) = s.rooms.get_mut(room_id) {
            room.conns.retain(|_, c| c.offer(frame));
        }
    }

    /// Queues a frame on one connection.
    pub(crate) fn send_to(&self, room_id: &str, id: u64, frame: &Utf8Bytes) {
        let mut s = self.lock();
        if let Some(room) = s.rooms.get_mut(room_id)
            && let Some(conn) = room.conns.get(&id)
            && !conn.offer(frame)
        {
            room.conns.remove(&id);
        }
    }

    /// Broadcasts `frame` (the `aws:DISCONNECT_USER` event), then closes every connection of
    /// `user_id` in the room after it.
    pub(crate) fn disconnect_user(&self, room_id: &str, user_id: &str, frame: &Utf8Bytes) {
        let mut s = self.lock();
        if let Some(room) = s.rooms.get_mut(room_id) {
            room.conns.retain(|_, c| {
                if !c.offer(frame) {
                    return false;
                }
                if &*c.user_id == user_id {
                    c.end.send_replace(Some(End::Close(DISCONNECTED)));
                    return false;
                }
                true
            });
        }
    }

    /// Closes every connection of a room (it was deleted).
    pub(crate) fn close_room(&self, room_id: &str) {
        let mut s = self.lock();
        if let Some(room) = s.rooms.remove(room_id) {
            for conn in room.conns.values() {
                conn.end.send_replace(Some(End::Close(ROOM_DELETED)));
            }
        }
        // Tokens for the room can no longer connect either.
        s.tokens.retain(|_, g| g.room_id != room_id);
    }

    /// Admits one message to the room if fewer than `rate` were admitted in the second before
    /// `now` (a sliding one-second window, room-wide).
    pub(crate) fn admit_message(&self, room_id: &str, now: i64, rate: i32) -> bool {
        let mut s = self.lock();
        let room = s.rooms.entry(room_id.to_string()).or_default();
        while room.sends.front().is_some_and(|&t| t <= now - 1000) {
            room.sends.pop_front();
        }
        if room.sends.len() >= usize::try_from(rate.max(0)).unwrap_or(0) {
            return false;
        }
        room.sends.push_back(now);
        true
    }

    /// Connections open in a room.
    pub(crate) fn connections(&self, room_id: &str) -> usize {
        self.lock().rooms.get(room_id).map_or(0, |r| r.conns.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(expires: i64) -> Grant {
        Grant {
            room_id: "r".into(),
            user_id: "u".into(),
            attributes: Arc::default(),
            capabilities: Capabilities::default(),
            token_expires: expires,
            session_expires: expires,
        }
    }

    #[test]
    fn tokens_redeem_until_they_expire_and_expired_ones_are_swept() {
        let hub = Hub::default();
        hub.issue("t".into(), grant(1000), 0);
        assert!(hub.redeem("t", 999).is_some());
        assert!(hub.redeem("t", 1000).is_none());
        assert!(hub.redeem("other", 0).is_none());
        for i in 0..5000 {
            hub.issue(format!("x{i}"), grant(10), 20);
        }
        // Sweeps ran while issuing: far fewer than 5000 expired tokens remain.
        assert!(
            hub.lock().tokens.len() < 2100,
            "{}",
            hub.lock().tokens.len()
        );
    }

    #[test]
    fn the_rate_window_is_one_second_room_wide() {
        let hub = Hub::default();
        assert!(hub.admit_message("r", 0, 2));
        assert!(hub.admit_message("r", 500, 2));
        assert!(!hub.admit_message("r", 999, 2));
        assert!(hub.admit_message("other", 999, 2));
        assert!(hub.admit_message("r", 1000, 2));
        assert!(!hub.admit_message("r", 1001, 2));
        assert!(!hub.admit_message("r", 0, 0));
    }

    #[test]
    fn a_full_queue_ends_the_connection_as_a_slow_reader() {
        let hub = Hub::default();
        let reg = hub.register("r", "u".into());
        let frame = Utf8Bytes::from_static("{}");
        for _ in 0..QUEUE_FRAMES {
            hub.broadcast("r", &frame);
        }
        assert_eq!(hub.connections("r"), 1);
        assert_eq!(*reg.end.borrow(), None);
        hub.broadcast("r", &frame);
        assert_eq!(hub.connections("r"), 0);
        assert_eq!(*reg.end.borrow(), Some(End::SlowReader));
    }
}

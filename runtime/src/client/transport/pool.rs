//! Idle HTTP/1.1 connections kept by [`HyperClient`](super::HyperClient) for reuse.
//!
//! Hand-written rather than hyper-util's legacy client: that client (with hyper-rustls to plug
//! TLS into it) costs three crates of the dependency budget, and its general pool handles
//! streaming bodies, HTTP/2 and background reaping that we never need. Here every response body
//! is read whole before `call` returns, so a connection is either busy with exactly one call or
//! idle in this pool, and a plain map of stacks is enough.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::client::conn::http1::SendRequest;

/// The sending half of one HTTP/1.1 connection (its I/O runs in a spawned task).
pub(crate) type Sender = SendRequest<Full<Bytes>>;

/// Which connections can serve a request: same scheme, host and port.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    /// `https` (TLS) rather than `http`.
    pub(crate) tls: bool,
    /// Host name or IP address (IPv6 without brackets).
    pub(crate) host: String,
    /// TCP port, defaults already applied.
    pub(crate) port: u16,
}

/// A connection waiting for its next request, and since when.
struct Idle {
    sender: Sender,
    since: Instant,
}

/// Idle connections per [`Key`], oldest first.
pub(crate) struct Pool {
    idle: Mutex<HashMap<Key, Vec<Idle>>>,
    idle_timeout: Duration,
    max_idle_per_key: usize,
}

impl Pool {
    /// A pool that forgets connections idle longer than `idle_timeout` and keeps at most
    /// `max_idle_per_key` idle connections per key (so a burst does not leave hundreds of
    /// sockets open).
    pub(crate) fn new(idle_timeout: Duration, max_idle_per_key: usize) -> Self {
        Self {
            idle: Mutex::new(HashMap::new()),
            idle_timeout,
            max_idle_per_key,
        }
    }

    /// The most recently used idle connection to `key` that is still open and ready for a
    /// request, or `None` when a new connection must be made.
    pub(crate) async fn checkout(&self, key: &Key) -> Option<Sender> {
        loop {
            let mut sender = self.pop(key)?;
            // Resolves at once for a live idle connection (or as soon as its task has finished
            // the previous exchange); fails if the server closed it meanwhile.
            if sender.ready().await.is_ok() {
                return Some(sender);
            }
        }
    }

    /// Removes and returns the newest idle connection that is neither expired nor known closed;
    /// expired and closed ones met on the way are dropped (which closes them).
    fn pop(&self, key: &Key) -> Option<Sender> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let list = idle.get_mut(key)?;
        let now = Instant::now();
        // Oldest first, so the expired ones are a prefix.
        let expired = list
            .iter()
            .take_while(|i| now.duration_since(i.since) > self.idle_timeout)
            .count();
        list.drain(..expired);
        let mut found = None;
        while let Some(i) = list.pop() {
            if !i.sender.is_closed() {
                found = Some(i.sender);
                break;
            }
        }
        if list.is_empty() {
            idle.remove(key);
        }
        found
    }

    /// Puts a connection whose exchange is complete back for reuse.
    pub(crate) fn checkin(&self, key: Key, sender: Sender) {
        if sender.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let list = idle.entry(key).or_default();
        list.retain(|i| !i.sender.is_closed());
        if list.len() >= self.max_idle_per_key {
            // Drop the oldest: it is the closest to its idle timeout.
            list.remove(0);
        }
        list.push(Idle {
            sender,
            since: Instant::now(),
        });
    }

    /// How many idle connections are kept for `key` (tests).
    #[cfg(test)]
    pub(crate) fn idle_count(&self, key: &Key) -> usize {
        let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        idle.get(key).map_or(0, Vec::len)
    }
}

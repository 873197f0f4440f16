//! The credentials cache: one fetch at a time, refreshed ahead of expiry, and a failed
//! refresh keeps serving credentials that still work.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use super::{Credentials, CredentialsError, ProvideCredentials, SharedCredentialsProvider};
use crate::client::Clock;
use crate::client::transport::BoxFuture;

/// How long before expiry credentials are refreshed by default (the AWS CLI's five minutes).
const DEFAULT_REFRESH_BUFFER: Duration = Duration::from_secs(5 * 60);

/// After a failed refresh, how long unexpired credentials are served before trying again.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(10);

/// Caches what a provider returns until shortly before it expires.
///
/// Concurrent callers that find the credentials stale wait for one refresh (single flight:
/// 1,000 concurrent sends cause one fetch). When a refresh fails and the credentials held have
/// not yet expired, they are served for a little longer (`10 s`) before the next try.
/// Credentials without an expiry are fetched once.
pub struct CredentialsCache {
    provider: SharedCredentialsProvider,
    clock: Clock,
    buffer: Duration,
    state: Mutex<Option<Entry>>,
    /// Held by the one caller that refreshes; the others queue on it, then re-check.
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Clone)]
struct Entry {
    credentials: Credentials,
    /// From this time on, the next caller refreshes.
    refresh_at: Option<SystemTime>,
}

impl fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsCache")
            .field("provider", &self.provider)
            .field("buffer", &self.buffer)
            .finish_non_exhaustive()
    }
}

impl CredentialsCache {
    /// A cache over `provider`, reading the time from `clock`, refreshing
    /// 5 minutes before expiry (see [`CredentialsCache::with_refresh_buffer`]).
    pub fn new(provider: SharedCredentialsProvider, clock: Clock) -> Self {
        Self {
            provider,
            clock,
            buffer: DEFAULT_REFRESH_BUFFER,
            state: Mutex::new(None),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// Sets how long before expiry to refresh.
    pub fn with_refresh_buffer(mut self, buffer: Duration) -> Self {
        self.buffer = buffer;
        self
    }

    /// Fresh credentials: the cached ones, or new ones from the provider.
    pub async fn get(&self) -> Result<Credentials, CredentialsError> {
        if let Some(c) = self.fresh(self.clock.now()) {
            return Ok(c);
        }
        let _refreshing = self.refresh.lock().await;
        // Whoever held the lock before may have refreshed already.
        let now = self.clock.now();
        if let Some(c) = self.fresh(now) {
            return Ok(c);
        }
        let held = self.lock().clone();
        match self.provider.provide_credentials().await {
            Ok(credentials) => {
                let now = self.clock.now();
                let refresh_at = credentials.expiry().map(|expiry| {
                    match expiry.checked_sub(self.buffer).filter(|t| *t > now) {
                        Some(t) => t,
                        // Lifetimes shorter than the buffer: refresh half way, not every call.
                        None => now + expiry.duration_since(now).unwrap_or_default() / 2,
                    }
                });
                *self.lock() = Some(Entry {
                    credentials: credentials.clone(),
                    refresh_at,
                });
                Ok(credentials)
            }
            Err(e) => match held {
                Some(entry) if !expired(&entry.credentials, now) => {
                    let retry_at = now + RETRY_AFTER_FAILURE;
                    let retry_at = match entry.credentials.expiry() {
                        Some(expiry) => retry_at.min(expiry),
                        None => retry_at,
                    };
                    *self.lock() = Some(Entry {
                        credentials: entry.credentials.clone(),
                        refresh_at: Some(retry_at),
                    });
                    Ok(entry.credentials)
                }
                _ => Err(e),
            },
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Entry>> {
        // A panic elsewhere while holding it cannot leave an `Option<Entry>` half-written.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn fresh(&self, now: SystemTime) -> Option<Credentials> {
        let state = self.lock();
        let entry = state.as_ref()?;
        match entry.refresh_at {
            Some(at) if now >= at => None,
            _ => Some(entry.credentials.clone()),
        }
    }
}

fn expired(credentials: &Credentials, now: SystemTime) -> bool {
    credentials.expiry().is_some_and(|e| now >= e)
}

impl ProvideCredentials for CredentialsCache {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.get())
    }
}

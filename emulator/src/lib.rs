//! A local, in-memory emulator of Amazon IVS Chat.
//!
//! [`Emulator`] implements the generated [`ivschat::IvschatApi`] trait with in-memory state, so
//! application code written against the trait can be tested without AWS, either in process
//! (call the trait methods directly) or over HTTP through the `ivschat-emulator` binary, which
//! serves it with the generated server router (`ivschat::server::router`).
//!
//! Semantics follow the real service where it can be observed from the API:
//! - Room ARNs are `arn:aws:ivschat:{region}:{account}:room/{id}` and logging configuration
//!   ARNs `arn:aws:ivschat:{region}:{account}:logging-configuration/{id}`, with random
//!   12-character alphanumeric ids. An identifier of another region or account, of another
//!   resource kind, or with an unknown id gives `ResourceNotFoundException` (with `resourceId`,
//!   the id part, and `resourceType` `ROOM`: the model's `ResourceType` enum has no other value,
//!   so logging configurations are reported as `ROOM` too).
//! - Defaults: `maximumMessageLength` 500, `maximumMessageRatePerSecond` 10, a message review
//!   handler's `fallbackResult` `ALLOW`, a chat session of 60 minutes; names default to `""`.
//! - Logging configurations are `ACTIVE` as soon as they are created or updated (the real
//!   service passes through `CREATING`/`UPDATING`; here changes are synchronous).
//! - Lists are ordered by `updateTime`, most recent first, with a sequence number as
//!   tie-breaker; `nextToken` is a cursor (the position of the last item returned plus a hash
//!   of the filters), so items inserted, updated or deleted between pages never make a later
//!   page repeat or skip an item that stayed unchanged.
//! - Quotas: [`Config::max_rooms`] and [`Config::max_logging_configurations`]
//!   (`ServiceQuotaExceededException`), at most 50 tags per resource and at most 3 logging
//!   configurations per room (`ValidationException`). Deleting a logging configuration that a
//!   room still uses is a `ConflictException`.
//!
//! - Chat: [`messaging`] serves WebSocket chat connections (the binary's `--messaging-listen`);
//!   `CreateChatToken` tokens connect to it, and `SendEvent`, `DeleteMessage`, `DisconnectUser`
//!   and `DeleteRoom` act on the connections. Signed requests are served in the region of
//!   their SigV4 credential scope ([`region`]).
//!
//! Model constraints (lengths, patterns, ranges, required members, enum values) are checked by
//! the generated server router before a request reaches the emulator. Called directly through
//! the trait, the emulator still checks the constraints its own semantics rest on
//! (`maxResults`, `sessionDurationInMinutes`, the tag and logging configuration counts) and
//! never panics on other input.
//!
//! ```
//! use ivschat::IvschatApi;
//! use ivschat::operation::create_room::CreateRoomInput;
//! use ivschat_emulator::{Config, Emulator};
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let emulator = Emulator::new(Config::default()).unwrap();
//! let room = emulator
//!     .create_room(CreateRoomInput::builder().name("lobby").build())
//!     .await
//!     .unwrap();
//! assert_eq!(room.maximum_message_length, Some(500));
//! # });
//! ```

#![deny(missing_docs)]

mod arn;
pub mod cli;
mod errors;
pub mod messaging;
mod ops;
mod page;
pub mod region;
mod state;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, SystemTime};

use state::State;

/// The source of the current time (replaceable so tests can pin token expirations).
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Region, account and quotas of an emulator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The region of requests that carry none (default `us-east-1`): unsigned requests and
    /// direct trait calls. Signed requests served by the binary use their credential scope's
    /// region ([`region`]).
    pub region: String,
    /// The 12-digit account id in every ARN (default `123456789012`).
    pub account: String,
    /// How many rooms may exist at once (default [`Config::DEFAULT_MAX_ROOMS`]).
    pub max_rooms: usize,
    /// How many logging configurations may exist at once (default
    /// [`Config::DEFAULT_MAX_LOGGING_CONFIGURATIONS`]).
    pub max_logging_configurations: usize,
    /// Message review: the local HTTP endpoint (`http://...`) standing in for each Lambda ARN
    /// a room's `messageReviewHandler` may name. A handler without an entry behaves as one
    /// that fails: the room's `fallbackResult` decides.
    pub review_handlers: BTreeMap<String, String>,
    /// How long a review handler may take to answer before the fallback result applies
    /// (default [`Config::DEFAULT_REVIEW_TIMEOUT`]).
    pub review_timeout: Duration,
    /// Where chat logging destinations are recorded: one JSON-lines file per destination
    /// (none: nothing is recorded).
    pub log_dir: Option<PathBuf>,
}

impl Config {
    /// The default region.
    pub const DEFAULT_REGION: &str = "us-east-1";
    /// The default account id.
    pub const DEFAULT_ACCOUNT: &str = "123456789012";
    /// The real service's default quota of rooms per account and region (50,000).
    pub const DEFAULT_MAX_ROOMS: usize = 50_000;
    /// The real service's default quota of logging configurations per account and region (10).
    pub const DEFAULT_MAX_LOGGING_CONFIGURATIONS: usize = 10;
    /// The real service's timeout of a message review handler (200 ms).
    pub const DEFAULT_REVIEW_TIMEOUT: Duration = Duration::from_millis(200);

    /// Checks that the region and account can appear in ARNs the model's identifier patterns
    /// accept (region `[a-z0-9-]+`, account of exactly 12 digits).
    pub fn validate(&self) -> Result<(), ConfigError> {
        let region_ok = !self.region.is_empty()
            && self
                .region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !region_ok {
            return Err(ConfigError(format!(
                "invalid region `{}`: use lowercase letters, digits and `-` (e.g. us-east-1)",
                self.region
            )));
        }
        if self.account.len() != 12 || !self.account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ConfigError(format!(
                "invalid account `{}`: an AWS account id is exactly 12 digits",
                self.account
            )));
        }
        Ok(())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            region: Self::DEFAULT_REGION.to_string(),
            account: Self::DEFAULT_ACCOUNT.to_string(),
            max_rooms: Self::DEFAULT_MAX_ROOMS,
            max_logging_configurations: Self::DEFAULT_MAX_LOGGING_CONFIGURATIONS,
            review_handlers: BTreeMap::new(),
            review_timeout: Self::DEFAULT_REVIEW_TIMEOUT,
            log_dir: None,
        }
    }
}

/// A [`Config`] that cannot be used (its message says which setting and why).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// An in-memory IVS Chat service: implements [`ivschat::IvschatApi`].
///
/// Cheap to clone; clones share the same state. Safe to call from many tasks at once: one
/// lock guards the state, and no operation awaits while holding it.
#[derive(Clone)]
pub struct Emulator {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    /// `config.region`, shared cheaply with requests that carry no region of their own.
    default_region: Arc<str>,
    clock: Clock,
    state: RwLock<State>,
    /// Tokens and connections; its own lock, never taken while `state` is held.
    hub: messaging::Hub,
    /// The HTTP client of message review, made on first use (`None` if TLS setup failed).
    review_client: OnceLock<Option<smithy_runtime::client::HyperClient>>,
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.read();
        f.debug_struct("Emulator")
            .field("config", &self.inner.config)
            .field("rooms", &state.rooms.len())
            .field("logging_configurations", &state.logs.len())
            .finish()
    }
}

impl Emulator {
    /// An empty emulator using the system clock.
    pub fn new(config: Config) -> Result<Emulator, ConfigError> {
        Self::with_clock(config, SystemTime::now)
    }

    /// An empty emulator reading the time from `clock` (creation and update times, chat token
    /// expirations). Times are kept to the millisecond, as they travel on the wire.
    pub fn with_clock(
        config: Config,
        clock: impl Fn() -> SystemTime + Send + Sync + 'static,
    ) -> Result<Emulator, ConfigError> {
        config.validate()?;
        Ok(Emulator {
            inner: Arc::new(Inner {
                default_region: config.region.as_str().into(),
                config,
                clock: Arc::new(clock),
                state: RwLock::new(State::default()),
                hub: messaging::Hub::default(),
                review_client: OnceLock::new(),
            }),
        })
    }

    /// The configuration this emulator was made with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The ARN of the room with this id (whether or not it exists), in the current region
    /// (see [`region`]).
    pub fn room_arn(&self, id: &str) -> String {
        arn::Kind::Room.arn(self.scope(&self.region()), id)
    }

    /// The ARN of the logging configuration with this id (whether or not it exists), in the
    /// current region.
    pub fn logging_configuration_arn(&self, id: &str) -> String {
        arn::Kind::LoggingConfiguration.arn(self.scope(&self.region()), id)
    }

    /// The region of the request being served ([`region::scope`]), else the configured one.
    pub(crate) fn region(&self) -> Arc<str> {
        region::current().unwrap_or_else(|| self.inner.default_region.clone())
    }

    pub(crate) fn scope<'a>(&'a self, region: &'a str) -> arn::Scope<'a> {
        arn::Scope {
            region,
            account: &self.inner.config.account,
        }
    }

    fn now(&self) -> SystemTime {
        (self.inner.clock)()
    }

    // A panic while holding the lock cannot leave the state half-changed (every change is
    // applied after all checks pass), so a poisoned lock is still safe to use.
    fn read(&self) -> RwLockReadGuard<'_, State> {
        self.inner
            .state
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, State> {
        self.inner
            .state
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

//! The emulator's in-memory state.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use ivschat::types::{DestinationConfiguration, LoggingConfigurationState, MessageReviewHandler};
use smithy_runtime::wire::DateTime;
use time::OffsetDateTime;

use crate::page::Key;

/// A room as stored.
#[derive(Clone, Debug)]
pub(crate) struct Room {
    pub(crate) id: String,
    /// The region it was created in (it exists only there).
    pub(crate) region: Arc<str>,
    pub(crate) arn: String,
    pub(crate) name: String,
    pub(crate) create_time: DateTime,
    pub(crate) key: Key,
    pub(crate) maximum_message_rate_per_second: i32,
    pub(crate) maximum_message_length: i32,
    pub(crate) message_review_handler: Option<MessageReviewHandler>,
    pub(crate) tags: HashMap<String, String>,
    /// Canonical ARNs of the logging configurations, in the order given.
    pub(crate) logging_configuration_identifiers: Vec<String>,
}

/// A logging configuration as stored.
#[derive(Clone, Debug)]
pub(crate) struct LoggingConfiguration {
    pub(crate) id: String,
    /// The region it was created in (it exists only there).
    pub(crate) region: Arc<str>,
    pub(crate) arn: String,
    pub(crate) name: String,
    pub(crate) create_time: DateTime,
    pub(crate) key: Key,
    pub(crate) destination_configuration: DestinationConfiguration,
    pub(crate) state: LoggingConfigurationState,
    pub(crate) tags: HashMap<String, String>,
}

/// Everything behind the emulator's lock.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) rooms: HashMap<String, Room>,
    /// Rooms by list position (see [`Key`]).
    pub(crate) room_order: BTreeMap<Key, String>,
    pub(crate) logs: HashMap<String, LoggingConfiguration>,
    pub(crate) log_order: BTreeMap<Key, String>,
    seq: u64,
    last_millis: i64,
}

impl State {
    /// A fresh list position for a change made at `now`. Times never go backwards (a clock
    /// step back reuses the last time), so list order always agrees with update times.
    pub(crate) fn stamp(&mut self, now: SystemTime) -> Key {
        self.seq += 1;
        self.last_millis = self.last_millis.max(unix_millis(now));
        Key {
            millis: self.last_millis,
            seq: self.seq,
        }
    }

    /// A random 12-character alphanumeric id no room or logging configuration has.
    pub(crate) fn fresh_id(&self) -> String {
        loop {
            let id = random_id();
            if !self.rooms.contains_key(&id) && !self.logs.contains_key(&id) {
                return id;
            }
        }
    }
}

/// A random 12-character alphanumeric id (the shape of every id the service makes).
pub(crate) fn random_id() -> String {
    std::iter::repeat_with(fastrand::alphanumeric)
        .take(12)
        .collect()
}

/// Milliseconds since the Unix epoch (negative before it).
pub(crate) fn unix_millis(t: SystemTime) -> i64 {
    let ms = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => ms(after),
        Err(before) => -ms(before.duration()),
    }
}

/// The timestamp `millis` after the epoch; clamped to the range `time` supports, which no
/// realistic clock leaves.
pub(crate) fn datetime(millis: i64) -> DateTime {
    let nanos = i128::from(millis) * 1_000_000;
    let t = OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(if nanos < 0 {
        OffsetDateTime::UNIX_EPOCH
    } else {
        time::PrimitiveDateTime::MAX.assume_utc()
    });
    DateTime::from(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_unique_and_never_go_back_in_time() {
        let mut state = State::default();
        let t = SystemTime::UNIX_EPOCH + Duration::from_millis(5_000);
        let a = state.stamp(t);
        let b = state.stamp(t);
        let c = state.stamp(t - Duration::from_secs(1));
        assert_eq!(
            a,
            Key {
                millis: 5_000,
                seq: 1
            }
        );
        assert_eq!(
            b,
            Key {
                millis: 5_000,
                seq: 2
            }
        );
        assert_eq!(
            c,
            Key {
                millis: 5_000,
                seq: 3
            }
        );
        assert!(a < b && b < c);
        let d = state.stamp(t + Duration::from_micros(2_500));
        assert_eq!(
            d,
            Key {
                millis: 5_002,
                seq: 4
            }
        );
    }

    #[test]
    fn ids_are_12_alphanumeric_characters() {
        let state = State::default();
        for _ in 0..100 {
            let id = state.fresh_id();
            assert_eq!(id.len(), 12);
            assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
        }
    }

    #[test]
    fn times_keep_milliseconds_only() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_nanos(1_700_000_000_123_456_789);
        let dt = datetime(unix_millis(t));
        assert_eq!((dt.secs(), dt.subsec_millis()), (1_700_000_000, 123));
        assert_eq!(
            unix_millis(SystemTime::UNIX_EPOCH - Duration::from_millis(3)),
            -3
        );
        // Far outside `time`'s range: clamped rather than a panic.
        assert_eq!(datetime(i64::MIN).secs(), 0);
        assert!(datetime(i64::MAX).secs() > 0);
    }
}

//! Keyset pagination: list order and opaque `nextToken` cursors.
//!
//! A token names the position of the last item a page returned (its update time and sequence
//! number) rather than an offset, so inserts, updates and deletes between pages cannot shift
//! the items that stayed unchanged. It also carries the listing it belongs to and a hash of
//! its filters, so a token reused with other filters is rejected instead of silently giving
//! a wrong page.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::errors::Fault;

/// The position of an item in its list: lists are ordered by this key, largest first.
///
/// `millis` is the update time; `seq` is unique and increases with every change, so no two
/// items share a key and an item changed later always sorts before one changed earlier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key {
    pub(crate) millis: i64,
    pub(crate) seq: u64,
}

/// Which list a token belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Listing {
    Rooms,
    LoggingConfigurations,
}

impl Listing {
    fn tag(self) -> &'static str {
        match self {
            Listing::Rooms => "rooms",
            Listing::LoggingConfigurations => "logging-configurations",
        }
    }
}

/// A stable hash of a listing's filters (stable within one process, which is as long as the
/// emulator's state lives).
pub(crate) fn filter_hash(filters: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    filters.hash(&mut h);
    h.finish()
}

const VERSION: &str = "v1";

/// The token for the page after the item at `key`.
pub(crate) fn encode(listing: Listing, filters: u64, key: Key) -> String {
    let text = format!(
        "{VERSION}.{}.{}.{}.{filters:016x}",
        listing.tag(),
        key.millis,
        key.seq
    );
    URL_SAFE_NO_PAD.encode(text)
}

/// Reads a token back; any token this emulator did not issue for this listing and these
/// filters is a `ValidationException` on `nextToken`.
pub(crate) fn decode(listing: Listing, filters: u64, token: &str) -> Result<Key, Fault> {
    let invalid = |why: &str| Fault::invalid("nextToken", why);
    let bytes = URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| invalid("the pagination token is not one this service issued"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| invalid("the pagination token is not one this service issued"))?;
    let parts: Vec<&str> = text.split('.').collect();
    let [version, tag, millis, seq, hash] = parts[..] else {
        return Err(invalid(
            "the pagination token is not one this service issued",
        ));
    };
    let key = match (version, millis.parse(), seq.parse()) {
        (VERSION, Ok(millis), Ok(seq)) => Key { millis, seq },
        _ => {
            return Err(invalid(
                "the pagination token is not one this service issued",
            ));
        }
    };
    if tag != listing.tag() {
        return Err(invalid(
            "the pagination token belongs to another list operation",
        ));
    }
    if u64::from_str_radix(hash, 16) != Ok(filters) {
        return Err(invalid(
            "the pagination token was issued for a listing with other filters",
        ));
    }
    Ok(key)
}

/// One page of `items`, most recent first: at most `max` items that `keep` accepts, all
/// positioned strictly after `after` (when given), and the key of the last item returned
/// when more accepted items follow it.
pub(crate) fn page<'a, T>(
    order: &BTreeMap<Key, String>,
    items: &'a HashMap<String, T>,
    after: Option<Key>,
    max: usize,
    keep: impl Fn(&T) -> bool,
) -> (Vec<&'a T>, Option<Key>) {
    let candidates: Box<dyn DoubleEndedIterator<Item = (&Key, &String)>> = match after {
        Some(after) => Box::new(order.range(..after)),
        None => Box::new(order.iter()),
    };
    let mut out = Vec::with_capacity(max.min(64));
    let mut last = None;
    for (key, id) in candidates.rev() {
        let Some(item) = items.get(id) else { continue };
        if !keep(item) {
            continue;
        }
        if out.len() == max {
            // Another accepted item follows the page: the page gets a token.
            return (out, last);
        }
        out.push(item);
        last = Some(*key);
    }
    (out, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: Key = Key {
        millis: 1_700_000_000_123,
        seq: 42,
    };

    fn validation_message(fault: Fault) -> String {
        match fault {
            Fault::ValidationException(e) => {
                let fields = e.field_list.unwrap();
                assert_eq!(fields[0].name, "nextToken");
                fields[0].message.clone()
            }
            other => panic!("expected a ValidationException, got {other:?}"),
        }
    }

    #[test]
    fn tokens_round_trip() {
        let token = encode(Listing::Rooms, 7, KEY);
        assert_eq!(decode(Listing::Rooms, 7, &token).unwrap(), KEY);
        assert!(
            token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }

    #[test]
    fn foreign_tokens_are_rejected_with_a_reason() {
        let token = encode(Listing::Rooms, 7, KEY);
        assert!(
            validation_message(decode(Listing::Rooms, 8, &token).unwrap_err())
                .contains("other filters")
        );
        assert!(
            validation_message(decode(Listing::LoggingConfigurations, 7, &token).unwrap_err())
                .contains("another list operation")
        );
        for bad in [
            "garbage!",
            "",
            &URL_SAFE_NO_PAD.encode("v1.rooms.x.1.7"),
            &URL_SAFE_NO_PAD.encode("v2.rooms.1.1.0000000000000007"),
            &URL_SAFE_NO_PAD.encode("v1.rooms.1.1"),
            &URL_SAFE_NO_PAD.encode([0xff, 0xfe]),
        ] {
            assert!(
                validation_message(decode(Listing::Rooms, 7, bad).unwrap_err())
                    .contains("not one this service issued"),
                "{bad:?}"
            );
        }
    }

    fn fixture() -> (BTreeMap<Key, String>, HashMap<String, u32>) {
        let mut order = BTreeMap::new();
        let mut items = HashMap::new();
        for n in 1..=5u32 {
            order.insert(
                Key {
                    millis: 1000,
                    seq: u64::from(n),
                },
                format!("id{n}"),
            );
            items.insert(format!("id{n}"), n);
        }
        (order, items)
    }

    #[test]
    fn pages_are_most_recent_first_with_a_cursor_only_when_more_follow() {
        let (order, items) = fixture();
        let (first, next) = page(&order, &items, None, 2, |_| true);
        assert_eq!(first, [&5, &4]);
        assert_eq!(
            next,
            Some(Key {
                millis: 1000,
                seq: 4
            })
        );
        let (second, next) = page(&order, &items, next, 2, |_| true);
        assert_eq!(second, [&3, &2]);
        let (third, next) = page(&order, &items, next, 2, |_| true);
        assert_eq!((third, next), (vec![&1], None));
        // Exactly `max` items left: no token for an empty page.
        let (all, next) = page(&order, &items, None, 5, |_| true);
        assert_eq!((all.len(), next), (5, None));
    }

    #[test]
    fn filtered_pages_skip_rejected_items() {
        let (order, items) = fixture();
        let (odd, next) = page(&order, &items, None, 2, |n| n % 2 == 1);
        assert_eq!(odd, [&5, &3]);
        let (rest, next) = page(&order, &items, next, 2, |n| n % 2 == 1);
        assert_eq!((rest, next), (vec![&1], None));
    }
}

//! The protocol tests that are known to fail: (service shape id, generated test name, why).
//!
//! `cargo xtask protocol-tests` fails when a listed case passes (take it off) or is no longer
//! generated, and when an unlisted case fails. The goal is an empty list.

/// (service, test function, reason).
pub const EXPECTED_FAILURES: &[(&str, &str, &str)] = &[];

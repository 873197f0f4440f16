//! Non-cryptographic random numbers for retry jitter, idempotency tokens and request ids.
//!
//! Hand-written rather than a crate (`fastrand`, `rand`): the client's dependency budget counts
//! every crate, and std already holds an OS-seeded keyed hash. Each thread keeps one
//! [`RandomState`] (its SipHash keys come from the OS) and hashes a counter with it, so the
//! outputs are well mixed and differ between threads and processes.
//!
//! **Not for cryptography**: the generator is not vetted for secrecy and nothing here may be
//! used for keys, nonces or anything an attacker must not predict.

use std::cell::Cell;
use std::hash::{BuildHasher, RandomState};

thread_local! {
    /// This thread's keyed hasher and the counter it hashes.
    static STATE: (RandomState, Cell<u64>) = (RandomState::new(), Cell::new(0));
}

/// A uniformly distributed `u64`.
pub fn u64() -> u64 {
    STATE.with(|(keys, counter)| {
        let n = counter.get().wrapping_add(1);
        counter.set(n);
        keys.hash_one(n)
    })
}

/// A uniformly distributed `f64` in `[0, 1)`.
pub fn f64() -> f64 {
    // The top 53 bits fill an f64 mantissa exactly, so every value is a multiple of 2^-53 < 1.
    (u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniformly distributed `u128` (two draws).
pub fn u128() -> u128 {
    (u128::from(u64()) << 64) | u128::from(u64())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    #[test]
    fn draws_do_not_repeat() {
        let n = 10_000;
        let a: HashSet<u64> = (0..n).map(|_| super::u64()).collect();
        assert_eq!(a.len(), n);
        let b: HashSet<u128> = (0..n).map(|_| super::u128()).collect();
        assert_eq!(b.len(), n);
    }

    #[test]
    fn f64_stays_in_range_and_spreads_over_it() {
        let mut buckets = [0usize; 10];
        for _ in 0..10_000 {
            let x = super::f64();
            assert!((0.0..1.0).contains(&x), "{x}");
            buckets[(x * 10.0) as usize] += 1;
        }
        // Each tenth expects 1000 draws; 800 is more than 6 standard deviations below.
        assert!(buckets.iter().all(|&b| b > 800), "{buckets:?}");
    }

    #[test]
    fn bits_are_balanced() {
        // Each bit position of a well-mixed u64 is set about half the time.
        let mut ones = [0u32; 64];
        for _ in 0..4_000 {
            let x = super::u64();
            for (bit, count) in ones.iter_mut().enumerate() {
                *count += ((x >> bit) & 1) as u32;
            }
        }
        // Expect 2000 ± 32 (one standard deviation); 1800..2200 is over 6 of them.
        assert!(ones.iter().all(|&c| (1800..2200).contains(&c)), "{ones:?}");
    }

    #[test]
    fn threads_draw_different_values() {
        let here = super::u64();
        let there = std::thread::spawn(super::u64).join().unwrap();
        assert_ne!(here, there);
    }
}

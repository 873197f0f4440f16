//! Protocol helpers shared by generated clients and servers (restJson1).
//!
//! Generated crates depend only on `smithy-runtime`, so the crates their code names
//! (`serde_json`, `http`, `bytes`) are re-exported from here.

mod datetime;
pub mod encode;
pub mod error;
pub mod header;
pub mod json;
mod md5;
mod number;
mod tree_hash;

pub use datetime::{DateTime, DateTimeError, TimestampFormat};
pub use md5::content_md5;
pub use number::{BigDecimal, BigInteger};
pub use tree_hash::{insert_glacier_checksums, sha256_hex, tree_hash_hex};

pub use ::bytes;
pub use ::http;
pub use ::serde_json;

/// An untyped JSON value (Smithy `document`).
pub type Document = serde_json::Value;

/// Encodes bytes as standard base64 with padding (blobs in JSON and `@mediaType` headers).
///
/// `base64-simd` rather than the `base64` crate: aws-sigv4 already brings it in, so every
/// generated client has one base64 implementation fewer to build.
pub fn base64_encode(bytes: impl AsRef<[u8]>) -> String {
    base64_simd::STANDARD.encode_to_string(bytes)
}

/// Decodes standard base64, with or without padding (peers differ), explaining what is wrong on
/// failure. "Forgiving" decoding (WHATWG) also skips ASCII whitespace.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    base64_simd::forgiving_decode_to_vec(text.as_bytes())
        .map_err(|e| format!("invalid base64: {e}"))
}

/// Decodes standard base64 with the padding required and no whitespace: what a server accepts
/// in a request (Smithy's `RestJsonBodyMalformedBlobInvalidBase64` rejects `"xyz"`).
pub fn base64_decode_strict(text: &str) -> Result<Vec<u8>, String> {
    base64_simd::STANDARD
        .decode_to_vec(text.as_bytes())
        .map_err(|e| format!("invalid base64 (standard alphabet, padded): {e}"))
}

/// An `f32` as the `f64` with the same shortest decimal form (`1.1f32` → `1.1`, not
/// `1.100000023841858`): what a `float` member's text on the wire must read.
pub fn widen_f32(v: f32) -> f64 {
    if v.is_finite() {
        v.to_string().parse().unwrap_or(f64::from(v))
    } else {
        f64::from(v)
    }
}

/// A fresh `@idempotencyToken` value: a random (version 4) UUID, as AWS SDKs send.
pub fn idempotency_token() -> String {
    #[cfg(feature = "protocol-test")]
    if crate::protocol_test::FIXED_TOKENS.with(|f| f.get()) {
        return crate::protocol_test::IDEMPOTENCY_TOKEN.to_string();
    }
    uuid_v4(crate::rand::u128())
}

/// `bits` as a version 4 UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`); the version and
/// variant bits are overwritten. Hex digits by hand: servers make one per response, and
/// `format!` was a visible share of a small response's cost.
pub(crate) fn uuid_v4(bits: u128) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut b = bits.to_be_bytes();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = [b'-'; 36];
    let mut at = 0;
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            at += 1; // the dash already there
        }
        out[at] = HEX[usize::from(byte >> 4)];
        out[at + 1] = HEX[usize::from(byte & 0x0f)];
        at += 2;
    }
    // Only hex digits and dashes were written.
    String::from_utf8(out.to_vec()).unwrap_or_default()
}

/// The [`BuildError`](crate::error::BuildError) of `shape` for the `(member, unset)` pairs
/// whose member is unset (generated `build()` methods list every required member at once).
pub fn missing(shape: &'static str, checks: &[(&'static str, bool)]) -> crate::error::BuildError {
    crate::error::BuildError::new(
        shape,
        checks
            .iter()
            .filter(|(_, unset)| *unset)
            .map(|(name, _)| *name)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_base64_requires_padding() {
        assert_eq!(base64_decode_strict("dmFsdWU=").unwrap(), b"value");
        assert_eq!(base64_decode_strict("").unwrap(), b"");
        // The lenient decoder (client side) takes unpadded input; the strict one does not.
        assert_eq!(base64_decode("eHl6").unwrap(), b"xyz");
        assert_eq!(base64_decode("dmFsdWU").unwrap(), b"value");
        for bad in ["dmFsdWU", "xyz", "dmFs dWU=", "dmFsdWU=="] {
            let e = base64_decode_strict(bad).unwrap_err();
            assert!(e.contains("invalid base64"), "{bad}: {e}");
        }
    }

    #[test]
    fn base64_round_trips() {
        // restJson1 `RestJsonJsonBlobs`: "value" <-> "dmFsdWU=".
        assert_eq!(base64_encode(b"value"), "dmFsdWU=");
        assert_eq!(base64_decode("dmFsdWU=").unwrap(), b"value");
        assert!(
            base64_decode("not base64!")
                .unwrap_err()
                .contains("invalid base64")
        );
    }

    #[test]
    fn floats_widen_to_their_shortest_decimal() {
        assert_eq!(widen_f32(1.1).to_string(), "1.1");
        assert_eq!(widen_f32(-4.1).to_string(), "-4.1");
        assert!(widen_f32(f32::NAN).is_nan());
        assert_eq!(widen_f32(f32::NEG_INFINITY), f64::NEG_INFINITY);
    }

    #[test]
    fn uuids_have_the_v4_layout() {
        assert_eq!(uuid_v4(0), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4(u128::MAX), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(
            uuid_v4(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210),
            "01234567-89ab-4def-bedc-ba9876543210"
        );
    }

    #[test]
    fn idempotency_tokens_are_distinct_v4_uuids() {
        let a = idempotency_token();
        let b = idempotency_token();
        assert_ne!(a, b);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'), "{a}");
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{a}");
        assert!(a.bytes().all(|c| c == b'-' || c.is_ascii_hexdigit()));
    }

    #[test]
    fn missing_lists_only_unset_members() {
        let e = missing("Room", &[("name", true), ("id", false), ("arn", true)]);
        assert_eq!(e.shape, "Room");
        assert_eq!(e.missing, ["name", "arn"]);
    }
}

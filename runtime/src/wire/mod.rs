//! Protocol helpers shared by generated clients and servers (restJson1).
//!
//! Generated crates depend only on `smithy-runtime`, so the crates their code names
//! (`serde_json`, `http`, `bytes`) are re-exported from here.

mod datetime;
pub mod encode;
pub mod error;
pub mod header;
pub mod json;
mod number;

pub use datetime::{DateTime, DateTimeError, TimestampFormat};
pub use number::{BigDecimal, BigInteger};

pub use ::bytes;
pub use ::http;
pub use ::serde_json;

/// An untyped JSON value (Smithy `document`).
pub type Document = serde_json::Value;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Standard alphabet; writes padding, accepts input with or without it (peers differ).
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Encodes bytes as standard base64 with padding (blobs in JSON and `@mediaType` headers).
pub fn base64_encode(bytes: impl AsRef<[u8]>) -> String {
    BASE64.encode(bytes)
}

/// Decodes standard base64 (padding optional), explaining what is wrong on failure.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    BASE64
        .decode(text)
        .map_err(|e| format!("invalid base64: {e}"))
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
}

//! `bigInteger` / `bigDecimal`: kept as their decimal text so no precision is lost and no
//! arbitrary-precision crate is forced on every generated client.

use std::fmt;

macro_rules! big_number {
    ($name:ident, $what:literal, $valid:expr) => {
        #[doc = concat!("A Smithy `", $what, "`, kept as its decimal text.")]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name(String);

        impl $name {
            /// Wraps decimal text, rejecting anything that is not a number of this kind.
            pub fn new(text: impl Into<String>) -> Result<$name, String> {
                let text = text.into();
                let valid: fn(&str) -> bool = $valid;
                if valid(&text) {
                    Ok($name(text))
                } else {
                    Err(format!(concat!("`{}` is not a valid ", $what), text))
                }
            }

            /// The decimal text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::new(s)
            }
        }
    };
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_integer(s: &str) -> bool {
    digits(s.strip_prefix('-').unwrap_or(s))
}

fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exp) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((i, f)) => digits(i) && (f.is_empty() || digits(f)),
        None => digits(mantissa),
    };
    let exp_ok = exp.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exp_ok
}

big_number!(BigInteger, "bigInteger", is_integer);
big_number!(BigDecimal, "bigDecimal", is_decimal);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_big_numbers() {
        assert_eq!(
            BigInteger::new("-123456789012345678901234567890")
                .unwrap()
                .as_str(),
            "-123456789012345678901234567890"
        );
        assert!(BigInteger::new("1.5").is_err());
        assert!(BigInteger::new("").is_err());
        assert_eq!(BigDecimal::new("1.5e-10").unwrap().to_string(), "1.5e-10");
        assert!(BigDecimal::new("1..5").is_err());
        assert!(
            BigDecimal::new("abc")
                .unwrap_err()
                .contains("not a valid bigDecimal")
        );
    }
}

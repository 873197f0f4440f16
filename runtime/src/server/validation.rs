//! Constraint validation of operation input: generated code calls one checker per constrained
//! member, the report collects **every** violation, then renders a framework
//! `smithy.framework#ValidationException` or hands the list to generated code for a modeled
//! validation error.
//!
//! Messages use the Smithy framework wording that the restJson1 `validation` protocol tests
//! expect, e.g. `Value with length 1 at '/string' failed to satisfy constraint: Member must have
//! length between 2 and 8, inclusive`. They never include the value itself, so `@sensitive`
//! members need no special handling.

use std::collections::HashSet;
use std::fmt::{self, Display, Write};
use std::hash::Hash;
use std::sync::OnceLock;

use http::StatusCode;
use regex::Regex;

use super::Rejection;

/// One violated constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// A JSON pointer to the member (`/name`, `/tags/env`, `/list/0`).
    pub path: String,
    /// The message, which names the path too.
    pub message: String,
}

/// The path of a member, list index or map key below `parent`, JSON-pointer escaped
/// (`~` → `~0`, `/` → `~1`): `child_path("/tags", "a/b")` is `/tags/a~1b`.
pub fn child_path(parent: &str, child: impl Display) -> String {
    // One allocation in the common case (every checked member of every request gets a path).
    let mut out = String::with_capacity(parent.len() + 24);
    out.push_str(parent);
    out.push('/');
    let start = out.len();
    let _ = write!(out, "{child}"); // writing to a `String` cannot fail
    if out[start..].contains(['~', '/']) {
        let escaped = out[start..].replace('~', "~0").replace('/', "~1");
        out.truncate(start);
        out.push_str(&escaped);
    }
    out
}

/// A `@pattern` regex compiled once, on first use, declared by generated code as a `static`:
///
/// ```
/// use smithy_runtime::server::LazyRegex;
/// static ROOM_NAME: LazyRegex = LazyRegex::new("^[a-zA-Z0-9-_]*$");
/// assert!(ROOM_NAME.get().unwrap().is_match("lobby-1"));
/// ```
///
/// Smithy patterns are ECMA-262 regexes; the `regex` crate accepts the common subset and
/// matches in linear time (so `^([0-9]+)+$` cannot backtrack catastrophically), but has no
/// look-around or back-references, and its `\d`/`\w` are Unicode-aware.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: &'static str,
    compiled: OnceLock<Result<Regex, String>>,
}

impl LazyRegex {
    /// Declares a pattern; nothing is compiled yet.
    pub const fn new(pattern: &'static str) -> Self {
        LazyRegex {
            pattern,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern text, as written in the model.
    pub fn as_str(&self) -> &'static str {
        self.pattern
    }

    /// The compiled regex, or why the pattern does not compile.
    pub fn get(&self) -> Result<&Regex, &str> {
        self.compiled
            .get_or_init(|| {
                Regex::new(self.pattern)
                    .map_err(|e| format!("pattern `{}` does not compile: {e}", self.pattern))
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

/// How a service's modeled validation error carries a [`ValidationReport`] (JSON keys of its
/// members), declared by generated code when the model has an AWS-style validation error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModeledValidation {
    /// The error shape name (`X-Amzn-Errortype`).
    pub error_type: &'static str,
    /// Its `@httpError` status.
    pub status: u16,
    /// Key of the summary message (`message`).
    pub message: &'static str,
    /// Key and value of the reason enum (`("reason", "FIELD_VALIDATION_FAILED")`), if any.
    pub reason: Option<(&'static str, &'static str)>,
    /// Key of the list of fields (`fieldList`).
    pub field_list: &'static str,
    /// Key of a field's name in a list item (`name`), if the item has one.
    pub field_name: Option<&'static str>,
    /// Key of a field's JSON-pointer path in a list item (`path`), if the item has one.
    pub field_path: Option<&'static str>,
    /// Key of a field's message in a list item (`message`).
    pub field_message: &'static str,
}

/// Every constraint violation found in a request, in the order they were checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationReport {
    violations: Vec<Violation>,
    /// A server-side defect met while validating (a pattern that does not compile).
    internal: Option<String>,
}

fn value_at(path: &str) -> String {
    format!("Value at '{path}' failed to satisfy constraint: Member must")
}

fn bounds<T: Display>(min: Option<T>, max: Option<T>) -> Option<String> {
    match (min, max) {
        (Some(min), Some(max)) => Some(format!("between {min} and {max}, inclusive")),
        (Some(min), None) => Some(format!("greater than or equal to {min}")),
        (None, Some(max)) => Some(format!("less than or equal to {max}")),
        (None, None) => None,
    }
}

impl ValidationReport {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether nothing was found (no violation, no internal problem).
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.internal.is_none()
    }

    /// The violations found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Records a violation with a custom message.
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.violations.push(Violation {
            path: path.into(),
            message: message.into(),
        });
    }

    /// `@required`: the member must be present (`Member must not be null`).
    pub fn required(&mut self, path: &str, present: bool) {
        if !present {
            self.push(path, format!("{} not be null", value_at(path)));
        }
    }

    /// `@length` of a string, counted in Unicode code points (`👍` has length 1).
    pub fn length_str(&mut self, path: &str, value: &str, min: Option<u64>, max: Option<u64>) {
        self.length(path, value.chars().count(), min, max);
    }

    /// `@length` of a list or map (element count) or blob (byte count).
    pub fn length(&mut self, path: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        let len64 = len as u64;
        if min.is_some_and(|m| len64 < m) || max.is_some_and(|m| len64 > m) {
            let rule = bounds(min, max).unwrap_or_default();
            self.push(
                path,
                format!(
                    "Value with length {len} at '{path}' failed to satisfy constraint: Member must have length {rule}"
                ),
            );
        }
    }

    /// `@range` of a number, compared in the member's own type (pass `f32` bounds for a
    /// `float` member so `8.8` is not widened into a different value). NaN satisfies no range.
    pub fn range<T: PartialOrd + Display + Copy>(
        &mut self,
        path: &str,
        value: T,
        min: Option<T>,
        max: Option<T>,
    ) {
        let below = min.is_some_and(|m| value.partial_cmp(&m).is_none_or(|o| o.is_lt()));
        let above = max.is_some_and(|m| value.partial_cmp(&m).is_none_or(|o| o.is_gt()));
        if below || above {
            let rule = bounds(min, max).unwrap_or_default();
            self.push(path, format!("{} be {rule}", value_at(path)));
        }
    }

    /// `@range` of a `bigInteger` or `bigDecimal`, compared exactly on decimal text (`-12.5`,
    /// `1e30`): `value` as it came, the bounds as the model wrote them. Text that is not a
    /// number is left to deserialization, which rejects it.
    pub fn range_decimal(&mut self, path: &str, value: &str, min: Option<&str>, max: Option<&str>) {
        let Some(v) = Decimal::parse(value) else {
            return;
        };
        let below = min.and_then(Decimal::parse).is_some_and(|m| v < m);
        let above = max.and_then(Decimal::parse).is_some_and(|m| v > m);
        if below || above {
            let rule = bounds(min, max).unwrap_or_default();
            self.push(path, format!("{} be {rule}", value_at(path)));
        }
    }

    /// `@pattern`: the regex must match somewhere in the value (Smithy patterns are not
    /// implicitly anchored).
    pub fn pattern(&mut self, path: &str, value: &str, regex: &LazyRegex) {
        match regex.get() {
            Ok(re) => {
                if !re.is_match(value) {
                    self.push(
                        path,
                        format!(
                            "{} satisfy regular expression pattern: {}",
                            value_at(path),
                            regex.as_str()
                        ),
                    );
                }
            }
            Err(e) => {
                self.internal.get_or_insert_with(|| e.to_string());
            }
        }
    }

    /// An enum value must be one of `allowed` (an enum with `@internal` values uses
    /// [`ValidationReport::enum_value_hiding`]).
    pub fn enum_value<T: PartialEq + Display>(&mut self, path: &str, value: &T, allowed: &[T]) {
        if !allowed.contains(value) {
            let set = allowed
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            self.push(
                path,
                format!("{} satisfy enum value set: [{set}]", value_at(path)),
            );
        }
    }

    /// An enum value must be one of `public` or `internal` (`@internal` enum members: valid, but
    /// not shown in the message, as Smithy's `RestJsonMalformedEnum*` tests expect).
    pub fn enum_value_hiding<T: PartialEq + Display>(
        &mut self,
        path: &str,
        value: &T,
        public: &[T],
        internal: &[T],
    ) {
        if !internal.contains(value) {
            self.enum_value(path, value, public);
        }
    }

    /// `@uniqueItems` for hashable items (strings, integers, booleans, blobs, enums): O(n).
    pub fn unique_items<T: Hash + Eq>(&mut self, path: &str, items: &[T]) {
        let mut seen = HashSet::with_capacity(items.len());
        if !items.iter().all(|item| seen.insert(item)) {
            self.unique_violation(path);
        }
    }

    /// `@uniqueItems` for items that are only `PartialEq` (structures, floats, documents):
    /// O(n²), so lists of these should also carry a `@length` bound.
    pub fn unique_items_by_eq<T: PartialEq>(&mut self, path: &str, items: &[T]) {
        let dup = items
            .iter()
            .enumerate()
            .any(|(i, a)| items[..i].iter().any(|b| a == b));
        if dup {
            self.unique_violation(path);
        }
    }

    fn unique_violation(&mut self, path: &str) {
        self.push(path, format!("{} have unique values", value_at(path)));
    }

    /// The summary message: `1 validation error detected. <message>`, or for several
    /// `N validation errors detected. <m1>; <m2>`.
    pub fn summary(&self) -> String {
        let n = self.violations.len();
        let all = self
            .violations
            .iter()
            .map(|v| v.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let plural = if n == 1 { "" } else { "s" };
        format!("{n} validation error{plural} detected. {all}")
    }

    /// The framework `smithy.framework#ValidationException`: 400, `X-Amzn-Errortype:
    /// ValidationException`, body `{"message": summary, "fieldList": [{"path", "message"}]}`.
    /// A server-side defect found while validating gives a 500 instead.
    pub fn into_rejection(self) -> Rejection {
        self.into_rejection_with(|report| {
            let fields: Vec<serde_json::Value> = report
                .violations
                .iter()
                .map(|v| serde_json::json!({ "path": v.path, "message": v.message }))
                .collect();
            let body = serde_json::json!({ "message": report.summary(), "fieldList": fields });
            Rejection::new(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                report.summary(),
            )
            .with_body(crate::wire::json::to_bytes(&body))
        })
    }

    /// Lets generated code render the service's own modeled validation error from the report
    /// (e.g. ivschat's `ValidationException` with `reason` and `fieldList[{name, message}]`);
    /// a server-side defect found while validating gives a 500 instead.
    pub fn into_rejection_with(
        self,
        render: impl FnOnce(&ValidationReport) -> Rejection,
    ) -> Rejection {
        match &self.internal {
            Some(problem) => Rejection::internal(format!(
                "the server cannot validate this request: {problem}"
            )),
            None => render(&self),
        }
    }

    /// Renders the report as a service's own modeled validation error described by `error`
    /// (AWS style: `{"message", "reason", "fieldList": [{"name", "path", "message"}]}`).
    pub fn into_modeled(self, error: &ModeledValidation) -> Rejection {
        self.into_rejection_with(|report| {
            let fields: Vec<serde_json::Value> = report
                .violations
                .iter()
                .map(|v| {
                    let mut item = serde_json::Map::new();
                    if let Some(key) = error.field_name {
                        // Top-level members go by their name, nested ones by their path.
                        let name = match v.path.strip_prefix('/') {
                            Some(name) if !name.contains('/') => name,
                            _ => v.path.as_str(),
                        };
                        item.insert(key.into(), name.into());
                    }
                    if let Some(key) = error.field_path {
                        item.insert(key.into(), v.path.clone().into());
                    }
                    item.insert(error.field_message.into(), v.message.clone().into());
                    serde_json::Value::Object(item)
                })
                .collect();
            let mut body = serde_json::Map::new();
            body.insert(error.message.into(), report.summary().into());
            if let Some((key, value)) = error.reason {
                body.insert(key.into(), value.into());
            }
            body.insert(error.field_list.into(), fields.into());
            let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::BAD_REQUEST);
            Rejection::new(status, error.error_type, report.summary()).with_body(
                crate::wire::json::to_bytes(&serde_json::Value::Object(body)),
            )
        })
    }

    /// `Ok(())` when nothing was found, else the framework `ValidationException`.
    pub fn finish(self) -> Result<(), Rejection> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.into_rejection())
        }
    }
}

impl Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

/// A decimal number as sign, significant digits and exponent (value = ±0.digits × 10^exp),
/// normalised so that derived ordering on the magnitude is numeric ordering.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    /// Significant digits, no leading or trailing zeros; empty for zero.
    digits: Vec<u8>,
    exp: i64,
}

impl Decimal {
    fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exp) = match rest.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i64>().ok()?),
            None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int.is_empty() && frac.is_empty()
            || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let all: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let lead = all.iter().take_while(|d| **d == 0).count();
        let mut digits = all[lead..].to_vec();
        while digits.last() == Some(&0) {
            digits.pop();
        }
        let exp = exp.checked_add(i64::try_from(int.len()).ok()? - i64::try_from(lead).ok()?)?;
        // Zero has one form whatever its sign and exponent.
        let (negative, exp) = if digits.is_empty() {
            (false, 0)
        } else {
            (negative, exp)
        };
        Some(Decimal {
            negative,
            digits,
            exp,
        })
    }

    fn cmp_magnitude(&self, other: &Decimal) -> std::cmp::Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Less,
            (false, true) => std::cmp::Ordering::Greater,
            (false, false) => self
                .exp
                .cmp(&other.exp)
                .then_with(|| self.digits.cmp(&other.digits)),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self.negative, other.negative) {
            (false, true) => std::cmp::Ordering::Greater,
            (true, false) => std::cmp::Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_compare_numerically() {
        let d = |s: &str| Decimal::parse(s).unwrap();
        assert!(d("2") < d("10"));
        assert!(d("-10") < d("-2"));
        assert!(d("-0.5") < d("0"));
        assert_eq!(d("0"), d("-0.000"));
        assert_eq!(d("1.50"), d("15e-1"));
        assert!(d("123456789012345678901234567891") > d("123456789012345678901234567890"));
        assert!(d("8.8") < d("8.80000000000000000001"));
        assert!(d("1e30") > d("999999999999999999999999999999"));
        assert!(Decimal::parse("abc").is_none());
        assert!(Decimal::parse("").is_none());
        assert!(Decimal::parse("1e").is_none());
    }

    #[test]
    fn big_number_ranges_use_the_smithy_messages() {
        let mut r = ValidationReport::new();
        r.range_decimal("/bigInteger", "123456789012345678901", Some("2"), Some("8"));
        r.range_decimal("/bigDecimal", "2.19999999999999999999", Some("2.2"), None);
        r.range_decimal("/maxBig", "9", None, Some("8"));
        r.range_decimal("/inside", "5.5", Some("2.2"), Some("8.8"));
        r.range_decimal("/edge", "8.8", Some("2.2"), Some("8.8"));
        let messages: Vec<&str> = r.violations().iter().map(|v| v.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Value at '/bigInteger' failed to satisfy constraint: Member must be between 2 and 8, inclusive",
                "Value at '/bigDecimal' failed to satisfy constraint: Member must be greater than or equal to 2.2",
                "Value at '/maxBig' failed to satisfy constraint: Member must be less than or equal to 8",
            ]
        );
    }

    fn messages(r: &ValidationReport) -> Vec<&str> {
        r.violations().iter().map(|v| v.message.as_str()).collect()
    }

    #[test]
    fn length_counts_code_points_and_words_bounds_like_the_protocol_tests() {
        let mut r = ValidationReport::new();
        r.length_str("/string", "👍", Some(2), Some(8));
        r.length_str("/minString", "a", Some(2), None);
        r.length_str("/maxString", "abcdefghijklmnopqrstuvwxyz", None, Some(8));
        r.length_str("/ok", "👍👍", Some(2), Some(8));
        r.length("/blob", 26, Some(2), Some(8));
        assert_eq!(
            messages(&r),
            [
                "Value with length 1 at '/string' failed to satisfy constraint: Member must have length between 2 and 8, inclusive",
                "Value with length 1 at '/minString' failed to satisfy constraint: Member must have length greater than or equal to 2",
                "Value with length 26 at '/maxString' failed to satisfy constraint: Member must have length less than or equal to 8",
                "Value with length 26 at '/blob' failed to satisfy constraint: Member must have length between 2 and 8, inclusive",
            ]
        );
    }

    #[test]
    fn range_compares_in_the_member_type() {
        let mut r = ValidationReport::new();
        r.range("/byte", 9i8, Some(2), Some(8));
        r.range("/float", 2.1f32, Some(2.2), Some(8.8));
        r.range("/maxFloat", 8.8f32, None, Some(8.8));
        r.range("/minLong", 1i64, Some(2), None);
        r.range("/nan", f64::NAN, Some(0.0), None);
        r.range("/free", 5i32, None, None);
        assert_eq!(
            messages(&r),
            [
                "Value at '/byte' failed to satisfy constraint: Member must be between 2 and 8, inclusive",
                "Value at '/float' failed to satisfy constraint: Member must be between 2.2 and 8.8, inclusive",
                "Value at '/minLong' failed to satisfy constraint: Member must be greater than or equal to 2",
                "Value at '/nan' failed to satisfy constraint: Member must be greater than or equal to 0",
            ]
        );
    }

    #[test]
    fn pattern_enum_unique_and_required() {
        static AM: LazyRegex = LazyRegex::new("^[a-m]+$");
        static EVIL: LazyRegex = LazyRegex::new("^([0-9]+)+$");
        let mut r = ValidationReport::new();
        r.pattern("/string", "ABC", &AM);
        r.pattern("/ok", "abc", &AM);
        r.pattern("/evilString", &format!("{}x", "1".repeat(5000)), &EVIL);
        r.enum_value("/string", &"ABC", &["abc", "def", "jkl"]);
        r.enum_value("/intEnum", &4, &[1, 2, 3]);
        r.unique_items("/stringList", &["a", "b", "a"]);
        r.unique_items("/ok", &[1, 2, 3]);
        r.unique_items_by_eq("/floatList", &[1.5, 2.0, 1.5]);
        r.unique_items_by_eq("/ok2", &[1.5, 2.0]);
        r.required("/string", false);
        r.required("/ok3", true);
        assert_eq!(
            messages(&r),
            [
                "Value at '/string' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$",
                "Value at '/evilString' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([0-9]+)+$",
                "Value at '/string' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]",
                "Value at '/intEnum' failed to satisfy constraint: Member must satisfy enum value set: [1, 2, 3]",
                "Value at '/stringList' failed to satisfy constraint: Member must have unique values",
                "Value at '/floatList' failed to satisfy constraint: Member must have unique values",
                "Value at '/string' failed to satisfy constraint: Member must not be null",
            ]
        );
    }

    #[test]
    fn internal_enum_values_are_accepted_but_not_listed() {
        let mut r = ValidationReport::new();
        r.enum_value_hiding("/a", &"ghi", &["abc", "def", "jkl"], &["ghi"]);
        r.enum_value_hiding("/b", &"abc", &["abc", "def", "jkl"], &["ghi"]);
        assert!(r.is_empty());
        r.enum_value_hiding("/c", &"XYZ", &["abc", "def", "jkl"], &["ghi"]);
        r.enum_value_hiding("/d", &9, &[1], &[2]);
        assert_eq!(
            messages(&r),
            [
                "Value at '/c' failed to satisfy constraint: Member must satisfy enum value set: [abc, def, jkl]",
                "Value at '/d' failed to satisfy constraint: Member must satisfy enum value set: [1]",
            ]
        );
    }

    #[test]
    fn summary_and_paths() {
        let mut r = ValidationReport::new();
        assert!(r.is_empty());
        assert!(r.clone().finish().is_ok());
        r.required("/a", false);
        assert_eq!(
            r.summary(),
            "1 validation error detected. Value at '/a' failed to satisfy constraint: Member must not be null"
        );
        r.required("/b", false);
        assert!(
            r.summary()
                .starts_with("2 validation errors detected. Value at '/a' ")
        );
        assert!(r.summary().contains("null; Value at '/b'"));
        assert_eq!(child_path("/tags", "a/b~c"), "/tags/a~1b~0c");
        assert_eq!(child_path("/list", 0), "/list/0");
    }

    #[tokio::test]
    async fn generated_code_can_render_a_modeled_validation_error() {
        // ivschat-style: `reason` plus `fieldList[{name, message}]`, built from the report.
        let mut r = ValidationReport::new();
        r.length_str("/name", "", Some(1), Some(128));
        r.range("/maximumMessageLength", 0, Some(1), Some(500));
        let rejection = r.into_rejection_with(|report| {
            let fields: Vec<_> = report
                .violations()
                .iter()
                .map(|v| serde_json::json!({"name": v.path.trim_start_matches('/'), "message": v.message}))
                .collect();
            let body = serde_json::json!({"message": report.summary(), "reason": "FIELD_VALIDATION_FAILED", "fieldList": fields});
            Rejection::new(StatusCode::BAD_REQUEST, "ValidationException", report.summary())
                .with_body(body.to_string())
        });
        assert_eq!(
            (rejection.status(), rejection.error_type()),
            (400, "ValidationException")
        );
        assert!(
            rejection
                .message()
                .starts_with("2 validation errors detected. Value with length 0 at '/name'")
        );
        use http_body_util::BodyExt as _;
        let body = rejection
            .into_response()
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["reason"], "FIELD_VALIDATION_FAILED");
        assert_eq!(body["fieldList"][1]["name"], "maximumMessageLength");
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_an_internal_error_not_a_panic() {
        static LOOKAHEAD: LazyRegex = LazyRegex::new("^(?=a)a$");
        let mut r = ValidationReport::new();
        r.pattern("/x", "a", &LOOKAHEAD);
        assert!(!r.is_empty());
        let e = r.finish().unwrap_err();
        assert_eq!(
            (e.status(), e.error_type()),
            (500, "InternalServerException")
        );
        assert!(e.message().contains("does not compile"), "{}", e.message());
    }
}

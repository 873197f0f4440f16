//! Timestamps and the three Smithy wire formats.

use std::fmt;
use std::time::SystemTime;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// How a timestamp is written on the wire (`@timestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time`, UTC: `1985-04-12T23:20:50.52Z`.
    DateTime,
    /// RFC 7231 IMF-fixdate: `Tue, 29 Apr 2014 18:30:38 GMT`.
    HttpDate,
    /// Seconds since the Unix epoch, with an optional fraction: `1515531081.123`.
    EpochSeconds,
}

/// A point in time, as Smithy `timestamp` shapes carry it (millisecond precision on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(OffsetDateTime);

/// A timestamp that could not be parsed or is out of range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    /// The text (or number) that was rejected.
    pub input: String,
    /// The format it was read as.
    pub format: TimestampFormat,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = match self.format {
            TimestampFormat::DateTime => "date-time",
            TimestampFormat::HttpDate => "http-date",
            TimestampFormat::EpochSeconds => "epoch-seconds",
        };
        write!(
            f,
            "`{}` is not a valid {format} timestamp: {}",
            self.input, self.reason
        )
    }
}

impl std::error::Error for DateTimeError {}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Appends `n` as exactly `width` decimal digits (zero-padded; `n` must fit).
fn push_digits(out: &mut Vec<u8>, n: u32, width: u32) {
    for i in (0..width).rev() {
        let digit = (n / 10u32.pow(i)) % 10;
        out.push(b'0' + digit as u8);
    }
}

/// Appends `hh:mm:ss`.
fn push_time(out: &mut Vec<u8>, t: &OffsetDateTime) {
    push_digits(out, u32::from(t.hour()), 2);
    out.push(b':');
    push_digits(out, u32::from(t.minute()), 2);
    out.push(b':');
    push_digits(out, u32::from(t.second()), 2);
}

/// Appends `.` and the milliseconds without trailing zeros (`.5`, `.123`), or nothing.
fn push_fraction(out: &mut Vec<u8>, millis: u32) {
    if millis == 0 {
        return;
    }
    out.push(b'.');
    let (mut n, mut width) = (millis, 3);
    while n % 10 == 0 {
        n /= 10;
        width -= 1;
    }
    push_digits(out, n, width);
}

impl DateTime {
    /// The Unix epoch (also the zero value used for missing required output members).
    pub const UNIX_EPOCH: DateTime = DateTime(OffsetDateTime::UNIX_EPOCH);

    /// Whole seconds since the Unix epoch.
    pub fn from_secs(secs: i64) -> Result<DateTime, DateTimeError> {
        OffsetDateTime::from_unix_timestamp(secs)
            .map(DateTime)
            .map_err(|e| DateTimeError {
                input: secs.to_string(),
                format: TimestampFormat::EpochSeconds,
                reason: e.to_string(),
            })
    }

    /// Fractional seconds since the Unix epoch, rounded to the millisecond.
    pub fn from_secs_f64(secs: f64) -> Result<DateTime, DateTimeError> {
        let err = |reason: &str| DateTimeError {
            input: secs.to_string(),
            format: TimestampFormat::EpochSeconds,
            reason: reason.to_string(),
        };
        if !secs.is_finite() {
            return Err(err("not a finite number"));
        }
        let millis = (secs * 1000.0).round();
        if millis.abs() > 1e17 {
            return Err(err("out of range"));
        }
        let nanos = millis as i128 * 1_000_000;
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map(DateTime)
            .map_err(|e| err(&e.to_string()))
    }

    /// Whole seconds since the Unix epoch (rounded down).
    pub fn secs(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// Milliseconds past [`DateTime::secs`] (0..1000).
    pub fn subsec_millis(&self) -> u32 {
        self.0.millisecond().into()
    }

    /// Seconds since the Unix epoch with a millisecond fraction.
    pub fn as_secs_f64(&self) -> f64 {
        self.secs() as f64 + f64::from(self.subsec_millis()) / 1000.0
    }

    /// The wrapped `time` value.
    pub fn as_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }

    /// Formats for the wire (UTC; a fraction only when there are milliseconds).
    pub fn format(&self, format: TimestampFormat) -> String {
        let mut out = Vec::with_capacity(32);
        self.write_to(format, &mut out);
        // Only ASCII is ever written.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends the [`format`](Self::format)ted text to `out` (JSON writers format in place).
    pub fn write_to(&self, format: TimestampFormat, out: &mut Vec<u8>) {
        let t = self.0.to_offset(time::UtcOffset::UTC);
        let millis = self.subsec_millis();
        if format == TimestampFormat::EpochSeconds {
            // `secs` rounds down, so negative instants keep a positive fraction.
            out.extend_from_slice(self.secs().to_string().as_bytes());
            push_fraction(out, millis);
            return;
        }
        let year = match u32::try_from(t.year()) {
            Ok(year) if year <= 9999 => year,
            _ => {
                out.extend_from_slice(self.format_slow(format).as_bytes());
                return;
            }
        };
        // Digits by hand rather than `format!`: servers write a timestamp per member per
        // response, and the formatting machinery was a tenth of a small response's cost.
        match format {
            TimestampFormat::DateTime => {
                push_digits(out, year, 4);
                out.push(b'-');
                push_digits(out, u32::from(u8::from(t.month())), 2);
                out.push(b'-');
                push_digits(out, u32::from(t.day()), 2);
                out.push(b'T');
                push_time(out, &t);
                push_fraction(out, millis);
                out.push(b'Z');
            }
            _ => {
                out.extend_from_slice(
                    WEEKDAYS[usize::from(t.weekday().number_days_from_monday())].as_bytes(),
                );
                out.extend_from_slice(b", ");
                push_digits(out, u32::from(t.day()), 2);
                out.push(b' ');
                out.extend_from_slice(MONTHS[usize::from(u8::from(t.month()) - 1)].as_bytes());
                out.push(b' ');
                push_digits(out, year, 4);
                out.push(b' ');
                push_time(out, &t);
                push_fraction(out, millis);
                out.extend_from_slice(b" GMT");
            }
        }
    }

    /// [`format`](Self::format) for years outside 0..=9999 (signed or wider years).
    fn format_slow(&self, format: TimestampFormat) -> String {
        let t = self.0.to_offset(time::UtcOffset::UTC);
        let mut frac = Vec::new();
        push_fraction(&mut frac, self.subsec_millis());
        let frac = String::from_utf8(frac).unwrap_or_default();
        match format {
            TimestampFormat::HttpDate => format!(
                "{}, {:02} {} {:04} {:02}:{:02}:{:02}{frac} GMT",
                WEEKDAYS[usize::from(t.weekday().number_days_from_monday())],
                t.day(),
                MONTHS[usize::from(u8::from(t.month()) - 1)],
                t.year(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            _ => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{frac}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
        }
    }

    /// Parses wire text in `format`. `date-time` accepts any RFC 3339 offset and fraction;
    /// `http-date` accepts IMF-fixdate with an optional fraction of seconds.
    pub fn parse(text: &str, format: TimestampFormat) -> Result<DateTime, DateTimeError> {
        let err = |reason: String| DateTimeError {
            input: text.to_string(),
            format,
            reason,
        };
        match format {
            TimestampFormat::DateTime => {
                // RFC 3339 allows lower-case `t` and `z`; the `time` parser wants upper case.
                let upper = text.to_ascii_uppercase();
                OffsetDateTime::parse(&upper, &Rfc3339)
                    .map(|t| DateTime(t.to_offset(time::UtcOffset::UTC)))
                    .map_err(|e| err(e.to_string()))
            }
            TimestampFormat::HttpDate => parse_http_date(text).map_err(err),
            TimestampFormat::EpochSeconds => {
                let valid = !text.is_empty()
                    && text
                        .bytes()
                        .enumerate()
                        .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
                if !valid {
                    return Err(err("expected a number of seconds".into()));
                }
                let secs: f64 = text
                    .parse()
                    .map_err(|_| err("expected a number of seconds".into()))?;
                DateTime::from_secs_f64(secs).map_err(|e| err(e.reason))
            }
        }
    }

    /// Parses wire text as a server reads a request: like [`DateTime::parse`], but a
    /// `date-time` must be UTC (`Z`, no offset) with `T` between date and time, as Smithy's
    /// `date-time` format requires (clients stay lenient: responses may carry offsets).
    pub fn parse_strict(text: &str, format: TimestampFormat) -> Result<DateTime, DateTimeError> {
        if format == TimestampFormat::DateTime {
            let b = text.as_bytes();
            let t_sep = matches!(b.get(10), Some(b'T' | b't'));
            let utc = matches!(b.last(), Some(b'Z' | b'z'));
            if !(t_sep && utc) {
                return Err(DateTimeError {
                    input: text.to_string(),
                    format,
                    reason: "expected a UTC date-time such as `1985-04-12T23:20:50.52Z` (`T` \
                             between date and time, `Z` and no offset)"
                        .into(),
                });
            }
        }
        DateTime::parse(text, format)
    }
}

fn parse_http_date(text: &str) -> Result<DateTime, String> {
    // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT` (optionally `08:49:37.123`).
    let bad = || "expected `Day, DD Mon YYYY HH:MM:SS GMT`".to_string();
    let rest = text.strip_suffix(" GMT").ok_or_else(bad)?;
    let (weekday, rest) = rest.split_once(", ").ok_or_else(bad)?;
    if !WEEKDAYS.contains(&weekday) {
        return Err(bad());
    }
    let mut parts = rest.split(' ');
    let (Some(day), Some(month), Some(year), Some(clock), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(bad());
    };
    let num = |s: &str, len: usize| -> Result<u32, String> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let day = num(day, 2)?;
    let month = MONTHS.iter().position(|m| *m == month).ok_or_else(bad)? + 1;
    let year = num(year, 4)?;
    let (hms, frac) = match clock.split_once('.') {
        Some((hms, frac)) => (hms, Some(frac)),
        None => (clock, None),
    };
    let mut hms = hms.split(':');
    let (Some(h), Some(m), Some(s), None) = (hms.next(), hms.next(), hms.next(), hms.next()) else {
        return Err(bad());
    };
    let (h, m, s) = (num(h, 2)?, num(m, 2)?, num(s, 2)?);
    let millis = match frac {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            let padded = format!("{f:0<3}");
            padded[..3].parse::<u16>().map_err(|_| bad())?
        }
        Some(_) => return Err(bad()),
    };
    let month = time::Month::try_from(month as u8).map_err(|e| e.to_string())?;
    let date =
        time::Date::from_calendar_date(year as i32, month, day as u8).map_err(|e| e.to_string())?;
    let clock =
        time::Time::from_hms_milli(h as u8, m as u8, s as u8, millis).map_err(|e| e.to_string())?;
    Ok(DateTime(
        time::PrimitiveDateTime::new(date, clock).assume_utc(),
    ))
}

impl Default for DateTime {
    /// The Unix epoch.
    fn default() -> Self {
        DateTime::UNIX_EPOCH
    }
}

impl fmt::Display for DateTime {
    /// RFC 3339 in UTC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(TimestampFormat::DateTime))
    }
}

impl From<OffsetDateTime> for DateTime {
    fn from(t: OffsetDateTime) -> Self {
        DateTime(t)
    }
}

impl From<DateTime> for OffsetDateTime {
    fn from(t: DateTime) -> Self {
        t.0
    }
}

impl From<SystemTime> for DateTime {
    fn from(t: SystemTime) -> Self {
        DateTime(t.into())
    }
}

impl From<DateTime> for SystemTime {
    fn from(t: DateTime) -> Self {
        t.0.into()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DateTime::parse(&text, TimestampFormat::DateTime).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(secs: i64) -> DateTime {
        DateTime::from_secs(secs).unwrap()
    }

    #[test]
    fn hand_written_digits_match_the_format_macro_version() {
        // `format_slow` is the `format!` implementation the fast path replaced.
        let mut nanos: i128 = -62_135_596_800_000_000_000; // 0001-01-01
        let step: i128 = 7_777_777_777_123_000_000; // ~246 years plus odd seconds and millis
        while nanos < 253_402_300_799_000_000_000 {
            let t = DateTime(OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap());
            for f in [TimestampFormat::DateTime, TimestampFormat::HttpDate] {
                assert_eq!(t.format(f), t.format_slow(f), "{nanos}");
            }
            nanos += step / 37;
        }
        for millis in [1, 10, 100, 120, 123, 500, 999] {
            let t = DateTime::from_secs_f64(1.0 + f64::from(millis) / 1000.0).unwrap();
            assert_eq!(
                t.format(TimestampFormat::DateTime),
                t.format_slow(TimestampFormat::DateTime)
            );
        }
        // Years before 0 take the `format!` path.
        let bc = DateTime::from_secs(-62_200_000_000).unwrap();
        assert!(
            bc.format(TimestampFormat::DateTime)
                .starts_with("-002-12-17T")
        );
    }

    #[test]
    fn formats_the_protocol_test_vectors() {
        // restJson1 `RestJsonHttpRequestWithLabelsAndTimestampFormat`, 1576540098.
        let t = ts(1576540098);
        assert_eq!(t.format(TimestampFormat::DateTime), "2019-12-16T23:48:18Z");
        assert_eq!(
            t.format(TimestampFormat::HttpDate),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
        assert_eq!(t.format(TimestampFormat::EpochSeconds), "1576540098");
        // `RestJsonAllQueryStringTypes`: 1 → 1970-01-01T00:00:01Z.
        assert_eq!(ts(1).to_string(), "1970-01-01T00:00:01Z");
        let frac = DateTime::from_secs_f64(946845296.123).unwrap();
        assert_eq!(frac.format(TimestampFormat::EpochSeconds), "946845296.123");
        assert_eq!(
            frac.format(TimestampFormat::DateTime),
            "2000-01-02T20:34:56.123Z"
        );
        let half = DateTime::from_secs_f64(1.5).unwrap();
        assert_eq!(
            half.format(TimestampFormat::DateTime),
            "1970-01-01T00:00:01.5Z"
        );
        assert_eq!(half.as_secs_f64(), 1.5);
    }

    #[test]
    fn strict_date_times_are_utc_with_t() {
        // Smithy `RestJson*TimestampDateTimeRejectsUTCOffsets` / `...Different8601Formats`.
        for text in [
            "1996-12-19T16:39:57-08:00",
            "2019-12-17T00:48:18+01:00",
            "1996-12-19 16:39:57Z",
            "1996-12-19T16:39:57",
        ] {
            let e = DateTime::parse_strict(text, TimestampFormat::DateTime).unwrap_err();
            assert!(e.reason.contains("UTC date-time"), "{text}: {e}");
        }
        // The lenient parser (clients) still reads offsets.
        assert_eq!(
            DateTime::parse("1996-12-19T16:39:57-08:00", TimestampFormat::DateTime).unwrap(),
            DateTime::parse_strict("1996-12-20T00:39:57Z", TimestampFormat::DateTime).unwrap()
        );
        assert_eq!(
            DateTime::parse_strict("2019-12-16t23:48:18.5z", TimestampFormat::DateTime)
                .unwrap()
                .subsec_millis(),
            500
        );
        assert_eq!(
            DateTime::parse_strict("1985-04-12T23:20:50Z", TimestampFormat::DateTime)
                .unwrap()
                .secs(),
            482196050
        );
        // Other formats are unchanged.
        assert!(DateTime::parse_strict("1515531081", TimestampFormat::EpochSeconds).is_ok());
    }

    #[test]
    fn parses_offsets_fractions_and_http_dates() {
        // `RestJsonDateTimeWithNegativeOffset` / `...PositiveOffset` / fractional seconds.
        let want = ts(1576540098);
        for text in [
            "2019-12-16T22:48:18-01:00",
            "2019-12-17T00:48:18+01:00",
            "2019-12-16t23:48:18z",
        ] {
            assert_eq!(
                DateTime::parse(text, TimestampFormat::DateTime).unwrap(),
                want,
                "{text}"
            );
        }
        let frac = DateTime::parse("2000-01-02T20:34:56.123Z", TimestampFormat::DateTime).unwrap();
        assert_eq!(frac.subsec_millis(), 123);
        let http =
            DateTime::parse("Mon, 16 Dec 2019 23:48:18 GMT", TimestampFormat::HttpDate).unwrap();
        assert_eq!(http, want);
        let http_frac = DateTime::parse(
            "Sun, 02 Jan 2000 20:34:56.123 GMT",
            TimestampFormat::HttpDate,
        )
        .unwrap();
        assert_eq!(http_frac, frac);
        assert_eq!(
            DateTime::parse("1576540098", TimestampFormat::EpochSeconds).unwrap(),
            want
        );
        assert_eq!(
            DateTime::parse("946845296.123", TimestampFormat::EpochSeconds).unwrap(),
            frac
        );
    }

    #[test]
    fn rejects_malformed_timestamps_with_a_reason() {
        for (text, format) in [
            ("2019-12-16", TimestampFormat::DateTime),
            ("Mon, 16 Dec 2019 23:48:18", TimestampFormat::HttpDate),
            ("Xyz, 16 Dec 2019 23:48:18 GMT", TimestampFormat::HttpDate),
            ("Mon, 32 Dec 2019 23:48:18 GMT", TimestampFormat::HttpDate),
            ("1e3", TimestampFormat::EpochSeconds),
            ("", TimestampFormat::EpochSeconds),
            ("NaN", TimestampFormat::EpochSeconds),
        ] {
            let err = DateTime::parse(text, format).unwrap_err();
            assert_eq!(err.input, text);
            assert!(err.to_string().contains("is not a valid"), "{err}");
        }
        assert!(DateTime::from_secs_f64(f64::INFINITY).is_err());
        assert!(DateTime::from_secs(i64::MAX).is_err());
    }

    #[test]
    fn converts_to_and_from_system_time() {
        let t = ts(1_000_000);
        let sys: SystemTime = t.into();
        assert_eq!(DateTime::from(sys), t);
        assert_eq!(DateTime::default(), ts(0));
    }
}

//! Errors shared by generated code and the client runtime.
//!
//! * [`BuildError`]: an input builder's `build()` failed (missing required members).
//! * [`Unhandled`]: anything an operation can fail with that is not one of its modeled errors.
//! * [`ConfigError`]: a client could not be configured (no region, no credentials, bad endpoint…).

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use http::StatusCode;

/// A boxed error usable as a `source()`.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// A builder's `build()` failure: lists **every** missing required member, not just the first.
///
/// ```
/// let e = smithy_runtime::error::BuildError::new("CreateRoomInput", vec!["name", "id"]);
/// assert_eq!(e.to_string(), "missing required member(s) name, id of CreateRoomInput");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    /// The shape being built, e.g. `CreateRoomInput`.
    pub shape: &'static str,
    /// The required members (Rust field names) that were not set, in declaration order.
    pub missing: Vec<&'static str>,
}

impl BuildError {
    /// A build error for `shape` with the given missing members.
    pub fn new(shape: &'static str, missing: Vec<&'static str>) -> Self {
        Self { shape, missing }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "missing required member(s) {} of {}",
            self.missing.join(", "),
            self.shape
        )
    }
}

impl StdError for BuildError {}

/// What went wrong in an [`Unhandled`] error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnhandledKind {
    /// The request could not be built (missing required input, invalid host label…).
    Build,
    /// The request could not be signed.
    Signing,
    /// The request could not be sent or the response could not be read (connect, I/O).
    Transport,
    /// An attempt or operation timeout elapsed.
    Timeout,
    /// The service answered with something that could not be parsed.
    Response,
    /// The service answered with an error that the model does not know.
    Service,
    /// No endpoint: the endpoint rules gave an error (its message is [`Unhandled::message`])
    /// or could not be evaluated.
    Endpoint,
}

/// How a modeled error prints: `Code` or `Code: message` (generated `Display` impls call it).
pub fn write_code_message(
    f: &mut fmt::Formatter<'_>,
    code: &str,
    message: Option<&str>,
) -> fmt::Result {
    f.write_str(code)?;
    match message {
        Some(m) => write!(f, ": {m}"),
        None => Ok(()),
    }
}

/// An operation failure that is not one of the operation's modeled errors.
///
/// Generated code builds the `Service` and `Response` kinds with [`Unhandled::service`] and
/// [`Unhandled::response`]; the client runtime builds the others.
#[derive(Debug)]
pub struct Unhandled {
    /// Boxed so that `Result<_, Unhandled>` (and generated error enums holding one) stay small.
    inner: Box<UnhandledInner>,
}

#[derive(Debug)]
struct UnhandledInner {
    kind: UnhandledKind,
    status: Option<StatusCode>,
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    /// For `Timeout`: how long, and a note on which timeout.
    timeout: Option<(Duration, Option<String>)>,
    source: Option<BoxError>,
}

impl Unhandled {
    fn wrap(inner: UnhandledInner) -> Self {
        Self {
            inner: Box::new(inner),
        }
    }

    fn base(kind: UnhandledKind) -> UnhandledInner {
        UnhandledInner {
            kind,
            status: None,
            code: None,
            message: None,
            request_id: None,
            timeout: None,
            source: None,
        }
    }

    /// An error response whose code the model does not know (or that has no code).
    pub fn service(
        status: StatusCode,
        code: Option<String>,
        message: Option<String>,
        request_id: Option<String>,
    ) -> Self {
        Self::wrap(UnhandledInner {
            status: Some(status),
            code,
            message,
            request_id,
            ..Self::base(UnhandledKind::Service)
        })
    }

    /// A response that could not be parsed (`source` says why).
    pub fn response(
        status: StatusCode,
        request_id: Option<String>,
        source: impl Into<BoxError>,
    ) -> Self {
        Self::wrap(UnhandledInner {
            status: Some(status),
            request_id,
            source: Some(source.into()),
            ..Self::base(UnhandledKind::Response)
        })
    }

    /// The input could not be turned into a request.
    pub fn build(source: impl Into<BoxError>) -> Self {
        Self::wrap(UnhandledInner {
            source: Some(source.into()),
            ..Self::base(UnhandledKind::Build)
        })
    }

    /// The endpoint could not be resolved; `message` is an error rule's own text, if any.
    pub fn endpoint(message: Option<String>, source: impl Into<BoxError>) -> Self {
        Self::wrap(UnhandledInner {
            message,
            source: Some(source.into()),
            ..Self::base(UnhandledKind::Endpoint)
        })
    }

    /// The request could not be signed.
    pub fn signing(source: impl Into<BoxError>) -> Self {
        Self::wrap(UnhandledInner {
            source: Some(source.into()),
            ..Self::base(UnhandledKind::Signing)
        })
    }

    /// The request could not be sent, or its response not read.
    pub fn transport(source: impl Into<BoxError>) -> Self {
        Self::wrap(UnhandledInner {
            source: Some(source.into()),
            ..Self::base(UnhandledKind::Transport)
        })
    }

    /// A timeout of `after` elapsed; `note` (if any) says which timeout, e.g. `"attempt timeout"`.
    pub fn timeout(after: Duration, note: Option<String>) -> Self {
        Self::wrap(UnhandledInner {
            timeout: Some((after, note)),
            ..Self::base(UnhandledKind::Timeout)
        })
    }

    /// What went wrong.
    pub fn kind(&self) -> UnhandledKind {
        self.inner.kind
    }

    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// The service's error code (e.g. `ThrottlingException`), if known.
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// The service's error message, if known.
    pub fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }

    /// The service's request id (`x-amzn-requestid`), if known.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// For [`UnhandledKind::Timeout`], the duration that elapsed.
    pub fn timeout_duration(&self) -> Option<Duration> {
        self.inner.timeout.as_ref().map(|(d, _)| *d)
    }

    /// Writes ` (HTTP 429, request id abc)` (the parts that are known).
    fn fmt_context(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::with_capacity(2);
        if let Some(status) = self.inner.status {
            parts.push(format!("HTTP {}", status.as_u16()));
        }
        if let Some(id) = &self.inner.request_id {
            parts.push(format!("request id {id}"));
        }
        if parts.is_empty() {
            Ok(())
        } else {
            write!(f, " ({})", parts.join(", "))
        }
    }

    fn fmt_source(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.source {
            Some(source) => write!(f, ": {source}"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.inner.kind {
            UnhandledKind::Service => {
                f.write_str("service error")?;
                if let Some(code) = &self.inner.code {
                    write!(f, " {code}")?;
                }
                self.fmt_context(f)?;
                if let Some(message) = &self.inner.message {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
            UnhandledKind::Response => {
                f.write_str("unparseable response")?;
                self.fmt_context(f)?;
                self.fmt_source(f)
            }
            UnhandledKind::Build => {
                f.write_str("cannot build request")?;
                self.fmt_source(f)
            }
            UnhandledKind::Signing => {
                f.write_str("signing failed")?;
                self.fmt_source(f)
            }
            UnhandledKind::Endpoint => {
                f.write_str("cannot resolve endpoint")?;
                self.fmt_source(f)
            }
            UnhandledKind::Transport => {
                f.write_str("transport error")?;
                self.fmt_source(f)
            }
            UnhandledKind::Timeout => {
                f.write_str("timed out")?;
                if let Some((after, note)) = &self.inner.timeout {
                    // Duration's Debug prints `5s`, `1.5s`, `250ms`: exactly what a person wants.
                    write!(f, " after {after:?}")?;
                    if let Some(note) = note {
                        write!(f, " ({note})")?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl StdError for Unhandled {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

impl From<BuildError> for Unhandled {
    fn from(e: BuildError) -> Self {
        Unhandled::build(e)
    }
}

/// What kind of configuration problem a [`ConfigError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// No region was configured.
    MissingRegion,
    /// No credentials were configured.
    MissingCredentials,
    /// A configured value is malformed (region, endpoint URL, credentials, number…).
    InvalidValue,
    /// A shared config/credentials file could not be read or parsed, or a named profile is absent.
    Profile,
    /// A service that is not an AWS service has no endpoint URL (builder or `<NAME>_ENDPOINT_URL`).
    MissingEndpoint,
}

/// A client could not be configured.
#[derive(Debug)]
pub struct ConfigError {
    kind: ConfigErrorKind,
    message: String,
    source: Option<BoxError>,
}

impl ConfigError {
    /// A configuration error of `kind`, with a message that says what to do about it.
    pub fn new(kind: ConfigErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying cause.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ConfigErrorKind {
        self.kind
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConfigError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_error_display_has_code_status_request_id_and_message() {
        let e = Unhandled::service(
            StatusCode::TOO_MANY_REQUESTS,
            Some("ThrottlingException".into()),
            Some("Rate exceeded".into()),
            Some("abc".into()),
        );
        assert_eq!(
            e.to_string(),
            "service error ThrottlingException (HTTP 429, request id abc): Rate exceeded"
        );
        assert_eq!(e.kind(), UnhandledKind::Service);
        assert_eq!(e.code(), Some("ThrottlingException"));
        assert_eq!(e.message(), Some("Rate exceeded"));
        assert_eq!(e.request_id(), Some("abc"));
        assert_eq!(e.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    }

    #[test]
    fn service_error_without_code_still_says_more_than_service_error() {
        let e = Unhandled::service(StatusCode::INTERNAL_SERVER_ERROR, None, None, None);
        assert_eq!(e.to_string(), "service error (HTTP 500)");
    }

    #[test]
    fn timeout_display() {
        let e = Unhandled::timeout(Duration::from_secs(5), None);
        assert_eq!(e.to_string(), "timed out after 5s");
        let e = Unhandled::timeout(Duration::from_millis(250), Some("attempt timeout".into()));
        assert_eq!(e.to_string(), "timed out after 250ms (attempt timeout)");
        assert_eq!(e.timeout_duration(), Some(Duration::from_millis(250)));
    }

    #[test]
    fn response_error_keeps_source() {
        let cause = std::io::Error::other("expected `,` at 1:7");
        let e = Unhandled::response(StatusCode::OK, Some("r1".into()), cause);
        assert_eq!(
            e.to_string(),
            "unparseable response (HTTP 200, request id r1): expected `,` at 1:7"
        );
        assert_eq!(e.source().unwrap().to_string(), "expected `,` at 1:7");
    }

    #[test]
    fn build_error_lists_every_missing_member_and_converts() {
        let b = BuildError::new("CreateRoomInput", vec!["name", "id"]);
        assert_eq!(
            b.to_string(),
            "missing required member(s) name, id of CreateRoomInput"
        );
        let u: Unhandled = b.clone().into();
        assert_eq!(u.kind(), UnhandledKind::Build);
        assert_eq!(
            u.to_string(),
            "cannot build request: missing required member(s) name, id of CreateRoomInput"
        );
        let src = u.source().unwrap().downcast_ref::<BuildError>().unwrap();
        assert_eq!(src, &b);
    }

    #[test]
    fn unhandled_is_one_pointer_wide() {
        // Generated `Result<Output, OpError>` values carry it; keep them small.
        assert_eq!(
            std::mem::size_of::<Unhandled>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn errors_are_send_sync_static() {
        fn check<T: StdError + Send + Sync + 'static>() {}
        check::<Unhandled>();
        check::<BuildError>();
        check::<ConfigError>();
    }
}

//! Which responses are retried, and how long to wait.

use std::time::Duration;

use bytes::Bytes;

use super::RetryConfig;

/// Error codes that mean "slow down" (the AWS SDKs' throttling list).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Statuses retried whatever the body says.
const RETRY_STATUSES: &[u16] = &[429, 500, 502, 503, 504];

/// Whether `response` should be retried: a transient status, or a throttling error code
/// (from `x-amzn-errortype` or the JSON body's `__type` / `code`) on any error status.
pub(crate) fn is_retryable_response(response: &http::Response<Bytes>) -> bool {
    let status = response.status().as_u16();
    if RETRY_STATUSES.contains(&status) {
        return true;
    }
    if status < 400 {
        return false;
    }
    // Only parse the body when the header does not already say; a non-JSON body has no code.
    let body = if response.headers().contains_key("x-amzn-errortype") {
        crate::wire::json::Doc::Null
    } else {
        crate::wire::json::parse(response.body()).unwrap_or(crate::wire::json::Doc::Null)
    };
    match crate::wire::error::code(response.headers(), &body) {
        Some(code) => THROTTLING_CODES.contains(&code.as_str()),
        None => false,
    }
}

/// Full-jitter backoff before retry number `retry` (1-based): uniform in `[0, bound]`.
pub(crate) fn backoff(config: &RetryConfig, retry: u32) -> Duration {
    config.backoff_bound(retry).mul_f64(crate::rand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Bytes> {
        let mut b = http::Response::builder().status(status);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Bytes::from(body.to_string())).unwrap()
    }

    #[test]
    fn retries_transient_statuses_and_throttling_codes_only() {
        for s in [429, 500, 502, 503, 504] {
            assert!(is_retryable_response(&response(s, &[], "")), "{s}");
        }
        for s in [200, 204, 301, 400, 401, 403, 404, 409, 501] {
            assert!(!is_retryable_response(&response(s, &[], "{}")), "{s}");
        }
        let throttled = [
            response(
                400,
                &[("x-amzn-errortype", "ThrottlingException:http://x/")],
                "",
            ),
            response(
                400,
                &[],
                r#"{"__type":"com.amazonaws.ivschat#ThrottlingException"}"#,
            ),
            response(400, &[], r#"{"code":"SlowDown"}"#),
            response(
                403,
                &[],
                r#"{"__type":"RequestLimitExceeded","message":"m"}"#,
            ),
        ];
        for r in &throttled {
            assert!(is_retryable_response(r), "{r:?}");
        }
        let not_throttled = [
            response(
                400,
                &[("x-amzn-errortype", "ValidationException")],
                r#"{"__type":"ThrottlingException"}"#,
            ),
            response(400, &[], r#"{"__type":"ValidationException"}"#),
            response(400, &[], "not json"),
            // A success whose body happens to carry a code is not an error.
            response(200, &[], r#"{"code":"ThrottlingException"}"#),
        ];
        for r in &not_throttled {
            assert!(!is_retryable_response(r), "{r:?}");
        }
    }

    #[test]
    fn backoff_stays_within_the_exponential_bound() {
        let cfg = RetryConfig::default()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        assert_eq!(cfg.backoff_bound(1), Duration::from_millis(100));
        assert_eq!(cfg.backoff_bound(2), Duration::from_millis(200));
        assert_eq!(cfg.backoff_bound(3), Duration::from_millis(350));
        assert_eq!(cfg.backoff_bound(40), Duration::from_millis(350));
        let mut seen_nonzero = false;
        for retry in 1..5 {
            for _ in 0..200 {
                let d = backoff(&cfg, retry);
                assert!(d <= cfg.backoff_bound(retry), "{d:?}");
                seen_nonzero |= d > Duration::ZERO;
            }
        }
        assert!(seen_nonzero);
    }
}

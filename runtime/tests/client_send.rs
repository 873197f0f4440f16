//! `Handle::send` through a fake transport: retries, backoff bounds, timeouts, headers.
//!
//! Time-based tests run with `tokio::time::pause()`: sleeps advance a virtual clock at once,
//! so backoff and timeouts are measured exactly without making the suite slow.

#[path = "client_fake.rs"]
mod fake;

use std::io;
use std::time::Duration;

use fake::{FakeHttp, Scripted, builder, create_room};
use smithy_runtime::client::{Credentials, RetryConfig, TimeoutConfig};
use smithy_runtime::error::UnhandledKind;

fn fast_retry(max_attempts: u32) -> RetryConfig {
    RetryConfig::default()
        .with_max_attempts(max_attempts)
        .with_initial_backoff(Duration::from_millis(100))
        .with_max_backoff(Duration::from_millis(150))
}

/// Gaps between consecutive recorded attempts.
fn gaps(fake: &FakeHttp) -> Vec<Duration> {
    let recorded = fake.take_requests();
    recorded.windows(2).map(|w| w[1].at - w[0].at).collect()
}

#[tokio::test(start_paused = true)]
async fn retries_429_then_503_then_succeeds_within_backoff_bounds() {
    let fake = FakeHttp::new(vec![
        Scripted::Response(429, vec![], r#"{"message":"slow down"}"#),
        Scripted::Response(503, vec![], ""),
        Scripted::Response(200, vec![("x-amzn-requestid", "r-3")], r#"{"arn":"a"}"#),
    ]);
    let handle = builder(&fake).retry(fast_retry(3)).build().unwrap();
    let start = tokio::time::Instant::now();
    let resp = handle.send(create_room()).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.body().as_ref(), br#"{"arn":"a"}"#);
    assert_eq!(fake.request_count(), 3);
    // Full jitter: retry 1 waits at most 100 ms, retry 2 at most min(200, 150) = 150 ms.
    let gaps = gaps(&fake);
    assert_eq!(gaps.len(), 2);
    assert!(gaps[0] <= Duration::from_millis(100), "{gaps:?}");
    assert!(gaps[1] <= Duration::from_millis(150), "{gaps:?}");
    assert!(start.elapsed() <= Duration::from_millis(250));
}

#[tokio::test(start_paused = true)]
async fn backoff_is_jittered_and_grows_with_the_bound() {
    // With a 1 s initial backoff and 8 s cap over many runs, the mean gap of retry n must be
    // near half its bound (full jitter), i.e. ~0.5 s, ~1 s, ~2 s: not constant, not zero.
    let retry = RetryConfig::default()
        .with_max_attempts(4)
        .with_initial_backoff(Duration::from_secs(1))
        .with_max_backoff(Duration::from_secs(8));
    let runs = 60;
    let mut sums = [Duration::ZERO; 3];
    let mut distinct = std::collections::HashSet::new();
    for _ in 0..runs {
        let fake = FakeHttp::new(vec![
            Scripted::Response(500, vec![], ""),
            Scripted::Response(500, vec![], ""),
            Scripted::Response(500, vec![], ""),
            Scripted::Response(200, vec![], ""),
        ]);
        let handle = builder(&fake).retry(retry.clone()).build().unwrap();
        handle.send(create_room()).await.unwrap();
        for (i, g) in gaps(&fake).into_iter().enumerate() {
            assert!(
                g <= Duration::from_secs(1 << i),
                "retry {} waited {g:?}",
                i + 1
            );
            sums[i] += g;
            distinct.insert(g);
        }
    }
    for (i, sum) in sums.iter().enumerate() {
        let mean = sum.as_secs_f64() / runs as f64;
        let half_bound = (1u64 << i) as f64 / 2.0;
        assert!(
            (mean - half_bound).abs() < half_bound * 0.4,
            "retry {} mean {mean:.3}s, expected about {half_bound}s",
            i + 1
        );
    }
    assert!(
        distinct.len() > 100,
        "jitter should vary: {}",
        distinct.len()
    );
}

#[tokio::test(start_paused = true)]
async fn no_retry_on_400_and_other_4xx() {
    for status in [400, 403, 404, 409] {
        let fake = FakeHttp::new(vec![Scripted::Response(
            status,
            vec![("x-amzn-errortype", "ValidationException")],
            r#"{"message":"bad"}"#,
        )]);
        let handle = builder(&fake).retry(fast_retry(3)).build().unwrap();
        let resp = handle.send(create_room()).await.unwrap();
        assert_eq!(resp.status(), status);
        assert_eq!(
            fake.request_count(),
            1,
            "status {status} must not be retried"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn throttling_codes_on_400_are_retried() {
    let fake = FakeHttp::new(vec![
        Scripted::Response(
            400,
            vec![("x-amzn-errortype", "ThrottlingException:http://internal/")],
            "",
        ),
        Scripted::Response(
            400,
            vec![],
            r#"{"__type":"com.amazonaws.ivschat#TooManyRequestsException"}"#,
        ),
        Scripted::Response(200, vec![], "{}"),
    ]);
    let handle = builder(&fake).retry(fast_retry(3)).build().unwrap();
    let resp = handle.send(create_room()).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(fake.request_count(), 3);
}

#[tokio::test(start_paused = true)]
async fn retries_exhausted_returns_the_last_response() {
    let fake = FakeHttp::new(vec![
        Scripted::Response(503, vec![], "first"),
        Scripted::Response(502, vec![], "second"),
        Scripted::Response(500, vec![("x-amzn-requestid", "last")], "third"),
    ]);
    let handle = builder(&fake).retry(fast_retry(3)).build().unwrap();
    let resp = handle.send(create_room()).await.unwrap();
    assert_eq!(resp.status(), 500);
    assert_eq!(resp.body().as_ref(), b"third");
    assert_eq!(
        smithy_runtime::client::request_id(resp.headers()).as_deref(),
        Some("last")
    );
    assert_eq!(fake.request_count(), 3);
}

#[tokio::test(start_paused = true)]
async fn retry_disabled_means_one_attempt() {
    let fake = FakeHttp::new(vec![Scripted::Response(503, vec![], "")]);
    let handle = builder(&fake)
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    assert_eq!(handle.send(create_room()).await.unwrap().status(), 503);
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test(start_paused = true)]
async fn transient_io_errors_are_retried() {
    let fake = FakeHttp::new(vec![
        Scripted::Io(io::ErrorKind::ConnectionReset),
        Scripted::Io(io::ErrorKind::ConnectionRefused),
        Scripted::Response(200, vec![], "{}"),
    ]);
    let handle = builder(&fake).retry(fast_retry(3)).build().unwrap();
    assert_eq!(handle.send(create_room()).await.unwrap().status(), 200);
    assert_eq!(fake.request_count(), 3);
}

#[tokio::test(start_paused = true)]
async fn spent_io_retries_give_a_transport_error() {
    let fake = FakeHttp::new(vec![
        Scripted::Io(io::ErrorKind::ConnectionRefused),
        Scripted::Io(io::ErrorKind::ConnectionRefused),
    ]);
    let handle = builder(&fake).retry(fast_retry(2)).build().unwrap();
    let err = handle.send(create_room()).await.unwrap_err();
    assert_eq!(err.kind(), UnhandledKind::Transport);
    assert_eq!(err.to_string(), "transport error: connection refused");
    let source = std::error::Error::source(&err).unwrap();
    let transport = source
        .downcast_ref::<smithy_runtime::client::TransportError>()
        .unwrap();
    assert!(transport.is_retryable());
    assert_eq!(fake.request_count(), 2);
}

#[tokio::test(start_paused = true)]
async fn non_transient_transport_errors_are_not_retried() {
    let fake = FakeHttp::new(vec![Scripted::Other("invalid HTTP response")]);
    let handle = builder(&fake).retry(fast_retry(3)).build().unwrap();
    let err = handle.send(create_room()).await.unwrap_err();
    assert_eq!(err.kind(), UnhandledKind::Transport);
    assert_eq!(err.to_string(), "transport error: invalid HTTP response");
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test(start_paused = true)]
async fn attempt_timeout_is_retried() {
    let fake = FakeHttp::new(vec![Scripted::Hang, Scripted::Response(200, vec![], "{}")]);
    let handle = builder(&fake)
        .retry(fast_retry(3))
        .timeouts(TimeoutConfig::none().with_attempt_timeout(Some(Duration::from_secs(2))))
        .build()
        .unwrap();
    let start = tokio::time::Instant::now();
    assert_eq!(handle.send(create_room()).await.unwrap().status(), 200);
    assert_eq!(fake.request_count(), 2);
    let gaps = gaps(&fake);
    // The second attempt starts after the 2 s attempt timeout plus at most 100 ms backoff.
    assert!(
        gaps[0] >= Duration::from_secs(2) && gaps[0] <= Duration::from_millis(2100),
        "{gaps:?}"
    );
    assert!(start.elapsed() <= Duration::from_millis(2100));
}

#[tokio::test(start_paused = true)]
async fn spent_attempt_timeouts_give_a_timeout_error() {
    let fake = FakeHttp::new(vec![Scripted::Hang, Scripted::Hang, Scripted::Hang]);
    let handle = builder(&fake)
        .retry(fast_retry(3))
        .timeouts(TimeoutConfig::none().with_attempt_timeout(Some(Duration::from_secs(5))))
        .build()
        .unwrap();
    let err = handle.send(create_room()).await.unwrap_err();
    assert_eq!(err.kind(), UnhandledKind::Timeout);
    assert_eq!(err.timeout_duration(), Some(Duration::from_secs(5)));
    assert_eq!(
        err.to_string(),
        "timed out after 5s (attempt timeout, 3 attempt(s))"
    );
    assert_eq!(fake.request_count(), 3);
}

#[tokio::test(start_paused = true)]
async fn operation_timeout_stops_everything() {
    // A hanging attempt, no attempt timeout: only the operation timeout can end it.
    let fake = FakeHttp::new(vec![Scripted::Hang]);
    let handle = builder(&fake)
        .retry(fast_retry(3))
        .timeouts(TimeoutConfig::none().with_operation_timeout(Some(Duration::from_secs(5))))
        .build()
        .unwrap();
    let start = tokio::time::Instant::now();
    let err = handle.send(create_room()).await.unwrap_err();
    assert_eq!(start.elapsed(), Duration::from_secs(5));
    assert_eq!(err.kind(), UnhandledKind::Timeout);
    assert_eq!(err.to_string(), "timed out after 5s");
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test(start_paused = true)]
async fn operation_timeout_covers_backoff() {
    // Long backoffs (up to 10 s each) but a 1 s budget for the whole operation.
    let fake = FakeHttp::new(vec![
        Scripted::Response(503, vec![], ""),
        Scripted::Response(503, vec![], ""),
        Scripted::Response(503, vec![], ""),
    ]);
    let retry = RetryConfig::default()
        .with_initial_backoff(Duration::from_secs(10))
        .with_max_backoff(Duration::from_secs(10));
    let handle = builder(&fake)
        .retry(retry)
        .timeouts(TimeoutConfig::none().with_operation_timeout(Some(Duration::from_secs(1))))
        .build()
        .unwrap();
    let start = tokio::time::Instant::now();
    let result = handle.send(create_room()).await;
    // Either the jitter drew tiny sleeps (all three 503s fit in 1 s: last response returned),
    // or the budget ran out first; never more than 1 s.
    assert!(start.elapsed() <= Duration::from_secs(1));
    match result {
        Ok(resp) => {
            assert_eq!(resp.status(), 503);
            assert_eq!(fake.request_count(), 3);
        }
        Err(err) => assert_eq!(err.to_string(), "timed out after 1s"),
    }
}

#[tokio::test]
async fn sends_user_agent_host_length_and_sigv4_headers() {
    let fake = FakeHttp::new(vec![Scripted::Response(200, vec![], "{}")]);
    let handle = builder(&fake).app_name("tests").build().unwrap();
    handle.send(create_room()).await.unwrap();
    let req = fake.take_requests().remove(0).request;
    let h = req.headers();
    let ua = h["user-agent"].to_str().unwrap();
    assert!(ua.starts_with("ivschat/0.1.0 smithy-runtime/"), "{ua}");
    assert!(ua.contains(" api/ivschat/2020-07-14 "), "{ua}");
    assert!(ua.ends_with(" app/tests"), "{ua}");
    assert_eq!(h["host"], "ivschat.us-east-1.amazonaws.com");
    assert_eq!(h["content-length"], "16");
    assert_eq!(h["content-type"], "application/json");
    assert_eq!(h["x-amz-date"], "20150830T123600Z");
    let auth = h["authorization"].to_str().unwrap();
    assert!(
        auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/ivschat/aws4_request, \
             SignedHeaders=content-length;content-type;host;x-amz-date, Signature="
        ),
        "{auth}"
    );
    assert!(h.get("x-amz-security-token").is_none());
    // restJson1 services do not want the payload hash header (only S3 does).
    assert!(h.get("x-amz-content-sha256").is_none());
    assert!(h["authorization"].is_sensitive());
    assert_eq!(req.method(), "POST");
    assert_eq!(
        req.uri().to_string(),
        "https://ivschat.us-east-1.amazonaws.com/CreateRoom"
    );
}

#[tokio::test]
async fn session_token_is_sent_and_signed() {
    let fake = FakeHttp::new(vec![Scripted::Response(200, vec![], "{}")]);
    let handle = builder(&fake)
        .credentials(Credentials::new("ASIAX", "secret", Some("TOKEN123".into())))
        .build()
        .unwrap();
    handle.send(create_room()).await.unwrap();
    let req = fake.take_requests().remove(0).request;
    assert_eq!(req.headers()["x-amz-security-token"], "TOKEN123");
    assert!(req.headers()["x-amz-security-token"].is_sensitive());
    let auth = req.headers()["authorization"].to_str().unwrap();
    assert!(
        auth.contains(
            "SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token,"
        ),
        "{auth}"
    );
}

#[tokio::test]
async fn each_attempt_is_signed_afresh_with_the_clock() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    // A clock that moves 10 minutes per reading: each attempt must carry its own date.
    let ticks = Arc::new(AtomicU64::new(0));
    let clock_ticks = ticks.clone();
    let clock = smithy_runtime::client::Clock::from_fn(move || {
        fake::test_time() + Duration::from_secs(600 * clock_ticks.fetch_add(1, Ordering::SeqCst))
    });
    let fake = FakeHttp::new(vec![
        Scripted::Response(500, vec![], ""),
        Scripted::Response(200, vec![], ""),
    ]);
    let handle = builder(&fake)
        .clock(clock)
        .retry(fast_retry(2).with_initial_backoff(Duration::ZERO))
        .build()
        .unwrap();
    handle.send(create_room()).await.unwrap();
    let reqs = fake.take_requests();
    assert_eq!(reqs[0].request.headers()["x-amz-date"], "20150830T123600Z");
    assert_eq!(reqs[1].request.headers()["x-amz-date"], "20150830T124600Z");
    assert_ne!(
        reqs[0].request.headers()["authorization"],
        reqs[1].request.headers()["authorization"]
    );
}

#[tokio::test]
async fn bodiless_get_has_no_content_length_and_keeps_query() {
    let fake = FakeHttp::new(vec![Scripted::Response(200, vec![], "{}")]);
    let handle = builder(&fake).build().unwrap();
    let mut req = create_room();
    req.method = smithy_runtime::http::Method::GET;
    req.path_and_query = "/rooms/a%2Fb?maxResults=5&nextToken=x%3D".into();
    req.body = smithy_runtime::bytes::Bytes::new();
    req.headers.clear();
    handle.send(req).await.unwrap();
    let sent = fake.take_requests().remove(0).request;
    assert!(sent.headers().get("content-length").is_none());
    assert_eq!(
        sent.uri().to_string(),
        "https://ivschat.us-east-1.amazonaws.com/rooms/a%2Fb?maxResults=5&nextToken=x%3D"
    );
    let auth = sent.headers()["authorization"].to_str().unwrap();
    assert!(auth.contains("SignedHeaders=host;x-amz-date,"), "{auth}");
}

#[test]
fn send_future_and_handle_are_send_and_sync() {
    // Generated clients are used from multi-threaded runtimes (`tokio::spawn`), so the future
    // `send` returns must be `Send`, and the handle `Send + Sync`.
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<smithy_runtime::client::Handle>();
    let fake = FakeHttp::default();
    let handle = builder(&fake).build().unwrap();
    let fut = handle.send(create_room());
    assert_send(&fut);
    drop(fut);
    assert_eq!(
        fake.request_count(),
        0,
        "a future that is not polled sends nothing"
    );
}

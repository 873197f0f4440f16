//! Measuring loops shared by `ours-rt`, `aws-rt` and `loadgen`: sequential latency and
//! concurrent throughput, bounded in count and time, reported as one flat JSON object per line.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Command-line settings common to the runtime bench binaries.
#[derive(Clone, Debug)]
pub struct Args {
    /// Base URL of the service under test, e.g. `http://127.0.0.1:4566`.
    pub endpoint: String,
    /// Calls per sequential latency run.
    pub seq: usize,
    /// Requests in flight during the throughput run.
    pub concurrency: usize,
    /// Length of each throughput run.
    pub duration: Duration,
    /// Upper bound on calls per throughput run, whatever the duration.
    pub max_calls: usize,
}

impl Args {
    /// Reads `--endpoint URL [--seq N] [--concurrency N] [--duration-ms N] [--max-calls N]`.
    pub fn from_env() -> Result<Args, String> {
        let mut args = Args {
            endpoint: String::new(),
            seq: 2000,
            concurrency: 64,
            duration: Duration::from_secs(3),
            max_calls: 200_000,
        };
        let mut it = std::env::args().skip(1);
        while let Some(a) = it.next() {
            let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
            let number = |v: String| v.parse::<usize>().map_err(|e| format!("{v}: {e}"));
            match a.as_str() {
                "--endpoint" => args.endpoint = value()?,
                "--seq" => args.seq = number(value()?)?,
                "--concurrency" => args.concurrency = number(value()?)?.max(1),
                "--duration-ms" => args.duration = Duration::from_millis(number(value()?)? as u64),
                "--max-calls" => args.max_calls = number(value()?)?,
                other => return Err(format!("unknown argument {other}")),
            }
        }
        if args.endpoint.is_empty() {
            return Err("--endpoint URL is required".into());
        }
        Ok(args)
    }
}

/// What one run measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Calls that completed successfully.
    pub calls: usize,
    /// Calls that failed (not in the latency figures).
    pub errors: usize,
    /// Median latency of the successful calls, microseconds.
    pub p50_us: f64,
    /// 99th percentile latency, microseconds.
    pub p99_us: f64,
    /// Successful calls per second of wall time.
    pub rps: f64,
}

impl Summary {
    /// Summarises latencies (any order) of successful calls over `elapsed`.
    pub fn new(mut latencies: Vec<Duration>, errors: usize, elapsed: Duration) -> Summary {
        latencies.sort_unstable();
        let pct = |p: f64| -> f64 {
            if latencies.is_empty() {
                return 0.0;
            }
            // Nearest-rank percentile.
            let rank = ((p / 100.0) * latencies.len() as f64).ceil() as usize;
            latencies[rank.clamp(1, latencies.len()) - 1].as_secs_f64() * 1e6
        };
        Summary {
            calls: latencies.len(),
            errors,
            p50_us: pct(50.0),
            p99_us: pct(99.0),
            rps: latencies.len() as f64 / elapsed.as_secs_f64().max(1e-9),
        }
    }

    /// One flat JSON object, tagged with `side`, `op` and `mode` (names are plain identifiers).
    pub fn json(&self, side: &str, op: &str, mode: &str) -> String {
        format!(
            "{{\"side\":\"{side}\",\"op\":\"{op}\",\"mode\":\"{mode}\",\"calls\":{},\"errors\":{},\"p50_us\":{:.1},\"p99_us\":{:.1},\"rps\":{:.1}}}",
            self.calls, self.errors, self.p50_us, self.p99_us, self.rps
        )
    }
}

/// Measures one operation of one client: `args.seq` calls in a row, then `args.concurrency` in
/// flight; prints each [`Summary`] as a JSON line (`side` is `ours` or `aws`).
pub async fn measure<F, Fut>(args: &Args, side: &str, op: &str, call: F)
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let seq = sequential(args.seq, call.clone()).await;
    println!("{}", seq.json(side, op, "seq"));
    let conc = concurrent(args.concurrency, args.duration, args.max_calls, call).await;
    println!("{}", conc.json(side, op, "concurrent"));
}

/// Calls `call` `n` times one after the other.
pub async fn sequential<F, Fut>(n: usize, call: F) -> Summary
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let mut latencies = Vec::with_capacity(n);
    let mut errors = 0;
    let started = Instant::now();
    for _ in 0..n {
        let t = Instant::now();
        match call().await {
            Ok(()) => latencies.push(t.elapsed()),
            Err(e) => {
                if errors == 0 {
                    eprintln!("first error: {e}");
                }
                errors += 1;
            }
        }
    }
    Summary::new(latencies, errors, started.elapsed())
}

/// Keeps `concurrency` calls in flight until `duration` has passed or `max_calls` were started.
pub async fn concurrent<F, Fut>(
    concurrency: usize,
    duration: Duration,
    max_calls: usize,
    call: F,
) -> Summary
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let started = Instant::now();
    let deadline = started + duration;
    let issued = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let call = call.clone();
        let issued = issued.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            while Instant::now() < deadline && issued.fetch_add(1, Ordering::Relaxed) < max_calls {
                let t = Instant::now();
                match call().await {
                    Ok(()) => latencies.push(t.elapsed()),
                    Err(e) => {
                        if errors == 0 {
                            eprintln!("first error: {e}");
                        }
                        errors += 1;
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        match task.await {
            Ok((l, e)) => {
                latencies.extend(l);
                errors += e;
            }
            Err(e) => {
                eprintln!("task failed: {e}");
                errors += 1;
            }
        }
    }
    Summary::new(latencies, errors, started.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let lat: Vec<Duration> = (1..=100).rev().map(Duration::from_micros).collect();
        let s = Summary::new(lat, 3, Duration::from_secs(2));
        assert_eq!((s.calls, s.errors), (100, 3));
        assert_eq!(s.p50_us, 50.0);
        assert_eq!(s.p99_us, 99.0);
        assert_eq!(s.rps, 50.0);
    }

    #[test]
    fn empty_runs_report_zero_not_panic() {
        let s = Summary::new(Vec::new(), 5, Duration::ZERO);
        assert_eq!((s.calls, s.p99_us), (0, 0.0));
    }

    #[tokio::test]
    async fn concurrent_stops_at_max_calls() {
        let count = Arc::new(AtomicUsize::new(0));
        let c = count.clone();
        let s = concurrent(8, Duration::from_secs(30), 100, move || {
            let c = c.clone();
            async move {
                c.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
        })
        .await;
        assert_eq!(s.calls, 100);
        assert_eq!(count.load(Ordering::Relaxed), 100);
    }
}

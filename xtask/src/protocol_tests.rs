//! `cargo xtask protocol-tests`: Smithy's restJson1 protocol compliance suite, as the tests of
//! generated crates.
//!
//! Loads the suite's directory (by default `../shared/smithy/protocol-tests`: `restJson1/` with
//! `shared-types.smithy` and `aws-config.smithy`) as one model, generates a crate with
//! [`smithy_codegen::Settings::protocol_tests`] for every `aws.protocols#restJson1` service in
//! it, into `target/protocol-tests/<crate>/` (a throwaway workspace with its own target
//! directory, like the corpus), runs each crate's tests with warnings denied, and prints, per
//! service and per kind, passed / failed / expected to fail.
//!
//! The kind of a test is the prefix of its name (`codegen::protocol_tests` names them). A case
//! that is known to fail is listed in [`crate::protocol_tests_expected::EXPECTED_FAILURES`]
//! with its reason; it must still fail, so that a fix shows up as a failure of this task until
//! the case comes off the list.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use smithy_model::ShapeId;

use crate::protocol_tests_expected::EXPECTED_FAILURES;

const USAGE: &str =
    "usage: cargo xtask protocol-tests [--dir DIR] [--out DIR] [--service SHAPE_ID]...

  --dir      the suite (default ../shared/smithy/protocol-tests): every .smithy/.json below it
  --out      where the crates and their workspace go (default target/protocol-tests)
  --service  only these restJson1 services (default: all of them)";

/// The kinds of generated tests, by name prefix, in report order.
pub const KINDS: &[&str] = &[
    "client_request",
    "client_response",
    "server_request",
    "server_response",
    "malformed_request",
];

/// The outcome of one test as libtest printed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `... ok`
    Passed,
    /// `... FAILED`
    Failed,
    /// `... ignored`
    Ignored,
}

/// Every `test NAME ... RESULT` line of libtest's output, in order.
pub fn parse_libtest(stdout: &str) -> Vec<(String, Outcome)> {
    stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("test ")?;
            let (name, result) = rest.rsplit_once(" ... ")?;
            let outcome = match result.trim() {
                "ok" => Outcome::Passed,
                "FAILED" => Outcome::Failed,
                r if r.starts_with("ignored") => Outcome::Ignored,
                _ => return None,
            };
            Some((name.trim().to_string(), outcome))
        })
        .collect()
}

/// The first lines of each failed test's captured output (`---- NAME stdout ----` sections).
pub fn failure_messages(stdout: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            if let Some((n, lines)) = current.take() {
                out.insert(n, lines.join("\n"));
            }
            current = Some((name.to_string(), Vec::new()));
        } else if line == "failures:" || line.starts_with("test result:") {
            if let Some((n, lines)) = current.take() {
                out.insert(n, lines.join("\n"));
            }
        } else if let Some((_, lines)) = current.as_mut()
            && lines.len() < 6
            && !line.trim().is_empty()
            && !line.starts_with("note: run with")
        {
            lines.push(line);
        }
    }
    if let Some((n, lines)) = current {
        out.insert(n, lines.join("\n"));
    }
    out
}

/// The kind of a generated test, from its name.
pub fn kind_of(test: &str) -> Option<&'static str> {
    KINDS
        .iter()
        .copied()
        .find(|k| test.strip_prefix(k).is_some_and(|r| r.starts_with('_')))
}

/// Counts of one service and kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Passed, as expected.
    pub passed: usize,
    /// Failed and not on the expected-failure list.
    pub failed: usize,
    /// Failed, as the expected-failure list says.
    pub expected: usize,
}

/// What a service's test run came to, against the expected-failure list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// By kind.
    pub tallies: BTreeMap<&'static str, Tally>,
    /// Failed but not listed.
    pub unexpected_failures: Vec<String>,
    /// Listed but passed: take them off the list.
    pub unexpected_passes: Vec<String>,
    /// Listed but not generated at all.
    pub stale: Vec<String>,
}

/// Judges one service's results; `expected` are the listed test names of that service.
pub fn judge(results: &[(String, Outcome)], expected: &BTreeSet<&str>) -> Verdict {
    let mut v = Verdict::default();
    let mut seen = BTreeSet::new();
    for (name, outcome) in results {
        let Some(kind) = kind_of(name) else { continue };
        seen.insert(name.as_str());
        let t = v.tallies.entry(kind).or_default();
        let listed = expected.contains(name.as_str());
        match (outcome, listed) {
            (Outcome::Passed, false) => t.passed += 1,
            (Outcome::Passed, true) => {
                t.passed += 1;
                v.unexpected_passes.push(name.clone());
            }
            (Outcome::Failed, true) => t.expected += 1,
            (Outcome::Failed, false) => {
                t.failed += 1;
                v.unexpected_failures.push(name.clone());
            }
            // Generated tests are never ignored; count an ignored one as a failure to look at.
            (Outcome::Ignored, _) => {
                t.failed += 1;
                v.unexpected_failures.push(format!("{name} (ignored)"));
            }
        }
    }
    v.stale = expected
        .iter()
        .filter(|n| !seen.contains(*n))
        .map(|n| n.to_string())
        .collect();
    v
}

/// The crate name of a service of the suite: its shape name in lower case (`restjson`).
fn crate_name(id: &ShapeId, taken: &BTreeSet<String>) -> String {
    let base = id.name().to_ascii_lowercase();
    if !taken.contains(&base) {
        return base;
    }
    let ns = id.namespace().replace('.', "-").to_ascii_lowercase();
    format!("{ns}-{base}")
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Runs the task.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut dir = root.join("../shared/smithy/protocol-tests");
    let mut out = root.join("target/protocol-tests");
    let mut only: Vec<ShapeId> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--dir" => dir = PathBuf::from(value("--dir")?),
            "--out" => out = PathBuf::from(value("--out")?),
            "--service" => {
                let v = value("--service")?;
                only.push(ShapeId::parse(&v).map_err(|e| format!("--service {v}: {e}"))?);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }

    let t0 = std::time::Instant::now();
    let model = crate::model_files::load(std::slice::from_ref(&dir))?;
    let mut services: Vec<ShapeId> = model
        .services()
        .filter(|s| s.traits.has("aws.protocols#restJson1"))
        .map(|s| s.id.clone())
        .collect();
    services.sort_by_key(|s| s.to_string());
    for id in &only {
        if !services.contains(id) {
            return Err(format!(
                "{id} is not a restJson1 service of {}",
                dir.display()
            ));
        }
    }
    if !only.is_empty() {
        services.retain(|s| only.contains(s));
    }
    if services.is_empty() {
        return Err(format!("{}: no restJson1 service", dir.display()));
    }

    let mut crates: Vec<(ShapeId, String)> = Vec::new();
    let mut taken = BTreeSet::new();
    for id in &services {
        let name = crate_name(id, &taken);
        taken.insert(name.clone());
        let crate_dir = out.join(&name);
        let settings = smithy_codegen::Settings {
            crate_name: Some(name.clone()),
            runtime: crate::default_runtime(&crate_dir),
            service: Some(id.clone()),
            protocol_tests: true,
            ..smithy_codegen::Settings::default()
        };
        let files =
            smithy_codegen::generate(&model, &settings).map_err(|e| format!("{id}: {e}"))?;
        crate::write(&files, &crate_dir)
            .map_err(|e| format!("cannot write {}: {e}", crate_dir.display()))?;
        crates.push((id.clone(), name));
    }
    eprintln!(
        "generated {} crates from {} in {} ms",
        crates.len(),
        dir.display(),
        t0.elapsed().as_millis()
    );
    let mut manifest = String::from(
        "# generated by `cargo xtask protocol-tests`, do not edit\n[workspace]\nresolver = \"3\"\nmembers = [\n",
    );
    for (_, name) in &crates {
        let _ = writeln!(manifest, "    {name:?},");
    }
    manifest.push_str("]\n");
    write_if_changed(&out.join("Cargo.toml"), &manifest)?;
    // The workspace lock pins the dependency versions the project is tested with.
    fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;

    let listed_services: BTreeSet<&str> = EXPECTED_FAILURES.iter().map(|(s, _, _)| *s).collect();
    for s in &listed_services {
        if !services.iter().any(|id| id.to_string() == *s) && only.is_empty() {
            return Err(format!(
                "protocol_tests_expected.rs lists {s}, which is not a restJson1 service of the suite"
            ));
        }
    }

    let mut report = String::new();
    let _ = writeln!(
        report,
        "{:<58} {:<18} {:>6} {:>6} {:>16}",
        "service", "kind", "passed", "failed", "expected to fail"
    );
    let mut problems: Vec<String> = Vec::new();
    let mut totals: BTreeMap<&str, Tally> = BTreeMap::new();
    for (id, name) in &crates {
        let t = std::time::Instant::now();
        let output = Command::new(cargo())
            .current_dir(&out)
            .args([
                "test",
                "-p",
                name,
                "--all-features",
                "--tests",
                "--no-fail-fast",
            ])
            .env("CARGO_TARGET_DIR", out.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let results = parse_libtest(&stdout);
        if results.is_empty() && !output.status.success() {
            let lines: Vec<&str> = stderr
                .lines()
                .filter(|l| !l.trim_start().starts_with("Compiling"))
                .take(60)
                .collect();
            return Err(format!(
                "{id}: the generated crate's tests did not build:\n{}",
                lines.join("\n")
            ));
        }
        let expected: BTreeSet<&str> = EXPECTED_FAILURES
            .iter()
            .filter(|(s, _, _)| *s == id.to_string())
            .map(|(_, test, _)| *test)
            .collect();
        let verdict = judge(&results, &expected);
        eprintln!(
            "{id}: {} tests in {:.0} s",
            results.len(),
            t.elapsed().as_secs_f64()
        );
        for kind in KINDS {
            let Some(t) = verdict.tallies.get(kind) else {
                continue;
            };
            let _ = writeln!(
                report,
                "{:<58} {:<18} {:>6} {:>6} {:>16}",
                id.to_string(),
                kind,
                t.passed,
                t.failed,
                t.expected
            );
            let total = totals.entry(kind).or_default();
            total.passed += t.passed;
            total.failed += t.failed;
            total.expected += t.expected;
        }
        let messages = failure_messages(&stdout);
        for f in &verdict.unexpected_failures {
            let why = messages
                .get(f.as_str())
                .map(|m| format!("\n      {}", m.replace('\n', "\n      ")))
                .unwrap_or_default();
            problems.push(format!("{id} {f}: failed{why}"));
        }
        for p in &verdict.unexpected_passes {
            problems.push(format!(
                "{id} {p}: passes now; take it off protocol_tests_expected.rs"
            ));
        }
        for s in &verdict.stale {
            problems.push(format!(
                "{id} {s}: listed in protocol_tests_expected.rs but not generated"
            ));
        }
    }
    for kind in KINDS {
        if let Some(t) = totals.get(kind) {
            let _ = writeln!(
                report,
                "{:<58} {:<18} {:>6} {:>6} {:>16}",
                "all services", kind, t.passed, t.failed, t.expected
            );
        }
    }
    println!("{report}");
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{} protocol test(s) did not go as expected:\n  {}",
        problems.len(),
        problems.join("\n  ")
    ))
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), String> {
    if fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // libtest's own output format, as `cargo test` prints it.
    const RUN: &str = "
running 4 tests
test client_request_rest_json_http_prefix_headers_are_present ... ok
test server_request_rest_json_http_prefix_headers_are_present ... FAILED
test malformed_request_rest_json_body_boolean_bad_literal_0 ... ok
test helper_not_a_protocol_test ... ok

failures:

---- server_request_rest_json_http_prefix_headers_are_present stdout ----

thread 'server_request_rest_json_http_prefix_headers_are_present' panicked at tests/protocol_tests.rs:10:5:
assertion `left == right` failed: header x-foo
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    server_request_rest_json_http_prefix_headers_are_present

test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
";

    #[test]
    fn libtest_lines_and_failure_messages_are_read() {
        let r = parse_libtest(RUN);
        assert_eq!(r.len(), 4);
        assert_eq!(r[1].1, Outcome::Failed);
        let m = failure_messages(RUN);
        let msg = &m["server_request_rest_json_http_prefix_headers_are_present"];
        assert!(msg.contains("header x-foo"), "{msg}");
        assert!(!msg.contains("RUST_BACKTRACE"), "{msg}");
    }

    #[test]
    fn kinds_come_from_the_name_prefix() {
        assert_eq!(kind_of("client_request_x"), Some("client_request"));
        assert_eq!(kind_of("malformed_request_x_3"), Some("malformed_request"));
        assert_eq!(kind_of("client_requests"), None);
        assert_eq!(kind_of("helper"), None);
    }

    #[test]
    fn the_expected_failure_list_is_enforced_both_ways() {
        let results = parse_libtest(RUN);
        let listed: BTreeSet<&str> = [
            "server_request_rest_json_http_prefix_headers_are_present",
            "client_request_rest_json_http_prefix_headers_are_present",
            "client_response_gone",
        ]
        .into();
        let v = judge(&results, &listed);
        assert!(v.unexpected_failures.is_empty());
        assert_eq!(
            v.unexpected_passes,
            ["client_request_rest_json_http_prefix_headers_are_present"]
        );
        assert_eq!(v.stale, ["client_response_gone"]);
        assert_eq!(
            v.tallies["server_request"],
            Tally {
                passed: 0,
                failed: 0,
                expected: 1
            }
        );
        let unlisted = judge(&results, &BTreeSet::new());
        assert_eq!(
            unlisted.unexpected_failures,
            ["server_request_rest_json_http_prefix_headers_are_present"]
        );
        assert_eq!(unlisted.tallies["malformed_request"].passed, 1);
    }
}

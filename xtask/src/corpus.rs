//! `cargo xtask corpus`: generate (and with `--compile`, check) a standalone client + server
//! crate for every Smithy model in a directory, by default the 60 published AWS restJson1 models
//! in `../shared/models/aws`.
//!
//! Crates go to `target/corpus/<model>/`; `target/corpus/Cargo.toml` is a throwaway workspace
//! listing all of them, with its own `target/corpus/target`, so the runtime's dependencies are
//! checked once and the main workspace's build lock is never needed. Generated crates do not
//! deny warnings in their source, so every check runs with `RUSTFLAGS=-D warnings` (always the
//! same flags in that target directory, so the dependencies are built once).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use smithy_codegen::Files;

const USAGE: &str = "usage: cargo xtask corpus [--models DIR] [--out DIR] [--filter SUBSTR]... [--compile | --compile-only NAME,NAME...] [--features SETS] [--together] [--jobs N]
       cargo xtask corpus [--models DIR] [--filter SUBSTR]... --endpoint-tests [--verbose]

  --models DIR         directory of Smithy models, .json or .smithy (default ../shared/models/aws)
  --out DIR            where the crates and their workspace go (default target/corpus)
  --filter SUBSTR      only models whose file name contains SUBSTR (repeat to widen)
  --compile            `cargo check` every generated crate (warnings denied), one at a time
  --features SETS      the feature sets to check, comma-separated: default, server, all
                       (default: all)
  --compile-only LIST  generate every selected model, check only these (comma-separated names)
  --together           check the crates in one cargo run (faster on 2+ cores; no per-crate figures)
  --jobs N             passed to cargo check
  --endpoint-tests     instead: run every model's smithy.rules#endpointTests against the runtime's
                       rules engine (one line per failing model, `N/M endpoint test cases pass` last)
  --verbose            with --endpoint-tests: every failing case, not just the first per model";

/// What one model gave: counts from the generator's IR, timings and the generated size.
#[derive(Clone, Debug)]
pub struct ModelReport {
    /// The model's file name without `.json` (also the crate's directory name).
    pub name: String,
    /// The generated package name.
    pub crate_name: String,
    /// Shapes reachable from the service, prelude excluded.
    pub shapes: usize,
    /// Rust types generated in `types` (structures, errors, enums, unions).
    pub types: usize,
    /// Operations generated.
    pub operations: usize,
    /// Operations left out, with why (event streams).
    pub left_out: Vec<(String, String)>,
    /// Generated files.
    pub files: usize,
    /// Generated lines.
    pub lines: usize,
    /// Reading and validating the model.
    pub load: Duration,
    /// Running the generator.
    pub generate: Duration,
}

/// The outcome of checking one generated crate.
#[derive(Clone, Debug)]
pub struct CheckReport {
    /// The check passed.
    pub ok: bool,
    /// Wall time of `cargo check -p <crate>` (of all of them with `--together`).
    pub wall: Duration,
    /// CPU time (user + system) of that check, when measurable.
    pub cpu: Option<Duration>,
    /// Peak resident memory of cargo and the largest compiler it ran, in KiB (when measurable).
    pub max_rss_kib: Option<u64>,
    /// The first lines of the compiler's complaints (empty when it passed).
    pub failure: Vec<String>,
}

/// The model files in `dir` (sorted by name) whose name contains any of `filters` (all of them
/// when `filters` is empty), as (name without `.json`, path).
pub fn model_paths(dir: &Path, filters: &[String]) -> Result<Vec<(String, PathBuf)>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| {
            n.strip_suffix(".json")
                .or_else(|| n.strip_suffix(".smithy"))
        }) else {
            continue;
        };
        if filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())) {
            out.push((name.to_string(), path.clone()));
        }
    }
    out.sort();
    Ok(out)
}

/// Loads one model file: JSON AST directly, IDL (`.smithy`) through the IDL assembler.
pub fn load_model(path: &Path) -> Result<smithy_model::Model, String> {
    if path.extension().is_some_and(|e| e == "smithy") {
        return crate::model_files::load(&[path.to_path_buf()]).map_err(|e| format!("load: {e}"));
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    smithy_model::Model::load(&bytes).map_err(|e| format!("load: {e}"))
}

/// Loads the model at `path` and generates the crate that belongs in `out` (the relative
/// `smithy-runtime` path is computed from `out`; the crate name comes from the model).
pub fn generate_one(name: &str, path: &Path, out: &Path) -> Result<(ModelReport, Files), String> {
    let t0 = Instant::now();
    let model = load_model(path)?;
    let load = t0.elapsed();
    let settings = smithy_codegen::Settings {
        runtime: crate::default_runtime(out),
        ..smithy_codegen::Settings::default()
    };
    let t1 = Instant::now();
    let (ir, files) = smithy_codegen::generate_with_ir(&model, &settings)
        .map_err(|e| format!("generate: {e}"))?;
    let generate = t1.elapsed();
    let service = smithy_codegen::select_service(&model, None).map_err(|e| e.to_string())?;
    let shapes = model
        .closure_of(&service)
        .iter()
        .filter(|id| id.namespace() != "smithy.api")
        .count();
    let report = ModelReport {
        name: name.to_string(),
        crate_name: ir.crate_name.clone(),
        shapes,
        types: ir.structures.len() + ir.errors.len() + ir.enums.len() + ir.unions.len(),
        operations: ir.operations.len(),
        left_out: ir.skipped.clone(),
        files: files.0.len(),
        lines: files.line_count(),
        load,
        generate,
    };
    Ok((report, files))
}

/// The counts of every model as a table, without timings or sizes (those change with every
/// emitter tweak): what the corpus snapshot records. `failed` lists models that did not
/// generate, with the error.
pub fn counts_table(reports: &[ModelReport], failed: &[(String, String)]) -> String {
    let mut s = format!(
        "{:<36} {:<36} {:>6} {:>6} {:>4}  left out\n",
        "model", "crate", "shapes", "types", "ops"
    );
    for r in reports {
        let left: Vec<&str> = r.left_out.iter().map(|(op, _)| op.as_str()).collect();
        let line = format!(
            "{:<36} {:<36} {:>6} {:>6} {:>4}  {}",
            r.name,
            r.crate_name,
            r.shapes,
            r.types,
            r.operations,
            left.join(", ")
        );
        s.push_str(line.trim_end());
        s.push('\n');
    }
    for (name, why) in failed {
        let _ = writeln!(s, "{name:<36} FAILED: {why}");
    }
    let _ = writeln!(
        s,
        "total: {} models, {} shapes, {} types, {} operations, {} left out, {} failed",
        reports.len(),
        reports.iter().map(|r| r.shapes).sum::<usize>(),
        reports.iter().map(|r| r.types).sum::<usize>(),
        reports.iter().map(|r| r.operations).sum::<usize>(),
        reports.iter().map(|r| r.left_out.len()).sum::<usize>(),
        failed.len()
    );
    s
}

/// The lines "transcribe-streaming: left out StartStreamTranscription (event streams …)".
pub fn left_out_lines(reports: &[ModelReport]) -> Vec<String> {
    let mut out = Vec::new();
    for r in reports {
        // Group by reason so one line per model reads naturally.
        let mut by_reason: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (op, why) in &r.left_out {
            by_reason.entry(why.as_str()).or_default().push(op.as_str());
        }
        for (why, ops) in by_reason {
            out.push(format!("{}: left out {} ({why})", r.name, ops.join(", ")));
        }
    }
    out
}

/// The workspace manifest listing `members` (directory names).
fn workspace_manifest(members: &[&str]) -> String {
    let mut s = String::from(
        "# generated by `cargo xtask corpus`, do not edit\n[workspace]\nresolver = \"3\"\nmembers = [\n",
    );
    for m in members {
        let _ = writeln!(s, "    {m:?},");
    }
    s.push_str("]\n");
    s
}

/// The member of the corpus workspace that only depends on what every generated crate needs
/// with `--all-features`, so checking it builds the shared dependencies once, before any crate
/// is timed (cargo refuses `--features` for `-p smithy-runtime`, which is not a member).
const WARM_UP: &str = "corpus-warm-up";

fn write_warm_up_crate(root: &Path, dir: &Path) -> Result<(), String> {
    let runtime = crate::relative_path(dir, &root.join("runtime"));
    let manifest = format!(
        "# generated by `cargo xtask corpus`, do not edit
[package]
name = \"{WARM_UP}\"
version = \"0.0.0\"
edition = \"2024\"
publish = false

[dependencies]
smithy-runtime = {{ path = {runtime:?}, features = [\"serde\", \"server\"] }}
serde = {{ version = \"1\", features = [\"derive\"] }}
"
    );
    fs::create_dir_all(dir.join("src"))
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    write_if_changed(
        &dir.join("src/lib.rs"),
        "//! Dependencies of the generated crates, checked once before them.\n",
    )
}

/// Writes `contents` to `path` unless it already holds exactly that (so cargo sees no change).
fn write_if_changed(path: &Path, contents: &str) -> Result<(), String> {
    if fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// What a finished command did and cost.
struct Measured {
    ok: bool,
    stderr: String,
    wall: Duration,
    /// User + system CPU of the process tree (the fair figure on a shared machine).
    cpu: Option<Duration>,
    /// Peak RSS in KiB of the process tree's largest member.
    max_rss_kib: Option<u64>,
}

/// Runs `cmd` to completion with stderr captured, measuring it.
fn run_measured(mut cmd: Command) -> Result<Measured, String> {
    let started = Instant::now();
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut pipe = child.stderr.take().ok_or("no stderr pipe")?;
    // Drain stderr while the child runs, or a chatty failure would fill the pipe and hang it.
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    });
    let (ok, cpu, max_rss_kib) = wait_with_rusage(child)?;
    let stderr = reader.join().unwrap_or_default();
    Ok(Measured {
        ok,
        stderr,
        wall: started.elapsed(),
        cpu,
        max_rss_kib,
    })
}

/// Waits for `child` with `wait4`, whose resource usage covers the child and the descendants it
/// waited for (cargo waits for every rustc), as `/usr/bin/time` measures; std's `wait` does
/// not report memory or CPU.
#[cfg(unix)]
fn wait_with_rusage(
    child: std::process::Child,
) -> Result<(bool, Option<Duration>, Option<u64>), String> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: plain FFI call with pointers to live, writable locals; the pid is our child,
    // reaped here once (std's `Child` is dropped without waiting, which it allows).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    drop(child);
    if r < 0 {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    // Linux reports ru_maxrss in KiB.
    Ok((ok, Some(cpu), Some(usage.ru_maxrss as u64)))
}

#[cfg(not(unix))]
fn wait_with_rusage(
    mut child: std::process::Child,
) -> Result<(bool, Option<Duration>, Option<u64>), String> {
    let status = child.wait().map_err(|e| format!("wait: {e}"))?;
    Ok((status.success(), None, None))
}

/// Peak resident memory of this process so far, in KiB (the generation runs in-process).
#[cfg(unix)]
fn self_max_rss_kib() -> Option<u64> {
    // SAFETY: plain FFI call writing into a live local.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    (r == 0).then_some(usage.ru_maxrss as u64)
}

#[cfg(not(unix))]
fn self_max_rss_kib() -> Option<u64> {
    None
}

/// The first compiler complaints of a failed check (status lines like `Checking` dropped).
fn failure_lines(stderr: &str, limit: usize) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("Checking ")
                || t.starts_with("Compiling ")
                || t.starts_with("Blocking ")
                || t.starts_with("Locking ")
                || t.starts_with("Adding ")
                || t.starts_with("Finished "))
        })
        .take(limit)
        .map(str::to_string)
        .collect()
}

fn secs(d: Option<Duration>) -> String {
    d.map(|d| format!("{:.1}", d.as_secs_f64()))
        .unwrap_or_else(|| "?".into())
}

fn mib(kib: Option<u64>) -> String {
    kib.map(|k| format!("{:.0}", k as f64 / 1024.0))
        .unwrap_or_else(|| "?".into())
}

/// A feature set a generated crate is checked with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FeatureSet {
    /// No features.
    Default,
    /// `server`.
    Server,
    /// `--all-features`.
    All,
}

impl FeatureSet {
    fn parse_list(list: &str) -> Result<Vec<FeatureSet>, String> {
        let mut sets = Vec::new();
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let set = match name {
                "default" => FeatureSet::Default,
                "server" => FeatureSet::Server,
                "all" => FeatureSet::All,
                other => {
                    return Err(format!(
                        "--features: unknown set `{other}` (default, server, all)"
                    ));
                }
            };
            if !sets.contains(&set) {
                sets.push(set);
            }
        }
        if sets.is_empty() {
            return Err("--features needs at least one of default, server, all".into());
        }
        Ok(sets)
    }

    fn name(self) -> &'static str {
        match self {
            FeatureSet::Default => "default",
            FeatureSet::Server => "server",
            FeatureSet::All => "all",
        }
    }

    /// The cargo arguments selecting this set for `crates`.
    fn args(self, crates: &[&str]) -> Vec<String> {
        match self {
            FeatureSet::Default => Vec::new(),
            FeatureSet::Server => {
                let list: Vec<String> = crates.iter().map(|c| format!("{c}/server")).collect();
                vec!["--features".into(), list.join(",")]
            }
            FeatureSet::All => vec!["--all-features".into()],
        }
    }
}

/// `cargo check` arguments shared by the warm-up and every crate.
fn check_command(dir: &Path, jobs: Option<&str>) -> Command {
    let mut cmd = Command::new(cargo());
    // `--manifest-path`, not `current_dir`: without a directory change std can spawn with
    // posix_spawn instead of fork, so the measured peak RSS does not start from this process's.
    cmd.env("CARGO_TARGET_DIR", dir.join("target"))
        // Always exactly these flags: warnings are errors in the generated crates, and a
        // caller's other RUSTFLAGS would rebuild every dependency.
        .env("RUSTFLAGS", "-D warnings")
        .args(["check", "--message-format=short", "--manifest-path"])
        .arg(dir.join("Cargo.toml"));
    if let Some(j) = jobs {
        cmd.args(["--jobs", j]);
    }
    cmd
}

/// `cargo xtask corpus …`: generate, optionally check, print the table; `Err` when any model
/// fails (with the first lines of each failure).
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut models = root.join("../shared/models/aws");
    let mut out = root.join("target/corpus");
    let mut filters = Vec::new();
    let mut compile: Option<Option<BTreeSet<String>>> = None;
    let mut jobs = None;
    let mut together = false;
    let mut feature_sets = vec![FeatureSet::All];
    let mut endpoint_tests = false;
    let mut verbose = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--models" => models = PathBuf::from(value("--models")?),
            "--out" => out = PathBuf::from(value("--out")?),
            "--filter" => filters.push(value("--filter")?),
            "--compile" => compile = Some(None),
            "--compile-only" => {
                let list = value("--compile-only")?;
                compile = Some(Some(
                    list.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                ));
            }
            "--together" => together = true,
            "--features" => feature_sets = FeatureSet::parse_list(&value("--features")?)?,
            "--endpoint-tests" => endpoint_tests = true,
            "--verbose" => verbose = true,
            "--jobs" | "-j" => {
                let j = value("--jobs")?;
                if j.parse::<u32>().is_err() {
                    return Err(format!("--jobs wants a number, got `{j}`"));
                }
                jobs = Some(j);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let out = if out.is_absolute() {
        out
    } else {
        cwd.join(out)
    };
    let paths = model_paths(&models, &filters)?;
    if paths.is_empty() {
        return Err(format!(
            "no model in {} matches {filters:?}",
            models.display()
        ));
    }
    if endpoint_tests {
        return crate::endpoint_tests::run_all(&paths, verbose);
    }
    if let Some(Some(only)) = &compile {
        let known: BTreeSet<&str> = paths.iter().map(|(n, _)| n.as_str()).collect();
        let unknown: Vec<&str> = only
            .iter()
            .map(String::as_str)
            .filter(|n| !known.contains(n))
            .collect();
        if !unknown.is_empty() {
            return Err(format!(
                "--compile-only names models that are not selected: {}",
                unknown.join(", ")
            ));
        }
    }
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    // Generation: the generator is single-threaded, so one worker per core, each holding one
    // model's files at a time; results keep the models' order.
    let gen_started = Instant::now();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<ModelReport, String>>>> =
        paths.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.min(paths.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((name, path)) = paths.get(i) else {
                        break;
                    };
                    let dir = out.join(name);
                    // A generator panic is a bug in one model's path: report it with the
                    // model's name instead of losing the whole run.
                    let generated = std::panic::catch_unwind(|| generate_one(name, path, &dir))
                        .unwrap_or_else(|_| Err("the generator panicked".into()));
                    let result = generated.and_then(|(report, files)| {
                        crate::write(&files, &dir)
                            .map(|_| report)
                            .map_err(|e| format!("writing {}: {e}", dir.display()))
                    });
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    let mut reports = Vec::new();
    let mut failed: Vec<(String, String)> = Vec::new();
    for ((name, _), slot) in paths.iter().zip(slots) {
        match slot.into_inner().ok().flatten() {
            Some(Ok(report)) => reports.push(report),
            Some(Err(e)) => failed.push((name.clone(), e)),
            None => failed.push((name.clone(), "not generated (a worker stopped)".into())),
        }
    }
    let gen_wall = gen_started.elapsed();
    let gen_rss = self_max_rss_kib();

    // Two models naming the same crate would make the workspace unusable; say which.
    let mut by_crate: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &reports {
        by_crate.entry(&r.crate_name).or_default().push(&r.name);
    }
    let clashes: Vec<String> = by_crate
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(c, v)| format!("{c} ({})", v.join(", ")))
        .collect();
    if !clashes.is_empty() {
        return Err(format!(
            "several models generate the same crate: {}",
            clashes.join("; ")
        ));
    }
    if by_crate.contains_key(WARM_UP) {
        return Err(format!(
            "a model generates crate `{WARM_UP}`, the corpus's own"
        ));
    }
    let mut members: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
    members.push(WARM_UP);
    write_warm_up_crate(root, &out.join(WARM_UP))?;
    write_if_changed(&out.join("Cargo.toml"), &workspace_manifest(&members))?;

    // Checking: warm the dependencies once, then each crate alone for its own time and memory
    // (or, with --together, all in one cargo run: two crates at once on two cores).
    let mut checks: BTreeMap<String, CheckReport> = BTreeMap::new();
    let mut warmup = None;
    let mut together_runs: Vec<(FeatureSet, Measured)> = Vec::new();
    if let Some(only) = &compile {
        // The workspace lock pins the same dependency versions the project is tested with.
        fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
        let mut cmd = check_command(&out, jobs.as_deref());
        cmd.args(["-p", WARM_UP]);
        eprintln!("checking smithy-runtime and its dependencies (warm-up)…");
        let m = run_measured(cmd)?;
        if !m.ok {
            return Err(format!(
                "warm-up check of smithy-runtime failed:\n{}",
                failure_lines(&m.stderr, 40).join("\n")
            ));
        }
        warmup = Some(m);
        let selected: Vec<&ModelReport> = reports
            .iter()
            .filter(|r| only.as_ref().is_none_or(|o| o.contains(&r.name)))
            .collect();
        if together {
            let crates: Vec<&str> = selected.iter().map(|r| r.crate_name.as_str()).collect();
            for set in &feature_sets {
                let mut cmd = check_command(&out, jobs.as_deref());
                // Keep going so every failing crate is reported, not just the first.
                cmd.args(set.args(&crates)).arg("--keep-going");
                for r in &selected {
                    cmd.args(["-p", &r.crate_name]);
                }
                let lines: usize = selected.iter().map(|r| r.lines).sum();
                let names: Vec<&str> = selected.iter().map(|r| r.name.as_str()).collect();
                eprintln!(
                    "checking {} crates together, {} features ({lines} lines): {}…",
                    selected.len(),
                    set.name(),
                    names.join(", ")
                );
                let m = run_measured(cmd)?;
                let mut any_crate_failed = false;
                for r in &selected {
                    // Short messages start with the file path, relative to the corpus workspace.
                    let prefix = format!("{}/", r.name);
                    let failed = m
                        .stderr
                        .contains(&format!("could not compile `{}`", r.crate_name));
                    any_crate_failed |= failed;
                    let failure = m
                        .stderr
                        .lines()
                        .filter(|l| l.starts_with(&prefix))
                        .take(20)
                        .map(|l| format!("[{} features] {l}", set.name()));
                    let c = checks.entry(r.name.clone()).or_insert(CheckReport {
                        ok: true,
                        wall: Duration::ZERO,
                        cpu: None,
                        max_rss_kib: None,
                        failure: Vec::new(),
                    });
                    c.ok &= !failed;
                    c.wall += m.wall;
                    c.failure.extend(failure);
                }
                if !m.ok && !any_crate_failed {
                    return Err(format!(
                        "cargo check ({} features) failed outside the generated crates:\n{}",
                        set.name(),
                        failure_lines(&m.stderr, 40).join("\n")
                    ));
                }
                together_runs.push((*set, m));
            }
        } else {
            for r in &selected {
                for set in &feature_sets {
                    eprint!(
                        "checking {} ({} lines, {} features)… ",
                        r.name,
                        r.lines,
                        set.name()
                    );
                    let mut cmd = check_command(&out, jobs.as_deref());
                    cmd.args(set.args(&[r.crate_name.as_str()]))
                        .args(["-p", &r.crate_name]);
                    let m = run_measured(cmd)?;
                    eprintln!(
                        "{} in {:.1} s ({} s CPU, {} MiB)",
                        if m.ok { "ok" } else { "FAILED" },
                        m.wall.as_secs_f64(),
                        secs(m.cpu),
                        mib(m.max_rss_kib)
                    );
                    let c = checks.entry(r.name.clone()).or_insert(CheckReport {
                        ok: true,
                        wall: Duration::ZERO,
                        cpu: Some(Duration::ZERO),
                        max_rss_kib: None,
                        failure: Vec::new(),
                    });
                    c.ok &= m.ok;
                    c.wall += m.wall;
                    c.cpu = c.cpu.zip(m.cpu).map(|(a, b)| a + b);
                    c.max_rss_kib = c.max_rss_kib.max(m.max_rss_kib);
                    if !m.ok {
                        c.failure.extend(
                            failure_lines(&m.stderr, 20)
                                .into_iter()
                                .map(|l| format!("[{} features] {l}", set.name())),
                        );
                    }
                }
            }
        }
    }

    // The table.
    println!(
        "{:<26} {:<26} {:>6} {:>5} {:>4} {:>4} {:>6} {:>6} {:>7} {:>5}  {:<6} {:>11} {:>6}",
        "model",
        "crate",
        "shapes",
        "types",
        "ops",
        "left",
        "load",
        "gen",
        "lines",
        "files",
        "check",
        "wall/CPU s",
        "MiB"
    );
    for r in &reports {
        let (result, cpu, rss) = match checks.get(&r.name) {
            Some(c) if together => (if c.ok { "ok" } else { "FAILED" }, "-".into(), "-".into()),
            Some(c) => (
                if c.ok { "ok" } else { "FAILED" },
                format!("{:.1}/{}", c.wall.as_secs_f64(), secs(c.cpu)),
                mib(c.max_rss_kib),
            ),
            None => ("-", "-".into(), "-".into()),
        };
        println!(
            "{:<26} {:<26} {:>6} {:>5} {:>4} {:>4} {:>4}ms {:>4}ms {:>7} {:>5}  {:<6} {:>11} {:>6}",
            r.name,
            r.crate_name,
            r.shapes,
            r.types,
            r.operations,
            r.left_out.len(),
            r.load.as_millis(),
            r.generate.as_millis(),
            r.lines,
            r.files,
            result,
            cpu,
            rss
        );
    }
    for (name, why) in &failed {
        println!("{name:<26} generation FAILED: {why}");
    }
    for line in left_out_lines(&reports) {
        println!("{line}");
    }
    let load: Duration = reports.iter().map(|r| r.load).sum();
    let generate: Duration = reports.iter().map(|r| r.generate).sum();
    println!(
        "generated {} of {} models: {} operations ({} left out), {} lines in {} files; load {} ms + generate {} ms summed over {workers} threads, {:.1} s wall with writing; peak memory {} MiB",
        reports.len(),
        paths.len(),
        reports.iter().map(|r| r.operations).sum::<usize>(),
        reports.iter().map(|r| r.left_out.len()).sum::<usize>(),
        reports.iter().map(|r| r.lines).sum::<usize>(),
        reports.iter().map(|r| r.files).sum::<usize>(),
        load.as_millis(),
        generate.as_millis(),
        gen_wall.as_secs_f64(),
        mib(gen_rss)
    );
    if let Some(w) = &warmup {
        let passed = checks.values().filter(|c| c.ok).count();
        println!(
            "warm-up (smithy-runtime + dependencies): {:.1} s wall, {} s CPU, {} MiB",
            w.wall.as_secs_f64(),
            secs(w.cpu),
            mib(w.max_rss_kib)
        );
        if !together_runs.is_empty() {
            let sets: Vec<String> = together_runs
                .iter()
                .map(|(set, t)| {
                    format!(
                        "{}: {:.1} s wall, {} s CPU, peak memory {} MiB",
                        set.name(),
                        t.wall.as_secs_f64(),
                        secs(t.cpu),
                        mib(t.max_rss_kib)
                    )
                })
                .collect();
            println!(
                "checked {passed} of {} crates together, warnings denied; {}",
                checks.len(),
                sets.join("; ")
            );
        } else {
            let wall: Duration = checks.values().map(|c| c.wall).sum();
            let cpu: Option<Duration> = checks.values().map(|c| c.cpu).sum();
            let peak = checks.values().filter_map(|c| c.max_rss_kib).max();
            let slowest = checks
                .iter()
                .max_by_key(|(_, c)| c.cpu.unwrap_or(c.wall))
                .map(|(n, c)| {
                    format!(
                        "{n} {:.1} s wall, {} s CPU, {} MiB",
                        c.wall.as_secs_f64(),
                        secs(c.cpu),
                        mib(c.max_rss_kib)
                    )
                })
                .unwrap_or_else(|| "-".into());
            println!(
                "checked {passed} of {} crates one at a time: {:.1} s wall, {} s CPU; slowest {slowest}; peak memory {} MiB",
                checks.len(),
                wall.as_secs_f64(),
                secs(cpu),
                mib(peak)
            );
        }
    }

    let mut problems = Vec::new();
    for (name, why) in &failed {
        problems.push(format!("{name}: generation failed: {why}"));
    }
    for (name, c) in &checks {
        if !c.ok {
            problems.push(format!(
                "{name}: cargo check failed:\n    {}",
                c.failure.join("\n    ")
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} model(s) failed:\n{}",
            problems.len(),
            problems.join("\n")
        ))
    }
}

//! `cargo xtask bench [--only SECTIONS] [--quick]`: our generated ivschat client against
//! aws-sdk-ivschat, both measured in one run on this machine, written to `bench/RESULTS.md`.
//!
//! Sections (all by default, `--only build,runtime,codegen,server,micro` picks some):
//! - `build`: clean `cargo build --release` of `bench/ours-min` and `bench/aws-min`, each in a fresh
//!   target dir (wall and CPU time), dependency counts, lines of Rust, binary size.
//! - `runtime`: `bench/ours-rt` and `bench/aws-rt` against a fresh release emulator each.
//! - `codegen`: in-process generation of ivschat and of every model in `../shared/models/aws`,
//!   timed inside a release build of this xtask (`xtask bench --codegen-inprocess`).
//! - `server`: `bench/loadgen` against the emulator and against `bench/bare-axum`.
//! - `micro`: the divan benchmarks of `bench/micro`.
//! - `messaging`: the emulator's loopback chat load run (`emulator/examples/chat_load.rs`):
//!   1,000 connections in one room, fan-out latency, control-plane requests/s with and without
//!   the connections open.
//!
//! Each section's table is kept in `target/bench-results/SECTION.md`, so `--only` re-runs one
//! section and `bench/RESULTS.md` still shows the last result of every other one (each with the
//! time and load of its own run).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECTIONS: &[&str] = &[
    "build",
    "runtime",
    "codegen",
    "server",
    "micro",
    "messaging",
];

/// The heading each section's block starts with (how a block is found in `bench/RESULTS.md`).
const HEADINGS: &[(&str, &str)] = &[
    ("build", "## Build cost"),
    ("runtime", "## Client runtime"),
    ("codegen", "## Code generation"),
    ("server", "## Server"),
    ("micro", "## Micro-benchmarks"),
    ("messaging", "## Messaging"),
];

/// The blocks of a `RESULTS.md` by section: each runs from its heading to the next `## `.
fn blocks_of(results: &str) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut current: Option<(&'static str, String)> = None;
    for line in results.lines() {
        if line.starts_with("## ") {
            out.extend(current.take());
            current = HEADINGS
                .iter()
                .find(|(_, h)| line.trim_end() == *h)
                .map(|(s, _)| (*s, String::new()));
        }
        if let Some((_, block)) = &mut current {
            block.push_str(line);
            block.push('\n');
        }
    }
    out.extend(current);
    out
}

/// Sections not measured on this machine yet keep the block the committed `RESULTS.md` has, so
/// `--only` on a fresh checkout replaces only what it measures.
fn seed_missing(results_dir: &Path, results_md: &Path) -> Result<(), String> {
    let Ok(text) = fs::read_to_string(results_md) else {
        return Ok(());
    };
    for (section, block) in blocks_of(&text) {
        let path = results_dir.join(format!("{section}.md"));
        if !path.exists() {
            fs::write(&path, block.trim_end().to_string() + "\n")
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

const USAGE: &str =
    "usage: cargo xtask bench [--only build,runtime,codegen,server,micro,messaging] [--quick]";

/// Entry point of `cargo xtask bench`.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut only: Vec<String> = SECTIONS.iter().map(|s| s.to_string()).collect();
    let mut quick = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--only" => {
                let v = it
                    .next()
                    .ok_or_else(|| format!("--only needs a value\n{USAGE}"))?;
                only = v.split(',').map(|s| s.trim().to_string()).collect();
                if let Some(bad) = only.iter().find(|s| !SECTIONS.contains(&s.as_str())) {
                    return Err(format!("unknown section `{bad}`\n{USAGE}"));
                }
            }
            "--quick" => quick = true,
            // Internal: run by the release build of this xtask that the `codegen` section makes.
            "--codegen-inprocess" => {
                println!("{}", codegen_inprocess(root)?);
                return Ok(());
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let results_dir = root.join("target/bench-results");
    fs::create_dir_all(&results_dir).map_err(|e| format!("{}: {e}", results_dir.display()))?;
    let bench_dir = root.join("bench");
    seed_missing(&results_dir, &bench_dir.join("RESULTS.md"))?;
    // Downloads are not build cost: fetch everything first.
    cmd_ok(
        Command::new("cargo")
            .args(["fetch", "--locked"])
            .current_dir(&bench_dir),
        "cargo fetch (bench)",
    )?;
    for section in &only {
        let started = Instant::now();
        let load_before = loadavg();
        eprintln!("==> bench {section}");
        let body = match section.as_str() {
            "build" => build_section(root)?,
            "runtime" => runtime_section(root, quick)?,
            "codegen" => codegen_section(root)?,
            "server" => server_section(root, quick)?,
            "micro" => micro_section(root, quick)?,
            "messaging" => messaging_section(root, quick)?,
            _ => unreachable!("checked above"),
        };
        let block = format!(
            "{body}\n_Measured {} ({:.0} s), load average before/after: {} / {}._\n",
            now_utc(),
            started.elapsed().as_secs_f64(),
            load_before,
            loadavg(),
        );
        fs::write(results_dir.join(format!("{section}.md")), &block)
            .map_err(|e| format!("writing results: {e}"))?;
        println!("{block}");
    }
    let results = assemble(&results_dir)?;
    fs::write(bench_dir.join("RESULTS.md"), &results)
        .map_err(|e| format!("writing bench/RESULTS.md: {e}"))?;
    eprintln!("wrote bench/RESULTS.md");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// build

struct BuildCost {
    wall: Duration,
    cpu: Duration,
    deps: usize,
    size: u64,
}

fn build_section(root: &Path) -> Result<String, String> {
    let bench = root.join("bench");
    let ours = build_one(root, "ours-min")?;
    let aws = build_one(root, "aws-min")?;
    let ours_lines = rust_lines(&root.join("generated-client/src"))?;
    // The generated crate also holds the server stubs (`server.rs`, feature `server`), which
    // aws-sdk-ivschat has no counterpart of: the client-only figure leaves them out.
    let server_rs = root.join("generated-client/src/server.rs");
    let server_lines = fs::read_to_string(&server_rs)
        .map(|t| t.lines().count())
        .unwrap_or(0);
    let client_lines = ours_lines - server_lines;
    let runtime_lines = rust_lines(&root.join("runtime/src"))?;
    let aws_version = locked_version(&bench.join("Cargo.lock"), "aws-sdk-ivschat")?;
    let aws_src = registry_src(&format!("aws-sdk-ivschat-{aws_version}"))?;
    let aws_lines = rust_lines(&aws_src.join("src"))?;

    let mut s = String::new();
    let _ = writeln!(s, "## Build cost\n");
    let _ = writeln!(
        s,
        "Clean `cargo build --release` (fresh target dir, sources already downloaded, `nice -n 19`) of \
         a program that builds a client from the environment and calls ListRooms once: \
         `bench/ours-min` (generated `ivschat`) vs `bench/aws-min` (`aws-sdk-ivschat` {aws_version} + \
         `aws-config` + `tokio`). Ratio = ours / AWS; lower is better.\n"
    );
    let _ = writeln!(s, "| measure | ours | aws-sdk-ivschat | ratio | target |");
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | --- |");
    row(
        &mut s,
        "build wall time",
        secs(ours.wall),
        secs(aws.wall),
        ratio(ours.wall.as_secs_f64(), aws.wall.as_secs_f64()),
        "",
    );
    row(
        &mut s,
        "build CPU time (user+sys)",
        secs(ours.cpu),
        secs(aws.cpu),
        ratio(ours.cpu.as_secs_f64(), aws.cpu.as_secs_f64()),
        "≤ 0.33",
    );
    row(
        &mut s,
        "dependency crates (`cargo tree -e normal`)",
        ours.deps.to_string(),
        aws.deps.to_string(),
        ratio(ours.deps as f64, aws.deps as f64),
        "≤ 0.5",
    );
    row(
        &mut s,
        "lines of Rust, service crate `src/` (ours: client + server stubs)",
        ours_lines.to_string(),
        aws_lines.to_string(),
        ratio(ours_lines as f64, aws_lines as f64),
        "",
    );
    row(
        &mut s,
        "lines of Rust, client only (ours without `server.rs`)",
        client_lines.to_string(),
        aws_lines.to_string(),
        ratio(client_lines as f64, aws_lines as f64),
        "≤ 0.33",
    );
    row(
        &mut s,
        "release binary size (stripped)",
        kib(ours.size),
        kib(aws.size),
        ratio(ours.size as f64, aws.size as f64),
        "",
    );
    let _ = writeln!(
        s,
        "\nLines count every line of the `.rs` files under `src/` (generated `ivschat`: \
         `generated-client/src`; AWS: the crate's source in the cargo registry). Our shared runtime \
         (`runtime/src`, {runtime_lines} lines, client and server support) is a separate crate, as \
         the AWS SDK's `aws-smithy-*` crates are. Dependency crates exclude the probe itself."
    );
    Ok(s)
}

fn build_one(root: &Path, package: &str) -> Result<BuildCost, String> {
    let bench = root.join("bench");
    let target = root.join(format!("target/bench-build-{package}"));
    if target.exists() {
        fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let cpu0 = children_cpu()?;
    let t0 = Instant::now();
    cmd_ok(
        Command::new("nice")
            .args([
                "-n",
                "19",
                "cargo",
                "build",
                "--release",
                "--locked",
                "--quiet",
                "-p",
                package,
            ])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(&bench),
        &format!("cargo build --release -p {package}"),
    )?;
    let wall = t0.elapsed();
    let cpu = children_cpu()?.saturating_sub(cpu0);
    let tree = cmd_output(
        Command::new("cargo")
            .args([
                "tree", "--locked", "-e", "normal", "--prefix", "none", "-p", package,
            ])
            .current_dir(&bench),
        "cargo tree",
    )?;
    let deps = count_crates(&tree, package);
    let bin = target.join("release").join(package);
    let size = fs::metadata(&bin)
        .map_err(|e| format!("{}: {e}", bin.display()))?
        .len();
    eprintln!(
        "    {package}: {:.1} s wall, {:.1} s CPU, {deps} crates, {size} bytes",
        wall.as_secs_f64(),
        cpu.as_secs_f64()
    );
    Ok(BuildCost {
        wall,
        cpu,
        deps,
        size,
    })
}

/// Distinct `name version` pairs in `cargo tree --prefix none` output, without the root package.
fn count_crates(tree: &str, root_package: &str) -> usize {
    let mut seen = std::collections::BTreeSet::new();
    for line in tree.lines() {
        let mut words = line.split_whitespace();
        if let (Some(name), Some(version)) = (words.next(), words.next())
            && name != root_package
        {
            seen.insert((name.to_string(), version.to_string()));
        }
    }
    seen.len()
}

/// User + system CPU time of all waited-for children of this process so far (Linux
/// `/proc/self/stat` fields `cutime` and `cstime`; std has no `getrusage`, and xtask takes no
/// `libc` dependency for one call).
fn children_cpu() -> Result<Duration, String> {
    let stat =
        fs::read_to_string("/proc/self/stat").map_err(|e| format!("/proc/self/stat: {e}"))?;
    // The command name (field 2) may hold spaces; fields after it are split after the last ')'.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, r)| r)
        .ok_or("malformed /proc/self/stat")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state); cutime and cstime are fields 16 and 17.
    let tick = |i: usize| -> Result<u64, String> {
        fields
            .get(i - 3)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("malformed /proc/self/stat field {i}"))
    };
    let ticks = tick(16)? + tick(17)?;
    // CLK_TCK is 100 on every Linux target Rust supports for this use.
    Ok(Duration::from_millis(ticks * 10))
}

fn rust_lines(dir: &Path) -> Result<usize, String> {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text =
                    fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                total += text.lines().count();
            }
        }
    }
    Ok(total)
}

fn locked_version(lock: &Path, name: &str) -> Result<String, String> {
    let text = fs::read_to_string(lock).map_err(|e| format!("{}: {e}", lock.display()))?;
    let needle = format!("name = \"{name}\"\nversion = \"");
    let start = text
        .find(&needle)
        .ok_or_else(|| format!("{name} is not in {}", lock.display()))?
        + needle.len();
    let end = text[start..].find('"').ok_or("malformed Cargo.lock")?;
    Ok(text[start..start + end].to_string())
}

fn registry_src(dir_name: &str) -> Result<PathBuf, String> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let src = cargo_home.join("registry/src");
    for index in fs::read_dir(&src).map_err(|e| format!("{}: {e}", src.display()))? {
        let candidate = index.map_err(|e| e.to_string())?.path().join(dir_name);
        if candidate.is_dir() {
            return Ok(candidate);
        }
    }
    Err(format!("{dir_name} not found under {}", src.display()))
}

// ---------------------------------------------------------------------------------------------
// shared helpers

fn cmd_ok(cmd: &mut Command, what: &str) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("{what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed: {status}"))
    }
}

fn cmd_output(cmd: &mut Command, what: &str) -> Result<String, String> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{what} failed: {}", out.status));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{what}: {e}"))
}

fn row(s: &mut String, name: &str, ours: String, aws: String, ratio: String, target: &str) {
    let _ = writeln!(s, "| {name} | {ours} | {aws} | {ratio} | {target} |");
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn kib(bytes: u64) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

fn ratio(ours: f64, theirs: f64) -> String {
    if theirs == 0.0 {
        "n/a".into()
    } else {
        format!("{:.2}", ours / theirs)
    }
}

fn now_utc() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "unknown date".into())
}

fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

fn assemble(results_dir: &Path) -> Result<String, String> {
    let nproc = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| format!("{:.0} GiB", kb as f64 / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown memory".into());
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Benchmarks: generated `ivschat` vs `aws-sdk-ivschat`\n"
    );
    let _ = writeln!(
        s,
        "Written by `cargo xtask bench` ({}). Machine: {nproc} CPUs ({cpu}), {mem}, {rustc}; the \
         machine is shared with other builds, so each section states its own load average.\n",
        now_utc()
    );
    for section in SECTIONS {
        let path = results_dir.join(format!("{section}.md"));
        match fs::read_to_string(&path) {
            Ok(block) => {
                s.push_str(&block);
                s.push('\n');
            }
            Err(_) => {
                let _ = writeln!(
                    s,
                    "## {section}\n\nNot measured yet (`cargo xtask bench --only {section}`).\n"
                );
            }
        }
    }
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// runtime and server

/// Release binaries the runtime and server sections run.
struct Binaries {
    emulator: PathBuf,
    bench: PathBuf,
}

fn build_binaries(root: &Path) -> Result<Binaries, String> {
    let emulator_target = root.join("target/bench-emulator");
    cmd_ok(
        Command::new("nice")
            .args([
                "-n",
                "19",
                "cargo",
                "build",
                "--release",
                "--quiet",
                "-p",
                "ivschat-emulator",
            ])
            .args(["--features", "ivschat/server"])
            .env("CARGO_TARGET_DIR", &emulator_target)
            .current_dir(root),
        "cargo build --release -p ivschat-emulator (needs the generated server router)",
    )?;
    let bench_target = root.join("target/bench-rt");
    cmd_ok(
        Command::new("nice")
            .args([
                "-n",
                "19",
                "cargo",
                "build",
                "--release",
                "--locked",
                "--quiet",
            ])
            .args([
                "-p",
                "ours-rt",
                "-p",
                "aws-rt",
                "-p",
                "loadgen",
                "-p",
                "bare-axum",
            ])
            .env("CARGO_TARGET_DIR", &bench_target)
            .current_dir(root.join("bench")),
        "cargo build --release (bench binaries)",
    )?;
    Ok(Binaries {
        emulator: emulator_target.join("release/ivschat-emulator"),
        bench: bench_target.join("release"),
    })
}

/// A server started for one measurement; killed (by its own pid) when dropped.
struct Server {
    child: std::process::Child,
    addr: String,
}

impl Server {
    fn start(program: &Path, args: &[&str]) -> Result<Server, String> {
        let mut child = Command::new(program)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("{}: {e}", program.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)
            .map_err(|e| format!("{}: {e}", program.display()))?;
        let server = |addr: &str| Server {
            child,
            addr: addr.to_string(),
        };
        match line.trim().strip_prefix("listening on ") {
            Some(addr) => Ok(server(addr)),
            None => {
                drop(server(""));
                Err(format!(
                    "{} printed {line:?}, not `listening on ADDR`",
                    program.display()
                ))
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One flat JSON object per line, as the bench binaries print them (strings and numbers only).
type Record = BTreeMap<String, String>;

/// Reads the flat JSON lines of `harness::Summary::json`. Hand-written: xtask takes no JSON
/// dependency for objects of plain identifiers and numbers.
fn parse_records(out: &str) -> Vec<Record> {
    out.lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix('{')?
                .strip_suffix('}')
                .map(str::to_string)
        })
        .map(|body| {
            body.split(',')
                .filter_map(|kv| kv.split_once(':'))
                .map(|(k, v)| {
                    (
                        k.trim().trim_matches('"').to_string(),
                        v.trim().trim_matches('"').to_string(),
                    )
                })
                .collect()
        })
        .collect()
}

fn num(r: &Record, key: &str) -> f64 {
    r.get(key).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
}

fn run_records(cmd: &mut Command, what: &str) -> Result<Vec<Record>, String> {
    let out = cmd_output(cmd, what)?;
    let records = parse_records(&out);
    if records.is_empty() {
        return Err(format!("{what} printed no results:\n{out}"));
    }
    Ok(records)
}

fn load_args(quick: bool) -> Vec<String> {
    let (seq, ms) = if quick { (500, 1000) } else { (2000, 3000) };
    [
        "--seq",
        &seq.to_string(),
        "--concurrency",
        "64",
        "--duration-ms",
        &ms.to_string(),
        "--max-calls",
        "300000",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn runtime_section(root: &Path, quick: bool) -> Result<String, String> {
    let bins = build_binaries(root)?;
    let mut results: BTreeMap<(String, String, String), Record> = BTreeMap::new();
    for side in ["ours", "aws"] {
        // A fresh emulator per side: both see the same state (50 seeded rooms, then creates).
        let server = Server::start(
            &bins.emulator,
            &["--listen", "127.0.0.1:0", "--max-rooms", "1000000"],
        )?;
        let records = run_records(
            Command::new(bins.bench.join(format!("{side}-rt")))
                .arg("--endpoint")
                .arg(format!("http://{}", server.addr))
                .args(load_args(quick)),
            &format!("{side}-rt"),
        )?;
        drop(server);
        for r in records {
            let key = |k: &str| r.get(k).cloned().unwrap_or_default();
            results.insert((key("op"), key("mode"), key("side")), r);
        }
    }
    let get = |op: &str, mode: &str, side: &str| -> Result<&Record, String> {
        results
            .get(&(op.to_string(), mode.to_string(), side.to_string()))
            .ok_or_else(|| format!("no {side} result for {op} {mode}"))
    };
    let (seq, secs_each) = if quick { (500, 1) } else { (2000, 3) };
    let mut s = String::new();
    let _ = writeln!(s, "## Client runtime\n");
    let _ = writeln!(
        s,
        "Both clients against the same release emulator over loopback (a fresh emulator per client, \
         50 rooms seeded), SigV4 signing on, static credentials, default retry settings. Sequential: \
         {seq} calls one after another after 200 warm-up calls. Concurrent: 64 calls in flight for \
         {secs_each} s. ListRooms returns the 50 seeded rooms. Client, emulator and load share the \
         machine's cores. Ratio = ours / AWS (throughput: higher is better; latency: lower is better).\n"
    );
    let _ = writeln!(
        s,
        "| operation | measure | ours | aws-sdk-ivschat | ratio | target |"
    );
    let _ = writeln!(s, "| --- | --- | ---: | ---: | ---: | --- |");
    let mut errors = 0.0;
    for op in ["GetRoom", "ListRooms", "CreateRoom"] {
        let (os, as_) = (get(op, "seq", "ours")?, get(op, "seq", "aws")?);
        let (oc, ac) = (
            get(op, "concurrent", "ours")?,
            get(op, "concurrent", "aws")?,
        );
        errors += num(os, "errors") + num(as_, "errors") + num(oc, "errors") + num(ac, "errors");
        let us = |r: &Record, k: &str| format!("{:.0} µs", num(r, k));
        row(
            &mut s,
            &format!("{op} | sequential p50"),
            us(os, "p50_us"),
            us(as_, "p50_us"),
            ratio(num(os, "p50_us"), num(as_, "p50_us")),
            "",
        );
        row(
            &mut s,
            &format!("{op} | sequential p99"),
            us(os, "p99_us"),
            us(as_, "p99_us"),
            ratio(num(os, "p99_us"), num(as_, "p99_us")),
            "≤ 1.0",
        );
        row(
            &mut s,
            &format!("{op} | 64 in flight: calls/s"),
            format!("{:.0}", num(oc, "rps")),
            format!("{:.0}", num(ac, "rps")),
            ratio(num(oc, "rps"), num(ac, "rps")),
            "≥ 1.5",
        );
        row(
            &mut s,
            &format!("{op} | 64 in flight: p99"),
            us(oc, "p99_us"),
            us(ac, "p99_us"),
            ratio(num(oc, "p99_us"), num(ac, "p99_us")),
            "≤ 1.0",
        );
    }
    let _ = writeln!(
        s,
        "\nFailed calls across all runs: {errors:.0} (failed calls are left out of the figures)."
    );
    Ok(s)
}

fn server_section(root: &Path, quick: bool) -> Result<String, String> {
    let bins = build_binaries(root)?;
    let measure = |program: &Path, args: &[&str]| -> Result<Record, String> {
        let server = Server::start(program, args)?;
        let records = run_records(
            Command::new(bins.bench.join("loadgen"))
                .arg("--endpoint")
                .arg(format!("http://{}", server.addr))
                .args(load_args(quick)),
            "loadgen",
        )?;
        drop(server);
        records
            .into_iter()
            .next()
            .ok_or_else(|| "loadgen printed nothing".to_string())
    };
    let emulator = measure(&bins.emulator, &["--listen", "127.0.0.1:0"])?;
    let bare = measure(&bins.bench.join("bare-axum"), &["--listen", "127.0.0.1:0"])?;
    let secs_each = if quick { 1 } else { 3 };
    let mut s = String::new();
    let _ = writeln!(s, "## Server\n");
    let _ = writeln!(
        s,
        "`bench/loadgen` (one tokio thread, 64 keep-alive HTTP/1.1 connections, {secs_each} s, unsigned \
         `POST /GetRoom` for one existing room) against the release emulator (routing, JSON parsing, \
         validation, state lookup, serialization, request ids) and against `bench/bare-axum` (axum \
         returning a fixed body of the same shape, no routing or parsing). Ratio = emulator / bare.\n"
    );
    let _ = writeln!(s, "| measure | emulator | bare axum | ratio | target |");
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | --- |");
    row(
        &mut s,
        "requests/s",
        format!("{:.0}", num(&emulator, "rps")),
        format!("{:.0}", num(&bare, "rps")),
        ratio(num(&emulator, "rps"), num(&bare, "rps")),
        "≥ 0.8",
    );
    row(
        &mut s,
        "p50",
        format!("{:.0} µs", num(&emulator, "p50_us")),
        format!("{:.0} µs", num(&bare, "p50_us")),
        ratio(num(&emulator, "p50_us"), num(&bare, "p50_us")),
        "",
    );
    row(
        &mut s,
        "p99",
        format!("{:.0} µs", num(&emulator, "p99_us")),
        format!("{:.0} µs", num(&bare, "p99_us")),
        ratio(num(&emulator, "p99_us"), num(&bare, "p99_us")),
        "",
    );
    let _ = writeln!(
        s,
        "\nFailed requests: emulator {}, bare {}.",
        num(&emulator, "errors"),
        num(&bare, "errors")
    );
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// messaging

fn messaging_section(root: &Path, quick: bool) -> Result<String, String> {
    let target = root.join("target/bench-emulator");
    cmd_ok(
        Command::new("nice")
            .args(["-n", "19", "cargo", "build", "--release", "--quiet"])
            .args(["-p", "ivschat-emulator", "--example", "chat_load"])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(root),
        "cargo build --release -p ivschat-emulator --example chat_load",
    )?;
    let (rounds, ms) = if quick {
        ("20", "1000")
    } else {
        ("100", "3000")
    };
    let records = run_records(
        Command::new(target.join("release/examples/chat_load")).args([
            "--connections",
            "1000",
            "--rounds",
            rounds,
            "--duration-ms",
            ms,
            "--concurrency",
            "16",
        ]),
        "chat_load",
    )?;
    let find = |measure: &str, connections: &str| {
        records
            .iter()
            .find(|r| {
                r.get("measure").map(String::as_str) == Some(measure)
                    && r.get("connections").map(String::as_str) == Some(connections)
            })
            .ok_or_else(|| format!("chat_load printed no {measure} result for {connections}"))
    };
    let fanout = find("fanout", "1000")?;
    let idle = find("control_plane", "0")?;
    let busy = find("control_plane", "1000")?;
    let mut s = String::new();
    let _ = writeln!(s, "## Messaging\n");
    let _ = writeln!(
        s,
        "`emulator/examples/chat_load.rs`: the release emulator in process on one tokio thread, \
         the load on another (loopback). 1,000 WebSocket connections in one room; one sends a \
         message per round ({rounds} rounds, 20 ms apart); latency from the send to each \
         receipt, and to the last receipt of a round. Control plane: signed `GetRoom` with the \
         generated client, 16 in flight, {ms} ms, before and after the connections open.\n"
    );
    let _ = writeln!(s, "| measure | p50 | p99 |");
    let _ = writeln!(s, "| --- | ---: | ---: |");
    let us = |r: &Record, k: &str| format!("{:.0} µs", num(r, k));
    let _ = writeln!(
        s,
        "| fan-out, each receipt | {} | {} |",
        us(fanout, "p50_us"),
        us(fanout, "p99_us")
    );
    let _ = writeln!(
        s,
        "| fan-out, all 1,000 reached | {} | {} |",
        us(fanout, "all_p50_us"),
        us(fanout, "all_p99_us")
    );
    let _ = writeln!(s, "\n| control plane | requests/s | p50 | p99 |");
    let _ = writeln!(s, "| --- | ---: | ---: | ---: |");
    for (name, r) in [("no connections", idle), ("1,000 connections open", busy)] {
        let _ = writeln!(
            s,
            "| {name} | {:.0} | {} | {} |",
            num(r, "rps"),
            us(r, "p50_us"),
            us(r, "p99_us")
        );
    }
    let _ = writeln!(
        s,
        "\nWith connections open / without: {} (target: about 1).",
        ratio(num(busy, "rps"), num(idle, "rps"))
    );
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// micro

fn micro_section(root: &Path, quick: bool) -> Result<String, String> {
    let mut cmd = Command::new("nice");
    cmd.args([
        "-n", "19", "cargo", "bench", "--locked", "--quiet", "-p", "micro", "--bench", "micro",
    ])
    .env("CARGO_TARGET_DIR", root.join("target/bench-micro"))
    .current_dir(root.join("bench"));
    if quick {
        cmd.args(["--", "--sample-count", "20"]);
    }
    let out = cmd_output(&mut cmd, "cargo bench -p micro")?;
    let medians = divan_medians(&out);
    let mut s = String::new();
    let _ = writeln!(s, "## Micro-benchmarks\n");
    let _ = writeln!(
        s,
        "divan, `bench/micro` (medians). The SDK keeps its serializers and parsers private, so \
         serialize/parse are ours only, and the comparable figures are whole calls through a \
         transport that answers at once (build, serialize, endpoint, sign, parse). Both sides sign \
         with the same `aws-sigv4` crate, so the signing row compares the wrappers. Ratio = ours / AWS.\n"
    );
    let _ = writeln!(s, "| benchmark | ours | aws-sdk-ivschat | ratio |");
    let _ = writeln!(s, "| --- | ---: | ---: | ---: |");
    let pairs = [
        ("serialize a CreateRoom request", "ours_ser_create_room", ""),
        (
            "parse a ListRooms answer (50 rooms)",
            "ours_de_list_rooms_50",
            "",
        ),
        (
            "sign a CreateRoom request",
            "ours_sign_create_room",
            "aws_sign_create_room",
        ),
        (
            "whole CreateRoom call, instant transport",
            "ours_call_create_room",
            "aws_call_create_room",
        ),
        (
            "whole ListRooms call (50 rooms), instant transport",
            "ours_call_list_rooms_50",
            "aws_call_list_rooms_50",
        ),
    ];
    for (what, ours, aws) in pairs {
        let o = medians.get(ours);
        let a = medians.get(aws);
        let show = |m: Option<&(String, f64)>, name: &str| match m {
            Some((text, _)) => text.clone(),
            None if name.is_empty() => "not public".into(),
            None => "missing".into(),
        };
        let r = match (o, a) {
            (Some((_, x)), Some((_, y))) => ratio(*x, *y),
            _ => "n/a".into(),
        };
        let _ = writeln!(s, "| {what} | {} | {} | {r} |", show(o, ours), show(a, aws));
    }
    let _ = writeln!(
        s,
        "\n<details><summary>divan output</summary>\n\n```text\n{}```\n</details>",
        out
    );
    Ok(s)
}

/// Benchmark name → (median as printed, median in ns) from divan's table.
fn divan_medians(out: &str) -> BTreeMap<String, (String, f64)> {
    let mut medians = BTreeMap::new();
    for line in out.lines() {
        let line = line.trim_start_matches(|c: char| "│├╰─ ".contains(c));
        let cols: Vec<&str> = line.split('│').map(str::trim).collect();
        if cols.len() < 4 {
            continue;
        }
        let Some(name) = cols[0].split_whitespace().next() else {
            continue;
        };
        if let Some(ns) = duration_ns(cols[2]) {
            medians.insert(name.to_string(), (cols[2].to_string(), ns));
        }
    }
    medians
}

fn duration_ns(text: &str) -> Option<f64> {
    let (value, unit) = text.split_once(' ')?;
    let value: f64 = value.parse().ok()?;
    let scale = match unit.trim() {
        "ns" => 1.0,
        "µs" | "us" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        _ => return None,
    };
    Some(value * scale)
}

// ---------------------------------------------------------------------------------------------
// codegen

fn codegen_section(root: &Path) -> Result<String, String> {
    let target = root.join("target/bench-xtask");
    cmd_ok(
        Command::new("nice")
            .args([
                "-n",
                "19",
                "cargo",
                "build",
                "--release",
                "--quiet",
                "-p",
                "xtask",
            ])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(root),
        "cargo build --release -p xtask",
    )?;
    cmd_output(
        Command::new(target.join("release/xtask"))
            .args(["bench", "--codegen-inprocess"])
            .current_dir(root),
        "xtask bench --codegen-inprocess",
    )
}

/// Runs inside a release build of xtask: times generation in-process, no cargo involved.
fn codegen_inprocess(root: &Path) -> Result<String, String> {
    if cfg!(debug_assertions) {
        eprintln!(
            "note: this is a debug build; `cargo xtask bench --only codegen` times a release one"
        );
    }
    // ivschat: what `xtask codegen --check` does, median of 5 runs.
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let (generated, out) = xtask::generate_ivschat()?;
        let drift = xtask::check(&generated.files, &out).map_err(|e| e.to_string())?;
        runs.push((
            generated.load,
            generated.generate,
            t.elapsed(),
            drift.is_clean(),
            generated.files.line_count(),
        ));
    }
    runs.sort_by_key(|r| r.2);
    let (load, generate, total, clean, lines) = runs[runs.len() / 2];

    // Every AWS model: generate and write into a scratch directory.
    let models_dir = root.join("../shared/models/aws");
    let mut models: Vec<PathBuf> = fs::read_dir(&models_dir)
        .map_err(|e| format!("{}: {e}", models_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    models.sort();
    let scratch = root.join("target/bench-codegen");
    let mut times = Vec::new();
    let mut failures = Vec::new();
    let mut total_lines = 0;
    let all = Instant::now();
    for model in &models {
        let name = model
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("model")
            .to_string();
        let out = scratch.join(&name);
        let t = Instant::now();
        match xtask::generate(model, &out, xtask::Job::default()).and_then(|g| {
            total_lines += g.files.line_count();
            xtask::write(&g.files, &out).map_err(|e| e.to_string())
        }) {
            Ok(_) => times.push((t.elapsed(), name)),
            Err(e) => failures.push(format!("{name}: {}", e.lines().next().unwrap_or(""))),
        }
    }
    let all = all.elapsed();
    times.sort();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    let mut s = String::new();
    let _ = writeln!(s, "## Code generation\n");
    let _ = writeln!(
        s,
        "In-process, release build of xtask, no cargo. ivschat: load + generate + compare with \
         `generated-client/` (what `cargo xtask codegen --check` does), median of 5. AWS models: \
         load + generate + write into `target/bench-codegen/`, one after another. (aws-sdk-ivschat \
         has no counterpart here: smithy-rs generates it with Gradle on a JVM, ahead of publishing.)\n"
    );
    let _ = writeln!(s, "| job | time | detail |");
    let _ = writeln!(s, "| --- | ---: | --- |");
    let _ = writeln!(
        s,
        "| ivschat `codegen --check` | {} | load {}, generate {}, {lines} lines, up to date: {clean} |",
        ms(total),
        ms(load),
        ms(generate)
    );
    let _ = writeln!(
        s,
        "| all {} AWS models | {} | {} generated ({total_lines} lines), {} failed |",
        models.len(),
        ms(all),
        times.len(),
        failures.len()
    );
    if let Some((slowest, name)) = times.last() {
        let _ = writeln!(s, "| slowest model | {} | {name} |", ms(*slowest));
    }
    if let Some((median, name)) = times.get(times.len() / 2) {
        let _ = writeln!(s, "| median model | {} | {name} |", ms(*median));
    }
    for f in &failures {
        let _ = writeln!(s, "\nFailed: {f}");
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_blocks_are_found_by_their_headings() {
        let md = "# Benchmarks\n\nWritten by ...\n\n## Build cost\n\nb1\n\n## Unknown\n\nx\n\n## Messaging\n\nm1\nm2\n";
        let blocks = super::blocks_of(md);
        assert_eq!(
            blocks,
            vec![
                ("build", "## Build cost\n\nb1\n\n".to_string()),
                ("messaging", "## Messaging\n\nm1\nm2\n".to_string()),
            ]
        );
        // Every section has a heading.
        for section in super::SECTIONS {
            assert!(
                super::HEADINGS.iter().any(|(s, _)| s == section),
                "{section}"
            );
        }
    }

    use super::*;

    #[test]
    fn records_are_read_from_harness_json_lines() {
        let out = "first error: ignored\n{\"side\":\"ours\",\"op\":\"GetRoom\",\"mode\":\"seq\",\"calls\":2000,\"errors\":0,\"p50_us\":44.5,\"p99_us\":195.0,\"rps\":123.4}\n";
        let records = parse_records(out);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0]["op"], "GetRoom");
        assert_eq!(num(&records[0], "p50_us"), 44.5);
        assert!(num(&records[0], "absent").is_nan());
    }

    #[test]
    fn divan_medians_come_from_the_third_column() {
        let out = "micro                 fastest │ slowest │ median │ mean │ samples │ iters\n\
                   ├─ aws                        │         │        │      │         │\n\
                   │  ├─ aws_sign   8.542 µs     │ 27.35 µs │ 10.75 µs │ 10.91 µs │ 100 │ 100\n\
                   ╰─ ours                       │         │        │      │         │\n\
                   \u{20}  ╰─ ours_ser  1.335 µs     │ 16.78 µs │ 748.1 ns │ 1.718 µs │ 100 │ 100\n";
        let m = divan_medians(out);
        assert_eq!(m["aws_sign"], ("10.75 µs".to_string(), 10_750.0));
        assert_eq!(m["ours_ser"].1, 748.1);
        assert!(!m.contains_key("aws") && !m.contains_key("micro"));
    }

    #[test]
    fn durations_need_a_known_unit() {
        assert_eq!(duration_ns("2 ms"), Some(2e6));
        assert_eq!(duration_ns("3 parsecs"), None);
        assert_eq!(duration_ns("fast"), None);
    }

    #[test]
    fn crates_are_counted_once_without_the_root() {
        let tree = "ours-min v0.1.0 (/b/ours-min)\nivschat v0.1.0 (/g)\ntokio v1.0.0\ntokio v1.0.0 (*)\nsyn v2.0.1\nsyn v1.0.9\n";
        assert_eq!(count_crates(tree, "ours-min"), 4);
    }

    #[test]
    fn ratios_of_zero_are_not_divided() {
        assert_eq!(ratio(1.0, 4.0), "0.25");
        assert_eq!(ratio(1.0, 0.0), "n/a");
    }
}

//! `cargo xtask test`: every check CI runs, in order, installing what it needs.
//!
//! Steps: rustfmt and clippy on the hand-written crates, the generated-code drift check, the whole
//! test suite (snapshots never updated: `INSTA_UPDATE=no`), every AWS model's endpoint tests,
//! Smithy's restJson1 protocol tests as generated tests, the AWS model corpus (every model generated and checked), rustdoc with warnings denied on the
//! generated crate, then the boto3 interoperability tests against the emulator, with pinned Python
//! packages in a venv under `target/venv`, and the official IVS Chat messaging SDK against its
//! messaging endpoint (pinned npm packages in `target/messaging-node`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Hand-written packages; the generated crate is formatted by prettyplease, not rustfmt.
const HAND_WRITTEN: &[&str] = &[
    "smithy-model",
    "smithy-codegen",
    "smithy-runtime",
    "xtask",
    "ivschat-emulator",
];

/// The corpus step: every AWS model generated and every generated crate checked with warnings
/// denied, once per feature set (`cargo xtask corpus --compile --together --features
/// default,server,all`, in `target/corpus/target`, so a later run reuses it). Measured
/// (2026-12, 60 models, 1.84 M generated lines, shared 2-core machine under load): the
/// dependencies ~66 s of CPU, checking the 60 crates ~237 s of CPU with default features and
/// ~277 s with `server` (peak 1.3 GiB); all features cost about what `server` does. On CI's two
/// otherwise idle cores the step takes about 8 minutes. If it stops fitting, pass
/// `--compile-only` with the largest crates (datazone, securityhub, medialive, deadline,
/// api-gateway, bedrock-agent) instead.
const CORPUS_STEP: &str = "corpus: generate all 60 AWS models and check every crate, warnings denied, with default, server and all features (cargo xtask corpus --compile --together --features default,server,all)";

fn corpus_args() -> Vec<String> {
    strings(&[
        "xtask",
        "corpus",
        "--compile",
        "--together",
        "--features",
        "default,server,all",
    ])
}

/// The generated crate has no `deny(warnings)` in its source (a later Rust's new lint must not
/// break its users), so warnings are denied here, for every feature set, through `cargo rustc`
/// (the flag reaches only that crate: no dependency is rebuilt).
fn generated_crate_step<'a>(cargo: &'a str, name: &'a str, features: &[&str]) -> Step<'a> {
    let mut args = strings(&["rustc", "-p", "ivschat", "--lib", "--profile", "check"]);
    args.extend(strings(features));
    args.extend(strings(&["--", "-D", "warnings"]));
    Step {
        name,
        program: cargo,
        args,
        env: vec![],
    }
}

struct Step<'a> {
    name: &'a str,
    program: &'a str,
    args: Vec<String>,
    env: Vec<(&'a str, String)>,
}

fn run_step(root: &Path, step: &Step<'_>) -> Result<(), String> {
    let started = Instant::now();
    eprintln!("==> {}", step.name);
    let mut cmd = Command::new(step.program);
    cmd.args(&step.args).current_dir(root);
    for (k, v) in &step.env {
        cmd.env(k, v);
    }
    let status = cmd
        .status()
        .map_err(|e| format!("{}: cannot run `{}`: {e}", step.name, step.program))?;
    eprintln!(
        "<== {} ({:.1} s)",
        step.name,
        started.elapsed().as_secs_f64()
    );
    if status.success() {
        Ok(())
    } else {
        Err(format!("step `{}` failed ({status})", step.name))
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Creates `target/venv` with the pinned interop requirements unless it already has them.
fn ensure_venv(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join("target/venv");
    let python = venv.join("bin/python");
    let requirements = root.join("interop/requirements.txt");
    let stamp = venv.join("requirements.installed");
    let wanted = std::fs::read_to_string(&requirements)
        .map_err(|e| format!("read {}: {e}", requirements.display()))?;
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) && python.exists() {
        return Ok(python);
    }
    let base = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let venv_s = venv.display().to_string();
    run_step(
        root,
        &Step {
            name: "python venv",
            program: &base,
            args: strings(&["-m", "venv", &venv_s]),
            env: vec![],
        },
    )?;
    let python_s = python.display().to_string();
    let req_s = requirements.display().to_string();
    run_step(
        root,
        &Step {
            name: "pip install pinned interop requirements",
            program: &python_s,
            args: strings(&[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                &req_s,
            ]),
            env: vec![],
        },
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("write {}: {e}", stamp.display()))?;
    Ok(python)
}

/// Installs the pinned Node packages of the messaging interop test (interop/messaging) into
/// `target/messaging-node` with `npm ci`, unless its lockfile is already installed there.
fn ensure_node_modules(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target/messaging-node");
    let stamp = dir.join("lock.installed");
    let lock = std::fs::read_to_string(root.join("interop/messaging/package-lock.json"))
        .map_err(|e| format!("read interop/messaging/package-lock.json: {e}"))?;
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(lock.as_str()) {
        std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
        for file in ["package.json", "package-lock.json"] {
            std::fs::copy(root.join("interop/messaging").join(file), dir.join(file))
                .map_err(|e| format!("copy interop/messaging/{file}: {e}"))?;
        }
        let prefix = dir.display().to_string();
        run_step(
            root,
            &Step {
                name: "npm ci pinned messaging interop packages",
                program: "npm",
                args: strings(&["ci", "--prefix", &prefix, "--no-audit", "--no-fund"]),
                env: vec![],
            },
        )?;
        std::fs::write(&stamp, lock).map_err(|e| format!("write {}: {e}", stamp.display()))?;
    }
    Ok(dir.join("node_modules"))
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let skip_interop = args.iter().any(|a| a == "--no-interop");
    let cargo = cargo();
    let mut fmt = strings(&["fmt", "--check"]);
    for p in HAND_WRITTEN {
        fmt.push("-p".into());
        fmt.push(p.to_string());
    }
    let steps = vec![
        Step {
            name: "rustfmt (hand-written crates)",
            program: &cargo,
            args: fmt,
            env: vec![],
        },
        Step {
            name: "clippy -D warnings",
            program: &cargo,
            args: strings(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--all-features",
                "--",
                "-D",
                "warnings",
            ]),
            env: vec![],
        },
        Step {
            name: "generated code is up to date (cargo xtask codegen --check)",
            program: &cargo,
            args: strings(&["xtask", "codegen", "--check"]),
            env: vec![],
        },
        generated_crate_step(
            &cargo,
            "generated crate, warnings denied: default features",
            &[],
        ),
        generated_crate_step(
            &cargo,
            "generated crate, warnings denied: server feature",
            &["--features", "server"],
        ),
        generated_crate_step(
            &cargo,
            "generated crate, warnings denied: all features",
            &["--all-features"],
        ),
        Step {
            name: "tests",
            program: &cargo,
            args: strings(&["test", "--workspace", "--all-features"]),
            env: vec![("INSTA_UPDATE", "no".into())],
        },
        Step {
            name: "endpoint tests of every AWS model (cargo xtask corpus --endpoint-tests)",
            program: &cargo,
            args: strings(&["xtask", "corpus", "--endpoint-tests"]),
            env: vec![],
        },
        Step {
            name: "Smithy's restJson1 protocol tests, generated and run (cargo xtask protocol-tests)",
            program: &cargo,
            args: strings(&["xtask", "protocol-tests"]),
            env: vec![],
        },
        Step {
            name: CORPUS_STEP,
            program: &cargo,
            args: corpus_args(),
            env: vec![],
        },
        Step {
            name: "rustdoc -D warnings (generated crate)",
            program: &cargo,
            args: strings(&["doc", "--no-deps", "--all-features", "-p", "ivschat"]),
            env: vec![("RUSTDOCFLAGS", "-D warnings".into())],
        },
    ];
    // The venv comes first: the credentials tests (runtime/tests) run moto's server from it.
    let python = match skip_interop {
        true => None,
        false => Some(ensure_venv(root)?),
    };
    for step in &steps {
        run_step(root, step)?;
    }
    let Some(python) = python else {
        eprintln!("skipping boto3 interoperability tests (--no-interop)");
        return Ok(());
    };
    run_step(
        root,
        &Step {
            name: "build the emulator",
            program: &cargo,
            args: strings(&["build", "-p", "ivschat-emulator"]),
            env: vec![],
        },
    )?;
    let node_modules = ensure_node_modules(root)?.display().to_string();
    let emulator = root
        .join("target/debug/ivschat-emulator")
        .display()
        .to_string();
    run_step(
        root,
        &Step {
            name: "boto3 and messaging SDK interoperability (pytest interop)",
            program: &python.display().to_string(),
            args: strings(&["-m", "pytest", "interop", "-q", "-p", "no:cacheprovider"]),
            env: vec![
                ("IVSCHAT_EMULATOR", emulator),
                ("IVSCHAT_MESSAGING_NODE_MODULES", node_modules),
            ],
        },
    )
}

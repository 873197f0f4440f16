//! Every fixture's generated crate (the JSON AST fixtures and `fixtures/idl/*.smithy`) compiles without warnings (`RUSTFLAGS=-D warnings`: the
//! generated source denies nothing itself) with default features, with `server` and with all
//! features, and
//! behaves on the wire as the restJson1 protocol tests expect
//! (`tests/fixture_behaviour/src/`: clients on the wire, and the generated servers, run against
//! the generated crates).
//!
//! The crates are written to `target/codegen-fixtures/<name>/` with a throwaway workspace
//! manifest and checked with their own `CARGO_TARGET_DIR` (so the outer build lock is not
//! needed) and a copy of the workspace `Cargo.lock` (so no dependency is resolved anew).

mod common;

use std::process::Command;

const BEHAVIOUR_MANIFEST: &str = r#"[package]
name = "fixture-behaviour"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
bindings = { path = "../http_bindings" }
catalog = { path = "../auth_query" }
library = { path = "../auth" }
defaults = { path = "../defaults" }
endpoint-rules = { path = "../endpoint_rules" }
io-reuse = { path = "../io_reuse" }
malformed = { path = "../malformed" }
enums = { path = "../enums" }
recursion = { path = "../unions_recursion" }
name-hazards = { path = "../names" }
notes = { path = "../idl_notes" }
response-code = { path = "../response_code" }
scalars = { path = "../scalars" }
smithy-runtime = { path = "../../../runtime" }
serde_json = "1"
tokio = { version = "1", features = ["macros", "rt", "net", "io-util"] }
"#;

#[test]
fn every_fixture_compiles_without_warnings_and_behaves_on_the_wire() {
    let root = common::root();
    let dir = root.join("target/codegen-fixtures");
    // The JSON fixtures and the IDL ones (models in different IDL styles, loaded by our IDL
    // loader: they must generate crates that compile too).
    let mut fixtures = common::fixtures();
    fixtures.extend(common::idl_fixtures());
    for (name, path) in &fixtures {
        let out = dir.join(name);
        let _ = std::fs::remove_dir_all(&out);
        for (file, contents) in common::generate(path, None, "../../../runtime").iter() {
            let target = out.join(file);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, contents).unwrap();
        }
    }
    // A hand-written test crate over the fixtures checks their behaviour on the wire.
    let behaviour = dir.join("fixture-behaviour");
    std::fs::create_dir_all(behaviour.join("src")).unwrap();
    for entry in std::fs::read_dir(root.join("codegen/tests/fixture_behaviour/src")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, behaviour.join("src").join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(behaviour.join("Cargo.toml"), BEHAVIOUR_MANIFEST).unwrap();
    let mut members: Vec<String> = fixtures.iter().map(|(n, _)| format!("{n:?}")).collect();
    members.push("\"fixture-behaviour\"".to_string());
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = |args: &[&str]| {
        Command::new(&cargo)
            .args(args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs")
    };
    // Default features and `server` alone: imports and items that only one feature uses must
    // not warn when it is off.
    let packages: Vec<String> = fixtures
        .iter()
        .map(|(name, _)| {
            let toml = std::fs::read_to_string(dir.join(name).join("Cargo.toml")).unwrap();
            toml.lines()
                .find_map(|l| l.strip_prefix("name = \""))
                .and_then(|l| l.strip_suffix('"'))
                .unwrap()
                .to_string()
        })
        .collect();
    let server: Vec<String> = packages.iter().map(|p| format!("{p}/server")).collect();
    let server = server.join(",");
    for features in [vec![], vec!["--features", server.as_str()]] {
        let mut args = vec!["check", "--message-format=short"];
        for p in &packages {
            args.extend(["-p", p.as_str()]);
        }
        args.extend(features.iter().copied());
        let output = run(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && !stderr.contains("warning:"),
            "generated fixture crates do not compile without warnings ({features:?}):\n{stderr}"
        );
    }
    let output = run(&[
        "test",
        "--all-features",
        "--workspace",
        "--message-format=short",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "generated fixture crates do not compile or their behaviour tests fail:\n{stderr}\n{stdout}"
    );
    // The behaviour tests ran (a crate that silently compiled to nothing would pass).
    assert!(
        stdout.contains("on_the_wire") || stderr.contains("on_the_wire"),
        "the behaviour tests did not run:\n{stderr}\n{stdout}"
    );
    // `-D warnings` turns warnings into errors; make sure none slipped through as warnings.
    assert!(!stderr.contains("warning:"), "{stderr}");
}

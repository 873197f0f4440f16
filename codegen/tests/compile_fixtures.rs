//! Every fixture's generated crate compiles under `#![deny(warnings)]` with all features.
//!
//! The crates are written to `target/codegen-fixtures/<name>/` with a throwaway workspace
//! manifest and checked with their own `CARGO_TARGET_DIR` (so the outer build lock is not
//! needed) and a copy of the workspace `Cargo.lock` (so no dependency is resolved anew).

mod common;

use std::process::Command;

#[test]
fn every_fixture_compiles_without_warnings() {
    let root = common::root();
    let dir = root.join("target/codegen-fixtures");
    let fixtures = common::fixtures();
    for (name, path) in &fixtures {
        let out = dir.join(name);
        let _ = std::fs::remove_dir_all(&out);
        for (file, contents) in common::generate(path, None, "../../../runtime").iter() {
            let target = out.join(file);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, contents).unwrap();
        }
    }
    let members: Vec<String> = fixtures.iter().map(|(n, _)| format!("{n:?}")).collect();
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
    let output = Command::new(cargo)
        .args([
            "check",
            "--all-features",
            "--workspace",
            "--message-format=short",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "generated fixture crates do not compile:\n{stderr}"
    );
    // `deny(warnings)` turns warnings into errors; make sure none slipped through as warnings.
    assert!(!stderr.contains("warning:"), "{stderr}");
}

//! A crate generated outside this repository builds there: `cargo xtask codegen --out` into a
//! temporary directory, a consumer project with its own `[workspace]` around it (the README's
//! steps), `cargo build`, and the built program runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .args(args)
        .output()
        .expect("xtask runs")
}

const APP_MANIFEST: &str = r#"[package]
name = "app"
version = "0.1.0"
edition = "2024"
publish = false

# Its own workspace: nothing above this directory is involved.
[workspace]

[dependencies]
my-service = { path = "my-service" }
"#;

const APP_MAIN: &str = r#"fn main() {
    let client = my_service::Client::builder()
        .region("us-west-2")
        .endpoint_url("http://127.0.0.1:9")
        .credentials(smithy_runtime::client::Credentials::new("AKID", "SECRET", None))
        .build()
        .expect("client builds");
    let update = client.update_channel().arn("arn:x").name("renamed");
    println!("{:?}", update.as_input());
}
"#;

#[test]
fn a_crate_generated_into_another_project_builds_there() {
    let root = xtask::workspace_root();
    let app = scratch("out-of-tree");
    let out = app.join("my-service");
    let model = root.join("codegen/tests/fixtures/defaults.json");
    let o = codegen(&[
        "--model",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "my-service",
    ]);
    assert!(o.status.success(), "{}", text(&o));

    // Outside this workspace the default is this checkout's runtime by absolute path: the
    // generated crate keeps building wherever it is moved.
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let runtime = std::path::absolute(root.join("runtime")).unwrap();
    let expected = format!(
        "smithy-runtime = {{ path = {:?} }}",
        runtime.display().to_string()
    );
    assert!(manifest.lines().any(|l| l == expected), "{manifest}");

    // The app names smithy-runtime the way the generated crate does (for credentials and
    // streams), as the README says.
    std::fs::write(
        app.join("Cargo.toml"),
        format!("{APP_MANIFEST}{expected}\n"),
    )
    .unwrap();
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(app.join("src/main.rs"), APP_MAIN).unwrap();
    // The project's lock file pins what the project is tested with (and needs no resolution
    // against the registry); cargo drops what this smaller graph does not use.
    std::fs::copy(root.join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    let o = cargo_in(&app, &root, &["build", "--message-format=short"]);
    assert!(
        o.status.success(),
        "the generated crate does not build: {}",
        text(&o)
    );
    assert!(!text(&o).contains("warning:"), "{}", text(&o));

    let o = cargo_in(&app, &root, &["run", "--quiet"]);
    assert!(o.status.success(), "{}", text(&o));
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(printed.contains("arn: Some(\"arn:x\")"), "{printed}");
    assert!(printed.contains("name: Some(\"renamed\")"), "{printed}");
    assert!(printed.contains("authorized: None"), "{printed}");

    // An explicit choice wins: a registry version or a git revision.
    let o = codegen(&[
        "--model",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "my-service",
        "--runtime",
        "git=https://example.com/smithy.git,rev=0123abc",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(
            r#"smithy-runtime = { git = "https://example.com/smithy.git", rev = "0123abc" }"#
        ),
        "{manifest}"
    );
    let o = codegen(&["--runtime", "branch=main", "--check"]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("expected path=DIR, git=URL,rev=REV or version=REQ"),
        "{}",
        text(&o)
    );
    let _ = std::fs::remove_dir_all(&app);
}

/// `cargo` in `dir`, warnings denied, with a target directory under this workspace's `target/`
/// (kept between runs; the fixture crates' one, so their dependencies are built once).
fn cargo_in(dir: &Path, root: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/codegen-fixtures/target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

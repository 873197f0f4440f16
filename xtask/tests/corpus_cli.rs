//! `cargo xtask corpus` as a command: a model that fails makes the run fail and is named with
//! its error, the others are still generated; bad arguments are clear errors, not panics.

use std::path::PathBuf;
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-corpus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn corpus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("corpus")
        .args(args)
        .output()
        .expect("xtask runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn a_broken_model_fails_the_run_by_name_and_the_others_still_generate() {
    let models = scratch("models");
    let out = scratch("out");
    std::fs::write(
        models.join("broken.json"),
        "{\"smithy\": \"2.0\", \"shapes\": {",
    )
    .unwrap();
    std::fs::copy(
        xtask::workspace_root().join("../shared/models/aws/sagemaker-metrics.json"),
        models.join("sagemaker-metrics.json"),
    )
    .unwrap();
    let o = corpus(&[
        "--models",
        models.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let t = text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(t.contains("1 model(s) failed"), "{t}");
    assert!(t.contains("broken: generation failed: load"), "{t}");
    assert!(t.contains("generated 1 of 2 models"), "{t}");
    // The good model's crate and the workspace listing it were written.
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\"sagemaker-metrics\""), "{manifest}");
    assert!(!manifest.contains("\"broken\""), "{manifest}");
    assert!(out.join("sagemaker-metrics/src/lib.rs").exists());
    std::fs::remove_dir_all(&models).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn filters_and_compile_lists_must_name_existing_models() {
    let o = corpus(&["--filter", "no-such-model-anywhere"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("no model in"), "{}", text(&o));

    let o = corpus(&["--filter", "sagemaker-metrics", "--compile-only", "ivschat"]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("--compile-only names models that are not selected: ivschat"),
        "{}",
        text(&o)
    );

    let o = corpus(&["--jobs", "many"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("--jobs wants a number"), "{}", text(&o));
    assert!(!text(&o).contains("panicked"), "{}", text(&o));
}

//! The AWS corpus (`../shared/models/aws`, 60 restJson1 models) through `cargo xtask corpus`'s
//! generation: the counts of every model are snapshotted so a change in what gets generated
//! (a type or operation gained or lost, an operation left out) shows in review; generation is
//! deterministic; every crate has the documented layout. Compiling them is CI's corpus step.

use std::path::PathBuf;
use std::sync::OnceLock;

use smithy_codegen::Files;
use xtask::corpus::{ModelReport, counts_table, generate_one, left_out_lines, model_paths};

/// How many models the corpus holds; a lost or added file must be a deliberate change.
const MODELS: usize = 60;

struct Generated {
    name: String,
    report: ModelReport,
    files: Files,
}

fn out_dir(name: &str) -> PathBuf {
    xtask::workspace_root().join("target/corpus").join(name)
}

/// Generates every model, on two threads (the generator is single-threaded and CI has 2 cores).
fn generate_all() -> Vec<Result<Generated, (String, String)>> {
    let dir = xtask::workspace_root().join("../shared/models/aws");
    let paths = model_paths(&dir, &[]).expect("the AWS models directory is readable");
    assert_eq!(paths.len(), MODELS, "models in {}", dir.display());
    let half = paths.len().div_ceil(2);
    std::thread::scope(|s| {
        let workers: Vec<_> = paths
            .chunks(half)
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|(name, path)| {
                            generate_one(name, path, &out_dir(name))
                                .map(|(report, files)| Generated {
                                    name: name.clone(),
                                    report,
                                    files,
                                })
                                .map_err(|e| (name.clone(), e))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("generation does not panic"))
            .collect()
    })
}

/// The first generation, shared by the tests of this file (it takes most of their time).
fn first() -> &'static [Result<Generated, (String, String)>] {
    static FIRST: OnceLock<Vec<Result<Generated, (String, String)>>> = OnceLock::new();
    FIRST.get_or_init(generate_all)
}

fn generated() -> Vec<&'static Generated> {
    first().iter().filter_map(|g| g.as_ref().ok()).collect()
}

#[test]
fn every_aws_model_generates_and_its_counts_match_the_snapshot() {
    let failed: Vec<(String, String)> = first()
        .iter()
        .filter_map(|g| g.as_ref().err().cloned())
        .collect();
    let reports: Vec<ModelReport> = generated().iter().map(|g| g.report.clone()).collect();
    let mut table = counts_table(&reports, &failed);
    table.push('\n');
    for line in left_out_lines(&reports) {
        table.push_str(&line);
        table.push('\n');
    }
    insta::assert_snapshot!("aws_models", table);
    assert!(failed.is_empty(), "models that do not generate: {failed:?}");
}

#[test]
fn generating_the_corpus_twice_gives_identical_files() {
    let again = generate_all();
    let first = generated();
    let again: Vec<&Generated> = again.iter().filter_map(|g| g.as_ref().ok()).collect();
    assert_eq!(first.len(), again.len());
    for (a, b) in first.iter().zip(&again) {
        assert_eq!(a.name, b.name);
        let paths = |f: &Files| f.iter().map(|(p, _)| p.to_string()).collect::<Vec<_>>();
        assert_eq!(paths(&a.files), paths(&b.files), "{}: file set", a.name);
        for ((path, x), (_, y)) in a.files.iter().zip(b.files.iter()) {
            assert!(x == y, "{}: {path} differs between two runs", a.name);
        }
    }
}

#[test]
fn every_generated_crate_has_the_documented_layout() {
    let fixed = [
        "Cargo.toml",
        "src/client.rs",
        "src/error.rs",
        "src/lib.rs",
        "src/operation/mod.rs",
        "src/protocol.rs",
        "src/server.rs",
        "src/service.rs",
        "src/types.rs",
    ];
    let all = generated();
    assert_eq!(all.len(), MODELS, "every model generates");
    for g in all {
        let name = &g.name;
        let paths: Vec<&str> = g.files.iter().map(|(p, _)| p).collect();
        for f in fixed {
            assert!(paths.contains(&f), "{name}: {f} missing from {paths:?}");
        }
        // One module per generated operation, and nothing outside the documented layout.
        let op_files = paths
            .iter()
            .filter(|p| p.starts_with("src/operation/") && **p != "src/operation/mod.rs")
            .count();
        assert_eq!(op_files, g.report.operations, "{name}: operation modules");
        assert_eq!(paths.len(), fixed.len() + op_files, "{name}: {paths:?}");
        assert!(g.report.operations > 0, "{name}: no operation generated");

        let manifest = g.files.get("Cargo.toml").unwrap_or_default();
        assert!(
            manifest.contains(&format!("name = {:?}", g.report.crate_name)),
            "{name}: package name\n{manifest}"
        );
        assert!(
            manifest.contains("smithy-runtime = { path = \"../../../runtime\" }"),
            "{name}: runtime path relative to target/corpus/{name}\n{manifest}"
        );
        assert!(
            manifest.contains("server = [\"smithy-runtime/server\"]"),
            "{name}: server feature\n{manifest}"
        );
        for (path, text) in g.files.iter().filter(|(p, _)| p.ends_with(".rs")) {
            assert!(
                text.starts_with(smithy_codegen::HEADER),
                "{name}: {path} lacks the generated-by line"
            );
        }
        // Operations left out are listed in the crate docs.
        let lib = g.files.get("src/lib.rs").unwrap_or_default();
        assert_eq!(
            lib.contains("# Not generated"),
            !g.report.left_out.is_empty(),
            "{name}: 'Not generated' section"
        );
        for (op, _) in &g.report.left_out {
            assert!(
                lib.contains(op.as_str()),
                "{name}: {op} not in the crate docs"
            );
        }
    }
}

//! Shared helpers: the models the tests generate from.

// Each test crate uses some of the helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use smithy_codegen::{Files, Settings};
use smithy_model::Model;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every fixture: (name, path), sorted.
pub fn fixtures() -> Vec<(String, PathBuf)> {
    let dir = root().join("codegen/tests/fixtures");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .map(|e| e.expect("fixture entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

/// Our model of IVS Chat (IDL).
pub fn ivschat() -> PathBuf {
    root().join("model/ivschat.smithy")
}

/// The IDL fixtures (`tests/fixtures/idl/*.smithy`, models in different IDL styles): (name, path),
/// sorted. Their crates are named after the file, prefixed with `idl-`.
pub fn idl_fixtures() -> Vec<(String, PathBuf)> {
    let dir = root().join("codegen/tests/fixtures/idl");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("IDL fixtures directory")
        .map(|e| e.expect("fixture entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (format!("idl_{stem}"), p)
        })
        .collect();
    out.sort();
    out
}

/// Loads a model file (IDL or JSON AST, by extension), failing the test with its problems.
pub fn load(path: &Path) -> Model {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "json") {
        return Model::load(text.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let mut a = smithy_model::idl::Assembler::new();
    a.add_file(path.display().to_string(), text);
    match a.assemble() {
        Ok(assembled) => assembled.model,
        Err(e) => panic!("{}", a.render(&e)),
    }
}

/// Generates with the given runtime path.
pub fn generate(path: &Path, crate_name: Option<&str>, runtime_path: &str) -> Files {
    let settings = Settings {
        crate_name: crate_name.map(str::to_string),
        runtime: smithy_codegen::RuntimeDep::Path(runtime_path.to_string()),
        ..Settings::default()
    };
    smithy_codegen::generate(&load(path), &settings)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

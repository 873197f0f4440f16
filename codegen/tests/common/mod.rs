//! Shared helpers: the models the tests generate from.

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

/// Loads a model file, failing the test with the model's problems.
pub fn load(path: &Path) -> Model {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Model::load(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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

//! The JSON ASTs of Smithy's IDL conformance suite (`../shared/smithy/idl-conformance`).
//!
//! Every `valid/**/*.json` must load without panicking; the self-contained ones must load and
//! validate, keeping every shape the document defines. The few that cannot are listed in
//! [`NOT_SELF_CONTAINED`] and [`UNSUPPORTED`] with the reason, and the test checks that they fail
//! for exactly that reason.

use std::path::{Path, PathBuf};

use serde_json::Value;
use smithy_model::{Model, ShapeId};

fn suite() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/smithy/idl-conformance")
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Documents that target `foo.example#Widget`, which the suite defines in another file
/// (`use` of a shape from a separate model file): they load, but cannot validate alone.
const NOT_SELF_CONTAINED: &[&str] = &["service-with-rename.json", "use/use-shapes.json"];

/// Documents using something this crate does not support, with the exact error.
const UNSUPPORTED: &[(&str, &str)] = &[(
    // Trait values such as `1.7976931348623157E+309` (bigDecimal) exceed f64; serde_json only
    // parses them with its `arbitrary_precision` feature, which would change number handling
    // for every crate of the workspace. An error, not a panic, is what we promise here.
    "traits.json",
    "not a JSON document: number out of range at line 183 column 63",
)];

#[test]
fn valid_documents_load_and_validate() {
    let mut files = Vec::new();
    json_files(&suite().join("valid"), &mut files);
    files.sort();
    assert!(files.len() >= 60, "found only {} documents", files.len());
    let mut failures = Vec::new();
    let mut validated = 0;
    for path in &files {
        let rel = path
            .strip_prefix(suite().join("valid"))
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(path).unwrap();
        let result = std::panic::catch_unwind(|| Model::load(&bytes));
        let Ok(result) = result else {
            failures.push(format!("{rel}: panicked"));
            continue;
        };
        if let Some((_, want)) = UNSUPPORTED.iter().find(|(f, _)| *f == rel) {
            let got: Vec<String> = match &result {
                Ok(_) => vec!["loaded".into()],
                Err(e) => e.problems.iter().map(ToString::to_string).collect(),
            };
            if got != [*want] {
                failures.push(format!("{rel}: expected `{want}`, got {got:?}"));
            }
            continue;
        }
        if NOT_SELF_CONTAINED.contains(&rel.as_str()) {
            let model = Model::load_unvalidated(&bytes).expect("loads without validation");
            let problems = model.validate().unwrap_err().problems;
            if !problems
                .iter()
                .all(|p| p.to_string().contains("`foo.example#Widget`"))
            {
                failures.push(format!("{rel}: unexpected problems {problems:?}"));
            }
            continue;
        }
        let model = match result {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{rel}: {e}"));
                continue;
            }
        };
        // Every shape the document defines is in the model (`apply` entries are not shapes).
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        for (key, shape) in doc["shapes"].as_object().into_iter().flatten() {
            if shape["type"] != "apply" {
                let id: ShapeId = key.parse().unwrap();
                if model.shape(&id).is_none() {
                    failures.push(format!("{rel}: shape {key} is missing"));
                }
            }
        }
        validated += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        validated + NOT_SELF_CONTAINED.len() + UNSUPPORTED.len(),
        files.len()
    );
}

#[test]
fn mixins_supply_list_and_map_members() {
    // `elided-members.json` declares lists and maps with no members of their own.
    let bytes = std::fs::read(suite().join("valid/elided-members.json")).unwrap();
    let model = Model::load(&bytes).unwrap();
    let list = model
        .shape(&"smithy.example#MixedList".parse().unwrap())
        .unwrap();
    assert_eq!(
        list.list_member().unwrap().target.to_string(),
        "smithy.api#String"
    );
    let map = model
        .shape(&"smithy.example#MixedMap".parse().unwrap())
        .unwrap();
    let (key, value) = map.map_members().unwrap();
    assert_eq!(key.id.to_string(), "smithy.example#MixedMap$key");
    assert_eq!(value.target.to_string(), "smithy.api#String");
}

#[test]
fn the_invalid_json_document_is_rejected() {
    let bytes = std::fs::read(suite().join("invalid/version/properties-v2-only.json")).unwrap();
    let err = Model::load(&bytes).unwrap_err();
    let got: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        ["smithy.example#Book: resource properties need Smithy 2.0, but the document is 1.0"]
    );
}

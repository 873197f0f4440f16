//! Every published AWS model in `../shared/models/aws` loads and validates, and what the crate
//! sees matches a count made independently with plain `serde_json::Value` walking.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;
use smithy_model::{Model, ShapeId, ShapeKind};

fn models_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws")
}

fn model_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(models_dir())
        .expect("../shared/models/aws is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Shape counts by JSON AST type name, `set` counted as `list` (as the crate loads it) and
/// `apply` entries skipped (they are not shapes).
fn json_shape_counts(doc: &Value) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for shape in doc["shapes"].as_object().unwrap().values() {
        let ty = shape["type"].as_str().unwrap();
        let ty = if ty == "set" { "list" } else { ty };
        if ty != "apply" {
            *counts.entry(ty.to_string()).or_default() += 1;
        }
    }
    counts
}

fn targets(v: &Value, key: &str) -> Vec<String> {
    match v.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i["target"].as_str().unwrap().to_string())
            .collect(),
        Some(one @ Value::Object(_)) => vec![one["target"].as_str().unwrap().to_string()],
        _ => Vec::new(),
    }
}

/// Operations reachable from a service through `operations` and, recursively, resources.
fn json_operations(doc: &Value, service: &str) -> (BTreeSet<String>, usize) {
    let shapes = doc["shapes"].as_object().unwrap();
    let svc = &shapes[service];
    let mut ops: BTreeSet<String> = targets(svc, "operations").into_iter().collect();
    let mut seen = BTreeSet::new();
    let mut stack = targets(svc, "resources");
    while let Some(r) = stack.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        let res = &shapes[&r];
        for key in [
            "create",
            "put",
            "read",
            "update",
            "delete",
            "list",
            "operations",
            "collectionOperations",
        ] {
            ops.extend(targets(res, key));
        }
        stack.extend(targets(res, "resources"));
    }
    (ops, seen.len())
}

#[test]
fn all_aws_models_load_validate_and_match_an_independent_count() {
    let files = model_files();
    assert_eq!(files.len(), 60, "expected the 60 published models");
    let mut total_ops = 0;
    let mut total_resources = 0;
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        let model = match Model::load(&bytes) {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let doc: Value = serde_json::from_slice(&bytes).unwrap();

        let mut crate_counts: BTreeMap<String, usize> = BTreeMap::new();
        for s in model.shapes().filter(|s| !s.id.is_prelude()) {
            *crate_counts.entry(s.kind.as_str().to_string()).or_default() += 1;
        }
        assert_eq!(
            crate_counts,
            json_shape_counts(&doc),
            "{name}: shape counts"
        );

        let services: Vec<&str> = doc["shapes"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| v["type"] == "service")
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(services.len(), 1, "{name}: one service");
        let (want_ops, resources) = json_operations(&doc, services[0]);
        let service: ShapeId = services[0].parse().unwrap();
        let got: BTreeSet<String> = model
            .operations_of(&service)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got, want_ops, "{name}: operations of the service");
        // Every reachable operation is an operation shape of the model.
        for op in model.operations_of(&service) {
            assert_eq!(model.shape(&op).map(|s| s.kind), Some(ShapeKind::Operation));
        }
        total_ops += want_ops.len();
        total_resources += resources;
    }
    assert!(
        failures.is_empty(),
        "models failed:\n{}",
        failures.join("\n")
    );
    // Totals over the 60 files, as counted by a separate script when the test was written:
    // every operation is reachable from its service, 546 of them via 102 resources.
    assert_eq!(total_ops, 2021);
    assert_eq!(total_resources, 102);
}

#[test]
fn paginated_fills_an_empty_operation_trait_from_the_service() {
    // DataZone sets @paginated(nextToken/nextToken/maxResults/items) on the service, and
    // ListAssetRevisions has an empty @paginated of its own.
    let model = Model::load(&std::fs::read(models_dir().join("datazone.json")).unwrap()).unwrap();
    let svc: ShapeId = "com.amazonaws.datazone#DataZone".parse().unwrap();
    let op: ShapeId = "com.amazonaws.datazone#ListAssetRevisions".parse().unwrap();
    assert_eq!(
        model.shape(&op).unwrap().traits.paginated(),
        Some(Default::default())
    );
    let merged = model.paginated(&svc, &op).unwrap();
    assert_eq!(merged.input_token.as_deref(), Some("nextToken"));
    assert_eq!(merged.output_token.as_deref(), Some("nextToken"));
    assert_eq!(merged.page_size.as_deref(), Some("maxResults"));
    assert_eq!(merged.items.as_deref(), Some("items"));
    // An operation without @paginated stays unpaginated whatever the service says.
    let get: ShapeId = "com.amazonaws.datazone#GetAsset".parse().unwrap();
    assert!(model.paginated(&svc, &get).is_none());
}

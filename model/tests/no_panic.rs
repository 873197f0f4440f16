//! The loader never panics: any byte string gives a model or an error.
//!
//! Three kinds of evidence: the fuzz corpus (`fuzz/corpus/load`, hand-made seeds, replayed
//! here so a plain `cargo test` covers it), property tests over arbitrary bytes and over valid
//! documents with random JSON put in random places, and a few deterministic hostile inputs
//! that are too big for a seed file.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use smithy_model::Model;

/// Loads, and when that works exercises what a generator calls; must never panic.
fn load_and_walk(bytes: &[u8]) -> Result<(), smithy_model::Error> {
    let model = Model::load_unvalidated(bytes)?;
    let validated = model.validate();
    for shape in model.shapes() {
        let t = &shape.traits;
        let _ = (
            t.http(),
            t.paginated(),
            t.length(),
            t.range(),
            t.legacy_enum(),
        );
        let _ = (t.waiters(), t.endpoint_rules(), t.endpoint_test_cases());
        let _ = (t.examples(), t.aws_service(), t.rest_json1(), t.problems());
        for m in shape.members() {
            let _ = (
                m.traits.default_value(),
                m.traits.enum_value(),
                model.member(&m.id),
            );
        }
    }
    for svc in model.services() {
        let _ = model.closure_of(&svc.id);
        for op in model.operations_of(&svc.id) {
            let _ = (model.paginated(&svc.id, &op), model.errors_of(&svc.id, &op));
        }
    }
    validated
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/load")
}

#[test]
fn fuzz_corpus_replays_without_panic() {
    let mut seen = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let result = load_and_walk(&std::fs::read(&path).unwrap());
        seen += 1;
        // Hand-made seeds say in their name whether they are valid.
        match (&result, name.split('-').next()) {
            (Err(e), Some("valid")) => wrong.push(format!("{name} should load: {e}")),
            (Ok(()), Some("bad")) => wrong.push(format!("{name} should be rejected")),
            _ => {}
        }
    }
    assert!(seen >= 15, "only {seen} corpus files");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_very_long_mixin_chain_does_not_overflow_the_stack() {
    // Mixins are flattened without recursion; 50 000 links would overflow a recursive walk
    // on a test thread's 2 MiB stack.
    let mut shapes = Map::new();
    shapes.insert(
        "ex#M0".into(),
        json!({"type": "structure", "members": {"id": {"target": "smithy.api#String"}},
            "traits": {"smithy.api#mixin": {}}}),
    );
    for i in 1..50_000 {
        shapes.insert(
            format!("ex#M{i}"),
            json!({"type": "structure", "mixins": [{"target": format!("ex#M{}", i - 1)}],
                "members": {}, "traits": {"smithy.api#mixin": {}}}),
        );
    }
    shapes.insert(
        "ex#Leaf".into(),
        json!({"type": "structure", "mixins": [{"target": "ex#M49999"}], "members": {}}),
    );
    let bytes = serde_json::to_vec(&json!({"smithy": "2.0", "shapes": shapes})).unwrap();
    let model = Model::load(&bytes).unwrap();
    let leaf = model.shape(&"ex#Leaf".parse().unwrap()).unwrap();
    assert_eq!(
        leaf.members().len(),
        1,
        "the chain's one member reaches the leaf"
    );
    assert_eq!(leaf.members()[0].id.to_string(), "ex#Leaf$id");
}

#[test]
fn deeply_nested_json_is_an_error() {
    let mut bytes = br#"{"smithy": "2.0", "metadata": {"x": "#.to_vec();
    bytes.extend(std::iter::repeat_n(b'[', 100_000));
    bytes.extend(std::iter::repeat_n(b']', 100_000));
    bytes.extend(b"}}");
    let err = Model::load(&bytes).unwrap_err();
    assert!(
        err.problems[0]
            .message
            .starts_with("not a JSON document: recursion limit exceeded"),
        "{err}"
    );
}

/// A small valid document touching every part of the loader.
fn seed() -> Value {
    serde_json::from_slice(
        &std::fs::read(corpus_dir().join("valid-service.json")).expect("seed exists"),
    )
    .unwrap()
}

/// Random JSON values, biased towards what the loader looks for (shape ids, type names,
/// trait ids, URIs) so mutations reach deep code rather than failing at the first check.
fn json_value() -> impl Strategy<Value = Value> {
    let words = prop::sample::select(vec![
        "ex#Room",
        "ex#Nope",
        "smithy.api#String",
        "smithy.api#Unit",
        "structure",
        "list",
        "map",
        "operation",
        "service",
        "resource",
        "enum",
        "intEnum",
        "set",
        "apply",
        "target",
        "member",
        "/rooms/{roomId}",
        "/{a+}/{a}",
        "nextToken",
        "page.rooms",
        "smithy.api#httpLabel",
        "smithy.api#required",
        "smithy.api#mixin",
        "",
        "#",
        "{",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        words.prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    prop::sample::select(vec![
                        "type",
                        "target",
                        "members",
                        "traits",
                        "mixins",
                        "input",
                        "output",
                        "errors",
                        "operations",
                        "resources",
                        "identifiers",
                        "read",
                        "member",
                        "key",
                        "value",
                    ])
                    .prop_map(String::from),
                    ".{0,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every node of a JSON tree, as paths of object keys / array indices.
fn paths(v: &Value, prefix: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(PathStep::Key(k.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(PathStep::Index(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn node_mut<'a>(mut v: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    for step in path {
        v = match step {
            PathStep::Key(k) => &mut v[k.as_str()],
            PathStep::Index(i) => &mut v[*i],
        };
    }
    v
}

/// How a mutation changes the chosen node.
#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the node with the value.
    Replace(Value),
    /// Add (or overwrite) a key of an object node.
    Insert(String, Value),
    /// Remove the node from its parent.
    Remove,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        json_value().prop_map(Mutation::Replace),
        (
            prop::sample::select(vec!["type", "traits", "members", "target", "mixins", "x"]),
            json_value()
        )
            .prop_map(|(k, v)| Mutation::Insert(k.to_string(), v)),
        Just(Mutation::Remove),
    ]
}

fn apply(doc: &mut Value, at: &prop::sample::Index, m: Mutation) {
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let path = at.get(&all).clone();
    match m {
        Mutation::Replace(v) => *node_mut(doc, &path) = v,
        Mutation::Insert(k, v) => {
            if let Value::Object(o) = node_mut(doc, &path) {
                o.insert(k, v);
            }
        }
        Mutation::Remove => {
            if let Some((last, parent)) = path.split_last() {
                match (node_mut(doc, parent), last) {
                    (Value::Object(o), PathStep::Key(k)) => {
                        o.remove(k);
                    }
                    (Value::Array(a), PathStep::Index(i)) => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = load_and_walk(&bytes);
    }

    #[test]
    fn arbitrary_json_documents_never_panic(shapes in json_value(), version in prop::sample::select(vec!["1.0", "2.0", "2"])) {
        let doc = json!({"smithy": version, "shapes": shapes});
        let _ = load_and_walk(&serde_json::to_vec(&doc).unwrap());
    }

    #[test]
    fn mutated_valid_documents_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), mutation()), 1..4),
        v1 in any::<bool>(),
    ) {
        let mut doc = seed();
        if v1 {
            doc["smithy"] = json!("1.0");
        }
        for (at, m) in edits {
            apply(&mut doc, &at, m);
        }
        let _ = load_and_walk(&serde_json::to_vec(&doc).unwrap());
    }
}

#[test]
fn mutations_reach_every_stage_of_the_loader() {
    // The mutation test above is only evidence if mutated documents get past the JSON and
    // structure checks: count where 400 of them end up.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec((any::<prop::sample::Index>(), mutation()), 1..3);
    let (mut rejected, mut invalid, mut valid) = (0, 0, 0);
    for _ in 0..400 {
        let edits = strategy.new_tree(&mut runner).unwrap().current();
        let mut doc = seed();
        for (at, m) in edits {
            apply(&mut doc, &at, m);
        }
        let bytes = serde_json::to_vec(&doc).unwrap();
        match Model::load_unvalidated(&bytes) {
            Err(_) => rejected += 1,
            Ok(model) if model.validate().is_err() => invalid += 1,
            Ok(_) => valid += 1,
        }
    }
    eprintln!("rejected by the loader {rejected}, invalid {invalid}, valid {valid}");
    for (stage, n) in [
        ("rejected", rejected),
        ("invalid", invalid),
        ("valid", valid),
    ] {
        assert!(n >= 20, "only {n} of 400 mutated documents were {stage}");
    }
}

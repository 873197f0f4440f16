//! `Model::operations_of`, `closure_of` and `errors_of` on a hand-written service whose
//! operations sit at every place a service can bind them: directly, in resource lifecycle
//! slots, as instance and collection operations, and in nested resources (two levels deep).

use std::collections::BTreeSet;

use serde_json::json;
use smithy_model::{Model, ShapeId};

fn id(s: &str) -> ShapeId {
    s.parse().unwrap()
}

fn library() -> Model {
    let op = |errors: &[&str]| {
        json!({"type": "operation",
            "errors": errors.iter().map(|e| json!({"target": e})).collect::<Vec<_>>()})
    };
    let doc = json!({"smithy": "2.0", "shapes": {
        "ex#Library": {"type": "service", "version": "1",
            "operations": [{"target": "ex#Ping"}],
            "resources": [{"target": "ex#Shelf"}],
            "errors": [{"target": "ex#Throttled"}]},
        "ex#Ping": op(&[]),
        "ex#Shelf": {"type": "resource",
            "identifiers": {"shelfId": {"target": "smithy.api#String"}},
            "create": {"target": "ex#CreateShelf"},
            "read": {"target": "ex#GetShelf"},
            "list": {"target": "ex#ListShelves"},
            "operations": [{"target": "ex#DustShelf"}],
            "collectionOperations": [{"target": "ex#CountShelves"}],
            "resources": [{"target": "ex#Book"}]},
        "ex#Book": {"type": "resource",
            "identifiers": {"shelfId": {"target": "smithy.api#String"},
                            "bookId": {"target": "smithy.api#String"}},
            "put": {"target": "ex#PutBook"},
            "update": {"target": "ex#UpdateBook"},
            "delete": {"target": "ex#DeleteBook"},
            "resources": [{"target": "ex#Page"}]},
        "ex#Page": {"type": "resource",
            "identifiers": {"shelfId": {"target": "smithy.api#String"},
                            "bookId": {"target": "smithy.api#String"},
                            "pageId": {"target": "smithy.api#String"}},
            "read": {"target": "ex#GetPage"},
            // Binding the same operation twice must not list it twice.
            "operations": [{"target": "ex#GetPage"}]},
        "ex#CreateShelf": op(&["ex#Full"]),
        "ex#GetShelf": op(&[]),
        "ex#ListShelves": op(&[]),
        "ex#DustShelf": op(&[]),
        "ex#CountShelves": op(&[]),
        "ex#PutBook": op(&[]),
        "ex#UpdateBook": op(&[]),
        "ex#DeleteBook": op(&[]),
        "ex#GetPage": op(&[]),
        // Defined but bound to nothing: outside the service.
        "ex#Orphan": op(&[]),
        "ex#Full": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
        "ex#Throttled": {"type": "structure", "members": {},
            "traits": {"smithy.api#error": "client", "smithy.api#retryable": {"throttling": true}}}
    }});
    Model::load(&serde_json::to_vec(&doc).unwrap()).unwrap()
}

#[test]
fn operations_of_includes_every_resource_binding_recursively() {
    let model = library();
    let ops: Vec<String> = model
        .operations_of(&id("ex#Library"))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        ops,
        [
            "ex#CountShelves",
            "ex#CreateShelf",
            "ex#DeleteBook",
            "ex#DustShelf",
            "ex#GetPage",
            "ex#GetShelf",
            "ex#ListShelves",
            "ex#Ping",
            "ex#PutBook",
            "ex#UpdateBook",
        ]
    );
    assert!(
        model.operations_of(&id("ex#Ping")).is_empty(),
        "not a service"
    );
    assert!(model.operations_of(&id("ex#Nothing")).is_empty());
}

#[test]
fn closure_holds_resources_operations_and_errors_but_not_unbound_shapes() {
    let model = library();
    let closure: BTreeSet<String> = model
        .closure_of(&id("ex#Library"))
        .iter()
        .map(ToString::to_string)
        .collect();
    for want in [
        "ex#Library",
        "ex#Shelf",
        "ex#Book",
        "ex#Page",
        "ex#GetPage",
        "ex#Full",
        "ex#Throttled",
        "smithy.api#Unit",
        "smithy.api#String",
    ] {
        assert!(closure.contains(want), "{want} missing from {closure:?}");
    }
    assert!(!closure.contains("ex#Orphan"));
}

#[test]
fn errors_of_lists_the_operation_errors_then_the_service_errors() {
    let model = library();
    let errors = model.errors_of(&id("ex#Library"), &id("ex#CreateShelf"));
    assert_eq!(errors, [id("ex#Full"), id("ex#Throttled")]);
    let errors = model.errors_of(&id("ex#Library"), &id("ex#GetPage"));
    assert_eq!(errors, [id("ex#Throttled")]);
    let throttled = model.shape(&id("ex#Throttled")).unwrap();
    assert!(throttled.traits.retryable().unwrap().throttling);
}

#[test]
fn a_resource_binding_a_non_operation_is_reported() {
    let doc = json!({"smithy": "2.0", "shapes": {
        "ex#R": {"type": "resource",
            "collectionOperations": [{"target": "ex#NotAnOp"}],
            "resources": [{"target": "ex#Missing"}]},
        "ex#NotAnOp": {"type": "structure", "members": {}}
    }});
    let err = Model::load(&serde_json::to_vec(&doc).unwrap()).unwrap_err();
    let got: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "ex#R: operation `ex#NotAnOp` is a structure shape, not an operation",
            "ex#R: resource `ex#Missing` is not defined",
        ]
    );
}

//! Broken documents and the exact problems they must produce (`shape$member: message`).
//!
//! Each case is a small hand-written document with one mistake (or, in the last case, several),
//! and the full list of problems the loader must report for it — no more, no fewer.

use serde_json::{Value, json};
use smithy_model::{Model, ShapeId};

/// A 2.0 document with these shapes.
fn doc(shapes: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"smithy": "2.0", "shapes": shapes})).unwrap()
}

/// `ex#Op` bound to `@http(method, uri)` with input `ex#In` (the given members) and an empty
/// output, plus any extra shapes.
fn http_op(uri: &str, input_members: Value, extra: Value) -> Vec<u8> {
    let mut shapes = json!({
        "ex#Op": {
            "type": "operation",
            "input": {"target": "ex#In"},
            "output": {"target": "ex#Out"},
            "traits": {"smithy.api#http": {"method": "POST", "uri": uri}}
        },
        "ex#In": {"type": "structure", "members": input_members},
        "ex#Out": {"type": "structure", "members": {}}
    });
    for (k, v) in extra.as_object().unwrap() {
        shapes[k] = v.clone();
    }
    doc(shapes)
}

fn string_member(traits: Value) -> Value {
    json!({"target": "smithy.api#String", "traits": traits})
}

/// A paginated `ex#List` operation whose input/output have `nextToken`, `maxResults` and
/// `items`, with `@paginated` set to `paginated`.
fn paginated_op(paginated: Value) -> Vec<u8> {
    doc(json!({
        "ex#List": {
            "type": "operation",
            "input": {"target": "ex#ListIn"},
            "output": {"target": "ex#ListOut"},
            "traits": {"smithy.api#paginated": paginated}
        },
        "ex#ListIn": {"type": "structure", "members": {
            "nextToken": {"target": "smithy.api#String"},
            "maxResults": {"target": "smithy.api#Integer"}
        }},
        "ex#ListOut": {"type": "structure", "members": {
            "nextToken": {"target": "smithy.api#String"},
            "items": {"target": "ex#Names"}
        }},
        "ex#Names": {"type": "list", "member": {"target": "smithy.api#String"}}
    }))
}

fn problems(bytes: &[u8]) -> Vec<String> {
    match Model::load(bytes) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn each_broken_document_reports_exactly_its_problems() {
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "malformed shape id",
            doc(json!({"ex#Bad-Name": {"type": "string"}})),
            vec![
                "ex#Bad-Name: invalid shape id `ex#Bad-Name`: shape name must be an identifier (letter or `_` first, then letters, digits, `_`)",
            ],
        ),
        (
            "unknown shape type",
            doc(json!({"ex#A": {"type": "strang"}})),
            vec!["ex#A: unknown shape type `strang`"],
        ),
        (
            "unresolved member target",
            doc(json!({"ex#A": {"type": "structure", "members": {
                "b": {"target": "ex#Missing"}
            }}})),
            vec!["ex#A$b: targets `ex#Missing`, which is not defined"],
        ),
        (
            "unresolved operation input",
            doc(json!({"ex#Op": {"type": "operation", "input": {"target": "ex#Nope"}}})),
            vec!["ex#Op: input `ex#Nope` is not defined"],
        ),
        (
            "operation input is not a structure",
            doc(json!({"ex#Op": {"type": "operation", "output": {"target": "smithy.api#String"}}})),
            vec!["ex#Op: output `smithy.api#String` is a string shape, not a structure"],
        ),
        (
            "uri label without member",
            http_op("/rooms/{roomId}", json!({}), json!({})),
            vec!["ex#Op: uri label `{roomId}` has no matching @httpLabel member in input `ex#In`"],
        ),
        (
            "label member without uri label",
            http_op(
                "/rooms",
                json!({"roomId": string_member(json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}}))}),
                json!({}),
            ),
            vec![
                "ex#In$roomId: @httpLabel member has no `{roomId}` label in the uri `/rooms` of `ex#Op`",
            ],
        ),
        (
            "label member not required",
            http_op(
                "/rooms/{roomId}",
                json!({"roomId": string_member(json!({"smithy.api#httpLabel": {}}))}),
                json!({}),
            ),
            vec!["ex#In$roomId: @httpLabel member must be @required"],
        ),
        (
            "greedy label that is not a string",
            http_op(
                "/rooms/{n+}",
                json!({"n": {"target": "smithy.api#Integer", "traits": {
                    "smithy.api#httpLabel": {}, "smithy.api#required": {}
                }}}),
                json!({}),
            ),
            vec![
                "ex#In$n: greedy label `{n+}` of `ex#Op` must target a string, not `smithy.api#Integer`",
            ],
        ),
        (
            "two @httpPayload members",
            http_op(
                "/",
                json!({
                    "a": string_member(json!({"smithy.api#httpPayload": {}})),
                    "b": string_member(json!({"smithy.api#httpPayload": {}}))
                }),
                json!({}),
            ),
            vec!["ex#In: has more than one @httpPayload member: a, b"],
        ),
        (
            "payload beside a body member",
            http_op(
                "/",
                json!({
                    "body": string_member(json!({"smithy.api#httpPayload": {}})),
                    "extra": string_member(json!({})),
                    "q": string_member(json!({"smithy.api#httpQuery": "q"}))
                }),
                json!({}),
            ),
            vec![
                "ex#In$extra: is a body member beside @httpPayload member `body`; bind it to a label, query, header or prefix headers",
            ],
        ),
        (
            "paginated token naming a missing member",
            paginated_op(json!({"inputToken": "token", "outputToken": "nextToken"})),
            vec![
                "ex#List: @paginated `inputToken` names `token`, which is not a member of input `ex#ListIn`",
            ],
        ),
        (
            "paginated token of the wrong type",
            paginated_op(json!({"inputToken": "maxResults", "outputToken": "nextToken"})),
            vec![
                "ex#List: @paginated `inputToken` member `maxResults` targets `smithy.api#Integer`, an integer, not a string",
            ],
        ),
        (
            "paginated items that are not a list or map",
            paginated_op(
                json!({"inputToken": "nextToken", "outputToken": "nextToken", "items": "nextToken"}),
            ),
            vec![
                "ex#List: @paginated `items` member `nextToken` targets `smithy.api#String`, a string, not a list or map",
            ],
        ),
        (
            "paginated with only an input token",
            paginated_op(json!({"inputToken": "nextToken"})),
            vec![
                "ex#List: @paginated sets `inputToken` but no `outputToken` (on the operation or its service)",
            ],
        ),
        (
            "error shape without @error",
            doc(json!({
                "ex#Op": {"type": "operation", "errors": [{"target": "ex#Oops"}]},
                "ex#Oops": {"type": "structure", "members": {}}
            })),
            vec!["ex#Op: error `ex#Oops` has no @error trait"],
        ),
        (
            "error that is not a structure",
            doc(json!({
                "ex#Svc": {"type": "service", "version": "1", "errors": [{"target": "ex#Oops"}]},
                "ex#Oops": {"type": "string", "traits": {"smithy.api#error": "client"}}
            })),
            vec![
                "ex#Oops: @error cannot be applied to a string shape; it applies to structures",
                "ex#Svc: error `ex#Oops` is a string shape, not a structure",
            ],
        ),
        (
            "bad @http uri",
            http_op("rooms/{id", json!({}), json!({})),
            vec!["ex#Op: trait smithy.api#http: @http uri `rooms/{id`: must start with `/`"],
        ),
        (
            "@length with a string value",
            doc(json!({"ex#S": {"type": "string", "traits": {"smithy.api#length": "5"}}})),
            vec!["ex#S: trait smithy.api#length: @length value must be an object"],
        ),
        (
            "@length on a boolean",
            doc(json!({"ex#B": {"type": "boolean", "traits": {"smithy.api#length": {"max": 1}}}})),
            vec![
                "ex#B: @length cannot be applied to a boolean shape; it applies to strings, blobs, lists and maps",
            ],
        ),
        (
            "@pattern on a member targeting an integer",
            doc(json!({"ex#A": {"type": "structure", "members": {
                "n": {"target": "smithy.api#Integer", "traits": {"smithy.api#pattern": "^[0-9]+$"}}
            }}})),
            vec![
                "ex#A$n: @pattern cannot be applied to a member targeting an integer; it applies to strings",
            ],
        ),
        (
            "@range on a string",
            doc(json!({"ex#S": {"type": "string", "traits": {"smithy.api#range": {"min": 1}}}})),
            vec!["ex#S: @range cannot be applied to a string shape; it applies to numbers"],
        ),
        (
            "bad @timestampFormat",
            doc(
                json!({"ex#T": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "iso8601"}}}),
            ),
            vec![
                "ex#T: trait smithy.api#timestampFormat: @timestampFormat `iso8601` is not date-time, http-date or epoch-seconds",
            ],
        ),
        (
            "@httpHeader targeting a structure",
            http_op(
                "/",
                json!({"h": {"target": "ex#Out", "traits": {"smithy.api#httpHeader": "X-H"}}}),
                json!({}),
            ),
            vec![
                "ex#In$h: @httpHeader cannot be applied to a member targeting a structure; it applies to strings, numbers, booleans, timestamps and lists of them",
            ],
        ),
        (
            "@default that does not match its target",
            doc(json!({"ex#A": {"type": "structure", "members": {
                "n": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": "zero"}}
            }}})),
            vec![
                "ex#A$n: @default value \"zero\" does not match an integer (`smithy.api#Integer`)",
            ],
        ),
        (
            "intEnum member without a value",
            doc(json!({"ex#E": {"type": "intEnum", "members": {
                "ONE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
                "TWO": {"target": "smithy.api#Unit"}
            }}})),
            vec!["ex#E$TWO: an intEnum member needs an integer @enumValue"],
        ),
        (
            "duplicate enum values",
            doc(json!({"ex#E": {"type": "enum", "members": {
                "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}},
                "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}}
            }}})),
            vec!["ex#E$B: enum value `a` is also the value of member `A`"],
        ),
        (
            "duplicate @httpQuery names",
            http_op(
                "/",
                json!({
                    "a": string_member(json!({"smithy.api#httpQuery": "x"})),
                    "b": string_member(json!({"smithy.api#httpQuery": "x"}))
                }),
                json!({}),
            ),
            vec!["ex#In$b: @httpQuery `x` is also bound by member `a`"],
        ),
        (
            "duplicate @httpHeader names differing in case",
            http_op(
                "/",
                json!({
                    "a": string_member(json!({"smithy.api#httpHeader": "X-Token"})),
                    "b": string_member(json!({"smithy.api#httpHeader": "x-token"}))
                }),
                json!({}),
            ),
            vec!["ex#In$b: @httpHeader `x-token` is also bound by member `a`"],
        ),
        (
            "member targeting an operation",
            doc(json!({
                "ex#Op": {"type": "operation"},
                "ex#A": {"type": "structure", "members": {"op": {"target": "ex#Op"}}}
            })),
            vec![
                "ex#A$op: targets `ex#Op`, an operation shape; members can only target data shapes",
            ],
        ),
        (
            "list without its member",
            doc(json!({"ex#L": {"type": "list"}})),
            vec!["ex#L: list shape needs a `member` member"],
        ),
        (
            "map key that is not a string",
            doc(json!({"ex#M": {"type": "map",
                "key": {"target": "smithy.api#Integer"},
                "value": {"target": "smithy.api#String"}}})),
            vec![
                "ex#M$key: map keys must target a string shape, but `smithy.api#Integer` is an integer",
            ],
        ),
        (
            "service with unresolved operation, resource and rename",
            doc(json!({"ex#Svc": {"type": "service", "version": "1",
                "operations": [{"target": "ex#Gone"}],
                "resources": [{"target": "smithy.api#String"}],
                "rename": {"ex#Other": "Renamed"}}})),
            vec![
                "ex#Svc: operation `ex#Gone` is not defined",
                "ex#Svc: rename key `ex#Other` is not defined",
                "ex#Svc: resource `smithy.api#String` is a string shape, not a resource",
            ],
        ),
        (
            "rename to a name that is not an identifier",
            doc(json!({
                "ex#Svc": {"type": "service", "version": "1",
                    "operations": [{"target": "ex#Op"}],
                    "rename": {"ex#In": "In$put", "ex#Out": "Out put"}},
                "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "output": {"target": "ex#Out"}},
                "ex#In": {"type": "structure", "members": {}},
                "ex#Out": {"type": "structure", "members": {}}
            })),
            vec![
                "ex#Svc: rename of `ex#In` to `In$put` is not a valid identifier",
                "ex#Svc: rename of `ex#Out` to `Out put` is not a valid identifier",
            ],
        ),
        (
            "resource with unresolved identifier and lifecycle operation",
            doc(json!({"ex#R": {"type": "resource",
                "identifiers": {"id": {"target": "ex#Id"}},
                "read": {"target": "ex#GetR"}}})),
            vec![
                "ex#R: identifier `id` targets `ex#Id`, which is not defined",
                "ex#R: read operation `ex#GetR` is not defined",
            ],
        ),
        (
            "mixins that form a cycle",
            doc(json!({
                "ex#A": {"type": "structure", "mixins": [{"target": "ex#B"}], "members": {},
                    "traits": {"smithy.api#mixin": {}}},
                "ex#B": {"type": "structure", "mixins": [{"target": "ex#A"}], "members": {},
                    "traits": {"smithy.api#mixin": {}}}
            })),
            vec!["ex#B: mixins form a cycle through `ex#A`"],
        ),
        (
            "host prefix label without a @hostLabel member",
            doc(json!({
                "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
                    "traits": {"smithy.api#endpoint": {"hostPrefix": "{account}."}}},
                "ex#In": {"type": "structure", "members": {}}
            })),
            vec![
                "ex#Op: @endpoint hostPrefix label `{account}` has no matching @hostLabel member in input `ex#In`",
            ],
        ),
        (
            "not JSON",
            b"{\"smithy\": \"2.0\",".to_vec(),
            vec!["not a JSON document: EOF while parsing a value at line 1 column 17"],
        ),
        (
            "wrong smithy version",
            br#"{"smithy": "3.0", "shapes": {}}"#.to_vec(),
            vec!["unsupported Smithy version `3.0` (expected 1.0 or 2.0)"],
        ),
        (
            "document that is a JSON array",
            b"[]".to_vec(),
            vec!["the JSON AST must be an object"],
        ),
        (
            "several problems in one document",
            doc(json!({
                "ex#A": {"type": "structure", "members": {
                    "b": {"target": "ex#Missing"},
                    "c": {"target": "smithy.api#Boolean", "traits": {"smithy.api#length": {"min": 1}}}
                }},
                "ex#Op": {"type": "operation", "input": {"target": "ex#A"},
                    "errors": [{"target": "ex#A"}],
                    "traits": {"smithy.api#http": {"method": "GET", "uri": "/a/{id}"}}}
            })),
            vec![
                "ex#A$b: targets `ex#Missing`, which is not defined",
                "ex#A$c: @length cannot be applied to a member targeting a boolean; it applies to strings, blobs, lists and maps",
                "ex#Op: error `ex#A` has no @error trait",
                "ex#Op: uri label `{id}` has no matching @httpLabel member in input `ex#A`",
            ],
        ),
    ];
    assert!(cases.len() >= 20);
    let mut mismatches = Vec::new();
    for (name, bytes, want) in &cases {
        let got = problems(bytes);
        if &got != want {
            mismatches.push(format!("{name}:\n  want {want:#?}\n  got  {got:#?}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn a_1_0_document_gets_box_semantics() {
    let bytes = br#"{"smithy": "1.0", "shapes": {
        "ex#Counts": {"type": "structure", "members": {
            "plain": {"target": "smithy.api#PrimitiveInteger"},
            "boxed": {"target": "smithy.api#Integer"},
            "flag": {"target": "ex#Flag"},
            "boxedFlag": {"target": "ex#Flag", "traits": {"smithy.api#box": {}}},
            "boxedAlias": {"target": "ex#BoxedLong"}
        }},
        "ex#Flag": {"type": "boolean"},
        "ex#BoxedLong": {"type": "long", "traits": {"smithy.api#box": {}}}
    }}"#;
    let model = Model::load(bytes).unwrap();
    let member = |name: &str| {
        let id: ShapeId = format!("ex#Counts${name}").parse().unwrap();
        model.member(&id).unwrap().traits.default_value().cloned()
    };
    // Unboxed primitives become non-null with a zero default ...
    assert_eq!(member("plain"), Some(json!(0)));
    assert_eq!(member("flag"), Some(json!(false)));
    // ... while boxed ones (prelude `Integer`, `@box` on member or target) stay optional.
    assert_eq!(member("boxed"), None);
    assert_eq!(member("boxedFlag"), None);
    assert_eq!(member("boxedAlias"), None);
}

#[test]
fn a_valid_http_operation_has_no_problems() {
    // The positive counterpart of the binding cases above: labels, query, headers, payload.
    let bytes = http_op(
        "/rooms/{roomId}/files/{key+}?x-id=Put",
        json!({
            "roomId": string_member(json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}})),
            "key": string_member(json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}})),
            "q": string_member(json!({"smithy.api#httpQuery": "q"})),
            "h": string_member(json!({"smithy.api#httpHeader": "X-H"})),
            "body": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}}
        }),
        json!({}),
    );
    assert_eq!(problems(&bytes), Vec::<String>::new());
}

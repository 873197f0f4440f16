//! Assembly rules of the IDL loader, one behaviour per test: relative shape id resolution,
//! several files (IDL and JSON mixed), metadata merging, conflicts, warnings, and validation that
//! is no stricter than Smithy's.

use serde_json::json;
use smithy_model::idl::{Assembled, Assembler};
use smithy_model::{Error, ShapeId};

fn id(s: &str) -> ShapeId {
    s.parse().unwrap()
}

fn assemble(files: &[(&str, &str)]) -> Result<Assembled, (Assembler, Error)> {
    let mut a = Assembler::new();
    for (name, text) in files {
        a.add_file(*name, *text);
    }
    a.assemble().map_err(|e| (a, e))
}

fn ok(files: &[(&str, &str)]) -> Assembled {
    assemble(files).unwrap_or_else(|(a, e)| panic!("{}", a.render(&e)))
}

fn messages(files: &[(&str, &str)]) -> Vec<String> {
    match assemble(files) {
        Ok(_) => panic!("assembled"),
        Err((_, e)) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn relative_ids_resolve_through_use_then_namespace_then_prelude() {
    let m = ok(&[
        (
            "a.smithy",
            "$version: \"2\"\nnamespace a\n\nuse b#Imported\n\nstructure S {\n    x: Imported\n    y: String\n    z: Integer\n}\n\n// Shadows the prelude's String inside namespace a.\nstring String\n",
        ),
        ("b.smithy", "$version: \"2\"\nnamespace b\n\nstring Imported\n"),
    ])
    .model;
    let s = m.shape(&id("a#S")).unwrap();
    let targets: Vec<String> = s.members().iter().map(|m| m.target.to_string()).collect();
    assert_eq!(targets, ["b#Imported", "a#String", "smithy.api#Integer"]);
}

#[test]
fn idl_and_json_files_form_one_model() {
    let m = ok(&[
        (
            "a.smithy",
            "$version: \"2\"\nnamespace ex\n\nstructure S with [FromJson] {\n    own: Name\n}\n",
        ),
        (
            "b.json",
            r#"{"smithy": "2.0", "shapes": {
                "ex#Name": {"type": "string"},
                "ex#FromJson": {"type": "structure", "traits": {"smithy.api#mixin": {}},
                    "members": {"inherited": {"target": "smithy.api#Integer"}}}}}"#,
        ),
    ])
    .model;
    let names: Vec<&str> = m
        .shape(&id("ex#S"))
        .unwrap()
        .members()
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["inherited", "own"]);
}

#[test]
fn metadata_lists_concatenate_and_other_conflicts_are_errors() {
    let m = ok(&[
        (
            "a.smithy",
            "metadata tags = [\"a\"]\nmetadata same = {k: 1}\n",
        ),
        (
            "b.smithy",
            "metadata tags = [\"b\"]\nmetadata same = {k: 1}\n",
        ),
    ])
    .model;
    assert_eq!(m.metadata()["tags"], json!(["a", "b"]));
    assert_eq!(m.metadata()["same"], json!({"k": 1}));
    let problems = messages(&[
        ("a.smithy", "metadata v = \"x\"\n"),
        ("b.smithy", "metadata v = \"y\"\n"),
    ]);
    assert_eq!(
        problems,
        ["metadata `v` is defined in two files with different values"]
    );
}

#[test]
fn a_shape_defined_in_two_files_must_be_identical() {
    let same = "$version: \"2\"\nnamespace ex\n\nstring S\n";
    ok(&[("a.smithy", same), ("b.smithy", same)]);
    let problems = messages(&[
        ("a.smithy", same),
        ("b.smithy", "$version: \"2\"\nnamespace ex\n\ninteger S\n"),
    ]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("ex#S: is defined more than once, with different definitions"),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_trait_is_an_error_and_a_user_trait_is_not() {
    let problems = messages(&[(
        "a.smithy",
        "$version: \"2\"\nnamespace ex\n\n@custom\nstring S\n",
    )]);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains("unknown trait `ex#custom`"),
        "{problems:?}"
    );
    let m = ok(&[(
        "a.smithy",
        "$version: \"2\"\nnamespace ex\n\n@trait\nlist custom {\n    member: String\n}\n\n@custom\nstring S\n",
    )])
    .model;
    // A bare annotation of a list trait is an empty list.
    assert_eq!(
        m.shape(&id("ex#S")).unwrap().traits.get("ex#custom"),
        Some(&json!([]))
    );
}

#[test]
fn built_in_traits_of_every_standard_namespace_need_no_files() {
    ok(&[(
        "a.smithy",
        r#"$version: "2"
namespace ex

use aws.api#arn
use smithy.rules#contextParam
use smithy.waiters#waitable

@aws.iam#iamResource(name: "thing")
@arn(template: "thing/{Id}")
@aws.cloudformation#cfnResource
resource Thing {
    identifiers: { Id: String }
}

@waitable(Ready: {acceptors: [{state: "success", matcher: {success: true}}]})
@smithy.test#smokeTests([])
operation Op {
    input := {
        @contextParam(name: "Region")
        region: String
    }
    errors: [smithy.framework#ValidationException]
}
"#,
    )]);
}

#[test]
fn an_unknown_control_statement_is_a_warning() {
    let done = ok(&[("a.smithy", "$version: \"2\"\n$custom: true\nnamespace ex\n")]);
    let warnings: Vec<String> = done.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["a.smithy:2:2: unknown control statement `$custom` is ignored"]
    );
}

#[test]
fn validation_is_no_stricter_than_smithy() {
    // A @paginated pageSize that is a long, and a resource identifier that is an enum, are
    // what published models do; Smithy accepts both (warning about the long).
    let done = ok(&[(
        "a.smithy",
        r#"$version: "2"
namespace ex

service S {
    version: "1"
    resources: [Thing]
    operations: [ListThings]
}

enum Kind {
    A
    B
}

resource Thing {
    identifiers: { kind: Kind }
    read: GetThing
}

@readonly
@http(method: "GET", uri: "/things/{kind}")
operation GetThing {
    input := for Thing {
        @required
        @httpLabel
        $kind
    }
}

@readonly
@paginated(inputToken: "token", outputToken: "token", pageSize: "size", items: "things")
@http(method: "GET", uri: "/things")
operation ListThings {
    input := {
        @httpQuery("token")
        token: String
        @httpQuery("size")
        size: Long
    }
    output := {
        token: String
        things: Kinds
    }
}

list Kinds {
    member: Kind
}
"#,
    )]);
    let warnings: Vec<String> = done.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "a.smithy:33:11: ex#ListThings: @paginated `pageSize` member `size` targets `smithy.api#Long`, a long; Smithy expects an integer"
        ]
    );
}

#[test]
fn smithy_dangers_and_warnings_about_pagination_do_not_stop_loading() {
    let done = ok(&[(
        "a.smithy",
        r#"$version: "2"
namespace ex

@readonly
@paginated(inputToken: "token", outputToken: "page.info.token", pageSize: "size")
operation ListThings {
    input := {
        token: String
        @required
        size: Integer
    }
    output := {
        page: Page
    }
}

structure Page {
    info: Info
}

structure Info {
    token: String
}
"#,
    )]);
    let warnings: Vec<String> = done.warnings.iter().map(|w| w.message.clone()).collect();
    assert_eq!(
        warnings,
        [
            "@paginated `outputToken` path `page.info.token` has more than two parts, which makes the API cumbersome to use",
            "@paginated `pageSize` member `size` should not be @required",
        ]
    );
}

#[test]
fn version_1_files_keep_their_boxing_semantics_beside_2_0_files() {
    let m = ok(&[
        (
            "v1.smithy",
            "$version: \"1.0\"\nnamespace ex\n\nstructure Old {\n    n: PrimitiveInteger\n    m: Integer\n}\n",
        ),
        (
            "v2.smithy",
            "$version: \"2\"\nnamespace ex\n\nstructure New {\n    n: PrimitiveInteger\n}\n",
        ),
    ])
    .model;
    let old = m.shape(&id("ex#Old")).unwrap();
    assert_eq!(
        old.members()[0].traits.get("smithy.api#default"),
        Some(&json!(0))
    );
    assert_eq!(old.members()[1].traits.get("smithy.api#default"), None);
    let new = m.shape(&id("ex#New")).unwrap();
    assert_eq!(new.members()[0].traits.get("smithy.api#default"), None);
}

#[test]
fn trait_values_must_have_the_type_of_the_trait_shape() {
    let problems = messages(&[(
        "a.smithy",
        "$version: \"2\"\nnamespace ex\n\n@documentation(\"fine\")\nstring Before\n\n@documentation(1)\n@tags(\"one\")\n@sensitive(true)\nstring S\n",
    )]);
    // Each problem is shown at the trait on the shape it concerns (not at `Before`'s).
    assert_eq!(
        problems,
        [
            "a.smithy:7:2: ex#S: trait `smithy.api#documentation` needs a string value, found 1",
            "a.smithy:8:2: ex#S: trait `smithy.api#tags` needs a list value, found \"one\"",
            "a.smithy:9:2: ex#S: trait `smithy.api#sensitive` needs a structure value, found true",
        ]
    );
}

#[test]
fn values_of_traits_the_model_defines_are_checked_all_the_way_down() {
    let model = r#"$version: "2"
namespace ex

@trait
structure owner {
    @required
    team: String
    level: Level
    tags: Tags
}

enum Level {
    LOW
    HIGH
}

list Tags {
    member: String
}

@owner(team: "core", level: "HIGH", tags: ["a"])
string Fine

@owner(team: "core", level: "MEDIUM")
string BadEnum

@owner(team: "core", tags: [1])
string BadItem

@owner(level: "LOW")
string Missing

@owner(team: "core", extra: true)
string Unknown
"#;
    let problems = messages(&[("a.smithy", model)]);
    assert_eq!(
        problems,
        [
            "a.smithy:24:2: ex#BadEnum: trait `ex#owner` value does not fit its shape: `level`: \"MEDIUM\" is not a value of enum `ex#Level`",
            "a.smithy:27:2: ex#BadItem: trait `ex#owner` value does not fit its shape: `tags`: item 0: `smithy.api#String` needs a string, found the number 1",
            "a.smithy:30:2: ex#Missing: trait `ex#owner` value does not fit its shape: `ex#owner` needs the member `team`",
            "a.smithy:33:2: ex#Unknown: trait `ex#owner` value does not fit its shape: `ex#owner` has no member `extra`",
        ]
    );
}

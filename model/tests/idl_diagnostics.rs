//! Rendered diagnostics for broken IDL: file, line and column, the marked source line, every
//! problem of a run. Each snapshot was reviewed by hand.

use smithy_model::idl::Assembler;

fn render(src: &str) -> String {
    let mut a = Assembler::new();
    a.add_idl("model.smithy", src);
    match a.assemble() {
        Ok(_) => panic!("loaded:\n{src}"),
        Err(e) => a.render(&e),
    }
}

macro_rules! case {
    ($name:ident, $src:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(render($src));
        }
    };
}

case!(missing_namespace, "$version: \"2\"\nstring Foo\n");
case!(
    unknown_shape_type,
    "$version: \"2\"\nnamespace ex\n\nstrng Foo\n"
);
case!(
    missing_member_colon,
    "$version: \"2\"\nnamespace ex\n\nstructure S {\n    a String\n}\n"
);
case!(
    unclosed_string,
    "$version: \"2\"\nnamespace ex\n\n@documentation(\"open\nstring S\n"
);
case!(
    bad_escape,
    "$version: \"2\"\nnamespace ex\n\n@documentation(\"a \\q b\")\nstring S\n"
);
case!(
    text_block_on_one_line,
    "$version: \"2\"\nnamespace ex\n\n@documentation(\"\"\"nope\"\"\")\nstring S\n"
);
case!(
    two_statements_on_a_line,
    "$version: \"2\"\nnamespace ex\n\nstring A string B\n"
);
case!(
    every_broken_statement_is_reported,
    "$version: \"2\"\nnamespace ex\n\nstring\nstructure X { a: }\nstring Ok\nlist L { member: String, other: String }\n"
);
case!(
    undefined_target,
    "$version: \"2\"\nnamespace ex\n\nstructure S {\n    a: Missing\n}\n"
);
case!(
    unknown_trait,
    "$version: \"2\"\nnamespace ex\n\n@notATrait\nstring S\n"
);
case!(
    unresolved_shape_id_in_a_trait_value,
    "$version: \"2\"\nnamespace ex\n\n@tags([unquoted])\nstring S\n"
);
case!(
    conflicting_use,
    "$version: \"2\"\nnamespace ex\n\nuse a.b#Thing\nuse c.d#Thing\n\nstring S\n"
);
case!(
    duplicate_member,
    "$version: \"2\"\nnamespace ex\n\nstructure S {\n    a: String\n    a: Integer\n}\n"
);
case!(
    elided_member_without_source,
    "$version: \"2\"\nnamespace ex\n\nstructure S {\n    $id\n}\n"
);
case!(
    mixin_in_version_1,
    "$version: \"1.0\"\nnamespace ex\n\n@mixin\nstructure M {}\n\nstructure S with [M] {}\n"
);
case!(
    inline_io_in_version_1,
    "$version: \"1.0\"\nnamespace ex\n\noperation Op {\n    input := {}\n}\n"
);
case!(
    enum_value_of_the_wrong_type,
    "$version: \"2\"\nnamespace ex\n\nintEnum E {\n    A = \"a\"\n}\n"
);
case!(
    unknown_operation_property,
    "$version: \"2\"\nnamespace ex\n\noperation Op {\n    inputs: Unit\n}\n"
);
case!(
    unknown_service_property,
    "$version: \"2\"\nnamespace ex\n\nservice S {\n    version: \"1\"\n    operation: [Op]\n}\n\noperation Op {}\n"
);
case!(
    conflicting_apply,
    "$version: \"2\"\nnamespace ex\n\n@documentation(\"a\")\nstring S\n\napply S @documentation(\"b\")\n"
);
case!(
    apply_to_an_undefined_shape,
    "$version: \"2\"\nnamespace ex\n\napply Nothing @sensitive\n"
);
case!(
    unsupported_version,
    "$version: \"3.0\"\nnamespace ex\n\nstring S\n"
);
case!(
    mixin_member_conflict,
    "$version: \"2\"\nnamespace ex\n\n@mixin\nstructure A { a: String }\n\nstructure S with [A] {\n    a: Integer\n}\n"
);
case!(
    deep_nesting_is_refused,
    &format!(
        "$version: \"2\"\nnamespace ex\n\n@tags({}{})\nstring S\n",
        "[".repeat(100),
        "]".repeat(100)
    )
);
case!(
    http_label_without_member,
    "$version: \"2\"\nnamespace ex\n\n@http(method: \"GET\", uri: \"/{id}\")\noperation Op {\n    input := {}\n}\n"
);

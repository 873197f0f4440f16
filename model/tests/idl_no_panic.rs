//! The IDL assembler never panics: any text gives a model or an error (whose rendering does
//! not panic either).
//!
//! Evidence: the fuzz corpus (`fuzz/corpus/idl`, hand-made seeds named `valid-*` or `bad-*`,
//! replayed here so a plain `cargo test` covers it), every prefix of every seed and of the
//! conformance suite's valid files (a truncated file stops anywhere in the grammar), and
//! property tests over text made of the IDL's own tokens.

use std::path::PathBuf;

use proptest::prelude::*;
use smithy_model::idl::Assembler;

fn assemble(text: &str) -> Result<(), String> {
    let mut a = Assembler::new();
    a.add_idl("t.smithy", text);
    match a.assemble() {
        Ok(_) => Ok(()),
        Err(e) => Err(a.render(&e)),
    }
}

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/idl");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn fuzz_corpus_replays_with_the_expected_outcome() {
    let corpus = corpus();
    assert!(corpus.len() >= 12, "only {} seeds", corpus.len());
    let mut wrong = Vec::new();
    for (name, text) in &corpus {
        match (assemble(text), name.split('-').next()) {
            (Err(e), Some("valid")) => wrong.push(format!("{name} should load:\n{e}")),
            (Ok(()), Some("bad")) => wrong.push(format!("{name} should be rejected")),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_prefix_of_the_seeds_and_the_valid_suite_is_handled() {
    let mut texts: Vec<String> = corpus().into_iter().map(|(_, t)| t).collect();
    let suite =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/smithy/idl-conformance/valid");
    for name in [
        "main-test.smithy",
        "traits.smithy",
        "inline-io/inline-io.smithy",
    ] {
        texts.push(std::fs::read_to_string(suite.join(name)).unwrap());
    }
    for text in &texts {
        for (i, _) in text.char_indices() {
            let _ = assemble(&text[..i]);
        }
    }
}

fn idl_text() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "$version: \"2\"\n",
        "namespace ex\n",
        "use a#B\n",
        "metadata m = ",
        "structure ",
        "string ",
        "list ",
        "map ",
        "enum ",
        "intEnum ",
        "operation ",
        "service ",
        "resource ",
        "apply ",
        "S",
        "T",
        " with [",
        "]",
        " for ",
        "{",
        "}",
        "(",
        ")",
        "[",
        ":",
        ":=",
        "=",
        "@",
        "$",
        "#",
        ".",
        ",",
        " ",
        "\n",
        "\"x\"",
        "\"\"\"\n  t\n  \"\"\"",
        "1",
        "-2.5e3",
        "true",
        "null",
        "// c\n",
        "/// d\n",
        "member",
        "key",
        "value",
        "input",
        "output",
        "errors",
        "mixin",
        "required",
        "documentation",
        "\\",
        "\"",
        "é",
    ]);
    prop::collection::vec(token, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn token_soup_never_panics(text in idl_text()) {
        let _ = assemble(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = assemble(&text);
    }
}

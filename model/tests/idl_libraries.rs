//! Smithy's own IDL libraries load through the IDL assembler: the trait definition files and
//! the protocol compliance suite together, and the built-in trait table covers every trait
//! those files define. The 60 AWS JSON AST models also load through the assembler, so every
//! trait they apply is known.

use std::path::{Path, PathBuf};

use smithy_model::idl::{Assembler, builtin};

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "smithy" || e == "json")
        {
            out.push(path);
        }
    }
}

fn assembler(dirs: &[&str]) -> (Assembler, usize) {
    let mut files = Vec::new();
    for d in dirs {
        collect(&shared().join(d), &mut files);
    }
    files.sort();
    let mut a = Assembler::new();
    for f in &files {
        let name = f
            .strip_prefix(shared())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        a.add_file(name, std::fs::read_to_string(f).unwrap());
    }
    (a, files.len())
}

#[test]
fn trait_files_and_protocol_tests_load_together() {
    let (a, n) = assembler(&["smithy/traits", "smithy/protocol-tests"]);
    assert!(n > 20, "only {n} files");
    let model = match a.assemble() {
        Ok(m) => m.model,
        Err(e) => panic!("{}", a.render(&e)),
    };
    // A protocol test service and its test cases are there.
    let svc = model
        .shape(&"aws.protocoltests.restjson#RestJson".parse().unwrap())
        .expect("the restJson1 test service");
    assert!(svc.as_service().unwrap().operations.len() > 50);
    let op = model
        .shape(
            &"aws.protocoltests.restjson#AllQueryStringTypes"
                .parse()
                .unwrap(),
        )
        .unwrap();
    let cases = op.traits.get("smithy.test#httpRequestTests").unwrap();
    assert!(cases.as_array().unwrap().len() >= 2);
}

#[test]
fn the_built_in_table_covers_every_trait_the_definition_files_define() {
    let (a, _) = assembler(&["smithy/traits"]);
    let model = a.assemble().map_err(|e| a.render(&e)).unwrap().model;
    let table: Vec<String> = builtin::trait_ids().collect();
    let mut missing = Vec::new();
    for s in model.shapes() {
        if s.traits.has("smithy.api#trait") && !table.contains(&s.id.to_string()) {
            missing.push(s.id.to_string());
        }
    }
    assert_eq!(missing, Vec::<String>::new());
    // And the table has no entry those files lack (prelude traits are not in the model,
    // the loader keeps its own prelude, so only other namespaces are compared).
    let extra: Vec<&String> = table
        .iter()
        .filter(|t| !t.starts_with("smithy.api#"))
        .filter(|t| model.shape(&t.parse().unwrap()).is_none())
        .collect();
    assert_eq!(extra, Vec::<&String>::new());
}

#[test]
fn every_aws_model_loads_through_the_assembler() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared().join("models/aws"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 60);
    let mut failures = Vec::new();
    for f in &files {
        let mut a = Assembler::new();
        a.add_json(f.to_string_lossy(), std::fs::read_to_string(f).unwrap());
        if let Err(e) = a.assemble() {
            failures.push(e.to_string());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

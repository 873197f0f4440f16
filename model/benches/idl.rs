//! IDL loading against JSON AST loading, per byte: `model/ivschat.smithy` and the same model as
//! JSON AST (written from it at startup by `Model::to_json_ast_string`), both through the same assembler
//! (parse, resolve, merge, validate, trait check); and Smithy's whole restJson1 protocol-test
//! directory (IDL, with the files it shares with other protocols).
//!
//! Run with `cargo bench -p smithy-model --bench idl`; divan prints bytes per second.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::counter::BytesCount;
use smithy_model::idl::Assembler;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(p: &Path) -> (String, String) {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    (p.display().to_string(), text)
}

static IVSCHAT_IDL: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| vec![read(&root().join("ivschat.smithy"))]);
static IVSCHAT_JSON: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let (_, idl) = &IVSCHAT_IDL[0];
    let model = smithy_model::Model::load_idl(idl).expect("ivschat.smithy loads");
    vec![("ivschat.json".into(), model.to_json_ast_string())]
});
static REST_JSON: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let dir = root().join("../../shared/smithy/protocol-tests");
    let mut files: Vec<PathBuf> = vec![
        dir.join("shared-types.smithy"),
        dir.join("aws-config.smithy"),
    ];
    let mut stack = vec![dir.join("restJson1")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "smithy") {
                files.push(p);
            }
        }
    }
    files.sort();
    files.iter().map(|p| read(p)).collect()
});

fn main() {
    for (name, set) in [
        ("ivschat.smithy", &IVSCHAT_IDL),
        ("ivschat.json", &IVSCHAT_JSON),
        ("restJson1 protocol tests", &REST_JSON),
    ] {
        let bytes: usize = set.iter().map(|(_, t)| t.len()).sum();
        eprintln!("{name}: {} files, {bytes} bytes", set.len());
    }
    divan::main();
}

fn bench(bencher: divan::Bencher, files: &[(String, String)]) {
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut a = Assembler::new();
        for (name, text) in files {
            a.add_file(name.as_str(), text.as_str());
        }
        divan::black_box(a.assemble().expect("loads"))
    });
}

#[divan::bench(sample_count = 30)]
fn ivschat_idl(bencher: divan::Bencher) {
    bench(bencher, &IVSCHAT_IDL);
}

#[divan::bench(sample_count = 30)]
fn ivschat_json_ast(bencher: divan::Bencher) {
    bench(bencher, &IVSCHAT_JSON);
}

#[divan::bench(sample_count = 10)]
fn rest_json1_protocol_tests(bencher: divan::Bencher) {
    bench(bencher, &REST_JSON);
}

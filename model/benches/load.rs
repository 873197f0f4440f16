//! Loading + validating the largest published AWS model in `../shared/models/aws` (picked by
//! file size when the benchmark starts; securityhub.json at the time of writing).
//!
//! Run with `cargo bench -p smithy-model --bench load`.

use std::path::PathBuf;
use std::sync::LazyLock;

use smithy_model::Model;

/// The bytes of the largest model.
static LARGEST: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
    let path = std::fs::read_dir(&dir)
        .expect("../shared/models/aws is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .expect("at least one model");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    eprintln!("benchmarking {name}");
    std::fs::read(&path).expect("model is readable")
});

fn main() {
    // Read (and name) the model before divan prints its table.
    LazyLock::force(&LARGEST);
    divan::main();
}

/// The whole pipeline a generator runs: parse, resolve, validate.
#[divan::bench(sample_count = 20)]
fn load_and_validate(bencher: divan::Bencher) {
    let bytes = &LARGEST;
    bencher.bench(|| Model::load(divan::black_box(bytes)).expect("valid model"));
}

/// Parsing and resolving only, to see what validation adds.
#[divan::bench(sample_count = 20)]
fn load_unvalidated(bencher: divan::Bencher) {
    let bytes = &LARGEST;
    bencher.bench(|| Model::load_unvalidated(divan::black_box(bytes)).expect("loads"));
}

/// Validation alone, on an already loaded model.
#[divan::bench(sample_count = 20)]
fn validate_only(bencher: divan::Bencher) {
    let model = Model::load_unvalidated(&LARGEST).expect("loads");
    bencher.bench(|| divan::black_box(&model).validate().expect("valid"));
}

//! Snapshots of every generated file: our ivschat model and one fixture per hazard
//! (`tests/fixtures/*.json`). Review changes with `cargo insta review`, reading each file.

mod common;

fn snapshot_all(prefix: &str, files: &smithy_codegen::Files) {
    for (path, contents) in files.iter() {
        let name = format!("{prefix}@{}", path.replace('/', "__"));
        insta::assert_snapshot!(name, contents);
    }
}

#[test]
fn ivschat_files() {
    let files = common::generate(&common::ivschat(), Some("ivschat"), "../runtime");
    snapshot_all("ivschat", &files);
}

#[test]
fn fixture_files() {
    for (name, path) in common::fixtures() {
        let files = common::generate(&path, None, "../runtime");
        snapshot_all(&name, &files);
    }
}

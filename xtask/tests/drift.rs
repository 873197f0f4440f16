//! `generated-client/` must be exactly what `cargo xtask codegen` writes for `model/ivschat.smithy`
//! (the same check as `cargo xtask codegen --check`).

#[test]
fn generated_client_is_up_to_date() {
    let (generated, out) = xtask::generate_ivschat().expect("ivschat generates");
    let drift = xtask::check(&generated.files, &out).expect("generated-client is readable");
    assert!(
        drift.is_clean(),
        "{drift}\nrun `cargo xtask codegen` and commit the result"
    );
}

#[test]
fn a_changed_file_on_disk_is_reported_with_its_first_differing_line() {
    let (generated, _) = xtask::generate_ivschat().expect("ivschat generates");
    let dir = std::env::temp_dir().join(format!("xtask-drift-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    xtask::write(&generated.files, &dir).expect("writes");
    let lib = dir.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(
        &lib,
        text.replacen("pub mod client;", "pub mod clients;", 1),
    )
    .unwrap();
    let stale = format!("{}\n// old\n", smithy_codegen::HEADER);
    std::fs::write(dir.join("src/stale.rs"), stale).unwrap();
    std::fs::write(dir.join("src/handwritten.rs"), "// mine\n").unwrap();
    std::fs::remove_file(dir.join("src/service.rs")).unwrap();
    let drift = xtask::check(&generated.files, &dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(drift.missing, ["src/service.rs"]);
    assert_eq!(drift.extra, ["src/stale.rs"]);
    assert_eq!(drift.differ.len(), 1);
    let (path, _, want, have) = &drift.differ[0];
    assert_eq!(path, "src/lib.rs");
    assert_eq!(
        (want.as_str(), have.as_str()),
        ("pub mod client;", "pub mod clients;")
    );
}

//! The IDL fixtures (`tests/fixtures/idl/*.smithy`: models of our own in different IDL styles,
//! 1.0 and 2.0) load without problems and generate with the default settings;
//! `compile_fixtures.rs` compiles their crates with and without the `server` feature.

mod common;

#[test]
fn every_idl_fixture_loads_and_generates() {
    let fixtures = common::idl_fixtures();
    assert!(fixtures.len() >= 3, "{fixtures:?}");
    for (name, path) in fixtures {
        let model = common::load(&path);
        let service = model
            .services()
            .next()
            .unwrap_or_else(|| panic!("{name}: no service"));
        // `empty.smithy` is the one without operations on purpose.
        assert!(
            name == "idl_empty" || !model.operations_of(&service.id).is_empty(),
            "{name}: no operations"
        );
        let files = common::generate(&path, None, "../runtime");
        assert!(
            files
                .iter()
                .any(|(p, _)| p == "src/server.rs" || p.starts_with("src/server")),
            "{name}: no server module"
        );
    }
}

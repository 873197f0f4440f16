//! `Settings::protocol_tests` end to end: a small model with `httpRequestTests` /
//! `httpResponseTests` of our own (`tests/protocol_fixture/ptest.smithy`) is generated with its
//! tests, built with `RUSTFLAGS=-D warnings`, and run. Every case passes except the `Wrong*`
//! ones, whose expectations contradict restJson1 and which must fail: the generated tests can
//! fail, so their passing means something.
//!
//! The crate goes to `target/codegen-protocol-tests/ptest/` and builds in the target directory
//! the fixture test uses (`target/codegen-fixtures/target`), so the dependencies are shared.

use std::path::Path;
use std::process::Command;

use smithy_codegen::{RuntimeDep, Settings};

#[test]
fn generated_protocol_tests_pass_and_wrong_expectations_fail() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let model_path = root.join("codegen/tests/protocol_fixture/ptest.smithy");
    let text = std::fs::read_to_string(&model_path).expect("the fixture model");
    let mut assembler = smithy_model::idl::Assembler::new();
    assembler.add_idl("ptest.smithy", text);
    let model = match assembler.assemble() {
        Ok(done) => done.model,
        Err(e) => panic!("{}", assembler.render(&e)),
    };
    let settings = Settings {
        crate_name: Some("ptest".into()),
        runtime: RuntimeDep::Path("../../../runtime".into()),
        protocol_tests: true,
        ..Settings::default()
    };
    let files = smithy_codegen::generate(&model, &settings).expect("the fixture generates");
    let tests = files
        .get("tests/protocol_tests.rs")
        .expect("tests/protocol_tests.rs is generated");
    // One function per case and side; `appliesTo` keeps a case to its side.
    for name in [
        "fn client_request_put_thing_request()",
        "fn server_request_put_thing_server_request()",
        "fn client_response_put_thing_response()",
        "fn server_response_put_thing_response()",
        "fn client_response_not_found_error()",
        "fn server_response_not_found_error()",
    ] {
        assert!(tests.contains(name), "{name} missing:\n{tests}");
    }
    assert!(!tests.contains("fn server_request_put_thing_request()"));
    assert!(tests.contains("/// Label, query, header and JSON body members"));

    let dir = root.join("target/codegen-protocol-tests");
    let out = dir.join("ptest");
    let _ = std::fs::remove_dir_all(&out);
    for (file, contents) in files.iter() {
        let target = out.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, contents).unwrap();
    }
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"ptest\"]\n",
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(&cargo)
        .args([
            "test",
            "--all-features",
            "--test",
            "protocol_tests",
            "--message-format=short",
        ])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/codegen-fixtures/target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("error[") && !stderr.contains("warning:"),
        "the generated tests do not compile cleanly:\n{stderr}"
    );
    let result = |name: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("test {name} ... ")))
            .unwrap_or_else(|| panic!("{name} did not run:\n{stdout}\n{stderr}"))
            .to_string()
    };
    for name in [
        "client_request_put_thing_request",
        "server_request_put_thing_server_request",
        "client_response_put_thing_response",
        "server_response_put_thing_response",
        "client_response_not_found_error",
        "server_response_not_found_error",
    ] {
        assert_eq!(result(name), "ok", "{name}:\n{stdout}");
    }
    for name in [
        "client_request_wrong_put_thing_path",
        "server_response_wrong_put_thing_response_body",
    ] {
        assert_eq!(result(name), "FAILED", "{name} must fail:\n{stdout}");
    }
    assert!(stdout.contains("6 passed; 2 failed"), "{stdout}");
}

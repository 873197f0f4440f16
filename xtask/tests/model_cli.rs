//! `cargo xtask model convert` and `cargo xtask codegen --model` with IDL: files, directories,
//! several `--model` options, and a broken file named with line and column.

use std::path::PathBuf;
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-model-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const SERVICE: &str = r#"$version: "2"
namespace ex

use aws.protocols#restJson1

@restJson1
@aws.api#service(sdkId: "Ex")
@aws.auth#sigv4(name: "ex")
service Ex {
    version: "2024-01-01"
    operations: [Ping]
}
"#;

const OPERATION: &str = r#"$version: "2"
namespace ex

@http(method: "POST", uri: "/ping")
operation Ping {
    input := {
        /// Who is asking.
        name: Name
    }
    output := {
        reply: String
    }
}
"#;

#[test]
fn convert_reads_a_directory_of_idl_and_json_and_writes_json_ast() {
    let dir = scratch("convert");
    let models = dir.join("models");
    std::fs::create_dir_all(models.join("sub")).unwrap();
    std::fs::write(models.join("service.smithy"), SERVICE).unwrap();
    std::fs::write(models.join("sub/ping.smithy"), OPERATION).unwrap();
    std::fs::write(
        models.join("sub/name.json"),
        r#"{"smithy": "2.0", "shapes": {"ex#Name": {"type": "string"}}}"#,
    )
    .unwrap();
    let out = dir.join("out.json");
    let o = xtask(&[
        "model",
        "convert",
        models.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["smithy"], "2.0");
    let input = &json["shapes"]["ex#PingInput"];
    assert_eq!(input["members"]["name"]["target"], "ex#Name");
    assert_eq!(
        input["members"]["name"]["traits"]["smithy.api#documentation"],
        "Who is asking."
    );
    assert_eq!(
        json["shapes"]["ex#Ex"]["operations"][0]["target"],
        "ex#Ping"
    );
}

#[test]
fn codegen_takes_repeated_model_options() {
    let dir = scratch("codegen");
    std::fs::write(dir.join("service.smithy"), SERVICE).unwrap();
    std::fs::write(
        dir.join("ping.smithy"),
        OPERATION.replace("name: Name", "name: String"),
    )
    .unwrap();
    let out = dir.join("crate");
    let o = xtask(&[
        "codegen",
        "--model",
        dir.join("service.smithy").to_str().unwrap(),
        "--model",
        dir.join("ping.smithy").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "ex",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("ping"), "{lib}");
}

#[test]
fn a_broken_idl_file_is_named_with_line_and_column() {
    let dir = scratch("broken");
    let file = dir.join("bad.smithy");
    std::fs::write(
        &file,
        "$version: \"2\"\nnamespace ex\n\nstructure S {\n    a String\n}\n",
    )
    .unwrap();
    let o = xtask(&["model", "convert", file.to_str().unwrap()]);
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains(&format!("{}:5:7", file.display())), "{t}");
    assert!(t.contains("expected `:`, found `String`"), "{t}");
    assert!(!t.contains("error: error:"), "{t}");
}

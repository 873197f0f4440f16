//! `cargo xtask codegen [--check] [--model PATH] [--out DIR] [--crate-name NAME] [--service ID]`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use smithy_model::ShapeId;

mod bench;
mod test_all;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--model PATH]... [--out DIR] [--crate-name NAME] [--service SHAPE_ID] [--protocol-tests]
                          [--runtime path=DIR | git=URL,rev=REV | version=REQ]

  default: --model model/ivschat.smithy --out generated-client --crate-name ivschat
  --model    a .smithy or .json file, or a directory (all .smithy and .json files below); repeatable
  --protocol-tests  also emit the model's smithy.test cases as tests/ of the crate
  --check    write nothing; fail if the files on disk differ from what would be generated
  --runtime  where the crate gets smithy-runtime: default a relative path inside this
             workspace, this checkout's runtime by absolute path outside it

       cargo xtask test [--no-interop]
  every check CI runs: rustfmt, clippy, codegen --check, all tests, rustdoc, boto3 interop

       cargo xtask corpus [--filter SUBSTR] [--compile | --compile-only NAMES] [--jobs N]
  generate (and check) a crate for every model in ../shared/models/aws (--help for more)

       cargo xtask corpus [--models DIR] --endpoint-tests
  run every model's endpointTests against the runtime's endpoint rules engine

       cargo xtask protocol-tests [--dir DIR] [--service SHAPE_ID]...
  Smithy's restJson1 protocol tests, generated into crates and run (--help for more)

       cargo xtask model convert IN... [-o OUT]
  IDL or JSON AST in, JSON AST 2.0 out";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let Some((task, rest)) = args.split_first() else {
        return Err(USAGE.into());
    };
    if task == "test" {
        return test_all::run(&xtask::workspace_root(), rest);
    }
    if task == "corpus" {
        return xtask::corpus::run(&xtask::workspace_root(), rest);
    }
    if task == "protocol-tests" {
        return xtask::protocol_tests::run(&xtask::workspace_root(), rest);
    }
    if task == "model" {
        return xtask::model_files::run(rest);
    }
    if task == "bench" {
        return bench::run(&xtask::workspace_root(), rest);
    }
    if task != "codegen" {
        return Err(format!("unknown task `{task}`\n{USAGE}"));
    }
    let root = xtask::workspace_root();
    let mut model_paths = vec![root.join("model/ivschat.smithy")];
    let mut out = root.join("generated-client");
    let mut job = xtask::Job::default();
    let mut check = false;
    let mut explicit_model = false;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--check" => check = true,
            // Repeatable; a .smithy or .json file, or a directory of them.
            "--model" => {
                if !explicit_model {
                    model_paths.clear();
                }
                model_paths.push(PathBuf::from(value("--model")?));
                explicit_model = true;
            }
            "--out" => out = PathBuf::from(value("--out")?),
            "--crate-name" => job.crate_name = Some(value("--crate-name")?),
            "--runtime" => {
                job.runtime = Some(smithy_codegen::RuntimeDep::parse(&value("--runtime")?)?);
            }
            "--service" => {
                let v = value("--service")?;
                job.service = Some(ShapeId::parse(&v).map_err(|e| e.to_string())?);
            }
            "--protocol-tests" => job.protocol_tests = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if job.crate_name.is_none() && !explicit_model {
        job.crate_name = Some("ivschat".to_string());
    }
    let out = if out.is_absolute() {
        out
    } else {
        std::env::current_dir()
            .map_err(|e| e.to_string())?
            .join(out)
    };

    let generated = xtask::generate_from(&model_paths, &out, job)?;
    let (files, t_load, t_gen) = (generated.files, generated.load, generated.generate);
    // Said where it is seen, not only in the crate's docs.
    for (op, why) in &generated.left_out {
        eprintln!("warning: operation {op} left out: {why}");
    }

    let t2 = Instant::now();
    if check {
        let drift = xtask::check(&files, &out).map_err(|e| e.to_string())?;
        if !drift.is_clean() {
            return Err(format!("{} is stale\n{drift}", out.display()));
        }
        println!(
            "{}: {} files up to date (load {} ms, generate {} ms, compare {} ms)",
            out.display(),
            files.0.len(),
            t_load.as_millis(),
            t_gen.as_millis(),
            t2.elapsed().as_millis()
        );
        return Ok(());
    }
    let report =
        xtask::write(&files, &out).map_err(|e| format!("writing {}: {e}", out.display()))?;
    for f in &report.written {
        println!("  wrote   {f}");
    }
    for f in &report.removed {
        println!("  removed {f}");
    }
    println!(
        "{}: {} written, {} unchanged, {} removed, {} lines (load {} ms, generate {} ms, write {} ms)",
        out.display(),
        report.written.len(),
        report.unchanged,
        report.removed.len(),
        files.line_count(),
        t_load.as_millis(),
        t_gen.as_millis(),
        t2.elapsed().as_millis()
    );
    Ok(())
}

//! Model inputs of the xtask commands: `.smithy` and `.json` files and directories of them,
//! assembled into one model with the IDL loader; and `cargo xtask model convert`.

use std::fs;
use std::path::{Path, PathBuf};

use smithy_model::Model;
use smithy_model::idl::Assembler;

/// The model files a path names: the file itself, or every `.smithy` and `.json` file below a
/// directory (sorted, so the result does not depend on the file system's order).
pub fn expand(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let p = entry.map_err(|e| e.to_string())?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "smithy" || e == "json") {
                out.push(p);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(format!("{}: no .smithy or .json files", path.display()));
    }
    Ok(out)
}

/// Loads and validates the model made of every file the paths name. Problems are rendered
/// with file, line and column; warnings go to stderr.
pub fn load(paths: &[PathBuf]) -> Result<Model, String> {
    let mut a = Assembler::new();
    for p in paths {
        for f in expand(p)? {
            let text = fs::read_to_string(&f)
                .map_err(|e| format!("cannot read model {}: {e}", f.display()))?;
            a.add_file(f.display().to_string(), text);
        }
    }
    match a.assemble() {
        Ok(done) => {
            for w in &done.warnings {
                eprintln!("warning: {w}");
            }
            Ok(done.model)
        }
        // The caller prints `error: ` before the message; the rendering starts with it too.
        Err(e) => Err(a
            .render(&e)
            .trim_end()
            .trim_start_matches("error: ")
            .to_string()),
    }
}

const USAGE: &str = "usage: cargo xtask model convert IN... [-o OUT]
  IN   .smithy or .json files, or directories (every .smithy and .json file below)
  -o   write the JSON AST 2.0 document here (atomically) instead of to stdout";

/// `cargo xtask model convert IN... [-o OUT]`
pub fn run(args: &[String]) -> Result<(), String> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(USAGE.into());
    };
    if cmd != "convert" {
        return Err(format!("unknown model command `{cmd}`\n{USAGE}"));
    }
    let mut inputs = Vec::new();
    let mut out = None;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--out" => {
                out = Some(PathBuf::from(
                    it.next()
                        .ok_or_else(|| format!("-o needs a value\n{USAGE}"))?,
                ))
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => inputs.push(PathBuf::from(other)),
        }
    }
    if inputs.is_empty() {
        return Err(USAGE.into());
    }
    let json = load(&inputs)?.to_json_ast_string();
    match out {
        None => print!("{json}"),
        Some(path) => {
            // Written beside the target and renamed, so a reader never sees half a file.
            let tmp = path.with_extension("json.tmp");
            fs::write(&tmp, &json).map_err(|e| format!("writing {}: {e}", tmp.display()))?;
            fs::rename(&tmp, &path).map_err(|e| format!("writing {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

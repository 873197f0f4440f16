//! The file work behind `cargo xtask codegen`, as a library so tests run the same check.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use smithy_codegen::Files;
use smithy_codegen::check::{Drift, compare};

/// What `cargo xtask codegen` generates, and how long each step took.
pub struct Generated {
    /// The generated files.
    pub files: Files,
    /// Reading and validating the model.
    pub load: std::time::Duration,
    /// Running the generator.
    pub generate: std::time::Duration,
}

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Loads `model` and generates the crate that belongs in `out` (the `smithy-runtime` path is
/// computed from `out`), exactly as `cargo xtask codegen` does.
pub fn generate(
    model: &Path,
    out: &Path,
    crate_name: Option<String>,
    service: Option<smithy_model::ShapeId>,
) -> Result<Generated, String> {
    let t0 = std::time::Instant::now();
    let bytes =
        fs::read(model).map_err(|e| format!("cannot read model {}: {e}", model.display()))?;
    let loaded =
        smithy_model::Model::load(&bytes).map_err(|e| format!("{}: {e}", model.display()))?;
    let load = t0.elapsed();
    let settings = smithy_codegen::Settings {
        crate_name,
        runtime_path: relative_path(out, &workspace_root().join("runtime")),
        service,
        ..smithy_codegen::Settings::default()
    };
    let t1 = std::time::Instant::now();
    let files = smithy_codegen::generate(&loaded, &settings).map_err(|e| e.to_string())?;
    Ok(Generated {
        files,
        load,
        generate: t1.elapsed(),
    })
}

/// The default job: `model/ivschat.json` → `generated-client/` as crate `ivschat`.
pub fn generate_ivschat() -> Result<(Generated, PathBuf), String> {
    let root = workspace_root();
    let out = root.join("generated-client");
    let g = generate(
        &root.join("model/ivschat.json"),
        &out,
        Some("ivschat".to_string()),
        None,
    )?;
    Ok((g, out))
}

/// Reads every file under `dir` (relative path with `/` → contents), skipping `target/`.
/// A missing directory reads as empty.
pub fn read_tree(dir: &Path) -> io::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            let rel = path
                .strip_prefix(dir)
                .map_err(io::Error::other)?
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if entry.file_type()?.is_dir() {
                if rel != "target" {
                    stack.push(path);
                }
            } else {
                let bytes = fs::read(&path)?;
                out.insert(rel, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    Ok(out)
}

/// The drift between `files` and the directory `out`.
pub fn check(files: &Files, out: &Path) -> io::Result<Drift> {
    Ok(compare(files, &read_tree(out)?))
}

/// What [`write`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they were new or changed.
    pub written: Vec<String>,
    /// Files left alone because they were already up to date.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: Vec<String>,
}

/// Writes `files` under `out` atomically (temp file + rename), leaving identical files
/// untouched, and removes files under `out` that are no longer generated (never outside `out`,
/// never under `target/`).
pub fn write(files: &Files, out: &Path) -> io::Result<WriteReport> {
    let existing = read_tree(out)?;
    let mut report = WriteReport::default();
    for (rel, contents) in files.iter() {
        let target = safe_join(out, rel)?;
        if existing.get(rel).map(String::as_str) == Some(contents) {
            report.unchanged += 1;
            continue;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let tmp = target.with_extension("codegen-tmp");
        fs::write(&tmp, contents)?;
        fs::rename(&tmp, &target)?;
        report.written.push(rel.to_string());
    }
    for rel in existing.keys() {
        if files.get(rel).is_none() {
            fs::remove_file(safe_join(out, rel)?)?;
            report.removed.push(rel.clone());
        }
    }
    Ok(report)
}

fn safe_join(out: &Path, rel: &str) -> io::Result<PathBuf> {
    let p = Path::new(rel);
    if p.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(out.join(p))
    } else {
        Err(io::Error::other(format!(
            "refusing to write `{rel}`: not a plain relative path"
        )))
    }
}

/// The path from directory `from` to directory `to` (both absolute or both relative to the
/// same base), e.g. `generated-client` → `runtime` gives `../runtime`.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let to: Vec<_> = to
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_path(Path::new("/w/generated-client"), Path::new("/w/runtime")),
            "../runtime"
        );
        assert_eq!(
            relative_path(
                Path::new("/w/target/codegen-fixtures/x"),
                Path::new("/w/runtime")
            ),
            "../../../runtime"
        );
        assert_eq!(
            relative_path(Path::new("/w"), Path::new("/w/runtime")),
            "runtime"
        );
    }

    #[test]
    fn writes_removes_stale_and_checks() {
        let dir = std::env::temp_dir().join(format!("xtask-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("src")).unwrap();
        fs::write(dir.join("src/old.rs"), "old").unwrap();
        let files = Files(vec![
            ("Cargo.toml".into(), "[package]\n".into()),
            ("src/lib.rs".into(), "//! x\n".into()),
        ]);
        assert!(!check(&files, &dir).unwrap().is_clean());
        let r = write(&files, &dir).unwrap();
        assert_eq!(r.written, ["Cargo.toml", "src/lib.rs"]);
        assert_eq!(r.removed, ["src/old.rs"]);
        assert!(check(&files, &dir).unwrap().is_clean());
        let again = write(&files, &dir).unwrap();
        assert_eq!(again.unchanged, 2);
        assert!(again.written.is_empty());
        assert!(write(&Files(vec![("../escape".into(), String::new())]), &dir).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}

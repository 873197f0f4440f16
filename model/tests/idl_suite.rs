//! Smithy's IDL conformance suite (`../shared/smithy/idl-conformance`) through the IDL loader.
//!
//! - `valid/**/*.smithy` with a `.json` beside it must load to a model equal to that JSON AST's
//!   (compared as loaded models, prelude and shape order aside);
//! - every other valid `.smithy` must load;
//! - every `invalid/**/*.smithy` must be rejected with the problem its first-line comment
//!   names: a syntax error at the same line and column, a validation error on the same shape
//!   id (the first one the comment names; a comment naming none only requires a rejection).
//!
//! Like Smithy's own runner, each valid case is loaded together with `valid/__shared.json`.
//! Cases that still fail are listed in [`KNOWN_FAILURES`] with the reason; the test asserts
//! that exactly those fail, so fixing one means deleting its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use smithy_model::idl::Assembler;
use smithy_model::{Error, Model, Shape};

/// Case (path below the suite) → why it fails.
const KNOWN_FAILURES: &[(&str, &str)] = &[(
    "valid/traits.smithy",
    // Trait values such as `1.7976931348623157E+309` exceed f64; serde_json keeps such numbers
    // only with its `arbitrary_precision` feature, which would change number handling for
    // every crate of the workspace (xtask builds smithy-model and smithy-runtime together, so
    // cargo unifies serde_json's features; generated clients do not depend on smithy-model, but
    // our tests of the runtime would then run with it). The loader reports them as out of range.
    "bigDecimal/bigInteger trait values beyond f64",
)];

fn suite() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/smithy/idl-conformance")
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn rel(path: &Path) -> String {
    path.strip_prefix(suite())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

fn shared() -> String {
    std::fs::read_to_string(suite().join("valid/__shared.json")).unwrap()
}

fn load(main: &Path, as_json: bool) -> Result<Model, (Assembler, Error)> {
    let mut a = Assembler::new();
    let text = std::fs::read_to_string(main).unwrap();
    if as_json {
        a.add_json(rel(main), text);
    } else {
        a.add_idl(rel(main), text);
    }
    a.add_json("valid/__shared.json", shared());
    a.assemble().map(|x| x.model).map_err(|e| (a, e))
}

/// The non-prelude shapes of a model, by id.
fn shapes(m: &Model) -> BTreeMap<String, Shape> {
    m.shapes()
        .filter(|s| !s.id.is_prelude())
        .map(|s| (s.id.to_string(), s.clone()))
        .collect()
}

/// Runs one case; `Err` says why it does not conform.
fn run_case(path: &Path) -> Result<(), String> {
    let name = rel(path);
    let result = std::panic::catch_unwind(|| check(path));
    match result {
        Ok(r) => r,
        Err(_) => Err(format!("{name}: panicked")),
    }
}

fn check(path: &Path) -> Result<(), String> {
    let name = rel(path);
    if name.starts_with("valid/") {
        let model = load(path, false).map_err(|(a, e)| a.render(&e))?;
        let json = path.with_extension("json");
        if json.exists() {
            let want =
                load(&json, true).map_err(|(a, e)| format!("expected JSON: {}", a.render(&e)))?;
            let (got, want) = (shapes(&model), shapes(&want));
            let mut diffs = Vec::new();
            for id in got
                .keys()
                .chain(want.keys())
                .collect::<std::collections::BTreeSet<_>>()
            {
                match (got.get(id), want.get(id)) {
                    (Some(g), Some(w)) if g == w => {}
                    (g, w) => diffs.push(format!("{id}:\n  got  {g:?}\n  want {w:?}")),
                }
            }
            if model.metadata() != want_metadata(&json)?.metadata() {
                diffs.push(format!(
                    "metadata: got {:?}, want {:?}",
                    model.metadata(),
                    want_metadata(&json)?.metadata()
                ));
            }
            if !diffs.is_empty() {
                return Err(diffs.join("\n"));
            }
        }
        return Ok(());
    }
    let text = std::fs::read_to_string(path).unwrap();
    let comment = text.lines().next().unwrap_or("").to_string();
    let mut a = Assembler::new();
    a.add_idl(name.clone(), text);
    let err = match a.assemble() {
        Ok(_) => return Err(format!("loaded, but should fail: {comment}")),
        Err(e) => e,
    };
    if let Some((line, column)) = syntax_position(&comment) {
        let first = err
            .problems
            .iter()
            .filter_map(|p| p.location.as_ref())
            .min_by_key(|l| (l.line, l.column));
        return match first {
            Some(l) if l.line == line && l.column == column => Ok(()),
            _ => Err(format!(
                "want a syntax error at {line}:{column} ({comment}), got:\n{}",
                a.render(&err)
            )),
        };
    }
    let ids = shape_ids(&comment);
    if !ids.is_empty() {
        let hit = ids.iter().any(|id| {
            err.problems.iter().any(|p| {
                let full = match (&p.shape, &p.member) {
                    (Some(s), Some(m)) => format!("{s}${m}"),
                    (Some(s), None) => s.clone(),
                    _ => String::new(),
                };
                full == *id || p.message.contains(id.as_str())
            })
        });
        if !hit {
            return Err(format!(
                "want a problem on one of {ids:?} ({comment}), got:\n{}",
                a.render(&err)
            ));
        }
    }
    Ok(())
}

fn want_metadata(json: &Path) -> Result<Model, String> {
    load(json, true).map_err(|(a, e)| a.render(&e))
}

/// `Syntax error at line L, column C` in the first-line comment.
fn syntax_position(comment: &str) -> Option<(usize, usize)> {
    let rest = comment.split("Syntax error at line ").nth(1)?;
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// Every `ns#Name` or `ns#Name$member` in the comment.
fn shape_ids(comment: &str) -> Vec<String> {
    let is_id = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '#' | '$');
    comment
        .split(|c: char| !is_id(c))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| {
            w.split_once('#')
                .is_some_and(|(ns, n)| !ns.is_empty() && !n.is_empty() && !ns.ends_with('.'))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn conformance() {
    let mut all = Vec::new();
    files(&suite(), "smithy", &mut all);
    all.sort();
    let mut failing: BTreeMap<String, String> = BTreeMap::new();
    let (mut with_json, mut other_valid, mut invalid) = ((0, 0), (0, 0), (0, 0));
    for path in &all {
        let name = rel(path);
        let result = run_case(path);
        let counter = if name.starts_with("invalid/") {
            &mut invalid
        } else if path.with_extension("json").exists() {
            &mut with_json
        } else {
            &mut other_valid
        };
        counter.1 += 1;
        match result {
            Ok(()) => counter.0 += 1,
            Err(why) => {
                failing.insert(name, why);
            }
        }
    }
    println!(
        "valid with JSON: {}/{}; other valid: {}/{}; invalid: {}/{}",
        with_json.0, with_json.1, other_valid.0, other_valid.1, invalid.0, invalid.1
    );
    let known: BTreeMap<&str, &str> = KNOWN_FAILURES.iter().copied().collect();
    let mut report = Vec::new();
    for (name, why) in &failing {
        if !known.contains_key(name.as_str()) {
            report.push(format!("FAILS (not in KNOWN_FAILURES): {name}\n{why}\n"));
        }
    }
    for name in known.keys() {
        if !failing.contains_key(*name) {
            report.push(format!("PASSES now, remove from KNOWN_FAILURES: {name}"));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
    assert_eq!(all.len(), with_json.1 + other_valid.1 + invalid.1);
}

/// The suite's `*.flattened.smithy` files write out what their mixin form means: loading both,
/// the mixin form without its `@mixin` shapes is the flattened model.
#[test]
fn flattened_files_equal_their_mixin_forms() {
    let mut all = Vec::new();
    files(&suite().join("valid/mixins"), "smithy", &mut all);
    all.sort();
    let mut compared = 0;
    for flat in all
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".flattened.smithy"))
    {
        let source = PathBuf::from(
            flat.to_string_lossy()
                .replace(".flattened.smithy", ".smithy"),
        );
        let got = load(&source, false).map_err(|(a, e)| a.render(&e)).unwrap();
        let want = load(flat, false).map_err(|(a, e)| a.render(&e)).unwrap();
        let mut got = shapes(&got);
        got.retain(|_, s| !s.traits.is_mixin());
        let want = shapes(&want);
        let keys = |m: &BTreeMap<String, Shape>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&got), keys(&want), "{}", rel(flat));
        for (id, shape) in &got {
            assert_eq!(Some(shape), want.get(id), "{}: {id}", rel(flat));
        }
        compared += 1;
    }
    assert_eq!(compared, 13);
}

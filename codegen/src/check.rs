//! Drift check: compare generated [`Files`] with what is on disk (read by the caller), as
//! `cargo xtask codegen --check` and the drift test do.

use std::collections::BTreeMap;
use std::fmt;

use crate::Files;

/// How the files on disk differ from the generated ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Generated but absent on disk.
    pub missing: Vec<String>,
    /// Present on disk but no longer generated.
    pub extra: Vec<String>,
    /// Present in both with different contents: (path, first differing line number (1-based),
    /// generated line, line on disk).
    pub differ: Vec<(String, usize, String, String)>,
}

impl Drift {
    /// True when the files on disk are exactly the generated ones.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.differ.is_empty()
    }
}

/// Compares `generated` with `existing` (relative path → contents of every file under the
/// output directory).
pub fn compare(generated: &Files, existing: &BTreeMap<String, String>) -> Drift {
    let mut drift = Drift::default();
    for (path, want) in generated.iter() {
        match existing.get(path) {
            None => drift.missing.push(path.to_string()),
            Some(have) if have != want => {
                let mut want_lines = want.lines();
                let mut have_lines = have.lines();
                let mut n = 0;
                loop {
                    n += 1;
                    match (want_lines.next(), have_lines.next()) {
                        (Some(a), Some(b)) if a == b => continue,
                        (None, None) => {
                            // Same lines, different line endings or final newline.
                            drift.differ.push((
                                path.to_string(),
                                n,
                                "<end of file>".into(),
                                "<end of file>".into(),
                            ));
                            break;
                        }
                        (a, b) => {
                            drift.differ.push((
                                path.to_string(),
                                n,
                                a.unwrap_or("<end of file>").to_string(),
                                b.unwrap_or("<end of file>").to_string(),
                            ));
                            break;
                        }
                    }
                }
            }
            Some(_) => {}
        }
    }
    for path in existing.keys() {
        if generated.get(path).is_none() {
            drift.extra.push(path.clone());
        }
    }
    drift
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_clean() {
            return f.write_str("generated files are up to date");
        }
        writeln!(f, "generated files are stale (run `cargo xtask codegen`):")?;
        for p in &self.missing {
            writeln!(f, "  missing: {p}")?;
        }
        for p in &self.extra {
            writeln!(f, "  extra (no longer generated): {p}")?;
        }
        for (p, line, want, have) in &self.differ {
            writeln!(f, "  differs: {p}, first at line {line}")?;
            writeln!(f, "    generated: {want}")?;
            writeln!(f, "    on disk:   {have}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_missing_extra_and_first_differing_line() {
        let generated = Files(vec![
            ("a.rs".into(), "x\ny\nz\n".into()),
            ("b.rs".into(), "same\n".into()),
            ("c.rs".into(), "new\n".into()),
        ]);
        let existing: BTreeMap<String, String> = [
            ("a.rs".to_string(), "x\nY\nz\n".to_string()),
            ("b.rs".to_string(), "same\n".to_string()),
            ("old.rs".to_string(), "gone\n".to_string()),
        ]
        .into();
        let d = compare(&generated, &existing);
        assert_eq!(d.missing, ["c.rs"]);
        assert_eq!(d.extra, ["old.rs"]);
        assert_eq!(
            d.differ,
            [("a.rs".to_string(), 2, "y".to_string(), "Y".to_string())]
        );
        let text = d.to_string();
        assert!(text.contains("differs: a.rs, first at line 2"), "{text}");
        assert!(!d.is_clean());
        let clean: BTreeMap<String, String> = generated
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        assert!(compare(&generated, &clean).is_clean());
    }

    #[test]
    fn a_shorter_file_on_disk_differs_at_its_end() {
        let generated = Files(vec![("a.rs".into(), "x\ny\n".into())]);
        let existing: BTreeMap<String, String> = [("a.rs".to_string(), "x\n".to_string())].into();
        let d = compare(&generated, &existing);
        assert_eq!(d.differ[0].1, 2);
        assert_eq!(d.differ[0].3, "<end of file>");
    }
}

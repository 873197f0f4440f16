//! Problems found while loading or validating a model.

use std::fmt;

/// Where in a source file a problem is (IDL files; JSON AST problems have none).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file's name as given to the assembler.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offsets of the marked text.
    pub start: usize,
    /// End of the marked text (exclusive).
    pub end: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One problem with a model: where it is (source location, shape id, member) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The place in an IDL file, when the problem has one.
    pub location: Option<Location>,
    /// The shape the problem is on (`None` for document-level problems).
    pub shape: Option<String>,
    /// The member of that shape, when the problem is on a member.
    pub member: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem with the document as a whole.
    pub fn document(message: impl Into<String>) -> Problem {
        Problem {
            location: None,
            shape: None,
            member: None,
            message: message.into(),
        }
    }

    /// A problem on a shape.
    pub fn shape(shape: impl ToString, message: impl Into<String>) -> Problem {
        Problem {
            location: None,
            shape: Some(shape.to_string()),
            member: None,
            message: message.into(),
        }
    }

    /// A problem on a member of a shape.
    pub fn member(
        shape: impl ToString,
        member: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            location: None,
            shape: Some(shape.to_string()),
            member: Some(member.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = &self.location {
            write!(f, "{l}: ")?;
        }
        match (&self.shape, &self.member) {
            (Some(s), Some(m)) => write!(f, "{s}${m}: {}", self.message),
            (Some(s), None) => write!(f, "{s}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

/// Every problem found in a model (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The problems, sorted and without duplicates.
    pub problems: Vec<Problem>,
}

impl Error {
    /// Sorts and de-duplicates `problems` (which must not be empty).
    pub fn new(mut problems: Vec<Problem>) -> Error {
        problems.sort();
        problems.dedup();
        Error { problems }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{n} problem{} in the model",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

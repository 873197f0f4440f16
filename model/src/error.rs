//! Problems found while loading or validating a model.

use std::fmt;

/// One problem with a model: where it is (shape id, member) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
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
            shape: None,
            member: None,
            message: message.into(),
        }
    }

    /// A problem on a shape.
    pub fn shape(shape: impl ToString, message: impl Into<String>) -> Problem {
        Problem {
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
            shape: Some(shape.to_string()),
            member: Some(member.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
    pub(crate) fn new(mut problems: Vec<Problem>) -> Error {
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

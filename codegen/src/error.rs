//! Codegen errors: what is wrong, in which schema file, at which JSON Pointer
//! inside it (and at which line and column, when the file is at hand).

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct CodegenError {
    pub file: String,
    /// JSON Pointer of the offending schema or keyword inside `file`.
    pub pointer: String,
    /// 1-based line and column of the pointer in `file`, when located.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// Whether the schema is at fault, or reading and writing files, or
    /// this is only a warning.
    pub kind: ErrorKind,
}

/// What went wrong: the CLI exits 3 for a schema it cannot use, 2 for I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The schema cannot be turned into types (or is not JSON at all).
    Schema,
    /// A folder or file could not be read or written.
    Io,
    /// Not an error: something the generator read past (an unknown
    /// keyword, taken as an annotation). Strict mode makes it an error.
    Warning,
}

impl CodegenError {
    /// A problem with a schema.
    pub fn new(file: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            pointer: pointer.into(),
            position: None,
            message: message.into(),
            kind: ErrorKind::Schema,
        }
    }

    /// Something the generator read past, at `pointer` in `file`.
    pub fn warning(file: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Warning,
            ..Self::new(file, pointer, message)
        }
    }

    /// A file or folder that could not be read or written.
    pub fn io(path: &str, message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Io,
            ..Self::new(path, "", message)
        }
    }
}

/// The same `file:line:col: #pointer: reason` line as `Display`, so that a
/// build script returning the error with `?` shows it readably.
impl fmt::Debug for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        // An I/O error is about a file or folder, not a place in a schema.
        if self.kind == ErrorKind::Io && self.pointer.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": #{}: {}", self.pointer, self.message)
        }
    }
}

impl std::error::Error for CodegenError {}

/// Every error of a run, so a build script can show them all at once.
#[derive(Clone, PartialEq, Eq)]
pub struct CodegenErrors(pub Vec<CodegenError>);

impl CodegenErrors {
    /// Whether every error is about reading or writing files, none about a
    /// schema.
    #[must_use]
    pub fn is_io(&self) -> bool {
        self.0.iter().all(|e| e.kind == ErrorKind::Io)
    }
}

/// The lines of `Display` (one per error): `fn main() -> Result<(),
/// Box<dyn Error>>` in a build script prints errors with `Debug`.
impl fmt::Debug for CodegenErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for CodegenErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CodegenErrors {}

impl From<CodegenError> for CodegenErrors {
    fn from(error: CodegenError) -> Self {
        Self(vec![error])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_prints_the_display_lines() {
        let mut located = CodegenError::new("a.schema.json", "/properties/x", "unsupported");
        located.position = Some((3, 7));
        let errors = CodegenErrors(vec![
            located,
            CodegenError::io("gone/", "cannot read folder"),
        ]);
        let shown = "a.schema.json:3:7: #/properties/x: unsupported\ngone/: cannot read folder";
        assert_eq!(errors.to_string(), shown);
        assert_eq!(format!("{errors:?}"), shown);
        let boxed: Box<dyn std::error::Error> = Box::new(errors.clone());
        assert_eq!(format!("{boxed:?}"), shown);
        assert!(!errors.is_io());
        assert!(CodegenErrors(errors.0[1..].to_vec()).is_io());
    }
}

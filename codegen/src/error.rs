//! Codegen errors: what is wrong, in which schema file, at which JSON Pointer
//! inside it (and at which line and column, when the file is at hand).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenError {
    pub file: String,
    /// JSON Pointer of the offending schema or keyword inside `file`.
    pub pointer: String,
    /// 1-based line and column of the pointer in `file`, when located.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl CodegenError {
    pub fn new(file: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            pointer: pointer.into(),
            position: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": #{}: {}", self.pointer, self.message)
    }
}

impl std::error::Error for CodegenError {}

/// Every error of a run, so a build script can show them all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenErrors(pub Vec<CodegenError>);

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

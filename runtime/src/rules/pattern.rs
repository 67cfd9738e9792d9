//! `pattern`: a string contains a match of a regular expression (JSON Schema
//! patterns are not anchored). Expressions are compiled once, on first use;
//! the generator has already refused any that does not compile, so a
//! pattern that fails here is reported, never a panic.
//!
//! Dialect: the `regex` crate's syntax, which agrees with ECMA-262 (JSON
//! Schema's dialect) on character classes, groups, alternation, anchors and
//! counted repetition, and has no look-around or back-references; the
//! generator refuses a pattern that uses them.

use std::sync::OnceLock;

use regex::Regex;

/// A pattern compiled on first use.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    #[must_use]
    pub const fn new(source: &'static str) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }

    #[must_use]
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// `Some(matches)`, or `None` if the expression does not compile.
    #[must_use]
    pub fn is_match(&self, s: &str) -> Option<bool> {
        self.compiled
            .get_or_init(|| Regex::new(self.source).ok())
            .as_ref()
            .map(|re| re.is_match(s))
    }
}

/// Whether `source` compiles in the dialect above.
pub fn compiles(source: &str) -> Result<(), String> {
    Compiled::new(source).map(drop)
}

/// A pattern compiled from text known only at run time (the schema engine).
#[derive(Debug, Clone)]
pub struct Compiled(Regex);

impl Compiled {
    pub fn new(source: &str) -> Result<Self, String> {
        Regex::new(source).map(Self).map_err(|e| e.to_string())
    }

    #[must_use]
    pub fn is_match(&self, s: &str) -> bool {
        self.0.is_match(s)
    }
}

/// `"abc" does not match `[0-9]+``.
#[must_use]
pub fn mismatch(s: &str, source: &str) -> String {
    format!(
        "{} does not match `{source}`",
        crate::describe::preview_str(s)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanchored_search() {
        static DIGITS: Pattern = Pattern::new("[0-9]{3}");
        assert_eq!(DIGITS.is_match("ab123"), Some(true));
        assert_eq!(DIGITS.is_match("12"), Some(false));
        static BROKEN: Pattern = Pattern::new("(");
        assert_eq!(BROKEN.is_match("x"), None);
        assert!(compiles("^a+$").is_ok());
        assert!(compiles("(?=a)").is_err());
    }
}

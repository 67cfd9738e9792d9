//! The result of checking one payload file, and its two renderings: human
//! lines (`file:line:column: pointer: message [rule]`) and one JSON object.

use std::collections::BTreeSet;
use std::io::{self, Write};

use dmforge_runtime::{pointer, Violation};
use serde_json::{json, Value};

use crate::engine::Validator;
use dmforge_runtime::locate::locate;
use dmforge_runtime::position::Position;

/// Exit status of `dmforge validate`: the worst over all files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Valid = 0,
    Invalid = 1,
    /// Usage errors, unknown schema ids and unreadable files.
    Usage = 2,
    /// A schema that cannot be generated or compiled.
    SchemaError = 3,
    /// `send`: the provider refused a message, or it failed after retries.
    Refused = 4,
}

/// A violation and where it is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub violation: Violation,
    pub position: Position,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Valid,
    Invalid(Vec<Finding>),
    /// The file could not be read (missing, a directory, no permission).
    Unreadable(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub file: String,
    pub schema: String,
    pub outcome: Outcome,
}

impl FileReport {
    #[must_use]
    pub fn status(&self) -> Status {
        match self.outcome {
            Outcome::Valid => Status::Valid,
            Outcome::Invalid(_) => Status::Invalid,
            Outcome::Unreadable(_) => Status::Usage,
        }
    }

    /// Reads `file` and checks it with `validator`.
    #[must_use]
    pub fn check_file(file: &str, schema: &str, validator: &Validator) -> Self {
        Self::check_path(std::path::Path::new(file), file, schema, validator)
    }

    /// Reads `path` (reported as `name`) and checks it with `validator`.
    #[must_use]
    pub fn check_path(
        path: &std::path::Path,
        name: &str,
        schema: &str,
        validator: &Validator,
    ) -> Self {
        let outcome = match std::fs::read(path) {
            Ok(bytes) => check_bytes(&bytes, validator),
            Err(error) => Outcome::Unreadable(format!("cannot read: {error}")),
        };
        Self {
            file: name.to_string(),
            schema: schema.to_string(),
            outcome,
        }
    }

    /// Checks bytes already read (standard input), reported under `name`.
    #[must_use]
    pub fn check_read(name: &str, bytes: &[u8], schema: &str, validator: &Validator) -> Self {
        Self {
            file: name.to_string(),
            schema: schema.to_string(),
            outcome: check_bytes(bytes, validator),
        }
    }

    /// The violations found (none for a valid or unreadable file).
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        match &self.outcome {
            Outcome::Invalid(findings) => findings,
            Outcome::Valid | Outcome::Unreadable(_) => &[],
        }
    }

    /// Human lines, one per violation, then a summary line.
    pub fn write_human(&self, out: &mut impl Write) -> io::Result<()> {
        let file = &self.file;
        match &self.outcome {
            Outcome::Valid => writeln!(out, "{file}: valid ({})", self.schema),
            Outcome::Unreadable(message) => writeln!(out, "{file}: error: {message}"),
            Outcome::Invalid(findings) => {
                for Finding {
                    violation,
                    position,
                } in findings
                {
                    let at = if violation.pointer.is_empty() {
                        "(root)"
                    } else {
                        &violation.pointer
                    };
                    writeln!(
                        out,
                        "{file}:{position}: {at}: {} [{}]",
                        violation.message, violation.rule
                    )?;
                }
                let n = findings.len();
                let plural = if n == 1 { "" } else { "s" };
                writeln!(
                    out,
                    "{file}: invalid, {n} violation{plural} ({})",
                    self.schema
                )
            }
        }
    }

    /// One machine-readable object for this file.
    #[must_use]
    pub fn to_json(&self) -> Value {
        match &self.outcome {
            Outcome::Valid => {
                json!({"file": self.file, "schema": self.schema, "valid": true, "violations": []})
            }
            Outcome::Unreadable(message) => {
                json!({"file": self.file, "schema": self.schema, "valid": false, "error": message})
            }
            Outcome::Invalid(findings) => json!({
                "file": self.file,
                "schema": self.schema,
                "valid": false,
                "violations": findings.iter().map(|f| json!({
                    "pointer": f.violation.pointer,
                    "rule": f.violation.rule,
                    "message": f.violation.message,
                    "line": f.position.line,
                    "column": f.position.column,
                })).collect::<Vec<_>>(),
            }),
        }
    }
}

/// Checks payload bytes; every violation is located in them.
#[must_use]
pub fn check_bytes(bytes: &[u8], validator: &Validator) -> Outcome {
    match validator.check(bytes) {
        Ok(violations) if violations.is_empty() => Outcome::Valid,
        Ok(violations) => Outcome::Invalid(place(bytes, violations)),
        Err(error) => Outcome::Invalid(vec![Finding {
            position: error.position(),
            violation: Violation::new(error.pointer(), error.rule(), error.to_string()),
        }]),
    }
}

/// Positions for violations, in file order: the value's own, or its nearest present ancestor's
/// (a missing member is reported at the object that lacks it).
fn place(bytes: &[u8], violations: Vec<Violation>) -> Vec<Finding> {
    let mut wanted = BTreeSet::new();
    for v in &violations {
        let mut p = v.pointer.as_str();
        loop {
            wanted.insert(p.to_string());
            match p.rfind('/') {
                Some(cut) => p = &p[..cut],
                None => break,
            }
        }
    }
    let found = locate(bytes, wanted.iter().map(String::as_str));
    let mut findings: Vec<Finding> = violations
        .into_iter()
        .map(|violation| {
            let mut tokens = pointer::tokens(&violation.pointer).unwrap_or_default();
            let position = loop {
                let p: String = tokens.iter().map(|t| pointer::child("", t)).collect();
                if let Some(position) = found.get(&p) {
                    break *position;
                }
                if tokens.pop().is_none() {
                    break Position::START;
                }
            };
            Finding {
                violation,
                position,
            }
        })
        .collect();
    // In file order, as a reader goes through the file; the sort is stable,
    // so findings at one place keep the engine's pointer-then-rule order.
    findings.sort_by_key(|finding| finding.position);
    findings
}

/// The totals of a run, for the human output's last line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub valid: usize,
    pub invalid: usize,
    pub unreadable: usize,
    pub violations: usize,
}

impl Summary {
    /// The totals over `reports`.
    #[must_use]
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Self::default();
        for report in reports {
            summary.files += 1;
            match &report.outcome {
                Outcome::Valid => summary.valid += 1,
                Outcome::Invalid(findings) => {
                    summary.invalid += 1;
                    summary.violations += findings.len();
                }
                Outcome::Unreadable(_) => summary.unreadable += 1,
            }
        }
        summary
    }
}

/// `N files: V valid, I invalid, K violations` (and `, U unreadable` when
/// some file could not be read).
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{}: {} valid, {} invalid, {}",
            plural(self.files, "file"),
            self.valid,
            self.invalid,
            plural(self.violations, "violation")
        )?;
        if self.unreadable > 0 {
            write!(f, ", {} unreadable", self.unreadable)?;
        }
        Ok(())
    }
}

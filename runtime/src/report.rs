//! Collecting violations: the [`Context`] a check writes into, and the
//! [`ValidationErrors`] a caller gets back.

use std::fmt;

use time::OffsetDateTime;

use crate::{Path, Violation};

/// Where checks report, and what they need to know about the world: "now",
/// for the rules that measure from it (`maxDaysAhead`).
#[derive(Debug, Clone)]
pub struct Context {
    violations: Vec<Violation>,
    now: OffsetDateTime,
    /// Set when parsing must stop: a duplicate key, at this pointer.
    duplicate_key: Option<String>,
    /// Why parsing must stop, once it must: a duplicate key, or text kept
    /// to read later that turned out not to be readable JSON (a number out
    /// of range). One field, so that the check as each object ends is one
    /// load.
    stop: Option<String>,
}

impl Context {
    /// A context whose "now" is `now`.
    #[must_use]
    pub fn at_time(now: OffsetDateTime) -> Self {
        Self {
            violations: Vec::new(),
            now,
            duplicate_key: None,
            stop: None,
        }
    }

    /// A context whose "now" is the system clock's.
    #[must_use]
    pub fn now() -> Self {
        Self::at_time(OffsetDateTime::now_utc())
    }

    #[must_use]
    pub fn time(&self) -> OffsetDateTime {
        self.now
    }

    /// Records that the value at `at` breaks `rule`.
    // Cold: every caller is on a path that only runs when a rule is broken,
    // so the compiler keeps the reporting code out of the valid path.
    #[cold]
    pub fn fail(&mut self, at: &Path<'_>, rule: &str, message: impl Into<String>) {
        self.violations
            .push(Violation::new(at.pointer(), rule, message.into()));
    }

    /// Records violations found elsewhere (the closest alternative's,
    /// checked apart to learn whether it matched).
    #[cold]
    pub fn extend(&mut self, violations: impl IntoIterator<Item = Violation>) {
        self.violations.extend(violations);
    }

    /// How many violations are recorded; parsing compares counts to learn
    /// whether a value was clean without building anything.
    #[must_use]
    pub fn count(&self) -> usize {
        self.violations.len()
    }

    /// A value that may also be `null` broke its type: the `type`
    /// violations recorded at `at` since `since` (`expected a string, found
    /// a number`) say so (`expected a string or null, …`), as the schema
    /// engine words a `["string", "null"]` type.
    #[cold]
    pub fn allow_null_in_type(&mut self, since: usize, at: &Path<'_>) {
        let pointer = at.pointer();
        for violation in self.violations.iter_mut().skip(since) {
            if violation.rule == "type" && violation.pointer == pointer {
                if let Some((expected, found)) = violation
                    .message
                    .strip_prefix("expected ")
                    .and_then(|rest| rest.split_once(", found "))
                {
                    violation.message =
                        crate::describe::type_mismatch(&format!("{expected} or null"), found);
                }
            }
        }
    }

    /// Forgets the violations recorded after the first `count`: an
    /// alternative's, when what is wrong is that another's member is there.
    pub(crate) fn discard_since(&mut self, count: usize) {
        self.violations.truncate(count);
    }

    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty()
    }

    #[cold]
    pub fn set_duplicate_key(&mut self, at: &Path<'_>) {
        let pointer = at.pointer();
        self.stop = Some(format!("duplicate key `{pointer}`"));
        self.duplicate_key = Some(pointer);
    }

    /// Records that the text kept at `at` to read later is not readable
    /// JSON, and why.
    #[cold]
    pub fn set_unreadable(&mut self, at: &Path<'_>, why: &str) {
        self.stop = Some(format!("{why} in `{}`", at.pointer()));
    }

    /// Why parsing must stop, if it must: a duplicate key, or text read
    /// later that is not readable JSON.
    #[inline]
    #[must_use]
    pub fn stopped(&self) -> Option<&str> {
        self.stop.as_deref()
    }

    /// The pointer of the duplicate key that stopped parsing, if one did.
    #[must_use]
    pub fn duplicate_key(&self) -> Option<&str> {
        self.duplicate_key.as_deref()
    }

    /// The violations, sorted by pointer then rule, without repeats.
    #[must_use]
    pub fn into_violations(mut self) -> Vec<Violation> {
        self.violations.sort();
        self.violations.dedup();
        self.violations
    }

    /// `Ok` when nothing was recorded.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.into_violations()))
        }
    }
}

/// Every violation found in a value, each with its JSON Pointer and rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<Violation>);

impl ValidationErrors {
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} violation{}", if n == 1 { "" } else { "s" })?;
        for (i, violation) in self.0.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_sorted_and_displays_every_violation() {
        let mut cx = Context::at_time(OffsetDateTime::UNIX_EPOCH);
        let root = Path::Root;
        let text = root.key("text");
        cx.fail(
            &text,
            "maxBytes",
            "1001 bytes, at most 1000 UTF-8 bytes allowed",
        );
        cx.fail(&root, "required", "missing required property `recipient`");
        assert_eq!(cx.count(), 2);
        let errors = cx.into_result().expect_err("two violations");
        assert_eq!(
            errors.to_string(),
            "2 violations: (root): missing required property `recipient` [required]; \
             /text: 1001 bytes, at most 1000 UTF-8 bytes allowed [maxBytes]"
        );
    }
}

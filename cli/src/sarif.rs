//! `dmforge validate --format sarif`: the run as one SARIF 2.1.0 log, so
//! that GitHub code scanning and editors show each violation inline.
//!
//! One result per violation: `ruleId` is the schema keyword (`maxBytes`,
//! `required`, …), the message is the pointer and dmforge's message, and the
//! physical location is the file with a region at the violation's start
//! line and column. Columns count Unicode code points, as dmforge's do, and
//! the run says so (`columnKind`). A file that could not be read is a tool
//! execution notification, not a result, and makes the invocation
//! unsuccessful.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::report::{FileReport, Outcome};

/// The SARIF version written.
pub const VERSION: &str = "2.1.0";
/// The schema of SARIF 2.1.0 logs, as the standard names it.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF log of a run over `reports`, against the schema `schema`.
#[must_use]
pub fn log(reports: &[FileReport], schema: &str) -> Value {
    // Rules in first-seen order would differ between runs over the same
    // violations in another order; sorted, they are stable.
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    for report in reports {
        for finding in report.findings() {
            rules.insert(&finding.violation.rule, 0);
        }
    }
    for (index, slot) in rules.values_mut().enumerate() {
        *slot = index;
    }
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for report in reports {
        match &report.outcome {
            Outcome::Valid => {}
            Outcome::Invalid(findings) => {
                for finding in findings {
                    let rule = finding.violation.rule.as_str();
                    let at = if finding.violation.pointer.is_empty() {
                        "(root)"
                    } else {
                        &finding.violation.pointer
                    };
                    results.push(json!({
                        "ruleId": rule,
                        "ruleIndex": rules.get(rule).copied().unwrap_or_default(),
                        "level": "error",
                        "message": {"text": format!("{at}: {}", finding.violation.message)},
                        "locations": [{
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri(&report.file)},
                                "region": {
                                    "startLine": finding.position.line,
                                    "startColumn": finding.position.column,
                                },
                            },
                            "logicalLocations": [{
                                "fullyQualifiedName": finding.violation.pointer,
                                "kind": "member",
                            }],
                        }],
                    }));
                }
            }
            Outcome::Unreadable(message) => notifications.push(json!({
                "level": "error",
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": uri(&report.file)}},
                }],
            })),
        }
    }
    let rules: Vec<Value> = rules
        .keys()
        .map(|rule| {
            json!({
                "id": rule,
                "shortDescription": {"text": format!("The JSON Schema rule `{rule}`, in {schema}.")},
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "dmforge",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// A relative URI reference for a file path: `/` separators, and the
/// characters a URI cannot hold percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'@'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'=' => out.push(byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("tests/a b/ü.json"), "tests/a%20b/%C3%BC.json");
        assert_eq!(uri("dir\\x%.json"), "dir/x%25.json");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }
}

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
/// Relative paths are given against `%SRCROOT%`, the folder dmforge ran in
/// (`cwd`, when known), as code scanning expects; absolute ones as `file:`
/// URIs.
#[must_use]
pub fn log(reports: &[FileReport], schema: &str) -> Value {
    let cwd = std::env::current_dir().ok();
    log_from(reports, schema, cwd.as_deref())
}

/// [`log`] with the folder relative paths are given against.
#[must_use]
pub fn log_from(reports: &[FileReport], schema: &str, cwd: Option<&std::path::Path>) -> Value {
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
        let artifact = artifact(&report.file);
        match &report.outcome {
            Outcome::Valid => {}
            Outcome::Invalid(findings) => {
                for finding in findings {
                    let rule = finding.violation.rule.as_str();
                    let pointer = &finding.violation.pointer;
                    let at = if pointer.is_empty() {
                        "(root)"
                    } else {
                        pointer
                    };
                    let mut location = json!({
                        "physicalLocation": {
                            "artifactLocation": artifact,
                            "region": {
                                "startLine": finding.position.line,
                                "startColumn": finding.position.column,
                            },
                        },
                    });
                    if !pointer.is_empty() {
                        location["logicalLocations"] =
                            json!([{"fullyQualifiedName": pointer, "kind": "member"}]);
                    }
                    results.push(json!({
                        "ruleId": rule,
                        "ruleIndex": rules.get(rule).copied().unwrap_or_default(),
                        "level": "error",
                        "message": {"text": format!("{at}: {}", finding.violation.message)},
                        "locations": [location],
                    }));
                }
            }
            Outcome::Unreadable(message) => notifications.push(json!({
                "level": "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
            })),
        }
    }
    let rules: Vec<Value> = rules
        .keys()
        .map(|rule| json!({"id": rule, "shortDescription": {"text": describe_rule(rule, schema)}}))
        .collect();
    let mut run = json!({
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
    });
    if let Some(root) = cwd.and_then(|cwd| file_uri(cwd).map(|uri| format!("{uri}/"))) {
        run["originalUriBaseIds"] = json!({SRCROOT: {"uri": root}});
    }
    json!({"$schema": SCHEMA_URI, "version": VERSION, "runs": [run]})
}

/// The base id relative paths are given against.
const SRCROOT: &str = "%SRCROOT%";

/// Where a report's file is: a relative path against `%SRCROOT%`, an
/// absolute one as a `file:` URI, standard input by description only.
fn artifact(file: &str) -> Value {
    if file == crate::inputs::STDIN_NAME {
        return json!({"description": {"text": "standard input"}});
    }
    let path = std::path::Path::new(file);
    if path.is_absolute() {
        if let Some(uri) = file_uri(path) {
            return json!({"uri": uri});
        }
    }
    json!({"uri": uri(file), "uriBaseId": SRCROOT})
}

/// `file:///abs/path`, for an absolute path.
fn file_uri(path: &std::path::Path) -> Option<String> {
    let text = path.to_str()?.replace('\\', "/");
    let text = text.strip_prefix('/').unwrap_or(&text);
    Some(format!("file:///{}", uri(text)))
}

/// What a rule means, for the log's rule list.
fn describe_rule(rule: &str, schema: &str) -> String {
    match rule {
        "json" => "The payload is well-formed JSON text.".to_string(),
        "duplicateKey" => "Every key appears once per object.".to_string(),
        "byteOrderMark" => "JSON text does not start with a byte-order mark.".to_string(),
        "forbidden" => format!("A member the schema {schema} forbids under a condition is absent."),
        keyword => format!("The JSON Schema keyword `{keyword}`, as {schema} states it."),
    }
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
        assert_eq!(
            file_uri(std::path::Path::new("/tmp/a b.json")).as_deref(),
            Some("file:///tmp/a%20b.json")
        );
        assert_eq!(
            artifact("<stdin>"),
            json!({"description": {"text": "standard input"}})
        );
        assert_eq!(
            artifact("x/y.json"),
            json!({"uri": "x/y.json", "uriBaseId": "%SRCROOT%"})
        );
    }
}

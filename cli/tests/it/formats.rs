//! dmforge's format checkers (`dmforge_runtime::rules`), which both engines
//! use, against the official JSON Schema Test Suite's format cases and
//! against the jsonschema crate's own checkers.

use std::path::Path;

use dmforge_runtime::rules::{date_time, uri};
use serde_json::{json, Value};

/// Every string case of `optional/format/<name>.json`: (data, valid).
fn suite_cases(name: &str) -> Vec<(String, bool)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/json-schema-test-suite/draft2020-12/optional/format")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let groups: Value = serde_json::from_str(&text).expect("suite file is JSON");
    let mut cases = Vec::new();
    for group in groups.as_array().expect("a list of groups") {
        for test in group["tests"].as_array().expect("tests") {
            if let Some(data) = test["data"].as_str() {
                cases.push((
                    data.to_string(),
                    test["valid"].as_bool().expect("valid flag"),
                ));
            }
        }
    }
    assert!(cases.len() > 10, "{name}: only {} cases", cases.len());
    cases
}

fn builtin(format: &str, data: &str) -> bool {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&json!({"format": format}))
        .expect("format schema compiles");
    validator.is_valid(&json!(data))
}

#[test]
fn uri_agrees_with_the_test_suite_and_the_jsonschema_crate() {
    let mut wrong = Vec::new();
    for (data, valid) in suite_cases("uri") {
        if uri::is_uri(&data) != valid || builtin("uri", &data) != valid {
            wrong.push(format!(
                "{data:?}: suite says {valid}, dmforge {}",
                uri::is_uri(&data)
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn date_time_agrees_with_the_test_suite() {
    let mut wrong = Vec::new();
    for (data, valid) in suite_cases("date-time") {
        if date_time::parse_rfc3339(&data).is_some() != valid {
            wrong.push(format!("{data:?}: suite says {valid}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

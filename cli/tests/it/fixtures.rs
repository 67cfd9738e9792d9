//! Every payload fixture under `tests/fixtures/<provider>/<message>/` gets the
//! verdict its folder names, and every invalid one is refused at exactly the
//! JSON Pointers, with exactly the rules, that its `.errors` file lists.
//!
//! Fixtures are judged at a fixed "now" (see tests/fixtures/README.md), so
//! the date rules give the same answer on every day the suite runs.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use dmforge_cli::engine::schema::SchemaValidator;
use dmforge_cli::engine::typed::TypedValidator;
use dmforge_cli::engine::Validator;
use dmforge_cli::registry;
use dmforge_cli::report::{check_bytes, Outcome};
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-11-23 00:00:00 UTC);

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn sorted_files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}

/// `(pointer, rule)` lines of an `.errors` file: `pointer<TAB>rule`.
fn expected_errors(path: &Path) -> BTreeSet<(String, String)> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|line| {
            let (pointer, rule) = line.split_once('\t').unwrap_or_else(|| {
                panic!("{}: `{line}` is not `pointer<TAB>rule`", path.display())
            });
            (pointer.to_string(), rule.to_string())
        })
        .collect()
}

#[test]
fn every_bundled_schema_has_valid_and_invalid_fixtures() {
    for id in registry::ids() {
        for verdict in ["valid", "invalid"] {
            let dir = fixtures_root().join(id).join(verdict);
            assert!(
                !sorted_files(&dir, "json").is_empty(),
                "{} has no fixtures",
                dir.display()
            );
        }
    }
}

#[test]
fn every_invalid_fixture_lists_its_errors_and_no_valid_one_does() {
    for id in registry::ids() {
        let invalid = fixtures_root().join(id).join("invalid");
        let payloads: Vec<PathBuf> = sorted_files(&invalid, "json");
        let errors: Vec<PathBuf> = sorted_files(&invalid, "errors");
        let stems = |files: &[PathBuf]| -> Vec<String> {
            files
                .iter()
                .map(|f| {
                    f.file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        };
        assert_eq!(
            stems(&payloads),
            stems(&errors),
            "{id}: .json and .errors pair up"
        );
        let valid = fixtures_root().join(id).join("valid");
        assert!(
            sorted_files(&valid, "errors").is_empty(),
            "{id}: a valid fixture has no errors"
        );
    }
}

/// Every fixture through `validator_for(schema)`, against its verdict and
/// `.errors` file.
fn check_every_fixture(
    engine: &str,
    validator_for: impl Fn(&'static registry::BundledSchema) -> Validator,
) {
    let mut failures = Vec::new();
    let mut checked = 0;
    for bundled in registry::BUNDLED {
        let validator = validator_for(bundled);
        for verdict in ["valid", "invalid"] {
            let dir = fixtures_root().join(bundled.id).join(verdict);
            for file in sorted_files(&dir, "json") {
                let bytes = fs::read(&file).expect("readable fixture");
                let found: BTreeSet<(String, String)> = match check_bytes(&bytes, &validator) {
                    Outcome::Valid => BTreeSet::new(),
                    Outcome::Invalid(findings) => findings
                        .into_iter()
                        .map(|f| (f.violation.pointer, f.violation.rule))
                        .collect(),
                    Outcome::Unreadable(message) => panic!("{message}"),
                };
                let expected = if verdict == "valid" {
                    BTreeSet::new()
                } else {
                    expected_errors(&file.with_extension("errors"))
                };
                if found != expected {
                    failures.push(format!(
                        "{}\n  expected {expected:?}\n  found    {found:?}",
                        file.strip_prefix(fixtures_root())
                            .unwrap_or(&file)
                            .display()
                    ));
                }
                checked += 1;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{engine} engine: {} of {checked} fixtures disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 150, "only {checked} fixtures were checked");
}

#[test]
fn schema_engine_gives_every_fixture_its_verdict_and_pointers() {
    check_every_fixture("schema", |bundled| {
        Validator::Schema(
            SchemaValidator::bundled(bundled, NOW).unwrap_or_else(|e| panic!("{e:?}")),
        )
    });
}

/// With the schema engine's test above, this is the agreement check: both
/// engines give every fixture the same verdict and the same pointers.
#[test]
fn typed_engine_gives_every_fixture_its_verdict_and_pointers() {
    check_every_fixture("typed", |bundled| {
        Validator::Typed(
            TypedValidator::find(bundled.id, NOW)
                .unwrap_or_else(|| panic!("no typed checker for {}", bundled.id)),
        )
    });
}

/// Every valid fixture read into the generated types and written back is
/// the same JSON value: the types keep every member, name and value. The
/// one difference allowed is a date-time of a provider's format read in
/// another form the format accepts (Infobip's `sendAt` in RFC 3339): it is
/// written in the provider's own form, as the same instant.
#[test]
fn valid_fixtures_round_trip_through_the_generated_types() {
    let mut failures = Vec::new();
    let mut rewritten = 0;
    for typed in dmforge::SCHEMAS {
        for file in sorted_files(&fixtures_root().join(typed.id).join("valid"), "json") {
            let bytes = fs::read(&file).expect("readable fixture");
            let original: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
            match (typed.reserialize)(&bytes) {
                Ok(again) if again == original => {}
                Ok(again) if same_but_date_times(&original, &again) => rewritten += 1,
                Ok(again) => failures.push(format!("{}: came back as {again}", file.display())),
                Err(error) => failures.push(format!("{}: {error}", file.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The RFC 3339 `sendAt` fixture is the one rewritten.
    assert_eq!(rewritten, 1);
}

/// Whether `again` is `original` but for strings that are the same instant,
/// written in Infobip's `yyyy-MM-dd'T'HH:mm:ss.SSS±hhmm`.
fn same_but_date_times(original: &serde_json::Value, again: &serde_json::Value) -> bool {
    use dmforge::runtime::rules::date_time::parse_infobip;
    use serde_json::Value;
    match (original, again) {
        (Value::String(a), Value::String(b)) if a != b => {
            let infobip_form = b.len() == 28
                && b.as_bytes().get(19) == Some(&b'.')
                && b.get(23..).is_some_and(|offset| !offset.contains(':'));
            infobip_form && parse_infobip(a).is_some() && parse_infobip(a) == parse_infobip(b)
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_but_date_times(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, a)| b.get(key).is_some_and(|b| same_but_date_times(a, b)))
        }
        (a, b) => a == b,
    }
}

/// The schema schemars derives from each generated type accepts every valid
/// fixture (it is looser than the source: it does not know dmforge's
/// extension rules, so it is not expected to refuse the invalid ones).
#[test]
fn schemars_schemas_of_the_generated_types_accept_every_valid_fixture() {
    use dmforge::runtime::parse::json_schema;
    use dmforge::{abebot, infobip, meta_graph, webex_connect};
    let schemas = [
        (
            "abebot/send_image",
            json_schema::<abebot::send_image::SendImage>(),
        ),
        (
            "abebot/send_text",
            json_schema::<abebot::send_text::SendText>(),
        ),
        (
            "abebot/error_response",
            json_schema::<abebot::error_response::ErrorResponse>(),
        ),
        (
            "infobip/error_response",
            json_schema::<infobip::error_response::ErrorResponse>(),
        ),
        (
            "meta_graph/error_response",
            json_schema::<meta_graph::error_response::ErrorResponse>(),
        ),
        (
            "meta_graph/send_response",
            json_schema::<meta_graph::send_response::SendResponse>(),
        ),
        (
            "webex_connect/error_response",
            json_schema::<webex_connect::error_response::ErrorResponse>(),
        ),
        (
            "webex_connect/send_response",
            json_schema::<webex_connect::send_response::SendResponse>(),
        ),
        (
            "infobip/send_message",
            json_schema::<infobip::send_message::SendMessage>(),
        ),
        (
            "infobip/send_response",
            json_schema::<infobip::send_response::SendResponse>(),
        ),
        (
            "meta_graph/send_message",
            json_schema::<meta_graph::send_message::SendMessage>(),
        ),
        (
            "webex_connect/send_message",
            json_schema::<webex_connect::send_message::SendMessage>(),
        ),
    ];
    assert_eq!(
        schemas.len(),
        dmforge::SCHEMAS.len(),
        "a bundled schema is missing here"
    );
    let mut failures = Vec::new();
    for (id, schema) in schemas {
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{id}: schemars schema does not compile: {e}"));
        for file in sorted_files(&fixtures_root().join(id).join("valid"), "json") {
            let value: serde_json::Value =
                serde_json::from_slice(&fs::read(&file).expect("fixture")).expect("JSON");
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{} {e}", e.instance_path().as_str()))
                .collect();
            if !errors.is_empty() {
                failures.push(format!("{}: {}", file.display(), errors.join("; ")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Both engines word every violation of every fixture the same: the same
/// position, pointer, rule and message, line for line.
#[test]
fn both_engines_word_every_violation_the_same() {
    let mut differences = Vec::new();
    let mut compared = 0;
    for bundled in registry::BUNDLED {
        let schema = Validator::Schema(
            SchemaValidator::bundled(bundled, NOW).unwrap_or_else(|e| panic!("{e:?}")),
        );
        let typed = Validator::Typed(
            TypedValidator::find(bundled.id, NOW)
                .unwrap_or_else(|| panic!("no typed checker for {}", bundled.id)),
        );
        for file in sorted_files(&fixtures_root().join(bundled.id).join("invalid"), "json") {
            let bytes = fs::read(&file).expect("readable fixture");
            let lines = |validator: &Validator| -> Vec<String> {
                match check_bytes(&bytes, validator) {
                    Outcome::Invalid(findings) => findings
                        .into_iter()
                        .map(|f| {
                            format!(
                                "{}: {}: {} [{}]",
                                f.position,
                                f.violation.pointer,
                                f.violation.message,
                                f.violation.rule
                            )
                        })
                        .collect(),
                    other => vec![format!("{other:?}")],
                }
            };
            let (by_schema, by_typed) = (lines(&schema), lines(&typed));
            compared += by_schema.len();
            if by_schema != by_typed {
                differences.push(format!(
                    "{}\n  schema {by_schema:#?}\n  typed  {by_typed:#?}",
                    file.display()
                ));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(compared > 100, "only {compared} violations compared");
}

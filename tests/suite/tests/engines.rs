//! Both engines give every case of every accepted Test Suite schema the same
//! violations, as (pointer, rule) pairs: the generated types (the typed
//! engine) and the schema as written, through jsonschema (the schema
//! engine). The suite itself only says valid or not; this says where and
//! why, and that the two agree on it.

use std::collections::BTreeSet;
use std::path::Path;

use dmforge_cli::engine::schema::SchemaValidator;
use dmforge_codegen::bundle::{Resources, DYNAMIC_ACROSS_RESOURCES};
use dmforge_runtime::Context;
use dmforge_suite::generated::SCHEMAS;
use dmforge_suite::{CASES, SCHEMA_TEXTS};

type Found = BTreeSet<(String, String)>;

#[test]
fn both_engines_report_every_case_alike() {
    let now = time::OffsetDateTime::UNIX_EPOCH;
    let mut resources = Resources::default();
    resources.prefixes.push((
        "http://localhost:1234/".to_string(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/json-schema-test-suite/remotes"),
    ));
    let mut wrong = Vec::new();
    let mut compared = 0;
    let mut refused = 0;
    for (id, text) in SCHEMA_TEXTS {
        let schema = match SchemaValidator::compile_with(id, text, now, &resources) {
            Ok(schema) => schema.accepting_any_top_level(),
            // The one refusal the schema engine is allowed, with its reason:
            // jsonschema reads one resource, the generator follows many.
            Err(errors) if errors.iter().all(|e| e.message == DYNAMIC_ACROSS_RESOURCES) => {
                refused += 1;
                continue;
            }
            Err(errors) => {
                wrong.push(format!("{id}: the schema engine refuses it: {errors:?}"));
                continue;
            }
        };
        let typed = SCHEMAS
            .iter()
            .find(|s| s.id == *id)
            .unwrap_or_else(|| panic!("{id} was not generated"));
        for case in CASES.iter().filter(|c| c.id == *id) {
            let mut cx = Context::at_time(now);
            let by_typed: Found = match (typed.check)(case.data.as_bytes(), &mut cx) {
                Ok(()) => cx
                    .into_violations()
                    .into_iter()
                    .map(|v| (v.pointer, v.rule))
                    .collect(),
                Err(error) => [(String::new(), format!("unreadable: {error}"))].into(),
            };
            let instance: serde_json::Value =
                serde_json::from_str(case.data).expect("the suite's data is JSON");
            let by_schema: Found = schema
                .validate(&instance)
                .into_iter()
                .map(|v| (v.pointer, v.rule))
                .collect();
            compared += 1;
            if by_typed != by_schema {
                wrong.push(format!(
                    "{id} [{}] {}: typed {by_typed:?}, schema {by_schema:?}",
                    case.description, case.data
                ));
            }
        }
    }
    println!(
        "{compared} cases compared; {refused} schemas the schema engine refuses \
         (`$dynamicRef` across resources)"
    );
    assert!(compared > 1900, "only {compared} cases compared");
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

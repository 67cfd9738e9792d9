//! The providers' published specs: every example they give for a schema the
//! generator typed gets the same verdict from the generated types as from
//! the schema engine (jsonschema over the same schema, in its OpenAPI
//! version's dialect); examples that the schema refuses are listed with the
//! reason, which is the spec disagreeing with itself.

use std::path::Path;

use dmforge_cli::engine::schema::SchemaValidator;
use dmforge_cli::engine::typed::TypedValidator;
use dmforge_cli::engine::Validator;
use dmforge_cli::report::{check_bytes, Outcome};
use dmforge_codegen::openapi::{entries, entry_documents, parse};
use dmforge_provider_specs::SCHEMAS;
use serde_json::Value;

const PROVIDERS: &[(&str, &str)] = &[
    ("discord", "discord/openapi.json"),
    ("line", "line/openapi.yaml"),
    ("resend", "resend/openapi.yaml"),
    ("sendgrid", "sendgrid/openapi.json"),
    ("twilio", "twilio/openapi.json"),
    ("vonage", "vonage/openapi.yaml"),
    ("whatsapp", "whatsapp/openapi.json"),
];

fn document(file: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../data/provider-specs")
        .join(file);
    let text =
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse(file, &text).unwrap_or_else(|e| panic!("{file}: {e:?}"))
}

/// The examples a spec gives for the schema at `pointer`: the schema's own
/// `example` / `examples`, and, for a body, its media type's.
fn examples(document: &Value, pointer: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(schema) = document.pointer(pointer) {
        if let Some(example) = schema.get("example") {
            out.push((format!("{pointer}/example"), example.clone()));
        }
        for (i, example) in schema
            .get("examples")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            out.push((format!("{pointer}/examples/{i}"), example.clone()));
        }
    }
    if let Some(media) = pointer
        .strip_suffix("/schema")
        .and_then(|m| document.pointer(m))
    {
        let at = pointer.trim_end_matches("/schema");
        if let Some(example) = media.get("example") {
            out.push((format!("{at}/example"), example.clone()));
        }
        for (name, example) in media
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if let Some(value) = example.get("value") {
                out.push((format!("{at}/examples/{name}/value"), value.clone()));
            }
        }
    }
    out
}

fn verdict(validator: &Validator, payload: &Value) -> Result<(), Vec<String>> {
    let text = payload.to_string();
    match check_bytes(text.as_bytes(), validator) {
        Outcome::Valid => Ok(()),
        Outcome::Invalid(findings) => Err(findings
            .into_iter()
            .map(|f| format!("{} [{}]", f.violation.pointer, f.violation.rule))
            .collect()),
        Outcome::Unreadable(message) => Err(vec![message]),
    }
}

#[test]
fn every_spec_generates_types_for_its_send_message_bodies() {
    for (provider, file) in PROVIDERS {
        let document = document(file);
        let bodies = entries(&document)
            .into_iter()
            .filter(|e| e.name.ends_with("Request"))
            .count();
        let typed = SCHEMAS
            .iter()
            .filter(|s| s.id.starts_with(&format!("{provider}/")) && s.id.ends_with("_request"))
            .count();
        assert!(typed > 0, "{provider}: no request type");
        assert!(
            typed >= bodies.min(1),
            "{provider}: {typed} of {bodies} request bodies typed"
        );
    }
}

#[test]
fn every_example_gets_the_schema_engines_verdict() {
    let now = time::OffsetDateTime::UNIX_EPOCH;
    let (mut checked, mut refused) = (0, Vec::new());
    let mut disagreements = Vec::new();
    for (provider, file) in PROVIDERS {
        let document = document(file);
        let specs = entries(&document);
        for ((id, schema_document), entry) in
            entry_documents(provider, &document).into_iter().zip(&specs)
        {
            let found = examples(&document, &entry.pointer);
            if found.is_empty() {
                continue;
            }
            let Some(typed) = SCHEMAS.iter().find(|s| s.id == id) else {
                continue;
            };
            let typed = Validator::Typed(TypedValidator::new(typed, now).accepting_any_top_level());
            let schema = SchemaValidator::compile(&id, &schema_document.to_string(), now)
                .unwrap_or_else(|e| panic!("{id}: the schema engine refuses it: {e:?}"))
                .accepting_any_top_level();
            let schema = Validator::Schema(schema);
            for (at, example) in found {
                checked += 1;
                let (by_types, by_schema) = (verdict(&typed, &example), verdict(&schema, &example));
                if by_types.is_ok() != by_schema.is_ok() {
                    disagreements.push(format!(
                        "{file}#{at} ({id}): types {by_types:?}, schema {by_schema:?}"
                    ));
                } else if let Err(reasons) = by_types {
                    refused.push(format!("{file}#{at}: {}", reasons.join(", ")));
                }
            }
        }
    }
    println!(
        "{checked} examples checked; {} refused by the spec's own schema:",
        refused.len()
    );
    for line in &refused {
        println!("  {line}");
    }
    assert!(checked >= 20, "only {checked} examples found");
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

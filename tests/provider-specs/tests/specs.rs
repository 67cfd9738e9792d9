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

/// An OpenAPI operation is sent as its document says: method, server and
/// path, body encoding, security scheme; its responses are typed.
#[test]
fn operations_become_requests_with_their_servers_paths_and_security() {
    use dmforge::runtime::endpoint::Operation;
    use dmforge::runtime::http::{HeaderMap, StatusCode};
    use dmforge::runtime::request::{Credential, Target, ToRequest};
    use dmforge_provider_specs::{twilio, whatsapp};

    // Twilio: a form body in OpenAPI's style (a list's name repeated,
    // `true` as a word), HTTP Basic, the account in the path.
    let sms: twilio::CreateMessageRequest = serde_json::from_value(serde_json::json!({
        "To": "+15558675310", "From": "+15017122661", "Body": "Hi",
        "MediaUrl": ["https://x.test/a.jpg", "https://x.test/b.jpg"], "ShortenUrls": true
    }))
    .expect("valid");
    let request = sms
        .to_request(
            &Target::new().parameter("AccountSid", "AC123"),
            &Credential::Token("QUMxMjM6c2VjcmV0".into()),
        )
        .expect("a request");
    assert_eq!(
        request.uri(),
        "https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json"
    );
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    assert_eq!(
        header("authorization").as_deref(),
        Some("Basic QUMxMjM6c2VjcmV0")
    );
    assert_eq!(
        header("content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        std::str::from_utf8(request.body()).expect("text"),
        "Body=Hi&From=%2B15017122661&MediaUrl=https%3A%2F%2Fx.test%2Fa.jpg&MediaUrl=https%3A%2F%2Fx.test%2Fb.jpg&ShortenUrls=true&To=%2B15558675310"
    );
    // Its 201 is read as the spec's message resource.
    let created = twilio::CreateMessageRequest::read_response(
        StatusCode::CREATED,
        &HeaderMap::new(),
        br#"{"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued"}"#,
    )
    .expect("the message resource");
    assert_eq!(
        created.sid.flatten().map(|sid| sid.to_string()).as_deref(),
        Some("SM0123456789abcdef0123456789abcdef")
    );

    // WhatsApp Cloud API: JSON and a bearer token, two path variables.
    let endpoint = <whatsapp::SendMessageRequest as Operation>::ENDPOINT;
    assert_eq!(endpoint.method, "POST");
    assert_eq!(endpoint.path, Some("/{Version}/{Phone-Number-ID}/messages"));
    assert_eq!(endpoint.auth, dmforge::runtime::endpoint::Auth::Bearer);
    // Every request body of every spec that has a type and a credential
    // dmforge can send gets an endpoint; LINE's `validate*` operations
    // share one body type, sent to the first of them.
    let requests: Vec<&str> = dmforge_provider_specs::SCHEMAS
        .iter()
        .filter(|s| s.endpoint.is_some())
        .map(|s| s.id)
        .collect();
    for id in [
        "discord/create_message_request",
        "line/push_message_request",
        "resend/emails_send_request",
        "twilio/create_message_request",
        "vonage/new_message_request",
        "whatsapp/send_message_request",
    ] {
        assert!(requests.contains(&id), "{id} not in {requests:?}");
    }
    assert!(!requests.contains(&"line/validate_push_request"));
}

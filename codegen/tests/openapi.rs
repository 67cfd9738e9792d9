//! OpenAPI documents as a source of types: the published specs of messaging
//! providers in `tests/data/provider-specs` are read, and every schema they
//! hold gets a type or is left out with its reason.

use std::path::Path;

use dmforge_codegen::openapi::load_openapi;
use dmforge_codegen::LoadOptions;

fn spec(provider: &str) -> (String, Vec<u8>) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/provider-specs")
        .join(provider);
    for name in ["openapi.json", "openapi.yaml"] {
        let path = folder.join(name);
        if let Ok(text) = std::fs::read(&path) {
            return (format!("{provider}/{name}"), text);
        }
    }
    panic!("no spec in {}", folder.display());
}

#[test]
fn every_published_provider_spec_is_read() {
    for provider in [
        "discord", "line", "resend", "sendgrid", "twilio", "vonage", "whatsapp",
    ] {
        let (file, text) = spec(provider);
        let module = load_openapi(provider, &file, &text, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{file}: {e:#?}"));
        let left_out = module
            .warnings
            .iter()
            .filter(|w| w.message.contains("is left out"))
            .count();
        println!(
            "{provider}: {} entries, {} types, {} value schemas, {} warnings ({left_out} left out)",
            module.entries.len(),
            module.types.len(),
            module.values.len(),
            module.warnings.len()
        );
        for w in &module.warnings {
            println!("  {w}");
        }
        assert!(!module.entries.is_empty(), "{provider}: no types");
    }
}

const TINY_30: &str = r#"
openapi: 3.0.3
info: {title: Tiny, version: "1"}
paths:
  /messages:
    post:
      operationId: sendMessage
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Message'}
      responses:
        '200':
          content:
            application/json:
              schema:
                type: object
                properties: {id: {type: string}}
  /forms:
    post:
      operationId: sendForm
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties: {Body: {type: string, maxLength: 3}}
components:
  schemas:
    Message:
      type: object
      required: [to]
      properties:
        to: {type: string, maxLength: 5, example: "+1"}
        note: {type: string, nullable: true}
        count: {type: integer, format: int64, minimum: 1, exclusiveMinimum: true}
        kind: {$ref: '#/components/schemas/Kind', description: ignored beside $ref in 3.0}
    Kind: {type: string, enum: [text, image], x-extensible-enum: true}
"#;

/// OpenAPI 3.0, in YAML: its nullable is an `Option`, its boolean exclusive
/// bounds draft 4's, `$ref` siblings ignored, vendor keywords read past;
/// operation bodies are named from the operationId, a form body typed too.
#[test]
fn openapi_30_schemas_are_read_in_their_own_dialect() {
    use dmforge_codegen::ir::{FieldType, TypeKind};
    let module = load_openapi(
        "tiny",
        "tiny.yaml",
        TINY_30.as_bytes(),
        &LoadOptions::default(),
    )
    .expect("read");
    let names: Vec<&str> = module.entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Message",
            "Kind",
            "SendMessageRequest",
            "SendMessageResponse200",
            "SendFormRequest"
        ]
    );
    assert!(module.warnings.is_empty(), "{:?}", module.warnings);
    let (_, message) = module.entries[0];
    assert_eq!(
        module.entries[2].1, message,
        "a $ref body is the component's type"
    );
    let TypeKind::Struct(def) = &module.types[message.0].kind else {
        panic!("Message is a struct");
    };
    let field = |wire: &str| &def.fields.iter().find(|f| f.wire == wire).expect(wire).ty;
    assert!(
        matches!(field("note"), FieldType::Nullable(inner) if module.string_rules(inner).is_some())
    );
    let Some(count) = module.integer_rules(field("count")) else {
        panic!("count is an integer");
    };
    assert_eq!((count.minimum, count.exclusive_minimum), (Some(2), true));
    assert!(matches!(field("kind"), FieldType::Named(_)));
}

#[test]
fn documents_that_are_not_openapi_3_are_refused_with_the_reason() {
    for (text, pointer, says) in [
        (
            r#"{"swagger": "2.0"}"#,
            "/swagger",
            "Swagger 2.0 is not read",
        ),
        (
            r#"{"openapi": "4.0.0"}"#,
            "/openapi",
            "dmforge reads OpenAPI 3.0 and 3.1",
        ),
        (r#"{"info": {}}"#, "", "no `openapi` version"),
        ("openapi: [3", "", "not valid YAML"),
    ] {
        let errors =
            load_openapi("x", "x.yaml", text.as_bytes(), &LoadOptions::default()).expect_err(text);
        assert_eq!(errors[0].pointer, pointer, "{text}");
        assert!(
            errors[0].message.contains(says),
            "{text}: {}",
            errors[0].message
        );
    }
}

/// `readOnly` members are not part of a request's type, `writeOnly` ones
/// not of a response's: each way gets a type of its own when a schema has
/// such members, and neither requires what it leaves out.
#[test]
fn read_only_and_write_only_members_shape_request_and_response_types() {
    use dmforge_codegen::ir::TypeKind;
    let spec = r##"{
      "openapi": "3.1.0",
      "info": {"title": "Notes", "version": "1"},
      "paths": {"/notes": {"post": {
        "operationId": "createNote",
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}},
        "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}}}
      }}},
      "components": {"schemas": {"Note": {
        "type": "object",
        "required": ["id", "text", "password"],
        "properties": {
          "id": {"type": "string", "readOnly": true},
          "text": {"type": "string"},
          "password": {"type": "string", "writeOnly": true}
        }
      }}}
    }"##;
    let module = load_openapi(
        "notes",
        "notes.json",
        spec.as_bytes(),
        &LoadOptions::default(),
    )
    .expect("read");
    let members = |entry: &str| -> Vec<(String, bool)> {
        let (_, id) = module
            .entries
            .iter()
            .find(|(n, _)| n == entry)
            .expect(entry);
        let TypeKind::Struct(def) = &module.types[id.0].kind else {
            panic!("{entry} is a struct");
        };
        def.fields
            .iter()
            .map(|f| (f.wire.clone(), f.required))
            .collect()
    };
    let owned = |list: &[(&str, bool)]| -> Vec<(String, bool)> {
        list.iter().map(|(n, r)| (n.to_string(), *r)).collect()
    };
    assert_eq!(
        members("Note"),
        owned(&[("id", true), ("text", true), ("password", true)])
    );
    assert_eq!(
        members("CreateNoteRequest"),
        owned(&[("text", true), ("password", true)])
    );
    assert_eq!(
        members("CreateNoteResponse201"),
        owned(&[("id", true), ("text", true)])
    );
    // The schema engine's document for the request leaves the same out.
    let document: serde_json::Value = serde_json::from_str(spec).expect("JSON");
    let documents = dmforge_codegen::openapi::entry_documents("notes", &document);
    let (_, request) = documents
        .iter()
        .find(|(id, _)| id == "notes/create_note_request")
        .expect("the request's document");
    let note = &request["components"]["schemas"]["Note"];
    assert_eq!(note["required"], serde_json::json!(["text", "password"]));
    assert!(note["properties"].get("id").is_none());
}

/// A document none of whose schemas can be typed has nothing to generate:
/// refused, with the reasons as warnings beside it.
#[test]
fn a_document_with_nothing_to_type_is_refused() {
    let spec = r##"{"openapi": "3.1.0", "info": {"title": "x", "version": "1"},
      "components": {"schemas": {"A": {"$recursiveRef": "#"}}}}"##;
    let errors = load_openapi("x", "x.json", spec.as_bytes(), &LoadOptions::default())
        .expect_err("nothing to generate");
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("nothing to generate")),
        "{errors:?}"
    );
}

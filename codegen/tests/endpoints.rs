//! A schema's `endpoint` becomes an `ENDPOINT` const and an `Operation`
//! impl naming its response types; a malformed one, or one naming a
//! response schema that is not generated, is refused where it is.

use dmforge_codegen::load::load_text;
use dmforge_codegen::{link_endpoints, render};

fn schema(endpoint: &str) -> String {
    format!(
        r#"{{
  "title": "Post note",
  "type": "object",
  "properties": {{"text": {{"type": "string"}}, "photo": {{"type": "string", "base64File": {{"maxBytes": 10, "mediaTypes": ["image/png"]}}}}}},
  "endpoint": {endpoint}
}}"#
    )
}

const RESPONSE: &str =
    r#"{"title": "Note created", "type": "object", "properties": {"id": {"type": "string"}}}"#;

#[test]
fn an_endpoint_names_its_url_auth_files_and_response_types() {
    let request = load_text(
        "acme/post_note",
        "post_note.schema.json",
        &schema(
            r#"{"method": "POST", "baseUrl": "https://{host}/v2", "path": "/boards/{board}/notes",
                "pathParameters": {"board": "The board."}, "bodyEncoding": "multipart",
                "auth": {"scheme": "apiKey", "header": "X-Api-Key", "description": "A key."},
                "headers": {"Accept": "application/json"},
                "responses": {"201": "note_created.schema.json", "default": "error.schema.json"},
                "errors": {"code": ["/code"], "retryableCodes": ["SLOW_DOWN", 7]},
                "deduplicatedBy": "/text",
                "rateLimits": [{"perSecond": 5}]}"#,
        ),
    )
    .expect("loads");
    let created =
        load_text("acme/note_created", "note_created.schema.json", RESPONSE).expect("loads");
    let error = load_text(
        "acme/error",
        "error.schema.json",
        r#"{"title": "Problem", "type": "object", "properties": {"code": {"type": "string"}}}"#,
    )
    .expect("loads");
    let code = render(&[request, created, error], "::dmforge::runtime").expect("renders");
    for expected in [
        r#"base_url: "https://{host}/v2","#,
        r#"path: Some("/boards/{board}/notes"),"#,
        // Variables of the base URL and of the path, each described.
        r#"name: "host","#,
        r#"description: "Part of the base URL.","#,
        r#"description: "The board.","#,
        "body: __rt::endpoint::BodyEncoding::Multipart,",
        r#"header: "X-Api-Key","#,
        r#"headers: &[("Accept", "application/json")],"#,
        r#"files: &["photo"],"#,
        "status: 201,",
        r#"body: Some("acme/note_created"),"#,
        r#"error_body: Some("acme/error"),"#,
        r#"retryable_codes: &["SLOW_DOWN", "7"],"#,
        r#"deduplicated_by: Some("/text"),"#,
        "per_second: 5,",
        "impl __rt::endpoint::Operation for PostNote {",
        "type Response = super::note_created::NoteCreated;",
        "type Error = super::error::Problem;",
        "endpoint: Some(&acme::post_note::ENDPOINT),",
    ] {
        assert!(code.contains(expected), "{expected}\nnot in:\n{code}");
    }
}

#[test]
fn a_provider_that_documents_no_body_gets_any_json() {
    let request = load_text(
        "post_note",
        "post_note.schema.json",
        &schema(
            r#"{"method": "POST", "baseUrl": "http://x", "path": "/n", "pathParameters": {},
                "bodyEncoding": "form", "auth": {"scheme": "none", "description": "None."}}"#,
        ),
    )
    .expect("loads");
    let code = render(&[request], "::dmforge::runtime").expect("renders");
    assert!(
        code.contains("type Response = __rt::serde_json::Value;"),
        "{code}"
    );
    assert!(
        code.contains("type Error = __rt::serde_json::Value;"),
        "{code}"
    );
}

#[test]
fn a_response_schema_that_is_not_generated_is_refused_at_its_pointer() {
    let mut modules = vec![load_text(
        "acme/post_note",
        "post_note.schema.json",
        &schema(
            r#"{"method": "POST", "baseUrl": "http://x", "path": "/n", "pathParameters": {},
                "bodyEncoding": "json", "auth": {"scheme": "bearer", "description": "A token."},
                "responses": {"200": "missing.schema.json"}}"#,
        ),
    )
    .expect("loads")];
    let errors = link_endpoints(&mut modules).expect_err("refused");
    assert_eq!(errors.0.len(), 1);
    assert_eq!(errors.0[0].pointer, "/endpoint/responses/200");
    assert!(
        errors.0[0].message.contains("`acme/missing`"),
        "{}",
        errors.0[0]
    );
    assert!(render(&modules, "::dmforge::runtime").is_err());
}

#[test]
fn a_malformed_endpoint_is_refused_with_every_reason() {
    let errors = load_text(
        "acme/post_note",
        "post_note.schema.json",
        &schema(
            r#"{"method": "POST", "baseUrl": "http://x", "path": "/n", "pathParameters": {},
                "bodyEncoding": "json", "auth": {"scheme": "apiKey", "description": "No header."},
                "responses": {"302": "a.schema.json"},
                "errors": {"code": ["code"], "retryableCodes": [true], "source": "nowhere"},
                "headers": {"X Client": "bot \u2013 1"},
                "mediaType": "text/plain",
                "rateLimits": [{"perSecond": 0}]}"#,
        ),
    )
    .expect_err("refused");
    let message = errors
        .iter()
        .find(|e| e.pointer == "/endpoint")
        .map(|e| e.message.clone())
        .unwrap_or_else(|| panic!("{errors:?}"));
    for reason in [
        "an `apiKey` auth names its `header`",
        "`302` is neither a 2xx status nor `default`",
        "`code` is not a JSON Pointer",
        "retryable code true is neither a string nor an integer",
        "a rate limit of 0 per second sends nothing",
        "headers: `X Client` is not a header name",
        "mediaType: `text/plain` is not a JSON media type",
        "headers: the value of `X Client` may hold only visible ASCII",
        "source `nowhere` is not declared",
    ] {
        assert!(message.contains(reason), "{reason}\nnot in: {message}");
    }
    let unknown_scheme = load_text(
        "acme/post_note",
        "post_note.schema.json",
        &schema(
            r#"{"method": "POST", "baseUrl": "http://x", "path": "/n", "pathParameters": {},
                "bodyEncoding": "json", "auth": {"scheme": "oauth", "description": "?"}}"#,
        ),
    )
    .expect_err("refused");
    assert!(unknown_scheme.iter().any(|e| e.pointer == "/endpoint"));
}

/// An OpenAPI operation's request body gets an endpoint from its server,
/// path, parameters, media type and security scheme; a credential dmforge
/// cannot send (in the query) leaves it out with a warning.
#[test]
fn openapi_operations_get_endpoints_from_their_servers_and_security() {
    let document = r#"{
      "openapi": "3.1.0",
      "servers": [{"url": "https://{region}.api.acme.test/v1", "variables": {"region": {"default": "eu"}}}],
      "security": [{"key": []}],
      "components": {"securitySchemes": {
        "key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
        "inQuery": {"type": "apiKey", "in": "query", "name": "key"},
        "oauth": {"type": "oauth2", "flows": {}}
      }},
      "paths": {
        "/boards/{board}/notes": {
          "parameters": [{"name": "board", "in": "path", "required": true, "description": "The board.", "schema": {"type": "string"}}],
          "post": {
            "operationId": "postNote",
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {"text": {"type": "string"}}}}}},
            "responses": {
              "201": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}},
              "4XX": {"description": "no", "content": {"application/json": {"schema": {"type": "object", "properties": {"code": {"type": "string"}}}}}}
            }
          },
          "put": {
            "operationId": "putNote",
            "security": [{"oauth": []}],
            "requestBody": {"content": {"application/vnd.acme+json": {"schema": {"type": "object"}}}},
            "responses": {"204": {"description": "done"}}
          },
          "patch": {
            "operationId": "patchNote",
            "security": [{"inQuery": []}],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
            "responses": {"204": {"description": "done"}}
          }
        }
      }
    }"#;
    let module = dmforge_codegen::openapi::load_openapi(
        "acme",
        "acme.json",
        document.as_bytes(),
        &dmforge_codegen::LoadOptions::default(),
    )
    .expect("loads");
    assert!(
        module.warnings.iter().any(|w| w
            .message
            .contains("patchNote gets no request: its credential goes in the query")),
        "{:?}",
        module.warnings
    );
    let code = render(&[module], "::dmforge::runtime").expect("renders");
    for expected in [
        "pub const POST_NOTE_REQUEST_ENDPOINT",
        r#"id: "acme/post_note_request","#,
        r#"base_url: "https://eu.api.acme.test/v1","#,
        r#"path: Some("/boards/{board}/notes"),"#,
        r#"description: "The board.","#,
        "body: __rt::endpoint::BodyEncoding::FormRepeated,",
        r#"header: "X-Api-Key","#,
        "status: 201,",
        "type Response = PostNoteResponse201;",
        "type Error = PostNoteResponse4XX;",
        "pub const PUT_NOTE_REQUEST_ENDPOINT",
        "auth: __rt::endpoint::Auth::Bearer,",
        r#"media_type: "application/vnd.acme+json","#,
        "endpoint: Some(&acme::POST_NOTE_REQUEST_ENDPOINT),",
    ] {
        assert!(code.contains(expected), "{expected}\nnot in:\n{code}");
    }
    assert!(!code.contains("PATCH_NOTE_REQUEST_ENDPOINT"));
}

#[test]
fn a_bare_list_cannot_be_a_request_and_endpoint_names_stay_free() {
    let list = load_text(
        "acme/post_tags",
        "post_tags.schema.json",
        r#"{"type": "array", "minItems": 1, "items": {"type": "string"},
            "endpoint": {"method": "POST", "baseUrl": "http://x", "path": "/t", "pathParameters": {},
                         "bodyEncoding": "json", "auth": {"scheme": "none", "description": "None."}}}"#,
    )
    .expect("loads");
    let errors = render(&[list], "::dmforge::runtime").expect_err("refused");
    assert_eq!(errors.0[0].pointer, "/endpoint");
    assert!(errors.0[0].message.contains("bare list"), "{}", errors.0[0]);

    // A member named `endpoint`, checked at run time, is not `ENDPOINT`.
    let request = load_text(
        "acme/post_note",
        "post_note.schema.json",
        &schema(
            r#"{"method": "POST", "baseUrl": "http://x", "path": "/n", "pathParameters": {},
                "bodyEncoding": "json", "auth": {"scheme": "none", "description": "None."}}"#,
        )
        .replace(
            r#""text": {"type": "string"}"#,
            r#""endpoint": {"minLength": 1}"#,
        ),
    )
    .expect("loads");
    let code = render(&[request], "::dmforge::runtime").expect("renders");
    assert!(!code.contains("static ENDPOINT:"), "{code}");
    assert!(code.contains("static ENDPOINT_2:"), "{code}");
}

#[test]
fn members_an_endpoint_names_must_be_declared() {
    let errors = load_text(
        "acme/post_note",
        "post_note.schema.json",
        &schema(
            r#"{"method": "POST", "baseUrl": "http://x", "path": "/n", "pathParameters": {},
                "bodyEncoding": "json", "auth": {"scheme": "none", "description": "None."},
                "deduplicatedBy": "/idempotency_key",
                "rateLimits": [{"perSecond": 1, "when": {"pointer": "/photo", "values": ["x"]}},
                               {"perSecond": 2, "when": {"pointer": "/txet", "values": ["x"]}}]}"#,
        ),
    )
    .expect_err("refused");
    let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/endpoint/deduplicatedBy",
            "/endpoint/rateLimits/1/when/pointer"
        ],
        "{errors:?}"
    );
    assert!(errors[0]
        .message
        .contains("`/idempotency_key` is not a member"));
}

//! OpenAPI 3.0 and 3.1 documents (JSON or YAML) as a source of types: every
//! schema of `components.schemas`, and every operation's JSON request body
//! (or form body, when it takes no JSON) and JSON responses, named from its
//! `operationId` (`PushMessageRequest`, `PushMessageResponse200`).
//!
//! The schemas are read in their version's dialect: 3.1's are JSON Schema
//! 2020-12; 3.0's are its own subset of draft 4, rewritten into 2020-12
//! terms first (boolean exclusive bounds, `$ref` siblings ignored, and
//! `nullable: true` made `"type": [T, "null"]`, an `Option`). `example`,
//! `discriminator`, `readOnly`, `writeOnly` and `x-*` are annotations; the
//! `oneOf` a discriminator names is checked as written.

use dmforge_runtime::pointer::{child, to_fragment};
use serde_json::{Map, Value};

use crate::dialect::{normalize_in_place, Dialect};
use crate::error::CodegenError;
use crate::ir::{EndpointDef, Linked, Module, TypeId};
use crate::load::LoadOptions;
use crate::lower::{lower_entries, Direction, EntrySpec};
use crate::names::upper_camel;
use crate::vocabulary::check_schemas_at;
use crate::vocabulary::{AuthScheme, AuthSpec, BodyEncoding};

/// The HTTP methods an OpenAPI path item may hold operations under.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// An OpenAPI version's schema dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V30,
    V31,
}

/// Reads an OpenAPI document (`text`, JSON or YAML) into one module of
/// types, `id` naming it. Schemas left out (each with its reason) are
/// returned as warnings on the module; anything that stops the whole
/// document is an error.
pub fn load_openapi(
    id: &str,
    file: &str,
    text: &[u8],
    options: &LoadOptions,
) -> Result<Module, Vec<CodegenError>> {
    let document = parse(file, text)?;
    let one = |pointer: &str, message: String| vec![CodegenError::new(file, pointer, message)];
    let version = match document.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0.") || v == "3.0" => Version::V30,
        Some(v) if v.starts_with("3.1.") || v == "3.1" => Version::V31,
        Some(v) => {
            return Err(one(
                "/openapi",
                format!("OpenAPI {v} is not read: dmforge reads OpenAPI 3.0 and 3.1"),
            ))
        }
        None if document.get("swagger").is_some() => {
            return Err(one(
                "/swagger",
                "Swagger 2.0 is not read: convert the document to OpenAPI 3 first".into(),
            ))
        }
        None => {
            return Err(one(
                "",
                "not an OpenAPI document: it has no `openapi` version".into(),
            ))
        }
    };
    let entries = entries(&document);
    let mut document = document;
    let dialect = match version {
        Version::V30 => Dialect::Draft4,
        Version::V31 => Dialect::Draft202012,
    };
    for entry in &entries {
        if let Some(schema) = document.pointer_mut(&entry.pointer) {
            if version == Version::V30 {
                openapi30_nullable(schema);
            }
            normalize_in_place(schema, dialect);
        }
    }
    let pointers: Vec<String> = entries.iter().map(|e| e.pointer.clone()).collect();
    let (mut warnings, errors): (Vec<_>, Vec<_>) = check_schemas_at(&document, &pointers)
        .into_iter()
        .partition(|issue| issue.warning && !options.strict);
    let mut errors: Vec<CodegenError> = errors
        .into_iter()
        .map(|i| CodegenError::new(file, i.pointer, i.message))
        .collect();
    let (module, left_out) = lower_entries(id, file, &document, &entries);
    let mut notes: Vec<CodegenError> = warnings
        .drain(..)
        .map(|i| CodegenError::warning(file, i.pointer, i.message))
        .collect();
    for note in left_out {
        if note.kind == crate::error::ErrorKind::Warning && !options.strict {
            notes.push(note);
        } else {
            errors.push(CodegenError::new(file, note.pointer, note.message));
        }
    }
    if errors.is_empty() && module.entries.is_empty() {
        errors.push(CodegenError::new(
            file,
            "",
            "no schema of this document could be given a type (see the warnings), so there is nothing to generate",
        ));
    }
    // A schema the vocabulary refuses leaves out its entry: the reason is
    // already among the errors (or, when it is a warning, the notes).
    if !errors.is_empty() {
        return Err(crate::load::locate_errors(text, errors));
    }
    let mut module = module;
    module.file = file.to_string();
    let info = |key: &str| {
        document
            .pointer(&format!("/info/{key}"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    module.doc.title = info("title");
    module.doc.description = info("description");
    let (operations, left_out) = operations(file, &document, &module);
    module.operations = operations;
    notes.extend(left_out);
    module.warnings = crate::load::locate_errors(text, notes);
    Ok(module)
}

/// How each operation whose request body has a type is sent: its method,
/// server and path, the body's encoding, its security scheme, and the
/// types of its success and error responses. An operation whose credential
/// dmforge cannot send (in the query or a cookie) gets none, with a
/// warning.
fn operations(
    file: &str,
    document: &Value,
    module: &Module,
) -> (Vec<(String, TypeId, EndpointDef)>, Vec<CodegenError>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let typed = |name: &str| {
        module
            .entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, ty)| *ty)
    };
    for op in each_operation(document) {
        let OperationAt {
            path,
            method,
            item,
            operation,
            at,
            id: operation_id,
            base,
        } = op;
        let entry = format!("{base}Request");
        let Some(request) = typed(&entry) else {
            continue;
        };
        if module.types[request.0].kind.is_alias() {
            warnings.push(CodegenError::warning(
                    file,
                    at.clone(),
                    format!(
                        "operation {operation_id} gets no request: its body is a bare list, string or number, which has no type of its own to send"
                    ),
                ));
            continue;
        }
        // A type is sent one way: operations that share a body schema
        // (LINE's `validate*`) leave it to the first.
        if let Some((_, _, first)) = out.iter().find(|(_, ty, _)| *ty == request) {
            let first: &EndpointDef = first;
            warnings.push(CodegenError::warning(
                    file,
                    at.clone(),
                    format!(
                        "operation {operation_id} gets no request of its own: its body's type is sent to {} {} already",
                        first.spec.method,
                        first.spec.path.as_deref().unwrap_or_default()
                    ),
                ));
            continue;
        }
        let Some((_, media)) = operation
            .get("requestBody")
            .and_then(|b| json_schema(document, b, &format!("{at}/requestBody")))
        else {
            continue;
        };
        let auth = match security(document, operation) {
            Ok(auth) => auth,
            Err(why) => {
                warnings.push(CodegenError::warning(
                    file,
                    at.clone(),
                    format!("operation {operation_id} gets no request: {why}"),
                ));
                continue;
            }
        };
        let servers = operation
            .get("servers")
            .or_else(|| item.get("servers"))
            .or_else(|| document.get("servers"));
        let base_url = servers
            .and_then(|s| s.get(0))
            .map_or_else(|| "/".to_string(), server_url);
        let mut parameters = Map::new();
        for parameter in item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(
                operation
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            )
        {
            let parameter = resolve(document, parameter);
            if parameter.get("in").and_then(Value::as_str) == Some("path") {
                if let Some(name) = parameter.get("name").and_then(Value::as_str) {
                    let description = parameter
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or("A path parameter.");
                    parameters.insert(name.to_string(), Value::from(description.trim()));
                }
            }
        }
        let responses: Vec<(&String, &Value)> = operation
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .collect();
        let linked = |status: &str| {
            let name = format!("{base}Response{}", status_name(status));
            // The entry's type may be a component's, named after it.
            typed(&name).map(|ty| Linked {
                file: String::new(),
                pointer: child(&format!("{at}/responses"), status),
                id: format!("{}/{}", module.id, crate::names::snake(&name)),
                type_name: Some(module.types[ty.0].name.clone()),
                local: true,
            })
        };
        let success = responses
            .iter()
            .find(|(status, _)| status.starts_with('2'))
            .map(|(status, _)| status.as_str());
        let error = ["default", "4XX"]
            .into_iter()
            .find(|status| responses.iter().any(|(s, _)| s == status))
            .or_else(|| {
                responses
                    .iter()
                    .map(|(s, _)| s.as_str())
                    .find(|s| s.starts_with('4') || s.starts_with('5'))
            });
        let (scheme, header, prefix, description) = auth;
        let spec = crate::vocabulary::EndpointSpec {
            method: method.to_ascii_uppercase(),
            base_url,
            path: Some(path.to_string()),
            path_parameters: parameters.clone(),
            body_encoding: if is_form(&media) {
                BodyEncoding::FormRepeated
            } else {
                BodyEncoding::Json
            },
            // A `+json` type of the document's own is sent as it is.
            media_type: (!is_form(&media)
                && media != "application/json"
                && media
                    .bytes()
                    .all(|b| b == b'\t' || (b' '..=b'~').contains(&b)))
            .then(|| media.clone()),
            auth: AuthSpec {
                scheme,
                header,
                prefix,
                description,
            },
            headers: Default::default(),
            responses: Default::default(),
            message_id: None,
            errors: None,
            deduplicated_by: None,
            rate_limits: Vec::new(),
            comment: None,
        };
        let parameters = crate::lower::template_parameters(&spec);
        out.push((
            entry,
            request,
            EndpointDef {
                parameters,
                files: Vec::new(),
                success_status: success.and_then(|s| s.parse().ok()).unwrap_or(200),
                success: success.and_then(linked),
                error: error.and_then(linked),
                spec,
            },
        ));
    }
    (out, warnings)
}

/// A `$ref` to `components` followed, once.
fn resolve<'a>(document: &'a Value, value: &'a Value) -> &'a Value {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| document.pointer(pointer))
        .unwrap_or(value)
}

/// A server's URL with each variable's default put in.
fn server_url(server: &Value) -> String {
    let mut url = server
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or("/")
        .to_string();
    for (name, variable) in server
        .get("variables")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if let Some(default) = variable.get("default").and_then(Value::as_str) {
            url = url.replace(&format!("{{{name}}}"), default);
        }
    }
    url
}

/// The credential of an operation's first security requirement: its
/// scheme, header, prefix and description.
type AuthParts = (AuthScheme, Option<String>, Option<String>, String);

fn security(document: &Value, operation: &Map<String, Value>) -> Result<AuthParts, String> {
    let requirements = operation
        .get("security")
        .or_else(|| document.get("security"))
        .and_then(Value::as_array);
    let Some(name) = requirements
        .and_then(|r| r.first())
        .and_then(Value::as_object)
        .and_then(|r| r.keys().next())
    else {
        return Ok((AuthScheme::None, None, None, "No credential.".to_string()));
    };
    let scheme = document
        .pointer(&child("/components/securitySchemes", name))
        .map(|s| resolve(document, s))
        .ok_or_else(|| {
            format!("its security scheme `{name}` is not in components.securitySchemes")
        })?;
    let text = |key: &str| scheme.get(key).and_then(Value::as_str).unwrap_or_default();
    let described = |fallback: &str| {
        let own = text("description").trim();
        if own.is_empty() {
            fallback.to_string()
        } else {
            own.to_string()
        }
    };
    match (
        text("type"),
        text("scheme").to_ascii_lowercase().as_str(),
        text("in"),
    ) {
        ("http", "bearer", _) | ("oauth2" | "openIdConnect", _, _) => {
            Ok((AuthScheme::Bearer, None, None, described("A bearer token.")))
        }
        ("http", "basic", _) => Ok((
            AuthScheme::ApiKey,
            Some("Authorization".to_string()),
            Some("Basic ".to_string()),
            described("HTTP Basic: the credential is base64 of `user:password`."),
        )),
        ("apiKey", _, "header") => Ok((
            AuthScheme::ApiKey,
            Some(text("name").to_string()),
            None,
            described("An API key."),
        )),
        ("apiKey", _, place) => Err(format!(
            "its credential goes in the {place}, which dmforge does not send"
        )),
        (kind, http_scheme, _) => Err(format!(
            "its security scheme `{name}` ({kind} {http_scheme}) is not one dmforge sends"
        )),
    }
}

/// The document as JSON: parsed strictly when it is JSON, else as YAML.
pub fn parse(file: &str, text: &[u8]) -> Result<Value, Vec<CodegenError>> {
    let starts_as_json = text
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    if starts_as_json {
        return crate::load::parse_strict(file, text).map_err(|e| vec![e]);
    }
    let text = std::str::from_utf8(text)
        .map_err(|e| vec![CodegenError::new(file, "", format!("not UTF-8: {e}"))])?;
    serde_yaml_ng::from_str::<Value>(text).map_err(|e| {
        let mut error = CodegenError::new(file, "", format!("not valid YAML: {e}"));
        error.position = e.location().map(|l| (l.line(), l.column()));
        vec![error]
    })
}

/// For the schema engine: each entry's schema as a JSON Schema document of
/// its version's dialect (draft 4 for 3.0, with `nullable` made a type
/// list; 2020-12 for 3.1), by the checker id the generated `SCHEMAS` gives
/// it (`<id>/<entry in snake_case>`). The document refers to the entry
/// through `allOf` and carries the OpenAPI document's `components` and `paths`, so
/// every `$ref` of the spec resolves as written.
pub fn entry_documents(id: &str, document: &Value) -> Vec<(String, Value)> {
    let version_30 = document
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.0"));
    let mut prepared = document.clone();
    let entries = entries(document);
    if version_30 {
        for entry in &entries {
            if let Some(schema) = prepared.pointer_mut(&entry.pointer) {
                openapi30_nullable(schema);
            }
        }
    }
    let dialect = if version_30 {
        "http://json-schema.org/draft-04/schema#"
    } else {
        "https://json-schema.org/draft/2020-12/schema"
    };
    // The way a body travels leaves members out (`readOnly` from requests,
    // `writeOnly` from responses), as the generator's types do.
    let one_way = |direction: Direction| {
        let mut copy = prepared.clone();
        let flag = match direction {
            Direction::Request => "readOnly",
            Direction::Response => "writeOnly",
            Direction::Either => return copy,
        };
        for entry in &entries {
            if let Some(schema) = copy.pointer_mut(&entry.pointer) {
                crate::vocabulary::each_schema_mut(schema, &mut |object| {
                    let left_out: Vec<String> = object
                        .get("properties")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                        .filter(|(_, member)| member.get(flag) == Some(&Value::Bool(true)))
                        .map(|(name, _)| name.clone())
                        .collect();
                    if left_out.is_empty() {
                        return;
                    }
                    if let Some(Value::Object(properties)) = object.get_mut("properties") {
                        properties.retain(|name, _| !left_out.contains(name));
                    }
                    if let Some(Value::Array(required)) = object.get_mut("required") {
                        required.retain(|name| {
                            !name
                                .as_str()
                                .is_some_and(|n| left_out.iter().any(|l| l == n))
                        });
                    }
                });
            }
        }
        copy
    };
    let ways = [
        prepared.clone(),
        one_way(Direction::Request),
        one_way(Direction::Response),
    ];
    entries
        .iter()
        .map(|entry| {
            let prepared = match entry.direction {
                Direction::Either => &ways[0],
                Direction::Request => &ways[1],
                Direction::Response => &ways[2],
            };
            let mut schema = Map::new();
            schema.insert("$schema".into(), Value::from(dialect));
            // In `allOf`: beside a root `$ref`, draft 4 ignores the other
            // keywords, and with them the components the `$ref` points into.
            let reference =
                serde_json::json!([{"$ref": format!("#{}", to_fragment(&entry.pointer))}]);
            schema.insert("allOf".into(), reference);
            for key in ["components", "paths"] {
                if let Some(value) = prepared.get(key) {
                    schema.insert(key.into(), value.clone());
                }
            }
            (
                format!("{id}/{}", crate::names::snake(&entry.name)),
                Value::Object(schema),
            )
        })
        .collect()
}

/// OpenAPI 3.0's `nullable: true` beside a `type`: that type or `null`.
fn openapi30_nullable(schema: &mut Value) {
    crate::vocabulary::each_schema_mut(schema, &mut |object: &mut Map<String, Value>| {
        if object.get("nullable") != Some(&Value::Bool(true)) {
            return;
        }
        if let Some(Value::String(t)) = object.get("type") {
            let t = t.clone();
            object.insert("type".into(), Value::from(vec![t, "null".to_string()]));
            object.remove("nullable");
        }
    });
}

/// Every schema the document gives a type: `components.schemas` in order,
/// then each operation's JSON request body and responses.
pub fn entries(document: &Value) -> Vec<EntrySpec> {
    let mut out = Vec::new();
    if let Some(schemas) = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for name in schemas.keys() {
            out.push(EntrySpec {
                pointer: child("/components/schemas", name),
                name: upper_camel(name),
                role: format!("components.schemas.{name}"),
                direction: Direction::Either,
            });
        }
    }
    for OperationAt {
        operation,
        at,
        id: operation_id,
        base,
        ..
    } in each_operation(document)
    {
        if let Some((pointer, _)) = operation
            .get("requestBody")
            .and_then(|b| json_schema(document, b, &format!("{at}/requestBody")))
        {
            out.push(EntrySpec {
                pointer,
                name: format!("{base}Request"),
                role: format!("the request body of operation {operation_id}"),
                direction: Direction::Request,
            });
        }
        for (status, response) in operation
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let here = child(&format!("{at}/responses"), status);
            if let Some((pointer, _)) = json_schema(document, response, &here) {
                out.push(EntrySpec {
                    pointer,
                    name: format!("{base}Response{}", status_name(status)),
                    role: format!("the {status} response of operation {operation_id}"),
                    direction: Direction::Response,
                });
            }
        }
    }
    out
}

/// One operation of a document: where it is, and the names it gives.
struct OperationAt<'d> {
    path: &'d str,
    method: &'static str,
    item: &'d Value,
    operation: &'d Map<String, Value>,
    /// Its pointer, `/paths/~1messages/post`.
    at: String,
    /// Its `operationId`, or `<method> <path>`.
    id: String,
    /// Its types' stem, `PushMessage`.
    base: String,
}

/// Every operation of the document, path by path, in `METHODS` order.
fn each_operation(document: &Value) -> impl Iterator<Item = OperationAt<'_>> {
    document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .flat_map(|(path, item)| {
            METHODS.iter().filter_map(move |method| {
                let operation = item.get(*method)?.as_object()?;
                let id = operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("{method} {path}"), str::to_string);
                Some(OperationAt {
                    path,
                    method,
                    item,
                    operation,
                    at: child(&child("/paths", path), method),
                    base: upper_camel(&id),
                    id,
                })
            })
        })
}

/// The pointer of a request body's or response's JSON schema (following a
/// `$ref` to `components.requestBodies`/`responses`), and its media type.
fn json_schema(document: &Value, object: &Value, at: &str) -> Option<(String, String)> {
    let (object, at) = match object.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let target = reference.strip_prefix('#')?;
            (document.pointer(target)?, target.to_string())
        }
        None => (object, at.to_string()),
    };
    let content = object.get("content")?.as_object()?;
    // JSON if the operation takes it, else a form: its fields are an object
    // the schema describes as well (Twilio sends messages so).
    let (media, body) = content
        .iter()
        .find(|(media, _)| is_json(media))
        .or_else(|| content.iter().find(|(media, _)| is_form(media)))?;
    body.get("schema")?;
    Some((
        format!("{}/schema", child(&format!("{at}/content"), media)),
        media.clone(),
    ))
}

/// `200`, `2XX`, `Default`: a response's status as part of a type name.
fn status_name(status: &str) -> String {
    if status.starts_with(|c: char| c.is_ascii_digit())
        && status.chars().all(|c| c.is_ascii_alphanumeric())
    {
        status.to_ascii_uppercase()
    } else {
        upper_camel(status)
    }
}

fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json")
}

fn is_form(media: &str) -> bool {
    media.split(';').next().unwrap_or_default().trim() == "application/x-www-form-urlencoded"
}

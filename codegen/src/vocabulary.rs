//! The keywords a dmforge schema may use, and a checker for a whole document.
//!
//! Standard JSON Schema 2020-12 keywords keep their standard meaning. dmforge's
//! extension keywords (documented in `schemas/README.md`) say what standard
//! keywords cannot: a limit in UTF-8 bytes, cross-field rules, endpoint
//! metadata and the source of each limit. Each is parsed here into a typed
//! spec, so every engine reads a keyword the same way.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::{Map, Value};

/// Keywords whose value is one subschema.
const SUBSCHEMA: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];
/// Keywords whose value is an array of subschemas.
const SUBSCHEMA_ARRAY: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value is an object of subschemas.
const SUBSCHEMA_MAP: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    // Drafts 4 to 7's `$defs`; a place references point into in any draft.
    "definitions",
    "dependentSchemas",
];
/// Keywords of drafts before 2020-12 that hold schemas: `additionalItems`
/// (one), `items` as an array, and `dependencies` (an object whose values
/// are schemas or lists of names; the lists are passed over).
const OLDER_SUBSCHEMA: &[&str] = &["additionalItems"];
const OLDER_SUBSCHEMA_ARRAY: &[&str] = &["items"];
const OLDER_SUBSCHEMA_MAP: &[&str] = &["dependencies"];

/// The members of a list of `{"required": [m]}` branches (`anyOf`/`oneOf`
/// of "one of these members"), one each; `None` when any branch is more.
/// The generator types them as an object rule, and both engines word their
/// failure from them.
#[must_use]
pub fn required_alternatives(branches: &Value) -> Option<Vec<String>> {
    branches
        .as_array()?
        .iter()
        .map(
            |branch| match branch.as_object().map(|o| (o.len(), o.get("required"))) {
                Some((1, Some(Value::Array(r)))) if r.len() == 1 => {
                    r[0].as_str().map(str::to_string)
                }
                _ => None,
            },
        )
        .collect()
}

/// The error for a pattern the `regex` dialect cannot compile.
#[must_use]
pub fn pattern_error(error: &str) -> String {
    format!("pattern does not compile (look-around and back-references are not supported): {error}")
}

/// Whether `keyword`'s value holds schemas, in any draft.
#[must_use]
pub fn is_subschema_keyword(keyword: &str) -> bool {
    SUBSCHEMA.contains(&keyword)
        || OLDER_SUBSCHEMA.contains(&keyword)
        || is_subschema_array(keyword)
        || is_subschema_map(keyword)
}

/// Whether `keyword`'s value, when an array, is a list of schemas.
#[must_use]
pub fn is_subschema_array(keyword: &str) -> bool {
    SUBSCHEMA_ARRAY.contains(&keyword) || OLDER_SUBSCHEMA_ARRAY.contains(&keyword)
}

/// Whether `keyword`'s value is an object whose values are schemas.
#[must_use]
pub fn is_subschema_map(keyword: &str) -> bool {
    SUBSCHEMA_MAP.contains(&keyword) || OLDER_SUBSCHEMA_MAP.contains(&keyword)
}

/// Calls `visit` on every schema object of `schema`: itself, then, depth
/// first, each schema a keyword of it holds, in any draft (the keyword's
/// value, its array's items, its object's values). `visit` runs before the
/// children are walked, so it may rewrite them. Data (`const`, `enum`,
/// `examples`, `default`) is never visited. Nesting deeper than 512 is not
/// walked: the document check refuses it.
pub fn each_schema_mut(schema: &mut Value, visit: &mut dyn FnMut(&mut Map<String, Value>)) {
    walk_schemas(schema, visit, 0);
}

fn walk_schemas(schema: &mut Value, visit: &mut dyn FnMut(&mut Map<String, Value>), depth: usize) {
    if depth > 512 {
        return;
    }
    let Value::Object(object) = schema else {
        return;
    };
    visit(object);
    for (keyword, value) in object.iter_mut() {
        let keyword = keyword.as_str();
        match value {
            Value::Array(items)
                if SUBSCHEMA_ARRAY.contains(&keyword)
                    || OLDER_SUBSCHEMA_ARRAY.contains(&keyword) =>
            {
                items
                    .iter_mut()
                    .for_each(|item| walk_schemas(item, visit, depth + 1));
            }
            Value::Object(members)
                if SUBSCHEMA_MAP.contains(&keyword) || OLDER_SUBSCHEMA_MAP.contains(&keyword) =>
            {
                members
                    .values_mut()
                    .for_each(|member| walk_schemas(member, visit, depth + 1));
            }
            _ if SUBSCHEMA.contains(&keyword) || OLDER_SUBSCHEMA.contains(&keyword) => {
                walk_schemas(value, visit, depth + 1);
            }
            _ => {}
        }
    }
}

/// [`each_schema_mut`] for reading: `visit(pointer, schema)` for every
/// schema object, the root first (at `""`), without copying the document.
pub fn each_schema(schema: &Value, visit: &mut dyn FnMut(&str, &Map<String, Value>)) {
    fn go(
        schema: &Value,
        at: &str,
        visit: &mut dyn FnMut(&str, &Map<String, Value>),
        depth: usize,
    ) {
        let Value::Object(object) = schema else {
            return;
        };
        if depth > 512 {
            return;
        }
        visit(at, object);
        for (keyword, value) in object {
            let here = dmforge_runtime::pointer::child(at, keyword);
            match value {
                Value::Array(items) if is_subschema_array(keyword) => {
                    for (i, item) in items.iter().enumerate() {
                        go(
                            item,
                            &dmforge_runtime::pointer::child(&here, &i.to_string()),
                            visit,
                            depth + 1,
                        );
                    }
                }
                Value::Object(members) if is_subschema_map(keyword) => {
                    for (name, member) in members {
                        go(
                            member,
                            &dmforge_runtime::pointer::child(&here, name),
                            visit,
                            depth + 1,
                        );
                    }
                }
                _ if SUBSCHEMA.contains(&keyword.as_str())
                    || OLDER_SUBSCHEMA.contains(&keyword.as_str()) =>
                {
                    go(value, &here, visit, depth + 1);
                }
                _ => {}
            }
        }
    }
    go(schema, "", visit, 0);
}

/// Standard keywords whose value is data, not a schema.
const STANDARD_VALUE: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
    "format",
    "contentEncoding",
    "contentMediaType",
];

/// dmforge's extension keywords: (name, where it may appear, meaning).
pub const EXTENSION_KEYWORDS: &[(&str, &str)] = &[
    ("maxBytes", "string: at most N UTF-8 bytes"),
    (
        "timeWindow",
        "object: two times of day at least N minutes apart",
    ),
    ("maxDaysAhead", "date-time string: at most N days after now"),
    (
        "base64File",
        "string: base64 file, decoded size and sniffed media type",
    ),
    (
        "clampedDuration",
        "object: a duration over the maximum is clamped, not rejected (annotation)",
    ),
    (
        "source",
        "any schema: key into the root `sources` (annotation)",
    ),
    (
        "endpoint",
        "root: method, URL, body encoding and auth (annotation)",
    ),
    (
        "sources",
        "root: where each limit was read, and when (annotation)",
    ),
];

/// Formats dmforge checks beyond 2020-12's own, which
/// `dmforge_runtime::rules::format::FORMATS` lists; every engine checks a
/// format with the same function. Any other format is an annotation.
pub const EXTRA_FORMATS: &[&str] = &[
    "infobip-date-time",
    // OpenAPI's numeric formats: on an integer or a number, a range.
    "int32",
    "int64",
    "float",
    "double",
];

/// Whether dmforge checks `format`.
#[must_use]
pub fn is_checked_format(format: &str) -> bool {
    EXTRA_FORMATS.contains(&format) || dmforge_runtime::rules::format::FORMATS.contains(&format)
}

/// `timeWindow`: `{"from": <property>, "to": <property>, "minMinutes": N}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TimeWindowSpec {
    pub from: String,
    pub to: String,
    pub min_minutes: u16,
}

/// `base64File`: `{"maxBytes": N, "mediaTypes": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Base64FileSpec {
    pub max_bytes: u64,
    pub media_types: Vec<String>,
}

/// `clampedDuration`: `{"amount", "unit", "defaultUnit", "maxSeconds"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ClampedDurationSpec {
    pub amount: String,
    pub unit: String,
    pub default_unit: String,
    pub max_seconds: u64,
}

/// `endpoint`: how the payload is sent, and what comes back.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EndpointSpec {
    pub method: String,
    pub base_url: String,
    /// `None` where the provider's document does not give the path.
    pub path: Option<String>,
    pub path_parameters: Map<String, Value>,
    pub body_encoding: BodyEncoding,
    /// The content type of a JSON body (`application/json`).
    #[serde(default)]
    pub media_type: Option<String>,
    pub auth: AuthSpec,
    /// Headers every request carries.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// The success status (a 2xx) and `default` (any error), each naming
    /// the schema file of its body, beside this one.
    #[serde(default)]
    pub responses: std::collections::BTreeMap<String, String>,
    /// JSON Pointer of the sent message's ID in the success body.
    #[serde(default)]
    pub message_id: Option<String>,
    /// Where an error body gives its code and message.
    #[serde(default)]
    pub errors: Option<ErrorsSpec>,
    /// A member of the request that the provider deduplicates by: `*`
    /// stands for every item of an array (`/messages/*/messageId`).
    #[serde(default)]
    pub deduplicated_by: Option<String>,
    #[serde(default)]
    pub rate_limits: Vec<RateLimitSpec>,
    #[serde(default, rename = "$comment")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyEncoding {
    Json,
    /// PHP's brackets (`a[0]=x`), as Laravel reads them.
    Form,
    /// OpenAPI's default form style: repeated names (`a=x&a=y`).
    #[serde(rename = "formRepeated")]
    FormRepeated,
    Multipart,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSpec {
    pub scheme: AuthScheme,
    /// The header an `apiKey` goes in, and what comes before it.
    #[serde(default)]
    pub header: Option<String>,
    #[serde(default)]
    pub prefix: Option<String>,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AuthScheme {
    None,
    Bearer,
    ApiKey,
    ServiceKeyOrJwt,
}

/// `errors` of an `endpoint`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ErrorsSpec {
    /// JSON Pointers of the error code in an error body, the first found
    /// wins (Infobip has two shapes of error).
    #[serde(default)]
    pub code: Vec<String>,
    /// JSON Pointers of its message, likewise.
    #[serde(default)]
    pub message: Vec<String>,
    /// Codes that mean "too many requests" whatever the status.
    #[serde(default)]
    pub retryable_codes: Vec<Value>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default, rename = "$comment")]
    pub comment: Option<String>,
}

/// One of an `endpoint`'s `rateLimits`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RateLimitSpec {
    pub per_second: u32,
    #[serde(default)]
    pub when: Option<SelectorSpec>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectorSpec {
    pub pointer: String,
    pub values: Vec<String>,
}

impl EndpointSpec {
    /// What is wrong with it beyond its shape.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.auth.scheme == AuthScheme::ApiKey && self.auth.header.is_none() {
            problems.push("an `apiKey` auth names its `header`".to_string());
        }
        for key in self.responses.keys() {
            let success = key.len() == 3 && key.starts_with('2') && key.parse::<u16>().is_ok();
            if !success && key != "default" {
                problems.push(format!(
                    "responses: `{key}` is neither a 2xx status nor `default`"
                ));
            }
        }
        if self.responses.keys().filter(|k| *k != "default").count() > 1 {
            problems.push("responses: one success status".to_string());
        }
        let pointers = self
            .errors
            .iter()
            .flat_map(|e| e.code.iter().chain(&e.message))
            .chain(&self.deduplicated_by)
            .chain(&self.message_id)
            .chain(
                self.rate_limits
                    .iter()
                    .filter_map(|r| r.when.as_ref().map(|w| &w.pointer)),
            );
        for pointer in pointers {
            if !pointer.starts_with('/') {
                problems.push(format!("`{pointer}` is not a JSON Pointer"));
            }
        }
        for code in self.errors.iter().flat_map(|e| &e.retryable_codes) {
            if !(code.is_string() || code.is_i64()) {
                problems.push(format!(
                    "retryable code {code} is neither a string nor an integer"
                ));
            }
        }
        // RFC 9110: a header name is a token; a value visible ASCII,
        // spaces and tabs (no line break a request could be split by).
        for (name, value) in &self.headers {
            let token = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token {
                problems.push(format!("headers: `{name}` is not a header name"));
            }
            if !value
                .bytes()
                .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
            {
                problems.push(format!(
                    "headers: the value of `{name}` may hold only visible ASCII, spaces and tabs"
                ));
            }
        }
        if let Some(media) = &self.media_type {
            let essence = media.split(';').next().unwrap_or_default().trim();
            let json = essence == "application/json" || essence.ends_with("+json");
            if !json
                || !media
                    .bytes()
                    .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
            {
                problems.push(format!(
                    "mediaType: `{media}` is not a JSON media type (`application/json`, `…+json`)"
                ));
            }
        }
        if self.rate_limits.iter().any(|r| r.per_second == 0) {
            problems.push("a rate limit of 0 per second sends nothing".to_string());
        }
        problems
    }
}

/// One entry of `sources`: the provider's public page a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    /// The page's title, as the provider gives it.
    pub title: String,
    /// Its address, where known.
    #[serde(default)]
    pub url: Option<String>,
    /// The part of the page that gives the rule.
    #[serde(default)]
    pub section: Option<String>,
    /// The date the limit was read, `YYYY-MM-DD`.
    pub read: String,
    /// Anything a reader needs to find the page again.
    #[serde(default)]
    pub note: Option<String>,
}

/// Parses an extension keyword's value; `Err` says what shape it needs.
pub fn parse_max_bytes(value: &Value) -> Result<u64, String> {
    value
        .as_u64()
        .ok_or_else(|| "maxBytes must be a non-negative integer".to_string())
}

pub fn parse_max_days_ahead(value: &Value) -> Result<u32, String> {
    value
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| "maxDaysAhead must be a non-negative integer of days".to_string())
}

pub fn parse_spec<T: for<'de> Deserialize<'de>>(keyword: &str, value: &Value) -> Result<T, String> {
    T::deserialize(value).map_err(|e| format!("{keyword}: {e}"))
}

/// A problem in a schema document, at a JSON Pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaIssue {
    pub pointer: String,
    pub message: String,
    /// Warnings (an unknown keyword, read as an annotation) do not stop
    /// generation unless the caller is strict.
    pub warning: bool,
}

/// Keywords that are not JSON Schema 2020-12 or dmforge's, but that
/// published schemas carry as annotations: OpenAPI's and draft 4 to 7's
/// data-only keywords. They assert nothing (those that do are handled or
/// refused elsewhere), so they are read as annotations without a warning.
const KNOWN_ANNOTATIONS: &[&str] = &[
    "example",
    "externalDocs",
    "xml",
    "discriminator",
    "nullable",
];

/// Known keywords that never change what is valid: the generator reads
/// past them, and a typo of one is only a warning. (`endpoint` and
/// `sources` are also checked to be at the root.)
pub const ANNOTATION_KEYWORDS: &[&str] = &[
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
    "source",
    "sources",
    "clampedDuration",
    "endpoint",
];

/// What an unknown keyword is taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnknownKeyword {
    /// `x-…`: a vendor extension, ignored silently.
    Vendor,
    /// A known annotation of another vocabulary (OpenAPI's `example`, …).
    Annotation,
    /// So close to a keyword dmforge knows that it is taken for a typo of
    /// it: refused, so that a misspelt rule is never dropped silently.
    NearMiss(&'static str),
    /// Anything else: an annotation, as 2020-12 says, with a warning.
    Unknown,
}

/// Every keyword dmforge knows, standard or its own.
fn known_keywords() -> impl Iterator<Item = &'static str> {
    SUBSCHEMA
        .iter()
        .chain(SUBSCHEMA_ARRAY)
        .chain(SUBSCHEMA_MAP)
        .chain(STANDARD_VALUE)
        .copied()
        .chain(EXTENSION_KEYWORDS.iter().map(|(k, _)| *k))
        .chain(["endpoint", "sources"])
}

/// `None` for a keyword dmforge knows; otherwise what the unknown one is
/// taken for.
#[must_use]
pub fn classify_unknown(keyword: &str) -> Option<UnknownKeyword> {
    if known_keywords().any(|k| k == keyword) {
        return None;
    }
    if keyword.starts_with("x-") {
        return Some(UnknownKeyword::Vendor);
    }
    if KNOWN_ANNOTATIONS.contains(&keyword) {
        return Some(UnknownKeyword::Annotation);
    }
    let near = known_keywords()
        .filter(|known| is_near_miss(keyword, known))
        .min_by_key(|known| edit_distance(&keyword.to_lowercase(), &known.to_lowercase()));
    Some(near.map_or(UnknownKeyword::Unknown, UnknownKeyword::NearMiss))
}

/// Whether `unknown` looks like a typo of `known`: the same but for case,
/// or, for names of five letters or more, a few edits away (one up to seven
/// letters, two up to fifteen, three beyond), a swap of neighbours counting
/// one.
fn is_near_miss(unknown: &str, known: &str) -> bool {
    let (a, b) = (unknown.to_lowercase(), known.to_lowercase());
    if a == b {
        return true;
    }
    let shorter = a.chars().count().min(b.chars().count());
    let allowed = match shorter {
        0..=4 => 0,
        5..=7 => 1,
        8..=15 => 2,
        _ => 3,
    };
    allowed > 0 && edit_distance(&a, &b) <= allowed
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of neighbouring characters each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Checks a whole schema document: every keyword known and well-shaped,
/// every `$ref` local and resolvable, every `source` declared in `sources`.
#[must_use]
pub fn check_document(document: &Value) -> Vec<SchemaIssue> {
    let mut checker = Checker {
        root: document,
        issues: Vec::new(),
        sources: document
            .get("sources")
            .and_then(Value::as_object)
            .map(|s| s.keys().cloned().collect())
            .unwrap_or_default(),
    };
    checker.schema(document, "", true);
    checker.issues
}

/// [`check_document`] for the schemas at `pointers` inside a document that
/// is not itself a schema (an OpenAPI file): `$ref`s resolve against the
/// whole document.
#[must_use]
pub fn check_schemas_at(document: &Value, pointers: &[String]) -> Vec<SchemaIssue> {
    let mut checker = Checker {
        root: document,
        issues: Vec::new(),
        sources: BTreeSet::new(),
    };
    for pointer in pointers {
        match document.pointer(pointer) {
            Some(schema) => checker.schema(schema, pointer, false),
            None => checker.issue(pointer.clone(), "no schema here"),
        }
    }
    checker.issues
}

struct Checker<'a> {
    root: &'a Value,
    issues: Vec<SchemaIssue>,
    sources: BTreeSet<String>,
}

impl Checker<'_> {
    fn issue(&mut self, pointer: String, message: impl Into<String>) {
        self.issues.push(SchemaIssue {
            pointer,
            message: message.into(),
            warning: false,
        });
    }

    fn warning(&mut self, pointer: String, message: impl Into<String>) {
        self.issues.push(SchemaIssue {
            pointer,
            message: message.into(),
            warning: true,
        });
    }

    fn schema(&mut self, schema: &Value, at: &str, is_root: bool) {
        let object = match schema {
            Value::Bool(_) => return,
            Value::Object(object) => object,
            _ => return self.issue(at.to_string(), "a schema must be an object or a boolean"),
        };
        for (keyword, value) in object {
            let here = dmforge_runtime::pointer::child(at, keyword);
            self.keyword(keyword, value, &here, is_root);
        }
    }

    fn keyword(&mut self, keyword: &str, value: &Value, here: &str, is_root: bool) {
        let kw = keyword;
        if SUBSCHEMA.contains(&kw) {
            self.schema(value, here, false);
        } else if SUBSCHEMA_ARRAY.contains(&kw) {
            match value.as_array() {
                Some(items) if !items.is_empty() => {
                    for (i, item) in items.iter().enumerate() {
                        self.schema(item, &format!("{here}/{i}"), false);
                    }
                }
                _ => self.issue(
                    here.to_string(),
                    format!("{kw} must be a non-empty array of schemas"),
                ),
            }
        } else if SUBSCHEMA_MAP.contains(&kw) {
            match value.as_object() {
                Some(map) => {
                    for (name, sub) in map {
                        self.schema(sub, &dmforge_runtime::pointer::child(here, name), false);
                    }
                }
                None => self.issue(
                    here.to_string(),
                    format!("{kw} must be an object of schemas"),
                ),
            }
        } else if kw == "$ref" {
            self.reference(value, here);
        } else if kw == "format" {
            match value.as_str() {
                Some(f) if is_checked_format(f) => {}
                // Not a format 2020-12 defines: an annotation, as the
                // specification says of unknown formats.
                Some(f) => self.warning(
                    here.to_string(),
                    format!(
                        "unknown format `{f}` is read as an annotation: it checks nothing \
                         (strict mode refuses it)"
                    ),
                ),
                None => self.issue(here.to_string(), "format must be a string"),
            }
        } else if STANDARD_VALUE.contains(&kw) {
            if let Err(message) = standard_shape(kw, value) {
                self.issue(here.to_string(), message);
            }
        } else if let Some(unknown) = classify_unknown(kw) {
            match unknown {
                UnknownKeyword::Vendor | UnknownKeyword::Annotation => {}
                // A misspelt annotation loses nothing that is checked.
                UnknownKeyword::NearMiss(known) if ANNOTATION_KEYWORDS.contains(&known) => self
                    .warning(
                        here.to_string(),
                        format!(
                        "unknown keyword `{kw}` is read as an annotation; did you mean `{known}`?"
                    ),
                    ),
                UnknownKeyword::NearMiss(known) => self.issue(
                    here.to_string(),
                    format!(
                        "unknown keyword `{kw}`: did you mean `{known}`? A misspelt rule \
                         would be dropped silently, so it is refused"
                    ),
                ),
                UnknownKeyword::Unknown => self.warning(
                    here.to_string(),
                    format!(
                        "unknown keyword `{kw}` is read as an annotation: it checks nothing \
                         (`x-` names a vendor extension without this warning; strict mode \
                         refuses it)"
                    ),
                ),
            }
        } else if let Err(message) = self.extension(kw, value, is_root) {
            self.issue(here.to_string(), message);
        }
    }

    fn extension(&mut self, keyword: &str, value: &Value, is_root: bool) -> Result<(), String> {
        match keyword {
            "maxBytes" => parse_max_bytes(value).map(drop),
            "maxDaysAhead" => parse_max_days_ahead(value).map(drop),
            "timeWindow" => parse_spec::<TimeWindowSpec>(keyword, value).map(drop),
            "base64File" => parse_spec::<Base64FileSpec>(keyword, value).map(drop),
            "clampedDuration" => parse_spec::<ClampedDurationSpec>(keyword, value).map(drop),
            "source" => match value.as_str() {
                Some(key) if self.sources.contains(key) => Ok(()),
                Some(key) => Err(format!(
                    "source `{key}` is not declared in the root's `sources`"
                )),
                None => Err("source must be a string naming an entry of `sources`".into()),
            },
            "endpoint" | "sources" if !is_root => {
                Err(format!("{keyword} may only appear at the root"))
            }
            "endpoint" => {
                let spec = parse_spec::<EndpointSpec>(keyword, value)?;
                let sources = spec
                    .errors
                    .iter()
                    .filter_map(|e| e.source.as_ref())
                    .chain(spec.rate_limits.iter().filter_map(|r| r.source.as_ref()));
                let mut problems = spec.problems();
                for key in sources {
                    if !self.sources.contains(key) {
                        problems.push(format!(
                            "source `{key}` is not declared in the root's `sources`"
                        ));
                    }
                }
                if problems.is_empty() {
                    Ok(())
                } else {
                    Err(format!("endpoint: {}", problems.join("; ")))
                }
            }
            "sources" => {
                parse_spec::<std::collections::BTreeMap<String, SourceSpec>>(keyword, value)
                    .map(drop)
            }
            // `classify_unknown` has taken every other name.
            _ => Ok(()),
        }
    }

    fn reference(&mut self, value: &Value, here: &str) {
        let Some(reference) = value.as_str() else {
            return self.issue(here.to_string(), "$ref must be a string");
        };
        let Some(fragment) = reference.strip_prefix('#') else {
            return self.issue(
                here.to_string(),
                format!("$ref `{reference}` is not local: only `#/...` references are supported"),
            );
        };
        if self
            .root
            .pointer(&dmforge_runtime::pointer::from_fragment(fragment))
            .is_none()
        {
            self.issue(
                here.to_string(),
                format!("$ref `{reference}` points to nothing in this schema"),
            );
        }
    }
}

/// The shape 2020-12 gives a standard keyword's value, so that a rule of
/// the wrong type (`"maxLength": "ten"`) is an error rather than ignored.
fn standard_shape(keyword: &str, value: &Value) -> Result<(), String> {
    let ok = match keyword {
        "maxLength" | "minLength" | "maxItems" | "minItems" | "maxProperties" | "minProperties"
        | "maxContains" | "minContains" => value.as_u64().is_some(),
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => value.is_number(),
        "multipleOf" => value.as_f64().is_some_and(|n| n > 0.0),
        "required" => value
            .as_array()
            .is_some_and(|a| a.iter().all(Value::is_string)),
        "dependentRequired" => value.as_object().is_some_and(|o| {
            o.values()
                .all(|v| v.as_array().is_some_and(|a| a.iter().all(Value::is_string)))
        }),
        "enum" => value.is_array(),
        "type" => match value {
            Value::String(t) => TYPES.contains(&t.as_str()),
            Value::Array(ts) => ts
                .iter()
                .all(|t| t.as_str().is_some_and(|t| TYPES.contains(&t))),
            _ => false,
        },
        "pattern" | "$schema" | "$id" | "$anchor" | "$dynamicRef" | "$dynamicAnchor"
        | "$comment" | "title" | "description" | "contentEncoding" | "contentMediaType" => {
            value.is_string()
        }
        "uniqueItems" | "deprecated" | "readOnly" | "writeOnly" => value.is_boolean(),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{keyword}` has the wrong type of value for JSON Schema 2020-12: {value}"
        ))
    }
}

/// Every JSON type name, as `type` spells them.
pub(crate) const TYPES: &[&str] = &[
    "null", "boolean", "object", "array", "number", "string", "integer",
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn issues(schema: Value) -> Vec<(String, String)> {
        check_document(&schema)
            .into_iter()
            .map(|i| (i.pointer, i.message))
            .collect()
    }

    #[test]
    fn accepts_standard_and_extension_keywords() {
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "sources": {"s": {"title": "d", "read": "2026-11-23"}},
            "type": "object",
            "properties": {"t": {"type": "string", "maxBytes": 10, "source": "s"}, "r": {"$ref": "#/$defs/r"}},
            "$defs": {"r": {"type": "integer"}}
        });
        assert_eq!(issues(schema), vec![]);
    }

    #[test]
    fn unknown_keywords_are_annotations_with_a_warning_at_their_pointer() {
        let found = check_document(&json!({"properties": {"a": {"maxChars": 3}}}));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/properties/a/maxChars");
        assert!(found[0].warning);
        assert!(found[0]
            .message
            .contains("unknown keyword `maxChars` is read as an annotation"));
        assert!(check_document(&json!({"x-internal": {"any": 1}, "example": {"a": 1}})).is_empty());
    }

    #[test]
    fn formats_are_checked_refused_or_read_as_annotations() {
        let found = |format: &str| check_document(&json!({"type": "string", "format": format}));
        for checked in ["uri", "int32", "float"] {
            assert_eq!(found(checked), vec![], "{checked}");
        }
        let unknown = found("phone-number");
        assert!(unknown[0].warning, "an unknown format is an annotation");
        assert!(unknown[0].message.contains("unknown format `phone-number`"));
        for standard in dmforge_runtime::rules::format::FORMATS {
            assert_eq!(found(standard), vec![], "{standard} is checked");
        }
    }

    #[test]
    fn a_near_miss_of_a_known_keyword_is_refused_with_a_suggestion() {
        let found = check_document(&json!({"properties": {"a": {"maxLenght": 3}}}));
        assert_eq!(found.len(), 1);
        assert!(!found[0].warning);
        assert!(
            found[0].message.contains("did you mean `maxLength`?"),
            "{}",
            found[0].message
        );
        for (typo, meant) in [
            ("maxLenght", "maxLength"),
            ("MaxLength", "maxLength"),
            ("minimun", "minimum"),
            ("requried", "required"),
            ("patern", "pattern"),
            ("additionalProperty", "additionalProperties"),
            ("maxbytes", "maxBytes"),
        ] {
            assert_eq!(
                classify_unknown(typo),
                Some(UnknownKeyword::NearMiss(meant)),
                "{typo}"
            );
        }
        // A typo of an annotation is only a warning, with the suggestion.
        let found = check_document(&json!({"descripton": "x"}));
        assert!(found[0].warning && found[0].message.contains("did you mean `description`?"));
        for other in ["maxChars", "definitions", "id", "phone"] {
            assert!(
                !matches!(classify_unknown(other), Some(UnknownKeyword::NearMiss(_))),
                "{other} taken for a typo: {:?}",
                classify_unknown(other)
            );
        }
        assert_eq!(
            classify_unknown("x-maxLength"),
            Some(UnknownKeyword::Vendor)
        );
        assert_eq!(classify_unknown("maxLength"), None);
    }

    #[test]
    fn standard_keywords_of_the_wrong_type_are_refused() {
        let found = issues(json!({
            "type": "object",
            "properties": {"a": {"type": "string", "maxLength": "ten"}, "b": {"type": "text"}},
            "required": [1]
        }));
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            ["/properties/a/maxLength", "/properties/b/type", "/required"]
        );
        assert!(found[0].1.contains("wrong type"), "{}", found[0].1);
    }

    #[test]
    fn broken_refs_and_wrong_shapes_are_refused() {
        let found = issues(json!({
            "items": {"$ref": "#/$defs/missing"},
            "allOf": [{"maxBytes": "ten"}, {"timeWindow": {"from": "a"}}, {"format": "hostname-ish"}],
            "properties": {"x": {"$ref": "other.json#/a"}, "y": {"source": "nowhere"}, "z": {"endpoint": {}}}
        }));
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/items/$ref",
                "/allOf/0/maxBytes",
                "/allOf/1/timeWindow",
                "/allOf/2/format",
                "/properties/x/$ref",
                "/properties/y/source",
                "/properties/z/endpoint"
            ]
        );
    }
}

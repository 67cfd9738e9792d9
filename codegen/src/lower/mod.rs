//! Schema → IR. Every keyword of a schema is either turned into IR or
//! refused with an error at its JSON Pointer: the generator never drops a
//! rule it cannot enforce. What it accepts:
//!
//! - `type` string / integer / number / boolean / array / object, with the
//!   rules of that type (`maxLength`, `maxBytes`, `format`, `minimum`,
//!   `maxItems`, `required`, `additionalProperties: false`, …);
//! - `enum` / `const` of strings, as Rust enums;
//! - local `$ref`s, as named types (so recursion is fine);
//! - `allOf` of branches that only declare members, merged into one object
//!   first (`all_of.rs`);
//! - `if`/`then`/`else` (also inside `allOf`), `anyOf` of `required`,
//!   `dependentRequired`, `dependentSchemas` that forbid members, and
//!   dmforge's `timeWindow`, as object rules;
//! - an object whose every conditional is "if tag member = value then …" as
//!   a tagged union, one Rust variant per tag value.

mod all_of;
mod alternatives;
mod tuple;
mod value;

use std::collections::{BTreeMap, HashMap, HashSet};

use dmforge_runtime::pointer::child;
use serde_json::{Map, Value};

use crate::error::CodegenError;
use crate::ir::{
    ArrayType, Condition, Doc, Effects, EnumDef, Field, FieldType, Format, IntegerEnumDef,
    IntegerRules, JsonValues, Module, NumberRules, NumericFormat, NumericRules, ObjectRule,
    StringRules, StructDef, Tag, TypeDef, TypeId, TypeKind, TypeVariant, UnionDef, ValueId,
    ValueNode, ValueRule, Variant,
};
use crate::names::{snake, upper_camel};
use crate::vocabulary::{
    parse_max_bytes, parse_max_days_ahead, parse_spec, Base64FileSpec, TimeWindowSpec,
    UnknownKeyword,
};

/// The numeric `format` of an integer or number schema, if it has one
/// (any other format on a number is an annotation: formats apply to their
/// own type).
fn numeric_format(object: &Map<String, Value>, integer: bool) -> Option<NumericFormat> {
    object
        .get("format")
        .and_then(Value::as_str)
        .and_then(|name| NumericFormat::parse(name, integer))
}

/// Whether a keyword asserts nothing: a standard or dmforge annotation, or
/// an unknown keyword, which 2020-12 reads as an annotation (the vocabulary
/// check warns about it, and refuses one that looks like a misspelt rule).
fn is_annotation(keyword: &str) -> bool {
    // Identifiers and definitions assert nothing: `load` has already
    // resolved every `$ref` that names them into a pointer.
    matches!(
        keyword,
        "$id" | "$anchor" | "$dynamicAnchor" | "$comment" | "$defs" | "definitions"
    ) || keyword == NULLABLE
        || crate::vocabulary::ANNOTATION_KEYWORDS.contains(&keyword)
        || matches!(
            crate::vocabulary::classify_unknown(keyword),
            Some(UnknownKeyword::Vendor | UnknownKeyword::Annotation | UnknownKeyword::Unknown)
        )
}

/// Marks a schema whose values may also be `null`, with its `type` the one
/// other type: what `"type": ["string", "null"]` (OpenAPI 3.1's nullable)
/// and OpenAPI 3.0's `"nullable": true` are rewritten into before lowering,
/// so that one rule makes them `Option`s. Never written by a user: the
/// vocabulary check runs on the schema as written.
pub(crate) const NULLABLE: &str = "dmforgeNullable";

/// `document` with every `"type": [T, "null"]` (either order) written as
/// `"type": T` and [`NULLABLE`].
fn mark_nullable(document: &Value) -> Value {
    let mut document = document.clone();
    mark_nullable_in_place(&mut document);
    document
}

fn mark_nullable_in_place(schema: &mut Value) {
    crate::vocabulary::each_schema_mut(schema, &mut |object| {
        let other = match object
            .get("type")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([Value::String(a), Value::String(b)]) if b == "null" && a != "null" => a.clone(),
            Some([Value::String(a), Value::String(b)]) if a == "null" && b != "null" => b.clone(),
            _ => return,
        };
        object.insert("type".into(), Value::String(other));
        object.insert(NULLABLE.into(), Value::Bool(true));
    });
}

/// Whether values of this type are read wider and narrowed (integers into
/// their Rust type, `float`s into an `f32`), which the typed parser does for
/// a member or an array's items, but not deeper inside a container.
fn narrowed(ty: &FieldType) -> bool {
    matches!(ty, FieldType::Integer(_))
        || matches!(ty, FieldType::Number(rules) if rules.format == Some(NumericFormat::Float))
}

/// Why a container of narrowed numbers is checked as a JSON value instead.
const NARROWED_IN_CONTAINER: &str = "integers (or floats) inside a nested or nullable list are checked as a JSON value: the typed parser narrows them only as a member or a list's items";

/// Whether a schema has a `readOnly` or `writeOnly` member anywhere.
fn has_read_or_write_only(schema: &Value) -> bool {
    let mut found = false;
    let mut copy = schema.clone();
    crate::vocabulary::each_schema_mut(&mut copy, &mut |object| {
        found |= object.get("readOnly") == Some(&Value::Bool(true))
            || object.get("writeOnly") == Some(&Value::Bool(true));
    });
    found
}

/// Whether a schema object is marked [`NULLABLE`].
fn is_nullable(object: &Map<String, Value>) -> bool {
    object.get(NULLABLE) == Some(&Value::Bool(true))
}

/// Whether `keyword` asserts something only about values of types other
/// than `own_type` (`maxLength` on an `integer` schema).
fn applies_only_to_others(keyword: &str, own_type: &str) -> bool {
    const STRING: &[&str] = &[
        "minLength",
        "maxLength",
        "pattern",
        "maxBytes",
        "maxDaysAhead",
        "base64File",
    ];
    const NUMBER: &[&str] = &[
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ];
    const ARRAY: &[&str] = &[
        "items",
        "prefixItems",
        "contains",
        "minContains",
        "maxContains",
        "minItems",
        "maxItems",
        "uniqueItems",
        "unevaluatedItems",
    ];
    const OBJECT: &[&str] = &[
        "properties",
        "patternProperties",
        "additionalProperties",
        "propertyNames",
        "required",
        "minProperties",
        "maxProperties",
        "dependentRequired",
        "dependentSchemas",
        "unevaluatedProperties",
        "timeWindow",
    ];
    let applies_to: &[&str] = if STRING.contains(&keyword) {
        &["string"]
    } else if NUMBER.contains(&keyword) {
        &["integer", "number"]
    } else if ARRAY.contains(&keyword) {
        &["array"]
    } else if OBJECT.contains(&keyword) {
        &["object"]
    } else {
        return false;
    };
    !applies_to.contains(&own_type)
}

/// Keywords only the root may carry (beside the object's own).
const ROOT_ONLY: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "definitions",
    "endpoint",
    "sources",
];
const STRING_KEYWORDS: &[&str] = &[
    "type",
    "minLength",
    "maxLength",
    "maxBytes",
    "format",
    "pattern",
    "maxDaysAhead",
    "base64File",
];
const INTEGER_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "multipleOf",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
];
const NUMBER_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];
const ARRAY_KEYWORDS: &[&str] = &["type", "items", "minItems", "maxItems", "uniqueItems"];
const ENUM_KEYWORDS: &[&str] = &["type", "enum", "const"];
const OBJECT_KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "patternProperties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "anyOf",
    "allOf",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "timeWindow",
];

/// Lowers one schema document. `fallback_name` names the root type when the
/// schema has no `title`.
pub fn lower(
    id: &str,
    file: &str,
    document: &Value,
    fallback_name: &str,
) -> Result<Module, Vec<CodegenError>> {
    let mut marked = mark_nullable(document);
    all_of::merge_all_of(&mut marked, &[String::new()]);
    let document = &marked;
    // `load` has bundled the document: every `$ref` is a pointer from the
    // root, whatever `$id`s it holds.
    let mut lowerer = Lowerer::new(file, document, false, false);
    let object = document.as_object();
    let name = object
        .and_then(|o| o.get("title"))
        .and_then(Value::as_str)
        .map_or_else(|| upper_camel(fallback_name), upper_camel);
    let is_object = object.is_some_and(|o| {
        o.get("type").is_some_and(|t| t == "object") || o.contains_key("properties")
    });
    lowerer.dynamic = crate::bundle::has_dynamic_references(document);
    let root = match object {
        // A `$dynamicRef` resolves against every resource evaluation went
        // through since the root, which only checked values follow.
        _ if lowerer.dynamic => lowerer.root_any(document, &name),
        Some(object) if is_object => {
            let mark = lowerer.mark();
            let id = lowerer.object_type("", object, &name, true);
            if lowerer.errors.len() == mark.errors {
                id
            } else {
                lowerer.rollback(&mark);
                lowerer.root_any(document, &name)
            }
        }
        Some(object) => lowerer.root_value(object, &name),
        None => lowerer.root_any(document, &name),
    };
    lowerer.attach_dynamic_scopes();
    lowerer.refuse_endless_references();
    for (pointer, message) in endpoint_members(document) {
        lowerer.error(&pointer, message);
    }
    if !lowerer.errors.is_empty() {
        return Err(lowerer.errors);
    }
    let empty = Map::new();
    let object = object.unwrap_or(&empty);
    Ok(Module {
        id: id.to_string(),
        file: file.to_string(),
        doc: doc_of(object, ""),
        root,
        examples: object
            .get("examples")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        warnings: Vec::new(),
        values: lowerer.values,
        entries: Vec::new(),
        boxed: crate::ir::held_in_cycles(&lowerer.types),
        types: lowerer.types,
        endpoint: endpoint(id, object),
        operations: Vec::new(),
    })
}

/// The members of the request an `endpoint` names (`deduplicatedBy`, a
/// rate limit's `when`) that the schema does not declare, each at its
/// pointer: a misspelt one would never match, and never say so.
fn endpoint_members(document: &Value) -> Vec<(String, String)> {
    let Some(spec) = document
        .get("endpoint")
        .and_then(|e| serde_json::from_value::<crate::vocabulary::EndpointSpec>(e.clone()).ok())
    else {
        return Vec::new();
    };
    let mut named: Vec<(String, &str)> = Vec::new();
    if let Some(pointer) = &spec.deduplicated_by {
        named.push(("/endpoint/deduplicatedBy".to_string(), pointer));
    }
    for (index, limit) in spec.rate_limits.iter().enumerate() {
        if let Some(when) = &limit.when {
            named.push((
                format!("/endpoint/rateLimits/{index}/when/pointer"),
                &when.pointer,
            ));
        }
    }
    named
        .into_iter()
        .filter(|(_, pointer)| !declares(document, document, pointer, 0))
        .map(|(at, pointer)| {
            (
                at,
                format!("`{pointer}` is not a member this schema declares (`*` stands for every item of an array)"),
            )
        })
        .collect()
}

/// Whether `schema` (in `document`) declares the member `pointer` leads
/// to: through `properties`, `items` for `*` or an index, the branches of
/// `oneOf`/`anyOf`/`allOf`, and local `$ref`s.
fn declares(document: &Value, schema: &Value, pointer: &str, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    if let Some(target) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|r| document.pointer(r))
    {
        if declares(document, target, pointer, depth + 1) {
            return true;
        }
    }
    let branches = ["oneOf", "anyOf", "allOf"]
        .iter()
        .filter_map(|k| schema.get(*k).and_then(Value::as_array))
        .flatten();
    for branch in branches {
        if declares(document, branch, pointer, depth + 1) {
            return true;
        }
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return pointer.is_empty();
    };
    let (segment, after) = match rest.find('/') {
        Some(cut) => (&rest[..cut], &rest[cut..]),
        None => (rest, ""),
    };
    let segment = segment.replace("~1", "/").replace("~0", "~");
    let next = if segment == "*" || segment.parse::<usize>().is_ok() {
        schema.get("items")
    } else {
        schema
            .get("properties")
            .and_then(|p| p.get(segment.as_str()))
    };
    next.is_some_and(|next| declares(document, next, after, depth + 1))
}

/// The variables of an endpoint's base URL and path, each with what it is.
pub(crate) fn template_parameters(spec: &crate::vocabulary::EndpointSpec) -> Vec<(String, String)> {
    let mut parameters: Vec<(String, String)> = Vec::new();
    let templates = [Some(spec.base_url.as_str()), spec.path.as_deref()];
    for template in templates.into_iter().flatten() {
        for name in template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        {
            let description = match spec.path_parameters.get(name).and_then(Value::as_str) {
                Some(text) => text.to_string(),
                None => "Part of the base URL.".to_string(),
            };
            if !parameters.iter().any(|(n, _)| n == name) {
                parameters.push((name.to_string(), description));
            }
        }
    }
    parameters
}

/// The root's `endpoint`, as the generator uses it (the vocabulary check
/// has refused a malformed one).
fn endpoint(id: &str, root: &Map<String, Value>) -> Option<crate::ir::EndpointDef> {
    let spec: crate::vocabulary::EndpointSpec =
        serde_json::from_value(root.get("endpoint")?.clone()).ok()?;
    let parameters = template_parameters(&spec);
    let files = root
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, schema)| schema.get("base64File").is_some())
        .map(|(name, _)| name.clone())
        .collect();
    let folder = id.rsplit_once('/').map_or("", |(folder, _)| folder);
    let linked = |key: &str, file: &str| {
        let stem = file.strip_suffix(crate::load::SUFFIX).unwrap_or(file);
        crate::ir::Linked {
            file: file.to_string(),
            pointer: format!("/endpoint/responses/{key}"),
            id: if folder.is_empty() {
                stem.to_string()
            } else {
                format!("{folder}/{stem}")
            },
            type_name: None,
            local: false,
        }
    };
    let success = spec.responses.iter().find(|(key, _)| *key != "default");
    Some(crate::ir::EndpointDef {
        parameters,
        files,
        success_status: success.and_then(|(key, _)| key.parse().ok()).unwrap_or(200),
        success: success.map(|(key, file)| linked(key, file)),
        error: spec
            .responses
            .get("default")
            .map(|file| linked("default", file)),
        spec,
    })
}

/// One schema of a document that holds many (an OpenAPI file), to be given
/// a type named `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySpec {
    /// JSON Pointer of the schema in the document.
    pub pointer: String,
    /// UpperCamelCase type name.
    pub name: String,
    /// What the schema is, for messages (`operation pushMessage's request body`).
    pub role: String,
    /// Whether it is sent (a request body), received (a response) or either.
    pub direction: Direction,
}

/// Which way a schema's values travel, for OpenAPI's `readOnly` (a member
/// only a response has) and `writeOnly` (only a request).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Direction {
    #[default]
    Either,
    Request,
    Response,
}

/// Lowers the schemas at `entries` of `document` into one module, each a
/// named type (`$ref`s between them are shared types). An entry the
/// generator cannot type is left out, and the reasons are returned beside
/// the module as warnings located in the file, so that one schema no engine
/// could check does not stop a whole API's types.
pub fn lower_entries(
    id: &str,
    file: &str,
    document: &Value,
    entries: &[EntrySpec],
) -> (Module, Vec<CodegenError>) {
    // The document is not a schema: each entry's schema is walked.
    let mut marked = document.clone();
    for entry in entries {
        if let Some(schema) = marked.pointer_mut(&entry.pointer) {
            mark_nullable_in_place(schema);
        }
    }
    let roots: Vec<String> = entries.iter().map(|e| e.pointer.clone()).collect();
    all_of::merge_all_of(&mut marked, &roots);
    let document = &marked;
    let directional = entries.iter().any(|e| {
        document
            .pointer(&e.pointer)
            .is_some_and(has_read_or_write_only)
    });
    let mut lowerer = Lowerer::new(
        file,
        document,
        value::embeds_resources(document),
        directional,
    );
    let mut typed = Vec::new();
    let mut left_out = Vec::new();
    for entry in entries {
        let Some(schema) = document.pointer(&entry.pointer) else {
            continue;
        };
        lowerer.direction = entry.direction;
        if let Some(id) = lowerer.by_pointer.get(&lowerer.memo_key(&entry.pointer)) {
            typed.push((entry.name.clone(), *id));
            continue;
        }
        let mark = lowerer.mark();
        let fallback = format!("{}Schema", entry.name);
        let ty = lowerer.type_of(&entry.pointer, schema, (&entry.name, &fallback));
        let id = match ty {
            Some(FieldType::Named(id)) => Some(id),
            Some(other) => {
                let name = lowerer.unique_name(&entry.name, &fallback);
                let doc = schema
                    .as_object()
                    .map(|o| doc_of(o, &entry.pointer))
                    .unwrap_or_default();
                let id = lowerer.reserve(name, doc);
                lowerer.types[id.0].kind = TypeKind::Newtype(other);
                Some(id)
            }
            None => None,
        };
        let errors: Vec<CodegenError> = lowerer.errors[mark.errors..].to_vec();
        match id {
            Some(id) if errors.is_empty() => typed.push((entry.name.clone(), id)),
            _ => {
                lowerer.rollback(&mark);
                for error in errors {
                    left_out.push(CodegenError::warning(
                        file,
                        error.pointer,
                        format!("{} is left out: {}", entry.role, error.message),
                    ));
                }
            }
        }
    }
    let mark = lowerer.mark();
    lowerer.refuse_endless_references();
    // An endless cycle is not an entry's own: refuse the document.
    let endless: Vec<CodegenError> = lowerer.errors[mark.errors..].to_vec();
    left_out.extend(endless);
    // A body that is a `$ref` to a component of its own name is that
    // component's entry; two different schemas of one name are told apart.
    let mut entries_named: Vec<(String, TypeId)> = Vec::new();
    for (name, id) in typed {
        if entries_named.iter().any(|(n, i)| *n == name && *i == id) {
            continue;
        }
        let mut unique = name.clone();
        let mut n = 2;
        while entries_named.iter().any(|(taken, _)| *taken == unique) {
            unique = format!("{name}{n}");
            n += 1;
        }
        entries_named.push((unique, id));
    }
    let typed = entries_named;
    let root = typed.first().map_or(TypeId(0), |(_, id)| *id);
    (
        Module {
            id: id.to_string(),
            file: file.to_string(),
            doc: Doc::default(),
            root,
            examples: Vec::new(),
            warnings: Vec::new(),
            values: lowerer.values,
            entries: typed,
            boxed: crate::ir::held_in_cycles(&lowerer.types),
            types: lowerer.types,
            endpoint: None,
            operations: Vec::new(),
        },
        left_out,
    )
}

fn doc_of(object: &Map<String, Value>, pointer: &str) -> Doc {
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
    Doc {
        title: text("title"),
        description: text("description"),
        pointer: pointer.to_string(),
    }
}

/// One `if`/`then`/`else`, as found in the schema.
struct RawConditional<'a> {
    pointer: String,
    when: &'a Value,
    then: Option<&'a Value>,
    otherwise: Option<&'a Value>,
}

/// A `then` branch that refines a member's schema (only a union may).
struct Refinement<'a> {
    member: String,
    pointer: String,
    schema: &'a Value,
}

struct Lowerer<'a> {
    file: &'a str,
    root: &'a Value,
    types: Vec<TypeDef>,
    by_pointer: HashMap<String, TypeId>,
    names: HashSet<String>,
    errors: Vec<CodegenError>,
    /// `$ref` targets being inlined, to refuse a cycle that never reaches a
    /// named type (`{"$ref": "#"}` at a scalar root) instead of recursing forever.
    inlining: Vec<String>,
    /// Every name taken in `names`, in order, so that a rollback frees them.
    names_log: Vec<String>,
    /// Schemas checked over a JSON value at run time.
    values: Vec<ValueNode>,
    value_by_pointer: HashMap<String, ValueId>,
    /// Whether a subschema has its own `$id` (references would resolve
    /// against it, which value nodes do not support yet).
    embeds_resources: bool,
    /// Whether the document has `$dynamicRef`s: then it is checked as one
    /// JSON value, so that the dynamic scope is followed from its root.
    dynamic: bool,
    /// (pointer, JSON type): the schema at the pointer is being lowered as
    /// one of the types its `type` lists.
    type_override: Option<(String, String)>,
    /// The way the entry being lowered travels, and whether the document
    /// has `readOnly`/`writeOnly` members at all (only then do requests and
    /// responses get types of their own).
    direction: Direction,
    directional: bool,
    /// Schemas (by memo key) the typed lowering failed on once.
    untypable: HashSet<String>,
}

/// How far lowering had got, to undo a typed attempt that failed and lower
/// the same schema as a checked value instead.
struct Mark {
    types: usize,
    errors: usize,
    names: usize,
    values: usize,
}

impl<'a> Lowerer<'a> {
    fn new(file: &'a str, root: &'a Value, embeds_resources: bool, directional: bool) -> Self {
        Self {
            file,
            root,
            types: Vec::new(),
            by_pointer: HashMap::new(),
            names: HashSet::new(),
            errors: Vec::new(),
            inlining: Vec::new(),
            names_log: Vec::new(),
            values: Vec::new(),
            value_by_pointer: HashMap::new(),
            embeds_resources,
            dynamic: false,
            type_override: None,
            direction: Direction::Either,
            directional,
            untypable: HashSet::new(),
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            types: self.types.len(),
            errors: self.errors.len(),
            names: self.names_log.len(),
            values: self.values.len(),
        }
    }

    /// Undoes everything lowered since `mark`.
    fn rollback(&mut self, mark: &Mark) {
        self.types.truncate(mark.types);
        self.errors.truncate(mark.errors);
        for name in self.names_log.drain(mark.names..) {
            self.names.remove(&name);
        }
        self.values.truncate(mark.values);
        self.by_pointer.retain(|_, id| id.0 < mark.types);
        self.value_by_pointer.retain(|_, id| id.0 < mark.values);
    }

    /// The root as a checked JSON value: a newtype around it.
    fn root_any(&mut self, document: &'a Value, name: &str) -> TypeId {
        let Some(node) = self.value_type("", document) else {
            return TypeId(0);
        };
        let name = self.unique_name(name, &format!("{name}Value"));
        let doc = document
            .as_object()
            .map(|o| doc_of(o, ""))
            .unwrap_or_default();
        let id = self.reserve(name, doc);
        self.types[id.0].kind = TypeKind::Newtype(node);
        id
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.errors
            .push(CodegenError::new(self.file, pointer, message));
    }

    /// Refuses every keyword of `object` that is not in `allowed` (or an annotation).
    /// The key a schema's type is remembered under: its pointer, and in a
    /// document with `readOnly`/`writeOnly` members, the way it travels.
    fn memo_key(&self, pointer: &str) -> String {
        match (self.directional, self.direction) {
            (true, Direction::Request) => format!("{pointer} request"),
            (true, Direction::Response) => format!("{pointer} response"),
            _ => pointer.to_string(),
        }
    }

    /// `Request` or `Response` after a type name made for one way only.
    fn direction_suffix(&self) -> &'static str {
        match (self.directional, self.direction) {
            (true, Direction::Request) => "Request",
            (true, Direction::Response) => "Response",
            _ => "",
        }
    }

    /// Whether a member's schema keeps it out of this way (`readOnly` in a
    /// request, `writeOnly` in a response).
    fn left_out_this_way(&self, schema: &Value) -> bool {
        let flag = |key: &str| schema.get(key) == Some(&Value::Bool(true));
        match self.direction {
            Direction::Request => flag("readOnly"),
            Direction::Response => flag("writeOnly"),
            Direction::Either => false,
        }
    }

    /// The schema's `type` as lowered here: its own, or the one of its list
    /// being lowered.
    fn declared_type<'o>(
        &'o self,
        pointer: &str,
        object: &'o Map<String, Value>,
    ) -> Option<&'o str> {
        match &self.type_override {
            Some((at, t)) if at == pointer => Some(t.as_str()),
            _ => object.get("type").and_then(Value::as_str),
        }
    }

    fn only(&mut self, pointer: &str, object: &Map<String, Value>, allowed: &[&str], what: &str) {
        let own_type = self.declared_type(pointer, object).map(str::to_string);
        let own_type = own_type.as_deref();
        for keyword in object.keys() {
            let root_keyword = pointer.is_empty() && ROOT_ONLY.contains(&keyword.as_str());
            // `{"type": "integer", "maxLength": 2}`: a rule for strings never
            // applies to a value that must be an integer, so it is honoured
            // by having nothing to check.
            let other_type = own_type.is_some_and(|t| applies_only_to_others(keyword, t));
            if !allowed.contains(&keyword.as_str())
                && !is_annotation(keyword)
                && !root_keyword
                && !other_type
            {
                self.error(
                    &child(pointer, keyword),
                    format!("`{keyword}` is not supported by the generator on {what}; it cannot be enforced, so the schema is refused"),
                );
            }
        }
    }

    /// A unique type name: `preferred`, else `fallback`, else numbered. A
    /// name that says nothing alone (`Type`, `Item`) takes `fallback` (the
    /// owner's name in front) first.
    fn unique_name(&mut self, preferred: &str, fallback: &str) -> String {
        let mut name = preferred.to_string();
        if self.names.contains(&name)
            || crate::names::says_nothing_alone(&name)
            || crate::names::taken_by_rust(&name)
        {
            name = fallback.to_string();
        }
        let base = name.clone();
        let mut n = 2;
        while self.names.contains(&name) || crate::names::taken_by_rust(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.names.insert(name.clone());
        self.names_log.push(name.clone());
        name
    }

    fn reserve(&mut self, name: String, doc: Doc) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            name,
            doc,
            kind: TypeKind::Struct(StructDef {
                fields: Vec::new(),
                closed: false,
                additional: None,
                additional_pattern: None,
                rules: Vec::new(),
            }),
        });
        id
    }

    /// The type of a member or item schema. `names` is (preferred, fallback)
    /// for a named type created here. The schema gets the most precise Rust
    /// type the typed lowering can give it; when it can give none (no
    /// `type`, several types, keywords it has no Rust shape for), the value
    /// is kept as JSON and checked at run time instead, and only what that
    /// cannot decide either is refused.
    fn type_of(
        &mut self,
        pointer: &str,
        schema: &'a Value,
        names: (&str, &str),
    ) -> Option<FieldType> {
        let key = self.memo_key(pointer);
        if !self.untypable.contains(&key) {
            let mark = self.mark();
            let typed = self.typed_type_of(pointer, schema, names);
            if self.errors.len() == mark.errors && typed.is_some() {
                return typed;
            }
            self.rollback(&mark);
            // Remembered past the rollback: trying again on every `$ref` to
            // it would cost exponential time on chains of definitions.
            self.untypable.insert(key);
        }
        self.value_type(pointer, schema)
    }

    fn typed_type_of(
        &mut self,
        pointer: &str,
        schema: &'a Value,
        names: (&str, &str),
    ) -> Option<FieldType> {
        let ty = self.non_null_type_of(pointer, schema, names)?;
        let ty = self.kept_scalar(pointer, schema, ty, names);
        // An `enum`/`const` says itself whether `null` is allowed: only when
        // it lists it (and then the values are kept as JSON).
        let nullable = schema
            .as_object()
            .is_some_and(|o| is_nullable(o) && !o.contains_key("enum") && !o.contains_key("const"));
        match ty {
            // A JSON value holds `null` itself (its schema says whether it may).
            FieldType::Json(_) | FieldType::Any(_) => Some(ty),
            FieldType::Array(array) if nullable && narrowed(&array.items) => {
                self.error(pointer, NARROWED_IN_CONTAINER);
                None
            }
            ty => {
                let ty = match ty {
                    FieldType::Array(array) if self.keeps_its_count(&array) => {
                        FieldType::Named(self.list_type(pointer, schema, *array, names))
                    }
                    ty => ty,
                };
                Some(if nullable {
                    FieldType::Nullable(Box::new(ty))
                } else {
                    ty
                })
            }
        }
    }

    fn non_null_type_of(
        &mut self,
        pointer: &str,
        schema: &'a Value,
        names: (&str, &str),
    ) -> Option<FieldType> {
        let object = match schema {
            Value::Object(object) => object,
            Value::Bool(_) => {
                self.error(pointer, "a boolean schema cannot be given a Rust type here");
                return None;
            }
            _ => {
                self.error(pointer, "a schema must be an object or a boolean");
                return None;
            }
        };
        if let Some(reference) = object.get("$ref") {
            self.only(
                pointer,
                object,
                &["$ref"],
                "a `$ref` schema (siblings of `$ref` are not merged)",
            );
            return self.reference(&child(pointer, "$ref"), reference);
        }
        if object.contains_key("enum") || object.contains_key("const") {
            if let Some(json) = self.json_values(pointer, object, names) {
                return json;
            }
            let id = self.enum_type(pointer, object, names)?;
            return Some(FieldType::Named(id));
        }
        if let Some(keyword) = alternatives::keyword_of(object, pointer.is_empty()) {
            return self.alternatives(pointer, object, keyword, names);
        }
        let overridden = self
            .type_override
            .as_ref()
            .filter(|(at, _)| at == pointer)
            .map(|(_, t)| Value::String(t.clone()));
        match overridden.as_ref().or_else(|| object.get("type")) {
            Some(Value::Array(list)) => self.type_union(pointer, schema, object, list, names),
            Some(Value::String(t)) => match t.as_str() {
                "string" => Some(FieldType::String(self.string_rules(pointer, object))),
                "integer" => Some(FieldType::Integer(self.integer_rules(pointer, object))),
                "number" => {
                    self.only(pointer, object, NUMBER_KEYWORDS, "a number schema");
                    let number = |key: &str| object.get(key).and_then(Value::as_f64);
                    Some(FieldType::Number(NumberRules {
                        minimum: number("minimum"),
                        maximum: number("maximum"),
                        exclusive_minimum: number("exclusiveMinimum"),
                        exclusive_maximum: number("exclusiveMaximum"),
                        multiple_of: number("multipleOf"),
                        format: numeric_format(object, false),
                    }))
                }
                "boolean" => {
                    self.only(pointer, object, &["type"], "a boolean schema");
                    Some(FieldType::Boolean)
                }
                "array" => self.array_type(pointer, object, names),
                "object" if object.keys().all(|k| k == "type" || is_annotation(k)) => {
                    Some(FieldType::AnyObject)
                }
                "object" => {
                    let name = self.unique_name(names.0, names.1);
                    Some(FieldType::Named(
                        self.object_type(pointer, object, &name, false),
                    ))
                }
                "null" => {
                    self.error(
                        &child(pointer, "type"),
                        "`type: null` is not supported by the generator",
                    );
                    None
                }
                other => {
                    self.error(&child(pointer, "type"), format!("unknown type `{other}`"));
                    None
                }
            },
            Some(_) => {
                self.error(
                    &child(pointer, "type"),
                    "a list of types is not supported by the generator: a member has one Rust type",
                );
                None
            }
            None if object.contains_key("properties") => {
                self.error(
                    pointer,
                    "`properties` without `type: object` also accepts strings, numbers and arrays; say `type: object` so the member has one Rust type",
                );
                None
            }
            None => {
                self.error(
                    pointer,
                    "a schema without `type`, `enum`, `const` or `$ref` accepts values of every type; the generator cannot give it one Rust type",
                );
                None
            }
        }
    }

    /// `"type": [A, B, …]`: a Rust enum with a variant per type, each the
    /// schema lowered as that type alone (its rules for other types then
    /// check nothing); with `null` among them, an `Option` of it.
    fn type_union(
        &mut self,
        pointer: &str,
        schema: &'a Value,
        object: &'a Map<String, Value>,
        list: &[Value],
        names: (&str, &str),
    ) -> Option<FieldType> {
        let types: Vec<String> = list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        let nullable = types.iter().any(|t| t == "null");
        let others: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
        let overlapping =
            others.iter().any(|t| *t == "integer") && others.iter().any(|t| *t == "number");
        if others.len() < 2 || overlapping || types.len() != list.len() {
            self.error(
                &child(pointer, "type"),
                "this list of types is checked as a JSON value (an integer is also a number)",
            );
            return None;
        }
        let mut variants = Vec::new();
        for json_type in others {
            let variant = upper_camel(json_type);
            let preferred = format!("{}{variant}", names.0);
            let fallback = format!("{}{variant}", names.1);
            self.type_override = Some((pointer.to_string(), json_type.clone()));
            // The string or number variant keeps its rules too.
            let ty = self
                .non_null_type_of(pointer, schema, (&preferred, &fallback))
                .map(|ty| self.kept_scalar(pointer, schema, ty, (&preferred, &fallback)));
            self.type_override = None;
            variants.push(TypeVariant {
                json_type: json_type.clone(),
                name: variant,
                ty: ty?,
            });
        }
        let name = self.unique_name(names.0, names.1);
        let id = self.reserve(name, doc_of(object, pointer));
        self.types[id.0].kind = TypeKind::TypeUnion(variants);
        let ty = FieldType::Named(id);
        Some(if nullable {
            FieldType::Nullable(Box::new(ty))
        } else {
            ty
        })
    }

    /// Whether a list is a type of its own that keeps its count and, with
    /// `uniqueItems`, its items distinct: it has such a rule, and its items
    /// check themselves (JSON values, items that may be `null` and lists
    /// of lists are still checked by the list's owner).
    fn keeps_its_count(&self, array: &ArrayType) -> bool {
        let counted = array.min_items.is_some() || array.max_items.is_some() || array.unique_items;
        let items_check_themselves = match &array.items {
            // Checked by the list's owner, item by item.
            FieldType::Json(_) | FieldType::Any(_) => false,
            FieldType::Nullable(_) | FieldType::Array(_) => false,
            // A plain string or number holds its rules (a number's type
            // its range); one with more is a type of its own.
            FieldType::String(_)
            | FieldType::Integer(_)
            | FieldType::Number(_)
            | FieldType::Boolean
            | FieldType::AnyObject => true,
            FieldType::Named(_) => true,
        };
        counted && items_check_themselves
    }

    /// The type of its own that a list with a count limit gets.
    fn list_type(
        &mut self,
        pointer: &str,
        schema: &Value,
        array: ArrayType,
        names: (&str, &str),
    ) -> TypeId {
        self.kept_type(pointer, schema, names, "List", TypeKind::List(array))
    }

    /// A string or number with rules its Rust type does not hold as the
    /// type of its own that keeps them (an instant for a provider's
    /// date-time); any other type as it is.
    fn kept_scalar(
        &mut self,
        pointer: &str,
        schema: &Value,
        ty: FieldType,
        names: (&str, &str),
    ) -> FieldType {
        let numeric = match ty {
            FieldType::String(rules) if rules.typed_date_time() => {
                return FieldType::Named(self.kept_type(
                    pointer,
                    schema,
                    names,
                    "DateTime",
                    TypeKind::DateTime(rules),
                ));
            }
            FieldType::String(rules) if rules.any() => {
                return FieldType::Named(self.text_type(pointer, schema, rules, names));
            }
            FieldType::Integer(rules) if !rules.held_by_type() => NumericRules::Integer(rules),
            FieldType::Number(rules) if !rules.held_by_type() => NumericRules::Number(rules),
            ty => return ty,
        };
        FieldType::Named(self.kept_type(
            pointer,
            schema,
            names,
            "Number",
            TypeKind::Numeric(numeric),
        ))
    }

    /// The type of its own that a string with rules gets.
    fn text_type(
        &mut self,
        pointer: &str,
        schema: &Value,
        rules: StringRules,
        names: (&str, &str),
    ) -> TypeId {
        self.kept_type(pointer, schema, names, "Text", TypeKind::Text(rules))
    }

    /// A type that keeps its rules (`kind`: a string or a list of its
    /// own), named from its owner and member (`QuickReplyTitle`) or its
    /// definition, its name and its `{name}Rules` type's both free; one per
    /// schema location and kind (`suffix`), so that every `$ref` to a
    /// definition shares it.
    fn kept_type(
        &mut self,
        pointer: &str,
        schema: &Value,
        names: (&str, &str),
        suffix: &str,
        kind: TypeKind,
    ) -> TypeId {
        let overriding = self
            .type_override
            .as_ref()
            .is_some_and(|(at, _)| at == pointer);
        let key = format!("{} {suffix}", self.memo_key(pointer));
        if let Some(id) = self.by_pointer.get(&key).filter(|_| !overriding) {
            return *id;
        }
        let preferred = if pointer.is_empty() { names.0 } else { names.1 };
        let mut name = self.unique_name(preferred, &format!("{preferred}{suffix}"));
        while self.names.contains(&format!("{name}Rules")) {
            let longer = format!("{name}{suffix}");
            name = self.unique_name(&longer, &longer);
        }
        let rules_name = format!("{name}Rules");
        self.names.insert(rules_name.clone());
        self.names_log.push(rules_name);
        let doc = schema
            .as_object()
            .map(|o| doc_of(o, pointer))
            .unwrap_or_default();
        let id = self.reserve(name, doc);
        self.types[id.0].kind = kind;
        if !overriding {
            self.by_pointer.insert(key, id);
        }
        id
    }

    fn reference(&mut self, pointer: &str, reference: &Value) -> Option<FieldType> {
        let ty = self.reference_target(pointer, reference)?;
        // A named target that may also be `null` is an `Option` of its type
        // wherever it is referred to.
        let target = reference
            .as_str()
            .and_then(|r| r.strip_prefix('#'))
            .unwrap_or_default();
        let nullable = self
            .root
            .pointer(target)
            .and_then(Value::as_object)
            .is_some_and(|o| is_nullable(o) && !o.contains_key("enum") && !o.contains_key("const"));
        Some(match ty {
            FieldType::Named(_) if nullable => FieldType::Nullable(Box::new(ty)),
            ty => ty,
        })
    }

    fn reference_target(&mut self, pointer: &str, reference: &Value) -> Option<FieldType> {
        let Some(target) = reference.as_str().and_then(|r| r.strip_prefix('#')) else {
            self.error(pointer, "only local `$ref`s (`#/...`) are supported");
            return None;
        };
        if let Some(id) = self.by_pointer.get(&self.memo_key(target)) {
            return Some(FieldType::Named(*id));
        }
        let Some(schema) = self.root.pointer(target) else {
            self.error(
                pointer,
                format!("`$ref` `#{target}` points to nothing in this schema"),
            );
            return None;
        };
        if self.inlining.iter().any(|t| t == target) {
            self.error(pointer, format!("`$ref` `#{target}` refers to itself without an object in between: no value could be built"));
            return None;
        }
        let name = target
            .rsplit('/')
            .next()
            .map(upper_camel)
            .unwrap_or_default();
        let name = format!("{name}{}", self.direction_suffix());
        let object = schema.as_object();
        let is_named = object.is_some_and(|o| {
            o.contains_key("enum")
                || o.contains_key("const")
                || o.contains_key("properties")
                || o.get("type").and_then(Value::as_str) == Some("object")
        });
        match (object, is_named) {
            (Some(o), true) if o.contains_key("enum") || o.contains_key("const") => {
                if let Some(json) = self.json_values(target, o, (&name, &format!("{name}Value"))) {
                    if let Some(FieldType::Named(id)) = &json {
                        self.by_pointer.insert(self.memo_key(target), *id);
                    }
                    return json;
                }
                let id = self.enum_type(target, o, (&name, &format!("{name}Value")))?;
                self.by_pointer.insert(self.memo_key(target), id);
                Some(FieldType::Named(id))
            }
            (Some(o), true) => {
                let name = self.unique_name(&name, &format!("{name}Object"));
                Some(FieldType::Named(self.object_type(target, o, &name, false)))
            }
            // A shared scalar definition is inlined where it is used.
            _ => {
                self.inlining.push(target.to_string());
                let ty = self.type_of(target, schema, (&name, &name));
                self.inlining.pop();
                ty
            }
        }
    }

    fn string_rules(&mut self, pointer: &str, object: &Map<String, Value>) -> StringRules {
        self.only(pointer, object, STRING_KEYWORDS, "a string schema");
        let number = |key: &str| object.get(key).and_then(Value::as_u64);
        let format = match object.get("format").and_then(Value::as_str) {
            None => None,
            Some(name) if Format::parse(name).is_some() => Format::parse(name),
            // A numeric format on a string, or an unknown format: an
            // annotation (the vocabulary check refuses standard formats it
            // cannot check, and warns about unknown ones).
            Some(_) => None,
        };
        let pattern = object
            .get("pattern")
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(source) = &pattern {
            if let Err(e) = dmforge_runtime::rules::pattern::compiles(source) {
                self.error(
                    &child(pointer, "pattern"),
                    crate::vocabulary::pattern_error(&e),
                );
            }
        }
        StringRules {
            pattern,
            min_length: number("minLength"),
            max_length: number("maxLength"),
            max_bytes: object.get("maxBytes").and_then(|v| parse_max_bytes(v).ok()),
            format,
            max_days_ahead: object
                .get("maxDaysAhead")
                .and_then(|v| parse_max_days_ahead(v).ok()),
            base64_file: object
                .get("base64File")
                .and_then(|v| parse_spec::<Base64FileSpec>("base64File", v).ok()),
        }
    }

    fn integer_rules(&mut self, pointer: &str, object: &Map<String, Value>) -> IntegerRules {
        self.only(pointer, object, INTEGER_KEYWORDS, "an integer schema");
        let mut bound = |key: &str, adjust: i128| -> Option<i128> {
            let value = object.get(key)?;
            match value
                .as_i64()
                .map(i128::from)
                .or_else(|| value.as_u64().map(i128::from))
            {
                Some(n) => Some(n + adjust),
                None => {
                    self.error(
                        &child(pointer, key),
                        format!("`{key}` must be an integer for an integer schema"),
                    );
                    None
                }
            }
        };
        let minimum = bound("minimum", 0);
        let maximum = bound("maximum", 0);
        let exclusive_minimum = bound("exclusiveMinimum", 1);
        let exclusive_maximum = bound("exclusiveMaximum", -1);
        let effective_maximum = match (maximum, exclusive_maximum) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        IntegerRules {
            minimum: minimum.max(exclusive_minimum),
            maximum: effective_maximum,
            // The rule that binds is the one reported.
            exclusive_minimum: exclusive_minimum.is_some() && exclusive_minimum >= minimum,
            exclusive_maximum: exclusive_maximum.is_some()
                && exclusive_maximum == effective_maximum,
            multiple_of: object.get("multipleOf").and_then(Value::as_f64),
            format: numeric_format(object, true),
        }
    }

    fn array_type(
        &mut self,
        pointer: &str,
        object: &'a Map<String, Value>,
        names: (&str, &str),
    ) -> Option<FieldType> {
        if object.contains_key("prefixItems") {
            return self.tuple_type(pointer, object, names);
        }
        self.only(pointer, object, ARRAY_KEYWORDS, "an array schema");
        let Some(items) = object.get("items") else {
            self.error(
                pointer,
                "an array without `items` holds values of every type; the generator cannot type it",
            );
            return None;
        };
        // Items are named with their owner's name in front (`DeliveryTimeWindowDaysItem`,
        // not `DaysItem`), unless a title or `$ref` names them.
        let item_names = (format!("{}Item", names.1), format!("{}Item", names.1));
        let items = self.type_of(
            &child(pointer, "items"),
            items,
            (&item_names.0, &item_names.1),
        )?;
        let nested = match &items {
            FieldType::Array(inner) => narrowed(&inner.items),
            // Items that may be `null` are checked inside the `Option` only
            // by the value path.
            FieldType::Nullable(_) => true,
            _ => false,
        };
        if nested {
            self.error(pointer, NARROWED_IN_CONTAINER);
            return None;
        }
        let unique_items = object.get("uniqueItems") == Some(&Value::Bool(true));
        // Rust equality is JSON's for these; for others (numbers, objects,
        // arrays) the items are checked as JSON values.
        let json_equality = match &items {
            FieldType::String(_) | FieldType::Integer(_) | FieldType::Boolean => true,
            FieldType::Named(id) => matches!(
                self.types[id.0].kind,
                TypeKind::Enum(_)
                    | TypeKind::IntegerEnum(_)
                    | TypeKind::Text(_)
                    | TypeKind::Numeric(NumericRules::Integer(_))
            ),
            _ => false,
        };
        if unique_items && !json_equality {
            self.error(
                &child(pointer, "uniqueItems"),
                "`uniqueItems` over these items compares them as JSON values",
            );
            return None;
        }
        Some(FieldType::Array(Box::new(ArrayType {
            unique_items,
            items,
            min_items: object.get("minItems").and_then(Value::as_u64),
            max_items: object.get("maxItems").and_then(Value::as_u64),
        })))
    }

    /// An `enum`/`const` whose values are not all strings, as a JSON value
    /// compared with JSON equality: `Some` of the field type (or of `None`
    /// after an error); `None` when the values are strings, for a Rust enum.
    #[allow(clippy::option_option)]
    fn json_values(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        names: (&str, &str),
    ) -> Option<Option<FieldType>> {
        let (values, rule, at): (Vec<Value>, ValueRule, &str) =
            match (object.get("enum"), object.get("const")) {
                (Some(Value::Array(values)), None) => (values.clone(), ValueRule::Enum, "enum"),
                (None, Some(value)) => (vec![value.clone()], ValueRule::Const, "const"),
                // Either both or a non-list `enum`: the string path reports it.
                _ => return None,
            };
        if values.iter().all(Value::is_string) {
            return None;
        }
        self.only(pointer, object, ENUM_KEYWORDS, "an enum schema");
        if let Some(kind) = object.get("type") {
            // A value of another type could never be valid: say so, rather
            // than keep a value no payload can have.
            let fits = |v: &Value| match kind.as_str() {
                Some("integer") => dmforge_runtime::rules::integer::as_i128(v).is_some(),
                Some("number") => v.is_number(),
                Some("string") => v.is_string(),
                Some("boolean") => v.is_boolean(),
                Some("null") => v.is_null(),
                Some("array") => v.is_array(),
                Some("object") => v.is_object(),
                _ => false,
            };
            if let Some(bad) = values.iter().find(|v| !fits(v)) {
                self.error(
                    &child(pointer, at),
                    format!("{bad} is not of the schema's `type`, so no payload could have it"),
                );
                return Some(None);
            }
        }
        if values.is_empty() {
            self.error(&child(pointer, at), "an empty `enum` accepts nothing");
            return Some(None);
        }
        if let Some(id) = self.integer_enum(pointer, object, &values, rule, names) {
            return Some(Some(FieldType::Named(id)));
        }
        Some(Some(FieldType::Json(JsonValues { values, rule })))
    }

    /// Integers only (`1`, not `1.0`, distinct): a Rust enum of them.
    fn integer_enum(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        values: &[Value],
        rule: ValueRule,
        names: (&str, &str),
    ) -> Option<TypeId> {
        let integers: Vec<i64> = values
            .iter()
            .map(|v| v.as_i64().filter(|_| !v.is_f64()))
            .collect::<Option<_>>()?;
        let mut distinct = integers.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() != integers.len() {
            return None;
        }
        let variants = integers
            .iter()
            .map(|n| {
                let name = if *n < 0 {
                    format!("Minus{}", n.unsigned_abs())
                } else {
                    format!("V{n}")
                };
                (*n, name)
            })
            .collect();
        let name = self.unique_name(names.0, names.1);
        let id = self.reserve(name, doc_of(object, pointer));
        self.types[id.0].kind = TypeKind::IntegerEnum(IntegerEnumDef {
            values: variants,
            rule,
            typed: object.get("type").and_then(Value::as_str) == Some("integer"),
        });
        Some(id)
    }

    fn enum_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        names: (&str, &str),
    ) -> Option<TypeId> {
        self.only(pointer, object, ENUM_KEYWORDS, "an enum schema");
        if let Some(t) = object.get("type") {
            if t != "string" {
                self.error(
                    &child(pointer, "type"),
                    "an `enum` or `const` must be of strings for the generator",
                );
                return None;
            }
        }
        let (raw, rule, at): (Vec<&Value>, ValueRule, &str) =
            match (object.get("enum"), object.get("const")) {
                (Some(Value::Array(values)), None) => {
                    (values.iter().collect(), ValueRule::Enum, "enum")
                }
                (None, Some(value)) => (vec![value], ValueRule::Const, "const"),
                _ => {
                    self.error(pointer, "use either `enum` (a list) or `const`, not both");
                    return None;
                }
            };
        let mut values = Vec::new();
        let mut variant_names = HashSet::new();
        for value in raw {
            let Some(s) = value.as_str() else {
                self.error(
                    &child(pointer, at),
                    "only string values are supported in `enum` and `const`",
                );
                return None;
            };
            let mut name = upper_camel(s);
            while !variant_names.insert(name.clone()) {
                name.push('_');
            }
            values.push((s.to_string(), name));
        }
        if values.is_empty() {
            self.error(&child(pointer, at), "an empty `enum` accepts nothing");
            return None;
        }
        let name = self.unique_name(names.0, names.1);
        let id = self.reserve(name, doc_of(object, pointer));
        self.types[id.0].kind = TypeKind::Enum(EnumDef {
            values,
            typed: object.contains_key("type"),
            rule,
        });
        Some(id)
    }

    /// A root schema that is not an object: its enum type, or a newtype
    /// around its value type.
    fn root_value(&mut self, object: &'a Map<String, Value>, name: &str) -> TypeId {
        let root: &'a Value = self.root;
        match self.type_of("", root, (name, &format!("{name}Value"))) {
            // An enumeration, alternatives or a tuple are the root type
            // themselves.
            Some(FieldType::Named(id))
                if matches!(
                    self.types[id.0].kind,
                    TypeKind::Enum(_)
                        | TypeKind::Alternatives(_)
                        | TypeKind::Tuple(_)
                        | TypeKind::Text(_)
                        | TypeKind::DateTime(_)
                        | TypeKind::Numeric(_)
                        | TypeKind::List(_)
                ) =>
            {
                id
            }
            Some(ty) => {
                let name = self.unique_name(name, &format!("{name}Value"));
                let id = self.reserve(name, doc_of(object, ""));
                self.types[id.0].kind = TypeKind::Newtype(ty);
                id
            }
            None => TypeId(0),
        }
    }

    /// Lowers an object schema under `name` (already unique).
    fn object_type(
        &mut self,
        pointer: &str,
        object: &'a Map<String, Value>,
        name: &str,
        is_root: bool,
    ) -> TypeId {
        let id = self.reserve(name.to_string(), doc_of(object, pointer));
        // Its builder's name is taken too, so that no member's type gets it.
        let builder = format!("{name}Builder");
        if self.names.insert(builder.clone()) {
            self.names_log.push(builder);
        }
        // One of several types is not what a `$ref` to this schema means.
        let overriding = self
            .type_override
            .as_ref()
            .is_some_and(|(at, _)| at == pointer);
        if !overriding {
            self.by_pointer.insert(self.memo_key(pointer), id);
        }
        let mut allowed: Vec<&str> = OBJECT_KEYWORDS.to_vec();
        if is_root {
            allowed.extend_from_slice(ROOT_ONLY);
        }
        self.only(pointer, object, &allowed, "an object schema");
        match self.declared_type(pointer, object) {
            Some("object") => {}
            Some(_) => self.error(&child(pointer, "type"), "an object schema must have `type: object`"),
            None => self.error(
                pointer,
                "an object schema needs `type: object`: without it, values that are not objects are valid too, and cannot be given this type",
            ),
        }
        let all_properties: Vec<(&'a String, &'a Value)> = match object.get("properties") {
            Some(Value::Object(p)) => p.iter().collect(),
            _ => Vec::new(),
        };
        // A `readOnly` member is not part of a request, nor a `writeOnly`
        // one of a response; neither is required there.
        let (left_out, properties): (Vec<_>, Vec<_>) = all_properties
            .into_iter()
            .partition(|(_, schema)| self.left_out_this_way(schema));
        let all_names: Vec<&str> = properties
            .iter()
            .chain(&left_out)
            .map(|(k, _)| k.as_str())
            .collect();
        let names: Vec<&str> = properties.iter().map(|(k, _)| k.as_str()).collect();
        let mut required = self.required_list(pointer, object.get("required"), &all_names);
        required.retain(|r| names.contains(&r.as_str()));
        let mut additional = None;
        let closed = match object.get("additionalProperties") {
            None | Some(Value::Bool(true)) => false,
            Some(Value::Bool(false)) => true,
            Some(schema) => {
                let at = child(pointer, "additionalProperties");
                let value_names = (format!("{name}Value"), format!("{name}AdditionalValue"));
                additional = self.type_of(&at, schema, (&value_names.0, &value_names.1));
                // The derive checks a map's values one level deep.
                if matches!(
                    additional,
                    Some(FieldType::Array(_) | FieldType::Nullable(_))
                ) {
                    self.error(
                        &at,
                        "a map of lists or of values that may be null is checked as a JSON value",
                    );
                }
                false
            }
        };
        let mut closed = closed;
        let mut additional_pattern = None;
        if let Some(patterns) = object.get("patternProperties") {
            let at = child(pointer, "patternProperties");
            match patterns.as_object().map(|p| p.iter().collect::<Vec<_>>()) {
                Some(list) if list.len() == 1 && closed && additional.is_none() => {
                    let (source, schema) = list[0];
                    let source_at = child(&at, source);
                    // A named member the pattern also matches would need both
                    // schemas at once: checked as a JSON value instead.
                    let overlaps = dmforge_runtime::rules::pattern::Compiled::new(source)
                        .map(|re| names.iter().any(|n| re.is_match(n)));
                    match overlaps {
                        Ok(false) => {
                            let value_names = (format!("{name}Value"), format!("{name}PatternValue"));
                            additional = self.type_of(&source_at, schema, (&value_names.0, &value_names.1));
                            if matches!(additional, Some(FieldType::Array(_) | FieldType::Nullable(_))) {
                                self.error(&source_at, "a map of lists or of values that may be null is checked as a JSON value");
                            }
                            additional_pattern = Some(source.clone());
                            closed = false;
                        }
                        Ok(true) => self.error(&source_at, "a named member matches this pattern too, so both schemas apply: checked as a JSON value"),
                        Err(e) => self.error(&source_at, crate::vocabulary::pattern_error(&e)),
                    }
                }
                _ => self.error(
                    &at,
                    "`patternProperties` becomes a typed map with one pattern and `additionalProperties: false`; otherwise it is checked as a JSON value",
                ),
            }
        }
        let conditionals = self.conditionals(pointer, object);
        let rules = self.object_rules(pointer, object, &names);
        if let Some(tag) = self.union_tag(&conditionals, &properties, &required) {
            let mark = self.mark();
            if additional.is_some() {
                self.error(
                    &child(pointer, "additionalProperties"),
                    "a tagged union's other members are kept as JSON; a map of them is checked as a JSON value",
                );
            }
            let kind = self.union(
                pointer,
                name,
                &properties,
                &required,
                closed,
                rules.clone(),
                &conditionals,
                tag,
            );
            if self.errors.len() == mark.errors {
                if let Some(kind) = kind {
                    self.types[id.0].kind = kind;
                }
                return id;
            }
            // Conditions a union's variants cannot hold (one that reaches
            // into a member object, a map of other members): the same
            // conditions as rules of one struct, as for any other object.
            self.rollback(&mark);
        }
        let fields = self.fields(pointer, name, &properties, &required);
        let mut rules = rules;
        for conditional in &conditionals {
            if let Some(rule) = self.conditional_rule(conditional, &names) {
                rules.push(rule);
            }
        }
        self.check_nested(pointer, &rules, &fields);
        self.types[id.0].kind = TypeKind::Struct(StructDef {
            fields,
            closed,
            additional,
            additional_pattern,
            rules,
        });
        id
    }

    fn required_list(
        &mut self,
        pointer: &str,
        value: Option<&Value>,
        names: &[&str],
    ) -> Vec<String> {
        let mut required = Vec::new();
        for (i, member) in value
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            match member.as_str() {
                Some(m) if names.contains(&m) => required.push(m.to_string()),
                _ => self.error(
                    &format!("{pointer}/required/{i}"),
                    format!("required member {member} is not in `properties`, so it has no type"),
                ),
            }
        }
        required
    }

    fn fields(
        &mut self,
        pointer: &str,
        parent: &str,
        properties: &[(&'a String, &'a Value)],
        required: &[String],
    ) -> Vec<Field> {
        let mut fields = Vec::new();
        for (name, schema) in properties {
            let at = child(&child(pointer, "properties"), name);
            let preferred = upper_camel(name);
            let fallback = format!("{parent}{preferred}");
            if let Some(ty) = self.type_of(&at, schema, (&preferred, &fallback)) {
                let taken: Vec<&str> = fields.iter().map(|f: &Field| f.rust.as_str()).collect();
                fields.push(Field {
                    wire: (*name).clone(),
                    rust: unique_field_name(&snake(name), &taken),
                    doc: schema
                        .as_object()
                        .map(|o| doc_of(o, &at))
                        .unwrap_or_default(),
                    ty,
                    required: required.contains(name),
                });
            }
        }
        fields
    }

    fn conditionals(
        &mut self,
        pointer: &str,
        object: &'a Map<String, Value>,
    ) -> Vec<RawConditional<'a>> {
        let mut found = Vec::new();
        if let Some(when) = object.get("if") {
            found.push(RawConditional {
                pointer: pointer.to_string(),
                when,
                then: object.get("then"),
                otherwise: object.get("else"),
            });
        } else if object.contains_key("then") || object.contains_key("else") {
            self.error(
                pointer,
                "`then`/`else` without `if` has no effect; remove it",
            );
        }
        for (i, item) in object
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{pointer}/allOf/{i}");
            match item.as_object() {
                Some(o) if o.contains_key("if") => {
                    self.only(
                        &at,
                        o,
                        &["if", "then", "else"],
                        "an `allOf` item (only `if`/`then`/`else` items are supported)",
                    );
                    found.push(RawConditional {
                        pointer: at,
                        when: &o["if"],
                        then: o.get("then"),
                        otherwise: o.get("else"),
                    });
                }
                _ => self.error(
                    &at,
                    "only `if`/`then`/`else` items are supported in `allOf`",
                ),
            }
        }
        found
    }

    fn object_rules(
        &mut self,
        pointer: &str,
        object: &'a Map<String, Value>,
        names: &[&str],
    ) -> Vec<ObjectRule> {
        let mut rules = Vec::new();
        let (min, max) = (
            object.get("minProperties").and_then(Value::as_u64),
            object.get("maxProperties").and_then(Value::as_u64),
        );
        if min.is_some() || max.is_some() {
            rules.push(ObjectRule::PropertyCount { min, max });
        }
        if let Some(any_of) = object.get("anyOf") {
            let members = crate::vocabulary::required_alternatives(any_of)
                .filter(|members| members.iter().all(|m| names.contains(&m.as_str())));
            match members {
                Some(members) => rules.push(ObjectRule::AnyOfRequired(members)),
                None => self.error(
                    &child(pointer, "anyOf"),
                    "only `anyOf` of `{\"required\": [member]}` branches is supported",
                ),
            }
        }
        for (trigger, needs) in object
            .get("dependentRequired")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let at = child(&child(pointer, "dependentRequired"), trigger);
            let required = self.required_list(&at, Some(needs), names);
            if !names.contains(&trigger.as_str()) {
                self.error(&at, format!("`{trigger}` is not in `properties`"));
            }
            rules.push(ObjectRule::DependentRequired {
                trigger: trigger.clone(),
                required,
            });
        }
        for (trigger, schema) in object
            .get("dependentSchemas")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let at = child(&child(pointer, "dependentSchemas"), trigger);
            let (effects, refinements) = self.effects(&at, schema, names);
            if let Some(r) = refinements.first() {
                self.error(
                    &r.pointer,
                    "only forbidding or requiring members is supported in `dependentSchemas`",
                );
            }
            rules.push(ObjectRule::Conditional {
                when: Condition {
                    member: trigger.clone(),
                    values: None,
                },
                then: effects,
                otherwise: Effects::default(),
            });
        }
        if let Some(spec) = object.get("timeWindow") {
            if let Ok(spec) = parse_spec::<TimeWindowSpec>("timeWindow", spec) {
                for member in [&spec.from, &spec.to] {
                    if !names.contains(&member.as_str()) {
                        self.error(
                            &child(pointer, "timeWindow"),
                            format!("`{member}` is not in `properties`"),
                        );
                    }
                }
                rules.push(ObjectRule::TimeWindow(spec));
            }
        }
        rules
    }

    fn condition(&mut self, pointer: &str, when: &Value, names: &[&str]) -> Option<Condition> {
        let shape = "an `if` must be `{\"required\": [member]}`, optionally with `\"properties\": {member: {\"const\" | \"enum\": …}}`";
        let object = when.as_object()?;
        let member = match object
            .get("required")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([Value::String(m)]) if names.contains(&m.as_str()) => m.clone(),
            _ => {
                self.error(pointer, shape);
                return None;
            }
        };
        if object
            .keys()
            .any(|k| k != "required" && k != "properties" && !is_annotation(k))
        {
            self.error(pointer, shape);
            return None;
        }
        let values = match object.get("properties") {
            None => None,
            Some(Value::Object(p)) if p.len() == 1 && p.contains_key(&member) => {
                let Some((values, _)) = values_of(&p[&member]) else {
                    self.error(pointer, shape);
                    return None;
                };
                Some(values)
            }
            Some(_) => {
                self.error(pointer, shape);
                return None;
            }
        };
        Some(Condition { member, values })
    }

    /// A `then`/`else` branch: required and forbidden members, required
    /// values, nested effects, and (for unions) refined member schemas.
    fn effects(
        &mut self,
        pointer: &str,
        branch: &'a Value,
        names: &[&str],
    ) -> (Effects, Vec<Refinement<'a>>) {
        let mut effects = Effects::default();
        let mut refinements = Vec::new();
        let Some(object) = branch.as_object() else {
            self.error(pointer, "a branch must be an object schema");
            return (effects, refinements);
        };
        self.only(
            pointer,
            object,
            &["required", "properties"],
            "a conditional branch",
        );
        effects.required = self.required_list(pointer, object.get("required"), names);
        for (member, schema) in object
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let at = child(&child(pointer, "properties"), member);
            if !names.contains(&member.as_str()) {
                self.error(
                    &at,
                    format!("`{member}` is not in the object's `properties`"),
                );
                continue;
            }
            match schema {
                Value::Bool(false) => effects.forbidden.push(member.clone()),
                Value::Object(o) => {
                    if let Some((values, rule)) = values_of(schema) {
                        effects.values.push((member.clone(), values, rule));
                    } else if !o.is_empty()
                        && o.keys().all(|k| k == "required" || k == "properties")
                    {
                        if let Some(inner) = self.nested_effects(&at, o) {
                            effects.nested.push((member.clone(), inner));
                        }
                    } else {
                        refinements.push(Refinement {
                            member: member.clone(),
                            pointer: at,
                            schema,
                        });
                    }
                }
                _ => self.error(
                    &at,
                    "a member's schema in a branch must be `false` or an object",
                ),
            }
        }
        (effects, refinements)
    }

    /// Effects on a member that is an object: which of its own members it
    /// requires or forbids. Checked against the member's type by
    /// `check_nested`, once that type is known.
    fn nested_effects(&mut self, pointer: &str, object: &Map<String, Value>) -> Option<Effects> {
        let mut effects = Effects::default();
        for member in object
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            effects.required.push(member.as_str()?.to_string());
        }
        for (member, schema) in object
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if schema == &Value::Bool(false) {
                effects.forbidden.push(member.clone());
            } else {
                self.error(
                    &child(&child(pointer, "properties"), member),
                    "inside a member, a branch may only require or forbid (`false`) that member's own members",
                );
            }
        }
        Some(effects)
    }

    /// Nested effects name optional members of a struct-typed member.
    fn check_nested(&mut self, pointer: &str, rules: &[ObjectRule], fields: &[Field]) {
        for rule in rules {
            let ObjectRule::Conditional {
                then, otherwise, ..
            } = rule
            else {
                continue;
            };
            for (member, effects) in then.nested.iter().chain(&otherwise.nested) {
                let inner = fields
                    .iter()
                    .find(|f| &f.wire == member)
                    .and_then(|f| match &f.ty {
                        FieldType::Named(id) => match &self.types[id.0].kind {
                            TypeKind::Struct(s) => Some(s.fields.clone()),
                            _ => None,
                        },
                        _ => None,
                    });
                let Some(inner) = inner else {
                    self.error(pointer, format!("a branch requires or forbids members of `{member}`, which is not a struct"));
                    continue;
                };
                for name in effects.required.iter().chain(&effects.forbidden) {
                    if !inner.iter().any(|f| &f.wire == name && !f.required) {
                        self.error(pointer, format!("a branch names `{member}.{name}`, which is not an optional member of `{member}`"));
                    }
                }
            }
        }
    }

    fn conditional_rule(
        &mut self,
        conditional: &RawConditional<'a>,
        names: &[&str],
    ) -> Option<ObjectRule> {
        let when = self.condition(&child(&conditional.pointer, "if"), conditional.when, names)?;
        let mut branch = |key: &str, value: Option<&'a Value>| -> Effects {
            let Some(value) = value else {
                return Effects::default();
            };
            let (effects, refinements) =
                self.effects(&child(&conditional.pointer, key), value, names);
            for r in refinements {
                self.error(
                    &r.pointer,
                    "a branch may refine a member's schema only in a tagged union (every `if` on the same required tag member's value); here it cannot be enforced",
                );
            }
            effects
        };
        let then = branch("then", conditional.then);
        let otherwise = branch("else", conditional.otherwise);
        Some(ObjectRule::Conditional {
            when,
            then,
            otherwise,
        })
    }

    /// The tag of a tagged union: a required string-enum member on whose
    /// value every conditional (with no `else`) depends.
    fn union_tag(
        &self,
        conditionals: &[RawConditional<'a>],
        properties: &[(&'a String, &'a Value)],
        required: &[String],
    ) -> Option<String> {
        let first = conditionals.first()?;
        let tag = first
            .when
            .get("required")?
            .as_array()?
            .first()?
            .as_str()?
            .to_string();
        if !required.contains(&tag) {
            return None;
        }
        let (_, tag_schema) = properties.iter().find(|(k, _)| **k == tag)?;
        values_of(tag_schema)?;
        let keyed_on_tag = |c: &RawConditional<'a>| {
            c.otherwise.is_none()
                && c.when
                    .get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|r| r.len() == 1 && r[0] == tag.as_str())
                && c.when
                    .get("properties")
                    .and_then(|p| p.get(&tag))
                    .and_then(values_of)
                    .is_some()
        };
        conditionals.iter().all(keyed_on_tag).then_some(tag)
    }

    #[allow(clippy::too_many_arguments)]
    fn union(
        &mut self,
        pointer: &str,
        name: &str,
        properties: &[(&'a String, &'a Value)],
        required: &[String],
        closed: bool,
        rules: Vec<ObjectRule>,
        conditionals: &[RawConditional<'a>],
        tag: String,
    ) -> Option<TypeKind> {
        if !closed {
            self.error(
                pointer,
                "a tagged union must say `additionalProperties: false`: its variants have no place to keep members the schema does not list",
            );
            return None;
        }
        let names: Vec<&str> = properties.iter().map(|(k, _)| k.as_str()).collect();
        let tag_schema = properties
            .iter()
            .find(|(k, _)| **k == tag)
            .map(|(_, s)| *s)?;
        let (tag_values, tag_rule) = values_of(tag_schema)?;
        // What each tag value asks: merged effects and refinements.
        let mut per_value: BTreeMap<usize, (Effects, Vec<Refinement<'a>>)> = BTreeMap::new();
        // Per tag value, the wording of the condition that requires or
        // forbids each member, read from the `if` as the schema engine reads it.
        let mut conditions: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
        for conditional in conditionals {
            let when =
                self.condition(&child(&conditional.pointer, "if"), conditional.when, &names)?;
            let Some(then) = conditional.then else {
                continue;
            };
            let (effects, refinements) =
                self.effects(&child(&conditional.pointer, "then"), then, &names);
            if !effects.values.is_empty() || !effects.nested.is_empty() {
                self.error(
                    &child(&conditional.pointer, "then"),
                    "a tagged union's branch may only require, forbid or refine members",
                );
            }
            for value in when.values.unwrap_or_default() {
                let Some(index) = tag_values.iter().position(|v| *v == value) else {
                    self.error(
                        &child(&conditional.pointer, "if"),
                        format!("`{value}` is not a value of `{tag}`"),
                    );
                    continue;
                };
                if let Some((holds, _)) = dmforge_runtime::describe::condition(conditional.when) {
                    let wording = conditions.entry(index).or_default();
                    for member in effects.required.iter().chain(&effects.forbidden) {
                        wording
                            .entry(member.clone())
                            .or_insert_with(|| holds.clone());
                    }
                }
                let entry = per_value.entry(index).or_default();
                entry.0.required.extend(effects.required.iter().cloned());
                entry.0.forbidden.extend(effects.forbidden.iter().cloned());
                entry.1.extend(refinements.iter().map(|r| Refinement {
                    member: r.member.clone(),
                    pointer: r.pointer.clone(),
                    schema: r.schema,
                }));
            }
        }
        let varies = |member: &str| {
            per_value.values().any(|(effects, refinements)| {
                effects.forbidden.iter().any(|m| m == member)
                    || (effects.required.iter().any(|m| m == member)
                        && !required.iter().any(|m| m == member))
                    || refinements.iter().any(|r| r.member == member)
            })
        };
        let others: Vec<(&'a String, &'a Value)> = properties
            .iter()
            .filter(|(k, _)| **k != tag)
            .copied()
            .collect();
        let (varying_props, common_props): (Vec<_>, Vec<_>) =
            others.into_iter().partition(|(k, _)| varies(k));
        let common = self.fields(pointer, name, &common_props, required);
        let mut varying = Vec::new();
        for (member, schema) in &varying_props {
            let at = child(&child(pointer, "properties"), member);
            let preferred = upper_camel(member);
            let fallback = format!("{name}{preferred}");
            let ty = self.type_of(&at, schema, (&preferred, &fallback))?;
            varying.push(Field {
                wire: (*member).clone(),
                rust: snake(member),
                doc: schema
                    .as_object()
                    .map(|o| doc_of(o, &at))
                    .unwrap_or_default(),
                ty,
                required: required.contains(member),
            });
        }
        for rule in &rules {
            let touches_varying = |m: &String| varying.iter().any(|f| &f.wire == m);
            let bad = match rule {
                ObjectRule::AnyOfRequired(ms) => ms.iter().any(touches_varying),
                ObjectRule::DependentRequired { trigger, required } => {
                    touches_varying(trigger) || required.iter().any(touches_varying)
                }
                ObjectRule::TimeWindow(spec) => {
                    touches_varying(&spec.from) || touches_varying(&spec.to)
                }
                ObjectRule::Conditional { .. } | ObjectRule::PropertyCount { .. } => false,
            };
            if bad {
                self.error(pointer, "a rule of this tagged union involves members that differ between variants; it is not supported");
            }
        }
        let mut variants = Vec::new();
        let mut variant_names = HashSet::new();
        for (index, value) in tag_values.iter().enumerate() {
            let (effects, refinements) = per_value.remove(&index).unwrap_or_default();
            let mut fields = Vec::new();
            for field in &varying {
                if effects.forbidden.contains(&field.wire) {
                    continue;
                }
                let mut field = field.clone();
                field.required |= effects.required.contains(&field.wire);
                if let Some(r) = refinements.iter().find(|r| r.member == field.wire) {
                    let preferred = format!("{}{}", upper_camel(value), upper_camel(&field.wire));
                    let fallback = format!("{name}{preferred}");
                    let refined = self.type_of(&r.pointer, r.schema, (&preferred, &fallback));
                    // Refinements must narrow `{"type": "object"}`, the only base they can meet without merging.
                    if field.ty != FieldType::AnyObject {
                        self.error(&r.pointer, "a variant may only give a type to a member whose base schema is `{\"type\": \"object\"}`");
                    }
                    field.ty = refined?;
                }
                if field.ty == FieldType::AnyObject {
                    self.error(
                        &child(&child(pointer, "properties"), &field.wire),
                        format!(
                            "member `{}` has no specific type when `{tag}` is `{value}`",
                            field.wire
                        ),
                    );
                }
                fields.push(field);
            }
            let mut variant_name = upper_camel(value);
            while !variant_names.insert(variant_name.clone()) {
                variant_name.push('_');
            }
            variants.push(Variant {
                value: value.clone(),
                name: variant_name,
                fields,
                forbidden: effects.forbidden,
                conditions: conditions.remove(&index).unwrap_or_default(),
            });
        }
        let inner_enum = (!common.is_empty()).then(|| {
            let preferred = format!("{name}{}", upper_camel(&tag));
            self.unique_name(&preferred, &format!("{preferred}Variant"))
        });
        let inner_field = if tag == "type" {
            "kind".to_string()
        } else {
            snake(&tag)
        };
        Some(TypeKind::Union(UnionDef {
            tag: Tag {
                wire: tag,
                typed: tag_schema.get("type").is_some(),
                rule: tag_rule,
            },
            common,
            varying,
            variants,
            closed,
            rules,
            inner_enum,
            inner_field,
        }))
    }
}

/// `name`, or `name_2`, `name_3`… when members whose wire names differ map
/// to the same Rust name (`fooBar` and `foo_bar`).
fn unique_field_name(name: &str, taken: &[&str]) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while taken.contains(&candidate.as_str()) {
        candidate = format!("{}_{n}", name.trim_start_matches("r#"));
        n += 1;
    }
    candidate
}

/// The string values of a `{"const": v}` or `{"enum": [...]}` schema (with
/// only `type: string` and annotations beside it).
fn values_of(schema: &Value) -> Option<(Vec<String>, ValueRule)> {
    let object = schema.as_object()?;
    if object
        .keys()
        .any(|k| !matches!(k.as_str(), "const" | "enum" | "type") && !is_annotation(k))
    {
        return None;
    }
    let strings = |values: &[Value]| {
        values
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
    };
    match (object.get("const"), object.get("enum")) {
        (Some(v), None) => Some((strings(std::slice::from_ref(v))?, ValueRule::Const)),
        (None, Some(Value::Array(values))) => Some((strings(values)?, ValueRule::Enum)),
        _ => None,
    }
}

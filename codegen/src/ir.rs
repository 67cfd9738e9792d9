//! The type space: what the generator knows about a schema once it has been
//! read, before any Rust is written. Types refer to each other by [`TypeId`]
//! (an index into [`Module::types`]), so `$ref`s and shared definitions are
//! plain ids; every list is in schema document order, so output is
//! deterministic. Each rule is data here, in the schema's own terms (keyword,
//! limit, unit), and the emitters turn it into checks.

use crate::vocabulary::{Base64FileSpec, TimeWindowSpec};

pub use dmforge_runtime::rules::alternatives::SelectorSpec;

pub use dmforge_runtime::rules::integer::NumericFormat;

/// All the types of one schema file.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// `<provider>/<message>`.
    pub id: String,
    /// The schema file, as given to the generator.
    pub file: String,
    pub doc: Doc,
    /// The type of the whole payload.
    pub root: TypeId,
    pub types: Vec<TypeDef>,
    /// The root schema's `examples`: valid payloads, the bases of the
    /// conformance cases.
    pub examples: Vec<serde_json::Value>,
    /// What the generator read past (unknown keywords, taken as
    /// annotations), located like errors.
    pub warnings: Vec<crate::error::CodegenError>,
    /// Schemas checked over a JSON value at run time ([`FieldType::Any`]),
    /// each written as a `static` `ValueSchema`.
    pub values: Vec<ValueNode>,
    /// For a document holding many schemas (an OpenAPI file): each schema
    /// given a type of its own, by name (`PushMessageRequest`), each with a
    /// typed checker. Empty for a schema file, whose checker is `root`'s.
    pub entries: Vec<(String, TypeId)>,
    /// Types that would hold themselves by value, through other types or
    /// not (an outline whose optional `next` is an outline): written as
    /// `Box<T>` where they are held, so that their size is finite. See
    /// [`held_in_cycles`].
    pub boxed: std::collections::BTreeSet<TypeId>,
    /// How the root type is sent (its schema's `endpoint`), if it is a
    /// request.
    pub endpoint: Option<EndpointDef>,
    /// For an OpenAPI document: each operation's request entry (its name
    /// among `entries`), its type, and how it is sent.
    pub operations: Vec<(String, TypeId, EndpointDef)>,
}

/// A request schema's `endpoint`, with its response schemas named by
/// module id, and their types once every module is known
/// ([`crate::link_endpoints`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointDef {
    pub spec: crate::vocabulary::EndpointSpec,
    /// The variables of the base URL and path, each with what it is.
    pub parameters: Vec<(String, String)>,
    /// Top-level members holding a base64 file (`base64File`).
    pub files: Vec<String>,
    /// The documented success status, and its body's schema.
    pub success_status: u16,
    pub success: Option<Linked>,
    pub error: Option<Linked>,
}

/// Another module an endpoint names: its schema id and, once linked, its
/// root type's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    /// The file as the endpoint names it (`send_response.schema.json`).
    pub file: String,
    /// Where in the schema it is named (`/endpoint/responses/200`).
    pub pointer: String,
    /// The module's id (`meta_graph/send_response`).
    pub id: String,
    pub type_name: Option<String>,
    /// A type of the same module (an OpenAPI operation's response).
    pub local: bool,
}

/// The types to hold in a `Box`: a Rust type that holds itself by value (a
/// member, variant, tuple item or `Option` of its own type, directly or
/// through other types) has no size. One type of each cycle is enough, the
/// one the cycle comes back to (`Outline`, whose `next` is an `Outline`),
/// so the types in between are held as they are. A `Vec` or a map already
/// holds its items on the heap, so it ends no cycle.
#[must_use]
pub fn held_in_cycles(types: &[TypeDef]) -> std::collections::BTreeSet<TypeId> {
    fn held(ty: &FieldType, out: &mut Vec<TypeId>) {
        match ty {
            FieldType::Named(id) => out.push(*id),
            FieldType::Nullable(inner) => held(inner, out),
            _ => {}
        }
    }
    let edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|def| {
            let mut out = Vec::new();
            match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().for_each(|f| held(&f.ty, &mut out)),
                TypeKind::Union(u) => u
                    .common
                    .iter()
                    .chain(u.variants.iter().flat_map(|v| &v.fields))
                    .for_each(|f| held(&f.ty, &mut out)),
                TypeKind::Alternatives(a) => a.variants.iter().for_each(|v| held(&v.ty, &mut out)),
                TypeKind::TypeUnion(variants) => {
                    variants.iter().for_each(|v| held(&v.ty, &mut out))
                }
                TypeKind::Tuple(t) => t.prefix.iter().for_each(|ty| held(ty, &mut out)),
                TypeKind::Newtype(ty) => held(ty, &mut out),
                TypeKind::Enum(_)
                | TypeKind::IntegerEnum(_)
                | TypeKind::Text(_)
                | TypeKind::DateTime(_)
                | TypeKind::Numeric(_)
                | TypeKind::List(_) => {}
            }
            out
        })
        .collect();
    // Depth-first, in type order: every cycle has an edge back to a type
    // whose visit is under way, so boxing those types (wherever they are
    // held) breaks every cycle, and boxes no type on the way to them.
    #[derive(Clone, Copy, PartialEq)]
    enum Visit {
        New,
        Open,
        Done,
    }
    let mut visit = vec![Visit::New; types.len()];
    let mut boxed = std::collections::BTreeSet::new();
    for start in 0..types.len() {
        if visit[start] != Visit::New {
            continue;
        }
        visit[start] = Visit::Open;
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            let Some(target) = edges[node].get(*next).map(|id| id.0) else {
                visit[node] = Visit::Done;
                stack.pop();
                continue;
            };
            *next += 1;
            match visit.get(target) {
                Some(Visit::Open) => {
                    boxed.insert(TypeId(target));
                }
                Some(Visit::New) => {
                    visit[target] = Visit::Open;
                    stack.push((target, 0));
                }
                Some(Visit::Done) | None => {}
            }
        }
    }
    boxed
}

impl Module {
    /// The rules of a string type: a plain `String`'s, or those a string
    /// type of its own ([`TypeKind::Text`]) keeps.
    #[must_use]
    pub fn string_rules<'m>(&'m self, ty: &'m FieldType) -> Option<&'m StringRules> {
        match ty {
            FieldType::String(rules) => Some(rules),
            FieldType::Named(id) => match &self.types.get(id.0)?.kind {
                TypeKind::Text(rules) | TypeKind::DateTime(rules) => Some(rules),
                _ => None,
            },
            _ => None,
        }
    }

    /// The rules of an integer type: a plain integer's, or those an
    /// integer type of its own ([`TypeKind::Numeric`]) keeps.
    #[must_use]
    pub fn integer_rules<'m>(&'m self, ty: &'m FieldType) -> Option<&'m IntegerRules> {
        match ty {
            FieldType::Integer(rules) => Some(rules),
            FieldType::Named(id) => match &self.types.get(id.0)?.kind {
                TypeKind::Numeric(NumericRules::Integer(rules)) => Some(rules),
                _ => None,
            },
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// Title and description, and the schema location the item comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub title: Option<String>,
    pub description: Option<String>,
    /// JSON Pointer of the schema inside its file.
    pub pointer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// UpperCamelCase Rust name, unique in its module.
    pub name: String,
    pub doc: Doc,
    pub kind: TypeKind,
}

impl TypeKind {
    /// Written as an alias of a runtime type (`pub type Tags =
    /// List<..>`), not a type of the module's own: no foreign trait can be
    /// implemented for it there.
    #[must_use]
    pub fn is_alias(&self) -> bool {
        matches!(
            self,
            Self::Text(_) | Self::DateTime(_) | Self::Numeric(_) | Self::List(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(StructDef),
    Union(UnionDef),
    Enum(EnumDef),
    /// An `enum` (or `const`) of integers: a Rust enum whose variants stand
    /// for the integers sent on the wire.
    IntegerEnum(IntegerEnumDef),
    /// Several types (`"type": ["integer", "string"]`): a Rust enum with a
    /// variant per type, chosen by the JSON type of the value.
    TypeUnion(Vec<TypeVariant>),
    /// `oneOf` or `anyOf` of alternatives each with a Rust type: a Rust enum
    /// with a variant per alternative, written as the alternative itself.
    Alternatives(AlternativesDef),
    /// A root schema that is not an object (`{"type": "string", "maxLength": 2}`):
    /// a tuple struct around the value, with the value's rules.
    Newtype(FieldType),
    /// An array typed by position (`prefixItems`): a tuple struct with a
    /// field per prefix item and, when items may follow, a list of them.
    Tuple(TupleDef),
    /// A string with rules, as a member, an item or a root: a type of its
    /// own that keeps them (`dmforge_runtime::text::Text` of a generated
    /// rules type), so that no value breaking them can be held.
    Text(StringRules),
    /// A string of format `infobip-date-time` (and perhaps `maxDaysAhead`,
    /// no other rule): an instant of its own type
    /// (`dmforge_runtime::date_time::DateTime`), written in the provider's
    /// format.
    DateTime(StringRules),
    /// A list with `minItems`/`maxItems` or `uniqueItems` whose items check
    /// themselves: a type of its own that keeps its count
    /// (`dmforge_runtime::list::List`), and its items distinct
    /// (`UniqueList`).
    List(ArrayType),
    /// An integer or number with a rule its Rust type does not hold by
    /// itself (a bound within the type's range, a `multipleOf`): a type of
    /// its own that keeps them (`dmforge_runtime::number::Number`).
    Numeric(NumericRules),
}

/// The rules a [`TypeKind::Numeric`] keeps.
#[derive(Debug, Clone, PartialEq)]
pub enum NumericRules {
    Integer(IntegerRules),
    Number(NumberRules),
}

impl NumericRules {
    /// The plain number type with these rules.
    #[must_use]
    pub fn field_type(&self) -> FieldType {
        match self {
            NumericRules::Integer(rules) => FieldType::Integer(rules.clone()),
            NumericRules::Number(rules) => FieldType::Number(rules.clone()),
        }
    }
}

/// A [`TypeKind::Tuple`]. Only an array whose `minItems` asks for every
/// prefix item is one: a Rust tuple holds them all.
#[derive(Debug, Clone, PartialEq)]
pub struct TupleDef {
    /// The type of each prefix item, in order.
    pub prefix: Vec<FieldType>,
    /// What may follow the prefix.
    pub rest: Rest,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

/// The items after a [`TupleDef`]'s prefix.
#[derive(Debug, Clone, PartialEq)]
pub enum Rest {
    /// `items: false`: each one is refused where it stands.
    Forbidden,
    /// No `items`, and `maxItems` allows none: each one is read (strictly)
    /// and counted, so that `maxItems` reports them.
    Counted,
    /// `items` (or none, and room for some): a list of them, after the
    /// prefix's fields.
    Kept(FieldType),
}

impl TupleDef {
    /// The type of the items kept after the prefix, if any are.
    #[must_use]
    pub fn kept(&self) -> Option<&FieldType> {
        match &self.rest {
            Rest::Kept(ty) => Some(ty),
            Rest::Forbidden | Rest::Counted => None,
        }
    }
}

/// An object with a fixed set of members.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    pub fields: Vec<Field>,
    /// `additionalProperties: false`.
    pub closed: bool,
    /// `additionalProperties: {schema}`: the type of every member the
    /// schema does not list, kept in a map beside the named ones. `None`
    /// on an open object keeps them as JSON.
    pub additional: Option<FieldType>,
    /// `patternProperties` with one pattern and `additionalProperties:
    /// false`: the names `additional`'s map may hold; any other unlisted
    /// member is refused.
    pub additional_pattern: Option<String>,
    pub rules: Vec<ObjectRule>,
}

/// An object discriminated by a tag member (`contentType`, attachment `type`):
/// `if` the tag has a value `then` some members are required, forbidden or
/// of a more specific type.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// The tag member.
    pub tag: Tag,
    /// Members the same in every variant; they stay on the outer struct.
    pub common: Vec<Field>,
    /// Every other member, with its type outside any variant.
    pub varying: Vec<Field>,
    pub variants: Vec<Variant>,
    pub closed: bool,
    pub rules: Vec<ObjectRule>,
    /// Name of the enum of variants when there are common members (the
    /// outer type is then a struct holding it), else `None`: the type itself
    /// is the enum.
    pub inner_enum: Option<String>,
    /// Rust name of the outer struct's member holding the variant.
    pub inner_field: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub wire: String,
    /// Whether the tag's schema says `type: string` (a wrong JSON type is
    /// then also a `type` violation).
    pub typed: bool,
    /// `const` (one value) or `enum`: the rule a bad value breaks.
    pub rule: ValueRule,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The tag's value on the wire.
    pub value: String,
    /// UpperCamelCase variant name.
    pub name: String,
    /// Members of this variant, in order: each varying member that is not
    /// forbidden, with its type here and whether it is required here.
    pub fields: Vec<Field>,
    /// Varying members this variant refuses (`false` in its `then`).
    pub forbidden: Vec<String>,
    /// How the condition that requires or forbids a member here reads in a
    /// message (`when `type` is one of "image", "audio"`), by member.
    pub conditions: std::collections::BTreeMap<String, String>,
}

/// One type of a [`TypeKind::TypeUnion`].
#[derive(Debug, Clone, PartialEq)]
pub struct TypeVariant {
    /// The JSON type (`integer`, `string`, …).
    pub json_type: String,
    /// UpperCamelCase variant name.
    pub name: String,
    pub ty: FieldType,
}

/// A [`TypeKind::Alternatives`]: which alternatives, and how a value is
/// matched to one.
#[derive(Debug, Clone, PartialEq)]
pub struct AlternativesDef {
    /// `oneOf` (exactly one alternative may match) or `anyOf` (at least one).
    pub exclusive: bool,
    /// What tells the alternatives apart
    /// (`dmforge_runtime::rules::alternatives::selector_of`): a tag, or a
    /// member of each one's own, selects the alternative parsed, and only it.
    pub selector: Option<SelectorSpec>,
    pub variants: Vec<Alternative>,
}

impl AlternativesDef {
    /// The tag member, when a tag tells the alternatives apart.
    #[must_use]
    pub fn tag(&self) -> Option<&str> {
        match &self.selector {
            Some(SelectorSpec::Tag(tag)) => Some(tag),
            _ => None,
        }
    }

    #[must_use]
    pub fn keyword(&self) -> &'static str {
        if self.exclusive {
            "oneOf"
        } else {
            "anyOf"
        }
    }
}

/// One alternative of a [`TypeKind::Alternatives`].
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// UpperCamelCase variant name.
    pub name: String,
    /// The tag's value in this alternative, when the alternatives are tagged.
    pub tag_value: Option<serde_json::Value>,
    pub ty: FieldType,
    pub doc: Doc,
}

/// An integer enumeration (`enum` or `const` of integers).
#[derive(Debug, Clone, PartialEq)]
pub struct IntegerEnumDef {
    /// (wire value, UpperCamelCase variant name), in schema order.
    pub values: Vec<(i64, String)>,
    pub rule: ValueRule,
    /// Whether the schema says `type: integer` (a value of another type is
    /// then also a `type` violation).
    pub typed: bool,
}

/// A string enumeration (`enum` or `const` of strings).
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// (wire value, UpperCamelCase variant name).
    pub values: Vec<(String, String)>,
    pub typed: bool,
    pub rule: ValueRule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueRule {
    Enum,
    Const,
}

impl ValueRule {
    #[must_use]
    pub fn keyword(self) -> &'static str {
        match self {
            ValueRule::Enum => "enum",
            ValueRule::Const => "const",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The member's name on the wire.
    pub wire: String,
    /// snake_case Rust name (a raw identifier where needed).
    pub rust: String,
    pub doc: Doc,
    pub ty: FieldType,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    String(StringRules),
    Integer(IntegerRules),
    Number(NumberRules),
    Boolean,
    Array(Box<ArrayType>),
    /// A struct, union or enum of this module.
    Named(TypeId),
    /// Any object (`{"type": "object"}` and nothing else): a free-form JSON
    /// object, or, for a union member whose variants each give it a
    /// specific type, raw text until the tag is known.
    AnyObject,
    /// An `enum` or `const` of values that are not all strings (numbers,
    /// booleans, null, objects, arrays, or a mix): kept as JSON and compared
    /// with JSON equality.
    Json(JsonValues),
    /// A value with no useful Rust shape (no `type`, several types,
    /// alternatives, pattern members): kept as JSON and checked at run time
    /// against a schema [`ValueNode`].
    Any(ValueRef),
    /// A value that may also be `null` (`"type": ["string", "null"]`,
    /// OpenAPI's `nullable`): an `Option` of the value's type, `None` for
    /// `null`. (An optional member of it is an `Option` of that, so that
    /// absent, `null` and a value round-trip exactly.)
    Nullable(Box<FieldType>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ValueId(pub usize);

/// A [`ValueNode`] as a member's type names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRef {
    pub id: ValueId,
    /// The node's `static`.
    pub name: String,
}

/// One schema checked over a JSON value at run time, in the terms of
/// `dmforge_runtime::value_schema::ValueSchema`, which it is written as.
/// Subschemas are other nodes, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValueNode {
    /// The `static`'s name, SCREAMING_SNAKE_CASE, unique in the module.
    pub name: String,
    /// JSON Pointer of the schema inside its file.
    pub pointer: String,
    /// The `false` schema.
    pub nothing: bool,
    /// `type`, as JSON type names; `None` when the schema has none.
    pub types: Option<Vec<String>>,
    /// `enum` and `const`.
    pub values: Vec<JsonValues>,
    pub reference: Option<ValueId>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub max_bytes: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<&'static str>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    pub multiple_of: Option<f64>,
    pub numeric_format: Option<dmforge_runtime::rules::integer::FormatRange>,
    pub integer_limits: Option<dmforge_runtime::rules::integer::IntegerLimits>,
    pub prefix_items: Vec<ValueId>,
    pub items: Option<ValueId>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub contains: Option<ValueId>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,
    pub unevaluated_items: Option<ValueId>,
    pub properties: Vec<(String, ValueId)>,
    pub pattern_properties: Vec<(String, ValueId)>,
    pub additional_properties: Option<ValueId>,
    pub property_names: Option<ValueId>,
    pub required: Vec<String>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    pub dependent_required: Vec<(String, Vec<String>)>,
    pub dependent_schemas: Vec<(String, ValueId)>,
    pub unevaluated_properties: Option<ValueId>,
    pub all_of: Vec<ValueId>,
    pub any_of: Vec<ValueId>,
    pub one_of: Vec<ValueId>,
    /// What tells the alternatives apart, if anything does.
    pub any_of_selector: Option<SelectorSpec>,
    pub one_of_selector: Option<SelectorSpec>,
    pub not: Option<ValueId>,
    pub if_: Option<ValueId>,
    pub then: Option<ValueId>,
    pub else_: Option<ValueId>,
    /// A `$dynamicRef` that resolves against the dynamic scope: the
    /// `$dynamicAnchor` name, and the node it first resolves to.
    pub dynamic_reference: Option<(String, ValueId)>,
    /// The `$dynamicAnchor`s of the resource this schema is in (a document,
    /// or a subschema with its own `$id`), which evaluating it brings into
    /// the dynamic scope.
    pub dynamic_anchors: Vec<(String, ValueId)>,
}

/// The values a [`FieldType::Json`] may take.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonValues {
    pub values: Vec<serde_json::Value>,
    pub rule: ValueRule,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArrayType {
    pub items: FieldType,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    /// `uniqueItems: true`, on items whose Rust equality is JSON's.
    pub unique_items: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StringRules {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub max_bytes: Option<u64>,
    pub format: Option<Format>,
    pub max_days_ahead: Option<u32>,
    pub base64_file: Option<Base64FileSpec>,
    /// `pattern` (unanchored), in the dialect of `dmforge_runtime::rules::pattern`.
    pub pattern: Option<String>,
}

impl StringRules {
    /// Whether any rule applies: a string without one is a plain `String`.
    #[must_use]
    pub fn any(&self) -> bool {
        self.min_length.is_some()
            || self.max_length.is_some()
            || self.max_bytes.is_some()
            || self.format.is_some()
            || self.max_days_ahead.is_some()
            || self.base64_file.is_some()
            || self.pattern.is_some()
    }

    /// Whether the rules are a date-time's that a typed instant holds:
    /// `format: infobip-date-time`, perhaps with `maxDaysAhead`, and no
    /// other (a length or a pattern is over the text, which the instant
    /// does not keep).
    #[must_use]
    pub fn typed_date_time(&self) -> bool {
        self.format == Some(Format::InfobipDateTime)
            && self.min_length.is_none()
            && self.max_length.is_none()
            && self.max_bytes.is_none()
            && self.base64_file.is_none()
            && self.pattern.is_none()
    }

    /// Whether the rules are only lengths, which a literal can be checked
    /// against at compile time.
    #[must_use]
    pub fn only_limits(&self) -> bool {
        self.format.is_none()
            && self.max_days_ahead.is_none()
            && self.base64_file.is_none()
            && self.pattern.is_none()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Uri,
    DateTime,
    InfobipDateTime,
    /// Any other 2020-12 format (`email`, `ipv4`, `uuid`, …), checked by
    /// `dmforge_runtime::rules::format`, named as there.
    Standard(&'static str),
}

impl Format {
    /// The format of this name, if dmforge checks it.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "uri" => Some(Format::Uri),
            "date-time" => Some(Format::DateTime),
            "infobip-date-time" => Some(Format::InfobipDateTime),
            other => dmforge_runtime::rules::format::FORMATS
                .iter()
                .find(|known| **known == other)
                .map(|known| Format::Standard(known)),
        }
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Uri => "uri",
            Format::DateTime => "date-time",
            Format::InfobipDateTime => "infobip-date-time",
            Format::Standard(name) => name,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IntegerRules {
    /// Inclusive bounds; `exclusiveMinimum: n` is stored as `n + 1`, since
    /// the values are integers (and `exclusive_minimum` says so, for the
    /// rule's name in messages).
    pub minimum: Option<i128>,
    pub maximum: Option<i128>,
    /// Whether `minimum` came from `exclusiveMinimum` (it is then `n + 1`).
    pub exclusive_minimum: bool,
    /// Whether `maximum` came from `exclusiveMaximum` (it is then `n - 1`).
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    /// `int32` or `int64`: chooses the Rust type, and its range is checked.
    pub format: Option<NumericFormat>,
}

impl IntegerRules {
    /// Whether the Rust type chosen for these rules holds them all by
    /// itself (`minimum: 0` in a `u64`, `int32` in an `i32`), so that a
    /// plain integer keeps them.
    #[must_use]
    pub fn held_by_type(&self) -> bool {
        let chosen = dmforge_runtime::rules::integer::IntegerType::for_schema(
            self.minimum,
            self.maximum,
            self.format,
        );
        let (low, high) = chosen.range();
        self.multiple_of.is_none()
            && self.minimum.is_none_or(|m| m <= low)
            && self.maximum.is_none_or(|m| m >= high)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberRules {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    pub multiple_of: Option<f64>,
    /// `float` (an `f32`), `double`, `int32` or `int64`: a range checked.
    pub format: Option<NumericFormat>,
}

impl NumberRules {
    /// Whether the Rust type chosen (`f64`, or `f32` for `float`) holds
    /// every rule by itself.
    #[must_use]
    pub fn held_by_type(&self) -> bool {
        self.minimum.is_none()
            && self.maximum.is_none()
            && self.exclusive_minimum.is_none()
            && self.exclusive_maximum.is_none()
            && self.multiple_of.is_none()
            && matches!(
                self.format,
                None | Some(NumericFormat::Float | NumericFormat::Double)
            )
    }
}

/// A rule on an object as a whole, over which members are present and what
/// they hold.
#[derive(Debug, Clone, PartialEq)]
pub enum ObjectRule {
    /// `anyOf` of `{"required": [m]}`: at least one of these members.
    AnyOfRequired(Vec<String>),
    /// `dependentRequired`: when `trigger` is present, so are these.
    DependentRequired {
        trigger: String,
        required: Vec<String>,
    },
    /// `if`/`then`/`else`, and `dependentSchemas` (whose condition is presence).
    Conditional {
        when: Condition,
        then: Effects,
        otherwise: Effects,
    },
    /// `minProperties` / `maxProperties`, counting every member sent.
    PropertyCount { min: Option<u64>, max: Option<u64> },
    /// dmforge's `timeWindow`.
    TimeWindow(TimeWindowSpec),
}

/// `member` is present and, when `values` is given, valid and one of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub member: String,
    pub values: Option<Vec<String>>,
}

/// What a branch of a conditional asks of the object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effects {
    pub required: Vec<String>,
    /// Members that must be absent (`"member": false`).
    pub forbidden: Vec<String>,
    /// Members that must hold one of these values (`const` / `enum`).
    pub values: Vec<(String, Vec<String>, ValueRule)>,
    /// Effects on a member that is itself an object.
    pub nested: Vec<(String, Effects)>,
}

impl Effects {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.required.is_empty()
            && self.forbidden.is_empty()
            && self.values.is_empty()
            && self.nested.is_empty()
    }
}

//! The validating parser: JSON text straight into typed values, in one pass,
//! with every violation recorded instead of stopping at the first.
//!
//! serde's derived `Deserialize` stops at the first wrong type or missing
//! field. Here every target type implements [`Parse`], which takes any JSON
//! value: the expected kind becomes the typed value, anything else is
//! recorded as a violation (its pointer built only then) and skipped, and
//! parsing goes on. A value is built only when nothing inside it was wrong,
//! so a typed value that comes out of parsing satisfies every rule.
//!
//! Objects are parsed through [`Object`]: the generated code says how to
//! parse each member into a [`Slot`] of a partial value and how to check the
//! object's own rules and build the value from the slots; [`parse_object`]
//! does the rest (unknown and duplicate keys, non-objects).
//!
//! Skipped values are still read strictly: a duplicate key anywhere stops
//! parsing, as it does in the schema engine's strict reader.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use crate::describe::{preview_str, type_mismatch};
use crate::{check, Context, Path, ValidationErrors};

/// A type that can be parsed from any JSON value, recording violations.
pub trait Parse<'de>: Sized {
    /// `Ok(Some)` when the value is valid; `Ok(None)` when it is not, with
    /// the reasons recorded in `cx`; `Err` only when the text cannot be read
    /// on (malformed JSON, a duplicate key).
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error>;
}

/// Deserializes a valid `T` or fails with every violation (a
/// [`ValidationErrors`] in the error's message). "Now" is the clock's.
pub fn deserialize<'de, D: Deserializer<'de>, T: Parse<'de>>(de: D) -> Result<T, D::Error> {
    let mut cx = Context::now();
    let parsed = T::parse(de, &mut cx, &Path::Root)?;
    match parsed {
        Some(value) if cx.is_clean() => Ok(value),
        _ => Err(D::Error::custom(ValidationErrors(cx.into_violations()))),
    }
}

/// Parses JSON text as `T`, recording every violation in `cx`. `Err` only
/// for text that is not JSON (or has a duplicate key, then recorded in `cx`).
pub fn check_slice<T: for<'de> Parse<'de>>(
    bytes: &[u8],
    cx: &mut Context,
) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    T::parse(&mut de, cx, &Path::Root)?;
    de.end()
}

/// Parses JSON text as a valid `T` and serializes it back to JSON: what a
/// client would send after reading the payload into the generated types.
pub fn reserialize<T: for<'de> Parse<'de> + serde::Serialize>(
    bytes: &[u8],
) -> Result<serde_json::Value, String> {
    let mut cx = Context::now();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = T::parse(&mut de, &mut cx, &Path::Root).and_then(|value| de.end().map(|()| value));
    match parsed {
        Err(error) => Err(error.to_string()),
        Ok(Some(value)) if cx.is_clean() => serde_json::to_value(&value).map_err(|e| e.to_string()),
        Ok(_) => Err(ValidationErrors(cx.into_violations()).to_string()),
    }
}

/// A generated schema's typed functions, for tools that pick a schema by id.
#[derive(Debug, Clone, Copy)]
pub struct TypedSchema {
    /// `<provider>/<message>`.
    pub id: &'static str,
    /// [`check_slice`] for the schema's root type.
    pub check: fn(&[u8], &mut Context) -> Result<(), serde_json::Error>,
    /// [`reserialize`] for the schema's root type.
    pub reserialize: fn(&[u8]) -> Result<serde_json::Value, String>,
    /// How a value is sent, for a request schema.
    pub endpoint: Option<&'static crate::endpoint::Endpoint>,
}

/// The JSON Schema schemars derives from a generated type: looser than the
/// source schema (it does not know dmforge's extension rules), but it must
/// accept every valid payload.
#[cfg(feature = "json-schema")]
#[must_use]
pub fn json_schema<T: schemars::JsonSchema>() -> serde_json::Value {
    schemars::SchemaGenerator::default()
        .into_root_schema_for::<T>()
        .to_value()
}

#[doc(hidden)]
/// [`Parse`] as a serde seed, for members and items.
pub struct Seed<'c, 'p, T> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
    marker: PhantomData<fn() -> T>,
}

impl<'c, 'p, T> Seed<'c, 'p, T> {
    pub fn new(cx: &'c mut Context, at: &'p Path<'p>) -> Self {
        Self {
            cx,
            at,
            marker: PhantomData,
        }
    }
}

impl<'de, T: Parse<'de>> DeserializeSeed<'de> for Seed<'_, '_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Option<T>, D::Error> {
        T::parse(de, self.cx, self.at)
    }
}

#[doc(hidden)]
/// What a JSON value turned out to be, for accepting it or reporting it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Found<'a> {
    Null,
    Bool(bool),
    /// An integer as written (serde_json reads integers into 64 bits).
    Integer(i128),
    /// A number with a fraction or exponent.
    Float(f64),
    Str(&'a str),
    /// An array, with its item count.
    Array(usize),
    /// An object, with its member count.
    Object(usize),
}

impl Found<'_> {
    /// The JSON type with its article: `a string`, `an object`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Found::Null => "null",
            Found::Bool(_) => "a boolean",
            Found::Integer(_) | Found::Float(_) => "a number",
            Found::Str(_) => "a string",
            Found::Array(_) => "an array",
            Found::Object(_) => "an object",
        }
    }

    /// A short rendering: scalars as JSON, containers by kind and size.
    #[must_use]
    pub fn preview(&self) -> String {
        match self {
            Found::Null => "null".into(),
            Found::Bool(b) => b.to_string(),
            Found::Integer(n) => n.to_string(),
            Found::Float(x) => {
                serde_json::Number::from_f64(*x).map_or_else(|| x.to_string(), |n| n.to_string())
            }
            Found::Str(s) => preview_str(s),
            Found::Array(n) => format!("an array of {n} items"),
            Found::Object(n) => format!("an object of {n} properties"),
        }
    }

    /// The integer this number is, if it is one: JSON Schema counts `2.0`
    /// as an integer.
    #[must_use]
    pub fn as_integer(&self) -> Option<i128> {
        match *self {
            Found::Integer(n) => Some(n),
            // Exact below 2^127 (every f64 with no fraction is an integer
            // i128 holds); beyond, `as` saturates, which the bound checks
            // and `rules::integer::int_text` read as "2^127 or more".
            Found::Float(x) if x.fract() == 0.0 => Some(x as i128),
            _ => None,
        }
    }

    /// Records a wrong JSON type for a schema with `type: expected` (e.g.
    /// `"a string"`).
    #[cold]
    pub fn wrong_type(&self, cx: &mut Context, at: &Path<'_>, expected: &str) {
        cx.fail(at, "type", type_mismatch(expected, self.kind()));
    }
}

#[doc(hidden)]
/// Parses any value, handing what was found to `accept`, which returns the
/// typed value or records why it cannot. Arrays and objects reach `accept`
/// only as their size, after being read strictly.
pub fn parse_any<'de, D, T, F>(
    de: D,
    cx: &mut Context,
    at: &Path<'_>,
    accept: F,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(Found<'_>, &mut Context, &Path<'_>) -> Option<T>,
{
    de.deserialize_any(AnyVisitor {
        cx,
        at,
        accept,
        marker: PhantomData,
    })
}

struct AnyVisitor<'c, 'p, T, F> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
    accept: F,
    marker: PhantomData<fn() -> T>,
}

impl<'de, T, F> Visitor<'de> for AnyVisitor<'_, '_, T, F>
where
    F: FnOnce(Found<'_>, &mut Context, &Path<'_>) -> Option<T>,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Option<T>, E> {
        Ok((self.accept)(Found::Null, self.cx, self.at))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Option<T>, E> {
        Ok((self.accept)(Found::Bool(v), self.cx, self.at))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Option<T>, E> {
        Ok((self.accept)(Found::Integer(v.into()), self.cx, self.at))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Option<T>, E> {
        Ok((self.accept)(Found::Integer(v.into()), self.cx, self.at))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        if !v.is_finite() {
            return Err(E::custom("number is not finite"));
        }
        Ok((self.accept)(Found::Float(v), self.cx, self.at))
    }

    fn visit_str<E>(self, v: &str) -> Result<Option<T>, E> {
        Ok((self.accept)(Found::Str(v), self.cx, self.at))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
        let items = skip_seq(seq, self.cx, self.at)?;
        Ok((self.accept)(Found::Array(items), self.cx, self.at))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        let members = skip_map(map, self.cx, self.at)?;
        Ok((self.accept)(Found::Object(members), self.cx, self.at))
    }
}

#[doc(hidden)]
/// Reads a value without keeping it, still refusing duplicate keys inside.
pub struct StrictSkip<'c, 'p> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
}

impl<'c, 'p> StrictSkip<'c, 'p> {
    pub fn new(cx: &'c mut Context, at: &'p Path<'p>) -> Self {
        Self { cx, at }
    }
}

impl<'de> DeserializeSeed<'de> for StrictSkip<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        parse_any(de, self.cx, self.at, |_, _, _| Some(())).map(drop)
    }
}

fn skip_seq<'de, A: SeqAccess<'de>>(
    mut seq: A,
    cx: &mut Context,
    at: &Path<'_>,
) -> Result<usize, A::Error> {
    let mut index = 0;
    loop {
        let item = at.index(index);
        if seq.next_element_seed(StrictSkip::new(cx, &item))?.is_none() {
            return Ok(index);
        }
        index += 1;
    }
}

fn skip_map<'de, A: MapAccess<'de>>(
    mut map: A,
    cx: &mut Context,
    at: &Path<'_>,
) -> Result<usize, A::Error> {
    let mut seen: Vec<Cow<'de, str>> = Vec::new();
    while let Some(key) = map.next_key_seed(KeySeed)? {
        let member = at.key(&key);
        if seen.contains(&key) {
            cx.set_duplicate_key(&member);
            return Err(A::Error::custom("duplicate key"));
        }
        map.next_value_seed(StrictSkip::new(cx, &member))?;
        seen.push(key);
    }
    Ok(seen.len())
}

/// An object key, borrowed from the input when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Cow<'de, str>, D::Error> {
        de.deserialize_str(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

#[doc(hidden)]
/// One member of a partial object: not sent, sent but invalid, or valid.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Slot<T> {
    #[default]
    Absent,
    Invalid,
    Valid(T),
}

impl<T> Slot<T> {
    /// Whether the member was sent at all (valid or not), which is what
    /// `required` and presence conditions look at.
    #[must_use]
    pub fn present(&self) -> bool {
        !matches!(self, Slot::Absent)
    }

    /// The valid value, if there is one.
    #[must_use]
    pub fn value(&self) -> Option<&T> {
        match self {
            Slot::Valid(value) => Some(value),
            _ => None,
        }
    }

    /// Stores a parse result.
    pub fn set(&mut self, parsed: Option<T>) {
        *self = parsed.map_or(Slot::Invalid, Slot::Valid);
    }

    /// A required member's value; `None` unless valid.
    pub fn into_required(self) -> Option<T> {
        match self {
            Slot::Valid(value) => Some(value),
            _ => None,
        }
    }

    /// An optional member's value: `Some(None)` when absent, `None` when invalid.
    pub fn into_optional(self) -> Option<Option<T>> {
        match self {
            Slot::Absent => Some(None),
            Slot::Invalid => None,
            Slot::Valid(value) => Some(Some(value)),
        }
    }
}

#[doc(hidden)]
/// A member kept as raw JSON text, because how to parse it depends on a
/// tag that may come later in the object.
pub type Deferred = Box<RawValue>;

/// How many arrays and objects serde_json's reader may have open at once:
/// it refuses the 128th.
const MAX_OPEN: usize = 127;

/// Whether `text`, the value of the member at `at`, nests deeper than the
/// reader allows counting from the document's root: text kept to be read
/// again starts a new reader, which would count from zero.
pub(crate) fn too_deep(at: &Path<'_>, text: &str) -> bool {
    // A member at `at` is read with one container open per step of its path.
    let mut open = 0;
    let mut path = at;
    while let Path::Key(parent, _) | Path::Index(parent, _) = path {
        open += 1;
        path = parent;
    }
    // Each container takes a byte at least, and is opened by a `[` or `{`
    // (counted inside strings too, so over): a count by `memchr`, a few
    // instructions per 32 bytes, settles every usual value without a walk.
    if open + text.len() <= MAX_OPEN
        || open + memchr::memchr2_iter(b'[', b'{', text.as_bytes()).count() <= MAX_OPEN
    {
        return false;
    }
    let (mut in_string, mut escaped) = (false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                open += 1;
                if open > MAX_OPEN {
                    return true;
                }
            }
            b']' | b'}' => open -= 1,
            _ => {}
        }
    }
    false
}

#[doc(hidden)]
/// Reads a member's value as text to parse later, at `at`: text kept is
/// not read strictly on the way, so its nesting is checked here against
/// the reader's limit, counted from the document's root (the text is read
/// again by a new reader, which would count from zero).
pub fn read_deferred<'de, A: MapAccess<'de>>(
    map: &mut A,
    at: &Path<'_>,
) -> Result<Deferred, A::Error> {
    let raw: Deferred = map.next_value()?;
    if too_deep(at, raw.get()) {
        return Err(A::Error::custom("recursion limit exceeded"));
    }
    Ok(raw)
}

#[doc(hidden)]
/// Parses deferred text as `T`, at its place in the payload.
pub fn parse_deferred<'a, T: Parse<'a>>(
    raw: &'a RawValue,
    cx: &mut Context,
    at: &Path<'_>,
) -> Option<T> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    // The text was read once already, as raw text: a duplicate key (then
    // recorded in `cx`) or a number out of range makes this fail. Either
    // stops parsing (`Context::stopped`, checked as each object ends), so
    // the document is reported as the strict reader reports it.
    match T::parse(&mut de, cx, at) {
        Ok(value) => value,
        Err(error) => {
            if cx.duplicate_key().is_none() {
                // The position serde_json gives is in the kept text, not
                // the document: left out.
                let why = error.to_string();
                let why = why.split(" at line ").next().unwrap_or(&why);
                cx.set_unreadable(at, why);
            }
            None
        }
    }
}

#[doc(hidden)]
/// Resolves a deferred member once its type is known.
pub fn resolve_deferred<T: for<'a> Parse<'a>>(
    slot: Slot<Deferred>,
    cx: &mut Context,
    at: &Path<'_>,
) -> Slot<T> {
    match slot {
        Slot::Absent => Slot::Absent,
        Slot::Invalid => Slot::Invalid,
        Slot::Valid(raw) => {
            let mut resolved = Slot::Absent;
            resolved.set(parse_deferred::<T>(&raw, cx, at));
            resolved
        }
    }
}

#[doc(hidden)]
/// The keys of raw text that is an object; `None` for any other value.
#[must_use]
pub fn object_keys(raw: &RawValue) -> Option<Vec<String>> {
    serde_json::from_str::<std::collections::BTreeMap<String, de::IgnoredAny>>(raw.get())
        .ok()
        .map(|members| members.into_keys().collect())
}

#[doc(hidden)]
/// Checks a deferred member against its base schema, `{"type": "object"}`,
/// when no variant gives it a type.
pub fn check_deferred_object(slot: &Slot<Deferred>, cx: &mut Context, at: &Path<'_>) {
    if let Slot::Valid(raw) = slot {
        let _ = parse_deferred::<AnyObject>(raw, cx, at);
    }
}

/// A free-form JSON object (`{"type": "object"}` with no members listed),
/// such as a provider's `details`: kept as JSON, read strictly.
pub type JsonObject = serde_json::Map<String, serde_json::Value>;

impl<'de> Parse<'de> for JsonObject {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        // Raw text first, so a duplicate key inside is found (serde_json's
        // own map would keep the last copy silently).
        let raw = Box::<RawValue>::deserialize(de)?;
        // Read again by a new reader below, which would count its nesting
        // from zero.
        if too_deep(at, raw.get()) {
            return Err(D::Error::custom("recursion limit exceeded"));
        }
        let object = parse_deferred::<AnyObject>(&raw, cx, at);
        if let Some(why) = cx.stopped() {
            return Err(D::Error::custom(why));
        }
        Ok(object.and_then(|_| serde_json::from_str(raw.get()).ok()))
    }
}

/// Any JSON value, kept as JSON (a member an open object does not list),
/// read strictly: in one pass, refusing a duplicate key anywhere inside.
impl<'de> Parse<'de> for serde_json::Value {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        StrictValue { cx, at }.deserialize(de).map(Some)
    }
}

/// Builds a `serde_json::Value` as it reads, refusing duplicate keys
/// (serde_json's own map would keep the last copy silently).
struct StrictValue<'c, 'p> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_, '_> {
    type Value = serde_json::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_, '_> {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        serde_json::Number::from_f64(v)
            .map(serde_json::Value::Number)
            .ok_or_else(|| E::custom("number is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let item = self.at.index(items.len());
            match seq.next_element_seed(StrictValue {
                cx: &mut *self.cx,
                at: &item,
            })? {
                Some(value) => items.push(value),
                None => return Ok(serde_json::Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let member = self.at.key(&key);
            if members.contains_key(&key) {
                self.cx.set_duplicate_key(&member);
                return Err(A::Error::custom("duplicate key"));
            }
            let value = map.next_value_seed(StrictValue {
                cx: &mut *self.cx,
                at: &member,
            })?;
            members.insert(key, value);
        }
        Ok(serde_json::Value::Object(members))
    }
}

#[doc(hidden)]
/// Any JSON object, read strictly and not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnyObject;

impl<'de> Parse<'de> for AnyObject {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        parse_any(de, cx, at, |found, cx, at| match found {
            Found::Object(_) => Some(AnyObject),
            other => {
                other.wrong_type(cx, at, "an object");
                None
            }
        })
    }
}

#[doc(hidden)]
/// Parses a string that must be one of `values` (an `enum`, a `const`, or a
/// union's tag), giving its index. `typed`: the schema also says
/// `type: string`, so a wrong JSON type breaks `type` too. `rule` is
/// `"enum"` or `"const"`.
pub fn parse_choice<'de, D: Deserializer<'de>>(
    de: D,
    cx: &mut Context,
    at: &Path<'_>,
    values: &'static [&'static str],
    typed: bool,
    rule: &'static str,
) -> Result<Option<usize>, D::Error> {
    parse_any(de, cx, at, |found, cx, at| {
        if let Found::Str(s) = found {
            if let Some(index) = values.iter().position(|v| *v == s) {
                return Some(index);
            }
        } else if typed {
            found.wrong_type(cx, at, "a string");
        }
        choice_failed(cx, at, &found.preview(), values, rule);
        None
    })
}

#[doc(hidden)]
/// [`parse_choice`] as a serde seed, for members.
pub struct ChoiceSeed<'c, 'p> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
    values: &'static [&'static str],
    typed: bool,
    rule: &'static str,
}

impl<'c, 'p> ChoiceSeed<'c, 'p> {
    pub fn new(
        cx: &'c mut Context,
        at: &'p Path<'p>,
        values: &'static [&'static str],
        typed: bool,
        rule: &'static str,
    ) -> Self {
        Self {
            cx,
            at,
            values,
            typed,
            rule,
        }
    }
}

impl<'de> DeserializeSeed<'de> for ChoiceSeed<'_, '_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Option<usize>, D::Error> {
        parse_choice(de, self.cx, self.at, self.values, self.typed, self.rule)
    }
}

#[doc(hidden)]
/// Records that a value (shown as `preview`) is not one of `values`.
#[cold]
pub fn choice_failed(cx: &mut Context, at: &Path<'_>, preview: &str, values: &[&str], rule: &str) {
    let message = match values {
        [only] if rule == "const" => format!("{preview} is not {}", preview_str(only)),
        _ => format!(
            "{preview} is not one of {}",
            crate::describe::list_strs(values)
        ),
    };
    cx.fail(at, rule, message);
}

#[doc(hidden)]
/// [`parse_array`] as a serde seed, for members.
pub struct ArraySeed<'c, 'p, T, F> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
    items: Items,
    each: F,
    marker: PhantomData<fn() -> T>,
}

impl<'c, 'p, T, F: Fn(&T, &mut Context, &Path<'_>)> ArraySeed<'c, 'p, T, F> {
    pub fn new(cx: &'c mut Context, at: &'p Path<'p>, items: Items, each: F) -> Self {
        Self {
            cx,
            at,
            items,
            each,
            marker: PhantomData,
        }
    }
}

impl<'de, T: Parse<'de>, F: Fn(&T, &mut Context, &Path<'_>)> DeserializeSeed<'de>
    for ArraySeed<'_, '_, T, F>
{
    type Value = Option<Vec<T>>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Option<Vec<T>>, D::Error> {
        parse_array(de, self.cx, self.at, self.items, self.each)
    }
}

#[doc(hidden)]
/// [`parse_array`] for a list that may also be `null`: `Some(None)` for
/// `null`; a list's item count is checked whether or not its items are
/// valid, as for any list.
pub struct NullableArraySeed<'c, 'p, T, F> {
    inner: ArraySeed<'c, 'p, T, F>,
}

impl<'c, 'p, T, F: Fn(&T, &mut Context, &Path<'_>)> NullableArraySeed<'c, 'p, T, F> {
    pub fn new(cx: &'c mut Context, at: &'p Path<'p>, items: Items, each: F) -> Self {
        Self {
            inner: ArraySeed::new(cx, at, items, each),
        }
    }
}

impl<'de, T: Parse<'de>, F: Fn(&T, &mut Context, &Path<'_>)> DeserializeSeed<'de>
    for NullableArraySeed<'_, '_, T, F>
{
    type Value = Option<Option<Vec<T>>>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        struct OrNull<'c, 'p, T, F>(ArraySeed<'c, 'p, T, F>);

        impl<'de, T: Parse<'de>, F: Fn(&T, &mut Context, &Path<'_>)> Visitor<'de> for OrNull<'_, '_, T, F> {
            type Value = Option<Option<Vec<T>>>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list or null")
            }

            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Some(None))
            }

            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Some(None))
            }

            fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
                let ArraySeed {
                    cx,
                    at,
                    items,
                    each,
                    ..
                } = self.0;
                let before = cx.count();
                let parsed = parse_array(de, cx, at, items, each)?;
                if parsed.is_none() {
                    cx.allow_null_in_type(before, at);
                }
                Ok(parsed.map(Some))
            }
        }

        de.deserialize_option(OrNull(self.inner))
    }
}

/// The scalar `visit_*` methods of a visitor that expects a container: each
/// hands what it found to the visitor's `other`, which reports it.
macro_rules! scalars_are_the_wrong_type {
    ($value:ty) => {
        fn visit_unit<E>(self) -> Result<$value, E> {
            self.other(Found::Null)
        }

        fn visit_bool<E>(self, v: bool) -> Result<$value, E> {
            self.other(Found::Bool(v))
        }

        fn visit_i64<E>(self, v: i64) -> Result<$value, E> {
            self.other(Found::Integer(v.into()))
        }

        fn visit_u64<E>(self, v: u64) -> Result<$value, E> {
            self.other(Found::Integer(v.into()))
        }

        fn visit_f64<E>(self, v: f64) -> Result<$value, E> {
            self.other(Found::Float(v))
        }

        fn visit_str<E>(self, v: &str) -> Result<$value, E> {
            self.other(Found::Str(v))
        }
    };
}

#[doc(hidden)]
/// What `Object::member` did with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    /// A member of the schema; its value was parsed into the partial.
    Parsed,
    /// A member of the schema that was already sent.
    Duplicate,
    /// Not a member of the schema; its value has not been read.
    Unknown,
}

#[doc(hidden)]
/// An object type of a schema, parsed member by member into a partial value.
pub trait Object<'de>: Sized {
    /// One [`Slot`] per member.
    type Partial: Default;
    /// Whether members the schema does not list are refused
    /// (`additionalProperties: false`).
    const CLOSED: bool;

    /// Parses the value of member `key` into `partial`, checking the
    /// member's own rules; [`Member::Unknown`] without reading the value
    /// when `key` is not a member.
    fn member<A: MapAccess<'de>>(
        partial: &mut Self::Partial,
        key: &str,
        map: &mut A,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Member, A::Error>;

    /// Checks the object's own rules (required members, cross-member rules)
    /// and builds the value; `members` counts every key sent.
    fn finish(
        partial: Self::Partial,
        members: usize,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Option<Self>;

    /// Takes the value of a member the schema does not list, for an open
    /// object that keeps them; `Ok(false)` (the default) leaves it to be
    /// skipped.
    fn unknown<A: MapAccess<'de>>(
        _partial: &mut Self::Partial,
        _key: &str,
        _map: &mut A,
        _cx: &mut Context,
        _at: &Path<'_>,
    ) -> Result<bool, A::Error> {
        Ok(false)
    }

    /// Records that the value is not an object.
    fn not_an_object(found: &Found<'_>, cx: &mut Context, at: &Path<'_>) {
        found.wrong_type(cx, at, "an object");
    }
}

/// One key of an [`Object`] `$T` read from `$map`: its value parsed into
/// its slot of `$partial`, or, when `$T` does not list it, refused (a
/// closed object) and kept or skipped; a key sent twice stops parsing.
/// `$unknown` holds the unknown keys seen and `$members` counts keys. A
/// macro rather than a function so that the object visitor's hot loop
/// keeps these in locals (a struct of them measurably slowed every object),
/// and alternatives streamed into an object (`parse::stream_object`) read
/// members the same way.
macro_rules! take_member {
    ($T:ty, $partial:expr, $unknown:expr, $members:expr, $key:expr, $map:expr, $cx:expr, $at:expr) => {{
        let key: Cow<'_, str> = $key;
        $members += 1;
        let outcome = <$T>::member(&mut $partial, &key, &mut $map, $cx, $at)?;
        let duplicate = match outcome {
            Member::Parsed => false,
            Member::Duplicate => true,
            Member::Unknown => $unknown.contains(&key),
        };
        if duplicate {
            $cx.set_duplicate_key(&$at.key(&key));
            return Err(de::Error::custom("duplicate key"));
        }
        if outcome == Member::Unknown {
            let member = $at.key(&key);
            if <$T>::CLOSED {
                $cx.fail(
                    &member,
                    "additionalProperties",
                    format!("property `{key}` is not defined by the schema"),
                );
            }
            if !<$T>::unknown(&mut $partial, &key, &mut $map, $cx, &member)? {
                $map.next_value_seed(StrictSkip::new($cx, &member))?;
            }
            $unknown.push(key);
        }
    }};
}

/// An [`Object`] `$T`'s own rules once its members are read, then the
/// value when nothing since `$before` was wrong.
macro_rules! finish_object {
    ($T:ty, $partial:expr, $members:expr, $before:expr, $cx:expr, $at:expr) => {{
        let built = <$T>::finish($partial, $members, $cx, $at);
        if let Some(why) = $cx.stopped() {
            return Err(de::Error::custom(why));
        }
        Ok(if $cx.count() == $before { built } else { None })
    }};
}

#[doc(hidden)]
/// Parses an [`Object`]: members, unknown and duplicate keys, own rules.
#[inline]
pub fn parse_object<'de, D: Deserializer<'de>, T: Object<'de>>(
    de: D,
    cx: &mut Context,
    at: &Path<'_>,
) -> Result<Option<T>, D::Error> {
    de.deserialize_any(ObjectVisitor::<T> {
        cx,
        at,
        marker: PhantomData,
    })
}

struct ObjectVisitor<'c, 'p, T> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
    marker: PhantomData<fn() -> T>,
}

impl<'c, 'p, T> ObjectVisitor<'c, 'p, T> {
    fn other<'de, E>(self, found: Found<'_>) -> Result<Option<T>, E>
    where
        T: Object<'de>,
    {
        T::not_an_object(&found, self.cx, self.at);
        Ok(None)
    }
}

impl<'de, T: Object<'de>> Visitor<'de> for ObjectVisitor<'_, '_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let (cx, at) = (self.cx, self.at);
        let before = cx.count();
        let mut partial = T::Partial::default();
        let mut unknown: Vec<Cow<'de, str>> = Vec::new();
        let mut members = 0;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            take_member!(T, partial, unknown, members, key, map, cx, at);
        }
        finish_object!(T, partial, members, before, cx, at)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
        let items = skip_seq(seq, self.cx, self.at)?;
        self.other(Found::Array(items))
    }

    scalars_are_the_wrong_type!(Option<T>);
}

#[doc(hidden)]
/// Item-count rules of an array.
#[derive(Debug, Clone, Copy, Default)]
pub struct Items {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

#[doc(hidden)]
/// Parses an array of `T`, checking its item count whether or not the items
/// are valid, and `each` item's own rules.
pub fn parse_array<'de, D, T, F>(
    de: D,
    cx: &mut Context,
    at: &Path<'_>,
    items: Items,
    each: F,
) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Parse<'de>,
    F: Fn(&T, &mut Context, &Path<'_>),
{
    de.deserialize_any(ArrayVisitor {
        cx,
        at,
        items,
        each,
        marker: PhantomData,
    })
}

struct ArrayVisitor<'c, 'p, T, F> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
    items: Items,
    each: F,
    marker: PhantomData<fn() -> T>,
}

impl<T, F> ArrayVisitor<'_, '_, T, F> {
    fn other<E>(self, found: Found<'_>) -> Result<Option<Vec<T>>, E> {
        found.wrong_type(self.cx, self.at, "an array");
        Ok(None)
    }
}

/// Items reserved before reading: enough for every provider limit, and no
/// more, so a hostile size hint cannot make parsing allocate ahead of input.
const INITIAL_ITEMS: usize = 16;

impl<'de, T: Parse<'de>, F: Fn(&T, &mut Context, &Path<'_>)> Visitor<'de>
    for ArrayVisitor<'_, '_, T, F>
{
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Vec<T>>, A::Error> {
        let (cx, at) = (self.cx, self.at);
        let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(INITIAL_ITEMS));
        let mut valid = true;
        let mut len = 0;
        loop {
            let item = at.index(len);
            match seq.next_element_seed(Seed::<T>::new(cx, &item))? {
                None => break,
                Some(Some(value)) => {
                    (self.each)(&value, cx, &item);
                    if valid {
                        values.push(value);
                    }
                }
                Some(None) => {
                    valid = false;
                    values = Vec::new();
                }
            }
            len += 1;
        }
        if let Some(max) = self.items.max {
            check::max_items(cx, at, len, max);
        }
        if let Some(min) = self.items.min {
            check::min_items(cx, at, len, min);
        }
        Ok(valid.then_some(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Vec<T>>, A::Error> {
        let members = skip_map(map, self.cx, self.at)?;
        self.other(Found::Object(members))
    }

    scalars_are_the_wrong_type!(Option<Vec<T>>);
}

/// A value that may be `null`: `Some(None)` for `null`, `Some(Some(v))`
/// for a value, `None` when the value broke a rule (reported).
impl<'de, T: Parse<'de>> Parse<'de> for Option<T> {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        struct OrNull<'c, 'p, T> {
            cx: &'c mut Context,
            at: &'p Path<'p>,
            marker: PhantomData<fn() -> T>,
        }
        impl<'de, T: Parse<'de>> Visitor<'de> for OrNull<'_, '_, T> {
            type Value = Option<Option<T>>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a value or null")
            }

            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Some(None))
            }

            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Some(None))
            }

            fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
                let before = self.cx.count();
                let parsed = T::parse(de, self.cx, self.at)?;
                if parsed.is_none() {
                    self.cx.allow_null_in_type(before, self.at);
                }
                Ok(parsed.map(Some))
            }
        }
        de.deserialize_option(OrNull {
            cx,
            at,
            marker: PhantomData,
        })
    }
}

/// A type that holds itself (a node whose `next` is a node) is held in a
/// `Box`, parsed as the type itself.
impl<'de, T: Parse<'de>> Parse<'de> for Box<T> {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        Ok(T::parse(de, cx, at)?.map(Box::new))
    }
}

impl<'de, T: Parse<'de>> Parse<'de> for Vec<T> {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        parse_array(
            de,
            cx,
            at,
            Items::default(),
            |_: &T, _: &mut Context, _: &Path<'_>| {},
        )
    }
}

impl<'de> Parse<'de> for String {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        parse_any(de, cx, at, |found, cx, at| match found {
            Found::Str(s) => Some(s.to_owned()),
            other => {
                other.wrong_type(cx, at, "a string");
                None
            }
        })
    }
}

impl<'de> Parse<'de> for bool {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        parse_any(de, cx, at, |found, cx, at| match found {
            Found::Bool(b) => Some(b),
            other => {
                other.wrong_type(cx, at, "a boolean");
                None
            }
        })
    }
}

/// Integers are read as `i128`, checked against their bounds, then narrowed
/// to the field's type, which the generator picks to hold every value the
/// bounds allow.
impl<'de> Parse<'de> for i128 {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        parse_any(de, cx, at, |found, cx, at| {
            let integer = found.as_integer();
            if integer.is_none() {
                found.wrong_type(cx, at, "an integer");
            }
            integer
        })
    }
}

impl<'de> Parse<'de> for f64 {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        parse_any(de, cx, at, |found, cx, at| match found {
            Found::Integer(n) => Some(n as f64),
            Found::Float(x) => Some(x),
            other => {
                other.wrong_type(cx, at, "a number");
                None
            }
        })
    }
}

/// A `number` of format `float`: read as an `f64`, refused (`format`)
/// beyond the range of an `f32`, then held as one.
impl<'de> Parse<'de> for f32 {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        let Some(x) = f64::parse(de, cx, at)? else {
            return Ok(None);
        };
        Ok(narrow_float(x, cx, at))
    }
}

/// An `f64` already checked against its bounds, as the `f32` of a `float`
/// member: a value beyond `f32` is a `format` violation, not infinity.
#[doc(hidden)]
#[allow(clippy::cast_possible_truncation)]
pub fn narrow_float(x: f64, cx: &mut Context, at: &Path<'_>) -> Option<f32> {
    let float = crate::rules::integer::NumericFormat::Float;
    if float.holds(x) {
        Some(x as f32)
    } else {
        cx.fail(at, "format", float.not_valid(&x.to_string()));
        None
    }
}

#[doc(hidden)]
/// Narrows a checked integer to the field's type. The generator chooses a
/// type that holds every value the bounds allow; a value the bounds do not
/// refuse but the type cannot hold (no bound, and more than 64 bits) is
/// reported rather than wrapped, as the schema engine reports it.
pub fn narrow<N: IntegerMember>(n: i128, cx: &mut Context, at: &Path<'_>) -> Option<N> {
    let narrowed = N::try_from(n).ok();
    if narrowed.is_none() {
        cx.fail(at, "type", N::TYPE.does_not_fit(n));
    }
    narrowed
}

/// The Rust integer types generated members use, with their
/// [`IntegerType`](crate::rules::integer::IntegerType).
#[doc(hidden)]
pub trait IntegerMember: TryFrom<i128> {
    const TYPE: crate::rules::integer::IntegerType;
}

macro_rules! integer_members {
    ($($t:ty => $variant:ident),*) => {
        $(impl IntegerMember for $t {
            const TYPE: crate::rules::integer::IntegerType = crate::rules::integer::IntegerType::$variant;
        })*
    };
}
integer_members!(i32 => I32, u32 => U32, u64 => U64, i64 => I64);

mod alternatives;
pub use alternatives::{
    parse_alternatives, peek, stream_object, Alternatives, Peek, Streamed, TagValue,
};
mod tuple;
pub use tuple::{parse_tuple, Tuple};

#[cfg(test)]
mod tests {
    use super::*;

    use time::OffsetDateTime;

    fn parse<T: for<'de> Parse<'de>>(json: &str) -> (Option<T>, Vec<(String, String)>) {
        let mut cx = Context::at_time(OffsetDateTime::UNIX_EPOCH);
        let mut de = serde_json::Deserializer::from_str(json);
        let value = T::parse(&mut de, &mut cx, &Path::Root).expect("well-formed JSON");
        let found = cx
            .into_violations()
            .into_iter()
            .map(|v| (v.pointer, v.rule))
            .collect();
        (value, found)
    }

    #[test]
    fn scalars_accept_their_type_and_report_others() {
        assert_eq!(parse::<String>("\"hi\""), (Some("hi".to_string()), vec![]));
        assert_eq!(
            parse::<String>("[1, {\"a\": 2}]"),
            (None, vec![(String::new(), "type".to_string())])
        );
        assert_eq!(parse::<bool>("true"), (Some(true), vec![]));
        assert_eq!(
            parse::<i128>("2.0"),
            (Some(2), vec![]),
            "2.0 is an integer in JSON Schema"
        );
        assert_eq!(
            parse::<i128>("1.5").1,
            vec![(String::new(), "type".to_string())]
        );
        assert_eq!(
            parse::<i128>("18446744073709551615"),
            (Some(u64::MAX.into()), vec![])
        );
        assert_eq!(parse::<f64>("3"), (Some(3.0), vec![]));
    }

    #[test]
    fn duplicate_keys_in_skipped_values_stop_parsing() {
        let mut cx = Context::at_time(OffsetDateTime::UNIX_EPOCH);
        let mut de = serde_json::Deserializer::from_str("{\"a\": 1, \"a\": 2}");
        assert!(String::parse(&mut de, &mut cx, &Path::Root).is_err());
        assert_eq!(cx.duplicate_key(), Some("/a"));
    }

    #[test]
    fn arrays_count_items_even_when_items_are_invalid() {
        let mut cx = Context::at_time(OffsetDateTime::UNIX_EPOCH);
        let mut de = serde_json::Deserializer::from_str("[\"a\", 2, \"c\"]");
        let items = Items {
            min: None,
            max: Some(2),
        };
        let parsed: Option<Vec<String>> =
            parse_array(&mut de, &mut cx, &Path::Root, items, |_, _, _| {}).expect("well-formed");
        assert_eq!(parsed, None);
        let found: Vec<(String, String)> = cx
            .into_violations()
            .into_iter()
            .map(|v| (v.pointer, v.rule))
            .collect();
        assert_eq!(
            found,
            [
                (String::new(), "maxItems".to_string()),
                ("/1".to_string(), "type".to_string())
            ]
        );
    }

    #[test]
    fn slots_tell_presence_from_validity() {
        let mut slot: Slot<u8> = Slot::default();
        assert!(!slot.present());
        assert_eq!(slot.clone().into_optional(), Some(None));
        slot.set(None);
        assert!(slot.present());
        assert_eq!(slot.clone().into_optional(), None);
        slot.set(Some(3));
        assert_eq!(slot.value(), Some(&3));
        assert_eq!(slot.into_required(), Some(3));
    }
}

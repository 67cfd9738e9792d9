//! `integer` members are held in a Rust integer type of at most 64 bits
//! (`dmforge_runtime::rules::integer`). JSON Schema alone has no such
//! limit, so the schema engine adds it: before compiling, every schema with
//! `"type": "integer"` gets the internal keyword [`KEYWORD`], which refuses
//! a value that the schema's bounds allow but the member's type cannot hold,
//! worded as the typed engine words it and reported under the rule `type`.

use dmforge_codegen::vocabulary::each_schema_mut;
use dmforge_runtime::rules::integer::{as_i128, IntegerType, NumericFormat};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

/// The keyword added to integer schemas; never written by a user (the
/// vocabulary check runs on the schema as written).
pub const KEYWORD: &str = "dmforgeIntegerType";

/// The keyword added to integer and number schemas with a numeric format
/// (`int32`, `int64`, `float`, `double`): the format's range, reported as
/// `format`, as the typed engine reports it.
pub const FORMAT_KEYWORD: &str = "dmforgeNumericFormat";

/// `schema` with [`KEYWORD`] added to every integer schema in it.
#[must_use]
pub fn with_integer_types(schema: &Value) -> Value {
    let mut schema = schema.clone();
    each_schema_mut(&mut schema, &mut mark);
    schema
}

/// One schema object: the internal keywords its type and format call for.
fn mark(object: &mut Map<String, Value>) {
    let kind = object.get("type").and_then(Value::as_str);
    let (integer, number) = (kind == Some("integer"), kind == Some("number"));
    let has_numeric_format = object
        .get("format")
        .and_then(Value::as_str)
        .and_then(|f| NumericFormat::parse(f, integer))
        .is_some();
    if integer {
        object.insert(KEYWORD.to_string(), Value::Bool(true));
    }
    if (integer || number) && has_numeric_format {
        object.insert(FORMAT_KEYWORD.to_string(), Value::Bool(true));
    }
}

struct IntegerTypeCheck {
    chosen: IntegerType,
    minimum: Option<i128>,
    maximum: Option<i128>,
    /// An `int32`/`int64` format reports the range itself (`format`).
    format: Option<NumericFormat>,
}

/// The bounds as the generator reads them: inclusive, an exclusive bound
/// moved one step in.
fn bound(
    parent: &Map<String, Value>,
    inclusive: &str,
    exclusive: &str,
    step: i128,
) -> Option<i128> {
    let inclusive = parent.get(inclusive).and_then(as_i128);
    let exclusive = parent
        .get(exclusive)
        .and_then(as_i128)
        .map(|n| n.saturating_add(step));
    match (inclusive, exclusive) {
        (Some(a), Some(b)) if step > 0 => Some(a.max(b)),
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

pub fn factory<'a>(
    parent: &'a Map<String, Value>,
    _value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let minimum = bound(parent, "minimum", "exclusiveMinimum", 1);
    let maximum = bound(parent, "maximum", "exclusiveMaximum", -1);
    let format = parent
        .get("format")
        .and_then(Value::as_str)
        .and_then(|f| NumericFormat::parse(f, true));
    Ok(Box::new(IntegerTypeCheck {
        chosen: IntegerType::for_schema(minimum, maximum, format),
        minimum,
        maximum,
        format,
    }))
}

struct NumericFormatCheck {
    format: NumericFormat,
    integer: bool,
    minimum: Option<f64>,
    maximum: Option<f64>,
}

pub fn format_factory<'a>(
    parent: &'a Map<String, Value>,
    _value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let integer = parent.get("type").and_then(Value::as_str) == Some("integer");
    let format = parent
        .get("format")
        .and_then(Value::as_str)
        .and_then(|f| NumericFormat::parse(f, integer))
        .ok_or_else(|| super::shape_error("a numeric format was expected".into()))?;
    let limit = |key: &str| parent.get(key).and_then(Value::as_f64);
    Ok(Box::new(NumericFormatCheck {
        format,
        integer,
        minimum: limit("minimum").or(limit("exclusiveMinimum")),
        maximum: limit("maximum").or(limit("exclusiveMaximum")),
    }))
}

impl NumericFormatCheck {
    /// The value, as the typed engine shows it, when it is a number within
    /// the bounds but beyond the format's range. (For a `float`, the typed
    /// engine checks the bounds first and the range only of a value within
    /// them; for the integer formats, every bound and the range are checked.)
    fn misfit(&self, instance: &Value) -> Option<String> {
        let x = instance.as_f64()?;
        if self.integer {
            let n = as_i128(instance)?;
            return (!self.format.holds_integer(n))
                .then(|| dmforge_runtime::rules::integer::int_text(n));
        }
        let in_bounds = self.minimum.is_none_or(|m| x >= m) && self.maximum.is_none_or(|m| x <= m);
        let checked = in_bounds || self.format != NumericFormat::Float;
        (checked && !self.format.holds(x)).then(|| x.to_string())
    }
}

impl<'i> Keyword<'i> for NumericFormatCheck {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match self.misfit(instance) {
            Some(shown) => Err(ValidationError::custom(self.format.not_valid(&shown))),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.misfit(instance).is_none()
    }
}

impl IntegerTypeCheck {
    /// The value, when it is an integer within the bounds that the type
    /// cannot hold. (Out of bounds is the bound keywords' to report.)
    fn misfit(&self, instance: &Value) -> Option<i128> {
        let n = as_i128(instance)?;
        let in_bounds = self.minimum.is_none_or(|m| n >= m) && self.maximum.is_none_or(|m| n <= m);
        let format_reports = self.format.is_some_and(|f| !f.holds_integer(n));
        (in_bounds && !format_reports && !self.chosen.holds(n)).then_some(n)
    }
}

impl<'i> Keyword<'i> for IntegerTypeCheck {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match self.misfit(instance) {
            Some(n) => Err(ValidationError::custom(self.chosen.does_not_fit(n))),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.misfit(instance).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn marks_integer_schemas_and_never_data() {
        let marked = with_integer_types(&json!({
            "properties": {"n": {"type": "integer"}, "s": {"type": "string"}},
            "items": [{"type": "integer"}],
            "allOf": [{"$defs": {"d": {"type": "integer"}}}],
            "const": {"type": "integer"},
            "examples": [{"type": "integer"}]
        }));
        assert_eq!(marked["properties"]["n"][KEYWORD], true);
        assert!(marked["properties"]["s"].get(KEYWORD).is_none());
        assert_eq!(
            marked["items"][0][KEYWORD], true,
            "items as an array holds schemas before 2020-12"
        );
        assert_eq!(marked["allOf"][0]["$defs"]["d"][KEYWORD], true);
        assert!(marked["const"].get(KEYWORD).is_none());
        assert!(marked["examples"][0].get(KEYWORD).is_none());
    }
}

//! `integer` members are held in a Rust integer type of at most 64 bits
//! (`dmforge_runtime::rules::integer`). JSON Schema alone has no such
//! limit, so the schema engine adds it: before compiling, every schema with
//! `"type": "integer"` gets the internal keyword [`KEYWORD`], which refuses
//! a value that the schema's bounds allow but the member's type cannot hold,
//! worded as the typed engine words it and reported under the rule `type`.

use dmforge_codegen::vocabulary::each_schema_mut;
use dmforge_runtime::rules::integer::{numeric_type, FormatRange, IntegerLimits};
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
    // `integer` alone or beside non-numeric types (`["integer", "null"]`),
    // as the typed engine holds such values in a Rust integer.
    if numeric_type(object) == Some(true) {
        object.insert(KEYWORD.to_string(), Value::Bool(true));
    }
    if FormatRange::of_schema(object).is_some() {
        object.insert(FORMAT_KEYWORD.to_string(), Value::Bool(true));
    }
}

/// An integer schema's [`IntegerLimits`], as a jsonschema keyword.
struct IntegerTypeCheck(IntegerLimits);

pub fn factory<'a>(
    parent: &'a Map<String, Value>,
    _value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    Ok(Box::new(IntegerTypeCheck(IntegerLimits::of_schema(parent))))
}

/// A numeric format's [`FormatRange`], as a jsonschema keyword.
struct NumericFormatCheck(FormatRange);

pub fn format_factory<'a>(
    parent: &'a Map<String, Value>,
    _value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let range = FormatRange::of_schema(parent)
        .ok_or_else(|| super::shape_error("a numeric format was expected".into()))?;
    Ok(Box::new(NumericFormatCheck(range)))
}

impl<'i> Keyword<'i> for NumericFormatCheck {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match self.0.misfit(instance) {
            Some(shown) => Err(ValidationError::custom(self.0.format.not_valid(&shown))),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.0.misfit(instance).is_none()
    }
}

impl<'i> Keyword<'i> for IntegerTypeCheck {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match self.0.misfit(instance) {
            Some(n) => Err(ValidationError::custom(self.0.chosen.does_not_fit(n))),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.0.misfit(instance).is_none()
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

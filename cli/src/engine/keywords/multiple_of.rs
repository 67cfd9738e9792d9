//! `multipleOf`, replacing jsonschema's own: exact for decimal values
//! (`dmforge_runtime::rules::multiple_of`), as generated code checks it.

use dmforge_runtime::rules::integer::{as_i128, int_text};
use dmforge_runtime::rules::multiple_of::{
    is_multiple, is_multiple_int, not_a_multiple, number_text,
};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

struct MultipleOf {
    divisor: f64,
}

pub fn factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    match value.as_f64() {
        Some(divisor) if divisor > 0.0 => Ok(Box::new(MultipleOf { divisor })),
        _ => Err(super::shape_error(
            "multipleOf must be a number above 0".into(),
        )),
    }
}

impl MultipleOf {
    /// The value as shown, when it is a number that is not a multiple.
    fn misfit(&self, instance: &Value) -> Option<String> {
        let number = instance.as_number()?;
        // Integers beyond 53 bits are read exactly, as the typed engine reads them.
        if number.is_i64() || number.is_u64() {
            let n = as_i128(instance)?;
            return (!is_multiple_int(n, self.divisor)).then(|| int_text(n));
        }
        let x = number.as_f64()?;
        (!is_multiple(x, self.divisor)).then(|| number_text(x))
    }
}

impl<'i> Keyword<'i> for MultipleOf {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match self.misfit(instance) {
            Some(shown) => Err(ValidationError::custom(not_a_multiple(
                &shown,
                self.divisor,
            ))),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.misfit(instance).is_none()
    }
}

//! `maxBytes: N`: a string is at most N UTF-8 bytes.

use dmforge_codegen::vocabulary::parse_max_bytes;
use dmforge_runtime::rules::size::{too_long, Unit};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

struct MaxBytes {
    limit: u64,
}

pub fn factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let limit = parse_max_bytes(value).map_err(super::shape_error)?;
    Ok(Box::new(MaxBytes { limit }))
}

impl<'i> Keyword<'i> for MaxBytes {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match instance {
            Value::String(s) if s.len() as u64 > self.limit => Err(ValidationError::custom(
                too_long(s.len() as u64, self.limit, Unit::Bytes),
            )),
            _ => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance
            .as_str()
            .is_none_or(|s| s.len() as u64 <= self.limit)
    }
}

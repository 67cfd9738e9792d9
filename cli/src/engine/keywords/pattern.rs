//! `pattern`, replacing jsonschema's own: the same regular-expression
//! dialect as generated code (`dmforge_runtime::rules::pattern`), so the two
//! engines cannot disagree on what matches.

use dmforge_runtime::rules::pattern::{mismatch, Compiled};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

struct Pattern {
    source: String,
    compiled: Compiled,
}

pub fn factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let source = value
        .as_str()
        .ok_or_else(|| super::shape_error("pattern must be a string".into()))?;
    let compiled = Compiled::new(source)
        .map_err(|e| super::shape_error(format!("pattern does not compile: {e}")))?;
    Ok(Box::new(Pattern {
        source: source.to_string(),
        compiled,
    }))
}

impl<'i> Keyword<'i> for Pattern {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match instance.as_str() {
            Some(s) if !self.compiled.is_match(s) => {
                Err(ValidationError::custom(mismatch(s, &self.source)))
            }
            _ => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance.as_str().is_none_or(|s| self.compiled.is_match(s))
    }
}

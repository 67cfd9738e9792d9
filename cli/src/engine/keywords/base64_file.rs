//! `base64File: {maxBytes, mediaTypes}`: a string is standard base64 whose
//! decoded bytes are at most `maxBytes` long and whose leading bytes show one
//! of `mediaTypes`. Every broken part is reported.

use dmforge_codegen::vocabulary::{parse_spec, Base64FileSpec};
use dmforge_runtime::rules::base64_file::problems;
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

struct Base64File {
    spec: Base64FileSpec,
}

pub fn factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let spec = parse_spec::<Base64FileSpec>("base64File", value).map_err(super::shape_error)?;
    Ok(Box::new(Base64File { spec }))
}

impl Base64File {
    fn problems(&self, instance: &Value) -> Vec<String> {
        let Some(text) = instance.as_str() else {
            return Vec::new();
        };
        let allowed: Vec<&str> = self.spec.media_types.iter().map(String::as_str).collect();
        problems(text, self.spec.max_bytes, &allowed)
    }
}

impl<'i> Keyword<'i> for Base64File {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match self.problems(instance).into_iter().next() {
            Some(problem) => Err(ValidationError::custom(problem)),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.problems(instance).is_empty()
    }

    fn iter_errors(
        &self,
        instance: &'i Value,
    ) -> Box<dyn Iterator<Item = ValidationError<'i>> + 'i> {
        let errors: Vec<_> = self
            .problems(instance)
            .into_iter()
            .map(|p| ValidationError::custom(p))
            .collect();
        Box::new(errors.into_iter())
    }
}

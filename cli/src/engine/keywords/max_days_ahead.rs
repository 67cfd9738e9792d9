//! `maxDaysAhead: N`: a date-time string is at most N days after "now".
//! Strings that are not date-times are left to `format`.

use dmforge_codegen::vocabulary::parse_max_days_ahead;
use dmforge_runtime::rules::date_time::{check_days_ahead, parse_infobip};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};
use time::OffsetDateTime;

struct MaxDaysAhead {
    days: u32,
    now: OffsetDateTime,
}

type Factory = dyn for<'a> Fn(
        &'a Map<String, Value>,
        &'a Value,
        Location,
    ) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>>
    + Send
    + Sync;

/// A factory whose keywords measure from `now`.
pub fn factory(now: OffsetDateTime) -> Box<Factory> {
    Box::new(move |_parent, value, _path| {
        let days = parse_max_days_ahead(value).map_err(super::shape_error)?;
        Ok(Box::new(MaxDaysAhead { days, now }))
    })
}

impl MaxDaysAhead {
    fn check(&self, instance: &Value) -> Option<String> {
        let at = parse_infobip(instance.as_str()?)?;
        check_days_ahead(at, self.now, self.days)
    }
}

impl<'i> Keyword<'i> for MaxDaysAhead {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        self.check(instance)
            .map_or(Ok(()), |m| Err(ValidationError::custom(m)))
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.check(instance).is_none()
    }
}

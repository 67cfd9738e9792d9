//! `timeWindow: {from, to, minMinutes}`: when both time-of-day members are
//! present and well-formed, the window from one to the other is at least
//! `minMinutes` long. Missing or malformed members are other rules' business
//! (`dependentRequired`, `required`, `minimum`, `maximum`).

use dmforge_codegen::vocabulary::{parse_spec, TimeWindowSpec};
use dmforge_runtime::rules::time_window::{check, TimeOfDay};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

struct TimeWindow {
    spec: TimeWindowSpec,
}

pub fn factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let spec = parse_spec::<TimeWindowSpec>("timeWindow", value).map_err(super::shape_error)?;
    Ok(Box::new(TimeWindow { spec }))
}

fn time_of_day(value: Option<&Value>) -> Option<TimeOfDay> {
    let value = value?;
    let hour = u8::try_from(value.get("hour")?.as_u64()?).ok()?;
    let minute = u8::try_from(value.get("minute")?.as_u64()?).ok()?;
    TimeOfDay::new(hour, minute)
}

impl TimeWindow {
    fn check(&self, instance: &Value) -> Option<String> {
        let object = instance.as_object()?;
        let from = time_of_day(object.get(&self.spec.from))?;
        let to = time_of_day(object.get(&self.spec.to))?;
        check(from, to, self.spec.min_minutes)
    }
}

impl<'i> Keyword<'i> for TimeWindow {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        self.check(instance)
            .map_or(Ok(()), |m| Err(ValidationError::custom(m)))
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.check(instance).is_none()
    }
}

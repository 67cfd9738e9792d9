//! Custom rules for garde and validator, over dmforge's runtime functions.

use dmforge_runtime::rules::{base64_file, date_time};

fn garde_check(ok: bool, message: &str) -> garde::Result {
    if ok {
        Ok(())
    } else {
        Err(garde::Error::new(message))
    }
}

fn validator_check(ok: bool, code: &'static str) -> Result<(), validator::ValidationError> {
    if ok {
        Ok(())
    } else {
        Err(validator::ValidationError::new(code))
    }
}

/// garde hands a custom rule the field as declared: `String` or
/// `Option<String>` (an absent member passes).
pub trait Text {
    fn text(&self) -> Option<&str>;
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for Option<String> {
    fn text(&self) -> Option<&str> {
        self.as_deref()
    }
}

fn garde_text(value: &impl Text, ok: impl FnOnce(&str) -> bool, message: &str) -> garde::Result {
    garde_check(value.text().is_none_or(ok), message)
}

pub fn garde_max_bytes(value: &impl Text, limit: u64) -> garde::Result {
    garde_text(value, |s| s.len() as u64 <= limit, "too many bytes")
}

pub fn garde_date_time(value: &impl Text, _: &()) -> garde::Result {
    garde_text(
        value,
        |s| date_time::parse_rfc3339(s).is_some(),
        "not a date-time",
    )
}

pub fn garde_infobip_date_time(value: &impl Text, _: &()) -> garde::Result {
    garde_text(
        value,
        |s| date_time::parse_infobip(s).is_some(),
        "not a date-time",
    )
}

pub fn garde_base64_file(value: &impl Text, max_bytes: u64, media_types: &[&str]) -> garde::Result {
    garde_text(
        value,
        |s| base64_file::problems(s, max_bytes, media_types).is_empty(),
        "not an accepted file",
    )
}

pub fn validator_max_bytes(s: &str, limit: u64) -> Result<(), validator::ValidationError> {
    validator_check(s.len() as u64 <= limit, "maxBytes")
}

pub fn validator_date_time(s: &str) -> Result<(), validator::ValidationError> {
    validator_check(date_time::parse_rfc3339(s).is_some(), "date-time")
}

pub fn validator_infobip_date_time(s: &str) -> Result<(), validator::ValidationError> {
    validator_check(date_time::parse_infobip(s).is_some(), "date-time")
}

pub fn validator_base64_file(
    s: &str,
    max_bytes: u64,
    media_types: &[&str],
) -> Result<(), validator::ValidationError> {
    validator_check(
        base64_file::problems(s, max_bytes, media_types).is_empty(),
        "base64File",
    )
}

//! dmforge's extension keywords as jsonschema custom keywords, one module per
//! keyword. Each factory parses the keyword with the same parser as every
//! other engine (`dmforge_codegen::vocabulary`) and checks with the same rule
//! function (`dmforge_runtime::rules`). Annotation keywords (`endpoint`,
//! `sources`, `source`, `clampedDuration`) never fail an instance, so they
//! are not registered: jsonschema ignores them, and the document checker has
//! already verified their shape.

mod base64_file;
pub mod integer_type;
mod max_bytes;
mod max_days_ahead;
mod multiple_of;
mod pattern;
mod time_window;

use jsonschema::ValidationOptions;
use time::OffsetDateTime;

/// `options` with every assertion keyword and format of the vocabulary registered.
pub fn register(
    options: ValidationOptions<'static>,
    now: OffsetDateTime,
) -> ValidationOptions<'static> {
    // Every standard format through the runtime's one definition, so the
    // schema and typed engines cannot disagree on what an email or an
    // IPv6 address is (jsonschema's own checkers are replaced).
    let options = dmforge_runtime::rules::format::FORMATS
        .iter()
        .fold(options, |options, &name| {
            options.with_format(name, move |s: &str| {
                dmforge_runtime::rules::format::is_valid(name, s) != Some(false)
            })
        });
    options
        .with_keyword("maxBytes", max_bytes::factory)
        .with_keyword("pattern", pattern::factory)
        .with_keyword("multipleOf", multiple_of::factory)
        .with_keyword("timeWindow", time_window::factory)
        .with_keyword("base64File", base64_file::factory)
        .with_keyword("maxDaysAhead", max_days_ahead::factory(now))
        .with_keyword(integer_type::KEYWORD, integer_type::factory)
        .with_keyword(integer_type::FORMAT_KEYWORD, integer_type::format_factory)
        // Numeric formats check numbers (above); on a string they say nothing.
        .with_format("int32", |_: &str| true)
        .with_format("int64", |_: &str| true)
        .with_format("float", |_: &str| true)
        .with_format("double", |_: &str| true)
        // Every format through the runtime's one definition, so the schema
        // and typed engines cannot disagree on what a URI or a date-time is.
        .with_format("infobip-date-time", |s: &str| {
            dmforge_runtime::rules::date_time::parse_infobip(s).is_some()
        })
        .with_format("date-time", |s: &str| {
            dmforge_runtime::rules::date_time::parse_rfc3339(s).is_some()
        })
        .with_format("uri", dmforge_runtime::rules::uri::is_uri)
}

/// A schema-side error for a keyword whose value has the wrong shape.
fn shape_error<'a>(message: String) -> jsonschema::ValidationError<'a> {
    jsonschema::ValidationError::custom(message)
}

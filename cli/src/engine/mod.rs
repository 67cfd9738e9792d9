//! Validation engines: given payload bytes, every violated rule.
//!
//! The `schema` engine runs the JSON Schema itself (the jsonschema crate plus
//! dmforge's extension keywords) on a parsed `serde_json::Value`. The `typed`
//! engine parses the bytes straight into the generated types. Both report
//! [`Violation`]s in the same terms (pointer, rule keyword, message) and
//! must agree on every payload; `cli/tests/it/fixtures.rs` checks that they do.

mod keywords;
mod messages;
pub mod schema;
pub mod typed;

use dmforge_runtime::Violation;

use crate::payload::{self, PayloadError};

/// One compiled schema, in either engine.
pub enum Validator {
    Schema(schema::SchemaValidator),
    Typed(typed::TypedValidator),
}

impl Validator {
    /// Every violation in `bytes` (none if valid), or why they are not an
    /// acceptable JSON object at all.
    pub fn check(&self, bytes: &[u8]) -> Result<Vec<Violation>, PayloadError> {
        match self {
            Validator::Schema(validator) => {
                let value = if validator.any_top_level() {
                    payload::parse_document(bytes)?
                } else {
                    payload::parse(bytes)?
                };
                Ok(validator.validate(&value))
            }
            Validator::Typed(validator) => validator.check(bytes),
        }
    }
}

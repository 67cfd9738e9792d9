//! Validation engines: given a parsed payload, every violated rule.
//!
//! The `schema` engine runs the JSON Schema itself (the jsonschema crate plus
//! dmforge's extension keywords). The `typed` engine (issue #3) deserializes
//! into the generated types. Both report [`Violation`]s in the same terms:
//! pointer, rule keyword, message.
//!
//! [`Violation`]: dmforge_runtime::Violation

mod keywords;
mod messages;
pub mod schema;

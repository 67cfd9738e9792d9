//! The run-time half of dmforge: what a rule *means*, shared by every engine.
//!
//! The schema engine (jsonschema custom keywords), the typed engine and the
//! `#[derive(Validate)]` expansion all call into [`rules`], so a limit has one
//! definition of its unit (UTF-8 bytes, characters, items) and one wording of
//! its error message. A broken rule is reported as a [`Violation`]: the RFC 6901
//! JSON Pointer of the offending value, the rule's keyword, and a plain message.

pub mod pointer;
pub mod rules;
mod violation;

pub use violation::Violation;

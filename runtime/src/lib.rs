//! The run-time half of dmforge: what a rule *means*, shared by every engine
//! and by generated code.
//!
//! The schema engine (jsonschema custom keywords), the typed engine
//! (generated [`parse::Parse`] implementations) and in-memory
//! [`Validate`] all call into [`rules`] and [`check`], so a limit has one
//! definition of its unit (UTF-8 bytes, characters, items) and one wording of
//! its error message. A broken rule is reported as a [`Violation`]: the RFC
//! 6901 JSON Pointer of the offending value, the rule's keyword, and a plain
//! message. Generated code names this crate through one path (by default
//! `::dmforge::runtime`), and finds serde, serde_json and (with the
//! `json-schema` feature) schemars through the re-exports below, so a crate using generated types needs no other
//! dependency.

pub mod builder;
pub mod check;
#[cfg(feature = "client")]
pub mod client;
pub mod date_time;
pub mod describe;
pub mod endpoint;
pub mod list;
pub mod lit;
pub mod locate;
pub mod number;
pub mod parse;
mod path;
pub mod pointer;
pub mod position;
mod report;
#[cfg(feature = "http")]
pub mod request;
pub mod rules;
pub mod text;
mod validate;
pub mod value_schema;
mod violation;

/// `#[derive(Validate)]` (from `dmforge-macros`), beside the trait it implements.
pub use dmforge_macros::Validate;
pub use path::Path;
pub use report::{Context, ValidationErrors};
pub use validate::Validate;
pub use violation::Violation;

#[cfg(feature = "http")]
pub use http;
#[cfg(feature = "json-schema")]
pub use schemars;
pub use {serde, serde_json, time};

//! dmforge: schema-driven, self-validating request types for Instagram
//! messaging providers (Meta Graph, Infobip, Webex Connect, abebot).
//!
//! This facade crate owns the `dmforge` binary and the pieces it is built
//! from: the bundled [`registry`] of schemas, strict [`payload`] parsing,
//! validation [`engine`]s, [`locate`] (JSON Pointer → line:column) and the
//! [`report`] of a `dmforge validate` run. See ARCHITECTURE.md.

pub mod engine;
pub mod payload;
pub mod registry;
pub mod report;

pub use dmforge_generated::{abebot, infobip, meta_graph, webex_connect};
pub use dmforge_runtime as runtime;
/// The `Validate` trait and `#[derive(Validate)]`.
pub use dmforge_runtime::Validate;
pub use dmforge_runtime::{locate, pointer, position, rules, Violation};

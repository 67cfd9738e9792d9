//! The `dmforge` command line's library: what `dmforge validate`, `check`
//! and `generate` are built from, for tools and tests that want them
//! without the binary.
//!
//! - [`registry`]: the bundled schemas, by id;
//! - [`payload`]: strict reading of a payload file for the schema engine
//!   (duplicate keys, byte-order mark, a top level that is not an object);
//! - [`engine`]: the two engines, `typed` (the generated types) and
//!   `schema` (the JSON Schema through the jsonschema crate);
//! - [`inputs`]: file arguments expanded (`-` for standard input, folders
//!   for their `*.json` files);
//! - [`report`]: one file's outcome, in human or JSON Lines form, and the
//!   run's [`report::Summary`]; [`sarif`]: the run as a SARIF 2.1.0 log;
//! - [`conformance`]: a schema's generated conformance suite through both
//!   engines (`run_schema` for a new provider's schema);
//! - [`send`]: payloads checked, then sent to their provider, or shown as
//!   the exact request (`--dry-run`).
//!
//! Types, validation and builders are in the `dmforge` crate; this one
//! carries the CLI's weight (clap, jsonschema, the generator) so that
//! `dmforge` stays lean.

pub mod conformance;
pub mod engine;
pub mod inputs;
pub mod mutate;
pub mod payload;
pub mod registry;
pub mod report;
pub mod sarif;
pub mod send;

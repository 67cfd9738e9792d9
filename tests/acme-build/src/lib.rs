//! Types for Acme Chat (a fictitious provider), generated two ways from
//! `tests/acme/schemas`, as a user's crate would:
//! - at build time, by `build.rs` with `dmforge_codegen::Builder` (the
//!   crate's root modules);
//! - by `dmforge generate --schemas tests/acme/schemas --out
//!   tests/acme-build/src/from_cli`, as plain files checked in
//!   ([`from_cli`]; the CLI's tests check that it still writes exactly these).
//!
//! Generated code names the runtime as `::dmforge::runtime`, so depending on
//! `dmforge` (without default features: no bundled provider) is all it needs.

include!(concat!(env!("OUT_DIR"), "/dmforge_generated.rs"));

/// The same types, from the files `dmforge generate` wrote.
#[rustfmt::skip]
#[path = "from_cli/mod.rs"]
pub mod from_cli;

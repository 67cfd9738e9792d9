//! Provider types generated from `schemas/` at build time by
//! `dmforge-codegen` (see `build.rs`). One module per provider, one
//! submodule per message schema; `SCHEMAS` maps schema ids to typed checkers.
//!
//! Every type parses with every rule of its schema checked (`Deserialize`
//! refuses a value that breaks one, reporting all violations), and
//! implements `Validate` for values built in code.

include!(concat!(env!("OUT_DIR"), "/dmforge_generated.rs"));

//! The JSON Schema Test Suite's schemas that dmforge's generator accepts,
//! generated (see `build.rs`), with their test cases.

#![allow(clippy::all, missing_docs)]

/// One test case of the suite.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// `<file>/g<group>`, the generated module's schema id.
    pub id: &'static str,
    pub description: &'static str,
    /// The instance, as JSON text.
    pub data: &'static str,
    pub valid: bool,
}

pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/suite.rs"));
}

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

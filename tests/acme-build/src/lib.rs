//! Types for Acme Chat (a fictitious provider), generated at build time from
//! `tests/acme/schemas` by `build.rs`. Generated code names the runtime as
//! `::dmforge::runtime`, so depending on `dmforge` is all it needs.

include!(concat!(env!("OUT_DIR"), "/dmforge_generated.rs"));

//! The `dmforge` library's integration tests, one binary: provider types
//! built and parsed in code,
//! the derive on hand-written structs, and (trybuild) what must and must
//! not compile.

#[cfg(feature = "client")]
mod client;
mod construct;
mod derive;
mod generated;
#[cfg(feature = "request")]
mod request;
mod ui;

//! The `dmforge` library's integration tests, one binary: provider types
//! built and parsed in code, requests made of them and sent to a local
//! server,
//! the derive on hand-written structs, and (trybuild) what must and must
//! not compile.

mod client;
mod construct;
mod derive;
mod generated;
mod request;
mod ui;

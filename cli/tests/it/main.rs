//! The command line's integration tests, one binary: the `dmforge` binary
//! itself (exit codes, output forms, hostile input), both engines on every
//! fixture, random mutations on which both engines must agree, and the
//! format checkers against the JSON Schema Test Suite, and `send` against
//! a real HTTP server.

mod cli;
mod differential;
mod fixtures;
mod formats;
mod hostile;
mod send;

// Compiles the snapshots of generated code, warnings denied.
#![deny(warnings)]

#[allow(dead_code)]
#[path = "../snapshots/mod.rs"]
mod providers;

fn main() {}

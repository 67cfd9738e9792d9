//! The build-time generator: JSON Schemas → IR → Rust tokens. Built in issue #3.

//! dmforge's schema side: reading JSON Schemas and the extension vocabulary.
//!
//! [`vocabulary`] knows every keyword dmforge accepts, standard 2020-12 and
//! dmforge's own, and checks a schema document against that list before any
//! engine uses it: an unknown keyword, a keyword of the wrong shape or a
//! `$ref` to nowhere is an error naming the JSON Pointer inside the schema.
//! (The generator proper, schema → IR → Rust, lands here with issue #3.)

pub mod vocabulary;

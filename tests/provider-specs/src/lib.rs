//! Types for seven messaging providers, generated at build time from the
//! OpenAPI documents they publish (copied, with their licences, into
//! `tests/data/provider-specs`): the proof that a new provider's published
//! spec becomes types that compile and check what the spec says.

#![allow(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/dmforge_generated.rs"));

//! The contenders of dmforge's benchmarks (`cargo bench`, issue #6): the
//! types dmforge generates from the shipped schemas, emitted from the same
//! IR as plain serde structs (`plain`, the floor: parsing with no rule
//! checked), and with garde (`with_garde`) and validator
//! (`with_validator`) derives carrying every field rule those crates can
//! express. See `build.rs` and `mirror.rs` for what is left out.
//!
//! Where a crate has no rule of its own (date-times, base64 files, a byte
//! limit beside a character one), the attribute calls [`support`], which
//! calls the same runtime functions dmforge uses, so the work compares.

pub mod alloc;
pub mod payloads;
pub mod schemas;
pub mod support;

include!(concat!(env!("OUT_DIR"), "/contenders.rs"));

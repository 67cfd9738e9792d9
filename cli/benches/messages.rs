//! One typical message per provider, from bytes and in memory, against the
//! alternatives (issue #6). From bytes (`parse_validate/*`), each contender
//! ends with a typed value (jsonschema: a `Value`) and its verdict:
//! - `serde_floor`: serde_json into the same structs, no rule checked;
//! - `dmforge`: the generated types' one-pass parse and validation;
//! - `garde`, `validator`: the same structs with those derives, parse then
//!   `validate()`;
//! - `value_jsonschema`: `serde_json::Value`, then the jsonschema crate's
//!   `is_valid` on the provider's schema (compiled once).
//!
//! In memory (`in_memory/*`): `validate()` on a value already parsed, each
//! contender its own. The contenders are in `common/contenders.rs`.
//!
//! `cargo bench --bench messages`. Criterion runs one contender after
//! another; on a shared machine, take ratios from `cargo bench --bench
//! ratios`, which interleaves them.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};

fn messages(c: &mut Criterion) {
    common::criterion_cases(c, common::contenders::messages());
    common::criterion_cases(c, common::contenders::in_memory());
    common::criterion_cases(c, common::contenders::unions());
}

criterion_group!(benches, messages);
criterion_main!(benches);

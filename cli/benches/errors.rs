//! An invalid message with several violations (Meta: an empty recipient
//! id, 1004 bytes of text, 14 quick replies): collecting every error with
//! its JSON Pointer, against parsing it with no rule checked
//! (`serde_floor`, `value_only`). jsonschema takes its `iter_errors` route,
//! collecting each error's instance path and message; garde and validator
//! build their reports (with paths).
//!
//! `cargo bench --bench errors`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};

fn errors(c: &mut Criterion) {
    common::criterion_cases(c, vec![common::contenders::all_errors()]);
}

criterion_group!(benches, errors);
criterion_main!(benches);

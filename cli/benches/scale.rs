//! Scale: an Infobip send request to 10, 1,000, 100,000 and 1,000,000
//! destinations, from bytes, every contender. Throughput is per
//! destination, so a flat figure across sizes means time grows linearly.
//! (Peak memory: `cargo run --release --example peak_memory`.)
//!
//! `cargo bench --bench scale`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};

fn scale(c: &mut Criterion) {
    let cases = [10, 1_000, 100_000, 1_000_000]
        .into_iter()
        .map(common::contenders::bulk)
        .collect();
    common::criterion_cases(c, cases);
}

criterion_group!(benches, scale);
criterion_main!(benches);

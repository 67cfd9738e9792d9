//! Scale: an Infobip send request to 10, 1,000, 100,000 and 1,000,000
//! destinations, from bytes. Throughput is per destination, so a flat
//! figure across sizes means time grows linearly. (Peak memory:
//! `cargo run --release --example peak_memory`.)
//!
//! `cargo bench --bench scale`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{schema_engine, NOW};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dmforge::runtime::parse::check_slice;
use dmforge::runtime::Context;
use dmforge_contenders::payloads::infobip_bulk;
use dmforge_contenders::{plain, with_garde, with_validator};

fn scale(c: &mut Criterion) {
    let engine = schema_engine("infobip/send_message");
    let mut group = c.benchmark_group("bulk");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for destinations in [10, 1_000, 100_000, 1_000_000] {
        let bytes = infobip_bulk(destinations);
        group.throughput(Throughput::Elements(destinations as u64));
        group.bench_with_input(
            BenchmarkId::new("serde_floor", destinations),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    serde_json::from_slice::<plain::infobip::send_message::SendMessage>(black_box(
                        bytes,
                    ))
                    .expect("parses")
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("dmforge", destinations),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let mut cx = Context::at_time(NOW);
                    check_slice::<dmforge::infobip::send_message::SendMessage>(
                        black_box(bytes),
                        &mut cx,
                    )
                    .expect("JSON");
                    assert!(cx.is_clean());
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("garde", destinations),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let value = serde_json::from_slice::<
                        with_garde::infobip::send_message::SendMessage,
                    >(black_box(bytes))
                    .expect("parses");
                    assert!(garde::Validate::validate(&value).is_ok());
                    value
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("validator", destinations),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let value = serde_json::from_slice::<
                        with_validator::infobip::send_message::SendMessage,
                    >(black_box(bytes))
                    .expect("parses");
                    assert!(validator::Validate::validate(&value).is_ok());
                    value
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("value_jsonschema", destinations),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let value: serde_json::Value =
                        serde_json::from_slice(black_box(bytes)).expect("JSON");
                    assert!(engine.jsonschema().is_valid(&value));
                    value
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);

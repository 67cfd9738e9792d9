//! Parse and validate one typical message per provider, from bytes: the
//! typed engine (generated types, one pass) against `serde_json::Value`
//! alone (a parse with no types and no rules) and `Value` plus the
//! jsonschema crate (the schema alternative, validator compiled once).
//! Also the Infobip bulk request at 100,000 destinations.
//!
//! `cargo bench --bench validate`. Ratios are only meaningful within one
//! run: the machine is shared. (Issue #6 adds the serde floor into the same
//! structs, garde and validator.)

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dmforge::engine::schema::SchemaValidator;
use dmforge::runtime::parse::check_slice;
use dmforge::runtime::Context;
use dmforge::{infobip, meta_graph, registry, webex_connect};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path),
    )
    .expect("fixture")
}

fn bulk(destinations: usize) -> Vec<u8> {
    let list: Vec<String> = (0..destinations)
        .map(|i| format!("{{\"to\":\"{}\"}}", 66_855_538_125u64 + i as u64))
        .collect();
    format!(
        "{{\"messages\":[{{\"sender\":\"S\",\"destinations\":[{}],\"content\":{{\"text\":\"Hello!\",\"type\":\"TEXT\"}}}}]}}",
        list.join(",")
    )
    .into_bytes()
}

type Check = fn(&[u8], &mut Context) -> Result<(), serde_json::Error>;

fn compare(c: &mut Criterion, group_name: &str, id: &str, bytes: &[u8], typed: Check) {
    let now = time::OffsetDateTime::now_utc();
    let bundled = registry::find(id).expect("bundled");
    let schema = SchemaValidator::bundled(bundled, now).expect("compiles");
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_with_input(BenchmarkId::new("typed", id), bytes, |b, bytes| {
        b.iter(|| {
            let mut cx = Context::at_time(now);
            typed(black_box(bytes), &mut cx).expect("JSON");
            assert!(cx.is_clean());
        });
    });
    group.bench_with_input(BenchmarkId::new("value_only", id), bytes, |b, bytes| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(bytes)).expect("JSON"));
    });
    group.bench_with_input(
        BenchmarkId::new("value_jsonschema", id),
        bytes,
        |b, bytes| {
            b.iter(|| {
                let value: serde_json::Value =
                    serde_json::from_slice(black_box(bytes)).expect("JSON");
                assert!(schema.validate(&value).is_empty());
            });
        },
    );
    group.finish();
}

fn messages(c: &mut Criterion) {
    compare(
        c,
        "message",
        "meta_graph/send_message",
        &fixture("meta_graph/send_message/valid/quick_replies_13.json"),
        check_slice::<meta_graph::send_message::SendMessage>,
    );
    compare(
        c,
        "message",
        "webex_connect/send_message",
        &fixture("webex_connect/send_message/valid/doc_template.json"),
        check_slice::<webex_connect::send_message::SendMessage>,
    );
    compare(
        c,
        "message",
        "infobip/send_message",
        &fixture("infobip/send_message/valid/every_field.json"),
        check_slice::<infobip::send_message::SendMessage>,
    );
}

fn scale(c: &mut Criterion) {
    let bytes = bulk(100_000);
    compare(
        c,
        "bulk_100k",
        "infobip/send_message",
        &bytes,
        check_slice::<infobip::send_message::SendMessage>,
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = messages, scale
}
criterion_main!(benches);

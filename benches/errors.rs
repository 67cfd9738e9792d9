//! An invalid message with several violations (Meta: an empty recipient id,
//! 1004 bytes of text, 14 quick replies): collecting every error with its
//! JSON Pointer, against parsing it with no rule checked.
//! - `serde_floor`: serde_json into the same structs, no rule checked;
//! - `dmforge`: one pass, every violation with pointer, rule and message;
//! - `garde`, `validator`: parse, then their error report (with paths);
//! - `value_only`: `serde_json::Value`, no rule checked;
//! - `value_jsonschema`: `Value`, then jsonschema's `iter_errors`, each
//!   error's instance path and message collected.
//!
//! `cargo bench --bench errors`.

mod common;

use std::hint::black_box;

use common::{fixture, schema_engine, NOW};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dmforge::runtime::parse::check_slice;
use dmforge::runtime::Context;
use dmforge_contenders::{plain, with_garde, with_validator};

const FIXTURE: &str = "meta_graph/send_message/invalid/several_violations.json";

fn errors(c: &mut Criterion) {
    let bytes = fixture(FIXTURE);
    let engine = schema_engine("meta_graph/send_message");
    let mut group = c.benchmark_group("all_errors/meta");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("serde_floor", |b| {
        b.iter(|| {
            serde_json::from_slice::<plain::meta_graph::send_message::SendMessage>(black_box(
                &bytes,
            ))
            .expect("parses")
        })
    });
    group.bench_function("dmforge", |b| {
        b.iter(|| {
            let mut cx = Context::at_time(NOW);
            check_slice::<dmforge::meta_graph::send_message::SendMessage>(
                black_box(&bytes),
                &mut cx,
            )
            .expect("JSON");
            let violations = cx.into_violations();
            assert_eq!(violations.len(), 3);
            violations
        })
    });
    group.bench_function("garde", |b| {
        b.iter(|| {
            let value =
                serde_json::from_slice::<with_garde::meta_graph::send_message::SendMessage>(
                    black_box(&bytes),
                )
                .expect("parses");
            let report = garde::Validate::validate(&value).expect_err("invalid");
            assert_eq!(report.iter().count(), 3);
            report
        })
    });
    group.bench_function("validator", |b| {
        b.iter(|| {
            let value = serde_json::from_slice::<
                with_validator::meta_graph::send_message::SendMessage,
            >(black_box(&bytes))
            .expect("parses");
            validator::Validate::validate(&value).expect_err("invalid")
        })
    });
    group.bench_function("value_only", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).expect("JSON"))
    });
    group.bench_function("value_jsonschema", |b| {
        b.iter(|| {
            let value: serde_json::Value = serde_json::from_slice(black_box(&bytes)).expect("JSON");
            let errors: Vec<(String, String)> = engine
                .jsonschema()
                .iter_errors(&value)
                .map(|e| (e.instance_path().as_str().to_owned(), e.to_string()))
                .collect();
            assert_eq!(errors.len(), 3);
            errors
        })
    });
    group.finish();
}

criterion_group!(benches, errors);
criterion_main!(benches);

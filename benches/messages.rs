//! One typical message per provider, from bytes and in memory, against the
//! alternatives (issue #6). From bytes, every contender ends with a typed
//! value (or, for jsonschema, a `Value`) and its verdict:
//! - `serde_floor`: serde_json into the same structs, no rule checked;
//! - `dmforge`: the generated types' one-pass parse and validation;
//! - `garde`, `validator`: the same structs with those derives, parse then
//!   `validate()`;
//! - `value_jsonschema`: `serde_json::Value`, then the jsonschema crate's
//!   `is_valid` on the provider's schema (compiled once).
//!
//! In memory: `validate()` on a value already parsed, each contender its own.
//!
//! `cargo bench --bench messages`. Ratios mean something only within one run.

mod common;

use std::hint::black_box;

use common::{fixture, schema_engine, typed, NOW};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dmforge::runtime::parse::check_slice;
use dmforge::runtime::{Context, Validate as _};
use dmforge_contenders::{plain, with_garde, with_validator};

macro_rules! contenders {
    ($c:expr, $label:literal, $id:literal, $fixture:literal, $root:ident in $provider:ident :: $message:ident) => {{
        let bytes = fixture(concat!($id, "/valid/", $fixture));
        let engine = schema_engine($id);

        let mut group = $c.benchmark_group(concat!("parse_validate/", $label));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("serde_floor", |b| {
            b.iter(|| {
                serde_json::from_slice::<plain::$provider::$message::$root>(black_box(&bytes))
                    .expect("parses")
            })
        });
        group.bench_function("dmforge", |b| {
            b.iter(|| {
                let mut cx = Context::at_time(NOW);
                check_slice::<dmforge::$provider::$message::$root>(black_box(&bytes), &mut cx)
                    .expect("JSON");
                assert!(cx.is_clean());
            })
        });
        group.bench_function("garde", |b| {
            b.iter(|| {
                let value = serde_json::from_slice::<with_garde::$provider::$message::$root>(
                    black_box(&bytes),
                )
                .expect("parses");
                assert!(garde::Validate::validate(&value).is_ok());
                value
            })
        });
        group.bench_function("validator", |b| {
            b.iter(|| {
                let value = serde_json::from_slice::<with_validator::$provider::$message::$root>(
                    black_box(&bytes),
                )
                .expect("parses");
                assert!(validator::Validate::validate(&value).is_ok());
                value
            })
        });
        group.bench_function("value_jsonschema", |b| {
            b.iter(|| {
                let value: serde_json::Value =
                    serde_json::from_slice(black_box(&bytes)).expect("JSON");
                assert!(engine.jsonschema().is_valid(&value));
                value
            })
        });
        group.finish();

        let ours: dmforge::$provider::$message::$root = typed(&bytes);
        let garde_value: with_garde::$provider::$message::$root =
            serde_json::from_slice(&bytes).expect("parses");
        let validator_value: with_validator::$provider::$message::$root =
            serde_json::from_slice(&bytes).expect("parses");
        let json: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let mut group = $c.benchmark_group(concat!("in_memory/", $label));
        group.bench_function("dmforge", |b| {
            b.iter(|| assert!(black_box(&ours).validate_at_time(NOW).is_ok()))
        });
        group.bench_function("garde", |b| {
            b.iter(|| assert!(garde::Validate::validate(black_box(&garde_value)).is_ok()))
        });
        group.bench_function("validator", |b| {
            b.iter(|| assert!(validator::Validate::validate(black_box(&validator_value)).is_ok()))
        });
        group.bench_function("jsonschema", |b| {
            b.iter(|| assert!(engine.jsonschema().is_valid(black_box(&json))))
        });
        group.finish();
    }};
}

fn messages(c: &mut Criterion) {
    contenders!(c, "meta", "meta_graph/send_message", "quick_replies_13.json",
        SendMessage in meta_graph::send_message);
    contenders!(c, "webex", "webex_connect/send_message", "doc_template.json",
        SendMessage in webex_connect::send_message);
    contenders!(c, "infobip", "infobip/send_message", "doc_request.json",
        SendMessage in infobip::send_message);
    contenders!(c, "infobip_every_field", "infobip/send_message", "every_field.json",
        SendMessage in infobip::send_message);
    contenders!(c, "abebot", "abebot/send_text", "doc_sample.json",
        SendText in abebot::send_text);
}

criterion_group!(benches, messages);
criterion_main!(benches);

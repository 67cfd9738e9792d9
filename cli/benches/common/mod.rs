//! What the benchmarks share: fixtures, the fixed "now" of the fixtures,
//! and the compiled schema alternative.

#![allow(dead_code)] // Each bench uses part of this.

pub mod contenders;

use std::path::Path;

use dmforge_cli::engine::schema::SchemaValidator;
use dmforge_cli::registry;
use time::macros::datetime;
use time::OffsetDateTime;

/// The instant the fixtures' dates are written against (tests/fixtures/README.md).
pub const NOW: OffsetDateTime = datetime!(2026-11-23 00:00:00 UTC);

pub fn fixture(path: &str) -> Vec<u8> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(path);
    std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Runs every case through criterion: a group per case, a function per
/// contender, throughput in bytes or destinations.
pub fn criterion_cases(c: &mut criterion::Criterion, cases: Vec<contenders::Case>) {
    for mut case in cases {
        let mut group = c.benchmark_group(&case.name);
        if let Some(elements) = case.elements {
            group.throughput(criterion::Throughput::Elements(elements));
            if elements >= 100_000 {
                group.sample_size(10);
            }
        } else if case.bytes > 0 {
            group.throughput(criterion::Throughput::Bytes(case.bytes as u64));
        }
        for contender in &mut case.contenders {
            group.bench_function(contender.name, |b| b.iter(&mut contender.run));
        }
        group.finish();
    }
}

/// The schema engine for a bundled schema: jsonschema with dmforge's
/// keywords, compiled once.
pub fn schema_engine(id: &str) -> SchemaValidator {
    let bundled = registry::find(id).unwrap_or_else(|| panic!("{id} is not bundled"));
    SchemaValidator::bundled(bundled, NOW)
        .unwrap_or_else(|e| panic!("{id} does not compile: {e:?}"))
}

/// A generated type parsed from bytes, as the typed engine reads it, with
/// the fixtures' "now".
pub fn typed<T: for<'de> dmforge::runtime::parse::Parse<'de>>(bytes: &[u8]) -> T {
    let mut cx = dmforge::runtime::Context::at_time(NOW);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = T::parse(&mut de, &mut cx, &dmforge::runtime::Path::Root).expect("JSON");
    match value {
        Some(value) if cx.is_clean() => value,
        _ => panic!("invalid: {:?}", cx.into_violations()),
    }
}

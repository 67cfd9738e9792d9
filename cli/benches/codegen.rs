//! The generator: every shipped schema read, lowered, emitted and
//! formatted, as `build.rs` runs it; and synthetic schemas of 125 to 2,000
//! definitions, whose time per definition (the throughput) stays flat if
//! generation is linear. (The clean build time of the generated crate is a
//! `cargo build` measurement: see BENCHMARKS.md.)
//!
//! `cargo bench --bench codegen`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dmforge_codegen::{load, render, Builder};
use dmforge_contenders::schemas::with_definitions;

fn shipped(c: &mut Criterion) {
    let mut builder = Builder::new();
    builder
        .schemas(Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas"))
        .emit_rerun_if_changed(false);
    c.bench_function("codegen/shipped_schemas", |b| {
        b.iter(|| builder.generate_string().expect("generates"))
    });
}

fn synthetic(c: &mut Criterion) {
    let mut group = c.benchmark_group("codegen/synthetic");
    group.sample_size(10);
    for definitions in [125, 250, 500, 1_000, 2_000] {
        let text = with_definitions(definitions);
        group.throughput(Throughput::Elements(definitions as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(definitions),
            &text,
            |b, text| {
                b.iter(|| {
                    let module =
                        load::load_text("synthetic/all", "synthetic.schema.json", black_box(text))
                            .expect("loads");
                    render(&[module], "::dmforge_runtime").expect("renders")
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, shipped, synthetic);
criterion_main!(benches);

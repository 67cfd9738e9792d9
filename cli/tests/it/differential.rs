//! Differential property test: random mutations of the valid fixtures (drop
//! a member, grow a string by one byte or one 4-byte character, add or drop
//! an item, change a value's type, add an unknown member, empty a string)
//! must get the same verdict and the same (pointer, rule) set from the typed
//! and the schema engine.
//!
//! Seeded and bounded for `cargo test` (1,000 mutated payloads); a longer
//! run, with another seed (0-255):
//! `DMFORGE_DIFF_CASES=1000000 DMFORGE_DIFF_SEED=42 cargo test --release --test differential`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use dmforge_cli::engine::schema::SchemaValidator;
use dmforge_cli::engine::typed::TypedValidator;
use dmforge_cli::engine::Validator;
use dmforge_cli::mutate::{apply, Mutation};
use dmforge_cli::registry;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::Value;
use time::macros::datetime;

fn mutation() -> impl Strategy<Value = Mutation> {
    (0..Mutation::COUNT).prop_map(Mutation::from_code)
}

fn violations(validator: &Validator, bytes: &[u8]) -> BTreeSet<(String, String)> {
    match validator.check(bytes) {
        Ok(found) => found.into_iter().map(|v| (v.pointer, v.rule)).collect(),
        Err(error) => BTreeSet::from([(error.pointer().to_string(), error.rule().to_string())]),
    }
}

#[test]
fn typed_and_schema_engines_agree_on_mutated_fixtures() {
    let now = datetime!(2026-11-23 00:00 UTC);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut corpus: Vec<(usize, Value)> = Vec::new();
    let mut engines = Vec::new();
    for (index, bundled) in registry::BUNDLED.iter().enumerate() {
        let schema = SchemaValidator::bundled(bundled, now).expect("bundled schema compiles");
        let typed = TypedValidator::find(bundled.id, now).expect("generated");
        engines.push((Validator::Schema(schema), Validator::Typed(typed)));
        let mut files: Vec<_> = fs::read_dir(root.join(bundled.id).join("valid"))
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for file in files {
            // The 13 MB images add nothing here but time.
            if fs::metadata(&file).map(|m| m.len()).unwrap_or(0) > 200_000 {
                continue;
            }
            let value: Value =
                serde_json::from_slice(&fs::read(&file).expect("fixture")).expect("JSON");
            corpus.push((index, value));
        }
    }
    let cases = std::env::var("DMFORGE_DIFF_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let seed: u8 = std::env::var("DMFORGE_DIFF_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(7);
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let strategy = (
        0..corpus.len(),
        prop::collection::vec((any::<usize>(), mutation()), 1..4),
    );
    let result = runner.run(&strategy, |(pick, mutations)| {
        let (engine, original) = &corpus[pick];
        let mut value = original.clone();
        for (choice, m) in &mutations {
            apply(&mut value, *choice, *m);
        }
        let bytes = serde_json::to_vec(&value).expect("serializes");
        let (schema, typed) = &engines[*engine];
        let (by_schema, by_typed) = (violations(schema, &bytes), violations(typed, &bytes));
        let id = registry::BUNDLED[*engine].id;
        prop_assert_eq!(
            &by_schema,
            &by_typed,
            "{}: {}",
            id,
            String::from_utf8_lossy(&bytes)
        );
        // What the typed engine accepts, written back, the schema engine accepts.
        if by_typed.is_empty() {
            let typed_schema = dmforge::SCHEMAS
                .iter()
                .find(|s| s.id == id)
                .expect("generated");
            let again = (typed_schema.reserialize)(&bytes)
                .map_err(|e| TestCaseError::fail(format!("{id}: {e}")))?;
            let again_bytes = serde_json::to_vec(&again).expect("serializes");
            prop_assert!(
                violations(schema, &again_bytes).is_empty(),
                "{}: written back as {}",
                id,
                again
            );
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}

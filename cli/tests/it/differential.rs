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
use dmforge_cli::registry;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{json, Value};
use time::macros::datetime;

/// Every JSON Pointer-like path (as tokens) in `value`.
fn paths(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                prefix.push(key.clone());
                paths(member, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                prefix.push(index.to_string());
                paths(item, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, token| match v {
        Value::Object(m) => m.get_mut(token),
        Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
        _ => None,
    })
}

#[derive(Debug, Clone, Copy)]
enum Mutation {
    Drop,
    GrowAscii,
    GrowEmoji,
    EmptyString,
    AddItem,
    RemoveItem,
    ChangeType(u8),
    AddUnknownMember,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Drop),
        Just(Mutation::GrowAscii),
        Just(Mutation::GrowEmoji),
        Just(Mutation::EmptyString),
        Just(Mutation::AddItem),
        Just(Mutation::RemoveItem),
        (0u8..6).prop_map(Mutation::ChangeType),
        Just(Mutation::AddUnknownMember),
    ]
}

/// Applies `mutation` at the `choice`-th path of `value`.
fn apply(value: &mut Value, choice: usize, mutation: Mutation) {
    let mut all = Vec::new();
    paths(value, &mut Vec::new(), &mut all);
    let path = all[choice % all.len()].clone();
    match mutation {
        Mutation::Drop => {
            if let Some((last, parent)) = path.split_last() {
                match get_mut(value, parent) {
                    Some(Value::Object(m)) => {
                        m.remove(last);
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = last.parse::<usize>() {
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::GrowAscii | Mutation::GrowEmoji | Mutation::EmptyString => {
            if let Some(Value::String(s)) = get_mut(value, &path) {
                match mutation {
                    Mutation::GrowAscii => s.push('a'),
                    Mutation::GrowEmoji => s.push('😀'),
                    _ => s.clear(),
                }
            }
        }
        Mutation::AddItem => {
            if let Some(Value::Array(a)) = get_mut(value, &path) {
                let copy = a.last().cloned().unwrap_or(json!("x"));
                a.push(copy);
            }
        }
        Mutation::RemoveItem => {
            if let Some(Value::Array(a)) = get_mut(value, &path) {
                a.pop();
            }
        }
        Mutation::ChangeType(kind) => {
            if let Some(v) = get_mut(value, &path) {
                *v = [
                    json!(1),
                    json!(1.5),
                    json!("x"),
                    json!(true),
                    Value::Null,
                    json!([]),
                ][kind as usize % 6]
                    .clone();
            }
        }
        Mutation::AddUnknownMember => {
            if let Some(Value::Object(m)) = get_mut(value, &path) {
                m.insert("zz_unknown".into(), json!(1));
            }
        }
    }
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

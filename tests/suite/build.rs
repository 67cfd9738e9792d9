//! Every schema of the JSON Schema Test Suite's draft 2020-12 and draft 7
//! folders (copied into `tests/data/json-schema-test-suite`) goes through
//! the generator, read in its folder's dialect. Schemas it accepts are
//! generated into one module each; their test cases are written beside
//! them, for `tests/suite.rs` to run through the generated types. Schemas
//! it refuses are listed with the generator's reason: refusing is allowed,
//! accepting and then disagreeing with a case is not.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use dmforge_codegen::load::{load_text_with, LoadOptions};
use dmforge_codegen::Dialect;
use serde_json::Value;

/// The folders run, the module each one's schemas go under, and its dialect.
const DRAFTS: &[(&str, &str, Dialect)] = &[
    ("draft2020-12", "d2020", Dialect::Draft202012),
    ("draft7", "d7", Dialect::Draft7),
];

/// Why draft 2020-12's `format.json` is not run: its cases expect formats to
/// be annotations. (Draft 7's only checks that formats ignore values that
/// are not strings, which holds when they are asserted too, so it is run.)
const FORMAT_ASSERTED: &str = "dmforge asserts formats (the format-assertion vocabulary), \
while draft 2020-12's format.json expects them read as annotations; the optional/format files, \
which expect them asserted, are run instead (cli/tests/it/formats.rs)";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/json-schema-test-suite");
    let mut accepted = Vec::new();
    let mut cases = String::from("pub static CASES: &[Case] = &[\n");
    let mut refused = String::from("pub static REFUSED: &[(&str, &str)] = &[\n");
    let mut groups = String::from("pub static GROUPS: &[(&str, usize)] = &[\n");
    // Each accepted schema as the schema engine reads it: its dialect named
    // by `$schema` where the suite leaves it to the folder.
    let mut schemas = String::from("pub static SCHEMA_TEXTS: &[(&str, &str)] = &[\n");
    for (folder, prefix, dialect) in DRAFTS {
        let suite = root.join(folder);
        println!("cargo:rerun-if-changed={}", suite.display());
        let mut files: Vec<_> = fs::read_dir(&suite)
            .map_err(|e| format!("cannot read {}: {e}", suite.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        // The suite's remote references are served from its `remotes/`.
        let mut options = LoadOptions {
            default_dialect: *dialect,
            ..LoadOptions::default()
        };
        options
            .resources
            .prefixes
            .push(("http://localhost:1234/".to_string(), root.join("remotes")));
        let mut count = 0;
        for file in &files {
            let stem = file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            let text = fs::read_to_string(file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let parsed: Value = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not JSON: {e}", file.display()))?;
            for (index, group) in parsed.as_array().into_iter().flatten().enumerate() {
                count += 1;
                let id = format!("{prefix}/{stem}/g{index}");
                if stem == "format" && *dialect == Dialect::Draft202012 {
                    writeln!(refused, "    ({id:?}, {FORMAT_ASSERTED:?}),")?;
                    continue;
                }
                let schema = group["schema"].to_string();
                let description = group["description"].as_str().unwrap_or_default();
                let shown = format!("{folder}/{stem}.json#{index}");
                match load_text_with(&id, &shown, &schema, &options) {
                    // The generator reads an unknown `$schema` as the default
                    // dialect, with a warning; the suite's custom meta-schemas
                    // change what keywords mean, so that guess is not counted.
                    Ok(module) if module.warnings.iter().any(|w| w.pointer == "/$schema") => {
                        let reason = format!(
                            "(a warning taken as a refusal) #{}: {}",
                            module.warnings[0].pointer, module.warnings[0].message
                        );
                        writeln!(refused, "    ({id:?}, {reason:?}),")?;
                    }
                    Ok(module) => {
                        accepted.push(module);
                        let mut dialected = group["schema"].clone();
                        if let (Value::Object(object), Dialect::Draft7) = (&mut dialected, dialect)
                        {
                            object.entry("$schema").or_insert_with(|| {
                                "http://json-schema.org/draft-07/schema#".into()
                            });
                        }
                        writeln!(schemas, "    ({id:?}, {:?}),", dialected.to_string())?;
                        for test in group["tests"].as_array().into_iter().flatten() {
                            let case = format!(
                                "{description}: {}",
                                test["description"].as_str().unwrap_or_default()
                            );
                            writeln!(
                                cases,
                                "    Case {{ id: {id:?}, description: {case:?}, data: {:?}, valid: {} }},",
                                test["data"].to_string(),
                                test["valid"].as_bool().unwrap_or_default()
                            )?;
                        }
                    }
                    Err(errors) => {
                        let reason = errors
                            .first()
                            .map(|e| format!("#{}: {}", e.pointer, e.message))
                            .unwrap_or_default();
                        writeln!(refused, "    ({id:?}, {reason:?}),")?;
                    }
                }
            }
        }
        writeln!(groups, "    ({prefix:?}, {count}),")?;
    }
    cases.push_str("];\n");
    refused.push_str("];\n");
    groups.push_str("];\n");
    schemas.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR")?).to_path_buf();
    fs::write(
        out.join("suite.rs"),
        dmforge_codegen::render(&accepted, "::dmforge_runtime")?,
    )?;
    fs::write(
        out.join("cases.rs"),
        format!("{cases}\n{refused}\n{groups}\n{schemas}"),
    )?;
    Ok(())
}

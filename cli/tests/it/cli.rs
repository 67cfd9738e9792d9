//! The `dmforge` binary as a user runs it: output and exit codes.
//! 0 every file valid; 1 some payload invalid; 2 usage error, unknown schema
//! id, or a file that cannot be read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn dmforge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dmforge"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the dmforge binary runs")
}

fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("exited, not killed by a signal")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const META: &str = "meta_graph/send_message";
const META_VALID: &str = "tests/fixtures/meta_graph/send_message/valid/doc_text.json";
const META_SEVERAL: &str = "tests/fixtures/meta_graph/send_message/invalid/several_violations.json";

/// A scratch file under the target directory, unique to one test.
fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("scratch file");
    path
}

#[test]
fn valid_files_exit_0() {
    let out = dmforge(&["validate", "--engine", "schema", META, META_VALID]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("{META_VALID}: valid (meta_graph/send_message)\n")
    );
}

#[test]
fn invalid_payload_exits_1_with_every_violation_located() {
    let out = dmforge(&["validate", META, META_VALID, META_SEVERAL]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{META_VALID}: valid (meta_graph/send_message)"),
            format!("{META_SEVERAL}:3:5: /recipient/id: 0 characters, at least 1 character required [minLength]"),
            format!("{META_SEVERAL}:6:5: /message/text: 1001 bytes, at most 1000 UTF-8 bytes allowed [maxBytes]"),
            format!("{META_SEVERAL}:7:5: /message/quick_replies: 14 items, at most 13 items allowed [maxItems]"),
            format!("{META_SEVERAL}: invalid, 3 violations (meta_graph/send_message)"),
        ]
    );
}

#[test]
fn malformed_json_is_an_invalid_payload_not_a_usage_error() {
    let file = scratch(
        "malformed.json",
        b"{\n  \"recipient\": {\"id\": \"1\"},\n  \"message\": {\"text\": \"hi\",}\n}",
    );
    let out = dmforge(&["validate", META, file.to_str().expect("utf-8 path")]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains(":3:28: (root): malformed JSON: trailing comma [json]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn hostile_nesting_is_refused_cleanly() {
    let deep = format!(
        "{{\"recipient\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let file = scratch("deep.json", deep.as_bytes());
    let out = dmforge(&["validate", META, file.to_str().expect("utf-8 path")]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("recursion limit exceeded [json]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unknown_schema_id_exits_2_and_lists_the_known_ones() {
    let out = dmforge(&["validate", "meta_graph/send_messages", META_VALID]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("unknown schema id `meta_graph/send_messages`"),
        "{err}"
    );
    assert!(err.contains("webex_connect/send_message"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn unreadable_files_exit_2_and_the_others_are_still_checked() {
    let out = dmforge(&["validate", META, "no/such/file.json", "tests", META_SEVERAL]);
    assert_eq!(code(&out), 2, "a usage error outranks an invalid payload");
    let text = stdout(&out);
    assert!(
        text.contains("no/such/file.json: error: cannot read no/such/file.json"),
        "{text}"
    );
    assert!(text.contains("tests: error: cannot read tests"), "{text}");
    assert!(text.contains("invalid, 3 violations"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["validate", META][..],
        &["validate", "--engine", "nope", META, META_VALID],
        &["validate", "--format", "xml", META, META_VALID],
        &["validate", "--now", "tomorrow", META, META_VALID],
        &["frobnicate"],
        &[],
    ] {
        let out = dmforge(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?} explains itself");
    }
}

#[test]
fn json_format_prints_one_object_per_file() {
    let out = dmforge(&[
        "validate",
        "--format",
        "json",
        META,
        META_VALID,
        META_SEVERAL,
    ]);
    assert_eq!(code(&out), 1);
    let reports: Vec<Value> = stdout(&out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["valid"], true);
    assert_eq!(reports[0]["violations"], serde_json::json!([]));
    assert_eq!(reports[1]["valid"], false);
    assert_eq!(reports[1]["schema"], META);
    let first = &reports[1]["violations"][0];
    assert_eq!(first["pointer"], "/recipient/id");
    assert_eq!(first["rule"], "minLength");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(3), Some(5))
    );
    assert_eq!(reports[1]["violations"].as_array().map(Vec::len), Some(3));
}

#[test]
fn now_fixes_the_instant_date_rules_measure_from() {
    let file =
        "tests/fixtures/infobip/send_message/invalid/send_at_180_days_and_1_second_ahead.json";
    let at = |now: &str| {
        code(&dmforge(&[
            "validate",
            "--now",
            now,
            "infobip/send_message",
            file,
        ]))
    };
    assert_eq!(at("2026-11-23T00:00:00Z"), 1);
    assert_eq!(at("2026-11-23T00:00:01Z"), 0);
}

#[test]
fn schemas_lists_every_bundled_id() {
    let out = dmforge(&["schemas"]);
    assert_eq!(code(&out), 0);
    let ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "abebot/send_image",
            "abebot/send_text",
            "infobip/send_message",
            "infobip/send_response",
            "meta_graph/send_message",
            "webex_connect/send_message"
        ]
    );
}

/// `generate` writes the module tree checked in under
/// `tests/acme-build/src/from_cli/`, which that crate compiles against
/// `dmforge` (with warnings denied in CI) and whose tests use the types: so
/// what the CLI writes is compiled and exercised without a nested build here.
#[test]
fn generate_writes_the_module_tree_that_acme_build_compiles() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("acme-cli");
    let _ = std::fs::remove_dir_all(&out);
    let out_str = out.to_str().expect("utf-8 path");
    let run = dmforge(&[
        "generate",
        "--schemas",
        "tests/acme/schemas",
        "--out",
        out_str,
    ]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert_eq!(stdout(&run), format!("wrote 2 files under {out_str}\n"));
    let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/acme-build/src/from_cli");
    for name in ["mod.rs", "send_note.rs"] {
        let written = std::fs::read_to_string(out.join(name)).expect("written");
        let expected = std::fs::read_to_string(checked_in.join(name)).expect("checked in");
        assert!(
            written == expected,
            "{name} differs from tests/acme-build/src/from_cli/{name}; if the change is intended, run \
             `cargo run -- generate --schemas tests/acme/schemas --out tests/acme-build/src/from_cli`"
        );
    }
}

#[test]
fn generate_refuses_a_bad_schema_with_exit_3_naming_file_pointer_and_position() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-schemas");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(
        dir.join("oops.schema.json"),
        "{\n  \"type\": \"object\",\n  \"properties\": {\"a\": {\"type\": \"integer\", \"multipleOf\": 2}}\n}\n",
    )
    .expect("write schema");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-out");
    let run = dmforge(&[
        "generate",
        "--schemas",
        dir.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&run), 3);
    let err = stderr(&run);
    assert!(
        err.contains(
            "oops.schema.json:3:43: #/properties/a/multipleOf: `multipleOf` is not supported"
        ),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written when a schema is refused");
}

#[test]
fn check_runs_every_conformance_suite_and_prints_a_table() {
    let out = dmforge(&["check"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["schema", "rules", "cases", "passed", "failed"]
    );
    assert_eq!(lines.len(), 7, "{text}");
    for line in &lines[1..] {
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells[3], cells[2], "every case passes: {line}");
        assert_eq!(cells[4], "0", "{line}");
    }
    let cases_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cases");
    let one = dmforge(&[
        "check",
        "--write-cases",
        cases_dir.to_str().expect("utf-8"),
        "abebot/send_text",
    ]);
    assert_eq!(code(&one), 0);
    assert_eq!(stdout(&one).lines().count(), 2);
    let written = std::fs::read_to_string(cases_dir.join("abebot/send_text.cases.json"))
        .expect("cases written");
    let cases: Vec<Value> = serde_json::from_str(&written).expect("a JSON array");
    assert!(
        cases
            .iter()
            .any(|c| c["valid"] == false
                && c["expect"] == serde_json::json!(["/message", "maxLength"])),
        "{written}"
    );
    assert_eq!(code(&dmforge(&["check", "abebot/nope"])), 2);
}

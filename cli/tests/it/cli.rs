//! The `dmforge` binary as a user runs it: output and exit codes.
//! 0 every file valid; 1 some payload invalid; 2 usage error, unknown schema
//! id, or a file that cannot be read; 3 a schema that cannot be used.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn dmforge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dmforge"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the dmforge binary runs")
}

/// The binary with `input` on its standard input.
fn dmforge_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dmforge"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dmforge binary runs");
    let written = child.stdin.take().expect("piped stdin").write_all(input);
    // The binary may finish (refusing its arguments) before reading it all.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("the dmforge binary ends")
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
        format!("{META_VALID}: valid (meta_graph/send_message)\n1 file: 1 valid, 0 invalid, 0 violations\n")
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
            "2 files: 1 valid, 1 invalid, 3 violations".to_string(),
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
    let out = dmforge(&["validate", META, "no/such/file.json", META_SEVERAL]);
    assert_eq!(code(&out), 2, "a usage error outranks an invalid payload");
    let text = stdout(&out);
    assert!(
        text.contains("no/such/file.json: error: cannot read: "),
        "{text}"
    );
    assert!(text.contains("invalid, 3 violations"), "{text}");
    assert!(
        text.ends_with("2 files: 0 valid, 1 invalid, 3 violations, 1 unreadable\n"),
        "{text}"
    );
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
            "abebot/error_response",
            "abebot/send_image",
            "abebot/send_text",
            "infobip/error_response",
            "infobip/send_message",
            "infobip/send_response",
            "meta_graph/error_response",
            "meta_graph/send_message",
            "meta_graph/send_response",
            "webex_connect/error_response",
            "webex_connect/send_message",
            "webex_connect/send_response"
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
    assert_eq!(stdout(&run), format!("wrote 6 files under {out_str}\n"));
    let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/acme-build/src/from_cli");
    for name in [
        "mod.rs",
        "note_created.rs",
        "outline.rs",
        "problem.rs",
        "send_note.rs",
        "set_status.rs",
    ] {
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
        "{\n  \"type\": \"object\",\n  \"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"(?=x)\"}}\n}\n",
    )
    .expect("write schema");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-out");
    let _ = std::fs::remove_dir_all(&out);
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
            "oops.schema.json:3:42: #/properties/a/pattern: pattern does not compile (look-around"
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
    assert_eq!(lines.len(), 13, "{text}");
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

/// `text` with the schema label `from` replaced by `to`.
fn relabel(text: &str, from: &str, to: &str) -> String {
    text.replace(from, to)
}

#[test]
fn a_schema_file_validates_like_its_bundled_id_with_the_same_output_and_codes() {
    let schema = "schemas/meta_graph/send_message.schema.json";
    let by_file = dmforge(&["validate", "--schema", schema, META_VALID, META_SEVERAL]);
    let by_id = dmforge(&[
        "validate",
        "--engine",
        "schema",
        META,
        META_VALID,
        META_SEVERAL,
    ]);
    assert_eq!(code(&by_file), 1, "{}", stderr(&by_file));
    assert_eq!(code(&by_id), 1);
    assert_eq!(
        stdout(&by_file),
        relabel(
            &stdout(&by_id),
            &format!("({META})"),
            &format!("({schema})")
        )
    );
    let valid = dmforge(&["validate", "--schema", schema, META_VALID]);
    assert_eq!(code(&valid), 0, "{}", stderr(&valid));
}

#[test]
fn dynamic_references_are_followed_in_one_resource_and_refused_across_several() {
    let tree = scratch(
        "dynamic_tree.schema.json",
        br##"{"$schema": "https://json-schema.org/draft/2020-12/schema", "$dynamicAnchor": "node",
  "type": "object",
  "properties": {"children": {"type": "array", "items": {"$dynamicRef": "#node"}}, "n": {"type": "integer"}}}"##,
    );
    let payload = scratch(
        "dynamic_tree.json",
        br#"{"n": 1, "children": [{"n": "x"}]}"#,
    );
    let out = dmforge(&[
        "validate",
        "--schema",
        tree.to_str().expect("utf-8"),
        payload.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("/children/0/n: expected an integer, found a string [type]"),
        "{}",
        stdout(&out)
    );
    // Across resources, bundling would merge the scope the reference
    // resolves through: refused, with the reason.
    let list = scratch(
        "dynamic_list.schema.json",
        br##"{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/root", "$ref": "list",
  "$defs": {"foo": {"$dynamicAnchor": "items", "type": "string"},
            "list": {"$id": "list", "type": "array", "items": {"$dynamicRef": "#items"},
                     "$defs": {"items": {"$dynamicAnchor": "items"}}}}}"##,
    );
    let out = dmforge(&[
        "validate",
        "--schema",
        list.to_str().expect("utf-8"),
        payload.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("would change what they resolve to"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_schema_file_with_local_refs_is_used_through_the_schema_engine() {
    let schema = scratch(
        "with_refs.schema.json",
        br##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["to"],
  "properties": {
    "to": {"$ref": "#/$defs/handle"},
    "cc": {"type": "array", "items": {"$ref": "#/$defs/handle"}, "maxItems": 2}
  },
  "$defs": {"handle": {"type": "string", "pattern": "^@", "maxBytes": 8}}
}"##,
    );
    let schema = schema.to_str().expect("utf-8 path");
    let good = scratch("refs_good.json", br#"{"to": "@ada", "cc": ["@bob"]}"#);
    let bad = scratch(
        "refs_bad.json",
        "{\"to\": \"ada\",\n \"cc\": [\"@b\", \"@😀😀\", \"@c\"]}".as_bytes(),
    );
    let out = dmforge(&[
        "validate",
        "--schema",
        schema,
        good.to_str().expect("utf-8"),
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    let bad = bad.display().to_string();
    for line in [
        format!("{bad}:1:2: /to: \"ada\" does not match `^@` [pattern]"),
        format!("{bad}:2:2: /cc: 3 items, at most 2 items allowed [maxItems]"),
        format!("{bad}:2:15: /cc/1: 9 bytes, at most 8 UTF-8 bytes allowed [maxBytes]"),
        "2 files: 1 valid, 1 invalid, 3 violations".to_string(),
    ] {
        assert!(text.contains(&line), "missing {line:?} in\n{text}");
    }
    // The typed engine needs generated types; a schema file has none.
    let typed = dmforge(&["validate", "--engine", "typed", "--schema", schema, &bad]);
    assert_eq!(code(&typed), 2);
    assert!(stderr(&typed).contains("--engine typed needs a bundled schema id"));
}

#[test]
fn a_schema_file_that_cannot_be_used_exits_3_and_one_that_cannot_be_read_exits_2() {
    let broken = scratch(
        "broken.schema.json",
        b"{\n  \"type\": \"object\",\n  \"properties\": {\"a\": {\"$ref\": \"#/$defs/gone\"}}\n}",
    );
    let out = dmforge(&[
        "validate",
        "--schema",
        broken.to_str().expect("utf-8"),
        META_VALID,
    ]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "{}:3:24: #/properties/a/$ref: $ref `#/$defs/gone` points to nothing",
            broken.display()
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
    let missing = dmforge(&["validate", "--schema", "no/such.schema.json", META_VALID]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot read no/such.schema.json"));
}

#[test]
fn a_dash_reads_standard_input() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(META_SEVERAL),
    )
    .expect("fixture");
    let out = dmforge_stdin(&["validate", META, "-", META_VALID], &bytes);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "<stdin>:3:5: /recipient/id: 0 characters, at least 1 character required [minLength]\n"
        ),
        "{text}"
    );
    assert!(text.contains("<stdin>: invalid, 3 violations (meta_graph/send_message)\n"));
    assert!(
        text.ends_with("2 files: 1 valid, 1 invalid, 3 violations\n"),
        "{text}"
    );
    let schema = dmforge_stdin(
        &[
            "validate",
            "--schema",
            "schemas/meta_graph/send_message.schema.json",
            "-",
        ],
        &bytes,
    );
    assert_eq!(code(&schema), 1);
    assert!(stdout(&schema).starts_with("<stdin>:3:5: /recipient/id:"));
    let twice = dmforge_stdin(&["validate", META, "-", "-"], &bytes);
    assert_eq!(code(&twice), 2);
}

/// A folder of payloads: `dir/a.json` valid, `dir/b/c.json` invalid,
/// `dir/b/skip.txt` not JSON by name.
fn payload_folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("b")).expect("scratch folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(root.join(META_VALID), dir.join("a.json")).expect("copy");
    std::fs::copy(root.join(META_SEVERAL), dir.join("b/c.json")).expect("copy");
    std::fs::write(dir.join("b/skip.txt"), "not a payload").expect("write");
    dir
}

#[test]
fn a_folder_stands_for_every_json_file_under_it() {
    let dir = payload_folder("folder-payloads");
    let out = dmforge(&["validate", META, dir.to_str().expect("utf-8")]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    let a = dir.join("a.json").display().to_string();
    let c = dir.join("b").join("c.json").display().to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some(format!("{a}: valid ({META})").as_str())
    );
    assert!(
        lines[1].starts_with(&format!("{c}:3:5: /recipient/id:")),
        "{text}"
    );
    assert!(!text.contains("skip.txt"), "{text}");
    assert_eq!(
        lines.last().copied(),
        Some("2 files: 1 valid, 1 invalid, 3 violations")
    );
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("folder-empty");
    std::fs::create_dir_all(&empty).expect("folder");
    let none = dmforge(&["validate", META, empty.to_str().expect("utf-8")]);
    assert_eq!(code(&none), 2, "a folder with no payloads is a usage error");
}

#[test]
fn quiet_prints_only_invalid_files_and_the_summary() {
    let out = dmforge(&[
        "validate",
        "--quiet",
        META,
        META_VALID,
        META_SEVERAL,
        META_VALID,
    ]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(!text.contains("valid (meta"), "{text}");
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(
        text.ends_with("3 files: 2 valid, 1 invalid, 3 violations\n"),
        "{text}"
    );
    let all_valid = dmforge(&["validate", "-q", META, META_VALID]);
    assert_eq!(code(&all_valid), 0);
    assert_eq!(
        stdout(&all_valid),
        "1 file: 1 valid, 0 invalid, 0 violations\n"
    );
}

#[test]
fn many_files_are_reported_in_argument_order() {
    // Invalid files take longer than valid ones; checked in parallel, they
    // would finish out of order. The output must not.
    let mut args = vec!["validate", "--quiet", META];
    let files: Vec<String> = (0..400)
        .map(|i| if i % 3 == 0 { META_SEVERAL } else { META_VALID }.to_string())
        .collect();
    args.extend(files.iter().map(String::as_str));
    let numbered: Vec<PathBuf> = (0..40)
        .map(|i| {
            let text = format!(r#"{{"recipient": {{"id": "{i}"}}, "message": {{"text": ""}}}}"#);
            scratch(&format!("order_{i:02}.json"), text.as_bytes())
        })
        .collect();
    let numbered_args: Vec<String> = numbered
        .iter()
        .rev()
        .map(|p| p.display().to_string())
        .collect();
    args.extend(numbered_args.iter().map(String::as_str));
    let out = dmforge(&args);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let reported: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split_once(": invalid").map(|(file, _)| file))
        .filter(|file| file.contains("order_"))
        .collect();
    assert_eq!(reported, numbered_args, "out of argument order");
    assert!(
        text.ends_with("440 files: 266 valid, 174 invalid, 442 violations\n"),
        "{}",
        text.lines().last().unwrap_or_default()
    );
}

#[test]
fn no_progress_bar_in_a_pipe_or_under_ci_but_one_on_a_terminal() {
    // Enough files that the run outlasts the watcher's first look.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("progress-payloads");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let valid = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(META_VALID);
    for i in 0..1000 {
        std::fs::copy(&valid, dir.join(format!("{i:04}.json"))).expect("copy");
    }
    let dir = dir.to_str().expect("utf-8");
    // Piped standard error, no delay: nothing may be written there.
    let piped = Command::new(env!("CARGO_BIN_EXE_dmforge"))
        .args(["validate", META, dir])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .env("DMFORGE_PROGRESS_DELAY_MS", "0")
        .env_remove("CI")
        .output()
        .expect("runs");
    assert_eq!(code(&piped), 0);
    assert_eq!(stderr(&piped), "");
    // On a terminal: script(1), from util-linux (on every Debian and Ubuntu
    // machine), gives the command a pseudo-terminal.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("script(1) is not installed: the terminal half of this test cannot run here");
        return;
    }
    let on_terminal = |ci: bool| {
        let mut command = Command::new("script");
        command
            .args([
                "-qec",
                &format!("{} validate {META} {dir}", env!("CARGO_BIN_EXE_dmforge")),
                "/dev/null",
            ])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .env("DMFORGE_PROGRESS_DELAY_MS", "0");
        if ci {
            command.env("CI", "true");
        } else {
            command.env_remove("CI");
        }
        let out = command.output().expect("script(1) runs");
        stdout(&out)
    };
    let shown = on_terminal(false);
    assert!(
        shown.contains("/1000 files,"),
        "no progress bar on a terminal:\n{}",
        shown.lines().take(3).collect::<Vec<_>>().join("\n")
    );
    let under_ci = on_terminal(true);
    assert!(!under_ci.contains("files,"), "a progress bar under CI");
    assert!(under_ci.contains("1000 files: 1000 valid, 0 invalid, 0 violations"));
}

#[test]
fn a_schema_file_decides_the_top_level_type() {
    let schema = scratch(
        "list.schema.json",
        br#"{"type": "array", "maxItems": 1, "items": {"type": "integer"}}"#,
    );
    let one = scratch("list_one.json", b"[1]");
    let two = scratch("list_two.json", b"[1,\n \"x\"]");
    let out = dmforge(&[
        "validate",
        "--schema",
        schema.to_str().expect("utf-8"),
        one.to_str().expect("utf-8"),
        two.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    let two = two.display().to_string();
    assert!(
        text.contains(&format!(
            "{two}:1:1: (root): 2 items, at most 1 item allowed [maxItems]"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{two}:2:2: /1: expected an integer, found a string [type]"
        )),
        "{text}"
    );
    assert!(
        text.ends_with("2 files: 1 valid, 1 invalid, 2 violations\n"),
        "{text}"
    );
}

#[test]
fn sarif_has_one_result_per_violation_with_rule_message_and_region() {
    let out = dmforge(&[
        "validate",
        "--format",
        "sarif",
        META,
        META_VALID,
        META_SEVERAL,
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let log: Value = serde_json::from_str(&stdout(&out)).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .is_some_and(|s| s.contains("sarif-schema-2.1.0")));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "dmforge");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(rules, ["maxBytes", "maxItems", "minLength"]);
    let text = &results[1];
    assert_eq!(text["ruleId"], "maxBytes");
    assert_eq!(
        rules[text["ruleIndex"].as_u64().expect("index") as usize],
        "maxBytes"
    );
    assert_eq!(text["level"], "error");
    assert_eq!(
        text["message"]["text"],
        "/message/text: 1001 bytes, at most 1000 UTF-8 bytes allowed"
    );
    let location = &text["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], META_SEVERAL);
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .is_some_and(|root| root.starts_with("file:///") && root.ends_with('/')));
    assert_eq!(
        text["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/message/text"
    );
    assert_eq!(location["region"]["startLine"], 6);
    assert_eq!(location["region"]["startColumn"], 5);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let unreadable = dmforge(&["validate", "--format", "sarif", META, "no/such.json"]);
    assert_eq!(code(&unreadable), 2);
    let log: Value = serde_json::from_str(&stdout(&unreadable)).expect("SARIF is JSON");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"],
        "no/such.json"
    );
}

#[test]
fn validate_help_lists_the_exit_codes() {
    let out = dmforge(&["validate", "--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    for line in [
        "Exit codes:",
        "  0  every file is valid",
        "  1  some file is an invalid payload",
        "  2  usage error",
        "  3  the schema cannot be used",
    ] {
        assert!(help.contains(line), "{line:?} missing from\n{help}");
    }
    assert!(
        help.contains("--schema <PATH>") && help.contains("--quiet"),
        "{help}"
    );
}

#[test]
fn generate_on_a_missing_folder_exits_2() {
    let out = dmforge(&["generate", "--schemas", "no/such/folder", "--out", "unused"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("no/such/folder"), "{}", stderr(&out));
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../unused")
        .exists());
}

#[test]
fn unknown_keywords_warn_and_generation_goes_on_unless_strict() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lenient-schemas");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(
        dir.join("note.schema.json"),
        "{\"type\": \"object\",\n \"x-owner\": \"team\",\n \"properties\": {\"a\": {\"type\": \"string\", \"maxChars\": 3}}}",
    )
    .expect("schema");
    let dir_str = dir.to_str().expect("utf-8");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lenient-out");
    let out_str = out.to_str().expect("utf-8");
    let lenient = dmforge(&["generate", "--schemas", dir_str, "--out", out_str]);
    assert_eq!(code(&lenient), 0, "{}", stderr(&lenient));
    let warning = format!(
        "warning: {}:3:41: #/properties/a/maxChars: unknown keyword `maxChars` is read as an annotation",
        dir.join("note.schema.json").display()
    );
    assert!(
        stderr(&lenient).starts_with(&warning),
        "{}",
        stderr(&lenient)
    );
    assert_eq!(
        stderr(&lenient).lines().count(),
        1,
        "x-owner is read past silently"
    );
    let strict = dmforge(&[
        "generate",
        "--strict",
        "--schemas",
        dir_str,
        "--out",
        out_str,
    ]);
    assert_eq!(code(&strict), 3, "{}", stderr(&strict));
    assert!(
        stderr(&strict).contains("error:") && stderr(&strict).contains("#/properties/a/maxChars")
    );
    // Validating against the schema file: the same warning, and the payload is checked.
    let payload = scratch("lenient_payload.json", br#"{"a": "long enough"}"#);
    let file = dir.join("note.schema.json");
    let checked = dmforge(&[
        "validate",
        "--schema",
        file.to_str().expect("utf-8"),
        payload.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&checked), 0, "{}", stderr(&checked));
    assert!(stderr(&checked).contains("warning:") && stderr(&checked).contains("maxChars"));
    // A misspelt rule is an error, with the keyword it was meant to be.
    std::fs::write(
        dir.join("note.schema.json"),
        r#"{"type": "object", "properties": {"a": {"type": "string", "maxLenght": 3}}}"#,
    )
    .expect("schema");
    let typo = dmforge(&["generate", "--schemas", dir_str, "--out", out_str]);
    assert_eq!(code(&typo), 3);
    assert!(
        stderr(&typo).contains("did you mean `maxLength`?"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn a_draft_7_schema_file_is_validated_in_draft_7() {
    let schema = scratch(
        "draft7.schema.json",
        br##"{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": {
    "to": {"$ref": "#/definitions/handle"},
    "cc": {"type": "string"},
    "n": {"type": "integer", "exclusiveMinimum": 0}
  },
  "dependencies": {"cc": ["to"]},
  "definitions": {"handle": {"type": "string", "maxLength": 4}}
}"##,
    );
    let payload = scratch("draft7_payload.json", b"{\"cc\": \"x\",\n \"n\": 0}");
    let out = dmforge(&[
        "validate",
        "--schema",
        schema.to_str().expect("utf-8"),
        payload.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no warning: every keyword is draft 7's");
    let text = stdout(&out);
    let payload = payload.display().to_string();
    for line in [
        format!(
            "{payload}:1:1: (root): `cc` is present, so `to` is required too [dependentRequired]"
        ),
        format!("{payload}:2:2: /n: 0 is not greater than 0 [exclusiveMinimum]"),
    ] {
        assert!(text.contains(&line), "missing {line:?} in\n{text}");
    }
    let long = scratch("draft7_long.json", br#"{"to": "longer"}"#);
    let out = dmforge(&[
        "validate",
        "--schema",
        schema.to_str().expect("utf-8"),
        long.to_str().expect("utf-8"),
    ]);
    assert!(
        stdout(&out).contains("/to: 6 characters, at most 4 characters allowed [maxLength]"),
        "{}",
        stdout(&out)
    );
}

/// `generate --openapi` reads a published OpenAPI document (here LINE's, in
/// YAML) into a module with a type per schema and per operation body.
#[test]
fn generate_reads_an_openapi_document_into_types_per_operation() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("openapi-line");
    let _ = std::fs::remove_dir_all(&out);
    let run = dmforge(&[
        "generate",
        "--openapi",
        "line=tests/data/provider-specs/line/openapi.yaml",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let code_written = std::fs::read_to_string(out.join("line.rs")).expect("line.rs written");
    assert!(
        code_written.contains("pub struct PushMessageRequest"),
        "no request type"
    );
    let table = std::fs::read_to_string(out.join("mod.rs")).expect("mod.rs written");
    assert!(
        table.contains("id: \"line/push_message_request\""),
        "{table}"
    );

    // Not OpenAPI 3: refused, naming the file and why (exit 3).
    let swagger = Path::new(env!("CARGO_TARGET_TMPDIR")).join("swagger.json");
    std::fs::write(&swagger, r#"{"swagger": "2.0", "paths": {}}"#).expect("write");
    let run = dmforge(&[
        "generate",
        "--openapi",
        swagger.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&run), 3);
    assert!(
        stderr(&run).contains("#/swagger: Swagger 2.0 is not read"),
        "{}",
        stderr(&run)
    );
    // A file that is not there is the invocation's fault (exit 2).
    let run = dmforge(&[
        "generate",
        "--openapi",
        "no/such.yaml",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    // Neither --schemas nor --openapi: a usage error.
    let run = dmforge(&["generate", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(code(&run), 2, "{}", stderr(&run));
}

/// `generate --resource URI=DIR` serves the documents a `$ref` names under
/// a URI prefix; without it such a reference is refused (exit 3).
#[test]
fn generate_serves_referenced_documents_from_a_resource_folder() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("resource-cli");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("schemas")).expect("scratch");
    std::fs::create_dir_all(root.join("vendor")).expect("scratch");
    std::fs::write(
        root.join("schemas/note.schema.json"),
        r#"{"type": "object", "properties": {"site": {"$ref": "https://example.com/schemas/site.json"}}}"#,
    )
    .expect("write");
    std::fs::write(
        root.join("vendor/site.json"),
        r#"{"type": "string", "maxLength": 9}"#,
    )
    .expect("write");
    let path = |p: &str| root.join(p).to_str().expect("utf-8").to_string();
    let (schemas, out) = (path("schemas"), path("out"));
    let resource = format!("https://example.com/schemas/={}", path("vendor"));
    let run = dmforge(&[
        "generate",
        "--schemas",
        &schemas,
        "--resource",
        &resource,
        "--out",
        &out,
    ]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let written = std::fs::read_to_string(root.join("out/note.rs")).expect("note.rs");
    assert!(
        written.contains("__rt::check::max_length(cx, &at, text, 9u64);"),
        "{written}"
    );
    let run = dmforge(&["generate", "--schemas", &schemas, "--out", &out]);
    assert_eq!(code(&run), 3);
    assert!(
        stderr(&run).contains("no resource prefix maps it"),
        "{}",
        stderr(&run)
    );
    let run = dmforge(&[
        "generate",
        "--schemas",
        &schemas,
        "--resource",
        "nodir",
        "--out",
        &out,
    ]);
    assert_eq!(code(&run), 2, "{}", stderr(&run));

    // The schema engine resolves the same references the same way.
    std::fs::write(root.join("long.json"), r#"{"site": "example.org/x"}"#).expect("write");
    let note = path("schemas/note.schema.json");
    let payload = path("long.json");
    let run = dmforge(&[
        "validate",
        "--schema",
        &note,
        "--resource",
        &resource,
        &payload,
    ]);
    assert_eq!(code(&run), 1, "{}{}", stdout(&run), stderr(&run));
    assert!(
        stdout(&run).contains("/site: 13 characters, at most 9 characters allowed [maxLength]"),
        "{}",
        stdout(&run)
    );
    let run = dmforge(&["validate", "--schema", &note, &payload]);
    assert_eq!(code(&run), 3, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("no resource prefix maps it"),
        "{}",
        stderr(&run)
    );
}

//! Hostile input: each gets a clear error and its exit code, in bounded
//! time and memory, with both engines; never a panic, an abort or a hang.
//! Memory stays proportional to the input: the typed engine holds the bytes
//! and the value being built (a 50 MB string is copied once); the schema
//! engine also holds a `serde_json::Value` of the payload.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("scratch file");
    path
}

fn run(engine: &str, schema: &str, file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dmforge"))
        .args(["validate", "--engine", engine, "--format", "json", schema])
        .arg(file)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("dmforge runs")
}

/// Runs both engines; both must exit with `code` and report `rule` at
/// `pointer` (when given). Returns the typed engine's report.
fn both(
    name: &str,
    schema: &str,
    contents: &[u8],
    code: i32,
    expected: Option<(&str, &str)>,
) -> serde_json::Value {
    let file = scratch(name, contents);
    let mut reports = Vec::new();
    for engine in ["typed", "schema"] {
        let out = run(engine, schema, &file);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{name} with {engine}: {stderr}"
        );
        assert!(
            !stderr.contains("panicked"),
            "{name} with {engine} panicked: {stderr}"
        );
        let report: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("one JSON report");
        if let Some((pointer, rule)) = expected {
            let found = report["violations"]
                .as_array()
                .expect("violations")
                .iter()
                .any(|v| v["pointer"] == pointer && v["rule"] == rule);
            assert!(
                found,
                "{name} with {engine}: no {rule} at {pointer:?} in {report}"
            );
        }
        assert!(
            out.stdout.len() < 4096,
            "{name} with {engine}: the report echoes the input ({} bytes)",
            out.stdout.len()
        );
        reports.push(report);
    }
    reports.swap_remove(0)
}

const META: &str = "meta_graph/send_message";

#[test]
fn deep_nesting() {
    let deep = format!(
        "{{\"recipient\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    both("deep.json", META, deep.as_bytes(), 1, Some(("", "json")));
    // Text kept to be read later (an attachment's payload, read once its
    // `type` is known) counts its nesting from the document's root, as the
    // reader does: the payload is read with 3 containers open, so 124 more
    // are allowed and 125 are not.
    for (depth, refused) in [(124, false), (125, true)] {
        let deep = format!(
            r#"{{"recipient": {{"id": "1"}}, "message": {{"attachment": {{"type": "image", "payload": {}{}}}}}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let expected = if refused {
            ("", "json")
        } else {
            ("/message/attachment/payload", "type")
        };
        both(
            "deep-payload.json",
            META,
            deep.as_bytes(),
            1,
            Some(expected),
        );
    }
    // A free-form object (Infobip's `details`) is read as text first too:
    // it has 4 containers open, so 123 more are allowed and 124 are not.
    for (depth, refused) in [(123, false), (124, true)] {
        let deep = format!(
            r#"{{"bulkId": "b", "messages": [{{"messageId": "m", "status": {{"groupId": 0, "groupName": "ACCEPTED", "id": 0, "name": "s", "description": "s"}}, "destination": "d", "details": {{"x": {}{}}}}}]}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let expected = refused.then_some(("", "json"));
        both(
            "deep-details.json",
            "infobip/send_response",
            deep.as_bytes(),
            i32::from(refused),
            expected,
        );
    }
}

#[test]
fn a_50_mb_string_is_reported_by_size_not_echoed() {
    let text = format!(
        "{{\"recipient\": {{\"id\": \"1\"}}, \"message\": {{\"text\": \"{}\"}}}}",
        "a".repeat(50_000_000)
    );
    let report = both(
        "huge-string.json",
        META,
        text.as_bytes(),
        1,
        Some(("/message/text", "maxBytes")),
    );
    let message = report["violations"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(message, "50000000 bytes, at most 1000 UTF-8 bytes allowed");
}

#[test]
fn a_million_items() {
    let replies =
        vec![r#"{"content_type": "text", "title": "t", "payload": "p"}"#; 1_000_000].join(",");
    let text = format!("{{\"recipient\": {{\"id\": \"1\"}}, \"message\": {{\"text\": \"hi\", \"quick_replies\": [{replies}]}}}}");
    let report = both(
        "million.json",
        META,
        text.as_bytes(),
        1,
        Some(("/message/quick_replies", "maxItems")),
    );
    assert_eq!(
        report["violations"][0]["message"],
        "1000000 items, at most 13 items allowed"
    );
}

#[test]
fn malformed_text_of_every_kind() {
    let cases: [(&str, &[u8]); 12] = [
        ("invalid-utf8.json", b"{\"recipient\": {\"id\": \"\xff\"}}"),
        ("lone-surrogate.json", br#"{"recipient": {"id": "\ud800"}}"#),
        (
            "nan.json",
            br#"{"recipient": {"id": "1"}, "message": {"text": NaN}}"#,
        ),
        (
            "exponent.json",
            br#"{"recipient": {"id": "1"}, "x": 1e400}"#,
        ),
        ("empty.json", b""),
        ("whitespace.json", b"  \n "),
        ("truncated.json", br#"{"recipient": {"id": "1"#),
        ("trailing.json", br#"{"recipient": {"id": "1"}} garbage"#),
        ("two-values.json", br#"{"recipient": {"id": "1"}} {}"#),
        (
            "comment.json",
            b"{\"recipient\": {\"id\": \"1\"} // note\n}",
        ),
        ("single-quotes.json", b"{'recipient': {}}"),
        (
            "control-char.json",
            b"{\"recipient\": {\"id\": \"a\x01b\"}}",
        ),
    ];
    for (name, bytes) in cases {
        both(name, META, bytes, 1, Some(("", "json")));
    }
}

#[test]
fn big_numbers() {
    // Beyond 64 bits. abebot's ids are PHP integers, so its schema bounds
    // them at 2^63 - 1 and both engines refuse more with `maximum`, however
    // large (rules::integer: one meaning of `integer` for both engines).
    for (name, number) in [
        ("big-int.json", "123456789012345678901234567890"),
        ("two-to-64.json", "18446744073709551616"),
        ("huge.json", "1e400"),
    ] {
        let text = format!(r#"{{"user_id": {number}, "message": "hi"}}"#);
        if number == "1e400" {
            // Beyond f64 altogether: serde_json refuses it as JSON.
            both(
                name,
                "abebot/send_text",
                text.as_bytes(),
                1,
                Some(("", "json")),
            );
        } else {
            both(
                name,
                "abebot/send_text",
                text.as_bytes(),
                1,
                Some(("/user_id", "maximum")),
            );
        }
    }
    // A number beyond f64 inside text kept to be read later (an
    // attachment's payload, before or after its `type`) is refused as
    // malformed too: its reader once dropped the error and the payload
    // passed.
    for payload in [
        r#"{"recipient": {"id": "1"}, "message": {"attachment": {"type": "image", "payload": {"url": "https://example.com/a.gif", "is_reusable": 1e400}}}}"#,
        r#"{"recipient": {"id": "1"}, "message": {"attachment": {"payload": {"url": "https://example.com/a.gif", "is_reusable": 1e400}, "type": "image"}}}"#,
    ] {
        both(
            "huge-in-payload.json",
            META,
            payload.as_bytes(),
            1,
            Some(("", "json")),
        );
    }
    let negative = br#"{"user_id": -18446744073709551617, "message": "hi"}"#;
    both(
        "big-negative.json",
        "abebot/send_text",
        negative,
        1,
        Some(("/user_id", "minimum")),
    );
}

#[test]
fn structure_errors() {
    both(
        "dup.json",
        META,
        br#"{"recipient": {"id": "1", "id": "2"}}"#,
        1,
        Some(("/recipient/id", "duplicateKey")),
    );
    both(
        "dup-unknown.json",
        META,
        br#"{"x": {"a": 1, "a": 2}}"#,
        1,
        Some(("/x/a", "duplicateKey")),
    );
    both(
        "bom.json",
        META,
        b"\xEF\xBB\xBF{}",
        1,
        Some(("", "byteOrderMark")),
    );
    for (name, text) in [
        ("array.json", "[]"),
        ("string.json", "\"x\""),
        ("null.json", "null"),
        ("number.json", "12"),
    ] {
        both(name, META, text.as_bytes(), 1, Some(("", "type")));
    }
}

#[test]
fn files_and_ids_that_do_not_work_are_usage_errors() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile/does-not-exist.json");
    // A folder stands for its `*.json` files; one with none is a usage error.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile/no-payloads");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for engine in ["typed", "schema"] {
        for file in [&missing, &dir] {
            let out = run(engine, META, file);
            assert_eq!(out.status.code(), Some(2), "{engine} {}", file.display());
        }
        let out = run(engine, "meta_graph/nope", &missing);
        assert_eq!(out.status.code(), Some(2));
    }
}

//! Reading a payload: strict JSON into a `serde_json::Value`.
//!
//! Stricter than `serde_json::from_slice` in the ways that matter when two
//! systems must read a payload the same way: a duplicate object key is an
//! error (parsers disagree on which copy wins), a byte-order mark is an error
//! (RFC 8259 §8.1 forbids sending one), and the top level must be an object.
//! Nesting is bounded by serde_json's recursion limit (128), so hostile depth
//! is an error, not a stack overflow.

use std::fmt;

use dmforge_runtime::parse::Parse;
use dmforge_runtime::pointer;
use dmforge_runtime::{Context, Path as RuntimePath};
use serde_json::Value;

use dmforge_runtime::position::{Position, TextIndex};

/// Why a payload is not an acceptable JSON object. Every variant is an
/// invalid payload (exit code 1), never a usage error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayloadError {
    /// Not well-formed JSON: syntax, invalid UTF-8, lone surrogate escapes,
    /// numbers out of range, nesting deeper than 128, trailing characters.
    Syntax { position: Position, message: String },
    /// The same key twice in one object.
    DuplicateKey { pointer: String, position: Position },
    /// The file starts with a UTF-8 byte-order mark.
    ByteOrderMark,
    /// The top-level value is not an object.
    NotAnObject { found: &'static str },
}

impl PayloadError {
    /// The rule name reported for this error, in the same namespace as schema keywords.
    #[must_use]
    pub fn rule(&self) -> &'static str {
        match self {
            PayloadError::Syntax { .. } => "json",
            PayloadError::DuplicateKey { .. } => "duplicateKey",
            PayloadError::ByteOrderMark => "byteOrderMark",
            PayloadError::NotAnObject { .. } => "type",
        }
    }

    /// JSON Pointer of the offending value, where one is known.
    #[must_use]
    pub fn pointer(&self) -> &str {
        match self {
            PayloadError::DuplicateKey { pointer, .. } => pointer,
            _ => "",
        }
    }

    /// Line and column in the file, where known.
    #[must_use]
    pub fn position(&self) -> Position {
        match self {
            PayloadError::Syntax { position, .. } | PayloadError::DuplicateKey { position, .. } => {
                *position
            }
            PayloadError::ByteOrderMark | PayloadError::NotAnObject { .. } => Position::START,
        }
    }
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayloadError::Syntax { message, .. } => write!(f, "malformed JSON: {message}"),
            PayloadError::DuplicateKey { pointer, .. } => {
                let key = pointer::tokens(pointer)
                    .and_then(|mut t| t.pop())
                    .unwrap_or_default();
                write!(
                    f,
                    "duplicate key `{key}`: every key may appear once per object"
                )
            }
            PayloadError::ByteOrderMark => f.write_str(
                "starts with a byte-order mark, which JSON text must not (RFC 8259 §8.1)",
            ),
            PayloadError::NotAnObject { found } => f.write_str(
                &dmforge_runtime::describe::type_mismatch("an object", found),
            ),
        }
    }
}

impl std::error::Error for PayloadError {}

/// The UTF-8 byte-order mark, which JSON text must not start with.
pub const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Parses `bytes` as one strict JSON object: a provider's request body.
pub fn parse(bytes: &[u8]) -> Result<Value, PayloadError> {
    match parse_document(bytes)? {
        value @ Value::Object(_) => Ok(value),
        other => Err(PayloadError::NotAnObject {
            found: kind_of(&other),
        }),
    }
}

/// Parses `bytes` as one strict JSON value of any type (for a schema file
/// given with `--schema`, whose top level may be anything).
pub fn parse_document(bytes: &[u8]) -> Result<Value, PayloadError> {
    if bytes.starts_with(BYTE_ORDER_MARK) {
        return Err(PayloadError::ByteOrderMark);
    }
    // The runtime's strict reader: one pass, a duplicate key anywhere
    // recorded with its pointer.
    let mut cx = Context::now();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed = <Value as Parse>::parse(&mut deserializer, &mut cx, &RuntimePath::Root)
        .and_then(|value| deserializer.end().map(|()| value.unwrap_or(Value::Null)));
    let value = parsed.map_err(|error| {
        let position = TextIndex::new(bytes).from_serde(error.line(), error.column());
        match cx.duplicate_key() {
            Some(pointer) => PayloadError::DuplicateKey {
                pointer: pointer.to_string(),
                position,
            },
            None => PayloadError::Syntax {
                position,
                message: strip_position(&error.to_string()),
            },
        }
    })?;
    Ok(value)
}

/// The JSON type of a value, with its article, for messages (one wording
/// for both engines).
pub use dmforge_runtime::value_schema::kind_of;

/// serde_json appends " at line L column C"; dmforge reports positions itself.
#[must_use]
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> PayloadError {
        parse(text.as_bytes()).expect_err("payload must be refused")
    }

    #[test]
    fn parses_an_object() {
        let value = parse(br#"{"a": [1, {"b": "c"}]}"#).expect("valid payload");
        assert_eq!(value["a"][1]["b"], "c");
    }

    #[test]
    fn duplicate_keys_are_refused_with_their_pointer() {
        let e = error("{\"a\": {\"x\": 1,\n \"x\": 2}}");
        assert_eq!(e.pointer(), "/a/x");
        assert_eq!(e.rule(), "duplicateKey");
        assert_eq!(e.position().line, 2);
        assert!(e.to_string().contains("duplicate key `x`"), "{e}");
        assert_eq!(
            error(r#"{"l": [{"k~/": 1, "k~/": 2}]}"#).pointer(),
            "/l/0/k~0~1"
        );
    }

    #[test]
    fn byte_order_mark_is_refused() {
        assert_eq!(error("\u{feff}{}"), PayloadError::ByteOrderMark);
    }

    #[test]
    fn top_level_must_be_an_object() {
        assert_eq!(
            error("[1]"),
            PayloadError::NotAnObject { found: "an array" }
        );
        assert_eq!(
            error("\"s\""),
            PayloadError::NotAnObject { found: "a string" }
        );
        assert_eq!(error("null"), PayloadError::NotAnObject { found: "null" });
    }

    #[test]
    fn malformed_json_reports_position_without_echoing() {
        let e = error("{\n  \"a\": x\n}");
        assert_eq!(e.rule(), "json");
        assert_eq!(e.position().line, 2);
        assert!(!e.to_string().contains("line"), "{e}");
        for bad in [
            "",
            "{",
            "{} x",
            "{\"a\": 1e400}",
            "{\"a\": \"\\ud800\"}",
            "{\"a\": NaN}",
        ] {
            assert_eq!(error(bad).rule(), "json", "{bad:?}");
        }
        let invalid_utf8: &[u8] = b"{\"a\": \"\xff\"}";
        assert_eq!(parse(invalid_utf8).map_err(|e| e.rule()), Err("json"));
    }

    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(error(&format!("{{\"a\": {deep}}}")).rule(), "json");
    }
}

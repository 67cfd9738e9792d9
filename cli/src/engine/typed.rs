//! The `typed` engine: the payload is parsed straight into the generated
//! types (`dmforge::meta_graph::send_message::SendMessage`, …) in one pass,
//! with no `serde_json::Value` in between; every rule is checked as the text
//! is read, and every violation is recorded with its pointer.

use dmforge_runtime::parse::TypedSchema;
use dmforge_runtime::position::TextIndex;
use dmforge_runtime::{Context, Violation};
use time::OffsetDateTime;

use crate::payload::{strip_position, PayloadError, BYTE_ORDER_MARK};

/// The generated checker of one schema.
#[derive(Debug, Clone, Copy)]
pub struct TypedValidator {
    schema: &'static TypedSchema,
    now: OffsetDateTime,
    any_top_level: bool,
}

impl TypedValidator {
    /// The checker of one generated schema (an entry of a generated `SCHEMAS`).
    #[must_use]
    pub fn new(schema: &'static TypedSchema, now: OffsetDateTime) -> Self {
        Self {
            schema,
            now,
            any_top_level: false,
        }
    }

    /// Accepts a payload of any JSON type at the top level, not only an
    /// object (a request body): for schemas of values that are not
    /// requests, as the schema engine's `accepting_any_top_level`.
    #[must_use]
    pub fn accepting_any_top_level(mut self) -> Self {
        self.any_top_level = true;
        self
    }

    /// The checker generated for schema `id`, measuring date rules from `now`.
    #[must_use]
    pub fn find(id: &str, now: OffsetDateTime) -> Option<Self> {
        dmforge::SCHEMAS
            .iter()
            .find(|schema| schema.id == id)
            .map(|schema| Self::new(schema, now))
    }

    /// Every violation in the payload `bytes` (none if valid), or why they
    /// are not an acceptable JSON object at all.
    pub fn check(&self, bytes: &[u8]) -> Result<Vec<Violation>, PayloadError> {
        if bytes.starts_with(BYTE_ORDER_MARK) {
            return Err(PayloadError::ByteOrderMark);
        }
        // A request body is an object: anything else is told as the schema
        // engine's reader tells it, before any rule (a root that is one of
        // several objects would say none matched, too).
        let first = bytes
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        if !self.any_top_level && first != Some(&b'{') {
            crate::payload::parse(bytes)?;
        }
        let mut cx = Context::at_time(self.now);
        match (self.schema.check)(bytes, &mut cx) {
            Ok(()) => Ok(cx.into_violations()),
            Err(error) => {
                // Malformed text is told as the schema engine's strict reader
                // tells it (where a duplicate key is, which serde_json error):
                // one reading for both, whatever path parsing took (a
                // `oneOf` reads its value whole before choosing).
                crate::payload::parse_document(bytes)?;
                let position = TextIndex::new(bytes).from_serde(error.line(), error.column());
                Err(match cx.duplicate_key() {
                    Some(pointer) => PayloadError::DuplicateKey {
                        pointer: pointer.to_string(),
                        position,
                    },
                    None => PayloadError::Syntax {
                        position,
                        message: strip_position(&error.to_string()),
                    },
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker() -> TypedValidator {
        TypedValidator::find("meta_graph/send_message", OffsetDateTime::UNIX_EPOCH)
            .expect("generated")
    }

    fn found(json: &str) -> Vec<(String, String)> {
        checker()
            .check(json.as_bytes())
            .expect("a JSON object")
            .into_iter()
            .map(|v| (v.pointer, v.rule))
            .collect()
    }

    #[test]
    fn every_bundled_schema_has_a_typed_checker() {
        for id in crate::registry::ids() {
            assert!(
                TypedValidator::find(id, OffsetDateTime::UNIX_EPOCH).is_some(),
                "{id}"
            );
        }
    }

    #[test]
    fn reports_every_violation_in_one_pass() {
        let text = format!(
            r#"{{"recipient": {{"id": ""}}, "message": {{"text": "{}", "quick_replies": [{}]}}, "extra": 1}}"#,
            "a".repeat(1001),
            vec![r#"{"content_type": "text", "title": "t", "payload": "p"}"#; 14].join(",")
        );
        assert_eq!(
            found(&text),
            [
                ("/extra", "additionalProperties"),
                ("/message/quick_replies", "maxItems"),
                ("/message/text", "maxBytes"),
                ("/recipient/id", "minLength"),
            ]
            .map(|(p, r)| (p.to_string(), r.to_string()))
        );
        assert!(found(r#"{"recipient": {"id": "1"}, "message": {"text": "hi"}}"#).is_empty());
    }

    #[test]
    fn malformed_text_and_duplicates_are_payload_errors() {
        assert_eq!(
            checker().check(b"{\"a\": }").map_err(|e| e.rule()),
            Err("json")
        );
        assert_eq!(
            checker()
                .check(b"{\"recipient\": {\"id\": \"1\", \"id\": \"2\"}}")
                .map_err(|e| e.pointer().to_string()),
            Err("/recipient/id".to_string())
        );
        assert_eq!(
            checker().check(b"\xEF\xBB\xBF{}").map_err(|e| e.rule()),
            Err("byteOrderMark")
        );
    }
}

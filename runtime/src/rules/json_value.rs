//! `enum` and `const` of any JSON value, compared with JSON equality: `1`
//! equals `1.0`, object members in any order, arrays item by item. Both
//! engines compare this way (the schema engine through jsonschema, whose
//! equality is the same), and report with `describe`'s wording.

use std::sync::OnceLock;

use serde_json::Value;

use crate::describe::{list_values, preview_value};

/// Whether two JSON values are equal as JSON Schema compares them.
#[must_use]
pub fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (
                crate::rules::integer::as_i128(a),
                crate::rules::integer::as_i128(b),
            ) {
                // Integers (and integral floats) exactly.
                (Some(m), Some(n)) if x.is_f64() == y.is_f64() || m.unsigned_abs() < 1 << 53 => {
                    m == n
                }
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// The allowed values of an `enum` (or the one of a `const`), written in
/// generated code as JSON text and read once, on first use.
pub struct Allowed {
    json: &'static str,
    values: OnceLock<Vec<Value>>,
}

impl Allowed {
    /// `json` is a JSON array of the values; the generator writes it, so it
    /// is well-formed (a value that is not reads as an empty list).
    #[must_use]
    pub const fn new(json: &'static str) -> Self {
        Self {
            json,
            values: OnceLock::new(),
        }
    }

    /// The values.
    pub fn values(&self) -> &[Value] {
        self.values
            .get_or_init(|| serde_json::from_str(self.json).unwrap_or_default())
    }

    /// Whether `value` is one of them.
    pub fn contains(&self, value: &Value) -> bool {
        self.values()
            .iter()
            .any(|allowed| json_equal(allowed, value))
    }

    /// The message for a value that is not allowed, worded as the schema
    /// engine words it: `"x" is not one of 1, 2` (`enum`) or `"x" is not 1`
    /// (`const`).
    pub fn refusal(&self, value: &Value, rule: &str) -> String {
        let values = self.values();
        match (rule, values) {
            ("const", [only]) => format!("{} is not {}", preview_value(value), preview_value(only)),
            _ => format!(
                "{} is not one of {}",
                preview_value(value),
                list_values(&Value::Array(values.to_vec()))
            ),
        }
    }
}

impl std::fmt::Debug for Allowed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_equality_ignores_number_form_and_member_order() {
        assert!(json_equal(&json!(1), &json!(1.0)));
        assert!(!json_equal(&json!(1), &json!(1.5)));
        assert!(json_equal(
            &json!({"a": 1, "b": [true]}),
            &json!({"b": [true], "a": 1.0})
        ));
        assert!(!json_equal(&json!([1, 2]), &json!([2, 1])));
        assert!(!json_equal(&json!(false), &json!(0)));
        assert!(!json_equal(&json!(null), &json!({})));
        assert!(json_equal(
            &json!(9007199254740993u64),
            &json!(9007199254740993u64)
        ));
        assert!(!json_equal(
            &json!(9007199254740993u64),
            &json!(9007199254740992u64)
        ));
        let allowed = Allowed::new(r#"[1, "a", {"x": null}]"#);
        assert!(allowed.contains(&json!(1.0)) && allowed.contains(&json!({"x": null})));
        assert!(!allowed.contains(&json!("b")));
        assert_eq!(
            allowed.refusal(&json!("b"), "enum"),
            r#""b" is not one of 1, "a", an object of 1 properties"#
        );
        let only = Allowed::new("[2]");
        assert_eq!(only.refusal(&json!(3), "const"), "3 is not 2");
    }
}

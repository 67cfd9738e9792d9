//! How values are named in messages. A message shows sizes and short values,
//! never a long value whole: a 50 MB string is shown as its first 40
//! characters and its length.

/// Strings longer than this are shown truncated.
pub const PREVIEW_CHARS: usize = 40;

/// A string as JSON, cut to [`PREVIEW_CHARS`] with its length when longer.
#[must_use]
pub fn preview_str(s: &str) -> String {
    match s.char_indices().nth(PREVIEW_CHARS) {
        None => quote(s),
        Some((cut, _)) => format!("{}… ({} characters)", quote(&s[..cut]), s.chars().count()),
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The JSON type name with its article, as in "expected an object".
#[must_use]
pub fn type_phrase(json_type: &str) -> String {
    match json_type {
        "object" | "array" | "integer" => format!("an {json_type}"),
        "null" => "null".to_string(),
        other => format!("a {other}"),
    }
}

/// `expected a string, found a number`.
#[must_use]
pub fn type_mismatch(expected: &str, found: &str) -> String {
    format!("expected {expected}, found {found}")
}

/// `contains` with its `minContains` (default 1) and `maxContains`: how
/// many items must match, worded alike by both engines (jsonschema does
/// not say how many did).
#[must_use]
pub fn contains_count(min: u64, max: Option<u64>) -> String {
    match (min, max) {
        (1, None) => "no item matches the `contains` schema".to_string(),
        (min, None) => format!("fewer than {min} items match the `contains` schema"),
        (min, Some(max)) => {
            format!("from {min} to {max} items must match the `contains` schema")
        }
    }
}

/// The rule a `contains` failure is reported under: the bound that
/// constrains it most visibly, as jsonschema places the error.
#[must_use]
pub fn contains_rule(has_min: bool, has_max: bool) -> &'static str {
    match (has_min, has_max) {
        (_, true) => "maxContains",
        (true, false) => "minContains",
        (false, false) => "contains",
    }
}

/// `missing required property `x``: the wording of `required`, shared by
/// the schema engine, generated code and the derive.
#[must_use]
pub fn missing(member: &str) -> String {
    format!("missing required property `{member}`")
}

/// `missing required property `x` when …`: a member a condition requires.
#[must_use]
pub fn missing_when(member: &str, when: &str) -> String {
    format!("{} {when}", missing(member))
}

/// `when `x` is present`: the condition of a `dependentSchemas` entry.
#[must_use]
pub fn when_present(member: &str) -> String {
    format!("when `{member}` is present")
}

/// The rule name of a member a condition forbids. JSON Schema writes it as
/// a `false` subschema; `[false]` would tell a reader nothing.
pub const FORBIDDEN: &str = "forbidden";

/// `one of `a`, `b` is required`: an `anyOf` of `required` branches.
#[must_use]
pub fn none_of<S: AsRef<str>>(members: &[S]) -> String {
    let names: Vec<String> = members
        .iter()
        .map(|m| format!("`{}`", m.as_ref()))
        .collect();
    format!("one of {} is required", names.join(", "))
}

/// `` `from` is present, so `to` is required too``: `dependentRequired`.
#[must_use]
pub fn dependent(trigger: &str, member: &str) -> String {
    format!("`{trigger}` is present, so `{member}` is required too")
}

/// `` `x` is not allowed when …``: a member a condition forbids (`false`).
#[must_use]
pub fn not_allowed(member: &str, when: &str) -> String {
    format!("`{member}` is not allowed {when}")
}

/// A short rendering of a JSON value: scalars as JSON, long strings cut
/// with their length, containers by kind and size.
#[must_use]
pub fn preview_value(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::String(s) => preview_str(s),
        Value::Array(a) => format!("an array of {} items", a.len()),
        Value::Object(o) => format!("an object of {} properties", o.len()),
        scalar => scalar.to_string(),
    }
}

/// The values of an `enum` (or one value), as messages list them.
#[must_use]
pub fn list_values(options: &serde_json::Value) -> String {
    match options.as_array() {
        Some(values) => values
            .iter()
            .map(preview_value)
            .collect::<Vec<_>>()
            .join(", "),
        None => preview_value(options),
    }
}

/// How an `if` reads in a message: (when it holds, when it does not), for
/// the shapes dmforge's schemas use: one required member, optionally with a
/// `const` or `enum` value. The schema engine and the generator both word
/// conditions through this, so the two engines say the same.
#[must_use]
pub fn condition(condition: &serde_json::Value) -> Option<(String, String)> {
    let required = condition.get("required")?.as_array()?;
    let [member] = required.as_slice() else {
        return None;
    };
    let member = member.as_str()?;
    let value = condition.get("properties").and_then(|p| p.get(member));
    let holds = match value {
        Some(v) if v.get("const").is_some() => {
            format!("when `{member}` is {}", preview_value(&v["const"]))
        }
        Some(v) if v.get("enum").is_some() => {
            format!("when `{member}` is one of {}", list_values(&v["enum"]))
        }
        _ => format!("when `{member}` is present"),
    };
    let fails = match value {
        Some(_) => format!("unless `{member}` has a matching value"),
        None => format!("without `{member}`"),
    };
    Some((holds, fails))
}

/// A list of allowed string values, as shown in `enum` messages.
#[must_use]
pub fn list_strs(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| preview_str(v))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_are_short_and_escaped() {
        assert_eq!(preview_str("a\"b"), "\"a\\\"b\"");
        let long = "é".repeat(50_000);
        let shown = preview_str(&long);
        assert!(shown.ends_with("… (50000 characters)"), "{shown}");
        assert!(shown.chars().count() < 80);
        assert_eq!(type_phrase("object"), "an object");
        assert_eq!(
            type_mismatch("a string", "a number"),
            "expected a string, found a number"
        );
        assert_eq!(list_strs(&["A", "B"]), "\"A\", \"B\"");
        assert_eq!(missing("to"), "missing required property `to`");
        assert_eq!(
            none_of(&["text", "attachment"]),
            "one of `text`, `attachment` is required"
        );
        assert_eq!(
            dependent("from", "to"),
            "`from` is present, so `to` is required too"
        );
        assert_eq!(
            missing_when("reaction", "when `sender_action` is \"react\""),
            "missing required property `reaction` when `sender_action` is \"react\""
        );
        assert_eq!(
            not_allowed("attachment", &when_present("text")),
            "`attachment` is not allowed when `text` is present"
        );
        assert_eq!(
            not_allowed("url", "when `contentType` is \"TEXT\""),
            "`url` is not allowed when `contentType` is \"TEXT\""
        );
    }
}

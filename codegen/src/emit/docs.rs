//! Rustdoc for generated items: the schema's title and description, then
//! every limit of the item in words and in its unit ("At most 1000 UTF-8
//! bytes."), so a reader never has to open the schema.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Doc, FieldType, Format, NumericFormat, StringRules};

/// `#[doc]` attributes: title, description, then `limits`, each a paragraph.
pub fn attributes(doc: &Doc, limits: &[String]) -> TokenStream {
    let lines = lines(doc, limits);
    quote! { #(#[doc = #lines])* }
}

/// The doc lines of [`attributes`]. No sentence is said twice: a title the
/// description repeats, or a limit the description already states, is left
/// out.
fn lines(doc: &Doc, limits: &[String]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    match (&doc.title, &doc.description) {
        (Some(title), Some(description)) => {
            if !sentences(description).contains(&sentence_key(title)) {
                paragraphs.push(format!("{}.", title.trim_end_matches('.')));
            }
            paragraphs.push(description.clone());
        }
        (Some(only), None) | (None, Some(only)) => paragraphs.push(only.clone()),
        (None, None) => {}
    }
    let said: Vec<String> = paragraphs.iter().flat_map(|p| sentences(p)).collect();
    let mut new_limits: Vec<&String> = Vec::new();
    for limit in limits {
        let key = sentence_key(limit);
        if !said.contains(&key) && !new_limits.iter().any(|l| sentence_key(l) == key) {
            new_limits.push(limit);
        }
    }
    if !new_limits.is_empty() {
        paragraphs.push(
            new_limits
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let mut lines: Vec<String> = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(paragraph.lines().map(|l| format!(" {}", clean(l))));
    }
    lines
}

/// The sentences of a text, as [`sentence_key`]s.
fn sentences(text: &str) -> Vec<String> {
    text.split_inclusive(['.', '!', '?'])
        .map(sentence_key)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A sentence compared without case, surrounding space or its full stop.
fn sentence_key(sentence: &str) -> String {
    sentence.trim().trim_end_matches('.').trim().to_lowercase()
}

/// Text made safe for a doc comment: control characters (a bare carriage
/// return is a compile error in a doc comment) become spaces.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

/// The limits of a member's type, as sentences.
pub fn limits(ty: &FieldType) -> Vec<String> {
    match ty {
        FieldType::String(rules) => string_limits(rules),
        FieldType::Integer(rules) => {
            let mut out = range(
                rules.minimum.map(|n| n.to_string()),
                rules.maximum.map(|n| n.to_string()),
            );
            out.extend(rules.multiple_of.map(multiple_sentence));
            out.extend(rules.format.map(format_sentence));
            out
        }
        FieldType::Number(rules) => {
            let mut out = range(
                rules.minimum.map(|n| n.to_string()),
                rules.maximum.map(|n| n.to_string()),
            );
            out.extend(
                rules
                    .exclusive_minimum
                    .map(|n| format!("Greater than {n}.")),
            );
            out.extend(rules.exclusive_maximum.map(|n| format!("Less than {n}.")));
            out.extend(rules.multiple_of.map(multiple_sentence));
            out.extend(rules.format.map(format_sentence));
            out
        }
        FieldType::Array(array) => {
            let mut out = count(array.min_items, array.max_items, "item", "items");
            if array.unique_items {
                out.push("No two items are equal.".into());
            }
            let each = limits(&array.items);
            if !each.is_empty() {
                out.push(format!("Each item: {}", each.join(" ")));
            }
            out
        }
        FieldType::Json(json) => match json.values.as_slice() {
            [only] => vec![format!("Exactly `{only}`.")],
            values => vec![format!(
                "One of {}.",
                values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )],
        },
        FieldType::Nullable(inner) => {
            let mut out = limits(inner);
            out.push("May be `null` (`None`).".into());
            out
        }
        FieldType::Any(_) => {
            vec!["Any JSON value the schema allows, checked when parsed and validated.".into()]
        }
        FieldType::Boolean | FieldType::Named(_) | FieldType::AnyObject => Vec::new(),
    }
}

/// What a standard string format asks, as a sentence with its reference.
fn standard_format_sentence(name: &str) -> String {
    let what = match name {
        "date" => "an RFC 3339 full-date (`2026-11-29`)",
        "time" => "an RFC 3339 full-time with its offset (`10:00:00Z`)",
        "duration" => "an ISO 8601 duration (RFC 3339 appendix A, `P1DT2H`)",
        "email" => "an email address (RFC 5321)",
        "idn-email" => "an internationalized email address (RFC 6531)",
        "hostname" => "a host name (RFC 1123)",
        "idn-hostname" => "an internationalized host name (RFC 5890)",
        "ipv4" => "an IPv4 address in dotted-quad form (RFC 2673)",
        "ipv6" => "an IPv6 address (RFC 4291)",
        "uri-reference" => "a URI or relative reference (RFC 3986)",
        "iri" => "an absolute IRI (RFC 3987)",
        "iri-reference" => "an IRI or relative reference (RFC 3987)",
        "uuid" => "a UUID (RFC 4122)",
        "uri-template" => "a URI template (RFC 6570)",
        "json-pointer" => "a JSON Pointer (RFC 6901)",
        "relative-json-pointer" => "a relative JSON Pointer",
        "regex" => "an ECMA-262 regular expression",
        _ => "as the format's specification says",
    };
    format!("Format `{name}`: {what}.")
}

/// `multipleOf`, as a sentence.
fn multiple_sentence(divisor: f64) -> String {
    format!(
        "A multiple of {}.",
        dmforge_runtime::rules::multiple_of::number_text(divisor)
    )
}

/// What a numeric format asks, as a sentence.
fn format_sentence(format: NumericFormat) -> String {
    let range = match format {
        NumericFormat::Int32 => "a 32-bit signed integer",
        NumericFormat::Int64 => "a 64-bit signed integer",
        NumericFormat::Float => "a 32-bit float, at most 3.4028235e38 in magnitude",
        NumericFormat::Double => "a 64-bit float",
    };
    format!("Format `{}`: {range}.", format.name())
}

fn string_limits(rules: &StringRules) -> Vec<String> {
    let mut out = count(
        rules.min_length,
        rules.max_length,
        "character",
        "characters",
    );
    if let Some(bytes) = rules.max_bytes {
        out.push(format!("At most {bytes} UTF-8 bytes (an emoji counts 4)."));
    }
    match rules.format {
        Some(Format::Uri) => out.push("An absolute URI (RFC 3986).".into()),
        Some(Format::DateTime) => out.push("An RFC 3339 date-time.".into()),
        Some(Format::Standard(name)) => out.push(standard_format_sentence(name)),
        Some(Format::InfobipDateTime) => out.push(
            "A date-time: RFC 3339, or `yyyy-MM-dd'T'HH:mm:ss.SSSZ` with a `+hhmm` offset.".into(),
        ),
        None => {}
    }
    if let Some(pattern) = &rules.pattern {
        out.push(format!("Contains a match of `{pattern}`."));
    }
    if let Some(days) = rules.max_days_ahead {
        out.push(format!("At most {days} days after now."));
    }
    if let Some(file) = &rules.base64_file {
        out.push(format!(
            "A file in standard base64, at most {} bytes decoded, of media type {}.",
            file.max_bytes,
            file.media_types.join(", ")
        ));
    }
    out
}

fn count(min: Option<u64>, max: Option<u64>, one: &str, many: &str) -> Vec<String> {
    let noun = |n: u64| if n == 1 { one } else { many };
    match (min, max) {
        (Some(min), Some(max)) => vec![format!("{min} to {max} {}.", noun(max))],
        (Some(min), None) if min > 0 => vec![format!("At least {min} {}.", noun(min))],
        (_, Some(max)) => vec![format!("At most {max} {}.", noun(max))],
        _ => Vec::new(),
    }
}

fn range(min: Option<String>, max: Option<String>) -> Vec<String> {
    match (min, max) {
        (Some(min), Some(max)) => vec![format!("From {min} to {max}.")],
        (Some(min), None) => vec![format!("At least {min}.")],
        (None, Some(max)) => vec![format!("At most {max}.")],
        (None, None) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: Option<&str>, description: Option<&str>) -> Doc {
        Doc {
            title: title.map(str::to_string),
            description: description.map(str::to_string),
            ..Doc::default()
        }
    }

    #[test]
    fn no_sentence_is_said_twice() {
        let limits = vec![
            "At most 20 characters.".to_string(),
            "At most 20 characters.".to_string(),
        ];
        assert_eq!(
            lines(
                &doc(Some("Title"), Some("Title. At most 20 characters.")),
                &limits
            ),
            [" Title. At most 20 characters."]
        );
        assert_eq!(
            lines(
                &doc(Some("Button title"), Some("Shown on the button.")),
                &limits
            ),
            [
                " Button title.",
                "",
                " Shown on the button.",
                "",
                " At most 20 characters."
            ]
        );
    }
}

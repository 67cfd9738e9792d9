//! The conformance cases the generator derives for alternatives, checked
//! values and tuples.

use dmforge_codegen::conformance::cases;
use dmforge_codegen::load::load_text;

/// A message that is text or an attachment, never both (Meta's shape), and
/// a note whose `kind` tag selects its alternative.
const SCHEMA: &str = r#"{
  "type": "object", "additionalProperties": false,
  "examples": [
    {"message": {"text": "hi"}, "note": {"kind": "short", "body": "ok"}},
    {"message": {"attachment": "a.png", "quick_replies": ["yes"]}}
  ],
  "properties": {
    "message": {"oneOf": [
      {"type": "object", "additionalProperties": false, "required": ["text"],
       "properties": {"text": {"type": "string", "maxLength": 5}, "quick_replies": {"type": "array", "items": {"type": "string"}}}},
      {"type": "object", "additionalProperties": false, "required": ["attachment"],
       "properties": {"attachment": {"type": "string", "pattern": "png$"}, "quick_replies": {"type": "array", "items": {"type": "string"}}}}
    ]},
    "note": {"oneOf": [
      {"type": "object", "required": ["kind", "body"], "properties": {"kind": {"const": "short"}, "body": {"type": "string", "maxLength": 3}}},
      {"type": "object", "required": ["kind", "pages"], "properties": {"kind": {"const": "long"}, "pages": {"type": "integer"}}}
    ]}
  }
}"#;

#[test]
fn alternatives_get_cases_of_their_own_and_of_the_selected_alternative() {
    let module = load_text("acme/alternatives", "alternatives.schema.json", SCHEMA)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let found = cases(&module);
    let named = |needle: &str| {
        found
            .iter()
            .find(|c| c.name.contains(needle))
            .unwrap_or_else(|| {
                let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
                panic!("no case {needle:?} in {names:#?}")
            })
    };
    let pair = |p: &str, r: &str| Some((p.to_string(), r.to_string()));
    // The member that selects the alternative removed, and another's added.
    let removed = named("example 1: /message/text removed, so no alternative's member is there");
    assert_eq!(removed.expect, pair("/message", "oneOf"));
    let both = named("example 1: /message/attachment added beside `text`");
    assert_eq!(both.expect, pair("/message", "oneOf"));
    assert_eq!(both.payload["message"]["attachment"], "a.png");
    // The selected alternative's own rules, at their pointers.
    let long = named("example 1: /message/text at 6 ASCII characters");
    assert_eq!(long.expect, pair("/message/text", "maxLength"));
    // A tag given an unknown value; the tagged alternative's rules.
    let unknown = named("example 1: /note/kind = an unknown value");
    assert_eq!(unknown.expect, pair("/note", "oneOf"));
    let body = named("example 1: /note/body at 4 ASCII characters");
    assert_eq!(body.expect, pair("/note/body", "maxLength"));
    // Removing a member that selects nothing is a `required` case.
    assert!(
        !found
            .iter()
            .any(|c| c.name.contains("/message/text removed")
                && c.expect == pair("/message", "required")),
        "the selecting member's removal is the alternatives' case"
    );
}

/// Values checked at run time (no Rust shape: `not`, `contains`) get cases
/// for the rules of their own a case can break.
#[test]
fn checked_values_get_cases_for_their_own_rules() {
    const CHECKED: &str = r#"{
      "type": "object",
      "examples": [{"handle": "@ada", "cc": ["@ada", "@ops"]}],
      "properties": {
        "handle": {"type": "string", "not": {"const": "@everyone"}},
        "cc": {"type": "array", "items": {"type": "string"}, "contains": {"const": "@ops"},
               "maxContains": 1, "uniqueItems": true, "minItems": 2}
      }
    }"#;
    let module = load_text("acme/checked", "checked.schema.json", CHECKED)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let found = cases(&module);
    let named = |needle: &str| {
        found
            .iter()
            .find(|c| c.name.contains(needle))
            .unwrap_or_else(|| {
                let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
                panic!("no case {needle:?} in {names:#?}")
            })
    };
    let pair = |p: &str, r: &str| Some((p.to_string(), r.to_string()));
    let not = named("/handle = the value `not` names");
    assert_eq!(not.expect, pair("/handle", "not"));
    assert_eq!(not.payload["handle"], "@everyone");
    let none = named("/cc with no item it must contain");
    assert_eq!(none.expect, pair("/cc", "maxContains"));
    let twice = named("/cc containing it 2 times");
    assert_eq!(twice.payload["cc"], serde_json::json!(["@ops", "@ops"]));
    assert_eq!(twice.expect, pair("/cc", "maxContains"));
    let repeated = named("/cc with a repeated item");
    assert_eq!(repeated.expect, pair("/cc", "uniqueItems"));
    let short = named("/cc with 1 items");
    assert_eq!(short.expect, pair("/cc", "minItems"));
}

/// Arrays typed by position get cases one item short, one too many, and of
/// each item's own rules at its index.
#[test]
fn tuples_get_cases_too_short_too_long_and_of_each_item() {
    const TUPLES: &str = r#"{
      "type": "object",
      "examples": [{"at": [1, "a"], "command": ["add", "x"]}],
      "properties": {
        "at": {"type": "array", "minItems": 2, "items": false,
               "prefixItems": [{"type": "integer", "maximum": 5}, {"type": "string"}]},
        "command": {"type": "array", "minItems": 1, "maxItems": 3,
                    "prefixItems": [{"enum": ["add", "remove"]}],
                    "items": {"type": "string", "maxLength": 2}}
      }
    }"#;
    let module =
        load_text("acme/tuples", "tuples.schema.json", TUPLES).unwrap_or_else(|e| panic!("{e:?}"));
    let found = cases(&module);
    let named = |needle: &str| {
        found
            .iter()
            .find(|c| c.name.contains(needle))
            .unwrap_or_else(|| {
                let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
                panic!("no case {needle:?} in {names:#?}")
            })
    };
    let pair = |p: &str, r: &str| Some((p.to_string(), r.to_string()));
    let short = named("/at with 1 items");
    assert_eq!(short.payload["at"], serde_json::json!([1]));
    assert_eq!(short.expect, pair("/at", "minItems"));
    let long = named("/at with an item after its 2");
    assert_eq!(long.payload["at"], serde_json::json!([1, "a", "a"]));
    assert_eq!(long.expect, pair("/at/2", "forbidden"));
    let over = named("/at/0 = 6");
    assert_eq!(over.expect, pair("/at/0", "maximum"));
    let full = named("/command with 3 items");
    assert!(full.valid);
    assert_eq!(
        full.payload["command"],
        serde_json::json!(["add", "x", "x"])
    );
    let too_many = named("/command with 4 items");
    assert_eq!(too_many.expect, pair("/command", "maxItems"));
    let verb = named("/command/0 = an unknown value");
    assert_eq!(verb.expect, pair("/command/0", "enum"));
    let argument = named("/command/1 at 3 ASCII characters");
    assert_eq!(argument.expect, pair("/command/1", "maxLength"));
}

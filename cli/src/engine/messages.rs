//! jsonschema errors in dmforge's terms: the rule keyword and a plain message
//! that gives sizes and limits but never echoes a long value whole.

use dmforge_runtime::describe::{
    condition as describe_condition, list_values as list, preview_value as preview,
};
use dmforge_runtime::pointer;
use dmforge_runtime::rules::alternatives;
use dmforge_runtime::rules::size::{too_long, too_short, Unit};
use dmforge_runtime::value_schema::Types;
use dmforge_runtime::Violation;
use jsonschema::error::ValidationErrorKind as Kind;
use jsonschema::ValidationError;
use serde_json::Value;

use super::keywords;
use crate::payload::kind_of;

/// The violations one jsonschema error stands for (one per unexpected property).
pub fn translate(error: &ValidationError<'_>, schema: &Value) -> Vec<Violation> {
    let at = error.instance_path().as_str().to_string();
    let instance: &Value = error.instance();
    let schema_path = error.schema_path().as_str();
    let keyword_value = schema.pointer(schema_path);
    let one = |rule: &str, message: String| vec![Violation::new(at.clone(), rule, message)];
    // `<value> <phrase> <limit>`, both numbers shown as the typed engine shows them.
    let bound = |phrase: &str, limit: &Value| {
        format!(
            "{} {phrase} {}",
            number_text(instance, schema, schema_path),
            limit_text(limit)
        )
    };
    match error.kind() {
        Kind::AdditionalProperties { unexpected } | Kind::UnevaluatedProperties { unexpected } => {
            let rule = match error.kind() {
                Kind::AdditionalProperties { .. } => "additionalProperties",
                _ => "unevaluatedProperties",
            };
            unexpected
                .iter()
                .map(|name| {
                    Violation::new(
                        pointer::child(&at, name),
                        rule,
                        format!("property `{name}` is not defined by the schema"),
                    )
                })
                .collect()
        }
        Kind::Required { property } => {
            let missing = property.as_str().unwrap_or_default();
            match dependent_trigger(schema_path, keyword_value, instance, missing) {
                Some(trigger) => one(
                    "dependentRequired",
                    dmforge_runtime::describe::dependent(&trigger, missing),
                ),
                None => one(
                    "required",
                    match required_condition(schema_path, schema) {
                        Some(when) => dmforge_runtime::describe::missing_when(missing, &when),
                        None => dmforge_runtime::describe::missing(missing),
                    },
                ),
            }
        }
        Kind::Type { .. } => one(
            "type",
            format!(
                "expected {}, found {}",
                describe_type(keyword_value),
                kind_of(instance)
            ),
        ),
        Kind::Enum { options } => one(
            "enum",
            format!("{} is not one of {}", preview(instance), list(options)),
        ),
        Kind::Constant { expected_value } => one(
            "const",
            format!("{} is not {}", preview(instance), preview(expected_value)),
        ),
        Kind::MaxLength { limit } => one(
            "maxLength",
            too_long(chars(instance), *limit, Unit::Characters),
        ),
        Kind::MinLength { limit } => one(
            "minLength",
            too_short(chars(instance), *limit, Unit::Characters),
        ),
        Kind::MaxItems { limit } => one("maxItems", too_long(items(instance), *limit, Unit::Items)),
        Kind::MinItems { limit } => {
            one("minItems", too_short(items(instance), *limit, Unit::Items))
        }
        Kind::MaxProperties { limit } => one(
            "maxProperties",
            too_long(members(instance), *limit, Unit::Properties),
        ),
        Kind::MinProperties { limit } => one(
            "minProperties",
            too_short(members(instance), *limit, Unit::Properties),
        ),
        Kind::Maximum { limit } => one("maximum", bound("is greater than the maximum", limit)),
        Kind::Minimum { limit } => one("minimum", bound("is less than the minimum", limit)),
        Kind::ExclusiveMaximum { limit } => {
            one("exclusiveMaximum", bound("is not less than", limit))
        }
        Kind::ExclusiveMinimum { limit } => {
            one("exclusiveMinimum", bound("is not greater than", limit))
        }
        Kind::MultipleOf { multiple_of } => one(
            "multipleOf",
            format!(
                "{} is not a multiple of {}",
                number_text(instance, schema, schema_path),
                dmforge_runtime::rules::multiple_of::number_text(*multiple_of)
            ),
        ),
        Kind::Format { format } => one(
            "format",
            format!("{} is not a valid {format}", preview(instance)),
        ),
        Kind::Pattern { pattern } => one(
            "pattern",
            format!("{} does not match `{pattern}`", preview(instance)),
        ),
        Kind::UniqueItems => one("uniqueItems", "items are not unique".into()),
        // `propertyNames: false`: a name is what breaks it, as for any
        // other `propertyNames` schema.
        Kind::FalseSchema if schema_path.ends_with("/propertyNames") => one(
            "propertyNames",
            "a property name breaks `propertyNames`".into(),
        ),
        Kind::FalseSchema => one(
            dmforge_runtime::describe::FORBIDDEN,
            forbidden(&at, schema_path, schema),
        ),
        Kind::AnyOf { context } => {
            none_matched("anyOf", &at, instance, context, keyword_value, schema)
        }
        Kind::OneOfNotValid { context } => {
            none_matched("oneOf", &at, instance, context, keyword_value, schema)
        }
        Kind::OneOfMultipleValid { .. } => one("oneOf", alternatives::SEVERAL_MATCHED.into()),
        Kind::Not { .. } => one("not", "matches a schema it must not match".into()),
        Kind::Custom { keyword, message } if keyword == keywords::integer_type::KEYWORD => {
            one("type", message.clone())
        }
        Kind::Custom { keyword, message } if keyword == keywords::integer_type::FORMAT_KEYWORD => {
            one("format", message.clone())
        }
        // jsonschema names a replaced built-in's errors by the keyword.
        Kind::Custom { keyword, message } => one(keyword, message.clone()),
        // jsonschema reports all three under `Contains`, without the count.
        Kind::Contains => {
            let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
            let bounds = schema.pointer(parent);
            // A count may be written as an integral float (`1.0`).
            let bound = |key: &str| {
                bounds.and_then(|b| b.get(key)).and_then(|n| {
                    n.as_u64().or_else(|| {
                        n.as_f64()
                            .filter(|x| x.fract() == 0.0 && *x >= 0.0)
                            .map(|x| x as u64)
                    })
                })
            };
            let (min, max) = (bound("minContains"), bound("maxContains"));
            one(
                dmforge_runtime::describe::contains_rule(min.is_some(), max.is_some()),
                dmforge_runtime::describe::contains_count(min.unwrap_or(1), max),
            )
        }
        Kind::PropertyNames { .. } => one(
            "propertyNames",
            "a property name breaks `propertyNames`".into(),
        ),
        // Draft 7's `additionalItems: false`, which dmforge reads as
        // 2020-12's `items: false`: each item after the listed ones is
        // refused where it stands, as a `false` schema refuses it.
        Kind::AdditionalItems { limit } => {
            let count = instance.as_array().map_or(0, Vec::len);
            (*limit..count)
                .map(|index| {
                    Violation::new(
                        pointer::child(&at, &index.to_string()),
                        dmforge_runtime::describe::FORBIDDEN,
                        format!("`{index}` is not allowed here"),
                    )
                })
                .collect()
        }
        Kind::UnevaluatedItems { .. } => one(
            "unevaluatedItems",
            "has items the schema does not define".into(),
        ),
        _ => one(
            schema_path.rsplit('/').next().unwrap_or("schema"),
            "does not match the schema".into(),
        ),
    }
}

/// jsonschema reports `dependentRequired` as `required`, at the schema path
/// `…/dependentRequired`; the trigger is the member present in the instance
/// whose dependency list names the missing one.
fn dependent_trigger(
    schema_path: &str,
    keyword_value: Option<&Value>,
    instance: &Value,
    missing: &str,
) -> Option<String> {
    // Drafts before 2019-09 spell it `dependencies` (lists beside schemas);
    // both engines report it as `dependentRequired`.
    if !schema_path.ends_with("/dependentRequired") && !schema_path.ends_with("/dependencies") {
        return None;
    }
    let present = instance.as_object()?;
    keyword_value?
        .as_object()?
        .iter()
        .find(|(trigger, needs)| {
            present.contains_key(trigger.as_str())
                && needs
                    .as_array()
                    .is_some_and(|n| n.iter().any(|m| m.as_str() == Some(missing)))
        })
        .map(|(trigger, _)| trigger.clone())
}

/// A number as the typed engine shows it: an integer-valued number as its
/// digits (`18446744073709551616`, not serde's `1.8446744073709552e19`),
/// beyond ±2^127 in an `integer` schema as `int_text` says; others as Rust
/// prints an `f64`.
fn number_text(instance: &Value, schema: &Value, schema_path: &str) -> String {
    let Some(x) = instance.as_f64() else {
        return instance.to_string();
    };
    if let Some(n) = instance.as_i64() {
        return n.to_string();
    }
    if let Some(n) = instance.as_u64() {
        return n.to_string();
    }
    if x.fract() != 0.0 {
        return format!("{x}");
    }
    let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
    let integer_schema = schema
        .pointer(parent)
        .and_then(|s| s.get("type"))
        .and_then(Value::as_str)
        == Some("integer");
    if x.abs() < 1.7e38 || integer_schema {
        dmforge_runtime::rules::integer::int_text(x as i128)
    } else {
        format!("{x}")
    }
}

/// A bound as the typed engine shows it: an integer's digits, exactly; any
/// other number as `rules::multiple_of::number_text` writes it.
fn limit_text(limit: &Value) -> String {
    match (limit.as_i64(), limit.as_u64(), limit.as_f64()) {
        (Some(n), _, _) => n.to_string(),
        (_, Some(n), _) => n.to_string(),
        (_, _, Some(x)) => dmforge_runtime::rules::multiple_of::number_text(x),
        _ => limit.to_string(),
    }
}

fn chars(v: &Value) -> u64 {
    v.as_str().map_or(0, |s| s.chars().count() as u64)
}

fn items(v: &Value) -> u64 {
    v.as_array().map_or(0, |a| a.len() as u64)
}

fn members(v: &Value) -> u64 {
    v.as_object().map_or(0, |o| o.len() as u64)
}

fn describe_type(keyword_value: Option<&Value>) -> String {
    let names: Option<Vec<&str>> = match keyword_value {
        Some(Value::String(t)) => Some(vec![t.as_str()]),
        Some(Value::Array(ts)) => ts.iter().map(Value::as_str).collect(),
        _ => None,
    };
    names
        .and_then(Types::from_names)
        .map_or_else(|| "another type".to_string(), Types::phrase)
}

/// `anyOf`/`oneOf` of `{"required": [x]}` branches reads as "one of x, y is required".
/// No alternative of an `anyOf`/`oneOf` matched: what tells the
/// alternatives apart decides what is said (`rules::alternatives::report`),
/// from each alternative's violations, as the typed engine says it.
fn none_matched(
    rule: &str,
    at: &str,
    instance: &Value,
    context: &[Vec<ValidationError<'static>>],
    keyword_value: Option<&Value>,
    schema: &Value,
) -> Vec<Violation> {
    let found: Vec<Vec<Violation>> = context
        .iter()
        .map(|errors| {
            let mut violations: Vec<Violation> = errors
                .iter()
                .flat_map(|error| translate(error, schema))
                .collect();
            violations.sort();
            violations.dedup();
            violations
        })
        .collect();
    // Read in 2020-12 terms, as the generator reads it (before 2019-09 a
    // `$ref`'s siblings are dropped, and some keywords renamed).
    let selector = keyword_value.and_then(|branches| {
        match dmforge_codegen::Dialect::of(schema, dmforge_codegen::Dialect::Draft202012) {
            Ok(dmforge_codegen::Dialect::Draft202012) | Err(_) => {
                alternatives::selector_of(branches.as_array()?, schema)
            }
            Ok(dialect) => {
                let wrapped = serde_json::json!({ "anyOf": branches });
                let branches = dmforge_codegen::dialect::normalize(&wrapped, dialect);
                let root = dmforge_codegen::dialect::normalize(schema, dialect);
                alternatives::selector_of(branches.get("anyOf")?.as_array()?, &root)
            }
        }
    });
    alternatives::report_on(
        rule,
        selector
            .as_ref()
            .map(alternatives::SelectorSpec::as_selector),
        instance,
        at,
        found,
    )
}

/// Why a `false` schema refused a member: the condition of the enclosing
/// `if`/`then`/`else` or `dependentSchemas`, read from the schema itself.
fn forbidden(at: &str, schema_path: &str, schema: &Value) -> String {
    let name = pointer::tokens(at)
        .and_then(|mut t| t.pop())
        .unwrap_or_default();
    let tokens = pointer::tokens(schema_path).unwrap_or_default();
    // Walk up from the refusing schema to the nearest condition.
    for depth in (0..tokens.len()).rev() {
        let branch = tokens[depth].as_str();
        let parent: String = tokens[..depth]
            .iter()
            .map(|t| pointer::child("", t))
            .collect();
        let Some(parent_schema) = schema.pointer(&parent) else {
            continue;
        };
        match branch {
            "then" | "else" => {
                if let Some(condition) = parent_schema.get("if").and_then(describe_condition) {
                    let when = if branch == "then" {
                        condition.0
                    } else {
                        condition.1
                    };
                    return dmforge_runtime::describe::not_allowed(&name, &when);
                }
            }
            _ if depth > 0 && tokens[depth - 1] == "dependentSchemas" => {
                return dmforge_runtime::describe::not_allowed(
                    &name,
                    &dmforge_runtime::describe::when_present(branch),
                );
            }
            _ => {}
        }
    }
    format!("`{name}` is not allowed here")
}

/// The condition under which a `required` applies, when it is the `then` or
/// `else` of an `if` (directly, or on one member: `then.properties.m.required`),
/// as the typed engine and the derive word it.
fn required_condition(schema_path: &str, schema: &Value) -> Option<String> {
    let tokens = pointer::tokens(schema_path)?;
    let branch_at = match tokens.as_slice() {
        [.., branch, last] if is_branch(branch) && last == "required" => tokens.len() - 2,
        [.., branch, properties, _, last]
            if is_branch(branch) && properties == "properties" && last == "required" =>
        {
            tokens.len() - 4
        }
        _ => return None,
    };
    let parent: String = tokens[..branch_at]
        .iter()
        .map(|t| pointer::child("", t))
        .collect();
    let (holds, fails) = describe_condition(schema.pointer(&parent)?.get("if")?)?;
    Some(if tokens[branch_at] == "then" {
        holds
    } else {
        fails
    })
}

fn is_branch(token: &str) -> bool {
    token == "then" || token == "else"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn previews_never_echo_long_strings_whole() {
        let long = Value::String("x".repeat(50_000_000));
        let shown = preview(&long);
        assert!(shown.len() < 100, "{shown}");
        assert!(shown.ends_with("(50000000 characters)"));
        assert_eq!(preview(&json!("short")), "\"short\"");
        assert_eq!(preview(&json!([1, 2])), "an array of 2 items");
    }

    #[test]
    fn dependent_required_names_the_member_that_triggered_it() {
        let rule = json!({"from": ["to"], "to": ["from"]});
        let trigger = |path: &str, instance: Value, missing: &str| {
            dependent_trigger(path, Some(&rule), &instance, missing)
        };
        assert_eq!(
            trigger("/$defs/w/dependentRequired", json!({"from": 1}), "to").as_deref(),
            Some("from")
        );
        assert_eq!(
            trigger("/$defs/w/dependentRequired", json!({"to": 1}), "from").as_deref(),
            Some("to")
        );
        assert_eq!(trigger("/$defs/w/required", json!({"from": 1}), "to"), None);
    }

    #[test]
    fn required_alternatives_read_as_a_list() {
        let any_of = json!([{"required": ["text"]}, {"required": ["attachment"]}]);
        let found = none_matched("anyOf", "", &json!({}), &[], Some(&any_of), &json!({}));
        assert_eq!(found[0].message, "one of `text`, `attachment` is required");
    }

    #[test]
    fn forbidden_members_name_their_condition() {
        let schema = json!({
            "allOf": [{"if": {"required": ["sender_action"]}, "then": {"properties": {"message": false}}, "else": {"properties": {"payload": false}}}],
            "dependentSchemas": {"text": {"properties": {"attachment": false}}}
        });
        assert_eq!(
            forbidden("/message", "/allOf/0/then/properties/message", &schema),
            "`message` is not allowed when `sender_action` is present"
        );
        assert_eq!(
            forbidden("/payload", "/allOf/0/else/properties/payload", &schema),
            "`payload` is not allowed without `sender_action`"
        );
        assert_eq!(
            forbidden(
                "/attachment",
                "/dependentSchemas/text/properties/attachment",
                &schema
            ),
            "`attachment` is not allowed when `text` is present"
        );
    }
}

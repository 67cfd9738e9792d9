//! `#[derive(Validate)]` on hand-written structs: a provider with no schema
//! gets the same rules, pointers and messages as the generated types.

use dmforge::Validate;
use serde::Serialize;
use time::macros::datetime;

/// A made-up provider's message, written by hand.
#[derive(Validate, Serialize)]
#[serde(rename_all = "camelCase")]
#[validate(any_of_required(body_text, media))]
#[validate(when(media, forbid(body_text)))]
#[validate(when(
    kind = "reaction",
    require(reply_to),
    nested(reply_to, require(message_id))
))]
#[validate(dependent_required(window_from, window_to))]
#[validate(time_window(from = window_from, to = window_to, min_minutes = 60))]
#[validate(properties(max = 6))]
struct Outgoing {
    #[validate(max_bytes = 20, min_length = 1)]
    body_text: Option<String>,
    #[validate(nested)]
    media: Option<Media>,
    #[validate(max_items = 2, each(max_length = 5), min_items = 1)]
    tags: Vec<String>,
    #[validate(minimum = 1, maximum = 10)]
    retries: u8,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[validate(nested)]
    reply_to: Option<ReplyTo>,
    #[validate(format = "date-time", max_days_ahead = 1)]
    send_at: Option<String>,
    window_from: Option<Clock>,
    window_to: Option<Clock>,
}

#[derive(Validate, Serialize)]
struct Media {
    #[validate(format = "uri")]
    url: String,
    #[validate(pattern = "^image/")]
    mime: String,
}

#[derive(Validate, Serialize)]
struct ReplyTo {
    message_id: Option<String>,
}

#[derive(Validate, Serialize)]
struct Clock {
    hour: u8,
    minute: u8,
}

fn valid() -> Outgoing {
    Outgoing {
        body_text: Some("hi".into()),
        media: None,
        tags: vec!["a".into()],
        retries: 1,
        kind: None,
        reply_to: None,
        send_at: None,
        window_from: None,
        window_to: None,
    }
}

fn found(value: &Outgoing) -> Vec<(String, String)> {
    match value.validate_at_time(datetime!(2026-11-23 00:00 UTC)) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.0.into_iter().map(|v| (v.pointer, v.rule)).collect(),
    }
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(p, r)| (p.to_string(), r.to_string()))
        .collect()
}

#[test]
fn a_valid_value_passes() {
    assert_eq!(found(&valid()), pairs(&[]));
}

#[test]
fn field_rules_report_with_wire_names_and_units() {
    let mut value = valid();
    value.body_text = Some("😀".repeat(6)); // 6 characters, 24 bytes
    value.tags = vec!["a".into(), "b".into(), "toolong".into()];
    value.retries = 11;
    value.send_at = Some("2026-11-24T00:00:01Z".into());
    assert_eq!(
        found(&value),
        pairs(&[
            ("/bodyText", "maxBytes"),
            ("/retries", "maximum"),
            ("/sendAt", "maxDaysAhead"),
            ("/tags", "maxItems"),
            ("/tags/2", "maxLength"),
        ])
    );
    let errors = value.validate().expect_err("invalid");
    assert!(
        errors
            .to_string()
            .contains("/bodyText: 24 bytes, at most 20 UTF-8 bytes allowed [maxBytes]"),
        "{errors}"
    );
}

#[test]
fn nested_and_optional_values_are_validated_at_their_pointer() {
    let mut value = valid();
    value.body_text = None;
    value.media = Some(Media {
        url: "not a url".into(),
        mime: "text/plain".into(),
    });
    assert_eq!(
        found(&value),
        pairs(&[("/media/mime", "pattern"), ("/media/url", "format")])
    );
}

#[test]
fn container_rules_span_fields() {
    let mut value = valid();
    value.body_text = None;
    assert_eq!(found(&value), pairs(&[("", "anyOf")]));

    let mut value = valid();
    value.media = Some(Media {
        url: "https://example.com/a.png".into(),
        mime: "image/png".into(),
    });
    assert_eq!(found(&value), pairs(&[("/bodyText", "forbidden")]));

    let mut value = valid();
    value.kind = Some("reaction".into());
    assert_eq!(found(&value), pairs(&[("", "required")]));
    value.reply_to = Some(ReplyTo { message_id: None });
    assert_eq!(found(&value), pairs(&[("/replyTo", "required")]));

    let mut value = valid();
    value.window_from = Some(Clock {
        hour: 10,
        minute: 0,
    });
    assert_eq!(found(&value), pairs(&[("", "dependentRequired")]));
    value.window_to = Some(Clock {
        hour: 10,
        minute: 59,
    });
    assert_eq!(found(&value), pairs(&[("", "timeWindow")]));
    value.window_to = Some(Clock {
        hour: 11,
        minute: 0,
    });
    value.kind = Some("note".into());
    value.send_at = Some("2026-11-23T10:00:00Z".into());
    assert_eq!(found(&value), pairs(&[("", "maxProperties")]));
}

#[test]
fn custom_rules_and_crate_path() {
    fn even_count(
        value: &Counted,
        cx: &mut dmforge::runtime::Context,
        at: &dmforge::runtime::Path<'_>,
    ) {
        if value.items.len() % 2 == 1 {
            cx.fail(at, "evenCount", "an odd number of items");
        }
    }
    #[derive(dmforge::runtime::Validate)]
    #[dmforge(crate = "dmforge::runtime")]
    #[validate(rule = "even_count")]
    struct Counted {
        #[validate(max_items = 3)]
        items: Vec<u32>,
    }
    let value = Counted {
        items: vec![1, 2, 3, 4, 5],
    };
    let errors = dmforge::runtime::Validate::validate(&value).expect_err("two rules broken");
    let rules: Vec<&str> = errors.0.iter().map(|v| v.rule.as_str()).collect();
    assert_eq!(rules, ["evenCount", "maxItems"]);
}

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

/// Every format the runtime checks is a `format` the derive takes, checked
/// by the runtime's own function: each sample below passes or fails as the
/// format says.
#[test]
fn every_runtime_format_is_a_derive_format() {
    #[derive(Serialize, Validate)]
    struct Formats {
        #[validate(format = "date")]
        date: String,
        #[validate(format = "date-time")]
        date_time: String,
        #[validate(format = "duration")]
        duration: String,
        #[validate(format = "email")]
        email: String,
        #[validate(format = "hostname")]
        hostname: String,
        #[validate(format = "idn-email")]
        idn_email: String,
        #[validate(format = "idn-hostname")]
        idn_hostname: String,
        #[validate(format = "infobip-date-time")]
        infobip_date_time: String,
        #[validate(format = "ipv4")]
        ipv4: String,
        #[validate(format = "ipv6")]
        ipv6: String,
        #[validate(format = "iri")]
        iri: String,
        #[validate(format = "iri-reference")]
        iri_reference: String,
        #[validate(format = "json-pointer")]
        json_pointer: String,
        #[validate(format = "regex")]
        regex: String,
        #[validate(format = "relative-json-pointer")]
        relative_json_pointer: String,
        #[validate(format = "time")]
        time: String,
        #[validate(format = "uri")]
        uri: String,
        #[validate(format = "uri-reference")]
        uri_reference: String,
        #[validate(format = "uri-template")]
        uri_template: String,
        #[validate(format = "uuid")]
        uuid: String,
    }
    // (valid, invalid) per member, in the struct's order.
    let samples = [
        ("2026-11-29", "2026-13-01"),
        ("2026-11-29T10:00:00Z", "2026-11-29"),
        ("P1DT2H", "1D"),
        ("ada@example.com", "not-an-email"),
        ("example.com", "a_b.example.com"),
        ("ada@example.com", "no-at-sign"),
        ("example.com", "a_b.example.com"),
        ("2026-11-29T10:00:00.000+0100", "yesterday"),
        ("192.168.0.1", "256.0.0.1"),
        ("::1", "12345::"),
        ("https://example.com/é", "relative/path"),
        ("../x", "\\\\WINDOWS\\share"),
        ("/a/b", "a/b"),
        ("^a+$", "(unclosed"),
        ("1/a", "/a"),
        ("10:00:00Z", "25:00:00Z"),
        ("https://example.com/", "example.com"),
        ("../x", "\\\\WINDOWS\\share"),
        ("https://example.com/{id}", "https://example.com/{id"),
        (
            "2eb8aa08-aa98-11ea-b4aa-73b441d16380",
            "2eb8aa08aa9811eab4aa73b441d16380",
        ),
    ];
    assert_eq!(
        samples.len(),
        dmforge::runtime::rules::format::FORMATS.len() + 1,
        "a format the runtime checks is missing here (and maybe from the derive's list)"
    );
    let build = |pick: fn(&(&str, &str)) -> String| {
        let v: Vec<String> = samples.iter().map(pick).collect();
        Formats {
            date: v[0].clone(),
            date_time: v[1].clone(),
            duration: v[2].clone(),
            email: v[3].clone(),
            hostname: v[4].clone(),
            idn_email: v[5].clone(),
            idn_hostname: v[6].clone(),
            infobip_date_time: v[7].clone(),
            ipv4: v[8].clone(),
            ipv6: v[9].clone(),
            iri: v[10].clone(),
            iri_reference: v[11].clone(),
            json_pointer: v[12].clone(),
            regex: v[13].clone(),
            relative_json_pointer: v[14].clone(),
            time: v[15].clone(),
            uri: v[16].clone(),
            uri_reference: v[17].clone(),
            uri_template: v[18].clone(),
            uuid: v[19].clone(),
        }
    };
    assert_eq!(build(|s| s.0.to_string()).validate(), Ok(()));
    let errors = build(|s| s.1.to_string())
        .validate()
        .expect_err("every sample invalid");
    let rules: Vec<&str> = errors
        .violations()
        .iter()
        .map(|v| v.rule.as_str())
        .collect();
    assert_eq!(rules, vec!["format"; samples.len()], "{errors}");
}

/// `schema = PATH` checks a `serde_json::Value` member against a
/// `ValueSchema` written by hand: for a member that takes more than one shape.
#[test]
fn a_json_value_member_is_checked_against_its_value_schema() {
    use dmforge::runtime::value_schema::{Types, ValueSchema};
    static THREAD: ValueSchema = ValueSchema {
        types: Some(Types::INTEGER.or(Types::STRING)),
        minimum: Some(1.0),
        max_length: Some(4),
        ..ValueSchema::ANY
    };
    #[derive(Validate)]
    struct Post {
        #[validate(schema = THREAD)]
        thread: serde_json::Value,
        #[validate(each(schema = THREAD))]
        also: Vec<serde_json::Value>,
    }
    let post = |thread: serde_json::Value| Post {
        thread,
        also: vec![serde_json::json!(2), serde_json::json!("long name")],
    };
    let errors = post(serde_json::json!(7))
        .validate()
        .expect_err("one item too long");
    let found: Vec<(&str, &str)> = errors
        .violations()
        .iter()
        .map(|v| (v.pointer.as_str(), v.rule.as_str()))
        .collect();
    assert_eq!(found, [("/also/1", "maxLength")]);
    let errors = post(serde_json::json!(0.5))
        .validate()
        .expect_err("not an integer");
    let rules: Vec<&str> = errors
        .violations()
        .iter()
        .map(|v| v.rule.as_str())
        .collect();
    assert_eq!(rules, ["maxLength", "minimum", "type"]);
}

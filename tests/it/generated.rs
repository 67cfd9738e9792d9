//! The generated provider types used from Rust: values built in code are
//! checked by `Validate` with the same pointers and rules as parsing, and
//! serialize to the wire format.

use dmforge::meta_graph::send_message as meta;
use dmforge::runtime::parse::check_slice;
use dmforge::runtime::{Context, Validate};
use dmforge::webex_connect::send_message as webex;

fn parsed_violations<T: for<'de> dmforge::runtime::parse::Parse<'de>>(
    value: &serde_json::Value,
) -> Vec<(String, String)> {
    let mut cx = Context::now();
    check_slice::<T>(value.to_string().as_bytes(), &mut cx).expect("well-formed JSON");
    cx.into_violations()
        .into_iter()
        .map(|v| (v.pointer, v.rule))
        .collect()
}

fn validated<T: Validate>(value: &T) -> Vec<(String, String)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.0.into_iter().map(|v| (v.pointer, v.rule)).collect(),
    }
}

fn quick_reply(i: usize) -> meta::QuickReply {
    meta::QuickReply::Text {
        title: format!("Option {i}").try_into().expect("a title"),
        payload: format!("OPTION_{i}").try_into().expect("a payload"),
    }
}

fn text_message(text: meta::MessageTextText, replies: usize) -> meta::MessageRequest {
    meta::MessageRequest {
        recipient: meta::Recipient {
            id: Some(dmforge::text!("1789")),
            comment_id: None,
        },
        messaging_type: None,
        tag: None,
        reply_to: None,
        message: meta::Message::Text(meta::MessageText {
            text,
            quick_replies: (replies > 0).then(|| {
                meta::QuickReplies::try_from((0..replies).map(quick_reply).collect::<Vec<_>>())
                    .expect("at most 13")
            }),
        }),
    }
}

#[test]
fn built_values_are_checked_like_parsed_ones() {
    let good = meta::SendMessage::from(text_message(dmforge::text!("Hello 😀"), 13));
    assert_eq!(validated(&good), []);
    let wire = serde_json::to_value(&good).expect("serializes");
    assert_eq!(wire["message"]["quick_replies"][0]["content_type"], "text");
    assert_eq!(parsed_violations::<meta::SendMessage>(&wire), []);

    // A text over its limit cannot be made; parsing refuses it at its place.
    let long = format!("{}😀", "a".repeat(997));
    let refused = meta::MessageTextText::try_from(long.as_str()).expect_err("1001 bytes");
    assert_eq!(refused.0[0].rule, "maxBytes");
    // Nor can a fourteenth quick reply.
    let fourteen: Vec<meta::QuickReply> = (0..14).map(quick_reply).collect();
    let refused = meta::QuickReplies::try_from(fourteen).expect_err("14 replies");
    assert_eq!(refused.0[0].rule, "maxItems");
    let mut wire = serde_json::to_value(&good).expect("serializes");
    if let Some(replies) = wire["message"]["quick_replies"].as_array_mut() {
        replies.push(serde_json::to_value(quick_reply(13)).expect("serializes"));
    }
    wire["message"]["text"] = long.into();
    let expected = [
        ("/message/quick_replies", "maxItems"),
        ("/message/text", "maxBytes"),
    ]
    .map(|(p, r)| (p.to_string(), r.to_string()));
    assert_eq!(parsed_violations::<meta::SendMessage>(&wire), expected);
}

#[test]
fn cross_field_rules_hold_for_built_values() {
    // A message and a sender action are two requests: a value holding both
    // cannot be built, and one read from JSON is told so.
    let mut wire = serde_json::to_value(text_message(dmforge::text!("hi"), 0)).expect("serializes");
    wire["sender_action"] = "typing_on".into();
    assert_eq!(
        parsed_violations::<meta::SendMessage>(&wire),
        [(String::new(), "oneOf".to_string())]
    );

    let mut tagged = text_message(dmforge::text!("hi"), 0);
    tagged.tag = Some(meta::Tag::HumanAgent);
    tagged.messaging_type = Some(meta::MessagingType::Response);
    let wire = serde_json::to_value(&tagged).expect("serializes");
    let expected = [("/messaging_type".to_string(), "const".to_string())];
    assert_eq!(validated(&tagged), expected);
    assert_eq!(parsed_violations::<meta::SendMessage>(&wire), expected);
    // Through the request's alternatives (a message or a sender action,
    // told apart by their members), the one held is checked, at the same
    // pointers; a recipient with two ids breaks its own rule inside it.
    tagged.recipient.comment_id = Some(dmforge::text!("c-1"));
    let request = meta::SendMessage::Message(tagged);
    assert_eq!(
        validated(&request),
        [
            ("/messaging_type".to_string(), "const".to_string()),
            ("/recipient".to_string(), "maxProperties".to_string()),
        ]
    );
    let wire = serde_json::to_value(&request).expect("serializes");
    assert_eq!(
        parsed_violations::<meta::SendMessage>(&wire),
        validated(&request)
    );
}

#[test]
fn tagged_unions_serialize_to_the_wire_format() {
    let message = webex::SendMessage {
        from: dmforge::text!("app-id"),
        to: dmforge::text!("igsid"),
        quick_replies: None,
        callback_url: None,
        callback_data: None,
        correlation_id: None,
        notification_type: None,
        messaging_type: None,
        content_type: webex::SendMessageContentType::Sticker {
            r#type: webex::SendMessageType::LikeHeart,
        },
    };
    let wire = serde_json::to_value(&message).expect("serializes");
    assert_eq!(
        wire,
        serde_json::json!({"from": "app-id", "to": "igsid", "contentType": "STICKER", "type": "like_heart"})
    );
    assert_eq!(validated(&message), []);
}

/// Members every alternative declares alike (Meta's `recipient`) are read
/// before the one that selects (`message` or `sender_action`), into slots
/// the selected alternative takes: what they break is reported with the
/// alternative, and not when none is selected (then only that is said).
#[test]
fn members_shared_by_every_alternative_are_read_once_and_reported_with_it() {
    let parsed = |text: &str| {
        let mut cx = Context::now();
        let read = check_slice::<meta::SendMessage>(text.as_bytes(), &mut cx);
        (read.is_ok(), cx.into_violations())
    };
    let pairs = |violations: Vec<dmforge::runtime::Violation>| -> Vec<(String, String)> {
        violations
            .into_iter()
            .map(|v| (v.pointer, v.rule))
            .collect()
    };
    let (ok, found) = parsed(r#"{"recipient": {"id": ""}, "sender_action": "typing_on"}"#);
    assert!(ok);
    assert_eq!(pairs(found), [("/recipient/id".into(), "minLength".into())]);
    let (ok, found) = parsed(r#"{"recipient": {"id": ""}}"#);
    assert!(ok);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (
            found[0].pointer.as_str(),
            found[0].rule.as_str(),
            found[0].message.as_str()
        ),
        ("", "oneOf", "one of `message`, `sender_action` is required")
    );
    // Read ahead or not, a member sent twice stops parsing.
    for text in [
        r#"{"recipient": {"id": "1"}, "recipient": {"id": "2"}, "message": {"text": "hi"}}"#,
        r#"{"recipient": {"id": "1"}, "message": {"text": "hi"}, "recipient": {"id": "2"}}"#,
    ] {
        let (ok, _) = parsed(text);
        assert!(!ok, "{text}");
    }
}

/// A string type keeps rules that hold whenever it is checked, but "at most
/// 180 days ahead" depends on when: `validate_at_time` checks it again.
#[test]
fn a_rule_measured_from_now_is_checked_again_by_validate() {
    use dmforge::infobip::send_message::ScheduleSendAt;
    use dmforge::runtime::Validate as _;

    let now = time::OffsetDateTime::now_utc();
    let in_a_week = (now + time::Duration::days(7))
        .format(&time::format_description::well_known::Rfc3339)
        .expect("formats");
    let send_at = ScheduleSendAt::try_from(in_a_week).expect("a week ahead is allowed now");
    assert!(send_at.validate_at_time(now).is_ok());
    let a_year_earlier = now - time::Duration::days(365);
    let errors = send_at
        .validate_at_time(a_year_earlier)
        .expect_err("more than 180 days ahead of a year ago");
    assert_eq!(errors.0[0].rule, "maxDaysAhead");
    assert!(ScheduleSendAt::try_from("not a date").is_err());
}

//! Building messages in code: each member with rules has a type that keeps
//! them (a literal is checked at compile time by `text!`, a run-time string
//! by `try_from`/`parse`), typestate builders make required members
//! required, and `build` checks the rules that span members. The
//! compile-fail side is in `tests/ui/`.

use dmforge::meta_graph::send_message as meta;
use dmforge::webex_connect::send_message::{
    QuickReply, QuickReplyTitle, SendMessage, SendMessageContentType,
};
use dmforge::{items, text};

#[test]
fn a_webex_text_with_two_quick_replies() -> Result<(), dmforge::runtime::ValidationErrors> {
    let message = SendMessage::builder()
        .from(text!("app-id"))
        .to(text!("igsid"))
        .content_type(SendMessageContentType::Text {
            content: text!("Please confirm to proceed."),
        })
        .quick_replies(items![
            QuickReply::builder()
                .title(text!("Confirm"))
                .payload(text!("confirm"))
                .build()?,
            QuickReply::builder()
                .title(text!("Cancel"))
                .payload(text!("cancel"))
                .build()?,
        ])
        .build()?;
    let wire = serde_json::to_value(&message).expect("serializes");
    assert_eq!(wire["contentType"], "TEXT");
    assert_eq!(
        wire["quickReplies"][1],
        serde_json::json!({"type": "TEXT", "title": "Cancel", "payload": "cancel"})
    );
    Ok(())
}

#[test]
fn a_meta_text_message() -> Result<(), dmforge::runtime::ValidationErrors> {
    let message = meta::MessageRequest::builder()
        .recipient(meta::Recipient::builder().id(text!("1789")).build()?)
        .message(
            meta::MessageText::builder()
                .text(text!("Hello 😀"))
                .build()?,
        )
        .build()?;
    // The request is a message or a sender action, never both.
    let message = meta::SendMessage::from(message);
    assert_eq!(
        serde_json::to_value(&message).expect("serializes"),
        serde_json::json!({"recipient": {"id": "1789"}, "message": {"text": "Hello 😀"}})
    );
    Ok(())
}

#[test]
fn values_from_outside_are_checked_when_made() -> Result<(), dmforge::runtime::ValidationErrors> {
    let from_outside = "x".repeat(21);
    let errors = QuickReplyTitle::try_from(from_outside).expect_err("21 characters");
    assert_eq!(errors.0[0].pointer, "");
    assert_eq!(errors.0[0].rule, "maxLength");
    assert_eq!(
        errors.0[0].message,
        "21 characters, at most 20 characters allowed"
    );
    let title: QuickReplyTitle = "Confirm".parse()?;
    assert_eq!(&*title, "Confirm");
    assert_eq!(String::from(title.clone()), "Confirm");
    assert_eq!(title.to_string(), "Confirm");
    assert!("".parse::<QuickReplyTitle>().is_err());
    // A format is checked too, at run time.
    let url = dmforge::webex_connect::send_message::SendMessageCallbackUrl::try_from("not a url");
    assert_eq!(url.expect_err("not a URI").0[0].rule, "format");
    // A Meta message is text, an attachment or images, never two: an enum.
    let message: meta::Message = meta::MessageText::builder()
        .text(text!("hi"))
        .build()?
        .into();
    assert!(matches!(message, meta::Message::Text(_)));
    Ok(())
}

#[test]
fn limits_are_the_schemas() {
    assert_eq!(meta::MessageTextText::LIMITS.max_bytes, Some(1000));
    assert_eq!(meta::QuickReplies::LIMITS.max_items, Some(13));
    assert_eq!(QuickReplyTitle::LIMITS.max_chars, Some(20));
    assert_eq!(
        dmforge::webex_connect::send_message::SendMessageQuickReplies::LIMITS.max_items,
        Some(10)
    );
}

#[test]
fn lists_keep_their_count() {
    use dmforge::webex_connect::send_message::SendMessageQuickReplies;
    let reply = || {
        QuickReply::builder()
            .title(text!("Yes"))
            .payload(text!("yes"))
            .build()
            .expect("valid")
    };
    let mut replies: SendMessageQuickReplies = items![reply()];
    for _ in 1..10 {
        replies.push(reply()).expect("room for ten");
    }
    assert!(replies.push(reply()).is_err(), "an eleventh is handed back");
    assert_eq!(replies.len(), 10);
    let refused = SendMessageQuickReplies::try_from(vec![reply(); 11]).expect_err("eleven");
    assert_eq!(refused.0[0].rule, "maxItems");
    // The type named first, for a list not yet in its place.
    let named = items![SendMessageQuickReplies; reply(), reply()];
    assert_eq!(named.len(), 2);
}

/// Infobip's `sendAt` is an instant, not a string: made from a
/// `time::OffsetDateTime` or read in either form the format accepts, it is
/// written in Infobip's documented `yyyy-MM-dd'T'HH:mm:ss.SSSZ`.
#[test]
fn a_send_time_is_an_instant_written_in_infobips_format(
) -> Result<(), dmforge::runtime::ValidationErrors> {
    use dmforge::infobip::send_message::{Schedule, ScheduleSendAt};
    use dmforge::runtime::time::{Duration, OffsetDateTime, UtcOffset};

    let offset = UtcOffset::from_hms(2, 0, 0).expect("an offset");
    let tomorrow = (OffsetDateTime::now_utc() + Duration::days(1)).to_offset(offset);
    let send_at = ScheduleSendAt::try_from(tomorrow)?;
    assert_eq!(send_at.unix_timestamp(), tomorrow.unix_timestamp());
    let schedule = Schedule::builder().send_at(send_at).build()?;
    let written = serde_json::to_value(&schedule).expect("writes");
    let text = written["sendAt"].as_str().unwrap_or_default();
    assert_eq!(text.len(), "2026-12-01T10:00:00.000+0200".len(), "{text}");
    assert!(text.ends_with("+0200"), "{text}");
    assert_eq!(text.parse::<ScheduleSendAt>()?, send_at);

    // RFC 3339 is read too, and written in Infobip's form.
    let in_utc = tomorrow
        .to_offset(UtcOffset::UTC)
        .replace_nanosecond(0)
        .expect("whole seconds");
    let rfc3339 = in_utc
        .format(&dmforge::runtime::time::format_description::well_known::Rfc3339)
        .expect("formats");
    assert!(rfc3339.ends_with('Z'), "{rfc3339}");
    let read: ScheduleSendAt = rfc3339.parse()?;
    assert_eq!(read.get(), in_utc);
    assert!(read.to_string().ends_with(".000+0000"), "{read}");
    let a_year_ahead = OffsetDateTime::now_utc() + Duration::days(365);
    let refused = ScheduleSendAt::try_from(a_year_ahead).expect_err("over 180 days");
    assert_eq!(refused.0[0].rule, "maxDaysAhead");
    assert_eq!(
        "next week"
            .parse::<ScheduleSendAt>()
            .expect_err("no date")
            .0[0]
            .rule,
        "format"
    );
    Ok(())
}

/// A list its owner still checks (of JSON values, of items that may be
/// `null`) is a `Vec`: `items![limits = …]` checks a literal's count against
/// the owner's limits at compile time and gives the `Vec`.
#[test]
fn a_list_its_owner_checks_is_counted_against_the_owners_limits() {
    const LABELS: dmforge::runtime::lit::ItemLimits = dmforge::runtime::lit::ItemLimits {
        name: "acme::note::Note.labels",
        min_items: Some(1),
        max_items: Some(2),
    };
    let labels: Vec<serde_json::Value> =
        items![limits = LABELS; serde_json::json!(1), serde_json::json!("two")];
    assert_eq!(labels.len(), 2);
}

//! Building messages in code: typestate builders (required members must be
//! set for `build` to exist; `build` checks every rule) and literals checked
//! at compile time. The compile-fail side is in `tests/ui/`.

use dmforge::meta_graph::send_message as meta;
use dmforge::webex_connect::send_message::{QuickReply, SendMessage, SendMessageContentType};
use dmforge::{items, text};

#[test]
fn a_webex_text_with_two_quick_replies() -> Result<(), dmforge::runtime::ValidationErrors> {
    let message = SendMessage::builder()
        .from("app-id")
        .to("igsid")
        .content_type(SendMessageContentType::Text {
            content: text!(SendMessageContentType::TEXT_CONTENT, "Please confirm to proceed.").into(),
        })
        .quick_replies(items![SendMessage::QUICK_REPLIES;
            QuickReply::builder().title(text!(QuickReply::TITLE, "Confirm")).payload("confirm").build()?,
            QuickReply::builder().title(text!(QuickReply::TITLE, "Cancel")).payload("cancel").build()?,
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
        .recipient(meta::Recipient::builder().id("1789").build()?)
        .message(
            meta::MessageText::builder()
                .text(text!(meta::MessageText::TEXT, "Hello 😀"))
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
fn build_checks_the_rules_that_span_members_and_values_from_outside(
) -> Result<(), dmforge::runtime::ValidationErrors> {
    let from_outside = "x".repeat(21);
    let errors = QuickReply::builder()
        .title(from_outside)
        .payload("p")
        .build()
        .expect_err("21 characters");
    assert_eq!(errors.0[0].pointer, "/title");
    assert_eq!(errors.0[0].rule, "maxLength");
    // A Meta message is text, an attachment or images, never two: an enum.
    let message: meta::Message = meta::MessageText::builder()
        .text(text!(meta::MessageText::TEXT, "hi"))
        .build()?
        .into();
    assert!(matches!(message, meta::Message::Text(_)));
    Ok(())
}

#[test]
fn limits_are_the_schemas() {
    assert_eq!(meta::MessageText::TEXT.max_bytes, Some(1000));
    assert_eq!(meta::MessageText::QUICK_REPLIES.max_items, Some(13));
    assert_eq!(QuickReply::TITLE.max_chars, Some(20));
    assert_eq!(SendMessage::QUICK_REPLIES.max_items, Some(10));
}

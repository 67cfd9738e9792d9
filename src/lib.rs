//! Self-validating request types for the Instagram messaging providers:
//! Meta's Instagram Platform (Graph API), Infobip, Webex Connect
//! (imiconnect) and abebot.
//!
//! Each provider is a module of types generated from a JSON Schema of its
//! send-message API. A type refuses any value that breaks a provider rule,
//! checked in the unit the provider counts in: Meta's text is at most 1000
//! UTF-8 **bytes** (an emoji counts 4), Infobip's text 1000 and Webex
//! Connect's titles 80 / 20 **characters**, quick replies, buttons and
//! template elements are **items**. Every violation is reported with its
//! JSON Pointer, not just the first.
//!
//! # Parsing: every rule checked as the bytes are read
//!
//! ```
//! use dmforge::meta_graph::send_message::SendMessage;
//!
//! let ok: SendMessage =
//!     serde_json::from_str(r#"{"recipient": {"id": "1789"}, "message": {"text": "Hi 😀"}}"#)?;
//! // A request is a message or a sender action, never both: an enum.
//! assert!(matches!(&ok, SendMessage::Message(m) if m.recipient.id.as_deref() == Some("1789")));
//!
//! let too_long = format!(r#"{{"recipient": {{"id": "1789"}}, "message": {{"text": "{}"}}}}"#, "😀".repeat(251));
//! let error = serde_json::from_str::<SendMessage>(&too_long).unwrap_err();
//! assert!(error.to_string().contains("/message/text: 1004 bytes, at most 1000 UTF-8 bytes allowed [maxBytes]"));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Building messages in code
//!
//! Each member with rules has a type that keeps them (`MessageTextText`):
//! [`text!`] makes a literal into it, checked at compile time, and
//! `try_from`/`parse` make a run-time string into it, checked then. Builders
//! make a missing required member a compile error, and `build()` checks the
//! rules left (counts, numbers, rules across members):
//!
//! ```
//! use dmforge::meta_graph::send_message as meta;
//! use dmforge::text;
//!
//! let message = meta::MessageRequest::builder()
//!     .recipient(meta::Recipient::builder().id(text!("1789")).build()?)
//!     .message(meta::MessageText::builder().text(text!("Hello 😀")).build()?)
//!     .build()?;
//! assert_eq!(serde_json::to_value(&message).unwrap()["message"]["text"], "Hello 😀");
//! # Ok::<(), dmforge::runtime::ValidationErrors>(())
//! ```
//!
//! A value built by hand is checked with [`Validate::validate`] (or
//! `validate_at_time(now)` for date rules).
//!
//! # Hand-written types
//!
//! [`derive@Validate`] gives a struct of your own the same rules, as
//! attributes (`max_bytes`, `max_length`, `max_items`, `format`, cross-field
//! rules, …); see the README for the full list.
//!
//! # A new provider
//!
//! Generate types from its JSON Schema with
//! [`dmforge-codegen`](https://docs.rs/dmforge-codegen)'s `Builder` in
//! `build.rs`, or with `dmforge generate` (crate `dmforge-cli`) into files
//! to check in. The generated code needs only this crate.
//!
//! # Features
//!
//! - `meta_graph`, `infobip`, `webex_connect`, `abebot` (all on by
//!   default): one provider module each. An application that sends through
//!   one provider turns off the default features and names it.
//! - `json-schema`: every generated type derives `schemars::JsonSchema`.
//! - `request`: each request type (`Operation`) becomes the
//!   `http::Request` its provider accepts, and its provider's answer a
//!   typed response or error (`runtime::request`); no I/O.
//! - `client`: `runtime::client::Sender` sends them, with reqwest over
//!   rustls: timeouts, retries, rate limits, bulk sends.
//!
//! The command line (`dmforge validate`, `generate`, `check`, `send`) is the
//! crate `dmforge-cli`; without `request` and `client`, this crate depends
//! on nothing but the runtime.

// Formatted by prettyplease as the generator wrote it; `tests/bundled.rs` in
// dmforge-codegen checks it byte for byte, so rustfmt must leave it alone.
#[rustfmt::skip]
#[path = "generated/mod.rs"]
mod generated;

#[cfg(feature = "abebot")]
pub use generated::abebot;
#[cfg(feature = "infobip")]
pub use generated::infobip;
#[cfg(feature = "meta_graph")]
pub use generated::meta_graph;
#[cfg(feature = "webex_connect")]
pub use generated::webex_connect;
/// Every bundled schema's typed checker, by id (`meta_graph/send_message`,
/// …), for tools that pick a schema at run time.
pub use generated::SCHEMAS;

pub use dmforge_runtime as runtime;
/// The `Validate` trait and `#[derive(Validate)]`.
pub use dmforge_runtime::Validate;
pub use dmforge_runtime::{ValidationErrors, Violation};

/// A string literal made into the type of the member it is for, its limits
/// checked at compile time. Each member with rules has a type of its own
/// (`MessageTextText` for Meta's message text), inferred where the literal
/// goes, or named first:
///
/// ```
/// use dmforge::meta_graph::send_message::{MessageText, MessageTextText};
/// let message = MessageText::builder().text(dmforge::text!("Hello 😀")).build()?;
/// let text: MessageTextText = dmforge::text!(MessageTextText, "Hello 😀");
/// assert_eq!(message.text, text);
/// # Ok::<(), dmforge::ValidationErrors>(())
/// ```
///
/// Over the limit, `cargo build` fails with the provider module, the type,
/// the actual size and the limit in its unit
/// (`meta_graph::send_message::MessageTextText: 1001 UTF-8 bytes, at most
/// 1000 allowed`). The limits are the type's own, so a literal checked for
/// one member cannot be given to another. A literal checked here needs no
/// check at run time. The text must be a string literal: a value known only
/// at run time is refused with a message saying so; make it with the type's
/// `try_from` or `parse`, which check it. A member whose rules are more than
/// limits (a format, a pattern) cannot be checked in a constant, which says
/// so at compile time.
#[macro_export]
macro_rules! text {
    ($text:literal $(,)?) => {
        $crate::runtime::text::Text::from_literal(const {
            $crate::runtime::text::Literal::new($text)
        })
    };
    ($type:ty, $text:literal $(,)?) => {
        <$type>::from_literal(const { $crate::runtime::text::Literal::new($text) })
    };
    ($type:ty, $text:expr $(,)?) => {
        ::core::compile_error!(::core::concat!(
            "text! checks a string literal at compile time, and `",
            ::core::stringify!($text),
            "` is not a literal: write the text itself in quotes, ",
            "or make a run-time string with the member type's `try_from` or `parse`, which check it"
        ))
    };
    ($text:expr $(,)?) => {
        ::core::compile_error!(::core::concat!(
            "text! checks a string literal at compile time, and `",
            ::core::stringify!($text),
            "` is not a literal: write the text itself in quotes, ",
            "or make a run-time string with the member type's `try_from` or `parse`, which check it"
        ))
    };
}

/// An integer literal made into the type of the member it is for, its
/// rules checked at compile time. Each number member with a rule its Rust
/// type does not hold (a bound, a `multipleOf`) has a type of its own
/// (`SendTextUserId` for abebot's user id), inferred where the literal
/// goes, or named first:
///
/// ```
/// use dmforge::abebot::send_text::{SendText, SendTextUserId};
/// let message = SendText::builder()
///     .user_id(dmforge::number!(885653200))
///     .message(dmforge::text!("Hello"))
///     .build()?;
/// let id: SendTextUserId = dmforge::number!(SendTextUserId, 885653200);
/// assert_eq!(message.user_id, id);
/// assert_eq!(id.get(), 885653200);
/// # Ok::<(), dmforge::ValidationErrors>(())
/// ```
///
/// Out of bounds, `cargo build` fails with the type, the value and the
/// bound (`abebot::send_text::SendTextUserId: 0, at least 1 required`). A
/// `type: number` member, or one whose `multipleOf` is not a whole number
/// below 10^15, is checked at run time: make it with the type's `try_from`
/// or `parse`.
#[macro_export]
macro_rules! number {
    ($number:literal $(,)?) => {
        $crate::runtime::number::Number::from_literal(
            const { $crate::runtime::number::Literal::new($number) },
        )
    };
    ($type:ty, $number:literal $(,)?) => {
        <$type>::from_literal(const { $crate::runtime::number::Literal::new($number) })
    };
    ($type:ty, $number:expr $(,)?) => {
        ::core::compile_error!(::core::concat!(
            "number! checks an integer literal at compile time, and `",
            ::core::stringify!($number),
            "` is not a literal: write the number itself, ",
            "or make a run-time value with the member type's `try_from` or `parse`, which check it"
        ))
    };
    ($number:expr $(,)?) => {
        ::core::compile_error!(::core::concat!(
            "number! checks an integer literal at compile time, and `",
            ::core::stringify!($number),
            "` is not a literal: write the number itself, ",
            "or make a run-time value with the member type's `try_from` or `parse`, which check it"
        ))
    };
}

/// A list of items written out, made into the type of the list member it
/// is for, its count checked at compile time against that type's limits
/// (inferred where the list goes, or named first: `items![QuickReplies; a,
/// b]`). Over the limit, `cargo build` fails with the type, the count and
/// the limit (`meta_graph::send_message::QuickReplies: 14 items, at most 13
/// allowed`). Each item is checked as its own type is made.
///
/// A list whose items must also differ (`uniqueItems`) is a `UniqueList`:
/// `items![SendNoteTags; a, b]` checks its count at compile time and its
/// items when made, so it gives a `Result` (a constant cannot compare
/// them). A list its owner still checks (of JSON values, of items that may
/// be `null`, of lists) is a `Vec`, and its owner carries the limits:
/// `items![limits = Owner::MEMBER; a, b]` checks the count against them and
/// gives the `Vec`.
#[macro_export]
macro_rules! items {
    (limits = $limits:expr; $($item:expr),* $(,)?) => {{
        const {
            $crate::runtime::lit::check_items(<[()]>::len(&[$($crate::__unit!($item)),*]), &$limits)
        };
        ::std::vec![$($item),*]
    }};
    ($($item:expr),* $(,)?) => {
        $crate::runtime::list::List::from_literal(
            const { $crate::runtime::list::Count::new(<[()]>::len(&[$($crate::__unit!($item)),*])) },
            ::std::vec![$($item),*],
        )
    };
    ($type:ty; $($item:expr),* $(,)?) => {
        <$type>::from_literal(
            const { $crate::runtime::list::Count::new(<[()]>::len(&[$($crate::__unit!($item)),*])) },
            ::std::vec![$($item),*],
        )
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __unit {
    ($item:expr) => {
        ()
    };
}

// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

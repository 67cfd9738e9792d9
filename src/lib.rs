//! dmforge: schema-driven, self-validating request types for Instagram
//! messaging providers (Meta Graph, Infobip, Webex Connect, abebot).
//!
//! This facade crate owns the `dmforge` binary and the pieces it is built
//! from: the bundled [`registry`] of schemas, strict [`payload`] parsing,
//! validation [`engine`]s, [`locate`] (JSON Pointer → line:column) and the
//! [`report`] of a `dmforge validate` run. See ARCHITECTURE.md.

#![doc = include_str!("../README.md")]

pub mod conformance;
pub mod engine;
pub mod payload;
pub mod registry;
pub mod report;

pub use dmforge_generated::{abebot, infobip, meta_graph, webex_connect, SCHEMAS};
pub use dmforge_runtime as runtime;
/// The `Validate` trait and `#[derive(Validate)]`.
pub use dmforge_runtime::Validate;
pub use dmforge_runtime::{locate, pointer, position, rules, Violation};

/// A string literal checked at compile time against a member's limits,
/// which generated types carry as constants named after the member:
///
/// ```
/// use dmforge::meta_graph::send_message::Message;
/// let text: &'static str = dmforge::text!(Message::TEXT, "Hello 😀");
/// ```
///
/// Over the limit, `cargo build` fails with the member, the actual size and
/// the limit in its unit (`Message.text: 1001 UTF-8 bytes, at most 1000
/// allowed`). A literal checked here needs no check at run time.
#[macro_export]
macro_rules! text {
    ($limits:expr, $text:expr $(,)?) => {{
        const CHECKED: &str = $crate::runtime::lit::check_str($text, &$limits);
        CHECKED
    }};
}

/// A `Vec` of literal items whose count is checked at compile time against
/// a list member's limits (`items!(Message::QUICK_REPLIES; a, b)`).
#[macro_export]
macro_rules! items {
    ($limits:expr; $($item:expr),* $(,)?) => {{
        const _: () = $crate::runtime::lit::check_items(
            <[()]>::len(&[$($crate::__unit!($item)),*]),
            &$limits,
        );
        ::std::vec![$($item),*]
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __unit {
    ($item:expr) => {
        ()
    };
}

// The text inside is not a public field: it cannot be replaced after the
// value was made.
use dmforge::webex_connect::send_message::QuickReplyTitle;

fn main() {
    let mut title: QuickReplyTitle = dmforge::text!("Confirm");
    title.0 = std::borrow::Cow::Borrowed("a title far over twenty characters");
}

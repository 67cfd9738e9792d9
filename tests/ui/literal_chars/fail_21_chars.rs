// A Webex quick-reply title of 22 characters: over the 20-character limit.
use dmforge::webex_connect::send_message::QuickReplyTitle;

fn main() {
    let _title = dmforge::text!(QuickReplyTitle, "Confirm your order now");
}

// A Webex quick-reply title of 21 characters: over the 20-character limit.
use dmforge::webex_connect::send_message::QuickReply;

fn main() {
    let _title = dmforge::text!(QuickReply::TITLE, "Confirm your order now");
}

// A Webex quick-reply title of 20 emoji: 20 characters (80 bytes), the limit.
use dmforge::webex_connect::send_message::QuickReplyTitle;

fn main() {
    let title = dmforge::text!(QuickReplyTitle, "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀");
    assert_eq!(title.chars().count(), 20);
}

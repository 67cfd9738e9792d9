// There is no `From<String>` (nor `Into` from one) that would skip the rules.
use dmforge::webex_connect::send_message::QuickReplyTitle;

fn main() {
    let _title: QuickReplyTitle = String::from("Confirm").into();
}

// 11 quick replies: over Webex Connect's limit of 10 (Meta allows 13).
use dmforge::webex_connect::send_message::{QuickReply, SendMessageQuickReplies};

fn reply() -> QuickReply {
    QuickReply::builder().title(dmforge::text!("Yes")).payload(dmforge::text!("yes")).build().expect("valid")
}

fn main() {
    let _replies: SendMessageQuickReplies = dmforge::items![
        reply(), reply(), reply(), reply(), reply(), reply(), reply(), reply(), reply(), reply(), reply()];
}

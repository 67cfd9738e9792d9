// 11 quick replies: over Webex Connect's limit of 10 (Meta allows 13).
use dmforge::webex_connect::send_message::{QuickReply, SendMessage};

fn reply() -> QuickReply {
    QuickReply::builder().title(dmforge::text!("Yes")).payload(dmforge::text!("yes")).build().expect("valid")
}

fn main() {
    let _replies = dmforge::items![SendMessage::QUICK_REPLIES;
        reply(), reply(), reply(), reply(), reply(), reply(), reply(), reply(), reply(), reply(), reply()];
}

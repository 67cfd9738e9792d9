// 13 quick replies: Meta's limit.
use dmforge::meta_graph::send_message::{MessageText, QuickReply};

fn main() {
    let replies: Vec<QuickReply> = dmforge::items![MessageText::QUICK_REPLIES; QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }];
    assert_eq!(replies.len(), 13);
}

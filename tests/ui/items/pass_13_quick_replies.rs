// 13 quick replies: Meta's limit.
use dmforge::meta_graph::send_message::{QuickReplies, QuickReply};

fn main() {
    let replies: QuickReplies = dmforge::items![ QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }, QuickReply::Text { title: dmforge::text!("Yes"), payload: dmforge::text!("YES") }];
    assert_eq!(replies.len(), 13);
}

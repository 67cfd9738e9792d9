// 14 quick replies: one over Meta's limit of 13.
use dmforge::meta_graph::send_message::{MessageText, QuickReply};

fn main() {
    let _replies: Vec<QuickReply> = dmforge::items![MessageText::QUICK_REPLIES; QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }, QuickReply::Text { title: "Yes".into(), payload: "YES".into() }];
}

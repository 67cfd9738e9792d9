// A literal checked for one member cannot be given to another: Infobip's
// 1,000-character text is not a Meta quick-reply title (20 characters).
use dmforge::infobip::send_message::ContentText;
use dmforge::meta_graph::send_message::QuickReply;

fn main() {
    let text: ContentText = dmforge::text!("Confirm");
    let _reply = QuickReply::Text { title: text, payload: dmforge::text!("CONFIRM") };
}

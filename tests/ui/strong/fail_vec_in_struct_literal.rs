// A `Vec` cannot be put where a list with a count limit goes: 14 quick
// replies in a struct literal do not compile.
use dmforge::meta_graph::send_message::{MessageText, QuickReply};

fn main() {
    let replies: Vec<QuickReply> = Vec::new();
    let _message = MessageText { text: dmforge::text!("hi"), quick_replies: Some(replies) };
}

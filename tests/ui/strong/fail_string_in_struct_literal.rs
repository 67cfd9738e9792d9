// A `String` cannot be put where a member with rules goes: a 2,000-byte
// text in a struct literal does not compile.
use dmforge::meta_graph::send_message::MessageText;

fn main() {
    let _message = MessageText { text: "a".repeat(2000), quick_replies: None };
}

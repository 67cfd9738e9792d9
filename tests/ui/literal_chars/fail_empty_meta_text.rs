// Meta's text may not be empty (at least 1 character).
use dmforge::meta_graph::send_message::MessageText;

fn main() {
    let _text = dmforge::text!(MessageText::TEXT, "");
}

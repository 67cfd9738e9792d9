// Meta's text may not be empty (at least 1 character), wherever it goes.
use dmforge::meta_graph::send_message::MessageText;

fn main() {
    let _message = MessageText::builder().text(dmforge::text!("")).build();
}

// A Meta message is text, an attachment or images: a text message has no
// `attachment` member, so a value holding both cannot be written.
use dmforge::meta_graph::send_message::MessageText;

fn main() {
    let _message = MessageText { text: dmforge::text!("hi"), quick_replies: None, attachment: None };
}

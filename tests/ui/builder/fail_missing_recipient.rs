// No recipient: Meta requires one, so there is no `build` to call.
use dmforge::meta_graph::send_message::{MessageText, SendMessage};

fn main() {
    let _message = SendMessage::builder().message(MessageText::builder().text("hi").build().unwrap()).build();
}

// No recipient: Meta requires one, so there is no `build` to call.
use dmforge::meta_graph::send_message::{Message, SendMessage};

fn main() {
    let _message = SendMessage::builder().message(Message::builder().text("hi").build().unwrap()).build();
}

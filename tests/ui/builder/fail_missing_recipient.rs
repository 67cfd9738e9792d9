// No recipient: Meta requires one, so there is no `build` to call.
use dmforge::meta_graph::send_message::{MessageRequest, MessageText};

fn main() {
    let _message = MessageRequest::builder().message(MessageText::builder().text(dmforge::text!("hi")).build().unwrap()).build();
}

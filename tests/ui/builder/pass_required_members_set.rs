// Every required member set: `build` exists.
use dmforge::meta_graph::send_message::{MessageRequest, MessageText, Recipient};

fn main() -> Result<(), dmforge::runtime::ValidationErrors> {
    let _message = MessageRequest::builder()
        .recipient(Recipient::builder().id(dmforge::text!("1789")).build()?)
        .message(MessageText::builder().text(dmforge::text!("hi")).build()?)
        .build()?;
    Ok(())
}

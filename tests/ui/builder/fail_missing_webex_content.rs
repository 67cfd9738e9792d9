// Webex Connect needs `from`, `to` and a content type; `to` is missing.
use dmforge::webex_connect::send_message::{SendMessage, SendMessageContentType};

fn main() {
    let _message = SendMessage::builder()
        .from(dmforge::text!("app-id"))
        .content_type(SendMessageContentType::Text { content: dmforge::text!("hi") })
        .build();
}

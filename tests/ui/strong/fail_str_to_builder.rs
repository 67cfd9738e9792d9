// A `&str` cannot be given to a member with rules: the builder takes the
// member's type, made by `text!`, `try_from` or `parse`.
use dmforge::meta_graph::send_message::MessageText;

fn main() {
    let _message = MessageText::builder().text("hi").build();
}

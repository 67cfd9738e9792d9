// The limits must be a member's constant: the compiler points at the
// user's own `let`, not into dmforge.
use dmforge::meta_graph::send_message::Message;

fn main() {
    let limits = Message::TEXT;
    let _text = dmforge::text!(limits, "Hello");
}

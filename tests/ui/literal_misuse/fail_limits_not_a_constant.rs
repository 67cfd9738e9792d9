// The limits must be a member's constant: the compiler points at the
// user's own `let`, not into dmforge.
use dmforge::meta_graph::send_message::MessageText;

fn main() {
    let limits = MessageText::TEXT;
    let _text = dmforge::text!(limits, "Hello");
}

// text! takes the member's type (or infers it), not limits: the old
// `text!(MessageText::TEXT, ..)` form is refused.
use dmforge::meta_graph::send_message::MessageText;

fn main() {
    let _text = dmforge::text!(MessageText::TEXT, "Hello");
}

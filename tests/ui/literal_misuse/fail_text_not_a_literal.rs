// text! checks a literal at compile time; a run-time string is refused with
// a message saying so, not a suggestion to edit dmforge's macro.
use dmforge::meta_graph::send_message::MessageTextText;

fn main() {
    let greeting = String::from("Hello");
    let _text = dmforge::text!(MessageTextText, &greeting);
}

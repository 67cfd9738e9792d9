// A plain integer cannot be put where a number with rules goes: an hour in
// a struct literal is made by `number!` or `try_from`, which check it.
use dmforge::infobip::send_message::TimeOfDay;

fn main() {
    let _nine = TimeOfDay { hour: 9, minute: 30 };
}

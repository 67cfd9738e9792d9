// A number literal is checked against its member's bounds at compile time:
// Infobip's delivery window has no 24th hour.
use dmforge::infobip::send_message::TimeOfDay;

fn main() {
    let _late = TimeOfDay { hour: dmforge::number!(24), minute: dmforge::number!(0) };
}

// A number checked for one member cannot be given to another: a minute
// (up to 59) is not an hour (up to 23), though both are `i32`s.
use dmforge::infobip::send_message::{TimeOfDay, TimeOfDayMinute};

fn main() {
    let minute: TimeOfDayMinute = dmforge::number!(45);
    let _time = TimeOfDay { hour: minute, minute };
}

// number! checks a literal at compile time; a value known only at run time
// is refused with a message naming the way that checks it.
use dmforge::infobip::send_message::TimeOfDayHour;

fn main() {
    let hour = 9;
    let _hour: TimeOfDayHour = dmforge::number!(TimeOfDayHour, hour);
}

// A number type reads as the number it holds, and a run-time number becomes
// one through its checks.
use dmforge::infobip::send_message::{TimeOfDay, TimeOfDayHour};

fn main() -> Result<(), dmforge::runtime::ValidationErrors> {
    let hour: TimeOfDayHour = "9".parse()?;
    assert_eq!(hour.get(), 9);
    assert_eq!(*hour + 1, 10);
    assert_eq!(i32::from(hour), 9);
    assert_eq!(format!("{hour}"), "9");
    assert!(TimeOfDayHour::try_from(24).is_err());
    assert!("-1".parse::<TimeOfDayHour>().is_err());
    let time = TimeOfDay { hour, minute: dmforge::number!(30) };
    assert_eq!(time.minute, 30);
    Ok(())
}

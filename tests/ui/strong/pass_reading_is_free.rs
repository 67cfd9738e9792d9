// A member's type reads as the string it holds, and a run-time string
// becomes one through its checks.
use dmforge::webex_connect::send_message::QuickReplyTitle;

fn main() -> Result<(), dmforge::runtime::ValidationErrors> {
    let title: QuickReplyTitle = "Confirm".parse()?;
    let borrowed: &str = &title;
    assert_eq!(borrowed.len(), 7);
    assert_eq!(title.as_ref() as &str, "Confirm");
    assert_eq!(format!("{title}"), "Confirm");
    let owned: String = title.clone().into();
    assert_eq!(owned, "Confirm");
    assert!(QuickReplyTitle::try_from("x".repeat(21)).is_err());
    Ok(())
}

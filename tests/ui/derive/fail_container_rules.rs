// Container rules must name fields of the struct and be well formed.
use dmforge::Validate;

#[derive(Validate)]
#[validate(any_of_required(text, picture))]
#[validate(when(kind = "reply"))]
#[validate(time_window(from = start))]
#[validate(cross_check)]
#[dmforge(krate = "dmforge::runtime")]
struct Bad {
    text: Option<String>,
    kind: Option<String>,
    start: Option<String>,
}

fn main() {}

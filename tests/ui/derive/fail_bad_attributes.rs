// Every bad attribute is reported, each at its own span, in one compile.
use dmforge::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(max_chars = 10)]
    unknown_rule: String,
    #[validate(max_length = 5, max_length = 6)]
    duplicate: String,
    #[validate(max_bytes = 10)]
    not_a_string: u32,
    #[validate(max_items = 2)]
    not_a_list: String,
    #[validate(min_length = 5, max_length = 2)]
    contradictory: String,
    #[validate(format = "phone-number")]
    unknown_format: String,
    #[validate(minimum = "one")]
    not_a_number: i64,
    #[validate(nested)]
    nested_plain_value: bool,
}

fn main() {}

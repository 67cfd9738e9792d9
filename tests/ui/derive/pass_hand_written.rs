// A hand-written struct for a provider with no schema, using every kind of rule.
use dmforge::Validate;

#[derive(Validate)]
#[validate(any_of_required(text, image_url))]
#[validate(when(kind = "reply", require(reply_to)))]
struct Outgoing {
    #[validate(max_bytes = 1000, min_length = 1)]
    text: Option<String>,
    #[validate(format = "uri")]
    image_url: Option<String>,
    #[validate(max_items = 3, each(max_length = 20))]
    tags: Vec<String>,
    #[validate(minimum = 1, maximum = 100)]
    priority: u32,
    kind: Option<String>,
    reply_to: Option<String>,
}

fn main() {
    let value = Outgoing { text: Some("hi".into()), image_url: None, tags: vec![], priority: 1, kind: None, reply_to: None };
    assert!(value.validate().is_ok());
}

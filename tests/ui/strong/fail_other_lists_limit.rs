// A list counted for one member cannot be given to another, even with the
// same items and limits: a button template's buttons are not a generic
// element's, each member's list being a type of its own.
use dmforge::meta_graph::send_message::{GenericElementButtons, TemplatePayloadButtons};

fn element_buttons(template: TemplatePayloadButtons) -> GenericElementButtons {
    template
}

fn main() {}

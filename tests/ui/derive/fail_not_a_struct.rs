// The derive supports structs with named fields.
use dmforge::Validate;

#[derive(Validate)]
enum Choice {
    A,
    B,
}

#[derive(Validate)]
struct Tuple(String);

fn main() {}

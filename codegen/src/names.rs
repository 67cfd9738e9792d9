//! Rust names from schema names: `send message` → `SendMessage`,
//! `contentType` → `content_type`, `type` → `r#type`.

/// Words of a name: split on anything not alphanumeric and before an upper-
/// case letter that follows a lower-case one or a digit.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        // Identifiers stay ASCII: rustc lints non-ASCII ones (confusable
        // scripts), and a reader should be able to type them.
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous = None;
            continue;
        }
        let boundary =
            c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
        previous = Some(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// A name for text with no ASCII letters or digits: its code points.
fn code_points(name: &str) -> String {
    name.chars().map(|c| format!("U{:04X}", c as u32)).collect()
}

/// `UpperCamelCase`; a leading digit gets a `V` before it.
#[must_use]
pub fn upper_camel(name: &str) -> String {
    let mut out: String = words(name)
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    if out.is_empty() {
        out = if name.is_empty() {
            "Empty".to_string()
        } else {
            code_points(name)
        };
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// `snake_case`; keywords become raw identifiers (`r#type`).
#[must_use]
pub fn snake(name: &str) -> String {
    let mut out = words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if out.is_empty() {
        out = if name.is_empty() {
            "empty".to_string()
        } else {
            code_points(name).to_lowercase()
        };
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if is_keyword(&out) {
        out.insert_str(0, "r#");
    }
    out
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// Type names that tell nothing without their owner's in front: a member
/// named `type` gets `MessageType`, not `Type`.
const SAYS_NOTHING_ALONE: &[&str] = &[
    "Type", "Kind", "Item", "Items", "Value", "Values", "Data", "Object", "Element", "Elements",
    "Entry", "Entries",
];

/// Names generated code uses unqualified (the prelude's types, `Self`): a
/// type of the schema's with one of them would shadow it and the code
/// would not compile.
const TAKEN_BY_RUST: &[&str] = &[
    "Self", "Result", "Option", "Some", "None", "Ok", "Err", "String", "Vec", "Box", "Default",
    "From", "Into",
];

/// Whether `name` says nothing alone (`Type`, `Kind`, `Item`, `Value`, …).
#[must_use]
pub fn says_nothing_alone(name: &str) -> bool {
    SAYS_NOTHING_ALONE.contains(&name)
}

/// Whether a type may not be named `name` in generated code: a name Rust
/// or the code around it already uses.
#[must_use]
pub fn taken_by_rust(name: &str) -> bool {
    TAKEN_BY_RUST.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_and_snake() {
        assert_eq!(upper_camel("Send message"), "SendMessage");
        assert_eq!(upper_camel("send_message"), "SendMessage");
        assert_eq!(upper_camel("MEDIA_SHARE"), "MediaShare");
        assert_eq!(upper_camel("like_heart"), "LikeHeart");
        assert_eq!(upper_camel("application/json"), "ApplicationJson");
        assert_eq!(upper_camel("imageAttachment"), "ImageAttachment");
        assert_eq!(upper_camel("3d"), "V3d");
        assert_eq!(upper_camel("µ"), "U00B5");
        assert_eq!(upper_camel("é-café"), "Caf");
        assert_eq!(snake("µ"), "u00b5");
        assert_eq!(upper_camel(""), "Empty");
        assert_eq!(snake("contentType"), "content_type");
        assert_eq!(snake("callbackURL"), "callback_url");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("IG_ID"), "ig_id");
        assert_eq!(snake("messageId"), "message_id");
    }
}

use std::fmt;

/// One broken rule: where (an RFC 6901 JSON Pointer into the payload), which
/// rule (the schema keyword, such as `maxBytes`), and a plain message that
/// states the actual size or value and the limit, never the whole value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Violation {
    /// RFC 6901 JSON Pointer of the offending value (`""` is the whole payload).
    pub pointer: String,
    /// The schema keyword that failed, e.g. `maxBytes`, `required`, `enum`.
    pub rule: String,
    /// What is wrong, e.g. `1002 bytes, at most 1000 UTF-8 bytes allowed`.
    pub message: String,
}

impl Violation {
    pub fn new(
        pointer: impl Into<String>,
        rule: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            pointer: pointer.into(),
            rule: rule.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: {} [{}]", self.message, self.rule)
    }
}

impl std::error::Error for Violation {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_pointer_message_and_rule() {
        let v = Violation::new(
            "/message/text",
            "maxBytes",
            "1002 bytes, at most 1000 allowed",
        );
        assert_eq!(
            v.to_string(),
            "/message/text: 1002 bytes, at most 1000 allowed [maxBytes]"
        );
        let root = Violation::new("", "type", "expected an object");
        assert_eq!(root.to_string(), "(root): expected an object [type]");
    }
}

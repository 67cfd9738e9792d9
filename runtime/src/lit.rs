//! Limits checked at compile time. A string member's type carries its
//! length limits (`MessageTextText::LIMITS`, see [`crate::text`]) and a
//! list member's type its item limits (`QuickReplies::LIMITS`, see
//! [`crate::list`]);
//! the `dmforge::text!` and `dmforge::items!` macros evaluate these `const
//! fn`s in a constant, so a literal over its limit fails `cargo build` with
//! a message naming the type or member, the actual size and the limit, in
//! its unit:
//!
//! ```text
//! error[E0080]: evaluation panicked: meta_graph::send_message::MessageTextText: 1001 UTF-8 bytes, at most 1000 allowed
//! ```
//!
//! A value checked this way was checked once, by the compiler; it needs no
//! check at run time. (`build()` and `validate()` still check the rules that
//! span members, and counts.)

/// The length limits of a string member.
#[derive(Debug, Clone, Copy)]
pub struct StrLimits {
    /// `provider::message::Type.member`, for messages.
    pub name: &'static str,
    pub min_chars: Option<u64>,
    pub max_chars: Option<u64>,
    pub max_bytes: Option<u64>,
}

/// The item-count limits of a list member.
#[derive(Debug, Clone, Copy)]
pub struct ItemLimits {
    pub name: &'static str,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

/// `s` if it is within `limits`; a compile error in a constant otherwise.
#[must_use]
pub const fn check_str(s: &'static str, limits: &StrLimits) -> &'static str {
    let bytes = s.len() as u64;
    if let Some(max) = limits.max_bytes {
        if bytes > max {
            fail(limits.name, bytes, "UTF-8 bytes, at most", max, "allowed");
        }
    }
    let chars = char_count(s);
    if let Some(max) = limits.max_chars {
        if chars > max {
            fail(limits.name, chars, "characters, at most", max, "allowed");
        }
    }
    if let Some(min) = limits.min_chars {
        if chars < min {
            fail(limits.name, chars, "characters, at least", min, "required");
        }
    }
    s
}

/// Checks a literal list's length; a compile error in a constant otherwise.
pub const fn check_items(len: usize, limits: &ItemLimits) {
    let len = len as u64;
    if let Some(max) = limits.max_items {
        if len > max {
            fail(limits.name, len, "items, at most", max, "allowed");
        }
    }
    if let Some(min) = limits.min_items {
        if len < min {
            fail(limits.name, len, "items, at least", min, "required");
        }
    }
}

/// A compile error in a constant for a member whose rules are more than
/// limits (a format, a pattern), which a literal cannot be checked against
/// at compile time.
pub const fn not_checkable(name: &str) -> ! {
    let mut out = Message::new();
    out.push(name);
    out.push(": its rules (a format or a pattern) are checked at run time, not in a constant: use `new`, `try_from` or `parse`");
    match core::str::from_utf8(out.as_bytes()) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("a rule cannot be checked at compile time"),
    }
}

/// A compile error in a constant for a number type whose rules a literal
/// cannot be checked against at compile time (a number that is not an
/// integer, a `multipleOf` that is not one).
pub const fn not_checkable_number(name: &str) -> ! {
    let mut out = Message::new();
    out.push(name);
    out.push(
        ": its rules are checked at run time, not in a constant: use `new`, `try_from` or `parse`",
    );
    match core::str::from_utf8(out.as_bytes()) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("a rule cannot be checked at compile time"),
    }
}

/// Checks an integer literal against inclusive bounds; a compile error in
/// a constant otherwise.
pub const fn check_integer(name: &str, n: i128, minimum: i128, maximum: i128) {
    if n > maximum {
        fail_signed(name, n, "at most", maximum, "allowed");
    }
    if n < minimum {
        fail_signed(name, n, "at least", minimum, "required");
    }
}

/// A compile error in a constant: `n` is not a multiple of `divisor`.
pub const fn not_a_multiple(name: &str, n: i128, divisor: i128) -> ! {
    fail_signed(name, n, "not a multiple of", divisor, "as required")
}

/// Panics with `"{name}: {actual}, {middle} {limit} {tail}"`.
const fn fail_signed(name: &str, actual: i128, middle: &str, limit: i128, tail: &str) -> ! {
    let mut out = Message::new();
    out.push(name);
    out.push(": ");
    out.signed(actual);
    out.push(", ");
    out.push(middle);
    out.push(" ");
    out.signed(limit);
    out.push(" ");
    out.push(tail);
    match core::str::from_utf8(out.as_bytes()) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("a literal breaks a rule"),
    }
}

/// Unicode scalar values: every byte that does not continue a sequence.
const fn char_count(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] & 0xC0 != 0x80 {
            count += 1;
        }
        i += 1;
    }
    count
}

/// Panics with `"{name}: {actual} {unit}, {limit}, {tail}"`, built in a
/// buffer because constant evaluation cannot format numbers.
const fn fail(name: &str, actual: u64, middle: &str, limit: u64, tail: &str) -> ! {
    let mut out = Message::new();
    out.push(name);
    out.push(": ");
    out.number(actual);
    out.push(" ");
    out.push(middle);
    out.push(" ");
    out.number(limit);
    out.push(" ");
    out.push(tail);
    match core::str::from_utf8(out.as_bytes()) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("a literal is over its limit"),
    }
}

struct Message {
    buffer: [u8; 320],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Self {
            buffer: [0; 320],
            len: 0,
        }
    }

    /// Appends `s`, cut at the buffer's end (on a character boundary).
    const fn push(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.len < self.buffer.len() {
            let start = bytes[i] & 0xC0 != 0x80;
            let width = if !start {
                1
            } else if bytes[i] >= 0xF0 {
                4
            } else if bytes[i] >= 0xE0 {
                3
            } else if bytes[i] >= 0xC0 {
                2
            } else {
                1
            };
            if self.len + width > self.buffer.len() {
                return;
            }
            let mut k = 0;
            while k < width && i < bytes.len() {
                self.buffer[self.len] = bytes[i];
                self.len += 1;
                i += 1;
                k += 1;
            }
        }
    }

    const fn signed(&mut self, n: i128) {
        if n < 0 {
            self.push("-");
        }
        self.digits(n.unsigned_abs());
    }

    const fn number(&mut self, n: u64) {
        self.digits(n as u128);
    }

    const fn digits(&mut self, mut n: u128) {
        let mut digits = [0u8; 39];
        let mut count = 0;
        loop {
            digits[count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while count > 0 && self.len < self.buffer.len() {
            count -= 1;
            self.buffer[self.len] = digits[count];
            self.len += 1;
        }
    }

    const fn as_bytes(&self) -> &[u8] {
        self.buffer.split_at(self.len).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: StrLimits = StrLimits {
        name: "Message.text",
        min_chars: Some(1),
        max_chars: None,
        max_bytes: Some(8),
    };

    #[test]
    fn literals_within_limits_pass_in_constants() {
        const OK: &str = check_str("😀😀", &TEXT);
        assert_eq!(OK, "😀😀");
        assert_eq!(char_count("é😀a"), 3);
    }

    #[test]
    fn over_the_limit_names_member_size_and_unit() {
        let panic =
            std::panic::catch_unwind(|| check_str("😀😀a", &TEXT)).expect_err("over the limit");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert_eq!(message, "Message.text: 9 UTF-8 bytes, at most 8 allowed");
        let limits = ItemLimits {
            name: "Message.quick_replies",
            min_items: None,
            max_items: Some(13),
        };
        let panic = std::panic::catch_unwind(|| check_items(14, &limits)).expect_err("too many");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert_eq!(
            message,
            "Message.quick_replies: 14 items, at most 13 allowed"
        );
    }
}

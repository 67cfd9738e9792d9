//! What an `integer` is in dmforge: a JSON Schema integer held in the Rust
//! integer type its bounds call for, at most 64 bits. Both engines check a
//! value against the schema's bounds first, exactly; a value within them
//! (or with no bound on that side) that does not fit the member's type is a
//! `type` violation in both: `18446744073709551616` has no place in a `u64`.
//! abebot's ids, for one, are PHP integers, so its schema states their
//! 64-bit maximum and such a value is refused by `maximum` instead.

/// The Rust type of an `integer` member, from its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerType {
    I32,
    U32,
    U64,
    I64,
}

impl IntegerType {
    /// The smallest common type that holds every value the bounds allow
    /// (64 bits when they allow more).
    #[must_use]
    pub fn for_bounds(minimum: Option<i128>, maximum: Option<i128>) -> Self {
        match (minimum, maximum) {
            (Some(min), Some(max))
                if min >= i128::from(i32::MIN) && max <= i128::from(i32::MAX) =>
            {
                Self::I32
            }
            (Some(min), Some(max)) if min >= 0 && max <= i128::from(u32::MAX) => Self::U32,
            (Some(min), _) if min >= 0 => Self::U64,
            _ => Self::I64,
        }
    }

    /// The Rust type's name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::I32 => "i32",
            Self::U32 => "u32",
            Self::U64 => "u64",
            Self::I64 => "i64",
        }
    }

    /// The values the type holds, inclusive.
    #[must_use]
    pub fn range(self) -> (i128, i128) {
        match self {
            Self::I32 => (i128::from(i32::MIN), i128::from(i32::MAX)),
            Self::U32 => (0, i128::from(u32::MAX)),
            Self::U64 => (0, i128::from(u64::MAX)),
            Self::I64 => (i128::from(i64::MIN), i128::from(i64::MAX)),
        }
    }

    /// Whether `n` fits the type.
    #[must_use]
    pub fn holds(self, n: i128) -> bool {
        let (low, high) = self.range();
        (low..=high).contains(&n)
    }

    /// `n does not fit the field's u64 type (0 to 18446744073709551615)`.
    #[must_use]
    pub fn does_not_fit(self, n: i128) -> String {
        let (low, high) = self.range();
        format!(
            "{} does not fit the field's {} type ({low} to {high})",
            int_text(n),
            self.name()
        )
    }
}

/// An integer as messages show it. A JSON integer beyond ±2^127 is held
/// saturated at `i128::MAX`/`MIN`, so those two are shown as what they
/// stand for rather than as a number the payload did not contain.
#[must_use]
pub fn int_text(n: i128) -> String {
    match n {
        i128::MAX => "an integer of 2^127 or more".to_string(),
        i128::MIN => "an integer of -2^127 or less".to_string(),
        n => n.to_string(),
    }
}

/// An integer-valued JSON number as an `i128`, saturated beyond ±2^127;
/// `None` for a fraction or a non-number. Both engines read integers so.
#[must_use]
pub fn as_i128(value: &serde_json::Value) -> Option<i128> {
    let number = value.as_number()?;
    if let Some(n) = number.as_i64() {
        return Some(i128::from(n));
    }
    if let Some(n) = number.as_u64() {
        return Some(i128::from(n));
    }
    let x = number.as_f64()?;
    // `as` saturates, which is the meaning wanted beyond ±2^127.
    (x.fract() == 0.0).then_some(x as i128)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_follow_the_bounds_and_say_what_does_not_fit() {
        assert_eq!(IntegerType::for_bounds(Some(1), None), IntegerType::U64);
        assert_eq!(IntegerType::for_bounds(Some(0), Some(23)), IntegerType::I32);
        assert_eq!(IntegerType::for_bounds(None, None), IntegerType::I64);
        assert!(!IntegerType::U64.holds(1 << 64));
        assert_eq!(
            IntegerType::U64.does_not_fit(1 << 64),
            "18446744073709551616 does not fit the field's u64 type (0 to 18446744073709551615)"
        );
        assert_eq!(
            as_i128(&json!(18446744073709551615u64)),
            Some(i128::from(u64::MAX))
        );
        let two_to_64: serde_json::Value =
            serde_json::from_str("18446744073709551616").expect("JSON");
        assert_eq!(as_i128(&two_to_64), Some(1 << 64));
        let huge: serde_json::Value = serde_json::from_str("1e40").expect("JSON");
        assert_eq!(as_i128(&huge), Some(i128::MAX));
        assert_eq!(int_text(i128::MAX), "an integer of 2^127 or more");
        assert_eq!(as_i128(&json!(1.5)), None);
    }
}

//! What an `integer` is in dmforge: a JSON Schema integer held in the Rust
//! integer type its bounds call for, at most 64 bits. Both engines check a
//! value against the schema's bounds first, exactly; a value within them
//! (or with no bound on that side) that does not fit the member's type is a
//! `type` violation in both: `18446744073709551616` has no place in a `u64`.
//! abebot's ids, for one, are PHP integers, so its schema states their
//! 64-bit maximum and such a value is refused by `maximum` instead.

/// OpenAPI's numeric formats: an `integer` of `int32` or `int64`, a
/// `number` of `float` (a Rust `f32`) or `double` (`f64`). Each is a range a
/// value must be within, reported as a `format` violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericFormat {
    Int32,
    Int64,
    Float,
    Double,
}

impl NumericFormat {
    /// The format of this name, for an `integer` (`int32`, `int64`) or a
    /// `number` (those two, `float`, `double`).
    #[must_use]
    pub fn parse(name: &str, integer: bool) -> Option<Self> {
        match name {
            "int32" => Some(Self::Int32),
            "int64" => Some(Self::Int64),
            "float" if !integer => Some(Self::Float),
            "double" if !integer => Some(Self::Double),
            _ => None,
        }
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Int32 => "int32",
            Self::Int64 => "int64",
            Self::Float => "float",
            Self::Double => "double",
        }
    }

    /// The integer type an `integer` of this format is held in.
    #[must_use]
    pub fn integer_type(self) -> Option<IntegerType> {
        match self {
            Self::Int32 => Some(IntegerType::I32),
            Self::Int64 => Some(IntegerType::I64),
            Self::Float | Self::Double => None,
        }
    }

    /// Whether the number `x` is within the format's range (an integer
    /// format also needs `x` to be an integer, which `type` checks).
    #[must_use]
    pub fn holds(self, x: f64) -> bool {
        match self {
            Self::Int32 => (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&x),
            // i64::MAX is not an f64; 2^63 is the first value beyond.
            Self::Int64 => (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x),
            Self::Float => x.abs() <= f64::from(f32::MAX),
            Self::Double => x.is_finite(),
        }
    }

    /// Whether the integer `n` is within the format's range.
    #[must_use]
    pub fn holds_integer(self, n: i128) -> bool {
        match self.integer_type() {
            Some(integer) => integer.holds(n),
            None => self.holds(n as f64),
        }
    }

    /// `3000000000 is not a valid int32 (-2147483648 to 2147483647)`;
    /// `shown` is the value as the engines show it.
    #[must_use]
    pub fn not_valid(self, shown: &str) -> String {
        let range = match self {
            Self::Int32 => format!("{} to {}", i32::MIN, i32::MAX),
            Self::Int64 => format!("{} to {}", i64::MIN, i64::MAX),
            Self::Float => format!("at most {:e} in magnitude", f32::MAX),
            Self::Double => "a finite number".to_string(),
        };
        format!("{shown} is not a valid {} ({range})", self.name())
    }
}

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
        Self::for_schema(minimum, maximum, None)
    }

    /// [`IntegerType::for_bounds`], where an `int32` or `int64` format
    /// chooses the type (its range is then enforced as the format).
    #[must_use]
    pub fn for_schema(
        minimum: Option<i128>,
        maximum: Option<i128>,
        format: Option<NumericFormat>,
    ) -> Self {
        if let Some(chosen) = format.and_then(NumericFormat::integer_type) {
            return chosen;
        }
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

/// Whether a schema's values that are numbers are held as integers
/// (`Some(true)`: `type` is `integer`, alone or with non-numeric types such
/// as `null`), as numbers (`Some(false)`: `number` is among its types), or
/// the schema has no numeric type (`None`). Both engines decide so which
/// schemas get the 64-bit and format ranges.
#[must_use]
pub fn numeric_type(schema: &serde_json::Map<String, serde_json::Value>) -> Option<bool> {
    let names: Vec<&str> = match schema.get("type") {
        Some(serde_json::Value::String(t)) => vec![t.as_str()],
        Some(serde_json::Value::Array(ts)) => {
            ts.iter().filter_map(serde_json::Value::as_str).collect()
        }
        _ => return None,
    };
    if names.contains(&"number") {
        Some(false)
    } else if names.contains(&"integer") {
        Some(true)
    } else {
        None
    }
}

/// The 64-bit meaning of one `integer` schema: its bounds as the generator
/// reads them (inclusive, an exclusive bound moved one step in) and the
/// type they choose. Both engines ask [`IntegerLimits::misfit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntegerLimits {
    pub chosen: IntegerType,
    pub minimum: Option<i128>,
    pub maximum: Option<i128>,
    /// An `int32`/`int64` format reports the range itself (`format`).
    pub format: Option<NumericFormat>,
}

impl IntegerLimits {
    /// The limits of an integer schema with these bounds and format.
    #[must_use]
    pub fn new(
        minimum: Option<i128>,
        maximum: Option<i128>,
        format: Option<NumericFormat>,
    ) -> Self {
        Self {
            chosen: IntegerType::for_schema(minimum, maximum, format),
            minimum,
            maximum,
            format,
        }
    }

    /// The limits of an `integer` schema object, its bounds read as the
    /// generator reads them: inclusive, an exclusive bound moved one step in.
    #[must_use]
    pub fn of_schema(schema: &serde_json::Map<String, serde_json::Value>) -> Self {
        let bound = |inclusive: &str, exclusive: &str, step: i128| {
            let inclusive = schema.get(inclusive).and_then(as_i128);
            let exclusive = schema
                .get(exclusive)
                .and_then(as_i128)
                .map(|n| n.saturating_add(step));
            match (inclusive, exclusive) {
                (Some(a), Some(b)) if step > 0 => Some(a.max(b)),
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        };
        let format = schema
            .get("format")
            .and_then(serde_json::Value::as_str)
            .and_then(|f| NumericFormat::parse(f, true));
        Self::new(
            bound("minimum", "exclusiveMinimum", 1),
            bound("maximum", "exclusiveMaximum", -1),
            format,
        )
    }

    /// The value, when it is an integer within the bounds that the type
    /// cannot hold. (Out of bounds is the bound keywords' to report, and
    /// beyond an integer format's range the format's.)
    #[must_use]
    pub fn misfit(&self, instance: &serde_json::Value) -> Option<i128> {
        let n = as_i128(instance)?;
        let in_bounds = self.minimum.is_none_or(|m| n >= m) && self.maximum.is_none_or(|m| n <= m);
        let format_reports = self.format.is_some_and(|f| !f.holds_integer(n));
        (in_bounds && !format_reports && !self.chosen.holds(n)).then_some(n)
    }
}

/// A numeric format on an `integer` or `number` schema, with the bounds
/// that decide whether its range is checked. Both engines ask
/// [`FormatRange::misfit`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FormatRange {
    pub format: NumericFormat,
    /// Whether the schema is an `integer` one.
    pub integer: bool,
    /// `minimum` (else `exclusiveMinimum`) and likewise the maximum.
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
}

impl FormatRange {
    /// The numeric format of an `integer` or `number` schema object, if it
    /// has one.
    #[must_use]
    pub fn of_schema(schema: &serde_json::Map<String, serde_json::Value>) -> Option<Self> {
        let integer = numeric_type(schema)?;
        let format = schema
            .get("format")
            .and_then(serde_json::Value::as_str)
            .and_then(|f| NumericFormat::parse(f, integer))?;
        let limit = |key: &str| schema.get(key).and_then(serde_json::Value::as_f64);
        Some(Self {
            format,
            integer,
            minimum: limit("minimum").or(limit("exclusiveMinimum")),
            maximum: limit("maximum").or(limit("exclusiveMaximum")),
        })
    }

    /// The value as the engines show it, when it is a number beyond the
    /// format's range. (For a `float`, the typed engine checks the bounds
    /// first and the range only of a value within them; for the other
    /// formats, every bound and the range are checked.)
    #[must_use]
    pub fn misfit(&self, instance: &serde_json::Value) -> Option<String> {
        let x = instance.as_f64()?;
        if self.integer {
            let n = as_i128(instance)?;
            return (!self.format.holds_integer(n)).then(|| int_text(n));
        }
        let in_bounds = self.minimum.is_none_or(|m| x >= m) && self.maximum.is_none_or(|m| x <= m);
        let checked = in_bounds || self.format != NumericFormat::Float;
        (checked && !self.format.holds(x)).then(|| x.to_string())
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
        let int32 = NumericFormat::parse("int32", true);
        assert_eq!(
            IntegerType::for_schema(Some(0), None, int32),
            IntegerType::I32
        );
        assert!(!NumericFormat::Int32.holds_integer(1 << 31));
        assert_eq!(
            NumericFormat::Int32.not_valid("2147483648"),
            "2147483648 is not a valid int32 (-2147483648 to 2147483647)"
        );
        assert!(NumericFormat::Float.holds(3.0e38) && !NumericFormat::Float.holds(3.5e38));
        assert!(NumericFormat::Int64.holds(-9_223_372_036_854_775_808.0));
        assert!(!NumericFormat::Int64.holds(9_223_372_036_854_775_808.0));
        assert_eq!(NumericFormat::parse("float", true), None);
        assert_eq!(as_i128(&json!(1.5)), None);
    }
}

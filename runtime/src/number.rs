//! Numbers that keep their rules. A generated member with a rule its Rust
//! type does not hold by itself (a bound narrower than the type's range, a
//! `multipleOf`) has a type of its own, `Number<u32, HourRules>` under the
//! member's name (`ScheduleHour`), whose only ways in check the rules:
//!
//! - [`Number::new`], `TryFrom<u32>` (for each primitive) and `FromStr`
//!   check every rule and return the violations;
//! - parsing (`Deserialize`, [`crate::parse::Parse`]) reads the number as
//!   a plain member was read (an `i128` or an `f64`, checked, then narrowed)
//!   and reports each violation where it is in the payload;
//! - [`Literal::new`] checks an integer literal at compile time when
//!   evaluated in a constant, which `dmforge::number!` does, then
//!   [`Number::from_literal`] makes it the member's type: the rules are the
//!   type's own, so a literal checked for one member cannot be given to
//!   another.
//!
//! There is no `From<u32>` and no public field. Reading is free:
//! [`Number::get`], `Deref`, `Display`, and `u32::from`.

#[cfg(feature = "json-schema")]
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Deref;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::parse::Parse;
use crate::{Context, Path, Validate, ValidationErrors};

/// The Rust number types a member is held as, with the type it is read
/// and checked as before it is narrowed (`i128` for integers, so that a
/// value beyond the type is reported by the bounds; `f64` for numbers).
pub trait Numeric: Copy + private::Sealed {
    /// What the value is read and checked as.
    type Wide: Copy + for<'de> Parse<'de>;
    /// The JSON type, for schemars.
    const JSON_TYPE: &'static str;

    fn widen(self) -> Self::Wide;

    /// Whether JSON can hold the value (not NaN or an infinity).
    fn is_json(self) -> bool;

    /// A literal checked at compile time against bounds within this type's
    /// range (see [`NumberRules::LITERAL`]), as this type.
    #[doc(hidden)]
    fn from_checked_literal(n: i128) -> Self;
}

mod private {
    pub trait Sealed {}
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl private::Sealed for $t {}
        impl Numeric for $t {
            type Wide = i128;
            const JSON_TYPE: &'static str = "integer";
            #[inline(always)]
            fn widen(self) -> i128 {
                i128::from(self)
            }
            fn is_json(self) -> bool {
                true
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            fn from_checked_literal(n: i128) -> Self {
                // In range: `Literal::new` checked it against bounds within
                // this type's range.
                n as $t
            }
        }
    )*};
}
integers!(i32, u32, i64, u64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl private::Sealed for $t {}
        impl Numeric for $t {
            type Wide = f64;
            const JSON_TYPE: &'static str = "number";
            #[inline(always)]
            fn widen(self) -> f64 {
                f64::from(self)
            }
            fn is_json(self) -> bool {
                self.is_finite()
            }
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
            fn from_checked_literal(n: i128) -> Self {
                n as $t
            }
        }
    )*};
}
floats!(f32, f64);

/// The rules of one number member, implemented by generated code for a
/// type of its own (`ScheduleHourRules`), for the Rust type `T` it is held
/// as.
pub trait NumberRules<T: Numeric> {
    /// `provider::message::Type`, for messages.
    const NAME: &'static str;
    /// The inclusive range (the schema's bounds within `T`'s range) and
    /// the integer `multipleOf` a literal is checked against at compile
    /// time; `None` when a literal cannot be (a `type: number` member, a
    /// `multipleOf` that is not a whole number below 10^15).
    const LITERAL: Option<IntegerLimits>;
    /// The schema's bounds, for schemars.
    const SCHEMA: NumberSchema = NumberSchema::NONE;

    /// The value, read as `T::Wide`, narrowed to `T` if it breaks no rule;
    /// every rule it breaks recorded in `cx`, at `at`, and `None`
    /// otherwise.
    fn check(value: T::Wide, cx: &mut Context, at: &Path<'_>) -> Option<T>;
}

/// What a literal of a number type must satisfy: see
/// [`NumberRules::LITERAL`].
#[derive(Debug, Clone, Copy)]
pub struct IntegerLimits {
    pub minimum: i128,
    pub maximum: i128,
    pub multiple_of: Option<i128>,
}

/// A number type's schema keywords, for schemars.
#[derive(Debug, Clone, Copy)]
pub struct NumberSchema {
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub exclusive_minimum: Option<Bound>,
    pub exclusive_maximum: Option<Bound>,
    pub multiple_of: Option<Bound>,
    pub format: Option<&'static str>,
}

/// A number in a [`NumberSchema`]: an integer bound is kept exact (an
/// `f64` would write 2^63 - 1 as 2^63).
#[derive(Debug, Clone, Copy)]
pub enum Bound {
    Integer(i128),
    Float(f64),
}

impl Bound {
    /// As JSON, if JSON can hold it.
    #[must_use]
    pub fn to_json(self) -> Option<serde_json::Number> {
        match self {
            Bound::Integer(n) => i64::try_from(n)
                .map(serde_json::Number::from)
                .or_else(|_| u64::try_from(n).map(serde_json::Number::from))
                .ok(),
            Bound::Float(x) => serde_json::Number::from_f64(x),
        }
    }
}

impl NumberSchema {
    /// No keyword but the type.
    pub const NONE: Self = Self {
        minimum: None,
        maximum: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
        multiple_of: None,
        format: None,
    };
}

/// A number that satisfies the rules `R`. See the [module](self).
pub struct Number<T, R>(T, PhantomData<fn() -> R>);

/// An integer literal checked against the rules `R` at compile time, for
/// [`Number::from_literal`] (`dmforge::number!` makes both calls).
pub struct Literal<T, R>(i128, PhantomData<fn() -> (T, R)>);

impl<T: Numeric, R: NumberRules<T>> Literal<T, R> {
    /// `n`, which must satisfy the rules: in a constant (`dmforge::number!`),
    /// a literal out of bounds is a compile error naming the type, the
    /// value and the bound.
    ///
    /// # Panics
    ///
    /// When `n` breaks a rule, or the rules cannot be checked in a constant
    /// (use [`Number::new`]). In a constant, that panic is a compile error;
    /// called at run time, it is a bug in the caller, as a literal is known
    /// when the program is written.
    #[must_use]
    pub const fn new(n: i128) -> Self {
        let Some(limits) = R::LITERAL else {
            crate::lit::not_checkable_number(R::NAME)
        };
        crate::lit::check_integer(R::NAME, n, limits.minimum, limits.maximum);
        if let Some(divisor) = limits.multiple_of {
            if divisor != 0 && n % divisor != 0 {
                crate::lit::not_a_multiple(R::NAME, n, divisor);
            }
        }
        Self(n, PhantomData)
    }
}

impl<T, R> fmt::Debug for Literal<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl<T: Numeric, R: NumberRules<T>> Number<T, R> {
    /// The literal checked at compile time, as the member's type.
    #[must_use]
    pub fn from_literal(literal: Literal<T, R>) -> Self {
        Self(T::from_checked_literal(literal.0), PhantomData)
    }

    /// `value` if it satisfies every rule; every violation otherwise, at
    /// the root pointer.
    pub fn new(value: T) -> Result<Self, ValidationErrors> {
        let mut cx = Context::now();
        if !value.is_json() {
            // NaN passes every comparison, and JSON has no infinity.
            cx.fail(
                &Path::Root,
                "type",
                "NaN and infinities are not JSON numbers",
            );
            return Err(ValidationErrors(cx.into_violations()));
        }
        let checked = R::check(value.widen(), &mut cx, &Path::Root);
        Self::outcome(checked, cx, || format!("{} breaks a rule", R::NAME))
    }

    /// The value made, or the violations recorded (`why` when the check
    /// refused the value without recording one, which generated checks
    /// never do).
    fn outcome(
        checked: Option<T>,
        mut cx: Context,
        why: impl FnOnce() -> String,
    ) -> Result<Self, ValidationErrors> {
        match checked {
            Some(value) if cx.is_clean() => Ok(Self(value, PhantomData)),
            _ => {
                if cx.is_clean() {
                    cx.fail(&Path::Root, "type", why());
                }
                Err(ValidationErrors(cx.into_violations()))
            }
        }
    }

    /// The value read as `T::Wide`, if it satisfies every rule and fits
    /// `T`; each rule it breaks is reported in `cx`, at `at`, and `None`.
    #[inline(always)]
    pub fn checked(value: T::Wide, cx: &mut Context, at: &Path<'_>) -> Option<Self> {
        R::check(value, cx, at).map(|value| Self(value, PhantomData))
    }
}

impl<T: Copy, R> Number<T, R> {
    /// The value.
    #[must_use]
    pub fn get(self) -> T {
        self.0
    }
}

impl<T: Copy, R> Clone for Number<T, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Copy, R> Copy for Number<T, R> {}

impl<T: fmt::Debug, R> fmt::Debug for Number<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl<T: fmt::Display, R> fmt::Display for Number<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl<T, R> Deref for Number<T, R> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T, R> AsRef<T> for Number<T, R> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

impl<T: PartialEq, R> PartialEq for Number<T, R> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<T: Eq, R> Eq for Number<T, R> {}

impl<T: PartialOrd, R> PartialOrd for Number<T, R> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.0.partial_cmp(&other.0)
    }
}

impl<T: Ord, R> Ord for Number<T, R> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl<T: Hash, R> Hash for Number<T, R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// `TryFrom`, `From` back and `PartialEq` per primitive: a blanket
/// `TryFrom<T>` would overlap core's `TryFrom<U> for T where U: Into<T>`.
macro_rules! conversions {
    ($($t:ty),*) => {$(
        impl<R: NumberRules<$t>> TryFrom<$t> for Number<$t, R> {
            type Error = ValidationErrors;

            fn try_from(value: $t) -> Result<Self, ValidationErrors> {
                Self::new(value)
            }
        }

        impl<R> From<Number<$t, R>> for $t {
            fn from(number: Number<$t, R>) -> $t {
                number.0
            }
        }

        impl<R> PartialEq<$t> for Number<$t, R> {
            fn eq(&self, other: &$t) -> bool {
                self.0 == *other
            }
        }
    )*};
}
conversions!(i32, u32, i64, u64, f32, f64);

/// Parses the text as JSON reads a number, then checks the rules: text
/// that is no number of the type is a `type` violation.
impl<T: Numeric, R: NumberRules<T>> FromStr for Number<T, R> {
    type Err = ValidationErrors;

    fn from_str(text: &str) -> Result<Self, ValidationErrors> {
        let mut cx = Context::now();
        let mut de = serde_json::Deserializer::from_str(text.trim());
        let read = match T::Wide::parse(&mut de, &mut cx, &Path::Root) {
            Ok(read) if de.end().is_ok() => read,
            _ => {
                cx.fail(
                    &Path::Root,
                    "type",
                    format!("`{text}` is not {}", article(T::JSON_TYPE)),
                );
                None
            }
        };
        let checked = read.and_then(|wide| R::check(wide, &mut cx, &Path::Root));
        Self::outcome(checked, cx, || {
            format!("`{text}` is not {}", article(T::JSON_TYPE))
        })
    }
}

fn article(json_type: &str) -> &'static str {
    if json_type == "integer" {
        "an integer"
    } else {
        "a number"
    }
}

impl<T: Serialize, R> Serialize for Number<T, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Numeric, R: NumberRules<T>> Deserialize<'de> for Number<T, R> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        crate::parse::deserialize(de)
    }
}

/// Read as its wide type, checked and narrowed: what a plain number
/// member's parser did before the member had a type of its own, so that
/// the type costs nothing.
impl<'de, T: Numeric, R: NumberRules<T>> Parse<'de> for Number<T, R> {
    #[inline]
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        Ok(T::Wide::parse(de, cx, at)?.and_then(|wide| Self::checked(wide, cx, at)))
    }
}

/// A value of the type satisfied its rules when made, and none of them
/// changes with time.
impl<T, R> Validate for Number<T, R> {
    #[inline]
    fn validate_at(&self, _: &mut Context, _: &Path<'_>) {}
}

#[cfg(feature = "json-schema")]
impl<T: Numeric, R: NumberRules<T>> schemars::JsonSchema for Number<T, R> {
    /// Written where it is used, as a plain number's schema is.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed(R::NAME)
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = serde_json::Map::new();
        schema.insert("type".into(), T::JSON_TYPE.into());
        let keywords = R::SCHEMA;
        for (key, value) in [
            ("minimum", keywords.minimum),
            ("maximum", keywords.maximum),
            ("exclusiveMinimum", keywords.exclusive_minimum),
            ("exclusiveMaximum", keywords.exclusive_maximum),
            ("multipleOf", keywords.multiple_of),
        ] {
            if let Some(number) = value.and_then(Bound::to_json) {
                schema.insert(key.into(), number.into());
            }
        }
        if let Some(format) = keywords.format {
            schema.insert("format".into(), format.into());
        }
        schemars::Schema::from(schema)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An hour: 0 to 23, held as a `u32`.
    enum Hour {}

    impl NumberRules<u32> for Hour {
        const NAME: &'static str = "acme::note::Hour";
        const LITERAL: Option<IntegerLimits> = Some(IntegerLimits {
            minimum: 0,
            maximum: 23,
            multiple_of: None,
        });

        fn check(n: i128, cx: &mut Context, at: &Path<'_>) -> Option<u32> {
            let before = cx.count();
            crate::check::maximum_int(cx, at, n, 23);
            crate::check::minimum_int(cx, at, n, 0);
            if cx.count() > before {
                None
            } else {
                crate::parse::narrow::<u32>(n, cx, at)
            }
        }
    }

    /// A multiple of a half, at most 10, as an `f64`.
    enum Halves {}

    impl NumberRules<f64> for Halves {
        const NAME: &'static str = "acme::note::Halves";
        const LITERAL: Option<IntegerLimits> = None;

        fn check(x: f64, cx: &mut Context, at: &Path<'_>) -> Option<f64> {
            let before = cx.count();
            crate::check::maximum(cx, at, x, 10.0);
            crate::check::multiple_of(cx, at, x, 0.5);
            (cx.count() == before).then_some(x)
        }
    }

    #[test]
    fn every_way_in_checks_the_rules() {
        const NOON: Literal<u32, Hour> = Literal::new(12);
        assert_eq!(Number::from_literal(NOON).get(), 12);
        assert_eq!(Number::<u32, Hour>::new(23).map(u32::from), Ok(23));
        let late = Number::<u32, Hour>::try_from(24).expect_err("beyond 23");
        assert_eq!(late.violations()[0].rule, "maximum");
        assert_eq!("7".parse::<Number<u32, Hour>>().map(Number::get), Ok(7));
        let words = "seven".parse::<Number<u32, Hour>>().expect_err("no number");
        assert_eq!(words.violations()[0].rule, "type");
        let beyond = "24".parse::<Number<u32, Hour>>().expect_err("beyond 23");
        assert_eq!(beyond.violations()[0].rule, "maximum");
        let parsed: Result<Number<u32, Hour>, _> = serde_json::from_str("-1");
        assert!(parsed.is_err());
        let parsed: Number<u32, Hour> = serde_json::from_str("9.0").expect("an integer");
        assert_eq!(*parsed, 9);
        assert_eq!(serde_json::to_string(&parsed).expect("serializes"), "9");
        assert!(Number::<f64, Halves>::new(2.5).is_ok());
        let odd = Number::<f64, Halves>::try_from(2.25).expect_err("not a half");
        assert_eq!(odd.violations()[0].rule, "multipleOf");
        assert!("10.5".parse::<Number<f64, Halves>>().is_err());
        for not_json in [f64::NAN, f64::NEG_INFINITY] {
            let refused = Number::<f64, Halves>::new(not_json).expect_err("not JSON");
            assert_eq!(refused.violations()[0].rule, "type");
        }
    }

    #[test]
    fn a_literal_out_of_bounds_panics_naming_the_type() {
        let panic = std::panic::catch_unwind(|| Literal::<u32, Hour>::new(24))
            .expect_err("beyond the maximum");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert_eq!(message, "acme::note::Hour: 24, at most 23 allowed");
        let panic =
            std::panic::catch_unwind(|| Literal::<f64, Halves>::new(2)).expect_err("not checkable");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.starts_with("acme::note::Halves: "), "{message}");
    }
}

//! Checking a value already in memory: one built in code, rather than parsed.
//! Parsing checks as it reads ([`crate::parse`]); `validate` checks the same
//! rules on a finished value, with the same pointers and messages.

use time::OffsetDateTime;

use crate::{Context, Path, ValidationErrors};

pub trait Validate {
    /// Records every violation in `self`, which sits at `at`.
    fn validate_at(&self, cx: &mut Context, at: &Path<'_>);

    /// Every violation, with "now" from the clock for date rules.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut cx = Context::now();
        self.validate_at(&mut cx, &Path::Root);
        cx.into_result()
    }

    /// `self` if it breaks no rule: the checked way to build a value in code,
    /// `SendNote { .. }.validated()?`.
    fn validated(self) -> Result<Self, ValidationErrors>
    where
        Self: Sized,
    {
        self.validate()?;
        Ok(self)
    }

    /// Every violation, with a fixed "now" for date rules.
    fn validate_at_time(&self, now: OffsetDateTime) -> Result<(), ValidationErrors> {
        let mut cx = Context::at_time(now);
        self.validate_at(&mut cx, &Path::Root);
        cx.into_result()
    }
}

/// Values with no rules of their own: their rules belong to the field that
/// holds them (a string's length limit, an integer's bounds).
macro_rules! no_rules_of_their_own {
    ($($t:ty),*) => {$(
        impl Validate for $t {
            fn validate_at(&self, _: &mut Context, _: &Path<'_>) {}
        }
    )*};
}

no_rules_of_their_own!(
    String,
    bool,
    f64,
    i32,
    i64,
    u32,
    u64,
    crate::parse::JsonObject
);

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, cx: &mut Context, at: &Path<'_>) {
        if let Some(value) = self {
            value.validate_at(cx, at);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, cx: &mut Context, at: &Path<'_>) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(cx, &at.index(index));
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, cx: &mut Context, at: &Path<'_>) {
        (**self).validate_at(cx, at);
    }
}

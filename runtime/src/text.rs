//! Strings that keep their rules. A generated member with rules (a length,
//! a byte count, a format, a pattern) has a type of its own,
//! `Text<MemberRules>` under the member's name (`QuickReplyTitle`), whose
//! only ways in check them:
//!
//! - [`Text::new`], `TryFrom<String>`, `TryFrom<&str>` and `FromStr` check
//!   every rule and return the violations;
//! - parsing (`Deserialize`, [`crate::parse::Parse`]) checks them as it
//!   reads, reporting each where it is in the payload;
//! - [`Literal::new`] checks a literal's length rules at compile time when
//!   evaluated in a constant, which `dmforge::text!` does, then
//!   [`Text::from_literal`] makes it the member's type: the rules are the
//!   type's own, so a literal checked against one member's limit cannot be
//!   given to another member.
//!
//! There is no `From<String>` and no public field, so a value of the type
//! always keeps its rules, after `build()` as before it. Reading is free:
//! it derefs to `str`.

use std::borrow::Borrow;
#[cfg(feature = "json-schema")]
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Deref;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lit::StrLimits;
use crate::parse::Parse;
use crate::{Context, Path, Validate, ValidationErrors};

/// The rules of one string member, implemented by generated code for a
/// type of its own (`QuickReplyTitleRules`).
pub trait TextRules {
    /// The length rules (in characters and UTF-8 bytes), with the member's
    /// type's name (`webex_connect::send_message::QuickReplyTitle`) for messages.
    const LIMITS: StrLimits;
    /// Whether [`Self::LIMITS`] are all the rules, so that a literal can be
    /// checked at compile time (a format or a pattern cannot be).
    const ONLY_LIMITS: bool;
    /// `format`, for schemars.
    const FORMAT: Option<&'static str> = None;
    /// `pattern`, for schemars.
    const PATTERN: Option<&'static str> = None;
    /// Whether a rule measures from "now" (`maxDaysAhead`): a value valid
    /// when made may not be later, so `validate` checks the rules again.
    const TIME_RELATIVE: bool = false;

    /// Records every rule `text`, at `at`, breaks.
    fn check(text: &str, cx: &mut Context, at: &Path<'_>);
}

/// A string that satisfies the rules `R`. See the [module](self).
pub struct Text<R>(String, PhantomData<fn() -> R>);

/// A string literal checked against the rules `R` at compile time, for
/// [`Text::from_literal`] (`dmforge::text!` makes both calls).
pub struct Literal<R>(&'static str, PhantomData<fn() -> R>);

impl<R: TextRules> Literal<R> {
    /// `text`, which must satisfy the rules: in a constant (`dmforge::text!`),
    /// a literal over a limit is a compile error naming the member, its size
    /// and the limit.
    ///
    /// # Panics
    ///
    /// When `text` breaks a limit, or the rules are more than limits (a
    /// format, a pattern: use [`Text::new`]). In a constant, that panic is
    /// a compile error; called at run time, it is a bug in the caller, as a
    /// literal is known when the program is written.
    #[must_use]
    pub const fn new(text: &'static str) -> Self {
        if !R::ONLY_LIMITS {
            crate::lit::not_checkable(R::LIMITS.name);
        }
        Self(crate::lit::check_str(text, &R::LIMITS), PhantomData)
    }
}

impl<R: TextRules> Text<R> {
    /// The length limits, with the type's name: what `text!` checks a
    /// literal against.
    pub const LIMITS: StrLimits = R::LIMITS;

    /// The literal checked at compile time, as the member's type.
    #[must_use]
    pub fn from_literal(literal: Literal<R>) -> Self {
        Self(literal.0.to_owned(), PhantomData)
    }

    /// `text` if it satisfies every rule; every violation otherwise, at the
    /// root pointer.
    pub fn new(text: impl Into<String>) -> Result<Self, ValidationErrors> {
        let text = text.into();
        let mut cx = Context::now();
        R::check(&text, &mut cx, &Path::Root);
        cx.into_result()?;
        Ok(Self(text, PhantomData))
    }

    /// `text` if it satisfies every rule; each one it breaks is reported
    /// in `cx`, at `at` (where the text is in a payload), and `None`.
    // Always inlined: it is the tail of every string member's parsing, and
    // a call per member cost the documentation text 1%.
    #[inline(always)]
    pub fn checked(text: String, cx: &mut Context, at: &Path<'_>) -> Option<Self> {
        let before = cx.count();
        R::check(&text, cx, at);
        (cx.count() == before).then_some(Self(text, PhantomData))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }
}

impl<R> fmt::Debug for Literal<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl<R> Clone for Text<R> {
    fn clone(&self) -> Self {
        Self(self.0.clone(), PhantomData)
    }
}

impl<R> fmt::Debug for Text<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl<R> fmt::Display for Text<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<R> Deref for Text<R> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<R> AsRef<str> for Text<R> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<R> Borrow<str> for Text<R> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<R> PartialEq for Text<R> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<R> Eq for Text<R> {}

impl<R> PartialEq<str> for Text<R> {
    fn eq(&self, other: &str) -> bool {
        self.0 == *other
    }
}

impl<R> PartialEq<&str> for Text<R> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == **other
    }
}

impl<R> PartialOrd for Text<R> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<R> Ord for Text<R> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl<R> Hash for Text<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As `str` hashes, as `Borrow<str>` requires.
        self.0.as_str().hash(state);
    }
}

impl<R> From<Text<R>> for String {
    fn from(text: Text<R>) -> String {
        text.0
    }
}

impl<R: TextRules> TryFrom<String> for Text<R> {
    type Error = ValidationErrors;

    fn try_from(text: String) -> Result<Self, ValidationErrors> {
        Self::new(text)
    }
}

impl<R: TextRules> TryFrom<&str> for Text<R> {
    type Error = ValidationErrors;

    fn try_from(text: &str) -> Result<Self, ValidationErrors> {
        Self::new(text)
    }
}

impl<R: TextRules> FromStr for Text<R> {
    type Err = ValidationErrors;

    fn from_str(text: &str) -> Result<Self, ValidationErrors> {
        Self::new(text)
    }
}

impl<R> Serialize for Text<R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de, R: TextRules> Deserialize<'de> for Text<R> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        crate::parse::deserialize(de)
    }
}

/// Read as a string, then checked: what a `String` member's parser and
/// checks did before the member had a type of its own, so that the type
/// costs nothing.
impl<'de, R: TextRules> Parse<'de> for Text<R> {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        Ok(String::parse(de, cx, at)?.and_then(|text| Self::checked(text, cx, at)))
    }
}

/// A value of the type satisfied its rules when made; only a rule that
/// measures from "now" is checked again, at the context's time.
impl<R: TextRules> Validate for Text<R> {
    #[inline]
    fn validate_at(&self, cx: &mut Context, at: &Path<'_>) {
        if R::TIME_RELATIVE {
            R::check(&self.0, cx, at);
        }
    }
}

#[cfg(feature = "json-schema")]
impl<R: TextRules> schemars::JsonSchema for Text<R> {
    /// Written where it is used, as a plain string's schema is.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed(R::LIMITS.name)
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = serde_json::Map::new();
        schema.insert("type".into(), "string".into());
        let limits = R::LIMITS;
        if let Some(n) = limits.min_chars {
            schema.insert("minLength".into(), n.into());
        }
        if let Some(n) = limits.max_chars {
            schema.insert("maxLength".into(), n.into());
        }
        if let Some(format) = R::FORMAT {
            schema.insert("format".into(), format.into());
        }
        if let Some(pattern) = R::PATTERN {
            schema.insert("pattern".into(), pattern.into());
        }
        schemars::Schema::from(schema)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    enum Title {}

    impl TextRules for Title {
        const LIMITS: StrLimits = StrLimits {
            name: "acme::note::Note.title",
            min_chars: Some(1),
            max_chars: Some(3),
            max_bytes: None,
        };
        const ONLY_LIMITS: bool = true;

        fn check(text: &str, cx: &mut Context, at: &Path<'_>) {
            crate::check::min_length(cx, at, text, 1);
            crate::check::max_length(cx, at, text, 3);
        }
    }

    #[test]
    fn every_way_in_checks_the_rules() {
        const OK: Literal<Title> = Literal::new("abc");
        assert_eq!(Text::from_literal(OK), "abc");
        assert_eq!(
            Text::<Title>::new("ab").map(String::from),
            Ok("ab".to_string())
        );
        let long = Text::<Title>::try_from("abcd").expect_err("too long");
        assert_eq!(long.violations()[0].rule, "maxLength");
        assert!("".parse::<Text<Title>>().is_err());
        assert!(Text::<Title>::try_from(String::from("😀😀😀")).is_ok());
        let parsed: Result<Text<Title>, _> = serde_json::from_str(r#""abcd""#);
        assert!(parsed.is_err());
        let parsed: Text<Title> = serde_json::from_str(r#""ab""#).expect("valid");
        assert_eq!(parsed.len(), 2);
        assert_eq!(
            serde_json::to_string(&parsed).expect("serializes"),
            r#""ab""#
        );
    }

    #[test]
    fn a_literal_over_its_limit_panics_naming_the_member() {
        let panic =
            std::panic::catch_unwind(|| Literal::<Title>::new("abcd")).expect_err("over the limit");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert_eq!(
            message,
            "acme::note::Note.title: 4 characters, at most 3 allowed"
        );
    }
}

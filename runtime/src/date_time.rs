//! Date-times that keep their rules, written in their provider's format. A
//! generated member of format `infobip-date-time` (Infobip's `sendAt`) is
//! `DateTime<SendAtRules>`: an instant (a `time::OffsetDateTime`), not a
//! string, so that what it holds is a date-time by construction:
//!
//! - [`DateTime::new`] and `TryFrom<OffsetDateTime>` check the rules that
//!   remain (`maxDaysAhead`, against the clock);
//! - `TryFrom<&str>`, `TryFrom<String>` and `FromStr` read either form the
//!   format accepts (RFC 3339, or a `±hhmm` offset) and check the rules;
//! - parsing (`Deserialize`, [`crate::parse::Parse`]) reads the text once,
//!   reporting `format` or `maxDaysAhead` where it is in the payload.
//!
//! It is written in the provider's documented pattern: for Infobip
//! `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, as `2026-12-01T10:00:00.000+0000`, in
//! the offset it was given. That pattern has milliseconds and a `±hhmm`
//! offset, so an instant is held to the millisecond (finer digits are
//! dropped when it is made) and an offset with seconds, or beyond 23 hours,
//! is held as UTC: what is held is exactly what is sent. A date-time read in RFC 3339 form is
//! the same instant written in the provider's form.
//!
//! Reading is free: it derefs to `OffsetDateTime`.

#[cfg(feature = "json-schema")]
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{OffsetDateTime, UtcOffset};

use crate::parse::Parse;
use crate::rules::date_time as rules;
use crate::{Context, Path, Validate, ValidationErrors};

/// The rules of one date-time member, implemented by generated code for a
/// type of its own (`ScheduleSendAtRules`).
pub trait DateTimeRules {
    /// `provider::message::Type`, for messages.
    const NAME: &'static str;
    /// The schema's `format`, for schemars.
    const FORMAT: &'static str;
    /// `maxDaysAhead`: at most this many days after "now".
    const MAX_DAYS_AHEAD: Option<u32> = None;
}

/// A date-time that satisfies the rules `R`. See the [module](self).
pub struct DateTime<R>(OffsetDateTime, PhantomData<fn() -> R>);

impl<R: DateTimeRules> DateTime<R> {
    /// `at` (to the millisecond) if it satisfies every rule, measured from
    /// now; every violation otherwise, at the root pointer.
    pub fn new(at: OffsetDateTime) -> Result<Self, ValidationErrors> {
        let mut cx = Context::now();
        let made = Self::made(at, &mut cx, &Path::Root);
        match made {
            Some(made) if cx.is_clean() => Ok(made),
            _ => Err(ValidationErrors(cx.into_violations())),
        }
    }

    /// The text read as a date-time, if it is one and satisfies every
    /// rule; each rule it breaks is reported in `cx`, at `at`, as the
    /// string's checks reported it, and `None`.
    #[inline]
    pub fn checked(text: String, cx: &mut Context, at: &Path<'_>) -> Option<Self> {
        let Some(instant) = rules::parse_infobip(&text) else {
            crate::check::format_infobip_date_time(cx, at, &text);
            return None;
        };
        Self::made(instant, cx, at)
    }

    /// `instant` as held and written (to the millisecond, in an offset of
    /// whole minutes), if its year can be written and it is within the
    /// days allowed.
    fn made(instant: OffsetDateTime, cx: &mut Context, at: &Path<'_>) -> Option<Self> {
        let before = cx.count();
        let given = instant;
        // Measured on the instant as given, before it is cut to the
        // millisecond: 0.5 ms past the limit is past it.
        Self::check_days(instant, cx, at);
        // `±hhmm` holds whole minutes up to 23 hours; time allows more.
        let offset = instant.offset();
        let writable = offset.seconds_past_minute() == 0 && offset.whole_hours().abs() <= 23;
        let instant = if writable {
            Some(instant)
        } else {
            instant.checked_to_offset(UtcOffset::UTC)
        };
        let writable = instant
            .map(|instant| {
                instant
                    .replace_millisecond(instant.millisecond())
                    .unwrap_or(instant)
            })
            .filter(|instant| (0..=9999).contains(&instant.year()));
        let Some(instant) = writable else {
            cx.fail(
                at,
                "format",
                format!(
                    "{given} cannot be written as a {} (years 0 to 9999)",
                    R::FORMAT
                ),
            );
            return None;
        };
        (cx.count() == before).then_some(Self(instant, PhantomData))
    }

    fn check_days(instant: OffsetDateTime, cx: &mut Context, at: &Path<'_>) {
        if let Some(days) = R::MAX_DAYS_AHEAD {
            if let Some(message) = rules::check_days_ahead(instant, cx.time(), days) {
                cx.fail(at, "maxDaysAhead", message);
            }
        }
    }

    /// Reads `text` in either form the format accepts, then checks it.
    fn read(text: &str) -> Result<Self, ValidationErrors> {
        let mut cx = Context::now();
        let made = Self::checked(text.to_owned(), &mut cx, &Path::Root);
        match made {
            Some(made) if cx.is_clean() => Ok(made),
            _ => Err(ValidationErrors(cx.into_violations())),
        }
    }
}

impl<R> DateTime<R> {
    /// The instant.
    #[must_use]
    pub fn get(&self) -> OffsetDateTime {
        self.0
    }

    /// Writes the instant in Infobip's `yyyy-MM-dd'T'HH:mm:ss.SSSZ`
    /// (`2026-12-01T10:00:00.000+0000`).
    fn write(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let at = self.0;
        let offset = at.offset();
        let sign = if offset.is_negative() { '-' } else { '+' };
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{sign}{:02}{:02}",
            at.year(),
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            at.second(),
            at.millisecond(),
            offset.whole_hours().unsigned_abs(),
            offset.minutes_past_hour().unsigned_abs(),
        )
    }
}

impl<R> Clone for DateTime<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for DateTime<R> {}

impl<R> fmt::Debug for DateTime<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.write(&mut text)?;
        fmt::Debug::fmt(&text, f)
    }
}

/// The wire form.
impl<R> fmt::Display for DateTime<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

impl<R> Deref for DateTime<R> {
    type Target = OffsetDateTime;

    fn deref(&self) -> &OffsetDateTime {
        &self.0
    }
}

/// The same instant (and offset): equality is `OffsetDateTime`'s.
impl<R> PartialEq for DateTime<R> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<R> Eq for DateTime<R> {}

impl<R> PartialEq<OffsetDateTime> for DateTime<R> {
    fn eq(&self, other: &OffsetDateTime) -> bool {
        self.0 == *other
    }
}

impl<R> std::hash::Hash for DateTime<R> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<R> PartialOrd for DateTime<R> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<R> Ord for DateTime<R> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

impl<R> From<DateTime<R>> for OffsetDateTime {
    fn from(at: DateTime<R>) -> OffsetDateTime {
        at.0
    }
}

impl<R: DateTimeRules> TryFrom<OffsetDateTime> for DateTime<R> {
    type Error = ValidationErrors;

    fn try_from(at: OffsetDateTime) -> Result<Self, ValidationErrors> {
        Self::new(at)
    }
}

impl<R: DateTimeRules> TryFrom<&str> for DateTime<R> {
    type Error = ValidationErrors;

    fn try_from(text: &str) -> Result<Self, ValidationErrors> {
        Self::read(text)
    }
}

impl<R: DateTimeRules> TryFrom<String> for DateTime<R> {
    type Error = ValidationErrors;

    fn try_from(text: String) -> Result<Self, ValidationErrors> {
        Self::read(&text)
    }
}

impl<R: DateTimeRules> FromStr for DateTime<R> {
    type Err = ValidationErrors;

    fn from_str(text: &str) -> Result<Self, ValidationErrors> {
        Self::read(text)
    }
}

impl<R> Serialize for DateTime<R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, R: DateTimeRules> Deserialize<'de> for DateTime<R> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        crate::parse::deserialize(de)
    }
}

/// Read as a string, then as a date-time and checked.
impl<'de, R: DateTimeRules> Parse<'de> for DateTime<R> {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        Ok(String::parse(de, cx, at)?.and_then(|text| Self::checked(text, cx, at)))
    }
}

/// A date-time within its days ahead when made may not be later: the rule
/// is checked again, at the context's time.
impl<R: DateTimeRules> Validate for DateTime<R> {
    #[inline]
    fn validate_at(&self, cx: &mut Context, at: &Path<'_>) {
        Self::check_days(self.0, cx, at);
    }
}

#[cfg(feature = "json-schema")]
impl<R: DateTimeRules> schemars::JsonSchema for DateTime<R> {
    /// Written where it is used, as a plain string's schema is.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed(R::NAME)
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = serde_json::Map::new();
        schema.insert("type".into(), "string".into());
        schema.insert("format".into(), R::FORMAT.into());
        schemars::Schema::from(schema)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> OffsetDateTime {
        rules::parse_rfc3339(text).expect("a date-time in a test")
    }

    enum SendAt {}

    impl DateTimeRules for SendAt {
        const NAME: &'static str = "infobip::send_message::ScheduleSendAt";
        const FORMAT: &'static str = "infobip-date-time";
        const MAX_DAYS_AHEAD: Option<u32> = Some(180);
    }

    fn at(text: &str) -> Result<DateTime<SendAt>, String> {
        let mut cx = Context::at_time(instant("2026-11-30T12:00:00Z"));
        let made = DateTime::<SendAt>::checked(text.to_owned(), &mut cx, &Path::Root);
        let rules: Vec<String> = cx.into_violations().into_iter().map(|v| v.rule).collect();
        made.ok_or_else(|| rules.join(" "))
    }

    #[test]
    fn either_form_is_read_and_the_providers_is_written() {
        let documented = at("2026-12-01T10:00:00.000+0000").expect("Infobip's form");
        assert_eq!(documented.to_string(), "2026-12-01T10:00:00.000+0000");
        let rfc3339 = at("2026-12-01T12:30:00.5+02:30").expect("RFC 3339");
        assert_eq!(rfc3339.to_string(), "2026-12-01T12:30:00.500+0230");
        assert_eq!(*rfc3339, instant("2026-12-01T10:00:00.5Z"));
        let written = serde_json::to_string(&documented).expect("writes");
        assert_eq!(written, r#""2026-12-01T10:00:00.000+0000""#);
        // Finer than a millisecond is dropped: what is held is what is sent.
        let fine = at("2026-12-01T10:00:00.123456Z").expect("RFC 3339");
        assert_eq!(fine.to_string(), "2026-12-01T10:00:00.123+0000");
        assert_eq!(fine.nanosecond(), 123_000_000);
    }

    #[test]
    fn every_way_in_checks_the_rules() {
        assert_eq!(at("tomorrow").map(|_| ()), Err("format".to_string()));
        assert_eq!(
            at("2027-12-01T10:00:00.000+0000").map(|_| ()),
            Err("maxDaysAhead".to_string())
        );
        assert!("soon".parse::<DateTime<SendAt>>().is_err());
        assert!(DateTime::<SendAt>::try_from(instant("2099-01-01T00:00:00Z")).is_err());
        let now = OffsetDateTime::now_utc();
        let made = DateTime::<SendAt>::new(now).expect("now is within 180 days");
        assert_eq!(made.unix_timestamp(), now.unix_timestamp());
        let before_year_0 = OffsetDateTime::UNIX_EPOCH
            .replace_year(-1)
            .expect("a year time holds");
        let year = DateTime::<SendAt>::new(before_year_0).expect_err("year -1");
        assert_eq!(year.violations()[0].rule, "format");
        // Into UTC, the last second of year 9999 in a seconds offset is in
        // year 10000: refused, not a panic.
        let last = instant("9999-12-31T23:59:59Z")
            .replace_offset(UtcOffset::from_hms(0, 0, -30).expect("an offset"));
        let refused = DateTime::<SendAt>::new(last).expect_err("beyond year 9999");
        assert_eq!(refused.violations()[0].rule, "format");
        // An offset beyond 23 hours is written in UTC, and read back.
        let far = instant("2026-12-01T10:00:00Z")
            .to_offset(UtcOffset::from_hms(25, 0, 0).expect("time allows it"));
        let mut cx = Context::at_time(instant("2026-11-30T12:00:00Z"));
        let written = DateTime::<SendAt>::made(far, &mut cx, &Path::Root).expect("tomorrow");
        assert_eq!(written.to_string(), "2026-12-01T10:00:00.000+0000");
        assert_eq!(
            at(&written.to_string()).map(|at| at.get()),
            Ok(written.get())
        );
        let parsed: Result<DateTime<SendAt>, _> = serde_json::from_str(r#""2026-13-01T10:00:00Z""#);
        assert!(parsed.is_err());
    }
}

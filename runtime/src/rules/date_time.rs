//! Date-times and the `maxDaysAhead` rule.
//!
//! Format `infobip-date-time`: an RFC 3339 date-time (`2026-11-23T10:00:00.000Z`,
//! `…+01:00`), or the same with a `±hhmm` offset (`…+0000`), which is what
//! Infobip's documented pattern `yyyy-MM-dd'T'HH:mm:ss.SSSZ` produces.
//!
//! `maxDaysAhead: N`: the instant is at most N × 24 hours after "now". "Now"
//! is always a parameter, so tests and reproducible runs can fix it.

use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// Parses an RFC 3339 date-time, also accepting a `±hhmm` offset.
#[must_use]
pub fn parse_infobip(s: &str) -> Option<OffsetDateTime> {
    let bytes = s.as_bytes();
    let n = bytes.len();
    // An RFC 3339 date-time ends in `Z` or `±hh:mm`, never in `±hhmm`, so
    // the two forms cannot be confused.
    let java_offset = n >= 5
        && matches!(bytes[n - 5], b'+' | b'-')
        && bytes[n - 4..].iter().all(u8::is_ascii_digit);
    if !java_offset {
        return parse_rfc3339(s);
    }
    // Insert the colon RFC 3339 wants, on the stack when it fits: this runs
    // on every Infobip `sendAt`, and the documented form is the colon-less one.
    let mut buffer = [0u8; 64];
    let mut long;
    let with_colon: &mut [u8] = if n < buffer.len() {
        &mut buffer[..=n]
    } else {
        long = vec![0u8; n + 1];
        &mut long
    };
    with_colon[..n - 2].copy_from_slice(&bytes[..n - 2]);
    with_colon[n - 2] = b':';
    with_colon[n - 1..].copy_from_slice(&bytes[n - 2..]);
    // Only ASCII was moved past the split, so this is still UTF-8.
    let with_colon = std::str::from_utf8(with_colon).ok()?;
    OffsetDateTime::parse(with_colon, &Rfc3339).ok()
}

/// Parses an RFC 3339 date-time (JSON Schema's `date-time`).
#[must_use]
pub fn parse_rfc3339(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// `Some(message)` when `at` is more than `max_days` days after `now`.
#[must_use]
pub fn check_days_ahead(at: OffsetDateTime, now: OffsetDateTime, max_days: u32) -> Option<String> {
    let ahead = at - now;
    if ahead <= Duration::days(i64::from(max_days)) {
        return None;
    }
    let total = ahead.whole_seconds();
    let (days, rest) = (total / 86_400, total % 86_400);
    let (hours, minutes, seconds) = (rest / 3600, rest % 3600 / 60, rest % 60);
    Some(format!(
        "{days} days {hours} h {minutes} min {seconds} s ahead of now, at most {max_days} days allowed"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> OffsetDateTime {
        parse_infobip(s).expect("valid date-time in test")
    }

    #[test]
    fn accepts_rfc3339_and_java_offsets() {
        assert_eq!(
            at("2026-11-23T10:00:00.000+0000"),
            at("2026-11-23T10:00:00Z")
        );
        assert_eq!(
            at("2026-11-23T12:00:00.000+0200"),
            at("2026-11-23T10:00:00Z")
        );
        assert_eq!(at("2026-11-23T10:00:00-01:30"), at("2026-11-23T11:30:00Z"));
        // Longer than the stack buffer the colon is inserted in.
        let digits = "1".repeat(60);
        assert_eq!(
            parse_infobip(&format!("2026-11-23T10:00:00.{digits}+0000")),
            parse_rfc3339(&format!("2026-11-23T10:00:00.{digits}Z"))
        );
        assert!(parse_rfc3339(&format!("2026-11-23T10:00:00.{digits}Z")).is_some());
    }

    #[test]
    fn rejects_what_is_not_a_date_time() {
        for bad in [
            "",
            "2026-11-23",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-23T10:00:00",
            "2026-11-23T10:00:00+000",
            "2026-11-23T10:00:00+0a00",
        ] {
            assert_eq!(parse_infobip(bad), None, "{bad}");
        }
        assert_eq!(parse_rfc3339("2026-11-23T10:00:00+0000"), None);
    }

    #[test]
    fn exactly_n_days_ahead_is_allowed_one_second_more_is_not() {
        let now = at("2026-11-23T00:00:00Z");
        assert_eq!(check_days_ahead(at("2027-05-22T00:00:00Z"), now, 180), None);
        assert_eq!(
            check_days_ahead(at("2027-05-22T00:00:01Z"), now, 180).as_deref(),
            Some("180 days 0 h 0 min 1 s ahead of now, at most 180 days allowed")
        );
        // The past is never "too far ahead".
        assert_eq!(check_days_ahead(at("2000-01-01T00:00:00Z"), now, 180), None);
    }
}

//! Leaf checks, one function per rule keyword, called by generated code and
//! by `#[derive(Validate)]` expansions with the value and where it is. Each
//! records a violation worded exactly as the schema engine words it, so the
//! two engines' reports read the same.

use crate::describe::{list_strs, preview_str};
use crate::rules::integer::{int_text, NumericFormat};
use crate::rules::multiple_of::{self as multiple, number_text};
use crate::rules::size::{too_long, too_short, Unit};
use crate::rules::{base64_file, date_time, uri};
use crate::{Context, Path};

#[inline]
pub fn max_bytes(cx: &mut Context, at: &Path<'_>, s: &str, limit: u64) {
    let n = s.len() as u64;
    if n > limit {
        cx.fail(at, "maxBytes", too_long(n, limit, Unit::Bytes));
    }
}

/// `maxLength`: at most `limit` characters (Unicode scalar values).
#[inline]
pub fn max_length(cx: &mut Context, at: &Path<'_>, s: &str, limit: u64) {
    // Bytes ≥ characters: a string short in bytes is short in characters,
    // and the common case never counts.
    if (s.len() as u64) > limit {
        max_length_counted(cx, at, s, limit);
    }
}

#[inline(never)]
fn max_length_counted(cx: &mut Context, at: &Path<'_>, s: &str, limit: u64) {
    let n = s.chars().count() as u64;
    if n > limit {
        cx.fail(at, "maxLength", too_long(n, limit, Unit::Characters));
    }
}

/// `minLength`: at least `limit` characters.
#[inline]
pub fn min_length(cx: &mut Context, at: &Path<'_>, s: &str, limit: u64) {
    // A character is at most 4 bytes, so a string has at least ⌈bytes / 4⌉
    // characters: enough of them settles it without counting (for
    // `minLength: 1`, any non-empty string).
    if (s.len() as u64).div_ceil(4) < limit {
        min_length_counted(cx, at, s, limit);
    }
}

#[inline(never)]
fn min_length_counted(cx: &mut Context, at: &Path<'_>, s: &str, limit: u64) {
    let n = s.chars().count() as u64;
    if n < limit {
        cx.fail(at, "minLength", too_short(n, limit, Unit::Characters));
    }
}

#[inline]
pub fn max_items(cx: &mut Context, at: &Path<'_>, len: usize, limit: u64) {
    if len as u64 > limit {
        cx.fail(at, "maxItems", too_long(len as u64, limit, Unit::Items));
    }
}

/// `uniqueItems`: no two items are equal (items of a Rust type whose
/// equality is JSON's: strings, integers, booleans, string and integer
/// enums).
pub fn unique_items<T: PartialEq>(cx: &mut Context, at: &Path<'_>, items: &[T]) {
    let repeated = (1..items.len()).any(|j| items[..j].contains(&items[j]));
    if repeated {
        cx.fail(at, "uniqueItems", "items are not unique");
    }
}

/// `uniqueItems` over JSON values, with JSON equality (`1` equals `1.0`,
/// members in any order): every item, whether or not it is of the list's
/// type, as the schema engine compares them.
pub fn unique_json_items(cx: &mut Context, at: &Path<'_>, items: &[serde_json::Value]) {
    let repeated = (1..items.len()).any(|j| {
        items[..j]
            .iter()
            .any(|earlier| crate::rules::json_value::json_equal(earlier, &items[j]))
    });
    if repeated {
        cx.fail(at, "uniqueItems", "items are not unique");
    }
}

#[inline]
pub fn min_items(cx: &mut Context, at: &Path<'_>, len: usize, limit: u64) {
    if (len as u64) < limit {
        cx.fail(at, "minItems", too_short(len as u64, limit, Unit::Items));
    }
}

#[inline]
pub fn max_properties(cx: &mut Context, at: &Path<'_>, len: usize, limit: u64) {
    if len as u64 > limit {
        cx.fail(
            at,
            "maxProperties",
            too_long(len as u64, limit, Unit::Properties),
        );
    }
}

#[inline]
pub fn min_properties(cx: &mut Context, at: &Path<'_>, len: usize, limit: u64) {
    if (len as u64) < limit {
        cx.fail(
            at,
            "minProperties",
            too_short(len as u64, limit, Unit::Properties),
        );
    }
}

/// `minimum` for any number type that widens to `f64` exactly enough for the
/// bounds in schemas (integers up to 2^53, or the bound itself as written).
#[inline]
pub fn minimum<N: Into<f64> + Copy + std::fmt::Display>(
    cx: &mut Context,
    at: &Path<'_>,
    n: N,
    limit: f64,
) {
    if n.into() < limit {
        cx.fail(
            at,
            "minimum",
            format!("{n} is less than the minimum {}", number_text(limit)),
        );
    }
}

#[inline]
pub fn maximum<N: Into<f64> + Copy + std::fmt::Display>(
    cx: &mut Context,
    at: &Path<'_>,
    n: N,
    limit: f64,
) {
    if n.into() > limit {
        cx.fail(
            at,
            "maximum",
            format!("{n} is greater than the maximum {}", number_text(limit)),
        );
    }
}

/// Integer bounds compared exactly (no rounding through `f64`).
#[inline]
pub fn minimum_int(cx: &mut Context, at: &Path<'_>, n: i128, limit: i128) {
    if n < limit {
        cx.fail(
            at,
            "minimum",
            format!("{} is less than the minimum {limit}", int_text(n)),
        );
    }
}

#[inline]
pub fn maximum_int(cx: &mut Context, at: &Path<'_>, n: i128, limit: i128) {
    if n > limit {
        cx.fail(
            at,
            "maximum",
            format!("{} is greater than the maximum {limit}", int_text(n)),
        );
    }
}

/// `exclusiveMinimum` on an integer, compared exactly.
#[inline]
pub fn exclusive_minimum_int(cx: &mut Context, at: &Path<'_>, n: i128, limit: i128) {
    if n <= limit {
        cx.fail(
            at,
            "exclusiveMinimum",
            format!("{} is not greater than {limit}", int_text(n)),
        );
    }
}

/// `exclusiveMaximum` on an integer, compared exactly.
#[inline]
pub fn exclusive_maximum_int(cx: &mut Context, at: &Path<'_>, n: i128, limit: i128) {
    if n >= limit {
        cx.fail(
            at,
            "exclusiveMaximum",
            format!("{} is not less than {limit}", int_text(n)),
        );
    }
}

/// `exclusiveMinimum` on a number.
#[inline]
pub fn exclusive_minimum<N: Into<f64> + Copy>(cx: &mut Context, at: &Path<'_>, n: N, limit: f64) {
    let x = n.into();
    if x <= limit {
        cx.fail(
            at,
            "exclusiveMinimum",
            format!(
                "{} is not greater than {}",
                number_text(x),
                number_text(limit)
            ),
        );
    }
}

/// `exclusiveMaximum` on a number.
#[inline]
pub fn exclusive_maximum<N: Into<f64> + Copy>(cx: &mut Context, at: &Path<'_>, n: N, limit: f64) {
    let x = n.into();
    if x >= limit {
        cx.fail(
            at,
            "exclusiveMaximum",
            format!("{} is not less than {}", number_text(x), number_text(limit)),
        );
    }
}

/// `multipleOf` on a number, exact for decimals (`rules::multiple_of`).
#[inline]
pub fn multiple_of<N: Into<f64> + Copy>(cx: &mut Context, at: &Path<'_>, n: N, divisor: f64) {
    let x = n.into();
    if !multiple::is_multiple(x, divisor) {
        cx.fail(
            at,
            "multipleOf",
            multiple::not_a_multiple(&number_text(x), divisor),
        );
    }
}

/// `multipleOf` on an integer, exact beyond 53 bits.
#[inline]
pub fn multiple_of_int(cx: &mut Context, at: &Path<'_>, n: i128, divisor: f64) {
    if !multiple::is_multiple_int(n, divisor) {
        cx.fail(
            at,
            "multipleOf",
            multiple::not_a_multiple(&int_text(n), divisor),
        );
    }
}

/// `enum` or `const` (`rule`) of any JSON values, by JSON equality.
pub fn json_value(
    cx: &mut Context,
    at: &Path<'_>,
    value: &serde_json::Value,
    allowed: &crate::rules::json_value::Allowed,
    rule: &'static str,
) {
    if !allowed.contains(value) {
        cx.fail(at, rule, allowed.refusal(value, rule));
    }
}

/// An integer within an OpenAPI format's range (`int32`, `int64`).
#[inline]
pub fn integer_format(cx: &mut Context, at: &Path<'_>, n: i128, format: NumericFormat) {
    if !format.holds_integer(n) {
        integer_format_failed(cx, at, n, format);
    }
}

#[cold]
fn integer_format_failed(cx: &mut Context, at: &Path<'_>, n: i128, format: NumericFormat) {
    cx.fail(at, "format", format.not_valid(&int_text(n)));
}

/// A number within an OpenAPI format's range (`float`, `int32`, …).
#[inline]
pub fn number_format(cx: &mut Context, at: &Path<'_>, x: f64, format: NumericFormat) {
    if !format.holds(x) {
        cx.fail(at, "format", format.not_valid(&x.to_string()));
    }
}

/// A string in a standard format (`email`, `ipv4`, `uuid`, …), by the name
/// `rules::format` knows it under.
#[inline]
pub fn format(cx: &mut Context, at: &Path<'_>, s: &str, name: &'static str) {
    if crate::rules::format::is_valid(name, s) == Some(false) {
        not_in_format(cx, at, s, name);
    }
}

#[cold]
fn not_in_format(cx: &mut Context, at: &Path<'_>, s: &str, name: &str) {
    cx.fail(
        at,
        "format",
        format!("{} is not a valid {name}", preview_str(s)),
    );
}

pub fn format_uri(cx: &mut Context, at: &Path<'_>, s: &str) {
    if !uri::is_uri(s) {
        cx.fail(
            at,
            "format",
            format!("{} is not a valid uri", preview_str(s)),
        );
    }
}

pub fn format_date_time(cx: &mut Context, at: &Path<'_>, s: &str) {
    if date_time::parse_rfc3339(s).is_none() {
        cx.fail(
            at,
            "format",
            format!("{} is not a valid date-time", preview_str(s)),
        );
    }
}

pub fn format_infobip_date_time(cx: &mut Context, at: &Path<'_>, s: &str) {
    if date_time::parse_infobip(s).is_none() {
        not_an_infobip_date_time(cx, at, s);
    }
}

#[cold]
fn not_an_infobip_date_time(cx: &mut Context, at: &Path<'_>, s: &str) {
    cx.fail(
        at,
        "format",
        format!("{} is not a valid infobip-date-time", preview_str(s)),
    );
}

/// `format: infobip-date-time` and `maxDaysAhead` together, parsing once:
/// what both [`format_infobip_date_time`] and [`max_days_ahead`] report.
pub fn infobip_date_time_max_days_ahead(cx: &mut Context, at: &Path<'_>, s: &str, days: u32) {
    match date_time::parse_infobip(s) {
        None => not_an_infobip_date_time(cx, at, s),
        Some(instant) => {
            if let Some(message) = date_time::check_days_ahead(instant, cx.time(), days) {
                cx.fail(at, "maxDaysAhead", message);
            }
        }
    }
}

/// `maxDaysAhead`: strings that are not date-times are `format`'s business.
pub fn max_days_ahead(cx: &mut Context, at: &Path<'_>, s: &str, days: u32) {
    if let Some(instant) = date_time::parse_infobip(s) {
        if let Some(message) = date_time::check_days_ahead(instant, cx.time(), days) {
            cx.fail(at, "maxDaysAhead", message);
        }
    }
}

/// `base64File`: every broken part (encoding, decoded size, media type).
pub fn base64_file(cx: &mut Context, at: &Path<'_>, s: &str, max_bytes: u64, media_types: &[&str]) {
    for problem in base64_file::problems(s, max_bytes, media_types) {
        cx.fail(at, "base64File", problem);
    }
}

/// `pattern`: `s` contains a match.
pub fn pattern(cx: &mut Context, at: &Path<'_>, s: &str, pattern: &crate::rules::pattern::Pattern) {
    match pattern.is_match(s) {
        Some(true) => {}
        Some(false) => cx.fail(
            at,
            "pattern",
            crate::rules::pattern::mismatch(s, pattern.source()),
        ),
        None => cx.fail(
            at,
            "pattern",
            format!("pattern `{}` does not compile", pattern.source()),
        ),
    }
}

/// `enum` of strings: `value` is one of `allowed`.
pub fn string_enum(cx: &mut Context, at: &Path<'_>, value: &str, allowed: &[&str]) {
    cx.fail(
        at,
        "enum",
        format!(
            "{} is not one of {}",
            preview_str(value),
            list_strs(allowed)
        ),
    );
}

/// `const` string.
pub fn string_const(cx: &mut Context, at: &Path<'_>, value: &str, expected: &str) {
    cx.fail(
        at,
        "const",
        format!("{} is not {}", preview_str(value), preview_str(expected)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;

    fn run(check: impl FnOnce(&mut Context, &Path<'_>)) -> Vec<(String, String)> {
        let mut cx = Context::at_time(OffsetDateTime::UNIX_EPOCH);
        let root = Path::Root;
        check(&mut cx, &root.key("v"));
        cx.into_violations()
            .into_iter()
            .map(|v| (v.rule, v.message))
            .collect()
    }

    fn rules(check: impl FnOnce(&mut Context, &Path<'_>)) -> Vec<String> {
        run(check).into_iter().map(|(rule, _)| rule).collect()
    }

    #[test]
    fn bytes_and_characters_are_different_units() {
        let emoji_250 = "😀".repeat(250);
        assert!(rules(|cx, at| max_bytes(cx, at, &emoji_250, 1000)).is_empty());
        let over = format!("{}😀", "a".repeat(999));
        assert_eq!(
            run(|cx, at| max_bytes(cx, at, &over, 1000)),
            [(
                "maxBytes".to_string(),
                "1003 bytes, at most 1000 UTF-8 bytes allowed".to_string()
            )]
        );
        assert!(rules(|cx, at| max_length(cx, at, &over, 1000)).is_empty());
        let chars_21 = "😀".repeat(21);
        assert_eq!(
            rules(|cx, at| max_length(cx, at, &chars_21, 20)),
            ["maxLength"]
        );
        assert!(rules(|cx, at| max_length(cx, at, &"😀".repeat(20), 20)).is_empty());
        assert_eq!(rules(|cx, at| min_length(cx, at, "", 1)), ["minLength"]);
        assert!(rules(|cx, at| min_length(cx, at, "é", 1)).is_empty());
    }

    /// `min_length` settles long strings from their byte length alone: a
    /// character is at most 4 bytes. Around that shortcut's edge it must
    /// still count exactly.
    #[test]
    fn min_length_counts_characters_near_the_byte_shortcut() {
        let emoji_2 = "😀".repeat(2); // 8 bytes, 2 characters
        assert!(rules(|cx, at| min_length(cx, at, &emoji_2, 2)).is_empty());
        assert_eq!(
            rules(|cx, at| min_length(cx, at, &emoji_2, 3)),
            ["minLength"]
        );
        let ascii_8 = "a".repeat(8); // 8 bytes, 8 characters
        assert!(rules(|cx, at| min_length(cx, at, &ascii_8, 8)).is_empty());
        assert_eq!(
            rules(|cx, at| min_length(cx, at, &ascii_8, 9)),
            ["minLength"]
        );
        let mixed = "aé😀"; // 7 bytes, 3 characters
        assert!(rules(|cx, at| min_length(cx, at, mixed, 3)).is_empty());
        assert_eq!(rules(|cx, at| min_length(cx, at, mixed, 4)), ["minLength"]);
    }

    /// The combined check reports exactly what the two separate ones do.
    #[test]
    fn infobip_date_time_with_days_is_both_checks_in_one() {
        let now = date_time::parse_rfc3339("2026-11-23T00:00:00Z").expect("date-time");
        for s in [
            "2026-11-24T10:00:00.000+0000",
            "2027-05-22T00:00:00Z",
            "2027-05-22T00:00:01Z",
            "2027-12-01T00:00:00.000+0100",
            "tomorrow",
            "2026-11-24T10:00:00",
        ] {
            let at_now = |check: &dyn Fn(&mut Context, &Path<'_>)| {
                let mut cx = Context::at_time(now);
                check(&mut cx, &Path::Root);
                cx.into_violations()
            };
            let separate = at_now(&|cx, at| {
                format_infobip_date_time(cx, at, s);
                max_days_ahead(cx, at, s, 180);
            });
            let combined = at_now(&|cx, at| infobip_date_time_max_days_ahead(cx, at, s, 180));
            assert_eq!(combined, separate, "{s}");
        }
    }

    #[test]
    fn counts_and_bounds() {
        assert_eq!(rules(|cx, at| max_items(cx, at, 14, 13)), ["maxItems"]);
        assert!(rules(|cx, at| max_items(cx, at, 13, 13)).is_empty());
        assert_eq!(rules(|cx, at| min_items(cx, at, 0, 1)), ["minItems"]);
        assert_eq!(
            rules(|cx, at| max_properties(cx, at, 2, 1)),
            ["maxProperties"]
        );
        assert_eq!(
            rules(|cx, at| min_properties(cx, at, 0, 1)),
            ["minProperties"]
        );
        assert_eq!(
            run(|cx, at| maximum_int(cx, at, 2_147_483_648, 2_147_483_647)),
            [(
                "maximum".to_string(),
                "2147483648 is greater than the maximum 2147483647".to_string()
            )]
        );
        assert_eq!(rules(|cx, at| minimum_int(cx, at, 0, 1)), ["minimum"]);
        assert_eq!(rules(|cx, at| maximum(cx, at, 1.5, 1.0)), ["maximum"]);
        assert!(rules(|cx, at| minimum(cx, at, 1.0, 1.0)).is_empty());
    }

    #[test]
    fn formats_and_dates() {
        assert_eq!(
            rules(|cx, at| format_uri(cx, at, "www.google.com")),
            ["format"]
        );
        assert!(rules(|cx, at| format_uri(cx, at, "https://www.google.com")).is_empty());
        assert_eq!(
            rules(|cx, at| format_date_time(cx, at, "2026-11-23")),
            ["format"]
        );
        assert!(
            rules(|cx, at| format_infobip_date_time(cx, at, "2026-11-23T10:00:00.000+0000"))
                .is_empty()
        );
        // 1970-01-01 + 180 days is 1970-06-30.
        assert!(rules(|cx, at| max_days_ahead(cx, at, "1970-06-30T00:00:00Z", 180)).is_empty());
        assert_eq!(
            rules(|cx, at| max_days_ahead(cx, at, "1970-06-30T00:00:01Z", 180)),
            ["maxDaysAhead"]
        );
        assert!(rules(|cx, at| max_days_ahead(cx, at, "garbage", 180)).is_empty());
    }

    #[test]
    fn enum_and_const_messages_preview_the_value() {
        assert_eq!(
            run(|cx, at| string_enum(cx, at, "wave", &["react", "unreact"])),
            [(
                "enum".to_string(),
                "\"wave\" is not one of \"react\", \"unreact\"".to_string()
            )]
        );
        assert_eq!(
            run(|cx, at| string_const(cx, at, "RESPONSE", "MESSAGE_TAG")),
            [(
                "const".to_string(),
                "\"RESPONSE\" is not \"MESSAGE_TAG\"".to_string()
            )]
        );
    }
}

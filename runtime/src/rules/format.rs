//! `format`: the string formats of JSON Schema 2020-12 (§7.3), one checker
//! per format, each following the RFC the specification names for it.
//!
//! A format says what a *string* means; other instance types are not this
//! module's business, and the caller decides whether a format is an assertion
//! or an annotation. [`is_valid`] answers for a format by name, `None` for a
//! name it does not know, so that an unknown format is never mistaken for a
//! failed one.
//!
//! Every checker is total and panic-free on any input, and its work grows
//! linearly with the input: a hostile megabyte costs one scan. The IDNA
//! checks, the only ones that consult Unicode data, first bound the input by
//! the 253-character limit of a domain name.
//!
//! Unicode data comes from two places, so that the runtime needs no crate of
//! its own for it: the `regex` crate's tables (general category, script and
//! the binary properties, Unicode 16) through a few compiled character
//! classes, and four small tables at the end of this file for what `regex`
//! does not expose (bidirectional class, joining type, virama, compatibility
//! decompositions).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::{Regex, RegexSet};

/// Every format this module checks, sorted.
pub const FORMATS: &[&str] = &[
    "date",
    "date-time",
    "duration",
    "email",
    "hostname",
    "idn-email",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "regex",
    "relative-json-pointer",
    "time",
    "uri",
    "uri-reference",
    "uri-template",
    "uuid",
];

/// Whether `s` is a valid instance of `format`; `None` when the format is not
/// one this module knows.
#[must_use]
pub fn is_valid(format: &str, s: &str) -> Option<bool> {
    let check: fn(&str) -> bool = match format {
        "date" => is_date,
        // One definition of an RFC 3339 date-time for the whole runtime.
        "date-time" => |s| crate::rules::date_time::parse_rfc3339(s).is_some(),
        "duration" => is_duration,
        "email" => is_email,
        "hostname" => is_hostname,
        "idn-email" => is_idn_email,
        "idn-hostname" => is_idn_hostname,
        "ipv4" => is_ipv4,
        "ipv6" => is_ipv6,
        "iri" => is_iri,
        "iri-reference" => is_iri_reference,
        "json-pointer" => is_json_pointer,
        "regex" => is_regex,
        "relative-json-pointer" => is_relative_json_pointer,
        "time" => is_time,
        "uri" => crate::rules::uri::is_uri,
        "uri-reference" => is_uri_reference,
        "uri-template" => is_uri_template,
        "uuid" => is_uuid,
        _ => return None,
    };
    Some(check(s))
}

// ---------------------------------------------------------------------------
// Dates and times (RFC 3339)

/// `date`: an RFC 3339 `full-date`, `YYYY-MM-DD` in ASCII digits, naming a
/// day that exists (February 29 only in Gregorian leap years).
#[must_use]
pub fn is_date(s: &str) -> bool {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s.as_bytes() else {
        return false;
    };
    let (Some(year), Some(month), Some(day)) = (
        decimal([y0, y1, y2, y3]),
        decimal([m0, m1]),
        decimal([d0, d1]),
    ) else {
        return false;
    };
    (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let is_leap_year =
        year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if is_leap_year => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The value of a fixed number of ASCII digits.
fn decimal<const N: usize>(digits: [u8; N]) -> Option<u32> {
    digits.iter().try_fold(0, |value, &digit| {
        digit
            .is_ascii_digit()
            .then(|| value * 10 + u32::from(digit - b'0'))
    })
}

/// `time`: an RFC 3339 `full-time`: `HH:MM:SS`, an optional fraction and a
/// required offset (`Z` or `±HH:MM`, either case of `Z`).
///
/// Second 60 is a leap second, and leap seconds are only ever inserted at
/// 23:59 UTC: with an offset, the local time must be the one that is 23:59 in
/// UTC (`15:59:60-08:00`), which is all a time without a date can check.
#[must_use]
pub fn is_time(s: &str) -> bool {
    let [h0, h1, b':', m0, m1, b':', s0, s1, ref rest @ ..] = *s.as_bytes() else {
        return false;
    };
    let (Some(hour), Some(minute), Some(second)) =
        (decimal([h0, h1]), decimal([m0, m1]), decimal([s0, s1]))
    else {
        return false;
    };
    let mut rest = rest;
    if let [b'.', fraction @ ..] = rest {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    let offset_minutes = match *rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), oh0, oh1, b':', om0, om1] => {
            let (Some(hours), Some(minutes)) = (decimal([oh0, oh1]), decimal([om0, om1])) else {
                return false;
            };
            if hours > 23 || minutes > 59 {
                return false;
            }
            let offset = i64::from(hours * 60 + minutes);
            if sign == b'+' {
                offset
            } else {
                -offset
            }
        }
        _ => return false,
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let utc_minute_of_day = (i64::from(hour * 60 + minute) - offset_minutes).rem_euclid(24 * 60);
    second < 60 || utc_minute_of_day == 23 * 60 + 59
}

/// `duration`: an ISO 8601 duration as RFC 3339 Appendix A writes its
/// grammar: `P`, then weeks alone (`P2W`), or date units and/or a `T` with
/// time units. Units come in order and without gaps (`P1Y2M`, not `P1Y2D`;
/// `PT1M2S`, not `PT1H2S`), each with a whole number of ASCII digits.
#[must_use]
pub fn is_duration(s: &str) -> bool {
    let Some(body) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match body.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (body, None),
    };
    if time.is_none() {
        if let Some(weeks) = date.strip_suffix('W') {
            return is_ascii_digits(weeks);
        }
    }
    let date_ok = date.is_empty() || has_consecutive_units(date, b"YMD");
    let time_ok = time.is_none_or(|time| has_consecutive_units(time, b"HMS"));
    date_ok && time_ok && !(date.is_empty() && time.is_none())
}

/// `s` is one or more `<digits><unit>` with units from `order`, each one
/// right after the previous in `order`.
fn has_consecutive_units(s: &str, order: &[u8]) -> bool {
    let bytes = s.as_bytes();
    let mut previous: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let Some(&unit) = bytes.get(i + digits) else {
            return false;
        };
        let Some(index) = order.iter().position(|&u| u == unit) else {
            return false;
        };
        if digits == 0 || previous.is_some_and(|p| p + 1 != index) {
            return false;
        }
        previous = Some(index);
        i += digits + 1;
    }
    previous.is_some()
}

fn is_ascii_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

// ---------------------------------------------------------------------------
// E-mail addresses (RFC 5321, RFC 6531)

/// `email`: an RFC 5321 `Mailbox`: a dot-atom or quoted local part of at
/// most 64 octets, `@`, and a host name or an address literal (`[192.0.2.1]`,
/// `[IPv6:2001:db8::1]`). Display names, comments and lists (RFC 5322's
/// fuller syntax) are not addresses.
#[must_use]
pub fn is_email(s: &str) -> bool {
    is_mailbox(s, Repertoire::Ascii)
}

/// `idn-email`: an RFC 6531 mailbox, which is [`is_email`] with any non-ASCII
/// character allowed in the local part and internationalized host names
/// ([`is_idn_hostname`]) as the domain.
#[must_use]
pub fn is_idn_email(s: &str) -> bool {
    is_mailbox(s, Repertoire::Unicode)
}

/// Which characters beyond ASCII a grammar admits: the ASCII original (URI,
/// e-mail) or its internationalized extension (IRI, SMTPUTF8).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repertoire {
    Ascii,
    Unicode,
}

/// RFC 5321 §4.5.3.1.1: a local part is at most 64 octets.
const MAX_LOCAL_PART: usize = 64;

fn is_mailbox(s: &str, repertoire: Repertoire) -> bool {
    let Some(at) = local_part_end(s, repertoire) else {
        return false;
    };
    let domain = &s[at + 1..];
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        // RFC 5321 §4.1.3. IPv6 is the only registered tag of a
        // General-address-literal, so no other tag is accepted.
        return match literal.get(..5) {
            Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => is_ipv6(&literal[5..]),
            _ => is_ipv4(literal),
        };
    }
    match repertoire {
        Repertoire::Ascii => is_hostname(domain),
        Repertoire::Unicode => is_idn_hostname(domain),
    }
}

/// The index of the `@` that ends a well-formed local part at the start of
/// `s` (RFC 5321 `Dot-string` or `Quoted-string`).
fn local_part_end(s: &str, repertoire: Repertoire) -> Option<usize> {
    let unicode = repertoire == Repertoire::Unicode;
    let mut chars = s.char_indices();
    let end = if s.starts_with('"') {
        chars.next();
        loop {
            let (i, c) = chars.next()?;
            match c {
                '"' => break i + 1,
                // quoted-pairSMTP: a backslash and any printable ASCII.
                '\\' => {
                    let (_, escaped) = chars.next()?;
                    if !(' '..='~').contains(&escaped) {
                        return None;
                    }
                }
                ' ' | '!' | '#'..='[' | ']'..='~' => {}
                c if unicode && !c.is_ascii() => {}
                _ => return None,
            }
        }
    } else {
        // Atoms separated by single dots: no dot first, last or twice.
        let mut after_dot = true;
        loop {
            let (i, c) = chars.next()?;
            match c {
                '@' if !after_dot => break i,
                '.' if !after_dot => after_dot = true,
                c if is_atext(c) || (unicode && !c.is_ascii()) => after_dot = false,
                _ => return None,
            }
        }
    };
    (end <= MAX_LOCAL_PART && s[end..].starts_with('@')).then_some(end)
}

/// RFC 5322 `atext`.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

// ---------------------------------------------------------------------------
// Host names (RFC 1123, IDNA 2008: RFC 5890–5893, RFC 3492)

/// `hostname`: an RFC 1123 host name: dot-separated labels of ASCII letters,
/// digits and hyphens, no label empty, longer than 63 or starting or ending
/// with a hyphen, at most 253 characters in all and no trailing dot.
///
/// Labels with `--` in positions 3–4 are reserved by RFC 5890 §2.3.1; the
/// only ones in use are A-labels (`xn--…`), which must be the Punycode of a
/// valid internationalized label ([`is_idn_hostname`]'s rules).
#[must_use]
pub fn is_hostname(s: &str) -> bool {
    s.is_ascii() && is_idn_hostname(s)
}

/// `idn-hostname`: an internationalized host name (RFC 5890 §2.3.2.3):
/// labels separated by `.` or its ideographic and full-width forms (U+3002,
/// U+FF0E, U+FF61, RFC 3490 §3.1), each an ASCII label as in [`is_hostname`]
/// or a U-label that IDNA 2008 allows:
///
/// - every character PVALID by RFC 5892's derivation, or CONTEXTJ/CONTEXTO
///   and satisfying its rule in RFC 5892 Appendix A (the joiners after a
///   virama or between joining letters, MIDDLE DOT between two `l`, KERAIA
///   before Greek, GERESH and GERSHAYIM after Hebrew, KATAKANA MIDDLE DOT
///   with kana or Han, no mixing of the two Arabic-Indic digit sets);
/// - no combining mark first, no hyphen first or last, no `--` in positions
///   3–4 (RFC 5891 §4.2.3);
/// - its A-label at most 63 octets, and the whole name at most 253 in A-label
///   form;
/// - in a name with any right-to-left label, every label passes the Bidi
///   rule of RFC 5893 §2.
///
/// Case folding makes upper case unstable, so a U-label is in lower case
/// (`bücher`, not `Bücher`); ASCII labels, as in any host name, may be in
/// either.
///
/// Not checked: that a U-label is in Unicode NFC, which needs normalization
/// tables this crate does not carry.
#[must_use]
pub fn is_idn_hostname(s: &str) -> bool {
    idna::is_domain(s)
}

mod idna {
    use super::{punycode, tables, unicode_classes, UnicodeFacts};

    /// RFC 1034 §3.1 as RFC 1123 §2.1 reads it: 255 octets on the wire are
    /// 253 characters of text without the trailing dot.
    const MAX_NAME: usize = 253;
    const MAX_LABEL: usize = 63;
    /// The longest U-label whose A-label can fit in 63 octets: every
    /// character costs at least one octet after `xn--`.
    const MAX_U_LABEL_CHARS: usize = MAX_LABEL - 4;

    pub(super) fn is_domain(s: &str) -> bool {
        // A name of more characters than the limit is too long in any form,
        // which bounds all further work.
        if s.is_empty() || s.len() > MAX_NAME * 4 || s.chars().count() > MAX_NAME {
            return false;
        }
        let mut labels: Vec<Vec<char>> = Vec::new();
        let mut name_length = 0;
        for label in s.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']) {
            let (chars, ascii_length) = if label.is_ascii() {
                match ascii_label(label) {
                    Some(chars) => (chars, label.len()),
                    None => return false,
                }
            } else {
                let chars: Vec<char> = label.chars().collect();
                if chars.len() > MAX_U_LABEL_CHARS || !is_u_label(&chars) {
                    return false;
                }
                match punycode::encode(&chars) {
                    Some(encoded) if 4 + encoded.len() <= MAX_LABEL => (chars, 4 + encoded.len()),
                    _ => return false,
                }
            };
            name_length += ascii_length + usize::from(!labels.is_empty());
            labels.push(chars);
        }
        name_length <= MAX_NAME && satisfies_bidi_rule(&labels)
    }

    /// The characters of an ASCII label (an A-label's U-label), if it is valid.
    fn ascii_label(label: &str) -> Option<Vec<char>> {
        let bytes = label.as_bytes();
        let is_ldh = !bytes.is_empty()
            && bytes.len() <= MAX_LABEL
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && bytes.first() != Some(&b'-')
            && bytes.last() != Some(&b'-');
        if !is_ldh {
            return None;
        }
        let has_reserved_hyphens = bytes.get(2..4) == Some(b"--");
        if !has_reserved_hyphens {
            return Some(label.chars().collect());
        }
        // An A-label: the Punycode of a valid U-label that is not all ASCII,
        // in the one form the encoder would produce. Host names ignore case,
        // so it is read in lower case first, as RFC 5891 §5.3 does.
        let label = label.to_ascii_lowercase();
        let encoded = label.strip_prefix("xn--")?;
        let decoded = punycode::decode(encoded)?;
        let canonical = punycode::encode(&decoded)?;
        (decoded.iter().any(|c| !c.is_ascii()) && canonical == encoded && is_u_label(&decoded))
            .then_some(decoded)
    }

    /// RFC 5891 §5.4's checks of a U-label, except the Bidi rule, which
    /// depends on the other labels.
    fn is_u_label(label: &[char]) -> bool {
        let Some(classes) = unicode_classes() else {
            return false;
        };
        let (Some(&first), Some(&last)) = (label.first(), label.last()) else {
            return false;
        };
        if first == '-' || last == '-' || (label.get(2) == Some(&'-') && label.get(3) == Some(&'-'))
        {
            return false;
        }
        let facts: Vec<UnicodeFacts> = label.iter().map(|&c| classes.of(c)).collect();
        if facts[0].is_mark {
            return false;
        }
        (0..label.len()).all(|i| match property(label[i], &facts[i]) {
            Property::Pvalid => true,
            Property::Disallowed => false,
            Property::Contextual => satisfies_context_rule(label, &facts, i),
        })
    }

    enum Property {
        Pvalid,
        /// CONTEXTJ or CONTEXTO: valid where its Appendix A rule holds.
        Contextual,
        Disallowed,
    }

    /// RFC 5892 §3's derivation, in its order. The steps that need data
    /// `regex` has are answered by `facts`; the rest by `tables`.
    fn property(c: char, facts: &UnicodeFacts) -> Property {
        // §2.6 Exceptions (F).
        match c {
            '\u{DF}' | '\u{3C2}' | '\u{6FD}' | '\u{6FE}' | '\u{F0B}' | '\u{3007}' => {
                return Property::Pvalid
            }
            '\u{B7}'
            | '\u{375}'
            | '\u{5F3}'
            | '\u{5F4}'
            | '\u{30FB}'
            | '\u{660}'..='\u{669}'
            | '\u{6F0}'..='\u{6F9}' => return Property::Contextual,
            '\u{640}'
            | '\u{7FA}'
            | '\u{302E}'
            | '\u{302F}'
            | '\u{3031}'..='\u{3035}'
            | '\u{303B}' => return Property::Disallowed,
            // §2.8 JoinControl (H).
            '\u{200C}' | '\u{200D}' => return Property::Contextual,
            _ => {}
        }
        // §2.7 LDH (G): of ASCII, only lower-case letters, digits and the
        // hyphen; upper case is unstable under case folding.
        if c.is_ascii() {
            return if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
                Property::Pvalid
            } else {
                Property::Disallowed
            };
        }
        // Unassigned (J), Unstable (B), IgnorableProperties (C),
        // IgnorableBlocks (D), OldHangulJamo (I).
        let code = u32::from(c);
        if facts.is_unassigned_or_ignorable
            || tables::contains(tables::NFKC_UNSTABLE, code)
            || matches!(code, 0x20D0..=0x20FF | 0x1D100..=0x1D24F)
            || matches!(code, 0x1100..=0x11FF | 0xA960..=0xA97F | 0xD7B0..=0xD7FF)
        {
            return Property::Disallowed;
        }
        // LetterDigits (A).
        if facts.is_letter_or_digit {
            Property::Pvalid
        } else {
            Property::Disallowed
        }
    }

    /// RFC 5892 Appendix A, for the contextual character at `i`.
    fn satisfies_context_rule(label: &[char], facts: &[UnicodeFacts], i: usize) -> bool {
        let before = i.checked_sub(1).map(|b| label[b]);
        let after = label.get(i + 1).copied();
        let after_virama = before.is_some_and(|b| tables::contains(tables::VIRAMA, u32::from(b)));
        match label[i] {
            '\u{200C}' => after_virama || joins_across(label, facts, i),
            '\u{200D}' => after_virama,
            '\u{B7}' => before == Some('l') && after == Some('l'),
            '\u{375}' => facts.get(i + 1).is_some_and(|next| next.is_greek),
            '\u{5F3}' | '\u{5F4}' => i.checked_sub(1).is_some_and(|b| facts[b].is_hebrew),
            '\u{30FB}' => facts.iter().any(|c| c.is_kana_or_han),
            '\u{660}'..='\u{669}' => !label.iter().any(|c| ('\u{6F0}'..='\u{6F9}').contains(c)),
            '\u{6F0}'..='\u{6F9}' => !label.iter().any(|c| ('\u{660}'..='\u{669}').contains(c)),
            _ => false,
        }
    }

    /// Appendix A.1's regular expression for ZERO WIDTH NON-JOINER at `i`:
    /// `(Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})`.
    fn joins_across(label: &[char], facts: &[UnicodeFacts], i: usize) -> bool {
        use tables::JoiningType::{Dual, Left, Right, Transparent};
        let joining = |j: usize| tables::joining_type(label[j], facts[j].is_nonspacing);
        let left = (0..i).rev().map(joining).find(|&j| j != Transparent);
        let right = (i + 1..label.len())
            .map(joining)
            .find(|&j| j != Transparent);
        matches!(left, Some(Left | Dual)) && matches!(right, Some(Right | Dual))
    }

    /// RFC 5893 §2: applies to every label once any label has a right-to-left
    /// character (R, AL) or an Arabic number (AN).
    fn satisfies_bidi_rule(labels: &[Vec<char>]) -> bool {
        use tables::Direction::{self, ArabicNumber, EuropeanNumber, Ltr, Mark, Neutral, Rtl};
        let is_bidi_name = labels
            .iter()
            .flatten()
            .any(|&c| matches!(tables::direction(c), Rtl | ArabicNumber));
        if !is_bidi_name {
            return true;
        }
        labels.iter().all(|label| {
            let directions: Vec<Direction> = label.iter().map(|&c| tables::direction(c)).collect();
            // Conditions 3 and 6 look at the end, past any combining marks.
            let end = directions.iter().rev().find(|&&d| d != Mark);
            match directions.first() {
                Some(Rtl) => {
                    directions
                        .iter()
                        .all(|d| matches!(d, Rtl | ArabicNumber | EuropeanNumber | Neutral | Mark))
                        && matches!(end, Some(Rtl | EuropeanNumber | ArabicNumber))
                        && !(directions.contains(&EuropeanNumber)
                            && directions.contains(&ArabicNumber))
                }
                Some(Ltr) => {
                    directions
                        .iter()
                        .all(|d| matches!(d, Ltr | EuropeanNumber | Neutral | Mark))
                        && matches!(end, Some(Ltr | EuropeanNumber))
                }
                _ => false,
            }
        })
    }
}

/// What the `regex` crate's Unicode tables say about one character.
struct UnicodeFacts {
    /// General category M: a combining mark may not start a label.
    is_mark: bool,
    /// General category Mn or Me.
    is_nonspacing: bool,
    /// Unassigned, or a property RFC 5892 disallows outright: case folding
    /// changes it, default-ignorable, white space, noncharacter.
    is_unassigned_or_ignorable: bool,
    /// RFC 5892's LetterDigits: Ll, Lu, Lo, Nd, Lm, Mn, Mc.
    is_letter_or_digit: bool,
    is_greek: bool,
    is_hebrew: bool,
    is_kana_or_han: bool,
}

/// The character classes behind [`UnicodeFacts`], compiled once into one
/// set, so that one search of a character answers them all.
struct UnicodeClasses(RegexSet);

impl UnicodeClasses {
    const PATTERNS: [&'static str; 7] = [
        r"\p{M}",
        r"[\p{Mn}\p{Me}]",
        r"[\p{Cn}\p{Changes_When_Casefolded}\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Noncharacter_Code_Point}]",
        r"[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]",
        r"\p{Script=Greek}",
        r"\p{Script=Hebrew}",
        r"[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]",
    ];

    fn of(&self, c: char) -> UnicodeFacts {
        let mut buffer = [0u8; 4];
        let matches = self.0.matches(c.encode_utf8(&mut buffer));
        UnicodeFacts {
            is_mark: matches.matched(0),
            is_nonspacing: matches.matched(1),
            is_unassigned_or_ignorable: matches.matched(2),
            is_letter_or_digit: matches.matched(3),
            is_greek: matches.matched(4),
            is_hebrew: matches.matched(5),
            is_kana_or_han: matches.matched(6),
        }
    }
}

/// `None` only if `regex` was built without its Unicode tables, in which case
/// no internationalized name can be checked and none is accepted.
fn unicode_classes() -> Option<&'static UnicodeClasses> {
    static CLASSES: OnceLock<Option<UnicodeClasses>> = OnceLock::new();
    CLASSES
        .get_or_init(|| {
            RegexSet::new(UnicodeClasses::PATTERNS)
                .ok()
                .map(UnicodeClasses)
        })
        .as_ref()
}

/// Punycode (RFC 3492) with IDNA's parameters (§5). Both directions check
/// every step for overflow; labels are short, so the quadratic insertion of
/// the decoder is bounded.
mod punycode {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    const INITIAL_BIAS: u32 = 72;
    const INITIAL_N: u32 = 0x80;

    /// The code points encoded by `input` (an A-label without `xn--`).
    pub(super) fn decode(input: &str) -> Option<Vec<char>> {
        let (basic, deltas) = match input.rfind('-') {
            Some(delimiter) => (&input[..delimiter], &input[delimiter + 1..]),
            None => ("", input),
        };
        if !basic.is_ascii() {
            return None;
        }
        let mut output: Vec<char> = basic.chars().collect();
        let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
        let mut digits = deltas.bytes();
        while digits.len() > 0 {
            let old_i = i;
            let mut weight = 1u32;
            let mut k = BASE;
            loop {
                let digit = digit_value(digits.next()?)?;
                i = i.checked_add(digit.checked_mul(weight)?)?;
                let t = threshold(k, bias);
                if digit < t {
                    break;
                }
                weight = weight.checked_mul(BASE - t)?;
                k = k.checked_add(BASE)?;
            }
            let length = u32::try_from(output.len()).ok()?.checked_add(1)?;
            bias = adapt(i - old_i, length, old_i == 0);
            n = n.checked_add(i / length)?;
            i %= length;
            // A basic code point must be written literally, never encoded.
            if n < INITIAL_N {
                return None;
            }
            output.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
            i += 1;
        }
        Some(output)
    }

    /// The Punycode of `input` (without `xn--`).
    pub(super) fn encode(input: &[char]) -> Option<String> {
        let mut output: String = input.iter().filter(|c| c.is_ascii()).collect();
        let basic_count = u32::try_from(output.len()).ok()?;
        let total = u32::try_from(input.len()).ok()?;
        if basic_count > 0 {
            output.push('-');
        }
        let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
        let mut handled = basic_count;
        while handled < total {
            let m = input
                .iter()
                .map(|&c| u32::from(c))
                .filter(|&c| c >= n)
                .min()?;
            delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
            n = m;
            for &c in input {
                let c = u32::from(c);
                if c < n {
                    delta = delta.checked_add(1)?;
                }
                if c == n {
                    let mut q = delta;
                    let mut k = BASE;
                    loop {
                        let t = threshold(k, bias);
                        if q < t {
                            break;
                        }
                        output.push(digit_char(t + (q - t) % (BASE - t))?);
                        q = (q - t) / (BASE - t);
                        k = k.checked_add(BASE)?;
                    }
                    output.push(digit_char(q)?);
                    bias = adapt(delta, handled + 1, handled == basic_count);
                    delta = 0;
                    handled += 1;
                }
            }
            delta = delta.checked_add(1)?;
            n = n.checked_add(1)?;
        }
        Some(output)
    }

    fn threshold(k: u32, bias: u32) -> u32 {
        k.saturating_sub(bias).clamp(T_MIN, T_MAX)
    }

    /// RFC 3492 §6.1.
    fn adapt(delta: u32, count: u32, first: bool) -> u32 {
        let mut delta = if first { delta / DAMP } else { delta / 2 };
        delta += delta / count;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    }

    fn digit_value(byte: u8) -> Option<u32> {
        match byte {
            b'a'..=b'z' => Some(u32::from(byte - b'a')),
            b'A'..=b'Z' => Some(u32::from(byte - b'A')),
            b'0'..=b'9' => Some(u32::from(byte - b'0') + 26),
            _ => None,
        }
    }

    fn digit_char(value: u32) -> Option<char> {
        match value {
            0..=25 => char::from_u32(u32::from(b'a') + value),
            26..=35 => char::from_u32(u32::from(b'0') + value - 26),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// IP addresses (RFC 2673, RFC 4291)

/// `ipv4`: a dotted quad (RFC 2673 §3.2): four decimal numbers 0–255 in ASCII
/// digits, without leading zeros (which some parsers read as octal).
#[must_use]
pub fn is_ipv4(s: &str) -> bool {
    let mut parts = 0;
    s.split('.').all(|part| {
        parts += 1;
        let bytes = part.as_bytes();
        parts <= 4
            && (1..=3).contains(&bytes.len())
            && bytes.iter().all(u8::is_ascii_digit)
            && (bytes.len() == 1 || bytes[0] != b'0')
            && part.parse::<u8>().is_ok()
    }) && parts == 4
}

/// `ipv6`: an RFC 4291 §2.2 text address: eight groups of up to four hex
/// digits, one `::` for a run of zero groups, optionally a dotted quad for the
/// last 32 bits. Not a prefix (`/64`), a zone (`%eth0`) or brackets.
#[must_use]
pub fn is_ipv6(s: &str) -> bool {
    // The longest form: six four-digit groups and a dotted quad.
    const LONGEST: usize = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255".len();
    // The standard library parses exactly this grammar, rejecting leading
    // zeros in the dotted quad as `is_ipv4` does.
    s.len() <= LONGEST && s.is_ascii() && s.parse::<std::net::Ipv6Addr>().is_ok()
}

// ---------------------------------------------------------------------------
// URI references, IRIs and URI templates (RFC 3986, RFC 3987, RFC 6570)

/// `uri-reference`: an RFC 3986 `URI-reference`: an absolute URI or a
/// relative reference (`//host/p`, `/p`, `p`, `?q`, `#f`, or empty). Only
/// ASCII; anything else must be percent-encoded.
#[must_use]
pub fn is_uri_reference(s: &str) -> bool {
    is_reference(s, Repertoire::Ascii, false)
}

/// `iri`: an RFC 3987 `IRI`: an absolute URI in which unreserved characters
/// may also be any of the `ucschar` ranges (and private-use characters in the
/// query).
#[must_use]
pub fn is_iri(s: &str) -> bool {
    is_reference(s, Repertoire::Unicode, true)
}

/// `iri-reference`: an RFC 3987 `IRI-reference`, an [`is_iri`] or a relative
/// reference with the same characters.
#[must_use]
pub fn is_iri_reference(s: &str) -> bool {
    is_reference(s, Repertoire::Unicode, false)
}

/// RFC 3986 §4.1 (and RFC 3987 §2.2 with `Repertoire::Unicode`).
fn is_reference(s: &str, repertoire: Repertoire, absolute_only: bool) -> bool {
    let first_segment = &s[..s.find(['/', '?', '#']).unwrap_or(s.len())];
    let rest = match first_segment.find(':') {
        // A colon in the first segment makes it a scheme: a relative path
        // that needs one writes `./a:b`.
        Some(colon) if is_scheme(&s[..colon]) => &s[colon + 1..],
        Some(_) => return false,
        None if absolute_only => return false,
        None => s,
    };
    let (rest, fragment) = match rest.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (rest, None),
    };
    let (hierarchy, query) = match rest.split_once('?') {
        Some((hierarchy, query)) => (hierarchy, Some(query)),
        None => (rest, None),
    };
    let in_query = |c: char| {
        is_pchar(c, repertoire)
            || matches!(c, '/' | '?')
            || (repertoire == Repertoire::Unicode && is_iprivate(c))
    };
    let in_fragment = |c: char| is_pchar(c, repertoire) || matches!(c, '/' | '?');
    let in_path = |c: char| is_pchar(c, repertoire) || c == '/';
    if !query.is_none_or(|q| all_escaped_or(q, in_query))
        || !fragment.is_none_or(|f| all_escaped_or(f, in_fragment))
    {
        return false;
    }
    match hierarchy.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            is_authority(&after[..end], repertoire) && all_escaped_or(&after[end..], in_path)
        }
        None => all_escaped_or(hierarchy, in_path),
    }
}

fn is_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// `[ userinfo "@" ] host [ ":" port ]`.
fn is_authority(authority: &str, repertoire: Repertoire) -> bool {
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    let in_userinfo = |c| is_unreserved(c, repertoire) || is_sub_delim(c) || c == ':';
    if !userinfo.is_none_or(|u| all_escaped_or(u, in_userinfo)) {
        return false;
    }
    let (host_ok, port) = match host_port.strip_prefix('[') {
        Some(literal) => match literal.split_once(']') {
            Some((inside, after)) => match after.strip_prefix(':') {
                Some(port) => (is_ip_literal(inside), port),
                None => (is_ip_literal(inside) && after.is_empty(), ""),
            },
            None => return false,
        },
        None => {
            let (host, port) = host_port.split_once(':').unwrap_or((host_port, ""));
            let in_reg_name = |c| is_unreserved(c, repertoire) || is_sub_delim(c);
            (all_escaped_or(host, in_reg_name), port)
        }
    };
    host_ok && port.bytes().all(|b| b.is_ascii_digit())
}

/// IPv6 (RFC 4291) or IPvFuture (`v<hex>.<chars>`) inside brackets.
fn is_ip_literal(inside: &str) -> bool {
    match inside.strip_prefix(['v', 'V']) {
        Some(future) => future.split_once('.').is_some_and(|(version, rest)| {
            is_hex_digits(version)
                && !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| is_unreserved(c, Repertoire::Ascii) || is_sub_delim(c) || c == ':')
        }),
        None => is_ipv6(inside),
    }
}

fn is_hex_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Every character of `s` is `allowed` or part of a `%XX` escape.
fn all_escaped_or(s: &str, allowed: impl Fn(char) -> bool) -> bool {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let escaped = (chars.next(), chars.next());
            if !matches!(escaped, (Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit())
            {
                return false;
            }
        } else if !allowed(c) {
            return false;
        }
    }
    true
}

/// `unreserved`, or RFC 3987's `iunreserved` with `Repertoire::Unicode`.
fn is_unreserved(c: char, repertoire: Repertoire) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '.' | '_' | '~')
        || (repertoire == Repertoire::Unicode && is_ucschar(c))
}

fn is_sub_delim(c: char) -> bool {
    matches!(
        c,
        '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '='
    )
}

/// `pchar` without its escapes, which `all_escaped_or` reads.
fn is_pchar(c: char, repertoire: Repertoire) -> bool {
    is_unreserved(c, repertoire) || is_sub_delim(c) || matches!(c, ':' | '@')
}

/// RFC 3987 `ucschar`: non-ASCII characters an IRI may hold unescaped (no
/// controls, surrogates, private use, specials or noncharacters).
fn is_ucschar(c: char) -> bool {
    let code = u32::from(c);
    match code {
        0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF => true,
        // Planes 1 to 14 but their last two code points and the tags block.
        0x1_0000..=0xE_FFFD => code & 0xFFFF <= 0xFFFD && !(0xE_0000..=0xE_0FFF).contains(&code),
        _ => false,
    }
}

/// RFC 3987 `iprivate`, allowed in a query only.
fn is_iprivate(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}

/// `uri-template`: an RFC 6570 URI Template (§2): literals and `{…}`
/// expressions of an optional operator and a comma-separated list of
/// variables, each with an optional `:length` (1–9999) or `*`. Checked for
/// syntax only. The apostrophe, a sub-delim in RFC 3986 that RFC 6570's
/// `literals` leaves out, counts as a literal, as URIs may hold it.
#[must_use]
pub fn is_uri_template(s: &str) -> bool {
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '{' => {
                let Some(end) = rest.find('}') else {
                    return false;
                };
                if !is_template_expression(&rest[..end]) {
                    return false;
                }
                rest = &rest[end + 1..];
            }
            '%' => {
                if !rest.get(..2).is_some_and(is_hex_digits) {
                    return false;
                }
                rest = &rest[2..];
            }
            c if is_template_literal(c) => {}
            _ => return false,
        }
    }
    true
}

/// RFC 6570 `literals` without their escapes.
fn is_template_literal(c: char) -> bool {
    matches!(c, '!' | '#' | '$' | '&' | '\'' | '('..=';' | '=' | '?'..='[' | ']' | '_' | 'a'..='z' | '~')
        || is_ucschar(c)
        || is_iprivate(c)
}

/// The inside of `{…}`: `[ operator ] varspec *( "," varspec )`.
fn is_template_expression(expression: &str) -> bool {
    let variables = expression
        .strip_prefix(|c| "+#./;?&=,!@|".contains(c))
        .unwrap_or(expression);
    variables.split(',').all(|varspec| {
        let name = match varspec.strip_suffix('*') {
            Some(name) => name,
            None => match varspec.split_once(':') {
                Some((name, max_length)) => {
                    let bytes = max_length.as_bytes();
                    if !(1..=4).contains(&bytes.len())
                        || bytes[0] == b'0'
                        || !bytes.iter().all(u8::is_ascii_digit)
                    {
                        return false;
                    }
                    name
                }
                None => varspec,
            },
        };
        is_template_varname(name)
    })
}

/// `varname = varchar *( ["."] varchar )`, `varchar = ALPHA / DIGIT / "_" /
/// pct-encoded`.
fn is_template_varname(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.ends_with('.')
        && !name.contains("..")
        && all_escaped_or(name, |c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '.')
        })
}

// ---------------------------------------------------------------------------
// JSON Pointers (RFC 6901, draft-handrews-relative-json-pointer-01)

/// `json-pointer`: an RFC 6901 JSON Pointer in its JSON string form: empty,
/// or `/`-prefixed reference tokens in which `~` is only ever `~0` or `~1`.
/// Not the URI fragment form (`#/a`).
#[must_use]
pub fn is_json_pointer(s: &str) -> bool {
    let bytes = s.as_bytes();
    (bytes.is_empty() || bytes[0] == b'/')
        && bytes
            .iter()
            .enumerate()
            .all(|(i, &b)| b != b'~' || matches!(bytes.get(i + 1), Some(b'0' | b'1')))
}

/// `relative-json-pointer`: a non-negative integer without leading zeros (how
/// many levels up), then `#` (the key or index reached) or a JSON Pointer
/// (possibly empty) from there.
#[must_use]
pub fn is_relative_json_pointer(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &s[digits..];
    digits > 0 && (digits == 1 || !s.starts_with('0')) && (rest == "#" || is_json_pointer(rest))
}

// ---------------------------------------------------------------------------
// UUIDs (RFC 4122)

/// `uuid`: the RFC 4122 §3 string form: 32 hex digits, either case, grouped
/// 8-4-4-4-12 by hyphens. Any version and variant: the format is the text.
#[must_use]
pub fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

// ---------------------------------------------------------------------------
// Regular expressions (ECMA-262)

/// `regex`: an ECMA-262 regular expression, as JSON Schema's dialect.
///
/// The grammar is ECMA-262 2025's `Pattern` with the `u` flag (the strict
/// one: no lone `{`, `}` or `]`, no octal escapes, backreferences must name
/// existing groups, lookarounds take no quantifier), named groups (unique
/// except across alternatives), lookbehind, `(?ims-ims:…)` modifiers and
/// `\p{…}` properties (checked for shape, not against Unicode's names).
/// One widening: a backslash may escape any character that is not a letter
/// or digit (`\-`, `\_`, `\@`), as patterns without the `u` flag allow and
/// schemas commonly write. Python's and PCRE's syntax (`(?P<n>…)`, `(?i)`,
/// `(?#…)`, `\A`, `\Z`) is not ECMA-262's.
#[must_use]
pub fn is_regex(s: &str) -> bool {
    ecma_regex::is_pattern(s)
}

mod ecma_regex {
    use std::cmp::Ordering;

    use super::{HashMap, OnceLock, Regex};

    pub(super) fn is_pattern(pattern: &str) -> bool {
        Parser::new(pattern).pattern().is_some()
    }

    /// What was read last, which decides whether a quantifier may follow.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Last {
        /// The start of the pattern, a group or an alternative.
        Nothing,
        Atom,
        Assertion,
        Quantifier,
    }

    /// The pattern itself, or an open group.
    struct Group {
        /// Where its body starts.
        body: usize,
        /// Where its current alternative starts.
        alternative: usize,
        is_lookaround: bool,
    }

    struct Parser<'a> {
        pattern: &'a str,
        at: usize,
        /// Open groups, outermost (the pattern) first; never empty.
        groups: Vec<Group>,
        last: Last,
        captures: u64,
        largest_backreference: u64,
        /// Each group name, with where it was last declared.
        names: HashMap<String, usize>,
        /// `\k<name>` references, checked once every group is known.
        references: Vec<String>,
    }

    impl<'a> Parser<'a> {
        fn new(pattern: &'a str) -> Self {
            Self {
                pattern,
                at: 0,
                groups: vec![Group {
                    body: 0,
                    alternative: 0,
                    is_lookaround: false,
                }],
                last: Last::Nothing,
                captures: 0,
                largest_backreference: 0,
                names: HashMap::new(),
                references: Vec::new(),
            }
        }

        fn peek(&self) -> Option<char> {
            self.pattern[self.at..].chars().next()
        }

        fn next(&mut self) -> Option<char> {
            let c = self.peek()?;
            self.at += c.len_utf8();
            Some(c)
        }

        fn eat(&mut self, expected: char) -> bool {
            let found = self.peek() == Some(expected);
            if found {
                self.at += expected.len_utf8();
            }
            found
        }

        fn expect(&mut self, expected: char) -> Option<()> {
            self.eat(expected).then_some(())
        }

        /// The whole pattern: a loop over terms with an explicit stack of
        /// groups, so nesting depth costs no recursion.
        fn pattern(mut self) -> Option<()> {
            while let Some(c) = self.next() {
                match c {
                    '|' => {
                        let at = self.at;
                        self.groups.last_mut()?.alternative = at;
                        self.last = Last::Nothing;
                    }
                    '(' => {
                        self.open_group(self.at - 1)?;
                        self.last = Last::Nothing;
                    }
                    ')' => {
                        if self.groups.len() == 1 {
                            return None;
                        }
                        let group = self.groups.pop()?;
                        self.last = if group.is_lookaround {
                            Last::Assertion
                        } else {
                            Last::Atom
                        };
                    }
                    '*' | '+' | '?' => self.quantifier()?,
                    '{' => {
                        self.counted_repetition()?;
                        self.quantifier()?;
                    }
                    '}' | ']' => return None,
                    '^' | '$' => self.last = Last::Assertion,
                    '\\' => self.last = self.atom_escape()?,
                    '[' => {
                        self.class()?;
                        self.last = Last::Atom;
                    }
                    _ => self.last = Last::Atom,
                }
            }
            let complete = self.groups.len() == 1
                && self.largest_backreference <= self.captures
                && self
                    .references
                    .iter()
                    .all(|name| self.names.contains_key(name));
            complete.then_some(())
        }

        /// A quantifier was read: it needs an atom, and may be lazy.
        fn quantifier(&mut self) -> Option<()> {
            if self.last != Last::Atom {
                return None;
            }
            self.eat('?');
            self.last = Last::Quantifier;
            Some(())
        }

        /// `{n}`, `{n,}` or `{n,m}` with `n <= m`, after the `{`.
        fn counted_repetition(&mut self) -> Option<()> {
            let low = self.decimal()?;
            if self.eat(',') {
                if self.eat('}') {
                    return Some(());
                }
                let high = self.decimal()?;
                if compare_decimal(low, high) == Ordering::Greater {
                    return None;
                }
            }
            self.expect('}')
        }

        fn decimal(&mut self) -> Option<&'a str> {
            let start = self.at;
            let digits = self.pattern[start..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            self.at += digits;
            (digits > 0).then(|| &self.pattern[start..self.at])
        }

        /// After the `(` at `paren`.
        fn open_group(&mut self, paren: usize) -> Option<()> {
            let mut is_lookaround = false;
            if self.eat('?') {
                match self.next()? {
                    ':' => {}
                    '=' | '!' => is_lookaround = true,
                    '<' if self.eat('=') || self.eat('!') => is_lookaround = true,
                    '<' => {
                        let name = self.group_name()?;
                        self.declare(name, paren)?;
                        self.captures += 1;
                    }
                    first => self.modifiers(first)?,
                }
            } else {
                self.captures += 1;
            }
            self.groups.push(Group {
                body: paren + 1,
                alternative: paren + 1,
                is_lookaround,
            });
            Some(())
        }

        /// `(?ims-ims:`, after the `?`, its first character already read: at
        /// least one flag, none twice.
        fn modifiers(&mut self, first: char) -> Option<()> {
            let mut seen = [false; 3];
            let mut removing = false;
            let mut c = first;
            while c != ':' {
                match c {
                    '-' if !removing => removing = true,
                    'i' | 'm' | 's' => {
                        let flag = usize::from(c == 'm') + 2 * usize::from(c == 's');
                        if std::mem::replace(&mut seen[flag], true) {
                            return None;
                        }
                    }
                    _ => return None,
                }
                c = self.next()?;
            }
            seen.contains(&true).then_some(())
        }

        /// Two groups may share a name only if no match can hold both: they
        /// lie in different alternatives of some group. It is enough to
        /// compare with the name's latest declaration: an earlier one that
        /// clashes with this one clashes with the latest too. The latest
        /// is safe exactly when it lies in a finished alternative of an
        /// open group: between that group's body start and the start of its
        /// current alternative, for the innermost open group around it.
        fn declare(&mut self, name: String, paren: usize) -> Option<()> {
            if let Some(&previous) = self.names.get(&name) {
                let innermost = self
                    .groups
                    .partition_point(|g| g.body <= previous)
                    .checked_sub(1)?;
                if previous >= self.groups.get(innermost)?.alternative {
                    return None;
                }
            }
            self.names.insert(name, paren);
            Some(())
        }

        /// `RegExpIdentifierName>` after the `<`, with `\u` escapes decoded.
        fn group_name(&mut self) -> Option<String> {
            let mut name = String::new();
            loop {
                let c = match self.next()? {
                    '>' => break,
                    '\\' => {
                        self.expect('u')?;
                        char::from_u32(self.unicode_escape()?)?
                    }
                    c => c,
                };
                name.push(c);
            }
            is_identifier_name(&name).then_some(name)
        }

        /// After a `\` outside a class.
        fn atom_escape(&mut self) -> Option<Last> {
            match self.next()? {
                'b' | 'B' => return Some(Last::Assertion),
                'd' | 'D' | 's' | 'S' | 'w' | 'W' => {}
                'p' | 'P' => self.property()?,
                'k' => {
                    self.expect('<')?;
                    let name = self.group_name()?;
                    self.references.push(name);
                }
                '1'..='9' => {
                    self.at -= 1;
                    let number = self.decimal()?.parse().unwrap_or(u64::MAX);
                    self.largest_backreference = self.largest_backreference.max(number);
                }
                c => {
                    self.character_escape(c)?;
                }
            }
            Some(Last::Atom)
        }

        /// `CharacterEscape` whose first character `c` was read; its code
        /// point.
        fn character_escape(&mut self, c: char) -> Option<u32> {
            Some(match c {
                'f' => 0x0C,
                'n' => 0x0A,
                'r' => 0x0D,
                't' => 0x09,
                'v' => 0x0B,
                'c' => {
                    let letter = self.next()?;
                    if !letter.is_ascii_alphabetic() {
                        return None;
                    }
                    u32::from(letter) % 32
                }
                // `\0` is NUL; `\01` would be an octal escape.
                '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => 0,
                'x' => self.hex_digits(2)?,
                'u' => self.unicode_escape()?,
                c if !c.is_alphanumeric() => u32::from(c),
                _ => return None,
            })
        }

        fn hex_digits(&mut self, count: usize) -> Option<u32> {
            (0..count).try_fold(0, |value, _| Some(value * 16 + self.next()?.to_digit(16)?))
        }

        /// After `\u`: `XXXX` (a surrogate pair of two such escapes joins into
        /// one code point) or `{X…}` up to U+10FFFF.
        fn unicode_escape(&mut self) -> Option<u32> {
            if self.eat('{') {
                let mut value = 0u32;
                let mut digits = 0;
                while !self.eat('}') {
                    value = (value * 16 + self.next()?.to_digit(16)?).min(0x11_0000);
                    digits += 1;
                }
                return (digits > 0 && value <= 0x10_FFFF).then_some(value);
            }
            let lead = self.hex_digits(4)?;
            if (0xD800..=0xDBFF).contains(&lead) && self.pattern[self.at..].starts_with("\\u") {
                let before_trail = self.at;
                self.at += 2;
                match self.hex_digits(4) {
                    Some(trail) if (0xDC00..=0xDFFF).contains(&trail) => {
                        return Some(0x1_0000 + ((lead - 0xD800) << 10) + (trail - 0xDC00));
                    }
                    _ => self.at = before_trail,
                }
            }
            Some(lead)
        }

        /// `{Name}` or `{Name=Value}` after `\p` or `\P`.
        fn property(&mut self) -> Option<()> {
            self.expect('{')?;
            self.property_word()?;
            if self.eat('=') {
                self.property_word()?;
            }
            self.expect('}')
        }

        fn property_word(&mut self) -> Option<()> {
            let length = self.pattern[self.at..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            self.at += length;
            (length > 0).then_some(())
        }

        /// A character class, after the `[`.
        fn class(&mut self) -> Option<()> {
            self.eat('^');
            loop {
                if self.eat(']') {
                    return Some(());
                }
                let from = self.class_atom()?;
                // A hyphen right before `]` is a literal, not a range.
                if self.pattern[self.at..].starts_with('-')
                    && !self.pattern[self.at..].starts_with("-]")
                {
                    self.at += 1;
                    let to = self.class_atom()?;
                    match (from, to) {
                        (Some(from), Some(to)) if from <= to => {}
                        // A range needs two single characters, in order.
                        _ => return None,
                    }
                }
            }
        }

        /// One class member: `Some(code point)`, or `None` for a set like
        /// `\d` that cannot end a range.
        fn class_atom(&mut self) -> Option<Option<u32>> {
            let c = self.next()?;
            if c != '\\' {
                return Some(Some(u32::from(c)));
            }
            Some(match self.next()? {
                'b' => Some(0x08),
                '-' => Some(u32::from('-')),
                'd' | 'D' | 's' | 'S' | 'w' | 'W' => None,
                'p' | 'P' => {
                    self.property()?;
                    None
                }
                c => Some(self.character_escape(c)?),
            })
        }
    }

    /// ECMA-262 `RegExpIdentifierName`: an `ID_Start` (or `$`, `_`), then
    /// `ID_Continue` (or `$`, ZWNJ, ZWJ).
    fn is_identifier_name(name: &str) -> bool {
        static IDENTIFIER: OnceLock<Option<Regex>> = OnceLock::new();
        IDENTIFIER
            .get_or_init(|| {
                Regex::new(r"\A[\p{ID_Start}$_][\p{ID_Continue}$\x{200C}\x{200D}]*\z").ok()
            })
            .as_ref()
            .is_some_and(|identifier| identifier.is_match(name))
    }

    /// Orders two digit strings by value, whatever their length.
    fn compare_decimal(left: &str, right: &str) -> Ordering {
        let left = left.trim_start_matches('0');
        let right = right.trim_start_matches('0');
        left.len().cmp(&right.len()).then_with(|| left.cmp(right))
    }
}

// ---------------------------------------------------------------------------
// Unicode data the `regex` crate does not expose

/// Small range tables for IDNA 2008, from the Unicode Character Database
/// 14.0 (`DerivedBidiClass.txt`, `ArabicShaping.txt`,
/// `DerivedCombiningClass.txt`, `DerivedNormalizationProps.txt`, read through
/// Perl 5.36's `Unicode::UCD`).
///
/// Each table only has to be right for the characters that reach it: those
/// IDNA allows at all (PVALID or contextual), and, for `NFKC_UNSTABLE`,
/// letters, digits and marks that case folding leaves alone. Every other
/// code point, unassigned ones included, was free to fall inside or outside
/// a range, which is what keeps the tables short. The generator compared the
/// lookups below (with Unicode 14's general categories in place of `regex`'s)
/// with the UCD for every code point and found no difference. Characters
/// assigned since Unicode 14 get the defaults: a new letter is L, non-joining
/// and stable, unless it falls inside a range.
mod tables {
    /// The Bidi classes as RFC 5893's rule groups them.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub(super) enum Direction {
        /// L.
        Ltr,
        /// R and AL.
        Rtl,
        /// AN.
        ArabicNumber,
        /// EN.
        EuropeanNumber,
        /// NSM.
        Mark,
        /// ES, CS, ET, ON and BN: allowed inside a label of either
        /// direction, never first or last.
        Neutral,
    }

    /// The joining types of Appendix A.1's rule (C and U both as
    /// `NonJoining`, which the rule treats alike).
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub(super) enum JoiningType {
        Dual,
        Right,
        Left,
        Transparent,
        NonJoining,
    }

    pub(super) fn direction(c: char) -> Direction {
        if c.is_ascii() {
            return match c {
                '0'..='9' => Direction::EuropeanNumber,
                '-' => Direction::Neutral,
                _ => Direction::Ltr,
            };
        }
        if let Some(&(_, _, direction)) = find(BIDI_CLASS, u32::from(c)) {
            return direction;
        }
        let is_nonspacing =
            || super::unicode_classes().is_some_and(|classes| classes.of(c).is_nonspacing);
        match c {
            '\u{200C}' | '\u{200D}' => Direction::Neutral,
            _ if is_nonspacing() => Direction::Mark,
            _ => Direction::Ltr,
        }
    }

    /// `is_nonspacing`: general category Mn or Me.
    pub(super) fn joining_type(c: char, is_nonspacing: bool) -> JoiningType {
        match find(JOINING_TYPE, u32::from(c)) {
            Some(&(_, _, joining)) => joining,
            None if is_nonspacing => JoiningType::Transparent,
            None => JoiningType::NonJoining,
        }
    }

    pub(super) fn contains(table: &[(u32, u32)], code: u32) -> bool {
        find(table, code).is_some()
    }

    fn find<T: Range>(table: &[T], code: u32) -> Option<&T> {
        let i = table.partition_point(|entry| entry.last() < code);
        table.get(i).filter(|entry| entry.first() <= code)
    }

    trait Range {
        fn first(&self) -> u32;
        fn last(&self) -> u32;
    }

    impl Range for (u32, u32) {
        fn first(&self) -> u32 {
            self.0
        }
        fn last(&self) -> u32 {
            self.1
        }
    }

    impl<T> Range for (u32, u32, T) {
        fn first(&self) -> u32 {
            self.0
        }
        fn last(&self) -> u32 {
            self.1
        }
    }

    use Direction::{ArabicNumber, EuropeanNumber, Ltr, Neutral, Rtl};
    use JoiningType::{Dual, Left, Right, Transparent};

    /// Characters whose Bidi class is not what `direction` derives without
    /// the table (ASCII by hand, Mn and Me as NSM, the joiners as BN, the rest
    /// as L).
    #[rustfmt::skip]
    static BIDI_CLASS: &[(u32, u32, Direction)] = &[
        (0x00B7, 0x00B7, Neutral), (0x02B9, 0x02BA, Neutral), (0x02C6, 0x02CF, Neutral),
        (0x02EC, 0x02EC, Neutral), (0x0375, 0x0375, Neutral), (0x05D0, 0x05F4, Rtl),
        (0x0620, 0x064A, Rtl), (0x0660, 0x0669, ArabicNumber), (0x066E, 0x066F, Rtl),
        (0x0671, 0x06D5, Rtl), (0x06E5, 0x06E6, Rtl), (0x06EE, 0x06EF, Rtl),
        (0x06F0, 0x06F9, EuropeanNumber), (0x06FA, 0x0710, Rtl), (0x0712, 0x072F, Rtl),
        (0x074D, 0x07A5, Rtl), (0x07B1, 0x07EA, Rtl), (0x07F4, 0x07F5, Rtl),
        (0x0800, 0x0815, Rtl), (0x081A, 0x081A, Rtl), (0x0824, 0x0824, Rtl),
        (0x0828, 0x0828, Rtl), (0x0840, 0x0858, Rtl), (0x0860, 0x088E, Rtl),
        (0x08A0, 0x08C9, Rtl), (0x0CBF, 0x0CCB, Ltr), (0x2E2F, 0x2E2F, Neutral),
        (0x30FB, 0x30FB, Neutral), (0xA67F, 0xA67F, Neutral), (0xA717, 0xA71F, Neutral),
        (0xA788, 0xA788, Neutral), (0xFE73, 0xFE73, Rtl), (0x10800, 0x10A00, Rtl),
        (0x10A10, 0x10A35, Rtl), (0x10A60, 0x10AE4, Rtl), (0x10B00, 0x10D23, Rtl),
        (0x10D30, 0x10D39, ArabicNumber), (0x10E80, 0x10EA9, Rtl), (0x10EB0, 0x10F45, Rtl),
        (0x10F70, 0x10F81, Rtl), (0x10FB0, 0x10FF6, Rtl), (0x11A07, 0x11A08, Ltr),
        (0x11C3F, 0x11C8F, Ltr), (0x1E800, 0x1E8C4, Rtl), (0x1E922, 0x1E943, Rtl),
        (0x1E94B, 0x1E959, Rtl),
    ];

    /// Joining types D, R and L (and the one T that is not a mark) from
    /// `ArabicShaping.txt`; marks are T, the rest U.
    #[rustfmt::skip]
    static JOINING_TYPE: &[(u32, u32, JoiningType)] = &[
        (0x0620, 0x0620, Dual), (0x0622, 0x0625, Right), (0x0626, 0x0626, Dual),
        (0x0627, 0x0627, Right), (0x0628, 0x0628, Dual), (0x0629, 0x0629, Right),
        (0x062A, 0x062E, Dual), (0x062F, 0x0632, Right), (0x0633, 0x0647, Dual),
        (0x0648, 0x0648, Right), (0x0649, 0x064A, Dual), (0x066E, 0x066F, Dual),
        (0x0671, 0x0673, Right), (0x0679, 0x0687, Dual), (0x0688, 0x0699, Right),
        (0x069A, 0x06BF, Dual), (0x06C0, 0x06C0, Right), (0x06C1, 0x06C2, Dual),
        (0x06C3, 0x06CB, Right), (0x06CC, 0x06CC, Dual), (0x06CD, 0x06CD, Right),
        (0x06CE, 0x06CE, Dual), (0x06CF, 0x06CF, Right), (0x06D0, 0x06D1, Dual),
        (0x06D2, 0x06D5, Right), (0x06EE, 0x06EF, Right), (0x06FA, 0x06FC, Dual),
        (0x06FF, 0x06FF, Dual), (0x0710, 0x0710, Right), (0x0712, 0x0714, Dual),
        (0x0715, 0x0719, Right), (0x071A, 0x071D, Dual), (0x071E, 0x071E, Right),
        (0x071F, 0x0727, Dual), (0x0728, 0x0728, Right), (0x0729, 0x0729, Dual),
        (0x072A, 0x072A, Right), (0x072B, 0x072B, Dual), (0x072C, 0x072C, Right),
        (0x072D, 0x072E, Dual), (0x072F, 0x072F, Right), (0x074D, 0x074D, Right),
        (0x074E, 0x0758, Dual), (0x0759, 0x075B, Right), (0x075C, 0x076A, Dual),
        (0x076B, 0x076C, Right), (0x076D, 0x0770, Dual), (0x0771, 0x0771, Right),
        (0x0772, 0x0772, Dual), (0x0773, 0x0774, Right), (0x0775, 0x0777, Dual),
        (0x0778, 0x0779, Right), (0x077A, 0x077F, Dual), (0x07CA, 0x07EA, Dual),
        (0x0840, 0x0840, Right), (0x0841, 0x0845, Dual), (0x0846, 0x0847, Right),
        (0x0848, 0x0848, Dual), (0x0849, 0x0849, Right), (0x084A, 0x0853, Dual),
        (0x0854, 0x0854, Right), (0x0855, 0x0855, Dual), (0x0856, 0x0858, Right),
        (0x0860, 0x0860, Dual), (0x0862, 0x0865, Dual), (0x0867, 0x0867, Right),
        (0x0868, 0x0868, Dual), (0x0869, 0x0882, Right), (0x0886, 0x0886, Dual),
        (0x0889, 0x088D, Dual), (0x088E, 0x088E, Right), (0x08A0, 0x08A9, Dual),
        (0x08AA, 0x08AC, Right), (0x08AE, 0x08AE, Right), (0x08AF, 0x08B0, Dual),
        (0x08B1, 0x08B2, Right), (0x08B3, 0x08B8, Dual), (0x08B9, 0x08B9, Right),
        (0x08BA, 0x08C8, Dual), (0x1820, 0x1878, Dual), (0x1887, 0x18A8, Dual),
        (0x18AA, 0x18AA, Dual), (0xA840, 0xA871, Dual), (0xA872, 0xA872, Left),
        (0x10AC0, 0x10AC4, Dual), (0x10AC5, 0x10AC5, Right), (0x10AC7, 0x10ACA, Right),
        (0x10ACD, 0x10ACD, Left), (0x10ACE, 0x10AD2, Right), (0x10AD3, 0x10AD6, Dual),
        (0x10AD7, 0x10AD7, Left), (0x10AD8, 0x10ADC, Dual), (0x10ADD, 0x10ADD, Right),
        (0x10ADE, 0x10AE0, Dual), (0x10AE1, 0x10AE1, Right), (0x10AE4, 0x10AE4, Right),
        (0x10B80, 0x10B80, Dual), (0x10B81, 0x10B81, Right), (0x10B82, 0x10B82, Dual),
        (0x10B83, 0x10B85, Right), (0x10B86, 0x10B88, Dual), (0x10B89, 0x10B89, Right),
        (0x10B8A, 0x10B8B, Dual), (0x10B8C, 0x10B8C, Right), (0x10B8D, 0x10B8D, Dual),
        (0x10B8E, 0x10B8F, Right), (0x10B90, 0x10B90, Dual), (0x10B91, 0x10B91, Right),
        (0x10D00, 0x10D00, Left), (0x10D01, 0x10D21, Dual), (0x10D22, 0x10D22, Right),
        (0x10D23, 0x10D23, Dual), (0x10F30, 0x10F32, Dual), (0x10F33, 0x10F33, Right),
        (0x10F34, 0x10F44, Dual), (0x10F70, 0x10F73, Dual), (0x10F74, 0x10F75, Right),
        (0x10F76, 0x10F81, Dual), (0x10FB0, 0x10FB0, Dual), (0x10FB2, 0x10FB3, Dual),
        (0x10FB4, 0x10FB6, Right), (0x10FB8, 0x10FB8, Dual), (0x10FB9, 0x10FBA, Right),
        (0x10FBB, 0x10FBC, Dual), (0x10FBD, 0x10FBD, Right), (0x10FBE, 0x10FBF, Dual),
        (0x10FC1, 0x10FC1, Dual), (0x10FC2, 0x10FC3, Right), (0x10FC4, 0x10FC4, Dual),
        (0x1E922, 0x1E943, Dual), (0x1E94B, 0x1E94B, Transparent),
    ];

    /// Canonical_Combining_Class 9, Virama.
    #[rustfmt::skip]
    pub(super) static VIRAMA: &[(u32, u32)] = &[
        (0x094D, 0x094D), (0x09CD, 0x09CD), (0x0A4D, 0x0A4D), (0x0ACD, 0x0ACD),
        (0x0B4D, 0x0B4D), (0x0BCD, 0x0BCD), (0x0C4D, 0x0C4D), (0x0CCD, 0x0CCD),
        (0x0D3B, 0x0D3C), (0x0D4D, 0x0D4D), (0x0DCA, 0x0DCA), (0x0E3A, 0x0E3A),
        (0x0EBA, 0x0EBA), (0x0F84, 0x0F84), (0x1039, 0x103A), (0x1714, 0x1715),
        (0x1734, 0x1734), (0x17D2, 0x17D2), (0x1A60, 0x1A60), (0x1B44, 0x1B44),
        (0x1BAA, 0x1BAB), (0x1BF2, 0x1BF3), (0x2D7F, 0x2D7F), (0xA806, 0xA806),
        (0xA82C, 0xA82C), (0xA8C4, 0xA8C4), (0xA953, 0xA953), (0xA9C0, 0xA9C0),
        (0xAAF6, 0xAAF6), (0xABED, 0xABED), (0x10A3F, 0x10A3F), (0x11046, 0x11046),
        (0x11070, 0x11070), (0x1107F, 0x1107F), (0x110B9, 0x110B9), (0x11133, 0x11134),
        (0x111C0, 0x111C0), (0x11235, 0x11235), (0x112EA, 0x112EA), (0x1134D, 0x1134D),
        (0x11442, 0x11442), (0x114C2, 0x114C2), (0x115BF, 0x115BF), (0x1163F, 0x1163F),
        (0x116B6, 0x116B6), (0x1172B, 0x1172B), (0x11839, 0x11839), (0x1193D, 0x1193E),
        (0x119E0, 0x119E0), (0x11A34, 0x11A34), (0x11A47, 0x11A47), (0x11A99, 0x11A99),
        (0x11C3F, 0x11C3F), (0x11D44, 0x11D45), (0x11D97, 0x11D97),
    ];

    /// RFC 5892's Unstable category (NFKC_Casefold(c) != c) for letters,
    /// digits and marks that case folding alone leaves unchanged:
    /// compatibility forms (ligatures, full-width and presentation forms,
    /// mathematical letters, modifier letters), canonical singletons and
    /// composition exclusions.
    #[rustfmt::skip]
    pub(super) static NFKC_UNSTABLE: &[(u32, u32)] = &[
        (0x00AA, 0x00BA), (0x0133, 0x0133), (0x0140, 0x0140), (0x01C6, 0x01CC),
        (0x01F3, 0x01F3), (0x02B0, 0x02B8), (0x02E0, 0x02E4), (0x0340, 0x0341),
        (0x0343, 0x0344), (0x0374, 0x0374), (0x037A, 0x037A), (0x03D2, 0x03D4),
        (0x03F2, 0x03F2), (0x0675, 0x0678), (0x0958, 0x095F), (0x09DC, 0x09DF),
        (0x0A33, 0x0A33), (0x0A36, 0x0A36), (0x0A59, 0x0A5B), (0x0A5E, 0x0A5E),
        (0x0B5C, 0x0B5D), (0x0E33, 0x0E33), (0x0EB3, 0x0EB3), (0x0EDC, 0x0EDD),
        (0x0F43, 0x0F43), (0x0F4D, 0x0F4D), (0x0F52, 0x0F52), (0x0F57, 0x0F57),
        (0x0F5C, 0x0F5C), (0x0F69, 0x0F69), (0x0F73, 0x0F73), (0x0F75, 0x0F79),
        (0x0F81, 0x0F81), (0x0F93, 0x0F93), (0x0F9D, 0x0F9D), (0x0FA2, 0x0FA2),
        (0x0FA7, 0x0FA7), (0x0FAC, 0x0FAC), (0x0FB9, 0x0FB9), (0x10FC, 0x10FC),
        (0x1D2C, 0x1D2E), (0x1D30, 0x1D3A), (0x1D3C, 0x1D4D), (0x1D4F, 0x1D6A),
        (0x1D78, 0x1D78), (0x1D9B, 0x1DBF), (0x1F71, 0x1F71), (0x1F73, 0x1F73),
        (0x1F75, 0x1F75), (0x1F77, 0x1F77), (0x1F79, 0x1F79), (0x1F7B, 0x1F7B),
        (0x1F7D, 0x1F7D), (0x1FBE, 0x1FBE), (0x1FD3, 0x1FD3), (0x1FE3, 0x1FE3),
        (0x2071, 0x2149), (0x2C7C, 0x2C7D), (0x2D6F, 0x2D6F), (0x309F, 0x309F),
        (0x30FF, 0x30FF), (0x3131, 0x318E), (0xA69C, 0xA69D), (0xA770, 0xA770),
        (0xA7F2, 0xA7F4), (0xA7F8, 0xA7F9), (0xAB5C, 0xAB5F), (0xAB69, 0xAB69),
        (0xF900, 0xFA0D), (0xFA10, 0xFA10), (0xFA12, 0xFA12), (0xFA15, 0xFA1E),
        (0xFA20, 0xFA20), (0xFA22, 0xFA22), (0xFA25, 0xFA26), (0xFA2A, 0xFB1D),
        (0xFB1F, 0xFDFB), (0xFE70, 0xFE72), (0xFE74, 0xFFDC), (0x10781, 0x107BA),
        (0x1D400, 0x1D7FF), (0x1EE00, 0x1FBF9), (0x2F800, 0x2FA1D),
    ];
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::time::{Duration, Instant};

    use serde_json::Value;

    use super::*;

    const SUITE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/json-schema-test-suite/draft2020-12/optional/format/"
    );

    /// Every string case of the official test suite's format files: one file
    /// per format, plus `ecmascript-regex.json`, more cases for `regex`.
    /// Each group names its format in its schema.
    #[test]
    fn agrees_with_the_json_schema_test_suite() {
        let files = FORMATS.iter().copied().chain(["ecmascript-regex"]);
        let mut passed: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut disagreements = Vec::new();
        for file in files {
            let path = format!("{SUITE}{file}.json");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let groups: Vec<Value> =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            for group in &groups {
                let format = group["schema"]["format"]
                    .as_str()
                    .expect("every group names a format");
                let format = FORMATS
                    .iter()
                    .copied()
                    .find(|f| *f == format)
                    .unwrap_or_else(|| panic!("{path}: unknown format {format}"));
                for case in group["tests"].as_array().expect("tests") {
                    // Formats apply to strings only.
                    let Some(data) = case["data"].as_str() else {
                        continue;
                    };
                    let expected = case["valid"].as_bool().expect("valid");
                    let counts = passed.entry(format).or_default();
                    counts.1 += 1;
                    if is_valid(format, data) == Some(expected) {
                        counts.0 += 1;
                    } else {
                        disagreements.push(format!(
                            "{format} {data:?}: expected {}, {}",
                            if expected { "valid" } else { "invalid" },
                            case["description"]
                        ));
                    }
                }
            }
        }
        for (format, (pass, total)) in &passed {
            eprintln!("{format} {pass}/{total}");
        }
        assert_eq!(passed.len(), FORMATS.len(), "a format without suite cases");
        assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    }

    #[test]
    fn unknown_formats_are_not_judged() {
        assert_eq!(is_valid("phone-number", "x"), None);
        assert_eq!(is_valid("", ""), None);
        assert!(FORMATS.windows(2).all(|pair| pair[0] < pair[1]), "sorted");
        for format in FORMATS {
            assert!(is_valid(format, "").is_some(), "{format}");
        }
    }

    /// Each input is a megabyte: a linear checker takes milliseconds, a
    /// quadratic one hours.
    #[test]
    fn hostile_inputs_are_refused_quickly() {
        const MEGABYTE: usize = 1 << 20;
        let shapes = [
            "a".repeat(MEGABYTE),
            "(".repeat(MEGABYTE),
            "(?<a>x)|".repeat(MEGABYTE / 8),
            format!(
                "{}{}",
                "(?:(?<a>x)|".repeat(MEGABYTE / 22),
                "(?<a>y))".repeat(MEGABYTE / 22)
            ),
            "[".repeat(MEGABYTE),
            "{".repeat(MEGABYTE),
            "a.".repeat(MEGABYTE / 2),
            "\u{5D0}".repeat(MEGABYTE / 2),
            "%".repeat(MEGABYTE),
            "~".repeat(MEGABYTE),
            "1".repeat(MEGABYTE),
            format!("P{}D", "9".repeat(MEGABYTE)),
            format!("12:00:00.{}Z", "9".repeat(MEGABYTE)),
            format!("http://a/{}", "%41".repeat(MEGABYTE / 3)),
            format!("xn--{}", "a".repeat(MEGABYTE)),
            format!("{}@example.com", "a".repeat(MEGABYTE)),
        ];
        for shape in &shapes {
            for format in FORMATS {
                let started = Instant::now();
                let _ = is_valid(format, shape);
                let elapsed = started.elapsed();
                let start: String = shape.chars().take(16).collect();
                assert!(
                    elapsed < Duration::from_secs(5),
                    "{format} on {start:?}…: {elapsed:?}"
                );
            }
        }
    }

    #[test]
    fn dates_times_and_durations() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-2-29"));
        assert!(is_time("23:59:60.5+00:00"));
        assert!(is_time("00:00:00.000z"));
        assert!(!is_time("00:00:00."));
        assert!(!is_time("00:00:00.Z"));
        assert!(!is_time("12:00:60Z"));
        for valid in ["P1Y", "P1Y2M3D", "PT1S", "P1DT1M", "P3W", "P0D"] {
            assert!(is_duration(valid), "{valid}");
        }
        for invalid in [
            "P", "PT", "P1", "PW", "P1W2D", "P1M1Y", "PT1S1M", "P1DT", "PT1H1H", "P1TD",
        ] {
            assert!(!is_duration(invalid), "{invalid}");
        }
    }

    #[test]
    fn mailboxes() {
        assert!(is_email("a.b+c@example.com"));
        assert!(is_email("\"a\\\"b\"@example.com"));
        assert!(is_email("x@[ipv6:2001:db8::1]"));
        assert!(!is_email("x@[IPv7:2001:db8::1]"));
        assert!(!is_email("\"unterminated@example.com"));
        assert!(!is_email(&format!("{}@example.com", "a".repeat(65))));
        assert!(!is_email("ü@example.com"));
        assert!(is_idn_email("ü@bücher.example"));
        assert!(!is_idn_email("ü@BÜCHER.example"));
    }

    #[test]
    fn host_names_and_idna() {
        assert!(is_hostname("EXAMPLE.com"));
        assert!(is_hostname("xn--bcher-kva.example"));
        assert!(is_hostname("XN--BCHER-KVA.example"));
        assert!(!is_hostname("ab--cd.example"), "reserved LDH label");
        assert!(!is_hostname("xn--bcher-kva-.example"));
        assert!(!is_hostname(&format!("{}.com", "a.".repeat(125))));
        assert!(is_idn_hostname("bücher.example"));
        assert!(
            !is_idn_hostname("日本語。ｊｐ"),
            "full-width letters are not stable"
        );
        assert!(is_idn_hostname("日本語。jp"));
        assert!(
            !is_idn_hostname("ﬁ.example"),
            "ligature, unstable under NFKC"
        );
        assert!(!is_idn_hostname("a\u{3000}b"), "ideographic space");
        assert!(
            is_idn_hostname("\u{5E9}\u{5DC}\u{5D5}\u{5DD}.example"),
            "RTL label, LTR others"
        );
        assert!(
            !is_idn_hostname("\u{5E9}\u{5DC}\u{5D5}\u{5DD}1a.example"),
            "RTL label ending in L"
        );
        assert!(is_idn_hostname(
            "\u{627}\u{644}\u{639}\u{631}\u{628}\u{64A}\u{629}"
        ));
    }

    #[test]
    fn punycode_round_trips_rfc_3492_samples() {
        // RFC 3492 §7.1 (A) Arabic (Egyptian) and (L) a Japanese sample.
        let samples = [
            ("\u{644}\u{64A}\u{647}\u{645}\u{627}\u{628}\u{62A}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64A}\u{61F}", "egbpdaj6bu4bxfgehfvwxn"),
            ("3\u{5E74}B\u{7D44}\u{91D1}\u{516B}\u{5148}\u{751F}", "3B-ww4c5e180e575a65lsy2b"),
        ];
        for (text, encoded) in samples {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(punycode::encode(&chars).as_deref(), Some(encoded));
            assert_eq!(punycode::decode(encoded), Some(chars));
        }
        assert_eq!(punycode::decode("99999999999999"), None, "overflow");
    }

    #[test]
    fn ip_addresses() {
        assert!(is_ipv4("0.0.0.0"));
        assert!(!is_ipv4("1.2.3.04"));
        assert!(!is_ipv4("1.2.3"));
        assert!(is_ipv6("::ffff:1.2.3.4"));
        assert!(is_ipv6("0000:0000:0000:0000:0000:0000:0000:0000"));
        assert!(!is_ipv6("::ffff:1.2.3.04"));
        assert!(!is_ipv6("1:2:3:4:5:6:7:8:9"));
    }

    #[test]
    fn references_iris_and_templates() {
        assert!(is_uri_reference("../a/b?c#d"));
        assert!(is_uri_reference("//user@[v1.x]:80"));
        assert!(!is_uri_reference("//[::1"));
        assert!(!is_uri_reference("a b"));
        assert!(is_iri("https://例え.テスト/パス?クエリ\u{E000}#frag"));
        assert!(
            !is_iri("https://例え.テスト/#\u{E000}"),
            "private use outside the query"
        );
        assert!(!is_iri_reference("\u{FFFE}"));
        assert!(is_uri_template("/{a}{/b,c*}{?d:3}"));
        assert!(!is_uri_template("{a"));
        assert!(!is_uri_template("%4"));
    }

    #[test]
    fn pointers_and_uuids() {
        assert!(is_json_pointer("/a~0b/~1"));
        assert!(!is_json_pointer("/a~"));
        assert!(is_relative_json_pointer("0"));
        assert!(is_relative_json_pointer("10#"));
        assert!(!is_relative_json_pointer("#"));
        assert!(is_uuid("00000000-0000-0000-0000-00000000000a"));
        assert!(!is_uuid("00000000-0000-0000-0000-00000000000g"));
    }

    #[test]
    fn ecma_262_patterns() {
        for valid in [
            "",
            "a|",
            "^\\-?\\d+(\\.\\d+)?$",
            "[\\w-]",
            "[a-z-9]",
            "a{2,}?",
            "a{99999999999999999999}",
            "(?<n>a)|(?<n>b)",
            "(?:(?<n>a)|(?<n>b))\\k<n>",
            "(?i-s:a)",
            "\\u{1F600}",
            "[\\uD83D\\uDE00-\\u{1F64F}]",
            "(?<\\u0061>x)\\k<a>",
            "\\p{Script=Greek}",
            "(a)\\1",
        ] {
            assert!(is_regex(valid), "{valid}");
        }
        for invalid in [
            "\\",
            "(",
            ")",
            "a{2,1}",
            "{",
            "a**",
            "(?=a)*",
            "(?<n>a)(?<n>b)",
            "(?:(?<n>a)|(?<n>b))(?<n>c)",
            "(?<n>(?<n>a))",
            "\\k<n>",
            "\\2(a)",
            "[z-a]",
            "[\\d-z]",
            "\\01",
            "\\u{110000}",
            "\\c1",
            "(?ii:a)",
            "(?-:a)",
            "(?<1>a)",
        ] {
            assert!(!is_regex(invalid), "{invalid}");
        }
    }
}

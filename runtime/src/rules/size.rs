//! Size limits and their units. JSON Schema's `maxLength` counts characters
//! (Unicode scalar values, i.e. Rust `char`s); dmforge's `maxBytes` counts
//! UTF-8 bytes; `maxItems` counts array items. An emoji such as 😀 is one
//! character and four bytes, which is why the unit is part of every message.

use std::fmt;

/// What a size limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-8 bytes of a string (`maxBytes`).
    Bytes,
    /// Unicode scalar values of a string (`maxLength`, `minLength`).
    Characters,
    /// Items of an array (`maxItems`, `minItems`).
    Items,
    /// Members of an object (`maxProperties`, `minProperties`).
    Properties,
}

impl Unit {
    /// The size of `s` in this unit; `Items` and `Properties` do not apply to
    /// strings and measure 0.
    #[must_use]
    pub fn measure_str(self, s: &str) -> usize {
        match self {
            Unit::Bytes => s.len(),
            Unit::Characters => s.chars().count(),
            Unit::Items | Unit::Properties => 0,
        }
    }

    fn noun(self, n: u64) -> &'static str {
        match (self, n == 1) {
            (Unit::Bytes, true) => "byte",
            (Unit::Bytes, false) => "bytes",
            (Unit::Characters, true) => "character",
            (Unit::Characters, false) => "characters",
            (Unit::Items, true) => "item",
            (Unit::Items, false) => "items",
            (Unit::Properties, true) => "property",
            (Unit::Properties, false) => "properties",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::Bytes => "UTF-8 bytes",
            Unit::Characters => "characters",
            Unit::Items => "items",
            Unit::Properties => "properties",
        })
    }
}

/// `1002 bytes, at most 1000 UTF-8 bytes allowed`.
#[must_use]
#[cold]
pub fn too_long(actual: u64, limit: u64, unit: Unit) -> String {
    let allowed = match unit {
        Unit::Bytes => format!("{limit} UTF-8 {}", unit.noun(limit)),
        _ => format!("{limit} {}", unit.noun(limit)),
    };
    format!("{actual} {}, at most {allowed} allowed", unit.noun(actual))
}

/// `0 characters, at least 1 required`.
#[must_use]
#[cold]
pub fn too_short(actual: u64, limit: u64, unit: Unit) -> String {
    format!(
        "{actual} {}, at least {limit} {} required",
        unit.noun(actual),
        unit.noun(limit)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_and_characters_differ_for_multibyte_text() {
        let text = "é😀";
        assert_eq!(Unit::Bytes.measure_str(text), 2 + 4);
        assert_eq!(Unit::Characters.measure_str(text), 2);
    }

    #[test]
    fn messages_state_actual_limit_and_unit() {
        assert_eq!(
            too_long(1002, 1000, Unit::Bytes),
            "1002 bytes, at most 1000 UTF-8 bytes allowed"
        );
        assert_eq!(
            too_long(81, 80, Unit::Characters),
            "81 characters, at most 80 characters allowed"
        );
        assert_eq!(
            too_long(14, 13, Unit::Items),
            "14 items, at most 13 items allowed"
        );
        assert_eq!(
            too_short(0, 1, Unit::Items),
            "0 items, at least 1 item required"
        );
        assert_eq!(
            too_long(2, 1, Unit::Properties),
            "2 properties, at most 1 property allowed"
        );
    }
}

//! `clampedDuration`: a duration over a maximum is not an error; the provider
//! shortens it to the maximum. Engines never report it; clients use
//! [`effective_seconds`] to know what will actually apply.

/// Seconds in one of the time units providers use (`SECONDS`, `MINUTES`,
/// `HOURS`, `DAYS`, and the singular forms).
#[must_use]
pub fn unit_seconds(unit: &str) -> Option<u64> {
    match unit {
        "SECONDS" | "SECOND" => Some(1),
        "MINUTES" | "MINUTE" => Some(60),
        "HOURS" | "HOUR" => Some(3600),
        "DAYS" | "DAY" => Some(86_400),
        _ => None,
    }
}

/// The duration the provider applies: `amount` units, at most `max_seconds`.
#[must_use]
pub fn effective_seconds(amount: u64, unit_seconds: u64, max_seconds: u64) -> u64 {
    amount.saturating_mul(unit_seconds).min(max_seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_to_the_maximum_without_overflow() {
        let h48 = 48 * 3600;
        assert_eq!(effective_seconds(47, 3600, h48), 47 * 3600);
        assert_eq!(effective_seconds(72, 3600, h48), h48);
        assert_eq!(effective_seconds(u64::MAX, 3600, h48), h48);
        assert_eq!(unit_seconds("MINUTES"), Some(60));
        assert_eq!(unit_seconds("WEEKS"), None);
    }
}

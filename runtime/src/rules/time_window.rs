//! `timeWindow`: a daily window between two times of day must be at least a
//! given number of minutes long. The length is measured forward from `from`
//! to `to` around the clock, so a window may span midnight (22:00 to 02:00 is
//! four hours) and `from == to` is a window of zero minutes.

use std::fmt;

const MINUTES_PER_DAY: u16 = 24 * 60;

/// A time of day, hour 0–23 and minute 0–59.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
}

impl TimeOfDay {
    /// `None` unless `hour` is 0–23 and `minute` 0–59.
    #[must_use]
    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(Self { hour, minute })
    }

    fn minutes_since_midnight(self) -> u16 {
        u16::from(self.hour) * 60 + u16::from(self.minute)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// An hour or minute member's value, whether a primitive integer or a
/// number type of its own (`crate::number::Number`), for the rule's check.
pub trait Whole {
    fn whole(&self) -> i128;
}

macro_rules! whole {
    ($($t:ty),*) => {$(
        impl Whole for $t {
            fn whole(&self) -> i128 {
                i128::from(*self)
            }
        }
    )*};
}
whole!(i8, u8, i16, u16, i32, u32, i64, u64, i128);

macro_rules! whole_beyond_i128 {
    ($($t:ty),*) => {$(
        impl Whole for $t {
            fn whole(&self) -> i128 {
                // Beyond an hour's or a minute's range either way.
                i128::try_from(*self).unwrap_or(i128::MAX)
            }
        }
    )*};
}
whole_beyond_i128!(usize, isize, u128);

impl<T: Whole, R> Whole for crate::number::Number<T, R> {
    fn whole(&self) -> i128 {
        std::ops::Deref::deref(self).whole()
    }
}

/// Minutes from `from` forward to `to`, in `0..1440`.
#[must_use]
pub fn window_minutes(from: TimeOfDay, to: TimeOfDay) -> u16 {
    (to.minutes_since_midnight() + MINUTES_PER_DAY - from.minutes_since_midnight())
        % MINUTES_PER_DAY
}

/// `Some(message)` when the window is shorter than `min_minutes`.
#[must_use]
pub fn check(from: TimeOfDay, to: TimeOfDay, min_minutes: u16) -> Option<String> {
    let length = window_minutes(from, to);
    (length < min_minutes).then(|| {
        format!("window {from} to {to} is {length} minutes long, at least {min_minutes} minutes required")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(hour: u8, minute: u8) -> TimeOfDay {
        TimeOfDay::new(hour, minute).expect("valid time in test")
    }

    #[test]
    fn measures_forward_around_midnight() {
        assert_eq!(window_minutes(t(9, 0), t(17, 30)), 510);
        assert_eq!(window_minutes(t(22, 0), t(2, 0)), 240);
        assert_eq!(window_minutes(t(23, 30), t(0, 10)), 40);
        assert_eq!(window_minutes(t(8, 0), t(8, 0)), 0);
    }

    #[test]
    fn one_hour_is_the_boundary() {
        assert_eq!(check(t(10, 0), t(11, 0), 60), None);
        assert_eq!(
            check(t(10, 0), t(10, 59), 60).as_deref(),
            Some("window 10:00 to 10:59 is 59 minutes long, at least 60 minutes required")
        );
        assert!(check(t(10, 0), t(10, 0), 60).is_some());
    }

    #[test]
    fn rejects_out_of_range_times() {
        assert_eq!(TimeOfDay::new(24, 0), None);
        assert_eq!(TimeOfDay::new(0, 60), None);
    }
}

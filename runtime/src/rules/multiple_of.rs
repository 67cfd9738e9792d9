//! `multipleOf`, exactly for decimal values: `0.3` is a multiple of `0.1`,
//! though `0.3 / 0.1` in binary floating point is `2.9999999999999996`.
//!
//! A JSON number is the decimal its text wrote. Both the value and the
//! divisor are read back as the shortest decimal that gives the same `f64`
//! (what `{:e}` prints, and what a person wrote for any number with at most
//! 17 significant digits), `digits × 10^exponent`, and divided exactly in
//! integers. Both engines call [`is_multiple`], so they cannot disagree.

/// `x` as `(digits, exponent)`: `x == digits × 10^exponent`, shortest.
fn decimal(x: f64) -> Option<(i128, i32)> {
    if !x.is_finite() {
        return None;
    }
    let text = format!("{x:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: i128 = format!("{whole}{fraction}").parse().ok()?;
    let fraction_digits = i32::try_from(fraction.len()).ok()?;
    Some((digits, exponent - fraction_digits))
}

/// `10^n` when it fits an `i128`.
fn power_of_ten(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

/// Whether `x` is an integer multiple of `divisor` (itself above 0, as
/// `multipleOf` requires), compared as the decimals they were written as.
#[must_use]
pub fn is_multiple(x: f64, divisor: f64) -> bool {
    let (Some((a, ea)), Some((b, eb))) = (decimal(x), decimal(divisor)) else {
        return false;
    };
    if a == 0 {
        return true;
    }
    if b == 0 {
        return false;
    }
    // x / d = (a / b) × 10^(ea - eb): scale whichever side has the larger
    // exponent down to the other's, then divide exactly.
    let shift = ea - eb;
    if shift >= 0 {
        // a × 10^shift must be a multiple of b: multiply step by step
        // modulo b, so no power overflows.
        let mut remainder = a % b;
        for _ in 0..shift.min(400) {
            if remainder == 0 {
                break;
            }
            remainder = (remainder * 10) % b;
        }
        remainder == 0
    } else {
        // a must be a multiple of b × 10^-shift; if that does not fit an
        // i128 it is larger than a (at most 17 digits), and a is not 0.
        match power_of_ten(shift.unsigned_abs()).and_then(|p| b.checked_mul(p)) {
            Some(scaled) => a % scaled == 0,
            None => false,
        }
    }
}

/// An integer read exactly (beyond the 53 bits an `f64` holds), against a
/// divisor.
#[must_use]
pub fn is_multiple_int(n: i128, divisor: f64) -> bool {
    match decimal(divisor) {
        Some((b, eb)) if b != 0 => {
            if eb >= 0 {
                match power_of_ten(eb.unsigned_abs()).and_then(|p| b.checked_mul(p)) {
                    Some(whole) => n % whole == 0,
                    None => n == 0,
                }
            } else {
                // n / (b × 10^eb) = n × 10^-eb / b.
                let mut remainder = n % b;
                for _ in 0..eb.unsigned_abs().min(400) {
                    if remainder == 0 {
                        break;
                    }
                    remainder = (remainder * 10) % b;
                }
                remainder == 0
            }
        }
        _ => false,
    }
}

/// A number as messages show it: Rust's shortest form, an integral value
/// without a fraction (`3`, `0.0001`, `1.5`).
#[must_use]
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// `7 is not a multiple of 2`.
#[must_use]
pub fn not_a_multiple(shown: &str, divisor: f64) -> String {
    format!("{shown} is not a multiple of {}", number_text(divisor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_values_divide_exactly() {
        assert!(is_multiple(0.3, 0.1));
        assert!(is_multiple(0.0075, 0.0001));
        assert!(!is_multiple(0.00751, 0.0001));
        assert!(is_multiple(4.5, 1.5) && is_multiple(-4.5, 1.5) && is_multiple(0.0, 1.5));
        assert!(!is_multiple(35.0, 1.5));
        assert!(is_multiple(10.0, 2.0) && !is_multiple(7.0, 2.0));
        assert!(!is_multiple(1e308, 0.123456789));
        assert!(is_multiple(12391239123.0, 1e-8));
        assert!(is_multiple(1e308, 1e300));
        assert!(!is_multiple(1.0, 1e300));
        assert!(is_multiple_int(12391239123, 1e-8));
        assert!(is_multiple_int(1 << 100, 2.0));
        assert!(!is_multiple_int((1 << 100) + 1, 2.0));
        assert!(is_multiple_int(9, 1.5) && !is_multiple_int(10, 1.5));
        assert_eq!(not_a_multiple("7", 2.0), "7 is not a multiple of 2");
        assert_eq!(number_text(0.0001), "0.0001");
    }
}

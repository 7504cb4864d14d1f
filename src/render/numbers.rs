//! Numbers as people read them, the same in every text and report output:
//! means and their changes to one decimal, halves rounded up.
//!
//! The rule is decided on the decimal value, not on the binary double that
//! holds it. A mean is a ratio of integers (a sum of scores over a count of
//! responses), so a mean whose decimal value is exactly a half-tenth, such as
//! 3.35 = 67/20, may be stored a hair below it (3.3499999…) and a plain
//! `format!("{:.1}")` would print 3.3 (and rounds 3.25 to even, 3.2). We add
//! one billionth of a tenth before rounding: that lifts every stored
//! half-tenth to the half it stands for, and no mean that is not a half-tenth
//! lies that close to one (it would take a count of more than 10^8
//! responses). Halves round away from zero, so +0.25 and −0.25 read +0.3 and
//! −0.3: "up" in size, the same either side. JSON keeps means unrounded.

/// How far above a half-tenth a stored value may have to be lifted (in tenths).
const NUDGE: f64 = 1e-9;

/// `x` in whole tenths, halves rounded away from zero (see the module note).
pub fn tenths(x: f64) -> i64 {
    let t = (x.abs() * 10.0 + 0.5 + NUDGE).floor() as i64;
    if x < 0.0 { -t } else { t }
}

fn one_decimal(t: i64) -> String {
    format!("{}.{}", t.abs() / 10, t.abs() % 10)
}

/// A mean to one decimal, halves rounded up: 3.25 reads 3.3, 3.35 reads 3.4.
pub fn mean(x: f64) -> String {
    match tenths(x) {
        t if t < 0 => format!("\u{2212}{}", one_decimal(t)),
        t => one_decimal(t),
    }
}

/// A change, signed, to one decimal, halves rounded away from zero; a true
/// minus sign; `0.0` when it rounds to nothing.
pub fn change(x: f64) -> String {
    match tenths(x) {
        0 => "0.0".to_owned(),
        t if t > 0 => format!("+{}", one_decimal(t)),
        t => format!("\u{2212}{}", one_decimal(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_up_on_the_decimal_value() {
        assert_eq!(mean(3.25), "3.3");
        assert_eq!(mean(3.75), "3.8");
        // 3.35 and 2.45 are stored a hair below their decimal value.
        assert_eq!(mean(67.0 / 20.0), "3.4");
        assert_eq!(mean(49.0 / 20.0), "2.5");
        assert_eq!(mean(1.05), "1.1");
        assert_eq!(mean(8.0 / 3.0), "2.7");
        assert_eq!(mean(3.24), "3.2");
        assert_eq!(mean(5.0), "5.0");
        assert_eq!(mean(-0.01), "0.0");
    }

    #[test]
    fn changes_are_signed_and_round_halves_away_from_zero() {
        assert_eq!(change(0.25), "+0.3");
        assert_eq!(change(-0.25), "\u{2212}0.3");
        assert_eq!(change(0.5), "+0.5");
        assert_eq!(change(-1.0 / 3.0), "\u{2212}0.3");
        assert_eq!(change(0.04), "0.0");
        assert_eq!(change(-0.04), "0.0");
        assert_eq!(change(3.35 - 3.0), "+0.4");
    }
}

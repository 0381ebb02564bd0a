//! Calendar dates as days since 1970-01-01: how the index stores `published` and `updated`.

/// Parses a strict `YYYY-MM-DD` date into days since 1970-01-01.
pub fn parse_ymd(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = &s[r];
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Formats days since 1970-01-01 as `YYYY-MM-DD`.
pub fn format_ymd(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// The era-based conversions below are the well-known proleptic Gregorian algorithms
// (400-year eras of 146,097 days); a date crate would be a large dependency for two functions.
fn days_from_civil(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, i32, i32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(parse_ymd("1970-01-01"), Some(0));
        assert_eq!(parse_ymd("2000-03-01"), Some(11_017));
        assert_eq!(
            parse_ymd("2024-02-29").map(format_ymd).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(format_ymd(0), "1970-01-01");
        assert_eq!(format_ymd(19_723), "2024-01-01");
        assert_eq!(format_ymd(20_513), "2026-03-01");
    }

    #[test]
    fn every_day_round_trips() {
        for days in -1000..30_000 {
            assert_eq!(parse_ymd(&format_ymd(days)), Some(days));
        }
    }

    #[test]
    fn malformed_dates_are_rejected() {
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-1-01",
            "20230101",
            "2023-01-32",
            "abcd-ef-gh",
            "+023-01-01",
            "",
        ] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
    }
}

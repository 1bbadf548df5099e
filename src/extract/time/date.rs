//! A small proleptic-Gregorian calendar date: arithmetic, weekdays and ISO
//! weeks, enough to normalize temporal expressions against a reference date.

use std::fmt;

/// A calendar date (proleptic Gregorian). `m` is 1..=12, `d` is 1..=31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year (e.g. 2022).
    pub y: i32,
    /// The month, 1..=12.
    pub m: u32,
    /// The day of the month, 1..=31.
    pub d: u32,
}

/// Number of days in month `m` of year `y` (0 for an invalid month).
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when the month or day is out of range.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        if (1..=12).contains(&m)
            && d >= 1
            && d <= days_in_month(y, m)
            && (-9999..=9999).contains(&y)
        {
            Some(Date { y, m, d })
        } else {
            None
        }
    }

    /// Parses "YYYY-MM-DD" (also "YYYYMMDD" and a longer ISO timestamp).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let digits: Vec<u32> = s
            .chars()
            .take(10)
            .filter(|c| c.is_ascii_digit())
            .filter_map(|c| c.to_digit(10))
            .collect();
        if digits.len() < 8 {
            return None;
        }
        let num = |a: usize, b: usize| digits[a..b].iter().fold(0u32, |acc, &x| acc * 10 + x);
        Date::new(num(0, 4) as i32, num(4, 6), num(6, 8))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Date { y, m, d }
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// The date `n` months later, with the day clamped to the month's length.
    pub fn add_months(self, n: i32) -> Date {
        let (y, m) = add_month(self.y, self.m, n);
        Date {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week (1..=53).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Date {
            y: thursday.y,
            m: 1,
            d: 1,
        };
        let week = ((thursday.to_days() - jan1.to_days()) / 7 + 1) as u32;
        (thursday.y, week)
    }

    /// The Monday of ISO week `w` of ISO year `y`.
    pub fn from_iso_week(y: i32, w: u32) -> Date {
        let jan4 = Date { y, m: 1, d: 4 };
        let week1_monday = jan4.add_days(1 - i64::from(jan4.weekday()));
        week1_monday.add_days(7 * (i64::from(w) - 1))
    }

    /// The quarter (1..=4).
    pub fn quarter(self) -> u32 {
        (self.m - 1) / 3 + 1
    }
}

/// Adds `n` months to (year, month).
pub fn add_month(y: i32, m: u32, n: i32) -> (i32, u32) {
    let total = y * 12 + (m as i32 - 1) + n;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl serde::Serialize for Date {
    /// Serialized as "YYYY-MM-DD".
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for n in [-800_000i64, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(n).to_days(), n);
        }
        assert_eq!(Date::new(1970, 1, 1).map(Date::to_days), Some(0));
    }

    #[test]
    fn weekdays_and_weeks() {
        let d = Date::new(2022, 2, 14).unwrap();
        assert_eq!(d.weekday(), 1);
        assert_eq!(d.iso_week(), (2022, 7));
        assert_eq!(Date::new(2021, 1, 1).unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::from_iso_week(2022, 7), d);
        assert_eq!(Date::new(2021, 12, 30).unwrap().weekday(), 4);
    }

    #[test]
    fn month_arithmetic() {
        let d = Date::new(2022, 1, 31).unwrap();
        assert_eq!(d.add_months(1), Date::new(2022, 2, 28).unwrap());
        assert_eq!(d.add_months(-1), Date::new(2021, 12, 31).unwrap());
        assert_eq!(Date::parse("19980108"), Date::new(1998, 1, 8));
        assert_eq!(Date::parse("2022-02-14"), Date::new(2022, 2, 14));
        assert_eq!(Date::new(2022, 2, 29), None);
    }
}

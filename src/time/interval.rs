//! Dates as intervals with a precision.
//!
//! "Last week" is not a day: it is the seven days of ISO week 2025-W11. Every resolved date
//! is kept as the inclusive day interval it covers plus the grain the text gave, so a range
//! query can test overlap and nothing is pinned to a day the text never named.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::model::Precision;

/// A calendar unit a relative expression counts in ("two weeks ago", "next month").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The unit of a TIMEX3 letter as the lexicon gives it ("D", "W", "WE", ...).
    pub fn from_timex(letter: &str) -> Option<Unit> {
        Some(match letter {
            "D" => Unit::Day,
            "W" => Unit::Week,
            "WE" => Unit::Weekend,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    /// The grain of a date counted in this unit.
    pub fn precision(self) -> Precision {
        match self {
            Unit::Day => Precision::Day,
            Unit::Week | Unit::Weekend => Precision::Week,
            Unit::Month => Precision::Month,
            Unit::Quarter => Precision::Quarter,
            Unit::Year => Precision::Year,
            Unit::Decade => Precision::Decade,
            Unit::Century => Precision::Century,
        }
    }
}

/// An inclusive range of days and the grain the text gave it, with its TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInterval {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: Precision,
    /// The TIMEX3 value: "2025-03-18", "2025-W11", "2025-03", "2025-Q1", "2025".
    pub value: String,
}

impl DateInterval {
    pub fn day(date: NaiveDate) -> DateInterval {
        DateInterval {
            start: date,
            end: date,
            precision: Precision::Day,
            value: date.format("%Y-%m-%d").to_string(),
        }
    }

    /// The days from `start` to `end`, both told: one day where they are the same.
    pub fn days(start: NaiveDate, end: NaiveDate) -> DateInterval {
        if start == end {
            return DateInterval::day(start);
        }
        DateInterval {
            start,
            end,
            precision: Precision::Day,
            value: format!("{}/{}", format_day(start), format_day(end)),
        }
    }

    /// The ISO week (Monday to Sunday) that contains `date`.
    pub fn week_of(date: NaiveDate) -> DateInterval {
        let start = date - Duration::days(date.weekday().num_days_from_monday() as i64);
        let iso = date.iso_week();
        DateInterval {
            start,
            end: start + Duration::days(6),
            precision: Precision::Week,
            value: format!("{}-W{:02}", iso.year(), iso.week()),
        }
    }

    /// Saturday and Sunday of the ISO week that contains `date`.
    pub fn weekend_of(date: NaiveDate) -> DateInterval {
        let week = DateInterval::week_of(date);
        DateInterval {
            start: week.start + Duration::days(5),
            end: week.end,
            precision: Precision::Week,
            value: format!("{}-WE", week.value),
        }
    }

    pub fn month(year: i32, month: u32) -> Option<DateInterval> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(DateInterval {
            start,
            end: next - Duration::days(1),
            precision: Precision::Month,
            value: format!("{year:04}-{month:02}"),
        })
    }

    pub fn quarter(year: i32, quarter: u32) -> Option<DateInterval> {
        DateInterval::part_of_year(
            year,
            quarter,
            3,
            Precision::Quarter,
            format!("{year:04}-Q{quarter}"),
        )
    }

    /// The first or second half of a year: TIMEX3 "2025-H1".
    pub fn half(year: i32, half: u32) -> Option<DateInterval> {
        DateInterval::part_of_year(year, half, 6, Precision::Half, format!("{year:04}-H{half}"))
    }

    /// The `index`th (from 1) run of `months` months of `year`.
    fn part_of_year(
        year: i32,
        index: u32,
        months: u32,
        precision: Precision,
        value: String,
    ) -> Option<DateInterval> {
        let first = DateInterval::month(year, (index - 1) * months + 1)?;
        let last = DateInterval::month(year, index * months)?;
        Some(DateInterval {
            start: first.start,
            end: last.end,
            precision,
            value,
        })
    }

    /// A season by its TIMEX3 code (SP, SU, FA, WI) as whole months; winter runs from
    /// December into the next year.
    pub fn season(year: i32, code: &str) -> Option<DateInterval> {
        let (first, last) = match code {
            "SP" => ((year, 3), (year, 5)),
            "SU" => ((year, 6), (year, 8)),
            "FA" => ((year, 9), (year, 11)),
            "WI" => ((year, 12), (year + 1, 2)),
            _ => return None,
        };
        Some(DateInterval {
            start: DateInterval::month(first.0, first.1)?.start,
            end: DateInterval::month(last.0, last.1)?.end,
            precision: Precision::Season,
            value: format!("{year:04}-{code}"),
        })
    }

    pub fn year(year: i32) -> Option<DateInterval> {
        Some(DateInterval {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
            value: format!("{year:04}"),
        })
    }

    /// Ten years from a year ending in 0: TIMEX3 writes the 1990s as "199".
    pub fn decade(first_year: i32) -> Option<DateInterval> {
        let first_year = first_year - first_year.rem_euclid(10);
        Some(DateInterval {
            start: NaiveDate::from_ymd_opt(first_year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(first_year + 9, 12, 31)?,
            precision: Precision::Decade,
            value: format!("{:03}", first_year / 10),
        })
    }

    /// The unit that contains `date`, moved by `shift` units (-1 is "last", +1 "next").
    /// `None` when the result falls outside the years a TIMEX3 value can write.
    pub fn unit_containing(date: NaiveDate, unit: Unit, shift: i64) -> Option<DateInterval> {
        match unit {
            Unit::Day => Some(DateInterval::day(add_days(date, shift)?)),
            Unit::Week => Some(DateInterval::week_of(add_days(date, shift.checked_mul(7)?)?)),
            Unit::Weekend => Some(DateInterval::weekend_of(add_days(date, shift.checked_mul(7)?)?)),
            Unit::Month => {
                let (year, month) = add_months(date.year(), date.month(), shift)?;
                DateInterval::month(year, month)
            }
            Unit::Quarter => {
                let (year, month) = add_months(date.year(), date.month(), shift.checked_mul(3)?)?;
                DateInterval::quarter(year, quarter_of_month(month))
            }
            Unit::Year => DateInterval::year(add_years(date.year(), shift)?),
            Unit::Decade => DateInterval::decade(add_years(date.year(), shift.checked_mul(10)?)?),
            Unit::Century => {
                let century = add_years(date.year(), shift.checked_mul(100)?)?.div_euclid(100);
                Some(DateInterval {
                    start: NaiveDate::from_ymd_opt(century * 100, 1, 1)?,
                    end: NaiveDate::from_ymd_opt(century * 100 + 99, 12, 31)?,
                    precision: Precision::Century,
                    value: format!("{century:02}"),
                })
            }
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// How a person reads this date: "2025-03-18", "2025-W11 (Mar 10–16)", "March 2025".
    pub fn label(&self) -> String {
        match self.precision {
            Precision::Day => self.value.clone(),
            Precision::Week => {
                let same_month = self.start.month() == self.end.month();
                let end = if same_month {
                    self.end.format("%-d").to_string()
                } else {
                    self.end.format("%b %-d").to_string()
                };
                format!("{} ({}–{})", self.value, self.start.format("%b %-d"), end)
            }
            Precision::Month => self.start.format("%B %Y").to_string(),
            _ => self.value.clone(),
        }
    }
}

/// A day as stored and typed: `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    // Exactly `YYYY-MM-DD`: chrono alone would also take "+2025-03-18" or a five-digit year.
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    // Read directly: chrono's parse_from_str parses its pattern on every call, and the
    // store reads several days of every candidate and every listed report.
    let number =
        |range: std::ops::Range<usize>| b[range].iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
}

/// A day written as `YYYY-MM-DD`.
pub fn format_day(date: NaiveDate) -> String {
    // Written directly: chrono's `format` parses its pattern on every call, and the store
    // writes several days per report.
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// The years a date may have: those a TIMEX3 value writes with four digits. Arithmetic on
/// counts from the text ("100000000 days ago") that leaves them gives no date.
pub const YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

/// `date` moved by `days`, if the result is within [`YEARS`].
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let moved = date.checked_add_signed(Duration::try_days(days)?)?;
    YEARS.contains(&moved.year()).then_some(moved)
}

/// `year` moved by `shift` years, if the result is within [`YEARS`].
pub fn add_years(year: i32, shift: i64) -> Option<i32> {
    let moved = i32::try_from(i64::from(year).checked_add(shift)?).ok()?;
    YEARS.contains(&moved).then_some(moved)
}

/// `month` (1-12) of `year` moved by `shift` months, if the year stays within [`YEARS`].
pub fn add_months(year: i32, month: u32, shift: i64) -> Option<(i32, u32)> {
    let index = (i64::from(year) * 12 + i64::from(month) - 1).checked_add(shift)?;
    let year = add_years(0, index.div_euclid(12))?;
    Some((year, index.rem_euclid(12) as u32 + 1))
}

/// The quarter (1-4) that month `month` (1-12) is in.
pub fn quarter_of_month(month: u32) -> u32 {
    (month - 1) / 3 + 1
}

/// The weekday `target` nearest to `reference` in the given direction. `inclusive` lets the
/// reference day itself count ("spoke Tuesday" in a Tuesday paper is that Tuesday).
pub fn weekday_from(reference: NaiveDate, target: Weekday, forward: bool, inclusive: bool) -> NaiveDate {
    let from = reference.weekday().num_days_from_monday() as i64;
    let to = target.num_days_from_monday() as i64;
    if forward {
        let mut days = (to - from).rem_euclid(7);
        if days == 0 && !inclusive {
            days = 7;
        }
        reference + Duration::days(days)
    } else {
        let mut days = (from - to).rem_euclid(7);
        if days == 0 && !inclusive {
            days = 7;
        }
        reference - Duration::days(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn days_are_read_only_as_written_by_format_day() {
        for day in ["2025-03-18", "0001-01-01", "9999-12-31", "2024-02-29"] {
            assert_eq!(parse_day(day).map(format_day).as_deref(), Some(day));
        }
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "+2025-03-18",
            "2025-3-18",
            "20250-03-1",
            "2025/03/18",
            "2025-03-1x",
            "",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let week = DateInterval::week_of(date("2025-03-12"));
        assert_eq!(week.value, "2025-W11");
        assert_eq!((week.start, week.end), (date("2025-03-10"), date("2025-03-16")));
        assert_eq!(week.label(), "2025-W11 (Mar 10–16)");
    }

    #[test]
    fn week_labels_spanning_months_name_both() {
        assert_eq!(
            DateInterval::week_of(date("2025-03-31")).label(),
            "2025-W14 (Mar 31–Apr 6)"
        );
    }

    #[test]
    fn units_shift_across_year_ends() {
        let month = DateInterval::unit_containing(date("2025-01-15"), Unit::Month, -1).unwrap();
        assert_eq!(month.value, "2024-12");
        assert_eq!(month.end, date("2024-12-31"));
        let quarter = DateInterval::unit_containing(date("2025-02-01"), Unit::Quarter, -1).unwrap();
        assert_eq!(quarter.value, "2024-Q4");
    }

    #[test]
    fn weekdays_resolve_in_both_directions() {
        let tuesday = date("2025-03-18");
        assert_eq!(weekday_from(tuesday, Weekday::Tue, false, true), tuesday);
        assert_eq!(
            weekday_from(tuesday, Weekday::Mon, false, true),
            date("2025-03-17")
        );
        assert_eq!(
            weekday_from(tuesday, Weekday::Fri, true, true),
            date("2025-03-21")
        );
        assert_eq!(
            weekday_from(tuesday, Weekday::Tue, false, false),
            date("2025-03-11")
        );
    }

    #[test]
    fn decades_use_timex_values() {
        assert_eq!(DateInterval::decade(1994).unwrap().value, "199");
    }

    #[test]
    fn counts_from_the_text_cannot_leave_the_calendar() {
        let d = date("2025-03-18");
        assert_eq!(add_days(d, 100_000_000), None);
        assert_eq!(add_days(d, i64::MIN), None);
        assert_eq!(add_days(d, 2), Some(date("2025-03-20")));
        assert_eq!(add_months(2025, 3, 3_000_000), None);
        assert_eq!(add_months(2025, 3, -3), Some((2024, 12)));
        assert_eq!(add_years(2025, i64::MAX), None);
        for unit in [
            Unit::Day,
            Unit::Week,
            Unit::Weekend,
            Unit::Month,
            Unit::Quarter,
            Unit::Year,
            Unit::Decade,
            Unit::Century,
        ] {
            assert_eq!(DateInterval::unit_containing(d, unit, i64::MAX), None, "{unit:?}");
            assert_eq!(
                DateInterval::unit_containing(d, unit, -9_999_999_999_999),
                None,
                "{unit:?}"
            );
        }
        assert_eq!(
            DateInterval::unit_containing(d, Unit::Year, -2025).unwrap().value,
            "0000"
        );
        assert_eq!(
            DateInterval::unit_containing(d, Unit::Year, 7974).unwrap().value,
            "9999"
        );
        assert_eq!(DateInterval::unit_containing(d, Unit::Year, 7975), None);
    }

    proptest::proptest! {
        #[test]
        fn the_unit_containing_a_day_contains_it(days in 0i64..3_000_000, shift in -100i64..100) {
            let d = date("0001-01-01") + Duration::days(days);
            for unit in [Unit::Day, Unit::Week, Unit::Weekend, Unit::Month, Unit::Quarter, Unit::Year, Unit::Decade, Unit::Century] {
                if unit == Unit::Weekend {
                    continue; // a weekend contains only its own two days
                }
                if let Some(i) = DateInterval::unit_containing(d, unit, 0) {
                    proptest::prop_assert!(i.contains(d), "{unit:?} {d}: {i:?}");
                }
                // Any shift gives a date or none, never a panic.
                let _ = DateInterval::unit_containing(d, unit, shift * 1_000_003);
            }
        }
    }
}

//! Plain-day arithmetic for the generator: days are `i32` counts from 1 January 1970, so that
//! adding days never fails and a million episodes cost no date objects.
//!
//! Working days follow MEASURES.md section 0: Monday to Friday, not an England and Wales bank
//! holiday. The holidays are the bundled list the measures use (2012-2028, one-offs
//! included); outside those years only New Year's Day, Christmas Day and Boxing Day are
//! known, which is enough for the generator (old reviews are rarely assessed).

use std::sync::OnceLock;

use chrono::Datelike;

use crate::measures::calendar::{bundled_bank_holidays, BANK_HOLIDAY_YEARS};

/// A calendar day, counted from 1970-01-01 (day 0).
pub(crate) type Day = i32;

/// Day number of a civil date (proleptic Gregorian; Hinnant's `days_from_civil`).
pub(crate) fn day(year: i32, month: u32, dom: u32) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + dom as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number: `(year, month, day of month)`.
pub(crate) fn ymd(d: Day) -> (i32, u32, u32) {
    let z = d + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let dom = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, dom)
}

/// `dd/mm/yyyy`, the 903's date format.
pub(crate) fn format(d: Day) -> String {
    let (y, m, dd) = ymd(d);
    format!("{dd:02}/{m:02}/{y:04}")
}

pub(crate) fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `d` plus `n` calendar months, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb),
/// as MEASURES.md section 0 defines it.
pub(crate) fn add_months(d: Day, n: u32) -> Day {
    let (y, m, dd) = ymd(d);
    let months = y * 12 + (m as i32 - 1) + n as i32;
    let (ny, nm) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    day(ny, nm, dd.min(days_in_month(ny, nm)))
}

/// The day a child born on `dob` turns `years` old: a 29 February birthday turns over on
/// 1 March in other years (MEASURES.md section 0).
pub(crate) fn birthday(dob: Day, years: i32) -> Day {
    let (y, m, dd) = ymd(dob);
    let ny = y + years;
    if m == 2 && dd == 29 && !is_leap(ny) {
        day(ny, 3, 1)
    } else {
        day(ny, m, dd)
    }
}

/// Completed years of age on `d`.
pub(crate) fn age_at(dob: Day, d: Day) -> i32 {
    let (y, ..) = ymd(d);
    let (by, ..) = ymd(dob);
    let mut age = y - by;
    if birthday(dob, age) > d {
        age -= 1;
    }
    age.max(0)
}

/// 0 = Monday ... 6 = Sunday (1 January 1970 was a Thursday).
pub(crate) fn weekday(d: Day) -> i32 {
    (d + 3).rem_euclid(7)
}

/// The bundled bank holidays as day numbers: the one list the measures use too
/// (`data/bank_holidays_england_wales.txt`), so synthetic reviews are timed by the same days.
fn bank_holidays() -> &'static [Day] {
    static DAYS: OnceLock<Vec<Day>> = OnceLock::new();
    DAYS.get_or_init(|| {
        let mut days: Vec<Day> = bundled_bank_holidays()
            .map(|d| day(d.year(), d.month(), d.day()))
            .collect();
        days.sort_unstable();
        days
    })
}

pub(crate) fn is_bank_holiday(d: Day) -> bool {
    let (y, m, dd) = ymd(d);
    let (first, last) = BANK_HOLIDAY_YEARS;
    if (first..=last).contains(&y) {
        bank_holidays().binary_search(&d).is_ok()
    } else {
        matches!((m, dd), (1, 1) | (12, 25) | (12, 26))
    }
}

pub(crate) fn is_working_day(d: Day) -> bool {
    weekday(d) < 5 && !is_bank_holiday(d)
}

/// The `n`th working day after `d` (`d` itself not counted).
pub(crate) fn add_working_days(d: Day, n: u32) -> Day {
    let mut x = d;
    let mut left = n;
    while left > 0 {
        x += 1;
        if is_working_day(x) {
            left -= 1;
        }
    }
    x
}

/// `d` if it is a working day, else the working day before it.
pub(crate) fn working_day_on_or_before(d: Day) -> Day {
    let mut x = d;
    while !is_working_day(x) {
        x -= 1;
    }
    x
}

/// `d` if it is a working day, else the working day after it.
pub(crate) fn working_day_on_or_after(d: Day) -> Day {
    let mut x = d;
    while !is_working_day(x) {
        x += 1;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip_and_format() {
        for d in -800_000..800_000 {
            if d % 997 == 0 {
                let (y, m, dd) = ymd(d);
                assert_eq!(day(y, m, dd), d);
            }
        }
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(format(day(2024, 2, 29)), "29/02/2024");
        assert_eq!(weekday(day(2025, 3, 31)), 0);
    }

    #[test]
    fn months_clamp_and_leap_birthdays_turn_over_on_1_march() {
        assert_eq!(add_months(day(2023, 8, 31), 6), day(2024, 2, 29));
        assert_eq!(add_months(day(2024, 8, 31), 6), day(2025, 2, 28));
        let dob = day(2008, 2, 29);
        assert_eq!(birthday(dob, 17), day(2025, 3, 1));
        assert_eq!(age_at(dob, day(2025, 2, 28)), 16);
        assert_eq!(age_at(dob, day(2025, 3, 1)), 17);
        assert_eq!(birthday(dob, 16), day(2024, 2, 29));
    }

    #[test]
    fn review_one_is_the_twentieth_working_day_skipping_easter() {
        // Start Thursday 10 April 2025: Good Friday, Easter Monday and the May Day holiday are skipped.
        assert_eq!(add_working_days(day(2025, 4, 10), 20), day(2025, 5, 13));
        assert!(!is_working_day(day(2022, 9, 19)));
    }
}

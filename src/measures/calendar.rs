//! Calendar arithmetic of the definitions: working days, month addition, reporting years.
//!
//! Bank holidays are data (`data/bank_holidays_england_wales.txt`, 2012-2028, one-offs
//! included), never a formula, and can be extended by a setting. Outside the years the list
//! covers, only weekends are non-working days: the report says so in its method notes.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::model::dates::parse_date;

const BANK_HOLIDAYS: &str = include_str!("../../data/bank_holidays_england_wales.txt");

/// The years the bundled bank-holiday list covers, inclusive.
pub const BANK_HOLIDAY_YEARS: (i32, i32) = (2012, 2028);

/// England and Wales bank holidays, plus any the user adds.
#[derive(Clone, Debug)]
pub struct Calendar {
    /// The holidays as day numbers ([`Datelike::num_days_from_ce`]), ascending, each once: a
    /// walk through working days meets them in order instead of looking every day up.
    holidays: Vec<i32>,
}

/// The bundled England and Wales bank holidays (the years of [`BANK_HOLIDAY_YEARS`]).
pub fn bundled_bank_holidays() -> impl Iterator<Item = NaiveDate> {
    BANK_HOLIDAYS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| parse_date(l).ok())
}

impl Calendar {
    /// The bundled list plus `extra` dates.
    pub fn england_and_wales(extra: &[NaiveDate]) -> Calendar {
        let mut holidays: Vec<i32> = bundled_bank_holidays()
            .chain(extra.iter().copied())
            .map(|d| d.num_days_from_ce())
            .collect();
        holidays.sort_unstable();
        holidays.dedup();
        Calendar { holidays }
    }

    /// Number of bank holidays known (bundled + extra).
    pub fn holiday_count(&self) -> usize {
        self.holidays.len()
    }

    /// Monday to Friday and not a bank holiday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            && self.holidays.binary_search(&d.num_days_from_ce()).is_err()
    }

    /// The `n`th working day after `d` (`d` itself is not counted).
    pub fn working_days_after(&self, d: NaiveDate, n: u32) -> NaiveDate {
        // Walked as day numbers (day 1, 1 January of year 1, was a Monday), passing the
        // holidays ahead in order. Any seven days in a row hold five weekdays, so seven with no
        // holiday in them are passed at once while more than five working days are still to
        // count: a period's first review is due after three such weeks and a few single days,
        // not 28 days one by one (the last days are walked, so the answer is a working day).
        let mut day = d.num_days_from_ce();
        let mut next_holiday = self.holidays.partition_point(|&h| h <= day);
        let mut counted = 0;
        while counted < n {
            let week_clear = self.holidays.get(next_holiday).is_none_or(|&h| h > day + 7);
            if n - counted > 5 && week_clear {
                day += 7;
                counted += 5;
                continue;
            }
            day += 1;
            let holiday = self.holidays.get(next_holiday) == Some(&day);
            if holiday {
                next_holiday += 1;
            }
            let weekend = (day - 1).rem_euclid(7) >= 5;
            if !holiday && !weekend {
                counted += 1;
            }
        }
        // Beyond chrono's last date only after some 262,000 years of working days.
        NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MAX)
    }
}

/// Adds `n` months (negative to go back), keeping the day of month, clamped to the month's
/// last day: 31 Aug + 6 months = 28 Feb (29 in a leap year).
pub fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let shifted = if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    };
    // chrono clamps to the month's end already; out of range only beyond year 262,000.
    shifted.unwrap_or(d)
}

/// Year `Y`: 1 April `Y-1` to 31 March `Y`, both inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportingYear {
    pub ending: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl ReportingYear {
    /// The year ending 31 March `ending`. `None` for years chrono cannot represent.
    pub fn ending(ending: i32) -> Option<ReportingYear> {
        Some(ReportingYear {
            ending,
            start: NaiveDate::from_ymd_opt(ending - 1, 4, 1)?,
            end: NaiveDate::from_ymd_opt(ending, 3, 31)?,
        })
    }

    /// The reporting year a date falls in.
    pub fn containing(d: NaiveDate) -> i32 {
        if d.month() >= 4 {
            d.year() + 1
        } else {
            d.year()
        }
    }

    /// Whether `d` is in the year (both ends inclusive).
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// The 12 month ends: 30 April ... 31 March.
    pub fn month_ends(&self) -> Vec<NaiveDate> {
        (1..=12)
            .filter_map(|k| {
                // The first day of the month after the k-th month, minus one day.
                let first_next = add_months(self.start, k);
                first_next.pred_opt()
            })
            .collect()
    }

    /// The 12 months as (year, month), April first.
    pub fn months(&self) -> Vec<NaiveDate> {
        (0..12).map(|k| add_months(self.start, k)).collect()
    }
}

/// Age in completed years at `d`; a 29 February birthday turns over on 1 March in other years.
/// `None` when `d` is before the date of birth.
pub fn age_at(dob: NaiveDate, d: NaiveDate) -> Option<i32> {
    if d < dob {
        return None;
    }
    let mut age = d.year() - dob.year();
    if (d.month(), d.day()) < (dob.month(), dob.day()) {
        age -= 1;
    }
    Some(age)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_bundled_list_has_every_holiday_from_2012_to_2028() {
        // 2012: 9, 2013-2021: 8 each (72), 2022: 10, 2023: 9, 2024-2028: 8 each (40) = 140.
        let c = Calendar::england_and_wales(&[]);
        assert_eq!(c.holiday_count(), 140);
        assert!(!c.is_working_day(ymd(2022, 9, 19)), "state funeral");
        assert!(!c.is_working_day(ymd(2023, 5, 8)), "coronation");
        assert!(!c.is_working_day(ymd(2020, 5, 8)), "VE day moved");
        assert!(
            c.is_working_day(ymd(2020, 5, 4)),
            "the May holiday moved away in 2020"
        );
        assert!(!c.is_working_day(ymd(2024, 3, 30)), "a Saturday");
        assert!(c.is_working_day(ymd(2024, 4, 2)));
    }

    #[test]
    fn twentieth_working_day_across_the_easter_weekend() {
        // Start Thursday 28/03/2024. Good Friday 29/03 and Easter Monday 01/04 are holidays.
        // Working days after: Apr 2,3,4,5 (4), 8-12 (9), 15-19 (14), 22-26 (19), 29 (20).
        let c = Calendar::england_and_wales(&[]);
        assert_eq!(c.working_days_after(ymd(2024, 3, 28), 20), ymd(2024, 4, 29));
        // Without the holidays it would be two working days earlier: 25 April.
        assert_eq!(c.working_days_after(ymd(2024, 3, 27), 1), ymd(2024, 3, 28));
        let extra = Calendar::england_and_wales(&[ymd(2024, 4, 29)]);
        assert_eq!(
            extra.working_days_after(ymd(2024, 3, 28), 20),
            ymd(2024, 4, 30)
        );
    }

    #[test]
    fn working_days_pass_whole_weeks_as_five_and_walk_the_last_ones() {
        // No holiday in June 2024. From Monday 3 June, 20 working days: 4-7 June (4), 10-14
        // (9), 17-21 (14), 24-28 (19), Monday 1 July (20).
        let c = Calendar::england_and_wales(&[]);
        assert_eq!(c.working_days_after(ymd(2024, 6, 3), 20), ymd(2024, 7, 1));
        // From Friday 7 June: 5 working days end on Friday 14 June; the 6th is Monday 17 June,
        // not Friday 14 plus the weekend's two days skipped wrongly.
        assert_eq!(c.working_days_after(ymd(2024, 6, 7), 5), ymd(2024, 6, 14));
        assert_eq!(c.working_days_after(ymd(2024, 6, 7), 6), ymd(2024, 6, 17));
        // From Saturday 8 June, 0 working days: the day itself.
        assert_eq!(c.working_days_after(ymd(2024, 6, 8), 0), ymd(2024, 6, 8));
        // A holiday in the third week (Monday 26 August 2024, summer bank holiday): from
        // Monday 5 August, 20 working days: 6-9 (4), 12-16 (9), 19-23 (14), 27-30 (18), 2 and
        // 3 September (20).
        assert_eq!(c.working_days_after(ymd(2024, 8, 5), 20), ymd(2024, 9, 3));
    }

    #[test]
    fn working_days_agree_with_counting_one_day_at_a_time() {
        // The definition itself, day by day, for every start from 2011 to 2029 (holidays known
        // and not), with one extra holiday on a Saturday and one on a Wednesday.
        let extra = [ymd(2019, 6, 15), ymd(2019, 6, 19)];
        let c = Calendar::england_and_wales(&extra);
        let mut start = ymd(2011, 1, 1);
        while start < ymd(2030, 1, 1) {
            let mut day = start;
            for n in 1..=30 {
                day = day.succ_opt().unwrap();
                while !c.is_working_day(day) {
                    day = day.succ_opt().unwrap();
                }
                assert_eq!(c.working_days_after(start, n), day, "{start} + {n}");
            }
            start = start.succ_opt().unwrap();
        }
    }

    #[test]
    fn month_addition_clamps_to_the_last_day() {
        assert_eq!(add_months(ymd(2023, 8, 31), 6), ymd(2024, 2, 29));
        assert_eq!(add_months(ymd(2022, 8, 31), 6), ymd(2023, 2, 28));
        assert_eq!(add_months(ymd(2023, 11, 30), 3), ymd(2024, 2, 29));
        assert_eq!(add_months(ymd(2024, 1, 15), 3), ymd(2024, 4, 15));
        assert_eq!(add_months(ymd(2025, 3, 31), -30), ymd(2022, 9, 30));
        assert_eq!(add_months(ymd(2025, 3, 31), -24), ymd(2023, 3, 31));
    }

    #[test]
    fn leap_day_birthdays_turn_over_on_1_march() {
        let dob = ymd(2012, 2, 29);
        assert_eq!(age_at(dob, ymd(2023, 2, 28)), Some(10));
        assert_eq!(age_at(dob, ymd(2023, 3, 1)), Some(11));
        assert_eq!(age_at(dob, ymd(2024, 2, 29)), Some(12));
        assert_eq!(age_at(dob, ymd(2012, 2, 28)), None);
        assert_eq!(age_at(ymd(2009, 3, 31), ymd(2025, 3, 31)), Some(16));
        assert_eq!(age_at(ymd(2009, 4, 1), ymd(2025, 3, 31)), Some(15));
    }

    #[test]
    fn reporting_year_bounds_and_month_ends() {
        let y = ReportingYear::ending(2024).unwrap();
        assert_eq!((y.start, y.end), (ymd(2023, 4, 1), ymd(2024, 3, 31)));
        let ends = y.month_ends();
        assert_eq!(ends.len(), 12);
        assert_eq!(
            (ends[0], ends[10], ends[11]),
            (ymd(2023, 4, 30), ymd(2024, 2, 29), ymd(2024, 3, 31))
        );
        assert_eq!(y.months()[0], ymd(2023, 4, 1));
        assert_eq!(ReportingYear::containing(ymd(2023, 3, 31)), 2023);
        assert_eq!(ReportingYear::containing(ymd(2023, 4, 1)), 2024);
    }
}

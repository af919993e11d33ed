//! Dates and years in a committee paper's words: "31 March 2025", "Apr 2024", "2024-25",
//! "1 April 2024 to 31 March 2025".

use chrono::Datelike;

use crate::model::Date;
use crate::report::Report;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(d: Date) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// "31 March 2025".
pub fn long_date(d: Date) -> String {
    format!("{} {} {}", d.day(), month_name(d), d.year())
}

/// "Apr 2024": the month of `d`.
pub fn short_month(d: Date) -> String {
    format!("{} {}", &month_name(d)[..3], d.year())
}

/// "1 April 2024 to 31 March 2025".
pub fn year_span(report: &Report) -> String {
    format!(
        "1 April {} to {}",
        report.year_ending.year() - 1,
        long_date(report.year_ending)
    )
}

/// `"2024-25"` for the year ending 31 March 2025.
pub fn year_label(ending: i32) -> String {
    format!("{}-{:02}", ending - 1, ending.rem_euclid(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_a_committee_paper_writes_them() {
        let d = Date::from_ymd_opt(2024, 4, 1).unwrap();
        assert_eq!(long_date(d), "1 April 2024");
        assert_eq!(short_month(d), "Apr 2024");
        assert_eq!(year_label(2025), "2024-25");
    }
}

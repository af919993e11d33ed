//! Dates and years in a committee paper's words: "31 March 2025", "Apr 2024", "2024-25",
//! "1 April 2024 to 31 March 2025".

use crate::report::Report;

/// "31 March 2025" from `2025-03-31`.
pub fn long_date(iso: &str) -> String {
    let mut parts = iso.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let month = m
        .parse::<usize>()
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match (d.parse::<u32>(), month) {
        (Ok(d), Some(month)) => format!("{d} {month} {y}"),
        _ => iso.to_string(),
    }
}

/// "Apr 2024" from `2024-04` or `2024-04-30`.
pub fn short_month(iso: &str) -> String {
    let mut parts = iso.split('-');
    let (Some(y), Some(m)) = (parts.next(), parts.next()) else {
        return iso.to_string();
    };
    match m
        .parse::<usize>()
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
    {
        Some(month) => format!("{} {y}", &month[..3]),
        None => iso.to_string(),
    }
}

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

/// "1 April 2024 to 31 March 2025".
pub fn year_span(report: &Report) -> String {
    let end_year: i32 = report.year_ending[..4].parse().unwrap_or(0);
    format!(
        "1 April {} to {}",
        end_year - 1,
        long_date(&report.year_ending)
    )
}

/// `"2024-25"` for the year ending 31 March 2025.
pub fn year_label(ending: i32) -> String {
    format!("{}-{:02}", ending - 1, ending.rem_euclid(100))
}

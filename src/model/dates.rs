//! Reading a 903 date from a cell's text (MEASURES.md section 5).
//!
//! Accepted: `dd/mm/yyyy` (day and month may have one digit) and `yyyy-mm-dd`. XLSX date cells
//! and serial numbers are turned into `yyyy-mm-dd` by the XLSX importer before they get here, so
//! a bare number in a CSV is *not* a date. A two-digit year or an impossible date is refused
//! with a reason, never guessed.

use chrono::{Datelike, NaiveDate};

/// Why a cell's text is not a date, in words a manager understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// `12/03/23`: the century cannot be told for certain.
    TwoDigitYear,
    /// `31/02/2019`: no such day.
    Impossible,
    /// Anything else (`tomorrow`, `2019/13`, `44652` in a CSV).
    NotADate,
}

impl DateError {
    /// The reason shown to the user, quoting the value.
    pub fn reason(&self, value: &str) -> String {
        match self {
            DateError::TwoDigitYear => format!(
                "\"{value}\" has a two-digit year, so the century is uncertain; give the date as dd/mm/yyyy"
            ),
            DateError::Impossible => format!("\"{value}\" is not a real calendar date"),
            DateError::NotADate => {
                format!("\"{value}\" is not a date (expected dd/mm/yyyy, for example 31/03/2024)")
            }
        }
    }
}

fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses a 903 date. Surrounding spaces are ignored. A date with a time attached
/// (`2024-03-31 00:00:00`) is not one of the forms MEASURES.md section 5 accepts, so it is
/// refused like any other text (XLSX date cells never reach here with a time).
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    let (day, month, year) = if let Some((y, rest)) = t.split_once('-') {
        let (m, d) = rest.split_once('-').ok_or(DateError::NotADate)?;
        let y = digits(y, 4, 4).ok_or(DateError::NotADate)?;
        (
            digits(d, 2, 2).ok_or(DateError::NotADate)?,
            digits(m, 2, 2).ok_or(DateError::NotADate)?,
            y,
        )
    } else {
        let mut parts = t.split('/');
        let (d, m, y) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(d), Some(m), Some(y), None) => (d, m, y),
            _ => return Err(DateError::NotADate),
        };
        let d = digits(d, 1, 2).ok_or(DateError::NotADate)?;
        let m = digits(m, 1, 2).ok_or(DateError::NotADate)?;
        if digits(y, 2, 2).is_some() {
            return Err(DateError::TwoDigitYear);
        }
        (d, m, digits(y, 4, 4).ok_or(DateError::NotADate)?)
    };
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(DateError::Impossible)
}

/// The date as the 903 writes it: `dd/mm/yyyy`.
pub fn format_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn accepts_the_formats_seen_in_exports() {
        assert_eq!(parse_date("31/03/2024"), Ok(ymd(2024, 3, 31)));
        assert_eq!(parse_date("1/4/2023"), Ok(ymd(2023, 4, 1)));
        assert_eq!(parse_date(" 2023-04-01 "), Ok(ymd(2023, 4, 1)));
        assert_eq!(parse_date("29/02/2024"), Ok(ymd(2024, 2, 29)));
    }

    #[test]
    fn refuses_two_digit_years_impossible_dates_and_other_text() {
        assert_eq!(parse_date("12/03/23"), Err(DateError::TwoDigitYear));
        assert_eq!(parse_date("31/02/2019"), Err(DateError::Impossible));
        assert_eq!(parse_date("29/02/2023"), Err(DateError::Impossible));
        assert_eq!(parse_date("13/13/2020"), Err(DateError::Impossible));
        assert_eq!(parse_date("44652"), Err(DateError::NotADate));
        assert_eq!(parse_date(""), Err(DateError::NotADate));
        assert_eq!(parse_date("01/02/2023/4"), Err(DateError::NotADate));
        assert_eq!(parse_date("2023/04/01"), Err(DateError::NotADate));
        assert_eq!(parse_date("1st April 2023"), Err(DateError::NotADate));
        assert_eq!(parse_date("2023-04-01 00:00:00"), Err(DateError::NotADate));
        assert_eq!(parse_date("2023-4-1"), Err(DateError::NotADate));
        assert_eq!(parse_date("01/02/20234"), Err(DateError::NotADate));
    }

    #[test]
    fn reasons_quote_the_value() {
        assert!(DateError::Impossible
            .reason("31/02/2019")
            .contains("\"31/02/2019\""));
        assert_eq!(format_date(ymd(2024, 3, 1)), "01/03/2024");
    }
}

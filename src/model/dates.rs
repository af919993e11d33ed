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
    /// The reason shown to the user, quoting the value (its start only, when it is long).
    pub fn reason(&self, value: &str) -> String {
        let value = super::quoted(value);
        match self {
            DateError::TwoDigitYear => format!(
                "{value} has a two-digit year, so the century is uncertain; give the date as dd/mm/yyyy"
            ),
            DateError::Impossible => format!("{value} is not a real calendar date"),
            DateError::NotADate => {
                format!("{value} is not a date (expected dd/mm/yyyy, for example 31/03/2024)")
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
    // Nearly every date in an export has one of the two ten-byte shapes: read those straight
    // from their digits (a fifth of the time to build the model went on the general path).
    if let Some((year, month, day)) = ten_byte_date(text.as_bytes()) {
        return NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible);
    }
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

/// `dd/mm/yyyy` or `yyyy-mm-dd` exactly (ten bytes, no spaces): the year, month and day as
/// written, not yet checked as a calendar date. Anything else is for the general path.
fn ten_byte_date(b: &[u8]) -> Option<(i32, u32, u32)> {
    let b: &[u8; 10] = b.try_into().ok()?;
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (y, m, d) = match (b[2], b[4], b[5], b[7]) {
        (b'/', _, b'/', _) => (&b[6..], &b[3..5], &b[..2]),
        (_, b'-', _, b'-') => (&b[..4], &b[5..7], &b[8..]),
        _ => return None,
    };
    Some((number(y)? as i32, number(m)?, number(d)?))
}

/// The date as the 903 writes it: `dd/mm/yyyy`.
pub fn format_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// The date as JSON and the report write it: `yyyy-mm-dd`. (Written by hand rather than with
/// chrono's `format`, whose formatting engine would otherwise be in both of the page's wasm
/// files for this one pattern.)
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Serde for a list of dates as `yyyy-mm-dd` strings, read with [`parse_date`] (so
/// `dd/mm/yyyy` is accepted too), without chrono's general date parser.
pub mod iso_list {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(dates: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(dates.iter().map(|d| super::iso(*d)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|t| super::parse_date(t).map_err(|e| serde::de::Error::custom(e.reason(t))))
            .collect()
    }
}

/// The month as the report writes it: `yyyy-mm`.
pub fn year_month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn read<E: serde::de::Error>(text: &str) -> Result<NaiveDate, E> {
    parse_date(text).map_err(|e| E::custom(e.reason(text)))
}

/// Serde for one date as `yyyy-mm-dd`, read with [`parse_date`] (not chrono's parser).
pub mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::iso(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        super::read(&String::deserialize(d)?)
    }
}

/// Serde for an optional date: `yyyy-mm-dd` or `null`.
pub mod iso_option {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&super::iso(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|t| super::read(&t))
            .transpose()
    }
}

/// Reads a JSON object into a map keyed by date, each key read by `read_key`, without an
/// intermediate map of strings (one small visitor per value type keeps the page's wasm small).
fn date_keyed<'de, D: serde::Deserializer<'de>, V: serde::Deserialize<'de>>(
    d: D,
    read_key: fn(&str) -> Option<NaiveDate>,
    expecting: &'static str,
) -> Result<std::collections::BTreeMap<NaiveDate, V>, D::Error> {
    struct Keys<V> {
        read_key: fn(&str) -> Option<NaiveDate>,
        expecting: &'static str,
        value: std::marker::PhantomData<V>,
    }
    impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Keys<V> {
        type Value = std::collections::BTreeMap<NaiveDate, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = std::collections::BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                let date = (self.read_key)(&key).ok_or_else(|| {
                    serde::de::Error::invalid_value(
                        serde::de::Unexpected::Str(&key),
                        &self.expecting,
                    )
                })?;
                out.insert(date, map.next_value()?);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Keys {
        read_key,
        expecting,
        value: std::marker::PhantomData,
    })
}

/// Serde for a map keyed by date, the keys written `yyyy-mm-dd` (their order is the dates').
pub mod iso_keys {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, V: Serialize>(
        map: &BTreeMap<NaiveDate, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(d, v)| (super::iso(*d), v)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        d: D,
    ) -> Result<BTreeMap<NaiveDate, V>, D::Error> {
        super::date_keyed(
            d,
            |k| super::parse_date(k).ok(),
            "an object keyed by yyyy-mm-dd dates",
        )
    }
}

/// Serde for a map keyed by month (the month's first day), the keys written `yyyy-mm`.
pub mod month_keys {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, V: Serialize>(
        map: &BTreeMap<NaiveDate, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(d, v)| (super::year_month(*d), v)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        d: D,
    ) -> Result<BTreeMap<NaiveDate, V>, D::Error> {
        super::date_keyed(
            d,
            |k| super::parse_date(&format!("{k}-01")).ok(),
            "an object keyed by yyyy-mm months",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn iso_dates_are_written_and_read_back() {
        assert_eq!(iso(ymd(2024, 3, 1)), "2024-03-01");
        assert_eq!(iso(ymd(987, 12, 31)), "0987-12-31");
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Holidays(#[serde(with = "iso_list")] Vec<NaiveDate>);
        let json = serde_json::to_string(&Holidays(vec![ymd(2023, 5, 8)])).unwrap();
        assert_eq!(json, r#"["2023-05-08"]"#);
        let back: Holidays = serde_json::from_str(r#"["2023-05-08","19/09/2022"]"#).unwrap();
        assert_eq!(back, Holidays(vec![ymd(2023, 5, 8), ymd(2022, 9, 19)]));
        assert!(serde_json::from_str::<Holidays>(r#"["31/02/2023"]"#).is_err());
    }

    #[test]
    fn report_dates_and_date_keys_are_written_and_read_back() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Dates {
            #[serde(with = "iso_date")]
            day: NaiveDate,
            #[serde(with = "iso_option")]
            maybe: Option<NaiveDate>,
            #[serde(with = "iso_keys")]
            by_day: std::collections::BTreeMap<NaiveDate, u8>,
            #[serde(with = "month_keys")]
            by_month: std::collections::BTreeMap<NaiveDate, u8>,
        }
        let dates = Dates {
            day: ymd(2025, 3, 31),
            maybe: None,
            by_day: [(ymd(2024, 4, 30), 1), (ymd(2024, 12, 31), 2)].into(),
            by_month: [(ymd(2024, 4, 1), 3)].into(),
        };
        let json = serde_json::to_string(&dates).unwrap();
        assert_eq!(
            json,
            r#"{"day":"2025-03-31","maybe":null,"by_day":{"2024-04-30":1,"2024-12-31":2},"by_month":{"2024-04":3}}"#
        );
        assert_eq!(serde_json::from_str::<Dates>(&json).unwrap(), dates);
        assert!(serde_json::from_str::<Dates>(&json.replace("2024-04\"", "2024-13\"")).is_err());
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
    fn ten_byte_text_that_is_not_a_date_gets_the_general_rules_reasons() {
        // The fast path takes only digits in the two shapes; the rest falls through.
        assert_eq!(parse_date("31-03-2024"), Err(DateError::NotADate));
        assert_eq!(parse_date("3a/03/2024"), Err(DateError::NotADate));
        assert_eq!(parse_date("2024/03-31"), Err(DateError::NotADate));
        assert_eq!(parse_date(" 1/3/2024 "), Ok(ymd(2024, 3, 1)));
        assert_eq!(parse_date("2023-02-29"), Err(DateError::Impossible));
        assert_eq!(parse_date("00/01/2024"), Err(DateError::Impossible));
    }

    #[test]
    fn reasons_quote_the_value() {
        assert!(DateError::Impossible
            .reason("31/02/2019")
            .contains("\"31/02/2019\""));
        assert_eq!(format_date(ymd(2024, 3, 1)), "01/03/2024");
    }
}

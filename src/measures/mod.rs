//! The definitions of MEASURES.md, computed from a [`Dataset`] for one reporting year.
//!
//! Submodules follow the sections: [`cohort`] (1, looked after at 31 March), [`flows`] (2),
//! [`reviews`] (3), [`stability`] (4), with [`calendar`] and [`care`] (periods of care) under
//! them. Everything here is pure: no I/O, no browser, no clock.

pub mod calendar;
pub mod care;
pub mod cohort;
pub mod distance;
pub mod flows;
pub mod reviews;
pub mod stability;

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Date};
use crate::report::{DataQuality, Report};
use calendar::{Calendar, ReportingYear};
use care::Care;

/// The options of MEASURES.md (each `option:` line), with its defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Count `CHNE` (Chinese) as `other` instead of `asian`. Default: no (Asian).
    pub chinese_as_other: bool,
    /// Count a move with the same carer (`RNE` T or U) as a placement. Default: yes.
    pub count_same_carer_moves: bool,
    /// Count temporary placements (T0-T4) and the return that follows them. Default: yes.
    pub count_temporary_placements: bool,
    /// Bank holidays to add to the bundled England and Wales list.
    pub extra_bank_holidays: Vec<Date>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            chinese_as_other: false,
            count_same_carer_moves: true,
            count_temporary_placements: true,
            extra_bank_holidays: Vec::new(),
        }
    }
}

/// The default year (MEASURES.md section 0): the latest year whose 31 March is on or before
/// the latest `DECOM`, `DEC` or `REVIEW` date in the data (every usable row, short breaks
/// included: the rule speaks of the data, not of what is counted). `None` when the data holds
/// no such date.
pub fn default_year(data: &Dataset) -> Option<i32> {
    let episode_dates = data
        .episodes
        .iter()
        .flat_map(|e| std::iter::once(e.decom).chain(e.dec));
    let latest = episode_dates
        .chain(data.reviews.iter().map(|r| r.date))
        .max()?;
    // 31 March of the latest date's calendar year is on or before it from 31 March on.
    Some(
        if latest >= Date::from_ymd_opt(chrono::Datelike::year(&latest), 3, 31)? {
            chrono::Datelike::year(&latest)
        } else {
            chrono::Datelike::year(&latest) - 1
        },
    )
}

/// Computes the whole report for the year ending 31 March `year`.
pub fn compute(data: &Dataset, year: ReportingYear, settings: &Settings) -> Report {
    let calendar = Calendar::england_and_wales(&settings.extra_bank_holidays);
    let care = Care::new(data);
    let cohort = cohort::cohort(&care, year);
    let mut cla = cohort::characteristics(&care, &cohort, year, settings);
    cla.three_plus_placements = stability::three_plus_placements(&care, &cohort, year, settings);
    cla.long_term_stability = stability::long_term(&care, &cohort, year);
    let reviews = reviews::reviews(&care, &cohort, year, &calendar);
    Report {
        year_ending: year.end.format("%Y-%m-%d").to_string(),
        inputs: data.inputs.clone(),
        cla_at_31_march: cla,
        started: flows::started(&care, year),
        ceased: flows::ceased(&care, year),
        cla_month_end: flows::month_ends(&care, year),
        reviews,
        settings: settings.clone(),
        data_quality: data_quality(data),
    }
}

fn data_quality(data: &Dataset) -> DataQuality {
    DataQuality {
        problems: data.problems.clone(),
        rejected: data.rejections().cloned().collect(),
        warnings: data.warnings().cloned().collect(),
    }
}

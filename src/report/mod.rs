//! The report value: every figure of MEASURES.md, shaped as the JSON contract of its
//! section 6 (`careboard report --json`), plus the data-quality account. Values only:
//! [`crate::measures`] computes them, [`crate::present`] shows them; this module depends on
//! neither, only on the model's account types and [`crate::settings`].
//!
//! Fixed breakdowns are structs, so every key is present with zeros included by construction
//! and the values of a breakdown always sum to its total. Keys added beyond the contract
//! (`settings`, `data_quality`, `trend`, and with a council chosen `la`, `benchmarks`,
//! `cla_at_31_march.rate_per_10000`, `location`...) are allowed by it; [`compare`] holds the
//! comparison types.

pub mod compare;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{FileProblem, InputAccount, RowIssue};
use crate::settings::Settings;
pub use compare::{
    Benchmarks, Change, LaRef, LocationBreakdown, NeighbourFigures, PlacedIn, PublishedCeased,
    PublishedCla, PublishedFigures, RatePopulation, TrendYear,
};

/// The whole report for one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `YYYY-03-31`.
    pub year_ending: String,
    /// One line per table of each file: rows read, used and rejected.
    pub inputs: Vec<InputAccount>,
    pub cla_at_31_march: ClaAt31March,
    pub started: u64,
    pub ceased: Ceased,
    /// Children looked after at each month end of the year, keyed `YYYY-MM-DD`.
    pub cla_month_end: BTreeMap<String, u64>,
    pub reviews: Reviews,
    /// The options in force (MEASURES.md `option:` lines).
    pub settings: Settings,
    pub data_quality: DataQuality,
    /// The council chosen (`Settings::la`); absent when none is.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub la: Option<LaRef>,
    /// DfE's published figures beside the council's; absent when no council is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub benchmarks: Option<Benchmarks>,
    /// The report's year and up to four years before it that the data covers, keyed
    /// `YYYY-03-31` (see [`crate::measures::trend`]).
    #[serde(default)]
    pub trend: BTreeMap<String, TrendYear>,
}

/// Children looked after at 31 March (MEASURES.md section 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaAt31March {
    pub total: u64,
    pub sex: SexBreakdown,
    pub age_band: AgeBandBreakdown,
    /// The age bands again, for each sex (beyond the contract: the page's age-by-sex table).
    #[serde(default)]
    pub age_band_by_sex: AgeBandBySex,
    pub ethnic_group: EthnicGroupBreakdown,
    pub legal_status: LegalStatusBreakdown,
    pub placement: PlacementBreakdown,
    pub distance: DistanceBreakdown,
    pub uasc: u64,
    pub three_plus_placements: u64,
    pub long_term_stability: LongTermStability,
    /// `total` per 10,000 children aged 0-17 in the chosen council, rounded to a whole number
    /// (halves up); absent when no council is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rate_per_10000: Option<u64>,
    /// The population `rate_per_10000` divides by, and the year it is DfE's base for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rate_population: Option<RatePopulation>,
    /// Placed inside or outside the chosen council's boundary; absent when none is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<LocationBreakdown>,
    /// Councils the children are placed in, most children first (then by name); absent when
    /// no council is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub placed_in_councils: Option<Vec<PlacedIn>>,
}

/// Sex of the children in the cohort.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SexBreakdown {
    pub male: u64,
    pub female: u64,
    pub unknown: u64,
}

/// Age on 31 March, in completed years.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgeBandBreakdown {
    pub under_1: u64,
    #[serde(rename = "1_to_4")]
    pub one_to_four: u64,
    #[serde(rename = "5_to_9")]
    pub five_to_nine: u64,
    #[serde(rename = "10_to_15")]
    pub ten_to_fifteen: u64,
    #[serde(rename = "16_and_over")]
    pub sixteen_and_over: u64,
    pub unknown: u64,
}

impl AgeBandBreakdown {
    /// Counts one child of this age in completed years (`None`: date of birth unknown).
    pub fn count(&mut self, age: Option<i32>) {
        match age {
            Some(0) => self.under_1 += 1,
            Some(1..=4) => self.one_to_four += 1,
            Some(5..=9) => self.five_to_nine += 1,
            Some(10..=15) => self.ten_to_fifteen += 1,
            Some(16..) => self.sixteen_and_over += 1,
            _ => self.unknown += 1,
        }
    }
}

/// Age bands by sex: each sex's bands sum to that sex's count.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgeBandBySex {
    pub male: AgeBandBreakdown,
    pub female: AgeBandBreakdown,
    pub unknown: AgeBandBreakdown,
}

/// Ethnic group (DfE's headings).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EthnicGroupBreakdown {
    pub white: u64,
    pub mixed: u64,
    pub asian: u64,
    pub black: u64,
    pub other: u64,
    pub not_known: u64,
}

/// Legal status of the open episode.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LegalStatusBreakdown {
    pub interim_care_order: u64,
    pub full_care_order: u64,
    pub placement_order: u64,
    pub section_20: u64,
    pub detained_for_child_protection: u64,
    pub youth_justice: u64,
    pub unknown: u64,
}

/// Placement type of the open episode.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlacementBreakdown {
    pub foster_relative_friend: u64,
    pub foster_other_carer: u64,
    pub placed_for_adoption: u64,
    pub placed_with_parents: u64,
    pub independent_or_supported: u64,
    pub secure_and_childrens_homes: u64,
    pub other_residential: u64,
    pub residential_school: u64,
    pub other: u64,
    pub unknown: u64,
}

/// Distance between home and placement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DistanceBreakdown {
    pub up_to_20_miles: u64,
    pub over_20_miles: u64,
    pub not_known: u64,
}

/// Long-term stability (MEASURES.md section 4).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LongTermStability {
    pub eligible: u64,
    pub stable: u64,
}

/// Children who ceased to be looked after in the year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ceased {
    pub total: u64,
    /// By `REC` of each child's latest ceasing episode, upper-cased, as found.
    pub reason: BTreeMap<String, u64>,
}

/// Reviews held in the year (MEASURES.md section 3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reviews {
    pub held: u64,
    pub assessable: u64,
    pub on_time: u64,
    pub late: u64,
    pub not_assessable: u64,
    pub overdue_at_year_end: u64,
    /// Keyed `YYYY-MM`, all 12 months of the year.
    pub by_month: BTreeMap<String, MonthReviews>,
    pub participation: Participation,
    /// The date from which review chains are complete (1 April of the earliest review's year).
    pub coverage_start: Option<String>,
    /// Child-level: every late review held in the year, by date (for managers; the page hides
    /// it in publication mode). Beyond the contract.
    #[serde(default)]
    pub late_list: Vec<LateReview>,
    /// Child-level: every child counted in `overdue_at_year_end`, by child ID. Beyond the contract.
    #[serde(default)]
    pub overdue_list: Vec<OverdueChild>,
}

/// One late review: who, when it was held, when it was due.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LateReview {
    pub child: String,
    /// `YYYY-MM-DD`.
    pub held: String,
    /// `YYYY-MM-DD`: the last day it would have been on time.
    pub due: String,
    /// Calendar days after the due date.
    pub days_late: i64,
}

/// A child whose next review was due on or before 31 March and not held by then.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OverdueChild {
    pub child: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// Calendar days from the due date to 31 March.
    pub days_overdue: i64,
}

/// Reviews held in one month.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthReviews {
    pub held: u64,
    pub on_time: u64,
    pub late: u64,
    pub not_assessable: u64,
}

/// Participation codes of the reviews held.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[allow(non_snake_case)]
pub struct Participation {
    pub PN0: u64,
    pub PN1: u64,
    pub PN2: u64,
    pub PN3: u64,
    pub PN4: u64,
    pub PN5: u64,
    pub PN6: u64,
    pub PN7: u64,
    pub unknown: u64,
}

/// What could not be used, and why: file problems, rejected rows, warnings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DataQuality {
    pub problems: Vec<FileProblem>,
    pub rejected: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
}

impl Report {
    /// The JSON of the contract, pretty-printed.
    pub fn to_json(&self) -> String {
        // Serialising plain structs, strings and integer maps cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

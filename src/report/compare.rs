//! The comparison parts of the report value: the chosen council, DfE's published figures
//! beside the council's own (England, region, the council's published figure, its statistical
//! neighbours) and the five-year trend. Values only: [`crate::measures::benchmarks`] and
//! [`crate::measures::trend`] fill them.
//!
//! Percentages are DfE's whole per cents; a figure DfE did not publish (suppressed `c`, `x`,
//! `z`, `low`) is `null`. The neighbours' figure is the plain mean of the neighbours that have
//! one, rounded to a whole number (halves up).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::keys::{AgeBand, Breakdown, Distance, Participation, PublishedShares, Unpublished};
use super::LongTermStability;
use crate::dfe::Council;
use crate::model::{dates, Date};

/// The council a report is for (`la` in the JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaRef {
    /// DfE's three-digit code, e.g. `"850"`.
    pub code: String,
    pub name: String,
}

impl LaRef {
    pub fn of(council: &Council) -> LaRef {
        LaRef {
            code: council.code.to_string(),
            name: council.name.to_string(),
        }
    }
}

/// Children looked after at 31 March placed in one council (or nation outside England).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedIn {
    /// DfE's three-digit code for an English council; `WAL`, `SCO`, `NIR` for the other
    /// nations; the ONS code for an English upper-tier authority DfE does not publish.
    pub code: String,
    pub name: String,
    pub children: u64,
}

/// The 0-17 population a rate per 10,000 divides by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatePopulation {
    /// ONS mid-year estimate of children aged 0 to 17, as DfE uses it.
    pub children_0_to_17: u64,
    /// 31 March of the year whose DfE rate uses this population; earlier than the report's
    /// year when DfE has not yet published that year's population.
    #[serde(with = "dates::iso_date")]
    pub year_ending: Date,
}

/// DfE's published figures beside the council's own (`benchmarks` in the JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Benchmarks {
    /// 31 March of the published year used: the report's year when published, else the
    /// latest published before it, else the earliest after it.
    #[serde(with = "dates::iso_date")]
    pub year_ending: Date,
    /// `"DfE, 2025 release"`.
    pub source: String,
    pub england: PublishedFigures,
    pub region: PublishedFigures,
    /// The chosen council's own figures as DfE published them.
    pub la_published: PublishedFigures,
    pub statistical_neighbours: NeighbourFigures,
    /// This report's own figures in the same shape and rounding (whole per cents, halves up),
    /// so each published figure has its local counterpart beside it. Percentages are of all
    /// children looked after (unknowns included; DfE leaves some out, e.g. sex and location
    /// not known); `long_term_stability` is of those eligible; leavers' reasons of all leavers.
    pub this_report: PublishedFigures,
    /// Measures of the report DfE publishes no comparison for, with a sentence saying so.
    pub not_published: Breakdown<Unpublished, String>,
}

/// One column of published figures: counts as published (rounded by DfE), rates per 10,000
/// and whole percentages. `None` (null) = not published.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishedFigures {
    /// `"England"`, the region's name, the council's name, or `"Statistical neighbours"`.
    pub name: String,
    pub cla_at_31_march: PublishedCla,
    /// Children who started to be looked after (count; not given for neighbours).
    pub started: Option<u64>,
    pub ceased: PublishedCeased,
}

/// Published figures of children looked after at 31 March. Breakdowns are percentages of the
/// children looked after, keyed by DfE's categories: the report's keys that DfE publishes
/// ([`super::keys::Dfe`] says how each is), for example `placement.foster` (DfE publishes
/// foster care as one group: the report's `foster_relative_friend` plus `foster_other_carer`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishedCla {
    /// Count (DfE rounds national and regional counts to the nearest 10; not given for
    /// neighbours).
    pub total: Option<u64>,
    pub rate_per_10000: Option<u64>,
    pub sex: PublishedShares,
    pub age_band: PublishedShares,
    pub ethnic_group: PublishedShares,
    pub legal_status: PublishedShares,
    pub placement: PublishedShares,
    pub distance: PublishedShares,
    pub location: PublishedShares,
    /// % of children looked after who are unaccompanied asylum-seeking children.
    pub uasc: Option<u64>,
    /// % with 3 or more placements during the year.
    pub three_plus_placements: Option<u64>,
    /// % of those eligible (under 16, looked after 2.5 years) with the same carer 2 years.
    pub long_term_stability: Option<u64>,
}

/// Published figures of children who ceased to be looked after.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishedCeased {
    /// Count (not given for neighbours).
    pub total: Option<u64>,
    /// % of leavers by DfE's reason groups ([`super::keys::LeaverGroup`] gives the `REC` codes of each).
    pub reason: PublishedShares,
}

/// The statistical neighbours' mean, with the neighbours it is over.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeighbourFigures {
    /// The 10 neighbours of DfE's 2025 model (three-digit codes, closest first).
    pub members: Vec<String>,
    /// Their names, in the same order (so the page need not carry DfE's table to name them).
    #[serde(default)]
    pub member_names: Vec<String>,
    #[serde(flatten)]
    pub figures: PublishedFigures,
}

/// One year of the trend (`trend["YYYY-03-31"]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrendYear {
    /// Children looked after at 31 March.
    pub cla_at_31_march: u64,
    /// Per 10,000 children aged 0-17; only when a council is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rate_per_10000: Option<u64>,
    pub started: u64,
    pub ceased: u64,
    /// UASC at 31 March.
    pub uasc: u64,
    /// Children who ceased by adoption (`REC` E11, E12).
    pub adopted: u64,
    /// ... by special guardianship order (E43 to E48).
    pub sgo: u64,
    /// ... by a residence or child arrangements order (E41).
    pub cao: u64,
    pub three_plus_placements: u64,
    /// Reviews held in the year; only for years from the review coverage start on.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviews_held: Option<u64>,
    /// Reviews held on time (a count; `reviews_on_time_percent` is the share of assessable).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviews_on_time: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviews_assessable: Option<u64>,
    /// `reviews_on_time / reviews_assessable`, whole per cent (halves up); absent with none
    /// assessable.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviews_on_time_percent: Option<u64>,
    /// Children looked after on 31 March by age band (issue 11).
    pub age_band: Breakdown<AgeBand>,
    /// ... by distance between home and placement.
    pub distance: Breakdown<Distance>,
    /// Long-term stability at 31 March.
    pub long_term_stability: LongTermStability,
    /// Reviews held in the year by participation code; only for years from the review
    /// coverage start on, like `reviews_held`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub participation: Option<Breakdown<Participation>>,
    /// Whether one of the files loaded is this year's own export (its latest date falls in
    /// the year after it). When false the year is read from later exports' episode
    /// histories, which hold only the children still looked after in those later years, so
    /// children who left care before then are missing and the figures are lower than the
    /// year's own return gave.
    pub own_export: bool,
    /// The IRO service's figures for the year (MEASURES.md section 7, contract trend keys),
    /// each present only when its export covers the year, and then `null` when it has no
    /// value: the service's caseload per full-time IRO at 31 March and its year average
    /// (allocations), records completed on time and reviews cancelled (review meetings),
    /// disputes raised (disputes).
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "super::iro::present"
    )]
    pub iro_caseload_per_fte: Option<Option<u64>>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "super::iro::present"
    )]
    pub iro_caseload_year_average: Option<Option<u64>>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "super::iro::present"
    )]
    pub records_percent_on_time: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviews_cancelled: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub disputes_raised: Option<u64>,
    /// Change from the previous year of the trend, per measure (absent for the first year).
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub change: BTreeMap<String, Change>,
}

/// Year-on-year change of one measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// This year minus the previous year.
    pub number: i64,
    /// `number` as a % of the previous year, to one decimal place; `None` when it was 0.
    pub percent: Option<f64>,
}

impl Change {
    /// The change from `previous` to `current`.
    pub fn between(previous: u64, current: u64) -> Change {
        let number = current as i64 - previous as i64;
        let percent = (previous > 0)
            .then(|| (number as f64 * 1000.0 / previous as f64).round() / 10.0)
            .map(|p| if p == 0.0 { 0.0 } else { p });
        Change { number, percent }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_is_a_number_and_a_percent_of_the_previous_year() {
        assert_eq!(
            Change::between(40, 30),
            Change {
                number: -10,
                percent: Some(-25.0)
            }
        );
        // 1 / 3 = 33.33% -> 33.3.
        assert_eq!(Change::between(3, 4).percent, Some(33.3));
        assert_eq!(Change::between(0, 4).percent, None);
    }
}

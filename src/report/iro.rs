//! The IRO service's own figures (MEASURES.md section 7.3), the Deprivation of Liberty orders
//! (section 8) and the comparison with the local population (section 9), as values. Each
//! figure whose table is not loaded is `None` (JSON `null`), never 0.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::keys::{Breakdown, PopulationGroup};
use crate::model::{dates, Date};

/// `iro_service`: always present; its parts are `None` when the table they need is not loaded.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IroService {
    /// The latest date of an event in the local exports (a review held or cancelled, a record
    /// completed, an allocation starting, a dispute raised or resolved, a contact); `None`
    /// when they hold none.
    #[serde(with = "dates::iso_option", default)]
    pub as_at: Option<Date>,
    pub caseload: Option<Caseload>,
    pub reviews_chaired: Option<ReviewsChaired>,
    pub records: Option<Records>,
    pub cancelled: Option<Cancelled>,
    pub parents: Option<Parents>,
    pub disputes: Option<Disputes>,
    pub contacts: Option<Contacts>,
}

/// IRO caseloads: children per full-time IRO (needs the allocations).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Caseload {
    pub at_year_end: CaseloadAt,
    /// The service's children per full-time IRO at each month end (whole numbers, halves up);
    /// `None` for a month end with no IRO counted.
    #[serde(with = "dates::iso_keys")]
    pub month_end: BTreeMap<Date, Option<u64>>,
    /// The mean of the month ends' unrounded figures, rounded last; `None` with none.
    pub year_average: Option<u64>,
    /// Each IRO counted at the year's end, by IRO ID. Left out of published reports.
    pub by_iro: Vec<IroCaseload>,
}

/// The caseload at 31 March, over the IROs in post then with at least one child.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseloadAt {
    /// Children (summed over IROs) per full-time equivalent; `None` with no IRO counted.
    pub per_fte: Option<u64>,
    /// The lowest and highest IRO's own children per full-time equivalent.
    pub lowest: Option<u64>,
    pub highest: Option<u64>,
    pub iros: u64,
    /// The IROs' full-time equivalents, summed.
    pub fte: f64,
    /// IROs below the IRO Handbook's band of 50 to 70 children per full-time IRO, within it
    /// (inclusive), above it; each on its unrounded figure.
    pub below_50: u64,
    pub band_50_to_70: u64,
    pub above_70: u64,
}

/// One IRO's caseload at 31 March.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IroCaseload {
    pub iro: String,
    /// From the IROs table; `None` when it gives none.
    pub name: Option<String>,
    pub fte: f64,
    pub children: u64,
    pub per_fte: u64,
    /// Reviews this IRO chaired in the year; `None` without the review meetings.
    pub reviews_chaired: Option<u64>,
}

/// Reviews held in the year, by the IRO who chaired them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewsChaired {
    /// By IRO ID, each IRO who chaired at least one. Left out of published reports.
    #[serde(flatten)]
    pub by_iro: BTreeMap<String, u64>,
    /// No chair recorded and no IRO allocated to the child on the day.
    pub not_known: u64,
}

impl ReviewsChaired {
    /// Every review held in the year.
    pub fn total(&self) -> u64 {
        self.by_iro.values().sum::<u64>() + self.not_known
    }
}

/// Review records completed within the deadline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub deadline_working_days: u32,
    pub on_time: u64,
    pub late: u64,
    /// Not completed, and the deadline has passed by the as-at date.
    pub overdue: u64,
    /// Not completed, and the deadline is after the as-at date.
    pub not_yet_due: u64,
    /// `on_time / (on_time + late + overdue)`, one decimal; `None` when that is 0.
    pub percent_on_time: Option<f64>,
}

/// Cancelled reviews in the year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cancelled {
    pub cancelled: u64,
    pub held: u64,
    /// `cancelled / (held + cancelled)`, one decimal; `None` when that is 0.
    pub rate_percent: Option<f64>,
}

/// Parents' part in the reviews held in the year (each a count of reviews).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Parents {
    pub held: u64,
    /// A parent attended or gave views.
    pub any_parent: u64,
    /// A parent attended.
    pub attended: u64,
    /// The mother attended or gave views.
    pub mother: u64,
    pub father: u64,
    /// Neither parent's part recorded.
    pub not_recorded: u64,
}

/// Disputes raised in the year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Disputes {
    pub total: u64,
    /// By the highest stage reached: every stage of the list (zeros included) and
    /// `other_stage` (no row's stage in the list).
    pub by_stage: BTreeMap<String, u64>,
    /// Resolved by 31 March.
    pub resolved: u64,
    pub open_at_year_end: u64,
    /// Working days from raised to resolved (the lower middle value); `None` with none resolved.
    pub median_working_days_to_resolve: Option<u64>,
    /// By the dispute's first category given (`not_recorded` for none).
    pub by_category: BTreeMap<String, u64>,
}

/// The key of disputes whose stages are all outside the list.
pub const OTHER_STAGE: &str = "other_stage";

/// IRO contacts with children between reviews.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contacts {
    /// Contacts dated in the year.
    pub contacts: u64,
    /// Children looked after at 31 March with a contact in the year.
    pub children_seen: u64,
    /// Children looked after at 31 March.
    pub cohort: u64,
}

/// `dolo` (MEASURES.md section 8): children, whether looked after or not.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dolo {
    pub in_force_at_31_march: u64,
    pub started_in_year: u64,
}

/// Which population the cohort is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComparisonPopulation {
    /// A child population table the user loaded (or kept in their profile).
    #[serde(rename = "children (loaded table)")]
    LoadedChildren,
    /// The chosen council's Census 2021 population of all ages.
    #[serde(rename = "all ages, Census 2021")]
    Census2021AllAges,
}

/// `disproportionality` (MEASURES.md section 9).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Disproportionality {
    pub population: ComparisonPopulation,
    pub groups: Breakdown<PopulationGroup, GroupComparison>,
}

/// One ethnic group's share of the children looked after beside its share of the population.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupComparison {
    /// Children looked after at 31 March in the group.
    pub children: u64,
    /// Per cent of the children looked after whose group is known (one decimal).
    pub cohort_share: Option<f64>,
    /// Per cent of the comparison population (one decimal).
    pub population_share: Option<f64>,
    /// Cohort share / population share (two decimals); `None` when the population share is 0.
    pub ratio: Option<f64>,
    /// Children looked after per 10,000 children of the group (loaded child table only).
    pub rate_per_10000: Option<u64>,
}

/// For a key that is absent when not applicable and `null` when applicable without a value:
/// reads a present key (even `null`) as `Some`.
pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

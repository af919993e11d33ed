//! The report value: every figure of MEASURES.md, shaped as the JSON contract of its
//! section 6 (`careboard report --json`), plus the data-quality account. Values only:
//! [`crate::measures`] computes them, [`crate::present`] shows them; this module depends on
//! neither, only on the model's account types and [`crate::settings`].
//!
//! Fixed breakdowns are [`keys::Breakdown`]s of a key enum, so every key is present with zeros
//! included by construction, spelled once with its label, and the values of a breakdown
//! always sum to its total. Keys added beyond the contract
//! (`settings`, `data_quality`, `trend`, and with a council chosen `la`, `benchmarks`,
//! `cla_at_31_march.rate_per_10000`, `location`...) are allowed by it; [`compare`] holds the
//! comparison types.

pub mod compare;
pub mod iro;
pub mod keys;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{dates, Date, FileProblem, InputAccount, RowIssue};
use crate::settings::Settings;
pub use compare::{
    Benchmarks, Change, LaRef, NeighbourFigures, PlacedIn, PublishedCeased, PublishedCla,
    PublishedFigures, RatePopulation, TrendYear,
};
pub use iro::{Disproportionality, Dolo, IroService};
use keys::{
    AgeBand, Breakdown, CareLeaverAge, CareLeaverOutcome, Check, Distance, EthnicGroup,
    LeaverGroup, LegalStatus, Location, Participation, Placement, Sex, TimeInCare,
};

/// The whole report for one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// 31 March of the year reported on (`YYYY-03-31` in the JSON).
    #[serde(with = "dates::iso_date")]
    pub year_ending: Date,
    /// One line per table of each file: rows read, used and rejected.
    pub inputs: Vec<InputAccount>,
    pub cla_at_31_march: ClaAt31March,
    pub started: u64,
    /// Children counted in `started` who arrived as unaccompanied asylum-seeking children: in
    /// the UASC table with `DUC` blank or on or after the start of their latest starting
    /// episode of the year (MEASURES.md section 10).
    pub started_uasc: u64,
    pub ceased: Ceased,
    /// Children looked after at each month end of the year, keyed by the day (`YYYY-MM-DD`).
    #[serde(with = "dates::iso_keys")]
    pub cla_month_end: BTreeMap<Date, u64>,
    pub reviews: Reviews,
    /// Missing and away episodes that started in the year; `null` when no missing table was
    /// loaded (MEASURES.md section 10).
    pub missing: Option<MissingFigures>,
    /// Care leavers of the OC3 table by the age they turned in the year; `null` when no OC3
    /// table was loaded (MEASURES.md section 10).
    pub care_leavers: Option<Breakdown<CareLeaverAge, CareLeaverFigures>>,
    /// The IRO service's own figures (MEASURES.md section 7.3).
    #[serde(default)]
    pub iro_service: IroService,
    /// Deprivation of Liberty orders (section 8); `None` without the table.
    #[serde(default)]
    pub dolo: Option<Dolo>,
    /// The children looked after by ethnic group beside the local population (section 9);
    /// `None` without a comparison population.
    #[serde(default)]
    pub disproportionality: Option<Disproportionality>,
    /// The options in force (MEASURES.md `option:` lines).
    pub settings: Settings,
    pub data_quality: DataQuality,
    /// The council chosen (`Settings::la`); absent when none is.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub la: Option<LaRef>,
    /// DfE's published figures beside the council's; absent when no council is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub benchmarks: Option<Benchmarks>,
    /// The report's year and up to four years before it that the data covers, keyed by
    /// their 31 March (`YYYY-03-31`; see [`crate::measures::trend`]).
    #[serde(default, with = "dates::iso_keys")]
    pub trend: BTreeMap<Date, TrendYear>,
}

/// Children looked after at 31 March (MEASURES.md section 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaAt31March {
    pub total: u64,
    pub sex: Breakdown<Sex>,
    pub age_band: Breakdown<AgeBand>,
    /// The age bands again, for each sex (beyond the contract: the page's age-by-sex table).
    #[serde(default)]
    pub age_band_by_sex: Breakdown<Sex, Breakdown<AgeBand>>,
    pub ethnic_group: Breakdown<EthnicGroup>,
    pub legal_status: Breakdown<LegalStatus>,
    pub placement: Breakdown<Placement>,
    pub distance: Breakdown<Distance>,
    pub uasc: u64,
    pub three_plus_placements: u64,
    pub long_term_stability: LongTermStability,
    /// The children by how long they have been in care: from the start of the current period
    /// of care to 31 March (MEASURES.md section 10). Sums to `total`.
    pub time_in_care: Breakdown<TimeInCare>,
    /// `total` per 10,000 children aged 0-17 in the chosen council, rounded to a whole number
    /// (halves up); absent when no council is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rate_per_10000: Option<u64>,
    /// The population `rate_per_10000` divides by, and the year it is DfE's base for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rate_population: Option<RatePopulation>,
    /// Placed inside or outside the chosen council's boundary; absent when none is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<Breakdown<Location>>,
    /// Councils the children are placed in, most children first (then by name); absent when
    /// no council is chosen.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub placed_in_councils: Option<Vec<PlacedIn>>,
}

impl ClaAt31March {
    /// Adds the counts of `other`, counted of other children at the same 31 March: the walk
    /// over the children counts a chunk of them on each core, then adds the chunks' counts
    /// (`measures::years`). Every field is named, so that one added later cannot be left out
    /// of the sum unnoticed: it does not compile until it is written here.
    pub fn add_counts(&mut self, other: ClaAt31March) {
        let ClaAt31March {
            total,
            sex,
            age_band,
            age_band_by_sex,
            ethnic_group,
            legal_status,
            placement,
            distance,
            uasc,
            three_plus_placements,
            long_term_stability,
            time_in_care,
            // The comparisons with a council are worked out for the whole cohort once the
            // walk is done (`measures::compute`): no chunk holds them, so there is nothing to
            // add, and `self`'s are kept as they are.
            rate_per_10000: _,
            rate_population: _,
            location: _,
            placed_in_councils: _,
        } = other;
        self.total += total;
        self.sex += sex;
        self.age_band += age_band;
        self.age_band_by_sex += age_band_by_sex;
        self.ethnic_group += ethnic_group;
        self.legal_status += legal_status;
        self.placement += placement;
        // Counted for the whole cohort after the walk (all zeros in a chunk's), but a count
        // all the same: added as the others are.
        self.distance += distance;
        self.uasc += uasc;
        self.three_plus_placements += three_plus_placements;
        self.long_term_stability.add_counts(long_term_stability);
        self.time_in_care += time_in_care;
    }
}

/// Long-term stability (MEASURES.md section 4).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LongTermStability {
    pub eligible: u64,
    pub stable: u64,
}

impl LongTermStability {
    /// Adds the counts of `other`, of other children of the same cohort (as
    /// [`ClaAt31March::add_counts`]).
    pub fn add_counts(&mut self, other: LongTermStability) {
        let LongTermStability { eligible, stable } = other;
        self.eligible += eligible;
        self.stable += stable;
    }
}

/// Children who ceased to be looked after in the year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ceased {
    pub total: u64,
    /// By `REC` of each child's latest ceasing episode, upper-cased, as found.
    pub reason: BTreeMap<String, u64>,
}

impl Ceased {
    /// Adds the counts of `other`, of other children who ceased in the same year (as
    /// [`ClaAt31March::add_counts`]), reason by reason.
    pub fn add_counts(&mut self, other: Ceased) {
        let Ceased { total, reason } = other;
        self.total += total;
        for (rec, n) in reason {
            *self.reason.entry(rec).or_insert(0) += n;
        }
    }

    /// The leavers by DfE's reason groups (codes in none of them under `not_known`).
    pub fn by_group(&self) -> Breakdown<LeaverGroup> {
        let mut groups: Breakdown<LeaverGroup> = Breakdown::default();
        for (rec, n) in &self.reason {
            groups[LeaverGroup::of_code(rec)] += n;
        }
        groups
    }
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
    /// All 12 months of the year, keyed by the month's first day (`YYYY-MM` in the JSON).
    #[serde(with = "dates::month_keys")]
    pub by_month: BTreeMap<Date, MonthReviews>,
    pub participation: Breakdown<Participation>,
    /// Distinct children with a review held in the year (MEASURES.md section 10).
    pub children_reviewed: u64,
    /// For each child with a review held in the year, the participation code of its latest
    /// review in the year. Sums to `children_reviewed`.
    pub latest_review_participation: Breakdown<Participation>,
    /// The date from which review chains are complete (1 April of the earliest review's year).
    #[serde(with = "dates::iso_option")]
    pub coverage_start: Option<Date>,
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
    #[serde(with = "dates::iso_date")]
    pub held: Date,
    /// The last day it would have been on time.
    #[serde(with = "dates::iso_date")]
    pub due: Date,
    /// Calendar days after the due date.
    pub days_late: i64,
}

/// A child whose next review was due on or before 31 March and not held by then.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OverdueChild {
    pub child: String,
    #[serde(with = "dates::iso_date")]
    pub due: Date,
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

/// Missing and away-from-placement episodes that started in the year (`MIS_START` in the
/// year), whatever the child's care status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingFigures {
    /// Rows with `MISSING` = `M` (whereabouts unknown).
    pub missing_episodes: u64,
    /// Distinct children with such a row.
    pub children_missing: u64,
    /// Rows with `MISSING` = `A` (away from placement without authorisation).
    pub away_episodes: u64,
    pub children_away: u64,
}

/// One age group of care leavers (OC3 rows whose 17th to 21st birthday fell in the year).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareLeaverFigures {
    /// Care leavers in the group; each count below is out of it.
    pub total: u64,
    /// `IN_TOUCH` = `YES`.
    pub in_touch: u64,
    /// In education, employment or training: `ACTIV` starting `F` or `P`.
    pub eet: u64,
    /// Not in education, employment or training: `ACTIV` `G4`, `G5` or `G6`.
    pub neet: u64,
    /// `ACCOM` ending in `1`.
    pub suitable_accommodation: u64,
    /// `ACCOM` ending in `2`.
    pub unsuitable: u64,
}

impl CareLeaverFigures {
    /// The count of one outcome, out of `total`.
    pub fn outcome(&self, o: CareLeaverOutcome) -> u64 {
        match o {
            CareLeaverOutcome::InTouch => self.in_touch,
            CareLeaverOutcome::Eet => self.eet,
            CareLeaverOutcome::Neet => self.neet,
            CareLeaverOutcome::SuitableAccommodation => self.suitable_accommodation,
            CareLeaverOutcome::Unsuitable => self.unsuitable,
        }
    }
}

/// What could not be used, and why: file problems, rejected rows, warnings, and the
/// plausibility checks that found data that cannot be right.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DataQuality {
    pub problems: Vec<FileProblem>,
    pub rejected: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
    /// The checks of MEASURES.md section 11 that fired, in the order of `Check::ALL`; a
    /// check that found nothing is not listed. No figure is changed by them.
    #[serde(default)]
    pub checks: Vec<QualityCheck>,
}

/// A plausibility check that found something (MEASURES.md section 11).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityCheck {
    pub check: Check,
    /// Children, reviews, rows or a month-end count, as [`crate::measures::quality`] says
    /// for each check; never 0.
    pub count: u64,
    /// Up to 10 distinct child IDs, sorted (byte order); empty for the checks of the whole
    /// year (no starters, no leavers, flat month ends).
    pub examples: Vec<String>,
}

impl DataQuality {
    /// The check `check`, when it fired.
    pub fn check(&self, check: Check) -> Option<&QualityCheck> {
        self.checks.iter().find(|c| c.check == check)
    }
}

/// The report's child-level lists (rows rejected, warnings, late reviews, children overdue),
/// which are nearly all of a large report's JSON (4.3 MB of 4.3 MB at England scale): the
/// worker sends them to the page in parts of at most [`ChildLists::PART`] rows, each read in
/// a task of its own, rather than inside the report, whose reading was the page's one long
/// task.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChildLists {
    #[serde(default)]
    pub rejected: Vec<RowIssue>,
    #[serde(default)]
    pub warnings: Vec<RowIssue>,
    #[serde(default)]
    pub late_reviews: Vec<LateReview>,
    #[serde(default)]
    pub overdue: Vec<OverdueChild>,
}

impl ChildLists {
    /// Rows in one part: about 0.4 MB of JSON, read on the page in a few milliseconds.
    pub const PART: usize = 5_000;

    /// The lists in parts of at most `rows` rows each (of one list), in order; none when all
    /// are empty.
    pub fn into_parts(self, rows: usize) -> Vec<ChildLists> {
        /// A list's rows in runs of at most `rows`, moved, not copied.
        fn runs<T>(list: Vec<T>, rows: usize) -> Vec<Vec<T>> {
            let mut rest = list.into_iter().peekable();
            let mut out = Vec::new();
            while rest.peek().is_some() {
                out.push(rest.by_ref().take(rows.max(1)).collect());
            }
            out
        }
        let ChildLists {
            rejected,
            warnings,
            late_reviews,
            overdue,
        } = self;
        let part = ChildLists::default;
        let mut parts = Vec::new();
        parts.extend(
            runs(rejected, rows)
                .into_iter()
                .map(|rejected| ChildLists { rejected, ..part() }),
        );
        parts.extend(
            runs(warnings, rows)
                .into_iter()
                .map(|warnings| ChildLists { warnings, ..part() }),
        );
        parts.extend(
            runs(late_reviews, rows)
                .into_iter()
                .map(|late_reviews| ChildLists {
                    late_reviews,
                    ..part()
                }),
        );
        parts.extend(
            runs(overdue, rows)
                .into_iter()
                .map(|overdue| ChildLists { overdue, ..part() }),
        );
        parts
    }

    /// Adds a part's rows after those already held.
    pub fn extend(&mut self, part: ChildLists) {
        self.rejected.extend(part.rejected);
        self.warnings.extend(part.warnings);
        self.late_reviews.extend(part.late_reviews);
        self.overdue.extend(part.overdue);
    }
}

impl Report {
    /// Takes the child-level lists out of the report, leaving them empty.
    pub fn take_lists(&mut self) -> ChildLists {
        ChildLists {
            rejected: std::mem::take(&mut self.data_quality.rejected),
            warnings: std::mem::take(&mut self.data_quality.warnings),
            late_reviews: std::mem::take(&mut self.reviews.late_list),
            overdue: std::mem::take(&mut self.reviews.overdue_list),
        }
    }

    /// Puts child-level lists (taken by [`Report::take_lists`]) back after any it holds.
    pub fn put_lists(&mut self, lists: ChildLists) {
        self.data_quality.rejected.extend(lists.rejected);
        self.data_quality.warnings.extend(lists.warnings);
        self.reviews.late_list.extend(lists.late_reviews);
        self.reviews.overdue_list.extend(lists.overdue);
    }

    /// The JSON of the contract, pretty-printed.
    pub fn to_json(&self) -> String {
        // Serialising plain structs, strings and integer maps cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Children at 31 March with `n` in every count and under every key (of the age bands by
    /// sex, under girls' only), and a rate per 10,000 of `n` (a comparison with a council).
    fn cla_of(n: u64) -> ClaAt31March {
        fn every<K: keys::Key>(n: u64) -> Breakdown<K> {
            let mut b: Breakdown<K> = Breakdown::default();
            for &k in K::ALL {
                b[k] = n;
            }
            b
        }
        let mut age_band_by_sex: Breakdown<Sex, Breakdown<AgeBand>> = Breakdown::default();
        age_band_by_sex[Sex::Female] = every(n);
        ClaAt31March {
            total: n,
            sex: every(n),
            age_band: every(n),
            age_band_by_sex,
            ethnic_group: every(n),
            legal_status: every(n),
            placement: every(n),
            distance: every(n),
            uasc: n,
            three_plus_placements: n,
            long_term_stability: LongTermStability {
                eligible: n,
                stable: n,
            },
            time_in_care: every(n),
            rate_per_10000: Some(n),
            rate_population: None,
            location: None,
            placed_in_councils: None,
        }
    }

    #[test]
    fn adding_counts_at_31_march_adds_every_count_and_keeps_the_comparisons() {
        // 2 and 5 in every count make 7; the rate per 10,000 is 2's, not added.
        let mut cla = cla_of(2);
        cla.add_counts(cla_of(5));
        let mut sum = cla_of(7);
        sum.rate_per_10000 = Some(2);
        assert_eq!(cla, sum);
        assert_eq!(cla.age_band_by_sex[Sex::Female][AgeBand::Under1], 7);
        assert_eq!(cla.age_band_by_sex[Sex::Male].total(), 0);
    }

    #[test]
    fn adding_leavers_adds_each_reasons_count() {
        // E11: 1 + 2; E4A: 1 (first only); E13: 3 (second only). Total 2 + 5.
        let ceased = |total, reasons: &[(&str, u64)]| Ceased {
            total,
            reason: reasons.iter().map(|&(r, n)| (r.to_string(), n)).collect(),
        };
        let mut first = ceased(2, &[("E11", 1), ("E4A", 1)]);
        first.add_counts(ceased(5, &[("E11", 2), ("E13", 3)]));
        assert_eq!(first, ceased(7, &[("E11", 3), ("E13", 3), ("E4A", 1)]));
    }
}

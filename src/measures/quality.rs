//! Data that cannot be right (MEASURES.md section 11): plausibility checks over the export,
//! with the readings of `contract-additions.md` ("§11 Plausibility checks"). No figure is
//! changed by them: each check that finds something is reported with its count and up to 10
//! example child IDs, for the page and the CLI to warn about.
//!
//! Counts, per check: children for `over_18_in_care`, `distance_mostly_unknown`,
//! `most_overdue` and `overlapping_episodes`; reviews for `pn0_aged_4_plus`, `pn1_7_under_4`
//! and `very_late_reviews`; rows (episodes and reviews) for `dates_before_birth` and
//! `future_dates`; children looked after at any time in the year for `no_starters` and
//! `no_leavers`; the month-end count for `flat_month_ends`.

use std::collections::BTreeSet;

use chrono::Duration;

use super::calendar::{age_at, ReportingYear};
use super::care::Care;
use super::cohort::CohortChild;
use super::distance::DistanceGroup;
use crate::model::{ChildIdx, Date};
use crate::report::keys::{Check, Distance};
use crate::report::{QualityCheck, Report};

/// How many example child IDs a check lists.
pub const EXAMPLES: usize = 10;

/// A date more than this many days after the latest date of the export's other table is "in
/// the future" (`future_dates`).
const FUTURE_DAYS: i64 = 31;

/// A review held more than this many days after its due date is "very late".
const VERY_LATE_DAYS: i64 = 365;

/// The checks of [`data_checks`], which read the data and the year's cohort only, for
/// [`checks`] to add the others to.
pub struct DataChecks<'a> {
    found: Found<'a>,
    /// The latest `DECOM`, `DEC` or `REVIEW` date of the data (every usable row).
    latest: Option<Date>,
}

/// The checks that read only the data and the year's `cohort`: all but a few microseconds of
/// the checks' time at England scale (walks over a million episodes and two million reviews),
/// so worked out before the report's figures are counted, natively beside the reviews on
/// another core.
pub fn data_checks<'a>(
    care: &'a Care<'a>,
    cohort: &[CohortChild],
    year: ReportingYear,
) -> DataChecks<'a> {
    let data = care.data;
    let dob = |child: ChildIdx| data.header(child).and_then(|h| h.dob);
    let mut found = Found::new(care);

    // Cohort children with a known age of 18 or over at the year end.
    found.children(
        Check::Over18InCare,
        cohort.iter().map(|c| c.child).filter(|&c| {
            dob(c)
                .and_then(|d| age_at(d, year.end))
                .is_some_and(|a| a >= 18)
        }),
    );

    // Reviews held in the year whose participation code disagrees with the child's known age,
    // found for both checks in one walk over the reviews.
    let (mut pn0_aged_4_plus, mut pn1_7_under_4) = (Vec::new(), Vec::new());
    for r in data.reviews.iter().filter(|r| year.contains(r.date)) {
        let pn0 = r.code.is("PN0");
        if !pn0 && !is_pn1_to_7(data.text(&r.code)) {
            continue;
        }
        match (pn0, dob(r.child).and_then(|d| age_at(d, r.date))) {
            (true, Some(age)) if age >= 4 => pn0_aged_4_plus.push(r.child),
            (false, Some(age)) if age < 4 => pn1_7_under_4.push(r.child),
            _ => {}
        }
    }
    found.rows(Check::Pn0Aged4Plus, pn0_aged_4_plus.into_iter());
    found.rows(Check::Pn17Under4, pn1_7_under_4.into_iter());

    // The latest date of each table (every usable row), for `covers_year` and `future_dates`:
    // worked out once, as each is a walk over a million rows or more at England scale.
    let latest_episode = data
        .episodes
        .iter()
        .flat_map(|e| std::iter::once(e.decom).chain(e.dec))
        .max();
    let latest_review = data.reviews.iter().map(|r| r.date).max();

    // Used episodes (short breaks included) starting before the child's birth, and reviews
    // held before it.
    let born_after = |child: ChildIdx, d: Date| dob(child).is_some_and(|b| d < b);
    found.rows(
        Check::DatesBeforeBirth,
        data.episodes
            .iter()
            .filter(|e| born_after(e.child, e.decom))
            .map(|e| e.child)
            .chain(
                data.reviews
                    .iter()
                    .filter(|r| born_after(r.child, r.date))
                    .map(|r| r.child),
            ),
    );

    // Dates more than 31 days after the latest date of the other table (both loaded).
    if let (Some(l_ep), Some(l_rv)) = (latest_episode, latest_review) {
        let (ep_limit, rv_limit) = (
            l_rv + Duration::days(FUTURE_DAYS),
            l_ep + Duration::days(FUTURE_DAYS),
        );
        found.rows(
            Check::FutureDates,
            data.episodes
                .iter()
                .filter(|e| e.decom > ep_limit || e.dec.is_some_and(|d| d > ep_limit))
                .map(|e| e.child)
                .chain(
                    data.reviews
                        .iter()
                        .filter(|r| r.date > rv_limit)
                        .map(|r| r.child),
                ),
        );
    }

    found.children(
        Check::OverlappingEpisodes,
        (0..care.child_count() as ChildIdx).filter(|&c| overlaps(care, c)),
    );
    DataChecks {
        found,
        latest: latest_episode.max(latest_review),
    }
}

/// Every check that fired for the year of `report` (whose figures are already computed), in
/// the order of `Check::ALL`: those of `data` ([`data_checks`] of the same year and
/// cohort) and those that read the report.
pub fn checks(
    care: &Care,
    cohort: &[CohortChild],
    year: ReportingYear,
    report: &Report,
    data: DataChecks,
) -> Vec<QualityCheck> {
    let DataChecks { mut found, latest } = data;
    // No starters (leavers) in a year the episodes cover. The children looked after in it are
    // counted only when one of the two fires: a walk over every child's episodes.
    let none_started_or_ceased = report.started == 0 || report.ceased.total == 0;
    if none_started_or_ceased && covers_year(care, year, latest) {
        let in_year = looked_after_in_year(care, year);
        if report.started == 0 {
            found.year(Check::NoStarters, in_year);
        }
        if report.ceased.total == 0 {
            found.year(Check::NoLeavers, in_year);
        }
    }

    let month_ends: BTreeSet<u64> = report.cla_month_end.values().copied().collect();
    if let (1, Some(&n)) = (month_ends.len(), month_ends.first()) {
        if n > 0 {
            found.year(Check::FlatMonthEnds, n);
        }
    }

    let cla = &report.cla_at_31_march;
    if cla.total > 0 && cla.distance[Distance::NotKnown] * 100 > 20 * cla.total {
        found.children(
            Check::DistanceMostlyUnknown,
            cohort
                .iter()
                .filter(|c| {
                    care.distance_group(c.child, c.open as usize) == DistanceGroup::NotKnown
                })
                .map(|c| c.child),
        );
    }

    found.named(
        Check::VeryLateReviews,
        report
            .reviews
            .late_list
            .iter()
            .filter(|l| l.days_late > VERY_LATE_DAYS)
            .map(|l| l.child.as_str()),
    );

    let rv = &report.reviews;
    if rv.overdue_at_year_end * 2 > cla.total {
        found.named(
            Check::MostOverdue,
            rv.overdue_list.iter().map(|o| o.child.as_str()),
        );
    }

    found.into_checks()
}

fn is_pn1_to_7(code: &str) -> bool {
    matches!(code, "PN1" | "PN2" | "PN3" | "PN4" | "PN5" | "PN6" | "PN7")
}

/// Whether the episodes cover the year: the earliest `DECOM` (short breaks excluded) is on or
/// before its first day, and `latest`, the latest `DECOM`, `DEC` or `REVIEW` date of the data
/// (every usable row), is on or after its last.
fn covers_year(care: &Care, year: ReportingYear, latest: Option<Date>) -> bool {
    care.earliest_start().is_some_and(|d| d <= year.start) && latest.is_some_and(|d| d >= year.end)
}

/// Children with an episode (short breaks excluded) overlapping the year: `DECOM` on or
/// before its end and `DEC` blank or after its start.
fn looked_after_in_year(care: &Care, year: ReportingYear) -> u64 {
    care.every_child()
        .filter(|list| {
            list.iter().any(|&i| {
                let e = &care.data.episodes[i as usize];
                e.decom <= year.end && e.dec.is_none_or(|d| d > year.start)
            })
        })
        .count() as u64
}

/// Whether two of the child's episodes (short breaks excluded) are open on the same day: in
/// `DECOM` order, one starts before the previous one's `DEC`, or the previous one is open. An
/// episode starting on the day the previous one ends is no overlap.
fn overlaps(care: &Care, child: ChildIdx) -> bool {
    let list = care.episodes_of(child);
    list.windows(2).any(|pair| {
        let (previous, next) = (
            &care.data.episodes[pair[0] as usize],
            &care.data.episodes[pair[1] as usize],
        );
        previous.dec.is_none_or(|dec| next.decom < dec)
    })
}

/// The checks found so far, each with its count and example IDs.
struct Found<'a> {
    care: &'a Care<'a>,
    checks: Vec<QualityCheck>,
}

impl<'a> Found<'a> {
    fn new(care: &'a Care<'a>) -> Self {
        Found {
            care,
            checks: Vec::new(),
        }
    }

    fn push(&mut self, check: Check, count: u64, examples: BTreeSet<&str>) {
        if count > 0 {
            self.checks.push(QualityCheck {
                check,
                count,
                examples: examples
                    .into_iter()
                    .take(EXAMPLES)
                    .map(str::to_string)
                    .collect(),
            });
        }
    }

    /// A check counting distinct children.
    fn children(&mut self, check: Check, children: impl Iterator<Item = ChildIdx>) {
        let names = &self.care.data.children;
        let ids: BTreeSet<&str> = children.map(|c| &names[c as usize]).collect();
        self.push(check, ids.len() as u64, ids);
    }

    /// A check counting rows (reviews or episodes), one child each.
    fn rows(&mut self, check: Check, rows: impl Iterator<Item = ChildIdx>) {
        let names = &self.care.data.children;
        let mut count = 0;
        let mut ids = BTreeSet::new();
        for c in rows {
            count += 1;
            ids.insert(&names[c as usize]);
        }
        self.push(check, count, ids);
    }

    /// A check counting rows given by their child's ID (the report's child-level lists).
    fn named<'n>(&mut self, check: Check, rows: impl Iterator<Item = &'n str>) {
        let mut count = 0;
        let mut ids = BTreeSet::new();
        for id in rows {
            count += 1;
            ids.insert(id);
        }
        self.push(check, count, ids);
    }

    /// A check of the whole year: a count, no examples.
    fn year(&mut self, check: Check, count: u64) {
        self.push(check, count, BTreeSet::new());
    }

    /// The checks, in the order of [`Check::ALL`].
    fn into_checks(mut self) -> Vec<QualityCheck> {
        self.checks.sort_by_key(|c| c.check);
        self.checks
    }
}

//! The figures that read every child's episodes (MEASURES.md sections 1, 2 and 4: the cohort at
//! 31 March and its breakdowns, placement stability, children who started and ceased), for the
//! report's year and the trend's years before it in one walk over the children.
//!
//! Why one walk: at England scale each walk is bound by the memory it reads (a million
//! episodes, a header and a period of care for each of 300,000 children), and a walk per year
//! and per figure read all of it over and over. Here each child's episodes are read once and
//! counted in every year at the same time. The rules themselves stay with their sections
//! ([`super::cohort`], [`super::flows`], [`super::stability`]); this module only walks.

use super::calendar::ReportingYear;
use super::care::Care;
use super::cohort::{Breakdowns, CohortChild, Member};
use super::flows;
use super::stability::{placements_in_year, LongTerm};
use crate::model::ChildIdx;
use crate::report::{Ceased, ClaAt31March};
use crate::settings::Settings;

/// One year's figures of the walk.
#[derive(Clone, Debug, PartialEq)]
pub struct YearFigures {
    pub year: ReportingYear,
    /// Every child with an episode open at the year's end, in child order.
    pub cohort: Vec<CohortChild>,
    /// The cohort's breakdowns with its stability figures (`three_plus_placements`,
    /// `long_term_stability`); the comparisons with a council (rate, location) are left empty.
    pub cla: ClaAt31March,
    /// Children who started to be looked after in the year ([`flows::started_in`]).
    pub started: u64,
    /// Children who ceased to be looked after in the year, by reason ([`flows::ceased_by`]).
    pub ceased: Ceased,
}

/// The figures of the report's `year`, and of each of `earlier` in the same order.
pub fn year_figures(
    care: &Care,
    year: ReportingYear,
    earlier: &[ReportingYear],
    settings: &Settings,
) -> (YearFigures, Vec<YearFigures>) {
    let mut current = Tally::new(care, year);
    let mut before: Vec<Tally> = earlier.iter().map(|&y| Tally::new(care, y)).collect();
    for child in 0..care.child_count() as ChildIdx {
        current.add(care, child, settings);
        for tally in &mut before {
            tally.add(care, child, settings);
        }
    }
    (
        current.figures(),
        before.into_iter().map(Tally::figures).collect(),
    )
}

/// One year's figures while the walk counts them.
struct Tally {
    year: ReportingYear,
    cohort: Vec<CohortChild>,
    breakdowns: Breakdowns,
    three_plus_placements: u64,
    long_term: LongTerm,
    started: u64,
    ceased: Ceased,
}

impl Tally {
    fn new(care: &Care, year: ReportingYear) -> Tally {
        Tally {
            year,
            cohort: Vec::new(),
            breakdowns: Breakdowns::new(care, year),
            three_plus_placements: 0,
            long_term: LongTerm::new(year),
            started: 0,
            ceased: Ceased::default(),
        }
    }

    /// Counts `child` in every figure of the year.
    fn add(&mut self, care: &Care, child: ChildIdx, settings: &Settings) {
        let year = self.year;
        if let Some(at) = CohortChild::of(care, child, year) {
            self.cohort.push(at);
            let member = Member::of(care, at, year);
            self.breakdowns.add(care, &member, settings);
            if placements_in_year(care, child, year, settings) >= 3 {
                self.three_plus_placements += 1;
            }
            self.long_term.add(care, &member);
        }
        if flows::started_in(care, child, year) {
            self.started += 1;
        }
        if let Some(episode) = flows::ceased_by(care, child, year) {
            flows::count_leaver(&mut self.ceased, care.data.text(&episode.rec));
        }
    }

    fn figures(mut self) -> YearFigures {
        // The cohort is kept to the end of the report, one for each trend year: without the
        // room its growth left (up to half again at England scale, 3.6 MB for five years).
        self.cohort.shrink_to_fit();
        let mut cla = self.breakdowns.counted();
        cla.three_plus_placements = self.three_plus_placements;
        cla.long_term_stability = self.long_term.counted();
        YearFigures {
            year: self.year,
            cohort: self.cohort,
            cla,
            started: self.started,
            ceased: self.ceased,
        }
    }
}

//! The figures that read every child's episodes (MEASURES.md sections 1, 2 and 4: the cohort at
//! 31 March and its breakdowns, placement stability, children who started and ceased), for the
//! report's year and the trend's years before it in one walk over the children.
//!
//! The report's year's month-end counts ([`flows::MonthEnds`]) are counted in the same walk;
//! the cohorts' distance groups after it, all years' together in episode order
//! ([`Care::work_out_distances`]).
//!
//! Why one walk: at England scale each walk is bound by the memory it reads (a million
//! episodes, a header and a period of care for each of 300,000 children), and a walk per year
//! and per figure read all of it over and over. Here each child's episodes are read once and
//! counted in every year at the same time. The rules themselves stay with their sections
//! ([`super::cohort`], [`super::flows`], [`super::stability`]); this module only walks.

use std::collections::BTreeMap;

use super::calendar::ReportingYear;
use super::care::Care;
use super::cohort::{uasc_ceased, Breakdowns, CohortChild, Member};
use super::flows::{self, MonthEnds};
use super::stability::{placements_in_year, LongTerm};
use crate::model::{ChildIdx, Date};
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
    /// Children who started to be looked after in the year ([`flows::started_on`]).
    pub started: u64,
    /// Of `started`, those who arrived as unaccompanied asylum-seeking children.
    pub started_uasc: u64,
    /// Children who ceased to be looked after in the year, by reason ([`flows::ceased_by`]).
    pub ceased: Ceased,
}

/// The report's year: its [`YearFigures`], with the month-end counts that only it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportYear {
    pub figures: YearFigures,
    pub month_ends: BTreeMap<Date, u64>,
}

/// The figures of the report's `year`, and of each of `earlier` in the same order.
pub fn year_figures(
    care: &Care,
    year: ReportingYear,
    earlier: &[ReportingYear],
    settings: &Settings,
) -> (ReportYear, Vec<YearFigures>) {
    let mut current = Tally::new(year);
    let mut month_ends = MonthEnds::new(year);
    let mut before: Vec<Tally> = earlier.iter().map(|&y| Tally::new(y)).collect();
    let uasc_ceased = uasc_ceased(care);
    for child in 0..care.child_count() as ChildIdx {
        // A year the child's episodes do not reach holds none of its figures (it is open at
        // none of the year's days, starts and ends nothing in it), so it is passed at once: at
        // England scale most children's care ended before the trend's first year, and each
        // year's figures walked their episodes three times to find nothing.
        let Some((first, last)) = care.span(child) else {
            continue;
        };
        let reaches = |year: ReportingYear| first <= year.end && year.start <= last;
        let uasc_ceased = uasc_ceased[child as usize];
        if reaches(year) {
            current.add(care, child, uasc_ceased, settings);
            month_ends.add(care, child);
        }
        for tally in before.iter_mut().filter(|t| reaches(t.year)) {
            tally.add(care, child, uasc_ceased, settings);
        }
    }
    // Every year's cohort's distance groups, worked out together after the walk.
    care.work_out_distances(
        std::iter::once(&current)
            .chain(&before)
            .flat_map(|tally| &tally.cohort)
            .map(|at| (at.child, at.open as usize)),
    );
    let report = ReportYear {
        figures: current.figures(care),
        month_ends: month_ends.counted(),
    };
    let earlier = before.into_iter().map(|t| t.figures(care)).collect();
    (report, earlier)
}

/// One year's figures while the walk counts them.
struct Tally {
    year: ReportingYear,
    cohort: Vec<CohortChild>,
    breakdowns: Breakdowns,
    three_plus_placements: u64,
    long_term: LongTerm,
    started: u64,
    started_uasc: u64,
    ceased: Ceased,
}

impl Tally {
    fn new(year: ReportingYear) -> Tally {
        Tally {
            year,
            cohort: Vec::new(),
            breakdowns: Breakdowns::new(year),
            three_plus_placements: 0,
            long_term: LongTerm::new(year),
            started: 0,
            started_uasc: 0,
            ceased: Ceased::default(),
        }
    }

    /// Counts `child`, whose [`uasc_ceased`] is `uasc_ceased`, in every figure of the year.
    fn add(&mut self, care: &Care, child: ChildIdx, uasc_ceased: Date, settings: &Settings) {
        let year = self.year;
        if let Some(at) = CohortChild::of(care, child, year) {
            self.cohort.push(at);
            let member = Member::of(care, at, year);
            self.breakdowns.add(care, &member, uasc_ceased, settings);
            if placements_in_year(care, child, year, settings) >= 3 {
                self.three_plus_placements += 1;
            }
            self.long_term.add(care, &member);
        }
        if let Some(start) = flows::started_on(care, child, year) {
            self.started += 1;
            if uasc_ceased >= start {
                self.started_uasc += 1;
            }
        }
        if let Some(episode) = flows::ceased_by(care, child, year) {
            flows::count_leaver(&mut self.ceased, care.data.text(&episode.rec));
        }
    }

    fn figures(mut self, care: &Care) -> YearFigures {
        // The cohort is kept to the end of the report, one for each trend year: without the
        // room its growth left (up to half again at England scale, 3.6 MB for five years).
        self.cohort.shrink_to_fit();
        self.breakdowns.add_distances(care, &self.cohort);
        let mut cla = self.breakdowns.counted();
        cla.three_plus_placements = self.three_plus_placements;
        cla.long_term_stability = self.long_term.counted();
        YearFigures {
            year: self.year,
            cohort: self.cohort,
            cla,
            started: self.started,
            started_uasc: self.started_uasc,
            ceased: self.ceased,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::care::tests::{details, episode};
    use crate::measures::flows::tests::{day, five_children};
    use crate::model::{Dataset, RecordedDistance, Uasc};

    #[test]
    fn a_child_whose_care_only_touches_the_years_first_or_last_day_is_counted_in_it() {
        // The year ending 2024 runs 1 April 2023 to 31 March 2024. Child 0 ceased (E11) on 1
        // April 2023, its first day: one leaver, in no cohort. Child 1 started (S) on 31 March
        // 2024, its last day, open: one starter, in the cohort at 31 March 2024, open at the
        // March month end only. Child 2 ceased on 31 March 2023, the day before: in the year
        // ending 2023's leavers only. Child 3 starts on 1 April 2024, the day after: nowhere.
        let mut ceased = episode(0, "S", day(2020, 1, 1), Some(day(2023, 4, 1)));
        let mut before = episode(2, "S", day(2020, 1, 1), Some(day(2023, 3, 31)));
        ceased.rec = crate::measures::care::tests::code("E11");
        before.rec = ceased.rec;
        let data = Dataset {
            children: ["A", "B", "C", "D"].into_iter().collect(),
            episodes: vec![
                ceased,
                episode(1, "S", day(2024, 3, 31), None),
                before,
                episode(3, "S", day(2024, 4, 1), None),
            ],
            episode_details: vec![details(RecordedDistance::NotKnown); 4],
            ..Dataset::default()
        };
        let care = Care::new(&data);
        let year = ReportingYear::ending(2024).unwrap();
        let before = ReportingYear::ending(2023).unwrap();
        let (report, earlier) = year_figures(&care, year, &[before], &Settings::default());
        let f = &report.figures;
        assert_eq!((f.started, f.ceased.total, f.cla.total), (1, 1, 1));
        assert_eq!(f.cohort, [CohortChild { child: 1, open: 0 }]);
        assert_eq!(f.ceased.reason.get("E11"), Some(&1));
        let month_ends: Vec<u64> = report.month_ends.values().copied().collect();
        assert_eq!(month_ends, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        // 31 March 2023: children 0 and 2 open on it (2's ends that day, so it is not: a day
        // open is DECOM <= d < DEC), child 2 ceased in that year.
        let e = &earlier[0];
        assert_eq!((e.started, e.ceased.total, e.cla.total), (0, 1, 1));
        assert_eq!(e.cohort, [CohortChild { child: 0, open: 0 }]);
    }

    #[test]
    fn the_walk_counts_starters_arriving_as_uasc_and_the_report_years_month_ends() {
        // flows' five children, with UASC rows: child 0 ceased 1 January 2024, the day it
        // started (on or after: counted as arriving UASC); child 4 ceased 30 March 2024, the day
        // before it started (not); child 1, DUC blank, started the year before. Of the 2
        // starters of the year ending 2024 (0 and 4), 1 arrived UASC; of the 3 at its 31 March
        // (0, 1, 4), child 1 alone is UASC then. In the year ending 2023 child 1 alone started
        // and arrived UASC; the cohort at 31 March 2023 is children 1, 2 and 3, child 1 UASC.
        let mut data = five_children();
        data.uasc = vec![
            Uasc {
                child: 0,
                duc: Some(day(2024, 1, 1)),
            },
            Uasc {
                child: 4,
                duc: Some(day(2024, 3, 30)),
            },
            Uasc {
                child: 1,
                duc: None,
            },
        ];
        let care = Care::new(&data);
        let year = ReportingYear::ending(2024).unwrap();
        let before = ReportingYear::ending(2023).unwrap();
        let (report, earlier) = year_figures(&care, year, &[before], &Settings::default());
        let f = &report.figures;
        assert_eq!((f.started, f.started_uasc), (2, 1));
        assert_eq!((f.cla.total, f.cla.uasc), (3, 1));
        assert_eq!(report.month_ends.get(&day(2024, 3, 31)), Some(&3));
        assert_eq!(report.month_ends.len(), 12);
        let e = &earlier[0];
        assert_eq!((e.started, e.started_uasc), (1, 1));
        assert_eq!((e.cla.total, e.cla.uasc), (3, 1));
    }
}

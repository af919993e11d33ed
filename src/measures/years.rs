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
//!
//! Natively the children are cut into chunks, one after another, each walked (once, for
//! every year) on whichever core is free, and the chunks' counts added after in child order:
//! every figure is a count, or a cohort in child order, so the sum is what one walk counts.
//! The page's worker, which has one thread, walks every child as one chunk.

use std::collections::BTreeMap;
use std::ops::Range;

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
    let walk = walk(care, year, earlier, settings);
    walk.work_out_distances(care);
    walk.figures(care)
}

/// The walk over every child for the report's `year` and each of `earlier`: every figure of
/// [`year_figures`] counted but the cohorts' distances, which [`Walk::figures`] counts.
pub fn walk(
    care: &Care,
    year: ReportingYear,
    earlier: &[ReportingYear],
    settings: &Settings,
) -> Walk {
    // Natively a few chunks of children for each core, each walked whole by the core that
    // takes it next, so that one slower than the others holds up no core for long: cut into
    // as many episodes, chunks still differ, as later children's care reaches more of the
    // trend's years (at England scale on 2 cores, two chunks took 29 and 50 ms, four 40 ms
    // in all). In the page's worker one chunk, every child: it walks as without chunks.
    let threads = super::threads();
    let chunks = care.child_chunks(if threads > 1 {
        threads * CHUNKS_PER_THREAD
    } else {
        1
    });
    walk_chunks(care, year, earlier, settings, &chunks)
}

/// How many chunks of children [`walk`] walks for each thread, natively.
const CHUNKS_PER_THREAD: usize = 4;

/// [`walk`], the children walked in `chunks` (runs of children one after another, together
/// every child): each chunk on its own (on its own core, natively), its counts then added in
/// the chunks' order, so that each cohort is in child order as one walk leaves it.
fn walk_chunks(
    care: &Care,
    year: ReportingYear,
    earlier: &[ReportingYear],
    settings: &Settings,
    chunks: &[Range<ChildIdx>],
) -> Walk {
    let uasc_ceased = uasc_ceased(care);
    let walked = super::map_parallel(chunks, |children| {
        let mut walk = Walk::new(year, earlier);
        walk.add(care, children.clone(), &uasc_ceased, settings);
        walk
    });
    let mut walked = walked.into_iter();
    let mut walk = walked.next().unwrap_or_else(|| Walk::new(year, earlier));
    for later in walked {
        walk.add_counts(later);
    }
    walk
}

/// Every year's figures while the walk counts them: the report's year, its month ends, and
/// each earlier year.
pub struct Walk {
    current: Tally,
    month_ends: MonthEnds,
    before: Vec<Tally>,
}

impl Walk {
    /// No child counted yet, for the report's `year` and each of `earlier`.
    fn new(year: ReportingYear, earlier: &[ReportingYear]) -> Walk {
        Walk {
            current: Tally::new(year),
            month_ends: MonthEnds::new(year),
            before: earlier.iter().map(|&y| Tally::new(y)).collect(),
        }
    }

    /// Counts each of `children` in every year, `uasc_ceased` every child's [`uasc_ceased`].
    fn add(
        &mut self,
        care: &Care,
        children: Range<ChildIdx>,
        uasc_ceased: &[Date],
        settings: &Settings,
    ) {
        for child in children {
            // A year the child's episodes do not reach holds none of its figures (it is open
            // at none of the year's days, starts and ends nothing in it), so it is passed at
            // once: at England scale most children's care ended before the trend's first
            // year, and each year's figures walked their episodes three times to find nothing.
            let Some((first, last)) = care.span(child) else {
                continue;
            };
            let reaches = |year: ReportingYear| first <= year.end && year.start <= last;
            let uasc_ceased = uasc_ceased[child as usize];
            if reaches(self.current.year) {
                self.current.add(care, child, uasc_ceased, settings);
                self.month_ends.add(care, child);
            }
            for tally in self.before.iter_mut().filter(|t| reaches(t.year)) {
                tally.add(care, child, uasc_ceased, settings);
            }
        }
    }

    /// The report's year's cohort, in child order.
    pub fn cohort(&self) -> &[CohortChild] {
        &self.current.cohort
    }

    /// Works out every year's cohort's distance groups, together
    /// ([`Care::work_out_distances`]), for [`Walk::figures`] to count.
    pub fn work_out_distances(&self, care: &Care) {
        care.work_out_distances(
            std::iter::once(&self.current)
                .chain(&self.before)
                .flat_map(|tally| &tally.cohort)
                .map(|at| (at.child, at.open as usize)),
        );
    }

    /// The figures of the report's year, and of each earlier year in order. The cohorts'
    /// distance groups are counted here: those not worked out before
    /// ([`Walk::work_out_distances`]) are worked out one at a time as they are counted.
    pub fn figures(self, care: &Care) -> (ReportYear, Vec<YearFigures>) {
        let Walk {
            current,
            month_ends,
            before,
        } = self;
        let report = ReportYear {
            figures: current.figures(care),
            month_ends: month_ends.counted(),
        };
        let earlier = before.into_iter().map(|t| t.figures(care)).collect();
        (report, earlier)
    }

    /// Adds the counts of `later`, which walked the children after `self`'s.
    fn add_counts(&mut self, later: Walk) {
        let Walk {
            current,
            month_ends,
            before,
        } = later;
        self.current.add_counts(current);
        self.month_ends.add_counts(month_ends);
        debug_assert_eq!(self.before.len(), before.len());
        for (tally, more) in self.before.iter_mut().zip(before) {
            tally.add_counts(more);
        }
    }
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

    /// Adds the counts of `later`, which counted the same year of children after `self`'s:
    /// its cohort after `self`'s, each count added. Every field is named, so that one added
    /// later cannot be left out unnoticed.
    fn add_counts(&mut self, later: Tally) {
        let Tally {
            year,
            cohort,
            breakdowns,
            three_plus_placements,
            long_term,
            started,
            started_uasc,
            ceased,
        } = later;
        debug_assert_eq!(year, self.year);
        self.cohort.extend(cohort);
        self.breakdowns.add_counts(breakdowns);
        self.three_plus_placements += three_plus_placements;
        self.long_term.add_counts(long_term);
        self.started += started;
        self.started_uasc += started_uasc;
        self.ceased.add_counts(ceased);
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
    use crate::model::{Code, Dataset, Header, RecordedDistance, Sex, Uasc};
    use crate::report::keys::{Breakdown, Key};

    /// Six children around the years ending 31 March 2023 and 2024, between them counted in
    /// every figure of the walk:
    /// * 0: no header, UASC (DUC blank); S from 1 June 2022, open, LS C1, PLACE K2.
    /// * 1: female, born 1 June 2010, WBRI; S from 1 January 2020, open (LS C2, PLACE U1, as
    ///   every episode but child 0's and child 2's last).
    /// * 2: male, born 1 January 2015, APKN; S 1 May-1 June 2023 (REC E11), S 1 July-1 August
    ///   2023 (X1), then P from 1 August 2023, open, LS V2, PLACE U4.
    /// * 3: female, born 1 April 2005, BAFR; S 1 January 2019-1 December 2023 (REC E4A).
    /// * 4: male, born 1 January 2020, WBRI; no episode.
    /// * 5: male, born 1 March 2012, MWBC; S 1 June 2021-1 June 2022 (X1), then P from 1 June
    ///   2022, open.
    fn six_children() -> Dataset {
        let header = |child, sex, dob, ethnic| {
            Some(Header {
                child,
                sex,
                dob: Some(dob),
                ethnic: Code::new(ethnic),
            })
        };
        let code = crate::measures::care::tests::code;
        let mut child_0 = episode(0, "S", day(2022, 6, 1), None);
        (child_0.ls, child_0.place) = (code("C1"), code("K2"));
        let mut child_2 = [
            episode(2, "S", day(2023, 5, 1), Some(day(2023, 6, 1))),
            episode(2, "S", day(2023, 7, 1), Some(day(2023, 8, 1))),
            episode(2, "P", day(2023, 8, 1), None),
        ];
        child_2[1].rec = code("X1");
        (child_2[2].ls, child_2[2].place) = (code("V2"), code("U4"));
        let mut child_3 = episode(3, "S", day(2019, 1, 1), Some(day(2023, 12, 1)));
        child_3.rec = code("E4A");
        let mut child_5 = episode(5, "S", day(2021, 6, 1), Some(day(2022, 6, 1)));
        child_5.rec = code("X1");
        let mut episodes = vec![child_5, episode(5, "P", day(2022, 6, 1), None), child_0];
        episodes.extend(child_2);
        episodes.extend([episode(1, "S", day(2020, 1, 1), None), child_3]);
        Dataset {
            children: ["A", "B", "C", "D", "E", "F"].into_iter().collect(),
            headers: vec![
                None,
                header(1, Sex::Female, day(2010, 6, 1), "WBRI"),
                header(2, Sex::Male, day(2015, 1, 1), "APKN"),
                header(3, Sex::Female, day(2005, 4, 1), "BAFR"),
                header(4, Sex::Male, day(2020, 1, 1), "WBRI"),
                header(5, Sex::Male, day(2012, 3, 1), "MWBC"),
            ],
            episode_details: vec![details(RecordedDistance::NotKnown); episodes.len()],
            episodes,
            uasc: vec![Uasc {
                child: 0,
                duc: None,
            }],
            ..Dataset::default()
        }
    }

    /// A breakdown's counts in its keys' order.
    fn counts<K: Key>(b: &Breakdown<K>) -> Vec<u64> {
        b.rows().map(|(_, n)| n).collect()
    }

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

    #[test]
    fn the_walk_in_chunks_counts_what_one_walk_counts() {
        let data = six_children();
        let year = ReportingYear::ending(2024).unwrap();
        let before = ReportingYear::ending(2023).unwrap();
        let settings = Settings::default();
        let walk = |chunks: &[Range<ChildIdx>]| {
            let care = Care::new(&data);
            let walk = walk_chunks(&care, year, &[before], &settings, chunks);
            walk.work_out_distances(&care);
            walk.figures(&care)
        };
        let every_child = 0..6;
        let (report, earlier) = walk(&[every_child]);

        // 31 March 2024 (limits: 6, 12, 24 and 60 months before are 30 September 2023, 31
        // March 2023, 31 March 2022 and 31 March 2019; long-term: period by 30 September 2021,
        // carer by 31 March 2022). Cohort: 0, 1, 2 (its third episode open) and 5 (its
        // second); 3 ceased on 1 December 2023, 4 has no episode.
        let f = &report.figures;
        let at = |child, open| CohortChild { child, open };
        assert_eq!(f.cohort, [at(0, 0), at(1, 0), at(2, 2), at(5, 1)]);
        let cla = &f.cla;
        assert_eq!((cla.total, cla.uasc, cla.three_plus_placements), (4, 1, 1));
        // Male 2 and 5, female 1, unknown 0. Aged 9 (2), 13 (1), 12 (5), unknown (0).
        assert_eq!(counts(&cla.sex), [2, 1, 1]);
        assert_eq!(counts(&cla.age_band), [0, 0, 1, 2, 0, 1]);
        let by_sex: Vec<Vec<u64>> = cla.age_band_by_sex.iter().map(|(_, b)| counts(b)).collect();
        assert_eq!(
            by_sex,
            [[0, 0, 1, 1, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 0, 1]]
        );
        // White 1, mixed 5, Asian 2, not known 0. C1 0, C2 1 and 5, V2 2. U1 1 and 5, U4 2,
        // K2 0. Every distance not known.
        assert_eq!(counts(&cla.ethnic_group), [1, 1, 1, 0, 0, 1]);
        assert_eq!(counts(&cla.legal_status), [1, 2, 0, 1, 0, 0, 0]);
        assert_eq!(counts(&cla.placement), [2, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        assert_eq!(counts(&cla.distance), [0, 0, 4]);
        // Periods from 1 July 2023 (2: 6 to 12 months), 1 June 2022 (0: 1 to 2 years), 1
        // January 2020 (1) and 1 June 2021 (5): 2 to 5 years.
        assert_eq!(counts(&cla.time_in_care), [0, 1, 1, 2, 0]);
        // Three placements: child 2's S, S and P. Long-term: 1 (period and carer from 1
        // January 2020) and 5 (period from 1 June 2021, carer from 1 June 2022: not stable).
        let stability = &cla.long_term_stability;
        assert_eq!((stability.eligible, stability.stable), (2, 1));
        // Child 2 started on 1 July 2023 (not UASC); 2 ceased by its E11 (the X1 is no
        // leaving), 3 by E4A.
        assert_eq!((f.started, f.started_uasc, f.ceased.total), (1, 0, 2));
        let reasons: Vec<(&str, u64)> = f
            .ceased
            .reason
            .iter()
            .map(|(r, &n)| (r.as_str(), n))
            .collect();
        assert_eq!(reasons, [("E11", 1), ("E4A", 1)]);
        // 0, 1 and 5 at every month end; 3 April to November; 2 May, and July to March.
        let month_ends: Vec<u64> = report.month_ends.values().copied().collect();
        assert_eq!(month_ends, [4, 5, 4, 5, 5, 5, 5, 5, 4, 4, 4, 4]);

        // 31 March 2023 (limits 30 September 2022, 31 March 2022, 31 March 2021 and 31 March
        // 2018; long-term: by 30 September 2020, carer by 31 March 2021). Cohort: 0, 1, 3 and
        // 5; 2's episodes start later.
        let e = &earlier[0];
        assert_eq!(e.cohort, [at(0, 0), at(1, 0), at(3, 0), at(5, 1)]);
        let cla = &e.cla;
        assert_eq!((cla.total, cla.uasc, cla.three_plus_placements), (4, 1, 0));
        // Male 5, female 1 and 3, unknown 0. Aged 12 (1), 17 (3), 11 (5), unknown (0).
        assert_eq!(counts(&cla.sex), [1, 2, 1]);
        assert_eq!(counts(&cla.age_band), [0, 0, 0, 2, 1, 1]);
        // White 1, mixed 5, Black 3, not known 0; C1 0, C2 the rest; K2 0, U1 the rest.
        assert_eq!(counts(&cla.ethnic_group), [1, 1, 0, 1, 0, 1]);
        assert_eq!(counts(&cla.legal_status), [1, 3, 0, 0, 0, 0, 0]);
        assert_eq!(counts(&cla.placement), [3, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
        // 0 from 1 June 2022: 6 to 12 months; 5 from 1 June 2021: 1 to 2 years; 1 and 3 from
        // 2020 and 2019: 2 to 5 years. Long-term: 1 alone (3 is 17; 5's period too late).
        assert_eq!(counts(&cla.time_in_care), [0, 1, 1, 2, 0]);
        let stability = &cla.long_term_stability;
        assert_eq!((stability.eligible, stability.stable), (1, 1));
        // Child 0 started on 1 June 2022, UASC; 5's X1 is no leaving.
        assert_eq!((e.started, e.started_uasc, e.ceased.total), (1, 1, 0));

        // Cut anywhere, into chunks of one child or none, the first empty or not: the same
        // figures, cohorts in child order. An empty first chunk has every count added to it.
        let cuts: [&[Range<ChildIdx>]; 7] = [
            &[0..0, 0..6],
            &[0..1, 1..6],
            &[0..2, 2..2, 2..6],
            &[0..3, 3..6, 6..6],
            &[0..5, 5..6],
            &[0..1, 1..2, 2..3, 3..4, 4..5, 5..6],
            &[0..0, 0..1, 1..1, 1..4, 4..6],
        ];
        for chunks in cuts {
            assert_eq!(
                walk(chunks),
                (report.clone(), earlier.clone()),
                "{chunks:?}"
            );
        }
        // As the report's walk cuts them, for the machine's cores.
        let care = Care::new(&data);
        assert_eq!(
            year_figures(&care, year, &[before], &settings),
            (report, earlier)
        );
    }
}

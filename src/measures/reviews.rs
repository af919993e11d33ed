//! Reviews held, their timeliness and participation, and reviews overdue at year end
//! (MEASURES.md section 3).
//!
//! Each review is placed in the child's period of care whose `[start, end]` contains its date
//! (the later-starting one if two do). Within a period, reviews are numbered in date order:
//! review 1 is due on the 20th working day after the period's start, review 2 three months
//! after review 1, each later one six months after the one before. A period's first review in
//! the data cannot be assessed when the period started before the review coverage start
//! (1 April of the reporting year holding the earliest review in the input), because an
//! earlier review may be missing from the data.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::calendar::{add_months, Calendar, ReportingYear};
use super::care::{group_by_child, Care, Period};
use super::cohort::CohortChild;
use crate::model::{ChildIdx, Date};
use crate::report::keys::{Breakdown, Participation};
use crate::report::{LateReview, MonthReviews, OverdueChild, Reviews};

/// How one review is judged against its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeliness {
    OnTime { due: Date },
    Late { due: Date },
    NotAssessable(NotAssessable),
}

/// Why a review cannot be judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAssessable {
    /// The child has no period of care (no usable episode) containing the review's date.
    OutsideCare,
    /// The first review the data holds for a period that started before the coverage start.
    ChainIncomplete,
}

/// A review with its judgement: what the counts read of it, and nothing that points back
/// into the data. A report keeps every review judged while it counts (two million at England
/// scale), so this is most of the measures' own heap: twelve bytes, natively and in wasm32,
/// where a reference to the review, its period's index and a [`Timeliness`] took 32 (20 in
/// wasm32); and the walks over the judged reviews read this list only, not the reviews too.
/// The period a review belongs to is not kept: [`placed`] finds it again for the few that
/// need it ([`next_due`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JudgedReview {
    /// The review's date (`REVIEW`).
    pub date: Date,
    /// The participation key of its `REVIEW_CODE`.
    pub participation: Participation,
    /// [`Timeliness`] without its due date, which is `due`: apart, the two fit in 5 bytes
    /// where the enum takes 8.
    verdict: Verdict,
    /// The date the review was due, when judged on time or late; when it cannot be judged,
    /// its own date, never read.
    due: Date,
}

/// The kind of a [`Timeliness`], in one byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    OnTime,
    Late,
    NotAssessable(NotAssessable),
}

impl JudgedReview {
    /// The review held on `date` with participation `participation`, judged `timeliness`.
    pub fn new(date: Date, participation: Participation, timeliness: Timeliness) -> JudgedReview {
        let (verdict, due) = match timeliness {
            Timeliness::OnTime { due } => (Verdict::OnTime, due),
            Timeliness::Late { due } => (Verdict::Late, due),
            Timeliness::NotAssessable(why) => (Verdict::NotAssessable(why), date),
        };
        JudgedReview {
            date,
            participation,
            verdict,
            due,
        }
    }

    /// How the review was judged.
    pub fn timeliness(&self) -> Timeliness {
        match self.verdict {
            Verdict::OnTime => Timeliness::OnTime { due: self.due },
            Verdict::Late => Timeliness::Late { due: self.due },
            Verdict::NotAssessable(why) => Timeliness::NotAssessable(why),
        }
    }
}

/// The period of care (index in `periods`, in start order) holding `date`: the later-starting
/// one when two do (bad data), `None` when none does.
fn placed(periods: &[Period], date: Date) -> Option<usize> {
    periods.iter().rposition(|p| p.contains(date))
}

/// 1 April of the reporting year holding the earliest review in the whole input.
pub fn coverage_start(care: &Care) -> Option<Date> {
    let earliest = care.data.reviews.iter().map(|r| r.date).min()?;
    ReportingYear::ending(ReportingYear::containing(earliest)).map(|y| y.start)
}

/// The reviews of a period of care so far, as far as the next due date depends on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chain {
    NoReview,
    One(Date),
    /// Two or more: the latest date.
    Several(Date),
}

impl Chain {
    /// The chain after a review held on `date` (reviews come in date order).
    fn then(self, date: Date) -> Chain {
        match self {
            Chain::NoReview => Chain::One(date),
            Chain::One(_) | Chain::Several(_) => Chain::Several(date),
        }
    }

    /// When the next review is due: review 1 on the 20th working day after the period's
    /// start, review 2 three months after review 1, each later one six months after the last.
    fn next_due(self, calendar: &Calendar, period_start: Date) -> Date {
        match self {
            Chain::NoReview => calendar.working_days_after(period_start, 20),
            Chain::One(first) => add_months(first, 3),
            Chain::Several(latest) => add_months(latest, 6),
        }
    }
}

/// Every review of the data judged ([`judge_all`]), grouped by child.
pub struct Judged {
    /// One child's reviews after another, each child's in date order ([`Judged::of`]): in one
    /// list, not a `Vec` a child, so that judging a million reviews allocates (and frees) a
    /// few lists rather than one for each of 85,000 children.
    reviews: Vec<JudgedReview>,
    /// Child `c`'s reviews are `reviews[starts[c]..starts[c + 1]]`.
    starts: Vec<u32>,
}

impl Judged {
    /// The child's reviews, in date order.
    pub fn of(&self, child: ChildIdx) -> &[JudgedReview] {
        let c = child as usize;
        &self.reviews[self.starts[c] as usize..self.starts[c + 1] as usize]
    }

    /// [`Judged::of`] every child, in child order.
    pub fn every_child(&self) -> impl Iterator<Item = &[JudgedReview]> + '_ {
        self.starts
            .windows(2)
            .map(|w| &self.reviews[w[0] as usize..w[1] as usize])
    }

    /// Every review, child by child.
    pub fn all(&self) -> &[JudgedReview] {
        &self.reviews
    }
}

/// Judges every review of the data, grouped by child, each child's in date order.
pub fn judge_all(care: &Care, calendar: &Calendar, coverage: Option<Date>) -> Judged {
    let all = &care.data.reviews;
    let n = care.child_count();
    let (mut order, starts) = group_by_child(n, all.iter().map(|r| r.child).enumerate());
    let mut out = Vec::with_capacity(all.len());
    let mut chain = Vec::new();
    for child in 0..n {
        let reviews = &mut order[starts[child] as usize..starts[child + 1] as usize];
        reviews.sort_by_key(|&i| all[i as usize].date);
        let periods = care.periods_of(child as ChildIdx);
        chain.clear();
        chain.resize(periods.len(), Chain::NoReview);
        for &i in reviews.iter() {
            let r = &all[i as usize];
            let timeliness = match placed(periods, r.date) {
                None => Timeliness::NotAssessable(NotAssessable::OutsideCare),
                Some(p) => {
                    let before = chain[p];
                    let start = periods[p].start;
                    let due = before.next_due(calendar, start);
                    chain[p] = before.then(r.date);
                    if before == Chain::NoReview && coverage.is_some_and(|c| start < c) {
                        Timeliness::NotAssessable(NotAssessable::ChainIncomplete)
                    } else if r.date <= due {
                        Timeliness::OnTime { due }
                    } else {
                        Timeliness::Late { due }
                    }
                }
            };
            out.push(JudgedReview::new(
                r.date,
                participation(r.code.as_str()),
                timeliness,
            ));
        }
    }
    Judged {
        reviews: out,
        starts,
    }
}

/// The next review due for a cohort child in its current period of care, or `None` when it
/// cannot be known (the period started before the coverage start and the data holds fewer than
/// two of its reviews, or no reviews were loaded at all).
pub fn next_due(
    care: &Care,
    judged: &[JudgedReview],
    c: &CohortChild,
    calendar: &Calendar,
    coverage: Option<Date>,
    by: Date,
) -> Option<Date> {
    let coverage = coverage?;
    let periods = care.periods_of(c.child);
    let p = periods.iter().position(|p| p.holds(c.open))?;
    // Judged reviews are in date order, so folding them gives the chain held by `by`.
    let held = judged
        .iter()
        .filter(|j| j.date <= by && placed(periods, j.date) == Some(p))
        .fold(Chain::NoReview, |chain, j| chain.then(j.date));
    if periods[p].start < coverage && !matches!(held, Chain::Several(_)) {
        return None;
    }
    Some(held.next_due(calendar, periods[p].start))
}

/// The review figures of one year of the trend.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearReviews {
    pub held: u64,
    pub on_time: u64,
    pub assessable: u64,
    /// Reviews held by participation code.
    pub participation: Breakdown<Participation>,
}

/// The review figures of each of `years`, from [`judge_all`]'s judgement of every review (the
/// one [`reviews`] counts), for the trend.
pub fn year_reviews(judged: &Judged, years: &[ReportingYear]) -> Vec<YearReviews> {
    let mut out = vec![YearReviews::default(); years.len()];
    for j in judged.all() {
        for (year, counts) in years.iter().zip(out.iter_mut()) {
            if year.contains(j.date) {
                counts.held += 1;
                counts.participation.add(j.participation);
                match j.timeliness() {
                    Timeliness::OnTime { .. } => {
                        counts.on_time += 1;
                        counts.assessable += 1;
                    }
                    Timeliness::Late { .. } => counts.assessable += 1,
                    Timeliness::NotAssessable(_) => {}
                }
            }
        }
    }
    out
}

/// Every review figure of the year.
pub fn reviews(
    care: &Care,
    cohort: &[CohortChild],
    year: ReportingYear,
    calendar: &Calendar,
) -> Reviews {
    let judged = judge_all(care, calendar, coverage_start(care));
    reviews_judged(care, cohort, year, calendar, &judged)
}

/// [`reviews`], given [`judge_all`]'s judgement (made once when several years are counted).
pub fn reviews_judged(
    care: &Care,
    cohort: &[CohortChild],
    year: ReportingYear,
    calendar: &Calendar,
    judged: &Judged,
) -> Reviews {
    let coverage = coverage_start(care);
    let months = year.months();
    let mut by_month = vec![MonthReviews::default(); months.len()];
    let mut out = Reviews {
        coverage_start: coverage,
        ..Default::default()
    };
    // Child by child, for the late list's IDs and each child's latest review held in the year
    // (judged reviews are in date order, and a child has at most one review a day).
    for (child, reviews) in judged.every_child().enumerate() {
        let mut latest = None;
        for j in reviews.iter().filter(|j| year.contains(j.date)) {
            out.held += 1;
            // Months since April of the year's start: 0..=11 for a date in the year.
            let k = (j.date.year() - year.start.year()) * 12 + j.date.month() as i32 - 4;
            let month = &mut by_month[k.clamp(0, 11) as usize];
            month.held += 1;
            match j.timeliness() {
                Timeliness::OnTime { .. } => {
                    out.on_time += 1;
                    month.on_time += 1;
                }
                Timeliness::Late { due } => {
                    out.late += 1;
                    month.late += 1;
                    out.late_list.push(LateReview {
                        child: care.data.children[child].clone(),
                        held: j.date,
                        due,
                        days_late: (j.date - due).num_days(),
                    });
                }
                Timeliness::NotAssessable(_) => {
                    out.not_assessable += 1;
                    month.not_assessable += 1;
                }
            }
            out.participation.add(j.participation);
            latest = Some(j);
        }
        if let Some(latest) = latest {
            out.children_reviewed += 1;
            out.latest_review_participation.add(latest.participation);
        }
    }
    out.by_month = months.into_iter().zip(by_month).collect::<BTreeMap<_, _>>();
    out.assessable = out.on_time + out.late;
    out.late_list
        .sort_by(|a, b| (&a.held, &a.child).cmp(&(&b.held, &b.child)));
    for c in cohort {
        let due = next_due(care, judged.of(c.child), c, calendar, coverage, year.end);
        if let Some(due) = due.filter(|due| *due <= year.end) {
            out.overdue_list.push(OverdueChild {
                child: care.data.children[c.child as usize].clone(),
                due,
                days_overdue: (year.end - due).num_days(),
            });
        }
    }
    out.overdue_list.sort_by(|a, b| a.child.cmp(&b.child));
    out.overdue_at_year_end = out.overdue_list.len() as u64;
    out
}

/// The participation key of a `REVIEW_CODE` (upper-cased by the model).
fn participation(code: &str) -> Participation {
    match code {
        "PN0" => Participation::Pn0,
        "PN1" => Participation::Pn1,
        "PN2" => Participation::Pn2,
        "PN3" => Participation::Pn3,
        "PN4" => Participation::Pn4,
        "PN5" => Participation::Pn5,
        "PN6" => Participation::Pn6,
        "PN7" => Participation::Pn7,
        _ => Participation::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_judged_review_keeps_its_timeliness_in_twelve_bytes() {
        let held = day(2024, 5, 10);
        for timeliness in [
            Timeliness::OnTime {
                due: day(2024, 5, 31),
            },
            Timeliness::Late {
                due: day(2024, 4, 30),
            },
            Timeliness::NotAssessable(NotAssessable::OutsideCare),
            Timeliness::NotAssessable(NotAssessable::ChainIncomplete),
        ] {
            let j = JudgedReview::new(held, Participation::Pn3, timeliness);
            assert_eq!(j.timeliness(), timeliness);
            assert_eq!((j.date, j.participation), (held, Participation::Pn3));
        }
        assert_eq!(std::mem::size_of::<JudgedReview>(), 12);
    }

    #[test]
    fn a_review_in_two_periods_is_placed_in_the_later_starting_one() {
        // Period 0 runs 1 January to 31 March 2023; period 1 starts 1 March 2023 and is open
        // (overlapping episodes), so 1 to 31 March are in both.
        let periods = [
            Period {
                start: day(2023, 1, 1),
                end: Some(day(2023, 3, 31)),
                first: 0,
                last: 0,
            },
            Period {
                start: day(2023, 3, 1),
                end: None,
                first: 1,
                last: 1,
            },
        ];
        assert_eq!(placed(&periods, day(2022, 12, 31)), None);
        assert_eq!(placed(&periods, day(2023, 1, 1)), Some(0));
        assert_eq!(placed(&periods, day(2023, 2, 28)), Some(0));
        assert_eq!(placed(&periods, day(2023, 3, 1)), Some(1));
        assert_eq!(placed(&periods, day(2023, 3, 31)), Some(1));
        assert_eq!(placed(&periods, day(2030, 1, 1)), Some(1));
    }
}

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
use crate::model::{ChildIdx, Date, Review};
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

/// A review with its judgement: what the counts read of it. One child's at a time
/// ([`reviews_and_trend`]), so nothing points back into the data; the period a review belongs
/// to is found again (`placed`) for the cohort's next due date only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JudgedReview {
    /// The review's date (`REVIEW`).
    pub date: Date,
    /// The participation key of its `REVIEW_CODE`.
    pub participation: Participation,
    pub timeliness: Timeliness,
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

/// Judges one child's reviews held from `counted.0` to `counted.1` (both inclusive), `reviews`
/// in date order, pushing each onto `out` in that order, against the child's `periods` of
/// care. An earlier review is only chained (the due dates after it depend on it), a later one
/// not read. `chain` is room for the periods' chains, reused from child to child, and is left
/// holding each period's chain by `counted.1`.
fn judge_child<'r>(
    reviews: impl Iterator<Item = &'r Review>,
    periods: &[Period],
    calendar: &Calendar,
    coverage: Option<Date>,
    counted: (Date, Date),
    chain: &mut Vec<Chain>,
    out: &mut Vec<JudgedReview>,
) {
    chain.clear();
    chain.resize(periods.len(), Chain::NoReview);
    for r in reviews.take_while(|r| r.date <= counted.1) {
        let place = placed(periods, r.date);
        if r.date < counted.0 {
            if let Some(p) = place {
                chain[p] = chain[p].then(r.date);
            }
            continue;
        }
        let timeliness = match place {
            None => Timeliness::NotAssessable(NotAssessable::OutsideCare),
            Some(p) => {
                let before = chain[p];
                let start = periods[p].start;
                chain[p] = before.then(r.date);
                if before == Chain::NoReview && coverage.is_some_and(|c| start < c) {
                    Timeliness::NotAssessable(NotAssessable::ChainIncomplete)
                } else {
                    let due = before.next_due(calendar, start);
                    if r.date <= due {
                        Timeliness::OnTime { due }
                    } else {
                        Timeliness::Late { due }
                    }
                }
            }
        };
        out.push(JudgedReview {
            date: r.date,
            // A code not held inline is longer than 8 bytes, so no participation code.
            participation: participation(r.code.as_inline().unwrap_or("")),
            timeliness,
        });
    }
}

/// The next review due for a cohort child in its current period of care, from the chain of
/// each of its `periods` ([`judge_child`]'s, by the day the due date is wanted for), or `None`
/// when it cannot be known (the period started before the coverage start and the data holds
/// fewer than two of its reviews, or no reviews were loaded at all).
fn next_due(
    periods: &[Period],
    chain: &[Chain],
    c: &CohortChild,
    calendar: &Calendar,
    coverage: Option<Date>,
) -> Option<Date> {
    let coverage = coverage?;
    let p = periods.iter().position(|p| p.holds(c.open as usize))?;
    let held = *chain.get(p)?;
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

impl YearReviews {
    /// Counts one more review held in the year.
    fn add(&mut self, j: &JudgedReview) {
        self.held += 1;
        self.participation.add(j.participation);
        match j.timeliness {
            Timeliness::OnTime { .. } => {
                self.on_time += 1;
                self.assessable += 1;
            }
            Timeliness::Late { .. } => self.assessable += 1,
            Timeliness::NotAssessable(_) => {}
        }
    }
}

/// Every review figure of the year.
pub fn reviews(
    care: &Care,
    cohort: &[CohortChild],
    year: ReportingYear,
    calendar: &Calendar,
) -> Reviews {
    reviews_and_trend(care, cohort, year, calendar, &[]).0
}

/// [`reviews`] of `year`, with the trend's [`YearReviews`] of each of `years` (in that order;
/// none may end after `year`: the trend's are it and the years before it), from one walk over
/// the children that judges each child's reviews and counts them at once. Why one walk: at
/// England scale the judgements of two million reviews are then never all kept (25 MB while
/// the report was counted), nor walked again for the trend. `cohort` is in child order, as
/// [`super::years::Walk::cohort`] gives it.
pub fn reviews_and_trend(
    care: &Care,
    cohort: &[CohortChild],
    year: ReportingYear,
    calendar: &Calendar,
    years: &[ReportingYear],
) -> (Reviews, Vec<YearReviews>) {
    let coverage = coverage_start(care);
    let all = &care.data.reviews;
    let n = care.child_count();
    let (mut order, starts) = group_by_child(n, all.iter().map(|r| r.child).enumerate());
    let months = year.months();
    let mut by_month = vec![MonthReviews::default(); months.len()];
    let mut out = Reviews {
        coverage_start: coverage,
        ..Default::default()
    };
    let mut trend = vec![YearReviews::default(); years.len()];
    // Only reviews held in a year counted are judged: at England scale most of a child's
    // reviews (back to 2001) are held before the trend's first year, and only chained.
    debug_assert!(years.iter().all(|y| y.end <= year.end));
    let first_day = years.iter().map(|y| y.start).fold(year.start, Date::min);
    let counted = (first_day, year.end);
    debug_assert!(cohort.is_sorted_by_key(|c| c.child));
    let mut cohort = cohort.iter().peekable();
    let (mut chain, mut judged) = (Vec::new(), Vec::new());
    for child in 0..n {
        let list = &mut order[starts[child] as usize..starts[child + 1] as usize];
        list.sort_by_key(|&i| all[i as usize].date);
        let periods = care.periods_of(child as ChildIdx);
        judged.clear();
        judge_child(
            list.iter().map(|&i| &all[i as usize]),
            periods,
            calendar,
            coverage,
            counted,
            &mut chain,
            &mut judged,
        );
        // The child's latest review held in the year is the last counted (reviews are in date
        // order, and a child has at most one review a day).
        let mut latest = None;
        for j in judged.iter().filter(|j| year.contains(j.date)) {
            out.held += 1;
            // Months since April of the year's start: 0..=11 for a date in the year.
            let k = (j.date.year() - year.start.year()) * 12 + j.date.month() as i32 - 4;
            let month = &mut by_month[k.clamp(0, 11) as usize];
            month.held += 1;
            match j.timeliness {
                Timeliness::OnTime { .. } => {
                    out.on_time += 1;
                    month.on_time += 1;
                }
                Timeliness::Late { due } => {
                    out.late += 1;
                    month.late += 1;
                    out.late_list.push(LateReview {
                        child: care.data.children[child].to_string(),
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
        for j in &judged {
            for (y, counts) in years.iter().zip(trend.iter_mut()) {
                if y.contains(j.date) {
                    counts.add(j);
                }
            }
        }
        if let Some(c) = cohort.next_if(|c| c.child as usize == child) {
            // The chain is the one by the year's end, the last day judged.
            let due = next_due(periods, &chain, c, calendar, coverage);
            if let Some(due) = due.filter(|due| *due <= year.end) {
                out.overdue_list.push(OverdueChild {
                    child: care.data.children[child].to_string(),
                    due,
                    days_overdue: (year.end - due).num_days(),
                });
            }
        }
    }
    out.by_month = months.into_iter().zip(by_month).collect::<BTreeMap<_, _>>();
    out.assessable = out.on_time + out.late;
    out.late_list
        .sort_by(|a, b| (&a.held, &a.child).cmp(&(&b.held, &b.child)));
    out.overdue_list.sort_by(|a, b| a.child.cmp(&b.child));
    out.overdue_at_year_end = out.overdue_list.len() as u64;
    (out, trend)
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
    fn reviews_before_the_years_counted_are_chained_and_later_ones_not_read() {
        // One open period from 1 January 2023 (after the coverage start, 1 April 2022);
        // counted: the year ending 2024, 1 April 2023 to 31 March 2024.
        // * 20 January 2023, before it: review 1, chained, not judged.
        // * 1 April 2023, its first day: review 2, due 20 January + 3 months = 20 April: on
        //   time. (Were review 1 not chained it would be review 1, due 20 working days after 1
        //   January, and late.)
        // * 1 November 2023: review 3, due 1 April + 6 months = 1 October: late.
        // * 31 March 2024, its last day: review 4, due 1 November + 6 months = 1 May 2024: on
        //   time.
        // * 1 May 2024, after it: not read, so the chain by 31 March 2024 is review 4's and
        //   the next review is due 31 March + 6 months, clamped: 30 September 2024.
        let periods = [Period {
            start: day(2023, 1, 1),
            end: None,
            first: 0,
            last: 0,
        }];
        let review = |date| Review {
            child: 0,
            date,
            code: crate::measures::care::tests::code("PN1"),
        };
        let reviews = [
            review(day(2023, 1, 20)),
            review(day(2023, 4, 1)),
            review(day(2023, 11, 1)),
            review(day(2024, 3, 31)),
            review(day(2024, 5, 1)),
        ];
        let calendar = Calendar::england_and_wales(&[]);
        let coverage = Some(day(2022, 4, 1));
        let (mut chain, mut out) = (Vec::new(), Vec::new());
        let counted = (day(2023, 4, 1), day(2024, 3, 31));
        judge_child(
            reviews.iter(),
            &periods,
            &calendar,
            coverage,
            counted,
            &mut chain,
            &mut out,
        );
        let judged = |date, timeliness| JudgedReview {
            date,
            participation: Participation::Pn1,
            timeliness,
        };
        let on_time = |due| Timeliness::OnTime { due };
        let late = |due| Timeliness::Late { due };
        assert_eq!(
            out,
            [
                judged(day(2023, 4, 1), on_time(day(2023, 4, 20))),
                judged(day(2023, 11, 1), late(day(2023, 10, 1))),
                judged(day(2024, 3, 31), on_time(day(2024, 5, 1))),
            ]
        );
        assert_eq!(chain, [Chain::Several(day(2024, 3, 31))]);
        let child = CohortChild { child: 0, open: 0 };
        let due = next_due(&periods, &chain, &child, &calendar, coverage);
        assert_eq!(due, Some(day(2024, 9, 30)));
    }

    #[test]
    fn the_next_review_of_a_period_started_before_the_coverage_is_known_after_two_reviews() {
        // The period started 1 January 2023, before a coverage start of 1 April 2023: with one
        // review in the data (20 April 2023) the chain may miss earlier ones, so not known;
        // with two (the later 1 June 2023), due 1 June + 6 months = 1 December 2023. With no
        // reviews loaded (no coverage start) never known.
        let periods = [Period {
            start: day(2023, 1, 1),
            end: None,
            first: 0,
            last: 0,
        }];
        let calendar = Calendar::england_and_wales(&[]);
        let child = CohortChild { child: 0, open: 0 };
        let coverage = Some(day(2023, 4, 1));
        let one = [Chain::One(day(2023, 4, 20))];
        let several = [Chain::Several(day(2023, 6, 1))];
        assert_eq!(next_due(&periods, &one, &child, &calendar, coverage), None);
        assert_eq!(
            next_due(&periods, &several, &child, &calendar, coverage),
            Some(day(2023, 12, 1))
        );
        assert_eq!(next_due(&periods, &several, &child, &calendar, None), None);
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

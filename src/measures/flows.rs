//! Children starting and ceasing to be looked after, and month-end counts (MEASURES.md section 2).

use std::collections::BTreeMap;

use super::calendar::ReportingYear;
use super::care::Care;
use crate::model::{ChildIdx, Date, Episode};
use crate::report::Ceased;

/// Whether `e` starts a child's care in the year: `RNE = S` and `DECOM` in the year.
fn starts_care_in(e: &Episode, year: ReportingYear) -> bool {
    e.rne.is("S") && year.contains(e.decom)
}

/// When `child` started to be looked after in the year, if it did: the `DECOM` of its latest
/// episode that starts its care in the year (`starts_care_in`). `started` counts the children
/// who did; `started_uasc` those of them who arrived as unaccompanied asylum-seeking children
/// (MEASURES.md section 10): listed in the UASC table with `DUC` blank or on or after this
/// date (the contract's reading; any of the child's UASC rows may qualify, so
/// [`super::cohort::uasc_ceased`] on or after it).
pub fn started_on(care: &Care, child: ChildIdx, year: ReportingYear) -> Option<Date> {
    care.episodes_of(child)
        .iter()
        .map(|&i| &care.data.episodes[i as usize])
        .filter(|e| starts_care_in(e, year))
        .map(|e| e.decom)
        .max()
}

/// The episode by which `child` ceased to be looked after in the year, if it did: of its
/// episodes whose `REC` is present and not `X1` and whose `DEC` is in the year, the latest
/// (latest `DEC`; on the same day, the later `DECOM`, then the later input row). [`Ceased`]
/// counts the children by its `REC` ([`count_leaver`]).
pub fn ceased_by<'a>(care: &Care<'a>, child: ChildIdx, year: ReportingYear) -> Option<&'a Episode> {
    // The list is sorted by (DECOM, input row): the maximum of (DEC, position) is the latest.
    care.episodes_of(child)
        .iter()
        .enumerate()
        .map(|(k, &i)| (k, &care.data.episodes[i as usize]))
        .filter(|(_, e)| !e.rec.is_empty() && !e.rec.is("X1"))
        .filter_map(|(k, e)| e.dec.filter(|d| year.contains(*d)).map(|d| ((d, k), e)))
        .max_by_key(|(key, _)| *key)
        .map(|(_, e)| e)
}

/// Counts one more child in `ceased`, under the `REC` of its [`ceased_by`] episode.
pub fn count_leaver(ceased: &mut Ceased, rec: &str) {
    ceased.total += 1;
    match ceased.reason.get_mut(rec) {
        Some(n) => *n += 1,
        None => {
            ceased.reason.insert(rec.to_string(), 1);
        }
    }
}

/// Children with an episode open at each of the year's 12 month ends, counted one child at a
/// time; [`MonthEnds::counted`] keys them by the month end (`YYYY-MM-DD`).
pub struct MonthEnds {
    ends: Vec<Date>,
    counts: Vec<u64>,
}

impl MonthEnds {
    /// No child counted yet, for the month ends of `year`.
    pub fn new(year: ReportingYear) -> MonthEnds {
        let ends = year.month_ends();
        let counts = vec![0; ends.len()];
        MonthEnds { ends, counts }
    }

    /// Counts `child` at each month end one of its episodes is open at.
    pub fn add(&mut self, care: &Care, child: ChildIdx) {
        let (Some(&first), Some(&last)) = (self.ends.first(), self.ends.last()) else {
            return;
        };
        let mut open = 0u16;
        for &i in care.episodes_of(child) {
            let e = &care.data.episodes[i as usize];
            // Most of a child's history is open at none of them: passed at once.
            if e.decom > last || e.dec.is_some_and(|dec| dec <= first) {
                continue;
            }
            for (m, &d) in self.ends.iter().enumerate() {
                if e.is_open_at(d) {
                    open |= 1 << m;
                }
            }
        }
        for (m, count) in self.counts.iter_mut().enumerate() {
            if open & (1 << m) != 0 {
                *count += 1;
            }
        }
    }

    /// Adds the counts of `other`, which counted other children at the same year's month ends
    /// ([`super::years`] counts a chunk of the children on each core).
    pub fn add_counts(&mut self, other: MonthEnds) {
        let MonthEnds { ends, counts } = other;
        debug_assert_eq!(ends, self.ends);
        for (count, more) in self.counts.iter_mut().zip(counts) {
            *count += more;
        }
    }

    /// The children counted at each month end.
    pub fn counted(self) -> BTreeMap<Date, u64> {
        self.ends.into_iter().zip(self.counts).collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    pub(crate) use crate::measures::care::tests::day;
    use crate::measures::care::tests::{details, episode};
    use crate::model::{Dataset, RecordedDistance};

    /// Five children around the year ending 31 March 2024 (month ends 30 April 2023 ... 31
    /// March 2024).
    /// * 0: S 1 May-1 June 2023, S 1 January-1 February 2024, then L from 1 February 2024,
    ///   open: open at the May, January, February and March ends; starts 1 May 2023 and 1
    ///   January 2024.
    /// * 1: S from 1 March 2023 (the year before), open: open at all 12; no start in the year.
    /// * 2: S 1 January 2001-30 April 2023: ends on the first month end, so open at none.
    /// * 3: S 1 January 2001-1 May 2023: open at the April end only.
    /// * 4: S from 31 March 2024, and S from 1 April 2024 (the year after), both open: open at
    ///   the March end; starts 31 March 2024.
    pub(crate) fn five_children() -> Dataset {
        // Every distance recorded as not known.
        Dataset {
            episode_details: vec![details(RecordedDistance::NotKnown); 8],
            children: ["A", "B", "C", "D", "E"].into_iter().collect(),
            episodes: vec![
                episode(0, "S", day(2023, 5, 1), Some(day(2023, 6, 1))),
                episode(0, "S", day(2024, 1, 1), Some(day(2024, 2, 1))),
                episode(0, "L", day(2024, 2, 1), None),
                episode(1, "S", day(2023, 3, 1), None),
                episode(2, "S", day(2001, 1, 1), Some(day(2023, 4, 30))),
                episode(3, "S", day(2001, 1, 1), Some(day(2023, 5, 1))),
                episode(4, "S", day(2024, 4, 1), None),
                episode(4, "S", day(2024, 3, 31), None),
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn a_child_starts_on_its_latest_s_episode_starting_in_the_year() {
        let data = five_children();
        let care = Care::new(&data);
        let year = ReportingYear::ending(2024).unwrap();
        let started: Vec<Option<Date>> = (0..5).map(|c| started_on(&care, c, year)).collect();
        // Child 0: 1 May 2023 and 1 January 2024 (the L of 1 February is no start); child 4:
        // 31 March 2024 (1 April 2024 is in the next year).
        assert_eq!(
            started,
            [
                Some(day(2024, 1, 1)),
                None,
                None,
                None,
                Some(day(2024, 3, 31))
            ]
        );
        let before = ReportingYear::ending(2023).unwrap();
        assert_eq!(started_on(&care, 1, before), Some(day(2023, 3, 1)));
        assert_eq!(started_on(&care, 0, before), None);
    }

    #[test]
    fn month_ends_count_each_child_open_at_each_end() {
        let data = five_children();
        let care = Care::new(&data);
        let mut counts = MonthEnds::new(ReportingYear::ending(2024).unwrap());
        for child in 0..5 {
            counts.add(&care, child);
        }
        // April: children 1 and 3; May: 0 and 1; June to December: 1 alone; January and
        // February: 0 and 1; March: 0, 1 and 4.
        let counted: Vec<(Date, u64)> = counts.counted().into_iter().collect();
        assert_eq!(
            counted,
            [
                (day(2023, 4, 30), 2),
                (day(2023, 5, 31), 2),
                (day(2023, 6, 30), 1),
                (day(2023, 7, 31), 1),
                (day(2023, 8, 31), 1),
                (day(2023, 9, 30), 1),
                (day(2023, 10, 31), 1),
                (day(2023, 11, 30), 1),
                (day(2023, 12, 31), 1),
                (day(2024, 1, 31), 2),
                (day(2024, 2, 29), 2),
                (day(2024, 3, 31), 3),
            ]
        );
    }
}

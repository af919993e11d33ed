//! Each child's episodes in date order and their periods of care, built once per report.
//!
//! Short breaks (`LS` V3/V4) are dropped here, before anything is counted (MEASURES.md
//! section 0). A period of care starts at a child's first episode and at every episode with
//! `RNE = S` or whose `DECOM` is not the previous episode's `DEC` (a gap); it ends at the `DEC`
//! of its last episode, or is open (section 3.1).

use std::ops::Range;
use std::sync::atomic::{AtomicU8, Ordering};

use super::distance::{distance_group, DistanceGroup};
use crate::model::{ChildIdx, Dataset, Date, Episode, EpisodeDetails};

/// One period of care: `[start, end]` with `end` inclusive, `None` while open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Option<Date>,
    /// Positions in the child's sorted episode list: `first..=last` (`u32`, as the list's
    /// indices are: 16 bytes a period, not 24).
    pub first: u32,
    pub last: u32,
}

impl Period {
    /// Whether `d` is in `[start, end]` (end inclusive; an open period has no end).
    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
    }

    /// Whether the episode at position `k` of the child's sorted list is in the period.
    pub fn holds(&self, k: usize) -> bool {
        self.first as usize <= k && k <= self.last as usize
    }
}

/// The indices of `items` (each an index and the child it belongs to) grouped by child, in
/// one list rather than a `Vec` a child: `order` holds child 0's, then child 1's and so on,
/// each child's in the order given, and child `c`'s are `order[starts[c]..starts[c + 1]]`
/// (`starts` has `children + 1` entries). Counted, then placed: two passes over `items`.
pub(crate) fn group_by_child(
    children: usize,
    items: impl Iterator<Item = (usize, ChildIdx)> + Clone,
) -> (Vec<u32>, Vec<u32>) {
    let mut starts = vec![0u32; children + 1];
    for (_, child) in items.clone() {
        starts[child as usize + 1] += 1;
    }
    for c in 0..children {
        starts[c + 1] += starts[c];
    }
    let mut filled = starts.clone();
    let mut order = vec![0u32; starts[children] as usize];
    for (i, child) in items {
        let at = &mut filled[child as usize];
        order[*at as usize] = i as u32;
        *at += 1;
    }
    (order, starts)
}

/// Episodes (without short breaks) and periods of care, per child.
pub struct Care<'a> {
    pub data: &'a Dataset,
    /// Every child's episodes as indices into `data.episodes`, one child's after another,
    /// each child's sorted by `DECOM`, then input order ([`Care::episodes_of`]). In one list
    /// rather than a `Vec` per child, the measures' passes over every child read them in
    /// order instead of from 300,000 places at England scale.
    order: Vec<u32>,
    /// Child `c`'s episodes are `order[starts[c]..starts[c + 1]]`.
    starts: Vec<u32>,
    /// Every child's periods of care, one child's after another, each child's in start order
    /// ([`Care::periods_of`]): in one list, as `order`, where a `Vec` a child held room for
    /// four periods each (96 bytes a child, 30 MB at England scale) and was one allocation of
    /// 300,000.
    periods: Vec<Period>,
    /// Child `c`'s periods are `periods[period_starts[c]..period_starts[c + 1]]`.
    period_starts: Vec<u32>,
    /// Each episode's distance group (by index in `data.episodes`), worked out the first time
    /// it is asked for: looking two postcodes up costs more than the rest of an episode's
    /// figures, and an episode open at several 31 Marches is asked for once per trend year.
    /// One byte an episode ([`cached_group`]), where a `OnceLock` took eight (9 MB at England
    /// scale); atomic because the trend's years share the `Care` between threads, where two
    /// that work out the same episode at once store the same byte.
    distance: Vec<AtomicU8>,
}

impl<'a> Care<'a> {
    /// Groups and sorts every child's episodes and cuts them into periods of care.
    pub fn new(data: &'a Dataset) -> Care<'a> {
        let n = data.children.len();
        let counted = || {
            data.episodes
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.is_short_break())
        };
        let (mut order, starts) = group_by_child(n, counted().map(|(i, e)| (i, e.child)));
        let mut periods = Vec::new();
        let mut period_starts = Vec::with_capacity(n + 1);
        period_starts.push(0);
        for c in 0..n {
            let list = &mut order[starts[c] as usize..starts[c + 1] as usize];
            list.sort_by_key(|&i| (data.episodes[i as usize].decom, i));
            cut_periods(
                list.iter().map(|&i| &data.episodes[i as usize]),
                &mut periods,
            );
            period_starts.push(periods.len() as u32);
        }
        periods.shrink_to_fit();
        Care {
            data,
            order,
            starts,
            periods,
            period_starts,
            distance: std::iter::repeat_with(|| AtomicU8::new(NOT_YET))
                .take(data.episodes.len())
                .collect(),
        }
    }

    /// The child's episodes (short breaks excluded): indices into `data.episodes`, sorted by
    /// `DECOM`, then input order.
    pub fn episodes_of(&self, child: ChildIdx) -> &[u32] {
        let c = child as usize;
        &self.order[self.starts[c] as usize..self.starts[c + 1] as usize]
    }

    /// [`Care::episodes_of`] every child, in child order.
    pub fn every_child(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.starts
            .windows(2)
            .map(|w| &self.order[w[0] as usize..w[1] as usize])
    }

    /// The child's periods of care, in start order.
    pub fn periods_of(&self, child: ChildIdx) -> &[Period] {
        let c = child as usize;
        &self.periods[self.period_starts[c] as usize..self.period_starts[c + 1] as usize]
    }

    /// The earliest `DECOM` of the episodes (short breaks excluded): the earliest start of a
    /// period of care, as each child's first period starts at its earliest episode. `None`
    /// without episodes.
    pub fn earliest_start(&self) -> Option<Date> {
        self.periods.iter().map(|p| p.start).min()
    }

    /// The child's episode at position `k` of its sorted list.
    pub fn episode(&self, child: ChildIdx, k: usize) -> &'a Episode {
        &self.data.episodes[self.episodes_of(child)[k] as usize]
    }

    /// The details of the child's episode at position `k` (as [`Care::episode`]).
    pub fn details(&self, child: ChildIdx, k: usize) -> &'a EpisodeDetails {
        &self.data.episode_details[self.episodes_of(child)[k] as usize]
    }

    /// [`distance_group`] of the child's `k`th episode (as [`Care::episode`]).
    pub fn distance_group(&self, child: ChildIdx, k: usize) -> DistanceGroup {
        let i = self.episodes_of(child)[k] as usize;
        cached_group(self.distance[i].load(Ordering::Relaxed)).unwrap_or_else(|| {
            let group = distance_group(self.data, &self.data.episode_details[i]);
            self.distance[i].store(group_byte(group), Ordering::Relaxed);
            group
        })
    }

    /// Works out [`Care::distance_group`] of each of `episodes` (a child and a position in its
    /// sorted list, as [`Care::episode`]) before it is asked for, in the order of
    /// `data.episodes`. Why: an episode's details are 64 bytes of a table of 64 MB at England
    /// scale; looked up when the walk over the children first asked for them, each read was
    /// waited on alone, between the walk's other work. Here they are read in the table's order,
    /// copied `DISTANCE_BATCH` at a time (reads the processor waits on together), and their
    /// postcodes looked up after, one after another. Natively the batches are shared out
    /// between the machine's cores (each episode's byte is its own, stored by whichever
    /// thread works it out); in the page's worker they are done one after another.
    pub fn work_out_distances(&self, episodes: impl Iterator<Item = (ChildIdx, usize)>) {
        for (child, k) in episodes {
            let byte = &self.distance[self.episodes_of(child)[k] as usize];
            if byte.load(Ordering::Relaxed) == NOT_YET {
                byte.store(WANTED, Ordering::Relaxed);
            }
        }
        let wanted: Vec<usize> = (self.distance.iter().enumerate())
            .filter(|(_, byte)| byte.load(Ordering::Relaxed) == WANTED)
            .map(|(i, _)| i)
            .collect();
        let batches: Vec<&[usize]> = wanted.chunks(DISTANCE_BATCH).collect();
        super::map_parallel(&batches, |batch| {
            let details: Vec<EpisodeDetails> = batch
                .iter()
                .map(|&i| self.data.episode_details[i].clone())
                .collect();
            // An episode with the previous one's recorded distance and postcodes (often the
            // same child's next episode, in the same placement) has its group.
            let mut previous = None;
            for (&i, episode) in batch.iter().zip(&details) {
                let key = (episode.pl_distance, episode.home_post, episode.pl_post);
                let group = match previous {
                    Some((k, group)) if k == key => group,
                    _ => distance_group(self.data, episode),
                };
                previous = Some((key, group));
                self.distance[i].store(group_byte(group), Ordering::Relaxed);
            }
        });
    }

    /// The first and last day the child's episodes (short breaks excluded) reach: the earliest
    /// `DECOM` or `DEC` and the latest, [`Date::MAX`] while one is open; `None` without
    /// episodes. A day outside it is in no episode of the child, and neither starts nor ends
    /// one.
    pub fn span(&self, child: ChildIdx) -> Option<(Date, Date)> {
        // Both dates of each episode on both sides, so a `DEC` before its `DECOM` (which the
        // model rejects) would still be inside.
        (self.episodes_of(child).iter())
            .map(|&i| {
                let e = &self.data.episodes[i as usize];
                e.dec.map_or((e.decom, Date::MAX), |dec| {
                    (dec.min(e.decom), dec.max(e.decom))
                })
            })
            .reduce(|(first, last), (from, to)| (first.min(from), last.max(to)))
    }

    /// The position (in the child's sorted list) of the episode open at `d`: when several are
    /// open (bad data), the latest `DECOM` wins, ties going to the later input row.
    pub fn open_at(&self, child: ChildIdx, d: Date) -> Option<usize> {
        // Sorted by (DECOM, input order), so the last open one is the winner.
        self.episodes_of(child)
            .iter()
            .rposition(|&i| self.data.episodes[i as usize].is_open_at(d))
    }

    /// The period holding the episode at position `k`.
    pub fn period_of(&self, child: ChildIdx, k: usize) -> Option<&Period> {
        self.periods_of(child).iter().find(|p| p.holds(k))
    }

    /// Number of children (every child in the data, with or without episodes).
    pub fn child_count(&self) -> usize {
        self.starts.len() - 1
    }

    /// Every child, cut into `parts` runs of children one after another, each holding about as
    /// many episodes as the others (a run may be empty, when there are fewer children than
    /// parts or one child holds most episodes). Why by episodes: a walk over the children
    /// reads their episodes, from one to dozens a child, so runs of as many episodes take
    /// nearer the same time than runs of as many children.
    pub fn child_chunks(&self, parts: usize) -> Vec<Range<ChildIdx>> {
        let (n, episodes, parts) = (self.child_count(), self.order.len(), parts.max(1));
        let mut from = 0;
        (1..=parts)
            .map(|p| {
                let to = if p == parts {
                    n
                } else {
                    // The first child whose episodes start at or after the first p parts'.
                    let share = episodes * p / parts;
                    let at = self.starts.partition_point(|&s| (s as usize) < share);
                    at.clamp(from, n)
                };
                let run = from as ChildIdx..to as ChildIdx;
                from = to;
                run
            })
            .collect()
    }
}

/// [`Care::distance`]'s byte of an episode whose group is not yet worked out.
const NOT_YET: u8 = 0;

/// [`Care::distance`]'s byte of an episode [`Care::work_out_distances`] is about to work out:
/// not yet worked out, as [`NOT_YET`], to [`cached_group`].
const WANTED: u8 = 4;

/// How many episodes' details [`Care::work_out_distances`] copies at a time (64 KB of them).
const DISTANCE_BATCH: usize = 1024;

/// The byte [`Care::distance`] keeps for `group`: never [`NOT_YET`].
fn group_byte(group: DistanceGroup) -> u8 {
    match group {
        DistanceGroup::UpTo20 => 1,
        DistanceGroup::Over20 => 2,
        DistanceGroup::NotKnown => 3,
    }
}

/// The group [`group_byte`] gave `byte`; `None` for [`NOT_YET`].
fn cached_group(byte: u8) -> Option<DistanceGroup> {
    match byte {
        1 => Some(DistanceGroup::UpTo20),
        2 => Some(DistanceGroup::Over20),
        3 => Some(DistanceGroup::NotKnown),
        _ => None,
    }
}

/// Cuts one child's episodes, `sorted` as [`Care::episodes_of`], into periods of care, pushed
/// onto `periods` in start order.
fn cut_periods<'e>(sorted: impl Iterator<Item = &'e Episode>, periods: &mut Vec<Period>) {
    let child_from = periods.len();
    let mut previous_dec: Option<Option<Date>> = None;
    for (k, e) in (0u32..).zip(sorted) {
        let continues = match previous_dec {
            None => false,
            Some(prev) => !e.rne.is("S") && prev == Some(e.decom),
        };
        match periods[child_from..].last_mut() {
            Some(p) if continues => {
                p.last = k;
                p.end = e.dec;
            }
            _ => periods.push(Period {
                start: e.decom,
                end: e.dec,
                first: k,
                last: k,
            }),
        }
        previous_dec = Some(e.dec);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{PackedDistance, RecordedDistance, Text};

    pub(crate) fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).unwrap()
    }

    pub(crate) fn code(code: &str) -> Text {
        Text::inline(code, false).unwrap()
    }

    /// Every episode's distance byte as it stands ([`Care::work_out_distances`]).
    fn distance_bytes(care: &Care) -> Vec<u8> {
        (care.distance.iter())
            .map(|b| b.load(Ordering::Relaxed))
            .collect()
    }

    /// An episode's details: every text blank, `distance` recorded.
    pub(crate) fn details(distance: RecordedDistance) -> EpisodeDetails {
        let blank = code("");
        EpisodeDetails {
            home_post: blank,
            pl_post: blank,
            pl_la: blank,
            unread: EpisodeDetails::unread("", "", "", ""),
            pl_distance: PackedDistance::new(distance),
        }
    }

    pub(crate) fn episode(child: ChildIdx, rne: &str, decom: Date, dec: Option<Date>) -> Episode {
        Episode {
            child,
            decom,
            dec,
            rne: code(rne),
            ls: code("C2"),
            place: code("U1"),
            rec: code(if dec.is_some() { "E11" } else { "" }),
        }
    }

    #[test]
    fn a_distance_group_comes_back_from_its_cached_byte() {
        for group in [
            DistanceGroup::UpTo20,
            DistanceGroup::Over20,
            DistanceGroup::NotKnown,
        ] {
            assert_ne!(group_byte(group), NOT_YET);
            assert_ne!(group_byte(group), WANTED);
            assert_eq!(cached_group(group_byte(group)), Some(group));
        }
        assert_eq!(cached_group(NOT_YET), None);
        assert_eq!(cached_group(WANTED), None);
    }

    #[test]
    fn each_childs_periods_are_cut_from_its_own_episodes_in_one_list() {
        // Child 0: S 1 Jan-1 Feb 2020, then L from 1 Feb (no gap) to 1 Mar 2020: one period;
        // then S from 1 Jun 2020, open: a second. Child 1 has no episode, so no period. Child
        // 2: one episode, rows given before child 0's last, a period of its own.
        let data = Dataset {
            children: ["A", "B", "C"].into_iter().collect(),
            episodes: vec![
                episode(0, "S", day(2020, 1, 1), Some(day(2020, 2, 1))),
                episode(0, "S", day(2020, 6, 1), None),
                episode(2, "S", day(2021, 5, 5), None),
                episode(0, "L", day(2020, 2, 1), Some(day(2020, 3, 1))),
            ],
            ..Dataset::default()
        };
        let care = Care::new(&data);
        // Child 0's sorted list is rows 0, 3, 1: positions 0 and 1 are the first period.
        assert_eq!(care.episodes_of(0), [0, 3, 1]);
        let period = |start, end, first, last| Period {
            start,
            end,
            first,
            last,
        };
        assert_eq!(
            care.periods_of(0),
            [
                period(day(2020, 1, 1), Some(day(2020, 3, 1)), 0, 1),
                period(day(2020, 6, 1), None, 2, 2),
            ]
        );
        assert_eq!(care.periods_of(1), []);
        assert_eq!(care.periods_of(2), [period(day(2021, 5, 5), None, 0, 0)]);
        assert_eq!(care.period_of(0, 1), Some(&care.periods_of(0)[0]));
        assert_eq!(care.period_of(0, 2), Some(&care.periods_of(0)[1]));
        assert_eq!(care.period_of(0, 3), None);
    }

    #[test]
    fn distances_are_worked_out_for_the_episodes_asked_and_no_others() {
        // Child 0's rows 0 and 2 (positions 0 and 1), child 1's row 1 (position 0) and row 3
        // (position 1), with recorded distances: 20.0 miles is up to 20, 20.1 over 20.
        let data = Dataset {
            children: ["A", "B"].into_iter().collect(),
            episodes: vec![
                episode(0, "S", day(2020, 1, 1), Some(day(2020, 2, 1))),
                episode(1, "S", day(2020, 1, 1), Some(day(2020, 2, 1))),
                episode(0, "S", day(2021, 1, 1), None),
                episode(1, "S", day(2021, 1, 1), None),
            ],
            episode_details: vec![
                details(RecordedDistance::Miles(20.0)),
                details(RecordedDistance::Miles(20.1)),
                details(RecordedDistance::NotKnown),
                details(RecordedDistance::Miles(3.0)),
            ],
            ..Dataset::default()
        };
        let care = Care::new(&data);
        // Rows 2 and 1, row 2 asked twice; rows 0 and 3 not asked.
        care.work_out_distances([(0, 1), (1, 0), (0, 1)].into_iter());
        let bytes = distance_bytes(&care);
        let (over, not_known) = (
            group_byte(DistanceGroup::Over20),
            group_byte(DistanceGroup::NotKnown),
        );
        assert_eq!(bytes, [NOT_YET, over, not_known, NOT_YET]);
        assert_eq!(care.distance_group(0, 0), DistanceGroup::UpTo20);
        assert_eq!(care.distance_group(0, 1), DistanceGroup::NotKnown);
        assert_eq!(care.distance_group(1, 0), DistanceGroup::Over20);
        assert_eq!(care.distance_group(1, 1), DistanceGroup::UpTo20);
    }

    #[test]
    fn distances_shared_out_in_batches_are_each_episodes_own() {
        // One child's 2,500 episodes, each pair of rows (2p and 2p + 1) with the same recorded
        // distance, so the "same as the previous episode" shortcut is taken: 25.0 miles (over
        // 20) when p is a multiple of 3, else 5.0. Every row but the multiples of 7 is asked
        // for: 2,500 less 358 (0, 7, ..., 2,499 less 2) = 2,142 rows, in three batches.
        let n = 2500;
        let miles = |i: usize| if (i / 2).is_multiple_of(3) { 25.0 } else { 5.0 };
        let data = Dataset {
            children: ["A"].into_iter().collect(),
            episodes: (0..n)
                .map(|i| episode(0, "S", day(2000, 1, 1) + chrono::Days::new(i as u64), None))
                .collect(),
            episode_details: (0..n)
                .map(|i| details(RecordedDistance::Miles(miles(i))))
                .collect(),
            ..Dataset::default()
        };
        let care = Care::new(&data);
        care.work_out_distances((0..n).filter(|i| i % 7 != 0).map(|i| (0, i)));
        let bytes = distance_bytes(&care);
        let (up_to, over) = (
            group_byte(DistanceGroup::UpTo20),
            group_byte(DistanceGroup::Over20),
        );
        for (i, &byte) in bytes.iter().enumerate() {
            let wanted = match (i % 7, miles(i)) {
                (0, _) => NOT_YET,
                (_, m) if m > 20.0 => over,
                _ => up_to,
            };
            assert_eq!(byte, wanted, "row {i}");
        }
        assert_eq!(bytes.iter().filter(|&&b| b == NOT_YET).count(), 358);
        // The first batch's last row is 1,194 (of the 1,194 rows before it, 171 are multiples
        // of 7, 0 to 1,190: it is the 1,024th asked), of pair 597, a multiple of 3: over 20,
        // as is 1,195, the second batch's first, worked out again there. Pair 596 (1,192 and
        // 1,193), not a multiple of 3, is up to 20.
        assert_eq!(DISTANCE_BATCH, 1024);
        assert_eq!((bytes[1192], bytes[1193]), (up_to, up_to));
        assert_eq!((bytes[1194], bytes[1195]), (over, over));
    }

    #[test]
    fn children_are_cut_into_runs_of_about_as_many_episodes() {
        // flows' five children hold 3, 1, 1, 1 and 2 episodes (8; their lists start at 0, 3,
        // 4, 5 and 6). Two parts: the second starts at the first child whose episodes start
        // at or after 8 * 1 / 2 = 4, child 2. Three parts: at or after 8 / 3 = 2 (child 1) and
        // 16 / 3 = 5 (child 3). Seven: 8 * p / 7 for p = 1 to 6 is 1, 2, 3, 4, 5, 6: children
        // 1, 1, 1, 2, 3, 4, so three runs are empty.
        let data = crate::measures::flows::tests::five_children();
        let care = Care::new(&data);
        let every_child = std::slice::from_ref(&(0..5));
        assert_eq!(care.child_chunks(1), every_child);
        assert_eq!(care.child_chunks(0), every_child);
        assert_eq!(care.child_chunks(2), [0..2, 2..5]);
        assert_eq!(care.child_chunks(3), [0..1, 1..3, 3..5]);
        assert_eq!(
            care.child_chunks(7),
            [0..1, 1..1, 1..1, 1..2, 2..3, 3..4, 4..5]
        );
        // No child: every run empty.
        assert_eq!(Care::new(&Dataset::default()).child_chunks(2), [0..0, 0..0]);
    }

    #[test]
    fn a_childs_span_runs_from_its_earliest_date_to_its_latest_or_open() {
        // Child 0: 1 March-1 May 2020, then 1 January-1 February 2020 (given later, sorted
        // first): 1 January to 1 May 2020. Child 1: 1 June 2019-1 July 2019 and open from 1
        // January 2021: open, so to Date::MAX. Child 2: no episode. Child 3: a short break (V3)
        // from 1 January 2000, dropped, and 5 May 2022 to 6 May 2022.
        let mut short_break = episode(3, "S", day(2000, 1, 1), Some(day(2000, 2, 1)));
        short_break.ls = code("V3");
        let data = Dataset {
            children: ["A", "B", "C", "D"].into_iter().collect(),
            episodes: vec![
                episode(0, "S", day(2020, 3, 1), Some(day(2020, 5, 1))),
                episode(1, "S", day(2021, 1, 1), None),
                episode(0, "S", day(2020, 1, 1), Some(day(2020, 2, 1))),
                episode(1, "S", day(2019, 6, 1), Some(day(2019, 7, 1))),
                short_break,
                episode(3, "S", day(2022, 5, 5), Some(day(2022, 5, 6))),
            ],
            ..Dataset::default()
        };
        let care = Care::new(&data);
        assert_eq!(care.span(0), Some((day(2020, 1, 1), day(2020, 5, 1))));
        assert_eq!(care.span(1), Some((day(2019, 6, 1), Date::MAX)));
        assert_eq!(care.span(2), None);
        assert_eq!(care.span(3), Some((day(2022, 5, 5), day(2022, 5, 6))));
    }

    #[test]
    fn the_earliest_start_is_the_earliest_decom_of_any_child() {
        // Child 0 from 1 March 2020; child 1's rows are 1 June 2019 (after a later one in the
        // input) and 1 January 2021: the earliest is child 1's 1 June 2019.
        let data = Dataset {
            children: ["A", "B"].into_iter().collect(),
            episodes: vec![
                episode(0, "S", day(2020, 3, 1), None),
                episode(1, "S", day(2021, 1, 1), None),
                episode(1, "S", day(2019, 6, 1), Some(day(2019, 7, 1))),
            ],
            ..Dataset::default()
        };
        assert_eq!(Care::new(&data).earliest_start(), Some(day(2019, 6, 1)));
        assert_eq!(Care::new(&Dataset::default()).earliest_start(), None);
    }

    #[test]
    fn items_are_grouped_by_child_in_the_order_given() {
        // Items 0..5 belong to children 2, 0, 2, 3, 0 (child 1 has none): child 0 holds items
        // 1 and 4, child 1 none, child 2 items 0 and 2, child 3 item 3.
        let children = [2, 0, 2, 3, 0];
        let (order, starts) = group_by_child(4, children.iter().copied().enumerate());
        assert_eq!(order, [1, 4, 0, 2, 3]);
        assert_eq!(starts, [0, 2, 2, 4, 5]);
    }
}

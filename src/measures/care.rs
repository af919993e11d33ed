//! Each child's episodes in date order and their periods of care, built once per report.
//!
//! Short breaks (`LS` V3/V4) are dropped here, before anything is counted (MEASURES.md
//! section 0). A period of care starts at a child's first episode and at every episode with
//! `RNE = S` or whose `DECOM` is not the previous episode's `DEC` (a gap); it ends at the `DEC`
//! of its last episode, or is open (section 3.1).

use std::sync::OnceLock;

use super::distance::{distance_group, DistanceGroup};
use crate::model::{ChildIdx, Dataset, Date, Episode, EpisodeDetails};

/// One period of care: `[start, end]` with `end` inclusive, `None` while open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Option<Date>,
    /// Positions in the child's sorted episode list: `first..=last`.
    pub first: usize,
    pub last: usize,
}

impl Period {
    /// Whether `d` is in `[start, end]` (end inclusive; an open period has no end).
    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
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
    /// `periods[child]`, in start order.
    pub periods: Vec<Vec<Period>>,
    /// Each episode's distance group (by index in `data.episodes`), worked out the first time
    /// it is asked for: looking two postcodes up costs more than the rest of an episode's
    /// figures, and an episode open at several 31 Marches is asked for once per trend year.
    distance: Vec<OnceLock<DistanceGroup>>,
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
        let mut periods = Vec::with_capacity(n);
        for c in 0..n {
            let list = &mut order[starts[c] as usize..starts[c + 1] as usize];
            list.sort_by_key(|&i| (data.episodes[i as usize].decom, i));
            periods.push(cut_periods(
                list.iter().map(|&i| &data.episodes[i as usize]),
            ));
        }
        Care {
            data,
            order,
            starts,
            periods,
            distance: vec![OnceLock::new(); data.episodes.len()],
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
        *self.distance[i].get_or_init(|| distance_group(self.data, &self.data.episode_details[i]))
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
        self.periods[child as usize]
            .iter()
            .find(|p| p.first <= k && k <= p.last)
    }

    /// Number of children (every child in the data, with or without episodes).
    pub fn child_count(&self) -> usize {
        self.starts.len() - 1
    }
}

fn cut_periods<'e>(sorted: impl Iterator<Item = &'e Episode>) -> Vec<Period> {
    let mut periods: Vec<Period> = Vec::new();
    let mut previous_dec: Option<Option<Date>> = None;
    for (k, e) in sorted.enumerate() {
        let continues = match previous_dec {
            None => false,
            Some(prev) => !e.rne.is("S") && prev == Some(e.decom),
        };
        match periods.last_mut() {
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
    periods
}

#[cfg(test)]
mod tests {
    use super::group_by_child;

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

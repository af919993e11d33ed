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
        // Each child's place in `order`: its episodes counted, then summed in child order.
        let mut starts = vec![0u32; n + 1];
        for (_, e) in counted() {
            starts[e.child as usize + 1] += 1;
        }
        for c in 0..n {
            starts[c + 1] += starts[c];
        }
        let mut filled = starts.clone();
        let mut order = vec![0u32; starts[n] as usize];
        for (i, e) in counted() {
            let at = &mut filled[e.child as usize];
            order[*at as usize] = i as u32;
            *at += 1;
        }
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
        *self.distance[i].get_or_init(|| distance_group(&self.data.episode_details[i]))
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
            Some(prev) => e.rne != "S" && prev == Some(e.decom),
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

//! Placement stability (MEASURES.md section 4).

use super::calendar::{add_months, ReportingYear};
use super::care::Care;
use super::cohort::Member;
use crate::model::{ChildIdx, Date};
use crate::report::LongTermStability;
use crate::settings::Settings;

fn is_temporary(place: &str) -> bool {
    matches!(place, "T0" | "T1" | "T2" | "T3" | "T4")
}

/// Placements during the year of one child: its episodes overlapping the year, in `DECOM`
/// order; the first counts one, each later one counts one more when its `RNE` is S, P, B, T or
/// U (T and U only with `count_same_carer_moves`). Without `count_temporary_placements`, an
/// episode in a temporary placement (T0-T4) and the episode that follows it (the return) add
/// nothing.
pub fn placements_in_year(
    care: &Care,
    child: ChildIdx,
    year: ReportingYear,
    settings: &Settings,
) -> u32 {
    let mut count = 0;
    let mut previous_temporary = false;
    let overlapping = care
        .episodes_of(child)
        .iter()
        .map(|&i| &care.data.episodes[i as usize])
        .filter(|e| e.decom <= year.end && e.dec.is_none_or(|d| d > year.start));
    for (k, e) in overlapping.enumerate() {
        let temporary = is_temporary(care.data.text(&e.place));
        let counts = if k == 0 {
            true
        } else {
            let new_placement = match care.data.text(&e.rne) {
                "S" | "P" | "B" => true,
                "T" | "U" => settings.count_same_carer_moves,
                _ => false,
            };
            new_placement
                && (settings.count_temporary_placements || !(temporary || previous_temporary))
        };
        if counts {
            count += 1;
        }
        previous_temporary = temporary;
    }
    count
}

/// Long-term stability of a year's cohort, counted one child at a time: `eligible` = cohort
/// children under 16 at the year's end whose current period of care started on or before the
/// end minus 30 months; `stable` = those whose carer run (walking back from the open episode
/// while the later episode's `RNE` is L, T or U) started on or before the end minus 24 months.
pub struct LongTerm {
    period_limit: Date,
    carer_limit: Date,
    counts: LongTermStability,
}

impl LongTerm {
    /// No child counted yet, for the cohort of `year`.
    pub fn new(year: ReportingYear) -> LongTerm {
        LongTerm {
            period_limit: add_months(year.end, -30),
            carer_limit: add_months(year.end, -24),
            counts: LongTermStability::default(),
        }
    }

    /// Counts one cohort child.
    pub fn add(&mut self, care: &Care, m: &Member) {
        let under_16 = m.age.is_some_and(|age| age < 16);
        let Some(period) = m.period else {
            return;
        };
        if !under_16 || period.start > self.period_limit {
            return;
        }
        self.counts.eligible += 1;
        let child = m.at.child;
        let mut k = m.at.open as usize;
        while k > period.first as usize
            && matches!(care.data.text(&care.episode(child, k).rne), "L" | "T" | "U")
        {
            k -= 1;
        }
        if care.episode(child, k).decom <= self.carer_limit {
            self.counts.stable += 1;
        }
    }

    /// Adds the counts of `other`, which counted other children of the same year's cohort
    /// ([`super::years`] counts a chunk of the children on each core).
    pub fn add_counts(&mut self, other: LongTerm) {
        // The same year's: its limits are `self`'s.
        let LongTerm {
            period_limit,
            carer_limit,
            counts,
        } = other;
        debug_assert_eq!(
            (period_limit, carer_limit),
            (self.period_limit, self.carer_limit)
        );
        self.counts.add_counts(counts);
    }

    /// The children counted.
    pub fn counted(self) -> LongTermStability {
        self.counts
    }
}

//! Children starting and ceasing to be looked after, and month-end counts (MEASURES.md section 2).

use std::collections::BTreeMap;

use super::calendar::ReportingYear;
use super::care::Care;
use crate::model::{ChildIdx, Date};
use crate::report::Ceased;

/// Distinct children with an episode with `RNE = S` and `DECOM` in the year.
pub fn started(care: &Care, year: ReportingYear) -> u64 {
    (0..care.child_count() as ChildIdx)
        .filter(|&c| {
            care.episodes_of(c).iter().any(|&i| {
                let e = &care.data.episodes[i as usize];
                e.rne == "S" && year.contains(e.decom)
            })
        })
        .count() as u64
}

/// Children counted in [`started`] who arrived as unaccompanied asylum-seeking children
/// (MEASURES.md section 10): listed in the UASC table with `DUC` blank or on or after the
/// `DECOM` of their starting episode, which is their latest episode with `RNE = S` and `DECOM`
/// in the year (the contract's reading). Any of the child's UASC rows may qualify.
pub fn started_uasc(care: &Care, year: ReportingYear) -> u64 {
    let mut arrived: Vec<Option<Date>> = vec![None; care.child_count()];
    for (child, list) in care.every_child().enumerate() {
        arrived[child] = list
            .iter()
            .map(|&i| &care.data.episodes[i as usize])
            .filter(|e| e.rne == "S" && year.contains(e.decom))
            .map(|e| e.decom)
            .max();
    }
    let mut counted = vec![false; care.child_count()];
    for u in &care.data.uasc {
        let child = u.child as usize;
        if let Some(start) = arrived.get(child).copied().flatten() {
            if u.duc.is_none_or(|duc| duc >= start) {
                counted[child] = true;
            }
        }
    }
    counted.iter().filter(|&&c| c).count() as u64
}

/// Distinct children with an episode whose `REC` is present and not `X1` and whose `DEC` is in
/// the year, counted by the `REC` of each child's latest such episode (latest `DEC`; on the same
/// day, the later `DECOM`, then the later input row).
pub fn ceased(care: &Care, year: ReportingYear) -> Ceased {
    let mut out = Ceased::default();
    for list in care.every_child() {
        // The list is sorted by (DECOM, input row): the maximum of (DEC, position) is the latest.
        let latest = list
            .iter()
            .enumerate()
            .map(|(k, &i)| (k, &care.data.episodes[i as usize]))
            .filter(|(_, e)| !e.rec.is_empty() && e.rec != "X1")
            .filter_map(|(k, e)| e.dec.filter(|d| year.contains(*d)).map(|d| ((d, k), e)))
            .max_by_key(|(key, _)| *key);
        if let Some((_, e)) = latest {
            out.total += 1;
            match out.reason.get_mut(e.rec.as_str()) {
                Some(n) => *n += 1,
                None => {
                    out.reason.insert(e.rec.to_string(), 1);
                }
            }
        }
    }
    out
}

/// Children with an episode open at each of the 12 month ends, keyed `YYYY-MM-DD`.
pub fn month_ends(care: &Care, year: ReportingYear) -> BTreeMap<Date, u64> {
    let ends = year.month_ends();
    let mut counts = vec![0u64; ends.len()];
    for list in care.every_child() {
        let mut open = 0u16;
        for &i in list {
            let e = &care.data.episodes[i as usize];
            for (m, &d) in ends.iter().enumerate() {
                if e.is_open_at(d) {
                    open |= 1 << m;
                }
            }
        }
        for (m, count) in counts.iter_mut().enumerate() {
            if open & (1 << m) != 0 {
                *count += 1;
            }
        }
    }
    ends.iter().zip(counts).map(|(d, n)| (*d, n)).collect()
}

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

/// Whether `child` started to be looked after in the year: it has an episode that
/// [starts its care in the year](starts_care_in). `started` counts the children for whom it
/// holds.
pub fn started_in(care: &Care, child: ChildIdx, year: ReportingYear) -> bool {
    care.episodes_of(child)
        .iter()
        .any(|&i| starts_care_in(&care.data.episodes[i as usize], year))
}

/// Children counted in `started` ([`started_in`]) who arrived as unaccompanied asylum-seeking children
/// (MEASURES.md section 10): listed in the UASC table with `DUC` blank or on or after the
/// `DECOM` of their starting episode, which is their latest episode with `RNE = S` and `DECOM`
/// in the year (the contract's reading). Any of the child's UASC rows may qualify.
pub fn started_uasc(care: &Care, year: ReportingYear) -> u64 {
    let mut arrived: Vec<Option<Date>> = vec![None; care.child_count()];
    for (child, list) in care.every_child().enumerate() {
        arrived[child] = list
            .iter()
            .map(|&i| &care.data.episodes[i as usize])
            .filter(|e| starts_care_in(e, year))
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

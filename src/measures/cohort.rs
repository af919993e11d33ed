//! Children looked after at 31 March and their characteristics (MEASURES.md section 1).

use super::calendar::{age_at, ReportingYear};
use super::care::Care;
use super::distance::{distance_group, DistanceGroup};
use crate::model::{ChildIdx, Sex};
use crate::report::ClaAt31March;
use crate::settings::Settings;

/// A child looked after at 31 March, with the position of the open episode in its sorted list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CohortChild {
    pub child: ChildIdx,
    pub open: usize,
}

/// Every child with an episode open at the year's end, in child order.
pub fn cohort(care: &Care, year: ReportingYear) -> Vec<CohortChild> {
    (0..care.child_count() as ChildIdx)
        .filter_map(|child| {
            care.open_at(child, year.end)
                .map(|open| CohortChild { child, open })
        })
        .collect()
}

/// Per child: listed in the UASC table (or flagged) with `DUC` blank or after the year's end.
fn uasc_flags(care: &Care, year: ReportingYear) -> Vec<bool> {
    let mut flags = vec![false; care.child_count()];
    for u in &care.data.uasc {
        if u.duc.is_none_or(|d| d > year.end) {
            flags[u.child as usize] = true;
        }
    }
    flags
}

/// UASC at 31 March: cohort children who are UASC at the year's end (as in
/// [`characteristics`], without the other breakdowns).
pub fn uasc_at_end(care: &Care, cohort: &[CohortChild], year: ReportingYear) -> u64 {
    let flags = uasc_flags(care, year);
    cohort.iter().filter(|c| flags[c.child as usize]).count() as u64
}

/// The breakdowns of the cohort (stability figures are filled by [`super::stability`]).
pub fn characteristics(
    care: &Care,
    cohort: &[CohortChild],
    year: ReportingYear,
    settings: &Settings,
) -> ClaAt31March {
    let mut cla = ClaAt31March {
        total: cohort.len() as u64,
        ..Default::default()
    };
    let uasc_at_end = uasc_flags(care, year);
    for c in cohort {
        let header = care.data.header(c.child);
        let episode = care.episode(c.child, c.open);
        let sex = header.map_or(Sex::Unknown, |h| h.sex);
        let (total_by_sex, ages_of_sex) = match sex {
            Sex::Male => (&mut cla.sex.male, &mut cla.age_band_by_sex.male),
            Sex::Female => (&mut cla.sex.female, &mut cla.age_band_by_sex.female),
            Sex::Unknown => (&mut cla.sex.unknown, &mut cla.age_band_by_sex.unknown),
        };
        *total_by_sex += 1;
        let age = header
            .and_then(|h| h.dob)
            .and_then(|dob| age_at(dob, year.end));
        ages_of_sex.count(age);
        cla.age_band.count(age);
        let g = &mut cla.ethnic_group;
        match header.map_or("", |h| h.ethnic.as_str()) {
            "WBRI" | "WIRI" | "WOTH" | "WIRT" | "WROM" => g.white += 1,
            "MWBC" | "MWBA" | "MWAS" | "MOTH" => g.mixed += 1,
            "CHNE" if settings.chinese_as_other => g.other += 1,
            "AIND" | "APKN" | "ABAN" | "AOTH" | "CHNE" => g.asian += 1,
            "BCRB" | "BAFR" | "BOTH" => g.black += 1,
            "OOTH" => g.other += 1,
            _ => g.not_known += 1,
        }
        let l = &mut cla.legal_status;
        match episode.ls.as_str() {
            "C1" => l.interim_care_order += 1,
            "C2" => l.full_care_order += 1,
            "E1" | "D1" => l.placement_order += 1,
            "V2" => l.section_20 += 1,
            "L1" | "L2" | "L3" => l.detained_for_child_protection += 1,
            "J1" | "J2" | "J3" => l.youth_justice += 1,
            _ => l.unknown += 1,
        }
        let p = &mut cla.placement;
        match episode.place.as_str() {
            "U1" | "U2" | "U3" => p.foster_relative_friend += 1,
            "U4" | "U5" | "U6" => p.foster_other_carer += 1,
            "A3" | "A4" | "A5" | "A6" => p.placed_for_adoption += 1,
            "P1" => p.placed_with_parents += 1,
            "P2" | "H5" | "K3" => p.independent_or_supported += 1,
            "K1" | "K2" => p.secure_and_childrens_homes += 1,
            "R1" | "R2" | "R3" | "R5" => p.other_residential += 1,
            "S1" => p.residential_school += 1,
            "P3" | "T0" | "T1" | "T2" | "T3" | "T4" | "Z1" | "Z11" | "Z12" | "Z13" | "Z14" => {
                p.other += 1
            }
            _ => p.unknown += 1,
        }
        match distance_group(episode) {
            DistanceGroup::UpTo20 => cla.distance.up_to_20_miles += 1,
            DistanceGroup::Over20 => cla.distance.over_20_miles += 1,
            DistanceGroup::NotKnown => cla.distance.not_known += 1,
        }
        if uasc_at_end[c.child as usize] {
            cla.uasc += 1;
        }
    }
    cla
}

//! Children looked after at 31 March and their characteristics (MEASURES.md section 1).

use super::calendar::{add_months, age_at, ReportingYear};
use super::care::{Care, Period};
use super::distance::DistanceGroup;
use crate::model::{self, ChildIdx, Date, Episode, Header};
use crate::report::keys::{
    AgeBand, Distance, EthnicGroup, LegalStatus, Placement, Sex, TimeInCare,
};
use crate::report::ClaAt31March;
use crate::settings::Settings;

/// A child looked after at 31 March, with the position of the open episode in its sorted list
/// (`u32`, as [`Care`]'s positions are: 8 bytes a child, in a cohort kept for each trend year).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CohortChild {
    pub child: ChildIdx,
    pub open: u32,
}

impl CohortChild {
    /// `child` in the cohort of `year`, or `None` when none of its episodes is open at the
    /// year's end.
    pub fn of(care: &Care, child: ChildIdx, year: ReportingYear) -> Option<CohortChild> {
        care.open_at(child, year.end).map(|open| CohortChild {
            child,
            open: open as u32,
        })
    }
}

/// A cohort child with what the year's breakdowns and stability figures read of it, looked up
/// once for all of them rather than once by each.
#[derive(Clone, Copy, Debug)]
pub struct Member<'c> {
    pub at: CohortChild,
    pub header: Option<&'c Header>,
    /// The episode open at the year's end.
    pub episode: &'c Episode,
    /// Completed years at the year's end; `None` when the date of birth is unknown or after it.
    pub age: Option<i32>,
    /// The period of care holding the open episode.
    pub period: Option<&'c Period>,
}

impl<'c> Member<'c> {
    /// The child `at` of the cohort of `year`.
    pub fn of(care: &'c Care, at: CohortChild, year: ReportingYear) -> Member<'c> {
        let header = care.data.header(at.child);
        Member {
            at,
            header,
            episode: care.episode(at.child, at.open as usize),
            age: header
                .and_then(|h| h.dob)
                .and_then(|dob| age_at(dob, year.end)),
            period: care.period_of(at.child, at.open as usize),
        }
    }
}

/// When each child (by index) ceased to be an unaccompanied asylum-seeking child: the latest
/// `DUC` of its rows in the UASC table, [`Date::MAX`] when one of them is blank (not ceased),
/// [`Date::MIN`] when it has none. A child listed with `DUC` blank or after a day `d` (any of
/// its rows) is one whose date is after `d`. Worked out in one walk over the UASC table for
/// every year of [`super::years`]' walk, where each year walked the table again.
pub fn uasc_ceased(care: &Care) -> Vec<Date> {
    let mut ceased = vec![Date::MIN; care.child_count()];
    for u in &care.data.uasc {
        let child = &mut ceased[u.child as usize];
        *child = (*child).max(u.duc.unwrap_or(Date::MAX));
    }
    ceased
}

/// The breakdowns of a year's cohort, counted one child at a time (the stability figures are
/// [`super::stability`]'s).
pub struct Breakdowns {
    end: Date,
    time_in_care_limits: TimeInCareLimits,
    cla: ClaAt31March,
}

impl Breakdowns {
    /// No child counted yet, for the cohort of `year`.
    pub fn new(year: ReportingYear) -> Breakdowns {
        Breakdowns {
            end: year.end,
            time_in_care_limits: TimeInCareLimits::at(year.end),
            cla: ClaAt31March::default(),
        }
    }

    /// Counts one cohort child, whose [`uasc_ceased`] is `uasc_ceased`, in every breakdown but
    /// its distance ([`Breakdowns::add_distances`]).
    pub fn add(&mut self, care: &Care, m: &Member, uasc_ceased: Date, settings: &Settings) {
        let cla = &mut self.cla;
        cla.total += 1;
        let sex = match m.header.map_or(model::Sex::Unknown, |h| h.sex) {
            model::Sex::Male => Sex::Male,
            model::Sex::Female => Sex::Female,
            model::Sex::Unknown => Sex::Unknown,
        };
        cla.sex.add(sex);
        let age = age_band(m.age);
        cla.age_band_by_sex[sex].add(age);
        cla.age_band.add(age);
        cla.ethnic_group.add(ethnic_group(
            m.header.map_or("", |h| h.ethnic.as_str()),
            settings,
        ));
        cla.legal_status
            .add(legal_status(care.data.text(&m.episode.ls)));
        cla.placement
            .add(placement(care.data.text(&m.episode.place)));
        // Listed in the UASC table (or flagged) with `DUC` blank or after the year's end.
        if uasc_ceased > self.end {
            cla.uasc += 1;
        }
        if let Some(period) = m.period {
            cla.time_in_care
                .add(self.time_in_care_limits.band(period.start));
        }
    }

    /// Counts the distance group of each child of the year's `cohort`, the children counted
    /// ([`Care::work_out_distances`] works the groups out first).
    pub fn add_distances(&mut self, care: &Care, cohort: &[CohortChild]) {
        for at in cohort {
            self.cla
                .distance
                .add(match care.distance_group(at.child, at.open as usize) {
                    DistanceGroup::UpTo20 => Distance::UpTo20Miles,
                    DistanceGroup::Over20 => Distance::Over20Miles,
                    DistanceGroup::NotKnown => Distance::NotKnown,
                });
        }
    }

    /// Adds the counts of `other`, which counted other children of the same year's cohort
    /// ([`super::years`] counts a chunk of the children on each core).
    pub fn add_counts(&mut self, other: Breakdowns) {
        // The same year's: its end and limits are `self`'s.
        let Breakdowns {
            end,
            time_in_care_limits: _,
            cla,
        } = other;
        debug_assert_eq!(end, self.end);
        self.cla.add_counts(cla);
    }

    /// The breakdowns of the children counted.
    pub fn counted(self) -> ClaAt31March {
        self.cla
    }
}

/// The group of an `ETHNIC` code (upper-cased; blank when not recorded).
fn ethnic_group(code: &str, settings: &Settings) -> EthnicGroup {
    match code {
        "WBRI" | "WIRI" | "WOTH" | "WIRT" | "WROM" => EthnicGroup::White,
        "MWBC" | "MWBA" | "MWAS" | "MOTH" => EthnicGroup::Mixed,
        "CHNE" if settings.chinese_as_other => EthnicGroup::Other,
        "AIND" | "APKN" | "ABAN" | "AOTH" | "CHNE" => EthnicGroup::Asian,
        "BCRB" | "BAFR" | "BOTH" => EthnicGroup::Black,
        "OOTH" => EthnicGroup::Other,
        _ => EthnicGroup::NotKnown,
    }
}

/// The group of an `LS` code.
fn legal_status(ls: &str) -> LegalStatus {
    match ls {
        "C1" => LegalStatus::InterimCareOrder,
        "C2" => LegalStatus::FullCareOrder,
        "E1" | "D1" => LegalStatus::PlacementOrder,
        "V2" => LegalStatus::Section20,
        "L1" | "L2" | "L3" => LegalStatus::DetainedForChildProtection,
        "J1" | "J2" | "J3" => LegalStatus::YouthJustice,
        _ => LegalStatus::Unknown,
    }
}

/// The group of a `PLACE` code.
fn placement(place: &str) -> Placement {
    match place {
        "U1" | "U2" | "U3" => Placement::FosterRelativeFriend,
        "U4" | "U5" | "U6" => Placement::FosterOtherCarer,
        "A3" | "A4" | "A5" | "A6" => Placement::PlacedForAdoption,
        "P1" => Placement::PlacedWithParents,
        "P2" | "H5" | "K3" => Placement::IndependentOrSupported,
        "K1" | "K2" => Placement::SecureAndChildrensHomes,
        "R1" | "R2" | "R3" | "R5" => Placement::OtherResidential,
        "S1" => Placement::ResidentialSchool,
        "P3" | "T0" | "T1" | "T2" | "T3" | "T4" | "Z1" | "Z11" | "Z12" | "Z13" | "Z14" => {
            Placement::Other
        }
        _ => Placement::Unknown,
    }
}

/// How long a child has been in care on `end`, from `start`, the start of its current period
/// of care (MEASURES.md section 10), with the clamped month arithmetic of section 0: under 6
/// months when `start > end - 6 months`; 6 to 12 months when `end - 12 months < start <= end -
/// 6 months`; and so on for 24 and 60 months; 5 years or more otherwise.
pub fn time_in_care(start: Date, end: Date) -> TimeInCare {
    TimeInCareLimits::at(end).band(start)
}

/// The [`time_in_care`] bands of one end date, each with the date its period must start after:
/// the month arithmetic done once for a cohort, not once for each child.
struct TimeInCareLimits([(Date, TimeInCare); 4]);

impl TimeInCareLimits {
    fn at(end: Date) -> TimeInCareLimits {
        TimeInCareLimits([
            (add_months(end, -6), TimeInCare::Under6Months),
            (add_months(end, -12), TimeInCare::SixTo12Months),
            (add_months(end, -24), TimeInCare::OneToTwoYears),
            (add_months(end, -60), TimeInCare::TwoToFiveYears),
        ])
    }

    /// The band of a period of care that started on `start`.
    fn band(&self, start: Date) -> TimeInCare {
        self.0
            .iter()
            .find(|&&(limit, _)| start > limit)
            .map_or(TimeInCare::FiveYearsAndOver, |&(_, band)| band)
    }
}

/// The age band of an age in completed years (`None`: date of birth unknown).
pub fn age_band(age: Option<i32>) -> AgeBand {
    match age {
        Some(0) => AgeBand::Under1,
        Some(1..=4) => AgeBand::OneToFour,
        Some(5..=9) => AgeBand::FiveToNine,
        Some(10..=15) => AgeBand::TenToFifteen,
        Some(16..) => AgeBand::SixteenAndOver,
        _ => AgeBand::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::care::tests::day;
    use crate::model::{Dataset, Uasc};

    #[test]
    fn a_childs_uasc_ceased_is_its_latest_duc_a_blank_one_never() {
        // Child 0: DUC 1 June 2023 and 1 January 2024, the later wins. Child 1: DUC 1 June 2023
        // and blank: never ceased. Child 2: no UASC row.
        let uasc = |child, duc| Uasc { child, duc };
        let data = Dataset {
            children: ["A", "B", "C"].into_iter().collect(),
            uasc: vec![
                uasc(0, Some(day(2024, 1, 1))),
                uasc(1, Some(day(2023, 6, 1))),
                uasc(0, Some(day(2023, 6, 1))),
                uasc(1, None),
            ],
            ..Dataset::default()
        };
        let ceased = uasc_ceased(&Care::new(&data));
        assert_eq!(ceased, [day(2024, 1, 1), Date::MAX, Date::MIN]);
    }
}

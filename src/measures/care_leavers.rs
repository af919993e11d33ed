//! Care leavers aged 17 to 21 (the OC3 table; MEASURES.md section 10): in touch, in
//! education, employment or training, and in suitable accommodation, by the age they turned
//! in the year.

use chrono::Datelike;

use super::calendar::ReportingYear;
use crate::model::{CareLeaver, Dataset, Date};
use crate::report::keys::{Breakdown, CareLeaverAge};
use crate::report::CareLeaverFigures;

/// The child's birthday in the year: the day and month of `dob` in the year's April to
/// December or January to March, 29 February falling on 1 March in a year without it.
pub fn birthday_in_year(dob: Date, year: ReportingYear) -> Option<Date> {
    let y = if dob.month() >= 4 {
        year.start.year()
    } else {
        year.end.year()
    };
    Date::from_ymd_opt(y, dob.month(), dob.day()).or_else(|| Date::from_ymd_opt(y, 3, 1))
}

/// The age group of a care leaver: by the age turned at its birthday in the year, 17 or 18,
/// or 19 to 21; `None` for any other age or an unknown date of birth (counted in neither).
pub fn age_group(leaver: &CareLeaver, year: ReportingYear) -> Option<CareLeaverAge> {
    let dob = leaver.dob?;
    let turned = birthday_in_year(dob, year)?.year() - dob.year();
    match turned {
        17 | 18 => Some(CareLeaverAge::SeventeenToEighteen),
        19..=21 => Some(CareLeaverAge::NineteenToTwentyOne),
        _ => None,
    }
}

/// The year's care leaver figures; `None` when no OC3 table was loaded. Codes are as the
/// model holds them (trimmed, upper-cased): in touch is `IN_TOUCH` = `YES`; in education,
/// employment or training is `ACTIV` starting with `F` or `P`, not is `G4`-`G6`; suitable
/// accommodation is `ACCOM` ending in `1`, unsuitable ending in `2`.
pub fn care_leavers(
    data: &Dataset,
    year: ReportingYear,
) -> Option<Breakdown<CareLeaverAge, CareLeaverFigures>> {
    let rows = data.care_leavers.as_ref()?;
    let mut out: Breakdown<CareLeaverAge, CareLeaverFigures> = Breakdown::default();
    for leaver in rows {
        let Some(group) = age_group(leaver, year) else {
            continue;
        };
        let g = &mut out[group];
        let count = |yes: bool| u64::from(yes);
        let (activ, accom) = (leaver.activ.as_str(), leaver.accom.as_str());
        g.total += 1;
        g.in_touch += count(leaver.in_touch == "YES");
        g.eet += count(activ.starts_with(['F', 'P']));
        g.neet += count(matches!(activ, "G4" | "G5" | "G6"));
        g.suitable_accommodation += count(accom.ends_with('1'));
        g.unsuitable += count(accom.ends_with('2'));
    }
    Some(out)
}

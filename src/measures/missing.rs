//! Missing and away-from-placement episodes (MEASURES.md section 10): the rows of the missing
//! table whose `MIS_START` is in the year, whatever the child's care status (the definition
//! does not restrict them to children in care).

use super::calendar::ReportingYear;
use crate::model::{Dataset, FastSet};
use crate::report::MissingFigures;

/// The year's missing figures; `None` when no missing table was loaded. `MISSING` `M` counts
/// as missing and `A` as away without authorisation; any other code counts as neither.
pub fn missing(data: &Dataset, year: ReportingYear) -> Option<MissingFigures> {
    let rows = data.missing.as_ref()?;
    let mut out = MissingFigures::default();
    let (mut missing, mut away) = (FastSet::default(), FastSet::default());
    for row in rows.iter().filter(|r| year.contains(r.start)) {
        match row.code.as_str() {
            "M" => {
                out.missing_episodes += 1;
                missing.insert(row.child);
            }
            "A" => {
                out.away_episodes += 1;
                away.insert(row.child);
            }
            _ => {}
        }
    }
    out.children_missing = missing.len() as u64;
    out.children_away = away.len() as u64;
    Some(out)
}

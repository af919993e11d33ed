//! Where children looked after at 31 March are placed, against the chosen council's boundary.
//!
//! The council a placement is in: a `PL_LA` column when the export carries one (DfE-side
//! extracts: a three-digit code, or `WAL`, `SCO`, `NIR`, `NUK`...); otherwise the placement
//! postcode's local authority district (sector, else district, of the bundled ONS table in
//! [`crate::geo`]) mapped to its upper-tier authority with the ONS April 2023 LTLA-UTLA lookup
//! in [`crate::dfe`]. Welsh, Scottish and Northern Irish districts are `WAL`, `SCO` and `NIR`,
//! always outside an English council. No postcode, or one the table cannot place, is not known.

use super::care::Care;
use super::cohort::CohortChild;
use crate::dfe::{self, Council};
use crate::model::{Dataset, EpisodeDetails};
use crate::report::keys::{Breakdown, Location};
use crate::report::PlacedIn;

/// The area an episode of `data` is placed in: (code, name). See the module notes for the
/// codes.
pub fn placement_area(data: &Dataset, episode: &EpisodeDetails) -> Option<(String, String)> {
    let table = dfe::table();
    let code = data.text(&episode.pl_la);
    if !code.is_empty() {
        let name = table
            .council(code)
            .map_or_else(|| nation_name(code).to_string(), |c| c.name.to_string());
        return Some((code.to_string(), name));
    }
    let lad = crate::geo::postcodes().district_code(data.text(&episode.pl_post))?;
    match lad.chars().next() {
        Some('E') => {
            let (utla, utla_name) = table.upper_tier(lad)?;
            Some(match table.council_by_utla(utla) {
                Some(c) => (c.code.to_string(), c.name.to_string()),
                None => (utla.to_string(), utla_name.to_string()),
            })
        }
        Some('W') => Some(("WAL".into(), "Wales".into())),
        Some('S') => Some(("SCO".into(), "Scotland".into())),
        Some('N') => Some(("NIR".into(), "Northern Ireland".into())),
        _ => None,
    }
}

fn nation_name(code: &str) -> &str {
    match code {
        "WAL" => "Wales",
        "SCO" => "Scotland",
        "NIR" => "Northern Ireland",
        "NUK" => "Outside the UK",
        "CON" => "Confidential",
        other => other,
    }
}

/// Inside / outside `council` for the cohort, and the councils placed in (most children
/// first, then by name).
pub fn location(
    care: &Care,
    cohort: &[CohortChild],
    council: &Council,
) -> (Breakdown<Location>, Vec<PlacedIn>) {
    let mut out: Breakdown<Location> = Breakdown::default();
    let mut placed: Vec<PlacedIn> = Vec::new();
    for c in cohort {
        let area = placement_area(care.data, care.details(c.child, c.open as usize))
            .filter(|(code, _)| code != "CON");
        match area {
            Some((code, name)) => {
                out.add(if code == council.code {
                    Location::InsideLa
                } else {
                    Location::OutsideLa
                });
                match placed.iter_mut().find(|p| p.code == code) {
                    Some(p) => p.children += 1,
                    None => placed.push(PlacedIn {
                        code,
                        name,
                        children: 1,
                    }),
                }
            }
            None => out.add(Location::NotKnown),
        }
    }
    placed.sort_by(|a, b| b.children.cmp(&a.children).then(a.name.cmp(&b.name)));
    (out, placed)
}

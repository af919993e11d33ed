//! DfE's published figures beside the council's own (MEASURES.md comparisons): the published
//! columns for England, the region, the council and its statistical neighbours, and the
//! report's own figures in the same shape and rounding.
//!
//! Published figures come from the embedded table of [`crate::dfe`]. The neighbours' figure is
//! the plain mean of the neighbours that have one, rounded to a whole number (halves up).

use std::collections::BTreeMap;

use crate::dfe::{self, Council, Geography};
use crate::report::{Benchmarks, NeighbourFigures, PublishedFigures, Report};

/// `part / whole` in whole per cent, halves up; `None` when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> Option<u64> {
    (whole > 0).then(|| (200 * part + whole) / (2 * whole))
}

/// Children per 10,000 of `population`, rounded to a whole number (halves up).
pub fn rate_per_10000(children: u64, population: u64) -> Option<u64> {
    (population > 0).then(|| (20_000 * children + population) / (2 * population))
}

/// The published figures for `council` in the published year nearest `year`, or `None` when
/// the embedded table has no figures at all.
pub fn benchmarks(council: &Council, year: i32) -> Option<Benchmarks> {
    let table = dfe::table();
    let used = table.nearest_year(year)?;
    let column = |name: &str, geo: Geography<'_>| {
        published(name, |field| table.figure(geo, used, field), true)
    };
    let neighbours: Vec<&str> = council.neighbours.clone();
    let mean = |field: &str| {
        let values: Vec<u64> = neighbours
            .iter()
            .filter_map(|n| table.figure(Geography::Council(n), used, field))
            .collect();
        let n = values.len() as u64;
        (n > 0).then(|| (2 * values.iter().sum::<u64>() + n) / (2 * n))
    };
    let mut not_published = BTreeMap::new();
    not_published.insert(
        "reviews".to_string(),
        "DfE does not publish review timeliness, so there is no national, regional or \
         neighbour figure to compare with"
            .to_string(),
    );
    not_published.insert(
        "participation".to_string(),
        "DfE does not publish children's participation in their reviews, so there is no \
         national, regional or neighbour figure to compare with"
            .to_string(),
    );
    Some(Benchmarks {
        year_ending: format!("{used}-03-31"),
        source: table.release().to_string(),
        england: column("England", Geography::England),
        region: column(council.region, Geography::Region(council.region)),
        la_published: column(council.name, Geography::Council(council.code)),
        statistical_neighbours: NeighbourFigures {
            members: neighbours.iter().map(|n| n.to_string()).collect(),
            member_names: neighbours
                .iter()
                .map(|code| {
                    dfe::find_council(code)
                        .map_or_else(|_| code.to_string(), |c| c.name.to_string())
                })
                .collect(),
            figures: published("Statistical neighbours", mean, false),
        },
        this_report: PublishedFigures::default(),
        not_published,
    })
}

/// A report's own figures in the shape of the published ones (see [`Benchmarks::this_report`]).
pub fn own_figures(r: &Report) -> PublishedFigures {
    let c = &r.cla_at_31_march;
    let n = c.total;
    let (a, e, l, p, d) = (
        &c.age_band,
        &c.ethnic_group,
        &c.legal_status,
        &c.placement,
        &c.distance,
    );
    let mut groups: BTreeMap<&str, u64> = BTreeMap::new();
    for (rec, count) in &r.ceased.reason {
        if let Some(g) = dfe::ceased_reason_group(rec) {
            *groups.entry(g).or_default() += count;
        }
    }
    let value = |field: &str| -> Option<u64> {
        let pc = |k: u64| percent(k, n);
        match field {
            "rate_per_10000" => c.rate_per_10000,
            "cla" => Some(n),
            "started" => Some(r.started),
            "ceased" => Some(r.ceased.total),
            "sex.male" => pc(c.sex.male),
            "sex.female" => pc(c.sex.female),
            "age_band.under_1" => pc(a.under_1),
            "age_band.1_to_4" => pc(a.one_to_four),
            "age_band.5_to_9" => pc(a.five_to_nine),
            "age_band.10_to_15" => pc(a.ten_to_fifteen),
            "age_band.16_and_over" => pc(a.sixteen_and_over),
            "ethnic_group.white" => pc(e.white),
            "ethnic_group.mixed" => pc(e.mixed),
            "ethnic_group.asian" => pc(e.asian),
            "ethnic_group.black" => pc(e.black),
            "ethnic_group.other" => pc(e.other),
            "ethnic_group.not_known" => pc(e.not_known),
            "legal_status.interim_care_order" => pc(l.interim_care_order),
            "legal_status.full_care_order" => pc(l.full_care_order),
            "legal_status.placement_order" => pc(l.placement_order),
            "legal_status.section_20" => pc(l.section_20),
            "legal_status.detained_for_child_protection" => pc(l.detained_for_child_protection),
            "legal_status.youth_justice" => pc(l.youth_justice),
            "placement.foster" => pc(p.foster_relative_friend + p.foster_other_carer),
            "placement.placed_for_adoption" => pc(p.placed_for_adoption),
            "placement.placed_with_parents" => pc(p.placed_with_parents),
            "placement.independent_or_supported" => pc(p.independent_or_supported),
            "placement.secure_and_childrens_homes" => pc(p.secure_and_childrens_homes),
            "placement.other_residential" => pc(p.other_residential),
            "placement.residential_school" => pc(p.residential_school),
            "placement.other" => pc(p.other),
            "distance.up_to_20_miles" => pc(d.up_to_20_miles),
            "distance.over_20_miles" => pc(d.over_20_miles),
            "distance.not_known" => pc(d.not_known),
            "location.inside_la" => c.location.as_ref().and_then(|x| pc(x.inside_la)),
            "location.outside_la" => c.location.as_ref().and_then(|x| pc(x.outside_la)),
            "uasc" => pc(c.uasc),
            "three_plus_placements" => pc(c.three_plus_placements),
            "long_term_stability" => {
                percent(c.long_term_stability.stable, c.long_term_stability.eligible)
            }
            other => other
                .strip_prefix("ceased_reason.")
                .and_then(|g| percent(groups.get(g).copied().unwrap_or(0), r.ceased.total)),
        }
    };
    let name = r.la.as_ref().map_or("This report", |la| la.name.as_str());
    published(name, value, true)
}

/// Shapes the table's fields (`sex.male`, `uasc`, `ceased_reason.adopted`...) into figures.
fn published(
    name: &str,
    figure: impl Fn(&str) -> Option<u64>,
    with_counts: bool,
) -> PublishedFigures {
    let mut out = PublishedFigures {
        name: name.to_string(),
        ..Default::default()
    };
    for field in dfe::table().fields() {
        let value = figure(field);
        let cla = &mut out.cla_at_31_march;
        let (group, key) = field.split_once('.').unwrap_or((field, ""));
        let map = match group {
            "sex" => &mut cla.sex,
            "age_band" => &mut cla.age_band,
            "ethnic_group" => &mut cla.ethnic_group,
            "legal_status" => &mut cla.legal_status,
            "placement" => &mut cla.placement,
            "distance" => &mut cla.distance,
            "location" => &mut cla.location,
            "ceased_reason" => &mut out.ceased.reason,
            "rate_per_10000" => {
                cla.rate_per_10000 = value;
                continue;
            }
            "uasc" => {
                cla.uasc = value;
                continue;
            }
            "three_plus_placements" => {
                cla.three_plus_placements = value;
                continue;
            }
            "long_term_stability" => {
                cla.long_term_stability = value;
                continue;
            }
            "cla" if with_counts => {
                cla.total = value;
                continue;
            }
            "started" if with_counts => {
                out.started = value;
                continue;
            }
            "ceased" if with_counts => {
                out.ceased.total = value;
                continue;
            }
            _ => continue,
        };
        map.insert(key.to_string(), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_percentages_round_halves_up() {
        // 81,770 / 12,183,016 x 10,000 = 67.12 -> 67 (England 2025).
        assert_eq!(rate_per_10000(81_770, 12_183_016), Some(67));
        // 1 / 20,000 x 10,000 = 0.5 -> 1; 1 / 20,001 x 10,000 = 0.49998 -> 0.
        assert_eq!(rate_per_10000(1, 20_000), Some(1));
        assert_eq!(rate_per_10000(1, 20_001), Some(0));
        assert_eq!(rate_per_10000(5, 0), None);
        assert_eq!(percent(1, 8), Some(13)); // 12.5 -> 13
        assert_eq!(percent(0, 0), None);
    }
}

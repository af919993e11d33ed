//! DfE's published figures beside the council's own (MEASURES.md comparisons): the published
//! columns for England, the region, the council and its statistical neighbours, and the
//! report's own figures in the same shape and rounding.
//!
//! Published figures come from the embedded table of [`crate::dfe`]. The neighbours' figure is
//! the plain mean of the neighbours that have one, rounded to a whole number (halves up).

use crate::dfe::{self, Council, Geography};
use crate::report::keys::{
    dfe_categories, dfe_field, AgeBand, Breakdown, Distance, EthnicGroup, Key, LeaverGroup,
    LegalStatus, Location, Placement, PublishedShares, Sex, Unpublished,
};
use crate::report::{
    Benchmarks, NeighbourFigures, PublishedCeased, PublishedCla, PublishedFigures, Report,
};

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
    let mut not_published: Breakdown<Unpublished, String> = Breakdown::default();
    for (measure, sentence) in not_published.iter_mut() {
        *sentence = format!(
            "DfE does not publish {}, so there is no national, regional or neighbour figure \
             to compare with",
            measure.label().to_lowercase()
        );
    }
    Some(Benchmarks {
        year_ending: super::march_31(used)?,
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

/// A report's own figures in the shape of the published ones (see [`Benchmarks::this_report`]):
/// each of DfE's categories as a whole per cent (halves up) of all children looked after, or
/// of all leavers; long-term stability of those eligible.
pub fn own_figures(r: &Report) -> PublishedFigures {
    let c = &r.cla_at_31_march;
    let n = c.total;
    let no_location: Breakdown<Location> = Breakdown::default();
    PublishedFigures {
        name: r
            .la
            .as_ref()
            .map_or("This report", |la| la.name.as_str())
            .to_string(),
        cla_at_31_march: PublishedCla {
            total: Some(n),
            rate_per_10000: c.rate_per_10000,
            sex: shares(&c.sex, n),
            age_band: shares(&c.age_band, n),
            ethnic_group: shares(&c.ethnic_group, n),
            legal_status: shares(&c.legal_status, n),
            placement: shares(&c.placement, n),
            distance: shares(&c.distance, n),
            // Without a council there is no location: its shares are not available.
            location: match &c.location {
                Some(location) => shares(location, n),
                None => shares(&no_location, 0),
            },
            uasc: percent(c.uasc, n),
            three_plus_placements: percent(c.three_plus_placements, n),
            long_term_stability: percent(
                c.long_term_stability.stable,
                c.long_term_stability.eligible,
            ),
        },
        started: Some(r.started),
        ceased: PublishedCeased {
            total: Some(r.ceased.total),
            reason: shares(&r.ceased.by_group(), r.ceased.total),
        },
    }
}

/// Each of DfE's categories of a breakdown as a whole per cent of `total` (`None` when it is 0).
fn shares<K: Key>(counts: &Breakdown<K>, total: u64) -> PublishedShares {
    shares_map(
        dfe_categories::<K>()
            .into_iter()
            .map(|(category, _, keys)| (category.to_string(), percent(counts.sum(&keys), total)))
            .collect(),
    )
}

/// The map of a breakdown's shares from its pairs, built in this one function: a map collected
/// straight from an iterator brings its own copy of the standard library's sort for each
/// iterator type, and the generic callers here made 24 copies (94 kB of the page's worker,
/// README "Speed").
fn shares_map(pairs: Vec<(String, Option<u64>)>) -> PublishedShares {
    pairs.into_iter().collect()
}

/// DfE's fields of its single figures (beside the breakdowns of [`Key::DFE`]).
const RATE_PER_10000: &str = "rate_per_10000";
const CLA: &str = "cla";
const STARTED: &str = "started";
const CEASED: &str = "ceased";
const UASC: &str = "uasc";
const THREE_PLUS_PLACEMENTS: &str = "three_plus_placements";
const LONG_TERM_STABILITY: &str = "long_term_stability";

/// One column of published figures, `figure` giving each of DfE's fields (`sex.male`,
/// `uasc`...); counts only `with_counts` (a mean of neighbours has none).
fn published(
    name: &str,
    figure: impl Fn(&str) -> Option<u64>,
    with_counts: bool,
) -> PublishedFigures {
    let count = |field: &str| if with_counts { figure(field) } else { None };
    PublishedFigures {
        name: name.to_string(),
        cla_at_31_march: PublishedCla {
            total: count(CLA),
            rate_per_10000: figure(RATE_PER_10000),
            sex: published_shares::<Sex>(&figure),
            age_band: published_shares::<AgeBand>(&figure),
            ethnic_group: published_shares::<EthnicGroup>(&figure),
            legal_status: published_shares::<LegalStatus>(&figure),
            placement: published_shares::<Placement>(&figure),
            distance: published_shares::<Distance>(&figure),
            location: published_shares::<Location>(&figure),
            uasc: figure(UASC),
            three_plus_placements: figure(THREE_PLUS_PLACEMENTS),
            long_term_stability: figure(LONG_TERM_STABILITY),
        },
        started: count(STARTED),
        ceased: PublishedCeased {
            total: count(CEASED),
            reason: published_shares::<LeaverGroup>(&figure),
        },
    }
}

/// DfE's published categories of breakdown `K`, each from its field.
fn published_shares<K: Key>(figure: &impl Fn(&str) -> Option<u64>) -> PublishedShares {
    shares_map(
        dfe_categories::<K>()
            .into_iter()
            .filter_map(|(category, _, _)| {
                let field = dfe_field::<K>(category)?;
                Some((category.to_string(), figure(&field)))
            })
            .collect(),
    )
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

    #[test]
    fn every_published_field_is_read_once_through_the_vocabulary() {
        // Each of DfE's fields (data/dfe_benchmarks.tsv) is read by exactly one key or single
        // figure, and no key names a field DfE does not have.
        let asked = std::cell::RefCell::new(Vec::new());
        published(
            "England",
            |field| {
                asked.borrow_mut().push(field.to_string());
                None
            },
            true,
        );
        let mut asked = asked.into_inner();
        let mut fields: Vec<String> = dfe::table()
            .fields()
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(fields.len(), 56, "the table's fields");
        asked.sort();
        fields.sort();
        let twice: Vec<&String> = asked
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| &w[0])
            .collect();
        assert!(twice.is_empty(), "read twice: {twice:?}");
        assert_eq!(asked, fields);
    }

    #[test]
    fn the_reports_own_figures_have_the_published_shape() {
        // The same categories, in the same maps, as a published column.
        let data = crate::model::build(Vec::new(), Vec::new());
        let settings = crate::settings::Settings {
            la: Some("850".into()),
            ..Default::default()
        };
        let year = super::super::calendar::ReportingYear::ending(2025).expect("a year");
        let report = super::super::compute(&data, year, &settings);
        let b = report.benchmarks.expect("benchmarks for Hampshire");
        let keys = |f: &PublishedFigures| {
            let c = &f.cla_at_31_march;
            [
                &c.sex,
                &c.age_band,
                &c.ethnic_group,
                &c.legal_status,
                &c.placement,
                &c.distance,
                &c.location,
                &f.ceased.reason,
            ]
            .map(|m| m.keys().cloned().collect::<Vec<_>>())
        };
        assert_eq!(keys(&b.this_report), keys(&b.england));
        assert_eq!(keys(&b.this_report)[0], ["female", "male"]);
    }
}

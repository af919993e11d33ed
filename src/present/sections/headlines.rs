//! Headlines: the year at a glance, each figure with its target when one is set.

use super::{figure, SectionId};
use crate::present::dates::{long_date, year_span};
use crate::present::targets::{check_percent, check_percent_covering, Better};
use crate::present::{warnings, Block, Figure, Presentation, Section, Value, NOT_PUBLISHED};
use crate::report::keys::{Check, Distance, Participation};
use crate::report::Report;

pub(super) fn section(r: &Report, p: &Presentation) -> Section {
    let cla = &r.cla_at_31_march;
    let rv = &r.reviews;
    let (took_part, aged_4_plus) = rv.participation.took_part();
    let of_cla = |n: u64| {
        format!(
            "{} of children looked after",
            p.percent(n, cla.total, 0).display()
        )
    };
    let t = &p.targets;
    let mut cla_detail =
        "the children the council was corporate parent to at the year end".to_string();
    if let (Some(rate), Value::Count(_)) = (cla.rate_per_10000, p.count(cla.total)) {
        cla_detail.push_str(&format!("; a rate of {rate} per 10,000 children"));
        if let Some(b) = &r.benchmarks {
            let shown = |x: Option<u64>| x.map_or(NOT_PUBLISHED.to_string(), |x| x.to_string());
            cla_detail.push_str(&format!(
                " (England {}, statistical neighbours {})",
                shown(b.england.cla_at_31_march.rate_per_10000),
                shown(
                    b.statistical_neighbours
                        .figures
                        .cla_at_31_march
                        .rate_per_10000
                )
            ));
        }
    }
    let dq = &r.data_quality;
    let children = |n: u64| match p.count(n) {
        Value::Count(1) => "1 child".to_string(),
        v => format!("{} children", v.display()),
    };
    let reviews = |n: u64| match p.count(n) {
        Value::Count(1) => "1 review".to_string(),
        v => format!("{} reviews", v.display()),
    };
    let counts = super::reviews::review_counts(r, p);
    let (s, y) = (&counts.shown, counts.year);
    let on_time = s.percent(y.on_time, counts.assessable, 1, p.publication);
    let took_part_pc = p.percent(took_part, aged_4_plus, 1);
    let three_plus = p.percent(cla.three_plus_placements, cla.total, 0);
    let over_20 = p.percent(cla.distance[Distance::Over20Miles], cla.total, 0);
    let distance_known = cla.total.saturating_sub(cla.distance[Distance::NotKnown]);
    // Reviews whose code says the child was 4 or over, or is not a code: those the
    // participation figure is about (PN0 is for children under 4).
    let coded_4_plus = rv.held.saturating_sub(rv.participation[Participation::Pn0]);
    let mut on_time_caveat = Vec::new();
    // Said only beside a percentage shown: a hidden one has its own words.
    if rv.assessable < rv.held && matches!(on_time, Value::Percent { .. }) {
        on_time_caveat.push(format!(
            "the % on time is of the {} of {} reviews that could be checked",
            s.count(counts.assessable).display(),
            s.count(y.held).display()
        ));
    }
    if let Some(c) = dq.check(Check::VeryLateReviews) {
        on_time_caveat.push(format!(
            "{} held more than a year late: check the data",
            reviews(c.count)
        ));
    }
    let participation_caveat = [Check::Pn0Aged4Plus, Check::Pn17Under4]
        .iter()
        .filter_map(|&c| dq.check(c))
        .map(|c| c.count)
        .reduce(|a, b| a + b)
        .map(|n| format!("{} coded for the wrong age: check the data", reviews(n)));
    let figures = vec![
        Figure {
            caveat: dq.check(Check::Over18InCare).map(|c| {
                format!(
                    "includes {} aged 18 or over, who cannot be looked after: check the data",
                    children(c.count)
                )
            }),
            ..figure(
                &format!("Children looked after on {}", long_date(r.year_ending)),
                p.count(cla.total),
                cla_detail,
                Some("cla_at_31_march.total"),
            )
        },
        Figure {
            caveat: dq.check(Check::NoStarters).map(|_| {
                "none recorded in the year: the export may lack the episodes that began in it"
                    .to_string()
            }),
            ..figure(
                "Children who started to be looked after",
                p.count(r.started),
                "during the year (each child once)".into(),
                Some("started"),
            )
        },
        Figure {
            caveat: dq.check(Check::NoLeavers).map(|_| {
                "none recorded in the year: the export may lack the episodes that ended in it"
                    .to_string()
            }),
            ..figure(
                "Children who stopped being looked after",
                p.count(r.ceased.total),
                "during the year (each child once)".into(),
                Some("ceased.total"),
            )
        },
        figure(
            "Reviews held",
            s.count(y.held),
            "child in care reviews chaired by an IRO in the year".into(),
            Some("reviews.held"),
        ),
        Figure {
            target: check_percent_covering(
                &on_time,
                t.reviews_on_time,
                Better::Higher,
                rv.assessable,
                rv.held,
            ),
            caveat: (!on_time_caveat.is_empty()).then(|| on_time_caveat.join("; ")),
            ..figure(
                "Reviews held on time",
                on_time,
                if matches!(s.count(y.on_time), Value::Hidden) {
                    format!(
                        "not shown, so that the small number of late reviews cannot be worked \
                         out; {} reviews could be checked",
                        s.count(counts.assessable).display()
                    )
                } else {
                    format!(
                        "{} of the {} reviews whose due date could be checked",
                        s.count(y.on_time).display(),
                        s.count(counts.assessable).display()
                    )
                },
                None,
            )
        },
        Figure {
            target: check_percent_covering(
                &took_part_pc,
                t.participation,
                Better::Higher,
                aged_4_plus,
                coded_4_plus,
            ),
            caveat: participation_caveat,
            ..figure(
                "Children aged 4 and over who took part in their review",
                took_part_pc,
                format!(
                    "{} of {} reviews of children aged 4 and over",
                    p.count(took_part).display(),
                    p.count(aged_4_plus).display()
                ),
                None,
            )
        },
        Figure {
            target: check_percent(&three_plus, t.three_plus_placements, Better::Lower),
            caveat: dq.check(Check::OverlappingEpisodes).map(|c| {
                format!(
                    "{} had overlapping care episodes: check the data",
                    children(c.count)
                )
            }),
            ..figure(
                "Children with 3 or more placements in the year",
                p.count(cla.three_plus_placements),
                of_cla(cla.three_plus_placements),
                Some("cla_at_31_march.three_plus_placements"),
            )
        },
        Figure {
            target: check_percent_covering(
                &over_20,
                t.over_20_miles,
                Better::Lower,
                distance_known,
                cla.total,
            ),
            caveat: dq.check(Check::DistanceMostlyUnknown).map(|_| {
                match p.percent(distance_known, cla.total, 0) {
                    Value::Percent { .. } => format!(
                        "distance known for {} of children",
                        p.percent(distance_known, cla.total, 0).display()
                    ),
                    _ => format!("distance known for {}", children(distance_known)),
                }
            }),
            ..figure(
                "Children placed more than 20 miles from home",
                p.count(cla.distance[Distance::Over20Miles]),
                of_cla(cla.distance[Distance::Over20Miles]),
                Some("cla_at_31_march.distance.over_20_miles"),
            )
        },
    ];
    Section {
        narrative: Vec::new(),
        id: SectionId::Headlines,
        title: "Headlines".into(),
        summary: format!(
            "The year {} at a glance. Each figure is explained in the sections below.",
            year_span(r)
        ),
        blocks: {
            let warnings = warnings(r, p);
            let mut blocks = Vec::new();
            if !warnings.is_empty() {
                blocks.push(Block::Warnings {
                    summary: true,
                    warnings,
                });
            }
            blocks.push(Block::Figures(figures));
            blocks
        },
    }
}

//! Headlines: the year at a glance, each figure with its target when one is set.

use super::{figure, SectionId};
use crate::present::dates::{long_date, year_span};
use crate::present::targets::{check_percent, Better};
use crate::present::{Block, Figure, Presentation, Section, Value, NOT_PUBLISHED};
use crate::report::keys::Distance;
use crate::report::Report;

/// Reviews of children aged 4 and over in which the child took part (PN1 to PN6), and all
/// reviews of children aged 4 and over (PN1 to PN7).
pub(super) fn participated(report: &Report) -> (u64, u64) {
    report.reviews.participation.took_part()
}

pub(super) fn section(r: &Report, p: &Presentation) -> Section {
    let cla = &r.cla_at_31_march;
    let rv = &r.reviews;
    let (took_part, aged_4_plus) = participated(r);
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
    let on_time = p.percent(rv.on_time, rv.assessable, 1);
    let took_part_pc = p.percent(took_part, aged_4_plus, 1);
    let three_plus = p.percent(cla.three_plus_placements, cla.total, 0);
    let over_20 = p.percent(cla.distance[Distance::Over20Miles], cla.total, 0);
    let figures = vec![
        figure(
            &format!("Children looked after on {}", long_date(r.year_ending)),
            p.count(cla.total),
            cla_detail,
            Some("cla_at_31_march.total"),
        ),
        figure(
            "Children who started to be looked after",
            p.count(r.started),
            "during the year (each child once)".into(),
            Some("started"),
        ),
        figure(
            "Children who stopped being looked after",
            p.count(r.ceased.total),
            "during the year (each child once)".into(),
            Some("ceased.total"),
        ),
        figure(
            "Reviews held",
            p.count(rv.held),
            "child in care reviews chaired by an IRO in the year".into(),
            Some("reviews.held"),
        ),
        Figure {
            target: check_percent(&on_time, t.reviews_on_time, Better::Higher),
            ..figure(
                "Reviews held on time",
                on_time,
                format!(
                    "{} of the {} reviews whose due date could be checked",
                    p.count(rv.on_time).display(),
                    p.count(rv.assessable).display()
                ),
                None,
            )
        },
        Figure {
            target: check_percent(&took_part_pc, t.participation, Better::Higher),
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
            ..figure(
                "Children with 3 or more placements in the year",
                p.count(cla.three_plus_placements),
                of_cla(cla.three_plus_placements),
                Some("cla_at_31_march.three_plus_placements"),
            )
        },
        Figure {
            target: check_percent(&over_20, t.over_20_miles, Better::Lower),
            ..figure(
                "Children placed more than 20 miles from home",
                p.count(cla.distance[Distance::Over20Miles]),
                of_cla(cla.distance[Distance::Over20Miles]),
                Some("cla_at_31_march.distance.over_20_miles"),
            )
        },
    ];
    Section {
        id: SectionId::Headlines,
        title: "Headlines".into(),
        summary: format!(
            "The year {} at a glance. Each figure is explained in the sections below.",
            year_span(r)
        ),
        blocks: vec![Block::Figures(figures)],
    }
}

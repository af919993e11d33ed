//! The report as plain text for a terminal (the CLI without `--json`): the same figures as the
//! JSON, with the labels the page uses, followed by the per-file accounting and what was
//! rejected.

use std::fmt::Write;

use crate::model::Position;
use crate::report::{PublishedFigures, Report};

/// How many rejected rows and warnings to list before summarising the rest.
const LISTED: usize = 25;

fn pct(n: u64, d: u64) -> String {
    if d == 0 {
        "-".to_string()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / d as f64)
    }
}

fn rows(out: &mut String, total: u64, items: &[(&str, u64)]) {
    for (label, n) in items {
        let _ = writeln!(out, "    {label:<44} {n:>7}  {:>4}", pct(*n, total));
    }
}

fn figure(v: Option<u64>, unit: &str) -> String {
    v.map_or_else(|| "n/p".to_string(), |n| format!("{n}{unit}"))
}

/// The council, its rate and placement location, the trend, and DfE's figures beside ours.
fn comparisons(o: &mut String, r: &Report) {
    let c = &r.cla_at_31_march;
    if let Some(la) = &r.la {
        let _ = writeln!(o);
        let _ = writeln!(o, "Council: {} ({})", la.name, la.code);
        if let (Some(rate), Some(p)) = (c.rate_per_10000, &c.rate_population) {
            let _ = writeln!(
                o,
                "  Rate per 10,000 children: {rate} (0-17 population {}, DfE's base for the year ending {})",
                p.children_0_to_17, p.year_ending
            );
        }
        if let Some(l) = &c.location {
            let _ = writeln!(o, "  Placed");
            rows(
                o,
                c.total,
                &[
                    ("Inside the council's boundary", l.inside_la),
                    ("Outside it", l.outside_la),
                    ("Not known", l.not_known),
                ],
            );
        }
        if let Some(places) = &c.placed_in_councils {
            let _ = writeln!(o, "  Councils placed in (most children first)");
            for p in places.iter().take(10) {
                let _ = writeln!(
                    o,
                    "    {:<44} {:>7}",
                    format!("{} ({})", p.name, p.code),
                    p.children
                );
            }
        }
    }
    if !r.trend.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "Trend (year ending)   looked after  rate  started  ceased  adopted  SGO  CAO  3+ placements  reviews held  on time"
        );
        for (year, t) in &r.trend {
            let _ = writeln!(
                o,
                "  {year}{}   {:>12}  {:>4}  {:>7}  {:>6}  {:>7}  {:>3}  {:>3}  {:>13}  {:>12}  {:>7}",
                if t.own_export { " " } else { "*" },
                t.cla_at_31_march,
                figure(t.rate_per_10000, ""),
                t.started,
                t.ceased,
                t.adopted,
                t.sgo,
                t.cao,
                t.three_plus_placements,
                figure(t.reviews_held, ""),
                figure(t.reviews_on_time_percent, "%"),
            );
        }
        if r.trend.values().any(|t| !t.own_export) {
            let _ = writeln!(
                o,
                "  * not the year's own export: read from later histories, which may lack children who had left care"
            );
        }
    }
    if let Some(b) = &r.benchmarks {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "Compared with ({}, year ending {}; n/p = not published)",
            b.source, b.year_ending
        );
        let columns = [
            &b.this_report,
            &b.la_published,
            &b.statistical_neighbours.figures,
            &b.region,
            &b.england,
        ];
        let _ = writeln!(
            o,
            "  {:<28}{:>12}{:>12}{:>12}{:>12}{:>12}",
            "", "This report", "Published", "Neighbours", "Region", "England"
        );
        let line = |o: &mut String,
                    label: &str,
                    get: &dyn Fn(&PublishedFigures) -> Option<u64>,
                    unit: &str| {
            let _ = write!(o, "  {label:<28}");
            for col in columns {
                let _ = write!(o, "{:>12}", figure(get(col), unit));
            }
            let _ = writeln!(o);
        };
        line(
            o,
            "Rate per 10,000",
            &|f| f.cla_at_31_march.rate_per_10000,
            "",
        );
        line(o, "UASC", &|f| f.cla_at_31_march.uasc, "%");
        line(
            o,
            "Placed outside the council",
            &|f| {
                f.cla_at_31_march
                    .location
                    .get("outside_la")
                    .copied()
                    .flatten()
            },
            "%",
        );
        line(
            o,
            "Placed over 20 miles away",
            &|f| {
                f.cla_at_31_march
                    .distance
                    .get("over_20_miles")
                    .copied()
                    .flatten()
            },
            "%",
        );
        line(
            o,
            "3 or more placements",
            &|f| f.cla_at_31_march.three_plus_placements,
            "%",
        );
        line(
            o,
            "Long-term stability",
            &|f| f.cla_at_31_march.long_term_stability,
            "%",
        );
        line(
            o,
            "Leavers adopted",
            &|f| f.ceased.reason.get("adopted").copied().flatten(),
            "%",
        );
        for note in b.not_published.values() {
            let _ = writeln!(o, "  {note}.");
        }
    }
}

/// Renders the whole report.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let c = &r.cla_at_31_march;
    let _ = writeln!(
        o,
        "Careboard: IRO annual report figures, year ending {}",
        r.year_ending
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "Children looked after at 31 March: {}", c.total);
    let _ = writeln!(o, "  Sex");
    rows(
        &mut o,
        c.total,
        &[
            ("Male", c.sex.male),
            ("Female", c.sex.female),
            ("Not known", c.sex.unknown),
        ],
    );
    let a = &c.age_band;
    let _ = writeln!(o, "  Age on 31 March");
    rows(
        &mut o,
        c.total,
        &[
            ("Under 1", a.under_1),
            ("1 to 4", a.one_to_four),
            ("5 to 9", a.five_to_nine),
            ("10 to 15", a.ten_to_fifteen),
            ("16 and over", a.sixteen_and_over),
            ("Not known", a.unknown),
        ],
    );
    let e = &c.ethnic_group;
    let _ = writeln!(o, "  Ethnic group");
    rows(
        &mut o,
        c.total,
        &[
            ("White", e.white),
            ("Mixed or multiple", e.mixed),
            ("Asian or Asian British", e.asian),
            ("Black, African, Caribbean or Black British", e.black),
            ("Other ethnic group", e.other),
            ("Refused or not yet obtained", e.not_known),
        ],
    );
    let l = &c.legal_status;
    let _ = writeln!(o, "  Legal status");
    rows(
        &mut o,
        c.total,
        &[
            ("Interim care order", l.interim_care_order),
            ("Full care order", l.full_care_order),
            ("Placement order", l.placement_order),
            ("Accommodated by agreement (section 20)", l.section_20),
            (
                "Detained for child protection",
                l.detained_for_child_protection,
            ),
            ("Youth justice", l.youth_justice),
            ("Not known", l.unknown),
        ],
    );
    let p = &c.placement;
    let _ = writeln!(o, "  Placement");
    rows(
        &mut o,
        c.total,
        &[
            (
                "Foster care with relatives or friends",
                p.foster_relative_friend,
            ),
            ("Foster care with other carers", p.foster_other_carer),
            ("Placed for adoption", p.placed_for_adoption),
            ("Placed with parents", p.placed_with_parents),
            (
                "Independent or supported living",
                p.independent_or_supported,
            ),
            (
                "Secure units and children's homes",
                p.secure_and_childrens_homes,
            ),
            ("Other residential settings", p.other_residential),
            ("Residential schools", p.residential_school),
            ("Other placements", p.other),
            ("Not known", p.unknown),
        ],
    );
    let d = &c.distance;
    let _ = writeln!(o, "  Distance from home");
    rows(
        &mut o,
        c.total,
        &[
            ("20 miles or less", d.up_to_20_miles),
            ("More than 20 miles", d.over_20_miles),
            ("Not known", d.not_known),
        ],
    );
    let _ = writeln!(
        o,
        "  Unaccompanied asylum-seeking children: {} ({})",
        c.uasc,
        pct(c.uasc, c.total)
    );
    let _ = writeln!(
        o,
        "  Three or more placements in the year: {} ({})",
        c.three_plus_placements,
        pct(c.three_plus_placements, c.total)
    );
    let s = &c.long_term_stability;
    let _ = writeln!(
        o,
        "  Long-term stability: {} of {} under-16s in care 2.5 years or more had the same carer for 2 years ({})",
        s.stable,
        s.eligible,
        pct(s.stable, s.eligible)
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "Started to be looked after in the year: {}", r.started);
    let _ = writeln!(
        o,
        "Ceased to be looked after in the year: {}",
        r.ceased.total
    );
    for (code, n) in &r.ceased.reason {
        let _ = writeln!(o, "    {code:<44} {n:>7}  {:>4}", pct(*n, r.ceased.total));
    }
    let _ = writeln!(o, "Children looked after at each month end:");
    for (date, n) in &r.cla_month_end {
        let _ = writeln!(o, "    {date:<44} {n:>7}");
    }
    let v = &r.reviews;
    let _ = writeln!(o);
    let _ = writeln!(o, "Reviews held in the year: {}", v.held);
    let _ = writeln!(
        o,
        "    {:<44} {:>7}  {:>4} of those that can be judged",
        "On time",
        v.on_time,
        pct(v.on_time, v.assessable)
    );
    let _ = writeln!(
        o,
        "    {:<44} {:>7}  {:>4}",
        "Late",
        v.late,
        pct(v.late, v.assessable)
    );
    let _ = writeln!(
        o,
        "    {:<44} {:>7}",
        "Cannot be judged from the data", v.not_assessable
    );
    let _ = writeln!(
        o,
        "    {:<44} {:>7}",
        "Children overdue a review at 31 March", v.overdue_at_year_end
    );
    let _ = writeln!(o, "  By month (held / on time / late / cannot be judged):");
    for (month, m) in &v.by_month {
        let _ = writeln!(
            o,
            "    {month:<12} {:>6} {:>8} {:>6} {:>6}",
            m.held, m.on_time, m.late, m.not_assessable
        );
    }
    let q = &v.participation;
    let _ = writeln!(o, "  Participation:");
    rows(
        &mut o,
        v.held,
        &[
            ("PN0 Child under 4", q.PN0),
            ("PN1 Attended and spoke for themselves", q.PN1),
            ("PN2 Attended, an advocate spoke for them", q.PN2),
            ("PN3 Attended, views shown non-verbally", q.PN3),
            ("PN4 Attended, did not contribute", q.PN4),
            ("PN5 Did not attend, briefed an advocate", q.PN5),
            ("PN6 Did not attend, views sent another way", q.PN6),
            ("PN7 Did not attend, views not given", q.PN7),
            ("Not recorded", q.unknown),
        ],
    );
    comparisons(&mut o, r);
    let _ = writeln!(o);
    let _ = writeln!(o, "Files read (rows read = used + rejected):");
    for i in &r.inputs {
        let _ = writeln!(
            o,
            "    {:<44} {:<20} read {:>7}  used {:>7}  rejected {:>6}",
            i.source,
            i.table.name(),
            i.rows_read,
            i.rows_used,
            i.rows_rejected
        );
    }
    let dq = &r.data_quality;
    for p in &dq.problems {
        let _ = writeln!(o, "    Not used: {}", p.message);
    }
    for (title, list) in [("Rejected rows", &dq.rejected), ("Warnings", &dq.warnings)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "{title}: {}", list.len());
        for x in list.iter().take(LISTED) {
            let at = if x.position == Position::Line {
                "line"
            } else {
                "row"
            };
            let _ = writeln!(
                o,
                "    {}, {at} {}, column {}: {}",
                x.source, x.row, x.column, x.reason
            );
        }
        if list.len() > LISTED {
            let _ = writeln!(
                o,
                "    ... and {} more (all of them are in the JSON report)",
                list.len() - LISTED
            );
        }
    }
    o
}

//! Who is in care on 31 March: age and sex, ethnic group, legal status, placement, distance
//! from home and (with a council chosen) where children are placed, each beside DfE's
//! published figures when a council is chosen.

use super::{figure, BreakdownTable, Pick, SectionId, CHILDREN};
use crate::present::compare;
use crate::present::dates::{long_date, year_span};
use crate::present::suppress::Grid;
use crate::present::{Block, ChartKind, ChartPlan, Presentation, Row, Section, Table, Value};
use crate::report::iro::{ComparisonPopulation, Disproportionality};
use crate::report::keys::{Key, Sex};
use crate::report::Report;

pub(super) fn section(r: &Report, p: &Presentation) -> Section {
    let cla = &r.cla_at_31_march;
    let on = long_date(r.year_ending);
    let bm = r.benchmarks.as_ref();
    let mut blocks = vec![Block::Figures(vec![
        figure(
            &format!("Children looked after on {on}"),
            p.count(cla.total),
            "every child with a care episode open that day (short breaks not counted)".into(),
            Some("cla_at_31_march.total"),
        ),
        figure(
            "Unaccompanied asylum-seeking children",
            p.count(cla.uasc),
            format!(
                "{} of children looked after",
                p.percent(cla.uasc, cla.total, 0).display()
            ),
            Some("cla_at_31_march.uasc"),
        ),
    ])];
    if let Some(b) = bm {
        blocks.push(Block::Table(compare::measures_table(
            "uasc-compared",
            format!("Unaccompanied asylum-seeking children, % of children looked after on {on}"),
            b,
            vec![(
                "Unaccompanied asylum-seeking children".into(),
                p.percent(cla.uasc, cla.total, 0),
                |f| f.cla_at_31_march.uasc,
            )],
        )));
    }

    blocks.push(Block::Heading("Age and sex".into()));
    blocks.push(Block::Table(age_and_sex(r, &on, p)));
    if let Some(b) = bm {
        // Shares beside DfE's, drawn with its figures as markers: tables of their own, so the
        // age and sex chart above shows what its title says.
        blocks.push(Block::Table(
            BreakdownTable {
                id: "age",
                caption: format!("Children looked after on {on}, by age"),
                heading: "Age on 31 March",
                counts: cla.age_band.counted(&[]),
                total: cla.total,
                unit: &CHILDREN,
                compared: Some((b, |f| &f.cla_at_31_march.age_band)),
            }
            .table(p),
        ));
        blocks.push(Block::Table(
            BreakdownTable {
                id: "sex",
                caption: format!("Children looked after on {on}, by sex"),
                heading: "Sex",
                counts: cla.sex.counted(&[]),
                total: cla.total,
                unit: &CHILDREN,
                compared: Some((b, |f| &f.cla_at_31_march.sex)),
            }
            .table(p),
        ));
    }

    let by = |what: &str| format!("Children looked after on {on}, by {what}");
    let compared = |pick: Pick| bm.map(|b| (b, pick));
    blocks.push(Block::Heading("Ethnic group".into()));
    blocks.push(Block::Table(
        BreakdownTable {
            id: "ethnicity",
            caption: by("ethnic group"),
            heading: "Ethnic group",
            counts: cla.ethnic_group.counted(&[]),
            total: cla.total,
            unit: &CHILDREN,
            compared: compared(|f| &f.cla_at_31_march.ethnic_group),
        }
        .table(p),
    ));
    blocks.push(Block::Heading("Legal status".into()));
    blocks.push(Block::Table(
        BreakdownTable {
            id: "legal-status",
            caption: by("legal status"),
            heading: "Legal status",
            counts: cla.legal_status.counted(&[]),
            total: cla.total,
            unit: &CHILDREN,
            compared: compared(|f| &f.cla_at_31_march.legal_status),
        }
        .table(p),
    ));
    blocks.push(Block::Heading("How long children have been in care".into()));
    blocks.push(Block::Paragraph(format!(
        "Counted from the start of each child's current period of care to {on}: a child who \
         left care and came back is counted from their return."
    )));
    blocks.push(Block::Table(
        BreakdownTable {
            id: "time-in-care",
            caption: by("time in care"),
            heading: "Time in care",
            counts: cla.time_in_care.counted(&[]),
            total: cla.total,
            unit: &CHILDREN,
            compared: None,
        }
        .table(p),
    ));
    blocks.push(Block::Heading("Type of placement".into()));
    blocks.push(Block::Table(
        BreakdownTable {
            id: "placement-type",
            caption: by("type of placement"),
            heading: "Placement",
            counts: cla.placement.counted(&[]),
            total: cla.total,
            unit: &CHILDREN,
            compared: compared(|f| &f.cla_at_31_march.placement),
        }
        .table(p),
    ));
    blocks.push(Block::Heading("Distance from home".into()));
    blocks.push(Block::Paragraph(
        "Distance is measured in a straight line between the home and placement \
         postcodes. It is not known when a postcode is missing or not recognised, and \
         is usually not recorded for unaccompanied asylum-seeking children."
            .into(),
    ));
    blocks.push(Block::Table(
        BreakdownTable {
            id: "distance-from-home",
            caption: by("distance from home"),
            heading: "Distance between home and placement",
            counts: cla.distance.counted(&[]),
            total: cla.total,
            unit: &CHILDREN,
            compared: compared(|f| &f.cla_at_31_march.distance),
        }
        .table(p),
    ));
    if let (Some(b), Some(location)) = (bm, &cla.location) {
        blocks.push(Block::Heading(
            "Placed inside or outside the council's area".into(),
        ));
        blocks.push(Block::Table(
            BreakdownTable {
                id: "inside-outside",
                caption: format!(
                    "Children looked after on {on}, placed inside or outside the council's area"
                ),
                heading: "Where placed",
                counts: location.counted(&[]),
                total: cla.total,
                unit: &CHILDREN,
                compared: Some((b, |f| &f.cla_at_31_march.location)),
            }
            .table(p),
        ));
    }
    if let Some(councils) = &cla.placed_in_councils {
        let shown: Vec<_> = councils.iter().take(10).collect();
        blocks.push(Block::Table(Table {
            id: "placed-in-councils".into(),
            caption: format!(
                "Councils where most children looked after on {on} are placed (top {})",
                shown.len()
            ),
            columns: ["Council", "Children"].map(String::from).to_vec(),
            rows: shown
                .iter()
                .map(|c| Row {
                    label: c.name.clone(),
                    cells: vec![p.count(c.children)],
                })
                .collect(),
            total: None,
            chart: Some(ChartPlan {
                kind: ChartKind::HorizontalBars,
                series: vec![0],
                value_label: "Children".into(),
                percent: false,
                markers: Vec::new(),
            }),
        }));
    }
    if let Some(d) = &r.disproportionality {
        blocks.extend(disproportionality(d, &on, p));
    }
    if let Some(dolo) = &r.dolo {
        blocks.push(Block::Figures(vec![figure(
            &format!("Deprivation of Liberty orders in force on {on}"),
            p.count(dolo.in_force_at_31_march),
            format!(
                "children, whether looked after or not; {} with an order starting in the year",
                p.count(dolo.started_in_year).display()
            ),
            Some("dolo.in_force_at_31_march"),
        )]));
    }
    blocks.push(Block::Heading("Missing and away from placement".into()));
    blocks.extend(missing(r, p));
    if let Some(b) = bm {
        blocks.push(compare::note(b));
    }
    Section {
        narrative: Vec::new(),
        id: SectionId::InCare,
        title: format!("Who is in care on {on}"),
        summary: "The children looked after at the year end: their age, sex and ethnic group, \
                  the legal basis of their care, how long they have been in care, where they live \
                  and how far from home, and how often children went missing in the year."
            .into(),
        blocks,
    }
}

/// Children by age band (rows) and sex (columns), with all children and their share, drawn
/// as columns of age stacked by sex.
fn age_and_sex(r: &Report, on: &str, p: &Presentation) -> Table {
    let cla = &r.cla_at_31_march;
    let mut columns = vec!["Age on 31 March".to_string()];
    columns.extend(Sex::ALL.iter().map(|s| s.label().to_string()));
    columns.extend(["All children".to_string(), "% of children".to_string()]);
    // Each band's sexes add up to the band; each sex's bands to the sex; the bands and the
    // sexes to all children.
    let mut grid = Grid::new();
    let bands: Vec<(&str, Vec<usize>, usize)> = cla
        .age_band
        .rows()
        .map(|(band, n)| {
            let sexes: Vec<usize> = cla
                .age_band_by_sex
                .iter()
                .map(|(_, bands)| grid.cell(bands[band]))
                .collect();
            let all = grid.cell(n);
            grid.line(sexes.clone(), all);
            (band.label(), sexes, all)
        })
        .collect();
    let sexes: Vec<usize> = cla.sex.rows().map(|(_, n)| grid.cell(n)).collect();
    let all = grid.cell(cla.total);
    for (i, &sex) in sexes.iter().enumerate() {
        grid.line(bands.iter().map(|(_, cells, _)| cells[i]).collect(), sex);
    }
    grid.line(bands.iter().map(|(_, _, band)| *band).collect(), all);
    grid.line(sexes.clone(), all);
    let shown = grid.solve(p.publication);
    Table {
        id: "age-and-sex".into(),
        caption: format!("Children looked after on {on}, by age and sex"),
        columns,
        rows: bands
            .iter()
            .map(|(label, cells, band)| {
                let mut cells: Vec<Value> = cells.iter().map(|&c| shown.count(c)).collect();
                cells.push(shown.count(*band));
                cells.push(shown.percent(*band, all, 0, p.publication));
                Row {
                    label: label.to_string(),
                    cells,
                }
            })
            .collect(),
        total: Some(Row {
            label: "All ages".into(),
            cells: sexes
                .iter()
                .map(|&c| shown.count(c))
                .chain([shown.count(all), shown.percent(all, all, 0, p.publication)])
                .collect(),
        }),
        chart: Some(ChartPlan {
            kind: ChartKind::StackedColumns {
                total: Sex::ALL.len(),
            },
            series: (0..Sex::ALL.len()).collect(),
            value_label: "Children".into(),
            percent: false,
            markers: Vec::new(),
        }),
    }
}

/// The missing and away episodes that started in the year: a table of episodes and children,
/// or a sentence saying why there is none.
fn missing(r: &Report, p: &Presentation) -> Vec<Block> {
    let Some(m) = &r.missing else {
        return vec![Block::Paragraph(
            "No missing from care table was loaded, so these figures cannot be shown.".into(),
        )];
    };
    let row = |label: &str, episodes: u64, children: u64| Row {
        label: label.into(),
        cells: vec![p.count(episodes), p.count(children)],
    };
    vec![
        Block::Paragraph(
            "Every episode that started in the year, whatever the child's care status on the \
             day: missing means the child's whereabouts were not known; away means they were \
             known but the child was away from their placement without permission. A child \
             can have several episodes."
                .into(),
        ),
        Block::Table(Table {
            id: "missing-and-away".into(),
            caption: format!(
                "Missing and away episodes that started in the year, {}",
                year_span(r)
            ),
            columns: ["Episode", "Episodes", "Children"]
                .map(String::from)
                .to_vec(),
            rows: vec![
                row("Missing", m.missing_episodes, m.children_missing),
                row(
                    "Away from placement without permission",
                    m.away_episodes,
                    m.children_away,
                ),
            ],
            total: None,
            chart: Some(ChartPlan {
                kind: ChartKind::HorizontalBars,
                series: vec![0, 1],
                value_label: "Episodes and children".into(),
                percent: false,
                markers: Vec::new(),
            }),
        }),
    ]
}

/// The children looked after by ethnic group beside the local population (MEASURES.md section
/// 9). In publication mode a group of 1 to 4 children shows "fewer than 5" and no share, ratio
/// or rate.
fn disproportionality(d: &Disproportionality, on: &str, p: &Presentation) -> Vec<Block> {
    let known: u64 = d.groups.iter().map(|(_, g)| g.children).sum();
    let loaded = d.population == ComparisonPopulation::LoadedChildren;
    let text = |x: Option<f64>, places: usize, unit: &str| {
        x.map_or(Value::NotAvailable, |x| {
            Value::Text(format!("{x:.places$}{unit}"))
        })
    };
    let mut columns = vec![
        "Ethnic group",
        "Children looked after",
        "% of those with a known group",
        "% of the population",
        "Ratio",
    ];
    if loaded {
        columns.push("Per 10,000 children of the group");
    }
    let rows = d
        .groups
        .iter()
        .map(|(group, g)| {
            let hidden = p.publication && (1..=4).contains(&g.children);
            let hide = |v: Value| if hidden { Value::Suppressed } else { v };
            let mut cells = vec![
                p.count(g.children),
                hide(p.percent(g.children, known, 1)),
                text(g.population_share, 1, "%"),
                hide(text(g.ratio, 2, "")),
            ];
            if loaded {
                cells.push(hide(
                    g.rate_per_10000.map_or(Value::NotAvailable, Value::Count),
                ));
            }
            Row {
                label: group.label().to_string(),
                cells,
            }
        })
        .collect();
    let about = if loaded {
        "Compared with the child population table loaded (such as the school census)."
    } else {
        "Compared with the council's whole population of all ages at the 2021 Census, as no \
         child population was loaded. Children are more ethnically diverse than adults, so \
         minority groups' shares of the child population are higher than shown here, and the \
         ratios for them lower."
    };
    vec![
        Block::Heading("Compared with the local population".into()),
        Block::Paragraph(format!(
            "{about} A ratio above 1 means the group's share of children looked after on {on} \
             is larger than its share of the population."
        )),
        Block::Table(Table {
            id: "ethnic-group-population".into(),
            caption: format!(
                "Children looked after on {on} by ethnic group, beside the population"
            ),
            columns: columns.into_iter().map(String::from).collect(),
            rows,
            total: None,
            chart: Some(ChartPlan {
                kind: ChartKind::HorizontalBars,
                series: vec![1],
                value_label: "% of children looked after with a known group".into(),
                percent: true,
                markers: Vec::new(),
            }),
        }),
    ]
}

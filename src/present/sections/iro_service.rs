//! The IRO service's own work (MEASURES.md section 7), in the order of an IRO annual report:
//! caseloads against the IRO Handbook's band, reviews chaired, review records completed on
//! time, cancelled reviews, parents' participation, disputes by stage and contacts. A part
//! whose export is not loaded says which export would give it, never 0. Publication mode
//! leaves out every per-IRO figure (staff are identifiable) and applies the 1-4 rule.

use super::{figure, SectionId};
use crate::mapping::stage_label;
use crate::present::dates::long_date;
use crate::present::{Block, ChartKind, ChartPlan, Presentation, Row, Section, Table, Value};
use crate::report::iro::{IroService, OTHER_STAGE};
use crate::report::Report;

/// A whole number that is not a count of children (a caseload): never suppressed.
fn whole(n: Option<u64>) -> Value {
    n.map_or(Value::NotAvailable, Value::Count)
}

/// An FTE as written: `0.6`, `1`, `8.8`.
fn fte(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn table(id: &str, caption: String, columns: &[&str], rows: Vec<Row>) -> Table {
    Table {
        id: id.into(),
        caption,
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        total: None,
        chart: None,
    }
}

fn bars(label: &str) -> Option<ChartPlan> {
    Some(ChartPlan {
        kind: ChartKind::HorizontalBars,
        series: vec![0],
        value_label: label.into(),
        percent: false,
        markers: Vec::new(),
    })
}

/// What to load for a part that is not available.
fn missing(what: &str, export: &str) -> Block {
    Block::Paragraph(format!(
        "{what}: not available. Load {export} (from the case-management system, with the 903 \
         files or later) to see it."
    ))
}

pub(super) fn section(r: &Report, p: &Presentation) -> Section {
    let s: &IroService = &r.iro_service;
    let on = long_date(r.year_ending);
    let mut blocks = Vec::new();
    if let Some(as_at) = s.as_at {
        blocks.push(Block::Paragraph(format!(
            "The IRO service's own exports run to {}; a review record not completed by its \
             deadline on that date is counted as overdue.",
            long_date(as_at)
        )));
    }

    blocks.push(Block::Heading("Caseloads".into()));
    match &s.caseload {
        Some(c) => {
            let at = &c.at_year_end;
            blocks.push(Block::Figures(vec![
                figure(
                    &format!("Children per full-time IRO on {on}"),
                    whole(at.per_fte),
                    match (at.lowest, at.highest) {
                        (Some(lo), Some(hi)) => format!(
                            "{} IROs ({} full-time equivalent); from {lo} to {hi} per IRO. \
                             The IRO Handbook suggests 50 to 70",
                            at.iros,
                            fte(at.fte)
                        ),
                        _ => "no IRO had a child allocated that day".into(),
                    },
                    Some("iro_service.caseload.at_year_end.per_fte"),
                ),
                figure(
                    "Average over the year",
                    whole(c.year_average),
                    "the mean of the twelve month ends".into(),
                    Some("iro_service.caseload.year_average"),
                ),
            ]));
            let mut months = table(
                "iro-caseload-by-month",
                "Children per full-time IRO at each month end".into(),
                &["Month end", "Children per full-time IRO"],
                c.month_end
                    .iter()
                    .map(|(d, n)| Row {
                        label: long_date(*d),
                        cells: vec![whole(*n)],
                    })
                    .collect(),
            );
            months.chart = Some(ChartPlan {
                kind: ChartKind::Line,
                series: vec![0],
                value_label: "Children per full-time IRO".into(),
                percent: false,
                markers: Vec::new(),
            });
            blocks.push(Block::Table(months));
            if !p.publication {
                blocks.push(Block::Table(table(
                    "iro-caseload-band",
                    format!("IROs against the IRO Handbook's 50 to 70 children on {on}"),
                    &["Children per full-time IRO", "IROs"],
                    vec![
                        Row {
                            label: "Below 50".into(),
                            cells: vec![Value::Count(at.below_50)],
                        },
                        Row {
                            label: "50 to 70".into(),
                            cells: vec![Value::Count(at.band_50_to_70)],
                        },
                        Row {
                            label: "Above 70".into(),
                            cells: vec![Value::Count(at.above_70)],
                        },
                    ],
                )));
                let mut per = table(
                    "iro-caseload-by-iro",
                    format!("Each IRO's caseload on {on}"),
                    &[
                        "IRO",
                        "Children per full-time IRO",
                        "Children",
                        "Full-time equivalent",
                        "Reviews chaired in the year",
                    ],
                    c.by_iro
                        .iter()
                        .map(|i| Row {
                            label: match &i.name {
                                Some(name) => format!("{name} ({})", i.iro),
                                None => i.iro.clone(),
                            },
                            cells: vec![
                                Value::Count(i.per_fte),
                                Value::Count(i.children),
                                Value::Text(fte(i.fte)),
                                whole(i.reviews_chaired),
                            ],
                        })
                        .collect(),
                );
                per.chart = bars("Children per full-time IRO");
                blocks.push(Block::Table(per));
            }
        }
        None => blocks.push(missing(
            "Caseloads",
            "the IRO allocations export (which IRO each child is allocated to, from and to \
             when), and the list of IROs with their full-time equivalents",
        )),
    }

    blocks.push(Block::Heading("Reviews chaired".into()));
    match &s.reviews_chaired {
        Some(chaired) => {
            blocks.push(Block::Figures(vec![figure(
                "Reviews held in the year",
                p.count(chaired.total()),
                format!(
                    "chaired by {} IROs; chair not known for {}",
                    chaired.by_iro.len(),
                    p.count(chaired.not_known).display()
                ),
                None,
            )]));
            if !p.publication {
                let mut rows: Vec<Row> = chaired
                    .by_iro
                    .iter()
                    .map(|(iro, n)| Row {
                        label: iro.clone(),
                        cells: vec![Value::Count(*n)],
                    })
                    .collect();
                rows.push(Row {
                    label: "Chair not known".into(),
                    cells: vec![Value::Count(chaired.not_known)],
                });
                let mut t = table(
                    "iro-reviews-chaired",
                    "Reviews chaired in the year, by IRO".into(),
                    &["IRO", "Reviews chaired"],
                    rows,
                );
                t.chart = bars("Reviews chaired");
                blocks.push(Block::Table(t));
            }
        }
        None => blocks.push(missing("Reviews chaired", "the review meetings export")),
    }

    blocks.push(Block::Heading("Review records".into()));
    match &s.records {
        Some(rec) => {
            let due = rec.on_time + rec.late + rec.overdue;
            blocks.push(Block::Figures(vec![figure(
                &format!(
                    "Records completed within {} working days",
                    rec.deadline_working_days
                ),
                p.percent(rec.on_time, due, 1),
                format!(
                    "{} of the {} records due",
                    p.count(rec.on_time).display(),
                    p.count(due).display()
                ),
                // A percentage, not an integer of the JSON: the page's checks compare counts.
                None,
            )]));
            let row = |label: &str, n: u64| Row {
                label: label.into(),
                cells: vec![p.count(n)],
            };
            let mut t = table(
                "iro-records",
                "Review records of the reviews held in the year".into(),
                &["Record", "Reviews"],
                vec![
                    row("Completed on time", rec.on_time),
                    row("Completed late", rec.late),
                    row("Overdue (not completed, deadline passed)", rec.overdue),
                    row("Not yet due", rec.not_yet_due),
                ],
            );
            t.chart = bars("Reviews");
            blocks.push(Block::Table(t));
        }
        None => blocks.push(missing(
            "Review records",
            "the review meetings export with the date each record was completed",
        )),
    }

    blocks.push(Block::Heading("Cancelled reviews".into()));
    match &s.cancelled {
        Some(c) => blocks.push(Block::Figures(vec![figure(
            "Reviews cancelled in the year",
            p.count(c.cancelled),
            format!(
                "{} of the reviews held or cancelled",
                p.percent(c.cancelled, c.held + c.cancelled, 1).display()
            ),
            Some("iro_service.cancelled.cancelled"),
        )])),
        None => blocks.push(missing("Cancelled reviews", "the review meetings export")),
    }

    blocks.push(Block::Heading("Parents' participation".into()));
    match &s.parents {
        Some(par) => {
            let row = |label: &str, n: u64| Row {
                label: label.into(),
                cells: vec![p.count(n), p.percent(n, par.held, 1)],
            };
            let mut t = table(
                "iro-parents",
                format!(
                    "Parents' part in the {} reviews held in the year",
                    p.count(par.held).display()
                ),
                &["Parents", "Reviews", "% of reviews held"],
                vec![
                    row("A parent attended or gave views", par.any_parent),
                    row("A parent attended", par.attended),
                    row("The mother attended or gave views", par.mother),
                    row("The father attended or gave views", par.father),
                    row("Neither parent's part recorded", par.not_recorded),
                ],
            );
            t.chart = bars("Reviews");
            blocks.push(Block::Table(t));
        }
        None => blocks.push(missing(
            "Parents' participation",
            "the review meetings export with the mother's and father's part",
        )),
    }

    blocks.push(Block::Heading("Disputes and escalations".into()));
    match &s.disputes {
        Some(d) => {
            blocks.push(Block::Figures(vec![
                figure(
                    "Disputes raised in the year",
                    p.count(d.total),
                    format!(
                        "{} resolved by {on}; {} still open then",
                        p.count(d.resolved).display(),
                        p.count(d.open_at_year_end).display()
                    ),
                    Some("iro_service.disputes.total"),
                ),
                figure(
                    "Working days to resolve (median)",
                    whole(d.median_working_days_to_resolve),
                    "of the disputes resolved".into(),
                    Some("iro_service.disputes.median_working_days_to_resolve"),
                ),
            ]));
            let rows: Vec<Row> = r
                .settings
                .iro
                .stage_keys()
                .into_iter()
                .chain([OTHER_STAGE.to_string()])
                .map(|key| Row {
                    label: if key == OTHER_STAGE {
                        "A stage not in the list".into()
                    } else {
                        stage_label(&key)
                    },
                    cells: vec![p.count(d.by_stage.get(&key).copied().unwrap_or(0))],
                })
                .collect();
            let mut t = table(
                "iro-disputes-by-stage",
                "Disputes raised in the year, by the highest stage reached".into(),
                &["Stage", "Disputes"],
                rows,
            );
            t.total = Some(Row {
                label: "All disputes".into(),
                cells: vec![p.count(d.total)],
            });
            t.chart = bars("Disputes");
            blocks.push(Block::Table(t));
            let mut t = table(
                "iro-disputes-by-category",
                "Disputes raised in the year, by what they were about".into(),
                &["About", "Disputes"],
                d.by_category
                    .iter()
                    .map(|(c, n)| Row {
                        label: if c == "not_recorded" {
                            "Not recorded".into()
                        } else {
                            c.clone()
                        },
                        cells: vec![p.count(*n)],
                    })
                    .collect(),
            );
            t.chart = bars("Disputes");
            blocks.push(Block::Table(t));
        }
        None => blocks.push(missing(
            "Disputes",
            "the dispute resolution log (one row per dispute, or per stage)",
        )),
    }

    blocks.push(Block::Heading("Contacts between reviews".into()));
    match &s.contacts {
        Some(c) => blocks.push(Block::Figures(vec![
            figure(
                "IRO contacts in the year",
                p.count(c.contacts),
                "visits, calls and other contacts with children between reviews".into(),
                Some("iro_service.contacts.contacts"),
            ),
            figure(
                &format!("Children looked after on {on} seen by their IRO"),
                p.percent(c.children_seen, c.cohort, 1),
                format!(
                    "{} of {} children had a contact in the year",
                    p.count(c.children_seen).display(),
                    p.count(c.cohort).display()
                ),
                None,
            ),
        ])),
        None => blocks.push(missing("IRO contacts", "the IRO contacts export")),
    }

    Section {
        narrative: Vec::new(),
        id: SectionId::IroService,
        title: "The IRO service".into(),
        summary: "The service's own work, from its case-management exports: how many children \
                  each IRO has, the reviews they chaired and their records, cancelled reviews, \
                  parents' part in reviews, disputes raised and contacts between reviews."
            .into(),
        blocks,
    }
}

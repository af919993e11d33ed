//! Coming into and leaving care: starters, leavers by DfE's reason groups (beside DfE's
//! published shares when a council is chosen) and by the reason recorded, and the children
//! looked after at each month end.

use super::{figure, BreakdownTable, Pick, SectionId, Unit};
use crate::present::compare;
use crate::present::dates::{short_month, year_span};
use crate::present::suppress::Grid;
use crate::present::{Block, ChartKind, ChartPlan, Presentation, Row, Section, Table, Value};
use crate::report::keys::{CareLeaverAge, CareLeaverOutcome, Key, LeaverGroup, ReasonCeased};
use crate::report::Report;

/// Leavers counted: the leavers table's columns.
const LEAVERS: Unit = Unit {
    counted: "Children",
    share: "% of leavers",
    all: "All leavers",
    decimals: 0,
};

pub(super) fn section(r: &Report, p: &Presentation) -> Section {
    let mut blocks = vec![Block::Figures(vec![
        figure(
            "Started to be looked after",
            p.count(r.started),
            "children who came into care in the year".into(),
            Some("started"),
        ),
        figure(
            "Unaccompanied asylum-seeking children who arrived",
            p.count(r.started_uasc),
            format!(
                "{} of the children who started to be looked after",
                p.percent(r.started_uasc, r.started, 0).display()
            ),
            Some("started_uasc"),
        ),
        figure(
            "Stopped being looked after",
            p.count(r.ceased.total),
            "children who left care in the year".into(),
            Some("ceased.total"),
        ),
    ])];
    blocks.push(Block::Heading("Why children left care".into()));
    blocks.push(Block::Paragraph(
        "Each child who left care is counted once, by the reason their last care episode of \
         the year ended. Adoption, special guardianship and child arrangements orders give a \
         child a permanent family outside care."
            .into(),
    ));
    // DfE's 17 groups, so that each lines up with its published figure.
    let total = r.ceased.total;
    let leavers = BreakdownTable {
        id: "leavers-by-reason",
        caption: format!("Children who left care, {}, by reason", year_span(r)),
        heading: "Reason",
        counts: r.ceased.by_group().counted(&[LeaverGroup::NotKnown]),
        total,
        unit: &LEAVERS,
        compared: r
            .benchmarks
            .as_ref()
            .map(|b| (b, (|f| &f.ceased.reason) as Pick)),
    }
    .table(p);
    blocks.push(Block::Table(leavers));
    if let Some(b) = &r.benchmarks {
        blocks.push(compare::note(b));
    }
    // The codes add up to all leavers.
    let mut grid = Grid::new();
    let mut by_code: Vec<(&String, usize)> = r
        .ceased
        .reason
        .iter()
        .map(|(code, n)| (code, grid.cell(*n)))
        .collect();
    by_code.sort_by_key(|(code, _)| ReasonCeased::guide_order(code));
    let all = grid.cell(total);
    grid.line(by_code.iter().map(|(_, c)| *c).collect(), all);
    let codes = grid.solve(p.publication);
    blocks.push(Block::Table(Table {
        id: "leavers-by-code".into(),
        caption: "The same leavers by the reason recorded".into(),
        columns: ["Reason recorded", "Code", "Children"]
            .map(String::from)
            .to_vec(),
        rows: by_code
            .iter()
            .map(|(code, cell)| Row {
                label: ReasonCeased::label_of(code).into(),
                cells: vec![Value::Text(code.to_string()), codes.count(*cell)],
            })
            .collect(),
        total: Some(Row {
            label: "All leavers".into(),
            cells: vec![Value::Text(String::new()), codes.count(all)],
        }),
        chart: None,
    }));
    blocks.push(Block::Heading(
        "Children looked after at each month end".into(),
    ));
    blocks.push(Block::Table(Table {
        id: "looked-after-each-month".into(),
        caption: format!(
            "Children looked after at the end of each month, {}",
            year_span(r)
        ),
        columns: ["Month end", "Children looked after"]
            .map(String::from)
            .to_vec(),
        rows: r
            .cla_month_end
            .iter()
            .map(|(d, n)| Row {
                label: short_month(*d),
                cells: vec![p.count(*n)],
            })
            .collect(),
        total: None,
        chart: Some(ChartPlan {
            kind: ChartKind::Line,
            series: vec![0],
            value_label: "Children".into(),
            percent: false,
            markers: Vec::new(),
        }),
    }));
    blocks.push(Block::Heading("Care leavers aged 17 to 21".into()));
    blocks.extend(care_leavers(r, p));
    Section {
        narrative: Vec::new(),
        id: SectionId::Flows,
        title: "Coming into and leaving care".into(),
        summary: "How many children came into care and left it during the year, why they left, \
                  how the number in care changed month by month, and how care leavers aged 17 to \
                  21 are doing."
            .into(),
        blocks,
    }
}

/// The care leavers of the OC3 table: for each age group, how many the council is in touch
/// with, are in education, employment or training, and live in suitable accommodation.
fn care_leavers(r: &Report, p: &Presentation) -> Vec<Block> {
    let Some(leavers) = &r.care_leavers else {
        return vec![Block::Paragraph(
            "No care leavers (OC3) table was loaded, so these figures cannot be shown.".into(),
        )];
    };
    let mut columns = vec!["Care leavers".to_string()];
    for (age, _) in leavers.iter() {
        columns.push(age.label().to_string());
        columns.push(format!("% {}", age.label().to_lowercase()));
    }
    let rows = CareLeaverOutcome::ALL
        .iter()
        .map(|&o| Row {
            label: o.label().into(),
            cells: leavers
                .iter()
                .flat_map(|(_, f)| [p.count(f.outcome(o)), p.percent(f.outcome(o), f.total, 0)])
                .collect(),
        })
        .collect();
    let total = Row {
        label: "All care leavers".into(),
        cells: leavers
            .iter()
            .flat_map(|(_, f)| [p.count(f.total), p.percent(f.total, f.total, 0)])
            .collect(),
    };
    let percents = (0..CareLeaverAge::ALL.len()).map(|i| 2 * i + 1).collect();
    vec![
        Block::Paragraph(
            "Young people who were looked after for at least 13 weeks after their 14th birthday, \
             including some time after their 16th, counted in the year of their 17th to 21st \
             birthday, by what the council \
             knew of them around that birthday. DfE publishes each council's figures for those \
             aged 19 to 21, but Careboard does not hold them yet: these are the council's own \
             figures only."
                .into(),
        ),
        Block::Table(Table {
            id: "care-leavers".into(),
            caption: format!("Care leavers aged 17 to 21, {}", year_span(r)),
            columns,
            rows,
            total: Some(total),
            chart: Some(ChartPlan {
                kind: ChartKind::HorizontalBars,
                series: percents,
                value_label: "% of care leavers".into(),
                percent: true,
                markers: Vec::new(),
            }),
        }),
    ]
}

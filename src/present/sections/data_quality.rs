//! Data quality and method: what was read from each file, what was set aside and why, the
//! settings in force and how each figure is defined.

use super::SectionId;
use crate::present::dates::long_date;
use crate::present::{warnings, Block, Download, Presentation, Row, Section, Table, Value};
use crate::report::Report;

pub(super) fn section(r: &Report, p: &Presentation) -> Section {
    let mut blocks = Vec::new();
    if !p.publication {
        blocks.push(Block::Download(Download::RowsSetAside));
    }
    let found = warnings(r, p);
    if !found.is_empty() {
        blocks.push(Block::Heading(format!(
            "Data that cannot be right ({})",
            found.len()
        )));
        blocks.push(Block::Paragraph(
            "These checks look for data that cannot be right in a real export. The figures \
             are still worked out exactly as defined, from the data as it is: check the \
             export, correct it and load it again before taking them to committee."
                .into(),
        ));
        blocks.push(Block::Warnings {
            summary: false,
            warnings: found,
        });
    }
    blocks.extend([
        Block::Paragraph(
            "Every row of every file is either used or listed here with the reason it was \
             set aside: nothing is dropped without saying so."
                .into(),
        ),
        Block::Table(Table {
            id: "files-loaded".into(),
            caption: "What was read from each file".into(),
            columns: ["File", "Recognised as", "Rows read", "Used", "Set aside"]
                .map(String::from)
                .to_vec(),
            rows: r
                .inputs
                .iter()
                .map(|i| Row {
                    label: i.source.clone(),
                    cells: vec![
                        Value::Text(crate::present::recognised_as(i.table)),
                        Value::Count(i.rows_read),
                        Value::Count(i.rows_used),
                        Value::Count(i.rows_rejected),
                    ],
                })
                .collect(),
            total: None,
            chart: None,
        }),
    ]);
    if !r.data_quality.problems.is_empty() {
        blocks.push(Block::Heading("Files that could not be used".into()));
        blocks.push(Block::Definitions(
            r.data_quality
                .problems
                .iter()
                .map(|pr| (pr.file.clone(), pr.message.clone()))
                .collect(),
        ));
    }
    let issues = |list: &[crate::model::RowIssue]| {
        list.iter()
            .map(|i| Row {
                label: i.source.clone(),
                cells: vec![
                    Value::Text(i.position.at(i.row)),
                    Value::Text(i.column.clone()),
                    Value::Text(i.reason.clone()),
                ],
            })
            .collect::<Vec<_>>()
    };
    let columns = ["File", "Row", "Column", "Reason"]
        .map(String::from)
        .to_vec();
    if p.publication {
        blocks.push(Block::Paragraph(format!(
            "{} rows were set aside and {} were used with a warning. The rows themselves are \
             not shown in publication mode.",
            Value::Count(r.data_quality.rejected.len() as u64).display(),
            Value::Count(r.data_quality.warnings.len() as u64).display()
        )));
    } else {
        blocks.push(Block::Heading(format!(
            "Rows set aside ({})",
            r.data_quality.rejected.len()
        )));
        blocks.push(Block::ChildList(Table {
            id: "rows-set-aside".into(),
            caption: "Rows not counted anywhere, and why".into(),
            columns: columns.clone(),
            rows: issues(&r.data_quality.rejected),
            total: None,
            chart: None,
        }));
        blocks.push(Block::Heading(format!(
            "Rows used with a warning ({})",
            r.data_quality.warnings.len()
        )));
        blocks.push(Block::ChildList(Table {
            id: "rows-with-warnings".into(),
            caption: "Rows counted, with something to check".into(),
            columns,
            rows: issues(&r.data_quality.warnings),
            total: None,
            chart: None,
        }));
    }
    let s = &r.settings;
    let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_string();
    blocks.push(Block::Heading("Settings in force".into()));
    let mut settings = vec![
        (
            "Chinese ethnicity counted as".into(),
            if s.chinese_as_other {
                "Other ethnic group"
            } else {
                "Asian or Asian British (DfE's grouping)"
            }
            .into(),
        ),
        (
            "Moves to the same carer count as a placement".into(),
            yes_no(s.count_same_carer_moves),
        ),
        (
            "Temporary placements count as a placement".into(),
            yes_no(s.count_temporary_placements),
        ),
        (
            "Bank holidays added to the England and Wales list".into(),
            if s.extra_bank_holidays.is_empty() {
                "None".into()
            } else {
                s.extra_bank_holidays
                    .iter()
                    .map(|d| long_date(*d))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
        (
            "Review records complete from".into(),
            r.reviews
                .coverage_start
                .map_or("No reviews loaded".into(), long_date),
        ),
    ];
    settings.extend(p.target_settings());
    blocks.push(Block::Definitions(settings));
    blocks.push(Block::Heading("Definitions".into()));
    blocks.push(Block::Definitions(definitions()));
    Section {
        narrative: Vec::new(),
        id: SectionId::DataQuality,
        title: "Data quality and method".into(),
        summary: "What was read, what was set aside and why, the settings used, and how each \
                  figure is defined."
            .into(),
        blocks,
    }
}

fn definitions() -> Vec<(String, String)> {
    [
        (
            "Looked after on 31 March",
            "A child with a care episode open on 31 March. Short breaks (respite care) are not \
             counted anywhere in this report.",
        ),
        (
            "Started and stopped being looked after",
            "Children who came into care (a new period of care began) or left care during the \
             year. A child is counted once however many times it happened.",
        ),
        (
            "Review due dates",
            "First review: 20 working days after the child came into care (weekends and bank \
             holidays not counted). Second: 3 months after the first. Later reviews: 6 months \
             after the one before.",
        ),
        (
            "Reviews that could not be checked",
            "When a child came into care before the earliest review in the data, their first \
             review in the data cannot be judged, because an earlier one may be missing. Load \
             last year's files as well to check more reviews.",
        ),
        (
            "Took part in a review",
            "The child attended and spoke, or was helped to, or gave their views another way \
             (participation codes PN1 to PN6), out of all reviews of children aged 4 and over \
             (PN1 to PN7).",
        ),
        (
            "Placements",
            "Each care episode that starts a new placement (a change of placement, or of legal \
             status and placement) counts as one more placement in the year.",
        ),
        (
            "Percentages",
            "Rounded to the nearest whole number, or to one decimal place for reviews, halves \
             rounded up. Shares of a table may not add to exactly 100%.",
        ),
        (
            "Publication mode",
            "Counts from 1 to 4 are shown as \"fewer than 5\", so that no child can be \
             identified. So that such a count cannot be worked out by subtraction, along every \
             row, column or bar whose total is shown a second count is hidden too \
             (\"hidden\"), and a percentage is hidden when it would give a small count away. \
             Totals are always the true totals. Lists of children are left out.",
        ),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

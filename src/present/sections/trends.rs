//! The five-year trends section: an overview table and, per measure, a table and line chart of
//! each year's figure with its change from the year before (as a number and in %).

use chrono::Datelike;

use super::SectionId;
use crate::model::Date;
use crate::present::dates::year_label;
use crate::present::{Block, ChartKind, ChartPlan, Presentation, Row, Section, Table, Value};
use crate::report::{Change, Report, TrendYear};

/// What a year the loaded files do not cover reads as.
pub const NOT_IN_THE_DATA: &str = "not in the data";

/// A change as a signed number with a real minus sign: `"+12"`, `"−8"`, `"0"`.
pub fn signed_change(n: i64) -> String {
    let digits = crate::present::thousands(n.unsigned_abs());
    match n {
        0 => digits,
        n if n > 0 => format!("+{digits}"),
        _ => format!("\u{2212}{digits}"),
    }
}

/// A change in per cent, one decimal, signed: `"+25.9%"`, `"−4.3%"`, `"0.0%"`.
pub fn signed_percent(p: f64) -> String {
    let text = format!("{:.1}%", p.abs());
    if text == "0.0%" {
        text
    } else if p > 0.0 {
        format!("+{text}")
    } else {
        format!("\u{2212}{text}")
    }
}

/// How a measure's figures read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Children or reviews: suppressed in publication mode when 1 to 4.
    Count,
    /// Per 10,000 children: hidden with the count it comes from.
    Rate,
    /// Reviews on time as a whole per cent of those that could be checked.
    Percent,
}

/// One measure of the trend.
struct Measure {
    id: &'static str,
    label: &'static str,
    kind: Kind,
    get: fn(&TrendYear) -> Option<u64>,
}

const MEASURES: [Measure; 11] = [
    Measure {
        id: "cla",
        label: "Children looked after on 31 March",
        kind: Kind::Count,
        get: |y| Some(y.cla_at_31_march),
    },
    Measure {
        id: "rate",
        label: "Children looked after per 10,000 children",
        kind: Kind::Rate,
        get: |y| y.rate_per_10000,
    },
    Measure {
        id: "started",
        label: "Children who started to be looked after",
        kind: Kind::Count,
        get: |y| Some(y.started),
    },
    Measure {
        id: "ceased",
        label: "Children who stopped being looked after",
        kind: Kind::Count,
        get: |y| Some(y.ceased),
    },
    Measure {
        id: "adopted",
        label: "Children adopted",
        kind: Kind::Count,
        get: |y| Some(y.adopted),
    },
    Measure {
        id: "sgo",
        label: "Children who left care on a special guardianship order",
        kind: Kind::Count,
        get: |y| Some(y.sgo),
    },
    Measure {
        id: "cao",
        label: "Children who left care on a child arrangements order",
        kind: Kind::Count,
        get: |y| Some(y.cao),
    },
    Measure {
        id: "uasc",
        label: "Unaccompanied asylum-seeking children on 31 March",
        kind: Kind::Count,
        get: |y| Some(y.uasc),
    },
    Measure {
        id: "three-plus-placements",
        label: "Children with 3 or more placements in the year",
        kind: Kind::Count,
        get: |y| Some(y.three_plus_placements),
    },
    Measure {
        id: "reviews-held",
        label: "Reviews held",
        kind: Kind::Count,
        get: |y| y.reviews_held,
    },
    Measure {
        id: "reviews-on-time",
        label: "Reviews held on time",
        kind: Kind::Percent,
        get: |y| y.reviews_on_time_percent,
    },
];

/// A year's figure of a measure as shown, and whether it can be compared with others
/// (`false` when not in the data, hidden or not available).
fn cell(m: &Measure, year: Option<&TrendYear>, p: &Presentation) -> (Value, bool) {
    let Some((y, v)) = year.and_then(|y| (m.get)(y).map(|v| (y, v))) else {
        return (Value::Text(NOT_IN_THE_DATA.into()), false);
    };
    let value = match m.kind {
        Kind::Count => p.count(v),
        Kind::Rate => match p.count(y.cla_at_31_march) {
            Value::Suppressed => Value::Suppressed,
            _ => Value::Count(v),
        },
        Kind::Percent => match (y.reviews_on_time, y.reviews_assessable) {
            (Some(n), Some(d)) => match p.percent(n, d, 0) {
                Value::Percent { .. } => Value::Published(Some(v)),
                other => other,
            },
            _ => Value::Text(NOT_IN_THE_DATA.into()),
        },
    };
    let usable = matches!(value, Value::Count(_) | Value::Published(Some(_)));
    (value, usable)
}

/// The trends section, when the trend holds two years or more.
pub(super) fn section(r: &Report, p: &Presentation) -> Option<Section> {
    if r.trend.len() < 2 {
        return None;
    }
    let end = r.year_ending.year();
    let years: Vec<i32> = (end - 4..=end).collect();
    let year = |y: i32| r.trend.get(&Date::from_ymd_opt(y, 3, 31)?);
    let measures: Vec<&Measure> = MEASURES
        .iter()
        .filter(|m| r.trend.values().any(|y| (m.get)(y).is_some()))
        .collect();

    let mut blocks = vec![Block::Paragraph(
        "Each measure for the report's year and the four years before it, with the change \
         from one year to the next as a number and as a percentage of the year before. A \
         year the loaded files do not cover reads \"not in the data\"."
            .into(),
    )];
    let partial: Vec<String> = years
        .iter()
        .filter(|&&y| year(y).is_some_and(|t| !t.own_export))
        .map(|&y| year_label(y))
        .collect();
    if !partial.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "No export of its own was loaded for {}: those years are read from later exports, \
             which hold only the children still looked after in later years, so their figures \
             are lower than the year's own return gave.",
            partial.join(", ")
        )));
    }
    let mut columns = vec!["Year".to_string()];
    columns.extend(measures.iter().map(|m| m.label.to_string()));
    blocks.push(Block::Heading("All measures".into()));
    blocks.push(Block::Table(Table {
        id: "trends-overview".into(),
        caption: format!(
            "Five-year trends, {} to {}",
            year_label(end - 4),
            year_label(end)
        ),
        columns,
        rows: years
            .iter()
            .map(|&y| Row {
                label: year_label(y),
                cells: measures.iter().map(|m| cell(m, year(y), p).0).collect(),
            })
            .collect(),
        total: None,
        chart: None,
    }));

    for m in measures {
        let rows = years
            .iter()
            .map(|&y| {
                let (value, now) = cell(m, year(y), p);
                let (_, before) = cell(m, year(y - 1), p);
                let current = year(y).and_then(m.get);
                let previous = year(y - 1).and_then(m.get);
                let hidden = matches!(value, Value::Suppressed)
                    || matches!(cell(m, year(y - 1), p).0, Value::Suppressed);
                let (number, percent) = match (now && before, current, previous) {
                    // A year missing from the data has no change, hidden or not.
                    (_, None, _) | (_, _, None) => (Value::NotAvailable, Value::NotAvailable),
                    (true, Some(c), Some(pr)) => {
                        let change = Change::between(pr, c);
                        let unit = if m.kind == Kind::Percent {
                            " points"
                        } else {
                            ""
                        };
                        (
                            Value::Text(format!("{}{unit}", signed_change(change.number))),
                            change
                                .percent
                                .map_or(Value::NotAvailable, |x| Value::Text(signed_percent(x))),
                        )
                    }
                    _ if hidden => (Value::Suppressed, Value::Suppressed),
                    _ => (Value::NotAvailable, Value::NotAvailable),
                };
                Row {
                    label: year_label(y),
                    cells: vec![value, number, percent],
                }
            })
            .collect();
        blocks.push(Block::Heading(m.label.into()));
        blocks.push(Block::Table(Table {
            id: format!("trend-{}", m.id),
            caption: format!(
                "{}, {} to {}",
                m.label,
                year_label(end - 4),
                year_label(end)
            ),
            columns: [
                "Year",
                m.label,
                "Change from the year before",
                "Change in %",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            total: None,
            chart: Some(ChartPlan {
                kind: ChartKind::Line,
                series: vec![0],
                value_label: match m.kind {
                    Kind::Percent => "% on time",
                    Kind::Rate => "Per 10,000 children",
                    Kind::Count if m.id.starts_with("reviews") => "Reviews",
                    Kind::Count => "Children",
                }
                .into(),
                percent: m.kind == Kind::Percent,
                markers: Vec::new(),
            }),
        }));
    }
    Some(Section {
        id: SectionId::Trends,
        title: "Five-year trends".into(),
        summary: "How the main figures have changed over the last five years.".into(),
        blocks,
    })
}

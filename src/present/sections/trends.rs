//! The five-year trends section: an overview table (every measure, each year, and its latest
//! change), per measure a table and line chart of each year's figure with its change from the
//! year before (as a number and in %), and the age bands, distances and review participation
//! year by year.

use chrono::Datelike;

use super::SectionId;
use crate::model::Date;
use crate::present::dates::year_label;
use crate::present::{Block, ChartKind, ChartPlan, Presentation, Row, Section, Table, Value};
use crate::report::keys::{AgeBand, Breakdown, Distance, Key, Participation};
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
    /// A whole per cent of a count (`Measure::share`), hidden when either count is 1 to 4.
    Percent,
}

/// One measure of the trend.
struct Measure {
    id: &'static str,
    label: &'static str,
    kind: Kind,
    /// The value axis's label of the measure's chart.
    axis: &'static str,
    get: fn(&TrendYear) -> Option<u64>,
    /// For a [`Kind::Percent`] measure, the counts it is the share of: `(numerator,
    /// denominator)`.
    share: fn(&TrendYear) -> Option<(u64, u64)>,
}

/// `n` of `d` as a whole per cent, halves up; `None` when `d` is 0.
fn whole_percent((n, d): (u64, u64)) -> Option<u64> {
    (d > 0).then(|| (200 * n + d) / (2 * d))
}

fn no_share(_: &TrendYear) -> Option<(u64, u64)> {
    None
}

fn stability_share(y: &TrendYear) -> Option<(u64, u64)> {
    let s = &y.long_term_stability;
    Some((s.stable, s.eligible))
}

fn took_part_share(y: &TrendYear) -> Option<(u64, u64)> {
    y.participation.as_ref().map(Breakdown::took_part)
}

const MEASURES: [Measure; 14] = [
    Measure {
        id: "cla",
        label: "Children looked after on 31 March",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.cla_at_31_march),
        share: no_share,
    },
    Measure {
        id: "rate",
        label: "Children looked after per 10,000 children",
        kind: Kind::Rate,
        axis: "Per 10,000 children",
        get: |y| y.rate_per_10000,
        share: no_share,
    },
    Measure {
        id: "started",
        label: "Children who started to be looked after",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.started),
        share: no_share,
    },
    Measure {
        id: "ceased",
        label: "Children who stopped being looked after",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.ceased),
        share: no_share,
    },
    Measure {
        id: "adopted",
        label: "Children adopted",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.adopted),
        share: no_share,
    },
    Measure {
        id: "sgo",
        label: "Children who left care on a special guardianship order",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.sgo),
        share: no_share,
    },
    Measure {
        id: "cao",
        label: "Children who left care on a child arrangements order",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.cao),
        share: no_share,
    },
    Measure {
        id: "uasc",
        label: "Unaccompanied asylum-seeking children on 31 March",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.uasc),
        share: no_share,
    },
    Measure {
        id: "placed-over-20-miles",
        label: "Children placed more than 20 miles from home on 31 March",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.distance[Distance::Over20Miles]),
        share: no_share,
    },
    Measure {
        id: "three-plus-placements",
        label: "Children with 3 or more placements in the year",
        kind: Kind::Count,
        axis: "Children",
        get: |y| Some(y.three_plus_placements),
        share: no_share,
    },
    Measure {
        id: "long-term-stability",
        label: "Long-term stability: under-16s in care 2.5 years or more with the same carer \
                for 2 years",
        kind: Kind::Percent,
        axis: "% of those in care 2.5 years or more",
        get: |y| whole_percent(stability_share(y)?),
        share: stability_share,
    },
    Measure {
        id: "reviews-held",
        label: "Reviews held",
        kind: Kind::Count,
        axis: "Reviews",
        get: |y| y.reviews_held,
        share: no_share,
    },
    Measure {
        id: "reviews-on-time",
        label: "Reviews held on time",
        kind: Kind::Percent,
        axis: "% on time",
        get: |y| y.reviews_on_time_percent,
        share: |y| Some((y.reviews_on_time?, y.reviews_assessable?)),
    },
    Measure {
        id: "participation",
        label: "Reviews in which the child took part (children aged 4 and over)",
        kind: Kind::Percent,
        axis: "% of reviews",
        get: |y| whole_percent(took_part_share(y)?),
        share: took_part_share,
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
        Kind::Percent => match (m.share)(y) {
            Some((n, d)) => match p.percent(n, d, 0) {
                Value::Percent { .. } => Value::Published(Some(v)),
                other => other,
            },
            None => Value::Text(NOT_IN_THE_DATA.into()),
        },
    };
    let usable = matches!(value, Value::Count(_) | Value::Published(Some(_)));
    (value, usable)
}

/// A year of the trend by the calendar year it ends in.
type YearOf<'a> = &'a dyn Fn(i32) -> Option<&'a TrendYear>;

/// The change of a measure from the year before `y`, as a number and in % of that year:
/// "not available" when either year is not in the data, hidden when either is.
fn change(m: &Measure, y: i32, year: YearOf<'_>, p: &Presentation) -> [Value; 2] {
    let (value, now) = cell(m, year(y), p);
    let (earlier, before) = cell(m, year(y - 1), p);
    let current = year(y).and_then(m.get);
    let previous = year(y - 1).and_then(m.get);
    let hidden = matches!(value, Value::Suppressed) || matches!(earlier, Value::Suppressed);
    match (now && before, current, previous) {
        // A year missing from the data has no change, hidden or not.
        (_, None, _) | (_, _, None) => [Value::NotAvailable, Value::NotAvailable],
        (true, Some(c), Some(pr)) => {
            let change = Change::between(pr, c);
            let unit = match (m.kind, change.number.unsigned_abs()) {
                (Kind::Percent, 1) => " percentage point",
                (Kind::Percent, _) => " percentage points",
                _ => "",
            };
            [
                Value::Change(format!("{}{unit}", signed_change(change.number))),
                change
                    .percent
                    .map_or(Value::NotAvailable, |x| Value::Change(signed_percent(x))),
            ]
        }
        _ if hidden => [Value::Suppressed, Value::Suppressed],
        _ => [Value::NotAvailable, Value::NotAvailable],
    }
}

/// A breakdown of the trend years as a table: a row per year, a column per key (keys that
/// count nothing in any year are left out when they are in `optional`), drawn as lines.
fn breakdown_table<K: Key>(
    id: &str,
    caption: String,
    years: &[(i32, Option<&TrendYear>)],
    get: fn(&TrendYear) -> Option<&Breakdown<K>>,
    optional: &[K],
    axis: &str,
    p: &Presentation,
) -> Table {
    let keys: Vec<K> = K::ALL
        .iter()
        .copied()
        .filter(|k| {
            !optional.contains(k)
                || years
                    .iter()
                    .any(|(_, t)| t.and_then(get).is_some_and(|b| b[*k] > 0))
        })
        .collect();
    let mut columns = vec!["Year".to_string()];
    columns.extend(keys.iter().map(|k| k.label().to_string()));
    Table {
        id: id.into(),
        caption,
        columns,
        rows: years
            .iter()
            .map(|&(y, t)| Row {
                label: year_label(y),
                cells: keys
                    .iter()
                    .map(|&k| match t.and_then(get) {
                        Some(b) => p.count(b[k]),
                        None => Value::Text(NOT_IN_THE_DATA.into()),
                    })
                    .collect(),
            })
            .collect(),
        total: None,
        chart: Some(ChartPlan {
            kind: ChartKind::Line,
            series: (0..keys.len()).collect(),
            value_label: axis.into(),
            percent: false,
            markers: Vec::new(),
        }),
    }
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
    let by_year: Vec<(i32, Option<&TrendYear>)> = years.iter().map(|&y| (y, year(y))).collect();
    let span = format!("{} to {}", year_label(end - 4), year_label(end));

    let mut blocks = vec![Block::Paragraph(format!(
        "Each measure for the report's year and the four years before it. The first table \
         gives every measure with its change from {} to {}, as a number and as a percentage \
         of {}; a table per measure follows with the change from each year to the next. A \
         year the loaded files do not cover reads \"not in the data\".",
        year_label(end - 1),
        year_label(end),
        year_label(end - 1)
    ))];
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
    let mut columns = vec!["Measure".to_string()];
    columns.extend(years.iter().map(|&y| year_label(y)));
    columns.push(format!("Change from {}", year_label(end - 1)));
    columns.push("Change in %".into());
    blocks.push(Block::Heading("All measures".into()));
    blocks.push(Block::Table(Table {
        id: "trends-overview".into(),
        caption: format!("Five-year trends, {span}"),
        columns,
        rows: measures
            .iter()
            .map(|m| Row {
                label: m.label.into(),
                cells: years
                    .iter()
                    .map(|&y| cell(m, year(y), p).0)
                    .chain(change(m, end, &year, p))
                    .collect(),
            })
            .collect(),
        total: None,
        chart: None,
    }));

    for m in &measures {
        let rows = years
            .iter()
            .map(|&y| {
                let [number, percent] = change(m, y, &year, p);
                Row {
                    label: year_label(y),
                    cells: vec![cell(m, year(y), p).0, number, percent],
                }
            })
            .collect();
        blocks.push(Block::Heading(m.label.into()));
        blocks.push(Block::Table(Table {
            id: format!("trend-{}", m.id),
            caption: format!("{}, {span}", m.label),
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
                value_label: m.axis.into(),
                percent: m.kind == Kind::Percent,
                markers: Vec::new(),
            }),
        }));
    }

    blocks.push(Block::Heading("Age on 31 March".into()));
    blocks.push(Block::Table(breakdown_table(
        "trend-age-band",
        format!("Children looked after on 31 March by age, {span}"),
        &by_year,
        |y| Some(&y.age_band),
        &[AgeBand::Unknown],
        "Children",
        p,
    )));
    blocks.push(Block::Heading("Distance from home on 31 March".into()));
    blocks.push(Block::Table(breakdown_table(
        "trend-distance",
        format!("Children looked after on 31 March by distance between home and placement, {span}"),
        &by_year,
        |y| Some(&y.distance),
        &[],
        "Children",
        p,
    )));
    if r.trend.values().any(|y| y.participation.is_some()) {
        blocks.push(Block::Heading(
            "How children took part in their reviews".into(),
        ));
        blocks.push(Block::Table(breakdown_table(
            "trend-participation-by-code",
            format!("Reviews held by how the child took part, {span}"),
            &by_year,
            |y| y.participation.as_ref(),
            &[Participation::Unknown],
            "Reviews",
            p,
        )));
    }
    Some(Section {
        narrative: Vec::new(),
        id: SectionId::Trends,
        title: "Five-year trends".into(),
        summary: "How the main figures have changed over the last five years.".into(),
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trend year with reviews on time `on_time` of `assessable`.
    fn on_time(on_time: u64, assessable: u64) -> TrendYear {
        TrendYear {
            reviews_on_time: Some(on_time),
            reviews_assessable: Some(assessable),
            reviews_on_time_percent: whole_percent((on_time, assessable)),
            ..TrendYear::default()
        }
    }

    fn on_time_change(before: &TrendYear, now: &TrendYear) -> [String; 2] {
        let m = MEASURES
            .iter()
            .find(|m| m.id == "reviews-on-time")
            .expect("the measure");
        let year = |y: i32| match y {
            2024 => Some(before),
            2025 => Some(now),
            _ => None,
        };
        change(m, 2025, &year, &Presentation::default()).map(|v| v.display())
    }

    #[test]
    fn a_change_of_one_percentage_point_is_singular_and_of_more_plural() {
        // 90 of 100 = 90%, then 91 of 100 = 91%: +1 point, 1/90 = +1.1%.
        assert_eq!(
            on_time_change(&on_time(90, 100), &on_time(91, 100)),
            ["+1 percentage point", "+1.1%"]
        );
        // 90% then 88 of 100 = 88%: -2 points, -2/90 = -2.2%.
        assert_eq!(
            on_time_change(&on_time(90, 100), &on_time(88, 100)),
            ["\u{2212}2 percentage points", "\u{2212}2.2%"]
        );
    }

    #[test]
    fn whole_percent_rounds_halves_up_and_has_none_of_nothing() {
        // 1 of 8 = 12.5% -> 13; 1 of 3 = 33.3% -> 33.
        assert_eq!(whole_percent((1, 8)), Some(13));
        assert_eq!(whole_percent((1, 3)), Some(33));
        assert_eq!(whole_percent((0, 0)), None);
    }
}

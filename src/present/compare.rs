//! DfE's published figures beside the council's own: the four comparison columns of a
//! breakdown table (the council as DfE published it, its statistical neighbours, its region,
//! England), comparison tables for single measures, and the note saying where they come from.
//!
//! Published figures are public: they are never suppressed in publication mode.

use chrono::Datelike;

use super::{Block, ChartKind, ChartPlan, Row, Table, Value};
use crate::report::keys::{published_category, PublishedShares};
use crate::report::{Benchmarks, PublishedFigures};

/// The published year of the comparison figures: `2025` for the year ending 31 March 2025.
pub(super) fn published_year(b: &Benchmarks) -> i32 {
    b.year_ending.year()
}

/// The comparison column headings, in the order of [`sources`]: `"Hampshire (DfE 2025)"`,
/// `"Statistical neighbours 2025"`, `"South East 2025"`, `"England 2025"`.
pub(super) fn headings(b: &Benchmarks) -> [String; 4] {
    let y = published_year(b);
    [
        format!("{} (DfE {y})", b.la_published.name),
        format!("Statistical neighbours {y}"),
        format!("{} {y}", b.region.name),
        format!("England {y}"),
    ]
}

/// The four published columns, in the order of [`headings`].
fn sources(b: &Benchmarks) -> [&PublishedFigures; 4] {
    [
        &b.la_published,
        &b.statistical_neighbours.figures,
        &b.region,
        &b.england,
    ]
}

/// What a row reads in the comparison columns when DfE publishes no such category (e.g. age
/// not known), as against a published category whose figure DfE withheld ("not published").
pub const NO_DFE_GROUP: &str = "no DfE group";

/// What a table row is compared with.
pub(super) enum Cmp {
    /// The published percentage of this DfE category (a key's JSON name, or a DfE group's).
    Category(&'static str),
    /// No published figure of its own: the cells say where to look instead.
    See(String),
    /// A category DfE does not publish at all (sex not recorded).
    NoGroup,
}

/// Adds the four comparison columns to `t`, row by row as `keys` says (rows beyond `keys`,
/// and the total row, get blank cells), and redraws its chart as the percentages of column
/// `percent_col` with the council's (as DfE published it), its neighbours' and England's
/// published percentages as markers on each bar.
/// `pick` chooses the published breakdown (e.g. the age bands).
pub(super) fn add_columns(
    t: &mut Table,
    b: &Benchmarks,
    pick: fn(&PublishedFigures) -> &PublishedShares,
    keys: &[Cmp],
    percent_col: usize,
    value_label: &str,
) {
    let width = t.rows.first().map_or(0, |r| r.cells.len());
    t.columns.extend(headings(b));
    for (i, row) in t.rows.iter_mut().enumerate() {
        for source in sources(b) {
            row.cells.push(match keys.get(i) {
                Some(Cmp::Category(category)) => {
                    Value::Published(published_category(pick(source), category))
                }
                Some(Cmp::See(text)) => Value::Text(text.clone()),
                Some(Cmp::NoGroup) => Value::Text(NO_DFE_GROUP.into()),
                None => Value::Text(String::new()),
            });
        }
    }
    if let Some(total) = &mut t.total {
        total
            .cells
            .extend(std::iter::repeat_n(Value::Text(String::new()), 4));
    }
    t.chart = Some(percent_chart(percent_col, width, value_label));
}

/// Horizontal bars of column `series` in per cent, with the published columns from `first`
/// on (in the order of [`headings`]) as markers: the council as DfE published it, its
/// neighbours and England (the region is in the table only: four markers on a bar crowd it).
fn percent_chart(series: usize, first: usize, value_label: &str) -> ChartPlan {
    ChartPlan {
        kind: ChartKind::HorizontalBars,
        series: vec![series],
        value_label: value_label.into(),
        percent: true,
        markers: vec![first, first + 1, first + 3],
    }
}

/// One row of a [`measures_table`]: label, this report's figure, and the published figure.
pub(super) type Measure = (String, Value, fn(&PublishedFigures) -> Option<u64>);

/// A table of single measures (one row each): this report's percentage beside the four
/// published ones, drawn as bars with the published figures as markers.
pub(super) fn measures_table(
    id: &str,
    caption: String,
    b: &Benchmarks,
    rows: Vec<Measure>,
) -> Table {
    let mut columns = vec!["Measure".to_string(), "This report".to_string()];
    columns.extend(headings(b));
    Table {
        id: id.into(),
        caption,
        columns,
        rows: rows
            .into_iter()
            .map(|(label, own, pick)| Row {
                label,
                cells: std::iter::once(own)
                    .chain(sources(b).map(|s| Value::Published(pick(s))))
                    .collect(),
            })
            .collect(),
        total: None,
        chart: Some(percent_chart(0, 1, "% of children")),
    }
}

/// The note under a section's compared tables: source, year, and who the neighbours are.
pub(super) fn note(b: &Benchmarks) -> Block {
    // Reports made before names were added carry codes only.
    let names = if b.statistical_neighbours.member_names.is_empty() {
        &b.statistical_neighbours.members
    } else {
        &b.statistical_neighbours.member_names
    };
    Block::Paragraph(format!(
        "Comparison figures: {}, year ending {}; statistical neighbours are the average of {} \
         (the councils most like {} in DfE's model). DfE publishes whole percentages and leaves \
         out some children whose details are not known, so its figures may not add up to 100%. \
         \"Not published\" means DfE withheld or did not publish the figure.",
        b.source,
        super::long_date(b.year_ending),
        join_names(names),
        b.la_published.name
    ))
}

/// `"A, B and C"`.
fn join_names(names: &[String]) -> String {
    match names {
        [] => "no councils".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

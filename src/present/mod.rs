//! The report as a committee reads it: sections in the order of an IRO annual report, with
//! plain-English headings, explanations, headline figures and tables, and publication mode
//! (counts of 1 to 4 shown as "fewer than 5"). Pure Rust: the page only draws what this
//! module decides, and every word and number here is tested natively.
//!
//! The sections ([`sections`], one file each) are a neutral document model of blocks, tables
//! and figures: the page renders it, print follows the page, and another writer (a Word
//! paper) can render the same blocks. Labels come from the report's vocabulary
//! ([`crate::report::keys`]), never from a second list. Tables carry their own data for charts
//! ([`Table::chart`]), so a chart and its "show as table" view can never disagree. [`text`]
//! is the CLI's plain-text report. Depends on `report`, `settings`, `model` (accounts) and
//! `charts`; never on `measures` or the browser.

mod chart;
mod compare;
mod dates;
mod formula;
pub mod narrative;
mod quality;
mod sections;
pub mod suppress;
mod targets;
pub mod text;

use serde::Serialize;

use crate::report::Report;

pub use chart::chart_spec;
pub use compare::NO_DFE_GROUP;
pub use dates::{long_date, short_month, year_label, year_span};
pub use formula::neutralise_formula;
pub use quality::{warnings, Warning};
pub use sections::{sections, SectionId};
pub use sections::{signed_change, signed_percent, NOT_IN_THE_DATA};
pub use targets::{TargetCheck, Targets};

/// How the report is shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Presentation {
    /// Public document: no child-level lists or IDs, counts of 1 to 4 as "fewer than 5", and
    /// no percentage derived from such a count.
    pub publication: bool,
    /// The council's targets for the headline measures; each headline figure with a target
    /// says whether it was met.
    pub targets: Targets,
}

/// One figure as shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Value {
    Count(u64),
    /// `numerator` of `denominator`, shown as a percentage with `decimals` places.
    Percent {
        numerator: u64,
        denominator: u64,
        decimals: u8,
    },
    /// Calendar days.
    Days(i64),
    /// A count from 1 to 4 hidden by publication mode: "fewer than 5".
    Suppressed,
    /// Hidden by publication mode so that a small count cannot be worked out from it (a
    /// count along the same line, or a percentage): "hidden".
    Hidden,
    /// Cannot be worked out (a percentage of nothing).
    NotAvailable,
    Text(String),
    /// A change from the year before, written with its sign and unit (`+4 percentage
    /// points`, `−8.3%`): words, but lined up as a number.
    Change(String),
    /// A whole percentage as DfE publishes it (`Some(45)` reads "45%"); `None` is a figure DfE
    /// did not publish and reads "not published". Public figures: never suppressed.
    Published(Option<u64>),
}

/// What a figure DfE did not publish reads as.
pub const NOT_PUBLISHED: &str = "not published";

/// What a suppressed count reads as, everywhere (page, print, CSV, JSON).
pub const FEWER_THAN_5: &str = "fewer than 5";

/// What a count or percentage hidden to protect a small count reads as.
pub const HIDDEN: &str = "hidden";

impl Value {
    /// The value as the page and the CSV downloads show it: `1,234`, `87.5%`, `fewer than 5`.
    pub fn display(&self) -> String {
        match self {
            Value::Count(n) => thousands(*n),
            Value::Percent {
                numerator,
                denominator,
                decimals,
            } => percent_text(*numerator, *denominator, *decimals)
                .unwrap_or_else(|| "not available".to_string()),
            Value::Days(d) => thousands(d.unsigned_abs()),
            Value::Suppressed => FEWER_THAN_5.to_string(),
            Value::Hidden => HIDDEN.to_string(),
            Value::NotAvailable => "not available".to_string(),
            Value::Text(t) | Value::Change(t) => t.clone(),
            Value::Published(Some(n)) => format!("{n}%"),
            Value::Published(None) => NOT_PUBLISHED.to_string(),
        }
    }

    /// The number behind the value, for charts: counts as such, percentages in percent.
    /// `None` when there is nothing to draw (suppressed, not available, text).
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Count(n) => Some(*n as f64),
            Value::Percent {
                numerator,
                denominator,
                ..
            } if *denominator > 0 => Some(*numerator as f64 * 100.0 / *denominator as f64),
            Value::Days(d) => Some(*d as f64),
            Value::Published(Some(n)) => Some(*n as f64),
            _ => None,
        }
    }
}

/// `1234567` as `1,234,567`: the same grouping as the charts' labels.
pub use crate::charts::group_thousands as thousands;

/// `numerator / denominator` as a percentage rounded half away from zero to `decimals` places
/// (`None` when the denominator is 0). Integer arithmetic, so 87.5 never becomes 87.49999.
pub fn percent_text(numerator: u64, denominator: u64, decimals: u8) -> Option<String> {
    if denominator == 0 {
        return None;
    }
    let scale = 10u128.pow(u32::from(decimals));
    let (n, d) = (u128::from(numerator), u128::from(denominator));
    // round(n * 100 * scale / d) with halves rounded up.
    let scaled = (2 * n * 100 * scale + d) / (2 * d);
    let whole = scaled / scale;
    Some(if decimals == 0 {
        format!("{whole}%")
    } else {
        let frac = scaled % scale;
        format!("{whole}.{frac:0width$}%", width = usize::from(decimals))
    })
}

impl Presentation {
    /// A count, suppressed in publication mode when it is 1 to 4.
    pub fn count(&self, n: u64) -> Value {
        if self.publication && (1..=4).contains(&n) {
            Value::Suppressed
        } else {
            Value::Count(n)
        }
    }

    /// A percentage; in publication mode hidden when its numerator, its denominator or their
    /// difference is 1 to 4 (80.0% of 5 would give 4).
    pub fn percent(&self, numerator: u64, denominator: u64, decimals: u8) -> Value {
        let small = suppress::small;
        if denominator == 0 {
            Value::NotAvailable
        } else if self.publication
            && (small(numerator)
                || small(denominator)
                || small(denominator.saturating_sub(numerator)))
        {
            Value::Hidden
        } else {
            Value::Percent {
                numerator,
                denominator,
                decimals,
            }
        }
    }
}

/// A part of the report, with an `id` for the page's anchors (`#reviews`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    /// One or two sentences saying what the section shows.
    pub summary: String,
    /// The drafted narrative for a committee paper: plain-English paragraphs built only from
    /// the section's figures (publication mode applied), shown at the top of the section on
    /// the page and under its heading in the Word paper. Empty where nothing is drafted.
    pub narrative: Vec<String>,
    pub blocks: Vec<Block>,
}

/// The pieces a section is made of, in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Block {
    /// Headline figures.
    Figures(Vec<Figure>),
    /// The plausibility checks that found data that cannot be right (MEASURES.md section 11):
    /// at the top of the report a short list linking to the details (`summary`), in "Data
    /// quality" each in full with what to check and (managers only) example child IDs.
    Warnings {
        summary: bool,
        warnings: Vec<Warning>,
    },
    /// A sub-heading.
    Heading(String),
    Paragraph(String),
    /// A table, drawn as a chart too when [`Table::chart`] says how.
    Table(Table),
    /// Child-level rows (IDs): shown to managers behind a "show" switch, never in publication
    /// mode (the block is then left out altogether).
    ChildList(Table),
    /// Term and meaning pairs.
    Definitions(Vec<(String, String)>),
    /// Something the reader can download here: the page offers it, a printed or written paper
    /// leaves it out.
    Download(Download),
}

/// The downloads a section offers (beyond each table's own CSV).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Download {
    /// The rows set aside and the warnings, as CSV ([`data_quality_csv`]): child-level, so
    /// never offered in publication mode.
    RowsSetAside,
}

/// A headline figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: Value,
    /// What it is out of, or what it means, in a few words.
    pub detail: String,
    /// Where the number is in the JSON report (`reviews.held`), for checking the page
    /// against the CLI. `None` for derived figures.
    pub json_path: Option<&'static str>,
    /// Whether the council's target for this figure was met, when one is set.
    pub target: Option<TargetCheck>,
    /// What a plausibility check found that bears on this figure, or how little of the data
    /// it covers: "distance known for 1% of children".
    pub caveat: Option<String>,
}

/// A table: a caption, column headings, and labelled rows of values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// For file names: `reviews-by-month`.
    pub id: String,
    pub caption: String,
    /// The first heading is for the row labels.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// A last row set apart (totals).
    pub total: Option<Row>,
    /// How to draw it, when it is drawn.
    pub chart: Option<ChartPlan>,
}

/// One row of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub label: String,
    pub cells: Vec<Value>,
}

/// Which columns of a table become a chart's series, and what kind of chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartPlan {
    pub kind: ChartKind,
    /// Indexes into [`Row::cells`].
    pub series: Vec<usize>,
    /// The value axis's label.
    pub value_label: String,
    pub percent: bool,
    /// Indexes into [`Row::cells`] of reference columns drawn as markers on each category
    /// (England's published percentage), on the same axis as `series`.
    pub markers: Vec<usize>,
}

/// The chart shapes the report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChartKind {
    /// Horizontal bars, one per row (long category labels).
    HorizontalBars,
    /// Vertical bars stacked per row (months); `total` indexes [`Row::cells`] at the column
    /// holding each stack's true total (held, all children), which a placeholder for hidden
    /// parts makes each bar reach in publication mode.
    StackedColumns { total: usize },
    /// A line through the rows in order (month ends).
    Line,
}

impl Table {
    /// RFC 4180 CSV of the table as shown (suppressed values read "fewer than 5"), CRLF ends.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        push_csv_line(&mut out, self.columns.iter().map(String::as_str));
        for row in self.rows.iter().chain(&self.total) {
            let cells: Vec<String> = row.cells.iter().map(Value::display).collect();
            push_csv_line(
                &mut out,
                std::iter::once(row.label.as_str()).chain(cells.iter().map(String::as_str)),
            );
        }
        out
    }
}

/// Appends one CSV record, quoting fields that hold a comma, quote or line break, and
/// neutralising fields a spreadsheet would run as formulas ([`neutralise_formula`]).
pub fn push_csv_line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = &*neutralise_formula(f);
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

/// What a file was recognised as, for the files panel and "Data quality": the table's plain
/// name, and for a table no figure uses, that it was read but not used by any figure.
pub fn recognised_as(kind: crate::model::TableKind) -> String {
    if kind.feeds_figures() {
        kind.plain_name().to_string()
    } else {
        format!("{} (read; not used by any figure)", kind.plain_name())
    }
}

/// The rejected rows and warnings, as CSV, for the data-quality download.
pub fn data_quality_csv(report: &Report) -> String {
    let mut out = String::new();
    push_csv_line(
        &mut out,
        ["What", "File", "Where", "Table", "Row", "Column", "Reason"].into_iter(),
    );
    for issue in report
        .data_quality
        .rejected
        .iter()
        .chain(&report.data_quality.warnings)
    {
        let what = match issue.severity {
            crate::model::Severity::Rejected => "Rejected (not counted)",
            crate::model::Severity::Warning => "Used, with a warning",
        };
        let row = issue.position.at(issue.row);
        push_csv_line(
            &mut out,
            [
                what,
                &issue.file,
                &issue.source,
                issue.table.plain_name(),
                &row,
                &issue.column,
                &issue.reason,
            ]
            .into_iter(),
        );
    }
    out
}

/// The JSON report for download: the CLI's contract as it is, or in publication mode with the
/// child-level lists and rejected rows left out and every count from 1 to 4 replaced by the
/// text "fewer than 5" (DfE's published figures in `benchmarks` are public and kept, except
/// `benchmarks.this_report`, the report's own).
pub fn report_json(report: &Report, presentation: Presentation) -> String {
    if !presentation.publication {
        return report.to_json();
    }
    let mut value = match serde_json::to_value(report) {
        Ok(v) => v,
        Err(_) => return report.to_json(),
    };
    if let Some(reviews) = value.get_mut("reviews").and_then(|r| r.as_object_mut()) {
        reviews.remove("late_list");
        reviews.remove("overdue_list");
    }
    if let Some(dq) = value
        .get_mut("data_quality")
        .and_then(|r| r.as_object_mut())
    {
        // Rejected rows and warnings quote the files' cells, child IDs among them.
        let rejected = dq
            .get("rejected")
            .and_then(|r| r.as_array())
            .map_or(0, Vec::len);
        let warnings = dq
            .get("warnings")
            .and_then(|r| r.as_array())
            .map_or(0, Vec::len);
        dq.insert("rejected".into(), serde_json::json!(rejected));
        dq.insert("warnings".into(), serde_json::json!(warnings));
        // The checks' example IDs are children's IDs.
        if let Some(checks) = dq.get_mut("checks").and_then(|c| c.as_array_mut()) {
            for check in checks.iter_mut().filter_map(|c| c.as_object_mut()) {
                check.insert("examples".into(), serde_json::json!([]));
            }
        }
    }
    hide_along_lines(&mut value);
    // Settings hold no counts, and DfE's published figures are public: keep them exactly,
    // except the report's own figures within the benchmarks, suppressed like the rest.
    let settings = value.get_mut("settings").map(serde_json::Value::take);
    let mut benchmarks = value.get_mut("benchmarks").map(serde_json::Value::take);
    suppress_small_counts(&mut value);
    if let Some(settings) = settings {
        value["settings"] = settings;
    }
    if let Some(mut benchmarks) = benchmarks.take() {
        if let Some(own) = benchmarks.get_mut("this_report") {
            suppress_small_counts(own);
        }
        value["benchmarks"] = benchmarks;
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Publication mode's secondary suppression in the JSON download ([`suppress`]): the counts of
/// the breakdowns of children looked after add up to `total`, the ages by sex to each age and
/// each sex, the reasons ceased to `ceased.total`, each month's reviews to its held and the
/// months to the year's, participation to the reviews held, on time and late to those that
/// could be checked. A count hidden so that a small one cannot be worked out reads "hidden".
fn hide_along_lines(value: &mut serde_json::Value) {
    let mut g = JsonGrid {
        value,
        grid: suppress::Grid::new(),
        cells: Vec::new(),
    };
    let cla = "/cla_at_31_march";
    for breakdown in [
        "sex",
        "age_band",
        "ethnic_group",
        "legal_status",
        "placement",
        "distance",
        "location",
    ] {
        g.object_line(&format!("{cla}/{breakdown}"), &format!("{cla}/total"));
    }
    let sexes = g.keys(&format!("{cla}/age_band_by_sex"));
    for sex in &sexes {
        g.object_line(
            &format!("{cla}/age_band_by_sex/{sex}"),
            &format!("{cla}/sex/{sex}"),
        );
    }
    for band in g.keys(&format!("{cla}/age_band")) {
        let parts: Vec<String> = sexes
            .iter()
            .map(|sex| format!("{cla}/age_band_by_sex/{sex}/{band}"))
            .collect();
        g.line(&parts, &format!("{cla}/age_band/{band}"));
    }
    g.object_line("/ceased/reason", "/ceased/total");
    g.object_line("/reviews/participation", "/reviews/held");
    let months = g.keys("/reviews/by_month");
    for m in &months {
        let at = |k: &str| format!("/reviews/by_month/{m}/{k}");
        g.line(
            &[at("on_time"), at("late"), at("not_assessable")],
            &at("held"),
        );
    }
    for k in ["held", "on_time", "late", "not_assessable"] {
        let parts: Vec<String> = months
            .iter()
            .map(|m| format!("/reviews/by_month/{m}/{k}"))
            .collect();
        g.line(&parts, &format!("/reviews/{k}"));
    }
    g.line(
        &["/reviews/on_time".into(), "/reviews/late".into()],
        "/reviews/assessable",
    );
    let JsonGrid { grid, cells, .. } = g;
    let shown = grid.solve(true);
    for (i, pointer) in cells.iter().enumerate() {
        if let (Value::Hidden, Some(v)) = (shown.count(i), value.pointer_mut(pointer)) {
            *v = serde_json::Value::String(HIDDEN.to_string());
        }
    }
}

/// The counts of a JSON report named by JSON pointers, as cells of a [`suppress::Grid`].
struct JsonGrid<'a> {
    value: &'a serde_json::Value,
    grid: suppress::Grid,
    /// Each cell's pointer, by cell index.
    cells: Vec<String>,
}

impl JsonGrid<'_> {
    /// The cell of the count at `pointer` (`None` when there is no count there).
    fn cell(&mut self, pointer: &str) -> Option<usize> {
        if let Some(i) = self.cells.iter().position(|c| c == pointer) {
            return Some(i);
        }
        let n = self.value.pointer(pointer)?.as_u64()?;
        self.cells.push(pointer.to_string());
        Some(self.grid.cell(n))
    }

    /// The keys of the object at `pointer`, escaped for pointers.
    fn keys(&self, pointer: &str) -> Vec<String> {
        self.value
            .pointer(pointer)
            .and_then(|v| v.as_object())
            .map(|o| {
                o.keys()
                    .map(|k| k.replace('~', "~0").replace('/', "~1"))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A line from the counts at `parts` to the count at `total`, when they are all counts.
    fn line(&mut self, parts: &[String], total: &str) {
        let members: Option<Vec<usize>> = parts.iter().map(|p| self.cell(p)).collect();
        if let (Some(members), Some(total)) = (members, self.cell(total)) {
            if !members.is_empty() {
                self.grid.line(members, total);
            }
        }
    }

    /// A line from every count of the object at `parts` to the count at `total`.
    fn object_line(&mut self, parts: &str, total: &str) {
        let members: Vec<String> = self
            .keys(parts)
            .iter()
            .map(|k| format!("{parts}/{k}"))
            .collect();
        self.line(&members, total);
    }
}

fn suppress_small_counts(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.as_u64().is_some_and(|n| (1..=4).contains(&n)) => {
            *v = serde_json::Value::String(FEWER_THAN_5.to_string());
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(suppress_small_counts),
        serde_json::Value::Object(map) => map.values_mut().for_each(suppress_small_counts),
        _ => {}
    }
}

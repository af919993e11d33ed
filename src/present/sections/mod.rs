//! The sections of the report, in the order an IRO annual report uses: one file each, every
//! one a function from the report to a [`Section`] of the neutral document model (figures,
//! headings, paragraphs, tables with chart plans), which the page draws and any other writer
//! (print, a Word paper) can render as it is.
//!
//! Adding a section is a local change: a [`SectionId`], a file here, and its place in
//! [`sections`].

mod data_quality;
mod flows;
mod headlines;
mod in_care;
mod iro_service;
mod reviews;
mod stability;
mod trends;

pub use trends::{signed_change, signed_percent, NOT_IN_THE_DATA};

use serde::{Serialize, Serializer};

use super::compare::{self, Cmp};
use super::{ChartKind, ChartPlan, Figure, Presentation, Row, Section, Table, Value};
use crate::report::keys::{dfe_groups, Counted, Dfe, PublishedShares};
use crate::report::{Benchmarks, PublishedFigures, Report};

/// Which section of the report: the page's anchors (`#reviews`) and control flow go by this,
/// never by a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionId {
    Headlines,
    Reviews,
    InCare,
    Flows,
    Stability,
    IroService,
    Trends,
    DataQuality,
}

impl SectionId {
    /// The section's anchor on the page (`reviews` for `#reviews`).
    pub fn anchor(self) -> &'static str {
        match self {
            SectionId::Headlines => "headlines",
            SectionId::Reviews => "reviews",
            SectionId::InCare => "in-care",
            SectionId::Flows => "flows",
            SectionId::Stability => "stability",
            SectionId::IroService => "iro-service",
            SectionId::Trends => "trends",
            SectionId::DataQuality => "data-quality",
        }
    }
}

impl Serialize for SectionId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.anchor())
    }
}

/// Every section of the report, in order.
///
/// With a council chosen (`report.benchmarks`), breakdowns DfE publishes carry its figures
/// beside the council's; with two or more years in `report.trend`, a trends section follows
/// placement stability.
pub fn sections(report: &Report, p: Presentation) -> Vec<Section> {
    let p = &p;
    let mut all = vec![
        headlines::section(report, p),
        reviews::section(report, p),
        in_care::section(report, p),
        flows::section(report, p),
        stability::section(report, p),
        iro_service::section(report, p),
    ];
    all.extend(trends::section(report, p));
    all.push(data_quality::section(report, p));
    all
}

/// A headline figure with no target.
fn figure(label: &str, value: Value, detail: String, json_path: Option<&'static str>) -> Figure {
    Figure {
        label: label.to_string(),
        value,
        detail,
        json_path,
        target: None,
    }
}

/// What a breakdown table counts, in its column headings and total row.
struct Unit {
    /// The count's column heading: `"Children"`.
    counted: &'static str,
    /// The share's column heading: `"% of children"`.
    share: &'static str,
    /// The total row's label: `"All children"`.
    all: &'static str,
    /// Decimal places of the shares.
    decimals: u8,
}

const CHILDREN: Unit = Unit {
    counted: "Children",
    share: "% of children",
    all: "All children",
    decimals: 0,
};

/// One published breakdown of DfE's, as a breakdown table compares with it.
type Pick = fn(&PublishedFigures) -> &PublishedShares;

/// A breakdown as a table: a row per key (its label, count and share of `total`), a total row,
/// drawn as horizontal bars.
struct BreakdownTable<'a> {
    /// The table's id (file names, anchors).
    id: &'a str,
    caption: String,
    /// The first column's heading.
    heading: &'a str,
    /// The keys shown, with their counts ([`Breakdown::counted`]).
    counts: Vec<Counted>,
    /// What the shares are of.
    total: u64,
    unit: &'a Unit,
    /// With DfE's figures, the published share is beside each row (the council as DfE
    /// published it, its neighbours, its region, England) and the chart draws the shares with
    /// England's as markers; a DfE category holding several keys (all foster care) gets a row
    /// of its own, first, and its keys point to it.
    compared: Option<(&'a Benchmarks, Pick)>,
}

impl BreakdownTable<'_> {
    fn table(self, p: &Presentation) -> Table {
        let (total, unit) = (self.total, self.unit);
        let row = |label: &str, n: u64| Row {
            label: label.to_string(),
            cells: vec![p.count(n), p.percent(n, total, unit.decimals)],
        };
        let mut rows: Vec<Row> = self.counts.iter().map(|c| row(c.label, c.count)).collect();
        let mut table = Table {
            id: self.id.into(),
            caption: self.caption,
            columns: [self.heading, unit.counted, unit.share]
                .map(String::from)
                .to_vec(),
            rows: Vec::new(),
            total: Some(row(unit.all, total)),
            chart: Some(ChartPlan {
                kind: ChartKind::HorizontalBars,
                series: vec![0],
                value_label: unit.counted.into(),
                percent: false,
                markers: Vec::new(),
            }),
        };
        let Some((b, pick)) = self.compared else {
            table.rows = rows;
            return table;
        };
        let mut cmps: Vec<Cmp> = self.counts.iter().map(Cmp::of).collect();
        for (i, (group, n)) in dfe_groups(&self.counts).into_iter().enumerate() {
            rows.insert(i, row(group.label, n));
            cmps.insert(i, Cmp::Category(group.json));
        }
        table.rows = rows;
        compare::add_columns(&mut table, b, pick, &cmps, 1, unit.share);
        table
    }
}

impl Cmp {
    /// What the row of a key is compared with.
    fn of(key: &Counted) -> Cmp {
        match key.dfe {
            Dfe::Same => Cmp::Category(key.json),
            Dfe::Within(group) => Cmp::See(format!("see {}", group.label.to_lowercase())),
            Dfe::NotPublished => Cmp::NoGroup,
        }
    }
}

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
use super::suppress::Grid;
use super::thousands;
use super::{Block, ChartKind, ChartPlan, Figure, Presentation, Row, Section, Table, Value};
use crate::report::keys::{
    dfe_groups, Counted, Dfe, DfeGroup, Distance, EthnicGroup, Key, LeaverGroup, LegalStatus,
    Participation, Placement, PublishedShares, Sex,
};
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
    for section in &mut all {
        section.blocks = with_notes(std::mem::take(&mut section.blocks));
    }
    // Drafted once here, from the sections as shown, so the page, the CLI and the Word paper
    // read the same words.
    if let Some(headlines) = all.iter().find(|s| s.id == SectionId::Headlines).cloned() {
        for section in &mut all {
            section.narrative = super::narrative::draft(section, &headlines, report, p);
        }
    }
    all
}

/// A charted table with nothing in it (every value 0) becomes one line saying so, instead of
/// a chart of empty bars or a flat line at zero; a breakdown whose largest group is its
/// "not known" or "other" group gets a note after it saying what that group holds and what
/// to check.
fn with_notes(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let Block::Table(t) = &block else {
            out.push(block);
            continue;
        };
        let Some(plan) = &t.chart else {
            out.push(block);
            continue;
        };
        let empty = !t.rows.is_empty()
            && t.rows.iter().all(|r| {
                plan.series
                    .iter()
                    .all(|&i| matches!(r.cells.get(i), Some(Value::Count(0)) | None))
            });
        if empty {
            out.push(Block::Paragraph(format!(
                "{}: none in the data for this year, so there is nothing to chart.",
                t.caption
            )));
            continue;
        }
        let note = largest_unknown(t);
        out.push(block);
        out.extend(note.map(Block::Paragraph));
    }
    out
}

/// What each breakdown's catch-all group holds and what to check, by table and row label.
fn catch_all_note(table: &str, label: &str) -> Option<&'static str> {
    let is = |l: &str| l == label;
    Some(match table {
        "ethnicity" if is(EthnicGroup::NotKnown.label()) => {
            "It holds children whose ethnic code (ETHNIC, in the header table) is blank, a \
             refusal or not yet obtained, or not one of DfE's codes, and children with no \
             header row. Check the header table's ETHNIC column."
        }
        "ethnicity" if is(EthnicGroup::Other.label()) => {
            "It holds the codes for any other ethnic group (OOTH, and Chinese when the \
             settings count it there). Check that ethnic codes are DfE's, not local ones."
        }
        "legal-status" if is(LegalStatus::Unknown.label()) => {
            "It holds children whose legal status code (LS, in the episodes) is blank or not \
             a 903 code. Check the episodes' LS column."
        }
        "placement-type" if is(Placement::Unknown.label()) => {
            "It holds children whose placement code (PLACE, in the episodes) is blank or not a \
             903 code. Check the episodes' PLACE column."
        }
        "placement-type" if is(Placement::Other.label()) => {
            "It holds placements in none of DfE's main groups. Check that the PLACE codes are \
             the 903's current codes."
        }
        "distance-from-home" if is(Distance::NotKnown.label()) => {
            "It holds children whose home or placement postcode (HOME_POST, PL_POST) is missing \
             or not a recognised postcode, usually including unaccompanied asylum-seeking \
             children. Check that the episodes carry both postcodes in full."
        }
        "sex" if is(Sex::Unknown.label()) => {
            "It holds children whose sex (SEX, in the header table) is blank or not a 903 \
             code, and children with no header row. Check the header table."
        }
        "review-participation" if is(Participation::Unknown.label()) => {
            "It holds reviews whose participation code (REVIEW_CODE) is blank or not PN0 to \
             PN7. Check the reviews table's codes."
        }
        "leavers-by-reason" if is(LeaverGroup::NotKnown.label()) => {
            "It holds leavers whose reason (REC, in the episodes) is blank or not a 903 code. \
             Check the episodes' REC column."
        }
        _ => return None,
    })
}

/// The note for a breakdown whose largest row (by its first count) is its catch-all group.
fn largest_unknown(t: &Table) -> Option<String> {
    let count = |r: &Row| match r.cells.first() {
        Some(Value::Count(n)) => Some(*n),
        _ => None,
    };
    // The first of equals wins, as the table lists them.
    let (largest, n) = t
        .rows
        .iter()
        .filter_map(|r| count(r).map(|n| (r, n)))
        .fold(None::<(&Row, u64)>, |best, (r, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((r, n)),
        })?;
    let note = catch_all_note(&t.id, &largest.label)?;
    let of = t
        .total
        .as_ref()
        .and_then(count)
        .map(|total| format!(" of {}", thousands(total)))
        .unwrap_or_default();
    (n > 0).then(|| {
        format!(
            "\u{201c}{}\u{201d} is the largest group here ({}{of}). {note}",
            largest.label,
            thousands(n)
        )
    })
}

/// A headline figure with no target.
fn figure(label: &str, value: Value, detail: String, json_path: Option<&'static str>) -> Figure {
    Figure {
        label: label.to_string(),
        value,
        detail,
        json_path,
        target: None,
        caveat: None,
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
        // The keys add up to the total; with DfE's figures, a group's keys add up to its row.
        let mut grid = Grid::new();
        let keys: Vec<usize> = self.counts.iter().map(|c| grid.cell(c.count)).collect();
        let all = grid.cell(total);
        grid.line(keys.clone(), all);
        let groups: Vec<(&DfeGroup, usize)> = if self.compared.is_some() {
            dfe_groups(&self.counts)
                .into_iter()
                .map(|(group, n)| {
                    let cell = grid.cell(n);
                    let members = self
                        .counts
                        .iter()
                        .zip(&keys)
                        .filter(|(c, _)| matches!(c.dfe, Dfe::Within(g) if std::ptr::eq(g, group)))
                        .map(|(_, &k)| k)
                        .collect();
                    grid.line(members, cell);
                    (group, cell)
                })
                .collect()
        } else {
            Vec::new()
        };
        let shown = grid.solve(p.publication);
        let row = |label: &str, cell: usize| Row {
            label: label.to_string(),
            cells: vec![
                shown.count(cell),
                shown.percent(cell, all, unit.decimals, p.publication),
            ],
        };
        let mut rows: Vec<Row> = self
            .counts
            .iter()
            .zip(&keys)
            .map(|(c, &k)| row(c.label, k))
            .collect();
        let mut table = Table {
            id: self.id.into(),
            caption: self.caption,
            columns: [self.heading, unit.counted, unit.share]
                .map(String::from)
                .to_vec(),
            rows: Vec::new(),
            total: Some(row(unit.all, all)),
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
        for (i, (group, cell)) in groups.into_iter().enumerate() {
            rows.insert(i, row(group.label, cell));
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

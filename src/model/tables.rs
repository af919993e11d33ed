//! The 903 tables and their canonical columns, as the DfE specification names them.
//!
//! This is the vocabulary shared by every importer (CSV, XLSX, XML) and by the row checks in
//! [`crate::model::build()`]. It knows nothing of bytes or formats.

use serde::{Deserialize, Serialize};

/// One of the SSDA903 tables, recognised by its header row (never by its file name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    Header,
    Episodes,
    Reviews,
    Uasc,
    Oc2,
    Oc3,
    Ad1,
    PlacedForAdoption,
    PreviousPermanence,
    Missing,
    SwEpisodes,
    /// Deprivation of Liberty orders (a 903 table from 2026-27, MEASURES.md section 8).
    Dolo,
    /// The IRO service's review meetings, held or cancelled (MEASURES.md section 7.1).
    ReviewMeetings,
    /// Which IRO each child is allocated to, and when.
    IroAllocations,
    /// The IROs, with their full-time equivalents.
    Iros,
    /// Disputes and escalations (the dispute resolution log), one row per stage.
    Disputes,
    /// IRO contacts with children between reviews.
    IroContacts,
    /// The council's child population by ethnic group (MEASURES.md section 9).
    ChildPopulation,
}

impl TableKind {
    /// Every table Careboard reads: the 903's ([`TableKind::RETURN`]), the Deprivation of
    /// Liberty orders, and the local ones ([`TableKind::LOCAL`]).
    pub const ALL: [TableKind; 18] = [
        TableKind::Header,
        TableKind::Episodes,
        TableKind::Reviews,
        TableKind::Uasc,
        TableKind::Oc2,
        TableKind::Oc3,
        TableKind::Ad1,
        TableKind::PlacedForAdoption,
        TableKind::PreviousPermanence,
        TableKind::Missing,
        TableKind::SwEpisodes,
        TableKind::Dolo,
        TableKind::ReviewMeetings,
        TableKind::IroAllocations,
        TableKind::Iros,
        TableKind::Disputes,
        TableKind::IroContacts,
        TableKind::ChildPopulation,
    ];

    /// The tables of the 903 return before 2026-27, in the order the DfE guide lists them
    /// (the DfE XML holds these).
    pub const RETURN: [TableKind; 11] = [
        TableKind::Header,
        TableKind::Episodes,
        TableKind::Reviews,
        TableKind::Uasc,
        TableKind::Oc2,
        TableKind::Oc3,
        TableKind::Ad1,
        TableKind::PlacedForAdoption,
        TableKind::PreviousPermanence,
        TableKind::Missing,
        TableKind::SwEpisodes,
    ];

    /// The tables a council keeps outside the 903 (its case-management system's exports, and
    /// its child population), in the order a header row is tried against them: the first
    /// whose columns it has wins (after the 903's tables, which are tried first).
    pub const LOCAL: [TableKind; 6] = [
        TableKind::ReviewMeetings,
        TableKind::IroAllocations,
        TableKind::IroContacts,
        TableKind::Disputes,
        TableKind::Iros,
        TableKind::ChildPopulation,
    ];

    /// Whether the table is one of [`TableKind::LOCAL`].
    pub fn is_local(self) -> bool {
        Self::LOCAL.contains(&self)
    }

    /// Whether every row needs a `CHILD` (a blank one rejects the row). The disputes log, the
    /// IROs and the child population are not about one child.
    pub fn needs_child(self) -> bool {
        !matches!(
            self,
            TableKind::Disputes | TableKind::Iros | TableKind::ChildPopulation
        )
    }

    /// The name used in the JSON report's `inputs[].table` and in messages.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Header => "header",
            TableKind::Episodes => "episodes",
            TableKind::Reviews => "reviews",
            TableKind::Uasc => "uasc",
            TableKind::Oc2 => "oc2",
            TableKind::Oc3 => "oc3",
            TableKind::Ad1 => "ad1",
            TableKind::PlacedForAdoption => "placed_for_adoption",
            TableKind::PreviousPermanence => "previous_permanence",
            TableKind::Missing => "missing",
            TableKind::SwEpisodes => "sw_episodes",
            TableKind::Dolo => "dolo",
            TableKind::ReviewMeetings => "review_meetings",
            TableKind::IroAllocations => "iro_allocations",
            TableKind::Iros => "iros",
            TableKind::Disputes => "disputes",
            TableKind::IroContacts => "iro_contacts",
            TableKind::ChildPopulation => "child_population",
        }
    }

    /// Whether any figure of the report is worked out from this table; the others are read
    /// and accounted for, and the page says "read; not used by any figure". The one place to
    /// change when a figure starts to use a table.
    pub fn feeds_figures(self) -> bool {
        matches!(
            self,
            TableKind::Header
                | TableKind::Episodes
                | TableKind::Reviews
                | TableKind::Uasc
                | TableKind::Missing
                | TableKind::Oc3
                | TableKind::Dolo
        ) || self.is_local()
    }

    /// A manager's name for the table, for messages.
    pub fn plain_name(self) -> &'static str {
        match self {
            TableKind::Header => "children (header)",
            TableKind::Episodes => "episodes of care",
            TableKind::Reviews => "reviews",
            TableKind::Uasc => "unaccompanied asylum-seeking children (UASC)",
            TableKind::Oc2 => "outcomes for children looked after 12 months (OC2)",
            TableKind::Oc3 => "care leavers (OC3)",
            TableKind::Ad1 => "adoptions (AD1)",
            TableKind::PlacedForAdoption => "should be placed for adoption",
            TableKind::PreviousPermanence => "previous permanence",
            TableKind::Missing => "missing and away from placement",
            TableKind::SwEpisodes => "social worker episodes",
            TableKind::Dolo => "Deprivation of Liberty orders",
            TableKind::ReviewMeetings => "review meetings (IRO service)",
            TableKind::IroAllocations => "IRO allocations",
            TableKind::Iros => "IROs and their hours",
            TableKind::Disputes => "disputes and escalations",
            TableKind::IroContacts => "IRO contacts between reviews",
            TableKind::ChildPopulation => "child population by ethnic group",
        }
    }

    /// The canonical columns, in DfE order. Importers align every row to this list; a column
    /// the file lacks is read as blank. Extra columns in a file are ignored.
    pub const fn columns(self) -> &'static [&'static str] {
        match self {
            TableKind::Header => &["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
            TableKind::Episodes => &[
                "CHILD",
                "DECOM",
                "RNE",
                "LS",
                "CIN",
                "PLACE",
                "PLACE_PROVIDER",
                "DEC",
                "REC",
                "REASON_PLACE_CHANGE",
                "HOME_POST",
                "PL_POST",
                "URN",
                // Not in councils' own CSVs, but in DfE-side and regional extracts.
                "PL_DISTANCE",
                "PL_LA",
                "PL_LOCATION",
            ],
            TableKind::Reviews => &["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
            TableKind::Uasc => &["CHILD", "SEX", "DOB", "DUC"],
            TableKind::Oc2 => &[
                "CHILD",
                "DOB",
                "SDQ_SCORE",
                "SDQ_REASON",
                "CONVICTED",
                "HEALTH_CHECK",
                "IMMUNISATIONS",
                "TEETH_CHECK",
                "HEALTH_ASSESSMENT",
                "SUBSTANCE_MISUSE",
                "INTERVENTION_RECEIVED",
                "INTERVENTION_OFFERED",
            ],
            TableKind::Oc3 => &["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
            TableKind::Ad1 => &[
                "CHILD",
                "DOB",
                "DATE_INT",
                "DATE_MATCH",
                "FOSTER_CARE",
                "NB_ADOPTR",
                "SEX_ADOPTR",
                "LS_ADOPTR",
            ],
            TableKind::PlacedForAdoption => &[
                "CHILD",
                "DOB",
                "DATE_PLACED",
                "DATE_PLACED_CEASED",
                "REASON_PLACED_CEASED",
            ],
            TableKind::PreviousPermanence => &["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
            TableKind::Missing => &["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
            TableKind::SwEpisodes => &["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
            TableKind::Dolo => &["CHILD", "DOB", "DOLO_START", "DOLO_END"],
            TableKind::ReviewMeetings => &[
                "CHILD",
                "REVIEW_ID",
                "DUE_DATE",
                "REVIEW_DATE",
                "CANCELLED",
                "CANCELLED_DATE",
                "CHAIR",
                "RECORD_COMPLETED",
                "MOTHER",
                "FATHER",
            ],
            TableKind::IroAllocations => &["CHILD", "IRO", "START", "END", "ROLE"],
            TableKind::Iros => &["IRO", "NAME", "FTE", "START", "END"],
            TableKind::Disputes => &[
                "RAISED",
                "STAGE",
                "DISPUTE_ID",
                "CHILD",
                "IRO",
                "RESOLVED",
                "CATEGORY",
            ],
            TableKind::IroContacts => &["CHILD", "CONTACT_DATE", "IRO", "TYPE"],
            TableKind::ChildPopulation => &["GROUP", "CHILDREN"],
        }
    }

    /// The columns a header row must have for the table to be recognised (and used): without
    /// them no figure from the table could be right.
    pub fn required_columns(self) -> &'static [&'static str] {
        match self {
            TableKind::Header => &["CHILD", "SEX", "DOB", "ETHNIC"],
            TableKind::Episodes => &["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"],
            TableKind::Reviews => &["CHILD", "REVIEW", "REVIEW_CODE"],
            TableKind::Uasc => &["CHILD", "DUC"],
            TableKind::Oc2 => &["CHILD", "SDQ_SCORE"],
            TableKind::Oc3 => &["CHILD", "IN_TOUCH", "ACTIV", "ACCOM"],
            TableKind::Ad1 => &["CHILD", "DATE_INT", "DATE_MATCH"],
            TableKind::PlacedForAdoption => &["CHILD", "DATE_PLACED"],
            TableKind::PreviousPermanence => &["CHILD", "PREV_PERM"],
            TableKind::Missing => &["CHILD", "MISSING", "MIS_START"],
            TableKind::SwEpisodes => &["CHILD", "SW_ID", "SW_DECOM"],
            TableKind::Dolo => &["CHILD", "DOLO_START"],
            // Besides CHILD, a review meeting needs REVIEW_DATE or CANCELLED (either will do),
            // and its file must not have REVIEW_CODE (that is the 903's reviews table).
            TableKind::ReviewMeetings => &["CHILD"],
            TableKind::IroAllocations => &["CHILD", "IRO", "START"],
            TableKind::Iros => &["IRO"],
            TableKind::Disputes => &["RAISED", "STAGE"],
            TableKind::IroContacts => &["CHILD", "CONTACT_DATE"],
            TableKind::ChildPopulation => &["GROUP", "CHILDREN"],
        }
    }

    /// Columns holding dates: an XLSX date cell or serial number in one of these is a date.
    pub fn is_date_column(column: &str) -> bool {
        matches!(
            column,
            "DOB"
                | "MC_DOB"
                | "DECOM"
                | "DEC"
                | "REVIEW"
                | "DUC"
                | "DATE_INT"
                | "DATE_MATCH"
                | "DATE_PLACED"
                | "DATE_PLACED_CEASED"
                | "DATE_PERM"
                | "MIS_START"
                | "MIS_END"
                | "SW_DECOM"
                | "SW_DEC"
                | "DOLO_START"
                | "DOLO_END"
                | "DUE_DATE"
                | "REVIEW_DATE"
                | "CANCELLED_DATE"
                | "RECORD_COMPLETED"
                | "START"
                | "END"
                | "RAISED"
                | "RESOLVED"
                | "CONTACT_DATE"
        )
    }

    /// Index of a canonical column in [`TableKind::columns`].
    pub const fn column_index(self, column: &str) -> Option<usize> {
        // Compared byte by byte: a call to `memcmp` for each name of the same length (`CHILD`
        // and `DECOM`...) was about a twentieth of the CLI's time at England scale, when the
        // model's build found every cell it read by its name (it now finds them by the
        // positions [`at!`] works out when compiling).
        let column = column.as_bytes();
        let columns = self.columns();
        let mut i = 0;
        while i < columns.len() {
            let c = columns[i].as_bytes();
            if c.len() == column.len() {
                let mut k = 0;
                while k < c.len() && c[k] == column[k] {
                    k += 1;
                }
                if k == c.len() {
                    return Some(i);
                }
            }
            i += 1;
        }
        None
    }
}

/// The position of canonical column `$column` in a `$kind` table's rows, worked out when
/// compiling (a column the table does not have stops the build): `row.cell(at!(Episodes,
/// "DECOM"))` reads the cell without looking its name up in every row.
macro_rules! at {
    ($kind:ident, $column:literal) => {
        const {
            match $crate::model::TableKind::$kind.column_index($column) {
                Some(i) => i,
                None => panic!(concat!("not a column of the table: ", $column)),
            }
        }
    };
}
pub(crate) use at;

/// Rows of one recognised table, as text aligned to [`TableKind::columns`], before any check.
///
/// Cells live in one buffer (not a `String` each) so that an England-sized export of a
/// million episodes costs a handful of allocations, not millions.
#[derive(Clone, Debug)]
pub struct RawTable {
    /// What the user sees as the table's origin: `episodes.csv`, or `export.xlsx, sheet "Episodes"`.
    pub source: String,
    /// The file this table came from (several tables may share one workbook or XML file).
    pub file: String,
    pub kind: TableKind,
    /// Whether a row's `row_number` is a spreadsheet row (CSV, XLSX: header = row 1) or a line
    /// of an XML file.
    pub position: Position,
    /// Canonical columns that the file really had (the others read as blank).
    pub present: Vec<bool>,
    text: String,
    /// Where each row's cells start in `text`.
    row_starts: Vec<u32>,
    /// Each cell's end, counted from its row's start: two bytes a cell rather than four (a
    /// fifth less memory for an England-sized export's episodes, which are all held at once
    /// while the model is built), as a row's cells together nearly always hold under 64 KiB.
    /// A longer row's cells have their ends in `long_rows` (and zeros here).
    ends: Vec<u16>,
    /// The rows whose cells hold more than `u16::MAX` bytes together, by index in increasing
    /// order, with their cells' ends counted from the row's start.
    long_rows: Vec<(usize, Box<[u32]>)>,
    row_numbers: Vec<u32>,
    /// Rows the importer could not read, by index in increasing order: the column and why.
    unreadable: Vec<Unreadable>,
}

/// A row that the importer could not split into cells; it is rejected with this reason.
#[derive(Clone, Debug)]
struct Unreadable {
    index: usize,
    column: String,
    reason: String,
}

/// How a row is located in its file, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Spreadsheet row number, the header being row 1.
    Row,
    /// Line number of the element in an XML file.
    Line,
}

impl Position {
    /// `row 12` or `line 12`: where a row is, in the words of messages and downloads.
    pub fn at(self, number: u32) -> String {
        match self {
            Position::Row => format!("row {number}"),
            Position::Line => format!("line {number}"),
        }
    }
}

impl RawTable {
    /// An empty table; `present` says which canonical columns the file had.
    pub fn new(
        file: &str,
        source: &str,
        kind: TableKind,
        position: Position,
        present: Vec<bool>,
    ) -> Self {
        debug_assert_eq!(present.len(), kind.columns().len());
        RawTable {
            source: source.to_string(),
            file: file.to_string(),
            kind,
            position,
            present,
            text: String::new(),
            row_starts: Vec::new(),
            ends: Vec::new(),
            long_rows: Vec::new(),
            row_numbers: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    /// Room for `rows` rows holding `text` bytes of cells together, made at once: grown by
    /// doubling, each buffer would be copied as it grows, the old and new copies held together
    /// for a moment (in wasm32, where memory once taken is not given back, for good).
    pub fn reserve(&mut self, rows: usize, text: usize) {
        self.text.reserve_exact(text);
        self.row_starts.reserve_exact(rows);
        self.row_numbers.reserve_exact(rows);
        self.ends.reserve_exact(rows.saturating_mul(self.width()));
    }

    /// Lets go of every row but keeps the room they took, so that the same table can hold the
    /// next slice of a file's rows (see [`crate::model::Building::add_slice`]) without
    /// allocating again.
    pub fn clear(&mut self) {
        self.text.clear();
        self.row_starts.clear();
        self.ends.clear();
        self.long_rows.clear();
        self.row_numbers.clear();
        self.unreadable.clear();
    }

    /// Takes this table's rows away in a table of their own, leaving it empty (with as much
    /// room as they took made again), so that a slice of rows can be handed to another thread
    /// while the next is read into the same table.
    pub fn take_rows(&mut self) -> RawTable {
        let mut rest = RawTable::new(
            &self.file,
            &self.source,
            self.kind,
            self.position,
            self.present.clone(),
        );
        rest.reserve(self.len(), self.text_len());
        std::mem::replace(self, rest)
    }

    /// Appends `other`'s rows (a table of the same kind and columns, later rows of the same
    /// file) after this one's, as if they had been pushed here.
    pub fn append(&mut self, other: &RawTable) {
        debug_assert_eq!((self.kind, &self.present), (other.kind, &other.present));
        let (rows, base) = (self.len(), self.text.len() as u32);
        self.text.push_str(&other.text);
        (self.row_starts).extend(other.row_starts.iter().map(|start| start + base));
        self.ends.extend_from_slice(&other.ends);
        (self.long_rows).extend(
            other
                .long_rows
                .iter()
                .map(|(i, ends)| (i + rows, ends.clone())),
        );
        self.row_numbers.extend_from_slice(&other.row_numbers);
        self.unreadable
            .extend(other.unreadable.iter().map(|u| Unreadable {
                index: u.index + rows,
                ..u.clone()
            }));
    }

    /// Whether the file had this canonical column.
    pub fn has_column(&self, column: &str) -> bool {
        self.kind
            .column_index(column)
            .is_some_and(|i| self.present[i])
    }

    fn width(&self) -> usize {
        self.kind.columns().len()
    }

    /// Appends one row. `cells` must be aligned to [`TableKind::columns`] (one per canonical
    /// column, blank where the file lacks it). Cells are stored trimmed.
    pub fn push_row<'a, I: IntoIterator<Item = &'a str>>(&mut self, row_number: u32, cells: I) {
        let width = self.width();
        let start = self.text.len();
        let first = self.ends.len();
        // The row's ends counted in four bytes, once one does not fit in two.
        let mut long: Option<Vec<u32>> = None;
        let mut cells = cells.into_iter().take(width);
        for _ in 0..width {
            if let Some(cell) = cells.next() {
                self.text.push_str(trim(cell));
            }
            let end = (self.text.len() - start) as u32;
            match (&mut long, u16::try_from(end)) {
                (None, Ok(end)) => self.ends.push(end),
                (None, Err(_)) => {
                    let mut ends: Vec<u32> = self.ends[first..].iter().map(|&e| e.into()).collect();
                    ends.push(end);
                    self.ends.push(0);
                    long = Some(ends);
                }
                (Some(ends), _) => {
                    ends.push(end);
                    self.ends.push(0);
                }
            }
        }
        if let Some(ends) = long {
            self.long_rows
                .push((self.row_starts.len(), ends.into_boxed_slice()));
        }
        self.row_starts.push(start as u32);
        self.row_numbers.push(row_number);
    }

    /// Appends a row that could not be read (an unclosed quotation mark, an XML record out of
    /// its place...): it holds no cell, counts as read and is rejected with `reason`, given
    /// against `column` (a canonical column, or the file's heading).
    pub fn push_unreadable(&mut self, row_number: u32, column: &str, reason: String) {
        self.unreadable.push(Unreadable {
            index: self.len(),
            column: column.to_string(),
            reason,
        });
        self.push_row(row_number, std::iter::empty());
    }

    /// How many bytes of cell text the table holds (importers bound it).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Number of rows held.
    pub fn len(&self) -> usize {
        self.row_numbers.len()
    }

    /// Whether the table has no row.
    pub fn is_empty(&self) -> bool {
        self.row_numbers.is_empty()
    }

    /// Row `i`: its row number in the file and a cell accessor.
    pub fn row(&self, i: usize) -> RawRow<'_> {
        let width = self.width();
        let long = match self.long_rows.is_empty() {
            true => None,
            false => (self.long_rows.binary_search_by_key(&i, |(r, _)| *r).ok())
                .map(|at| &self.long_rows[at].1[..]),
        };
        RawRow {
            table: self,
            number: self.row_numbers[i],
            cells: Cells::Held {
                index: i,
                text: &self.text[self.row_starts[i] as usize..],
                ends: &self.ends[i * width..(i + 1) * width],
                long,
            },
        }
    }

    /// Every row, in file order.
    pub fn rows(&self) -> impl Iterator<Item = RawRow<'_>> {
        (0..self.len()).map(move |i| self.row(i))
    }
}

/// `text.trim()`, without decoding characters when both ends are plainly not spaces (nearly
/// every cell): a byte below 128 is a whole character.
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// One row of a [`RawTable`], or a row of the table's kind read from a file and not held in
/// it ([`RawRow::in_record`]).
#[derive(Clone, Copy)]
pub struct RawRow<'a> {
    table: &'a RawTable,
    /// The row's position in its file (see [`RawTable::position`]).
    number: u32,
    cells: Cells<'a>,
}

/// Where a [`RawRow`]'s cells are.
#[derive(Clone, Copy)]
enum Cells<'a> {
    /// In its table: row `index`.
    Held {
        index: usize,
        /// The table's text from the row's first cell on.
        text: &'a str,
        /// Where each of the row's cells ends in `text` (see [`RawTable::push_row`]), or, for
        /// a longer row, in `long`.
        ends: &'a [u16],
        long: Option<&'a [u32]>,
    },
    /// In a record of the file, as it was read.
    Record(RecordCells<'a>),
}

/// Where a held row's cells before cell `i` end in its text (0 for the first), from its
/// cells' `ends`, or `long` ones ([`RawTable::push_row`]).
#[inline]
fn held_end(ends: &[u16], long: Option<&[u32]>, i: usize) -> usize {
    match (i.checked_sub(1), long) {
        (None, _) => 0,
        (Some(i), None) => ends.get(i).map_or(0, |&e| e.into()),
        (Some(i), Some(long)) => long.get(i).map_or(0, |&e| e as usize),
    }
}

/// A row's cells as a file's record holds them, in the file's order of columns, found by
/// their canonical columns when asked for: a CSV row is built from the record it was read
/// as, where copying every cell into a table first took more time than building the row.
#[derive(Clone, Copy)]
pub struct RecordCells<'a> {
    /// The record's cells, one after the other.
    pub text: &'a str,
    /// Where each of the record's cells ends in `text`.
    pub ends: &'a [usize],
    /// How many bytes lie between a cell's end and the next one's start (a delimiter, or
    /// none).
    pub gap: usize,
    /// For each canonical column of the table, the record's cell holding it (`None`: the
    /// file has no such column).
    pub columns: &'a [Option<usize>],
}

impl<'a> RecordCells<'a> {
    /// The cell of canonical column `i`, trimmed (blank when the file lacks it).
    #[inline]
    fn cell(&self, i: usize) -> &'a str {
        let Some(&Some(at)) = self.columns.get(i) else {
            return "";
        };
        let Some(&end) = self.ends.get(at) else {
            return "";
        };
        let start = match at.checked_sub(1) {
            None => 0,
            Some(before) => self.ends[before] + self.gap,
        };
        trim(self.text.get(start..end).unwrap_or(""))
    }
}

impl<'a> RawRow<'a> {
    /// Row `number` of the file `table` says (which need not hold it), whose cells `record`
    /// holds, aligned to the table's canonical columns by `record.columns`. Its cells must
    /// hold no carriage return (a row read as [`RawTable::push_row`] keeps its line breaks as
    /// LF).
    pub fn in_record(table: &'a RawTable, number: u32, record: RecordCells<'a>) -> Self {
        RawRow {
            table,
            number,
            cells: Cells::Record(record),
        }
    }

    /// The row's position in its file (see [`RawTable::position`]).
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The canonical name of column `i` (for messages).
    pub fn column(&self, i: usize) -> &'static str {
        self.table.kind.columns()[i]
    }

    /// Cell `i` of the canonical columns (trimmed; blank when absent).
    #[inline]
    pub fn cell(&self, i: usize) -> &'a str {
        match &self.cells {
            Cells::Held {
                text, ends, long, ..
            } => (text.get(held_end(ends, *long, i)..held_end(ends, *long, i + 1))).unwrap_or(""),
            Cells::Record(record) => record.cell(i),
        }
    }

    /// When the importer could not read this row ([`RawTable::push_unreadable`]): the column
    /// and the reason it is rejected.
    pub fn unreadable(&self) -> Option<(&'a str, &'a str)> {
        let list = &self.table.unreadable;
        let Cells::Held { index, .. } = self.cells else {
            return None;
        };
        if list.is_empty() {
            return None;
        }
        list.binary_search_by_key(&index, |u| u.index)
            .ok()
            .map(|i| (list[i].column.as_str(), list[i].reason.as_str()))
    }

    /// Every cell of the row run together, for looking for a byte in any of them at once (a
    /// row in a record: its text, which may hold cells of columns the table does not use).
    pub fn text(&self) -> &'a str {
        match &self.cells {
            Cells::Held {
                text, ends, long, ..
            } => (text.get(..held_end(ends, *long, self.table.width()))).unwrap_or(""),
            Cells::Record(record) => record.text,
        }
    }

    /// Cell by canonical column name (blank when the table has no such column).
    pub fn get(&self, column: &str) -> &'a str {
        match self.table.kind.column_index(column) {
            Some(i) => self.cell(i),
            None => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_rows_are_aligned_and_trimmed_with_blanks_for_missing_cells() {
        let kind = TableKind::Reviews;
        let mut t = RawTable::new("r.csv", "r.csv", kind, Position::Row, vec![true; 4]);
        t.push_row(2, [" C1 ", "", "01/02/2023", "pn1"]);
        t.push_row(3, ["C2"]);
        assert_eq!(t.len(), 2);
        let r = t.row(0);
        assert_eq!(
            (
                r.number(),
                r.get("CHILD"),
                r.get("REVIEW"),
                r.get("REVIEW_CODE")
            ),
            (2, "C1", "01/02/2023", "pn1")
        );
        let r = t.row(1);
        assert_eq!(
            (r.number(), r.get("CHILD"), r.get("REVIEW"), r.get("NOPE")),
            (3, "C2", "", "")
        );
        assert_eq!(r.unreadable(), None);
    }

    #[test]
    fn a_row_over_64_kib_keeps_every_cell_whole_beside_short_rows() {
        let kind = TableKind::Reviews;
        let mut t = RawTable::new("r.csv", "r.csv", kind, Position::Row, vec![true; 4]);
        // Row 3's cells end at 2, 70,002 and 70,012 bytes from its start: the second end is
        // past u16::MAX (65,535), so that row's ends are kept in four bytes.
        let long = "x".repeat(70_000);
        // Row 4: the first cell alone is 65,535 bytes, the most two bytes count; the row's
        // next end (65,537) is not.
        let edge = "y".repeat(65_535);
        t.push_row(2, ["C1", "", "01/02/2023", "PN1"]);
        t.push_row(3, ["C2", long.as_str(), "02/02/2023", ""]);
        t.push_row(4, [edge.as_str(), "Z9"]);
        t.push_row(5, ["C4", "", "03/02/2023", "PN4"]);
        assert_eq!(
            t.long_rows.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
            [1, 2]
        );
        let cells = |i: usize| (0..4).map(|c| t.row(i).cell(c).len()).collect::<Vec<_>>();
        assert_eq!(cells(0), [2, 0, 10, 3]);
        assert_eq!(cells(1), [2, 70_000, 10, 0]);
        assert_eq!(cells(2), [65_535, 2, 0, 0]);
        assert_eq!(cells(3), [2, 0, 10, 3]);
        assert_eq!(
            (t.row(1).get("CHILD"), t.row(1).get("REVIEW")),
            ("C2", "02/02/2023")
        );
        assert_eq!(t.row(2).get("DOB"), "Z9");
        assert_eq!(t.row(3).get("REVIEW_CODE"), "PN4");
        assert_eq!(t.row(1).text().len(), 2 + 70_000 + 10);
        assert_eq!(t.row(3).text(), "C403/02/2023PN4");
    }

    #[test]
    fn a_row_in_a_record_finds_its_cells_by_the_columns_the_file_has() {
        // The file's columns: REVIEW_CODE, Notes, CHILD, REVIEW (no DOB). Read in place, the
        // text is the line: cells end at 3, 9, 14 and 25, a delimiter (gap 1) after each.
        let t = RawTable::new(
            "r.csv",
            "r.csv",
            TableKind::Reviews,
            Position::Row,
            vec![true; 4],
        );
        let columns = [Some(2), None, Some(3), Some(0)];
        let line = RecordCells {
            text: "PN1,a\0 b , C1 ,01/02/2023",
            ends: &[3, 9, 14, 25],
            gap: 1,
            columns: &columns,
        };
        let r = RawRow::in_record(&t, 7, line);
        assert_eq!(
            (r.number(), r.get("CHILD"), r.get("DOB"), r.get("REVIEW")),
            (7, "C1", "", "01/02/2023")
        );
        assert_eq!((r.get("REVIEW_CODE"), r.unreadable()), ("PN1", None));
        // Its text is the record's, the Notes column (and its NUL) too.
        assert_eq!(r.text().len(), 25);
        // Copied out by csv-core, the cells lie end to end (gap 0): "PN1" "a b" "C1".
        let copied = RecordCells {
            text: "PN1a bC1",
            ends: &[3, 6, 8],
            gap: 0,
            columns: &columns,
        };
        let r = RawRow::in_record(&t, 8, copied);
        // REVIEW is the record's fourth cell, which this short row lacks: blank.
        assert_eq!(
            (r.get("CHILD"), r.get("REVIEW"), r.get("REVIEW_CODE")),
            ("C1", "", "PN1")
        );
    }

    #[test]
    fn an_unreadable_row_is_a_blank_row_carrying_its_column_and_reason() {
        let kind = TableKind::Reviews;
        let mut t = RawTable::new("r.csv", "r.csv", kind, Position::Row, vec![true; 4]);
        t.push_row(2, ["C1", "", "01/02/2023", "PN1"]);
        t.push_unreadable(3, "REVIEW", "a quotation mark is never closed".into());
        t.push_row(4, ["C3", "", "02/02/2023", "PN1"]);
        assert_eq!(t.len(), 3);
        assert_eq!(t.row(0).unreadable(), None);
        assert_eq!(
            (
                t.row(1).number(),
                t.row(1).get("CHILD"),
                t.row(1).unreadable()
            ),
            (3, "", Some(("REVIEW", "a quotation mark is never closed")))
        );
        assert_eq!((t.row(2).get("CHILD"), t.row(2).unreadable()), ("C3", None));
    }
}

//! The children-in-care data as typed, checked records, with the account of every input row.
//!
//! [`build::build`] turns the importers' [`RawTable`]s into a [`Dataset`], applying the
//! row checks of MEASURES.md section 5 (the same for CSV, XLSX and XML). Measures read only a
//! [`Dataset`]. This module knows nothing of file formats or of the browser.

pub mod build;
pub mod code;
pub mod codes;
pub mod dates;
pub mod local;
pub mod tables;
mod texts;

pub use build::{build, latest_date, Building, LatestRead, TableInSlices};
pub use chrono::NaiveDate as Date;
pub use code::{Code, FastMap, FastSet, Fingerprint, Text};
pub use local::{GroupCounts, IroTables};
pub use tables::{Position, RawRow, RawTable, RecordCells, TableKind};
pub use texts::Texts;

use serde::{Deserialize, Serialize};

/// The first `max` characters of `s`, with `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// How many characters of a cell's value a message quotes: enough for any real ID, date or
/// code, so that a 10 MB cell does not make a 10 MB message.
pub const QUOTED_CHARACTERS: usize = 40;

/// A value as messages quote it: `"31/13/2023"`, cut to its first [`QUOTED_CHARACTERS`]
/// characters with `…` when longer.
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", shorten(value, QUOTED_CHARACTERS))
}

/// Index of a child in [`Dataset::children`]: every table joins on it.
pub type ChildIdx = u32;

/// Sex as recorded: `1`/`M` male, `2`/`F` female, anything else unknown (MEASURES.md section 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
    Unknown,
}

impl Sex {
    /// Reads a `SEX` code (trimmed, case-insensitive).
    pub fn from_code(code: &str) -> Sex {
        match code.trim().to_ascii_uppercase().as_str() {
            "1" | "M" => Sex::Male,
            "2" | "F" => Sex::Female,
            _ => Sex::Unknown,
        }
    }
}

/// A child's header row: one per child.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub child: ChildIdx,
    pub sex: Sex,
    /// `None` when missing or not a date (age unknown).
    pub dob: Option<Date>,
    /// Upper-cased, trimmed `ETHNIC` code; blank when not recorded.
    pub ethnic: Code,
}

/// A distance from home recorded in a `PL_DISTANCE` column, when the export has one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RecordedDistance {
    /// The file has no `PL_DISTANCE` column: compute from the postcodes.
    Absent,
    /// The column is there but the value is blank, 999.9 or not a number.
    NotKnown,
    /// Miles, as recorded: finite and not negative.
    Miles(f64),
}

/// A [`RecordedDistance`] in 8 bytes, as an episode's details keep it: the miles' bits, or
/// one of two NaNs, which no recorded mile is. 16 bytes as the enum, the tag beside an `f64`:
/// 9 MB more for England's million episodes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PackedDistance(u64);

impl PackedDistance {
    const ABSENT: u64 = 0x7FF8_0000_0000_0001;
    const NOT_KNOWN: u64 = 0x7FF8_0000_0000_0002;

    /// `distance`, packed (a recorded `-0` as `0`, so that equal miles pack equal).
    pub fn new(distance: RecordedDistance) -> PackedDistance {
        PackedDistance(match distance {
            RecordedDistance::Absent => PackedDistance::ABSENT,
            RecordedDistance::NotKnown => PackedDistance::NOT_KNOWN,
            RecordedDistance::Miles(m) => (m + 0.0).to_bits(),
        })
    }

    /// The distance packed.
    pub fn get(self) -> RecordedDistance {
        match self.0 {
            PackedDistance::ABSENT => RecordedDistance::Absent,
            PackedDistance::NOT_KNOWN => RecordedDistance::NotKnown,
            bits => RecordedDistance::Miles(f64::from_bits(bits)),
        }
    }
}

impl std::fmt::Debug for PackedDistance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// One episode of care: the half-open range `[decom, dec)`, with the codes the measures pass
/// over every episode for. The rest of the row is its [`EpisodeDetails`], kept apart
/// ([`Dataset::episode_details`]): at England scale the measures make dozens of passes over a
/// million episodes, each bound by the memory it reads, and the details would more than
/// double it (44 bytes an episode without them, 116 with). Its codes are [`Text`]s of 8
/// bytes, as the details' texts.
#[derive(Clone, Debug, PartialEq)]
pub struct Episode {
    pub child: ChildIdx,
    pub decom: Date,
    /// `None` while the episode is open.
    pub dec: Option<Date>,
    /// Codes are trimmed and upper-cased; blank when not recorded. Read with
    /// [`Dataset::text`]; [`Text::is`] compares with a code.
    pub rne: Text,
    pub ls: Text,
    pub place: Text,
    pub rec: Text,
}

/// The fields of an episode's row that only a few figures read (distance from home, where a
/// child is placed), and a fingerprint of those none reads: `Dataset::episode_details[i]`
/// belongs to `Dataset::episodes[i]`. Each text is an 8-byte [`Text`], read with
/// [`Dataset::text`], and the distance is packed in 8 bytes: a million episodes' details are
/// then 40 MB, not 128 MB as 16-byte [`Code`]s, the enum and every text kept.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeDetails {
    /// Postcodes as given (trimmed); blank when not recorded.
    pub home_post: Text,
    pub pl_post: Text,
    /// `PL_LA` when the export carries it (DfE-side extracts), upper-cased; blank otherwise.
    pub pl_la: Text,
    /// Read with [`PackedDistance::get`].
    pub pl_distance: PackedDistance,
    /// `CIN`, `PLACE_PROVIDER` and `REASON_PLACE_CHANGE` (trimmed and upper-cased) and `URN`
    /// (trimmed), which no figure reads: kept as [`EpisodeDetails::unread`] gives them, so
    /// that a repeat across exports that differs only in them is still told apart.
    pub unread: Fingerprint,
}

impl EpisodeDetails {
    /// The fingerprint of an episode's cells that no figure reads, as given (trimmed): `CIN`,
    /// `PLACE_PROVIDER`, `REASON_PLACE_CHANGE` (each upper-cased) and `URN`.
    pub fn unread(
        cin: &str,
        place_provider: &str,
        reason_place_change: &str,
        urn: &str,
    ) -> Fingerprint {
        Fingerprint::of(&[
            (cin, true),
            (place_provider, true),
            (reason_place_change, true),
            (urn, false),
        ])
    }
}

impl Episode {
    /// Short breaks (`LS` V3/V4) are dropped before anything is counted.
    pub fn is_short_break(&self) -> bool {
        self.ls.is("V3") || self.ls.is("V4")
    }

    /// Open at `d`: `DECOM <= d` and (`DEC` blank or `DEC > d`).
    pub fn is_open_at(&self, d: Date) -> bool {
        self.decom <= d && self.dec.is_none_or(|dec| dec > d)
    }
}

/// One statutory review of a child in care.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub child: ChildIdx,
    pub date: Date,
    /// Participation code, upper-cased (`PN0`..`PN7`, or anything found): read with
    /// [`Dataset::text`], as an episode's codes.
    pub code: Text,
}

/// One row of the UASC table (or an XML child flagged `UASC` 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Uasc {
    pub child: ChildIdx,
    /// Date UASC status ceased; `None` when blank.
    pub duc: Option<Date>,
}

/// One row of the missing table: a child missing from care or away from placement without
/// authorisation.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingEpisode {
    pub child: ChildIdx,
    /// `MISSING`, trimmed and upper-cased: `M` missing, `A` away without authorisation; any
    /// other value is kept (and warned about) but counts as neither.
    pub code: Code,
    /// `MIS_START`.
    pub start: Date,
    /// `MIS_END`; `None` while unresolved.
    pub end: Option<Date>,
}

/// One row of the OC3 table: a care leaver whose 17th to 21st birthday fell in the year.
#[derive(Clone, Debug, PartialEq)]
pub struct CareLeaver {
    pub child: ChildIdx,
    /// `None` when blank or not a date: the leaver is then counted in no age group.
    pub dob: Option<Date>,
    /// `IN_TOUCH`, `ACTIV` and `ACCOM`, trimmed and upper-cased; blank when not recorded.
    pub in_touch: Code,
    pub activ: Code,
    pub accom: Code,
}

/// Rows read, used and rejected for one table of one file (`rows_read = rows_used + rows_rejected`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputAccount {
    pub file: String,
    /// Where in the file: the file name, or the file and sheet for a workbook.
    pub source: String,
    pub table: TableKind,
    pub rows_read: u64,
    pub rows_used: u64,
    pub rows_rejected: u64,
}

/// A whole file (or sheet) that could not be used: not a 903 table, empty, unreadable...
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileProblem {
    pub file: String,
    /// Plain-English explanation naming the file.
    pub message: String,
}

/// Whether a row was rejected (not counted anywhere) or used with a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Rejected,
    Warning,
}

/// One row-level finding: the file, the row as a spreadsheet shows it, the column, the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIssue {
    pub severity: Severity,
    pub file: String,
    pub source: String,
    pub table: TableKind,
    pub position: Position,
    /// Spreadsheet row (header = row 1), or XML line when `position` is `line`.
    pub row: u32,
    pub column: String,
    pub reason: String,
}

impl RowIssue {
    /// `episodes.csv, row 12, column DECOM: "31/02/2019" is not a real calendar date`.
    pub fn describe(&self) -> String {
        format!(
            "{}, {}, column {}: {}",
            self.source,
            self.position.at(self.row),
            self.column,
            self.reason
        )
    }
}

/// Everything loaded: typed rows for the tables the measures use, the other tables as read,
/// and the account of every row.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// Child identifiers, as found (trimmed); [`ChildIdx`] indexes this.
    pub children: Texts,
    /// Header row per child, when there is one (`headers[child]`).
    pub headers: Vec<Option<Header>>,
    /// Every usable episode, in input order (short breaks included: measures drop them).
    pub episodes: Vec<Episode>,
    /// The rest of each episode's row: `episode_details[i]` is `episodes[i]`'s, always as
    /// long as `episodes`.
    pub episode_details: Vec<EpisodeDetails>,
    /// The episodes' and reviews' texts that do not fit in a [`Text`] (longer than 8 bytes),
    /// each once.
    pub texts: Texts,
    /// Every usable review, de-duplicated on (child, date), in input order.
    pub reviews: Vec<Review>,
    pub uasc: Vec<Uasc>,
    /// The missing table's usable rows, in input order; `None` when no missing table was
    /// loaded (its figures are then not known, rather than zero).
    pub missing: Option<Vec<MissingEpisode>>,
    /// The OC3 table's usable rows (one per child: a repeat is rejected), in input order;
    /// `None` when no OC3 table was loaded.
    pub care_leavers: Option<Vec<CareLeaver>>,
    /// The IRO service's own tables (MEASURES.md section 7), each `None` until loaded.
    pub iro: IroTables,
    /// Deprivation of Liberty orders (section 8); `None` until the table is loaded.
    pub dolo: Option<Vec<local::DoloOrder>>,
    /// The child population by ethnic group (section 9), summed over every row and file;
    /// `None` until the table is loaded.
    pub child_population: Option<GroupCounts>,
    pub inputs: Vec<InputAccount>,
    pub problems: Vec<FileProblem>,
    pub issues: Vec<RowIssue>,
    /// Every file (sheet of a workbook) that gave a table, in the order given, with its
    /// latest date.
    pub exports: Vec<Export>,
}

/// One file loaded, with the latest `DECOM`, `DEC` or `REVIEW` date in it (the export's "as
/// at" day, as near as the data tells). Several years' exports are told apart by it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    pub file: String,
    /// The file, or the file and sheet for a workbook (as [`InputAccount::source`]).
    pub source: String,
    /// `None` when the file holds no such date (a header or UASC table alone).
    pub latest: Option<Date>,
}

impl Export {
    /// Whether this file is a later export than `other` (given `order`s, their positions in
    /// the order the files were given): by latest date when both have one, else by order.
    pub fn is_later_than(&self, order: usize, other: &Export, other_order: usize) -> bool {
        match (self.latest, other.latest) {
            (Some(a), Some(b)) if a != b => a > b,
            _ => order > other_order,
        }
    }
}

impl Dataset {
    /// A text of an episode or a review ([`Text`]).
    pub fn text<'a>(&'a self, text: &'a Text) -> &'a str {
        match text.held_index() {
            Some(i) => self.texts.get(i as usize).unwrap_or(""),
            None => text.as_inline().unwrap_or(""),
        }
    }

    /// The header row of a child, when the data has one.
    pub fn header(&self, child: ChildIdx) -> Option<&Header> {
        self.headers.get(child as usize).and_then(Option::as_ref)
    }

    /// Whether any table usable for the report (episodes, reviews, header, UASC) was loaded.
    pub fn has_903_tables(&self) -> bool {
        self.inputs.iter().any(|i| {
            matches!(
                i.table,
                TableKind::Episodes | TableKind::Reviews | TableKind::Header | TableKind::Uasc
            )
        })
    }

    /// Rejected rows only.
    pub fn rejections(&self) -> impl Iterator<Item = &RowIssue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Rejected)
    }

    /// Warnings only (unknown codes, unreadable dates of birth...).
    pub fn warnings(&self) -> impl Iterator<Item = &RowIssue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_episode_holds_only_what_the_measures_pass_over() {
        // Four 8-byte codes, the child and two 4-byte dates (a blank `DEC` is a niche of
        // the date's): the rest is in `EpisodeDetails`.
        assert_eq!(std::mem::size_of::<Episode>(), 44);
        // Three 8-byte texts, a packed distance and the fingerprint of the cells no figure
        // reads.
        assert_eq!(std::mem::size_of::<EpisodeDetails>(), 40);
    }

    #[test]
    fn a_packed_distance_gives_back_what_was_packed() {
        for d in [
            RecordedDistance::Absent,
            RecordedDistance::NotKnown,
            RecordedDistance::Miles(0.0),
            RecordedDistance::Miles(12.5),
            RecordedDistance::Miles(999.8),
            RecordedDistance::Miles(f64::MAX),
        ] {
            assert_eq!(PackedDistance::new(d).get(), d);
        }
        // A recorded -0 is 0, and packs as 0 does.
        let zero = PackedDistance::new(RecordedDistance::Miles(0.0));
        assert_eq!(PackedDistance::new(RecordedDistance::Miles(-0.0)), zero);
        assert_ne!(zero, PackedDistance::new(RecordedDistance::NotKnown));
    }
}

//! From raw tables to a checked [`Dataset`]: the row rules of MEASURES.md section 5.
//!
//! A row is rejected in exactly these cases, and used otherwise:
//! * any table: `CHILD` blank;
//! * episodes: `DECOM` missing or not a date; `DEC` present but not a date; `DEC` before `DECOM`;
//! * reviews: `REVIEW` missing or not a date; a repeat of an earlier (`CHILD`, `REVIEW`) pair;
//! * header: a repeat of an earlier `CHILD` (the first row is used);
//! * uasc: `DUC` present but not a date;
//! * missing: `MIS_START` missing or not a date; `MIS_END` present but not a date; `MIS_END`
//!   before `MIS_START` (the contract's reading of MEASURES.md section 10);
//! * OC3: a repeat of an earlier `CHILD` (the first row is used), in any file;
//! * the IRO service's tables, the Deprivation of Liberty orders and the child population:
//!   the rules listed in [`super::local`] (`CHILD` is not needed by the disputes log, the
//!   IROs and the population).
//!
//! Besides, in any table, a row the importer could not split into cells (an unclosed
//! quotation mark, an XML record out of its place: [`RawTable::push_unreadable`]) and a row
//! holding a NUL character (a zero byte, a sign of a damaged file) are rejected.
//!
//! Unknown codes (a `MISSING` other than M or A, an OC3 code not in the guide), unreadable
//! dates of birth and similar are used and listed as warnings.
//!
//! Every rejected row and warning is listed, up to [`MAX_LISTED`] of them in all: a file of
//! millions of broken rows would otherwise take gigabytes to list. Past that, rows are still
//! checked, used or rejected and counted as ever, and each file with rows not listed gets a
//! [`FileProblem`] saying how many.
//! "Earlier" means earlier in the order the tables are given (files in the order chosen).
//!
//! Several years' exports loaded together repeat episodes and UASC rows. Across files (never
//! within one, where MEASURES.md section 5 keeps every row) these are resolved, and every row
//! dropped is a rejection naming the row it repeats, so `rows_read = rows_used +
//! rows_rejected` still holds:
//! * episodes with the same `CHILD` and `DECOM`: an identical later row is a duplicate; a
//!   differing one (say `DEC` filled in since) is a version, and the later export's version is
//!   used, the other rejected (even when it was read first);
//! * UASC rows of the same `CHILD`: identical = duplicate; of two differing rows the one with
//!   a `DUC` wins (only a later export can add the date UASC status ceased), and of two with
//!   `DUC`s the later export's (a UASC table alone holds no date to tell exports apart);
//! * reviews and header rows: already one per (`CHILD`, `REVIEW`) and per `CHILD` above.
//!
//! "Later export" = the file with the later latest `DECOM`, `DEC` or `REVIEW` date (its "as
//! at" day, [`Export`]); when either file has no such date (a UASC table alone) or both
//! have the same, the file given later. Each sheet of a workbook counts as a file of its
//! own. A second table of a kind under a name already seen is taken for another file, so two
//! exports whose files share names are still told apart (messages are clearer with distinct
//! names: the CLI adds the folder when two files share one).

mod local_rows;

use std::borrow::Cow;

use super::code::{Code, CodeList, FastMap, FastSet};
use super::codes;
use super::dates::parse_date;
use super::tables::at;
use super::texts::Texts;
use super::{
    quoted, shorten, CareLeaver, ChildIdx, Dataset, Date, Episode, EpisodeDetails, Export,
    FileProblem, Header, InputAccount, MissingEpisode, PackedDistance, Position, RawRow, RawTable,
    RecordedDistance, Review, RowIssue, Severity, Sex, TableKind, Text, Uasc,
};

/// The most rejected rows and warnings listed one by one ([`Dataset::issues`]), all files
/// together: far more than a real export has (the synthetic export of all England has a few
/// thousand), and about 200 MB of memory once the report and its JSON list them too.
pub const MAX_LISTED: usize = 200_000;

/// Builds the dataset from every recognised table and the file-level problems the importers
/// found. Tables are processed in the order given.
pub fn build(tables: Vec<RawTable>, problems: Vec<FileProblem>) -> Dataset {
    build_listing(tables, problems, MAX_LISTED)
}

/// [`build`], listing at most `max_listed` rejected rows and warnings.
fn build_listing(tables: Vec<RawTable>, problems: Vec<FileProblem>, max_listed: usize) -> Dataset {
    let mut building = Building::listing(max_listed);
    building.add(tables, problems);
    building.finish()
}

/// The dataset built a file at a time, as the files are read, so that a file's raw table is
/// let go once its rows are typed rather than every file's being held until the last is read:
/// [`Building::add`] each file's tables in the order the files are given, then
/// [`Building::finish`]. The dataset is the one [`build`] gives from all the tables at once,
/// provided no two files given separately share a name (their tables could then belong to
/// one export, whose latest date must be known before any repeat across exports is judged:
/// give such files to one [`Building::add`]; the importers' loading loops do). A file's table
/// may also come a slice of rows at a time ([`Building::begin_slices`]), so that not even one
/// file's raw table is held whole.
pub struct Building {
    b: Builder,
    /// The importers' file-level problems, in the order the files came.
    problems: Vec<FileProblem>,
}

impl Default for Building {
    fn default() -> Self {
        Building::listing(MAX_LISTED)
    }
}

impl Building {
    /// A build listing at most `max_listed` rejected rows and warnings.
    fn listing(max_listed: usize) -> Self {
        Building {
            b: Builder {
                max_listed,
                ..Builder::default()
            },
            problems: Vec::new(),
        }
    }

    /// Builds the rows of `tables` (the tables of one file, or of several files together, in
    /// order) and notes the importers' `problems` with them.
    pub fn add(&mut self, tables: Vec<RawTable>, problems: Vec<FileProblem>) {
        self.problems.extend(problems);
        let b = &mut self.b;
        // A repeat across exports is judged by which export is the later (its latest date),
        // so when these tables hold episodes or UASC rows that can repeat an earlier table's,
        // the latest date of each of their files is read before any row is built. Otherwise
        // (one export: the usual case) each table's latest date is noted as its rows are
        // built, and its dates are read once.
        let mut episodes = b.episode_origins.tables_seen;
        let mut uasc = b.uasc_origins.tables_seen;
        let mut compared = false;
        for t in &tables {
            let seen = match t.kind {
                TableKind::Episodes => &mut episodes,
                TableKind::Uasc => &mut uasc,
                _ => continue,
            };
            compared |= *seen > 0;
            *seen += 1;
        }
        let files: Vec<usize> = tables
            .iter()
            .map(|t| b.export_of(t, compared.then(|| latest_date(t)).flatten()))
            .collect();
        for (table, file) in tables.into_iter().zip(files) {
            b.file = file;
            b.table(table, !compared);
        }
    }

    /// Begins building a table whose rows will come a slice at a time, so that a big file's
    /// raw table is never held whole: `head` gives the table's kind, names and columns (any
    /// rows in it are not read: give them to [`Building::add_slice`]), and `rows` is about how
    /// many rows it has, to make room for them at once (more may come, at the cost of the room
    /// growing as they do; an overestimate costs the room). Each slice holds the rows after
    /// the last slice's, with their row numbers in the file, and the dataset (its rows,
    /// rejections and messages) is the one [`Building::add`] gives with the whole table.
    ///
    /// A repeat across exports is judged by which export is the later, so when
    /// [`Building::latest_first`] says so (episodes, when an earlier file held episodes too)
    /// the table's latest date must be read from all its rows before the first is built, and
    /// given as `read_first`; else `read_first` is not needed (and not used). The table is
    /// taken for the whole of one file, as [`Building::add`] takes a file's table given alone.
    ///
    /// `None` when the table must be given whole to [`Building::add`] instead: one whose
    /// latest date was needed and not given.
    pub fn begin_slices(
        &mut self,
        head: &RawTable,
        rows: usize,
        read_first: Option<LatestRead>,
    ) -> Option<TableInSlices> {
        let b = &mut self.b;
        let open = if b.latest_first(head.kind) {
            b.file = b.export_of(head, read_first?.0);
            b.begin(head, rows, false)
        } else {
            b.file = b.export_of(head, None);
            b.begin(head, rows, true)
        };
        Some(TableInSlices(open))
    }

    /// Whether a table of `kind`, given next to [`Building::begin_slices`], needs its latest
    /// date read first ([`LatestRead`]).
    pub fn latest_first(&self, kind: TableKind) -> bool {
        self.b.latest_first(kind)
    }

    /// Builds the next slice of rows of `table` ([`Building::begin_slices`]); `slice` is the
    /// table's kind with the same columns, holding the rows after the last slice's.
    pub fn add_slice(&mut self, table: &mut TableInSlices, slice: &RawTable) {
        self.b.rows(&mut table.0, slice);
    }

    /// Builds `row`, the next row of `table` ([`Building::begin_slices`]), not held in a
    /// slice ([`RawRow::in_record`]); `head` is the table's kind with the same columns.
    pub fn add_row(&mut self, table: &mut TableInSlices, head: &RawTable, row: &RawRow) {
        self.b.row(&mut table.0, head, row);
    }

    /// `table` has had all its rows ([`Building::begin_slices`]).
    pub fn end_slices(&mut self, table: TableInSlices) {
        self.b.end(table.0);
    }

    /// The dataset, once every file's tables are added.
    pub fn finish(self) -> Dataset {
        let mut b = self.b;
        b.data.problems = self.problems;
        for (file, rejected, warnings) in std::mem::take(&mut b.unlisted) {
            let count = |n: u64, one: &str, many: &str| match n {
                0 => None,
                1 => Some(format!("1 {one}")),
                n => Some(format!("{} {many}", crate::charts::group_thousands(n))),
            };
            let what: Vec<String> = [
                count(rejected, "more rejected row", "more rejected rows"),
                count(warnings, "more warning", "more warnings"),
            ]
            .into_iter()
            .flatten()
            .collect();
            b.data.problems.push(FileProblem {
                message: format!(
                    "\"{file}\" has {} than are listed: Careboard lists the first {} rejected \
                     rows and warnings of all the files together, and counts the rest in its \
                     figures of rows used and rejected. So many problems suggest it is not the \
                     export you meant.",
                    what.join(" and "),
                    crate::charts::group_thousands(b.max_listed as u64)
                ),
                file,
            });
        }
        b.data
    }
}

/// An index of a list of texts each held once (the children's IDs, the long texts): the
/// place of each in the list, found by the text in the list itself, not held a second time
/// (300,000 allocations and 12 MB of the build's peak at England scale, for the IDs).
#[derive(Default)]
struct Places(hashbrown::HashTable<u32>);

impl Places {
    /// The place of `text` in `list`, pushed at its end when not there yet; `true` when it was.
    fn find_or_push(&mut self, list: &mut Texts, text: &str) -> (u32, bool) {
        let hash = Places::hash(text);
        if let Some(&i) = self.0.find(hash, |&i| &list[i as usize] == text) {
            return (i, false);
        }
        let i = list.len() as u32;
        list.push(text);
        self.0
            .insert_unique(hash, i, |&j| Places::hash(&list[j as usize]));
        (i, true)
    }

    fn hash(text: &str) -> u64 {
        use std::hash::BuildHasher;
        std::hash::BuildHasherDefault::<super::code::FxHasher>::default().hash_one(text)
    }
}

/// The columns whose dates make a table's file's latest date ([`Export::latest`]).
fn latest_columns(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::Episodes => &["DECOM", "DEC"],
        TableKind::Reviews => &["REVIEW"],
        _ => &[],
    }
}

/// A table's latest date, read from all its rows (the latest of [`latest_date`] of each slice)
/// before any is built, for [`Building::begin_slices`].
#[derive(Clone, Copy, Debug)]
pub struct LatestRead(pub Option<Date>);

/// The latest of the dates in `t`'s rows that make its file's latest date ([`Export::latest`]):
/// `DECOM` and `DEC` for episodes, `REVIEW` for reviews; `None` for other tables.
pub fn latest_date(t: &RawTable) -> Option<Date> {
    let columns = latest_columns(t.kind);
    if columns.is_empty() {
        return None;
    }
    t.rows().filter_map(|r| latest_of(&r, columns)).max()
}

/// The latest date in `columns` of `row`, if any is a date.
fn latest_of(row: &RawRow, columns: &[&str]) -> Option<Date> {
    columns
        .iter()
        .filter_map(|c| parse_date(row.get(c)).ok())
        .max()
}

/// Where the rows in use of one kind (episodes, UASC) came from, kept while only one table of
/// the kind has been read: should another come, its rows may repeat these, and from then on
/// the rows in use are indexed by key ([`Builder::episode_seen`], [`Builder::uasc_seen`]).
/// With one table of a kind (a single export) no row can repeat another's across exports, so
/// nothing is indexed: this note costs a number a row.
#[derive(Default)]
struct Origins {
    /// How many tables of the kind have been added.
    tables_seen: usize,
    /// The first table's file (index in `data.exports`), account and position.
    first: Option<(usize, usize, Position)>,
    /// Per row in use from the first table: its row number in its file.
    rows: Vec<u32>,
}

impl Origins {
    /// A table of the kind begins, in `file` with `account`: whether it is the second, so that
    /// repeats are tracked from now on.
    fn begin(&mut self, (file, account, position): (usize, usize, Position)) -> bool {
        self.tables_seen += 1;
        if self.tables_seen == 1 {
            self.first = Some((file, account, position));
        }
        self.tables_seen == 2
    }

    /// Whether a second table of the kind has been added, so repeats across files are tracked.
    fn tracking(&self) -> bool {
        self.tables_seen > 1
    }

    /// Where each row in use came from, as [`Seen`], in order; the notes are let go.
    fn take(&mut self, table: TableKind) -> Vec<Seen> {
        let rows = std::mem::take(&mut self.rows);
        let Some((file, account, position)) = self.first else {
            return Vec::new();
        };
        rows.into_iter()
            .enumerate()
            .map(|(index, row)| Seen {
                index,
                file,
                account,
                table,
                position,
                row,
            })
            .collect()
    }
}

#[derive(Default)]
struct Builder {
    data: Dataset,
    /// Every child's place in [`Dataset::children`].
    child_index: Places,
    /// Every text's place in [`Dataset::texts`].
    text_index: Places,
    /// The child of the latest [`Builder::child`] call.
    last_child: Option<ChildIdx>,
    /// Per child (by index), where its header row in use is, for the message rejecting a
    /// repeat: a row's file by number, not its name copied (a String per header row).
    header_rows: Vec<Option<RowAt>>,
    /// The OC3 row in use per child: where it is, for the message rejecting a repeat.
    care_leaver_rows: Vec<Option<RowAt>>,
    /// The first row of each IRO in the IROs table: where it is.
    iro_rows: FastMap<String, (String, Position, u32)>,
    /// The (`CHILD`, `REVIEW`) pairs used, for rejecting a repeat.
    review_dates: ReviewDates,
    /// Episodes by (child, DECOM) and UASC rows by child: the row in use, for resolving
    /// repeats across exports.
    episode_seen: FastMap<(ChildIdx, Date), Seen>,
    uasc_seen: FastMap<ChildIdx, Seen>,
    /// Where the episodes and UASC rows in use came from, while one table of each has been
    /// added; from the second, repeats across files are tracked ([`Origins::tracking`]).
    episode_origins: Origins,
    uasc_origins: Origins,
    /// Per file (as `data.exports`), the kinds of table it holds.
    export_kinds: Vec<Vec<TableKind>>,
    /// The latest date of the table being built ([`latest_columns`]), when it is noted as
    /// its rows are built.
    latest: Option<Date>,
    /// How many rejected rows and warnings are listed ([`MAX_LISTED`]).
    max_listed: usize,
    /// Per file, in order: rejected rows and warnings past `max_listed`, counted only.
    unlisted: Vec<(String, u64, u64)>,
    /// The table being read: its file's position in `data.exports` and its account's
    /// position in `data.inputs`.
    file: usize,
    account: usize,
}

/// The review dates used per child, for rejecting a repeat of (`CHILD`, `REVIEW`).
///
/// A set of every pair cost a cache miss per row at England scale (two million reviews):
/// instead each child's reviews are chained, latest first, through their indices in
/// [`Dataset::reviews`], and a new one is checked against the chain. A child's few reviews a
/// year are listed together, so the chain is still in the cache. A child with more than
/// [`ReviewDates::CHAINED`] reviews has its dates moved to a set, so that no long history is
/// walked row after row.
#[derive(Default)]
struct ReviewDates {
    /// Per child: its latest review, [`ReviewDates::NONE`], or [`ReviewDates::IN_SET`].
    latest: Vec<u32>,
    /// Per review (as [`Dataset::reviews`]): the child's review before it, or `NONE`.
    earlier: Vec<u32>,
    /// The dates of the children with many reviews.
    many: FastSet<(ChildIdx, Date)>,
}

impl ReviewDates {
    const NONE: u32 = u32::MAX;
    const IN_SET: u32 = u32::MAX - 1;
    const CHAINED: usize = 32;

    fn reserve(&mut self, rows: usize) {
        self.earlier.reserve_exact(rows);
    }

    /// Whether `child` has no review on `date` yet among `reviews`; if so it is recorded as
    /// the review about to be pushed onto `reviews`.
    fn insert(&mut self, reviews: &[Review], child: ChildIdx, date: Date) -> bool {
        let c = child as usize;
        if self.latest.len() <= c {
            self.latest.resize(c + 1, Self::NONE);
        }
        let index = reviews.len() as u32;
        let latest = self.latest[c];
        if latest == Self::IN_SET {
            let new = self.many.insert((child, date));
            if new {
                self.earlier.push(Self::NONE);
            }
            return new;
        }
        let mut chained = 0;
        let mut i = latest;
        while i != Self::NONE {
            if reviews[i as usize].date == date {
                return false;
            }
            chained += 1;
            i = self.earlier[i as usize];
        }
        if chained < Self::CHAINED {
            self.earlier.push(latest);
            self.latest[c] = index;
            return true;
        }
        let mut i = latest;
        while i != Self::NONE {
            self.many.insert((child, reviews[i as usize].date));
            i = self.earlier[i as usize];
        }
        self.many.insert((child, date));
        self.earlier.push(Self::NONE);
        self.latest[c] = Self::IN_SET;
        true
    }
}

/// Where a row is: its file (index in `data.exports`, which holds the name) and place there.
#[derive(Clone, Copy, Debug)]
struct RowAt {
    file: usize,
    position: Position,
    row: u32,
}

/// The entry of `child` in a per-child list, grown to hold it.
fn of_child(rows: &mut Vec<Option<RowAt>>, child: ChildIdx) -> &mut Option<RowAt> {
    let c = child as usize;
    if rows.len() <= c {
        rows.resize(c + 1, None);
    }
    &mut rows[c]
}

/// Where a row in use came from, so that a later export's version can replace it.
#[derive(Clone, Copy, Debug)]
struct Seen {
    /// Index in `data.episodes` or `data.uasc`.
    index: usize,
    /// Index in `data.exports` (which holds the file's name).
    file: usize,
    account: usize,
    table: TableKind,
    position: Position,
    row: u32,
}

/// What to do with a row whose key was seen in another file.
enum Repeat {
    /// First of its key, or a repeat within the same file: use it.
    New,
    /// Identical to the row in use, or an older export's version: reject it.
    Drop(String),
    /// A later export's version: use it in place of the one in use.
    Replace(Seen),
}

/// A table whose rows are being built: what [`Builder::begin`] sets up for
/// [`Builder::rows`] and [`Builder::end`].
struct Open {
    /// Its rows read, used and rejected so far.
    account: InputAccount,
    has_distance: bool,
    /// Where its `CHILD` column is among its canonical columns.
    child_at: Option<usize>,
    /// Whether its latest date is noted as its rows are built (else it was read before).
    note_latest: bool,
}

/// A table being built a slice of rows at a time ([`Building::begin_slices`]).
#[must_use = "a table begun must be ended (Building::end_slices), or its account is lost"]
pub struct TableInSlices(Open);

/// What became of one row.
enum Outcome {
    Used,
    Rejected {
        column: &'static str,
        reason: String,
    },
}

impl Builder {
    /// Where an episode's start and end dates are.
    const EPISODE_SPAN: (usize, usize) = (at!(Episodes, "DECOM"), at!(Episodes, "DEC"));

    /// A text of an episode's details, upper-cased or not: inline when it fits, else its
    /// place in [`Dataset::texts`], the text added when new.
    fn text(&mut self, text: &str, upper: bool) -> Text {
        if let Some(inline) = Text::inline(text, upper) {
            return inline;
        }
        let text = if upper {
            Cow::Owned(text.to_ascii_uppercase())
        } else {
            Cow::Borrowed(text)
        };
        let (i, _) = self.text_index.find_or_push(&mut self.data.texts, &text);
        Text::held(i)
    }

    fn child(&mut self, id: &str) -> ChildIdx {
        // A child's rows follow one another in an export, and an export's tables list its
        // children in the same order: the map (a cache miss or two a lookup at England
        // scale, where it holds 300,000 children) is asked only when the ID is neither the
        // last row's child nor the child first seen after that one.
        if let Some(last) = self.last_child {
            for guess in [last, last + 1] {
                if self
                    .data
                    .children
                    .get(guess as usize)
                    .is_some_and(|c| c == id)
                {
                    self.last_child = Some(guess);
                    return guess;
                }
            }
        }
        let (i, new) = self.child_index.find_or_push(&mut self.data.children, id);
        if new {
            self.data.headers.push(None);
        }
        self.last_child = Some(i);
        i
    }

    fn issue(
        &mut self,
        t: &RawTable,
        row: &RawRow,
        severity: Severity,
        column: &str,
        reason: String,
    ) {
        self.list(RowIssue {
            severity,
            file: t.file.clone(),
            source: t.source.clone(),
            table: t.kind,
            position: t.position,
            row: row.number(),
            column: column.to_string(),
            reason,
        });
    }

    /// Lists an issue, or past [`MAX_LISTED`] counts it against its file.
    fn list(&mut self, issue: RowIssue) {
        if self.data.issues.len() < self.max_listed {
            self.data.issues.push(issue);
            return;
        }
        let i = match self.unlisted.iter().position(|(f, _, _)| *f == issue.file) {
            Some(i) => i,
            None => {
                self.unlisted.push((issue.file.clone(), 0, 0));
                self.unlisted.len() - 1
            }
        };
        match issue.severity {
            Severity::Rejected => self.unlisted[i].1 += 1,
            Severity::Warning => self.unlisted[i].2 += 1,
        }
    }

    /// The code in column `at` ([`at!`]), upper-cased; a warning when it is not one of `list`.
    fn warn_unknown(
        &mut self,
        t: &RawTable,
        row: &RawRow,
        at: usize,
        list: &CodeList,
        what: &str,
    ) -> Code {
        let column = row.column(at);
        let code = Code::upper(row.cell(at));
        if !(code.is_empty() || code.is_in(list)) {
            self.issue(
                t,
                row,
                Severity::Warning,
                column,
                format!(
                    "{} is not a known {what} code; it is counted as unknown",
                    quoted(code.as_str())
                ),
            );
        }
        code
    }

    /// [`Builder::warn_unknown`], the code as a [`Text`]: a known code (or a blank) is
    /// looked for as a word, with no [`Code`] made.
    fn code_text(
        &mut self,
        t: &RawTable,
        row: &RawRow,
        at: usize,
        list: &CodeList,
        what: &str,
    ) -> Text {
        let known = Text::inline(row.cell(at), true).filter(|c| c.is_empty() || c.is_in(list));
        if let Some(code) = known {
            return code;
        }
        let code = self.warn_unknown(t, row, at, list, what);
        self.text(code.as_str(), false)
    }

    fn seen_here(&self, t: &RawTable, row: &RawRow, index: usize) -> Seen {
        Seen {
            index,
            file: self.file,
            account: self.account,
            table: t.kind,
            position: t.position,
            row: row.number(),
        }
    }

    /// `2024/episodes.csv, row 5`.
    fn describe(&self, seen: &Seen) -> String {
        self.describe_at(RowAt {
            file: seen.file,
            position: seen.position,
            row: seen.row,
        })
    }

    /// [`Builder::describe`] of a [`RowAt`].
    fn describe_at(&self, at: RowAt) -> String {
        let source = self
            .data
            .exports
            .get(at.file)
            .map_or("", |e| e.source.as_str());
        format!("{source}, {}", at.position.at(at.row))
    }

    /// Where `row` of the table being read is.
    fn row_at(&self, t: &RawTable, row: &RawRow) -> RowAt {
        RowAt {
            file: self.file,
            position: t.position,
            row: row.number(),
        }
    }

    /// How a row relates to the row in use with the same key (`seen`), `same` telling whether
    /// the two are identical and `prefer` whether this row must win (`Some(true)`) or lose
    /// (`Some(false)`) whatever the exports' order. See the module notes for the rules.
    fn repeat(&self, seen: Option<&Seen>, same: bool, prefer: Option<bool>, what: &str) -> Repeat {
        let Some(seen) = seen.filter(|s| s.file != self.file) else {
            return Repeat::New;
        };
        if same {
            return Repeat::Drop(format!(
                "the same {what} as {} (another export loaded with this one); counted once",
                self.describe(seen)
            ));
        }
        let exports = &self.data.exports;
        let later = match (exports.get(self.file), exports.get(seen.file)) {
            (Some(here), Some(there)) => here.is_later_than(self.file, there, seen.file),
            _ => false,
        };
        match prefer.unwrap_or(later) {
            true => Repeat::Replace(*seen),
            false => Repeat::Drop(format!(
                "an older version of the {what} in {}, which is used instead",
                self.describe(seen)
            )),
        }
    }

    /// The row in use (`old`) gives way to the current one: it becomes a rejection.
    fn supersede(&mut self, old: &Seen, t: &RawTable, row: &RawRow, column: &str, what: &str) {
        if let Some(account) = self.data.inputs.get_mut(old.account) {
            account.rows_used -= 1;
            account.rows_rejected += 1;
        }
        let (file, source) = self
            .data
            .exports
            .get(old.file)
            .map(|e| (e.file.clone(), e.source.clone()))
            .unwrap_or_default();
        self.list(RowIssue {
            severity: Severity::Rejected,
            file,
            source,
            table: old.table,
            position: old.position,
            row: old.row,
            column: column.to_string(),
            reason: format!(
                "replaced by the newer version of this {what} in {}, {}",
                t.source,
                t.position.at(row.number())
            ),
        });
    }

    /// Whether a table of `kind`, given alone, has its latest date read before its rows are
    /// built ([`Building::add`]): when it has dates that make its file's latest date and an
    /// earlier table of the kind may hold rows it repeats.
    fn latest_first(&self, kind: TableKind) -> bool {
        let seen = match kind {
            TableKind::Episodes => self.episode_origins.tables_seen,
            TableKind::Uasc => self.uasc_origins.tables_seen,
            _ => 0,
        };
        seen > 0 && !latest_columns(kind).is_empty()
    }

    /// The file (index in `data.exports`) of table `t`, added when new, with `t`'s `latest`
    /// date when it was read before its rows are built (else [`Builder::end`] notes it).
    fn export_of(&mut self, t: &RawTable, latest: Option<Date>) -> usize {
        let exports = &mut self.data.exports;
        let found = (0..exports.len())
            .find(|&i| exports[i].source == t.source && !self.export_kinds[i].contains(&t.kind));
        let i = match found {
            Some(i) => {
                exports[i].latest = exports[i].latest.max(latest);
                i
            }
            None => {
                exports.push(Export {
                    file: t.file.clone(),
                    source: t.source.clone(),
                    latest,
                });
                self.export_kinds.push(Vec::new());
                exports.len() - 1
            }
        };
        self.export_kinds[i].push(t.kind);
        i
    }

    /// Repeats across files of `kind` (episodes or UASC) are tracked from now on: the rows in
    /// use are indexed by key, (`CHILD`, `DECOM`) or `CHILD`, the first of each key kept, as
    /// if tracked from the start.
    fn track_repeats(&mut self, kind: TableKind) {
        if kind == TableKind::Episodes {
            for seen in self.episode_origins.take(kind) {
                let e = &self.data.episodes[seen.index];
                self.episode_seen.entry((e.child, e.decom)).or_insert(seen);
            }
        } else {
            for seen in self.uasc_origins.take(kind) {
                let child = self.data.uasc[seen.index].child;
                self.uasc_seen.entry(child).or_insert(seen);
            }
        }
    }

    /// Builds the rows of `t`, of the file `self.file`; with `note_latest`, its latest date
    /// ([`latest_columns`]) is noted as they are built and added to its file's.
    fn table(&mut self, t: RawTable, note_latest: bool) {
        let mut open = self.begin(&t, t.len(), note_latest);
        self.rows(&mut open, &t);
        self.end(open);
    }

    /// A table of the file `self.file` begins: `t` gives its kind, names and columns (its rows
    /// are not read), and `rows` is about how many rows it has, to make room for them at
    /// once. Its rows are then given to [`Builder::rows`] (all at once or a slice at a time),
    /// and [`Builder::end`] closes it.
    fn begin(&mut self, t: &RawTable, rows: usize, note_latest: bool) -> Open {
        let note_latest = note_latest && !latest_columns(t.kind).is_empty();
        self.latest = None;
        let account = InputAccount {
            file: t.file.clone(),
            source: t.source.clone(),
            table: t.kind,
            rows_read: 0,
            rows_used: 0,
            rows_rejected: 0,
        };
        let has_distance = t.has_column("PL_DISTANCE");
        self.account = self.data.inputs.len();
        let here = (self.file, self.account, t.position);
        let second = match t.kind {
            TableKind::Episodes => self.episode_origins.begin(here),
            TableKind::Uasc => self.uasc_origins.begin(here),
            _ => false,
        };
        if second {
            self.track_repeats(t.kind);
        }
        // A table recognised is loaded, even when every row is rejected: its figures are then
        // zeros, not unknown.
        match t.kind {
            TableKind::Missing => {
                self.data.missing.get_or_insert_with(Vec::new);
            }
            TableKind::Oc3 => {
                self.data.care_leavers.get_or_insert_with(Vec::new);
            }
            _ => {}
        }
        self.mark_loaded(t.kind);
        // Room for every row at once: grown by doubling, the episodes of all England would
        // hold twice their size while being copied, and up to half of it unused after.
        match t.kind {
            TableKind::Episodes => {
                self.data.episodes.reserve_exact(rows);
                self.data.episode_details.reserve_exact(rows);
            }
            TableKind::Reviews => {
                self.data.reviews.reserve_exact(rows);
                self.review_dates.reserve(rows);
            }
            TableKind::Missing => {
                if let Some(missing) = self.data.missing.as_mut() {
                    missing.reserve_exact(rows);
                }
            }
            _ => {}
        }
        Open {
            account,
            has_distance,
            child_at: t.kind.column_index("CHILD"),
            note_latest,
        }
    }

    /// Builds the rows of `t`, the whole table [`Builder::begin`] opened as `open` or the next
    /// slice of its rows (whose row numbers are the file's, so that messages are the same
    /// whichever way the rows come).
    fn rows(&mut self, open: &mut Open, t: &RawTable) {
        for row in t.rows() {
            self.row(open, t, &row);
        }
    }

    /// Builds `row`, the next row of the table [`Builder::begin`] opened as `open`, of which
    /// `t` gives the kind, names and columns (it need not hold the row).
    fn row(&mut self, open: &mut Open, t: &RawTable, row: &RawRow) {
        let account = &mut open.account;
        account.rows_read += 1;
        if let Some((column, reason)) = row.unreadable() {
            account.rows_rejected += 1;
            self.issue(t, row, Severity::Rejected, column, reason.to_string());
            return;
        }
        let child_at = open.child_at;
        let outcome = if let Some(column) = nul_column(t, row) {
            self.latest = self.latest.max(latest_of(row, latest_columns(t.kind)));
            Outcome::Rejected {
                column,
                reason: "the row holds a NUL character (a zero byte), which no export writes: \
                         the file may be damaged, so check this row in the system it came from"
                    .into(),
            }
        } else if t.kind.needs_child() && child_at.is_some_and(|i| row.cell(i).is_empty()) {
            self.latest = self.latest.max(latest_of(row, latest_columns(t.kind)));
            Outcome::Rejected {
                column: "CHILD",
                reason: "the child's ID is blank".into(),
            }
        } else {
            match t.kind {
                TableKind::Header => self.header(t, row),
                TableKind::Episodes => self.episode(t, row, open.has_distance),
                TableKind::Reviews => self.review(t, row),
                TableKind::Uasc => self.uasc(t, row),
                TableKind::Missing => self.missing(t, row),
                TableKind::Oc3 => self.care_leaver(t, row),
                k if k.is_local() || k == TableKind::Dolo => self.local_row(t, row),
                _ => {
                    self.child(child_at.map_or("", |i| row.cell(i)));
                    Outcome::Used
                }
            }
        };
        let account = &mut open.account;
        match outcome {
            Outcome::Used => account.rows_used += 1,
            Outcome::Rejected { column, reason } => {
                account.rows_rejected += 1;
                self.issue(t, row, Severity::Rejected, column, reason);
            }
        }
    }

    /// The table [`Builder::begin`] opened as `open` has had all its rows: its account is
    /// added, and its latest date, when noted, to its file's.
    fn end(&mut self, open: Open) {
        // The room made in `begin` was for about as many rows as the file has lines (estimated,
        // for a file read in pieces): what its rows left over is given back, in place.
        match open.account.table {
            TableKind::Episodes => {
                self.data.episodes.shrink_to_fit();
                self.data.episode_details.shrink_to_fit();
            }
            TableKind::Reviews => self.data.reviews.shrink_to_fit(),
            TableKind::Missing => {
                if let Some(missing) = self.data.missing.as_mut() {
                    missing.shrink_to_fit();
                }
            }
            _ => {}
        }
        self.data.inputs.push(open.account);
        if open.note_latest {
            let export = &mut self.data.exports[self.file];
            export.latest = export.latest.max(self.latest);
        }
    }

    fn header(&mut self, t: &RawTable, row: &RawRow) -> Outcome {
        let id = row.cell(at!(Header, "CHILD"));
        let child = self.child(id);
        if let Some(first) = *of_child(&mut self.header_rows, child) {
            return Outcome::Rejected {
                column: "CHILD",
                reason: format!(
                    "child {} already has a header row ({}); only the first is used",
                    shorten(id, super::QUOTED_CHARACTERS),
                    self.describe_at(first)
                ),
            };
        }
        *of_child(&mut self.header_rows, child) = Some(self.row_at(t, row));
        let dob_text = row.cell(at!(Header, "DOB"));
        let dob = match parse_date(dob_text) {
            Ok(d) => Some(d),
            Err(e) => {
                let reason = if dob_text.is_empty() {
                    "the date of birth is blank, so the child's age is unknown".to_string()
                } else {
                    format!(
                        "{}; the child's age is counted as unknown",
                        e.reason(dob_text)
                    )
                };
                self.issue(t, row, Severity::Warning, "DOB", reason);
                None
            }
        };
        self.warn_unknown(t, row, at!(Header, "SEX"), &codes::SEX, "sex");
        let ethnic = self.warn_unknown(t, row, at!(Header, "ETHNIC"), &codes::ETHNIC, "ethnicity");
        self.data.headers[child as usize] = Some(Header {
            child,
            sex: Sex::from_code(row.cell(at!(Header, "SEX"))),
            dob,
            ethnic,
        });
        Outcome::Used
    }

    fn episode(&mut self, t: &RawTable, row: &RawRow, has_distance: bool) -> Outcome {
        let blank = "the episode's start date is blank";
        let (decom, dec) = match span(row, Self::EPISODE_SPAN, blank, &mut self.latest) {
            Ok(span) => span,
            Err(rejected) => return rejected,
        };
        if dec == Some(decom) {
            self.issue(
                t,
                row,
                Severity::Warning,
                "DEC",
                "the episode starts and ends on the same day, so it covers no day of care".into(),
            );
        }
        let pl_distance = if has_distance {
            match row.cell(at!(Episodes, "PL_DISTANCE")).parse::<f64>() {
                Ok(m) if m.is_finite() && m >= 0.0 && (m - 999.9).abs() > 1e-9 => {
                    RecordedDistance::Miles(m)
                }
                _ => RecordedDistance::NotKnown,
            }
        } else {
            RecordedDistance::Absent
        };
        let child = self.child(row.cell(at!(Episodes, "CHILD")));
        let episode = Episode {
            child,
            decom,
            dec,
            rne: self.code_text(
                t,
                row,
                at!(Episodes, "RNE"),
                &codes::REASON_NEW_EPISODE,
                "reason for new episode",
            ),
            ls: self.code_text(
                t,
                row,
                at!(Episodes, "LS"),
                &codes::LEGAL_STATUS,
                "legal status",
            ),
            place: self.code_text(
                t,
                row,
                at!(Episodes, "PLACE"),
                &codes::PLACEMENT,
                "placement type",
            ),
            rec: self.code_text(
                t,
                row,
                at!(Episodes, "REC"),
                &codes::REASON_CEASED,
                "reason episode ceased",
            ),
        };
        let details = EpisodeDetails {
            home_post: self.text(row.cell(at!(Episodes, "HOME_POST")), false),
            pl_post: self.text(row.cell(at!(Episodes, "PL_POST")), false),
            pl_la: self.text(row.cell(at!(Episodes, "PL_LA")), true),
            pl_distance: PackedDistance::new(pl_distance),
            unread: EpisodeDetails::unread(
                row.cell(at!(Episodes, "CIN")),
                row.cell(at!(Episodes, "PLACE_PROVIDER")),
                row.cell(at!(Episodes, "REASON_PLACE_CHANGE")),
                row.cell(at!(Episodes, "URN")),
            ),
        };
        if !self.episode_origins.tracking() {
            self.data.episodes.push(episode);
            self.data.episode_details.push(details);
            self.episode_origins.rows.push(row.number());
            return Outcome::Used;
        }
        let key = (child, decom);
        let seen = self.episode_seen.get(&key);
        let same = seen.is_some_and(|s| {
            self.data.episodes[s.index] == episode && self.data.episode_details[s.index] == details
        });
        match self.repeat(seen, same, None, "episode") {
            Repeat::New => {
                let index = self.data.episodes.len();
                self.data.episodes.push(episode);
                self.data.episode_details.push(details);
                let here = self.seen_here(t, row, index);
                self.episode_seen.entry(key).or_insert(here);
            }
            Repeat::Drop(reason) => {
                return Outcome::Rejected {
                    column: "DECOM",
                    reason,
                }
            }
            Repeat::Replace(old) => {
                self.data.episodes[old.index] = episode;
                self.data.episode_details[old.index] = details;
                self.supersede(&old, t, row, "DECOM", "episode");
                let here = self.seen_here(t, row, old.index);
                self.episode_seen.insert(key, here);
            }
        }
        Outcome::Used
    }

    fn review(&mut self, t: &RawTable, row: &RawRow) -> Outcome {
        let text = row.cell(at!(Reviews, "REVIEW"));
        let date = match parse_date(text) {
            Ok(d) => {
                self.latest = self.latest.max(Some(d));
                d
            }
            Err(_) if text.is_empty() => {
                return Outcome::Rejected {
                    column: "REVIEW",
                    reason: "the review date is blank".into(),
                }
            }
            Err(e) => {
                return Outcome::Rejected {
                    column: "REVIEW",
                    reason: e.reason(text),
                }
            }
        };
        let id = row.cell(at!(Reviews, "CHILD"));
        let child = self.child(id);
        if !self.review_dates.insert(&self.data.reviews, child, date) {
            return Outcome::Rejected {
                column: "REVIEW",
                reason: format!(
                    "child {} already has a review on {text}; a repeated review is counted once",
                    shorten(id, super::QUOTED_CHARACTERS)
                ),
            };
        }
        let code = self.code_text(
            t,
            row,
            at!(Reviews, "REVIEW_CODE"),
            &codes::PARTICIPATION,
            "participation",
        );
        self.data.reviews.push(Review { child, date, code });
        Outcome::Used
    }

    fn uasc(&mut self, t: &RawTable, row: &RawRow) -> Outcome {
        let text = row.cell(at!(Uasc, "DUC"));
        let duc = if text.is_empty() {
            None
        } else {
            match parse_date(text) {
                Ok(d) => Some(d),
                Err(e) => {
                    return Outcome::Rejected {
                        column: "DUC",
                        reason: e.reason(text),
                    }
                }
            }
        };
        let child = self.child(row.cell(at!(Uasc, "CHILD")));
        let uasc = Uasc { child, duc };
        if !self.uasc_origins.tracking() {
            self.data.uasc.push(uasc);
            self.uasc_origins.rows.push(row.number());
            return Outcome::Used;
        }
        let seen = self.uasc_seen.get(&child);
        let in_use = seen.map(|s| &self.data.uasc[s.index]);
        let same = in_use.is_some_and(|u| *u == uasc);
        let prefer = in_use.and_then(|u| match (u.duc, uasc.duc) {
            (None, Some(_)) => Some(true),
            (Some(_), None) => Some(false),
            _ => None,
        });
        match self.repeat(seen, same, prefer, "UASC row") {
            Repeat::New => {
                let index = self.data.uasc.len();
                self.data.uasc.push(uasc);
                let here = self.seen_here(t, row, index);
                self.uasc_seen.entry(child).or_insert(here);
            }
            Repeat::Drop(reason) => {
                return Outcome::Rejected {
                    column: "CHILD",
                    reason,
                }
            }
            Repeat::Replace(old) => {
                self.data.uasc[old.index] = uasc;
                self.supersede(&old, t, row, "CHILD", "UASC row");
                let here = self.seen_here(t, row, old.index);
                self.uasc_seen.insert(child, here);
            }
        }
        Outcome::Used
    }

    fn missing(&mut self, t: &RawTable, row: &RawRow) -> Outcome {
        let span = span(
            row,
            (at!(Missing, "MIS_START"), at!(Missing, "MIS_END")),
            "the date the child went missing or away is blank",
            &mut None,
        );
        let (start, end) = match span {
            Ok(span) => span,
            Err(rejected) => return rejected,
        };
        let code = Code::upper(row.cell(at!(Missing, "MISSING")));
        if !code.is_in(&codes::MISSING) {
            let what = if code.is_empty() {
                "the missing code is blank".to_string()
            } else {
                format!("{} is not a known missing code", quoted(code.as_str()))
            };
            self.issue(
                t,
                row,
                Severity::Warning,
                "MISSING",
                format!(
                    "{what} (M missing, A away without authorisation); the row is counted as \
                     neither"
                ),
            );
        }
        let child = self.child(row.cell(at!(Missing, "CHILD")));
        if let Some(rows) = self.data.missing.as_mut() {
            rows.push(MissingEpisode {
                child,
                code,
                start,
                end,
            });
        }
        Outcome::Used
    }

    fn care_leaver(&mut self, t: &RawTable, row: &RawRow) -> Outcome {
        let id = row.cell(at!(Oc3, "CHILD"));
        let child = self.child(id);
        if let Some(first) = *of_child(&mut self.care_leaver_rows, child) {
            return Outcome::Rejected {
                column: "CHILD",
                reason: format!(
                    "a repeat of an earlier row for this child ({}); only the first is used",
                    self.describe_at(first)
                ),
            };
        }
        *of_child(&mut self.care_leaver_rows, child) = Some(self.row_at(t, row));
        let dob_text = row.cell(at!(Oc3, "DOB"));
        let dob = match parse_date(dob_text) {
            Ok(d) => Some(d),
            Err(e) => {
                let reason = if dob_text.is_empty() {
                    "the date of birth is blank, so the care leaver is counted in no age group"
                        .to_string()
                } else {
                    format!(
                        "{}; the care leaver is counted in no age group",
                        e.reason(dob_text)
                    )
                };
                self.issue(t, row, Severity::Warning, "DOB", reason);
                None
            }
        };
        let leaver = CareLeaver {
            child,
            dob,
            in_touch: self.warn_unknown(t, row, at!(Oc3, "IN_TOUCH"), &codes::IN_TOUCH, "in-touch"),
            activ: self.warn_unknown(t, row, at!(Oc3, "ACTIV"), &codes::ACTIVITY, "main activity"),
            accom: self.warn_unknown(
                t,
                row,
                at!(Oc3, "ACCOM"),
                &codes::ACCOMMODATION,
                "accommodation",
            ),
        };
        if let Some(rows) = self.data.care_leavers.as_mut() {
            rows.push(leaver);
        }
        Outcome::Used
    }
}

/// The first canonical column of the row holding a NUL character, if any.
fn nul_column(t: &RawTable, row: &RawRow) -> Option<&'static str> {
    if !row.text().as_bytes().contains(&0) {
        return None;
    }
    t.kind
        .columns()
        .iter()
        .enumerate()
        .find(|&(i, _)| row.cell(i).contains('\0'))
        .map(|(_, &c)| c)
}

/// An episode's start and end dates (`columns`): the start must be a date (`blank` says why
/// when it is empty), the end blank or a date not before the start; else the row's rejection.
/// Either date, when it is one, is noted in `latest` (if later), whatever becomes of the row.
fn span(
    row: &RawRow,
    (start_at, end_at): (usize, usize),
    blank: &str,
    latest: &mut Option<Date>,
) -> Result<(chrono::NaiveDate, Option<chrono::NaiveDate>), Outcome> {
    let (start_column, end_column) = (row.column(start_at), row.column(end_at));
    let start_text = row.cell(start_at);
    let end_text = row.cell(end_at);
    let start = parse_date(start_text);
    let end = (!end_text.is_empty()).then(|| parse_date(end_text));
    for d in [
        start.as_ref().ok(),
        end.as_ref().and_then(|e| e.as_ref().ok()),
    ] {
        *latest = (*latest).max(d.copied());
    }
    let start = match start {
        Ok(d) => d,
        Err(_) if start_text.is_empty() => {
            return Err(Outcome::Rejected {
                column: start_column,
                reason: blank.into(),
            })
        }
        Err(e) => {
            return Err(Outcome::Rejected {
                column: start_column,
                reason: e.reason(start_text),
            })
        }
    };
    match end {
        None => Ok((start, None)),
        Some(Ok(d)) if d < start => Err(Outcome::Rejected {
            column: end_column,
            reason: format!("the episode ends ({end_text}) before it starts ({start_text})"),
        }),
        Some(Ok(d)) => Ok((start, Some(d))),
        Some(Err(e)) => Err(Outcome::Rejected {
            column: end_column,
            reason: e.reason(end_text),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn table(kind: TableKind, rows: &[&[&str]]) -> RawTable {
        let mut t = RawTable::new(
            "f.csv",
            "f.csv",
            kind,
            Position::Row,
            vec![true; kind.columns().len()],
        );
        for (i, r) in rows.iter().enumerate() {
            t.push_row(i as u32 + 2, r.iter().copied());
        }
        t
    }

    #[test]
    fn a_table_is_built_in_slices_unless_a_second_exports_episodes() {
        let head = |kind: TableKind| table(kind, &[]);
        let mut building = Building::default();
        let sliced = |b: &mut Building, kind| match b.begin_slices(&head(kind), 0, None) {
            Some(open) => {
                b.end_slices(open);
                true
            }
            None => false,
        };
        // No figure uses the social worker episodes: their rows are counted, a slice at a time.
        assert!(sliced(&mut building, TableKind::SwEpisodes));
        assert!(sliced(&mut building, TableKind::Episodes));
        assert!(sliced(&mut building, TableKind::Uasc));
        // A second table of episodes waits for its file's latest date; a second of UASC rows
        // has no such date (of two differing rows, the one with a DUC wins, else the later).
        assert!(building.latest_first(TableKind::Episodes));
        assert!(!sliced(&mut building, TableKind::Episodes));
        assert!(!building.latest_first(TableKind::Uasc));
        assert!(sliced(&mut building, TableKind::Uasc));
        let read_first = Some(LatestRead(None));
        let second = building.begin_slices(&head(TableKind::Episodes), 0, read_first);
        assert!(second.is_some());
        second.into_iter().for_each(|t| building.end_slices(t));
        assert!(sliced(&mut building, TableKind::Reviews));
        assert!(sliced(&mut building, TableKind::Reviews));
    }

    #[test]
    fn a_table_listing_the_children_in_another_order_finds_each_child_again() {
        // Found by the guess (the child after the last one) or, out of order, by the map.
        let header = table(
            TableKind::Header,
            &[&["A", "1"], &["B", "2"], &["C", "1"], &["D", "2"]],
        );
        let uasc = table(
            TableKind::Uasc,
            &[&["B"], &["C"], &["A"], &["D"], &["C"], &["E"], &["B"]],
        );
        let d = build(vec![header, uasc], vec![]);
        assert_eq!(d.children, ["A", "B", "C", "D", "E"]);
        let uasc: Vec<ChildIdx> = d.uasc.iter().map(|u| u.child).collect();
        assert_eq!(uasc, [1, 2, 0, 3, 2, 4, 1]);
    }

    #[test]
    fn every_rejection_rule_of_section_5_with_its_row_and_column() {
        let episodes = table(
            TableKind::Episodes,
            &[
                &[
                    "A",
                    "01/04/2023",
                    "S",
                    "C2",
                    "N1",
                    "U4",
                    "PR1",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
                &[
                    "",
                    "01/04/2023",
                    "S",
                    "C2",
                    "N1",
                    "U4",
                    "PR1",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
                &[
                    "B", "", "S", "C2", "N1", "U4", "PR1", "", "", "", "", "", "",
                ],
                &[
                    "B",
                    "31/02/2023",
                    "S",
                    "C2",
                    "N1",
                    "U4",
                    "PR1",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
                &[
                    "B",
                    "01/04/2023",
                    "S",
                    "C2",
                    "N1",
                    "U4",
                    "PR1",
                    "1/4/23",
                    "E11",
                    "",
                    "",
                    "",
                    "",
                ],
                &[
                    "B",
                    "05/04/2023",
                    "S",
                    "C2",
                    "N1",
                    "U4",
                    "PR1",
                    "04/04/2023",
                    "E11",
                    "",
                    "",
                    "",
                    "",
                ],
            ],
        );
        let reviews = table(
            TableKind::Reviews,
            &[
                &["A", "", "10/04/2023", "PN1"],
                &["A", "", "2023-04-10", "PN2"],
                &["A", "", "", "PN1"],
            ],
        );
        let header = table(
            TableKind::Header,
            &[
                &["A", "1", "01/01/2010", "WBRI"],
                &["A", "2", "01/01/2011", "WBRI"],
                &["B", "M", "soon", "XXXX"],
            ],
        );
        let uasc = table(
            TableKind::Uasc,
            &[&["A", "1", "", "31/13/2024"], &["B", "1", "", ""]],
        );
        let d = build(vec![episodes, reviews, header, uasc], vec![]);
        let rejected: Vec<String> = d
            .rejections()
            .map(|i| format!("{}:{}:{}", i.table.name(), i.row, i.column))
            .collect();
        assert_eq!(
            rejected,
            [
                "episodes:3:CHILD",
                "episodes:4:DECOM",
                "episodes:5:DECOM",
                "episodes:6:DEC",
                "episodes:7:DEC",
                "reviews:3:REVIEW",
                "reviews:4:REVIEW",
                "header:3:CHILD",
                "uasc:2:DUC",
            ]
        );
        // 6 episode rows read: 1 used + 5 rejected; 3 reviews: 1 + 2; 3 headers: 2 + 1; 2 uasc: 1 + 1.
        let counts: Vec<(u64, u64, u64)> = d
            .inputs
            .iter()
            .map(|a| (a.rows_read, a.rows_used, a.rows_rejected))
            .collect();
        assert_eq!(counts, [(6, 1, 5), (3, 1, 2), (3, 2, 1), (2, 1, 1)]);
        // Warnings: B's unreadable DOB and unknown ethnicity; nothing else.
        let warned: Vec<String> = d
            .warnings()
            .map(|i| format!("{}:{}", i.row, i.column))
            .collect();
        assert_eq!(warned, ["4:DOB", "4:ETHNIC"]);
        let b = d.children.iter().position(|c| c == "B").unwrap() as ChildIdx;
        assert_eq!(d.header(b).map(|h| (h.sex, h.dob)), Some((Sex::Male, None)));
        assert!(d.rejections().any(|i| i.reason.contains("two-digit year")));
    }

    #[test]
    fn a_repeated_review_is_rejected_however_long_the_childs_history() {
        // Children A and B, A with far more reviews than are chained, each date given twice,
        // the repeats far from the first rows and the two children's rows interleaved.
        let mut rows: Vec<(String, String)> = Vec::new();
        for round in 0..2 {
            for day in 1..=28 {
                for month in 1..=3 {
                    rows.push(("A".into(), format!("{day:02}/{month:02}/2023")));
                }
                if day % 7 == round {
                    rows.push(("B".into(), format!("{day:02}/04/2023")));
                }
            }
        }
        rows.push(("B".into(), "01/04/2023".into()));
        rows.push(("C".into(), "01/04/2023".into()));
        let mut t = table(TableKind::Reviews, &[]);
        for (i, (child, date)) in rows.iter().enumerate() {
            t.push_row(i as u32 + 2, [child.as_str(), "", date.as_str(), "PN1"]);
        }
        let d = build(vec![t], vec![]);
        let mut seen = std::collections::HashSet::new();
        let expected: Vec<u32> = (0..rows.len())
            .filter(|&i| !seen.insert(&rows[i]))
            .map(|i| i as u32 + 2)
            .collect();
        let rejected: Vec<u32> = d.rejections().map(|i| i.row).collect();
        assert_eq!(rejected, expected);
        assert_eq!(d.reviews.len(), seen.len());
        assert_eq!(d.reviews.len(), 28 * 3 + 8 + 1);
    }

    #[test]
    fn recorded_distance_is_read_only_when_the_column_exists() {
        let mut t = table(TableKind::Episodes, &[]);
        t.push_row(
            2,
            [
                "A",
                "01/04/2023",
                "S",
                "C2",
                "N1",
                "U4",
                "PR1",
                "",
                "",
                "",
                "",
                "",
                "",
                "12.5",
            ],
        );
        t.push_row(
            3,
            [
                "A",
                "01/05/2023",
                "P",
                "C2",
                "N1",
                "U4",
                "PR1",
                "",
                "",
                "",
                "",
                "",
                "",
                "999.9",
            ],
        );
        t.push_row(
            4,
            [
                "A",
                "01/06/2023",
                "P",
                "C2",
                "N1",
                "U4",
                "PR1",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        );
        let d = build(vec![t], vec![]);
        let got: Vec<RecordedDistance> = d
            .episode_details
            .iter()
            .map(|e| e.pl_distance.get())
            .collect();
        assert_eq!(
            got,
            [
                RecordedDistance::Miles(12.5),
                RecordedDistance::NotKnown,
                RecordedDistance::NotKnown
            ]
        );
        let mut present = vec![true; TableKind::Episodes.columns().len()];
        present[13] = false;
        let mut t = RawTable::new(
            "g.csv",
            "g.csv",
            TableKind::Episodes,
            Position::Row,
            present,
        );
        t.push_row(
            2,
            [
                "A",
                "01/04/2023",
                "S",
                "C2",
                "N1",
                "U4",
                "PR1",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        );
        assert_eq!(
            build(vec![t], vec![]).episode_details[0].pl_distance.get(),
            RecordedDistance::Absent
        );
    }

    #[test]
    fn places_find_each_text_once_pushing_the_new_ones() {
        let (mut places, mut list) = (Places::default(), Texts::default());
        let got: Vec<(u32, bool)> = ["C1", "C2", "C1", "", "C2", "c1"]
            .iter()
            .map(|t| places.find_or_push(&mut list, t))
            .collect();
        // C1 and C2 first at 0 and 1, found again there; the blank and "c1" new at 2 and 3.
        assert_eq!(
            got,
            [
                (0, true),
                (1, true),
                (0, false),
                (2, true),
                (1, false),
                (3, true)
            ]
        );
        assert_eq!(list, ["C1", "C2", "", "c1"]);
        // Past the table's first growth, every text is still found at its place.
        let many: Vec<String> = (0..1000).map(|i| format!("ID{i}")).collect();
        for t in &many {
            places.find_or_push(&mut list, t);
        }
        for (k, t) in many.iter().enumerate() {
            assert_eq!(places.find_or_push(&mut list, t), (k as u32 + 4, false));
        }
        assert_eq!(list.len(), 1004);
    }

    #[test]
    fn an_episodes_texts_read_back_as_given_held_inline_or_once_in_the_texts() {
        let mut t = table(TableKind::Episodes, &[]);
        // CHILD DECOM RNE LS CIN PLACE PLACE_PROVIDER DEC REC REASON HOME_POST PL_POST URN
        // PL_DISTANCE PL_LA.
        let rows = [
            // Codes upper-cased; "SW1A 1AA" the full 8 bytes; a 9-byte PL_LA (held).
            [
                "A",
                "01/04/2023",
                "S",
                "C2",
                "n1",
                "U4",
                "pr1",
                "01/05/2023",
                "E3",
                "carpl",
                "SW1A 1AA",
                "b1 1aa",
                "SC123456",
                "",
                "e10000014",
            ],
            // The same long PL_LA again (held once), a 9-byte postcode with a space too many
            // (held), a 9-byte URN (held), a postcode of non-ASCII letters (inline).
            [
                "A",
                "01/05/2023",
                "P",
                "C2",
                "N1",
                "U4",
                "PR1",
                "",
                "",
                "",
                "SW1A  1AA",
                "Ÿé",
                "SC1234567",
                "",
                "E10000014",
            ],
        ];
        for (i, row) in rows.iter().enumerate() {
            t.push_row(i as u32 + 2, *row);
        }
        let d = build(vec![t], vec![]);
        let texts = |e: &EpisodeDetails| {
            [e.home_post, e.pl_post, e.pl_la].map(|text| d.text(&text).to_string())
        };
        let (one, two) = (&d.episode_details[0], &d.episode_details[1]);
        assert_eq!(texts(one), ["SW1A 1AA", "b1 1aa", "E10000014"]);
        assert_eq!(texts(two), ["SW1A  1AA", "Ÿé", "E10000014"]);
        // The cells no figure reads, upper-cased but the URN, known by their fingerprint.
        let unread = [
            EpisodeDetails::unread("N1", "PR1", "CARPL", "SC123456"),
            EpisodeDetails::unread("N1", "PR1", "", "SC1234567"),
        ];
        assert_eq!([one.unread, two.unread], unread);
        // Held: the PL_LA once for both rows and the long postcode (no longer the URN).
        assert_eq!(d.texts, ["E10000014", "SW1A  1AA"]);
        assert_eq!(one.pl_la, two.pl_la);
        assert_ne!(one.home_post, two.home_post);
    }

    #[test]
    fn a_fingerprint_tells_texts_apart_by_value_and_place() {
        let of = EpisodeDetails::unread;
        // Upper-cased as a code is, but the URN as given.
        assert_eq!(
            of("n1", "pr1", "carpl", "SC1"),
            of("N1", "PR1", "CARPL", "SC1")
        );
        assert_ne!(
            of("N1", "PR1", "CARPL", "sc1"),
            of("N1", "PR1", "CARPL", "SC1")
        );
        // The same bytes split differently between the cells, or moved to another cell.
        assert_ne!(of("N1", "PR1", "", ""), of("N1P", "R1", "", ""));
        assert_ne!(of("N1", "", "", ""), of("", "N1", "", ""));
        assert_ne!(of("", "", "", ""), of("", "", "", "\0"));
        // A text longer than a word differs from one in its last byte, or its ninth.
        assert_ne!(of("ABCDEFGHI", "", "", ""), of("ABCDEFGHJ", "", "", ""));
        assert_ne!(of("ABCDEFGH", "", "", ""), of("ABCDEFGH\0", "", "", ""));
        // Every one-letter change of one cell's code gives another fingerprint.
        let mut seen = std::collections::HashSet::new();
        for c in 0..4 {
            for b in b'A'..=b'Z' {
                let letter = [b];
                let letter = std::str::from_utf8(&letter).unwrap();
                let mut cells = ["N1", "PR1", "CARPL", "SC123456"];
                cells[c] = letter;
                assert!(seen.insert(of(cells[0], cells[1], cells[2], cells[3])));
            }
        }
    }

    fn episodes_in(file: &str, position: Position, rows: &[[&str; 3]]) -> RawTable {
        let mut t = RawTable::new(
            file,
            file,
            TableKind::Episodes,
            position,
            vec![true; TableKind::Episodes.columns().len()],
        );
        for (i, [child, decom, dec]) in rows.iter().enumerate() {
            let rec = if dec.is_empty() { "" } else { "E8" };
            t.push_row(
                i as u32 + 2,
                [
                    *child, *decom, "S", "C2", "N1", "U4", "PR1", *dec, rec, "", "", "", "",
                ],
            );
        }
        t
    }

    #[test]
    fn a_repeat_across_exports_differing_only_in_a_cell_no_figure_reads_is_a_newer_version() {
        // Child A's episode is the same in both returns but for its URN; B's differs only in
        // the case of its CIN code (upper-cased, so the same); C's is the same throughout.
        let export = |file: &str, urn: &str, cin: &str| {
            let mut t = episodes_in(file, Position::Line, &[]);
            for (i, (child, urn, cin)) in [("A", urn, "N1"), ("B", "SC1", cin), ("C", "SC1", "N1")]
                .into_iter()
                .enumerate()
            {
                t.push_row(
                    i as u32 + 2,
                    [
                        child,
                        "01/04/2023",
                        "S",
                        "C2",
                        cin,
                        "U4",
                        "PR1",
                        "",
                        "",
                        "",
                        "",
                        "",
                        urn,
                    ],
                );
            }
            t
        };
        let d = build(
            vec![
                export("2024.xml", "SC1", "N1"),
                export("2025.xml", "SC2", "n1"),
            ],
            vec![],
        );
        let reasons: Vec<String> = d.rejections().map(RowIssue::describe).collect();
        assert_eq!(
            reasons,
            [
                "2024.xml, line 2, column DECOM: replaced by the newer version of this \
                 episode in 2025.xml, line 2",
                "2025.xml, line 3, column DECOM: the same episode as 2024.xml, line 3 \
                 (another export loaded with this one); counted once",
                "2025.xml, line 4, column DECOM: the same episode as 2024.xml, line 4 \
                 (another export loaded with this one); counted once",
            ]
        );
        // A's row in use is the newer return's.
        assert_eq!(
            d.episode_details[0].unread,
            EpisodeDetails::unread("N1", "PR1", "", "SC2")
        );
    }

    #[test]
    fn past_the_listing_limit_rows_are_still_counted_and_the_file_says_how_many_more() {
        // Four reviews with no date (rejected) and one unknown code (a warning), two listed.
        let reviews = table(
            TableKind::Reviews,
            &[
                &["A", "", "", "PN1"],
                &["B", "", "", "PN1"],
                &["C", "", "01/05/2023", "XX"],
                &["D", "", "", "PN1"],
                &["E", "", "", "PN1"],
            ],
        );
        let ds = build_listing(vec![reviews], vec![], 2);
        assert_eq!(ds.issues.len(), 2);
        let account = &ds.inputs[0];
        assert_eq!(
            (account.rows_read, account.rows_used, account.rows_rejected),
            (5, 1, 4)
        );
        assert_eq!(
            ds.problems[0].message,
            "\"f.csv\" has 2 more rejected rows and 1 more warning than are listed: Careboard \
             lists the first 2 rejected rows and warnings of all the files together, and counts \
             the rest in its figures of rows used and rejected. So many problems suggest it is \
             not the export you meant."
        );
    }

    #[test]
    fn repeats_within_one_file_are_kept_and_across_files_counted_once() {
        // Within one file MEASURES.md section 5 keeps every row, repeats included.
        let same = episodes_in(
            "a.csv",
            Position::Row,
            &[["A", "01/04/2023", ""], ["A", "01/04/2023", ""]],
        );
        let d = build(vec![same], vec![]);
        assert_eq!(d.episodes.len(), 2);
        assert_eq!(d.rejections().count(), 0);
        // Across files (here two XML returns, positioned by line): the repeat is rejected and
        // names the line it repeats; the later return's closed version replaces the open one.
        let earlier = episodes_in(
            "2024.xml",
            Position::Line,
            &[["A", "01/04/2023", ""], ["B", "01/05/2023", ""]],
        );
        let later = episodes_in(
            "2025.xml",
            Position::Line,
            &[["A", "01/04/2023", "01/01/2025"], ["B", "01/05/2023", ""]],
        );
        let d = build(vec![earlier, later], vec![]);
        let reasons: Vec<String> = d.rejections().map(RowIssue::describe).collect();
        assert_eq!(
            reasons,
            [
                "2024.xml, line 2, column DECOM: replaced by the newer version of this \
                 episode in 2025.xml, line 2",
                "2025.xml, line 3, column DECOM: the same episode as 2024.xml, line 3 \
                 (another export loaded with this one); counted once",
            ]
        );
        let counts: Vec<(u64, u64, u64)> = d
            .inputs
            .iter()
            .map(|a| (a.rows_read, a.rows_used, a.rows_rejected))
            .collect();
        assert_eq!(counts, [(2, 1, 1), (2, 1, 1)]);
        let a_dec: Vec<Option<Date>> = d.episodes.iter().map(|e| e.dec).collect();
        assert_eq!(a_dec, [Date::from_ymd_opt(2025, 1, 1), None]);
    }

    #[test]
    fn the_dataset_built_file_by_file_is_the_one_built_from_every_table_at_once() {
        let tables = || {
            let uasc = |file: &str, duc| {
                let mut t = table(TableKind::Uasc, &[&["C", "", "", duc]]);
                (t.file, t.source) = (file.into(), file.into());
                t
            };
            let (uasc_then, uasc_now) = (uasc("u2024.csv", ""), uasc("u2025.csv", "01/02/2025"));
            vec![
                // Given first, the later export: its last row (CHILD blank) is rejected, but
                // its date still makes the file's latest, 01/03/2025.
                episodes_in(
                    "2025.csv",
                    Position::Row,
                    &[
                        ["A", "01/04/2023", "01/01/2025"],
                        ["B", "01/05/2023", ""],
                        ["", "01/03/2025", ""],
                    ],
                ),
                uasc_then,
                episodes_in(
                    "2024.csv",
                    Position::Row,
                    &[["A", "01/04/2023", ""], ["B", "01/05/2023", ""]],
                ),
                uasc_now,
            ]
        };
        let at_once = build(tables(), vec![]);
        let mut building = Building::default();
        for t in tables() {
            building.add(vec![t], vec![]);
        }
        let by_file = building.finish();
        assert_eq!(format!("{by_file:?}"), format!("{at_once:?}"));
        let latest: Vec<Option<Date>> = by_file.exports.iter().map(|e| e.latest).collect();
        assert_eq!(
            latest,
            [
                Date::from_ymd_opt(2025, 3, 1),
                None,
                Date::from_ymd_opt(2023, 5, 1),
                None
            ],
            "2025.csv, u2024.csv, 2024.csv, u2025.csv"
        );
        let reasons: Vec<String> = by_file.rejections().map(RowIssue::describe).collect();
        assert_eq!(
            reasons,
            [
                "2025.csv, row 4, column CHILD: the child's ID is blank",
                "2024.csv, row 2, column DECOM: an older version of the episode in 2025.csv, \
                 row 2, which is used instead",
                "2024.csv, row 3, column DECOM: the same episode as 2025.csv, row 3 (another \
                 export loaded with this one); counted once",
                "u2024.csv, row 2, column CHILD: replaced by the newer version of this UASC row \
                 in u2025.csv, row 2",
            ]
        );
    }

    #[test]
    fn a_files_latest_date_counts_its_rejected_rows_read_once_or_ahead() {
        // One export alone (dates noted as the rows are built) and the same export after
        // another (its dates read before its rows, to judge repeats): the same latest day.
        // Review of 01/06/2025 repeated (rejected), episode ending before it starts
        // (DEC 01/07/2025, rejected): both dates still count.
        let reviews = table(
            TableKind::Reviews,
            &[
                &["A", "", "01/06/2025", "PN1"],
                &["A", "", "01/06/2025", "PN1"],
            ],
        );
        let episodes = || {
            episodes_in(
                "e.csv",
                Position::Row,
                &[["A", "01/08/2025", "01/07/2025"], ["B", "nonsense", ""]],
            )
        };
        let alone = build(vec![episodes(), reviews.clone()], vec![]);
        let other = episodes_in("o.csv", Position::Row, &[["Z", "01/01/2020", ""]]);
        let after = build(vec![other, episodes(), reviews], vec![]);
        let latest = |d: &Dataset| d.exports.iter().map(|e| e.latest).collect::<Vec<_>>();
        let (aug, jun) = (
            Date::from_ymd_opt(2025, 8, 1),
            Date::from_ymd_opt(2025, 6, 1),
        );
        assert_eq!(latest(&alone), [aug, jun]);
        assert_eq!(latest(&after), [Date::from_ymd_opt(2020, 1, 1), aug, jun]);
        assert_eq!(alone.rejections().count(), 3);
    }
}

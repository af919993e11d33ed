//! Reading an Excel workbook (.xlsx): every sheet whose header row is recognised becomes a
//! table, so one workbook may hold several 903 tables.
//!
//! Cells become the text Excel shows, with the care a 903 needs: whole numbers lose Excel's
//! `.0` (IDs like `1234`), text keeps its leading zeros, and in a date column
//! ([`TableKind::is_date_column`]) a date cell or a serial number becomes `yyyy-mm-dd`. Row
//! numbers are the sheet's own. The workbook is read from bytes in memory by our own small
//! reader: [`zip`] for the archive and [`book`] for the XML parts, which follows calamine's
//! rules so that every cell reads as it did with calamine (kept in the tests as the oracle).
//! It replaced calamine to keep the page's worker small (calamine brought `encoding_rs` and
//! the zip crate's reader, about a fifth of the worker) and because calamine could panic on
//! damaged workbooks, which in the page aborts the worker; this reader is written so that no
//! input can make it panic (checked arithmetic and `get` on everything the file says).
//!
//! A workbook is a zip of XML files, and a small one can claim to hold a great deal, so the
//! reading is bounded before and during it (README "What it reads" lists the limits):
//! * before: the zip's directory must not declare more than [`EXPANDED_LIMIT`] in all, nor
//!   [`SHARED_TEXT_LIMIT`] of shared text, and a part never unpacks to more than it declares
//!   (it is damaged if it tries), so the declaration binds;
//! * during: each part is checked as it is unpacked, once: no cell or tag may run past
//!   [`RUN_LIMIT`] (the workbook is then refused as a whole, as if checked before), and the
//!   shared text may not claim more entries than it has room for; sheets are read cell by
//!   cell (never as a grid sized by the sheet's extent, which two cells far apart make
//!   enormous), cells past Excel's last row or column mean a damaged file, and at most
//!   [`CELL_TEXT_LIMIT`] of cell text and [`ROW_LIMIT`] rows are kept from one workbook.

mod book;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod oracle;
mod zip;

use chrono::{Days, NaiveDate};

use self::book::{Book, Cells, SheetRef, Trouble, Value};
use self::zip::{Archive, NotAnArchive};
use super::detect::{self, HeaderMatch, Headings, Recogniser};
use super::FileRead;
use crate::mapping::{ColumnPreview, Preview, PREVIEW_COLUMNS};
use crate::model::{shorten, FileProblem, Position, RawTable, TableKind};

/// How many non-blank rows may sit above the header row (title lines).
const HEADER_SEARCH_ROWS: usize = 10;

/// The most a workbook may unpack to, all its parts together (its zip directory's declared
/// sizes). A large council's five years of history written by Careboard's own synthetic
/// export, every cell an inline string, is about 100 MB; a sheet of Excel's full million rows
/// of episodes is about 700 MB.
pub(crate) const EXPANDED_LIMIT: u64 = 1 << 30;

/// The most the workbook's shared text (`sharedStrings.xml`, held in memory while the sheets
/// are read) may unpack to. Excel keeps each distinct text once there; a council's IDs,
/// postcodes and codes take a few MB.
pub(crate) const SHARED_TEXT_LIMIT: u64 = 128 << 20;

/// The longest stretch of a workbook part without a `<` or `>`: the longest cell text or tag.
/// Excel's cells hold at most 32,767 characters (under 200 KB written as XML); the XML reader
/// holds a whole stretch in memory, so a longer one means a damaged or hostile file.
pub(crate) const RUN_LIMIT: usize = 1 << 20;

/// The most cell text kept from one workbook's tables (the columns Careboard reads). Shared
/// text can be used by any number of cells, so the text read can far exceed the file's size.
pub(crate) const CELL_TEXT_LIMIT: usize = 256 << 20;

/// The most rows read from one workbook, all its sheets together: twice Excel's limit for a
/// sheet, and about twice a large council's five years of every table. Each row read costs
/// memory whatever the file's size, and a few hundred KB of zip can hold millions of rows.
pub(crate) const ROW_LIMIT: usize = 2_000_000;

/// Excel's last row (1,048,576) and column (XFD, 16,384), counted from 0.
const LAST_ROW: u32 = 1_048_575;
const LAST_COLUMN: u32 = 16_383;

/// Reads every sheet of the workbook `bytes` (a zip file, already sniffed). No input makes
/// it panic (see the module's notes), so nothing is caught here: in the page's WebAssembly a
/// panic aborts the worker and could not be caught anyway.
pub(crate) fn read(name: &str, bytes: &[u8], rec: &Recogniser, previews: bool, out: &mut FileRead) {
    let mut part = FileRead::default();
    let left = Left {
        text: CELL_TEXT_LIMIT,
        rows: ROW_LIMIT,
    };
    let Some((book, wanted)) = read_workbook(name, bytes, rec, left, &mut part) else {
        out.problems.extend(part.problems);
        return;
    };
    if previews {
        for (sheet, header_row, table) in wanted {
            part.previews
                .extend(preview_sheet(name, &book, sheet, header_row, table));
        }
    }
    out.tables.extend(part.tables);
    out.problems.extend(part.problems);
    out.previews.extend(part.previews);
}

fn damaged(name: &str) -> String {
    format!(
        "\"{name}\" could not be opened as an Excel workbook: it may be damaged or only partly \
         downloaded. Save it again from Excel and reload it."
    )
}

/// Megabytes, for messages: `1,024 MB`.
fn megabytes(bytes: u64) -> String {
    crate::charts::group_thousands(bytes.div_ceil(1 << 20))
}

/// The whole workbook's refusal when a part cannot be read at all: damaged, too large, a
/// cell of more than [`RUN_LIMIT`], or an encoding other than UTF-8 and UTF-16.
fn refusal(name: &str, trouble: &Trouble) -> String {
    match trouble {
        Trouble::Damaged => damaged(name),
        Trouble::LongRun { part } => format!(
            "\"{name}\" was not read: its part \"{}\" holds a cell or tag of more than 1 MB of \
             text, where an Excel cell holds at most 32,767 characters, so the workbook is \
             damaged. Save it again from Excel and reload it.",
            shorten(part, 60)
        ),
        Trouble::Encoding { part, encoding } => format!(
            "\"{name}\" could not be read: its part \"{}\" was saved in an encoding Careboard \
             does not read ({}); an Excel workbook is always UTF-8 or UTF-16. Save it again \
             from Excel and reload it.",
            shorten(part, 60),
            shorten(encoding, 40)
        ),
    }
}

/// Why a workbook is refused before its parts are read: what it would unpack to is too much,
/// or it is not a zip at all (or needs ZIP64, which no workbook of 903 tables does).
fn open_archive<'b>(name: &str, bytes: &'b [u8]) -> Result<Archive<'b>, String> {
    let archive = match Archive::new(bytes) {
        Ok(archive) => archive,
        Err(NotAnArchive::Damaged) => return Err(damaged(name)),
        Err(NotAnArchive::TooLarge) => {
            return Err(format!(
                "\"{name}\" could not be opened as an Excel workbook: it is damaged, or larger \
                 (over 4 GB, or more than 65,535 parts) than any workbook of 903 tables. Save the \
                 tables again from Excel (or as CSV) and reload them."
            ))
        }
    };
    let mut total = 0u64;
    let mut shared_text = 0u64;
    for entry in archive.entries() {
        total = total.saturating_add(entry.size);
        if is_shared_text(&entry.name) {
            shared_text = shared_text.saturating_add(entry.size);
        }
    }
    let too_big = |what: &str, size: u64, limit: u64| {
        format!(
            "\"{name}\" was not read: {what} would unpack to {} MB, more than the {} MB \
             Careboard reads from one workbook. A workbook of 903 tables is far smaller, so this \
             one is damaged or is not a data export; save the tables again from Excel (or as \
             CSV) and reload them.",
            megabytes(size),
            megabytes(limit)
        )
    };
    if total > EXPANDED_LIMIT {
        return Err(too_big("it", total, EXPANDED_LIMIT));
    }
    if shared_text > SHARED_TEXT_LIMIT {
        return Err(too_big("its shared text", shared_text, SHARED_TEXT_LIMIT));
    }
    Ok(archive)
}

/// The workbook's shared text part (`xl/sharedStrings.xml`, in any case or folder).
fn is_shared_text(part: &str) -> bool {
    let lower = part.to_ascii_lowercase();
    lower == "sharedstrings.xml" || lower.ends_with("/sharedstrings.xml")
}

/// A sheet the mapping step would show: its index in the workbook, its header row (from 0)
/// when known, and its table when recognised.
type Wanted = (usize, Option<u32>, Option<TableKind>);

/// Reads every sheet; returns the opened workbook and the sheets the mapping step would show
/// (those not recognised, and the local tables). `None` when the workbook is refused as a
/// whole: `out` then holds only the one problem saying why.
fn read_workbook<'b>(
    name: &str,
    bytes: &'b [u8],
    rec: &Recogniser,
    mut left: Left,
    out: &mut FileRead,
) -> Option<(Book<'b>, Vec<Wanted>)> {
    let refuse = |out: &mut FileRead, message: String| {
        *out = FileRead::default();
        out.problems.push(FileProblem {
            file: name.to_string(),
            message,
        });
    };
    let archive = match open_archive(name, bytes) {
        Ok(archive) => archive,
        Err(message) => {
            refuse(out, message);
            return None;
        }
    };
    let book = match Book::open(archive) {
        Ok(book) => book,
        Err(trouble) => {
            refuse(out, refusal(name, &trouble));
            return None;
        }
    };
    let mut wanted = Vec::new();
    let before = (out.tables.len(), out.problems.len());
    // Chart and dialog sheets hold no cells.
    for (i, sheet) in book.sheets.iter().enumerate() {
        if !sheet.is_worksheet {
            continue;
        }
        let shown = shorten(&sheet.name, 40);
        match book.cells(sheet) {
            Ok(mut cells) => {
                let source = Sheet {
                    name,
                    sheet: &shown,
                    epoch_1904: book.epoch_1904,
                    rec,
                };
                let (seen, found) = match source.read(&mut cells, &mut left, out) {
                    Ok(read) => read,
                    Err(trouble) => {
                        refuse(out, refusal(name, &trouble));
                        return None;
                    }
                };
                match found {
                    None if seen => wanted.push((i, None, None)),
                    Some((row, kind)) if kind.is_local() || kind == TableKind::Dolo => {
                        wanted.push((i, Some(row), Some(kind)))
                    }
                    _ => {}
                }
            }
            Err(trouble @ Trouble::LongRun { .. }) => {
                refuse(out, refusal(name, &trouble));
                return None;
            }
            Err(Trouble::Encoding { encoding, .. }) => out.problems.push(FileProblem {
                file: name.to_string(),
                message: format!(
                    "\"{name}\", sheet \"{shown}\" could not be read: it was saved in an encoding \
                     Careboard does not read ({}); save it again from Excel and reload it.",
                    shorten(&encoding, 40)
                ),
            }),
            Err(Trouble::Damaged) => out.problems.push(FileProblem {
                file: name.to_string(),
                message: format!(
                    "\"{name}\", sheet \"{shown}\" could not be read: the workbook may be \
                     damaged. Save it again from Excel and reload it."
                ),
            }),
        }
        if left.text == 0 || left.rows == 0 {
            break;
        }
    }
    if (out.tables.len(), out.problems.len()) == before {
        out.problems.push(FileProblem {
            file: name.to_string(),
            message: format!("\"{name}\" has no data: every sheet in the workbook is empty."),
        });
    }
    Some((book, wanted))
}

/// The mapping step's view of one sheet: its header row (`header_row`, from 0; when the sheet
/// was not recognised, the first row with two or more cells filled among the first rows) and
/// each column's first and distinct values. Read again from the start, within the same limits
/// as the first reading.
fn preview_sheet(
    name: &str,
    book: &Book<'_>,
    sheet: usize,
    header_row: Option<u32>,
    table: Option<TableKind>,
) -> Option<Preview> {
    let epoch_1904 = book.epoch_1904;
    let sheet: &SheetRef = book.sheets.get(sheet)?;
    let mut cells = book.cells(sheet).ok()?;
    let sheet = sheet.name.as_str();
    let mut out: Option<Preview> = None;
    let mut row: Vec<(u32, String)> = Vec::new();
    let mut at: Option<u32> = None;
    let mut seen = 0;
    let mut rows_left = ROW_LIMIT;
    let mut text_left = CELL_TEXT_LIMIT;
    let mut end_row = |r: u32, row: &mut Vec<(u32, String)>, out: &mut Option<Preview>| -> bool {
        let filled = row.iter().filter(|(_, t)| !t.trim().is_empty()).count();
        if filled == 0 {
            row.clear();
            return true;
        }
        match out.as_mut() {
            None => {
                seen += 1;
                let is_header = match header_row {
                    Some(h) => r == h,
                    None => filled >= 2,
                };
                if is_header {
                    let width = row.iter().map(|(c, _)| *c as usize + 1).max().unwrap_or(0);
                    let mut columns = vec![ColumnPreview::default(); width.min(PREVIEW_COLUMNS)];
                    for (c, text) in row.iter() {
                        if let Some(col) = columns.get_mut(*c as usize) {
                            col.heading = shorten(text.trim(), detect::HEADING_LIMIT);
                        }
                    }
                    *out = Some(Preview {
                        file: name.to_string(),
                        source: format!("{name}, sheet \"{}\"", shorten(sheet, 40)),
                        table,
                        header_row: r.saturating_add(1),
                        columns,
                        rows: 0,
                    });
                }
                row.clear();
                out.is_some() || seen < HEADER_SEARCH_ROWS
            }
            Some(p) => {
                p.rows += 1;
                let mut values = vec![""; p.columns.len()];
                for (c, text) in row.iter() {
                    if let Some(v) = values.get_mut(*c as usize) {
                        *v = text.trim();
                    }
                }
                for (col, v) in p.columns.iter_mut().zip(values) {
                    col.add(v);
                }
                row.clear();
                rows_left = rows_left.saturating_sub(1);
                rows_left > 0
            }
        }
    };
    while let Ok(Some(cell)) = cells.next_cell() {
        let (r, c) = (cell.row, cell.column);
        if r > LAST_ROW || c > LAST_COLUMN {
            break;
        }
        if at != Some(r) {
            if let Some(done) = at {
                if !end_row(done, &mut row, &mut out) {
                    break;
                }
            }
            at = Some(r);
        }
        if c as usize >= PREVIEW_COLUMNS {
            continue;
        }
        let mut text = String::new();
        write_cell(&mut text, &cell.value, false, epoch_1904);
        if text.len() > detect::HEADING_LIMIT {
            text = shorten(&text, detect::HEADING_LIMIT);
        }
        text_left = text_left.saturating_sub(text.len());
        if text_left == 0 {
            break;
        }
        row.push((c, text));
    }
    if let Some(done) = at {
        end_row(done, &mut row, &mut out);
    }
    out
}

/// A cell's text as Excel shows it, before any column is known (header search).
fn plain_text(cell: &Value) -> String {
    let mut s = String::new();
    write_cell(&mut s, cell, false, false);
    s
}

fn is_blank(cell: &Value) -> bool {
    match cell {
        Value::Empty => true,
        Value::Text(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A heading longer than this cannot be one Careboard understands; header rows keep no more
/// of a cell, so ten rows of huge cells cost little.
const HEADING_TEXT: usize = 200;

/// One worksheet being read.
struct Sheet<'s> {
    name: &'s str,
    sheet: &'s str,
    epoch_1904: bool,
    rec: &'s Recogniser,
}

/// The table a sheet's header row begins, and how to fill its rows.
struct Found {
    table: RawTable,
    /// The header row's match (its value codes apply to every row).
    header: HeaderMatch,
    /// The header row, from 0.
    header_row: u32,
    /// For each file column (up to the last one the table reads), the canonical column it
    /// fills.
    canonical: Vec<Option<usize>>,
    dates: Vec<bool>,
    cells: Vec<String>,
}

/// What a workbook may still give: bytes of cell text and rows.
struct Left {
    text: usize,
    rows: usize,
}

/// Why a sheet stopped being read before its end.
enum Stop {
    /// The workbook's rows reached [`ROW_LIMIT`].
    TooManyRows,
    /// Its cells could not be read on (damaged XML, or a part that unpacks wrongly).
    Damaged,
    /// A cell lies outside Excel's grid.
    OffTheGrid,
    /// The workbook's cell text reached [`CELL_TEXT_LIMIT`].
    TooMuchText,
}

impl Sheet<'_> {
    fn subject(&self) -> String {
        format!("\"{}\", sheet \"{}\"", self.name, self.sheet)
    }

    /// Reads the sheet's cells, in the order the file holds them, a row at a time. Returns
    /// whether it has any row, and the header row (from 0) and table when one was recognised;
    /// an error when the whole workbook must be refused (a cell of more than [`RUN_LIMIT`]).
    fn read(
        &self,
        reader: &mut Cells<'_, '_>,
        left: &mut Left,
        out: &mut FileRead,
    ) -> Result<(bool, Option<(u32, TableKind)>), Trouble> {
        let mut found: Option<Found> = None;
        let mut above: Vec<Headings> = Vec::new();
        // The row being gathered: its number (from 0), whether it has any text, and (before
        // the header is found) its cells by column.
        let mut row: Option<u32> = None;
        let mut filled = false;
        let mut heading_cells: Vec<(u32, String)> = Vec::new();
        let mut stop = None;
        loop {
            let cell = match reader.next_cell() {
                Ok(Some(cell)) => cell,
                Ok(None) => break,
                Err(trouble @ Trouble::LongRun { .. }) => return Err(trouble),
                Err(_) => {
                    stop = Some(Stop::Damaged);
                    break;
                }
            };
            let (r, c) = (cell.row, cell.column);
            if row != Some(r) {
                if let Some(done) = row {
                    match self.end_row(
                        done,
                        filled,
                        &mut found,
                        &mut above,
                        &mut heading_cells,
                        left,
                    ) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(why) => {
                            stop = Some(why);
                            break;
                        }
                    }
                }
                row = Some(r);
                filled = false;
            }
            if r > LAST_ROW || c > LAST_COLUMN {
                stop = Some(Stop::OffTheGrid);
                break;
            }
            let value = &cell.value;
            filled |= !is_blank(value);
            match found.as_mut() {
                None => {
                    let mut text = plain_text(value);
                    if text.len() > HEADING_TEXT {
                        text = shorten(&text, HEADING_TEXT);
                    }
                    heading_cells.push((c, text));
                }
                Some(f) => {
                    let Some(&Some(i)) = f.canonical.get(c as usize) else {
                        continue;
                    };
                    let before = f.cells[i].len();
                    f.cells[i].clear();
                    write_cell(&mut f.cells[i], value, f.dates[i], self.epoch_1904);
                    let grew = f.cells[i].len().saturating_sub(before);
                    if grew > left.text {
                        left.text = 0;
                        stop = Some(Stop::TooMuchText);
                        break;
                    }
                    left.text -= grew;
                }
            }
        }
        if stop.is_none() {
            if let Some(done) = row {
                let ended = self.end_row(
                    done,
                    filled,
                    &mut found,
                    &mut above,
                    &mut heading_cells,
                    left,
                );
                if let Err(why) = ended {
                    stop = Some(why);
                }
            }
        }
        let seen = !above.is_empty();
        let recognised = found.as_ref().map(|f| (f.header_row, f.table.kind));
        match found {
            Some(f) => out.tables.push(f.table),
            // A sheet with nothing in it is not a problem: workbooks often have spare sheets.
            None if above.is_empty() => {}
            None => out.problems.push(FileProblem {
                file: self.name.to_string(),
                message: detect::explain_unrecognised(&self.subject(), &above),
            }),
        }
        if let Some(stop) = stop {
            // The row being read when reading stopped; it is not used.
            let at = row.map_or(1, |r| r.saturating_add(1));
            let (why, advice) = match stop {
                Stop::TooManyRows => (
                    "the workbook holds more than 2,000,000 rows, more than a 903 export of any \
                     council",
                    "check it is the export you meant",
                ),
                Stop::Damaged => (
                    "the rest of the sheet is damaged",
                    "save the workbook again from Excel and reload it",
                ),
                Stop::OffTheGrid => (
                    "a cell lies beyond Excel's last row or column, so the workbook is damaged",
                    "save the workbook again from Excel and reload it",
                ),
                Stop::TooMuchText => (
                    "the workbook holds more than 256 MB of text in the columns Careboard reads, \
                     far more than a 903 export",
                    "check it is the export you meant",
                ),
            };
            out.problems.push(FileProblem {
                file: self.name.to_string(),
                message: format!(
                    "{} could not be read from row {at} on: {why}. The rows before it were read; \
                     {advice}.",
                    self.subject()
                ),
            });
        }
        Ok((seen, recognised))
    }

    /// Ends row `r` (from 0): it becomes a table row, the header row, or a row above the
    /// header. Returns `Ok(false)` when the header search is over without a header, and why
    /// reading must stop when the workbook has given all the rows it may.
    fn end_row(
        &self,
        r: u32,
        filled: bool,
        found: &mut Option<Found>,
        above: &mut Vec<Headings>,
        heading_cells: &mut Vec<(u32, String)>,
        left: &mut Left,
    ) -> Result<bool, Stop> {
        if !filled {
            heading_cells.clear();
            if let Some(f) = found.as_mut() {
                f.cells.iter_mut().for_each(String::clear);
            }
            return Ok(true);
        }
        let number = r.saturating_add(1);
        if let Some(f) = found.as_mut() {
            if left.rows == 0 {
                return Err(Stop::TooManyRows);
            }
            left.rows -= 1;
            let header = &f.header;
            let cells = f.cells.iter().enumerate();
            f.table
                .push_row(number, cells.map(|(k, c)| header.cell(k, c.as_str())));
            f.cells.iter_mut().for_each(String::clear);
            return Ok(true);
        }
        // Cells in column order, blank where the row has none (at most Excel's 16,384).
        heading_cells.sort_by_key(|&(c, _)| c);
        let width = heading_cells.last().map_or(0, |&(c, _)| c as usize + 1);
        let mut by_column = vec![""; width];
        for (c, text) in heading_cells.iter() {
            by_column[*c as usize] = text;
        }
        let headings = self.rec.headings(by_column.iter().copied());
        heading_cells.clear();
        let Some(m) = self.rec.recognise(&headings) else {
            above.push(headings);
            return Ok(above.len() < HEADER_SEARCH_ROWS);
        };
        let source = format!("{}, sheet \"{}\"", self.name, self.sheet);
        let table = RawTable::new(self.name, &source, m.kind, Position::Row, m.present());
        *found = Some(Found::new(table, m, r));
        Ok(true)
    }
}

impl Found {
    fn new(table: RawTable, m: HeaderMatch, header_row: u32) -> Found {
        let last = m.columns.iter().flatten().max().map_or(0, |&c| c + 1);
        let mut canonical = vec![None; last];
        for (i, c) in m.columns.iter().enumerate() {
            if let Some(c) = *c {
                canonical[c] = Some(i);
            }
        }
        let dates = m
            .kind
            .columns()
            .iter()
            .map(|c| TableKind::is_date_column(c))
            .collect();
        Found {
            table,
            cells: vec![String::new(); m.columns.len()],
            header: m,
            header_row,
            canonical,
            dates,
        }
    }
}

/// Appends a cell's text to `out`. In a date column, a date cell or a number is an Excel
/// serial date and is written `yyyy-mm-dd`; a serial that is no real date (0, 60, negative,
/// past 9999) is written as the number, so the row checks reject it with the value shown.
fn write_cell(out: &mut String, cell: &Value, date_column: bool, epoch_1904: bool) {
    let serial = match *cell {
        Value::Date(f) => Some(f),
        Value::Number(f) if date_column => Some(f),
        _ => None,
    };
    if let Some(serial) = serial {
        if let Some(date) = serial_date(serial, epoch_1904) {
            out.push_str(&crate::model::dates::iso(date));
            return;
        }
        write_number(out, serial);
        return;
    }
    match *cell {
        Value::Empty => {}
        Value::Text(s) | Value::Iso(s) => out.push_str(s),
        Value::Number(f) => write_number(out, f),
        Value::Bool(b) => out.push_str(if b { "TRUE" } else { "FALSE" }),
        Value::Error(e) => out.push_str(e),
        // Handled above.
        Value::Date(_) => {}
    }
}

/// Whole numbers without `.0` (an ID typed as a number is `1234`, not `1234.0`).
fn write_number(out: &mut String, f: f64) {
    use std::fmt::Write;
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// The calendar day of an Excel serial date (any time of day ignored). Excel counts 1900 as a
/// leap year: serial 60 is the non-existent 29 February 1900 and is refused, serials 1-59 are
/// 1 January to 28 February 1900, and from 61 the base is 30 December 1899. A 1904-based
/// workbook (old Mac Excel) counts 1462 days fewer.
pub(crate) fn serial_date(serial: f64, epoch_1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() {
        return None;
    }
    let serial = if epoch_1904 { serial + 1462.0 } else { serial };
    let day = serial.floor();
    // 2958465 is 31 December 9999, Excel's last day.
    if !(1.0..=2_958_465.0).contains(&day) || day == 60.0 {
        return None;
    }
    let day = day as u64;
    let (base, offset) = if day < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31)?, day)
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30)?, day)
    };
    base.checked_add_days(Days::new(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cell: Value, date_column: bool) -> String {
        let mut s = String::new();
        write_cell(&mut s, &cell, date_column, false);
        s
    }

    #[test]
    fn reading_stops_when_the_workbook_has_given_its_rows() {
        // The fixture's Episodes sheet has data rows 4 to 7 and its Reviews sheet rows 3 and
        // 4: with room for five rows, Reviews stops at row 4.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/workbook.xlsx"
        );
        let bytes = std::fs::read(path).unwrap();
        let mut out = FileRead::default();
        let left = Left {
            text: 1 << 20,
            rows: 5,
        };
        read_workbook("w.xlsx", &bytes, &Recogniser::default(), left, &mut out);
        let rows: Vec<Vec<u32>> = out
            .tables
            .iter()
            .map(|t| t.rows().map(|r| r.number()).collect())
            .collect();
        assert_eq!(rows, [vec![4, 5, 6, 7], vec![3]]);
        assert_eq!(
            out.problems.last().map(|p| p.message.as_str()),
            Some(
                "\"w.xlsx\", sheet \"Reviews\" could not be read from row 4 on: the workbook \
                 holds more than 2,000,000 rows, more than a 903 export of any council. The rows \
                 before it were read; check it is the export you meant."
            )
        );
    }

    #[test]
    fn serial_dates_around_the_1900_leap_year_bug() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(serial_date(1.0, false), d(1900, 1, 1));
        assert_eq!(serial_date(59.0, false), d(1900, 2, 28));
        assert_eq!(serial_date(60.0, false), None);
        assert_eq!(serial_date(61.0, false), d(1900, 3, 1));
        // 45017 = 1 April 2023 (45000 is 15 March 2023, as Excel shows it); time ignored.
        assert_eq!(serial_date(45017.0, false), d(2023, 4, 1));
        assert_eq!(serial_date(45017.75, false), d(2023, 4, 1));
        // In a 1904 workbook the same day is 45017 - 1462 = 43555.
        assert_eq!(serial_date(43555.0, true), d(2023, 4, 1));
        assert_eq!(serial_date(0.0, false), None);
        assert_eq!(serial_date(-5.0, false), None);
        assert_eq!(serial_date(f64::NAN, false), None);
        assert_eq!(serial_date(2_958_465.0, false), d(9999, 12, 31));
        assert_eq!(serial_date(2_958_466.0, false), None);
    }

    #[test]
    fn cells_are_written_as_excel_shows_them() {
        assert_eq!(text(Value::Number(1234.0), false), "1234");
        assert_eq!(text(Value::Number(12.5), false), "12.5");
        assert_eq!(text(Value::Text("007"), false), "007");
        assert_eq!(text(Value::Bool(true), false), "TRUE");
        assert_eq!(text(Value::Error("#N/A"), false), "#N/A");
        assert_eq!(text(Value::Empty, true), "");
        // Date columns: serials and date cells become ISO dates, text stays text.
        assert_eq!(text(Value::Number(45017.0), true), "2023-04-01");
        assert_eq!(text(Value::Date(45017.5), true), "2023-04-01");
        // A date-formatted cell is a date in any column.
        assert_eq!(text(Value::Date(45017.5), false), "2023-04-01");
        assert_eq!(text(Value::Text("01/04/2023"), true), "01/04/2023");
        assert_eq!(
            text(Value::Iso("2023-04-01T00:00:00"), true),
            "2023-04-01T00:00:00"
        );
        // 60 is 29/02/1900, which never was: left as the number for the row check to reject.
        assert_eq!(text(Value::Number(60.0), true), "60");
        // Outside a date column a number stays a number.
        assert_eq!(text(Value::Number(45017.0), false), "45017");
    }
}

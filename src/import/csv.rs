//! Reading a CSV (or semicolon- or tab-separated) text into one recognised 903 table.
//!
//! The text is decoded once (see `text`), or read a piece at a time for a big file (see
//! `pieces`: the reader holds the bytes from the record it is on); records are read with
//! csv-core's parser into reused
//! buffers (validated as UTF-8 once per record, at most [`MAX_CELLS`] cells kept), and each
//! row's cells go straight into the table's shared buffer, so a million-row export costs no
//! allocation per cell. Row numbers are those a spreadsheet shows:
//! every record counts (blank lines too), a quoted cell with line breaks is still one row,
//! and a `sep=;` line that Excel hides is not counted.
//!
//! When the dataset is built as the files are read ([`Slicing`]), a table's rows are built a
//! slice at a time, the same buffer holding each slice in turn, so that the rows of a big file
//! are never all held as text beside the rows typed from them. Read in pieces too, a big
//! file's bytes are never all held either.

use super::detect::{self, column_letters, HeaderMatch, Headings, Recogniser};
use super::pieces::Window;
use super::{FileRead, Opened, Slicing};
use crate::mapping::{ColumnPreview, Preview, PREVIEW_COLUMNS};
use crate::model::{latest_date, FileProblem, LatestRead, Position, RawRow, RawTable, RecordCells};

/// How many non-blank rows may sit above the header row (title lines).
const HEADER_SEARCH_ROWS: usize = 10;

/// Reads `text` (already decoded) as one table of the file `name`, recognised by `rec`; with
/// `previews`, a file that is not recognised, or is a local table, also gives its
/// [`Preview`] for the page's mapping step. With `slicing`, a recognised table that the
/// dataset can take a slice at a time ([`crate::model::Building::begin_slices`]) is built into
/// it so, and not given in `out`; any other table is given whole in `out`.
pub(crate) async fn read(
    name: &str,
    window: &mut Window<'_>,
    rec: &Recogniser,
    previews: bool,
    out: &mut FileRead,
    mut slicing: Option<&mut Slicing<'_>>,
) {
    let (from, forced) = excel_separator_line(window);
    let delimiters = match forced {
        Some(d) => vec![d],
        None => ranked_delimiters(window.held_from(from)),
    };
    // At most a row a line, and no more cell text than the file holds.
    let lines = window.lines(from);
    let text_len = window.len() - from;
    // The first delimiter (most likely first) under which a header row is recognised wins.
    let chosen = delimiters
        .iter()
        .copied()
        .find(|&d| find_header(window, from, d, rec).is_some())
        .unwrap_or(delimiters[0]);
    let subject = format!("\"{name}\"");
    let mut above: Vec<Headings> = Vec::new();
    let mut found: Option<(HeaderMatch, u32)> = None;
    // The header row: the first of the first rows recognised as a table's.
    let mut scan = Scan::new(window, from);
    scan.run_now(window, chosen, |row, record| match record {
        Record::Unclosed { last_line, .. } => {
            out.problems.push(FileProblem {
                file: name.to_string(),
                message: format!("{subject}, row {row}: {}.", unclosed_reason(last_line)),
            });
            above.push(Headings::default());
            above.len() < HEADER_SEARCH_ROWS
        }
        Record::Cells(record) => {
            let headings = rec.headings(record.iter());
            if let Some(m) = rec.recognise(&headings) {
                found = Some((m, row));
                return false;
            }
            above.push(headings);
            above.len() < HEADER_SEARCH_ROWS
        }
    });
    let header_row = found.as_ref().map(|(_, row)| *row);
    let mut table = None;
    if let Some((header, _)) = found {
        let mut t = RawTable::new(name, name, header.kind, Position::Row, header.present());
        // The table being built a slice at a time, when it is: `t` then holds one slice.
        let mut sliced = None;
        if let Some(s) = slicing.take() {
            let read_first = (s.latest_first(t.kind))
                .then(|| latest_read_first(window, scan.clone(), chosen, &t, &header, s));
            // Room for the typed rows is made at once for a row a line, but no more than a
            // row per 16 bytes of text (a row used holds a child's ID, a date and the
            // delimiters between its cells: real rows hold several times that), so that a
            // file of line breaks (blank lines, or one cell over millions of lines) cannot
            // claim room for millions of rows it lacks.
            let rows = lines.min(text_len / 16 + 1);
            sliced = s.begin(&t, rows, read_first).map(|open| (s, open));
        }
        // A table built a slice at a time is built a row at a time from the records as they
        // are read, unless the user gave codes for its values (the mapping step's, which
        // `push_record` puts in): `t` then holds only a row whose cells must be changed to be
        // kept (line breaks as LF) or that could not be read, built at once, in its turn.
        let in_records = (sliced.as_ref()).is_some_and(|(s, _)| s.builds_rows())
            && header.recode.iter().all(Vec::is_empty);
        match &sliced {
            Some(_) if in_records => {}
            Some((s, _)) => t.reserve(lines.min(s.rows), text_len.min(s.bytes)),
            None => t.reserve(lines, text_len),
        }
        let mut owned: Vec<String> = Vec::new();
        scan.run(window, chosen, |row, record| {
            match (record, &mut sliced) {
                (Record::Cells(record), Some((s, open)))
                    if in_records && !record.has_carriage_return() =>
                {
                    let cells = RecordCells {
                        text: record.text,
                        ends: record.ends,
                        gap: record.gap,
                        columns: &header.columns,
                    };
                    s.add_row(open, &t, &RawRow::in_record(&t, row, cells));
                }
                (Record::Cells(record), _) => push_record(&mut t, &header, row, record, &mut owned),
                (Record::Unclosed { cell, last_line }, _) => {
                    let column = column_name(t.kind, &header, cell);
                    t.push_unreadable(row, &column, unclosed_reason(last_line));
                }
            }
            build_if_full(&mut sliced, &mut t, in_records);
            true
        })
        .await;
        table = Some((t, sliced));
    }
    let wanted = match &table {
        Some((t, _)) => (t.kind.is_local() || t.kind == crate::model::TableKind::Dolo)
            .then_some((header_row, Some(t.kind))),
        None => Some((None, None)),
    };
    if let Some((header_row, kind)) = wanted.filter(|_| previews) {
        out.previews
            .extend(preview(name, window, from, chosen, header_row, kind));
    }
    match table {
        Some((table, sliced)) => match sliced {
            Some((s, mut open)) => {
                let mut table = table;
                s.add_slice(&mut open, &mut table);
                s.end(open);
            }
            None => out.tables.push(table),
        },
        // Nothing but a row that could not be split: the message above says so.
        None if above.iter().all(|h| h.text.is_empty()) && !out.problems.is_empty() => {}
        None if above.is_empty() => out.problems.push(FileProblem {
            file: name.to_string(),
            message: format!("{subject} has no rows: it is empty apart from blank lines."),
        }),
        None => out.problems.push(FileProblem {
            file: name.to_string(),
            message: detect::explain_unrecognised(&subject, &above),
        }),
    }
    if let Some(row) = scan.gave_up_at {
        out.problems.push(FileProblem {
            file: name.to_string(),
            message: format!(
                "{subject} was read only up to row {row}: too many of its quotation marks are \
                 never closed for the rest to be split into rows. The rows before it were \
                 read; export the file again and reload it."
            ),
        });
    }
    if window.cut_short() {
        out.problems.push(FileProblem {
            file: name.to_string(),
            message: format!(
                "{subject} could not be read to its end: it was changed, moved or deleted while \
                 it was being read, so only its rows up to row {} were read. Reload it to \
                 read it all.",
                scan.row
            ),
        });
    }
}

/// Appends `record`, row `row` of the file, to `table` under `header` (`owned` is room reused
/// for a row whose cells hold line breaks).
fn push_record(
    table: &mut RawTable,
    header: &HeaderMatch,
    row: u32,
    record: &Cells,
    owned: &mut Vec<String>,
) {
    let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
    if !record.has_carriage_return() {
        let cells = header.columns.iter().enumerate();
        table.push_row(row, cells.map(|(k, &i)| header.cell(k, field(i))));
    } else {
        // A quoted cell kept a CRLF or CR line break: store it as LF, like the rest.
        owned.clear();
        owned.extend(header.columns.iter().enumerate().map(|(k, &i)| {
            header
                .cell(k, field(i))
                .replace("\r\n", "\n")
                .replace('\r', "\n")
        }));
        table.push_row(row, owned.iter().map(String::as_str));
    }
}

/// The latest date of the rows after the header row, read by `scan` (where the header row
/// left it) as `head`'s under `header`, for a table whose file's latest date must be known
/// before its first row is built ([`crate::model::Building::latest_first`]): the rows are split
/// a slice at a time, as they will be for building, and let go.
fn latest_read_first(
    window: &mut Window<'_>,
    mut scan: Scan,
    delimiter: u8,
    head: &RawTable,
    header: &HeaderMatch,
    slicing: &Slicing<'_>,
) -> LatestRead {
    let mut slice = head.clone();
    slice.clear();
    let mut owned = Vec::new();
    let mut latest = None;
    scan.run_now(window, delimiter, |row, record| {
        // A row that cannot be split holds no date.
        if let Record::Cells(record) = record {
            push_record(&mut slice, header, row, record, &mut owned);
            if slicing.is_full(&slice) {
                latest = latest.max(latest_date(&slice));
                slice.clear();
            }
        }
        true
    });
    LatestRead(latest.max(latest_date(&slice)))
}

/// Builds the slice of rows held in `table` into the dataset once it is full (with
/// `at_once`, once it holds a row), when the table is `sliced`, and empties it for the next.
fn build_if_full(sliced: &mut Option<(&mut Slicing, Opened)>, table: &mut RawTable, at_once: bool) {
    if let Some((s, open)) = sliced {
        if s.is_full(table) || (at_once && !table.is_empty()) {
            s.add_slice(open, table);
        }
    }
}

/// Why a row whose quotation mark is never closed is rejected.
fn unclosed_reason(last_line: bool) -> String {
    if last_line {
        "a quotation mark opened in this row is never closed, so the row cannot be split into \
         its cells: the file may be cut short (truncated) here"
            .to_string()
    } else {
        "a quotation mark opened in this row is never closed, so the row cannot be split into \
         its cells; the rows after it were read as usual"
            .to_string()
    }
}

/// The canonical column of the file's column `cell`, or its spreadsheet letter when the
/// table does not use it.
fn column_name(kind: crate::model::TableKind, header: &HeaderMatch, cell: usize) -> String {
    header
        .columns
        .iter()
        .position(|&c| c == Some(cell))
        .map_or_else(|| column_letters(cell), |i| kind.columns()[i].to_string())
}

/// Excel writes and honours a first line `sep=;` naming the delimiter, and hides that line, so
/// rows are numbered from the line after it. Returns where the text after it starts (0 when
/// there is none) and the delimiter. (The window holds the text's first piece.)
fn excel_separator_line(window: &Window) -> (usize, Option<u8>) {
    let head = window.held_from(0);
    let line_end = head
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(head.len());
    let line = &head[..line_end];
    if line.len() == 5 && line[..4].eq_ignore_ascii_case(b"sep=") && line[4].is_ascii() {
        let rest = &head[line_end..];
        let rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .or_else(|| rest.strip_prefix(b"\r"))
            .unwrap_or(rest);
        return (head.len() - rest.len(), Some(line[4]));
    }
    (0, None)
}

/// Comma, semicolon and tab, most likely first: ranked by their highest count, outside
/// quotes, on any of the first non-blank lines (title lines above the header have few), of
/// `text`, the first bytes of the file's text.
fn ranked_delimiters(text: &[u8]) -> Vec<u8> {
    let candidates = [b',', b';', b'\t'];
    let mut best = [0usize; 3];
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut line_has_text = false;
    let mut lines = 0;
    for &b in text.iter().take(64 * 1024) {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => {
                lines += usize::from(line_has_text);
                line_has_text = false;
                for (b, c) in best.iter_mut().zip(counts.iter_mut()) {
                    *b = (*b).max(*c);
                    *c = 0;
                }
                if lines >= HEADER_SEARCH_ROWS {
                    break;
                }
            }
            _ if !in_quotes => {
                line_has_text = true;
                if let Some(i) = candidates.iter().position(|&d| d == b) {
                    counts[i] += 1;
                }
            }
            _ => line_has_text = true,
        }
    }
    for (b, c) in best.iter_mut().zip(counts) {
        *b = (*b).max(c);
    }
    let mut order = [0usize, 1, 2];
    // Stable: on a tie, comma before semicolon before tab.
    order.sort_by_key(|&i| std::cmp::Reverse(best[i]));
    order.iter().map(|&i| candidates[i]).collect()
}

/// The mapping step's view of the file: the header row (`header_row`, or when the file was
/// not recognised the first row with two or more cells filled among the first rows), and for
/// each column its first and distinct values. `None` when no row looks like headings.
fn preview(
    name: &str,
    window: &mut Window<'_>,
    from: usize,
    delimiter: u8,
    header_row: Option<u32>,
    table: Option<crate::model::TableKind>,
) -> Option<Preview> {
    let mut out: Option<Preview> = None;
    let mut seen = 0;
    Scan::new(window, from).run_now(window, delimiter, |row, record| {
        let Record::Cells(record) = record else {
            return true;
        };
        let Some(p) = out.as_mut() else {
            seen += 1;
            let filled = record.iter().filter(|c| !c.trim().is_empty()).count();
            let is_header = match header_row {
                Some(h) => row == h,
                None => filled >= 2,
            };
            if is_header {
                out = Some(Preview {
                    file: name.to_string(),
                    source: name.to_string(),
                    table,
                    header_row: row,
                    columns: record
                        .iter()
                        .take(PREVIEW_COLUMNS)
                        .map(|h| ColumnPreview {
                            heading: crate::model::shorten(h.trim(), detect::HEADING_LIMIT),
                            ..ColumnPreview::default()
                        })
                        .collect(),
                    rows: 0,
                });
            }
            return out.is_some() || seen < HEADER_SEARCH_ROWS;
        };
        p.rows += 1;
        for (i, c) in p.columns.iter_mut().enumerate() {
            c.add(record.get(i).unwrap_or("").trim());
        }
        true
    });
    // Columns with no heading and nothing in them are spare cells, not columns.
    if let Some(p) = out.as_mut() {
        while p
            .columns
            .last()
            .is_some_and(|c| c.heading.is_empty() && c.filled == 0)
        {
            p.columns.pop();
        }
    }
    out
}

/// Whether a header row is recognised in the first rows of the text from `from` when split on
/// `delimiter`.
fn find_header(
    window: &mut Window<'_>,
    from: usize,
    delimiter: u8,
    rec: &Recogniser,
) -> Option<HeaderMatch> {
    let mut found = None;
    let mut seen = 0;
    Scan::new(window, from).run_now(window, delimiter, |_, record| {
        if let Record::Cells(record) = record {
            found = rec.recognise(&rec.headings(record.iter()));
        }
        seen += 1;
        found.is_none() && seen < HEADER_SEARCH_ROWS
    });
    found
}

/// A row has at most this many cells (Excel's 16,384 columns): the cells after them are not
/// kept, so that a row of millions of cells costs its bytes, not a position per cell.
pub(crate) const MAX_CELLS: usize = 16_384;

/// One record's cells: copied out of the text by csv-core, or a line's text read in place.
struct Cells<'r> {
    text: &'r str,
    /// Where each kept cell ends in `text`.
    ends: &'r [usize],
    /// The bytes between one cell's end and the next one's start: 0 when csv-core copied the
    /// cells out, 1 (the delimiter) for a line read in place.
    gap: usize,
    /// Whether `text` may hold a line break (a quoted cell's: only csv-core reads those).
    breaks: bool,
}

impl<'r> Cells<'r> {
    /// Cell `i` (from 0), if the row has it.
    fn get(&self, i: usize) -> Option<&'r str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        self.text.get(start..end)
    }

    fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        (0..self.ends.len()).filter_map(|i| self.get(i))
    }

    /// Whether a cell holds a line break (LF, CR or CRLF).
    fn has_line_break(&self) -> bool {
        self.breaks && self.text.bytes().any(|b| b == b'\n' || b == b'\r')
    }

    /// Whether a cell holds a carriage return (CR, or CRLF).
    fn has_carriage_return(&self) -> bool {
        self.breaks && self.text.as_bytes().contains(&b'\r')
    }
}

/// A CSV record reader (csv-core's parser) over a file's text ([`Window`]), from a byte
/// offset, keeping each record's cells in reused buffers and at most [`MAX_CELLS`] of them.
///
/// Nearly every record of an export is one line with no quotation mark: such a line is
/// split at its delimiters in place, where it lies in the text, without csv-core copying its
/// cells out byte by byte (csv-core was an eighth of the worker's time at England scale).
/// csv-core reads any other record, and the reader's first, so that its handling of a byte
/// order mark is kept. Both give the same cells and end at the same byte: csv-core too ends
/// an unquoted record at the first CR or LF after it and skips the line breaks before one.
struct Reader {
    core: ::csv_core::Reader,
    delimiter: u8,
    /// Where the next record (or the blank lines before it) begins.
    pos: usize,
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// The last record read: by csv-core into `fields` (`None`), or in place, the line's
    /// text from this byte to `pos` (or to the line break before it).
    read: Read,
    /// Whether csv-core has read a record yet (after which lines may be read in place).
    core_used: bool,
}

/// Where [`Reader`]'s last record's cells are.
#[derive(Clone, Copy)]
enum Read {
    /// In `fields`, this many bytes, with this many `ends`.
    Copied { out: usize, kept: usize },
    /// In the text, from `start` to `end`, with this many `ends`.
    InPlace {
        start: usize,
        end: usize,
        kept: usize,
    },
}

impl Reader {
    /// A reader of `window`'s text from `from`, which it then holds (and the byte before it).
    fn new(window: &mut Window, delimiter: u8, from: usize) -> Self {
        window.seek(from.saturating_sub(1));
        Reader {
            core: ::csv_core::ReaderBuilder::new()
                .delimiter(delimiter)
                .build(),
            delimiter,
            pos: from.min(window.len()),
            fields: vec![0; 1024],
            ends: vec![0; 64],
            read: Read::Copied { out: 0, kept: 0 },
            core_used: false,
        }
    }

    /// Reads the next record of `window`'s text, returning where it ends, or `None` at the end
    /// of the text; [`Reader::cells`] then gives its cells. The window then holds the record's
    /// bytes and the byte before them.
    fn next(&mut self, window: &mut Window) -> Option<usize> {
        if self.core_used && self.in_place(window) {
            return Some(self.pos);
        }
        self.core_used = true;
        self.copied(window)
    }

    /// The record's cells, as [`Reader::next`] read them from `window`.
    fn cells<'s>(&'s self, window: &'s Window) -> Cells<'s> {
        match self.read {
            // The text is UTF-8 ([`Window`]) and the parser splits it only at ASCII bytes and
            // drops only ASCII quotes, so the cells are valid UTF-8; if not, the row reads as
            // blank.
            Read::Copied { out, kept } => Cells {
                text: std::str::from_utf8(&self.fields[..out]).unwrap_or_default(),
                ends: &self.ends[..kept],
                gap: 0,
                breaks: true,
            },
            Read::InPlace { start, end, kept } => Cells {
                text: std::str::from_utf8(window.slice(start, end)).unwrap_or_default(),
                ends: &self.ends[..kept],
                gap: 1,
                breaks: false,
            },
        }
    }

    /// Reads the next record in place when it is one line, held whole, with no quotation
    /// mark; `false` (having read nothing) otherwise, for csv-core to read it.
    fn in_place(&mut self, window: &Window) -> bool {
        let held = window.held_from(self.pos);
        // Line breaks before a record are skipped (each a blank row, counted by `Scan`).
        let Some(first) = held.iter().position(|&b| b != b'\n' && b != b'\r') else {
            return false;
        };
        let line = &held[first..];
        let mut kept = 0usize;
        let mut at = 0usize;
        let end = loop {
            // Eight bytes at a time while they hold only cell text and delimiters, each
            // delimiter's place kept as it is found: most cells are shorter than eight bytes,
            // so a word often holds several.
            while let Some(word) = (line.get(at..at + 8)).and_then(|w| <[u8; 8]>::try_from(w).ok())
            {
                let w = u64::from_le_bytes(word);
                if stop_flags(w) != 0 {
                    break;
                }
                let mut found = equal_flags(w, self.delimiter);
                while found != 0 {
                    kept = self.keep_end(kept, at + (found.trailing_zeros() / 8) as usize);
                    found &= found - 1;
                }
                at += 8;
            }
            at = plain_bytes_from(line, at, self.delimiter);
            let Some(&b) = line.get(at) else {
                // The line runs past the bytes held: csv-core reads it across the pieces.
                if !window.at_end() {
                    return false;
                }
                break at;
            };
            if b == self.delimiter || b == b'\n' || b == b'\r' {
                kept = self.keep_end(kept, at);
                if b != self.delimiter {
                    break at;
                }
            } else if b == b'"' {
                return false;
            }
            at += 1;
        };
        if end == line.len() {
            // The text's last line, with no line break after it.
            kept = self.keep_end(kept, end);
        }
        let start = self.pos + first;
        // The record ends after its line break (csv-core's end too: the LF of a CRLF is
        // skipped as the next record's blank line), or at the end of the text.
        self.pos = (start + end + 1).min(window.len());
        self.read = Read::InPlace {
            start,
            end: start + end,
            kept,
        };
        true
    }

    /// Keeps `end` as the end of cell number `kept` of a line read in place, unless the line
    /// has [`MAX_CELLS`] already; returns how many are kept.
    fn keep_end(&mut self, kept: usize, end: usize) -> usize {
        if kept == MAX_CELLS {
            return kept;
        }
        if kept == self.ends.len() {
            let grown = (self.ends.len() * 2).min(MAX_CELLS);
            self.ends.resize(grown, 0);
        }
        self.ends[kept] = end;
        kept + 1
    }

    /// Reads the next record with csv-core, copying its cells into `fields`.
    fn copied(&mut self, window: &mut Window) -> Option<usize> {
        use ::csv_core::ReadRecordResult;
        let keep = self.pos.saturating_sub(1);
        let (mut out, mut kept) = (0usize, 0usize);
        // Room for the ends of cells past MAX_CELLS, which are read and dropped.
        let mut dropped = [0usize; 64];
        loop {
            // No input tells the parser the text has ended: the next piece first, if any.
            if self.pos >= window.end() && window.more(keep) {
                continue;
            }
            let input = window.slice(self.pos, window.end());
            let full = kept == MAX_CELLS;
            let (result, nin, nout, nend) = if full {
                self.core
                    .read_record(input, &mut self.fields[out..], &mut dropped)
            } else {
                self.core
                    .read_record(input, &mut self.fields[out..], &mut self.ends[kept..])
            };
            self.pos += nin;
            if !full {
                out += nout;
                kept += nend;
            }
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grown = self.fields.len() * 2;
                    self.fields.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull if !full => {
                    let grown = (self.ends.len() * 2).min(MAX_CELLS);
                    self.ends.resize(grown, 0);
                }
                // Past MAX_CELLS: the dropped cells' text is overwritten by the next ones.
                ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => break,
                ReadRecordResult::End => return None,
            }
        }
        self.read = Read::Copied { out, kept };
        Some(self.pos)
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` below `n` (`n` at most 128). A borrow may flag bytes above
/// the first flagged, never below it, so the lowest flag is always right (and a word with no
/// flag has no such byte).
fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH
}

/// The high bit of each byte of `w` that is a quotation mark or a control byte (CR, LF,
/// tab...): flagged as [`below`] flags, the lowest always right.
fn stop_flags(w: u64) -> u64 {
    below(w ^ (ONES * u64::from(b'"')), 1) | below(w, 0x0e)
}

/// The high bit of each byte of `w` equal to `byte`, every one exactly (no borrow crosses
/// bytes: the low seven bits are added apart from the eighth).
fn equal_flags(w: u64, byte: u8) -> u64 {
    const LOW: u64 = !HIGH;
    let v = w ^ (ONES * u64::from(byte));
    !(((v & LOW) + LOW) | v | LOW)
}

/// Where the first byte of `line` from `at` that may end a cell or the line (the delimiter,
/// a quotation mark, or a control byte: CR, LF, tab...) is, or `line`'s length; read eight
/// bytes at a time, as cells are mostly several bytes long.
fn plain_bytes_from(line: &[u8], mut at: usize, delimiter: u8) -> usize {
    while let Some(word) = line
        .get(at..at + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let w = u64::from_le_bytes(word);
        let flags = below(w ^ (ONES * u64::from(delimiter)), 1) | stop_flags(w);
        if flags != 0 {
            return at + (flags.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = line.get(at..).unwrap_or_default();
    at + (tail.iter())
        .position(|&b| b == delimiter || b == b'"' || b < 0x0e)
        .unwrap_or(tail.len())
}

/// One non-blank row as [`Scan::run`] hands it on.
enum Record<'r> {
    /// The row's cells.
    Cells(&'r Cells<'r>),
    /// A row whose quotation mark, opened in its cell number `cell` (from 0), is never closed:
    /// read as it stands, it would swallow every line after it.
    Unclosed { cell: usize, last_line: bool },
}

/// How near the end of the bytes held a [`Scan`] waits for the next piece: past the longest
/// row of almost any file, so that the reader rarely reaches the end first (it then reads the
/// piece itself, the same bytes), while most of the piece is split before waiting.
const NEAR_END: usize = 64 << 10;

/// Reading a file's text record by record ([`Scan::run`]), from the start of the text or
/// from where an earlier run stopped.
#[derive(Clone)]
struct Scan {
    /// Where the text starts (after a `sep=` line).
    from: usize,
    /// Where reading goes on: where the last record handed on ended, or where reading starts
    /// again after an unclosed quotation mark.
    offset: usize,
    /// The spreadsheet row number of the last record (the text's first line is row 1).
    row: u32,
    /// How many more bytes may be read again after unclosed quotation marks.
    budget: usize,
    /// Whether the text has been read to its end (or reading stopped for good).
    done: bool,
    /// The row after which reading stopped because recovering from unclosed quotation marks
    /// would have cost more than reading the file a few times over.
    gave_up_at: Option<u32>,
    /// The end of the bytes held when reading last stopped to wait for the next piece.
    waited: usize,
}

impl Scan {
    /// Reading `window`'s text from `from`.
    fn new(window: &Window, from: usize) -> Self {
        let len = window.len().saturating_sub(from);
        Scan {
            from,
            offset: from,
            row: 0,
            budget: len.saturating_mul(4).saturating_add(1 << 20),
            done: false,
            gave_up_at: None,
            waited: usize::MAX,
        }
    }

    /// Hands every non-blank record to `on_record` with its spreadsheet row number until it
    /// returns `false`; when it does so for a row's cells, a later run goes on after that row.
    /// Wholly blank records are skipped but counted.
    ///
    /// A quotation mark that is never closed makes a CSV reader take the rest of the file as
    /// one cell. Such a row is handed on as [`Record::Unclosed`] and reading starts again on
    /// the line after the one where the quotation mark opened, so the rows after it are still
    /// read. Each fresh start re-reads the rest of the file, so the bytes re-read are bounded
    /// (a few times the file's size) and reading stops, saying so, past that.
    ///
    /// A text read in pieces is read up to [`NEAR_END`] before the end of the bytes held, then
    /// the next piece waited for ([`Window::ready`]) and reading goes on where it stopped.
    async fn run(
        &mut self,
        window: &mut Window<'_>,
        delimiter: u8,
        mut on_record: impl FnMut(u32, Record) -> bool,
    ) {
        while self.run_held(window, delimiter, &mut on_record) {
            window.ready().await;
        }
    }

    /// [`Scan::run`] without waiting: each piece is read when it is needed (the header rows,
    /// the mapping step's preview and a first reading of the dates, all rarely past the first
    /// piece or rarely asked for; the body of a table is read by [`Scan::run`]).
    fn run_now(
        &mut self,
        window: &mut Window,
        delimiter: u8,
        mut on_record: impl FnMut(u32, Record) -> bool,
    ) {
        while self.run_held(window, delimiter, &mut on_record) {}
    }

    /// [`Scan::run`] until it ends, or (`true`) until the next piece is to be waited for.
    fn run_held(
        &mut self,
        window: &mut Window,
        delimiter: u8,
        on_record: &mut impl FnMut(u32, Record) -> bool,
    ) -> bool {
        'restart: while !self.done {
            let mut reader = Reader::new(window, delimiter, self.offset);
            loop {
                let held = window.end();
                if window.in_pieces()
                    && held - reader.pos.min(held) < NEAR_END
                    && held != self.waited
                {
                    self.waited = held;
                    self.offset = reader.pos;
                    return true;
                }
                // A record begins where the previous one ended: blank lines the parser skips
                // lie between there and its first byte, and each is a spreadsheet row.
                let mut start = reader.pos;
                let Some(end) = reader.next(window) else {
                    self.done = true;
                    break 'restart;
                };
                // The parser ends a record at the CR of a CRLF; its LF is not a line of its
                // own.
                if start > self.from
                    && window.byte(start - 1) == Some(b'\r')
                    && window.byte(start) == Some(b'\n')
                {
                    start += 1;
                }
                let len = window.len();
                let end = end.min(len);
                let start = start.min(end);
                let (blank_lines, skipped) = leading_line_breaks(window.slice(start, end));
                self.row = self.row.saturating_add(1).saturating_add(blank_lines);
                let record = reader.cells(window);
                let spans_lines = record.has_line_break();
                let content_start = start + skipped;
                let at_end = end >= len;
                if at_end || spans_lines {
                    let content = window.slice(content_start, end);
                    if let Some(open) = bad_quote(content, delimiter) {
                        let resume = next_line(window, content_start + open.at, end);
                        let last_line = resume >= len;
                        let record = Record::Unclosed {
                            cell: open.cell,
                            last_line,
                        };
                        if !on_record(self.row, record) || last_line {
                            self.done = true;
                            break 'restart;
                        }
                        // Reading again from `resume` re-reads what lay between it and `end`.
                        let cost = end.saturating_sub(resume).saturating_mul(2);
                        if cost > self.budget {
                            self.gave_up_at = Some(self.row);
                            self.done = true;
                            break 'restart;
                        }
                        self.budget -= cost;
                        self.offset = resume;
                        continue 'restart;
                    }
                }
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if !on_record(self.row, Record::Cells(&record)) {
                    self.offset = end;
                    return false;
                }
            }
        }
        false
    }
}

/// Where the line holding byte `at` of the text ends, just after its line break, looking no
/// further than `end`, the end of the record holding it (the end of the text when that line
/// is the last, so `end` then).
fn next_line(window: &Window, at: usize, end: usize) -> usize {
    let line = window.slice(at, end);
    match line.iter().position(|&b| b == b'\n' || b == b'\r') {
        None => end,
        Some(i) => {
            if line[i] == b'\r' && window.byte(at + i + 1) == Some(b'\n') {
                at + i + 2
            } else {
                at + i + 1
            }
        }
    }
}

/// Counts the line breaks (CRLF, LF or CR) at the start of `bytes`; returns the count and
/// how many bytes they take.
fn leading_line_breaks(bytes: &[u8]) -> (u32, usize) {
    let mut n = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => break,
        }
        n = n.saturating_add(1);
    }
    (n, i)
}

/// Where a quoted cell that is never closed opens.
#[derive(Debug, PartialEq, Eq)]
struct OpenQuote {
    /// Offset of the quotation mark in the record.
    at: usize,
    /// The cell it opens, from 0.
    cell: usize,
}

/// In one record's bytes, a quotation mark read wrongly as opening a quoted cell: one never
/// closed (the record runs to the end of the file), or one whose cell runs over a line break
/// and is then closed by a quotation mark that is not followed by the end of the cell (a
/// stray quote paired with a later cell's). Quotes are read as the CSV reader reads them: a
/// quote opens a quoted cell only at the cell's start, `""` inside one is a literal quote,
/// and after the closing quote the cell goes on unquoted until its delimiter.
fn bad_quote(bytes: &[u8], delimiter: u8) -> Option<OpenQuote> {
    let mut open: Option<OpenQuote> = None;
    let mut across_lines = false;
    let mut cell = 0usize;
    let mut at_cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(quote) = &open {
            match b {
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => {
                    let ends_cell = match bytes.get(i + 1) {
                        None => true,
                        Some(&next) => next == delimiter || next == b'\n' || next == b'\r',
                    };
                    if across_lines && !ends_cell {
                        return Some(OpenQuote {
                            at: quote.at,
                            cell: quote.cell,
                        });
                    }
                    open = None;
                }
                b'\n' | b'\r' => across_lines = true,
                _ => {}
            }
        } else if b == b'"' && at_cell_start {
            open = Some(OpenQuote { at: i, cell });
            across_lines = false;
            at_cell_start = false;
        } else {
            if b == delimiter {
                cell += 1;
            }
            at_cell_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableKind;

    fn read_str(text: &str) -> FileRead {
        let mut out = FileRead::default();
        let mut window = Window::whole(text);
        crate::import::now(read(
            "t.csv",
            &mut window,
            &Recogniser::default(),
            false,
            &mut out,
            None,
        ));
        out
    }

    fn rows(t: &RawTable) -> Vec<(u32, Vec<&str>)> {
        t.rows()
            .map(|r| {
                (
                    r.number(),
                    (0..t.kind.columns().len()).map(|i| r.cell(i)).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn delimiters_are_ranked_by_their_count_outside_quotes() {
        assert_eq!(ranked_delimiters(b"a;b;c\n1;2;3"), vec![b';', b',', b'\t']);
        assert_eq!(
            ranked_delimiters(b"a\tb\t\"x,y,z\"\n"),
            vec![b'\t', b',', b';']
        );
        // A title line with one comma does not outvote a tab header below it.
        assert_eq!(
            ranked_delimiters(b"Episodes, 2024\nCHILD\tDECOM\tRNE\n"),
            vec![b'\t', b',', b';']
        );
        assert_eq!(ranked_delimiters(b""), vec![b',', b';', b'\t']);
    }

    #[test]
    fn row_numbers_count_blank_lines_but_not_line_breaks_inside_quotes() {
        // Row 1 header; row 2 blank (skipped, counted); row 3 has a quoted line break and is
        // one spreadsheet row; row 4 is next.
        let out = read_str(
            "CHILD,REVIEW,REVIEW_CODE\n\n\"A\r\n1\",01/01/2024,PN1\r\nB,02/01/2024,PN2\n\n",
        );
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let t = &out.tables[0];
        assert_eq!(t.kind, TableKind::Reviews);
        assert_eq!(
            rows(t),
            vec![
                (3, vec!["A\n1", "", "01/01/2024", "PN1"]),
                (4, vec!["B", "", "02/01/2024", "PN2"]),
            ]
        );
    }

    #[test]
    fn excel_sep_line_sets_the_delimiter_and_is_not_a_row() {
        let out = read_str("sep=;\r\nCHILD;REVIEW;REVIEW_CODE\r\nA;01/01/2024;PN1\r\n");
        assert_eq!(
            rows(&out.tables[0]),
            vec![(2, vec!["A", "", "01/01/2024", "PN1"])]
        );
    }

    #[test]
    fn an_unclosed_quote_on_the_last_line_is_a_rejected_row_saying_the_file_may_be_cut_short() {
        let out = read_str("CHILD,REVIEW,REVIEW_CODE\nA,01/01/2024,PN1\nB,\"02/01/20");
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let t = &out.tables[0];
        assert_eq!(rows(t).len(), 2);
        // Row 3's quotation mark opens in its second cell, REVIEW.
        let (column, reason) = t.row(1).unreadable().unwrap();
        assert_eq!((t.row(1).number(), column), (3, "REVIEW"));
        assert!(
            reason.ends_with("the file may be cut short (truncated) here"),
            "{reason}"
        );
    }

    #[test]
    fn after_an_unclosed_quote_the_next_line_is_read_as_the_next_row() {
        // Row 3 opens a quote in its fourth cell (D, a column the table does not use) that is
        // never closed; rows 4 and 5 follow, row 5 with a quoted cell of its own.
        let out = read_str(
            "CHILD,REVIEW,REVIEW_CODE,Notes\nA,01/01/2024,PN1,\nB,02/01/2024,PN2,\"oops\n\
             C,03/01/2024,PN3,\nD,04/01/2024,PN4,\"fine, really\"\n",
        );
        let t = &out.tables[0];
        let numbers: Vec<u32> = t.rows().map(|r| r.number()).collect();
        assert_eq!(numbers, [2, 3, 4, 5]);
        assert_eq!(t.row(1).unreadable().map(|u| u.0), Some("D"));
        assert_eq!((t.row(2).get("CHILD"), t.row(3).get("CHILD")), ("C", "D"));
        assert_eq!(t.row(3).unreadable(), None);
    }

    #[test]
    fn a_quote_opens_only_at_a_cell_start_and_doubled_quotes_are_literal() {
        assert_eq!(bad_quote(b"A,5'10\",x", b','), None);
        assert_eq!(bad_quote(b"A,\"say \"\"hi\"\"\",x", b','), None);
        assert_eq!(
            bad_quote(b"A,\"say \"\"hi", b','),
            Some(OpenQuote { at: 2, cell: 1 })
        );
        assert_eq!(
            bad_quote(b"\"a,b\",c;\"d", b';'),
            Some(OpenQuote { at: 8, cell: 1 })
        );
        // A cell over two lines closed properly is a real cell with a line break; closed by
        // a quote followed by more text, it was a stray quote.
        assert_eq!(bad_quote(b"A,\"x\ny\",B\n", b','), None);
        assert_eq!(bad_quote(b"A,\"x\"y,B\n", b','), None);
        assert_eq!(
            bad_quote(b"A,\"x\nC,\"y, z\"\n", b','),
            Some(OpenQuote { at: 2, cell: 1 })
        );
    }

    #[test]
    fn a_row_keeps_its_first_16384_cells() {
        let text = format!("{}\n{}x\n", "c,".repeat(20_000), "1,".repeat(20_000));
        let mut widths = Vec::new();
        let mut window = Window::whole(&text);
        let mut scan = Scan::new(&window, 0);
        let run = scan.run(&mut window, b',', |row, record| {
            if let Record::Cells(cells) = record {
                widths.push((
                    row,
                    cells.iter().count(),
                    cells.get(16_383).map(str::to_string),
                ));
            }
            true
        });
        crate::import::now(run);
        let last = |s: &str| Some(s.to_string());
        assert_eq!(
            widths,
            [(1, MAX_CELLS, last("c")), (2, MAX_CELLS, last("1"))]
        );
    }

    /// Each record of `window`'s text, as [`Reader::next`] reads it (lines in place where it
    /// can) or, with `core_only`, as csv-core alone reads it: where it ends, its cells, and
    /// whether they hold a line break.
    fn records(
        window: &mut Window,
        delimiter: u8,
        core_only: bool,
    ) -> Vec<(usize, Vec<String>, bool)> {
        let mut reader = Reader::new(window, delimiter, 0);
        let mut out = Vec::new();
        loop {
            let end = match core_only {
                true => reader.copied(window),
                false => reader.next(window),
            };
            let Some(end) = end else {
                return out;
            };
            let cells = reader.cells(window);
            out.push((
                end,
                cells.iter().map(str::to_string).collect(),
                cells.has_line_break(),
            ));
        }
    }

    #[test]
    fn lines_read_in_place_give_what_csv_core_gives() {
        // Hand-worked: after the header (read by csv-core), "A,,b c" is read in place as
        // three cells ending at byte 11 (past its CR); the LF after it is a blank line
        // skipped before "x", whose quoted cell csv-core reads; "1;2," is the last line, with
        // no line break, read in place: its cells end at the text's end (4 + 7 + 1 + 5 + 4 =
        // 21 bytes).
        let text = "H,I\nA,,b c\r\n\"x,\"\n1;2,";
        let mut window = Window::whole(text);
        let got = records(&mut window, b',', false);
        let want: Vec<(usize, Vec<String>, bool)> = vec![
            (4, vec!["H".into(), "I".into()], false),
            (11, vec!["A".into(), "".into(), "b c".into()], false),
            (17, vec!["x,".into()], false),
            (21, vec!["1;2".into(), "".into()], false),
        ];
        assert_eq!(got, want);
        assert_eq!(records(&mut Window::whole(text), b',', true), want);

        // Random texts of delimiters, quotes, line breaks, tabs, NULs and letters (one of
        // them not ASCII), read whole and in pieces of 1 to 13 bytes under each delimiter:
        // every record the same, in place or not. (Reading in place only where csv-core
        // would not copy a quote out of a cell, nor read on past a piece, is what keeps it so.)
        let alphabet = ['a', 'b', ',', ';', '\t', '"', '\r', '\n', ' ', 'é', '\0'];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..400 {
            let len = next(90);
            let body: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let text = format!("CHILD,A;B\tC\n{body}");
            for delimiter in [b',', b';', b'\t'] {
                let want = records(&mut Window::whole(&text), delimiter, true);
                let got = records(&mut Window::whole(&text), delimiter, false);
                assert_eq!(got, want, "{text:?}");
                // (A text with a NUL is binary data, read whole: see `pieces`.)
                let pieces: &[usize] = match text.contains('\0') {
                    true => &[],
                    false => &[1, 2, 3, 5, 8, 13],
                };
                for &piece in pieces {
                    let mut window = crate::import::pieces::tests::window(text.as_bytes(), piece);
                    let got = records(&mut window, delimiter, false);
                    assert_eq!(got, want, "{text:?} in pieces of {piece}");
                }
            }
        }
    }

    #[test]
    fn the_bytes_that_may_end_a_cell_are_found_eight_at_a_time_and_one_by_one() {
        let line = b"0123456789,abcdefghijklmnop\"q\tr\xc3\xa9s\r";
        // ',' at 10; 16 letters, then '"' at 27; 'q', then the tab at 29; then (past 'r' and
        // the two bytes of "é", which end nothing, and 's') the CR at 34; at 35, the end, the
        // length.
        let found: Vec<usize> = [0, 11, 28, 30, 35]
            .iter()
            .map(|&at| plain_bytes_from(line, at, b','))
            .collect();
        assert_eq!(found, [10, 27, 29, 34, 35]);
        // Under ';' the comma ends nothing.
        assert_eq!(plain_bytes_from(line, 0, b';'), 27);
        // A byte just below the first flagged one is never flagged by a borrow: '\x01'
        // above the '\0' at 7 (a borrow runs upwards only).
        assert_eq!(plain_bytes_from(b"abcdefg\0\x01", 0, b','), 7);
    }

    #[test]
    fn every_delimiter_in_a_word_is_flagged_exactly() {
        // ",a,,\x2d\xac,b" under ',' (0x2c): bytes 0, 2 and 3 and 6; the byte one above a
        // comma (0x2d) and one with the comma's low bits and the high bit (0xac) are not,
        // which a borrow-based test would flag.
        let w = u64::from_le_bytes(*b",a,,\x2d\xac,b");
        let at: Vec<u32> = (0..8)
            .filter(|i| equal_flags(w, b',') >> (8 * i + 7) & 1 == 1)
            .collect();
        assert_eq!(at, [0, 2, 3, 6]);
        // Every byte value, in every place, beside every byte value below it and above it.
        for delimiter in [b',', b';', b'\t'] {
            for place in 0..8u32 {
                for byte in 0..=255u8 {
                    for other in [0u8, 1, delimiter - 1, delimiter, delimiter + 1, 0x80, 0xff] {
                        let mut word = [other; 8];
                        word[place as usize] = byte;
                        let flags = equal_flags(u64::from_le_bytes(word), delimiter);
                        let expected = word.iter().enumerate().fold(0u64, |f, (i, &b)| {
                            f | (u64::from(b == delimiter) << (8 * i + 7))
                        });
                        assert_eq!(flags, expected, "{word:?} under {delimiter}");
                    }
                }
            }
        }
        // A word with a quotation mark or a control byte is left to be read byte by byte.
        assert_ne!(stop_flags(u64::from_le_bytes(*b"abc\"defg")), 0);
        assert_ne!(stop_flags(u64::from_le_bytes(*b"abcdefg\n")), 0);
        assert_eq!(stop_flags(u64::from_le_bytes(*b"ab,c;d\xc3\xa9")), 0);
    }

    #[test]
    fn blank_only_text_and_unrecognised_text_are_problems() {
        let out = read_str(",,\n ,\n");
        assert!(out.tables.is_empty());
        assert_eq!(
            out.problems[0].message,
            "\"t.csv\" has no rows: it is empty apart from blank lines."
        );
        let out = read_str("Name,Team\nAnn,North\n");
        assert!(out.problems[0].message.contains("is not a 903 table"));
    }

    #[test]
    fn the_header_is_searched_for_in_the_first_ten_non_blank_rows_only() {
        let mut text = String::new();
        for i in 0..10 {
            text.push_str(&format!("Title line {i}\n"));
        }
        text.push_str("CHILD,REVIEW,REVIEW_CODE\nA,01/01/2024,PN1\n");
        let out = read_str(&text);
        assert!(out.tables.is_empty());
        assert!(out.problems[0].message.contains("is not a 903 table"));
    }
}

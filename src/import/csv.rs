//! Reading a CSV (or semicolon- or tab-separated) text into one recognised 903 table.
//!
//! The text is decoded once (see `text`); records are read with the `csv` crate into one
//! reused [`StringRecord`] (validated as UTF-8 once per record), and each row's cells go
//! straight into the table's shared buffer, so a million-row export costs no allocation per
//! cell (about 0.3 s for 80 MB in release). Row numbers are those a spreadsheet shows:
//! every record counts (blank lines too), a quoted cell with line breaks is still one row,
//! and a `sep=;` line that Excel hides is not counted.

use ::csv::{ReaderBuilder, StringRecord};

use super::detect::{self, HeaderMatch};
use super::FileRead;
use crate::model::{FileProblem, Position, RawTable};

/// How many non-blank rows may sit above the header row (title lines).
const HEADER_SEARCH_ROWS: usize = 10;

/// Reads `text` (already decoded) as one table of the file `name`.
pub(crate) fn read(name: &str, text: &str, out: &mut FileRead) {
    let (text, forced) = excel_separator_line(text);
    let delimiters = match forced {
        Some(d) => vec![d],
        None => ranked_delimiters(text),
    };
    // The first delimiter (most likely first) under which a header row is recognised wins.
    let chosen = delimiters
        .iter()
        .copied()
        .find(|&d| find_header(text, d).is_some())
        .unwrap_or(delimiters[0]);
    let subject = format!("\"{name}\"");
    let mut table: Option<(RawTable, HeaderMatch)> = None;
    let mut above: Vec<Vec<String>> = Vec::new();
    let mut owned: Vec<String> = Vec::new();
    let scan = scan(text, chosen, |row, record| {
        let Some((table, header)) = table.as_mut() else {
            let cells = cells(record);
            if let Some(m) = detect::recognise(cells.iter().map(String::as_str)) {
                table = Some((
                    RawTable::new(name, name, m.kind, Position::Row, m.present()),
                    m,
                ));
                return true;
            }
            above.push(cells);
            return above.len() < HEADER_SEARCH_ROWS;
        };
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
        if !record.as_slice().contains('\r') {
            table.push_row(row, header.columns.iter().map(|&i| field(i)));
        } else {
            // A quoted cell kept a CRLF or CR line break: store it as LF, like the rest.
            owned.clear();
            owned.extend(
                header
                    .columns
                    .iter()
                    .map(|&i| field(i).replace("\r\n", "\n").replace('\r', "\n")),
            );
            table.push_row(row, owned.iter().map(String::as_str));
        }
        true
    });
    match table {
        Some((table, _)) => out.tables.push(table),
        // Cut short before any row could be read: the message below says so.
        None if above.is_empty() && scan.unclosed_quote_at.is_some() => {}
        None if above.is_empty() => out.problems.push(FileProblem {
            file: name.to_string(),
            message: format!("{subject} has no rows: it is empty apart from blank lines."),
        }),
        None => out.problems.push(FileProblem {
            file: name.to_string(),
            message: detect::explain_unrecognised(&subject, &above),
        }),
    }
    if let Some(row) = scan.unclosed_quote_at {
        out.problems.push(FileProblem {
            file: name.to_string(),
            message: format!(
                "{subject} appears to be cut short (truncated) at row {row}: a quotation mark \
                 opened there is never closed. The rows before it were read; check the file is \
                 complete and reload it."
            ),
        });
    }
}

/// A record's cells as owned text (for the few rows above and including the header).
fn cells(record: &StringRecord) -> Vec<String> {
    record.iter().map(str::to_string).collect()
}

/// Excel writes and honours a first line `sep=;` naming the delimiter, and hides that line, so
/// rows are numbered from the line after it. Returns the text after it and the delimiter.
fn excel_separator_line(text: &str) -> (&str, Option<u8>) {
    let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let line = &text[..line_end];
    let bytes = line.as_bytes();
    if bytes.len() == 5 && bytes[..4].eq_ignore_ascii_case(b"sep=") && bytes[4].is_ascii() {
        let rest = &text[line_end..];
        let rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .or_else(|| rest.strip_prefix('\r'))
            .unwrap_or(rest);
        return (rest, Some(bytes[4]));
    }
    (text, None)
}

/// Comma, semicolon and tab, most likely first: ranked by their highest count, outside
/// quotes, on any of the first non-blank lines (title lines above the header have few).
fn ranked_delimiters(text: &str) -> Vec<u8> {
    let candidates = [b',', b';', b'\t'];
    let mut best = [0usize; 3];
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut line_has_text = false;
    let mut lines = 0;
    for &b in text.as_bytes().iter().take(64 * 1024) {
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

/// Whether a header row is recognised in the first rows when split on `delimiter`.
fn find_header(text: &str, delimiter: u8) -> Option<HeaderMatch> {
    let mut found = None;
    let mut seen = 0;
    scan(text, delimiter, |_, record| {
        found = detect::recognise(cells(record).iter().map(String::as_str));
        seen += 1;
        found.is_none() && seen < HEADER_SEARCH_ROWS
    });
    found
}

/// What [`scan`] saw beyond the records it handed on.
struct Scan {
    /// Row of a last record whose quoted cell runs to the end of the file (not handed on).
    unclosed_quote_at: Option<u32>,
}

/// Hands every non-blank record to `on_record` with its spreadsheet row number (the first
/// line is row 1) until it returns `false`. Wholly blank records are skipped but counted.
fn scan(text: &str, delimiter: u8, mut on_record: impl FnMut(u32, &StringRecord) -> bool) -> Scan {
    let bytes = text.as_bytes();
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut record = StringRecord::new();
    let mut row = 0u32;
    // The text is a `str` and the reader splits it only at ASCII bytes, so no record can be
    // invalid UTF-8, and reading from memory has no I/O error: stopping on an error is only a
    // guard against looping.
    while let Ok(true) = reader.read_record(&mut record) {
        // The record's position is where the previous one ended: blank lines the reader
        // skipped lie between it and the record's first byte, and each is a spreadsheet row.
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let mut start = start.min(bytes.len());
        // The reader ends a record at the CR of a CRLF; its LF is not a line of its own.
        if start > 0 && bytes[start - 1] == b'\r' && bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let (blank_lines, content) = leading_line_breaks(&bytes[start..]);
        row = row.saturating_add(1).saturating_add(blank_lines);
        let at_end = reader.position().byte() as usize >= bytes.len();
        if at_end && ends_inside_quotes(content, delimiter) {
            return Scan {
                unclosed_quote_at: Some(row),
            };
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if !on_record(row, &record) {
            break;
        }
    }
    Scan {
        unclosed_quote_at: None,
    }
}

/// Counts the line breaks (CRLF, LF or CR) at the start of `bytes`; returns the count and
/// the rest.
fn leading_line_breaks(bytes: &[u8]) -> (u32, &[u8]) {
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
    (n, &bytes[i..])
}

/// Whether a record running to the end of the file is still inside a quoted cell there, the
/// way the CSV reader reads quotes: a quote opens a quoted cell only at the cell's start, and
/// `""` inside one is a literal quote.
fn ends_inside_quotes(bytes: &[u8], delimiter: u8) -> bool {
    let mut in_quotes = false;
    let mut at_cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == b'"' && at_cell_start {
            in_quotes = true;
            at_cell_start = false;
        } else {
            at_cell_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    in_quotes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableKind;

    fn read_str(text: &str) -> FileRead {
        let mut out = FileRead::default();
        read("t.csv", text, &mut out);
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
        assert_eq!(ranked_delimiters("a;b;c\n1;2;3"), vec![b';', b',', b'\t']);
        assert_eq!(
            ranked_delimiters("a\tb\t\"x,y,z\"\n"),
            vec![b'\t', b',', b';']
        );
        // A title line with one comma does not outvote a tab header below it.
        assert_eq!(
            ranked_delimiters("Episodes, 2024\nCHILD\tDECOM\tRNE\n"),
            vec![b'\t', b',', b';']
        );
        assert_eq!(ranked_delimiters(""), vec![b',', b';', b'\t']);
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
    fn an_unclosed_quote_at_the_end_keeps_the_rows_before_it() {
        let out = read_str("CHILD,REVIEW,REVIEW_CODE\nA,01/01/2024,PN1\nB,\"02/01/20");
        assert_eq!(rows(&out.tables[0]).len(), 1);
        assert_eq!(out.problems.len(), 1);
        assert!(out.problems[0]
            .message
            .starts_with("\"t.csv\" appears to be cut short (truncated) at row 3"));
        // A literal quote inside an unquoted cell is not an unclosed quote.
        assert!(!ends_inside_quotes(b"A,5'10\",x", b','));
        assert!(!ends_inside_quotes(b"A,\"say \"\"hi\"\"\",x", b','));
        assert!(ends_inside_quotes(b"A,\"say \"\"hi", b','));
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

//! A workbook's XML parts read into what the importer needs: the sheets in order, the shared
//! text, which cell styles are dates, the 1904 flag, and each worksheet's cells as a stream.
//!
//! The rules are calamine 0.38's, so that a workbook gives the same cells it did when
//! calamine read it (calamine stays in the tests as the oracle that checks this): the same
//! parts looked up the same way, a cell's value from its `t` attribute and its `v` or `is`
//! child, a number a date exactly when its style's number format is one, the same
//! whitespace and `_xHHHH_` escapes in text. Where calamine would stop with an error, this
//! stops too, as [`Trouble::Damaged`]. Nothing here panics: attribute values and numbers from
//! the file are parsed with checked arithmetic and looked up with `get`.
//!
//! ECMA-376 allows a part in UTF-8 or UTF-16 only. A part starting with a UTF-16 byte order
//! mark is decoded whole (by [`crate::import::text`]) and read as UTF-8; a part whose XML
//! declaration names any other encoding is refused ([`Trouble::Encoding`]) rather than read
//! as garbage. quick-xml is used without its `encoding` feature.

use std::borrow::Cow;
use std::io::{self, BufRead, Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;

use super::zip::{Archive, Part, PartFailure};

/// Why a part, or the workbook, could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Trouble {
    /// Not a workbook, or a part missing, malformed or unpackable.
    Damaged,
    /// A part holds a stretch of more than [`super::RUN_LIMIT`] without `<` or `>`.
    LongRun { part: String },
    /// A part's XML declaration names an encoding other than UTF-8 or UTF-16.
    Encoding { part: String, encoding: String },
}

/// A cell's value, as calamine's `DataRef` gave it (the variants the importer tells apart).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    Empty,
    /// Inline, formula (`str`) or shared text.
    Text(&'a str),
    /// A `t="d"` cell: an ISO 8601 date or time, as written.
    Iso(&'a str),
    Number(f64),
    /// A number whose style formats it as a date, time or duration: an Excel serial.
    Date(f64),
    Bool(bool),
    /// An error cell, as Excel shows it (`#N/A`).
    Error(&'static str),
}

/// One worksheet, chart sheet or dialog sheet, in the workbook's order.
#[derive(Clone, Debug)]
pub(crate) struct SheetRef {
    pub(crate) name: String,
    /// Its part in the archive.
    path: String,
    /// Chart and dialog sheets hold no cells.
    pub(crate) is_worksheet: bool,
}

/// An opened workbook: its directory and the parts every sheet needs.
pub(crate) struct Book<'b> {
    archive: Archive<'b>,
    strings: Vec<String>,
    /// For each cell style (`cellXfs` index), whether its number format is a date or time.
    date_styles: Vec<bool>,
    pub(crate) epoch_1904: bool,
    pub(crate) sheets: Vec<SheetRef>,
}

impl<'b> Book<'b> {
    /// Reads the directory and the workbook's parts, in calamine's order: the package
    /// relationships, shared text, styles, the workbook's relationships, the workbook.
    pub(crate) fn open(archive: Archive<'b>) -> Result<Book<'b>, Trouble> {
        let mut book = Book {
            archive,
            strings: Vec::new(),
            date_styles: Vec::new(),
            epoch_1904: false,
            sheets: Vec::new(),
        };
        let (xl_path, workbook_name) = book.package_relationships()?;
        book.shared_strings(&xl_path)?;
        book.styles(&xl_path)?;
        let relationships = book.relationships(&xl_path, &workbook_name)?;
        book.workbook(&xl_path, &workbook_name, &relationships)?;
        Ok(book)
    }

    /// Opens part `name` for XML reading; `None` when there is no such part.
    fn xml(&self, name: &str) -> Option<Result<Xml<'b>, Trouble>> {
        let entry = self.archive.find(name)?;
        let part = self.archive.open(entry);
        Some(
            part.ok_or(Trouble::Damaged)
                .and_then(|p| Xml::new(p, &entry.name)),
        )
    }

    /// `_rels/.rels`: where the workbook part is (folder, with its `/`, and file name).
    fn package_relationships(&self) -> Result<(String, String), Trouble> {
        let mut xml = self.xml("_rels/.rels").ok_or(Trouble::Damaged)??;
        let mut buf = Vec::new();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == "Relationships" => break,
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
        }
        let mut target = None;
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                    let kind = attr(&e, "Type")?;
                    if kind.is_some_and(|t| t.ends_with("/relationships/officeDocument")) {
                        if let Some(t) = attr(&e, "Target")? {
                            target = Some(unescape_attr(t)?);
                        }
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
        }
        let target = target.ok_or(Trouble::Damaged)?;
        let (dir, name) = match target.rfind('/') {
            Some(i) => target.split_at(i + 1),
            None => ("", target.as_str()),
        };
        let dir = dir.strip_prefix('/').unwrap_or(dir).to_string();
        let name = if name.is_empty() {
            "workbook.xml".to_string()
        } else {
            name.to_string()
        };
        Ok((dir, name))
    }

    /// `sharedStrings.xml`, when there is one: every `si`'s text.
    fn shared_strings(&mut self, xl_path: &str) -> Result<(), Trouble> {
        let path = format!("{xl_path}sharedStrings.xml");
        let declared = self.archive.find(&path).map_or(0, |e| e.size);
        let Some(xml) = self.xml(&path) else {
            return Ok(());
        };
        let mut xml = xml?;
        let mut buf = Vec::new();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == "sst" => {
                    // Every entry takes at least 13 bytes (`<si><t/></si>`): a count the part
                    // has no room for is a damaged or hostile file. Room is made as they are
                    // read, never for the count.
                    if let Some(count) = attr(&e, "uniqueCount")? {
                        if parse_index(count).is_some_and(|n| n as u64 > declared / 13 + 16) {
                            return Err(Trouble::Damaged);
                        }
                    }
                    break;
                }
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
        }
        let mut text = Text::default();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == "si" => {
                    let mut s = String::new();
                    text.read_rich(&mut xml, e.name().as_ref(), &mut s)?;
                    self.strings.push(s);
                }
                Event::End(e) if e.local_name().as_ref() == "sst" => break,
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
        }
        Ok(())
    }

    /// `styles.xml`, when there is one: for each `cellXfs` entry, whether its number format
    /// (a custom `numFmt` of the same id, else a built-in one) is a date or time.
    fn styles(&mut self, xl_path: &str) -> Result<(), Trouble> {
        let Some(xml) = self.xml(&format!("{xl_path}styles.xml")) else {
            return Ok(());
        };
        let mut xml = xml?;
        let mut custom: Vec<(String, bool)> = Vec::new();
        let mut buf = Vec::new();
        let mut inner = Vec::new();
        let mut skip = Vec::new();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == "numFmts" => loop {
                    match xml.next(&mut inner)? {
                        Event::Start(e) if e.local_name().as_ref() == "numFmt" => {
                            let id = attr(&e, "numFmtId")?;
                            let code = attr(&e, "formatCode")?;
                            if let (Some(id), Some(code)) = (id, code) {
                                let is_date = custom_format_is_date(&unescape_attr(code)?);
                                custom.retain(|(i, _)| i != id);
                                custom.push((id.to_string(), is_date));
                            }
                        }
                        Event::End(e) if e.local_name().as_ref() == "numFmts" => break,
                        Event::Eof => return Err(Trouble::Damaged),
                        _ => {}
                    }
                },
                Event::Start(e) if e.local_name().as_ref() == "cellXfs" => loop {
                    match xml.next(&mut inner)? {
                        Event::Start(e) if e.local_name().as_ref() == "xf" => {
                            let is_date = attr(&e, "numFmtId")?.is_some_and(|id| {
                                match custom.iter().find(|(i, _)| i == id) {
                                    Some(&(_, is_date)) => is_date,
                                    None => builtin_format_is_date(id),
                                }
                            });
                            self.date_styles.push(is_date);
                            xml.skip_to_end(e.name().as_ref(), &mut skip)?;
                        }
                        Event::End(e) if e.local_name().as_ref() == "cellXfs" => break,
                        Event::Eof => return Err(Trouble::Damaged),
                        _ => {}
                    }
                },
                Event::End(e) if e.local_name().as_ref() == "styleSheet" => break,
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
        }
        Ok(())
    }

    /// The workbook's relationships: id, target (as written) and type.
    fn relationships(
        &self,
        xl_path: &str,
        workbook_name: &str,
    ) -> Result<Vec<(String, String, String)>, Trouble> {
        let path = format!("{xl_path}_rels/{workbook_name}.rels");
        let mut xml = self.xml(&path).ok_or(Trouble::Damaged)??;
        let mut out: Vec<(String, String, String)> = Vec::new();
        let mut buf = Vec::new();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                    if let Some(id) = attr(&e, "Id")? {
                        let kind = attr(&e, "Type")?.unwrap_or_default().to_string();
                        let target = attr(&e, "Target")?.unwrap_or_default().to_string();
                        out.retain(|(i, _, _)| i != id);
                        out.push((id.to_string(), target, kind));
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
        }
        Ok(out)
    }

    /// The workbook part: its sheets in order and the 1904 flag. A workbook without the
    /// part has no sheets.
    fn workbook(
        &mut self,
        xl_path: &str,
        workbook_name: &str,
        relationships: &[(String, String, String)],
    ) -> Result<(), Trouble> {
        let Some(xml) = self.xml(&format!("{xl_path}{workbook_name}")) else {
            return Ok(());
        };
        let mut xml = xml?;
        let mut buf = Vec::new();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                    let mut name = String::new();
                    let mut rel_id = "";
                    for pair in RawAttrs(e.attributes_raw()) {
                        let (key, value) = pair?;
                        match key {
                            "name" => name = unescape_attr(value)?,
                            "state" if !matches!(value, "visible" | "hidden" | "veryHidden") => {
                                return Err(Trouble::Damaged)
                            }
                            _ if local_name_is(key, "id") => rel_id = value,
                            _ => {}
                        }
                    }
                    let (_, target, kind) = relationships
                        .iter()
                        .find(|(id, _, _)| id == rel_id)
                        .ok_or(Trouble::Damaged)?;
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("{xl_path}{target}"),
                    };
                    let is_worksheet = match kind.rsplit('/').next() {
                        Some("worksheet") => true,
                        Some("chartsheet" | "dialogsheet") => false,
                        _ => return Err(Trouble::Damaged),
                    };
                    self.sheets.push(SheetRef {
                        name,
                        path,
                        is_worksheet,
                    });
                }
                Event::Start(e) if e.local_name().as_ref() == "workbookPr" => {
                    // `x15:workbookPr` in an extension list shares the name and has no flag.
                    if let Some(v) = attr(&e, "date1904")? {
                        self.epoch_1904 = v == "1" || v == "true";
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "workbook" => break,
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
        }
        Ok(())
    }

    /// The cells of `sheet`, positioned at the start of its `sheetData`.
    pub(crate) fn cells(&self, sheet: &SheetRef) -> Result<Cells<'_, 'b>, Trouble> {
        let mut xml = self.xml(&sheet.path).ok_or(Trouble::Damaged)??;
        let mut buf = Vec::new();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) => match e.local_name().as_ref() {
                    "dimension" => {
                        let range = attr(&e, "ref")?.ok_or(Trouble::Damaged)?;
                        let mut corners = range.split(':');
                        let count = corners.clone().count();
                        if !(1..=2).contains(&count) || corners.any(|c| cell_position(c).is_none())
                        {
                            return Err(Trouble::Damaged);
                        }
                    }
                    "sheetData" => break,
                    _ => {}
                },
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
        }
        Ok(Cells {
            book: self,
            xml,
            row: 0,
            column: 0,
            buf,
            cell_buf: Vec::new(),
            text: Text::default(),
            value: String::new(),
        })
    }
}

/// A worksheet's cells in the order the file holds them.
pub(crate) struct Cells<'w, 'b> {
    book: &'w Book<'b>,
    xml: Xml<'b>,
    /// Where a cell without `r` goes: the row being read, and the column after the last cell.
    row: u32,
    column: u32,
    buf: Vec<u8>,
    cell_buf: Vec<u8>,
    text: Text,
    /// The current cell's text, when its value is text of its own.
    value: String,
}

/// One cell: row and column from 0, and its value.
pub(crate) struct Cell<'a> {
    pub(crate) row: u32,
    pub(crate) column: u32,
    pub(crate) value: Value<'a>,
}

impl Cells<'_, '_> {
    /// The next cell, `None` at the end of `sheetData`; an error when the rest of the sheet
    /// cannot be read.
    pub(crate) fn next_cell(&mut self) -> Result<Option<Cell<'_>>, Trouble> {
        let Cells {
            book,
            xml,
            row: next_row,
            column: next_column,
            buf,
            cell_buf,
            text,
            value: own_text,
        } = self;
        loop {
            // Each event's local name is found once (it searches for a `:`).
            let e = match xml.next(buf)? {
                Event::Start(e) => e,
                Event::End(e) => match e.local_name().as_ref() {
                    "row" => {
                        *next_row = next_row.saturating_add(1);
                        *next_column = 0;
                        continue;
                    }
                    "sheetData" => return Ok(None),
                    _ => continue,
                },
                Event::Eof => return Err(Trouble::Damaged),
                _ => continue,
            };
            match e.local_name().as_ref() {
                "row" => {
                    if let Some(r) = attr(&e, "r")? {
                        *next_row = row_number(r).ok_or(Trouble::Damaged)?;
                    }
                }
                "c" => {
                    let mut position = None;
                    let mut style = None;
                    let mut kind = None;
                    for pair in RawAttrs(e.attributes_raw()) {
                        match pair? {
                            ("r", v) => position = Some(v),
                            ("s", v) => style = Some(parse_index(v).unwrap_or(0)),
                            ("t", v) => kind = Some(CellType::of(v)),
                            _ => {}
                        }
                    }
                    let (row, column) = match position {
                        Some(r) => cell_position(r).ok_or(Trouble::Damaged)?,
                        None => (*next_row, *next_column),
                    };
                    *next_column = column;
                    // calamine's rule: no style is General; a style past the list is too.
                    let is_date =
                        style.is_some_and(|s| book.date_styles.get(s).copied().unwrap_or(false));
                    let mut value = Slot::Empty;
                    loop {
                        match xml.next(cell_buf)? {
                            Event::Start(child) => {
                                value = read_value(xml, buf, text, own_text, &child, kind)?;
                            }
                            Event::End(end) if end.local_name().as_ref() == "c" => break,
                            Event::Eof => return Err(Trouble::Damaged),
                            _ => {}
                        }
                    }
                    *next_column = next_column.saturating_add(1);
                    let value = match value {
                        Slot::Empty => Value::Empty,
                        Slot::Text => Value::Text(own_text),
                        Slot::Iso => Value::Iso(own_text),
                        Slot::Shared(i) => Value::Text(
                            book.strings
                                .get(i)
                                .map(String::as_str)
                                .ok_or(Trouble::Damaged)?,
                        ),
                        Slot::Number(f) if is_date => Value::Date(f),
                        Slot::Number(f) => Value::Number(f),
                        Slot::Bool(b) => Value::Bool(b),
                        Slot::Error(e) => Value::Error(e),
                    };
                    return Ok(Some(Cell { row, column, value }));
                }
                _ => {}
            }
        }
    }
}

/// A cell's child element (`v`, `is` or `f`): its value, calamine's way. Reads to the
/// child's end.
fn read_value(
    xml: &mut Xml<'_>,
    buf: &mut Vec<u8>,
    text: &mut Text,
    own_text: &mut String,
    child: &BytesStart<'_>,
    kind: Option<CellType>,
) -> Result<Slot, Trouble> {
    let end = child.name();
    let end = end.as_ref();
    match child.local_name().as_ref() {
        "is" => {
            own_text.clear();
            text.read_rich(xml, end, own_text)?;
            Ok(Slot::Text)
        }
        "v" if kind == Some(CellType::Inline) => {
            xml.skip_to_end(end, buf)?;
            Ok(Slot::Empty)
        }
        "v" if matches!(
            kind,
            None | Some(CellType::Number | CellType::Shared | CellType::Bool | CellType::Error)
        ) =>
        {
            // Plain ASCII in these types: the first text as written, the rest skipped.
            let mut value = Slot::Empty;
            match xml.next(buf)? {
                Event::Text(t) => value = plain_value(&t, kind, own_text)?,
                Event::End(e) if e.name().as_ref() == end => return Ok(Slot::Empty),
                Event::Eof => return Err(Trouble::Damaged),
                _ => {}
            }
            xml.skip_to_end(end, buf)?;
            Ok(value)
        }
        "v" => {
            // `str`, `d` and unknown types: the whole text, references resolved.
            own_text.clear();
            loop {
                match xml.next(buf)? {
                    Event::Text(t) => own_text.push_str(&t.xml10_content()),
                    Event::GeneralRef(r) => push_reference(&r, own_text)?,
                    Event::End(e) if e.name().as_ref() == end => break,
                    Event::Eof => return Err(Trouble::Damaged),
                    _ => {}
                }
            }
            match kind {
                Some(CellType::Iso) => Ok(Slot::Iso),
                Some(CellType::Formula) => {
                    if let Cow::Owned(s) = unescape_excel(own_text) {
                        *own_text = s;
                    }
                    Ok(Slot::Text)
                }
                _ => Err(Trouble::Damaged),
            }
        }
        "f" => {
            xml.skip_to_end(end, buf)?;
            Ok(Slot::Empty)
        }
        _ => Err(Trouble::Damaged),
    }
}

/// Where a cell's value is while its element is read to the end.
enum Slot {
    Empty,
    /// In the reader's text buffer.
    Text,
    Iso,
    Shared(usize),
    Number(f64),
    Bool(bool),
    Error(&'static str),
}

/// A cell's `t` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CellType {
    Number,
    Shared,
    Bool,
    Error,
    Formula,
    Iso,
    Inline,
    Unknown,
}

impl CellType {
    fn of(t: &str) -> CellType {
        match t {
            "n" => CellType::Number,
            "s" => CellType::Shared,
            "b" => CellType::Bool,
            "e" => CellType::Error,
            "str" => CellType::Formula,
            "d" => CellType::Iso,
            "inlineStr" | "is" => CellType::Inline,
            _ => CellType::Unknown,
        }
    }
}

/// The value of a `v` in a number, shared text, boolean or error cell (or one without `t`).
fn plain_value(v: &str, kind: Option<CellType>, text: &mut String) -> Result<Slot, Trouble> {
    match kind {
        Some(CellType::Shared) => {
            if v.is_empty() {
                return Ok(Slot::Empty);
            }
            // calamine reads an index it cannot parse as 0.
            Ok(Slot::Shared(parse_index(v).unwrap_or(0)))
        }
        Some(CellType::Bool) => {
            let b = v.trim();
            if b.is_empty() {
                Ok(Slot::Empty)
            } else if b == "0" || b.eq_ignore_ascii_case("false") {
                Ok(Slot::Bool(false))
            } else if b == "1" || b.eq_ignore_ascii_case("true") {
                Ok(Slot::Bool(true))
            } else {
                Err(Trouble::Damaged)
            }
        }
        Some(CellType::Error) => ERRORS
            .iter()
            .find(|&&e| e == v)
            .map(|&e| Slot::Error(e))
            .ok_or(Trouble::Damaged),
        _ => {
            if v.is_empty() {
                return Ok(Slot::Empty);
            }
            match v.parse::<f64>() {
                Ok(f) => Ok(Slot::Number(f)),
                // Without a type, what is not a number is text.
                Err(_) if kind.is_none() => {
                    text.clear();
                    text.push_str(v);
                    Ok(Slot::Text)
                }
                Err(_) => Err(Trouble::Damaged),
            }
        }
    }
}

/// The error values an error cell may hold.
const ERRORS: [&str; 7] = [
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
];

/// Reads rich text (`si` or `is`): every `t` outside phonetic runs (`rPh`), trimmed of ASCII
/// whitespace unless `xml:space="preserve"`, with Excel's `_xHHHH_` escapes resolved.
#[derive(Default)]
struct Text {
    buf: Vec<u8>,
    inner: Vec<u8>,
}

impl Text {
    /// Appends the text up to the end tag `closing` to `out`.
    fn read_rich(
        &mut self,
        xml: &mut Xml<'_>,
        closing: &str,
        out: &mut String,
    ) -> Result<(), Trouble> {
        let mut phonetic = false;
        loop {
            let e = match xml.next(&mut self.buf)? {
                Event::Start(e) => e,
                Event::End(e) if e.name().as_ref() == closing => return Ok(()),
                Event::End(e) if e.local_name().as_ref() == "rPh" => {
                    phonetic = false;
                    continue;
                }
                Event::Eof => return Err(Trouble::Damaged),
                _ => continue,
            };
            match e.local_name().as_ref() {
                "rPh" => phonetic = true,
                "t" if !phonetic => {
                    let preserve = attr(&e, "xml:space")? == Some("preserve");
                    let from = out.len();
                    loop {
                        match xml.next(&mut self.inner)? {
                            Event::Text(t) => out.push_str(&t.xml10_content()),
                            Event::CData(t) => out.push_str(&t.xml10_content()),
                            Event::GeneralRef(r) => push_reference(&r, out)?,
                            Event::End(end) if end.name() == e.name() => break,
                            Event::Eof => return Err(Trouble::Damaged),
                            _ => {}
                        }
                    }
                    finish_run(out, from, preserve);
                }
                _ => {}
            }
        }
    }
}

/// Trims (unless `preserve`) and unescapes the text appended to `out` from byte `from`, in
/// place: most text needs neither, and then nothing is copied.
fn finish_run(out: &mut String, from: usize, preserve: bool) {
    let Some(run) = out.get(from..) else {
        return;
    };
    let ws = [' ', '\t', '\r', '\n'];
    let (start, stop) = if preserve {
        (0, run.len())
    } else {
        let stop = run.trim_end_matches(ws).len();
        let start = stop - run[..stop].trim_start_matches(ws).len();
        (start, stop)
    };
    let kept = run.get(start..stop).unwrap_or_default();
    if let Cow::Owned(unescaped) = unescape_excel(kept) {
        out.truncate(from);
        out.push_str(&unescaped);
        return;
    }
    out.truncate(from + stop);
    if start > 0 {
        out.replace_range(from..from + start, "");
    }
}

/// `&amp;`, `&#233;`...: the five XML entities and character references; any other is an
/// error, as in calamine.
fn push_reference(r: &BytesRef<'_>, out: &mut String) -> Result<(), Trouble> {
    if let Some(s) = quick_xml::escape::resolve_xml_entity(r) {
        out.push_str(s);
        return Ok(());
    }
    match r.resolve_char_ref() {
        Ok(Some(c)) => {
            out.push(c);
            Ok(())
        }
        _ => Err(Trouble::Damaged),
    }
}

/// An attribute value with its entities resolved.
fn unescape_attr(value: &str) -> Result<String, Trouble> {
    quick_xml::escape::unescape(value)
        .map(Cow::into_owned)
        .map_err(|_| Trouble::Damaged)
}

/// Excel's escapes in text: `_x000D_` is a carriage return (four hex digits, a UTF-16 unit;
/// two in a row for a character outside the BMP), and `_x005F_` a literal `_`.
fn unescape_excel(text: &str) -> Cow<'_, str> {
    let Some(first) = find_escape(text, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut next = Some(first);
    while let Some((at, unit)) = next {
        out.push_str(text.get(copied..at).unwrap_or_default());
        let mut after = at + ESCAPE_LEN;
        match unit {
            0xD800..=0xDBFF => match escape_at(text, after) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let c =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                    after += ESCAPE_LEN;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            _ => out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = after;
        next = find_escape(text, after);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// The length of `_xHHHH_`.
const ESCAPE_LEN: usize = 7;

/// The first `_xHHHH_` at or after byte `from`: where, and its UTF-16 unit.
fn find_escape(text: &str, from: usize) -> Option<(usize, u16)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(offset) = bytes.get(at..)?.iter().position(|&b| b == b'_') {
        let found = at + offset;
        if let Some(unit) = escape_at(text, found) {
            return Some((found, unit));
        }
        at = found + 1;
    }
    None
}

fn escape_at(text: &str, at: usize) -> Option<u16> {
    let b = text.as_bytes().get(at..at.checked_add(ESCAPE_LEN)?)?;
    if b[0] != b'_' || b[1] != b'x' || b[6] != b'_' {
        return None;
    }
    let hex = std::str::from_utf8(&b[2..6]).ok()?;
    if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u16::from_str_radix(hex, 16).ok()
}

/// A style or shared text index: ASCII digits only, as calamine's parser takes them.
fn parse_index(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `B12` as (row, column) from 0; `None` when it is not a cell reference.
pub(crate) fn cell_position(r: &str) -> Option<(u32, u32)> {
    let (row, column) = row_and_column(r)?;
    Some((row, column?))
}

/// The row (from 0) of `12` or `B12`.
fn row_number(r: &str) -> Option<u32> {
    row_and_column(r).map(|(row, _)| row)
}

fn row_and_column(r: &str) -> Option<(u32, Option<u32>)> {
    let bytes = r.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (column_part, row_part) = bytes.split_at(letters);
    let mut column: u32 = 0;
    for &c in column_part {
        let digit = u32::from(c.to_ascii_uppercase() - b'A') + 1;
        column = column.checked_mul(26)?.checked_add(digit)?;
    }
    if row_part.is_empty() || !row_part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut row: u32 = 0;
    for &d in row_part {
        row = row.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
    }
    Some((row.checked_sub(1)?, column.checked_sub(1)))
}

/// calamine's test of a custom number format (the first section only): a date or time when
/// `d`, `m`, `y`, `h` or `s` appears outside quotes, brackets and escapes, or an AM/PM marker;
/// a duration when the format is `[h]`, `[mm]`, `[s]`... Both read as dates here.
pub(crate) fn custom_format_is_date(format: &str) -> bool {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut am_pm = false;
    for c in format.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            escaped = true;
        } else if quoted {
            if c == '"' {
                quoted = false;
            }
        } else if c == '"' {
            quoted = true;
        } else if c == ';' {
            return false;
        } else if c == '[' {
            brackets = brackets.saturating_add(1);
        } else if c == ']' && brackets == 1 && hms {
            return true;
        } else if c == ']' {
            brackets = brackets.saturating_sub(1);
        } else if brackets == 0 && !am_pm && matches!(c, 'a' | 'A') {
            am_pm = true;
        } else if brackets == 0
            && if am_pm {
                matches!(c, 'p' | 'm' | '/' | 'P' | 'M')
            } else {
                matches!(c, 'd' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S')
            }
        {
            // After an `a` (AM/PM), `p`, `m` or `/`; before it, any date or time letter.
            return true;
        } else if !(hms && c.eq_ignore_ascii_case(&prev)) {
            hms = prev == '[' && matches!(c, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
        }
        prev = c;
    }
    false
}

/// calamine's built-in date and time formats (ECMA-376 18.8.30, and the East Asian ones), by
/// the id as written: 14-22, 27-36, 45-47 (46 a duration) and 50-58.
fn builtin_format_is_date(id: &str) -> bool {
    id.len() == 2
        && id.bytes().all(|b| b.is_ascii_digit())
        && matches!(id.parse::<u8>(), Ok(14..=22 | 27..=36 | 45..=47 | 50..=58))
}

/// An attribute by exact key.
fn attr<'a>(e: &'a BytesStart<'_>, key: &str) -> Result<Option<&'a str>, Trouble> {
    for pair in RawAttrs(e.attributes_raw()) {
        let (k, v) = pair?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// `id` or `r:id` for `id`.
fn local_name_is(key: &str, local: &str) -> bool {
    key == local
        || key
            .strip_suffix(local)
            .is_some_and(|prefix| prefix.ends_with(':'))
}

/// A tag's attributes as raw `(key, value)` pairs (values not unescaped), as calamine reads
/// them: a key without `=` or a value without quotes is an error.
struct RawAttrs<'a>(&'a str);

impl<'a> Iterator for RawAttrs<'a> {
    type Item = Result<(&'a str, &'a str), Trouble>;

    fn next(&mut self) -> Option<Self::Item> {
        // Byte by byte: every boundary found is an ASCII byte, so slicing there is safe.
        let raw = self.0;
        let bytes = raw.as_bytes();
        let mut at = 0;
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if at == bytes.len() {
            self.0 = "";
            return None;
        }
        let key_start = at;
        while bytes.get(at).is_some_and(|&b| b != b'=') {
            at += 1;
        }
        let (Some(key), Some(_)) = (raw.get(key_start..at), bytes.get(at)) else {
            self.0 = "";
            return Some(Err(Trouble::Damaged));
        };
        at += 1;
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let quote = match bytes.get(at) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                self.0 = "";
                return Some(Err(Trouble::Damaged));
            }
        };
        at += 1;
        let value_start = at;
        while bytes.get(at).is_some_and(|&b| b != quote) {
            at += 1;
        }
        let value = raw.get(value_start..at).unwrap_or_default();
        self.0 = raw.get(at + 1..).unwrap_or_default();
        Some(Ok((key.trim_ascii_end(), value)))
    }
}

/// A part's bytes: unpacked as read, or decoded whole (UTF-16).
enum Source<'b> {
    Packed(Part<'b>),
    Decoded(Cursor<Vec<u8>>),
}

impl Read for Source<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Packed(p) => p.read(out),
            Source::Decoded(c) => c.read(out),
        }
    }
}

impl BufRead for Source<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Source::Packed(p) => p.fill_buf(),
            Source::Decoded(c) => c.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        match self {
            Source::Packed(p) => p.consume(n),
            Source::Decoded(c) => c.consume(n),
        }
    }
}

/// One XML part being read, configured as calamine configures quick-xml (empty elements
/// given as a start and an end, text untrimmed, end names unchecked).
struct Xml<'b> {
    reader: Reader<Source<'b>>,
    /// The part's name, for messages.
    part: String,
}

impl<'b> Xml<'b> {
    fn new(mut part: Part<'b>, name: &str) -> Result<Xml<'b>, Trouble> {
        let trouble = |p: &Part<'_>| match p.failure() {
            Some(PartFailure::LongRun) => Trouble::LongRun {
                part: name.to_string(),
            },
            _ => Trouble::Damaged,
        };
        let start = match part.fill_buf() {
            Ok(bytes) => bytes.get(..2).map(|b| [b[0], b[1]]),
            Err(_) => return Err(trouble(&part)),
        };
        let source = if matches!(start, Some([0xFF, 0xFE] | [0xFE, 0xFF])) {
            let bytes = part.read_all().map_err(|_| trouble(&part))?;
            let (text, _) = super::super::text::decode(&bytes).map_err(|_| Trouble::Damaged)?;
            Source::Decoded(Cursor::new(text.into_owned().into_bytes()))
        } else {
            Source::Packed(part)
        };
        let mut reader = Reader::from_reader(source);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        config.expand_empty_elements = true;
        Ok(Xml {
            reader,
            part: name.to_string(),
        })
    }

    /// The next event, with the XML declaration's encoding checked.
    fn next<'x>(&mut self, buf: &'x mut Vec<u8>) -> Result<Event<'x>, Trouble> {
        buf.clear();
        match self.reader.read_event_into(buf) {
            Ok(Event::Decl(d)) => {
                let decoded = matches!(self.reader.get_ref(), Source::Decoded(_));
                if let Some(Ok(encoding)) = d.encoding() {
                    let lower = encoding.to_ascii_lowercase();
                    let fine = matches!(
                        lower.as_str(),
                        "utf-8" | "utf8" | "utf-16" | "utf-16le" | "utf-16be" | "unicode"
                    );
                    if !fine && !decoded {
                        return Err(Trouble::Encoding {
                            part: self.part.clone(),
                            encoding: encoding.into_owned(),
                        });
                    }
                }
                Ok(Event::Decl(d))
            }
            Ok(event) => Ok(event),
            Err(_) => Err(self.trouble()),
        }
    }

    /// Skips to the end of the element whose start was just read (full name `end`).
    fn skip_to_end(&mut self, end: &str, buf: &mut Vec<u8>) -> Result<(), Trouble> {
        buf.clear();
        match self.reader.read_to_end_into(QName(end), buf) {
            Ok(_) => Ok(()),
            Err(_) => Err(self.trouble()),
        }
    }

    fn trouble(&self) -> Trouble {
        match self.reader.get_ref() {
            Source::Packed(p) if p.failure() == Some(PartFailure::LongRun) => Trouble::LongRun {
                part: self.part.clone(),
            },
            _ => Trouble::Damaged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_and_their_limits() {
        assert_eq!(cell_position("A1"), Some((0, 0)));
        assert_eq!(cell_position("xfd1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_position("B"), None);
        assert_eq!(cell_position("12"), None);
        assert_eq!(cell_position("A0"), None);
        assert_eq!(cell_position("A1B"), None);
        assert_eq!(cell_position("A99999999999"), None);
        assert_eq!(cell_position(&"Z".repeat(30)), None);
        assert_eq!(row_number("12"), Some(11));
    }

    #[test]
    fn number_formats_are_dates_as_calamine_decides() {
        for date in [
            "DD/MM/YY",
            "H:MM:SS;@",
            "m\"M\"d\"D\";@",
            "[h]:mm:ss",
            "[ss]",
            "yyyy-mm-dd",
        ] {
            assert!(custom_format_is_date(date), "{date}");
        }
        for other in [
            "0.00",
            "#,##0\\ [$\\u20bd-46D]",
            "\\Y000000",
            "#,##0.0####\" YMD\"",
            "@",
        ] {
            assert!(!custom_format_is_date(other), "{other}");
        }
        assert!(builtin_format_is_date("14") && builtin_format_is_date("46"));
        assert!(!builtin_format_is_date("0") && !builtin_format_is_date("49"));
    }

    #[test]
    fn excel_escapes_in_text() {
        assert_eq!(unescape_excel("a_x000D_b"), "a\rb");
        assert_eq!(unescape_excel("_x005F_x000D_"), "_x000D_");
        assert_eq!(unescape_excel("_xD83D__xDCF7_"), "\u{1F4F7}");
        assert_eq!(unescape_excel("_xD83D_"), "\u{FFFD}");
        assert_eq!(unescape_excel("plain_x00"), "plain_x00");
    }

    #[test]
    fn raw_attributes_as_calamine_reads_them() {
        let pairs: Vec<_> = RawAttrs(r#" r="A1" s = '3' t="s""#).collect();
        assert_eq!(pairs, [Ok(("r", "A1")), Ok(("s", "3")), Ok(("t", "s"))]);
        assert_eq!(RawAttrs(" r").next(), Some(Err(Trouble::Damaged)));
        assert_eq!(RawAttrs(" r=A1").next(), Some(Err(Trouble::Damaged)));
    }
}

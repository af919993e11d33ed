//! Reading the DfE "Expanded SSDA903" XML return (root `EXPSSDA903`) into the same tables
//! the CSV and XLSX readers make.
//!
//! Each `CHILD` has a `HEADER` (child details, AD1 and OC3 items, repeated `AMISSING` and
//! `AREVIEW`, `PERMANENCE`, `OC2`, repeated `AD_PLACED`) and repeated `EPISODE`s. Tag names
//! are matched case-insensitively, and a missing optional element reads as blank. Rows carry
//! the line of the element they come from ([`Position::Line`]).
//!
//! The text is read as a stream of tags (quick-xml, which also reads workbooks' parts), never as
//! a tree, so memory follows one `CHILD` at a time, not the whole file. A document type
//! declaration (`<!DOCTYPE`) is refused: the DfE's XML has none, and entities declared there
//! are how a small file expands to gigabytes. Every element that holds a record (the eight
//! above) is accounted for: in its place it gives a row; anywhere else (an `EPISODE` outside a
//! `CHILD`, a second `HEADER`, a `CHILD` inside an element the return does not have) it is
//! listed as a rejected row saying where it was. The text must already be decoded.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::FileRead;
use crate::model::{shorten, FileProblem, Position, RawTable, TableKind};

/// Each table's columns as the XML spells them, when not as the CSV does.
fn xml_tag(kind: TableKind, column: &'static str) -> &'static str {
    match (kind, column) {
        (_, "CHILD") => "CHILDID",
        (TableKind::Episodes, "PLACE") => "PL",
        _ => column,
    }
}

/// Whether the XML format has this column: the DfE-side episode columns are not in the
/// return, so they are not `present` (distances are then worked out from the postcodes).
fn defined_in_xml(column: &str) -> bool {
    !matches!(column, "PL_DISTANCE" | "PL_LA" | "PL_LOCATION")
}

/// The elements that hold a record, and where the return has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RecordTag {
    Child,
    Header,
    Episode,
    /// `AMISSING`, `AREVIEW`, `PERMANENCE`, `OC2`, `AD_PLACED`: inside `HEADER`, a row each.
    Nested(TableKind),
}

impl RecordTag {
    fn of(name: &str) -> Option<RecordTag> {
        let is = |tag: &str| name.eq_ignore_ascii_case(tag);
        Some(if is("CHILD") {
            RecordTag::Child
        } else if is("HEADER") {
            RecordTag::Header
        } else if is("EPISODE") {
            RecordTag::Episode
        } else if is("AMISSING") {
            RecordTag::Nested(TableKind::Missing)
        } else if is("AREVIEW") {
            RecordTag::Nested(TableKind::Reviews)
        } else if is("PERMANENCE") {
            RecordTag::Nested(TableKind::PreviousPermanence)
        } else if is("OC2") {
            RecordTag::Nested(TableKind::Oc2)
        } else if is("AD_PLACED") {
            RecordTag::Nested(TableKind::PlacedForAdoption)
        } else {
            return None;
        })
    }

    /// The element the return has this one directly inside.
    fn parent(self) -> &'static str {
        match self {
            RecordTag::Child => "EXPSSDA903",
            RecordTag::Header | RecordTag::Episode => "CHILD",
            RecordTag::Nested(_) => "HEADER",
        }
    }
}

/// Line numbers of byte offsets, for offsets met in increasing order (document order).
struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: u32,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> u32 {
        let end = offset.min(self.text.len());
        if end > self.offset {
            let breaks = self.text[self.offset..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line = self.line.saturating_add(breaks as u32);
            self.offset = end;
        }
        self.line
    }
}

/// A record element being read or read: its tag, line, fields and, when it is out of its
/// place, why it is not used.
#[derive(Debug)]
struct Record {
    tag: RecordTag,
    line: u32,
    /// Each field element directly inside, upper-cased tag and text, in file order.
    fields: Vec<(String, String)>,
    /// Why the record is not used, as its rejected row says it.
    rejected: Option<String>,
    /// What first put it (or the record it is inside) out of use, for the records inside it.
    cause: Option<String>,
}

impl Record {
    /// The text of the first field with this tag; blank when there is none.
    fn value(&self, tag: &str) -> &str {
        self.fields
            .iter()
            .find(|(t, _)| t == tag)
            .map_or("", |(_, v)| v.trim())
    }

    fn any_value(&self, tags: &[&str]) -> bool {
        tags.iter().any(|t| !self.value(t).is_empty())
    }
}

/// The records of one `CHILD` (or those outside any), held until it closes, because a
/// `HEADER` may come after the `EPISODE`s that take the child's ID from it.
#[derive(Debug, Default)]
struct Group {
    records: Vec<Record>,
    /// The record that is the group's header, when it has one in its place.
    header: Option<usize>,
}

/// What an open element is.
#[derive(Debug)]
enum Open {
    /// A record element: its index in the group on top of `groups`.
    Record(usize),
    /// A field of the record with that index: its text is gathered.
    Field(usize),
    /// Anything else (the root, a wrapper, an element inside a field...).
    Other,
}

/// One open element: its name as written (for messages) and what it is.
#[derive(Debug)]
struct Element {
    name: String,
    open: Open,
}

/// The tables being built from one XML file, one per [`TableKind::RETURN`] entry.
struct Tables {
    tables: Vec<RawTable>,
}

impl Tables {
    fn new(file: &str) -> Self {
        let tables = TableKind::RETURN
            .iter()
            .map(|&kind| {
                let present = kind.columns().iter().map(|c| defined_in_xml(c)).collect();
                RawTable::new(file, file, kind, Position::Line, present)
            })
            .collect();
        Tables { tables }
    }

    fn table(&mut self, kind: TableKind) -> &mut RawTable {
        // Every kind is in RETURN (the XML holds no other), so the default is never used.
        let i = TableKind::RETURN
            .iter()
            .position(|&k| k == kind)
            .unwrap_or_default();
        &mut self.tables[i]
    }

    /// Adds a row of `kind` whose cells come from `element`, except CHILD and DOB (and SEX
    /// for UASC), which come from the child's HEADER.
    fn push(&mut self, kind: TableKind, line: u32, header: Option<&Record>, element: &Record) {
        let from_header = |c: &str| c == "CHILD" || c == "DOB" || c == "SEX";
        let cells: Vec<&str> = kind
            .columns()
            .iter()
            .map(|&c| {
                let source = if from_header(c) {
                    header
                } else {
                    Some(element)
                };
                source.map_or("", |r| r.value(xml_tag(kind, c)))
            })
            .collect();
        self.table(kind).push_row(line, cells);
    }

    /// The rows one group gives, in document order.
    fn group(&mut self, group: Group) {
        let header = group.header.and_then(|i| group.records.get(i));
        for record in &group.records {
            let kind = match record.tag {
                // A CHILD holds records but is not one.
                RecordTag::Child => continue,
                RecordTag::Header => TableKind::Header,
                RecordTag::Episode => TableKind::Episodes,
                RecordTag::Nested(kind) => {
                    let columns = &kind.columns()[1..];
                    let has_dob = columns.first() == Some(&"DOB");
                    let items = if has_dob { &columns[1..] } else { columns };
                    // A self-closed <PERMANENCE/> or <OC2/> says nothing: no row.
                    if !record.any_value(items) {
                        continue;
                    }
                    kind
                }
            };
            if let Some(reason) = &record.rejected {
                self.table(kind)
                    .push_unreadable(record.line, "CHILD", reason.clone());
                continue;
            }
            self.push(kind, record.line, header, record);
            if record.tag == RecordTag::Header {
                self.header_items(record);
            }
        }
    }

    /// The UASC, AD1 and OC3 rows that a child's HEADER element gives.
    fn header_items(&mut self, h: &Record) {
        if h.value("UASC") == "1" {
            self.push(TableKind::Uasc, h.line, Some(h), h);
        }
        let ad1 = TableKind::Ad1.columns();
        if h.any_value(&ad1[2..]) {
            self.push(TableKind::Ad1, h.line, Some(h), h);
        }
        let oc3 = TableKind::Oc3.columns();
        if h.any_value(&oc3[2..]) {
            self.push(TableKind::Oc3, h.line, Some(h), h);
        }
    }

    /// Header, episodes, reviews and UASC always (even empty); the others when they have rows.
    fn finish(self) -> Vec<RawTable> {
        self.tables
            .into_iter()
            .filter(|t| {
                matches!(
                    t.kind,
                    TableKind::Header | TableKind::Episodes | TableKind::Reviews | TableKind::Uasc
                ) || !t.is_empty()
            })
            .collect()
    }
}

/// Why an XML file could not be read to its end.
enum Failure {
    /// Not well-formed at this byte offset.
    Malformed(usize, String),
    /// It stops before its elements are closed.
    CutShort,
    /// It has a `<!DOCTYPE` at this byte offset.
    DocType(usize),
    /// Its top element is not `EXPSSDA903`.
    NotA903(String),
}

/// Reads an XML text (already decoded, starting at its first `<`). `lines_before` is the
/// number of blank lines the file had before that `<`, so that line numbers are the file's.
pub(crate) fn read(name: &str, text: &str, lines_before: u32, out: &mut FileRead) {
    let mut tables = Tables::new(name);
    let failure = read_records(text, lines_before, &mut tables).err();
    let line_of = |offset: usize| {
        let end = offset.min(text.len());
        let breaks = text.as_bytes()[..end].iter().filter(|&&b| b == b'\n');
        (breaks.count() as u32)
            .saturating_add(1)
            .saturating_add(lines_before)
    };
    let message = match failure {
        None => {
            out.tables.extend(tables.finish());
            return;
        }
        Some(Failure::Malformed(offset, e)) => format!(
            "\"{name}\" is not a well-formed XML file: there is a problem on line {} ({e}). It \
             may be damaged or only partly downloaded; export it again and reload it.",
            line_of(offset)
        ),
        Some(Failure::CutShort) => {
            let line = (text.lines().count().max(1) as u32).saturating_add(lines_before);
            format!(
                "\"{name}\" is not a well-formed XML file: it stops on line {line} before its \
                 elements are closed, so it appears to be cut short (truncated). Export it \
                 again and reload it."
            )
        }
        Some(Failure::DocType(offset)) => format!(
            "\"{name}\" was not read: it has a document type declaration (<!DOCTYPE) on line \
             {}, which the DfE's 903 XML never has. Declarations like it can make a small file \
             expand to gigabytes, so Careboard does not read them. Export the return again \
             from your case-management system and reload it.",
            line_of(offset)
        ),
        Some(Failure::NotA903(root)) => format!(
            "\"{name}\" is an XML file but not a 903 return: its top element is <{root}>, \
             where the DfE's 903 XML has <EXPSSDA903>."
        ),
    };
    out.problems.push(FileProblem {
        file: name.to_string(),
        message,
    });
}

/// An element's name as written, for matching and messages.
fn name_of(e: &BytesStart) -> String {
    e.name().as_ref().to_string()
}

/// Reads every record into `tables`, a `CHILD` at a time.
fn read_records(text: &str, lines_before: u32, tables: &mut Tables) -> Result<(), Failure> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut lines = Lines {
        text: text.as_bytes(),
        offset: 0,
        line: lines_before.saturating_add(1),
    };
    let mut stack: Vec<Element> = Vec::new();
    // groups[0] gathers records outside any CHILD; each open CHILD adds one.
    let mut groups: Vec<Group> = vec![Group::default()];
    let mut root_seen = false;
    loop {
        let start = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            // Every syntax error is the text ending inside a tag, comment or the like.
            Err(quick_xml::Error::Syntax(_)) => return Err(Failure::CutShort),
            Err(e) => {
                return Err(Failure::Malformed(
                    reader.error_position() as usize,
                    e.to_string(),
                ))
            }
        };
        match event {
            Event::Start(e) => {
                let name = name_of(&e);
                if stack.is_empty() {
                    if root_seen {
                        return Err(Failure::Malformed(
                            start,
                            "a second top element after the first has closed".into(),
                        ));
                    }
                    root_seen = true;
                    if !name.eq_ignore_ascii_case("EXPSSDA903") {
                        return Err(Failure::NotA903(shorten(&name, 40)));
                    }
                    stack.push(Element {
                        name,
                        open: Open::Other,
                    });
                    continue;
                }
                let line = lines.at(start);
                let open = open_element(&name, line, &stack, &mut groups, tables);
                stack.push(Element { name, open });
            }
            Event::End(_) => {
                let Some(element) = stack.pop() else {
                    continue;
                };
                if let Open::Record(i) = element.open {
                    let group = groups.len() - 1;
                    let is_child = groups[group].records.get(i).map(|r| r.tag);
                    if is_child == Some(RecordTag::Child) && group > 0 {
                        if let Some(done) = groups.pop() {
                            tables.group(done);
                        }
                    }
                }
            }
            Event::Text(t) => {
                if let Some(field) = open_field(&stack, &mut groups) {
                    field.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(field) = open_field(&stack, &mut groups) {
                    field.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => {
                        quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string)
                    }
                    Err(_) => None,
                };
                let Some(resolved) = resolved else {
                    return Err(Failure::Malformed(
                        start,
                        format!("&{}; is not a character it knows", shorten(&r, 40)),
                    ));
                };
                if let Some(field) = open_field(&stack, &mut groups) {
                    field.push_str(&resolved);
                }
            }
            Event::DocType(_) => return Err(Failure::DocType(start)),
            Event::Eof => break,
            // Declarations, comments and processing instructions hold no data.
            Event::Empty(_) | Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(Failure::CutShort);
    }
    if !root_seen {
        return Err(Failure::Malformed(0, "it has no elements".into()));
    }
    while let Some(group) = groups.pop() {
        tables.group(group);
    }
    Ok(())
}

/// The text of the field element open on top of the stack, if it is one.
fn open_field<'g>(stack: &[Element], groups: &'g mut [Group]) -> Option<&'g mut String> {
    let Open::Field(i) = stack.last()?.open else {
        return None;
    };
    let group = groups.last_mut()?;
    group
        .records
        .get_mut(i)?
        .fields
        .last_mut()
        .map(|f| &mut f.1)
}

/// What an element opening inside `stack` (never empty) is: a record, a field of the record
/// it is in, or neither. A record is added to its group, in its place or with the reason it
/// is not used; a `CHILD` opens a new group.
fn open_element(
    name: &str,
    line: u32,
    stack: &[Element],
    groups: &mut Vec<Group>,
    tables: &mut Tables,
) -> Open {
    let parent = &stack[stack.len() - 1];
    let Some(tag) = RecordTag::of(name) else {
        // A field: an element directly inside a record.
        if let Open::Record(i) = parent.open {
            if let Some(record) = groups.last_mut().and_then(|g| g.records.get_mut(i)) {
                record
                    .fields
                    .push((name.to_ascii_uppercase(), String::new()));
                return Open::Field(i);
            }
        }
        return Open::Other;
    };
    let shown = |n: &str| shorten(n, 40);
    let parent_record = match parent.open {
        Open::Record(i) => groups.last().and_then(|g| g.records.get(i)),
        _ => None,
    };
    let expected_parent = parent.name.eq_ignore_ascii_case(tag.parent());
    let in_place = expected_parent
        && match parent_record {
            // Only the root is an expected parent that is not a record.
            None => stack.len() == 1,
            Some(p) => p.rejected.is_none(),
        };
    let unused_parent = parent_record.filter(|p| expected_parent && p.rejected.is_some());
    let (mut rejected, mut cause) = if in_place {
        (None, None)
    } else if let Some(p) = unused_parent {
        let cause = p.cause.clone().unwrap_or_default();
        let reason = format!(
            "this <{}> is inside the <{}> on line {}, which is not used: {cause}",
            shown(name),
            shown(&parent.name),
            p.line
        );
        (Some(reason), Some(cause))
    } else {
        let cause = format!(
            "the DfE's 903 XML has <{}> directly inside <{}>, never inside <{}>",
            shown(name),
            tag.parent(),
            shown(&parent.name)
        );
        (
            Some(format!("this <{}> is not used: {cause}", shown(name))),
            Some(cause),
        )
    };
    if tag == RecordTag::Child {
        // Records outside any CHILD that came before this one keep their order.
        if stack.len() == 1 && groups.len() == 1 {
            if let Some(orphans) = groups.pop() {
                tables.group(orphans);
            }
            groups.push(Group::default());
        }
        groups.push(Group::default());
    }
    let group_index = groups.len() - 1;
    let group = &mut groups[group_index];
    if tag == RecordTag::Header && rejected.is_none() {
        match group.header.and_then(|i| group.records.get(i)) {
            Some(first) => {
                let first = first.line;
                rejected = Some(format!(
                    "a second <{}> in the same <CHILD> (the first is on line {first}): a child \
                     has one header, so this one is not used",
                    shown(name)
                ));
                cause = Some(format!(
                    "it is a second <{}> in its <CHILD> (the first is on line {first})",
                    shown(name)
                ));
            }
            None => group.header = Some(group.records.len()),
        }
    }
    group.records.push(Record {
        tag,
        line,
        fields: Vec::new(),
        rejected,
        cause,
    });
    Open::Record(group.records.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> FileRead {
        let mut out = FileRead::default();
        read("r.xml", text, 0, &mut out);
        out
    }

    fn table(out: &FileRead, kind: TableKind) -> &RawTable {
        out.tables.iter().find(|t| t.kind == kind).unwrap()
    }

    #[test]
    fn line_numbers_follow_the_document() {
        let mut l = Lines {
            text: b"a\nb\nc",
            offset: 0,
            line: 1,
        };
        assert_eq!((l.at(0), l.at(2), l.at(4)), (1, 2, 3));
        // Two blank lines before the XML began: every line moves down by two.
        let mut l = Lines {
            text: b"a\nb\nc",
            offset: 0,
            line: 3,
        };
        assert_eq!((l.at(0), l.at(2), l.at(4)), (3, 4, 5));
    }

    #[test]
    fn tag_names_are_matched_in_any_case() {
        let out = read_str(
            "<expssda903><child><header><childid>7</childid><dob>01/01/2010</dob></header>\
             <episode><decom>01/04/2023</decom><pl>U1</pl></episode></child></expssda903>",
        );
        assert!(out.problems.is_empty());
        let r = table(&out, TableKind::Episodes).row(0);
        assert_eq!(
            (r.get("CHILD"), r.get("DECOM"), r.get("PLACE")),
            ("7", "01/04/2023", "U1")
        );
    }

    #[test]
    fn a_header_after_the_episodes_still_gives_them_the_child() {
        let out = read_str(
            "<EXPSSDA903><CHILD><EPISODE><DECOM>01/04/2023</DECOM></EPISODE>\
             <HEADER><CHILDID>9</CHILDID></HEADER></CHILD></EXPSSDA903>",
        );
        assert_eq!(table(&out, TableKind::Episodes).row(0).get("CHILD"), "9");
    }

    #[test]
    fn character_references_and_cdata_are_text_and_an_unknown_entity_is_malformed() {
        let out = read_str(
            "<EXPSSDA903><CHILD><HEADER><CHILDID>A&amp;B&#49;<![CDATA[<x>]]></CHILDID>\
             </HEADER></CHILD></EXPSSDA903>",
        );
        assert_eq!(
            table(&out, TableKind::Header).row(0).get("CHILD"),
            "A&B1<x>"
        );
        let out = read_str("<EXPSSDA903>\n<CHILD>&lol;</CHILD></EXPSSDA903>");
        assert!(out.tables.is_empty());
        assert!(
            out.problems[0].message.contains("problem on line 2"),
            "{}",
            out.problems[0].message
        );
    }

    #[test]
    fn malformed_xml_says_the_line_and_a_wrong_root_says_so() {
        let out = read_str("<EXPSSDA903>\n<CHILD>\n</HEADER>\n</EXPSSDA903>");
        assert!(out.tables.is_empty());
        assert!(
            out.problems[0].message.starts_with(
                "\"r.xml\" is not a well-formed XML file: there is a problem on line 3"
            ),
            "{}",
            out.problems[0].message
        );
        let out = read_str("<EXPSSDA903>\n<CHILD>\n");
        assert!(
            out.problems[0].message.contains("it stops on line 2")
                && out.problems[0].message.contains("cut short (truncated)"),
            "{:?}",
            out.problems
        );
        let out = read_str("<catalogue><item/></catalogue>");
        assert_eq!(
            out.problems[0].message,
            "\"r.xml\" is an XML file but not a 903 return: its top element is <catalogue>, \
             where the DfE's 903 XML has <EXPSSDA903>."
        );
    }
}

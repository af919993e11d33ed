//! Reading the DfE "Expanded SSDA903" XML return (root `EXPSSDA903`) into the same tables
//! the CSV and XLSX readers make.
//!
//! Each `CHILD` has a `HEADER` (child details, AD1 and OC3 items, repeated `AMISSING` and
//! `AREVIEW`, `PERMANENCE`, `OC2`, repeated `AD_PLACED`) and repeated `EPISODE`s. Tag names
//! are matched case-insensitively, and a missing optional element reads as blank. Rows carry
//! the line of the element they come from ([`Position::Line`]). Uses roxmltree (a read-only
//! DOM); the text must already be decoded.

use roxmltree::{Document, Node, ParsingOptions};

use super::detect::shorten;
use super::FileRead;
use crate::model::{FileProblem, Position, RawTable, TableKind};

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

/// The first child element of `node` with this tag (any case).
fn child<'a, 'i>(node: Node<'a, 'i>, tag: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|n| n.is_element() && n.tag_name().name().eq_ignore_ascii_case(tag))
}

/// Every child element of `node` with this tag (any case).
fn children<'a, 'i: 'a>(node: Node<'a, 'i>, tag: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name().eq_ignore_ascii_case(tag))
}

/// The trimmed text of a child element; blank when it is missing or self-closed.
fn value<'a>(node: Option<Node<'a, '_>>, tag: &str) -> &'a str {
    node.and_then(|n| child(n, tag))
        .and_then(|n| n.text())
        .map_or("", str::trim)
}

/// Line numbers of byte offsets, for offsets met in increasing order (document order).
struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: u32,
    /// The file's line number of `text`'s first line.
    first_line: u32,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> u32 {
        if offset < self.offset {
            self.offset = 0;
            self.line = self.first_line;
        }
        let end = offset.min(self.text.len());
        let breaks = self.text[self.offset..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line = self.line.saturating_add(breaks as u32);
        self.offset = end;
        self.line
    }
}

/// The tables being built from one XML file, one per [`TableKind::ALL`] entry.
struct Tables {
    tables: Vec<RawTable>,
}

impl Tables {
    fn new(file: &str) -> Self {
        let tables = TableKind::ALL
            .iter()
            .map(|&kind| {
                let present = kind.columns().iter().map(|c| defined_in_xml(c)).collect();
                RawTable::new(file, file, kind, Position::Line, present)
            })
            .collect();
        Tables { tables }
    }

    fn table(&mut self, kind: TableKind) -> &mut RawTable {
        // Every kind is in ALL, so the default is never used.
        let i = TableKind::ALL
            .iter()
            .position(|&k| k == kind)
            .unwrap_or_default();
        &mut self.tables[i]
    }

    /// Adds a row of `kind` whose cells come from `element`, except CHILD and DOB (and SEX
    /// for UASC), which come from the child's HEADER.
    fn push(&mut self, kind: TableKind, line: u32, header: Option<Node>, element: Option<Node>) {
        let from_header = |c: &str| c == "CHILD" || c == "DOB" || c == "SEX";
        let cells: Vec<&str> = kind
            .columns()
            .iter()
            .map(|&c| {
                let source = if from_header(c) { header } else { element };
                value(source, xml_tag(kind, c))
            })
            .collect();
        self.table(kind).push_row(line, cells);
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

/// Whether any of these child elements of `node` has text.
fn any_value(node: Node, tags: &[&str]) -> bool {
    tags.iter().any(|t| !value(Some(node), t).is_empty())
}

/// Reads an XML text (already decoded, starting at its first `<`). `lines_before` is the
/// number of blank lines the file had before that `<`, so that line numbers are the file's.
pub(crate) fn read(name: &str, text: &str, lines_before: u32, out: &mut FileRead) {
    let problem = |message: String| FileProblem {
        file: name.to_string(),
        message,
    };
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = match Document::parse_with_options(text, options) {
        Ok(d) => d,
        Err(e @ (roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode)) => {
            // roxmltree places these at 1:1; the problem is where the text stops.
            let line = (text.lines().count().max(1) as u32).saturating_add(lines_before);
            out.problems.push(problem(format!(
                "\"{name}\" is not a well-formed XML file: it stops on line {line} before its \
                 elements are closed ({e}), so it appears to be cut short (truncated). Export it \
                 again and reload it."
            )));
            return;
        }
        Err(e) => {
            out.problems.push(problem(format!(
                "\"{name}\" is not a well-formed XML file: there is a problem on line {} ({e}). \
                 It may be damaged or only partly downloaded; export it again and reload it.",
                e.pos().row.saturating_add(lines_before)
            )));
            return;
        }
    };
    let root = doc.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("EXPSSDA903") {
        out.problems.push(problem(format!(
            "\"{name}\" is an XML file but not a 903 return: its top element is <{}>, where \
             the DfE's 903 XML has <EXPSSDA903>.",
            shorten(root.tag_name().name(), 40)
        )));
        return;
    }
    let mut lines = Lines {
        text: text.as_bytes(),
        offset: 0,
        line: lines_before.saturating_add(1),
        first_line: lines_before.saturating_add(1),
    };
    let mut tables = Tables::new(name);
    for child_node in children(root, "CHILD") {
        let header = child(child_node, "HEADER");
        if let Some(h) = header {
            read_header(&mut tables, &mut lines, h);
        }
        for episode in children(child_node, "EPISODE") {
            let line = lines.at(episode.range().start);
            tables.push(TableKind::Episodes, line, header, Some(episode));
        }
    }
    out.tables.extend(tables.finish());
}

/// The rows that a child's HEADER element gives, in document order.
fn read_header(tables: &mut Tables, lines: &mut Lines, h: Node) {
    let line = lines.at(h.range().start);
    tables.push(TableKind::Header, line, Some(h), Some(h));
    if value(Some(h), "UASC") == "1" {
        tables.push(TableKind::Uasc, line, Some(h), Some(h));
    }
    let ad1 = TableKind::Ad1.columns();
    if any_value(h, &ad1[2..]) {
        tables.push(TableKind::Ad1, line, Some(h), Some(h));
    }
    let oc3 = TableKind::Oc3.columns();
    if any_value(h, &oc3[2..]) {
        tables.push(TableKind::Oc3, line, Some(h), Some(h));
    }
    // Repeated and nested elements, each its own row at its own line.
    for (tag, kind) in [
        ("AMISSING", TableKind::Missing),
        ("AREVIEW", TableKind::Reviews),
        ("PERMANENCE", TableKind::PreviousPermanence),
        ("OC2", TableKind::Oc2),
        ("AD_PLACED", TableKind::PlacedForAdoption),
    ] {
        for element in children(h, tag) {
            let columns = &kind.columns()[1..];
            let has_dob = columns.first() == Some(&"DOB");
            let items = if has_dob { &columns[1..] } else { columns };
            // A self-closed <PERMANENCE/> or <OC2/> says nothing: no row.
            if !any_value(element, items) {
                continue;
            }
            let line = lines.at(element.range().start);
            tables.push(kind, line, Some(h), Some(element));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> FileRead {
        let mut out = FileRead::default();
        read("r.xml", text, 0, &mut out);
        out
    }

    #[test]
    fn line_numbers_follow_the_document() {
        let mut l = Lines {
            text: b"a\nb\nc",
            offset: 0,
            line: 1,
            first_line: 1,
        };
        assert_eq!((l.at(0), l.at(2), l.at(4), l.at(2)), (1, 2, 3, 2));
        // Two blank lines before the XML began: every line moves down by two.
        let mut l = Lines {
            text: b"a\nb\nc",
            offset: 0,
            line: 3,
            first_line: 3,
        };
        assert_eq!((l.at(0), l.at(2), l.at(4), l.at(2)), (3, 4, 5, 4));
    }

    #[test]
    fn tag_names_are_matched_in_any_case() {
        let out = read_str(
            "<expssda903><child><header><childid>7</childid><dob>01/01/2010</dob></header>\
             <episode><decom>01/04/2023</decom><pl>U1</pl></episode></child></expssda903>",
        );
        assert!(out.problems.is_empty());
        let ep = out
            .tables
            .iter()
            .find(|t| t.kind == TableKind::Episodes)
            .unwrap();
        let r = ep.row(0);
        assert_eq!(
            (r.get("CHILD"), r.get("DECOM"), r.get("PLACE")),
            ("7", "01/04/2023", "U1")
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

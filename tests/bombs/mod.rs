//! Generators of hostile inputs shared by tests/hostile.rs (what each one is answered with)
//! and tests/memory.rs (how much memory reading it takes). Nothing large is committed: every
//! bomb is made here, in memory.
#![allow(dead_code)]

use std::io::{Cursor, Write};

/// A workbook of one sheet (`sheet` is its XML) and, when given, shared text.
pub fn workbook(sheet: &str, shared: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(&str, &str)> = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Reviews" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(shared) = shared {
        parts.push(("xl/sharedStrings.xml", shared));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A worksheet's XML with these rows (each row: its number and its cells' XML).
pub fn sheet(rows: &[(u32, String)]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, cells) in rows {
        xml.push_str(&format!(r#"<row r="{r}">{cells}</row>"#));
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// An inline-text cell.
pub fn text_cell(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The reviews header row as cells A1:C1.
pub fn reviews_header() -> String {
    text_cell("A1", "CHILD") + &text_cell("B1", "REVIEW") + &text_cell("C1", "REVIEW_CODE")
}

/// Sets the uncompressed size that a zip declares for `entry`, in its local header and its
/// central directory record, leaving the data as it is.
pub fn declare_size(zip: &mut [u8], entry: &str, size: u32) {
    let name = entry.as_bytes();
    let mut patched = 0;
    for at in 0..zip.len().saturating_sub(46) {
        let (signature, size_at, name_at) = match &zip[at..at + 4] {
            [0x50, 0x4b, 0x03, 0x04] => ("local", 22, 30),
            [0x50, 0x4b, 0x01, 0x02] => ("central", 24, 46),
            _ => continue,
        };
        let len_at = if signature == "local" { 26 } else { 28 };
        let len = u16::from_le_bytes([zip[at + len_at], zip[at + len_at + 1]]) as usize;
        if zip.get(at + name_at..at + name_at + len) == Some(name) {
            zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "{entry}");
}

/// Finding 1: a workbook whose sheet has a reviews header, one row, and one cell at `far`
/// (such as `XFD1048576`).
pub fn far_apart_workbook(far: &str) -> Vec<u8> {
    let rows = [
        (1, reviews_header()),
        (
            2,
            text_cell("A2", "C1") + &text_cell("B2", "01/05/2023") + &text_cell("C2", "PN1"),
        ),
        (1_048_576, text_cell(far, "x")),
    ];
    workbook(&sheet(&rows), None)
}

/// Finding 2: one shared text of a million characters used in column A of 300 rows.
pub fn shared_text_workbook() -> Vec<u8> {
    let big = "x".repeat(1_000_000);
    let shared = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="300" uniqueCount="1"><si><t>{big}</t></si></sst>"#
    );
    let rows: Vec<(u32, String)> = std::iter::once((1, reviews_header()))
        .chain((2..302).map(|r| (r, format!(r#"<c r="A{r}" t="s"><v>0</v></c>"#))))
        .collect();
    workbook(&sheet(&rows), Some(&shared))
}

/// Finding 3: one 100 KB entity used 20,000 times (160 KB of input).
pub fn entity_bomb() -> String {
    let entity = "a".repeat(100_000);
    let uses = "&e;".repeat(20_000);
    format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e \"{entity}\">]>\n<EXPSSDA903>\
         <CHILD><HEADER><CHILDID>{uses}</CHILDID></HEADER></CHILD></EXPSSDA903>"
    )
}

/// Finding 5: a row of five million cells (10 MB of `a,`).
pub fn wide_row() -> String {
    "a,".repeat(5_000_000)
}

/// Finding 9: a DfE XML return of `children` children, each with a header, two reviews and
/// two episodes (about 1.1 KB a child).
pub fn xml_return(children: usize) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<EXPSSDA903>\n");
    for i in 0..children {
        xml.push_str(&format!(
            "  <CHILD>
    <HEADER>
      <CHILDID>{i}</CHILDID>
      <UPN>A{i:012}</UPN>
      <SEX>1</SEX>
      <DOB>15/12/2010</DOB>
      <ETHNIC>WBRI</ETHNIC>
      <UASC>0</UASC>
      <AREVIEW>
        <REVIEW>10/05/2023</REVIEW>
        <REVIEW_CODE>PN1</REVIEW_CODE>
      </AREVIEW>
      <AREVIEW>
        <REVIEW>01/11/2023</REVIEW>
        <REVIEW_CODE>PN2</REVIEW_CODE>
      </AREVIEW>
    </HEADER>
    <EPISODE>
      <DECOM>01/04/2023</DECOM>
      <RNE>S</RNE>
      <LS>C2</LS>
      <CIN>N4</CIN>
      <PL>U1</PL>
      <PL_POST>AB1 2CD</PL_POST>
      <HOME_POST>EF3 4GH</HOME_POST>
      <URN>SC123456</URN>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER>
      <DEC>01/09/2023</DEC>
      <REC>X1</REC>
      <REASON_PLACE_CHANGE>CARPL</REASON_PLACE_CHANGE>
    </EPISODE>
    <EPISODE>
      <DECOM>01/09/2023</DECOM>
      <RNE>P</RNE>
      <LS>C2</LS>
      <CIN>N4</CIN>
      <PL>U4</PL>
      <PL_POST>AB1 2CD</PL_POST>
      <HOME_POST>EF3 4GH</HOME_POST>
      <URN />
      <PLACE_PROVIDER>PR2</PLACE_PROVIDER>
      <DEC />
      <REC />
      <REASON_PLACE_CHANGE />
    </EPISODE>
  </CHILD>
"
        ));
    }
    xml.push_str("</EXPSSDA903>\n");
    xml
}

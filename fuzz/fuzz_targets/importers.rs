//! Any bytes through the importers and the row checks: no panic, no hang (libFuzzer's
//! `-timeout`), no more than the memory `make fuzz` allows (`-rss_limit_mb`), and every table
//! accounts for its rows. Text starting with `<` is also read as a workbook's only sheet, so
//! the workbook reader's sheet parsing sees the same mutations as the DfE XML reader.

#![no_main]

use std::io::{Cursor, Write};

use careboard::import::read_file;
use careboard::model::build;
use libfuzzer_sys::fuzz_target;

fn check(name: &str, bytes: &[u8]) {
    let read = read_file(name, bytes);
    assert!(!read.tables.is_empty() || !read.problems.is_empty());
    let data = build(read.tables, read.problems);
    for input in &data.inputs {
        assert_eq!(input.rows_read, input.rows_used + input.rows_rejected);
    }
}

/// A workbook of one sheet whose XML is `sheet`.
fn workbook(sheet: &[u8]) -> Option<Vec<u8>> {
    let parts: [(&str, &[u8]); 4] = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Episodes" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in parts {
        zip.start_file(name, options).ok()?;
        zip.write_all(bytes).ok()?;
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).ok()?;
    zip.write_all(sheet).ok()?;
    Some(zip.finish().ok()?.into_inner())
}

fuzz_target!(|bytes: &[u8]| {
    check("fuzz.bin", bytes);
    if bytes.starts_with(b"<") {
        if let Some(xlsx) = workbook(bytes) {
            check("fuzz.xlsx", &xlsx);
        }
    }
});

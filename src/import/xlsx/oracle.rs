//! calamine as the oracle for our own reader: every workbook we have (the fixtures, the
//! synthetic export's workbook, the hostile ones of tests/bombs, and damaged copies of them
//! all) is read with both, and each sheet must give the same cells with the same text.

use std::io::{Cursor, Read, Write};
use std::panic::AssertUnwindSafe;

use calamine::{DataRef, Reader, SheetType, Xlsx};

use super::book::{Book, Value};
use super::write_cell;
use super::zip::Archive;

#[path = "../../../tests/bombs/mod.rs"]
mod bombs;

/// A cell as text, the way the importer wrote calamine's values (outside a date column).
fn calamine_text(cell: &DataRef, epoch_1904: bool) -> String {
    let value = match cell {
        DataRef::Empty => Value::Empty,
        DataRef::String(s) => Value::Text(s),
        DataRef::SharedString(s) => Value::Text(s),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Iso(s),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(d) => Value::Date(d.as_f64()),
        DataRef::Error(e) => {
            return e.to_string();
        }
    };
    let mut s = String::new();
    write_cell(&mut s, &value, false, epoch_1904);
    s
}

/// What one reader makes of a workbook: each worksheet's name and cells (row, column, text,
/// blank), and whether its reading ended in an error. `None` when it cannot be opened.
type Reading = Option<Vec<(String, Vec<(u32, u32, String)>, bool)>>;

fn with_calamine(bytes: &[u8]) -> Option<Reading> {
    // calamine can panic on damaged workbooks (with overflow checks): such inputs are not
    // compared.
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut book = Xlsx::new(Cursor::new(bytes)).ok()?;
        let epoch = book.has_1904_epoch();
        let names: Vec<String> = book
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        let mut sheets = Vec::new();
        for name in names {
            let mut cells = Vec::new();
            let mut failed = false;
            match book.worksheet_cells_reader(&name) {
                Ok(mut reader) => loop {
                    match reader.next_cell() {
                        Ok(Some(cell)) => {
                            let (r, c) = cell.get_position();
                            cells.push((r, c, calamine_text(cell.get_value(), epoch)));
                        }
                        Ok(None) => break,
                        Err(_) => {
                            failed = true;
                            break;
                        }
                    }
                },
                Err(_) => failed = true,
            }
            sheets.push((name, cells, failed));
        }
        Some(sheets)
    }))
    .ok()
}

fn with_ours(bytes: &[u8]) -> Reading {
    let book = Book::open(Archive::new(bytes).ok()?).ok()?;
    let mut sheets = Vec::new();
    for sheet in book.sheets.iter().filter(|s| s.is_worksheet) {
        let mut cells = Vec::new();
        let mut failed = false;
        match book.cells(sheet) {
            Ok(mut reader) => loop {
                match reader.next_cell() {
                    Ok(Some(cell)) => {
                        let mut text = String::new();
                        write_cell(&mut text, &cell.value, false, book.epoch_1904);
                        cells.push((cell.row, cell.column, text));
                    }
                    Ok(None) => break,
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
            },
            Err(_) => failed = true,
        }
        sheets.push((sheet.name.clone(), cells, failed));
    }
    Some(sheets)
}

/// The workbook's parts, in order.
fn unzip(workbook: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = ::zip::ZipArchive::new(Cursor::new(workbook)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (name, data)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let method = if deflate {
        ::zip::CompressionMethod::Deflated
    } else {
        ::zip::CompressionMethod::Stored
    };
    let options = ::zip::write::SimpleFileOptions::default().compression_method(method);
    let mut writer = ::zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

/// The workbooks both readers must read alike, the synthetic export's of `children`
/// children.
fn workbooks(children: u32) -> Vec<(String, Vec<u8>)> {
    use crate::synth::{files, generate, SynthConfig, SynthFormat};
    let mut books = vec![
        ("workbook.xlsx".to_string(), fixture("workbook.xlsx")),
        ("mac1904.xlsx".to_string(), fixture("mac1904.xlsx")),
    ];
    let export = generate(&SynthConfig {
        children,
        ..SynthConfig::default()
    });
    for (name, bytes) in files(&export, SynthFormat::Xlsx) {
        books.push((format!("synthetic {name}"), bytes));
    }
    let header = bombs::reviews_header();
    books.push(("far.xlsx".into(), bombs::far_apart_workbook("XFD1048576")));
    books.push((
        "wide.xlsx".into(),
        bombs::workbook(
            &bombs::sheet(&[(1, header.clone()), (2, bombs::text_cell("XFE2", "x"))]),
            None,
        ),
    ));
    // Every kind of cell, rich and phonetic text, escapes, and cells without `r`.
    let shared = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t xml:space="preserve"> padded </t></si><si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t>  trimmed
</t></si><si><t>a_x000D_b &amp; &#233;</t></si></sst>"#;
    let cells = [
        (1, header),
        (
            2,
            [
                r#"<c r="A2" t="s"><v>0</v></c>"#,
                r#"<c r="B2" t="s"><v>1</v></c>"#,
                r#"<c r="C2" t="s"><v>2</v></c>"#,
                r#"<c r="D2" t="s"><v>3</v></c>"#,
                r#"<c r="E2" t="b"><v>1</v></c>"#,
                r#"<c r="F2" t="e"><v>#N/A</v></c>"#,
                r#"<c r="G2" t="str"><f>A1</f><v>x_x000A_y</v></c>"#,
                r#"<c r="H2" t="d"><v>2023-04-01T00:00:00</v></c>"#,
                r#"<c r="I2"><v>1234</v></c>"#,
                r#"<c r="J2"><v>12.5</v></c>"#,
                r#"<c r="K2"><v>not a number</v></c>"#,
                r#"<c r="L2" t="n"><v></v></c>"#,
                r#"<c r="M2"/>"#,
                r#"<c><v>7</v></c><c t="inlineStr"><is><t>next</t></is></c>"#,
            ]
            .concat(),
        ),
        (
            4,
            r#"<c t="inlineStr"><is><t>row four, A</t></is></c>"#.to_string(),
        ),
    ];
    books.push((
        "kinds.xlsx".into(),
        bombs::workbook(&bombs::sheet(&cells), Some(shared)),
    ));
    books
}

fn compare(label: &str, bytes: &[u8]) -> bool {
    let Some(theirs) = with_calamine(bytes) else {
        return false;
    };
    let ours = with_ours(bytes);
    let Some(theirs) = theirs else {
        // calamine could not open it; ours may (it reads fewer parts), but need not.
        return false;
    };
    let ours = ours.unwrap_or_else(|| panic!("{label}: calamine opened it and we did not"));
    assert_eq!(ours.len(), theirs.len(), "{label}: worksheets");
    for ((name, cells, failed), (their_name, their_cells, their_failed)) in ours.iter().zip(&theirs)
    {
        assert_eq!(name, their_name, "{label}");
        assert_eq!(cells, their_cells, "{label}, sheet {name}");
        assert_eq!(failed, their_failed, "{label}, sheet {name}: failed");
    }
    true
}

#[test]
fn every_workbook_reads_as_calamine_reads_it() {
    for (label, bytes) in workbooks(150) {
        assert!(
            compare(&label, &bytes),
            "{label}: calamine could not open it"
        );
        // Stored and deflated again by another writer.
        let parts = unzip(&bytes);
        assert!(compare(&label, &rezip(&parts, false)), "{label}, stored");
        assert!(compare(&label, &rezip(&parts, true)), "{label}, deflated");
    }
}

#[test]
fn damaged_workbooks_read_as_calamine_reads_them_as_far_as_it_reads_them() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut compared = 0;
    // A small synthetic export: a debug build reads both ways slowly.
    for (label, bytes) in workbooks(10) {
        let parts = unzip(&bytes);
        for round in 0..60 {
            let mut parts = parts.clone();
            let which = (next() % parts.len() as u64) as usize;
            let data = &mut parts[which].1;
            if data.is_empty() {
                continue;
            }
            match round % 4 {
                0 => {
                    for _ in 0..1 + next() % 4 {
                        let at = (next() % data.len() as u64) as usize;
                        data[at] = next() as u8;
                    }
                }
                1 => data.truncate((next() % data.len() as u64) as usize),
                2 => {
                    let at = (next() % data.len() as u64) as usize;
                    let b = [b'<', b'>', b'"', b'&', b'/', b'_'][(next() % 6) as usize];
                    data.insert(at, b);
                }
                _ => {
                    // A digit changed: rows, columns, indexes and styles.
                    let digits: Vec<usize> = (0..data.len())
                        .filter(|&i| data[i].is_ascii_digit())
                        .collect();
                    if let Some(&at) = digits.get((next() % digits.len().max(1) as u64) as usize) {
                        data[at] = b'0' + (next() % 10) as u8;
                    }
                }
            }
            let label = format!("{label}, {} mutated ({round})", parts[which].0);
            compared += usize::from(compare(&label, &rezip(&parts, round % 2 == 0)));
        }
    }
    eprintln!("{compared} damaged workbooks compared");
    assert!(compared > 200, "only {compared} damaged workbooks compared");
}

#[test]
fn a_sheet_in_utf16_reads_as_calamine_reads_it_in_utf8() {
    // calamine (quick-xml's parser) does not read UTF-16 parts: the sheet came out empty and
    // damaged. Ours decodes them first, so the same cells as the UTF-8 original.
    let original = fixture("workbook.xlsx");
    let mut parts = unzip(&original);
    for (name, data) in parts.iter_mut() {
        if name == "xl/worksheets/sheet2.xml" {
            let xml = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?>{}",
                String::from_utf8_lossy(data)
            );
            *data = [0xFF, 0xFE]
                .into_iter()
                .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
                .collect();
        }
    }
    let utf16 = rezip(&parts, true);
    let theirs = with_calamine(&original).flatten().unwrap();
    assert_eq!(with_ours(&utf16).unwrap(), theirs);
}

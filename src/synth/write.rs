//! Writing an export as bytes: RFC 4180 CSV, a minimal XLSX workbook, the DfE XML.
//!
//! Everything is written to memory. Output depends only on the rows (no clock, no hash-map
//! order): the zip entries carry the fixed DOS date 1980-01-01.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{written_columns, SynthExport, SynthRow};
use crate::model::TableKind;

/// The tables written, in file order, each as a header and its rows' cells.
fn tables(export: &SynthExport) -> Vec<(TableKind, Vec<Vec<&str>>)> {
    fn rows<R: SynthRow>(rows: &[R]) -> (TableKind, Vec<Vec<&str>>) {
        (R::KIND, rows.iter().map(SynthRow::cells).collect())
    }
    vec![
        rows(&export.header),
        rows(&export.episodes),
        rows(&export.reviews),
        rows(&export.uasc),
        rows(&export.oc3),
        rows(&export.missing),
        rows(&export.sw_episodes),
    ]
}

fn csv_record<'a>(out: &mut Vec<u8>, cells: impl IntoIterator<Item = &'a str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if cell.contains([',', '"', '\r', '\n']) {
            out.push(b'"');
            out.extend_from_slice(cell.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(cell.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

/// One RFC 4180 record, CRLF-terminated (for the local exports).
pub(crate) fn csv_line<'a>(out: &mut Vec<u8>, cells: impl IntoIterator<Item = &'a str>) {
    csv_record(out, cells);
}

/// One CSV file per table, named after the table (`episodes.csv`).
pub(crate) fn csv_files(export: &SynthExport) -> Vec<(String, Vec<u8>)> {
    tables(export)
        .into_iter()
        .map(|(kind, rows)| {
            let mut out = Vec::with_capacity(64 * (rows.len() + 1));
            csv_record(&mut out, written_columns(kind).iter().copied());
            for row in rows {
                csv_record(&mut out, row);
            }
            (format!("{}.csv", kind.name()), out)
        })
        .collect()
}

/// Text escaped for XML content and attribute values.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

/// Excel's column letters: 0 -> A, 25 -> Z, 26 -> AA.
fn column_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// Excel's limit on rows in a sheet; a longer table continues on `episodes_2`, each sheet with
/// its own header row (importers recognise a table by its header row, not its sheet name).
const MAX_SHEET_ROWS: usize = 1_048_576;

fn sheet_xml(columns: &[&str], rows: &[Vec<&str>]) -> String {
    let letters: Vec<String> = (0..columns.len()).map(column_letters).collect();
    let mut x = String::with_capacity(80 * (rows.len() + 1) * columns.len().min(8));
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    let all = std::iter::once(columns).chain(rows.iter().map(Vec::as_slice));
    for (r, cells) in all.enumerate() {
        let n = r + 1;
        x.push_str(&format!("<row r=\"{n}\">"));
        for (c, cell) in cells.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            x.push_str("<c r=\"");
            x.push_str(&letters[c]);
            x.push_str(&n.to_string());
            x.push_str("\" t=\"inlineStr\"><is><t");
            if cell.starts_with(' ') || cell.ends_with(' ') {
                x.push_str(" xml:space=\"preserve\"");
            }
            x.push('>');
            escape(&mut x, cell);
            x.push_str("</t></is></c>");
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// A minimal valid workbook: content types, relationships, workbook, styles, one sheet per
/// table (text cells as inline strings, dates as their `dd/mm/yyyy` text).
pub(crate) fn xlsx(export: &SynthExport) -> zip::result::ZipResult<Vec<u8>> {
    let mut sheets: Vec<(String, String)> = Vec::new();
    for (kind, rows) in tables(export) {
        let columns = written_columns(kind);
        let chunks: Vec<&[Vec<&str>]> = if rows.is_empty() {
            vec![&rows[..]]
        } else {
            rows.chunks(MAX_SHEET_ROWS - 1).collect()
        };
        for (i, chunk) in chunks.into_iter().enumerate() {
            let name = if i == 0 {
                kind.name().to_string()
            } else {
                format!("{}_{}", kind.name(), i + 1)
            };
            sheets.push((name, sheet_xml(columns, chunk)));
        }
    }
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    let mut workbook = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
        workbook.push_str(&format!(
            "<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
             Target=\"worksheets/sheet{n}.xml\"/>"
        ));
    }
    let styles_id = sheets.len() + 1;
    rels.push_str(&format!(
        "<Relationship Id=\"rId{styles_id}\" \
         Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
         Target=\"styles.xml\"/></Relationships>"
    ));
    types.push_str("</Types>");
    workbook.push_str("</sheets></workbook>");
    let root_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" \
        Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
        Target=\"xl/workbook.xml\"/></Relationships>";
    let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
        <fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>\
        <fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>\
        <fill><patternFill patternType=\"gray125\"/></fill></fills>\
        <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
        <cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>\
        <cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
        </styleSheet>";

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let mut entry = |name: &str, body: &[u8]| -> zip::result::ZipResult<()> {
        // Entries of 4 GiB or more need zip64 headers, declared before writing.
        let large = body.len() as u64 >= u32::MAX as u64;
        zip.start_file(name, options.large_file(large))?;
        zip.write_all(body)?;
        Ok(())
    };
    entry("[Content_Types].xml", types.as_bytes())?;
    entry("_rels/.rels", root_rels.as_bytes())?;
    entry("xl/workbook.xml", workbook.as_bytes())?;
    entry("xl/_rels/workbook.xml.rels", rels.as_bytes())?;
    entry("xl/styles.xml", styles.as_bytes())?;
    for (i, (_, xml)) in sheets.iter().enumerate() {
        entry(&format!("xl/worksheets/sheet{}.xml", i + 1), xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Appends `<TAG>text</TAG>`, or `<TAG />` when the text is blank.
fn element(x: &mut String, indent: usize, tag: &str, text: &str) {
    for _ in 0..indent {
        x.push_str("  ");
    }
    x.push('<');
    x.push_str(tag);
    if text.is_empty() {
        x.push_str(" />\n");
    } else {
        x.push('>');
        escape(x, text);
        x.push_str("</");
        x.push_str(tag);
        x.push_str(">\n");
    }
}

fn open(x: &mut String, indent: usize, tag: &str) {
    for _ in 0..indent {
        x.push_str("  ");
    }
    x.push('<');
    x.push_str(tag);
    x.push_str(">\n");
}

fn close(x: &mut String, indent: usize, tag: &str) {
    for _ in 0..indent {
        x.push_str("  ");
    }
    x.push_str("</");
    x.push_str(tag);
    x.push_str(">\n");
}

/// Row indices of a table by child id, in file order.
fn by_child<'a, R>(
    rows: &'a [R],
    child: impl Fn(&'a R) -> &'a str,
) -> HashMap<&'a str, Vec<usize>> {
    let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        map.entry(child(r)).or_default().push(i);
    }
    map
}

/// The DfE `EXPSSDA903` XML (ssda903-notes.md section 4.1): one `CHILD` per header row, in
/// header order, holding the child's HEADER (with UASC, care-leaver items, missing episodes,
/// reviews, mother) and EPISODEs. A child's reviews, missing and episodes go with the first
/// header row of its id; rows whose id has no header row (a blank `CHILD`, say) are gathered in
/// further `CHILD` elements at the end, in first-seen order, with a header holding only
/// `CHILDID`. Social-worker episodes are not written: their XML tags are not known.
pub(crate) fn xml(export: &SynthExport) -> Vec<u8> {
    let episodes = by_child(&export.episodes, |r| r.child.as_str());
    let reviews = by_child(&export.reviews, |r| r.child.as_str());
    let missing = by_child(&export.missing, |r| r.child.as_str());
    let uasc = by_child(&export.uasc, |r| r.child.as_str());
    let oc3 = by_child(&export.oc3, |r| r.child.as_str());
    let mut x = String::with_capacity(600 * export.header.len() + 400 * export.episodes.len());
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EXPSSDA903>\n");
    let mut written: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let empty = crate::synth::HeaderRow::default();
    // Ids with rows but no header row, in the order they first occur.
    let headed: std::collections::HashSet<&str> =
        export.header.iter().map(|h| h.child.as_str()).collect();
    let mut orphans: Vec<&str> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let ids = export
        .episodes
        .iter()
        .map(|r| r.child.as_str())
        .chain(export.reviews.iter().map(|r| r.child.as_str()))
        .chain(export.missing.iter().map(|r| r.child.as_str()))
        .chain(export.uasc.iter().map(|r| r.child.as_str()))
        .chain(export.oc3.iter().map(|r| r.child.as_str()));
    for id in ids {
        if !headed.contains(id) && seen.insert(id) {
            orphans.push(id);
        }
    }
    let orphan_headers: Vec<crate::synth::HeaderRow> = orphans
        .iter()
        .map(|id| crate::synth::HeaderRow {
            child: id.to_string(),
            ..empty.clone()
        })
        .collect();
    for h in export.header.iter().chain(orphan_headers.iter()) {
        let id = h.child.as_str();
        let first = written.insert(id);
        let rows = |map: &HashMap<&str, Vec<usize>>| -> Vec<usize> {
            if first {
                map.get(id).cloned().unwrap_or_default()
            } else {
                Vec::new()
            }
        };
        open(&mut x, 1, "CHILD");
        open(&mut x, 2, "HEADER");
        element(&mut x, 3, "CHILDID", &h.child);
        element(&mut x, 3, "UPN", &h.upn);
        element(&mut x, 3, "SEX", &h.sex);
        element(&mut x, 3, "DOB", &h.dob);
        element(&mut x, 3, "ETHNIC", &h.ethnic);
        let u = rows(&uasc);
        element(&mut x, 3, "UASC", if u.is_empty() { "0" } else { "1" });
        if let Some(duc) = u
            .first()
            .map(|&i| export.uasc[i].duc.as_str())
            .filter(|d| !d.is_empty())
        {
            element(&mut x, 3, "DUC", duc);
        }
        if let Some(&i) = rows(&oc3).first() {
            let o = &export.oc3[i];
            element(&mut x, 3, "IN_TOUCH", &o.in_touch);
            element(&mut x, 3, "ACTIV", &o.activ);
            element(&mut x, 3, "ACCOM", &o.accom);
        }
        for i in rows(&missing) {
            let m = &export.missing[i];
            open(&mut x, 3, "AMISSING");
            element(&mut x, 4, "MISSING", &m.missing);
            element(&mut x, 4, "MIS_START", &m.mis_start);
            element(&mut x, 4, "MIS_END", &m.mis_end);
            close(&mut x, 3, "AMISSING");
        }
        for i in rows(&reviews) {
            let r = &export.reviews[i];
            open(&mut x, 3, "AREVIEW");
            element(&mut x, 4, "REVIEW", &r.review);
            element(&mut x, 4, "REVIEW_CODE", &r.review_code);
            close(&mut x, 3, "AREVIEW");
        }
        element(&mut x, 3, "MOTHER", &h.mother);
        element(&mut x, 3, "MC_DOB", &h.mc_dob);
        close(&mut x, 2, "HEADER");
        for i in rows(&episodes) {
            let e = &export.episodes[i];
            open(&mut x, 2, "EPISODE");
            for (tag, text) in [
                ("DECOM", &e.decom),
                ("RNE", &e.rne),
                ("LS", &e.ls),
                ("CIN", &e.cin),
                ("PL", &e.place),
                ("PL_POST", &e.pl_post),
                ("HOME_POST", &e.home_post),
                ("URN", &e.urn),
                ("PLACE_PROVIDER", &e.place_provider),
                ("DEC", &e.dec),
                ("REC", &e.rec),
                ("REASON_PLACE_CHANGE", &e.reason_place_change),
            ] {
                element(&mut x, 3, tag, text);
            }
            close(&mut x, 2, "EPISODE");
        }
        close(&mut x, 1, "CHILD");
    }
    x.push_str("</EXPSSDA903>\n");
    x.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed_and_ends_lines_with_crlf() {
        let mut out = Vec::new();
        csv_record(&mut out, ["a", "b,c", "say \"hi\"", ""]);
        assert_eq!(out, b"a,\"b,c\",\"say \"\"hi\"\"\",\r\n");
    }

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(12), "M");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}

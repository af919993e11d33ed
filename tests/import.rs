//! The importers end to end, through `careboard::import::load`: bytes of every supported (and
//! unsupported) kind in, the dataset's account of every row out. Expected values are worked
//! out by hand in the comments beside them.

use careboard::import::{load, read_file};
use careboard::model::{Dataset, Date, EpisodeDetails, InputAccount, Position, TableKind};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).unwrap()
}

/// (source, table, rows read, used, rejected) for each input.
fn accounts(ds: &Dataset) -> Vec<(String, TableKind, u64, u64, u64)> {
    ds.inputs
        .iter()
        .map(|i: &InputAccount| {
            (
                i.source.clone(),
                i.table,
                i.rows_read,
                i.rows_used,
                i.rows_rejected,
            )
        })
        .collect()
}

/// (row, column) of every rejected row.
fn rejected(ds: &Dataset) -> Vec<(u32, String)> {
    ds.rejections().map(|r| (r.row, r.column.clone())).collect()
}

fn messages(ds: &Dataset) -> Vec<String> {
    ds.problems.iter().map(|p| p.message.clone()).collect()
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn utf16(s: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend_from_slice(&if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf8_bom_crlf_and_blank_trailing_lines() {
    // Row 1 header, row 2 used, row 3 rejected (31 February), then blank lines (not rows read).
    let bytes = b"\xEF\xBB\xBFCHILD,REVIEW,REVIEW_CODE\r\nA,01/05/2023,PN1\r\nB,31/02/2023,PN2\r\n\r\n,,\r\n\r\n";
    let ds = load(&[("reviews.csv", bytes)]);
    assert_eq!(
        accounts(&ds),
        [("reviews.csv".into(), TableKind::Reviews, 2, 1, 1)]
    );
    assert_eq!(rejected(&ds), [(3, "REVIEW".into())]);
    assert_eq!(ds.reviews[0].date, d(2023, 5, 1));
    assert_eq!(ds.text(&ds.reviews[0].code), "PN1");
    assert!(ds.problems.is_empty());
}

#[test]
fn utf16_le_tab_separated_as_excel_unicode_text_and_utf16_be_csv() {
    // Excel's "Unicode Text" is UTF-16 LE with a BOM, tab-separated.
    let le = utf16(
        "CHILD\tSEX\tDOB\tETHNIC\r\nC1\tF\t01/02/2010\tWBRI\r\nC2\tM\t\tWBRI\r\n",
        true,
    );
    let be = utf16("CHILD,SEX,DOB,ETHNIC\nC3,1,05/06/2011,MWBC\n", false);
    let ds = load(&[("children.txt", &le), ("more.csv", &be)]);
    assert_eq!(
        accounts(&ds),
        [
            ("children.txt".into(), TableKind::Header, 2, 2, 0),
            ("more.csv".into(), TableKind::Header, 1, 1, 0),
        ]
    );
    assert_eq!(ds.children, ["C1", "C2", "C3"]);
    assert_eq!(ds.headers[0].as_ref().unwrap().dob, Some(d(2010, 2, 1)));
    // C2's blank DOB is a warning at row 3, not a rejection.
    let w: Vec<_> = ds.warnings().map(|w| (w.row, w.column.as_str())).collect();
    assert_eq!(w, [(3, "DOB")]);
    assert_eq!(ds.headers[2].as_ref().unwrap().ethnic, "MWBC");
}

#[test]
fn windows_1252_accents_in_an_extra_column_do_not_break_the_row() {
    // 0xE9 = é, 0x92 = ’ (Excel's apostrophe), 0xEB = ë: not UTF-8, so read as Windows-1252.
    let bytes = b"CHILD,SEX,DOB,ETHNIC,Name\r\nC1,2,01/02/2010,WBRI,Ren\xE9e O\x92Brien\r\nC2,1,03/04/2011,WBRI,Zo\xEB\r\n";
    let ds = load(&[("header.csv", bytes)]);
    assert_eq!(
        accounts(&ds),
        [("header.csv".into(), TableKind::Header, 2, 2, 0)]
    );
    assert_eq!(ds.children, ["C1", "C2"]);
    assert_eq!(ds.headers[1].as_ref().unwrap().dob, Some(d(2011, 4, 3)));
}

#[test]
fn semicolons_title_lines_quotes_synonyms_shuffled_and_extra_columns() {
    // Row 1: a title with one semicolon; row 2 blank; row 3 the header (synonyms, shuffled,
    // an extra "Notes" column); row 4 has a quoted note holding a semicolon, doubled quotes and
    // a line break (still one row); row 5 used; row 6 blank CHILD; row 7 DEC before DECOM.
    let text = "Episodes export; run 01/04/2024\n\
                \n\
                Child ID;Notes;Start date;End date;REC;RNE;Legal status;Placement type;Provider;CIN\n\
                \"0042\";\"Moved; see \"\"file\"\"\nnote\";01/04/2023;30/06/2023;X1;S;C2;U1;PR1;N1\n\
                1234;;30/06/2023;;;P;C2;U3;PR2;N1\n\
                ;x;01/07/2023;;;S;C2;U1;PR1;N1\n\
                77;;01/08/2023;01/07/2023;E11;S;C2;U1;PR1;N1\n";
    let ds = load(&[("episodes.csv", text.as_bytes())]);
    assert_eq!(
        accounts(&ds),
        [("episodes.csv".into(), TableKind::Episodes, 4, 2, 2)]
    );
    assert_eq!(rejected(&ds), [(6, "CHILD".into()), (7, "DEC".into())]);
    let e = &ds.episodes[0];
    assert_eq!(&ds.children[e.child as usize], "0042");
    assert_eq!(
        (
            e.decom,
            e.dec,
            ds.text(&e.place),
            ds.episode_details[0].unread
        ),
        (
            d(2023, 4, 1),
            Some(d(2023, 6, 30)),
            "U1",
            EpisodeDetails::unread("N1", "PR1", "", "")
        )
    );
    let e = &ds.episodes[1];
    assert_eq!(&ds.children[e.child as usize], "1234");
    assert_eq!(
        (e.decom, e.dec, ds.episode_details[1].unread),
        (
            d(2023, 6, 30),
            None,
            EpisodeDetails::unread("N1", "PR2", "", "")
        )
    );
}

#[test]
fn tab_separated_with_quoted_commas() {
    let text = "REVIEW_CODE\tCHILD\tREVIEW\tComment\nPN1\tA\t2023-05-01\t\"late, rescheduled\"\n";
    let ds = load(&[("r.tsv", text.as_bytes())]);
    assert_eq!(
        accounts(&ds),
        [("r.tsv".into(), TableKind::Reviews, 1, 1, 0)]
    );
    assert_eq!(
        (ds.reviews[0].date, ds.text(&ds.reviews[0].code)),
        (d(2023, 5, 1), "PN1")
    );
}

#[test]
fn a_header_only_file_is_a_recognised_table_with_no_rows() {
    let ds = load(&[("uasc.csv", b"CHILD,SEX,DOB,DUC\r\n")]);
    assert_eq!(
        accounts(&ds),
        [("uasc.csv".into(), TableKind::Uasc, 0, 0, 0)]
    );
    assert!(ds.problems.is_empty());
}

#[test]
fn empty_pdf_binary_and_unrecognised_files_are_problems_and_nothing_else() {
    // A JPEG's first bytes, then noise.
    let mut rng = XorShift(7);
    let mut random = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00".to_vec();
    random.extend((0..512).map(|_| rng.next() as u8));
    let ds = load(&[
        ("empty.csv", b""),
        ("report.pdf", b"%PDF-1.4\n1 0 obj\n"),
        ("photo.jpg", &random),
        (
            "reviews.csv",
            b"CHILD,DOB,REVIEW\nA,01/01/2010,01/05/2023\n",
        ),
        ("staff.csv", b"Name,Team\nAnn,North\n"),
    ]);
    assert!(ds.inputs.is_empty());
    let files: Vec<_> = ds.problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "empty.csv",
            "report.pdf",
            "photo.jpg",
            "reviews.csv",
            "staff.csv"
        ]
    );
    let m = messages(&ds);
    assert!(m[0].starts_with("\"empty.csv\" is empty"), "{}", m[0]);
    assert!(m[1].starts_with("\"report.pdf\" is a PDF"), "{}", m[1]);
    assert!(m[2].contains("binary data"), "{}", m[2]);
    assert_eq!(
        m[3],
        "\"reviews.csv\" looks like the reviews table but has no REVIEW_CODE column \
         (participation code)."
    );
    assert!(
        m[4].starts_with("\"staff.csv\" is not a 903 table") && m[4].contains("\"Name, Team\""),
        "{}",
        m[4]
    );
}

#[test]
fn a_truncated_csv_keeps_the_rows_before_the_cut_and_rejects_the_cut_row() {
    let bytes = b"CHILD,REVIEW,REVIEW_CODE\nA,01/05/2023,PN1\nB,02/05/2023,\"PN";
    let ds = load(&[("reviews.csv", bytes)]);
    // Row 2 used; row 3, cut inside a quoted cell, read and rejected.
    assert_eq!(
        accounts(&ds),
        [("reviews.csv".into(), TableKind::Reviews, 2, 1, 1)]
    );
    assert!(messages(&ds).is_empty());
    let cut: Vec<String> = ds.rejections().map(|r| r.describe()).collect();
    assert_eq!(
        cut,
        [
            "reviews.csv, row 3, column REVIEW_CODE: a quotation mark opened in this row is never \
          closed, so the row cannot be split into its cells: the file may be cut short \
          (truncated) here"
        ]
    );
}

#[test]
fn a_workbook_with_two_tables_a_notes_sheet_and_an_empty_sheet() {
    let bytes = fixture("workbook.xlsx");
    let ds = load(&[("export.xlsx", &bytes)]);
    // Sheets in order: Notes (a problem), Episodes, Empty (skipped silently), Reviews.
    // Episodes: rows 4-7 read; row 6 has serial 60 (29/02/1900, no such day) in DECOM and
    // row 7 a blank child ID. Reviews: the used range starts at B2, so data rows are 3 and 4.
    assert_eq!(
        accounts(&ds),
        [
            (
                "export.xlsx, sheet \"Episodes\"".into(),
                TableKind::Episodes,
                4,
                2,
                2
            ),
            (
                "export.xlsx, sheet \"Reviews\"".into(),
                TableKind::Reviews,
                2,
                2,
                0
            ),
        ]
    );
    assert_eq!(rejected(&ds), [(6, "DECOM".into()), (7, "CHILD".into())]);
    let r = ds.rejections().next().unwrap();
    assert!(r.reason.starts_with("\"60\" is not a date"), "{}", r.reason);
    assert_eq!(r.position, Position::Row);
    assert_eq!(
        messages(&ds),
        [
            "\"export.xlsx\", sheet \"Notes\" is not a 903 table: none of its first rows has the \
             column headings of one (its first row reads \"About this export\"). The 903 tables \
             have headings such as CHILD, DECOM and REVIEW; an export of the IRO service's own records with other headings is read once its columns are mapped (a mapping profile)."
        ]
    );
    // Row 4: text ID "0042" keeps its zeros; a date cell at 14:30 is the day.
    // Row 5: numeric ID 1234 without ".0"; bare serial 45017 = 2023-04-01; DEC a date cell
    // (45107 = 2023-06-30); CIN an #N/A error cell, kept as its text.
    assert_eq!(ds.children, ["0042", "1234"]);
    let e0 = &ds.episodes[0];
    assert_eq!((e0.child, e0.decom, e0.dec), (0, d(2023, 4, 1), None));
    let e1 = &ds.episodes[1];
    assert_eq!(
        (
            e1.child,
            e1.decom,
            e1.dec,
            ds.episode_details[1].unread,
            ds.text(&e1.rec)
        ),
        (
            1,
            d(2023, 4, 1),
            Some(d(2023, 6, 30)),
            EpisodeDetails::unread("#N/A", "PR1", "", ""),
            "E3"
        )
    );
    let reviews: Vec<_> = ds
        .reviews
        .iter()
        .map(|r| (r.child, r.date, ds.text(&r.code)))
        .collect();
    assert_eq!(
        reviews,
        [(0, d(2023, 5, 10), "PN1"), (1, d(2023, 6, 15), "PN2")]
    );
}

#[test]
fn a_1904_workbook_dates_are_the_days_excel_shows() {
    let ds = load(&[("mac.xlsx", &fixture("mac1904.xlsx"))]);
    assert_eq!(ds.headers[0].as_ref().unwrap().dob, Some(d(2010, 1, 15)));
}

#[test]
fn a_workbook_cut_in_half_is_one_problem() {
    let bytes = fixture("workbook.xlsx");
    let ds = load(&[("episodes.xlsx", &bytes[..bytes.len() / 2])]);
    assert!(ds.inputs.is_empty());
    assert_eq!(
        messages(&ds),
        ["\"episodes.xlsx\" could not be opened as an Excel workbook: it may be damaged or only \
          partly downloaded. Save it again from Excel and reload it."]
    );
}

/// Rewrites one entry of a workbook (a zip) with `edit`.
fn rezip(workbook: &[u8], entry: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(workbook)).unwrap();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == entry {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        writer
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_sheet_whose_dimension_runs_backwards_does_not_panic() {
    // Found by fuzzing: calamine (which read workbooks then) subtracted the dimension's
    // corners, which overflows (a panic in a build with overflow checks) when the end is above
    // the start.
    let bytes = rezip(
        &fixture("workbook.xlsx"),
        "xl/worksheets/sheet2.xml",
        |xml| xml.replace("<dimension ref=\"A1:J7\" />", "<dimension ref=\"J7:A1\" />"),
    );
    let read = read_file("odd.xlsx", &bytes);
    assert!(!read.tables.is_empty() || !read.problems.is_empty());
    assert!(read.problems.iter().all(|p| p.file == "odd.xlsx"));
}

/// Rewrites one entry of a workbook (a zip) as bytes.
fn rezip_bytes(workbook: &[u8], entry: &str, edit: impl Fn(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(workbook)).unwrap();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == entry {
            data = edit(data);
        }
        writer
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A part's XML saved as UTF-16 (with its byte order mark), as ECMA-376 allows.
fn as_utf16(xml: Vec<u8>, little_endian: bool) -> Vec<u8> {
    let text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>{}",
        String::from_utf8(xml).unwrap()
    );
    utf16(&text, little_endian)
}

#[test]
fn workbook_parts_saved_as_utf16_read_as_in_utf8() {
    let original = fixture("workbook.xlsx");
    let episodes = rezip_bytes(&original, "xl/worksheets/sheet2.xml", |x| as_utf16(x, true));
    let both = rezip_bytes(&episodes, "xl/worksheets/sheet4.xml", |x| {
        as_utf16(x, false)
    });
    let before = load(&[("export.xlsx", &original)]);
    let after = load(&[("export.xlsx", &both)]);
    assert_eq!(accounts(&after), accounts(&before));
    assert_eq!(rejected(&after), rejected(&before));
    assert_eq!(after.children, before.children);
    assert_eq!(messages(&after), messages(&before));
}

#[test]
fn a_workbook_part_in_another_encoding_is_refused_naming_the_sheet() {
    let bytes = rezip_bytes(
        &fixture("workbook.xlsx"),
        "xl/worksheets/sheet4.xml",
        |xml| {
            let mut out = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>".to_vec();
            out.extend(xml);
            out
        },
    );
    let ds = load(&[("export.xlsx", &bytes)]);
    // Episodes is read as before; Reviews is not.
    let tables: Vec<_> = accounts(&ds).into_iter().map(|a| a.0).collect();
    assert_eq!(tables, ["export.xlsx, sheet \"Episodes\""]);
    assert_eq!(
        messages(&ds)[1],
        "\"export.xlsx\", sheet \"Reviews\" could not be read: it was saved in an encoding \
         Careboard does not read (windows-1252); save it again from Excel and reload it."
    );
}

#[test]
fn the_dfe_xml_with_two_children_and_a_child_without_header() {
    let ds = load(&[("return.xml", &fixture("two_children.xml"))]);
    // HEADER elements at lines 4 and 53; AREVIEW at 12, 16, 60, 64 (64 repeats 60's date);
    // EPISODE at 23, 37, 71 (ends before it starts) and 87 (a CHILD with no HEADER, so no
    // child ID). Only child 101 is flagged UASC.
    assert_eq!(
        accounts(&ds),
        [
            ("return.xml".into(), TableKind::Header, 2, 2, 0),
            ("return.xml".into(), TableKind::Episodes, 4, 2, 2),
            ("return.xml".into(), TableKind::Reviews, 4, 3, 1),
            ("return.xml".into(), TableKind::Uasc, 1, 1, 0),
        ]
    );
    assert_eq!(
        rejected(&ds),
        [
            (71, "DEC".into()),
            (87, "CHILD".into()),
            (64, "REVIEW".into())
        ]
    );
    assert!(ds.rejections().all(|r| r.position == Position::Line));
    assert_eq!(ds.children, ["101", "102"]);
    let e = &ds.episodes[0];
    assert_eq!(
        (
            e.decom,
            e.dec,
            ds.text(&e.place),
            ds.episode_details[0].unread
        ),
        (
            d(2023, 4, 1),
            Some(d(2023, 9, 1)),
            "K2",
            EpisodeDetails::unread("N4", "PR1", "CARPL", "SC123456")
        )
    );
    assert_eq!(ds.text(&ds.episodes[1].place), "U1");
    assert_eq!(ds.episodes[1].dec, None);
    let reviews: Vec<_> = ds
        .reviews
        .iter()
        .map(|r| (r.child, r.date, ds.text(&r.code)))
        .collect();
    assert_eq!(
        reviews,
        [
            (0, d(2023, 5, 10), "PN1"),
            (0, d(2023, 11, 1), "PN2"),
            (1, d(2023, 6, 20), "PN3")
        ]
    );
    assert_eq!(ds.uasc.len(), 1);
    assert_eq!(
        (ds.uasc[0].child, ds.uasc[0].duc),
        (0, Some(d(2024, 12, 15)))
    );
    let h = ds.headers[1].as_ref().unwrap();
    assert_eq!((h.dob, h.ethnic.as_str()), (Some(d(2015, 2, 3)), "WBRI"));
}

#[test]
fn malformed_xml_names_the_line() {
    let good = String::from_utf8(fixture("two_children.xml")).unwrap();
    // A mismatched closing tag on line 14 (REVIEW closed as REVIEWS).
    let bad = good.replacen(
        "<REVIEW_CODE>PN1</REVIEW_CODE>",
        "<REVIEW_CODE>PN1</REVIEWS>",
        1,
    );
    let ds = load(&[("return.xml", bad.as_bytes())]);
    assert!(ds.inputs.is_empty());
    let m = messages(&ds);
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with(
            "\"return.xml\" is not a well-formed XML file: there is a problem on line 14"
        ),
        "{}",
        m[0]
    );
    // Blank lines before the XML still count as lines of the file.
    let m = messages(&load(&[("return.xml", format!("\n\n{bad}").as_bytes())]));
    assert!(m[0].contains("problem on line 16"), "{}", m[0]);
    // Cut after line 30: it stops there, unclosed.
    let cut: String = good.lines().take(30).collect::<Vec<_>>().join("\n");
    let m = messages(&load(&[("return.xml", cut.as_bytes())]));
    assert!(
        m[0].contains("it stops on line 30") && m[0].contains("truncated"),
        "{}",
        m[0]
    );
}

/// A tiny deterministic generator (xorshift64), so the test needs no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn no_input_makes_read_file_panic() {
    let seeds: Vec<Vec<u8>> = vec![
        fixture("workbook.xlsx"),
        fixture("mac1904.xlsx"),
        fixture("two_children.xml"),
        b"CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n1,01/04/2023,S,C2,U1,,\n\"2\",\"x\ny\",P,C2,U1,,\n"
            .to_vec(),
        utf16("CHILD\tREVIEW\tREVIEW_CODE\r\nA\t01/01/2024\tPN1\r\n", true),
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    // Pure noise, some of it dressed as a workbook, XML or UTF-16 to reach each reader.
    for i in 0..120 {
        let len = rng.below(600);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let prefix: &[u8] = match i % 4 {
            0 => b"PK\x03\x04",
            1 => b"<EXPSSDA903>",
            2 => b"\xFF\xFE",
            _ => b"",
        };
        bytes.splice(0..0, prefix.iter().copied());
        inputs.push(bytes);
    }
    // Mutations of real files: flipped bytes, cuts, inserted quotes and angle brackets.
    for i in 0..300 {
        let mut bytes = seeds[i % seeds.len()].clone();
        match i % 3 {
            0 => {
                for _ in 0..1 + rng.below(8) {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.next() as u8;
                }
            }
            1 => bytes.truncate(rng.below(bytes.len())),
            _ => {
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(bytes.len() + 1);
                    let b = [b'"', b'<', b'\n', b'\r', b';', 0][rng.below(6)];
                    bytes.insert(at, b);
                }
            }
        }
        inputs.push(bytes);
    }
    for (i, bytes) in inputs.iter().enumerate() {
        let read = read_file("fuzz.bin", bytes);
        // Whatever it gave must build too, and every file yields a table or says why not.
        assert!(
            !read.tables.is_empty() || !read.problems.is_empty(),
            "input {i} gave nothing"
        );
        let _ = careboard::model::build(read.tables, read.problems);
    }
}

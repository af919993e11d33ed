//! Hostile and broken inputs (issue 13): each of the twelve findings of the adversarial
//! review, reproduced with an input generated here (no large file is committed), and the
//! message now given. Every case names the file, loads the other files as usual and keeps
//! `rows_read = rows_used + rows_rejected`. Peak memory of the same inputs is asserted in
//! tests/memory.rs.

mod bombs;

use std::time::{Duration, Instant};

use careboard::import::{load, read_file};
use careboard::measures::make_report;
use careboard::model::{Dataset, Position, TableKind};
use careboard::present::{data_quality_csv, sections, Block, Presentation};
use careboard::settings::Settings;

use bombs::{declare_size, reviews_header, sheet, text_cell, workbook};

/// A good reviews file loaded beside every hostile one: it must still be read.
const GOOD: &[u8] = b"CHILD,REVIEW,REVIEW_CODE\nG1,01/05/2023,PN1\n";

/// Loads `name` with the good file after it; checks the good file's account and that every
/// table accounts for its rows.
fn load_beside_good(name: &str, bytes: &[u8]) -> Dataset {
    let ds = load(&[(name, bytes), ("good.csv", GOOD)]);
    let good: Vec<_> = ds.inputs.iter().filter(|i| i.file == "good.csv").collect();
    assert_eq!(good.len(), 1, "{:?}", ds.inputs);
    assert_eq!((good[0].rows_read, good[0].rows_used), (1, 1));
    for i in &ds.inputs {
        assert_eq!(i.rows_read, i.rows_used + i.rows_rejected, "{i:?}");
    }
    ds
}

fn messages(ds: &Dataset) -> Vec<String> {
    ds.problems.iter().map(|p| p.message.clone()).collect()
}

/// (file, table, read, used, rejected) of each table read.
fn accounts(ds: &Dataset) -> Vec<(String, TableKind, u64, u64, u64)> {
    ds.inputs
        .iter()
        .map(|i| {
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

/// The rejected rows of a file, as `describe` words them.
fn rejected_in(ds: &Dataset, file: &str) -> Vec<String> {
    ds.rejections()
        .filter(|r| r.file == file)
        .map(|r| r.describe())
        .collect()
}

// Finding 1: a 1.6 KB workbook with cells at A1 and XFD1048576 aborted the CLI (a dense grid
// of 549,755,813,888 bytes) and killed the page's worker.

#[test]
fn a_workbook_with_cells_at_a1_and_xfd1048576_is_read_cell_by_cell() {
    for far in ["XFD1048576", "BL1048576"] {
        let bytes = bombs::far_apart_workbook(far);
        assert!(bytes.len() < 2_000, "{}", bytes.len());
        let ds = load_beside_good("far.xlsx", &bytes);
        // Row 2 used; row 1,048,576 has text only outside the table's columns, so its
        // child's ID is blank.
        assert_eq!(
            accounts(&ds)[0],
            (
                "far.xlsx, sheet \"Reviews\"".into(),
                TableKind::Reviews,
                2,
                1,
                1
            )
        );
        assert_eq!(
            rejected_in(&ds, "far.xlsx"),
            ["far.xlsx, sheet \"Reviews\", row 1048576, column CHILD: the child's ID is blank"]
        );
    }
}

#[test]
fn a_cell_beyond_excels_last_column_means_a_damaged_workbook() {
    let rows = [(1, reviews_header()), (2, text_cell("XFE2", "x"))];
    let ds = load_beside_good("wide.xlsx", &workbook(&sheet(&rows), None));
    assert_eq!(
        messages(&ds),
        [
            "\"wide.xlsx\", sheet \"Reviews\" could not be read from row 2 on: a cell lies beyond \
          Excel's last row or column, so the workbook is damaged. The rows before it were read; \
          save the workbook again from Excel and reload it."
        ]
    );
}

// Finding 2: no bound on decompression (a 6.2 MB workbook unpacked past 13 GB; 4.2 MB of
// spaces took 4.1 GB).

#[test]
fn a_workbook_declaring_more_than_1_gb_unpacked_is_refused_before_reading() {
    let mut bytes = workbook(&sheet(&[(1, reviews_header())]), None);
    // 3 GiB declared for the sheet: the zip reader would stop there, and this refuses it.
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 3 << 30);
    let ds = load_beside_good("bomb.xlsx", &bytes);
    assert_eq!(
        messages(&ds),
        [
            "\"bomb.xlsx\" was not read: it would unpack to 3,073 MB, more than the 1,024 MB \
          Careboard reads from one workbook. A workbook of 903 tables is far smaller, so this \
          one is damaged or is not a data export; save the tables again from Excel (or as CSV) \
          and reload them."
        ]
    );
}

#[test]
fn a_part_unpacking_past_its_declared_size_is_stopped_there() {
    // 20,000 rows (about 1.4 MB of XML) declared as 1,000 bytes: the zip reader gives no
    // more than the declared size, so the declared sizes checked above bind.
    let rows: Vec<(u32, String)> = std::iter::once((1, reviews_header()))
        .chain((2..20_002).map(|r| (r, text_cell(&format!("A{r}"), "C"))))
        .collect();
    let mut bytes = workbook(&sheet(&rows), None);
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 1_000);
    let ds = load_beside_good("liar.xlsx", &bytes);
    // The first read of the sheet already passes its declared size, so none of it is used.
    assert_eq!(
        messages(&ds),
        ["\"liar.xlsx\", sheet \"Reviews\" could not be read: the workbook may be damaged. Save \
          it again from Excel and reload it."]
    );
    assert_eq!(ds.inputs.len(), 1);
}

#[test]
fn a_cell_of_more_than_1_mb_of_text_is_refused() {
    // 4.2 MB of spaces in one cell.
    let spaces = " ".repeat(4_200_000);
    let rows = [(1, reviews_header()), (2, text_cell("A2", &spaces))];
    let ds = load_beside_good("spaces.xlsx", &workbook(&sheet(&rows), None));
    assert_eq!(
        messages(&ds),
        ["\"spaces.xlsx\" was not read: its part \"xl/worksheets/sheet1.xml\" holds a cell or tag \
          of more than 1 MB of text, where an Excel cell holds at most 32,767 characters, so the \
          workbook is damaged. Save it again from Excel and reload it."]
    );
}

#[test]
fn shared_text_claiming_billions_of_entries_is_refused_before_room_is_made_for_them() {
    // calamine (which read workbooks then) reserved room for uniqueCount strings before
    // reading them: 4,000,000,000 x 24 bytes would abort. The count is still checked.
    let shared = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>CHILD</t></si></sst>"#;
    let ds = load_beside_good(
        "count.xlsx",
        &workbook(&sheet(&[(1, reviews_header())]), Some(shared)),
    );
    assert_eq!(
        messages(&ds),
        [
            "\"count.xlsx\" could not be opened as an Excel workbook: it may be damaged or only \
          partly downloaded. Save it again from Excel and reload it."
        ]
    );
}

#[test]
fn one_shared_text_used_by_many_cells_stops_at_256_mb_of_cell_text() {
    // One 1,000,000-character text used in column A of 300 rows would be 300 MB of cell
    // text: reading stops once 256 MB (268,435,456 bytes) are held, in row 270 (rows 2..=269
    // are 268 full cells, 268,000,000 bytes; the 269th would pass the limit).
    let ds = load_beside_good("shared.xlsx", &bombs::shared_text_workbook());
    assert_eq!(
        messages(&ds),
        [
            "\"shared.xlsx\", sheet \"Reviews\" could not be read from row 270 on: the workbook \
          holds more than 256 MB of text in the columns Careboard reads, far more than a 903 \
          export. The rows before it were read; check it is the export you meant."
        ]
    );
    assert_eq!(
        accounts(&ds)[0],
        (
            "shared.xlsx, sheet \"Reviews\"".into(),
            TableKind::Reviews,
            268,
            0,
            268
        )
    );
}

// Finding 3: one 100 KB entity used 20,000 times took 36 s and 7.6 GB.

#[test]
fn xml_with_a_document_type_declaration_is_refused_whatever_it_declares() {
    let doctypes = [
        bombs::entity_bomb(),
        // Billion laughs.
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \
         \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n<EXPSSDA903>&lol2;\
         </EXPSSDA903>"
            .to_string(),
        // An external entity (XXE).
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n\
         <EXPSSDA903>&x;</EXPSSDA903>"
            .to_string(),
    ];
    for doctype in doctypes {
        let start = Instant::now();
        let ds = load_beside_good("entity.xml", doctype.as_bytes());
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(
            messages(&ds),
            [
                "\"entity.xml\" was not read: it has a document type declaration (<!DOCTYPE) on \
              line 2, which the DfE's 903 XML never has. Declarations like it can make a small \
              file expand to gigabytes, so Careboard does not read them. Export the return \
              again from your case-management system and reload it."
            ]
        );
    }
}

// Finding 4: child IDs like `=1+1` and a file named `=cmd|x.csv` were written as they are
// into the late-reviews, overdue-children and rows-set-aside CSVs.

#[test]
fn csv_downloads_neutralise_formulas_and_the_json_keeps_values_exact() {
    // tests/common's three children with hostile IDs: A (=1+1) has a late review, C
    // (=HYPERLINK) is overdue one, and D (@SUM(A1)) repeats A's story; a row with the ID -2+3
    // is set aside in a file named =cmd|x.csv.
    let header = "CHILD,SEX,DOB,ETHNIC\n=1+1,1,01/06/2010,WBRI\n+44,2,01/01/2015,BAFR\n";
    let episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n=1+1,01/01/2023,S,C2,U4,,\n\
                    +44,01/06/2023,S,V2,U1,01/02/2024,E11\n\
                    \"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",01/05/2023,S,C1,K2,,\n\
                    @SUM(A1),01/01/2023,S,C2,U4,,\n-2+3,tomorrow,S,C1,K2,,\n";
    let reviews = "CHILD,REVIEW,REVIEW_CODE\n=1+1,10/06/2023,PN1\n=1+1,10/12/2023,PN7\n\
                   \"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",15/05/2023,PN0\n\
                   @SUM(A1),10/06/2023,PN1\n@SUM(A1),10/12/2023,PN7\n";
    let data = load(&[
        ("header.csv", header.as_bytes()),
        ("=cmd|x.csv", episodes.as_bytes()),
        ("reviews.csv", reviews.as_bytes()),
    ]);
    let report = make_report(&data, Some(2024), &Settings::default()).unwrap();
    let mut downloads = vec![("rows set aside".to_string(), data_quality_csv(&report))];
    for section in sections(&report, Presentation::default()) {
        for block in &section.blocks {
            if let Block::Table(t) | Block::ChildList(t) = block {
                downloads.push((t.id.clone(), t.to_csv()));
            }
        }
    }
    let ids: Vec<&str> = downloads.iter().map(|(id, _)| id.as_str()).collect();
    assert!(ids.contains(&"late-reviews") && ids.contains(&"overdue-children"));
    let mut cells = Vec::new();
    for (id, csv) in &downloads {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let number = cell
                    .trim_start_matches(['+', '-'])
                    .trim_end_matches('%')
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || number,
                    "{id}: {cell}"
                );
                cells.push(cell.to_string());
            }
        }
    }
    for neutralised in [
        "'=1+1",
        "'@SUM(A1)",
        "'=cmd|x.csv",
        "'=HYPERLINK(\"http://x\",\"y\")",
    ] {
        assert!(cells.iter().any(|c| c == neutralised), "{neutralised}");
    }
    let json = report.to_json();
    assert!(json.contains("\"=1+1\"") && json.contains("\"@SUM(A1)\""));
    assert!(json.contains(r#""=HYPERLINK(\"http://x\",\"y\")""#));
    assert!(json.contains("\"=cmd|x.csv\"") && !json.contains("'="));
}

// Finding 5: wide rows were quadratic (10 MB of `a,` took 142 s; 100,000 columns without a
// header took 35 s).

#[test]
fn a_row_of_millions_of_cells_is_read_in_one_pass() {
    let wide = bombs::wide_row();
    let start = Instant::now();
    let ds = load_beside_good("wide.csv", wide.as_bytes());
    // Linear: about a second here in a debug build; the quadratic search took minutes in
    // release.
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    let m = messages(&ds);
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with(
            "\"wide.csv\" is not a 903 table: none of its first rows has the column headings of \
             one (its first row reads \"a, a, a, a"
        ) && m[0].contains("a, a,…\")"),
        "{}",
        &m[0][..200]
    );
    let columns: Vec<String> = (0..100_000).map(|i| format!("Column {i}")).collect();
    let text = columns.join(",") + "\n" + &"1,".repeat(100_000);
    let start = Instant::now();
    let ds = load_beside_good("columns.csv", text.as_bytes());
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    assert!(messages(&ds)[0].contains("is not a 903 table"));
}

// Finding 6: one unclosed quote at row 6 of a 201-line episodes file gave rows_read 4 and
// "cut short (truncated) at row 6"; the 195 rows after it were neither used nor listed.

#[test]
fn a_stray_quote_rejects_its_row_and_the_rows_after_it_are_read() {
    let mut text = String::from("CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n");
    for row in 2..=201 {
        let place = if row == 6 { "\"U1" } else { "U1" };
        text.push_str(&format!("C{row},01/04/2023,S,C2,{place},,\n"));
    }
    let ds = load_beside_good("episodes.csv", text.as_bytes());
    // Rows 2..=201: 200 read, row 6 rejected, 199 used.
    assert_eq!(
        accounts(&ds)[0],
        ("episodes.csv".into(), TableKind::Episodes, 200, 199, 1)
    );
    assert_eq!(
        rejected_in(&ds, "episodes.csv"),
        [
            "episodes.csv, row 6, column PLACE: a quotation mark opened in this row is never \
          closed, so the row cannot be split into its cells; the rows after it were read as \
          usual"
        ]
    );
    assert!(messages(&ds).is_empty());
    // A stray quote that a later quoted cell would close is found as well: rows 4 and 5
    // are read as themselves.
    let text = "CHILD,REVIEW,REVIEW_CODE,Notes\nA,01/01/2024,PN1,\nB,02/01/2024,\"PN2,\n\
                C,03/01/2024,PN3,\nD,04/01/2024,PN4,\"fine, really\"\n";
    let ds = load_beside_good("reviews.csv", text.as_bytes());
    let children: Vec<&str> = ds.children.iter().collect();
    assert_eq!(children, ["A", "C", "D", "G1"]);
    assert_eq!(
        rejected_in(&ds, "reviews.csv"),
        [
            "reviews.csv, row 3, column REVIEW_CODE: a quotation mark opened in this row is never \
          closed, so the row cannot be split into its cells; the rows after it were read as \
          usual"
        ]
    );
}

// Finding 7: XML records in unexpected places were ignored silently.

#[test]
fn xml_records_out_of_their_place_are_rejected_rows_saying_where() {
    let xml = "<EXPSSDA903>
  <EPISODE><DECOM>01/04/2023</DECOM></EPISODE>
  <LA>
    <CHILD>
      <HEADER><CHILDID>W1</CHILDID></HEADER>
      <EPISODE><DECOM>01/04/2023</DECOM></EPISODE>
    </CHILD>
  </LA>
  <CHILD>
    <HEADER><CHILDID>K1</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB><ETHNIC>WBRI</ETHNIC>
      <EPISODE><DECOM>01/05/2023</DECOM></EPISODE>
      <AREVIEW><REVIEW>01/06/2023</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
    </HEADER>
    <HEADER><CHILDID>K2</CHILDID>
      <AREVIEW><REVIEW>02/06/2023</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
    </HEADER>
    <EPISODE><DECOM>01/04/2023</DECOM><RNE>S</RNE><LS>C2</LS><PL>U1</PL></EPISODE>
  </CHILD>
</EXPSSDA903>
";
    let ds = load_beside_good("return.xml", xml.as_bytes());
    // Header: W1 (line 5, in a CHILD inside <LA>), K1 (line 10, used), K2 (line 14, a second
    // HEADER). Episodes: lines 2 (under the root), 6 (inside <LA>'s CHILD), 11 (inside
    // HEADER), 17 (used). Reviews: line 12 (used), 15 (in the second HEADER).
    let xml_accounts: Vec<_> = accounts(&ds)
        .into_iter()
        .filter(|a| a.0 == "return.xml")
        .collect();
    assert_eq!(
        xml_accounts,
        [
            ("return.xml".into(), TableKind::Header, 3, 1, 2),
            ("return.xml".into(), TableKind::Episodes, 4, 1, 3),
            ("return.xml".into(), TableKind::Reviews, 2, 1, 1),
            ("return.xml".into(), TableKind::Uasc, 0, 0, 0),
        ]
    );
    let mut rejected = rejected_in(&ds, "return.xml");
    rejected.sort();
    assert_eq!(
        rejected,
        [
            "return.xml, line 11, column CHILD: this <EPISODE> is not used: the DfE's 903 XML \
             has <EPISODE> directly inside <CHILD>, never inside <HEADER>",
            "return.xml, line 14, column CHILD: a second <HEADER> in the same <CHILD> (the first \
             is on line 10): a child has one header, so this one is not used",
            "return.xml, line 15, column CHILD: this <AREVIEW> is inside the <HEADER> on line \
             14, which is not used: it is a second <HEADER> in its <CHILD> (the first is on line \
             10)",
            "return.xml, line 2, column CHILD: this <EPISODE> is not used: the DfE's 903 XML has \
             <EPISODE> directly inside <CHILD>, never inside <EXPSSDA903>",
            "return.xml, line 5, column CHILD: this <HEADER> is inside the <CHILD> on line 4, \
             which is not used: the DfE's 903 XML has <CHILD> directly inside <EXPSSDA903>, \
             never inside <LA>",
            "return.xml, line 6, column CHILD: this <EPISODE> is inside the <CHILD> on line 4, \
             which is not used: the DfE's 903 XML has <CHILD> directly inside <EXPSSDA903>, \
             never inside <LA>",
        ]
    );
    assert_eq!(ds.children, ["K1", "G1"]);
}

// Finding 8: one NUL byte anywhere rejected a whole CSV as "binary data" with no position.

#[test]
fn a_nul_byte_rejects_only_its_row_with_row_and_column() {
    let text =
        b"CHILD,REVIEW,REVIEW_CODE\nA,01/05/2023,PN1\nB,02/05\x00/2023,PN1\nC,03/05/2023,PN1\n";
    let ds = load_beside_good("nul.csv", text);
    assert_eq!(
        accounts(&ds)[0],
        ("nul.csv".into(), TableKind::Reviews, 3, 2, 1)
    );
    assert_eq!(
        rejected_in(&ds, "nul.csv"),
        [
            "nul.csv, row 3, column REVIEW: the row holds a NUL character (a zero byte), which no \
          export writes: the file may be damaged, so check this row in the system it came from"
        ]
    );
    // A file that is mostly control bytes is still binary.
    let ds = load_beside_good("image.csv", &[0u8; 4096]);
    assert!(messages(&ds)[0].contains("binary data"));
}

// Finding 9 (a 300 MB XML needed 2.6 GB) is in tests/memory.rs: the XML reader now streams.

// Finding 10: messages quoted cell values whole: a 10 MB cell made a 10 MB warning. (1 MB
// values here: the message is the same 40 characters whatever the value's length.)

#[test]
fn messages_quote_only_the_start_of_a_long_value() {
    let long = "9".repeat(1_000_000);
    let text = format!(
        "CHILD,REVIEW,REVIEW_CODE\nA,{long},PN1\nB,01/05/2023,{long}\n{long},02/05/2023,PN1\n\
         {long},02/05/2023,PN1\n"
    );
    let ds = load_beside_good("long.csv", text.as_bytes());
    let forty = "9".repeat(40);
    let mut issues: Vec<String> = ds.issues.iter().map(|i| i.describe()).collect();
    issues.sort();
    assert_eq!(
        issues,
        [
            format!(
                "long.csv, row 2, column REVIEW: \"{forty}…\" is not a date (expected \
                 dd/mm/yyyy, for example 31/03/2024)"
            ),
            format!(
                "long.csv, row 3, column REVIEW_CODE: \"{forty}…\" is not a known participation \
                 code; it is counted as unknown"
            ),
            format!(
                "long.csv, row 5, column REVIEW: child {forty}… already has a review on \
                 02/05/2023; a repeated review is counted once"
            ),
        ]
    );
    let ds = load_beside_good("title.csv", format!("{long}\n").as_bytes());
    assert!(messages(&ds)[0].len() < 400, "{}", messages(&ds)[0].len());
}

// Finding 11 (`careboard report --json ... | head` panicked on the closed pipe) is in
// tests/cli.rs.

// Finding 12: XML positions said "row 35445" where they meant line 35445.

#[test]
fn a_repeated_child_in_xml_is_placed_by_line() {
    let xml = "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>A</CHILDID></HEADER></CHILD>\n\
               <CHILD><HEADER><CHILDID>A</CHILDID></HEADER></CHILD>\n</EXPSSDA903>";
    let ds = load_beside_good("return.xml", xml.as_bytes());
    let issues: Vec<_> = ds.rejections().collect();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].position, Position::Line);
    assert_eq!(
        issues[0].describe(),
        "return.xml, line 3, column CHILD: child A already has a header row (return.xml, line \
         2); only the first is used"
    );
    let report = make_report(&ds, Some(2024), &Settings::default()).unwrap();
    let csv = data_quality_csv(&report);
    assert!(csv.contains(",line 3,CHILD,"), "{csv}");
}

#[test]
fn every_file_problem_names_its_file() {
    for (name, bytes) in [
        ("a.xlsx", b"PK\x03\x04junk".to_vec()),
        ("b.xml", b"<EXPSSDA903><CHILD>".to_vec()),
        ("c.csv", b"\"".to_vec()),
    ] {
        let read = read_file(name, &bytes);
        assert!(!read.problems.is_empty(), "{name}");
        assert!(read
            .problems
            .iter()
            .all(|p| p.file == name && p.message.starts_with(&format!("\"{name}\""))));
    }
}

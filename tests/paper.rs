//! The committee paper read back as a word processor would: the `.docx` unzipped, its XML
//! parsed, and every headline figure, table, chart and heading the page shows found in it.
//! The page's path (the worker's session, then `paper::docx`) and the command line's
//! `--docx` give the same parts for the same files.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::process::Command;

use careboard::paper::{self, ChartPicture, Paper};
use careboard::present::{
    self, Block, ChartKind, ChartPlan, Presentation, Row, Section, SectionId, Table, Value,
};
use careboard::report::Report;
use careboard::session::{in_memory, Options, Request, Session};
use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/synth-small");

/// The small synthetic export's files, read as the page's worker holds them.
fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<_> = std::fs::read_dir(FIXTURE)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("fixture file"))
        })
        .collect()
}

/// The report as the page gets it: files added to the worker's session, council chosen.
fn session_report(la: Option<&str>) -> Report {
    let mut s = Session::new();
    s.handle(Request::Add, in_memory(fixture_files()), &mut |_| {});
    let mut options = Options::default();
    options.settings.la = la.map(str::to_string);
    let outcome = s.handle(Request::Options(options), vec![], &mut |_| {});
    (*outcome.report.expect("a report")).clone()
}

/// Every part of a .docx, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let mut body = Vec::new();
        file.read_to_end(&mut body).expect("entry read");
        let name = file.name().expect("entry name").to_string();
        parts.insert(name, body);
    }
    parts
}

fn text_of(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .clone(),
    )
    .expect("utf-8")
}

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
}

fn attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// All the text of a node (its `w:t` descendants).
fn text(n: &Node) -> String {
    n.descendants()
        .filter(|d| is(d, "t"))
        .filter_map(|d| d.text())
        .collect()
}

/// A table as read back: its caption and rows of cell texts, with whether each row is a
/// header row and which cells are right-aligned.
#[derive(Debug)]
struct ReadTable {
    caption: String,
    rows: Vec<ReadRow>,
}

#[derive(Debug)]
struct ReadRow {
    header: bool,
    cells: Vec<String>,
    right: Vec<bool>,
    bold: bool,
}

fn tables(doc: &Document) -> Vec<ReadTable> {
    doc.descendants()
        .filter(|n| is(n, "tbl"))
        .map(|t| ReadTable {
            caption: t
                .descendants()
                .find(|n| is(n, "tblCaption"))
                .and_then(|n| attr(&n, "val"))
                .unwrap_or_default()
                .to_string(),
            rows: t
                .children()
                .filter(|r| is(r, "tr"))
                .map(|r| ReadRow {
                    header: r.descendants().any(|n| is(&n, "tblHeader")),
                    cells: r
                        .children()
                        .filter(|c| is(c, "tc"))
                        .map(|c| text(&c))
                        .collect(),
                    right: r
                        .children()
                        .filter(|c| is(c, "tc"))
                        .map(|c| {
                            c.descendants()
                                .any(|n| is(&n, "jc") && attr(&n, "val") == Some("right"))
                        })
                        .collect(),
                    bold: r.descendants().any(|n| is(&n, "b")),
                })
                .collect(),
        })
        .collect()
}

/// Body paragraphs outside tables, as (style, text).
fn paragraphs(doc: &Document) -> Vec<(String, String)> {
    doc.descendants()
        .filter(|n| is(n, "p") && !n.ancestors().any(|a| is(&a, "tbl")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| is(n, "pStyle"))
                .and_then(|n| attr(&n, "val"))
                .unwrap_or("Normal")
                .to_string();
            (style, text(&p))
        })
        .collect()
}

fn make(report: &Report, sections: &[Section], publication: bool) -> Vec<u8> {
    paper::docx(&Paper {
        report,
        sections,
        publication,
        narratives: &[],
        created: None,
        rasterise: None,
    })
    .expect("a paper")
}

fn sections_of(report: &Report, publication: bool) -> Vec<Section> {
    present::sections(
        report,
        Presentation {
            publication,
            ..Presentation::default()
        },
    )
}

#[test]
fn every_headline_figure_is_a_row_of_label_value_and_notes() {
    let report = session_report(Some("850"));
    let sections = sections_of(&report, false);
    let parts = unzip(&make(&report, &sections, false));
    let xml = text_of(&parts, "word/document.xml");
    let doc = Document::parse(&xml).expect("document.xml parses");
    let read = tables(&doc);
    let figure_tables: Vec<&ReadTable> = read
        .iter()
        .filter(|t| t.caption == "Headline figures")
        .collect();
    let mut checked = 0;
    for figure in sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(|b| match b {
            Block::Figures(f) => f.as_slice(),
            _ => &[],
        })
    {
        let value = figure.value.display();
        assert!(
            figure_tables
                .iter()
                .flat_map(|t| &t.rows)
                .any(|r| r.cells.len() == 3
                    && r.cells[0] == figure.label
                    && r.cells[1] == value
                    && r.right[1]
                    && r.cells[2]
                        .to_lowercase()
                        .starts_with(&figure.detail.to_lowercase())),
            "figure {} = {value} not found",
            figure.label
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} figures");
    // The first headline as the JSON report has it: reviews held in the year (388 in this
    // export: the months' "Held" column, 30 + 30 + 31 + ... + 32, adds up to it too).
    assert_eq!(report.reviews.held, 388);
    assert!(figure_tables
        .iter()
        .flat_map(|t| &t.rows)
        .any(|r| r.cells[0] == "Reviews held" && r.cells[1] == "388"));
    assert!(figure_tables
        .iter()
        .all(|t| t.rows[0].header && t.rows[0].cells == ["Figure", "Value", "Notes"]));
}

#[test]
fn every_table_is_a_word_table_with_a_header_row_and_the_cells_the_page_shows() {
    let report = session_report(Some("850"));
    let sections = sections_of(&report, false);
    let parts = unzip(&make(&report, &sections, false));
    let xml = text_of(&parts, "word/document.xml");
    let doc = Document::parse(&xml).expect("document.xml parses");
    let read = tables(&doc);
    let mut checked = 0;
    for t in sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    {
        let found = read
            .iter()
            .find(|r| r.caption == t.caption && r.rows[0].cells == t.columns)
            .unwrap_or_else(|| panic!("table {} not found", t.caption));
        assert!(found.rows[0].header, "{}: header row not marked", t.caption);
        assert!(found.rows[1..].iter().all(|r| !r.header));
        let expected: Vec<Vec<String>> = t
            .rows
            .iter()
            .chain(&t.total)
            .map(|r| {
                std::iter::once(r.label.clone())
                    .chain(r.cells.iter().map(Value::display))
                    .collect()
            })
            .collect();
        let got: Vec<Vec<String>> = found.rows[1..].iter().map(|r| r.cells.clone()).collect();
        assert_eq!(got, expected, "{}", t.caption);
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} tables");
}

#[test]
fn every_chart_is_a_picture_with_alt_text_its_svg_and_a_png() {
    let report = session_report(Some("850"));
    let sections = sections_of(&report, false);
    let charted: Vec<&Table> = sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) if t.chart.is_some() => Some(t),
            _ => None,
        })
        .collect();
    let parts = unzip(&make(&report, &sections, false));
    let xml = text_of(&parts, "word/document.xml");
    let doc = Document::parse(&xml).expect("document.xml parses");
    const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    let alts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(WP) && n.tag_name().name() == "docPr")
        .map(|n| n.attribute("descr").unwrap_or_default())
        .collect();
    assert_eq!(alts.len(), charted.len());
    for (alt, t) in alts.iter().zip(&charted) {
        assert!(alt.starts_with(&format!("{}. ", t.caption)), "{alt}");
        assert!(
            alt.len() > t.caption.len() + 10,
            "alt text says little: {alt}"
        );
    }
    for n in 1..=charted.len() {
        let svg = text_of(&parts, &format!("word/media/chart{n}.svg"));
        assert!(svg.starts_with("<svg") && svg.contains("role=\"img\""));
    }
    // No rasteriser given: every chart shares the blank PNG under its SVG.
    assert_eq!(&parts["word/media/fallback.png"][1..4], b"PNG");
}

#[test]
fn headings_run_in_order_and_the_title_and_language_are_set() {
    let report = session_report(Some("850"));
    let sections = sections_of(&report, false);
    let parts = unzip(&make(&report, &sections, false));
    let xml = text_of(&parts, "word/document.xml");
    let doc = Document::parse(&xml).expect("document.xml parses");
    let paras = paragraphs(&doc);
    assert_eq!(paras[0], ("Title".into(), "Hampshire".into()));
    assert_eq!(
        paras[1],
        (
            "Subtitle".into(),
            "Independent Reviewing Officer annual report: statistics".into()
        )
    );
    assert_eq!(
        paras[2].1,
        "The year 1 April 2024 to 31 March 2025 (2024-25)"
    );
    let headings: Vec<&str> = paras
        .iter()
        .filter(|(s, _)| s == "Heading1")
        .map(|(_, t)| t.as_str())
        .collect();
    let mut expected: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    *expected.last_mut().expect("sections") = "Data and method";
    assert_eq!(headings, expected);
    // The contents list names the same sections, before the first heading.
    let contents: Vec<&str> = paras
        .iter()
        .filter(|(s, _)| s == "TOC1")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(contents, expected);
    // No Heading 2 before the first Heading 1.
    let first_h1 = paras.iter().position(|(s, _)| s == "Heading1").expect("h1");
    assert!(paras[..first_h1].iter().all(|(s, _)| s != "Heading2"));
    let core = text_of(&parts, "docProps/core.xml");
    assert!(core.contains(
        "<dc:title>Hampshire: Independent Reviewing Officer annual report: statistics, 2024-25</dc:title>"
    ));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    let styles = text_of(&parts, "word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"en-GB\""));
    for id in [
        "Normal",
        "Title",
        "Heading1",
        "Heading2",
        "Caption",
        "TableGrid",
    ] {
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\"")),
            "style {id}"
        );
    }
    let footer = text_of(&parts, "word/footer1.xml");
    assert!(footer.contains(" PAGE ") && footer.contains("2024-25"));
}

#[test]
fn publication_mode_leaves_out_child_level_rows_and_says_so() {
    let report = session_report(None);
    let sections = sections_of(&report, true);
    let parts = unzip(&make(&report, &sections, true));
    let xml = text_of(&parts, "word/document.xml");
    assert!(xml.contains("Publication version: counts of 1 to 4"));
    assert!(!xml.contains("Rows not counted anywhere"));
    // Without a council the paper's title is the report's.
    let doc = Document::parse(&xml).expect("document.xml parses");
    assert_eq!(
        paragraphs(&doc)[0],
        (
            "Title".into(),
            "Independent Reviewing Officer annual report: statistics".into()
        )
    );
    let manager = unzip(&make(&report, &sections_of(&report, false), false));
    // Nor the headings over them.
    assert!(!text_of(&manager, "word/document.xml").contains("Rows set aside ("));
    assert!(
        !text_of(&manager, "word/document.xml").contains("Rows not counted anywhere"),
        "child-level lists are never in a paper, publication mode or not"
    );
}

/// A section made by hand: its narrative, a table with a text column and a total.
fn hand_made() -> Section {
    Section {
        id: SectionId::Reviews,
        title: "Reviews".into(),
        summary: "How many reviews were held.".into(),
        narrative: vec![
            "The IRO service chaired 528 reviews, an increase of 74 on last year.".into(),
            "96% were on time, above the 87% target.".into(),
        ],
        blocks: vec![Block::Table(Table {
            id: "by-quarter".into(),
            caption: "Reviews by quarter".into(),
            columns: vec!["Quarter".into(), "Held".into(), "Note".into()],
            rows: vec![
                Row {
                    label: "April to June".into(),
                    cells: vec![Value::Count(1234), Value::Text("busy".into())],
                },
                Row {
                    label: "July to September".into(),
                    cells: vec![Value::Suppressed, Value::Text("quiet".into())],
                },
            ],
            total: Some(Row {
                label: "Year".into(),
                cells: vec![Value::Count(1236), Value::Text(String::new())],
            }),
            chart: Some(ChartPlan {
                kind: ChartKind::HorizontalBars,
                series: vec![0],
                value_label: "Reviews".into(),
                percent: false,
                markers: vec![],
            }),
        })],
    }
}

#[test]
fn a_section_shows_its_narrative_under_its_heading_and_an_edit_replaces_it() {
    let report = session_report(None);
    let sections = vec![hand_made()];
    let parts = unzip(&make(&report, &sections, false));
    let doc_xml = text_of(&parts, "word/document.xml");
    let doc = Document::parse(&doc_xml).expect("document.xml parses");
    let paras = paragraphs(&doc);
    let h = paras.iter().position(|(s, _)| s == "Heading1").expect("h1");
    assert_eq!(paras[h].1, "Reviews");
    assert_eq!(
        paras[h + 1],
        (
            "Normal".into(),
            "The IRO service chaired 528 reviews, an increase of 74 on last year.".into()
        )
    );
    assert_eq!(paras[h + 2].1, "96% were on time, above the 87% target.");
    assert_eq!(
        paras[h + 3],
        ("Lead".into(), "How many reviews were held.".into())
    );
    assert_eq!(
        paras[h + 4],
        ("Caption".into(), "Reviews by quarter".into())
    );
    let t = &tables(&doc)[0];
    assert_eq!(t.rows[0].cells, ["Quarter", "Held", "Note"]);
    // A column of numbers is right-aligned, heading included; a column of words is not.
    assert_eq!(t.rows[0].right, [false, true, false]);
    assert_eq!(t.rows[1].cells, ["April to June", "1,234", "busy"]);
    assert_eq!(t.rows[1].right, [false, true, false]);
    assert_eq!(
        t.rows[2].cells,
        ["July to September", "fewer than 5", "quiet"]
    );
    assert!(!t.rows[1].bold && t.rows[3].bold, "the total row is bold");
    assert_eq!(t.rows[3].cells, ["Year", "1,236", ""]);

    let edited = vec![(
        SectionId::Reviews,
        vec!["Edited by the manager.".to_string()],
    )];
    let bytes = paper::docx(&Paper {
        report: &report,
        sections: &sections,
        publication: false,
        narratives: &edited,
        created: Some("2025-06-01T09:30:00Z"),
        rasterise: None,
    })
    .expect("paper");
    let parts = unzip(&bytes);
    let doc_xml = text_of(&parts, "word/document.xml");
    let doc = Document::parse(&doc_xml).expect("document.xml parses");
    let paras = paragraphs(&doc);
    let h = paras.iter().position(|(s, _)| s == "Heading1").expect("h1");
    assert_eq!(paras[h + 1].1, "Edited by the manager.");
    assert_eq!(paras[h + 2].0, "Lead");
    assert!(text_of(&parts, "docProps/core.xml").contains(
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-06-01T09:30:00Z</dcterms:created>"
    ));
    // An empty section list still gives a paper that parses.
    let empty = unzip(&make(&report, &[], false));
    Document::parse(&text_of(&empty, "word/document.xml")).expect("parses");
}

#[test]
fn the_same_files_give_the_same_paper_twice() {
    let report = session_report(Some("850"));
    let sections = sections_of(&report, false);
    assert_eq!(
        make(&report, &sections, false),
        make(&report, &sections, false)
    );
}

/// The parts apart from the timestamps and the PNGs (the command line rasterises with
/// resvg, the page on a canvas).
fn comparable(parts: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    parts
        .into_iter()
        .filter(|(name, _)| !name.ends_with(".png"))
        .map(|(name, body)| {
            let mut text = String::from_utf8(body).expect("utf-8");
            if name == "docProps/core.xml" {
                for tag in ["dcterms:created", "dcterms:modified"] {
                    let open = format!("<{tag} xsi:type=\"dcterms:W3CDTF\">");
                    let start = text.find(&open).expect("timestamp") + open.len();
                    let end = start + text[start..].find('<').expect("end");
                    text.replace_range(start..end, "T");
                }
            }
            (name, text)
        })
        .collect()
}

#[test]
fn the_command_line_writes_the_papers_parts_as_the_page_does() {
    let out = std::env::temp_dir().join(format!("careboard-paper-{}.docx", std::process::id()));
    for publication in [false, true] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_careboard"));
        cmd.args(["report", "--la", "850", "--docx"]).arg(&out);
        if publication {
            cmd.arg("--publication");
        }
        let status = cmd.arg(FIXTURE).output().expect("careboard runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let cli = unzip(&std::fs::read(&out).expect("paper written"));
        // Every chart has its own PNG from the command line.
        assert!(cli.keys().any(|k| k == "word/media/chart1.png"));
        assert!(!cli.contains_key("word/media/fallback.png"));
        assert_eq!(&cli["word/media/chart1.png"][1..4], b"PNG");

        let report = session_report(Some("850"));
        let sections = sections_of(&report, publication);
        let png = |_: &ChartPicture| Some(b"\x89PNG page".to_vec());
        let page = unzip(
            &paper::docx(&Paper {
                report: &report,
                sections: &sections,
                publication,
                narratives: &[],
                created: Some("2025-06-01T09:30:00Z"),
                rasterise: Some(&png),
            })
            .expect("paper"),
        );
        assert_eq!(
            cli.keys().collect::<Vec<_>>(),
            page.keys().collect::<Vec<_>>()
        );
        assert_eq!(comparable(cli), comparable(page));
    }
    let _ = std::fs::remove_file(&out);
}

#[test]
fn a_target_the_command_line_does_not_know_is_named_with_the_ones_it_does() {
    let out = Command::new(env!("CARGO_BIN_EXE_careboard"))
        .args(["report", "--target", "reviews_late=5", FIXTURE])
        .output()
        .expect("careboard runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--target: \"reviews_late\" is not a target; use one of reviews_on_time,"),
        "{stderr}"
    );
}

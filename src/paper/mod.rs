//! The committee paper: the report's sections written as a Word document (`.docx`), the
//! same bytes from the page and the command line.
//!
//! Owns the paper's layout: a title (council, "Independent Reviewing Officer annual report:
//! statistics", the year), a contents list (a TOC field whose shown result is the list of
//! sections, so it reads before anyone updates it), each section under a Heading 1 with its
//! narrative, its headline figures and tables as Word tables (a repeating header row,
//! numbers right-aligned) and its charts as pictures with alternative text, and a closing
//! "Data and method" section. Styles carry Word's own names (Title, Heading 1, Heading 2,
//! Caption, Table Grid, Normal), so a council's template restyles the paper.
//!
//! The OOXML is written here as text (`xml`) and zipped by `package` with miniz_oxide's
//! deflate: a general .docx crate, or the `zip` crate's writer, would add far more to the
//! page than these few parts (README "The committee paper" has the measurements). Charts are the SVG of
//! [`crate::charts::to_svg`], embedded as Office's SVG picture (Word 2016 and later, Word for
//! the web and LibreOffice draw it) over a plain PNG that only older Word shows; the alt text
//! says what the chart shows either way.
//!
//! Depends on `present` (the sections as the page shows them, publication mode applied),
//! `charts` and `report` (the council, year and files); never on the browser. The output is
//! deterministic: only `docProps/core.xml`'s timestamps vary, and only when given.

mod package;
mod xml;

use chrono::Datelike;

use crate::charts::{self, ChartSpec, ChartStyle};
use crate::present::{
    chart_spec, year_label, year_span, Block, Figure, Section, SectionId, Table, Value,
};
use crate::report::Report;
use xml::{escape, paragraph, paragraph_of, run, Cell};

/// The paper's subtitle, the same words on its first page, in its properties and its footer.
pub const PAPER_TITLE: &str = "Independent Reviewing Officer annual report: statistics";

/// The timestamp written when none is given (a fixed one keeps the file reproducible).
pub const FIXED_TIMESTAMP: &str = "2000-01-01T00:00:00Z";

/// What the paper is made from.
pub struct Paper<'a> {
    pub report: &'a Report,
    /// The sections as the page shows them ([`crate::present::sections`]), publication mode
    /// applied there.
    pub sections: &'a [Section],
    /// Whether the sections were made in publication mode (said on the first page).
    pub publication: bool,
    /// The user's edits of sections' narratives; a section not named keeps its own.
    pub narratives: &'a [(SectionId, Vec<String>)],
    /// When the paper was made, as W3C date-time (`2025-06-01T09:30:00Z`), for the document's
    /// properties; `None` writes [`FIXED_TIMESTAMP`].
    pub created: Option<&'a str>,
    /// Draws a chart as a PNG (the command line renders the SVG, the page draws on a
    /// canvas); `None`, or a chart it cannot draw, gets a blank picture under the SVG.
    pub rasterise: Option<Rasterise<'a>>,
}

/// A chart as the paper draws it, for a [`Rasterise`]r: the SVG embedded, and the spec,
/// style and size it was drawn from. PNGs are best drawn at [`PNG_SCALE`] times the size.
pub struct ChartPicture<'a> {
    pub spec: &'a ChartSpec,
    pub style: &'a ChartStyle,
    pub width: u32,
    pub height: u32,
    pub svg: &'a str,
}

/// Draws a [`ChartPicture`] as PNG bytes, or `None` when it cannot.
pub type Rasterise<'a> = &'a dyn Fn(&ChartPicture) -> Option<Vec<u8>>;

/// How many PNG pixels per SVG pixel: twice, so that a chart 15.5 cm wide prints at about
/// 200 dots per inch.
pub const PNG_SCALE: u32 = 2;

/// Why the paper could not be written: the part too large for a ZIP file (4 GiB), which no
/// report comes near.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperError(pub String);

impl std::fmt::Display for PaperError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the Word document could not be put together ({} is too large)",
            self.0
        )
    }
}

impl std::error::Error for PaperError {}

/// The paper as a `.docx` file.
pub fn docx(paper: &Paper) -> Result<Vec<u8>, PaperError> {
    package::zip(&parts(paper)).map_err(|e| PaperError(e.0))
}

/// The paper's file name: `iro-annual-report-statistics-2024-25.docx`.
pub fn file_name(report: &Report, publication: bool) -> String {
    format!(
        "iro-annual-report-statistics-{}{}.docx",
        year_label(report.year_ending.year()),
        if publication { "-publication" } else { "" }
    )
}

/// The parts of the package, by name, in the order they are zipped (content types first).
pub fn parts(paper: &Paper) -> Vec<(String, Vec<u8>)> {
    let mut body = Body {
        rasterise: paper.rasterise,
        ..Body::default()
    };
    body.write(paper);
    let mut out = vec![
        (
            "[Content_Types].xml".to_string(),
            CONTENT_TYPES.as_bytes().to_vec(),
        ),
        ("_rels/.rels".to_string(), ROOT_RELS.as_bytes().to_vec()),
        ("docProps/core.xml".to_string(), core(paper).into_bytes()),
        ("docProps/app.xml".to_string(), APP.as_bytes().to_vec()),
        (
            "word/document.xml".to_string(),
            body.document().into_bytes(),
        ),
        ("word/styles.xml".to_string(), STYLES.as_bytes().to_vec()),
        (
            "word/settings.xml".to_string(),
            SETTINGS.as_bytes().to_vec(),
        ),
        ("word/footer1.xml".to_string(), footer(paper).into_bytes()),
        (
            "word/_rels/document.xml.rels".to_string(),
            body.relationships().into_bytes(),
        ),
    ];
    if body.charts.iter().any(|(_, png)| png.is_none()) {
        out.push(("word/media/fallback.png".to_string(), fallback_png()));
    }
    for (i, (svg, png)) in body.charts.into_iter().enumerate() {
        out.push((format!("word/media/chart{}.svg", i + 1), svg.into_bytes()));
        if let Some(png) = png {
            out.push((format!("word/media/chart{}.png", i + 1), png));
        }
    }
    out
}

/// The council's name, when one is chosen.
fn council(report: &Report) -> Option<&str> {
    report.la.as_ref().map(|la| la.name.as_str())
}

/// "Hampshire: Independent Reviewing Officer annual report: statistics, 2024-25".
fn document_title(report: &Report) -> String {
    let year = year_label(report.year_ending.year());
    match council(report) {
        Some(c) => format!("{c}: {PAPER_TITLE}, {year}"),
        None => format!("{PAPER_TITLE}, {year}"),
    }
}

/// The title a section has in the paper: the data-quality section closes it as "Data and
/// method".
fn paper_title(s: &Section) -> &str {
    match s.id {
        SectionId::DataQuality => "Data and method",
        _ => &s.title,
    }
}

/// Whether the blocks up to the next heading put anything in the paper: a heading over only a
/// child-level list or a download (which stay on the page) is left out with them.
fn heads_anything(rest: &[Block]) -> bool {
    rest.iter()
        .take_while(|b| !matches!(b, Block::Heading(_)))
        .any(|b| !matches!(b, Block::ChildList(_) | Block::Download(_)))
}

/// A Word bookmark name for a section's heading (letters, digits and underscores).
fn bookmark(id: SectionId) -> String {
    format!("section_{}", id.anchor().replace('-', "_"))
}

/// Chart size in SVG pixels: wide enough to lay out, shown 15.5 cm wide so that its
/// smallest text (13 px) prints at 9.5 pt.
const CHART_WIDTH_PX: u32 = 600;
const CHART_WIDTH_EMU: u64 = 5_580_000;

fn chart_height_px(spec: &ChartSpec) -> u32 {
    let plot = match (spec.kind, spec.orientation) {
        (charts::ChartKind::Bars, charts::Orientation::Horizontal) => {
            let bars = spec.categories.len() as u32 * spec.series.len().max(1) as u32;
            (bars * 26 + 80).max(180)
        }
        // A trend of five years or twelve month ends: two fit a page with their tables.
        (charts::ChartKind::Lines, _) => 220,
        _ => 280,
    };
    plot + legend_px(spec)
}

/// Whether the chart draws a legend: only with two series or more (one is named by the
/// caption above it).
fn has_legend(spec: &ChartSpec) -> bool {
    spec.series.len() + spec.markers.len() > 1
}

fn legend_px(spec: &ChartSpec) -> u32 {
    if has_legend(spec) {
        30 + 22 * (spec.series.len() + spec.markers.len()).min(6) as u32
    } else {
        0
    }
}

/// The document's body as it is written, and the charts it refers to.
#[derive(Default)]
struct Body<'a> {
    xml: String,
    /// Each chart's SVG and PNG, numbered from 1 in the order drawn.
    charts: Vec<(String, Option<Vec<u8>>)>,
    rasterise: Option<Rasterise<'a>>,
    /// Drawing object ids, which must be unique in the document.
    next_drawing: usize,
}

impl Body<'_> {
    fn push(&mut self, xml: &str) {
        self.xml.push_str(xml);
    }

    fn write(&mut self, paper: &Paper) {
        let r = paper.report;
        self.push(&paragraph(Some("Title"), council(r).unwrap_or(PAPER_TITLE)));
        if council(r).is_some() {
            self.push(&paragraph(Some("Subtitle"), PAPER_TITLE));
        }
        self.push(&paragraph(
            Some("Subtitle"),
            &format!(
                "The year {} ({})",
                year_span(r),
                year_label(r.year_ending.year())
            ),
        ));
        if paper.publication {
            self.push(&paragraph(
                None,
                "Publication version: counts of 1 to 4 are shown as \u{201c}fewer than 5\u{201d}, \
                 and a figure that would let one be worked out is hidden.",
            ));
        }
        self.contents(paper.sections);
        for s in paper.sections {
            self.section(s, paper);
        }
        self.sources();
        self.push(
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
             <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
             <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>\
             </w:sectPr>",
        );
    }

    /// "Contents": a TOC field over Heading 1 whose result, until updated, is a linked list of
    /// the sections (a word processor that updates it adds page numbers).
    fn contents(&mut self, sections: &[Section]) {
        self.push(&paragraph(Some("TOCHeading"), "Contents"));
        let last = sections.len().saturating_sub(1);
        for (i, s) in sections.iter().enumerate() {
            let mut runs = String::new();
            if i == 0 {
                runs.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-1\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
            }
            runs.push_str(&format!(
                "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">{}</w:hyperlink>",
                bookmark(s.id),
                run(paper_title(s), false)
            ));
            if i == last {
                runs.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
            }
            self.push(&paragraph_of(Some("TOC1"), &runs));
        }
    }

    fn section(&mut self, s: &Section, paper: &Paper) {
        let n = self.next_bookmark();
        self.push(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:bookmarkStart w:id=\"{n}\" w:name=\"{}\"/>{}<w:bookmarkEnd w:id=\"{n}\"/></w:p>",
            bookmark(s.id),
            run(paper_title(s), false)
        ));
        let narrative = paper
            .narratives
            .iter()
            .find(|(id, _)| *id == s.id)
            .map_or(&s.narrative, |(_, text)| text);
        for p in narrative.iter().filter(|p| !p.trim().is_empty()) {
            self.push(&paragraph(None, p));
        }
        self.push(&paragraph(Some("Lead"), &s.summary));
        for (i, b) in s.blocks.iter().enumerate() {
            if matches!(b, Block::Heading(_)) && !heads_anything(&s.blocks[i + 1..]) {
                continue;
            }
            self.block(b);
        }
    }

    fn next_bookmark(&mut self) -> usize {
        self.next_drawing += 1;
        self.next_drawing
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Figures(figures) => self.figures(figures),
            Block::Warnings {
                summary: true,
                warnings,
            } => {
                self.push(&paragraph(
                    Some("Heading2"),
                    "Check the data before using these figures",
                ));
                for w in warnings {
                    self.push(&paragraph_of(
                        None,
                        &format!(
                            "{}{}",
                            run(&format!("{}: ", w.title), true),
                            run(&w.summary, false)
                        ),
                    ));
                }
            }
            Block::Warnings {
                summary: false,
                warnings,
            } => {
                // Example child IDs stay on the page: a committee paper names no child.
                for w in warnings {
                    self.push(&paragraph_of(None, &run(&w.title, true)));
                    self.push(&paragraph(None, &w.found));
                    self.push(&paragraph(None, &w.what_to_check));
                }
            }
            Block::Heading(h) => self.push(&paragraph(Some("Heading2"), h)),
            Block::Paragraph(p) => self.push(&paragraph(None, p)),
            Block::Table(t) => self.table(t),
            Block::Definitions(items) => {
                for (term, meaning) in items {
                    self.push(&paragraph_of(
                        None,
                        &format!("{}{}", run(&format!("{term}: "), true), run(meaning, false)),
                    ));
                }
            }
            // Child-level lists and downloads belong to the page, never to a paper.
            Block::ChildList(_) | Block::Download(_) => {}
        }
    }

    /// Headline figures as a short table: figure, value, and what it is out of with its
    /// target and caveat.
    fn figures(&mut self, figures: &[Figure]) {
        let values: Vec<String> = figures.iter().map(|f| f.value.display()).collect();
        let notes: Vec<String> = figures
            .iter()
            .map(|f| {
                let mut parts = vec![f.detail.clone()];
                parts.extend(f.target.iter().map(|t| t.text.clone()));
                parts.extend(f.caveat.iter().cloned());
                // Each part a sentence of its own: a caveat may begin in lower case.
                parts
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        let mut chars = p.chars();
                        chars.next().map_or(String::new(), |first| {
                            first.to_uppercase().chain(chars).collect()
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(". ")
            })
            .collect();
        let header = [
            Cell {
                text: "Figure",
                number: false,
            },
            Cell {
                text: "Value",
                number: true,
            },
            Cell {
                text: "Notes",
                number: false,
            },
        ];
        let rows: Vec<Vec<Cell>> = figures
            .iter()
            .zip(&values)
            .zip(&notes)
            .map(|((f, v), n)| {
                vec![
                    Cell {
                        text: &f.label,
                        number: false,
                    },
                    Cell {
                        text: v,
                        number: true,
                    },
                    Cell {
                        text: n,
                        number: false,
                    },
                ]
            })
            .collect();
        self.push(&paragraph(Some("Caption"), "Headline figures"));
        self.push(&xml::table("Headline figures", &header, &rows, false));
        self.push(&paragraph(Some("AfterTable"), ""));
    }

    fn table(&mut self, t: &Table) {
        self.push(&paragraph(Some("Caption"), &t.caption));
        if let Some(spec) = chart_spec(t) {
            self.chart(&spec);
        }
        let numeric: Vec<bool> = (0..t.columns.len())
            .map(|i| {
                i > 0
                    && t.rows.iter().chain(&t.total).any(|r| {
                        r.cells
                            .get(i - 1)
                            .is_some_and(|v| !matches!(v, Value::Text(_)))
                    })
            })
            .collect();
        let header: Vec<Cell> = t
            .columns
            .iter()
            .zip(&numeric)
            .map(|(c, &number)| Cell { text: c, number })
            .collect();
        let shown: Vec<(String, Vec<(String, bool)>)> = t
            .rows
            .iter()
            .chain(&t.total)
            .map(|r| {
                (
                    r.label.clone(),
                    r.cells
                        .iter()
                        .map(|v| (v.display(), !matches!(v, Value::Text(_))))
                        .collect(),
                )
            })
            .collect();
        let rows: Vec<Vec<Cell>> = shown
            .iter()
            .map(|(label, cells)| {
                std::iter::once(Cell {
                    text: label,
                    number: false,
                })
                .chain(cells.iter().map(|(text, number)| Cell {
                    text,
                    number: *number,
                }))
                .collect()
            })
            .collect();
        self.push(&xml::table(&t.caption, &header, &rows, t.total.is_some()));
        self.push(&paragraph(Some("AfterTable"), ""));
    }

    fn chart(&mut self, spec: &ChartSpec) {
        let style = ChartStyle {
            draw_title: false,
            draw_legend: has_legend(spec),
            ..ChartStyle::default()
        };
        let height = chart_height_px(spec);
        let svg = charts::to_svg(spec, &style, CHART_WIDTH_PX, height);
        let png = self.rasterise.and_then(|draw| {
            draw(&ChartPicture {
                spec,
                style: &style,
                width: CHART_WIDTH_PX,
                height,
                svg: &svg,
            })
        });
        let has_png = png.is_some();
        self.charts.push((svg, png));
        let n = self.charts.len();
        let id = self.next_bookmark();
        let alt = format!("{}. {}", spec.title, charts::describe(spec, &[]));
        let height_emu = CHART_WIDTH_EMU * u64::from(height) / u64::from(CHART_WIDTH_PX);
        self.push(&paragraph_of(
            Some("Chart"),
            &xml::picture(
                id,
                &if has_png {
                    format!("rIdPng{n}")
                } else {
                    "rIdFallback".to_string()
                },
                &format!("rIdChart{n}"),
                (CHART_WIDTH_EMU, height_emu),
                &format!("Chart {n}: {}", spec.title),
                &alt,
            ),
        ));
    }

    /// Where the figures come from and under what licence.
    fn sources(&mut self) {
        self.push(&paragraph(Some("Heading2"), "Sources and licences"));
        for p in [
            "The council's own figures are worked out from its SSDA903 (children looked after) \
             return and the IRO service's exports, on the council's own computer, by Careboard, \
             following the definitions above.",
            "England, regional and statistical neighbour figures: Department for Education, \
             Children looked after in England including adoptions (2025 release); Office for \
             National Statistics. Licensed under the Open Government Licence v3.0.",
            "Distances from home use postcode centroids: contains OS data \u{a9} Crown copyright \
             and database right; contains Royal Mail data \u{a9} Royal Mail copyright and database \
             right; source: Office for National Statistics, licensed under the Open Government \
             Licence v3.0.",
        ] {
            self.push(&paragraph(None, p));
        }
    }

    fn document(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{}</w:body></w:document>",
            self.xml
        )
    }

    fn relationships(&self) -> String {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
        );
        const IMAGE: &str =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
        if self.charts.iter().any(|(_, png)| png.is_none()) {
            x.push_str(&format!(
                "<Relationship Id=\"rIdFallback\" Type=\"{IMAGE}\" Target=\"media/fallback.png\"/>"
            ));
        }
        for (i, (_, png)) in self.charts.iter().enumerate() {
            let n = i + 1;
            x.push_str(&format!(
                "<Relationship Id=\"rIdChart{n}\" Type=\"{IMAGE}\" Target=\"media/chart{n}.svg\"/>"
            ));
            if png.is_some() {
                x.push_str(&format!("<Relationship Id=\"rIdPng{n}\" Type=\"{IMAGE}\" Target=\"media/chart{n}.png\"/>"));
            }
        }
        x.push_str("</Relationships>");
        x
    }
}

fn core(paper: &Paper) -> String {
    let when = escape(paper.created.unwrap_or(FIXED_TIMESTAMP));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:subject>Children in care: Independent Reviewing Officer service</dc:subject>\
<dc:creator>Careboard</dc:creator><dc:language>en-GB</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified></cp:coreProperties>",
        escape(&document_title(paper.report))
    )
}

fn footer(paper: &Paper) -> String {
    let r = paper.report;
    let text = format!(
        "{}{}, {}",
        council(r).map(|c| format!("{c}: ")).unwrap_or_default(),
        PAPER_TITLE,
        year_label(r.year_ending.year())
    );
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>{}<w:r><w:tab/></w:r>{}{}</w:p></w:ftr>",
        run(&text, false),
        run("Page ", false),
        xml::simple_field("PAGE", "1")
    )
}

/// A 1 by 1 white PNG: the picture only Word 2013 and older show in place of a chart's SVG.
fn fallback_png() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    // 1 x 1, 8-bit greyscale.
    chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    // zlib: one stored block holding the row (filter 0, value 255), then Adler-32.
    let row = [0u8, 255];
    let (a, b) = row.iter().fold((1u32, 0u32), |(a, b), &x| {
        ((a + u32::from(x)) % 65521, (b + a + u32::from(x)) % 65521)
    });
    let mut z = vec![0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff];
    z.extend_from_slice(&row);
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// CRC-32 (ISO 3309), as PNG chunks carry.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>Careboard</Application></Properties>";

/// British English, no prompt to update fields on opening (the contents list reads as
/// written), and Word 2013's layout rules.
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"en-GB\"/><w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>\
</w:settings>";

/// Styles by Word's own names and ids, so that a council's template replaces them: Arial
/// 11 pt in British English; Heading 1 starts a page; headings, captions and charts keep
/// with what follows; tables in 9 pt so that five years' columns fit the page.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>\
<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\" w:eastAsia=\"en-GB\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/>\
<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:before=\"1200\" w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:spacing w:before=\"0\" w:after=\"240\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Lead\"><w:name w:val=\"Lead\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:rPr><w:color w:val=\"505A5F\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Chart\"><w:name w:val=\"Chart\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:keepNext/><w:spacing w:after=\"120\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"AfterTable\"><w:name w:val=\"After Table\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:spacing w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"480\" w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
<w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9016\"/></w:tabs><w:spacing w:after=\"100\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"9026\"/></w:tabs><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\
<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>\
</w:styles>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_iend_is_the_value_every_png_ends_with() {
        // Every PNG ends with the IEND chunk, whose CRC is AE 42 60 82.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn the_fallback_png_is_a_one_pixel_png() {
        let png = fallback_png();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(
            &png[png.len() - 8..],
            &[b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]
        );
    }
}

//! The WordprocessingML pieces the paper is made of: escaped text, runs, paragraphs, tables
//! and an inline picture, written as strings. Knows nothing of the report.

/// `text` escaped for XML character data and attribute values, with characters XML 1.0 does
/// not allow (control characters a file's cell may carry) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A run of text; `bold` for a table's header and total rows.
pub fn run(text: &str, bold: bool) -> String {
    format!(
        "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        if bold { "<w:rPr><w:b/></w:rPr>" } else { "" },
        escape(text)
    )
}

/// A paragraph of one run in the named style (`None`: Normal).
pub fn paragraph(style: Option<&str>, text: &str) -> String {
    paragraph_of(style, &run(text, false))
}

/// A paragraph holding the given runs, in the named style (`None`: Normal).
pub fn paragraph_of(style: Option<&str>, runs: &str) -> String {
    match style {
        Some(s) => format!("<w:p><w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>{runs}</w:p>"),
        None => format!("<w:p>{runs}</w:p>"),
    }
}

/// The text width of an A4 page with 2.54 cm margins, in twentieths of a point.
pub const TEXT_WIDTH_TWIPS: u32 = 11906 - 2 * 1440;

/// One cell of a [`table`]: its text and whether it is a number (right-aligned).
pub struct Cell<'a> {
    pub text: &'a str,
    pub number: bool,
}

/// A Word table in the "Table Grid" style: `header` marked as the header row that repeats on
/// every page (`w:tblHeader`), rows that do not split across pages, numbers right-aligned,
/// the last row bold when `total_last`. The first column takes what the others leave.
pub fn table(caption: &str, header: &[Cell], rows: &[Vec<Cell>], total_last: bool) -> String {
    let widths = column_widths(header, rows);
    let mut x = String::new();
    x.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>");
    x.push_str("<w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/>");
    x.push_str("<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>");
    x.push_str(&format!("<w:tblCaption w:val=\"{}\"/>", escape(caption)));
    x.push_str("</w:tblPr><w:tblGrid>");
    for w in &widths {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    let mut row = |cells: &[Cell], header: bool, bold: bool| {
        x.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if header {
            x.push_str("<w:tblHeader/>");
        }
        x.push_str("</w:trPr>");
        for (i, w) in widths.iter().enumerate() {
            let cell = cells.get(i);
            let right = cell.is_some_and(|c| c.number);
            x.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>{}</w:pPr>{}</w:p></w:tc>",
                if right { "<w:jc w:val=\"right\"/>" } else { "" },
                cell.map_or(String::new(), |c| run(c.text, bold))
            ));
        }
        x.push_str("</w:tr>");
    };
    row(header, true, true);
    for (i, cells) in rows.iter().enumerate() {
        row(cells, false, total_last && i + 1 == rows.len());
    }
    x.push_str("</w:tbl>");
    x
}

/// Twentieths of a point per character of 9 pt Arial (bold, as headings are, and allowing for
/// wide letters: "Hampshire" must not break), and a cell's side margins.
const CHAR_TWIPS: u32 = 115;
const CELL_MARGINS_TWIPS: u32 = 216;

/// Column widths that fit the page: each column as wide as its longest word (a number or
/// "not published" never wraps), text columns up to 40 characters, and what is left shared
/// among the text columns. When the numbers alone are wider than the page, they share it.
fn column_widths(header: &[Cell], rows: &[Vec<Cell>]) -> Vec<u32> {
    let columns = header.len().max(1);
    let longest_word = |t: &str| {
        t.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let is_text = |i: usize| i == 0 || !header.get(i).is_some_and(|c| c.number);
    let need: Vec<u32> = (0..columns)
        .map(|i| {
            let cells = rows.iter().filter_map(|r| r.get(i));
            let chars = if is_text(i) {
                cells
                    .map(|c| c.text.chars().count().min(40))
                    .chain(header.get(i).map(|c| longest_word(c.text)))
                    .max()
                    .unwrap_or(0)
            } else {
                // A number's heading may take three lines.
                let heading = header.get(i).map_or(0, |c| {
                    longest_word(c.text).max(c.text.chars().count().div_ceil(3))
                });
                // One character's slack: "90.9%" has a wide sign and must not wrap.
                cells
                    .map(|c| c.text.chars().count() + 1)
                    .chain([heading])
                    .max()
                    .unwrap_or(0)
            };
            CELL_MARGINS_TWIPS + CHAR_TWIPS * chars.max(3) as u32
        })
        .collect();
    // Numbers get what they need while each text column keeps 3.2 cm (or less if it needs
    // less); otherwise they share what the text columns leave. The text columns share the
    // rest in proportion to what they need.
    let numbers: u32 = (0..columns).filter(|&i| !is_text(i)).map(|i| need[i]).sum();
    let text_need: u32 = (0..columns).filter(|&i| is_text(i)).map(|i| need[i]).sum();
    let text_min: u32 = (0..columns)
        .filter(|&i| is_text(i))
        .map(|i| need[i].min(1800))
        .sum();
    let room = TEXT_WIDTH_TWIPS.saturating_sub(text_min);
    let mut widths: Vec<u32> = (0..columns)
        .map(|i| match is_text(i) {
            true => 0,
            false if numbers <= room => need[i],
            false => need[i] * room / numbers.max(1),
        })
        .collect();
    let text_room = TEXT_WIDTH_TWIPS - widths.iter().sum::<u32>();
    for i in (0..columns).filter(|&i| is_text(i)) {
        widths[i] = text_room * need[i] / text_need.max(1);
    }
    let used: u32 = widths.iter().sum();
    widths[0] += TEXT_WIDTH_TWIPS - used;
    widths
}

/// An inline picture `width_emu` wide: the PNG at relationship `png_rel`, with the SVG at
/// `svg_rel` in Office's SVG extension (Word 2016 and later, and LibreOffice, draw the SVG;
/// older Word draws the PNG), and `alt` as its alternative text.
pub fn picture(
    id: usize,
    png_rel: &str,
    svg_rel: &str,
    (width_emu, height_emu): (u64, u64),
    name: &str,
    alt: &str,
) -> String {
    let (name, alt) = (escape(name), escape(alt));
    format!(
        "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
<wp:extent cx=\"{width_emu}\" cy=\"{height_emu}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
<wp:docPr id=\"{id}\" name=\"{name}\" descr=\"{alt}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{png_rel}\"><a:extLst><a:ext uri=\"{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}\">\
<asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"{svg_rel}\"/>\
</a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{width_emu}\" cy=\"{height_emu}\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
</wp:inline></w:drawing></w:r>"
    )
}

/// A field (`PAGE`, `TOC ...`) with `shown` as its result until a word processor updates it.
pub fn simple_field(instruction: &str, shown: &str) -> String {
    format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        escape(instruction),
        run(shown, false)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_fill_the_page_and_numbers_get_their_longest_text() {
        let header = [
            Cell {
                text: "Reason",
                number: false,
            },
            Cell {
                text: "Children",
                number: true,
            },
            Cell {
                text: "England 2025",
                number: true,
            },
        ];
        let rows = vec![vec![
            Cell {
                text: "Moved to a supported home",
                number: false,
            },
            Cell {
                text: "1,234",
                number: true,
            },
            Cell {
                text: "not published",
                number: true,
            },
        ]];
        let w = column_widths(&header, &rows);
        // "Children": 8 characters, 216 + 8 x 115; "not published": 13 and one to spare,
        // 216 + 14 x 115.
        assert_eq!(w[1], 1136);
        assert_eq!(w[2], 1826);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH_TWIPS);
        // Twenty wide columns share the page; none is left out.
        let header: Vec<Cell> = (0..20)
            .map(|i| Cell {
                text: if i == 0 {
                    "Year"
                } else {
                    "Reviews held on time"
                },
                number: i > 0,
            })
            .collect();
        let w = column_widths(&header, &[]);
        assert_eq!(w.len(), 20);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH_TWIPS);
        assert!(w.iter().all(|&x| x > 300));
    }

    use super::*;

    #[test]
    fn escape_writes_markup_characters_as_entities_and_drops_control_characters() {
        assert_eq!(
            escape("A & B <c> \"d\"\u{1}\te"),
            "A &amp; B &lt;c&gt; &quot;d&quot; e"
        );
    }

    #[test]
    fn a_table_marks_its_header_row_and_right_aligns_numbers() {
        let header = [
            Cell {
                text: "Month",
                number: false,
            },
            Cell {
                text: "Held",
                number: true,
            },
        ];
        let rows = vec![vec![
            Cell {
                text: "April",
                number: false,
            },
            Cell {
                text: "12",
                number: true,
            },
        ]];
        let x = table("Reviews", &header, &rows, false);
        let widths: u32 = x
            .split("<w:gridCol w:w=\"")
            .skip(1)
            .filter_map(|g| g.split('"').next()?.parse::<u32>().ok())
            .sum();
        assert_eq!(widths, TEXT_WIDTH_TWIPS);
        assert_eq!(x.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(x.matches("<w:jc w:val=\"right\"/>").count(), 2);
        assert!(x.contains("<w:tblCaption w:val=\"Reviews\"/>"));
    }
}

//! A chart as a standalone SVG file, for downloads: drawn by [`draw`] on plotters' SVG
//! backend, with its text alternative written into the file.

use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;

use super::draw::draw;
use super::palette::{hex, INK, PAPER};
use super::spec::{ChartSpec, ChartStyle, FontSizing};
use super::text::{describe, wrap, FONT};

/// Why a chart could not be drawn into an SVG document: the error of plotters' SVG backend.
pub type SvgError = DrawingAreaErrorKind<std::io::Error>;

/// The chart as a standalone SVG document of `width` by `height` pixels, with the title and
/// [`describe`]'s text as its `<title>` and `<desc>` (`role="img"`), or the error that
/// stopped the drawing.
///
/// No error is known from a string backend; tests assert `Ok` so one would not go unseen.
pub fn try_to_svg(
    spec: &ChartSpec,
    style: &ChartStyle,
    width: u32,
    height: u32,
) -> Result<String, SvgError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let style = ChartStyle {
            font_sizing: FontSizing::PlottersSvg,
            ..style.clone()
        };
        draw(&root, spec, &style)?;
        root.present()?;
    }
    Ok(with_text_alternative(svg, spec, &style.hidden))
}

/// The chart as a standalone SVG document, as [`try_to_svg`], for a download that must give
/// a file: should drawing fail, the file says so in words and carries the chart's text
/// alternative, rather than a part of a chart that could be read as all of it.
///
/// ```
/// use careboard::charts::{to_svg, ChartKind, ChartSpec, ChartStyle, Orientation, Series, ValueKind};
///
/// let spec = ChartSpec {
///     id: "started".into(),
///     title: "Children who started to be looked after".into(),
///     kind: ChartKind::Bars,
///     orientation: Orientation::Vertical,
///     value_kind: ValueKind::Count,
///     categories: vec!["2023-24".into(), "2024-25".into()],
///     series: vec![Series { name: "Started".into(), values: vec![Some(120.0), Some(134.0)] }],
///     markers: vec![],
///     value_axis_label: "Children".into(),
///     category_axis_label: "Year".into(),
/// };
/// let svg = to_svg(&spec, &ChartStyle::default(), 640, 360);
/// // Two bars and the legend's swatch in the first series colour, dark blue.
/// assert_eq!(svg.matches(r##"fill="#12436D""##).count(), 3);
/// ```
pub fn to_svg(spec: &ChartSpec, style: &ChartStyle, width: u32, height: u32) -> String {
    try_to_svg(spec, style, width, height)
        .unwrap_or_else(|error| not_drawn(spec, style, (width, height), &error))
}

/// A document in place of a chart that could not be drawn: the reason, then the chart's
/// description (each series' highest, lowest and total) as wrapped lines of text.
pub(super) fn not_drawn(
    spec: &ChartSpec,
    style: &ChartStyle,
    (width, height): (u32, u32),
    error: &SvgError,
) -> String {
    const PX: f64 = 14.0;
    let (pad, line_h) = (12.0, PX * 1.25);
    let mut svg = format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"{}\"/>\n",
        hex(PAPER)
    );
    let message = format!("This chart could not be drawn ({error}).");
    let description = describe(spec, &style.hidden);
    let max = f64::from(width) - 2.0 * pad;
    let lines = [message, description]
        .iter()
        .flat_map(|text| wrap(text, PX, false, max))
        .collect::<Vec<_>>();
    for (k, line) in lines.iter().enumerate() {
        svg.push_str(&format!(
            "<text x=\"{pad}\" y=\"{}\" font-family=\"{}\" font-size=\"{PX}\" fill=\"{}\">{}</text>\n",
            pad + PX + k as f64 * line_h,
            xml_escape(FONT),
            hex(INK),
            xml_escape(line)
        ));
    }
    svg.push_str("</svg>\n");
    with_text_alternative(svg, spec, &style.hidden)
}

/// Gives a drawn document its title and text alternative, which screen readers announce for
/// an SVG with `role="img"`: a saved file is read on its own, away from the page.
fn with_text_alternative(mut svg: String, spec: &ChartSpec, hidden: &[bool]) -> String {
    let head = format!(
        " role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
        xml_escape(&spec.title),
        xml_escape(&describe(spec, hidden)),
        id = xml_escape(&spec.id),
    );
    match svg.find('>') {
        Some(end) if svg.starts_with("<svg") => svg.replace_range(end..=end, &head),
        _ => {}
    }
    svg
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

//! A chart as a standalone SVG file, for downloads: drawn by [`draw`] on plotters' SVG
//! backend, with its text alternative written into the file.

use plotters::prelude::*;

use super::draw::draw;
use super::spec::{ChartSpec, ChartStyle, FontSizing};
use super::text::describe;

/// The chart as a standalone SVG document of `width` by `height` pixels, with the title and
/// [`describe`]'s text as its `<title>` and `<desc>` (`role="img"`), for exports.
///
/// Drawing into a string cannot fail, so a backend error (none is known) leaves whatever was
/// drawn before it.
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
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let style = ChartStyle {
            font_sizing: FontSizing::PlottersSvg,
            ..style.clone()
        };
        // Errors are ignored per the doc comment: a string backend has none to report.
        let _ = draw(&root, spec, &style);
        let _ = root.present();
    }
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

//! Charts for the report's figures, drawn once for every target: plotters' SVG backend
//! natively (tests, exports) and a canvas in the page (plotters-canvas), through the same
//! generic [`draw()`].
//!
//! This module owns a chart's *description* ([`ChartSpec`]), its look (palette, fill patterns,
//! marker shapes, layout), its text alternatives ([`describe`], [`point_label`]) and the pure
//! parts of interaction ([`point_at`], [`next_point`]). A chart's table and CSV are those of
//! the `present::Table` it is drawn from (`present::chart_spec`). It knows nothing of the
//! report (the page builds specs from it) and must not depend on `yew`, `web_sys` or any
//! browser type, so everything here is tested natively.
//!
//! The parts, each depending only on those listed after it: `svg` (a chart as a file),
//! `draw` (layout, axes, marks, labels and legend on any backend; see its map), `nav` and
//! `hit` (keyboard and pointer), `text` (numbers, words and text widths), `palette` (the
//! look of each series) and `spec` (what a chart shows and how it is drawn).
//!
//! Text is measured here, not by the backend: plotters without its `ttf` feature only guesses
//! widths natively, while on wasm it measures by inserting DOM spans (slow, and impossible in a
//! worker). Arial's advance widths (shared by the metric-compatible Helvetica and Liberation
//! Sans that browsers substitute) give the same layout on both targets.
//!
//! # In the page
//!
//! plotters-canvas 0.3.1 reports the canvas's own `width` and `height` (device pixels) as the
//! drawing size, so size the canvas at its CSS size times `devicePixelRatio`, draw with
//! `scale` set to that ratio, and multiply pointer offsets by it before [`point_at`]:
//!
//! ```text
//! canvas.set_width(css_w * dpr); canvas.set_height(css_h * dpr);
//! let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
//! let style = ChartStyle { scale: dpr, hidden, focus, draw_title: false, draw_legend: false,
//!                          ..ChartStyle::default() };
//! let regions = charts::draw(&root, &spec, &style)?;            // keep for hover
//! // pointermove: point_at(&regions, (offset_x * dpr) as i32, (offset_y * dpr) as i32)
//! // keydown:     focus = next_point(&spec, &hidden, focus, key); redraw
//! // text:        aria-label or caption from describe(); live region from point_label();
//! //              legend swatches from draw_swatch() or hex(series_colour(i)) with the
//! //              pattern's name; download from to_svg().
//! ```

mod draw;
mod hit;
mod nav;
mod palette;
mod spec;
mod svg;
mod text;

pub use draw::{draw, draw_swatch};
pub use hit::{point_at, HitRegion, HOVER_TOLERANCE};
pub use nav::{next_point, Key};
pub use palette::{
    bar_pattern, contrast_ratio, hex, line_dash, line_shape, marker_shape, series_colour, Dash,
    Pattern, Shape, SERIES_COLOURS,
};
pub use spec::{
    ChartKind, ChartSpec, ChartStyle, FontSizing, Orientation, Point, Series, ValueKind,
    HIDDEN_SERIES,
};
pub use svg::{to_svg, try_to_svg, SvgError};
pub use text::{describe, group_thousands, point_label};

#[cfg(test)]
mod tests;

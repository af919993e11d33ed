//! Laying out and drawing a [`ChartSpec`] on any plotters backend.
//!
//! Everything is drawn from plain elements (filled rectangles, polygons, circles, paths and
//! text) rather than plotters' chart builder and series, which keeps the wasm small (no
//! series features) and lets us clip fill patterns to bars, draw dashes ourselves (no backend
//! has them) and know every pixel rectangle for hit testing. Sizes are in CSS pixels times
//! `style.scale`.
//!
//! [`draw`] goes top to bottom: the title and the legend (`legend`), the value axis's range
//! (`scale`), the plot's place and its category labels (`layout`, into a `frame`), the
//! `axes`, the marks (`bars`, `stacked` bars or `lines`, with `markers` for reference values
//! and `hatching` inside bars, over the `plot` they share), the value `labels` and the
//! keyboard `focus` ring. Each part draws through the `painter`, which also holds the text
//! sizes; none of them depends on this file.

mod axes;
mod bars;
mod focus;
mod frame;
mod hatching;
mod labels;
mod layout;
mod legend;
mod lines;
mod markers;
mod painter;
mod plot;
mod scale;
mod stacked;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use self::axes::{baseline, draw_axes};
use self::focus::focus_ring;
use self::labels::{draw_labels, Label};
use self::layout::layout;
use self::legend::legend;
use self::painter::{DrawResult, Painter, LINE_HEIGHT, MESSAGE_PX, TITLE_PX};
use self::plot::Plot;
use self::scale::{largest_value, nice_scale};
use super::hit::HitRegion;
use super::palette::{INK, PAPER};
use super::spec::{ChartKind, ChartSpec, ChartStyle};
use super::text::wrap;

pub use self::legend::draw_swatch;

/// Draws `spec` on `root` and returns where each drawn value lies, for hover.
///
/// Regions are in the backend's pixels, ordered by series index (data series, then markers)
/// and then category. Hidden series, missing values and a chart with no data have none; a
/// zero bar gets a thin region at the axis so it can still be hovered. An area too small to
/// hold a plot gets only its title.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    style: &ChartStyle,
) -> DrawResult<Vec<HitRegion>, DB> {
    let p = Painter::new(root, style.scale, style.font_sizing);
    let s = p.s;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    root.fill(&PAPER)?;

    let pad = 12.0 * s;
    let (left, right) = (pad, w - pad);
    let mut top = pad;
    if style.draw_title && !spec.title.is_empty() {
        top = title(&p, &spec.title, left, top, right)?;
    }
    if style.draw_legend {
        top = legend(&p, spec, style, left, top, right)? + 6.0 * s;
    }

    let shown: Vec<usize> = (0..spec.series.len())
        .filter(|&i| !style.is_hidden(i))
        .collect();
    let shown_markers: Vec<usize> = (spec.series.len()..spec.series_count())
        .filter(|&i| !style.is_hidden(i))
        .collect();
    let max = largest_value(spec, &shown, &shown_markers);
    let empty = spec.categories.is_empty() || max <= 0.0;
    let scale = nice_scale(if empty { 0.0 } else { max }, spec.value_kind);
    let Some(layout) = layout(spec, &scale, (w, h), s, top) else {
        return Ok(Vec::new());
    };
    draw_axes(&p, spec, &scale, &layout, (w, h))?;
    let frame = &layout.frame;

    if empty {
        baseline(&p, frame)?;
        let message = if !spec.categories.is_empty() && shown.is_empty() && shown_markers.is_empty()
        {
            "All series are hidden"
        } else {
            "No data for this chart"
        };
        let (cx, cy) = (
            (frame.left + frame.right) / 2.0,
            (frame.top + frame.bottom) / 2.0,
        );
        let anchor = (HPos::Center, VPos::Center);
        p.text(message, cx, cy, MESSAGE_PX * s, false, anchor, INK, false)?;
        return Ok(Vec::new());
    }

    let plot = Plot {
        p: &p,
        spec,
        frame,
        shown: &shown,
        shown_markers: &shown_markers,
        s,
    };
    let mut regions: Vec<HitRegion> = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    match spec.kind {
        ChartKind::Bars => plot.bars(&mut regions, &mut labels)?,
        ChartKind::StackedBars => plot.stacked(&mut regions, &mut labels)?,
        ChartKind::Lines => {
            // References first here: a line's own points must stay visible over them.
            plot.references(&mut regions)?;
            plot.lines(&mut regions)?;
        }
    }
    baseline(&p, frame)?;
    if spec.kind != ChartKind::Lines {
        plot.references(&mut regions)?;
    }
    draw_labels(&p, &labels, style.focus, frame.horizontal)?;

    regions.sort_by_key(|r| (r.point.series, r.point.category));
    if let Some(focus) = style.focus {
        if let Some(r) = regions.iter().find(|r| r.point == focus) {
            focus_ring(&p, r)?;
        }
    }
    let (bx, by) = root.get_base_pixel();
    for r in &mut regions {
        r.x0 += bx;
        r.x1 += bx;
        r.y0 += by;
        r.y1 += by;
    }
    Ok(regions)
}

/// The title, wrapped to the width from `left` to `right`; returns the top of what follows.
fn title<DB: DrawingBackend>(
    p: &Painter<DB>,
    title: &str,
    left: f64,
    mut top: f64,
    right: f64,
) -> DrawResult<f64, DB> {
    let size = TITLE_PX * p.s;
    for line in wrap(title, size, true, right - left) {
        p.text(
            &line,
            left,
            top,
            size,
            true,
            (HPos::Left, VPos::Top),
            INK,
            false,
        )?;
        top += size * LINE_HEIGHT;
    }
    Ok(top + 6.0 * p.s)
}

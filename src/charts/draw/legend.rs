//! The legend: one entry per shown series, its swatch drawn by the same code as the marks
//! so it looks exactly like them, and [`draw_swatch`] for the page's HTML legend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::hatching::fill_bar;
use super::lines::dashed;
use super::markers::{draw_shape, reference_tick};
use super::painter::{DrawResult, Painter, LEGEND_PX};
use crate::charts::palette::{
    bar_pattern, line_dash, line_shape, marker_shape, series_colour, INK,
};
use crate::charts::spec::{is_hidden, ChartKind, ChartSpec, ChartStyle, FontSizing};
use crate::charts::text::text_width;

/// The legend: one entry per shown series, flowing into rows; returns the bottom edge.
pub(super) fn legend<DB: DrawingBackend>(
    p: &Painter<DB>,
    spec: &ChartSpec,
    style: &ChartStyle,
    left: f64,
    top: f64,
    right: f64,
) -> DrawResult<f64, DB> {
    let s = p.s;
    let size = LEGEND_PX * s;
    let row_h = 22.0 * s;
    let (mut x, mut y) = (left, top);
    let mut any = false;
    for i in 0..spec.series_count() {
        let Some(series) = spec.series_at(i) else {
            continue;
        };
        if is_hidden(&style.hidden, i) {
            continue;
        }
        any = true;
        let sw = if spec.kind == ChartKind::Lines && !spec.is_marker(i) {
            32.0 * s
        } else {
            18.0 * s
        };
        let width = sw + 6.0 * s + text_width(&series.name, size, false) + 18.0 * s;
        if x + width > right && x > left {
            x = left;
            y += row_h;
        }
        swatch(p, spec, i, (x + sw / 2.0, y + row_h / 2.0))?;
        let anchor = (HPos::Left, VPos::Center);
        let tx = x + sw + 6.0 * s;
        p.text(
            &series.name,
            tx,
            y + row_h / 2.0,
            size,
            false,
            anchor,
            INK,
            false,
        )?;
        x += width;
    }
    Ok(if any { y + row_h } else { top })
}

/// The look of series `index` in a small box centred at (`cx`, `cy`), for legends.
fn swatch<DB: DrawingBackend>(
    p: &Painter<DB>,
    spec: &ChartSpec,
    index: usize,
    (cx, cy): (f64, f64),
) -> DrawResult<(), DB> {
    let s = p.s;
    if spec.is_marker(index) {
        let k = index - spec.series.len();
        if spec.kind == ChartKind::Lines && k == 0 {
            return reference_tick(p, (cx, cy), 9.0 * s, s);
        }
        return draw_shape(p, marker_shape(k), (cx, cy), 6.0 * s, INK, 0.0);
    }
    let colour = series_colour(index);
    match spec.kind {
        ChartKind::Lines => {
            let line = [(cx - 14.0 * s, cy), (cx + 14.0 * s, cy)];
            for piece in dashed(&line, line_dash(index), s) {
                p.path(&piece, colour, 2.5 * s)?;
            }
            draw_shape(p, line_shape(index), (cx, cy), 4.5 * s, colour, 1.5 * s)
        }
        ChartKind::Bars | ChartKind::StackedBars => {
            let h = 8.0 * s;
            fill_bar(
                p,
                (cx - h, cy - h, cx + h, cy + h),
                colour,
                bar_pattern(index),
            )
        }
    }
}

/// Draws the legend entry look of series `index` (data series, then markers) centred in
/// `area`, for the page's HTML legend (a small canvas per entry) so it matches the chart.
pub fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    index: usize,
    scale: f64,
) -> DrawResult<(), DB> {
    let p = Painter::new(area, scale, FontSizing::Canvas);
    let (w, h) = area.dim_in_pixel();
    swatch(&p, spec, index, (f64::from(w) / 2.0, f64::from(h) / 2.0))
}

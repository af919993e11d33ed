//! The axes: gridlines and tick labels of the value scale, the two axis titles, the category
//! labels and the baseline at zero that bars stand on.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::Frame;
use super::layout::Layout;
use super::painter::{DrawResult, Painter, AXIS_TITLE_PX, LINE_HEIGHT, TICK_PX};
use super::scale::ValueScale;
use crate::charts::palette::{GRID, INK, PAPER};
use crate::charts::spec::ChartSpec;
use crate::charts::text::text_width;

/// Gridlines, tick labels, axis titles and category labels.
pub(super) fn draw_axes<DB: DrawingBackend>(
    p: &Painter<DB>,
    spec: &ChartSpec,
    scale: &ValueScale,
    layout: &Layout,
    size: (f64, f64),
) -> DrawResult<(), DB> {
    gridlines(p, scale, layout)?;
    axis_titles(p, spec, &layout.frame, size)?;
    category_labels(p, layout)
}

/// A gridline and a tick label at each tick of the scale (no gridline at zero, where the
/// baseline goes).
fn gridlines<DB: DrawingBackend>(
    p: &Painter<DB>,
    scale: &ValueScale,
    layout: &Layout,
) -> DrawResult<(), DB> {
    let (s, hair) = (p.s, p.hair());
    let frame = &layout.frame;
    let (left, top, right, bottom) = (frame.left, frame.top, frame.right, frame.bottom);
    for (t, label) in scale.ticks.iter().zip(&layout.tick_labels) {
        let at = frame.val(*t);
        if frame.horizontal {
            if *t > 0.0 {
                p.rect(at - hair / 2.0, top, at + hair / 2.0, bottom, GRID)?;
            }
            let y = bottom + 8.0 * s;
            p.text(
                label,
                at,
                y,
                TICK_PX * s,
                false,
                (HPos::Center, VPos::Top),
                INK,
                false,
            )?;
        } else {
            if *t > 0.0 {
                p.rect(left, at - hair / 2.0, right, at + hair / 2.0, GRID)?;
            }
            let x = left - 6.0 * s;
            p.text(
                label,
                x,
                at,
                TICK_PX * s,
                false,
                (HPos::Right, VPos::Center),
                INK,
                false,
            )?;
        }
    }
    Ok(())
}

/// Axis titles: the one across the bottom is centred under the plot, or as near as it can be
/// without running off the edge (narrow screens); the other reads upwards at the left.
fn axis_titles<DB: DrawingBackend>(
    p: &Painter<DB>,
    spec: &ChartSpec,
    frame: &Frame,
    (w, h): (f64, f64),
) -> DrawResult<(), DB> {
    let s = p.s;
    let pad = 12.0 * s;
    let title_h = AXIS_TITLE_PX * s * LINE_HEIGHT;
    let (bottom_title, side_title) = if frame.horizontal {
        (&spec.value_axis_label, &spec.category_axis_label)
    } else {
        (&spec.category_axis_label, &spec.value_axis_label)
    };
    let title_px = AXIS_TITLE_PX * s;
    if !bottom_title.is_empty() {
        let half = text_width(bottom_title, title_px, true) / 2.0;
        let x = ((frame.left + frame.right) / 2.0)
            .min(w - pad - half)
            .max(pad + half);
        let anchor = (HPos::Center, VPos::Bottom);
        p.text(bottom_title, x, h - pad, title_px, true, anchor, INK, false)?;
    }
    if !side_title.is_empty() {
        let half = text_width(side_title, title_px, true) / 2.0;
        let y = ((frame.top + frame.bottom) / 2.0)
            .min(h - pad - half)
            .max(pad + half);
        let anchor = (HPos::Center, VPos::Center);
        p.text(
            side_title,
            pad + title_h / 2.0,
            y,
            title_px,
            true,
            anchor,
            INK,
            true,
        )?;
    }
    Ok(())
}

/// Each category's label (every `label_step`-th when they do not all fit): under its column,
/// beside its bar, or above it on white so gridlines do not run through the words.
fn category_labels<DB: DrawingBackend>(p: &Painter<DB>, layout: &Layout) -> DrawResult<(), DB> {
    let s = p.s;
    let tick_h = TICK_PX * s * LINE_HEIGHT;
    let frame = &layout.frame;
    let (left, bottom) = (frame.left, frame.bottom);
    for (c, lines) in layout
        .cat_labels
        .iter()
        .enumerate()
        .step_by(layout.label_step)
    {
        if layout.labels_above {
            for (k, line) in lines.iter().enumerate() {
                let y = frame.band_start(c) + 4.0 * s + k as f64 * tick_h;
                let lw = text_width(line, TICK_PX * s, false);
                p.rect(left, y, left + lw + 2.0 * s, y + tick_h, PAPER)?;
                let anchor = (HPos::Left, VPos::Top);
                p.text(line, left, y, TICK_PX * s, false, anchor, INK, false)?;
            }
        } else if frame.horizontal {
            let centre = frame.cat(c, 0.5);
            let first = centre - (lines.len() as f64 - 1.0) * tick_h / 2.0;
            for (k, line) in lines.iter().enumerate() {
                let y = first + k as f64 * tick_h;
                let anchor = (HPos::Right, VPos::Center);
                p.text(
                    line,
                    left - 8.0 * s,
                    y,
                    TICK_PX * s,
                    false,
                    anchor,
                    INK,
                    false,
                )?;
            }
        } else {
            let x = frame.cat(c, 0.5);
            for (k, line) in lines.iter().enumerate() {
                let y = bottom + 8.0 * s + k as f64 * tick_h;
                let anchor = (HPos::Center, VPos::Top);
                p.text(line, x, y, TICK_PX * s, false, anchor, INK, false)?;
            }
        }
    }
    Ok(())
}

/// The value axis baseline (at zero), where bars start.
pub(super) fn baseline<DB: DrawingBackend>(p: &Painter<DB>, frame: &Frame) -> DrawResult<(), DB> {
    let hair = p.hair();
    let zero = frame.val(0.0);
    if frame.label_space > 0.0 {
        // Labels above bars: the axis runs beside each bar only, not through the labels.
        for c in 0..frame.categories {
            let (y0, y1) = (frame.cat(c, 0.0), frame.cat(c, 1.0));
            p.rect(zero - hair / 2.0, y0, zero + hair / 2.0, y1, INK)?;
        }
        Ok(())
    } else if frame.horizontal {
        p.rect(
            zero - hair / 2.0,
            frame.top,
            zero + hair / 2.0,
            frame.bottom,
            INK,
        )
    } else {
        p.rect(
            frame.left,
            zero - hair / 2.0,
            frame.right,
            zero + hair / 2.0,
            INK,
        )
    }
}

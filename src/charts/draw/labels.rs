//! Value labels: where a bar's label goes so it touches no reference marker, and drawing
//! every label after the data so no bar or line covers it.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::focus::FOCUS_RING;
use super::frame::Frame;
use super::painter::{DrawResult, Painter, PixelRect, VALUE_PX};
use crate::charts::palette::PAPER;
use crate::charts::spec::Point;
use crate::charts::text::text_width;

/// A label to draw after the data, so no bar or line covers it.
pub(super) struct Label {
    pub(super) text: String,
    /// Where the anchor point is, in backend pixels.
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) anchor: (HPos, VPos),
    pub(super) colour: RGBColor,
    /// Draw a white box behind it (labels inside stacked segments).
    pub(super) chip: bool,
    /// The bar it labels, so the focus ring can push it aside.
    pub(super) point: Option<Point>,
}

/// Whether two rectangles share any pixel.
fn overlaps(a: PixelRect, b: PixelRect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Where a bar ends, for placing its label.
#[derive(Clone, Copy)]
pub(super) struct BarEnd {
    /// Centre of the bar across the category axis.
    pub(super) mid: f64,
    /// Pixel position of the bar's end along the value axis.
    pub(super) end: f64,
    /// The bar's length in pixels (0 keeps the label outside).
    pub(super) length: f64,
    /// Space across the category axis from this bar's label to its neighbours'.
    pub(super) room: f64,
}

/// A bar's value label, placed where it does not touch a reference marker: just beyond the
/// bar's end; else inside the end of the bar on a white chip; else beyond the marker. `None`
/// when the bar is too thin for the text.
pub(super) fn end_label(
    text: String,
    colour: RGBColor,
    frame: &Frame,
    bar: BarEnd,
    markers: &[PixelRect],
    s: f64,
) -> Option<Label> {
    let tw = text_width(&text, VALUE_PX * s, false);
    let th = VALUE_PX * s;
    let fits = if frame.horizontal {
        bar.room >= th
    } else {
        bar.room >= tw + 4.0 * s
    };
    if !fits {
        return None;
    }
    let gap = 4.0 * s;
    // The label's box when it starts `offset` pixels beyond `end` (negative: inside).
    let placed = |end: f64, offset: f64| -> (PixelRect, f64, f64) {
        if frame.horizontal {
            let x0 = end + offset;
            (
                (x0, bar.mid - th / 2.0, x0 + tw, bar.mid + th / 2.0),
                x0 + tw / 2.0,
                bar.mid,
            )
        } else {
            let y1 = end - offset;
            (
                (bar.mid - tw / 2.0, y1 - th, bar.mid + tw / 2.0, y1),
                bar.mid,
                y1 - th / 2.0,
            )
        }
    };
    let clear = |b: PixelRect| !markers.iter().any(|&m| overlaps(b, m));
    let label = |(_, x, y): (PixelRect, f64, f64), chip: bool| Label {
        point: None,
        text: text.clone(),
        x,
        y,
        anchor: (HPos::Center, VPos::Center),
        colour,
        chip,
    };
    let outside = placed(bar.end, gap);
    if clear(outside.0) {
        return Some(label(outside, false));
    }
    let along = if frame.horizontal { tw } else { th };
    if bar.length >= along + 3.0 * gap {
        let inside = placed(bar.end, -(along + gap));
        if clear(inside.0) {
            return Some(label(inside, true));
        }
    }
    let beyond = markers.iter().fold(bar.end, |e, m| {
        if frame.horizontal {
            e.max(m.2)
        } else {
            e.min(m.1)
        }
    });
    Some(label(placed(beyond, gap), false))
}

/// Draws `labels`, each on its white chip if it has one; the focused bar's label moves out
/// of the way of its focus ring.
pub(super) fn draw_labels<DB: DrawingBackend>(
    p: &Painter<DB>,
    labels: &[Label],
    focus: Option<Point>,
    horizontal: bool,
) -> DrawResult<(), DB> {
    let s = p.s;
    for l in labels {
        if l.chip {
            let tw = text_width(&l.text, VALUE_PX * s, false);
            let (hw, hh) = (tw / 2.0 + 3.0 * s, VALUE_PX * s * 0.65);
            p.rect(l.x - hw, l.y - hh, l.x + hw, l.y + hh, PAPER)?;
        }
        // The focus ring takes 5 px outside its bar: move that bar's label clear of it.
        let (x, y) = match (l.point.is_some() && l.point == focus, horizontal) {
            (true, true) => (l.x + FOCUS_RING * s, l.y),
            (true, false) => (l.x, l.y - FOCUS_RING * s),
            (false, _) => (l.x, l.y),
        };
        p.text(
            &l.text,
            x,
            y,
            VALUE_PX * s,
            false,
            l.anchor,
            l.colour,
            false,
        )?;
    }
    Ok(())
}

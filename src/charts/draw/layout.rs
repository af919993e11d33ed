//! Where the plot goes once the title and legend have taken the top: room for tick labels,
//! axis titles and value labels, and how each category's label is wrapped, cut short or
//! moved above its bar so that it fits.

use super::frame::Frame;
use super::painter::{AXIS_TITLE_PX, LINE_HEIGHT, TICK_PX, VALUE_PX};
use super::scale::ValueScale;
use crate::charts::spec::{ChartKind, ChartSpec, Orientation, Point};
use crate::charts::text::{short_value, text_width, wrap};

/// Where the plot goes and how its category labels are broken, once the title and legend
/// have taken the space above `top`.
pub(super) struct Layout {
    pub(super) frame: Frame,
    /// Each category's label, as lines.
    pub(super) cat_labels: Vec<Vec<String>>,
    /// Label every `label_step`-th category (1 when all fit).
    pub(super) label_step: usize,
    /// Horizontal bars with their labels above them rather than beside.
    pub(super) labels_above: bool,
    /// The value axis's tick labels, one per tick of the scale.
    pub(super) tick_labels: Vec<String>,
}

/// Lays out axes and labels around the plot; `None` when the area is too small for one.
pub(super) fn layout(
    spec: &ChartSpec,
    scale: &ValueScale,
    (w, h): (f64, f64),
    s: f64,
    top: f64,
) -> Option<Layout> {
    let pad = 12.0 * s;
    let (mut left, mut top, mut right, mut bottom) = (pad, top, w - pad, h - pad);
    let n = spec.categories.len();
    let horizontal = spec.orientation == Orientation::Horizontal && spec.kind != ChartKind::Lines;
    let bars = spec.kind != ChartKind::Lines;
    let tick_h = TICK_PX * s * LINE_HEIGHT;
    let title_h = AXIS_TITLE_PX * s * LINE_HEIGHT;
    let tick_labels: Vec<String> = scale
        .ticks
        .iter()
        .map(|&t| short_value(t, spec.value_kind))
        .collect();
    let tick_w = tick_labels
        .iter()
        .map(|t| text_width(t, TICK_PX * s, false))
        .fold(0.0, f64::max);

    let mut cat_labels: Vec<Vec<String>>;
    let mut label_step = 1usize;
    let mut labels_above = false;
    if horizontal {
        if !spec.category_axis_label.is_empty() {
            left += title_h + 4.0 * s;
        }
        let max_w = (w * 0.35).max(60.0 * s);
        let beside = |c: &String| wrap(c, TICK_PX * s, false, max_w);
        // Labels that need more than two lines beside the bars (narrow screens, long
        // placement names) go above their bars at full width instead of being cut short.
        labels_above = spec.categories.iter().any(|c| beside(c).len() > 2);
        if labels_above {
            let full = w - pad - left;
            cat_labels = wrap_labels(spec, s, full);
        } else {
            cat_labels = wrap_labels(spec, s, max_w);
            left += widest_line(&cat_labels, s) + 8.0 * s;
        }
        if !spec.value_axis_label.is_empty() {
            bottom -= title_h + 4.0 * s;
        }
        bottom -= tick_h + 8.0 * s;
        right -= value_label_width(spec, s) + 8.0 * s;
        // Half a tick label may stick out past the last gridline.
        right = right.min(w - pad - tick_w / 2.0);
    } else {
        if !spec.value_axis_label.is_empty() {
            left += title_h + 4.0 * s;
        }
        left += tick_w + 6.0 * s;
        if !spec.category_axis_label.is_empty() {
            bottom -= title_h + 4.0 * s;
        }
        let band = (right - left) / n.max(1) as f64;
        cat_labels = wrap_labels(spec, s, band - 4.0 * s);
        let widest = widest_line(&cat_labels, s);
        if widest > band - 2.0 * s && band > 0.0 {
            label_step = ((widest + 8.0 * s) / band).ceil().max(1.0) as usize;
        }
        bottom -= most_lines(&cat_labels) as f64 * tick_h + 8.0 * s;
        if bars {
            top += VALUE_PX * s * LINE_HEIGHT + 2.0 * s;
        } else {
            top += 6.0 * s;
        }
    }
    if right - left < 20.0 * s || bottom - top < 20.0 * s {
        return None;
    }
    let mut frame = Frame {
        left,
        top,
        right,
        bottom,
        horizontal,
        categories: n,
        value_top: scale.top,
        label_space: 0.0,
    };
    if labels_above && n > 0 {
        frame.label_space = fit_above_bars(&frame, &mut cat_labels, s);
    } else if horizontal && n > 0 {
        label_step = fit_beside_rows(&frame, &mut cat_labels, s);
    }

    Some(Layout {
        frame,
        cat_labels,
        label_step,
        labels_above,
        tick_labels,
    })
}

/// Each category label wrapped to `max_w` pixels in at most three lines, the third cut short
/// with an ellipsis.
fn wrap_labels(spec: &ChartSpec, s: f64, max_w: f64) -> Vec<Vec<String>> {
    spec.categories
        .iter()
        .map(|label| {
            let mut lines = wrap(label, TICK_PX * s, false, max_w);
            cut(&mut lines, 3);
            lines
        })
        .collect()
}

/// Keeps the first `n` lines, ending the last kept with an ellipsis when any were dropped.
fn cut(lines: &mut Vec<String>, n: usize) {
    if lines.len() > n {
        lines.truncate(n);
        if let Some(last) = lines.last_mut() {
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
}

/// The width of the widest line of any label.
fn widest_line(labels: &[Vec<String>], s: f64) -> f64 {
    labels
        .iter()
        .flatten()
        .map(|l| text_width(l, TICK_PX * s, false))
        .fold(0.0, f64::max)
}

/// The most lines any label has (at least 1).
fn most_lines(labels: &[Vec<String>]) -> usize {
    labels.iter().map(Vec::len).max().unwrap_or(1).max(1)
}

/// The width of the widest value label (or "n/a") that may be written beyond a bar's end.
fn value_label_width(spec: &ChartSpec, s: f64) -> f64 {
    let n = spec.categories.len();
    (0..spec.series_count())
        .flat_map(|i| {
            (0..n).map(move |c| Point {
                series: i,
                category: c,
            })
        })
        .filter_map(|p| spec.value(p))
        .map(|v| text_width(&short_value(v, spec.value_kind), VALUE_PX * s, false))
        .fold(text_width("n/a", VALUE_PX * s, false), f64::max)
}

/// Labels above their bars: two lines over each bar if that leaves the bar 8 px, else one.
/// Returns the room they take at the start of each band.
fn fit_above_bars(frame: &Frame, cat_labels: &mut [Vec<String>], s: f64) -> f64 {
    let tick_h = TICK_PX * s * LINE_HEIGHT;
    let lines = most_lines(cat_labels);
    let band = frame.band();
    let room = |lines: usize| lines as f64 * tick_h + 5.0 * s;
    let lines = if band - room(lines) >= 8.0 * s {
        lines
    } else {
        1
    };
    for label in cat_labels {
        cut(label, lines);
    }
    room(lines).min(band * 0.6)
}

/// Labels beside their rows: rows too short for their wrapped labels get fewer lines, cut
/// with an ellipsis; rows shorter than one line are labelled every few rows. Returns the
/// step between labelled rows.
fn fit_beside_rows(frame: &Frame, cat_labels: &mut [Vec<String>], s: f64) -> usize {
    let tick_h = TICK_PX * s * LINE_HEIGHT;
    let band = frame.band();
    let fit = (band / tick_h).floor().max(1.0) as usize;
    for lines in cat_labels {
        cut(lines, fit);
    }
    if band < tick_h {
        (tick_h / band).ceil().max(1.0) as usize
    } else {
        1
    }
}

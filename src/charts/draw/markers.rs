//! Marker shapes: the shapes at line points and of reference values (e.g. England's figure)
//! over bars and lines, each with a white outline so it stands out on what it covers.

use plotters::prelude::*;

use super::painter::{DrawResult, Painter, PixelRect};
use super::plot::{region, Plot};
use crate::charts::hit::HitRegion;
use crate::charts::palette::{marker_shape, Shape, INK, PAPER};
use crate::charts::spec::ChartKind;

/// The radius of a reference marker shape at scale 1, and how far its box reaches (with the
/// white outline).
const MARKER_R: f64 = 6.0;
const MARKER_HALF: f64 = MARKER_R * 1.25 + 2.0;

/// The corners of `shape` of radius `r` centred at (`cx`, `cy`); none for a circle.
fn shape_points(shape: Shape, cx: f64, cy: f64, r: f64) -> Vec<(f64, f64)> {
    match shape {
        Shape::Circle => Vec::new(),
        Shape::Square => {
            let h = r * 0.88;
            vec![
                (cx - h, cy - h),
                (cx + h, cy - h),
                (cx + h, cy + h),
                (cx - h, cy + h),
            ]
        }
        Shape::Triangle => vec![
            (cx, cy - r * 1.2),
            (cx + r * 1.1, cy + r * 0.8),
            (cx - r * 1.1, cy + r * 0.8),
        ],
        Shape::TriangleDown => vec![
            (cx, cy + r * 1.2),
            (cx + r * 1.1, cy - r * 0.8),
            (cx - r * 1.1, cy - r * 0.8),
        ],
        Shape::Diamond => {
            let h = r * 1.25;
            vec![(cx, cy - h), (cx + h, cy), (cx, cy + h), (cx - h, cy)]
        }
    }
}

/// A marker shape with a white outline, so it stands out on bars, lines and gridlines.
pub(super) fn draw_shape<DB: DrawingBackend>(
    p: &Painter<DB>,
    shape: Shape,
    (cx, cy): (f64, f64),
    r: f64,
    colour: RGBColor,
    outline: f64,
) -> DrawResult<(), DB> {
    for (radius, c) in [(r + outline, PAPER), (r, colour)] {
        match shape {
            Shape::Circle => p.circle(cx, cy, radius, c)?,
            _ => p.polygon(&shape_points(shape, cx, cy, radius), c)?,
        }
    }
    Ok(())
}

/// A reference value in a line chart: a short black bar across the category with a white
/// outline.
pub(super) fn reference_tick<DB: DrawingBackend>(
    p: &Painter<DB>,
    (x, y): (f64, f64),
    half: f64,
    s: f64,
) -> DrawResult<(), DB> {
    let (t, o) = (2.0 * s, 1.5 * s);
    p.rect(x - half - o, y - t - o, x + half + o, y + t + o, PAPER)?;
    p.rect(x - half, y - t, x + half, y + t, INK)
}

impl<DB: DrawingBackend> Plot<'_, DB> {
    /// The boxes the reference markers cover in each category, which bar labels avoid.
    pub(super) fn marker_boxes(&self) -> Vec<Vec<PixelRect>> {
        let half = MARKER_HALF * self.s;
        (0..self.spec.categories.len())
            .map(|c| {
                self.shown_markers
                    .iter()
                    .filter_map(|&i| self.value(i, c))
                    .map(|v| {
                        let (x, y) = self.frame.point(self.frame.cat(c, 0.5), v.max(0.0));
                        (x - half, y - half, x + half, y + half)
                    })
                    .collect()
            })
            .collect()
    }

    /// Reference markers: black shapes with a white outline over bars; in line charts the
    /// first reference series is a black tick across the category, a shape no line point has.
    pub(super) fn references(&self, regions: &mut Vec<HitRegion>) -> DrawResult<(), DB> {
        let (p, s, frame, spec) = (self.p, self.s, self.frame, self.spec);
        let lines = spec.kind == ChartKind::Lines;
        let tick_half = (frame.bar_band() * 0.3).min(14.0 * s);
        let (marker_r, half) = (MARKER_R * s, MARKER_HALF * s);
        for &i in self.shown_markers {
            let k = i - spec.series.len();
            for c in 0..spec.categories.len() {
                let Some(v) = self.value(i, c) else { continue };
                let (x, y) = frame.point(frame.cat(c, 0.5), v.max(0.0));
                let r = if lines && k == 0 {
                    reference_tick(p, (x, y), tick_half, s)?;
                    (x - tick_half, y - 6.0 * s, x + tick_half, y + 6.0 * s)
                } else {
                    draw_shape(p, marker_shape(k), (x, y), marker_r, INK, 2.0 * s)?;
                    (x - half, y - half, x + half, y + half)
                };
                regions.push(region(i, c, r));
            }
        }
        Ok(())
    }
}

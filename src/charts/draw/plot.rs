//! What drawing the data (bars, stacks, lines, markers) needs once the frame is laid out,
//! and the hit region each drawn value reports.

use plotters::prelude::*;

use super::frame::Frame;
use super::painter::{px, Painter, PixelRect};
use crate::charts::hit::HitRegion;
use crate::charts::spec::{ChartSpec, Point};

/// What drawing the data needs once the frame is laid out.
pub(super) struct Plot<'a, DB: DrawingBackend> {
    pub(super) p: &'a Painter<'a, DB>,
    pub(super) spec: &'a ChartSpec,
    pub(super) frame: &'a Frame,
    /// Data series shown, in order.
    pub(super) shown: &'a [usize],
    /// Marker series shown (indices counting data series first).
    pub(super) shown_markers: &'a [usize],
    /// Device pixels per CSS pixel.
    pub(super) s: f64,
}

impl<DB: DrawingBackend> Plot<'_, DB> {
    /// The value of series `i` in category `c`, if available.
    pub(super) fn value(&self, i: usize, c: usize) -> Option<f64> {
        self.spec.value(Point {
            series: i,
            category: c,
        })
    }
}

/// The hit region of point (`i`, `c`) over a float rectangle, at least a pixel each way.
pub(super) fn region(i: usize, c: usize, (x0, y0, x1, y1): PixelRect) -> HitRegion {
    HitRegion {
        point: Point {
            series: i,
            category: c,
        },
        x0: px(x0),
        y0: px(y0),
        x1: px(x1).max(px(x0) + 1),
        y1: px(y1).max(px(y0) + 1),
    }
}

/// A zero-length bar still gets a region `min` thick along the value axis, at the axis.
pub(super) fn thick_enough((x0, y0, x1, y1): PixelRect, horizontal: bool, min: f64) -> PixelRect {
    if horizontal {
        (x0, y0, x1.max(x0 + min), y1)
    } else {
        (x0, y0.min(y1 - min), x1, y1)
    }
}

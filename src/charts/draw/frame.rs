//! The plot rectangle and how values and categories map onto its pixels, for every mark,
//! label and axis drawn in it.

use super::painter::PixelRect;

/// The plot rectangle and how values and categories map onto it.
pub(super) struct Frame {
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) right: f64,
    pub(super) bottom: f64,
    /// Categories down the side, values along the bottom.
    pub(super) horizontal: bool,
    /// The number of categories, each given an equal band.
    pub(super) categories: usize,
    /// The value at the far end of the value axis.
    pub(super) value_top: f64,
    /// Room at the start of each band for its label (labels above bars), else 0.
    pub(super) label_space: f64,
}

impl Frame {
    /// The length of one category's band along the category axis.
    pub(super) fn band(&self) -> f64 {
        let len = if self.horizontal {
            self.bottom - self.top
        } else {
            self.right - self.left
        };
        len / self.categories.max(1) as f64
    }

    /// The part of a band that holds the bars.
    pub(super) fn bar_band(&self) -> f64 {
        self.band() - self.label_space
    }

    /// Where category `c`'s band starts along the category axis.
    pub(super) fn band_start(&self, c: usize) -> f64 {
        let start = if self.horizontal { self.top } else { self.left };
        start + c as f64 * self.band()
    }

    /// Pixel position along the category axis of category `c` plus `frac` of its bar band.
    pub(super) fn cat(&self, c: usize, frac: f64) -> f64 {
        self.band_start(c) + self.label_space + frac * self.bar_band()
    }

    /// Pixel position along the value axis of value `v`.
    pub(super) fn val(&self, v: f64) -> f64 {
        let t = (v / self.value_top).clamp(0.0, 1.0);
        if self.horizontal {
            self.left + t * (self.right - self.left)
        } else {
            self.bottom - t * (self.bottom - self.top)
        }
    }

    /// The pixel rectangle spanning `c0..c1` across the category axis and `v0..v1` in values.
    pub(super) fn rect(&self, c0: f64, c1: f64, v0: f64, v1: f64) -> PixelRect {
        let (a, b) = (self.val(v0), self.val(v1));
        if self.horizontal {
            (a.min(b), c0, a.max(b), c1)
        } else {
            (c0, a.min(b), c1, a.max(b))
        }
    }

    /// The pixel point at category position `c` and value `v`.
    pub(super) fn point(&self, c: f64, v: f64) -> (f64, f64) {
        if self.horizontal {
            (self.val(v), c)
        } else {
            (c, self.val(v))
        }
    }
}

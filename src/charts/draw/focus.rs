//! The keyboard focus indicator (WCAG 2.4.7): a black ring just outside the focused value's
//! region, which that value's label moves clear of.

use plotters::prelude::*;

use super::painter::{DrawResult, Painter};
use crate::charts::hit::HitRegion;
use crate::charts::palette::INK;

/// How far the focus ring reaches outside its region (2 px gap, 3 px ring), at scale 1.
pub(super) const FOCUS_RING: f64 = 5.0;

/// A 3-pixel black ring just outside a region.
pub(super) fn focus_ring<DB: DrawingBackend>(p: &Painter<DB>, r: &HitRegion) -> DrawResult<(), DB> {
    let s = p.s;
    let gap = 2.0 * s;
    let t = 3.0 * s;
    let (x0, y0) = (f64::from(r.x0) - gap, f64::from(r.y0) - gap);
    let (x1, y1) = (f64::from(r.x1) + gap, f64::from(r.y1) + gap);
    p.rect(x0 - t, y0 - t, x1 + t, y0, INK)?;
    p.rect(x0 - t, y1, x1 + t, y1 + t, INK)?;
    p.rect(x0 - t, y0, x0, y1, INK)?;
    p.rect(x1, y0, x1 + t, y1, INK)
}

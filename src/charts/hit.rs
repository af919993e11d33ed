//! Where the pointer is: the pixel regions a drawing reports for each value it drew, and
//! which value lies under a pointer ([`point_at`]). Pure, so hover is tested natively.

use super::spec::Point;

/// Where a drawn value lies, in the backend's pixels: a bar's rectangle, or a square around a
/// line point or marker. `x1`, `y1` are exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HitRegion {
    /// The value drawn there.
    pub point: Point,
    /// Left edge.
    pub x0: i32,
    /// Top edge.
    pub y0: i32,
    /// Right edge (exclusive).
    pub x1: i32,
    /// Bottom edge (exclusive).
    pub y1: i32,
}

impl HitRegion {
    /// Whether pixel (`x`, `y`) lies inside.
    pub(super) fn contains(&self, x: i32, y: i32) -> bool {
        x >= self.x0 && x < self.x1 && y >= self.y0 && y < self.y1
    }

    fn area(&self) -> i64 {
        i64::from(self.x1 - self.x0) * i64::from(self.y1 - self.y0)
    }

    /// Squared distance from a pixel to the nearest pixel of the region (0 inside).
    fn distance_sq(&self, x: i32, y: i32) -> i64 {
        let dx = i64::from((self.x0 - x).max(x - (self.x1 - 1)).max(0));
        let dy = i64::from((self.y0 - y).max(y - (self.y1 - 1)).max(0));
        dx * dx + dy * dy
    }
}

/// How far (in backend pixels) from a region a pointer still picks it, so thin bars and small
/// line points are easy to hover.
pub const HOVER_TOLERANCE: i32 = 8;

/// The value under a pointer at backend pixel (`x`, `y`): the smallest region containing it
/// (markers sit on top of bars and are smaller), else the nearest within [`HOVER_TOLERANCE`].
pub fn point_at(regions: &[HitRegion], x: i32, y: i32) -> Option<Point> {
    let inside = regions
        .iter()
        .filter(|r| r.contains(x, y))
        .min_by_key(|r| r.area());
    if let Some(r) = inside {
        return Some(r.point);
    }
    let limit = i64::from(HOVER_TOLERANCE) * i64::from(HOVER_TOLERANCE);
    regions
        .iter()
        .map(|r| (r.distance_sq(x, y), r))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, r)| r.point)
}

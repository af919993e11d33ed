//! A bar's fill: its series colour with the series' pattern (hatching, stripes, dots) in
//! white, clipped to the bar, so no series is told apart by colour alone.

use plotters::prelude::*;

use super::painter::{DrawResult, Painter, PixelRect};
use crate::charts::palette::{Pattern, PAPER};

/// Keeps the part of a convex polygon where `f(point) >= 0` (one Sutherland-Hodgman step).
fn clip(poly: &[(f64, f64)], f: impl Fn((f64, f64)) -> f64) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for i in 0..poly.len() {
        let a = poly[i];
        let b = poly[(i + 1) % poly.len()];
        let (fa, fb) = (f(a), f(b));
        if fa >= 0.0 {
            out.push(a);
        }
        if (fa >= 0.0) != (fb >= 0.0) {
            let t = fa / (fa - fb);
            out.push((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
        }
    }
    out
}

/// A bar in its series colour with the series' pattern in white, clipped to the bar.
pub(super) fn fill_bar<DB: DrawingBackend>(
    p: &Painter<DB>,
    (x0, y0, x1, y1): PixelRect,
    colour: RGBColor,
    pattern: Pattern,
) -> DrawResult<(), DB> {
    p.rect(x0, y0, x1, y1, colour)?;
    let s = p.s;
    let spacing = 6.0 * s;
    let half = 0.8 * s;
    let bar = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)];
    // Stripes of x + y = const (rising) or x - y = const (falling), phased on absolute
    // coordinates so neighbouring bars' stripes line up.
    let diagonal = |sign: f64| -> DrawResult<(), DB> {
        let diag = spacing * std::f64::consts::SQRT_2;
        let w = half * std::f64::consts::SQRT_2;
        let corners = bar.iter().map(|&(x, y)| x + sign * y);
        let (lo, hi) = corners.fold((f64::MAX, f64::MIN), |(l, h), u| (l.min(u), h.max(u)));
        let mut u = (lo / diag).floor() * diag;
        while u <= hi + w {
            let band = clip(&clip(&bar, |(x, y)| x + sign * y - (u - w)), |(x, y)| {
                (u + w) - (x + sign * y)
            });
            p.polygon(&band, PAPER)?;
            u += diag;
        }
        Ok(())
    };
    match pattern {
        Pattern::Solid => {}
        Pattern::Hatch => diagonal(1.0)?,
        Pattern::BackHatch => diagonal(-1.0)?,
        Pattern::CrossHatch => {
            diagonal(1.0)?;
            diagonal(-1.0)?;
        }
        Pattern::Stripes => {
            let mut y = (y0 / spacing).ceil() * spacing;
            while y < y1 {
                p.rect(x0, y, x1, (y + 2.0 * half).min(y1), PAPER)?;
                y += spacing;
            }
        }
        Pattern::Dots => {
            let r = 1.3 * s;
            let mut y = (y0 / spacing).floor() * spacing + spacing / 2.0;
            while y + r <= y1 {
                let mut x = (x0 / spacing).floor() * spacing + spacing / 2.0;
                while x + r <= x1 {
                    if y - r >= y0 && x - r >= x0 {
                        p.circle(x, y, r, PAPER)?;
                    }
                    x += spacing;
                }
                y += spacing;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_the_inside_of_a_half_plane() {
        let square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        // Keep x <= 4: a 4 by 10 rectangle.
        let kept = clip(&square, |(x, _)| 4.0 - x);
        let area: f64 = (0..kept.len())
            .map(|i| {
                let (a, b) = (kept[i], kept[(i + 1) % kept.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum::<f64>()
            / 2.0;
        assert!((area.abs() - 40.0).abs() < 1e-9);
    }
}

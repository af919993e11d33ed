//! Line charts: one line per series, dashed by series (no backend draws dashes, so the line
//! is cut into pieces here), broken where a value is missing, with a shape at each value.

use plotters::prelude::*;

use super::markers::draw_shape;
use super::painter::DrawResult;
use super::plot::{region, Plot};
use crate::charts::hit::HitRegion;
use crate::charts::palette::{line_dash, line_shape, series_colour, Dash};

impl<DB: DrawingBackend> Plot<'_, DB> {
    /// A dashed or solid line per series with a shape at each value.
    pub(super) fn lines(&self, regions: &mut Vec<HitRegion>) -> DrawResult<(), DB> {
        let (p, s, frame, shown) = (self.p, self.s, self.frame, self.shown);
        let n = self.spec.categories.len();
        let value = |i, c| self.value(i, c);
        for &i in shown {
            let colour = series_colour(i);
            let points: Vec<Option<(f64, f64)>> = (0..n)
                .map(|c| value(i, c).map(|v| frame.point(frame.cat(c, 0.5), v.max(0.0))))
                .collect();
            // A missing value breaks the line rather than bridging the gap.
            for run in points.split(Option::is_none) {
                let run: Vec<(f64, f64)> = run.iter().flatten().copied().collect();
                if run.len() > 1 {
                    for piece in dashed(&run, line_dash(i), s) {
                        p.path(&piece, colour, 2.5 * s)?;
                    }
                }
            }
            let r = 4.5 * s;
            let half = (r + 2.0 * s).max(6.0 * s);
            for (c, pt) in points.iter().enumerate() {
                if let Some((x, y)) = *pt {
                    draw_shape(p, line_shape(i), (x, y), r, colour, 1.5 * s)?;
                    regions.push(region(i, c, (x - half, y - half, x + half, y + half)));
                }
            }
        }
        Ok(())
    }
}

/// A polyline cut into dashes, each dash its own path (no backend draws dashes).
pub(super) fn dashed(points: &[(f64, f64)], dash: Dash, s: f64) -> Vec<Vec<(f64, f64)>> {
    let lengths: Vec<f64> = dash.lengths().iter().map(|l| l * s).collect();
    if lengths.is_empty() {
        return vec![points.to_vec()];
    }
    let mut pieces = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let (mut idx, mut left, mut on) = (0usize, lengths[0], true);
    if let Some(&first) = points.first() {
        current.push(first);
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let seg = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut done = 0.0;
        while seg - done > left {
            done += left;
            let t = done / seg;
            let q = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            if on {
                current.push(q);
                pieces.push(std::mem::take(&mut current));
            } else {
                current = vec![q];
            }
            on = !on;
            idx = (idx + 1) % lengths.len();
            left = lengths[idx];
        }
        left -= seg - done;
        if on {
            current.push(b);
        }
    }
    if on && current.len() > 1 {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_cover_the_on_lengths_of_the_pattern() {
        // A 30 px line with 4 on, 4 off at scale 1: on 0-4, 8-12, 16-20, 24-28.
        let pieces = dashed(&[(0.0, 0.0), (30.0, 0.0)], Dash::Short, 1.0);
        let spans: Vec<(f64, f64)> = pieces.iter().map(|p| (p[0].0, p[p.len() - 1].0)).collect();
        assert_eq!(spans, [(0.0, 4.0), (8.0, 12.0), (16.0, 20.0), (24.0, 28.0)]);
        assert_eq!(
            dashed(&[(0.0, 0.0), (30.0, 0.0)], Dash::Solid, 1.0).len(),
            1
        );
    }
}

//! The value axis: how far it reaches (from 0 to a round number at or above the largest value
//! drawn) and where its gridlines go.

use crate::charts::spec::{ChartKind, ChartSpec, Point, ValueKind};

/// The value axis: from 0 to `top`, with gridlines at `ticks`.
pub(super) struct ValueScale {
    pub(super) top: f64,
    pub(super) ticks: Vec<f64>,
}

/// The largest value the shown series and markers reach in any category (a stack's total for
/// stacked bars); 0 when nothing is drawn. Negative values count as zero.
pub(super) fn largest_value(spec: &ChartSpec, shown: &[usize], shown_markers: &[usize]) -> f64 {
    let value = |i: usize, c: usize| {
        spec.value(Point {
            series: i,
            category: c,
        })
    };
    let mut max: f64 = 0.0;
    for c in 0..spec.categories.len() {
        let data = shown
            .iter()
            .filter_map(|&i| value(i, c))
            .map(|v| v.max(0.0));
        if spec.kind == ChartKind::StackedBars {
            max = max.max(data.sum());
        } else {
            max = data.fold(max, f64::max);
        }
        max = shown_markers
            .iter()
            .filter_map(|&i| value(i, c))
            .fold(max, f64::max);
    }
    max
}

/// A scale from 0 to a round number at or above `max`, with about five steps of 1, 2 or 5
/// times a power of ten (at least 1: no fractional counts or percentages); percentages stop
/// at 100 when the data does.
pub(super) fn nice_scale(max: f64, kind: ValueKind) -> ValueScale {
    if max.is_nan() || max <= 0.0 {
        return ValueScale {
            top: 1.0,
            ticks: vec![0.0],
        };
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    let mut top = (max / step).ceil() * step;
    if kind == ValueKind::Percent && max <= 100.0 && top > 100.0 {
        top = 100.0;
    }
    let count = (top / step).round() as usize;
    let mut ticks: Vec<f64> = (0..=count).map(|i| i as f64 * step).collect();
    ticks.retain(|&t| t <= top + 1e-9);
    ValueScale { top, ticks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scale_rounds_up_to_one_two_or_five_steps() {
        let s = nice_scale(43.0, ValueKind::Count);
        // 43 / 5 = 8.6, so steps of 10 up to 50.
        assert_eq!(s.top, 50.0);
        assert_eq!(s.ticks, [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        // Small counts never get fractional steps.
        assert_eq!(
            nice_scale(3.0, ValueKind::Count).ticks,
            [0.0, 1.0, 2.0, 3.0]
        );
        // 97% / 5 = 19.4, so steps of 20 up to 100, not 120.
        assert_eq!(nice_scale(97.0, ValueKind::Percent).top, 100.0);
    }
}

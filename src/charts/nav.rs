//! Keyboard movement between a chart's values, so everything the pointer can reach the
//! keyboard can too (WCAG 2.1.1): exactly the points that have hit regions, i.e. values
//! that are available in series that are shown.

use super::spec::{is_hidden, ChartKind, ChartSpec, Orientation, Point};

/// A navigation key, mapped from the page's `KeyboardEvent.key`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Previous category in the same series.
    Left,
    /// Next category in the same series.
    Right,
    /// Previous shown series (the one above in the legend) at the same category; in vertical
    /// stacked bars, the segment above (the next series).
    Up,
    /// Next shown series (the one below in the legend) at the same category; in vertical
    /// stacked bars, the segment below (the previous series).
    Down,
    /// First category of the series.
    Home,
    /// Last category of the series.
    End,
}

fn reachable(spec: &ChartSpec, hidden: &[bool], p: Point) -> bool {
    !is_hidden(hidden, p.series) && spec.value(p).is_some()
}

/// The first reachable point, series by series in legend order, categories left to right.
fn first(spec: &ChartSpec, hidden: &[bool]) -> Option<Point> {
    (0..spec.series_count())
        .flat_map(|series| {
            (0..spec.categories.len()).map(move |category| Point { series, category })
        })
        .find(|&p| reachable(spec, hidden, p))
}

/// The last reachable point.
fn last(spec: &ChartSpec, hidden: &[bool]) -> Option<Point> {
    (0..spec.series_count())
        .rev()
        .flat_map(|series| {
            (0..spec.categories.len())
                .rev()
                .map(move |category| Point { series, category })
        })
        .find(|&p| reachable(spec, hidden, p))
}

/// Where focus goes from `current` on `key`.
///
/// Left/Right move along the series, skipping missing values; Up/Down move to the nearest
/// shown series with a value in the same category, skipping hidden series; Home/End go to the
/// series' first/last value. At an edge focus stays put. With no current point (or one that
/// has become unreachable, e.g. its series was hidden) Home and every arrow start at the first
/// point and End at the last. `None` only when nothing is reachable.
pub fn next_point(
    spec: &ChartSpec,
    hidden: &[bool],
    current: Option<Point>,
    key: Key,
) -> Option<Point> {
    let Some(cur) = current.filter(|&p| reachable(spec, hidden, p)) else {
        return match key {
            Key::End => last(spec, hidden),
            _ => first(spec, hidden),
        };
    };
    let at = |category| Point {
        series: cur.series,
        category,
    };
    let in_series = |p: Point| reachable(spec, hidden, p);
    let n = spec.categories.len();
    // Vertical stacks put series 0 at the bottom, so the arrows follow the picture there.
    let key = match (spec.kind, spec.orientation, key) {
        (ChartKind::StackedBars, Orientation::Vertical, Key::Up) => Key::Down,
        (ChartKind::StackedBars, Orientation::Vertical, Key::Down) => Key::Up,
        (_, _, key) => key,
    };
    let found = match key {
        Key::Left => (0..cur.category).rev().map(at).find(|&p| in_series(p)),
        Key::Right => (cur.category + 1..n).map(at).find(|&p| in_series(p)),
        Key::Home => (0..n).map(at).find(|&p| in_series(p)),
        Key::End => (0..n).rev().map(at).find(|&p| in_series(p)),
        Key::Up => (0..cur.series)
            .rev()
            .map(|series| Point {
                series,
                category: cur.category,
            })
            .find(|&p| reachable(spec, hidden, p)),
        Key::Down => (cur.series + 1..spec.series_count())
            .map(|series| Point {
                series,
                category: cur.category,
            })
            .find(|&p| reachable(spec, hidden, p)),
    };
    Some(found.unwrap_or(cur))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{Series, ValueKind};

    /// Three series over four categories, a marker series, and a gap at (series 0, category 2).
    fn spec() -> ChartSpec {
        let series = |name: &str, values: Vec<Option<f64>>| Series {
            name: name.into(),
            values,
        };
        ChartSpec {
            id: "nav".into(),
            title: "Nav".into(),
            kind: ChartKind::Bars,
            orientation: Orientation::Vertical,
            value_kind: ValueKind::Count,
            categories: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            series: vec![
                series("s0", vec![Some(1.0), Some(2.0), None, Some(4.0)]),
                series("s1", vec![Some(1.0), Some(2.0), Some(3.0), Some(4.0)]),
                series("s2", vec![Some(1.0), Some(2.0), Some(3.0), Some(4.0)]),
            ],
            markers: vec![series("England", vec![Some(1.0); 4])],
            value_axis_label: String::new(),
            category_axis_label: String::new(),
        }
    }

    fn p(series: usize, category: usize) -> Option<Point> {
        Some(Point { series, category })
    }

    #[test]
    fn arrows_move_along_a_series_and_skip_missing_values() {
        let s = spec();
        assert_eq!(next_point(&s, &[], p(0, 1), Key::Right), p(0, 3));
        assert_eq!(next_point(&s, &[], p(0, 3), Key::Left), p(0, 1));
        assert_eq!(next_point(&s, &[], p(0, 3), Key::Right), p(0, 3));
        assert_eq!(next_point(&s, &[], p(1, 2), Key::Home), p(1, 0));
        assert_eq!(next_point(&s, &[], p(1, 0), Key::End), p(1, 3));
    }

    #[test]
    fn up_and_down_skip_hidden_series_and_reach_markers() {
        let s = spec();
        let hidden = [false, true, false, false];
        assert_eq!(next_point(&s, &hidden, p(0, 1), Key::Down), p(2, 1));
        assert_eq!(next_point(&s, &hidden, p(2, 1), Key::Up), p(0, 1));
        assert_eq!(next_point(&s, &hidden, p(2, 1), Key::Down), p(3, 1));
        // Series 0 has no value at category 2, so Up from series 2 stays.
        assert_eq!(next_point(&s, &hidden, p(2, 2), Key::Up), p(2, 2));
    }

    #[test]
    fn in_vertical_stacks_up_goes_to_the_segment_above() {
        let s = ChartSpec {
            kind: ChartKind::StackedBars,
            ..spec()
        };
        // Series 1 is stacked on series 0, so Up from 0 goes to 1 and Down comes back.
        assert_eq!(next_point(&s, &[], p(0, 1), Key::Up), p(1, 1));
        assert_eq!(next_point(&s, &[], p(1, 1), Key::Down), p(0, 1));
        let across = ChartSpec {
            orientation: Orientation::Horizontal,
            ..s
        };
        assert_eq!(next_point(&across, &[], p(0, 1), Key::Down), p(1, 1));
    }

    #[test]
    fn without_focus_keys_start_at_either_end() {
        let s = spec();
        let hidden = [true, false, false, false];
        assert_eq!(next_point(&s, &hidden, None, Key::Right), p(1, 0));
        assert_eq!(next_point(&s, &hidden, None, Key::End), p(3, 3));
        // Focus on a series that has just been hidden restarts too.
        assert_eq!(next_point(&s, &hidden, p(0, 1), Key::Right), p(1, 0));
    }

    #[test]
    fn nothing_reachable_gives_none() {
        let s = spec();
        assert_eq!(next_point(&s, &[true; 4], None, Key::Home), None);
    }
}

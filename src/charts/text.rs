//! The words of a chart: number formats, text width estimates for layout, and the text
//! alternatives (description, point labels) that carry everything the picture does.

use super::spec::{is_hidden, ChartKind, ChartSpec, Point, Series, ValueKind};

/// The font stack: Arial where installed, its metric twins elsewhere (the page loads no
/// fonts), so the widths below hold wherever a chart is drawn.
pub(crate) const FONT: &str = "Arial, Helvetica, \"Liberation Sans\", sans-serif";

/// Arial's advance widths in thousandths of an em for ASCII 32..=126 (Helvetica's metrics,
/// which Arial and Liberation Sans share), for laying out text before it is drawn.
const ARIAL_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// The same for Arial Bold (Helvetica Bold's metrics).
const ARIAL_BOLD_WIDTHS: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0..?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P.._
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // `..o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p..~
];

/// The width in pixels of `text` in Arial (or Arial Bold) at `px` pixels. Characters outside
/// ASCII count as a digit's width.
pub(crate) fn text_width(text: &str, px: f64, bold: bool) -> f64 {
    let table = if bold {
        &ARIAL_BOLD_WIDTHS
    } else {
        &ARIAL_WIDTHS
    };
    let units: u32 = text
        .chars()
        .map(|c| {
            let i = (c as u32).wrapping_sub(32) as usize;
            u32::from(table.get(i).copied().unwrap_or(556))
        })
        .sum();
    f64::from(units) / 1000.0 * px
}

/// Splits `text` into lines no wider than `max` pixels at `px`, breaking at spaces; a single
/// word wider than `max` stays whole on its own line.
pub(crate) fn wrap(text: &str, px: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(&candidate, px, bold) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `1234567` as `1,234,567` (also the report's counts: `present::thousands`).
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `-1234` as `-1,234`.
fn thousands(n: i64) -> String {
    let out = group_thousands(n.unsigned_abs());
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A number with up to `decimals` places, trailing zeros dropped, thousands separated.
fn number(v: f64, decimals: i32) -> String {
    let factor = 10f64.powi(decimals);
    let rounded = (v * factor).round() / factor;
    let whole = rounded.trunc();
    let frac = (rounded - whole).abs();
    // Counts in a report are far below i64's range; `as` saturates if not.
    let mut s = thousands(whole as i64);
    if rounded < 0.0 && whole == 0.0 {
        s = format!("-{s}");
    }
    if frac > 0.0 {
        let f = format!("{:.*}", decimals as usize, frac);
        let f = f.trim_start_matches('0').trim_end_matches('0');
        s.push_str(f);
    }
    s
}

/// A value as shown on a bar or axis: whole counts (`1,234`) or whole percentages (`45%`).
pub(crate) fn short_value(v: f64, kind: ValueKind) -> String {
    match kind {
        ValueKind::Count => number(v, 0),
        ValueKind::Percent => format!("{}%", number(v, 0)),
    }
}

/// A value as read out exactly: counts to two places if not whole, percentages to one.
pub(crate) fn exact_value(v: f64, kind: ValueKind) -> String {
    match kind {
        ValueKind::Count => number(v, 2),
        ValueKind::Percent => format!("{}%", number(v, 1)),
    }
}

/// A share as a whole percentage, saying "less than 1%" rather than a misleading 0%.
fn share(part: f64, whole: f64) -> String {
    let pct = part / whole * 100.0;
    if pct > 0.0 && pct < 0.5 {
        "less than 1%".to_string()
    } else {
        format!("{}%", number(pct, 0))
    }
}

fn value_of(series: &Series, category: usize) -> Option<f64> {
    series
        .values
        .get(category)
        .copied()
        .flatten()
        .filter(|v| v.is_finite())
}

/// The tooltip and screen-reader text for one value, in plain English:
/// `"On time, May 2024: 34 (85% of 40, the May 2024 total)"`.
///
/// The share in brackets is given for counts only: in stacked bars it is the share of the
/// category's total over all series; in other bar charts the share of the series' total over
/// all categories. Line charts here plot stocks over time (children looked after at each
/// month end), whose sum is no total, so they and percentage charts give the value alone.
/// Markers are labelled as reference values. A missing value reads "not available".
pub fn point_label(spec: &ChartSpec, p: Point) -> String {
    let Some(series) = spec.series_at(p.series) else {
        return String::new();
    };
    let category = spec
        .categories
        .get(p.category)
        .map(String::as_str)
        .unwrap_or("");
    let name = if spec.is_marker(p.series) {
        format!("{} (reference)", series.name)
    } else {
        series.name.clone()
    };
    if series.is_placeholder() {
        return format!(
            "{category}: part of the bar hidden in publication mode (counts of fewer than 5, \
             and counts hidden so that they cannot be worked out)"
        );
    }
    let Some(v) = value_of(series, p.category) else {
        return format!("{name}, {category}: not available");
    };
    let value = exact_value(v, spec.value_kind);
    if spec.value_kind == ValueKind::Percent || spec.is_marker(p.series) {
        return format!("{name}, {category}: {value}");
    }
    match spec.kind {
        ChartKind::StackedBars => {
            // With a part hidden in publication mode, the bar's total is the true total
            // and the share is left out: it would be of the shown parts only.
            let total: f64 = spec
                .series
                .iter()
                .filter_map(|s| value_of(s, p.category))
                .sum();
            if spec
                .series
                .iter()
                .any(|s| s.is_placeholder() && value_of(s, p.category).is_some_and(|v| v > 0.0))
            {
                return format!("{name}, {category}: {value}");
            }
            if total > 0.0 {
                format!(
                    "{name}, {category}: {value} ({} of {}, the {category} total)",
                    share(v, total),
                    exact_value(total, spec.value_kind)
                )
            } else {
                format!("{name}, {category}: {value}")
            }
        }
        ChartKind::Bars => {
            let total: f64 = (0..spec.categories.len())
                .filter_map(|c| value_of(series, c))
                .sum();
            if total > 0.0 {
                format!(
                    "{name}, {category}: {value} ({} of {}, the {} total)",
                    share(v, total),
                    exact_value(total, spec.value_kind),
                    series.name
                )
            } else {
                format!("{name}, {category}: {value}")
            }
        }
        ChartKind::Lines => format!("{name}, {category}: {value}"),
    }
}

/// "a", "a and b", "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The text alternative of the chart for a screen-reader user: what kind of chart, what is
/// plotted over which categories, and for each shown series its highest and lowest values
/// (first category wins a tie), its total for counts, and how many values are not available.
/// Hidden series are named as hidden and otherwise left out, matching the picture.
pub fn describe(spec: &ChartSpec, hidden: &[bool]) -> String {
    let kind = match (spec.kind, spec.series.len() > 1) {
        (ChartKind::Bars, true) => "Grouped bar chart",
        (ChartKind::Bars, false) => "Bar chart",
        (ChartKind::StackedBars, _) => "Stacked bar chart",
        (ChartKind::Lines, _) => "Line chart",
    };
    let mut out = format!("{kind}: {}.", spec.title);
    let n = spec.categories.len();
    let span = match (spec.categories.first(), spec.categories.last()) {
        (Some(first), Some(last)) if n > 1 => format!(", from {first} to {last}"),
        (Some(first), _) => format!(", {first}"),
        _ => String::new(),
    };
    let what = if spec.value_axis_label.is_empty() {
        "Values".to_string()
    } else {
        spec.value_axis_label.clone()
    };
    let by = if spec.category_axis_label.is_empty() {
        String::new()
    } else {
        format!(" by {}", spec.category_axis_label.to_lowercase())
    };
    let categories = if n == 1 { "category" } else { "categories" };
    out.push_str(&format!(" {what}{by}, {n} {categories}{span}."));

    let mut shown = Vec::new();
    let mut hidden_names = Vec::new();
    let mut missing = 0usize;
    let mut details = Vec::new();
    for i in 0..spec.series_count() {
        let Some(series) = spec.series_at(i) else {
            continue;
        };
        if is_hidden(hidden, i) {
            hidden_names.push(series.name.clone());
            continue;
        }
        let marker = spec.is_marker(i);
        if series.is_placeholder() {
            let bars = (0..n).filter(|&c| value_of(series, c).is_some()).count();
            shown.push(series.name.clone());
            details.push(format!(
                "{}: part of {bars} {} (counts of fewer than 5, and counts hidden so that they \
                 cannot be worked out); each bar still shows its true total.",
                series.name,
                if bars == 1 { "bar" } else { "bars" }
            ));
            continue;
        }
        shown.push(if marker {
            format!("{} (reference markers)", series.name)
        } else {
            series.name.clone()
        });
        let values: Vec<(usize, f64)> = (0..n)
            .filter_map(|c| value_of(series, c).map(|v| (c, v)))
            .collect();
        missing += n - values.len();
        let Some(&(hi_c, hi)) = values
            .iter()
            .fold(None::<&(usize, f64)>, |best, x| match best {
                Some(b) if b.1 >= x.1 => Some(b),
                _ => Some(x),
            })
        else {
            details.push(format!("{}: no values available.", series.name));
            continue;
        };
        let &(lo_c, lo) = values
            .iter()
            .fold(None::<&(usize, f64)>, |best, x| match best {
                Some(b) if b.1 <= x.1 => Some(b),
                _ => Some(x),
            })
            .unwrap_or(&(hi_c, hi));
        let fmt = |v| exact_value(v, spec.value_kind);
        let mut d = format!(
            "{}: highest {} ({}), lowest {} ({})",
            series.name,
            fmt(hi),
            spec.categories[hi_c],
            fmt(lo),
            spec.categories[lo_c]
        );
        if spec.value_kind == ValueKind::Count && !marker && spec.kind != ChartKind::Lines {
            let total: f64 = values.iter().map(|(_, v)| v).sum();
            if values.len() == n {
                d.push_str(&format!(", total {}", fmt(total)));
            } else {
                // Some values are not shown: their sum is no total.
                d.push_str(&format!(", total of the values shown {}", fmt(total)));
            }
        }
        d.push('.');
        details.push(d);
    }
    if shown.is_empty() {
        out.push_str(" No series shown.");
    } else {
        out.push_str(&format!(" Series: {}.", list(&shown)));
    }
    for d in details {
        out.push(' ');
        out.push_str(&d);
    }
    match missing {
        0 => {}
        1 => out.push_str(" 1 value is not available."),
        m => out.push_str(&format!(" {m} values are not available.")),
    }
    if !hidden_names.is_empty() {
        out.push_str(&format!(" Hidden: {}.", list(&hidden_names)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Orientation;

    fn spec(kind: ChartKind, value_kind: ValueKind) -> ChartSpec {
        ChartSpec {
            id: "reviews-by-month".into(),
            title: "Reviews by month".into(),
            kind,
            orientation: Orientation::Vertical,
            value_kind,
            categories: vec!["April 2024".into(), "May 2024".into(), "June 2024".into()],
            series: vec![
                Series {
                    name: "On time".into(),
                    values: vec![Some(30.0), Some(34.0), Some(36.0)],
                },
                Series {
                    name: "Late".into(),
                    values: vec![Some(5.0), Some(6.0), None],
                },
            ],
            markers: vec![],
            value_axis_label: "Number of reviews".into(),
            category_axis_label: "Month".into(),
        }
    }

    #[test]
    fn stacked_share_is_of_the_category_total() {
        // May 2024: 34 on time + 6 late = 40 held; 34 of 40 = 0.85 = 85%.
        let s = spec(ChartKind::StackedBars, ValueKind::Count);
        assert_eq!(
            point_label(
                &s,
                Point {
                    series: 0,
                    category: 1
                }
            ),
            "On time, May 2024: 34 (85% of 40, the May 2024 total)"
        );
    }

    #[test]
    fn grouped_bar_share_is_of_the_series_total() {
        // Late: 5 + 6 = 11 (June not available); 6 of 11 = 54.5%, shown whole as 55%.
        let s = spec(ChartKind::Bars, ValueKind::Count);
        assert_eq!(
            point_label(
                &s,
                Point {
                    series: 1,
                    category: 1
                }
            ),
            "Late, May 2024: 6 (55% of 11, the Late total)"
        );
    }

    #[test]
    fn missing_value_and_percent_and_line_labels() {
        let s = spec(ChartKind::Bars, ValueKind::Count);
        assert_eq!(
            point_label(
                &s,
                Point {
                    series: 1,
                    category: 2
                }
            ),
            "Late, June 2024: not available"
        );
        let mut p = spec(ChartKind::Bars, ValueKind::Percent);
        p.series[0].values[0] = Some(85.25);
        assert_eq!(
            point_label(
                &p,
                Point {
                    series: 0,
                    category: 0
                }
            ),
            "On time, April 2024: 85.3%"
        );
        let l = spec(ChartKind::Lines, ValueKind::Count);
        assert_eq!(
            point_label(
                &l,
                Point {
                    series: 0,
                    category: 2
                }
            ),
            "On time, June 2024: 36"
        );
    }

    #[test]
    fn tiny_shares_say_less_than_one_percent() {
        assert_eq!(share(1.0, 1000.0), "less than 1%");
        assert_eq!(share(0.0, 1000.0), "0%");
        assert_eq!(share(5.0, 1000.0), "1%");
    }

    #[test]
    fn numbers_are_formatted_for_reading() {
        assert_eq!(short_value(1234567.0, ValueKind::Count), "1,234,567");
        assert_eq!(short_value(999.0, ValueKind::Count), "999");
        assert_eq!(short_value(45.4, ValueKind::Percent), "45%");
        assert_eq!(exact_value(45.44, ValueKind::Percent), "45.4%");
        assert_eq!(exact_value(2.5, ValueKind::Count), "2.5");
        assert_eq!(exact_value(-1234.0, ValueKind::Count), "-1,234");
    }

    #[test]
    fn describe_names_range_extremes_totals_and_gaps() {
        let s = spec(ChartKind::Bars, ValueKind::Count);
        assert_eq!(
            describe(&s, &[]),
            "Grouped bar chart: Reviews by month. Number of reviews by month, 3 categories, \
             from April 2024 to June 2024. Series: On time and Late. On time: highest 36 \
             (June 2024), lowest 30 (April 2024), total 100. Late: highest 6 (May 2024), \
             lowest 5 (April 2024), total of the values shown 11. 1 value is not available."
        );
    }

    #[test]
    fn describe_leaves_hidden_series_out_but_names_them() {
        let s = spec(ChartKind::Lines, ValueKind::Count);
        assert_eq!(
            describe(&s, &[false, true]),
            "Line chart: Reviews by month. Number of reviews by month, 3 categories, from \
             April 2024 to June 2024. Series: On time. On time: highest 36 (June 2024), \
             lowest 30 (April 2024). Hidden: Late."
        );
    }

    #[test]
    fn text_width_uses_arial_advances() {
        // "Ab" = 667 + 556 = 1223 thousandths of an em; at 10 px that is 12.23 px.
        assert!((text_width("Ab", 10.0, false) - 12.23).abs() < 1e-9);
        // Bold: 722 + 611 = 1333, so 13.33 px.
        assert!((text_width("Ab", 10.0, true) - 13.33).abs() < 1e-9);
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        // "Mixed or" is 8 chars ~ 40 px at 10 px; "Multiple" alone fits in 45.
        let lines = wrap("Mixed or Multiple ethnic groups", 10.0, false, 45.0);
        assert_eq!(lines, ["Mixed or", "Multiple", "ethnic", "groups"]);
    }
}

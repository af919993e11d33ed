//! A table's chart: the [`crate::charts::ChartSpec`] drawn from the same rows and cells the
//! table shows, so the chart and its "show as table" view always agree: suppressed cells are
//! not drawn, and in a stacked chart they are drawn together as one marked placeholder, so
//! that each bar reaches its true total.

use super::{ChartKind, Table, Value};
use crate::charts::{self, ChartSpec, Orientation, Series, ValueKind};

/// The chart of a table, when the table has a [`super::ChartPlan`].
pub fn chart_spec(t: &Table) -> Option<ChartSpec> {
    let plan = t.chart.as_ref()?;
    let (kind, orientation) = match plan.kind {
        ChartKind::HorizontalBars => (charts::ChartKind::Bars, Orientation::Horizontal),
        ChartKind::StackedColumns { .. } => (charts::ChartKind::StackedBars, Orientation::Vertical),
        ChartKind::Line => (charts::ChartKind::Lines, Orientation::Vertical),
    };
    let column = |&i: &usize| Series {
        name: t.columns.get(i + 1).cloned().unwrap_or_default(),
        values: t
            .rows
            .iter()
            .map(|r| r.cells.get(i).and_then(Value::number))
            .collect(),
    };
    let mut series: Vec<Series> = plan.series.iter().map(column).collect();
    // Publication mode: a stack with hidden parts gets a marked placeholder for them, so that
    // every bar reaches the true total its table shows.
    if let ChartKind::StackedColumns { total } = plan.kind {
        let hidden: Vec<Option<f64>> = t
            .rows
            .iter()
            .map(|r| {
                let parts = plan.series.iter().filter_map(|&i| r.cells.get(i));
                let any_hidden = parts
                    .clone()
                    .any(|v| matches!(v, Value::Suppressed | Value::Hidden));
                let shown: f64 = parts.filter_map(Value::number).sum();
                let total = r.cells.get(total).and_then(Value::number)?;
                (any_hidden && total > shown).then_some(total - shown)
            })
            .collect();
        if hidden.iter().any(Option::is_some) {
            series.push(Series {
                name: charts::HIDDEN_SERIES.to_string(),
                values: hidden,
            });
        }
    }
    let markers = plan.markers.iter().map(column).collect();
    Some(ChartSpec {
        id: t.id.clone(),
        title: t.caption.clone(),
        kind,
        orientation,
        value_kind: if plan.percent {
            ValueKind::Percent
        } else {
            ValueKind::Count
        },
        categories: t.rows.iter().map(|r| r.label.clone()).collect(),
        series,
        markers,
        value_axis_label: plan.value_label.clone(),
        // Horizontal bars' labels speak for themselves; a rotated axis title beside them would
        // not fit a short chart.
        category_axis_label: match plan.kind {
            ChartKind::HorizontalBars => String::new(),
            _ => t.columns.first().cloned().unwrap_or_default(),
        },
    })
}

//! Bar charts: bars side by side in each category (grouped when several series are shown),
//! each labelled at its end, "n/a" where a value is not available.

use plotters::prelude::*;

use super::hatching::fill_bar;
use super::labels::{end_label, BarEnd, Label};
use super::painter::DrawResult;
use super::plot::{region, thick_enough, Plot};
use crate::charts::hit::HitRegion;
use crate::charts::palette::{bar_pattern, series_colour, INK, SECONDARY_INK};
use crate::charts::spec::Point;
use crate::charts::text::short_value;

impl<DB: DrawingBackend> Plot<'_, DB> {
    /// Bars side by side in each category, labelled at their ends.
    pub(super) fn bars(
        &self,
        regions: &mut Vec<HitRegion>,
        labels: &mut Vec<Label>,
    ) -> DrawResult<(), DB> {
        let (p, s, frame, spec, shown) = (self.p, self.s, self.frame, self.spec, self.shown);
        let horizontal = frame.horizontal;
        let band = frame.bar_band();
        let marker_boxes = self.marker_boxes();
        let value = |i, c| self.value(i, c);
        // Value labels go on every bar or on none: a few labelled bars among unlabelled
        // ones would look like the others had no value.
        let mut value_labels = Some(Vec::new());
        let k = shown.len().max(1) as f64;
        // Under a label, the bar band is only the bar: fill more of it.
        let fill = if frame.label_space > 0.0 { 0.9 } else { 0.6 };
        let group = band * if shown.len() <= 1 { fill } else { 0.8 };
        let bar = group / k;
        let gap = (2.0 * s).min(bar * 0.15);
        for (j, &i) in shown.iter().enumerate() {
            for (c, markers) in marker_boxes.iter().enumerate() {
                let c0 = frame.cat(c, 0.0) + (band - group) / 2.0 + j as f64 * bar + gap / 2.0;
                let c1 = c0 + bar - gap;
                let mid = (c0 + c1) / 2.0;
                // Labels of neighbouring bars are a bar apart in a group, a band apart
                // otherwise.
                let room = if shown.len() > 1 { bar } else { frame.band() };
                let Some(v) = value(i, c) else {
                    let text = "n/a".to_string();
                    let at = BarEnd {
                        mid,
                        end: frame.val(0.0),
                        length: 0.0,
                        // At the axis the neighbours' labels are far above, so "n/a"
                        // may use the padding a value label keeps from them.
                        room: room + 4.0 * s,
                    };
                    labels.extend(end_label(text, SECONDARY_INK, frame, at, markers, s));
                    continue;
                };
                let v = v.max(0.0);
                let r = frame.rect(c0, c1, 0.0, v);
                fill_bar(p, r, series_colour(i), bar_pattern(i))?;
                regions.push(region(i, c, thick_enough(r, horizontal, 3.0 * s)));
                let at = BarEnd {
                    mid,
                    end: frame.val(v),
                    length: (frame.val(v) - frame.val(0.0)).abs(),
                    room,
                };
                let text = short_value(v, spec.value_kind);
                let point = Some(Point {
                    series: i,
                    category: c,
                });
                let label =
                    end_label(text, INK, frame, at, markers, s).map(|l| Label { point, ..l });
                value_labels = value_labels.zip(label).map(|(mut all, l)| {
                    all.push(l);
                    all
                });
            }
        }
        labels.extend(value_labels.into_iter().flatten());
        Ok(())
    }
}

//! Stacked bars: the shown series of a category stacked into one bar, each segment labelled
//! inside when its value fits, the category's total beyond the end.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::hatching::fill_bar;
use super::labels::{end_label, BarEnd, Label};
use super::painter::{DrawResult, LINE_HEIGHT, VALUE_PX};
use super::plot::{region, thick_enough, Plot};
use crate::charts::hit::HitRegion;
use crate::charts::palette::{bar_pattern, series_colour, INK, PAPER};
use crate::charts::text::{short_value, text_width};

impl<DB: DrawingBackend> Plot<'_, DB> {
    /// One stack per category, segments labelled inside when they fit, totals at the ends.
    pub(super) fn stacked(
        &self,
        regions: &mut Vec<HitRegion>,
        labels: &mut Vec<Label>,
    ) -> DrawResult<(), DB> {
        let (p, s, frame, spec, shown) = (self.p, self.s, self.frame, self.spec, self.shown);
        let (horizontal, hair) = (frame.horizontal, p.hair());
        let value_h = VALUE_PX * s * LINE_HEIGHT;
        let marker_boxes = self.marker_boxes();
        let value = |i, c| self.value(i, c);
        let mut totals = Some(Vec::new());
        let margin = if frame.label_space > 0.0 { 0.05 } else { 0.2 };
        let room = frame.band();
        for (c, markers) in marker_boxes.iter().enumerate() {
            let (c0, c1) = (frame.cat(c, margin), frame.cat(c, 1.0 - margin));
            let mut cum = 0.0;
            for &i in shown {
                let Some(v) = value(i, c) else { continue };
                let v = v.max(0.0);
                let r = frame.rect(c0, c1, cum, cum + v);
                fill_bar(p, r, series_colour(i), bar_pattern(i))?;
                regions.push(region(i, c, thick_enough(r, horizontal, 3.0 * s)));
                let text = short_value(v, spec.value_kind);
                let tw = text_width(&text, VALUE_PX * s, false);
                let (len, across) = if horizontal {
                    (r.2 - r.0, r.3 - r.1)
                } else {
                    (r.3 - r.1, r.2 - r.0)
                };
                let fits = if horizontal {
                    len >= tw + 8.0 * s && across >= value_h
                } else {
                    len >= value_h + 2.0 * s && across >= tw + 6.0 * s
                };
                let placeholder = spec.series.get(i).is_some_and(|s| s.is_placeholder());
                if fits && v > 0.0 && !placeholder {
                    labels.push(Label {
                        text,
                        x: (r.0 + r.2) / 2.0,
                        y: (r.1 + r.3) / 2.0,
                        anchor: (HPos::Center, VPos::Center),
                        colour: INK,
                        chip: true,
                        point: None,
                    });
                }
                cum += v;
                // A white rule between segments keeps neighbours apart where patterns
                // and colours meet.
                if cum > 0.0 {
                    let at = frame.val(cum);
                    if horizontal {
                        p.rect(at - hair / 2.0, c0, at + hair / 2.0, c1, PAPER)?;
                    } else {
                        p.rect(c0, at - hair / 2.0, c1, at + hair / 2.0, PAPER)?;
                    }
                }
            }
            if shown.iter().any(|&i| value(i, c).is_some()) {
                // The total goes outside: length 0 keeps it off the top segment's label.
                let at = BarEnd {
                    mid: (c0 + c1) / 2.0,
                    end: frame.val(cum),
                    length: 0.0,
                    room,
                };
                let text = short_value(cum, spec.value_kind);
                let label = end_label(text, INK, frame, at, markers, s);
                totals = totals.zip(label).map(|(mut all, l)| {
                    all.push(l);
                    all
                });
            }
        }
        labels.extend(totals.into_iter().flatten());
        Ok(())
    }
}

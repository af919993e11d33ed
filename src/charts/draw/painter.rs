//! The pen: float CSS-pixel geometry (times the device scale) onto a plotters drawing area,
//! rounded to the backend's whole pixels, and the sizes every part of a chart draws text at.

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};

use crate::charts::spec::FontSizing;
use crate::charts::text::FONT;

/// What drawing on backend `DB` gives: a value, or the backend's error.
pub(super) type DrawResult<T, DB> =
    Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A pixel rectangle: left, top, right, bottom.
pub(super) type PixelRect = (f64, f64, f64, f64);

/// Text sizes in CSS pixels.
pub(super) const TITLE_PX: f64 = 18.0;
pub(super) const LEGEND_PX: f64 = 14.0;
pub(super) const AXIS_TITLE_PX: f64 = 14.0;
pub(super) const TICK_PX: f64 = 13.0;
pub(super) const VALUE_PX: f64 = 13.0;
/// The message in place of an empty plot.
pub(super) const MESSAGE_PX: f64 = 16.0;
pub(super) const LINE_HEIGHT: f64 = 1.25;

/// Thin wrapper over a drawing area that takes float CSS-pixel geometry.
pub(super) struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    /// Device pixels per CSS pixel.
    pub(super) s: f64,
    /// plotters text size per pixel of the backend's text (see [`FontSizing`]).
    font_k: f64,
}

/// A backend pixel coordinate.
pub(super) fn px(v: f64) -> i32 {
    // Chart coordinates are a few thousand pixels at most; `as` saturates otherwise.
    v.round() as i32
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    /// A painter at device `scale` (a scale that is not a positive number draws at 1).
    pub(super) fn new(area: &'a DrawingArea<DB, Shift>, scale: f64, sizing: FontSizing) -> Self {
        let s = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        let font_k = match sizing {
            FontSizing::Canvas => 1.0,
            FontSizing::PlottersSvg => 1.24,
        };
        Painter { area, s, font_k }
    }
}

impl<DB: DrawingBackend> Painter<'_, DB> {
    /// One device pixel or more: the width of a rule.
    pub(super) fn hair(&self) -> f64 {
        self.s.round().max(1.0)
    }

    pub(super) fn rect(
        &self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        c: RGBColor,
    ) -> DrawResult<(), DB> {
        let (a, b, c2, d) = (px(x0), px(y0), px(x1), px(y1));
        if c2 <= a || d <= b {
            return Ok(());
        }
        self.area
            .draw(&Rectangle::new([(a, b), (c2, d)], c.filled()))
    }

    pub(super) fn polygon(&self, points: &[(f64, f64)], c: RGBColor) -> DrawResult<(), DB> {
        if points.len() < 3 {
            return Ok(());
        }
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area.draw(&Polygon::new(points, c.filled()))
    }

    pub(super) fn circle(&self, cx: f64, cy: f64, r: f64, c: RGBColor) -> DrawResult<(), DB> {
        self.area
            .draw(&Circle::new((px(cx), px(cy)), px(r).max(1), c.filled()))
    }

    pub(super) fn path(
        &self,
        points: &[(f64, f64)],
        c: RGBColor,
        width: f64,
    ) -> DrawResult<(), DB> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        let width = u32::try_from(px(width).max(1)).unwrap_or(1);
        self.area
            .draw(&PathElement::new(points, c.stroke_width(width)))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &self,
        text: &str,
        x: f64,
        y: f64,
        size: f64,
        bold: bool,
        anchor: (HPos, VPos),
        colour: RGBColor,
        rotated: bool,
    ) -> DrawResult<(), DB> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let font = FontDesc::new(FontFamily::Name(FONT), size * self.font_k, style);
        let mut ts = TextStyle::from(font)
            .color(&colour)
            .pos(Pos::new(anchor.0, anchor.1));
        if rotated {
            ts = ts.transform(FontTransform::Rotate270);
        }
        self.area.draw_text(text, &ts, (px(x), px(y)))
    }
}

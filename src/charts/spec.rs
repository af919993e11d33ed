//! What a chart shows and how it is to be drawn: the [`ChartSpec`] built from a table (by
//! `present::chart_spec`) and the [`ChartStyle`] of one drawing of it. Plain values with
//! no drawing code, so every other part of `charts` reads them and none is read by them.

use serde::{Deserialize, Serialize};

/// How the values are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChartKind {
    /// One bar per series and category; several series give grouped bars.
    Bars,
    /// The series of a category stacked into one bar.
    StackedBars,
    /// One line per series across the categories (e.g. month ends).
    Lines,
}

/// Which way the bars run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Orientation {
    /// Categories along the bottom, values up the side.
    Vertical,
    /// Categories down the side: for long labels (ethnic groups, placement types).
    Horizontal,
}

/// What the numbers are, for formatting axes and labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueKind {
    /// Counts, written `1,234`.
    Count,
    /// Percentages given as 0 to 100 (not 0 to 1), written `45%`.
    Percent,
}

/// One named row of values, one per category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// The name in the legend, table and labels.
    pub name: String,
    /// One value per category, in the order of [`ChartSpec::categories`]; `None` means not
    /// available or suppressed: nothing is drawn and labels say "not available". A shorter
    /// list is read as `None` for the missing categories, and so is a NaN or infinity.
    /// Counts and percentages are never negative; a negative value is drawn as zero.
    pub values: Vec<Option<f64>>,
}

/// The name of the series that stands for the parts of stacked bars hidden in publication
/// mode: drawn as a marked segment (so each bar reaches its true total) but never labelled
/// with its value, in the picture or in words.
pub const HIDDEN_SERIES: &str = "Hidden in publication mode";

impl Series {
    /// Whether this is the [`HIDDEN_SERIES`] placeholder.
    pub fn is_placeholder(&self) -> bool {
        self.name == HIDDEN_SERIES
    }
}

/// Everything a chart shows, independent of where it is drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    /// A slug for file names, e.g. `reviews-by-month`.
    pub id: String,
    /// The chart's title (also the first words of [`describe`](super::describe)).
    pub title: String,
    /// Bars, stacked bars or lines.
    pub kind: ChartKind,
    /// Which way the bars run (lines are always drawn vertically).
    pub orientation: Orientation,
    /// Counts or percentages.
    pub value_kind: ValueKind,
    /// The category labels, in drawing order.
    pub categories: Vec<String>,
    /// The data series.
    pub series: Vec<Series>,
    /// Reference values (e.g. England's percentages) drawn as a black marker per category,
    /// never as bars or lines and never stacked.
    pub markers: Vec<Series>,
    /// The value axis title, e.g. "Number of reviews".
    pub value_axis_label: String,
    /// The category axis title, e.g. "Month".
    pub category_axis_label: String,
}

impl ChartSpec {
    /// The number of series a [`Point`] can refer to: the data series, then the markers.
    pub fn series_count(&self) -> usize {
        self.series.len() + self.markers.len()
    }

    /// The series or marker series at `index` (data series first, then markers).
    pub fn series_at(&self, index: usize) -> Option<&Series> {
        if index < self.series.len() {
            self.series.get(index)
        } else {
            self.markers.get(index - self.series.len())
        }
    }

    /// Whether `index` refers to a marker series.
    pub fn is_marker(&self, index: usize) -> bool {
        index >= self.series.len() && index < self.series_count()
    }

    /// The value at a point; `None` when not available or out of range.
    pub fn value(&self, p: Point) -> Option<f64> {
        self.series_at(p.series)
            .and_then(|s| s.values.get(p.category).copied().flatten())
            .filter(|v| v.is_finite())
    }
}

/// How plotters turns a text size into pixels on the backend drawn to.
///
/// plotters-canvas draws text at the size given, while plotters' SVG backend writes
/// `font-size = size / 1.24`; charts set the size so text is the same pixel size on both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FontSizing {
    /// A canvas (plotters-canvas) or any backend drawing text at the size given.
    #[default]
    Canvas,
    /// plotters' `SVGBackend` ([`to_svg`](super::to_svg) sets this itself).
    PlottersSvg,
}

/// How to draw a spec: device scale, what is hidden or focused, and what is drawn around the
/// plot.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixel ratio: every font size, stroke and padding is multiplied by it, so a canvas
    /// sized at CSS width times `devicePixelRatio` is crisp and looks like the CSS size.
    pub scale: f64,
    /// Per series index (data series, then markers): `true` hides it. Missing entries are
    /// shown. Hidden series are not drawn, do not count toward the axis range, take no space
    /// in a group of bars and have no hit regions.
    pub hidden: Vec<bool>,
    /// The point with keyboard focus, drawn with a thick black outline.
    pub focus: Option<Point>,
    /// Draw the title above the plot (the page shows it as an HTML heading instead).
    pub draw_title: bool,
    /// Draw a legend above the plot (the page's legend is HTML; exports need this).
    pub draw_legend: bool,
    /// How the backend sizes text; [`to_svg`](super::to_svg) sets it for SVG.
    pub font_sizing: FontSizing,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            hidden: Vec::new(),
            focus: None,
            draw_title: true,
            draw_legend: true,
            font_sizing: FontSizing::Canvas,
        }
    }
}

impl ChartStyle {
    /// Whether the series at `index` is hidden.
    pub fn is_hidden(&self, index: usize) -> bool {
        is_hidden(&self.hidden, index)
    }
}

/// Whether series `index` is hidden in a [`ChartStyle::hidden`] list (missing entries are shown).
pub(super) fn is_hidden(hidden: &[bool], index: usize) -> bool {
    hidden.get(index).copied().unwrap_or(false)
}

/// One value of a chart: a series (data series first, then markers) and a category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Point {
    /// Index into [`ChartSpec::series`], continuing into [`ChartSpec::markers`].
    pub series: usize,
    /// Index into [`ChartSpec::categories`].
    pub category: usize,
}

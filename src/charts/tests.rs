//! Rendering tests: small specs drawn to SVG, checked by counting and measuring the elements
//! drawn, and hit regions checked against the rectangles they describe.

use plotters::prelude::*;

use super::*;

const DARK_BLUE: &str = "#12436D";
const TURQUOISE: &str = "#28A197";
const DARK_PINK: &str = "#801650";
const INK: &str = "#0B0C0C";

fn series(name: &str, values: &[Option<f64>]) -> Series {
    Series {
        name: name.into(),
        values: values.to_vec(),
    }
}

/// Reviews held (dark blue, solid) and late (turquoise, hatched) over three months; May's
/// late figure is suppressed.
fn grouped() -> ChartSpec {
    ChartSpec {
        id: "reviews".into(),
        title: "Reviews".into(),
        kind: ChartKind::Bars,
        orientation: Orientation::Vertical,
        value_kind: ValueKind::Count,
        categories: vec!["Apr".into(), "May".into(), "Jun".into()],
        series: vec![
            series("Held", &[Some(100.0), Some(80.0), Some(90.0)]),
            series("Late", &[Some(6.0), None, Some(8.0)]),
        ],
        markers: vec![],
        value_axis_label: "Reviews".into(),
        category_axis_label: "Month".into(),
    }
}

/// No title or legend, so every element counted belongs to the plot.
fn bare() -> ChartStyle {
    ChartStyle {
        draw_title: false,
        draw_legend: false,
        ..ChartStyle::default()
    }
}

/// Draws into a 600 by 400 SVG string and returns it with the hit regions.
fn render(spec: &ChartSpec, style: &ChartStyle) -> (String, Vec<HitRegion>) {
    render_sized(spec, style, 600)
}

fn render_sized(spec: &ChartSpec, style: &ChartStyle, width: u32) -> (String, Vec<HitRegion>) {
    render_in(spec, style, (width, 400))
}

fn render_in(spec: &ChartSpec, style: &ChartStyle, size: (u32, u32)) -> (String, Vec<HitRegion>) {
    let mut svg = String::new();
    let regions;
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let style = ChartStyle {
            font_sizing: FontSizing::PlottersSvg,
            ..style.clone()
        };
        regions = draw(&root, spec, &style).expect("drawing to a string cannot fail");
        root.present().expect("present");
    }
    (svg, regions)
}

/// The attribute `name` of an SVG tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Every tag of element `element` (e.g. `rect`) whose fill is `fill`.
fn tags<'a>(svg: &'a str, element: &str, fill: &str) -> Vec<&'a str> {
    svg.lines()
        .filter(|l| l.starts_with(&format!("<{element} ")) && attr(l, "fill") == Some(fill))
        .collect()
}

/// A `<rect>` as (x0, y0, x1, y1).
fn rect_box(tag: &str) -> (i32, i32, i32, i32) {
    let n = |k| attr(tag, k).and_then(|v| v.parse::<i32>().ok()).expect(k);
    let (x, y) = (n("x"), n("y"));
    (x, y, x + n("width"), y + n("height"))
}

fn pt(series: usize, category: usize) -> Point {
    Point { series, category }
}

#[test]
fn grouped_bars_draw_one_rectangle_per_available_value() {
    let (svg, _) = render(&grouped(), &bare());
    assert_eq!(tags(&svg, "rect", DARK_BLUE).len(), 3);
    // May's late value is None: two bars, not three.
    assert_eq!(tags(&svg, "rect", TURQUOISE).len(), 2);
    // ...and its place says so.
    assert!(svg.contains("\nn/a\n"));
}

#[test]
fn hit_regions_are_the_drawn_bars_in_series_then_category_order() {
    let (svg, regions) = render(&grouped(), &bare());
    let points: Vec<Point> = regions.iter().map(|r| r.point).collect();
    assert_eq!(points, [pt(0, 0), pt(0, 1), pt(0, 2), pt(1, 0), pt(1, 2)]);
    let drawn: Vec<(i32, i32, i32, i32)> = tags(&svg, "rect", DARK_BLUE)
        .iter()
        .chain(&tags(&svg, "rect", TURQUOISE))
        .map(|t| rect_box(t))
        .collect();
    let boxes: Vec<(i32, i32, i32, i32)> =
        regions.iter().map(|r| (r.x0, r.y0, r.x1, r.y1)).collect();
    assert_eq!(boxes, drawn);
    // Bars stand on one baseline, and 100 reviews is 12.5 times as tall as 8.
    assert!(boxes.iter().all(|b| b.3 == boxes[0].3));
    let (h100, h8) = (boxes[0].3 - boxes[0].1, boxes[4].3 - boxes[4].1);
    assert!(
        (f64::from(h100) / f64::from(h8) - 12.5).abs() < 0.6,
        "{h100} / {h8}"
    );
}

#[test]
fn point_at_finds_the_bar_under_the_pointer_and_nothing_far_away() {
    let (_, regions) = render(&grouped(), &bare());
    let r = regions[3];
    let (cx, cy) = ((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    assert_eq!(point_at(&regions, cx, cy), Some(pt(1, 0)));
    // Just outside the top of the short bar still finds it...
    assert_eq!(point_at(&regions, cx, r.y0 - 5), Some(pt(1, 0)));
    // ...but the empty top-right corner of the chart finds nothing.
    assert_eq!(point_at(&regions, 599, 0), None);
}

#[test]
fn hidden_series_are_not_drawn_take_no_region_and_leave_the_axis() {
    let style = ChartStyle {
        hidden: vec![true, false],
        ..bare()
    };
    let (svg, regions) = render(&grouped(), &style);
    assert_eq!(tags(&svg, "rect", DARK_BLUE).len(), 0);
    assert_eq!(tags(&svg, "rect", TURQUOISE).len(), 2);
    assert!(regions.iter().all(|r| r.point.series == 1));
    // With Held shown the axis reaches 100; with only Late (8 at most) it stops at 8.
    let (full, _) = render(&grouped(), &bare());
    assert!(full.contains("\n100\n"));
    assert!(!svg.contains("\n100\n"));
    assert!(svg.contains("\n8\n"));
}

#[test]
fn regions_are_in_backend_pixels_when_drawn_in_a_sub_area() {
    let spec = grouped();
    let (_, whole) = render(&spec, &bare());
    let mut svg = String::new();
    let moved = {
        let root = SVGBackend::with_string(&mut svg, (600, 500)).into_drawing_area();
        let (_, lower) = root.split_vertically(100);
        draw(&lower, &spec, &bare()).expect("draw")
    };
    for (a, b) in whole.iter().zip(&moved) {
        assert_eq!(
            (a.x0, a.y0 + 100, a.x1, a.y1 + 100),
            (b.x0, b.y0, b.x1, b.y1)
        );
    }
}

#[test]
fn stacked_bars_draw_a_segment_per_available_value() {
    let spec = ChartSpec {
        kind: ChartKind::StackedBars,
        ..grouped()
    };
    let (svg, regions) = render(&spec, &bare());
    assert_eq!(tags(&svg, "rect", DARK_BLUE).len(), 3);
    assert_eq!(tags(&svg, "rect", TURQUOISE).len(), 2);
    assert_eq!(regions.len(), 5);
    // Apr: Late (6) sits directly on top of Held (100).
    let (held, late) = (regions[0], regions[3]);
    assert_eq!(late.y1, held.y0);
    assert_eq!((late.x0, late.x1), (held.x0, held.x1));
    // The category total is written above the stack: 100 + 6 = 106.
    assert!(svg.contains("\n106\n"));
}

#[test]
fn hatch_pattern_stays_inside_its_bar() {
    let (svg, regions) = render(&grouped(), &bare());
    let bars: Vec<&HitRegion> = regions.iter().filter(|r| r.point.series == 1).collect();
    let stripes = tags(&svg, "polygon", "#FFFFFF");
    assert!(!stripes.is_empty());
    for tag in stripes {
        let points: Vec<(i32, i32)> = attr(tag, "points")
            .expect("points")
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').expect("x,y");
                (x.parse().expect("x"), y.parse().expect("y"))
            })
            .collect();
        let inside = bars.iter().any(|b| {
            points
                .iter()
                .all(|&(x, y)| x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)
        });
        assert!(inside, "stripe {points:?} leaves every bar");
    }
}

#[test]
fn line_chart_breaks_at_missing_values_and_marks_each_point() {
    let spec = ChartSpec {
        kind: ChartKind::Lines,
        categories: vec!["a".into(), "b".into(), "c".into(), "d".into(), "e".into()],
        series: vec![series(
            "Looked after",
            &[Some(10.0), Some(12.0), None, Some(11.0), Some(13.0)],
        )],
        ..grouped()
    };
    let (svg, regions) = render(&spec, &bare());
    // Two runs, a-b and d-e, each one solid polyline of two points.
    let lines = tags(&svg, "polyline", "none");
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| attr(l, "stroke") == Some(DARK_BLUE)));
    // Four circles in the series colour (each over a white outline circle).
    assert_eq!(tags(&svg, "circle", DARK_BLUE).len(), 4);
    let cats: Vec<usize> = regions.iter().map(|r| r.point.category).collect();
    assert_eq!(cats, [0, 1, 3, 4]);
    // The point's square region contains the circle's centre.
    let circle = tags(&svg, "circle", DARK_BLUE)[2];
    let n = |k| {
        attr(circle, k)
            .and_then(|v| v.parse::<i32>().ok())
            .expect(k)
    };
    assert_eq!(point_at(&regions, n("cx"), n("cy")), Some(pt(0, 3)));
}

#[test]
fn markers_are_black_shapes_with_regions_after_the_series() {
    let spec = ChartSpec {
        orientation: Orientation::Horizontal,
        value_kind: ValueKind::Percent,
        series: vec![series("Council", &[Some(60.0), Some(20.0), Some(20.0)])],
        markers: vec![series("England", &[Some(70.0), None, Some(15.0)])],
        ..grouped()
    };
    let (svg, regions) = render(&spec, &bare());
    // One black diamond per available England value (two), none for the None.
    assert_eq!(tags(&svg, "polygon", INK).len(), 2);
    let points: Vec<Point> = regions.iter().map(|r| r.point).collect();
    assert_eq!(points, [pt(0, 0), pt(0, 1), pt(0, 2), pt(1, 0), pt(1, 2)]);
    // Horizontal bars: the 60% bar is three times as long as the 20% ones.
    let len = |r: &HitRegion| f64::from(r.x1 - r.x0);
    assert!((len(&regions[0]) / len(&regions[1]) - 3.0).abs() < 0.05);
    // The marker sits on the same row as its bar, over the bar-length for 70%.
    let (bar, marker) = (regions[0], regions[3]);
    // (centres compared doubled, to the pixel: each edge is rounded separately)
    assert!((bar.y0 + bar.y1 - marker.y0 - marker.y1).abs() <= 1);
    let marker_x = f64::from(marker.x0 + marker.x1) / 2.0;
    let seventy = f64::from(bar.x0) + len(&bar) * 70.0 / 60.0;
    assert!((marker_x - seventy).abs() <= 1.0, "{marker_x} vs {seventy}");
    // England's 15% lies over the Council's 20% bar: the smaller marker region wins.
    let m = regions[4];
    let (mx, my) = ((m.x0 + m.x1) / 2, (m.y0 + m.y1) / 2);
    assert!(regions[2].contains(mx, my));
    assert_eq!(point_at(&regions, mx, my), Some(pt(1, 2)));
}

#[test]
fn focus_draws_a_black_ring_around_the_focused_bar() {
    let focus = Some(pt(0, 1));
    let (plain, _) = render(&grouped(), &bare());
    let (focused, regions) = render(&grouped(), &ChartStyle { focus, ..bare() });
    let ring: Vec<&str> = tags(&focused, "rect", INK)
        .into_iter()
        .filter(|t| !tags(&plain, "rect", INK).contains(t))
        .collect();
    assert_eq!(ring.len(), 4);
    // The ring encloses the focused bar and is 3 px thick.
    let bar = regions[1];
    let top = rect_box(ring[0]);
    assert_eq!(top.3 - top.1, 3);
    assert!(top.0 < bar.x0 && top.2 > bar.x1 && top.3 <= bar.y0);
}

#[test]
fn scale_multiplies_text_and_strokes() {
    let (one, _) = render(&grouped(), &bare());
    let (two, _) = render(
        &grouped(),
        &ChartStyle {
            scale: 2.0,
            focus: Some(pt(0, 0)),
            ..bare()
        },
    );
    // Axis titles: 14 px at scale 1, 28 px at scale 2 (plotters' SVG divides by 1.24, which
    // `to_svg`'s font sizing undoes exactly for these sizes).
    assert!(one.contains("font-size=\"14\""));
    assert!(two.contains("font-size=\"28\""));
    assert!(!two.contains("font-size=\"14\""));
    // The focus ring is 3 px per scale unit.
    let ring = rect_box(tags(&two, "rect", INK).last().expect("ring"));
    assert_eq!(ring.2 - ring.0, 6);
}

#[test]
fn empty_data_draws_an_axis_and_a_message() {
    for values in [[None, None, None], [Some(0.0), Some(0.0), Some(0.0)]] {
        let spec = ChartSpec {
            series: vec![series("Held", &values)],
            ..grouped()
        };
        let (svg, regions) = render(&spec, &bare());
        assert!(svg.contains("\nNo data for this chart\n"), "{values:?}");
        assert!(regions.is_empty());
        assert_eq!(tags(&svg, "rect", DARK_BLUE).len(), 0);
        // The baseline is drawn.
        assert_eq!(tags(&svg, "rect", INK).len(), 1);
    }
    let none = ChartSpec {
        categories: vec![],
        series: vec![],
        ..grouped()
    };
    assert!(render(&none, &bare()).0.contains("No data for this chart"));
    let (hidden, _) = render(
        &grouped(),
        &ChartStyle {
            hidden: vec![true, true],
            ..bare()
        },
    );
    assert!(hidden.contains("\nAll series are hidden\n"));
}

#[test]
fn legend_and_title_appear_only_when_asked() {
    let spec = grouped();
    let (with, _) = render(&spec, &ChartStyle::default());
    let (without, _) = render(&spec, &bare());
    // Legend swatches add one dark blue and one turquoise square.
    assert_eq!(tags(&with, "rect", DARK_BLUE).len(), 4);
    assert_eq!(tags(&with, "rect", TURQUOISE).len(), 3);
    assert!(with.contains("\nHeld\n") && !without.contains("\nHeld\n"));
    // A hidden series leaves the legend too.
    let (hidden, _) = render(
        &spec,
        &ChartStyle {
            hidden: vec![false, true],
            ..ChartStyle::default()
        },
    );
    assert!(!hidden.contains("\nLate\n"));
}

#[test]
fn to_svg_is_a_complete_document_of_the_size_asked() {
    let svg = to_svg(&grouped(), &ChartStyle::default(), 640, 360);
    // The chart drawn, not a file saying it could not be.
    let drawn = try_to_svg(&grouped(), &ChartStyle::default(), 640, 360);
    assert_eq!(Some(&svg), drawn.as_ref().ok());
    assert!(svg.starts_with("<svg width=\"640\" height=\"360\""));
    // Its text alternative travels with the file.
    assert!(svg.contains("<title id=\"reviews-title\">Reviews</title>"));
    assert!(svg.contains("<desc id=\"reviews-desc\">Grouped bar chart: Reviews."));
    assert!(svg.contains(" role=\"img\" aria-labelledby=\"reviews-title reviews-desc\">"));
    assert!(svg.trim_end().ends_with("</svg>"));
    // Text is escaped.
    let spec = ChartSpec {
        title: "Black & Black British <all>".into(),
        ..grouped()
    };
    assert!(to_svg(&spec, &ChartStyle::default(), 640, 360)
        .contains("Black &amp; Black British &lt;all&gt;"));
}

#[test]
fn a_third_series_is_dotted_and_ignores_missing_categories() {
    let mut spec = grouped();
    // A short values list: the third category reads as not available.
    spec.series
        .push(series("Cancelled", &[Some(3.0), Some(2.0)]));
    let (svg, regions) = render(&spec, &bare());
    assert_eq!(tags(&svg, "rect", DARK_PINK).len(), 2);
    assert!(!tags(&svg, "circle", "#FFFFFF").is_empty());
    assert_eq!(regions.iter().filter(|r| r.point.series == 2).count(), 2);
}

#[test]
fn tiny_areas_draw_their_title_and_legend_and_no_plot_without_an_error() {
    for kind in [ChartKind::Bars, ChartKind::StackedBars, ChartKind::Lines] {
        let spec = ChartSpec { kind, ..grouped() };
        // From nothing at all to 120 by 80, which the title and legend fill before a plot
        // (at least 20 px each way inside its axes) could fit.
        for (w, h) in [(0, 0), (1, 1), (30, 20), (120, 80)] {
            let svg = try_to_svg(&spec, &ChartStyle::default(), w, h)
                .unwrap_or_else(|e| panic!("{kind:?} at {w} by {h}: {e}"));
            assert!(svg.starts_with(&format!("<svg width=\"{w}\" height=\"{h}\"")));
            // The white background, the title and the legend's last entry: drawing went on
            // to the end and did not stop after its first element.
            let background = format!("<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\"");
            assert!(svg.contains(&background), "{kind:?} at {w} by {h}");
            assert!(svg.contains("\nReviews\n") && svg.contains("\nLate\n"));
            assert!(svg.trim_end().ends_with("</svg>"));
            let (_, regions) = render_in(&spec, &ChartStyle::default(), (w, h));
            assert!(regions.is_empty(), "{kind:?} at {w} by {h}: {regions:?}");
        }
    }
}

#[test]
fn a_chart_that_cannot_be_drawn_gives_a_file_that_says_so_and_describes_it() {
    use plotters::drawing::DrawingAreaErrorKind;

    let spec = grouped();
    let style = ChartStyle::default();
    let error = DrawingAreaErrorKind::LayoutError;
    let svg = svg::not_drawn(&spec, &style, (640, 360), &error);
    assert!(svg.starts_with("<svg width=\"640\" height=\"360\" viewBox=\"0 0 640 360\""));
    assert!(svg.contains(" role=\"img\" aria-labelledby=\"reviews-title reviews-desc\">"));
    assert!(svg.trim_end().ends_with("</svg>"));
    // No bar, so nothing can be read as the chart; the words say why and give the values.
    assert!(tags(&svg, "rect", DARK_BLUE).is_empty());
    let words: Vec<&str> = svg
        .lines()
        .filter(|l| l.starts_with("<text "))
        .filter_map(|l| {
            l.split_once('>')
                .and_then(|(_, rest)| rest.strip_suffix("</text>"))
        })
        .collect();
    assert_eq!(words[0], "This chart could not be drawn (Bad layout).");
    assert_eq!(words[1..].join(" "), describe(&spec, &style.hidden));
}

#[test]
fn value_labels_go_on_every_bar_or_on_none() {
    let mut spec = grouped();
    spec.series[0].values = vec![Some(1010.0), Some(800.0), Some(900.0)];
    // Wide: every bar is labelled, "1,010" and the late "6" alike.
    let (wide, _) = render_sized(&spec, &bare(), 600);
    assert!(wide.contains("\n1,010\n") && wide.contains("\n6\n"));
    // At 250 px the bars are about 22 px wide: "1,010" (about 33 px) does not fit, so the
    // "6" that would is left off too.
    let (narrow, regions) = render_sized(&spec, &bare(), 250);
    assert_eq!(regions.len(), 5);
    assert!(!narrow.contains("\n1,010\n") && !narrow.contains("\n6\n"));
}

#[test]
fn axis_titles_stay_on_the_canvas_when_wider_than_the_plot() {
    let spec = ChartSpec {
        category_axis_label: "Month in which the review was due to be held".into(),
        ..grouped()
    };
    let (svg, _) = render_sized(&spec, &bare(), 360);
    let title = svg
        .lines()
        .zip(svg.lines().skip(1))
        .find(|(_, next)| next.starts_with("Month in which"))
        .map(|(tag, _)| tag)
        .expect("title drawn");
    let x: f64 = attr(title, "x").and_then(|v| v.parse().ok()).expect("x");
    // Bold 14 px Arial: about 318 px wide, so its centre must lie within 12 + 159 and
    // 360 - 12 - 159 = 189 (the plot's own centre is further right, about 200).
    let half = crate::charts::text::text_width(&spec.category_axis_label, 14.0, true) / 2.0;
    assert!(
        x - half >= 12.0 - 0.5 && x + half <= 348.5,
        "x = {x}, half = {half}"
    );
}

#[test]
fn long_labels_on_a_narrow_canvas_go_whole_above_their_bars() {
    let spec = ChartSpec {
        orientation: Orientation::Horizontal,
        categories: vec![
            "Placed with parents or other person with parental responsibility".into(),
            "Other placement in the community".into(),
            "Residential schools".into(),
        ],
        series: vec![series("Children", &[Some(29.0), Some(7.0), Some(2.0)])],
        ..grouped()
    };
    let label_tag = |svg: &str, text: &str| -> (String, f64) {
        let lines: Vec<&str> = svg.lines().collect();
        let i = lines
            .iter()
            .position(|l| *l == text)
            .unwrap_or_else(|| panic!("{text:?} not drawn whole"));
        let tag = lines[i - 1].to_string();
        let y = attr(&tag, "y").and_then(|v| v.parse().ok()).expect("y");
        (tag, y)
    };
    // At 360 px the label column beside the bars would be 126 px wide and the first name
    // would need more than two lines there, so every name goes above its bar, left-aligned.
    let (svg, regions) = render_sized(&spec, &bare(), 360);
    let (tag, y) = label_tag(&svg, "Other placement in the community");
    assert_eq!(attr(&tag, "text-anchor"), Some("start"));
    assert!(y < f64::from(regions[1].y0) && y > f64::from(regions[0].y1));
    // Wide, the names sit beside the bars, right-aligned, centred on them.
    let (svg, regions) = render_sized(&spec, &bare(), 900);
    let (tag, y) = label_tag(&svg, "Residential schools");
    assert_eq!(attr(&tag, "text-anchor"), Some("end"));
    assert!((y - f64::from(regions[2].y0 + regions[2].y1) / 2.0).abs() <= 1.0);
}

#[test]
fn the_focused_bars_label_moves_clear_of_the_ring() {
    let y_of = |svg: &str, text: &str| -> i32 {
        let lines: Vec<&str> = svg.lines().collect();
        let i = lines.iter().position(|l| *l == text).expect("label drawn");
        attr(lines[i - 1], "y")
            .and_then(|v| v.parse().ok())
            .expect("y")
    };
    let (plain, _) = render(&grouped(), &bare());
    let focus = Some(pt(0, 2));
    let (focused, _) = render(&grouped(), &ChartStyle { focus, ..bare() });
    // June's 90 (no tick is 90) rises by the ring's 5 px; April's late 6 stays put.
    assert_eq!(y_of(&focused, "90"), y_of(&plain, "90") - 5);
    assert_eq!(y_of(&focused, "6"), y_of(&plain, "6"));
}

#[test]
fn line_chart_references_are_ticks_under_the_line_points() {
    let spec = ChartSpec {
        kind: ChartKind::Lines,
        value_kind: ValueKind::Percent,
        series: vec![series("Council", &[Some(88.0), Some(91.0), Some(85.0)])],
        markers: vec![series("England", &[Some(88.0), None, Some(89.0)])],
        ..grouped()
    };
    let (svg, regions) = render(&spec, &bare());
    // The baseline plus one black tick per available England value.
    let ink = tags(&svg, "rect", INK);
    assert_eq!(ink.len(), 1 + 2);
    // April's tick and point coincide (both 88%); the point is drawn after, so on top.
    let tick = svg.find(ink[0]).expect("tick");
    let first_point = svg.find(tags(&svg, "circle", DARK_BLUE)[0]).expect("point");
    assert!(first_point > tick);
    let points: Vec<Point> = regions.iter().map(|r| r.point).collect();
    assert_eq!(points, [pt(0, 0), pt(0, 1), pt(0, 2), pt(1, 0), pt(1, 2)]);
}

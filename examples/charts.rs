//! `cargo run --example charts`: writes sample charts as SVG into `target/charts/` to look at
//! (e.g. screenshot them with headless Chromium). Made-up figures; stops at a drawing error.

use std::fs;
use std::path::Path;

use careboard::charts::{
    self, ChartKind, ChartSpec, ChartStyle, Orientation, Point, Series, ValueKind,
};

const MONTHS: [&str; 12] = [
    "Apr 2024", "May 2024", "Jun 2024", "Jul 2024", "Aug 2024", "Sep 2024", "Oct 2024", "Nov 2024",
    "Dec 2024", "Jan 2025", "Feb 2025", "Mar 2025",
];

fn series(name: &str, values: &[Option<f64>]) -> Series {
    Series {
        name: name.into(),
        values: values.to_vec(),
    }
}

fn some(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().copied().map(Some).collect()
}

fn samples() -> Vec<(ChartSpec, ChartStyle)> {
    let months: Vec<String> = MONTHS.iter().map(|m| m.to_string()).collect();
    let reviews = ChartSpec {
        id: "reviews-by-month".into(),
        title: "Reviews held each month, on time and late".into(),
        kind: ChartKind::Bars,
        orientation: Orientation::Vertical,
        value_kind: ValueKind::Count,
        categories: months.clone(),
        series: vec![
            series(
                "Held",
                &some(&[40., 38., 45., 41., 30., 44., 47., 43., 36., 42., 39., 46.]),
            ),
            series(
                "On time",
                &some(&[34., 35., 40., 37., 25., 41., 44., 40., 31., 39., 37., 44.]),
            ),
            series(
                "Late",
                &[
                    Some(6.),
                    Some(3.),
                    Some(5.),
                    Some(4.),
                    Some(5.),
                    None,
                    Some(3.),
                    Some(3.),
                    Some(5.),
                    Some(3.),
                    Some(2.),
                    Some(2.),
                ],
            ),
        ],
        markers: vec![],
        value_axis_label: "Number of reviews".into(),
        category_axis_label: "Month".into(),
    };
    let ethnicity = ChartSpec {
        id: "ethnic-group".into(),
        title: "Children looked after at 31 March 2025 by ethnic group".into(),
        kind: ChartKind::Bars,
        orientation: Orientation::Horizontal,
        value_kind: ValueKind::Percent,
        categories: vec![
            "White".into(),
            "Mixed or Multiple ethnic groups".into(),
            "Asian or Asian British".into(),
            "Black, Black British, Caribbean or African".into(),
            "Other ethnic group".into(),
            "Refused or information not yet obtained".into(),
        ],
        series: vec![series(
            "This council",
            &[
                Some(68.0),
                Some(12.0),
                Some(7.0),
                Some(9.0),
                Some(3.0),
                None,
            ],
        )],
        markers: vec![series("England", &some(&[71.0, 11.0, 5.0, 7.0, 5.0, 1.0]))],
        value_axis_label: "Percentage of children looked after".into(),
        category_axis_label: "Ethnic group".into(),
    };
    let month_ends = ChartSpec {
        id: "cla-month-end".into(),
        title: "Children looked after at each month end".into(),
        kind: ChartKind::Lines,
        orientation: Orientation::Vertical,
        value_kind: ValueKind::Count,
        categories: months.clone(),
        series: vec![
            series(
                "All children",
                &some(&[
                    412., 415., 420., 418., 425., 431., 428., 433., 440., 437., 442., 447.,
                ]),
            ),
            series(
                "Placed with foster carers",
                &[
                    Some(290.),
                    Some(292.),
                    Some(295.),
                    None,
                    Some(297.),
                    Some(301.),
                    Some(300.),
                    Some(302.),
                    Some(305.),
                    Some(303.),
                    Some(306.),
                    Some(309.),
                ],
            ),
            series(
                "Unaccompanied asylum-seeking",
                &some(&[38., 39., 41., 44., 45., 47., 46., 49., 52., 51., 53., 55.]),
            ),
        ],
        markers: vec![],
        value_axis_label: "Children".into(),
        category_axis_label: "Month end".into(),
    };
    let placements = ChartSpec {
        id: "placements-by-age".into(),
        title: "Placement type by age band, 31 March 2025".into(),
        kind: ChartKind::StackedBars,
        orientation: Orientation::Vertical,
        value_kind: ValueKind::Count,
        categories: vec![
            "Under 1".into(),
            "1 to 4".into(),
            "5 to 9".into(),
            "10 to 15".into(),
            "16 and over".into(),
        ],
        series: vec![
            series("Foster care", &some(&[14., 38., 61., 120., 58.])),
            series("Placed for adoption", &some(&[6., 12., 3., 0., 0.])),
            series(
                "Children's homes",
                &[Some(0.), Some(0.), Some(4.), Some(31.), Some(22.)],
            ),
            series("Other", &[Some(2.), Some(3.), None, Some(9.), Some(35.)]),
        ],
        markers: vec![],
        value_axis_label: "Children".into(),
        category_axis_label: "Age band".into(),
    };
    let placement_types = ChartSpec {
        id: "placement-types".into(),
        title: "Placement at 31 March 2025".into(),
        kind: ChartKind::Bars,
        orientation: Orientation::Horizontal,
        value_kind: ValueKind::Count,
        categories: [
            "Foster placement with relative or friend",
            "Foster placement with other foster carer",
            "Placed for adoption",
            "Placed with parents or other person with parental responsibility",
            "Other placement in the community",
            "Secure units, children's homes and semi-independent living",
            "Supported accommodation",
            "Other residential settings",
            "Residential schools",
            "Missing or away from placement without authorisation",
            "Other placements",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect(),
        series: vec![series(
            "Children",
            &[
                Some(52.),
                Some(233.),
                Some(21.),
                Some(29.),
                Some(7.),
                Some(61.),
                Some(18.),
                Some(4.),
                Some(2.),
                None,
                Some(1.),
            ],
        )],
        markers: vec![],
        value_axis_label: "Children looked after".into(),
        category_axis_label: String::new(),
    };
    let export = ChartStyle::default();
    vec![
        (reviews.clone(), export.clone()),
        (ethnicity.clone(), export.clone()),
        (month_ends, export.clone()),
        (placements.clone(), export.clone()),
        // As the page draws them: no title or legend, device scale 2, a focused point and a
        // hidden series.
        (
            ChartSpec {
                id: "reviews-by-month-page-2x".into(),
                ..reviews
            },
            ChartStyle {
                scale: 2.0,
                hidden: vec![false, true, false],
                focus: Some(Point {
                    series: 2,
                    category: 3,
                }),
                draw_title: false,
                draw_legend: false,
                ..ChartStyle::default()
            },
        ),
        (
            ChartSpec {
                id: "placements-by-age-horizontal".into(),
                orientation: Orientation::Horizontal,
                ..placements
            },
            export.clone(),
        ),
        (placement_types, export.clone()),
        // Percentages over years against England, with a focused point on the line.
        (
            ChartSpec {
                id: "reviews-on-time-percent".into(),
                title: "Reviews held on time".into(),
                kind: ChartKind::Lines,
                orientation: Orientation::Vertical,
                value_kind: ValueKind::Percent,
                categories: ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
                series: vec![series("This council", &some(&[88., 91., 85., 89., 93.]))],
                markers: vec![series("England", &some(&[90., 90., 89., 91., 92.]))],
                value_axis_label: "Percentage of reviews on time".into(),
                category_axis_label: "Year".into(),
            },
            ChartStyle {
                focus: Some(Point {
                    series: 0,
                    category: 2,
                }),
                ..export.clone()
            },
        ),
        (
            ChartSpec {
                id: "empty".into(),
                series: vec![series("Held", &[None; 6])],
                markers: vec![],
                categories: ethnicity.categories.clone(),
                ..ethnicity
            },
            export,
        ),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new("target/charts");
    fs::create_dir_all(dir)?;
    for (spec, style) in samples() {
        // A desktop width and a phone width (360 CSS pixels), each at the style's scale.
        for (suffix, width, height) in [("", 900.0, 500.0), ("-narrow", 360.0, 480.0)] {
            let (w, h) = (width * style.scale, height * style.scale);
            // A drawing error stops the run: to_svg would write a file saying so instead.
            let svg = charts::try_to_svg(&spec, &style, w as u32, h as u32)?;
            let path = dir.join(format!("{}{suffix}.svg", spec.id));
            fs::write(&path, svg)?;
            println!("{}", path.display());
        }
        println!("  {}", charts::describe(&spec, &style.hidden));
    }
    Ok(())
}

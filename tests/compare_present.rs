//! The report as shown with a council chosen: DfE's figures beside the council's, the
//! five-year trends section, and targets met or not met (`careboard::present`), on fixtures
//! worked out by hand.

mod common;

use careboard::model::dates::parse_date;
use careboard::present::{
    chart_spec, report_json, sections, signed_change, signed_percent, year_label, Block, Figure,
    Presentation, Section, Table, Targets, Value,
};
use careboard::report::Report;
use careboard::settings::Settings;
use common::{dataset, report, section, shown_table as table, TREND_EPISODES, TREND_REVIEWS};

fn for_council(code: &str) -> Settings {
    Settings {
        la: Some(code.to_string()),
        ..Settings::default()
    }
}

fn publication() -> Presentation {
    Presentation {
        publication: true,
        ..Presentation::default()
    }
}

fn row<'a>(t: &'a Table, label: &str) -> &'a [Value] {
    &t.rows
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("row {label} in {}", t.id))
        .cells
}

fn figures(s: &Section) -> Vec<&Figure> {
    s.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figures(f) => Some(f.iter()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn figure<'a>(s: &'a Section, label: &str) -> &'a Figure {
    figures(s)
        .into_iter()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("figure {label}"))
}

fn paragraphs(s: &Section) -> Vec<&str> {
    s.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
        .collect()
}

fn pct(numerator: u64, denominator: u64) -> Value {
    Value::Percent {
        numerator,
        denominator,
        decimals: 0,
    }
}

fn text(t: &str) -> Value {
    Value::Text(t.to_string())
}

// Hampshire (850), year ending 31/03/2025. Open at 31/03/2025: A Winchester (Hampshire),
// B and G Southampton (852), C Cardiff (Wales), F Portsmouth (851), D no postcode, E a
// postcode that does not exist: 7 children, inside 1, outside 4, not known 2.
// A is a boy born 01/06/2012 (12 on 31/03/2025: 10 to 15), fostered by relatives (U1); B is a
// girl born 01/01/2020 (5: 5 to 9); the others have no header row (sex and age not known).
// C lives in a children's home (K2); the rest are fostered by other carers (U4).
// H came into care 01/05/2024 and was adopted (E11) on 01/02/2025: the only leaver.
const HEADER: &str = "
CHILD,SEX,DOB,ETHNIC
A,1,01/06/2012,WBRI
B,2,01/01/2020,WBRI
";
const EPISODES: &str = "
CHILD,DECOM,RNE,LS,PLACE,PL_POST,DEC,REC
A,01/06/2024,S,C2,U1,SO23 8UJ,,
B,01/06/2024,S,C2,U4,SO14 7DU,,
G,01/06/2024,S,C2,U4,SO15 2AA,,
C,01/06/2024,S,C2,K2,CF10 1AA,,
F,01/06/2024,S,C2,U4,PO1 2AB,,
D,01/06/2024,S,C2,U4,,,
E,01/06/2024,S,C2,U4,ZZ99 9ZZ,,
H,01/05/2024,S,C2,U4,,01/02/2025,E11
";

fn hampshire() -> Report {
    report(
        &dataset(HEADER, EPISODES, "", ""),
        2025,
        &for_council("850"),
    )
}

#[test]
fn breakdowns_carry_the_published_columns_with_the_year() {
    let r = hampshire();
    let b = r.benchmarks.as_ref().expect("benchmarks with a council");
    let all = sections(&r, Presentation::default());
    let in_care = section(&all, "in-care");
    let placement = table(in_care, "placement-type");
    assert_eq!(
        placement.columns,
        [
            "Placement",
            "Children",
            "% of children",
            "Hampshire (DfE 2025)",
            "Statistical neighbours 2025",
            "South East 2025",
            "England 2025"
        ]
    );
    // All foster care: A (U1) + B, G, F, D, E (U4) = 6 of 7 = 85.7% -> 86%.
    // cla_on_31_march_by_characteristics.csv line 17927: 2025,Local authority,...,850.0,
    // Hampshire,Placement,Foster placements,1215,70; line 29657: 2025,National,...,Placement,
    // Foster placements,54820,67.
    assert_eq!(placement.rows[0].label, "All foster care");
    let neighbours = b.statistical_neighbours.figures.cla_at_31_march.placement["foster"];
    assert_eq!(
        placement.rows[0].cells,
        [
            Value::Count(6),
            pct(6, 7),
            Value::Published(Some(70)),
            Value::Published(neighbours),
            Value::Published(b.region.cla_at_31_march.placement["foster"]),
            Value::Published(Some(67)),
        ]
    );
    assert_eq!(Value::Published(Some(70)).display(), "70%");
    // The two foster rows point to the combined row instead of repeating it.
    let relatives = row(placement, "Foster care with relatives or friends");
    assert_eq!(relatives[..2], [Value::Count(1), pct(1, 7)]);
    assert!(relatives[2..]
        .iter()
        .all(|c| *c == text("see all foster care")));
    // Children's homes: C, 1 of 7 = 14%.
    let homes = row(placement, "Children's homes and secure units");
    assert_eq!(homes[..2], [Value::Count(1), pct(1, 7)]);
    assert_eq!(homes[5], Value::Published(Some(12)));

    // Age: A is 10 to 15. Lines 17874 (Hampshire, 10 to 15 years, 745, 43) and 29604
    // (National, 10 to 15 years, 30930, 38). DfE has no "not known" age group.
    let ages = table(in_care, "age");
    let teens = row(ages, "10 to 15");
    assert_eq!(
        teens,
        [
            Value::Count(1),
            pct(1, 7),
            Value::Published(Some(43)),
            teens[3].clone(),
            teens[4].clone(),
            Value::Published(Some(38))
        ]
    );
    assert_eq!(
        row(ages, "Date of birth not known")[5].display(),
        "no DfE group"
    );
    // The age and sex table stays as its title says, drawn stacked by sex.
    let by_sex = chart_spec(table(in_care, "age-and-sex")).expect("chart");
    let sexes: Vec<&str> = by_sex.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sexes, ["Male", "Female", "Not recorded"]);
    // The age chart plots the "% of children" column with the council (as DfE published it),
    // its neighbours and England as markers.
    let chart = chart_spec(ages).expect("chart");
    assert_eq!(chart.series.len(), 1);
    assert_eq!(chart.series[0].name, "% of children");
    // 10 to 15: 1 of 7 = 14.28...%.
    let teen = chart.series[0].values[3].expect("value");
    assert!((teen - 100.0 / 7.0).abs() < 1e-9, "{teen}");
    let names: Vec<&str> = chart.markers.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Hampshire (DfE 2025)",
            "Statistical neighbours 2025",
            "England 2025"
        ]
    );
    assert_eq!(chart.markers[0].values[3], Some(43.0));
    assert_eq!(chart.markers[2].values[3], Some(38.0));
    assert_eq!(chart.markers[2].values[5], None);

    // Inside or outside the boundary: inside 1 of 7 = 14%. Line 17916: Hampshire, Placed
    // inside the local authority boundary, 1002, 58.
    let location = table(in_care, "inside-outside");
    let inside = row(location, "Inside the council's area");
    assert_eq!(
        inside[..3],
        [Value::Count(1), pct(1, 7), Value::Published(Some(58))]
    );
    // Line 29646: 2025,National,...,Placed inside the local authority boundary,45420,56.
    assert_eq!(inside[5], Value::Published(Some(56)));
    // Councils where children are placed: Southampton 2, then Hampshire, Portsmouth, Wales.
    let councils = table(in_care, "placed-in-councils");
    let listed: Vec<(&str, &Value)> = councils
        .rows
        .iter()
        .map(|r| (r.label.as_str(), &r.cells[0]))
        .collect();
    assert_eq!(
        listed,
        [
            ("Southampton", &Value::Count(2)),
            ("Hampshire", &Value::Count(1)),
            ("Portsmouth", &Value::Count(1)),
            ("Wales", &Value::Count(1)),
        ]
    );
    // The sex table: A is a boy, 1 of 7.
    let sex = table(in_care, "sex");
    assert_eq!(
        row(sex, "Male")[..3],
        [Value::Count(1), pct(1, 7), Value::Published(Some(59))]
    );
    // The section says where the figures come from and who the neighbours are (865 Wiltshire
    // is Hampshire's closest neighbour in DfE's 2025 model).
    let notes = paragraphs(in_care);
    assert!(
        notes.iter().any(|p| p.starts_with(
            "Comparison figures: DfE, 2025 release, year ending 31 March 2025; statistical \
             neighbours are the average of Wiltshire, "
        )),
        "{notes:?}"
    );
}

#[test]
fn leavers_line_up_with_dfes_groups_and_headlines_give_the_rate() {
    let r = hampshire();
    let all = sections(&r, Presentation::default());
    let flows = section(&all, "flows");
    let leavers = table(flows, "leavers-by-reason");
    // DfE's 17 groups, in its order; H adopted: 1 of 1. ceased_by_characteristics.csv line
    // 11: 2025,National,...,Reason episode ceased,Adopted,3040,34450,9.
    assert_eq!(leavers.rows.len(), 17);
    assert_eq!(leavers.rows[0].label, "Adopted");
    assert_eq!(leavers.rows[0].cells[..2], [Value::Count(1), pct(1, 1)]);
    assert_eq!(leavers.rows[0].cells[5], Value::Published(Some(9)));
    // Hampshire's "died" is suppressed by DfE (c): it reads "not published".
    assert_eq!(row(leavers, "Died")[2].display(), "not published");
    assert_eq!(leavers.columns[3], "Hampshire (DfE 2025)");

    // Rate: 7 / 288,730 x 10,000 = 0.24 -> 0. England 67:
    // cla_number_and_rate_per_10k_children.csv line 3: 2025,...,England,...,Children looked
    // after on 31 March each year,12183016,81770,67.
    let b = r.benchmarks.as_ref().expect("benchmarks");
    let neighbours = b
        .statistical_neighbours
        .figures
        .cla_at_31_march
        .rate_per_10000
        .expect("neighbours' rate");
    let headline = &figures(section(&all, "headlines"))[0];
    assert!(
        headline.detail.ends_with(&format!(
            "; a rate of 0 per 10,000 children (England 67, statistical neighbours {neighbours})"
        )),
        "{}",
        headline.detail
    );
    // Reviews: DfE publishes nothing to compare with, and the section says so.
    let reviews = section(&all, "reviews");
    let says = |start: &str| paragraphs(reviews).iter().any(|p| p.starts_with(start));
    assert!(says(
        "DfE does not publish review timeliness, so there is no national"
    ));
    assert!(says(
        "DfE does not publish children's participation in their reviews"
    ));
}

#[test]
fn published_figures_are_never_suppressed_but_the_councils_small_counts_are() {
    let r = hampshire();
    let all = sections(&r, publication());
    let in_care = section(&all, "in-care");
    let placement = table(in_care, "placement-type");
    // 6 foster children: shown, but not as 6 of 7, which would give away the other 1.
    // Relatives' 1: hidden, and its percentage with it.
    assert_eq!(
        placement.rows[0].cells[..3],
        [Value::Count(6), Value::Hidden, Value::Published(Some(70))]
    );
    let relatives = row(placement, "Foster care with relatives or friends");
    assert_eq!(relatives[..2], [Value::Suppressed, Value::Hidden]);
    let teens = row(table(in_care, "age"), "10 to 15");
    assert_eq!(teens[0], Value::Suppressed);
    assert_eq!(teens[5], Value::Published(Some(38)));
    // Every council's count is 1 or 2.
    let councils = table(in_care, "placed-in-councils");
    assert!(councils
        .rows
        .iter()
        .all(|r| r.cells[0] == Value::Suppressed));
    // The rate comes from 7 children: shown.
    assert!(figures(section(&all, "headlines"))[0]
        .detail
        .contains("a rate of 0 per 10,000 children"));
}

#[test]
fn without_a_council_no_comparison_is_added() {
    let r = report(
        &dataset(HEADER, EPISODES, "", ""),
        2025,
        &Settings::default(),
    );
    assert!(r.benchmarks.is_none());
    let all = sections(&r, Presentation::default());
    let in_care = section(&all, "in-care");
    let placement = table(in_care, "placement-type");
    assert_eq!(
        placement.columns,
        ["Placement", "Children", "% of children"]
    );
    assert_eq!(
        placement.rows[0].label,
        "Foster care with relatives or friends"
    );
    assert!(in_care
        .blocks
        .iter()
        .all(|b| !matches!(b, Block::Table(t) if t.id == "sex" || t.id == "inside-outside")));
    assert!(figures(section(&all, "headlines"))[0]
        .detail
        .ends_with("at the year end"));
}

/// City of London (201): tests/common's trend fixture, a handful of children over four years.
fn city() -> Report {
    report(
        &dataset("", TREND_EPISODES, TREND_REVIEWS, "CHILD,DUC\nT,"),
        2025,
        &for_council("201"),
    )
}

fn cells(t: &Table) -> Vec<(String, Vec<String>)> {
    t.rows
        .iter()
        .map(|r| {
            (
                r.label.clone(),
                r.cells.iter().map(Value::display).collect(),
            )
        })
        .collect()
}

fn owned(rows: &[(&str, [&str; 3])]) -> Vec<(String, Vec<String>)> {
    rows.iter()
        .map(|(l, c)| (l.to_string(), c.iter().map(|s| s.to_string()).collect()))
        .collect()
}

#[test]
fn trends_show_each_year_and_its_change_worked_by_hand() {
    let r = city();
    let all = sections(&r, Presentation::default());
    // After stability, before data quality.
    let ids: Vec<&str> = all.iter().map(|s| s.id.anchor()).collect();
    assert_eq!(
        ids,
        [
            "headlines",
            "reviews",
            "in-care",
            "flows",
            "stability",
            "iro-service",
            "trends",
            "data-quality"
        ]
    );
    let trends = section(&all, "trends");
    // Looked after at 31 March (tests/compare.rs works each year out): 2022 P, Q = 2; 2023
    // P, R = 2; 2024 P = 1; 2025 P, T = 2. 2021 is before the data begins (15/06/2020).
    // 2 -> 2: 0, 0.0%; 2 -> 1: -1, -1/2 = -50.0%; 1 -> 2: +1, +100.0%.
    let cla = table(trends, "trend-cla");
    assert_eq!(
        cla.columns,
        [
            "Year",
            "Children looked after on 31 March",
            "Change from the year before",
            "Change in %"
        ]
    );
    assert_eq!(
        cells(cla),
        owned(&[
            (
                "2020-21",
                ["not in the data", "not available", "not available"]
            ),
            ("2021-22", ["2", "not available", "not available"]),
            ("2022-23", ["2", "0", "0.0%"]),
            ("2023-24", ["1", "\u{2212}1", "\u{2212}50.0%"]),
            ("2024-25", ["2", "+1", "+100.0%"]),
        ])
    );
    // Rates 31, 20, 11, 24: -11 (-11/31 = -35.48 -> -35.5%), -9 (-9/20 = -45.0%), +13
    // (13/11 = 118.18 -> +118.2%).
    let rate = table(trends, "trend-rate");
    assert_eq!(
        cells(rate)[2..],
        owned(&[
            ("2022-23", ["20", "\u{2212}11", "\u{2212}35.5%"]),
            ("2023-24", ["11", "\u{2212}9", "\u{2212}45.0%"]),
            ("2024-25", ["24", "+13", "+118.2%"]),
        ])[..]
    );
    // The trend's own change values agree with the table.
    let y2023 = &r.trend[&parse_date("2023-03-31").expect("a date")].change["rate_per_10000"];
    assert_eq!((y2023.number, y2023.percent), (-11, Some(-35.5)));
    // Ceased 0 (2022) -> 1 (2023): +1, and no percentage of nothing.
    let ceased = table(trends, "trend-ceased");
    assert_eq!(
        cells(ceased)[2],
        owned(&[("2022-23", ["1", "+1", "not available"])])[0]
    );
    // Reviews on time: 2 of 3 = 67% (2023), 1 of 1 = 100% (2024): +33 points, 33/67 = 49.3%.
    // None before review coverage (2022).
    let on_time = table(trends, "trend-reviews-on-time");
    assert_eq!(
        cells(on_time)[1..4],
        owned(&[
            (
                "2021-22",
                ["not in the data", "not available", "not available"]
            ),
            ("2022-23", ["67%", "not available", "not available"]),
            ("2023-24", ["100%", "+33 percentage points", "+49.3%"]),
        ])[..]
    );
    // Every measure table is a line chart of its values; a year not in the data is a gap.
    let chart = chart_spec(cla).expect("chart");
    assert_eq!(
        chart.series[0].values,
        [None, Some(2.0), Some(2.0), Some(1.0), Some(2.0)]
    );
    // The overview: a row per measure, a column per year, then the latest year's change,
    // which its introduction promises: looked after 1 (2023-24) -> 2 (2024-25), +1, +100.0%.
    let overview = table(trends, "trends-overview");
    assert_eq!(
        overview.columns,
        [
            "Measure",
            "2020-21",
            "2021-22",
            "2022-23",
            "2023-24",
            "2024-25",
            "Change from 2023-24",
            "Change in %"
        ]
    );
    assert_eq!(overview.rows[0].label, "Children looked after on 31 March");
    assert_eq!(
        cells(overview)[0].1,
        ["not in the data", "2", "2", "1", "2", "+1", "+100.0%"]
    );
    // Changes are their own kind of value, so the page lines them up as numbers.
    assert_eq!(overview.rows[0].cells[5], Value::Change("+1".into()));
}

#[test]
fn trends_hide_small_counts_and_their_changes_in_publication_mode() {
    let all = sections(&city(), publication());
    let trends = section(&all, "trends");
    let cla = table(trends, "trend-cla");
    // Every year's count is 1 or 2: hidden, with every change worked from them. 2021-22 has
    // no change at all (2020-21 is not in the data), hidden or not.
    assert_eq!(
        cells(cla),
        owned(&[
            (
                "2020-21",
                ["not in the data", "not available", "not available"]
            ),
            (
                "2021-22",
                ["fewer than 5", "not available", "not available"]
            ),
            ("2022-23", ["fewer than 5", "fewer than 5", "fewer than 5"]),
            ("2023-24", ["fewer than 5", "fewer than 5", "fewer than 5"]),
            ("2024-25", ["fewer than 5", "fewer than 5", "fewer than 5"]),
        ])
    );
    // A rate from so few children would give them away too.
    assert_eq!(
        table(trends, "trend-rate").rows[4].cells[0],
        Value::Suppressed
    );
    // Nothing to draw.
    let chart = chart_spec(cla).expect("chart");
    assert!(chart.series[0].values.iter().all(Option::is_none));
}

#[test]
fn one_year_of_data_has_no_trends_section() {
    let r = report(
        &dataset(HEADER, EPISODES, "", ""),
        2025,
        &Settings::default(),
    );
    assert_eq!(r.trend.len(), 1, "{:?}", r.trend.keys());
    let all = sections(&r, Presentation::default());
    assert!(all.iter().all(|s| s.id.anchor() != "trends"));
}

// Year ending 31/03/2024 (the fixture of tests/present.rs): reviews on time 1 (C) of 2 that
// could be checked = 50.0%; took part 1 (A's PN1) of 2 reviews of children aged 4 and over
// (PN1, PN7) = 50.0%; C overdue on 31 March (1 child); 3+ placements 0 of 2 = 0%; over 20
// miles C of 2 = 50%; no child eligible for long-term stability.
fn targets_fixture() -> Report {
    common::shown_fixture()
}

fn target_text(all: &[Section], id: &str, label: &str) -> Option<(String, bool)> {
    figure(section(all, id), label)
        .target
        .as_ref()
        .map(|t| (t.text.clone(), t.met))
}

#[test]
fn targets_say_met_or_not_met_in_both_directions() {
    let r = targets_fixture();
    let show = |targets: Targets| {
        sections(
            &r,
            Presentation {
                publication: false,
                targets,
            },
        )
    };
    // No targets: nothing said.
    let all = show(Targets::default());
    assert_eq!(target_text(&all, "headlines", "Reviews held on time"), None);
    // 50.0% on time: a target of 50% is met (equal counts), 87% is not.
    let all = show(Targets {
        reviews_on_time: Some(50.0),
        participation: Some(50.5),
        three_plus_placements: Some(10.0),
        over_20_miles: Some(40.0),
        long_term_stability: Some(70.0),
        overdue_reviews: Some(1),
    });
    assert_eq!(
        target_text(&all, "headlines", "Reviews held on time"),
        Some(("Target 50%: met".into(), true))
    );
    assert_eq!(
        target_text(
            &all,
            "headlines",
            "Children aged 4 and over who took part in their review"
        ),
        Some(("Target 50.5%: not met".into(), false))
    );
    // Lower is better: 0% with 3+ placements meets 10% or lower; 50% over 20 miles misses 40%.
    assert_eq!(
        target_text(
            &all,
            "headlines",
            "Children with 3 or more placements in the year"
        ),
        Some(("Target 10% or lower: met".into(), true))
    );
    assert_eq!(
        target_text(
            &all,
            "headlines",
            "Children placed more than 20 miles from home"
        ),
        Some(("Target 40% or lower: not met".into(), false))
    );
    // 1 child overdue: a target of 1 or fewer is met, 0 is not.
    assert_eq!(
        target_text(&all, "reviews", "Children overdue a review on 31 March"),
        Some(("Target 1 or fewer: met".into(), true))
    );
    let none_overdue = show(Targets {
        overdue_reviews: Some(0),
        reviews_on_time: Some(87.0),
        over_20_miles: Some(50.0),
        ..Targets::default()
    });
    assert_eq!(
        target_text(
            &none_overdue,
            "reviews",
            "Children overdue a review on 31 March"
        ),
        Some(("Target 0 or fewer: not met".into(), false))
    );
    assert_eq!(
        target_text(&none_overdue, "headlines", "Reviews held on time"),
        Some(("Target 87%: not met".into(), false))
    );
    assert_eq!(
        target_text(
            &none_overdue,
            "headlines",
            "Children placed more than 20 miles from home"
        ),
        Some(("Target 50% or lower: met".into(), true))
    );
    // No child eligible for long-term stability: nothing to judge.
    assert_eq!(
        target_text(&all, "stability", "Same carers for 2 years or more"),
        Some(("Target 70%: not available".into(), false))
    );
    // The settings list the targets in force.
    let quality = section(&all, "data-quality");
    let settings: Vec<&(String, String)> = quality
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Definitions(d) => Some(d.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(settings.contains(&&(
        "Target: reviews held on time".to_string(),
        "50% or higher".to_string()
    )));
    assert!(settings.contains(&&(
        "Target: children placed more than 20 miles from home".to_string(),
        "40% or lower".to_string()
    )));
}

#[test]
fn a_hidden_figure_cannot_be_judged_against_its_target() {
    let r = targets_fixture();
    let all = sections(
        &r,
        Presentation {
            publication: true,
            targets: Targets {
                reviews_on_time: Some(87.0),
                ..Targets::default()
            },
        },
    );
    // 1 of 2: hidden in publication mode.
    assert_eq!(
        target_text(&all, "headlines", "Reviews held on time"),
        Some(("Target 87%: not shown in publication mode".into(), false))
    );
}

#[test]
fn the_publication_json_keeps_published_figures_and_hides_the_councils_small_ones() {
    let r = hampshire();
    let json: serde_json::Value =
        serde_json::from_str(&report_json(&r, publication())).expect("json");
    let b = &json["benchmarks"];
    // England's under-1s are 4% (cla_on_31_march_by_characteristics.csv line 29608:
    // 2025,National,...,Age group,Under 1 year,3630,4), Hampshire's too (line 17878: ...,
    // Hampshire,Age group,Under 1 year,61,4): public figures, kept although under 5.
    assert_eq!(b["england"]["cla_at_31_march"]["age_band"]["under_1"], 4);
    assert_eq!(
        b["la_published"]["cla_at_31_march"]["age_band"]["under_1"],
        4
    );
    // The report's own: 1 leaver (H), hidden in both places it appears.
    assert_eq!(json["ceased"]["total"], "fewer than 5");
    assert_eq!(b["this_report"]["ceased"]["total"], "fewer than 5");
    // 7 children: shown.
    assert_eq!(json["cla_at_31_march"]["total"], 7);
}

#[test]
fn a_leaving_code_in_none_of_dfes_groups_has_a_row_of_its_own() {
    // K left care 01/02/2025 with a code DfE does not use (E99); L was adopted (E12).
    let data = dataset(
        "",
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
         K,01/05/2024,S,C2,U4,01/02/2025,E99
         L,01/05/2024,S,C2,U4,01/03/2025,E12",
        "",
        "",
    );
    let r = report(&data, 2025, &Settings::default());
    assert_eq!(r.ceased.total, 2, "{:?}", r.ceased.reason);
    let all = sections(&r, Presentation::default());
    let leavers = table(section(&all, "flows"), "leavers-by-reason");
    // 17 groups and the row for K: 1 of 2 = 50% each.
    assert_eq!(leavers.rows.len(), 18);
    assert_eq!(row(leavers, "Adopted"), [Value::Count(1), pct(1, 2)]);
    assert_eq!(
        row(leavers, "Reason not recorded or not a known code"),
        [Value::Count(1), pct(1, 2)]
    );
    // Without a council: no comparison columns, and the chart stays in children.
    assert_eq!(leavers.columns, ["Reason", "Children", "% of leavers"]);
    assert!(chart_spec(leavers).is_some_and(|c| c.markers.is_empty()));
}

#[test]
fn changes_read_with_a_sign_and_a_real_minus() {
    assert_eq!(year_label(2025), "2024-25");
    assert_eq!(year_label(2000), "1999-00");
    assert_eq!(signed_change(12), "+12");
    assert_eq!(signed_change(-1234), "\u{2212}1,234");
    assert_eq!(signed_change(0), "0");
    assert_eq!(signed_percent(25.9), "+25.9%");
    assert_eq!(signed_percent(-4.3), "\u{2212}4.3%");
    // A change that rounds to nothing has no sign.
    assert_eq!(signed_percent(-0.04), "0.0%");
}

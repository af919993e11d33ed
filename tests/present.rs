//! The report as shown: sections, figures, tables, publication mode and downloads
//! (`careboard::present`), on a fixture worked out by hand.

mod common;

use careboard::present::{
    percent_text, report_json, sections, thousands, Block, Presentation, Section, Table, Value,
};
use careboard::settings::Settings;
use common::{dataset, report, section, shown_table as table};

// The fixture is tests/common's three children (its comment works the figures out).
fn fixture() -> careboard::report::Report {
    common::shown_fixture()
}

fn figures(s: &Section) -> Vec<(String, String)> {
    s.blocks
        .iter()
        .flat_map(|b| match b {
            Block::Figures(f) => f.clone(),
            _ => vec![],
        })
        .map(|f| (f.label, f.value.display()))
        .collect()
}

fn shown(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .chain(&t.total)
        .map(|r| {
            std::iter::once(r.label.clone())
                .chain(r.cells.iter().map(Value::display))
                .collect()
        })
        .collect()
}

#[test]
fn numbers_read_as_a_committee_expects() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1_234_567), "1,234,567");
    // 7/8 = 87.5%: one decimal keeps it, none rounds the half up to 88%.
    assert_eq!(percent_text(7, 8, 1).as_deref(), Some("87.5%"));
    assert_eq!(percent_text(7, 8, 0).as_deref(), Some("88%"));
    // 1/3 = 33.33..% and 2/3 = 66.66..%.
    assert_eq!(percent_text(1, 3, 1).as_deref(), Some("33.3%"));
    assert_eq!(percent_text(2, 3, 1).as_deref(), Some("66.7%"));
    assert_eq!(percent_text(1, 0, 1), None);
}

#[test]
fn headlines_follow_the_hand_worked_fixture() {
    let all = sections(&fixture(), Presentation::default());
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
            "data-quality"
        ]
    );
    let f = figures(section(&all, "headlines"));
    let expected = [
        // A and C.
        ("Children looked after on 31 March 2024", "2"),
        // B and C.
        ("Children who started to be looked after", "2"),
        // B.
        ("Children who stopped being looked after", "1"),
        ("Reviews held", "3"),
        // C's on time, A's second late: 1 of 2 checked.
        ("Reviews held on time", "50.0%"),
        // PN1 took part, PN7 did not; PN0 is under 4: 1 of 2.
        (
            "Children aged 4 and over who took part in their review",
            "50.0%",
        ),
        ("Children with 3 or more placements in the year", "0"),
        // C at 25 miles.
        ("Children placed more than 20 miles from home", "1"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(f, expected);
}

#[test]
fn reviews_by_quarter_and_the_managers_lists() {
    let all = sections(&fixture(), Presentation::default());
    let reviews = section(&all, "reviews");
    let q = shown(table(reviews, "reviews-by-quarter"));
    // Quarter 1: C 15/05 on time, A 10/06 not checked: held 2, 1 on time of 1 checked = 100%.
    // Quarter 3: A 10/12 late: 0 of 1 = 0%. Quarters 2 and 4: none, % not available.
    let expect = |row: &[&str]| row.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        q,
        [
            expect(&[
                "Quarter 1 (Apr 2023 to Jun 2023)",
                "2",
                "1",
                "0",
                "1",
                "100.0%"
            ]),
            expect(&[
                "Quarter 2 (Jul 2023 to Sep 2023)",
                "0",
                "0",
                "0",
                "0",
                "not available"
            ]),
            expect(&[
                "Quarter 3 (Oct 2023 to Dec 2023)",
                "1",
                "0",
                "1",
                "0",
                "0.0%"
            ]),
            expect(&[
                "Quarter 4 (Jan 2024 to Mar 2024)",
                "0",
                "0",
                "0",
                "0",
                "not available"
            ]),
            expect(&["Year", "3", "1", "1", "1", "50.0%"]),
        ]
    );
    let late = shown(table(reviews, "late-reviews"));
    assert_eq!(
        late,
        [expect(&[
            "A",
            "10 December 2023",
            "10 September 2023",
            "91"
        ])]
    );
    let overdue = shown(table(reviews, "overdue-children"));
    assert_eq!(overdue, [expect(&["C", "15 August 2023", "229"])]);
}

#[test]
fn publication_mode_hides_small_counts_their_percentages_and_every_child_id() {
    let r = fixture();
    let all = sections(
        &r,
        Presentation {
            publication: true,
            ..Default::default()
        },
    );
    let f = figures(section(&all, "headlines"));
    // Every count here is 0 to 3, so each non-zero one reads "fewer than 5"; zero stays 0.
    assert_eq!(f[0].1, "fewer than 5");
    assert_eq!(f[3].1, "fewer than 5");
    // 1 of 2 on time: both counts small, so the percentage is hidden too ("hidden": never
    // "fewer than 5" for a percentage, which would read as under 5%).
    assert_eq!(f[4].1, "hidden");
    assert_eq!(f[6].1, "0");
    let reviews = section(&all, "reviews");
    let has_child_list = all
        .iter()
        .flat_map(|s| &s.blocks)
        .any(|b| matches!(b, Block::ChildList(_)));
    assert!(!has_child_list);
    let parts = shown(table(reviews, "review-participation"));
    // PN0 row: 1 review (suppressed), its % of 3 (hidden).
    assert_eq!(
        parts[0],
        ["Child under 4 at the review", "fewer than 5", "hidden"]
    );
    // PN2 row: 0 reviews stays 0, and 0 of 3 is hidden because 3 is small.
    assert_eq!(parts[2][1..], ["0", "hidden"]);

    let json: serde_json::Value = serde_json::from_str(&report_json(
        &r,
        Presentation {
            publication: true,
            ..Default::default()
        },
    ))
    .expect("json");
    assert_eq!(json["cla_at_31_march"]["total"], "fewer than 5");
    assert_eq!(json["cla_at_31_march"]["three_plus_placements"], 0);
    assert!(json["reviews"].get("late_list").is_none());
    assert!(json["reviews"].get("overdue_list").is_none());
    assert_eq!(json["year_ending"], "2024-03-31");
    // Without publication mode the download is the CLI's JSON exactly.
    assert_eq!(report_json(&r, Presentation::default()), r.to_json());
}

#[test]
fn tables_download_as_csv_with_quoting() {
    let all = sections(&fixture(), Presentation::default());
    let leavers = table(section(&all, "flows"), "leavers-by-reason");
    let csv = leavers.to_csv();
    let mut lines = csv.split("\r\n");
    assert_eq!(lines.next(), Some("Reason,Children,% of leavers"));
    // B adopted: 1 of 1 leaver.
    assert_eq!(lines.next(), Some("Adopted,1,100%"));
    let in_care = section(&all, "in-care");
    let ethnicity = table(in_care, "ethnicity").to_csv();
    // A label with a comma is quoted. C has no header row: not known. A is White. 1 of 2 = 50%.
    assert!(ethnicity.contains("\r\n\"Black, African, Caribbean or Black British\",0,0%\r\n"));
    assert!(ethnicity.contains("\r\nWhite,1,50%\r\n"));
    assert!(ethnicity.ends_with("\r\nAll children,2,100%\r\n"));
}

#[test]
fn a_chart_draws_exactly_what_its_table_shows() {
    use careboard::charts::{ChartKind, Orientation};
    use careboard::present::chart_spec;
    let r = fixture();
    let all = sections(
        &r,
        Presentation {
            publication: true,
            ..Default::default()
        },
    );
    let by_month = chart_spec(table(section(&all, "reviews"), "reviews-by-month")).expect("chart");
    assert_eq!(by_month.kind, ChartKind::StackedBars);
    assert_eq!(by_month.categories.len(), 12);
    assert_eq!(by_month.categories[0], "Apr 2023");
    let names: Vec<&str> = by_month.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["On time", "Late", "Could not be checked"]);
    // May 2023: C's review on time, 1 in publication mode is suppressed, so not drawn; 0 is.
    assert_eq!(by_month.series[0].values[1], None);
    assert_eq!(by_month.series[1].values[1], Some(0.0));
    let ethnicity = chart_spec(table(section(&all, "in-care"), "ethnicity")).expect("chart");
    assert_eq!(ethnicity.orientation, Orientation::Horizontal);
    assert_eq!(ethnicity.category_axis_label, "");
    // The total row is not a bar.
    assert_eq!(ethnicity.categories.len(), 6);
}

#[test]
fn reasons_by_code_follow_the_guides_order_not_the_alphabet() {
    // Leavers with E17, E2, E4A, E12 and E3 (one each, on 01/02/2024, in care from 2023).
    let episodes = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/06/2023,S,C2,U4,01/02/2024,E17
B,01/06/2023,S,C2,U4,01/02/2024,E2
C,01/06/2023,S,C2,U4,01/02/2024,E4A
D,01/06/2023,S,C2,U4,01/02/2024,E12
E,01/06/2023,S,C2,U4,01/02/2024,E3
";
    let r = report(&dataset("", episodes, "", ""), 2024, &Settings::default());
    let all = sections(&r, Presentation::default());
    let codes: Vec<String> = table(section(&all, "flows"), "leavers-by-code")
        .rows
        .iter()
        .map(|row| row.cells[0].display())
        .collect();
    assert_eq!(codes, ["E2", "E3", "E4A", "E12", "E17"]);
}

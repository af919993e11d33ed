//! MEASURES.md section 10 (issue 11) on one small hand-checked fixture: children reviewed and
//! participation at each child's latest review, time in care, unaccompanied children who
//! arrived in the year, missing and away episodes, care leavers, and the trend's additions.
//! Every expected value is worked out by hand in the comments.

mod common;

use careboard::measures::calendar::ReportingYear;
use careboard::measures::care_leavers::birthday_in_year;
use careboard::measures::cohort::time_in_care;
use careboard::model::{build, Dataset, Date, TableKind};
use careboard::present::{chart_spec, sections, Block, Presentation};
use careboard::report::keys::{
    AgeBand, CareLeaverAge, CareLeaverOutcome, Key, Participation, TimeInCare,
};
use careboard::report::{CareLeaverFigures, LongTermStability, MissingFigures};
use careboard::settings::Settings;
use common::{report, section, shown_table, table};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).expect("a date")
}

// Year ending 31/03/2024: 1 April 2023 to 31 March 2024. Month arithmetic of section 0:
// end - 6 months = 30/09/2023 (31 September does not exist), - 12 = 31/03/2023,
// - 24 = 31/03/2022, - 60 = 31/03/2019.
const HEADER: &str = "
CHILD,SEX,DOB,ETHNIC
T4,1,01/06/2012,WBRI
T5,2,15/03/2020,WBRI
";

// Periods of care holding the episode open on 31/03/2024 (all nine children are in care):
// T1 01/10/2023 (> 30/09/2023: under 6 months); T2 30/09/2023 (the boundary: 6 to 12 months);
// T3 31/03/2023 (1 to 2 years); T4 31/03/2022 (2 to 5 years); T5 31/03/2019 (5 years or more);
// T6 a gap (ceased 01/06/2023, back 01/07/2023): 01/07/2023, 6 to 12 months; T7 one period
// from 01/01/2018 (the P episode starts on the DEC before it): 5 years or more; T8 a new
// episode with RNE = S on the day the last ended starts a new period, 01/05/2023: 6 to 12
// months; W back on 01/09/2023: 6 to 12 months.
const EPISODES: &str = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
T1,01/10/2023,S,C2,U4,,
T2,30/09/2023,S,C2,U4,,
T3,31/03/2023,S,C2,U4,,
T4,31/03/2022,S,C2,U4,,
T5,31/03/2019,S,C2,U4,,
T6,01/01/2015,S,C2,U4,01/06/2023,E13
T6,01/07/2023,S,C2,U4,,
T7,01/01/2018,S,C2,U4,01/02/2020,X1
T7,01/02/2020,P,C2,U5,,
T8,01/01/2016,S,C2,U4,01/05/2023,X1
T8,01/05/2023,S,C2,U4,,
W,01/05/2023,S,V2,U4,01/06/2023,E13
W,01/09/2023,S,V2,U4,,
";

// Started in the year (RNE = S, DECOM in the year): T1, T2, T6, T8, W = 5 (T3 started on
// 31/03/2023, the day before the year). Arrived as UASC (DUC blank or on or after the DECOM of
// the child's latest starting episode): T1 (blank); T8 (01/05/2023, its start day); T6 (of its
// two rows, 01/08/2023 is after its start on 01/07/2023). Not T2 (DUC 29/09/2023, the day
// before it started), not W (DUC 01/07/2023 is after its first start in the year but before
// its latest, 01/09/2023), not T5 (did not start in the year). started_uasc = 3.
const UASC: &str = "
CHILD,DUC
T1,
T2,29/09/2023
T8,01/05/2023
T6,01/01/2023
T6,01/08/2023
T5,
W,01/07/2023
";

// Held in the year: T1 x2, T3 x2, T4 01/04/2023 (its 01/04/2024 review is after the year), T5
// x2 (31/03/2024 is the year's last day), X (no episode at all: held all the same) = 8
// reviews of 5 children (T7's only review, 15/03/2023, is before the year). Latest in the year:
// T1 PN7 (20/12/2023), T3 PN5 (01/11/2023, written pn5), T4 PN3, T5 unknown (blank code on
// 31/03/2024), X PN0.
const REVIEWS: &str = "
CHILD,REVIEW,REVIEW_CODE
T1,10/10/2023,PN1
T1,20/12/2023,PN7
T3,01/05/2023,PN2
T3,01/11/2023,pn5
T4,01/04/2023,PN3
T4,01/04/2024,PN7
T5,01/01/2024,PN1
T5,31/03/2024,
T7,15/03/2023,PN1
X,01/06/2023,PN0
";

// Rows 2-8 are used: missing (M) in the year: rows 2, 3 (T1) and 4 (T2, on the year's last
// day) = 3 episodes of 2 children; away (A): rows 5 (T2) and 6 (Z, a child not in care,
// written "a") = 2 episodes of 2 children. Row 7 started before the year; row 8's code X is
// neither (a warning). Rejected: row 9 (MIS_START blank), 10 (31/02/2024 is no date), 11
// (MIS_END before MIS_START), 12 (MIS_END 1/8/23, a two-digit year), 13 (CHILD blank).
const MISSING: &str = "
CHILD,MISSING,MIS_START,MIS_END
T1,M,01/04/2023,02/04/2023
T1,M,10/05/2023,
T2,M,31/03/2024,
T2,A,15/06/2023,16/06/2023
Z,a,01/07/2023,
T3,M,31/03/2023,01/04/2023
T3,X,01/08/2023,
T4,M,,
T4,M,31/02/2024,
T4,M,01/08/2023,01/07/2023
T4,A,01/08/2023,1/8/23
,M,01/08/2023,
";

// Birthdays in the year and the age turned: L1 10/06/2023, 17; L2 15/02/2024, 18; L3
// 01/04/2023, 19; L4 31/03/2024, 21; L5 29/02/2024, 20; L6 31/03/2024, 22 (neither group); L7
// 01/04/2023, 16 (neither); L8 DOB not a date (used, counted in neither, a warning); L11
// 20/12/2023, 19. Row 10 repeats L1 and row 11 has no CHILD: both rejected.
// 17 or 18: L1 (YES, F2 in education or work, B1 suitable), L2 (no, G4 not, C2 unsuitable):
//   total 2, in touch 1, EET 1, NEET 1, suitable 1, unsuitable 1.
// 19 to 21: L3 (YES, P1, D1), L4 (yes, G6, E2), L5 (REFU, 0, 0: none of them), L11 (NREQ, F5,
//   X2): total 4, in touch 2 (L3, L4), EET 2 (L3, L11), NEET 1 (L4), suitable 1 (L3),
//   unsuitable 2 (L4, L11).
const OC3: &str = "
CHILD,DOB,IN_TOUCH,ACTIV,ACCOM
L1,10/06/2006,YES,F2,B1
L2,15/02/2006,no,G4,C2
L3,01/04/2004,YES,P1,D1
L4,31/03/2003,yes,G6,E2
L5,29/02/2004,REFU,0,0
L6,31/03/2002,YES,F1,B1
L7,01/04/2007,YES,F1,B1
L8,soon,YES,F1,B1
L1,10/06/2006,NO,G5,B2
,01/01/2005,YES,F1,B1
L11,20/12/2004,NREQ,F5,X2
";

fn data(with_missing: bool, with_oc3: bool) -> Dataset {
    let mut tables = vec![
        table(TableKind::Header, HEADER),
        table(TableKind::Episodes, EPISODES),
        table(TableKind::Reviews, REVIEWS),
        table(TableKind::Uasc, UASC),
    ];
    if with_missing {
        tables.push(table(TableKind::Missing, MISSING));
    }
    if with_oc3 {
        tables.push(table(TableKind::Oc3, OC3));
    }
    build(tables, vec![])
}

#[test]
fn children_reviewed_are_counted_once_with_the_code_of_their_latest_review_in_the_year() {
    let r = report(&data(false, false), 2024, &Settings::default());
    assert_eq!(r.reviews.held, 8);
    assert_eq!(r.reviews.children_reviewed, 5);
    let latest = &r.reviews.latest_review_participation;
    let counts: Vec<(Participation, u64)> = latest.rows().filter(|(_, n)| *n > 0).collect();
    assert_eq!(
        counts,
        [
            (Participation::Pn0, 1),
            (Participation::Pn3, 1),
            (Participation::Pn5, 1),
            (Participation::Pn7, 1),
            (Participation::Unknown, 1)
        ]
    );
    assert_eq!(latest.total(), r.reviews.children_reviewed);
}

#[test]
fn time_in_care_runs_from_the_start_of_the_current_period_with_clamped_months() {
    let r = report(&data(false, false), 2024, &Settings::default());
    let t = &r.cla_at_31_march.time_in_care;
    // Under 6 months T1; 6 to 12 T2, T6, T8, W; 1 to 2 years T3; 2 to 5 T4; 5+ T5, T7.
    assert_eq!(
        t.rows().map(|(_, n)| n).collect::<Vec<_>>(),
        [1, 4, 1, 1, 2]
    );
    assert_eq!(t.total(), r.cla_at_31_march.total);
    // The boundaries one day either side: end - 6 months is 30/09/2023.
    let end = d(2024, 3, 31);
    assert_eq!(time_in_care(d(2023, 10, 1), end), TimeInCare::Under6Months);
    assert_eq!(time_in_care(d(2023, 9, 30), end), TimeInCare::SixTo12Months);
    assert_eq!(time_in_care(d(2023, 4, 1), end), TimeInCare::SixTo12Months);
    assert_eq!(time_in_care(d(2023, 3, 31), end), TimeInCare::OneToTwoYears);
    assert_eq!(
        time_in_care(d(2022, 3, 31), end),
        TimeInCare::TwoToFiveYears
    );
    assert_eq!(time_in_care(d(2019, 4, 1), end), TimeInCare::TwoToFiveYears);
    assert_eq!(
        time_in_care(d(2019, 3, 31), end),
        TimeInCare::FiveYearsAndOver
    );
    // In any year, end - 6 months is 30 September (clamped from 31): 30/09/2024 for 2024-25.
    assert_eq!(
        time_in_care(d(2024, 9, 30), d(2025, 3, 31)),
        TimeInCare::SixTo12Months
    );
}

#[test]
fn started_uasc_looks_at_the_latest_starting_episode_of_the_year() {
    let r = report(&data(false, false), 2024, &Settings::default());
    assert_eq!(r.started, 5);
    assert_eq!(r.started_uasc, 3);
    // UASC at 31 March (DUC blank or after it): T1 and T5 only.
    assert_eq!(r.cla_at_31_march.uasc, 2);
}

#[test]
fn missing_episodes_count_rows_starting_in_the_year_and_reject_bad_dates() {
    let data = data(true, false);
    let r = report(&data, 2024, &Settings::default());
    assert_eq!(
        r.missing,
        Some(MissingFigures {
            missing_episodes: 3,
            children_missing: 2,
            away_episodes: 2,
            children_away: 2,
        })
    );
    let account = data
        .inputs
        .iter()
        .find(|a| a.table == TableKind::Missing)
        .expect("the missing table's account");
    // 12 rows read = 7 used + 5 rejected.
    assert_eq!(
        (account.rows_read, account.rows_used, account.rows_rejected),
        (12, 7, 5)
    );
    let rejected: Vec<String> = data
        .rejections()
        .filter(|i| i.table == TableKind::Missing)
        .map(|i| format!("{}:{}", i.row, i.column))
        .collect();
    assert_eq!(
        rejected,
        [
            "9:MIS_START",
            "10:MIS_START",
            "11:MIS_END",
            "12:MIS_END",
            "13:CHILD"
        ]
    );
    let warned: Vec<String> = data
        .warnings()
        .filter(|i| i.table == TableKind::Missing)
        .map(|i| format!("{}:{}: {}", i.row, i.column, i.reason))
        .collect();
    assert_eq!(
        warned,
        [
            "8:MISSING: \"X\" is not a known missing code (M missing, A away without \
          authorisation); the row is counted as neither"
        ]
    );
}

#[test]
fn care_leavers_are_grouped_by_the_age_turned_at_their_birthday_in_the_year() {
    let data = data(false, true);
    let r = report(&data, 2024, &Settings::default());
    let leavers = r.care_leavers.expect("an OC3 table was loaded");
    assert_eq!(
        leavers[CareLeaverAge::SeventeenToEighteen],
        CareLeaverFigures {
            total: 2,
            in_touch: 1,
            eet: 1,
            neet: 1,
            suitable_accommodation: 1,
            unsuitable: 1,
        }
    );
    assert_eq!(
        leavers[CareLeaverAge::NineteenToTwentyOne],
        CareLeaverFigures {
            total: 4,
            in_touch: 2,
            eet: 2,
            neet: 1,
            suitable_accommodation: 1,
            unsuitable: 2,
        }
    );
    let account = data
        .inputs
        .iter()
        .find(|a| a.table == TableKind::Oc3)
        .expect("the OC3 table's account");
    // 11 rows read = 9 used + 2 rejected (the repeat of L1, the blank CHILD).
    assert_eq!(
        (account.rows_read, account.rows_used, account.rows_rejected),
        (11, 9, 2)
    );
    let rejected: Vec<String> = data
        .rejections()
        .filter(|i| i.table == TableKind::Oc3)
        .map(|i| format!("{}:{}: {}", i.row, i.column, i.reason))
        .collect();
    assert_eq!(
        rejected,
        [
            "10:CHILD: a repeat of an earlier row for this child (oc3, row 2); only the first is used",
            "11:CHILD: the child's ID is blank"
        ]
    );
    // L8's date of birth is not a date: a warning, and L8 is in neither group.
    assert!(data
        .warnings()
        .any(|i| i.table == TableKind::Oc3 && i.row == 9 && i.column == "DOB"));
}

#[test]
fn a_29_february_birthday_falls_on_1_march_in_a_year_without_one() {
    let year = |y| ReportingYear::ending(y).expect("a year");
    assert_eq!(
        birthday_in_year(d(2004, 2, 29), year(2023)),
        Some(d(2023, 3, 1))
    );
    assert_eq!(
        birthday_in_year(d(2004, 2, 29), year(2024)),
        Some(d(2024, 2, 29))
    );
    // April to December birthdays fall in the year's first calendar year.
    assert_eq!(
        birthday_in_year(d(2006, 4, 1), year(2024)),
        Some(d(2023, 4, 1))
    );
    assert_eq!(
        birthday_in_year(d(2006, 3, 31), year(2024)),
        Some(d(2024, 3, 31))
    );
}

#[test]
fn missing_and_care_leavers_are_null_without_their_table_and_zero_with_an_empty_one() {
    let r = report(&data(false, false), 2024, &Settings::default());
    assert_eq!((r.missing.clone(), r.care_leavers.clone()), (None, None));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("JSON");
    assert!(json["missing"].is_null() && json["care_leavers"].is_null());
    // Tables whose every row is rejected are loaded all the same: zeros, not null.
    let mut tables = vec![table(TableKind::Episodes, EPISODES)];
    tables.push(table(
        TableKind::Missing,
        "CHILD,MISSING,MIS_START\n,M,01/05/2023",
    ));
    tables.push(table(
        TableKind::Oc3,
        "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n,01/01/2005,YES,F1,B1",
    ));
    let r = report(&build(tables, vec![]), 2024, &Settings::default());
    assert_eq!(r.missing, Some(MissingFigures::default()));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("JSON");
    assert_eq!(
        json["care_leavers"]["19_to_21"],
        serde_json::json!({"total": 0, "in_touch": 0, "eet": 0, "neet": 0,
                           "suitable_accommodation": 0, "unsuitable": 0})
    );
}

#[test]
fn the_trend_gains_age_bands_distance_stability_and_participation_where_reviews_cover_it() {
    let r = report(&data(false, false), 2024, &Settings::default());
    let year = |y| &r.trend[&d(y, 3, 31)];
    // Episodes go back to 2015, so the trend has all five years, 2019-20 to 2023-24.
    assert_eq!(r.trend.len(), 5);
    // 2023-24: T4 is 11 (10 to 15), T5 is 4 (1 to 4), the other 7 have no date of birth.
    let bands = |y| year(y).age_band.rows().map(|(_, n)| n).collect::<Vec<_>>();
    assert_eq!(bands(2024), [0, 1, 0, 1, 0, 7]);
    // 31/03/2023: T3 (started that day), T4 (10), T5 (3), T6, T7, T8 in care: 1 to 4 T5,
    // 10 to 15 T4, 4 unknown.
    assert_eq!(bands(2023), [0, 1, 0, 1, 0, 4]);
    assert_eq!(year(2023).age_band[AgeBand::Unknown], 4);
    // No postcodes: every distance is not known.
    assert_eq!(year(2024).distance.total(), 9);
    // Long-term stability: T5 (under 16, in care since 31/03/2019, on or before end - 30
    // months, and with the same carer since then, on or before end - 24 months) each year.
    let stable = LongTermStability {
        eligible: 1,
        stable: 1,
    };
    assert_eq!(year(2024).long_term_stability, stable);
    assert_eq!(year(2023).long_term_stability, stable);
    // Review coverage starts on 01/04/2022 (the earliest review, 15/03/2023, is in 2022-23):
    // participation for 2022-23 (T7's PN1) and 2023-24 (the 8 reviews held), none before.
    let pn = |y| year(y).participation.as_ref().map(|p| p.total());
    assert_eq!(
        (pn(2020), pn(2021), pn(2022), pn(2023), pn(2024)),
        (None, None, None, Some(1), Some(8))
    );
    assert_eq!(
        year(2023)
            .participation
            .as_ref()
            .map(|p| p[Participation::Pn1]),
        Some(1)
    );
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("JSON");
    assert!(json["trend"]["2021-03-31"].get("participation").is_none());
}

fn publication() -> Presentation {
    Presentation {
        publication: true,
        ..Presentation::default()
    }
}

fn shown_cells(t: &careboard::present::Table) -> Vec<(String, Vec<String>)> {
    t.rows
        .iter()
        .chain(&t.total)
        .map(|r| {
            (
                r.label.clone(),
                r.cells.iter().map(|c| c.display()).collect(),
            )
        })
        .collect()
}

fn row(label: &str, cells: &[&str]) -> (String, Vec<String>) {
    (
        label.to_string(),
        cells.iter().map(|c| c.to_string()).collect(),
    )
}

#[test]
fn the_page_shows_children_reviewed_and_participation_at_their_most_recent_review() {
    let r = report(&data(false, false), 2024, &Settings::default());
    let all = sections(&r, Presentation::default());
    let reviews = section(&all, "reviews");
    let children = reviews
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Figures(f) => f.iter().find(|f| f.label == "Children reviewed"),
            _ => None,
        })
        .expect("the children reviewed figure");
    assert_eq!(children.value.display(), "5");
    assert_eq!(children.json_path, Some("reviews.children_reviewed"));
    // Latest reviews: X PN0, T4 PN3, T3 PN5, T1 PN7, T5 unknown; each out of 5 children.
    // Took part: PN3 and PN5 = 2 of PN3, PN5, PN7 = 3 children aged 4 and over: 66.7%.
    let latest = shown_table(reviews, "latest-review-participation");
    let shown = shown_cells(latest);
    assert_eq!(
        shown[0],
        row("Child under 4 at the review", &["1", "20.0%"])
    );
    assert_eq!(
        shown[3],
        row(
            "Attended and gave their views without words",
            &["1", "20.0%"]
        )
    );
    assert_eq!(shown[9], row("All children reviewed", &["5", "100.0%"]));
    assert!(reviews.blocks.iter().any(|b| matches!(b,
        Block::Paragraph(t) if t.contains("66.7% of the children aged 4 and over took part \
                                           in their most recent review (2 of 3)"))));
    // In publication mode the counts of 1 to 4 read "fewer than 5", and a percentage built on
    // one reads "hidden" (never "fewer than 5" under a % heading, MEASURES section 12).
    let public = sections(&r, publication());
    let latest = shown_table(section(&public, "reviews"), "latest-review-participation");
    assert_eq!(
        shown_cells(latest)[0],
        row("Child under 4 at the review", &["fewer than 5", "hidden"])
    );
}

#[test]
fn the_page_shows_time_in_care_missing_episodes_arrivals_and_care_leavers() {
    let r = report(&data(true, true), 2024, &Settings::default());
    let all = sections(&r, Presentation::default());
    let in_care = section(&all, "in-care");
    // Time in care (worked out above): 1, 4, 1, 1, 2 of the 9 children: 11%, 44%, 11%, 11%, 22%.
    assert_eq!(
        shown_cells(shown_table(in_care, "time-in-care")),
        [
            row("Under 6 months", &["1", "11%"]),
            row("6 months to under 1 year", &["4", "44%"]),
            row("1 year to under 2 years", &["1", "11%"]),
            row("2 years to under 5 years", &["1", "11%"]),
            row("5 years or more", &["2", "22%"]),
            row("All children", &["9", "100%"]),
        ]
    );
    // Missing: 3 episodes of 2 children; away: 2 episodes of 2 children; drawn as grouped bars.
    let missing = shown_table(in_care, "missing-and-away");
    assert_eq!(
        shown_cells(missing),
        [
            row("Missing", &["3", "2"]),
            row("Away from placement without permission", &["2", "2"]),
        ]
    );
    let chart = chart_spec(missing).expect("a chart");
    assert_eq!(chart.series.len(), 2);
    assert_eq!(chart.series[1].name, "Children");
    // Arrived as UASC: 3 of the 5 who started = 60%.
    let flows = section(&all, "flows");
    let arrived = flows
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Figures(f) => f.iter().find(|f| f.json_path == Some("started_uasc")),
            _ => None,
        })
        .expect("the arrivals figure");
    assert_eq!(arrived.value.display(), "3");
    assert_eq!(
        arrived.detail,
        "60% of the children who started to be looked after"
    );
    // Care leavers (worked out above): 17 or 18 of 2, 19 to 21 of 4.
    let leavers = shown_table(flows, "care-leavers");
    assert_eq!(
        leavers.columns,
        [
            "Care leavers",
            "Aged 17 or 18",
            "% aged 17 or 18",
            "Aged 19 to 21",
            "% aged 19 to 21"
        ]
    );
    assert_eq!(
        shown_cells(leavers),
        [
            row("In touch with the council", &["1", "50%", "2", "50%"]),
            row(
                "In education, employment or training",
                &["1", "50%", "2", "50%"]
            ),
            row(
                "Not in education, employment or training",
                &["1", "50%", "1", "25%"]
            ),
            row("In suitable accommodation", &["1", "50%", "1", "25%"]),
            row("In unsuitable accommodation", &["1", "50%", "2", "50%"]),
            row("All care leavers", &["2", "100%", "4", "100%"]),
        ]
    );
    // The CLI's text uses the same words for every age group and outcome.
    let cli = careboard::present::text::render(&r);
    for age in CareLeaverAge::ALL {
        assert!(cli.contains(age.label()), "{age:?}");
    }
    for outcome in CareLeaverOutcome::ALL {
        assert!(cli.contains(outcome.label()), "{outcome:?}");
    }
    // The chart draws the two shares, named by their columns.
    let chart = chart_spec(leavers).expect("a chart");
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["% aged 17 or 18", "% aged 19 to 21"]);
    assert_eq!(chart.series[1].values[2], Some(25.0));
}

#[test]
fn without_the_missing_or_oc3_table_the_page_says_so_instead_of_showing_zeros() {
    let r = report(&data(false, false), 2024, &Settings::default());
    let all = sections(&r, Presentation::default());
    let says = |id: &str, words: &str| {
        section(&all, id)
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(t) if t.contains(words)))
    };
    assert!(says("in-care", "No missing from care table was loaded"));
    assert!(says("flows", "No care leavers (OC3) table was loaded"));
}

#[test]
fn the_trends_section_shows_age_bands_distance_stability_and_participation() {
    let r = report(&data(false, false), 2024, &Settings::default());
    let all = sections(&r, Presentation::default());
    let trends = section(&all, "trends");
    // Ages (worked out above): 2023-24 1 to 4 = 1 (T5), 10 to 15 = 1 (T4), not known 7.
    let ages = shown_table(trends, "trend-age-band");
    assert_eq!(
        ages.columns,
        [
            "Year",
            "Under 1",
            "1 to 4",
            "5 to 9",
            "10 to 15",
            "16 and over",
            "Date of birth not known"
        ]
    );
    assert_eq!(
        shown_cells(ages)[4],
        row("2023-24", &["0", "1", "0", "1", "0", "7"])
    );
    // Long-term stability: 1 of 1 = 100% in both 2022-23 and 2023-24: no change, in
    // percentage points.
    let stability = shown_table(trends, "trend-long-term-stability");
    assert_eq!(
        shown_cells(stability)[4],
        row("2023-24", &["100%", "0 percentage points", "0.0%"])
    );
    // Participation, reviews of children aged 4 and over: 2022-23 T7's PN1, 1 of 1 = 100%;
    // 2023-24 PN1 x2 (T1, T5), PN2, PN3, PN5 took part, T1's PN7 did not (T4's PN7 is on
    // 01/04/2024, after the year; X's PN0 and T5's blank code are neither): 5 of 6 = 83.3 ->
    // 83%; 83 - 100 = -17 points, -17/100 = -17.0%.
    let took_part = shown_table(trends, "trend-participation");
    assert_eq!(
        shown_cells(took_part)[3..],
        [
            row("2022-23", &["100%", "not available", "not available"]),
            row(
                "2023-24",
                &["83%", "\u{2212}17 percentage points", "\u{2212}17.0%"]
            ),
        ]
    );
    // By code, with the not recorded column shown as it counts one review (T5's blank code).
    let codes = shown_table(trends, "trend-participation-by-code");
    assert_eq!(codes.columns.len(), 1 + 9);
    assert_eq!(shown_cells(codes)[2].1[0], "not in the data");
    assert_eq!(
        shown_cells(codes)[4],
        row("2023-24", &["1", "2", "1", "1", "0", "1", "0", "1", "1"])
    );
    // Every distance is not known (no postcodes): 9 in 2023-24, nobody placed over 20 miles.
    let distance = shown_table(trends, "trend-distance");
    assert_eq!(shown_cells(distance)[4], row("2023-24", &["0", "0", "9"]));
}

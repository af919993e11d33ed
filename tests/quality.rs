//! Data that cannot be right (MEASURES.md section 11, readings of contract-additions.md): each
//! plausibility check on a hand-worked fixture that fires it and on one that does not. Year
//! ending 31/03/2024 (01/04/2023 to 31/03/2024) throughout.

mod common;

use careboard::present::{sections, text, Block, Presentation, Targets, Warning};
use careboard::report::keys::Check;
use careboard::report::{QualityCheck, Report};
use careboard::settings::Settings;
use common::{dataset, report, section};

fn year_2024(header: &str, episodes: &str, reviews: &str) -> Report {
    report(
        &dataset(header, episodes, reviews, ""),
        2024,
        &Settings::default(),
    )
}

/// The check as reported, when it fired.
fn found(r: &Report, check: Check) -> Option<(u64, Vec<&str>)> {
    r.data_quality
        .check(check)
        .map(|c| (c.count, c.examples.iter().map(String::as_str).collect()))
}

// A and B in care since 2020; C has no header row (age unknown).
const THREE_IN_CARE: &str = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/01/2020,S,C2,U4,,
B,01/01/2020,S,C2,U4,,
C,01/01/2020,S,C2,U4,,
";

#[test]
fn a_child_aged_18_on_31_march_is_flagged_as_looked_after_at_18_or_over() {
    // A born 15/03/2006: 18 on 15/03/2024, before the year end. B born 01/04/2006: 17 until
    // 01/04/2024. C: no date of birth, age unknown, not counted.
    let header = "CHILD,SEX,DOB,ETHNIC\nA,1,15/03/2006,WBRI\nB,2,01/04/2006,WBRI";
    let r = year_2024(header, THREE_IN_CARE, "");
    assert_eq!(found(&r, Check::Over18InCare), Some((1, vec!["A"])));
}

#[test]
fn a_child_turning_18_the_day_after_the_year_end_is_not_flagged() {
    let header = "CHILD,SEX,DOB,ETHNIC\nB,2,01/04/2006,WBRI";
    let r = year_2024(header, THREE_IN_CARE, "");
    assert_eq!(found(&r, Check::Over18InCare), None);
}

const TODDLER: &str = "CHILD,SEX,DOB,ETHNIC\nA,1,10/06/2019,WBRI\nB,2,01/01/2020,WBRI";

#[test]
fn pn0_on_a_review_held_on_or_after_the_fourth_birthday_is_flagged() {
    // A born 10/06/2019: 3 on 09/06/2023, 4 on 10/06/2023. The PN0 of 10/06/2023 disagrees with
    // the age; the PN0 of 09/06/2023 does not; the PN0 of 01/03/2023 (age 3) is before the year.
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nA,01/03/2023,PN0\nA,09/06/2023,PN0\nA,10/06/2023,PN0";
    let r = year_2024(TODDLER, THREE_IN_CARE, reviews);
    assert_eq!(found(&r, Check::Pn0Aged4Plus), Some((1, vec!["A"])));
}

#[test]
fn pn0_the_day_before_the_fourth_birthday_is_not_flagged() {
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nA,09/06/2023,PN0";
    let r = year_2024(TODDLER, THREE_IN_CARE, reviews);
    assert_eq!(found(&r, Check::Pn0Aged4Plus), None);
}

#[test]
fn pn1_to_pn7_for_a_child_under_4_is_flagged_per_review() {
    // B born 01/01/2020: 3 on 31/12/2023 (PN3 and, on 30/12, PN1: two reviews), 4 on
    // 01/01/2024 (PN7: agrees). PN8 is no PN1-PN7 code.
    let reviews = "CHILD,REVIEW,REVIEW_CODE
B,30/12/2023,PN1
B,31/12/2023,PN3
B,01/01/2024,PN7
B,02/06/2023,PN8";
    let r = year_2024(TODDLER, THREE_IN_CARE, reviews);
    assert_eq!(found(&r, Check::Pn17Under4), Some((2, vec!["B"])));
}

#[test]
fn pn1_to_pn7_from_the_fourth_birthday_and_pn0_under_4_are_not_flagged() {
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nB,01/01/2024,PN7\nB,31/12/2023,PN0";
    let r = year_2024(TODDLER, THREE_IN_CARE, reviews);
    assert_eq!(found(&r, Check::Pn17Under4), None);
    assert_eq!(found(&r, Check::Pn0Aged4Plus), None);
}

// A in care since 2020; B came into care before the year (01/03/2023) and was adopted on
// 01/06/2023: a leaver, no starter.
const NO_STARTER: &str = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/01/2020,S,C2,U4,,
B,01/03/2023,S,C2,U4,01/06/2023,E11
";

#[test]
fn no_starter_in_a_year_the_episodes_cover_is_flagged_with_the_children_looked_after() {
    // The earliest DECOM (01/01/2020) is on or before 01/04/2023 and the latest date of the
    // data, A's review of 02/04/2024, on or after 31/03/2024: the data covers the year.
    // Looked after at any time in the year: A and B, so count 2, no examples. B left: no
    // "no leavers".
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nA,02/04/2024,PN1";
    let r = year_2024("", NO_STARTER, reviews);
    assert_eq!(found(&r, Check::NoStarters), Some((2, vec![])));
    assert_eq!(found(&r, Check::NoLeavers), None);
}

#[test]
fn no_starter_is_not_flagged_when_the_data_ends_before_the_year_does() {
    // Latest date: B's DEC of 01/06/2023, before 31/03/2024: a mid-year cut, not a fault.
    let r = year_2024("", NO_STARTER, "");
    assert_eq!(found(&r, Check::NoStarters), None);
}

#[test]
fn no_leaver_in_a_covered_year_is_flagged_and_a_starter_clears_no_starters() {
    // A in care since 2020, C started 01/05/2023: a starter, nobody left. The review of
    // 31/03/2024 reaches the year end. Looked after in the year: A and C.
    let episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/01/2020,S,C2,U4,,
C,01/05/2023,S,C2,U4,,";
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nC,31/03/2024,PN1";
    let r = year_2024("", episodes, reviews);
    assert_eq!(found(&r, Check::NoLeavers), Some((2, vec![])));
    assert_eq!(found(&r, Check::NoStarters), None);
}

#[test]
fn no_leaver_is_not_flagged_when_the_episodes_start_inside_the_year() {
    // The earliest DECOM is 01/05/2023, after 01/04/2023: the episodes do not cover the year.
    let episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nC,01/05/2023,S,C2,U4,,";
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nC,31/03/2024,PN1";
    let r = year_2024("", episodes, reviews);
    assert_eq!(found(&r, Check::NoLeavers), None);
}

#[test]
fn twelve_equal_month_ends_are_flagged_with_their_count() {
    // A, B and C open at every month end: 3, twelve times.
    let r = year_2024("", THREE_IN_CARE, "");
    assert_eq!(found(&r, Check::FlatMonthEnds), Some((3, vec![])));
}

#[test]
fn month_ends_that_change_or_are_all_zero_are_not_flagged() {
    // D comes into care on 15/06/2023: 3 at the end of April and May, 4 from June.
    let episodes = format!("{THREE_IN_CARE}D,15/06/2023,S,C2,U4,,\n");
    let r = year_2024("", &episodes, "");
    assert_eq!(found(&r, Check::FlatMonthEnds), None);
    // Everyone left in 2022: twelve zeros are equal but not a count of anyone.
    let gone = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/01/2020,S,C2,U4,01/01/2022,E4A";
    let r = year_2024("", gone, "");
    assert_eq!(found(&r, Check::FlatMonthEnds), None);
}

// Five children in care, distance recorded for some (PL_DISTANCE blank = not known).
fn distances(unknown: usize) -> String {
    let mut out = String::from("CHILD,DECOM,RNE,LS,PLACE,DEC,REC,PL_DISTANCE\n");
    for (i, child) in ["A", "B", "C", "D", "E"].iter().enumerate() {
        let miles = if i < unknown { "" } else { "5" };
        out.push_str(&format!("{child},01/01/2020,S,C2,U4,,,{miles}\n"));
    }
    out
}

#[test]
fn distance_not_known_for_more_than_a_fifth_of_the_children_is_flagged() {
    // 2 of 5 not known: 2 x 100 = 200 > 20 x 5 = 100. The examples are those two.
    let r = year_2024("", &distances(2), "");
    assert_eq!(
        found(&r, Check::DistanceMostlyUnknown),
        Some((2, vec!["A", "B"]))
    );
}

#[test]
fn distance_not_known_for_exactly_a_fifth_is_not_flagged() {
    // 1 of 5: 100 > 100 is false.
    let r = year_2024("", &distances(1), "");
    assert_eq!(found(&r, Check::DistanceMostlyUnknown), None);
}

// A's period began Tue 03/05/2022. Review 1 is due on the 20th working day after it: 4-6 May
// (3), 9-13 (8), 16-20 (13), 23-27 (18), 30-31 (20) = 31/05/2022 (the 2022 spring holiday was
// moved to 02/06). B's review of 15/04/2022 (B has no episode) is the earliest review, so
// review chains are complete from 01/04/2022 and A's review 1 can be checked.
const LATE_EPISODES: &str = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,03/05/2022,S,C2,U4,,";

#[test]
fn a_review_held_366_days_after_its_due_date_is_very_late() {
    // Held 01/06/2023: 31/05/2022 to 31/05/2023 is 365 days, so 366 days late.
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nB,15/04/2022,PN1\nA,01/06/2023,PN1";
    let r = year_2024("", LATE_EPISODES, reviews);
    assert_eq!(r.reviews.late_list[0].days_late, 366);
    assert_eq!(found(&r, Check::VeryLateReviews), Some((1, vec!["A"])));
}

#[test]
fn a_review_held_365_days_late_is_not_very_late() {
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nB,15/04/2022,PN1\nA,31/05/2023,PN1";
    let r = year_2024("", LATE_EPISODES, reviews);
    assert_eq!(r.reviews.late_list[0].days_late, 365);
    assert_eq!(found(&r, Check::VeryLateReviews), None);
}

// A, B and C came into care on Thu 01/06/2023, after the review coverage start (01/04/2023:
// the earliest review is C's of 15/06/2023). Review 1 is due 20 working days later (2 Jun (1),
// 5-9 (6), 12-16 (11), 19-23 (16), 26-29 (20) = 29/06/2023). C: reviews 15/06/2023 (review 1),
// 01/09/2023 (review 2, due 15/09), 01/02/2024 (review 3, due 01/03/2024): next due
// 01/08/2024, not overdue. A and B: no review, overdue since 29/06/2023.
const OVERDUE_EPISODES: &str = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/06/2023,S,C2,U4,,
B,01/06/2023,S,C2,U4,,
C,01/06/2023,S,C2,U4,,";
const C_IN_STEP: &str = "CHILD,REVIEW,REVIEW_CODE
C,15/06/2023,PN1
C,01/09/2023,PN1
C,01/02/2024,PN1";

#[test]
fn more_than_half_of_the_children_overdue_is_flagged() {
    // 2 of 3 overdue: 2 x 2 = 4 > 3.
    let r = year_2024("", OVERDUE_EPISODES, C_IN_STEP);
    assert_eq!(r.reviews.overdue_at_year_end, 2);
    assert_eq!(found(&r, Check::MostOverdue), Some((2, vec!["A", "B"])));
}

#[test]
fn exactly_half_of_the_children_overdue_is_not_flagged() {
    // B reviewed in step as C is: 1 of 2 overdue, 1 x 2 = 2 > 2 is false.
    let episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/06/2023,S,C2,U4,,
C,01/06/2023,S,C2,U4,,";
    let r = year_2024("", episodes, C_IN_STEP);
    assert_eq!(r.reviews.overdue_at_year_end, 1);
    assert_eq!(found(&r, Check::MostOverdue), None);
}

#[test]
fn an_episode_and_a_review_before_the_date_of_birth_are_two_rows_before_birth() {
    // A born 01/01/2015: an episode from 01/06/2014 and a review of 01/12/2014 come before
    // it. A short break from 01/07/2014 counts too (short breaks included): 3 rows. B born
    // 01/01/2015 and in care from that day: not before.
    let header = "CHILD,SEX,DOB,ETHNIC\nA,1,01/01/2015,WBRI\nB,1,01/01/2015,WBRI";
    let episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/06/2014,S,C2,U4,,
A,01/07/2014,S,V3,U4,02/07/2014,E8
B,01/01/2015,S,C2,U4,,";
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nA,01/12/2014,PN0";
    let r = year_2024(header, episodes, reviews);
    assert_eq!(found(&r, Check::DatesBeforeBirth), Some((3, vec!["A"])));
}

#[test]
fn dates_on_the_day_of_birth_are_not_before_it() {
    let header = "CHILD,SEX,DOB,ETHNIC\nB,1,01/01/2015,WBRI";
    let episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nB,01/01/2015,S,C2,U4,,";
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nB,01/01/2015,PN0";
    let r = year_2024(header, episodes, reviews);
    assert_eq!(found(&r, Check::DatesBeforeBirth), None);
}

// The episodes' latest date is B's DEC of 01/05/2024.
const FUTURE_EPISODES: &str = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/01/2023,S,C2,U4,,
B,01/02/2024,S,C2,U4,01/05/2024,E4A";

#[test]
fn a_review_more_than_31_days_after_the_episodes_latest_date_is_in_the_future() {
    // 01/05/2024 + 31 days = 01/06/2024; A's review of 02/06/2024 is after it. The episodes
    // are checked against the reviews' latest date (02/06/2024) + 31 = 03/07/2024: none after.
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nA,01/02/2024,PN1\nA,02/06/2024,PN1";
    let r = year_2024("", FUTURE_EPISODES, reviews);
    assert_eq!(found(&r, Check::FutureDates), Some((1, vec!["A"])));
}

#[test]
fn an_episode_date_more_than_31_days_after_the_latest_review_is_in_the_future() {
    // Reviews end 01/02/2024; + 31 days = 03/03/2024. B's DEC of 01/05/2024 is after it: one
    // episode row (its DECOM of 01/02/2024 is not).
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nA,01/02/2024,PN1";
    let r = year_2024("", FUTURE_EPISODES, reviews);
    assert_eq!(found(&r, Check::FutureDates), Some((1, vec!["B"])));
}

#[test]
fn dates_exactly_31_days_after_the_other_tables_latest_are_not_in_the_future() {
    // Reviews end 01/06/2024 = 01/05/2024 + 31 days: not after it. Episodes: 01/05/2024 is
    // before 01/06/2024 + 31.
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nA,01/02/2024,PN1\nA,01/06/2024,PN1";
    let r = year_2024("", FUTURE_EPISODES, reviews);
    assert_eq!(found(&r, Check::FutureDates), None);
    // Without a reviews table there is nothing to compare the episodes with.
    let r = year_2024("", FUTURE_EPISODES, "");
    assert_eq!(found(&r, Check::FutureDates), None);
}

#[test]
fn two_episodes_open_on_the_same_day_are_overlapping() {
    // B: the first episode is still open when the second starts. C: the second starts on
    // 01/06/2021, before the first's DEC of 01/07/2021. A's second starts on the first's DEC:
    // no overlap. D's short break inside an open episode is no episode of care.
    let episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/01/2020,S,C2,U4,01/06/2021,X1
A,01/06/2021,P,C2,U5,,
B,01/01/2020,S,C2,U4,,
B,01/06/2021,P,C2,U5,,
C,01/01/2020,S,C2,U4,01/07/2021,X1
C,01/06/2021,P,C2,U5,,
D,01/01/2020,S,C2,U4,,
D,01/06/2021,S,V3,U4,03/06/2021,E8";
    let r = year_2024("", episodes, "");
    assert_eq!(
        found(&r, Check::OverlappingEpisodes),
        Some((2, vec!["B", "C"]))
    );
}

#[test]
fn an_episode_starting_the_day_the_previous_ends_is_no_overlap() {
    let episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/01/2020,S,C2,U4,01/06/2021,X1
A,01/06/2021,P,C2,U5,,
D,01/01/2020,S,C2,U4,,
D,01/06/2021,S,V3,U4,03/06/2021,E8";
    let r = year_2024("", episodes, "");
    assert_eq!(found(&r, Check::OverlappingEpisodes), None);
}

#[test]
fn checks_list_ten_sorted_examples_in_the_contracts_order_and_json() {
    // Twelve children aged 18 or over, IDs given out of order: the first ten in byte order
    // (upper case before lower case). Also overlapping for "b": two checks, in the contract's
    // order.
    let ids = [
        "Z1", "a1", "B2", "B1", "C1", "D1", "E1", "F1", "G1", "H1", "I1", "b",
    ];
    let mut header = String::from("CHILD,SEX,DOB,ETHNIC\n");
    let mut episodes = String::from("CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n");
    for id in ids {
        header.push_str(&format!("{id},1,01/01/2000,WBRI\n"));
        episodes.push_str(&format!("{id},01/01/2020,S,C2,U4,,\n"));
    }
    episodes.push_str("b,01/01/2021,P,C2,U4,,\n");
    let r = year_2024(&header, &episodes, "");
    let over_18 = QualityCheck {
        check: Check::Over18InCare,
        count: 12,
        examples: ["B1", "B2", "C1", "D1", "E1", "F1", "G1", "H1", "I1", "Z1"]
            .map(String::from)
            .to_vec(),
    };
    let ids: Vec<Check> = r.data_quality.checks.iter().map(|c| c.check).collect();
    // Flat month ends too (12 at every month end), and no distance is known (no postcodes).
    assert_eq!(
        ids,
        [
            Check::Over18InCare,
            Check::FlatMonthEnds,
            Check::DistanceMostlyUnknown,
            Check::OverlappingEpisodes
        ]
    );
    assert_eq!(r.data_quality.checks[0], over_18);
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("json");
    assert_eq!(
        json["data_quality"]["checks"][3],
        serde_json::json!({"check": "overlapping_episodes", "count": 1, "examples": ["b"]})
    );
    assert_eq!(
        json["data_quality"]["checks"][1],
        serde_json::json!({"check": "flat_month_ends", "count": 12, "examples": []})
    );
}

// The wording: warnings at the top and in "Data quality", caveats on the headline cards,
// targets not judged on too little data, the CLI text.

fn figure<'a>(s: &'a careboard::present::Section, label: &str) -> &'a careboard::present::Figure {
    s.blocks
        .iter()
        .find_map(|b| match b {
            Block::Figures(f) => f.iter().find(|f| f.label.starts_with(label)),
            _ => None,
        })
        .expect("figure")
}

fn warnings_of(s: &careboard::present::Section) -> (bool, Vec<Warning>) {
    s.blocks
        .iter()
        .find_map(|b| match b {
            Block::Warnings { summary, warnings } => Some((*summary, warnings.clone())),
            _ => None,
        })
        .expect("a warnings block")
}

fn with_target(targets: Targets, publication: bool) -> Presentation {
    Presentation {
        publication,
        targets,
    }
}

#[test]
fn the_distance_headline_says_how_little_is_known_and_its_target_is_not_judged() {
    // 4 of 5 children's distance not known (4 x 100 = 400 > 20 x 5 = 100): distance known for
    // 1 of 5 = 20%, under half, so the 10% target cannot be judged.
    let r = year_2024("", &distances(4), "");
    let targets = Targets {
        over_20_miles: Some(10.0),
        ..Targets::default()
    };
    let all = sections(&r, with_target(targets.clone(), false));
    let card = figure(
        section(&all, "headlines"),
        "Children placed more than 20 miles",
    );
    assert_eq!(
        card.caveat.as_deref(),
        Some("distance known for 20% of children")
    );
    let target = card.target.as_ref().expect("target");
    assert_eq!(
        target.text,
        "Target 10% or lower, not judged: too little data"
    );
    assert!(!target.judged && !target.met);
    // Publication mode: 1 known child is a count of 1 to 4, and so is its percentage's
    // numerator: the caveat says "fewer than 5 children".
    let all = sections(&r, with_target(targets, true));
    let card = figure(
        section(&all, "headlines"),
        "Children placed more than 20 miles",
    );
    assert_eq!(
        card.caveat.as_deref(),
        Some("distance known for fewer than 5 children")
    );
}

#[test]
fn a_target_is_judged_when_the_figure_covers_half_of_its_children() {
    // 2 of 5 not known (the check fires): known for 3 of 5, 3 x 2 = 6 >= 5, judged. No child
    // is over 20 miles (5 miles each): 0% <= 10%, met.
    let r = year_2024("", &distances(2), "");
    let targets = Targets {
        over_20_miles: Some(10.0),
        ..Targets::default()
    };
    let all = sections(&r, with_target(targets, false));
    let card = figure(
        section(&all, "headlines"),
        "Children placed more than 20 miles",
    );
    assert_eq!(
        card.caveat.as_deref(),
        Some("distance known for 60% of children")
    );
    let target = card.target.as_ref().expect("target");
    assert_eq!(target.text, "Target 10% or lower: met");
    assert!(target.judged && target.met);
}

#[test]
fn the_on_time_headline_says_how_many_reviews_could_be_checked() {
    // Held in the year: A's of 01/06/2023 (366 days late, as above) and B's two (B has no
    // episode: they cannot be checked). 1 of 3 could be checked: 1 x 2 < 3, the 80% target
    // is not judged; the card says so, and that one review was more than a year late.
    let reviews = "CHILD,REVIEW,REVIEW_CODE
B,15/04/2022,PN1
A,01/06/2023,PN1
B,01/07/2023,PN1
B,01/08/2023,PN1";
    let r = year_2024("", LATE_EPISODES, reviews);
    assert_eq!((r.reviews.held, r.reviews.assessable), (3, 1));
    let targets = Targets {
        reviews_on_time: Some(80.0),
        ..Targets::default()
    };
    let all = sections(&r, with_target(targets, false));
    let card = figure(section(&all, "headlines"), "Reviews held on time");
    assert_eq!(
        card.caveat.as_deref(),
        Some(
            "the % on time is of the 1 of 3 reviews that could be checked; 1 review held \
             more than a year late: check the data"
        )
    );
    assert_eq!(
        card.target.as_ref().map(|t| t.text.as_str()),
        Some("Target 80%, not judged: too little data")
    );
}

#[test]
fn warnings_lead_the_report_and_are_detailed_in_data_quality() {
    // THREE_IN_CARE with A aged 18 (born 15/03/2006): over 18 (1 child), flat month ends (3)
    // and distance not known for all 3 (no postcodes).
    let header = "CHILD,SEX,DOB,ETHNIC\nA,1,15/03/2006,WBRI\nB,2,01/04/2006,WBRI";
    let r = year_2024(header, THREE_IN_CARE, "");
    let all = sections(&r, Presentation::default());
    let headlines = section(&all, "headlines");
    assert!(matches!(
        headlines.blocks[0],
        Block::Warnings { summary: true, .. }
    ));
    let (_, top) = warnings_of(headlines);
    let checks: Vec<Check> = top.iter().map(|w| w.check).collect();
    assert_eq!(
        checks,
        [
            Check::Over18InCare,
            Check::FlatMonthEnds,
            Check::DistanceMostlyUnknown
        ]
    );
    assert_eq!(
        top[0].found,
        "1 child looked after on 31 March 2024 was aged 18 or over."
    );
    assert_eq!(top[0].anchor(), "check-over-18-in-care");
    assert_eq!(top[0].summary, "1 child");
    assert_eq!(top[2].summary, "not known for 3 of 3 children");
    assert_eq!(
        top[2].found,
        "Distance from home is not known for 3 of the 3 children looked after on 31 March \
         2024; it is known for 0 (0%)."
    );
    let (summary, details) = warnings_of(section(&all, "data-quality"));
    assert!(!summary);
    assert_eq!(details[0].examples, ["A"]);
    assert_eq!(
        figure(headlines, "Children looked after on")
            .caveat
            .as_deref(),
        Some("includes 1 child aged 18 or over, who cannot be looked after: check the data")
    );
    // Publication mode: no IDs, and the count of 1 reads "fewer than 5 children ... were".
    let all = sections(
        &r,
        Presentation {
            publication: true,
            ..Presentation::default()
        },
    );
    let (_, public) = warnings_of(section(&all, "data-quality"));
    assert!(public.iter().all(|w| w.examples.is_empty()));
    assert_eq!(
        public[0].found,
        "Fewer than 5 children looked after on 31 March 2024 were aged 18 or over."
    );
    // And the CLI text, first thing after its title.
    let cli = text::render(&r);
    let warned = cli.find("WARNING: 3 checks found data that cannot be right");
    assert!(
        warned.is_some_and(|at| at < cli.find("Children looked after at 31 March").unwrap_or(0))
    );
    assert!(cli.contains(
        "  * Looked after at 18 or over: 1 child looked after on 31 March 2024 was aged 18 or over.\n"
    ));
    assert!(cli.contains("    Example child IDs: A\n"));
}

#[test]
fn a_report_with_nothing_to_warn_about_has_no_warnings_block() {
    // D starts in June: month ends change; no DOBs, so no ages; distance not known for all
    // though, so give everyone a distance.
    let mut episodes = distances(0);
    episodes.push_str("F,15/06/2023,S,C2,U4,,,5\n");
    let r = year_2024("", &episodes, "");
    assert_eq!(r.data_quality.checks, []);
    let all = sections(&r, Presentation::default());
    assert!(all
        .iter()
        .flat_map(|s| &s.blocks)
        .all(|b| !matches!(b, Block::Warnings { .. })));
    assert!(!text::render(&r).contains("WARNING"));
}

#[test]
fn an_empty_breakdown_says_so_in_one_line_instead_of_a_chart() {
    // Nobody left care in the year: the leavers' 17 reasons would all be 0.
    let r = year_2024("", THREE_IN_CARE, "");
    let all = sections(&r, Presentation::default());
    let flows = section(&all, "flows");
    assert!(!flows
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Table(t) if t.id == "leavers-by-reason")));
    assert!(flows.blocks.iter().any(|b| matches!(b, Block::Paragraph(p)
        if p == "Children who left care, 1 April 2023 to 31 March 2024, by reason: none in \
                 the data for this year, so there is nothing to chart.")));
}

#[test]
fn a_largest_not_known_group_gets_a_note_on_what_it_holds() {
    // Distance not known for 4 of 5: the largest group of the distance table. Known for 3 of
    // 5 (2 not known, 3 under 5 miles): no note.
    let note = |unknown| {
        let r = year_2024("", &distances(unknown), "");
        let all = sections(&r, Presentation::default());
        let in_care = section(&all, "in-care");
        let at = in_care
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Table(t) if t.id == "distance-from-home"))
            .expect("distance table");
        match in_care.blocks.get(at + 1) {
            Some(Block::Paragraph(p)) => Some(p.clone()),
            _ => None,
        }
    };
    let four = note(4).expect("a note");
    assert!(
        four.starts_with(
            "\u{201c}Not known\u{201d} is the largest group here (4 of 5). It holds children \
             whose home or placement postcode (HOME_POST, PL_POST) is missing"
        ),
        "{four}"
    );
    assert!(note(2).is_none_or(|p| !p.contains("largest group")));
}

#[test]
fn tables_no_figure_uses_are_listed_as_read_but_not_used() {
    use careboard::model::TableKind;
    use careboard::present::recognised_as;
    assert_eq!(recognised_as(TableKind::Episodes), "episodes of care");
    assert_eq!(
        recognised_as(TableKind::SwEpisodes),
        "social worker episodes (read; not used by any figure)"
    );
    // Section 10 works figures out of the missing and OC3 tables (tests/more_figures.rs).
    assert_eq!(
        recognised_as(TableKind::Missing),
        "missing and away from placement"
    );
    assert_eq!(recognised_as(TableKind::Oc3), "care leavers (OC3)");
}

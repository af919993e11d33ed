//! Review timeliness, participation and overdue reviews (MEASURES.md section 3) on a
//! hand-checked fixture, year ending 31/03/2024. Working days skip weekends and the bank
//! holidays of 2022-2024 (Easter 07/04 and 10/04/2023, 01/05/2023, coronation 08/05/2023,
//! 28/08/2023, Good Friday 29/03/2024, Easter Monday 01/04/2024; in 2022 the spring holiday
//! moved to 02/06, so 30/05/2022 is a working day).
//!
//! Coverage start: the earliest review is R's 31/05/2022, in the year ending 31/03/2023, so
//! chains are complete from 01/04/2022. S and S2 began care in 2021, before it.

mod common;

use careboard::model::dates::{iso, year_month};
use careboard::report::{MonthReviews, Report};
use careboard::settings::Settings;
use common::{dataset, report};

const EPISODES: &str = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
P,06/04/2023,S,C2,U4,,
Q,02/08/2023,S,C2,U4,,
R,03/05/2022,S,C2,U4,,
S,01/01/2021,S,C2,U4,,
S2,01/01/2021,S,C2,U4,,
U,07/08/2023,S,C2,U4,,
V,01/06/2023,S,V2,U4,01/09/2023,E4A
W,01/02/2024,S,C2,U4,,
X,01/03/2024,S,C2,U4,,
Y,01/07/2023,S,C2,U4,,
";

// P: start Thu 06/04/2023. Working days after it: Fri 07 (Good Friday) and Mon 10 (Easter
//    Monday) are holidays; 11-14 Apr (4), 17-21 (9), 24-28 (14), Mon 01/05 holiday, 02-05 May
//    (18), Mon 08/05 coronation, 09 (19), 10 (20): review 1 due 10/05/2023, held that day: on time.
//    Review 2 due 10/05 + 3 months = 10/08/2023, held 10/08: on time. Review 3 due 10/08 + 6
//    months = 10/02/2024, held 11/02/2024: late by a day.
// Q: start Wed 02/08/2023: 3-4 Aug (2), 7-11 (7), 14-18 (12), 21-25 (17), Mon 28/08 holiday,
//    29-31 (20): due 31/08/2023, held 31/08: on time. Review 2 due 31/08 + 3 months, clamped to
//    30/11/2023, held 30/11: on time.
// R: start Tue 03/05/2022: 4-6 May (3), 9-13 (8), 16-20 (13), 23-27 (18), 30-31 (20): due
//    31/05/2022, held then. 31/08/2022 (due 31/08: on time). 28/02/2023 (due 31/08/2022 + 6
//    months, clamped to 28/02/2023: on time). In the year: 29/08/2023, due 28/08/2023: late.
//    29/02/2024, due 29/08/2023 + 6 months = 29/02/2024 (a leap year): on time.
// S: care since 2021, before the coverage start: its first review in the data (15/06/2023) is
//    not assessable; the next is numbered 2 in the data's chain: due 15/06 + 3 months =
//    15/09/2023, held 10/12/2023: late.
// S2: care since 2021, one review 01/05/2023: not assessable.
// T: a review but no episode at all: held, not assessable.
// U: start Mon 07/08/2023: 8-11 Aug (4), 14-18 (9), 21-25 (14), 28 holiday, 29-31 (17),
//    01/09 (18), 04/09 (19), 05/09 (20): due 05/09/2023, held that day (twice in the file: the
//    repeat is rejected): on time.
// V: period 01/06/2023 to 01/09/2023 (end inclusive). Review 1 due: 2 Jun (1), 5-9 (6),
//    12-16 (11), 19-23 (16), 26-29 (20) = 29/06/2023; held 01/09/2023: late. 01/10/2023 is in
//    no period: not assessable.
// Y: start Sat 01/07/2023: 3-7 Jul (5), 10-14 (10), 17-21 (15), 24-28 (20): due 28/07/2023,
//    held 20/07: on time.
const REVIEWS: &str = "
CHILD,REVIEW,REVIEW_CODE
P,10/05/2023,PN1
P,10/08/2023,PN1
P,11/02/2024,PN2
Q,31/08/2023,PN0
Q,30/11/2023,PN0
R,31/05/2022,PN1
R,31/08/2022,PN1
R,28/02/2023,PN1
R,29/08/2023,PN7
R,29/02/2024,pn3
S,15/06/2023,PN5
S,10/12/2023,PN6
S2,01/05/2023,PN4
T,01/07/2023,
U,05/09/2023,PN1
U,05/09/2023,PN1
V,01/09/2023,PN9
V,01/10/2023,PN2
Y,20/07/2023,PN1
";

fn year_2024() -> Report {
    report(
        &dataset("", EPISODES, REVIEWS, ""),
        2024,
        &Settings::default(),
    )
}

#[test]
fn held_on_time_late_and_not_assessable() {
    let r = year_2024().reviews;
    // In the year: P 3, Q 2, R 2, S 2, S2 1, T 1, U 1, V 2, Y 1 = 15.
    assert_eq!(r.held, 15);
    // On time: P 2, Q 2, R 1, U 1, Y 1 = 7. Late: P, R, S, V = 4. Not assessable: S, S2, T, V = 4.
    assert_eq!(
        (r.on_time, r.late, r.not_assessable, r.assessable),
        (7, 4, 4, 11)
    );
    assert_eq!(r.coverage_start.map(iso).as_deref(), Some("2022-04-01"));
}

#[test]
fn reviews_by_month() {
    let r = year_2024().reviews;
    let m = |held, on_time, late, not_assessable| MonthReviews {
        held,
        on_time,
        late,
        not_assessable,
    };
    let months: Vec<String> = r.by_month.keys().map(|d| year_month(*d)).collect();
    let got: Vec<(&str, &MonthReviews)> = months
        .iter()
        .map(String::as_str)
        .zip(r.by_month.values())
        .collect();
    let zero = m(0, 0, 0, 0);
    let expected = [
        ("2023-04", zero.clone()),
        ("2023-05", m(2, 1, 0, 1)), // P 10/05 on time; S2 01/05 not assessable
        ("2023-06", m(1, 0, 0, 1)), // S 15/06
        ("2023-07", m(2, 1, 0, 1)), // T 01/07; Y 20/07
        ("2023-08", m(3, 2, 1, 0)), // P 10/08, Q 31/08 on time; R 29/08 late
        ("2023-09", m(2, 1, 1, 0)), // U 05/09 on time; V 01/09 late
        ("2023-10", m(1, 0, 0, 1)), // V 01/10 outside care
        ("2023-11", m(1, 1, 0, 0)), // Q 30/11
        ("2023-12", m(1, 0, 1, 0)), // S 10/12
        ("2024-01", zero.clone()),
        ("2024-02", m(2, 1, 1, 0)), // P 11/02 late; R 29/02 on time
        ("2024-03", zero),
    ];
    assert_eq!(
        got,
        expected.iter().map(|(k, v)| (*k, v)).collect::<Vec<_>>()
    );
}

#[test]
fn participation_codes_with_unknown_and_lower_case() {
    use careboard::report::keys::Participation::*;
    let p = year_2024().reviews.participation;
    // PN0: Q x2. PN1: P x2, U, Y. PN2: P, V. PN3: R (written pn3). PN4 S2, PN5 S, PN6 S, PN7 R.
    // Unknown: T (blank), V (PN9).
    assert_eq!(
        (p[Pn0], p[Pn1], p[Pn2], p[Pn3], p[Pn4], p[Pn5], p[Pn6], p[Pn7], p[Unknown]),
        (2, 4, 2, 1, 1, 1, 1, 1, 2)
    );
}

#[test]
fn overdue_at_year_end() {
    // Looked after at 31/03/2024: P, Q, R, S, S2, U, W, X, Y.
    // P next due 11/08/2024; Q 30/05/2024; R 29/08/2024; S 10/06/2024 (two reviews in the data,
    // so the latest + 6 months); S2 unknown (began before coverage, one review): not counted.
    // U: one review, next due 05/12/2023: overdue. Y: one review, next due 20/10/2023: overdue.
    // W: start Thu 01/02/2024, no review: 2 Feb (1), 5-9 (6), 12-16 (11), 19-23 (16), 26-29
    //    (20): due 29/02/2024: overdue.
    // X: start Fri 01/03/2024: 4-8 Mar (5), 11-15 (10), 18-22 (15), 25-28 (19), Good Friday
    //    29/03 and Easter Monday 01/04 are holidays, 02/04 (20): due 02/04/2024: not yet.
    assert_eq!(year_2024().reviews.overdue_at_year_end, 3);
}

#[test]
fn duplicate_review_is_rejected_and_counted_once() {
    let data = dataset("", EPISODES, REVIEWS, "");
    let reviews = data
        .inputs
        .iter()
        .find(|i| i.table.name() == "reviews")
        .unwrap();
    // 19 rows: U's second 05/09/2023 is the only repeat.
    assert_eq!(
        (reviews.rows_read, reviews.rows_used, reviews.rows_rejected),
        (19, 18, 1)
    );
    let rejected: Vec<(u32, &str)> = data
        .rejections()
        .map(|i| (i.row, i.column.as_str()))
        .collect();
    // Header is row 1, so the 16th data row is spreadsheet row 17.
    assert_eq!(rejected, [(17, "REVIEW")]);
}

#[test]
fn a_review_on_the_day_one_period_ends_and_the_next_begins_belongs_to_the_later_one() {
    // Z: period 1 [01/06/2023, 01/09/2023] ends E13; period 2 starts S on 01/09/2023. The review
    // on 01/09/2023 is in both ranges, so it is period 2's first review, due 20 working days
    // after 01/09/2023 (29/09/2023): on time. In period 1 it would have been late (due 29/06).
    let episodes = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
Z,01/06/2023,S,C2,U4,01/09/2023,E13
Z,01/09/2023,S,C2,U4,,
";
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nZ,01/09/2023,PN1";
    let r = report(
        &dataset("", episodes, reviews, ""),
        2024,
        &Settings::default(),
    )
    .reviews;
    assert_eq!((r.held, r.on_time, r.late, r.not_assessable), (1, 1, 0, 0));
    // Coverage starts 01/04/2023 (the review's own year); period 2 began after it.
    assert_eq!(r.coverage_start.map(iso).as_deref(), Some("2023-04-01"));
}

#[test]
fn with_one_year_of_reviews_older_periods_cannot_be_judged_until_two_reviews_are_held() {
    // Only this year's reviews: coverage start 01/04/2023. R's period began 03/05/2022, so its
    // first review in the data (29/08/2023) is not assessable, and 29/02/2024 is review 2 of the
    // data's chain: due 29/08/2023 + 3 months = 29/11/2023: late.
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nR,29/08/2023,PN1\nR,29/02/2024,PN1";
    let r = report(
        &dataset("", EPISODES, reviews, ""),
        2024,
        &Settings::default(),
    )
    .reviews;
    assert_eq!((r.held, r.on_time, r.late, r.not_assessable), (2, 0, 1, 1));
    // Overdue: R has two reviews, next due 29/08/2024: no. P, Q, U, Y began after the coverage
    // start with no review: P due 10/05/2023, Q 31/08/2023, U 05/09/2023, W 29/02/2024, Y
    // 28/07/2023: overdue; X due 02/04/2024: no; S and S2 unknown. So 5.
    assert_eq!(r.overdue_at_year_end, 5);
}

#[test]
fn without_a_reviews_table_nothing_is_overdue_or_held() {
    let r = report(&dataset("", EPISODES, "", ""), 2024, &Settings::default()).reviews;
    assert_eq!((r.held, r.overdue_at_year_end), (0, 0));
    assert_eq!(r.by_month.len(), 12);
    assert_eq!(r.coverage_start, None);
}

#[test]
fn late_and_overdue_lists_name_each_child() {
    let r = year_2024().reviews;
    // Late reviews of the year, by date held (see the chains above), with calendar days after due:
    // R held 29/08/2023, due 28/08: 1. V held 01/09/2023, due 29/06: 1 (June) + 31 + 31 + 1 = 64.
    // S held 10/12/2023, due 15/09: 15 (Sept) + 31 + 30 + 10 = 86. P held 11/02/2024, due 10/02: 1.
    let dates: Vec<(String, String)> = r
        .late_list
        .iter()
        .map(|l| (iso(l.held), iso(l.due)))
        .collect();
    let late: Vec<(&str, &str, &str, i64)> = r
        .late_list
        .iter()
        .zip(&dates)
        .map(|(l, (held, due))| (l.child.as_str(), held.as_str(), due.as_str(), l.days_late))
        .collect();
    assert_eq!(
        late,
        [
            ("R", "2023-08-29", "2023-08-28", 1),
            ("V", "2023-09-01", "2023-06-29", 64),
            ("S", "2023-12-10", "2023-09-15", 86),
            ("P", "2024-02-11", "2024-02-10", 1),
        ]
    );
    assert_eq!(r.late_list.len() as u64, r.late);
    // Overdue at 31/03/2024, by child: U due 05/12/2023: 26 + 31 + 29 + 31 = 117 days.
    // W due 29/02/2024: 31. Y due 20/10/2023: 11 + 30 + 31 + 31 + 29 + 31 = 163.
    let dues: Vec<String> = r.overdue_list.iter().map(|o| iso(o.due)).collect();
    let overdue: Vec<(&str, &str, i64)> = r
        .overdue_list
        .iter()
        .zip(&dues)
        .map(|(o, due)| (o.child.as_str(), due.as_str(), o.days_overdue))
        .collect();
    assert_eq!(
        overdue,
        [
            ("U", "2023-12-05", 117),
            ("W", "2024-02-29", 31),
            ("Y", "2023-10-20", 163)
        ]
    );
}

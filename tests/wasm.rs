//! The library as the page's worker runs it, in a real browser (headless Chromium through
//! wasm-bindgen-test-runner): `Session` reads CSV files and `present::sections` shows the
//! figures. The same hand-worked fixture as tests/present.rs, so any difference between
//! native and wasm32 (integer widths, dates, float formatting) fails here.
//!
//! Run: `make wasm-test` (CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm).
#![cfg(target_arch = "wasm32")]

use careboard::model::dates::iso;
use careboard::present::{sections, Block, Presentation, Section};
use careboard::report::keys::Distance;
use careboard::session::{in_memory, Options, Outcome, Request, Response, Session};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// Year ending 31/03/2024 (worked out in tests/present.rs):
// A: in care since 01/01/2023, 5 miles away; reviews 10/06/2023 (PN1, not checked: the period
//    began before coverage) and 10/12/2023 (PN7, late by 91 days).
// B: started 01/06/2023, adopted (E11) 01/02/2024.
// C: no header row; started Mon 01/05/2023, 25 miles away; review 15/05/2023 (PN0) on time,
//    next due 15/08/2023 never held: overdue at 31/03/2024.
const HEADER: &str = "CHILD,SEX,DOB,ETHNIC
A,1,01/06/2010,WBRI
B,2,01/01/2015,BAFR
";
const EPISODES: &str = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC,PL_DISTANCE
A,01/01/2023,S,C2,U4,,,5
B,01/06/2023,S,V2,U1,01/02/2024,E11,1
C,01/05/2023,S,C1,K2,,,25
";
const REVIEWS: &str = "CHILD,REVIEW,REVIEW_CODE
A,10/06/2023,PN1
A,10/12/2023,PN7
C,15/05/2023,PN0
";

fn session_for_2024() -> (Outcome, Vec<String>) {
    let mut session = Session::new();
    let mut heard = Vec::new();
    session.handle(
        Request::Options(Options {
            year: Some(2024),
            ..Options::default()
        }),
        vec![],
        &mut |_| {},
    );
    let files = [
        ("header.csv", HEADER),
        ("episodes.csv", EPISODES),
        ("reviews.csv", REVIEWS),
    ]
    .iter()
    .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
    .collect();
    let outcome = session.handle(Request::Add, in_memory(files), &mut |r| {
        if let Response::Progress { message, .. } = r {
            heard.push(message);
        }
    });
    (outcome, heard)
}

fn headline_figures(all: &[Section]) -> Vec<(String, String)> {
    all.iter()
        .find(|s| s.id.anchor() == "headlines")
        .expect("a headlines section")
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Figures(f) => f.clone(),
            _ => vec![],
        })
        .map(|f| (f.label, f.value.display()))
        .collect()
}

#[wasm_bindgen_test]
fn session_reads_csv_files_in_the_browser() {
    let (outcome, heard) = session_for_2024();
    assert_eq!(
        heard,
        [
            "Reading header.csv (1 of 3)",
            "Reading episodes.csv (2 of 3)",
            "Reading reviews.csv (3 of 3)",
            "Working out the figures"
        ]
    );
    assert_eq!(outcome.problem, None);
    // The latest date, 01/02/2024, falls in the year ending 31/03/2024... whose 31 March is
    // after it: the default year is 2023; the earliest (01/01/2023) is in 2023 too.
    assert_eq!(outcome.default_year, Some(2023));
    assert_eq!(outcome.years, [2023]);
    let r = outcome.report.expect("a report for 2024");
    assert_eq!(iso(r.year_ending), "2024-03-31");
    // A and C on 31 March; B and C started; B left.
    assert_eq!(r.cla_at_31_march.total, 2);
    assert_eq!(r.started, 2);
    assert_eq!(r.ceased.total, 1);
    // Three reviews held: C's on time, A's PN7 late, A's PN1 not assessable.
    assert_eq!(r.reviews.held, 3);
    assert_eq!(r.reviews.on_time, 1);
    assert_eq!(r.reviews.late, 1);
    assert_eq!(r.reviews.assessable, 2);
    assert_eq!(r.reviews.not_assessable, 1);
    // C's second review, due 15/08/2023, never held.
    assert_eq!(r.reviews.overdue_at_year_end, 1);
    assert_eq!(r.cla_at_31_march.three_plus_placements, 0);
    // C at 25 miles.
    assert_eq!(r.cla_at_31_march.distance[Distance::Over20Miles], 1);
}

#[wasm_bindgen_test]
fn sections_show_the_hand_worked_headlines_in_the_browser() {
    let report = session_for_2024().0.report.expect("report");
    let all = sections(&report, Presentation::default());
    let ids: Vec<&str> = all.iter().map(|s| s.id.anchor()).collect();
    assert_eq!(
        ids,
        [
            "headlines",
            "reviews",
            "in-care",
            "flows",
            "stability",
            // Always shown: without the IRO service's exports it says which would give each part.
            "iro-service",
            "data-quality"
        ]
    );
    let expected = [
        ("Children looked after on 31 March 2024", "2"),
        ("Children who started to be looked after", "2"),
        ("Children who stopped being looked after", "1"),
        ("Reviews held", "3"),
        // 1 of 2 assessable.
        ("Reviews held on time", "50.0%"),
        // PN1 took part, PN7 did not; PN0 is under 4.
        (
            "Children aged 4 and over who took part in their review",
            "50.0%",
        ),
        ("Children with 3 or more placements in the year", "0"),
        ("Children placed more than 20 miles from home", "1"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(headline_figures(&all), expected);

    // Publication mode: every count of 1 to 4 reads "fewer than 5", percentages built on them
    // read "hidden" (never "fewer than 5", which would read as under 5%), 0 stays 0.
    let public = sections(
        &report,
        Presentation {
            publication: true,
            ..Presentation::default()
        },
    );
    let shown: Vec<String> = headline_figures(&public)
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    assert_eq!(
        shown,
        [
            "fewer than 5",
            "fewer than 5",
            "fewer than 5",
            "fewer than 5",
            "hidden",
            "hidden",
            "0",
            "fewer than 5"
        ]
    );
}

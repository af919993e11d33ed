//! The one walk over every child that counts the cohort, stability, starters and leavers of the
//! report's year and the trend's years before it (`measures::years`), on a hand-checked
//! fixture whose children are counted in more than one year.

mod common;

use std::collections::BTreeMap;

use careboard::measures::calendar::ReportingYear;
use careboard::measures::care::Care;
use careboard::measures::trend::years_before;
use careboard::measures::years::{year_figures, YearFigures};
use careboard::report::keys::{AgeBand, Distance, Sex, TimeInCare};
use careboard::report::LongTermStability;
use careboard::settings::Settings;
use common::dataset;

/// A: one open episode from 01/06/2021: in the cohort of 2023, 2024 and 2025.
/// B: started 01/05/2022 (2023), open at 31/03/2023 in its second episode, adopted (E11) on
///    15/06/2023 (2024); the first episode's X1 is no leaving.
/// C: no header row; started 01/04/2023 (2024), three placements in 2024 (S, P, B), open at
///    31/03/2024, left on 01/05/2024 (E41, 2025); UASC until 01/02/2025.
const HEADER: &str = "
CHILD,SEX,DOB,ETHNIC
A,1,01/01/2015,WBRI
B,2,01/01/2010,WBRI
";

const EPISODES: &str = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
A,01/06/2021,S,C2,U4,,
B,01/05/2022,S,V2,U4,01/10/2022,X1
B,01/10/2022,P,V2,U5,15/06/2023,E11
C,01/04/2023,S,C1,U1,01/07/2023,X1
C,01/07/2023,P,C2,K2,01/01/2024,X1
C,01/01/2024,B,C2,R1,01/05/2024,E41
";

const UASC: &str = "
CHILD,DUC
C,01/02/2025
";

fn year(ending: i32) -> ReportingYear {
    ReportingYear::ending(ending).expect("a representable year")
}

fn reasons(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|&(k, n)| (k.to_string(), n)).collect()
}

#[test]
fn the_trend_holds_only_years_whose_1_april_follows_the_earliest_episode_start() {
    let data = dataset(HEADER, EPISODES, "", UASC);
    let care = Care::new(&data);
    // The earliest DECOM is 01/06/2021: 2022 starts 01/04/2021, before it; 2023 and 2024
    // start after it. 2021 starts even earlier.
    assert_eq!(years_before(&care, year(2025)), [year(2023), year(2024)]);
}

#[test]
fn each_year_counts_its_own_cohort_starters_and_leavers_in_the_one_walk() {
    let data = dataset(HEADER, EPISODES, "", UASC);
    let care = Care::new(&data);
    let settings = Settings::default();
    let index = |name: &str| data.children.iter().position(|c| c == name).unwrap() as u32;
    let (a, b, c) = (index("A"), index("B"), index("C"));
    let (report, earlier) = year_figures(&care, year(2025), &[year(2023), year(2024)], &settings);
    let y2025 = report.figures;
    let [y2023, y2024] = <[YearFigures; 2]>::try_from(earlier).unwrap();

    // 2023 (01/04/2022-31/03/2023): A and B open at 31 March; B started (01/05/2022); nobody
    // left. B: 2 placements (S, P); A: 1. A's period began 01/06/2021: 22 months, 1 to 2
    // years; B's 01/05/2022: 11 months, 6 to 12 months. Long-term stability needs the period
    // to start by 30/09/2020: neither is eligible. Ages at 31/03/2023: A 8, B 13.
    assert_eq!(y2023.year, year(2023));
    let cohort: Vec<u32> = y2023.cohort.iter().map(|m| m.child).collect();
    assert_eq!(cohort, [a, b]);
    assert_eq!(
        y2023.cohort[1].open, 1,
        "B's second episode is the open one"
    );
    assert_eq!(y2023.cla.total, 2);
    assert_eq!(
        (y2023.cla.sex[Sex::Male], y2023.cla.sex[Sex::Female]),
        (1, 1)
    );
    assert_eq!(y2023.cla.age_band[AgeBand::FiveToNine], 1);
    assert_eq!(y2023.cla.age_band[AgeBand::TenToFifteen], 1);
    assert_eq!(y2023.cla.time_in_care[TimeInCare::OneToTwoYears], 1);
    assert_eq!(y2023.cla.time_in_care[TimeInCare::SixTo12Months], 1);
    assert_eq!(y2023.cla.distance[Distance::NotKnown], 2);
    assert_eq!(y2023.cla.three_plus_placements, 0);
    assert_eq!(y2023.cla.long_term_stability, LongTermStability::default());
    assert_eq!(y2023.cla.uasc, 0);
    assert_eq!(y2023.started, 1);
    assert_eq!(y2023.ceased.total, 0);

    // 2024: A and C open at 31 March (C's third episode). C started 01/04/2023; B left
    // (E11, 15/06/2023). C: S + P + B = 3 placements. A is 9, under 16, in a period that
    // began 01/06/2021, by 30/09/2021 (end - 30 months): eligible, and its carer since then,
    // by 31/03/2022 (end - 24 months): stable. C has no date of birth: not eligible. C is
    // UASC (DUC 01/02/2025 is after 31/03/2024); its period began 01/04/2023: 6 to 12 months.
    let cohort: Vec<u32> = y2024.cohort.iter().map(|m| m.child).collect();
    assert_eq!(cohort, [a, c]);
    assert_eq!(y2024.cla.total, 2);
    assert_eq!(y2024.cla.sex[Sex::Unknown], 1);
    assert_eq!(y2024.cla.time_in_care[TimeInCare::TwoToFiveYears], 1);
    assert_eq!(y2024.cla.time_in_care[TimeInCare::SixTo12Months], 1);
    assert_eq!(y2024.cla.three_plus_placements, 1);
    let one_stable = LongTermStability {
        eligible: 1,
        stable: 1,
    };
    assert_eq!(y2024.cla.long_term_stability, one_stable);
    assert_eq!(y2024.cla.uasc, 1);
    assert_eq!(y2024.started, 1);
    // C arrived UASC: its DUC, 01/02/2025, is on or after its start, 01/04/2023.
    assert_eq!(y2024.started_uasc, 1);
    assert_eq!(y2024.ceased.total, 1);
    assert_eq!(y2024.ceased.reason, reasons(&[("E11", 1)]));

    // 2025: only A (now 10). C left on 01/05/2024 (E41), so is neither in the cohort nor
    // UASC at the end; nobody started.
    let cohort: Vec<u32> = y2025.cohort.iter().map(|m| m.child).collect();
    assert_eq!(cohort, [a]);
    assert_eq!(y2025.cla.age_band[AgeBand::TenToFifteen], 1);
    assert_eq!(y2025.cla.three_plus_placements, 0);
    assert_eq!(y2025.cla.long_term_stability, one_stable);
    assert_eq!(y2025.cla.uasc, 0);
    assert_eq!(y2025.started, 0);
    assert_eq!(y2025.ceased.reason, reasons(&[("E41", 1)]));

    // Each year's figures are the same walked alone as walked with the others.
    for figures in [&y2023, &y2024, &y2025] {
        let (alone, none) = year_figures(&care, figures.year, &[], &settings);
        assert_eq!(&alone.figures, figures);
        assert!(none.is_empty());
    }
}

//! Every rule of MEASURES.md on small hand-checked fixtures. The expected values are worked
//! out by hand in the comments; none is copied from the program's output.

mod common;

use careboard::measures::{dates_span, default_year};
use careboard::model::dates::iso;
use careboard::report::keys::{
    AgeBand, Breakdown, Distance, EthnicGroup, LegalStatus, Placement, Sex,
};
use careboard::session::years;
use careboard::settings::Settings;
use common::{dataset, report};

/// Year ending 31/03/2024: 1 Apr 2023 to 31 Mar 2024.
///
/// A: X1 chain U4 -> U6 -> K2, care began 01/01/2023, looked after at 31 March.
/// B: starts 15/05/2023, ceases E4A on 31/03/2024 (an episode ending on 31 March: not in the cohort).
/// C: short breaks only (V3, V4): counted nowhere.
/// D: a gap: ceased E13 on 01/07/2023, a new period from 01/08/2023 (started again).
/// E: two open episodes (bad data): the later DECOM (A4, E1) is the one that counts.
/// F: no header row: sex, age and ethnicity unknown.
/// G: 29/02/2008 birthday: 16 on 31/03/2024; blank ethnicity; SEX U.
const HEADER: &str = "
CHILD,SEX,DOB,ETHNIC
A,1,01/06/2010,WBRI
B,F,02/02/2020,WBRI
C,1,01/01/2012,WBRI
D,2,29/02/2020,CHNE
E,M,01/04/2008,BAFR
G,U,29/02/2008,
";

const EPISODES: &str = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC,PL_DISTANCE
A,01/01/2023,S,C2,U4,01/06/2023,X1,5
A,01/06/2023,P,C2,U6,01/09/2023,X1,5
A,01/09/2023,P,C2,K2,,,25.0
B,15/05/2023,S,V2,U1,31/03/2024,E4A,1
C,01/02/2023,S,V3,U4,03/02/2023,E13,1
C,01/03/2024,S,V4,U4,,,1
D,01/01/2022,S,C1,U4,01/07/2023,E13,1
D,01/08/2023,S,C2,U4,,,3.2
E,01/04/2022,S,C2,U4,,,1
E,01/02/2024,P,E1,A4,,,
F,10/10/2023,S,J1,R5,,,999.9
G,01/03/2024,S,V2,P2,,,20.0
";

const UASC: &str = "
CHILD,SEX,DOB,DUC
G,U,29/02/2008,
F,1,01/01/2007,31/03/2024
A,1,01/06/2010,01/04/2024
";

#[test]
fn cohort_flows_and_month_ends_on_the_x1_gap_short_break_fixture() {
    let data = dataset(HEADER, EPISODES, "", UASC);
    let r = report(&data, 2024, &Settings::default());
    let c = &r.cla_at_31_march;
    // Open at 31/03/2024: A (K2), D (second period), E (A4 wins), F, G. Not B (DEC = 31 March),
    // not C (short breaks dropped).
    assert_eq!(c.total, 5);
    // A male, D female, E male; F has no header, G is U.
    assert_eq!(
        (c.sex[Sex::Male], c.sex[Sex::Female], c.sex[Sex::Unknown]),
        (2, 1, 2)
    );
    // A 13, D 4 (29 Feb 2020 -> 4 on 31/03/2024), E 15 (16 on 1 April), F unknown, G 16.
    let a = &c.age_band;
    assert_eq!(
        (
            a[AgeBand::Under1],
            a[AgeBand::OneToFour],
            a[AgeBand::FiveToNine],
            a[AgeBand::TenToFifteen],
            a[AgeBand::SixteenAndOver],
            a[AgeBand::Unknown]
        ),
        (0, 1, 0, 2, 1, 1)
    );
    // By sex: males A (13) and E (15) are both 10-15; female D (4) is 1-4; of the unknown
    // sex, F has no date of birth and G is 16.
    let bands = |b: &Breakdown<AgeBand>| {
        [
            b[AgeBand::Under1],
            b[AgeBand::OneToFour],
            b[AgeBand::FiveToNine],
            b[AgeBand::TenToFifteen],
            b[AgeBand::SixteenAndOver],
            b[AgeBand::Unknown],
        ]
    };
    let by_sex = &c.age_band_by_sex;
    assert_eq!(bands(&by_sex[Sex::Male]), [0, 0, 0, 2, 0, 0]);
    assert_eq!(bands(&by_sex[Sex::Female]), [0, 1, 0, 0, 0, 0]);
    assert_eq!(bands(&by_sex[Sex::Unknown]), [0, 0, 0, 0, 1, 1]);
    // A WBRI, D CHNE (Asian by default), E BAFR, F and G not known.
    let e = &c.ethnic_group;
    assert_eq!(
        (
            e[EthnicGroup::White],
            e[EthnicGroup::Mixed],
            e[EthnicGroup::Asian],
            e[EthnicGroup::Black],
            e[EthnicGroup::Other],
            e[EthnicGroup::NotKnown]
        ),
        (1, 0, 1, 1, 0, 2)
    );
    // A C2, D C2, E E1, F J1, G V2.
    let l = &c.legal_status;
    assert_eq!(
        (
            l[LegalStatus::InterimCareOrder],
            l[LegalStatus::FullCareOrder],
            l[LegalStatus::PlacementOrder],
            l[LegalStatus::Section20],
            l[LegalStatus::DetainedForChildProtection],
            l[LegalStatus::YouthJustice],
            l[LegalStatus::Unknown]
        ),
        (0, 2, 1, 1, 0, 1, 0)
    );
    // A K2, D U4, E A4, F R5, G P2.
    let p = &c.placement;
    assert_eq!(
        (
            p[Placement::SecureAndChildrensHomes],
            p[Placement::FosterOtherCarer],
            p[Placement::PlacedForAdoption],
            p[Placement::OtherResidential],
            p[Placement::IndependentOrSupported],
            p[Placement::FosterRelativeFriend],
            p[Placement::Unknown]
        ),
        (1, 1, 1, 1, 1, 0, 0)
    );
    // Recorded PL_DISTANCE: A 25.0 over; D 3.2 and G 20.0 (not strictly over) up to 20;
    // E blank and F 999.9 not known.
    assert_eq!(
        (
            c.distance[Distance::UpTo20Miles],
            c.distance[Distance::Over20Miles],
            c.distance[Distance::NotKnown]
        ),
        (2, 1, 2)
    );
    // UASC at 31 March: G (DUC blank) and A (DUC 01/04/2024, after the end); F's DUC is the end itself.
    assert_eq!(c.uasc, 2);
    // Placements in the year: A 1 + P + P = 3; D 1 + S = 2; E 1 + P = 2; F 1; G 1.
    assert_eq!(c.three_plus_placements, 1);
    // Started (RNE S, DECOM in year): B, D (01/08/2023), F, G. A and E began before; C is short breaks.
    assert_eq!(r.started, 4);
    // Ceased: B (E4A on 31/03/2024) and D (E13 on 01/07/2023). C's E13 is a short break.
    assert_eq!(r.ceased.total, 2);
    assert_eq!(
        r.ceased
            .reason
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        [("E13", 1), ("E4A", 1)]
    );
    // Month ends: Apr A,D,E = 3; May +B = 4; Jun 4 (D's DEC 01/07 > 30/06); Jul D gone = 3;
    // Aug D back = 4; Sep 4; Oct +F = 5; ... Feb 5; Mar: B gone (DEC = 31/03), G in = 5.
    let months: Vec<u64> = r.cla_month_end.values().copied().collect();
    assert_eq!(months, [3, 4, 4, 3, 4, 4, 5, 5, 5, 5, 5, 5]);
    assert_eq!(
        r.cla_month_end.keys().next().map(|d| iso(*d)).as_deref(),
        Some("2023-04-30")
    );
    assert_eq!(
        r.cla_month_end.keys().nth(10).map(|d| iso(*d)).as_deref(),
        Some("2024-02-29")
    );
}

#[test]
fn chinese_can_be_counted_as_other() {
    let data = dataset(HEADER, EPISODES, "", UASC);
    let settings = Settings {
        chinese_as_other: true,
        ..Settings::default()
    };
    let e = report(&data, 2024, &settings).cla_at_31_march.ethnic_group;
    assert_eq!((e[EthnicGroup::Asian], e[EthnicGroup::Other]), (0, 1));
}

#[test]
fn the_default_year_is_the_latest_31_march_on_or_before_the_latest_date() {
    // Latest date in EPISODES: B's DEC, 31/03/2024, exactly a year end: year ending 2024.
    let data = dataset(HEADER, EPISODES, "", "");
    assert_eq!(default_year(&data), Some(2024));
    // Latest date 30/03/2024, a day short of 31 March: the year ending 31/03/2023.
    let data = dataset(
        "",
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/01/2023,S,C2,U4,30/03/2024,E4A",
        "",
        "",
    );
    assert_eq!(default_year(&data), Some(2023));
    // A review dated 31/03/2024 is a date like any other.
    let data = dataset("", "", "CHILD,REVIEW,REVIEW_CODE\nA,31/03/2024,PN1", "");
    assert_eq!(default_year(&data), Some(2024));
    // Every date in the data counts, a short break's too (the rule speaks of the data, not of
    // what is counted): a lone V3 episode of 10/05/2024 gives the year ending 31/03/2024.
    let data = dataset(
        "",
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,10/05/2024,S,V3,U4,,",
        "",
        "",
    );
    assert_eq!(default_year(&data), Some(2024));
    // An export taken in May 2024.
    let data = dataset(
        "",
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,10/05/2024,S,C2,U4,,",
        "",
        "",
    );
    assert_eq!(default_year(&data), Some(2024));
    assert_eq!(default_year(&dataset("", "", "", "")), None);
}

#[test]
fn the_years_offered_run_from_the_earliest_start_or_review_to_the_default_year() {
    // DECOM 01/01/2019 to DEC 30/03/2024 (the latest date: the default year ends 31/03/2023);
    // a review of 15/06/2018, the earliest date, in the year ending 31/03/2019; B's DEC of
    // 01/02/2019 is not a start, and counts only towards the latest.
    let data = dataset(
        "",
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n\
         A,01/01/2019,S,C2,U4,30/03/2024,E4A\n\
         B,01/01/2019,S,C2,U4,01/02/2019,E4A",
        "CHILD,REVIEW,REVIEW_CODE\nA,15/06/2018,PN1",
        "",
    );
    let d = |y, m, day| careboard::model::Date::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(dates_span(&data), Some((d(2018, 6, 15), d(2024, 3, 30))));
    assert_eq!(years(&data), [2023, 2022, 2021, 2020, 2019]);
    // No dates: no span, no years.
    let none = dataset("", "", "", "");
    assert_eq!((dates_span(&none), years(&none)), (None, vec![]));
}

/// Year ending 31/03/2025: end - 30 months = 30/09/2022; end - 24 months = 31/03/2023.
#[test]
fn long_term_stability_walks_back_through_same_carer_episodes() {
    let header = "
CHILD,SEX,DOB,ETHNIC
H,1,01/01/2015,WBRI
I,1,01/01/2015,WBRI
J,1,01/03/2009,WBRI
K,1,01/01/2015,WBRI
L,1,01/01/2015,WBRI
";
    // H: S 01/09/2022, L (legal status only), T (same carer): the run goes back to the S. Stable.
    // I: period from 2020, P (new carer) 01/05/2023: run starts after 31/03/2023. Eligible, not stable.
    // J: 16 on 31/03/2025 (born 01/03/2009): not eligible.
    // K: period starts 01/10/2022, a day after the 30-month limit: not eligible.
    // L: period starts on the limit 30/09/2022: eligible and stable.
    // M: no header, age unknown: not eligible.
    let episodes = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
H,01/09/2022,S,C2,U4,01/01/2023,X1
H,01/01/2023,L,E1,U4,01/06/2023,X1
H,01/06/2023,T,E1,U5,,
I,01/01/2020,S,C2,U4,01/05/2023,X1
I,01/05/2023,P,C2,U4,,
J,01/01/2020,S,C2,U4,,
K,01/10/2022,S,C2,U4,,
L,30/09/2022,S,C2,U4,,
M,01/01/2020,S,C2,U4,,
";
    let r = report(
        &dataset(header, episodes, "", ""),
        2025,
        &Settings::default(),
    );
    let s = &r.cla_at_31_march.long_term_stability;
    assert_eq!((s.eligible, s.stable), (3, 2));
}

/// N's year (ending 31/03/2025): S, T (same carer), P into T3 (temporary), P back (the return),
/// L (legal status only), U (same carer, new legal status).
const N_EPISODES: &str = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC
N,01/01/2024,S,C2,U4,01/05/2024,X1
N,01/05/2024,T,C2,U4,01/07/2024,X1
N,01/07/2024,P,C2,T3,10/07/2024,X1
N,10/07/2024,P,C2,U4,01/10/2024,X1
N,01/10/2024,L,E1,U4,01/12/2024,X1
N,01/12/2024,U,E1,A5,,
O,01/01/2024,S,C2,U4,01/06/2024,X1
O,01/06/2024,P,C2,U4,,
";

#[test]
fn placements_count_s_p_b_t_u_by_default() {
    // N: 1 (first) + T + P(T3) + P(return) + U = 5; the L adds nothing. O: 1 + P = 2.
    let r = report(&dataset("", N_EPISODES, "", ""), 2025, &Settings::default());
    assert_eq!(r.cla_at_31_march.three_plus_placements, 1);
}

#[test]
fn placement_options_leave_out_same_carer_moves_and_temporary_placements() {
    use careboard::measures::{calendar::ReportingYear, care::Care, stability::placements_in_year};
    let data = dataset("", N_EPISODES, "", "");
    let care = Care::new(&data);
    let year = ReportingYear::ending(2025).unwrap();
    let n = data.children.iter().position(|c| c == "N").unwrap() as u32;
    let count = |same_carer, temporary| {
        let s = Settings {
            count_same_carer_moves: same_carer,
            count_temporary_placements: temporary,
            ..Settings::default()
        };
        placements_in_year(&care, n, year, &s)
    };
    // Default: 1 + T + P + P + U = 5.
    assert_eq!(count(true, true), 5);
    // Without T/U: 1 + P(T3) + P(return) = 3.
    assert_eq!(count(false, true), 3);
    // Without temporary placements: 1 + T + U = 3 (the T3 episode and the return add nothing).
    assert_eq!(count(true, false), 3);
    // Neither: 1.
    assert_eq!(count(false, false), 1);
    let r = report(
        &data,
        2025,
        &Settings {
            count_same_carer_moves: false,
            count_temporary_placements: false,
            ..Settings::default()
        },
    );
    assert_eq!(r.cla_at_31_march.three_plus_placements, 0);
}

#[test]
fn distance_from_postcodes_when_the_export_has_no_pl_distance() {
    use careboard::measures::distance::miles;
    // Sector centroids (from the bundled table, checked against the ONS data in geo's tests):
    // SO23 8 (448542, 129583), SO15 2 (441474, 112969), B13 3 (407502, 281065).
    // 1: SO23 8 -> SO15 2: dE 7068, dN 16614, sqrt(49,956,624 + 276,024,996) = 18,054.9 m
    //    / 1609.344 = 11.2 miles: up to 20.
    // 2: SO23 8 -> B13 3: dE 41040, dN 151482, sqrt(24,631,077,924) = 156,942.9 m = 97.5 miles.
    // 3: no placement postcode; 4: ZZ99 (no fixed abode) has no centroid: not known.
    let episodes = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC,HOME_POST,PL_POST
1,01/01/2024,S,C2,U4,,,SO23 8AA,so152xx
2,01/01/2024,S,C2,U4,,,SO23 8AB,B13 3ZZ
3,01/01/2024,S,C2,U4,,,SO23 8AB,
4,01/01/2024,S,C2,U4,,,ZZ99 3VZ,SO15 2AA
";
    let data = dataset("", episodes, "", "");
    let got: Vec<Option<f64>> = data
        .episode_details
        .iter()
        .map(|e| miles(&data, e))
        .collect();
    assert_eq!(got, [Some(11.2), Some(97.5), None, None]);
    let d = report(&data, 2024, &Settings::default())
        .cla_at_31_march
        .distance;
    assert_eq!(
        (
            d[Distance::UpTo20Miles],
            d[Distance::Over20Miles],
            d[Distance::NotKnown]
        ),
        (1, 1, 2)
    );
}

//! The IRO service's figures (MEASURES.md section 7.2 and 7.3), the Deprivation of Liberty
//! orders (section 8) and disproportionality (section 9), on small hand-worked exports for the
//! year ending 31 March 2024. Working days follow the bundled England and Wales bank holidays
//! (2023: 1 and 8 May, 29 May, 28 Aug, 25 and 26 Dec; 2024: 1 Jan, 29 Mar, 1 Apr).

use careboard::import::{load, load_mapped};
use careboard::mapping::{Profile, TableMapping};
use careboard::measures::make_report;
use careboard::model::{Severity, TableKind};
use careboard::report::iro::ComparisonPopulation;
use careboard::report::keys::PopulationGroup;
use careboard::report::Report;
use careboard::settings::Settings;

const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,M,01/01/2010,WBRI,,,
B,F,01/01/2011,WIRI,,,
C,M,01/01/2012,BAFR,,,
D,F,01/01/2013,MWBC,,,
E,M,01/01/2014,AIND,,,
F,F,01/01/2015,REFU,,,
";

/// Looked after at 31 March 2024: A, B, C, D, F (E left on 1 January 2024). A's episode
/// starts in 2020, so the trend holds the year ending 31 March 2023 too.
const EPISODES: &str =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/01/2020,S,C2,N1,U1,PR1,,,,,,
B,01/06/2022,S,C2,N1,U1,PR1,,,,,,
C,01/06/2023,S,C2,N1,U1,PR1,,,,,,
D,01/04/2023,S,C2,N1,U1,PR1,,,,,,
E,01/04/2023,S,C2,N1,U1,PR1,01/01/2024,E4A,,,,
F,01/05/2023,S,C2,N1,U1,PR1,,,,,,
";

/// A's allocation to I1 ends on 31 March 2024 (the last day allocated: counted then). D moves
/// from I2 to I1 on 1 October. F's row is a social worker's, not an IRO's. E is allocated to I2
/// although no longer looked after.
const ALLOCATIONS: &str = "CHILD,IRO,START,END,ROLE
A,I1,01/04/2023,31/03/2024,IRO
B,I1,01/04/2023,,IRO
C,I2,01/10/2023,,IRO
D,I2,01/04/2023,30/09/2023,IRO
D,I1,01/10/2023,,IRO
E,I2,01/04/2023,,IRO
F,I2,01/04/2023,,SW
";

/// I2 works part time (0.6); I3 has no allocation but chairs a review.
const IROS: &str = "IRO,NAME,FTE,START,END
I1,Ann Ash,1,,
I2,Bea Birch,0.6,,
I3,Cy Cedar,1,,
";

const MEETINGS: &str = "CHILD,REVIEW_ID,DUE_DATE,REVIEW_DATE,CANCELLED,CANCELLED_DATE,CHAIR,RECORD_COMPLETED,MOTHER,FATHER
A,R1,10/05/2023,10/05/2023,N,,I1,07/06/2023,ATTENDED,NONE
B,R2,14/12/2023,14/12/2023,,,,16/01/2024,VIEWS,VIEWS
C,R3,20/02/2024,20/02/2024,,,I3,,,
D,R4,20/03/2024,20/03/2024,,,,,NA,ATTENDED
E,R5,15/06/2023,,Y,,,,,
F,R6,10/04/2023,,Yes,15/03/2023,,,,
A,R7,05/03/2024,05/03/2024,,,I1,01/03/2024,,
B,R8,20/03/2023,20/03/2023,,,I1,01/04/2023,,
F,R9,01/07/2023,,,,,,,
C,R10,12/07/2023,12/07/2023,,,,30/08/2023,Sometimes,
";

/// D1 has three stage rows; D3's stage is not in the list; D4 is resolved after the year;
/// D5 was raised the year before.
const DISPUTES: &str = "DISPUTE_ID,RAISED,STAGE,RESOLVED,CATEGORY
D1,03/07/2023,Informal,,Care plan
D1,17/07/2023,Formal,,
D1,01/08/2023,Head of Service,15/08/2023,
D2,10/10/2023,informal,20/10/2023,Placement
D3,01/02/2024,Tribunal,,
D4,15/03/2024,formal,10/04/2024,Care plan
D5,20/03/2023,formal,01/05/2023,
";

const CONTACTS: &str = "CHILD,CONTACT_DATE,IRO,TYPE
A,01/06/2023,I1,visit
A,01/09/2023,I1,call
C,25/03/2024,I2,visit
E,01/05/2023,I2,visit
B,01/02/2023,I1,visit
";

const DOLO: &str = "CHILD,DOB,DOLO_START,DOLO_END
A,01/01/2010,01/01/2023,
C,01/01/2012,01/06/2023,31/03/2024
E,01/01/2014,01/05/2023,01/02/2024
B,01/01/2011,01/04/2024,
";

/// Children by ethnic group: 10,000 in all.
const POPULATION: &str = "GROUP,CHILDREN
White,8000
Mixed or multiple ethnic groups,500
Asian,1000
black,400
Other ethnic group: Arab,100
";

fn files(with_population: bool) -> Vec<(&'static str, &'static str)> {
    let mut all = vec![
        ("header.csv", HEADER),
        ("episodes.csv", EPISODES),
        ("allocations.csv", ALLOCATIONS),
        ("iros.csv", IROS),
        ("meetings.csv", MEETINGS),
        ("disputes.csv", DISPUTES),
        ("contacts.csv", CONTACTS),
        ("dolo.csv", DOLO),
    ];
    if with_population {
        all.push(("population.csv", POPULATION));
    }
    all
}

fn report_with(files: &[(&str, &str)], settings: &Settings) -> Report {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    make_report(&load(&bytes), Some(2024), settings).unwrap()
}

fn report() -> Report {
    report_with(&files(true), &Settings::default())
}

#[test]
fn as_at_is_the_latest_event_not_a_scheduled_date() {
    // Events: reviews held (latest 20/03/2024), records, allocation starts, contacts
    // (25/03/2024), disputes raised and resolved (D4 resolved 10/04/2024). The rejected R7 and
    // the IROs' dates count for nothing.
    let r = report();
    assert_eq!(r.iro_service.as_at.unwrap().to_string(), "2024-04-10");
}

#[test]
fn caseload_counts_children_per_full_time_iro_at_31_march_and_each_month_end() {
    let r = report();
    let c = r.iro_service.caseload.as_ref().unwrap();
    let at = &c.at_year_end;
    // At 31/03/2024: I1 has A (allocation ending that day), B and D = 3 per 1.0 FTE = 3;
    // I2 has C and E = 2 per 0.6 FTE = 3.33 (F's row is a social worker's). I3 has no child
    // and is not counted. Service: 5 / 1.6 = 3.125 -> 3.
    assert_eq!(at.per_fte, Some(3));
    assert_eq!((at.lowest, at.highest), (Some(3), Some(3)));
    assert_eq!((at.iros, at.fte), (2, 1.6));
    assert_eq!((at.below_50, at.band_50_to_70, at.above_70), (2, 0, 0));
    // April to September: I1 has A, B; I2 has D (to 30/09 inclusive) and E: 4 / 1.6 = 2.5 -> 3
    // (halves up). October to March: 5 / 1.6 = 3.125 -> 3.
    let month_ends: Vec<Option<u64>> = c.month_end.values().copied().collect();
    assert_eq!(month_ends, vec![Some(3); 12]);
    assert_eq!(c.month_end.keys().next().unwrap().to_string(), "2023-04-30");
    // Year average: (6 x 2.5 + 6 x 3.125) / 12 = 2.8125 -> 3.
    assert_eq!(c.year_average, Some(3));
    let by_iro: Vec<_> = c
        .by_iro
        .iter()
        .map(|i| {
            (
                i.iro.as_str(),
                i.name.as_deref(),
                i.fte,
                i.children,
                i.per_fte,
                i.reviews_chaired,
            )
        })
        .collect();
    assert_eq!(
        by_iro,
        [
            ("I1", Some("Ann Ash"), 1.0, 3, 3, Some(3)),
            ("I2", Some("Bea Birch"), 0.6, 2, 3, Some(0)),
        ]
    );
}

#[test]
fn caseload_option_counts_only_children_looked_after_on_the_day() {
    let mut settings = Settings::default();
    settings.iro.caseload_looked_after_only = true;
    let r = report_with(&files(true), &settings);
    let c = r.iro_service.caseload.unwrap();
    // E left care on 01/01/2024: at 31 March I2 has C only, 1 / 0.6 = 1.67 -> 2; I1 3 / 1 = 3;
    // service 4 / 1.6 = 2.5 -> 3 (halves up).
    assert_eq!(c.at_year_end.per_fte, Some(3));
    assert_eq!(
        (c.at_year_end.lowest, c.at_year_end.highest),
        (Some(2), Some(3))
    );
    // 30/04/2023: C is not yet looked after (from 01/06), D and E are: I1 A, B; I2 D, E.
    // 31/01/2024: I1 A, B, D; I2 C only: 4 / 1.6 = 2.5 -> 3.
    assert_eq!(c.by_iro[1].children, 1);
}

#[test]
fn caseload_bands_of_the_iro_handbook_are_judged_on_unrounded_figures() {
    // W: 49 / 1.0 = 49 (below 50); X: 35 / 0.7 = 50 (in the band); Y: 35 / 0.5 = 70 (in the
    // band); Z: 71 / 1.0 = 71 (above 70). Service: 190 / 3.2 = 59.375 -> 59.
    let mut allocations = String::from("CHILD,IRO,START\n");
    let mut child = 0;
    for (iro, n) in [("W", 49), ("X", 35), ("Y", 35), ("Z", 71)] {
        for _ in 0..n {
            child += 1;
            allocations.push_str(&format!("K{child},{iro},01/04/2023\n"));
        }
    }
    let iros = "IRO,FTE\nW,1\nX,0.7\nY,0.5\nZ,1.0\n";
    let r = report_with(
        &[
            ("episodes.csv", EPISODES),
            ("allocations.csv", &allocations),
            ("iros.csv", iros),
        ],
        &Settings::default(),
    );
    let c = r.iro_service.caseload.unwrap();
    let at = c.at_year_end;
    assert_eq!(at.per_fte, Some(59));
    assert_eq!((at.lowest, at.highest), (Some(49), Some(71)));
    assert_eq!((at.below_50, at.band_50_to_70, at.above_70), (1, 2, 1));
    // No review meetings loaded: chaired is not available, not 0.
    assert_eq!(c.by_iro[0].reviews_chaired, None);
    assert!(r.iro_service.reviews_chaired.is_none());
    assert!(r.iro_service.records.is_none());
}

#[test]
fn reviews_are_chaired_by_the_chair_else_the_iro_allocated_on_the_day() {
    let chaired = report().iro_service.reviews_chaired.unwrap();
    // Held in the year and not cancelled: R1 (chair I1), R2 (no chair; B allocated to I1),
    // R3 (chair I3, who has no allocation), R4 (no chair; D with I1 since 01/10), R10 (no
    // chair; C allocated only from 01/10, after 12/07: not known). R7 is rejected (record
    // before the review), R8 is in the year before.
    assert_eq!(
        chaired
            .by_iro
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        [("I1", 3), ("I3", 1)]
    );
    assert_eq!(chaired.not_known, 1);
    assert_eq!(chaired.total(), 5);
}

#[test]
fn records_are_on_time_by_the_twentieth_working_day_after_the_review() {
    let r = report();
    let records = r.iro_service.records.unwrap();
    // R1 held 10/05/2023: 20 working days on (8 May and 29 May are holidays) is 08/06/2023;
    // done 07/06: on time.
    // R2 held 14/12/2023: across Christmas (25, 26 Dec and 1 Jan are holidays) the deadline
    // is 16/01/2024 (without them it would be 11/01); done 16/01: on time.
    // R10 held 12/07/2023: deadline 09/08/2023; done 30/08: late.
    // R3 held 20/02/2024: deadline 19/03/2024, not done, before the as-at date 10/04: overdue.
    // R4 held 20/03/2024: deadline 19/04/2024 (Good Friday and Easter Monday are holidays),
    // after the as-at date: not yet due.
    assert_eq!(
        (
            records.deadline_working_days,
            records.on_time,
            records.late,
            records.overdue,
            records.not_yet_due
        ),
        (20, 2, 1, 1, 1)
    );
    // 2 / (2 + 1 + 1) = 50.0%.
    assert_eq!(records.percent_on_time, Some(50.0));
}

#[test]
fn a_record_completed_before_the_review_rejects_the_row() {
    let bytes: Vec<(&str, &[u8])> = files(true)
        .iter()
        .map(|(n, t)| (*n, t.as_bytes()))
        .collect();
    let data = load(&bytes);
    let rejected: Vec<(u32, &str)> = data
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Rejected && i.table == TableKind::ReviewMeetings)
        .map(|i| (i.row, i.column.as_str()))
        .collect();
    // R7 (row 8): record 01/03/2024 before the review 05/03/2024; R9 (row 10): neither held
    // nor cancelled.
    assert_eq!(rejected, [(8, "RECORD_COMPLETED"), (10, "REVIEW_DATE")]);
}

#[test]
fn a_longer_record_deadline_is_a_setting() {
    let mut settings = Settings::default();
    settings.iro.record_deadline_working_days = 15;
    let records = report_with(&files(true), &settings)
        .iro_service
        .records
        .unwrap();
    // 15 working days: R1 due 01/06/2023 (done 07/06: late); R2 due 09/01/2024 (done 16/01:
    // late); R10 due 02/08 (late); R3 due 12/03 (overdue); R4 due 12/04/2024, after the as-at
    // date 10/04: not yet due.
    assert_eq!(
        (
            records.on_time,
            records.late,
            records.overdue,
            records.not_yet_due
        ),
        (0, 3, 1, 1)
    );
    assert_eq!(records.percent_on_time, Some(0.0));
}

#[test]
fn cancelled_reviews_count_on_the_cancelled_date_else_the_due_date() {
    let cancelled = report().iro_service.cancelled.unwrap();
    // R5 has no cancelled date: its due date 15/06/2023 is in the year. R6 was cancelled on
    // 15/03/2023 (the year before), although due in April 2023. Held: 5.
    // Rate: 1 / (5 + 1) = 16.67 -> 16.7%.
    assert_eq!(
        (cancelled.cancelled, cancelled.held, cancelled.rate_percent),
        (1, 5, Some(16.7))
    );
}

#[test]
fn parents_participation_is_counted_over_every_review_held() {
    let p = report().iro_service.parents.unwrap();
    // R1 mother attended, father none; R2 both gave views; R3 both blank; R4 mother NA, father
    // attended; R10 mother "Sometimes" (not a code: not recorded, with a warning), father blank.
    // any parent: R1, R2, R4 = 3; attended: R1, R4 = 2; mother: R1, R2 = 2; father: R2, R4 = 2;
    // neither recorded: R3, R10 = 2.
    assert_eq!(
        (
            p.held,
            p.any_parent,
            p.attended,
            p.mother,
            p.father,
            p.not_recorded
        ),
        (5, 3, 2, 2, 2, 2)
    );
}

#[test]
fn disputes_are_counted_by_the_highest_stage_reached() {
    let r = report();
    let d = r.iro_service.disputes.as_ref().unwrap();
    // Raised in the year: D1 (three rows; highest "Head of Service"), D2 (informal), D3
    // ("Tribunal", not in the list: other stage), D4 (formal). D5 was raised in March 2023.
    assert_eq!(d.total, 4);
    let stages: Vec<(&str, u64)> = d.by_stage.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        stages,
        [
            ("cafcass", 0),
            ("director", 0),
            ("formal", 1),
            ("head_of_service", 1),
            ("informal", 1),
            ("other_stage", 1)
        ]
    );
    // Resolved by 31 March: D1 (its highest-stage row's date, 15/08/2023) and D2 (20/10/2023);
    // D4 was resolved on 10/04/2024, so it was open at the year's end, as is D3.
    assert_eq!((d.resolved, d.open_at_year_end), (2, 2));
    // Working days to resolve: D1 01/08 to 15/08/2023 = 10; D2 10/10 to 20/10/2023 = 8. The
    // lower middle of [8, 10] is 8.
    assert_eq!(d.median_working_days_to_resolve, Some(8));
    // The first category given: D1 and D4 "Care plan", D2 "Placement", D3 none.
    let categories: Vec<(&str, u64)> = d
        .by_category
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        categories,
        [("Care plan", 2), ("Placement", 1), ("not_recorded", 1)]
    );
    // The unlisted stage is a warning naming its row.
    let warned: Vec<(u32, &str)> = r
        .data_quality
        .warnings
        .iter()
        .filter(|w| w.table == TableKind::Disputes)
        .map(|w| (w.row, w.column.as_str()))
        .collect();
    assert_eq!(warned, [(6, "STAGE")]);
}

#[test]
fn a_stage_added_to_the_list_is_counted_by_its_place_in_it() {
    let mut settings = Settings::default();
    settings.iro.dispute_stages = vec![
        "informal".into(),
        "formal".into(),
        "Head of service".into(),
        "Tribunal".into(),
    ];
    let r = report_with(&files(true), &settings);
    let d = r.iro_service.disputes.unwrap();
    assert_eq!(d.by_stage.get("tribunal"), Some(&1));
    assert_eq!(d.by_stage.get("other_stage"), Some(&0));
    assert!(r
        .data_quality
        .warnings
        .iter()
        .all(|w| w.table != TableKind::Disputes));
}

#[test]
fn contacts_in_the_year_and_the_looked_after_children_seen() {
    let c = report().iro_service.contacts.unwrap();
    // In the year: A twice, C, E = 4 (B's was in 2023). Children looked after at 31 March seen:
    // A and C = 2 of 5 (E has left care).
    assert_eq!((c.contacts, c.children_seen, c.cohort), (4, 2, 5));
}

#[test]
fn deprivation_of_liberty_orders_in_force_at_31_march_and_started_in_the_year() {
    let dolo = report().dolo.unwrap();
    // In force at 31/03/2024: A (from 2023, no end) and C (ends that day). Started in the year:
    // C and E (E's ended 01/02/2024); B's starts after the year.
    assert_eq!((dolo.in_force_at_31_march, dolo.started_in_year), (2, 2));
}

#[test]
fn without_the_local_tables_every_figure_is_not_available() {
    let r = report_with(
        &[("header.csv", HEADER), ("episodes.csv", EPISODES)],
        &Settings::default(),
    );
    let s = &r.iro_service;
    assert_eq!(s.as_at, None);
    assert!(s.caseload.is_none() && s.reviews_chaired.is_none() && s.records.is_none());
    assert!(s.cancelled.is_none() && s.parents.is_none() && s.disputes.is_none());
    assert!(s.contacts.is_none() && r.dolo.is_none() && r.disproportionality.is_none());
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["iro_service"]["caseload"], serde_json::Value::Null);
    assert_eq!(json["dolo"], serde_json::Value::Null);
    assert_eq!(json["disproportionality"], serde_json::Value::Null);
}

#[test]
fn disproportionality_with_a_loaded_child_population() {
    let d = report().disproportionality.unwrap();
    assert_eq!(d.population, ComparisonPopulation::LoadedChildren);
    // Cohort with a known group: A, B white; C black; D mixed (F refused) = 4.
    // Population 10,000: white 8,000, mixed 500, asian 1,000, black 400, other 100.
    let rows: Vec<_> = d
        .groups
        .iter()
        .map(|(g, c)| {
            (
                g,
                c.children,
                c.cohort_share,
                c.population_share,
                c.ratio,
                c.rate_per_10000,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // 2/4 = 50.0%; 80.0%; 50/80 = 0.625 -> 0.63; 2/8000 x 10,000 = 2.5 -> 3.
            (
                PopulationGroup::White,
                2,
                Some(50.0),
                Some(80.0),
                Some(0.63),
                Some(3)
            ),
            // 25.0%; 5.0%; 5.00; 1/500 x 10,000 = 20.
            (
                PopulationGroup::Mixed,
                1,
                Some(25.0),
                Some(5.0),
                Some(5.0),
                Some(20)
            ),
            (
                PopulationGroup::Asian,
                0,
                Some(0.0),
                Some(10.0),
                Some(0.0),
                Some(0)
            ),
            // 25.0%; 4.0%; 6.25; 1/400 x 10,000 = 25.
            (
                PopulationGroup::Black,
                1,
                Some(25.0),
                Some(4.0),
                Some(6.25),
                Some(25)
            ),
            (
                PopulationGroup::Other,
                0,
                Some(0.0),
                Some(1.0),
                Some(0.0),
                Some(0)
            ),
        ]
    );
}

#[test]
fn disproportionality_falls_back_to_the_councils_census_2021_population_of_all_ages() {
    let settings = Settings {
        la: Some("850".into()),
        ..Settings::default()
    };
    let d = report_with(&files(false), &settings)
        .disproportionality
        .unwrap();
    assert_eq!(d.population, ComparisonPopulation::Census2021AllAges);
    // Hampshire, Census 2021, all ages: white 1,296,733, mixed 26,198, asian 52,542, black
    // 14,305, other 11,121; 1,400,899 in all.
    // white: 92.564...% -> 92.6; ratio 50 / 92.564 = 0.540 -> 0.54.
    // mixed: 1.870...% -> 1.9; 25 / 1.870 = 13.368 -> 13.37.
    // asian: 3.75...% -> 3.8; black 1.021...% -> 1.0, 25 / 1.0211 = 24.48; other 0.79 -> 0.8.
    // No rates per 10,000: the population is not children.
    let rows: Vec<_> = d
        .groups
        .iter()
        .map(|(_, c)| {
            (
                c.cohort_share,
                c.population_share,
                c.ratio,
                c.rate_per_10000,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some(50.0), Some(92.6), Some(0.54), None),
            (Some(25.0), Some(1.9), Some(13.37), None),
            (Some(0.0), Some(3.8), Some(0.0), None),
            (Some(25.0), Some(1.0), Some(24.48), None),
            (Some(0.0), Some(0.8), Some(0.0), None),
        ]
    );
    // A loaded table wins over the census.
    let loaded = report_with(&files(true), &settings)
        .disproportionality
        .unwrap();
    assert_eq!(loaded.population, ComparisonPopulation::LoadedChildren);
}

#[test]
fn trend_rows_carry_the_iro_figures_for_the_years_the_exports_cover() {
    let r = report();
    let years: Vec<String> = r.trend.keys().map(|d| d.to_string()).collect();
    assert_eq!(
        years,
        ["2021-03-31", "2022-03-31", "2023-03-31", "2024-03-31"]
    );
    // Before April 2022 no local table covers the year: none of the keys.
    let earliest = &r.trend.values().next().unwrap();
    assert_eq!(
        (
            earliest.iro_caseload_per_fte,
            earliest.records_percent_on_time,
            earliest.reviews_cancelled,
            earliest.disputes_raised
        ),
        (None, None, None, None)
    );
    let before = &r.trend.values().nth(2).unwrap();
    // The allocations start in April 2023: no caseload for 2022-23. The meetings go back to
    // March 2023 (R8 held 20/03/2023, record within 20 working days: 100.0%; R6 cancelled
    // 15/03/2023), the disputes too (D5).
    assert_eq!(before.iro_caseload_per_fte, None);
    assert_eq!(before.records_percent_on_time, Some(Some(100.0)));
    assert_eq!(before.reviews_cancelled, Some(1));
    assert_eq!(before.disputes_raised, Some(1));
    let now = r.trend.values().last().unwrap();
    assert_eq!(now.iro_caseload_per_fte, Some(Some(3)));
    assert_eq!(now.iro_caseload_year_average, Some(Some(3)));
    assert_eq!(now.records_percent_on_time, Some(Some(50.0)));
    assert_eq!(
        (now.reviews_cancelled, now.disputes_raised),
        (Some(1), Some(4))
    );
    // The JSON keeps the key only where covered.
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert!(json["trend"]["2023-03-31"]
        .get("iro_caseload_per_fte")
        .is_none());
    assert_eq!(json["trend"]["2024-03-31"]["iro_caseload_per_fte"], 3);
}

/// The review meetings in a case-management system's own shape: other headings and codes.
const MOSAIC_MEETINGS: &str =
    "Person Ref,Meeting Ref,Due,Meeting Date,Outcome,Outcome Date,Chaired By,Minutes Sent,Mum,Dad
A,R1,10/05/2023,10/05/2023,Held,,I1,07/06/2023,Attended in person,Invited - no response
B,R2,14/12/2023,14/12/2023,Held,,,16/01/2024,Views via advocate,Views via advocate
C,R3,20/02/2024,20/02/2024,Held,,I3,,,
D,R4,20/03/2024,20/03/2024,Held,,,,Not appropriate,Attended in person
E,R5,15/06/2023,,Cancelled,,,,,
F,R6,10/04/2023,,Cancelled,15/03/2023,,,,
A,R7,05/03/2024,05/03/2024,Held,,I1,01/03/2024,,
B,R8,20/03/2023,20/03/2023,Held,,I1,01/04/2023,,
F,R9,01/07/2023,,Held,,,,,
C,R10,12/07/2023,12/07/2023,Held,,,30/08/2023,Sometimes,
";

fn mosaic_profile() -> Profile {
    let mut m = TableMapping {
        table: Some(TableKind::ReviewMeetings),
        ..TableMapping::default()
    };
    for (c, h) in [
        ("CHILD", "Person Ref"),
        ("REVIEW_ID", "Meeting Ref"),
        ("DUE_DATE", "Due"),
        ("REVIEW_DATE", "Meeting Date"),
        ("CANCELLED", "Outcome"),
        ("CANCELLED_DATE", "Outcome Date"),
        ("CHAIR", "Chaired By"),
        ("RECORD_COMPLETED", "Minutes Sent"),
        ("MOTHER", "Mum"),
        ("FATHER", "Dad"),
    ] {
        m.columns.insert(c.into(), h.into());
    }
    let codes = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    m.values.insert(
        "CANCELLED".into(),
        codes(&[("Held", "N"), ("Cancelled", "Y")]),
    );
    let parent = codes(&[
        ("Attended in person", "ATTENDED"),
        ("Views via advocate", "VIEWS"),
        ("Invited - no response", "NONE"),
        ("Not appropriate", "NA"),
    ]);
    m.values.insert("MOTHER".into(), parent.clone());
    m.values.insert("FATHER".into(), parent);
    Profile {
        tables: vec![m],
        ..Profile::default()
    }
}

#[test]
fn meetings_in_another_shape_read_through_a_profile_give_the_same_figures() {
    let canonical = report();
    let mut mapped_files = files(true);
    mapped_files.retain(|(n, _)| *n != "meetings.csv");
    mapped_files.push(("mosaic.csv", MOSAIC_MEETINGS));
    let bytes: Vec<(&str, &[u8])> = mapped_files
        .iter()
        .map(|(n, t)| (*n, t.as_bytes()))
        .collect();
    // The profile goes through its JSON file, as the CLI's --mapping reads it.
    let profile =
        Profile::from_json("profile.json", mosaic_profile().to_json().as_bytes()).unwrap();
    let (data, _) = load_mapped(&bytes, &profile, false);
    let mapped = make_report(&data, Some(2024), &Settings::default()).unwrap();
    assert_eq!(mapped.iro_service, canonical.iro_service);
    assert_eq!(mapped.trend, canonical.trend);
}

#[test]
fn synthetic_local_exports_give_the_same_figures_in_every_shape() {
    use careboard::synth::local::LocalShape;
    use careboard::synth::{self, SynthConfig, SynthFormat};
    let config = SynthConfig {
        children: 200,
        seed: 14,
        year_ending: 2025,
        history_years: 4,
    };
    let export = synth::generate(&config);
    let base = synth::files(&export, SynthFormat::Csv);
    let mut reports = Vec::new();
    for shape in [
        LocalShape::Canonical,
        LocalShape::Mosaic,
        LocalShape::Liquid,
    ] {
        let local = synth::local_files(&config, &export, shape);
        let profile = match local.iter().find(|(n, _)| n == "careboard-profile.json") {
            Some((name, bytes)) => Profile::from_json(name, bytes).unwrap(),
            None => Profile::default(),
        };
        assert_eq!(profile.is_empty(), shape == LocalShape::Canonical);
        let files: Vec<(&str, &[u8])> = base
            .iter()
            .chain(local.iter().filter(|(n, _)| n.ends_with(".csv")))
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let (data, _) = load_mapped(&files, &profile, false);
        assert!(data.problems.is_empty(), "{shape:?}: {:?}", data.problems);
        // Every row of every local table is used or rejected, and the two rows made to break
        // the rules are rejected.
        for kind in careboard::mapping::MAPPABLE {
            let account = data.inputs.iter().find(|i| i.table == kind);
            let account = account.unwrap_or_else(|| panic!("{shape:?}: no {kind:?}"));
            assert_eq!(account.rows_read, account.rows_used + account.rows_rejected);
        }
        let r = make_report(&data, Some(2025), &Settings::default()).unwrap();
        let service = &r.iro_service;
        assert!(service.caseload.is_some() && service.records.is_some());
        assert!(service.disputes.as_ref().unwrap().total > 0);
        assert!(r.dolo.is_some() && r.disproportionality.is_some());
        reports.push(r);
    }
    for r in &reports[1..] {
        assert_eq!(r.iro_service, reports[0].iro_service);
        assert_eq!(r.dolo, reports[0].dolo);
        assert_eq!(r.disproportionality, reports[0].disproportionality);
        assert_eq!(r.trend, reports[0].trend);
    }
}

fn iro_section(r: &Report, publication: bool) -> careboard::present::Section {
    use careboard::present::{sections, Presentation, SectionId};
    let p = Presentation {
        publication,
        ..Presentation::default()
    };
    sections(r, p)
        .into_iter()
        .find(|s| s.id == SectionId::IroService)
        .expect("the IRO service section")
}

fn table_ids(s: &careboard::present::Section) -> Vec<String> {
    use careboard::present::Block;
    s.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.id.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_iro_service_section_shows_the_figures_and_leaves_out_per_iro_ones_when_published() {
    use careboard::present::{Block, Value};
    let r = report();
    let full = iro_section(&r, false);
    assert_eq!(full.title, "The IRO service");
    let ids = table_ids(&full);
    for id in [
        "iro-caseload-by-month",
        "iro-caseload-band",
        "iro-caseload-by-iro",
        "iro-reviews-chaired",
        "iro-records",
        "iro-parents",
        "iro-disputes-by-stage",
        "iro-disputes-by-category",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
    let figures: Vec<(String, Value)> = full
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figures(f) => Some(f),
            _ => None,
        })
        .flatten()
        .map(|f| (f.label.clone(), f.value.clone()))
        .collect();
    assert_eq!(
        figures[0],
        (
            "Children per full-time IRO on 31 March 2024".to_string(),
            Value::Count(3)
        )
    );
    // Records: 2 on time of 4 due, 50.0%.
    let records = figures
        .iter()
        .find(|(l, _)| l == "Records completed within 20 working days")
        .unwrap();
    assert_eq!(records.1.display(), "50.0%");
    // Published: no per-IRO table, and 2 of 4 is hidden by the 1-4 rule.
    let published = iro_section(&r, true);
    let ids = table_ids(&published);
    assert!(!ids
        .iter()
        .any(|i| i == "iro-caseload-by-iro" || i == "iro-reviews-chaired"));
    assert!(!ids.iter().any(|i| i == "iro-caseload-band"));
    let suppressed = published
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figures(f) => Some(f),
            _ => None,
        })
        .flatten()
        .find(|f| f.label == "Records completed within 20 working days")
        .unwrap();
    // A percentage built on a count of 1 to 4 reads "hidden", never "fewer than 5" (issue 10).
    assert_eq!(suppressed.value, Value::Hidden);
}

#[test]
fn without_its_exports_the_iro_service_section_says_which_export_would_give_each_part() {
    use careboard::present::Block;
    let r = report_with(
        &[("header.csv", HEADER), ("episodes.csv", EPISODES)],
        &Settings::default(),
    );
    let s = iro_section(&r, false);
    assert!(table_ids(&s).is_empty());
    let paragraphs: Vec<&String> = s
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(paragraphs.len(), 7);
    assert!(paragraphs[0].starts_with("Caseloads: not available. Load the IRO allocations export"));
    assert!(paragraphs
        .iter()
        .any(|p| p.starts_with("Disputes: not available. Load the dispute resolution log")));
    let text = careboard::present::text::render(&r);
    assert!(text.contains("  Caseloads: not available (load the IRO allocations"));
}

#[test]
fn the_cli_text_shows_the_iro_service_disproportionality_and_orders() {
    let text = careboard::present::text::render(&report());
    assert!(text.contains(
        "  Children per full-time IRO at 31 March: 3 (range 3 to 3; 2 IROs, 1.6 FTE; IRO Handbook: 50 to 70)"
    ), "{text}");
    assert!(text.contains(
        "  Review records within 20 working days: 50% (on time 2, late 1, overdue 1, not yet due 1)"
    ));
    assert!(text.contains("  Reviews cancelled: 1 (16.7% of 6 held or cancelled)"));
    assert!(text.contains("Ethnic group compared with the child population loaded:"));
    assert!(text.contains(
        "Deprivation of Liberty orders in force at 31 March: 2 (started in the year: 2)"
    ));
}

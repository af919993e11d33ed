//! Comparisons: DfE's published figures as embedded (spot-checked against the source CSVs by
//! hand), the rate per 10,000, placements inside/outside the council, the five-year trend,
//! and several years' exports loaded together.

mod common;

use careboard::dfe::{self, Geography};
use careboard::measures::{make_report, ReportError};
use careboard::model::dates::{iso, parse_date};
use careboard::model::{build, Severity, TableKind};
use careboard::report::keys::{Key, Location};
use careboard::report::Change;
use careboard::settings::Settings;
use common::{dataset, report, table_in, TREND_EPISODES, TREND_REVIEWS};

fn for_council(code: &str) -> Settings {
    Settings {
        la: Some(code.to_string()),
        ..Settings::default()
    }
}

#[test]
fn embedded_figures_equal_the_published_csvs() {
    let t = dfe::table();
    let fig = |geo, year, field| t.figure(geo, year, field);
    // cla_number_and_rate_per_10k_children.csv line 3:
    // 2025,Reporting year,National,...,Children looked after on 31 March each year,12183016,81770,67
    assert_eq!(fig(Geography::England, 2025, "rate_per_10000"), Some(67));
    assert_eq!(fig(Geography::England, 2025, "cla"), Some(81_770));
    // line 27: 2025,...,Regional,...,South East,...,Children looked after on 31 March...,2023914,11050,55
    assert_eq!(
        fig(Geography::Region("South East"), 2025, "rate_per_10000"),
        Some(55)
    );
    // cla_on_31_march_by_characteristics.csv line 17927:
    // 2025,Local authority,South East,E10000014,850.0,Hampshire,Placement,Foster placements,1215,70
    assert_eq!(
        fig(Geography::Council("850"), 2025, "placement.foster"),
        Some(70)
    );
    // line 17916: ...,Hampshire,Locality of placement,Placed inside the local authority boundary,1002,58
    assert_eq!(
        fig(Geography::Council("850"), 2025, "location.inside_la"),
        Some(58)
    );
    // line 8829: 2023,...,201.0,City of London,Sex,Male,c,c (suppressed: not published)
    assert_eq!(fig(Geography::Council("201"), 2023, "sex.male"), None);
    // la_cla_placement_stability.csv line 691: ...,Hampshire,...,CLA on 31 March,
    // With 3 or more placements during the year,254,15; line 686: ...,Living with the same
    // carer for at least 2 years,411,61
    assert_eq!(
        fig(Geography::Council("850"), 2025, "three_plus_placements"),
        Some(15)
    );
    assert_eq!(
        fig(Geography::Council("850"), 2025, "long_term_stability"),
        Some(61)
    );
    // ceased_by_characteristics.csv line 11: 2025,National,...,Reason episode ceased,Adopted,3040,34450,9
    assert_eq!(
        fig(Geography::England, 2025, "ceased_reason.adopted"),
        Some(9)
    );
    // line 3601: 2025,Local authority,Hampshire,850.0,...,Reason episode ceased,Died,c,711,c
    assert_eq!(
        fig(Geography::Council("850"), 2025, "ceased_reason.died"),
        None
    );
    // Populations: cla_number_and_rate... Hampshire 2025 population_estimate 288730; ONS
    // mid-2012 estimate (ons_mid-year... 2012,...,Hampshire,...,280728) for the year 2013.
    assert_eq!(t.population("850", 2025), Some((2025, 288_730)));
    assert_eq!(t.population("850", 2013), Some((2013, 280_728)));
    // Beyond the published years the latest population is given, with its year.
    assert_eq!(t.population("850", 2027), Some((2025, 288_730)));
    // sn_model_2025_wide.csv: Hampshire's neighbours.
    let hampshire = dfe::find_council("850").unwrap();
    assert_eq!(
        hampshire.neighbours,
        ["865", "802", "916", "938", "869", "867", "803", "937", "931", "855"]
    );
    // LTLA-UTLA lookup: Winchester (E07000094) is in Hampshire (E10000014).
    assert_eq!(t.upper_tier("E07000094").map(|u| u.0), Some("E10000014"));
}

#[test]
fn benchmarks_hold_england_region_the_council_and_the_neighbours_mean() {
    let data = dataset(
        "CHILD,SEX,DOB,ETHNIC\nA,1,01/01/2015,WBRI",
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/06/2024,S,C2,U4,,",
        "",
        "",
    );
    let r = make_report(&data, Some(2025), &for_council("hampshire")).unwrap();
    let b = r.benchmarks.expect("benchmarks with a council");
    assert_eq!(iso(b.year_ending), "2025-03-31");
    assert_eq!(b.source, "DfE, 2025 release");
    assert_eq!(b.england.cla_at_31_march.rate_per_10000, Some(67));
    assert_eq!(b.region.name, "South East");
    assert_eq!(b.region.cla_at_31_march.rate_per_10000, Some(55));
    assert_eq!(b.la_published.cla_at_31_march.rate_per_10000, Some(60));
    assert_eq!(b.la_published.cla_at_31_march.total, Some(1738));
    assert_eq!(
        b.la_published.cla_at_31_march.placement.get("foster"),
        Some(&Some(70))
    );
    // Neighbours' published 2025 rates (cla_number_and_rate... lines 387 366 402 357 309 306
    // 369 264 351 216): 46+63+57+54+53+42+33+56+51+47 = 502, / 10 = 50.2 -> 50.
    let sn = &b.statistical_neighbours;
    assert_eq!(sn.members.len(), 10);
    assert_eq!(sn.figures.cla_at_31_march.rate_per_10000, Some(50));
    // Adopted, % of leavers (ceased_by_characteristics.csv lines 4043 3819 4203 3723 3211 3179
    // 3851 2731 3659 2251): 15 10 16 13 18 c 9 10 6 11; Bracknell Forest's "c" is left out:
    // 108 / 9 = 12.0 -> 12.
    assert_eq!(sn.figures.ceased.reason.get("adopted"), Some(&Some(12)));
    // Counts are not averaged.
    assert_eq!(sn.figures.cla_at_31_march.total, None);
    let not_published: Vec<&str> = b.not_published.iter().map(|(k, _)| k.json()).collect();
    assert_eq!(not_published, ["participation", "reviews"]);
    // A year after the latest published one compares with the latest (2025).
    let r = make_report(&data, Some(2026), &for_council("850")).unwrap();
    assert_eq!(iso(r.benchmarks.unwrap().year_ending), "2025-03-31");
    // And without a council: no benchmarks, no rate, no location.
    let r = make_report(&data, Some(2025), &Settings::default()).unwrap();
    assert!(r.benchmarks.is_none() && r.la.is_none());
    assert!(r.cla_at_31_march.rate_per_10000.is_none());
    assert!(r.cla_at_31_march.location.is_none());
}

#[test]
fn an_unknown_council_is_refused_with_close_matches() {
    let data = dataset("", "CHILD,DECOM,RNE,LS,PLACE\nA,01/06/2024,S,C2,U4", "", "");
    match make_report(&data, Some(2025), &for_council("Hamshire")) {
        Err(ReportError::UnknownCouncil(e)) => {
            assert!(e.close.iter().any(|c| c == "850 Hampshire"), "{e:?}")
        }
        other => panic!("expected an unknown council, got {other:?}"),
    }
}

#[test]
fn placements_are_inside_or_outside_the_councils_boundary_by_placement_postcode() {
    // Open at 31/03/2025: A Winchester (Hampshire), B and G Southampton (852), C Cardiff
    // (Wales), F Portsmouth (851), D no postcode, E a postcode that does not exist.
    let data = dataset(
        "",
        "CHILD,DECOM,RNE,LS,PLACE,PL_POST
         A,01/06/2024,S,C2,U4,SO23 8UJ
         B,01/06/2024,S,C2,U4,SO14 7DU
         G,01/06/2024,S,C2,U4,SO15 2AA
         C,01/06/2024,S,C2,U4,CF10 1AA
         F,01/06/2024,S,C2,U4,PO1 2AB
         D,01/06/2024,S,C2,U4,
         E,01/06/2024,S,C2,U4,ZZ99 9ZZ",
        "",
        "",
    );
    let r = report(&data, 2025, &for_council("850"));
    let cla = &r.cla_at_31_march;
    let location = cla.location.as_ref().unwrap();
    assert_eq!(
        (
            location[Location::InsideLa],
            location[Location::OutsideLa],
            location[Location::NotKnown]
        ),
        (1, 4, 2)
    );
    let placed: Vec<(&str, u64)> = cla
        .placed_in_councils
        .as_ref()
        .unwrap()
        .iter()
        .map(|p| (p.code.as_str(), p.children))
        .collect();
    // Most children first, then by name: Southampton 2; Hampshire, Portsmouth, Wales 1 each.
    assert_eq!(placed, [("852", 2), ("850", 1), ("851", 1), ("WAL", 1)]);
    // This report's figures in the published shape: inside 1/7 = 14.3% -> 14, outside 4/7 =
    // 57.1% -> 57, foster (all U4) 7/7 = 100%.
    let own = &r.benchmarks.as_ref().unwrap().this_report.cla_at_31_march;
    assert_eq!(own.location.get("inside_la"), Some(&Some(14)));
    assert_eq!(own.location.get("outside_la"), Some(&Some(57)));
    assert_eq!(own.placement.get("foster"), Some(&Some(100)));
    // 7 children / 288,730 (Hampshire's 2025 base) x 10,000 = 0.24 -> 0.
    assert_eq!(cla.rate_per_10000, Some(0));
    assert_eq!(
        cla.rate_population.as_ref().map(|p| p.children_0_to_17),
        Some(288_730)
    );
}

// The trend fixture (City of London, 201) is tests/common's TREND_EPISODES and TREND_REVIEWS.

#[test]
fn trend_years_follow_the_definitions_year_by_year() {
    let data = dataset("", TREND_EPISODES, TREND_REVIEWS, "CHILD,DUC\nT,");
    let r = report(&data, 2025, &for_council("201"));
    // The earliest DECOM, short breaks left out, is 15/06/2020 (V's 2019 short break does not
    // count): after 1/4/2020, so the year 2021 is not covered; 2022 to 2025 are.
    let years: Vec<String> = r.trend.keys().map(|d| iso(*d)).collect();
    assert_eq!(
        years,
        ["2022-03-31", "2023-03-31", "2024-03-31", "2025-03-31"]
    );
    let y = |k: &str| &r.trend[&parse_date(k).expect("a date")];
    // 2022: looked after at 31/3/2022 P, Q = 2; started Q; rate 2 / 654 x 10,000 = 30.6 -> 31.
    // Reviews start 10/05/2022, so coverage starts 1/4/2022: none for 2022.
    let a = y("2022-03-31");
    assert_eq!(
        (a.cla_at_31_march, a.started, a.ceased, a.rate_per_10000),
        (2, 1, 0, Some(31))
    );
    assert_eq!((a.reviews_held, a.reviews_on_time), (None, None));
    assert!(a.change.is_empty());
    // 2023: at 31/3/2023 P, R = 2; started R; ceased Q (E11, adopted); R had 3 placements
    // (S, then P and B each count one more); rate 2 / 985 x 10,000 = 20.3 -> 20.
    // Reviews: P 10/05/2022 not assessable (period began before coverage), P 01/07/2022 due
    // 10/08/2022 on time, P 15/02/2023 due 01/01/2023 late; R 30/09/2022 due on the 20th
    // working day after 01/09/2022 = 30/09/2022 (19/09/2022 was a bank holiday) on time.
    // 4 held, 2 on time of 3 assessable = 66.7% -> 67.
    let b = y("2023-03-31");
    assert_eq!(
        (
            b.cla_at_31_march,
            b.started,
            b.ceased,
            b.adopted,
            b.three_plus_placements
        ),
        (2, 1, 1, 1, 1)
    );
    assert_eq!(b.rate_per_10000, Some(20));
    assert_eq!(
        (
            b.reviews_held,
            b.reviews_on_time,
            b.reviews_assessable,
            b.reviews_on_time_percent
        ),
        (Some(4), Some(2), Some(3), Some(67))
    );
    // Change from 2022: rate 20 - 31 = -11, -11/31 = -35.5%; ceased 0 -> 1 has no %.
    assert_eq!(
        b.change["rate_per_10000"],
        Change {
            number: -11,
            percent: Some(-35.5)
        }
    );
    assert_eq!(
        b.change["ceased"],
        Change {
            number: 1,
            percent: None
        }
    );
    // 2024: at 31/3/2024 P = 1; ceased R (E45, SGO); rate 1 / 918 x 10,000 = 10.9 -> 11;
    // review P 01/08/2023 due 15/08/2023 on time.
    let c = y("2024-03-31");
    assert_eq!(
        (
            c.cla_at_31_march,
            c.ceased,
            c.sgo,
            c.adopted,
            c.rate_per_10000
        ),
        (1, 1, 1, 0, Some(11))
    );
    assert_eq!((c.reviews_held, c.reviews_on_time), (Some(1), Some(1)));
    assert_eq!(
        c.change["reviews_held"],
        Change {
            number: -3,
            percent: Some(-75.0)
        }
    );
    // 2025: at 31/3/2025 P, T = 2; started S, T; ceased S (E41, CAO); T is UASC;
    // rate 2 / 847 x 10,000 = 23.6 -> 24, up 13 on 11 = 118.2%.
    let d = y("2025-03-31");
    assert_eq!(
        (d.cla_at_31_march, d.started, d.ceased, d.cao, d.uasc),
        (2, 2, 1, 1, 1)
    );
    assert_eq!(
        d.change["rate_per_10000"],
        Change {
            number: 13,
            percent: Some(118.2)
        }
    );
    // The report's year in the trend is the report's own figures.
    assert_eq!(d.cla_at_31_march, r.cla_at_31_march.total);
    assert_eq!(d.rate_per_10000, r.cla_at_31_march.rate_per_10000);
    // Latest dates: episodes 01/12/2024, reviews 05/11/2024: both the 2024 collection, so only
    // 2024 has its own export loaded.
    let own: Vec<bool> = r.trend.values().map(|t| t.own_export).collect();
    assert_eq!(own, [false, false, true, false]);
    // Without a council the trend has no rates.
    let r = report(&data, 2025, &Settings::default());
    assert!(r.trend.values().all(|t| t.rate_per_10000.is_none()));
}

/// Two yearly exports, as a council would take them in early April: each holds the episode
/// histories of the children looked after in its year, and the reviews of its year.
fn two_exports(order_2025_first: bool) -> careboard::model::Dataset {
    let e2024 = table_in(
        "2024/episodes.csv",
        TableKind::Episodes,
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
         A,01/05/2022,S,C2,U4,,
         B,01/06/2022,S,V2,U4,01/09/2023,E4A",
    );
    let e2025 = table_in(
        "2025/episodes.csv",
        TableKind::Episodes,
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
         A,01/05/2022,S,C2,U4,01/02/2025,E11
         B,01/06/2022,S,V2,U4,01/09/2023,E4A
         C,01/10/2024,S,C1,U4,,",
    );
    let u2024 = table_in("2024/uasc.csv", TableKind::Uasc, "CHILD,DUC\nA,");
    let u2025 = table_in("2025/uasc.csv", TableKind::Uasc, "CHILD,DUC\nA,01/03/2024");
    let r2024 = table_in(
        "2024/reviews.csv",
        TableKind::Reviews,
        "CHILD,REVIEW,REVIEW_CODE\nA,20/05/2023,PN1\nA,02/04/2024,PN1",
    );
    let r2025 = table_in(
        "2025/reviews.csv",
        TableKind::Reviews,
        "CHILD,REVIEW,REVIEW_CODE\nA,02/04/2024,PN1\nC,03/04/2025,PN2",
    );
    let tables = if order_2025_first {
        vec![e2025, u2025, r2025, e2024, u2024, r2024]
    } else {
        vec![e2024, u2024, r2024, e2025, u2025, r2025]
    };
    build(tables, vec![])
}

#[test]
fn repeated_episodes_across_exports_count_once_and_the_later_export_wins() {
    for order_2025_first in [false, true] {
        let data = two_exports(order_2025_first);
        // Whatever the order given, 2025's version of A (DEC filled in) is used and 2024's is
        // rejected; B's identical repeat is rejected from the file read second; likewise the
        // review of A on 02/04/2024; A's UASC row with a DUC (2025's) wins.
        let accounts: Vec<(&str, u64, u64, u64)> = data
            .inputs
            .iter()
            .map(|a| (a.file.as_str(), a.rows_read, a.rows_used, a.rows_rejected))
            .collect();
        let (first, second) = if order_2025_first {
            ("2025", "2024")
        } else {
            ("2024", "2025")
        };
        let expected = if order_2025_first {
            [
                ("2025/episodes.csv", 3, 3, 0),
                ("2025/uasc.csv", 1, 1, 0),
                ("2025/reviews.csv", 2, 2, 0),
                ("2024/episodes.csv", 2, 0, 2),
                ("2024/uasc.csv", 1, 0, 1),
                ("2024/reviews.csv", 2, 1, 1),
            ]
        } else {
            [
                ("2024/episodes.csv", 2, 1, 1),
                ("2024/uasc.csv", 1, 0, 1),
                ("2024/reviews.csv", 2, 2, 0),
                ("2025/episodes.csv", 3, 2, 1),
                ("2025/uasc.csv", 1, 1, 0),
                ("2025/reviews.csv", 2, 1, 1),
            ]
        };
        assert_eq!(accounts, expected);
        // rows_read = rows_used + rows_rejected for every file, and every rejection is listed.
        for a in &data.inputs {
            assert_eq!(a.rows_read, a.rows_used + a.rows_rejected, "{a:?}");
        }
        let rejected = data
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Rejected)
            .count() as u64;
        assert_eq!(
            rejected,
            data.inputs.iter().map(|a| a.rows_rejected).sum::<u64>()
        );
        let reasons: Vec<String> = data.rejections().map(|i| i.describe()).collect();
        let duplicate = format!(
            "{second}/episodes.csv, row 3, column DECOM: the same episode as {first}/episodes.csv, row 3"
        );
        assert!(
            reasons.iter().any(|r| r.starts_with(&duplicate)),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("2024/episodes.csv, row 2, column DECOM")
                    && r.contains("version")
                    && r.contains("2025/episodes.csv, row 2")),
            "{reasons:?}"
        );
        assert_eq!(data.episodes.len(), 3);
        // Year 2024: looked after at 31/3/2024 A only; A's UASC status ceased 01/03/2024 (2025
        // export), so A is not UASC at 31 March; B ceased (E4A); nobody started.
        let r = report(&data, 2024, &Settings::default());
        assert_eq!(
            (
                r.cla_at_31_march.total,
                r.cla_at_31_march.uasc,
                r.started,
                r.ceased.total
            ),
            (1, 0, 0, 1)
        );
        // Year 2025: A adopted 01/02/2025 (only the 2025 version knows), C looked after.
        let r = report(&data, 2025, &Settings::default());
        assert_eq!((r.cla_at_31_march.total, r.ceased.total), (1, 1));
        // The earliest DECOM, 01/05/2022, is after 1/4/2022: the trend holds 2024 and 2025,
        // each with its own export (latest review dates 02/04/2024 and 03/04/2025).
        let own: Vec<(String, bool, u64)> = r
            .trend
            .iter()
            .map(|(k, t)| (iso(*k), t.own_export, t.adopted))
            .collect();
        assert_eq!(
            own,
            [
                ("2024-03-31".to_string(), true, 0),
                ("2025-03-31".to_string(), true, 1)
            ]
        );
    }
}

#[test]
fn a_report_with_comparisons_survives_a_json_round_trip() {
    // The page receives the report from its worker as JSON and reads it back into the struct.
    let data = dataset("", TREND_EPISODES, TREND_REVIEWS, "CHILD,DUC\nT,");
    let r = report(&data, 2025, &for_council("201"));
    assert!(r.benchmarks.is_some() && !r.trend.is_empty());
    let back: careboard::report::Report = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn every_english_and_welsh_postcode_sector_lies_in_an_upper_tier_authority() {
    // The postcode table is ONSPD November 2025, the lookup April 2023: districts renumbered
    // since (Barnsley E08000038, Sheffield E08000039 in 2024) must still be placed.
    let table = dfe::table();
    let postcodes = careboard::geo::postcodes();
    let mut unplaced = Vec::new();
    for (sector, _) in postcodes.sectors() {
        if let Some(lad) = postcodes.district_code(sector) {
            if lad.starts_with(['E', 'W']) && table.upper_tier(lad).is_none() {
                unplaced.push(format!("{sector} {lad}"));
            }
        }
    }
    assert!(unplaced.is_empty(), "{unplaced:?}");
    let council_of = |postcode: &str| {
        let lad = postcodes.district_code(postcode).unwrap();
        let (utla, _) = table.upper_tier(lad).unwrap();
        table.council_by_utla(utla).unwrap().name
    };
    assert_eq!(council_of("S70 1AA"), "Barnsley");
    assert_eq!(council_of("S1 2HE"), "Sheffield");
    assert_eq!(council_of("SO23 8UJ"), "Hampshire");
}

#[test]
fn every_councils_region_and_neighbours_have_published_figures() {
    let t = dfe::table();
    for c in dfe::councils() {
        assert!(
            t.figure(Geography::Region(c.region), 2025, "rate_per_10000")
                .is_some(),
            "{} {}: region {}",
            c.code,
            c.name,
            c.region
        );
        let b = careboard::measures::benchmarks::benchmarks(c, 2025).unwrap();
        assert!(
            b.statistical_neighbours
                .figures
                .cla_at_31_march
                .rate_per_10000
                .is_some(),
            "{}",
            c.name
        );
    }
}

#[test]
fn the_rate_definition_gives_every_councils_published_rate() {
    // rate = children looked after at 31 March / the year's 0-17 population x 10,000, rounded
    // (halves up): applied to DfE's own published count and population, it must give DfE's
    // published rate for every council and year. E.g. Hampshire 2023 (cla_number_and_rate...
    // line 1347: 283750, 1859, 66): 1859 / 283,750 x 10,000 = 65.52 -> 66.
    let t = dfe::table();
    let mut checked = 0;
    let mut differ = Vec::new();
    for c in dfe::councils() {
        for &year in t.years() {
            let geo = Geography::Council(c.code);
            let (Some(count), Some(published), Some((y, population))) = (
                t.figure(geo, year, "cla"),
                t.figure(geo, year, "rate_per_10000"),
                t.population(c.code, year),
            ) else {
                continue;
            };
            assert_eq!(y, year);
            checked += 1;
            let ours = careboard::measures::benchmarks::rate_per_10000(count, population);
            if ours != Some(published) {
                differ.push(format!("{} {year}: {ours:?} vs {published}", c.name));
            }
        }
    }
    assert!(checked > 700, "{checked}");
    assert!(differ.is_empty(), "{differ:?}");
}

#[test]
fn two_exports_whose_files_share_a_name_are_still_told_apart() {
    // The page may pass two years' "episodes.csv" under the same name: a second episodes
    // table under a name already seen is another file, so the repeat is still resolved.
    let older = table_in(
        "episodes.csv",
        TableKind::Episodes,
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/05/2022,S,C2,U4,,",
    );
    let newer = table_in(
        "episodes.csv",
        TableKind::Episodes,
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/05/2022,S,C2,U4,01/02/2025,E11",
    );
    let data = build(vec![older, newer], vec![]);
    let counts: Vec<(u64, u64, u64)> = data
        .inputs
        .iter()
        .map(|a| (a.rows_read, a.rows_used, a.rows_rejected))
        .collect();
    assert_eq!(counts, [(1, 0, 1), (1, 1, 0)]);
    assert_eq!(data.exports.len(), 2);
    let r = report(&data, 2025, &Settings::default());
    assert_eq!((r.cla_at_31_march.total, r.ceased.total), (0, 1));
}

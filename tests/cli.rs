//! End-to-end tests of the `careboard` program: the JSON contract of MEASURES.md section 6,
//! exit codes, and the same figures from the same export in CSV, XLSX and XML.
//! (The figures themselves are checked against the independent implementation by
//! `tests/reference/cross_check.sh`, which `make test` runs.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn careboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_careboard"))
        .args(args)
        .output()
        .expect("the program runs")
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/synth-small")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn sum(v: &Value) -> u64 {
    v.as_object()
        .expect("an object")
        .values()
        .map(|n| n.as_u64().expect("a count"))
        .sum()
}

#[test]
fn json_report_has_every_key_of_the_contract_with_breakdowns_summing_to_totals() {
    let r = json(&careboard(&[
        "report",
        "--json",
        fixture().to_str().unwrap(),
    ]));
    // The synthetic export is taken on 6 May 2025: the default year ends 31/03/2025.
    assert_eq!(r["year_ending"], "2025-03-31");
    let cla = &r["cla_at_31_march"];
    let total = cla["total"].as_u64().unwrap();
    assert!(total > 100);
    for (breakdown, expected) in [
        ("sex", vec!["male", "female", "unknown"]),
        (
            "age_band",
            vec![
                "under_1",
                "1_to_4",
                "5_to_9",
                "10_to_15",
                "16_and_over",
                "unknown",
            ],
        ),
        (
            "ethnic_group",
            vec!["white", "mixed", "asian", "black", "other", "not_known"],
        ),
        (
            "legal_status",
            vec![
                "interim_care_order",
                "full_care_order",
                "placement_order",
                "section_20",
                "detained_for_child_protection",
                "youth_justice",
                "unknown",
            ],
        ),
        (
            "placement",
            vec![
                "foster_relative_friend",
                "foster_other_carer",
                "placed_for_adoption",
                "placed_with_parents",
                "independent_or_supported",
                "secure_and_childrens_homes",
                "other_residential",
                "residential_school",
                "other",
                "unknown",
            ],
        ),
        (
            "distance",
            vec!["up_to_20_miles", "over_20_miles", "not_known"],
        ),
    ] {
        let mut got = keys(&cla[breakdown]);
        let mut want = expected.clone();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{breakdown}");
        assert_eq!(sum(&cla[breakdown]), total, "{breakdown} sums to the total");
    }
    for key in ["uasc", "three_plus_placements"] {
        assert!(cla[key].is_u64(), "{key}");
    }
    assert!(
        cla["long_term_stability"]["eligible"].as_u64()
            >= cla["long_term_stability"]["stable"].as_u64()
    );
    assert!(r["started"].is_u64());
    assert_eq!(
        sum(&r["ceased"]["reason"]),
        r["ceased"]["total"].as_u64().unwrap()
    );
    let month_ends = keys(&r["cla_month_end"]);
    assert_eq!(month_ends.len(), 12);
    assert_eq!(
        (month_ends[0], month_ends[11]),
        ("2024-04-30", "2025-03-31")
    );
    assert_eq!(r["cla_month_end"]["2025-03-31"].as_u64(), Some(total));
    let v = &r["reviews"];
    let n = |k: &str| v[k].as_u64().unwrap();
    assert_eq!(n("on_time") + n("late"), n("assessable"));
    assert_eq!(n("assessable") + n("not_assessable"), n("held"));
    assert!(v["overdue_at_year_end"].is_u64());
    assert_eq!(keys(&v["by_month"]).len(), 12);
    assert_eq!(
        v["by_month"]
            .as_object()
            .unwrap()
            .values()
            .map(|m| m["held"].as_u64().unwrap())
            .sum::<u64>(),
        n("held")
    );
    let mut pn = keys(&v["participation"]);
    pn.sort_unstable();
    assert_eq!(
        pn,
        ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", "unknown"]
    );
    assert_eq!(sum(&v["participation"]), n("held"));
    // Accounting: one line per file (the fixture's seven CSVs), read = used + rejected.
    let inputs = r["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 7);
    for i in inputs {
        let g = |k: &str| i[k].as_u64().unwrap();
        assert_eq!(g("rows_read"), g("rows_used") + g("rows_rejected"), "{i}");
    }
    let rejected: u64 = inputs
        .iter()
        .map(|i| i["rows_rejected"].as_u64().unwrap())
        .sum();
    assert_eq!(
        rejected as usize,
        r["data_quality"]["rejected"].as_array().unwrap().len()
    );
}

#[test]
fn a_small_hand_checked_export_gives_exact_figures_in_the_text_report() {
    let dir = std::env::temp_dir().join(format!("careboard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Two children: A in care since 01/01/2024 (open), B from 01/06/2024 to 01/12/2024 (E4A).
    // A review of A on 29/01/2024: the 20th working day after Mon 01/01/2024 (a holiday itself,
    // not counted) is 29/01/2024 (2-5 Jan 4, 8-12 9, 15-19 14, 22-26 19, 29th 20): on time,
    // but in the year ending 31/03/2024, not 2025. In the year ending 31/03/2025: review 2 due
    // 29/04/2024, held 30/04/2024: late. One row with a bad date is rejected.
    std::fs::write(
        dir.join("eps.csv"),
        "Child ID,Start date,RNE,Legal status,Placement type,End date,REC\r\nA,01/01/2024,S,C2,U4,,\r\nB,01/06/2024,S,V2,U1,01/12/2024,E4A\r\nC,31/02/2024,S,C2,U4,,\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("rev.csv"),
        "CHILD,REVIEW,REVIEW_CODE\nA,29/01/2024,PN1\nA,30/04/2024,PN7\n",
    )
    .unwrap();
    let out = careboard(&["report", "--year", "2025", dir.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        text.contains("Children looked after at 31 March: 1\n"),
        "{text}"
    );
    assert!(text.contains("Started to be looked after in the year: 1\n"));
    assert!(text.contains("Ceased to be looked after in the year: 1\n"));
    assert!(text.contains("Reviews held in the year: 1\n"));
    assert!(
        text.contains("eps.csv, row 4, column DECOM: \"31/02/2024\" is not a real calendar date"),
        "{text}"
    );
    let r = json(&careboard(&[
        "report",
        "--json",
        "--year",
        "2025",
        dir.to_str().unwrap(),
    ]));
    assert_eq!(
        (r["reviews"]["held"].as_u64(), r["reviews"]["late"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(r["ceased"]["reason"]["E4A"].as_u64(), Some(1));
    assert_eq!(r["inputs"][0]["rows_rejected"].as_u64(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn no_usable_903_table_exits_2_with_a_message() {
    let dir = std::env::temp_dir().join(format!("careboard-cli-none-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.csv"), "Name,Budget\nIRO team,100\n").unwrap();
    let out = careboard(&["report", dir.join("notes.csv").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("none of the files given holds a 903"), "{err}");
    assert!(err.contains("notes.csv"), "{err}");
    let out = careboard(&["report", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let out = careboard(&["report", "--year", "twenty", "x.csv"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn csv_xlsx_and_xml_of_one_export_give_the_same_figures() {
    let base = std::env::temp_dir().join(format!("careboard-cli-formats-{}", std::process::id()));
    let mut reports = Vec::new();
    for format in ["csv", "xlsx", "xml"] {
        let dir = base.join(format);
        let out = careboard(&[
            "synth",
            "--children",
            "200",
            "--seed",
            "5",
            "--format",
            format,
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut r = json(&careboard(&["report", "--json", dir.to_str().unwrap()]));
        let obj = r.as_object_mut().unwrap();
        // The accounting and data-quality lists differ by nature (files, sheets, lines).
        obj.remove("inputs");
        obj.remove("data_quality");
        reports.push((format, r));
    }
    assert_eq!(reports[0].1, reports[1].1, "CSV and XLSX differ");
    assert_eq!(reports[0].1, reports[2].1, "CSV and XML differ");
    std::fs::remove_dir_all(&base).ok();
}

#[test]
fn la_adds_the_council_rate_location_benchmarks_and_trend() {
    let r = json(&careboard(&[
        "report",
        "--json",
        "--la",
        "850",
        fixture().to_str().unwrap(),
    ]));
    assert_eq!(
        r["la"],
        serde_json::json!({"code": "850", "name": "Hampshire"})
    );
    let cla = &r["cla_at_31_march"];
    // total / Hampshire's 2025 base of 288,730, x 10,000, rounded.
    let total = cla["total"].as_u64().unwrap();
    let expected_rate = (20_000 * total + 288_730) / (2 * 288_730);
    assert_eq!(cla["rate_per_10000"].as_u64(), Some(expected_rate));
    let mut location = keys(&cla["location"]);
    location.sort_unstable();
    assert_eq!(location, ["inside_la", "not_known", "outside_la"]);
    assert_eq!(sum(&cla["location"]), total);
    let b = &r["benchmarks"];
    let mut benchmark_keys = keys(b);
    benchmark_keys.sort_unstable();
    assert_eq!(
        benchmark_keys,
        [
            "england",
            "la_published",
            "not_published",
            "region",
            "source",
            "statistical_neighbours",
            "this_report",
            "year_ending"
        ]
    );
    assert_eq!(b["year_ending"], "2025-03-31");
    assert_eq!(b["source"], "DfE, 2025 release");
    assert_eq!(b["england"]["cla_at_31_march"]["rate_per_10000"], 67);
    assert_eq!(b["la_published"]["cla_at_31_march"]["rate_per_10000"], 60);
    let members = b["statistical_neighbours"]["members"].as_array().unwrap();
    assert_eq!(members.len(), 10);
    assert!(members.iter().all(|m| m.is_string()));
    for column in [
        "england",
        "region",
        "la_published",
        "statistical_neighbours",
    ] {
        let cla = &b[column]["cla_at_31_march"];
        for breakdown in [
            "sex",
            "age_band",
            "ethnic_group",
            "legal_status",
            "placement",
            "distance",
            "location",
        ] {
            assert!(cla[breakdown].is_object(), "{column}.{breakdown}");
        }
    }
    // The trend: five years ending with the report's, each with every measure.
    let trend = r["trend"].as_object().unwrap();
    assert_eq!(
        trend.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "2021-03-31",
            "2022-03-31",
            "2023-03-31",
            "2024-03-31",
            "2025-03-31"
        ]
    );
    for (year, t) in trend {
        for key in [
            "cla_at_31_march",
            "rate_per_10000",
            "started",
            "ceased",
            "uasc",
            "adopted",
            "sgo",
            "cao",
            "three_plus_placements",
        ] {
            assert!(t[key].is_u64(), "{year}: {key}");
        }
    }
    assert_eq!(trend["2025-03-31"]["cla_at_31_march"].as_u64(), Some(total));
    // A name works as well as the code, in any case.
    let by_name = json(&careboard(&[
        "report",
        "--json",
        "--la",
        "hampshire",
        fixture().to_str().unwrap(),
    ]));
    assert_eq!(by_name["la"]["code"], "850");
    // Without --la: no council keys, the contract unchanged, the trend without rates.
    let plain = json(&careboard(&[
        "report",
        "--json",
        fixture().to_str().unwrap(),
    ]));
    for key in ["la", "benchmarks"] {
        assert!(plain.get(key).is_none(), "{key}");
    }
    assert!(plain["cla_at_31_march"].get("rate_per_10000").is_none());
    assert!(plain["trend"]["2025-03-31"].get("rate_per_10000").is_none());
}

#[test]
fn an_unknown_council_exits_2_naming_close_matches() {
    let out = careboard(&["report", "--la", "Hamshire", fixture().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\"Hamshire\" is not a council"), "{stderr}");
    assert!(stderr.contains("850 Hampshire"), "{stderr}");
}

#[test]
fn the_same_export_given_twice_counts_every_row_once() {
    let base = std::env::temp_dir().join(format!("careboard-cli-twice-{}", std::process::id()));
    for copy in ["a", "b"] {
        let dir = base.join(copy);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(fixture()).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let once = json(&careboard(&[
        "report",
        "--json",
        fixture().to_str().unwrap(),
    ]));
    let twice = json(&careboard(&[
        "report",
        "--json",
        base.join("a").to_str().unwrap(),
        base.join("b").to_str().unwrap(),
    ]));
    std::fs::remove_dir_all(&base).unwrap();
    for key in ["cla_at_31_march", "started", "ceased", "reviews", "trend"] {
        assert_eq!(once[key], twice[key], "{key}");
    }
    // Files with the same name are told apart by their folder; every episode and review of
    // the second copy is rejected as a repeat of the first, and the accounts still balance.
    let inputs = twice["inputs"].as_array().unwrap();
    for table in ["episodes", "reviews", "uasc"] {
        let of: Vec<&Value> = inputs.iter().filter(|i| i["table"] == table).collect();
        assert_eq!(of.len(), 2, "{table}");
        assert_ne!(of[0]["file"], of[1]["file"]);
        let second = of[1];
        assert_eq!(second["rows_used"], 0, "{table}: {second}");
        assert_eq!(second["rows_rejected"], second["rows_read"], "{table}");
    }
    for i in inputs {
        assert_eq!(
            i["rows_read"].as_u64(),
            Some(i["rows_used"].as_u64().unwrap() + i["rows_rejected"].as_u64().unwrap())
        );
    }
    let rejected = twice["data_quality"]["rejected"].as_array().unwrap();
    assert!(rejected.iter().any(|r| r["reason"]
        .as_str()
        .unwrap()
        .starts_with("the same episode as ")));
}

#[test]
fn a_reader_that_closes_the_pipe_early_ends_the_program_quietly() {
    // `careboard report --json ... | head` panicked on the closed pipe (exit 101). Here the
    // reading end is closed before anything is written, so every write meets a closed pipe.
    for args in [vec!["report", "--json"], vec!["report"], vec!["--help"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_careboard"))
            .args(&args)
            .args(if args[0] == "report" {
                vec![fixture().to_str().unwrap().to_string()]
            } else {
                vec![]
            })
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the program runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("the program ends");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn mapping_profile_reads_a_local_export_in_another_shape_and_its_settings_apply() {
    let dir = std::env::temp_dir().join(format!("careboard-cli-map-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let meetings = dir.join("meetings.csv");
    // Two reviews held in the year ending 31/03/2024 in a case-management system's shape; the
    // second has its record 16 working days after it (15/01/2024 -> 06/02/2024).
    std::fs::write(
        &meetings,
        "Person Ref,Meeting Date,Outcome,Minutes Sent,Mum\n\
         A,10/05/2023,Held,07/06/2023,In person\n\
         A,15/01/2024,Held,06/02/2024,No\n\
         A,01/03/2024,Cancelled,,\n",
    )
    .unwrap();
    let profile = dir.join("profile.json");
    std::fs::write(
        &profile,
        r#"{"careboard_mapping_profile": 1,
            "tables": [{"table": "review_meetings",
                        "columns": {"CHILD": "Person Ref", "REVIEW_DATE": "Meeting Date",
                                    "CANCELLED": "Outcome", "RECORD_COMPLETED": "Minutes Sent",
                                    "MOTHER": "Mum"},
                        "values": {"CANCELLED": {"Held": "N", "Cancelled": "Y"},
                                   "MOTHER": {"In person": "ATTENDED", "No": "NONE"}}}],
            "settings": {"record_deadline_working_days": 15}}"#,
    )
    .unwrap();
    let fixture = fixture();
    let run = |extra: &[&str]| {
        let mut args = vec!["report", "--json", "--year", "2024"];
        args.extend_from_slice(extra);
        args.extend([fixture.to_str().unwrap(), meetings.to_str().unwrap()]);
        json(&careboard(&args))
    };
    let r = run(&["--mapping", profile.to_str().unwrap()]);
    let service = &r["iro_service"];
    // The profile's deadline of 15 working days: the first record (deadline 01/06/2023, done
    // 07/06) is late, the second (16 working days) too.
    assert_eq!(service["records"]["deadline_working_days"], 15);
    assert_eq!(service["records"]["late"], 2);
    assert_eq!(service["cancelled"]["cancelled"], 1);
    assert_eq!(service["parents"]["attended"], 1);
    assert_eq!(r["settings"]["record_deadline_working_days"], 15);
    // A flag beside the profile wins: 20 days makes the first on time.
    let r = run(&[
        "--mapping",
        profile.to_str().unwrap(),
        "--record-deadline-days",
        "20",
    ]);
    assert_eq!(r["iro_service"]["records"]["on_time"], 2);
    // Without the profile the file is not recognised: not available, never 0.
    let r = run(&[]);
    assert_eq!(r["iro_service"]["records"], Value::Null);
}

#[test]
fn a_damaged_or_wrong_mapping_profile_is_refused_with_a_clear_message() {
    let dir = std::env::temp_dir().join(format!("careboard-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = fixture();
    for (name, text, says) in [
        (
            "cut.json",
            "{\"careboard_mapping_profile\": 1, \"tables\": [",
            "cut short",
        ),
        (
            "report.json",
            "{\"year_ending\": \"2024-03-31\"}",
            "some other JSON file",
        ),
        (
            "bad-table.json",
            r#"{"careboard_mapping_profile": 1, "tables": [{"table": "review_meetings", "columns": {"REVIEW_DATE": "Date"}}]}"#,
            "needs a column for CHILD",
        ),
        (
            "bad-days.json",
            r#"{"careboard_mapping_profile": 1, "settings": {"record_deadline_working_days": 0}}"#,
            "record deadline must be from 1 to 100",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = careboard(&[
            "report",
            "--mapping",
            path.to_str().unwrap(),
            fixture.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
    }
    let out = careboard(&[
        "report",
        "--record-deadline-days",
        "x",
        fixture.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

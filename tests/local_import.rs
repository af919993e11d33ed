//! Reading the IRO service's local exports (MEASURES.md section 7.1), the Deprivation of
//! Liberty orders (section 8) and a child population table (section 9): recognition by header,
//! column and value mapping with a profile, the mapping step's preview, and the row rules with
//! every row accounted for.

use careboard::import::{load, load_mapped, read_file, read_file_mapped};
use careboard::mapping::{guess_mapping, Profile, TableMapping};
use careboard::model::local::ParentPart;
use careboard::model::{Dataset, Severity, TableKind};
use careboard::settings::IroSettings;

fn kinds(name: &str, text: &str) -> Vec<TableKind> {
    read_file(name, text.as_bytes())
        .tables
        .iter()
        .map(|t| t.kind)
        .collect()
}

fn loaded(files: &[(&str, &str)]) -> Dataset {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    load(&files)
}

/// `(column, reason)` of each rejected row of `file`, in order.
fn rejected(data: &Dataset, file: &str) -> Vec<(u32, String, String)> {
    data.issues
        .iter()
        .filter(|i| i.severity == Severity::Rejected && i.file == file)
        .map(|i| (i.row, i.column.clone(), i.reason.clone()))
        .collect()
}

fn warnings(data: &Dataset, file: &str) -> Vec<(u32, String, String)> {
    data.issues
        .iter()
        .filter(|i| i.severity == Severity::Warning && i.file == file)
        .map(|i| (i.row, i.column.clone(), i.reason.clone()))
        .collect()
}

#[test]
fn local_tables_are_recognised_by_their_headings_canonical_ssd_or_synonyms() {
    assert_eq!(
        kinds(
            "m.csv",
            "CHILD,REVIEW_DATE,CANCELLED,CHAIR\nA,01/05/2024,,W1\n"
        ),
        [TableKind::ReviewMeetings]
    );
    // The Standard Safeguarding Dataset's names.
    assert_eq!(
        kinds(
            "ssd.csv",
            "clar_cla_person_id,clar_cla_review_id,clar_cla_review_date,clar_cla_review_cancelled,\
             Date review record distributed\nA,R1,2024-05-01,N,2024-05-20\n"
        ),
        [TableKind::ReviewMeetings]
    );
    assert_eq!(
        kinds(
            "a.csv",
            "invo_person_id,invo_professional_id,invo_involvement_start_date,\
             invo_involvement_end_date,invo_professional_role_id\nA,W1,01/04/2023,,IRO\n"
        ),
        [TableKind::IroAllocations]
    );
    assert_eq!(
        kinds(
            "i.csv",
            "prof_professional_id,prof_professional_name,prof_full_time_equivalency\nW1,Ann,0.6\n"
        ),
        [TableKind::Iros]
    );
    assert_eq!(
        kinds("d.csv", "RAISED,STAGE,DISPUTE_ID\n01/05/2024,formal,D1\n"),
        [TableKind::Disputes]
    );
    assert_eq!(
        kinds("c.csv", "CHILD,CONTACT_DATE,TYPE\nA,01/05/2024,visit\n"),
        [TableKind::IroContacts]
    );
    assert_eq!(
        kinds(
            "o.csv",
            "CHILD,DOB,DOLO_START,DOLO_END\nA,01/01/2010,01/05/2024,\n"
        ),
        [TableKind::Dolo]
    );
    assert_eq!(
        kinds("p.csv", "Ethnicity,Count\nWhite,100\n"),
        [TableKind::ChildPopulation]
    );
    assert_eq!(
        kinds("p2.csv", "ETHNIC_GROUP,NUMBER\nWhite,100\n"),
        [TableKind::ChildPopulation]
    );
    // REVIEW_DATE is also the 903 reviews' REVIEW: with a REVIEW_CODE it is the 903's table.
    assert_eq!(
        kinds("r.csv", "CHILD,REVIEW_DATE,REVIEW_CODE\nA,01/05/2024,PN1\n"),
        [TableKind::Reviews]
    );
    // CHILD, IRO and START together are allocations, not the IROs table (tried later).
    assert_eq!(
        kinds("a2.csv", "CHILD,IRO,START,END\nA,W1,01/04/2023,\n"),
        [TableKind::IroAllocations]
    );
}

#[test]
fn the_row_rules_of_each_local_table_reject_with_a_reason_and_account_for_every_row() {
    let data = loaded(&[
        (
            "meetings.csv",
            "CHILD,REVIEW_DATE,CANCELLED,CANCELLED_DATE,RECORD_COMPLETED,MOTHER,FATHER\n\
             A,01/05/2024,,,10/05/2024,ATTENDED,views\n\
             ,01/05/2024,,,,,\n\
             B,,,,,,\n\
             C,01/05/2024,,,30/04/2024,,\n\
             D,31/02/2024,,,,,\n\
             E,,Y,,,,\n\
             F,02/05/2024,maybe,,,Came,\n",
        ),
        (
            "allocations.csv",
            "CHILD,IRO,START,END\nA,W1,01/04/2023,\nA,,01/04/2023,\nB,W2,,\nC,W2,01/05/2024,30/04/2024\n",
        ),
        (
            "iros.csv",
            "IRO,NAME,FTE\nW1,Ann,0.6\nW2,Bo,\nW1,Ann again,1\nW3,Cy,2\nW4,Di,0\n,Ed,1\n",
        ),
        (
            "disputes.csv",
            "RAISED,STAGE,RESOLVED\n01/05/2024,formal,\n,formal,\n01/05/2024,,\n01/05/2024,formal,30/04/2024\n",
        ),
        ("contacts.csv", "CHILD,CONTACT_DATE\nA,01/05/2024\nA,\n,01/05/2024\n"),
        ("dolo.csv", "CHILD,DOLO_START,DOLO_END\nA,01/05/2024,\nB,01/05/2024,01/04/2024\nC,,\n"),
        (
            "population.csv",
            "GROUP,CHILDREN\nWhite,1000\n\"Asian, Asian British or Asian Welsh: Indian\",40\n\
             Asian or Asian British,10\nDoes not apply,7\nUnknown,5\nBlack,\"1,200\"\nMixed,\n",
        ),
    ]);
    for input in &data.inputs {
        assert_eq!(
            input.rows_read,
            input.rows_used + input.rows_rejected,
            "{}",
            input.file
        );
    }
    let accounts: Vec<(TableKind, u64, u64)> = data
        .inputs
        .iter()
        .map(|i| (i.table, i.rows_used, i.rows_rejected))
        .collect();
    assert_eq!(
        accounts,
        [
            (TableKind::ReviewMeetings, 3, 4),
            (TableKind::IroAllocations, 1, 3),
            (TableKind::Iros, 2, 4),
            (TableKind::Disputes, 1, 3),
            (TableKind::IroContacts, 1, 2),
            (TableKind::Dolo, 1, 2),
            (TableKind::ChildPopulation, 4, 3),
        ]
    );
    let reasons = |file| -> Vec<(u32, String)> {
        rejected(&data, file)
            .into_iter()
            .map(|(r, c, _)| (r, c))
            .collect()
    };
    let rc = |list: &[(u32, &str)]| -> Vec<(u32, String)> {
        list.iter().map(|(r, c)| (*r, c.to_string())).collect()
    };
    assert_eq!(
        reasons("meetings.csv"),
        rc(&[
            (3, "CHILD"),
            (4, "REVIEW_DATE"),
            (5, "RECORD_COMPLETED"),
            (6, "REVIEW_DATE")
        ])
    );
    let m = rejected(&data, "meetings.csv");
    assert!(m[1].2.contains("neither held"), "{}", m[1].2);
    assert_eq!(
        m[2].2,
        "the review record is dated 30/04/2024, before the review was held (01/05/2024)"
    );
    assert!(m[3]
        .2
        .starts_with("\"31/02/2024\" is not a real calendar date"));
    assert_eq!(
        reasons("allocations.csv"),
        rc(&[(3, "IRO"), (4, "START"), (5, "END")])
    );
    assert_eq!(
        rejected(&data, "allocations.csv")[2].2,
        "the allocation's end (30/04/2024) is before its start (01/05/2024)"
    );
    assert_eq!(
        reasons("iros.csv"),
        rc(&[(4, "IRO"), (5, "FTE"), (6, "FTE"), (7, "IRO")])
    );
    assert_eq!(
        rejected(&data, "iros.csv")[0].2,
        "IRO W1 already has a row (iros.csv, row 2); only the first is used"
    );
    assert_eq!(
        reasons("disputes.csv"),
        rc(&[(3, "RAISED"), (4, "STAGE"), (5, "RESOLVED")])
    );
    assert_eq!(
        reasons("contacts.csv"),
        rc(&[(3, "CONTACT_DATE"), (4, "CHILD")])
    );
    assert_eq!(
        reasons("dolo.csv"),
        rc(&[(3, "DOLO_END"), (4, "DOLO_START")])
    );
    assert_eq!(
        reasons("population.csv"),
        rc(&[(6, "GROUP"), (7, "CHILDREN"), (8, "CHILDREN")])
    );
    // Used with warnings: a cancelled flag that is neither yes nor no, an unknown parent code.
    let w: Vec<(u32, String)> = warnings(&data, "meetings.csv")
        .into_iter()
        .map(|(r, c, _)| (r, c))
        .collect();
    assert_eq!(w, rc(&[(8, "CANCELLED"), (8, "MOTHER")]));

    let meetings = data.iro.review_meetings.as_ref().unwrap();
    assert_eq!(meetings.len(), 3);
    assert_eq!(
        (meetings[0].mother, meetings[0].father),
        (Some(ParentPart::Attended), Some(ParentPart::Views))
    );
    assert!(meetings[1].cancelled && meetings[1].held.is_none());
    assert!(!meetings[2].cancelled && meetings[2].mother.is_none());
    let iros = data.iro.iros.as_ref().unwrap();
    assert_eq!(
        iros.iter()
            .map(|i| (i.iro.as_str(), i.fte.0))
            .collect::<Vec<_>>(),
        [("W1", 600_000_000), ("W2", 1_000_000_000)]
    );
    // White 1000; Asian 40 + 10; "Does not apply" used, counted in none.
    assert_eq!(data.child_population, Some([1000, 0, 50, 0, 0]));
}

#[test]
fn a_table_whose_rows_are_all_rejected_is_still_loaded() {
    let data = loaded(&[("d.csv", "RAISED,STAGE\n,formal\n")]);
    assert_eq!(data.iro.disputes, Some(vec![]));
    assert_eq!(data.iro.review_meetings, None);
    assert_eq!(data.dolo, None);
}

/// A review meetings export in a case-management system's own shape: no heading Careboard
/// knows, its own codes.
const MOSAIC: &str = "Person Ref,Meeting Date,Outcome,Chaired By,Mum,Minutes sent\n\
    C1,01/05/2024,Held,W12,Attended in person,20/05/2024\n\
    C2,,Cancelled,,,\n\
    C3,03/05/2024,Held,W13,Did not attend - views via advocate,\n";

fn mosaic_mapping() -> TableMapping {
    let mut m = TableMapping {
        table: Some(TableKind::ReviewMeetings),
        ..TableMapping::default()
    };
    for (c, h) in [
        ("CHILD", "Person Ref"),
        ("REVIEW_DATE", "Meeting Date"),
        ("CANCELLED", "Outcome"),
        ("CHAIR", "Chaired By"),
        ("MOTHER", "Mum"),
        ("RECORD_COMPLETED", "Minutes sent"),
    ] {
        m.columns.insert(c.into(), h.into());
    }
    m.values.insert(
        "CANCELLED".into(),
        [("Held", "N"), ("Cancelled", "Y")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .into_iter()
            .collect(),
    );
    m.values.insert(
        "MOTHER".into(),
        [
            ("Attended in person", "ATTENDED"),
            ("Did not attend - views via advocate", "VIEWS"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .into_iter()
        .collect(),
    );
    m
}

#[test]
fn a_file_in_another_shape_is_read_through_its_column_and_value_mapping() {
    let plain = read_file("mosaic.csv", MOSAIC.as_bytes());
    assert!(plain.tables.is_empty());
    assert!(plain.problems[0].message.contains("is not a 903 table"));
    let profile = Profile {
        tables: vec![mosaic_mapping()],
        ..Profile::default()
    };
    let (data, previews) = load_mapped(&[("mosaic.csv", MOSAIC.as_bytes())], &profile, true);
    assert!(data.problems.is_empty(), "{:?}", data.problems);
    assert!(data.issues.is_empty(), "{:?}", data.issues);
    let meetings = data.iro.review_meetings.as_ref().unwrap();
    assert_eq!(meetings.len(), 3);
    assert_eq!(
        meetings
            .iter()
            .map(|m| (m.cancelled, m.chair.as_str(), m.mother))
            .collect::<Vec<_>>(),
        [
            (false, "W12", Some(ParentPart::Attended)),
            (true, "", None),
            (false, "W13", Some(ParentPart::Views)),
        ]
    );
    // A mapped local table still has its preview, to change the mapping later.
    assert_eq!(previews.len(), 1);
    assert_eq!(previews[0].table, Some(TableKind::ReviewMeetings));
}

#[test]
fn an_unrecognised_file_gives_a_preview_from_which_the_mapping_is_guessed() {
    let read = read_file_mapped(
        "mosaic.csv",
        format!("Review meetings export\n\n{MOSAIC}").as_bytes(),
        &Profile::default(),
        true,
    );
    assert!(read.tables.is_empty());
    let p = &read.previews[0];
    assert_eq!((p.header_row, p.rows, p.table), (3, 3, None));
    let headings: Vec<&str> = p.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Person Ref",
            "Meeting Date",
            "Outcome",
            "Chaired By",
            "Mum",
            "Minutes sent"
        ]
    );
    assert_eq!(p.columns[1].examples, ["01/05/2024", "03/05/2024"]);
    assert_eq!(p.columns[1].values, ["01/05/2024", "", "03/05/2024"]);
    assert!(p.columns[1].is_dates());
    let guess = guess_mapping(None, p, &IroSettings::default());
    assert_eq!(guess, mosaic_mapping());
}

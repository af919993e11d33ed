//! The conversation between the page and its worker (`careboard::session`), natively.

use careboard::model::dates::iso;
use careboard::report::keys::Sex;
use careboard::report::ChildLists;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use careboard::session::{in_memory, HeldFile, Options, Outcome, Request, Response, Session};
use careboard::ui::messages;

const EPISODES: &str =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A1,15/06/2022,S,C2,N1,U1,PR1,,,,SO23 8,SO23 9,SC000001
B2,01/02/2024,S,C2,N1,U1,PR1,10/05/2024,E11,,SO23 8,SO23 9,SC000001
";
const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A1,1,01/01/2012,WBRI,A123456789012,,
B2,2,01/01/2015,WBRI,A123456789013,,
";

fn add(session: &mut Session, files: &[(&str, &str)]) -> (Outcome, Vec<String>) {
    let mut heard = Vec::new();
    let files = files
        .iter()
        .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
        .collect();
    let outcome = session.handle(Request::Add, in_memory(files), &mut |r| {
        if let Response::Progress { message, .. } = r {
            heard.push(message)
        }
    });
    (outcome, heard)
}

#[test]
fn files_add_up_and_a_repeated_file_is_named_not_doubled() {
    let mut s = Session::new();
    let (first, heard) = add(&mut s, &[("episodes.csv", EPISODES)]);
    assert_eq!(
        heard,
        ["Reading episodes.csv (1 of 1)", "Working out the figures"]
    );
    // Latest date 10/05/2024 (B2's DEC): 31 March 2024 is the latest 31 March on or before it.
    assert_eq!(first.default_year, Some(2024));
    // Earliest date 15/06/2022 lies in the year ending 31/03/2023: years 2024 and 2023.
    assert_eq!(first.years, [2024, 2023]);
    let report = first.report.expect("a report from episodes alone");
    // At 31/03/2024 both A1 and B2 are looked after.
    assert_eq!(report.cla_at_31_march.total, 2);

    let (second, _) = add(
        &mut s,
        &[("header.csv", HEADER), ("episodes.csv", EPISODES)],
    );
    assert_eq!(
        second.notices,
        ["episodes.csv was already loaded, so it was not added a second time."]
    );
    assert_eq!(
        second.files,
        [
            ("episodes.csv".to_string(), EPISODES.len() as u64),
            ("header.csv".to_string(), HEADER.len() as u64)
        ]
    );
    let report = second.report.expect("report");
    // Still 2 children, now with their sex from the header: one boy (A1), one girl (B2).
    assert_eq!(report.cla_at_31_march.total, 2);
    assert_eq!(
        (
            report.cla_at_31_march.sex[Sex::Male],
            report.cla_at_31_march.sex[Sex::Female]
        ),
        (1, 1)
    );
}

#[test]
fn options_change_the_year_and_clear_forgets_everything() {
    let mut s = Session::new();
    add(&mut s, &[("episodes.csv", EPISODES)]);
    let options = Options {
        year: Some(2023),
        ..Options::default()
    };
    let outcome = s.handle(Request::Options(options), vec![], &mut |_| {});
    let report = outcome.report.expect("report");
    assert_eq!(iso(report.year_ending), "2023-03-31");
    // At 31/03/2023 only A1 (from 15/06/2022) is looked after; B2 starts 01/02/2024.
    assert_eq!(report.cla_at_31_march.total, 1);

    let cleared = s.handle(Request::Clear, vec![], &mut |_| {});
    assert_eq!(
        cleared,
        Outcome {
            councils: careboard::session::council_choices(),
            ..Outcome::default()
        }
    );
}

#[test]
fn a_file_that_is_not_903_gives_a_sentence_not_a_report() {
    let mut s = Session::new();
    let (outcome, _) = add(&mut s, &[("notes.txt", "Minutes of the meeting\n")]);
    assert!(outcome.report.is_none());
    // The page's words for the worker's typed problem.
    assert_eq!(
        outcome.problem.as_ref().map(messages::problem).as_deref(),
        Some("None of the files given holds a 903 episodes, reviews, header or UASC table.")
    );
    assert_eq!(outcome.files, [("notes.txt".to_string(), 23)]);
}

#[test]
fn the_sample_council_is_built_in_and_set_aside_for_real_files() {
    let mut s = Session::new();
    let sample = s.handle(Request::Sample, vec![], &mut |_| {});
    assert!(sample.sample);
    let names: Vec<&str> = sample.files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"sample-episodes.csv"), "{names:?}");
    let report = sample.report.expect("the sample makes a report");
    assert_eq!(iso(report.year_ending), "2025-03-31");
    // The synthetic council is generated for about 600 children at 31 March 2025.
    assert!((500..=700).contains(&report.cla_at_31_march.total));

    let (real, _) = add(&mut s, &[("episodes.csv", EPISODES)]);
    assert!(!real.sample);
    assert_eq!(real.files.len(), 1);
    assert_eq!(
        real.notices,
        ["The sample data was set aside for your files."]
    );
}

#[test]
fn requests_and_responses_travel_as_json() {
    let json = serde_json::to_string(&Request::Options(Options::default())).expect("json");
    assert!(
        json.starts_with(r#"{"kind":"options","year":null,"settings":{"#),
        "{json}"
    );
    let back: Request = serde_json::from_str(r#"{"kind":"add"}"#).expect("parse");
    assert_eq!(back, Request::Add);
    // The report itself survives the trip to the page unchanged.
    let mut s = Session::new();
    let (outcome, _) = add(&mut s, &[("episodes.csv", EPISODES)]);
    let text = serde_json::to_string(&Response::Ready(Box::new(outcome.clone()))).expect("json");
    let again: Response = serde_json::from_str(&text).expect("parse");
    assert_eq!(again, Response::Ready(Box::new(outcome)));
}

#[test]
fn the_council_picker_lists_every_council_by_name_and_a_choice_adds_comparisons() {
    let councils = careboard::session::council_choices();
    // DfE publishes figures for 153 councils with children's services in the 2025 release.
    assert_eq!(councils.len(), 153);
    assert_eq!(councils[0].name, "Barking and Dagenham");
    let hampshire = councils
        .iter()
        .find(|c| c.code == "850")
        .expect("Hampshire");
    assert_eq!(
        (hampshire.name.as_str(), hampshire.region.as_str()),
        ("Hampshire", "South East")
    );

    let mut s = Session::new();
    add(&mut s, &[("episodes.csv", EPISODES)]);
    let mut options = Options::default();
    options.settings.la = Some("850".to_string());
    let outcome = s.handle(Request::Options(options), vec![], &mut |_| {});
    let report = outcome.report.expect("report");
    assert_eq!(
        report.la.as_ref().map(|la| la.name.as_str()),
        Some("Hampshire")
    );
    assert!(report.benchmarks.is_some());

    let mut options = Options::default();
    options.settings.la = Some("Atlantis".to_string());
    let outcome = s.handle(Request::Options(options), vec![], &mut |_| {});
    assert!(outcome.report.is_none());
    assert!(messages::problem(&outcome.problem.expect("a problem")).contains("Atlantis"));
}

#[test]
fn the_worker_names_each_file_just_before_reading_it_so_a_crash_can_be_traced_to_one() {
    let mut s = Session::new();
    add(&mut s, &[("episodes.csv", EPISODES)]);
    let mut heard = Vec::new();
    let files = vec![("header.csv".to_string(), HEADER.as_bytes().to_vec())];
    s.handle(Request::Add, in_memory(files), &mut |r| match r {
        Response::Reading { file } => heard.push(format!("on {file}")),
        Response::Progress { message, .. } => heard.push(message),
        _ => {}
    });
    // Every file held is read again (the earlier one first); the figures come after the last
    // file is named, so a crash while working them out names no file.
    assert_eq!(
        heard,
        [
            "Reading episodes.csv (1 of 2)",
            "on episodes.csv",
            "Reading header.csv (2 of 2)",
            "on header.csv",
            "Working out the figures"
        ]
    );
}

/// A file as the page's worker holds one: read only when asked, each read written in `log`,
/// and unreadable once `gone` is set (moved or changed on disk since it was given).
struct Handle {
    name: &'static str,
    text: &'static str,
    log: Rc<RefCell<Vec<String>>>,
    gone: Rc<Cell<bool>>,
}

impl Handle {
    fn boxed(
        name: &'static str,
        text: &'static str,
        log: &Rc<RefCell<Vec<String>>>,
        gone: &Rc<Cell<bool>>,
    ) -> Box<dyn HeldFile> {
        Box::new(Handle {
            name,
            text,
            log: log.clone(),
            gone: gone.clone(),
        })
    }
}

impl HeldFile for Handle {
    fn name(&self) -> &str {
        self.name
    }
    fn size(&self) -> u64 {
        self.text.len() as u64
    }
    fn read(&self) -> Option<Vec<u8>> {
        self.log.borrow_mut().push(format!("read {}", self.name));
        (!self.gone.get()).then(|| self.text.as_bytes().to_vec())
    }
}

#[test]
fn each_file_is_read_only_when_its_turn_comes_and_one_that_cannot_be_read_again_is_let_go() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let gone = Rc::new(Cell::new(false));
    let handle = |name, text| Handle::boxed(name, text, &log, &Rc::new(Cell::new(false)));
    let mut s = Session::new();
    let files = vec![
        handle("episodes.csv", EPISODES),
        handle("header.csv", HEADER),
    ];
    let log_seen = log.clone();
    let first = s.handle(Request::Add, files, &mut |r| {
        if let Response::Reading { file } = r {
            log_seen.borrow_mut().push(format!("on {file}"));
        }
    });
    // One file at a time: named, then read; nothing read before (two different names, so no
    // file was read to see whether it repeats another).
    assert_eq!(
        *log.borrow(),
        [
            "on episodes.csv",
            "read episodes.csv",
            "on header.csv",
            "read header.csv"
        ]
    );
    assert_eq!(first.report.expect("a report").cla_at_31_march.total, 2);

    // A third file; then that file can no longer be read when the files are read again.
    log.borrow_mut().clear();
    let reviews = "CHILD,REVIEW,REVIEW_CODE\nA1,10/06/2023,PN1\n";
    let third = Handle::boxed("reviews.csv", reviews, &log, &gone);
    let second = s.handle(Request::Add, vec![third], &mut |_| {});
    assert!(second.notices.is_empty(), "{:?}", second.notices);
    assert_eq!(second.files.len(), 3);
    // Every file read once more, in order: the export's bytes are never all held at once.
    assert_eq!(
        *log.borrow(),
        ["read episodes.csv", "read header.csv", "read reviews.csv"]
    );
    gone.set(true);
    let third_again = s.handle(Request::Profile(Default::default()), vec![], &mut |_| {});
    assert_eq!(
        third_again.notices,
        [
            "reviews.csv could not be opened, so it was left out. Is it still on this computer, \
          unchanged since you added it, and not open in another program? Add it again to \
          include it."
        ]
    );
    assert_eq!(
        third_again.files,
        [
            ("episodes.csv".to_string(), EPISODES.len() as u64),
            ("header.csv".to_string(), HEADER.len() as u64)
        ]
    );
    // The report is made from the two files left: A1 and B2 at 31 March 2024.
    assert_eq!(
        third_again.report.expect("a report").cla_at_31_march.total,
        2
    );
}

#[test]
fn a_file_is_compared_with_those_held_only_when_name_and_size_match() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let handle = |name, text| Handle::boxed(name, text, &log, &Rc::new(Cell::new(false)));
    let mut s = Session::new();
    s.handle(
        Request::Add,
        vec![handle("episodes.csv", EPISODES)],
        &mut |_| {},
    );
    log.borrow_mut().clear();
    // Same name, same size, one byte different ("A1" made "A9" in the first row): read both
    // to compare, then kept, as a different file.
    let changed: &'static str = Box::leak(EPISODES.replacen("A1", "A9", 1).into_boxed_str());
    let outcome = s.handle(
        Request::Add,
        vec![handle("episodes.csv", changed)],
        &mut |_| {},
    );
    assert!(outcome.notices.is_empty(), "{:?}", outcome.notices);
    assert_eq!(outcome.files.len(), 2);
    assert_eq!(
        log.borrow()[..2],
        [
            "read episodes.csv".to_string(),
            "read episodes.csv".to_string()
        ]
    );
    // The same bytes again: named, not added.
    let again = s.handle(
        Request::Add,
        vec![handle("episodes.csv", EPISODES)],
        &mut |_| {},
    );
    assert_eq!(
        again.notices,
        ["episodes.csv was already loaded, so it was not added a second time."]
    );
    assert_eq!(again.files.len(), 2);
}

/// A review meetings export in a case-management system's own headings.
const MEETINGS: &str = "Person Ref,Meeting date,Chaired by
A1,20/09/2023,IRO1
A1,14/03/2024,IRO1
";

#[test]
fn a_file_not_recognised_waits_for_its_mapping_and_is_read_once_the_profile_comes() {
    use careboard::mapping::{Profile, TableMapping};
    use careboard::model::TableKind;
    let mut s = Session::new();
    let (outcome, _) = add(
        &mut s,
        &[
            ("episodes.csv", EPISODES),
            ("header.csv", HEADER),
            ("meetings.csv", MEETINGS),
        ],
    );
    // The meetings file gave no table: it is offered for mapping, with its headings and first
    // values, and none of the 903 files is.
    assert_eq!(outcome.to_map.len(), 1);
    let preview = &outcome.to_map[0];
    assert_eq!(preview.file, "meetings.csv");
    let headings: Vec<&str> = preview.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(headings, ["Person Ref", "Meeting date", "Chaired by"]);
    assert_eq!(preview.columns[1].examples, ["20/09/2023", "14/03/2024"]);
    let mapping = TableMapping {
        table: Some(TableKind::ReviewMeetings),
        columns: [
            ("CHILD", "Person Ref"),
            ("REVIEW_DATE", "Meeting date"),
            ("CHAIR", "Chaired by"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .into_iter()
        .collect(),
        ..TableMapping::default()
    };
    let profile = Profile {
        tables: vec![mapping],
        ..Profile::default()
    };
    let mapped = s.handle(Request::Profile(profile), vec![], &mut |_| {});
    assert!(mapped.to_map.is_empty(), "{:?}", mapped.to_map);
    let report = mapped.report.expect("report");
    let meetings = report
        .inputs
        .iter()
        .find(|i| i.file == "meetings.csv")
        .expect("meetings read");
    // Both rows of the file are read and used as review meetings.
    assert_eq!(meetings.table, TableKind::ReviewMeetings);
    assert_eq!((meetings.rows_read, meetings.rows_used), (2, 2));
}

#[test]
fn a_profile_request_travels_as_json_and_reads_back_the_same() {
    let profile = careboard::synth::local::profile(careboard::synth::local::LocalShape::Mosaic);
    let request = Request::Profile(profile);
    let json = serde_json::to_string(&request).expect("json");
    let back: Request = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, request);
}

/// The worker's side of a report with child-level lists (`ui::worker`) and the page's
/// (`ui::bridge`), as JSON messages between them.
fn sent_and_reassembled(outcome: Outcome, rows: usize) -> (usize, Outcome) {
    let mut outcome = outcome;
    let report = outcome
        .report
        .as_mut()
        .and_then(std::rc::Rc::get_mut)
        .expect("an outcome's report is its own");
    let messages: Vec<String> = report
        .take_lists()
        .into_parts(rows)
        .into_iter()
        .map(|part| serde_json::to_string(&Response::Lists(Box::new(part))).unwrap())
        .chain([serde_json::to_string(&Response::Ready(Box::new(outcome))).unwrap()])
        .collect();
    let mut held = ChildLists::default();
    for message in &messages {
        match serde_json::from_str::<Response>(message).unwrap() {
            Response::Lists(part) => held.extend(*part),
            Response::Ready(mut outcome) => {
                let report = outcome
                    .report
                    .as_mut()
                    .and_then(std::rc::Rc::get_mut)
                    .unwrap();
                report.put_lists(std::mem::take(&mut held));
                return (messages.len(), *outcome);
            }
            other => panic!("not sent: {other:?}"),
        }
    }
    panic!("no report sent")
}

#[test]
fn a_reports_lists_travel_in_parts_before_it_and_are_put_back_as_they_were() {
    // Episodes: row 2 (A1) is fine; rows 3-5 have impossible start dates, so 3 rows are
    // rejected; C3's leaving on 10/04/2024 makes the year the one ending 31/03/2024. B2 and C3
    // start in May and June 2023 and each has one review, both late: the first review is due
    // within 20 working days of the start (MEASURES.md section 4).
    let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A1,15/06/2022,S,C2,N1,U1,PR1,,,,,,
X1,31/02/2023,S,C2,N1,U1,PR1,,,,,,
X2,32/01/2023,S,C2,N1,U1,PR1,,,,,,
X3,00/01/2023,S,C2,N1,U1,PR1,,,,,,
B2,01/05/2023,S,C2,N1,U1,PR1,,,,,,
C3,01/06/2023,S,C2,N1,U1,PR1,10/04/2024,E11,,,,
";
    let reviews = "CHILD,DOB,REVIEW,REVIEW_CODE
B2,01/01/2015,01/09/2023,PN1
C3,01/01/2015,01/10/2023,PN1
";
    let mut s = Session::new();
    let (outcome, _) = add(
        &mut s,
        &[("episodes.csv", episodes), ("reviews.csv", reviews)],
    );
    let report = outcome.report.as_deref().cloned().expect("a report");
    assert_eq!(report.data_quality.rejected.len(), 3);
    assert_eq!(report.reviews.late_list.len(), 2);
    let warnings = report.data_quality.warnings.len();
    let overdue = report.reviews.overdue_list.len();
    let json = report.to_json();
    // Parts of 2 rows: rejected 3 -> 2 parts, late 2 -> 1, warnings and overdue in
    // ceil(n / 2) each; then the report itself.
    let (messages, back) = sent_and_reassembled(outcome, 2);
    assert_eq!(
        messages,
        2 + 1 + warnings.div_ceil(2) + overdue.div_ceil(2) + 1
    );
    assert_eq!(back.report.expect("the report").to_json(), json);
}

#[test]
fn the_sample_councils_report_is_the_same_after_crossing_in_parts() {
    let mut s = Session::new();
    let outcome = s.handle(Request::Sample, vec![], &mut |_| {});
    let report = outcome
        .report
        .as_deref()
        .cloned()
        .expect("the sample makes a report");
    let rows = report.data_quality.rejected.len()
        + report.data_quality.warnings.len()
        + report.reviews.late_list.len()
        + report.reviews.overdue_list.len();
    assert!(rows > 0, "the sample has child-level rows to send");
    let (messages, back) = sent_and_reassembled(outcome, ChildLists::PART);
    assert!(messages >= 2);
    assert_eq!(back.report.as_deref(), Some(&report));
}

#[test]
fn the_workers_warm_up_makes_a_report_with_and_without_a_council() {
    let outcome = careboard::session::warm_up().expect("both reports made");
    let report = outcome.report.expect("the rehearsal's report");
    // The council chosen is the first of the picker (by name), so the comparisons were made.
    let first = careboard::session::council_choices().remove(0);
    assert_eq!(
        report.la.as_ref().map(|la| la.code.as_str()),
        Some(first.code.as_str())
    );
    assert!(report.benchmarks.is_some());
}

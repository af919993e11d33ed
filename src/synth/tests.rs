//! Tests of the generator as a whole: reproducibility, file formats, and the realism of the
//! mix, computed directly from the generated rows (independently of `crate::measures`).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::model::dates::parse_date;

fn date(s: &str) -> Option<NaiveDate> {
    parse_date(s).ok()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn age(dob: NaiveDate, on: NaiveDate) -> i32 {
    let mut a = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        a -= 1;
    }
    a
}

/// Adds months with end-of-month clamping (MEASURES.md section 0).
fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(n))
        .expect("in range")
}

/// A clean export (no messy rows) of `children` at 31 March 2025, cached per size.
fn clean(children: u32, seed: u64) -> SynthExport {
    simulate::simulate(&SynthConfig {
        children,
        seed,
        ..SynthConfig::default()
    })
}

/// An episode row with its `DECOM` and `DEC` parsed.
type Dated<'a> = (&'a EpisodeRow, NaiveDate, Option<NaiveDate>);

/// Episodes by child, in file order, with parsed dates.
struct Parsed<'a> {
    episodes: BTreeMap<&'a str, Vec<Dated<'a>>>,
    dob: HashMap<&'a str, NaiveDate>,
}

fn parse(e: &SynthExport) -> Parsed<'_> {
    let mut episodes: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for r in &e.episodes {
        let decom = date(&r.decom).expect("clean DECOM");
        let dec = if r.dec.is_empty() {
            None
        } else {
            Some(date(&r.dec).expect("clean DEC"))
        };
        episodes.entry(&r.child).or_default().push((r, decom, dec));
    }
    let dob = e
        .header
        .iter()
        .map(|h| (h.child.as_str(), date(&h.dob).expect("clean DOB")))
        .collect();
    Parsed { episodes, dob }
}

fn short_break(r: &EpisodeRow) -> bool {
    r.ls == "V3" || r.ls == "V4"
}

fn open_at(decom: NaiveDate, dec: Option<NaiveDate>, d: NaiveDate) -> bool {
    decom <= d && dec.is_none_or(|x| x > d)
}

#[derive(Debug, Default)]
struct Mix {
    cla: usize,
    started: usize,
    ceased: usize,
    three_plus: usize,
    eligible: usize,
    stable: usize,
    uasc: usize,
    distance: [usize; 3],
    groups: BTreeMap<String, usize>,
    reasons: BTreeMap<String, usize>,
    held: usize,
    on_time: usize,
    participation: BTreeMap<String, usize>,
}

fn placement_group(place: &str) -> &'static str {
    match place {
        "U1" | "U2" | "U3" => "foster_relative_friend",
        "U4" | "U5" | "U6" => "foster_other",
        "A3" | "A4" | "A5" | "A6" => "adoption",
        "P1" => "parents",
        "P2" | "H5" | "K3" => "independent_supported",
        "K1" | "K2" => "homes",
        "R1" | "R2" | "R3" | "R5" => "other_residential",
        "S1" => "residential_school",
        _ => "other",
    }
}

/// The year ending 31 March 2025's figures, computed from the rows as MEASURES.md defines them.
fn mix(e: &SynthExport) -> Mix {
    let p = parse(e);
    let (start, end) = (ymd(2024, 4, 1), ymd(2025, 3, 31));
    let uasc: HashSet<&str> = e
        .uasc
        .iter()
        .filter(|u| date(&u.duc).is_none_or(|d| d > end))
        .map(|u| u.child.as_str())
        .collect();
    let mut m = Mix::default();
    for (child, eps) in &p.episodes {
        let eps: Vec<_> = eps.iter().filter(|(r, ..)| !short_break(r)).collect();
        if eps.is_empty() {
            continue;
        }
        if eps
            .iter()
            .any(|(r, decom, _)| r.rne == "S" && *decom >= start && *decom <= end)
        {
            m.started += 1;
        }
        if let Some((r, ..)) = eps
            .iter()
            .rev()
            .find(|(r, _, dec)| r.rec != "X1" && dec.is_some_and(|d| d >= start && d <= end))
        {
            m.ceased += 1;
            *m.reasons.entry(r.rec.clone()).or_default() += 1;
        }
        let Some(open) = eps.iter().rposition(|(_, a, b)| open_at(*a, *b, end)) else {
            continue;
        };
        m.cla += 1;
        let (r, ..) = eps[open];
        *m.groups
            .entry(placement_group(&r.place).into())
            .or_default() += 1;
        *m.groups.entry(format!("ls {}", r.ls)).or_default() += 1;
        let a = age(p.dob[child], end);
        let band = match a {
            0 => "age 0",
            1..=4 => "age 1-4",
            5..=9 => "age 5-9",
            10..=15 => "age 10-15",
            _ => "age 16+",
        };
        *m.groups.entry(band.into()).or_default() += 1;
        if uasc.contains(child) {
            m.uasc += 1;
        }
        match crate::geo::postcode_distance_miles(&r.home_post, &r.pl_post) {
            Some(d) if d > 20.0 => m.distance[1] += 1,
            Some(_) => m.distance[0] += 1,
            None => m.distance[2] += 1,
        }
        let in_year: Vec<_> = eps
            .iter()
            .filter(|(_, a, b)| *a <= end && b.is_none_or(|x| x > start))
            .collect();
        let placements = 1 + in_year
            .iter()
            .skip(1)
            .filter(|(r, ..)| matches!(r.rne.as_str(), "S" | "P" | "B" | "T" | "U"))
            .count();
        if placements >= 3 {
            m.three_plus += 1;
        }
        // Long-term stability: walk back through the current period.
        let mut k = open;
        while k > 0 && eps[k].0.rne != "S" && eps[k - 1].2 == Some(eps[k].1) {
            k -= 1;
        }
        let period_start = eps[k].1;
        if a < 16 && period_start <= add_months_back(end, 30) {
            m.eligible += 1;
            let mut c = open;
            while c > k && matches!(eps[c].0.rne.as_str(), "L" | "T" | "U") {
                c -= 1;
            }
            if eps[c].1 <= add_months_back(end, 24) {
                m.stable += 1;
            }
        }
    }
    reviews_mix(e, &p, start, end, &mut m);
    m
}

fn add_months_back(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(chrono::Months::new(n))
        .expect("in range")
}

/// The 20th working day after `d` (weekends and 2012-2028 bank holidays skipped).
fn twenty_working_days(d: NaiveDate) -> NaiveDate {
    let mut day = calendar::day(d.year(), d.month(), d.day());
    day = calendar::add_working_days(day, 20);
    let (y, m, dd) = calendar::ymd(day);
    ymd(y, m, dd)
}

fn reviews_mix(e: &SynthExport, p: &Parsed, start: NaiveDate, end: NaiveDate, m: &mut Mix) {
    let mut by_child: HashMap<&str, Vec<(NaiveDate, &str)>> = HashMap::new();
    for r in &e.reviews {
        by_child
            .entry(&r.child)
            .or_default()
            .push((date(&r.review).expect("clean"), &r.review_code));
    }
    for (child, mut reviews) in by_child {
        reviews.sort();
        reviews.dedup_by_key(|r| r.0);
        let eps = &p.episodes[child];
        // Periods of care: starts at RNE S (the generator leaves no other gaps).
        let mut periods: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
        for (r, decom, dec) in eps {
            if r.rne == "S" || periods.is_empty() {
                periods.push((*decom, *dec));
            } else if let Some(last) = periods.last_mut() {
                last.1 = *dec;
            }
        }
        for (ps, pe) in periods {
            let mut due = twenty_working_days(ps);
            let mut n = 0;
            for (d, code) in reviews
                .iter()
                .filter(|(d, _)| *d >= ps && pe.is_none_or(|x| *d <= x))
            {
                n += 1;
                if *d >= start && *d <= end {
                    m.held += 1;
                    if *d <= due {
                        m.on_time += 1;
                    }
                    *m.participation.entry(code.to_string()).or_default() += 1;
                }
                due = add_months(*d, if n == 1 { 3 } else { 6 });
            }
        }
    }
}

fn pct(n: usize, d: usize) -> f64 {
    100.0 * n as f64 / d.max(1) as f64
}

#[test]
fn the_same_config_gives_the_same_bytes_and_another_seed_does_not() {
    let config = SynthConfig {
        children: 150,
        seed: 7,
        ..SynthConfig::default()
    };
    let a = generate(&config);
    let b = generate(&config);
    for format in [SynthFormat::Csv, SynthFormat::Xlsx, SynthFormat::Xml] {
        assert_eq!(files(&a, format), files(&b, format), "{format:?}");
    }
    let c = generate(&SynthConfig { seed: 8, ..config });
    assert_ne!(files(&a, SynthFormat::Csv), files(&c, SynthFormat::Csv));
}

#[test]
fn csv_files_have_the_canonical_headers_in_order() {
    let e = generate(&SynthConfig {
        children: 150,
        ..SynthConfig::default()
    });
    let files = files(&e, SynthFormat::Csv);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "header.csv",
            "episodes.csv",
            "reviews.csv",
            "uasc.csv",
            "oc3.csv",
            "missing.csv",
            "sw_episodes.csv"
        ]
    );
    let first_line = |name: &str| -> String {
        let (_, bytes) = files.iter().find(|(n, _)| n == name).expect("file");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        text.split("\r\n").next().unwrap_or_default().to_string()
    };
    assert_eq!(
        first_line("header.csv"),
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
    );
    assert_eq!(
        first_line("episodes.csv"),
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
    );
    assert_eq!(first_line("reviews.csv"), "CHILD,DOB,REVIEW,REVIEW_CODE");
    assert_eq!(first_line("uasc.csv"), "CHILD,SEX,DOB,DUC");
    assert_eq!(first_line("oc3.csv"), "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM");
    assert_eq!(
        first_line("missing.csv"),
        "CHILD,DOB,MISSING,MIS_START,MIS_END"
    );
    assert_eq!(
        first_line("sw_episodes.csv"),
        "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON"
    );
    let (_, episodes) = &files[1];
    let lines = episodes.split(|&b| b == b'\n').count() - 1;
    assert_eq!(lines, e.episodes.len() + 1);
    assert!(episodes.ends_with(b"\r\n"));
}

// calamine is a native dev-dependency only (the page's builds never resolve it).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_workbook_reads_back_with_calamine() {
    use calamine::{Reader, Xlsx};
    let e = generate(&SynthConfig {
        children: 150,
        ..SynthConfig::default()
    });
    let files = files(&e, SynthFormat::Xlsx);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "ssda903.xlsx");
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(files[0].1.clone())).expect("a valid workbook");
    assert_eq!(
        book.sheet_names(),
        [
            "header",
            "episodes",
            "reviews",
            "uasc",
            "oc3",
            "missing",
            "sw_episodes"
        ]
    );
    let sheet = book.worksheet_range("episodes").expect("episodes sheet");
    assert_eq!(sheet.height(), e.episodes.len() + 1);
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string());
    assert_eq!(cell(0, 0).as_deref(), Some("CHILD"));
    assert_eq!(cell(0, 12).as_deref(), Some("URN"));
    assert_eq!(cell(1, 0), Some(e.episodes[0].child.clone()));
    assert_eq!(cell(1, 1), Some(e.episodes[0].decom.clone()));
    assert_eq!(cell(1, 2), Some(e.episodes[0].rne.clone()));
    let reviews = book.worksheet_range("reviews").expect("reviews sheet");
    assert_eq!(reviews.height(), e.reviews.len() + 1);
    assert_eq!(
        reviews.get_value((1, 3)).map(|v| v.to_string()),
        Some(e.reviews[0].review_code.clone())
    );
}

#[test]
fn the_xml_is_well_formed_with_one_child_element_per_header_row_and_orphan_id() {
    let e = generate(&SynthConfig {
        children: 150,
        ..SynthConfig::default()
    });
    let files = files(&e, SynthFormat::Xml);
    let text = std::str::from_utf8(&files[0].1).expect("utf-8");
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "EXPSSDA903");
    let children = root.children().filter(|n| n.has_tag_name("CHILD")).count();
    // The injected blank CHILD rows form one extra CHILD element, with an empty CHILDID.
    assert_eq!(children, e.header.len() + 1);
    let episodes = doc
        .descendants()
        .filter(|n| n.has_tag_name("EPISODE"))
        .count();
    assert_eq!(episodes, e.episodes.len());
    let reviews = doc
        .descendants()
        .filter(|n| n.has_tag_name("AREVIEW"))
        .count();
    // The duplicated review rows are written under the first header row of their child.
    assert_eq!(reviews, e.reviews.len());
    assert!(text.contains("<DEC />"));
    let first = root.first_element_child().expect("a child");
    let header = first.first_element_child().expect("a header");
    let tags: Vec<&str> = header
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .take(6)
        .collect();
    assert_eq!(tags, ["CHILDID", "UPN", "SEX", "DOB", "ETHNIC", "UASC"]);
}

#[test]
fn messy_rows_are_few_counted_and_of_every_kind() {
    let e = generate(&SynthConfig {
        children: 2_000,
        ..SynthConfig::default()
    });
    let summary = e.messy_summary();
    assert_eq!(summary.len(), 11, "{summary:?}");
    let total: usize = summary.iter().map(|(_, n)| n).sum();
    let share = total as f64 / e.total_rows() as f64;
    assert!((0.002..0.004).contains(&share), "{share}");
    let bad_decom = e.episodes.iter().filter(|r| r.decom.len() == 8).count();
    let blank = e.episodes.iter().filter(|r| r.child.is_empty()).count();
    let q9 = e.episodes.iter().filter(|r| r.place == "Q9").count();
    let count = |label: &str| summary.iter().find(|(l, _)| l.contains(label)).map(|x| x.1);
    assert_eq!(Some(bad_decom), count("episodes DECOM"));
    assert_eq!(Some(blank), count("blank CHILD: episodes"));
    assert_eq!(Some(q9), count("PLACE Q9"));
    let ids: HashSet<&str> = e.header.iter().map(|h| h.child.as_str()).collect();
    assert_eq!(
        e.header.len() - ids.len(),
        count("duplicate row: header").unwrap_or(0)
    );
}

#[test]
fn episodes_chain_within_periods_and_stop_at_18() {
    let e = clean(2_000, 903);
    let p = parse(&e);
    let export = ymd(2025, 5, 6);
    for (child, eps) in &p.episodes {
        let dob = p.dob[child];
        let eighteen = dob
            .with_year(dob.year() + 18)
            .unwrap_or_else(|| ymd(dob.year() + 18, 3, 1));
        for (k, (r, decom, dec)) in eps.iter().enumerate() {
            assert!(*decom <= export);
            assert!(*decom < eighteen, "{child} starts an episode at 18+");
            if let Some(dec) = dec {
                assert!(decom < dec, "{child}: empty episode");
                assert!(*dec <= eighteen, "{child} in care after 18");
                assert!(*dec <= export);
            }
            assert_eq!(r.dec.is_empty(), r.rec.is_empty());
            if r.rec == "X1" {
                let (next, ndecom, _) = eps.get(k + 1).expect("an X1 episode has a successor");
                assert_eq!(Some(*ndecom), *dec, "{child}: X1 DEC is the next DECOM");
                assert_ne!(next.rne, "S", "{child}: S after X1");
            } else if let Some((next, ..)) = eps.get(k + 1) {
                assert_eq!(next.rne, "S", "{child}: a new period starts with S");
            }
        }
        assert_eq!(eps[0].0.rne, "S", "{child}: first episode is S");
    }
}

#[test]
fn reviews_fall_in_care_with_pn0_exactly_under_4_and_none_for_short_breaks() {
    let e = clean(2_000, 903);
    let p = parse(&e);
    let short: HashSet<&str> = p
        .episodes
        .iter()
        .filter(|(_, eps)| eps.iter().all(|(r, ..)| short_break(r)))
        .map(|(c, _)| *c)
        .collect();
    assert!(!short.is_empty());
    for r in &e.reviews {
        assert!(
            !short.contains(r.child.as_str()),
            "short-break child reviewed"
        );
        let d = date(&r.review).expect("clean");
        let in_care = p.episodes[r.child.as_str()]
            .iter()
            .any(|(_, a, b)| open_at(*a, *b, d));
        assert!(in_care, "{} reviewed out of care on {d}", r.child);
        assert_eq!(age(p.dob[r.child.as_str()], d) < 4, r.review_code == "PN0");
    }
}

#[test]
fn a_two_thousand_child_council_looks_like_england() {
    let e = clean(2_000, 903);
    let m = mix(&e);
    let cla = m.cla;
    assert!((1_900..=2_100).contains(&cla), "{m:#?}");
    let starters = pct(m.started, cla);
    let leavers = pct(m.ceased, cla);
    assert!((33.0..45.0).contains(&starters), "starters {starters}");
    assert!((35.0..47.0).contains(&leavers), "leavers {leavers}");
    let three_plus = pct(m.three_plus, cla);
    assert!(
        (7.0..14.0).contains(&three_plus),
        "3+ placements {three_plus}"
    );
    let stable = pct(m.stable, m.eligible);
    assert!((60.0..78.0).contains(&stable), "stability {stable}");
    let on_time = pct(m.on_time, m.held);
    assert!((80.0..93.0).contains(&on_time), "on time {on_time}");
    let not_known = pct(m.distance[2], cla);
    let over_20 = pct(m.distance[1], cla);
    assert!(
        (5.0..14.0).contains(&not_known),
        "distance not known {not_known}"
    );
    assert!((16.0..28.0).contains(&over_20), "over 20 miles {over_20}");
    let pn1 = m.participation.get("PN1").copied().unwrap_or(0);
    let pn0 = m.participation.get("PN0").copied().unwrap_or(0);
    assert!((45.0..65.0).contains(&pct(pn1, m.held - pn0)));
    let uasc = pct(m.uasc, cla);
    assert!((4.0..13.0).contains(&uasc), "uasc {uasc}");
}

//! The IRO service's own exports for a generated council (MEASURES.md section 7.1), with its
//! Deprivation of Liberty orders (section 8) and child population (section 9), derived from
//! the 903 rows already generated so that they agree with them: IROs with their hours,
//! allocations that follow each period of care, a review meeting for every review (with its
//! chair, record date and parents' part) plus some cancelled ones, a disputes log whose
//! disputes climb through the stages, and contacts between reviews.
//!
//! Written in Careboard's own shape ([`LocalShape::Canonical`]) or in the shape of a
//! case-management system ([`LocalShape::Mosaic`], [`LocalShape::Liquid`]: other file names,
//! headings, date formats and codes), with the mapping profile that reads such a shape
//! ([`profile`]). The same seed gives the same rows in every shape, so every shape gives the
//! same figures. A few rows break the row rules on purpose (a record completed before its
//! review, a meeting neither held nor cancelled) and are rejected by the importers.

use std::collections::BTreeMap;

use super::calendar::{add_working_days, day, format, ymd, Day};
use super::rng::Rng;
use super::{SynthConfig, SynthExport};
use crate::mapping::{Profile, TableMapping};
use crate::model::TableKind;

/// The shape local exports are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalShape {
    /// Careboard's canonical tables and codes (`review_meetings.csv`...).
    Canonical,
    /// A Mosaic-like shape: "Client Ref", "Meeting Date", outcomes in words, ISO dates.
    Mosaic,
    /// A LiquidLogic-like shape: "Subject ID", one-letter participation codes, levels L1-L4.
    Liquid,
}

impl LocalShape {
    /// The shape named on the command line: `canonical`, `mosaic` or `liquid`.
    pub fn from_name(name: &str) -> Option<LocalShape> {
        match name {
            "canonical" => Some(LocalShape::Canonical),
            "mosaic" => Some(LocalShape::Mosaic),
            "liquid" => Some(LocalShape::Liquid),
            _ => None,
        }
    }
}

/// The local tables, each as rows of canonical cells in [`TableKind::columns`] order (dates
/// as day numbers are already formatted `dd/mm/yyyy`; blank = empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocalExport {
    pub tables: Vec<(TableKind, Vec<Vec<String>>)>,
}

/// A random stream of the local exports (kept apart from the 903's streams).
fn rng(seed: u64, stream: u64, index: u64) -> Rng {
    Rng::stream(seed, 0x0001_0ca1_0000 + stream, index)
}

/// A `dd/mm/yyyy` cell as a day, when it is one.
fn read_day(cell: &str) -> Option<Day> {
    let mut parts = cell.trim().split('/');
    let d: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let y: i32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || y < 1900 {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    Some(day(y, m, d))
}

struct Iro {
    id: String,
    name: &'static str,
    fte: &'static str,
    weight: f64,
    start: Option<Day>,
}

struct Alloc {
    child: String,
    iro: usize,
    start: Day,
    /// Last day; `None` while allocated at the export date.
    end: Option<Day>,
}

const NAMES: [&str; 16] = [
    "Alex Morgan",
    "Sam Patel",
    "Jo Okafor",
    "Chris Wong",
    "Pat Murphy",
    "Lee Hughes",
    "Kim Adebayo",
    "Robin Shah",
    "Toni Evans",
    "Jamie Clarke",
    "Ash Begum",
    "Drew Nowak",
    "Sky Mensah",
    "Rowan Price",
    "Casey Ali",
    "Jordan Reid",
];

fn cell(d: Option<Day>) -> String {
    d.map(format).unwrap_or_default()
}

/// Generates the local exports agreeing with `export` (generated from `config`).
pub fn generate(config: &SynthConfig, export: &SynthExport) -> LocalExport {
    let seed = config.seed;
    let taken = day(config.year_ending, 5, 6);
    // Three years of local records before the collection year's end.
    let from = day(config.year_ending - 3, 4, 1);
    // Periods of care per child (short breaks left out), from the valid episode rows.
    let mut episodes: BTreeMap<&str, Vec<(Day, Option<Day>)>> = BTreeMap::new();
    for e in &export.episodes {
        if matches!(e.ls.trim(), "V3" | "V4") {
            continue;
        }
        let Some(start) = read_day(&e.decom) else {
            continue;
        };
        let end = if e.dec.trim().is_empty() {
            None
        } else {
            match read_day(&e.dec) {
                Some(d) if d > start => Some(d),
                _ => continue,
            }
        };
        episodes
            .entry(e.child.trim())
            .or_default()
            .push((start, end));
    }
    let mut periods: Vec<(&str, Day, Option<Day>)> = Vec::new();
    for (child, eps) in &mut episodes {
        eps.sort();
        let mut current: Option<(Day, Option<Day>)> = None;
        for &(s, e) in eps.iter() {
            current = match current {
                Some((cs, Some(ce))) if s <= ce => Some((cs, e.map(|e| e.max(ce)))),
                Some((cs, None)) => Some((cs, None)),
                Some(done) => {
                    periods.push((child, done.0, done.1));
                    Some((s, e))
                }
                None => Some((s, e)),
            };
        }
        if let Some((s, e)) = current {
            periods.push((child, s, e));
        }
    }
    periods.retain(|&(_, s, e)| s <= taken && e.is_none_or(|e| e > from));

    // The team: about one full-time IRO per 55 children, some part time, one joining later.
    let open_at_end = periods
        .iter()
        .filter(|&&(_, s, e)| s <= taken && e.is_none())
        .count();
    let team = (open_at_end / 55).clamp(3, NAMES.len());
    let iros: Vec<Iro> = (0..team)
        .map(|k| {
            let (fte, weight) = match k % 5 {
                1 => ("0.6", 0.6),
                3 => ("0.8", 0.8),
                _ => ("1", 1.0),
            };
            Iro {
                id: format!("IRO{:02}", k + 1),
                name: NAMES[k],
                fte,
                weight,
                start: (k + 1 == team).then_some(from + 400),
            }
        })
        .collect();
    let pick_iro = |r: &mut Rng, on: Day| -> usize {
        let choices: Vec<(usize, f64)> = iros
            .iter()
            .enumerate()
            .filter(|(_, i)| i.start.is_none_or(|s| s <= on))
            .map(|(k, i)| (k, i.weight))
            .collect();
        r.pick(&choices)
    };

    // Allocations follow the periods of care (from the local records' start), some changing
    // IRO part way through; a few social workers' involvements are in the same export.
    let mut allocations: Vec<Alloc> = Vec::new();
    let mut others: Vec<(String, Day, Option<Day>)> = Vec::new();
    for (k, &(child, s, e)) in periods.iter().enumerate() {
        let mut r = rng(seed, 1, k as u64);
        let start = s.max(from);
        let last = e.map(|e| e - 1);
        let first = pick_iro(&mut r, start);
        let span = last.unwrap_or(taken) - start;
        if span > 120 && r.chance(0.15) {
            let change = start + r.range(60, span - 30);
            allocations.push(Alloc {
                child: child.to_string(),
                iro: first,
                start,
                end: Some(change - 1),
            });
            let second = pick_iro(&mut r, change);
            allocations.push(Alloc {
                child: child.to_string(),
                iro: second,
                start: change,
                end: last,
            });
        } else {
            allocations.push(Alloc {
                child: child.to_string(),
                iro: first,
                start,
                end: last,
            });
        }
        if r.chance(0.05) {
            others.push((child.to_string(), start, last));
        }
    }
    let iro_on = |child: &str, d: Day| -> Option<usize> {
        allocations
            .iter()
            .filter(|a| a.child == child && a.start <= d && a.end.is_none_or(|e| e >= d))
            .max_by_key(|a| a.start)
            .map(|a| a.iro)
    };

    // Review meetings: one per review held since the local records start, and some cancelled.
    let mut meetings: Vec<Vec<String>> = Vec::new();
    let parent = |r: &mut Rng, father: bool| -> &'static str {
        let w = if father {
            [0.2, 0.15, 0.3, 0.2, 0.15]
        } else {
            [0.35, 0.25, 0.2, 0.1, 0.1]
        };
        r.pick(&[
            ("ATTENDED", w[0]),
            ("VIEWS", w[1]),
            ("NONE", w[2]),
            ("NA", w[3]),
            ("", w[4]),
        ])
    };
    for (k, review) in export.reviews.iter().enumerate() {
        let Some(held) = read_day(&review.review) else {
            continue;
        };
        if held < from || held > taken {
            continue;
        }
        let child = review.child.trim();
        let mut r = rng(seed, 2, k as u64);
        let due = held - r.range(7, 30);
        if r.chance(0.06) && due - 5 >= from {
            let cancelled = (!r.chance(0.2)).then(|| due - r.range(0, 5));
            meetings.push(vec![
                child.to_string(),
                format!("M{k}C"),
                format(due),
                String::new(),
                "Y".into(),
                cell(cancelled),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        let chair = if r.chance(0.05) {
            String::new()
        } else if r.chance(0.03) {
            iros[r.below(iros.len() as u64) as usize].id.clone()
        } else {
            iro_on(child, held).map_or_else(String::new, |i| iros[i].id.clone())
        };
        let record = if r.chance(0.08) {
            None
        } else {
            let days = if r.chance(0.75) {
                r.range(3, 20)
            } else {
                r.range(21, 40)
            };
            Some(add_working_days(held, days as u32)).filter(|&d| d <= taken)
        };
        meetings.push(vec![
            child.to_string(),
            format!("M{k}"),
            format((held - r.range(0, 10)).max(from)),
            format(held),
            "N".into(),
            String::new(),
            chair,
            cell(record),
            parent(&mut r, false).into(),
            parent(&mut r, true).into(),
        ]);
    }
    // Two rows the importers reject: a record dated before its review, a meeting neither held
    // nor cancelled.
    if let Some(first) = meetings.iter().find(|m| !m[3].is_empty()).cloned() {
        let mut early = first.clone();
        early[1] = "BAD1".into();
        early[7] = read_day(&first[3])
            .map(|d| format(d - 3))
            .unwrap_or_default();
        let mut neither = first;
        neither[1] = "BAD2".into();
        neither[3] = String::new();
        neither[4] = String::new();
        meetings.push(early);
        meetings.push(neither);
    }

    // Disputes: about one per 30 children a year, climbing through the stages.
    let mut disputes: Vec<Vec<String>> = Vec::new();
    let years = 3 + 1;
    let count = ((open_at_end as f64 / 30.0).ceil() as usize).max(3) * years;
    let stages = [
        ("informal", 0.5),
        ("formal", 0.3),
        ("head_of_service", 0.12),
        ("director", 0.05),
        ("cafcass", 0.03),
    ];
    let categories = [
        "Care plan",
        "Placement",
        "Family time",
        "Education",
        "Health",
        "Permanence",
    ];
    for n in 0..count {
        let mut r = rng(seed, 3, n as u64);
        if allocations.is_empty() {
            break;
        }
        let a = &allocations[r.below(allocations.len() as u64) as usize];
        let a_end = a.end.unwrap_or(taken);
        let raised = a.start + r.range(0, (a_end - a.start).max(0));
        if raised > taken - 10 {
            continue;
        }
        let top = stages
            .iter()
            .position(|&(s, _)| s == r.pick(&stages))
            .unwrap_or(0);
        let unlisted = r.chance(0.03);
        let single = top == 0 && r.chance(0.3);
        let id = if single {
            String::new()
        } else {
            format!("DR{n:04}")
        };
        let category = categories[r.below(categories.len() as u64) as usize];
        let mut on = raised;
        for (level, &(listed, _)) in stages.iter().enumerate().take(top + 1) {
            if level > 0 {
                on += r.range(5, 20);
            }
            if on > taken {
                break;
            }
            let stage = if unlisted && level == top {
                "Peer review".to_string()
            } else {
                listed.to_string()
            };
            let resolved = if level == top && r.chance(0.85) {
                Some(on + r.range(3, 40)).filter(|&d| d <= taken)
            } else {
                None
            };
            disputes.push(vec![
                format(on),
                stage,
                id.clone(),
                a.child.clone(),
                iros[a.iro].id.clone(),
                cell(resolved),
                if level == 0 {
                    category.to_string()
                } else {
                    String::new()
                },
            ]);
        }
    }

    // Contacts between reviews: about one every four months of an allocation.
    let mut contacts: Vec<Vec<String>> = Vec::new();
    for (k, a) in allocations.iter().enumerate() {
        let mut r = rng(seed, 4, k as u64);
        let last = a.end.unwrap_or(taken).min(taken);
        let n = r.poisson(f64::from((last - a.start).max(0)) / 120.0);
        let mut dates: Vec<Day> = (0..n)
            .map(|_| a.start + r.range(0, last - a.start))
            .collect();
        dates.sort_unstable();
        for d in dates {
            let kind = r.pick(&[
                ("visit", 0.5),
                ("call", 0.25),
                ("video", 0.15),
                ("message", 0.1),
            ]);
            contacts.push(vec![
                a.child.clone(),
                format(d),
                iros[a.iro].id.clone(),
                kind.to_string(),
            ]);
        }
    }

    // Deprivation of Liberty orders: a few of the children aged 16 or 17 in care.
    let dobs: BTreeMap<&str, Day> = export
        .header
        .iter()
        .filter_map(|h| Some((h.child.trim(), read_day(&h.dob)?)))
        .collect();
    let mut dolo: Vec<Vec<String>> = Vec::new();
    for (k, &(child, s, e)) in periods.iter().enumerate() {
        let Some(&dob) = dobs.get(child) else {
            continue;
        };
        let sixteen = day(ymd(dob).0 + 16, ymd(dob).1, ymd(dob).2.min(28));
        let start = s.max(from).max(sixteen);
        let last = e.map_or(taken, |e| e - 1).min(taken);
        let mut r = rng(seed, 5, k as u64);
        if start >= last || !r.chance(0.08) {
            continue;
        }
        let begins = start + r.range(0, last - start);
        let ends = if r.chance(0.5) {
            None
        } else {
            Some(begins + r.range(60, 300)).filter(|&d| d <= taken)
        };
        dolo.push(vec![
            child.to_string(),
            format(dob),
            format(begins),
            cell(ends),
        ]);
    }

    // The child population: roughly a hundred children per child in care, mostly white.
    let mut r = rng(seed, 6, 0);
    let scale = (open_at_end.max(10) * 100) as f64;
    let population: Vec<Vec<String>> = [
        ("White", 0.78),
        ("Mixed or multiple ethnic groups", 0.06),
        ("Asian or Asian British", 0.09),
        ("Black, African, Caribbean or Black British", 0.04),
        ("Other ethnic group", 0.03),
    ]
    .iter()
    .map(|&(group, share)| {
        let n = (scale * share * (0.9 + 0.2 * r.f64())).round() as u64;
        vec![group.to_string(), n.to_string()]
    })
    .collect();

    let mut allocation_rows: Vec<Vec<String>> = allocations
        .iter()
        .map(|a| {
            vec![
                a.child.clone(),
                iros[a.iro].id.clone(),
                format(a.start),
                cell(a.end),
                "IRO".into(),
            ]
        })
        .collect();
    allocation_rows.extend(others.into_iter().enumerate().map(|(k, (child, s, e))| {
        vec![
            child,
            format!("SW{:03}", k % 40 + 1),
            format(s),
            cell(e),
            "SW".into(),
        ]
    }));
    let iro_rows = iros
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.name.to_string(),
                i.fte.to_string(),
                cell(i.start),
                String::new(),
            ]
        })
        .collect();
    LocalExport {
        tables: vec![
            (TableKind::ReviewMeetings, meetings),
            (TableKind::IroAllocations, allocation_rows),
            (TableKind::Iros, iro_rows),
            (TableKind::Disputes, disputes),
            (TableKind::IroContacts, contacts),
            (TableKind::Dolo, dolo),
            (TableKind::ChildPopulation, population),
        ],
    }
}

/// How one table is written in a shape: its file name, each canonical column's heading, and
/// each coded column's words for its codes.
struct TableShape {
    file: &'static str,
    headings: &'static [(&'static str, &'static str)],
    codes: &'static [(&'static str, &'static [(&'static str, &'static str)])],
}

const PARENT_MOSAIC: &[(&str, &str)] = &[
    ("ATTENDED", "Attended in person"),
    ("VIEWS", "Views via advocate or booklet"),
    ("NONE", "Invited - did not engage"),
    ("NA", "Not appropriate to invite"),
];
const PARENT_LIQUID: &[(&str, &str)] = &[
    ("ATTENDED", "A"),
    ("VIEWS", "V"),
    ("NONE", "N"),
    ("NA", "X"),
];

/// The shape of `kind` in `shape`; `None` for tables written in the canonical shape always
/// (the Deprivation of Liberty orders and the child population).
fn table_shape(shape: LocalShape, kind: TableKind) -> Option<TableShape> {
    use TableKind::*;
    let t = |file, headings, codes| {
        Some(TableShape {
            file,
            headings,
            codes,
        })
    };
    match (shape, kind) {
        (LocalShape::Mosaic, ReviewMeetings) => t(
            "mosaic_cla_review_meetings.csv",
            &[
                ("CHILD", "Client Ref"),
                ("REVIEW_ID", "Meeting Ref"),
                ("DUE_DATE", "Due By"),
                ("REVIEW_DATE", "Meeting Date"),
                ("CANCELLED", "Outcome"),
                ("CANCELLED_DATE", "Outcome Recorded"),
                ("CHAIR", "Chaired By"),
                ("RECORD_COMPLETED", "Minutes Sent"),
                ("MOTHER", "Mum Involvement"),
                ("FATHER", "Dad Involvement"),
            ],
            &[
                ("CANCELLED", &[("Y", "Cancelled"), ("N", "Held")]),
                ("MOTHER", PARENT_MOSAIC),
                ("FATHER", PARENT_MOSAIC),
            ],
        ),
        (LocalShape::Mosaic, IroAllocations) => t(
            "mosaic_worker_involvements.csv",
            &[
                ("CHILD", "Client Ref"),
                ("IRO", "Worker ID"),
                ("START", "Involvement From"),
                ("END", "Involvement To"),
                ("ROLE", "Worker Role"),
            ],
            &[(
                "ROLE",
                &[
                    ("IRO", "Independent Reviewing Officer"),
                    ("OTHER", "Social Worker"),
                ],
            )],
        ),
        (LocalShape::Mosaic, Iros) => t(
            "mosaic_workers.csv",
            &[
                ("IRO", "Worker ID"),
                ("NAME", "Worker Name"),
                ("FTE", "Contracted FTE"),
                ("START", "In Post From"),
                ("END", "In Post To"),
            ],
            &[],
        ),
        (LocalShape::Mosaic, Disputes) => t(
            "mosaic_dispute_log.csv",
            &[
                ("RAISED", "Date Raised"),
                ("STAGE", "Escalation Level"),
                ("DISPUTE_ID", "Case Ref"),
                ("CHILD", "Client Ref"),
                ("IRO", "Raised By"),
                ("RESOLVED", "Date Resolved"),
                ("CATEGORY", "Issue"),
            ],
            &[(
                "STAGE",
                &[
                    ("informal", "Stage 1 - Informal"),
                    ("formal", "Stage 2 - Team Manager"),
                    ("head_of_service", "Stage 3 - Head of Service"),
                    ("director", "Stage 4 - Director"),
                    ("cafcass", "Referred to Cafcass"),
                ],
            )],
        ),
        (LocalShape::Mosaic, IroContacts) => t(
            "mosaic_iro_visits.csv",
            &[
                ("CHILD", "Client Ref"),
                ("CONTACT_DATE", "Visit Date"),
                ("IRO", "Worker ID"),
                ("TYPE", "Visit Type"),
            ],
            &[],
        ),
        (LocalShape::Liquid, ReviewMeetings) => t(
            "LCS_CLA_Reviews.csv",
            &[
                ("CHILD", "Subject ID"),
                ("REVIEW_ID", "Review No"),
                ("DUE_DATE", "Review Due"),
                ("REVIEW_DATE", "Review Held"),
                ("CANCELLED", "Review Status"),
                ("CANCELLED_DATE", "Status Changed"),
                ("CHAIR", "IRO Ref"),
                ("RECORD_COMPLETED", "Record Issued"),
                ("MOTHER", "Mother Part"),
                ("FATHER", "Father Part"),
            ],
            &[
                ("CANCELLED", &[("Y", "CANC"), ("N", "COMP")]),
                ("MOTHER", PARENT_LIQUID),
                ("FATHER", PARENT_LIQUID),
            ],
        ),
        (LocalShape::Liquid, IroAllocations) => t(
            "LCS_IRO_Allocations.csv",
            &[
                ("CHILD", "Subject ID"),
                ("IRO", "IRO Ref"),
                ("START", "Allocated From"),
                ("END", "Allocated To"),
                ("ROLE", "Worker Type"),
            ],
            &[("ROLE", &[("IRO", "IRO"), ("OTHER", "SSW")])],
        ),
        (LocalShape::Liquid, Iros) => t(
            "LCS_Staff.csv",
            &[
                ("IRO", "IRO Ref"),
                ("NAME", "Staff Name"),
                ("FTE", "Hours FTE"),
                ("START", "Post Start"),
                ("END", "Post End"),
            ],
            &[],
        ),
        (LocalShape::Liquid, Disputes) => t(
            "LCS_Escalations.csv",
            &[
                ("RAISED", "Opened"),
                ("STAGE", "Level"),
                ("DISPUTE_ID", "Escalation Ref"),
                ("CHILD", "Subject ID"),
                ("IRO", "IRO Ref"),
                ("RESOLVED", "Closed"),
                ("CATEGORY", "Reason"),
            ],
            &[(
                "STAGE",
                &[
                    ("informal", "L1"),
                    ("formal", "L2"),
                    ("head_of_service", "L3"),
                    ("director", "L4"),
                    ("cafcass", "CAFCASS"),
                ],
            )],
        ),
        (LocalShape::Liquid, IroContacts) => t(
            "LCS_IRO_Contacts.csv",
            &[
                ("CHILD", "Subject ID"),
                ("CONTACT_DATE", "Seen On"),
                ("IRO", "IRO Ref"),
                ("TYPE", "Contact Type"),
            ],
            &[],
        ),
        _ => None,
    }
}

/// The canonical code `code` of `column` as the shape writes it (unchanged when the shape
/// has no word for it, as for a stage outside the list).
fn recode<'a>(shape: &TableShape, column: &str, code: &'a str) -> &'a str {
    let words = shape
        .codes
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, w)| *w)
        .unwrap_or(&[]);
    words
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, w)| w)
}

/// A `dd/mm/yyyy` date as a shape writes it: Mosaic uses `yyyy-mm-dd`.
fn redate(shape: LocalShape, text: &str) -> String {
    match (shape, read_day(text)) {
        (LocalShape::Mosaic, Some(d)) => {
            let (y, m, dd) = ymd(d);
            format!("{y:04}-{m:02}-{dd:02}")
        }
        _ => text.to_string(),
    }
}

/// The local exports as CSV files in `shape`: `(file name, rows of cells)`, header first.
pub fn tables(local: &LocalExport, shape: LocalShape) -> Vec<(String, Vec<Vec<String>>)> {
    local
        .tables
        .iter()
        .map(|(kind, rows)| {
            let columns = kind.columns();
            let Some(ts) = table_shape(shape, *kind) else {
                let mut all = vec![columns.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
                all.extend(rows.iter().cloned());
                return (format!("{}.csv", kind.name()), all);
            };
            let mut all = vec![ts.headings.iter().map(|(_, h)| h.to_string()).collect()];
            for row in rows {
                all.push(
                    ts.headings
                        .iter()
                        .map(|(c, _)| {
                            let k = columns.iter().position(|x| x == c).unwrap_or(0);
                            let value = row.get(k).map_or("", String::as_str);
                            if TableKind::is_date_column(c) {
                                redate(shape, value)
                            } else {
                                recode(&ts, c, value).to_string()
                            }
                        })
                        .collect(),
                );
            }
            (ts.file.to_string(), all)
        })
        .collect()
}

/// The mapping profile that reads `shape` (empty for the canonical shape, which needs none).
pub fn profile(shape: LocalShape) -> Profile {
    let mut profile = Profile::default();
    for kind in crate::mapping::MAPPABLE {
        let Some(ts) = table_shape(shape, kind) else {
            continue;
        };
        let mut mapping = TableMapping {
            table: Some(kind),
            ..TableMapping::default()
        };
        for (c, h) in ts.headings {
            mapping.columns.insert(c.to_string(), h.to_string());
        }
        for (c, words) in ts.codes {
            mapping.values.insert(
                c.to_string(),
                words
                    .iter()
                    .map(|(code, w)| (w.to_string(), code.to_string()))
                    .collect(),
            );
        }
        profile.tables.push(mapping);
    }
    profile
}

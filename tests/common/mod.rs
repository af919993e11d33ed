//! A tiny fixture language for hand-checked tests: each table is written as comma-separated
//! text whose first line names the canonical columns used (any order, any subset).
#![allow(dead_code)]

use careboard::measures::{calendar::ReportingYear, compute};
use careboard::model::{build, Dataset, Position, RawTable, TableKind};
use careboard::present::{Block, Section, Table};
use careboard::report::Report;
use careboard::settings::Settings;

/// One raw table from `text` (first line: canonical column names).
pub fn table(kind: TableKind, text: &str) -> RawTable {
    table_in(kind.name(), kind, text)
}

/// [`table`] read from a file called `file` (several exports loaded together).
pub fn table_in(file: &str, kind: TableKind, text: &str) -> RawTable {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let names: Vec<&str> = lines
        .next()
        .expect("fixture has a header line")
        .split(',')
        .map(str::trim)
        .collect();
    let present = kind.columns().iter().map(|c| names.contains(c)).collect();
    let mut t = RawTable::new(file, file, kind, Position::Row, present);
    for (i, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        let aligned: Vec<&str> = kind
            .columns()
            .iter()
            .map(|c| {
                names
                    .iter()
                    .position(|n| n == c)
                    .and_then(|k| cells.get(k).copied())
                    .unwrap_or("")
            })
            .collect();
        t.push_row(i as u32 + 2, aligned);
    }
    t
}

/// A dataset from the four main tables (blank text = table not loaded).
pub fn dataset(header: &str, episodes: &str, reviews: &str, uasc: &str) -> Dataset {
    let mut tables = Vec::new();
    for (kind, text) in [
        (TableKind::Header, header),
        (TableKind::Episodes, episodes),
        (TableKind::Reviews, reviews),
        (TableKind::Uasc, uasc),
    ] {
        if !text.trim().is_empty() {
            tables.push(table(kind, text));
        }
    }
    build(tables, vec![])
}

/// The report for the year ending 31 March `year`.
pub fn report(data: &Dataset, year: i32, settings: &Settings) -> Report {
    compute(
        data,
        ReportingYear::ending(year).expect("valid year"),
        settings,
    )
}

/// The section with this id.
pub fn section<'a>(all: &'a [Section], id: &str) -> &'a Section {
    all.iter().find(|s| s.id.anchor() == id).expect("section")
}

/// The table (or child list) with this id in a section.
pub fn shown_table<'a>(s: &'a Section, id: &str) -> &'a Table {
    s.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) | Block::ChildList(t) if t.id == id => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("table {id}"))
}

// The three-child fixture of the report as shown (tests/present.rs, tests/compare_present.rs),
// year ending 31/03/2024.
// A: in care since 01/01/2023 (before the review coverage start of 01/04/2023, the year of the
//    earliest review), 5 miles away. Reviews 10/06/2023 (PN1: the first in the data for a period
//    that began before coverage: not checked) and 10/12/2023 (PN7: review 2, due 10/06 + 3
//    months = 10/09/2023: late by 20 + 31 + 30 + 10 = 91 days). Next due 10/12 + 6 months =
//    10/06/2024: not overdue.
// B: started 01/06/2023, adopted (E11) 01/02/2024: started and ceased, not in care on 31 March.
// C: no header row; started Mon 01/05/2023, 25 miles away. Review 1 due on the 20th working day
//    after: 2-5 May (4), Mon 8 (coronation) off, 9-12 (8), 15-19 (13), 22-26 (18), Mon 29 off,
//    30 (19), 31 (20) = 31/05/2023; held 15/05/2023 (PN0): on time. Next due 15/05 + 3 months =
//    15/08/2023, not held: overdue on 31/03/2024 by 16 + 30 + 31 + 30 + 31 + 31 + 29 + 31 = 229
//    days.
pub const SHOWN_HEADER: &str = "
CHILD,SEX,DOB,ETHNIC
A,1,01/06/2010,WBRI
B,2,01/01/2015,BAFR
";
pub const SHOWN_EPISODES: &str = "
CHILD,DECOM,RNE,LS,PLACE,DEC,REC,PL_DISTANCE
A,01/01/2023,S,C2,U4,,,5
B,01/06/2023,S,V2,U1,01/02/2024,E11,1
C,01/05/2023,S,C1,K2,,,25
";
pub const SHOWN_REVIEWS: &str = "
CHILD,REVIEW,REVIEW_CODE
A,10/06/2023,PN1
A,10/12/2023,PN7
C,15/05/2023,PN0
";

/// The report of the three-child fixture above, year ending 31/03/2024, default settings.
pub fn shown_fixture() -> Report {
    report(
        &dataset(SHOWN_HEADER, SHOWN_EPISODES, SHOWN_REVIEWS, ""),
        2024,
        &Settings::default(),
    )
}

/// City of London (201) has the smallest populations, so a handful of children gives a rate:
/// 0-17 population 654 (2022), 985 (2023), 918 (2024), 847 (2025). Used by tests/compare.rs
/// and tests/compare_present.rs (with UASC `CHILD,DUC\nT,`).
pub const TREND_EPISODES: &str = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC
    P,15/06/2020,S,C2,U4,,
    Q,01/05/2021,S,C2,U4,10/01/2023,E11
    R,01/09/2022,S,V2,U4,01/10/2022,X1
    R,01/10/2022,P,V2,U5,01/12/2022,X1
    R,01/12/2022,B,C2,U4,20/02/2024,E45
    S,01/06/2024,S,V2,U4,01/12/2024,E41
    T,10/10/2024,S,V2,U4,,
    V,01/01/2019,S,V3,U4,02/01/2019,E8";

pub const TREND_REVIEWS: &str = "CHILD,REVIEW,REVIEW_CODE
    P,10/05/2022,PN1
    P,01/07/2022,PN1
    P,15/02/2023,PN1
    R,30/09/2022,PN1
    P,01/08/2023,PN1
    S,20/06/2024,PN1
    T,05/11/2024,PN1";

//! Recognising a 903 table by its header row, shared by the CSV and XLSX readers.
//!
//! A heading is compared after normalisation (upper case, every character other than A-Z and
//! 0-9 dropped), with the canonical column names and with [`SYNONYMS`], the names that
//! case-management exports and DfE reports use. A table is recognised when every one of its
//! [`TableKind::required_columns`] is there; extra columns are ignored. This module knows
//! nothing of file formats: it sees rows of cell text.

use crate::model::{shorten, TableKind};

/// Column headings seen in case-management exports (Mosaic, LiquidLogic, Eclipse) and DfE
/// reports, as users write them, with the canonical 903 column each one means. Headings are
/// compared normalised (`Child ID`, `child_id` and `CHILDID` are the same heading), so one
/// spelling of each is enough. The canonical names themselves (`CHILD`, `DECOM`...) are always
/// recognised and are not repeated here.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("Child ID", "CHILD"),
    ("Child identifier", "CHILD"),
    ("Child LA code", "CHILD"),
    ("CHILD_LA_ID", "CHILD"),
    ("LA child ID", "CHILD"),
    ("Person ID", "CHILD"),
    ("Client ID", "CHILD"),
    ("Gender", "SEX"),
    ("Date of birth", "DOB"),
    ("Birth date", "DOB"),
    ("Ethnicity", "ETHNIC"),
    ("Ethnic origin", "ETHNIC"),
    ("Ethnic code", "ETHNIC"),
    ("Unique pupil number", "UPN"),
    ("Start date", "DECOM"),
    ("Episode start date", "DECOM"),
    ("Date episode commenced", "DECOM"),
    ("Date of commencement", "DECOM"),
    ("End date", "DEC"),
    ("Episode end date", "DEC"),
    ("Date episode ceased", "DEC"),
    ("Reason new episode", "RNE"),
    ("Reason for new episode", "RNE"),
    ("Legal status", "LS"),
    ("Category of need", "CIN"),
    ("Placement type", "PLACE"),
    ("Placement", "PLACE"),
    ("PL", "PLACE"),
    ("Placement provider", "PLACE_PROVIDER"),
    ("Provider", "PLACE_PROVIDER"),
    ("Reason episode ceased", "REC"),
    ("Reason ceased", "REC"),
    ("Reason for placement change", "REASON_PLACE_CHANGE"),
    ("Home postcode", "HOME_POST"),
    ("Placement postcode", "PL_POST"),
    ("Ofsted URN", "URN"),
    ("Review date", "REVIEW"),
    ("Date of review", "REVIEW"),
    ("Participation code", "REVIEW_CODE"),
    ("Participation", "REVIEW_CODE"),
    ("PN code", "REVIEW_CODE"),
    ("Date UASC ceased", "DUC"),
    ("Date UASC status ceased", "DUC"),
    ("Placement distance", "PL_DISTANCE"),
    ("Distance from home", "PL_DISTANCE"),
];

/// Upper-cases and keeps only `A-Z` and `0-9`: `" Child_ID "` becomes `CHILDID`.
pub(crate) fn normalise(heading: &str) -> String {
    heading
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// No heading understood is longer than this once normalised (`DATEPLACEDCEASED`,
/// `REASONPLACECHANGE`, `DATEUASCSTATUSCEASED`...), so a longer cell is not read further.
const LONGEST_HEADING: usize = 40;

/// Every heading understood, normalised, with its canonical column: built once.
fn headings() -> &'static std::collections::HashMap<String, &'static str> {
    static HEADINGS: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    HEADINGS.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        // Canonical names first, so that a synonym never shadows one.
        for kind in TableKind::ALL {
            for &c in kind.columns() {
                map.entry(normalise(c)).or_insert(c);
            }
        }
        for &(s, c) in SYNONYMS {
            map.entry(normalise(s)).or_insert(c);
        }
        map
    })
}

/// The canonical column a heading names, if any. A cell of any length costs one pass over
/// its characters and at most one look-up, with no allocation.
pub(crate) fn canonical_column(heading: &str) -> Option<&'static str> {
    let mut n = [0u8; LONGEST_HEADING];
    let mut len = 0;
    for b in heading.bytes().filter(u8::is_ascii_alphanumeric) {
        if len == LONGEST_HEADING {
            return None;
        }
        n[len] = b.to_ascii_uppercase();
        len += 1;
    }
    // Every heading understood has at least two letters (`LS`, `PL`).
    if len < 2 {
        return None;
    }
    let n = std::str::from_utf8(&n[..len]).ok()?;
    headings().get(n).copied()
}

/// A header row recognised as one table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HeaderMatch {
    pub kind: TableKind,
    /// For each of `kind.columns()`, the index of the file column holding it.
    pub columns: Vec<Option<usize>>,
}

impl HeaderMatch {
    /// Which canonical columns the file has (for [`crate::model::RawTable::new`]).
    pub fn present(&self) -> Vec<bool> {
        self.columns.iter().map(Option::is_some).collect()
    }
}

/// One row looked at while searching for the header row: which canonical columns its cells
/// name, and the start of its text for messages. Made in one pass over the cells and holding
/// only what it needs, so a row of a million cells costs no more than reading them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Headings {
    /// Each canonical column named, with the position of the first cell naming it.
    named: Vec<(&'static str, usize)>,
    /// The row's cells, trimmed and joined with `", "`, without the blank cells that end it,
    /// cut to [`ROW_TEXT`] characters (`…` when cut).
    pub text: String,
}

/// How many characters of a row's text a message quotes.
const ROW_TEXT: usize = 80;

impl Headings {
    /// Reads one row's cells, in file order.
    pub fn of<'a>(cells: impl IntoIterator<Item = &'a str>) -> Headings {
        let mut named: Vec<(&'static str, usize)> = Vec::new();
        let mut text = String::new();
        let mut text_full = false;
        // Separators owed for blank cells, written only if a cell with text follows.
        let mut owed = 0usize;
        for (i, cell) in cells.into_iter().enumerate() {
            if let Some(c) = canonical_column(cell) {
                // At most one entry per canonical column (fewer than 100 of them).
                if !named.iter().any(|&(n, _)| n == c) {
                    named.push((c, i));
                }
            }
            if text_full {
                continue;
            }
            let cell = cell.trim();
            if i > 0 {
                owed += 1;
            }
            if cell.is_empty() {
                continue;
            }
            for _ in 0..owed {
                text.push_str(", ");
                if text.len() > 4 * ROW_TEXT {
                    break;
                }
            }
            owed = 0;
            text.push_str(&shorten(cell, ROW_TEXT + 1));
            text_full = text.len() > 4 * ROW_TEXT;
        }
        let text = shorten(text.trim_end_matches([',', ' ']), ROW_TEXT);
        Headings { named, text }
    }

    /// The position of the first cell naming `column`.
    fn position(&self, column: &str) -> Option<usize> {
        self.named
            .iter()
            .find(|(c, _)| *c == column)
            .map(|&(_, i)| i)
    }

    /// For each canonical column of `kind`, the first cell whose heading names it.
    fn columns_of(&self, kind: TableKind) -> Vec<Option<usize>> {
        kind.columns().iter().map(|c| self.position(c)).collect()
    }
}

/// Recognises a header row: among the tables whose required columns are all present, the
/// one with most recognised columns (the first in [`TableKind::ALL`] on a tie).
pub(crate) fn recognise(row: &Headings) -> Option<HeaderMatch> {
    let mut best: Option<(usize, HeaderMatch)> = None;
    for kind in TableKind::ALL {
        let columns = row.columns_of(kind);
        let has_required = kind
            .required_columns()
            .iter()
            .all(|r| kind.column_index(r).is_some_and(|i| columns[i].is_some()));
        if !has_required {
            continue;
        }
        let found = columns.iter().filter(|c| c.is_some()).count();
        if best.as_ref().is_none_or(|(n, _)| found > *n) {
            best = Some((found, HeaderMatch { kind, columns }));
        }
    }
    best.map(|(_, m)| m)
}

/// A column's letters as a spreadsheet shows them: 0 is `A`, 25 `Z`, 26 `AA`.
pub(crate) fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(b'A' + digit as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// A manager's gloss on a column, for messages.
fn column_gloss(column: &str) -> &'static str {
    match column {
        "CHILD" => "the child's ID",
        "SEX" => "sex",
        "DOB" => "date of birth",
        "ETHNIC" => "ethnicity",
        "DECOM" => "date the episode started",
        "RNE" => "reason for new episode",
        "LS" => "legal status",
        "PLACE" => "placement type",
        "DEC" => "date the episode ceased",
        "REC" => "reason the episode ceased",
        "REVIEW" => "review date",
        "REVIEW_CODE" => "participation code",
        "DUC" => "date UASC status ceased",
        "SDQ_SCORE" => "SDQ score",
        "IN_TOUCH" => "whether in touch",
        "ACTIV" => "main activity",
        "ACCOM" => "accommodation",
        "DATE_INT" => "date of the decision to place for adoption",
        "DATE_MATCH" => "date matched with adopters",
        "DATE_PLACED" => "date of the decision that the child should be placed for adoption",
        "PREV_PERM" => "previous permanence option",
        "MISSING" => "missing or away",
        "MIS_START" => "date the missing episode started",
        "SW_ID" => "social worker ID",
        "SW_DECOM" => "date the social worker episode started",
        _ => "",
    }
}

fn describe_column(column: &str) -> String {
    match column_gloss(column) {
        "" => format!("{column} column"),
        gloss => format!("{column} column ({gloss})"),
    }
}

/// Explains why none of `rows` (the first non-blank rows of a file or sheet) is a 903 header
/// row. `subject` names the file (and sheet), already quoted: `"reviews.csv"`.
pub(crate) fn explain_unrecognised(subject: &str, rows: &[Headings]) -> String {
    // The nearest table: it has CHILD and at least half of its required columns; more of
    // them found (as a share) is nearer, then more columns recognised.
    let mut nearest: Option<(usize, usize, usize, TableKind, Vec<&'static str>)> = None;
    for row in rows {
        for kind in TableKind::ALL {
            let columns = row.columns_of(kind);
            let has = |c: &str| kind.column_index(c).is_some_and(|i| columns[i].is_some());
            let required = kind.required_columns();
            let missing: Vec<_> = required.iter().copied().filter(|c| !has(c)).collect();
            let found = required.len() - missing.len();
            if !has("CHILD") || found * 2 < required.len() || missing.is_empty() {
                continue;
            }
            let recognised = columns.iter().filter(|c| c.is_some()).count();
            let nearer = match &nearest {
                None => true,
                // found/len > f/l  <=>  found*l > f*len
                Some((f, l, r, _, _)) => {
                    found * l > f * required.len()
                        || (found * l == f * required.len() && recognised > *r)
                }
            };
            if nearer {
                nearest = Some((found, required.len(), recognised, kind, missing));
            }
        }
    }
    if let Some((_, _, _, kind, missing)) = nearest {
        let list: Vec<_> = missing.iter().map(|c| describe_column(c)).collect();
        return format!(
            "{subject} looks like the {} table but has no {}.",
            kind.plain_name(),
            list.join(" and no ")
        );
    }
    let first = rows.first().map(|r| r.text.as_str()).unwrap_or_default();
    format!(
        "{subject} is not a 903 table: none of its first rows has the column headings of one \
         (its first row reads \"{first}\"). The 903 tables have headings such as CHILD, DECOM \
         and REVIEW."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Headings {
        Headings::of(cells.iter().copied())
    }

    #[test]
    fn headings_compare_after_normalisation() {
        assert_eq!(normalise(" Child_ID "), "CHILDID");
        for h in ["Child ID", "child_id", "CHILDID", " CHILD ", "child"] {
            assert_eq!(canonical_column(h), Some("CHILD"), "{h}");
        }
        assert_eq!(canonical_column("Placement type"), Some("PLACE"));
        assert_eq!(canonical_column("place_provider"), Some("PLACE_PROVIDER"));
        assert_eq!(canonical_column("Notes"), None);
        assert_eq!(canonical_column(" - "), None);
    }

    #[test]
    fn every_synonym_names_a_canonical_column_and_none_is_ambiguous() {
        let canon: Vec<&str> = TableKind::ALL
            .iter()
            .flat_map(|k| k.columns().iter().copied())
            .collect();
        for (syn, col) in SYNONYMS {
            assert!(canon.contains(col), "{syn} -> {col}");
            // A synonym must not read as a different canonical column.
            let n = normalise(syn);
            assert!(
                canon.iter().all(|c| normalise(c) != n || c == col),
                "{syn} clashes with a canonical name"
            );
            assert_eq!(canonical_column(syn), Some(*col), "{syn}");
        }
        // The synonyms the brief lists, in the spellings it gives.
        for (h, c) in [
            ("CHILD_LA_CODE", "CHILD"),
            ("ETHNIC_CODE", "ETHNIC"),
            ("LEGAL_STATUS", "LS"),
            ("PLACEMENT_TYPE", "PLACE"),
            ("REVIEW_DATE", "REVIEW"),
        ] {
            assert_eq!(canonical_column(h), Some(c), "{h}");
        }
    }

    #[test]
    fn shuffled_columns_with_synonyms_and_extras_are_episodes() {
        let m = recognise(&row(&[
            "Notes",
            "REC",
            "Episode end date",
            "Child ID",
            "LS",
            "Start date",
            "Placement type",
            "RNE",
        ]))
        .unwrap();
        assert_eq!(m.kind, TableKind::Episodes);
        // columns() order: CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, ...
        assert_eq!(
            &m.columns[..9],
            &[
                Some(3),
                Some(5),
                Some(7),
                Some(4),
                None,
                Some(6),
                None,
                Some(2),
                Some(1)
            ]
        );
    }

    #[test]
    fn header_needs_ethnic_and_uasc_needs_duc() {
        let kind = |cells: &[&str]| recognise(&row(cells)).map(|m| m.kind);
        assert_eq!(kind(&["CHILD", "SEX", "DOB", "DUC"]), Some(TableKind::Uasc));
        assert_eq!(
            kind(&["CHILD", "SEX", "DOB", "ETHNIC", "UPN"]),
            Some(TableKind::Header)
        );
        // Both match; header has more recognised columns (5 against 4).
        assert_eq!(
            kind(&["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "DUC"]),
            Some(TableKind::Header)
        );
        assert_eq!(kind(&["CHILD", "DOB"]), None);
    }

    #[test]
    fn the_first_of_two_headings_for_one_column_wins() {
        let m = recognise(&row(&["CHILD", "Child ID", "REVIEW", "REVIEW_CODE"])).unwrap();
        assert_eq!(m.columns[0], Some(0));
        assert_eq!(m.present(), vec![true, false, true, true]);
    }

    #[test]
    fn a_near_miss_names_the_table_and_the_missing_columns() {
        let msg = explain_unrecognised(
            "\"reviews.csv\"",
            &[row(&["CHILD", "DOB", "REVIEW", "Notes"])],
        );
        assert_eq!(
            msg,
            "\"reviews.csv\" looks like the reviews table but has no REVIEW_CODE column \
             (participation code)."
        );
        let msg = explain_unrecognised(
            "\"ep.csv\"",
            &[row(&["CHILD", "DECOM", "RNE", "LS", "PLACE"])],
        );
        assert_eq!(
            msg,
            "\"ep.csv\" looks like the episodes of care table but has no DEC column (date the \
             episode ceased) and no REC column (reason the episode ceased)."
        );
    }

    #[test]
    fn anything_else_is_not_a_903_table_and_its_first_row_is_quoted() {
        let msg = explain_unrecognised(
            "\"notes.csv\"",
            &[row(&["Name", "Address", ""]), row(&["A", "B"])],
        );
        assert!(
            msg.starts_with("\"notes.csv\" is not a 903 table")
                && msg.contains("(its first row reads \"Name, Address\")"),
            "{msg}"
        );
        assert_eq!(shorten("abcdef", 3), "abc…");
        assert_eq!(
            [0, 25, 26, 701, 702, 16383].map(column_letters),
            ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
        );
        assert_eq!(shorten("abc", 3), "abc");
    }
}

//! Recognising a table by its header row, shared by the CSV and XLSX readers.
//!
//! A heading is compared after normalisation (upper case, every character other than A-Z and
//! 0-9 dropped), with the canonical column names and with [`SYNONYMS`], the names that
//! case-management exports, DfE reports and the Standard Safeguarding Dataset use; one heading
//! may name a column of several tables (`REVIEW_DATE` is the 903 reviews' `REVIEW` and the
//! review meetings' own `REVIEW_DATE`). A 903 table is recognised when every one of its
//! [`TableKind::required_columns`] is there (the one with most columns found wins); failing
//! that, the local tables are tried in the order of [`TableKind::LOCAL`], the first that fits
//! winning. Before either, a mapping of the user's profile whose headings are all in the row
//! decides ([`Recogniser`]). Extra columns are ignored. This module knows nothing of file
//! formats: it sees rows of cell text.

use crate::mapping::{normalise as normalise_heading, Profile};
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
    // MEASURES.md section 7.1: the Standard Safeguarding Dataset's names and the others listed.
    ("clar_cla_person_id", "CHILD"),
    ("clar_cla_review_id", "REVIEW_ID"),
    ("clar_cla_review_due_date", "DUE_DATE"),
    ("clar_cla_review_date", "REVIEW_DATE"),
    ("clar_cla_review_cancelled", "CANCELLED"),
    ("Date review record distributed", "RECORD_COMPLETED"),
    ("invo_person_id", "CHILD"),
    ("invo_professional_id", "IRO"),
    ("invo_involvement_start_date", "START"),
    ("invo_involvement_end_date", "END"),
    ("invo_professional_role_id", "ROLE"),
    ("prof_professional_id", "IRO"),
    ("prof_professional_name", "NAME"),
    ("prof_full_time_equivalency", "FTE"),
    // The child population table (section 9).
    ("Ethnic group", "GROUP"),
    ("Ethnicity", "GROUP"),
    ("Count", "CHILDREN"),
    ("Population", "CHILDREN"),
    ("Number", "CHILDREN"),
];

/// Upper-cases and keeps only `A-Z` and `0-9`: `" Child_ID "` becomes `CHILDID`.
pub(crate) fn normalise(heading: &str) -> String {
    normalise_heading(heading)
}

/// No heading understood is longer than this once normalised (`DATEREVIEWRECORDDISTRIBUTED`,
/// `INVOINVOLVEMENTSTARTDATE`...), so a longer cell is not read further.
const LONGEST_HEADING: usize = 40;

/// Every heading understood, normalised, with the canonical columns it names: built once.
fn headings() -> &'static std::collections::HashMap<String, Vec<&'static str>> {
    static HEADINGS: std::sync::OnceLock<std::collections::HashMap<String, Vec<&'static str>>> =
        std::sync::OnceLock::new();
    HEADINGS.get_or_init(|| {
        let mut map: std::collections::HashMap<String, Vec<&'static str>> =
            std::collections::HashMap::new();
        let mut add = |heading: &str, column: &'static str| {
            let names = map.entry(normalise(heading)).or_default();
            if !names.contains(&column) {
                names.push(column);
            }
        };
        // Canonical names first, so that a heading names its own column before any other.
        for kind in TableKind::ALL {
            for &c in kind.columns() {
                add(c, c);
            }
        }
        for &(s, c) in SYNONYMS {
            add(s, c);
        }
        map
    })
}

/// The canonical columns a heading names (none, one, or several of different tables). A cell
/// of any length costs one pass over its characters and at most one look-up, with no
/// allocation.
pub(crate) fn canonical_columns(heading: &str) -> &'static [&'static str] {
    let mut n = [0u8; LONGEST_HEADING];
    let mut len = 0;
    for b in heading.bytes().filter(u8::is_ascii_alphanumeric) {
        if len == LONGEST_HEADING {
            return &[];
        }
        n[len] = b.to_ascii_uppercase();
        len += 1;
    }
    // Every heading understood has at least two letters (`LS`, `PL`).
    if len < 2 {
        return &[];
    }
    match std::str::from_utf8(&n[..len]) {
        Ok(n) => headings().get(n).map_or(&[], Vec::as_slice),
        Err(_) => &[],
    }
}

/// A header row recognised as one table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HeaderMatch {
    pub kind: TableKind,
    /// For each of `kind.columns()`, the index of the file column holding it.
    pub columns: Vec<Option<usize>>,
    /// For each of `kind.columns()`, the codes the user gave its values (value found, code):
    /// empty for a column whose values are read as they are.
    pub recode: Vec<Vec<(String, String)>>,
}

impl HeaderMatch {
    fn new(kind: TableKind, columns: Vec<Option<usize>>) -> HeaderMatch {
        HeaderMatch {
            kind,
            recode: vec![Vec::new(); columns.len()],
            columns,
        }
    }

    /// Which canonical columns the file has (for [`crate::model::RawTable::new`]).
    pub fn present(&self) -> Vec<bool> {
        self.columns.iter().map(Option::is_some).collect()
    }

    /// The cell of canonical column `k` as the table keeps it: the code the user gave its
    /// value, when one was given (compared trimmed and without regard to case), else as found.
    pub fn cell<'a>(&'a self, k: usize, value: &'a str) -> &'a str {
        let Some(codes) = self.recode.get(k).filter(|c| !c.is_empty()) else {
            return value;
        };
        let v = value.trim();
        codes
            .iter()
            .find(|(found, _)| found.trim() == v || found.trim().eq_ignore_ascii_case(v))
            .map_or(value, |(_, code)| code.as_str())
    }
}

/// One row looked at while searching for the header row: which canonical columns its cells
/// name, where the headings a profile looks for are, and the start of its text for messages.
/// Made in one pass over the cells and holding only what it needs, so a row of a million
/// cells costs no more than reading them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Headings {
    /// Each canonical column named, with the position of the first cell naming it.
    named: Vec<(&'static str, usize)>,
    /// For each heading the profile looks for ([`Recogniser`]), the first cell holding it.
    wanted: Vec<Option<usize>>,
    /// The row's cells, trimmed and joined with `", "`, without the blank cells that end it,
    /// cut to [`ROW_TEXT`] characters (`…` when cut).
    pub text: String,
}

/// How many characters of a row's text a message quotes.
const ROW_TEXT: usize = 80;

/// The longest heading a profile may name, in characters (a heading is a few words).
pub(crate) const HEADING_LIMIT: usize = 200;

impl Headings {
    /// Reads one row's cells, in file order.
    #[cfg(test)]
    pub fn of<'a>(cells: impl IntoIterator<Item = &'a str>) -> Headings {
        Headings::looking_for(cells, &[])
    }

    /// Reads one row's cells, noting where each of `wanted` (normalised headings) is.
    pub fn looking_for<'a>(
        cells: impl IntoIterator<Item = &'a str>,
        wanted: &[String],
    ) -> Headings {
        let mut named: Vec<(&'static str, usize)> = Vec::new();
        let mut found: Vec<Option<usize>> = vec![None; wanted.len()];
        let mut left = wanted.len();
        let mut text = String::new();
        let mut text_full = false;
        // Separators owed for blank cells, written only if a cell with text follows.
        let mut owed = 0usize;
        for (i, cell) in cells.into_iter().enumerate() {
            for &c in canonical_columns(cell) {
                // At most one entry per canonical column (about 100 of them).
                if !named.iter().any(|&(n, _)| n == c) {
                    named.push((c, i));
                }
            }
            // Profile headings can be any text, so they are compared in full, but only while
            // some are still to be found.
            if left > 0 && cell.len() <= 4 * HEADING_LIMIT {
                let n = normalise(cell);
                for (k, w) in wanted.iter().enumerate() {
                    if found[k].is_none() && *w == n {
                        found[k] = Some(i);
                        left -= 1;
                    }
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
        Headings {
            named,
            wanted: found,
            text,
        }
    }

    /// The position of the first cell naming `column`.
    pub(crate) fn position(&self, column: &str) -> Option<usize> {
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

/// Recognises a header row as one of the 903's tables (and the Deprivation of Liberty
/// orders): among those whose required columns are all present, the one with most recognised
/// columns (the first in [`TableKind::ALL`] on a tie); failing that, the first local table
/// whose columns it has ([`local_fits`]).
pub(crate) fn recognise(row: &Headings) -> Option<HeaderMatch> {
    let mut best: Option<(usize, HeaderMatch)> = None;
    for kind in TableKind::RETURN.into_iter().chain([TableKind::Dolo]) {
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
            best = Some((found, HeaderMatch::new(kind, columns)));
        }
    }
    if let Some((_, m)) = best {
        return Some(m);
    }
    TableKind::LOCAL.into_iter().find_map(|kind| {
        let columns = row.columns_of(kind);
        local_fits(kind, &|c| row.position(c).is_some(), &columns)
            .then(|| HeaderMatch::new(kind, columns))
    })
}

/// Whether a header row with these columns of local table `kind` is that table: its required
/// columns are all there, and for review meetings also `REVIEW_DATE` or `CANCELLED`, and no
/// `REVIEW_CODE` (a header with one is the 903's reviews table). `named` says whether the row
/// names a canonical column at all.
fn local_fits(kind: TableKind, named: &dyn Fn(&str) -> bool, columns: &[Option<usize>]) -> bool {
    let has = |c: &str| kind.column_index(c).is_some_and(|i| columns[i].is_some());
    if !kind.required_columns().iter().all(|c| has(c)) {
        return false;
    }
    kind != TableKind::ReviewMeetings
        || ((has("REVIEW_DATE") || has("CANCELLED")) && !named("REVIEW_CODE"))
}

/// Recognises header rows with the user's mapping profile first: a mapping whose every heading
/// is in the row makes it that mapping's table (of several, the one naming most headings, then
/// the first in the profile), with the mapping's value codes; other rows are recognised as
/// [`recognise`] does.
#[derive(Clone, Debug, Default)]
pub(crate) struct Recogniser {
    profile: Profile,
    /// Every heading the profile names, normalised, each once.
    wanted: Vec<String>,
}

impl Recogniser {
    pub fn new(profile: &Profile) -> Recogniser {
        let mut wanted: Vec<String> = Vec::new();
        for m in &profile.tables {
            for heading in m.columns.values() {
                let h = normalise(heading);
                if !h.is_empty() && h.chars().count() <= HEADING_LIMIT && !wanted.contains(&h) {
                    wanted.push(h);
                }
            }
        }
        Recogniser {
            profile: profile.clone(),
            wanted,
        }
    }

    /// A row's [`Headings`], noting where the profile's headings are.
    pub fn headings<'a>(&self, cells: impl IntoIterator<Item = &'a str>) -> Headings {
        Headings::looking_for(cells, &self.wanted)
    }

    /// The table a header row begins, if any.
    pub fn recognise(&self, row: &Headings) -> Option<HeaderMatch> {
        let mut best: Option<(usize, HeaderMatch)> = None;
        for mapping in &self.profile.tables {
            let Some(kind) = mapping.table.filter(|_| mapping.problem().is_none()) else {
                continue;
            };
            let mut columns = vec![None; kind.columns().len()];
            let mut all = true;
            for (column, heading) in &mapping.columns {
                let h = normalise(heading);
                let at = self
                    .wanted
                    .iter()
                    .position(|w| *w == h)
                    .and_then(|k| row.wanted.get(k).copied().flatten());
                match (kind.column_index(column), at) {
                    (Some(i), Some(at)) => columns[i] = Some(at),
                    _ => all = false,
                }
            }
            if !all
                || best
                    .as_ref()
                    .is_some_and(|(n, _)| *n >= mapping.columns.len())
            {
                continue;
            }
            let mut m = HeaderMatch::new(kind, columns);
            for (i, column) in kind.columns().iter().enumerate() {
                if let Some(values) = mapping.values.get(*column) {
                    m.recode[i] = values
                        .iter()
                        .map(|(found, code)| (found.clone(), code.clone()))
                        .collect();
                }
            }
            best = Some((mapping.columns.len(), m));
        }
        best.map(|(_, m)| m).or_else(|| recognise(row))
    }
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
         and REVIEW; an export of the IRO service's own records with other headings is read \
         once its columns are mapped (a mapping profile)."
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
            assert_eq!(canonical_columns(h), ["CHILD"], "{h}");
        }
        assert_eq!(canonical_columns("Placement type"), ["PLACE"]);
        assert_eq!(canonical_columns("place_provider"), ["PLACE_PROVIDER"]);
        assert!(canonical_columns("Notes").is_empty());
        assert!(canonical_columns(" - ").is_empty());
        // One heading, a column of each of two tables: its own name first.
        assert_eq!(canonical_columns("Review date"), ["REVIEW_DATE", "REVIEW"]);
        assert_eq!(canonical_columns("Ethnicity"), ["ETHNIC", "GROUP"]);
    }

    #[test]
    fn every_synonym_names_a_canonical_column_and_none_is_ambiguous() {
        let canon: Vec<&str> = TableKind::ALL
            .iter()
            .flat_map(|k| k.columns().iter().copied())
            .collect();
        for (syn, col) in SYNONYMS {
            assert!(canon.contains(col), "{syn} -> {col}");
            // A synonym may spell another table's canonical column (`Review date` is the 903
            // reviews' REVIEW and the review meetings' REVIEW_DATE), never another column of
            // a table that has its own.
            let n = normalise(syn);
            for kind in TableKind::ALL.iter().filter(|k| k.columns().contains(col)) {
                assert!(
                    kind.columns().iter().all(|c| normalise(c) != n || c == col),
                    "{syn} clashes with a canonical name of {}",
                    kind.name()
                );
            }
            assert!(canonical_columns(syn).contains(col), "{syn}");
        }
        // The synonyms the brief lists, in the spellings it gives.
        for (h, c) in [
            ("CHILD_LA_CODE", "CHILD"),
            ("ETHNIC_CODE", "ETHNIC"),
            ("LEGAL_STATUS", "LS"),
            ("PLACEMENT_TYPE", "PLACE"),
            ("REVIEW_DATE", "REVIEW"),
        ] {
            assert!(canonical_columns(h).contains(&c), "{h}");
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

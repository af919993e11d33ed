//! Column mapping: how a file that Careboard does not recognise by itself (a case-management
//! system's own export of review meetings, allocations, disputes...) is read as one of its
//! tables, and the mapping profile that keeps those choices for next year.
//!
//! A [`TableMapping`] names, for each canonical column of a table, the file's heading that
//! holds it, and for coded columns (participation, cancelled, stage, role) what each value
//! found means. A [`Profile`] is a list of them with the IRO service's settings and, when one
//! was loaded, the child population by ethnic group: a small JSON file holding no child's data
//! (its format is in the README). [`Profile::from_json`] reads one, saying in a manager's words
//! what is wrong with a damaged or wrong file; nothing in it can make Careboard panic.
//!
//! The page's mapping step starts from [`guess_table`], [`guess_columns`] and [`guess_value`]
//! over a file's [`Preview`] (its headings, first values and the distinct values of each
//! column, made by [`crate::import`]). Depends only on [`crate::model`]'s table vocabulary and
//! [`crate::settings`]; the importers apply a profile, the page and the CLI hold one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::dates::parse_date;
use crate::model::TableKind;
use crate::settings::IroSettings;

/// The key that marks a JSON file as a Careboard mapping profile; its value is the format's
/// version.
pub const PROFILE_MARK: &str = "careboard_mapping_profile";

/// The format version this Careboard writes and reads.
pub const PROFILE_VERSION: u32 = 1;

/// A profile is a few kilobytes; anything much larger is not one.
pub const PROFILE_MAX_BYTES: usize = 1 << 20;

/// The tables a file can be mapped to: the local ones and the Deprivation of Liberty orders.
pub const MAPPABLE: [TableKind; 7] = [
    TableKind::ReviewMeetings,
    TableKind::IroAllocations,
    TableKind::Iros,
    TableKind::Disputes,
    TableKind::IroContacts,
    TableKind::Dolo,
    TableKind::ChildPopulation,
];

/// How one file's columns (and coded values) are read as one of Careboard's tables.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableMapping {
    /// The table, by its JSON name (`review_meetings`).
    pub table: Option<TableKind>,
    /// Canonical column (`REVIEW_DATE`) -> the file's heading that holds it, as written.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Coded column (`MOTHER`) -> each value found in the file -> the code it means.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

/// A child population by ethnic group kept in a profile, so that next year's report compares
/// with it without the table being loaded again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPopulation {
    /// Where the figures came from, in the user's words (the file's name by default).
    #[serde(default)]
    pub source: String,
    pub white: u64,
    pub mixed: u64,
    pub asian: u64,
    pub black: u64,
    pub other: u64,
}

impl SavedPopulation {
    /// The five groups in the order white, mixed, asian, black, other.
    pub fn groups(&self) -> [u64; 5] {
        [self.white, self.mixed, self.asian, self.black, self.other]
    }
}

/// Everything the user chose about their local exports: column and value mappings, the IRO
/// service's settings, and optionally a saved child population.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub tables: Vec<TableMapping>,
    /// The IRO service's settings; `None` leaves the settings in force unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<IroSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_population: Option<SavedPopulation>,
}

/// Why a file is not a profile Careboard can use: its name and the reason, in a manager's
/// words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileError {
    pub file: String,
    pub reason: String,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "\"{}\" is not a mapping profile Careboard can use: {}",
            self.file, self.reason
        )
    }
}

impl std::error::Error for ProfileError {}

/// The profile as written: the mark and version first, then the rest.
#[derive(Serialize)]
struct Written<'a> {
    #[serde(rename = "careboard_mapping_profile")]
    version: u32,
    about: &'static str,
    #[serde(flatten)]
    profile: &'a Profile,
}

/// The profile as read: strict about its keys, so that a misspelt one is an error, not a
/// silent default.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Read {
    #[serde(rename = "careboard_mapping_profile")]
    version: u32,
    #[serde(default)]
    #[allow(dead_code)]
    about: Option<String>,
    #[serde(default)]
    tables: Vec<TableMapping>,
    #[serde(default)]
    settings: Option<IroSettings>,
    #[serde(default)]
    child_population: Option<SavedPopulation>,
}

/// What a profile file says about itself (written into every profile saved).
const ABOUT: &str = "Careboard mapping profile: how this council's local exports' columns and \
                     values are read, and the IRO service settings. It holds no child's data.";

impl Profile {
    /// Whether the profile changes nothing (no mapping, settings or population).
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.settings.is_none() && self.child_population.is_none()
    }

    /// The profile as the JSON file the user keeps (pretty-printed, keys in a fixed order).
    pub fn to_json(&self) -> String {
        let written = Written {
            version: PROFILE_VERSION,
            about: ABOUT,
            profile: self,
        };
        // Plain strings, numbers and maps: serialising cannot fail.
        serde_json::to_string_pretty(&written).unwrap_or_default()
    }

    /// Reads a profile file (`file` names it in messages). Every mapping is checked: a table or
    /// column Careboard does not know, a required column left unmapped, a code that is not one
    /// of the column's, or settings that cannot be used, is an error naming what is wrong.
    pub fn from_json(file: &str, bytes: &[u8]) -> Result<Profile, ProfileError> {
        let error = |reason: String| ProfileError {
            file: file.to_string(),
            reason,
        };
        if bytes.len() > PROFILE_MAX_BYTES {
            return Err(error(format!(
                "it is {} KB, and a profile is a few KB; choose the profile Careboard saved",
                bytes.len() / 1024
            )));
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|_| error("it is not text (a profile is a JSON text file)".into()))?;
        let text = text.trim_start_matches('\u{FEFF}');
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            error(format!(
                "it is not JSON text, or is cut short (line {}, column {}); choose the .json \
                 file Careboard saved",
                e.line(),
                e.column()
            ))
        })?;
        let Some(object) = value.as_object() else {
            return Err(error("it is JSON, but not an object of settings".into()));
        };
        match object.get(PROFILE_MARK).and_then(serde_json::Value::as_u64) {
            None => {
                return Err(error(format!(
                    "it has no \"{PROFILE_MARK}\" entry, so it is some other JSON file (a \
                     report download is not a profile)"
                )))
            }
            Some(v) if v > u64::from(PROFILE_VERSION) => {
                return Err(error(format!(
                    "it was saved by a newer Careboard (format {v}); this one reads format \
                     {PROFILE_VERSION}"
                )))
            }
            Some(_) => {}
        }
        let read: Read = serde_json::from_value(value).map_err(|e| error(e.to_string()))?;
        if read.version == 0 {
            return Err(error("its format number is 0; it should be 1".into()));
        }
        for (i, mapping) in read.tables.iter().enumerate() {
            mapping.problem().map_or(Ok(()), |why| {
                Err(error(format!("mapping {}: {why}", i + 1)))
            })?;
        }
        if let Some(why) = read.settings.as_ref().and_then(IroSettings::problem) {
            return Err(error(format!("its settings: {why}")));
        }
        Ok(Profile {
            tables: read.tables,
            settings: read.settings,
            child_population: read.child_population,
        })
    }

    /// Replaces the mapping of `mapping`'s table for files with the same headings (or adds it).
    pub fn set(&mut self, mapping: TableMapping) {
        let same = |m: &TableMapping| {
            let mut a: Vec<String> = m.columns.values().map(|h| normalise(h)).collect();
            let mut b: Vec<String> = mapping.columns.values().map(|h| normalise(h)).collect();
            a.sort();
            b.sort();
            a == b
        };
        match self.tables.iter_mut().find(|m| same(m)) {
            Some(m) => *m = mapping,
            None => self.tables.push(mapping),
        }
    }
}

impl TableMapping {
    /// What makes this mapping unusable, when anything does.
    pub fn problem(&self) -> Option<String> {
        let Some(kind) = self.table else {
            return Some("it does not say which table the file is".into());
        };
        if !MAPPABLE.contains(&kind) {
            return Some(format!(
                "the {} table is recognised by its own headings and cannot be mapped",
                kind.plain_name()
            ));
        }
        for column in self.columns.keys() {
            if kind.column_index(column).is_none() {
                return Some(format!(
                    "the {} table has no column {column}",
                    kind.plain_name()
                ));
            }
        }
        let mut headings: Vec<String> = Vec::new();
        for (column, heading) in &self.columns {
            let h = normalise(heading);
            if h.is_empty() {
                return Some(format!("the heading given for {column} is blank"));
            }
            if headings.contains(&h) {
                return Some(format!(
                    "the heading \"{heading}\" is given for two columns; each column of the file \
                     can hold one only"
                ));
            }
            headings.push(h);
        }
        for required in required_columns(kind) {
            if !self.columns.contains_key(*required) {
                return Some(format!(
                    "the {} table needs a column for {required} ({}), and none is given",
                    kind.plain_name(),
                    column_label(required)
                ));
            }
        }
        if kind == TableKind::ReviewMeetings
            && !self.columns.contains_key("REVIEW_DATE")
            && !self.columns.contains_key("CANCELLED")
        {
            return Some(
                "review meetings need a column for REVIEW_DATE (the date held) or CANCELLED".into(),
            );
        }
        for (column, values) in &self.values {
            let Some(codes) = coded_column(kind, column) else {
                return Some(format!(
                    "values are given for {column}, which is not a coded column of the {} table",
                    kind.plain_name()
                ));
            };
            for (found, code) in values {
                if !codes.accepts(code) {
                    return Some(format!(
                        "the value \"{found}\" of {column} is given as \"{code}\", which is not \
                         one of {}",
                        codes.describe()
                    ));
                }
            }
        }
        None
    }

    /// The code a value of a coded column means (`None` when the mapping does not say).
    /// Values are compared trimmed and without regard to case.
    pub fn code_for<'a>(&'a self, column: &str, value: &str) -> Option<&'a str> {
        let value = value.trim();
        self.values
            .get(column)?
            .iter()
            .find(|(found, _)| found.trim().eq_ignore_ascii_case(value) || found.trim() == value)
            .map(|(_, code)| code.as_str())
    }
}

/// The columns a mapping must give for a table (the table's required columns).
pub fn required_columns(kind: TableKind) -> &'static [&'static str] {
    kind.required_columns()
}

/// A heading as compared: upper-cased, only `A-Z` and `0-9` kept (`" Child_ID "` is `CHILDID`).
pub fn normalise(heading: &str) -> String {
    heading
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The codes a coded column takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codes {
    /// `CANCELLED`: `Y` (cancelled) or `N` (held).
    Cancelled,
    /// `MOTHER`, `FATHER`: a parent's part in the review.
    Parent,
    /// `STAGE`: any stage name (the dispute stage list decides its rank).
    Stage,
    /// `ROLE`: `IRO`, or `OTHER` for any other professional.
    Role,
}

impl Codes {
    /// Each code with what it means, in the order the page offers them.
    pub fn choices(self, settings: &IroSettings) -> Vec<(String, String)> {
        let pairs: Vec<(&str, &str)> = match self {
            Codes::Cancelled => vec![("Y", "Cancelled"), ("N", "Held (not cancelled)")],
            Codes::Parent => PARENT_CODES.to_vec(),
            Codes::Role => vec![("IRO", "An IRO"), ("OTHER", "Not an IRO")],
            Codes::Stage => {
                let mut out: Vec<(String, String)> = settings
                    .stage_keys()
                    .into_iter()
                    .map(|k| (k.clone(), stage_label(&k)))
                    .collect();
                // Leaving a value unmapped keeps it as found: a stage outside the list.
                out.push((String::new(), "Not in the stage list (other stage)".into()));
                return out;
            }
        };
        pairs
            .into_iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect()
    }

    fn accepts(self, code: &str) -> bool {
        match self {
            Codes::Cancelled => matches!(code, "Y" | "N"),
            Codes::Parent => PARENT_CODES.iter().any(|(c, _)| *c == code),
            Codes::Role => matches!(code, "IRO" | "OTHER"),
            Codes::Stage => !code.trim().is_empty() && code.len() <= 100,
        }
    }

    fn describe(self) -> String {
        match self {
            Codes::Cancelled => "Y or N".into(),
            Codes::Parent => "ATTENDED, VIEWS, NONE, NA or blank".into(),
            Codes::Role => "IRO or OTHER".into(),
            Codes::Stage => "a stage name of up to 100 characters".into(),
        }
    }
}

/// The parent participation codes of MEASURES.md section 7.1, with their meaning; blank is
/// "not recorded".
pub const PARENT_CODES: [(&str, &str); 5] = [
    ("ATTENDED", "Attended the review"),
    ("VIEWS", "Did not attend; gave views"),
    ("NONE", "Invited; took no part"),
    ("NA", "Not applicable"),
    ("", "Not recorded"),
];

/// A dispute stage key in a manager's words: `head_of_service` is "Head of service".
pub fn stage_label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The codes of a coded column of `kind`, or `None` for any other column.
pub fn coded_column(kind: TableKind, column: &str) -> Option<Codes> {
    match (kind, column) {
        (TableKind::ReviewMeetings, "CANCELLED") => Some(Codes::Cancelled),
        (TableKind::ReviewMeetings, "MOTHER" | "FATHER") => Some(Codes::Parent),
        (TableKind::Disputes, "STAGE") => Some(Codes::Stage),
        (TableKind::IroAllocations, "ROLE") => Some(Codes::Role),
        _ => None,
    }
}

/// A canonical column in a manager's words, for the mapping step and messages.
pub fn column_label(column: &str) -> &'static str {
    match column {
        "CHILD" => "the child's ID",
        "DOB" => "date of birth",
        "REVIEW_ID" => "the review meeting's ID",
        "DUE_DATE" => "date the review was due",
        "REVIEW_DATE" => "date the review was held (blank if not held)",
        "CANCELLED" => "whether the review was cancelled",
        "CANCELLED_DATE" => "date the review was cancelled",
        "CHAIR" => "the IRO who chaired it (their ID)",
        "RECORD_COMPLETED" => "date the review record was completed and sent out",
        "MOTHER" => "the mother's part in the review",
        "FATHER" => "the father's part in the review",
        "IRO" => "the IRO's ID",
        "START" => "start date",
        "END" => "end date (the last day; blank if still current)",
        "ROLE" => "the professional's role",
        "NAME" => "the IRO's name",
        "FTE" => "full-time equivalent (1 = full time)",
        "RAISED" => "date the dispute (or this stage) was raised",
        "STAGE" => "the stage of the dispute process",
        "DISPUTE_ID" => "the dispute's ID (shared by its stages)",
        "RESOLVED" => "date resolved (blank if open)",
        "CATEGORY" => "what the dispute was about",
        "CONTACT_DATE" => "date of the contact",
        "TYPE" => "kind of contact (visit, call...)",
        "DOLO_START" => "date the order started",
        "DOLO_END" => "date the order ended (blank if in force)",
        "GROUP" => "ethnic group",
        "CHILDREN" => "number of children",
        _ => "",
    }
}

/// One file (or sheet) as the mapping step shows it: its headings, the first values and the
/// distinct values of each column. Made by the importers ([`crate::import`]); it holds cell
/// values (child IDs among them), so it lives in memory only, never in storage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// The file's name.
    pub file: String,
    /// The file, or the file and sheet (as the report's inputs name it).
    pub source: String,
    /// The table it was read as, when it was recognised or mapped.
    pub table: Option<TableKind>,
    /// The row the headings are on (a spreadsheet's row number).
    pub header_row: u32,
    pub columns: Vec<ColumnPreview>,
    /// Rows below the header row.
    pub rows: u64,
}

/// How many values of each column a preview shows.
pub const EXAMPLES: usize = 3;
/// How many distinct values of a column a preview keeps (enough for any coded column).
pub const DISTINCT: usize = 30;
/// How many columns of a file a preview shows.
pub const PREVIEW_COLUMNS: usize = 100;

/// One column of a [`Preview`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnPreview {
    /// The heading as written.
    pub heading: String,
    /// The first non-blank values (up to [`EXAMPLES`]).
    pub examples: Vec<String>,
    /// The distinct values, blank included, in the order first found (up to [`DISTINCT`]).
    pub values: Vec<String>,
    /// Whether there are more distinct values than `values` holds (not a coded column).
    pub more_values: bool,
    /// How many of its non-blank values read as dates.
    pub dates: u64,
    /// How many values are not blank.
    pub filled: u64,
}

impl ColumnPreview {
    /// Takes one more value (already trimmed).
    pub fn add(&mut self, value: &str) {
        if !value.is_empty() {
            self.filled += 1;
            if parse_date(value).is_ok() {
                self.dates += 1;
            }
            if self.examples.len() < EXAMPLES {
                self.examples.push(crate::model::shorten(value, 40));
            }
        }
        if self.more_values || self.values.iter().any(|v| v == value) {
            return;
        }
        if self.values.len() == DISTINCT {
            self.more_values = true;
        } else {
            self.values.push(crate::model::shorten(value, 60));
        }
    }

    /// Whether most of its values are dates.
    pub fn is_dates(&self) -> bool {
        self.filled > 0 && self.dates * 2 > self.filled
    }
}

/// Words in headings that suggest each column, with weights; compared on normalised headings.
fn clues(column: &str) -> &'static [(&'static str, i32)] {
    match column {
        "CHILD" => &[
            ("CHILD", 4),
            ("PERSON", 4),
            ("CLIENT", 4),
            ("YOUNGPERSON", 4),
            ("SUBJECT", 2),
            ("PUPIL", 2),
            ("ID", 1),
            ("REF", 1),
        ],
        "REVIEW_ID" => &[
            ("REVIEWID", 6),
            ("MEETINGID", 6),
            ("REVIEWREF", 6),
            ("MEETINGREF", 6),
            ("EVENTID", 4),
        ],
        "DUE_DATE" => &[("DUE", 6), ("TARGET", 3), ("SCHEDULED", 3)],
        "REVIEW_DATE" => &[
            ("REVIEWDATE", 6),
            ("MEETINGDATE", 6),
            ("DATEOFREVIEW", 6),
            ("DATEOFMEETING", 6),
            ("HELD", 5),
            ("ACTUAL", 3),
        ],
        "CANCELLED" => &[("CANCEL", 6), ("STATUS", 3), ("OUTCOME", 3)],
        "CANCELLED_DATE" => &[("CANCELLEDDATE", 8), ("CANCELDATE", 8), ("CANCELLEDON", 8)],
        "CHAIR" => &[("CHAIR", 8), ("IRO", 2)],
        "RECORD_COMPLETED" => &[
            ("RECORD", 4),
            ("MINUTES", 5),
            ("DISTRIBUT", 5),
            ("SENT", 3),
            ("SIGNED", 3),
            ("COMPLETED", 2),
        ],
        "MOTHER" => &[("MOTHER", 8), ("MUM", 6), ("MATERNAL", 6)],
        "FATHER" => &[("FATHER", 8), ("DAD", 6), ("PATERNAL", 6)],
        "IRO" => &[
            ("IRO", 6),
            ("WORKER", 4),
            ("PROFESSIONAL", 4),
            ("OFFICER", 4),
            ("STAFF", 3),
            ("ALLOCATED", 2),
        ],
        "START" => &[
            ("START", 6),
            ("FROM", 4),
            ("BEGIN", 4),
            ("ALLOCATEDON", 4),
            ("COMMENCED", 4),
        ],
        "END" => &[
            ("END", 6),
            ("UNTIL", 4),
            ("TO", 1),
            ("CEASED", 4),
            ("FINISH", 4),
            ("LEFT", 3),
        ],
        "ROLE" => &[("ROLE", 8), ("TYPE", 2), ("JOB", 3)],
        "NAME" => &[("NAME", 8)],
        "FTE" => &[("FTE", 8), ("FULLTIME", 6), ("HOURS", 4), ("EQUIVALEN", 5)],
        "RAISED" => &[
            ("RAISED", 8),
            ("OPENED", 5),
            ("LOGGED", 5),
            ("ESCALATED", 3),
            ("START", 2),
        ],
        "STAGE" => &[("STAGE", 8), ("LEVEL", 5), ("ESCALATION", 3)],
        "DISPUTE_ID" => &[
            ("DISPUTEID", 8),
            ("DISPUTEREF", 8),
            ("CASEID", 3),
            ("ISSUEID", 5),
            ("ESCALATIONID", 5),
        ],
        "RESOLVED" => &[("RESOLVED", 8), ("RESOLUTION", 6), ("CLOSED", 5)],
        "CATEGORY" => &[("CATEGORY", 8), ("ISSUE", 3), ("REASON", 3), ("CONCERN", 3)],
        "CONTACT_DATE" => &[("CONTACTDATE", 8), ("VISITDATE", 6), ("CONTACT", 3)],
        "TYPE" => &[("TYPE", 6), ("METHOD", 5), ("MODE", 4)],
        "DOB" => &[("DOB", 8), ("BIRTH", 6)],
        "DOLO_START" => &[("DOLOSTART", 8), ("ORDERSTART", 6), ("START", 3)],
        "DOLO_END" => &[("DOLOEND", 8), ("ORDEREND", 6), ("END", 3)],
        "GROUP" => &[("GROUP", 5), ("ETHNIC", 6)],
        "CHILDREN" => &[
            ("CHILDREN", 6),
            ("COUNT", 5),
            ("NUMBER", 5),
            ("POPULATION", 5),
            ("PUPILS", 5),
            ("TOTAL", 3),
        ],
        _ => &[],
    }
}

/// Whether a canonical column holds dates.
fn is_date(column: &str) -> bool {
    TableKind::is_date_column(column)
}

/// How well a file column suits a canonical column (higher is better; 0 or less: not at all).
fn score(kind: TableKind, column: &str, c: &ColumnPreview) -> i32 {
    let h = normalise(&c.heading);
    if h.is_empty() {
        return 0;
    }
    if h == normalise(column) {
        return 100;
    }
    let mut s: i32 = clues(column)
        .iter()
        .filter(|(w, _)| h.contains(w))
        .map(|&(_, n)| n)
        .sum();
    if s == 0 {
        return 0;
    }
    // The values must fit: a date column holds dates, an ID or code column does not.
    if c.filled > 0 {
        let dated = c.is_dates();
        if is_date(column) != dated {
            s -= 6;
        } else {
            s += 2;
        }
    }
    if coded_column(kind, column).is_some() && c.more_values {
        s -= 4;
    }
    s
}

/// For each canonical column of `kind` (in [`TableKind::columns`] order), the file column
/// that most likely holds it: best-scoring pairs first, each file column used once.
pub fn guess_columns(kind: TableKind, columns: &[ColumnPreview]) -> Vec<Option<usize>> {
    let canon = kind.columns();
    let mut pairs: Vec<(i32, usize, usize)> = Vec::new();
    for (k, column) in canon.iter().enumerate() {
        for (i, c) in columns.iter().enumerate() {
            let s = score(kind, column, c);
            if s > 0 {
                pairs.push((s, k, i));
            }
        }
    }
    // Highest score first; ties go to the earlier canonical column, then the earlier file column.
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![None; canon.len()];
    let mut used = vec![false; columns.len()];
    for (_, k, i) in pairs {
        if out[k].is_none() && !used[i] {
            out[k] = Some(i);
            used[i] = true;
        }
    }
    out
}

/// The mappable table a file most likely is: the one whose required columns are best guessed
/// (each required column found counts three, any other one), `None` when no table has its
/// required columns.
pub fn guess_table(columns: &[ColumnPreview]) -> Option<TableKind> {
    let mut best: Option<(i32, TableKind)> = None;
    for kind in MAPPABLE {
        let guess = guess_columns(kind, columns);
        let canon = kind.columns();
        let found = |c: &str| {
            canon
                .iter()
                .position(|x| *x == c)
                .is_some_and(|i| guess[i].is_some())
        };
        if !kind.required_columns().iter().all(|c| found(c)) {
            continue;
        }
        if kind == TableKind::ReviewMeetings && !found("REVIEW_DATE") && !found("CANCELLED") {
            continue;
        }
        let points: i32 = canon
            .iter()
            .zip(&guess)
            .filter(|(_, g)| g.is_some())
            .map(|(c, _)| {
                if kind.required_columns().contains(c) {
                    3
                } else {
                    1
                }
            })
            .sum();
        if best.is_none_or(|(p, _)| points > p) {
            best = Some((points, kind));
        }
    }
    best.map(|(_, k)| k)
}

/// The code a value of a coded column most likely means (`None`: no guess).
pub fn guess_value(codes: Codes, value: &str, settings: &IroSettings) -> Option<String> {
    let v = normalise(value);
    let has = |w: &str| v.contains(w);
    let code = match codes {
        Codes::Cancelled => {
            if has("CANCEL") || matches!(v.as_str(), "Y" | "YES" | "TRUE" | "1") {
                "Y"
            } else {
                "N"
            }
        }
        Codes::Parent => {
            if v.is_empty() || has("NOTRECORDED") || has("UNKNOWN") {
                ""
            } else if has("NOTAPPLIC") || v == "NA" || has("DECEASED") || has("NOTINVITED") {
                "NA"
            } else if has("DIDNOT")
                || has("NOTATTEND")
                || has("NONE")
                || has("NOPART")
                || has("DECLIN")
                || has("NOCONTRIB")
            {
                if has("VIEW") || has("CONTRIB") && !has("NOCONTRIB") {
                    "VIEWS"
                } else {
                    "NONE"
                }
            } else if has("ATTEND") || has("PRESENT") || has("INPERSON") {
                "ATTENDED"
            } else if has("VIEW")
                || has("CONTRIB")
                || has("BOOKLET")
                || has("LETTER")
                || has("PHONE")
                || has("ADVOCATE")
                || has("REPORT")
            {
                "VIEWS"
            } else {
                return None;
            }
        }
        Codes::Role => {
            if has("IRO") || has("INDEPENDENTREVIEW") || has("REVIEWINGOFFICER") {
                "IRO"
            } else {
                "OTHER"
            }
        }
        Codes::Stage => {
            let keys = settings.stage_keys();
            let plain: Vec<String> = keys.iter().map(|k| normalise(k)).collect();
            // A stage named in the value (the longest name found, so "informal" is not read as
            // "formal"), else "stage N" as the Nth stage.
            let named = plain
                .iter()
                .enumerate()
                .filter(|(_, k)| !k.is_empty() && v.contains(k.as_str()))
                .max_by_key(|(_, k)| k.len())
                .map(|(i, _)| i);
            let numbered = || {
                let digits: String = v
                    .strip_prefix("STAGE")
                    .or_else(|| v.strip_prefix("LEVEL"))?
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse::<usize>().ok()?.checked_sub(1)
            };
            let head = || {
                (has("HEAD") || has("HOS"))
                    .then(|| plain.iter().position(|k| k == "HEADOFSERVICE"))
                    .flatten()
            };
            return match named.or_else(numbered).or_else(head) {
                Some(i) if i < keys.len() => Some(keys[i].clone()),
                _ => None,
            };
        }
    };
    Some(code.to_string())
}

/// A first mapping for a file: the guessed table (or `kind`), its columns, and a guess for
/// every value of its coded columns.
pub fn guess_mapping(
    kind: Option<TableKind>,
    preview: &Preview,
    settings: &IroSettings,
) -> TableMapping {
    let Some(kind) = kind
        .or(preview.table)
        .or_else(|| guess_table(&preview.columns))
    else {
        return TableMapping::default();
    };
    let mut mapping = TableMapping {
        table: Some(kind),
        ..TableMapping::default()
    };
    for (column, found) in kind
        .columns()
        .iter()
        .zip(guess_columns(kind, &preview.columns))
    {
        let Some(i) = found else { continue };
        let c = &preview.columns[i];
        mapping
            .columns
            .insert(column.to_string(), c.heading.clone());
        if let Some(codes) = coded_column(kind, column) {
            if c.more_values {
                continue;
            }
            let values: BTreeMap<String, String> = c
                .values
                .iter()
                // A blank cell reads as blank (not recorded, not cancelled) whatever is mapped.
                .filter(|v| !v.trim().is_empty())
                .filter_map(|v| Some((v.clone(), guess_value(codes, v, settings)?)))
                .collect();
            if !values.is_empty() {
                mapping.values.insert(column.to_string(), values);
            }
        }
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(heading: &str, values: &[&str]) -> ColumnPreview {
        let mut c = ColumnPreview {
            heading: heading.into(),
            ..ColumnPreview::default()
        };
        for v in values {
            c.add(v);
        }
        c
    }

    fn meetings() -> TableMapping {
        TableMapping {
            table: Some(TableKind::ReviewMeetings),
            columns: [("CHILD", "Person Ref"), ("REVIEW_DATE", "Meeting date")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .into_iter()
                .collect(),
            values: BTreeMap::new(),
        }
    }

    #[test]
    fn a_profile_written_is_read_back_the_same() {
        let mut mapping = meetings();
        mapping.values.insert(
            "MOTHER".into(),
            [("Attended in person".to_string(), "ATTENDED".to_string())]
                .into_iter()
                .collect(),
        );
        let profile = Profile {
            tables: vec![mapping],
            settings: Some(IroSettings::default()),
            child_population: Some(SavedPopulation {
                source: "school census".into(),
                white: 900,
                mixed: 50,
                asian: 30,
                black: 15,
                other: 5,
            }),
        };
        let json = profile.to_json();
        assert!(
            json.starts_with("{\n  \"careboard_mapping_profile\": 1,"),
            "{json}"
        );
        assert_eq!(Profile::from_json("p.json", json.as_bytes()), Ok(profile));
    }

    #[test]
    fn a_damaged_or_wrong_profile_gets_a_message_naming_the_file_and_what_is_wrong() {
        let why = |text: &str| {
            Profile::from_json("p.json", text.as_bytes())
                .unwrap_err()
                .to_string()
        };
        assert!(why("{\"careboard_mapping_profile\": 1, \"tables\": [")
            .starts_with("\"p.json\" is not a mapping profile Careboard can use: it is not JSON text, or is cut short (line 1"));
        assert!(why("{\"year_ending\": \"2024-03-31\"}").contains("some other JSON file"));
        assert!(why("[1,2]").contains("not an object"));
        assert!(why("{\"careboard_mapping_profile\": 7}").contains("newer Careboard (format 7)"));
        assert!(why("{\"careboard_mapping_profile\": 1, \"tabels\": []}")
            .contains("unknown field `tabels`"));
        assert!(why(
            r#"{"careboard_mapping_profile": 1, "tables": [{"table": "episodes", "columns": {}}]}"#
        )
        .contains("mapping 1: the episodes of care table is recognised by its own headings"));
        assert!(why(r#"{"careboard_mapping_profile": 1, "tables": [{"table": "iro_allocations", "columns": {"CHILD": "a", "IRO": "b"}}]}"#)
            .contains("needs a column for START (start date)"));
        assert!(why(r#"{"careboard_mapping_profile": 1, "tables": [{"table": "review_meetings", "columns": {"CHILD": "a", "REVIEW_DATE": "b"}, "values": {"MOTHER": {"x": "MAYBE"}}}]}"#)
            .contains("the value \"x\" of MOTHER is given as \"MAYBE\", which is not one of ATTENDED, VIEWS, NONE, NA or blank"));
        assert!(why(r#"{"careboard_mapping_profile": 1, "tables": [{"table": "review_meetings", "columns": {"CHILD": "a", "REVIEW_DATE": "a"}}]}"#)
            .contains("given for two columns"));
        assert!(why(
            r#"{"careboard_mapping_profile": 1, "settings": {"record_deadline_working_days": 0}}"#
        )
        .contains("its settings: the record deadline must be from 1 to 100"));
        assert!(why("\u{0}\u{1}binary").contains("not JSON"));
        assert!(Profile::from_json("p.json", &[0xFF, 0xFE, 0])
            .unwrap_err()
            .reason
            .contains("not text"));
        assert!(why(&" ".repeat(PROFILE_MAX_BYTES + 1)).contains("a profile is a few KB"));
    }

    #[test]
    fn headings_and_values_suggest_the_table_and_its_columns() {
        let file = [
            column("Person Ref", &["C1", "C2"]),
            column("Meeting Date", &["01/05/2024", ""]),
            column("Outcome", &["Held", "Cancelled"]),
            column("Chaired By", &["W12", "W13"]),
            column(
                "Mum",
                &["Attended in person", "Did not attend - views via advocate"],
            ),
            column("Minutes sent", &["20/05/2024", ""]),
        ];
        assert_eq!(guess_table(&file), Some(TableKind::ReviewMeetings));
        let guess = guess_columns(TableKind::ReviewMeetings, &file);
        // CHILD, REVIEW_ID, DUE_DATE, REVIEW_DATE, CANCELLED, CANCELLED_DATE, CHAIR,
        // RECORD_COMPLETED, MOTHER, FATHER
        assert_eq!(
            guess,
            vec![
                Some(0),
                None,
                None,
                Some(1),
                Some(2),
                None,
                Some(3),
                Some(5),
                Some(4),
                None
            ]
        );
        let s = IroSettings::default();
        let parent = |v: &str| guess_value(Codes::Parent, v, &s);
        assert_eq!(parent("Attended in person").as_deref(), Some("ATTENDED"));
        assert_eq!(
            parent("Did not attend - views via advocate").as_deref(),
            Some("VIEWS")
        );
        assert_eq!(parent("Did not attend").as_deref(), Some("NONE"));
        assert_eq!(parent("Not applicable").as_deref(), Some("NA"));
        assert_eq!(parent("").as_deref(), Some(""));
        assert_eq!(
            guess_value(Codes::Cancelled, "Cancelled", &s).as_deref(),
            Some("Y")
        );
        assert_eq!(
            guess_value(Codes::Cancelled, "Held", &s).as_deref(),
            Some("N")
        );
        let stage = |v: &str| guess_value(Codes::Stage, v, &s);
        assert_eq!(stage("Stage 1 - Informal").as_deref(), Some("informal"));
        assert_eq!(stage("Formal (team manager)").as_deref(), Some("formal"));
        assert_eq!(stage("Level 4").as_deref(), Some("director"));
        assert_eq!(stage("HoS").as_deref(), Some("head_of_service"));
        assert_eq!(stage("Ombudsman"), None);
        assert_eq!(
            guess_value(Codes::Role, "Independent Reviewing Officer", &s).as_deref(),
            Some("IRO")
        );
        assert_eq!(
            guess_value(Codes::Role, "Social Worker", &s).as_deref(),
            Some("OTHER")
        );
    }

    #[test]
    fn values_are_matched_trimmed_and_without_regard_to_case() {
        let mut m = meetings();
        m.values.insert(
            "CANCELLED".into(),
            [("Cancelled".to_string(), "Y".to_string())]
                .into_iter()
                .collect(),
        );
        assert_eq!(m.code_for("CANCELLED", " CANCELLED "), Some("Y"));
        assert_eq!(m.code_for("CANCELLED", "Held"), None);
        assert_eq!(m.code_for("MOTHER", "Cancelled"), None);
    }

    #[test]
    fn a_preview_column_keeps_three_examples_and_thirty_distinct_values() {
        let mut c = ColumnPreview::default();
        for i in 0..40 {
            c.add(&format!("v{}", i % 35));
        }
        c.add("");
        assert_eq!(c.examples, ["v0", "v1", "v2"]);
        assert_eq!(c.values.len(), DISTINCT);
        assert!(c.more_values);
        assert_eq!(c.filled, 40);
        assert!(!c.is_dates());
    }
}

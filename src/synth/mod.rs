//! Reproducible synthetic 903 exports: a council's (or all of England's) children in care over
//! several years, written as CSV, XLSX or XML as a council would export them.
//!
//! The generator simulates children starting and leaving care (ssda903-notes.md section 6 for
//! the mixes), builds each period of care from a legal-status timeline and a placement timeline,
//! schedules statutory reviews (section 3.6), and then injects a small, counted share of messy
//! rows for the importers to reject or warn about. Everything is drawn from the crate's own
//! PRNG, so the same [`SynthConfig`] gives the same bytes on every platform, forever.
//!
//! It depends on [`crate::model::TableKind`] (column order) and [`crate::geo`] (postcode
//! sectors), never on the importers or the measures, and prints nothing.

mod calendar;
pub mod local;
mod messy;
mod places;
mod rng;
mod simulate;
mod write;

use crate::model::TableKind;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthConfig {
    /// About this many children looked after at 31 March of `year_ending` (short-break children
    /// excluded, as in every count). 150 is a small council; 85,000 is all of England.
    pub children: u32,
    /// The same seed (with the same other fields) gives byte-identical files.
    pub seed: u64,
    /// The collection year, ending 31 March of this year. The export is taken on 6 May after it.
    pub year_ending: i32,
    /// Whole years of history simulated before the collection year. Every child looked after
    /// at any time since 1 April of `year_ending - 1 - history_years` is in the export, with all
    /// of their episodes (even those before that date, as councils' exports hold them).
    pub history_years: u32,
}

impl Default for SynthConfig {
    /// A mid-sized council: 1,000 children at 31 March 2025, five years of history.
    fn default() -> Self {
        SynthConfig {
            children: 1_000,
            seed: 903,
            year_ending: 2025,
            history_years: 5,
        }
    }
}

/// The file format of [`files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SynthFormat {
    /// One RFC 4180 file per table (`header.csv`, `episodes.csv`, ...), CRLF line ends.
    Csv,
    /// One workbook `ssda903.xlsx`, one sheet per table named as the table.
    Xlsx,
    /// One `ssda903.xml` in the DfE `EXPSSDA903` structure (ssda903-notes.md section 4.1).
    Xml,
}

/// The cells of one row, in the table's canonical column order ([`TableKind::columns`]).
pub trait SynthRow {
    /// The table the row belongs to.
    const KIND: TableKind;
    /// The row's cell texts, as written. Episodes give the first 13 canonical columns
    /// (`CHILD`..`URN`): councils' own CSVs have no `PL_DISTANCE`, `PL_LA` or `PL_LOCATION`.
    fn cells(&self) -> Vec<&str>;
}

/// The columns a generated table is written with: the canonical ones, less the three DfE-side
/// distance columns for episodes.
pub fn written_columns(kind: TableKind) -> &'static [&'static str] {
    let all = kind.columns();
    if kind == TableKind::Episodes {
        &all[..13]
    } else {
        all
    }
}

macro_rules! row_type {
    ($(#[$doc:meta])* $name:ident, $kind:expr, { $($(#[$fdoc:meta])* $field:ident),+ $(,)? }) => {
        $(#[$doc])*
        ///
        /// Every cell is the text as written: dates are `dd/mm/yyyy` (or deliberately messy), a
        /// blank cell is an empty string.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct $name {
            $(
                #[doc = concat!("The cell of column `", stringify!($field), "` (upper-cased in the file).")]
                $(#[$fdoc])*
                pub $field: String,
            )+
        }

        impl SynthRow for $name {
            const KIND: TableKind = $kind;
            fn cells(&self) -> Vec<&str> {
                vec![$(self.$field.as_str()),+]
            }
        }
    };
}

row_type!(
    /// One row of the header table: one per child who appears in any table.
    HeaderRow, TableKind::Header, {
        child, sex, dob, ethnic,
        /// 13 characters, or an unknown-UPN code `UN1`..`UN5`.
        upn,
        /// `1`/`0` for girls aged 12 or more; blank otherwise.
        mother, mc_dob,
    }
);

row_type!(
    /// One episode of care, `[DECOM, DEC)`; `DEC` and `REC` blank while open at the export date.
    EpisodeRow, TableKind::Episodes, {
        child, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change,
        home_post, pl_post, urn,
    }
);

row_type!(
    /// One statutory review and the child's participation code.
    ReviewRow, TableKind::Reviews, { child, dob, review, review_code }
);

row_type!(
    /// One unaccompanied asylum-seeking child; `DUC` (date UASC status ceased) blank while
    /// still UASC at the export date.
    UascRow, TableKind::Uasc, { child, sex, dob, duc }
);

row_type!(
    /// One care leaver whose 17th to 21st birthday fell in the collection year.
    Oc3Row, TableKind::Oc3, { child, dob, in_touch, activ, accom }
);

row_type!(
    /// One missing (`M`) or away-without-authorisation (`A`) episode; `MIS_END` blank when
    /// unresolved at the export date.
    MissingRow, TableKind::Missing, { child, dob, missing, mis_start, mis_end }
);

row_type!(
    /// One social-worker episode (table collected from 2023-24).
    SwEpisodeRow, TableKind::SwEpisodes, { child, dob, sw_id, sw_decom, sw_dec, sw_reason }
);

/// A generated export: every table's rows, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SynthExport {
    /// The collection year the export was generated for.
    pub year_ending: i32,
    /// `header.csv`: one row per child (plus injected duplicates).
    pub header: Vec<HeaderRow>,
    /// `episodes.csv`: every episode of every child, whole history, child by child.
    pub episodes: Vec<EpisodeRow>,
    /// `reviews.csv`: every statutory review, child by child, in date order.
    pub reviews: Vec<ReviewRow>,
    /// `uasc.csv`: one row per child who was ever UASC.
    pub uasc: Vec<UascRow>,
    /// `oc3.csv`: care leavers whose 17th-21st birthday fell in the collection year.
    pub oc3: Vec<Oc3Row>,
    /// `missing.csv`: missing and away episodes while in care, from the history start.
    pub missing: Vec<MissingRow>,
    /// Empty when `year_ending` is before 2024 (the table began in 2023-24).
    pub sw_episodes: Vec<SwEpisodeRow>,
    messy: Vec<(String, usize)>,
}

impl SynthExport {
    /// What messy rows were injected, in plain words, with their counts (zero kinds omitted).
    /// Each kind is listed once, in a fixed order.
    pub fn messy_summary(&self) -> Vec<(String, usize)> {
        self.messy.clone()
    }

    /// Number of rows over every table (messy rows included).
    pub fn total_rows(&self) -> usize {
        self.header.len()
            + self.episodes.len()
            + self.reviews.len()
            + self.uasc.len()
            + self.oc3.len()
            + self.missing.len()
            + self.sw_episodes.len()
    }
}

/// Generates the export for a configuration. Deterministic; linear in time and memory in the
/// number of children (England scale, 85,000 at 31 March with five years of history, takes a
/// few seconds in release mode).
pub fn generate(config: &SynthConfig) -> SynthExport {
    let mut export = simulate::simulate(config);
    messy::inject(&mut export, config.seed);
    export
}

/// The files of an export: `(file name, bytes)`. CSV: one file per table; XLSX: one workbook
/// `ssda903.xlsx`; XML: one `ssda903.xml`.
///
/// Writing goes to memory and cannot fail for want of space; the zip writer could only fail
/// on a misuse (a repeated entry name, an oversized entry not declared as such), which the
/// writer rules out. Were it to happen anyway, the workbook is replaced by a file
/// `ssda903.xlsx.error.txt` saying why, rather than an empty or partial workbook.
pub fn files(export: &SynthExport, format: SynthFormat) -> Vec<(String, Vec<u8>)> {
    match format {
        SynthFormat::Csv => write::csv_files(export),
        SynthFormat::Xlsx => match write::xlsx(export) {
            Ok(bytes) => vec![("ssda903.xlsx".to_string(), bytes)],
            Err(e) => vec![(
                "ssda903.xlsx.error.txt".to_string(),
                format!("The workbook could not be written: {e}\r\n").into_bytes(),
            )],
        },
        SynthFormat::Xml => vec![("ssda903.xml".to_string(), write::xml(export))],
    }
}

/// The IRO service's local exports for `export` (made from `config`) as CSV files in `shape`,
/// with, for a case-management system's shape, the mapping profile that reads them
/// (`careboard-profile.json`).
pub fn local_files(
    config: &SynthConfig,
    export: &SynthExport,
    shape: local::LocalShape,
) -> Vec<(String, Vec<u8>)> {
    let generated = local::generate(config, export);
    let mut out: Vec<(String, Vec<u8>)> = local::tables(&generated, shape)
        .into_iter()
        .map(|(name, rows)| {
            let mut bytes = Vec::new();
            for row in &rows {
                write::csv_line(&mut bytes, row.iter().map(String::as_str));
            }
            (name, bytes)
        })
        .collect();
    if shape != local::LocalShape::Canonical {
        out.push((
            "careboard-profile.json".to_string(),
            local::profile(shape).to_json().into_bytes(),
        ));
    }
    out
}

#[cfg(test)]
mod tests;

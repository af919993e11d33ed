//! What the page's web worker holds between messages: the files dropped so far, the dataset
//! built from them, and the options chosen. Pure Rust (no browser types), so the whole
//! conversation between page and worker is tested natively; `ui::worker` only moves bytes.
//!
//! The page sends a [`Request`] (as JSON, with the dropped `File`s alongside) and receives
//! [`Response`]s: progress while files are read, then the [`Outcome`].

use serde::{Deserialize, Serialize};

use crate::measures::calendar::ReportingYear;
use crate::measures::{default_year, make_report};
use crate::model::{Dataset, Date};
use crate::report::Report;
use crate::settings::Settings;
use crate::synth::{self, SynthConfig, SynthFormat};

/// The sample council's size: children looked after at 31 March.
pub const SAMPLE_CHILDREN: u32 = 600;
/// The sample council's seed: the same sample every time.
pub const SAMPLE_SEED: u64 = 2025;

/// What the page asks of the worker. Files to add travel beside the request, not in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Add the files sent with this request to those already loaded.
    Add,
    /// Replace everything loaded with the built-in synthetic council.
    Sample,
    /// Forget every file.
    Clear,
    /// Recompute with these options.
    Options(Options),
}

/// The reporting year and the MEASURES.md options.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// `None`: the default year of MEASURES.md section 0.
    pub year: Option<i32>,
    pub settings: Settings,
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and hears requests from now on (anything sent before this is
    /// held back by the page until it arrives).
    Listening,
    /// Work under way: `step` of `steps`, with what is being done in plain words.
    Progress {
        message: String,
        step: u32,
        steps: u32,
    },
    /// The result of a request.
    Ready(Box<Outcome>),
}

/// The state of the report after a request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The report, when the files loaded so far make one.
    pub report: Option<Report>,
    /// Why there is no report, in a manager's words (`None` when nothing is loaded yet).
    pub error: Option<String>,
    /// The files loaded, in the order given, with their sizes in bytes.
    pub files: Vec<(String, u64)>,
    /// Whether what is loaded is the built-in synthetic council.
    pub sample: bool,
    /// Years the data can report on (31 March of the year), latest first.
    pub years: Vec<i32>,
    /// The year MEASURES.md section 0 chooses.
    pub default_year: Option<i32>,
    /// Things to tell the user about this request (a file given twice, ...).
    pub notices: Vec<String>,
    /// Every council the page can compare with, for its picker.
    pub councils: Vec<CouncilChoice>,
}

/// A council in the page's picker.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilChoice {
    /// DfE's three-digit code.
    pub code: String,
    pub name: String,
    pub region: String,
}

/// Every council of DfE's published figures, by name.
pub fn council_choices() -> Vec<CouncilChoice> {
    let mut all: Vec<CouncilChoice> = crate::dfe::councils()
        .iter()
        .map(|c| CouncilChoice {
            code: c.code.to_string(),
            name: c.name.to_string(),
            region: c.region.to_string(),
        })
        .collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

/// The worker's state.
#[derive(Default)]
pub struct Session {
    files: Vec<(String, Vec<u8>)>,
    data: Option<Dataset>,
    options: Options,
    sample: bool,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// Carries out a request. `files` are the files sent with [`Request::Add`] (ignored
    /// otherwise); `progress` hears of each step of a long request.
    pub fn handle(
        &mut self,
        request: Request,
        files: Vec<(String, Vec<u8>)>,
        progress: &mut dyn FnMut(Response),
    ) -> Outcome {
        let mut notices = Vec::new();
        match request {
            Request::Add => {
                if self.sample {
                    // Real files never mix with the synthetic council.
                    self.files.clear();
                    self.sample = false;
                    notices.push("The sample data was set aside for your files.".to_string());
                }
                for (name, bytes) in files {
                    if self.files.iter().any(|(n, b)| *n == name && *b == bytes) {
                        notices.push(format!(
                            "{name} was already loaded, so it was not added a second time."
                        ));
                    } else {
                        self.files.push((name, bytes));
                    }
                }
                self.rebuild(progress);
            }
            Request::Sample => {
                progress(Response::Progress {
                    message: "Making the sample council's export".to_string(),
                    step: 1,
                    steps: 3,
                });
                self.files = sample_files();
                self.sample = true;
                self.options.year = None;
                self.rebuild(progress);
            }
            Request::Clear => {
                self.files.clear();
                self.data = None;
                self.sample = false;
                self.options.year = None;
            }
            Request::Options(options) => self.options = options,
        }
        if self.data.is_some() {
            progress(Response::Progress {
                message: "Working out the figures".to_string(),
                step: 3,
                steps: 3,
            });
        }
        let mut outcome = self.outcome();
        outcome.notices = notices;
        outcome
    }

    fn rebuild(&mut self, progress: &mut dyn FnMut(Response)) {
        progress(Response::Progress {
            message: format!("Reading {}", plural(self.files.len(), "file")),
            step: 2,
            steps: 3,
        });
        let files: Vec<(&str, &[u8])> = self
            .files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        self.data = Some(crate::import::load(&files));
    }

    /// The report and everything the page shows beside it, for the files and options held.
    pub fn outcome(&self) -> Outcome {
        let files = self
            .files
            .iter()
            .map(|(n, b)| (n.clone(), b.len() as u64))
            .collect();
        let Some(data) = &self.data else {
            return Outcome {
                files,
                councils: council_choices(),
                ..Outcome::default()
            };
        };
        let (report, error) = match make_report(data, self.options.year, &self.options.settings) {
            Ok(report) => (Some(report), None),
            Err(e) => (None, Some(sentence(&e.to_string()))),
        };
        Outcome {
            report,
            error,
            files,
            sample: self.sample,
            years: years(data),
            default_year: default_year(data),
            notices: Vec::new(),
            councils: council_choices(),
        }
    }
}

/// The built-in synthetic council, as CSV files named as a council's export would be.
pub fn sample_files() -> Vec<(String, Vec<u8>)> {
    let export = synth::generate(&SynthConfig {
        children: SAMPLE_CHILDREN,
        seed: SAMPLE_SEED,
        ..SynthConfig::default()
    });
    synth::files(&export, SynthFormat::Csv)
        .into_iter()
        .map(|(name, bytes)| (format!("sample-{name}"), bytes))
        .collect()
}

/// Every year from the one holding the earliest episode or review date to the default year,
/// latest first: the years a manager may choose.
pub fn years(data: &Dataset) -> Vec<i32> {
    let Some(last) = default_year(data) else {
        return Vec::new();
    };
    let earliest: Option<Date> = data
        .episodes
        .iter()
        .map(|e| e.decom)
        .chain(data.reviews.iter().map(|r| r.date))
        .min();
    let first = earliest.map_or(last, ReportingYear::containing).min(last);
    (first..=last).rev().collect()
}

/// A message with a capital letter and a full stop.
fn sentence(s: &str) -> String {
    let mut chars = s.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

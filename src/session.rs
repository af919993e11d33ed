//! What the page's web worker holds between messages: the files dropped so far, the dataset
//! built from them, and the options chosen. Pure Rust (no browser types), so the whole
//! conversation between page and worker is tested natively; `ui::worker` only moves bytes.
//!
//! The page sends a [`Request`] (as JSON, with the dropped `File`s alongside: [`envelope`]
//! names the two parts) and receives [`Response`]s: progress through the [`Step`]s while files
//! are read, then the [`Outcome`]. What goes wrong travels as a typed [`Problem`], which the
//! page words for its users.

use std::borrow::Cow;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::import::Input;
use crate::mapping::{Preview, Profile};
use crate::measures::calendar::ReportingYear;
use crate::measures::{dates_span, default_year_for, make_report, ReportError};
use crate::model::Dataset;
use crate::report::{ChildLists, Report};
use crate::settings::Settings;
use crate::synth::{self, SynthConfig, SynthFormat};

/// The sample council's size: children looked after at 31 March.
pub const SAMPLE_CHILDREN: u32 = 600;
/// The sample council's seed: the same sample every time.
pub const SAMPLE_SEED: u64 = 2025;

/// The two parts of a message from the page to the worker, one definition for both sides.
pub mod envelope {
    /// The [`super::Request`], as JSON text.
    pub const REQUEST: &str = "request";
    /// The `File`s to add: handles that travel unserialised (the worker reads their bytes).
    pub const FILES: &str = "files";
    /// The page's first message to a worker: the `MessagePort` through which the worker asks
    /// the page to read a file's next piece while it splits one. An ask is an array: its
    /// number, the `File`, where the piece starts and how many bytes it has; the page's answer,
    /// the number and the bytes (an `ArrayBuffer`, or null when they could not be read).
    pub const READER: &str = "reader";
}

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
    /// Read the files held again with these column mappings (the page's mapping step, or a
    /// profile loaded). The profile's settings are not applied here: they travel as options.
    Profile(Profile),
}

/// The reporting year and the MEASURES.md options.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// `None`: the default year of MEASURES.md section 0.
    pub year: Option<i32>,
    pub settings: Settings,
}

/// What the worker tells the page.
///
/// Tagged inside the object (`{"kind":"ready",...}`), as [`Request`] is. Tagged beside its
/// content instead (`"data"`), serde can read a message without first copying it into a tree
/// of every value, but the page's module grew by 48 KB gzipped for it, against a saving of a
/// few milliseconds a message (README "Speed"): not kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and hears requests from now on (anything sent before this is
    /// held back by the page until it arrives).
    Listening,
    /// Work under way: which step, with what is being done in plain words.
    Progress { message: String, step: Step },
    /// The worker starts on this file (opening it, or reading it into tables). Should the
    /// worker die before it names another file or gives its outcome, this file is why: the
    /// page sets it aside and has a new worker read the others again.
    Reading { file: String },
    /// Part of the child-level lists of the report about to be [`Response::Ready`]: the worker
    /// sends them before it, in parts, and the page puts them back into that report (see
    /// [`ChildLists`]), so that no one message takes long to read on the page.
    Lists(Box<ChildLists>),
    /// The warm-up's outcome (see [`warm_up`]), a small synthetic council's: the page reads it
    /// and presents its report once, then drops it, so that the browser has compiled that code
    /// before the user's first report. It is never shown.
    Rehearsal(Box<Outcome>),
    /// The result of a request.
    Ready(Box<Outcome>),
}

/// The steps of a request that reads files, in order: progress reads "step n of [`Step::COUNT`]".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Opening the files given (or making the sample's).
    Opening,
    /// Reading them into tables.
    Reading,
    /// Working out the figures.
    Computing,
}

impl Step {
    /// How many steps there are.
    pub const COUNT: u32 = 3;

    /// The step's number, 1 to [`Step::COUNT`].
    pub fn number(self) -> u32 {
        match self {
            Step::Opening => 1,
            Step::Reading => 2,
            Step::Computing => 3,
        }
    }
}

/// Why a request gave no report. Typed, so that each front end words it for its own user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    /// The files loaded make no report.
    NoReport(ReportError),
    /// The worker could not read the page's message (the page and worker are out of step).
    UnreadableRequest,
    /// The browser cannot read files in the background.
    NoFileReader,
}

/// The state of the report after a request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The report, when the files loaded so far make one (shared, never copied, on the page).
    pub report: Option<Rc<Report>>,
    /// Why there is no report (`None` when nothing is loaded yet).
    pub problem: Option<Problem>,
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
    /// Each file (sheet) that needs the mapping step: not recognised, or a local table that
    /// lacks a required column. Its headings and first values, never its rows.
    #[serde(default)]
    pub to_map: Vec<Preview>,
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

/// A file the user gave, as the worker holds it between requests: its name and size, and its
/// bytes read again each time the files are read (a file added, a mapping changed). The page's
/// files are browser `File` handles, so the worker keeps no copy of an export's bytes: at England
/// scale that was about 200 MB held for the whole session, beside everything read from them.
pub trait HeldFile {
    fn name(&self) -> &str;
    fn size(&self) -> u64;
    /// The bytes as they are now; `None` when they can no longer be read (the file was moved,
    /// deleted or changed since it was given, or another program has it locked).
    fn read(&self) -> Option<Vec<u8>>;
    /// The file as the import reads it: whole, or a big one a piece at a time
    /// ([`crate::import::Input`]); `None` as for [`HeldFile::read`].
    fn open(&self) -> Option<Input<'_>> {
        self.read().map(|bytes| Input::Bytes(Cow::Owned(bytes)))
    }
}

/// A file whose bytes are in memory: the sample council's, and the tests'.
pub struct InMemory {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl HeldFile for InMemory {
    fn name(&self) -> &str {
        &self.name
    }
    fn size(&self) -> u64 {
        self.bytes.len() as u64
    }
    fn read(&self) -> Option<Vec<u8>> {
        Some(self.bytes.clone())
    }
    fn open(&self) -> Option<Input<'_>> {
        Some(Input::Bytes(Cow::Borrowed(&self.bytes)))
    }
}

/// Files whose bytes are in memory, as the [`Session`] takes them.
pub fn in_memory(files: Vec<(String, Vec<u8>)>) -> Vec<Box<dyn HeldFile>> {
    files
        .into_iter()
        .map(|(name, bytes)| Box::new(InMemory { name, bytes }) as Box<dyn HeldFile>)
        .collect()
}

/// Whether two files given hold the same bytes under the same name (the same file given twice).
/// Only files of the same name and size are read to compare, so this costs nothing in the usual
/// case; a file that cannot be read is not the same as any other.
fn same_file(a: &dyn HeldFile, b: &dyn HeldFile) -> bool {
    a.name() == b.name()
        && a.size() == b.size()
        && matches!((a.read(), b.read()), (Some(x), Some(y)) if x == y)
}

/// The worker's state.
#[derive(Default)]
pub struct Session {
    files: Vec<Box<dyn HeldFile>>,
    data: Option<Dataset>,
    /// Previews of the files and sheets that need mapping, made with `data`.
    to_map: Vec<Preview>,
    options: Options,
    profile: Profile,
    sample: bool,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// Carries out a request. `files` are the files sent with [`Request::Add`] (ignored
    /// otherwise); `progress` hears of each step of a long request. For files in memory or on
    /// disk, which are never waited for; the page's worker, whose files are read in the
    /// background, calls [`Session::handle_reading`].
    pub fn handle(
        &mut self,
        request: Request,
        files: Vec<Box<dyn HeldFile>>,
        progress: &mut dyn FnMut(Response),
    ) -> Outcome {
        crate::import::now(self.handle_reading(request, files, progress))
    }

    /// [`Session::handle`], waiting (without blocking) wherever a file's next piece is not
    /// read yet ([`crate::import::Source::ready`]).
    pub async fn handle_reading(
        &mut self,
        request: Request,
        files: Vec<Box<dyn HeldFile>>,
        progress: &mut dyn FnMut(Response),
    ) -> Outcome {
        let mut notices = Vec::new();
        if self.take(request, files, progress, &mut notices) {
            self.rebuild(progress, &mut notices).await;
        }
        if self.data.is_some() {
            progress(Response::Progress {
                message: "Working out the figures".to_string(),
                step: Step::Computing,
            });
        }
        let mut outcome = self.outcome();
        outcome.notices = notices;
        outcome
    }

    /// Carries out `request` up to reading the files: whether they are to be read (again).
    fn take(
        &mut self,
        request: Request,
        files: Vec<Box<dyn HeldFile>>,
        progress: &mut dyn FnMut(Response),
        notices: &mut Vec<String>,
    ) -> bool {
        match request {
            Request::Add => {
                if self.sample {
                    // Real files never mix with the synthetic council.
                    self.files.clear();
                    self.sample = false;
                    notices.push("The sample data was set aside for your files.".to_string());
                }
                for file in files {
                    if self.files.iter().any(|held| same_file(&**held, &*file)) {
                        notices.push(format!(
                            "{} was already loaded, so it was not added a second time.",
                            file.name()
                        ));
                    } else {
                        self.files.push(file);
                    }
                }
                true
            }
            Request::Sample => {
                progress(Response::Progress {
                    message: "Making the sample council's export".to_string(),
                    step: Step::Opening,
                });
                self.files = in_memory(sample_files());
                self.sample = true;
                self.options.year = None;
                true
            }
            Request::Clear => {
                self.files.clear();
                self.data = None;
                self.to_map.clear();
                self.sample = false;
                self.options.year = None;
                false
            }
            Request::Options(options) => {
                self.options = options;
                false
            }
            Request::Profile(profile) => {
                self.profile = profile;
                !self.files.is_empty()
            }
        }
    }

    /// Reads every file held, one at a time, each file's bytes dropped once it is read into
    /// tables. A file that can no longer be read is let go, and `notices` say so.
    async fn rebuild(&mut self, progress: &mut dyn FnMut(Response), notices: &mut Vec<String>) {
        let count = self.files.len();
        let names: Vec<&str> = self.files.iter().map(|f| f.name()).collect();
        let mut unreadable = Vec::new();
        let files = &self.files;
        let mut read = |i: usize| {
            let input = files.get(i)?.open();
            if input.is_none() {
                unreadable.push(i);
            }
            input
        };
        let mut started = 0;
        let (data, previews) =
            crate::import::load_mapped_lazily(&names, &mut read, &self.profile, &mut |name| {
                started += 1;
                progress(Response::Progress {
                    message: format!("Reading {name} ({started} of {count})"),
                    step: Step::Reading,
                });
                // Told before the file is opened: should it stop the worker, the page knows
                // which file to set aside.
                progress(Response::Reading {
                    file: name.to_string(),
                })
            })
            .await;
        for i in unreadable.into_iter().rev() {
            let file = self.files.remove(i);
            notices.push(format!(
                "{} could not be opened, so it was left out. Is it still on this computer, \
                 unchanged since you added it, and not open in another program? Add it again \
                 to include it.",
                file.name()
            ));
        }
        // A sheet that gave a table needs no mapping; one that gave none does.
        self.to_map = previews
            .into_iter()
            .filter(|p| !data.inputs.iter().any(|i| i.source == p.source))
            .collect();
        self.data = Some(data);
    }

    /// The report and everything the page shows beside it, for the files and options held.
    pub fn outcome(&self) -> Outcome {
        let files = self
            .files
            .iter()
            .map(|f| (f.name().to_string(), f.size()))
            .collect();
        let Some(data) = &self.data else {
            return Outcome {
                files,
                councils: council_choices(),
                ..Outcome::default()
            };
        };
        // Latest first: the default year leads, when there is one.
        let years = years(data);
        let default_year = years.first().copied();
        let year = self.options.year.or(default_year);
        let (report, problem) = match make_report(data, year, &self.options.settings) {
            Ok(report) => (Some(Rc::new(report)), None),
            Err(e) => (None, Some(Problem::NoReport(e))),
        };
        Outcome {
            report,
            problem,
            files,
            sample: self.sample,
            years,
            default_year,
            notices: Vec::new(),
            councils: council_choices(),
            to_map: self.to_map.clone(),
        }
    }
}

/// What the page's worker does once as it starts, before a user's files can arrive: a small
/// synthetic council's report made, with and without a council to compare with, and turned
/// into the JSON the page is sent. So the embedded tables (postcodes, DfE's figures, the
/// headings understood) are parsed, and the browser has compiled the code a report runs (it
/// compiles WebAssembly a function at a time, when first called), while the user is still
/// choosing files rather than after. Gives the outcome with a council chosen, for the page's
/// own rehearsal ([`Response::Rehearsal`]); nothing of it is kept here. `None` if either
/// report was not made (a warm-up that made none would have warmed little).
pub fn warm_up() -> Option<Outcome> {
    let export = synth::generate(&SynthConfig {
        children: WARM_UP_CHILDREN,
        seed: SAMPLE_SEED,
        ..SynthConfig::default()
    });
    let files = in_memory(synth::files(&export, SynthFormat::Csv));
    let mut session = Session::new();
    let mut outcome = session.handle(Request::Add, files, &mut |_| {});
    let compared = Options {
        settings: Settings {
            la: council_choices().first().map(|c| c.code.clone()),
            ..Settings::default()
        },
        ..Options::default()
    };
    let with_council = session.handle(Request::Options(compared), Vec::new(), &mut |_| {});
    let made = outcome.report.is_some() && with_council.report.is_some();
    if let Some(report) = outcome.report.as_mut().and_then(Rc::get_mut) {
        let lists = report.take_lists();
        let _ = serde_json::to_vec(&Response::Lists(Box::new(lists)));
    }
    let _ = serde_json::to_vec(&Response::Ready(Box::new(outcome)));
    made.then_some(with_council)
}

/// The warm-up's council: enough children for every table and breakdown to have rows.
const WARM_UP_CHILDREN: u32 = 40;

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
    let Some((earliest, latest)) = dates_span(data) else {
        return Vec::new();
    };
    let Some(last) = default_year_for(latest) else {
        return Vec::new();
    };
    let first = ReportingYear::containing(earliest).min(last);
    (first..=last).rev().collect()
}

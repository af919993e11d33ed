//! The page's state and its reducer: what the page shows follows from one [`Status`] (empty,
//! working, ready, stopped) plus the year chosen and the remembered settings. Pure Rust with no
//! browser or Yew type, so every transition is tested natively; `app` hands actions to it.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::mapping::TableMapping;
use crate::present::{Section, SectionId, Targets};
use crate::session::{Outcome, Response, Step};
use crate::settings::Settings;

/// A value shared behind an `Rc` and compared by pointer: the page hands the report (and what
/// is made from it) around without copying it, and never compares it field by field.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What the page remembers between visits (local storage): settings and column mappings
/// only, never a file, a figure or a child's ID.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    pub publication: bool,
    pub settings: Settings,
    /// Targets for the headline figures.
    #[serde(default)]
    pub targets: Targets,
    /// The column mappings made in the mapping step or loaded from a profile.
    #[serde(default)]
    pub mappings: Vec<TableMapping>,
}

/// Work under way, as the progress bar shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// What is being done, in plain words.
    pub message: String,
    /// The worker's step; `None` while the request has not reached it yet.
    pub step: Option<Step>,
}

impl Progress {
    /// The bar's value: the step's number, 0 before the first.
    pub fn value(&self) -> u32 {
        self.step.map_or(0, Step::number)
    }
}

/// Why the page can do no more until it is reloaded: the worker that reads the files is gone,
/// and no one file can be blamed (a file that kills it is set aside instead: [`Action::SetAside`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The browser would not start the worker.
    WorkerDidNotStart,
    /// The worker stopped while on no file of the user's (working out the figures, or making
    /// the sample).
    WorkerStopped,
}

/// Where the page stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    /// Nothing loaded and nothing under way.
    #[default]
    Empty,
    /// The worker is at a request; what it gave before stays on the page meanwhile.
    Working {
        progress: Progress,
        shown: Option<Shared<Outcome>>,
    },
    /// The worker's answer to the last request.
    Ready(Shared<Outcome>),
    /// The worker is gone; what it gave before stays on the page.
    Stopped {
        stop: Stop,
        shown: Option<Shared<Outcome>>,
    },
}

/// The report's state as the page marks it (`#report[data-state]`), for the tests and the
/// speed benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportState {
    Empty,
    Working,
    Ready,
}

impl ReportState {
    /// `empty`, `working` or `ready`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::Empty => "empty",
            ReportState::Working => "working",
            ReportState::Ready => "ready",
        }
    }
}

impl Status {
    /// The worker's last answer, shown on the page.
    pub fn shown(&self) -> Option<&Shared<Outcome>> {
        match self {
            Status::Empty => None,
            Status::Ready(outcome) => Some(outcome),
            Status::Working { shown, .. } | Status::Stopped { shown, .. } => shown.as_ref(),
        }
    }

    /// Whether a request is under way (the controls wait for it).
    pub fn busy(&self) -> bool {
        matches!(self, Status::Working { .. })
    }

    /// The report's state for `#report[data-state]`.
    pub fn report_state(&self) -> ReportState {
        match self {
            Status::Working { .. } => ReportState::Working,
            _ if self.shown().is_some_and(|o| o.report.is_some()) => ReportState::Ready,
            _ => ReportState::Empty,
        }
    }
}

/// Everything the page shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub status: Status,
    /// The reporting year chosen on the page; `None` for the data's default year.
    pub year: Option<i32>,
    pub remembered: Remembered,
    /// Files that stopped the worker, in the order they did: each was set aside and the other
    /// files read again by a new worker. Named until all files are removed or the sample is
    /// loaded.
    pub set_aside: Vec<String>,
    /// The drafted narratives the user edited, for this session only.
    pub narratives: NarrativeEdits,
}

/// The narratives the user edited on the page, by section, in the page's memory only (never
/// stored): forgotten when the page is closed, and when the figures or the way they are
/// shown change (a new report, year, publication mode or targets), so an edit never carries
/// old figures, or a small count typed outside publication mode, into a new paper.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NarrativeEdits(Vec<(SectionId, Vec<String>)>);

impl NarrativeEdits {
    /// The user's paragraphs for `section`, when edited.
    pub fn get(&self, section: SectionId) -> Option<&[String]> {
        self.0
            .iter()
            .find(|(id, _)| *id == section)
            .map(|(_, text)| text.as_slice())
    }

    /// Every edited section with its paragraphs, as the committee paper takes them.
    pub fn as_slice(&self) -> &[(SectionId, Vec<String>)] {
        &self.0
    }

    /// Keeps `text` for `section`, or with `None` goes back to the draft.
    fn set(&mut self, section: SectionId, text: Option<Vec<String>>) {
        self.0.retain(|(id, _)| *id != section);
        if let Some(text) = text {
            self.0.push((section, text));
        }
    }
}

/// The paragraphs of a text typed in the narrative's box: separated by blank lines, each
/// paragraph's lines joined by a space, surrounding spaces trimmed, empty ones dropped.
pub fn paragraphs_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// What can happen to the page's state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The worker said something.
    Heard(Response),
    /// A request went to the worker: what the page says meanwhile.
    Asked(String),
    /// All files were removed (the request to forget them went to the worker).
    Cleared,
    Year(Option<i32>),
    Publication(bool),
    Settings(Settings),
    Targets(Targets),
    /// The column mappings in force (the request to read the files with them went out).
    Mappings(Vec<TableMapping>),
    /// The worker is gone.
    Stopped(Stop),
    /// The user's text for a section's narrative, or `None` to go back to the draft.
    Narrative {
        section: SectionId,
        text: Option<Vec<String>>,
    },
    /// The worker died while on this file: the file was set aside and a new worker is reading
    /// the others again.
    SetAside(String),
}

impl State {
    /// The narrative of `section` as the page shows it, and as the Word paper is to write it:
    /// the user's edit this session, else the drafted narrative.
    pub fn narrative_for(&self, section: &Section) -> Vec<String> {
        self.narratives
            .get(section.id)
            .map_or_else(|| section.narrative.clone(), <[String]>::to_vec)
    }

    /// The state after `action`.
    pub fn reduce(&self, action: Action) -> State {
        let mut next = self.clone();
        let shown = self.status.shown().cloned();
        // New figures, or figures shown another way: the edits were of the old words.
        if matches!(
            action,
            Action::Heard(Response::Ready(_))
                | Action::Cleared
                | Action::Year(_)
                | Action::Publication(_)
                | Action::Targets(_)
        ) {
            next.narratives = NarrativeEdits::default();
        }
        match action {
            // The bridge keeps track of the file the worker is on; the progress bar has its own
            // messages.
            // The bridge puts the lists back into the report that follows them.
            Action::Heard(
                Response::Listening
                | Response::Reading { .. }
                | Response::Lists(_)
                | Response::Rehearsal(_),
            ) => {}
            Action::Heard(Response::Progress { message, step }) => {
                if !matches!(self.status, Status::Stopped { .. }) {
                    next.status = Status::Working {
                        progress: Progress {
                            message,
                            step: Some(step),
                        },
                        shown,
                    };
                }
            }
            Action::Heard(Response::Ready(outcome)) => {
                if !matches!(self.status, Status::Stopped { .. }) {
                    if outcome.sample {
                        next.set_aside.clear();
                    }
                    next.status = Status::Ready(Shared(Rc::new(*outcome)));
                }
            }
            Action::Asked(message) => {
                next.status = Status::Working {
                    progress: Progress {
                        message,
                        step: None,
                    },
                    shown,
                };
            }
            Action::Cleared => {
                next.year = None;
                next.set_aside.clear();
                next.status = Status::Working {
                    progress: Progress {
                        message: "Clearing".into(),
                        step: None,
                    },
                    shown: None,
                };
            }
            Action::Year(year) => next.year = year,
            Action::Publication(on) => next.remembered.publication = on,
            Action::Settings(settings) => next.remembered.settings = settings,
            Action::Targets(targets) => next.remembered.targets = targets,
            Action::Mappings(mappings) => next.remembered.mappings = mappings,
            Action::Stopped(stop) => next.status = Status::Stopped { stop, shown },
            Action::Narrative { section, text } => next.narratives.set(section, text),
            Action::SetAside(file) => {
                if !next.set_aside.contains(&file) {
                    next.set_aside.push(file);
                }
                next.status = Status::Working {
                    progress: Progress {
                        message: "Reading the other files again".into(),
                        step: None,
                    },
                    shown,
                };
            }
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Request, Session};

    fn with_report() -> Outcome {
        let mut session = Session::new();
        session.handle(Request::Sample, Vec::new(), &mut |_| {})
    }

    #[test]
    fn a_request_shows_progress_then_the_answer_and_keeps_the_old_report_meanwhile() {
        let start = State::default();
        assert_eq!(start.status.report_state(), ReportState::Empty);
        let asked = start.reduce(Action::Asked("Opening 1 file".into()));
        assert!(asked.status.busy());
        assert_eq!(asked.status.report_state(), ReportState::Working);
        let ready = asked.reduce(Action::Heard(Response::Ready(Box::new(with_report()))));
        assert_eq!(ready.status.report_state(), ReportState::Ready);
        let report = ready.status.shown().and_then(|o| o.report.clone());
        // A new request: the report stays on the page, the very same one (no copy).
        let working = ready.reduce(Action::Heard(Response::Progress {
            message: "Reading 7 files".into(),
            step: Step::Reading,
        }));
        match &working.status {
            Status::Working { progress, shown } => {
                assert_eq!(progress.value(), 2);
                let kept = shown.as_ref().and_then(|o| o.report.clone());
                assert!(matches!((&kept, &report), (Some(a), Some(b)) if Rc::ptr_eq(a, b)));
            }
            other => panic!("expected working, got {other:?}"),
        }
    }

    #[test]
    fn clearing_forgets_the_report_and_the_year_and_a_stopped_worker_is_final() {
        let ready = State {
            year: Some(2024),
            ..State::default()
        }
        .reduce(Action::Heard(Response::Ready(Box::new(with_report()))));
        let cleared = ready.reduce(Action::Cleared);
        assert_eq!(cleared.year, None);
        assert!(cleared.status.shown().is_none());
        let empty = cleared.reduce(Action::Heard(Response::Ready(Box::default())));
        assert_eq!(empty.status.report_state(), ReportState::Empty);

        let stopped = ready.reduce(Action::Stopped(Stop::WorkerStopped));
        assert!(!stopped.status.busy());
        assert_eq!(stopped.status.report_state(), ReportState::Ready);
        // Nothing the worker sent before it stopped changes that.
        let late = stopped.reduce(Action::Heard(Response::Ready(Box::default())));
        assert_eq!(late.status, stopped.status);
    }

    #[test]
    fn a_file_that_stopped_the_worker_stays_named_while_the_others_are_read_again() {
        let ready = State::default().reduce(Action::Heard(Response::Ready(Box::default())));
        let restarting = ready.reduce(Action::SetAside("damaged.xlsx".into()));
        assert_eq!(restarting.set_aside, ["damaged.xlsx"]);
        // Not a final stop: the page waits for the new worker's answer.
        assert!(restarting.status.busy());
        let again = restarting
            .reduce(Action::SetAside("damaged.xlsx".into()))
            .reduce(Action::Heard(Response::Ready(Box::default())));
        assert_eq!(again.set_aside, ["damaged.xlsx"]);
        assert!(!again.status.busy());
        // Removing all files, or loading the sample, forgets it.
        assert!(again.reduce(Action::Cleared).set_aside.is_empty());
        let sample = again.reduce(Action::Heard(Response::Ready(Box::new(with_report()))));
        assert!(sample.set_aside.is_empty());
    }

    #[test]
    fn an_edited_narrative_is_shown_until_reset_or_until_the_figures_change() {
        let report = with_report();
        let sections = crate::present::sections(
            report.report.as_ref().expect("the sample's report"),
            crate::present::Presentation::default(),
        );
        let reviews = sections
            .iter()
            .find(|s| s.id == SectionId::Reviews)
            .expect("reviews");
        let ready =
            State::default().reduce(Action::Heard(Response::Ready(Box::new(report.clone()))));
        assert_eq!(ready.narrative_for(reviews), reviews.narrative);
        let edited = ready.reduce(Action::Narrative {
            section: SectionId::Reviews,
            text: Some(vec!["Our words.".into()]),
        });
        assert_eq!(edited.narrative_for(reviews), ["Our words."]);
        // Other sections keep their drafts.
        assert_eq!(edited.narrative_for(&sections[0]), sections[0].narrative);
        // Reset goes back to the draft.
        let reset = edited.reduce(Action::Narrative {
            section: SectionId::Reviews,
            text: None,
        });
        assert_eq!(reset.narrative_for(reviews), reviews.narrative);
        // Publication mode, targets, a year or new figures forget the edits; settings alone
        // (the request that follows brings new figures) and a request under way do not.
        for action in [
            Action::Publication(true),
            Action::Targets(Targets::default()),
            Action::Year(Some(2024)),
            Action::Heard(Response::Ready(Box::new(report.clone()))),
            Action::Cleared,
        ] {
            assert_eq!(
                edited.reduce(action).narrative_for(reviews),
                reviews.narrative
            );
        }
        let asked = edited.reduce(Action::Asked("Reading".into()));
        assert_eq!(asked.narrative_for(reviews), ["Our words."]);
    }

    #[test]
    fn typed_text_becomes_paragraphs_split_at_blank_lines() {
        assert_eq!(
            paragraphs_of("  First line\nsame paragraph. \n\n\n Second.\n"),
            ["First line same paragraph.", "Second."]
        );
        assert!(paragraphs_of(" \n\n ").is_empty());
    }

    #[test]
    fn mappings_are_remembered_and_settings_saved_before_them_still_read() {
        use crate::model::TableKind;
        let mapping = TableMapping {
            table: Some(TableKind::Iros),
            ..TableMapping::default()
        };
        let next = State::default().reduce(Action::Mappings(vec![mapping.clone()]));
        assert_eq!(next.remembered.mappings, [mapping]);
        // What an earlier version remembered has no mappings: it reads as none.
        let settings = serde_json::to_value(Settings::default()).expect("settings");
        let old: Remembered =
            serde_json::from_value(serde_json::json!({"publication": true, "settings": settings}))
                .expect("old settings");
        assert!(old.publication);
        assert!(old.mappings.is_empty());
    }
}

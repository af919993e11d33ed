//! What the page's worker holds, as the page knows it: the files added since the sample was
//! loaded or the files removed, and the last options. When a file kills the worker, this says
//! which files to set aside and what to send a new worker so that it holds the rest. Pure
//! Rust, generic over the page's file handle, so the rules are tested natively; `bridge`
//! keeps one over the browser's `File`s.

use crate::mapping::Profile;
use crate::session::{Options, Request};

/// A file handle the page holds: only its name matters here (the worker names the file it
/// is on).
pub trait Named {
    fn file_name(&self) -> String;
}

/// The requests that made the worker's state, reduced to what a new worker needs.
#[derive(Debug)]
pub struct Held<F> {
    /// The files added since the sample was loaded or the files removed, in order.
    files: Vec<F>,
    /// Whether what is loaded is the sample (made by the worker: nothing to send again).
    sample: bool,
    options: Option<Options>,
    /// The column mappings last sent.
    profile: Profile,
}

impl<F> Default for Held<F> {
    fn default() -> Self {
        Held {
            files: Vec::new(),
            sample: false,
            options: None,
            profile: Profile::default(),
        }
    }
}

/// What to send a new worker: the options and mappings, then the files (none left: the
/// options alone).
#[derive(Debug, PartialEq)]
pub struct Replay<F> {
    pub options: Options,
    pub profile: Profile,
    pub files: Vec<F>,
}

impl<F: Clone + Named> Held<F> {
    /// Notes a request sent to the worker, with the files sent beside it.
    pub fn remember(&mut self, request: &Request, files: &[F]) {
        match request {
            Request::Add => {
                // As the worker does: real files never mix with the sample.
                if self.sample {
                    self.files.clear();
                    self.sample = false;
                }
                self.files.extend_from_slice(files);
            }
            Request::Sample => {
                self.files.clear();
                self.sample = true;
            }
            Request::Clear => {
                self.files.clear();
                self.sample = false;
            }
            Request::Options(options) => self.options = Some(options.clone()),
            Request::Profile(profile) => self.profile = profile.clone(),
        }
    }

    /// The worker died while on `culprit` (`None`: on no file). If that is a file of the
    /// user's, every file of that name is set aside: gives the name and what a new worker
    /// needs. `None` when no file of the user's is to blame (the sample, the figures).
    pub fn set_aside(&mut self, culprit: Option<&str>) -> Option<(String, Replay<F>)> {
        let name = culprit?;
        if self.sample || !self.files.iter().any(|f| f.file_name() == name) {
            return None;
        }
        self.files.retain(|f| f.file_name() != name);
        let replay = Replay {
            options: self.options.clone().unwrap_or_default(),
            profile: self.profile.clone(),
            files: self.files.clone(),
        };
        Some((name.to_string(), replay))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file handle as the browser's: a name, and which copy (two files may share a name).
    #[derive(Clone, Debug, PartialEq)]
    struct Handle(&'static str, u32);

    impl Named for Handle {
        fn file_name(&self) -> String {
            self.0.to_string()
        }
    }

    fn options(year: i32) -> Options {
        Options {
            year: Some(year),
            ..Options::default()
        }
    }

    #[test]
    fn the_file_the_worker_died_on_is_set_aside_and_the_others_sent_again_with_the_options() {
        let mut held = Held::default();
        held.remember(&Request::Options(options(2024)), &[]);
        held.remember(&Request::Add, &[Handle("header.csv", 1)]);
        held.remember(
            &Request::Add,
            &[
                Handle("episodes.csv", 1),
                Handle("damaged.xlsx", 1),
                Handle("reviews.csv", 1),
            ],
        );
        held.remember(&Request::Options(options(2023)), &[]);
        let (name, replay) = held.set_aside(Some("damaged.xlsx")).expect("set aside");
        assert_eq!(name, "damaged.xlsx");
        // The last options, and the files of both requests in order, the culprit left out.
        assert_eq!(
            replay,
            Replay {
                options: options(2023),
                profile: Profile::default(),
                files: vec![
                    Handle("header.csv", 1),
                    Handle("episodes.csv", 1),
                    Handle("reviews.csv", 1)
                ],
            }
        );
        // Should the next worker die on another file, this one stays set aside.
        let (_, again) = held.set_aside(Some("reviews.csv")).expect("set aside");
        assert_eq!(
            again.files,
            [Handle("header.csv", 1), Handle("episodes.csv", 1)]
        );
    }

    #[test]
    fn every_file_of_the_culprits_name_is_set_aside_since_the_worker_names_files_only() {
        let mut held = Held::default();
        held.remember(
            &Request::Add,
            &[Handle("episodes.csv", 1), Handle("header.csv", 1)],
        );
        held.remember(&Request::Add, &[Handle("episodes.csv", 2)]);
        let (_, replay) = held.set_aside(Some("episodes.csv")).expect("set aside");
        assert_eq!(replay.files, [Handle("header.csv", 1)]);
        // No options were sent: the defaults.
        assert_eq!(replay.options, Options::default());
    }

    #[test]
    fn a_death_on_no_file_of_the_users_blames_none() {
        let mut held = Held::default();
        held.remember(&Request::Add, &[Handle("episodes.csv", 1)]);
        // While working out the figures.
        assert!(held.set_aside(None).is_none());
        // On a file the page never sent (a name from an earlier, removed set).
        assert!(held.set_aside(Some("old.csv")).is_none());
        // On the sample's own files.
        held.remember(&Request::Sample, &[]);
        assert!(held.set_aside(Some("sample-episodes.csv")).is_none());
        // Files removed: nothing of theirs is blamed.
        held.remember(&Request::Add, &[Handle("episodes.csv", 1)]);
        held.remember(&Request::Clear, &[]);
        assert!(held.set_aside(Some("episodes.csv")).is_none());
    }

    #[test]
    fn files_added_after_the_sample_replace_it() {
        let mut held = Held::default();
        held.remember(&Request::Sample, &[]);
        held.remember(
            &Request::Add,
            &[Handle("episodes.csv", 1), Handle("header.csv", 1)],
        );
        let (_, replay) = held.set_aside(Some("header.csv")).expect("set aside");
        assert_eq!(replay.files, [Handle("episodes.csv", 1)]);
    }
}

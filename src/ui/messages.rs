//! The page's words for what went wrong: each [`Problem`] the worker reports and each [`Stop`]
//! of the page's own, said for someone using the page (its controls, never a command-line
//! flag). Pure Rust, tested natively.

use super::state::Stop;
use crate::session::Problem;

/// Why there is no report, as the page says it.
pub fn problem(p: &Problem) -> String {
    match p {
        // The plain fact of each report error names nothing of a front end's own.
        Problem::NoReport(e) => sentence(&e.to_string()),
        Problem::UnreadableRequest => {
            "The page and its background reader are out of step. Reload the page and add the \
             files again."
                .into()
        }
        Problem::NoFileReader => "This browser cannot read files in the background. Try \
                                  an up-to-date Chrome, Edge, Firefox or Safari."
            .into(),
    }
}

/// Why the page can do no more, as it says it.
pub fn stop(s: Stop) -> &'static str {
    match s {
        Stop::WorkerDidNotStart => {
            "This browser would not start the page's background reader, so no file can be \
             read. Reload the page; if this happens again, try another browser."
        }
        Stop::WorkerStopped => {
            "The page's background reader stopped unexpectedly while working out the figures. \
             Reload the page and add the files again."
        }
    }
}

/// Why a file was set aside: it stopped the page's background reader (the page then read the
/// other files again without it).
pub fn set_aside(file: &str) -> String {
    format!(
        "{file} stopped the page's background reader, so it was set aside and the other files \
         were read again without it. It may be damaged or too large: open it in Excel, save it \
         again as CSV and add that."
    )
}

/// A message with a capital letter and a full stop.
fn sentence(s: &str) -> String {
    let mut chars = s.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '?']) {
        out.push('.');
    }
    out
}

/// A sentence's first letter in capitals (messages are written to follow a colon).
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::ReportError;

    #[test]
    fn no_message_of_the_page_names_a_command_line_flag() {
        let council = crate::dfe::find_council("Hamshire").expect_err("not a council");
        let all = [
            Problem::NoReport(ReportError::No903Tables),
            Problem::NoReport(ReportError::NoDates),
            Problem::NoReport(ReportError::BadYear(1066)),
            Problem::NoReport(ReportError::UnknownCouncil(council)),
            Problem::UnreadableRequest,
            Problem::NoFileReader,
        ];
        let mut words: Vec<String> = all.iter().map(problem).collect();
        words.extend([Stop::WorkerDidNotStart, Stop::WorkerStopped].map(|s| stop(s).to_string()));
        words.push(set_aside("damaged.xlsx"));
        for w in &words {
            assert!(!w.contains("--"), "{w}");
            assert!(w.ends_with('.') || w.ends_with('?'), "{w}");
        }
        assert_eq!(
            words[1],
            "The files hold no usable episode or review date, so the reporting year cannot be \
             chosen."
        );
    }
}

//! The wording of the plausibility checks (MEASURES.md section 11) for a manager: what each
//! check found, in a sentence with its count, and what to check in the export. The page, the
//! print view and the CLI text all say it in these words; publication mode hides small counts
//! and the example IDs.

use serde::Serialize;

use super::dates::long_date;
use super::{thousands, Presentation, Value};
use crate::report::keys::{Check, Distance, Key};
use crate::report::{QualityCheck, Report};

/// One check that found something, as a manager reads it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Warning {
    pub check: Check,
    /// The check's short title (its label in the vocabulary).
    pub title: String,
    /// What was found, with its count: "468 children looked after on 31 March 2024 were
    /// aged 18 or over."
    pub found: String,
    /// The count in a few words, after the title in the list at the top of the report:
    /// "468 children", "not known for 1,181 of 1,191 children".
    pub summary: String,
    /// What to check in the export, and which figures it affects.
    pub what_to_check: String,
    /// Up to 10 child IDs to start with; empty in publication mode and for checks of the whole
    /// year.
    pub examples: Vec<String>,
}

impl Warning {
    /// The anchor of the warning's details on the page (`check-over-18-in-care`).
    pub fn anchor(&self) -> String {
        format!("check-{}", self.check.json().replace('_', "-"))
    }
}

/// `n` and its noun as shown: "1 child", "468 children", "fewer than 5 children".
fn counted(p: &Presentation, n: u64, one: &str, many: &str) -> String {
    match p.count(n) {
        Value::Count(1) => format!("1 {one}"),
        v => format!("{} {many}", v.display()),
    }
}

/// `text` with its first letter a capital ("Fewer than 5 children ...").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Every check that fired, worded, in the order of `data_quality.checks`.
pub fn warnings(r: &Report, p: &Presentation) -> Vec<Warning> {
    r.data_quality
        .checks
        .iter()
        .map(|c| warning(r, p, c))
        .collect()
}

fn warning(r: &Report, p: &Presentation, c: &QualityCheck) -> Warning {
    let n = c.count;
    let cla = &r.cla_at_31_march;
    let on = long_date(r.year_ending);
    let children = |n| counted(p, n, "child", "children");
    let reviews = |n| counted(p, n, "review", "reviews");
    let rows = |n| counted(p, n, "episode or review", "episodes or reviews");
    // The verb agreeing with a count as shown ("fewer than 5" is plural).
    let is = |n: u64, one: &'static str, many: &'static str| match p.count(n) {
        Value::Count(1) => one,
        _ => many,
    };
    let summary = match c.check {
        Check::Pn0Aged4Plus | Check::Pn17Under4 | Check::VeryLateReviews => reviews(n),
        Check::NoStarters | Check::NoLeavers => {
            format!("none, with {} looked after during the year", children(n))
        }
        Check::FlatMonthEnds => format!("{} at each of the 12 month ends", p.count(n).display()),
        Check::DistanceMostlyUnknown => format!(
            "not known for {} of {}",
            p.count(n).display(),
            children(cla.total)
        ),
        Check::MostOverdue => format!(
            "{} of {} overdue on {on}",
            p.count(n).display(),
            children(cla.total)
        ),
        Check::DatesBeforeBirth | Check::FutureDates => rows(n),
        Check::Over18InCare | Check::OverlappingEpisodes => children(n),
    };
    let (found, what_to_check) = match c.check {
        Check::Over18InCare => (
            format!(
                "{} looked after on {on} {} aged 18 or over.",
                children(n),
                is(n, "was", "were")
            ),
            "A child stops being looked after on their 18th birthday. Check these children's \
             dates of birth, and that their care episodes were closed (with an end date and \
             reason) when they turned 18. They are counted in every figure about children \
             looked after on 31 March, in the \u{201c}16 and over\u{201d} age group."
                .to_string(),
        ),
        Check::Pn0Aged4Plus => (
            format!(
                "{} held in the year {} coded PN0 (\u{201c}child under 4\u{201d}) although the \
                 child was 4 or over.",
                reviews(n),
                is(n, "was", "were")
            ),
            "Check the participation code (REVIEW_CODE) of these reviews and the children's \
             dates of birth. Reviews coded PN0 are left out of the participation figure, so it \
             is worked out from fewer reviews than were held."
                .to_string(),
        ),
        Check::Pn17Under4 => (
            format!(
                "{} of children under 4 {} coded PN1 to PN7, the codes for children aged 4 \
                 or over.",
                reviews(n),
                is(n, "was", "were")
            ),
            "Check the participation code (REVIEW_CODE) of these reviews and the children's \
             dates of birth: reviews of children under 4 are coded PN0. These reviews are \
             counted in the participation figure as if the child were 4 or over."
                .to_string(),
        ),
        Check::NoStarters => (
            format!(
                "No child started to be looked after in the year, although the episodes cover \
                 the whole year ({} looked after during it).",
                children(n)
            ),
            "A council almost always has children coming into care. Check that the export \
             holds the episodes that began in the year (a full history of episodes, not only \
             the children in care on one day). The number who started and the month-end \
             counts depend on it."
                .to_string(),
        ),
        Check::NoLeavers => (
            format!(
                "No child stopped being looked after in the year, although the episodes cover \
                 the whole year ({} looked after during it).",
                children(n)
            ),
            "Check that the export holds the episodes that ended in the year, with their end \
             date (DEC) and reason (REC). The number who left, how they left and the \
             month-end counts depend on it."
                .to_string(),
        ),
        Check::FlatMonthEnds => (
            format!(
                "The number of children looked after was {} at every one of the 12 month ends.",
                p.count(n).display()
            ),
            "Real numbers change from month to month. Check that the export holds the year's \
             starts and ends of care, not only the children open on one day; the month-end \
             chart is flat otherwise."
                .to_string(),
        ),
        Check::DistanceMostlyUnknown => {
            let known = cla.total.saturating_sub(cla.distance[Distance::NotKnown]);
            (
                format!(
                    "Distance from home is not known for {} of the {} looked after on {on}; it \
                     is known for {} ({}).",
                    p.count(n).display(),
                    children(cla.total),
                    p.count(known).display(),
                    p.percent(known, cla.total, 0).display()
                ),
                "Check that home and placement postcodes (HOME_POST and PL_POST) are in the \
                 export and are full postcodes. The distance figures, and the headline of \
                 children placed more than 20 miles from home, cover only the children whose \
                 distance is known."
                    .to_string(),
            )
        }
        Check::VeryLateReviews => {
            let latest = r
                .reviews
                .late_list
                .iter()
                .map(|l| l.days_late)
                .max()
                .unwrap_or(0);
            let worst = if p.publication {
                String::new()
            } else {
                format!(
                    " (the latest {} days after its due date)",
                    thousands(latest as u64)
                )
            };
            (
                format!(
                    "{} held in the year {} more than a year late{worst}.",
                    reviews(n),
                    is(n, "was", "were")
                ),
                "A review this late usually means an earlier review is missing from the export, \
                 or a date was mistyped. Check these children's review dates, and that every \
                 review they had is in the reviews table."
                    .to_string(),
            )
        }
        Check::MostOverdue => (
            format!(
                "{} of the {} looked after on {on} {} overdue a review.",
                p.count(n).display(),
                children(cla.total),
                is(n, "was", "were")
            ),
            "When most children look overdue, reviews are usually missing from the export. \
             Check that the reviews table holds every review up to the end of the year, for \
             every child."
                .to_string(),
        ),
        Check::DatesBeforeBirth => (
            format!(
                "{} {} dated before the child was born.",
                rows(n),
                is(n, "is", "are")
            ),
            "Check these children's dates of birth (DOB) and the start dates (DECOM) of their \
             episodes and the dates of their reviews."
                .to_string(),
        ),
        Check::FutureDates => (
            format!(
                "{} {} dates more than a month after the latest date of the export's other \
                 table.",
                rows(n),
                is(n, "has", "have")
            ),
            "Dates after the export was taken cannot be right. Check these dates: they may be \
             mistyped, or planned dates entered as held."
                .to_string(),
        ),
        Check::OverlappingEpisodes => (
            format!(
                "{} had two care episodes open on the same day.",
                children(n)
            ),
            "Each episode should end (DEC) on or before the day the next one starts. Check \
             these children's episodes: placement moves and stability are counted from them."
                .to_string(),
        ),
    };
    Warning {
        check: c.check,
        title: c.check.label().to_string(),
        summary,
        found: capitalised(&found),
        what_to_check,
        examples: if p.publication {
            Vec::new()
        } else {
            c.examples.clone()
        },
    }
}

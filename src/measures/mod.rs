//! The definitions of MEASURES.md, computed from a [`Dataset`] for one reporting year into the
//! [`Report`] value ([`make_report`] is the door in).
//!
//! Submodules follow the sections: [`cohort`] (1, looked after at 31 March), [`flows`] (2),
//! [`reviews`] (3), [`stability`] (4), [`missing`] and [`care_leavers`] (10, with the rest of
//! section 10 beside the figures it extends), with [`calendar`] and [`care`] (periods of care)
//! under them; [`iro`] the IRO service's own records, Deprivation of Liberty orders and
//! disproportionality (7-9); [`quality`] checks for data that cannot be right (11);
//! [`benchmarks`](mod@benchmarks) sets DfE's published figures beside the council's,
//! [`trend`](mod@trend) the years before; [`years`] walks every child once to count sections 1,
//! 2 and 4 for the report's year and the trend's together. Everything here is pure: no I/O,
//! no browser, no clock. Depends on `model`, `report` (the value it fills), `settings`, `dfe`
//! and `geo`; never on `present` or `ui`.

pub mod benchmarks;
pub mod calendar;
pub mod care;
pub mod care_leavers;
pub mod cohort;
pub mod distance;
pub mod flows;
pub mod iro;
pub mod location;
pub mod missing;
pub mod quality;
pub mod reviews;
pub mod stability;
pub mod trend;
pub mod years;

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Date};
use crate::report::{DataQuality, LaRef, RatePopulation, Report};
use crate::settings::Settings;
use benchmarks::{benchmarks, own_figures, rate_per_10000};
use calendar::{Calendar, ReportingYear};
use care::Care;

/// Why no report could be made from what was loaded. Each front end words it for its own user
/// (the CLI names its flags, the page its controls); [`std::fmt::Display`] gives the plain
/// fact, with no remedy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportError {
    /// No episodes, reviews, header or UASC table was recognised in any file.
    No903Tables,
    /// Tables were found but hold no usable date to choose the year from.
    NoDates,
    /// The year asked for cannot be represented.
    BadYear(i32),
    /// The council chosen is not one DfE publishes figures for.
    UnknownCouncil(crate::dfe::UnknownCouncil),
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::No903Tables => write!(
                f,
                "none of the files given holds a 903 episodes, reviews, header or UASC table"
            ),
            ReportError::NoDates => write!(
                f,
                "the files hold no usable episode or review date, so the reporting year cannot be chosen"
            ),
            ReportError::BadYear(y) => write!(f, "{y} is not a year the report can cover"),
            ReportError::UnknownCouncil(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReportError {}

/// The report for `year` (the year ending 31 March `year`), or for the default year of
/// MEASURES.md section 0 when `year` is `None`.
///
/// With `settings.la` set (a DfE three-digit code, or a council's name in any case) the report
/// also holds `la`, the rate per 10,000, placement location, `benchmarks` and trend rates; an
/// unknown council is [`ReportError::UnknownCouncil`], listing close matches.
pub fn make_report(
    data: &Dataset,
    year: Option<i32>,
    settings: &Settings,
) -> Result<Report, ReportError> {
    if !data.has_903_tables() {
        return Err(ReportError::No903Tables);
    }
    let ending = match year {
        Some(y) => y,
        None => default_year(data).ok_or(ReportError::NoDates)?,
    };
    let year = ReportingYear::ending(ending)
        .filter(|_| (1900..=2200).contains(&ending))
        .ok_or(ReportError::BadYear(ending))?;
    match settings.la.as_deref() {
        Some(query) => {
            let council = crate::dfe::find_council(query).map_err(ReportError::UnknownCouncil)?;
            let settings = Settings {
                la: Some(council.code.to_string()),
                ..settings.clone()
            };
            Ok(compute(data, year, &settings))
        }
        None => Ok(compute(data, year, settings)),
    }
}

/// The default year (MEASURES.md section 0): the latest year whose 31 March is on or before
/// the latest `DECOM`, `DEC` or `REVIEW` date in the data (every usable row, short breaks
/// included: the rule speaks of the data, not of what is counted). `None` when the data holds
/// no such date.
pub fn default_year(data: &Dataset) -> Option<i32> {
    default_year_for(dates_span(data)?.1)
}

/// The default year when `latest` is the data's latest date ([`default_year`]).
pub fn default_year_for(latest: Date) -> Option<i32> {
    // 31 March of the latest date's calendar year is on or before it from 31 March on.
    Some(
        if latest >= Date::from_ymd_opt(chrono::Datelike::year(&latest), 3, 31)? {
            chrono::Datelike::year(&latest)
        } else {
            chrono::Datelike::year(&latest) - 1
        },
    )
}

/// The earliest `DECOM` or `REVIEW` date and the latest `DECOM`, `DEC` or `REVIEW` date of
/// every usable row; `None` when there is none. Plain loops over the dates: the iterators
/// chained and flattened each episode's two dates, which cost the page's worker 13 ms a call
/// at England scale (asked three times for each answer to the page).
pub fn dates_span(data: &Dataset) -> Option<(Date, Date)> {
    let mut span: Option<(Date, Date)> = None;
    let mut add = |first: Date, last: Date| {
        span = Some(span.map_or((first, last), |(a, z)| (a.min(first), z.max(last))));
    };
    for e in &data.episodes {
        add(e.decom, e.dec.map_or(e.decom, |dec| dec.max(e.decom)));
    }
    for r in &data.reviews {
        add(r.date, r.date);
    }
    span
}

/// How many threads the measures share a step between: natively the machine's cores; one in
/// the page's worker, which has no other, so that it does each step whole, as one piece, with
/// nothing to merge after.
pub(crate) fn threads() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// `f` of every item, in order. Natively the items are shared out between the machine's cores
/// (the IRO service figures of the trend's years, the walk's chunks of children, the batches
/// of distances); in the page's worker, which has one thread, they are done one after another.
pub(crate) fn map_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Mutex;
        let threads = threads().min(items.len());
        if threads > 1 {
            // Each thread takes the next item not yet taken, so a slow item holds up no other.
            let next = AtomicUsize::new(0);
            let done: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
            let work = || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                if let Ok(mut slot) = done[i].lock() {
                    *slot = Some(r);
                }
            };
            std::thread::scope(|scope| {
                for _ in 1..threads {
                    scope.spawn(work);
                }
                work();
            });
            // A panicking thread re-panics here through the scope, so every slot is filled;
            // one found empty is computed again rather than trusted to that.
            return done
                .into_iter()
                .zip(items)
                .map(|(slot, item)| slot.into_inner().ok().flatten().unwrap_or_else(|| f(item)))
                .collect();
        }
    }
    items.iter().map(f).collect()
}

/// `a()` and `b()`. Natively `a` runs on a thread of its own while `b` runs on this one; in
/// the page's worker, which has one thread, `a` and then `b`.
pub(crate) fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        if threads() > 1 {
            return std::thread::scope(|scope| {
                let a = scope.spawn(a);
                let b = b();
                // A panic of `a`'s goes on here, as it would have on this thread.
                let a = a.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                (a, b)
            });
        }
    }
    (a(), b())
}

/// Computes the whole report for the year ending 31 March `year`: the figures of MEASURES.md,
/// the trend, and, when `settings.la` names a council (code or name; an unknown one is
/// ignored here, [`make_report`] rejects it), the rate per 10,000, placement
/// location and DfE's published figures to compare with.
pub fn compute(data: &Dataset, year: ReportingYear, settings: &Settings) -> Report {
    let calendar = Calendar::england_and_wales(&settings.extra_bank_holidays);
    let care = Care::new(data);
    let council = settings
        .la
        .as_deref()
        .and_then(|q| crate::dfe::find_council(q).ok());
    let before = trend::years_before(&care, year);
    let walk = years::walk(&care, year, &before, settings);
    // The trend's years, oldest first: the earlier ones, then the report's.
    let trend_years: Vec<ReportingYear> = before.iter().copied().chain([year]).collect();
    // The reviews, the cohorts' distances and the checks that read the data alone want the
    // walk's cohorts and nothing else the others count (about 60, 70 and 35 ms of work at
    // England scale): natively the reviews are on a thread of their own, beside the distances
    // (shared between the cores again) and the checks.
    let cohort = walk.cohort();
    let ((reviews, review_counts), data_checks) = join(
        || reviews::reviews_and_trend(&care, cohort, year, &calendar, &trend_years),
        || {
            walk.work_out_distances(&care);
            quality::data_checks(&care, cohort, year)
        },
    );
    let (report_year, earlier) = walk.figures(&care);
    let (mut report, cohort) = compute_year(&care, &calendar, reviews, report_year, settings);
    report.data_quality.checks = quality::checks(&care, &cohort, year, &report, data_checks);
    if let Some(council) = council {
        let cla = &mut report.cla_at_31_march;
        let population = crate::dfe::table()
            .population(council.code, year.ending)
            .and_then(|(population_year, n)| Some((march_31(population_year)?, n)));
        if let Some((population_year, population)) = population {
            cla.rate_per_10000 = rate_per_10000(cla.total, population);
            cla.rate_population = Some(RatePopulation {
                children_0_to_17: population,
                year_ending: population_year,
            });
        }
        let (location, placed_in) = location::location(&care, &cohort, council);
        cla.location = Some(location);
        cla.placed_in_councils = Some(placed_in);
        report.la = Some(LaRef::of(council));
        report.benchmarks = benchmarks(council, year.ending).map(|mut b| {
            b.this_report = own_figures(&report);
            b
        });
    }
    let census = council.and_then(|c| crate::dfe::table().census_2021(c.code));
    report.disproportionality = iro::disproportionality(
        &report.cla_at_31_march.ethnic_group,
        data.child_population,
        census,
    );
    report.trend = trend::trend(
        &care,
        review_counts,
        &calendar,
        year,
        &earlier,
        settings,
        council,
        &report,
    );
    report
}

/// The figures of MEASURES.md for one year (no comparisons, no trend), with the cohort, from
/// the year's [`years::ReportYear`] and review figures.
pub(crate) fn compute_year(
    care: &Care,
    calendar: &Calendar,
    reviews: crate::report::Reviews,
    report_year: years::ReportYear,
    settings: &Settings,
) -> (Report, Vec<cohort::CohortChild>) {
    let data = care.data;
    let years::ReportYear {
        figures:
            years::YearFigures {
                year,
                cohort,
                cla,
                started,
                started_uasc,
                ceased,
            },
        month_ends,
    } = report_year;
    let iro_service = iro::iro_service(care, calendar, &cohort, year, &settings.iro);
    let mut quality = data_quality(data);
    quality
        .warnings
        .extend(iro::stage_warnings(data, &settings.iro));
    let report = Report {
        year_ending: year.end,
        inputs: data.inputs.clone(),
        cla_at_31_march: cla,
        started,
        started_uasc,
        ceased,
        cla_month_end: month_ends,
        reviews,
        missing: missing::missing(data, year),
        care_leavers: care_leavers::care_leavers(data, year),
        iro_service,
        dolo: iro::dolo(data, year),
        disproportionality: None,
        settings: settings.clone(),
        data_quality: quality,
        la: None,
        benchmarks: None,
        trend: Default::default(),
    };
    (report, cohort)
}

/// 31 March of `year`.
pub(crate) fn march_31(year: i32) -> Option<Date> {
    Date::from_ymd_opt(year, 3, 31)
}

fn data_quality(data: &Dataset) -> DataQuality {
    DataQuality {
        problems: data.problems.clone(),
        rejected: data.rejections().cloned().collect(),
        warnings: data.warnings().cloned().collect(),
        checks: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::map_parallel;

    #[test]
    fn map_parallel_keeps_the_items_order_whatever_thread_finishes_first() {
        // The first items take longest, so on two or more cores later ones finish first.
        let items: Vec<u64> = (1..=9).collect();
        let out = map_parallel(&items, |&n| {
            std::thread::sleep(std::time::Duration::from_millis(10 * (10 - n)));
            n * n
        });
        assert_eq!(out, [1, 4, 9, 16, 25, 36, 49, 64, 81]);
        assert_eq!(map_parallel(&[] as &[u64], |&n| n), Vec::<u64>::new());
    }
}

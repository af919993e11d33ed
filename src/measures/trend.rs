//! The trend: the report's year and each of the four years before it that the data covers,
//! computed with the same definitions as the report (nothing is redefined here).
//!
//! Readings:
//! * A year before the report's year is in the trend when the data's earliest episode start
//!   (`DECOM`, short breaks excluded) is on or before the year's 1 April, i.e. the episode
//!   histories span the whole year. The report's year is always in it.
//! * Review figures are given only for years starting on or after the review coverage start
//!   (MEASURES.md 3.1: 1 April of the year holding the earliest review), so a year is never
//!   shown with half of its reviews.
//! * `own_export` says whether the year's own export was loaded (a file whose latest date
//!   falls in the year after it): without it, the year comes from later exports' histories,
//!   which lack the children who left care before those exports' years.
//! * The rate per 10,000 of each year uses the council's population DfE uses for that year.

use std::collections::BTreeMap;

use super::benchmarks::{percent, rate_per_10000};
use super::calendar::Calendar;
use super::calendar::ReportingYear;
use super::care::Care;
use super::years::YearFigures;
use super::{iro, reviews};
use crate::dfe::{self, Council};
use crate::model::Date;
use crate::report::keys::LeaverGroup;
use crate::report::{Ceased, Change, ClaAt31March, IroService, Report, TrendYear};
use crate::settings::Settings;

/// How many years the trend holds at most, the report's year included.
pub const TREND_YEARS: i32 = 5;

/// The years before `year` that the trend holds, oldest first: of the four before it, those
/// whose 1 April is on or after the data's earliest episode start (see the module notes).
pub fn years_before(care: &Care, year: ReportingYear) -> Vec<ReportingYear> {
    let earliest = care.earliest_start();
    (year.ending - (TREND_YEARS - 1)..year.ending)
        .filter_map(ReportingYear::ending)
        .filter(|y| earliest.is_some_and(|e| e <= y.start))
        .collect()
}

/// The trend ending with `year`, keyed by each year's 31 March; `current` is the report already
/// computed for `year` and `earlier` the figures of the [`years_before`] it (neither is
/// recomputed), `review_counts` the review figures of each of `earlier`'s years and then of
/// `year` ([`reviews::reviews_and_trend`]).
#[allow(clippy::too_many_arguments)]
pub fn trend(
    care: &Care,
    review_counts: Vec<reviews::YearReviews>,
    calendar: &Calendar,
    year: ReportingYear,
    earlier: &[YearFigures],
    settings: &Settings,
    council: Option<&Council>,
    current: &Report,
) -> BTreeMap<Date, TrendYear> {
    // The reviews' coverage is the whole input's, as the report found it.
    let review_coverage = current.reviews.coverage_start;
    let export_years: Vec<i32> = care
        .data
        .exports
        .iter()
        .filter_map(|e| e.latest)
        .filter_map(|d| {
            // The default-year rule of MEASURES.md section 0, for one file.
            let y = ReportingYear::containing(d);
            ReportingYear::ending(y).map(|r| if d == r.end { y } else { y - 1 })
        })
        .collect();
    // Each earlier year's IRO service is independent of the others': worked out side by side.
    let services = super::map_parallel(earlier, |f| {
        iro::iro_service(care, calendar, &f.cohort, f.year, &settings.iro)
    });
    let sources = earlier
        .iter()
        .zip(&services)
        .map(|(f, service)| Source {
            year: f.year,
            cla: &f.cla,
            started: f.started,
            ceased: &f.ceased,
            service,
        })
        .chain([Source::of_report(year, current)]);
    let mut out = BTreeMap::new();
    let mut previous: Option<TrendYear> = None;
    for (source, counted) in sources.zip(review_counts) {
        let Source {
            year: y,
            cla,
            started,
            ceased,
            service,
        } = source;
        let ending = y.ending;
        let (held, on_time, assessable) = (counted.held, counted.on_time, counted.assessable);
        let (total, uasc, three_plus) = (cla.total, cla.uasc, cla.three_plus_placements);
        let reviews_covered = review_coverage.is_some_and(|start| start <= y.start);
        let mut row = TrendYear {
            cla_at_31_march: total,
            rate_per_10000: council
                .and_then(|c| dfe::table().population(c.code, ending))
                .and_then(|(_, population)| rate_per_10000(total, population)),
            started,
            ceased: ceased.total,
            uasc,
            adopted: leavers_in(ceased, LeaverGroup::Adopted),
            sgo: leavers_in(ceased, LeaverGroup::SpecialGuardianshipOrder),
            cao: leavers_in(ceased, LeaverGroup::ChildArrangementsOrder),
            three_plus_placements: three_plus,
            reviews_held: reviews_covered.then_some(held),
            reviews_on_time: reviews_covered.then_some(on_time),
            reviews_assessable: reviews_covered.then_some(assessable),
            reviews_on_time_percent: if reviews_covered {
                percent(on_time, assessable)
            } else {
                None
            },
            age_band: cla.age_band.clone(),
            distance: cla.distance.clone(),
            long_term_stability: cla.long_term_stability.clone(),
            participation: reviews_covered.then_some(counted.participation),
            own_export: export_years.contains(&ending),
            ..TrendYear::default()
        };
        iro::trend_row(&care.data.iro, service, y, &mut row);
        if let Some(p) = &previous {
            row.change = changes(p, &row);
        }
        out.insert(y.end, row.clone());
        previous = Some(row);
    }
    out
}

/// The figures of one year of the trend, whether worked out for it or taken from the report.
struct Source<'r> {
    year: ReportingYear,
    cla: &'r ClaAt31March,
    started: u64,
    ceased: &'r Ceased,
    service: &'r IroService,
}

impl<'r> Source<'r> {
    /// The report's own year, `year`, from the report.
    fn of_report(year: ReportingYear, report: &'r Report) -> Source<'r> {
        Source {
            year,
            cla: &report.cla_at_31_march,
            started: report.started,
            ceased: &report.ceased,
            service: &report.iro_service,
        }
    }
}

/// Leavers whose reason is in one of DfE's groups.
fn leavers_in(ceased: &Ceased, group: LeaverGroup) -> u64 {
    ceased
        .reason
        .iter()
        .filter(|(rec, _)| LeaverGroup::of_code(rec) == group)
        .map(|(_, n)| n)
        .sum()
}

/// The measures of a year by name, for [`Change`]s (absent ones are not compared).
fn measures(y: &TrendYear) -> [(&'static str, Option<u64>); 12] {
    [
        ("cla_at_31_march", Some(y.cla_at_31_march)),
        ("rate_per_10000", y.rate_per_10000),
        ("started", Some(y.started)),
        ("ceased", Some(y.ceased)),
        ("uasc", Some(y.uasc)),
        ("adopted", Some(y.adopted)),
        ("sgo", Some(y.sgo)),
        ("cao", Some(y.cao)),
        ("three_plus_placements", Some(y.three_plus_placements)),
        ("reviews_held", y.reviews_held),
        ("reviews_on_time", y.reviews_on_time),
        ("reviews_on_time_percent", y.reviews_on_time_percent),
    ]
}

/// The change of every measure both years have, from `previous` to `current`.
fn changes(previous: &TrendYear, current: &TrendYear) -> BTreeMap<String, Change> {
    measures(current)
        .into_iter()
        .zip(measures(previous))
        .filter_map(|((name, now), (_, then))| {
            Some((name.to_string(), Change::between(then?, now?)))
        })
        .collect()
}

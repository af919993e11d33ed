//! The IRO service's own figures (MEASURES.md section 7.2), the Deprivation of Liberty orders
//! (section 8) and the comparison with the local population (section 9), from the local
//! tables of [`crate::model::local`].
//!
//! Readings (with the contract, `contract-additions.md`, and the reference's A27-A49):
//! * Allocations whose role is not an IRO role are used for nothing but the as-at date and the
//!   trend's coverage; an allocations file without a role column is all IRO allocations.
//! * An IRO with children but no row in the IROs table is full time and in post. The IROs
//!   counted at a date are those in post with at least one child; a child allocated to two
//!   IROs counts for each.
//! * Caseload figures are kept as exact fractions (FTEs are exact decimals) and rounded last,
//!   halves up, so no figure depends on floating point.
//! * The year's average is the mean of the month ends that have a figure.
//! * A dispute's rows are ordered by `RAISED` (ties: file order); of its highest-stage rows the
//!   last gives its `RESOLVED`; its category is the first given. A stage outside the list ranks
//!   below every listed stage, and each such row gets a warning.
//! * Working days to resolve count the working days after `RAISED` up to and including
//!   `RESOLVED` (resolved the same day: 0).

use std::collections::{BTreeMap, BTreeSet};

use super::calendar::{Calendar, ReportingYear};
use super::care::Care;
use super::cohort::CohortChild;
use crate::model::local::{Fte, IroTables, RowAt};
use crate::model::{ChildIdx, Dataset, Date, Position, RowIssue, Severity, TableKind};
use crate::report::iro::{
    Cancelled, Caseload, CaseloadAt, ComparisonPopulation, Contacts, Disproportionality, Disputes,
    Dolo, GroupComparison, IroCaseload, IroService, Parents, Records, ReviewsChaired, OTHER_STAGE,
};
use crate::report::keys::{Breakdown, EthnicGroup, Key, PopulationGroup};
use crate::report::TrendYear;
use crate::settings::{stage_key, IroSettings};

/// A non-negative fraction, kept reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fraction {
    num: u128,
    den: u128,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Fraction {
    fn new(num: u128, den: u128) -> Fraction {
        let g = gcd(num, den).max(1);
        Fraction {
            num: num / g,
            den: den / g,
        }
    }

    /// Children per full-time equivalent.
    fn per_fte(children: u64, fte: Fte) -> Fraction {
        Fraction::new(
            u128::from(children) * u128::from(Fte::ONE.0),
            u128::from(fte.0),
        )
    }

    /// Rounded to a whole number, halves up.
    fn round(self) -> u64 {
        ((2 * self.num + self.den) / (2 * self.den)) as u64
    }

    fn lt(self, other: Fraction) -> bool {
        self.num * other.den < other.num * self.den
    }

    /// The mean of `all`, exactly while the sum fits (denominators are small: FTEs have few
    /// decimals), else in floating point.
    fn mean(all: &[Fraction]) -> Option<u64> {
        if all.is_empty() {
            return None;
        }
        let mut sum = Fraction::new(0, 1);
        for f in all {
            let den = sum.den / gcd(sum.den, f.den) * f.den;
            let exact = den.checked_mul(1).and_then(|den| {
                let a = sum.num.checked_mul(den / sum.den)?;
                let b = f.num.checked_mul(den / f.den)?;
                Some(Fraction::new(a.checked_add(b)?, den))
            });
            match exact {
                Some(s) if s.den < u128::MAX / 4 => sum = s,
                _ => {
                    let mean = all.iter().map(|f| f.num as f64 / f.den as f64).sum::<f64>()
                        / all.len() as f64;
                    return Some((mean + 0.5).floor() as u64);
                }
            }
        }
        Some(Fraction::new(sum.num, sum.den * all.len() as u128).round())
    }
}

/// `part / whole` as a per cent with one decimal (halves up); `None` when `whole` is 0.
pub fn percent_one_decimal(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| {
        let (p, w) = (u128::from(part), u128::from(whole));
        ((2000 * p + w) / (2 * w)) as f64 / 10.0
    })
}

/// A fraction `num / den` to `places` decimals, halves up.
fn decimals(num: u128, den: u128, places: u32) -> f64 {
    let scale = 10u128.pow(places);
    ((2 * scale * num + den) / (2 * den)) as f64 / scale as f64
}

/// The as-at date: the latest date of an event in the local tables (contract, A49).
pub fn as_at(t: &IroTables) -> Option<Date> {
    let meetings = t.review_meetings.iter().flatten().flat_map(|m| {
        [m.held, m.cancelled_date, m.record_completed]
            .into_iter()
            .flatten()
    });
    let allocations = t.allocations.iter().flatten().map(|a| a.start);
    let disputes = t
        .disputes
        .iter()
        .flatten()
        .flat_map(|d| std::iter::once(d.raised).chain(d.resolved));
    let contacts = t.contacts.iter().flatten().map(|c| c.date);
    meetings
        .chain(allocations)
        .chain(disputes)
        .chain(contacts)
        .max()
}

/// The allocations that are IRO allocations (role column absent, or its value an IRO role).
fn iro_allocations<'a>(
    t: &'a IroTables,
    settings: &IroSettings,
) -> Option<Vec<&'a crate::model::local::Allocation>> {
    let roles: Vec<String> = settings
        .iro_roles
        .iter()
        .map(|r| r.trim().to_ascii_uppercase())
        .filter(|r| !r.is_empty())
        .collect();
    t.allocations.as_ref().map(|all| {
        all.iter()
            .filter(|a| a.role.as_ref().is_none_or(|r| roles.contains(r)))
            .collect()
    })
}

/// `iro_service` for `year` (MEASURES.md section 7.2).
pub fn iro_service(
    care: &Care,
    calendar: &Calendar,
    cohort: &[CohortChild],
    year: ReportingYear,
    settings: &IroSettings,
) -> IroService {
    let t = &care.data.iro;
    let as_at = as_at(t);
    let allocations = iro_allocations(t, settings);
    let held: Vec<&crate::model::local::ReviewMeeting> = t
        .review_meetings
        .iter()
        .flatten()
        .filter(|m| m.held_on().is_some_and(|d| year.contains(d)))
        .collect();
    let reviews_chaired = t.review_meetings.as_ref().map(|_| {
        let mut chaired = ReviewsChaired::default();
        for m in &held {
            match chair(m, allocations.as_deref()) {
                Some(iro) => *chaired.by_iro.entry(iro).or_default() += 1,
                None => chaired.not_known += 1,
            }
        }
        chaired
    });
    let caseload = allocations
        .as_deref()
        .map(|a| caseload(care, a, year, settings, reviews_chaired.as_ref()));
    let records = t.review_meetings.as_ref().map(|_| {
        let n = settings.record_deadline_working_days;
        let mut r = Records {
            deadline_working_days: n,
            ..Records::default()
        };
        for m in &held {
            let Some(date) = m.held_on() else { continue };
            let deadline = calendar.working_days_after(date, n);
            match m.record_completed {
                Some(done) if done <= deadline => r.on_time += 1,
                Some(_) => r.late += 1,
                None if as_at.is_some_and(|a| deadline <= a) => r.overdue += 1,
                None => r.not_yet_due += 1,
            }
        }
        r.percent_on_time = percent_one_decimal(r.on_time, r.on_time + r.late + r.overdue);
        r
    });
    let cancelled = t.review_meetings.as_ref().map(|all| {
        let n = all
            .iter()
            .filter(|m| m.cancelled_on().is_some_and(|d| year.contains(d)))
            .count() as u64;
        let held = held.len() as u64;
        Cancelled {
            cancelled: n,
            held,
            rate_percent: percent_one_decimal(n, held + n),
        }
    });
    let parents = t.review_meetings.as_ref().map(|_| {
        let mut p = Parents {
            held: held.len() as u64,
            ..Parents::default()
        };
        for m in &held {
            let took_part =
                |x: Option<crate::model::local::ParentPart>| x.is_some_and(|x| x.took_part());
            let attended = |x| x == Some(crate::model::local::ParentPart::Attended);
            p.any_parent += u64::from(took_part(m.mother) || took_part(m.father));
            p.attended += u64::from(attended(m.mother) || attended(m.father));
            p.mother += u64::from(took_part(m.mother));
            p.father += u64::from(took_part(m.father));
            p.not_recorded += u64::from(m.mother.is_none() && m.father.is_none());
        }
        p
    });
    let contacts = t.contacts.as_ref().map(|all| {
        let in_year: Vec<_> = all.iter().filter(|c| year.contains(c.date)).collect();
        let seen: BTreeSet<ChildIdx> = in_year.iter().map(|c| c.child).collect();
        Contacts {
            contacts: in_year.len() as u64,
            children_seen: cohort.iter().filter(|c| seen.contains(&c.child)).count() as u64,
            cohort: cohort.len() as u64,
        }
    });
    IroService {
        as_at,
        caseload,
        reviews_chaired,
        records,
        cancelled,
        parents,
        disputes: disputes(t, calendar, year, settings),
        contacts,
    }
}

/// The chair of a held meeting: `CHAIR`, else the IRO allocated to the child on the day
/// (latest `START`, ties the later row); `None`: not known.
fn chair(
    m: &crate::model::local::ReviewMeeting,
    allocations: Option<&[&crate::model::local::Allocation]>,
) -> Option<String> {
    if !m.chair.is_empty() {
        return Some(m.chair.clone());
    }
    let day = m.held_on()?;
    allocations?
        .iter()
        .enumerate()
        .filter(|(_, a)| a.child == m.child && a.covers(day))
        .max_by_key(|(i, a)| (a.start, *i))
        .map(|(_, a)| a.iro.clone())
}

/// Each IRO counted at `d` (in post, with at least one child): children and FTE.
fn counted_at(
    care: &Care,
    allocations: &[&crate::model::local::Allocation],
    d: Date,
    settings: &IroSettings,
) -> BTreeMap<String, (u64, Fte)> {
    let mut children: BTreeMap<&str, BTreeSet<ChildIdx>> = BTreeMap::new();
    for a in allocations.iter().filter(|a| a.covers(d)) {
        if settings.caseload_looked_after_only
            && ((a.child as usize) >= care.child_count() || care.open_at(a.child, d).is_none())
        {
            continue;
        }
        children.entry(&a.iro).or_default().insert(a.child);
    }
    let iros = care.data.iro.iros.as_deref().unwrap_or_default();
    children
        .into_iter()
        .filter_map(|(iro, kids)| {
            let row = iros.iter().find(|r| r.iro == iro);
            if row.is_some_and(|r| !r.in_post(d)) {
                return None;
            }
            let fte = row.map_or(Fte::ONE, |r| r.fte);
            Some((iro.to_string(), (kids.len() as u64, fte)))
        })
        .collect()
}

/// The service's children per FTE over the IROs counted; `None` with none.
fn service_figure(counted: &BTreeMap<String, (u64, Fte)>) -> Option<Fraction> {
    let children: u64 = counted.values().map(|(n, _)| n).sum();
    let fte: u64 = counted.values().map(|(_, f)| f.0).sum();
    (fte > 0).then(|| Fraction::per_fte(children, Fte(fte)))
}

fn caseload(
    care: &Care,
    allocations: &[&crate::model::local::Allocation],
    year: ReportingYear,
    settings: &IroSettings,
    chaired: Option<&ReviewsChaired>,
) -> Caseload {
    let counted = counted_at(care, allocations, year.end, settings);
    let per: Vec<Fraction> = counted
        .values()
        .map(|&(n, f)| Fraction::per_fte(n, f))
        .collect();
    let fifty = Fraction::new(50, 1);
    let seventy = Fraction::new(70, 1);
    let at_year_end = CaseloadAt {
        per_fte: service_figure(&counted).map(Fraction::round),
        lowest: per
            .iter()
            .copied()
            .reduce(|a, b| if b.lt(a) { b } else { a })
            .map(Fraction::round),
        highest: per
            .iter()
            .copied()
            .reduce(|a, b| if a.lt(b) { b } else { a })
            .map(Fraction::round),
        iros: counted.len() as u64,
        fte: Fte(counted.values().map(|(_, f)| f.0).sum()).as_f64(),
        below_50: per.iter().filter(|p| p.lt(fifty)).count() as u64,
        band_50_to_70: per
            .iter()
            .filter(|p| !p.lt(fifty) && !seventy.lt(**p))
            .count() as u64,
        above_70: per.iter().filter(|p| seventy.lt(**p)).count() as u64,
    };
    let mut month_end = BTreeMap::new();
    let mut figures = Vec::new();
    for d in year.month_ends() {
        let figure = service_figure(&counted_at(care, allocations, d, settings));
        month_end.insert(d, figure.map(Fraction::round));
        figures.extend(figure);
    }
    let names = care.data.iro.iros.as_deref().unwrap_or_default();
    let by_iro = counted
        .iter()
        .map(|(iro, &(children, fte))| IroCaseload {
            iro: iro.clone(),
            name: names
                .iter()
                .find(|r| &r.iro == iro)
                .map(|r| r.name.clone())
                .filter(|n| !n.is_empty()),
            fte: fte.as_f64(),
            children,
            per_fte: Fraction::per_fte(children, fte).round(),
            reviews_chaired: chaired.map(|c| c.by_iro.get(iro).copied().unwrap_or(0)),
        })
        .collect();
    Caseload {
        at_year_end,
        month_end,
        year_average: Fraction::mean(&figures),
        by_iro,
    }
}

/// One dispute: its rows, ordered by `RAISED` then file order.
fn dispute_groups(
    rows: &[crate::model::local::DisputeRow],
) -> Vec<Vec<&crate::model::local::DisputeRow>> {
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    let mut groups: Vec<Vec<&crate::model::local::DisputeRow>> = Vec::new();
    for r in rows {
        if r.dispute_id.is_empty() {
            groups.push(vec![r]);
            continue;
        }
        match by_id.get(r.dispute_id.as_str()) {
            Some(&g) => groups[g].push(r),
            None => {
                by_id.insert(&r.dispute_id, groups.len());
                groups.push(vec![r]);
            }
        }
    }
    for g in &mut groups {
        // A stable sort keeps file order among rows raised the same day.
        g.sort_by_key(|r| r.raised);
    }
    groups
}

fn disputes(
    t: &IroTables,
    calendar: &Calendar,
    year: ReportingYear,
    settings: &IroSettings,
) -> Option<Disputes> {
    let rows = t.disputes.as_ref()?;
    let stages = settings.stage_keys();
    let rank = |stage: &str| {
        let key = stage_key(stage);
        stages.iter().position(|s| *s == key)
    };
    let mut out = Disputes {
        by_stage: stages
            .iter()
            .cloned()
            .chain([OTHER_STAGE.to_string()])
            .map(|s| (s, 0))
            .collect(),
        ..Disputes::default()
    };
    let mut days = Vec::new();
    for rows in dispute_groups(rows) {
        let raised = rows[0].raised;
        if !year.contains(raised) {
            continue;
        }
        out.total += 1;
        let best = rows.iter().map(|r| rank(&r.stage)).max().flatten();
        let stage = best.map_or(OTHER_STAGE.to_string(), |i| stages[i].clone());
        *out.by_stage.entry(stage).or_default() += 1;
        let top = rows.iter().rev().find(|r| rank(&r.stage) == best);
        match top.and_then(|r| r.resolved).filter(|&d| d <= year.end) {
            Some(resolved) => {
                out.resolved += 1;
                days.push(working_days_between(calendar, raised, resolved));
            }
            None => out.open_at_year_end += 1,
        }
        let category = rows
            .iter()
            .map(|r| r.category.as_str())
            .find(|c| !c.is_empty())
            .unwrap_or("not_recorded");
        *out.by_category.entry(category.to_string()).or_default() += 1;
    }
    days.sort_unstable();
    out.median_working_days_to_resolve = days.get(days.len().saturating_sub(1) / 2).copied();
    Some(out)
}

/// Working days `d` with `from < d <= to`.
fn working_days_between(calendar: &Calendar, from: Date, to: Date) -> u64 {
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .filter(|d| calendar.is_working_day(*d))
        .count() as u64
}

/// A warning for every dispute row whose stage is not in the list: it counts as "other stage".
pub fn stage_warnings(data: &Dataset, settings: &IroSettings) -> Vec<RowIssue> {
    let stages = settings.stage_keys();
    let Some(rows) = data.iro.disputes.as_ref() else {
        return Vec::new();
    };
    rows.iter()
        .filter(|r| !stages.contains(&stage_key(&r.stage)))
        .filter_map(|r| {
            let RowAt { input, row } = r.at;
            let account = data.inputs.get(input as usize)?;
            Some(RowIssue {
                severity: Severity::Warning,
                file: account.file.clone(),
                source: account.source.clone(),
                table: TableKind::Disputes,
                position: Position::Row,
                row,
                column: "STAGE".to_string(),
                reason: format!(
                    "the stage \"{}\" is not in the list of dispute stages, so it counts as \
                     \"other stage\" (add it to the list in the settings to count it)",
                    r.stage
                ),
            })
        })
        .collect()
}

/// `dolo` (MEASURES.md section 8): distinct children with an order in force at 31 March, and
/// with an order starting in the year.
pub fn dolo(data: &Dataset, year: ReportingYear) -> Option<Dolo> {
    let orders = data.dolo.as_ref()?;
    let in_force: BTreeSet<ChildIdx> = orders
        .iter()
        .filter(|o| o.start <= year.end && o.end.is_none_or(|e| e >= year.end))
        .map(|o| o.child)
        .collect();
    let started: BTreeSet<ChildIdx> = orders
        .iter()
        .filter(|o| year.contains(o.start))
        .map(|o| o.child)
        .collect();
    Some(Dolo {
        in_force_at_31_march: in_force.len() as u64,
        started_in_year: started.len() as u64,
    })
}

/// `disproportionality` (MEASURES.md section 9): the cohort's ethnic groups beside a loaded
/// child population (preferred) or the chosen council's Census 2021 population of all ages
/// (`census`); `None` with neither.
pub fn disproportionality(
    ethnic: &Breakdown<EthnicGroup>,
    loaded: Option<[u64; 5]>,
    census: Option<[u64; 5]>,
) -> Option<Disproportionality> {
    let (population, counts, rates) = match (loaded, census) {
        (Some(p), _) => (ComparisonPopulation::LoadedChildren, p, true),
        (None, Some(p)) => (ComparisonPopulation::Census2021AllAges, p, false),
        (None, None) => return None,
    };
    let known: u64 = PopulationGroup::ALL
        .iter()
        .map(|g| ethnic[g.ethnic_group()])
        .sum();
    let total: u64 = counts.iter().sum();
    let mut groups: Breakdown<PopulationGroup, GroupComparison> = Breakdown::default();
    for (g, out) in groups.iter_mut() {
        let n = ethnic[g.ethnic_group()];
        let p = counts[g.index()];
        let (n128, p128) = (u128::from(n), u128::from(p));
        let (k, t) = (u128::from(known), u128::from(total));
        *out = GroupComparison {
            children: n,
            cohort_share: (known > 0).then(|| decimals(100 * n128, k, 1)),
            population_share: (total > 0).then(|| decimals(100 * p128, t, 1)),
            // (n / known) / (p / total) = n * total / (known * p)
            ratio: (known > 0 && p > 0).then(|| decimals(n128 * t, k * p128, 2)),
            rate_per_10000: (rates && p > 0).then(|| Fraction::new(10_000 * n128, p128).round()),
        };
    }
    Some(Disproportionality { population, groups })
}

/// The earliest date of each local table's used rows (every date column), for the trend.
struct Coverage {
    allocations: Option<Date>,
    meetings: Option<Date>,
    disputes: Option<Date>,
}

impl Coverage {
    fn of(t: &IroTables) -> Coverage {
        Coverage {
            allocations: t
                .allocations
                .iter()
                .flatten()
                .flat_map(|a| std::iter::once(a.start).chain(a.end))
                .min(),
            meetings: t
                .review_meetings
                .iter()
                .flatten()
                .flat_map(|m| [m.due, m.held, m.cancelled_date, m.record_completed])
                .flatten()
                .min(),
            disputes: t
                .disputes
                .iter()
                .flatten()
                .flat_map(|d| std::iter::once(d.raised).chain(d.resolved))
                .min(),
        }
    }
}

/// Whether a table whose earliest date is `earliest` covers `year`: the year starts on or
/// after 1 April of the reporting year holding that date.
fn covers(earliest: Option<Date>, year: ReportingYear) -> bool {
    earliest.is_some_and(|e| {
        ReportingYear::ending(ReportingYear::containing(e))
            .is_some_and(|first| first.start <= year.start)
    })
}

/// Adds the IRO service's trend keys to `row`, for the tables that cover `year`; `service` is
/// that year's figures.
pub fn trend_row(t: &IroTables, service: &IroService, year: ReportingYear, row: &mut TrendYear) {
    let coverage = Coverage::of(t);
    if let Some(c) = service
        .caseload
        .as_ref()
        .filter(|_| covers(coverage.allocations, year))
    {
        row.iro_caseload_per_fte = Some(c.at_year_end.per_fte);
        row.iro_caseload_year_average = Some(c.year_average);
    }
    if covers(coverage.meetings, year) {
        if let (Some(r), Some(c)) = (&service.records, &service.cancelled) {
            row.records_percent_on_time = Some(r.percent_on_time);
            row.reviews_cancelled = Some(c.cancelled);
        }
    }
    if let Some(d) = service
        .disputes
        .as_ref()
        .filter(|_| covers(coverage.disputes, year))
    {
        row.disputes_raised = Some(d.total);
    }
}

//! The report as plain text for a terminal (the CLI without `--json`): the same figures as the
//! JSON, with the labels the page uses, followed by the per-file accounting and what was
//! rejected.

use std::fmt::Write;

use crate::model::dates::{iso, year_month};
use crate::model::Position;
use crate::report::iro::{ComparisonPopulation, OTHER_STAGE};
use crate::report::keys::{
    published, AgeBand, Breakdown, CareLeaverOutcome, Distance, Key, LeaverGroup, Location,
    Published, PublishedShares, ReasonCeased,
};
use crate::report::{CareLeaverFigures, PublishedFigures, Report};

/// How many rejected rows and warnings to list before summarising the rest.
const LISTED: usize = 25;

fn pct(n: u64, d: u64) -> String {
    if d == 0 {
        "-".to_string()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / d as f64)
    }
}

/// A breakdown's rows: each key's label, count and share of `total`.
fn rows<K: Key>(out: &mut String, total: u64, counts: &Breakdown<K>) {
    for (key, n) in counts.rows() {
        let _ = writeln!(out, "    {:<44} {n:>7}  {:>4}", key.label(), pct(n, total));
    }
}

/// Any breakdown, to list several of different keys in one loop.
trait Rows {
    fn write(&self, out: &mut String, total: u64);
}

impl<K: Key> Rows for Breakdown<K> {
    fn write(&self, out: &mut String, total: u64) {
        rows(out, total, self)
    }
}

/// DfE's published share of key `k` (`None` when not published, or published only in a
/// wider group).
fn share<K: Key>(shares: &PublishedShares, k: K) -> Option<u64> {
    match published(shares, k) {
        Published::Share(s) => s,
        Published::Within(_) | Published::NoGroup => None,
    }
}

fn figure(v: Option<u64>, unit: &str) -> String {
    v.map_or_else(|| "n/p".to_string(), |n| format!("{n}{unit}"))
}

/// The council, its rate and placement location, the trend, and DfE's figures beside ours.
fn comparisons(o: &mut String, r: &Report) {
    let c = &r.cla_at_31_march;
    if let Some(la) = &r.la {
        let _ = writeln!(o);
        let _ = writeln!(o, "Council: {} ({})", la.name, la.code);
        if let (Some(rate), Some(p)) = (c.rate_per_10000, &c.rate_population) {
            let _ = writeln!(
                o,
                "  Rate per 10,000 children: {rate} (0-17 population {}, DfE's base for the year ending {})",
                p.children_0_to_17,
                iso(p.year_ending)
            );
        }
        if let Some(l) = &c.location {
            let _ = writeln!(o, "  Placed");
            rows(o, c.total, l);
        }
        if let Some(places) = &c.placed_in_councils {
            let _ = writeln!(o, "  Councils placed in (most children first)");
            for p in places.iter().take(10) {
                let _ = writeln!(
                    o,
                    "    {:<44} {:>7}",
                    format!("{} ({})", p.name, p.code),
                    p.children
                );
            }
        }
    }
    if !r.trend.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "Trend (year ending)   looked after  rate  started  ceased  adopted  SGO  CAO  3+ placements  reviews held  on time"
        );
        for (year, t) in &r.trend {
            let year = iso(*year);
            let _ = writeln!(
                o,
                "  {year}{}   {:>12}  {:>4}  {:>7}  {:>6}  {:>7}  {:>3}  {:>3}  {:>13}  {:>12}  {:>7}",
                if t.own_export { " " } else { "*" },
                t.cla_at_31_march,
                figure(t.rate_per_10000, ""),
                t.started,
                t.ceased,
                t.adopted,
                t.sgo,
                t.cao,
                t.three_plus_placements,
                figure(t.reviews_held, ""),
                figure(t.reviews_on_time_percent, "%"),
            );
        }
        let _ = write!(o, "Trend (year ending)");
        for band in AgeBand::ALL {
            let _ = write!(o, " {:>9}", band.label());
        }
        let _ = writeln!(
            o,
            "  over 20 miles  long-term stability  took part in reviews"
        );
        for (year, t) in &r.trend {
            let _ = write!(
                o,
                "  {}{}      ",
                iso(*year),
                if t.own_export { " " } else { "*" }
            );
            for (band, n) in t.age_band.rows() {
                let _ = write!(o, " {n:>w$}", w = band.label().len().max(9));
            }
            let stability = &t.long_term_stability;
            let took_part = t.participation.as_ref().map_or_else(
                || "n/a".to_string(),
                |b| {
                    let (n, of) = b.took_part();
                    pct(n, of)
                },
            );
            let _ = writeln!(
                o,
                "  {:>13}  {:>19}  {:>20}",
                t.distance[Distance::Over20Miles],
                pct(stability.stable, stability.eligible),
                took_part
            );
        }
        if r.trend.values().any(|t| !t.own_export) {
            let _ = writeln!(
                o,
                "  * not the year's own export: read from later histories, which may lack children who had left care"
            );
        }
    }
    if let Some(b) = &r.benchmarks {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "Compared with ({}, year ending {}; n/p = not published)",
            b.source,
            iso(b.year_ending)
        );
        let columns = [
            &b.this_report,
            &b.la_published,
            &b.statistical_neighbours.figures,
            &b.region,
            &b.england,
        ];
        let _ = writeln!(
            o,
            "  {:<36}{:>12}{:>12}{:>12}{:>12}{:>12}",
            "", "This report", "Published", "Neighbours", "Region", "England"
        );
        let line = |o: &mut String,
                    label: &str,
                    get: &dyn Fn(&PublishedFigures) -> Option<u64>,
                    unit: &str| {
            let _ = write!(o, "  {label:<36}");
            for col in columns {
                let _ = write!(o, "{:>12}", figure(get(col), unit));
            }
            let _ = writeln!(o);
        };
        line(
            o,
            "Rate per 10,000",
            &|f| f.cla_at_31_march.rate_per_10000,
            "",
        );
        line(o, "UASC", &|f| f.cla_at_31_march.uasc, "%");
        line(
            o,
            &format!("Placed: {}", Location::OutsideLa.label()),
            &|f| share(&f.cla_at_31_march.location, Location::OutsideLa),
            "%",
        );
        line(
            o,
            &format!("Placed: {}", Distance::Over20Miles.label()),
            &|f| share(&f.cla_at_31_march.distance, Distance::Over20Miles),
            "%",
        );
        line(
            o,
            "3 or more placements",
            &|f| f.cla_at_31_march.three_plus_placements,
            "%",
        );
        line(
            o,
            "Long-term stability",
            &|f| f.cla_at_31_march.long_term_stability,
            "%",
        );
        line(
            o,
            &format!("Leavers: {}", LeaverGroup::Adopted.label()),
            &|f| share(&f.ceased.reason, LeaverGroup::Adopted),
            "%",
        );
        for (_, note) in b.not_published.iter() {
            let _ = writeln!(o, "  {note}.");
        }
    }
}

/// Missing and away episodes that started in the year.
fn missing(o: &mut String, r: &Report) {
    let _ = writeln!(o);
    let Some(m) = &r.missing else {
        let _ = writeln!(o, "Missing and away episodes: no missing table loaded");
        return;
    };
    let _ = writeln!(
        o,
        "Missing and away episodes that started in the year          episodes  children"
    );
    for (label, episodes, children) in [
        ("Missing", m.missing_episodes, m.children_missing),
        (
            "Away from placement without permission",
            m.away_episodes,
            m.children_away,
        ),
    ] {
        let _ = writeln!(o, "    {label:<52} {episodes:>9} {children:>9}");
    }
}

/// The care leavers of the OC3 table, by age group.
fn care_leavers(o: &mut String, r: &Report) {
    let _ = writeln!(o);
    let Some(leavers) = &r.care_leavers else {
        let _ = writeln!(o, "Care leavers aged 17 to 21: no OC3 table loaded");
        return;
    };
    let _ = write!(o, "Care leavers aged 17 to 21{:<26}", "");
    for (age, _) in leavers.iter() {
        let _ = write!(o, " {:>16}", age.label());
    }
    let _ = writeln!(o);
    let mut line = |label: &str, count: &dyn Fn(&CareLeaverFigures) -> u64| {
        let _ = write!(o, "    {label:<48}");
        for (_, f) in leavers.iter() {
            let _ = write!(o, " {:>9} {:>6}", count(f), pct(count(f), f.total));
        }
        let _ = writeln!(o);
    };
    line("All care leavers", &|f| f.total);
    for &outcome in CareLeaverOutcome::ALL {
        line(outcome.label(), &|f| f.outcome(outcome));
    }
}

/// Each section's drafted narrative, the words the page and the Word paper start from (no
/// targets: the CLI has none).
fn narrative(o: &mut String, r: &Report) {
    let _ = writeln!(o);
    let _ = writeln!(o, "Drafted text for the committee paper:");
    for section in super::sections(r, super::Presentation::default()) {
        if section.narrative.is_empty() {
            continue;
        }
        let _ = writeln!(o, "  {}", section.title);
        for paragraph in &section.narrative {
            let _ = writeln!(o, "    {paragraph}");
        }
    }
}

/// Renders the whole report.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let c = &r.cla_at_31_march;
    let _ = writeln!(
        o,
        "Careboard: IRO annual report figures, year ending {}",
        iso(r.year_ending)
    );
    let warnings = super::warnings(r, &super::Presentation::default());
    if !warnings.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "WARNING: {} found data that cannot be right. Check the export before using these figures.",
            if warnings.len() == 1 {
                "one check".to_string()
            } else {
                format!("{} checks", warnings.len())
            }
        );
        for w in &warnings {
            let _ = writeln!(o, "  * {}: {}", w.title, w.found);
            let _ = writeln!(o, "    What to check: {}", w.what_to_check);
            if !w.examples.is_empty() {
                let _ = writeln!(o, "    Example child IDs: {}", w.examples.join(", "));
            }
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "Children looked after at 31 March: {}", c.total);
    for (heading, counts) in [
        ("Sex", &c.sex as &dyn Rows),
        ("Age on 31 March", &c.age_band),
        ("Ethnic group", &c.ethnic_group),
        ("Legal status", &c.legal_status),
        ("Placement", &c.placement),
        ("Distance from home", &c.distance),
        (
            "Time in care (since the current period of care began)",
            &c.time_in_care,
        ),
    ] {
        let _ = writeln!(o, "  {heading}");
        counts.write(&mut o, c.total);
    }
    let _ = writeln!(
        o,
        "  Unaccompanied asylum-seeking children: {} ({})",
        c.uasc,
        pct(c.uasc, c.total)
    );
    let _ = writeln!(
        o,
        "  Three or more placements in the year: {} ({})",
        c.three_plus_placements,
        pct(c.three_plus_placements, c.total)
    );
    let s = &c.long_term_stability;
    let _ = writeln!(
        o,
        "  Long-term stability: {} of {} under-16s in care 2.5 years or more had the same carer for 2 years ({})",
        s.stable,
        s.eligible,
        pct(s.stable, s.eligible)
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "Started to be looked after in the year: {}", r.started);
    let _ = writeln!(
        o,
        "  of whom unaccompanied asylum-seeking children who arrived: {} ({})",
        r.started_uasc,
        pct(r.started_uasc, r.started)
    );
    let _ = writeln!(
        o,
        "Ceased to be looked after in the year: {}",
        r.ceased.total
    );
    for (group, n) in r.ceased.by_group().rows() {
        if n > 0 || group != LeaverGroup::NotKnown {
            let _ = writeln!(
                o,
                "    {:<44} {n:>7}  {:>4}",
                group.label(),
                pct(n, r.ceased.total)
            );
        }
    }
    let _ = writeln!(o, "  By the reason recorded:");
    let mut by_code: Vec<(&String, &u64)> = r.ceased.reason.iter().collect();
    by_code.sort_by_key(|(code, _)| ReasonCeased::guide_order(code));
    for (code, n) in by_code {
        let _ = writeln!(
            o,
            "    {code:<4} {n:>7}  {:>4}  {}",
            pct(*n, r.ceased.total),
            ReasonCeased::label_of(code)
        );
    }
    let _ = writeln!(o, "Children looked after at each month end:");
    for (date, n) in &r.cla_month_end {
        let date = iso(*date);
        let _ = writeln!(o, "    {date:<44} {n:>7}");
    }
    let v = &r.reviews;
    let _ = writeln!(o);
    let _ = writeln!(o, "Reviews held in the year: {}", v.held);
    let _ = writeln!(
        o,
        "    {:<44} {:>7}  {:>4} of those that can be judged",
        "On time",
        v.on_time,
        pct(v.on_time, v.assessable)
    );
    let _ = writeln!(
        o,
        "    {:<44} {:>7}  {:>4}",
        "Late",
        v.late,
        pct(v.late, v.assessable)
    );
    let _ = writeln!(
        o,
        "    {:<44} {:>7}",
        "Cannot be judged from the data", v.not_assessable
    );
    let _ = writeln!(
        o,
        "    {:<44} {:>7}",
        "Children overdue a review at 31 March", v.overdue_at_year_end
    );
    let _ = writeln!(o, "  By month (held / on time / late / cannot be judged):");
    for (month, m) in &v.by_month {
        let month = year_month(*month);
        let _ = writeln!(
            o,
            "    {month:<12} {:>6} {:>8} {:>6} {:>6}",
            m.held, m.on_time, m.late, m.not_assessable
        );
    }
    let _ = writeln!(o, "  Participation:");
    rows(&mut o, v.held, &v.participation);
    let _ = writeln!(o, "Children reviewed in the year: {}", v.children_reviewed);
    let (took_part, aged_4_plus) = v.latest_review_participation.took_part();
    let _ = writeln!(
        o,
        "  Participation at each child's most recent review: took part {took_part} of {aged_4_plus} aged 4 and over ({})",
        pct(took_part, aged_4_plus)
    );
    rows(&mut o, v.children_reviewed, &v.latest_review_participation);
    missing(&mut o, r);
    care_leavers(&mut o, r);
    extra_903(&mut o, r);
    iro_service(&mut o, r);
    comparisons(&mut o, r);
    narrative(&mut o, r);
    let _ = writeln!(o);
    let _ = writeln!(o, "Files read (rows read = used + rejected):");
    for i in &r.inputs {
        let _ = writeln!(
            o,
            "    {:<44} {:<20} read {:>7}  used {:>7}  rejected {:>6}{}",
            i.source,
            i.table.name(),
            i.rows_read,
            i.rows_used,
            i.rows_rejected,
            if i.table.feeds_figures() {
                ""
            } else {
                "  (read; not used by any figure)"
            }
        );
    }
    let dq = &r.data_quality;
    for p in &dq.problems {
        let _ = writeln!(o, "    Not used: {}", p.message);
    }
    for (title, list) in [("Rejected rows", &dq.rejected), ("Warnings", &dq.warnings)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "{title}: {}", list.len());
        for x in list.iter().take(LISTED) {
            let at = if x.position == Position::Line {
                "line"
            } else {
                "row"
            };
            let _ = writeln!(
                o,
                "    {}, {at} {}, column {}: {}",
                x.source, x.row, x.column, x.reason
            );
        }
        if list.len() > LISTED {
            let _ = writeln!(
                o,
                "    ... and {} more (all of them are in the JSON report)",
                list.len() - LISTED
            );
        }
    }
    o
}

/// An optional number, or "not available".
fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "not available".to_string(), |v| v.to_string())
}

/// Disproportionality (MEASURES.md section 9) and Deprivation of Liberty orders (section 8).
fn extra_903(o: &mut String, r: &Report) {
    if let Some(d) = &r.disproportionality {
        let population = match d.population {
            ComparisonPopulation::LoadedChildren => "the child population loaded",
            ComparisonPopulation::Census2021AllAges => {
                "the council's population of all ages, Census 2021 (children are more diverse)"
            }
        };
        let _ = writeln!(o);
        let _ = writeln!(o, "Ethnic group compared with {population}:");
        let _ = writeln!(
            o,
            "    {:<44} {:>7}  {:>6}  {:>6}  {:>5}  {:>8}",
            "", "in care", "share", "popn", "ratio", "/10,000"
        );
        for (group, g) in d.groups.iter() {
            let _ = writeln!(
                o,
                "    {:<44} {:>7}  {:>6}  {:>6}  {:>5}  {:>8}",
                group.label(),
                g.children,
                opt(g.cohort_share.map(|x| format!("{x:.1}%"))),
                opt(g.population_share.map(|x| format!("{x:.1}%"))),
                opt(g.ratio.map(|x| format!("{x:.2}"))),
                g.rate_per_10000
                    .map_or_else(|| "-".to_string(), |n| n.to_string()),
            );
        }
    }
    if let Some(dolo) = &r.dolo {
        let _ = writeln!(
            o,
            "Deprivation of Liberty orders in force at 31 March: {} (started in the year: {})",
            dolo.in_force_at_31_march, dolo.started_in_year
        );
    }
}

/// The IRO service's own figures (MEASURES.md section 7), each saying which export would
/// give it when that export is not loaded.
fn iro_service(o: &mut String, r: &Report) {
    let s = &r.iro_service;
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "The IRO service (its own exports, as at {}):",
        opt(s.as_at.map(iso))
    );
    let missing = |o: &mut String, what: &str, export: &str| {
        let _ = writeln!(o, "  {what}: not available (load {export})");
    };
    match &s.caseload {
        Some(c) => {
            let at = &c.at_year_end;
            let _ = writeln!(
                o,
                "  Children per full-time IRO at 31 March: {} (range {} to {}; {} IROs, {} FTE; IRO Handbook: 50 to 70)",
                opt(at.per_fte),
                opt(at.lowest),
                opt(at.highest),
                at.iros,
                at.fte
            );
            let _ = writeln!(
                o,
                "    IROs below 50: {}, 50 to 70: {}, above 70: {}; average over the year: {}",
                at.below_50,
                at.band_50_to_70,
                at.above_70,
                opt(c.year_average)
            );
            let _ = writeln!(o, "    At each month end:");
            for (d, n) in &c.month_end {
                let _ = writeln!(o, "    {:<44} {:>7}", iso(*d), opt(*n));
            }
            for i in &c.by_iro {
                let _ = writeln!(
                    o,
                    "    {:<44} {:>7} per FTE ({} children, FTE {}, chaired {})",
                    format!("{} {}", i.iro, i.name.as_deref().unwrap_or("")),
                    i.per_fte,
                    i.children,
                    i.fte,
                    opt(i.reviews_chaired)
                );
            }
        }
        None => missing(o, "Caseloads", "the IRO allocations and the IROs' FTEs"),
    }
    match &s.reviews_chaired {
        Some(c) => {
            let _ = writeln!(
                o,
                "  Reviews held (review meetings): {}; chair not known: {}",
                c.total(),
                c.not_known
            );
        }
        None => missing(o, "Reviews chaired", "the review meetings export"),
    }
    match &s.records {
        Some(x) => {
            let _ = writeln!(
                o,
                "  Review records within {} working days: {}% (on time {}, late {}, overdue {}, not yet due {})",
                x.deadline_working_days,
                opt(x.percent_on_time),
                x.on_time,
                x.late,
                x.overdue,
                x.not_yet_due
            );
        }
        None => missing(o, "Review records", "the review meetings export"),
    }
    match &s.cancelled {
        Some(c) => {
            let _ = writeln!(
                o,
                "  Reviews cancelled: {} ({}% of {} held or cancelled)",
                c.cancelled,
                opt(c.rate_percent),
                c.held + c.cancelled
            );
        }
        None => missing(o, "Cancelled reviews", "the review meetings export"),
    }
    match &s.parents {
        Some(x) => {
            let _ = writeln!(
                o,
                "  Parents, of {} reviews held: a parent took part {}, attended {}, mother {}, father {}, not recorded {}",
                x.held, x.any_parent, x.attended, x.mother, x.father, x.not_recorded
            );
        }
        None => missing(o, "Parents' participation", "the review meetings export"),
    }
    match &s.disputes {
        Some(d) => {
            let _ = writeln!(
                o,
                "  Disputes raised: {} (resolved {}, open at 31 March {}, median working days to resolve {})",
                d.total,
                d.resolved,
                d.open_at_year_end,
                opt(d.median_working_days_to_resolve)
            );
            for key in r
                .settings
                .iro
                .stage_keys()
                .iter()
                .map(String::as_str)
                .chain([OTHER_STAGE])
            {
                let _ = writeln!(
                    o,
                    "    {:<44} {:>7}",
                    key,
                    d.by_stage.get(key).copied().unwrap_or(0)
                );
            }
        }
        None => missing(o, "Disputes", "the dispute resolution log"),
    }
    match &s.contacts {
        Some(c) => {
            let _ = writeln!(
                o,
                "  IRO contacts: {}; children looked after at 31 March seen: {} of {}",
                c.contacts, c.children_seen, c.cohort
            );
        }
        None => missing(o, "IRO contacts", "the IRO contacts export"),
    }
}

//! The population: children arriving in care day by day, each child's periods of care planned
//! from their age at entry, then built into episodes, reviews, missing and social-worker
//! episodes, UASC and care-leaver rows.
//!
//! Every child draws from a stream of its own, so the work is linear in the number of children
//! and a change to one child's story never shifts another's. The arrival rate is calibrated
//! once, on a fixed sample of planned lives, so that about `children` are in care at 31 March.

use super::calendar::{
    add_months, add_working_days, age_at, birthday, day, format, working_day_on_or_after,
    working_day_on_or_before, Day,
};
use super::places::Atlas;
use super::rng::Rng;
use super::{
    EpisodeRow, HeaderRow, MissingRow, Oc3Row, ReviewRow, SwEpisodeRow, SynthConfig, SynthExport,
    UascRow,
};

// Stream kinds, so that no two uses of the seed share numbers.
const ARRIVALS: u64 = 1;
const LIVES: u64 = 2;
const CALIBRATION: u64 = 3;
const COUNCILS: u64 = 4;
const SHORT_BREAKS: u64 = 5;

/// Yearly decline of the arrival rate towards the collection year: England's starters have
/// been slightly fewer than its leavers (ssda903-notes.md section 6.1), so the past had more.
const DECLINE: f64 = 0.02;
const YEAR: f64 = 365.25;
/// Children's average councils: about 540 looked after at 31 March each.
const CHILDREN_PER_COUNCIL: u32 = 540;
/// Up to this many children at 31 March, the export is one council's.
const ONE_COUNCIL_UP_TO: u32 = 3_000;

/// The dates that frame an export.
#[derive(Clone, Copy, Debug)]
struct Frame {
    year_start: Day,
    year_end: Day,
    history_start: Day,
    export: Day,
    year_ending: i32,
}

impl Frame {
    fn new(config: &SynthConfig) -> Frame {
        let y = config.year_ending;
        let history = config.history_years.min(60) as i32;
        Frame {
            year_start: day(y - 1, 4, 1),
            year_end: day(y, 3, 31),
            history_start: day(y - 1 - history, 4, 1),
            export: day(y, 5, 6),
            year_ending: y,
        }
    }
}

/// How a period of care ends: the route decides its length and its leaving code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    Adoption,
    Sgo,
    Cao,
    HomePlanned,
    HomeUnplanned,
    ToEighteen,
    Transfer,
    OtherReason,
    OtherFamily,
    Remand,
    AgeDispute,
    Custody,
    Died,
}

use Route::*;

#[derive(Clone, Copy, Debug)]
struct Period {
    start: Day,
    /// The planned end (`DEC` of the last episode); may lie after the export date.
    end: Day,
    route: Route,
    rec: &'static str,
}

#[derive(Clone, Debug)]
struct Life {
    dob: Day,
    /// `M`, `F` or `U`.
    sex: char,
    uasc: bool,
    periods: Vec<Period>,
}

/// Routes by age band at entry (under 1, 1-4, 5-9, 10-15, 16+), then for UASC; weights tuned so
/// that leavers' reasons come out near ssda903-notes.md section 6.4.
fn route_weights(age: i32, uasc: bool) -> &'static [(Route, f64)] {
    if uasc {
        return &[
            (ToEighteen, 62.0),
            (Transfer, 24.0),
            (AgeDispute, 6.0),
            (OtherReason, 5.0),
            (OtherFamily, 3.0),
        ];
    }
    match age {
        0 => &[
            (Adoption, 40.0),
            (Sgo, 22.0),
            (Cao, 4.0),
            (HomePlanned, 20.0),
            (HomeUnplanned, 2.0),
            (ToEighteen, 5.0),
            (Transfer, 5.0),
            (OtherReason, 5.0),
            (OtherFamily, 3.0),
            (Died, 0.3),
        ],
        1..=4 => &[
            (Adoption, 22.0),
            (Sgo, 25.0),
            (Cao, 6.0),
            (HomePlanned, 22.0),
            (HomeUnplanned, 3.0),
            (ToEighteen, 13.0),
            (Transfer, 6.0),
            (OtherReason, 5.0),
            (OtherFamily, 4.0),
        ],
        5..=9 => &[
            (Adoption, 1.0),
            (Sgo, 17.0),
            (Cao, 6.0),
            (HomePlanned, 26.0),
            (HomeUnplanned, 4.0),
            (ToEighteen, 26.0),
            (Transfer, 7.0),
            (OtherReason, 6.0),
            (OtherFamily, 5.0),
            (Died, 0.1),
        ],
        10..=15 => &[
            (Sgo, 6.0),
            (Cao, 2.0),
            (HomePlanned, 25.0),
            (HomeUnplanned, 6.0),
            (ToEighteen, 37.0),
            (Transfer, 8.0),
            (OtherReason, 7.0),
            (OtherFamily, 4.0),
            (Remand, 3.0),
            (Custody, 1.0),
            (Died, 0.1),
        ],
        _ => &[
            (HomePlanned, 18.0),
            (HomeUnplanned, 8.0),
            (ToEighteen, 48.0),
            (Transfer, 8.0),
            (OtherReason, 8.0),
            (OtherFamily, 3.0),
            (Remand, 7.0),
            (Custody, 1.5),
        ],
    }
}

/// Leaving codes at the 18th birthday (ssda903-notes.md 6.4: E17, E5 and E6 dominate).
const AT_EIGHTEEN: &[(&str, f64)] = &[
    ("E17", 44.0),
    ("E5", 32.0),
    ("E6", 8.0),
    ("E8", 8.0),
    ("E7", 3.0),
    ("E13", 5.0),
];

fn triangular(rng: &mut Rng, lo: i32, hi: i32) -> i32 {
    (rng.range(lo, hi) + rng.range(lo, hi)) / 2
}

/// Days in care for a route (the 18th birthday may cut it short).
fn duration(rng: &mut Rng, route: Route) -> i32 {
    match route {
        Adoption => triangular(rng, 420, 1_100),
        Sgo => triangular(rng, 200, 1_300),
        Cao => triangular(rng, 120, 800),
        HomePlanned => match rng.below(20) {
            0..=4 => rng.range(3, 60),
            5..=11 => rng.range(60, 500),
            _ => rng.range(500, 2_200),
        },
        HomeUnplanned => rng.range(1, 200),
        ToEighteen => 40 * 365,
        Transfer => rng.range(7, 500),
        OtherReason => rng.range(14, 900),
        OtherFamily => rng.range(30, 700),
        Remand => rng.range(7, 120),
        AgeDispute => rng.range(7, 150),
        Custody => rng.range(60, 700),
        Died => rng.range(30, 2_000),
    }
}

fn leaving_code(rng: &mut Rng, route: Route) -> &'static str {
    match route {
        Adoption => rng.pick(&[("E11", 70.0), ("E12", 30.0)]),
        Sgo => rng.pick(&[("E45", 35.0), ("E46", 10.0), ("E47", 40.0), ("E48", 15.0)]),
        Cao => "E41",
        HomePlanned => "E4A",
        HomeUnplanned => "E4B",
        ToEighteen => rng.pick(AT_EIGHTEEN),
        Transfer => "E3",
        OtherReason => rng.pick(&[("E8", 90.0), ("E16", 10.0)]),
        OtherFamily => "E13",
        Remand => "E14",
        AgeDispute => "E15",
        Custody => "E9",
        Died => "E2",
    }
}

/// Plans a child's periods of care from the day they first start: age, sex, UASC, routes.
fn plan_life(rng: &mut Rng, first_start: Day) -> Life {
    let uasc = rng.chance(0.22);
    let age_days = if uasc {
        match rng.pick(&[(16, 80.0), (14, 18.0), (12, 2.0)]) {
            16 => rng.range(16 * 365 + 120, 17 * 365 + 330),
            y => rng.range(y * 365 + 1, (y + 2) * 365 - 1),
        }
    } else {
        // Non-UASC age bands, so that with UASC (mostly 16+) starters are 17% under 1,
        // 15% 1-4, 15% 5-9, 27% 10-15 and 25% 16+.
        match rng.pick(&[(0, 21.8), (1, 19.2), (5, 19.2), (10, 27.6), (16, 10.9)]) {
            0 if rng.chance(0.4) => rng.range(0, 14),
            0 => rng.range(15, 364),
            1 => rng.range(365, 5 * 365),
            5 => rng.range(5 * 365 + 1, 10 * 365 + 1),
            10 => rng.range(10 * 365 + 3, 16 * 365 + 3),
            _ => rng.range(16 * 365 + 4, 17 * 365 + 330),
        }
    };
    let dob = first_start - age_days;
    let sex = if uasc {
        if rng.chance(0.94) {
            'M'
        } else {
            'F'
        }
    } else {
        rng.pick(&[('M', 52.5), ('F', 47.2), ('U', 0.3)])
    };
    let eighteen = birthday(dob, 18);
    let mut periods = Vec::new();
    let mut start = first_start;
    loop {
        let age = age_at(dob, start);
        let route = rng.pick(route_weights(age, uasc && periods.is_empty()));
        let planned = start + duration(rng, route).max(1);
        let (end, rec) = if planned >= eighteen {
            (eighteen, rng.pick(AT_EIGHTEEN))
        } else {
            (planned, leaving_code(rng, route))
        };
        periods.push(Period {
            start,
            end: end.max(start + 1),
            route: if planned >= eighteen {
                ToEighteen
            } else {
                route
            },
            rec,
        });
        // Some children come back into care after going home (a new period, RNE S).
        let returns = matches!(
            route,
            HomePlanned | HomeUnplanned | OtherFamily | OtherReason
        ) && periods.len() < 3
            && rng.chance(0.12);
        if !returns {
            break;
        }
        let next = end + rng.range(30, 900);
        if age_at(dob, next) >= 17 {
            break;
        }
        start = next;
    }
    Life {
        dob,
        sex,
        uasc,
        periods,
    }
}

/// Arrivals per day at the collection year's end that give `children` in care at 31 March:
/// the stock is the arrival rate times the (decline-weighted) mean days in care of a life,
/// estimated on a fixed sample so that it does not depend on the seed.
fn arrivals_per_day(children: u32) -> f64 {
    let samples = 20_000;
    let origin = day(2000, 1, 1);
    let mut total = 0.0;
    for i in 0..samples {
        let life = plan_life(&mut Rng::stream(0, CALIBRATION, i), origin);
        for p in &life.periods {
            let s = (p.start - origin) as f64;
            let e = (p.end - origin) as f64;
            total += (e - s) + DECLINE / (2.0 * YEAR) * (e * e - s * s);
        }
    }
    children as f64 / (total / samples as f64)
}

/// One council: a home centre, the sectors its children live in, its code for UPNs.
struct Council {
    centre: Option<u32>,
    homes: Vec<u32>,
    la_code: u32,
    /// Relative size, for assigning children.
    weight: f64,
}

fn councils(config: &SynthConfig, atlas: Option<&Atlas>) -> Vec<Council> {
    let mut rng = Rng::stream(config.seed, COUNCILS, 0);
    let n = if config.children <= ONE_COUNCIL_UP_TO {
        1
    } else {
        config.children.div_ceil(CHILDREN_PER_COUNCIL)
    };
    (0..n)
        .map(|i| {
            let centre = atlas.map(|a| {
                // One council: Hampshire (Winchester), a recognisable default.
                match a.find("SO23 8") {
                    Some(s) if n == 1 => s,
                    _ => a.random_english(&mut rng),
                }
            });
            let homes = match (atlas, centre) {
                (Some(a), Some(c)) => a.within(c, 15.0),
                _ => Vec::new(),
            };
            Council {
                centre,
                homes,
                la_code: if n == 1 { 850 } else { 200 + i },
                weight: if n == 1 { 1.0 } else { 0.3 + 1.7 * rng.f64() },
            }
        })
        .collect()
}

/// Everything the per-child builder needs besides the child.
struct Context<'a> {
    frame: Frame,
    seed: u64,
    atlas: Option<&'a Atlas>,
    councils: &'a [Council],
    new_sex_codes: bool,
}

/// Generates the clean export (no messy rows).
pub(crate) fn simulate(config: &SynthConfig) -> SynthExport {
    let atlas = Atlas::of_england();
    simulate_with(config, atlas.as_ref())
}

pub(crate) fn simulate_with(config: &SynthConfig, atlas: Option<&Atlas>) -> SynthExport {
    let frame = Frame::new(config);
    let councils = councils(config, atlas);
    let mut cumulative = Vec::with_capacity(councils.len());
    let mut acc = 0.0;
    for c in &councils {
        acc += c.weight;
        cumulative.push(acc);
    }
    let ctx = Context {
        frame,
        seed: config.seed,
        atlas,
        councils: &councils,
        new_sex_codes: config.year_ending >= 2025,
    };
    let mut out = SynthExport {
        year_ending: config.year_ending,
        ..SynthExport::default()
    };
    let rate = arrivals_per_day(config.children);
    let mut counts = Rng::stream(config.seed, ARRIVALS, 0);
    // Nobody who started care more than 18 years before the history can still be in care then.
    let first = frame.history_start - (18.0 * YEAR) as i32 - 1;
    let mut index: u64 = 0;
    let mut kept: u64 = 0;
    for d in first..=frame.export {
        let years_back = (frame.year_end - d) as f64 / YEAR;
        let n = counts.poisson(rate * (1.0 + DECLINE * years_back));
        for _ in 0..n {
            index += 1;
            let mut rng = Rng::stream(config.seed, LIVES, index);
            let life = plan_life(&mut rng, d);
            let overlaps = life
                .periods
                .iter()
                .any(|p| p.start <= frame.export && p.end > frame.history_start);
            if !overlaps {
                continue;
            }
            let pick = rng.f64() * acc;
            let council = cumulative
                .partition_point(|&c| c <= pick)
                .min(councils.len() - 1);
            let id = child_id(config.seed, kept);
            kept += 1;
            build_child(&ctx, &mut rng, &life, council, &id, &mut out);
        }
    }
    let short_breaks = (config.children as f64 * 0.012).round() as u64;
    for i in 0..short_breaks {
        let mut rng = Rng::stream(config.seed, SHORT_BREAKS, i);
        let council = rng.below(councils.len() as u64) as usize;
        let id = child_id(config.seed, kept);
        kept += 1;
        short_break_child(&ctx, &mut rng, council, &id, &mut out);
    }
    out
}

/// A unique id for the `k`th child kept: a bijection of `k` modulo 10^7 (the multiplier is
/// coprime with 10), so ids never repeat. Most are `C` and 7 digits; one in fifteen is
/// numeric-only with leading zeros, as some councils' systems write them, to exercise id
/// handling (a spreadsheet would drop the zeros).
fn child_id(seed: u64, k: u64) -> String {
    let offset = seed.wrapping_mul(0x9E37_79B9) % 10_000_000;
    let n = (k.wrapping_mul(7_368_787).wrapping_add(offset)) % 10_000_000;
    if k % 15 == 7 {
        format!("{n:09}")
    } else {
        format!("C{n:07}")
    }
}

fn sex_code(sex: char, new_codes: bool) -> &'static str {
    match (sex, new_codes) {
        ('F', true) => "F",
        ('U', true) => "U",
        (_, true) => "M",
        ('F', false) => "2",
        _ => "1",
    }
}

/// Ethnicity: UASC mostly Afghan, Sudanese/Eritrean, Kurdish or Albanian; the others weighted
/// so that children at 31 March are about 71% White, 11% Mixed, 5% Asian, 8% Black, 4% Other.
fn ethnicity(rng: &mut Rng, uasc: bool) -> &'static str {
    if uasc {
        return rng.pick(&[
            ("AOTH", 35.0),
            ("BAFR", 33.0),
            ("OOTH", 17.0),
            ("WOTH", 10.0),
            ("NOBT", 5.0),
        ]);
    }
    rng.pick(&[
        ("WBRI", 66.0),
        ("WIRI", 0.6),
        ("WOTH", 7.5),
        ("WIRT", 0.6),
        ("WROM", 1.6),
        ("MWBC", 4.0),
        ("MWBA", 1.6),
        ("MWAS", 2.0),
        ("MOTH", 4.4),
        ("AIND", 0.3),
        ("APKN", 0.8),
        ("ABAN", 0.4),
        ("AOTH", 0.8),
        ("CHNE", 0.1),
        ("BCRB", 1.7),
        ("BAFR", 2.6),
        ("BOTH", 1.35),
        ("OOTH", 3.0),
        ("REFU", 0.25),
        ("NOBT", 0.4),
    ])
}

/// One placement: a carer or setting from `start` until the next placement starts.
#[derive(Clone, Debug)]
struct Spell {
    start: Day,
    place: &'static str,
    provider: &'static str,
    urn: String,
    post: String,
    /// Same carer as the previous placement (RNE T, or U with a legal change).
    same_carer: bool,
    temporary: bool,
}

const SUPPORTED_P2_UNTIL: (i32, u32, u32) = (2023, 10, 28);
const K3_FROM: (i32, u32, u32) = (2024, 4, 1);
const Z1_UNTIL: (i32, u32, u32) = (2025, 4, 1);

fn on(d: (i32, u32, u32)) -> Day {
    day(d.0, d.1, d.2)
}

/// Independent or supported accommodation for 16-17s, in the code valid on the day it starts:
/// H5/P2 before 28 October 2023, H5 until 2023-24 ended, K3 from 2024-25.
fn supported(rng: &mut Rng, start: Day) -> &'static str {
    if start >= on(K3_FROM) {
        "K3"
    } else if start >= on(SUPPORTED_P2_UNTIL) || rng.chance(0.65) {
        "H5"
    } else {
        "P2"
    }
}

fn other_placement(rng: &mut Rng, start: Day) -> &'static str {
    if start >= on(Z1_UNTIL) {
        rng.pick(&[("Z11", 1.0), ("Z12", 1.0), ("Z13", 1.0), ("Z14", 1.0)])
    } else {
        "Z1"
    }
}

/// A placement type for a child of `age` starting a placement on `start`. The first placement
/// of a period is never a long-term foster placement (it becomes one later, same carer).
fn choose_place(rng: &mut Rng, age: i32, uasc: bool, first: bool, start: Day) -> &'static str {
    let code = if uasc && age >= 16 {
        rng.pick(&[("SUP", 55.0), ("U6", 30.0), ("K2", 12.0), ("Z", 3.0)])
    } else if uasc {
        rng.pick(&[("U6", 75.0), ("K2", 20.0), ("U4", 5.0)])
    } else {
        match age {
            0 => rng.pick(&[
                ("U6", 62.0),
                ("U3", 18.0),
                ("R3", 6.0),
                ("P1", 6.0),
                ("U4", 5.0),
                ("U5", 3.0),
            ]),
            1..=4 => rng.pick(&[
                ("U6", 50.0),
                ("U3", 22.0),
                ("U4", 12.0),
                ("P1", 8.0),
                ("U1", 5.0),
                ("U5", 3.0),
            ]),
            5..=9 => rng.pick(&[
                ("U6", 36.0),
                ("U4", 20.0),
                ("U3", 15.0),
                ("U1", 10.0),
                ("P1", 8.0),
                ("K2", 6.0),
                ("S1", 1.0),
            ]),
            10..=15 => rng.pick(&[
                ("U6", 26.0),
                ("U4", 19.0),
                ("U3", 10.0),
                ("U1", 8.0),
                ("K2", 28.0),
                ("P1", 6.0),
                ("K1", 0.5),
                ("S1", 1.5),
                ("R1", 0.5),
                ("Z", 2.0),
            ]),
            _ => rng.pick(&[
                ("U6", 15.0),
                ("U4", 12.0),
                ("U3", 5.0),
                ("U1", 5.0),
                ("K2", 22.0),
                ("SUP", 40.0),
                ("P1", 4.0),
                ("Z", 4.0),
                ("R5", 1.0),
                ("K1", 0.5),
                ("R2", 0.5),
                ("S1", 1.0),
            ]),
        }
    };
    match code {
        "SUP" => supported(rng, start),
        "Z" => other_placement(rng, start),
        "U4" if first => "U6",
        "U1" if first => "U3",
        c => c,
    }
}

/// The provider of a placement (ssda903-notes.md 2.6); blank where none is required.
fn provider(rng: &mut Rng, place: &str) -> &'static str {
    match place {
        "P1" => "PR0",
        "U1" | "U2" | "U3" => rng.pick(&[("PR1", 90.0), ("PR2", 5.0), ("PR4", 5.0)]),
        "U4" | "U5" | "U6" => rng.pick(&[("PR1", 52.0), ("PR4", 40.0), ("PR5", 5.0), ("PR2", 3.0)]),
        "K2" => rng.pick(&[("PR4", 78.0), ("PR1", 14.0), ("PR5", 8.0)]),
        "K1" => rng.pick(&[("PR1", 40.0), ("PR2", 60.0)]),
        "H5" | "K3" | "P2" => rng.pick(&[("PR4", 70.0), ("PR5", 20.0), ("PR1", 10.0)]),
        "A3" | "A4" | "A5" | "A6" => rng.pick(&[("PR1", 60.0), ("PR2", 20.0), ("PR5", 20.0)]),
        "R1" | "R2" | "R5" => "PR3",
        "R3" | "S1" => rng.pick(&[("PR4", 60.0), ("PR5", 40.0)]),
        _ => "",
    }
}

/// No URN is expected for these (ssda903-notes.md 1.2, validator rules 218/222).
fn needs_urn(place: &str) -> bool {
    !matches!(
        place,
        "P1" | "P2"
            | "P3"
            | "R1"
            | "R2"
            | "R5"
            | "T0"
            | "T1"
            | "T2"
            | "T3"
            | "T4"
            | "Z1"
            | "Z11"
            | "Z12"
            | "Z13"
            | "Z14"
    )
}

impl Context<'_> {
    fn urn(&self, rng: &mut Rng, place: &str, council: usize) -> String {
        if !needs_urn(place) {
            return String::new();
        }
        if rng.chance(0.02) {
            // The placeholder councils use when a URN is confidential or unknown.
            return "XXXXXXX".to_string();
        }
        // Forty settings per council, so the same providers recur.
        let n = (council as u64 * 7_919 + rng.below(40) * 104_729 + self.seed % 1_000) % 1_000_000;
        format!("SC{n:06}")
    }

    /// A placement postcode: mostly within 20 miles of home, some far away, a few missing.
    fn placement_post(
        &self,
        rng: &mut Rng,
        place: &str,
        home: Option<u32>,
        council: usize,
    ) -> String {
        let Some(atlas) = self.atlas else {
            return String::new();
        };
        let withheld = if place.starts_with('A') { 0.25 } else { 0.015 };
        if rng.chance(withheld) {
            return String::new();
        }
        let c = &self.councils[council];
        let Some(from) = home.or(c.centre) else {
            return String::new();
        };
        let far_share = match place {
            "K1" => 0.7,
            "K2" | "S1" | "R5" => 0.45,
            _ => 0.22,
        };
        let (lo, hi) = if rng.chance(far_share) {
            let lo = 20.5 + rng.exponential(30.0).min(250.0);
            (lo, lo + 25.0)
        } else if rng.chance(0.6) {
            (0.3, 8.0)
        } else {
            (0.3, 19.5)
        };
        let sector = atlas
            .at_distance(rng, from, lo, hi)
            .or_else(|| pick_home(rng, c))
            .unwrap_or(from);
        atlas.postcode(rng, sector)
    }
}

fn pick_home(rng: &mut Rng, c: &Council) -> Option<u32> {
    if c.homes.is_empty() {
        c.centre
    } else {
        Some(c.homes[rng.below(c.homes.len() as u64) as usize])
    }
}

/// Reasons for a placement change, as in England 2025 (ssda903-notes.md 6.3).
const CHANGE_REASONS: &[(&str, f64)] = &[
    ("CARPL", 34.0),
    ("OTHER", 25.0),
    ("PLACE", 10.0),
    ("CREQB", 9.0),
    ("CREQO", 8.0),
    ("CHILD", 4.0),
    ("LAREQ", 3.0),
    ("CLOSE", 2.0),
    ("ALLEG", 1.5),
    ("STAND", 1.5),
    ("APPRR", 1.0),
];

/// Legal statuses of a period: `(from day, LS)`, in order, all before the period's end.
fn legal_timeline(
    rng: &mut Rng,
    p: &Period,
    uasc: bool,
    placement_order_by: Option<Day>,
) -> Vec<(Day, &'static str)> {
    let initial = if uasc {
        "V2"
    } else {
        match p.route {
            Remand => "J1",
            Adoption => rng.pick(&[("C1", 72.0), ("L1", 15.0), ("L2", 5.0), ("V2", 8.0)]),
            _ => rng.pick(&[("V2", 40.0), ("C1", 45.0), ("L1", 13.0), ("L2", 1.5)]),
        }
    };
    let mut out = vec![(p.start, initial)];
    let proceedings = matches!(
        p.route,
        ToEighteen | Sgo | Cao | OtherReason | Transfer | HomePlanned | Adoption | Died
    );
    loop {
        let (t, ls) = out[out.len() - 1];
        let next = match ls {
            "L1" => Some((
                t + rng.range(1, 3),
                if p.route == Adoption || rng.chance(0.55) {
                    "C1"
                } else {
                    "V2"
                },
            )),
            "L2" => Some((t + rng.range(3, 8), "C1")),
            "V2" if !uasc && (p.route == Adoption || proceedings && rng.chance(0.75)) => {
                Some((t + rng.range(30, 200), "C1"))
            }
            "C1" if p.route == Adoption => {
                let by = placement_order_by.unwrap_or(p.end);
                Some(((t + rng.range(150, 420)).min(by).max(t + 14), "E1"))
            }
            "C1" => Some((t + rng.range(150, 420), "C2")),
            "J1" => Some((t + rng.range(14, 120), "V2")),
            _ => None,
        };
        match next {
            Some((at, status)) if at < p.end => out.push((at, status)),
            _ => break,
        }
    }
    out
}

/// A period of care as episodes (before the export date is applied).
struct Ep {
    decom: Day,
    dec: Day,
    rne: &'static str,
    ls: &'static str,
    spell: usize,
    rec: &'static str,
    rpc: &'static str,
}

impl Context<'_> {
    #[allow(clippy::too_many_arguments)]
    fn spell(
        &self,
        rng: &mut Rng,
        start: Day,
        place: &'static str,
        home: Option<u32>,
        home_post: &str,
        council: usize,
        same_carer: bool,
    ) -> Spell {
        let post = if place == "P1" {
            home_post.to_string()
        } else {
            self.placement_post(rng, place, home, council)
        };
        Spell {
            start,
            place,
            provider: provider(rng, place),
            urn: self.urn(rng, place, council),
            post,
            same_carer,
            temporary: false,
        }
    }

    /// Placements of a period, in order, each starting strictly after the previous one.
    #[allow(clippy::too_many_arguments)]
    fn placements(
        &self,
        rng: &mut Rng,
        life: &Life,
        p: &Period,
        home: Option<u32>,
        home_post: &str,
        council: usize,
        adoption_placement: Option<Day>,
    ) -> Vec<Spell> {
        let age0 = age_at(life.dob, p.start);
        // Stable children move rarely; others every few months (ssda903-notes.md 6.3: about
        // 10% of children at 31 March have 3+ placements in a year).
        let stable = rng.chance(match age0 {
            0..=9 => 0.82,
            10..=15 => 0.68,
            _ => 0.55,
        });
        let home_first = p.route == HomePlanned && p.end - p.start > 150 && rng.chance(0.5);
        let cut = adoption_placement
            .or(home_first.then(|| p.end - rng.range(30, 150)))
            .unwrap_or(p.end);
        let ffa = p.route == Adoption && rng.chance(0.25);
        let mut spells: Vec<Spell> = Vec::new();
        let mut t = p.start;
        while t < cut {
            let first = spells.is_empty();
            let age = age_at(life.dob, t);
            let place = if ffa && age < 2 {
                "U5"
            } else {
                choose_place(rng, age, life.uasc, first, t)
            };
            let mean = match (stable, place) {
                (true, "K2") => 4.0 * YEAR,
                (true, _) => 12.0 * YEAR,
                (false, _) => 320.0,
            };
            let length = if first && !life.uasc && rng.chance(0.35) {
                rng.range(2, 45)
            } else {
                7 + rng.exponential(mean) as i32
            };
            let end = (t + length).min(cut);
            spells.push(self.spell(rng, t, place, home, home_post, council, false));
            // A foster placement that lasts becomes long-term with the same carer.
            let upgrade = match place {
                "U6" => Some("U4"),
                "U3" => Some("U1"),
                _ => None,
            };
            if let Some(long_term) = upgrade {
                let at = t + rng.range(90, 400);
                if at + 30 < end && age < 16 && rng.chance(0.35) {
                    let mut s = spells[spells.len() - 1].clone();
                    s.start = at;
                    s.place = long_term;
                    s.same_carer = true;
                    spells.push(s);
                }
            }
            if matches!(place, "U1" | "U3" | "U4" | "U6")
                && end - t > 60
                && rng.chance((end - t) as f64 / YEAR * 0.03)
            {
                self.temporary_move(rng, &mut spells, t, end, home, council);
            }
            t = end;
        }
        // Many 16-17s in long-term care move on to supported accommodation before 18
        // (ssda903-notes.md 6.2: about 9% of children at 31 March are in such settings).
        let move_on = birthday(life.dob, 16) + rng.range(120, 600);
        if !life.uasc
            && p.route == ToEighteen
            && move_on > p.start
            && move_on < cut
            && rng.chance(0.4)
        {
            spells.retain(|s| s.start < move_on);
            while spells.len() > 1 && spells.last().is_some_and(|s| s.temporary) {
                spells.pop();
            }
            let place = supported(rng, move_on);
            spells.push(self.spell(rng, move_on, place, home, home_post, council, false));
        }
        if let Some(at) = adoption_placement.filter(|&a| a < p.end) {
            let previous = spells.last().map(|s| s.place);
            let with_carer = previous == Some("U5") || (previous == Some("U6") && rng.chance(0.1));
            let place = if with_carer { "A5" } else { "A6" };
            let mut s = self.spell(rng, at, place, home, home_post, council, with_carer);
            if with_carer {
                if let Some(prev) = spells.last() {
                    s.post = prev.post.clone();
                }
            }
            spells.push(s);
        } else if home_first && cut < p.end {
            spells.push(self.spell(rng, cut, "P1", home, home_post, council, false));
        }
        split_for_code_changes(rng, &mut spells, p.end);
        debug_assert!(spells.windows(2).all(|w| w[0].start < w[1].start));
        spells
    }

    /// A short temporary placement (T0-T4) inside `[from, to)`, returning to the same
    /// placement afterwards (validator rule 383: the return repeats PLACE and PL_POST).
    fn temporary_move(
        &self,
        rng: &mut Rng,
        spells: &mut Vec<Spell>,
        from: Day,
        to: Day,
        home: Option<u32>,
        council: usize,
    ) {
        let (code, max_days) = rng.pick(&[
            (("T3", 21), 55.0),
            (("T4", 7), 30.0),
            (("T1", 42), 10.0),
            (("T2", 14), 5.0),
        ]);
        let Some(usual) = spells.last().cloned() else {
            return;
        };
        // After the usual placement began (it may be a same-carer change inside the spell).
        let from = from.max(usual.start);
        let begin = from + rng.range(20, (to - from - 30).max(21));
        let end = begin + rng.range(2, max_days);
        if end + 7 >= to {
            return;
        }
        let mut temp = self.spell(rng, begin, code, home, "", council, false);
        temp.temporary = true;
        spells.push(temp);
        let mut back = usual;
        back.start = end;
        back.same_carer = false;
        spells.push(back);
    }

    fn episodes(
        &self,
        rng: &mut Rng,
        p: &Period,
        legal: &[(Day, &'static str)],
        spells: &[Spell],
    ) -> Vec<Ep> {
        let mut dates: Vec<Day> = legal
            .iter()
            .map(|l| l.0)
            .chain(spells.iter().map(|s| s.start))
            .filter(|&d| d >= p.start && d < p.end)
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let mut eps: Vec<Ep> = Vec::with_capacity(dates.len());
        let (mut li, mut si) = (0, 0);
        for (k, &d) in dates.iter().enumerate() {
            while li + 1 < legal.len() && legal[li + 1].0 <= d {
                li += 1;
            }
            while si + 1 < spells.len() && spells[si + 1].start <= d {
                si += 1;
            }
            let legal_changed = k > 0 && legal[li].0 == d;
            let placement_changed = k > 0 && spells[si].start == d;
            let same = spells[si].same_carer;
            let rne = match (k, legal_changed, placement_changed) {
                (0, ..) => "S",
                (_, true, true) if same => "U",
                (_, true, true) => "B",
                (_, false, true) if same => "T",
                (_, false, true) => "P",
                _ => "L",
            };
            if let Some(prev) = eps.last_mut() {
                prev.rec = "X1";
                prev.dec = d;
                if placement_changed && !spells[si].temporary && !spells[prev.spell].temporary {
                    prev.rpc = if same {
                        "PLACE"
                    } else {
                        rng.pick(CHANGE_REASONS)
                    };
                }
            }
            eps.push(Ep {
                decom: d,
                dec: p.end,
                rne,
                ls: legal[li].1,
                spell: si,
                rec: p.rec,
                rpc: "",
            });
        }
        eps
    }
}

/// Splits placements whose code stopped being valid while they ran: P2 on 28 October 2023
/// becomes H5, H5 (and P2) on 1 April 2024 become K3, Z1 on 1 April 2025 becomes Z11-Z14. The
/// child stays with the same carer (RNE T, reason PLACE: a change in the placement's status).
fn split_for_code_changes(rng: &mut Rng, spells: &mut Vec<Spell>, period_end: Day) {
    let mut out = Vec::with_capacity(spells.len() + 1);
    for i in 0..spells.len() {
        let end = spells.get(i + 1).map_or(period_end, |s| s.start);
        let mut s = spells[i].clone();
        loop {
            let change = match s.place {
                "P2" => Some((on(SUPPORTED_P2_UNTIL), "H5")),
                "H5" => Some((on(K3_FROM), "K3")),
                "Z1" => Some((on(Z1_UNTIL), other_placement(rng, on(Z1_UNTIL)))),
                _ => None,
            };
            match change {
                Some((at, code)) if s.start < at && at < end => {
                    let mut next = s.clone();
                    next.start = at;
                    next.place = code;
                    next.same_carer = true;
                    out.push(s);
                    s = next;
                }
                _ => break,
            }
        }
        out.push(s);
    }
    *spells = out;
}

fn category_of_need(rng: &mut Rng, uasc: bool) -> &'static str {
    if uasc {
        return "N8";
    }
    rng.pick(&[
        ("N1", 73.0),
        ("N2", 3.5),
        ("N3", 3.0),
        ("N4", 7.0),
        ("N5", 11.0),
        ("N6", 1.5),
        ("N7", 0.2),
        ("N8", 0.8),
    ])
}

const PARTICIPATION: &[(&str, f64)] = &[
    ("PN1", 55.0),
    ("PN2", 8.0),
    ("PN3", 6.0),
    ("PN4", 5.0),
    ("PN5", 9.0),
    ("PN6", 9.0),
    ("PN7", 8.0),
];

fn upn(rng: &mut Rng, uasc: bool, young: bool, la_code: u32) -> String {
    if young && rng.chance(0.7) {
        return "UN1".to_string();
    }
    if uasc && rng.chance(0.5) {
        return "UN2".to_string();
    }
    if rng.chance(0.03) {
        return rng
            .pick(&[("UN3", 1.0), ("UN4", 1.0), ("UN5", 1.0)])
            .to_string();
    }
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRTUVWXYZ";
    let letter = LETTERS[rng.below(LETTERS.len() as u64) as usize] as char;
    format!("{letter}{la_code:03}{:09}", rng.below(1_000_000_000))
}

/// Builds every row of one child.
fn build_child(
    ctx: &Context,
    rng: &mut Rng,
    life: &Life,
    council: usize,
    id: &str,
    out: &mut SynthExport,
) {
    let f = ctx.frame;
    let dob = format(life.dob);
    let c = &ctx.councils[council];
    let mut last_in_care = life.dob;
    let mut days_after_14 = 0;
    let fourteen = birthday(life.dob, 14);
    for (pi, p) in life.periods.iter().enumerate() {
        if p.start > f.export {
            break;
        }
        let home = if ctx.atlas.is_some() {
            pick_home(rng, c)
        } else {
            None
        };
        let home_blank = rng.chance(if life.uasc { 0.8 } else { 0.015 });
        let home_post = match (ctx.atlas, home) {
            (Some(a), Some(h)) if !home_blank => a.postcode(rng, h),
            _ => String::new(),
        };
        let (placement_order, adoption_placement) = if p.route == Adoption {
            let placed = p.end - rng.range(120, 330);
            (Some(placed - rng.range(30, 150)), Some(placed))
        } else {
            (None, None)
        };
        let legal = legal_timeline(rng, p, life.uasc && pi == 0, placement_order);
        let spells = ctx.placements(
            rng,
            life,
            p,
            home,
            &home_post,
            council,
            adoption_placement.filter(|&a| a > p.start + 30),
        );
        let cin = category_of_need(rng, life.uasc && pi == 0);
        let eps = ctx.episodes(rng, p, &legal, &spells);
        for e in &eps {
            if e.decom > f.export {
                break;
            }
            let open = e.dec > f.export;
            let s = &spells[e.spell];
            out.episodes.push(EpisodeRow {
                child: id.to_string(),
                decom: format(e.decom),
                rne: e.rne.to_string(),
                ls: e.ls.to_string(),
                cin: cin.to_string(),
                place: s.place.to_string(),
                place_provider: s.provider.to_string(),
                dec: if open { String::new() } else { format(e.dec) },
                rec: if open {
                    String::new()
                } else {
                    e.rec.to_string()
                },
                reason_place_change: if open {
                    String::new()
                } else {
                    e.rpc.to_string()
                },
                home_post: home_post.clone(),
                pl_post: s.post.clone(),
                urn: s.urn.clone(),
            });
        }
        let stop = p.end.min(f.export + 1);
        last_in_care = last_in_care.max(stop - 1);
        days_after_14 += (stop - p.start.max(fourteen)).max(0);
        reviews(rng, life, p, stop, id, &dob, out);
        missing(rng, life, p, &spells, stop, &f, id, &dob, out);
        if f.year_ending >= 2024 {
            social_workers(rng, p, council, &f, id, &dob, out);
        }
    }
    let young = age_at(life.dob, last_in_care) < 5;
    let girl_age = age_at(life.dob, last_in_care);
    let (mother, mc_dob) = if life.sex != 'F' || girl_age < 12 {
        (String::new(), String::new())
    } else if girl_age >= 15 && rng.chance(0.03) {
        let from = birthday(life.dob, 15).max(life.periods[0].start);
        let at = rng.range(from, last_in_care.max(from));
        ("1".to_string(), format(at))
    } else {
        ("0".to_string(), String::new())
    };
    out.header.push(HeaderRow {
        child: id.to_string(),
        sex: sex_code(life.sex, ctx.new_sex_codes).to_string(),
        dob: dob.clone(),
        ethnic: ethnicity(rng, life.uasc).to_string(),
        upn: upn(rng, life.uasc, young, c.la_code),
        mother,
        mc_dob,
    });
    if life.uasc {
        let first = life.periods[0];
        let ceased = if first.route == AgeDispute {
            first.end
        } else {
            birthday(life.dob, 18)
        };
        out.uasc.push(UascRow {
            child: id.to_string(),
            sex: sex_code(life.sex, ctx.new_sex_codes).to_string(),
            dob: dob.clone(),
            duc: if ceased <= f.export {
                format(ceased)
            } else {
                String::new()
            },
        });
    }
    care_leaver(rng, life, days_after_14, &f, id, &dob, out);
}

/// Statutory reviews of one period: review 1 due 20 working days after the start, review 2
/// three months after review 1, then every six months (ssda903-notes.md 3.6). Most are held on
/// or a little before the due day, about one in ten late, a few missed.
fn reviews(
    rng: &mut Rng,
    life: &Life,
    p: &Period,
    stop: Day,
    id: &str,
    dob: &str,
    out: &mut SynthExport,
) {
    let mut due = add_working_days(p.start, 20);
    let mut previous = p.start;
    let mut n = 1;
    while due < stop + 60 {
        let u = rng.f64();
        let held = if u < 0.885 {
            let early = working_day_on_or_before(due - rng.range(0, 14));
            Some(if early > previous { early } else { due })
        } else if u < 0.98 {
            Some(working_day_on_or_after(
                due + 1 + rng.exponential(14.0).min(120.0) as i32,
            ))
        } else {
            None
        };
        match held {
            Some(date) if date >= stop => break,
            Some(date) => {
                let code = if age_at(life.dob, date) < 4 {
                    "PN0"
                } else {
                    rng.pick(PARTICIPATION)
                };
                out.reviews.push(ReviewRow {
                    child: id.to_string(),
                    dob: dob.to_string(),
                    review: format(date),
                    review_code: code.to_string(),
                });
                previous = date;
            }
            None => previous = due,
        }
        due = add_months(previous, if n == 1 { 3 } else { 6 });
        n += 1;
    }
}

/// Missing and away episodes for children 11 and over; more for those in children's homes.
#[allow(clippy::too_many_arguments)]
fn missing(
    rng: &mut Rng,
    life: &Life,
    p: &Period,
    spells: &[Spell],
    stop: Day,
    f: &Frame,
    id: &str,
    dob: &str,
    out: &mut SynthExport,
) {
    let from = p.start.max(birthday(life.dob, 11)).max(f.history_start);
    if from >= stop {
        return;
    }
    let home = spells.iter().any(|s| s.place == "K2");
    if !rng.chance(if home { 0.4 } else { 0.12 }) {
        return;
    }
    let count = rng.poisson((stop - from) as f64 / YEAR * 3.0).min(60);
    let mut starts: Vec<Day> = (0..count).map(|_| rng.range(from, stop - 1)).collect();
    starts.sort_unstable();
    let mut free_from = from;
    for s in starts {
        if s < free_from {
            continue;
        }
        let end = s + rng.pick(&[(0, 35.0), (1, 40.0), (2, 12.0), (4, 8.0), (7, 5.0)]);
        let unresolved = end > f.export || rng.chance(0.01);
        out.missing.push(MissingRow {
            child: id.to_string(),
            dob: dob.to_string(),
            missing: rng.pick(&[("M", 75.0), ("A", 25.0)]).to_string(),
            mis_start: format(s),
            mis_end: if unresolved {
                String::new()
            } else {
                format(end)
            },
        });
        free_from = end + 1;
    }
}

const SW_TABLE_FROM: (i32, u32, u32) = (2023, 4, 1);

/// Social-worker episodes covering a period of care, from the table's start (1 April 2023).
fn social_workers(
    rng: &mut Rng,
    p: &Period,
    council: usize,
    f: &Frame,
    id: &str,
    dob: &str,
    out: &mut SynthExport,
) {
    let table_from = on(SW_TABLE_FROM);
    if p.end < table_from || p.start > f.export {
        return;
    }
    let mut t = p.start;
    let mut first = true;
    while t <= f.export && t < p.end {
        let next = (t + 14 + rng.exponential(400.0) as i32).min(p.end);
        let worker = council as u64 * 1_000 + rng.below(60);
        let reason = if t < table_from {
            ""
        } else if first {
            rng.pick(&[("FCONTA", 60.0), ("TSPROC", 40.0)])
        } else {
            rng.pick(&[
                ("LEFTRL", 30.0),
                ("MANAGE", 20.0),
                ("TSPROC", 20.0),
                ("ORGRST", 6.0),
                ("ABSENC", 6.0),
                ("CHCHAN", 4.0),
                ("PCCHAN", 3.0),
                ("OTHERS", 11.0),
            ])
        };
        if next >= table_from {
            out.sw_episodes.push(SwEpisodeRow {
                child: id.to_string(),
                dob: dob.to_string(),
                sw_id: format!("SW{worker:06}"),
                sw_decom: format(t),
                sw_dec: if next > f.export {
                    String::new()
                } else {
                    format(next)
                },
                sw_reason: reason.to_string(),
            });
        }
        t = next;
        first = false;
    }
}

/// An OC3 row for a care leaver (left at 16 or over after 13 weeks in care since 14) whose
/// 17th to 21st birthday falls in the collection year.
fn care_leaver(
    rng: &mut Rng,
    life: &Life,
    days_after_14: i32,
    f: &Frame,
    id: &str,
    dob: &str,
    out: &mut SynthExport,
) {
    let Some(last) = life.periods.last() else {
        return;
    };
    if last.end > f.year_end
        || age_at(life.dob, last.end) < 16
        || days_after_14 < 91
        || matches!(last.rec, "E2" | "E3" | "E15")
    {
        return;
    }
    let due = (17..=21).any(|a| {
        let b = birthday(life.dob, a);
        b >= f.year_start && b <= f.year_end && b > last.end
    });
    if !due {
        return;
    }
    let in_touch = rng.pick(&[
        ("YES", 88.0),
        ("NO", 4.0),
        ("REFU", 2.0),
        ("NREQ", 3.0),
        ("RHOM", 2.5),
        ("DIED", 0.2),
    ]);
    let (activ, accom) = if matches!(in_touch, "NO" | "REFU" | "DIED") {
        ("0", "0".to_string())
    } else {
        let activ = rng.pick(&[
            ("F1", 8.0),
            ("P1", 2.0),
            ("F2", 30.0),
            ("P2", 5.0),
            ("F4", 4.0),
            ("P4", 4.0),
            ("F5", 3.0),
            ("P5", 2.0),
            ("G4", 6.0),
            ("G5", 4.0),
            ("G6", 32.0),
        ]);
        let kind = rng.pick(&[
            ("B", 10.0),
            ("C", 12.0),
            ("D", 15.0),
            ("E", 6.0),
            ("G", 2.0),
            ("H", 5.0),
            ("K", 3.0),
            ("R", 4.0),
            ("S", 20.0),
            ("T", 8.0),
            ("U", 7.0),
            ("V", 2.0),
            ("W", 1.0),
            ("X", 1.0),
            ("Y", 1.5),
            ("Z", 2.5),
        ]);
        let suitable = if rng.chance(0.9) { '1' } else { '2' };
        (activ, format!("{kind}{suitable}"))
    };
    out.oc3.push(Oc3Row {
        child: id.to_string(),
        dob: dob.to_string(),
        in_touch: in_touch.to_string(),
        activ: activ.to_string(),
        accom,
    });
}

/// A disabled child on a series of short breaks (LS V3: one episode per break; or V4: one
/// episode per agreement). Such children are in no count and have no reviews (validator rule
/// 399), which is what the measures must be seen to respect.
fn short_break_child(
    ctx: &Context,
    rng: &mut Rng,
    council: usize,
    id: &str,
    out: &mut SynthExport,
) {
    let f = ctx.frame;
    let dob = f.year_start - rng.range(5 * 365, 17 * 365);
    let eighteen = birthday(dob, 18);
    let c = &ctx.councils[council];
    let home = pick_home(rng, c);
    let home_post = match (ctx.atlas, home) {
        (Some(a), Some(h)) => a.postcode(rng, h),
        _ => String::new(),
    };
    let place = if rng.chance(0.7) { "K2" } else { "U6" };
    let pl_post = ctx.placement_post(rng, place, home, council);
    let provider = provider(rng, place);
    let urn = ctx.urn(rng, place, council);
    let series = rng.chance(0.65);
    let mut t = f.year_start - rng.range(0, 365);
    let sex = if rng.chance(0.6) { 'M' } else { 'F' };
    let mut push = |decom: Day, dec: Option<Day>, ls: &str| {
        out.episodes.push(EpisodeRow {
            child: id.to_string(),
            decom: format(decom),
            rne: "S".to_string(),
            ls: ls.to_string(),
            cin: "N2".to_string(),
            place: place.to_string(),
            place_provider: provider.to_string(),
            dec: dec.map(format).unwrap_or_default(),
            rec: if dec.is_some() { "E4A" } else { "" }.to_string(),
            reason_place_change: String::new(),
            home_post: home_post.clone(),
            pl_post: pl_post.clone(),
            urn: urn.clone(),
        });
    };
    if series {
        while t + 3 < eighteen && t <= f.export {
            let end = t + rng.range(1, 3);
            push(t, (end <= f.export).then_some(end), "V3");
            t = end + rng.range(14, 45);
        }
    } else {
        while t + 30 < eighteen && t <= f.export {
            let end = (t + rng.range(180, 366)).min(eighteen);
            push(t, (end <= f.export).then_some(end), "V4");
            t = end + rng.range(1, 30);
        }
    }
    out.header.push(HeaderRow {
        child: id.to_string(),
        sex: sex_code(sex, ctx.new_sex_codes).to_string(),
        dob: format(dob),
        ethnic: ethnicity(rng, false).to_string(),
        upn: upn(rng, false, false, c.la_code),
        mother: if sex == 'F' && age_at(dob, f.year_end) >= 12 {
            "0"
        } else {
            ""
        }
        .to_string(),
        mc_dob: String::new(),
    });
}

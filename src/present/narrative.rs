//! The drafted narrative of each section: a short paragraph in a committee paper's words,
//! built only from the figures the section already shows (its [`Figure`]s and [`Table`]s,
//! with publication mode applied by the section builders) and last year's figures from the
//! report's trend: "On 31 March 2025, 534 children were looked after, an increase of 74
//! (16%) from the previous year." [`super::sections`] fills each [`Section::narrative`] from
//! here, once, so the page, the CLI's text and the Word paper start from the same words.
//!
//! What it says and how:
//! * a count in words that agree with it ("1 child", "2 children", "no children"), UK number
//!   style (1,234; 87.5%), UK dates and "2024-25" for a year (`present::dates`);
//! * the change on last year as a number and a whole per cent of last year ("an increase of
//!   74 (16%) from the previous year", "a fall of", "the same as the previous year"), only
//!   when last year is in the trend from an export of its own (a year read from later exports
//!   undercounts, so a change from it would mislead);
//! * against the council's target ("above the 87% target"), judged as the figure's own
//!   [`super::TargetCheck`] judges it;
//! * against England and the statistical neighbours when a council is chosen;
//! * the largest groups of a breakdown, read from the section's table as shown;
//! * a plausibility check's caveat beside the figure it bears on.
//!
//! Publication mode: a count shown as "fewer than 5" reads so in words, a hidden count or
//! percentage leaves its sentence out, and no percentage is worked out here from a count the
//! section does not show, so nothing small can be worked out from the words either.
//! Depends only on the present layer and the report value.

use chrono::Datelike;

use super::dates::{long_date, year_label};
use super::targets::shown_percent;
use super::{thousands, Block, Figure, Presentation, Section, SectionId, Table, Value};
use crate::model::Date;
use crate::report::keys::{
    AgeBand, EthnicGroup, Key, LeaverGroup, LegalStatus, Participation, Placement, Sex,
};
use crate::report::{Report, TrendYear};

/// The drafted paragraphs of `section`, from its own blocks and the report it was built from.
/// `headlines` is the report's headlines section, whose figures carry the target checks
/// other sections' words follow.
pub fn draft(section: &Section, headlines: &Section, r: &Report, p: &Presentation) -> Vec<String> {
    let d = Draft {
        r,
        p,
        blocks: &section.blocks,
        headlines: &headlines.blocks,
    };
    let paragraphs = match section.id {
        SectionId::Headlines => d.headlines(),
        SectionId::Reviews => d.reviews(),
        SectionId::InCare => d.in_care(),
        SectionId::Flows => d.flows(),
        SectionId::Stability => d.stability(),
        SectionId::IroService => d.iro_service(),
        SectionId::Trends => d.trends(),
        SectionId::DataQuality => d.data_quality(),
    };
    paragraphs.into_iter().filter(|p| !p.is_empty()).collect()
}

/// `n` with its noun agreeing: "no children", "1 child", "1,234 children", and in
/// publication mode "fewer than 5 children". `None` for a value that is not a count shown
/// (hidden, not available), whose sentence is then left out.
pub fn counted(v: &Value, one: &str, many: &str) -> Option<String> {
    match v {
        Value::Count(0) => Some(format!("no {many}")),
        Value::Count(1) => Some(format!("1 {one}")),
        Value::Count(n) => Some(format!("{} {many}", thousands(*n))),
        Value::Suppressed => Some(format!("{} {many}", super::FEWER_THAN_5)),
        _ => None,
    }
}

/// A count shown as a number: "1,234", or "fewer than 5"; `None` when not shown.
fn number(v: &Value) -> Option<String> {
    match v {
        Value::Count(_) | Value::Suppressed => Some(v.display()),
        _ => None,
    }
}

/// The change from `before` to `now` in words: "an increase of 74 (16%) from the previous
/// year", "a fall of 3 (less than 1%) from the previous year", "the same as the previous
/// year", "up from none the previous year". The per cent is of `before`, whole, halves up.
pub fn change_words(before: u64, now: u64) -> String {
    let diff = now.abs_diff(before);
    if diff == 0 {
        return "the same as the previous year".into();
    }
    if before == 0 {
        return "up from none the previous year".into();
    }
    let (b, d) = (u128::from(before), u128::from(diff));
    // round(diff * 100 / before), halves up.
    let whole = (200 * d + b) / (2 * b);
    let pct = if whole == 0 {
        "less than 1%".to_string()
    } else {
        format!("{whole}%")
    };
    let way = if now > before {
        "an increase"
    } else {
        "a fall"
    };
    format!(
        "{way} of {} ({pct}) from the previous year",
        thousands(diff)
    )
}

/// How a figure of `ours` compares with England's and the statistical neighbours' published
/// figures, in `unit` after England's ("%" or " per 10,000"): "higher than England (67 per
/// 10,000) and our statistical neighbours (50)", "lower than England (12%) but higher than
/// our statistical neighbours (8%)". `None` when neither is published.
pub fn versus(
    ours: u64,
    unit: &str,
    england: Option<u64>,
    neighbours: Option<u64>,
) -> Option<String> {
    let way = |theirs: u64| match ours.cmp(&theirs) {
        std::cmp::Ordering::Greater => "higher than",
        std::cmp::Ordering::Less => "lower than",
        std::cmp::Ordering::Equal => "the same as",
    };
    let short = if unit == "%" { "%" } else { "" };
    match (england, neighbours) {
        (Some(e), Some(n)) if way(e) == way(n) => Some(format!(
            "{} England ({e}{unit}) and our statistical neighbours ({n}{short})",
            way(e)
        )),
        (Some(e), Some(n)) => Some(format!(
            "{} England ({e}{unit}) but {} our statistical neighbours ({n}{short})",
            way(e),
            way(n)
        )),
        (Some(e), None) => Some(format!("{} England ({e}{unit})", way(e))),
        (None, Some(n)) => Some(format!("{} our statistical neighbours ({n}{unit})", way(n))),
        (None, None) => None,
    }
}

/// A percentage figure against its target in per cent: "above the 87% target", "below the
/// 10% target", "meeting the 87% target". `None` without a target or when the figure cannot
/// be judged (hidden, too little data: `judged` is the figure's own check).
///
/// `at` is the word for a figure equal to its target: "meeting" after a comma, "at" after
/// "this is".
fn against_target(value: &Value, target: Option<f64>, judged: bool, at: &str) -> Option<String> {
    let target = target?;
    let Value::Percent {
        numerator,
        denominator,
        decimals,
    } = value
    else {
        return None;
    };
    if !judged {
        return None;
    }
    let shown = shown_percent(*numerator, *denominator, *decimals)?;
    let t = target_number(target);
    Some(if shown > target {
        format!("above the {t}% target")
    } else if shown < target {
        format!("below the {t}% target")
    } else {
        format!("{at} the {t}% target")
    })
}

/// `87` for 87.0, `87.5` for 87.5.
fn target_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Sentences joined into a paragraph.
fn paragraph(sentences: Vec<String>) -> String {
    sentences.join(" ")
}

/// A figure of a trend year.
type Get = fn(&TrendYear) -> Option<u64>;

/// What a section's narrative is drafted from.
struct Draft<'a> {
    r: &'a Report,
    p: &'a Presentation,
    blocks: &'a [Block],
    headlines: &'a [Block],
}

impl<'a> Draft<'a> {
    /// The headline figure of the section whose JSON path is `path`.
    fn figure(&self, path: &str) -> Option<&'a Figure> {
        self.figures().find(|f| f.json_path == Some(path))
    }

    /// The headline figure of the section labelled `label`.
    fn labelled(&self, label: &str) -> Option<&'a Figure> {
        self.figures().find(|f| f.label.starts_with(label))
    }

    fn figures(&self) -> impl Iterator<Item = &'a Figure> {
        self.blocks.iter().flat_map(|b| match b {
            Block::Figures(f) => f.as_slice(),
            _ => &[],
        })
    }

    /// The section's table `id`.
    fn table(&self, id: &str) -> Option<&'a Table> {
        self.blocks.iter().find_map(|b| match b {
            Block::Table(t) if t.id == id => Some(t),
            _ => None,
        })
    }

    /// The year before the report's, when the trend has it from an export of its own.
    fn last_year(&self) -> Option<&'a TrendYear> {
        let before = Date::from_ymd_opt(self.r.year_ending.year() - 1, 3, 31)?;
        self.r.trend.get(&before).filter(|y| y.own_export)
    }

    /// ", an increase of 74 (16%) from the previous year" when `now` is a count shown and last
    /// year's figure (`get`) is a count publication mode shows too; else nothing.
    fn change(&self, now: &Value, get: Get) -> String {
        let Value::Count(n) = now else {
            return String::new();
        };
        let Some(before) = self.last_year().and_then(get) else {
            return String::new();
        };
        match self.p.count(before) {
            Value::Count(b) => format!(", {}", change_words(b, *n)),
            _ => String::new(),
        }
    }

    /// "The year" as the report writes it: "2024-25".
    fn year(&self) -> String {
        year_label(self.r.year_ending.year())
    }

    fn on(&self) -> String {
        long_date(self.r.year_ending)
    }

    /// A percentage of two counts the section shows (`Count`s), by publication mode's rule;
    /// `None` when either is not shown or the percentage is hidden.
    fn share(&self, part: &Value, of: &Value, decimals: u8) -> Option<String> {
        match (part, of) {
            (Value::Count(n), Value::Count(d)) => match self.p.percent(*n, *d, decimals) {
                v @ Value::Percent { .. } => Some(v.display()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The section's caveats of `figures` as one paragraph: "About these figures. Children looked after on 31 March 2025: includes 1 child aged 18 or over...".
    fn caveats(&self, figures: &[Option<&Figure>]) -> String {
        let notes: Vec<String> = figures
            .iter()
            .flatten()
            .filter_map(|f| f.caveat.as_ref().map(|c| format!("{}: {c}.", f.label)))
            .collect();
        if notes.is_empty() {
            String::new()
        } else {
            format!("About these figures. {}", notes.join(" "))
        }
    }

    /// The two largest groups of a breakdown table as shown, among the rows whose label is a
    /// key of `K` (leaving out DfE's group rows, which hold other rows): "By legal status, the
    /// largest groups were Full care order (400 children, 65%) and ...". Only rows whose count
    /// and share are both shown, and that count someone.
    /// `columns` are the count's and the share's indexes in each row's cells.
    fn largest<K: Key>(
        &self,
        table: &str,
        (count, share): (usize, usize),
        by: &str,
        noun: (&str, &str),
    ) -> Option<String> {
        let t = self.table(table)?;
        let labels: Vec<&str> = K::ALL.iter().map(|k| k.label()).collect();
        let mut rows: Vec<(&str, u64, String)> = t
            .rows
            .iter()
            .filter(|row| labels.contains(&row.label.as_str()))
            .filter_map(|row| match (row.cells.get(count), row.cells.get(share)) {
                (Some(Value::Count(n)), Some(pc @ Value::Percent { .. })) if *n > 0 => {
                    Some((row.label.as_str(), *n, pc.display()))
                }
                _ => None,
            })
            .collect();
        // Largest first; the table's order among equals.
        rows.sort_by_key(|row| std::cmp::Reverse(row.1));
        let described: Vec<String> = rows
            .iter()
            .take(2)
            .enumerate()
            .map(|(i, (label, n, pc))| {
                let count = if i == 0 {
                    counted(&Value::Count(*n), noun.0, noun.1).unwrap_or_default()
                } else {
                    thousands(*n)
                };
                format!("\u{201c}{label}\u{201d} with {count} ({pc})")
            })
            .collect();
        match described.as_slice() {
            [] => None,
            [one] => Some(format!("By {by}, the largest group was {one}.")),
            [one, two, ..] => Some(format!("By {by}, the largest groups were {one} and {two}.")),
        }
    }

    fn headlines(&self) -> Vec<String> {
        let mut s = Vec::new();
        let cla = self.figure("cla_at_31_march.total");
        if let Some(text) = cla.and_then(|f| counted(&f.value, "child", "children")) {
            let value = &cla.map(|f| f.value.clone()).unwrap_or(Value::NotAvailable);
            s.push(format!(
                "On {} the council was corporate parent to {text} looked after{}.",
                self.on(),
                self.change(value, |y| Some(y.cla_at_31_march))
            ));
            if let Some(rate) = self.rate_sentence(value) {
                s.push(rate);
            }
        }
        let started = self
            .figure("started")
            .and_then(|f| counted(&f.value, "child", "children"));
        let ceased = self
            .figure("ceased.total")
            .and_then(|f| counted(&f.value, "child", "children"));
        match (started, ceased) {
            (Some(a), Some(b)) => s.push(format!(
                "During {}, {a} started to be looked after and {b} stopped being looked after.",
                self.year()
            )),
            (Some(a), None) => s.push(format!(
                "During {}, {a} started to be looked after.",
                self.year()
            )),
            (None, Some(b)) => s.push(format!(
                "During {}, {b} stopped being looked after.",
                self.year()
            )),
            (None, None) => {}
        }
        let held = self.figure("reviews.held");
        if let Some(text) =
            held.and_then(|f| counted(&f.value, "child in care review", "child in care reviews"))
        {
            let value = held.map(|f| f.value.clone()).unwrap_or(Value::NotAvailable);
            s.push(format!(
                "The IRO service chaired {text}{}.",
                self.change(&value, |y| y.reviews_held)
            ));
        }
        let on_time = self.labelled("Reviews held on time");
        if let Some(f) = on_time.filter(|f| matches!(f.value, Value::Percent { .. })) {
            let target = self.target(f, self.p.targets.reviews_on_time);
            s.push(format!(
                "Of the reviews whose due date could be checked, {} were held on time{target}.",
                f.value.display()
            ));
        }
        let took_part = self.labelled("Children aged 4 and over who took part");
        if let Some(f) = took_part.filter(|f| matches!(f.value, Value::Percent { .. })) {
            let target = self.target(f, self.p.targets.participation);
            s.push(format!(
                "Children aged 4 and over took part in {} of their reviews{target}.",
                f.value.display()
            ));
        }
        let caveats = self.caveats(&[
            cla,
            self.figure("started"),
            self.figure("ceased.total"),
            on_time,
            took_part,
        ]);
        vec![paragraph(s), caveats]
    }

    /// ", above the 87% target" for a percentage figure with a target, as its check judged it.
    fn target(&self, f: &Figure, target: Option<f64>) -> String {
        let judged = f.target.as_ref().is_some_and(|t| t.judged);
        against_target(&f.value, target, judged, "meeting")
            .map(|t| format!(", {t}"))
            .unwrap_or_default()
    }

    /// "This is a rate of 55 per 10,000 children, higher than England (67 per 10,000) and our
    /// statistical neighbours (50)." With a council chosen and the total shown.
    fn rate_sentence(&self, total: &Value) -> Option<String> {
        let rate = self.r.cla_at_31_march.rate_per_10000?;
        if !matches!(total, Value::Count(_)) {
            return None;
        }
        let compared = self.r.benchmarks.as_ref().and_then(|b| {
            versus(
                rate,
                " per 10,000",
                b.england.cla_at_31_march.rate_per_10000,
                b.statistical_neighbours
                    .figures
                    .cla_at_31_march
                    .rate_per_10000,
            )
        });
        Some(match compared {
            Some(c) => format!("This is a rate of {rate} per 10,000 children, {c}."),
            None => format!("This is a rate of {rate} per 10,000 children."),
        })
    }

    fn reviews(&self) -> Vec<String> {
        let mut s = Vec::new();
        let held = self.figure("reviews.held");
        let children = self.figure("reviews.children_reviewed");
        if let Some(text) =
            held.and_then(|f| counted(&f.value, "child in care review", "child in care reviews"))
        {
            let value = held.map(|f| f.value.clone()).unwrap_or(Value::NotAvailable);
            let of = children
                .and_then(|f| counted(&f.value, "child", "children"))
                .map(|c| format!(" for {c}"))
                .unwrap_or_default();
            s.push(format!(
                "In {} the IRO service chaired {text}{of}{}.",
                self.year(),
                self.change(&value, |y| y.reviews_held)
            ));
        }
        let on_time = self.figure("reviews.on_time").map(|f| &f.value);
        let late = self.figure("reviews.late").map(|f| &f.value);
        // The reviews that could be checked are those on time and late, both shown here:
        // their sum reveals nothing the page does not.
        if let (Some(on @ Value::Count(a)), Some(late @ Value::Count(b))) = (on_time, late) {
            let checked = Value::Count(a + b);
            if let (Some(on_pc), Some(late_pc)) =
                (self.share(on, &checked, 1), self.share(late, &checked, 1))
            {
                let target = self
                    .headline("Reviews held on time")
                    .map(|f| self.target(f, self.p.targets.reviews_on_time))
                    .unwrap_or_default();
                s.push(format!(
                    "Of the {} reviews whose due date could be checked, {} ({on_pc}) were held \
                     on time{target}, and {} ({late_pc}) were late.",
                    checked.display(),
                    on.display(),
                    late.display()
                ));
                let last = self.last_year().and_then(|y| {
                    let shown = self.p.percent(y.reviews_on_time?, y.reviews_assessable?, 0);
                    matches!(shown, Value::Percent { .. }).then_some(y.reviews_on_time_percent?)
                });
                if let Some(pc) = last {
                    s.push(format!(
                        "In {}, {pc}% were held on time.",
                        year_label(self.r.year_ending.year() - 1)
                    ));
                }
            }
        }
        let overdue = self.figure("reviews.overdue_at_year_end");
        if let Some(f) = overdue {
            let target = match (&f.value, self.p.targets.overdue_reviews) {
                (Value::Count(n), Some(t)) if f.target.as_ref().is_some_and(|c| c.judged) => {
                    if *n <= t {
                        format!(", within the target of {} or fewer", thousands(t))
                    } else {
                        format!(", above the target of {} or fewer", thousands(t))
                    }
                }
                _ => String::new(),
            };
            let sentence = match &f.value {
                Value::Count(0) => Some("no child was overdue a review".to_string()),
                Value::Count(1) => Some("1 child was overdue a review".to_string()),
                v => counted(v, "child", "children").map(|c| format!("{c} were overdue a review")),
            };
            if let Some(text) = sentence {
                s.push(format!("On {}, {text}{target}.", self.on()));
            }
        }
        let (took_part, aged_4_plus) = self.r.reviews.participation.took_part();
        let took = self.p.count(took_part);
        let of = self.p.count(aged_4_plus);
        if let Some(pc) = self.share(&took, &of, 1) {
            let target = self
                .headline("Children aged 4 and over who took part")
                .map(|f| self.target(f, self.p.targets.participation))
                .unwrap_or_default();
            s.push(format!(
                "Children aged 4 and over took part in {pc} of their reviews ({} of {}){target}.",
                took.display(),
                of.display()
            ));
        }
        if let Some(groups) = self.largest::<Participation>(
            "review-participation",
            (0, 1),
            "how the child took part",
            ("review", "reviews"),
        ) {
            s.push(groups);
        }
        vec![paragraph(s), self.caveats(&[overdue])]
    }

    /// The headlines section's figure labelled `label`: its target check is the one the
    /// other sections' words follow.
    fn headline(&self, label: &str) -> Option<&'a Figure> {
        self.headlines
            .iter()
            .flat_map(|b| match b {
                Block::Figures(f) => f.as_slice(),
                _ => &[],
            })
            .find(|f| f.label.starts_with(label))
    }

    fn in_care(&self) -> Vec<String> {
        let mut s = Vec::new();
        let cla = self.figure("cla_at_31_march.total");
        let total = cla.map(|f| f.value.clone()).unwrap_or(Value::NotAvailable);
        if let Some(text) = counted(&total, "child was", "children were") {
            s.push(format!(
                "On {}, {text} looked after{}.",
                self.on(),
                self.change(&total, |y| Some(y.cla_at_31_march))
            ));
            if let Some(rate) = self.rate_sentence(&total) {
                s.push(rate);
            }
        }
        if let Some(sexes) = self.sex_sentence(&total) {
            s.push(sexes);
        }
        let children = ("child", "children");
        // The age-and-sex table has a column per sex before all children and their share.
        let all = Sex::ALL.len();
        s.extend(self.largest::<AgeBand>("age-and-sex", (all, all + 1), "age", children));
        s.extend(self.largest::<EthnicGroup>("ethnicity", (0, 1), "ethnic group", children));
        // Who the children are, then how and where they are looked after.
        let mut how = Vec::new();
        how.extend(self.largest::<LegalStatus>("legal-status", (0, 1), "legal status", children));
        how.extend(self.largest::<Placement>(
            "placement-type",
            (0, 1),
            "type of placement",
            children,
        ));
        if let Some(f) = self.figure("cla_at_31_march.uasc") {
            let pc = self.share(&f.value, &total, 0);
            let compared = match (&pc, &self.r.benchmarks, &f.value, &total) {
                (Some(_), Some(b), Value::Count(n), Value::Count(t)) => versus(
                    whole_percent(*n, *t),
                    "%",
                    b.england.cla_at_31_march.uasc,
                    b.statistical_neighbours.figures.cla_at_31_march.uasc,
                )
                .map(|c| format!(", {c}"))
                .unwrap_or_default(),
                _ => String::new(),
            };
            let text = match (&f.value, pc) {
                (Value::Count(0), _) => Some(
                    "None of the children looked after was an unaccompanied asylum-seeking child."
                        .to_string(),
                ),
                (v, Some(pc)) => number(v).map(|n| {
                    let verb = if matches!(v, Value::Count(1)) {
                        "was an unaccompanied asylum-seeking child"
                    } else {
                        "were unaccompanied asylum-seeking children"
                    };
                    format!("Of the children looked after, {n} ({pc}) {verb}{compared}.")
                }),
                (v @ Value::Suppressed, None) => Some(format!(
                    "Of the children looked after, {} were unaccompanied asylum-seeking children.",
                    v.display()
                )),
                _ => None,
            };
            how.extend(text);
        }
        how.extend(self.over_20_sentence(&total));
        let over_20 = self.headline("Children placed more than 20 miles from home");
        vec![paragraph(s), paragraph(how), self.caveats(&[cla, over_20])]
    }

    /// "By sex, 54% were male (330) and 46% female (282)." From the age-and-sex table's total
    /// row (a column per sex), each share of all children as publication mode allows.
    fn sex_sentence(&self, total: &Value) -> Option<String> {
        let t = self.table("age-and-sex")?;
        let row = t.total.as_ref()?;
        let parts: Vec<String> = Sex::ALL
            .iter()
            .zip(&row.cells)
            .filter(|(_, v)| !matches!(v, Value::Count(0)))
            .map(|(sex, v)| {
                let label = sex.label().to_lowercase();
                match self.share(v, total, 0) {
                    // "1 not recorded", not "0% not recorded (1)".
                    Some(pc) if pc == "0%" => Some(format!("{} {label}", v.display())),
                    Some(pc) => Some(format!("{pc} {label} ({})", v.display())),
                    None => match v {
                        Value::Suppressed => Some(format!("{} {label}", v.display())),
                        _ => None,
                    },
                }
            })
            .collect::<Option<Vec<String>>>()?;
        match parts.as_slice() {
            [] => None,
            [one] => Some(format!("By sex, the children were {one}.")),
            [init @ .., last] => Some(format!(
                "By sex, the children were {} and {last}.",
                init.join(", ")
            )),
        }
    }

    /// "There were 124 children (20%) placed more than 20 miles from home, above the 10%
    /// target." The headline figure, with its target check.
    fn over_20_sentence(&self, total: &Value) -> Option<String> {
        let f = self.headline("Children placed more than 20 miles from home")?;
        if f.value == Value::Count(0) {
            return Some("No child was placed more than 20 miles from home.".into());
        }
        let text = counted(&f.value, "child", "children")?;
        let Some(pc) = self.share(&f.value, total, 0) else {
            return Some(format!(
                "There {} {text} placed more than 20 miles from home.",
                if matches!(f.value, Value::Count(1)) {
                    "was"
                } else {
                    "were"
                }
            ));
        };
        let target = match (&f.value, total) {
            (Value::Count(n), Value::Count(t)) => {
                let judged = f.target.as_ref().is_some_and(|c| c.judged);
                against_target(
                    &self.p.percent(*n, *t, 0),
                    self.p.targets.over_20_miles,
                    judged,
                    "meeting",
                )
                .map(|w| format!(", {w}"))
                .unwrap_or_default()
            }
            _ => String::new(),
        };
        Some(format!(
            "There {} {text} ({pc}) placed more than 20 miles from home{target}.",
            if matches!(f.value, Value::Count(1)) {
                "was"
            } else {
                "were"
            }
        ))
    }

    fn flows(&self) -> Vec<String> {
        let mut s = Vec::new();
        let started = self.figure("started");
        if let Some(f) = started {
            if let Some(text) = counted(&f.value, "child", "children") {
                s.push(format!(
                    "During {}, {text} started to be looked after{}.",
                    self.year(),
                    self.change(&f.value, |y| Some(y.started))
                ));
            }
        }
        if let Some(f) = self.figure("started_uasc") {
            let of = started.map_or(Value::NotAvailable, |f| f.value.clone());
            let verb = if matches!(f.value, Value::Count(1)) {
                "was an unaccompanied asylum-seeking child"
            } else {
                "were unaccompanied asylum-seeking children"
            };
            match (&f.value, self.share(&f.value, &of, 0)) {
                (Value::Count(0), _) => {}
                (v, Some(pc)) => {
                    s.extend(number(v).map(|n| format!("Of these, {n} ({pc}) {verb}.")))
                }
                (v @ Value::Suppressed, None) => {
                    s.push(format!("Of these, {} {verb}.", v.display()))
                }
                _ => {}
            }
        }
        let ceased = self.figure("ceased.total");
        if let Some(f) = ceased {
            if let Some(text) = counted(&f.value, "child", "children") {
                s.push(format!(
                    "In the same year, {text} stopped being looked after{}.",
                    self.change(&f.value, |y| Some(y.ceased))
                ));
            }
        }
        s.extend(self.largest::<LeaverGroup>(
            "leavers-by-reason",
            (0, 1),
            "reason for leaving care",
            ("child", "children"),
        ));
        vec![paragraph(s), self.caveats(&[started, ceased])]
    }

    fn stability(&self) -> Vec<String> {
        let mut s = Vec::new();
        let cla = &self.r.cla_at_31_march;
        let bm = self.r.benchmarks.as_ref();
        let three = self.figure("cla_at_31_march.three_plus_placements");
        let total = self.p.count(cla.total);
        if let (Some(f), Some(of)) = (three, counted(&total, "child", "children")) {
            if matches!(f.value, Value::Count(0)) && !matches!(total, Value::Count(0)) {
                s.push(format!(
                    "During {}, none of the {of} looked after on {} had 3 or more placements.",
                    self.year(),
                    self.on()
                ));
            } else if let Some(n) = number(&f.value).filter(|_| total != Value::Count(0)) {
                let pc = self.share(&f.value, &total, 0);
                s.push(format!(
                    "During {}, {n} of the {of} looked after on {}{} had 3 or more \
                     placements{}.",
                    self.year(),
                    self.on(),
                    pc.as_ref().map(|pc| format!(" ({pc})")).unwrap_or_default(),
                    self.change(&f.value, |y| Some(y.three_plus_placements))
                ));
                if let Some(pc) = pc {
                    let judged = f.target.as_ref().is_some_and(|c| c.judged);
                    let shown = self.p.percent(cla.three_plus_placements, cla.total, 0);
                    let against = [
                        against_target(&shown, self.p.targets.three_plus_placements, judged, "at"),
                        bm.and_then(|b| {
                            versus(
                                whole_percent(cla.three_plus_placements, cla.total),
                                "%",
                                b.england.cla_at_31_march.three_plus_placements,
                                b.statistical_neighbours
                                    .figures
                                    .cla_at_31_march
                                    .three_plus_placements,
                            )
                        }),
                    ];
                    let against: Vec<String> = against.into_iter().flatten().collect();
                    if !against.is_empty() {
                        s.push(format!("At {pc}, this is {}.", against.join(" and ")));
                    }
                }
            }
        }
        let stable = self.labelled("Same carers for 2 years or more");
        if let Some(f) = stable.filter(|f| matches!(f.value, Value::Percent { .. })) {
            let lt = &cla.long_term_stability;
            let target = self.target(f, self.p.targets.long_term_stability);
            let compared = bm
                .and_then(|b| {
                    versus(
                        whole_percent(lt.stable, lt.eligible),
                        "%",
                        b.england.cla_at_31_march.long_term_stability,
                        b.statistical_neighbours
                            .figures
                            .cla_at_31_march
                            .long_term_stability,
                    )
                })
                .map(|c| {
                    format!(
                        " Rounded to a whole per cent ({}%), this is {c}.",
                        whole_percent(lt.stable, lt.eligible)
                    )
                })
                .unwrap_or_default();
            s.extend(
                counted(&self.p.count(lt.eligible), "child", "children").map(|eligible| {
                    format!(
                    "Of the {eligible} under 16 who had been in care for at least two and a half \
                     years, {} had lived with the same carers for 2 years or \
                     more{target}.{compared}",
                    f.value.display()
                )
                }),
            );
        }
        vec![paragraph(s), self.caveats(&[three])]
    }

    fn iro_service(&self) -> Vec<String> {
        let mut s = Vec::new();
        let svc = &self.r.iro_service;
        if let Some(c) = &svc.caseload {
            if let Some(per) = c.at_year_end.per_fte {
                let band = if per < 50 {
                    "below"
                } else if per > 70 {
                    "above"
                } else {
                    "within"
                };
                let average = c
                    .year_average
                    .map(|a| format!(" ({a} on average over the year)"))
                    .unwrap_or_default();
                let children = if per == 1 { "child" } else { "children" };
                s.push(format!(
                    "On {}, the IROs had {per} {children} for each full-time post{average}, \
                     {band} the 50 to 70 the IRO Handbook suggests.",
                    self.on()
                ));
            }
        }
        if let Some(f) = self.labelled("Records completed within") {
            if matches!(f.value, Value::Percent { .. }) {
                let days = svc.records.as_ref().map_or(20, |r| r.deadline_working_days);
                s.push(format!(
                    "Of the review records due, {} were completed within {days} working days.",
                    f.value.display()
                ));
            }
        }
        if let (Some(f), Some(c)) = (
            self.figure("iro_service.cancelled.cancelled"),
            svc.cancelled.as_ref(),
        ) {
            // The share as the figure's own detail gives it: of the reviews held or cancelled.
            let of = self.p.count(c.held + c.cancelled);
            let share = self
                .share(&f.value, &of, 1)
                .map(|pc| format!(" ({pc} of the reviews held or cancelled)"))
                .unwrap_or_default();
            let sentence = match &f.value {
                Value::Count(0) => Some("No review was cancelled in the year.".to_string()),
                Value::Count(1) => Some(format!("In the year, 1 review was cancelled{share}.")),
                v => counted(v, "review", "reviews")
                    .map(|c| format!("In the year, {c} were cancelled{share}.")),
            };
            s.extend(sentence);
        }
        if let Some(f) = self.figure("iro_service.disputes.total") {
            let sentence = match &f.value {
                Value::Count(0) => Some("IROs raised no disputes in the year.".to_string()),
                v => counted(v, "dispute", "disputes")
                    .map(|c| format!("IROs raised {c} in the year.")),
            };
            s.extend(sentence);
        }
        vec![paragraph(s)]
    }

    fn trends(&self) -> Vec<String> {
        let own: Vec<(i32, &TrendYear)> = self
            .r
            .trend
            .iter()
            .filter(|(_, y)| y.own_export)
            .map(|(d, y)| (d.year(), y))
            .collect();
        let (Some(&(first, a)), Some(&(last, b))) = (own.first(), own.last()) else {
            return Vec::new();
        };
        if first == last {
            return vec![format!(
                "Only {} was loaded from an export of its own; the earlier years are read from \
                 later exports, which hold only the children still looked after in later \
                 years, so no change over the years is drafted here.",
                year_label(last)
            )];
        }
        let mut s = vec![format!(
            "From {} to {},",
            year_label(first),
            year_label(last)
        )];
        let mut items = Vec::new();
        let measures: [(&str, Get); 4] = [
            ("children looked after on 31 March", |y| {
                Some(y.cla_at_31_march)
            }),
            ("children who started to be looked after", |y| {
                Some(y.started)
            }),
            ("children who stopped being looked after", |y| {
                Some(y.ceased)
            }),
            ("reviews held", |y| y.reviews_held),
        ];
        for (what, get) in measures {
            let (Some(x), Some(y)) = (get(a), get(b)) else {
                continue;
            };
            let (Value::Count(x), Value::Count(y)) = (self.p.count(x), self.p.count(y)) else {
                continue;
            };
            let way = match y.cmp(&x) {
                std::cmp::Ordering::Greater => {
                    format!("rose from {} to {}", thousands(x), thousands(y))
                }
                std::cmp::Ordering::Less => {
                    format!("fell from {} to {}", thousands(x), thousands(y))
                }
                std::cmp::Ordering::Equal => format!("stayed at {}", thousands(x)),
            };
            items.push(format!("{what} {way}"));
        }
        if items.is_empty() {
            return Vec::new();
        }
        let list = match items.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join("; ")),
            [] => String::new(),
        };
        s[0] = format!("{} {list}.", s[0]);
        vec![paragraph(s)]
    }

    fn data_quality(&self) -> Vec<String> {
        let r = self.r;
        let read: u64 = r.inputs.iter().map(|i| i.rows_read).sum();
        let used: u64 = r.inputs.iter().map(|i| i.rows_used).sum();
        let set_aside: u64 = r.inputs.iter().map(|i| i.rows_rejected).sum();
        let files = {
            let mut names: Vec<&str> = r.inputs.iter().map(|i| i.file.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            names.len() as u64
        };
        let mut s = vec![format!(
            "The figures come from {} read from {}: {} used and {} set aside.",
            counted(&Value::Count(read), "row", "rows").unwrap_or_default(),
            counted(&Value::Count(files), "file", "files").unwrap_or_default(),
            thousands(used),
            thousands(set_aside)
        )];
        let warned = r.data_quality.warnings.len() as u64;
        if warned > 0 {
            s.push(format!(
                "Of the rows used, {} a warning.",
                match warned {
                    1 => "1 carried".to_string(),
                    n => format!("{} carried", thousands(n)),
                }
            ));
        }
        let checks = super::warnings(r, self.p).len();
        s.push(match checks {
            0 => "No check found data that cannot be right.".to_string(),
            1 => "One check found data that cannot be right: see below before taking these \
                  figures to committee."
                .to_string(),
            n => format!(
                "{n} checks found data that cannot be right: see below before taking these \
                 figures to committee."
            ),
        });
        vec![paragraph(s)]
    }
}

/// `n` of `d` as a whole per cent, halves up (as DfE and the comparison tables round); 0 of
/// nothing.
fn whole_percent(n: u64, d: u64) -> u64 {
    if d == 0 {
        0
    } else {
        (200 * n + d) / (2 * d)
    }
}

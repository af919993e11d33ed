//! The council's targets for the headline measures, and whether each was met.

use serde::{Deserialize, Serialize};

use super::{Presentation, Value, FEWER_THAN_5};

/// Targets a council sets for its headline measures; `None` = no target. Percentages are
/// per cent (87.0 = 87%).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Targets {
    /// % of reviews held on time (higher is better).
    pub reviews_on_time: Option<f64>,
    /// % of reviews of children aged 4 and over in which the child took part (higher is better).
    pub participation: Option<f64>,
    /// % of children looked after with 3 or more placements in the year (lower is better).
    pub three_plus_placements: Option<f64>,
    /// % of children looked after placed more than 20 miles from home (lower is better).
    pub over_20_miles: Option<f64>,
    /// % of eligible children with the same carers for 2 years or more (higher is better).
    pub long_term_stability: Option<f64>,
    /// Children overdue a review at the year end (lower is better).
    pub overdue_reviews: Option<u64>,
}

/// A figure's target and whether it was met.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetCheck {
    /// `"Target 87%: met"`, `"Target 10% or lower: not met"`,
    /// `"Target 87%: not shown (fewer than 5)"`.
    pub text: String,
    /// Whether the figure met the target; `false` when it could not be judged (hidden in
    /// publication mode, a percentage of nothing, or too little data), which the text then
    /// says.
    pub met: bool,
    /// Whether the figure could be judged against the target at all.
    pub judged: bool,
}

/// What a target reads when its figure covers under half of its children or reviews.
pub const TOO_LITTLE_DATA: &str = "not judged: too little data";

/// Which way a measure improves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

/// `87` for 87.0, `87.5` for 87.5.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn verdict(target_text: String, met: Option<bool>, why_not: &str) -> TargetCheck {
    match met {
        Some(met) => TargetCheck {
            text: format!("{target_text}: {}", if met { "met" } else { "not met" }),
            met,
            judged: true,
        },
        None => TargetCheck {
            text: format!("{target_text}: {why_not}"),
            met: false,
            judged: false,
        },
    }
}

fn target_words(target: String, better: Better) -> String {
    match better {
        Better::Higher => format!("Target {target}"),
        Better::Lower => format!("Target {target} or lower"),
    }
}

/// The check of a percentage `value` (as [`Presentation::percent`] gives it) against a target
/// in per cent. The percentage is compared as shown (rounded to its decimals), so a figure
/// shown as "87.0%" meets a target of 87%.
pub fn check_percent(value: &Value, target: Option<f64>, better: Better) -> Option<TargetCheck> {
    let target = target?;
    let words = target_words(format!("{}%", number_text(target)), better);
    let shown = match value {
        Value::Percent {
            numerator,
            denominator,
            decimals,
        } => shown_percent(*numerator, *denominator, *decimals),
        _ => None,
    };
    let why_not = match value {
        Value::Suppressed => format!("not shown ({FEWER_THAN_5})"),
        Value::Hidden => "not shown in publication mode".to_string(),
        _ => "not available".to_string(),
    };
    Some(verdict(
        words,
        shown.map(|v| match better {
            Better::Higher => v >= target,
            Better::Lower => v <= target,
        }),
        &why_not,
    ))
}

/// As [`check_percent`], but "not judged: too little data" when the figure covers under
/// half of what it is about: `covered` of `of` children or reviews (`covered * 2 < of`).
pub fn check_percent_covering(
    value: &Value,
    target: Option<f64>,
    better: Better,
    covered: u64,
    of: u64,
) -> Option<TargetCheck> {
    let target = target?;
    if covered * 2 < of {
        return Some(TargetCheck {
            text: format!(
                "{}, {TOO_LITTLE_DATA}",
                target_words(format!("{}%", number_text(target)), better)
            ),
            met: false,
            judged: false,
        });
    }
    check_percent(value, Some(target), better)
}

/// The check of a count (as [`Presentation::count`] gives it) against a target count.
pub fn check_count(value: &Value, target: Option<u64>, better: Better) -> Option<TargetCheck> {
    let target = target?;
    let words = match better {
        Better::Higher => format!("Target {} or more", super::thousands(target)),
        Better::Lower => format!("Target {} or fewer", super::thousands(target)),
    };
    let met = match value {
        Value::Count(n) => Some(match better {
            Better::Higher => *n >= target,
            Better::Lower => *n <= target,
        }),
        _ => None,
    };
    Some(verdict(words, met, &format!("not shown ({FEWER_THAN_5})")))
}

/// `numerator / denominator` in per cent, rounded as [`super::percent_text`] shows it.
pub(super) fn shown_percent(numerator: u64, denominator: u64, decimals: u8) -> Option<f64> {
    if denominator == 0 {
        return None;
    }
    let scale = 10u128.pow(u32::from(decimals));
    let (n, d) = (u128::from(numerator), u128::from(denominator));
    let scaled = (2 * n * 100 * scale + d) / (2 * d);
    Some(scaled as f64 / scale as f64)
}

impl Presentation {
    /// The targets in force, as the data-quality section lists them.
    pub fn target_settings(&self) -> Vec<(String, String)> {
        let t = &self.targets;
        let pct = |x: Option<f64>, better: Better| match x {
            Some(x) => match better {
                Better::Higher => format!("{}% or higher", number_text(x)),
                Better::Lower => format!("{}% or lower", number_text(x)),
            },
            None => "No target set".to_string(),
        };
        vec![
            (
                "Target: reviews held on time".into(),
                pct(t.reviews_on_time, Better::Higher),
            ),
            (
                "Target: children aged 4 and over who took part in their review".into(),
                pct(t.participation, Better::Higher),
            ),
            (
                "Target: children with 3 or more placements in the year".into(),
                pct(t.three_plus_placements, Better::Lower),
            ),
            (
                "Target: children placed more than 20 miles from home".into(),
                pct(t.over_20_miles, Better::Lower),
            ),
            (
                "Target: same carers for 2 years or more".into(),
                pct(t.long_term_stability, Better::Higher),
            ),
            (
                "Target: children overdue a review on 31 March".into(),
                t.overdue_reviews.map_or("No target set".to_string(), |n| {
                    format!("{} or fewer", super::thousands(n))
                }),
            ),
        ]
    }
}

//! The report's settings on the page: how to count (the `option:` settings of MEASURES.md),
//! the council to compare with, and targets for the headline figures. Each form hands its new
//! value up; none holds the page's state.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::state::Shared;
use crate::present::Targets;
use crate::session::{CouncilChoice, Outcome};
use crate::settings::{IroSettings, Settings};

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub settings: Settings,
    pub on_change: Callback<Settings>,
}

/// The `option:` settings of MEASURES.md.
#[function_component(SettingsForm)]
pub fn settings_form(props: &SettingsProps) -> Html {
    let toggle = |id: &'static str,
                  label: &'static str,
                  hint: &'static str,
                  checked: bool,
                  set: fn(&mut Settings, bool)| {
        let settings = props.settings.clone();
        let on_change = props.on_change.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut s = settings.clone();
            set(&mut s, input.checked());
            on_change.emit(s);
        });
        let hint_id = format!("{id}-hint");
        html! {
            <div class="checkboxes__item">
                <input class="checkboxes__input" id={id} type="checkbox" checked={checked}
                       onchange={onchange} aria-describedby={hint_id.clone()} />
                <label class="label checkboxes__label" for={id}>{label}</label>
                <div class="hint" id={hint_id}>{hint}</div>
            </div>
        }
    };
    let s = &props.settings;
    html! {
        <fieldset class="fieldset form-group">
            <legend class="fieldset__legend">{"How to count"}</legend>
            { toggle("setting-same-carer", "Count moves to the same carer as placements",
                     "Moves with the same carer (a new address or a change of status) count toward 3 or more placements.",
                     s.count_same_carer_moves, |s, v| s.count_same_carer_moves = v) }
            { toggle("setting-temporary", "Count temporary placements",
                     "Short temporary placements (holidays, hospital stays) and the return that follows them count as placements.",
                     s.count_temporary_placements, |s, v| s.count_temporary_placements = v) }
            { toggle("setting-chinese", "Count Chinese ethnicity as \u{201c}other ethnic group\u{201d}",
                     "DfE counts it as Asian or Asian British; some councils count it as other.",
                     s.chinese_as_other, |s, v| s.chinese_as_other = v) }
        </fieldset>
    }
}

/// A change to the IRO service's settings, or why the value entered cannot be one.
type Change = dyn Fn(&mut IroSettings) -> Result<(), String>;

/// The IRO service's settings (MEASURES.md section 7.2): the record deadline, how caseloads
/// count, the dispute stages and the role values that mean an IRO.
#[function_component(IroSettingsForm)]
pub fn iro_settings_form(props: &SettingsProps) -> Html {
    let error = use_state(|| None::<String>);
    let s = &props.settings.iro;
    // Hands up `change` applied to the settings, or says why it cannot be used.
    let apply = {
        let settings = props.settings.clone();
        let on_change = props.on_change.clone();
        let error = error.clone();
        move |change: Box<Change>| {
            let mut next = settings.clone();
            let checked = change(&mut next.iro).and_then(|()| match next.iro.problem() {
                Some(why) => Err(why),
                None => Ok(()),
            });
            match checked {
                Ok(()) => {
                    error.set(None);
                    on_change.emit(next);
                }
                Err(why) => error.set(Some(why)),
            }
        }
    };
    let on_deadline = {
        let apply = apply.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            apply(Box::new(move |iro| {
                iro.record_deadline_working_days = text.trim().parse().map_err(|_| {
                    "the record deadline: enter a whole number of working days, like 20".to_string()
                })?;
                Ok(())
            }))
        })
    };
    let on_caseload = {
        let apply = apply.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let on = input.checked();
            apply(Box::new(move |iro| {
                iro.caseload_looked_after_only = on;
                Ok(())
            }))
        })
    };
    let lines = |text: &str, split: char| -> Vec<String> {
        text.split(split)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let on_stages = {
        let apply = apply.clone();
        Callback::from(move |e: Event| {
            let input: HtmlTextAreaElement = e.target_unchecked_into();
            let stages = lines(&input.value(), '\n');
            apply(Box::new(move |iro| {
                iro.dispute_stages = stages.clone();
                Ok(())
            }))
        })
    };
    let on_roles = {
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let roles = lines(&input.value(), ',');
            apply(Box::new(move |iro| {
                iro.iro_roles = roles.clone();
                Ok(())
            }))
        })
    };
    html! {
        <fieldset class={classes!("fieldset", "form-group", error.is_some().then_some("form-group--error"))}>
            <legend class="fieldset__legend">{"The IRO service"}</legend>
            if let Some(message) = &*error {
                <p class="error-message" id="iro-settings-error" role="alert"><span class="visually-hidden">{"Error: "}</span>{crate::ui::messages::capitalise(message)}</p>
            }
            <div class="form-group">
                <label class="label" for="setting-record-deadline">{"Record deadline"}</label>
                <div class="hint" id="setting-record-deadline-hint">{"A review's record counts as on time if completed within this many working days after the review (weekends and bank holidays do not count)."}</div>
                <input class="input input--width-4" id="setting-record-deadline" type="text" inputmode="numeric"
                       value={s.record_deadline_working_days.to_string()} onchange={on_deadline}
                       aria-describedby="setting-record-deadline-hint" />
            </div>
            <div class="checkboxes__item">
                <input class="checkboxes__input" id="setting-caseload-looked-after" type="checkbox"
                       checked={s.caseload_looked_after_only} onchange={on_caseload}
                       aria-describedby="setting-caseload-looked-after-hint" />
                <label class="label checkboxes__label" for="setting-caseload-looked-after">{"Count in caseloads only children looked after on the day"}</label>
                <div class="hint" id="setting-caseload-looked-after-hint">{"Otherwise every child allocated to an IRO counts, looked after or not."}</div>
            </div>
            <div class="form-group">
                <label class="label" for="setting-dispute-stages">{"Dispute stages, lowest first"}</label>
                <div class="hint" id="setting-dispute-stages-hint">{"One stage a line. A dispute is counted at the highest stage it reached; a stage not listed is \u{201c}other stage\u{201d}."}</div>
                <textarea class="input mapping__stages" id="setting-dispute-stages" rows="5"
                          value={s.dispute_stages.join("\n")} onchange={on_stages}
                          aria-describedby="setting-dispute-stages-hint" />
            </div>
            <div class="form-group">
                <label class="label" for="setting-iro-roles">{"Role values that mean an IRO"}</label>
                <div class="hint" id="setting-iro-roles-hint">{"In an allocations export's role column; separate them with commas."}</div>
                <input class="input" id="setting-iro-roles" type="text" value={s.iro_roles.join(", ")}
                       onchange={on_roles} aria-describedby="setting-iro-roles-hint" />
            </div>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct TargetsProps {
    pub targets: Targets,
    pub on_change: Callback<Targets>,
}

/// A target per headline measure; each figure then says whether it was met.
#[function_component(TargetsForm)]
pub fn targets_form(props: &TargetsProps) -> Html {
    type Get = fn(&Targets) -> Option<f64>;
    type Set = fn(&mut Targets, Option<f64>);
    let fields: [(&str, &str, &str, Get, Set); 6] = [
        (
            "target-on-time",
            "Reviews held on time",
            "%, at least",
            |t| t.reviews_on_time,
            |t, v| t.reviews_on_time = v,
        ),
        (
            "target-participation",
            "Children aged 4 and over who took part",
            "%, at least",
            |t| t.participation,
            |t, v| t.participation = v,
        ),
        (
            "target-overdue",
            "Children overdue a review on 31 March",
            "children, at most",
            |t| t.overdue_reviews.map(|n| n as f64),
            |t, v| t.overdue_reviews = v.map(|n| n.round().max(0.0) as u64),
        ),
        (
            "target-three-plus",
            "3 or more placements in the year",
            "%, at most",
            |t| t.three_plus_placements,
            |t, v| t.three_plus_placements = v,
        ),
        (
            "target-distance",
            "Placed more than 20 miles from home",
            "%, at most",
            |t| t.over_20_miles,
            |t, v| t.over_20_miles = v,
        ),
        (
            "target-stability",
            "Same carers for 2 years or more",
            "%, at least",
            |t| t.long_term_stability,
            |t, v| t.long_term_stability = v,
        ),
    ];
    let error = use_state(|| None::<String>);
    html! {
        <fieldset class="fieldset form-group targets">
            <legend class="fieldset__legend">{"Targets (optional)"}</legend>
            <div class="hint">{"Set a target and the figure says whether it was met. Leave a box empty for no target."}</div>
            if let Some(message) = &*error {
                <p class="error-message" id="targets-error"><span class="visually-hidden">{"Error: "}</span>{message}</p>
            }
            { for fields.into_iter().map(|(id, label, unit, get, set)| {
                let targets = props.targets.clone();
                let on_change = props.on_change.clone();
                let error = error.clone();
                let onchange = Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    let text = input.value().trim().trim_end_matches('%').trim().to_string();
                    let value = if text.is_empty() {
                        None
                    } else {
                        match text.parse::<f64>() {
                            Ok(v) if (0.0..=100_000.0).contains(&v) => Some(v),
                            _ => {
                                error.set(Some(format!("{label}: enter a number, like 87, or leave it empty.")));
                                return;
                            }
                        }
                    };
                    error.set(None);
                    let mut t = targets.clone();
                    set(&mut t, value);
                    on_change.emit(t);
                });
                let value = get(&props.targets).map(|v| v.to_string()).unwrap_or_default();
                let hint_id = format!("{id}-hint");
                html! {
                    <div class="targets__item">
                        <label class="label" for={id}>{label}</label>
                        <input class="input input--width-4" id={id} type="text" inputmode="decimal" value={value}
                               {onchange} aria-describedby={hint_id.clone()} />
                        <span class="targets__unit" id={hint_id}>{unit}</span>
                    </div>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct CouncilProps {
    /// The worker's answer, whose councils the picker lists (shared, not copied).
    pub outcome: Shared<Outcome>,
    pub settings: Settings,
    pub on_change: Callback<Settings>,
}

/// "Your council": a text field with the councils as suggestions (type to search), so the
/// report can be compared with DfE's figures for it, its neighbours, its region and England.
///
/// A name that is no council takes the comparison away (the report must not go on showing the
/// council chosen before beside an error saying the field is wrong) and stays in the field,
/// to be corrected.
#[function_component(CouncilPicker)]
pub fn council_picker(props: &CouncilProps) -> Html {
    // The words typed that are not a council, with the message saying so.
    let error = use_state(|| None::<(String, String)>);
    let label = |c: &CouncilChoice| format!("{} ({})", c.name, c.code);
    let current = props
        .settings
        .la
        .as_deref()
        .and_then(|code| props.outcome.councils.iter().find(|c| c.code == code))
        .map(label)
        .unwrap_or_default();
    let onchange = {
        let outcome = props.outcome.clone();
        let settings = props.settings.clone();
        let on_change = props.on_change.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value().trim().to_string();
            let mut s = settings.clone();
            if text.is_empty() {
                s.la = None;
            } else {
                let wanted = text.to_lowercase();
                let found = outcome.councils.iter().find(|c| {
                    wanted == c.code
                        || wanted == c.name.to_lowercase()
                        || wanted == format!("{} ({})", c.name, c.code).to_lowercase()
                });
                match found {
                    Some(c) => s.la = Some(c.code.clone()),
                    None => {
                        error.set(Some((
                            text.clone(),
                            format!(
                                "\u{201c}{text}\u{201d} is not a council in DfE's figures, so the report is not compared with one. Start typing its name and choose it from the list."
                            ),
                        )));
                        s.la = None;
                        if s != settings {
                            on_change.emit(s);
                        }
                        return;
                    }
                }
            }
            error.set(None);
            if s != settings {
                on_change.emit(s);
            }
        })
    };
    html! {
        <div class={classes!("form-group", error.is_some().then_some("form-group--error"))}>
            <label class="label" for="council">{"Your council"}</label>
            <div class="hint" id="council-hint">{"To compare with DfE's published figures for your council, its statistical neighbours, its region and England. Type to search; leave empty for no comparison."}</div>
            if let Some((_, message)) = &*error {
                <p class="error-message" id="council-error"><span class="visually-hidden">{"Error: "}</span>{message}</p>
            }
            <input class={classes!("input", error.is_some().then_some("input--error"))} id="council" type="text" list="council-list"
                   autocomplete="off" spellcheck="false" value={error.as_ref().map_or(current, |(typed, _)| typed.clone())} onchange={onchange}
                   aria-describedby={if error.is_some() { "council-hint council-error" } else { "council-hint" }} />
            <datalist id="council-list">
                { for props.outcome.councils.iter().map(|c| html!{ <option value={label(c)}>{&c.region}</option> }) }
            </datalist>
        </div>
    }
}

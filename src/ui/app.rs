//! The page's root: loading (drop anywhere, file picker, sample data), progress, the loaded
//! files, the settings, and the report.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{DragEvent, File, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::bridge::Bridge;
use super::storage::{self, Remembered};
use super::view::{FilesPanel, ReportView};
use crate::present::{Presentation, Targets};
use crate::session::{CouncilChoice, Options, Outcome, Request, Response};
use crate::settings::Settings;

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    pub outcome: Option<Rc<Outcome>>,
    /// Work under way: message, step, steps.
    pub progress: Option<(String, u32, u32)>,
    pub year: Option<i32>,
    pub remembered: Remembered,
    /// The page failed to start its worker.
    pub fatal: Option<String>,
}

pub enum Action {
    Heard(Response),
    Busy(String),
    Year(Option<i32>),
    Publication(bool),
    Settings(Settings),
    Targets(Targets),
    Fatal(String),
    Cleared,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Heard(Response::Listening) => {}
            Action::Heard(Response::Progress {
                message,
                step,
                steps,
            }) => next.progress = Some((message, step, steps)),
            Action::Heard(Response::Ready(outcome)) => {
                next.progress = None;
                next.outcome = Some(Rc::new(*outcome));
            }
            Action::Busy(message) => next.progress = Some((message, 0, 3)),
            Action::Year(year) => next.year = year,
            Action::Publication(on) => next.remembered.publication = on,
            Action::Settings(settings) => next.remembered.settings = settings,
            Action::Targets(targets) => next.remembered.targets = targets,
            Action::Fatal(message) => {
                next.fatal = Some(message);
                next.progress = None;
            }
            Action::Cleared => {
                next.outcome = None;
                next.year = None;
                next.progress = None;
            }
        }
        Rc::new(next)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        remembered: storage::load(),
        ..State::default()
    });
    let bridge: Rc<RefCell<Option<Bridge>>> = use_mut_ref(|| None);
    let dragging = use_state(|| false);
    let file_input = use_node_ref();

    {
        let state = state.clone();
        let bridge = bridge.clone();
        use_effect_with((), move |_| {
            let dispatch = state.dispatcher();
            let heard = Callback::from(move |r| dispatch.dispatch(Action::Heard(r)));
            let dispatch = state.dispatcher();
            let failed = Callback::from(move |m| dispatch.dispatch(Action::Fatal(m)));
            match Bridge::spawn(heard, failed) {
                Ok(b) => {
                    // Settings remembered from an earlier visit apply from the first figures.
                    b.send(&Request::Options(options(&state, None)), &[]);
                    *bridge.borrow_mut() = Some(b);
                }
                Err(e) => state.dispatch(Action::Fatal(e)),
            }
            mark("careboard-usable");
            move || drop(bridge.borrow_mut().take())
        });
    }
    {
        let remembered = state.remembered.clone();
        use_effect_with(remembered, storage::save);
    }

    let send = {
        let bridge = bridge.clone();
        let state = state.clone();
        Callback::from(
            move |(request, files, busy): (Request, Vec<File>, String)| {
                if let Some(b) = bridge.borrow().as_ref() {
                    state.dispatch(Action::Busy(busy));
                    b.send(&request, &files);
                }
            },
        )
    };
    let add_files = {
        let send = send.clone();
        Callback::from(move |files: Vec<File>| {
            if files.is_empty() {
                return;
            }
            mark("careboard-files-chosen");
            let busy = format!(
                "Opening {}",
                if files.len() == 1 {
                    "1 file".to_string()
                } else {
                    format!("{} files", files.len())
                }
            );
            send.emit((Request::Add, files, busy));
        })
    };
    let on_input_change = {
        let add_files = add_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            add_files.emit(files_of(input.files()));
            // The same file may be chosen again later (it is then reported as loaded already).
            input.set_value("");
        })
    };
    let on_choose = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_sample = {
        let send = send.clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            mark("careboard-files-chosen");
            // The sample starts from its default year, as the worker does.
            state.dispatch(Action::Year(None));
            send.emit((
                Request::Sample,
                vec![],
                "Making the sample council".to_string(),
            ))
        })
    };
    let on_clear = {
        let send = send.clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            send.emit((Request::Clear, vec![], "Clearing".to_string()));
            state.dispatch(Action::Cleared);
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving the page, not moving between its elements.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let on_drop = {
        let dragging = dragging.clone();
        let add_files = add_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(dt) = e.data_transfer() {
                add_files.emit(files_of(dt.files()));
            }
        })
    };
    let on_year = {
        let send = send.clone();
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let year = select.value().parse::<i32>().ok();
            state.dispatch(Action::Year(year));
            send.emit((
                Request::Options(options(&state, year)),
                vec![],
                "Working out the figures".to_string(),
            ));
        })
    };
    let on_publication = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Publication(input.checked()));
        })
    };
    let on_setting = {
        let send = send.clone();
        let state = state.clone();
        Callback::from(move |settings: Settings| {
            state.dispatch(Action::Settings(settings.clone()));
            let opts = Options {
                year: state.year,
                settings,
            };
            send.emit((
                Request::Options(opts),
                vec![],
                "Working out the figures".to_string(),
            ));
        })
    };

    let presentation = Presentation {
        publication: state.remembered.publication,
        targets: state.remembered.targets.clone(),
    };
    let on_targets = {
        let state = state.clone();
        Callback::from(move |t: Targets| state.dispatch(Action::Targets(t)))
    };
    let outcome = state.outcome.clone();
    let report = outcome.as_ref().and_then(|o| o.report.clone()).map(Rc::new);
    let busy = state.progress.is_some();
    let report_state = if busy {
        "working"
    } else if report.is_some() {
        "ready"
    } else {
        "empty"
    };
    html! {
        <div class={classes!("page", dragging.then_some("page--dragging"))}
             ondragover={on_drag_over} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
             ondragleave={on_drag_leave} ondrop={on_drop}>
            <a class="skip-link" href="#main">{"Skip to main content"}</a>
            <header class="masthead" role="banner">
                <div class="width-container">
                    <p class="masthead__service">{"Careboard"}</p>
                    <p class="masthead__tagline">{"IRO annual report figures from your 903 export. Your files stay on this computer."}</p>
                </div>
            </header>
            <main id="main" class="width-container" tabindex="-1">
                if let Some(fatal) = &state.fatal {
                    <div class="error-summary" role="alert">
                        <h2 class="error-summary__title">{"There is a problem"}</h2>
                        <p>{fatal}</p>
                    </div>
                }
                <h1 class="heading-xl">{"Children in care: IRO annual report figures"}</h1>
                <section class="load no-print" aria-labelledby="load-heading">
                    <h2 id="load-heading" class="heading-m">{"Load your 903 export"}</h2>
                    <p class="body">
                        {"Drop the export's files anywhere on this page, or choose them. CSV, Excel (.xlsx) and DfE XML files are read; you can add more files at any time, such as last year's export. "}
                        <strong>{"The files are read on this computer and are never sent anywhere."}</strong>
                    </p>
                    <div class="load__actions">
                        <input ref={file_input} id="file-input" class="visually-hidden" type="file" multiple=true
                               accept=".csv,.xlsx,.xml,.txt,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                               onchange={on_input_change} aria-labelledby="choose-files" tabindex="-1" />
                        <button type="button" class="button" id="choose-files" onclick={on_choose} disabled={busy}>{"Choose files"}</button>
                        <button type="button" class="button button--secondary" id="sample-button" onclick={on_sample} disabled={busy}>{"Try it with sample data"}</button>
                        if outcome.as_ref().is_some_and(|o| !o.files.is_empty()) {
                            <button type="button" class="button button--warning" id="clear-button" onclick={on_clear} disabled={busy}>{"Remove all files"}</button>
                        }
                    </div>
                    <div class="drop-hint" aria-hidden="true">{"Drop files here"}</div>
                </section>
                <div class="progress-area" role="status" aria-live="polite">
                    if let Some((message, step, steps)) = &state.progress {
                        <div class="progress">
                            <p class="body">{format!("{message}…")}</p>
                            <progress max={steps.to_string()} value={step.to_string()}>{format!("step {step} of {steps}")}</progress>
                        </div>
                    }
                </div>
                if let Some(outcome) = &outcome {
                    if let Some(error) = &outcome.error {
                        <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                            <h2 class="error-summary__title">{"There is a problem with the files"}</h2>
                            <p class="body">{error}</p>
                            <p class="body">{"Check the list of files below: it says what each one was recognised as, or why it could not be used."}</p>
                        </div>
                    }
                    { for outcome.notices.iter().map(|n| html!{ <div class="notice" role="status"><p class="body">{n}</p></div> }) }
                    <FilesPanel outcome={outcome.clone()} />
                }
                if let Some(report) = report.clone() {
                    <section class="controls no-print" aria-labelledby="controls-heading">
                        <h2 id="controls-heading" class="heading-m">{"Report settings"}</h2>
                        <div class="controls__grid">
                            <div class="form-group">
                                <label class="label" for="year">{"Reporting year"}</label>
                                <div class="hint" id="year-hint">{"Chosen from the latest dates in the files; change it to report on an earlier year."}</div>
                                <select id="year" class="select" onchange={on_year} aria-describedby="year-hint" disabled={busy}>
                                    { for outcome.as_ref().map(|o| o.years.clone()).unwrap_or_default().into_iter().map(|y| {
                                        let selected = chrono::Datelike::year(&report.year_ending) == y;
                                        html! { <option value={y.to_string()} selected={selected}>{format!("1 April {} to 31 March {}", y - 1, y)}</option> }
                                    }) }
                                </select>
                            </div>
                            <div class="form-group">
                                <div class="checkboxes__item">
                                    <input class="checkboxes__input" id="publication-mode" type="checkbox"
                                           checked={state.remembered.publication} onchange={on_publication}
                                           aria-describedby="publication-hint" />
                                    <label class="label checkboxes__label" for="publication-mode">{"Publication mode"}</label>
                                </div>
                                <div class="hint" id="publication-hint">{"For public papers: hides lists of children, shows counts from 1 to 4 as \u{201c}fewer than 5\u{201d} and hides percentages worked out from them, on the page, in print and in downloads."}</div>
                            </div>
                            <CouncilPicker councils={outcome.as_ref().map(|o| Rc::new(o.councils.clone())).unwrap_or_default()}
                                           settings={state.remembered.settings.clone()} on_change={on_setting.clone()} disabled={busy} />
                            <SettingsForm settings={state.remembered.settings.clone()} on_change={on_setting} disabled={busy} />
                            <TargetsForm targets={state.remembered.targets.clone()} on_change={on_targets} />
                        </div>
                    </section>
                    <ReportView report={report} presentation={presentation} state={report_state} />
                } else {
                    <div id="report" data-state={report_state}></div>
                    if outcome.is_none() && !busy {
                        <section class="intro" aria-labelledby="intro-heading">
                            <h2 id="intro-heading" class="heading-m">{"What you get"}</h2>
                            <ul class="list list--bullet">
                                <li>{"Headline figures for the committee: children looked after, reviews on time, participation, placement stability."}</li>
                                <li>{"Reviews month by month, who is in care, who started and left care and why."}</li>
                                <li>{"Charts and tables you can download, and a print layout ready to attach to an agenda."}</li>
                                <li>{"A list of every row that could not be used, and why."}</li>
                            </ul>
                        </section>
                    }
                }
            </main>
            <footer class="footer no-print" role="contentinfo">
                <div class="width-container">
                    <p class="body-s">{"Careboard works entirely in your browser: no file, figure or child's ID leaves this computer. Definitions follow the SSDA903 guidance and the method notes in the report."}</p>
                </div>
            </footer>
        </div>
    }
}

/// The options to send: the year shown (or the default) and the remembered settings.
fn options(state: &UseReducerHandle<State>, year: Option<i32>) -> Options {
    Options {
        year: year.or(state.year),
        settings: state.remembered.settings.clone(),
    }
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A performance mark for the speed benchmark (`performance.getEntriesByName`).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

#[derive(Properties, PartialEq)]
struct SettingsProps {
    settings: Settings,
    on_change: Callback<Settings>,
    disabled: bool,
}

/// The `option:` settings of MEASURES.md.
#[function_component(SettingsForm)]
fn settings_form(props: &SettingsProps) -> Html {
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
                       onchange={onchange} aria-describedby={hint_id.clone()} disabled={props.disabled} />
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

#[derive(Properties, PartialEq)]
struct TargetsProps {
    targets: Targets,
    on_change: Callback<Targets>,
}

/// A target per headline measure; each figure then says whether it was met.
#[function_component(TargetsForm)]
fn targets_form(props: &TargetsProps) -> Html {
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
struct CouncilProps {
    councils: Rc<Vec<CouncilChoice>>,
    settings: Settings,
    on_change: Callback<Settings>,
    disabled: bool,
}

/// "Your council": a text field with the councils as suggestions (type to search), so the
/// report can be compared with DfE's figures for it, its neighbours, its region and England.
#[function_component(CouncilPicker)]
fn council_picker(props: &CouncilProps) -> Html {
    let error = use_state(|| None::<String>);
    let label = |c: &CouncilChoice| format!("{} ({})", c.name, c.code);
    let current = props
        .settings
        .la
        .as_deref()
        .and_then(|code| props.councils.iter().find(|c| c.code == code))
        .map(label)
        .unwrap_or_default();
    let onchange = {
        let councils = props.councils.clone();
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
                let found = councils.iter().find(|c| {
                    wanted == c.code
                        || wanted == c.name.to_lowercase()
                        || wanted == format!("{} ({})", c.name, c.code).to_lowercase()
                });
                match found {
                    Some(c) => s.la = Some(c.code.clone()),
                    None => {
                        error.set(Some(format!(
                            "\u{201c}{text}\u{201d} is not a council in DfE's figures. Start typing its name and choose it from the list."
                        )));
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
            if let Some(message) = &*error {
                <p class="error-message" id="council-error"><span class="visually-hidden">{"Error: "}</span>{message}</p>
            }
            <input class={classes!("input", error.is_some().then_some("input--error"))} id="council" type="text" list="council-list"
                   autocomplete="off" spellcheck="false" value={current} onchange={onchange} disabled={props.disabled}
                   aria-describedby={if error.is_some() { "council-hint council-error" } else { "council-hint" }} />
            <datalist id="council-list">
                { for props.councils.iter().map(|c| html!{ <option value={label(c)}>{&c.region}</option> }) }
            </datalist>
        </div>
    }
}

//! The page's root: loading (drop anywhere, file picker, sample data), progress, the loaded
//! files, the settings, and the report. It wires the reducer of [`super::state`] to the
//! worker's [`Bridge`] and to the components below it; it holds no state of its own beyond
//! the drag highlight.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{DragEvent, File, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::bridge::Bridge;
use super::browser;
use super::files::FilesPanel;
use super::forms::{CouncilPicker, IroSettingsForm, SettingsForm, TargetsForm};
use super::mapper::{MappingStep, MAPPING_HEADING};
use super::messages;
use super::report::{ReportView, REPORT_HEADING};
use super::state::{Action, Shared, State, Status};
use crate::mapping::{Profile, TableMapping};
use crate::present::{Presentation, Targets};
use crate::session::{Options, Outcome, Request, Step};
use crate::settings::Settings;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(State::reduce(&self, action))
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        remembered: browser::load_remembered(),
        ..State::default()
    });
    let bridge: Rc<RefCell<Option<Bridge>>> = use_mut_ref(|| None);
    let dragging = use_state(|| false);
    let file_input = use_node_ref();
    let profile_input = use_node_ref();
    // What became of the last profile loaded: `Ok` says what it held, `Err` why it was refused.
    let profile_note = use_state(|| None::<Result<String, String>>);
    // The reading of a profile file under way (dropping it would stop it).
    let profile_reader: Rc<RefCell<Option<gloo_file::callbacks::FileReader>>> =
        use_mut_ref(|| None);
    // Set when files (or the sample) were asked for: once the report is ready, focus moves to
    // its heading, so keyboard and screen reader users land on what they asked for.
    let focus_report: Rc<RefCell<bool>> = use_mut_ref(|| false);

    {
        let state = state.clone();
        let bridge = bridge.clone();
        use_effect_with((), move |_| {
            let dispatch = state.dispatcher();
            let heard = Callback::from(move |r| dispatch.dispatch(Action::Heard(r)));
            let dispatch = state.dispatcher();
            let stopped = Callback::from(move |s| dispatch.dispatch(Action::Stopped(s)));
            let dispatch = state.dispatcher();
            let set_aside = Callback::from(move |f| dispatch.dispatch(Action::SetAside(f)));
            match Bridge::spawn(heard, stopped, set_aside) {
                Ok(b) => {
                    // Settings remembered from an earlier visit apply from the first figures.
                    b.send(&Request::Options(options(&state, None)), &[]);
                    // So are the column mappings remembered.
                    let mappings = state.remembered.mappings.clone();
                    if !mappings.is_empty() {
                        b.send(&Request::Profile(profile_of(mappings)), &[]);
                    }
                    *bridge.borrow_mut() = Some(b);
                }
                Err(stop) => state.dispatch(Action::Stopped(stop)),
            }
            browser::mark("careboard-usable");
            move || drop(bridge.borrow_mut().take())
        });
    }
    {
        let remembered = state.remembered.clone();
        use_effect_with(remembered, browser::save_remembered);
    }

    let send = {
        let bridge = bridge.clone();
        let state = state.clone();
        Callback::from(
            move |(request, files, busy): (Request, Vec<File>, String)| {
                if let Some(b) = bridge.borrow().as_ref() {
                    state.dispatch(Action::Asked(busy));
                    b.send(&request, &files);
                }
            },
        )
    };
    let add_files = {
        let send = send.clone();
        let focus_report = focus_report.clone();
        Callback::from(move |files: Vec<File>| {
            if files.is_empty() {
                return;
            }
            *focus_report.borrow_mut() = true;
            browser::mark("careboard-files-chosen");
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
    // While the worker is busy the load buttons stay focusable (`aria-disabled`, not
    // `disabled`, which would drop the keyboard's focus to the page body) and do nothing.
    let busy = state.status.busy();
    let on_choose = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if busy {
                return;
            }
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_sample = {
        let send = send.clone();
        let state = state.clone();
        let focus_report = focus_report.clone();
        Callback::from(move |_: MouseEvent| {
            if busy {
                return;
            }
            *focus_report.borrow_mut() = true;
            browser::mark("careboard-files-chosen");
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
        let bridge = bridge.clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if busy {
                return;
            }
            if let Some(b) = bridge.borrow().as_ref() {
                state.dispatch(Action::Cleared);
                b.send(&Request::Clear, &[]);
                // This button goes with the files; focus stays on the load controls.
                browser::focus_id("choose-files");
            }
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

    let on_mapping = {
        let send = send.clone();
        let state = state.clone();
        let focus_report = focus_report.clone();
        Callback::from(move |mapping: TableMapping| {
            let mut profile = profile_of(state.remembered.mappings.clone());
            profile.set(mapping);
            state.dispatch(Action::Mappings(profile.tables.clone()));
            *focus_report.borrow_mut() = true;
            send.emit((
                Request::Profile(profile),
                vec![],
                "Reading the files with your mapping".to_string(),
            ));
        })
    };
    let on_save_profile = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let profile = Profile {
                tables: state.remembered.mappings.clone(),
                settings: Some(state.remembered.settings.iro.clone()),
                child_population: None,
            };
            browser::download_text(
                "careboard-profile.json",
                "application/json",
                &profile.to_json(),
            );
        })
    };
    let on_choose_profile = {
        let profile_input = profile_input.clone();
        Callback::from(move |_: MouseEvent| {
            if busy {
                return;
            }
            if let Some(input) = profile_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_profile_change = {
        let send = send.clone();
        let state = state.clone();
        let profile_note = profile_note.clone();
        let profile_reader = profile_reader.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = files_of(input.files()).into_iter().next() else {
                return;
            };
            input.set_value("");
            let name = file.name();
            let send = send.clone();
            let state = state.clone();
            let profile_note = profile_note.clone();
            let file = gloo_file::File::from(file);
            let reader = gloo_file::callbacks::read_as_bytes(&file, move |read| {
                let parsed = match read {
                    Ok(bytes) => Profile::from_json(&name, &bytes).map_err(|e| e.to_string()),
                    Err(_) => Err(format!(
                        "\"{name}\" could not be opened: it may have been moved, or be open in another program."
                    )),
                };
                match parsed {
                    Ok(profile) => {
                        let mut settings = state.remembered.settings.clone();
                        if let Some(iro) = &profile.settings {
                            settings.iro = iro.clone();
                            state.dispatch(Action::Settings(settings.clone()));
                            send.emit((
                                Request::Options(Options {
                                    year: state.year,
                                    settings,
                                }),
                                vec![],
                                "Working out the figures".to_string(),
                            ));
                        }
                        state.dispatch(Action::Mappings(profile.tables.clone()));
                        profile_note.set(Some(Ok(format!(
                            "Mapping profile \"{name}\" loaded: {}{}.",
                            match profile.tables.len() {
                                1 => "1 file mapping".to_string(),
                                n => format!("{n} file mappings"),
                            },
                            if profile.settings.is_some() {
                                " and the IRO service settings"
                            } else {
                                ""
                            }
                        ))));
                        send.emit((
                            Request::Profile(Profile {
                                settings: None,
                                ..profile
                            }),
                            vec![],
                            "Reading the files with the profile".to_string(),
                        ));
                    }
                    Err(message) => {
                        profile_note.set(Some(Err(message)));
                        yew::platform::spawn_local(async {
                            browser::focus_id("profile-error");
                        });
                    }
                }
            });
            *profile_reader.borrow_mut() = Some(reader);
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
    let on_narrative = {
        let state = state.clone();
        Callback::from(move |(section, text)| state.dispatch(Action::Narrative { section, text }))
    };
    let outcome: Option<Shared<Outcome>> = state.status.shown().cloned();
    let report = outcome.as_ref().and_then(|o| o.report.clone()).map(Shared);
    let report_state = state.status.report_state();
    {
        // Effects run after the page is updated, so the report's heading is there to focus.
        let focus_report = focus_report.clone();
        let problem = outcome.as_ref().is_some_and(|o| o.problem.is_some());
        // Only an answer with a report or a problem in it is the one asked for: the empty
        // answer to the options the page sends as it starts can arrive after a quick press.
        let to_map = outcome.as_ref().is_some_and(|o| !o.to_map.is_empty());
        let answered = outcome
            .as_ref()
            .is_some_and(|o| o.report.is_some() || o.problem.is_some() || to_map);
        use_effect_with((outcome.clone(), busy), move |(_, busy)| {
            if !*busy && answered && focus_report.replace(false) {
                // Files waiting for their mapping need the user first.
                let _ = (to_map && browser::focus_id(MAPPING_HEADING))
                    || browser::focus_id(REPORT_HEADING)
                    || (problem && browser::focus_id("error-summary"))
                    || browser::focus_id("report-status");
            }
        });
    }
    let ready_status = match (&report, busy) {
        (Some(r), false) => Some(format!(
            "The report is ready: children in care figures, {}.",
            crate::present::year_span(r)
        )),
        _ => None,
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
                if let Status::Stopped { stop, .. } = &state.status {
                    <div class="error-summary" role="alert">
                        <h2 class="error-summary__title">{"There is a problem"}</h2>
                        <p>{messages::stop(*stop)}</p>
                    </div>
                }
                if !state.set_aside.is_empty() {
                    <div class="error-summary" role="alert" id="set-aside-summary">
                        <h2 class="error-summary__title">{"There is a problem with a file"}</h2>
                        { for state.set_aside.iter().map(|f| html!{ <p class="body" data-set-aside={f.clone()}>{messages::set_aside(f)}</p> }) }
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
                        <button type="button" class="button" id="choose-files" onclick={on_choose} aria-disabled={busy.to_string()}>{"Choose files"}</button>
                        <button type="button" class="button button--secondary" id="sample-button" onclick={on_sample} aria-disabled={busy.to_string()}>{"Try it with sample data"}</button>
                        if outcome.as_ref().is_some_and(|o| !o.files.is_empty()) {
                            <button type="button" class="button button--warning" id="clear-button" onclick={on_clear} aria-disabled={busy.to_string()}>{"Remove all files"}</button>
                        }
                    </div>
                    <p class="body">{"Your IRO service's own exports (review meetings, allocations, disputes) in your case-management system's shape are read through a mapping: Careboard asks for one when it does not recognise a file, and can keep it in a mapping profile (no child's data) for next time."}</p>
                    <div class="load__actions">
                        <input ref={profile_input} id="profile-input" class="visually-hidden" type="file"
                               accept=".json,application/json" onchange={on_profile_change}
                               aria-labelledby="load-profile" tabindex="-1" />
                        <button type="button" class="button button--secondary" id="load-profile" onclick={on_choose_profile} aria-disabled={busy.to_string()}>{"Load mapping profile"}</button>
                        <button type="button" class="button button--secondary" id="save-profile" onclick={on_save_profile}>{"Save mapping profile"}</button>
                    </div>
                    if let Some(Err(message)) = &*profile_note {
                        <div class="error-summary" role="alert" tabindex="-1" id="profile-error">
                            <h2 class="error-summary__title">{"There is a problem with the mapping profile"}</h2>
                            <ul class="list error-summary__list"><li><a class="link" href="#load-profile">{message}</a></li></ul>
                        </div>
                    }
                    if let Some(Ok(message)) = &*profile_note {
                        <div class="notice" role="status" id="profile-loaded"><p class="body">{message}</p></div>
                    }
                    <div class="drop-hint" aria-hidden="true">{"Drop files here"}</div>
                </section>
                <div class="progress-area" role="status" aria-live="polite" id="report-status" tabindex="-1">
                    if let Some(ready) = &ready_status {
                        <p class="body report-status">{ready}{" "}<a class="link" href={format!("#{REPORT_HEADING}")}>{"Go to the report"}</a></p>
                    }
                    if let Status::Working { progress, .. } = &state.status {
                        <div class="progress">
                            <p class="body">{format!("{}…", progress.message)}</p>
                            <progress max={Step::COUNT.to_string()} value={progress.value().to_string()}>{format!("step {} of {}", progress.value(), Step::COUNT)}</progress>
                        </div>
                    }
                </div>
                if let Some(outcome) = &outcome {
                    if let Some(problem) = &outcome.problem {
                        <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                            <h2 class="error-summary__title">{"There is a problem with the files"}</h2>
                            <p class="body">{messages::problem(problem)}</p>
                            <p class="body">{"Check the list of files below: it says what each one was recognised as, or why it could not be used."}</p>
                        </div>
                    }
                    // In a box of their own, there whether or not there are any: as a bare list,
                    // a notice on the first report (a large export's file that could not be
                    // opened) stopped the page (Yew: "failed to insert node before next sibling";
                    // recovery.mjs). Why Yew lost its place there was not found.
                    <div class="notices">
                        { for outcome.notices.iter().map(|n| html!{ <div class="notice" role="status"><p class="body">{n}</p></div> }) }
                    </div>
                    <FilesPanel outcome={outcome.clone()} />
                    <MappingStep previews={outcome.to_map.clone()} settings={state.remembered.settings.iro.clone()} on_apply={on_mapping} />
                }
                if let Some(report) = report.clone() {
                    <section class="controls no-print" aria-labelledby="controls-heading">
                        <h2 id="controls-heading" class="heading-m">{"Report settings"}</h2>
                        <div class="controls__grid">
                            <div class="form-group">
                                <label class="label" for="year">{"Reporting year"}</label>
                                <div class="hint" id="year-hint">{"Chosen from the latest dates in the files; change it to report on an earlier year."}</div>
                                <select id="year" class="select" onchange={on_year} aria-describedby="year-hint">
                                    { for outcome.iter().flat_map(|o| o.years.iter().copied()).map(|y| {
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
                            if let Some(outcome) = &outcome {
                                <CouncilPicker outcome={outcome.clone()}
                                               settings={state.remembered.settings.clone()} on_change={on_setting.clone()} />
                            }
                            <SettingsForm settings={state.remembered.settings.clone()} on_change={on_setting.clone()} />
                            <IroSettingsForm settings={state.remembered.settings.clone()} on_change={on_setting} />
                            <TargetsForm targets={state.remembered.targets.clone()} on_change={on_targets} />
                        </div>
                    </section>
                    <ReportView report={report} presentation={presentation} state={report_state}
                                narratives={state.narratives.clone()} on_narrative={on_narrative} />
                } else {
                    <div id="report" data-state={report_state.as_str()}></div>
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

/// A profile of these mappings alone (the settings travel as options).
fn profile_of(tables: Vec<TableMapping>) -> Profile {
    Profile {
        tables,
        ..Profile::default()
    }
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

//! The report on the page: a contents list, each section of [`crate::present`] as the neutral
//! document model gives it (figures, headings, paragraphs, tables with their charts, child
//! lists, definitions, downloads), the JSON download and the print footer.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::chart::{paper_png, ChartView};
use super::state::{paragraphs_of, NarrativeEdits, ReportState, Shared};
use super::table::{ChildList, TableBlock};
use crate::model::dates::iso;
use crate::paper;
use crate::present::{
    self, data_quality_csv, report_json, Block, Download, Figure, Presentation, Section, SectionId,
    Value, Warning,
};
use crate::report::keys::Key;
use crate::report::Report;

/// The id of the report's heading, where focus goes once a report is ready.
pub const REPORT_HEADING: &str = "report-heading";

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    /// The report, shared with the page's state (compared by pointer, never copied).
    pub report: Shared<Report>,
    pub presentation: Presentation,
    pub state: ReportState,
    /// The narratives the user edited this session ([`super::state::State::narrative_for`]).
    pub narratives: NarrativeEdits,
    /// A section's narrative edited (`Some`) or reset to the draft (`None`).
    pub on_narrative: Callback<(SectionId, Option<Vec<String>>)>,
}

/// The whole report: a contents list, the sections, the downloads and the print footer.
#[function_component(ReportView)]
pub fn report_view(props: &ReportProps) -> Html {
    let report = props.report.clone();
    let presentation = props.presentation.clone();
    // The report and presentation whose charts are all drawn (`browser::later`'s work done):
    // only then is the report `ready` (`#report[data-state]`), everything on the page.
    let settled = use_state(|| None::<(Shared<Report>, Presentation)>);
    let ready = props.state == ReportState::Ready
        && settled
            .as_ref()
            .is_some_and(|(r, p)| *r == report && *p == presentation);
    {
        // Marked once the figures are on the page (effects run after the DOM is updated), for
        // the speed benchmark; the charts follow.
        let answered = props.state == ReportState::Ready;
        let settled = settled.clone();
        use_effect_with(
            (report.clone(), presentation.clone(), answered),
            move |(report, presentation, answered)| {
                if *answered {
                    browser::mark("careboard-figures-shown");
                    let key = (report.clone(), presentation.clone());
                    browser::when_idle(move || settled.set(Some(key)));
                }
            },
        );
    }

    // Worked out once per report and presentation, not at every render.
    let sections = use_memo((report.clone(), presentation.clone()), |(r, p)| {
        present::sections(r, p.clone())
            .into_iter()
            .map(|s| Shared(Rc::new(s)))
            .collect::<Vec<_>>()
    });
    // How many sections are on the page: a new report shows its first (the headline figures)
    // at once and each of the others in a later task (`browser::later`), so that the figures
    // come first and no task keeps the page from answering (issue 12).
    let upto: Rc<RefCell<(Option<Shared<Report>>, usize)>> = use_mut_ref(|| (None, 0));
    let redraw = use_force_update();
    let total = sections.len();
    let count = {
        let mut upto = upto.borrow_mut();
        if upto.0.as_ref() != Some(&report) {
            *upto = (Some(report.clone()), 1);
        }
        upto.1.min(total)
    };
    {
        let upto = upto.clone();
        let redraw = redraw.clone();
        use_effect_with((report.clone(), count), move |(report, count)| {
            if *count < total {
                let (report, count) = (report.clone(), *count);
                browser::later(move || {
                    let mut u = upto.borrow_mut();
                    if u.0.as_ref() == Some(&report) && u.1 == count {
                        u.1 = count + 1;
                        redraw.force_update();
                    }
                });
            }
        });
    }
    // Everything on the page now, then every chart drawn: for printing.
    let everything = {
        let upto = upto.clone();
        move || {
            upto.borrow_mut().1 = usize::MAX;
            redraw.force_update();
            // After Yew has rendered the sections (in a microtask) and their charts have
            // given their drawings.
            yew::platform::spawn_local(async { browser::run_pending() });
        }
    };
    let ready = ready && count == total;
    let state = match props.state {
        ReportState::Ready if !ready => ReportState::Working,
        s => s,
    };
    let year = present::year_span(&report);
    use_effect_with(ready, |ready| {
        if *ready {
            browser::mark("careboard-report-shown");
            // When the task that put it there has ended.
            browser::mark_after_task("careboard-report-settled");
        }
    });
    // Printing from the browser's own menu waits for no section or chart either (the
    // microtasks run before the page is laid out for print).
    {
        let everything = everything.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| gloo_events::EventListener::new(&w, "beforeprint", move |_| everything()));
            move || drop(listener)
        });
    }
    let on_json = {
        let report = report.clone();
        let presentation = presentation.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!(
                "careboard-report-{}{}.json",
                iso(report.year_ending),
                if presentation.publication {
                    "-publication"
                } else {
                    ""
                }
            );
            browser::download_text(
                &name,
                "application/json",
                &report_json(&report, presentation.clone()),
            );
        })
    };
    let paper_problem = use_state(|| None::<String>);
    let on_paper = {
        let paper_problem = paper_problem.clone();
        let report = report.clone();
        let sections = sections.clone();
        let narratives = props.narratives.clone();
        let publication = presentation.publication;
        Callback::from(move |_: MouseEvent| {
            let shown: Vec<Section> = sections.iter().map(|s| (*s.0).clone()).collect();
            // "2025-06-01T09:30:00.123Z" to the whole second, as the command line writes it.
            let created: Option<String> = js_sys::Date::new_0()
                .to_iso_string()
                .as_string()
                .map(|t| format!("{}Z", t.split('.').next().unwrap_or(&t)));
            // Each section's narrative as drafted, or as the user edited it on the page.
            let paper = paper::Paper {
                report: &report,
                sections: &shown,
                publication,
                narratives: narratives.as_slice(),
                created: created.as_deref(),
                rasterise: Some(&paper_png),
            };
            match paper::docx(&paper) {
                Ok(bytes) => {
                    paper_problem.set(None);
                    browser::download_bytes(
                        &paper::file_name(&report, publication),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        &bytes,
                    );
                }
                Err(e) => paper_problem.set(Some(format!("Sorry, {e}. Try again, or use Print."))),
            }
        })
    };
    let on_print = Callback::from(move |_: MouseEvent| {
        everything();
        // After the sections and charts are on the page: the microtasks queued above run in
        // order (render, then the drawings and their printed copies), and the print goes
        // behind them.
        yew::platform::spawn_local(async {
            yew::platform::spawn_local(async { browser::print() });
        });
    });
    let files: Vec<String> = {
        let mut names: Vec<String> = report.inputs.iter().map(|i| i.file.clone()).collect();
        names.dedup();
        names
    };
    html! {
        <div id="report" data-state={state.as_str()} data-year={iso(report.year_ending)}
             data-publication={presentation.publication.to_string()}>
            <div class="report-title">
                // The council chosen names the paper on its first page.
                <p class="caption-l">{match &report.la {
                    Some(la) => format!("{}: Independent Reviewing Officer service", la.name),
                    None => "Independent Reviewing Officer service".to_string(),
                }}</p>
                <h2 class="heading-l" id={REPORT_HEADING} tabindex="-1">{format!("Children in care figures, {}", year)}</h2>
                if presentation.publication {
                    <p class="tag">{"Publication mode: counts of 1 to 4 shown as \u{201c}fewer than 5\u{201d}"}</p>
                }
            </div>
            <nav class="contents no-print" aria-label="Report sections">
                <h2 class="heading-s">{"Contents"}</h2>
                <ol class="list list--number">
                    { for sections.iter().map(|s| html!{ <li><a class="link" href={format!("#{}", s.id.anchor())}>{&s.title}</a></li> }) }
                </ol>
                <div class="button-group">
                    <button type="button" class="button button--secondary" id="download-json" onclick={on_json}>{"Download the report (JSON)"}</button>
                    <button type="button" class="button button--secondary" id="download-paper" onclick={on_paper}>{"Download the committee paper (Word)"}</button>
                    <button type="button" class="button button--secondary" id="print-button" onclick={on_print}>{"Print or save as PDF"}</button>
                </div>
                if let Some(problem) = &*paper_problem {
                    <div class="error-summary" role="alert"><p class="body">{problem}</p></div>
                }
            </nav>
            // The sections in a list of their own, keyed: Yew matches unkeyed children from
            // the end, so a section added after the others would otherwise re-render them all
            // and re-create the title (taking the keyboard's focus from its heading).
            <div class="report-sections">
                { for sections.iter().take(count).map(|s| {
                    let id = s.id;
                    let on_narrative = props.on_narrative.reform(move |text| (id, text));
                    html!{ <SectionView key={id.anchor()} section={s.clone()} report={report.clone()}
                                        edited={props.narratives.get(id).map(<[String]>::to_vec)}
                                        on_narrative={on_narrative} /> }
                }) }
            </div>
            // The paper's footer on every printed page: the year and the data's source on the
            // left, the page number on the right (CSS page-margin boxes).
            <style>{print_footer_css(&format!(
                "IRO annual report figures, {year}. Source: SSDA903 export ({}). Made with Careboard{}.",
                files.join(", "),
                if presentation.publication { "; publication mode" } else { "" }
            ))}</style>
        </div>
    }
}

/// Renders `report` once where no one sees it (an element outside the document), then
/// removes it: the page's rehearsal, while the user chooses files, so the browser has compiled
/// the code that puts a report on the page before the user's arrives (it compiles WebAssembly
/// a function at a time, when first called). Shown as still working, so it makes none of the
/// marks a report shown makes.
pub fn rehearse(report: Rc<Report>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
    else {
        return;
    };
    let props = ReportProps {
        report: Shared(report),
        presentation: Presentation::default(),
        state: ReportState::Working,
        narratives: NarrativeEdits::default(),
        on_narrative: Callback::noop(),
    };
    let app = yew::Renderer::<ReportView>::with_root_and_props(root, props).render();
    browser::when_idle(move || {
        app.destroy();
        browser::mark("careboard-page-rehearsal-removed");
    });
}

/// The `@page` rule that prints `footer` at the bottom left of every page and the page number
/// at the bottom right, on one line (its box is given its width: left to share the margin
/// with a long footer, it wrapped as "Page 1 of" over "30").
fn print_footer_css(footer: &str) -> String {
    let quoted: String = footer
        .chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            '\n' | '\r' => " ".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!(
        "@media print {{ @page {{ @bottom-left {{ content: \"{quoted}\"; width: 78%; font: 8pt Arial, sans-serif; color: #0b0c0c; vertical-align: top; }} \
         @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); width: 22%; white-space: nowrap; text-align: right; font: 8pt Arial, sans-serif; color: #0b0c0c; vertical-align: top; }} }} }}"
    )
}

#[derive(Properties, PartialEq)]
struct SectionProps {
    section: Shared<Section>,
    report: Shared<Report>,
    /// The user's text for the narrative, when edited.
    edited: Option<Vec<String>>,
    on_narrative: Callback<Option<Vec<String>>>,
}

#[function_component(SectionView)]
fn section_view(props: &SectionProps) -> Html {
    let s = &props.section;
    let heading_id = format!("{}-heading", s.id.anchor());
    let report = props.report.clone();
    html! {
        <section class="report-section" id={s.id.anchor()} aria-labelledby={heading_id.clone()}>
            <h2 class="heading-l" id={heading_id}>{&s.title}</h2>
            if !s.narrative.is_empty() {
                <NarrativeView section={s.id} title={s.title.clone()} draft={s.narrative.clone()}
                               edited={props.edited.clone()} on_change={props.on_narrative.clone()} />
            }
            <p class="lead">{&s.summary}</p>
            { for s.blocks.iter().map(|b| block(b, &report)) }
        </section>
    }
}

fn block(b: &Block, report: &Shared<Report>) -> Html {
    match b {
        Block::Download(Download::RowsSetAside) => {
            let report = report.clone();
            let on_csv = Callback::from(move |_: MouseEvent| {
                browser::download_text(
                    "careboard-rows-set-aside.csv",
                    "text/csv",
                    &data_quality_csv(&report),
                );
            });
            html! {
                <div class="button-group no-print">
                    <button type="button" class="button button--secondary" id="download-rejected" onclick={on_csv}>
                        {"Download rows set aside and warnings (CSV)"}
                    </button>
                </div>
            }
        }
        Block::Figures(figures) => html! {
            <div class="figures">{ for figures.iter().map(figure) }</div>
        },
        Block::Warnings {
            summary: true,
            warnings,
        } => warning_summary(warnings),
        Block::Warnings {
            summary: false,
            warnings,
        } => html! {
            <div class="checks">{ for warnings.iter().map(warning_details) }</div>
        },
        Block::Heading(h) => html! { <h3 class="heading-m">{h}</h3> },
        Block::Paragraph(p) => html! { <p class="body">{p}</p> },
        Block::Table(t) => {
            if t.chart.is_some() {
                html! { <ChartView table={t.clone()} /> }
            } else {
                html! { <TableBlock table={t.clone()} /> }
            }
        }
        Block::ChildList(t) => html! { <ChildList table={t.clone()} /> },
        Block::Definitions(items) => html! {
            <dl class="summary-list">
                { for items.iter().map(|(k, v)| html!{
                    <div class="summary-list__row"><dt class="summary-list__key">{k}</dt><dd class="summary-list__value">{v}</dd></div>
                }) }
            </dl>
        },
    }
}

fn figure(f: &Figure) -> Html {
    let raw = match &f.value {
        Value::Count(n) => Some(n.to_string()),
        Value::Percent {
            numerator,
            denominator,
            ..
        } => Some(format!("{numerator}/{denominator}")),
        _ => None,
    };
    html! {
        <div class="figure">
            <p class="figure__label">{&f.label}</p>
            <p class="figure__value" data-figure={f.json_path} data-value={raw}>{f.value.display()}</p>
            <p class="figure__detail">{&f.detail}</p>
            { for f.caveat.iter().map(|c| html!{ <p class="figure__caveat">{c}</p> }) }
            { for f.target.iter().map(|t| html!{
                <p class={classes!("figure__target", if !t.judged { "figure__target--not-judged" } else if t.met { "figure__target--met" } else { "figure__target--not-met" })}>{&t.text}</p>
            }) }
        </div>
    }
}

/// The warnings at the top of the report: what each check found, linking to its details in
/// "Data quality".
fn warning_summary(warnings: &[Warning]) -> Html {
    html! {
        <div class="warning-summary" id="warnings" role="region" aria-labelledby="warnings-title">
            <h3 class="warning-summary__title" id="warnings-title">
                {"Check the data before using these figures"}
            </h3>
            <p class="body">{format!(
                "{} found data that cannot be right in a real export. The figures below are worked out from the data as it is; each link says what to check.",
                if warnings.len() == 1 { "One check".to_string() } else { format!("{} checks", warnings.len()) }
            )}</p>
            <ul class="list list--bullet">
                { for warnings.iter().map(|w| html!{
                    <li data-check={w.check.json()}>
                        <a class="link" href={format!("#{}", w.anchor())}>{&w.title}</a>{": "}{&w.summary}
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// One warning in full, in "Data quality": what was found, what to check, example IDs.
fn warning_details(w: &Warning) -> Html {
    html! {
        <div class="check" id={w.anchor()} data-check={w.check.json()}>
            <h4 class="heading-s">{&w.title}</h4>
            <p class="body">{&w.found}</p>
            <p class="body">{&w.what_to_check}</p>
            if !w.examples.is_empty() {
                <p class="body check__examples">{format!("Example child IDs: {}", w.examples.join(", "))}</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NarrativeProps {
    section: SectionId,
    /// The section's title, naming the controls for a screen reader.
    title: String,
    /// The drafted paragraphs.
    draft: Vec<String>,
    /// The user's paragraphs, when edited this session.
    edited: Option<Vec<String>>,
    on_change: Callback<Option<Vec<String>>>,
}

/// A section's drafted narrative: its paragraphs (what print and the Word paper show), a
/// "Copy" button that announces what it did, and "Edit", which swaps the paragraphs for a
/// labelled text box with "Done" and "Reset to the draft"; focus goes to the box and back to
/// "Edit" afterwards.
#[function_component(NarrativeView)]
fn narrative_view(props: &NarrativeProps) -> Html {
    let anchor = props.section.anchor();
    let ids = |what: &str| format!("{anchor}-narrative-{what}");
    let (edit_id, box_id, hint_id, label_id) =
        (ids("edit"), ids("text"), ids("hint"), ids("label"));
    let shown: Vec<String> = props.edited.clone().unwrap_or_else(|| props.draft.clone());
    let editing = use_state(|| false);
    let text = use_state(String::new);
    let status = use_state(String::new);
    // Where focus goes once the page shows the change (the box, or back to "Edit").
    let focus_next: std::rc::Rc<std::cell::RefCell<Option<String>>> = use_mut_ref(|| None);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            if let Some(id) = focus_next.borrow_mut().take() {
                browser::focus_id(&id);
            }
        });
    }
    let on_copy = {
        let status = status.clone();
        let joined = shown.join("\n\n");
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            // Cleared first, so the same message is announced again on a second copy.
            status.set(String::new());
            browser::copy_text(&joined, move |copied| {
                status.set(if copied {
                    "Copied".to_string()
                } else {
                    "Could not copy: the browser did not allow it. Select the text and copy it \
                     with Ctrl+C (Cmd+C on a Mac)."
                        .to_string()
                })
            });
        })
    };
    let on_edit = {
        let (editing, text, status, focus_next) = (
            editing.clone(),
            text.clone(),
            status.clone(),
            focus_next.clone(),
        );
        let (joined, box_id) = (shown.join("\n\n"), box_id.clone());
        Callback::from(move |_: MouseEvent| {
            text.set(joined.clone());
            status.set(String::new());
            *focus_next.borrow_mut() = Some(box_id.clone());
            editing.set(true);
        })
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            text.set(area.value());
        })
    };
    let on_done = {
        let (editing, text, status, focus_next) = (
            editing.clone(),
            text.clone(),
            status.clone(),
            focus_next.clone(),
        );
        let (draft, on_change, edit_id) = (
            props.draft.clone(),
            props.on_change.clone(),
            edit_id.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let paragraphs = paragraphs_of(&text);
            let same = paragraphs == draft;
            on_change.emit((!same).then_some(paragraphs));
            status.set(if same {
                "No change: the drafted text is kept.".into()
            } else {
                "Your text is kept until the page is closed or the figures change.".into()
            });
            *focus_next.borrow_mut() = Some(edit_id.clone());
            editing.set(false);
        })
    };
    let on_reset = {
        let (editing, status, focus_next) = (editing.clone(), status.clone(), focus_next.clone());
        let (on_change, edit_id) = (props.on_change.clone(), edit_id.clone());
        Callback::from(move |_: MouseEvent| {
            on_change.emit(None);
            status.set("Back to the drafted text.".into());
            *focus_next.borrow_mut() = Some(edit_id.clone());
            editing.set(false);
        })
    };
    // Each section has these buttons: the hidden words say which section's text they act on.
    let named = |what: &str, hidden: &str| {
        html! { <>{what}<span class="visually-hidden">{format!("{hidden}: {}", props.title)}</span></> }
    };
    html! {
        <div class="narrative" id={ids("box")} data-section={anchor}
             data-edited={props.edited.is_some().to_string()}>
            <p class="narrative__label no-print" id={label_id}>
                {if props.edited.is_some() { "Drafted text for the committee paper (edited)" } else { "Drafted text for the committee paper" }}
            </p>
            <div class={classes!("narrative__text", editing.then_some("narrative__text--editing"))}
                 data-narrative={anchor}>
                { for shown.iter().map(|p| html!{ <p class="body">{p}</p> }) }
            </div>
            if *editing {
                <div class="form-group no-print">
                    <label class="label" for={box_id.clone()}>{format!("Edit the drafted text: {}", props.title)}</label>
                    <div class="hint" id={hint_id.clone()}>{"Leave a blank line between paragraphs."}</div>
                    <textarea class="textarea narrative__textarea" id={box_id} rows="10"
                              aria-describedby={hint_id} value={(*text).clone()} oninput={on_input} />
                </div>
                <div class="button-group no-print">
                    <button type="button" class="button button--secondary button--small" onclick={on_done}>{named("Done", " editing the drafted text")}</button>
                    <button type="button" class="button button--secondary button--small" onclick={on_reset}>{named("Reset to the draft", "")}</button>
                </div>
            } else {
                <div class="button-group no-print">
                    <button type="button" class="button button--secondary button--small" id={ids("copy")} onclick={on_copy}>{named("Copy", " the drafted text")}</button>
                    <button type="button" class="button button--secondary button--small" id={edit_id} onclick={on_edit}>{named("Edit", " the drafted text")}</button>
                    if props.edited.is_some() {
                        <button type="button" class="button button--secondary button--small" id={ids("reset")} onclick={on_reset}>{named("Reset to the draft", "")}</button>
                    }
                </div>
            }
            <p class="hint narrative__note no-print">{"Edits are kept until the page is closed or the figures change."}</p>
            <p class="narrative__status no-print" role="status" id={ids("status")}>{(*status).clone()}</p>
        </div>
    }
}

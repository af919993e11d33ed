//! The report on the page: a contents list, each section of [`crate::present`] as the neutral
//! document model gives it (figures, headings, paragraphs, tables with their charts, child
//! lists, definitions, downloads), the JSON download and the print footer.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::chart::{paper_png, ChartView};
use super::state::{ReportState, Shared};
use super::table::{ChildList, TableBlock};
use crate::model::dates::iso;
use crate::paper;
use crate::present::{
    self, data_quality_csv, report_json, Block, Download, Figure, Presentation, Section, Value,
    Warning,
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
}

/// The whole report: a contents list, the sections, the downloads and the print footer.
#[function_component(ReportView)]
pub fn report_view(props: &ReportProps) -> Html {
    let report = props.report.clone();
    let presentation = props.presentation.clone();
    {
        // Marked once the report is on the page (effects run after the DOM is updated), for
        // the speed benchmark.
        let shown = props.state == ReportState::Ready;
        use_effect_with((report.clone(), shown), |(_, shown)| {
            if *shown {
                browser::mark("careboard-report-shown");
            }
        });
    }
    // Worked out once per report and presentation, not at every render.
    let sections = use_memo((report.clone(), presentation.clone()), |(r, p)| {
        present::sections(r, p.clone())
            .into_iter()
            .map(|s| Shared(Rc::new(s)))
            .collect::<Vec<_>>()
    });
    let year = present::year_span(&report);
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
        let publication = presentation.publication;
        Callback::from(move |_: MouseEvent| {
            let shown: Vec<Section> = sections.iter().map(|s| (*s.0).clone()).collect();
            // "2025-06-01T09:30:00.123Z" to the whole second, as the command line writes it.
            let created: Option<String> = js_sys::Date::new_0()
                .to_iso_string()
                .as_string()
                .map(|t| format!("{}Z", t.split('.').next().unwrap_or(&t)));
            // The narratives as drafted; the user's edits join here once the page holds them.
            let paper = paper::Paper {
                report: &report,
                sections: &shown,
                publication,
                narratives: &[],
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
    let on_print = Callback::from(|_: MouseEvent| browser::print());
    let files: Vec<String> = {
        let mut names: Vec<String> = report.inputs.iter().map(|i| i.file.clone()).collect();
        names.dedup();
        names
    };
    html! {
        <div id="report" data-state={props.state.as_str()} data-year={iso(report.year_ending)}
             data-publication={presentation.publication.to_string()}>
            <div class="report-title">
                <p class="caption-l">{"Independent Reviewing Officer service"}</p>
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
            { for sections.iter().map(|s| html!{ <SectionView section={s.clone()} report={report.clone()} /> }) }
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

/// The `@page` rule that prints `footer` at the bottom left of every page and the page number
/// at the bottom right.
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
        "@media print {{ @page {{ @bottom-left {{ content: \"{quoted}\"; font: 8pt Arial, sans-serif; color: #0b0c0c; vertical-align: top; }} \
         @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 8pt Arial, sans-serif; color: #0b0c0c; vertical-align: top; }} }} }}"
    )
}

#[derive(Properties, PartialEq)]
struct SectionProps {
    section: Shared<Section>,
    report: Shared<Report>,
}

#[function_component(SectionView)]
fn section_view(props: &SectionProps) -> Html {
    let s = &props.section;
    let heading_id = format!("{}-heading", s.id.anchor());
    let report = props.report.clone();
    html! {
        <section class="report-section" id={s.id.anchor()} aria-labelledby={heading_id.clone()}>
            <h2 class="heading-l" id={heading_id}>{&s.title}</h2>
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

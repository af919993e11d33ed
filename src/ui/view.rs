//! Draws the sections of [`crate::present`]: figures, tables (with their charts), child lists
//! behind a switch, definitions; and the loaded-files panel.

use std::rc::Rc;

use yew::prelude::*;

use super::chart::ChartView;
use super::download;
use crate::model::dates::iso;
use crate::present::{
    self, data_quality_csv, report_json, Block, Download, Figure, Presentation, Section, Table,
    Value,
};
use crate::report::Report;
use crate::session::Outcome;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: Rc<Report>,
    pub presentation: Presentation,
    /// `ready` or `working`: for the tests and the speed benchmark.
    pub state: &'static str,
}

/// The whole report: a contents list, the sections, the downloads and the print footer.
#[function_component(ReportView)]
pub fn report_view(props: &ReportProps) -> Html {
    let report = props.report.clone();
    let presentation = props.presentation.clone();
    {
        // Marked once the report is on the page (effects run after the DOM is updated), for
        // the speed benchmark.
        let shown = props.state == "ready";
        use_effect_with((Rc::as_ptr(&report) as usize, shown), |(_, shown)| {
            if *shown {
                super::app::mark("careboard-report-shown");
            }
        });
    }
    let sections = use_memo((report.clone(), presentation.clone()), |(r, p)| {
        present::sections(r, p.clone())
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
            download::text(
                &name,
                "application/json",
                &report_json(&report, presentation.clone()),
            );
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let files: Vec<String> = {
        let mut names: Vec<String> = report.inputs.iter().map(|i| i.file.clone()).collect();
        names.dedup();
        names
    };
    html! {
        <div id="report" data-state={props.state} data-year={iso(report.year_ending)}
             data-publication={presentation.publication.to_string()}>
            <div class="report-title">
                <p class="caption-l">{"Independent Reviewing Officer service"}</p>
                <h2 class="heading-l">{format!("Children in care figures, {}", year)}</h2>
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
                    <button type="button" class="button button--secondary" id="print-button" onclick={on_print}>{"Print or save as PDF"}</button>
                </div>
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
    section: Section,
    report: Rc<Report>,
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

fn block(b: &Block, report: &Rc<Report>) -> Html {
    match b {
        Block::Download(Download::RowsSetAside) => {
            let report = report.clone();
            let on_csv = Callback::from(move |_: MouseEvent| {
                download::text(
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
            { for f.target.iter().map(|t| html!{
                <p class={classes!("figure__target", if t.met { "figure__target--met" } else { "figure__target--not-met" })}>{&t.text}</p>
            }) }
        </div>
    }
}

/// A table as HTML: caption, header row, row headers, a total row set apart.
pub fn table_html(t: &Table) -> Html {
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={t.caption.clone()}>
            <table class="table" id={format!("table-{}", t.id)}>
                <caption class="table__caption">{&t.caption}</caption>
                <thead>
                    <tr>{ for t.columns.iter().enumerate().map(|(i, c)| {
                        // A heading lines up with its column: right for numbers, left for text.
                        let numeric = i > 0
                            && t.rows.iter().chain(&t.total).any(|r| r.cells.get(i - 1).is_some_and(is_numeric));
                        html!{ <th scope="col" class={classes!("table__header", numeric.then_some("table__header--numeric"))}>{c}</th> }
                    }) }</tr>
                </thead>
                <tbody>
                    { for t.rows.iter().map(|r| row_html(r, false)) }
                    { for t.total.iter().map(|r| row_html(r, true)) }
                </tbody>
            </table>
        </div>
    }
}

/// Whether a cell is a number (right-aligned) rather than words.
fn is_numeric(c: &Value) -> bool {
    !matches!(c, Value::Text(_))
}

fn row_html(r: &present::Row, total: bool) -> Html {
    html! {
        <tr class={classes!("table__row", total.then_some("table__row--total"))}>
            <th scope="row" class="table__header">{&r.label}</th>
            { for r.cells.iter().map(|c| {
                let numeric = is_numeric(c);
                html!{ <td class={classes!("table__cell", numeric.then_some("table__cell--numeric"), matches!(c, Value::Suppressed).then_some("table__cell--suppressed"))}>{c.display()}</td> }
            }) }
        </tr>
    }
}

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub table: Table,
}

/// A table with its CSV download.
#[function_component(TableBlock)]
pub fn table_block(props: &TableProps) -> Html {
    let t = &props.table;
    html! {
        <figure class="block">
            { table_html(t) }
            <div class="button-group no-print">{ csv_button(t) }</div>
        </figure>
    }
}

/// The "Download table (CSV)" button of a table.
pub fn csv_button(t: &Table) -> Html {
    let table = t.clone();
    let on_csv = Callback::from(move |_: MouseEvent| {
        download::text(&format!("{}.csv", table.id), "text/csv", &table.to_csv());
    });
    html! {
        <button type="button" class="button button--secondary button--small" onclick={on_csv}
                aria-label={format!("Download table (CSV): {}", t.caption)}>{"Download table (CSV)"}</button>
    }
}

/// The most rows a list shows on the page; the CSV download has them all.
const LIST_ROWS_SHOWN: usize = 500;

/// A child-level list, hidden until a manager asks for it (a native disclosure widget). Its
/// rows are only put on the page once opened, and at most [`LIST_ROWS_SHOWN`] of them, so a
/// large council's thousands of rows never slow the page.
#[function_component(ChildList)]
fn child_list(props: &TableProps) -> Html {
    let open = use_state(|| false);
    let t = &props.table;
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            open.set(details.open());
        })
    };
    let body = if !*open {
        html! {}
    } else if t.rows.is_empty() {
        html! { <p class="body">{"None."}</p> }
    } else if t.rows.len() > LIST_ROWS_SHOWN {
        let shown = Table {
            rows: t.rows[..LIST_ROWS_SHOWN].to_vec(),
            ..t.clone()
        };
        html! {
            <>
                <p class="body">{format!(
                    "The first {} of {} rows are shown here; the CSV download has them all.",
                    present::thousands(LIST_ROWS_SHOWN as u64),
                    present::thousands(t.rows.len() as u64)
                )}</p>
                <div class="button-group no-print">{ csv_button(t) }</div>
                { table_html(&shown) }
            </>
        }
    } else {
        html! {
            <>
                { table_html(t) }
                <div class="button-group no-print">{ csv_button(t) }</div>
            </>
        }
    };
    html! {
        <details class="details child-list" {ontoggle}>
            <summary class="details__summary"><span class="details__summary-text">{format!("Show: {}", t.caption)}</span></summary>
            <div class="details__text">{ body }</div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct FilesProps {
    pub outcome: Rc<Outcome>,
}

/// Each file loaded: its size, what it was recognised as, rows read, used and set aside; and
/// each file that is not a 903 table, with why.
#[function_component(FilesPanel)]
pub fn files_panel(props: &FilesProps) -> Html {
    let o = &props.outcome;
    if o.files.is_empty() {
        return html! {};
    }
    let report = o.report.as_ref();
    let inputs = report.map(|r| r.inputs.as_slice()).unwrap_or_default();
    let problems = report
        .map(|r| r.data_quality.problems.as_slice())
        .unwrap_or_default();
    html! {
        <section class="files" aria-labelledby="files-heading" id="files-panel">
            <h2 class="heading-m" id="files-heading">
                {if o.sample { "Files loaded: the sample council (synthetic, no real child)" } else { "Files loaded" }}
            </h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Table of the files loaded">
            <table class="table">
                <caption class="visually-hidden">{"Each file loaded, what it was recognised as, and its rows"}</caption>
                <thead><tr>
                    <th scope="col" class="table__header">{"File"}</th>
                    <th scope="col" class="table__header">{"Recognised as"}</th>
                    <th scope="col" class="table__header table__header--numeric">{"Rows read"}</th>
                    <th scope="col" class="table__header table__header--numeric">{"Used"}</th>
                    <th scope="col" class="table__header table__header--numeric">{"Set aside"}</th>
                </tr></thead>
                <tbody>
                { for o.files.iter().map(|(name, bytes)| {
                    let tables: Vec<_> = inputs.iter().filter(|i| &i.file == name).collect();
                    let problem: Vec<_> = problems.iter().filter(|p| &p.file == name).collect();
                    let size = present::thousands(bytes.div_ceil(1024));
                    if tables.is_empty() {
                        let why = problem.first().map(|p| p.message.clone()).unwrap_or_else(|| "Not read yet.".into());
                        html!{ <tr class="table__row">
                            <th scope="row" class="table__header">{name}<span class="hint">{format!(" ({size} KB)")}</span></th>
                            <td class="table__cell" colspan="4"><strong class="tag tag--red">{"Not used"}</strong>{" "}{why}</td>
                        </tr> }
                    } else {
                        html!{ <>{ for tables.into_iter().map(|t| html!{ <tr class="table__row">
                            <th scope="row" class="table__header">{&t.source}<span class="hint">{format!(" ({size} KB)")}</span></th>
                            <td class="table__cell">{t.table.plain_name()}</td>
                            <td class="table__cell table__cell--numeric">{present::thousands(t.rows_read)}</td>
                            <td class="table__cell table__cell--numeric">{present::thousands(t.rows_used)}</td>
                            <td class="table__cell table__cell--numeric">
                                if t.rows_rejected > 0 { <a class="link" href="#data-quality">{present::thousands(t.rows_rejected)}</a> } else { {"0"} }
                            </td>
                        </tr> }) }</> }
                    }
                }) }
                </tbody>
            </table>
            </div>
            { for problems.iter().filter(|p| inputs.iter().any(|i| i.file == p.file)).map(|p| html!{
                <p class="body"><strong>{&p.file}</strong>{": "}{&p.message}</p>
            }) }
        </section>
    }
}

//! Tables as HTML: caption, headings, row headers and a total row set apart, each with its
//! CSV download; and child-level lists behind a "show" switch.

use yew::prelude::*;

use super::browser;
use crate::present::{self, Table, Value};

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
                        html!{ <th scope="col" class={classes!("table__header", numeric.then_some("table__header--numeric"), nowrap(c))}>{c}</th> }
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

/// The class keeping a heading of one word (a year such as `2019-20`) on one line.
fn nowrap(text: &str) -> Option<&'static str> {
    (!text.contains(char::is_whitespace)).then_some("table__header--nowrap")
}

/// Whether a cell is a number or a change (right-aligned) rather than words.
fn is_numeric(c: &Value) -> bool {
    !matches!(c, Value::Text(_))
}

fn row_html(r: &present::Row, total: bool) -> Html {
    html! {
        <tr class={classes!("table__row", total.then_some("table__row--total"))}>
            <th scope="row" class={classes!("table__header", nowrap(&r.label))}>{&r.label}</th>
            { for r.cells.iter().map(|c| {
                let numeric = is_numeric(c);
                html!{ <td class={classes!("table__cell", numeric.then_some("table__cell--numeric"), matches!(c, Value::Suppressed | Value::Hidden).then_some("table__cell--suppressed"))}>{c.display()}</td> }
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
            <div class="button-group no-print">{ csv_button(t, None) }</div>
        </figure>
    }
}

/// The "Download table (CSV)" button of a table; `tabindex` places it in a toolbar's roving
/// focus (`None` for an ordinary Tab stop).
pub fn csv_button(t: &Table, tabindex: Option<&'static str>) -> Html {
    let table = t.clone();
    let on_csv = Callback::from(move |_: MouseEvent| {
        browser::download_text(&format!("{}.csv", table.id), "text/csv", &table.to_csv());
    });
    html! {
        <button type="button" class="button button--secondary button--small chart__tool" onclick={on_csv} {tabindex}
                aria-label={format!("Download table (CSV): {}", t.caption)}>{"Download table (CSV)"}</button>
    }
}

/// The most rows a list shows on the page; the CSV download has them all.
const LIST_ROWS_SHOWN: usize = 500;

/// A child-level list, hidden until a manager asks for it (a native disclosure widget). Its
/// rows are only put on the page once opened, and at most [`LIST_ROWS_SHOWN`] of them, so a
/// large council's thousands of rows never slow the page.
#[function_component(ChildList)]
pub fn child_list(props: &TableProps) -> Html {
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
                <div class="button-group no-print">{ csv_button(t, None) }</div>
                { table_html(&shown) }
            </>
        }
    } else {
        html! {
            <>
                { table_html(t) }
                <div class="button-group no-print">{ csv_button(t, None) }</div>
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

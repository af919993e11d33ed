//! The loaded-files panel: each file, what it was recognised as, and its rows read, used and
//! set aside; each file that is not a 903 table, with why.

use yew::prelude::*;

use super::state::Shared;
use crate::present;
use crate::session::Outcome;

#[derive(Properties, PartialEq)]
pub struct FilesProps {
    /// The worker's answer (shared, not copied).
    pub outcome: Shared<Outcome>,
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
                            <td class="table__cell">{present::recognised_as(t.table)}</td>
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

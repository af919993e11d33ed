//! The mapping step: for each file (sheet) the worker could not read as a table by itself, or
//! a local table that lacks a required column, each column of the chosen table beside a choice
//! of the file's columns (with their first values), best guesses pre-filled
//! ([`crate::mapping::guess_mapping`]), and for coded columns what each value found means.
//! Applying hands the [`TableMapping`] up; the page sends it to the worker, which reads the
//! files again with it. Errors follow the GOV.UK pattern: a summary linking to the field.

use std::collections::BTreeMap;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::browser;
use super::messages::capitalise;
use crate::mapping::{
    coded_column, column_label, guess_mapping, guess_value, Codes, Preview, TableMapping, MAPPABLE,
};
use crate::model::TableKind;
use crate::settings::IroSettings;

/// The mapping step's heading, focused when the worker's answer needs the user here.
pub const MAPPING_HEADING: &str = "mapping-heading";

#[derive(Properties, PartialEq)]
pub struct StepProps {
    /// The files (sheets) to map, in file order.
    pub previews: Vec<Preview>,
    pub settings: IroSettings,
    pub on_apply: Callback<TableMapping>,
}

/// Every file that needs mapping, one form each.
#[function_component(MappingStep)]
pub fn mapping_step(props: &StepProps) -> Html {
    if props.previews.is_empty() {
        return html! {};
    }
    html! {
        <section class="mapping no-print" aria-labelledby={MAPPING_HEADING} id="mapping-step">
            <h2 class="heading-m" id={MAPPING_HEADING} tabindex="-1">{"Say how to read your local exports"}</h2>
            <p class="body">{"Careboard could not read these files by their headings alone. For each, choose which table it is and, for each item, the file's column that holds it (its first values are shown). Our best guesses are filled in: check them, then apply. Nothing leaves this computer."}</p>
            { for props.previews.iter().enumerate().map(|(i, p)| html! {
                <MappingForm key={p.source.clone()} index={i} preview={p.clone()}
                             settings={props.settings.clone()} on_apply={props.on_apply.clone()} />
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub index: usize,
    pub preview: Preview,
    pub settings: IroSettings,
    pub on_apply: Callback<TableMapping>,
}

/// A field's id: `map-0-review-date`.
fn field_id(index: usize, column: &str) -> String {
    format!(
        "map-{index}-{}",
        column.to_ascii_lowercase().replace('_', "-")
    )
}

/// The value guesses for `column` when it is read from the file's column `found`.
fn value_guesses(
    codes: Codes,
    found: &crate::mapping::ColumnPreview,
    settings: &IroSettings,
) -> BTreeMap<String, String> {
    if found.more_values {
        return BTreeMap::new();
    }
    found
        .values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .filter_map(|v| Some((v.clone(), guess_value(codes, v, settings)?)))
        .collect()
}

/// Up to three different values of a column, first found first (a column's first rows often
/// repeat one child's ID).
fn examples(c: &crate::mapping::ColumnPreview) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for v in c.examples.iter().chain(c.values.iter()).map(|v| v.trim()) {
        if !v.is_empty() && !out.contains(&v) && out.len() < crate::mapping::EXAMPLES {
            out.push(v);
        }
    }
    out
}

/// Where a problem with the mapping is to be fixed: the field's id.
fn problem_field(index: usize, mapping: &TableMapping) -> String {
    let Some(kind) = mapping.table else {
        return field_id(index, "table");
    };
    kind.required_columns()
        .iter()
        .find(|c| !mapping.columns.contains_key(**c))
        .or_else(|| {
            kind.columns().iter().find(|c| {
                let heading = mapping.columns.get(**c);
                heading.is_some()
                    && mapping
                        .columns
                        .values()
                        .filter(|h| Some(*h) == heading)
                        .count()
                        > 1
            })
        })
        .map_or_else(|| field_id(index, "table"), |c| field_id(index, c))
}

/// One file's mapping.
#[function_component(MappingForm)]
pub fn mapping_form(props: &FormProps) -> Html {
    let mapping = {
        let preview = props.preview.clone();
        let settings = props.settings.clone();
        use_state(move || guess_mapping(None, &preview, &settings))
    };
    let error = use_state(|| None::<(String, String)>);
    let index = props.index;
    let preview = &props.preview;
    let table_id = field_id(index, "table");

    let on_table = {
        let mapping = mapping.clone();
        let preview = preview.clone();
        let settings = props.settings.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let kind = MAPPABLE
                .iter()
                .copied()
                .find(|k| k.name() == select.value());
            error.set(None);
            mapping.set(match kind {
                Some(kind) => guess_mapping(Some(kind), &preview, &settings),
                None => TableMapping::default(),
            });
        })
    };
    let on_apply = {
        let mapping = mapping.clone();
        let error = error.clone();
        let on_apply = props.on_apply.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match mapping.problem() {
                Some(why) => {
                    error.set(Some((why, problem_field(index, &mapping))));
                    // After the summary is drawn.
                    let id = format!("map-{index}-errors");
                    yew::platform::spawn_local(async move {
                        browser::focus_id(&id);
                    });
                }
                None => {
                    error.set(None);
                    on_apply.emit((*mapping).clone());
                }
            }
        })
    };

    let kind = mapping.table;
    let error_for = |id: &str| {
        error
            .as_ref()
            .filter(|(_, f)| f == id)
            .map(|(m, _)| m.clone())
    };
    let column_field = |column: &'static str, kind: TableKind| -> Html {
        let id = field_id(index, column);
        let required = kind.required_columns().contains(&column);
        let chosen = mapping.columns.get(column).cloned();
        let onchange = {
            let mapping = mapping.clone();
            let preview = preview.clone();
            let settings = props.settings.clone();
            Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                let mut next = (*mapping).clone();
                next.values.remove(column);
                match select
                    .value()
                    .parse::<usize>()
                    .ok()
                    .and_then(|j| preview.columns.get(j))
                {
                    Some(found) => {
                        next.columns
                            .insert(column.to_string(), found.heading.clone());
                        if let Some(codes) = coded_column(kind, column) {
                            let guesses = value_guesses(codes, found, &settings);
                            if !guesses.is_empty() {
                                next.values.insert(column.to_string(), guesses);
                            }
                        }
                    }
                    None => {
                        next.columns.remove(column);
                    }
                }
                mapping.set(next);
            })
        };
        let message = error_for(&id);
        let described = message.as_ref().map(|_| format!("{id}-error"));
        let found = chosen
            .as_ref()
            .and_then(|h| preview.columns.iter().find(|c| &c.heading == h));
        let values = match (coded_column(kind, column), found) {
            (Some(codes), Some(found)) => {
                value_fields(index, column, codes, found, &mapping, &props.settings)
            }
            _ => html! {},
        };
        html! {
            <div class={classes!("form-group", message.is_some().then_some("form-group--error"))}>
                <label class="label" for={id.clone()}>
                    {format!("{} ({column})", capitalise(column_label(column)))}
                    {if required { " (required)" } else { " (optional)" }}
                </label>
                if let Some(m) = &message {
                    <p class="error-message" id={format!("{id}-error")}><span class="visually-hidden">{"Error: "}</span>{m}</p>
                }
                <select id={id.clone()} class="select" onchange={onchange} aria-describedby={described}>
                    <option value="" selected={chosen.is_none()}>{"Not in this file"}</option>
                    { for preview.columns.iter().enumerate().map(|(j, c)| {
                        let selected = chosen.as_deref() == Some(c.heading.as_str());
                        let shown = examples(c);
                        let text = if shown.is_empty() {
                            format!("{} (blank)", c.heading)
                        } else {
                            format!("{} (e.g. {})", c.heading, shown.join(", "))
                        };
                        html! { <option value={j.to_string()} selected={selected}>{text}</option> }
                    }) }
                </select>
                {values}
            </div>
        }
    };

    html! {
        <form class="mapping__form" novalidate=true onsubmit={on_apply} aria-labelledby={format!("map-{index}-heading")}>
            <h3 class="heading-s" id={format!("map-{index}-heading")}>{&preview.source}</h3>
            <p class="body hint">{format!("{} rows; headings on row {}.", crate::present::thousands(preview.rows), preview.header_row)}</p>
            if let Some((message, field)) = &*error {
                <div class="error-summary" role="alert" tabindex="-1" id={format!("map-{index}-errors")}>
                    <h4 class="error-summary__title">{"There is a problem with this mapping"}</h4>
                    <ul class="list error-summary__list">
                        <li><a class="link" href={format!("#{field}")}>{capitalise(message)}</a></li>
                    </ul>
                </div>
            }
            <div class={classes!("form-group", error_for(&table_id).is_some().then_some("form-group--error"))}>
                <label class="label" for={table_id.clone()}>{"Which table is this file?"}</label>
                if let Some(m) = error_for(&table_id) {
                    <p class="error-message" id={format!("{table_id}-error")}><span class="visually-hidden">{"Error: "}</span>{m}</p>
                }
                <select id={table_id.clone()} class="select" onchange={on_table}>
                    <option value="" selected={kind.is_none()}>{"Choose a table"}</option>
                    { for MAPPABLE.iter().map(|k| html! {
                        <option value={k.name()} selected={kind == Some(*k)}>{capitalise(k.plain_name())}</option>
                    }) }
                </select>
            </div>
            if let Some(kind) = kind {
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">{format!("Columns of the {} table", kind.plain_name())}</legend>
                    { for kind.columns().iter().map(|c| column_field(c, kind)) }
                </fieldset>
            }
            <button type="submit" class="button" id={format!("map-{index}-apply")}>{"Apply this mapping"}</button>
        </form>
    }
}

/// For a coded column: what each value found in the file means.
fn value_fields(
    index: usize,
    column: &'static str,
    codes: Codes,
    found: &crate::mapping::ColumnPreview,
    mapping: &UseStateHandle<TableMapping>,
    settings: &IroSettings,
) -> Html {
    if found.more_values {
        return html! {
            <p class="hint">{format!("\u{201c}{}\u{201d} has too many different values to be a coded column: choose another.", found.heading)}</p>
        };
    }
    let choices: Vec<(String, String)> = codes
        .choices(settings)
        .into_iter()
        .filter(|(code, _)| !(codes == Codes::Stage && code.is_empty()))
        .collect();
    let chosen = mapping.values.get(column).cloned().unwrap_or_default();
    html! {
        <fieldset class="fieldset mapping__values">
            <legend class="fieldset__legend fieldset__legend--s">{format!("What each value of \u{201c}{}\u{201d} means", found.heading)}</legend>
            { for found.values.iter().filter(|v| !v.trim().is_empty()).enumerate().map(|(j, value)| {
                let id = format!("{}-value-{j}", field_id(index, column));
                let current = chosen.get(value).cloned();
                let onchange = {
                    let mapping = mapping.clone();
                    let value = value.clone();
                    Callback::from(move |e: Event| {
                        let select: HtmlSelectElement = e.target_unchecked_into();
                        let mut next = (*mapping).clone();
                        let values = next.values.entry(column.to_string()).or_default();
                        if select.value() == "-" {
                            values.remove(&value);
                        } else {
                            values.insert(value.clone(), select.value());
                        }
                        if values.is_empty() {
                            next.values.remove(column);
                        }
                        mapping.set(next);
                    })
                };
                html! {
                    <div class="form-group mapping__value">
                        <label class="label" for={id.clone()}>{format!("\u{201c}{value}\u{201d}")}</label>
                        <select id={id} class="select" onchange={onchange}>
                            <option value="-" selected={current.is_none()}>{"As written in the file"}</option>
                            { for choices.iter().map(|(code, label)| html! {
                                <option value={code.clone()} selected={current.as_deref() == Some(code.as_str())}>{label}</option>
                            }) }
                        </select>
                    </div>
                }
            }) }
        </fieldset>
    }
}

//! One vocabulary: every breakdown key has one JSON name, one label and one DfE mapping, and
//! the CLI text, the page's tables and their CSV downloads all use that label
//! (`careboard::report::keys`). The DfE side (every published field read exactly once) is
//! checked beside the code that reads it, in `measures::benchmarks`.

mod common;

use std::collections::BTreeSet;

use careboard::dfe;
use careboard::present::{sections, text, Block, Presentation, Table};
use careboard::report::keys::{vocabularies, Dfe, Key, LeaverGroup, Vocabulary};
use careboard::settings::Settings;
use common::{dataset, report, SHOWN_EPISODES, SHOWN_HEADER, SHOWN_REVIEWS};

#[test]
fn every_key_has_one_json_name_and_one_label() {
    let all = vocabularies();
    let names: BTreeSet<&str> = all.iter().map(|v| v.name).collect();
    assert_eq!(names.len(), all.len(), "a key enum listed twice");
    for v in &all {
        assert!(!v.keys.is_empty(), "{}: no keys", v.name);
        let mut json = BTreeSet::new();
        let mut labels = BTreeSet::new();
        for (name, label, _) in &v.keys {
            assert!(
                !name.is_empty() && !label.is_empty(),
                "{}: {name:?}",
                v.name
            );
            assert!(json.insert(*name), "{}: JSON name {name:?} twice", v.name);
            assert!(labels.insert(*label), "{}: label {label:?} twice", v.name);
            assert_eq!(label.trim(), *label, "{}: {label:?}", v.name);
        }
    }
}

#[test]
fn every_dfe_mapping_names_a_published_field_once() {
    let fields: BTreeSet<&str> = dfe::table().fields().iter().copied().collect();
    for v in vocabularies() {
        let mut categories = BTreeSet::new();
        for (name, _, dfe) in &v.keys {
            let category = match dfe {
                Dfe::Same => *name,
                Dfe::Within(group) => group.json,
                Dfe::NotPublished => continue,
            };
            let prefix = v
                .dfe
                .unwrap_or_else(|| panic!("{}: {name} is mapped to DfE, the enum is not", v.name));
            let field = format!("{prefix}.{category}");
            assert!(
                fields.contains(field.as_str()),
                "{}: {field} is not published",
                v.name
            );
            categories.insert(field);
        }
        // A published breakdown reads all of DfE's fields under its prefix.
        if let Some(prefix) = v.dfe {
            let published: BTreeSet<String> = fields
                .iter()
                .filter(|f| f.starts_with(&format!("{prefix}.")))
                .map(|f| f.to_string())
                .collect();
            assert_eq!(categories, published, "{}", v.name);
        }
    }
}

/// Every table of the report as shown, child lists included.
fn tables(all: &[careboard::present::Section]) -> Vec<&Table> {
    all.iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) | Block::ChildList(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The labels a report shows whatever its data: every key of the breakdowns it lists in full.
/// The care leavers' ages and outcomes are shown only with an OC3 table loaded (their labels
/// are checked in tests/more_figures.rs), the plausibility checks only when they find something.
fn always_shown() -> Vec<Vocabulary> {
    vocabularies()
        .into_iter()
        .filter(|v| {
            !matches!(
                v.name,
                "ReasonCeased" | "Unpublished" | "CareLeaverAge" | "CareLeaverOutcome" | "Check"
            )
        })
        .collect()
}

#[test]
fn the_cli_text_the_page_and_the_downloads_use_the_same_label_for_every_key() {
    // The three-child fixture with a council chosen, so that location and the comparisons
    // are shown too.
    let settings = Settings {
        la: Some("850".into()),
        ..Settings::default()
    };
    let r = report(
        &dataset(SHOWN_HEADER, SHOWN_EPISODES, SHOWN_REVIEWS, ""),
        2024,
        &settings,
    );
    let cli = text::render(&r);
    let all = sections(&r, Presentation::default());
    let shown = tables(&all);
    let rows: BTreeSet<&str> = shown
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| r.label.as_str()))
        .collect();
    let csv: String = shown.iter().map(|t| t.to_csv()).collect();
    for v in always_shown() {
        for (name, label, _) in &v.keys {
            if v.name == "LeaverGroup" && *name == LeaverGroup::NotKnown.json() {
                // Listed only when some leaver's reason is in none of DfE's groups.
                continue;
            }
            assert!(
                cli.contains(label),
                "CLI text lacks {}::{name} {label:?}",
                v.name
            );
            assert!(
                rows.contains(label),
                "page lacks {}::{name} {label:?}",
                v.name
            );
            assert!(
                csv.contains(label),
                "CSV lacks {}::{name} {label:?}",
                v.name
            );
        }
    }
}

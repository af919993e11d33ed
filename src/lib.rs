//! Careboard: a council's SSDA903 ("903") exports in, the IRO annual report's figures out.
//!
//! The crate map, dependencies pointing one way:
//! `charts` (draws a chart spec, knows nothing of the report), then
//! `report -> measures -> model -> import`, with `geo` (postcode centroids) and
//! `synth` (reproducible synthetic exports) and `dfe` (DfE's published figures) beside them.
//! `present` turns a report into what the page shows (sections, tables, publication mode) and
//! `session` is the page's worker state. None of these modules touches a browser type, so
//! every number is tested natively with `cargo test`; `ui` (wasm32 only) presents them.
#![forbid(unsafe_code)]

pub mod charts;
pub mod dfe;
pub mod geo;
pub mod import;
pub mod measures;
pub mod model;
pub mod present;
pub mod report;
pub mod session;
pub mod settings;
pub mod synth;
pub mod ui;

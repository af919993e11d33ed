//! The page. Its state ([`state`]: one status, a reducer), its words for what went wrong
//! ([`messages`]) and what its worker holds ([`held`], to start a new one after a crash) are
//! plain Rust, compiled and tested natively; the rest is the browser's
//! (wasm32 only): `app` the root and its loading controls, `forms` the settings, `report`
//! the sections of [`crate::present`], `table` and `chart` their tables and canvases,
//! `files` the loaded-files panel, `mapper` the mapping step for local exports, `bridge` the page's side of the worker and `worker`
//! the worker's, `browser` the remaining browser glue (downloads, storage, marks).
//!
//! Dependencies point down that list: `app -> forms, mapper, report, files -> chart -> table ->
//! browser`, and nothing here is imported by the library below it. Child data lives only in the
//! worker's memory and in the page's: nothing here writes it to storage, cookies or the URL
//! (`browser` stores settings only).

pub mod held;
pub mod messages;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod bridge;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod forms;
#[cfg(target_arch = "wasm32")]
pub mod mapper;
#[cfg(target_arch = "wasm32")]
pub mod report;
#[cfg(target_arch = "wasm32")]
pub mod table;
#[cfg(target_arch = "wasm32")]
pub mod worker;

/// Starts the page in `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}

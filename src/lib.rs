//! Careboard: a council's SSDA903 ("903") exports in, the IRO annual report's figures out.
//!
//! The crate map, the way the data travels; each module uses only those before it:
//!
//! * [`model`]: the typed records (children, episodes, reviews, the IRO service's meetings,
//!   allocations, disputes...) and the account of every input row; [`import`] reads CSV, XLSX
//!   and the DfE XML into them.
//! * [`settings`]: the options of MEASURES.md and the council chosen.
//! * [`mapping`]: how a local export in a case-management system's own shape is read as one of
//!   Careboard's tables (column and value mappings), and the mapping profile that keeps them;
//!   the importers apply it.
//! * [`report`]: the report value, shaped as the JSON contract, and its vocabulary
//!   ([`report::keys`]): one key enum per breakdown, each key with its JSON name, its label
//!   and its DfE mapping. Values only.
//! * [`measures`]: the definitions of MEASURES.md, computing a [`report::Report`] from a
//!   [`model::Dataset`] (`make_report` is the door in), with DfE's published figures beside it.
//! * [`charts`]: draws a chart (bars, lines, markers) on any plotters backend, with its text
//!   alternative and keyboard navigation; knows nothing of the report.
//! * [`present`]: the report as a committee reads it: sections (one file each) of a neutral
//!   document model (figures, tables with chart plans, paragraphs), publication mode, the CSV
//!   and JSON downloads, and the CLI's text.
//! * [`paper`]: the committee paper, `present`'s sections (and charts) written as a Word
//!   document (.docx), the same from the page and the command line.
//! * [`session`]: the page's worker: files held, the request/response protocol.
//! * [`ui`]: the page. Its state and messages are plain Rust; its components (Yew, wasm32
//!   only) draw what `present` decides.
//!
//! Beside them: [`dfe`] (DfE's published figures, councils, neighbours) and [`geo`] (postcode
//! centroids and distance), which use nothing else of the crate, and [`synth`] (reproducible
//! synthetic exports, from `model`'s table layout and `geo`). Nothing below `ui` touches a
//! browser type, so every figure is tested natively with `cargo test`.
#![forbid(unsafe_code)]

pub mod charts;
pub mod dfe;
pub mod geo;
pub mod import;
pub mod mapping;
pub mod measures;
pub mod model;
pub mod paper;
pub mod present;
pub mod report;
pub mod session;
pub mod settings;
pub mod synth;
pub mod ui;

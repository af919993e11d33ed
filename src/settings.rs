//! The options of MEASURES.md (each `option:` line) and the council chosen: what a report is
//! computed with. A plain value: the page remembers it, the worker and the CLI pass it to
//! [`crate::measures`], and the report carries the options it was made with. Depends on
//! nothing but [`crate::model::dates`] for reading dates.

use serde::{Deserialize, Serialize};

use crate::model::Date;

/// The options of MEASURES.md (each `option:` line), with its defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Count `CHNE` (Chinese) as `other` instead of `asian`. Default: no (Asian).
    pub chinese_as_other: bool,
    /// Count a move with the same carer (`RNE` T or U) as a placement. Default: yes.
    pub count_same_carer_moves: bool,
    /// Count temporary placements (T0-T4) and the return that follows them. Default: yes.
    pub count_temporary_placements: bool,
    /// Bank holidays to add to the bundled England and Wales list.
    #[serde(with = "crate::model::dates::iso_list")]
    pub extra_bank_holidays: Vec<Date>,
    /// The council the report is for: DfE's three-digit code (`"850"`; see
    /// [`crate::dfe::councils`]). Unset: no rate per 10,000, location or benchmarks.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub la: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            chinese_as_other: false,
            count_same_carer_moves: true,
            count_temporary_placements: true,
            extra_bank_holidays: Vec::new(),
            la: None,
        }
    }
}

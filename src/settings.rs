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
    /// How the IRO service's own figures are counted (MEASURES.md section 7); in the JSON
    /// beside the options above.
    #[serde(flatten)]
    pub iro: IroSettings,
}

/// The IRO service's options (MEASURES.md section 7.2 and the contract's settings), also
/// saved in a mapping profile ([`crate::mapping::Profile`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IroSettings {
    /// A review record is due by the Nth working day after the review. Default 20.
    pub record_deadline_working_days: u32,
    /// Count in an IRO's caseload only the children looked after on the day (needs the 903
    /// episodes). Default: no, every child allocated.
    pub caseload_looked_after_only: bool,
    /// The stages of the dispute resolution process, lowest first. A dispute is counted by the
    /// highest it reached; a stage not in the list is "other stage".
    pub dispute_stages: Vec<String>,
    /// The values of an allocations export's role column that mean an IRO allocation
    /// (compared trimmed and upper-cased). Default `IRO`.
    pub iro_roles: Vec<String>,
}

/// The longest record deadline Careboard accepts, in working days (about five months).
pub const MAX_RECORD_DEADLINE: u32 = 100;

impl Default for IroSettings {
    fn default() -> Self {
        IroSettings {
            record_deadline_working_days: 20,
            caseload_looked_after_only: false,
            dispute_stages: DEFAULT_DISPUTE_STAGES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            iro_roles: vec!["IRO".to_string()],
        }
    }
}

/// The dispute stages of a typical IRO dispute resolution protocol, lowest first: informal
/// (IRO and social worker), formal (team or service manager), head of service, director,
/// Cafcass.
pub const DEFAULT_DISPUTE_STAGES: [&str; 5] = [
    "informal",
    "formal",
    "head_of_service",
    "director",
    "cafcass",
];

/// A dispute stage as the figures compare it: lower-cased, each run of anything but letters
/// and digits one `_`, none at either end (`"Head of Service"` is `head_of_service`).
pub fn stage_key(stage: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in stage.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

impl IroSettings {
    /// The dispute stages as the figures key them ([`stage_key`]), in order, each once.
    pub fn stage_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for key in self.dispute_stages.iter().map(|s| stage_key(s)) {
            if !key.is_empty() && !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }

    /// What is wrong with these settings, in a manager's words (`None` when they can be used):
    /// a deadline of 0 or over [`MAX_RECORD_DEADLINE`] days, a blank or repeated stage.
    pub fn problem(&self) -> Option<String> {
        let n = self.record_deadline_working_days;
        if n == 0 || n > MAX_RECORD_DEADLINE {
            return Some(format!(
                "the record deadline must be from 1 to {MAX_RECORD_DEADLINE} working days, not {n}"
            ));
        }
        let mut seen: Vec<String> = Vec::new();
        for stage in &self.dispute_stages {
            let key = stage_key(stage);
            if key.is_empty() {
                return Some("a dispute stage is blank: give each stage a name".to_string());
            }
            if seen.contains(&key) {
                return Some(format!(
                    "the dispute stage \"{}\" is listed twice",
                    stage.trim()
                ));
            }
            seen.push(key);
        }
        if self.iro_roles.iter().all(|r| r.trim().is_empty()) {
            return Some("give at least one role value that means an IRO (such as IRO)".into());
        }
        None
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            chinese_as_other: false,
            count_same_carer_moves: true,
            count_temporary_placements: true,
            extra_bank_holidays: Vec::new(),
            la: None,
            iro: IroSettings::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_compared_lower_cased_with_runs_of_punctuation_as_one_underscore() {
        assert_eq!(stage_key("Head of Service"), "head_of_service");
        assert_eq!(stage_key("  head-of--service "), "head_of_service");
        assert_eq!(stage_key("Stage 2: Formal"), "stage_2_formal");
        assert_eq!(stage_key(" - "), "");
    }

    #[test]
    fn iro_settings_sit_beside_the_other_options_in_the_json_and_default_when_absent() {
        let json = serde_json::to_value(Settings::default()).unwrap();
        assert_eq!(json["record_deadline_working_days"], 20);
        assert_eq!(json["caseload_looked_after_only"], false);
        assert_eq!(json["dispute_stages"][2], "head_of_service");
        assert_eq!(json["iro_roles"][0], "IRO");
        // Settings remembered before these existed still read.
        let old: Settings = serde_json::from_str(
            r#"{"chinese_as_other":true,"count_same_carer_moves":true,
                "count_temporary_placements":true,"extra_bank_holidays":[]}"#,
        )
        .unwrap();
        assert!(old.chinese_as_other);
        assert_eq!(old.iro, IroSettings::default());
    }

    #[test]
    fn a_repeated_or_blank_stage_or_a_zero_deadline_is_a_problem() {
        let mut s = IroSettings::default();
        assert_eq!(s.problem(), None);
        s.dispute_stages.push("Formal".into());
        assert!(s.problem().unwrap().contains("\"Formal\" is listed twice"));
        s.dispute_stages.pop();
        s.record_deadline_working_days = 0;
        assert!(s.problem().unwrap().contains("from 1 to 100"));
    }
}

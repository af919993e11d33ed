//! The 903 code lists (ssda903-notes.md section 2), used to warn about codes nobody knows.
//!
//! An unknown code is never a rejection: the row is used and the code counts as `unknown`
//! in its breakdown (MEASURES.md section 5).

use super::code::CodeList;

/// `ETHNIC`: the 20 codes of the 2021 census-based list.
pub static ETHNIC: CodeList = CodeList::new(&[
    "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
    "AOTH", "CHNE", "BCRB", "BAFR", "BOTH", "OOTH", "REFU", "NOBT",
]);

/// `SEX`: `1`/`2` until 2023-24, `M`/`F`/`U` from 2024-25.
pub static SEX: CodeList = CodeList::new(&["1", "2", "M", "F", "U"]);

/// `LS`: legal status.
pub static LEGAL_STATUS: CodeList = CodeList::new(&[
    "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
]);

/// `PLACE`: placement type, every code valid in some collection year.
pub static PLACEMENT: CodeList = CodeList::new(&[
    "U1", "U2", "U3", "U4", "U5", "U6", "A3", "A4", "A5", "A6", "P1", "P2", "P3", "H5", "K1", "K2",
    "K3", "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13",
    "Z14",
]);

/// `RNE`: reason for new episode.
pub static REASON_NEW_EPISODE: CodeList = CodeList::new(&["S", "L", "P", "T", "B", "U"]);

/// `REC`: reason episode ceased (E43/E44 are older SGO codes still found in history).
pub static REASON_CEASED: CodeList = CodeList::new(&[
    "X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E43", "E44", "E45",
    "E46", "E47", "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9",
]);

/// `REVIEW_CODE`: participation in the review.
pub static PARTICIPATION: CodeList =
    CodeList::new(&["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]);

/// `MISSING`: missing (whereabouts unknown) or away from placement without authorisation.
pub static MISSING: CodeList = CodeList::new(&["M", "A"]);

/// OC3 `IN_TOUCH`: whether the council is in touch with the care leaver.
pub static IN_TOUCH: CodeList = CodeList::new(&["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"]);

/// OC3 `ACTIV`: the care leaver's main activity (F/P: education, employment or training,
/// full or part time; G4-G6: not; 0: not applicable).
pub static ACTIVITY: CodeList = CodeList::new(&[
    "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0",
]);

/// OC3 `ACCOM`: the care leaver's accommodation, a letter for its kind and `1` suitable or
/// `2` unsuitable (0: not applicable).
pub static ACCOMMODATION: CodeList = CodeList::new(&[
    "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1", "R2",
    "S1", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X1", "X2", "Y1", "Y2", "Z1", "Z2",
    "0",
]);

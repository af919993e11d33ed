//! Keys of the leavers' breakdowns (MEASURES.md section 2): each reason-ceased code (`REC`)
//! and DfE's 17 groups of them, which DfE publishes as `ceased_reason.*`.

use super::{Dfe, Key};

keys! {
    /// DfE's groups of reasons for leaving care, in DfE's order.
    pub enum LeaverGroup, published by DfE as Some("ceased_reason");
    Adopted = "adopted", "Adopted", Dfe::Same;
    SpecialGuardianshipOrder = "special_guardianship_order", "Special guardianship order",
        Dfe::Same;
    ChildArrangementsOrder = "child_arrangements_order", "Child arrangements order", Dfe::Same;
    ReturnedHomePlanned = "returned_home_planned", "Returned home as planned", Dfe::Same;
    ReturnedHomeUnplanned = "returned_home_unplanned", "Returned home, not as planned",
        Dfe::Same;
    OtherFamily = "other_family", "Went to live with other family or friends", Dfe::Same;
    IndependentLivingSupported = "independent_living_supported",
        "Independent living with formal support", Dfe::Same;
    IndependentLivingUnsupported = "independent_living_unsupported",
        "Independent living without formal support", Dfe::Same;
    StayedWithCarers18Plus = "stayed_with_carers_18_plus",
        "Turned 18 and stayed with their carers", Dfe::Same;
    AdultSocialCare = "adult_social_care", "Moved to adult social care", Dfe::Same;
    Custody = "custody", "Sentenced to custody", Dfe::Same;
    RemandEnded = "remand_ended", "Remand ended", Dfe::Same;
    AgeAssessed18Plus = "age_assessed_18_plus", "Age assessment found them to be 18 or over",
        Dfe::Same;
    MovedAbroad = "moved_abroad", "Moved abroad", Dfe::Same;
    Died = "died", "Died", Dfe::Same;
    CareTakenByAnotherLa = "care_taken_by_another_la", "Care taken over by another council",
        Dfe::Same;
    OtherReason = "other_reason", "Other reasons", Dfe::Same;
    /// A leaving code that is blank or in none of DfE's groups.
    NotKnown = "not_known", "Reason not recorded or not a known code", Dfe::NotPublished;
}

keys! {
    /// Each leaving code (`REC`; the JSON names are the codes), in plain words, in the order
    /// the DfE guide lists them.
    pub enum ReasonCeased, published by DfE as None;
    E2 = "E2", "Died", Dfe::NotPublished;
    E3 = "E3", "Care taken over by another council", Dfe::NotPublished;
    E4A = "E4A", "Returned home as part of the care plan", Dfe::NotPublished;
    E4B = "E4B", "Returned home, not as part of the care plan", Dfe::NotPublished;
    E5 = "E5", "Independent living with formal support", Dfe::NotPublished;
    E6 = "E6", "Independent living without formal support", Dfe::NotPublished;
    E7 = "E7", "Moved to adult social care residential care", Dfe::NotPublished;
    E8 = "E8", "Other reason", Dfe::NotPublished;
    E9 = "E9", "Sentenced to custody", Dfe::NotPublished;
    E11 = "E11", "Adopted (application unopposed)", Dfe::NotPublished;
    E12 = "E12", "Adopted (consent dispensed with)", Dfe::NotPublished;
    E13 = "E13", "Went to live with family or others without parental responsibility",
        Dfe::NotPublished;
    E14 = "E14", "Remand ended", Dfe::NotPublished;
    E15 = "E15", "Age assessment found them to be 18 or over", Dfe::NotPublished;
    E16 = "E16", "Moved abroad", Dfe::NotPublished;
    E17 = "E17", "Aged 18 and stayed with their carers (staying put)", Dfe::NotPublished;
    E41 = "E41", "Child arrangements order", Dfe::NotPublished;
    E43 = "E43", "Special guardianship order (older code E43)", Dfe::NotPublished;
    E44 = "E44", "Special guardianship order (older code E44)", Dfe::NotPublished;
    E45 = "E45", "Special guardianship order: former foster carers, relatives or friends",
        Dfe::NotPublished;
    E46 = "E46", "Special guardianship order: former foster carers, not relatives or friends",
        Dfe::NotPublished;
    E47 = "E47", "Special guardianship order: other carers, relatives or friends",
        Dfe::NotPublished;
    E48 = "E48", "Special guardianship order: other carers, not relatives or friends",
        Dfe::NotPublished;
}

/// What a code that is not a leaving code reads as.
pub const NOT_A_KNOWN_REASON: &str = "Not a known reason code";

impl ReasonCeased {
    /// The code's DfE group.
    pub fn group(self) -> LeaverGroup {
        use ReasonCeased::*;
        match self {
            E11 | E12 => LeaverGroup::Adopted,
            E43 | E44 | E45 | E46 | E47 | E48 => LeaverGroup::SpecialGuardianshipOrder,
            E41 => LeaverGroup::ChildArrangementsOrder,
            E4A => LeaverGroup::ReturnedHomePlanned,
            E4B => LeaverGroup::ReturnedHomeUnplanned,
            E13 => LeaverGroup::OtherFamily,
            E5 => LeaverGroup::IndependentLivingSupported,
            E6 => LeaverGroup::IndependentLivingUnsupported,
            E17 => LeaverGroup::StayedWithCarers18Plus,
            E7 => LeaverGroup::AdultSocialCare,
            E9 => LeaverGroup::Custody,
            E14 => LeaverGroup::RemandEnded,
            E15 => LeaverGroup::AgeAssessed18Plus,
            E16 => LeaverGroup::MovedAbroad,
            E2 => LeaverGroup::Died,
            E3 => LeaverGroup::CareTakenByAnotherLa,
            E8 => LeaverGroup::OtherReason,
        }
    }

    /// Reason codes in the order the DfE guide lists them: by number, then letter (E2, E3, E4A,
    /// E4B, E5 ... E11, E12), not as text (which puts E17 before E2).
    pub fn guide_order(code: &str) -> (String, u32, String) {
        let letters: String = code
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let rest = &code[letters.len()..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let number = digits.parse().unwrap_or(u32::MAX);
        (letters, number, rest[digits.len()..].to_string())
    }

    /// The plain words of a code as the report holds it (upper-case), or
    /// [`NOT_A_KNOWN_REASON`].
    pub fn label_of(code: &str) -> &'static str {
        ReasonCeased::from_json(code).map_or(NOT_A_KNOWN_REASON, Key::label)
    }
}

impl LeaverGroup {
    /// The group of a leaving code as the report holds it (upper-case); `NotKnown` for a code
    /// in none of DfE's groups.
    pub fn of_code(code: &str) -> LeaverGroup {
        ReasonCeased::from_json(code).map_or(LeaverGroup::NotKnown, ReasonCeased::group)
    }

    /// The leaving codes of this group, in the guide's order.
    pub fn codes(self) -> Vec<&'static str> {
        ReasonCeased::ALL
            .iter()
            .filter(|r| r.group() == self)
            .map(|r| r.json())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_leaving_code_has_one_dfe_group() {
        assert_eq!(LeaverGroup::of_code("E12"), LeaverGroup::Adopted);
        assert_eq!(
            LeaverGroup::of_code("E47"),
            LeaverGroup::SpecialGuardianshipOrder
        );
        assert_eq!(LeaverGroup::of_code("X1"), LeaverGroup::NotKnown);
        assert_eq!(
            LeaverGroup::SpecialGuardianshipOrder.codes(),
            ["E43", "E44", "E45", "E46", "E47", "E48"]
        );
        assert_eq!(ReasonCeased::label_of("E2"), "Died");
        assert_eq!(ReasonCeased::label_of("E99"), NOT_A_KNOWN_REASON);
        // Every group but "not known" holds a code.
        for g in LeaverGroup::ALL {
            assert_eq!(g.codes().is_empty(), *g == LeaverGroup::NotKnown, "{g:?}");
        }
    }
}

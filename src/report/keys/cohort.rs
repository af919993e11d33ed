//! Keys of the breakdowns of children looked after at 31 March (MEASURES.md section 1), with
//! DfE's published categories (`data/dfe_benchmarks.tsv`).

use super::{Dfe, DfeGroup};

keys! {
    /// Sex as the header records it.
    pub enum Sex, published by DfE as Some("sex");
    Male = "male", "Male", Dfe::Same;
    Female = "female", "Female", Dfe::Same;
    Unknown = "unknown", "Not recorded", Dfe::NotPublished;
}

keys! {
    /// Age on 31 March in completed years.
    pub enum AgeBand, published by DfE as Some("age_band");
    Under1 = "under_1", "Under 1", Dfe::Same;
    OneToFour = "1_to_4", "1 to 4", Dfe::Same;
    FiveToNine = "5_to_9", "5 to 9", Dfe::Same;
    TenToFifteen = "10_to_15", "10 to 15", Dfe::Same;
    SixteenAndOver = "16_and_over", "16 and over", Dfe::Same;
    Unknown = "unknown", "Date of birth not known", Dfe::NotPublished;
}

keys! {
    /// Ethnic group, DfE's headings.
    pub enum EthnicGroup, published by DfE as Some("ethnic_group");
    White = "white", "White", Dfe::Same;
    Mixed = "mixed", "Mixed or multiple ethnic groups", Dfe::Same;
    Asian = "asian", "Asian or Asian British", Dfe::Same;
    Black = "black", "Black, African, Caribbean or Black British", Dfe::Same;
    Other = "other", "Other ethnic group", Dfe::Same;
    NotKnown = "not_known", "Not known or not recorded", Dfe::Same;
}

keys! {
    /// Legal status of the open episode.
    pub enum LegalStatus, published by DfE as Some("legal_status");
    InterimCareOrder = "interim_care_order", "Interim care order", Dfe::Same;
    FullCareOrder = "full_care_order", "Full care order", Dfe::Same;
    PlacementOrder = "placement_order", "Placement order (for adoption)", Dfe::Same;
    Section20 = "section_20", "Section 20 (voluntary accommodation)", Dfe::Same;
    DetainedForChildProtection = "detained_for_child_protection",
        "Emergency protection or police protection", Dfe::Same;
    YouthJustice = "youth_justice", "Youth justice (remand or sentence)", Dfe::Same;
    Unknown = "unknown", "Not recorded or not a known code", Dfe::NotPublished;
}

/// DfE publishes foster care as one category.
pub static FOSTER: DfeGroup = DfeGroup {
    json: "foster",
    label: "All foster care",
};

keys! {
    /// Placement type of the open episode.
    pub enum Placement, published by DfE as Some("placement");
    FosterRelativeFriend = "foster_relative_friend", "Foster care with relatives or friends",
        Dfe::Within(&FOSTER);
    FosterOtherCarer = "foster_other_carer", "Foster care with other carers",
        Dfe::Within(&FOSTER);
    PlacedForAdoption = "placed_for_adoption", "Placed for adoption", Dfe::Same;
    PlacedWithParents = "placed_with_parents", "Placed with parents", Dfe::Same;
    IndependentOrSupported = "independent_or_supported",
        "Independent living or supported accommodation", Dfe::Same;
    SecureAndChildrensHomes = "secure_and_childrens_homes", "Children's homes and secure units",
        Dfe::Same;
    OtherResidential = "other_residential", "Other residential settings", Dfe::Same;
    ResidentialSchool = "residential_school", "Residential schools", Dfe::Same;
    Other = "other", "Other placements", Dfe::Same;
    Unknown = "unknown", "Not recorded or not a known code", Dfe::NotPublished;
}

keys! {
    /// Straight-line distance between home and placement.
    pub enum Distance, published by DfE as Some("distance");
    UpTo20Miles = "up_to_20_miles", "20 miles or less", Dfe::Same;
    Over20Miles = "over_20_miles", "Over 20 miles", Dfe::Same;
    NotKnown = "not_known", "Not known", Dfe::Same;
}

keys! {
    /// Placed inside or outside the chosen council's boundary.
    pub enum Location, published by DfE as Some("location");
    InsideLa = "inside_la", "Inside the council's area", Dfe::Same;
    OutsideLa = "outside_la", "Outside the council's area", Dfe::Same;
    /// No placement postcode, or one the bundled table cannot place in a council.
    NotKnown = "not_known", "Not known", Dfe::NotPublished;
}

keys! {
    /// The five ethnic groups a population is compared by (MEASURES.md section 9): the
    /// groups of [`EthnicGroup`] whose group is known.
    pub enum PopulationGroup, published by DfE as None;
    White = "white", "White", Dfe::NotPublished;
    Mixed = "mixed", "Mixed or multiple ethnic groups", Dfe::NotPublished;
    Asian = "asian", "Asian or Asian British", Dfe::NotPublished;
    Black = "black", "Black, African, Caribbean or Black British", Dfe::NotPublished;
    Other = "other", "Other ethnic group", Dfe::NotPublished;
}

impl PopulationGroup {
    /// The cohort's ethnic group this is.
    pub fn ethnic_group(self) -> EthnicGroup {
        match self {
            PopulationGroup::White => EthnicGroup::White,
            PopulationGroup::Mixed => EthnicGroup::Mixed,
            PopulationGroup::Asian => EthnicGroup::Asian,
            PopulationGroup::Black => EthnicGroup::Black,
            PopulationGroup::Other => EthnicGroup::Other,
        }
    }
}

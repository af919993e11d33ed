//! Keys of the figures of MEASURES.md section 10 that IRO reports show beside the 903's own:
//! how long children have been in care, and the care leavers' age groups.

use super::Dfe;

keys! {
    /// How long a child looked after on 31 March has been in care: since the start of the
    /// current period of care (MEASURES.md section 10, `time_in_care`).
    pub enum TimeInCare, published by DfE as None;
    Under6Months = "under_6_months", "Under 6 months", Dfe::NotPublished;
    SixTo12Months = "6_to_12_months", "6 months to under 1 year", Dfe::NotPublished;
    OneToTwoYears = "1_to_2_years", "1 year to under 2 years", Dfe::NotPublished;
    TwoToFiveYears = "2_to_5_years", "2 years to under 5 years", Dfe::NotPublished;
    FiveYearsAndOver = "5_years_and_over", "5 years or more", Dfe::NotPublished;
}

keys! {
    /// The care leavers of the OC3 table by the age they turned in the year. DfE publishes the
    /// 19 to 21 figures per council, but Careboard's bundled DfE tables do not hold them yet.
    pub enum CareLeaverAge, published by DfE as None;
    SeventeenToEighteen = "17_to_18", "Aged 17 or 18", Dfe::NotPublished;
    NineteenToTwentyOne = "19_to_21", "Aged 19 to 21", Dfe::NotPublished;
}

keys! {
    /// What the OC3 table says of a care leaver: in touch, in education, employment or
    /// training, and in suitable accommodation (MEASURES.md section 10, `care_leavers`). The
    /// JSON names are the fields of each age group's figures.
    pub enum CareLeaverOutcome, published by DfE as None;
    InTouch = "in_touch", "In touch with the council", Dfe::NotPublished;
    Eet = "eet", "In education, employment or training", Dfe::NotPublished;
    Neet = "neet", "Not in education, employment or training", Dfe::NotPublished;
    SuitableAccommodation = "suitable_accommodation", "In suitable accommodation",
        Dfe::NotPublished;
    Unsuitable = "unsuitable", "In unsuitable accommodation", Dfe::NotPublished;
}

//! Keys of the plausibility checks (MEASURES.md section 11): data that cannot be right. Each
//! check's JSON name is its `data_quality.checks[].check` id; the label is a manager's short
//! title for it (the page's wording of what to check is `present`'s).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Dfe, Key};

keys! {
    /// One plausibility check, in the order MEASURES.md lists them (the order of
    /// `data_quality.checks`).
    pub enum Check, published by DfE as None;
    Over18InCare = "over_18_in_care", "Looked after at 18 or over", Dfe::NotPublished;
    Pn0Aged4Plus = "pn0_aged_4_plus", "Reviews coded \u{201c}under 4\u{201d} for children aged 4 or over",
        Dfe::NotPublished;
    Pn17Under4 = "pn1_7_under_4", "Reviews of children under 4 coded PN1 to PN7",
        Dfe::NotPublished;
    NoStarters = "no_starters", "No child started to be looked after", Dfe::NotPublished;
    NoLeavers = "no_leavers", "No child stopped being looked after", Dfe::NotPublished;
    FlatMonthEnds = "flat_month_ends", "The same number looked after at every month end",
        Dfe::NotPublished;
    DistanceMostlyUnknown = "distance_mostly_unknown", "Distance from home mostly not known",
        Dfe::NotPublished;
    VeryLateReviews = "very_late_reviews", "Reviews held more than a year late",
        Dfe::NotPublished;
    MostOverdue = "most_overdue", "Most children overdue a review", Dfe::NotPublished;
    DatesBeforeBirth = "dates_before_birth", "Dates before the child was born",
        Dfe::NotPublished;
    FutureDates = "future_dates", "Dates after the export was taken", Dfe::NotPublished;
    OverlappingEpisodes = "overlapping_episodes", "Care episodes that overlap",
        Dfe::NotPublished;
}

impl Serialize for Check {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.json())
    }
}

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Check::from_json(&name).ok_or_else(|| {
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(&name), &"a check id")
        })
    }
}

//! Keys of the review breakdowns (MEASURES.md section 3). DfE publishes no review figures.

use super::Dfe;

keys! {
    /// How the child took part in a review (`REVIEW_CODE`); the JSON names are the codes.
    pub enum Participation, published by DfE as None;
    Pn0 = "PN0", "Child under 4 at the review", Dfe::NotPublished;
    Pn1 = "PN1", "Attended and spoke for themselves", Dfe::NotPublished;
    Pn2 = "PN2", "Attended; an advocate spoke for them", Dfe::NotPublished;
    Pn3 = "PN3", "Attended and gave their views without words", Dfe::NotPublished;
    Pn4 = "PN4", "Attended but did not contribute", Dfe::NotPublished;
    Pn5 = "PN5", "Did not attend; briefed an advocate", Dfe::NotPublished;
    Pn6 = "PN6", "Did not attend; sent their views another way", Dfe::NotPublished;
    Pn7 = "PN7", "Did not attend and no views given", Dfe::NotPublished;
    Unknown = "unknown", "Not recorded or not a known code", Dfe::NotPublished;
}

impl Participation {
    /// Whether the child took part (PN1 to PN6), out of the reviews of children aged 4 and
    /// over (PN1 to PN7); `None` for PN0 (under 4: not expected to) and unknown codes.
    pub fn took_part(self) -> Option<bool> {
        match self {
            Participation::Pn1
            | Participation::Pn2
            | Participation::Pn3
            | Participation::Pn4
            | Participation::Pn5
            | Participation::Pn6 => Some(true),
            Participation::Pn7 => Some(false),
            Participation::Pn0 | Participation::Unknown => None,
        }
    }
}

impl super::Breakdown<Participation> {
    /// The headline participation: `(took part, of)`, the counts of PN1 to PN6 and of PN1 to
    /// PN7 (children aged 4 and over; PN0 and unknown codes are in neither).
    pub fn took_part(&self) -> (u64, u64) {
        let counted = |pick: fn(Option<bool>) -> bool| -> u64 {
            self.rows()
                .filter(|(code, _)| pick(code.took_part()))
                .map(|(_, n)| n)
                .sum()
        };
        (counted(|t| t == Some(true)), counted(|t| t.is_some()))
    }
}

keys! {
    /// Review measures DfE publishes no national figure for (`benchmarks.not_published`).
    pub enum Unpublished, published by DfE as None;
    Participation = "participation", "Children's participation in their reviews",
        Dfe::NotPublished;
    Reviews = "reviews", "Review timeliness", Dfe::NotPublished;
}

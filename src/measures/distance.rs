//! Distance from home of a placement (MEASURES.md section 1, `distance`).
//!
//! A `PL_DISTANCE` recorded in the export wins (999.9, blank or not a number = not known);
//! otherwise the straight-line distance between the home and placement postcode centroids
//! from the bundled table in [`crate::geo`]. Over 20 miles means strictly more than 20.0.

use crate::geo;
use crate::model::{Dataset, EpisodeDetails, RecordedDistance};

/// The three distance groups DfE publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceGroup {
    UpTo20,
    Over20,
    NotKnown,
}

/// Miles from home for an episode of `data`, when known (recorded, or computed and rounded to
/// 0.1).
pub fn miles(data: &Dataset, episode: &EpisodeDetails) -> Option<f64> {
    match episode.pl_distance.get() {
        RecordedDistance::Miles(m) => Some(m),
        RecordedDistance::NotKnown => None,
        RecordedDistance::Absent => {
            geo::postcode_distance_miles(data.text(&episode.home_post), data.text(&episode.pl_post))
        }
    }
}

/// The group of an episode's distance.
pub fn distance_group(data: &Dataset, episode: &EpisodeDetails) -> DistanceGroup {
    match miles(data, episode) {
        Some(m) if m > 20.0 => DistanceGroup::Over20,
        Some(_) => DistanceGroup::UpTo20,
        None => DistanceGroup::NotKnown,
    }
}

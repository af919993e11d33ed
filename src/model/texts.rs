//! A list of short texts held end to end in one buffer ([`Texts`]).

use std::fmt;
use std::ops::Index;

/// A list of texts held end to end in one buffer: the children's IDs, the texts too long for a
/// [`super::Text`]. Hundreds of thousands of IDs of a few bytes each then cost their bytes and
/// a position apiece, not a `String` (24 bytes and an allocation of its own) apiece.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Texts {
    text: String,
    /// Where each text ends in `text`.
    ends: Vec<usize>,
}

impl Texts {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Text `i` (from 0), if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    /// Adds `text` at the end.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len());
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl Index<usize> for Texts {
    type Output = str;

    /// Text `i`; panics when there is none, as a `Vec`'s index does.
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(text) => text,
            None => panic!("text {i} of {}", self.len()),
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for Texts {
    fn from_iter<I: IntoIterator<Item = S>>(texts: I) -> Self {
        let mut list = Texts::default();
        for text in texts {
            list.push(text.as_ref());
        }
        list
    }
}

/// Equal to a list of the same texts (in tests: `assert_eq!(d.children, ["A", "B"])`).
impl<const N: usize> PartialEq<[&str; N]> for Texts {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

/// As a list of strings: `["A", "B"]`.
impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back_as_pushed_empty_ones_too() {
        let list: Texts = ["A1", "", "ÉLISE", "B"].into_iter().collect();
        assert_eq!(list.len(), 4);
        assert_eq!(list.iter().collect::<Vec<_>>(), ["A1", "", "ÉLISE", "B"]);
        // "A1" ends at 2, "" at 2, "ÉLISE" (6 bytes) at 8, "B" at 9.
        assert_eq!(list.ends, [2, 2, 8, 9]);
        assert_eq!(&list[2], "ÉLISE");
        assert_eq!(list.get(4), None);
        assert_eq!(format!("{list:?}"), r#"["A1", "", "ÉLISE", "B"]"#);
        assert!(Texts::default().is_empty());
        assert_eq!(list, ["A1", "", "ÉLISE", "B"]);
        assert_ne!(list, ["A1", "", "ÉLISE"]);
        assert_ne!(list, ["A1", "", "ELISE", "B"]);
    }
}

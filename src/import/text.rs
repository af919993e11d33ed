//! Turning a text file's bytes into one `str`, whatever encoding Excel or a case-management
//! system saved it in.
//!
//! Handles UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or without one when every
//! other byte is NUL) and, for bytes that are not valid UTF-8, Windows-1252 (what Excel on a
//! UK Windows PC writes for "CSV (Comma delimited)"). The common case, UTF-8, is borrowed, not
//! copied. Line endings are left alone: the CSV reader accepts CRLF, CR and LF, and cells that
//! keep an embedded line break are normalised where they are read. Depends on nothing but std.

use std::borrow::Cow;

/// Why the bytes are not text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NotText {
    /// Many NUL bytes or control characters outside UTF-16: a binary file.
    Binary,
}

/// The encoding a file was found to be in (kept for tests and messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// Decodes a text file. The BOM, if any, is removed.
pub(crate) fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_or_1252(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((Cow::Owned(utf16(rest, true)), Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((Cow::Owned(utf16(rest, false)), Encoding::Utf16Be));
    }
    if let Some(little_endian) = utf16_without_bom(bytes) {
        let text = utf16(bytes, little_endian);
        let encoding = if little_endian {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        return Ok((Cow::Owned(text), encoding));
    }
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    Ok(utf8_or_1252(bytes))
}

fn utf8_or_1252(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => (Cow::Owned(windows_1252(bytes)), Encoding::Windows1252),
    }
}

/// UTF-16 without a BOM is recognised only when it is unmistakable: text that is mostly ASCII
/// has a NUL in every high byte. Returns whether it is little-endian.
pub(super) fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        nul_even += usize::from(pair[0] == 0);
        nul_odd += usize::from(pair[1] == 0);
    }
    // At least 80% of the high bytes NUL, and almost none of the low ones.
    let mostly = |n: usize| n * 10 >= pairs * 8;
    let hardly = |n: usize| n * 20 <= pairs;
    if mostly(nul_odd) && hardly(nul_even) {
        Some(true)
    } else if mostly(nul_even) && hardly(nul_odd) {
        Some(false)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if little_endian {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// More than 1 in 20 of the first 8 KiB being NUL or control characters that text never
/// holds means binary (an image, a zip that is not a workbook, an executable...). A stray NUL
/// in a text file is not enough: the file is read, and the row holding it is rejected with its
/// position (by the row checks, [`crate::model::build()`]).
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 20 > sample.len()
}

/// Windows-1252 bytes 0x80..=0x9F; the five bytes the code page leaves undefined map to the
/// C1 control of the same value, as browsers do.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

pub(super) fn windows_1252(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + bytes.len() / 8);
    for &b in bytes {
        s.push(match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            // ASCII and 0xA0..=0xFF (Latin-1) are the code points of the same value.
            _ => char::from(b),
        });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_bytes(s: &str, little_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if little_endian {
                b"\xFF\xFE"
            } else {
                b"\xFE\xFF"
            });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if little_endian {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn utf8_is_borrowed_and_its_bom_removed() {
        let (t, e) = decode(b"\xEF\xBB\xBFCHILD,DOB\n").unwrap();
        assert!(matches!(t, Cow::Borrowed(_)));
        assert_eq!((&*t, e), ("CHILD,DOB\n", Encoding::Utf8));
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        for le in [true, false] {
            let bytes = utf16_bytes("CHILD,NAME\r\n1,Zoë\r\n", le, true);
            let (t, e) = decode(&bytes).unwrap();
            assert_eq!(&*t, "CHILD,NAME\r\n1,Zoë\r\n");
            assert_eq!(
                e,
                if le {
                    Encoding::Utf16Le
                } else {
                    Encoding::Utf16Be
                }
            );
        }
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_high_bytes() {
        for (le, encoding) in [(true, Encoding::Utf16Le), (false, Encoding::Utf16Be)] {
            let bytes = utf16_bytes("CHILD,SEX\n1,2\n", le, false);
            let (t, e) = decode(&bytes).unwrap();
            assert_eq!((&*t, e), ("CHILD,SEX\n1,2\n", encoding));
        }
    }

    #[test]
    fn windows_1252_maps_the_0x80_to_0x9f_block_and_latin_1() {
        // 0x92 is the curly apostrophe Excel types, 0xE9 is é, 0x80 the euro sign.
        let (t, e) = decode(b"O\x92Brien,Ren\xE9e,\x80").unwrap();
        assert_eq!((&*t, e), ("O\u{2019}Brien,Renée,€", Encoding::Windows1252));
    }

    #[test]
    fn many_nul_bytes_and_control_characters_are_binary_but_one_nul_is_not() {
        assert_eq!(decode(b"abc\0def").unwrap_err(), NotText::Binary);
        let mut text = b"CHILD,REVIEW,REVIEW_CODE\n".repeat(4);
        text.extend_from_slice(b"A\0,01/01/2024,PN1\n");
        assert!(decode(&text).is_ok());
        assert_eq!(
            decode(&[1, 2, 3, 4, 5, 6, b'a', b'b']).unwrap_err(),
            NotText::Binary
        );
        // A tab-separated file with form feeds is still text.
        assert!(decode(b"CHILD\tDOB\n\x0c").is_ok());
    }
}

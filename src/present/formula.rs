//! Keeping spreadsheet programs from running a download's cells as formulas.
//!
//! A CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
//! Excel, LibreOffice and Google Sheets as a formula, so a child ID such as `=HYPERLINK(...)`
//! in an export would run when a manager opens the download. Following the OWASP rule for CSV
//! injection, such a cell is written with a single quote in front (`'=1+1`), which makes it
//! text. A cell that is only a number (`-3`, `+12`, `-1,234`, `+25.9%`: the changes in the
//! trend tables) is left as it is: a spreadsheet reads it as that number, never as a formula,
//! and it stays a number the reader can add up. Only downloads go through here; the JSON
//! report keeps every value exactly.

use std::borrow::Cow;

/// The cell as a spreadsheet may safely open it: `'` added in front of one that would be read
/// as a formula; anything else (numbers included) unchanged.
pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    let starts_formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_formula && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A sign, digits (with `,` grouping and one `.`), and an optional `%`: nothing a spreadsheet
/// could read as a formula.
fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let digits = unsigned.strip_suffix('%').unwrap_or(unsigned);
    digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && !digits.starts_with([',', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_quote_in_front() {
        for (cell, safe) in [
            ("=1+1", "'=1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+44 20 7946 0000", "'+44 20 7946 0000"),
            ("-2+3", "'-2+3"),
            ("\tA", "'\tA"),
            ("\rA", "'\rA"),
            ("+3 points", "'+3 points"),
            ("-", "'-"),
            ("+.5", "'+.5"),
        ] {
            assert_eq!(neutralise_formula(cell), safe, "{cell}");
        }
    }

    #[test]
    fn numbers_and_ordinary_text_are_left_alone() {
        for cell in [
            "-3",
            "+12",
            "-1,234",
            "+25.9%",
            "-0.5",
            "0",
            "1234",
            "A123",
            "fewer than 5",
            "−8",
            "",
            "child =1",
        ] {
            assert!(
                matches!(neutralise_formula(cell), Cow::Borrowed(c) if c == cell),
                "{cell}"
            );
        }
    }
}

//! Deliberately messy rows, a small counted share (about 0.3% of rows), so that importers and
//! measures are seen to reject or warn as MEASURES.md section 5 says: impossible dates,
//! two-digit years, blank ids, unknown and lower-case codes, duplicate rows.
//!
//! Rows are chosen by the seeded PRNG and no row is made messy twice, so each kind's count is
//! exact and the summary can be trusted by tests.

use std::collections::HashSet;

use super::rng::Rng;
use super::SynthExport;

const MESSY: u64 = 6;
const SHARE: f64 = 0.003;

/// Distinct row indices of a table for a kind, avoiding rows already touched.
fn choose(
    rng: &mut Rng,
    len: usize,
    count: usize,
    touched: &mut HashSet<usize>,
    eligible: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < count && len > 0 && tries < count * 50 + 100 {
        tries += 1;
        let i = rng.below(len as u64) as usize;
        if eligible(i) && touched.insert(i) {
            out.push(i);
        }
    }
    out.sort_unstable();
    out
}

/// `31/02/yyyy` from a `dd/mm/yyyy` date, keeping the year.
fn impossible(date: &str, dom: &str) -> String {
    format!("{dom}/02/{}", date.get(6..).unwrap_or("2024"))
}

/// `dd/mm/yy` from a `dd/mm/yyyy` date.
fn two_digit_year(date: &str) -> String {
    match (date.get(..6), date.get(8..)) {
        (Some(dm), Some(yy)) if date.len() == 10 => format!("{dm}{yy}"),
        _ => date.to_string(),
    }
}

/// Copies of the rows at `at` (sorted), each inserted right after its original.
fn duplicate_after<T: Clone>(rows: &mut Vec<T>, at: &[usize]) {
    let mut out = Vec::with_capacity(rows.len() + at.len());
    let mut next = at.iter().peekable();
    for (i, r) in rows.drain(..).enumerate() {
        let again = next.peek() == Some(&&i);
        if again {
            next.next();
            out.push(r.clone());
        }
        out.push(r);
    }
    *rows = out;
}

/// Makes a small share of rows messy and records what was done.
pub(crate) fn inject(export: &mut SynthExport, seed: u64) {
    let mut rng = Rng::stream(seed, MESSY, 0);
    const KINDS: usize = 11;
    let per_kind = ((export.total_rows() as f64 * SHARE / KINDS as f64).round() as usize).max(1);
    let mut summary: Vec<(String, usize)> = Vec::new();
    let mut touched_episodes = HashSet::new();
    let mut touched_reviews = HashSet::new();
    let mut touched_header = HashSet::new();

    let eps = &mut export.episodes;
    let n = eps.len();
    let picked = choose(&mut rng, n, per_kind, &mut touched_episodes, |i| {
        !eps[i].dec.is_empty()
    });
    for &i in &picked {
        eps[i].dec = impossible(&eps[i].dec, "30");
    }
    summary.push((
        "impossible date: episodes DEC 30/02/yyyy".into(),
        picked.len(),
    ));
    let picked = choose(&mut rng, n, per_kind, &mut touched_episodes, |_| true);
    for &i in &picked {
        eps[i].decom = two_digit_year(&eps[i].decom);
    }
    summary.push((
        "two-digit year: episodes DECOM dd/mm/yy".into(),
        picked.len(),
    ));
    let picked = choose(&mut rng, n, per_kind, &mut touched_episodes, |_| true);
    for &i in &picked {
        eps[i].child.clear();
    }
    summary.push(("blank CHILD: episodes".into(), picked.len()));
    let picked = choose(&mut rng, n, per_kind, &mut touched_episodes, |_| true);
    for &i in &picked {
        eps[i].place = "Q9".into();
    }
    summary.push(("unknown code: episodes PLACE Q9".into(), picked.len()));

    let revs = &mut export.reviews;
    let n = revs.len();
    let picked = choose(&mut rng, n, per_kind, &mut touched_reviews, |_| true);
    for &i in &picked {
        revs[i].review = impossible(&revs[i].review, "31");
    }
    summary.push((
        "impossible date: reviews REVIEW 31/02/yyyy".into(),
        picked.len(),
    ));
    let picked = choose(&mut rng, n, per_kind, &mut touched_reviews, |_| true);
    for &i in &picked {
        revs[i].child.clear();
    }
    summary.push(("blank CHILD: reviews".into(), picked.len()));
    let picked = choose(&mut rng, n, per_kind, &mut touched_reviews, |i| {
        revs[i].review_code != "PN0"
    });
    for &i in &picked {
        revs[i].review_code = revs[i].review_code.to_ascii_lowercase();
    }
    summary.push(("lower-case code: reviews REVIEW_CODE".into(), picked.len()));
    let picked = choose(&mut rng, n, per_kind, &mut touched_reviews, |_| true);
    duplicate_after(revs, &picked);
    summary.push(("exact duplicate row: reviews".into(), picked.len()));

    let heads = &mut export.header;
    let n = heads.len();
    let picked = choose(&mut rng, n, per_kind, &mut touched_header, |_| true);
    for &i in &picked {
        heads[i].dob = two_digit_year(&heads[i].dob);
    }
    // A miskeyed date of birth is the child's, so every table of the export carries it (the
    // DfE XML holds one DOB per child, which the OC3 figures read): the same child reads the
    // same from CSV, XLSX and XML.
    let miskeyed: std::collections::HashMap<String, String> = picked
        .iter()
        .map(|&i| (heads[i].child.clone(), heads[i].dob.clone()))
        .collect();
    for r in &mut export.oc3 {
        if let Some(dob) = miskeyed.get(&r.child) {
            r.dob = dob.clone();
        }
    }
    summary.push(("two-digit year: header DOB dd/mm/yy".into(), picked.len()));
    let picked = choose(&mut rng, n, per_kind, &mut touched_header, |_| true);
    for &i in &picked {
        heads[i].ethnic = "XXXX".into();
    }
    summary.push(("unknown code: header ETHNIC XXXX".into(), picked.len()));
    let picked = choose(&mut rng, n, per_kind, &mut touched_header, |_| true);
    duplicate_after(heads, &picked);
    summary.push((
        "duplicate row: header (same CHILD twice)".into(),
        picked.len(),
    ));

    debug_assert_eq!(summary.len(), KINDS);
    summary.retain(|(_, count)| *count > 0);
    export.messy = summary;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messy_dates_keep_their_year() {
        assert_eq!(impossible("15/06/2024", "31"), "31/02/2024");
        assert_eq!(two_digit_year("05/06/2024"), "05/06/24");
        let mut v = vec![1, 2, 3];
        duplicate_after(&mut v, &[0, 2]);
        assert_eq!(v, vec![1, 1, 2, 3, 3]);
    }
}

//! Publication mode's small-number suppression (MEASURES.md section 12) over a table's counts,
//! so that no hidden count can be worked out from what is shown.
//!
//! A [`Grid`] holds the counts a table (or a table and the figures and tables that repeat its
//! totals) shows, and its *lines*: sets of cells whose sum is another cell, its total (a
//! row, a column, a stacked bar, a quarter of three months). Counts from 1 to 4 are hidden
//! ("fewer than 5"). Then, along every line whose total is shown, when exactly one of its
//! cells is hidden, the smallest other non-zero cell of the line is hidden too ("hidden"),
//! and so on until no line has exactly one hidden cell. Readings:
//! * ties: of equal smallest cells, the first in the line's order (top row, left column);
//! * a cell on two lines (a month's late reviews: its row and its column) is one cell: hidden
//!   for one line, it is hidden in every line it is on, and the lines are gone through again
//!   until nothing changes;
//! * a total is hidden only when it is itself from 1 to 4, except that a row's total which
//!   is also a cell of the table's total column (a marginal) is a cell of that column's line
//!   like any other, and may be hidden there; and that a line with exactly one hidden cell
//!   and no other non-zero cell has its total hidden, since the total is that cell (a row
//!   `0, 15` whose 15 was hidden for its column would otherwise show 15 as its total).
//!
//! A percentage is hidden when its numerator or denominator is hidden, or when its numerator,
//! its denominator or their difference is from 1 to 4.

use super::{Value, FEWER_THAN_5};

/// Why a count is not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hide {
    Shown,
    /// From 1 to 4: "fewer than 5".
    Small,
    /// Hidden so that a small count in the same line cannot be worked out by subtraction.
    Secondary,
}

/// Counts and the lines that add them up (see the module's text).
#[derive(Clone, Debug, Default)]
pub struct Grid {
    counts: Vec<u64>,
    /// Each line: its cells, and the cell holding their sum.
    lines: Vec<(Vec<usize>, usize)>,
}

/// A count from 1 to 4.
pub fn small(n: u64) -> bool {
    (1..=4).contains(&n)
}

impl Grid {
    pub fn new() -> Self {
        Grid::default()
    }

    /// Adds a count; its index names it in lines and in [`Shown`].
    pub fn cell(&mut self, n: u64) -> usize {
        self.counts.push(n);
        self.counts.len() - 1
    }

    /// Says that cells `parts` add up to cell `total`.
    pub fn line(&mut self, parts: Vec<usize>, total: usize) {
        self.lines.push((parts, total));
    }

    /// Which counts are hidden: nothing outside publication mode.
    pub fn solve(self, publication: bool) -> Shown {
        let mut hide: Vec<Hide> = self
            .counts
            .iter()
            .map(|&n| {
                if publication && small(n) {
                    Hide::Small
                } else {
                    Hide::Shown
                }
            })
            .collect();
        if publication {
            loop {
                let mut changed = false;
                for (parts, total) in &self.lines {
                    if hide[*total] != Hide::Shown {
                        continue;
                    }
                    let hidden = parts.iter().filter(|&&c| hide[c] != Hide::Shown).count();
                    if hidden != 1 {
                        continue;
                    }
                    // The smallest other non-zero cell, the first of equals.
                    let next = parts
                        .iter()
                        .filter(|&&c| hide[c] == Hide::Shown && self.counts[c] > 0)
                        .min_by_key(|&&c| self.counts[c]);
                    // With no other non-zero cell, the total is the hidden cell itself.
                    hide[next.copied().unwrap_or(*total)] = Hide::Secondary;
                    changed = true;
                }
                if !changed {
                    break;
                }
            }
        }
        Shown {
            counts: self.counts,
            hide,
            lines: self.lines,
        }
    }
}

/// The counts of a [`Grid`] with what publication mode hides.
#[derive(Clone, Debug)]
pub struct Shown {
    counts: Vec<u64>,
    hide: Vec<Hide>,
    lines: Vec<(Vec<usize>, usize)>,
}

impl Shown {
    /// Cell `i` as shown.
    pub fn count(&self, i: usize) -> Value {
        match self.hide[i] {
            Hide::Shown => Value::Count(self.counts[i]),
            Hide::Small => Value::Suppressed,
            Hide::Secondary => Value::Hidden,
        }
    }

    /// Whether cell `i` is hidden.
    pub fn hidden(&self, i: usize) -> bool {
        self.hide[i] != Hide::Shown
    }

    /// Cell `i` as shown with its unit: "fewer than 5 reviews", "hidden", "12".
    pub fn count_of(&self, i: usize, unit: &str) -> String {
        match self.hide[i] {
            Hide::Small => format!("{FEWER_THAN_5} {unit}"),
            _ => self.count(i).display(),
        }
    }

    /// The count of cell `i`, as it is (for totals known to be shown).
    pub fn raw(&self, i: usize) -> u64 {
        self.counts[i]
    }

    /// Cell `numerator` as a percentage of cell `denominator`; hidden (in publication mode,
    /// where anything is hidden) when either is hidden, or the numerator, the denominator or
    /// their difference is from 1 to 4. Pass `publication` as the grid was solved.
    pub fn percent(
        &self,
        numerator: usize,
        denominator: usize,
        decimals: u8,
        publication: bool,
    ) -> Value {
        let (n, d) = (self.counts[numerator], self.counts[denominator]);
        if d == 0 {
            Value::NotAvailable
        } else if publication
            && (self.hidden(numerator)
                || self.hidden(denominator)
                || small(n)
                || small(d)
                || small(d.saturating_sub(n)))
        {
            Value::Hidden
        } else {
            Value::Percent {
                numerator: n,
                denominator: d,
                decimals,
            }
        }
    }

    /// Cell `numerator` as a percentage of itself plus cells `rest` (on time of on time and
    /// late): hidden in publication mode when any of them is hidden, or the numerator, the
    /// sum or the rest is from 1 to 4.
    pub fn percent_of_sum(
        &self,
        numerator: usize,
        rest: &[usize],
        decimals: u8,
        publication: bool,
    ) -> Value {
        let n = self.counts[numerator];
        let others: u64 = rest.iter().map(|&c| self.counts[c]).sum();
        let d = n + others;
        if d == 0 {
            Value::NotAvailable
        } else if publication
            && (self.hidden(numerator)
                || rest.iter().any(|&c| self.hidden(c))
                || small(n)
                || small(d)
                || small(others))
        {
            Value::Hidden
        } else {
            Value::Percent {
                numerator: n,
                denominator: d,
                decimals,
            }
        }
    }

    /// The lines whose total is shown and exactly one of whose cells is hidden: always empty
    /// (what the property test checks).
    pub fn recoverable_lines(&self) -> Vec<usize> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, (parts, total))| {
                !self.hidden(*total) && parts.iter().filter(|&&c| self.hidden(c)).count() == 1
            })
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_small_cell_in_a_line_hides_the_smallest_other_non_zero_cell() {
        // 17 held = 8 on time + 7 not checked + 2 late: 2 is hidden, and so is 7, the smallest
        // other non-zero cell (the "17 - 8 - 7 = 2").
        let mut g = Grid::new();
        let cells: Vec<usize> = [8, 2, 7, 0].iter().map(|&n| g.cell(n)).collect();
        let held = g.cell(17);
        g.line(cells.clone(), held);
        let s = g.solve(true);
        let shown: Vec<Value> = cells.iter().map(|&c| s.count(c)).collect();
        assert_eq!(
            shown,
            [
                Value::Count(8),
                Value::Suppressed,
                Value::Hidden,
                Value::Count(0)
            ]
        );
        assert_eq!(s.count(held), Value::Count(17));
    }

    #[test]
    fn of_equal_smallest_cells_the_first_is_hidden() {
        let mut g = Grid::new();
        let cells: Vec<usize> = [6, 3, 6].iter().map(|&n| g.cell(n)).collect();
        let total = g.cell(15);
        g.line(cells.clone(), total);
        let s = g.solve(true);
        assert_eq!(s.count(cells[0]), Value::Hidden);
        assert_eq!(s.count(cells[2]), Value::Count(6));
    }

    #[test]
    fn hiding_a_cell_for_its_row_goes_on_into_its_column() {
        // Rows (a b | r) over columns: [3 10 | 13], [9 20 | 29]; totals [12 30 | 42].
        // Row 1: 3 small, hide 10. Column 1 has 3 hidden alone: hide 9. Column 2 has 10
        // hidden alone: hide 20. Row 2: 9 and 20 hidden. Stable.
        let mut g = Grid::new();
        let [a1, b1, r1, a2, b2, r2, ta, tb, t] =
            [3, 10, 13, 9, 20, 29, 12, 30, 42].map(|n| g.cell(n));
        g.line(vec![a1, b1], r1);
        g.line(vec![a2, b2], r2);
        g.line(vec![a1, a2], ta);
        g.line(vec![b1, b2], tb);
        g.line(vec![r1, r2], t);
        g.line(vec![ta, tb], t);
        let s = g.solve(true);
        let hidden: Vec<bool> = [a1, b1, a2, b2].iter().map(|&c| s.hidden(c)).collect();
        assert_eq!(hidden, [true, true, true, true]);
        assert!(s.recoverable_lines().is_empty());
        assert_eq!(s.count(t), Value::Count(42));
    }

    #[test]
    fn a_row_whose_only_count_is_hidden_for_its_column_hides_its_total() {
        // Rows [0 15 | 15], [4 6 | 10]; column 2 [15 6 | 21]. Row 2: 4 small, hide 6. Column
        // 2: 6 alone, hide 15. Row 1: 15 alone, and no other non-zero cell: its total, 15,
        // is hidden too.
        let mut g = Grid::new();
        let [a1, b1, r1, a2, b2, r2, tb] = [0, 15, 15, 4, 6, 10, 21].map(|n| g.cell(n));
        g.line(vec![a1, b1], r1);
        g.line(vec![a2, b2], r2);
        g.line(vec![b1, b2], tb);
        let s = g.solve(true);
        assert_eq!(
            [s.count(b1), s.count(r1), s.count(b2), s.count(r2)],
            [
                Value::Hidden,
                Value::Hidden,
                Value::Hidden,
                Value::Count(10)
            ]
        );
        assert!(s.recoverable_lines().is_empty());
    }

    #[test]
    fn a_percentage_is_hidden_when_the_difference_is_small() {
        // 80.0% of 5 gives 4: numerator 4 small. 97 of 100: the difference, 3, is small.
        let mut g = Grid::new();
        let [n, d, m, e] = [4, 5, 97, 100].map(|n| g.cell(n));
        let s = g.solve(true);
        assert_eq!(s.percent(n, d, 1, true), Value::Hidden);
        assert_eq!(s.percent(m, e, 1, true), Value::Hidden);
        assert_eq!(
            s.percent(m, e, 1, false),
            Value::Percent {
                numerator: 97,
                denominator: 100,
                decimals: 1
            }
        );
    }
}

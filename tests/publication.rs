//! Publication mode (MEASURES.md section 12): over random small tables, no hidden count can be
//! worked out from what is shown along any line (the other cells and the total, or a
//! percentage), and every shown total is the true total. Deterministic: a fixed-seed
//! generator, no dependency.

mod common;

use careboard::import::load;
use careboard::measures::{calendar::ReportingYear, compute};
use careboard::present::suppress::{small, Grid};
use careboard::present::{chart_spec, report_json, sections, Presentation, Section, Table, Value};
use careboard::settings::Settings;
use careboard::synth::{files, generate, SynthConfig, SynthFormat};
use common::{section, shown_table};

/// xorshift64*: enough randomness for table shapes and counts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A count: a quarter zeros, a third from 1 to 4, the rest from 5 to 40.
    fn count(&mut self) -> u64 {
        match self.below(12) {
            0..=2 => 0,
            3..=6 => 1 + self.below(4),
            _ => 5 + self.below(36),
        }
    }
}

#[test]
fn in_random_tables_no_line_with_a_shown_total_has_exactly_one_hidden_cell() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5_000 {
        let (rows, cols) = (1 + rng.below(5) as usize, 1 + rng.below(5) as usize);
        let cells: Vec<Vec<u64>> = (0..rows)
            .map(|_| (0..cols).map(|_| rng.count()).collect())
            .collect();
        // Cells, row totals, column totals, the grand total: every line of the table.
        let mut g = Grid::new();
        let ids: Vec<Vec<usize>> = cells
            .iter()
            .map(|r| r.iter().map(|&n| g.cell(n)).collect())
            .collect();
        let row_totals: Vec<usize> = cells.iter().map(|r| g.cell(r.iter().sum())).collect();
        let col_totals: Vec<usize> = (0..cols)
            .map(|c| g.cell(cells.iter().map(|r| r[c]).sum()))
            .collect();
        let grand_n: u64 = cells.iter().flatten().sum();
        let grand = g.cell(grand_n);
        for (r, ids_r) in ids.iter().enumerate() {
            g.line(ids_r.clone(), row_totals[r]);
        }
        for (c, &total) in col_totals.iter().enumerate() {
            g.line(ids.iter().map(|r| r[c]).collect(), total);
        }
        g.line(row_totals.clone(), grand);
        g.line(col_totals.clone(), grand);
        let s = g.solve(true);
        assert_eq!(s.recoverable_lines(), Vec::<usize>::new(), "{cells:?}");
        // Every count from 1 to 4 is hidden, no zero is, and whatever is shown is the true
        // count.
        let all: Vec<usize> = ids
            .iter()
            .flatten()
            .chain(&row_totals)
            .chain(&col_totals)
            .copied()
            .chain([grand])
            .collect();
        for i in all {
            match s.count(i) {
                Value::Count(n) => {
                    assert_eq!(n, s.raw(i));
                    assert!(!small(n));
                }
                Value::Suppressed => assert!(small(s.raw(i))),
                Value::Hidden => assert!(s.raw(i) > 4, "{cells:?}"),
                other => panic!("{other:?}"),
            }
        }
        assert!(!small(grand_n) || s.hidden(grand));
    }
}

/// A table's cells as numbers: `Some` when shown.
fn number(v: &Value) -> Option<u64> {
    match v {
        Value::Count(n) => Some(*n),
        _ => None,
    }
}

fn hidden(v: &Value) -> bool {
    matches!(v, Value::Suppressed | Value::Hidden)
}

/// Along the rows of `column` (index into cells) of a table with a total row: if the total is
/// shown, it is the true total, and not exactly one row's cell is hidden.
fn column_line(shown: &Table, truth: &Table, column: usize, what: &str) {
    let (Some(total), Some(true_total)) = (&shown.total, &truth.total) else {
        return;
    };
    let Some(t) = number(&total.cells[column]) else {
        assert!(
            hidden(&total.cells[column]),
            "{what}: total {:?}",
            total.cells[column]
        );
        return;
    };
    assert_eq!(Some(t), number(&true_total.cells[column]), "{what}: total");
    let hidden_rows = shown
        .rows
        .iter()
        .filter(|r| hidden(&r.cells[column]))
        .count();
    assert_ne!(hidden_rows, 1, "{what}: one hidden cell in column {column}");
}

/// A shown percentage's numerator and denominator are shown in `of` columns and neither
/// they nor their difference is from 1 to 4.
fn percent_safe(v: &Value, what: &str) {
    if let Value::Percent {
        numerator,
        denominator,
        ..
    } = v
    {
        for n in [*numerator, *denominator, denominator - numerator] {
            assert!(!small(n), "{what}: {v:?} reveals a small count");
        }
    }
}

fn publication() -> Presentation {
    Presentation {
        publication: true,
        ..Presentation::default()
    }
}

fn tables(all: &[Section]) -> Vec<&Table> {
    all.iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            careboard::present::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn in_small_synthetic_councils_publication_mode_leaves_no_hidden_count_recoverable() {
    // Twenty small councils (15 to 60 children): small counts everywhere.
    let mut rng = Rng(903);
    for seed in 0..20 {
        let config = SynthConfig {
            children: 15 + rng.below(46) as u32,
            seed,
            year_ending: 2024,
            history_years: 3,
        };
        let written = files(&generate(&config), SynthFormat::Csv);
        let borrowed: Vec<(&str, &[u8])> = written
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let data = load(&borrowed);
        let year = ReportingYear::ending(2024).expect("year");
        let r = compute(&data, year, &Settings::default());
        let truth = sections(&r, Presentation::default());
        let public = sections(&r, publication());
        let what = |t: &str| format!("seed {seed}, {t}");

        // Reviews by month and by quarter: each row's held = on time + late + not checked;
        // each column's months (and quarters) add up to the year.
        for id in ["reviews-by-month", "reviews-by-quarter"] {
            let shown = shown_table(section(&public, "reviews"), id);
            let true_table = shown_table(section(&truth, "reviews"), id);
            for row in shown.rows.iter().chain(&shown.total) {
                if number(&row.cells[0]).is_some() {
                    let parts = row.cells[1..4].iter().filter(|c| hidden(c)).count();
                    assert_ne!(parts, 1, "{}: {}", what(id), row.label);
                }
                percent_safe(&row.cells[4], &what(id));
                if matches!(row.cells[4], Value::Percent { .. }) {
                    assert!(
                        !hidden(&row.cells[1]) && !hidden(&row.cells[2]),
                        "{}",
                        what(id)
                    );
                }
            }
            for column in 0..4 {
                column_line(shown, true_table, column, &what(id));
            }
        }
        // The quarters against their months.
        let months = shown_table(section(&public, "reviews"), "reviews-by-month");
        let quarters = shown_table(section(&public, "reviews"), "reviews-by-quarter");
        for (q, quarter) in quarters.rows.iter().enumerate() {
            for column in 0..4 {
                if number(&quarter.cells[column]).is_some() {
                    let hidden_months = months.rows[q * 3..q * 3 + 3]
                        .iter()
                        .filter(|m| hidden(&m.cells[column]))
                        .count();
                    assert_ne!(hidden_months, 1, "{}: {}", what("quarters"), quarter.label);
                }
            }
        }
        // Every breakdown: its count column against its total, its shares safe.
        for (shown, true_table) in tables(&public).into_iter().zip(tables(&truth)) {
            assert_eq!(shown.id, true_table.id);
            let share = shown.columns.iter().position(|c| c.starts_with("% of"));
            if let Some(share) = share.filter(|&s| s >= 2) {
                let count = share - 2;
                column_line(shown, true_table, count, &what(&shown.id));
                for row in &shown.rows {
                    percent_safe(&row.cells[share - 1], &what(&shown.id));
                    if matches!(row.cells[share - 1], Value::Percent { .. }) {
                        assert!(!hidden(&row.cells[count]), "{}", what(&shown.id));
                    }
                }
            }
        }
        let codes = shown_table(section(&public, "flows"), "leavers-by-code");
        let true_codes = shown_table(section(&truth, "flows"), "leavers-by-code");
        column_line(codes, true_codes, 1, &what("leavers by code"));
        // The stacked charts draw what their tables show: every bar reaches the table's true
        // total (its held reviews, its children), hidden parts as one placeholder.
        for (id, sec, total) in [
            ("reviews-by-month", "reviews", 0),
            ("age-and-sex", "in-care", 3),
        ] {
            let t = shown_table(section(&public, sec), id);
            let spec = chart_spec(t).expect("a chart");
            for (c, row) in t.rows.iter().enumerate() {
                let bar: f64 = spec.series.iter().filter_map(|s| s.values[c]).sum();
                if let Some(n) = number(&row.cells[total]) {
                    assert_eq!(bar, n as f64, "{}: {} bar", what(id), row.label);
                }
            }
        }
        // The JSON download: the same lines, in its own keys.
        let json: serde_json::Value =
            serde_json::from_str(&report_json(&r, publication())).expect("json");
        let hidden_json = |v: &serde_json::Value| v.is_string();
        let json_line = |parts: Vec<&serde_json::Value>, total: &serde_json::Value, what: &str| {
            if total.is_u64() {
                let n = parts.iter().filter(|v| hidden_json(v)).count();
                assert_ne!(n, 1, "seed {seed}, JSON {what}");
            }
        };
        let cla = &json["cla_at_31_march"];
        for breakdown in [
            "sex",
            "age_band",
            "ethnic_group",
            "legal_status",
            "placement",
        ] {
            let parts = cla[breakdown]
                .as_object()
                .expect("breakdown")
                .values()
                .collect();
            json_line(parts, &cla["total"], breakdown);
        }
        let months = json["reviews"]["by_month"].as_object().expect("months");
        for (m, row) in months {
            let parts = ["on_time", "late", "not_assessable"]
                .map(|k| &row[k])
                .to_vec();
            json_line(parts, &row["held"], m);
        }
        for k in ["held", "on_time", "late", "not_assessable"] {
            let parts = months.values().map(|row| &row[k]).collect();
            json_line(parts, &json["reviews"][k], k);
        }
        // Age by sex: each band's row across the sexes, each sex's column down the bands.
        let ages = shown_table(section(&public, "in-care"), "age-and-sex");
        let true_ages = shown_table(section(&truth, "in-care"), "age-and-sex");
        let sexes = ages.columns.len() - 3;
        for row in ages.rows.iter().chain(&ages.total) {
            if number(&row.cells[sexes]).is_some() {
                let parts = row.cells[..sexes].iter().filter(|c| hidden(c)).count();
                assert_ne!(parts, 1, "{}: {}", what("age and sex"), row.label);
            }
        }
        for column in 0..=sexes {
            column_line(ages, true_ages, column, &what("age and sex"));
        }
    }
}

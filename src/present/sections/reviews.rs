//! Reviews: how many child in care reviews were held, how many on time, how children took
//! part, and for managers the late reviews and overdue children.

use super::{figure, BreakdownTable, SectionId, Unit};
use crate::model::Date;
use crate::present::dates::{long_date, short_month, year_span};
use crate::present::suppress::{Grid, Shown};
use crate::present::targets::{check_count, Better};
use crate::present::{
    Block, ChartKind, ChartPlan, Figure, Presentation, Row, Section, Table, Value,
};
use crate::report::keys::{Check, Unpublished};
use crate::report::{MonthReviews, Report};

/// Reviews counted: the participation table's columns.
const REVIEWS: Unit = Unit {
    counted: "Reviews",
    share: "% of reviews",
    all: "All reviews",
    decimals: 1,
};

/// Children reviewed, counted once each: the most recent review table's columns.
const CHILDREN_REVIEWED: Unit = Unit {
    counted: "Children",
    share: "% of children",
    all: "All children reviewed",
    decimals: 1,
};
/// The review counts of a month, a quarter or the year: cells of [`ReviewCounts::shown`].
#[derive(Clone, Copy)]
pub(super) struct ReviewCells {
    pub held: usize,
    pub on_time: usize,
    pub late: usize,
    pub not_checked: usize,
}

/// Every review count the report shows (each month, each quarter, the year, and the year's
/// reviews that could be checked) with what publication mode hides: each held = on time +
/// late + could not be checked; the months of a quarter add up to it, the months and the
/// quarters to the year; the year's on time and late to the reviews that could be checked.
pub(super) struct ReviewCounts {
    pub shown: Shown,
    pub months: Vec<(Date, ReviewCells)>,
    pub quarters: Vec<(String, ReviewCells)>,
    pub year: ReviewCells,
    pub assessable: usize,
}

pub(super) fn review_counts(r: &Report, p: &Presentation) -> ReviewCounts {
    let rv = &r.reviews;
    let mut grid = Grid::new();
    let cells = |grid: &mut Grid, held, on_time, late, na| {
        let c = ReviewCells {
            held: grid.cell(held),
            on_time: grid.cell(on_time),
            late: grid.cell(late),
            not_checked: grid.cell(na),
        };
        grid.line(vec![c.on_time, c.late, c.not_checked], c.held);
        c
    };
    let months: Vec<(Date, ReviewCells)> = rv
        .by_month
        .iter()
        .map(|(m, c)| {
            (
                *m,
                cells(&mut grid, c.held, c.on_time, c.late, c.not_assessable),
            )
        })
        .collect();
    let year = cells(&mut grid, rv.held, rv.on_time, rv.late, rv.not_assessable);
    let assessable = grid.cell(rv.assessable);
    grid.line(vec![year.on_time, year.late], assessable);
    let columns: [fn(&ReviewCells) -> usize; 4] =
        [|c| c.held, |c| c.on_time, |c| c.late, |c| c.not_checked];
    let mut quarters = Vec::new();
    for (q, three) in months.chunks(3).enumerate() {
        let sum = |f: fn(&MonthReviews) -> u64| {
            three
                .iter()
                .filter_map(|(m, _)| rv.by_month.get(m))
                .map(f)
                .sum::<u64>()
        };
        let c = cells(
            &mut grid,
            sum(|m| m.held),
            sum(|m| m.on_time),
            sum(|m| m.late),
            sum(|m| m.not_assessable),
        );
        for column in columns {
            grid.line(three.iter().map(|(_, m)| column(m)).collect(), column(&c));
        }
        let (Some(first), Some(last)) = (three.first(), three.last()) else {
            continue;
        };
        quarters.push((
            format!(
                "Quarter {} ({} to {})",
                q + 1,
                short_month(first.0),
                short_month(last.0)
            ),
            c,
        ));
    }
    for column in columns {
        grid.line(
            months.iter().map(|(_, m)| column(m)).collect(),
            column(&year),
        );
        grid.line(
            quarters.iter().map(|(_, q)| column(q)).collect(),
            column(&year),
        );
    }
    ReviewCounts {
        shown: grid.solve(p.publication),
        months,
        quarters,
        year,
        assessable,
    }
}

pub(super) fn section(r: &Report, p: &Presentation) -> Section {
    let rv = &r.reviews;
    let counts = review_counts(r, p);
    let (s, y) = (&counts.shown, counts.year);
    let mut blocks = vec![
        Block::Paragraph(
            "Every child in care has a review of their care plan, chaired by an Independent \
             Reviewing Officer (IRO): the first within 20 working days of coming into care, the \
             second within 3 months of the first, then at least every 6 months. A review is on \
             time when it is held on or before its due date."
                .into(),
        ),
        Block::Figures(vec![
            figure(
                "Reviews held",
                s.count(y.held),
                "in the year".into(),
                Some("reviews.held"),
            ),
            figure(
                "Children reviewed",
                p.count(rv.children_reviewed),
                "children with at least one review held in the year".into(),
                Some("reviews.children_reviewed"),
            ),
            figure(
                "On time",
                s.count(y.on_time),
                format!(
                    "{} of the reviews that could be checked",
                    s.percent(y.on_time, counts.assessable, 1, p.publication)
                        .display()
                ),
                Some("reviews.on_time"),
            ),
            figure(
                "Late",
                s.count(y.late),
                format!(
                    "{} of the reviews that could be checked",
                    s.percent(y.late, counts.assessable, 1, p.publication)
                        .display()
                ),
                Some("reviews.late"),
            ),
            figure(
                "Could not be checked",
                s.count(y.not_checked),
                "an earlier review may be missing from the data, or the child had no care \
                 episode on the day"
                    .into(),
                Some("reviews.not_assessable"),
            ),
            Figure {
                target: check_count(
                    &p.count(rv.overdue_at_year_end),
                    p.targets.overdue_reviews,
                    Better::Lower,
                ),
                caveat: r.data_quality.check(Check::MostOverdue).map(|_| {
                    "more than half of the children looked after: reviews may be missing from \
                     the export, check the data"
                        .to_string()
                }),
                ..figure(
                    "Children overdue a review on 31 March",
                    p.count(rv.overdue_at_year_end),
                    "their next review was due by the year end and had not been held".into(),
                    Some("reviews.overdue_at_year_end"),
                )
            },
        ]),
    ];
    if let Some(sentence) = r
        .benchmarks
        .as_ref()
        .map(|b| &b.not_published[Unpublished::Reviews])
    {
        blocks.push(Block::Paragraph(format!(
            "{}: these figures are the council's own only.",
            sentence.trim_end_matches('.')
        )));
    }
    blocks.push(Block::Heading("Reviews held each month".into()));
    let month_row = |label: String, c: ReviewCells| Row {
        label,
        cells: vec![
            s.count(c.held),
            s.count(c.on_time),
            s.count(c.late),
            s.count(c.not_checked),
            s.percent_of_sum(c.on_time, &[c.late], 1, p.publication),
        ],
    };
    let columns: Vec<String> = [
        "Month",
        "Held",
        "On time",
        "Late",
        "Could not be checked",
        "% on time",
    ]
    .map(String::from)
    .to_vec();
    let months: Vec<Row> = counts
        .months
        .iter()
        .map(|(m, c)| month_row(short_month(*m), *c))
        .collect();
    let total = month_row("Year".into(), y);
    blocks.push(Block::Table(Table {
        id: "reviews-by-month".into(),
        caption: format!("Reviews held each month, {}", year_span(r)),
        columns: columns.clone(),
        rows: months,
        total: Some(total.clone()),
        chart: Some(ChartPlan {
            kind: ChartKind::StackedColumns { total: 0 },
            series: vec![1, 2, 3],
            value_label: "Reviews".into(),
            percent: false,
            markers: Vec::new(),
        }),
    }));
    let quarters: Vec<Row> = counts
        .quarters
        .iter()
        .map(|(label, c)| month_row(label.clone(), *c))
        .collect();
    let mut quarter_columns = columns;
    quarter_columns[0] = "Quarter".into();
    blocks.push(Block::Heading("Reviews held each quarter".into()));
    blocks.push(Block::Table(Table {
        id: "reviews-by-quarter".into(),
        caption: "Reviews held each quarter".into(),
        columns: quarter_columns,
        rows: quarters,
        total: Some(total),
        chart: None,
    }));

    blocks.push(Block::Heading(
        "How children took part in their reviews".into(),
    ));
    let (took_part, aged_4_plus) = r.reviews.participation.took_part();
    blocks.push(Block::Paragraph(format!(
        "Children aged 4 and over took part in {} of their reviews ({} of {}): they attended, \
         or gave their views through an advocate or in another way. Children under 4 are not \
         expected to take part.",
        p.percent(took_part, aged_4_plus, 1).display(),
        p.count(took_part).display(),
        p.count(aged_4_plus).display()
    )));
    if let Some(sentence) = r
        .benchmarks
        .as_ref()
        .map(|b| &b.not_published[Unpublished::Participation])
    {
        blocks.push(Block::Paragraph(format!(
            "{}: these figures are the council's own only.",
            sentence.trim_end_matches('.')
        )));
    }
    blocks.push(Block::Table(
        BreakdownTable {
            id: "review-participation",
            caption: "How children took part in their reviews (each review held in the year)"
                .into(),
            heading: "How the child took part",
            counts: rv.participation.counted(&[]),
            total: rv.held,
            unit: &REVIEWS,
            compared: None,
        }
        .table(p),
    ));
    blocks.push(Block::Heading(
        "How children took part in their most recent review".into(),
    ));
    let (latest_took_part, latest_aged_4_plus) = rv.latest_review_participation.took_part();
    blocks.push(Block::Paragraph(format!(
        "Each child reviewed in the year is counted once, by their latest review of the year. \
         {} of the children aged 4 and over took part in their most recent review ({} of {}).",
        p.percent(latest_took_part, latest_aged_4_plus, 1).display(),
        p.count(latest_took_part).display(),
        p.count(latest_aged_4_plus).display()
    )));
    blocks.push(Block::Table(
        BreakdownTable {
            id: "latest-review-participation",
            caption: "How children took part in their most recent review (each child reviewed \
                      in the year)"
                .into(),
            heading: "How the child took part",
            counts: rv.latest_review_participation.counted(&[]),
            total: rv.children_reviewed,
            unit: &CHILDREN_REVIEWED,
            compared: None,
        }
        .table(p),
    ));

    if !p.publication {
        blocks.push(Block::Heading(
            "Late reviews and overdue children (for managers)".into(),
        ));
        blocks.push(Block::ChildList(Table {
            id: "late-reviews".into(),
            caption: format!("Late reviews held in the year ({})", rv.late_list.len()),
            columns: ["Child ID", "Held on", "Was due by", "Days late"]
                .map(String::from)
                .to_vec(),
            rows: rv
                .late_list
                .iter()
                .map(|l| Row {
                    label: l.child.clone(),
                    cells: vec![
                        Value::Text(long_date(l.held)),
                        Value::Text(long_date(l.due)),
                        Value::Days(l.days_late),
                    ],
                })
                .collect(),
            total: None,
            chart: None,
        }));
        blocks.push(Block::ChildList(Table {
            id: "overdue-children".into(),
            caption: format!(
                "Children overdue a review on {} ({})",
                long_date(r.year_ending),
                rv.overdue_list.len()
            ),
            columns: ["Child ID", "Review was due by", "Days overdue on 31 March"]
                .map(String::from)
                .to_vec(),
            rows: rv
                .overdue_list
                .iter()
                .map(|o| Row {
                    label: o.child.clone(),
                    cells: vec![Value::Text(long_date(o.due)), Value::Days(o.days_overdue)],
                })
                .collect(),
            total: None,
            chart: None,
        }));
    }
    Section {
        narrative: Vec::new(),
        id: SectionId::Reviews,
        title: "Reviews".into(),
        summary: "How many child in care reviews were held and for how many children, how many \
                  on time, and how children took part in them."
            .into(),
        blocks,
    }
}

//! Placement stability: 3 or more placements in the year and long-term stability, beside
//! DfE's published figures when a council is chosen.

use super::{figure, SectionId};
use crate::present::compare;
use crate::present::dates::long_date;
use crate::present::targets::{check_percent, Better};
use crate::present::{Block, Figure, Presentation, Section};
use crate::report::Report;

pub(super) fn section(r: &Report, p: &Presentation) -> Section {
    let cla = &r.cla_at_31_march;
    let lt = &cla.long_term_stability;
    let t = &p.targets;
    // Whole per cents, as the headline and DfE show this figure.
    let three_plus = p.percent(cla.three_plus_placements, cla.total, 0);
    let stable = p.percent(lt.stable, lt.eligible, 1);
    let mut blocks = vec![
        Block::Figures(vec![
            Figure {
                target: check_percent(&three_plus, t.three_plus_placements, Better::Lower),
                ..figure(
                    "3 or more placements in the year",
                    p.count(cla.three_plus_placements),
                    format!(
                        "{} of the {} children looked after on {}",
                        three_plus.display(),
                        p.count(cla.total).display(),
                        long_date(r.year_ending)
                    ),
                    Some("cla_at_31_march.three_plus_placements"),
                )
            },
            Figure {
                target: check_percent(&stable, t.long_term_stability, Better::Higher),
                ..figure(
                    "Same carers for 2 years or more",
                    stable,
                    format!(
                        "{} of the {} children under 16 in care for at least 2½ years",
                        p.count(lt.stable).display(),
                        p.count(lt.eligible).display()
                    ),
                    None,
                )
            },
        ]),
        Block::Paragraph(
            "A placement is counted each time a child moves to a new home, including \
             moves to the same carer at a new address; the settings in the data-quality \
             section say which moves count. Long-term stability looks at children under \
             16 who have been in care for at least two and a half years and asks whether \
             they have lived in the same placement for the last two years."
                .into(),
        ),
    ];
    if let Some(b) = &r.benchmarks {
        blocks.push(Block::Table(compare::measures_table(
            "stability-compared",
            "Placement stability compared".into(),
            b,
            vec![
                (
                    "3 or more placements in the year (% of children looked after)".into(),
                    p.percent(cla.three_plus_placements, cla.total, 0),
                    |f| f.cla_at_31_march.three_plus_placements,
                ),
                (
                    "Same carers for 2 years or more (% of those eligible)".into(),
                    p.percent(lt.stable, lt.eligible, 0),
                    |f| f.cla_at_31_march.long_term_stability,
                ),
            ],
        )));
        blocks.push(compare::note(b));
    }
    Section {
        narrative: Vec::new(),
        id: SectionId::Stability,
        title: "Placement stability".into(),
        summary: "Whether children in care have stable homes: how many moved often during the \
                  year, and how many younger children have lived with the same carers for two \
                  years or more."
            .into(),
        blocks,
    }
}

//! The row checks of the IRO service's tables, the Deprivation of Liberty orders and the
//! child population (the rules are listed in [`crate::model::local`]).

use super::{Builder, Outcome};
use crate::model::dates::parse_date;
use crate::model::local::{
    is_no, is_yes, population_group, Allocation, Contact, DisputeRow, DoloOrder, Fte, Iro,
    ParentPart, ReviewMeeting, RowAt,
};
use crate::model::{quoted, shorten, Date, RawRow, RawTable, Severity, TableKind};

/// A column's cell read as an optional date: `Ok(None)` when blank, the rejection when it is
/// not a date.
fn optional_date(row: &RawRow, column: &'static str) -> Result<Option<Date>, Outcome> {
    let text = row.get(column);
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(text).map(Some).map_err(|e| Outcome::Rejected {
        column,
        reason: e.reason(text),
    })
}

/// A column's cell read as a date the row needs.
fn required_date(row: &RawRow, column: &'static str, what: &str) -> Result<Date, Outcome> {
    optional_date(row, column)?.ok_or_else(|| blank(column, what))
}

/// The rejection of a row whose needed column is blank.
fn blank(column: &'static str, what: &str) -> Outcome {
    Outcome::Rejected {
        column,
        reason: format!("{what} is blank, and the row cannot be used without it"),
    }
}

/// A cell the row needs, trimmed (cells are stored trimmed).
fn required<'a>(row: &RawRow<'a>, column: &'static str, what: &str) -> Result<&'a str, Outcome> {
    let text = row.get(column);
    if text.is_empty() {
        Err(blank(column, what))
    } else {
        Ok(text)
    }
}

/// `END` (or `RESOLVED`, `DOLO_END`) must not come before its start.
fn in_order(
    start: Date,
    end: Option<Date>,
    row: &RawRow,
    (start_column, end_column): (&'static str, &'static str),
    what: &str,
) -> Result<(), Outcome> {
    match end {
        Some(e) if e < start => Err(Outcome::Rejected {
            column: end_column,
            reason: format!(
                "{what} ({}) is before {} ({})",
                row.get(end_column),
                match start_column {
                    "RAISED" => "the date it was raised",
                    _ => "its start",
                },
                row.get(start_column)
            ),
        }),
        _ => Ok(()),
    }
}

/// Turns a check's result into the row's outcome.
fn outcome(result: Result<(), Outcome>) -> Outcome {
    result.err().unwrap_or(Outcome::Used)
}

impl Builder {
    /// Marks `kind`'s table as loaded (its figures are counted from now on, zeros included).
    pub(super) fn mark_loaded(&mut self, kind: TableKind) {
        let iro = &mut self.data.iro;
        match kind {
            TableKind::ReviewMeetings => {
                iro.review_meetings.get_or_insert_with(Vec::new);
            }
            TableKind::IroAllocations => {
                iro.allocations.get_or_insert_with(Vec::new);
            }
            TableKind::Iros => {
                iro.iros.get_or_insert_with(Vec::new);
            }
            TableKind::Disputes => {
                iro.disputes.get_or_insert_with(Vec::new);
            }
            TableKind::IroContacts => {
                iro.contacts.get_or_insert_with(Vec::new);
            }
            TableKind::Dolo => {
                self.data.dolo.get_or_insert_with(Vec::new);
            }
            TableKind::ChildPopulation => {
                self.data.child_population.get_or_insert([0; 5]);
            }
            _ => {}
        }
    }

    /// The row of a local table or the orders: checked, and kept when used.
    pub(super) fn local_row(&mut self, t: &RawTable, row: &RawRow) -> Outcome {
        match t.kind {
            TableKind::ReviewMeetings => outcome(self.review_meeting(t, row)),
            TableKind::IroAllocations => outcome(self.allocation(t, row)),
            TableKind::Iros => outcome(self.iro(t, row)),
            TableKind::Disputes => outcome(self.dispute(row)),
            TableKind::IroContacts => outcome(self.contact(row)),
            TableKind::Dolo => outcome(self.dolo(row)),
            TableKind::ChildPopulation => outcome(self.population(row)),
            _ => Outcome::Used,
        }
    }

    fn review_meeting(&mut self, t: &RawTable, row: &RawRow) -> Result<(), Outcome> {
        let due = optional_date(row, "DUE_DATE")?;
        let held = optional_date(row, "REVIEW_DATE")?;
        let cancelled_date = optional_date(row, "CANCELLED_DATE")?;
        let record_completed = optional_date(row, "RECORD_COMPLETED")?;
        let flag = row.get("CANCELLED");
        let cancelled = is_yes(flag);
        if held.is_none() && !cancelled {
            return Err(Outcome::Rejected {
                column: "REVIEW_DATE",
                reason: "the meeting is neither held (no REVIEW_DATE, the date it was held) nor \
                         cancelled (CANCELLED is not yes)"
                    .into(),
            });
        }
        if let (Some(h), Some(r)) = (held, record_completed) {
            if r < h {
                return Err(Outcome::Rejected {
                    column: "RECORD_COMPLETED",
                    reason: format!(
                        "the review record is dated {}, before the review was held ({})",
                        row.get("RECORD_COMPLETED"),
                        row.get("REVIEW_DATE")
                    ),
                });
            }
        }
        if !cancelled && !is_no(flag) {
            self.issue(
                t,
                row,
                Severity::Warning,
                "CANCELLED",
                format!(
                    "{} is neither yes (Y, Yes, True, 1) nor no, so the review is taken as not \
                     cancelled; map the column's values if it means something else",
                    quoted(flag)
                ),
            );
        }
        let mut parent = |column: &'static str| {
            let code = row.get(column);
            let part = ParentPart::from_code(code);
            if part.is_none() && !code.is_empty() {
                self.issue(
                    t,
                    row,
                    Severity::Warning,
                    column,
                    format!(
                        "{} is not a participation code (ATTENDED, VIEWS, NONE or NA), so it is \
                         counted as not recorded; map the column's values to say what it means",
                        quoted(code)
                    ),
                );
            }
            part
        };
        let mother = parent("MOTHER");
        let father = parent("FATHER");
        let child = self.child(row.get("CHILD"));
        let meeting = ReviewMeeting {
            child,
            review_id: row.get("REVIEW_ID").to_string(),
            due,
            held,
            cancelled,
            cancelled_date,
            chair: row.get("CHAIR").to_string(),
            record_completed,
            mother,
            father,
        };
        if let Some(list) = self.data.iro.review_meetings.as_mut() {
            list.push(meeting);
        }
        Ok(())
    }

    fn allocation(&mut self, t: &RawTable, row: &RawRow) -> Result<(), Outcome> {
        let iro = required(row, "IRO", "the IRO's ID")?;
        let start = required_date(row, "START", "the date the allocation started")?;
        let end = optional_date(row, "END")?;
        in_order(start, end, row, ("START", "END"), "the allocation's end")?;
        let role = t
            .has_column("ROLE")
            .then(|| row.get("ROLE").to_ascii_uppercase());
        let child = self.child(row.get("CHILD"));
        let allocation = Allocation {
            child,
            iro: iro.to_string(),
            start,
            end,
            role,
        };
        if let Some(list) = self.data.iro.allocations.as_mut() {
            list.push(allocation);
        }
        Ok(())
    }

    fn iro(&mut self, t: &RawTable, row: &RawRow) -> Result<(), Outcome> {
        let id = required(row, "IRO", "the IRO's ID")?;
        let start = optional_date(row, "START")?;
        let end = optional_date(row, "END")?;
        if let Some(start) = start {
            in_order(
                start,
                end,
                row,
                ("START", "END"),
                "the end of their time in post",
            )?;
        }
        let fte_text = row.get("FTE");
        let fte = if fte_text.is_empty() {
            Fte::ONE
        } else {
            match Fte::parse(fte_text) {
                Some(f) if f.0 > 0 && f <= Fte::MAX => f,
                _ => {
                    return Err(Outcome::Rejected {
                        column: "FTE",
                        reason: format!(
                            "{} is not a full-time equivalent: it must be a number above 0 and \
                             at most 1.5, such as 1 or 0.6",
                            quoted(fte_text)
                        ),
                    })
                }
            }
        };
        if let Some((source, position, first)) = self.iro_rows.get(id) {
            return Err(Outcome::Rejected {
                column: "IRO",
                reason: format!(
                    "IRO {} already has a row ({source}, {}); only the first is used",
                    shorten(id, crate::model::QUOTED_CHARACTERS),
                    position.at(*first)
                ),
            });
        }
        self.iro_rows
            .insert(id.to_string(), (t.source.clone(), t.position, row.number()));
        let iro = Iro {
            iro: id.to_string(),
            name: row.get("NAME").to_string(),
            fte,
            start,
            end,
        };
        if let Some(list) = self.data.iro.iros.as_mut() {
            list.push(iro);
        }
        Ok(())
    }

    fn dispute(&mut self, row: &RawRow) -> Result<(), Outcome> {
        let raised = required_date(row, "RAISED", "the date the dispute was raised")?;
        let stage = required(row, "STAGE", "the dispute's stage")?;
        let resolved = optional_date(row, "RESOLVED")?;
        in_order(
            raised,
            resolved,
            row,
            ("RAISED", "RESOLVED"),
            "the date it was resolved",
        )?;
        let dispute = DisputeRow {
            raised,
            stage: stage.to_string(),
            dispute_id: row.get("DISPUTE_ID").to_string(),
            resolved,
            category: row.get("CATEGORY").to_string(),
            at: RowAt {
                input: self.account as u32,
                row: row.number(),
            },
        };
        if let Some(list) = self.data.iro.disputes.as_mut() {
            list.push(dispute);
        }
        Ok(())
    }

    fn contact(&mut self, row: &RawRow) -> Result<(), Outcome> {
        let date = required_date(row, "CONTACT_DATE", "the date of the contact")?;
        let child = self.child(row.get("CHILD"));
        if let Some(list) = self.data.iro.contacts.as_mut() {
            list.push(Contact { child, date });
        }
        Ok(())
    }

    fn dolo(&mut self, row: &RawRow) -> Result<(), Outcome> {
        let start = required_date(row, "DOLO_START", "the date the order started")?;
        let end = optional_date(row, "DOLO_END")?;
        in_order(
            start,
            end,
            row,
            ("DOLO_START", "DOLO_END"),
            "the order's end",
        )?;
        let child = self.child(row.get("CHILD"));
        if let Some(list) = self.data.dolo.as_mut() {
            list.push(DoloOrder { child, start, end });
        }
        Ok(())
    }

    fn population(&mut self, row: &RawRow) -> Result<(), Outcome> {
        let name = row.get("GROUP");
        let Some(group) = population_group(name) else {
            return Err(Outcome::Rejected {
                column: "GROUP",
                reason: format!(
                    "{} is not one of the five ethnic groups (White, Mixed, Asian, Black, Other) \
                     nor one of ONS's categories of them, so its children cannot be compared",
                    quoted(name)
                ),
            });
        };
        let text = row.get("CHILDREN");
        let children = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse::<u64>().ok()
        } else {
            None
        };
        let Some(children) = children else {
            return Err(Outcome::Rejected {
                column: "CHILDREN",
                reason: format!(
                    "{} is not a whole number of children (digits only, no commas)",
                    quoted(text)
                ),
            });
        };
        if let (Some(g), Some(counts)) = (group, self.data.child_population.as_mut()) {
            counts[g] = counts[g].saturating_add(children);
        }
        Ok(())
    }
}

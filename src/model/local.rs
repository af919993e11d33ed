//! The tables a council keeps outside the 903 (MEASURES.md sections 7 and 9) and the
//! Deprivation of Liberty orders (section 8), as typed, checked records, with the row rules
//! that [`super::build()`] applies to them.
//!
//! A row is rejected (listed with its reason, counted nowhere) when:
//! * a column the table needs is blank (`CHILD` of review meetings, allocations, contacts and
//!   orders; `IRO`, `START` of allocations; `IRO` of the IROs; `RAISED`, `STAGE` of disputes;
//!   `CONTACT_DATE`; `DOLO_START`);
//! * a date column holds something that is not a date;
//! * an end comes before its start (`END` before `START`, `RESOLVED` before `RAISED`,
//!   `DOLO_END` before `DOLO_START`);
//! * a review meeting is neither held (`REVIEW_DATE`) nor cancelled (`CANCELLED` Y, Yes, True
//!   or 1), or its record was completed before it was held;
//! * an IRO's `FTE` is not a number above 0 and at most 1.5 (with at most 9 decimal places),
//!   or the IRO already has a row (the first is used);
//! * a child population row's `GROUP` is none of the five groups (nor an ONS category of one,
//!   nor "Does not apply"), or its `CHILDREN` is not a whole number.
//!
//! Values that cannot be read but do not stop a row (a participation code that is not one,
//! a cancelled flag that is neither yes nor no) are used and listed as warnings. A table is
//! "loaded" once a file is recognised as it, even when every row is rejected: its figures are
//! then zeros, not "not available".

use super::{ChildIdx, Date};

/// Where a row came from, for messages found after the rows are read (a dispute stage not in
/// the list): its table's position in [`super::Dataset::inputs`] and its row number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowAt {
    pub input: u32,
    pub row: u32,
}

/// A parent's part in a review (MEASURES.md section 7.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParentPart {
    /// `ATTENDED`: attended the review.
    Attended,
    /// `VIEWS`: did not attend, but gave views (booklet, letter, phone, advocate...).
    Views,
    /// `NONE`: invited, took no part.
    NoPart,
    /// `NA`: not applicable (deceased, whereabouts unknown, not appropriate to invite).
    NotApplicable,
}

impl ParentPart {
    /// Reads a code (trimmed, any case); `None` for blank or any other value.
    pub fn from_code(code: &str) -> Option<ParentPart> {
        match code.trim().to_ascii_uppercase().as_str() {
            "ATTENDED" => Some(ParentPart::Attended),
            "VIEWS" => Some(ParentPart::Views),
            "NONE" => Some(ParentPart::NoPart),
            "NA" => Some(ParentPart::NotApplicable),
            _ => None,
        }
    }

    /// Whether the parent took part: attended, or gave views.
    pub fn took_part(self) -> bool {
        matches!(self, ParentPart::Attended | ParentPart::Views)
    }
}

/// Whether a `CANCELLED` value means yes: `Y`, `YES`, `TRUE` or `1` (trimmed, any case).
pub fn is_yes(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_uppercase().as_str(),
        "Y" | "YES" | "TRUE" | "1"
    )
}

/// Whether a `CANCELLED` value plainly means no (or is blank).
pub fn is_no(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_uppercase().as_str(),
        "" | "N" | "NO" | "FALSE" | "0"
    )
}

/// One review meeting, held or cancelled.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewMeeting {
    pub child: ChildIdx,
    /// `REVIEW_ID` as found (trimmed); blank when not given.
    pub review_id: String,
    pub due: Option<Date>,
    /// `REVIEW_DATE`: the day it was held (`None`: not held).
    pub held: Option<Date>,
    /// `CANCELLED` is yes. A cancelled meeting is never counted as held.
    pub cancelled: bool,
    pub cancelled_date: Option<Date>,
    /// The chair's IRO ID (trimmed); blank when not recorded.
    pub chair: String,
    pub record_completed: Option<Date>,
    pub mother: Option<ParentPart>,
    pub father: Option<ParentPart>,
}

impl ReviewMeeting {
    /// Held on a day: `REVIEW_DATE` given and not cancelled.
    pub fn held_on(&self) -> Option<Date> {
        self.held.filter(|_| !self.cancelled)
    }

    /// The day a cancelled meeting counts on: `CANCELLED_DATE`, else `DUE_DATE`, else
    /// `REVIEW_DATE`; `None` for a meeting not cancelled (or with none of them).
    pub fn cancelled_on(&self) -> Option<Date> {
        if !self.cancelled {
            return None;
        }
        self.cancelled_date.or(self.due).or(self.held)
    }
}

/// One allocation of a child to an IRO, `START` to `END` inclusive.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    pub child: ChildIdx,
    pub iro: String,
    pub start: Date,
    /// The last day allocated; `None` while still allocated.
    pub end: Option<Date>,
    /// The role column's value (trimmed, upper-cased) when the file has a role column; `None`
    /// when it has none (every row is then an IRO allocation).
    pub role: Option<String>,
}

impl Allocation {
    /// Allocated on `d`: `START <= d` and (`END` blank or `END >= d`).
    pub fn covers(&self, d: Date) -> bool {
        self.start <= d && self.end.is_none_or(|e| e >= d)
    }
}

/// A full-time equivalent, exactly, in billionths (0.6 is 600,000,000).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fte(pub u64);

impl Fte {
    /// Full time.
    pub const ONE: Fte = Fte(1_000_000_000);
    /// The most an IRO may work (MEASURES.md section 7.1: `0 < FTE <= 1.5`).
    pub const MAX: Fte = Fte(1_500_000_000);

    /// Reads a decimal number (`0.6`, `1`, `.75`, `+1.0`) exactly, with at most 9 decimal
    /// places; `None` for anything else.
    pub fn parse(text: &str) -> Option<Fte> {
        let t = text.trim();
        let t = t.strip_prefix('+').unwrap_or(t);
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty())
            || !digits(whole)
            || !digits(frac)
            || frac.len() > 9
            || whole.len() > 9
        {
            return None;
        }
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let mut nanos: u64 = if frac.is_empty() {
            0
        } else {
            frac.parse().ok()?
        };
        for _ in frac.len()..9 {
            nanos *= 10;
        }
        whole
            .checked_mul(1_000_000_000)?
            .checked_add(nanos)
            .map(Fte)
    }

    /// As a decimal number (0.6).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1e9
    }
}

/// One IRO: their ID, name, hours and time in post.
#[derive(Clone, Debug, PartialEq)]
pub struct Iro {
    pub iro: String,
    /// Blank when not given.
    pub name: String,
    /// 1.0 when not given.
    pub fte: Fte,
    /// In post from (inclusive); `None`: not given.
    pub start: Option<Date>,
    /// In post until (inclusive); `None`: still in post.
    pub end: Option<Date>,
}

impl Iro {
    /// In post on `d`: `START`/`END`, where given, include it.
    pub fn in_post(&self, d: Date) -> bool {
        self.start.is_none_or(|s| s <= d) && self.end.is_none_or(|e| e >= d)
    }
}

/// One row of the disputes log: a dispute, or one stage of it.
#[derive(Clone, Debug, PartialEq)]
pub struct DisputeRow {
    pub raised: Date,
    /// The stage as found (trimmed): the dispute stage list decides its rank.
    pub stage: String,
    /// Rows sharing a (non-blank) `DISPUTE_ID` are the stages of one dispute.
    pub dispute_id: String,
    pub resolved: Option<Date>,
    /// Blank when not given.
    pub category: String,
    pub at: RowAt,
}

/// One IRO contact with a child between reviews.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub child: ChildIdx,
    pub date: Date,
}

/// One Deprivation of Liberty order, in force `DOLO_START` to `DOLO_END` inclusive.
#[derive(Clone, Debug, PartialEq)]
pub struct DoloOrder {
    pub child: ChildIdx,
    pub start: Date,
    /// The last day in force; `None` while in force.
    pub end: Option<Date>,
}

/// The IRO service's tables: each `None` until a file is recognised as it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IroTables {
    pub review_meetings: Option<Vec<ReviewMeeting>>,
    pub allocations: Option<Vec<Allocation>>,
    pub iros: Option<Vec<Iro>>,
    pub disputes: Option<Vec<DisputeRow>>,
    pub contacts: Option<Vec<Contact>>,
}

/// The five ethnic groups of a population, in this order: white, mixed, asian, black, other.
pub type GroupCounts = [u64; 5];

/// Which of the five groups (white, mixed, asian, black, other: 0 to 4) a population table's
/// `GROUP` names: the group's key or DfE's label (any case), or one of ONS's 20 categories by
/// its prefix (MEASURES.md section 9). `Some(None)` for "Does not apply" (left out); `None`
/// for anything else.
pub fn population_group(name: &str) -> Option<Option<usize>> {
    let t: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.to_lowercase();
    if t == "does not apply" {
        return Some(None);
    }
    let exact = [
        ("white", 0),
        ("mixed", 1),
        ("asian", 2),
        ("black", 3),
        ("other", 4),
        ("mixed or multiple ethnic groups", 1),
        ("asian or asian british", 2),
        ("black, african, caribbean or black british", 3),
        ("other ethnic group", 4),
    ];
    if let Some(&(_, g)) = exact.iter().find(|(n, _)| *n == t) {
        return Some(Some(g));
    }
    let prefixes = [
        ("asian,", 2),
        ("black,", 3),
        ("mixed or multiple", 1),
        ("white:", 0),
        ("other ethnic group:", 4),
    ];
    prefixes
        .iter()
        .find(|(p, _)| t.starts_with(p))
        .map(|&(_, g)| Some(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fte_is_read_exactly_with_up_to_nine_decimal_places() {
        assert_eq!(Fte::parse("0.6"), Some(Fte(600_000_000)));
        assert_eq!(Fte::parse(" 1 "), Some(Fte::ONE));
        assert_eq!(Fte::parse(".75"), Some(Fte(750_000_000)));
        assert_eq!(Fte::parse("+1.5"), Some(Fte::MAX));
        assert_eq!(Fte::parse("1."), Some(Fte::ONE));
        assert_eq!(Fte::parse("0.123456789"), Some(Fte(123_456_789)));
        for bad in [
            "",
            ".",
            "-0.5",
            "1e0",
            "0.1234567891",
            "one",
            "1,5",
            "99999999999",
        ] {
            assert_eq!(Fte::parse(bad), None, "{bad}");
        }
        assert_eq!(Fte(600_000_000).as_f64(), 0.6);
    }

    #[test]
    fn population_groups_by_key_label_or_ons_prefix() {
        assert_eq!(population_group("White"), Some(Some(0)));
        assert_eq!(population_group(" BLACK "), Some(Some(3)));
        assert_eq!(
            population_group("Mixed or Multiple ethnic groups"),
            Some(Some(1))
        );
        assert_eq!(
            population_group("Asian, Asian British or Asian Welsh: Chinese"),
            Some(Some(2))
        );
        assert_eq!(
            population_group("Black, Black British, Black Welsh, Caribbean or African: African"),
            Some(Some(3))
        );
        assert_eq!(
            population_group("White: English, Welsh, Scottish"),
            Some(Some(0))
        );
        assert_eq!(population_group("Other ethnic group: Arab"), Some(Some(4)));
        assert_eq!(population_group("Does  not apply"), Some(None));
        assert_eq!(population_group("Unknown"), None);
        assert_eq!(population_group("not_known"), None);
    }

    #[test]
    fn a_cancelled_meeting_counts_on_its_cancelled_date_else_due_else_review_date() {
        let d = |day| Date::from_ymd_opt(2024, 5, day);
        let mut m = ReviewMeeting {
            child: 0,
            review_id: String::new(),
            due: d(10),
            held: d(12),
            cancelled: true,
            cancelled_date: None,
            chair: String::new(),
            record_completed: None,
            mother: None,
            father: None,
        };
        assert_eq!((m.cancelled_on(), m.held_on()), (d(10), None));
        m.due = None;
        assert_eq!(m.cancelled_on(), d(12));
        m.cancelled = false;
        assert_eq!((m.cancelled_on(), m.held_on()), (None, d(12)));
    }
}

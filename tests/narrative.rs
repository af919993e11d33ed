//! The drafted narrative (`careboard::present::narrative`): each section's paragraph, word for
//! word, on reports whose figures are set by hand, with and without a council, a target, last
//! year and publication mode.

use careboard::measures::{calendar::ReportingYear, compute};
use careboard::model::{build, Date};
use careboard::present::narrative::{change_words, counted, versus};
use careboard::present::{sections, Presentation, Targets, Value};
use careboard::report::keys::{AgeBand, Check, LegalStatus, Sex};
use careboard::report::{
    Benchmarks, NeighbourFigures, PublishedFigures, QualityCheck, Report, TrendYear,
};
use careboard::settings::Settings;

/// The report of an empty dataset for the year ending 31 March 2025: every figure 0, no
/// trend, no council. Each test sets the figures it is about.
fn empty() -> Report {
    let year = ReportingYear::ending(2025).expect("a year");
    compute(&build(vec![], vec![]), year, &Settings::default())
}

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("a date")
}

/// The narrative of section `id`, paragraphs joined by a blank line.
fn narrative(r: &Report, p: Presentation, id: &str) -> String {
    sections(r, p)
        .into_iter()
        .find(|s| s.id.anchor() == id)
        .map(|s| s.narrative.join("\n\n"))
        .expect("the section")
}

/// A year of the trend with `cla` children looked after on 31 March and `reviews` held, from
/// an export of its own.
fn last_year(cla: u64, reviews: u64) -> TrendYear {
    TrendYear {
        cla_at_31_march: cla,
        reviews_held: Some(reviews),
        own_export: true,
        ..TrendYear::default()
    }
}

fn publication() -> Presentation {
    Presentation {
        publication: true,
        ..Presentation::default()
    }
}

#[test]
fn a_change_reads_as_an_increase_a_fall_or_the_same_with_a_whole_percent_of_last_year() {
    // 534 - 460 = 74; 74 / 460 = 16.09% -> 16%.
    assert_eq!(
        change_words(460, 534),
        "an increase of 74 (16%) from the previous year"
    );
    // 460 - 534 = -74; 74 / 534 = 13.86% -> 14%.
    assert_eq!(
        change_words(534, 460),
        "a fall of 74 (14%) from the previous year"
    );
    assert_eq!(change_words(12, 12), "the same as the previous year");
    // 4 / 1,000 = 0.4%: rounds to 0, said as less than 1%.
    assert_eq!(
        change_words(1000, 1004),
        "an increase of 4 (less than 1%) from the previous year"
    );
    // 1 / 8 = 12.5%: halves round up to 13%. Thousands take commas.
    assert_eq!(
        change_words(8, 7),
        "a fall of 1 (13%) from the previous year"
    );
    assert_eq!(
        change_words(1000, 2500),
        "an increase of 1,500 (150%) from the previous year"
    );
    assert_eq!(change_words(0, 5), "up from none the previous year");
}

#[test]
fn a_count_agrees_with_its_noun_and_a_hidden_one_has_no_words() {
    assert_eq!(
        counted(&Value::Count(0), "child", "children").as_deref(),
        Some("no children")
    );
    assert_eq!(
        counted(&Value::Count(1), "child", "children").as_deref(),
        Some("1 child")
    );
    assert_eq!(
        counted(&Value::Count(1234), "review", "reviews").as_deref(),
        Some("1,234 reviews")
    );
    assert_eq!(
        counted(&Value::Suppressed, "child", "children").as_deref(),
        Some("fewer than 5 children")
    );
    assert_eq!(counted(&Value::Hidden, "child", "children"), None);
}

#[test]
fn a_comparison_names_england_and_the_neighbours_with_but_when_they_differ() {
    assert_eq!(
        versus(80, " per 10,000", Some(67), Some(50)).as_deref(),
        Some("higher than England (67 per 10,000) and our statistical neighbours (50)")
    );
    assert_eq!(
        versus(55, " per 10,000", Some(67), Some(50)).as_deref(),
        Some("lower than England (67 per 10,000) but higher than our statistical neighbours (50)")
    );
    assert_eq!(
        versus(8, "%", Some(8), Some(11)).as_deref(),
        Some("the same as England (8%) but lower than our statistical neighbours (11%)")
    );
    assert_eq!(
        versus(8, "%", None, Some(11)).as_deref(),
        Some("lower than our statistical neighbours (11%)")
    );
    assert_eq!(versus(8, "%", None, None), None);
}

#[test]
fn headlines_give_the_change_on_last_year_when_last_year_had_an_export_of_its_own() {
    let mut r = empty();
    r.cla_at_31_march.total = 534;
    r.started = 49;
    r.ceased.total = 1;
    r.reviews.held = 528;
    r.trend.insert(day(2024, 3, 31), last_year(460, 454));
    // Children: 534 - 460 = +74, 74 / 460 = 16%. Reviews: 528 - 454 = +74, 74 / 454 = 16.3%
    // -> 16%. No review could be checked and none was of a child aged 4 or over: those
    // percentages are not available, so their sentences are left out.
    assert_eq!(
        narrative(&r, Presentation::default(), "headlines"),
        "On 31 March 2025 the council was corporate parent to 534 children looked after, an \
         increase of 74 (16%) from the previous year. During 2024-25, 49 children started to \
         be looked after and 1 child stopped being looked after. The IRO service chaired 528 \
         child in care reviews, an increase of 74 (16%) from the previous year."
    );
}

#[test]
fn no_change_is_drafted_without_last_year_or_from_a_year_without_its_own_export() {
    let mut r = empty();
    r.cla_at_31_march.total = 534;
    let without = narrative(&r, Presentation::default(), "headlines");
    assert!(without.starts_with(
        "On 31 March 2025 the council was corporate parent to 534 children looked after. "
    ));
    // Read from later exports only: lower than its own return gave, so no change from it.
    r.trend.insert(
        day(2024, 3, 31),
        TrendYear {
            own_export: false,
            ..last_year(460, 454)
        },
    );
    assert_eq!(narrative(&r, Presentation::default(), "headlines"), without);
    // The same figure as last year.
    r.trend.insert(day(2024, 3, 31), last_year(534, 0));
    assert!(
        narrative(&r, Presentation::default(), "headlines").starts_with(
            "On 31 March 2025 the council was corporate parent to 534 children looked after, the \
         same as the previous year. "
        )
    );
}

/// A report whose 200 reviews could all be checked, `on_time` of them on time.
fn reviews(on_time: u64) -> Report {
    let mut r = empty();
    r.reviews.held = 200;
    r.reviews.assessable = 200;
    r.reviews.on_time = on_time;
    r.reviews.late = 200 - on_time;
    r.reviews.children_reviewed = 120;
    r
}

fn target(on_time: f64) -> Presentation {
    Presentation {
        targets: Targets {
            reviews_on_time: Some(on_time),
            ..Targets::default()
        },
        ..Presentation::default()
    }
}

#[test]
fn reviews_on_time_say_whether_they_are_above_below_or_at_the_target() {
    // 190 / 200 = 95.0% on time, 10 / 200 = 5.0% late; the target is 87%.
    assert_eq!(
        narrative(&reviews(190), target(87.0), "reviews"),
        "In 2024-25 the IRO service chaired 200 child in care reviews for 120 children. Of the \
         200 reviews whose due date could be checked, 190 (95.0%) were held on time, above the \
         87% target, and 10 (5.0%) were late. On 31 March 2025, no child was overdue a review."
    );
    // 160 / 200 = 80.0%: not met.
    assert!(narrative(&reviews(160), target(87.0), "reviews").contains(
        "160 (80.0%) were held on time, below the 87% target, and 40 (20.0%) were late."
    ));
    // 174 / 200 = 87.0%: met exactly.
    assert!(narrative(&reviews(174), target(87.0), "reviews")
        .contains("174 (87.0%) were held on time, meeting the 87% target,"));
    // The headline says the same.
    assert!(
        narrative(&reviews(160), target(87.0), "headlines").contains(
            "Of the reviews whose due date could be checked, 80.0% were held on time, below the \
         87% target."
        )
    );
    // No target: no words about one.
    assert!(narrative(&reviews(190), Presentation::default(), "reviews")
        .contains("190 (95.0%) were held on time, and 10 (5.0%) were late."));
}

#[test]
fn one_child_overdue_is_singular_and_the_count_target_is_met_or_not() {
    let mut r = reviews(190);
    r.reviews.overdue_at_year_end = 1;
    let p = Presentation {
        targets: Targets {
            overdue_reviews: Some(0),
            ..Targets::default()
        },
        ..Presentation::default()
    };
    assert!(narrative(&r, p.clone(), "reviews").contains(
        "On 31 March 2025, 1 child was overdue a review, above the target of 0 or fewer."
    ));
    r.reviews.overdue_at_year_end = 12;
    assert!(narrative(&r, Presentation::default(), "reviews")
        .contains("On 31 March 2025, 12 children were overdue a review."));
}

#[test]
fn in_care_gives_the_sexes_and_the_two_largest_groups_of_a_breakdown() {
    let mut r = empty();
    let cla = &mut r.cla_at_31_march;
    cla.total = 50;
    cla.sex[Sex::Male] = 27;
    cla.sex[Sex::Female] = 23;
    cla.age_band[AgeBand::TenToFifteen] = 30;
    cla.age_band[AgeBand::OneToFour] = 20;
    cla.age_band_by_sex[Sex::Male][AgeBand::TenToFifteen] = 17;
    cla.age_band_by_sex[Sex::Male][AgeBand::OneToFour] = 10;
    cla.age_band_by_sex[Sex::Female][AgeBand::TenToFifteen] = 13;
    cla.age_band_by_sex[Sex::Female][AgeBand::OneToFour] = 10;
    cla.legal_status[LegalStatus::FullCareOrder] = 30;
    cla.legal_status[LegalStatus::Section20] = 15;
    cla.legal_status[LegalStatus::InterimCareOrder] = 5;
    // 27 / 50 = 54%, 23 / 50 = 46%; ages 30 / 50 = 60%, 20 / 50 = 40%; legal status 30 / 50
    // = 60%, 15 / 50 = 30% (the 5 on an interim order are third).
    // Who the children are, then how and where they are looked after. No child is placed
    // far from home, and none is an unaccompanied asylum-seeking child.
    assert_eq!(
        narrative(&r, Presentation::default(), "in-care"),
        "On 31 March 2025, 50 children were looked after. By sex, the children were 54% male \
         (27) and 46% female (23). By age, the largest groups were \u{201c}10 to 15\u{201d} \
         with 30 children (60%) and \u{201c}1 to 4\u{201d} with 20 (40%).\n\nBy legal status, \
         the largest groups were \u{201c}Full care order\u{201d} with 30 children (60%) and \
         \u{201c}Section 20 (voluntary accommodation)\u{201d} with 15 (30%). None of the \
         children looked after was an unaccompanied asylum-seeking child. No child was placed \
         more than 20 miles from home."
    );
    assert_eq!(
        narrative(&r, Presentation::default(), "stability"),
        "During 2024-25, none of the 50 children looked after on 31 March 2025 had 3 or more \
         placements."
    );
}

#[test]
fn with_a_council_the_rate_is_compared_with_england_and_the_neighbours() {
    let mut r = empty();
    r.cla_at_31_march.total = 534;
    r.cla_at_31_march.rate_per_10000 = Some(55);
    let published = |rate: u64| {
        let mut f = PublishedFigures::default();
        f.cla_at_31_march.rate_per_10000 = Some(rate);
        f
    };
    r.benchmarks = Some(Benchmarks {
        year_ending: day(2025, 3, 31),
        source: "DfE, 2025 release".into(),
        england: published(67),
        region: PublishedFigures::default(),
        la_published: PublishedFigures::default(),
        statistical_neighbours: NeighbourFigures {
            figures: published(50),
            ..NeighbourFigures::default()
        },
        this_report: PublishedFigures::default(),
        not_published: Default::default(),
    });
    assert!(
        narrative(&r, Presentation::default(), "headlines").contains(
            "534 children looked after. This is a rate of 55 per 10,000 children, lower than \
         England (67 per 10,000) but higher than our statistical neighbours (50). "
        )
    );
}

#[test]
fn a_plausibility_check_on_a_figure_is_said_after_the_paragraph() {
    let mut r = empty();
    r.cla_at_31_march.total = 40;
    r.data_quality.checks.push(QualityCheck {
        check: Check::Over18InCare,
        count: 1,
        examples: vec!["C1".into()],
    });
    let text = narrative(&r, Presentation::default(), "headlines");
    assert!(
        text.ends_with(
            "\n\nAbout these figures. Children looked after on 31 March 2025: \
             includes 1 child aged 18 or over, who cannot be looked after: check the data."
        ),
        "{text}"
    );
}

#[test]
fn publication_mode_says_fewer_than_5_and_never_a_small_count_or_its_percentage() {
    let mut r = empty();
    r.cla_at_31_march.total = 3;
    r.started = 10;
    r.started_uasc = 3;
    r.ceased.total = 4;
    let all = sections(&r, publication());
    let flows = narrative(&r, publication(), "flows");
    // 3 of 10 started were UASC: 30% would reveal the 3, so neither is said.
    assert_eq!(
        flows,
        "During 2024-25, 10 children started to be looked after. Of these, fewer than 5 were \
         unaccompanied asylum-seeking children. In the same year, fewer than 5 children \
         stopped being looked after."
    );
    assert!(narrative(&r, publication(), "headlines").starts_with(
        "On 31 March 2025 the council was corporate parent to fewer than 5 children looked \
         after. "
    ));
    for s in &all {
        for p in &s.narrative {
            if s.id.anchor() == "data-quality" {
                continue; // Rows of files, not children.
            }
            for small in [
                "3 child", "4 child", "3 (", "4 (", "30%", "75%", "to 3 ", "to 4 ", "of 3 ",
                "of 4 ", " 3 were", " 4 were",
            ] {
                assert!(!p.contains(small), "{}: {p}", s.id.anchor());
            }
        }
    }
    // Without publication mode the same figures are said as they are: 3 / 10 = 30%.
    assert!(narrative(&r, Presentation::default(), "flows")
        .contains("Of these, 3 (30%) were unaccompanied asylum-seeking children."));
}

#[test]
fn publication_mode_leaves_out_a_percentage_whose_remainder_is_small() {
    // 198 of 200 on time: the 2 late would follow from 99.0%, so the sentence is left out.
    let r = reviews(198);
    let text = narrative(&r, publication(), "reviews");
    assert!(!text.contains("on time"), "{text}");
    assert!(!text.contains("99"), "{text}");
}

#[test]
fn data_quality_counts_the_rows_read_used_and_set_aside() {
    let r = empty();
    assert_eq!(
        narrative(&r, Presentation::default(), "data-quality"),
        "The figures come from no rows read from no files: 0 used and 0 set aside. No check \
         found data that cannot be right."
    );
}

#[test]
fn trends_compare_the_first_and_last_years_that_had_exports_of_their_own() {
    let mut r = empty();
    let year = |cla: u64, started: u64, own_export: bool| TrendYear {
        cla_at_31_march: cla,
        started,
        own_export,
        ..TrendYear::default()
    };
    r.trend.insert(day(2021, 3, 31), year(300, 90, false));
    r.trend.insert(day(2022, 3, 31), year(400, 60, true));
    r.trend.insert(day(2025, 3, 31), year(534, 49, true));
    // 2020-21 was read from later exports: the years compared are 2021-22 and 2024-25. Leavers
    // were 0 in both (the same); reviews are in neither, so not said.
    assert_eq!(
        narrative(&r, Presentation::default(), "trends"),
        "From 2021-22 to 2024-25, children looked after on 31 March rose from 400 to 534; \
         children who started to be looked after fell from 60 to 49 and children who stopped \
         being looked after stayed at 0."
    );
}

#[test]
fn three_or_more_placements_are_judged_against_a_lower_is_better_target() {
    let mut r = empty();
    r.cla_at_31_march.total = 100;
    r.cla_at_31_march.three_plus_placements = 10;
    let target = |t: f64| Presentation {
        targets: Targets {
            three_plus_placements: Some(t),
            ..Targets::default()
        },
        ..Presentation::default()
    };
    // 10 / 100 = 10%: at a 10% target, below a 12% one, above an 8% one.
    assert_eq!(
        narrative(&r, target(10.0), "stability"),
        "During 2024-25, 10 of the 100 children looked after on 31 March 2025 (10%) had 3 or \
         more placements. At 10%, this is at the 10% target."
    );
    assert!(narrative(&r, target(12.0), "stability").ends_with("this is below the 12% target."));
    assert!(narrative(&r, target(8.0), "stability").ends_with("this is above the 8% target."));
}

#[test]
fn the_cli_text_ends_with_the_same_drafted_text_per_section() {
    let mut r = empty();
    r.cla_at_31_march.total = 534;
    let cli = careboard::present::text::render(&r);
    let headlines = narrative(&r, Presentation::default(), "headlines");
    assert!(
        cli.contains(&format!(
            "Drafted text for the committee paper:\n  Headlines\n    {headlines}\n"
        )),
        "{cli}"
    );
}

#[test]
fn the_iro_service_gives_caseloads_against_the_handbook_records_cancellations_and_disputes() {
    use careboard::report::iro::{Cancelled, Caseload, CaseloadAt, Disputes, Records};
    let mut r = empty();
    r.iro_service.caseload = Some(Caseload {
        at_year_end: CaseloadAt {
            per_fte: Some(62),
            lowest: Some(50),
            highest: Some(70),
            iros: 3,
            fte: 2.5,
            ..CaseloadAt::default()
        },
        year_average: Some(58),
        ..Caseload::default()
    });
    r.iro_service.records = Some(Records {
        deadline_working_days: 20,
        on_time: 180,
        late: 15,
        overdue: 5,
        ..Records::default()
    });
    r.iro_service.cancelled = Some(Cancelled {
        cancelled: 1,
        held: 199,
        ..Cancelled::default()
    });
    r.iro_service.disputes = Some(Disputes::default());
    // Records: 180 of 180 + 15 + 5 = 200 due on time = 90.0%. Cancelled: 1 of 199 + 1 = 200
    // held or cancelled = 0.5%. No dispute.
    assert_eq!(
        narrative(&r, Presentation::default(), "iro-service"),
        "On 31 March 2025, the IROs had 62 children for each full-time post (58 on average over \
         the year), within the 50 to 70 the IRO Handbook suggests. Of the review records due, \
         90.0% were completed within 20 working days. In the year, 1 review was cancelled (0.5% \
         of the reviews held or cancelled). IROs raised no disputes in the year."
    );
    // In publication mode the single cancelled review is "fewer than 5", with no share.
    assert!(narrative(&r, publication(), "iro-service")
        .contains("In the year, fewer than 5 reviews were cancelled. "));
}

#[test]
fn participation_is_judged_against_its_target_and_its_largest_ways_are_named() {
    use careboard::report::keys::Participation;
    let mut r = reviews(190);
    r.reviews.participation[Participation::Pn1] = 150;
    r.reviews.participation[Participation::Pn7] = 50;
    let p = Presentation {
        targets: Targets {
            participation: Some(80.0),
            ..Targets::default()
        },
        ..Presentation::default()
    };
    // Took part (PN1 to PN6): 150 of the 200 reviews of children aged 4 and over (PN1 to
    // PN7) = 75.0%, below an 80% target. Of all 200 reviews held, PN1 is 75.0% and PN7 25.0%.
    assert!(narrative(&r, p.clone(), "headlines").contains(
        "Children aged 4 and over took part in 75.0% of their reviews, below the 80% target."
    ));
    assert!(narrative(&r, p, "reviews").ends_with(
        "Children aged 4 and over took part in 75.0% of their reviews (150 of 200), below the \
         80% target. By how the child took part, the largest groups were \u{201c}Attended and \
         spoke for themselves\u{201d} with 150 reviews (75.0%) and \u{201c}Did not attend and no \
         views given\u{201d} with 50 (25.0%)."
    ));
}

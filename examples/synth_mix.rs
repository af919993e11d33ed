//! `cargo run --release --example synth_mix [-- CHILDREN [SEED]]`: the mix of a synthetic
//! council, for tuning the generator against England's published rates.
//!
//! Generates an export (default 2,000 children at 31 March 2025, seed 903: the council the
//! generator's own tests check) and prints how long generating and writing the CSV took, the
//! rows of each table and the messy rows injected, then the headline rates and Careboard's
//! whole text report of it (the same as `careboard report` on the written files).
//! `-- 85000` is all of England. Prints figures; asserts nothing.
//!
//! The figures are Careboard's own (MEASURES.md), over the export as written, messy rows
//! included; the generator's tests (`src/synth/tests.rs`) check the same rates on the clean
//! export, independently of `measures`.

use std::process::ExitCode;
use std::str::FromStr;
use std::time::Instant;

use careboard::import;
use careboard::measures::make_report;
use careboard::present::text;
use careboard::settings::Settings;

use careboard::synth::{self, SynthConfig, SynthFormat};

/// The `i`th argument as a number, if given.
fn arg<T: FromStr>(args: &[String], i: usize, name: &str) -> Result<Option<T>, String> {
    args.get(i)
        .map(|a| {
            a.parse()
                .map_err(|_| format!("{name} must be a whole number, not \"{a}\""))
        })
        .transpose()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let defaults = SynthConfig {
        children: 2_000,
        ..SynthConfig::default()
    };
    let config = match (arg(&args, 0, "CHILDREN"), arg(&args, 1, "SEED")) {
        (Ok(children), Ok(seed)) => SynthConfig {
            children: children.unwrap_or(defaults.children),
            seed: seed.unwrap_or(defaults.seed),
            ..defaults
        },
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("synth_mix: {e}\nusage: cargo run --release --example synth_mix [-- CHILDREN [SEED]]");
            return ExitCode::from(2);
        }
    };

    let t = Instant::now();
    let export = synth::generate(&config);
    let generated = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let files = synth::files(&export, SynthFormat::Csv);
    let written = t.elapsed().as_secs_f64();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{} children, seed {}, year ending 31 March {}: generated in {generated:.2} s, CSV written in {written:.2} s ({:.1} MB)",
        config.children,
        config.seed,
        config.year_ending,
        bytes as f64 / 1e6
    );
    println!(
        "rows: header {} episodes {} reviews {} uasc {} oc3 {} missing {} sw_episodes {} (total {})",
        export.header.len(),
        export.episodes.len(),
        export.reviews.len(),
        export.uasc.len(),
        export.oc3.len(),
        export.missing.len(),
        export.sw_episodes.len(),
        export.total_rows()
    );
    for (kind, count) in export.messy_summary() {
        println!("  messy: {kind}: {count}");
    }

    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let data = import::load(&borrowed);
    let report = match make_report(&data, Some(config.year_ending), &Settings::default()) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("synth_mix: no report of the generated export: {e}");
            return ExitCode::FAILURE;
        }
    };
    let pct = |n: u64, of: u64| 100.0 * n as f64 / of.max(1) as f64;
    let cla = &report.cla_at_31_march;
    let stability = &cla.long_term_stability;
    println!(
        "cla {} started {:.1}% ceased {:.1}% 3+ placements {:.1}% stable {:.1}% (of {} eligible) reviews on time {:.1}% uasc {:.1}%\n",
        cla.total,
        pct(report.started, cla.total),
        pct(report.ceased.total, cla.total),
        pct(cla.three_plus_placements, cla.total),
        pct(stability.stable, stability.eligible),
        stability.eligible,
        pct(report.reviews.on_time, report.reviews.assessable),
        pct(cla.uasc, cla.total),
    );
    print!("{}", text::render(&report));
    ExitCode::SUCCESS
}

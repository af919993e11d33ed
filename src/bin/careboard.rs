//! `careboard`: the native command line over the Careboard library.
//!
//! `careboard report [--year Y] [--json] FILE...` prints the report (MEASURES.md section 6 with
//! `--json`; the committee paper as a Word document with `--docx FILE`); `careboard synth ...` writes a synthetic 903 export. Exit codes: 0 success, 2 when
//! no usable 903 table was given or the command line is wrong, 1 when writing fails.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use careboard::import;
use careboard::mapping::Profile;
use careboard::measures::{make_report, ReportError};
use careboard::model::dates::parse_date;
use careboard::paper;
use careboard::present::{self, text, Presentation, Targets};
use careboard::report::Report;
use careboard::settings::Settings;
use careboard::synth::local::LocalShape;
use careboard::synth::{self, SynthConfig, SynthFormat};

const USAGE: &str = "\
Careboard: IRO annual report figures from SSDA903 (903) exports, on this machine only.

Usage:
  careboard report [OPTIONS] FILE_OR_FOLDER...
  careboard synth --children N --seed S --out DIR [--format csv|xlsx|xml] [--year Y]
                  [--local canonical|mosaic|liquid]

report options:
  --year Y                   the year ending 31 March Y (default: the latest the data covers)
  --json                     print the JSON report (MEASURES.md section 6) instead of text
  --docx FILE                also write the committee paper (Word) to FILE: the page's
                             \"Download the committee paper (Word)\", byte for byte
  --publication              the paper in publication mode: counts of 1 to 4 as
                             \"fewer than 5\", no child-level lists
  --target NAME=VALUE        a target the paper judges figures against; NAME is one of
                             reviews_on_time, participation, three_plus_placements,
                             over_20_miles, long_term_stability (per cent) or
                             overdue_reviews (children); repeatable
  --chinese-as-other         count CHNE (Chinese) as Other rather than Asian
  --no-same-carer-moves      do not count RNE T/U (same carer) as new placements
  --no-temporary-placements  do not count T0-T4 placements and the return after them
  --bank-holiday DATE        add a bank holiday (dd/mm/yyyy or yyyy-mm-dd); repeatable
  --la CODE_OR_NAME          the council (DfE code such as 850, or a name such as Hampshire):
                             adds the rate per 10,000, placements inside/outside the council
                             and DfE's published figures to compare with
  --mapping FILE             a mapping profile saved by the page (JSON): how the IRO service's
                             own exports' columns and values are read, and its settings
  --record-deadline-days N   a review record is due by the Nth working day after the review
                             (default 20)
  --caseload-looked-after-only  count in IRO caseloads only children looked after on the day
  --dispute-stages A,B,...   the dispute stages, lowest first (default informal,formal,
                             head_of_service,director,cafcass)
  --iro-roles A,B,...        the allocation role values that mean an IRO (default IRO)

synth --local SHAPE also writes the IRO service's own exports for the same children, in
Careboard's shape (canonical) or a case-management system's (mosaic, liquid; with the
careboard-profile.json that reads them).

Files are recognised by their header row, not their name: CSV, XLSX or the DfE XML; the
IRO service's exports (review meetings, IRO allocations, IROs, disputes, contacts) too, or
through --mapping. Flags given beside --mapping win over the profile's settings.
A folder stands for every file in it. Several years' exports may be given together (for
example one folder per year); repeated episodes are counted once, the later export's
version winning.
";

/// The names `--target` takes: the fields of [`Targets`].
const TARGET_NAMES: [&str; 6] = [
    "reviews_on_time",
    "participation",
    "three_plus_placements",
    "over_20_miles",
    "long_term_stability",
    "overdue_reviews",
];

fn usage_error(message: &str) -> ExitCode {
    eprintln!("careboard: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("report") => report(&args[1..]),
        Some("synth") => synth_command(&args[1..]),
        Some("--help" | "-h" | "help") => write_stdout(USAGE),
        Some(other) => usage_error(&format!("unknown command \"{other}\"")),
        None => usage_error("a command is needed"),
    }
}

/// Takes the value after a flag.
fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| format!("{flag} needs a value"))
}

fn report(args: &[String]) -> ExitCode {
    let mut year = None;
    let mut json = false;
    let mut docx: Option<PathBuf> = None;
    let mut presentation = Presentation::default();
    let mut targets = serde_json::Map::new();
    let mut settings = Settings::default();
    let mut paths = Vec::new();
    let mut mapping: Option<PathBuf> = None;
    // The IRO service's flags, applied over the profile's settings.
    let mut deadline: Option<u32> = None;
    let mut looked_after_only = false;
    let mut stages: Option<Vec<String>> = None;
    let mut roles: Option<Vec<String>> = None;
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut i = 0;
    while i < args.len() {
        let parsed: Result<(), String> = match args[i].as_str() {
            "--json" => {
                json = true;
                Ok(())
            }
            "--docx" => value(args, &mut i, "--docx").map(|v| {
                docx = Some(PathBuf::from(v));
            }),
            "--publication" => {
                presentation.publication = true;
                Ok(())
            }
            "--target" => value(args, &mut i, "--target").and_then(|v| {
                let (name, number) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--target takes NAME=VALUE such as reviews_on_time=87, not \"{v}\""))?;
                let number: f64 = number.trim().parse().map_err(|_| {
                    format!("--target {name}: \"{number}\" is not a number")
                })?;
                let name = name.trim();
                if !TARGET_NAMES.contains(&name) {
                    return Err(format!(
                        "--target: \"{name}\" is not a target; use one of {}",
                        TARGET_NAMES.join(", ")
                    ));
                }
                targets.insert(name.to_string(), serde_json::json!(number));
                Ok(())
            }),
            "--year" => value(args, &mut i, "--year").and_then(|v| {
                v.parse::<i32>()
                    .map(|y| year = Some(y))
                    .map_err(|_| format!("--year takes a year such as 2024, not \"{v}\""))
            }),
            "--chinese-as-other" => {
                settings.chinese_as_other = true;
                Ok(())
            }
            "--no-same-carer-moves" => {
                settings.count_same_carer_moves = false;
                Ok(())
            }
            "--no-temporary-placements" => {
                settings.count_temporary_placements = false;
                Ok(())
            }
            "--la" => value(args, &mut i, "--la").and_then(|v| {
                careboard::dfe::find_council(v)
                    .map(|c| settings.la = Some(c.code.to_string()))
                    .map_err(|e| format!("--la: {e}"))
            }),
            "--bank-holiday" => value(args, &mut i, "--bank-holiday").and_then(|v| {
                parse_date(v)
                    .map(|d| settings.extra_bank_holidays.push(d))
                    .map_err(|e| format!("--bank-holiday: {}", e.reason(v)))
            }),
            "--mapping" => value(args, &mut i, "--mapping").map(|v| {
                mapping = Some(PathBuf::from(v));
            }),
            "--record-deadline-days" => value(args, &mut i, "--record-deadline-days").and_then(|v| {
                v.trim()
                    .parse::<u32>()
                    .map(|n| deadline = Some(n))
                    .map_err(|_| {
                        format!("--record-deadline-days takes a number of working days such as 20, not \"{v}\"")
                    })
            }),
            "--caseload-looked-after-only" => {
                looked_after_only = true;
                Ok(())
            }
            "--dispute-stages" => value(args, &mut i, "--dispute-stages").map(|v| {
                stages = Some(list(v));
            }),
            "--iro-roles" => value(args, &mut i, "--iro-roles").map(|v| {
                roles = Some(list(v));
            }),
            flag if flag.starts_with("--") => Err(format!("unknown option \"{flag}\"")),
            path => {
                paths.push(PathBuf::from(path));
                Ok(())
            }
        };
        if let Err(message) = parsed {
            return usage_error(&message);
        }
        i += 1;
    }
    if paths.is_empty() {
        return usage_error("give at least one export file or folder");
    }
    if !targets.is_empty() {
        // Whole children for overdue_reviews: a count target is not a fraction.
        if let Some(n) = targets.get_mut("overdue_reviews") {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0) {
                *n = serde_json::json!(f as u64);
            }
        }
        match serde_json::from_value::<Targets>(serde_json::Value::Object(targets)) {
            Ok(t) => presentation.targets = t,
            Err(e) => return usage_error(&format!("--target: {e}")),
        }
    }
    let profile = match &mapping {
        None => Profile::default(),
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => match Profile::from_json(&path.display().to_string(), &bytes) {
                Ok(p) => p,
                Err(e) => return usage_error(&format!("--mapping: {e}")),
            },
            Err(e) => {
                return usage_error(&format!(
                    "--mapping: \"{}\" could not be read: {e}",
                    path.display()
                ))
            }
        },
    };
    if let Some(iro) = &profile.settings {
        settings.iro = iro.clone();
    }
    if let Some(n) = deadline {
        settings.iro.record_deadline_working_days = n;
    }
    settings.iro.caseload_looked_after_only |= looked_after_only;
    if let Some(s) = stages {
        settings.iro.dispute_stages = s;
    }
    if let Some(r) = roles {
        settings.iro.iro_roles = r;
    }
    if let Some(why) = settings.iro.problem() {
        return usage_error(&why);
    }
    let expanded = expand(&paths);
    let short_name = |path: &Path| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    // Files are told apart by name (several years' exports often share names such as
    // episodes.csv), so a name given twice is written with its folder.
    let names: Vec<String> = expanded
        .iter()
        .map(|path| {
            let name = short_name(path);
            match expanded.iter().filter(|p| short_name(p) == name).count() {
                1 => name,
                _ => path.display().to_string(),
            }
        })
        .collect();
    // Each file is read just before it is parsed (a big CSV a piece at a time), and its
    // bytes dropped after.
    let unreadable = std::sync::Mutex::new(Vec::new());
    let read = |i: usize| {
        let path = &expanded[i];
        let note = |message: String| {
            if let Ok(mut list) = unreadable.lock() {
                list.push((i, message));
            }
        };
        let file = std::fs::File::open(path)
            .map_err(|e| note(format!("\"{}\" could not be read: {e}", path.display())))
            .ok()?;
        let input = import::open(Box::new(file));
        if input.is_none() {
            note(format!("\"{}\" could not be read.", path.display()));
        }
        input
    };
    let mut data = import::load_mapped_from_disk(&names, &read, &profile);
    let mut unreadable = unreadable.into_inner().unwrap_or_default();
    unreadable.sort();
    let unreadable = unreadable.into_iter().map(|(_, message)| message);
    if data.child_population.is_none() {
        data.child_population = profile.child_population.as_ref().map(|p| p.groups());
    }
    data.problems.extend(
        unreadable
            .into_iter()
            .map(|message| careboard::model::FileProblem {
                file: String::new(),
                message,
            }),
    );
    match make_report(&data, year, &settings) {
        Ok(r) => {
            if let Some(path) = &docx {
                if let Err(e) = write_paper(&r, presentation, path) {
                    eprintln!("careboard: {e}");
                    return ExitCode::from(1);
                }
            }
            if json {
                write_stdout(&format!("{}\n", r.to_json()))
            } else {
                write_stdout(&text::render(&r))
            }
        }
        Err(e) => {
            eprintln!("careboard: no report: {}.", no_report(&e));
            for p in &data.problems {
                eprintln!("  {}", p.message);
            }
            ExitCode::from(2)
        }
    }
}

/// Writes the committee paper for `report` to `path`, stamped with the time now.
fn write_paper(report: &Report, presentation: Presentation, path: &Path) -> Result<(), String> {
    let publication = presentation.publication;
    let sections = present::sections(report, presentation);
    #[cfg(not(target_arch = "wasm32"))]
    let fonts = {
        let mut options = resvg::usvg::Options::default();
        options.fontdb_mut().load_system_fonts();
        options
    };
    #[cfg(not(target_arch = "wasm32"))]
    let draw = |chart: &paper::ChartPicture| rasterise(&fonts, chart);
    // The command line is native; built for wasm32 (only to check it compiles) it has no
    // rasteriser and the paper's charts get the blank PNG under their SVG.
    #[cfg(target_arch = "wasm32")]
    let draw = |_: &paper::ChartPicture| None;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| chrono::DateTime::from_timestamp(d.as_secs() as i64, 0))
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let bytes = paper::docx(&paper::Paper {
        report,
        sections: &sections,
        publication,
        narratives: &[],
        created: now.as_deref(),
        rasterise: Some(&draw),
    })
    .map_err(|e| e.to_string())?;
    std::fs::write(path, bytes)
        .map_err(|e| format!("could not write the paper to {}: {e}", path.display()))
}

#[cfg(not(target_arch = "wasm32"))]
/// A chart's SVG as the PNG under it in the paper, at [`paper::PNG_SCALE`] times its size on a
/// white ground; `None` when the SVG cannot be read (the paper then shows a blank picture
/// under the SVG, with the chart's alt text).
fn rasterise(options: &resvg::usvg::Options, chart: &paper::ChartPicture) -> Option<Vec<u8>> {
    use resvg::tiny_skia::{Color, Pixmap, Transform};
    let tree = resvg::usvg::Tree::from_str(chart.svg, options).ok()?;
    let scale = paper::PNG_SCALE;
    let mut pixmap = Pixmap::new(chart.width * scale, chart.height * scale)?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale as f32, scale as f32),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().ok()
}

/// Prints `text`. A reader that stops early (`careboard report --json ... | head`) closes the
/// pipe: that is no error, so the command ends quietly and successfully; any other failure to
/// write exits 1.
fn write_stdout(text: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("careboard: could not write the output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Why there is no report, in the command line's words: the fact, and for a missing year the
/// flag that gives one.
fn no_report(e: &ReportError) -> String {
    match e {
        ReportError::NoDates => format!("{e}; give one with --year"),
        _ => e.to_string(),
    }
}

/// Files given, with every folder replaced by the files in it (sorted by name).
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|q| q.is_file())
                        .collect()
                })
                .unwrap_or_default();
            inside.sort();
            out.extend(inside);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn synth_command(args: &[String]) -> ExitCode {
    let mut config = SynthConfig::default();
    let mut out: Option<PathBuf> = None;
    let mut format = SynthFormat::Csv;
    let mut local: Option<LocalShape> = None;
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        let parsed: Result<(), String> = value(args, &mut i, flag).and_then(|v| match flag {
            "--children" => v
                .parse()
                .map(|n| config.children = n)
                .map_err(|_| format!("--children takes a whole number, not \"{v}\"")),
            "--seed" => v
                .parse()
                .map(|s| config.seed = s)
                .map_err(|_| format!("--seed takes a whole number, not \"{v}\"")),
            "--year" => v
                .parse()
                .map(|y| config.year_ending = y)
                .map_err(|_| format!("--year takes a year such as 2025, not \"{v}\"")),
            "--out" => {
                out = Some(PathBuf::from(v));
                Ok(())
            }
            "--format" => {
                format = match v {
                    "csv" => SynthFormat::Csv,
                    "xlsx" => SynthFormat::Xlsx,
                    "xml" => SynthFormat::Xml,
                    _ => return Err(format!("--format is csv, xlsx or xml, not \"{v}\"")),
                };
                Ok(())
            }
            "--local" => LocalShape::from_name(v)
                .map(|shape| local = Some(shape))
                .ok_or_else(|| format!("--local is canonical, mosaic or liquid, not \"{v}\"")),
            _ => Err(format!("unknown option \"{flag}\"")),
        });
        if let Err(message) = parsed {
            return usage_error(&message);
        }
        i += 1;
    }
    let Some(dir) = out else {
        return usage_error("synth needs --out DIR");
    };
    let export = synth::generate(&config);
    let mut files = synth::files(&export, format);
    if let Some(shape) = local {
        files.extend(synth::local_files(&config, &export, shape));
    }
    match write_all(&dir, &files) {
        Ok(written) => {
            let lines: String = written
                .iter()
                .map(|(name, size)| format!("{} ({size} bytes)\n", dir.join(name).display()))
                .collect();
            write_stdout(&lines)
        }
        Err(e) => {
            eprintln!("careboard: could not write to {}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}

fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<Vec<(String, usize)>> {
    std::fs::create_dir_all(dir)?;
    files
        .iter()
        .map(|(name, bytes)| {
            std::fs::write(dir.join(name), bytes).map(|_| (name.clone(), bytes.len()))
        })
        .collect()
}

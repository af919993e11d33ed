//! `make bench`: the England-scale benchmark of issue 2.
//!
//! Generates synthetic exports of 1x, 4x and 16x a council's size (16x = all of England,
//! about 85,000 children looked after at 31 March, five years of history), writes them as CSV
//! bytes (not timed), then times each stage of making the report from those bytes as the CLI
//! makes it: read and build the model (`import::load_mapped_from_disk` over the bytes, read a
//! piece at a time as from disk: the building thread reads each file in turn, each CSV row
//! built from its record as it is read, while helper threads split later files into raw
//! tables for it), compute the measures, serialise the JSON. For comparison: reading and
//! building on one thread (the page's worker's path), and the held path's two stages (every
//! file split into raw tables, then built). Peak memory is the highest heap in use during the
//! stage, counted by a wrapping allocator (exact, not RSS; the CSV bytes are all in memory).
//! Prints figures; asserts nothing.
//!
//! Also, in the same run: the `csv` crate's byte-splitting floor (csv-core, the parser the
//! importer uses, counting fields over the same bytes: the least any CSV reader must do). The
//! files are written to `target/bench-exports/native-<N>x/` and the figures to
//! `target/bench-exports/native.json`, where `scripts/bench_peers.py` (the second half of
//! `make bench`) reads them to time the CLI against polars and DuckDB on the same files.
//! `BENCH_SCALES=1,4` limits the scales.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use careboard::import;
use careboard::measures::{self, calendar::ReportingYear};
use careboard::model;
use careboard::settings::Settings;
use careboard::synth::{self, SynthConfig, SynthFormat};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = 1024.0 * 1024.0;
/// A council's size: 1/16 of England's 85,000.
const COUNCIL: u32 = 5_312;

/// Runs `f`, returning its value, seconds and the peak heap (MB) reached during it.
fn stage<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    let t = Instant::now();
    let out = f();
    (
        out,
        t.elapsed().as_secs_f64(),
        PEAK.load(Ordering::Relaxed) as f64 / MB,
    )
}

/// The `csv` crate's floor: splits every file into fields with csv-core and counts them.
/// Returns (records, fields). Nothing is decoded, typed or kept.
fn csv_floor(files: &[(String, Vec<u8>)]) -> (usize, usize) {
    use csv_core::{ReadFieldResult, Reader};
    let (mut records, mut fields) = (0usize, 0usize);
    let mut out = vec![0u8; 64 * 1024];
    for (_, bytes) in files {
        let mut reader = Reader::new();
        let mut input = &bytes[..];
        loop {
            let (result, nin, _) = reader.read_field(input, &mut out);
            input = &input[nin..];
            match result {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::Field { record_end } => {
                    fields += 1;
                    records += usize::from(record_end);
                }
                ReadFieldResult::End => break,
            }
        }
    }
    (records, fields)
}

/// A file's bytes in memory, read a piece at a time as the CLI reads a file on disk.
struct InMemory<'a>(&'a [u8]);

impl import::Source for InMemory<'_> {
    fn size(&self) -> u64 {
        self.0.len() as u64
    }

    fn read_at(&self, at: u64, len: usize, out: &mut Vec<u8>) -> bool {
        let at = usize::try_from(at).unwrap_or(usize::MAX);
        match self.0.get(at..).and_then(|rest| rest.get(..len)) {
            Some(bytes) => {
                out.extend_from_slice(bytes);
                true
            }
            None => false,
        }
    }
}

/// Median of a few numbers (the middle one, or the mean of the two middle ones).
fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Writes the files of one scale where the CLI and the Python peers read them.
fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}

fn main() {
    let out_root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-exports");
    let scales: Vec<u32> = std::env::var("BENCH_SCALES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .filter(|v: &Vec<u32>| !v.is_empty())
        .unwrap_or_else(|| vec![1, 4, 16]);
    let mut results = Vec::new();
    println!("Careboard benchmark: the report from CSV bytes, per stage (release build)");
    println!(
        "{:<10} {:>9} {:>10} | {:<22} {:>8} {:>14} {:>10}",
        "scale", "children", "rows", "stage", "seconds", "rows/second", "peak MB"
    );
    for &multiple in &scales {
        let config = SynthConfig {
            children: COUNCIL * multiple,
            seed: 2026,
            ..SynthConfig::default()
        };
        let files = synth::files(&synth::generate(&config), SynthFormat::Csv);
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let dir = out_root.join(format!("native-{multiple}x"));
        if let Err(e) = write_files(&dir, &files) {
            eprintln!("cannot write {}: {e}", dir.display());
            std::process::exit(1);
        }
        let mut floor_runs = Vec::new();
        let mut floor_fields = 0;
        for _ in 0..3 {
            let ((_, fields), t, _) = stage(|| csv_floor(&files));
            floor_fields = fields;
            floor_runs.push(t);
        }
        let t_floor = median(floor_runs);

        // The held path: every file split into raw tables, then the tables built (how an
        // XLSX or XML table is read, and how the CLI's parsing threads give CSV files).
        let (reads, t_parse, m_parse) = stage(|| {
            files
                .iter()
                .map(|(n, b)| import::read_file(n, b))
                .collect::<Vec<_>>()
        });
        let rows: usize = reads.iter().flat_map(|r| &r.tables).map(|t| t.len()).sum();
        let (held, t_model, m_model) = stage(|| {
            let mut tables = Vec::new();
            let mut problems = Vec::new();
            for r in reads {
                tables.extend(r.tables);
                problems.extend(r.problems);
            }
            model::build(tables, problems)
        });
        drop(held);
        // The path of the page's worker (and of the CLI on one core): one thread, each CSV
        // row built from its record as it is read, no raw table held.
        let named: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
        let (alone, t_alone, m_alone) = stage(|| import::load(&named));
        drop(alone);
        // The CLI's path, which the whole report is timed on: the building thread reads the
        // files in turn as above, helper threads (one fewer than the cores) splitting later
        // files into raw tables for it to build.
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        let read = |i: usize| import::open(Box::new(InMemory(&files.get(i)?.1)));
        let (data, t_read, m_read) = stage(|| {
            import::load_mapped_from_disk(&names, &read, &careboard::mapping::Profile::default())
        });
        let year = ReportingYear::ending(config.year_ending).expect("a valid year");
        let (report, t_measures, m_measures) =
            stage(|| measures::compute(&data, year, &Settings::default()));
        let (json, t_json, m_json) = stage(|| report.to_json());
        let label = format!("{multiple}x");
        let total = t_read + t_measures + t_json;
        let peak = m_read.max(m_measures).max(m_json);
        for (name, t, m) in [
            ("held: split to tables", t_parse, m_parse),
            ("held: build the model", t_model, m_model),
            ("read+build, one thread", t_alone, m_alone),
            ("read+build, CLI's way", t_read, m_read),
            ("compute the measures", t_measures, m_measures),
            ("serialise the JSON", t_json, m_json),
        ] {
            println!(
                "{label:<10} {:>9} {rows:>10} | {name:<22} {t:>8.3} {:>14.0} {:>10.1}",
                report.cla_at_31_march.total,
                rows as f64 / t,
                m
            );
        }
        println!(
            "{label:<10} {:>9} {rows:>10} | {:<22} {total:>8.3} {:>14.0} {:>10.1}   ({:.1} MB of CSV, JSON {} KB)",
            report.cla_at_31_march.total,
            "whole report",
            rows as f64 / total,
            peak,
            bytes as f64 / MB,
            json.len() / 1024
        );
        println!(
            "{label:<10} {:>9} {rows:>10} | {:<22} {t_floor:>8.3} {:>14.0} {:>10}   ({floor_fields} fields; median of 3; whole report = {:.1}x this)",
            report.cla_at_31_march.total,
            "csv-core floor",
            rows as f64 / t_floor,
            "-",
            total / t_floor
        );
        results.push(serde_json::json!({
            "scale": multiple,
            "dir": dir,
            "children": report.cla_at_31_march.total,
            "rows": rows,
            "csv_bytes": bytes,
            "stages": {
                "held_parse": [t_parse, m_parse], "held_model": [t_model, m_model],
                "read_and_build_one_thread": [t_alone, m_alone],
                "read_and_build": [t_read, m_read],
                "measures": [t_measures, m_measures], "json": [t_json, m_json],
            },
            "total_seconds": total,
            "peak_heap_mb": peak,
            "csv_floor_seconds": t_floor,
            "csv_floor_fields": floor_fields,
        }));
    }
    let path = out_root.join("native.json");
    let text = serde_json::Value::Array(results).to_string();
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}

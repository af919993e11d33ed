//! `cargo run --release --example profile -- DIR [YEAR] [--worker]`: the report from the files of one
//! folder, timed stage by stage (read and import the files and build the model, compute the
//! measures, write the JSON) with the heap in use at the end of each stage and its peak
//! during it, counted by a wrapping allocator. For finding where the time and memory go at
//! England scale (`careboard synth --children 85000 ...`); files are read as the CLI reads
//! them (`import::load_mapped_from_disk`), or with `--worker` as the page's worker does
//! (`import::load_mapped_lazily`: one file at a time, one thread). `make bench` is the benchmark.
//! Prints figures; asserts nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use careboard::import;
use careboard::mapping::Profile;
use careboard::measures::make_report;
use careboard::present::{self, Presentation};
use careboard::settings::Settings;

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
            // A realloc may copy: old and new blocks are both alive for a moment.
            let now = CURRENT.load(Ordering::Relaxed) + new_size;
            PEAK.fetch_max(now, Ordering::Relaxed);
            CURRENT.fetch_add(new_size, Ordering::Relaxed);
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = 1024.0 * 1024.0;

/// Runs `f`, printing its seconds, the heap at its end and the peak during it.
fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    let t = Instant::now();
    let out = f();
    println!(
        "{name:<22} {:>8.3} s   heap after {:>8.1} MB   peak {:>8.1} MB",
        t.elapsed().as_secs_f64(),
        CURRENT.load(Ordering::Relaxed) as f64 / MB,
        PEAK.load(Ordering::Relaxed) as f64 / MB
    );
    out
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let worker = args.iter().any(|a| a == "--worker");
    args.retain(|a| a != "--worker");
    let Some(dir) = args.first() else {
        eprintln!("usage: profile DIR [YEAR]");
        return;
    };
    let year = args.get(1).and_then(|y| y.parse().ok());
    let start = Instant::now();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let read = |i: usize| {
        let file = std::fs::File::open(&paths[i]).ok()?;
        import::open(Box::new(file))
    };
    let data = stage("read, import, build", || {
        if worker {
            // As the page's worker reads: one file at a time, on one thread, with previews.
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            // Each file's start is announced: the heap then, and its peak since the last.
            let mut last = Instant::now();
            let mut starting = |name: &str| {
                println!(
                    "  {name:<60} heap {:>8.1} MB   peak before {:>8.1} MB   {:>6.3} s before",
                    CURRENT.load(Ordering::Relaxed) as f64 / MB,
                    PEAK.load(Ordering::Relaxed) as f64 / MB,
                    last.elapsed().as_secs_f64()
                );
                last = Instant::now();
                PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
            };
            let (mut read, profile) = (|i| read(i), Profile::default());
            let load = import::load_mapped_lazily(&names, &mut read, &profile, &mut starting);
            import::now(load).0
        } else {
            import::load_mapped_from_disk(&names, &read, &Profile::default())
        }
    });
    let report = stage("compute the measures", || {
        make_report(&data, year, &Settings::default())
    });
    let report = report.ok();
    // What the page's main thread does with a report before it shows the figures.
    stage("present the sections", || {
        report
            .as_ref()
            .map(|r| present::sections(r, Presentation::default()).len())
    });
    let json = stage("serialise the JSON", || report.map(|r| r.to_json()));
    println!(
        "{:<22} {:>8.3} s   JSON {} KB",
        "whole",
        start.elapsed().as_secs_f64(),
        json.map(|j| j.len() / 1024).unwrap_or(0)
    );
}

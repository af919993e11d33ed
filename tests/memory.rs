//! How much memory the hostile inputs of issue 13 take to read: the peak heap above what was
//! in use before, counted exactly by a wrapping allocator (the test binary's own; one test,
//! so nothing else allocates meanwhile). Before the fixes, two far-apart cells asked for
//! 549,755,813,888 bytes, the entity bomb took 7.6 GB and a 300 MB XML 2.6 GB. The native
//! figures for full-size inputs (RSS of the release CLI) are in the README.

mod bombs;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use careboard::import::load;

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
                let grown = new_size - layout.size();
                let now = CURRENT.fetch_add(grown, Ordering::Relaxed) + grown;
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

const MB: usize = 1 << 20;

/// The peak heap (bytes) above the heap in use before, while `name` is loaded.
fn peak_loading(name: &str, bytes: &[u8]) -> usize {
    let before = CURRENT.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let data = load(&[(name, bytes)]);
    let peak = PEAK.load(Ordering::SeqCst) - before;
    drop(data);
    eprintln!("{name}: {} bytes in, peak {} MB", bytes.len(), peak / MB);
    peak
}

#[test]
fn hostile_inputs_are_read_in_bounded_memory() {
    // Finding 1: about 1.6 KB, read cell by cell.
    for far in ["XFD1048576", "BL1048576"] {
        assert!(peak_loading("far.xlsx", &bombs::far_apart_workbook(far)) < 4 * MB);
    }
    // Finding 2: 300 MB of cell text from one shared text stops at 256 MB; the table's text
    // buffer can hold up to twice what it holds while it grows.
    let peak = peak_loading("shared.xlsx", &bombs::shared_text_workbook());
    assert!(peak < 600 * MB, "{}", peak / MB);
    // Finding 3: refused at its DOCTYPE, before any entity is expanded.
    assert!(peak_loading("entity.xml", bombs::entity_bomb().as_bytes()) < MB);
    // Finding 5: a row keeps its first 16,384 cells; the five million cells cost the 10 MB
    // of their text once (the csv crate's record took 216 MB, an end per cell and more).
    let peak = peak_loading("wide.csv", bombs::wide_row().as_bytes());
    assert!(peak < 32 * MB, "{}", peak / MB);
    // Room for a CSV's typed rows is made at once, a row a line but no more than a row per
    // 16 bytes: a header and two million blank lines (2 MB) make room for 131,073 reviews
    // (3.5 MB), not two million (53 MB; the raw table of the whole file, read before building
    // until now, made room for 34 MB).
    let blank = format!("CHILD,REVIEW,REVIEW_CODE\n{}", "\n".repeat(2_000_000));
    let peak = peak_loading("blank.csv", blank.as_bytes());
    assert!(peak < 12 * MB, "{}", peak / MB);
    // Finding 9: 10,000 children (11 MB of XML) are read as a stream, so the peak is the
    // tables and the dataset built from them, about 1.5 times the file here, not a tree of
    // the document (a DOM took 8.7 times the file's size).
    let xml = bombs::xml_return(10_000);
    let peak = peak_loading("return.xml", xml.as_bytes());
    assert!(
        peak < 3 * xml.len(),
        "{} MB for {} MB",
        peak / MB,
        xml.len() / MB
    );
}

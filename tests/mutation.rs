//! Thousands of damaged variants of the committed fixtures through the importers and the row
//! checks, from a fixed seed (the same inputs every run): CSV exports cut, spliced, sprinkled
//! with quotes, NULs and delimiters; the DfE XML with tags, entities and DOCTYPEs thrown in;
//! the fixture workbooks unzipped, one part mutated the same ways, and zipped again (so the
//! damage reaches the workbook reader's XML parsing, not just the zip directory), sometimes with a shared
//! text part added. For each: no panic, every table accounts for its rows, every problem
//! names its file, and a generous time bound. `make fuzz` searches far wider, guided by
//! coverage; this keeps `make test` deterministic and quick.

use std::io::{Cursor, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use careboard::import::read_file;
use careboard::model::build;

/// How many variants of each kind of fixture are read.
const VARIANTS_PER_SEED: usize = 250;

/// The slowest a single small variant may be (a debug build on a busy 2-core machine reads
/// one in a few milliseconds; a hang or a blow-up takes far longer).
const PER_INPUT: Duration = Duration::from_secs(5);

/// A tiny deterministic generator (xorshift64), so the test needs no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes and fragments that reach the readers' edge cases.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b"\"\n",
    b",",
    b";",
    b"\t",
    b"\r",
    b"\n",
    b"\r\n",
    b"\0",
    b"=1+1",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xC3",
    b"31/02/2019",
    b"99999999999999999999",
    b"-1",
    b"<",
    b">",
    b"&",
    b"&lt;",
    b"&#0;",
    b"&#x110000;",
    b"&e;",
    b"<!DOCTYPE x [<!ENTITY e \"ee\">]>",
    b"<![CDATA[x]]>",
    b"<!--",
    b"<?x?>",
    b"</",
    b"<CHILD>",
    b"</CHILD>",
    b"<HEADER>",
    b"<EPISODE>",
    b"<EPISODE/>",
    b"<AREVIEW><REVIEW>01/01/2024</REVIEW></AREVIEW>",
    b"<row r=\"1048577\">",
    b"<row r=\"4294967295\">",
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<c r=\"A9\" t=\"s\"><v>0</v></c>",
    b"<c r=\"B9\" t=\"s\"><v>99999</v></c>",
    b"<c r=\"C9\" t=\"d\"><v>2024-13-45</v></c>",
    b"<c r=\"D9\" t=\"e\"><v>#N/A</v></c>",
    b"<c r=\"E9\"><v>1e308</v></c>",
    b"<dimension ref=\"XFD1048576:A1\"/>",
    b"uniqueCount=\"99999999999\"",
    b" r=\"ZZZZZZZZ1\"",
    b"<sheetData>",
    b"</sheetData>",
];

/// One random change to `bytes`.
fn mutate_once(bytes: &mut Vec<u8>, rng: &mut XorShift) {
    let len = bytes.len();
    match rng.below(8) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                if !bytes.is_empty() {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.next() as u8;
                }
            }
        }
        1 => bytes.truncate(rng.below(len + 1)),
        2 | 3 => {
            let token = TOKENS[rng.below(TOKENS.len())];
            let at = rng.below(len + 1);
            bytes.splice(at..at, token.iter().copied());
        }
        4 => {
            // Delete a stretch.
            let at = rng.below(len + 1);
            let end = (at + rng.below(64)).min(len);
            bytes.drain(at..end);
        }
        5 => {
            // Copy a stretch elsewhere (splices a tag or a row into the wrong place).
            let at = rng.below(len + 1);
            let end = (at + rng.below(256)).min(len);
            let piece: Vec<u8> = bytes[at..end].to_vec();
            let to = rng.below(len + 1);
            bytes.splice(to..to, piece);
        }
        6 => {
            // Repeat (up to 256 bytes of) a line many times.
            let at = rng.below(len + 1);
            let end = bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(len, |i| at + i + 1)
                .min(at + 256);
            let line: Vec<u8> = bytes[at..end].to_vec();
            let times = 1 + rng.below(200);
            let repeated: Vec<u8> = line.repeat(times);
            bytes.splice(end..end, repeated);
        }
        _ => {
            // Swap two bytes far apart (quotes and brackets move).
            if len > 1 {
                let (a, b) = (rng.below(len), rng.below(len));
                bytes.swap(a, b);
            }
        }
    }
}

fn mutate(seed: &[u8], rng: &mut XorShift) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        mutate_once(&mut bytes, rng);
    }
    bytes
}

fn fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first `lines` lines of a file.
fn head(bytes: &[u8], lines: usize) -> Vec<u8> {
    let end = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth(lines - 1)
        .map_or(bytes.len(), |(i, _)| i + 1);
    bytes[..end].to_vec()
}

/// A workbook's parts, in order.
fn unzip(workbook: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(workbook)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (name, data)
        })
        .collect()
}

/// The parts zipped again, stored (no compression: quick in a debug build).
fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const SHARED_TEXT: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>CHILD</t></si><si><r><t>01/05/</t></r><r><t>2023</t></r></si></sst>"#;

/// Panics other than arithmetic overflow (which only a build with overflow checks raises:
/// the page's WebAssembly has none; `read_file` no longer catches any, so one would also fail
/// the test by unwinding out of it).
static PANICS: AtomicUsize = AtomicUsize::new(0);

#[test]
fn thousands_of_damaged_fixtures_never_panic_hang_or_lose_a_row() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        if !message.contains("with overflow") {
            PANICS.fetch_add(1, Ordering::SeqCst);
            eprintln!("{message}");
        }
    }));
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut text_seeds: Vec<(String, Vec<u8>)> = [
        "episodes",
        "header",
        "missing",
        "oc3",
        "reviews",
        "sw_episodes",
        "uasc",
    ]
    .iter()
    .map(|t| {
        let csv = fixture(&format!("synth-small/{t}.csv"));
        (format!("{t}.csv"), head(&csv, 30))
    })
    .collect();
    text_seeds.push(("return.xml".into(), fixture("import/two_children.xml")));
    for (name, seed) in &text_seeds {
        let variants = if name.ends_with(".xml") {
            4 * VARIANTS_PER_SEED
        } else {
            VARIANTS_PER_SEED
        };
        for _ in 0..variants {
            inputs.push((name.clone(), mutate(seed, &mut rng)));
        }
    }
    for book in ["import/workbook.xlsx", "import/mac1904.xlsx"] {
        let bytes = fixture(book);
        let parts = unzip(&bytes);
        for i in 0..3 * VARIANTS_PER_SEED {
            let mut parts = parts.clone();
            if i % 2 == 0 {
                parts.push(("xl/sharedStrings.xml".into(), SHARED_TEXT.to_vec()));
            }
            // Mostly the sheets, sometimes any other part.
            let sheets: Vec<usize> = (0..parts.len())
                .filter(|&p| parts[p].0.contains("worksheets/") || parts[p].0.contains("shared"))
                .collect();
            let part = if rng.below(4) == 0 {
                rng.below(parts.len())
            } else {
                sheets[rng.below(sheets.len())]
            };
            parts[part].1 = mutate(&parts[part].1, &mut rng);
            inputs.push(("book.xlsx".into(), rezip(&parts)));
        }
        // And the zip's own bytes.
        for _ in 0..VARIANTS_PER_SEED / 2 {
            inputs.push(("book.xlsx".into(), mutate(&bytes, &mut rng)));
        }
    }
    // 7 CSVs x 250 + the XML x 1,000 + 2 workbooks x (750 re-zipped + 125 raw) = 4,500.
    assert_eq!(inputs.len(), 4_500);
    let start = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut rows = 0u64;
    for (i, (name, bytes)) in inputs.iter().enumerate() {
        let begun = Instant::now();
        let read = read_file(name, bytes);
        assert!(
            !read.tables.is_empty() || !read.problems.is_empty(),
            "input {i} gave nothing"
        );
        assert!(
            read.problems.iter().all(|p| p.file == *name),
            "input {i}: {:?}",
            read.problems
        );
        let data = build(read.tables, read.problems);
        for account in &data.inputs {
            assert_eq!(
                account.rows_read,
                account.rows_used + account.rows_rejected,
                "input {i}: {account:?}"
            );
            rows += account.rows_read;
        }
        let took = begun.elapsed();
        slowest = slowest.max(took);
        assert!(took < PER_INPUT, "input {i} ({name}) took {took:?}");
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "panics: see stderr");
    eprintln!(
        "{} inputs, {rows} rows, in {:?} (slowest {:?})",
        inputs.len(),
        start.elapsed(),
        slowest
    );
}

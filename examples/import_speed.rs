//! `cargo run --release --example import_speed`: the time to read an England-sized episodes
//! CSV (a million rows, about 80 MB) into a table, `import::read_file` alone: decoding,
//! header detection and CSV parsing, without building the model (`make bench` times every
//! stage of the report from a whole synthetic export). Prints figures; fails only if the
//! rows read are not the million written.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use careboard::import::read_file;

const ROWS: u32 = 1_000_000;

fn main() -> ExitCode {
    let mut text = String::from(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n",
    );
    for i in 0..ROWS {
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "{},{:02}/{:02}/20{:02},P,C2,N1,U1,PR1,{:02}/{:02}/20{:02},X1,CARPL,AB1 2CD,EF3 4GH,SC{:06}\r\n",
            100_000 + i,
            1 + i % 28,
            1 + i % 12,
            15 + i % 8,
            1 + (i + 3) % 28,
            1 + i % 12,
            16 + i % 8,
            i % 1_000_000
        );
    }
    let start = Instant::now();
    let read = read_file("episodes.csv", text.as_bytes());
    let seconds = start.elapsed().as_secs_f64();
    let rows = read.tables.first().map_or(0, |t| t.len());
    println!(
        "read_file: {:.1} MB, {rows} rows in {seconds:.3} s ({:.0} rows a second)",
        text.len() as f64 / 1e6,
        rows as f64 / seconds
    );
    if rows == ROWS as usize {
        ExitCode::SUCCESS
    } else {
        eprintln!("import_speed: expected {ROWS} rows, read {rows}");
        ExitCode::FAILURE
    }
}

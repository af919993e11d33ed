//! `cargo run --example synth_samples`: writes a small synthetic export (150 children at
//! 31 March 2025, seed 903) in every format into `target/synth-samples/`, to open by hand in
//! Excel, LibreOffice, openpyxl or an XML viewer: one CSV file per table, `ssda903.xlsx`
//! and `ssda903.xml`. Prints each file written; asserts nothing.

use std::fs;
use std::path::Path;

use careboard::synth::{self, SynthConfig, SynthFormat};

fn main() -> std::io::Result<()> {
    let dir = Path::new("target/synth-samples");
    fs::create_dir_all(dir)?;
    let export = synth::generate(&SynthConfig {
        children: 150,
        ..SynthConfig::default()
    });
    for format in [SynthFormat::Csv, SynthFormat::Xlsx, SynthFormat::Xml] {
        for (name, bytes) in synth::files(&export, format) {
            let path = dir.join(name);
            fs::write(&path, &bytes)?;
            println!("{} ({} bytes)", path.display(), bytes.len());
        }
    }
    Ok(())
}

//! The .docx container: a ZIP file of deflated parts, written here in a few lines rather than
//! with the `zip` crate, whose writer brings two deflate engines (zlib-rs and zopfli) into the
//! page; miniz_oxide's deflate is a small one. Fixed timestamps (1 January 1980, as the `zip`
//! crate's default), so the same parts make the same bytes. No ZIP64: a paper is megabytes.

use super::crc32;

/// A part's bytes as stored: deflated unless that makes them no smaller (PNGs).
struct Entry {
    name: String,
    crc: u32,
    size: u32,
    method: u16,
    data: Vec<u8>,
    offset: u32,
}

/// Why a package could not be written: a part of 4 GiB or more, which a plain ZIP cannot
/// hold (a paper never comes near).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge(pub String);

/// The ZIP file of `parts`, in the order given.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, TooLarge> {
    const DEFLATED: u16 = 8;
    const STORED: u16 = 0;
    // 1 January 1980, 00:00, in MS-DOS form.
    const DATE: u16 = (1 << 5) | 1;
    let mut out = Vec::new();
    let mut entries = Vec::with_capacity(parts.len());
    for (name, body) in parts {
        let fits = |n: usize| u32::try_from(n).map_err(|_| TooLarge(name.clone()));
        let size = fits(body.len())?;
        let deflated = miniz_oxide::deflate::compress_to_vec(body, 6);
        let (method, data) = if deflated.len() < body.len() {
            (DEFLATED, deflated)
        } else {
            (STORED, body.clone())
        };
        let offset = fits(out.len())?;
        let entry = Entry {
            name: name.clone(),
            crc: crc32(body),
            size,
            method,
            data,
            offset,
        };
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20);
        put16(&mut out, 0);
        put16(&mut out, entry.method);
        put16(&mut out, 0);
        put16(&mut out, DATE);
        put32(&mut out, entry.crc);
        put32(&mut out, fits(entry.data.len())?);
        put32(&mut out, entry.size);
        put16(&mut out, entry.name.len() as u16);
        put16(&mut out, 0);
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&entry.data);
        entries.push(entry);
    }
    let directory = u32::try_from(out.len()).map_err(|_| TooLarge("the package".into()))?;
    for e in &entries {
        put32(&mut out, 0x0201_4b50);
        put16(&mut out, 20);
        put16(&mut out, 20);
        put16(&mut out, 0);
        put16(&mut out, e.method);
        put16(&mut out, 0);
        put16(&mut out, DATE);
        put32(&mut out, e.crc);
        put32(&mut out, e.data.len() as u32);
        put32(&mut out, e.size);
        put16(&mut out, e.name.len() as u16);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put32(&mut out, 0);
        put32(&mut out, e.offset);
        out.extend_from_slice(e.name.as_bytes());
    }
    let size = u32::try_from(out.len()).map_err(|_| TooLarge("the package".into()))? - directory;
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries.len() as u16);
    put16(&mut out, entries.len() as u16);
    put32(&mut out, size);
    put32(&mut out, directory);
    put16(&mut out, 0);
    Ok(out)
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_zip_crate_reads_back_every_part_deflated_or_stored() {
        let text = "<w:t>Reviews held</w:t>".repeat(50).into_bytes();
        // Bytes that deflate cannot shrink are stored as they are.
        let noise: Vec<u8> = (0u32..300)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let parts = vec![
            ("[Content_Types].xml".to_string(), text.clone()),
            ("word/media/chart1.png".to_string(), noise.clone()),
            ("empty.xml".to_string(), Vec::new()),
        ];
        let bytes = zip(&parts).expect("zip");
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("reads");
        assert_eq!(archive.len(), 3);
        for (i, (name, body)) in parts.iter().enumerate() {
            let mut file = archive.by_index(i).expect("entry");
            assert_eq!(file.name().expect("name").as_ref(), name.as_str());
            let mut got = Vec::new();
            file.read_to_end(&mut got).expect("read, CRC checked");
            assert_eq!(&got, body);
        }
        assert_eq!(
            archive.by_index(0).expect("entry").compression(),
            ::zip::CompressionMethod::Deflated
        );
        assert_eq!(
            archive.by_index(1).expect("entry").compression(),
            ::zip::CompressionMethod::Stored
        );
    }
}

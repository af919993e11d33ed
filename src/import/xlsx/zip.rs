//! The zip archive a workbook is, read from bytes in memory: its directory, and each part
//! unpacked as a stream whose size is bounded by what the directory declares.
//!
//! Only what a workbook needs: stored and deflated parts (inflated with `miniz_oxide`, a few
//! KB of code already in the page for the committee paper), names in UTF-8, no encryption, no
//! spanning. ZIP64 is read where it is cheap (a part's sizes and offset in its extra field);
//! an archive whose directory itself needs ZIP64 (more than 65,535 parts, or a directory
//! beyond 4 GB) is far past the workbook limits and is refused as damaged or too large.
//!
//! Every size and offset comes from the file, so each is checked before use: slices are taken
//! with `get`, sums with `checked_add`, and a part is never given more room than it declares.
//! A part that inflates past its declared size, stops short of it, or whose CRC-32 differs
//! from the directory's is damaged, and [`Part`] says so instead of giving its bytes. Depends
//! on nothing but std and `miniz_oxide`.

use std::io::{self, BufRead, Read};

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

/// One part of the archive, as its central directory describes it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The name as stored (`xl/worksheets/sheet1.xml`).
    pub(crate) name: String,
    /// Stored (0) or deflated (8); anything else cannot be read.
    method: u16,
    /// Bit 0: encrypted.
    flags: u16,
    crc: u32,
    compressed: u64,
    /// The unpacked size the directory declares: reading never gives more.
    pub(crate) size: u64,
    /// Where the part's local header starts.
    offset: u64,
}

/// Why an archive cannot be read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NotAnArchive {
    /// No end of central directory, or a directory that does not fit the file.
    Damaged,
    /// The directory needs ZIP64: more parts, or a larger file, than any workbook of tables.
    TooLarge,
}

/// The archive's directory over its bytes.
pub(crate) struct Archive<'b> {
    bytes: &'b [u8],
    entries: Vec<Entry>,
}

const END_SIGNATURE: [u8; 4] = *b"PK\x05\x06";
const CENTRAL_SIGNATURE: [u8; 4] = *b"PK\x01\x02";
const LOCAL_SIGNATURE: [u8; 4] = *b"PK\x03\x04";
const END_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    let mut word = [0u8; 8];
    word.copy_from_slice(b);
    Some(u64::from_le_bytes(word))
}

impl<'b> Archive<'b> {
    /// Reads the directory: the end record (searched for from the end, past any comment),
    /// then every central record.
    pub(crate) fn new(bytes: &'b [u8]) -> Result<Archive<'b>, NotAnArchive> {
        let end = find_end(bytes).ok_or(NotAnArchive::Damaged)?;
        let field16 = |at| u16_at(bytes, end + at).ok_or(NotAnArchive::Damaged);
        let field32 = |at| u32_at(bytes, end + at).ok_or(NotAnArchive::Damaged);
        let count = field16(10)?;
        let dir_size = field32(12)?;
        let dir_offset = field32(16)?;
        if count == u16::MAX || dir_size == u32::MAX || dir_offset == u32::MAX {
            return Err(NotAnArchive::TooLarge);
        }
        let start = dir_offset as usize;
        let directory = start
            .checked_add(dir_size as usize)
            .and_then(|stop| bytes.get(start..stop))
            .ok_or(NotAnArchive::Damaged)?;
        let mut entries = Vec::with_capacity(usize::from(count));
        let mut at = 0usize;
        for _ in 0..count {
            let (entry, next) = central_entry(directory, at).ok_or(NotAnArchive::Damaged)?;
            entries.push(entry);
            at = next;
        }
        Ok(Archive { bytes, entries })
    }

    /// Every part, in directory order.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The part named `name`, compared as calamine does: ASCII case ignored and `\` read as
    /// `/`. When two parts share a name the later one is taken.
    pub(crate) fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| same_name(&e.name, name))
    }

    /// Opens a part for reading; `None` when its local header or data do not fit the file,
    /// or it is encrypted or packed in a way a workbook never is.
    pub(crate) fn open(&self, entry: &Entry) -> Option<Part<'b>> {
        let local = usize::try_from(entry.offset).ok()?;
        if self.bytes.get(local..local.checked_add(4)?)? != LOCAL_SIGNATURE {
            return None;
        }
        let name_len = usize::from(u16_at(self.bytes, local.checked_add(26)?)?);
        let extra_len = usize::from(u16_at(self.bytes, local.checked_add(28)?)?);
        let data = local
            .checked_add(LOCAL_LEN)?
            .checked_add(name_len)?
            .checked_add(extra_len)?;
        let data_end = data.checked_add(usize::try_from(entry.compressed).ok()?)?;
        let input = self.bytes.get(data..data_end)?;
        if entry.flags & 1 != 0 {
            return None;
        }
        let inflater = match entry.method {
            0 if entry.compressed == entry.size => None,
            8 => Some(InflateState::new_boxed(DataFormat::Raw)),
            _ => return None,
        };
        Some(Part {
            input,
            inflater,
            buffer: Vec::new(),
            start: 0,
            end: 0,
            given: 0,
            size: entry.size,
            crc: entry.crc,
            running_crc: Crc32::new(),
            finished: false,
            failure: None,
            run: 0,
        })
    }
}

/// Names equal as calamine compares them (case and slash direction ignored).
fn same_name(stored: &str, wanted: &str) -> bool {
    stored.len() == wanted.len()
        && stored.bytes().zip(wanted.bytes()).all(|(a, b)| {
            let a = if a == b'\\' { b'/' } else { a };
            a.eq_ignore_ascii_case(&b)
        })
}

/// Where the end of central directory record starts: the last signature from which a record
/// and its comment reach exactly the end of the file (or, for a file with bytes after it, the
/// last signature at all).
fn find_end(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(END_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    let mut fallback = None;
    for at in (first..=last).rev() {
        if bytes.get(at..at + 4) != Some(&END_SIGNATURE[..]) {
            continue;
        }
        let comment = usize::from(u16_at(bytes, at + 20)?);
        if at + END_LEN + comment == bytes.len() {
            return Some(at);
        }
        fallback.get_or_insert(at);
    }
    fallback
}

/// The central record at `at` in `directory`, and where the next one starts.
fn central_entry(directory: &[u8], at: usize) -> Option<(Entry, usize)> {
    if directory.get(at..at.checked_add(4)?)? != CENTRAL_SIGNATURE {
        return None;
    }
    let field16 = |n: usize| u16_at(directory, at.checked_add(n)?);
    let field32 = |n: usize| u32_at(directory, at.checked_add(n)?);
    let flags = field16(8)?;
    let method = field16(10)?;
    let crc = field32(16)?;
    let mut compressed = u64::from(field32(20)?);
    let mut size = u64::from(field32(24)?);
    let name_len = usize::from(field16(28)?);
    let extra_len = usize::from(field16(30)?);
    let comment_len = usize::from(field16(32)?);
    let mut offset = u64::from(field32(42)?);
    let name_at = at.checked_add(CENTRAL_LEN)?;
    let extra_at = name_at.checked_add(name_len)?;
    let next = extra_at.checked_add(extra_len)?.checked_add(comment_len)?;
    let name_bytes = directory.get(name_at..extra_at)?;
    let extra = directory.get(extra_at..extra_at + extra_len)?;
    // ZIP64: each field saturated in the record is given, in this order, in extra field 1.
    if size == u64::from(u32::MAX)
        || compressed == u64::from(u32::MAX)
        || offset == u64::from(u32::MAX)
    {
        let mut fields = zip64_fields(extra)?;
        for value in [&mut size, &mut compressed, &mut offset] {
            if *value == u64::from(u32::MAX) {
                *value = fields.next()?;
            }
        }
    }
    let entry = Entry {
        name: String::from_utf8_lossy(name_bytes).into_owned(),
        method,
        flags,
        crc,
        compressed,
        size,
        offset,
    };
    Some((entry, next))
}

/// The 64-bit values of a record's ZIP64 extra field (header id 1).
fn zip64_fields(extra: &[u8]) -> Option<impl Iterator<Item = u64> + '_> {
    let mut at = 0usize;
    while at.checked_add(4)? <= extra.len() {
        let id = u16_at(extra, at)?;
        let len = usize::from(u16_at(extra, at + 2)?);
        let body = extra.get(at + 4..at.checked_add(4)?.checked_add(len)?)?;
        if id == 1 {
            return Some((0..body.len() / 8).filter_map(move |i| u64_at(body, i * 8)));
        }
        at = at + 4 + len;
    }
    None
}

/// Why a part's bytes stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartFailure {
    /// Bad deflate data, more or fewer bytes than declared, or a CRC-32 that differs.
    Damaged,
    /// A stretch of more than [`super::RUN_LIMIT`] bytes without `<` or `>`.
    LongRun,
}

/// How much is inflated at a time: less than [`super::RUN_LIMIT`], which
/// [`Part::refill`]'s check of long runs relies on.
const CHUNK: usize = 64 << 10;
const _: () = assert!(CHUNK < super::RUN_LIMIT);

/// One part being unpacked, as a buffered reader for the XML reader. Gives at most the
/// declared size; on damage it records why ([`Part::failure`]) and reports an I/O error,
/// which the XML reader passes on.
pub(crate) struct Part<'b> {
    /// The packed bytes not yet inflated (or, for a stored part, not yet given).
    input: &'b [u8],
    /// `None` for a stored part.
    inflater: Option<Box<InflateState>>,
    buffer: Vec<u8>,
    /// The unread bytes of `buffer`.
    start: usize,
    end: usize,
    /// Bytes unpacked so far.
    given: u64,
    size: u64,
    crc: u32,
    running_crc: Crc32,
    finished: bool,
    failure: Option<PartFailure>,
    /// The length of the current stretch without `<` or `>`.
    run: usize,
}

impl Part<'_> {
    /// Why reading stopped early, if it did.
    pub(crate) fn failure(&self) -> Option<PartFailure> {
        self.failure
    }

    fn fail(&mut self, why: PartFailure) -> io::Error {
        self.failure = Some(why);
        self.start = 0;
        self.end = 0;
        io::Error::new(io::ErrorKind::InvalidData, "damaged workbook part")
    }

    /// Unpacks the next chunk into the buffer. Room for one byte more than declared is
    /// given, so a part longer than it says is caught at once. Out of line, so that
    /// [`BufRead::fill_buf`], called for every XML event, stays small.
    #[inline(never)]
    fn refill(&mut self) -> io::Result<()> {
        let left = self.size.saturating_sub(self.given);
        let room = usize::try_from(left.saturating_add(1))
            .unwrap_or(usize::MAX)
            .min(CHUNK);
        let written = match self.inflater.as_mut() {
            None => {
                let n = self.input.len().min(room);
                let (now, later) = self.input.split_at(n);
                self.buffer.clear();
                self.buffer.extend_from_slice(now);
                self.input = later;
                if later.is_empty() {
                    self.finished = true;
                }
                n
            }
            Some(state) => {
                self.buffer.resize(room, 0);
                loop {
                    let result = inflate(state, self.input, &mut self.buffer, MZFlush::None);
                    let consumed = result.bytes_consumed;
                    self.input = self.input.get(consumed..).unwrap_or_default();
                    match result.status {
                        Ok(MZStatus::StreamEnd) => {
                            self.finished = true;
                            break result.bytes_written;
                        }
                        Ok(_) | Err(MZError::Buf) if result.bytes_written > 0 => {
                            break result.bytes_written
                        }
                        // Block headers read, nothing written yet: go on.
                        Ok(_) if consumed > 0 => {}
                        // All the input is here, so needing more means the data ends
                        // mid-stream.
                        _ => return Err(self.fail(PartFailure::Damaged)),
                    }
                }
            }
        };
        let Some(chunk) = self.buffer.get(..written) else {
            return Err(self.fail(PartFailure::Damaged));
        };
        self.given = self.given.saturating_add(written as u64);
        if self.given > self.size {
            return Err(self.fail(PartFailure::Damaged));
        }
        self.running_crc.update(chunk);
        // A chunk is shorter than the limit, so a run too long spans chunks: only the run
        // carried in, up to the chunk's first `<` or `>`, and the one carried out, from its
        // last, need counting. XML has a tag every few bytes, so both searches stop at once.
        let delimiter = |b: &u8| *b == b'<' || *b == b'>';
        let first = chunk.iter().position(delimiter).unwrap_or(chunk.len());
        if self.run.saturating_add(first) > super::RUN_LIMIT {
            return Err(self.fail(PartFailure::LongRun));
        }
        self.run = match chunk.iter().rposition(delimiter) {
            Some(last) => chunk.len() - 1 - last,
            None => self.run + chunk.len(),
        };
        if self.finished && (self.given != self.size || self.running_crc.value() != self.crc) {
            return Err(self.fail(PartFailure::Damaged));
        }
        self.start = 0;
        self.end = written;
        Ok(())
    }

    /// The whole part in memory (a part that must be decoded before it is read).
    pub(crate) fn read_all(&mut self) -> io::Result<Vec<u8>> {
        let mut all = Vec::new();
        loop {
            let chunk = self.fill_buf()?;
            if chunk.is_empty() {
                return Ok(all);
            }
            all.extend_from_slice(chunk);
            let n = chunk.len();
            self.consume(n);
        }
    }
}

impl Read for Part<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        if let (Some(to), Some(from)) = (out.get_mut(..n), available.get(..n)) {
            to.copy_from_slice(from);
        }
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Part<'_> {
    #[inline]
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some(why) = self.failure {
            return Err(self.fail(why));
        }
        // Each refill gives bytes or finishes the part (a stored part's last step may give
        // none).
        while self.start >= self.end && !self.finished {
            self.refill()?;
        }
        Ok(self.buffer.get(self.start..self.end).unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        self.start = self.start.saturating_add(n).min(self.end);
    }
}

/// CRC-32 (ISO-HDLC, as zip uses), eight bytes at a time: the tables cost 8 KB and keep
/// checking a part well under the time inflating it takes.
struct Crc32(u32);

const fn crc_tables() -> [[u32; 256]; 8] {
    let mut tables = [[0u32; 256]; 8];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        tables[0][i] = c;
        i += 1;
    }
    let mut t = 1;
    while t < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = tables[t - 1][i];
            tables[t][i] = (prev >> 8) ^ tables[0][(prev & 0xFF) as usize];
            i += 1;
        }
        t += 1;
    }
    tables
}

static CRC_TABLES: [[u32; 256]; 8] = crc_tables();

impl Crc32 {
    fn new() -> Crc32 {
        Crc32(!0)
    }

    fn update(&mut self, bytes: &[u8]) {
        let t = &CRC_TABLES;
        let mut c = self.0;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let lo = c ^ u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            c = t[7][(lo & 0xFF) as usize]
                ^ t[6][((lo >> 8) & 0xFF) as usize]
                ^ t[5][((lo >> 16) & 0xFF) as usize]
                ^ t[4][(lo >> 24) as usize]
                ^ t[3][usize::from(w[4])]
                ^ t[2][usize::from(w[5])]
                ^ t[1][usize::from(w[6])]
                ^ t[0][usize::from(w[7])];
        }
        for &b in words.remainder() {
            c = t[0][((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
        }
        self.0 = c;
    }

    fn value(&self) -> u32 {
        !self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crc(bytes: &[u8]) -> u32 {
        let mut c = Crc32::new();
        c.update(bytes);
        c.value()
    }

    #[test]
    fn crc32_is_the_one_zip_uses() {
        // The standard check value, and a long input that crosses the eight-byte steps.
        assert_eq!(crc(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc(b""), 0);
        let long: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        let mut bitwise = !0u32;
        for &b in &long {
            bitwise ^= u32::from(b);
            for _ in 0..8 {
                bitwise = if bitwise & 1 != 0 {
                    0xEDB8_8320 ^ (bitwise >> 1)
                } else {
                    bitwise >> 1
                };
            }
        }
        assert_eq!(crc(&long), !bitwise);
    }

    #[test]
    fn names_compare_without_case_or_slash_direction() {
        assert!(same_name("xl\\SharedStrings.xml", "xl/sharedStrings.xml"));
        assert!(!same_name("xl/sharedStrings.xml", "xl/sharedStrings.xm"));
    }

    /// A one-part archive written by the zip crate, stored or deflated.
    fn archive_of(data: &[u8], deflate: bool) -> Vec<u8> {
        use std::io::Write;
        let method = if deflate {
            ::zip::CompressionMethod::Deflated
        } else {
            ::zip::CompressionMethod::Stored
        };
        let options = ::zip::write::SimpleFileOptions::default().compression_method(method);
        let mut writer = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        writer.start_file("xl/part.xml", options).unwrap();
        writer.write_all(data).unwrap();
        writer.finish().unwrap().into_inner()
    }

    fn unpack(bytes: &[u8]) -> (Result<Vec<u8>, ()>, Option<PartFailure>) {
        let archive = Archive::new(bytes).unwrap();
        let entry = archive.find("XL/Part.xml").unwrap().clone();
        let mut part = archive.open(&entry).unwrap();
        let all = part.read_all().map_err(|_| ());
        (all, part.failure())
    }

    #[test]
    fn stored_and_deflated_parts_unpack_to_their_bytes() {
        let data: Vec<u8> = (0..300_000u32)
            .map(|i| b"<c>12</c>"[i as usize % 9])
            .collect();
        for deflate in [false, true] {
            assert_eq!(
                unpack(&archive_of(&data, deflate)),
                (Ok(data.clone()), None)
            );
        }
    }

    #[test]
    fn a_part_whose_bytes_differ_from_its_crc_is_damaged() {
        let mut bytes = archive_of(b"<sheetData>12345</sheetData>", false);
        let at = bytes.windows(5).position(|w| w == b"12345").unwrap();
        bytes[at] = b'9';
        assert_eq!(unpack(&bytes), (Err(()), Some(PartFailure::Damaged)));
    }

    #[test]
    fn a_run_of_more_than_the_limit_between_tags_is_caught_as_it_unpacks() {
        let mut data = b"<t>".to_vec();
        data.resize(super::super::RUN_LIMIT + 10, b' ');
        data.extend_from_slice(b"</t>");
        let (all, why) = unpack(&archive_of(&data, true));
        assert!(all.is_err());
        assert_eq!(why, Some(PartFailure::LongRun));
        // A run of exactly the limit is fine: the check counts across chunks exactly.
        data.truncate(3 + super::super::RUN_LIMIT);
        data.extend_from_slice(b"</t>");
        assert_eq!(unpack(&archive_of(&data, true)).1, None);
    }

    #[test]
    fn a_directory_that_needs_zip64_is_too_large() {
        let mut end = b"PK\x05\x06".to_vec();
        end.extend_from_slice(&[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        end.extend_from_slice(&[0; 10]);
        assert_eq!(Archive::new(&end).err(), Some(NotAnArchive::TooLarge));
    }

    #[test]
    fn bytes_that_are_no_archive_are_refused_without_panicking() {
        for bytes in [&b""[..], b"PK\x03\x04", b"PK\x05\x06", &[0x50; 40]] {
            assert!(Archive::new(bytes).is_err());
        }
    }
}

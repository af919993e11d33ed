//! A big file read a piece at a time where it lies, so that its whole bytes are never held.
//!
//! The page's worker (and the CLI on one core) gives the import an [`Input::Pieces`]: the
//! file's first [`PIECE_BYTES`] and a [`Source`] to read the rest from. A CSV text is then
//! read through a [`Window`]: the CSV reader holds the bytes from the record it is on to the
//! end of the last piece read, and asks for the next piece as it needs it. Anything else (a
//! workbook, the XML return, UTF-16 text) is read whole, as before.
//!
//! The encoding is what [`super::text::decode`] makes of the whole file: UTF-8 when every byte
//! is, otherwise Windows-1252. Read a piece at a time, that is known only at the end, except
//! that ASCII reads the same either way. So the pieces are checked as they come: while every
//! byte so far is ASCII nothing is decided; at the first byte that is not, the rest of the
//! file is read ahead once and checked. If it is all UTF-8 the pieces go on; if not, the file
//! is Windows-1252, and since everything before that byte was ASCII, the text already read
//! is the same, and the whole file is read and decoded at once from there on.
//!
//! Each piece read, the window asks the source for the next one ahead
//! ([`Source::read_ahead`]), and the CSV reader, near the end of the bytes held, waits until
//! it is there ([`Source::ready`]): in the page's worker the page reads it meanwhile, so the
//! reading and the splitting overlap. A piece not read ahead is read when it is needed, as
//! before; natively nothing is read ahead and nothing waits ([`now`]).

use std::borrow::Cow;

/// How many bytes of a big file are read at a time ([`Input::Pieces`]); a file no bigger is
/// read whole.
pub const PIECE_BYTES: usize = 4 << 20;

/// How much of a file is read before deciding what it is: its first 8 KiB tell binary data and
/// UTF-16 from text, and its first 64 KiB (after a `sep=` line) the CSV delimiter.
const HEAD_BYTES: usize = (64 << 10) + 16;

/// Where a file's bytes can be read from a piece at a time: a `File` the user gave the page,
/// a file on disk.
pub trait Source {
    /// The file's size in bytes.
    fn size(&self) -> u64;
    /// Appends to `out` the `len` bytes from `at`; `false` when they could not all be read
    /// (the file was changed, moved or deleted since it was given, or is locked).
    fn read_at(&self, at: u64, len: usize, out: &mut Vec<u8>) -> bool;
    /// The `len` bytes from `at` will be asked for next ([`Source::read_at`]): a source that
    /// can read them in the background starts now (the page's worker: the browser reads the
    /// next piece while the import splits this one). By default, nothing.
    fn read_ahead(&self, _at: u64, _len: usize) {}
    /// Done when the bytes last asked for by [`Source::read_ahead`] have been read, so that
    /// [`Source::read_at`] gives them without waiting; at once by default. (Read ahead or not,
    /// `read_at` gives the same bytes.)
    fn ready(&self) -> Ready<'_> {
        Box::pin(std::future::ready(()))
    }
}

/// What [`Source::ready`] gives.
pub type Ready<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>;

/// The output of `future`, which never waits on anything outside this thread: the import for
/// callers with files in memory or on disk, whose [`Source`]s are always ready. (A future that
/// is not ready is polled again until it is.)
pub fn now<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut context) {
            return out;
        }
        std::thread::yield_now();
    }
}

/// `source`'s size as a position (the largest one when it does not fit: [`csv_window`] refuses
/// a file past half of them).
fn size_of(source: &dyn Source) -> usize {
    usize::try_from(source.size()).unwrap_or(usize::MAX)
}

/// A file as the import is given it.
pub enum Input<'a> {
    /// Its bytes, whole.
    Bytes(Cow<'a, [u8]>),
    /// A file bigger than a piece: its first bytes, and where to read the rest from.
    Pieces {
        head: Vec<u8>,
        source: Box<dyn Source + 'a>,
    },
}

/// Opens `source`: its first [`PIECE_BYTES`] read (all of it, for a file no bigger); `None`
/// when they cannot be read.
pub fn open<'a>(source: Box<dyn Source + 'a>) -> Option<Input<'a>> {
    let size = size_of(&*source);
    let mut head = Vec::new();
    if !source.read_at(0, size.min(PIECE_BYTES), &mut head) {
        return None;
    }
    Some(if head.len() >= size {
        Input::Bytes(Cow::Owned(head))
    } else {
        Input::Pieces { head, source }
    })
}

impl<'a> Input<'a> {
    /// The whole file's bytes (for a file in pieces, the rest read now); `None` when the rest
    /// cannot be read.
    pub fn whole(self) -> Option<Cow<'a, [u8]>> {
        match self {
            Input::Bytes(bytes) => Some(bytes),
            Input::Pieces { mut head, source } => {
                let size = size_of(&*source);
                let rest = size.saturating_sub(head.len());
                head.reserve_exact(rest);
                source
                    .read_at(head.len() as u64, rest, &mut head)
                    .then_some(Cow::Owned(head))
            }
        }
    }
}

impl Source for std::fs::File {
    fn size(&self) -> u64 {
        self.metadata().map_or(0, |m| m.len())
    }

    fn read_at(&self, at: u64, len: usize, out: &mut Vec<u8>) -> bool {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = self;
        let before = out.len();
        out.reserve(len);
        let read = file.seek(SeekFrom::Start(at)).is_ok()
            && file.take(len as u64).read_to_end(out).is_ok()
            && out.len() - before == len;
        if !read {
            out.truncate(before);
        }
        read
    }
}

/// A CSV file's text, held whole or a piece at a time, with positions counted in the text
/// (after any byte order mark) from its start, whichever bytes are held.
pub(crate) struct Window<'a> {
    /// The text from `base` up to the end of the last piece read (all of it when whole).
    held: Cow<'a, [u8]>,
    base: usize,
    /// The text's length.
    len: usize,
    /// Where the rest of the text is read from, while it is read in pieces.
    pieces: Option<Pieces<'a>>,
    /// Whether the file could not be read to its end (the text then ends where it stopped).
    cut_short: bool,
}

struct Pieces<'a> {
    source: Box<dyn Source + 'a>,
    /// Where the text starts in the file (after a byte order mark).
    origin: u64,
    /// How many bytes a piece is.
    piece: usize,
    /// The text before this is known to be ASCII; `usize::MAX` once the whole file is known
    /// to be UTF-8.
    checked: usize,
}

impl<'a> Window<'a> {
    /// A text held whole.
    pub(crate) fn whole(text: &'a str) -> Self {
        Window {
            held: Cow::Borrowed(text.as_bytes()),
            base: 0,
            len: text.len(),
            pieces: None,
            cut_short: false,
        }
    }

    /// The text's length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Where the bytes held end.
    pub(crate) fn end(&self) -> usize {
        self.base + self.held.len()
    }

    /// Whether the bytes held reach the end of the text.
    pub(crate) fn at_end(&self) -> bool {
        self.end() >= self.len
    }

    /// Whether the text is read in pieces and some of it is still to be read.
    pub(crate) fn in_pieces(&self) -> bool {
        self.pieces.is_some() && !self.at_end()
    }

    /// Whether the file could not be read to its end.
    pub(crate) fn cut_short(&self) -> bool {
        self.cut_short
    }

    /// The text from `from` to `to`, of which the bytes held (none if not held: the reader
    /// asks only for bytes it holds).
    pub(crate) fn slice(&self, from: usize, to: usize) -> &[u8] {
        debug_assert!(self.base <= from && from <= to && to <= self.end());
        let (from, to) = (from.wrapping_sub(self.base), to.wrapping_sub(self.base));
        self.held.get(from..to).unwrap_or_default()
    }

    /// The text from `from` to the end of the bytes held.
    pub(crate) fn held_from(&self, from: usize) -> &[u8] {
        self.slice(from, self.end())
    }

    /// The text's byte `at`, when held.
    pub(crate) fn byte(&self, at: usize) -> Option<u8> {
        let at = at.checked_sub(self.base)?;
        self.held.get(at).copied()
    }

    /// About how many lines the text has from `from` on, to make room for its rows at once:
    /// exactly, when the text from `from` is all held; otherwise the lines held, scaled up to
    /// the length of the text with a fifth to spare (room made and never used is never
    /// touched, so it costs no memory, while room found short is grown by doubling).
    pub(crate) fn lines(&self, from: usize) -> usize {
        let held = self.held_from(from);
        let breaks = held.iter().filter(|&&b| b == b'\n').count();
        if self.at_end() || held.is_empty() {
            return breaks + 1;
        }
        let scaled = breaks as u128 * (self.len - from) as u128 / held.len() as u128;
        let scaled = usize::try_from(scaled).unwrap_or(usize::MAX);
        scaled.saturating_add(scaled / 5).saturating_add(64)
    }

    /// Holds the text from `at` on (reading it again, if it was let go).
    pub(crate) fn seek(&mut self, at: usize) {
        if at >= self.base || self.pieces.is_none() {
            return;
        }
        if let Cow::Owned(held) = &mut self.held {
            held.clear();
        }
        self.base = at;
        self.read_piece();
    }

    /// Reads the next piece of the text, letting go of the bytes before `keep`; `false` at the
    /// end of the text, or when the file could not be read further.
    pub(crate) fn more(&mut self, keep: usize) -> bool {
        if self.at_end() || self.pieces.is_none() {
            return false;
        }
        let end = self.end();
        let drop = keep.clamp(self.base, end) - self.base;
        if drop > 0 {
            self.held.to_mut().drain(..drop);
            self.base += drop;
        }
        self.read_piece()
    }

    /// Appends the next piece to the bytes held and checks its encoding; asks the source to
    /// read the piece after it ahead.
    fn read_piece(&mut self) -> bool {
        let Some(p) = self.pieces.as_ref() else {
            return false;
        };
        let end = self.end();
        let want = p.piece.min(self.len - end);
        let held = self.held.to_mut();
        let before = held.len();
        if !p.source.read_at(p.origin + end as u64, want, held) {
            held.truncate(before);
            self.len = end;
            self.cut_short = true;
            return false;
        }
        self.check();
        self.ask_ahead();
        true
    }

    /// Asks the source to read the piece after the bytes held ahead ([`Source::read_ahead`]).
    fn ask_ahead(&self) {
        let next = self.end();
        if let Some(p) = self.pieces.as_ref().filter(|_| next < self.len) {
            (p.source).read_ahead(p.origin + next as u64, p.piece.min(self.len - next));
        }
    }

    /// Done when the next piece can be read without waiting ([`Source::ready`]): the import
    /// waits here, near the end of the bytes held, so that the page's worker reads the next
    /// piece while splitting this one rather than after it.
    pub(crate) async fn ready(&self) {
        if let Some(p) = &self.pieces {
            p.source.ready().await;
        }
    }

    /// Checks the bytes held past those already checked: see the module's notes.
    fn check(&mut self) {
        let Some(checked) = self.pieces.as_ref().map(|p| p.checked) else {
            return;
        };
        let end = self.end();
        if checked == usize::MAX || end <= checked {
            return;
        }
        let from = checked.max(self.base);
        let new = self.slice(from, end);
        // `is_ascii` reads a word at a time: the common case, every byte ASCII, costs little.
        let first = (!new.is_ascii())
            .then(|| new.iter().position(|b| !b.is_ascii()))
            .flatten();
        let Some(first) = first else {
            if let Some(p) = self.pieces.as_mut() {
                p.checked = end;
            }
            return;
        };
        let first = from + first;
        match self.rest_is_utf8(first) {
            Some(true) => {
                if let Some(p) = self.pieces.as_mut() {
                    p.checked = usize::MAX;
                }
            }
            Some(false) => self.read_whole_as_1252(),
            None => {
                // The file could not be read ahead: the text ends before the byte not checked.
                self.held.to_mut().truncate(first - self.base);
                self.len = first;
                self.cut_short = true;
            }
        }
    }

    /// Whether the text from `from` to its end is UTF-8, read ahead a piece at a time; `None`
    /// when it could not be read.
    fn rest_is_utf8(&self, from: usize) -> Option<bool> {
        let p = self.pieces.as_ref()?;
        let mut buf = Vec::with_capacity(p.piece + 4);
        let mut at = from;
        while at < self.len {
            let want = p.piece.min(self.len - at);
            if !p.source.read_at(p.origin + at as u64, want, &mut buf) {
                return None;
            }
            at += want;
            match std::str::from_utf8(&buf) {
                Ok(_) => buf.clear(),
                // A character cut by the piece's end: kept for the next piece.
                Err(e) if e.error_len().is_none() && at < self.len => {
                    buf.drain(..e.valid_up_to());
                }
                Err(_) => return Some(false),
            }
        }
        Some(true)
    }

    /// The file is Windows-1252: its whole text, decoded, is held from now on. (The bytes
    /// before the first that is not ASCII read the same, so every position stays.)
    fn read_whole_as_1252(&mut self) {
        let Some(p) = self.pieces.take() else {
            return;
        };
        let mut raw = Vec::new();
        if !p.source.read_at(p.origin, self.len, &mut raw) {
            self.pieces = Some(p);
            let checked = self.pieces.as_ref().map_or(0, |p| p.checked);
            self.held
                .to_mut()
                .truncate(checked.saturating_sub(self.base));
            self.len = self.end();
            self.cut_short = true;
            return;
        }
        let text = super::text::windows_1252(&raw);
        drop(raw);
        self.len = text.len();
        self.held = Cow::Owned(text.into_bytes());
        self.base = 0;
    }
}

/// Why a file is not read in pieces ([`csv_window`]).
pub(crate) enum NotInPieces {
    /// It is not CSV text that can be read so (a workbook, XML, UTF-16, binary data, nothing
    /// but blank space at first): its whole bytes, to be read as before.
    Whole(Vec<u8>),
    /// It could not be read.
    Unreadable,
    /// It is bigger than half the address space (2 GB in wasm32): this many bytes.
    TooBig(u64),
}

/// A CSV file's text to be read in pieces, from a file's first bytes `head` and its `source`,
/// reading `piece` bytes at a time; or why not.
pub(crate) fn csv_window<'a>(
    mut head: Vec<u8>,
    source: Box<dyn Source + 'a>,
    piece: usize,
) -> Result<Window<'a>, NotInPieces> {
    let size = size_of(&*source);
    // A file bigger than half the address space (2 GB in wasm32) cannot be read here: its
    // positions would not fit.
    if size > usize::MAX / 2 {
        return Err(NotInPieces::TooBig(source.size()));
    }
    // Enough of the file to decide what it is.
    while head.len() < HEAD_BYTES.min(size) {
        let want = piece.min(size - head.len());
        if !source.read_at(head.len() as u64, want, &mut head) {
            return Err(NotInPieces::Unreadable);
        }
    }
    let Some(origin) = csv_text_from(&head) else {
        let whole = Input::Pieces { head, source }.whole();
        return Err(whole.map_or(NotInPieces::Unreadable, |b| {
            NotInPieces::Whole(b.into_owned())
        }));
    };
    head.drain(..origin);
    let mut window = Window {
        base: 0,
        len: size - origin,
        held: Cow::Owned(head),
        pieces: Some(Pieces {
            source,
            origin: origin as u64,
            piece: piece.max(1),
            checked: 0,
        }),
        cut_short: false,
    };
    window.check();
    window.ask_ahead();
    Ok(window)
}

/// Where a file's CSV text starts (after a UTF-8 byte order mark), when the file's first
/// bytes `head` say it is one that [`super::read_with`] would read as CSV text, decoded as
/// UTF-8 or Windows-1252: not a workbook, a PDF, UTF-16 or binary data, and its first
/// character other than blank space is ASCII and not `<` (XML). Files this cannot tell from
/// their first bytes are read whole.
fn csv_text_from(head: &[u8]) -> Option<usize> {
    let opening = [
        &b"PK\x03\x04"[..],
        b"\xD0\xCF\x11\xE0",
        b"%PDF",
        b"\xFF\xFE",
        b"\xFE\xFF",
    ];
    if opening.iter().any(|o| head.starts_with(o)) {
        return None;
    }
    let origin = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    if origin == 0
        && (super::text::utf16_without_bom(head).is_some() || super::text::looks_binary(head))
    {
        return None;
    }
    let first = head[origin..]
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))?;
    (first.is_ascii() && *first != b'<').then_some(origin)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::cell::Cell;

    /// How much of a file is read before deciding what it is.
    pub(crate) const HEAD: usize = HEAD_BYTES;

    /// Bytes in memory read as a [`Source`], counting the reads; `fail_from` makes every read
    /// reaching past it fail (a file changed while read).
    pub(crate) struct Memory {
        pub(crate) bytes: Vec<u8>,
        pub(crate) reads: Cell<usize>,
        pub(crate) fail_from: usize,
    }

    impl Memory {
        pub(crate) fn new(bytes: &[u8]) -> Self {
            Memory {
                bytes: bytes.to_vec(),
                reads: Cell::new(0),
                fail_from: usize::MAX,
            }
        }
    }

    impl Source for Memory {
        fn size(&self) -> u64 {
            self.bytes.len() as u64
        }
        fn read_at(&self, at: u64, len: usize, out: &mut Vec<u8>) -> bool {
            self.reads.set(self.reads.get() + 1);
            let at = at as usize;
            match self.bytes.get(at..at + len) {
                Some(b) if at + len <= self.fail_from => {
                    out.extend_from_slice(b);
                    true
                }
                _ => false,
            }
        }
    }

    /// A [`Memory`] that reads ahead as the page's worker does: it keeps every range asked for
    /// ahead and every range read, and the first time it is waited for after an ask, it is not
    /// ready (the import must wait, as for the page's answer) until polled again.
    #[derive(Default)]
    pub(crate) struct Ahead {
        pub(crate) bytes: Vec<u8>,
        pub(crate) asked: std::cell::RefCell<Vec<(u64, usize)>>,
        pub(crate) read: std::cell::RefCell<Vec<(u64, usize)>>,
        /// How many times a wait found the piece not yet there.
        pub(crate) waits: Cell<usize>,
        pub(crate) unwaited: Cell<bool>,
    }

    impl Source for &Ahead {
        fn size(&self) -> u64 {
            self.bytes.len() as u64
        }
        fn read_at(&self, at: u64, len: usize, out: &mut Vec<u8>) -> bool {
            self.read.borrow_mut().push((at, len));
            let from = at as usize;
            out.extend_from_slice(&self.bytes[from..from + len]);
            true
        }
        fn read_ahead(&self, at: u64, len: usize) {
            self.asked.borrow_mut().push((at, len));
            self.unwaited.set(true);
        }
        fn ready(&self) -> Ready<'_> {
            let wait = self.unwaited.replace(false);
            let mut polled = false;
            Box::pin(std::future::poll_fn(move |_| {
                if wait && !polled {
                    polled = true;
                    self.waits.set(self.waits.get() + 1);
                    return std::task::Poll::Pending;
                }
                std::task::Poll::Ready(())
            }))
        }
    }

    /// `bytes` opened with a first piece of `head` bytes, then read `piece` bytes at a time.
    pub(crate) fn input(bytes: &[u8], head: usize) -> Input<'static> {
        let source = Memory::new(bytes);
        if bytes.len() <= head {
            return Input::Bytes(Cow::Owned(bytes.to_vec()));
        }
        Input::Pieces {
            head: bytes[..head].to_vec(),
            source: Box::new(source),
        }
    }

    pub(crate) fn window(bytes: &[u8], piece: usize) -> Window<'static> {
        let source = Memory::new(bytes);
        match csv_window(Vec::new(), Box::new(source), piece) {
            Ok(w) => w,
            Err(_) => panic!("not read in pieces"),
        }
    }

    /// Every byte of the text, read by moving on from the start a byte at a time, letting go
    /// of all before it.
    fn walk(w: &mut Window) -> Vec<u8> {
        let mut text = Vec::new();
        let mut at = 0;
        while at < w.len() {
            while at >= w.end() {
                assert!(w.more(at), "more at {at}");
            }
            text.push(w.byte(at).unwrap());
            at += 1;
        }
        text
    }

    #[test]
    fn a_file_is_read_in_pieces_only_when_its_first_bytes_say_it_is_csv_text() {
        assert_eq!(csv_text_from(b"CHILD,SEX\n"), Some(0));
        assert_eq!(csv_text_from(b"\xEF\xBB\xBF\r\n  CHILD"), Some(3));
        // Workbooks, PDFs, XML, UTF-16, binary data and blank space are read whole.
        for head in [
            &b"PK\x03\x04..."[..],
            b"\xD0\xCF\x11\xE0",
            b"%PDF-1.4",
            b"\xFF\xFEC\0H\0",
            b"\n <?xml version",
            b"C\0H\0I\0L\0D\0,\0S\0E\0X\0",
            b"\x01\x02\x03\x04\x05\x06\x07\x08",
            b"   \r\n",
            // The first character is not ASCII: whether it is blank depends on the encoding.
            b"\xC2\xA0CHILD",
        ] {
            assert_eq!(csv_text_from(head), None, "{head:?}");
        }
    }

    #[test]
    fn ascii_and_utf8_text_are_read_a_piece_at_a_time_and_give_the_same_bytes() {
        // Past the first HEAD_BYTES, read first whatever the pieces' size.
        let ascii: Vec<u8> = (0..HEAD_BYTES + 300)
            .map(|i| b'a' + (i % 26) as u8)
            .collect();
        // "é" (C3 A9) 150 bytes past the head, cut by pieces of every size.
        let mut utf8 = ascii.clone();
        utf8.splice(HEAD_BYTES + 150..HEAD_BYTES + 151, "é".bytes());
        for text in [&ascii, &utf8] {
            for piece in [1, 2, 3, 7, 64, 1000] {
                let mut w = window(text, piece);
                assert_eq!(&walk(&mut w), text, "{piece}-byte pieces");
                assert!(!w.cut_short());
            }
        }
        // A byte order mark is not text.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&utf8);
        let mut w = window(&bom, 5);
        assert_eq!(w.len(), HEAD_BYTES + 301);
        assert_eq!(walk(&mut w), utf8);
    }

    #[test]
    fn text_not_utf8_past_ascii_is_windows_1252_from_its_start() {
        // The HEAD_BYTES read first are ASCII; 0xA3 (£ in Windows-1252) comes later, after a
        // valid UTF-8 "é" would have been read differently: so "é"'s bytes come later still.
        let mut bytes = vec![b'x'; HEAD_BYTES + 10];
        bytes.extend_from_slice(b"\xA3 and \xC3\xA9");
        let mut w = window(&bytes, 4096);
        let text = walk(&mut w);
        let expected = format!("{}£ and Ã©", "x".repeat(HEAD_BYTES + 10));
        assert_eq!(String::from_utf8(text).unwrap(), expected);
        // A valid "é" first, then an invalid byte: all of it is Windows-1252, "é" too.
        let mut bytes = vec![b'x'; HEAD_BYTES + 10];
        bytes.extend_from_slice(b"\xC3\xA9 then \xA3");
        let mut w = window(&bytes, 4096);
        let text = String::from_utf8(walk(&mut w)).unwrap();
        assert!(text.ends_with("xÃ© then £"), "{text}");
        assert_eq!(w.len(), HEAD_BYTES + 10 + 2 * 2 + 6 + 2);
    }

    #[test]
    fn a_file_that_cannot_be_read_further_ends_where_it_stopped() {
        let bytes = vec![b'y'; HEAD_BYTES + 100];
        let mut source = Memory::new(&bytes);
        source.fail_from = HEAD_BYTES + 50;
        let mut w = match csv_window(Vec::new(), Box::new(source), HEAD_BYTES + 20) {
            Ok(w) => w,
            Err(_) => panic!("not read in pieces"),
        };
        // The first piece is held; the second cannot be read.
        assert_eq!(w.end(), HEAD_BYTES + 20);
        assert!(!w.more(0));
        assert!(w.cut_short());
        assert_eq!(w.len(), HEAD_BYTES + 20);
        assert!(w.at_end());
    }

    #[test]
    fn a_file_bigger_than_half_the_address_space_is_not_read_in_pieces() {
        struct Huge;
        impl Source for Huge {
            fn size(&self) -> u64 {
                u64::MAX
            }
            fn read_at(&self, _: u64, _: usize, _: &mut Vec<u8>) -> bool {
                false
            }
        }
        let read = csv_window(b"CHILD\n".to_vec(), Box::new(Huge), 10);
        assert!(matches!(read, Err(NotInPieces::TooBig(u64::MAX))));
    }

    #[test]
    fn bytes_let_go_are_read_again_when_sought() {
        let bytes: Vec<u8> = (0..200u8).map(|i| b'0' + i % 10).collect();
        let w = window(&bytes, HEAD_BYTES);
        // The whole file is in the head: nothing is let go.
        assert_eq!(w.end(), 200);
        let big: Vec<u8> = (0..HEAD_BYTES * 3).map(|i| b'0' + (i % 10) as u8).collect();
        let mut w = window(&big, 1000);
        while w.more(w.end()) {}
        assert!(w.at_end());
        assert_eq!(w.byte(5), None);
        w.seek(5);
        assert_eq!(w.byte(5), Some(b'5'));
        assert_eq!(w.byte(1004), Some(b'4'));
        assert_eq!(w.end(), 1005);
    }

    #[test]
    fn lines_are_counted_when_held_whole_and_estimated_from_the_first_piece_otherwise() {
        let text = "a\nb\nc";
        assert_eq!(Window::whole(text).lines(0), 3);
        assert_eq!(Window::whole(text).lines(2), 2);
        // 10-byte lines over 2 * HEAD_BYTES; the first HEAD_BYTES (65,552) hold 6,555 line
        // breaks, scaled to the whole: 6,555 * 131,104 / 65,552 = 13,110, and a fifth more
        // (2,622) and 64 spare: 15,796.
        let line = b"123456789\n";
        let bytes: Vec<u8> = line.iter().copied().cycle().take(2 * HEAD_BYTES).collect();
        let w = window(&bytes, HEAD_BYTES);
        assert_eq!(w.end(), HEAD_BYTES);
        assert_eq!(w.lines(0), 15_796);
    }
}

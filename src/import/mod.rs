//! Bytes in, recognised tables out: the one door through which data enters Careboard.
//!
//! [`read_file`] recognises a file by its content, never its name: an Excel workbook (a zip
//! starting `PK`), the DfE XML return (text starting `<`), or otherwise CSV text in any
//! common encoding and delimiter. Each table inside is recognised by its header row
//! ([`SYNONYMS`] lists the headings understood besides the canonical names), or by the user's
//! column mapping ([`read_file_mapped`], with a [`crate::mapping::Profile`]), which also
//! gives the codes the user chose for a coded column's values. What cannot be read becomes a
//! [`FileProblem`] in a manager's words, naming the file; nothing is dropped silently and no
//! input makes it panic. [`load`] and [`load_mapped`] read several files and hand each file's
//! tables, as soon as it is read, to [`crate::model::Building`], which applies the row checks
//! (a CSV's rows a slice at a time, as they are split, so that a big file's rows are never all
//! held as text). This module knows nothing of the browser or of the measures; it depends only
//! on [`crate::model`]'s vocabulary and [`crate::mapping`].

mod csv;
mod detect;
mod pieces;
mod text;
mod xlsx;
mod xml;

pub use detect::SYNONYMS;
pub use pieces::{now, open, Input, Ready, Source, PIECE_BYTES};

use std::borrow::Cow;

use crate::mapping::{Preview, Profile};
use crate::model::{Building, Dataset, FileProblem, RawRow, RawTable};
use detect::Recogniser;

/// What one file gave: zero or more recognised tables and zero or more file-level problems.
#[derive(Clone, Debug, Default)]
pub struct FileRead {
    /// Tables recognised in the file, in file order (sheet order for a workbook; for the DfE
    /// XML, header, episodes, reviews and UASC always, then any other table that has rows).
    pub tables: Vec<RawTable>,
    /// Whole-file (or whole-sheet) problems: unreadable, not a 903 table, cut short...
    pub problems: Vec<FileProblem>,
    /// When asked for: each sheet (or CSV) that was not recognised, or is a local table, as
    /// the page's mapping step shows it.
    pub previews: Vec<Preview>,
}

impl FileRead {
    fn problem(name: &str, message: String) -> FileRead {
        FileRead {
            tables: Vec::new(),
            problems: vec![FileProblem {
                file: name.to_string(),
                message,
            }],
            previews: Vec::new(),
        }
    }
}

/// Reads one file of any supported format, recognised by content (not by extension).
///
/// `name` is the file name shown in messages and row positions. Supported: XLSX workbooks
/// (every sheet whose header row is a 903 table), the DfE XML return (`EXPSSDA903`), and CSV
/// text (UTF-8 with or without BOM, UTF-16 or Windows-1252; comma, semicolon or tab). An
/// empty file, an old `.xls`, a PDF, other binary data, a damaged workbook or malformed XML
/// gives exactly one [`FileProblem`] and no table.
pub fn read_file(name: &str, bytes: &[u8]) -> FileRead {
    read_whole(name, bytes, &Recogniser::default(), false, None)
}

/// [`read_file`], with the user's column mappings tried first (a mapping applies to a header
/// row holding all of its headings) and, with `previews`, the [`Preview`] of every sheet that
/// is not recognised or is a local table.
pub fn read_file_mapped(name: &str, bytes: &[u8], profile: &Profile, previews: bool) -> FileRead {
    read_whole(name, bytes, &Recogniser::new(profile), previews, None)
}

/// [`read_file_mapped`] of a file given whole or in pieces (a CSV text in pieces is read
/// `piece` bytes at a time, see [`pieces`]); with `slicing`, a CSV table is built into the
/// dataset a slice of rows at a time when it can be (and then not given in the [`FileRead`]).
async fn read_with(
    name: &str,
    input: Input<'_>,
    rec: &Recogniser,
    previews: bool,
    slicing: Option<&mut Slicing<'_>>,
    piece: usize,
) -> FileRead {
    let bytes = match input {
        Input::Bytes(bytes) => bytes,
        Input::Pieces { head, source } => match pieces::csv_window(head, source, piece) {
            Ok(mut window) => {
                let mut out = FileRead::default();
                csv::read(name, &mut window, rec, previews, &mut out, slicing).await;
                return out;
            }
            Err(pieces::NotInPieces::Whole(whole)) => Cow::Owned(whole),
            Err(pieces::NotInPieces::TooBig(size)) => {
                return FileRead::problem(
                    name,
                    format!(
                        "\"{name}\" was not read: at {} MB it is bigger than the {} MB \
                         Careboard can read from one file here. Export the data in smaller \
                         files (a year or a table at a time), or use the command line.",
                        size >> 20,
                        (usize::MAX / 2) as u64 >> 20
                    ),
                );
            }
            Err(pieces::NotInPieces::Unreadable) => {
                return FileRead::problem(
                    name,
                    format!(
                        "\"{name}\" could not be read: it was changed, moved or deleted after it \
                         was given, or another program has it locked. Close it elsewhere and \
                         add it again."
                    ),
                )
            }
        },
    };
    read_whole(name, &bytes, rec, previews, slicing)
}

/// [`read_with`] of a file's whole bytes (never waited for).
fn read_whole(
    name: &str,
    bytes: &[u8],
    rec: &Recogniser,
    previews: bool,
    slicing: Option<&mut Slicing<'_>>,
) -> FileRead {
    if bytes.starts_with(b"PK\x03\x04") {
        if is_open_document(bytes) {
            return FileRead::problem(
                name,
                format!(
                    "\"{name}\" is an OpenDocument spreadsheet (.ods), which Careboard does not \
                     read. Open it and save it as an Excel workbook (.xlsx) or CSV, then reload it."
                ),
            );
        }
        let mut out = FileRead::default();
        xlsx::read(name, bytes, rec, previews, &mut out);
        return out;
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return FileRead::problem(
            name,
            format!(
                "\"{name}\" is an old-style Excel file (.xls) or a password-protected workbook, \
                 which Careboard cannot read. Open it in Excel, remove any password, save it as \
                 .xlsx or CSV, and reload it."
            ),
        );
    }
    if bytes.starts_with(b"%PDF") {
        return FileRead::problem(
            name,
            format!(
                "\"{name}\" is a PDF document, not a data export. Export the table from your \
                 case-management system as CSV or Excel and load that instead."
            ),
        );
    }
    let decoded = match text::decode(bytes) {
        Ok((text, _)) => text,
        Err(text::NotText::Binary) => {
            return FileRead::problem(
                name,
                format!(
                    "\"{name}\" is not a file Careboard can read: it holds binary data, not a \
                     table. Load a CSV, an Excel workbook (.xlsx) or the DfE 903 XML file."
                ),
            );
        }
    };
    let body = decoded.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if body.is_empty() {
        return FileRead::problem(
            name,
            format!("\"{name}\" is empty: it has no data at all. Check you chose the right file."),
        );
    }
    let mut out = FileRead::default();
    if body.starts_with('<') {
        if looks_like_html(body) {
            return FileRead::problem(
                name,
                format!(
                    "\"{name}\" is a web page (HTML), which some systems save with an Excel \
                     name. Open it in Excel and save it as .xlsx or CSV, then reload it."
                ),
            );
        }
        let skipped = &decoded[..decoded.len() - body.len()];
        let lines_before = skipped.matches('\n').count() as u32;
        xml::read(name, body, lines_before, &mut out);
    } else {
        let mut window = pieces::Window::whole(&decoded);
        now(csv::read(
            name,
            &mut window,
            rec,
            previews,
            &mut out,
            slicing,
        ));
    }
    out
}

/// Reads every file, in the order given, and builds the checked dataset (calls
/// [`crate::model::build()`]). Tables are checked in file order, so for a child's repeated
/// header row "the first" is the one in the earlier file.
pub fn load(files: &[(&str, &[u8])]) -> Dataset {
    load_with(files, &Profile::default(), false).0
}

/// [`load`] with the user's column mappings ([`read_file_mapped`]); with `previews`, also
/// every sheet the page's mapping step would show, in file order.
pub fn load_mapped(
    files: &[(&str, &[u8])],
    profile: &Profile,
    previews: bool,
) -> (Dataset, Vec<Preview>) {
    load_with(files, profile, previews)
}

/// [`load_mapped`] with previews for files read only when their turn comes, calling
/// `starting` with each file's name just before that file is read: the page's worker, which
/// says which file it is on, so that if a file kills it (something the limits above missed),
/// the page can name that file and read the others again without it. `read(i)` gives the file named
/// `names[i]`, whole or (a big CSV) to be read a piece at a time ([`Input`]); its bytes are
/// dropped as soon as they are read into tables, so the export's bytes are never all in
/// memory beside the tables read from them. A file `read`
/// cannot give (`None`) is passed over: the caller says so. It waits (without blocking) for
/// each piece a source reads ahead ([`Source::ready`]); for sources that never wait, call it
/// through [`now`].
pub async fn load_mapped_lazily<'b>(
    names: &[&str],
    read: &mut dyn FnMut(usize) -> Option<Input<'b>>,
    profile: &Profile,
    starting: &mut dyn FnMut(&str),
) -> (Dataset, Vec<Preview>) {
    load_each(names, read, profile, true, starting).await
}

/// [`load`] and [`load_mapped`]: the files' bytes, each read whole, through the one reading
/// loop.
fn load_with(
    files: &[(&str, &[u8])],
    profile: &Profile,
    previews: bool,
) -> (Dataset, Vec<Preview>) {
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let mut read = |i: usize| {
        files
            .get(i)
            .map(|(_, bytes)| Input::Bytes(Cow::Borrowed(*bytes)))
    };
    now(load_each(&names, &mut read, profile, previews, &mut |_| {}))
}

/// The most rows of a CSV table held as text at once while the dataset is built as the files
/// are read ([`Slicing`]): a few megabytes, against the hundreds an England-sized file's whole
/// table takes, and enough rows that the work of each slice dwarfs its cost.
const SLICE_ROWS: usize = 32 * 1024;

/// The most bytes of cell text a slice of rows holds (one row more at most), so that a file of
/// wide rows is sliced as finely as a file of narrow ones.
const SLICE_BYTES: usize = 4 << 20;

/// A CSV table's rows built into the dataset a slice at a time as they are split, rather than
/// all split into one table first ([`Building::begin_slices`]), with at most `rows` rows and
/// `bytes` bytes of text (a row more at most) held at once; or, on a helper thread, each slice
/// sent as it is split to the thread building the dataset ([`Split`]).
pub(crate) struct Slicing<'a> {
    pub(crate) to: SliceTo<'a>,
    pub(crate) rows: usize,
    pub(crate) bytes: usize,
}

/// Where a table's slices go.
pub(crate) enum SliceTo<'a> {
    /// Built into the dataset on this thread.
    Building(&'a mut Building),
    /// Sent to the thread building the dataset.
    Thread(&'a std::sync::mpsc::Sender<Split>),
}

/// A table opened for its slices ([`Slicing::begin`]).
pub(crate) enum Opened {
    Building(crate::model::TableInSlices),
    Sent,
}

/// What a helper thread sends of a file as it splits it ([`SliceTo::Thread`]), in this order:
/// a CSV table's head, its slices and its end, when it has one; then the file read.
pub(crate) enum Split {
    /// A table's kind and columns (no rows), and about how many rows it will have.
    Begin { head: RawTable, rows: usize },
    /// The table's next rows.
    Slice(RawTable),
    /// The table has had all its rows.
    End,
    /// The file is read: its problems, and the tables not sent in slices (`None`: it could not
    /// be read, and the caller says so).
    Read(Option<FileRead>),
}

impl Slicing<'_> {
    /// Whether `slice` holds a slice's worth of rows or text, to be built and emptied.
    pub(crate) fn is_full(&self, slice: &RawTable) -> bool {
        slice.len() >= self.rows || slice.text_len() >= self.bytes
    }

    /// Whether a table of `kind` needs its latest date read before its first row is built
    /// ([`Building::latest_first`]). A helper thread does not know: the thread building the
    /// dataset gathers such a table whole ([`Loading::add_split`]).
    pub(crate) fn latest_first(&self, kind: crate::model::TableKind) -> bool {
        match &self.to {
            SliceTo::Building(building) => building.latest_first(kind),
            SliceTo::Thread(_) => false,
        }
    }

    /// Whether rows may be built straight from their records ([`Slicing::add_row`]): only
    /// on the thread building the dataset.
    pub(crate) fn builds_rows(&self) -> bool {
        matches!(self.to, SliceTo::Building(_))
    }

    /// Opens the table `head` (no rows yet) of about `rows` rows for its slices
    /// ([`Building::begin_slices`]); `None` when it must be given whole instead.
    pub(crate) fn begin(
        &mut self,
        head: &RawTable,
        rows: usize,
        read_first: Option<crate::model::LatestRead>,
    ) -> Option<Opened> {
        match &mut self.to {
            SliceTo::Building(building) => {
                (building.begin_slices(head, rows, read_first)).map(Opened::Building)
            }
            SliceTo::Thread(to) => {
                let head = head.clone();
                to.send(Split::Begin { head, rows }).ok()?;
                Some(Opened::Sent)
            }
        }
    }

    /// Builds `row`, the next row of the table opened as `open` ([`Building::add_row`]);
    /// only where [`Slicing::builds_rows`].
    pub(crate) fn add_row(&mut self, open: &mut Opened, head: &RawTable, row: &RawRow) {
        debug_assert!(self.builds_rows());
        if let (SliceTo::Building(building), Opened::Building(open)) = (&mut self.to, open) {
            building.add_row(open, head, row);
        }
    }

    /// Builds or sends the rows held in `slice`, the table opened as `open`'s next, and
    /// empties it for the next slice.
    pub(crate) fn add_slice(&mut self, open: &mut Opened, slice: &mut RawTable) {
        match (&mut self.to, open) {
            (SliceTo::Building(building), Opened::Building(open)) => {
                building.add_slice(open, slice);
                slice.clear();
            }
            (SliceTo::Thread(to), _) => {
                // Should the building thread be gone (it stopped on a panic), the rows are
                // let go: nothing will build them.
                let _ = to.send(Split::Slice(slice.take_rows()));
            }
            // Never: a table is opened where its slices go.
            (SliceTo::Building(_), Opened::Sent) => debug_assert!(false, "a slice sent nowhere"),
        }
    }

    /// The table opened as `open` has had all its rows.
    pub(crate) fn end(&mut self, open: Opened) {
        match (&mut self.to, open) {
            (SliceTo::Building(building), Opened::Building(open)) => building.end_slices(open),
            (SliceTo::Thread(to), _) => {
                let _ = to.send(Split::End);
            }
            (SliceTo::Building(_), Opened::Sent) => debug_assert!(false, "a table sent nowhere"),
        }
    }
}

/// The dataset built from the files as they are read, in order: when no two files share a
/// name, each file's tables as soon as it is read ([`Building`]), a CSV's a slice of rows at a
/// time ([`Slicing`]); else every file's together, once all are read (tables of files sharing
/// a name may make one export, whose latest date must be known before any repeat across
/// exports is judged).
struct Loading {
    building: Building,
    /// The files read so far, when they are built together.
    held: Option<FileRead>,
    /// The most rows and bytes of text of a slice ([`SLICE_ROWS`], [`SLICE_BYTES`]; tests
    /// make them tiny).
    slice: (usize, usize),
    /// How many bytes of a file given in pieces are read at a time ([`PIECE_BYTES`]; tests
    /// make it tiny).
    piece: usize,
}

impl Loading {
    fn new<S: AsRef<str>>(names: &[S]) -> Self {
        let mut sorted: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
        sorted.sort_unstable();
        let distinct = sorted.windows(2).all(|w| w[0] != w[1]);
        Loading {
            building: Building::default(),
            held: (!distinct).then(FileRead::default),
            slice: (SLICE_ROWS, SLICE_BYTES),
            piece: PIECE_BYTES,
        }
    }

    /// How the next file's CSV rows may be built as they are split: `None` when the files
    /// are built together, once all are read.
    fn slicing(&mut self) -> Option<Slicing<'_>> {
        let (rows, bytes) = self.slice;
        match self.held {
            Some(_) => None,
            None => Some(Slicing {
                to: SliceTo::Building(&mut self.building),
                rows,
                bytes,
            }),
        }
    }

    /// The next file's tables and problems (its previews are the caller's).
    /// (A CSV table built in slices is already in the dataset: the file gives its problems.)
    fn add(&mut self, file: FileRead) {
        match self.held.as_mut() {
            None => self.building.add(file.tables, file.problems),
            Some(held) => {
                held.tables.extend(file.tables);
                held.problems.extend(file.problems);
            }
        }
    }

    /// Builds the file a helper thread splits as `split` brings it ([`Split`]): a CSV table a
    /// slice at a time as its slices come, unless it must be built whole (its latest date is
    /// needed first, or the files are built together), when its slices are gathered first.
    /// `false` when the helper stopped before the file was read (it panicked: the panic is
    /// raised again where the helper's thread is joined).
    fn add_split(&mut self, split: &std::sync::mpsc::Receiver<Split>) -> bool {
        let mut open = None;
        let mut whole: Option<RawTable> = None;
        for part in split {
            match part {
                Split::Begin { head, rows } => {
                    if self.held.is_none() && !self.building.latest_first(head.kind) {
                        open = self.building.begin_slices(&head, rows, None);
                    }
                    if open.is_none() {
                        whole = Some(head);
                    }
                }
                Split::Slice(slice) => match (&mut open, &mut whole) {
                    (Some(open), _) => self.building.add_slice(open, &slice),
                    (None, Some(whole)) => whole.append(&slice),
                    // Never: a helper sends a table's head before its slices.
                    (None, None) => debug_assert!(false, "a slice with no table"),
                },
                Split::End => {
                    if let Some(open) = open.take() {
                        self.building.end_slices(open);
                    }
                }
                Split::Read(Some(mut file)) => {
                    // The CSV's one table, gathered whole, comes before any other.
                    file.tables.splice(0..0, whole.take());
                    self.add(file);
                    return true;
                }
                Split::Read(None) => return true,
            }
        }
        false
    }

    fn finish(mut self) -> Dataset {
        if let Some(held) = self.held.take() {
            self.building.add(held.tables, held.problems);
        }
        self.building.finish()
    }
}

/// Reads file `i` of `names` when `read(i)` gives its bytes, one file after another, each
/// built into the dataset as soon as it is read (its bytes dropped first), a CSV's rows a
/// slice at a time as they are split, so that at most one file's bytes and one slice of its
/// rows (or, for a table that cannot be sliced, its raw table) are held beside the rows
/// already typed.
async fn load_each<'b>(
    names: &[&str],
    read: &mut dyn FnMut(usize) -> Option<Input<'b>>,
    profile: &Profile,
    previews: bool,
    starting: &mut dyn FnMut(&str),
) -> (Dataset, Vec<Preview>) {
    load_each_in(
        Loading::new(names),
        names,
        read,
        profile,
        previews,
        starting,
    )
    .await
}

/// [`load_each`] into `loading` (tests give it tiny slices).
async fn load_each_in<'b>(
    mut loading: Loading,
    names: &[&str],
    read: &mut dyn FnMut(usize) -> Option<Input<'b>>,
    profile: &Profile,
    previews: bool,
    starting: &mut dyn FnMut(&str),
) -> (Dataset, Vec<Preview>) {
    let rec = Recogniser::new(profile);
    let mut shown = Vec::new();
    for (i, name) in names.iter().enumerate() {
        starting(name);
        let Some(input) = read(i) else { continue };
        let piece = loading.piece;
        let mut file = read_with(
            name,
            input,
            &rec,
            previews,
            loading.slicing().as_mut(),
            piece,
        )
        .await;
        shown.append(&mut file.previews);
        loading.add(file);
    }
    (loading.finish(), shown)
}

/// [`load_mapped`] (without previews) for files read from disk as they are parsed, natively:
/// `read(i)` opens the file named `names[i]` ([`open`]: a big one is read a piece at a time;
/// `None` when it cannot be read: the caller says so), and its bytes are dropped as soon as
/// they are parsed, so that the export's bytes are never all in memory beside the tables read
/// from them.
///
/// Helper threads (one fewer than the machine has cores, at most a file each) split the
/// files, taking the next one not yet taken, into their tables (the files of an export are
/// independent), sending a CSV table's rows a slice at a time as they are split (`Split`);
/// the calling thread builds each file's tables into the dataset in the order of `names`, a
/// CSV's slices as they come. So building follows splitting a slice behind, both busy at once:
/// on two cores each takes about 0.55 s of England's export, where one thread reading and
/// building each row from its record (the page's way) takes 0.75 s, and the building thread
/// reading the first file that way itself while a helper split the rest took 0.66 s (it
/// waited on nothing, but had more to do). Slices a helper splits ahead of the building are
/// held meanwhile: at most the raw tables of the files ahead, as when whole files were split
/// first. The dataset is the one [`load_mapped`] gives. With one core (or in wasm32, which
/// reports none) there is no helper: every file is read and built in turn on the calling
/// thread, as the page's worker does.
pub fn load_mapped_from_disk<'b>(
    names: &[String],
    read: &(dyn Fn(usize) -> Option<Input<'b>> + Sync),
    profile: &Profile,
) -> Dataset {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let helpers = cores - 1;
    load_from_disk_helped(Loading::new(names), names, read, profile, helpers)
}

/// [`load_mapped_from_disk`] into `loading` with at most `helpers` helper threads (tests
/// choose them, and tiny slices).
fn load_from_disk_helped<'b>(
    mut loading: Loading,
    names: &[String],
    read: &(dyn Fn(usize) -> Option<Input<'b>> + Sync),
    profile: &Profile,
    helpers: usize,
) -> Dataset {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{mpsc, Mutex};
    let helpers = helpers.min(names.len());
    if helpers == 0 {
        // No thread to split files beside this one (wasm32 has none).
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let read = &mut |i| read(i);
        return now(load_each_in(
            loading,
            &names,
            read,
            profile,
            false,
            &mut |_| {},
        ))
        .0;
    }
    let rec = Recogniser::new(profile);
    let (rows, bytes) = loading.slice;
    // Each file's parts, sent by the helper splitting it, taken by the building thread. The
    // helper taking a file takes its sender, so that should it panic, the sender is dropped
    // and the building thread stops waiting for the file.
    let (senders, receivers): (Vec<_>, Vec<_>) = names.iter().map(|_| mpsc::channel()).unzip();
    let senders = Mutex::new(senders.into_iter().map(Some).collect::<Vec<_>>());
    let next = AtomicUsize::new(0);
    let helper = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(name) = names.get(i) else { break };
        let Some(to) = senders.lock().ok().and_then(|mut s| s.get_mut(i)?.take()) else {
            break;
        };
        let file = read(i).map(|input| {
            let mut slicing = Slicing {
                to: SliceTo::Thread(&to),
                rows,
                bytes,
            };
            now(read_with(
                name,
                input,
                &rec,
                false,
                Some(&mut slicing),
                PIECE_BYTES,
            ))
        });
        let _ = to.send(Split::Read(file));
    };
    std::thread::scope(|scope| {
        for _ in 0..helpers {
            scope.spawn(helper);
        }
        for split in &receivers {
            if !loading.add_split(split) {
                break;
            }
        }
    });
    loading.finish()
}

/// An ODS file is a zip whose first entry, `mimetype`, names the OpenDocument type.
fn is_open_document(bytes: &[u8]) -> bool {
    bytes
        .get(30..)
        .is_some_and(|b| b.starts_with(b"mimetypeapplication/vnd.oasis.opendocument"))
}

fn looks_like_html(body: &str) -> bool {
    let head: String = body
        .chars()
        .take(100)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_problem(name: &str, bytes: &[u8]) -> String {
        let read = read_file(name, bytes);
        assert!(read.tables.is_empty(), "{name}: {:?}", read.tables);
        assert_eq!(read.problems.len(), 1, "{name}: {:?}", read.problems);
        assert_eq!(read.problems[0].file, name);
        read.problems[0].message.clone()
    }

    #[test]
    fn files_that_are_not_data_get_one_problem_naming_them() {
        assert!(only_problem("a.csv", b"").starts_with("\"a.csv\" is empty"));
        assert!(only_problem("b.csv", b" \r\n\t\n").starts_with("\"b.csv\" is empty"));
        assert!(only_problem("c.csv", b"\xEF\xBB\xBF\n").starts_with("\"c.csv\" is empty"));
        assert!(
            only_problem("d.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0")
                .contains("save it as .xlsx or CSV")
        );
        assert!(only_problem("e.pdf", b"%PDF-1.7\n%\xE2\xE3").starts_with("\"e.pdf\" is a PDF"));
        assert!(only_problem("f.bin", b"\x01\x02\x00\xFFabc").contains("binary data"));
        assert!(only_problem("g.xls", b"<html><body><table>")
            .starts_with("\"g.xls\" is a web page (HTML)"));
        assert!(only_problem("h.xlsx", b"PK\x03\x04\x14\x00\x00\x00")
            .starts_with("\"h.xlsx\" could not be opened as an Excel workbook"));
    }

    #[test]
    fn content_not_extension_decides_the_format() {
        let read = read_file("data.txt", b"  \n<EXPSSDA903></EXPSSDA903>");
        let kinds: Vec<_> = read.tables.iter().map(|t| t.kind.name()).collect();
        assert_eq!(kinds, ["header", "episodes", "reviews", "uasc"]);
        let read = read_file("data.xml", b"CHILD,REVIEW,REVIEW_CODE\n");
        assert_eq!(read.tables[0].kind.name(), "reviews");
    }

    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n";

    /// Three files: episodes of child A open in "a.csv", closed in "b.csv", and a review in
    /// a second file named "a.csv", given last: `a_twice` names it so, else "r.csv".
    fn three_files(a_twice: bool) -> Vec<(String, Vec<u8>)> {
        let reviews = if a_twice { "a.csv" } else { "r.csv" };
        [
            (
                "a.csv",
                format!("{EPISODES}A,01/04/2023,S,C2,N1,U4,PR1,,\n"),
            ),
            (
                "b.csv",
                format!("{EPISODES}A,01/04/2023,S,C2,N1,U4,PR1,01/01/2024,E8\n"),
            ),
            (
                reviews,
                "CHILD,DOB,REVIEW,REVIEW_CODE\nA,,01/06/2026,PN1\n".to_string(),
            ),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), t.into_bytes()))
        .collect()
    }

    fn loaded(files: &[(String, Vec<u8>)]) -> Dataset {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
        load(&files)
    }

    fn from_disk(files: &[(String, Vec<u8>)]) -> Dataset {
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        let read = |i: usize| Some(Input::Bytes(Cow::Borrowed(&files[i].1[..])));
        load_mapped_from_disk(&names, &read, &Profile::default())
    }

    fn at_once(files: &[(String, Vec<u8>)]) -> Dataset {
        let reads: Vec<FileRead> = files.iter().map(|(n, b)| read_file(n, b)).collect();
        let tables = reads.iter().flat_map(|r| r.tables.clone()).collect();
        crate::model::build(tables, vec![])
    }

    #[test]
    fn files_built_as_read_give_the_dataset_built_from_every_table_at_once() {
        for a_twice in [false, true] {
            let files = three_files(a_twice);
            let whole = format!("{:?}", at_once(&files));
            assert_eq!(format!("{:?}", loaded(&files)), whole, "a_twice {a_twice}");
            assert_eq!(
                format!("{:?}", from_disk(&files)),
                whole,
                "a_twice {a_twice}"
            );
        }
    }

    /// The dataset read as from disk with `helpers` helper threads, `rows` rows a slice, each
    /// file given in pieces (its first `head` bytes, then 5 bytes at a time) when `head` is
    /// given, else whole.
    fn helped(
        files: &[(String, Vec<u8>)],
        helpers: usize,
        rows: usize,
        head: Option<usize>,
    ) -> Dataset {
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        let mut loading = Loading::new(&names);
        loading.slice = (rows, SLICE_BYTES);
        let read = |i: usize| {
            let bytes = &files.get(i)?.1;
            Some(match head {
                Some(head) => pieces::tests::input(bytes, head),
                None => Input::Bytes(Cow::Borrowed(&bytes[..])),
            })
        };
        load_from_disk_helped(loading, &names, &read, &Profile::default(), helpers)
    }

    #[test]
    fn files_split_by_helpers_and_built_as_their_slices_come_give_the_dataset_of_the_whole_tables()
    {
        // Two exports (a second year's episodes newer only by their last row's date, so
        // gathered whole to be read first; an unclosed quotation mark; Windows-1252 and UTF-16
        // files; a local table), big ones read in pieces, and files sharing a name (built
        // together at the end): whoever splits a file and however its slices fall, the dataset
        // is the one built from every whole table.
        let cases = [
            ("two exports", two_exports(), None),
            ("two big exports in pieces", two_big_exports(), Some(100)),
            ("a file twice", three_files(true), None),
            ("three files", three_files(false), None),
        ];
        for (what, files, head) in cases {
            let whole = format!("{:?}", whole(&files));
            for helpers in [0, 1, 2, 5] {
                for rows in [1, 2, 3, SLICE_ROWS] {
                    let read = format!("{:?}", helped(&files, helpers, rows, head));
                    assert_eq!(
                        read, whole,
                        "{what}: {helpers} helpers, {rows} rows a slice"
                    );
                }
            }
        }
    }

    #[test]
    fn a_file_sharing_a_name_with_an_earlier_one_counts_towards_its_export_before_repeats() {
        // The review in the second "a.csv" (01/06/2026) makes "a.csv" the later export, though
        // it comes after "b.csv": a.csv's open episode is used, b.csv's closed one is the older
        // version. With the review in "r.csv", "b.csv" (latest 01/01/2024) is the later one.
        let rejected = |d: &Dataset| d.rejections().map(|r| r.describe()).collect::<Vec<_>>();
        let twice = loaded(&three_files(true));
        assert_eq!(twice.episodes[0].dec, None);
        assert_eq!(
            rejected(&twice),
            [
                "b.csv, row 2, column DECOM: an older version of the episode in a.csv, row 2, \
              which is used instead"
            ]
        );
        let apart = loaded(&three_files(false));
        assert_eq!(
            apart.episodes[0].dec,
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        );
        assert_eq!(
            rejected(&apart),
            [
                "a.csv, row 2, column DECOM: replaced by the newer version of this episode in \
              b.csv, row 2"
            ]
        );
    }

    /// Two years' exports as CSV, with title lines, blank lines, CRLF line ends, a cell
    /// holding a line break, an unclosed quotation mark, rejected rows and warnings, repeats
    /// within a file and across the two exports, a Windows-1252 and a UTF-16 file, a table
    /// no figure uses and a local table: each read one file at a time, as the page does. The
    /// second export is the later only by the date in the last row of its episodes.
    fn two_exports() -> Vec<(String, Vec<u8>)> {
        let utf16 = |text: &str| {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        let text = |t: &str| t.as_bytes().to_vec();
        vec![
            (
                "header.csv".into(),
                text(
                    "Children looked after 2024\nCHILD,SEX,DOB,ETHNIC\nA,1,01/01/2010,WBRI\n\
                      B,2,02/02/2011,WBRI\n\nA,1,01/01/2010,WBRI\nC,2,31/02/2011,XXXX\n",
                ),
            ),
            (
                "episodes.csv".into(),
                text(&format!(
                    "{}\r\nA,01/04/2023,S,C2,N1,U4,PR1,,\r\nB,01/05/2023,S,C2,N1,U4,PR1,\
                     01/04/2023,E8\r\n\"C\r\nX\",01/06/2023,S,C2,N1,U4,PR1,,\r\n,01/06/2023,S,\
                     C2,N1,U4,PR1,,\r\nD,01/07/2023,S,C2,N1,\"U4,PR1,,\r\nE,32/01/2024,S,C2,N1,\
                     U4,PR1,,\r\nB,01/08/2023,S,C2,N1,U4,PR1,01/01/2024,E8\r\n",
                    EPISODES.trim_end()
                )),
            ),
            (
                "reviews.csv".into(),
                b"CHILD,DOB,REVIEW,REVIEW_CODE\nA,,01/06/2023,PN1\nA,,01/06/2023,PN1\n\
                  Zo\xEB,,01/07/2023,PN9\nA,,01/12/2023,PN1\n"
                    .to_vec(),
            ),
            (
                "uasc.csv".into(),
                utf16("CHILD,SEX,DOB,DUC\r\nA,1,01/01/2010,\r\nB,2,02/02/2011,not a date\r\n"),
            ),
            (
                "missing.csv".into(),
                text(
                    "CHILD,DOB,MISSING,MIS_START,MIS_END\nA,,M,01/05/2023,02/05/2023\n\
                      B,,Q,01/06/2023,\nC,,A,03/06/2023,01/06/2023\n",
                ),
            ),
            (
                "sw.csv".into(),
                text(
                    "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nA,,W1,01/04/2023,,\n\
                      B,,W2,01/05/2023,,\nC,,W3,01/06/2023,,\n",
                ),
            ),
            (
                "allocations.csv".into(),
                text(
                    "CHILD,IRO,START,END,ROLE\nA,I1,01/04/2023,,\nB,I1,nope,,\nC,I2,01/05/2023,,\n",
                ),
            ),
            (
                "episodes-2025.csv".into(),
                text(&format!(
                    "{EPISODES}A,01/04/2023,S,C2,N1,U4,PR1,,\nB,01/08/2023,S,C2,N1,U4,PR1,,\n\
                     F,01/06/2023,S,C2,N1,U4,PR1,,\nA,01/04/2023,S,C2,N1,U4,PR1,01/03/2025,E8\n"
                )),
            ),
            (
                "reviews-2025.csv".into(),
                text("CHILD,DOB,REVIEW,REVIEW_CODE\nA,,01/12/2023,PN1\nF,,01/03/2025,PN0\n"),
            ),
            (
                "uasc-2025.csv".into(),
                text(
                    "CHILD,SEX,DOB,DUC\nA,1,01/01/2010,01/01/2025\nB,2,02/02/2011,\n\
                      A,1,01/01/2010,\n",
                ),
            ),
        ]
    }

    /// The dataset of `files` read one at a time, each CSV's rows built `rows` rows (or
    /// `bytes` bytes of text) a slice.
    fn in_slices(files: &[(String, Vec<u8>)], rows: usize, bytes: usize) -> Dataset {
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        let mut loading = Loading::new(&names);
        loading.slice = (rows, bytes);
        let mut read = |i: usize| {
            files
                .get(i)
                .map(|(_, b)| Input::Bytes(Cow::Borrowed(&b[..])))
        };
        load_into(loading, &names, &mut read, false)
    }

    /// [`in_slices`], with each file given in pieces ([`Input::Pieces`]): its first `head`
    /// bytes, then `piece` bytes at a time.
    fn in_pieces(files: &[(String, Vec<u8>)], rows: usize, head: usize, piece: usize) -> Dataset {
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        let mut loading = Loading::new(&names);
        loading.slice = (rows, SLICE_BYTES);
        loading.piece = piece;
        let mut read = |i: usize| files.get(i).map(|(_, b)| pieces::tests::input(b, head));
        load_into(loading, &names, &mut read, true)
    }

    /// The dataset of the files `names` as `read` gives them, read into `loading` with the
    /// default profile ([`load_each_in`], its sources never waited for but by polling again).
    fn load_into<'b>(
        loading: Loading,
        names: &[&str],
        read: &mut dyn FnMut(usize) -> Option<Input<'b>>,
        previews: bool,
    ) -> Dataset {
        let profile = Profile::default();
        now(load_each_in(
            loading,
            names,
            read,
            &profile,
            previews,
            &mut |_| {},
        ))
        .0
    }

    #[test]
    fn each_piece_is_asked_for_ahead_and_waited_for_before_it_is_read() {
        // An episodes file of 3,000 rows of 27 bytes after a header of 33 (81,033 bytes), given
        // its first 100 bytes, then read 4,096 bytes at a time, from a source that is not ready
        // the first time each piece asked for ahead is waited for: the dataset is the one read
        // whole.
        let mut text = "CHILD,DECOM,RNE,LS,PLACE,REC,DEC\n".to_string();
        for i in 0..3000 {
            text.push_str(&format!("C{i:04},01/04/2023,S,C2,U1,,\n"));
        }
        let bytes = text.into_bytes();
        assert_eq!(bytes.len(), 33 + 3000 * 27);
        let files = vec![("episodes.csv".to_string(), bytes.clone())];
        let source = pieces::tests::Ahead {
            bytes,
            ..Default::default()
        };
        let names = ["episodes.csv"];
        let mut loading = Loading::new(&names);
        loading.piece = 4096;
        let mut read = |_| {
            let head = source.bytes[..100].to_vec();
            let source: Box<dyn Source> = Box::new(&source);
            Some(Input::Pieces { head, source })
        };
        let data = load_into(loading, &names, &mut read, false);
        assert_eq!(format!("{:?}", data), format!("{:?}", whole(&files)));
        // The first 64 KiB are read at once to tell what the file is: 100 + 16 x 4,096 = 65,636
        // bytes, none asked for ahead. Then the rest, 81,033 - 65,636 = 15,397 bytes: three
        // pieces of 4,096 and one of 3,109, each asked for ahead (the first once the file is
        // known to be CSV text, each other once the piece before it is read), waited for once
        // (4 waits) and then read.
        let head: Vec<(u64, usize)> = (0..16).map(|k| (100 + 4096 * k, 4096)).collect();
        let ahead = [
            (65_636, 4096),
            (69_732, 4096),
            (73_828, 4096),
            (77_924, 3_109),
        ];
        assert_eq!(*source.asked.borrow(), ahead);
        assert_eq!(*source.read.borrow(), [&head[..], &ahead[..]].concat());
        assert_eq!(source.waits.get(), 4);
    }

    /// [`two_exports`] with 70,000 blank lines after each text file's header row (so that its
    /// rows come after the bytes read first to tell what the file is, and are read in pieces),
    /// and a UTF-8 file with a byte order mark whose only character that is not ASCII (ë)
    /// comes after them.
    fn two_big_exports() -> Vec<(String, Vec<u8>)> {
        let mut files = two_exports();
        for (name, bytes) in files.iter_mut() {
            if bytes.starts_with(b"\xFF\xFE") {
                continue;
            }
            let header = bytes.windows(5).position(|w| w == b"CHILD").unwrap_or(0);
            let line_end = header
                + bytes[header..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .unwrap_or(0);
            let blank: &[u8] = if name == "episodes.csv" {
                b"\r\n"
            } else {
                b"\n"
            };
            let padding = blank.repeat(70_000);
            bytes.splice(line_end + 1..line_end + 1, padding);
        }
        let mut missing = b"\xEF\xBB\xBFCHILD,DOB,MISSING,MIS_START,MIS_END\n".to_vec();
        missing.extend(b"\n".repeat(70_000));
        missing.extend("Zo\u{eb},,M,01/05/2023,02/05/2023\nA,,A,03/06/2023,\n".bytes());
        files.push(("missing-utf8.csv".into(), missing));
        files
    }

    #[test]
    fn files_read_in_pieces_give_the_dataset_of_the_files_read_whole() {
        let files = two_big_exports();
        let whole = format!("{:?}", whole(&files));
        for (head, piece) in [
            (10, 1),
            (10, 2),
            (100, 3),
            (1000, 7),
            (5, 4096),
            (100, 65_536),
        ] {
            for rows in [2, SLICE_ROWS] {
                let read = format!("{:?}", in_pieces(&files, rows, head, piece));
                assert_eq!(read, whole, "first {head} bytes, then {piece} at a time");
            }
        }
        // The file's rows are where they are in the file: row 70,003 of reviews.csv is the
        // first after its header and 70,000 blank lines.
        let d = in_pieces(&files, 2, 10, 5);
        let issues: Vec<String> = d.issues.iter().map(|i| i.describe()).collect();
        assert!(
            issues
                .iter()
                .any(|i| i.starts_with("reviews.csv, row 70004")),
            "{issues:?}"
        );
    }

    #[test]
    fn damaged_files_read_in_pieces_give_what_they_give_read_whole() {
        // Each of 150 damaged copies of the big exports' episodes and reviews files (a few
        // bytes among quotes, line breaks, delimiters and bytes that are not ASCII, some not
        // UTF-8, put in after the bytes read first, or around their end), read as its own
        // export whole and in pieces of 2 and 4,096 bytes: the same dataset, and the same
        // messages, every time.
        let files = two_big_exports();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let alphabet: &[u8] = b"\"\"\r\n,,;A1/\xC3\xA9\xA3\x80\xFF\xE2\x82";
        for round in 0..150 {
            let (name, bytes) = &files[if round % 2 == 0 { 1 } else { 2 }];
            let mut bytes = bytes.clone();
            for _ in 0..1 + next(4) {
                let from = pieces::tests::HEAD - 50;
                let at = from + next(bytes.len() - from);
                let byte = alphabet[next(alphabet.len())];
                match next(3) {
                    0 => bytes.insert(at, byte),
                    1 => bytes[at] = byte,
                    _ => {
                        bytes.remove(at);
                    }
                }
            }
            let export = [(name.clone(), bytes)];
            let whole = format!("{:?}", whole(&export));
            for piece in [2, 4096] {
                let read = format!("{:?}", in_pieces(&export, SLICE_ROWS, 100, piece));
                assert!(read == whole, "round {round}, {piece}-byte pieces");
            }
        }
    }

    #[test]
    fn a_file_that_stops_being_readable_half_way_keeps_its_rows_read_and_says_so() {
        // Row 1 the header (21 bytes), rows 2 to 70,001 blank, row 70,002 child A (20 bytes,
        // ending at byte 21 + 70,000 + 20 = 70,041), row 70,003 child B: the file cannot be
        // read past A's row.
        let mut bytes = b"CHILD,SEX,DOB,ETHNIC\n".to_vec();
        bytes.extend(b"\n".repeat(70_000));
        bytes.extend(b"A,1,01/01/2010,WBRI\nB,2,02/02/2011,WBRI\n");
        let mut source = pieces::tests::Memory::new(&bytes);
        source.fail_from = 70_041;
        let input = Input::Pieces {
            head: bytes[..100].to_vec(),
            source: Box::new(source),
        };
        let names = ["header.csv"];
        let mut loading = Loading::new(&names);
        loading.piece = 1;
        let mut input = Some(input);
        let mut read = |_| input.take();
        let d = load_into(loading, &names, &mut read, false);
        assert_eq!(d.children.len(), 1);
        let problems: Vec<&str> = d.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            problems,
            [
                "\"header.csv\" could not be read to its end: it was changed, moved or deleted \
              while it was being read, so only its rows up to row 70002 were read. Reload it \
              to read it all."
            ]
        );
    }

    /// Every table of every file read whole, and built at once with every file's problems.
    fn whole(files: &[(String, Vec<u8>)]) -> Dataset {
        let reads: Vec<FileRead> = files.iter().map(|(n, b)| read_file(n, b)).collect();
        let tables = reads.iter().flat_map(|r| r.tables.clone()).collect();
        let problems = reads.iter().flat_map(|r| r.problems.clone()).collect();
        crate::model::build(tables, problems)
    }

    #[test]
    fn rows_built_a_slice_at_a_time_give_the_dataset_of_the_whole_tables() {
        let files = two_exports();
        let whole = format!("{:?}", whole(&files));
        for rows in [1, 2, 3, 5, SLICE_ROWS] {
            let sliced = format!("{:?}", in_slices(&files, rows, SLICE_BYTES));
            assert_eq!(sliced, whole, "{rows} rows a slice");
        }
        // A slice ends at the row that takes its text past the limit: here, every row.
        let sliced = format!("{:?}", in_slices(&files, SLICE_ROWS, 1));
        assert_eq!(sliced, whole, "1 byte a slice");
        assert_eq!(format!("{:?}", loaded(&files)), whole);
    }

    #[test]
    fn a_rejected_row_in_a_later_slice_keeps_its_row_number_in_the_file() {
        // Two rows a slice: header.csv's rows 3 and 4 are its first slice, rows 6 and 7 its
        // second (row 5 is blank); episodes.csv's row 4 (a cell holding a line break) ends its
        // second slice, and its unclosed quotation mark (row 6) begins the third; uasc.csv is
        // UTF-16 and reviews.csv Windows-1252. The second year's episodes are newer only by
        // the date in their last row (01/03/2025; episodes.csv's latest is 01/01/2024), read
        // before their first row is built.
        let d = in_slices(&two_exports(), 2, SLICE_BYTES);
        let issues: Vec<String> = d.issues.iter().map(|i| i.describe()).collect();
        assert_eq!(
            issues,
            [
                "header.csv, row 6, column CHILD: child A already has a header row \
                 (header.csv, row 3); only the first is used",
                "header.csv, row 7, column DOB: \"31/02/2011\" is not a real calendar date; \
                 the child's age is counted as unknown",
                "header.csv, row 7, column ETHNIC: \"XXXX\" is not a known ethnicity code; it \
                 is counted as unknown",
                "episodes.csv, row 3, column DEC: the episode ends (01/04/2023) before it \
                 starts (01/05/2023)",
                "episodes.csv, row 5, column CHILD: the child's ID is blank",
                "episodes.csv, row 6, column PLACE: a quotation mark opened in this row is \
                 never closed, so the row cannot be split into its cells; the rows after it \
                 were read as usual",
                "episodes.csv, row 7, column DECOM: \"32/01/2024\" is not a real calendar date",
                "reviews.csv, row 3, column REVIEW: child A already has a review on \
                 01/06/2023; a repeated review is counted once",
                "reviews.csv, row 4, column REVIEW_CODE: \"PN9\" is not a known participation \
                 code; it is counted as unknown",
                "uasc.csv, row 3, column DUC: \"not a date\" is not a date (expected \
                 dd/mm/yyyy, for example 31/03/2024)",
                "missing.csv, row 3, column MISSING: \"Q\" is not a known missing code (M \
                 missing, A away without authorisation); the row is counted as neither",
                "missing.csv, row 4, column MIS_END: the episode ends (01/06/2023) before it \
                 starts (03/06/2023)",
                "allocations.csv, row 3, column START: \"nope\" is not a date (expected \
                 dd/mm/yyyy, for example 31/03/2024)",
                "episodes-2025.csv, row 2, column DECOM: the same episode as episodes.csv, row \
                 2 (another export loaded with this one); counted once",
                "episodes.csv, row 8, column DECOM: replaced by the newer version of this \
                 episode in episodes-2025.csv, row 3",
                "episodes.csv, row 2, column DECOM: replaced by the newer version of this \
                 episode in episodes-2025.csv, row 5",
                "reviews-2025.csv, row 2, column REVIEW: child A already has a review on \
                 01/12/2023; a repeated review is counted once",
                "uasc.csv, row 2, column CHILD: replaced by the newer version of this UASC row \
                 in uasc-2025.csv, row 2",
            ]
        );
        let accounts: Vec<(&str, u64, u64, u64)> = d
            .inputs
            .iter()
            .map(|a| (a.source.as_str(), a.rows_read, a.rows_used, a.rows_rejected))
            .collect();
        assert_eq!(
            accounts,
            [
                ("header.csv", 4, 3, 1),
                ("episodes.csv", 7, 1, 6),
                ("reviews.csv", 4, 3, 1),
                ("uasc.csv", 2, 0, 2),
                ("missing.csv", 3, 2, 1),
                ("sw.csv", 3, 3, 0),
                ("allocations.csv", 3, 2, 1),
                ("episodes-2025.csv", 4, 3, 1),
                ("reviews-2025.csv", 2, 1, 1),
                ("uasc-2025.csv", 3, 3, 0),
            ]
        );
        // The cell with a line break is the episode in use from the first export.
        assert_eq!(&d.children[d.episodes[1].child as usize], "C\nX");
    }

    #[test]
    fn a_parser_that_panics_on_disk_raises_its_panic_rather_than_leaving_the_build_waiting() {
        let files = three_files(false);
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        let (done, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(|| {
                let read = |i: usize| match i {
                    1 => panic!("a reader bug"),
                    _ => Some(Input::Bytes(Cow::Owned(files[i].1.clone()))),
                };
                load_mapped_from_disk(&names, &read, &Profile::default())
            });
            let _ = done.send(outcome.is_err());
        });
        let panicked = wait.recv_timeout(std::time::Duration::from_secs(60));
        assert_eq!(panicked, Ok(true));
    }
}

//! The web worker's glue: receives a [`Request`] (JSON) with the dropped `File`s, hands them
//! to the [`Session`] as handles it reads when their turn comes, and posts back [`Response`]s
//! as JSON in UTF-8 bytes. Nothing here computes a figure.
//!
//! Hand-written rather than gloo's: the message handler is the scope's `onmessage` property,
//! not an added listener, because that is where the worker's readiness can be seen from
//! outside (the end-to-end test waits for it; gloo's `EventListener` leaves it unset); and a
//! large export's `File` handles are read with `FileReaderSync`, one as the session comes to
//! it (gloo-file reads only asynchronously, and the session answers each request in one go).
//!
//! A council's export is read before its request is answered, every file at once and
//! asynchronously ([`READ_AHEAD_BYTES`]): the browser takes a few milliseconds to hand over
//! each file however small, and those waits then overlap instead of adding up. Requests that
//! arrive meanwhile wait their turn, in order. Larger exports are read a file at a time, when
//! the session comes to each, so that only one file's bytes are held at once, and a big CSV a
//! piece at a time: while the import splits one piece, the page reads the next
//! ([`PageReader`]), so that the reading and the splitting overlap (the worker's own
//! asynchronous reads progress only while it waits, and `FileReaderSync` blocks it).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent, MessagePort};

use super::browser::mark;
use crate::import::{Input, Ready, Source};
use crate::report::ChildLists;
use crate::session::{envelope, HeldFile, Outcome, Problem, Request, Response, Session, Step};

/// Up to this many bytes in all, a request's files are read at once before it is answered
/// (a council's export of 1,000 children is 2.4 MB). Above it they are read one at a time as
/// the session comes to each (England's 200 MB would otherwise be held whole, twice, while
/// the first file is built).
const READ_AHEAD_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

/// The worker's state: the session, and the requests waiting their turn while one's files
/// are being read.
struct Worker {
    scope: DedicatedWorkerGlobalScope,
    session: RefCell<Session>,
    waiting: RefCell<VecDeque<JsValue>>,
    /// A request is being answered (its files read): the ones after it wait.
    reading: Cell<bool>,
    /// The page's reader of pieces ahead, once the page has sent its port.
    page_reader: RefCell<Option<Rc<PageReader>>>,
}

/// Installs the message handler; the worker then lives as long as the page.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = Rc::new(Worker {
        scope: scope.clone(),
        session: RefCell::new(Session::new()),
        waiting: RefCell::new(VecDeque::new()),
        reading: Cell::new(false),
        page_reader: RefCell::new(None),
    });
    let on_message = {
        let worker = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // Marks for the speed benchmark's breakdown (tests/e2e/bench.mjs --breakdown).
            mark("careboard-worker-received");
            let data = event.data();
            if let Some(port) = Reflect::get(&data, &envelope::READER.into())
                .ok()
                .and_then(|p| p.dyn_into::<MessagePort>().ok())
            {
                *worker.page_reader.borrow_mut() = Some(PageReader::new(port));
                return;
            }
            worker.waiting.borrow_mut().push_back(data);
            Worker::answer_waiting(&worker);
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages that arrived while the wasm was loading found no handler and are gone: tell
    // the page to send from now on.
    if let Ok(bytes) = serde_json::to_vec(&Response::Listening) {
        let _ = post_bytes(&scope, &bytes);
    }
    // While the user chooses files: a request arriving now waits for it, a few milliseconds.
    if let Some(outcome) = crate::session::warm_up() {
        if let Ok(bytes) = serde_json::to_vec(&Response::Rehearsal(Box::new(outcome))) {
            let _ = post_bytes(&scope, &bytes);
        }
    }
    mark("careboard-worker-warmed-up");
}

impl Worker {
    /// Answers the requests waiting, one at a time and in order: a request's files may be
    /// read (ahead, for a council's export; a piece at a time, for a large one) before or
    /// while it is answered, and the requests after it wait for it.
    ///
    /// The answer runs as a task of `spawn_local`, which the browser runs as a microtask:
    /// should the wasm trap while answering, that is an uncaught error, which the page hears
    /// of (the worker's `error` event) and recovers from.
    fn answer_waiting(this: &Rc<Worker>) {
        while !this.reading.get() {
            let Some(data) = this.waiting.borrow_mut().pop_front() else {
                return;
            };
            this.reading.set(true);
            let this = this.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let files = files_of(&data);
                let mut read = Vec::new();
                if !files.is_empty() && total_size(&files) <= READ_AHEAD_BYTES {
                    mark("careboard-worker-reading-ahead");
                    let reads: Array = files.iter().map(|f| f.array_buffer()).collect();
                    // Never rejects: a file that could not be read is read again,
                    // synchronously, when its turn comes, and its problem reported then as for
                    // any file.
                    let settled = JsFuture::from(Promise::all_settled(&reads)).await;
                    read = settled.map(|s| read_buffers(&s)).unwrap_or_default();
                }
                this.answer(&data, files, read).await;
                this.reading.set(false);
                Worker::answer_waiting(&this);
            });
        }
    }

    /// Answers one request: the session's progress, the lists and the outcome posted in turn.
    /// `read` holds the bytes read ahead for `files`, in order (none when not read ahead).
    async fn answer(&self, data: &JsValue, files: Vec<File>, read: Vec<Option<ArrayBuffer>>) {
        let post = |response: &Response| {
            if let Response::Progress {
                step: Step::Computing,
                ..
            } = response
            {
                mark("careboard-worker-model-built");
            }
            if let Ok(bytes) = serde_json::to_vec(response) {
                if let Response::Ready(_) = response {
                    mark("careboard-worker-serialised");
                }
                // A failed post means the page has gone: nothing to tell anyone.
                let _ = post_bytes(&self.scope, &bytes);
            }
        };
        let reader = self.page_reader.borrow().clone();
        let outcome =
            match handle(&self.session, data, files, read, reader, &mut |r| post(&r)).await {
                Ok(outcome) => outcome,
                Err(problem) => Outcome {
                    problem: Some(problem),
                    ..self.session.borrow().outcome()
                },
            };
        mark("careboard-worker-measures-computed");
        let mut outcome = outcome;
        // The report was made for this answer alone, so its lists can be taken out of it.
        if let Some(report) = outcome.report.as_mut().and_then(Rc::get_mut) {
            for part in report.take_lists().into_parts(ChildLists::PART) {
                post(&Response::Lists(Box::new(part)));
            }
        }
        post(&Response::Ready(Box::new(outcome)));
        mark("careboard-worker-report-sent");
    }
}

/// Posts a response's JSON as UTF-8 bytes whose buffer is handed over, not copied: a large
/// report crosses to the page without being turned into a JavaScript string and back (two
/// conversions of every character, in the worker and on the page's main thread).
fn post_bytes(scope: &DedicatedWorkerGlobalScope, bytes: &[u8]) -> Result<(), JsValue> {
    let array = Uint8Array::from(bytes);
    scope.post_message_with_transfer(&array, &Array::of1(&array.buffer()))
}

/// The `File`s a message carries (none for a request without files, or one not ours).
fn files_of(data: &JsValue) -> Vec<File> {
    match Reflect::get(data, &envelope::FILES.into()) {
        Ok(list) if Array::is_array(&list) => list
            .unchecked_into::<Array>()
            .iter()
            .filter_map(|item| item.dyn_into::<File>().ok())
            .collect(),
        _ => Vec::new(),
    }
}

fn total_size(files: &[File]) -> f64 {
    files.iter().map(|f| f.size()).sum()
}

/// Each file's bytes from `Promise.allSettled` over their reads: `None` where one failed.
fn read_buffers(settled: &JsValue) -> Vec<Option<ArrayBuffer>> {
    let Some(results) = settled.dyn_ref::<Array>() else {
        return Vec::new();
    };
    results
        .iter()
        .map(|result| {
            Reflect::get(&result, &"value".into())
                .ok()
                .and_then(|v| v.dyn_into::<ArrayBuffer>().ok())
        })
        .collect()
}

/// Carries out the request `data` with `files` (`read`: their bytes, when read ahead), the
/// session's progress told to `progress`.
async fn handle(
    session: &RefCell<Session>,
    data: &JsValue,
    files: Vec<File>,
    read: Vec<Option<ArrayBuffer>>,
    reader: Option<Rc<PageReader>>,
    progress: &mut dyn FnMut(Response),
) -> Result<Outcome, Problem> {
    let request: Request = Reflect::get(data, &envelope::REQUEST.into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or(Problem::UnreadableRequest)?;
    let files = held_files(files, read, reader)?;
    mark("careboard-worker-files-read");
    // Out of its cell while its files are read (nothing else uses it meanwhile: the requests
    // after this one wait), so that no borrow is held across the waits.
    let mut held = std::mem::take(&mut *session.borrow_mut());
    let outcome = held.handle_reading(request, files, progress).await;
    *session.borrow_mut() = held;
    Ok(outcome)
}

/// The page's `File`s as the session holds them: handles, read when their turn comes (from
/// the bytes read ahead, the first time, if they were).
fn held_files(
    files: Vec<File>,
    read: Vec<Option<ArrayBuffer>>,
    page_reader: Option<Rc<PageReader>>,
) -> Result<Vec<Box<dyn HeldFile>>, Problem> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let reader = Rc::new(FileReaderSync::new().map_err(|_| Problem::NoFileReader)?);
    let mut read = read.into_iter();
    Ok(files
        .into_iter()
        .map(|file| {
            Box::new(BrowserFile {
                name: file.name(),
                file,
                read_ahead: RefCell::new(read.next().flatten()),
                reader: reader.clone(),
                page_reader: page_reader.clone(),
            }) as Box<dyn HeldFile>
        })
        .collect())
}

/// A file the user gave the page: its bytes are read (synchronously: workers may) each time
/// the session reads the files, and dropped once read into tables.
struct BrowserFile {
    name: String,
    file: File,
    /// The bytes read ahead with the request's other files, until they are first used.
    read_ahead: RefCell<Option<ArrayBuffer>>,
    reader: Rc<FileReaderSync>,
    /// Reads the next piece while this one is split (none until the page has sent its port).
    page_reader: Option<Rc<PageReader>>,
}

impl HeldFile for BrowserFile {
    fn name(&self) -> &str {
        &self.name
    }
    fn size(&self) -> u64 {
        // A `File`'s size is a whole number of bytes, given as a JavaScript number.
        self.file.size() as u64
    }
    /// Read as [`HeldFile::open`] reads it, then whole.
    fn read(&self) -> Option<Vec<u8>> {
        self.open()?.whole().map(Cow::into_owned)
    }
    /// A file read ahead is given whole; any other is read a piece at a time, so that a big
    /// CSV's whole bytes are never in wasm memory (nor in JavaScript's) at once.
    fn open(&self) -> Option<Input<'_>> {
        if let Some(buffer) = self.read_ahead.take() {
            return Some(Input::Bytes(Cow::Owned(Uint8Array::new(&buffer).to_vec())));
        }
        crate::import::open(Box::new(Pieces(self)))
    }
}

/// A file the user gave, read a piece at a time ([`crate::import::Source`]).
struct Pieces<'a>(&'a BrowserFile);

impl Source for Pieces<'_> {
    fn size(&self) -> u64 {
        self.0.size()
    }
    fn read_at(&self, at: u64, len: usize, out: &mut Vec<u8>) -> bool {
        // The benchmark's marks, as for a file read whole: summed over the pieces.
        mark("careboard-worker-file-reading");
        let read = (self.0.page_reader.as_ref()).and_then(|r| r.take(&self.0.file, at, len));
        let buffer = match read {
            Some(buffer) => {
                // For the tests: the piece the page read while the one before was split.
                mark("careboard-worker-piece-from-page");
                buffer
            }
            None => {
                let (from, to) = (at as f64, (at + len as u64) as f64);
                let Ok(blob) = self.0.file.slice_with_f64_and_f64(from, to) else {
                    return false;
                };
                let Ok(buffer) = self.0.reader.read_as_array_buffer(&blob) else {
                    return false;
                };
                buffer
            }
        };
        mark("careboard-worker-file-in-js");
        let array = Uint8Array::new(&buffer);
        if array.length() as usize != len {
            return false;
        }
        let before = out.len();
        out.resize(before + len, 0);
        array.copy_to(&mut out[before..]);
        mark("careboard-worker-file-in-wasm");
        true
    }

    fn read_ahead(&self, at: u64, len: usize) {
        if let Some(reader) = &self.0.page_reader {
            reader.ask(&self.0.file, at, len);
        }
    }

    fn ready(&self) -> Ready<'_> {
        match &self.0.page_reader {
            Some(reader) => Box::pin(reader.clone().arrived()),
            None => Box::pin(std::future::ready(())),
        }
    }
}

/// The page's side of reading ahead: the worker asks it for a file's next piece
/// ([`Source::read_ahead`]) through a `MessagePort` the page sent ([`envelope::READER`]); the
/// page reads it asynchronously and sends the bytes back, handed over, while the worker goes on
/// splitting the piece before. One piece is asked for at a time. Whatever goes wrong (the page
/// could not read it, the import asked for other bytes, or did not wait for these), the piece
/// is read here as before, with `FileReaderSync`.
pub struct PageReader {
    port: MessagePort,
    /// The piece asked for last, until it is taken.
    asked: RefCell<Option<Asked>>,
    /// Numbers the pieces asked for, so that a late answer is not taken for a later piece.
    count: Cell<u32>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

/// A piece asked of the page.
struct Asked {
    id: u32,
    file: File,
    at: u64,
    len: usize,
    /// Whether the page has answered, and its bytes (none when it could not read them).
    answered: bool,
    bytes: Option<ArrayBuffer>,
    /// The import waiting for the answer ([`PageReader::arrived`]).
    waiting: Option<std::task::Waker>,
}

impl PageReader {
    fn new(port: MessagePort) -> Rc<PageReader> {
        Rc::new_cyclic(|weak: &std::rc::Weak<PageReader>| {
            let weak = weak.clone();
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                // [number, bytes or null] ([`envelope::READER`]).
                let answer: Array = event.data().unchecked_into();
                let id = answer.get(0).as_f64();
                let Some(reader) = weak.upgrade() else { return };
                let waiting = match reader.asked.borrow_mut().as_mut() {
                    Some(asked) if Some(asked.id as f64) == id => {
                        asked.bytes = answer.get(1).dyn_into().ok();
                        asked.answered = true;
                        asked.waiting.take()
                    }
                    _ => None,
                };
                if let Some(waker) = waiting {
                    waker.wake();
                }
            });
            port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            PageReader {
                port,
                asked: RefCell::new(None),
                count: Cell::new(0),
                _on_message: on_message,
            }
        })
    }

    /// Asks the page for the `len` bytes of `file` from `at` (letting go of any piece asked for
    /// before).
    fn ask(&self, file: &File, at: u64, len: usize) {
        let id = self.count.get().wrapping_add(1);
        self.count.set(id);
        let message = Array::of4(&id.into(), file, &(at as f64).into(), &(len as f64).into());
        let asked = self.port.post_message(&message).is_ok().then(|| Asked {
            id,
            file: file.clone(),
            at,
            len,
            answered: false,
            bytes: None,
            waiting: None,
        });
        *self.asked.borrow_mut() = asked;
    }

    /// Done when the piece asked for last has arrived (or the page has said it could not
    /// read it); at once when none is asked for.
    fn arrived(self: Rc<Self>) -> impl std::future::Future<Output = ()> {
        std::future::poll_fn(move |context| match self.asked.borrow_mut().as_mut() {
            Some(asked) if !asked.answered => {
                asked.waiting = Some(context.waker().clone());
                std::task::Poll::Pending
            }
            _ => std::task::Poll::Ready(()),
        })
    }

    /// The bytes of `file` from `at`, `len` of them, when they are the piece asked for and
    /// have arrived; the piece asked for is let go either way.
    fn take(&self, file: &File, at: u64, len: usize) -> Option<ArrayBuffer> {
        let asked = self.asked.borrow_mut().take()?;
        let same = asked.at == at && asked.len == len && js_sys::Object::is(&asked.file, file);
        asked.bytes.filter(|_| same)
    }
}

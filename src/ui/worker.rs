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
//! the session comes to each, so that only one file's bytes are held at once.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use super::browser::mark;
use crate::import::{Input, Source};
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
    /// A request's files are being read: the ones after it wait.
    reading: Cell<bool>,
}

/// Installs the message handler; the worker then lives as long as the page.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = Rc::new(Worker {
        scope: scope.clone(),
        session: RefCell::new(Session::new()),
        waiting: RefCell::new(VecDeque::new()),
        reading: Cell::new(false),
    });
    let on_message = {
        let worker = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // Marks for the speed benchmark's breakdown (tests/e2e/bench.mjs --breakdown).
            mark("careboard-worker-received");
            worker.waiting.borrow_mut().push_back(event.data());
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
    /// Answers the requests waiting, in order, until one's files must first be read; that one
    /// is answered (and the rest after it) once they are.
    fn answer_waiting(this: &Rc<Worker>) {
        while !this.reading.get() {
            let Some(data) = this.waiting.borrow_mut().pop_front() else {
                return;
            };
            let files = files_of(&data);
            if files.is_empty() || total_size(&files) > READ_AHEAD_BYTES {
                this.answer(&data, files, Vec::new());
                continue;
            }
            this.reading.set(true);
            mark("careboard-worker-reading-ahead");
            let reads: Array = files.iter().map(|f| f.array_buffer()).collect();
            let this = this.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Never rejects: a file that could not be read is read again, synchronously,
                // when its turn comes, and its problem reported then as for any file.
                let settled = JsFuture::from(Promise::all_settled(&reads)).await;
                let buffers = settled.map(|s| read_buffers(&s)).unwrap_or_default();
                // Answered in a task of its own rather than in this promise's callback: should
                // the wasm trap while answering, the page hears of it (the worker's `error`
                // event); in a callback it would only reject a promise no one holds.
                let scope = this.scope.clone();
                let then = Closure::once_into_js(move || {
                    this.answer(&data, files, buffers);
                    this.reading.set(false);
                    Worker::answer_waiting(&this);
                });
                let _ = scope
                    .set_timeout_with_callback_and_timeout_and_arguments_0(then.unchecked_ref(), 0);
            });
        }
    }

    /// Answers one request: the session's progress, the lists and the outcome posted in turn.
    /// `read` holds the bytes read ahead for `files`, in order (none when not read ahead).
    fn answer(&self, data: &JsValue, files: Vec<File>, read: Vec<Option<ArrayBuffer>>) {
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
        let outcome = match handle(&self.session, data, files, read, &mut |r| post(&r)) {
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

fn handle(
    session: &RefCell<Session>,
    data: &JsValue,
    files: Vec<File>,
    read: Vec<Option<ArrayBuffer>>,
    progress: &mut dyn FnMut(Response),
) -> Result<Outcome, Problem> {
    let request: Request = Reflect::get(data, &envelope::REQUEST.into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or(Problem::UnreadableRequest)?;
    let files = held_files(files, read)?;
    mark("careboard-worker-files-read");
    Ok(session.borrow_mut().handle(request, files, progress))
}

/// The page's `File`s as the session holds them: handles, read when their turn comes (from
/// the bytes read ahead, the first time, if they were).
fn held_files(
    files: Vec<File>,
    read: Vec<Option<ArrayBuffer>>,
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
        let (from, to) = (at as f64, (at + len as u64) as f64);
        let Ok(blob) = self.0.file.slice_with_f64_and_f64(from, to) else {
            return false;
        };
        let Ok(buffer) = self.0.reader.read_as_array_buffer(&blob) else {
            return false;
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
}

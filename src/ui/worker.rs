//! The web worker's glue: receives a [`Request`] (JSON) with the dropped `File`s, hands them
//! to the [`Session`] as handles it reads synchronously (workers may) when their turn comes,
//! and posts back [`Response`]s as JSON in UTF-8 bytes. Nothing here computes a figure.
//!
//! Hand-written rather than gloo's: the message handler is the scope's `onmessage` property,
//! not an added listener, because that is where the worker's readiness can be seen from
//! outside (the end-to-end test waits for it; gloo's `EventListener` leaves it unset); and the
//! `File` handles are read with `FileReaderSync` (gloo-file reads only asynchronously, and the
//! worker answers each request in one go).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use super::browser::mark;
use crate::report::ChildLists;
use crate::session::{envelope, HeldFile, Outcome, Problem, Request, Response, Session, Step};

/// Installs the message handler; the worker then lives as long as the page.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session = RefCell::new(Session::new());
    let poster = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // Marks for the speed benchmark's breakdown (tests/e2e/bench.mjs --breakdown).
        mark("careboard-worker-received");
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
                let _ = post_bytes(&poster, &bytes);
            }
        };
        let outcome = match handle(&session, &event.data(), &mut |r| post(&r)) {
            Ok(outcome) => outcome,
            Err(problem) => Outcome {
                problem: Some(problem),
                ..session.borrow().outcome()
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
    });
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

/// Posts a response's JSON as UTF-8 bytes whose buffer is handed over, not copied: a large
/// report crosses to the page without being turned into a JavaScript string and back (two
/// conversions of every character, in the worker and on the page's main thread).
fn post_bytes(scope: &DedicatedWorkerGlobalScope, bytes: &[u8]) -> Result<(), JsValue> {
    let array = Uint8Array::from(bytes);
    scope.post_message_with_transfer(&array, &Array::of1(&array.buffer()))
}

fn handle(
    session: &RefCell<Session>,
    data: &JsValue,
    progress: &mut dyn FnMut(Response),
) -> Result<Outcome, Problem> {
    let request: Request = Reflect::get(data, &envelope::REQUEST.into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or(Problem::UnreadableRequest)?;
    let files = match Reflect::get(data, &envelope::FILES.into()) {
        Ok(list) if list.is_object() => held_files(&list.unchecked_into::<Array>())?,
        _ => Vec::new(),
    };
    mark("careboard-worker-files-read");
    Ok(session.borrow_mut().handle(request, files, progress))
}

/// The page's `File`s as the session holds them: handles, read when their turn comes.
fn held_files(list: &Array) -> Result<Vec<Box<dyn HeldFile>>, Problem> {
    let reader = Rc::new(FileReaderSync::new().map_err(|_| Problem::NoFileReader)?);
    Ok(list
        .iter()
        .map(|item| {
            let file: File = item.unchecked_into();
            Box::new(BrowserFile {
                name: file.name(),
                file,
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
    fn read(&self) -> Option<Vec<u8>> {
        // Marks for the benchmark's breakdown: the browser reading the file, then its bytes
        // copied into wasm memory.
        mark("careboard-worker-file-reading");
        let buffer = self.reader.read_as_array_buffer(&self.file).ok()?;
        mark("careboard-worker-file-in-js");
        let bytes = Uint8Array::new(&buffer).to_vec();
        mark("careboard-worker-file-in-wasm");
        Some(bytes)
    }
}

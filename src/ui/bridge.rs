//! The page's side of the worker: starts it from Trunk's loader shim (a same-origin script,
//! as the Content-Security-Policy requires), sends requests with files, hears responses, and
//! starts a new worker when a file kills the old one.
//!
//! A file may still kill the worker where the importers' limits do not reach (an allocation
//! the wasm cannot make, say), and a dead worker takes every file it held with it. So the
//! worker names each file just before it opens or reads it ([`Response::Reading`]), and the
//! bridge keeps what the worker's state was made from: the `File` handles added since the
//! sample was loaded or the files were removed (handles only: the browser reads the bytes
//! again when asked), and the last options. When the worker dies on one of those files, the
//! bridge sets that file aside (every file of that name), tells the page, starts a new worker
//! and sends it the other files and the options again. Each death sets a file aside, so this
//! ends. When the worker dies on no file of the user's (while working out the figures, or on
//! the sample), or never starts, the page stops.
//!
//! The listeners are gloo's `EventListener`s (removed when a worker is replaced or the bridge
//! dropped). Sending stays hand-written: the dropped `File`s must reach the worker as handles
//! beside the JSON request, unserialised, which gloo-worker's serialising bridge cannot carry.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};
use yew::Callback;

use super::browser::mark;
use super::held::{Held, Named};
use super::state::Stop;
use crate::report::ChildLists;
use crate::session::{envelope, Request, Response, Step};

/// The worker's script, relative to the page, so the site works under any sub-path.
const WORKER_SCRIPT: &str = "worker_loader.js";

/// The page's worker, restarted when a file kills it.
pub struct Bridge {
    inner: Rc<Inner>,
}

struct Inner {
    /// The live worker; `None` once the page has stopped.
    running: RefCell<Option<Running>>,
    /// What the worker's state was made from, to make it again in a new worker.
    held: RefCell<Held<File>>,
    on_response: Callback<Response>,
    /// Responses heard and not yet handed to the page: each is handed over in a task of its
    /// own, after the one that read it, so that reading a large report and showing it are not
    /// one long task (issue 12: no main-thread task over 100 ms). In order.
    to_hand: RefCell<std::collections::VecDeque<Response>>,
    on_stop: Callback<Stop>,
    on_set_aside: Callback<String>,
}

/// One worker and its listeners.
struct Running {
    worker: Worker,
    /// Which worker of this page this is (0 the first): an event of a replaced one is ignored.
    generation: u32,
    /// Requests made before the worker said it was listening, in order; `None` once it has.
    waiting: Option<Vec<Object>>,
    /// The child-level lists heard for the report the worker is about to send, put back into
    /// it when it comes ([`Response::Lists`]).
    lists: ChildLists,
    /// The file the worker said it is on, until it moves on to working out the figures.
    reading: Option<String>,
    /// The listener on the page's end of the channel through which the worker asks for a
    /// file's next piece while it splits one (`ui::worker::PageReader`); it keeps the port.
    _pieces: Option<EventListener>,
    _on_message: EventListener,
    _on_error: EventListener,
}

impl Named for File {
    fn file_name(&self) -> String {
        self.name()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl Bridge {
    /// Starts the worker; every response it sends goes to `on_response`. A file that kills
    /// the worker goes to `on_set_aside` (a new worker is then reading the others); if the
    /// page can read no more, `on_stop` hears why.
    pub fn spawn(
        on_response: Callback<Response>,
        on_stop: Callback<Stop>,
        on_set_aside: Callback<String>,
    ) -> Result<Bridge, Stop> {
        let inner = Rc::new(Inner {
            running: RefCell::new(None),
            held: RefCell::new(Held::default()),
            on_response,
            to_hand: RefCell::default(),
            on_stop,
            on_set_aside,
        });
        inner.start(0)?;
        Ok(Bridge { inner })
    }

    /// Sends a request, with `files` for [`Request::Add`]. The `File` objects themselves
    /// travel (a cheap handle), not their bytes: the worker reads them.
    pub fn send(&self, request: &Request, files: &[File]) {
        self.inner.held.borrow_mut().remember(request, files);
        self.inner.post(request, files);
    }
}

impl Inner {
    fn start(self: &Rc<Self>, generation: u32) -> Result<(), Stop> {
        let worker = Worker::new(WORKER_SCRIPT).map_err(|_| Stop::WorkerDidNotStart)?;
        let weak: Weak<Inner> = Rc::downgrade(self);
        let on_message = EventListener::new(&worker, "message", move |event| {
            mark("careboard-page-received");
            // The worker's JSON in UTF-8 bytes (`ui::worker`), read straight from them.
            let parsed = event
                .dyn_ref::<MessageEvent>()
                .and_then(|e| e.data().dyn_into::<js_sys::Uint8Array>().ok())
                .and_then(|bytes| serde_json::from_slice::<Response>(&bytes.to_vec()).ok());
            if let Some(Response::Ready(_)) = &parsed {
                mark("careboard-page-deserialised");
            }
            if let (Some(inner), Some(response)) = (weak.upgrade(), parsed) {
                inner.heard(response);
            }
        });
        let weak: Weak<Inner> = Rc::downgrade(self);
        let on_error = EventListener::new(&worker, "error", move |_| {
            if let Some(inner) = weak.upgrade() {
                // After this event, not inside it: the restart drops this very listener.
                yew::platform::spawn_local(async move { inner.died(generation) });
            }
        });
        *self.running.borrow_mut() = Some(Running {
            worker,
            generation,
            waiting: Some(Vec::new()),
            lists: ChildLists::default(),
            reading: None,
            _pieces: None,
            _on_message: on_message,
            _on_error: on_error,
        });
        Ok(())
    }

    fn post(&self, request: &Request, files: &[File]) {
        let message = Object::new();
        let text = serde_json::to_string(request).unwrap_or_default();
        let list: Array = files.iter().collect();
        // Setting properties on a fresh plain object cannot fail.
        let _ = Reflect::set(
            &message,
            &envelope::REQUEST.into(),
            &JsValue::from_str(&text),
        );
        let _ = Reflect::set(&message, &envelope::FILES.into(), &list);
        let mut running = self.running.borrow_mut();
        let Some(running) = running.as_mut() else {
            return;
        };
        match running.waiting.as_mut() {
            Some(queue) => queue.push(message),
            None => {
                let _ = running.worker.post_message(&message);
            }
        }
    }

    fn heard(self: &Rc<Self>, mut response: Response) {
        {
            let mut running = self.running.borrow_mut();
            let Some(running) = running.as_mut() else {
                return;
            };
            match &mut response {
                Response::Lists(part) => {
                    // Kept for the report that follows; the page hears only that.
                    running.lists.extend(std::mem::take(&mut **part));
                    return;
                }
                Response::Ready(outcome) => {
                    running.reading = None;
                    let lists = std::mem::take(&mut running.lists);
                    // Just read from the worker's bytes, so not yet shared.
                    if let Some(report) = outcome.report.as_mut().and_then(Rc::get_mut) {
                        report.put_lists(lists);
                    }
                }
                Response::Rehearsal(outcome) => {
                    // Read above (so the browser compiled the reading); now presented once, when
                    // the page has nothing else to do, and dropped. Never shown.
                    let report = outcome.report.take();
                    super::browser::when_idle(move || {
                        if let Some(report) = report {
                            let sections =
                                crate::present::sections(&report, Default::default()).len();
                            super::report::rehearse(report);
                            mark(if sections > 0 {
                                "careboard-page-rehearsed"
                            } else {
                                "careboard-page-rehearsal-empty"
                            });
                        }
                    });
                    return;
                }
                Response::Listening => {
                    // For the tests: from here on the page needs nothing more from its server.
                    mark("careboard-worker-listening");
                    running._pieces = read_pieces_for(&running.worker);
                    for message in running.waiting.take().unwrap_or_default() {
                        let _ = running.worker.post_message(&message);
                    }
                }
                Response::Reading { file } => running.reading = Some(file.clone()),
                Response::Progress {
                    step: Step::Computing,
                    ..
                } => running.reading = None,
                Response::Progress { .. } => {}
            }
        }
        let first = {
            let mut to_hand = self.to_hand.borrow_mut();
            to_hand.push_back(response);
            to_hand.len() == 1
        };
        if first {
            let weak = Rc::downgrade(self);
            super::browser::after_task(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.hand_over();
                }
            });
        }
    }

    /// Hands the page every response heard, in order.
    fn hand_over(&self) {
        while let Some(response) = self.to_hand.borrow_mut().pop_front() {
            self.on_response.emit(response);
        }
    }

    /// The worker `generation` died: set aside the file it was on and start again without it,
    /// or stop.
    fn died(self: &Rc<Self>, generation: u32) {
        let dead = self
            .running
            .borrow_mut()
            .take_if(|r| r.generation == generation);
        let Some(dead) = dead else {
            return;
        };
        let listened = dead.waiting.is_none();
        let culprit = dead.reading.clone();
        drop(dead);
        let set_aside = self.held.borrow_mut().set_aside(culprit.as_deref());
        let Some((name, replay)) = set_aside else {
            self.on_stop.emit(if listened {
                Stop::WorkerStopped
            } else {
                Stop::WorkerDidNotStart
            });
            return;
        };
        self.on_set_aside.emit(name);
        if let Err(stop) = self.start(generation + 1) {
            self.on_stop.emit(stop);
            return;
        }
        // The options first, so that the files' figures come with them; the options alone
        // answer when no file is left.
        self.post(&Request::Options(replay.options), &[]);
        if !replay.profile.is_empty() {
            self.post(&Request::Profile(replay.profile), &[]);
        }
        if !replay.files.is_empty() {
            self.post(&Request::Add, &replay.files);
        }
    }
}

/// Opens the channel through which `worker` asks the page for a file's next piece, sending it
/// the worker's end ([`envelope::READER`]), and answers each ask: the page's main thread reads
/// the piece asynchronously (it is idle while the worker splits files) and hands the bytes over
/// (or null, when they could not be read). `None` when the channel cannot be made: the worker
/// then reads every piece itself.
fn read_pieces_for(worker: &Worker) -> Option<EventListener> {
    let channel = web_sys::MessageChannel::new().ok()?;
    let (ours, theirs) = (channel.port1(), channel.port2());
    let message = Object::new();
    // Setting properties on a fresh plain object cannot fail.
    let _ = Reflect::set(&message, &envelope::READER.into(), &theirs);
    worker
        .post_message_with_transfer(&message, &Array::of1(&theirs))
        .ok()?;
    let port = ours.clone();
    let listener = EventListener::new(&ours, "message", move |event| {
        // [number, File, start, length] ([`envelope::READER`]).
        let Some(ask) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else {
            return;
        };
        let ask: Array = ask.unchecked_into();
        let (id, from, len) = (ask.get(0), ask.get(2).as_f64(), ask.get(3).as_f64());
        let (Ok(file), Some(from), Some(len)) = (ask.get(1).dyn_into::<File>(), from, len) else {
            return;
        };
        let port = port.clone();
        yew::platform::spawn_local(async move {
            let bytes = match file.slice_with_f64_and_f64(from, from + len) {
                Ok(piece) => wasm_bindgen_futures::JsFuture::from(piece.array_buffer())
                    .await
                    .unwrap_or(JsValue::NULL),
                Err(_) => JsValue::NULL,
            };
            let answer = Array::of2(&id, &bytes);
            let handed = match bytes.is_null() {
                true => Array::new(),
                false => Array::of1(&bytes),
            };
            if port
                .post_message_with_transferable(&answer, &handed)
                .is_ok()
                && !bytes.is_null()
            {
                // For the tests: each piece the page read for the worker.
                mark("careboard-page-piece-read");
            }
        });
    });
    // A port listened to with addEventListener receives only once started.
    ours.start();
    Some(listener)
}

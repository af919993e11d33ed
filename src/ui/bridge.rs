//! The page's side of the worker: starts it from Trunk's loader shim (a same-origin script,
//! as the Content-Security-Policy requires), sends requests with files, hears responses.
//!
//! The listeners are gloo's `EventListener`s (removed when the bridge is dropped). Sending
//! stays hand-written: the dropped `File`s must reach the worker as handles beside the JSON
//! request, unserialised, which gloo-worker's serialising bridge cannot carry.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};
use yew::Callback;

use super::state::Stop;
use crate::session::{envelope, Request, Response};

/// The worker's script, relative to the page, so the site works under any sub-path.
const WORKER_SCRIPT: &str = "worker_loader.js";

/// A running worker and its listeners.
pub struct Bridge {
    worker: Worker,
    /// Requests made before the worker said it was listening, in order; `None` once it has.
    waiting: Rc<RefCell<Option<Vec<Object>>>>,
    _on_message: EventListener,
    _on_error: EventListener,
}

impl Bridge {
    /// Starts the worker; every response it sends goes to `on_response`. If the worker stops
    /// (a file crashed the reader), `on_stop` hears of it.
    pub fn spawn(on_response: Callback<Response>, on_stop: Callback<Stop>) -> Result<Bridge, Stop> {
        let worker = Worker::new(WORKER_SCRIPT).map_err(|_| Stop::WorkerDidNotStart)?;
        let waiting: Rc<RefCell<Option<Vec<Object>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let (held, target) = (waiting.clone(), worker.clone());
        let on_message = EventListener::new(&worker, "message", move |event| {
            let parsed = event
                .dyn_ref::<MessageEvent>()
                .and_then(|e| e.data().as_string())
                .and_then(|text| serde_json::from_str::<Response>(&text).ok());
            match parsed {
                Some(Response::Listening) => {
                    for message in held.borrow_mut().take().unwrap_or_default() {
                        let _ = target.post_message(&message);
                    }
                }
                Some(response) => on_response.emit(response),
                None => {}
            }
        });
        let on_error = EventListener::new(&worker, "error", move |_| {
            on_stop.emit(Stop::WorkerStopped);
        });
        Ok(Bridge {
            worker,
            waiting,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request, with `files` for [`Request::Add`]. The `File` objects themselves
    /// travel (a cheap handle), not their bytes: the worker reads them.
    pub fn send(&self, request: &Request, files: &[File]) {
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
        match self.waiting.borrow_mut().as_mut() {
            Some(queue) => queue.push(message),
            None => {
                let _ = self.worker.post_message(&message);
            }
        }
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

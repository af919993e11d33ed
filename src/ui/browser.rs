//! The page's remaining browser glue: downloads, the remembered settings, performance marks,
//! print and the screen's pixel density. Downloads use gloo's `Blob` and `ObjectUrl` (a
//! `blob:` URL of this page's own origin, revoked when dropped); nothing is sent anywhere.
//!
//! Two pieces stay hand-written because gloo cannot do their job here: the download link
//! itself (gloo has no "save as"; a temporary `<a download>` is clicked), and local storage:
//! gloo-storage throws when the browser refuses storage (site data blocked by a council's
//! policy, some private modes), which would stop the page, whereas remembering settings is a
//! convenience the page must do without silently.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlAnchorElement;

use super::state::Remembered;

/// Offers `content` as a file named `name` of type `mime`.
pub fn download_text(name: &str, mime: &str, content: &str) {
    let blob = gloo_file::Blob::new_with_options(content, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    // The click starts the download at once; the URL is revoked when `url` is dropped.
    download_href(name, &url);
}

/// Offers `bytes` as a file named `name` of type `mime`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    let blob = gloo_file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    download_href(name, &url);
}

/// Clicks a temporary link to `url` with the download name `name`.
pub fn download_href(name: &str, url: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(anchor) = document.create_element("a") else {
        return;
    };
    let anchor: HtmlAnchorElement = anchor.unchecked_into();
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
}

/// The local-storage key of the remembered settings.
const SETTINGS_KEY: &str = "careboard.settings.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered settings, or the defaults (also where storage is refused).
pub fn load_remembered() -> Remembered {
    storage()
        .and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers the settings (silently does nothing where storage is refused).
pub fn save_remembered(remembered: &Remembered) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(remembered)) {
        let _ = s.set_item(SETTINGS_KEY, &text);
    }
}

/// A performance mark for the speed benchmark (`performance.getEntriesByName`), on the page
/// or in the worker (each has its own timeline: `tests/e2e/bench.mjs` puts the worker's on the
/// page's through `performance.timeOrigin`).
pub fn mark(name: &str) {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
    if let Some(p) = performance {
        let _ = p.mark(name);
    }
}

/// The mark `name` made in the next task of the event loop (a zero-delay timeout), that is
/// once the task under way has ended.
pub fn mark_after_task(name: &'static str) {
    after_task(move || mark(name));
}

/// Runs `f` in a task of its own after the one under way (a zero-delay timeout).
pub fn after_task(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0);
    }
}

/// Work the page does after the task under way, in slices of at most [`SLICE_MS`] so that no
/// task keeps the page from answering (issue 12: no main-thread task over 100 ms): putting
/// the report's sections on the page and drawing their charts, once its figures are there.
/// Jobs run in the order given; [`when_idle`] hears when none is left; [`run_pending`] runs
/// them all at once, then the work only print needs ([`for_print`]), before printing.
#[derive(Default)]
struct Later {
    jobs: std::collections::VecDeque<Box<dyn FnOnce()>>,
    idle: Vec<Box<dyn FnOnce()>>,
    /// Work for the printed page alone, which the screen never shows: done only by
    /// [`run_pending`], when the page is about to be printed.
    prints: Vec<Box<dyn FnOnce()>>,
    scheduled: bool,
}

thread_local! {
    static LATER: std::cell::RefCell<Later> = std::cell::RefCell::new(Later::default());
}

/// How long one slice of [`later`]'s work may run before the page gets the thread back.
const SLICE_MS: f64 = 40.0;

/// Runs `job` in a later task (after those given before it).
pub fn later(job: impl FnOnce() + 'static) {
    LATER.with(|l| l.borrow_mut().jobs.push_back(Box::new(job)));
    schedule();
}

/// Calls `done` once no job of [`later`] is left, in a later task (so that jobs given in the
/// task under way are waited for too).
pub fn when_idle(done: impl FnOnce() + 'static) {
    LATER.with(|l| l.borrow_mut().idle.push(Box::new(done)));
    schedule();
}

/// Runs `job` only when the page is about to be printed ([`run_pending`]): charts' printed
/// copies, hidden on screen. Made for every chart of every report, they were drawing work the
/// screen never shows, in the report's last step (figures shown to charts drawn). A job stays
/// until then (a chart's is a weak reference: it does nothing once the chart is gone).
pub fn for_print(job: impl FnOnce() + 'static) {
    LATER.with(|l| l.borrow_mut().prints.push(Box::new(job)));
}

/// Runs every job waiting, now, then the work for print (printing must not wait for a chart;
/// the jobs may give more of that work: a chart drawn asks for its printed copy).
pub fn run_pending() {
    while let Some(job) = LATER.with(|l| l.borrow_mut().jobs.pop_front()) {
        job();
    }
    for job in LATER.with(|l| std::mem::take(&mut l.borrow_mut().prints)) {
        job();
    }
}

fn schedule() {
    if LATER.with(|l| std::mem::replace(&mut l.borrow_mut().scheduled, true)) {
        return;
    }
    next_slice();
}

/// Starts a slice in a task of its own as soon as the one under way (and its microtasks) has
/// ended: a message to the page's own port (a `MessageChannel`). A zero-delay timeout would
/// do, but browsers hold back every timeout set from a fifth nested one by 4 ms or more, and
/// a report's slices are such a chain.
fn next_slice() {
    thread_local! {
        static CHANNEL: Option<(web_sys::MessageChannel, Closure<dyn FnMut()>)> = slice_channel();
    }
    let posted = CHANNEL.with(|c| {
        c.as_ref()
            .is_some_and(|(channel, _)| channel.port2().post_message(&JsValue::NULL).is_ok())
    });
    if !posted {
        after_task(|| yew::platform::spawn_local(slice()));
    }
}

/// The channel [`next_slice`] posts to, and its port's handler, which starts a slice: made
/// once, kept for the page's life.
fn slice_channel() -> Option<(web_sys::MessageChannel, Closure<dyn FnMut()>)> {
    let channel = web_sys::MessageChannel::new().ok()?;
    let start = Closure::<dyn FnMut()>::new(|| yew::platform::spawn_local(slice()));
    channel
        .port1()
        .set_onmessage(Some(start.as_ref().unchecked_ref()));
    Some((channel, start))
}

/// One slice: jobs until [`SLICE_MS`] have passed or none is left, then the renders they
/// asked for (Yew renders in a microtask), let run in this same task: they may give more jobs
/// (a section put on the page gives its charts' drawings, and the next section), for another
/// slice. When they give none, the idle callbacks ([`settle`]), where a slice used to come
/// after the last only to find no job. (Taking on the renders' jobs in this same task would
/// save a few tasks and frames, but a section's first render can be long, which made tasks
/// of 110-160 ms where the slice had room for a second one.)
async fn slice() {
    let clock = web_sys::window().and_then(|w| w.performance());
    let now = || clock.as_ref().map_or(0.0, |p| p.now());
    let start = now();
    while let Some(job) = LATER.with(|l| l.borrow_mut().jobs.pop_front()) {
        job();
        if now() - start > SLICE_MS {
            break;
        }
    }
    rendered().await;
    let (left, waiting) = LATER.with(|l| {
        let mut l = l.borrow_mut();
        l.scheduled = false;
        (!l.jobs.is_empty(), !l.idle.is_empty())
    });
    if left {
        schedule();
    } else if waiting {
        after_task(settle);
    }
}

/// Once the microtasks queued so far have run: Yew's renders asked for before it, and the
/// effects they run.
async fn rendered() {
    let _ =
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED)).await;
}

/// Calls the idle callbacks, unless a job came since the last slice. In a zero-delay timeout
/// after that slice: Yew, when a render runs past 16 ms, leaves the rest (effects that may
/// give jobs) to a zero-delay timeout of its own, set before this one and so run before it.
fn settle() {
    let idle = LATER.with(|l| {
        let mut l = l.borrow_mut();
        if l.scheduled || !l.jobs.is_empty() {
            Vec::new()
        } else {
            std::mem::take(&mut l.idle)
        }
    });
    for done in idle {
        done();
    }
}

/// Opens the browser's print dialogue (print or save as PDF).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Device pixels per CSS pixel (at least 1), so canvases draw sharply.
pub fn device_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| *r >= 1.0)
        .unwrap_or(1.0)
}

/// Moves keyboard focus to the element with this id; `false` when there is none (or it cannot
/// take focus).
pub fn focus_id(id: &str) -> bool {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return false;
    };
    element
        .dyn_into::<web_sys::HtmlElement>()
        .is_ok_and(|e| e.focus().is_ok())
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`), then calls `done` with
/// whether the browser allowed it. Reached through `Reflect` so that no unstable web-sys API
/// is needed; a browser without the clipboard API answers `false` at once.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key));
    let promise = web_sys::window()
        .and_then(|w| get(&w, "navigator").ok())
        .and_then(|navigator| get(&navigator, "clipboard").ok())
        .filter(|clipboard| clipboard.is_object())
        .and_then(|clipboard| {
            let write = get(&clipboard, "writeText").ok()?;
            let write: &js_sys::Function = write.dyn_ref()?;
            write.call1(&clipboard, &JsValue::from_str(text)).ok()
        })
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let Some(promise) = promise else {
        done(false);
        return;
    };
    // One of the two runs; the shared slot hands `done` to whichever does.
    let slot = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let (ok, failed) = (slot.clone(), slot);
    let ok = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        if let Some(done) = ok.take() {
            done(true);
        }
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        if let Some(done) = failed.take() {
            done(false);
        }
    });
    let _ = promise.then2(&ok, &failed);
    // The promise settles later: the two small closures live on (once per click of "Copy").
    ok.forget();
    failed.forget();
}

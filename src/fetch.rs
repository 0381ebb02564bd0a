//! Downloading and opening the index (through its manifest, when given one), once per page and
//! URL, and the parts of a split index as searches ask for them. Every failure becomes a
//! sentence a site owner can act on (the HTTP status and URL, or the index format error), never
//! a panic.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use faq_search_engine::Index;

use faq_search_engine::manifest::Manifest;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    // The global `fetch`, so the JS API also works in a Web Worker (no `window` there).
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str) -> Result<js_sys::Promise, JsValue>;

    /// `String(value)`: how JavaScript itself would print a thrown non-Error value. (The
    /// widget's build leaves derived `Debug` output out, so `{:?}` would print nothing.)
    #[wasm_bindgen(js_name = String)]
    fn js_string(value: &JsValue) -> String;
}

thread_local! {
    /// Downloads the JS API started before this module was ready (the manifest and the index
    /// it names load while the wasm does), by absolute URL: each is used by the first fetch of
    /// its URL, once.
    static EARLY: RefCell<HashMap<String, js_sys::Promise>> = RefCell::new(HashMap::new());
}

/// Lets the next [`fetch_bytes`] of `url` use `response`, a promise of the `Response` of a
/// fetch already under way, instead of asking again.
pub fn provide_response(url: String, response: js_sys::Promise) {
    EARLY.with(|early| early.borrow_mut().insert(url, response));
}

/// Called as a download goes: bytes received so far (after decompression), and the size the
/// manifest gave, if any.
pub type Progress = Rc<dyn Fn(u64, Option<u64>)>;

/// Downloads `url` (already absolute) and returns its bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    fetch_reporting(url, None, None).await
}

/// [`fetch_bytes`], reading the body as it streams in and telling `progress` how far it got
/// (of `total` bytes, when known).
async fn fetch_reporting(
    url: &str,
    total: Option<u64>,
    progress: Option<&Progress>,
) -> Result<Vec<u8>, String> {
    let network_error = |e: JsValue| {
        format!(
            "the search index could not be loaded (network error for {url}: {})",
            js_message(&e)
        )
    };
    let early = EARLY.with(|early| early.borrow_mut().remove(url));
    let promise = match early {
        Some(promise) => promise,
        None => global_fetch(url).map_err(network_error)?,
    };
    let response = JsFuture::from(promise).await.map_err(network_error)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| {
        format!("the search index could not be loaded (fetch returned no response for {url})")
    })?;
    if !response.ok() {
        let status = response.status();
        let text = response.status_text();
        let status = if text.is_empty() {
            status.to_string()
        } else {
            format!("{status} {text}")
        };
        return Err(format!(
            "the search index could not be loaded (HTTP {status} for {url})"
        ));
    }
    if let (Some(progress), Some(body)) = (progress, response.body()) {
        return read_stream(body, total, progress)
            .await
            .map_err(network_error);
    }
    let buffer = response.array_buffer().map_err(network_error)?;
    let buffer = JsFuture::from(buffer).await.map_err(network_error)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads a response body chunk by chunk, reporting the bytes so far after each.
async fn read_stream(
    body: web_sys::ReadableStream,
    total: Option<u64>,
    progress: &Progress,
) -> Result<Vec<u8>, JsValue> {
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut out: Vec<u8> = Vec::with_capacity(total.unwrap_or(0).min(64 << 20) as usize);
    progress(0, total);
    loop {
        let step = JsFuture::from(reader.read()).await?;
        let done = js_sys::Reflect::get(&step, &JsValue::from_str("done"))?;
        if done.as_bool() != Some(false) {
            break;
        }
        let value = js_sys::Reflect::get(&step, &JsValue::from_str("value"))?;
        let chunk: js_sys::Uint8Array = value.dyn_into()?;
        let start = out.len();
        out.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut out[start..]);
        progress(out.len() as u64, total);
    }
    Ok(out)
}

/// Downloads and opens the index at `url`: an index file, or a manifest (`….json`) from which
/// the index for `locales` (most wanted first) is picked. The error is the text to show or throw.
pub async fn load_index(url: &str, locales: &[String]) -> Result<Index, String> {
    load_reporting(url, locales, None).await
}

/// [`load_index`], telling `progress` how the index file's download goes.
async fn load_reporting(
    url: &str,
    locales: &[String],
    progress: Option<&Progress>,
) -> Result<Index, String> {
    let (index_url, total) = if is_manifest(url) {
        let bytes = fetch_bytes(url).await?;
        let manifest = parse_manifest(&bytes)
            .map_err(|e| format!("the search index could not be loaded ({e}; {url})"))?;
        let entry = crate::manifest::pick(&manifest, locales)
            .ok_or_else(|| format!("the manifest lists no index ({url})"))?;
        // The stemmer of the index's language downloads beside the index, not after it.
        crate::stemmers::prefetch(&entry.locale);
        (
            join_url(url, &entry.file)?,
            (entry.bytes > 0).then_some(entry.bytes),
        )
    } else {
        (url.to_string(), None)
    };
    let bytes = fetch_reporting(&index_url, total, progress).await?;
    let mut index = Index::from_bytes(bytes).map_err(|e| e.to_string())?;
    index.set_location(index_url);
    crate::stemmers::ensure(&index).await?;
    Ok(index)
}

fn is_manifest(url: &str) -> bool {
    web_sys::Url::new(url).is_ok_and(|u| u.pathname().ends_with(".json"))
}

fn parse_manifest(bytes: &[u8]) -> Result<Manifest, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the manifest is not UTF-8 text")?;
    let value = js_sys::JSON::parse(text).map_err(|_| "the manifest is not valid JSON")?;
    let manifest = crate::manifest::from_js(&value)
        .map_err(|e| format!("the manifest is not as expected ({e})"))?;
    crate::manifest::check(manifest)
}

/// `relative` resolved against `base`, refusing anything that leaves its folder's host.
fn join_url(base: &str, relative: &str) -> Result<String, String> {
    let url = web_sys::Url::new_with_base(relative, base)
        .map_err(|_| format!("the manifest names an invalid file \"{relative}\""))?;
    let origin = web_sys::Url::new(base)
        .map(|b| b.origin())
        .unwrap_or_default();
    if url.origin() != origin {
        return Err(format!(
            "the manifest names a file on another site (\"{relative}\")"
        ));
    }
    Ok(url.href())
}

type SharedLoad = Shared<LocalBoxFuture<'static, Result<Rc<Index>, String>>>;
/// Everyone waiting for one shared load, told of its progress.
type Listeners = Rc<RefCell<Vec<Progress>>>;
type SharedPart = Shared<LocalBoxFuture<'static, Result<(), String>>>;

thread_local! {
    /// Indexes the widgets of this page loaded or are loading, by URL and wanted locales:
    /// several widgets on one page (a header button and an inline search) share one download
    /// and one copy in memory.
    static LOADED: RefCell<HashMap<String, (SharedLoad, Listeners)>> = RefCell::new(HashMap::new());
    /// Parts of split indexes being fetched, by part URL, so widgets sharing an index share
    /// the download too.
    static PARTS: RefCell<HashMap<String, SharedPart>> = RefCell::new(HashMap::new());
}

/// [`load_index`] shared between the widgets of a page, each told of the download's progress.
/// A failure is not kept, so Retry downloads again.
pub async fn load_shared(
    url: &str,
    locales: &[String],
    progress: Progress,
) -> Result<Rc<Index>, String> {
    let key = format!("{url}\n{}", locales.join(","));
    let (load, listeners) = LOADED.with(|loaded| {
        let mut loaded = loaded.borrow_mut();
        let (load, listeners) = loaded.entry(key.clone()).or_insert_with(|| {
            let url = url.to_string();
            let locales = locales.to_vec();
            let listeners: Listeners = Rc::new(RefCell::new(Vec::new()));
            let tell: Progress = {
                let listeners = listeners.clone();
                Rc::new(move |received, total| {
                    // A copy: a listener may make another widget join while it runs.
                    let all: Vec<Progress> = listeners.borrow().clone();
                    for listener in all {
                        listener(received, total);
                    }
                })
            };
            let load = async move {
                load_reporting(&url, &locales, Some(&tell))
                    .await
                    .map(Rc::new)
            }
            .boxed_local()
            .shared();
            (load, listeners)
        });
        listeners.borrow_mut().push(progress);
        (load.clone(), listeners.clone())
    });
    let result = load.await;
    // The download is over: nobody needs telling, and the callbacks (which hold the widgets'
    // state) should not outlive it.
    listeners.borrow_mut().clear();
    if result.is_err() {
        LOADED.with(|loaded| loaded.borrow_mut().remove(&key));
    }
    result
}

/// Fetches the parts `wanted` of a split index (all at once) and adds them to it. Parts
/// already loaded or on their way are not fetched twice. Fails with the first error, after
/// every fetch has ended.
pub async fn load_parts(index: Rc<Index>, wanted: Vec<usize>) -> Result<(), String> {
    let mut loads = Vec::new();
    for part in wanted {
        if index.part_loaded(part) {
            continue;
        }
        let Some(info) = index.parts().get(part) else {
            continue;
        };
        let url = join_url(index.location(), &info.file)?;
        let load = PARTS.with(|parts| {
            parts
                .borrow_mut()
                .entry(url.clone())
                .or_insert_with(|| {
                    let index = index.clone();
                    let url = url.clone();
                    async move {
                        let bytes = fetch_bytes(&url).await?;
                        index.add_part(part, bytes).map_err(|e| {
                            format!("the search index could not be loaded ({url}: {e})")
                        })
                    }
                    .boxed_local()
                    .shared()
                })
                .clone()
        });
        // Started now, so the downloads run side by side while they are awaited in turn
        // below (a `Shared` future runs for whoever polls it first).
        wasm_bindgen_futures::spawn_local(load.clone().map(drop));
        loads.push((load, url));
    }
    let mut outcome = Ok(());
    for (load, url) in loads {
        if let Err(message) = load.await {
            PARTS.with(|parts| parts.borrow_mut().remove(&url));
            outcome = outcome.and(Err(message));
        }
    }
    outcome
}

/// The message of a JS exception or rejection value, whatever was thrown.
pub fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| js_string(value))
}

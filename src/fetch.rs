//! Downloading and opening the index file, once per page and URL. Every failure becomes a
//! sentence a site owner can act on (the HTTP status and URL, or the index format error), never
//! a panic.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use faq_search_engine::Index;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    // The global `fetch`, so the JS API also works in a Web Worker (no `window` there).
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Downloads `url` (already absolute) and returns its bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let network_error = |e: JsValue| {
        format!(
            "the search index could not be loaded (network error for {url}: {})",
            js_message(&e)
        )
    };
    let promise = global_fetch(url).map_err(network_error)?;
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
    let buffer = response.array_buffer().map_err(network_error)?;
    let buffer = JsFuture::from(buffer).await.map_err(network_error)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Downloads and opens the index at `url`. The error is the text to show or throw.
pub async fn load_index(url: &str) -> Result<Index, String> {
    let bytes = fetch_bytes(url).await?;
    Index::from_bytes(bytes).map_err(|e| e.to_string())
}

type SharedLoad = Shared<LocalBoxFuture<'static, Result<Rc<Index>, String>>>;

thread_local! {
    /// Indexes the widgets of this page loaded or are loading, by URL: several widgets on one
    /// page (a header button and an inline search) share one download and one copy in memory.
    static LOADED: RefCell<HashMap<String, SharedLoad>> = RefCell::new(HashMap::new());
}

/// [`load_index`] shared between the widgets of a page. A failure is not kept, so Retry
/// downloads again.
pub async fn load_shared(url: &str) -> Result<Rc<Index>, String> {
    let load = LOADED.with(|loaded| {
        loaded
            .borrow_mut()
            .entry(url.to_string())
            .or_insert_with(|| {
                let url = url.to_string();
                async move { load_index(&url).await.map(Rc::new) }
                    .boxed_local()
                    .shared()
            })
            .clone()
    });
    let result = load.await;
    if result.is_err() {
        LOADED.with(|loaded| loaded.borrow_mut().remove(url));
    }
    result
}

/// The message of a JS exception or rejection value, whatever was thrown.
pub fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

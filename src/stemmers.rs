//! The Snowball stemmers, downloaded by language. The widget's module carries none of them
//! (see the engine's `tokenizer/stemmer.rs`): once an index is chosen, the stemmer of each of
//! its languages is fetched from `stem-<language>.wasm` next to this module, instantiated, and
//! installed into the engine's tokenizer before the index is searched. Each stemmer downloads
//! once per page, for every widget and index that needs it.

use std::cell::RefCell;
use std::collections::HashMap;

use faq_search_engine::tokenizer::{install_stemmer, Stemming};
use faq_search_engine::Index;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use js_sys::{Function, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::fetch::{global_fetch, js_message, take_early};

type SharedLoad = Shared<LocalBoxFuture<'static, Result<(), String>>>;

thread_local! {
    /// Where the stemmer modules are: the folder of the widget's own module, as the JS API
    /// tells it ([`set_asset_base`]).
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Stemmers downloaded or downloading, by language.
    static LOADS: RefCell<HashMap<Stemming, SharedLoad>> = RefCell::new(HashMap::new());
}

/// Tells the widget the URL of the folder its module was loaded from (ending in `/`), where
/// the stemmer modules are. The JS API calls it once the module is ready.
#[wasm_bindgen(js_name = setAssetBase)]
pub fn set_asset_base(url: String) {
    BASE.with(|b| *b.borrow_mut() = Some(url));
}

/// The URL of `file` next to the widget's module, if the widget knows where its files are.
pub fn asset_url(file: &str) -> Option<String> {
    let base = BASE.with(|b| b.borrow().clone())?;
    let url = web_sys::Url::new_with_base(file, &base).ok()?;
    Some(url.href())
}

/// The URL of `language`'s stemmer module, if the widget knows where its files are.
pub fn module_url(language: Stemming) -> Option<String> {
    asset_url(&format!("stem-{}.wasm", language.name()))
}

/// Starts downloading the stemmer of `locale`'s language, if it has one, so that it arrives
/// beside the index rather than after it. What went wrong is reported by [`ensure`].
pub fn prefetch(locale: &str) {
    if let Some(language) = Stemming::from_locale(locale) {
        drop(load_shared(language));
    }
}

/// Makes sure every stemmer `index` needs is installed, downloading those that are not.
/// Fails with a sentence for the error state when one cannot be loaded.
pub async fn ensure(index: &Index) -> Result<(), String> {
    let needed: Vec<Stemming> = index
        .stemmings()
        .into_iter()
        .filter(|s| !s.is_available())
        .collect();
    for language in needed {
        load_shared(language).await?;
    }
    Ok(())
}

/// The one download of `language`'s stemmer, started if it was not. A failure is not kept,
/// so Retry downloads again.
fn load_shared(language: Stemming) -> SharedLoad {
    LOADS.with(|loads| {
        loads
            .borrow_mut()
            .entry(language)
            .or_insert_with(|| {
                async move {
                    let result = load(language).await;
                    if result.is_err() {
                        LOADS.with(|loads| loads.borrow_mut().remove(&language));
                    }
                    result
                }
                .boxed_local()
                .shared()
            })
            .clone()
    })
}

async fn load(language: Stemming) -> Result<(), String> {
    let name = language.name();
    let Some(url) = module_url(language) else {
        return Err(format!(
            "the {name} stemmer cannot be found: load the widget through faq-search.js or faq-search-api.js"
        ));
    };
    let failed =
        |why: String| format!("the search could not be loaded (the {name} stemmer, {url}: {why})");
    let promise = match take_early(&url) {
        Some(promise) => promise,
        None => global_fetch(&url).map_err(|e| failed(js_message(&e)))?,
    };
    let response = JsFuture::from(promise)
        .await
        .map_err(|e| failed(js_message(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| failed("no response".into()))?;
    if !response.ok() {
        return Err(failed(format!("HTTP {}", response.status())));
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| failed(js_message(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| failed(js_message(&e)))?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    let instantiated = JsFuture::from(WebAssembly::instantiate_buffer(
        &bytes,
        &js_sys::Object::new(),
    ))
    .await
    .map_err(|e| failed(js_message(&e)))?;
    let module = StemmerModule::new(&instantiated)
        .ok_or_else(|| failed("not a faq-search stemmer module".into()))?;
    install_stemmer(language, move |word| module.stem(word));
    Ok(())
}

/// A stemmer module's exports (see `engine/stemmer-module/src/lib.rs` for the interface).
struct StemmerModule {
    memory: WebAssembly::Memory,
    input: Function,
    stem: Function,
    output: Function,
}

impl StemmerModule {
    /// Reads the exports of `instantiated` (`{ module, instance }`); None if any is missing.
    fn new(instantiated: &JsValue) -> Option<StemmerModule> {
        let instance = Reflect::get(instantiated, &"instance".into()).ok()?;
        let exports = Reflect::get(&instance, &"exports".into()).ok()?;
        let get = |name: &str| Reflect::get(&exports, &name.into()).ok();
        Some(StemmerModule {
            memory: get("memory")?.dyn_into().ok()?,
            input: get("fqs_input")?.dyn_into().ok()?,
            stem: get("fqs_stem")?.dyn_into().ok()?,
            output: get("fqs_output")?.dyn_into().ok()?,
        })
    }

    /// The stem of `word`; the word itself if the module misbehaves (it never should: a
    /// missing stem only costs matches, where a panic would stop every widget on the page).
    fn stem(&self, word: &str) -> String {
        self.try_stem(word).unwrap_or_else(|| word.to_string())
    }

    fn try_stem(&self, word: &str) -> Option<String> {
        let len = word.len() as u32;
        let at = self
            .input
            .call1(&JsValue::NULL, &len.into())
            .ok()?
            .as_f64()? as u32;
        // The memory may have grown (and its buffer been replaced) in the call above.
        let memory = Uint8Array::new(&self.memory.buffer());
        if u64::from(at) + u64::from(len) > u64::from(memory.length()) {
            return None;
        }
        memory.subarray(at, at + len).copy_from(word.as_bytes());
        let n = self.stem.call0(&JsValue::NULL).ok()?.as_f64()? as u32;
        let from = self.output.call0(&JsValue::NULL).ok()?.as_f64()? as u32;
        let memory = Uint8Array::new(&self.memory.buffer());
        if u64::from(from) + u64::from(n) > u64::from(memory.length()) {
            return None;
        }
        let mut out = vec![0; n as usize];
        memory.subarray(from, from + n).copy_to(&mut out);
        String::from_utf8(out).ok()
    }
}

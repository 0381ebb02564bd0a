//! The Snowball stemmers, downloaded by language. The widget's module carries none of them
//! (see the engine's `tokenizer/stemmer.rs`): before an index is searched, the stemmer of each
//! of its languages is loaded and installed into the engine's tokenizer.
//!
//! Loading is the JS API's job (`faq-search-api.js` hands a loader over with
//! [`set_stemmer_loader`]): it fetches `stem-<language>.wasm` from beside this module once per
//! page, instantiates it and answers with a plain `word => stem` function. Written in
//! JavaScript because that is a few lines there and several KB of async Rust here.

use std::cell::RefCell;

use faq_search_engine::tokenizer::{install_stemmer, Stemming};
use faq_search_engine::Index;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::fetch::js_message;

thread_local! {
    /// `language name => Promise<word => stem>`, from the JS API.
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Gives the widget the function that loads a stemmer module by language name ("english"),
/// answering with a promise of a `word => stem` function, the same promise for the same name
/// (the JS API calls this once the module is ready).
#[wasm_bindgen(js_name = setStemmerLoader)]
pub fn set_stemmer_loader(load: Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(load));
}

/// The loader's promise for `language`.
fn request(language: Stemming) -> Result<Promise, String> {
    let name = language.name();
    let loader = LOADER.with(|l| l.borrow().clone()).ok_or_else(|| {
        format!("the {name} stemmer cannot be loaded: load the widget through faq-search.js or faq-search-api.js")
    })?;
    loader
        .call1(&JsValue::NULL, &JsValue::from_str(name))
        .map_err(|e| js_message(&e))?
        .dyn_into()
        .map_err(|_| format!("the {name} stemmer cannot be loaded (its loader gave no promise)"))
}

/// Starts loading the stemmer of `locale`'s language, if it has one, so that it arrives beside
/// the index rather than after it. What went wrong is reported by [`ensure`].
pub fn prefetch(locale: &str) {
    if let Some(language) = Stemming::from_locale(locale).filter(|s| !s.is_available()) {
        let _ = request(language);
    }
}

/// Makes sure every stemmer `index` needs is installed, loading those that are not. Fails with
/// a sentence for the error state when one cannot be loaded (a later call tries again).
pub async fn ensure(index: &Index) -> Result<(), String> {
    for language in index.stemmings() {
        if language.is_available() {
            continue;
        }
        let stem = JsFuture::from(request(language)?)
            .await
            .map_err(|e| js_message(&e))?;
        let stem: Function = stem.dyn_into().map_err(|_| {
            format!(
                "the {} stemmer cannot be loaded (its loader gave no function)",
                language.name()
            )
        })?;
        // A stemmer that fails on a word leaves it unstemmed: that only costs matches, where a
        // panic would stop every widget on the page.
        install_stemmer(language, move |word| {
            stem.call1(&JsValue::NULL, &JsValue::from_str(word))
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| word.to_string())
        });
    }
    Ok(())
}

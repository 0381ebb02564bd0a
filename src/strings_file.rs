//! The widget's words in languages other than English, downloaded as data. The module carries
//! English only; a widget that speaks another language asks for `strings-<tag>.json` (a
//! `{"key": "text", …}` object, the same keys as the `strings` option) when it mounts, beside
//! the index. The JS API does the download (`setStringsLoader`: a few lines of JavaScript
//! instead of several KB of async Rust), once per page for every widget of that language. A
//! file that cannot be loaded leaves the widget in English, with one console warning (the JS
//! API's): missing words must never stop the search.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{strings_file, Table};
use crate::mount::warn;

thread_local! {
    /// `file name => Promise<object>` (an empty object when the file could not be loaded).
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// Tables loaded so far, by file name.
    static LOADED: RefCell<HashMap<String, Rc<Table>>> = RefCell::new(HashMap::new());
}

/// Gives the widget the function that loads a strings file by name (`strings-de.json`),
/// answering with a promise of its object; the JS API calls this once the module is ready.
#[wasm_bindgen(js_name = setStringsLoader)]
pub fn set_strings_loader(load: Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(load));
}

/// `locale`'s table when it needs no download: empty for English (and every language without
/// a table), compiled in with `builtin-strings`, or already downloaded by another widget.
pub fn ready(locale: &str) -> Option<Rc<Table>> {
    let Some(file) = strings_file(locale) else {
        return Some(Rc::default());
    };
    #[cfg(feature = "builtin-strings")]
    if let Some(table) = crate::i18n::table_tag(locale).and_then(crate::i18n::builtin_table) {
        return Some(Rc::new(table));
    }
    LOADED.with(|loaded| loaded.borrow().get(&file).cloned())
}

/// `locale`'s table, downloading it if no widget on the page has yet.
pub async fn load(locale: &str) -> Rc<Table> {
    if let Some(table) = ready(locale) {
        return table;
    }
    let Some(file) = strings_file(locale) else {
        return Rc::default();
    };
    let Some(loader) = LOADER.with(|l| l.borrow().clone()) else {
        warn(&format!(
            "{file} cannot be found (load the widget through faq-search.js or faq-search-api.js); the widget speaks English"
        ));
        return Rc::default();
    };
    let promise = loader
        .call1(&JsValue::NULL, &JsValue::from_str(&file))
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let object = match promise {
        Some(p) => JsFuture::from(p).await.unwrap_or(JsValue::UNDEFINED),
        None => JsValue::UNDEFINED,
    };
    let table = Rc::new(entries(&object));
    LOADED.with(|loaded| loaded.borrow_mut().insert(file, table.clone()));
    table
}

/// The string entries of a parsed strings file; entries that are not strings are skipped (the
/// English text stays in their place).
fn entries(object: &JsValue) -> Table {
    let Some(object) = object.dyn_ref::<js_sys::Object>() else {
        return Table::default();
    };
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|entry| {
            let entry: js_sys::Array = entry.unchecked_into();
            Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
        })
        .collect()
}

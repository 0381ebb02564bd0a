//! The widget's words in languages other than English, downloaded as data. The module carries
//! English only; a widget that speaks another language fetches `strings-<tag>.json` (a
//! `{"key": "text", …}` object, the same keys as the `strings` option) from the folder of its
//! module when it mounts, beside the index. Each file downloads once per page, for every widget
//! of that language. A file that cannot be loaded leaves the widget in English, with one
//! console warning: missing words must never stop the search.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::fetch::{global_fetch, js_message};
use crate::i18n::{strings_file, Table};
use crate::mount::warn;

type SharedTable = Shared<LocalBoxFuture<'static, Rc<Table>>>;

thread_local! {
    /// Tables downloaded or downloading, by file name. A failed download is kept (as an empty
    /// table) too: the page warns once and does not ask again.
    static LOADS: RefCell<HashMap<String, SharedTable>> = RefCell::new(HashMap::new());
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
    LOADS.with(|loads| {
        loads
            .borrow()
            .get(&file)
            .and_then(|load| load.peek().cloned())
    })
}

/// `locale`'s table, downloading it if no widget on the page has yet.
pub async fn load(locale: &str) -> Rc<Table> {
    if let Some(table) = ready(locale) {
        return table;
    }
    let Some(file) = strings_file(locale) else {
        return Rc::default();
    };
    let shared = LOADS.with(|loads| {
        loads
            .borrow_mut()
            .entry(file.clone())
            .or_insert_with(|| download(file).boxed_local().shared())
            .clone()
    });
    shared.await
}

async fn download(file: String) -> Rc<Table> {
    let Some(url) = crate::stemmers::asset_url(&file) else {
        warn(&format!(
            "{file} cannot be found (load the widget through faq-search.js or faq-search-api.js); the widget speaks English"
        ));
        return Rc::default();
    };
    match fetch_table(&url).await {
        Ok(table) => Rc::new(table),
        Err(why) => {
            warn(&format!(
                "the strings file {url} could not be loaded ({why}); the widget speaks English"
            ));
            Rc::default()
        }
    }
}

async fn fetch_table(url: &str) -> Result<Table, String> {
    let response = JsFuture::from(global_fetch(url).map_err(|e| js_message(&e))?)
        .await
        .map_err(|e| js_message(&e))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let json = JsFuture::from(response.json().map_err(|e| js_message(&e))?)
        .await
        .map_err(|e| js_message(&e))?;
    if !json.is_object() || js_sys::Array::is_array(&json) {
        return Err("not a JSON object".to_string());
    }
    // Entries that are not strings are skipped: the English text stays in their place.
    Ok(js_sys::Object::entries(json.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let entry: js_sys::Array = entry.unchecked_into();
            Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
        })
        .collect())
}

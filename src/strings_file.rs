//! The widget's words in languages other than English, downloaded as data. The module carries
//! English only; a widget that speaks another language fetches `strings-<tag>.json` (a
//! `{"key": "text", …}` object, the same keys as the `strings` option) from the folder of its
//! module when it mounts, beside the index. Each file downloads once per page, for every widget
//! of that language. A file that cannot be loaded leaves the widget in English, with one
//! console warning: missing words must never stop the search.

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::fetch::{global_fetch, js_message};
use crate::i18n::{strings_file, Table};
use crate::mount::warn;

// The same future type as the stemmers' downloads, so the module carries one copy of the code
// that shares them; a few files at most, so lists rather than maps.
type SharedLoad = Shared<LocalBoxFuture<'static, Result<(), String>>>;

thread_local! {
    /// Downloads started, by file name; they always succeed (a failure leaves an empty table),
    /// so the page warns once and does not ask again.
    static LOADS: RefCell<Vec<(String, SharedLoad)>> = const { RefCell::new(Vec::new()) };
    /// Tables downloaded (or given up on: empty), by file name.
    static TABLES: RefCell<Vec<(String, Rc<Table>)>> = const { RefCell::new(Vec::new()) };
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
    TABLES.with(|tables| {
        tables
            .borrow()
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, table)| table.clone())
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
        let mut loads = loads.borrow_mut();
        if let Some((_, load)) = loads.iter().find(|(f, _)| *f == file) {
            return load.clone();
        }
        let load = download(file.clone()).boxed_local().shared();
        loads.push((file, load.clone()));
        load
    });
    let _ = shared.await;
    ready(locale).unwrap_or_default()
}

async fn download(file: String) -> Result<(), String> {
    let table = match crate::stemmers::asset_url(&file) {
        None => {
            warn(&format!(
                "{file} cannot be found (load the widget through faq-search.js or faq-search-api.js); the widget speaks English"
            ));
            Table::new()
        }
        Some(url) => fetch_table(&url).await.unwrap_or_else(|why| {
            warn(&format!(
                "the strings file {url} could not be loaded ({why}); the widget speaks English"
            ));
            Table::new()
        }),
    };
    TABLES.with(|tables| tables.borrow_mut().push((file, Rc::new(table))));
    Ok(())
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

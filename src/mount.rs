//! Mounting the widget into an element of the host page: the `mount` export the loader calls,
//! its options, and [`mount_bytes`] for hosts (and tests) that already hold the index bytes.
//!
//! Everything that comes from the page (selector, element, options, URL) is checked here and
//! turned into an error message; nothing in this module can panic on bad input.

use std::cell::Cell;
use std::rc::Rc;

use faq_search_engine::SortOrder;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AppHandle;

use crate::components::{SearchWidget, SearchWidgetProps};
use crate::history::{self, ParamNames};
use crate::hooks::index_loading::IndexSource;
use crate::js_fields::Fields;
use crate::urls;

/// Marks a host element that has a widget, so a second mount fails with a clear message instead
/// of two apps fighting over the same DOM.
const MOUNTED_ATTR: &str = "data-fqs-mounted";
const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 100;
/// How long typing must pause before a search counts as settled (history entry, event,
/// recent search).
const DEFAULT_SETTLE_MS: u32 = 800;
const MAX_SETTLE_MS: u32 = 10_000;

/// Where the widget sits on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The search box and results in place.
    #[default]
    Inline,
    /// A search button; the search opens in a dialog over the page.
    Modal,
}

/// How the widget looks and behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetOptions {
    pub mode: Mode,
    /// The empty search box's text; `None` uses the language's default.
    pub placeholder: Option<String>,
    /// Results per page ("Show more" adds as many again).
    pub limit: usize,
    /// BCP 47 tag for the widget's language, dates and numbers. Empty: the page's `lang`,
    /// else English.
    pub locale: String,
    /// Replacements for the widget's strings, by key (see `i18n.rs`).
    pub strings: Vec<(String, String)>,
    /// The search to start with (the URL's wins when URL sync is on).
    pub query: String,
    pub category: Option<String>,
    pub sort: SortOrder,
    /// Keeps the search in the page URL and Back/Forward; `None` leaves the URL alone.
    pub url_sync: Option<ParamNames>,
    /// `"light"` or `"dark"` pins the colours; `None` follows `prefers-color-scheme`.
    pub theme: Option<String>,
    /// `/` and Ctrl/Cmd+K focus the search (or open it, in modal mode).
    pub shortcuts: bool,
    /// Offers the visitor's recent searches (kept in localStorage) on an empty query.
    pub recent_searches: bool,
    /// Milliseconds of quiet after a keystroke before the search settles.
    pub settle_ms: u32,
    /// Only articles of this locale (an index with several languages); `None`: all.
    pub content_locale: Option<String>,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            mode: Mode::Inline,
            placeholder: None,
            limit: DEFAULT_LIMIT,
            locale: String::new(),
            strings: Vec::new(),
            query: String::new(),
            category: None,
            sort: SortOrder::Relevance,
            url_sync: None,
            theme: None,
            shortcuts: true,
            recent_searches: true,
            settle_ms: DEFAULT_SETTLE_MS,
            content_locale: None,
        }
    }
}

/// The string-valued entries of a JS object (`strings: { placeholder: "…" }`). Anything else
/// (not an object, non-string values) is skipped with a console warning, never an error: a
/// typo in a translation must not take search away.
fn string_entries(value: &JsValue) -> Vec<(String, String)> {
    if value.is_undefined() || value.is_null() {
        return Vec::new();
    }
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        warn("the strings option must be an object of strings; it is ignored");
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in js_sys::Object::entries(object).iter() {
        let pair = js_sys::Array::from(&entry);
        let (Some(key), value) = (pair.get(0).as_string(), pair.get(1)) else {
            continue;
        };
        match value.as_string() {
            Some(text) => out.push((key, text)),
            None => warn(&format!("strings.{key} is not a string; it is ignored")),
        }
    }
    out
}

pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("faq-search: {message}")));
}

/// The options object JavaScript passes to `mount`, by the names of the JS API's option table
/// (`OPTIONS` in `www/faq-search-api.js`; a test below keeps them in step). Numbers arrive as
/// `f64` so that a bad value (NaN, negative, a float) is corrected instead of rejected.
#[derive(Default)]
struct JsMountOptions {
    mode: Option<String>,
    placeholder: Option<String>,
    limit: Option<f64>,
    locale: Option<String>,
    strings: JsValue,
    query: Option<String>,
    category: Option<String>,
    sort: Option<String>,
    url_sync: Option<bool>,
    query_param: Option<String>,
    theme: Option<String>,
    shortcuts: Option<bool>,
    recent_searches: Option<bool>,
    settle_delay: Option<f64>,
    content_locale: Option<String>,
}

impl JsMountOptions {
    fn read(value: &JsValue) -> Result<JsMountOptions, String> {
        let Some(f) = Fields::new(value, "mount options")? else {
            return Ok(JsMountOptions::default());
        };
        Ok(JsMountOptions {
            mode: f.string("mode")?,
            placeholder: f.string("placeholder")?,
            limit: f.number("limit")?,
            locale: f.string("locale")?,
            strings: f.value("strings"),
            query: f.string("query")?,
            category: f.string("category")?,
            sort: f.string("sort")?,
            url_sync: f.boolean("urlSync")?,
            query_param: f.string("queryParam")?,
            theme: f.string("theme")?,
            shortcuts: f.boolean("shortcuts")?,
            recent_searches: f.boolean("recentSearches")?,
            settle_delay: f.number("settleDelay")?,
            content_locale: f.string("contentLocale")?,
        })
    }
}

impl WidgetOptions {
    fn from_js(value: JsValue) -> Result<WidgetOptions, String> {
        let js = JsMountOptions::read(&value)?;
        let mode = match js.mode.as_deref().map(str::trim) {
            Some("modal") => Mode::Modal,
            None | Some("") | Some("inline") => Mode::Inline,
            Some(other) => {
                // A typo in an attribute must not take search away: warn and show it inline.
                warn(&format!(
                    "unknown mode \"{other}\" (use \"inline\" or \"modal\"); showing it inline"
                ));
                Mode::Inline
            }
        };
        let mut options = WidgetOptions {
            mode,
            ..WidgetOptions::default()
        };
        options.placeholder = js.placeholder.filter(|p| !p.trim().is_empty());
        if let Some(limit) = js.limit.filter(|l| l.is_finite() && *l >= 1.0) {
            options.limit = (limit as usize).min(MAX_LIMIT);
        }
        if let Some(locale) = js.locale.filter(|l| !l.trim().is_empty()) {
            options.locale = locale.trim().to_string();
        }
        options.strings = string_entries(&js.strings);
        options.theme = js.theme.filter(|t| t == "light" || t == "dark");
        options.shortcuts = js.shortcuts.unwrap_or(true);
        options.recent_searches = js.recent_searches.unwrap_or(true);
        if let Some(ms) = js.settle_delay.filter(|ms| ms.is_finite() && *ms >= 0.0) {
            options.settle_ms = (ms as u32).min(MAX_SETTLE_MS);
        }
        options.content_locale = js
            .content_locale
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
        options.query = js.query.unwrap_or_default();
        options.category = js.category.filter(|c| !c.trim().is_empty());
        options.sort = js
            .sort
            .as_deref()
            .and_then(|s| SortOrder::parse(s.trim()))
            .unwrap_or_default();
        if js.url_sync.unwrap_or(false) {
            let mut names = ParamNames::default();
            if let Some(param) = js.query_param.filter(|p| !p.trim().is_empty()) {
                names.query = param.trim().to_string();
            }
            // The page URL wins over the configured start: it is what a shared link carries.
            let from_url = history::read(&names);
            if !from_url.query.is_empty()
                || from_url.category.is_some()
                || from_url.sort != SortOrder::Relevance
            {
                options.query = from_url.query;
                options.category = from_url.category;
                options.sort = from_url.sort;
            }
            options.url_sync = Some(names);
        }
        Ok(options)
    }
}

/// A mounted widget, returned to JavaScript by `mount`.
#[wasm_bindgen]
pub struct MountedWidget {
    app: Option<AppHandle<SearchWidget>>,
    host: Element,
}

#[wasm_bindgen]
impl MountedWidget {
    /// Removes the widget from the page; the element can be mounted into again.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            // Yew runs destroys ahead of creates: a destroy issued before the first render would
            // be a no-op and the app would render afterwards anyway. Queued behind the work
            // already scheduled, it always finds the app created.
            wasm_bindgen_futures::spawn_local(async move { app.destroy() });
        }
        let _ = self.host.remove_attribute(MOUNTED_ATTR);
    }
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn next_id_prefix() -> String {
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    format!("fqs-{id}")
}

/// Mounts the search widget into `target` (a CSS selector or an Element) and starts loading
/// the index from `index_url` (resolved against the page; a folder URL ending in `/` means the
/// `faq-search.idx` inside it). `options` (all optional) are those of the option table,
/// `OPTIONS` in `www/faq-search-api.js`, but `index`, `shadow`, `css` and `highlightParam`,
/// which the API module reads itself; README.md describes each.
///
/// Fails (throws in JavaScript) with a message when the target is missing, already has a
/// widget, or the options or URL are invalid. Failures to load the index are shown inside the
/// widget instead, with a Retry button.
#[wasm_bindgen]
pub fn mount(target: JsValue, index_url: &str, options: JsValue) -> Result<MountedWidget, JsError> {
    let host = find_target(&target).map_err(|e| JsError::new(&e))?;
    let options = WidgetOptions::from_js(options).map_err(|e| JsError::new(&e))?;
    let url =
        urls::resolve_index_url(index_url, &urls::base_url()).map_err(|e| JsError::new(&e))?;
    mount_source(host, IndexSource::Url(url), options).map_err(|e| JsError::new(&e))
}

/// Mounts the widget into `host` with an index already in memory. This is what the browser
/// tests use; a host page that fetches the index itself can use it too.
pub fn mount_bytes(
    host: Element,
    bytes: Vec<u8>,
    options: WidgetOptions,
) -> Result<MountedWidget, String> {
    mount_source(host, IndexSource::Bytes(Rc::new(bytes)), options)
}

fn mount_source(
    host: Element,
    source: IndexSource,
    options: WidgetOptions,
) -> Result<MountedWidget, String> {
    if host.has_attribute(MOUNTED_ATTR) {
        return Err(format!("{} already has a search widget", describe(&host)));
    }
    let _ = host.set_attribute(MOUNTED_ATTR, "");
    let props = SearchWidgetProps {
        source,
        options: Rc::new(options),
        id_prefix: next_id_prefix().into(),
    };
    let app = yew::Renderer::<SearchWidget>::with_root_and_props(host.clone(), props).render();
    Ok(MountedWidget {
        app: Some(app),
        host,
    })
}

fn find_target(target: &JsValue) -> Result<Element, String> {
    if let Some(element) = target.dyn_ref::<Element>() {
        return Ok(element.clone());
    }
    let Some(selector) = target.as_string() else {
        return Err("the mount target must be a CSS selector or an Element".to_string());
    };
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "there is no document to mount the search widget in".to_string())?;
    match document.query_selector(&selector) {
        Ok(Some(element)) => Ok(element),
        Ok(None) => Err(format!(
            "no element matches the target \"{selector}\": add it to the page (for example <div id=\"help-search\"></div>) or fix data-target"
        )),
        Err(_) => Err(format!("the target \"{selector}\" is not a valid CSS selector")),
    }
}

/// `div#help-search`, for messages.
fn describe(element: &Element) -> String {
    let id = element.id();
    let tag = element.tag_name().to_ascii_lowercase();
    if id.is_empty() {
        tag
    } else {
        format!("{tag}#{id}")
    }
}

#[cfg(test)]
mod tests {
    /// The keys of `OPTIONS` in the JS API module, the one table of option names.
    fn js_option_table() -> Vec<&'static str> {
        let js = include_str!("../www/faq-search-api.js");
        let table = js
            .split("const OPTIONS = {")
            .nth(1)
            .and_then(|rest| rest.split("};").next())
            .expect("www/faq-search-api.js has the option table");
        table
            .split(',')
            .filter_map(|entry| entry.split(':').next())
            .map(str::trim)
            .filter(|key| !key.is_empty())
            .collect()
    }

    /// The option names `JsMountOptions::read` asks for (`f.string("mode")` and the like).
    fn names_read_here() -> Vec<&'static str> {
        let source = include_str!("mount.rs");
        let read = source
            .split("fn read(value: &JsValue)")
            .nth(1)
            .and_then(|rest| rest.split("\n    }\n").next())
            .expect("mount.rs has JsMountOptions::read");
        read.split("(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn every_option_read_here_is_in_the_js_option_table() {
        let table = js_option_table();
        let read = names_read_here();
        assert!(table.len() >= 18, "the table was found: {table:?}");
        assert!(read.len() >= 15, "the names were found: {read:?}");
        let unknown: Vec<_> = read.iter().filter(|n| !table.contains(n)).collect();
        assert!(unknown.is_empty(), "not in OPTIONS: {unknown:?}");
        // What the wasm does not read, the API module does.
        let js_only: Vec<_> = table.iter().filter(|n| !read.contains(n)).collect();
        assert_eq!(js_only, [&"index", &"css", &"highlightParam", &"shadow"]);
    }
}

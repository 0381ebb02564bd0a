//! Mounting the widget into an element of the host page: the `mount` export the loader calls,
//! its options, and [`mount_bytes`] for hosts (and tests) that already hold the index bytes.
//!
//! Everything that comes from the page (selector, element, options, URL) is checked here and
//! turned into an error message; nothing in this module can panic on bad input.

use std::cell::Cell;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AppHandle;

use crate::components::{IndexSource, SearchWidget, SearchWidgetProps};
use crate::urls;

/// Marks a host element that has a widget, so a second mount fails with a clear message instead
/// of two apps fighting over the same DOM.
const MOUNTED_ATTR: &str = "data-fqs-mounted";
const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 100;

/// How the widget looks and behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetOptions {
    pub placeholder: String,
    /// Results per page ("Show more" adds as many again).
    pub limit: usize,
    /// BCP 47 tag for dates and numbers.
    pub locale: String,
    /// The query to start with.
    pub query: String,
    /// The page URL parameter that holds the query (read at start, updated as you type);
    /// `None` leaves the page URL alone.
    pub query_param: Option<String>,
    /// `"light"` or `"dark"` pins the colours; `None` follows `prefers-color-scheme`.
    pub theme: Option<String>,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            placeholder: "Search the help center".to_string(),
            limit: DEFAULT_LIMIT,
            locale: "en".to_string(),
            query: String::new(),
            query_param: None,
            theme: None,
        }
    }
}

/// The options object JavaScript passes to `mount`. Numbers arrive as `f64` so that a bad
/// value (NaN, negative, a float) is corrected instead of rejected.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsMountOptions {
    placeholder: Option<String>,
    limit: Option<f64>,
    locale: Option<String>,
    query: Option<String>,
    query_param: Option<String>,
    theme: Option<String>,
}

impl WidgetOptions {
    fn from_js(value: JsValue) -> Result<WidgetOptions, String> {
        let js: JsMountOptions = if value.is_undefined() || value.is_null() {
            JsMountOptions::default()
        } else {
            serde_wasm_bindgen::from_value(value)
                .map_err(|e| format!("invalid mount options: {e}"))?
        };
        let mut options = WidgetOptions::default();
        if let Some(placeholder) = js.placeholder.filter(|p| !p.trim().is_empty()) {
            options.placeholder = placeholder;
        }
        if let Some(limit) = js.limit.filter(|l| l.is_finite() && *l >= 1.0) {
            options.limit = (limit as usize).min(MAX_LIMIT);
        }
        if let Some(locale) = js.locale.filter(|l| !l.trim().is_empty()) {
            options.locale = locale;
        }
        options.query_param = js.query_param.filter(|p| !p.trim().is_empty());
        options.theme = js.theme.filter(|t| t == "light" || t == "dark");
        // The page URL wins over the configured start query: it is what a shared link carries.
        let from_url = options
            .query_param
            .as_deref()
            .and_then(urls::read_query_param);
        options.query = from_url.or(js.query).unwrap_or_default();
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
/// `faq-search.idx` inside it). `options`: `{ placeholder, limit, locale, query, queryParam,
/// theme }`, all optional.
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
    let tag = element.tag_name().to_lowercase();
    if id.is_empty() {
        tag
    } else {
        format!("{tag}#{id}")
    }
}

//! The widget's state in the page URL (`?q=…&category=…&sort=…`), so a search can be shared,
//! bookmarked and walked through with Back and Forward.
//!
//! While someone types, the current history entry follows the query (`replaceState`, once the
//! typing pauses for a moment, since it is slow), so the address bar is always copyable. When the search settles (a pause, Enter, a tab or sort
//! change) the entry is put back to the previous settled search and the new one is pushed
//! (`pushState`): Back then returns to the search before, not to a half-typed word. Only the
//! widget's own parameters are touched; the rest of the URL, the hash and the host page's
//! `history.state` are kept.

use faq_search_engine::SortOrder;
use wasm_bindgen::JsValue;

/// The URL parameter names a widget uses.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamNames {
    pub query: String,
    pub category: String,
    pub sort: String,
}

impl Default for ParamNames {
    fn default() -> Self {
        ParamNames {
            query: "q".to_string(),
            category: "category".to_string(),
            sort: "sort".to_string(),
        }
    }
}

/// What the URL says about a search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UrlState {
    pub query: String,
    pub category: Option<String>,
    pub sort: SortOrder,
}

/// The name a sort order has in the URL and the JavaScript API.
pub fn sort_name(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Relevance => "relevance",
        SortOrder::Newest => "newest",
        SortOrder::MostViewed => "views",
    }
}

fn current_url() -> Option<web_sys::Url> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new(&href).ok()
}

/// Reads the search from the page URL. Unknown sort names count as relevance; empty values
/// as absent.
pub fn read(names: &ParamNames) -> UrlState {
    let Some(url) = current_url() else {
        return UrlState::default();
    };
    let params = url.search_params();
    let get = |name: &str| params.get(name).filter(|v| !v.trim().is_empty());
    UrlState {
        query: get(&names.query).unwrap_or_default(),
        category: get(&names.category),
        sort: get(&names.sort)
            .and_then(|s| SortOrder::parse(s.trim()))
            .unwrap_or_default(),
    }
}

/// The current page URL with the widget's parameters set to `state` (absent when empty or
/// default), or `None` when there is no page URL.
fn href_for(names: &ParamNames, state: &UrlState) -> Option<String> {
    let url = current_url()?;
    let params = url.search_params();
    let put = |name: &str, value: Option<&str>| match value.map(str::trim).filter(|v| !v.is_empty())
    {
        Some(value) => params.set(name, value),
        None => params.delete(name),
    };
    put(&names.query, Some(&state.query));
    put(&names.category, state.category.as_deref());
    put(
        &names.sort,
        (state.sort != SortOrder::Relevance).then(|| sort_name(state.sort)),
    );
    url.set_search(&params.to_string().as_string().unwrap_or_default());
    Some(url.href())
}

/// Keeps one widget's search in the page URL; see the module docs. Only one widget on a page
/// should have one (URL sync is opt-in), or they would overwrite each other's parameters.
pub struct HistorySync {
    names: ParamNames,
    /// The search the current history entry stands for, once settled.
    settled: UrlState,
}

impl HistorySync {
    /// Starts from the search in the URL now.
    pub fn new(names: ParamNames) -> HistorySync {
        let settled = read(&names);
        HistorySync { names, settled }
    }

    pub fn names(&self) -> &ParamNames {
        &self.names
    }

    /// While typing: the current entry follows the query.
    pub fn typing(&self, state: &UrlState) {
        if let Some(href) = href_for(&self.names, state) {
            replace(&href);
        }
    }

    /// A search settled: a new history entry for it, unless it is the one already there.
    pub fn settle(&mut self, state: &UrlState) {
        if normalized(state) == normalized(&self.settled) {
            self.typing(state);
            return;
        }
        if let Some(back) = href_for(&self.names, &self.settled) {
            replace(&back);
        }
        if let Some(href) = href_for(&self.names, state) {
            push(&href);
        }
        self.settled = state.clone();
    }

    /// Back or Forward brought another entry: it is the settled search now. Returns it.
    pub fn restored(&mut self) -> UrlState {
        self.settled = read(&self.names);
        self.settled.clone()
    }
}

/// Whitespace around the query does not make another search.
fn normalized(state: &UrlState) -> (String, Option<String>, SortOrder) {
    (
        state.query.trim().to_string(),
        state.category.clone().filter(|c| !c.trim().is_empty()),
        state.sort,
    )
}

fn replace(href: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.location().href().ok().as_deref() == Some(href) {
        return;
    }
    if let Ok(history) = window.history() {
        // The host page's own state object stays with its entry.
        let state = history.state().unwrap_or(JsValue::NULL);
        // Browsers throttle very frequent history calls; losing one update is harmless.
        let _ = history.replace_state_with_url(&state, "", Some(href));
    }
}

fn push(href: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(href));
    }
}

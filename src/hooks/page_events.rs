//! The `faq-search:*` events the page can listen to, dispatched on the widget's host element:
//! `faq-search:query` when a search settles (once per query and tab), and the cancelable
//! `faq-search:open` when a result is opened.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::dom;
use crate::state::Listed;

/// A settled search as `faq-search:query` reports it: the query and the tab.
type QueryKey = (String, Option<String>);

#[derive(Clone)]
pub struct PageEvents {
    root: NodeRef,
    /// The query and tab of the last `faq-search:query`.
    last_query: Rc<RefCell<Option<QueryKey>>>,
}

impl PageEvents {
    /// The element events are dispatched on: the widget's mount point. Outside a shadow root
    /// that is the host element itself; inside one, the event crosses out (it is `composed`)
    /// and the page sees it on the host.
    fn target(&self) -> Option<Element> {
        self.root.cast::<Element>()?.parent_element()
    }

    /// `faq-search:query` for a settled search, unless the last one was for the same query
    /// and tab.
    pub fn query(&self, query: &str, total: usize, category: Option<&str>) {
        let key = (query.to_string(), category.map(str::to_string));
        if self.last_query.borrow().as_ref() == Some(&key) {
            return;
        }
        *self.last_query.borrow_mut() = Some(key);
        if let Some(target) = self.target() {
            let detail = dom::Object::new()
                .text("query", query)
                .number("total", total as f64)
                .text_or_null("category", category)
                .into();
            dom::emit(&target, "faq-search:query", &detail, false);
        }
    }

    /// `faq-search:open` for a result or one of its sub-results: the article's id, the link
    /// opened (`url#anchor` for a sub-result) and the result's place in the list (from 1).
    /// False when the page canceled it, to route by itself.
    pub fn open(&self, listed: &Listed, query: &str) -> bool {
        let detail = dom::Object::new()
            .text("id", &listed.hit.id)
            .text("url", listed.url())
            .text("query", query)
            .number("position", (listed.position + 1) as f64)
            .into();
        self.target()
            .map(|target| dom::emit(&target, "faq-search:open", &detail, true))
            .unwrap_or(true)
    }
}

/// The events of the widget whose root element is `root`.
#[hook]
pub fn use_page_events(root: &NodeRef) -> PageEvents {
    let last_query = use_mut_ref(|| None);
    PageEvents {
        root: root.clone(),
        last_query,
    }
}

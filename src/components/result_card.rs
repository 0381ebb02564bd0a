//! One result, as an option of the result list: linked title and snippet with the matched words
//! in `<mark>`, category, dates and view count. Article text is always rendered as text nodes,
//! never parsed as HTML.
//!
//! The option *is* the link (`<a role="option">`): an option may not contain interactive
//! elements, and a real link keeps middle-click, "open in new tab" and the status-bar URL.

use std::rc::Rc;

use faq_search_engine::Hit;
use yew::prelude::*;

use crate::format::Formats;
use crate::highlight::segments;
use crate::i18n::{split_at, Strings};
use crate::urls::safe_href;

#[derive(Properties)]
pub struct ResultCardProps {
    pub hit: Rc<Hit>,
    /// Where it is in the list, from 0.
    pub position: usize,
    pub option_id: AttrValue,
    /// The arrow keys are on it.
    pub active: bool,
    pub formats: Rc<Formats>,
    pub strings: Rc<Strings>,
    /// Told the position when the result is opened; answers false when the page cancelled
    /// the `faq-search:open` event (it handles the navigation itself).
    pub on_open: Callback<usize, bool>,
}

impl PartialEq for ResultCardProps {
    fn eq(&self, other: &Self) -> bool {
        // Compared field by field so cards that did not change between two keystrokes skip
        // rendering; the callback never changes.
        shows_same(&self.hit, &other.hit)
            && self.position == other.position
            && self.option_id == other.option_id
            && self.active == other.active
            && self.formats == other.formats
            && Rc::ptr_eq(&self.strings, &other.strings)
            && self.on_open == other.on_open
    }
}

/// Whether two hits look the same on screen. The score is not shown, and it changes with
/// every keystroke for the same article.
fn shows_same(a: &Hit, b: &Hit) -> bool {
    let Hit {
        id,
        title,
        url,
        category,
        section,
        locale: _,
        published,
        updated,
        views,
        score: _,
        snippet,
        title_highlights,
        snippet_highlights,
        snippet_pending: _,
        sub_results,
    } = a;
    *id == b.id
        && *title == b.title
        && *url == b.url
        && *category == b.category
        && *section == b.section
        && *published == b.published
        && *updated == b.updated
        && *views == b.views
        && *snippet == b.snippet
        && *title_highlights == b.title_highlights
        && *snippet_highlights == b.snippet_highlights
        && *sub_results == b.sub_results
}

/// `text` with the `ranges` wrapped in `<mark>`; yew escapes the text itself.
fn marked(text: &str, ranges: &[(usize, usize)]) -> Html {
    segments(text, ranges)
        .into_iter()
        .map(|s| {
            if s.marked {
                html! { <mark class="fqs-mark">{ s.text.to_string() }</mark> }
            } else {
                html! { s.text.to_string() }
            }
        })
        .collect()
}

#[component]
pub fn ResultCard(props: &ResultCardProps) -> Html {
    let hit = &props.hit;
    let formats = &props.formats;
    let strings = &props.strings;
    let id = &props.option_id;

    let section = (!hit.section.is_empty()).then(|| {
        html! { <>
            <span class="fqs-crumb-sep" aria-hidden="true">{ " › " }</span>
            <span class="fqs-result-section">{ hit.section.clone() }</span>
        </> }
    });
    let sep = || html! { <span class="fqs-sep" aria-hidden="true">{ "\u{a0}· " }</span> };
    let (published_before, published_after) = split_at(&strings.published, "date");
    let (updated_before, updated_after) = split_at(&strings.updated, "date");
    let views = formats.count(
        hit.views,
        &strings.views_one,
        &strings.views_few,
        &strings.views_many,
        &strings.views_other,
    );

    // The option's accessible name is its text, so the title comes first in the DOM (a screen
    // reader says it first); the category line is moved above it by CSS.
    let content = html! { <>
        <span class="fqs-result-title">{ marked(&hit.title, &hit.title_highlights) }</span>
        <span class="fqs-result-crumbs">
            <span class="fqs-result-category">{ hit.category.clone() }</span>
            { for section }
        </span>
        if !hit.snippet.is_empty() {
            <span class="fqs-result-snippet">{ marked(&hit.snippet, &hit.snippet_highlights) }</span>
        }
        <span class="fqs-result-meta">
            <span class="fqs-result-published">
                { published_before.to_string() }
                <time datetime={hit.published.clone()}>{ formats.date(&hit.published) }</time>
                { published_after.to_string() }
            </span>
            { sep() }
            <span class="fqs-result-updated">
                { updated_before.to_string() }
                <time datetime={hit.updated.clone()}>{ formats.date(&hit.updated) }</time>
                { updated_after.to_string() }
            </span>
            { sep() }
            <span class="fqs-result-views">{ views }</span>
        </span>
    </> };

    let onclick = {
        let on_open = props.on_open.clone();
        let position = props.position;
        Callback::from(move |event: MouseEvent| {
            if !on_open.emit(position) {
                event.prevent_default();
            }
        })
    };
    let class = classes!("fqs-result", props.active.then_some("fqs-active"));
    let selected = if props.active { "true" } else { "false" };
    match safe_href(&hit.url) {
        Some(href) => html! {
            <a {class} part="result" role="option" id={id.clone()} {href} tabindex="-1" aria-selected={selected} {onclick}>
                { content }
            </a>
        },
        // No safe link: still listed (the page can handle `faq-search:open`), never a link.
        None => html! {
            <div {class} part="result" role="option" id={id.clone()} aria-selected={selected} {onclick}>
                { content }
            </div>
        },
    }
}

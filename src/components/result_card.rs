//! One result, as an option of the result list: linked title and snippet with the matched words
//! in `<mark>`, category, dates and view count; then its sub-results, each an option of its own
//! right after it (a heading of the article and a line of its part, linking to `url#anchor`).
//! Article text is always rendered as text nodes, never parsed as HTML.
//!
//! Each option *is* the link (`<a role="option">`): an option may not contain interactive
//! elements, and a real link keeps middle-click, "open in new tab" and the status-bar URL. So
//! the sub-results are the card's siblings in the list, indented by the stylesheet, not inside
//! it.

use std::rc::Rc;

use faq_search_engine::Hit;
use yew::prelude::*;

use super::results::option_id;
use crate::format::Formats;
use crate::highlight::segments;
use crate::i18n::{fill, split_at, Strings};
use crate::urls::safe_href;

#[derive(Properties)]
pub struct ResultCardProps {
    pub hit: Rc<Hit>,
    /// The card's option in the result list, from 0; its sub-results are the options after it.
    pub option: usize,
    pub id_prefix: AttrValue,
    /// Which of its options the arrow keys are on: 0 the card, 1… its sub-results.
    pub active: Option<usize>,
    pub formats: Rc<Formats>,
    pub strings: Rc<Strings>,
    /// Told the option when the result or a sub-result is opened; answers false when the page
    /// cancelled the `faq-search:open` event (it handles the navigation itself).
    pub on_open: Callback<usize, bool>,
}

impl PartialEq for ResultCardProps {
    fn eq(&self, other: &Self) -> bool {
        // Compared field by field so cards that did not change between two keystrokes skip
        // rendering; the callback never changes.
        shows_same(&self.hit, &other.hit)
            && self.option == other.option
            && self.id_prefix == other.id_prefix
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

/// Option `n` of the card (0 the result, 1… its sub-results) in the result list: a link when
/// the URL is safe; otherwise still listed (the page can handle `faq-search:open`), without an
/// `href`, so never a link. The stylesheet shows the active one by its `aria-selected`.
fn option(
    props: &ResultCardProps,
    n: usize,
    class: &'static str,
    part: &'static str,
    url: &str,
    content: Html,
) -> Html {
    let option = props.option + n;
    let selected = if props.active == Some(n) {
        "true"
    } else {
        "false"
    };
    let on_open = props.on_open.clone();
    let onclick = Callback::from(move |event: MouseEvent| {
        if !on_open.emit(option) {
            event.prevent_default();
        }
    });
    html! {
        <a {class} {part} role="option" id={option_id(&props.id_prefix, option)} href={safe_href(url)}
            tabindex="-1" aria-selected={selected} {onclick}>
            { content }
        </a>
    }
}

#[component]
pub fn ResultCard(props: &ResultCardProps) -> Html {
    let hit = &props.hit;
    let formats = &props.formats;
    let strings = &props.strings;

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

    // A sub-result's name says whose section it is ("Card limits — in: Getting your money
    // back"), then its line; the heading as shown is the same words again.
    let subs = hit.sub_results.iter().enumerate().map(|(i, sub)| {
        let name = fill(
            &strings.sub_result,
            &[("heading", &sub.title), ("title", &hit.title)],
        );
        let content = html! { <>
            <span class="fqs-visually-hidden">{ name }</span>
            <span class="fqs-sub-title" aria-hidden="true">{ marked(&sub.title, &sub.title_highlights) }</span>
            if !sub.snippet.is_empty() {
                <span class="fqs-sub-snippet">{ marked(&sub.snippet, &sub.snippet_highlights) }</span>
            }
        </> };
        option(props, i + 1, "fqs-sub", "sub-result", &sub.url, content)
    });

    html! { <>
        { option(props, 0, "fqs-result", "result", &hit.url, content) }
        { for subs }
    </> }
}

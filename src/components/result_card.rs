//! One result: linked title and snippet with the matched words in `<mark>`, category, dates and
//! view count. Article text is always rendered as text nodes, never parsed as HTML.

use std::rc::Rc;

use faq_search_engine::Hit;
use yew::prelude::*;

use crate::format::Formats;
use crate::highlight::segments;
use crate::urls::safe_href;

#[derive(Properties)]
pub struct ResultCardProps {
    pub hit: Rc<Hit>,
    pub formats: Rc<Formats>,
}

impl PartialEq for ResultCardProps {
    fn eq(&self, other: &Self) -> bool {
        // Same article, same highlights: cheap enough to compare, and skips re-rendering cards
        // that did not change between two keystrokes.
        self.hit == other.hit && self.formats == other.formats
    }
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
    let title = marked(&hit.title, &hit.title_highlights);
    let title = match safe_href(&hit.url) {
        Some(href) => html! { <a class="fqs-result-link" {href}>{ title }</a> },
        None => html! { <span class="fqs-result-link">{ title }</span> },
    };
    let section = (!hit.section.is_empty()).then(|| {
        html! { <>
            <span class="fqs-crumb-sep" aria-hidden="true">{ " › " }</span>
            <span class="fqs-result-section">{ hit.section.clone() }</span>
        </> }
    });
    let sep = || html! { <span class="fqs-sep" aria-hidden="true">{ " · " }</span> };

    html! {
        <li class="fqs-result">
            <p class="fqs-result-crumbs">
                <span class="fqs-result-category">{ hit.category.clone() }</span>
                { for section }
            </p>
            <h3 class="fqs-result-title">{ title }</h3>
            if !hit.snippet.is_empty() {
                <p class="fqs-result-snippet">{ marked(&hit.snippet, &hit.snippet_highlights) }</p>
            }
            <p class="fqs-result-meta">
                <span class="fqs-result-published">
                    { "Published on " }<time datetime={hit.published.clone()}>{ formats.date(&hit.published) }</time>
                </span>
                { sep() }
                <span class="fqs-result-updated">
                    { "Updated on " }<time datetime={hit.updated.clone()}>{ formats.date(&hit.updated) }</time>
                </span>
                { sep() }
                <span class="fqs-result-views">{ formats.views(hit.views) }</span>
            </p>
        </li>
    }
}

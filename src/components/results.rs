//! The result area once the index is ready: tabs, the summary line, the cards and "Show more".

use std::rc::Rc;

use faq_search_engine::SearchResults;
use yew::prelude::*;

use super::result_card::ResultCard;
use super::status::NoResults;
use super::tabs::Tabs;
use crate::format::Formats;

/// Results compared by identity: the reducer makes a new `Rc` for every new search.
#[derive(Clone)]
pub struct SharedResults(pub Rc<SearchResults>);

impl PartialEq for SharedResults {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub results: SharedResults,
    pub query: AttrValue,
    pub category: Option<AttrValue>,
    pub formats: Rc<Formats>,
    pub id_prefix: AttrValue,
    pub on_category: Callback<Option<String>>,
    pub on_show_more: Callback<()>,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let results = &props.results.0;
    let query = props.query.trim();
    let panel_id = AttrValue::from(format!("{}-results", props.id_prefix));
    let formats = &props.formats;

    let summary = if query.is_empty() {
        "Most viewed articles".to_string()
    } else {
        let unit = if results.total == 1 {
            "result"
        } else {
            "results"
        };
        format!(
            "{} {unit} for “{query}”",
            formats.number(results.total as u64)
        )
    };

    let nothing_found = results.hits.is_empty() && !query.is_empty();
    let body = if nothing_found {
        let on_show_all = {
            let on_category = props.on_category.clone();
            Callback::from(move |_| on_category.emit(None))
        };
        // Offer "all categories" only when they would show something.
        let category = props.category.clone().filter(|_| results.total_all > 0);
        html! { <NoResults query={AttrValue::from(query.to_string())} {category} {on_show_all} /> }
    } else {
        html! {
            <ol class="fqs-results">
                { for results.hits.iter().map(|hit| html! {
                    <ResultCard key={hit.id.clone()} hit={Rc::new(hit.clone())} formats={formats.clone()} />
                }) }
            </ol>
        }
    };

    let more = (results.hits.len() < results.total).then(|| {
        let onclick = {
            let on_show_more = props.on_show_more.clone();
            Callback::from(move |_: MouseEvent| on_show_more.emit(()))
        };
        html! { <button type="button" class="fqs-button fqs-more" {onclick}>{ "Show more results" }</button> }
    });

    html! {
        <>
            <Tabs
                categories={results.categories.clone()}
                total_all={results.total_all}
                selected={props.category.clone()}
                formats={formats.clone()}
                id_prefix={props.id_prefix.clone()}
                panel_id={panel_id.clone()}
                on_select={props.on_category.clone()}
            />
            <div class="fqs-panel" id={panel_id} role="tabpanel">
                // With nothing found, the message below says it visibly; the summary stays for
                // screen readers, whose live region announces every count.
                <p class={classes!("fqs-summary", nothing_found.then_some("fqs-visually-hidden"))} aria-live="polite">
                    { summary }
                </p>
                if results.partial && !results.hits.is_empty() {
                    <p class="fqs-partial">{ "No article contains every word; these are the closest matches." }</p>
                }
                { body }
                { for more }
            </div>
        </>
    }
}

//! The result area once the index is ready: tabs, the header ("132 results for “fail”" and the
//! sort control), recent searches on an empty query, the result list and "Show more"; or, when
//! nothing is found, the did-you-mean suggestion and the most viewed articles.

use std::rc::Rc;

use faq_search_engine::{Hit, SearchResults, SortOrder};
use yew::prelude::*;

use super::recent_searches::RecentSearches;
use super::result_card::ResultCard;
use super::sort_select::SortSelect;
use super::status::{NoResults, Suggestion};
use super::tabs::Tabs;
use crate::format::Formats;
use crate::i18n::{fill, Strings};

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
    /// The most viewed articles, listed when the query finds nothing.
    pub popular: Option<SharedResults>,
    pub suggestion: Option<AttrValue>,
    pub query: AttrValue,
    pub category: Option<AttrValue>,
    pub sort: SortOrder,
    pub recent: Rc<Vec<String>>,
    /// The result the arrow keys are on.
    pub active: Option<usize>,
    /// The recent search the arrow keys are on.
    pub active_recent: Option<usize>,
    pub formats: Rc<Formats>,
    pub strings: Rc<Strings>,
    pub id_prefix: AttrValue,
    pub on_category: Callback<Option<String>>,
    pub on_sort: Callback<SortOrder>,
    pub on_show_more: Callback<()>,
    /// A split index is still fetching parts this page's results wait for: "Show more"
    /// waits for them.
    #[prop_or_default]
    pub filling: bool,
    /// A whole query picked from the suggestion or the recent searches.
    pub on_search: Callback<String>,
    pub on_clear_recent: Callback<()>,
    pub on_open: Callback<usize, bool>,
}

/// The id of the result list, which the search box's `aria-controls` names.
pub fn listbox_id(prefix: &str) -> String {
    format!("{prefix}-list")
}

/// The id of the `n`th listed result.
pub fn option_id(prefix: &str, n: usize) -> String {
    format!("{prefix}-opt-{n}")
}

/// The header's text: "132 results for “fail”", or what an empty query lists.
pub fn summary(
    strings: &Strings,
    formats: &Formats,
    query: &str,
    total: usize,
    sort: SortOrder,
) -> String {
    let query = query.trim();
    if query.is_empty() {
        return if sort == SortOrder::Newest {
            strings.newest.clone()
        } else {
            strings.most_viewed.clone()
        };
    }
    let template = formats.count(
        total as u64,
        &strings.results_one,
        &strings.results_few,
        &strings.results_many,
        &strings.results_other,
    );
    fill(&template, &[("query", query)])
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let results = &props.results.0;
    let query = props.query.trim();
    let prefix = &props.id_prefix;
    let panel_id = AttrValue::from(format!("{prefix}-results"));
    let summary_id = format!("{prefix}-summary");
    let formats = &props.formats;
    let strings = &props.strings;
    let nothing_found = results.hits.is_empty() && !query.is_empty();

    let selected_tab = props
        .category
        .as_ref()
        .and_then(|c| {
            results
                .categories
                .iter()
                .position(|x| x.category == c.as_str())
        })
        .map_or(0, |i| i + 1);

    let list = |hits: &[Hit], labelled_by: String| -> Html {
        html! {
            <div class="fqs-list" role="listbox" id={listbox_id(prefix)} aria-labelledby={labelled_by}>
                { for hits.iter().enumerate().map(|(i, hit)| html! {
                    <ResultCard
                        key={hit.id.clone()}
                        hit={Rc::new(hit.clone())}
                        position={i}
                        option_id={AttrValue::from(option_id(prefix, i))}
                        active={props.active == Some(i)}
                        formats={formats.clone()}
                        strings={strings.clone()}
                        on_open={props.on_open.clone()}
                    />
                }) }
            </div>
        }
    };

    let body = if nothing_found {
        let on_show_all = {
            let on_category = props.on_category.clone();
            Callback::from(move |_| on_category.emit(None))
        };
        // Offer "all categories" only when they would show something.
        let category = props.category.clone().filter(|_| results.total_all > 0);
        let popular = props
            .popular
            .as_ref()
            .filter(|p| !p.0.hits.is_empty())
            .map(|popular| {
                let heading_id = format!("{prefix}-popular");
                html! { <>
                    <p class="fqs-subhead" id={heading_id.clone()}>{ strings.popular.clone() }</p>
                    { list(&popular.0.hits, heading_id) }
                </> }
            });
        html! { <>
            <NoResults
                query={AttrValue::from(query.to_string())}
                {category}
                suggestion={props.suggestion.clone()}
                strings={strings.clone()}
                {on_show_all}
                on_suggest={props.on_search.clone()}
            />
            { for popular }
        </> }
    } else {
        let header = summary(strings, formats, query, results.total, props.sort);
        html! { <>
            <div class="fqs-header">
                <p class="fqs-summary" id={summary_id.clone()}>{ header }</p>
                <SortSelect
                    sort={props.sort}
                    select_id={AttrValue::from(format!("{prefix}-sort"))}
                    strings={strings.clone()}
                    on_change={props.on_sort.clone()}
                />
            </div>
            if let Some(suggestion) = props.suggestion.clone() {
                <Suggestion {suggestion} strings={strings.clone()} on_pick={props.on_search.clone()} />
            }
            if results.partial && !results.hits.is_empty() {
                <p class="fqs-partial">{ strings.partial.clone() }</p>
            }
            if !results.hits.is_empty() {
                { list(&results.hits, summary_id) }
            }
        </> }
    };

    let more = (!nothing_found && !props.filling && results.hits.len() < results.total).then(|| {
        let onclick = {
            let on_show_more = props.on_show_more.clone();
            Callback::from(move |_: MouseEvent| on_show_more.emit(()))
        };
        html! { <button type="button" class="fqs-button fqs-more" {onclick}>{ strings.show_more.clone() }</button> }
    });

    let recent = (query.is_empty() && !props.recent.is_empty()).then(|| {
        html! {
            <RecentSearches
                queries={props.recent.clone()}
                strings={strings.clone()}
                id_prefix={prefix.clone()}
                active={props.active_recent}
                on_pick={props.on_search.clone()}
                on_clear={props.on_clear_recent.clone()}
            />
        }
    });

    html! {
        <>
            <Tabs
                categories={results.categories.clone()}
                total_all={results.total_all}
                selected={props.category.clone()}
                formats={formats.clone()}
                all_label={AttrValue::from(strings.all.clone())}
                label={AttrValue::from(strings.categories_label.clone())}
                id_prefix={prefix.clone()}
                panel_id={panel_id.clone()}
                on_select={props.on_category.clone()}
            />
            <div class="fqs-panel" id={panel_id} role="tabpanel"
                aria-labelledby={format!("{prefix}-tab-{selected_tab}")}>
                { for recent }
                { body }
                { for more }
            </div>
        </>
    }
}

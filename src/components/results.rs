//! The result area once the index is ready: tabs, the header ("132 results for “fail”" and the
//! sort control), recent searches on an empty query, the result list and "Show more"; or, when
//! nothing is found, the did-you-mean suggestion and the most viewed articles.

use std::rc::Rc;

use faq_search_engine::{Hit, SortOrder};
use yew::prelude::*;

use super::recent_searches::RecentSearches;
use super::result_card::ResultCard;
use super::sort_select::SortSelect;
use super::status::{NoResults, Suggestion};
use super::tabs::Tabs;
use crate::format::Formats;
use crate::i18n::{fill, Strings};
use crate::state::State;

/// The widget's state, compared by identity: the reducer makes a new `Rc` for every change.
#[derive(Clone)]
pub struct SharedState(pub Rc<State>);

impl PartialEq for SharedState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The search and its results (shown once `results` is there), the most viewed articles
    /// (listed when the query finds nothing), the suggestion, the recent searches and where
    /// the arrow keys are.
    pub state: SharedState,
    pub formats: Rc<Formats>,
    pub strings: Rc<Strings>,
    pub id_prefix: AttrValue,
    pub on_category: Callback<Option<String>>,
    pub on_sort: Callback<SortOrder>,
    pub on_show_more: Callback<()>,
    /// A whole query picked from the suggestion or the recent searches.
    pub on_search: Callback<String>,
    pub on_clear_recent: Callback<()>,
    pub on_open: Callback<usize, bool>,
}

/// The id of the result list, which the search box's `aria-controls` names.
pub fn listbox_id(prefix: &str) -> String {
    format!("{prefix}-list")
}

/// The id of the `n`th option of the result list (results and their sub-results).
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
    let state = &props.state.0;
    let Some(results) = state.results.as_ref() else {
        return Html::default();
    };
    let query = state.query.trim();
    let category = state.category.clone().map(AttrValue::from);
    let suggestion = state.suggestion.clone().map(AttrValue::from);
    // The arrow keys go through the offered recent searches, then the results.
    let offered_recent = state.offered_recent().len();
    let active = state.active.and_then(|i| i.checked_sub(offered_recent));
    let active_recent = state.active.filter(|&i| i < offered_recent);
    let prefix = &props.id_prefix;
    let panel_id = AttrValue::from(format!("{prefix}-results"));
    let summary_id = format!("{prefix}-summary");
    let formats = &props.formats;
    let strings = &props.strings;
    let nothing_found = results.hits.is_empty() && !query.is_empty();

    let selected_tab = category
        .as_ref()
        .and_then(|c| {
            results
                .categories
                .iter()
                .position(|x| x.category == c.as_str())
        })
        .map_or(0, |i| i + 1);

    let list = |hits: &[Hit], labelled_by: String| -> Html {
        // Each hit's options: the hit, then its sub-results.
        let mut option = 0;
        html! {
            <div class="fqs-list" role="listbox" id={listbox_id(prefix)} aria-labelledby={labelled_by}>
                { for hits.iter().map(|hit| {
                    let first = option;
                    option += 1 + hit.sub_results.len();
                    html! {
                        <ResultCard
                            key={hit.id.clone()}
                            hit={Rc::new(hit.clone())}
                            option={first}
                            id_prefix={prefix.clone()}
                            active={active.and_then(|a| a.checked_sub(first)).filter(|&a| a < option - first)}
                            formats={formats.clone()}
                            strings={strings.clone()}
                            on_open={props.on_open.clone()}
                        />
                    }
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
        let category = category.clone().filter(|_| results.total_all > 0);
        let popular = state
            .popular
            .as_ref()
            .filter(|p| !p.hits.is_empty())
            .map(|popular| {
                let heading_id = format!("{prefix}-popular");
                html! { <>
                    <p class="fqs-subhead" id={heading_id.clone()}>{ strings.popular.clone() }</p>
                    { list(&popular.hits, heading_id) }
                </> }
            });
        html! { <>
            <NoResults
                query={AttrValue::from(query.to_string())}
                {category}
                suggestion={suggestion.clone()}
                strings={strings.clone()}
                {on_show_all}
                on_suggest={props.on_search.clone()}
            />
            { for popular }
        </> }
    } else {
        let header = summary(strings, formats, query, results.total, state.sort);
        html! { <>
            <div class="fqs-header">
                <p class="fqs-summary" id={summary_id.clone()}>{ header }</p>
                <SortSelect
                    sort={state.sort}
                    select_id={AttrValue::from(format!("{prefix}-sort"))}
                    strings={strings.clone()}
                    on_change={props.on_sort.clone()}
                />
            </div>
            if let Some(suggestion) = suggestion {
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

    let more = (!nothing_found && !state.filling() && results.hits.len() < results.total).then(|| {
        let onclick = {
            let on_show_more = props.on_show_more.clone();
            Callback::from(move |_: MouseEvent| on_show_more.emit(()))
        };
        html! { <button type="button" class="fqs-button fqs-more" {onclick}>{ strings.show_more.clone() }</button> }
    });

    let recent = (query.is_empty() && !state.recent.is_empty()).then(|| {
        html! {
            <RecentSearches
                queries={state.recent.clone()}
                strings={strings.clone()}
                id_prefix={prefix.clone()}
                active={active_recent}
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
                selected={category}
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

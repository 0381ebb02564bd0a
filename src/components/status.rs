//! The states that are not a result list: loading, failed (with Retry) and nothing found
//! (with the engine's did-you-mean suggestion, when it has one).

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{fill, split_at, Strings};

#[derive(Properties, PartialEq)]
pub struct LoadingStateProps {
    pub strings: Rc<Strings>,
    /// Bytes of the index received so far, of its size when the manifest gave it.
    #[prop_or_default]
    pub progress: Option<(u64, Option<u64>)>,
}

/// "Loading search…", with a progress bar once the index's size and first bytes are known
/// (a large index on a slow link takes seconds). The bar is a `<progress>` element, which
/// screen readers announce as a progress bar; the status text itself does not change, so the
/// live region is not read out again on every chunk.
#[component]
pub fn LoadingState(props: &LoadingStateProps) -> Html {
    let bar = match props.progress {
        Some((received, Some(total))) if total > 0 => {
            let value = received.min(total);
            html! {
                <progress class="fqs-progress" max={total.to_string()} value={value.to_string()}
                    aria-label={props.strings.loading.clone()}></progress>
            }
        }
        _ => Html::default(),
    };
    html! {
        <div class="fqs-status fqs-loading">
            <p class="fqs-loading-text" role="status">
                <span class="fqs-spinner" aria-hidden="true"></span>
                { props.strings.loading.clone() }
            </p>
            { bar }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorStateProps {
    pub message: AttrValue,
    pub strings: Rc<Strings>,
    pub on_retry: Callback<()>,
}

#[component]
pub fn ErrorState(props: &ErrorStateProps) -> Html {
    let onclick = {
        let on_retry = props.on_retry.clone();
        Callback::from(move |_: MouseEvent| on_retry.emit(()))
    };
    let message = props.message.trim_end();
    let stop = if message.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    html! {
        <div class="fqs-status fqs-error" role="alert">
            <p class="fqs-error-message">
                <strong class="fqs-error-title">{ props.strings.error_title.clone() }</strong>
                { format!(" {message}{stop}") }
            </p>
            <button type="button" class="fqs-button fqs-retry" {onclick}>{ props.strings.retry.clone() }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SuggestionProps {
    pub suggestion: AttrValue,
    pub strings: Rc<Strings>,
    pub on_pick: Callback<String>,
}

/// "Did you mean *withdrawal*?", the corrected query as a button that searches it.
#[component]
pub fn Suggestion(props: &SuggestionProps) -> Html {
    let (before, after) = split_at(&props.strings.did_you_mean, "suggestion");
    let onclick = {
        let on_pick = props.on_pick.clone();
        let suggestion = props.suggestion.to_string();
        Callback::from(move |_: MouseEvent| on_pick.emit(suggestion.clone()))
    };
    html! {
        <p class="fqs-suggestion">
            { before.to_string() }
            <button type="button" class="fqs-link-button fqs-suggestion-button" {onclick}>{ props.suggestion.clone() }</button>
            { after.to_string() }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoResultsProps {
    pub query: AttrValue,
    /// The selected category, when the query has results elsewhere.
    pub category: Option<AttrValue>,
    /// A corrected query that would find something.
    pub suggestion: Option<AttrValue>,
    pub strings: Rc<Strings>,
    pub on_show_all: Callback<()>,
    pub on_suggest: Callback<String>,
}

#[component]
pub fn NoResults(props: &NoResultsProps) -> Html {
    let query = props.query.trim();
    let strings = &props.strings;
    let suggestion = props.suggestion.clone().map(|suggestion| {
        html! { <Suggestion {suggestion} strings={strings.clone()} on_pick={props.on_suggest.clone()} /> }
    });
    match &props.category {
        Some(category) => {
            let onclick = {
                let on_show_all = props.on_show_all.clone();
                Callback::from(move |_: MouseEvent| on_show_all.emit(()))
            };
            html! {
                <div class="fqs-status fqs-empty">
                    <p class="fqs-empty-title">{ fill(&strings.no_results_in, &[("query", query), ("category", category)]) }</p>
                    { for suggestion }
                    <button type="button" class="fqs-button fqs-show-all" {onclick}>{ strings.search_all.clone() }</button>
                </div>
            }
        }
        None => html! {
            <div class="fqs-status fqs-empty">
                <p class="fqs-empty-title">{ fill(&strings.no_results, &[("query", query)]) }</p>
                { for suggestion }
                <p class="fqs-empty-hint">{ strings.no_results_hint.clone() }</p>
            </div>
        },
    }
}

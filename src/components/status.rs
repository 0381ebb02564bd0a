//! The states that are not a result list: loading, failed (with Retry) and nothing found.

use yew::prelude::*;

#[component]
pub fn LoadingState() -> Html {
    html! {
        <div class="fqs-status fqs-loading" role="status">
            <span class="fqs-spinner" aria-hidden="true"></span>
            { "Loading search…" }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorStateProps {
    pub message: AttrValue,
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
                <strong class="fqs-error-title">{ "Search is unavailable:" }</strong>
                { format!(" {message}{stop}") }
            </p>
            <button type="button" class="fqs-button fqs-retry" {onclick}>{ "Retry" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoResultsProps {
    pub query: AttrValue,
    /// The selected category, when the query has results elsewhere.
    pub category: Option<AttrValue>,
    pub on_show_all: Callback<()>,
}

#[component]
pub fn NoResults(props: &NoResultsProps) -> Html {
    let query = props.query.trim();
    match &props.category {
        Some(category) => {
            let onclick = {
                let on_show_all = props.on_show_all.clone();
                Callback::from(move |_: MouseEvent| on_show_all.emit(()))
            };
            html! {
                <div class="fqs-status fqs-empty">
                    <p class="fqs-empty-title">{ format!("No results for “{query}” in {category}") }</p>
                    <button type="button" class="fqs-button fqs-show-all" {onclick}>{ "Search all categories" }</button>
                </div>
            }
        }
        None => html! {
            <div class="fqs-status fqs-empty">
                <p class="fqs-empty-title">{ format!("No results for “{query}”") }</p>
                <p class="fqs-empty-hint">{ "Check the spelling, or try fewer or more general words." }</p>
            </div>
        },
    }
}

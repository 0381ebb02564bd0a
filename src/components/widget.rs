//! The root component: holds the state, loads the index (and loads it again on Retry), keeps
//! the page's `?q=` in step with the query, and picks the view for the load state.

use std::rc::Rc;

use faq_search_engine::Index;
use yew::prelude::*;

use super::results::{Results, SharedResults};
use super::search_box::SearchBox;
use super::status::{ErrorState, LoadingState};
use crate::fetch;
use crate::format::Formats;
use crate::mount::WidgetOptions;
use crate::state::{Action, LoadState, State};
use crate::urls;

/// Where the widget gets its index from.
#[derive(Clone)]
pub enum IndexSource {
    /// An absolute URL, fetched when the widget mounts and on every Retry.
    Url(String),
    /// Bytes already in memory (tests, or a host that fetched the file itself).
    Bytes(Rc<Vec<u8>>),
}

impl PartialEq for IndexSource {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (IndexSource::Url(a), IndexSource::Url(b)) => a == b,
            (IndexSource::Bytes(a), IndexSource::Bytes(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SearchWidgetProps {
    pub source: IndexSource,
    pub options: Rc<WidgetOptions>,
    /// Makes element ids unique when a page has several widgets.
    pub id_prefix: AttrValue,
}

#[component]
pub fn SearchWidget(props: &SearchWidgetProps) -> Html {
    let options = props.options.clone();
    let state = use_reducer(|| State::new(options.query.clone(), options.limit));
    let formats = use_memo(props.options.locale.clone(), |locale| Formats::new(locale));

    {
        let dispatcher = state.dispatcher();
        let source = props.source.clone();
        use_effect_with(state.attempt, move |&attempt| match source {
            IndexSource::Url(url) => wasm_bindgen_futures::spawn_local(async move {
                let action = match fetch::load_index(&url).await {
                    Ok(index) => Action::Loaded {
                        attempt,
                        index: Rc::new(index),
                    },
                    Err(message) => Action::LoadFailed { attempt, message },
                };
                dispatcher.dispatch(action);
            }),
            IndexSource::Bytes(bytes) => {
                dispatcher.dispatch(match Index::from_bytes(bytes.to_vec()) {
                    Ok(index) => Action::Loaded {
                        attempt,
                        index: Rc::new(index),
                    },
                    Err(error) => Action::LoadFailed {
                        attempt,
                        message: error.to_string(),
                    },
                })
            }
        });
    }

    {
        let param = props.options.query_param.clone();
        use_effect_with(state.query.clone(), move |query| {
            if let Some(param) = param.filter(|p| !p.is_empty()) {
                urls::write_query_param(&param, query);
            }
        });
    }

    let on_input = {
        let dispatcher = state.dispatcher();
        Callback::from(move |query: String| dispatcher.dispatch(Action::SetQuery(query)))
    };
    let on_retry = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::Retry))
    };
    let on_category = {
        let dispatcher = state.dispatcher();
        Callback::from(move |category: Option<String>| {
            dispatcher.dispatch(Action::SetCategory(category))
        })
    };
    let on_show_more = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::ShowMore))
    };

    let (state_name, body) = match (&state.load, &state.results) {
        (LoadState::Failed(message), _) => (
            "error",
            html! { <ErrorState message={AttrValue::from(message.clone())} {on_retry} /> },
        ),
        (LoadState::Ready(_), Some(results)) => (
            "ready",
            html! {
                <Results
                    results={SharedResults(results.clone())}
                    query={AttrValue::from(state.query.clone())}
                    category={state.category.clone().map(AttrValue::from)}
                    formats={formats.clone()}
                    id_prefix={props.id_prefix.clone()}
                    {on_category}
                    {on_show_more}
                />
            },
        ),
        _ => ("loading", html! { <LoadingState /> }),
    };

    html! {
        <div class="fqs-root" data-state={state_name} data-theme={props.options.theme.clone()}>
            <SearchBox
                value={AttrValue::from(state.query.clone())}
                placeholder={AttrValue::from(props.options.placeholder.clone())}
                input_id={AttrValue::from(format!("{}-input", props.id_prefix))}
                busy={state_name == "loading"}
                {on_input}
            />
            { body }
        </div>
    }
}

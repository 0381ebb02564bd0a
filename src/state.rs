//! The widget's state: whether the index is loading, ready or failed, what the person typed and
//! picked, and the results for that. One `Reducible` so every change goes through `reduce`.
//!
//! Searching happens inside `reduce`: the index is in memory and a query takes about a
//! millisecond, so results are always in step with the query that produced them.

use std::rc::Rc;

use faq_search_engine::{Index, SearchOptions, SearchResults};
use yew::Reducible;

/// Words of context in a result's snippet.
const SNIPPET_WORDS: usize = 28;

/// Where the index is in its life.
pub enum LoadState {
    Loading,
    Ready(Rc<Index>),
    /// The message says why, in words for the page's visitor and its owner.
    Failed(String),
}

pub struct State {
    pub load: LoadState,
    /// Increments on every load attempt; answers from an older attempt are ignored.
    pub attempt: u32,
    pub query: String,
    /// `None` is the "All" tab.
    pub category: Option<String>,
    /// How many results to show; grows with "Show more".
    pub shown: usize,
    pub page_size: usize,
    /// Results for `query` and `category`; `None` until the index is ready.
    pub results: Option<Rc<SearchResults>>,
}

pub enum Action {
    Loaded { attempt: u32, index: Rc<Index> },
    LoadFailed { attempt: u32, message: String },
    Retry,
    SetQuery(String),
    SetCategory(Option<String>),
    ShowMore,
}

impl State {
    pub fn new(query: String, page_size: usize) -> State {
        let page_size = page_size.max(1);
        State {
            load: LoadState::Loading,
            attempt: 0,
            query,
            category: None,
            shown: page_size,
            page_size,
            results: None,
        }
    }

    pub fn index(&self) -> Option<&Rc<Index>> {
        match &self.load {
            LoadState::Ready(index) => Some(index),
            _ => None,
        }
    }

    fn with_results(mut self) -> State {
        self.results = self.index().map(|index| {
            let options = SearchOptions {
                limit: self.shown,
                offset: 0,
                category: self.category.clone(),
                snippet_words: SNIPPET_WORDS,
                ..SearchOptions::default()
            };
            Rc::new(index.search(&self.query, &options))
        });
        self
    }

    fn copy(&self) -> State {
        State {
            load: match &self.load {
                LoadState::Loading => LoadState::Loading,
                LoadState::Ready(index) => LoadState::Ready(index.clone()),
                LoadState::Failed(message) => LoadState::Failed(message.clone()),
            },
            attempt: self.attempt,
            query: self.query.clone(),
            category: self.category.clone(),
            shown: self.shown,
            page_size: self.page_size,
            results: self.results.clone(),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.copy();
        match action {
            Action::Loaded { attempt, index } => {
                if attempt != self.attempt {
                    return self;
                }
                next.load = LoadState::Ready(index);
                next.with_results().into()
            }
            Action::LoadFailed { attempt, message } => {
                if attempt != self.attempt {
                    return self;
                }
                next.load = LoadState::Failed(message);
                next.results = None;
                next.into()
            }
            Action::Retry => {
                next.load = LoadState::Loading;
                next.attempt = self.attempt.wrapping_add(1);
                next.results = None;
                next.into()
            }
            Action::SetQuery(query) => {
                if query == self.query {
                    return self;
                }
                next.query = query;
                next.shown = next.page_size;
                next.with_results().into()
            }
            Action::SetCategory(category) => {
                let category = category.filter(|c| !c.is_empty());
                if category == self.category {
                    return self;
                }
                next.category = category;
                next.shown = next.page_size;
                next.with_results().into()
            }
            Action::ShowMore => {
                next.shown = self.shown.saturating_add(self.page_size);
                next.with_results().into()
            }
        }
    }
}

//! The widget's state: whether the index is loading, ready or failed, what the person typed and
//! picked, the results for that, and where the keyboard is in them. One `Reducible`, so every
//! change goes through `reduce`, which is pure: an action and the state in, the next state
//! out. What reaches outside the widget (storage, the clock, the URL, events, fetching) is
//! done by the hooks in `hooks/`, which dispatch what they learn as actions.
//!
//! Searching happens inside `reduce`: the index is in memory and a query takes about a
//! millisecond, so results are always in step with the query that produced them. A split
//! index may lack parts a query needs: the results then keep showing the previous answer
//! until the term chunks arrive and the best hit is settled (`pending` lists what to fetch;
//! `PartsLoaded` searches again), then grow as more parts arrive, each snippet filling
//! in when its text does.

use std::rc::Rc;

use faq_search_engine::{Hit, Index, Lacks, SearchOptions, SearchResults, SortOrder, SubResult};
use yew::Reducible;

use crate::missing_parts;

#[cfg(test)]
mod tests;

/// Words of context in a result's snippet.
const SNIPPET_WORDS: usize = 28;
/// Articles offered when a query finds nothing.
const POPULAR_COUNT: usize = 5;

/// Where the index is in its life.
#[derive(Clone)]
pub enum LoadState {
    Loading,
    Ready(Rc<Index>),
    /// The message says why, in words for the page's visitor and its owner.
    Failed(String),
}

/// How the search last changed, which decides what happens once it settles (see
/// `hooks/settle.rs`): typing waits for a pause; a click or Enter settles at once; a search
/// that came from the URL (at start, or Back/Forward) is not written back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Initial,
    Typing,
    Immediate,
    Restored,
}

#[derive(Clone)]
pub struct State {
    pub load: LoadState,
    /// Increments on every load attempt; answers from an older attempt are ignored.
    pub attempt: u32,
    pub query: String,
    /// `None` is the "All" tab.
    pub category: Option<String>,
    pub sort: SortOrder,
    /// How many results the search asks for: `page_size`, and as many again for every
    /// "Show more".
    pub limit: usize,
    pub page_size: usize,
    /// Results for `query`, `category` and `sort`; `None` until the index is ready.
    pub results: Option<Rc<SearchResults>>,
    /// The engine's corrected query, when words of this one matched only through typo
    /// tolerance or not at all.
    pub suggestion: Option<String>,
    /// The most viewed articles, offered when a query finds nothing.
    pub popular: Option<Rc<SearchResults>>,
    pub change: Change,
    /// Increments whenever the search (query, tab, sort) changes or is committed, so the
    /// settle effect runs once per change.
    pub revision: u32,
    /// The option the arrow keys are on: the offered recent searches, then the result list's
    /// options ([`State::listed_option`]).
    pub active: Option<usize>,
    /// Modal mode: whether the dialog is open.
    pub open: bool,
    /// Modal mode: the dialog closed because an opened result is taking the page elsewhere.
    pub leaving: bool,
    /// Only articles of this locale, when the site asked for it.
    pub content_locale: Option<String>,
    /// The visitor's recent searches, newest first.
    pub recent: Rc<Vec<String>>,
    /// Parts of a split index the current results (or the popular articles) still need.
    pub pending: Rc<Lacks>,
    /// How far the index download got: bytes so far, of the size the manifest gave.
    pub progress: Option<(u64, Option<u64>)>,
    /// Keystrokes changed `query` since the last search: the widget searches once per frame
    /// ([`Action::SearchTyped`]), so a query the next keystroke made stale is never searched.
    pub typed: bool,
    /// How many searches of the query `reduce` has made (wrapping): tells a dispatch that
    /// searched from one that did not, for timing (`hooks/widget_state.rs`).
    pub searches: u32,
}

/// One option of the result list: a listed hit, or one of its sub-results, which follow it in
/// the list (so the arrow keys go from a result through its sub-results to the next result).
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    /// The hit's place in the list, from 0.
    pub position: usize,
    pub hit: &'a Hit,
    /// The sub-result, for an option that is one.
    pub sub: Option<&'a SubResult>,
}

impl Listed<'_> {
    /// The link the option opens: the article, or the heading inside it.
    pub fn url(&self) -> &str {
        self.sub.map_or(&self.hit.url, |s| &s.url)
    }
}

pub enum Action {
    Loaded {
        attempt: u32,
        index: Rc<Index>,
    },
    LoadFailed {
        attempt: u32,
        message: String,
    },
    Retry,
    /// The index download moved on.
    Progress {
        attempt: u32,
        received: u64,
        total: Option<u64>,
    },
    /// A keystroke: the box's text, searched at the next frame.
    SetQuery(String),
    /// The frame after keystrokes: search what the box holds now.
    SearchTyped,
    /// A query chosen whole (a suggestion, a recent search): searched and settled at once.
    Search(String),
    SetCategory(Option<String>),
    SetSort(SortOrder),
    /// Enter without a result chosen: the search settles now.
    Commit,
    /// Back or Forward: the search the URL holds.
    Restore {
        query: String,
        category: Option<String>,
        sort: SortOrder,
    },
    ShowMore,
    /// Parts of a split index arrived: search again with them.
    PartsLoaded,
    /// Parts of a split index could not be fetched: the error state, with Retry.
    PartsFailed(String),
    /// Arrow keys: one result down (+1) or up (-1).
    Move(i32),
    Open,
    Close,
    /// A result was opened and the page navigates to it: the dialog closes.
    Leave,
    /// The recent searches as they are now stored.
    SetRecent(Vec<String>),
    ClearRecent,
}

impl Action {
    /// Whether `reduce` may search for this action (it does when the search changed and the
    /// index is ready).
    pub fn may_search(&self) -> bool {
        matches!(
            self,
            Action::Loaded { .. }
                | Action::SearchTyped
                | Action::Search(_)
                | Action::SetCategory(_)
                | Action::SetSort(_)
                | Action::Restore { .. }
                | Action::ShowMore
                | Action::PartsLoaded
        )
    }
}

impl State {
    pub fn new(
        query: String,
        category: Option<String>,
        sort: SortOrder,
        page_size: usize,
        content_locale: Option<String>,
        recent: Vec<String>,
    ) -> State {
        let page_size = page_size.max(1);
        State {
            load: LoadState::Loading,
            attempt: 0,
            query,
            category: category.filter(|c| !c.is_empty()),
            sort,
            limit: page_size,
            page_size,
            results: None,
            suggestion: None,
            popular: None,
            change: Change::Initial,
            revision: 0,
            active: None,
            open: false,
            leaving: false,
            content_locale,
            recent: Rc::new(recent),
            pending: Rc::default(),
            progress: None,
            typed: false,
            searches: 0,
        }
    }

    pub fn index(&self) -> Option<&Rc<Index>> {
        match &self.load {
            LoadState::Ready(index) => Some(index),
            _ => None,
        }
    }

    /// True when a query was typed and found nothing in the selected tab.
    pub fn nothing_found(&self) -> bool {
        !self.query.trim().is_empty() && self.results.as_ref().is_some_and(|r| r.hits.is_empty())
    }

    /// The recent searches offered above the results (on an empty box). The arrow keys reach
    /// them before the results: `active` counts them first.
    pub fn offered_recent(&self) -> &[String] {
        if self.query.trim().is_empty() {
            &self.recent
        } else {
            &[]
        }
    }

    /// The results on the list (or `None` before the first): the hits, or the popular
    /// articles when nothing was found.
    pub fn listed_results(&self) -> Option<&Rc<SearchResults>> {
        if self.nothing_found() {
            self.popular.as_ref()
        } else {
            self.results.as_ref()
        }
    }

    /// The hits listed right now, which the arrow keys move through after the offered recent
    /// searches.
    pub fn listed_hits(&self) -> &[Hit] {
        self.listed_results()
            .map(|r| r.hits.as_slice())
            .unwrap_or(&[])
    }

    /// How many options the keyboard's list has: the offered recent searches, then every
    /// listed hit and its sub-results.
    pub fn option_count(&self) -> usize {
        self.listed_hits()
            .iter()
            .fold(self.offered_recent().len(), |n, hit| {
                n + 1 + hit.sub_results.len()
            })
    }

    /// Option `i` of the result list (counted after the offered recent searches): what a click
    /// on it or Enter on it opens.
    pub fn listed_option(&self, mut i: usize) -> Option<Listed<'_>> {
        for (position, hit) in self.listed_hits().iter().enumerate() {
            if i <= hit.sub_results.len() {
                let sub = i.checked_sub(1).map(|s| &hit.sub_results[s]);
                return Some(Listed { position, hit, sub });
            }
            i -= 1 + hit.sub_results.len();
        }
        None
    }

    /// Where the option of the result list that shows `hit` (at `position`) and its heading
    /// `anchor` is now: the hit's own option when that heading is no longer listed.
    fn option_of(&self, position: usize, anchor: Option<&str>) -> Option<usize> {
        let hits = self.listed_hits();
        let hit = hits.get(position)?;
        let sub = anchor.and_then(|a| hit.sub_results.iter().position(|s| s.anchor == a));
        let before: usize = hits[..position]
            .iter()
            .map(|h| 1 + h.sub_results.len())
            .sum();
        Some(before + sub.map_or(0, |s| s + 1))
    }

    // `..SearchOptions::default()` names no field today; it keeps this building when the
    // engine adds an option.
    #[allow(clippy::needless_update)]
    fn with_results(mut self) -> State {
        self.active = None;
        self.suggestion = None;
        let Some(index) = self.index().cloned() else {
            self.results = None;
            return self;
        };
        // A category the index does not have (an old link) shows everything instead of an
        // empty tab nobody can select.
        if let Some(category) = &self.category {
            if !index.categories().iter().any(|c| c == category) {
                self.category = None;
            }
        }
        let options = SearchOptions {
            limit: self.limit,
            offset: 0,
            category: self.category.clone(),
            sort: self.sort,
            snippet_words: SNIPPET_WORDS,
            locale: self.content_locale.clone(),
            ..SearchOptions::default()
        };
        let results = index.search(&self.query, &options);
        self.searches = self.searches.wrapping_add(1);
        self.pending = Rc::default();
        self.want_parts(&results.lacks);
        if let Some(popular) = self.popular.clone() {
            self.want_parts(&popular.lacks);
        }
        // An incomplete answer leaves the previous one on screen (or the loading state, before
        // the first) until its parts arrive, a moment later, and this runs again. Then the
        // list shows, and grows as more arrive.
        if missing_parts::answer_is_incomplete(&results) {
            return self;
        }
        self.suggestion = results
            .suggestion
            .clone()
            .filter(|s| !s.trim().is_empty() && s.trim() != self.query.trim());
        self.results = Some(Rc::new(results));
        if self.popular.is_none() && (self.query.trim().is_empty() || self.nothing_found()) {
            let popular = self.popular_results(&index);
            self.want_parts(&popular.lacks);
            self.popular = Some(Rc::new(popular));
        }
        self
    }

    /// A split index's page of results is still growing: parts it waits for are on their way.
    pub fn filling(&self) -> bool {
        self.results
            .as_ref()
            .is_some_and(|r| !self.pending.is_empty() && r.hits.len() < self.limit.min(r.total))
    }

    /// Adds what a search lacks to what the split index still has to fetch, each part once,
    /// keeping the order the search needed them in (the best results' text first).
    fn want_parts(&mut self, lacks: &Lacks) {
        if lacks.is_empty() {
            return;
        }
        let mut pending = (*self.pending).clone();
        for (have, add) in [
            (&mut pending.term_chunks, &lacks.term_chunks),
            (&mut pending.text, &lacks.text),
        ] {
            for &part in add {
                if !have.contains(&part) {
                    have.push(part);
                }
            }
        }
        if pending != *self.pending {
            self.pending = Rc::new(pending);
        }
    }

    fn popular_results(&self, index: &Index) -> SearchResults {
        index.search(
            "",
            &SearchOptions {
                limit: POPULAR_COUNT,
                snippet_words: SNIPPET_WORDS,
                locale: self.content_locale.clone(),
                ..SearchOptions::default()
            },
        )
    }

    /// A new search: back to the first page, and the settle effect runs again.
    fn changed(mut self, change: Change) -> State {
        self.typed = false;
        self.limit = self.page_size;
        self.change = change;
        self.revision = self.revision.wrapping_add(1);
        self.with_results()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded { attempt, index } => {
                if attempt != self.attempt {
                    return self;
                }
                // The most viewed articles are wanted only for an empty query or when nothing
                // is found (`with_results` makes them then): a split index would otherwise
                // fetch their text ahead of the query's.
                next.popular = None;
                next.results = None;
                next.load = LoadState::Ready(index);
                next.revision = next.revision.wrapping_add(1);
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
            Action::Progress {
                attempt,
                received,
                total,
            } => {
                if attempt != self.attempt || !matches!(self.load, LoadState::Loading) {
                    return self;
                }
                next.progress = Some((received, total));
                next.into()
            }
            Action::Retry => {
                next.progress = None;
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
                next.typed = true;
                next.into()
            }
            Action::SearchTyped => {
                if !self.typed {
                    return self;
                }
                next.changed(Change::Typing).into()
            }
            Action::Search(query) => {
                next.query = query;
                next.changed(Change::Immediate).into()
            }
            Action::SetCategory(category) => {
                let category = category.filter(|c| !c.is_empty());
                if category == self.category {
                    return self;
                }
                next.category = category;
                next.changed(Change::Immediate).into()
            }
            Action::SetSort(sort) => {
                if sort == self.sort {
                    return self;
                }
                next.sort = sort;
                next.changed(Change::Immediate).into()
            }
            Action::Commit => {
                next.change = Change::Immediate;
                next.revision = next.revision.wrapping_add(1);
                next.into()
            }
            Action::Restore {
                query,
                category,
                sort,
            } => {
                next.query = query;
                next.category = category.filter(|c| !c.is_empty());
                next.sort = sort;
                next.changed(Change::Restored).into()
            }
            Action::PartsLoaded => {
                let Some(index) = self.index().cloned() else {
                    return self;
                };
                if self.popular.as_ref().is_some_and(|p| !p.lacks.is_empty()) {
                    next.popular = Some(Rc::new(self.popular_results(&index)));
                }
                // The same search, more complete: the keyboard stays on the option it was on,
                // which moves down when the hits above it gain their sub-results (their text
                // arrived).
                let recent = self.offered_recent().len();
                let place = self
                    .active
                    .and_then(|i| self.listed_option(i.checked_sub(recent)?))
                    .map(|o| (o.position, o.sub.map(|s| s.anchor.as_str())));
                let mut next = next.with_results();
                next.active = match place {
                    Some((position, anchor)) => {
                        next.option_of(position, anchor).map(|i| i + recent)
                    }
                    None => self.active.filter(|&i| i < next.option_count()),
                };
                next.into()
            }
            Action::PartsFailed(message) => {
                next.load = LoadState::Failed(message);
                next.results = None;
                next.pending = Rc::default();
                next.into()
            }
            Action::ShowMore => {
                next.limit = self.limit.saturating_add(self.page_size);
                let active = self.active;
                let mut next = next.with_results();
                next.active = active;
                next.into()
            }
            Action::Move(delta) => {
                let count = self.option_count();
                if count == 0 {
                    return self;
                }
                next.active = match (self.active, delta.signum()) {
                    (None, 1) => Some(0),
                    (None, _) => Some(count - 1),
                    (Some(i), 1) => Some((i + 1).min(count - 1)),
                    // Up from the first result goes back to the search box.
                    (Some(0), _) => None,
                    (Some(i), _) => Some((i - 1).min(count - 1)),
                };
                next.into()
            }
            Action::Open => {
                if self.open {
                    return self;
                }
                next.open = true;
                next.leaving = false;
                next.into()
            }
            Action::Close | Action::Leave => {
                if !self.open {
                    return self;
                }
                next.open = false;
                next.leaving = matches!(action, Action::Leave);
                next.active = None;
                next.into()
            }
            Action::SetRecent(list) => {
                if list == *self.recent {
                    return self;
                }
                next.recent = Rc::new(list);
                next.into()
            }
            Action::ClearRecent => {
                next.recent = Rc::new(Vec::new());
                next.active = None;
                next.into()
            }
        }
    }
}

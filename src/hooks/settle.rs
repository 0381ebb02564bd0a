//! When a search *settles*: a pause in the typing (`settle_ms`), Enter, or at once for a click
//! (tab, sort, suggestion, recent search). Only then does it get a history entry, a
//! `faq-search:query` event and a place among the recent searches, so none of them happen
//! for every keystroke. While typing, the URL follows the query after a shorter pause, and
//! the live region announces the results after a pause of its own.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::page_events::PageEvents;
use super::recent_searches::RecentSearches;
use super::url_sync::UrlSync;
use crate::history::UrlState;
use crate::state::{Change, State};

/// Quiet time before the live region announces the result count.
const ANNOUNCE_MS: u32 = 500;

/// What settling does, to whom.
pub struct Settle<A> {
    pub url: UrlSync,
    pub events: PageEvents,
    pub recent: RecentSearches,
    /// Sets the live region's text (`Announcement::of`).
    pub announce: A,
    pub settle_ms: u32,
}

#[hook]
pub fn use_settle<A: FnOnce() + 'static>(state: &State, settle: Settle<A>) {
    let ready = state.index().is_some();
    let change = state.change;
    let search = UrlState {
        query: state.query.clone(),
        category: state.category.clone(),
        sort: state.sort,
    };
    let total = state.results.as_ref().map(|r| r.total);
    use_effect_with((state.revision, ready), move |_| {
        let Settle {
            url,
            events,
            recent,
            announce,
            settle_ms,
        } = settle;
        let follow_url = if change == Change::Typing {
            url.follow_typing(search.clone())
        } else {
            None
        };
        let settled = move || {
            if matches!(change, Change::Typing | Change::Immediate) {
                url.settle(&search);
            }
            let Some(total) = total else {
                return;
            };
            let query = search.query.trim();
            if query.is_empty() || change == Change::Restored {
                return;
            }
            events.query(query, total, search.category.as_deref());
            if total > 0 && change != Change::Initial {
                recent.remember(query);
            }
        };
        let timers = if change == Change::Typing {
            Some((
                Timeout::new(settle_ms, settled),
                Timeout::new(ANNOUNCE_MS, announce),
            ))
        } else {
            settled();
            announce();
            None
        };
        // A newer change cancels what this one had scheduled.
        move || drop((timers, follow_url))
    });
}

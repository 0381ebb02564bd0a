//! The visitor's recent searches in storage (`recent.rs`): [`RecentSearches::remember`] and
//! [`RecentSearches::clear`] write them and hand the new list to the state (`SetRecent`,
//! `ClearRecent`). Off when the site turned recent searches off (no storage key).

use std::rc::Rc;

use super::widget_state::Dispatcher;
use crate::recent;
use crate::state::Action;

#[derive(Clone)]
pub struct RecentSearches {
    key: Option<Rc<str>>,
    dispatcher: Dispatcher,
}

impl RecentSearches {
    /// A search worth offering again (it settled with results, or a result was opened).
    pub fn remember(&self, query: &str) {
        let Some(key) = &self.key else {
            return;
        };
        // Another tab (or widget) may have stored searches since this one loaded: start from
        // what storage holds now, and from memory when storage does not work.
        let stored = recent::load(key);
        let memory = self.dispatcher.state().recent.clone();
        let base = if stored.is_empty() { &memory } else { &stored };
        let list = recent::remember(base, query);
        recent::save(key, &list);
        self.dispatcher.dispatch(Action::SetRecent(list));
    }

    pub fn clear(&self) {
        if let Some(key) = &self.key {
            recent::save(key, &[]);
        }
        self.dispatcher.dispatch(Action::ClearRecent);
    }
}

/// Recent searches stored under `key` (`None`: off).
pub fn recent_searches(key: Option<Rc<str>>, dispatcher: &Dispatcher) -> RecentSearches {
    RecentSearches {
        key,
        dispatcher: dispatcher.clone(),
    }
}

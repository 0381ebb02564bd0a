//! The search in the page URL, when the site turned URL sync on (`history.rs` does the
//! writing): [`UrlSync`] follows typing and settles searches into history entries, and Back
//! and Forward bring the search of their entry back (`Restore`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::widget_state::Dispatcher;
use crate::history::{HistorySync, ParamNames, UrlState};
use crate::state::Action;

/// Quiet time before the URL follows what is being typed. `history.replaceState` costs the
/// browser several milliseconds (it talks to the browser process); on every keystroke it
/// would take most of the frame budget, so it waits for a pause in the typing.
const TYPING_URL_MS: u32 = 250;

/// The widget's hold on the page URL; does nothing when URL sync is off.
#[derive(Clone)]
pub struct UrlSync(Rc<RefCell<Option<HistorySync>>>);

impl UrlSync {
    /// While typing: the current entry follows `search` after a pause, unless the returned
    /// timer is dropped first (by the next keystroke). `None` when URL sync is off.
    pub fn follow_typing(&self, search: UrlState) -> Option<Timeout> {
        self.0.borrow().as_ref()?;
        let sync = self.0.clone();
        Some(Timeout::new(TYPING_URL_MS, move || {
            if let Some(history) = sync.borrow().as_ref() {
                history.typing(&search);
            }
        }))
    }

    /// A search settled: its own history entry.
    pub fn settle(&self, search: &UrlState) {
        if let Some(history) = self.0.borrow_mut().as_mut() {
            history.settle(search);
        }
    }
}

#[hook]
pub fn use_url_sync(names: Option<ParamNames>, dispatcher: &Dispatcher) -> UrlSync {
    let sync = use_mut_ref(|| names.map(HistorySync::new));
    {
        let sync = sync.clone();
        let dispatcher = dispatcher.clone();
        use_effect_with((), move |_| {
            let enabled = sync.borrow().is_some();
            let window = web_sys::window().filter(|_| enabled);
            let listener = window.map(|window| {
                EventListener::new(&window, "popstate", move |_| {
                    let restored = sync.borrow_mut().as_mut().map(HistorySync::restored);
                    if let Some(UrlState {
                        query,
                        category,
                        sort,
                    }) = restored
                    {
                        dispatcher.dispatch(Action::Restore {
                            query,
                            category,
                            sort,
                        });
                    }
                })
            });
            move || drop(listener)
        });
    }
    UrlSync(sync)
}

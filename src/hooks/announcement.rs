//! The live region's text: how many results there are (or that there are none), for screen
//! readers. Set when a search settles (`settle.rs` says when: after a short pause while
//! typing, so a reader is not interrupted on every keystroke).

use std::rc::Rc;

use yew::prelude::*;

use crate::components::summary;
use crate::format::Formats;
use crate::i18n::{fill, Strings};
use crate::state::State;

#[derive(Clone)]
pub struct Announcement(UseStateHandle<AttrValue>);

impl Announcement {
    /// The text the live region holds now.
    pub fn text(&self) -> AttrValue {
        (*self.0).clone()
    }

    /// Announces the results of `state`, worded when it runs rather than on every keystroke.
    pub fn of(&self, state: &State, strings: &Rc<Strings>, formats: &Rc<Formats>) -> impl FnOnce() {
        let live = self.0.clone();
        let (strings, formats) = (strings.clone(), formats.clone());
        let nothing_found = state.nothing_found();
        let (results, query, sort) = (state.results.clone(), state.query.clone(), state.sort);
        move || {
            let Some(results) = results else {
                return;
            };
            let text = if nothing_found {
                fill(&strings.no_results, &[("query", query.trim())])
            } else {
                summary(&strings, &formats, &query, results.total, sort)
            };
            live.set(text.into());
        }
    }
}

#[hook]
pub fn use_announcement() -> Announcement {
    Announcement(use_state(AttrValue::default))
}

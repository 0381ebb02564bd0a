//! The live region's text: how many results there are (or that there are none), announced to
//! screen readers once a search settles; after a short pause while typing, so a reader is not
//! interrupted on every keystroke.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::summary;
use crate::format::Formats;
use crate::i18n::{fill, Strings};
use crate::state::{Change, State};

/// Quiet time before the live region announces the result count.
const ANNOUNCE_MS: u32 = 500;

/// The text the live region holds now.
#[hook]
pub fn use_announcement(state: &State, strings: &Rc<Strings>, formats: &Rc<Formats>) -> AttrValue {
    let announcement = use_state(AttrValue::default);
    // Worded when the effect runs, not on every keystroke.
    let words = {
        let (strings, formats) = (strings.clone(), formats.clone());
        let nothing_found = state.nothing_found();
        let (results, query, sort) = (state.results.clone(), state.query.clone(), state.sort);
        move || {
            results.map(|r| {
                if nothing_found {
                    fill(&strings.no_results, &[("query", query.trim())])
                } else {
                    summary(&strings, &formats, &query, r.total, sort)
                }
            })
        }
    };
    let typing = state.change == Change::Typing;
    let ready = state.index().is_some();
    {
        let announcement = announcement.clone();
        use_effect_with((state.revision, ready), move |_| {
            let text = words();
            let announce = move || {
                if let Some(text) = text {
                    announcement.set(text.into());
                }
            };
            let timer = if typing {
                Some(Timeout::new(ANNOUNCE_MS, announce))
            } else {
                announce();
                None
            };
            move || drop(timer)
        });
    }
    (*announcement).clone()
}

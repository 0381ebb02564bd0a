//! Fetching the parts of a split index the current search lacks (`State::pending`), then
//! searching again with them (`PartsLoaded`, once for parts that arrive together) or showing
//! the error (`PartsFailed`). What is fetched in which batch, and how many titles and texts at
//! once, is `missing_parts.rs`'s to say.
//!
//! A closed dialog shows nothing, so it waits until it opens: a search button in every page's
//! header would otherwise fetch the text of the most viewed articles on every page load.

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use super::widget_state::Dispatcher;
use crate::fetch;
use crate::frame::OncePerFrame;
use crate::missing_parts;
use crate::state::{Action, State};

#[hook]
pub fn use_part_fetching(state: &State, visible: bool, dispatcher: &Dispatcher) {
    let dispatcher = dispatcher.clone();
    let index = state.index().cloned();
    // Parts this widget is waiting for (by index, then part): asked for once, however often
    // `pending` changes.
    let awaiting = use_mut_ref(HashSet::<(usize, usize)>::new);
    // Title and body requests under way (see `missing_parts::TEXT_REQUESTS_AT_ONCE`); when one
    // ends, the search runs again and this effect starts the next.
    let text_running = use_mut_ref(|| 0usize);
    // Parts that arrive together are searched with once.
    let arrived = use_mut_ref(OncePerFrame::default);
    use_effect_with(
        (state.pending.clone(), visible),
        move |(pending, visible)| {
            let of = index.as_ref().map_or(0, |i| Rc::as_ptr(i) as usize);
            let Some(index) = index.filter(|_| *visible) else {
                return;
            };
            let running = *text_running.borrow();
            // Parts on their way are not asked for again.
            let batches = missing_parts::fetch_batches(pending, running, |p| {
                !awaiting.borrow().contains(&(of, p))
            });
            let terms = Some(batches.terms).filter(|t| !t.is_empty());
            let text = batches.text.into_iter().map(|part| vec![part]);
            for (wanted, text) in terms
                .map(|t| (t, 0))
                .into_iter()
                .chain(text.map(|t| (t, 1)))
            {
                let index = index.clone();
                let dispatcher = dispatcher.clone();
                let awaiting = awaiting.clone();
                let text_running = text_running.clone();
                let arrived = arrived.clone();
                awaiting
                    .borrow_mut()
                    .extend(wanted.iter().map(|&p| (of, p)));
                *text_running.borrow_mut() += text;
                wasm_bindgen_futures::spawn_local(async move {
                    let result = fetch::load_parts(index, wanted.clone()).await;
                    for &part in &wanted {
                        awaiting.borrow_mut().remove(&(of, part));
                    }
                    *text_running.borrow_mut() -= text;
                    match result {
                        Ok(()) => arrived
                            .borrow_mut()
                            .request(dispatcher.later(|| Action::PartsLoaded), false),
                        Err(message) => dispatcher.dispatch(Action::PartsFailed(message)),
                    }
                });
            }
        },
    );
}

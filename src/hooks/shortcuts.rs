//! The keyboard shortcuts of the page: `/` and Ctrl/Cmd+K focus the search box (and open the
//! dialog, in modal mode). With several widgets, the first one mounted takes the key (it
//! marks the event handled, and the others skip handled events).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use super::widget_state::Dispatcher;
use crate::dom;
use crate::state::Action;

#[hook]
pub fn use_shortcuts(enabled: bool, modal: bool, input_ref: &NodeRef, dispatcher: &Dispatcher) {
    let dispatcher = dispatcher.clone();
    let input_ref = input_ref.clone();
    use_effect_with((), move |_| {
        let listener = enabled
            .then(|| web_sys::window().and_then(|w| w.document()))
            .flatten()
            .map(|document| {
                // Not passive: the shortcut's own character must not be typed.
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if event.default_prevented() || event.is_composing() || event.alt_key() {
                        return;
                    }
                    let command = event.ctrl_key() || event.meta_key();
                    let key = event.key();
                    let slash = key == "/" && !command;
                    let k = command && key.eq_ignore_ascii_case("k");
                    if !slash && !k {
                        return;
                    }
                    let input = input_ref.cast::<Element>();
                    let origin = dom::event_origin(event);
                    let in_own_box = origin.is_some() && origin == input;
                    if let Some(origin) = &origin {
                        // A slash typed into a text field is text; Ctrl+K in another field
                        // belongs to it (often "insert link").
                        if dom::is_editable(origin) && !(k && in_own_box) {
                            return;
                        }
                    }
                    event.prevent_default();
                    if modal {
                        dispatcher.dispatch(Action::Open);
                    }
                    if let Some(input) =
                        input.and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        let _ = input.focus();
                        input.select();
                    }
                })
            });
        move || drop(listener)
    });
}

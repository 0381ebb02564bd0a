//! The modal dialog of modal mode: a `<dialog>` shown with `showModal()` while `open`. It owns
//! what a modal needs beyond its content: focus (into the search box on opening, kept inside
//! by Tab, back to whatever opened it on closing), the page's scroll lock, and a history entry
//! of its own, so Back closes the dialog and Forward opens it again. It reports the person
//! closing it (Esc, the backdrop, the browser's own close request, Back) through `on_close`,
//! and Forward onto its entry through `on_open`.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlDialogElement};
use yew::prelude::*;

use crate::dom;

/// The `history.state` of the entry pushed for an open dialog: names the widget.
const DIALOG_STATE_KEY: &str = "faqSearchDialog";

#[derive(Properties)]
pub struct DialogProps {
    pub open: bool,
    /// The dialog closed because an opened result is taking the page elsewhere: its history
    /// entry is left alone (going Back now would race with the navigation).
    pub leaving: bool,
    /// The dialog's accessible name.
    pub label: AttrValue,
    /// Names the widget in the history entry.
    pub id_prefix: AttrValue,
    /// Focused when the dialog opens, and after Esc clears the query.
    pub input_ref: NodeRef,
    /// Where focus goes back to when what opened the dialog is gone.
    pub trigger_ref: NodeRef,
    /// Esc clears the query first, and closes the dialog once it is empty.
    pub has_query: bool,
    /// Opens the dialog once mounted (a shared link to a search opens it with its results).
    pub open_at_start: bool,
    pub on_open: Callback<()>,
    pub on_close: Callback<()>,
    pub on_clear: Callback<()>,
    /// Rendered only while the dialog is open.
    pub children: Html,
}

/// Never equal: the content is new `Html` on every render of the widget, and comparing it node
/// by node would cost more (in code and in time) than rendering the dialog again, whose
/// children then compare their own props.
impl PartialEq for DialogProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[component]
pub fn Dialog(props: &DialogProps) -> Html {
    let dialog_ref = use_node_ref();
    // The URL of the page when the dialog opened, while the history entry pushed for the open
    // dialog is there (Back closes the dialog instead of leaving the page).
    let entry = use_mut_ref(|| None::<String>);

    // Open and close the dialog, keep the page still behind it, move focus in and back to
    // whatever opened it.
    {
        let dialog_ref = dialog_ref.clone();
        let input_ref = props.input_ref.clone();
        let trigger_ref = props.trigger_ref.clone();
        let was_open = use_mut_ref(|| false);
        let return_focus = use_mut_ref(|| None::<Element>);
        let scroll = use_mut_ref(|| None::<String>);
        let entry = entry.clone();
        let leaving = props.leaving;
        let prefix = props.id_prefix.clone();
        use_effect_with(props.open, move |&open| {
            let changed = *was_open.borrow() != open;
            *was_open.borrow_mut() = open;
            let dialog = dialog_ref.cast::<HtmlDialogElement>();
            let (true, Some(dialog)) = (changed, dialog) else {
                return;
            };
            if open {
                *return_focus.borrow_mut() = dom::deep_active_element();
                if !dialog.open() && dialog.show_modal().is_err() {
                    dialog.set_open(true);
                }
                *scroll.borrow_mut() = dom::lock_page_scroll();
                if let Some(input) = input_ref.cast::<Element>() {
                    dom::focus(&input);
                }
                // Forward onto the dialog's entry opened it again: that entry is its own.
                *entry.borrow_mut() = if on_dialog_entry(&prefix) {
                    current_href()
                } else {
                    push_dialog_entry(&prefix)
                };
            } else {
                if dialog.open() {
                    dialog.close();
                }
                if let Some(opened_at) = entry.borrow_mut().take() {
                    if !leaving {
                        drop_dialog_entry(&prefix, &opened_at);
                    }
                }
                if let Some(previous) = scroll.borrow_mut().take() {
                    dom::unlock_page_scroll(&previous);
                }
                let back = return_focus
                    .borrow_mut()
                    .take()
                    // Focus on nothing in particular (the body) goes to the button.
                    .filter(|e| !matches!(e.tag_name().as_str(), "BODY" | "HTML"))
                    .filter(|e| e.is_connected() && !dialog.contains(Some(e)))
                    .or_else(|| trigger_ref.cast::<Element>());
                if let Some(back) = back {
                    dom::focus(&back);
                }
            }
        });
    }

    // Back (or Forward) away from the open dialog's history entry closes the dialog, and
    // Forward (or Back) onto it opens the dialog again, with the search it had: the entry
    // stays in the history like any other. And a shared link to a search opens the dialog.
    {
        let entry = entry.clone();
        let prefix = props.id_prefix.clone();
        let (on_open, on_close) = (props.on_open.clone(), props.on_close.clone());
        let open_at_start = props.open_at_start;
        use_effect_with((), move |_| {
            if open_at_start {
                on_open.emit(());
            }
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "popstate", move |_| {
                    let open = entry.borrow().is_some();
                    match (open, on_dialog_entry(&prefix)) {
                        (true, false) => {
                            *entry.borrow_mut() = None;
                            on_close.emit(());
                        }
                        (false, true) => on_open.emit(()),
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    // A click on the dialog element itself is a click on the backdrop around the panel.
    // (Yew delegates events to the app root, so `current_target` is not the dialog.)
    let onclick = {
        let on_close = props.on_close.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |event: MouseEvent| {
            let dialog: Option<web_sys::EventTarget> = dialog_ref.cast::<Element>().map(Into::into);
            if dialog.is_some() && event.target() == dialog {
                on_close.emit(());
            }
        })
    };
    // However the dialog closed (Esc pressed on a button, the browser's own close request),
    // the state follows.
    let onclose = props.on_close.reform(|_: Event| ());
    let onkeydown = {
        let (on_close, on_clear) = (props.on_close.clone(), props.on_clear.clone());
        let input_ref = props.input_ref.clone();
        let dialog_ref = dialog_ref.clone();
        let has_query = props.has_query;
        Callback::from(move |event: KeyboardEvent| {
            if event.default_prevented() {
                return;
            }
            match event.key().as_str() {
                "Escape" | "Esc" => {
                    event.prevent_default();
                    if has_query {
                        on_clear.emit(());
                        if let Some(input) = input_ref.cast::<Element>() {
                            dom::focus(&input);
                        }
                    } else {
                        on_close.emit(());
                    }
                }
                "Tab" => {
                    if let Some(dialog) = dialog_ref.cast::<Element>() {
                        trap_focus(&event, &dialog);
                    }
                }
                _ => {}
            }
        })
    };

    html! {
        <dialog class="fqs-dialog" part="dialog" ref={dialog_ref} aria-label={props.label.clone()}
            {onclick} {onclose} {onkeydown}>
            if props.open {
                { props.children.clone() }
            }
        </dialog>
    }
}

fn current_href() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// Pushes a history entry for the dialog just opened (same URL; the state names the widget),
/// and returns the URL, or `None` when there is no history to push to.
fn push_dialog_entry(prefix: &str) -> Option<String> {
    let window = web_sys::window()?;
    let href = current_href()?;
    let state: JsValue = dom::Object::new().text(DIALOG_STATE_KEY, prefix).into();
    window
        .history()
        .ok()?
        .push_state_with_url(&state, "", None)
        .ok()?;
    Some(href)
}

/// Whether the current history entry is the one pushed for this widget's dialog.
fn on_dialog_entry(prefix: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.state().ok())
        .filter(|state| state.is_object())
        .and_then(|state| js_sys::Reflect::get(&state, &JsValue::from_str(DIALOG_STATE_KEY)).ok())
        .and_then(|value| value.as_string())
        .is_some_and(|value| value == prefix)
}

/// The dialog closed by itself (Esc, the close button, the backdrop, a result the page
/// handles): its history entry goes, so Back is not left with an entry that does nothing. It
/// is taken back when it is still the current one and still has the URL it was pushed with;
/// when the search moved the URL on (URL sync), the entry now stands for that search and is
/// made an ordinary one.
fn drop_dialog_entry(prefix: &str, opened_at: &str) {
    if !on_dialog_entry(prefix) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    if window.location().href().ok().as_deref() == Some(opened_at) {
        let _ = history.back();
    } else {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", None);
    }
}

/// Keeps Tab inside the dialog: from the last focusable element back to the first, and
/// Shift+Tab the other way. (A modal `<dialog>` makes the page inert, but Tab would still
/// leave for the browser's own controls.)
fn trap_focus(event: &KeyboardEvent, dialog: &Element) {
    let Ok(list) = dialog.query_selector_all(
        "input:not([disabled]), button:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex='-1'])",
    ) else {
        return;
    };
    let focusable: Vec<Element> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        // Out of the Tab order (the unselected tabs) or not rendered.
        .filter(|e| e.get_attribute("tabindex").as_deref() != Some("-1"))
        .filter(|e| e.get_client_rects().length() > 0)
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return;
    };
    let current = dom::event_origin(event);
    let wrap_to = if event.shift_key() {
        (current.as_ref() == Some(first)).then_some(last)
    } else {
        (current.as_ref() == Some(last)).then_some(first)
    };
    if let Some(target) = wrap_to {
        event.prevent_default();
        dom::focus(target);
    }
}

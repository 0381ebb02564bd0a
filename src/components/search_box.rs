//! The search input: an ARIA combobox whose popup is the result list. Focus stays in the
//! input; the arrow keys move `aria-activedescendant` through the results. It reports every
//! keystroke, and the keys that act on the results as [`Key`]s; the widget decides what they do.

use yew::prelude::*;

use super::icon::magnifier;

/// Keys the search box hands to the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Down,
    Up,
    Enter,
    Escape,
}

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub value: AttrValue,
    pub placeholder: AttrValue,
    /// The input's accessible name.
    pub label: AttrValue,
    pub input_id: AttrValue,
    pub input_ref: NodeRef,
    /// The list boxes the combobox controls (the recent searches, the results), ids
    /// separated by spaces, when one is on the page (an id that names nothing is an
    /// accessibility error).
    pub listbox_id: Option<AttrValue>,
    /// Whether the list shows any result.
    pub expanded: bool,
    /// The id of the result the arrow keys are on.
    pub active_id: Option<AttrValue>,
    /// True while the index loads: announced through `aria-busy`.
    pub busy: bool,
    /// Inline mode wraps the box in a search landmark; in the dialog, the dialog is the
    /// landmark.
    pub landmark: bool,
    pub on_input: Callback<String>,
    pub on_key: Callback<Key>,
}

#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                on_input.emit(input.value());
            }
        })
    };
    let onkeydown = {
        let on_key = props.on_key.clone();
        Callback::from(move |event: KeyboardEvent| {
            // Keys that pick an IME candidate belong to the IME.
            if event.is_composing() || event.alt_key() || event.ctrl_key() || event.meta_key() {
                return;
            }
            let key = match event.key().as_str() {
                "ArrowDown" => Key::Down,
                "ArrowUp" => Key::Up,
                "Enter" => Key::Enter,
                // Chrome would clear the box itself, and a dialog would close: the widget
                // decides instead (clear first, then close).
                "Escape" | "Esc" => Key::Escape,
                _ => return,
            };
            event.prevent_default();
            on_key.emit(key);
        })
    };
    // Results update as you type; Enter must not submit (and reload) the host page.
    let onsubmit = Callback::from(|event: SubmitEvent| event.prevent_default());
    let expanded = if props.expanded { "true" } else { "false" };

    html! {
        <form class="fqs-form" role={props.landmark.then_some("search")} {onsubmit}>
            { magnifier("fqs-search-icon", "20") }
            <input
                ref={props.input_ref.clone()}
                id={props.input_id.clone()}
                class="fqs-input"
                part="input"
                type="search"
                role="combobox"
                aria-label={props.label.clone()}
                aria-autocomplete="list"
                aria-expanded={expanded}
                aria-controls={props.listbox_id.clone()}
                aria-activedescendant={props.active_id.clone()}
                aria-busy={if props.busy { "true" } else { "false" }}
                placeholder={props.placeholder.clone()}
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                enterkeyhint="search"
                value={props.value.clone()}
                {oninput}
                {onkeydown}
            />
        </form>
    }
}

//! The search input. It reports every keystroke; it is usable while the index loads, and the
//! search runs as soon as the index is there.

use yew::prelude::*;

/// What the input is called, for screen readers and the visually hidden label.
const LABEL: &str = "Search the help center";

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub value: AttrValue,
    pub placeholder: AttrValue,
    pub input_id: AttrValue,
    /// True while the index loads: announced through `aria-busy`.
    pub busy: bool,
    pub on_input: Callback<String>,
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
    // Chrome clears a search box on Escape by itself; other browsers need telling.
    let onkeydown = {
        let on_input = props.on_input.clone();
        let has_text = !props.value.is_empty();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && has_text {
                event.prevent_default();
                on_input.emit(String::new());
            }
        })
    };
    // Results update as you type; Enter must not submit (and reload) the host page.
    let onsubmit = Callback::from(|event: SubmitEvent| event.prevent_default());

    html! {
        <form class="fqs-form" role="search" {onsubmit}>
            <label class="fqs-visually-hidden" for={props.input_id.clone()}>{ LABEL }</label>
            <svg class="fqs-search-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" stroke-width="2" />
                <path d="M20 20l-4.2-4.2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
            <input
                id={props.input_id.clone()}
                class="fqs-input"
                type="search"
                placeholder={props.placeholder.clone()}
                aria-label={LABEL}
                aria-busy={if props.busy { "true" } else { "false" }}
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

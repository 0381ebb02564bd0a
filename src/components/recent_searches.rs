//! The visitor's recent searches, offered on an empty query: each one searches again when
//! picked, and "Clear" forgets them all.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Strings;

#[derive(Properties, PartialEq)]
pub struct RecentSearchesProps {
    pub queries: Rc<Vec<String>>,
    pub strings: Rc<Strings>,
    pub heading_id: AttrValue,
    pub on_pick: Callback<String>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn RecentSearches(props: &RecentSearchesProps) -> Html {
    let on_clear = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };
    let item = |query: &String| {
        let onclick = {
            let on_pick = props.on_pick.clone();
            let query = query.clone();
            Callback::from(move |_: MouseEvent| on_pick.emit(query.clone()))
        };
        html! {
            <li class="fqs-recent-item">
                <button type="button" class="fqs-recent-query" {onclick}>
                    <svg class="fqs-recent-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                        <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="2" />
                        <path d="M12 7.5V12l3 2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                    </svg>
                    { query.clone() }
                </button>
            </li>
        }
    };
    html! {
        <div class="fqs-recent" role="group" aria-labelledby={props.heading_id.clone()}>
            <div class="fqs-recent-head">
                <p class="fqs-subhead" id={props.heading_id.clone()}>{ props.strings.recent.clone() }</p>
                <button type="button" class="fqs-link-button fqs-recent-clear" aria-describedby={props.heading_id.clone()} onclick={on_clear}>
                    { props.strings.clear_recent.clone() }
                </button>
            </div>
            <ul class="fqs-recent-list">
                { for props.queries.iter().map(item) }
            </ul>
        </div>
    }
}

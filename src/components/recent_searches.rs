//! The visitor's recent searches, offered on an empty query: a list box the arrow keys reach
//! from the search box before the results (each one searches again when picked, by click or
//! Enter), and "Clear", a button in the Tab order, which forgets them all.

use std::rc::Rc;

use yew::prelude::*;

use super::icon::clock;
use crate::i18n::Strings;

/// The id of the recent searches' list box, which the search box's `aria-controls` names.
pub fn recent_list_id(prefix: &str) -> String {
    format!("{prefix}-recent-list")
}

/// The id of the `n`th recent search.
pub fn recent_option_id(prefix: &str, n: usize) -> String {
    format!("{prefix}-recent-{n}")
}

#[derive(Properties, PartialEq)]
pub struct RecentSearchesProps {
    pub queries: Rc<Vec<String>>,
    pub strings: Rc<Strings>,
    pub id_prefix: AttrValue,
    /// The recent search the arrow keys are on.
    pub active: Option<usize>,
    pub on_pick: Callback<String>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn RecentSearches(props: &RecentSearchesProps) -> Html {
    let prefix = &props.id_prefix;
    let heading_id = format!("{prefix}-recent");
    let on_clear = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };
    let item = |(i, query): (usize, &String)| {
        let onclick = {
            let on_pick = props.on_pick.clone();
            let query = query.clone();
            Callback::from(move |_: MouseEvent| on_pick.emit(query.clone()))
        };
        let active = props.active == Some(i);
        html! {
            <div class="fqs-recent-query" role="option" id={recent_option_id(prefix, i)}
                aria-selected={if active { "true" } else { "false" }} {onclick}>
                { clock("fqs-recent-icon", "16") }
                { query.clone() }
            </div>
        }
    };
    html! {
        <div class="fqs-recent" role="group" aria-labelledby={heading_id.clone()}>
            <div class="fqs-recent-head">
                <p class="fqs-subhead" id={heading_id.clone()}>{ props.strings.recent.clone() }</p>
                <button type="button" class="fqs-link-button fqs-recent-clear" aria-describedby={heading_id.clone()} onclick={on_clear}>
                    { props.strings.clear_recent.clone() }
                </button>
            </div>
            <div class="fqs-recent-list" role="listbox" id={recent_list_id(prefix)} aria-labelledby={heading_id}>
                { for props.queries.iter().enumerate().map(item) }
            </div>
        </div>
    }
}

//! The sort control: relevance, newest (by updated date) or most viewed. A native `<select>`,
//! so every browser, screen reader and phone already knows how to use it.

use faq_search_engine::SortOrder;
use yew::prelude::*;

use crate::history::sort_name;
use crate::i18n::Strings;
use std::rc::Rc;

#[derive(Properties, PartialEq)]
pub struct SortSelectProps {
    pub sort: SortOrder,
    pub select_id: AttrValue,
    pub strings: Rc<Strings>,
    pub on_change: Callback<SortOrder>,
}

#[component]
pub fn SortSelect(props: &SortSelectProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(sort) = SortOrder::parse(&select.value()) {
                    on_change.emit(sort);
                }
            }
        })
    };
    // Once someone has picked an option, `selected` attributes no longer move the selection;
    // Back and Forward must, so the property is set after every render that changes the sort.
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        use_effect_with(props.sort, move |sort| {
            if let Some(select) = select_ref.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(sort_name(*sort));
            }
        });
    }
    let strings = &props.strings;
    let option = |sort: SortOrder, label: &str| {
        html! {
            <option value={sort_name(sort)} selected={props.sort == sort}>{ label.to_string() }</option>
        }
    };
    html! {
        <div class="fqs-sort">
            <label class="fqs-sort-label" for={props.select_id.clone()}>{ strings.sort_label.clone() }</label>
            <select class="fqs-sort-select" id={props.select_id.clone()} ref={select_ref} {onchange}>
                { option(SortOrder::Relevance, &strings.sort_relevance) }
                { option(SortOrder::Newest, &strings.sort_newest) }
                { option(SortOrder::MostViewed, &strings.sort_views) }
            </select>
        </div>
    }
}

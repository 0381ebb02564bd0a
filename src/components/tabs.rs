//! Category tabs: "All" plus every category of the index, each with its count for the current
//! query. Follows the WAI-ARIA tabs pattern: one tab in the Tab order, arrow keys move between
//! tabs (and select them, since selecting is cheap).
//!
//! When the tabs do not fit, the row scrolls sideways and fades out at each edge with tabs
//! beyond it; `data-scroll` on the row tells the stylesheet which edges those are.

use faq_search_engine::CategoryCount;
use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::format::Formats;
use std::rc::Rc;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// Counts per category for the current query, in index order.
    pub categories: Vec<CategoryCount>,
    pub total_all: usize,
    pub selected: Option<AttrValue>,
    pub formats: Rc<Formats>,
    /// The "All" tab's label.
    pub all_label: AttrValue,
    /// The tab list's accessible name.
    pub label: AttrValue,
    pub id_prefix: AttrValue,
    pub panel_id: AttrValue,
    pub on_select: Callback<Option<String>>,
}

#[component]
pub fn Tabs(props: &TabsProps) -> Html {
    // Tab i is "All" for i == 0, categories[i - 1] otherwise.
    let choices: Rc<Vec<Option<String>>> = Rc::new(
        std::iter::once(None)
            .chain(props.categories.iter().map(|c| Some(c.category.clone())))
            .collect(),
    );
    let selected_at = props
        .selected
        .as_ref()
        .and_then(|s| {
            choices
                .iter()
                .position(|c| c.as_deref() == Some(s.as_str()))
        })
        .unwrap_or(0);

    let tab = |i: usize, label: &str, count: usize| -> Html {
        let selected = i == selected_at;
        let onclick = {
            let on_select = props.on_select.clone();
            let choice = choices[i].clone();
            Callback::from(move |_: MouseEvent| on_select.emit(choice.clone()))
        };
        let onkeydown = {
            let on_select = props.on_select.clone();
            let choices = choices.clone();
            Callback::from(move |event: KeyboardEvent| {
                let last = choices.len() - 1;
                let to = match event.key().as_str() {
                    "ArrowRight" | "ArrowDown" => {
                        if i == last {
                            0
                        } else {
                            i + 1
                        }
                    }
                    "ArrowLeft" | "ArrowUp" => {
                        if i == 0 {
                            last
                        } else {
                            i - 1
                        }
                    }
                    "Home" => 0,
                    "End" => last,
                    _ => return,
                };
                event.prevent_default();
                on_select.emit(choices[to].clone());
                focus_sibling_tab(&event, to);
            })
        };
        let class = classes!("fqs-tab", selected.then_some("fqs-tab-selected"));
        html! {
            <button
                type="button"
                role="tab"
                id={format!("{}-tab-{i}", props.id_prefix)}
                {class}
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls={props.panel_id.clone()}
                tabindex={if selected { "0" } else { "-1" }}
                {onclick}
                {onkeydown}
            >
                <span class="fqs-tab-label">{ label.to_string() }</span>
                { " " }
                <span class="fqs-tab-count">{ props.formats.number(count as u64) }</span>
            </button>
        }
    };

    // The tab row scrolls sideways when the tabs do not fit: keep the selected one in view
    // (a link to the last category, say). Runs only when the selection changes, not on every
    // keystroke, since it reads the layout.
    let list_ref = use_node_ref();
    {
        let list_ref = list_ref.clone();
        use_effect_with(selected_at, move |&selected| {
            if let Some(list) = list_ref.cast::<web_sys::Element>() {
                reveal_tab(&list, selected);
            }
        });
    }

    // Which edges are cut, read again when the row scrolls and when the row or a tab changes
    // size (the width of the page, a count with more digits). A ResizeObserver reports after
    // the browser's layout, so reading the sizes there costs no layout of its own.
    {
        let list_ref = list_ref.clone();
        use_effect_with(choices.len(), move |_| {
            let watch = list_ref.cast::<Element>().map(|list| {
                let on_scroll = {
                    let row = list.clone();
                    EventListener::new(&list, "scroll", move |_| mark_scroll(&row))
                };
                let on_resize = {
                    let list = list.clone();
                    Closure::<dyn FnMut()>::new(move || mark_scroll(&list))
                };
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
                match &observer {
                    Some(observer) => {
                        observer.observe(&list);
                        let tabs = list.children();
                        for tab in (0..tabs.length()).filter_map(|i| tabs.item(i)) {
                            observer.observe(&tab);
                        }
                    }
                    None => mark_scroll(&list),
                }
                (on_scroll, on_resize, observer)
            });
            move || {
                if let Some((_, _, Some(observer))) = &watch {
                    observer.disconnect();
                }
                drop(watch);
            }
        });
    }

    html! {
        <div class="fqs-tabs" role="tablist" aria-label={props.label.clone()} ref={list_ref}>
            { tab(0, &props.all_label, props.total_all) }
            { for props.categories.iter().enumerate().map(|(i, c)| tab(i + 1, &c.category, c.count)) }
        </div>
    }
}

/// Sets `data-scroll` on the tab row to `none` when every tab fits, else to where it is
/// scrolled: `start`, `middle` or `end` (faq-search.css fades the edges that cut tabs off).
/// Reads three numbers; writes only when the answer changes.
fn mark_scroll(list: &Element) {
    let (left, width, visible) = (list.scroll_left(), list.scroll_width(), list.client_width());
    // Zoomed pages scroll by fractions of a pixel; these numbers are whole, hence the slack.
    let at = if width <= visible + 1 {
        "none"
    } else if left <= 1 {
        "start"
    } else if left + visible >= width - 1 {
        "end"
    } else {
        "middle"
    };
    if list.get_attribute("data-scroll").as_deref() != Some(at) {
        let _ = list.set_attribute("data-scroll", at);
    }
}

/// Scrolls the tab row (only the row, never the page) so tab `at` is inside it, clear of
/// the faded edges.
fn reveal_tab(list: &web_sys::Element, at: usize) {
    let Some(tab) = list
        .children()
        .item(at as u32)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if list.scroll_width() <= list.client_width() {
        return;
    }
    // The row is positioned (faq-search.css), so offsetLeft counts from its start.
    let start = tab.offset_left();
    let end = start + tab.offset_width();
    let (scroll, width) = (list.scroll_left(), list.client_width());
    // An edge with tabs beyond it is faded over 32 pixels (faq-search.css). The first and
    // last tab take the row to its start or end, where that edge is not faded.
    const FADE: i32 = 32;
    if start < scroll + FADE {
        list.set_scroll_left(start - FADE);
    } else if end > scroll + width - FADE {
        list.set_scroll_left(end - width + FADE);
    }
}

/// Moves keyboard focus to tab `to` of the tab list the event came from.
fn focus_sibling_tab(event: &KeyboardEvent, to: usize) {
    let Some(tab) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(list) = tab.parent_element() else {
        return;
    };
    if let Some(next) = list
        .children()
        .item(to as u32)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = next.focus();
    }
}

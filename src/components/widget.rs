//! The root component: holds the state (`state.rs`, changed only through the reducer), wires
//! the hooks that reach outside the widget (`hooks/`: loading the index and its parts,
//! settling searches into the URL, events and recent searches, the live region, shortcuts)
//! and lays out the search box and the result area, inline or in the modal [`Dialog`].

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::dialog::Dialog;
use super::icon::magnifier;
use super::recent_searches::{recent_list_id, recent_option_id};
use super::results::{listbox_id, option_id, Results, SharedState};
use super::search_box::{Key, SearchBox};
use super::status::{ErrorState, LoadingState};
use crate::dom;
use crate::format::Formats;
use crate::frame::{self, OncePerFrame};
use crate::hooks::announcement::use_announcement;
use crate::hooks::in_view::use_in_view;
use crate::hooks::index_loading::{use_index_loading, IndexSource};
use crate::hooks::page_events::use_page_events;
use crate::hooks::part_fetching::use_part_fetching;
use crate::hooks::recent_searches::recent_searches;
use crate::hooks::settle::{use_settle, Settle};
use crate::hooks::shortcuts::use_shortcuts;
use crate::hooks::strings::use_strings;
use crate::hooks::url_sync::use_url_sync;
use crate::hooks::widget_state::{use_widget_state, Dispatcher};
use crate::i18n::Strings;
use crate::mount::{Mode, WidgetOptions};
use crate::state::{Action, LoadState, State};

#[derive(Properties, PartialEq)]
pub struct SearchWidgetProps {
    pub source: IndexSource,
    pub options: Rc<WidgetOptions>,
    /// Makes element ids unique when a page has several widgets.
    pub id_prefix: AttrValue,
}

#[component]
pub fn SearchWidget(props: &SearchWidgetProps) -> Html {
    let options = props.options.clone();
    let prefix = props.id_prefix.clone();
    let modal = options.mode == Mode::Modal;
    let recent_key = use_memo((), |_| {
        let key = crate::recent::storage_key(props.source.name());
        options.recent_searches.then(|| Rc::<str>::from(key))
    });
    let (state, dispatcher) = use_widget_state(|| {
        State::new(
            options.query.clone(),
            options.category.clone(),
            options.sort,
            options.limit,
            options.content_locale.clone(),
            recent_key
                .as_deref()
                .map(crate::recent::load)
                .unwrap_or_default(),
        )
    });
    let locale = use_memo(options.locale.clone(), |locale| {
        if locale.is_empty() {
            dom::page_lang().unwrap_or_else(|| "en".to_string())
        } else {
            locale.clone()
        }
    });
    let formats = use_memo(locale.clone(), |locale| Formats::new(locale));
    let (strings, strings_pending) = use_strings(&locale, &options);

    let root_ref = use_node_ref();
    let input_ref = use_node_ref();
    let trigger_ref = use_node_ref();

    use_index_loading(&props.source, &options, state.attempt, &dispatcher);
    use_part_fetching(&state, !modal || state.open, &dispatcher);
    let url = use_url_sync(options.url_sync.clone(), &dispatcher);
    let events = use_page_events(&root_ref);
    let recent = recent_searches((*recent_key).clone(), &dispatcher);
    let announcement = use_announcement();
    let settle = Settle {
        url,
        events: events.clone(),
        recent: recent.clone(),
        announce: announcement.of(&state, &strings, &formats),
        settle_ms: options.settle_ms,
    };
    use_settle(&state, settle);
    use_shortcuts(options.shortcuts, modal, &input_ref, &dispatcher);

    // The keyboard's list: the recent searches offered on an empty box, then the results and
    // their sub-results (nothing before the first results are there).
    let (offered_recent, option_count) = if state.results.is_some() {
        (state.offered_recent().len(), state.option_count())
    } else {
        (0, 0)
    };
    let active = state.active.filter(|&i| i < option_count);

    use_in_view(
        &root_ref,
        state
            .active
            .map(|i| keyboard_option_id(&prefix, offered_recent, i)),
    );

    // Keystrokes set the query. The first key of a frame is searched at once (its results are
    // drawn in that frame); more keys before the frame is drawn (a paste, fast typing) wait
    // for it and make one search, for the last text, so a query made stale by the next key
    // is never searched.
    let typed_search = use_mut_ref(OncePerFrame::default);
    let on_input = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |value: String| {
            dispatcher.dispatch(Action::SetQuery(value));
            // Where searches have become slow (a large index, a slow device), the typed
            // character is drawn first and the search runs right after.
            typed_search.borrow_mut().request(
                dispatcher.later(|| Action::SearchTyped),
                frame::search_is_slow(),
            );
        })
    };
    // A whole query (a suggestion, a recent search), or the recent searches cleared: the
    // button that was clicked goes away, and focus goes back to the box.
    let refocus = {
        let input_ref = input_ref.clone();
        move || {
            if let Some(input) = input_ref.cast::<Element>() {
                dom::focus(&input);
            }
        }
    };
    let on_search = {
        let (dispatcher, refocus) = (dispatcher.clone(), refocus.clone());
        Callback::from(move |query: String| {
            dispatcher.dispatch(Action::Search(query));
            refocus();
        })
    };
    let on_clear_recent = {
        let recent = recent.clone();
        Callback::from(move |_| {
            recent.clear();
            refocus();
        })
    };

    // Opening a result: the event (which the page may cancel to route by itself), the recent
    // search, and in modal mode the dialog closes. Built once and reading the state as it is
    // now: a callback that changed with every keystroke would make every card render again,
    // even those showing the same thing.
    let on_open = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |option: usize, _| {
            let state = dispatcher.state();
            let query = state.query.trim();
            let Some(listed) = state.listed_option(option) else {
                return true;
            };
            let allowed = events.open(&listed, query);
            if !query.is_empty() {
                recent.remember(query);
            }
            if modal {
                let leaving = allowed && crate::urls::safe_href(listed.url()).is_some();
                dispatcher.dispatch(if leaving {
                    Action::Leave
                } else {
                    Action::Close
                });
            }
            allowed
        })
    };

    let on_key = {
        let dispatcher = dispatcher.clone();
        let root_ref = root_ref.clone();
        let prefix = prefix.clone();
        let has_query = !state.query.is_empty();
        let recent = state.recent.clone();
        Callback::from(move |key: Key| match key {
            Key::Down => dispatcher.dispatch(Action::Move(1)),
            Key::Up => dispatcher.dispatch(Action::Move(-1)),
            Key::Enter => match active {
                // A recent search: searched again.
                Some(i) if i < offered_recent => {
                    if let Some(query) = recent.get(i) {
                        dispatcher.dispatch(Action::Search(query.clone()));
                    }
                }
                // A real click on the link: the same path as the mouse, so the event, the
                // page's cancel and the navigation behave alike.
                Some(i) => {
                    let option = root_ref
                        .cast::<Element>()
                        .and_then(|root| dom::by_id(&root, &option_id(&prefix, i - offered_recent)))
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(option) = option {
                        option.click();
                    }
                }
                None => dispatcher.dispatch(Action::Commit),
            },
            Key::Escape if has_query => dispatcher.dispatch(Action::Search(String::new())),
            Key::Escape if modal => dispatcher.dispatch(Action::Close),
            Key::Escape => {}
        })
    };

    let (state_name, body) = match (&state.load, &state.results) {
        // Nothing with words shows before the words are there.
        _ if strings_pending => ("loading", loading(&strings, &state)),
        (LoadState::Failed(message), _) => {
            let on_retry = send(&dispatcher, || Action::Retry);
            let message = AttrValue::from(message.clone());
            (
                "error",
                html! { <ErrorState {message} strings={strings.clone()} {on_retry} /> },
            )
        }
        (LoadState::Ready(_), Some(_)) => (
            "ready",
            html! {
                <Results
                    state={SharedState(state.clone())}
                    formats={formats.clone()}
                    strings={strings.clone()}
                    id_prefix={prefix.clone()}
                    on_category={dispatcher_callback(&dispatcher, Action::SetCategory)}
                    on_sort={dispatcher_callback(&dispatcher, Action::SetSort)}
                    on_show_more={send(&dispatcher, || Action::ShowMore)}
                    {on_search}
                    {on_clear_recent}
                    {on_open}
                />
            },
        ),
        _ => ("loading", loading(&strings, &state)),
    };

    // Each list box on screen: the recent searches and the results.
    let controls = [
        (offered_recent > 0).then(|| recent_list_id(&prefix)),
        (!state.listed_hits().is_empty()).then(|| listbox_id(&prefix)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let search_box = html! {
        <SearchBox
            value={AttrValue::from(state.query.clone())}
            placeholder={AttrValue::from(strings.placeholder.clone())}
            label={AttrValue::from(strings.search_label.clone())}
            input_id={AttrValue::from(format!("{prefix}-input"))}
            input_ref={input_ref.clone()}
            listbox_id={(option_count > 0).then(|| AttrValue::from(controls))}
            expanded={option_count > 0}
            active_id={active.map(|i| AttrValue::from(keyboard_option_id(&prefix, offered_recent, i)))}
            busy={state_name == "loading"}
            landmark={!modal}
            {on_input}
            {on_key}
        />
    };
    let live = html! {
        <div class="fqs-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            { announcement.text() }
        </div>
    };
    let theme = options.theme.clone();
    let lang = crate::i18n::ui_language(&locale);

    let content = if modal {
        let open_at_start = options.url_sync.is_some() && !options.query.trim().is_empty();
        html! { <>
            { trigger(&strings, options.shortcuts, &trigger_ref, send(&dispatcher, || Action::Open)) }
            <Dialog open={state.open} leaving={state.leaving} label={strings.search_label.clone()}
                id_prefix={prefix.clone()} input_ref={input_ref.clone()} trigger_ref={trigger_ref.clone()}
                has_query={!state.query.is_empty()} {open_at_start}
                on_open={send(&dispatcher, || Action::Open)}
                on_close={send(&dispatcher, || Action::Close)}
                on_clear={send(&dispatcher, || Action::Search(String::new()))}>
                <div class="fqs-dialog-panel">
                    <div class="fqs-dialog-head">
                        { search_box }
                        <button type="button" class="fqs-button fqs-close"
                            onclick={send(&dispatcher, || Action::Close)}>{ strings.close.clone() }</button>
                    </div>
                    <div class="fqs-dialog-body">
                        { body }
                    </div>
                    { dialog_hints(&strings) }
                    { live }
                </div>
            </Dialog>
        </> }
    } else {
        html! { <>{ search_box }{ body }{ live }</> }
    };
    let mode = if modal { "modal" } else { "inline" };
    html! {
        <div class="fqs-root" {lang} data-mode={mode} data-state={state_name} data-theme={theme} ref={root_ref}>
            { content }
        </div>
    }
}

/// A callback that dispatches `action()` whatever it is given (a click, a `()`).
fn send<T>(dispatcher: &Dispatcher, action: fn() -> Action) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |_| dispatcher.dispatch(action()))
}

/// A callback that dispatches the action `make` builds from its value.
fn dispatcher_callback<T: 'static>(dispatcher: &Dispatcher, make: fn(T) -> Action) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |value| dispatcher.dispatch(make(value)))
}

fn loading(strings: &Rc<Strings>, state: &State) -> Html {
    html! { <LoadingState strings={strings.clone()} progress={state.progress} /> }
}

/// Modal mode's search button, with its shortcut.
fn trigger(
    strings: &Strings,
    shortcuts: bool,
    trigger_ref: &NodeRef,
    onclick: Callback<MouseEvent>,
) -> Html {
    let apple = dom::is_apple();
    let shortcut = if apple { "⌘ K" } else { "Ctrl K" };
    let keyshortcuts = shortcuts.then_some(if apple { "/ Meta+K" } else { "/ Control+K" });
    html! {
        <button type="button" class="fqs-trigger" part="trigger" ref={trigger_ref.clone()} aria-haspopup="dialog"
            aria-keyshortcuts={keyshortcuts} {onclick}>
            { magnifier("fqs-trigger-icon", "18") }
            <span class="fqs-trigger-text">{ strings.placeholder.clone() }</span>
            if shortcuts {
                <kbd class="fqs-kbd fqs-trigger-kbd" aria-hidden="true">{ shortcut }</kbd>
            }
        </button>
    }
}

/// The keys the dialog answers to, at its foot.
fn dialog_hints(strings: &Strings) -> Html {
    html! {
        <div class="fqs-dialog-foot" aria-hidden="true">
            <span class="fqs-hint"><kbd class="fqs-kbd">{ "↵" }</kbd>{ " " }{ strings.hint_open.clone() }</span>
            <span class="fqs-hint"><kbd class="fqs-kbd">{ "↑" }</kbd><kbd class="fqs-kbd">{ "↓" }</kbd>{ " " }{ strings.hint_move.clone() }</span>
            <span class="fqs-hint"><kbd class="fqs-kbd">{ "Esc" }</kbd>{ " " }{ strings.hint_close.clone() }</span>
        </div>
    }
}

/// The id of option `i` of the keyboard's list: the `recent` searches offered first, then the
/// results.
fn keyboard_option_id(prefix: &str, recent: usize, i: usize) -> String {
    match i.checked_sub(recent) {
        Some(result) => option_id(prefix, result),
        None => recent_option_id(prefix, i),
    }
}

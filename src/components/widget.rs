//! The root component: holds the state, loads the index (and loads it again on Retry), and
//! does everything that reaches outside the widget: the page URL and Back/Forward, the
//! `faq-search:*` events, the keyboard shortcuts, the modal dialog, focus, and the live region
//! that tells screen readers how many results there are.
//!
//! A search *settles* when typing pauses (`settle_ms`), on Enter, or at once for a click (tab,
//! sort, suggestion, recent search). Only then does it get a history entry, a
//! `faq-search:query` event, a place among the recent searches and an announcement, so none of
//! them fire for every keystroke.

use std::collections::HashSet;
use std::rc::Rc;

use faq_search_engine::{Index, SearchResults, SortOrder};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::prelude::*;

use super::recent_searches::{recent_list_id, recent_option_id};
use super::results::{listbox_id, option_id, summary, Results, SharedResults};
use super::search_box::{Key, SearchBox};
use super::status::{ErrorState, LoadingState};
use crate::dom;
use crate::fetch;
use crate::format::Formats;
use crate::frame::{self, OncePerFrame};
use crate::history::{HistorySync, UrlState};
use crate::i18n::{fill, Strings};
use crate::mount::{warn, Mode, WidgetOptions};
use crate::state::{Action, Change, LoadState, State};

/// Quiet time before the live region announces the result count.
const ANNOUNCE_MS: u32 = 500;
/// Quiet time before the URL follows what is being typed. `history.replaceState` costs the
/// browser several milliseconds (it talks to the browser process); on every keystroke it
/// would take most of the frame budget, so it waits for a pause in the typing.
const TYPING_URL_MS: u32 = 250;

/// Where the widget gets its index from.
#[derive(Clone)]
pub enum IndexSource {
    /// An absolute URL, fetched when the widget mounts and on every Retry.
    Url(String),
    /// Bytes already in memory (tests, or a host that fetched the file itself).
    Bytes(Rc<Vec<u8>>),
}

impl PartialEq for IndexSource {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (IndexSource::Url(a), IndexSource::Url(b)) => a == b,
            (IndexSource::Bytes(a), IndexSource::Bytes(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SearchWidgetProps {
    pub source: IndexSource,
    pub options: Rc<WidgetOptions>,
    /// Makes element ids unique when a page has several widgets.
    pub id_prefix: AttrValue,
}

/// The widget's strings: the language's table over English, then the site's overrides and the
/// placeholder option. While the table is downloading (`None`) every string is empty except
/// the site's own: a German visitor sees a spinner and an empty search box for that moment,
/// never English words that then change to German. The file is a few hundred bytes fetched
/// beside the much larger index, so the wait is hidden inside the loading state.
fn resolve_strings(table: Option<&[(String, String)]>, options: &WidgetOptions) -> Strings {
    let mut strings = table.map_or_else(Strings::default, Strings::with_table);
    let unknown = strings.apply(
        options
            .strings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    // Reported once, when the table is there (the override is applied again then).
    if !unknown.is_empty() && table.is_some() {
        warn(&format!(
            "unknown key(s) in the strings option, ignored: {}",
            unknown.join(", ")
        ));
    }
    if let Some(placeholder) = &options.placeholder {
        strings.placeholder = placeholder.clone();
    }
    strings
}

/// The element events are dispatched on: the widget's mount point. Outside a shadow root
/// that is the host element itself; inside one, the event crosses out (it is `composed`) and
/// the page sees it on the host.
fn event_target(root: &NodeRef) -> Option<Element> {
    root.cast::<Element>()?.parent_element()
}

#[component]
pub fn SearchWidget(props: &SearchWidgetProps) -> Html {
    let options = props.options.clone();
    let prefix = props.id_prefix.clone();
    let modal = options.mode == Mode::Modal;
    let state = use_reducer({
        let options = options.clone();
        let source = props.source.clone();
        move || {
            let recent_key = options.recent_searches.then(|| {
                crate::recent::storage_key(match &source {
                    IndexSource::Url(url) => url.as_str(),
                    IndexSource::Bytes(_) => "in-memory",
                })
            });
            State::new(
                options.query.clone(),
                options.category.clone(),
                options.sort,
                options.limit,
                options.content_locale.clone(),
                recent_key,
            )
        }
    });
    let locale = use_memo(options.locale.clone(), |locale| {
        if locale.is_empty() {
            dom::page_lang().unwrap_or_else(|| "en".to_string())
        } else {
            locale.clone()
        }
    });
    let formats = use_memo(locale.clone(), |locale| Formats::new(locale));
    // The language's table: at once for English (compiled in), else downloaded when the
    // widget mounts, in parallel with the index (`strings_file.rs`).
    let table = use_state({
        let locale = locale.clone();
        move || crate::strings_file::ready(&locale)
    });
    {
        let table = table.clone();
        use_effect_with(
            locale.clone(),
            move |locale| match crate::strings_file::ready(locale) {
                Some(ready) => {
                    if table.as_ref() != Some(&ready) {
                        table.set(Some(ready));
                    }
                }
                None => {
                    let locale = locale.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        table.set(Some(crate::strings_file::load(&locale).await));
                    });
                }
            },
        );
    }
    let strings_pending = table.is_none();
    let strings = use_memo(((*table).clone(), options.clone()), |(table, options)| {
        resolve_strings(table.as_deref().map(|t| t.as_slice()), options)
    });

    let root_ref = use_node_ref();
    let input_ref = use_node_ref();
    let trigger_ref = use_node_ref();
    let dialog_ref = use_node_ref();
    let history = use_mut_ref(|| options.url_sync.clone().map(HistorySync::new));
    let last_event = use_mut_ref(|| None::<(String, Option<String>)>);
    // Modal mode: the URL of the page when the dialog opened, while the history entry pushed
    // for the open dialog is there (Back closes the dialog instead of leaving the page).
    let dialog_entry = use_mut_ref(|| None::<String>);
    // A result was opened and the page navigates to it.
    let leaving = use_mut_ref(|| false);
    let announcement = use_state(String::new);

    // Loading the index, again on every Retry.
    {
        let dispatcher = state.dispatcher();
        let source = props.source.clone();
        // The index for the locale the site asked for, else the page's, else the browser's.
        let mut locales: Vec<String> =
            [options.content_locale.clone(), Some(options.locale.clone())]
                .into_iter()
                .flatten()
                .filter(|l| !l.trim().is_empty())
                .collect();
        locales.extend(dom::page_lang());
        locales.extend(crate::manifest::browser_languages());
        use_effect_with(state.attempt, move |&attempt| match source {
            IndexSource::Url(url) => wasm_bindgen_futures::spawn_local(async move {
                let progress: fetch::Progress = {
                    let dispatcher = dispatcher.clone();
                    Rc::new(move |received, total| {
                        dispatcher.dispatch(Action::Progress {
                            attempt,
                            received,
                            total,
                        })
                    })
                };
                let action = match fetch::load_shared(&url, &locales, progress).await {
                    Ok(index) => Action::Loaded { attempt, index },
                    Err(message) => Action::LoadFailed { attempt, message },
                };
                dispatcher.dispatch(action);
            }),
            IndexSource::Bytes(bytes) => match Index::from_bytes(bytes.to_vec()) {
                Ok(index) if index.stemmings().iter().all(|s| s.is_available()) => dispatcher
                    .dispatch(Action::Loaded {
                        attempt,
                        index: Rc::new(index),
                    }),
                // Its languages' stemmers must arrive first.
                Ok(index) => wasm_bindgen_futures::spawn_local(async move {
                    dispatcher.dispatch(match crate::stemmers::ensure(&index).await {
                        Ok(()) => Action::Loaded {
                            attempt,
                            index: Rc::new(index),
                        },
                        Err(message) => Action::LoadFailed { attempt, message },
                    })
                }),
                Err(error) => dispatcher.dispatch(Action::LoadFailed {
                    attempt,
                    message: error.to_string(),
                }),
            },
        });
    }

    // A split index: fetch the parts the current search lacks, then search again. A closed
    // dialog shows nothing, so it waits until it opens: a search button in every page's header
    // would otherwise fetch the text of the most viewed articles on every page load.
    {
        let dispatcher = state.dispatcher();
        let index = state.index().cloned();
        let shown = !modal || state.open;
        // Parts this widget is waiting for (by index, then part): asked for once, however often
        // `pending` changes.
        let awaiting = use_mut_ref(HashSet::<(usize, usize)>::new);
        // Parts that arrive together are searched with once.
        let arrived = use_mut_ref(OncePerFrame::default);
        use_effect_with((state.pending.clone(), shown), move |(pending, shown)| {
            let of = index.as_ref().map_or(0, |i| Rc::as_ptr(i) as usize);
            // Parts on their way are not asked for again.
            let batches = fetch::batches(pending, |p| !awaiting.borrow().contains(&(of, p)));
            if let (Some(index), true) = (index, *shown) {
                for wanted in batches {
                    let index = index.clone();
                    let dispatcher = dispatcher.clone();
                    let awaiting = awaiting.clone();
                    let arrived = arrived.clone();
                    awaiting
                        .borrow_mut()
                        .extend(wanted.iter().map(|&p| (of, p)));
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = fetch::load_parts(index, wanted.clone()).await;
                        for &part in &wanted {
                            awaiting.borrow_mut().remove(&(of, part));
                        }
                        match result {
                            Ok(()) => arrived
                                .borrow_mut()
                                .request(dispatching(&dispatcher, || Action::PartsLoaded), false),
                            Err(message) => dispatcher.dispatch(Action::PartsFailed(message)),
                        }
                    });
                }
            }
        });
    }

    // Settling: URL, event, recent searches, announcement (see the module docs).
    {
        let ready = state.index().is_some();
        let change = state.change;
        let query = state.query.clone();
        let category = state.category.clone();
        let url_state = UrlState {
            query: query.clone(),
            category: category.clone(),
            sort: state.sort,
        };
        let total = state.results.as_ref().map(|r| r.total);
        let announce_text = state.results.as_ref().map(|r| {
            if state.nothing_found() {
                fill(&strings.no_results, &[("query", query.trim())])
            } else {
                summary(&strings, &formats, &query, r.total, state.sort)
            }
        });
        let history = history.clone();
        let last_event = last_event.clone();
        let root_ref = root_ref.clone();
        let dispatcher = state.dispatcher();
        let announcement = announcement.clone();
        let settle_ms = options.settle_ms;
        use_effect_with((state.revision, ready), move |_| {
            let follow_url = (change == Change::Typing && history.borrow().is_some()).then(|| {
                let history = history.clone();
                let url_state = url_state.clone();
                Timeout::new(TYPING_URL_MS, move || {
                    if let Some(history) = history.borrow().as_ref() {
                        history.typing(&url_state);
                    }
                })
            });
            let settle = move || {
                if matches!(change, Change::Typing | Change::Immediate) {
                    if let Some(history) = history.borrow_mut().as_mut() {
                        history.settle(&url_state);
                    }
                }
                let Some(total) = total else {
                    return;
                };
                let trimmed = query.trim().to_string();
                if trimmed.is_empty() || change == Change::Restored {
                    return;
                }
                let key = (trimmed.clone(), category.clone());
                if last_event.borrow().as_ref() != Some(&key) {
                    *last_event.borrow_mut() = Some(key);
                    if let Some(target) = event_target(&root_ref) {
                        let detail = dom::object(&[
                            ("query", JsValue::from_str(&trimmed)),
                            ("total", JsValue::from_f64(total as f64)),
                            (
                                "category",
                                category.as_deref().map_or(JsValue::NULL, JsValue::from_str),
                            ),
                        ]);
                        dom::emit(&target, "faq-search:query", &detail, false);
                    }
                }
                if total > 0 && change != Change::Initial {
                    dispatcher.dispatch(Action::Remember(trimmed));
                }
            };
            let announce = move || {
                if let Some(text) = announce_text {
                    announcement.set(text);
                }
            };
            let timers = if change == Change::Typing {
                Some((
                    Timeout::new(settle_ms, settle),
                    Timeout::new(ANNOUNCE_MS, announce),
                ))
            } else {
                settle();
                announce();
                None
            };
            // A newer change cancels what this one had scheduled.
            move || drop((timers, follow_url))
        });
    }

    // Back and Forward.
    {
        let history = history.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let enabled = history.borrow().is_some();
            let window = web_sys::window().filter(|_| enabled);
            let listener = window.map(|window| {
                EventListener::new(&window, "popstate", move |_| {
                    let restored = history.borrow_mut().as_mut().map(HistorySync::restored);
                    if let Some(UrlState {
                        query,
                        category,
                        sort,
                    }) = restored
                    {
                        dispatcher.dispatch(Action::Restore {
                            query,
                            category,
                            sort,
                        });
                    }
                })
            });
            move || drop(listener)
        });
    }

    // `/` and Ctrl/Cmd+K. With several widgets, the first one mounted takes the key (it
    // marks the event handled, and the others skip handled events).
    {
        let dispatcher = state.dispatcher();
        let input_ref = input_ref.clone();
        let enabled = options.shortcuts;
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
                            // A slash typed into a text field is text; Ctrl+K in another
                            // field belongs to it (often "insert link").
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

    // The keyboard's list: the recent searches offered on an empty box, then the results.
    let offered_recent = if state.results.is_some() {
        state.offered_recent().len()
    } else {
        0
    };
    let listed = offered_recent + state.options().len();

    // Keep the option the arrow keys are on in view.
    {
        let root_ref = root_ref.clone();
        let prefix = prefix.clone();
        use_effect_with((state.active, offered_recent), move |&(active, recent)| {
            if let (Some(i), Some(root)) = (active, root_ref.cast::<Element>()) {
                if let Some(option) = dom::by_id(&root, &keyboard_option_id(&prefix, recent, i)) {
                    dom::scroll_into_view(&option);
                }
            }
        });
    }

    // Modal mode: open and close the dialog, keep the page still behind it, move focus in
    // and back to whatever opened it.
    {
        let dialog_ref = dialog_ref.clone();
        let input_ref = input_ref.clone();
        let trigger_ref = trigger_ref.clone();
        let was_open = use_mut_ref(|| false);
        let return_focus = use_mut_ref(|| None::<Element>);
        let scroll = use_mut_ref(|| None::<String>);
        let dialog_entry = dialog_entry.clone();
        let leaving = leaving.clone();
        let prefix = prefix.clone();
        use_effect_with(state.open, move |&open| {
            let changed = *was_open.borrow() != open;
            *was_open.borrow_mut() = open;
            let dialog = dialog_ref.cast::<web_sys::HtmlDialogElement>();
            if let (true, Some(dialog)) = (changed, dialog) {
                if open {
                    *return_focus.borrow_mut() = dom::deep_active_element();
                    if !dialog.open() && dialog.show_modal().is_err() {
                        dialog.set_open(true);
                    }
                    *scroll.borrow_mut() = dom::lock_page_scroll();
                    if let Some(input) = input_ref.cast::<Element>() {
                        dom::focus(&input);
                    }
                    *leaving.borrow_mut() = false;
                    // Forward onto the dialog's entry opened it again: that entry is its own.
                    *dialog_entry.borrow_mut() = if on_dialog_entry(&prefix) {
                        current_href()
                    } else {
                        push_dialog_entry(&prefix)
                    };
                } else {
                    if dialog.open() {
                        dialog.close();
                    }
                    if let Some(opened_at) = dialog_entry.borrow_mut().take() {
                        // A result opened for real: the page is leaving, and going Back now
                        // would race with the navigation.
                        if !*leaving.borrow() {
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
            }
        });
    }

    // Back (or Forward) away from the open dialog's history entry closes the dialog, and
    // Forward (or Back) onto it opens the dialog again, with the search it had: the entry
    // stays in the history like any other.
    {
        let dispatcher = state.dispatcher();
        let dialog_entry = dialog_entry.clone();
        let prefix = prefix.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().filter(|_| modal).map(|window| {
                EventListener::new(&window, "popstate", move |_| {
                    let open = dialog_entry.borrow().is_some();
                    match (open, on_dialog_entry(&prefix)) {
                        (true, false) => {
                            *dialog_entry.borrow_mut() = None;
                            dispatcher.dispatch(Action::Close);
                        }
                        (false, true) => dispatcher.dispatch(Action::Open),
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    // A shared link to a search opens the dialog with its results.
    {
        let dispatcher = state.dispatcher();
        let open_at_start = modal && options.url_sync.is_some() && !options.query.trim().is_empty();
        use_effect_with((), move |_| {
            if open_at_start {
                dispatcher.dispatch(Action::Open);
            }
        });
    }

    // Keystrokes set the query. The first key of a frame is searched at once (its results are
    // drawn in that frame); more keys before the frame is drawn (a paste, fast typing) wait
    // for it and make one search, for the last text, so a query made stale by the next key
    // is never searched.
    let typed_search = use_mut_ref(OncePerFrame::default);
    let on_input = {
        let dispatcher = state.dispatcher();
        Callback::from(move |value: String| {
            dispatcher.dispatch(Action::SetQuery(value));
            // Where searches have become slow (a large index, a slow device), the typed
            // character is drawn first and the search runs right after.
            typed_search.borrow_mut().request(
                dispatching(&dispatcher, || Action::SearchTyped),
                frame::search_is_slow(),
            );
        })
    };
    let on_search = {
        let dispatcher = state.dispatcher();
        let input_ref = input_ref.clone();
        Callback::from(move |query: String| {
            dispatcher.dispatch(Action::Search(query));
            // The button that was clicked goes away with the new results.
            if let Some(input) = input_ref.cast::<Element>() {
                dom::focus(&input);
            }
        })
    };
    let on_retry = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::Retry))
    };
    let on_category = {
        let dispatcher = state.dispatcher();
        Callback::from(move |category: Option<String>| {
            dispatcher.dispatch(Action::SetCategory(category))
        })
    };
    let on_sort = {
        let dispatcher = state.dispatcher();
        Callback::from(move |sort: SortOrder| dispatcher.dispatch(Action::SetSort(sort)))
    };
    let on_show_more = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::ShowMore))
    };
    let on_clear_recent = {
        let dispatcher = state.dispatcher();
        let input_ref = input_ref.clone();
        Callback::from(move |_| {
            dispatcher.dispatch(Action::ClearRecent);
            if let Some(input) = input_ref.cast::<Element>() {
                dom::focus(&input);
            }
        })
    };
    let on_close = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Close))
    };
    let on_open_dialog = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Open))
    };

    // Opening a result: the event (which the page may cancel to route by itself), the recent
    // search, and in modal mode the dialog closes. Built once and reading the listed results
    // from a cell that every render refreshes: a callback that changed with every keystroke
    // would make every card render again, even those showing the same thing.
    let shown_list = use_mut_ref(|| (None::<Rc<SearchResults>>, String::new()));
    *shown_list.borrow_mut() = (
        if state.nothing_found() {
            state.popular.clone()
        } else {
            state.results.clone()
        },
        state.query.clone(),
    );
    let on_open = {
        let dispatcher = state.dispatcher();
        let root_ref = root_ref.clone();
        let leaving = leaving.clone();
        use_callback((), move |position: usize, _| {
            let (list, query) = shown_list.borrow().clone();
            let query = query.trim();
            let Some(hit) = list.as_ref().and_then(|l| l.hits.get(position)) else {
                return true;
            };
            let detail = dom::object(&[
                ("id", JsValue::from_str(&hit.id)),
                ("url", JsValue::from_str(&hit.url)),
                ("query", JsValue::from_str(query)),
                ("position", JsValue::from_f64((position + 1) as f64)),
            ]);
            let allowed = event_target(&root_ref)
                .map(|target| dom::emit(&target, "faq-search:open", &detail, true))
                .unwrap_or(true);
            if !query.is_empty() {
                dispatcher.dispatch(Action::Remember(query.to_string()));
            }
            if modal {
                *leaving.borrow_mut() = allowed && crate::urls::safe_href(&hit.url).is_some();
                dispatcher.dispatch(Action::Close);
            }
            allowed
        })
    };

    let on_key = {
        let dispatcher = state.dispatcher();
        let root_ref = root_ref.clone();
        let prefix = prefix.clone();
        let active = state.active.filter(|&i| i < listed);
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
        _ if strings_pending => (
            "loading",
            html! { <LoadingState strings={strings.clone()} progress={state.progress} /> },
        ),
        (LoadState::Failed(message), _) => (
            "error",
            html! { <ErrorState message={AttrValue::from(message.clone())} strings={strings.clone()} {on_retry} /> },
        ),
        (LoadState::Ready(_), Some(results)) => (
            "ready",
            html! {
                <Results
                    results={SharedResults(results.clone())}
                    popular={state.popular.clone().map(SharedResults)}
                    suggestion={state.suggestion.clone().map(AttrValue::from)}
                    query={AttrValue::from(state.query.clone())}
                    category={state.category.clone().map(AttrValue::from)}
                    sort={state.sort}
                    recent={state.recent.clone()}
                    active={state.active.and_then(|i| i.checked_sub(offered_recent))}
                    active_recent={state.active.filter(|&i| i < offered_recent)}
                    formats={formats.clone()}
                    strings={strings.clone()}
                    id_prefix={prefix.clone()}
                    {on_category}
                    {on_sort}
                    {on_show_more}
                    filling={state.filling()}
                    {on_search}
                    {on_clear_recent}
                    {on_open}
                />
            },
        ),
        _ => (
            "loading",
            html! { <LoadingState strings={strings.clone()} progress={state.progress} /> },
        ),
    };

    let active_id = state
        .active
        .filter(|&i| i < listed)
        .map(|i| AttrValue::from(keyboard_option_id(&prefix, offered_recent, i)));
    // Each list box on screen: the recent searches and the results.
    let controls = [
        (offered_recent > 0).then(|| recent_list_id(&prefix)),
        (!state.options().is_empty()).then(|| listbox_id(&prefix)),
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
            listbox_id={(listed > 0).then(|| AttrValue::from(controls))}
            expanded={listed > 0}
            {active_id}
            busy={state_name == "loading"}
            landmark={!modal}
            {on_input}
            {on_key}
        />
    };
    let live = html! {
        <div class="fqs-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            { (*announcement).clone() }
        </div>
    };
    let theme = options.theme.clone();
    let lang = crate::i18n::ui_language(&locale);

    if !modal {
        return html! {
            <div class="fqs-root" {lang} data-mode="inline" data-state={state_name} data-theme={theme} ref={root_ref}>
                { search_box }
                { body }
                { live }
            </div>
        };
    }

    let shortcut = if dom::is_apple() { "⌘ K" } else { "Ctrl K" };
    let keyshortcuts = options.shortcuts.then(|| {
        if dom::is_apple() {
            "/ Meta+K"
        } else {
            "/ Control+K"
        }
    });
    // A click on the dialog element itself is a click on the backdrop around the panel.
    // (Yew delegates events to the app root, so `current_target` is not the dialog.)
    let on_dialog_click = {
        let dispatcher = state.dispatcher();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |event: MouseEvent| {
            let dialog: Option<web_sys::EventTarget> = dialog_ref.cast::<Element>().map(Into::into);
            let on_dialog = dialog.is_some() && event.target() == dialog;
            if on_dialog {
                dispatcher.dispatch(Action::Close);
            }
        })
    };
    // However the dialog closed (Esc pressed on a button, the browser's own close request),
    // the state follows.
    let on_dialog_close = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: Event| dispatcher.dispatch(Action::Close))
    };
    let on_dialog_keydown = {
        let dispatcher = state.dispatcher();
        let input_ref = input_ref.clone();
        let dialog_ref = dialog_ref.clone();
        let has_query = !state.query.is_empty();
        Callback::from(move |event: KeyboardEvent| {
            if event.default_prevented() {
                return;
            }
            match event.key().as_str() {
                "Escape" | "Esc" => {
                    event.prevent_default();
                    if has_query {
                        dispatcher.dispatch(Action::Search(String::new()));
                        if let Some(input) = input_ref.cast::<Element>() {
                            dom::focus(&input);
                        }
                    } else {
                        dispatcher.dispatch(Action::Close);
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
        <div class="fqs-root" {lang} data-mode="modal" data-state={state_name} data-theme={theme} ref={root_ref}>
            <button type="button" class="fqs-trigger" part="trigger" ref={trigger_ref} aria-haspopup="dialog"
                aria-keyshortcuts={keyshortcuts} onclick={on_open_dialog}>
                <svg class="fqs-trigger-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                    <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" stroke-width="2" />
                    <path d="M20 20l-4.2-4.2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                </svg>
                <span class="fqs-trigger-text">{ strings.placeholder.clone() }</span>
                if options.shortcuts {
                    <kbd class="fqs-kbd fqs-trigger-kbd" aria-hidden="true">{ shortcut }</kbd>
                }
            </button>
            <dialog class="fqs-dialog" part="dialog" ref={dialog_ref} aria-label={strings.search_label.clone()}
                onclick={on_dialog_click} onclose={on_dialog_close} onkeydown={on_dialog_keydown}>
                if state.open {
                    <div class="fqs-dialog-panel">
                        <div class="fqs-dialog-head">
                            { search_box }
                            <button type="button" class="fqs-button fqs-close" onclick={on_close}>{ strings.close.clone() }</button>
                        </div>
                        <div class="fqs-dialog-body">
                            { body }
                        </div>
                        <div class="fqs-dialog-foot" aria-hidden="true">
                            <span class="fqs-hint"><kbd class="fqs-kbd">{ "↵" }</kbd>{ " " }{ strings.hint_open.clone() }</span>
                            <span class="fqs-hint"><kbd class="fqs-kbd">{ "↑" }</kbd><kbd class="fqs-kbd">{ "↓" }</kbd>{ " " }{ strings.hint_move.clone() }</span>
                            <span class="fqs-hint"><kbd class="fqs-kbd">{ "Esc" }</kbd>{ " " }{ strings.hint_close.clone() }</span>
                        </div>
                        { live }
                    </div>
                }
            </dialog>
        </div>
    }
}

/// The `history.state` of the entry pushed for an open dialog: names the widget.
const DIALOG_STATE_KEY: &str = "faqSearchDialog";

/// A search for [`OncePerFrame`] to run: dispatching `action`.
fn dispatching(dispatcher: &UseReducerDispatcher<State>, action: fn() -> Action) -> Rc<dyn Fn()> {
    let dispatcher = dispatcher.clone();
    Rc::new(move || dispatcher.dispatch(action()))
}

fn current_href() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// Pushes a history entry for the dialog just opened (same URL; the state names the widget),
/// and returns the URL, or `None` when there is no history to push to.
fn push_dialog_entry(prefix: &str) -> Option<String> {
    let window = web_sys::window()?;
    let href = current_href()?;
    let state = dom::object(&[(DIALOG_STATE_KEY, JsValue::from_str(prefix))]);
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

/// The id of option `i` of the keyboard's list: the `recent` searches offered first, then the
/// results.
fn keyboard_option_id(prefix: &str, recent: usize, i: usize) -> String {
    match i.checked_sub(recent) {
        Some(result) => option_id(prefix, result),
        None => recent_option_id(prefix, i),
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

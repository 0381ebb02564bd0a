//! The keyboard: Esc clears the query, the arrow keys move through the tabs and the results,
//! Enter opens the result chosen.
//!
//! In headless Chromium (wasm-bindgen-test); the helpers are in `support/`.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Sends a keydown for `key` to `target`, as the browser would.
fn press(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

/// The top and bottom of `element` on screen (`getBoundingClientRect`).
fn edges(element: &Element) -> (f64, f64) {
    let rect = get(element, "getBoundingClientRect")
        .dyn_into::<js_sys::Function>()
        .and_then(|f| f.call0(element))
        .expect("a rectangle");
    let at = |key| get(&rect, key).as_f64().expect("a number");
    (at("top"), at("bottom"))
}

#[wasm_bindgen_test]
async fn escape_clears_the_query() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;
    type_query(&host, "bitcoin");
    eventually(
        "the summary",
        "1 result for “bitcoin”".to_string(),
        || summary(&host),
    )
    .await;
    let input: HtmlInputElement = query(&host, "input")
        .expect("input")
        .dyn_into()
        .expect("input");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
    eventually("the summary", "Most viewed articles".to_string(), || {
        summary(&host)
    })
    .await;
    assert_eq!(input.value(), "");
}

#[wasm_bindgen_test]
async fn tabs_follow_the_arrow_keys() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;
    eventually("four tabs", 4, || tabs(&host).len()).await;
    let first = query_all(&host, "[role=tab]")[0].clone();
    first
        .dyn_ref::<HtmlElement>()
        .expect("tab")
        .focus()
        .expect("focus");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowLeft");
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    first.dispatch_event(&event).expect("dispatch");
    // Left from the first tab wraps around to the last one, and focus follows.
    eventually("the last tab is selected", true, || tabs(&host)[3].2).await;
    let active = document().active_element().expect("something has focus");
    assert_eq!(
        text(&query(&active, ".fqs-tab-label").expect("a tab has focus")),
        "Product documents"
    );
    eventually(
        "only product documents",
        vec!["Deposit and withdrawal fee schedule".to_string()],
        || card_titles(&host),
    )
    .await;
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_active_result_and_enter_opens_it() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;
    let opened = record_events(&host, "faq-search:open", true);
    type_query(&host, "withdrawal fee");
    eventually("two results", 2, || card_titles(&host).len()).await;
    let input = input_of(&host);
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let listbox = query(&host, "[role=listbox]").expect("a listbox");
    assert_eq!(input.get_attribute("aria-controls"), Some(listbox.id()));
    assert_eq!(input.get_attribute("aria-activedescendant"), None);

    let options = || query_all(&host, "[role=option]");
    let active = || {
        input_of(&host)
            .get_attribute("aria-activedescendant")
            .and_then(|id| options().iter().position(|o| o.id() == id))
    };
    press(&input, "ArrowDown");
    eventually("the first result is active", Some(0), active).await;
    assert_eq!(
        options()[0].get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert_eq!(
        options()[1].get_attribute("aria-selected").as_deref(),
        Some("false")
    );
    press(&input, "ArrowDown");
    eventually("the second result is active", Some(1), active).await;
    press(&input, "ArrowDown");
    sleep(30).await;
    assert_eq!(active(), Some(1), "down from the last result stays there");
    press(&input, "ArrowUp");
    eventually("back to the first", Some(0), active).await;
    press(&input, "ArrowUp");
    eventually("back in the search box", None, active).await;

    press(&input, "ArrowDown");
    press(&input, "ArrowDown");
    eventually("the second result is active", Some(1), active).await;
    let href = options()[1].get_attribute("href");
    press(&input, "Enter");
    eventually("one open event", 1, || opened.length()).await;
    let detail = opened.get(0);
    assert_eq!(get(&detail, "position").as_f64(), Some(2.0));
    assert_eq!(
        get(&detail, "query").as_string().as_deref(),
        Some("withdrawal fee")
    );
    assert_eq!(
        get(&detail, "url").as_string(),
        href,
        "the event names the link that was opened"
    );
    assert!(get(&detail, "id").as_string().is_some());

    // Typing again starts over from the search box.
    type_query(&host, "withdrawal");
    eventually("no active result", None, active).await;
}

#[wasm_bindgen_test]
async fn arrow_keys_reach_sub_results_in_view_and_enter_follows_their_link() {
    // The guide's link is a place on this page, so following a sub-result's link is seen in
    // `location.hash` without leaving the test. The widget sits in a short scrolling box.
    let scroller = document().create_element("div").expect("div");
    scroller
        .set_attribute("style", "height: 140px; overflow: auto")
        .expect("style");
    document()
        .body()
        .expect("body")
        .append_child(&scroller)
        .expect("append");
    let host = document().create_element("div").expect("div");
    scroller.append_child(&host).expect("append");
    let _widget = mount_bytes(
        host.clone(),
        build(&help_center_with_guide("#guide")),
        WidgetOptions {
            sort: SortOrder::MostViewed,
            ..WidgetOptions::default()
        },
    )
    .expect("mounts");
    wait_until("the widget is ready", || {
        state(&host).as_deref() == Some("ready")
    })
    .await;
    let opened = record_events(&host, "faq-search:open", false);
    type_query(&host, "card");
    eventually("four options", 4, || result_options(&host).len()).await;

    let input = input_of(&host);
    let options = || query_all(&host, "[role=option]");
    let active = || {
        let id = input_of(&host).get_attribute("aria-activedescendant")?;
        let option = options().into_iter().find(|o| o.id() == id)?;
        option.get_attribute("href")
    };
    let href = |s: &str| Some(s.to_string());
    press(&input, "ArrowDown");
    eventually("the guide", href("#guide"), active).await;
    press(&input, "ArrowDown");
    eventually("its first sub-result", href("#card-limits"), active).await;
    let selected = query(&host, "[role=option][aria-selected=true]").expect("one is selected");
    assert_eq!(
        selected.get_attribute("href").as_deref(),
        Some("#card-limits")
    );
    press(&input, "ArrowDown");
    eventually("its second sub-result", href("#fees"), active).await;
    press(&input, "ArrowDown");
    eventually("the next result", href("/help/card-order"), active).await;
    press(&input, "ArrowUp");
    eventually("back to the last sub-result", href("#fees"), active).await;

    // The active option is scrolled into the box's view.
    let fees = query(&host, "a.fqs-sub[href='#fees']").expect("the sub-result");
    let visible = || {
        let ((box_top, box_bottom), (top, bottom)) = (edges(&scroller), edges(&fees));
        top >= box_top - 1.0 && bottom <= box_bottom + 1.0
    };
    eventually("the sub-result is in view", true, visible).await;
    assert!(scroller.scroll_top() > 0, "the box scrolled");

    // Enter clicks the link: the event names it, and the browser follows it.
    press(&input, "Enter");
    eventually("one open event", 1, || opened.length()).await;
    let detail = opened.get(0);
    assert_eq!(get(&detail, "url").as_string().as_deref(), Some("#fees"));
    assert_eq!(get(&detail, "id").as_string().as_deref(), Some("refunds"));
    assert_eq!(get(&detail, "position").as_f64(), Some(1.0));
    let location = web_sys::window().expect("window").location();
    eventually("the page followed the link", "#fees".to_string(), || {
        location.hash().unwrap_or_default()
    })
    .await;
    let _ = location.set_hash("");
}

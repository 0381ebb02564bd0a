//! The widget and the JS API in a real browser (headless Chromium through wasm-bindgen-test):
//! `wasm-pack test --mode no-install --headless --chrome`.
//!
//! Each test builds a small index in memory with the engine's `IndexWriter`, mounts the widget
//! on a fresh `<div>`, acts the way a person would (input events, clicks) and reads the DOM.
#![cfg(target_arch = "wasm32")]

use faq_search::{mount, mount_bytes, MountedWidget, SearchIndex, WidgetOptions};
use faq_search_engine::{date, Document, Index, IndexWriter, Weights};
use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// Helpers

fn doc(
    id: &str,
    title: &str,
    body: &str,
    category: &str,
    published: &str,
    updated: &str,
    views: u64,
) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        url: format!("/help/{id}"),
        category: category.into(),
        published: date::parse_ymd(published).expect("test dates are valid"),
        updated: date::parse_ymd(updated).expect("test dates are valid"),
        views,
        locale: "en".into(),
        section: String::new(),
    }
}

fn build(docs: &[Document]) -> Vec<u8> {
    let mut writer = IndexWriter::new(Weights::default());
    for d in docs {
        writer.add(d);
    }
    writer.finish().0
}

/// Three articles, one per category, with distinct words and view counts.
fn help_center() -> Vec<Document> {
    vec![
        doc(
            "reset-2fa",
            "How do I reset two-factor authentication?",
            "If you lost your phone, open Security and choose Reset authentication. We review every reset within 24 hours.",
            "FAQ",
            "2024-08-08",
            "2026-05-29",
            31_433,
        ),
        doc(
            "btc-fee",
            "Bitcoin withdrawal fee adjustment",
            "From June the Bitcoin withdrawal fee drops to 0.0002 BTC. Deposits stay free.",
            "Announcements",
            "2024-05-20",
            "2024-05-21",
            4_109,
        ),
        doc(
            "fee-schedule",
            "Deposit and withdrawal fee schedule",
            "Every coin and network with its withdrawal fee and minimum deposit.",
            "Product documents",
            "2022-01-10",
            "2026-10-28",
            27_664,
        ),
    ]
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("tests run on a page")
}

/// A fresh, attached `<div>` to mount into.
fn host() -> Element {
    let div = document().create_element("div").expect("create div");
    document()
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// Polls `check` until it holds (Yew renders asynchronously); panics with `what` after 5 s.
async fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..500 {
        if check() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting until {what}");
}

/// Polls until `actual()` equals `expected`, then returns; otherwise panics after 5 s showing
/// the last value. Yew may yield to the browser between a parent's render and its children's,
/// so every look at the DOM after an action goes through here rather than a bare assert.
async fn eventually<T: PartialEq + std::fmt::Debug>(
    what: &str,
    expected: T,
    mut actual: impl FnMut() -> T,
) {
    let mut last = actual();
    for _ in 0..500 {
        if last == expected {
            return;
        }
        sleep(10).await;
        last = actual();
    }
    panic!("{what}: expected {expected:?}, still {last:?} after 5 s");
}

fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn query_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn state(host: &Element) -> Option<String> {
    query(host, ".fqs-root").and_then(|r| r.get_attribute("data-state"))
}

async fn mount_ready(bytes: Vec<u8>, options: WidgetOptions) -> (Element, MountedWidget) {
    let host = host();
    let widget = mount_bytes(host.clone(), bytes, options).expect("mounts");
    wait_until("the widget is ready", || {
        state(&host).as_deref() == Some("ready")
    })
    .await;
    (host, widget)
}

/// Types `value` into the search box the way a browser reports it: value, then `input`.
fn type_query(host: &Element, value: &str) {
    let input: HtmlInputElement = query(host, "input[type=search]")
        .expect("search box")
        .dyn_into()
        .expect("input");
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

fn click(element: &Element) {
    element
        .dyn_ref::<HtmlElement>()
        .expect("clickable element")
        .click();
}

fn summary(host: &Element) -> String {
    query(host, ".fqs-summary")
        .map(|e| text(&e))
        .unwrap_or_default()
}

fn card_titles(host: &Element) -> Vec<String> {
    query_all(host, "[role=option] .fqs-result-title")
        .iter()
        .map(text)
        .collect()
}

/// Tabs as (label, count, selected).
fn tabs(host: &Element) -> Vec<(String, String, bool)> {
    query_all(host, "[role=tab]")
        .iter()
        .map(|t| {
            let label = query(t, ".fqs-tab-label")
                .map(|e| text(&e))
                .unwrap_or_default();
            let count = query(t, ".fqs-tab-count")
                .map(|e| text(&e))
                .unwrap_or_default();
            (
                label,
                count,
                t.get_attribute("aria-selected").as_deref() == Some("true"),
            )
        })
        .collect()
}

/// The texts of the `<mark>`s under the elements matching `selector`.
fn marks(host: &Element, selector: &str) -> Vec<String> {
    query_all(host, &format!("{selector} mark"))
        .iter()
        .map(text)
        .collect()
}

/// The metadata line of the first result card.
fn first_meta(host: &Element) -> String {
    query(host, "[role=option] .fqs-result-meta")
        .map(|e| text(&e))
        .unwrap_or_default()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property read")
}

// ---------------------------------------------------------------------------------------------
// The widget

#[wasm_bindgen_test]
async fn empty_query_lists_most_viewed_with_dates_and_views() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;

    eventually("the summary", "Most viewed articles".to_string(), || {
        summary(&host)
    })
    .await;
    eventually(
        "cards by views",
        vec![
            "How do I reset two-factor authentication?".to_string(),
            "Deposit and withdrawal fee schedule".to_string(),
            "Bitcoin withdrawal fee adjustment".to_string(),
        ],
        || card_titles(&host),
    )
    .await;
    eventually(
        "the first card's metadata",
        "Published on Aug 8, 2024\u{a0}· Updated on May 29, 2026\u{a0}· 31,433 views".to_string(),
        || first_meta(&host),
    )
    .await;
    let first = query(&host, "[role=option]").expect("a card");
    assert_eq!(
        text(&query(&first, ".fqs-result-category").expect("category")),
        "FAQ"
    );
    let time = query(&first, "time").expect("a <time>");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2024-08-08")
    );
    assert!(
        query_all(&host, "mark").is_empty(),
        "nothing is highlighted without a query"
    );
}

#[wasm_bindgen_test]
async fn typing_searches_and_marks_matched_words() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;

    type_query(&host, "authentication");
    eventually(
        "the summary",
        "1 result for “authentication”".to_string(),
        || summary(&host),
    )
    .await;
    eventually(
        "the cards",
        vec!["How do I reset two-factor authentication?".to_string()],
        || card_titles(&host),
    )
    .await;
    eventually("title marks", vec!["authentication".to_string()], || {
        marks(&host, ".fqs-result-title")
    })
    .await;
    eventually("snippet marks", vec!["authentication".to_string()], || {
        marks(&host, ".fqs-result-snippet")
    })
    .await;

    let link = query(&host, "a[role=option]").expect("the result is a link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/help/reset-2fa")
    );
    // Marks split the text; they must not lose or repeat any of it.
    let title = query(&link, ".fqs-result-title").expect("title");
    assert_eq!(text(&title), "How do I reset two-factor authentication?");

    type_query(&host, "withdrawal fee");
    eventually(
        "the summary",
        "2 results for “withdrawal fee”".to_string(),
        || summary(&host),
    )
    .await;
    let title_marks = |host: &Element| -> Vec<String> {
        let mut m: Vec<String> = marks(host, ".fqs-result-title")
            .iter()
            .map(|m| m.to_lowercase())
            .collect();
        m.sort();
        m.dedup();
        m
    };
    eventually(
        "marks in both titles",
        vec!["fee".to_string(), "withdrawal".to_string()],
        || title_marks(&host),
    )
    .await;
    assert_eq!(
        marks(&host, ".fqs-result-title").len(),
        4,
        "both words in both titles"
    );
}

#[wasm_bindgen_test]
async fn category_tabs_count_filter_and_keep_the_query() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;
    let tab =
        |label: &str, count: &str, selected: bool| (label.to_string(), count.to_string(), selected);
    eventually(
        "tabs for the empty query",
        vec![
            tab("All", "3", true),
            tab("FAQ", "1", false),
            tab("Announcements", "1", false),
            tab("Product documents", "1", false),
        ],
        || tabs(&host),
    )
    .await;

    type_query(&host, "fee");
    eventually(
        "tabs for “fee”",
        vec![
            tab("All", "2", true),
            tab("FAQ", "0", false),
            tab("Announcements", "1", false),
            tab("Product documents", "1", false),
        ],
        || tabs(&host),
    )
    .await;

    let announcements = query_all(&host, "[role=tab]")[2].clone();
    click(&announcements);
    eventually(
        "tabs after clicking Announcements",
        vec![
            tab("All", "2", false),
            tab("FAQ", "0", false),
            tab("Announcements", "1", true),
            tab("Product documents", "1", false),
        ],
        || tabs(&host),
    )
    .await;
    eventually(
        "only announcements",
        vec!["Bitcoin withdrawal fee adjustment".to_string()],
        || card_titles(&host),
    )
    .await;
    eventually("the summary", "1 result for “fee”".to_string(), || {
        summary(&host)
    })
    .await;
    let input: HtmlInputElement = query(&host, "input")
        .expect("input")
        .dyn_into()
        .expect("input");
    assert_eq!(input.value(), "fee", "the query is kept");
    assert_eq!(
        announcements.get_attribute("tabindex").as_deref(),
        Some("0")
    );
    assert_eq!(
        announcements.get_attribute("aria-controls"),
        query(&host, "[role=tabpanel]").map(|p| p.id())
    );

    // A category without results says so and offers the other categories.
    click(&query_all(&host, "[role=tab]")[1]);
    wait_until("the empty FAQ tab", || {
        text(&host).contains("No results for “fee” in FAQ")
    })
    .await;
    assert_eq!(
        card_titles(&host).len(),
        3,
        "the popular articles are offered instead"
    );
    click(&query(&host, ".fqs-show-all").expect("a Search all categories button"));
    eventually("All is selected again", true, || tabs(&host)[0].2).await;
    eventually("both results", 2, || card_titles(&host).len()).await;
}

#[wasm_bindgen_test]
async fn nonsense_query_says_no_results() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;
    type_query(&host, "qqqzzzxxyy");
    wait_until("the no-results message", || {
        text(&host).contains("No results for “qqqzzzxxyy”")
    })
    .await;
    // Nothing found: the most viewed articles are offered instead, under their own heading.
    assert_eq!(
        query(&host, ".fqs-subhead").map(|h| text(&h)).as_deref(),
        Some("Popular articles")
    );
    assert_eq!(
        card_titles(&host),
        [
            "How do I reset two-factor authentication?",
            "Deposit and withdrawal fee schedule",
            "Bitcoin withdrawal fee adjustment",
        ]
    );
    assert!(
        query(&host, ".fqs-suggestion").is_none(),
        "no suggestion for nonsense"
    );
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
async fn show_more_adds_the_next_page() {
    let docs: Vec<Document> = (0..13)
        .map(|i| {
            doc(
                &format!("a{i}"),
                &format!("Staking reward article {i}"),
                "Staking rewards explained.",
                "FAQ",
                "2024-01-01",
                "2024-01-02",
                100 + i,
            )
        })
        .collect();
    let options = WidgetOptions {
        limit: 5,
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&docs), options).await;
    type_query(&host, "staking");
    eventually(
        "the summary",
        "13 results for “staking”".to_string(),
        || summary(&host),
    )
    .await;
    eventually("the first page", 5, || card_titles(&host).len()).await;
    for expected in [10, 13] {
        click(&query(&host, ".fqs-more").expect("Show more"));
        eventually("the next page", expected, || card_titles(&host).len()).await;
    }
    eventually("no Show more once everything is listed", true, || {
        query(&host, ".fqs-more").is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn initial_query_option_is_searched() {
    let options = WidgetOptions {
        query: "bitcoin".into(),
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options).await;
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
    assert_eq!(input.value(), "bitcoin");
}

#[wasm_bindgen_test]
async fn locale_formats_dates_and_numbers() {
    let options = WidgetOptions {
        locale: "de-DE".into(),
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options).await;
    wait_until("German digit grouping and words", || {
        first_meta(&host).contains("31.433 Aufrufe")
    })
    .await;
    assert!(first_meta(&host).contains("2024"), "{}", first_meta(&host));
    assert!(
        !first_meta(&host).contains("Aug 8"),
        "{}",
        first_meta(&host)
    );

    // An invalid locale tag must not break anything: it falls back to English.
    let options = WidgetOptions {
        locale: "not a locale!".into(),
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options).await;
    eventually(
        "English formats",
        "Published on Aug 8, 2024\u{a0}· Updated on May 29, 2026\u{a0}· 31,433 views".to_string(),
        || first_meta(&host),
    )
    .await;
}

#[wasm_bindgen_test]
async fn article_html_is_shown_as_text_and_unsafe_links_are_dropped() {
    let mut evil = doc(
        "evil",
        "Zanzibar <img src=x onerror=\"window.__pwned=1\"> title",
        "Zanzibar body <script>window.__pwned=1</script> and <b>bold</b>.",
        "<i>FAQ</i>",
        "2024-01-01",
        "2024-01-02",
        5,
    );
    evil.url = "java\tscript:window.__pwned=1".into();
    let mut fine = doc(
        "fine",
        "Zanzibar travel rule",
        "Zanzibar rules.",
        "FAQ",
        "2024-01-01",
        "2024-01-02",
        1,
    );
    fine.url = "https://help.example.com/zanzibar".into();
    let (host, _w) = mount_ready(build(&[evil, fine]), WidgetOptions::default()).await;
    type_query(&host, "zanzibar");
    eventually("a mark in each title", 2, || {
        marks(&host, ".fqs-result-title").len()
    })
    .await;

    assert!(
        query_all(&host, "img, script, b, i, [onerror]").is_empty(),
        "article text created elements"
    );
    assert!(
        text(&host).contains("<img src=x onerror=\"window.__pwned=1\">"),
        "the markup is visible as text"
    );
    assert!(text(&host).contains("<script>window.__pwned=1</script>"));
    assert!(text(&host).contains("<i>FAQ</i>"));
    let hrefs: Vec<String> = query_all(&host, "[href]")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(
        hrefs,
        ["https://help.example.com/zanzibar"],
        "only the safe link is rendered"
    );
    let window = web_sys::window().expect("window");
    assert!(Reflect::get(&window, &JsValue::from_str("__pwned"))
        .expect("read")
        .is_undefined());
}

#[wasm_bindgen_test]
async fn corrupt_bytes_show_the_format_error_with_retry() {
    let mut bytes = build(&help_center());
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    let expected = match Index::from_bytes(bytes.clone()) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("the damaged index should not open"),
    };

    let host = host();
    let _w =
        mount_bytes(host.clone(), bytes, WidgetOptions::default()).expect("mount itself succeeds");
    eventually("the state", Some("error".to_string()), || state(&host)).await;
    let alert_text = || {
        query(&host, "[role=alert]")
            .map(|a| text(&a))
            .unwrap_or_default()
    };
    wait_until("the alert", || !alert_text().is_empty()).await;
    assert!(
        alert_text().starts_with("Search is unavailable: "),
        "{}",
        alert_text()
    );
    assert!(
        alert_text().contains(&expected),
        "{} should contain {expected}",
        alert_text()
    );
    let retry = query(&host, "[role=alert] button").expect("a Retry button");
    assert_eq!(text(&retry), "Retry");

    // Retrying the same bytes fails the same way, and the widget stays alive.
    click(&retry);
    eventually("the state after Retry", Some("error".to_string()), || {
        state(&host)
    })
    .await;
    assert!(query(&host, "input[type=search]").is_some());
    wait_until("the alert again", || alert_text().contains(&expected)).await;
}

#[wasm_bindgen_test]
async fn garbage_bytes_show_an_error_not_a_panic() {
    let host = host();
    let _w = mount_bytes(
        host.clone(),
        b"<!doctype html><h1>Not found</h1>".to_vec(),
        WidgetOptions::default(),
    )
    .expect("mount itself succeeds");
    wait_until("the format error", || {
        text(&host).contains("not a faq-search index")
    })
    .await;
    assert_eq!(state(&host).as_deref(), Some("error"));
}

#[wasm_bindgen_test]
async fn mount_by_url_shows_the_http_error() {
    let host = host();
    host.set_id("fqs-test-http");
    let _w = mount(
        JsValue::from_str("#fqs-test-http"),
        "no-such-folder/",
        JsValue::UNDEFINED,
    )
    .expect("mounts");
    wait_until("something rendered", || state(&host).is_some()).await;
    // Typing while the index loads (or after it failed) must be harmless.
    type_query(&host, "fee");
    eventually("the state", Some("error".to_string()), || state(&host)).await;
    let alert_text = || {
        query(&host, "[role=alert]")
            .map(|a| text(&a))
            .unwrap_or_default()
    };
    wait_until("the alert", || alert_text().contains("HTTP 404")).await;
    assert!(
        alert_text().contains("could not be loaded"),
        "{}",
        alert_text()
    );
    assert!(
        alert_text().contains("no-such-folder/faq-search.json"),
        "{}",
        alert_text()
    );
    assert!(query(&host, ".fqs-retry").is_some());
}

/// Replaces the page's `fetch` with one whose answer the test hands over when it wants.
/// Returns the function that delivers the answer (a `Response`) and restores `fetch`.
fn hold_fetch() -> impl FnOnce(JsValue) {
    let window = web_sys::window().expect("window");
    let original = Reflect::get(&window, &JsValue::from_str("fetch")).expect("fetch");
    let mut resolve_slot: Option<js_sys::Function> = None;
    let pending = js_sys::Promise::new(&mut |resolve, _| resolve_slot = Some(resolve));
    let resolve = resolve_slot.expect("the executor runs at once");
    let fake =
        Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |_url: JsValue| pending.clone());
    Reflect::set(&window, &JsValue::from_str("fetch"), fake.as_ref()).expect("replace fetch");
    move |response: JsValue| {
        let _ = resolve.call1(&JsValue::NULL, &response);
        let _ = Reflect::set(&window, &JsValue::from_str("fetch"), &original);
        drop(fake);
    }
}

#[wasm_bindgen_test]
async fn loading_state_accepts_typing_and_searches_once_loaded() {
    let deliver = hold_fetch();
    let host = host();
    let _w = mount(host.clone().into(), "held/en.idx", JsValue::UNDEFINED).expect("mounts");
    eventually("the state", Some("loading".to_string()), || state(&host)).await;
    wait_until("the loading message", || {
        text(&host).contains("Loading search…")
    })
    .await;
    assert!(query(&host, "[role=status]").is_some());

    type_query(&host, "bitcoin");
    sleep(50).await;
    assert_eq!(
        state(&host).as_deref(),
        Some("loading"),
        "still waiting for the index"
    );

    let mut bytes = build(&help_center());
    let response = web_sys::Response::new_with_opt_u8_array(Some(&mut bytes)).expect("a Response");
    deliver(response.into());
    eventually("the state", Some("ready".to_string()), || state(&host)).await;
    eventually(
        "the typed query's results",
        "1 result for “bitcoin”".to_string(),
        || summary(&host),
    )
    .await;
    eventually(
        "the card",
        vec!["Bitcoin withdrawal fee adjustment".to_string()],
        || card_titles(&host),
    )
    .await;
}

#[wasm_bindgen_test]
fn mount_errors_are_returned_not_thrown_from_a_panic() {
    let message = |r: Result<MountedWidget, JsError>| -> String {
        match r {
            Ok(_) => panic!("mount should have failed"),
            Err(e) => {
                let value: JsValue = e.into();
                get(&value, "message").as_string().unwrap_or_default()
            }
        }
    };
    let missing = message(mount(
        JsValue::from_str("#no-such-element"),
        "index/",
        JsValue::UNDEFINED,
    ));
    assert!(
        missing.contains("no element matches the target \"#no-such-element\""),
        "{missing}"
    );
    let invalid = message(mount(
        JsValue::from_str("[[["),
        "index/",
        JsValue::UNDEFINED,
    ));
    assert!(invalid.contains("not a valid CSS selector"), "{invalid}");
    let wrong_type = message(mount(JsValue::from_f64(3.0), "index/", JsValue::UNDEFINED));
    assert!(
        wrong_type.contains("CSS selector or an Element"),
        "{wrong_type}"
    );
    let bad_options = message(mount(host().into(), "index/", JsValue::from_str("nope")));
    assert!(
        bad_options.contains("invalid mount options"),
        "{bad_options}"
    );
}

#[wasm_bindgen_test]
async fn a_host_takes_one_widget_until_it_is_destroyed() {
    let bytes = build(&help_center());
    let (host, mut widget) = mount_ready(bytes.clone(), WidgetOptions::default()).await;
    let second = mount_bytes(host.clone(), bytes.clone(), WidgetOptions::default());
    assert!(
        second.is_err(),
        "a second widget on the same element is refused"
    );

    widget.destroy();
    wait_until("the widget is gone", || query(&host, ".fqs-root").is_none()).await;
    let _again = mount_bytes(host.clone(), bytes, WidgetOptions::default())
        .expect("mounts again after destroy");
    eventually("the new widget's state", Some("ready".to_string()), || {
        state(&host)
    })
    .await;
    assert_eq!(query_all(&host, ".fqs-root").len(), 1);
}

#[wasm_bindgen_test]
async fn destroying_before_the_first_render_is_harmless() {
    let host = host();
    let mut widget =
        mount(host.clone().into(), "never-shown/", JsValue::UNDEFINED).expect("mounts");
    widget.destroy();
    // The fetch answers after the widget is gone; that answer must go nowhere, quietly.
    sleep(300).await;
    assert!(
        query(&host, ".fqs-root").is_none(),
        "the widget rendered after destroy"
    );
    assert!(!host.has_attribute("data-fqs-mounted"));
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

fn input_of(host: &Element) -> HtmlInputElement {
    query(host, "input.fqs-input")
        .expect("search box")
        .dyn_into()
        .expect("input")
}

/// Records the `detail` of every `name` event reaching `host`, cancelling it when `cancel`.
fn record_events(host: &Element, name: &str, cancel: bool) -> Array {
    let seen = Array::new();
    let log = seen.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
            if cancel {
                event.prevent_default();
            }
            log.push(&event.detail());
        });
    host.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
        .expect("listen");
    listener.forget();
    seen
}

#[wasm_bindgen_test]
async fn sort_control_orders_by_newest_and_most_viewed() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;
    let select: web_sys::HtmlSelectElement = query(&host, "select")
        .expect("a sort control")
        .dyn_into()
        .expect("select");
    let label = query(&host, "label[for]").expect("the control has a label");
    assert_eq!(text(&label), "Sort by");
    assert_eq!(label.get_attribute("for"), Some(select.id()));
    assert_eq!(select.value(), "relevance");

    select.set_value("newest");
    let change = web_sys::Event::new("change").expect("event");
    select.dispatch_event(&change).expect("dispatch");
    eventually("the header", "Newest articles".to_string(), || {
        summary(&host)
    })
    .await;
    eventually(
        "newest first (by updated date)",
        vec![
            "Deposit and withdrawal fee schedule".to_string(),
            "How do I reset two-factor authentication?".to_string(),
            "Bitcoin withdrawal fee adjustment".to_string(),
        ],
        || card_titles(&host),
    )
    .await;

    // The sort is kept while typing.
    type_query(&host, "withdrawal fee");
    eventually(
        "newest first among the results",
        vec![
            "Deposit and withdrawal fee schedule".to_string(),
            "Bitcoin withdrawal fee adjustment".to_string(),
        ],
        || card_titles(&host),
    )
    .await;
    assert_eq!(summary(&host), "2 results for “withdrawal fee”");
}

#[wasm_bindgen_test]
async fn a_typo_offers_did_you_mean_and_picking_it_searches() {
    let (host, _w) = mount_ready(build(&help_center()), WidgetOptions::default()).await;
    type_query(&host, "authenticaton");
    let button = {
        let host = host.clone();
        move || query(&host, ".fqs-suggestion button")
    };
    wait_until("a did-you-mean suggestion", || button().is_some()).await;
    let suggestion = query(&host, ".fqs-suggestion").expect("suggestion");
    assert_eq!(text(&suggestion), "Did you mean authentication?");
    click(&button().expect("button"));
    eventually("the corrected search", "authentication".to_string(), || {
        input_of(&host).value()
    })
    .await;
    eventually("no suggestion any more", true, || button().is_none()).await;
    assert_eq!(summary(&host), "1 result for “authentication”");
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
async fn a_settled_query_is_announced_and_reported_once() {
    let options = WidgetOptions {
        settle_ms: 40,
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options).await;
    let queries = record_events(&host, "faq-search:query", false);
    let live = query(&host, "[aria-live=polite]").expect("a live region");
    // Keystrokes in quick succession settle once, on the last one.
    for partial in ["w", "wi", "wit", "with", "withd"] {
        type_query(&host, partial);
    }
    eventually("one query event", 1, || queries.length()).await;
    let detail = queries.get(0);
    assert_eq!(get(&detail, "query").as_string().as_deref(), Some("withd"));
    assert_eq!(get(&detail, "total").as_f64(), Some(2.0));
    assert!(get(&detail, "category").is_null());
    eventually(
        "the announcement",
        "2 results for “withd”".to_string(),
        || text(&live),
    )
    .await;

    // A query that finds nothing is reported too (that is what a help center wants to log).
    type_query(&host, "qqqzzzxxyy");
    eventually("a second query event", 2, || queries.length()).await;
    assert_eq!(get(&queries.get(1), "total").as_f64(), Some(0.0));
    eventually(
        "the announcement",
        "No results for “qqqzzzxxyy”".to_string(),
        || text(&live),
    )
    .await;

    // A tab settles at once, with its category.
    type_query(&host, "withdrawal");
    eventually("a third query event", 3, || queries.length()).await;
    click(&query_all(&host, "[role=tab]")[2]);
    eventually("a fourth query event", 4, || queries.length()).await;
    let detail = queries.get(3);
    assert_eq!(
        get(&detail, "category").as_string().as_deref(),
        Some("Announcements")
    );
    assert_eq!(get(&detail, "total").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
async fn strings_follow_the_locale_with_plural_forms() {
    let options = WidgetOptions {
        locale: "ru".into(),
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options).await;
    eventually(
        "the Russian header",
        "Самые читаемые статьи".to_string(),
        || summary(&host),
    )
    .await;
    assert_eq!(
        query(&host, ".fqs-root")
            .and_then(|r| r.get_attribute("lang"))
            .as_deref(),
        Some("ru")
    );
    // 31 433 ends in 33: the "few" form.
    assert!(
        first_meta(&host).ends_with("просмотра"),
        "{}",
        first_meta(&host)
    );
    assert!(
        first_meta(&host).starts_with("Опубликовано "),
        "{}",
        first_meta(&host)
    );
    type_query(&host, "withdrawal fee");
    eventually(
        "two results, the few form",
        "2 результата по запросу «withdrawal fee»".to_string(),
        || summary(&host),
    )
    .await;
    type_query(&host, "bitcoin");
    eventually(
        "one result, the one form",
        "1 результат по запросу «bitcoin»".to_string(),
        || summary(&host),
    )
    .await;

    let options = WidgetOptions {
        locale: "ja".into(),
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options).await;
    type_query(&host, "fee");
    eventually(
        "the Japanese header",
        "「fee」の検索結果：2 件".to_string(),
        || summary(&host),
    )
    .await;
    assert_eq!(
        input_of(&host).get_attribute("placeholder").as_deref(),
        Some("ヘルプセンターを検索")
    );
}

#[wasm_bindgen_test]
async fn strings_can_be_overridden() {
    let options = WidgetOptions {
        locale: "de".into(),
        placeholder: Some("Frag uns".into()),
        strings: vec![
            ("resultsOther".into(), "{count} Treffer: {query}".into()),
            ("sortLabel".into(), "Reihenfolge".into()),
            ("noSuchKey".into(), "ignored".into()),
        ],
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options).await;
    assert_eq!(
        input_of(&host).get_attribute("placeholder").as_deref(),
        Some("Frag uns")
    );
    type_query(&host, "fee");
    eventually(
        "the overridden header",
        "2 Treffer: fee".to_string(),
        || summary(&host),
    )
    .await;
    assert_eq!(
        query(&host, ".fqs-sort-label").map(|l| text(&l)).as_deref(),
        Some("Reihenfolge")
    );
    // Keys not overridden keep the language's text.
    assert_eq!(
        query(&host, "[role=tab]").map(|t| text(&t)).as_deref(),
        Some("Alle 2")
    );
}

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

const RECENT_KEY: &str = "faq-search:recent:in-memory";

fn recent_queries(host: &Element) -> Vec<String> {
    query_all(host, ".fqs-recent-query")
        .iter()
        .map(text)
        .collect()
}

#[wasm_bindgen_test]
async fn recent_searches_are_offered_on_an_empty_query_and_can_be_cleared() {
    // Widgets of earlier tests stay mounted; let their pending searches settle first.
    sleep(1000).await;
    local_storage().clear().expect("clear");
    let options = WidgetOptions {
        settle_ms: 20,
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options.clone()).await;
    assert!(
        recent_queries(&host).is_empty(),
        "nothing to offer at first"
    );
    for q in ["bitcoin", "qqqzzzxxyy", "fee", "Bitcoin "] {
        type_query(&host, q);
        sleep(80).await;
    }
    type_query(&host, "");
    eventually(
        "searches with results, newest first, without duplicates",
        vec!["Bitcoin".to_string(), "fee".to_string()],
        || recent_queries(&host),
    )
    .await;
    assert_eq!(
        local_storage()
            .get_item(RECENT_KEY)
            .ok()
            .flatten()
            .as_deref(),
        Some(r#"["Bitcoin","fee"]"#)
    );

    // Another widget on the same index (a later visit) offers them too; picking one searches.
    let (other, _o) = mount_ready(build(&help_center()), options).await;
    eventually("the stored searches", 2, || recent_queries(&other).len()).await;
    click(&query_all(&other, ".fqs-recent-query")[1]);
    eventually(
        "the picked search",
        "2 results for “fee”".to_string(),
        || summary(&other),
    )
    .await;
    assert_eq!(input_of(&other).value(), "fee");
    assert!(
        recent_queries(&other).is_empty(),
        "offered only on an empty query"
    );

    click(&query(&host, ".fqs-recent-clear").expect("a Clear button"));
    eventually("nothing offered", 0, || recent_queries(&host).len()).await;
    assert_eq!(local_storage().get_item(RECENT_KEY).ok().flatten(), None);
}

#[wasm_bindgen_test]
async fn recent_searches_can_be_turned_off() {
    sleep(1000).await;
    local_storage().clear().expect("clear");
    let options = WidgetOptions {
        settle_ms: 20,
        recent_searches: false,
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&help_center()), options).await;
    type_query(&host, "bitcoin");
    sleep(100).await;
    type_query(&host, "");
    sleep(50).await;
    assert!(recent_queries(&host).is_empty());
    assert_eq!(
        local_storage().length().expect("length"),
        0,
        "nothing stored"
    );
}

#[wasm_bindgen_test]
async fn broken_or_hostile_storage_never_breaks_the_widget() {
    let options = WidgetOptions {
        settle_ms: 20,
        ..WidgetOptions::default()
    };
    let long = "x".repeat(500);
    for stored in [
        "not json".to_string(),
        "{\"a\": 1}".to_string(),
        "[1, null, {}, \"  \"]".to_string(),
        format!("[\"{long}\", \"<img src=x onerror=alert(1)>\", \"fee\"]"),
    ] {
        local_storage().set_item(RECENT_KEY, &stored).expect("set");
        let (host, _w) = mount_ready(build(&help_center()), options.clone()).await;
        let offered = recent_queries(&host);
        assert!(
            offered.is_empty() || offered == ["<img src=x onerror=alert(1)>", "fee"],
            "{stored}: {offered:?}"
        );
        assert!(query_all(&host, "img").is_empty(), "stored text stays text");
    }

    // Storage that throws on every call (disabled, sandboxed, over quota).
    let prototype = Reflect::get(&js_sys::global(), &JsValue::from_str("Storage"))
        .and_then(|s| Reflect::get(&s, &JsValue::from_str("prototype")))
        .expect("Storage.prototype");
    let thrower =
        js_sys::Function::new_no_args("throw new DOMException('denied', 'SecurityError')");
    let saved: Vec<(JsValue, JsValue)> = ["getItem", "setItem", "removeItem"]
        .iter()
        .map(|name| {
            let key = JsValue::from_str(name);
            let original = Reflect::get(&prototype, &key).expect("method");
            Reflect::set(&prototype, &key, &thrower).expect("replace");
            (key, original)
        })
        .collect();
    let (host, _w) = mount_ready(build(&help_center()), options).await;
    type_query(&host, "bitcoin");
    sleep(80).await;
    type_query(&host, "");
    eventually("most viewed", "Most viewed articles".to_string(), || {
        summary(&host)
    })
    .await;
    type_query(&host, "fee");
    eventually(
        "still searching",
        "2 results for “fee”".to_string(),
        || summary(&host),
    )
    .await;
    for (key, original) in saved {
        Reflect::set(&prototype, &key, &original).expect("restore");
    }
    local_storage().clear().expect("clear");
}

#[wasm_bindgen_test]
async fn content_locale_lists_only_that_language() {
    let mut docs = help_center();
    let mut german = doc(
        "gebuehren",
        "Gebühren für Auszahlungen",
        "Jede Auszahlung kostet eine feste Gebühr.",
        "FAQ",
        "2024-01-01",
        "2024-01-02",
        10,
    );
    german.locale = "de".into();
    docs.push(german);
    let options = WidgetOptions {
        content_locale: Some("de".into()),
        ..WidgetOptions::default()
    };
    let (host, _w) = mount_ready(build(&docs), options).await;
    eventually(
        "only the German article, though it has the fewest views",
        vec!["Gebühren für Auszahlungen".to_string()],
        || card_titles(&host),
    )
    .await;
    type_query(&host, "gebühren");
    eventually("found", 1, || card_titles(&host).len()).await;

    let index = SearchIndex::from_bytes(&build(&docs)).expect("index");
    let options = js_sys::Object::new();
    Reflect::set(&options, &"locale".into(), &"de".into()).expect("set");
    let res = index.search("", options.into()).expect("search");
    assert_eq!(
        get(&res, "total").as_f64(),
        Some(1.0),
        "the JS API's locale option"
    );
}

// ---------------------------------------------------------------------------------------------
// The JS API

#[wasm_bindgen_test]
fn js_api_search_returns_utf16_highlight_ranges() {
    let docs = vec![
        doc(
            "emoji",
            "💶 € Withdrawal fee table",
            "Fees 😀 for every withdrawal, fee by fee.",
            "FAQ",
            "2024-01-01",
            "2025-02-03",
            1_234,
        ),
        doc(
            "other",
            "Deposit limits",
            "Limits for deposits.",
            "Announcements",
            "2024-01-01",
            "2024-01-02",
            5,
        ),
    ];
    let index = SearchIndex::from_bytes(&build(&docs)).expect("opens");
    assert_eq!(index.document_count(), 2);
    assert_eq!(index.categories(), ["FAQ", "Announcements"]);

    let results = index.search("fee", JsValue::UNDEFINED).expect("search");
    assert_eq!(get(&results, "total").as_f64(), Some(1.0));
    assert_eq!(get(&results, "totalAll").as_f64(), Some(1.0));
    assert_eq!(get(&results, "partial").as_bool(), Some(false));
    let hits: Array = get(&results, "hits").dyn_into().expect("hits is an array");
    let hit = hits.get(0);
    assert_eq!(get(&hit, "id").as_string().as_deref(), Some("emoji"));
    assert_eq!(get(&hit, "views").as_f64(), Some(1234.0));
    assert_eq!(
        get(&hit, "published").as_string().as_deref(),
        Some("2024-01-01")
    );
    assert_eq!(
        get(&hit, "updated").as_string().as_deref(),
        Some("2025-02-03")
    );

    for (text_key, ranges_key) in [
        ("title", "titleHighlights"),
        ("snippet", "snippetHighlights"),
    ] {
        let text: JsString = get(&hit, text_key).dyn_into().expect("a string");
        let ranges: Array = get(&hit, ranges_key).dyn_into().expect("an array");
        assert!(ranges.length() > 0, "{ranges_key} is empty");
        for range in ranges.iter() {
            let range: Array = range.dyn_into().expect("[start, end]");
            let (start, end) = (
                range.get(0).as_f64().expect("start"),
                range.get(1).as_f64().expect("end"),
            );
            let matched = String::from(text.slice(start as u32, end as u32)).to_lowercase();
            assert!(
                matched.starts_with("fee"),
                "{ranges_key} [{start}, {end}] is {matched:?}"
            );
        }
    }

    let categories: Array = get(&results, "categories").dyn_into().expect("categories");
    let first = categories.get(0);
    assert_eq!(get(&first, "category").as_string().as_deref(), Some("FAQ"));
    assert_eq!(get(&first, "count").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn js_api_options_limit_category_sort_and_errors() {
    let index = SearchIndex::from_bytes(&build(&help_center())).expect("opens");
    let options = |json: &str| js_sys::JSON::parse(json).expect("valid JSON");
    let hit_ids = |results: &JsValue| -> Vec<String> {
        let hits: Array = get(results, "hits").dyn_into().expect("hits");
        hits.iter()
            .map(|h| get(&h, "id").as_string().unwrap_or_default())
            .collect()
    };

    let limited = index
        .search("", options(r#"{"limit": 2}"#))
        .expect("search");
    assert_eq!(
        hit_ids(&limited),
        ["reset-2fa", "fee-schedule"],
        "empty query: most viewed first"
    );
    assert_eq!(get(&limited, "total").as_f64(), Some(3.0));

    let page_two = index
        .search("", options(r#"{"limit": 2, "offset": 2}"#))
        .expect("search");
    assert_eq!(hit_ids(&page_two), ["btc-fee"]);

    let filtered = index
        .search("fee", options(r#"{"category": "Announcements"}"#))
        .expect("search");
    assert_eq!(hit_ids(&filtered), ["btc-fee"]);
    assert_eq!(get(&filtered, "totalAll").as_f64(), Some(2.0));

    let newest = index
        .search("", options(r#"{"sort": "newest"}"#))
        .expect("search");
    assert_eq!(hit_ids(&newest), ["fee-schedule", "reset-2fa", "btc-fee"]);
    assert!(
        index.search("fee", JsValue::NULL).is_ok(),
        "null options are the defaults"
    );

    assert!(
        index
            .search("fee", options(r#"{"sort": "random"}"#))
            .is_err(),
        "unknown sort"
    );
    assert!(
        index.search("fee", options(r#"{"limit": -1}"#)).is_err(),
        "negative limit"
    );
    assert!(
        index.search("fee", options(r#"{"limit": "ten"}"#)).is_err(),
        "limit of the wrong type"
    );
    assert!(SearchIndex::from_bytes(b"not an index").is_err());
}

#[wasm_bindgen_test]
async fn js_api_load_index_rejects_with_the_http_status() {
    let error = match faq_search::load_index("no-such-folder/".into(), None).await {
        Ok(_) => panic!("there is no index there"),
        Err(e) => JsValue::from(e),
    };
    assert!(error.is_instance_of::<js_sys::Error>());
    let message = get(&error, "message").as_string().unwrap_or_default();
    assert!(message.contains("HTTP 404"), "{message}");
    assert!(
        message.contains("no-such-folder/faq-search.json"),
        "{message}"
    );
}

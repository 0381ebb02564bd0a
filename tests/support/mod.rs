//! What the browser tests share: a small help center built into an index in memory, a fresh
//! host element to mount on, waiting for Yew to render, typing and clicking the way a browser
//! reports it, and readers of the widget's DOM. Each `tests/web_*.rs` file is a test target of
//! its own (`wasm-pack test --mode no-install --headless --chrome` runs them all) and includes
//! this module.
#![allow(dead_code, unused_imports)]

pub use faq_search::{mount, mount_bytes, MountedWidget, SearchIndex, WidgetOptions};
pub use faq_search_engine::{date, Document, Heading, Index, IndexWriter, SortOrder, Weights};
pub use js_sys::{Array, JsString, Reflect};
pub use wasm_bindgen::prelude::*;
pub use wasm_bindgen::JsCast;
pub use wasm_bindgen_futures::JsFuture;
pub use wasm_bindgen_test::*;
pub use web_sys::{Element, HtmlElement, HtmlInputElement};

pub fn doc(
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
        headings: Vec::new(),
    }
}

pub fn build(docs: &[Document]) -> Vec<u8> {
    let mut writer = IndexWriter::new(Weights::default());
    for d in docs {
        writer.add(d);
    }
    writer.finish().0
}

/// Three articles, one per category, with distinct words and view counts.
pub fn help_center() -> Vec<Document> {
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

/// A long article with headings at `url`, the most viewed: "card" is in two of its parts
/// ("Card limits" and "Fees", whose heading does not say it) and not in the third.
pub fn guide(url: &str) -> Document {
    let mut body = String::from("Most payments made by card can be refunded.");
    let mut headings = Vec::new();
    for (heading, anchor, text) in [
        (
            "Card limits",
            "card-limits",
            "A card refund follows the card limits of your plan.",
        ),
        (
            "Bank transfers",
            "transfers",
            "A transfer is refunded to the same bank account.",
        ),
        (
            "Fees",
            "fees",
            "Refunds are free; the card network returns its fee too.",
        ),
    ] {
        body.push_str("\n\n");
        headings.push(Heading {
            text: heading.into(),
            anchor: anchor.into(),
            start: body.len(),
        });
        body.push_str(heading);
        body.push_str("\n\n");
        body.push_str(text);
    }
    Document {
        url: url.into(),
        headings,
        ..doc(
            "refunds",
            "Getting your money back",
            &body,
            "FAQ",
            "2025-03-01",
            "2026-02-01",
            90_000,
        )
    }
}

/// The help center, the guide at `url`, and a short article that shares its word "card".
pub fn help_center_with_guide(url: &str) -> Vec<Document> {
    let mut docs = help_center();
    docs.push(guide(url));
    docs.push(doc(
        "card-order",
        "Order a new card",
        "Order a card from the app.",
        "FAQ",
        "2025-01-01",
        "2025-01-02",
        100,
    ));
    docs
}

/// Every option of the result list as (class, href), in order.
pub fn result_options(host: &Element) -> Vec<(String, Option<String>)> {
    query_all(host, ".fqs-list [role=option]")
        .iter()
        .map(|o| (o.class_name(), o.get_attribute("href")))
        .collect()
}

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("tests run on a page")
}

/// A fresh, attached `<div>` to mount into.
pub fn host() -> Element {
    let div = document().create_element("div").expect("create div");
    document()
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// Polls `check` until it holds (Yew renders asynchronously); panics with `what` after 5 s.
pub async fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
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
pub async fn eventually<T: PartialEq + std::fmt::Debug>(
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

pub fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

pub fn query_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

pub fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

pub fn state(host: &Element) -> Option<String> {
    query(host, ".fqs-root").and_then(|r| r.get_attribute("data-state"))
}

pub async fn mount_ready(bytes: Vec<u8>, options: WidgetOptions) -> (Element, MountedWidget) {
    let host = host();
    let widget = mount_bytes(host.clone(), bytes, options).expect("mounts");
    wait_until("the widget is ready", || {
        state(&host).as_deref() == Some("ready")
    })
    .await;
    (host, widget)
}

/// Types `value` into the search box the way a browser reports it: value, then `input`.
pub fn type_query(host: &Element, value: &str) {
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

pub fn click(element: &Element) {
    element
        .dyn_ref::<HtmlElement>()
        .expect("clickable element")
        .click();
}

pub fn summary(host: &Element) -> String {
    query(host, ".fqs-summary")
        .map(|e| text(&e))
        .unwrap_or_default()
}

pub fn card_titles(host: &Element) -> Vec<String> {
    query_all(host, "[role=option] .fqs-result-title")
        .iter()
        .map(text)
        .collect()
}

/// Tabs as (label, count, selected).
pub fn tabs(host: &Element) -> Vec<(String, String, bool)> {
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

/// The metadata line of the first result card.
pub fn first_meta(host: &Element) -> String {
    query(host, "[role=option] .fqs-result-meta")
        .map(|e| text(&e))
        .unwrap_or_default()
}

pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property read")
}

pub fn input_of(host: &Element) -> HtmlInputElement {
    query(host, "input.fqs-input")
        .expect("search box")
        .dyn_into()
        .expect("input")
}

/// Records the `detail` of every `name` event reaching `host`, cancelling it when `cancel`.
pub fn record_events(host: &Element, name: &str, cancel: bool) -> Array {
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

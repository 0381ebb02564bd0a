//! Mounting the widget and loading its index: the loading state (typing while it lasts), format
//! and HTTP errors with Retry, bad bytes that must not panic, mount errors, one widget per
//! host, destroying early.
//!
//! In headless Chromium (wasm-bindgen-test); the helpers are in `support/`.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

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

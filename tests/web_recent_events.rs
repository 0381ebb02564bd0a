//! What a settled search leaves behind: the live region's announcement and the `faq-
//! search:query` event (once), and the recent searches (offered, cleared, turned off, and
//! broken or hostile storage).
//!
//! In headless Chromium (wasm-bindgen-test); the helpers are in `support/`.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

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

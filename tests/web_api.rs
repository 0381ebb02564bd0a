//! The JavaScript API (`SearchIndex`, `loadIndex`): UTF-16 highlight ranges, search options and
//! their errors, HTTP errors.
//!
//! In headless Chromium (wasm-bindgen-test); the helpers are in `support/`.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

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

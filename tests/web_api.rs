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
fn js_api_survives_a_page_script_that_throws_while_results_are_built() {
    let docs = vec![doc(
        "fees",
        "Withdrawal fee table",
        "Fees for every withdrawal.",
        "FAQ",
        "2024-01-01",
        "2025-02-03",
        12,
    )];
    let index = SearchIndex::from_bytes(&build(&docs)).expect("opens");
    let run = |code: &str| {
        js_sys::Function::new_no_args(code)
            .call0(&JsValue::UNDEFINED)
            .expect("the page script runs");
    };
    // A page that breaks every object's "category" field: the search throws, to its caller.
    run("Object.defineProperty(Object.prototype, 'category', \
         { set() { throw new Error('page setter'); }, configurable: true });");
    let js_index = JsValue::from(index);
    let search = js_sys::Function::from(get(&js_index, "search"));
    let thrown = search
        .call1(&js_index, &JsValue::from_str("fee"))
        .expect_err("the page's setter throws");
    assert_eq!(
        get(&thrown, "message").as_string().as_deref(),
        Some("page setter")
    );
    run("delete Object.prototype.category;");
    // Searches after it still answer, with every field.
    let results = search
        .call1(&js_index, &JsValue::from_str("fee"))
        .expect("searches again");
    let categories: Array = get(&results, "categories").dyn_into().expect("categories");
    assert_eq!(
        get(&categories.get(0), "category").as_string().as_deref(),
        Some("FAQ")
    );
    let hits: Array = get(&results, "hits").dyn_into().expect("hits");
    assert_eq!(get(&hits.get(0), "id").as_string().as_deref(), Some("fees"));
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

#[wasm_bindgen_test]
fn js_api_hits_carry_their_sub_results_with_utf16_ranges() {
    // A heading and a line with characters of one UTF-16 unit for three bytes (€) and two
    // units for four bytes (💳): the ranges must still cut out the matched words.
    let mut docs = help_center_with_guide("/help/refunds");
    let guide = docs
        .iter_mut()
        .find(|d| d.id == "refunds")
        .expect("the guide");
    let extra = "\n\n💳 Card € cashback\n\nEvery € of cashback on your 💳 card, monthly.";
    let start = guide.body.len() + 2;
    guide.body.push_str(extra);
    guide.headings.push(Heading {
        text: "💳 Card € cashback".into(),
        anchor: "cashback".into(),
        start,
    });
    let index = SearchIndex::from_bytes(&build(&docs)).expect("opens");
    let results = index
        .search(
            "card",
            js_sys::JSON::parse(r#"{"sort": "views"}"#).expect("JSON"),
        )
        .expect("search");
    let hits: Array = get(&results, "hits").dyn_into().expect("hits");
    let guide = hits.get(0);
    assert_eq!(get(&guide, "id").as_string().as_deref(), Some("refunds"));
    let subs: Array = get(&guide, "subResults").dyn_into().expect("an array");
    assert!(subs.length() <= 3, "three at most");
    let field = |sub: &JsValue, key: &str| get(sub, key).as_string().unwrap_or_default();
    let anchors: Vec<String> = subs.iter().map(|s| field(&s, "anchor")).collect();
    assert_eq!(
        anchors[..2],
        ["card-limits", "cashback"],
        "the headings that name the word first"
    );
    for sub in subs.iter() {
        assert_eq!(
            field(&sub, "url"),
            format!("/help/refunds#{}", field(&sub, "anchor"))
        );
        for (text_key, ranges_key) in [
            ("title", "titleHighlights"),
            ("snippet", "snippetHighlights"),
        ] {
            let text: JsString = get(&sub, text_key).dyn_into().expect("a string");
            let ranges: Array = get(&sub, ranges_key).dyn_into().expect("an array");
            for range in ranges.iter() {
                let range: Array = range.dyn_into().expect("[start, end]");
                let (start, end) = (
                    range.get(0).as_f64().expect("start") as u32,
                    range.get(1).as_f64().expect("end") as u32,
                );
                assert_eq!(
                    String::from(text.slice(start, end)).to_lowercase(),
                    "card",
                    "{ranges_key} of {}",
                    field(&sub, "anchor")
                );
            }
        }
    }
    let cashback = subs.get(1);
    assert_eq!(field(&cashback, "title"), "💳 Card € cashback");
    assert_eq!(
        field(&cashback, "snippet"),
        "Every € of cashback on your 💳 card, monthly."
    );
    let ranges = |key: &str| -> Vec<Vec<f64>> {
        let all: Array = get(&cashback, key).dyn_into().expect("an array");
        all.iter()
            .map(|r| {
                let r: Array = r.dyn_into().expect("a pair");
                r.iter().filter_map(|n| n.as_f64()).collect()
            })
            .collect()
    };
    // "💳 " is three UTF-16 units; in the line, "card" starts after 31 of them.
    assert_eq!(ranges("titleHighlights"), [vec![3.0, 7.0]]);
    assert_eq!(ranges("snippetHighlights"), [vec![31.0, 35.0]]);

    // An article without headings has an empty list.
    let order = get(&hits.get(1), "subResults");
    assert_eq!(
        get(&hits.get(1), "id").as_string().as_deref(),
        Some("card-order")
    );
    assert_eq!(Array::from(&order).length(), 0);
    assert!(Array::is_array(&order));
}

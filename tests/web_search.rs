//! Searching in the widget: the most viewed articles on an empty box, results with highlights,
//! category tabs, sorting, "Show more", did-you-mean, no results, the content locale, sub-results
//! (the headings of long articles), and article text shown as text.
//!
//! In headless Chromium (wasm-bindgen-test); the helpers are in `support/`.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The texts of the `<mark>`s under the elements matching `selector`.
fn marks(host: &Element, selector: &str) -> Vec<String> {
    query_all(host, &format!("{selector} mark"))
        .iter()
        .map(text)
        .collect()
}

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
async fn sub_results_link_to_the_headings_under_their_result() {
    let (host, _w) = mount_ready(
        build(&help_center_with_guide("/help/refunds")),
        WidgetOptions {
            sort: SortOrder::MostViewed,
            ..WidgetOptions::default()
        },
    )
    .await;
    type_query(&host, "card");
    let option = |class: &str, href: &str| (class.to_string(), Some(href.to_string()));
    // Right after their result, best first, in the same list box; then the next result.
    eventually(
        "the results and the guide's sub-results",
        vec![
            option("fqs-result", "/help/refunds"),
            option("fqs-sub", "/help/refunds#card-limits"),
            option("fqs-sub", "/help/refunds#fees"),
            option("fqs-result", "/help/card-order"),
        ],
        || result_options(&host),
    )
    .await;
    let subs = query_all(&host, ".fqs-list > a.fqs-sub");
    assert_eq!(
        subs.len(),
        2,
        "options of the list itself, not inside a card"
    );
    assert!(
        query_all(&host, "a a, [role=option] [role=option]").is_empty(),
        "no link or option inside another"
    );
    let titles: Vec<String> = subs
        .iter()
        .map(|s| text(&query(s, ".fqs-sub-title").expect("a heading")))
        .collect();
    assert_eq!(titles, ["Card limits", "Fees"]);
    eventually("the heading's marks", vec!["Card".to_string()], || {
        marks(&host, ".fqs-sub:nth-child(2) .fqs-sub-title")
    })
    .await;
    let snippet = |s: &Element| text(&query(s, ".fqs-sub-snippet").expect("a snippet"));
    assert_eq!(
        snippet(&subs[0]),
        "A card refund follows the card limits of your plan."
    );
    assert_eq!(
        snippet(&subs[1]),
        "Refunds are free; the card network returns its fee too."
    );
    assert_eq!(
        marks(&host, ".fqs-sub:nth-child(2) .fqs-sub-snippet"),
        ["card", "card"]
    );
    assert_eq!(
        marks(&host, ".fqs-sub:nth-child(3)"),
        ["card"],
        "Fees: only its line has the word"
    );
    // What a screen reader says: the heading and whose article it is in, then its line (the
    // heading as shown is hidden from it, not to be said twice).
    let name = query(&subs[0], ".fqs-visually-hidden").expect("the option's name");
    assert_eq!(text(&name), "Card limits — in: Getting your money back");
    assert_eq!(
        query_all(&host, ".fqs-sub-title[aria-hidden=true]").len(),
        2
    );
    assert!(query(&subs[0], ".fqs-sub-snippet[aria-hidden]").is_none());
    assert_eq!(subs[0].get_attribute("part").as_deref(), Some("sub-result"));
    assert_eq!(
        subs[0].get_attribute("aria-selected").as_deref(),
        Some("false")
    );

    // Another query, other parts: the guide's sub-results follow it.
    type_query(&host, "bank transfer");
    eventually(
        "one sub-result",
        vec![
            option("fqs-result", "/help/refunds"),
            option("fqs-sub", "/help/refunds#transfers"),
        ],
        || result_options(&host),
    )
    .await;
    // An article without headings has none; nor does a query with nothing in them.
    type_query(&host, "withdrawal");
    eventually("no sub-results", 0, || query_all(&host, ".fqs-sub").len()).await;
}

#[wasm_bindgen_test]
async fn sub_results_of_an_unsafe_link_are_not_links_and_headings_are_text() {
    let mut guide = guide("javascript:window.__pwned=1");
    // The heading as the index stores it, apart from the body.
    guide.headings[0].text = "Card <img src=x onerror=\"window.__pwned=1\"> limits".into();
    let (host, _w) = mount_ready(build(&[guide]), WidgetOptions::default()).await;
    type_query(&host, "card");
    eventually("two sub-results", 2, || query_all(&host, ".fqs-sub").len()).await;
    assert!(query_all(&host, "[href], img").is_empty());
    assert_eq!(
        query_all(&host, "a.fqs-sub[role=option]:not([href])").len(),
        2,
        "still listed, as options without a link"
    );
    let heading = query(&host, ".fqs-sub-title").expect("a heading");
    assert_eq!(
        text(&heading),
        "Card <img src=x onerror=\"window.__pwned=1\"> limits"
    );
}

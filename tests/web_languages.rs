//! Languages: dates and numbers by locale, the widget's strings in the page's language with
//! plural forms, and the site's overrides.
//!
//! In headless Chromium (wasm-bindgen-test); the helpers are in `support/`.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

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

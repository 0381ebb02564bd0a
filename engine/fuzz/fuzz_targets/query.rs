//! Arbitrary queries and search options against a fixed index of about twenty varied documents
//! (English, German, Chinese, Japanese, Korean, Turkish; codes; synonyms). Checks the result
//! invariants, that a query typed key by key ends with the same results as the query run
//! cold (the expansion cache must not change answers), and the query parser on its own.
//!
//! Input: the query (UTF-8, invalid bytes replaced), optionally followed by a NUL byte and
//! option bytes: limit, offset, category, sort, locale, snippet words.
#![no_main]

use faq_search_engine::{Index, SearchOptions, SortOrder};
use faq_search_fuzz::{check_results, parse_all, query_index_bytes};
use libfuzzer_sys::fuzz_target;

fn options(index: &Index, o: &[u8]) -> SearchOptions {
    let b = |i: usize| o.get(i).copied().unwrap_or(0);
    let limit = match b(0) % 8 {
        0 => 10,
        1 => 0,
        2 => 1,
        3 => 3,
        4 => 50,
        5 => usize::MAX,
        6 => usize::MAX / 2 + 1,
        _ => usize::from(b(0)),
    };
    let offset = match b(1) % 8 {
        0 => 0,
        1 => 1,
        2 => 5,
        3 => 19,
        4 => usize::MAX,
        5 => usize::MAX / 2 + 1,
        _ => usize::from(b(1)),
    };
    let category = match b(2) % 8 {
        0 => None,
        i @ 1..=4 => index.categories().get(usize::from(i) - 1).cloned(),
        5 => Some(String::new()),
        6 => Some("faq".to_string()),
        _ => Some("No such category".to_string()),
    };
    let sort = match b(3) % 3 {
        0 => SortOrder::Relevance,
        1 => SortOrder::Newest,
        _ => SortOrder::MostViewed,
    };
    let locale = [
        None,
        Some("en"),
        Some("de"),
        Some("zh-CN"),
        Some("zh"),
        Some("ZH_tw"),
        Some("ja"),
        Some("ko"),
        Some("tr"),
        Some(" de "),
        Some("xx-YY"),
        Some(""),
    ][usize::from(b(4)) % 12]
        .map(str::to_string);
    let snippet_words = match b(5) % 8 {
        0 => 30,
        1 => 0,
        2 => 1,
        3 => 2,
        4 => 200,
        5 => 100_000,
        6 => usize::MAX,
        _ => usize::MAX / 2 + 1,
    };
    SearchOptions {
        limit,
        offset,
        category,
        sort,
        snippet_words,
        locale,
    }
}

fuzz_target!(|data: &[u8]| {
    let (text, option_bytes) = match data.iter().rposition(|&b| b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    let query = String::from_utf8_lossy(text);
    parse_all(&query);

    let index = Index::from_bytes(query_index_bytes().to_vec()).expect("the fixed index opens");
    let defaults = SearchOptions::default();
    let chosen = options(&index, option_bytes);
    for opts in [&defaults, &chosen] {
        let cold = index.search(&query, opts);
        check_results(&index, opts, &cold, true);
    }

    // Type the query a key at a time (a few of its prefixes), then compare with the cold run.
    let fresh = Index::from_bytes(query_index_bytes().to_vec()).expect("the fixed index opens");
    let cold = fresh.search(&query, &chosen);
    let ends: Vec<usize> = query.char_indices().map(|(i, _)| i).skip(1).collect();
    let step = (ends.len() / 3).max(1);
    for &end in ends.iter().step_by(step).take(3) {
        let typed = &query[..end];
        let res = fresh.search(typed, &chosen);
        check_results(&fresh, &chosen, &res, true);
    }
    let warm = fresh.search(&query, &chosen);
    assert_eq!(
        cold, warm,
        "results changed after typing the query key by key"
    );
});

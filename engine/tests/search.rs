//! Search behaviour: matching, ranking, filters, sorting, CJK and hostile queries.

mod common;

use std::time::{Duration, Instant};

use common::{doc, open};
use faq_search_engine::{Document, SearchOptions, SortOrder};

fn ids(index: &faq_search_engine::Index, q: &str) -> Vec<String> {
    index
        .search(
            q,
            &SearchOptions {
                limit: 50,
                ..SearchOptions::default()
            },
        )
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn corpus() -> Vec<Document> {
    vec![
        doc(
            "withdraw",
            "Why is my withdrawal pending?",
            "Withdrawals are reviewed within 30 minutes. Large withdrawals take longer.",
            "FAQ",
            900,
        ),
        doc(
            "deposit",
            "Deposit not credited",
            "A deposit needs 12 network confirmations before it is credited.",
            "FAQ",
            5000,
        ),
        doc(
            "trc20",
            "USDT on TRC20",
            "We now support the TRC20 network for USDT deposits.",
            "Announcements",
            300,
        ),
        doc(
            "erc20",
            "USDT on ERC20",
            "ERC20 withdrawals of USDT cost more in gas.",
            "Announcements",
            200,
        ),
        doc(
            "grid",
            "Grid bot parameters",
            "Set the upper and lower price of the grid bot and the number of grids.",
            "Product documents",
            50,
        ),
        doc(
            "password",
            "How do I reset my password?",
            "Open Security settings and choose Reset password.",
            "FAQ",
            20000,
        ),
    ]
}

#[test]
fn every_word_must_match() {
    let index = open(&corpus());
    assert_eq!(ids(&index, "usdt network "), ["trc20"]);
    assert_eq!(ids(&index, "grid price "), ["grid"]);
}

#[test]
fn stems_match_other_forms() {
    let index = open(&corpus());
    assert_eq!(ids(&index, "withdrawing ")[0], "withdraw");
}

#[test]
fn last_word_is_a_prefix_while_typing() {
    let index = open(&corpus());
    assert_eq!(ids(&index, "confi"), ["deposit"]);
    // With a trailing space the word is finished and no longer a prefix.
    assert!(ids(&index, "confi ").is_empty());
}

#[test]
fn typos_are_forgiven_and_rank_below_exact_matches() {
    let index = open(&[
        doc(
            "wallet",
            "Wallet overview",
            "Your wallet holds every asset.",
            "FAQ",
            10,
        ),
        doc(
            "walled",
            "Walled garden",
            "A walled garden of apps.",
            "FAQ",
            10,
        ),
    ]);
    assert_eq!(ids(&index, "walet "), ["wallet"], "one edit from 'wallet'");
    assert_eq!(
        ids(&index, "wallet "),
        ["wallet", "walled"],
        "exact before corrected"
    );
    assert_eq!(
        ids(&index, "walled "),
        ["walled", "wallet"],
        "exact before corrected"
    );
}

#[test]
fn exact_outranks_prefix() {
    let index = open(&[
        doc("prefix", "Bottleneck", "A bottleneck.", "FAQ", 10),
        doc("exact", "Bot", "A bot.", "FAQ", 10),
    ]);
    assert_eq!(ids(&index, "bot"), ["exact", "prefix"]);
}

#[test]
fn codes_are_exact_not_typos() {
    let index = open(&corpus());
    assert_eq!(ids(&index, "trc20"), ["trc20"]);
    assert_eq!(ids(&index, "2FA"), Vec::<String>::new());
}

#[test]
fn question_words_do_not_drown_the_topic() {
    let index = open(&corpus());
    assert_eq!(ids(&index, "how do i reset my password")[0], "password");
    let r = index.search("how do i reset my password", &SearchOptions::default());
    let title = &r.hits[0].title;
    let marked: Vec<&str> = r.hits[0]
        .title_highlights
        .iter()
        .map(|&(s, e)| &title[s..e])
        .collect();
    assert_eq!(
        marked,
        ["reset", "password"],
        "stop words are not highlighted"
    );
}

#[test]
fn partial_matches_when_nothing_has_every_word() {
    let index = open(&corpus());
    let r = index.search("grid confirmations xyzzy ", &SearchOptions::default());
    assert!(r.partial);
    assert_eq!(r.total, 2);
}

#[test]
fn category_filter_and_counts_in_one_pass() {
    let index = open(&corpus());
    let all = index.search("usdt", &SearchOptions::default());
    assert_eq!(all.total, 2);
    let counts: Vec<(String, usize)> = all
        .categories
        .iter()
        .map(|c| (c.category.clone(), c.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("FAQ".into(), 0),
            ("Announcements".into(), 2),
            ("Product documents".into(), 0)
        ]
    );
    let faq = index.search(
        "usdt",
        &SearchOptions {
            category: Some("FAQ".into()),
            ..SearchOptions::default()
        },
    );
    assert_eq!((faq.total, faq.total_all, faq.hits.len()), (0, 2, 0));
    let unknown = index.search(
        "usdt",
        &SearchOptions {
            category: Some("Nope".into()),
            ..SearchOptions::default()
        },
    );
    assert_eq!(unknown.total, 0);
}

#[test]
fn empty_query_lists_most_viewed_and_sorts_apply() {
    let index = open(&corpus());
    assert_eq!(ids(&index, "")[..3], ["password", "deposit", "withdraw"]);
    let mut docs = corpus();
    docs[4].updated += 1000;
    let index = open(&docs);
    let newest = index.search(
        "",
        &SearchOptions {
            sort: SortOrder::Newest,
            ..SearchOptions::default()
        },
    );
    assert_eq!(newest.hits[0].id, "grid");
    let viewed = index.search(
        "usdt",
        &SearchOptions {
            sort: SortOrder::MostViewed,
            ..SearchOptions::default()
        },
    );
    assert_eq!(
        viewed
            .hits
            .iter()
            .map(|h| h.id.as_str())
            .collect::<Vec<_>>(),
        ["trc20", "erc20"]
    );
}

#[test]
fn paging_with_offset_and_limit() {
    let index = open(&corpus());
    let page = |offset| {
        index.search(
            "",
            &SearchOptions {
                limit: 2,
                offset,
                ..SearchOptions::default()
            },
        )
    };
    let (a, b) = (page(0), page(2));
    assert_eq!((a.total, a.hits.len(), b.hits.len()), (6, 2, 2));
    assert_ne!(a.hits[0].id, b.hits[0].id);
}

#[test]
fn cjk_substrings_are_found() {
    let mut zh = doc(
        "zh",
        "如何充值USDT",
        "充值地址可以在资产页面找到。",
        "FAQ",
        10,
    );
    zh.locale = "zh-CN".into();
    let mut ko = doc(
        "ko",
        "비밀번호 변경",
        "보안 설정에서 비밀번호를 변경하세요.",
        "FAQ",
        10,
    );
    ko.locale = "ko".into();
    let mut ja = doc(
        "ja",
        "ログインできません",
        "パスワードを再設定してください。",
        "FAQ",
        10,
    );
    ja.locale = "ja".into();
    let index = open(&[zh, ko, ja]);
    assert_eq!(ids(&index, "充值地址"), ["zh"]);
    assert_eq!(ids(&index, "资产"), ["zh"]);
    assert_eq!(ids(&index, "址"), ["zh"], "last character of a run");
    assert_eq!(ids(&index, "充"), ["zh"], "first character of a run");
    assert_eq!(ids(&index, "비밀번호"), ["ko"]);
    assert_eq!(ids(&index, "パスワード"), ["ja"]);
    let r = index.search("充值地址", &SearchOptions::default());
    let s = &r.hits[0].snippet;
    let marked: Vec<&str> = r.hits[0]
        .snippet_highlights
        .iter()
        .map(|&(a, b)| &s[a..b])
        .collect();
    assert_eq!(marked, ["充值地址"]);
}

#[test]
fn hostile_queries_return_promptly() {
    let index = open(&corpus());
    let long = "withdrawal ".repeat(1000);
    let unicode: String = (0x20u32..0x3000).filter_map(char::from_u32).collect();
    for q in [
        long.as_str(),
        "!!! ??? ... ---",
        "\u{0}\u{feff}\u{202e}",
        &"a".repeat(10_000),
        &unicode,
        "\"",
        "-",
    ] {
        let started = Instant::now();
        let _ = index.search(q, &SearchOptions::default());
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "query of {} bytes took {:?}",
            q.len(),
            started.elapsed()
        );
    }
}

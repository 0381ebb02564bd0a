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
fn documents_with_every_word_come_first() {
    let index = open(&corpus());
    let r = index.search("usdt network ", &SearchOptions::default());
    assert!(!r.partial);
    assert_eq!(r.hits[0].id, "trc20");
    // Few full matches: those missing one word follow, never before a full match.
    let rest: Vec<&str> = r.hits[1..].iter().map(|h| h.id.as_str()).collect();
    assert!(
        rest.contains(&"erc20") && rest.contains(&"deposit"),
        "{rest:?}"
    );
    assert_eq!(ids(&index, "grid price ")[0], "grid");
}

#[test]
fn no_near_misses_when_enough_documents_have_every_word() {
    let mut docs: Vec<Document> = (0..12)
        .map(|i| {
            doc(
                &format!("full{i}"),
                "Margin call",
                "margin call rules",
                "FAQ",
                10,
            )
        })
        .collect();
    docs.push(doc("half", "Margin only", "margin rules", "FAQ", 1_000_000));
    let index = open(&docs);
    let found = ids(&index, "margin call ");
    assert_eq!(found.len(), 12);
    assert!(!found.contains(&"half".to_string()));
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
    // With a trailing space a word the dictionary knows is finished and no longer a prefix...
    assert_eq!(ids(&index, "grid "), ["grid"]);
    assert_eq!(ids(&index, "gri"), ["grid"]);
    assert!(ids(&index, "gri ").contains(&"grid".to_string()));
    // ...but an unknown one was probably left unfinished ("bluet pair").
    assert_eq!(ids(&index, "confi network")[0], "deposit");
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

#[test]
fn quoted_phrases_need_the_words_together() {
    let index = open(&[
        doc(
            "together",
            "Limits",
            "The API key limits are listed here.",
            "FAQ",
            1,
        ),
        doc(
            "apart",
            "Keys",
            "Your API settings hold one key for limits.",
            "FAQ",
            1,
        ),
    ]);
    assert_eq!(ids(&index, "\"api key\""), ["together"]);
    let both = ids(&index, "api key ");
    assert_eq!(both.len(), 2);
    // A phrase still being typed: the last word is a prefix.
    assert_eq!(ids(&index, "\"api ke"), ["together"]);
}

#[test]
fn exclusions_drop_results() {
    let index = open(&corpus());
    let with = ids(&index, "usdt ");
    assert!(with.contains(&"erc20".to_string()));
    let without = ids(&index, "usdt -erc20");
    assert!(!without.is_empty());
    assert!(!without.contains(&"erc20".to_string()), "{without:?}");
    // A hyphen inside a word is not an exclusion.
    assert_eq!(ids(&index, "e-mail"), ids(&index, "e mail"));
    // Only exclusions: every other document, most viewed first.
    assert!(!ids(&index, "-usdt").contains(&"trc20".to_string()));
}

#[test]
fn words_standing_close_rank_higher() {
    let filler = "lorem ipsum dolor sit amet consectetur ".repeat(6);
    let index = open(&[
        doc(
            "far",
            "Notes",
            &format!("Reset {filler} your password later."),
            "FAQ",
            1,
        ),
        doc(
            "near",
            "Notes",
            &format!("Reset password {filler} later today."),
            "FAQ",
            1,
        ),
    ]);
    assert_eq!(ids(&index, "reset password "), ["near", "far"]);
}

#[test]
fn title_matches_beat_long_pages_repeating_a_word() {
    let index = open(&[
        doc(
            "long",
            "Region service",
            &"the timezone value ".repeat(40),
            "FAQ",
            1,
        ),
        doc(
            "title",
            "Change your timezone",
            "Open Settings to pick a city.",
            "FAQ",
            1,
        ),
    ]);
    assert_eq!(ids(&index, "timezone ")[0], "title");
}

#[test]
fn synonyms_expand_queries() {
    let mut writer = faq_search_engine::IndexWriter::new(faq_search_engine::Weights::default());
    for d in [
        doc(
            "tfa",
            "Turn on two-factor authentication",
            "Protect your account.",
            "FAQ",
            1,
        ),
        doc(
            "kyc",
            "Identity verification",
            "Upload your passport.",
            "FAQ",
            1,
        ),
        doc("other", "Fees", "Trading fees.", "FAQ", 1),
    ] {
        writer.add(&d);
    }
    writer.set_synonyms(vec![
        vec!["2fa".into(), "two-factor authentication".into()],
        vec!["kyc".into(), "identity verification".into()],
        vec!["lonely".into()],
    ]);
    let (bytes, _) = writer.finish();
    let index = faq_search_engine::Index::from_bytes(bytes).unwrap();
    assert_eq!(index.synonyms().len(), 2, "a group of one is dropped");
    assert_eq!(ids(&index, "2fa "), ["tfa"]);
    assert_eq!(ids(&index, "kyc "), ["kyc"]);
    // The other direction, and a synonym inside a longer query.
    assert_eq!(ids(&index, "identity verification "), ["kyc"]);
    // A synonym no article uses is understood, not "corrected".
    assert_eq!(
        index.search("kyc ", &SearchOptions::default()).suggestion,
        None
    );
    let r = index.search("2fa", &SearchOptions::default());
    let title = &r.hits[0].title;
    let marked: Vec<&str> = r.hits[0]
        .title_highlights
        .iter()
        .map(|&(a, b)| &title[a..b])
        .collect();
    assert_eq!(marked, ["two", "factor", "authentication"]);
}

#[test]
fn did_you_mean_offers_real_words() {
    let index = open(&[
        doc(
            "a",
            "Installing the wallet app",
            "Install the app, then open the wallet.",
            "FAQ",
            1,
        ),
        doc(
            "b",
            "Password reset",
            "Reset your password from the login page.",
            "FAQ",
            1,
        ),
    ]);
    let r = index.search("pasword ", &SearchOptions::default());
    assert_eq!(r.hits[0].id, "b");
    assert_eq!(r.suggestion.as_deref(), Some("password "));
    // Correct queries get no suggestion.
    assert_eq!(
        index
            .search("password ", &SearchOptions::default())
            .suggestion,
        None
    );
    // Swapped neighbours count as one edit, and the suggestion keeps the rest of the query.
    let r = index.search("how do I rset my pasword", &SearchOptions::default());
    assert_eq!(r.suggestion.as_deref(), Some("how do I reset my password"));
    // Suggestions are words people write, never bare stems ("instal").
    let r = index.search("instlal ", &SearchOptions::default());
    assert_eq!(r.suggestion.as_deref(), Some("install "));
    assert_eq!(
        index
            .search("zzzzqqq", &SearchOptions::default())
            .suggestion,
        None
    );
}

#[test]
fn locale_option_filters_and_stems_for_that_language() {
    let mut de = doc(
        "de",
        "Passwort ändern",
        "Öffnen Sie die Einstellungen.",
        "FAQ",
        1,
    );
    de.locale = "de".into();
    let mut zh = doc("zh", "修改密码", "打开设置页面。", "FAQ", 1);
    zh.locale = "zh-CN".into();
    let index = open(&[
        doc("en", "Change password", "Open the settings.", "FAQ", 1),
        doc("en2", "Settings overview", "All settings.", "FAQ", 1),
        de,
        zh,
    ]);
    let search = |q: &str, l: &str| -> Vec<String> {
        index
            .search(
                q,
                &SearchOptions {
                    locale: Some(l.into()),
                    ..SearchOptions::default()
                },
            )
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    assert_eq!(search("einstellungen ", "de"), ["de"]);
    assert_eq!(search("", "de"), ["de"]);
    assert_eq!(
        search("密码", "zh"),
        ["zh"],
        "a bare language picks its regional locale"
    );
    assert!(search("settings ", "en")
        .iter()
        .all(|id| id.starts_with("en")));
    // An unknown locale searches everything.
    assert_eq!(search("", "xx").len(), 4);
}

#[test]
fn cjk_questions_match_most_of_their_pairs() {
    let mut zh = doc("zh", "关闭自动更正", "在工具菜单中关闭自动更正。", "FAQ", 1);
    zh.locale = "zh-CN".into();
    let mut other = doc("other", "自动保存", "文档会自动保存。", "FAQ", 1);
    other.locale = "zh-CN".into();
    let index = open(&[zh, other]);
    // "如何" (how) is not in the article and is not needed.
    assert_eq!(ids(&index, "如何关闭自动更正")[0], "zh");
}

/// Documents in one locale: (id, title, body).
fn localized(locale: &str, docs: &[(&str, &str, &str)]) -> Vec<Document> {
    docs.iter()
        .map(|&(id, title, body)| {
            let mut d = doc(id, title, body, "FAQ", 10);
            d.locale = locale.into();
            d
        })
        .collect()
}

fn ids_in(index: &faq_search_engine::Index, q: &str, locale: &str) -> Vec<String> {
    index
        .search(
            q,
            &SearchOptions {
                limit: 50,
                locale: Some(locale.into()),
                ..SearchOptions::default()
            },
        )
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn cjk_help_center() -> faq_search_engine::Index {
    let mut docs = localized(
        "zh-CN",
        &[
            (
                "zh-autocorrect",
                "关闭自动更正",
                "要关闭大部分的自动更正功能，请删除菜单中的选中标记。",
            ),
            (
                "zh-autosave",
                "自动保存文档",
                "文档会每隔十分钟自动保存一次。",
            ),
            (
                "zh-keyboard",
                "键盘不工作",
                "检查键盘是否连接好。如果使用无线键盘，请更换电池。",
            ),
            (
                "zh-print",
                "按相反的顺序打印",
                "选择「文件 - 打印」，然后选择逆页序。",
            ),
            (
                "zh-open",
                "打开文件",
                "选择「文件 - 打开」。印章工具在插入菜单中。",
            ),
        ],
    );
    docs.extend(localized(
        "ja",
        &[
            (
                "ja-autocorrect",
                "オートコレクトをオフにする",
                "ツールメニューで入力中のオートコレクトを解除します。",
            ),
            (
                "ja-index",
                "索引を作成する",
                "索引を挿入する位置にカーソルを置きます。",
            ),
            (
                "ja-header",
                "ヘッダーとフッターを使用する",
                "ページの上の余白にヘッダーを挿入します。",
            ),
        ],
    ));
    docs.extend(localized(
        "ko",
        &[
            (
                "ko-autocorrect",
                "자동 고침 해제",
                "자동 고침 기능을 끄려면 도구 메뉴에서 선택 표시를 해제합니다.",
            ),
            ("ko-autosave", "자동 저장", "문서를 자동으로 저장합니다."),
            (
                "ko-spell",
                "자동 맞춤법 검사",
                "입력하는 동안 맞춤법을 검사하려면 도구 메뉴를 선택합니다.",
            ),
        ],
    ));
    open(&docs)
}

#[test]
fn cjk_questions_find_their_article_without_their_function_words() {
    let index = cjk_help_center();
    // Each question holds words the article does not ("如何", "どうすれば", "하나요"…).
    let cases = [
        ("zh-CN", "如何关闭自动更正", "zh-autocorrect"),
        ("zh-CN", "我想知道自动更正怎么关掉呢", "zh-autocorrect"),
        ("zh-CN", "键盘没反应了怎么办", "zh-keyboard"),
        ("zh-CN", "怎样按相反的顺序打印文档", "zh-print"),
        (
            "ja",
            "オートコレクトをオフにするにはどうすればいいですか",
            "ja-autocorrect",
        ),
        ("ja", "索引はどうやって作成しますか", "ja-index"),
        (
            "ja",
            "ヘッダーを入れたいのですがどうすればいいですか",
            "ja-header",
        ),
        (
            "ko",
            "자동 고침을 끄려면 어떻게 해야 하나요?",
            "ko-autocorrect",
        ),
        ("ko", "맞춤법 검사는 어떻게 하나요", "ko-spell"),
    ];
    for (locale, question, want) in cases {
        let found = ids_in(&index, question, locale);
        assert_eq!(
            found.first().map(String::as_str),
            Some(want),
            "{locale}: {question} → {found:?}"
        );
    }
}

#[test]
fn questions_of_only_function_words_search_for_them() {
    let mut docs = localized(
        "zh-CN",
        &[
            ("zh-how", "如何校准打印机", "打印机的颜色。"),
            ("zh-other", "插入图表", "图表。"),
        ],
    );
    docs.extend(localized(
        "ko",
        &[
            ("ko-how", "화면은 어떻게 보정할까요?", "보정합니다."),
            ("ko-other", "자동 저장", "저장."),
        ],
    ));
    docs.extend(localized(
        "de",
        &[("de-how", "Wie kann ich drucken?", "Drucken.")],
    ));
    let index = open(&docs);
    let cases = [
        ("zh-CN", "如何", &["zh-how"][..]),
        ("zh-CN", "如何吗", &[][..]),
        ("zh-CN", "的了吗呢", &[][..]),
        ("ko", "어떻게", &["ko-how"][..]),
        ("ko", "어떻게 하나요", &["ko-how"][..]),
        ("de", "wie kann ich", &["de-how"][..]),
        ("ja", "どうすればいいですか", &[][..]),
    ];
    for (locale, query, want) in cases {
        let found = ids_in(&index, query, locale);
        for id in want {
            assert!(
                found.iter().any(|f| f == id),
                "{locale}: {query} → {found:?}"
            );
        }
        assert!(
            !found.iter().any(|f| f.ends_with("other")),
            "{locale}: {query} → {found:?}"
        );
    }
}

#[test]
fn a_query_the_strict_plan_finds_nothing_for_falls_back_to_its_matching_bigrams() {
    let index = cjk_help_center();
    // "键盘坏掉" is a four-character keyword: strictly it needs two of 键盘, 盘坏, 坏掉, and
    // no article has two. Relaxed, the article with 键盘 answers.
    let found = ids_in(&index, "键盘坏掉", "zh-CN");
    assert_eq!(found, ["zh-keyboard"]);
    // The same in Japanese: "索引作る" has only 索引 in an article.
    assert_eq!(ids_in(&index, "索引作る", "ja"), ["ja-index"]);
    // Nothing of it in any article: still nothing.
    assert!(ids_in(&index, "飞机场", "zh-CN").is_empty());
}

#[test]
fn short_cjk_keywords_need_their_substring() {
    let index = cjk_help_center();
    // "zh-open" has 打 (打开) and 印 (印章) but not 打印.
    let cases = [
        ("zh-CN", "打印", &["zh-print"][..]),
        ("zh-CN", "自动保存", &["zh-autosave"][..]),
        ("zh-CN", "键盘", &["zh-keyboard"][..]),
        ("ko", "맞춤법", &["ko-spell"][..]),
        (
            "ko",
            "자동",
            &["ko-autocorrect", "ko-autosave", "ko-spell"][..],
        ),
        ("ja", "索引", &["ja-index"][..]),
    ];
    for (locale, query, want) in cases {
        let mut found = ids_in(&index, query, locale);
        found.sort();
        assert_eq!(found, want, "{locale}: {query}");
    }
}

#[test]
fn two_typed_words_find_the_one_word_an_article_writes() {
    let docs = localized(
        "en",
        &[
            (
                "login",
                "Login problems",
                "If the login page keeps loading, clear the cache.",
            ),
            (
                "wifi",
                "Connect to wifi",
                "Choose the network and type its password.",
            ),
            ("logs", "Read the logs", "Logs are in the system folder."),
        ],
    );
    let index = open(&docs);
    for (query, want) in [("wi-fi", "wifi"), ("wi fi password", "wifi")] {
        let found = ids_in(&index, query, "en");
        assert_eq!(
            found.first().map(String::as_str),
            Some(want),
            "{query} → {found:?}"
        );
    }
    // "log" alone is a word of the logs article too: both are answers.
    for query in ["log in", "can't log in"] {
        let found = ids_in(&index, query, "en");
        assert!(found.iter().any(|id| id == "login"), "{query} → {found:?}");
    }
}

#[test]
fn german_compounds_meet_their_parts() {
    let docs = localized(
        "de",
        &[
            (
                "pagenumbers",
                "Seitenzahlen",
                "So fügen Sie Seitenzahlen ein.",
            ),
            (
                "pivot",
                "Pivot-Tabellen aktualisieren",
                "Die Pivot-Tabelle wird neu berechnet.",
            ),
            (
                "headers",
                "Tabellenüberschriften wiederholen",
                "Auf jeder Folgeseite.",
            ),
            ("pages", "Seiten drucken", "Nur bestimmte Seiten drucken."),
        ],
    );
    let index = open(&docs);
    let cases = [
        // The compound with another ending (stem and prefix).
        ("Seitenzahl", "pagenumbers"),
        ("seitenzahl einfügen", "pagenumbers"),
        // Typed apart: the compound the article writes.
        ("Seiten Zahl", "pagenumbers"),
        ("Tabellen Überschrift wiederholen", "headers"),
        // Typed together: the parts the article writes apart.
        ("Pivottabelle", "pivot"),
        ("Wie aktualisiere ich meine Pivottabelle?", "pivot"),
    ];
    for (query, want) in cases {
        let found = ids_in(&index, query, "de");
        assert_eq!(
            found.first().map(String::as_str),
            Some(want),
            "{query} → {found:?}"
        );
    }
}

#[test]
fn every_spelling_of_a_hyphenated_word_finds_the_others() {
    let docs = localized(
        "en",
        &[
            (
                "change-email",
                "Change your e-mail address",
                "Open the settings and type the new e-mail address.",
            ),
            (
                "signin",
                "Sign-in problems",
                "When sign-in fails, reset the password.",
            ),
            (
                "newsletter",
                "Newsletter by email",
                "We send an email every month.",
            ),
            ("mail-app", "The mail app", "Read your mail offline."),
        ],
    );
    let index = open(&docs);
    let email = ids_in(&index, "email address", "en");
    assert_eq!(
        email.first().map(String::as_str),
        Some("change-email"),
        "{email:?}"
    );
    let hyphenated = ids_in(&index, "e-mail", "en");
    for id in ["change-email", "newsletter"] {
        assert!(
            hyphenated.iter().any(|f| f == id),
            "e-mail → {hyphenated:?}"
        );
    }
    for query in ["signin", "sign in", "sign-in"] {
        let found = ids_in(&index, query, "en");
        assert_eq!(
            found.first().map(String::as_str),
            Some("signin"),
            "{query} → {found:?}"
        );
    }
    // A code with digits keeps its parts apart.
    let docs = localized("en", &[("x86", "x86-64 builds", "Builds for x86-64.")]);
    assert!(ids_in(&open(&docs), "x8664", "en").is_empty());
}

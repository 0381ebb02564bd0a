//! Shared parts of the engine's fuzz targets: the indexes they start from, the CRC-32 footer
//! repair that lets damaged bytes reach the section decoders, and the invariants every search
//! result must keep, whatever the index or the query.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Once, OnceLock};

use faq_search_engine::query::{self, ParsedQuery};
use faq_search_engine::tokenizer::Language;
use faq_search_engine::{
    date, Document, Heading, Index, IndexWriter, SearchOptions, SearchResults, SortOrder, Weights,
};

/// Bytes of the CRC-32 footer at the end of every index file.
pub const FOOTER_LEN: usize = 4;

/// The committed golden indexes, one per format version.
pub const GOLDEN_V1: &[u8] = include_bytes!("../../tests/fixtures/golden-v1.idx");
pub const GOLDEN_V2: &[u8] = include_bytes!("../../tests/fixtures/golden-v2.idx");

#[allow(clippy::too_many_arguments)]
fn doc(
    id: &str,
    title: &str,
    section: &str,
    body: &str,
    category: &str,
    locale: &str,
    views: u64,
    updated: &str,
) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        url: format!("/help/{id}"),
        category: category.into(),
        published: date::parse_ymd("2023-02-14").expect("valid date"),
        updated: date::parse_ymd(updated).expect("valid date"),
        views,
        locale: locale.into(),
        section: section.into(),
        headings: Vec::new(),
    }
}

/// A handful of documents: the base the `index_edits` target damages.
pub fn small_docs() -> Vec<Document> {
    vec![
        doc(
            "limits",
            "Daily withdrawal limits",
            "Wallet › Limits",
            "Your daily withdrawal limit depends on your verification level. Level 2 raises it.",
            "FAQ",
            "en",
            12_345,
            "2024-01-15",
        ),
        doc(
            "trc20",
            "Deposit USDT over TRC20",
            "",
            "Choose the Tron network (TRC20) and copy the address. Fees: 1 USDT.",
            "Product documents",
            "en",
            800,
            "2024-06-01",
        ),
        doc(
            "2fa-de",
            "Zwei-Faktor-Authentifizierung zurücksetzen",
            "Sicherheit",
            "Öffnen Sie die Einstellungen und wählen Sie „2FA zurücksetzen“.",
            "FAQ",
            "de",
            77,
            "2025-03-03",
        ),
        doc(
            "zh-withdraw",
            "如何提现到银行卡",
            "钱包",
            "提现通常在24小时内到账。请先完成身份验证。",
            "Announcements",
            "zh-CN",
            0,
            "2022-12-31",
        ),
    ]
    .into_iter()
    .map(with_headings)
    .collect()
}

/// Gives the withdrawal-limits article a heading, so that the headings section is in the
/// indexes the targets damage and search.
fn with_headings(mut doc: Document) -> Document {
    if let Some(start) = doc.body.find("Level 2") {
        doc.headings.push(Heading {
            text: "Level 2".into(),
            anchor: "level-2".into(),
            start,
        });
    }
    doc
}

/// About twenty varied documents for the `query` target: several languages and scripts,
/// codes, text whose length changes under normalization, an empty body and a body longer
/// than the part snippets look at.
pub fn query_docs() -> Vec<Document> {
    let mut long_body = String::new();
    while long_body.len() < 13_000 {
        long_body.push_str("Staking rewards accrue daily and are paid out weekly; ");
        long_body.push_str("质押收益每日累计。 ");
        long_body.push_str("ステーキング報酬は毎週支払われます。 ");
    }
    long_body.push_str("The final paragraph mentions unstaking penalties.");

    let mut docs = small_docs();
    docs.extend([
        doc(
            "reset-2fa",
            "How do I reset my two-factor authentication (2FA)?",
            "Security › 2FA",
            "Open Security, choose 2FA and follow the reset steps. You need your ID.\n\n\
             If you lost your phone, contact support.",
            "FAQ",
            "en",
            31_433,
            "2026-05-29",
        ),
        doc(
            "api-v15",
            "API v1.5 release notes",
            "Developers",
            "v1.5 adds HMAC-SHA256 signatures, rate limits of 1,200 requests/min and the \
             /api/v1.5/orders endpoint. v1.4 is deprecated.",
            "Announcements",
            "en",
            4_200,
            "2025-11-02",
        ),
        doc(
            "fees",
            "Trading and withdrawal fees",
            "Fees",
            "Maker 0.10%, taker 0.20%. Withdrawal fees depend on the network: ERC20, TRC20, BEP20.",
            "FAQ",
            "en",
            9_001,
            "2025-01-01",
        ),
        doc(
            "email-change",
            "Change your e-mail address",
            "Account",
            "Go to Account › E-mail. We send a code to the old and the new address; \
             withdrawals pause for 24 hours afterwards.",
            "FAQ",
            "en",
            1_500,
            "2024-04-04",
        ),
        doc(
            "konto-de",
            "Konto verifizieren: Identitätsprüfung",
            "Konto",
            "Laden Sie Ihren Ausweis hoch. Die Prüfung dauert meist 10 Minuten; \
             Straße und Hausnummer müssen übereinstimmen. Größe der Datei: höchstens 5 MB.",
            "FAQ",
            "de",
            640,
            "2025-07-19",
        ),
        doc(
            "gebuehren-de",
            "Gebühren für Auszahlungen",
            "",
            "Auszahlungsgebühren hängen vom Netzwerk ab (TRC20 ist günstiger als ERC20).",
            "Product documents",
            "de",
            120,
            "2025-07-20",
        ),
        doc(
            "zh-2fa",
            "重置双重身份验证（2FA）",
            "安全",
            "打开安全设置，选择“重置2FA”。如果手机丢失，请联系客服。USDT提币需要二次验证。",
            "FAQ",
            "zh-CN",
            2_222,
            "2025-09-09",
        ),
        doc(
            "ja-deposit",
            "入金方法について",
            "ウォレット",
            "日本円の入金は銀行振込で行えます。TRC20のUSDTも入金できます。反映まで最大30分。",
            "FAQ",
            "ja",
            333,
            "2025-02-02",
        ),
        doc(
            "ko-password",
            "비밀번호를 재설정하는 방법",
            "계정",
            "로그인 화면에서 '비밀번호 찾기'를 누르세요. 이메일로 인증 코드가 전송됩니다.",
            "FAQ",
            "ko",
            444,
            "2025-03-15",
        ),
        doc(
            "fullwidth",
            "ＴＲＣ２０ ｄｅｐｏｓｉｔｓ ｐａｕｓｅｄ — ﬁxed",
            "Ｓｔａｔｕｓ",
            "Ｄｅｐｏｓｉｔｓ ｏｎ ＴＲＣ２０ resumed. The ﬁle ﬂow ﬃx is live. ½ of the queue is done. \
             İstanbul office: İİİ ıı.",
            "Announcements",
            "tr",
            50,
            "2026-01-01",
        ),
        doc(
            "combining",
            "Cafe\u{301} cre\u{300}me and naïve résumé",
            "Misc",
            "Decomposed: e\u{301}\u{301}\u{323}; precomposed: é. Zero width: a\u{200b}b\u{200d}c. \
             Emoji: 👩‍👩‍👧 🇩🇪 1️⃣. Arabic: السحب اليومي. Hebrew: משיכה.",
            "Ünïcode",
            "en",
            5,
            "2021-06-06",
        ),
        doc(
            "empty-body",
            "Maintenance window",
            "",
            "",
            "Announcements",
            "en",
            10,
            "2024-10-10",
        ),
        doc(
            "long",
            "Staking guide 质押指南 ステーキング",
            "Earn › Staking",
            &long_body,
            "Product documents",
            "en",
            1_000_000_000_000,
            "2026-02-28",
        ),
        doc(
            "punctuation",
            "FAQ: \"quotes\", -dashes-, «guillemets» and 「brackets」",
            "",
            "--- !!! ??? ... \"\" '' «» 「」 — – -fee e-mail x-y-z 0x3fA9 1.5e10 ＃",
            "FAQ",
            "en",
            1,
            "2020-01-01",
        ),
        doc(
            "kyc",
            "KYC verification levels",
            "Account › Verification",
            "Level 1 needs an ID; level 2 adds proof of address. KYC takes up to 48 hours.",
            "FAQ",
            "en",
            20_000,
            "2025-12-12",
        ),
        doc(
            "zh-tw",
            "提領限額說明",
            "",
            "每日提領上限依驗證等級而定。",
            "FAQ",
            "zh-TW",
            3,
            "2024-12-24",
        ),
    ]);
    docs
}

fn synonyms() -> Vec<Vec<String>> {
    [
        &["2fa", "two-factor authentication", "双重身份验证"][..],
        &["kyc", "verification level", "Identitätsprüfung"],
        &["withdrawal", "提现", "Auszahlung"],
        &["fee", "gebühr"],
        &["v1.5", "api 1.5"],
    ]
    .iter()
    .map(|g| g.iter().map(|s| s.to_string()).collect())
    .collect()
}

fn build(docs: &[Document]) -> Vec<u8> {
    let mut writer = IndexWriter::new(Weights::default());
    for d in docs {
        writer.add(d);
    }
    writer.set_synonyms(synonyms());
    writer.finish().0
}

/// The bytes of the small index, built once.
pub fn small_index_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| build(&small_docs()))
}

/// The bytes of the query target's index, built once. Each input opens its own copy, so the
/// expansion cache starts empty and a crash reproduces from its input alone.
pub fn query_index_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| build(&query_docs()))
}

/// Rewrites the CRC-32 footer so that it matches the bytes before it. Returns false when the
/// data is too short to have a footer.
pub fn fix_footer(data: &mut [u8]) -> bool {
    if data.len() < FOOTER_LEN {
        return false;
    }
    let body_end = data.len() - FOOTER_LEN;
    let crc = crc32fast::hash(&data[..body_end]);
    data[body_end..].copy_from_slice(&crc.to_le_bytes());
    true
}

thread_local! {
    static TOLERATE_FST_PANICS: Cell<bool> = const { Cell::new(false) };
}

fn panicked_in_fst(info: &panic::PanicHookInfo<'_>) -> bool {
    info.location().is_some_and(|l| {
        let file = l.file().replace('\\', "/");
        file.contains("/fst-0.") && file.contains("/src/")
    })
}

/// Runs `f` (opening and exercising damaged index bytes), returning `None` when it panicked
/// inside the `fst` crate. Such a panic needs an fst whose own checksum was forged as well as
/// the file's CRC-32 footer (libFuzzer learns both from its comparison tracing): FORMAT.md
/// ("Reading safely") puts such crafted files out of scope, as only the index's author can
/// make them. Every other panic still aborts through libFuzzer's hook and is reported.
pub fn tolerating_fst_panics<R>(f: impl FnOnce() -> R) -> Option<R> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let fuzzer_hook: Arc<dyn Fn(&panic::PanicHookInfo<'_>) + Send + Sync> =
            Arc::from(panic::take_hook());
        panic::set_hook(Box::new(move |info| {
            if TOLERATE_FST_PANICS.get() && panicked_in_fst(info) {
                return; // unwinds to the catch_unwind below
            }
            fuzzer_hook(info);
        }));
    });
    TOLERATE_FST_PANICS.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    TOLERATE_FST_PANICS.set(false);
    result.ok()
}

fn check_ranges(what: &str, text: &str, ranges: &[(usize, usize)]) {
    let mut prev_end = 0;
    for &(start, end) in ranges {
        assert!(
            start < end,
            "{what}: empty or reversed range {start}..{end} in {text:?}"
        );
        assert!(
            end <= text.len(),
            "{what}: range {start}..{end} past the end ({}) of {text:?}",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{what}: range {start}..{end} not on char boundaries of {text:?}"
        );
        assert!(
            start >= prev_end,
            "{what}: ranges out of order or overlapping: {ranges:?}"
        );
        prev_end = end;
    }
}

/// Asserts what must hold for every result. `intact` says the index is known good, so every
/// hit's stored text decodes and pages are full.
pub fn check_results(index: &Index, options: &SearchOptions, res: &SearchResults, intact: bool) {
    assert!(res.hits.len() <= options.limit, "more hits than the limit");
    assert!(
        res.total <= res.total_all,
        "total {} > total_all {}",
        res.total,
        res.total_all
    );
    assert!(
        res.total_all <= index.doc_count(),
        "more results than documents"
    );
    assert_eq!(
        res.categories.len(),
        index.categories().len(),
        "one count per category of the index"
    );
    let sum: usize = res.categories.iter().map(|c| c.count).sum();
    assert_eq!(
        sum, res.total_all,
        "category counts must add up to total_all"
    );
    for (count, name) in res.categories.iter().zip(index.categories()) {
        assert_eq!(&count.category, name, "categories in index order");
    }
    match &options.category {
        None => assert_eq!(res.total, res.total_all),
        Some(cat) => {
            let expected = res
                .categories
                .iter()
                .find(|c| &c.category == cat)
                .map_or(0, |c| c.count);
            assert_eq!(
                res.total, expected,
                "total is the selected category's count"
            );
        }
    }
    let page = res.total.saturating_sub(options.offset).min(options.limit);
    if intact {
        assert_eq!(res.hits.len(), page, "a page holds every result it can");
    } else {
        assert!(res.hits.len() <= page);
    }
    // Checked on intact indexes only: a damaged one may list look-alike locales.
    let exact_locale = options
        .locale
        .as_deref()
        .filter(|l| intact && index.locales().iter().any(|x| x == l));
    for hit in &res.hits {
        // A damaged index may hold finite but absurd weights (a popularity of -1e38).
        assert!(
            !intact || hit.score.is_finite(),
            "score {} of {}",
            hit.score,
            hit.id
        );
        check_ranges("title", &hit.title, &hit.title_highlights);
        check_ranges("snippet", &hit.snippet, &hit.snippet_highlights);
        assert!(hit.sub_results.len() <= faq_search_engine::SUB_RESULTS);
        for sub in &hit.sub_results {
            check_ranges("sub-result title", &sub.title, &sub.title_highlights);
            check_ranges("sub-result snippet", &sub.snippet, &sub.snippet_highlights);
            assert!(
                sub.url.ends_with(&format!("#{}", sub.anchor)),
                "{}",
                sub.url
            );
        }
        if let Some(cat) = &options.category {
            assert_eq!(&hit.category, cat, "hit outside the selected category");
        }
        if let Some(locale) = exact_locale {
            assert_eq!(hit.locale, locale, "hit outside the selected locale");
        }
    }
}

/// Asserts what must hold for a parsed query: token ranges are non-empty slices of the query on
/// char boundaries, and no part is empty.
pub fn check_parsed(query: &str, parsed: &ParsedQuery) {
    for part in &parsed.parts {
        assert!(!part.tokens.is_empty(), "a part without tokens");
        for t in &part.tokens {
            assert!(
                t.start < t.end && t.end <= query.len(),
                "token {t:?} outside {query:?}"
            );
            assert!(
                query.is_char_boundary(t.start) && query.is_char_boundary(t.end),
                "token {t:?} not on char boundaries of {query:?}"
            );
            assert!(!t.term.is_empty(), "empty term from {query:?}");
        }
    }
}

/// Parses `query` with and without a stemmer and checks each result.
pub fn parse_all(query: &str) {
    for locale in ["en", "zh-CN"] {
        let parsed = query::parse(query, Language::from_locale(locale));
        check_parsed(query, &parsed);
    }
}

/// What the reader targets do with an index that opened: read every document's stored text and
/// run a few searches, checking their results.
pub fn exercise(index: &Index, intact: bool) {
    let _ = (index.term_count(), index.weights(), index.format_version());
    let _ = index.synonyms().len();
    for ordinal in 0..index.doc_count() as u32 {
        let stored = index.stored(ordinal);
        if intact {
            stored.expect("an intact index's stored text decodes");
        }
    }
    let _ = index.stored(index.doc_count() as u32);
    let _ = index.stored(u32::MAX);

    let mut options = SearchOptions::default();
    for query in [
        "",
        "withdrawal",
        "withdr",
        "withdrawl limts",
        "\"daily limit\" -fee",
        "2fa",
        "提现",
        "身份",
        "TRC20 v1.5",
    ] {
        let res = index.search(query, &options);
        check_results(index, &options, &res, intact);
    }
    options.sort = SortOrder::Newest;
    options.limit = 2;
    options.offset = 1;
    options.category = index.categories().first().cloned();
    options.locale = index.locales().last().cloned();
    for query in ["", "limit", "z"] {
        let res = index.search(query, &options);
        check_results(index, &options, &res, intact);
    }
}

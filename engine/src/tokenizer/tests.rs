//! The tokenizer's tests: the ASCII fast path against the general segmenter, cheap matching
//! tokens, scripts and locales, offsets.

use super::*;
use unicode_segmentation::UnicodeSegmentation;

/// The tokenizer as it would be with every segment from `unicode-segmentation`.
fn reference(text: &str, lang: Language) -> Vec<Token> {
    let stemmer = lang.stemmer();
    let mut out = Vec::new();
    let mut cjk_run = Vec::new();
    for (start, segment) in text.split_word_bound_indices() {
        segment_tokens(
            &mut out,
            &mut cjk_run,
            text,
            start,
            segment,
            stemmer.as_ref(),
            None,
        );
    }
    flush_cjk(&mut out, &mut cjk_run);
    out
}

proptest::proptest! {
    #[test]
    fn ascii_fast_path_agrees_with_the_segmenter(
        text in "[a-zA-Z0-9_:.,;'\\- \n\t()\"!é’中文한]{0,40}"
    ) {
        let en = Language::from_locale("en");
        proptest::prop_assert_eq!(tokenize(&text, en), reference(&text, en));
    }
}

#[test]
fn matching_only_tokens_agree_where_they_can_match() {
    let en = Language::from_locale("en");
    let text = "Withdrawals are pending; withdrawing 2FA codes, Wi-Fi设置 and café";
    let full = tokenize(text, en);
    let cheap = tokenize_for_matching(text, en, &[*b"wi", [b'2', 0]]);
    assert_eq!(full.len(), cheap.len());
    for (f, c) in full.iter().zip(&cheap) {
        assert_eq!((f.start, f.end), (c.start, c.end));
        let first = text.as_bytes()[f.start].to_ascii_lowercase();
        if b"w2".contains(&first) || !first.is_ascii_alphanumeric() {
            // "Wi-Fi", "Withdrawals", "withdrawing" (long, "wi"), "2FA": normalized.
            assert_eq!(f.term, c.term);
        } else {
            assert_eq!(c.term, "", "{f:?}");
        }
    }
}

proptest::proptest! {
    #[test]
    fn matching_only_tokens_never_hide_a_match(
        words in proptest::collection::vec(
            "(dying|lying|skies|generously|running|runs|ran|happy|happiness|agreed|[a-z]{1,9}|[A-Z][a-z]{2,8}|[a-z0-9]{2,5})", 1..30),
        pick in proptest::collection::vec(0usize..30, 1..6),
    ) {
        let en = Language::from_locale("en");
        let text = words.join(" ");
        let full = tokenize(&text, en);
        let terms: Vec<&str> = pick.iter().filter_map(|&i| full.get(i)).map(|t| t.term.as_str()).collect();
        let keys: Vec<[u8; 2]> = terms
            .iter()
            .map(|t| {
                let b = t.as_bytes();
                [b[0], b.get(1).copied().filter(u8::is_ascii_alphanumeric).unwrap_or(0)]
            })
            .collect();
        let cheap = tokenize_for_matching(&text, en, &keys);
        proptest::prop_assert_eq!(full.len(), cheap.len());
        for (f, c) in full.iter().zip(&cheap) {
            if c.term.is_empty() {
                proptest::prop_assert!(!terms.contains(&f.term.as_str()), "{} hidden", f.term);
            } else {
                proptest::prop_assert_eq!(&f.term, &c.term);
            }
        }
    }
}

#[test]
fn ascii_fast_path_agrees_on_tricky_cases() {
    let en = Language::from_locale("en");
    for text in [
        "e.g. 3.14 a.b.c a..b 1,000,000 x;y 1;2 don't it's' 'tis _a_ __ a_1 1_a v1.5",
        "a:b 1:2 a.1 1.a a'1 foo.bar: end. (paren) [x] \"q\" a-b a--b",
        "Wi-Fi设置 café 中文 한국어 mixed中文text \u{200d}",
    ] {
        assert_eq!(tokenize(text, en), reference(text, en), "{text}");
    }
}

fn terms(text: &str, locale: &str) -> Vec<String> {
    tokenize(text, Language::from_locale(locale))
        .into_iter()
        .map(|t| t.term)
        .collect()
}

#[test]
fn table_of_scripts_and_locales() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "en",
            "Withdrawals are PENDING",
            &["withdraw", "are", "pend"],
        ),
        (
            "en",
            "Enable 2FA on TRC20 (v1.5)",
            &["enabl", "2fa", "on", "trc20", "v1.5"],
        ),
        (
            "en",
            "Send to 0x3fA9c0 now",
            &["send", "to", "0x3fa9c0", "now"],
        ),
        ("en", "Crédit café naïve", &["credit", "cafe", "naiv"]),
        ("en", "don't 'quote'", &["don't", "quot"]),
        ("en", "LibreOffice’s macros", &["libreoffic", "macro"]),
        ("en", "ＡＰＩ　ｋｅｙ", &["api", "key"]),
        ("de", "Überweisungen prüfen", &["uberweis", "pruf"]),
        ("ru", "Пароли сброшены", &["парол", "сброш"]),
        ("zh-CN", "充值地址", &["充值", "值地", "地址", "址"]),
        ("ja", "ログイン", &["ログ", "グイ", "イン", "ン"]),
        (
            "ko",
            "비밀번호 변경",
            &["비밀", "밀번", "번호", "호", "변경", "경"],
        ),
        ("zh-CN", "提币", &["提币", "币"]),
        ("zh-CN", "USDT充值", &["usdt", "充值", "值"]),
        ("en", "... --- !!!", &[]),
    ];
    for (locale, text, expected) in cases {
        assert_eq!(terms(text, locale), *expected, "{locale}: {text}");
    }
}

#[test]
fn offsets_point_at_the_original_text() {
    let text = "Vérifiez l'identité: 身份验证";
    for t in tokenize(text, Language::from_locale("fr")) {
        let original = &text[t.start..t.end];
        assert!(!original.is_empty());
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    }
    let toks = tokenize("Hello Wörld", Language::from_locale("en"));
    assert_eq!((toks[1].start, toks[1].end), (6, 12));
}

#[test]
fn fold_keeps_japanese_voicing_marks() {
    assert_eq!(fold("ガ"), "ガ");
    assert_eq!(fold("Ärger"), "arger");
}

#[test]
fn arbitrary_text_never_panics() {
    let nasty = "\u{0301}\u{200d}a\u{0300}\u{FEFF}🙂👩‍💻 \u{202e}rtl\u{202c} \u{10FFFF} 𠀀𠀁";
    let _ = tokenize(nasty, Language::from_locale("en"));
    let long = "ab-".repeat(5000);
    assert_eq!(tokenize(&long, Language::from_locale("xx")).len(), 5000);
}

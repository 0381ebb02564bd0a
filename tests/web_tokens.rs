//! The widget's tokenizer in a real browser gives the tokens the native one wrote to
//! `engine/tests/fixtures/tokens.txt`. In WebAssembly the tokenizer normalizes with the
//! browser's `String.prototype.normalize` rather than the Unicode tables the index builder
//! uses, so this is what keeps indexing and searching in step.
#![cfg(target_arch = "wasm32")]

use faq_search_engine::tokenizer::{tokenize, Language, TokenKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("../engine/tests/fixtures/tokens.txt");

#[wasm_bindgen_test]
fn multilingual_sample_gives_the_native_tokens() {
    let mut cases = 0;
    for line in FIXTURE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut fields = line.splitn(3, '\t');
        let (locale, text) = (fields.next().unwrap(), fields.next().expect("a text"));
        let expected = fields.next().unwrap_or("");
        let actual: Vec<String> = tokenize(text, Language::from_locale(locale))
            .iter()
            .map(|t| {
                let kind = match t.kind {
                    TokenKind::Word => 'W',
                    TokenKind::CjkBigram => 'B',
                    TokenKind::CjkUnigram => 'U',
                };
                format!("{kind}:{}-{}:{}", t.start, t.end, t.term)
            })
            .collect();
        assert_eq!(actual.join(" "), expected, "{locale}: {text}");
        cases += 1;
    }
    assert!(cases >= 20, "the fixture lost its samples");
}

#[wasm_bindgen_test]
fn fold_in_the_browser_matches_the_native_rules() {
    use faq_search_engine::tokenizer::fold;
    assert_eq!(fold("ＡＰＩ"), "api");
    assert_eq!(fold("ﬁle"), "file");
    assert_eq!(fold("e\u{0301}cole"), "ecole");
    assert_eq!(fold("\u{0301}x"), "x");
    assert_eq!(fold("ガ"), "ガ");
    assert_eq!(fold("Ärger"), "arger");
}

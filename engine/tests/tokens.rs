//! The tokens of a varied multilingual sample (fullwidth forms, ligatures, Latin diacritics,
//! CJK, Hangul jamo, Cyrillic, Greek, combining marks), kept in `fixtures/tokens.txt`. The
//! widget tokenizes with the browser's Unicode normalization instead of the tables used here,
//! and its browser tests read the same file: both must produce these tokens.
//!
//! `FAQ_UPDATE_FIXTURES=1 cargo test -p faq-search-engine --test tokens` rewrites the expected
//! tokens from the native tokenizer (check the diff before committing it).

use faq_search_engine::tokenizer::{tokenize, Language, Token, TokenKind};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tokens.txt");

/// One token as the fixture writes it: `kind:start-end:term`.
fn encode(t: &Token) -> String {
    let kind = match t.kind {
        TokenKind::Word => 'W',
        TokenKind::CjkBigram => 'B',
        TokenKind::CjkUnigram => 'U',
    };
    format!("{kind}:{}-{}:{}", t.start, t.end, t.term)
}

fn tokens(locale: &str, text: &str) -> String {
    let tokens = tokenize(text, Language::from_locale(locale));
    assert!(tokens.iter().all(|t| !t.term.contains(char::is_whitespace)));
    tokens.iter().map(encode).collect::<Vec<_>>().join(" ")
}

#[test]
fn multilingual_sample_gives_the_fixture_tokens() {
    let fixture = std::fs::read_to_string(FIXTURE).expect("the fixture is readable");
    let update = std::env::var_os("FAQ_UPDATE_FIXTURES").is_some();
    let mut rewritten = String::new();
    let mut cases = 0;
    for line in fixture.lines() {
        if line.starts_with('#') || line.is_empty() {
            rewritten.push_str(line);
            rewritten.push('\n');
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (locale, text) = (fields.next().unwrap(), fields.next().expect("a text"));
        let expected = fields.next().unwrap_or("");
        let actual = tokens(locale, text);
        if update {
            rewritten.push_str(&format!("{locale}\t{text}\t{actual}\n"));
        } else {
            assert_eq!(actual, expected, "{locale}: {text}");
        }
        cases += 1;
    }
    assert!(cases >= 20, "the fixture lost its samples");
    if update {
        std::fs::write(FIXTURE, rewritten).expect("the fixture is writable");
    }
}

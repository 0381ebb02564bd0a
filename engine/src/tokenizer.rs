//! The one tokenizer. The index builder and the widget both call [`tokenize`], so a word is
//! normalized the same way when it is indexed and when it is searched for.
//!
//! Pipeline for each Unicode word (UAX #29): NFKC, lower case, Latin diacritics folded
//! ("Crédit" → "credit"), then a Snowball stem for languages that have one. Words holding a
//! digit are codes ("2FA", "TRC20", "v1.5", "0x3f…") and are never stemmed. Runs of Chinese,
//! Japanese and Korean characters have no spaces to split on, so they become overlapping
//! bigrams plus the run's last character on its own: every substring of two or more characters
//! is then a conjunction of bigrams, and every single character is either the first character of
//! a bigram (found by prefix search) or that final unigram.

mod case;
mod stemmer;
mod unicode;
mod word_break;

pub use case::lowercase;
use stemmer::Stemmer;
pub use stemmer::{install as install_stemmer, Stemming};

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word or code from an alphabetic script or digits.
    Word,
    /// An overlapping pair of CJK characters.
    CjkBigram,
    /// A single CJK character (the last of its run, or a run of one).
    CjkUnigram,
}

/// A normalized term with the byte range of the original text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// The language rules a text is tokenized with; chosen from a BCP-47 locale.
#[derive(Clone, Copy)]
pub struct Language {
    stemming: Option<Stemming>,
}

impl Language {
    /// A small number naming the language's rules, for cache keys.
    pub(crate) fn id(&self) -> u8 {
        self.stemming.map_or(u8::MAX, |s| s as u8)
    }

    /// The primary language subtag for the languages with a table of function words ("de",
    /// "fr", "es", "ru", "en"); empty for the others.
    pub(crate) fn code(&self) -> &'static str {
        match self.stemming {
            Some(Stemming::English) => "en",
            Some(Stemming::German) => "de",
            Some(Stemming::French) => "fr",
            Some(Stemming::Spanish) => "es",
            Some(Stemming::Russian) => "ru",
            _ => "",
        }
    }

    /// Whether the language writes compounds as one word ("Seitenzahl"), so that an unknown
    /// long word may be two words of the articles. (Two typed words may be one word of the
    /// articles in every language: "set up" and "setup", "e-mail" and "email".)
    pub(crate) fn compounds(&self) -> bool {
        matches!(
            self.stemming,
            Some(
                Stemming::German
                    | Stemming::Dutch
                    | Stemming::Swedish
                    | Stemming::Norwegian
                    | Stemming::Danish
            )
        )
    }

    pub fn from_locale(locale: &str) -> Language {
        Language {
            stemming: Stemming::from_locale(locale),
        }
    }

    fn stemmer(&self) -> Option<(Stemming, Stemmer)> {
        let stemming = self.stemming?;
        Some((stemming, Stemmer::new(stemming)?))
    }
}

/// Splits `text` into normalized tokens in reading order.
pub fn tokenize(text: &str, lang: Language) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_while(text, lang, |t| {
        out.push(t);
        true
    });
    out
}

/// Hands the tokens of `text` to `visit` in reading order until it returns false, so a caller
/// that has seen enough (a snippet that already covers every query word) stops early.
pub fn tokenize_while(text: &str, lang: Language, visit: impl FnMut(Token) -> bool) {
    tokenize_inner(text, lang, None, visit)
}

/// Tokenizes for matching against terms that all start with one of `first`: lower-case ASCII
/// byte pairs, the terms' first two bytes, or a first byte and 0 for a term whose second byte
/// is not an ASCII letter or digit. Word tokens that cannot match such terms come back with an
/// empty term, without the cost of normalizing and stemming them; a caller with terms starting
/// otherwise must use [`tokenize`].
pub fn tokenize_for_matching(text: &str, lang: Language, first: &[[u8; 2]]) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_inner(text, lang, Some(first), |t| {
        out.push(t);
        true
    });
    out
}

/// [`tokenize_for_matching`] handing tokens to `visit` until it returns false.
pub fn tokenize_for_matching_while(
    text: &str,
    lang: Language,
    first: &[[u8; 2]],
    visit: impl FnMut(Token) -> bool,
) {
    tokenize_inner(text, lang, Some(first), visit)
}

fn tokenize_inner(
    text: &str,
    lang: Language,
    only: Option<&[[u8; 2]]>,
    mut visit: impl FnMut(Token) -> bool,
) {
    let stemmer = lang.stemmer();
    let stemmer = stemmer.as_ref();
    let mut out = Vec::new();
    let mut cjk_run: Vec<(usize, char)> = Vec::new();

    // UAX #29 always breaks around white space, so the text is cut at ASCII white space into
    // chunks. A chunk of pure ASCII (most of an English help center) is split by `ascii_words`,
    // which applies the same rules as `word_break` for ASCII and is several times faster
    // (measured: the general segmenter was half of the snippet time); others go through
    // `word_break::segments`. Property tests check that both agree with `unicode-segmentation`.
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        if bytes[pos].is_ascii_whitespace() {
            flush_cjk(&mut out, &mut cjk_run);
            pos += 1;
        } else {
            let end = bytes[pos..]
                .iter()
                .position(u8::is_ascii_whitespace)
                .map_or(bytes.len(), |i| pos + i);
            let chunk = &text[pos..end];
            if chunk.is_ascii() {
                ascii_words(chunk.as_bytes(), |s, e| {
                    push_word(&mut out, text, pos + s, pos + e, stemmer, only);
                });
            } else {
                word_break::segments(chunk, |start, end| {
                    segment_tokens(
                        &mut out,
                        &mut cjk_run,
                        text,
                        pos + start,
                        &chunk[start..end],
                        stemmer,
                        only,
                    );
                });
            }
            pos = end;
        }
        for token in out.drain(..) {
            if !visit(token) {
                return;
            }
        }
    }
    flush_cjk(&mut out, &mut cjk_run);
    for token in out.drain(..) {
        if !visit(token) {
            return;
        }
    }
}

/// The tokens of one UAX #29 segment starting at byte `start` of `text`.
fn segment_tokens(
    out: &mut Vec<Token>,
    cjk_run: &mut Vec<(usize, char)>,
    text: &str,
    start: usize,
    segment: &str,
    stemmer: Option<&(Stemming, Stemmer)>,
    only: Option<&[[u8; 2]]>,
) {
    if segment.chars().any(is_cjk) {
        // A segment may mix CJK with other letters ("Wi-Fi设置" splits oddly); take it char by char.
        let mut word_start: Option<usize> = None;
        for (i, c) in segment.char_indices() {
            if is_cjk(c) {
                if let Some(ws) = word_start.take() {
                    push_word(out, text, start + ws, start + i, stemmer, only);
                }
                cjk_run.push((start + i, c));
            } else {
                flush_cjk(out, cjk_run);
                if c.is_alphanumeric() {
                    word_start.get_or_insert(i);
                } else if let Some(ws) = word_start.take() {
                    push_word(out, text, start + ws, start + i, stemmer, only);
                }
            }
        }
        if let Some(ws) = word_start {
            push_word(out, text, start + ws, start + segment.len(), stemmer, only);
        }
    } else if segment.chars().any(char::is_alphanumeric) {
        flush_cjk(out, cjk_run);
        push_word(out, text, start, start + segment.len(), stemmer, only);
    } else if !segment.chars().all(is_joiner) {
        flush_cjk(out, cjk_run);
    }
}

/// Word segments of an ASCII chunk (no white space) by the UAX #29 rules as they apply to
/// ASCII: letters, digits and `_` join (WB5, WB8-10, WB13a/b); `:` `.` `'` join two letters
/// (WB6/7); `,` `;` `.` `'` join two digits (WB11/12); anything else breaks. Calls `emit` with
/// the byte range of each segment holding a letter or digit.
fn ascii_words(chunk: &[u8], mut emit: impl FnMut(usize, usize)) {
    let joins = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let n = chunk.len();
    let mut i = 0;
    while i < n {
        if !joins(chunk[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut has_alnum = false;
        loop {
            while i < n && joins(chunk[i]) {
                has_alnum |= chunk[i] != b'_';
                i += 1;
            }
            if i + 1 < n {
                let (before, mid, after) = (chunk[i - 1], chunk[i], chunk[i + 1]);
                let letters = before.is_ascii_alphabetic()
                    && after.is_ascii_alphabetic()
                    && matches!(mid, b':' | b'.' | b'\'');
                let digits = before.is_ascii_digit()
                    && after.is_ascii_digit()
                    && matches!(mid, b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        if has_alnum {
            emit(start, i);
        }
    }
}

/// The term of the one word that two neighbouring words of `text` make when written
/// together ("e-mail" → "email", "sign-in" → "signin"; with `spaced`, also "sign in"),
/// so that every spelling of such a word meets the others: the writer indexes the joined
/// form of hyphenated words, and a query tries it for two typed words. Words with digits
/// stay apart ("x86-64"), and a word of one letter joins only across a hyphen ("e-mail",
/// not "a mail").
pub fn joined_term(
    text: &str,
    a: &Token,
    b: &Token,
    lang: Language,
    spaced: bool,
) -> Option<String> {
    let between = text.get(a.end..b.start)?;
    let hyphen = matches!(between, "-" | "\u{2010}" | "\u{2011}");
    let space = spaced && !between.is_empty() && between.chars().all(char::is_whitespace);
    if !hyphen && !space {
        return None;
    }
    let plain = |t: &Token| {
        let word = &text[t.start..t.end];
        t.kind == TokenKind::Word
            && (hyphen || word.chars().nth(1).is_some())
            && !word.chars().any(|c| c.is_ascii_digit())
    };
    if !plain(a) || !plain(b) {
        return None;
    }
    let joined = fold(&text[a.start..a.end]) + &fold(&text[b.start..b.end]);
    match tokenize(&joined, lang).as_mut_slice() {
        [token] => Some(std::mem::take(&mut token.term)),
        _ => None,
    }
}

/// Normalizes one word exactly as the tokenizer does, without stemming.
pub fn fold(word: &str) -> String {
    // ASCII is its own NFKC form and has no diacritics: lower-casing is the whole job. Most
    // words of most help centers take this path, which is several times faster.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(word.len());
    for c in case::lowercase(&unicode::nfkc(word)).chars() {
        // Typographic apostrophes mean the same as the ASCII one ("LibreOffice’s").
        let c = if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02bc}') {
            '\''
        } else {
            c
        };
        if (c as u32) < 0x250 {
            // Latin: drop accents. Other scripts keep their marks (Japanese dakuten, Hangul jamo).
            folded.push(unicode::latin_base(c));
        } else if !folded.is_empty() || !unicode::is_combining_mark(c) {
            folded.push(c);
        }
    }
    folded
}

fn push_word(
    out: &mut Vec<Token>,
    text: &str,
    start: usize,
    end: usize,
    stemmer: Option<&(Stemming, Stemmer)>,
    only: Option<&[[u8; 2]]>,
) {
    let raw = &text[start..end];
    // Strip apostrophes that open or close the word ("'quoted'"); keep inner ones ("don't").
    let trimmed_start = start + (raw.len() - raw.trim_start_matches(is_quote).len());
    let trimmed_end = end - (raw.len() - raw.trim_end_matches(is_quote).len());
    if trimmed_start >= trimmed_end {
        return;
    }
    if let Some(only) = only {
        // The caller only asks whether a token matches terms starting with these (lower-case
        // ASCII) byte pairs; a stem keeps its word's first letter, and the second one too in
        // words longer than five letters (Snowball only rewrites endings), so others skip
        // fold and stem.
        let bytes = &text.as_bytes()[trimmed_start..trimmed_end];
        let first = bytes[0].to_ascii_lowercase();
        let second = bytes.get(1).map_or(0, u8::to_ascii_lowercase);
        let long = bytes.len() > 5 && second.is_ascii_alphanumeric();
        let may_match = only
            .iter()
            .any(|&[a, b]| a == first && (!long || b == 0 || b == second));
        if first.is_ascii_alphanumeric() && !may_match {
            out.push(Token {
                term: String::new(),
                start: trimmed_start,
                end: trimmed_end,
                kind: TokenKind::Word,
            });
            return;
        }
    }
    let folded = fold(&text[trimmed_start..trimmed_end]);
    if folded.is_empty() {
        return;
    }
    let term = match stemmer {
        Some(s) if !folded.chars().any(|c| c.is_ascii_digit()) => stem_cached(s, folded),
        _ => folded,
    };
    out.push(Token {
        term,
        start: trimmed_start,
        end: trimmed_end,
        kind: TokenKind::Word,
    });
}

/// Stems seen lately, per language. Snippets re-tokenize the same articles on every keystroke
/// and a corpus repeats its words endlessly; a lookup is several times cheaper than Snowball.
/// Bounded: cleared when full.
const STEM_CACHE_LIMIT: usize = 1 << 16;

thread_local! {
    /// One map per stemmer language (indexed by its discriminant), folded word → stem.
    static STEM_CACHE: std::cell::RefCell<Vec<std::collections::HashMap<String, String>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn stem_cached(stemmer: &(Stemming, Stemmer), folded: String) -> String {
    STEM_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let slot = stemmer.0 as usize;
        if cache.len() <= slot {
            cache.resize_with(slot + 1, Default::default);
        }
        let map = &mut cache[slot];
        if let Some(stem) = map.get(&folded) {
            return stem.clone();
        }
        let stem = stemmer.1.stem(&folded);
        if map.len() >= STEM_CACHE_LIMIT {
            map.clear();
        }
        map.insert(folded, stem.clone());
        stem
    })
}

fn flush_cjk(out: &mut Vec<Token>, run: &mut Vec<(usize, char)>) {
    if run.is_empty() {
        return;
    }
    let fold_char = |c: char| -> String {
        let mut utf8 = [0; 4];
        case::lowercase(&unicode::nfkc(c.encode_utf8(&mut utf8)))
    };
    for pair in run.windows(2) {
        let (s, a) = pair[0];
        let (e, b) = pair[1];
        let mut term = fold_char(a);
        term.push_str(&fold_char(b));
        out.push(Token {
            term,
            start: s,
            end: e + b.len_utf8(),
            kind: TokenKind::CjkBigram,
        });
    }
    let (s, c) = run[run.len() - 1];
    out.push(Token {
        term: fold_char(c),
        start: s,
        end: s + c.len_utf8(),
        kind: TokenKind::CjkUnigram,
    });
    run.clear();
}

fn is_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Invisible characters that may sit inside a CJK run without ending it.
fn is_joiner(c: char) -> bool {
    c == '\u{200d}'
}

/// Whether `c` belongs to a script written without spaces between words (or, for Hangul,
/// whose words are long compounds), and so is indexed as bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x309F      // Hiragana
        | 0x30A0..=0x30FF    // Katakana
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0xFF66..=0xFF9F    // Halfwidth Katakana
        | 0x1100..=0x11FF    // Hangul Jamo
        | 0x3130..=0x318F    // Hangul Compatibility Jamo
        | 0xAC00..=0xD7AF    // Hangul Syllables
        | 0x20000..=0x2FA1F  // CJK Extensions B-F, compatibility supplement
    )
}

#[cfg(test)]
mod tests;

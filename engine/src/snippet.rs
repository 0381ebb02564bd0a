//! Snippets and highlights: choose the stretch of body text that covers the most query words,
//! and report the byte ranges of what really matched (stems, prefixes, corrected words, CJK
//! substrings), found by running the same tokenizer over the stored text.

use std::collections::HashMap;

use crate::tokenizer::{tokenize, tokenize_for_matching, Language, Token};

/// The dictionary terms a query matched, each mapped to the query word it stands for.
pub struct MatchSet {
    terms: HashMap<String, usize>,
    /// First bytes of the terms, lower-case ASCII; `None` if some term starts otherwise.
    first: Option<Vec<u8>>,
}

impl MatchSet {
    pub fn new(pairs: impl IntoIterator<Item = (String, usize)>) -> Self {
        let terms: HashMap<String, usize> = pairs.into_iter().collect();
        let mut first = Some(Vec::new());
        for term in terms.keys() {
            match term.as_bytes().first() {
                Some(&b) if b.is_ascii_lowercase() || b.is_ascii_digit() => {
                    if let Some(f) = first.as_mut().filter(|f| !f.contains(&b)) {
                        f.push(b);
                    }
                }
                _ => first = None,
            }
            if first.is_none() {
                break;
            }
        }
        MatchSet { terms, first }
    }

    /// Tokenizes `text` for matching against this set (cheaply, when the terms allow).
    fn tokens(&self, text: &str, lang: Language) -> Vec<Token> {
        match &self.first {
            Some(first) => tokenize_for_matching(text, lang, first),
            None => tokenize(text, lang),
        }
    }

    fn word_of(&self, token: &Token) -> Option<usize> {
        self.terms.get(&token.term).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Byte ranges of `text` that matched, merged where they touch or overlap.
pub fn highlight_ranges(text: &str, matches: &MatchSet, lang: Language) -> Vec<(usize, usize)> {
    if matches.is_empty() {
        return Vec::new();
    }
    let ranges = matches
        .tokens(text, lang)
        .into_iter()
        .filter(|t| matches.word_of(t).is_some())
        .map(|t| (t.start, t.end));
    merge(ranges)
}

/// A text run through the tokenizer, with the query word (if any) each token matched.
pub struct Scanned {
    tokens: Vec<Token>,
    word_of: Vec<Option<usize>>,
}

/// Tokenizes `text` and marks the tokens the query matched. Done once per shown result and
/// shared by the snippet and the proximity measure.
pub fn scan(text: &str, matches: &MatchSet, lang: Language) -> Scanned {
    let tokens = matches.tokens(text, lang);
    let word_of = tokens.iter().map(|t| matches.word_of(t)).collect();
    Scanned { tokens, word_of }
}

impl Scanned {
    /// The most distinct query words found together within any `window` consecutive tokens.
    pub fn closest(&self, window: usize) -> usize {
        let window = window.max(1);
        let mut in_window: HashMap<usize, usize> = HashMap::new();
        let mut best = 0;
        for end in 0..self.tokens.len() {
            if let Some(q) = self.word_of[end] {
                *in_window.entry(q).or_default() += 1;
            }
            if end >= window {
                if let Some(q) = self.word_of[end - window] {
                    if let Some(c) = in_window.get_mut(&q) {
                        *c -= 1;
                        if *c == 0 {
                            in_window.remove(&q);
                        }
                    }
                }
            }
            best = best.max(in_window.len());
        }
        best
    }

    /// Whether the words of a phrase, given as the query-word id each must match in order,
    /// appear next to each other somewhere.
    pub fn has_sequence(&self, ids: &[usize]) -> bool {
        if ids.is_empty() {
            return true;
        }
        self.word_of
            .windows(ids.len())
            .any(|w| w.iter().zip(ids).all(|(got, want)| *got == Some(*want)))
    }
}

/// The body window of about `words` tokens that covers the most distinct query words, with
/// whitespace collapsed, an ellipsis where it was cut, and highlight ranges into the result.
#[cfg(test)]
pub fn make_snippet(
    body: &str,
    matches: &MatchSet,
    lang: Language,
    words: usize,
) -> (String, Vec<(usize, usize)>) {
    snippet_from(body, &scan(body, matches, lang), words)
}

/// [`make_snippet`] for a body already scanned.
pub fn snippet_from(body: &str, scanned: &Scanned, words: usize) -> (String, Vec<(usize, usize)>) {
    let words = words.max(1);
    let tokens = &scanned.tokens;
    if tokens.is_empty() {
        return collapse(body, 0, body.len(), &[], false, false);
    }
    let word_of = &scanned.word_of;

    // Slide a window of `words` tokens; keep the first with the most distinct words, then hits.
    let mut in_window: HashMap<usize, usize> = HashMap::new();
    let mut hits = 0usize;
    let mut best = (0usize, 0usize, 0usize); // (distinct, hits, start)
    for end in 0..tokens.len() {
        if let Some(q) = word_of[end] {
            *in_window.entry(q).or_default() += 1;
            hits += 1;
        }
        if end >= words {
            if let Some(q) = word_of[end - words] {
                let c = in_window.get_mut(&q).expect("counted when it entered");
                *c -= 1;
                if *c == 0 {
                    in_window.remove(&q);
                }
                hits -= 1;
            }
        }
        let start = (end + 1).saturating_sub(words);
        if (in_window.len(), hits) > (best.0, best.1) {
            best = (in_window.len(), hits, start);
        }
    }

    // Centre the matches inside the window rather than pushing them to its end.
    let (mut start, window_end) = (best.2, (best.2 + words).min(tokens.len()));
    if best.1 > 0 {
        let first = (start..window_end)
            .find(|&i| word_of[i].is_some())
            .unwrap_or(start);
        let last = (start..window_end)
            .rev()
            .find(|&i| word_of[i].is_some())
            .unwrap_or(first);
        let slack = words.saturating_sub(last - first + 1);
        start = first.saturating_sub(slack / 2);
    }
    let end = (start + words).min(tokens.len());
    let start = if end == tokens.len() {
        end.saturating_sub(words)
    } else {
        start
    };

    let from = if start == 0 { 0 } else { tokens[start].start };
    let to = if end == tokens.len() {
        body.len()
    } else {
        tokens[end - 1].end
    };
    let ranges: Vec<(usize, usize)> = merge(
        tokens[start..end]
            .iter()
            .zip(&word_of[start..end])
            .filter(|(_, q)| q.is_some())
            .map(|(t, _)| (t.start, t.end)),
    );
    collapse(body, from, to, &ranges, from > 0, to < body.len())
}

const ELLIPSIS: &str = "…";

/// Copies `body[from..to]`, turning each whitespace run into one space and trimming the ends,
/// and moves the highlight `ranges` (absolute in `body`) to match.
fn collapse(
    body: &str,
    from: usize,
    to: usize,
    ranges: &[(usize, usize)],
    lead: bool,
    trail: bool,
) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(to - from + 8);
    if lead {
        out.push_str(ELLIPSIS);
    }
    // Map from positions in `body` to positions in `out`, recorded at range boundaries.
    let mut mapped: Vec<(usize, usize)> = ranges.iter().map(|_| (usize::MAX, usize::MAX)).collect();
    let mut pending_space = false;
    for (i, c) in body[from..to].char_indices() {
        let pos = from + i;
        if c.is_whitespace() {
            pending_space = !out.is_empty() && !out.ends_with(ELLIPSIS);
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for (r, m) in ranges.iter().zip(mapped.iter_mut()) {
            if r.0 == pos {
                m.0 = out.len();
            }
        }
        out.push(c);
        for (r, m) in ranges.iter().zip(mapped.iter_mut()) {
            if r.1 == pos + c.len_utf8() {
                m.1 = out.len();
            }
        }
    }
    if trail {
        out.push_str(ELLIPSIS);
    }
    let mapped = mapped
        .into_iter()
        .filter(|(s, e)| *s != usize::MAX && *e != usize::MAX && s < e)
        .collect();
    (out, mapped)
}

fn merge(ranges: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = ranges.collect();
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(terms: &[&str]) -> MatchSet {
        MatchSet::new(terms.iter().enumerate().map(|(i, t)| (t.to_string(), i)))
    }

    fn marked(text: &str, ranges: &[(usize, usize)]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(s, e) in ranges {
            out.push_str(&text[at..s]);
            out.push('[');
            out.push_str(&text[s..e]);
            out.push(']');
            at = e;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn highlights_stemmed_forms() {
        let en = Language::from_locale("en");
        let title = "Withdrawing funds: withdrawal limits";
        let r = highlight_ranges(title, &set(&["withdraw"]), en);
        assert_eq!(
            marked(title, &r),
            "[Withdrawing] funds: [withdrawal] limits"
        );
    }

    #[test]
    fn cjk_bigrams_merge_into_one_range() {
        let zh = Language::from_locale("zh-CN");
        let text = "如何充值地址呢";
        let r = highlight_ranges(text, &set(&["充值", "值地", "地址"]), zh);
        assert_eq!(marked(text, &r), "如何[充值地址]呢");
    }

    #[test]
    fn snippet_window_covers_the_matched_words() {
        let en = Language::from_locale("en");
        let filler = "lorem ipsum dolor sit amet ".repeat(20);
        let body = format!("{filler}\n\nTo enable passkeys, open Security settings.\n\n{filler}");
        let (snippet, ranges) = make_snippet(&body, &set(&["passkey", "secur"]), en, 12);
        assert!(
            snippet.starts_with('…') && snippet.ends_with('…'),
            "{snippet}"
        );
        assert!(!snippet.contains('\n'));
        let shown = marked(&snippet, &ranges);
        assert!(
            shown.contains("enable [passkeys], open [Security] settings"),
            "{shown}"
        );
    }

    #[test]
    fn short_body_is_whole_and_without_ellipsis() {
        let en = Language::from_locale("en");
        let (snippet, ranges) = make_snippet("  Reset   your\n2FA code. ", &set(&["2fa"]), en, 30);
        assert_eq!(marked(&snippet, &ranges), "Reset your [2FA] code.");
    }
}

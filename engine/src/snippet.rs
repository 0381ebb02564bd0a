//! Snippets and highlights: choose the stretch of body text that covers the most query words,
//! and report the byte ranges of what really matched (stems, prefixes, corrected words, CJK
//! substrings), found by running the same tokenizer over the stored text.

use std::collections::HashMap;

#[cfg(doc)]
use crate::tokenizer::tokenize_for_matching;
use crate::tokenizer::{tokenize_for_matching_while, tokenize_while, Language, Token};

/// The dictionary terms a query matched, each mapped to the query word it stands for.
pub struct MatchSet {
    terms: HashMap<String, usize>,
    /// First two bytes of the terms (see [`tokenize_for_matching`]); `None` if some term starts
    /// with something other than an ASCII letter or digit.
    first: Option<Vec<[u8; 2]>>,
}

impl MatchSet {
    pub fn new(pairs: impl IntoIterator<Item = (String, usize)>) -> Self {
        let terms: HashMap<String, usize> = pairs.into_iter().collect();
        let mut first = Some(Vec::new());
        for term in terms.keys() {
            let bytes = term.as_bytes();
            match bytes.first() {
                Some(&a) if a.is_ascii_lowercase() || a.is_ascii_digit() => {
                    let b = bytes
                        .get(1)
                        .copied()
                        .filter(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                        .unwrap_or(0);
                    if let Some(f) = first.as_mut().filter(|f| !f.contains(&[a, b])) {
                        f.push([a, b]);
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
        let mut out = Vec::new();
        self.tokens_while(text, lang, |t| {
            out.push(t);
            true
        });
        out
    }

    fn tokens_while(&self, text: &str, lang: Language, visit: impl FnMut(Token) -> bool) {
        match &self.first {
            Some(first) => tokenize_for_matching_while(text, lang, first, visit),
            None => tokenize_while(text, lang, visit),
        }
    }

    /// How many distinct query words the set stands for.
    pub fn word_count(&self) -> usize {
        let mut ids: Vec<usize> = self.terms.values().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    fn word_of(&self, token: &Token) -> Option<usize> {
        if token.term.is_empty() {
            // Left unnormalized because it cannot match (see `tokens`): no lookup needed.
            return None;
        }
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

/// How many tokens of each query word a sliding window holds, and how many words it holds.
/// Query word ids are small (one per query clause), so a vector beats a hash map here.
#[derive(Default)]
struct WindowCounts {
    counts: Vec<u32>,
    distinct: usize,
}

impl WindowCounts {
    fn add(&mut self, q: usize) {
        if q >= self.counts.len() {
            self.counts.resize(q + 1, 0);
        }
        if self.counts[q] == 0 {
            self.distinct += 1;
        }
        self.counts[q] += 1;
    }

    fn remove(&mut self, q: usize) {
        if let Some(c) = self.counts.get_mut(q).filter(|c| **c > 0) {
            *c -= 1;
            if *c == 0 {
                self.distinct -= 1;
            }
        }
    }

    fn len(&self) -> usize {
        self.distinct
    }
}

/// A text run through the tokenizer, with the query word (if any) each token matched.
pub struct Scanned {
    tokens: Vec<Token>,
    word_of: Vec<Option<usize>>,
    /// False when scanning stopped early: the tokens cover only the start of the text.
    complete: bool,
}

/// Tokenizes `text` and marks the tokens the query matched. Done once per shown result and
/// shared by the snippet and the proximity measure.
pub fn scan(text: &str, matches: &MatchSet, lang: Language) -> Scanned {
    let tokens = matches.tokens(text, lang);
    let word_of = tokens.iter().map(|t| matches.word_of(t)).collect();
    Scanned {
        tokens,
        word_of,
        complete: true,
    }
}

/// Like [`scan`], but stops `window` tokens after the first stretch of `window` tokens that
/// holds `want` query words (as many as the text is known to hold; 0 stops after the first
/// window): no later window can cover more, so the snippet and the proximity measure are
/// already decided, and long articles cost far less.
pub fn scan_until_covered(
    text: &str,
    matches: &MatchSet,
    lang: Language,
    window: usize,
    want: usize,
) -> Scanned {
    let want = want.min(matches.word_count());
    let window = window.max(1);
    let mut tokens: Vec<Token> = Vec::new();
    let mut word_of: Vec<Option<usize>> = Vec::new();
    let mut in_window = WindowCounts::default();
    let mut stop_at: Option<usize> = None;
    let mut complete = true;
    matches.tokens_while(text, lang, |t| {
        if stop_at.is_some_and(|s| tokens.len() >= s) {
            complete = false;
            return false;
        }
        let w = matches.word_of(&t);
        if let Some(q) = w {
            in_window.add(q);
        }
        tokens.push(t);
        word_of.push(w);
        let len = tokens.len();
        if len > window {
            if let Some(q) = word_of[len - 1 - window] {
                in_window.remove(q);
            }
        }
        if stop_at.is_none() && in_window.len() >= want {
            stop_at = Some(len.saturating_add(window));
        }
        true
    });
    Scanned {
        tokens,
        word_of,
        complete,
    }
}

impl Scanned {
    /// Where each matched token starts in the text, with the query word it matched.
    pub fn matched(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.tokens
            .iter()
            .zip(&self.word_of)
            .filter_map(|(t, w)| w.map(|w| (t.start, w)))
    }

    /// The most distinct query words found together within any `window` consecutive tokens.
    pub fn closest(&self, window: usize) -> usize {
        let window = window.max(1);
        let mut in_window = WindowCounts::default();
        let mut best = 0;
        for end in 0..self.tokens.len() {
            if let Some(q) = self.word_of[end] {
                in_window.add(q);
            }
            if end >= window {
                if let Some(q) = self.word_of[end - window] {
                    in_window.remove(q);
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
    let mut in_window = WindowCounts::default();
    let mut hits = 0usize;
    let mut best = (0usize, 0usize, 0usize); // (distinct, hits, start)
    for end in 0..tokens.len() {
        if let Some(q) = word_of[end] {
            in_window.add(q);
            hits += 1;
        }
        if end >= words {
            if let Some(q) = word_of[end - words] {
                in_window.remove(q);
                hits -= 1;
            }
        }
        let start = (end + 1).saturating_sub(words);
        if (in_window.len(), hits) > (best.0, best.1) {
            best = (in_window.len(), hits, start);
        }
    }

    // Centre the matches inside the window rather than pushing them to its end.
    let (mut start, window_end) = (best.2, best.2.saturating_add(words).min(tokens.len()));
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
    let end = start.saturating_add(words).min(tokens.len());
    let start = if end == tokens.len() {
        end.saturating_sub(words)
    } else {
        start
    };

    let from = if start == 0 { 0 } else { tokens[start].start };
    let to = if end == tokens.len() && scanned.complete {
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
    fn huge_snippet_word_count_does_not_overflow() {
        // The JavaScript API turns a snippetWords of 1e20 into usize::MAX.
        let en = Language::from_locale("en");
        let body = "Withdrawals pause during maintenance. Limits apply to every withdrawal.";
        let matches = set(&["withdraw", "limit"]);
        let scanned = scan_until_covered(body, &matches, en, usize::MAX, 1);
        let (snippet, ranges) = snippet_from(body, &scanned, usize::MAX);
        assert_eq!(snippet, body);
        assert_eq!(
            marked(&snippet, &ranges),
            "[Withdrawals] pause during maintenance. [Limits] apply to every [withdrawal]."
        );
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

//! Query evaluation: parse the query with the shared tokenizer, expand each word against the
//! term dictionary (exact, prefix for the word being typed, typo-tolerant), score with BM25F
//! and a small popularity prior, count per category, sort, and build result hits.

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};

use crate::date::format_ymd;
use crate::index::Index;
use crate::snippet::{highlight_ranges, make_snippet, MatchSet};
use crate::tokenizer::{fold, tokenize, Language, TokenKind};
use crate::typo::Typo;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Relevance,
    /// Most recently updated first.
    Newest,
    MostViewed,
}

impl SortOrder {
    pub fn parse(s: &str) -> Option<SortOrder> {
        match s {
            "relevance" | "" => Some(SortOrder::Relevance),
            "newest" | "updated" => Some(SortOrder::Newest),
            "views" | "most-viewed" | "popular" => Some(SortOrder::MostViewed),
            _ => None,
        }
    }
}

/// What to return.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Only results in this category (counts still cover every category).
    pub category: Option<String>,
    pub sort: SortOrder,
    /// Words of snippet context around the matches.
    pub snippet_words: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            category: None,
            sort: SortOrder::Relevance,
            snippet_words: 30,
        }
    }
}

/// One result, ready to render. Highlight ranges are byte ranges into `title` and `snippet`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub url: String,
    pub category: String,
    pub section: String,
    pub locale: String,
    /// `YYYY-MM-DD`
    pub published: String,
    /// `YYYY-MM-DD`
    pub updated: String,
    pub views: u64,
    pub score: f32,
    pub snippet: String,
    pub title_highlights: Vec<(usize, usize)>,
    pub snippet_highlights: Vec<(usize, usize)>,
}

/// The number of results a category would show for the current query.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CategoryCount {
    pub category: String,
    pub count: usize,
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// Results in the selected category (all categories when none is selected).
    pub total: usize,
    /// Results in every category together.
    pub total_all: usize,
    pub hits: Vec<Hit>,
    /// Counts for every category of the index, in index order, for the current query.
    pub categories: Vec<CategoryCount>,
    /// True when no document had every word and these are the best partial matches.
    pub partial: bool,
}

/// How a dictionary term came to match a query word; decides its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MatchKind {
    Exact,
    Prefix,
    Typo(u32),
}

impl MatchKind {
    fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Prefix => 0.75,
            MatchKind::Typo(1) => 0.5,
            MatchKind::Typo(_) => 0.3,
        }
    }
}

/// One query word with the dictionary terms it stands for.
struct QueryWord {
    expansions: Vec<(String, u64, MatchKind)>,
    required: bool,
}

/// A prefix may stand for at most this many terms (the most frequent are kept).
const MAX_PREFIX_EXPANSIONS: usize = 64;
/// A prefix is looked up among at most this many dictionary terms before choosing.
const MAX_PREFIX_SCAN: usize = 4096;
/// Longer queries are cut here: nobody types more, and it bounds the work per keystroke.
const MAX_QUERY_WORDS: usize = 16;
const MAX_QUERY_BYTES: usize = 1024;

/// Words that carry little meaning in a question ("how do i reset my password"). They still
/// count when a query holds nothing else.
const EN_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "be", "by", "can", "do", "doe", "for", "from", "how", "i", "if",
    "in", "is", "it", "my", "of", "on", "or", "the", "to", "what", "when", "where", "whi", "why",
    "with", "you", "your", "me", "should", "would", "could", "get", "there", "this", "that",
    "which", "who", "will",
];

impl Index {
    /// Runs `query`. An empty query lists articles by the chosen sort (most viewed for relevance).
    pub fn search(&self, query: &str, options: &SearchOptions) -> SearchResults {
        let query = truncate(query, MAX_QUERY_BYTES);
        let words = self.parse_query(query);
        let n = self.docs.len();

        // Per document: accumulated score and a bit per query word found.
        let mut score = vec![0f32; n];
        let mut found = vec![0u32; n];
        let mut best = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let w = self.weights;
        let doc_count = n as f32;

        for (qi, word) in words.iter().enumerate() {
            // One idf per query word, from its most common expansion: "libreoffic" must not
            // score as a rare word because it also prefixes a rare "libreoffice's".
            let df = word
                .expansions
                .iter()
                .map(|(_, o, _)| self.doc_freq(*o))
                .max()
                .unwrap_or(0) as f32;
            let idf = ((doc_count - df + 0.5) / (df + 0.5) + 1.0).ln();
            for (_, offset, kind) in &word.expansions {
                let _ = self.for_each_posting(*offset, |doc, t, s, b| {
                    let d = &self.docs[doc as usize];
                    let norm = |tf: u32, len: u32, avg: f32| -> f32 {
                        tf as f32 / (1.0 - w.b + w.b * len as f32 / avg)
                    };
                    let tf = w.title * norm(t, d.lens[0], self.avg_lens[0])
                        + w.section * norm(s, d.lens[1], self.avg_lens[1])
                        + w.body * norm(b, d.lens[2], self.avg_lens[2]);
                    let contribution = kind.weight() * idf * tf * (w.k1 + 1.0) / (tf + w.k1);
                    let slot = &mut best[doc as usize];
                    if *slot == 0.0 {
                        touched.push(doc);
                    }
                    if contribution > *slot {
                        *slot = contribution;
                    }
                });
            }
            let stop_factor = if word.required { 1.0 } else { 0.2 };
            for &doc in &touched {
                let d = doc as usize;
                score[d] += best[d] * stop_factor;
                found[d] |= 1 << qi;
                best[d] = 0.0;
            }
            touched.clear();
        }

        let required: u32 = words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.required)
            .fold(0, |m, (i, _)| m | 1 << i);
        let browse = words.is_empty();
        let mut partial = false;
        let mut matched: Vec<u32> = if browse {
            (0..n as u32).collect()
        } else {
            (0..n as u32)
                .filter(|&d| found[d as usize] & required == required && found[d as usize] != 0)
                .collect()
        };
        if matched.is_empty() && !browse && required.count_ones() > 1 {
            // Nobody has every word: keep the documents with the most of them.
            let most = (0..n)
                .map(|d| (found[d] & required).count_ones())
                .max()
                .unwrap_or(0);
            if most > 0 {
                partial = true;
                matched = (0..n as u32)
                    .filter(|&d| (found[d as usize] & required).count_ones() == most)
                    .collect();
            }
        }

        let mut counts = vec![0usize; self.categories.len()];
        for &d in &matched {
            counts[self.docs[d as usize].category as usize] += 1;
        }
        let total_all = matched.len();
        if let Some(cat) = &options.category {
            match self.categories.iter().position(|c| c == cat) {
                Some(ci) => matched.retain(|&d| self.docs[d as usize].category as usize == ci),
                None => matched.clear(),
            }
        }

        let max_views = (self.max_views as f32 + 1.0).ln().max(1.0);
        let final_score = |d: u32| -> f32 {
            let meta = &self.docs[d as usize];
            let prior = 1.0 + w.popularity * (meta.views as f32 + 1.0).ln() / max_views;
            score[d as usize] * prior
        };
        let sort = if browse && options.sort == SortOrder::Relevance {
            SortOrder::MostViewed
        } else {
            options.sort
        };
        let mut ranked: Vec<(u32, f32)> = matched.iter().map(|&d| (d, final_score(d))).collect();
        match sort {
            SortOrder::Relevance => ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))),
            SortOrder::Newest => ranked.sort_by(|a, b| {
                let (da, db) = (&self.docs[a.0 as usize], &self.docs[b.0 as usize]);
                db.updated
                    .cmp(&da.updated)
                    .then(b.1.total_cmp(&a.1))
                    .then(a.0.cmp(&b.0))
            }),
            SortOrder::MostViewed => ranked.sort_by(|a, b| {
                let (da, db) = (&self.docs[a.0 as usize], &self.docs[b.0 as usize]);
                db.views
                    .cmp(&da.views)
                    .then(b.1.total_cmp(&a.1))
                    .then(a.0.cmp(&b.0))
            }),
        }

        // Stop words rank but are not highlighted: "[How] [do] [I]" would only be noise.
        let matches = MatchSet::new(
            words
                .iter()
                .enumerate()
                .filter(|(_, w)| w.required)
                .flat_map(|(qi, w)| {
                    w.expansions
                        .iter()
                        .map(move |(term, _, _)| (term.clone(), qi))
                }),
        );
        let lang = self.query_lang;
        let hits = ranked
            .iter()
            .skip(options.offset)
            .take(options.limit)
            .filter_map(|&(d, s)| self.hit(d, s, &matches, lang, options.snippet_words))
            .collect();

        SearchResults {
            total: ranked.len(),
            total_all,
            hits,
            categories: self
                .categories
                .iter()
                .zip(counts)
                .map(|(c, count)| CategoryCount {
                    category: c.clone(),
                    count,
                })
                .collect(),
            partial,
        }
    }

    fn hit(
        &self,
        doc: u32,
        score: f32,
        matches: &MatchSet,
        lang: Language,
        words: usize,
    ) -> Option<Hit> {
        let meta = self.docs[doc as usize];
        let text = self.stored(doc).ok()?;
        let (snippet, snippet_highlights) = make_snippet(text.body, matches, lang, words);
        Some(Hit {
            id: text.id.to_string(),
            title: text.title.to_string(),
            url: text.url.to_string(),
            category: self.categories[meta.category as usize].clone(),
            section: text.section.to_string(),
            locale: self.locales[meta.locale as usize].clone(),
            published: format_ymd(meta.published),
            updated: format_ymd(meta.updated),
            views: meta.views,
            score,
            title_highlights: highlight_ranges(text.title, matches, lang),
            snippet,
            snippet_highlights,
        })
    }

    /// Tokenizes the query and expands each word against the term dictionary.
    fn parse_query(&self, query: &str) -> Vec<QueryWord> {
        let lang = self.query_lang;
        let mut tokens = tokenize(query, lang);
        tokens.truncate(MAX_QUERY_WORDS);
        // The word under the cursor is still being typed: treat it as a prefix.
        let typing = query.chars().last().is_some_and(|c| c.is_alphanumeric());
        let last = tokens.len().saturating_sub(1);
        let all_stop = tokens
            .iter()
            .all(|t| EN_STOP_WORDS.contains(&t.term.as_str()));

        let mut words = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            // A CJK run's final unigram duplicates what its bigrams already require.
            if token.kind == TokenKind::CjkUnigram
                && i > 0
                && tokens[i - 1].kind == TokenKind::CjkBigram
            {
                continue;
            }
            let is_last = i == last && typing;
            let mut expansions: Vec<(String, u64, MatchKind)> = Vec::new();
            let mut add = |term: String, offset: u64, kind: MatchKind| {
                if let Some(existing) = expansions.iter_mut().find(|(t, _, _)| *t == term) {
                    if kind.weight() > existing.2.weight() {
                        existing.2 = kind;
                    }
                } else {
                    expansions.push((term, offset, kind));
                }
            };
            let known = self.terms.get(&token.term);
            if let Some(offset) = known {
                add(token.term.clone(), offset, MatchKind::Exact);
            }
            let single_cjk = token.kind == TokenKind::CjkUnigram;
            if is_last || single_cjk {
                let raw = fold(&query[token.start..token.end]);
                for (term, offset) in self.prefix_terms(&raw) {
                    add(term, offset, MatchKind::Prefix);
                }
            }
            if token.kind == TokenKind::Word {
                let surface = fold(&query[token.start..token.end]);
                let chars = surface.chars().count();
                // Codes are exact: "TRC20" one edit from "ERC20" is another network, not a typo.
                let is_code = surface.chars().any(|c| c.is_ascii_digit());
                let mut distance = if is_code {
                    0
                } else if chars >= 8 {
                    2
                } else if chars >= 4 {
                    1
                } else {
                    0
                };
                if distance == 2 && known.is_some() {
                    // A word the dictionary knows is rarely two typos away from the one meant.
                    distance = 1;
                }
                if distance > 0 {
                    for (term, offset, d) in self.typo_terms(&surface, &token.term, distance) {
                        add(term, offset, MatchKind::Typo(d));
                    }
                }
            }
            let required = all_stop || !EN_STOP_WORDS.contains(&token.term.as_str());
            words.push(QueryWord {
                expansions,
                required,
            });
        }
        words
    }

    /// Dictionary terms reached from surface words (`words` fst) and terms matched directly.
    fn matching_terms<A: Automaton + Clone>(
        &self,
        automaton: A,
        lang: Language,
        cap: usize,
    ) -> Vec<(String, u64)> {
        let mut found: Vec<(String, u64)> = Vec::new();
        let mut stream = self.terms.search(automaton.clone()).into_stream();
        while let Some((term, offset)) = stream.next() {
            if let Ok(term) = std::str::from_utf8(term) {
                found.push((term.to_string(), offset));
            }
            if found.len() >= cap {
                return found;
            }
        }
        let mut stream = self.words.search(automaton).into_stream();
        while let Some(word) = stream.next() {
            let Ok(word) = std::str::from_utf8(word) else {
                continue;
            };
            // The surface word's stem is a term: the same tokenizer made both.
            for token in tokenize(word, lang) {
                if found.iter().any(|(t, _)| *t == token.term) {
                    continue;
                }
                if let Some(offset) = self.terms.get(&token.term) {
                    found.push((token.term, offset));
                }
            }
            if found.len() >= cap {
                break;
            }
        }
        found
    }

    fn prefix_terms(&self, prefix: &str) -> Vec<(String, u64)> {
        if prefix.is_empty() {
            return Vec::new();
        }
        let lang = self.query_lang;
        let mut found = self.matching_terms(Str::new(prefix).starts_with(), lang, MAX_PREFIX_SCAN);
        if found.len() > MAX_PREFIX_EXPANSIONS {
            found.sort_by_key(|(_, offset)| std::cmp::Reverse(self.doc_freq(*offset)));
            found.truncate(MAX_PREFIX_EXPANSIONS);
        }
        found
    }

    /// Terms within `distance` edits of the typed word (`surface`) or of its stem (`term`).
    /// One automaton per word, at the largest distance; the distance of each match is then
    /// measured on the (short) strings themselves.
    fn typo_terms(&self, surface: &str, term: &str, distance: u32) -> Vec<(String, u64, u32)> {
        let lang = self.query_lang;
        let mut out: Vec<(String, u64, u32)> = Vec::new();
        let sources: &[&str] = if surface == term {
            &[surface]
        } else {
            &[surface, term]
        };
        for &word in sources {
            let typo = Typo::new(word, distance as u8);
            for (t, offset) in self.matching_terms(&typo, lang, MAX_PREFIX_EXPANSIONS) {
                if t != term && !out.iter().any(|(o, _, _)| *o == t) {
                    let d = edit_distance(word, &t)
                        .min(edit_distance(surface, &t))
                        .clamp(1, distance as usize);
                    out.push((t, offset, d as u32));
                }
            }
        }
        out
    }

    /// Distinct dictionary terms that start with `prefix`, for suggestions and tests.
    pub fn terms_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.prefix_terms(&fold(prefix))
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }
}

/// Levenshtein distance by the classic two-row dynamic programme, over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

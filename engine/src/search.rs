//! Query evaluation: parse the query (words, "phrases", -exclusions; `query.rs`), expand each
//! word against the term dictionary (exact, prefix for the word being typed, typo-tolerant) and
//! the synonyms, score with BM25F, a proximity bonus and a small popularity prior, count per
//! category, sort, build result hits, and suggest a corrected query when little was found.

use fst::automaton::{Automaton, Str};

use crate::date::format_ymd;
use crate::format::Weights;
use crate::function_words::{cjk_function_chars, is_cjk_function_char, is_function_word};
use crate::index::Index;
use crate::query::{parse, PartKind};
use crate::snippet::{highlight_ranges, scan, scan_until_covered, snippet_from, MatchSet, Scanned};
use crate::tokenizer::{fold, is_cjk, tokenize, Language, Token, TokenKind};
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
    /// Only documents of this locale, with the query stemmed for its language ("de",
    /// "zh-CN"; a bare language matches its first regional locale). Unknown: every locale.
    pub locale: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            category: None,
            sort: SortOrder::Relevance,
            snippet_words: 30,
            locale: None,
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
    /// A split index only: the body text for the snippet is not loaded yet (see
    /// [`SearchResults::missing_parts`]); `snippet` is empty until it is.
    pub snippet_pending: bool,
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
    /// The page of results, best first. A split index lists them only up to the first one
    /// whose place is not settled: its title is not loaded, or the best few are ordered by
    /// how close the words stand and its text, or that of one that could still overtake it,
    /// is not loaded. What it lists never moves as more parts arrive.
    pub hits: Vec<Hit>,
    /// Counts for every category of the index, in index order, for the current query.
    pub categories: Vec<CategoryCount>,
    /// True when no document had every word and these are the best partial matches.
    pub partial: bool,
    /// "Did you mean": the query with misspelt words corrected, offered when some word
    /// matched only through typo tolerance or not at all.
    pub suggestion: Option<String>,
    /// A split index only: parts (ids into [`Index::parts`]) this search needed and did not
    /// have, in the order to fetch them: term chunks, then the title and the body fragment of
    /// each hit, best first. Load them with [`Index::add_part`] and search again for the
    /// complete answer. Empty when the answer is complete.
    pub missing_parts: Vec<usize>,
}

/// What an expansion depends on: the typed word, its term, and how it may be expanded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ExpansionKey {
    surface: String,
    term: String,
    kind: u8,
    prefix: bool,
    typos: bool,
    lang: u8,
}

/// Dictionary expansions of one query word: (term, postings offset, how it matched).
pub(crate) type Expansions = Vec<(String, u64, MatchKind)>;

/// Expansions remembered at most; the cache is emptied when full.
const EXPANSION_CACHE_LIMIT: usize = 512;

/// How a dictionary term came to match a query word; decides its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum MatchKind {
    Exact,
    Prefix,
    Typo(u32),
}

impl MatchKind {
    fn weight(self, w: &Weights) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Prefix => w.prefix,
            MatchKind::Typo(1) => w.typo1,
            MatchKind::Typo(_) => w.typo2,
        }
    }

    fn rank(self) -> u8 {
        match self {
            MatchKind::Exact => 3,
            MatchKind::Prefix => 2,
            MatchKind::Typo(1) => 1,
            MatchKind::Typo(_) => 0,
        }
    }
}

/// One query word with the dictionary terms it stands for.
struct Word {
    /// (term, postings offset, how it matched)
    expansions: Vec<(String, u64, MatchKind)>,
    /// Where the word was typed, in the query string (for "did you mean").
    span: (usize, usize),
    /// Matched only through typo correction (or not at all).
    corrected: bool,
}

/// Something the query requires: one word, a phrase, or a set of equivalent alternatives from
/// the synonyms (each alternative a list of words that must all match).
struct Clause {
    alternatives: Vec<Vec<Word>>,
    /// The words of each alternative must also stand next to each other, in order.
    phrase: bool,
    /// A common question word: it ranks a little but is not required.
    stop: bool,
    /// A stop word from the tables of `function_words.rs`: it ranks hardly at all. Unlike
    /// English question words, which most articles share, CJK function words are rare in the
    /// articles of their language (a help text does not ask "如何"), so their idf would make
    /// them count. The tables of spaced languages (German, French, Spanish, Russian) are
    /// weighted the same way, although their question words are as common in article titles
    /// as English ones ("Warum wird…").
    function_word: bool,
    /// Ranks fully but is not required: a single CJK character between function words,
    /// whose completions are too many to insist on.
    optional: bool,
    /// How many words of the first alternative a document needs (all, except for runs of
    /// CJK bigrams, where most will do: a question rarely repeats an article's exact wording).
    min_words: usize,
    /// A run of CJK bigrams: if nothing matches the query, one bigram of it will do.
    cjk: bool,
    /// A long CJK run (a question, five characters or more): any of its bigrams matches,
    /// more and rarer ones score higher, and bigrams matched next to each other (the longer
    /// substrings of the run) raise the score further.
    contiguous: bool,
    /// Bit `j` set: words `j` and `j + 1` are neighbouring bigrams of the query (for
    /// [`Clause::contiguous`]).
    links: u64,
}

impl Clause {
    fn new(alternatives: Vec<Vec<Word>>) -> Clause {
        Clause {
            alternatives,
            phrase: false,
            stop: false,
            function_word: false,
            optional: false,
            min_words: usize::MAX,
            cjk: false,
            contiguous: false,
            links: 0,
        }
    }

    /// Required for a document to count as a full match.
    fn required(&self) -> bool {
        !self.stop && !self.optional
    }
}

/// Per document: the text score and a bit per clause found (anywhere, in the title, in the body).
struct Scores {
    score: Vec<f32>,
    found: Vec<u32>,
    in_title: Vec<u32>,
    in_body: Vec<u32>,
}

/// The query turned into dictionary lookups.
struct Plan {
    clauses: Vec<Clause>,
    /// Each exclusion lists, per word, the postings of the terms it stands for.
    exclusions: Vec<Vec<Vec<u64>>>,
    /// The index's miss count before planning: a higher one after means a split index lacked
    /// parts the query needs.
    misses_before: usize,
}

impl Plan {
    /// The relaxed plan, for a query the strict one found nothing for: every CJK run needs
    /// only one of its bigrams and ranks by how many, how rare and how contiguous. Whether
    /// anything changed.
    fn relax(&mut self) -> bool {
        let mut changed = false;
        for clause in self.clauses.iter_mut().filter(|c| c.cjk && !c.stop) {
            if clause.min_words > 1 || !clause.contiguous {
                clause.min_words = 1;
                clause.contiguous = true;
                changed = true;
            }
        }
        changed
    }
}

/// A prefix may stand for at most this many terms (the most frequent are kept).
const MAX_PREFIX_EXPANSIONS: usize = 64;
/// The completions of a prefix may hold at most this many postings together (or half the
/// documents, if more), the first always kept.
const PREFIX_POSTINGS_BUDGET: u64 = 20_000;
/// A prefix is looked up among at most this many dictionary terms before choosing.
const MAX_PREFIX_SCAN: usize = 4096;
/// Longer queries are cut here: nobody types more, and it bounds the work per keystroke.
const MAX_QUERY_WORDS: usize = 16;
const MAX_QUERY_BYTES: usize = 1024;
/// A split index: how many term chunks a word being typed may span for them to be fetched
/// with its own (more, and its completions are too many to be worth it before it is known).
const PREFIX_CHUNKS_AHEAD: usize = 3;
/// The best results by text score are re-ordered by how close their words stand: this many.
const PROXIMITY_RERANK: usize = 10;
/// Words count as close when they fall within this many consecutive tokens.
const PROXIMITY_WINDOW: usize = 8;
/// Field flags of a word's match in a document.
const IN_TITLE: u16 = 1;
const IN_BODY: u16 = 2;

/// Snippets and proximity look at most this many bytes of a body: a long manual page would
/// otherwise cost milliseconds per keystroke to re-tokenize, and its opening is what best
/// describes it.
pub(crate) const SCAN_BYTES: usize = 8_000;

/// The start of `body` that snippets and proximity look at, cut at a character boundary.
fn scanned_part(body: &str) -> &str {
    truncate(body, SCAN_BYTES)
}

/// A query word found in at least this many documents is taken as typed, without typo search.
const KNOWN_WORD_DF: u64 = 3;
/// Below this many documents with every word, those missing one word are listed after them.
const PARTIAL_FILL: usize = 10;
/// A CJK run of at least this many characters (function words included) is a question or a
/// long phrase rather than a keyword: any of its bigrams matches (see [`Clause::contiguous`]).
/// In shorter runs, each topic between function words is a keyword and needs most of its
/// bigrams.
const SOFT_RUN_CHARS: usize = 5;
/// How much a long CJK run's score grows when all its matched bigrams stand next to each
/// other in the query (the article holds the run's longer substrings): by `1 + this * share of
/// neighbouring bigram pairs matched`.
const CONTIGUITY_BONUS: f32 = 1.0;
/// A function word's share of the weight of an English stop word ([`Clause::function_word`]).
const FUNCTION_WORD_SHARE: f32 = 0.25;
/// A phrase is checked against at most this many candidate documents (each is re-tokenized).
const MAX_PHRASE_CHECKS: usize = 4000;

/// Words that carry little meaning in a question ("how do i reset my password"). They still
/// count when a query holds nothing else.
const EN_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "be", "by", "can", "do", "doe", "for", "from", "how", "i", "if",
    "in", "is", "it", "my", "of", "on", "or", "the", "to", "what", "when", "where", "whi", "why",
    "with", "you", "your", "me", "should", "would", "could", "get", "there", "this", "that",
    "which", "who", "will", "have", "has", "had", "much", "mani", "need", "want", "was", "were",
    "been", "am", "did", "ani", "some",
];

/// Per-document scratch space reused across the words of one query.
struct Scratch {
    values: Vec<f32>,
    counts: Vec<u16>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            values: vec![0.0; n],
            counts: vec![0; n],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, doc: u32, value: f32, count: u16) {
        let d = doc as usize;
        if self.counts[d] == 0 && self.values[d] == 0.0 {
            self.touched.push(doc);
        }
        self.values[d] += value;
        self.counts[d] += count;
    }

    /// Takes the touched documents with their values and counts, and clears the space.
    fn drain(&mut self) -> Vec<(u32, f32, u16)> {
        let out = self
            .touched
            .iter()
            .map(|&d| (d, self.values[d as usize], self.counts[d as usize]))
            .collect();
        for &d in &self.touched {
            self.values[d as usize] = 0.0;
            self.counts[d as usize] = 0;
        }
        self.touched.clear();
        out
    }
}

impl Index {
    /// Runs `query`. An empty query lists articles by the chosen sort (most viewed for relevance).
    pub fn search(&self, query: &str, options: &SearchOptions) -> SearchResults {
        // Parts noted by earlier calls are not this search's business.
        let _ = self.take_missing_parts();
        let query = truncate(query, MAX_QUERY_BYTES);
        let locale = options.locale.as_deref().and_then(|l| self.locale_index(l));
        let lang = match locale {
            Some(i) => Language::from_locale(&self.locales[i]),
            None => self.query_lang,
        };
        let mut plan = self.plan(query, lang);
        let n = self.docs.len();
        let w = self.weights;
        let Scores {
            mut score,
            mut found,
            mut in_title,
            mut in_body,
        } = self.score_clauses(&plan, lang);

        let mut excluded = vec![false; n];
        for exclusion in &plan.exclusions {
            let mut hits = vec![0usize; n];
            for offsets in exclusion {
                let mut seen = vec![false; n];
                for &offset in offsets {
                    let _ = self.for_each_posting(offset, |doc, _, _, _| seen[doc as usize] = true);
                }
                for (h, s) in hits.iter_mut().zip(seen) {
                    *h += usize::from(s);
                }
            }
            for (x, h) in excluded.iter_mut().zip(hits) {
                *x |= h == exclusion.len() && h > 0;
            }
        }
        let allowed = |d: usize| -> bool {
            !excluded[d] && locale.is_none_or(|l| self.docs[d].locale as usize == l)
        };

        let browse = plan.clauses.is_empty();
        let (mut matched, mut partial) = select(&plan, &found, &allowed);
        if matched.is_empty() && !browse && plan.relax() {
            // Nothing had what the strict plan asks: a question is never answered with
            // nothing while some of its words are in the articles.
            Scores {
                score,
                found,
                in_title,
                in_body,
            } = self.score_clauses(&plan, lang);
            (matched, partial) = select(&plan, &found, &allowed);
        }
        let required = required_mask(&plan);
        let wanted = required.count_ones();
        let coverage = |d: usize| (found[d] & required).count_ones();

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
            let titled = if wanted > 0 {
                (in_title[d as usize] & required).count_ones() as f32 / wanted as f32
            } else {
                0.0
            };
            score[d as usize] * prior * (1.0 + w.title_match * titled)
        };
        let sort = if browse && options.sort == SortOrder::Relevance {
            SortOrder::MostViewed
        } else {
            options.sort
        };
        let mut ranked: Vec<(u32, f32)> = matched.iter().map(|&d| (d, final_score(d))).collect();
        // Documents with more of the query's words come first, whatever the sort.
        let tier = |d: u32| if browse { 0 } else { coverage(d as usize) };
        // Within a tier: the sort's own key (none for relevance), then score, then ordinal.
        let sort_key = |d: u32| -> u64 {
            let meta = &self.docs[d as usize];
            match sort {
                SortOrder::Relevance => 0,
                SortOrder::Newest => meta.updated.max(0) as u64,
                SortOrder::MostViewed => meta.views,
            }
        };
        let by_score = |a: &(u32, f32), b: &(u32, f32)| {
            tier(b.0)
                .cmp(&tier(a.0))
                .then(sort_key(b.0).cmp(&sort_key(a.0)))
                .then(b.1.total_cmp(&a.1))
                .then(a.0.cmp(&b.0))
        };
        // Only the page asked for (and the few the proximity pass re-ranks) need an order:
        // select them first, then sort just those. Sorting every match cost milliseconds on a
        // large corpus, where a one-letter prefix matches nearly every document.
        let shown = options
            .offset
            .saturating_add(options.limit)
            .max(PROXIMITY_RERANK);
        if ranked.len() > shown {
            ranked.select_nth_unstable_by(shown, by_score);
            ranked.truncate(shown);
        }
        ranked.sort_by(by_score);
        let total = matched.len();

        // Stop words rank but are not highlighted: "[How] [do] [I]" would only be noise.
        let matches = MatchSet::new(
            plan.clauses
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.stop)
                .flat_map(|(ci, c)| {
                    c.alternatives.iter().flatten().flat_map(move |w| {
                        w.expansions.iter().map(move |(t, _, _)| (t.clone(), ci))
                    })
                }),
        );
        let mut scanned: Vec<Option<(u32, Scanned)>> = Vec::new();
        let needed = required.count_ones() as usize;
        // Re-ordered by proximity: these documents (split index: their place is final only
        // once their text is loaded), and the highest score one of them whose text is not
        // loaded yet could still reach.
        let mut reranked: &[(u32, f32)] = &[];
        let mut unsure = f32::NEG_INFINITY;
        if sort == SortOrder::Relevance && needed > 1 && w.proximity > 0.0 {
            // Among the best few, prefer those whose words stand together: the body is scanned
            // for the snippet anyway, so the measure costs little.
            let top = ranked.len().min(PROXIMITY_RERANK);
            for entry in ranked.iter_mut().take(top) {
                let (doc, s) = *entry;
                if !self.has_body(doc) {
                    // Its text is asked for (reading it notes the missing fragments) even if
                    // it falls beyond the page: the hits above it wait for it.
                    let _ = self.stored(doc);
                    unsure = unsure.max(s * (1.0 + w.proximity));
                    scanned.push(None);
                    continue;
                }
                let Ok(text) = self.stored(doc) else {
                    scanned.push(None);
                    continue;
                };
                let body = scan_until_covered(
                    scanned_part(text.body),
                    &matches,
                    lang,
                    options.snippet_words,
                    (in_body[doc as usize] & required).count_ones() as usize,
                );
                let title = scan(text.title, &matches, lang);
                let close = body
                    .closest(PROXIMITY_WINDOW)
                    .max(title.closest(PROXIMITY_WINDOW))
                    .min(needed);
                let closeness = (close.saturating_sub(1)) as f32 / (needed - 1) as f32;
                entry.1 = s * (1.0 + w.proximity * closeness);
                scanned.push(Some((doc, body)));
            }
            ranked[..top].sort_by(by_score);
            reranked = &ranked[..top];
        }

        let shown: Vec<u32> = ranked
            .iter()
            .skip(options.offset)
            .take(options.limit)
            .map(|&(d, _)| d)
            .collect();
        // In rank order, up to the first hit whose place or title is not known yet (a split
        // index): a hit shows once its title is loaded and, if re-ordered by proximity, its
        // text too and no document still without text could overtake it. So the list grows
        // from the top as parts arrive and what it shows never moves. `missing_parts` asks
        // for the rest.
        let settled = |d: u32, s: f32| {
            self.has_title(d)
                && (!reranked.iter().any(|&(r, _)| r == d) || (self.has_body(d) && s >= unsure))
        };
        let hits = ranked
            .iter()
            .skip(options.offset)
            .take(options.limit)
            .take_while(|&&(d, s)| settled(d, s))
            .filter_map(|&(d, s)| {
                let body = scanned
                    .iter_mut()
                    .find(|e| e.as_ref().is_some_and(|(doc, _)| *doc == d))
                    .and_then(Option::take)
                    .map(|(_, b)| b);
                let want = (in_body[d as usize] & required).count_ones() as usize;
                self.hit(d, s, &matches, lang, options.snippet_words, body, want)
            })
            .collect();

        // Offered when a word was only matched through typo tolerance (or not at all): the
        // results may be right, but the reader should see what was searched for.
        let suggestion = self.suggest(query, &plan, lang);

        SearchResults {
            total,
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
            suggestion,
            missing_parts: self.take_missing_parts_for(&shown),
        }
    }

    /// Scores every clause of the plan over the whole index.
    fn score_clauses(&self, plan: &Plan, lang: Language) -> Scores {
        let n = self.docs.len();
        let w = self.weights;
        // Per document: accumulated score and a bit per clause found.
        let mut score = vec![0f32; n];
        let mut found = vec![0u32; n];
        // Per document, a bit per clause found in the title.
        let mut in_title = vec![0u32; n];
        // ...and in the body (how many a snippet can show).
        let mut in_body = vec![0u32; n];
        let mut scratch = Scratch::new(n);
        let mut best = Scratch::new(n);
        for (ci, clause) in plan.clauses.iter().enumerate() {
            if clause.stop && self.is_everywhere(clause) {
                // A question word in most documents adds almost nothing (its idf is near
                // zero) but costs a pass over a huge postings list.
                continue;
            }
            let mut clause_best: Vec<(u32, f32)> = Vec::new();
            for (ai, alternative) in clause.alternatives.iter().enumerate() {
                // A long CJK run: which of its bigrams each document holds (the first 64).
                let mut matched_bigrams: Vec<u64> = if clause.contiguous && ai == 0 {
                    vec![0; n]
                } else {
                    Vec::new()
                };
                for (wi, word) in alternative.iter().enumerate() {
                    for (doc, value, fields) in self.word_scores(word, &mut best) {
                        scratch.add(doc, value, 1);
                        if wi < 64 {
                            if let Some(m) = matched_bigrams.get_mut(doc as usize) {
                                *m |= 1 << wi;
                            }
                        }
                        if fields & IN_TITLE != 0 {
                            in_title[doc as usize] |= 1 << ci;
                        }
                        if fields & IN_BODY != 0 {
                            in_body[doc as usize] |= 1 << ci;
                        }
                    }
                }
                let need = if ai == 0 {
                    clause.min_words.min(alternative.len())
                } else {
                    alternative.len()
                } as u16;
                let mut complete: Vec<(u32, f32)> = scratch
                    .drain()
                    .into_iter()
                    .filter(|&(_, _, count)| count >= need)
                    .map(|(d, v, _)| (d, v))
                    .collect();
                if clause.phrase && alternative.len() > 1 {
                    self.keep_phrase_matches(&mut complete, alternative, lang);
                }
                if !matched_bigrams.is_empty() && clause.links != 0 {
                    // Neighbouring bigrams both matched: the article likely holds the three
                    // characters they span, and a run of them the longer substring.
                    let pairs = clause.links.count_ones() as f32;
                    for (d, v) in &mut complete {
                        let m = matched_bigrams[*d as usize];
                        let adjacent = (m & (m >> 1) & clause.links).count_ones() as f32;
                        *v *= 1.0 + CONTIGUITY_BONUS * adjacent / pairs;
                    }
                }
                // Alternatives from the synonyms other than what was typed count a little less.
                let factor = if ai == 0 { 1.0 } else { 0.9 };
                clause_best.extend(complete.into_iter().map(|(d, v)| (d, v * factor)));
            }
            // The best alternative per document.
            for (doc, value) in clause_best {
                let d = doc as usize;
                if best.values[d] == 0.0 {
                    best.touched.push(doc);
                }
                best.values[d] = best.values[d].max(value.max(f32::MIN_POSITIVE));
            }
            let factor = match (clause.stop, clause.function_word) {
                (true, true) => w.stop_word * FUNCTION_WORD_SHARE,
                (true, false) => w.stop_word,
                _ => 1.0,
            };
            for (doc, value, _) in best.drain() {
                score[doc as usize] += value * factor;
                found[doc as usize] |= 1 << ci;
            }
        }
        Scores {
            score,
            found,
            in_title,
            in_body,
        }
    }

    // The hit's document, score and how to show it; grouping them would only rename them.
    #[allow(clippy::too_many_arguments)]
    fn hit(
        &self,
        doc: u32,
        score: f32,
        matches: &MatchSet,
        lang: Language,
        words: usize,
        body: Option<Scanned>,
        want: usize,
    ) -> Option<Hit> {
        let meta = self.docs[doc as usize];
        let text = self.stored(doc).ok()?;
        let part = scanned_part(text.body);
        let body = body.unwrap_or_else(|| scan_until_covered(part, matches, lang, words, want));
        let (mut snippet, snippet_highlights) = snippet_from(part, &body, words);
        if part.len() < text.body.len() && !snippet.ends_with('…') {
            snippet.push('…');
        }
        Some(Hit {
            id: text.id.to_string(),
            title: text.title.to_string(),
            url: text.url.to_string(),
            category: self.categories[meta.category as usize].clone(),
            section: text.section.to_string(),
            locale: self.locales[meta.locale as usize].clone(),
            published: format_ymd(text.published.unwrap_or(meta.published)),
            updated: format_ymd(meta.updated),
            views: meta.views,
            score,
            title_highlights: highlight_ranges(text.title, matches, lang),
            snippet,
            snippet_highlights,
            snippet_pending: !self.has_body(doc),
        })
    }

    /// Whether every word of the clause is in more than a tenth of the documents.
    fn is_everywhere(&self, clause: &Clause) -> bool {
        let many = self.docs.len() as u64 / 10;
        clause.alternatives.iter().flatten().all(|w| {
            w.expansions
                .iter()
                .map(|(_, o, _)| self.doc_freq(*o))
                .max()
                .is_some_and(|df| df > many)
        })
    }

    /// The index of the locale a search asked for: exact (case-insensitive), else the first
    /// locale of the same language ("zh" → "zh-CN"). `None` searches every locale.
    fn locale_index(&self, wanted: &str) -> Option<usize> {
        let wanted = wanted.trim();
        if wanted.is_empty() {
            return None;
        }
        let primary = |l: &str| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        self.locales
            .iter()
            .position(|l| l.eq_ignore_ascii_case(wanted))
            .or_else(|| {
                let p = primary(wanted);
                self.locales.iter().position(|l| primary(l) == p)
            })
    }

    /// Per-document score of one word: the best of its expansions, with one idf per word
    /// (from its most common expansion, so "libreoffic" does not score as a rare word because
    /// it also prefixes a rare "libreoffice's").
    /// Returns (document, score, fields) where fields has [`IN_TITLE`] and/or [`IN_BODY`].
    fn word_scores(&self, word: &Word, best: &mut Scratch) -> Vec<(u32, f32, u16)> {
        let w = self.weights;
        let doc_count = self.docs.len() as f32;
        let df = word
            .expansions
            .iter()
            .map(|(_, o, _)| self.doc_freq(*o))
            .max()
            .unwrap_or(0) as f32;
        let idf = ((doc_count - df + 0.5) / (df + 0.5) + 1.0).ln();
        for (_, offset, kind) in &word.expansions {
            let weight = kind.weight(&w) * idf;
            let _ = self.for_each_posting(*offset, |doc, t, s, b| {
                let d = &self.docs[doc as usize];
                let f = &d.field_factors;
                let tf = t as f32 * f[0] + s as f32 * f[1] + b as f32 * f[2];
                let contribution =
                    (weight * tf * (w.k1 + 1.0) / (tf + w.k1)).max(f32::MIN_POSITIVE);
                let slot = &mut best.values[doc as usize];
                if *slot == 0.0 {
                    best.touched.push(doc);
                }
                if contribution > *slot {
                    *slot = contribution;
                }
                let fields = &mut best.counts[doc as usize];
                if t > 0 {
                    *fields |= IN_TITLE;
                }
                if b > 0 {
                    *fields |= IN_BODY;
                }
            });
        }
        best.drain()
    }

    /// Drops the candidates in which the words of `phrase` do not stand together, in order,
    /// in the title, section or body.
    fn keep_phrase_matches(
        &self,
        candidates: &mut Vec<(u32, f32)>,
        phrase: &[Word],
        lang: Language,
    ) {
        let set = MatchSet::new(
            phrase
                .iter()
                .enumerate()
                .rev()
                .flat_map(|(i, w)| w.expansions.iter().map(move |(t, _, _)| (t.clone(), i))),
        );
        let ids: Vec<usize> = (0..phrase.len()).collect();
        candidates.truncate(MAX_PHRASE_CHECKS);
        candidates.retain(|&(doc, _)| {
            // A split index checks the phrase only in text already loaded; fetching the text of
            // thousands of candidates would cost more than the check is worth.
            if !self.text_loaded(doc) {
                return true;
            }
            let Ok(text) = self.stored(doc) else {
                return false;
            };
            [text.title, text.section, text.body]
                .iter()
                .any(|field| scan(field, &set, lang).has_sequence(&ids))
        });
    }

    /// Turns the query into clauses: words, phrases, synonym alternatives and exclusions.
    fn plan(&self, query: &str, lang: Language) -> Plan {
        let misses_before = self.missing_count();
        let parsed = parse(query, lang);
        let synonyms = self.synonym_terms(lang);
        let last_part = parsed.parts.len().saturating_sub(1);
        // Function words are left out only where something else is left: a query made only
        // of them ("how", "如何") searches for them.
        let all_stop = parsed
            .parts
            .iter()
            .filter(|p| p.kind != PartKind::Exclude)
            .all(|p| {
                let tokens = drop_redundant_unigrams(&p.tokens);
                let all = cjk_runs(&tokens).all(|(a, b)| match tokens[a].kind {
                    TokenKind::CjkBigram => {
                        run_function_chars(query, &tokens[a..b]).iter().all(|&f| f)
                    }
                    _ => is_stop_token(query, &tokens[a], lang),
                });
                all
            });

        let mut clauses: Vec<Clause> = Vec::new();
        let mut exclusions = Vec::new();
        for (pi, part) in parsed.parts.iter().enumerate() {
            let tokens = drop_redundant_unigrams(&part.tokens);
            let typing_at = (pi == last_part && parsed.typing_last).then(|| tokens.len() - 1);
            match part.kind {
                PartKind::Exclude => {
                    let words = tokens
                        .iter()
                        .map(|t| self.terms_offsets_exact(&t.term))
                        .collect();
                    exclusions.push(words);
                }
                PartKind::Phrase => {
                    let words = tokens
                        .iter()
                        .enumerate()
                        .map(|(i, t)| self.expand(query, t, typing_at == Some(i), false, lang))
                        .collect();
                    clauses.push(Clause {
                        phrase: true,
                        ..Clause::new(vec![words])
                    });
                }
                PartKind::Plain => {
                    let mut i = 0;
                    while i < tokens.len() {
                        if let Some((len, group)) = longest_synonym(&tokens[i..], &synonyms) {
                            let typed: Vec<Word> = (i..i + len)
                                .map(|j| {
                                    self.expand(query, &tokens[j], typing_at == Some(j), true, lang)
                                })
                                .collect();
                            let typed_terms: Vec<&str> =
                                tokens[i..i + len].iter().map(|t| t.term.as_str()).collect();
                            let mut alternatives = vec![typed];
                            for member in &synonyms[group] {
                                if member
                                    .iter()
                                    .map(String::as_str)
                                    .eq(typed_terms.iter().copied())
                                {
                                    continue;
                                }
                                let words: Option<Vec<Word>> =
                                    member.iter().map(|term| self.exact_word(term)).collect();
                                if let Some(words) = words {
                                    alternatives.push(words);
                                }
                            }
                            clauses.push(Clause::new(alternatives));
                            i += len;
                            continue;
                        }
                        let t = &tokens[i];
                        if t.kind == TokenKind::CjkBigram {
                            let run_end = cjk_run_end(&tokens, i);
                            let typing = typing_at.and_then(|k| k.checked_sub(i));
                            self.plan_cjk_run(
                                query,
                                &tokens[i..run_end],
                                typing,
                                all_stop,
                                lang,
                                &mut clauses,
                            );
                            i = run_end;
                            continue;
                        }
                        let stop = !all_stop && is_stop_token(query, t, lang);
                        let next = tokens.get(i + 1);
                        if let Some(compound) = next
                            .filter(|_| !stop && lang.compounds())
                            .and_then(|next| self.compound_of(query, t, next, lang))
                        {
                            // "Seiten Zahl": the two words, or the one word the articles
                            // write ("Seitenzahl").
                            let typed = vec![
                                self.expand(query, t, typing_at == Some(i), true, lang),
                                self.expand(
                                    query,
                                    &tokens[i + 1],
                                    typing_at == Some(i + 1),
                                    true,
                                    lang,
                                ),
                            ];
                            clauses.push(Clause::new(vec![typed, vec![compound]]));
                            i += 2;
                            continue;
                        }
                        let word = self.expand(query, t, typing_at == Some(i), true, lang);
                        let unknown = word.corrected;
                        let mut alternatives = vec![vec![word]];
                        if !stop && unknown && lang.compounds() {
                            // An unknown compound ("Pivottabelle"): also its two known parts.
                            alternatives.extend(self.compound_parts(t, lang));
                        }
                        clauses.push(Clause {
                            stop,
                            function_word: stop && !EN_STOP_WORDS.contains(&t.term.as_str()),
                            ..Clause::new(alternatives)
                        });
                        i += 1;
                    }
                }
            }
        }
        clauses.truncate(MAX_QUERY_WORDS);
        exclusions.truncate(MAX_QUERY_WORDS);
        Plan {
            clauses,
            exclusions,
            misses_before,
        }
    }

    /// Plans one run of CJK bigrams: its function words ("如何", "には", a Korean ending) are
    /// left out, which splits it into the topics between them. A topic of two to four
    /// characters is a keyword and needs most of its bigrams; a longer one any of them,
    /// ranked by how many, how rare and how contiguous ([`Clause::contiguous`]); a single
    /// character ranks by its completions without being required.
    fn plan_cjk_run(
        &self,
        query: &str,
        run: &[Token],
        typing: Option<usize>,
        all_stop: bool,
        lang: Language,
        clauses: &mut Vec<Clause>,
    ) {
        let marks = run_function_chars(query, run);
        let expand = |j: usize| self.expand(query, &run[j], typing == Some(j), false, lang);
        if marks.iter().all(|&f| f) {
            // Only function words: a question word, or what is searched for when the query
            // holds nothing else.
            let words: Vec<Word> = (0..run.len()).map(expand).collect();
            clauses.push(Clause {
                stop: !all_stop,
                function_word: !all_stop,
                min_words: words.len().div_ceil(2).max(1),
                cjk: true,
                ..Clause::new(vec![words])
            });
            return;
        }
        // The topics between the function words: (first character, end).
        let mut segments: Vec<(usize, usize)> = Vec::new();
        let mut a = 0;
        while a < marks.len() {
            if marks[a] {
                a += 1;
                continue;
            }
            let b = (a..marks.len()).find(|&k| marks[k]).unwrap_or(marks.len());
            segments.push((a, b));
            a = b;
        }
        let single = |a: usize| self.expand(query, &run_char(query, run, a), false, false, lang);
        if marks.len() >= SOFT_RUN_CHARS {
            // A question or a long phrase: one clause of every topic's bigrams (and single
            // characters), of which any will do.
            let mut words: Vec<Word> = Vec::new();
            let mut links = 0u64;
            for &(a, b) in &segments {
                if b - a == 1 {
                    words.push(single(a));
                    continue;
                }
                // Bigram k spans characters k and k + 1.
                for k in a..b - 1 {
                    if k > a && words.len() < 64 {
                        links |= 1 << (words.len() - 1);
                    }
                    words.push(expand(k));
                }
            }
            clauses.push(Clause {
                min_words: 1,
                cjk: true,
                contiguous: true,
                links,
                ..Clause::new(vec![words])
            });
            return;
        }
        for (a, b) in segments {
            if b - a == 1 {
                clauses.push(Clause {
                    optional: true,
                    ..Clause::new(vec![vec![single(a)]])
                });
            } else {
                // A keyword: most of its bigrams.
                let words: Vec<Word> = (a..b - 1).map(expand).collect();
                clauses.push(Clause {
                    min_words: words.len().div_ceil(2).max(1),
                    cjk: true,
                    links: consecutive(words.len()),
                    ..Clause::new(vec![words])
                });
            }
        }
    }

    /// A dictionary term as a word of its own (a synonym, a compound).
    fn exact_word(&self, term: &str) -> Option<Word> {
        let (offset, _) = self.lookup(term)?;
        Some(Word {
            expansions: vec![(term.to_string(), offset, MatchKind::Exact)],
            span: (0, 0),
            corrected: false,
        })
    }

    /// Two typed words that the articles write as one ("Seiten Zahl" → "seitenzahl"): that
    /// word, if the dictionary has it.
    fn compound_of(&self, query: &str, a: &Token, b: &Token, lang: Language) -> Option<Word> {
        let plain = |t: &Token| {
            t.kind == TokenKind::Word
                && query[t.start..t.end].chars().count() >= 2
                && !query[t.start..t.end].chars().any(|c| c.is_ascii_digit())
        };
        let between = query.get(a.end..b.start)?;
        if !plain(a) || !plain(b) || !between.chars().all(|c| c.is_whitespace() || c == '-') {
            return None;
        }
        let joined = fold(&query[a.start..a.end]) + &fold(&query[b.start..b.end]);
        let tokens = tokenize(&joined, lang);
        let [token] = tokens.as_slice() else {
            return None;
        };
        self.exact_word(&token.term)
    }

    /// An unknown long word that is two dictionary words ("pivottabelle" → "pivot",
    /// "tabelle"), with or without a linking "s" ("zeilenabstand…"). The split with the
    /// longest first part wins.
    fn compound_parts(&self, token: &Token, lang: Language) -> Option<Vec<Word>> {
        const MIN_PART: usize = 3;
        if token.kind != TokenKind::Word || self.lookup(&token.term).is_some() {
            return None;
        }
        let surface: Vec<char> = token.term.chars().collect();
        let chars = surface.len();
        if chars < 2 * MIN_PART + 2 || surface.iter().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let word = |part: &[char]| -> Option<Word> {
            let text: String = part.iter().collect();
            let tokens = tokenize(&text, lang);
            let [t] = tokens.as_slice() else {
                return None;
            };
            self.exact_word(&t.term)
        };
        (MIN_PART..=chars - MIN_PART).rev().find_map(|k| {
            let right = word(&surface[k..])?;
            let left = word(&surface[..k]).or_else(|| {
                (surface[k - 1] == 's' && k > MIN_PART)
                    .then(|| word(&surface[..k - 1]))
                    .flatten()
            })?;
            Some(vec![left, right])
        })
    }

    /// The synonym groups, each member tokenized into terms as a query would be.
    fn synonym_terms(&self, lang: Language) -> Vec<Vec<Vec<String>>> {
        self.synonyms
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|member| {
                        drop_redundant_unigrams(&tokenize(member, lang))
                            .into_iter()
                            .map(|t| t.term)
                            .collect::<Vec<_>>()
                    })
                    .filter(|m| !m.is_empty())
                    .collect()
            })
            .collect()
    }

    fn terms_offsets_exact(&self, term: &str) -> Vec<u64> {
        self.lookup(term).map(|(o, _)| o).into_iter().collect()
    }

    /// Expands one query token against the dictionary: exact, prefix when it is being typed
    /// (or a single CJK character), and typo-tolerant when `typos` allows.
    fn expand(
        &self,
        query: &str,
        token: &Token,
        prefix: bool,
        typos: bool,
        lang: Language,
    ) -> Word {
        // Typing a question repeats the same words on every keystroke: remember the last few
        // hundred expansions (this halved the time per keystroke of long questions).
        let key = ExpansionKey {
            surface: query[token.start..token.end].to_string(),
            term: token.term.clone(),
            kind: token.kind as u8,
            prefix,
            typos,
            lang: lang.id(),
        };
        let cached = self
            .expansion_cache
            .lock()
            .ok()
            .and_then(|cache| cache.get(&key).cloned());
        let expansions = match cached {
            Some(e) => e,
            None => {
                let misses = self.missing_count();
                let e = self.expand_uncached(query, token, prefix, typos, lang);
                // An expansion that met a part not yet loaded is incomplete: not kept.
                let complete = self.missing_count() == misses;
                if let (true, Ok(mut cache)) = (complete, self.expansion_cache.lock()) {
                    if cache.len() >= EXPANSION_CACHE_LIMIT {
                        cache.clear();
                    }
                    cache.insert(key, e.clone());
                }
                e
            }
        };
        let corrected = !expansions
            .iter()
            .any(|(_, _, k)| matches!(k, MatchKind::Exact | MatchKind::Prefix));
        Word {
            expansions,
            span: (token.start, token.end),
            corrected,
        }
    }

    fn expand_uncached(
        &self,
        query: &str,
        token: &Token,
        prefix: bool,
        typos: bool,
        lang: Language,
    ) -> Vec<(String, u64, MatchKind)> {
        let mut expansions: Vec<(String, u64, MatchKind)> = Vec::new();
        let mut add = |term: String, offset: u64, kind: MatchKind| {
            if let Some(existing) = expansions.iter_mut().find(|(t, _, _)| *t == term) {
                if kind.rank() > existing.2.rank() {
                    existing.2 = kind;
                }
            } else {
                expansions.push((term, offset, kind));
            }
        };
        let misses = self.missing_count();
        let known = self.lookup(&token.term);
        if let Some((offset, _)) = known {
            add(token.term.clone(), offset, MatchKind::Exact);
        }
        if self.missing_count() != misses {
            // A split index without the word's own term chunk yet: whether the word is known
            // decides whether typo search runs at all, so wait for that chunk rather than
            // fetch every chunk a typo could reach. The chunks its completions are in, when a
            // word being typed has a few, come in the same round.
            if prefix && token.end - token.start >= 3 {
                let raw = fold(&query[token.start..token.end]);
                self.want_chunks(&[prefix_range(raw.as_bytes())], PREFIX_CHUNKS_AHEAD);
            }
            return expansions;
        }
        // The word being typed is a prefix; so is an earlier word the dictionary does not
        // know ("bluet pair"), which people leave unfinished too.
        let unknown_word = known.is_none()
            && token.kind == TokenKind::Word
            && token.end - token.start >= 3
            && typos;
        let mut completions = false;
        if prefix || token.kind == TokenKind::CjkUnigram || unknown_word {
            let raw = fold(&query[token.start..token.end]);
            for (term, offset) in self.prefix_terms(&raw, lang) {
                completions = true;
                add(term, offset, MatchKind::Prefix);
            }
        }
        // A split index: a word being typed that is no word itself but has completions is
        // taken as unfinished, not misspelt, so no term chunks are fetched for typos of a
        // half word.
        let unfinished = prefix && self.is_split() && known.is_none() && completions;
        if typos && token.kind == TokenKind::Word && !unfinished {
            let surface = fold(&query[token.start..token.end]);
            let mut distance = typo_budget(&surface);
            if let Some((offset, _)) = known {
                // A word several articles use is what was meant, not a typo of another (and
                // skipping the search keeps a long question fast); a rarer known word may still
                // be a slip, but rarely two typos away from the one meant.
                distance = if self.doc_freq(offset) >= KNOWN_WORD_DF {
                    0
                } else {
                    distance.min(1)
                };
            }
            if distance > 0 {
                for (term, offset, d) in self.typo_terms(&surface, &token.term, distance, lang) {
                    add(term, offset, MatchKind::Typo(d));
                }
            }
        }
        expansions
    }

    /// "Did you mean": the query with each word that matched only through typo correction (or
    /// not at all) replaced by the closest common dictionary word. `None` if nothing changes.
    fn suggest(&self, query: &str, plan: &Plan, lang: Language) -> Option<String> {
        if self.missing_count() != plan.misses_before {
            // The query met parts not loaded yet (a split index): its words may all be known
            // once they arrive, so no correction is offered from half the dictionary.
            return None;
        }
        let mut replacements: Vec<((usize, usize), String)> = Vec::new();
        for clause in &plan.clauses {
            // A word the synonyms stand in for was understood, even if no article uses it.
            if clause.stop || clause.alternatives.len() > 1 {
                continue;
            }
            for word in clause.alternatives.first().into_iter().flatten() {
                if !word.corrected || word.span.0 >= word.span.1 {
                    continue;
                }
                let surface = fold(&query[word.span.0..word.span.1]);
                let key = (surface.clone(), lang.id());
                let cached = self
                    .suggestion_cache
                    .lock()
                    .ok()
                    .and_then(|c| c.get(&key).cloned());
                let closest = match cached {
                    Some(found) => found,
                    None => {
                        let misses = self.missing_count();
                        let found = self.closest_word(&surface, lang);
                        let complete = self.missing_count() == misses;
                        if let (true, Ok(mut cache)) = (complete, self.suggestion_cache.lock()) {
                            if cache.len() >= EXPANSION_CACHE_LIMIT {
                                cache.clear();
                            }
                            cache.insert(key, found.clone());
                        }
                        found
                    }
                };
                if let Some(better) = closest {
                    replacements.push((word.span, better));
                }
            }
        }
        if replacements.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(query.len() + 8);
        let mut at = 0;
        replacements.sort_by_key(|(span, _)| span.0);
        for ((start, end), word) in replacements {
            if start < at {
                continue;
            }
            out.push_str(&query[at..start]);
            out.push_str(&word);
            at = end;
        }
        out.push_str(&query[at..]);
        (out != query).then_some(out)
    }

    /// The dictionary word nearest to `surface` (fewest edits, then most documents), looked
    /// for among real words only, never among bare stems.
    fn closest_word(&self, surface: &str, lang: Language) -> Option<String> {
        let chars = surface.chars().count();
        if chars < 3 || surface.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let max = if chars >= 8 { 2 } else { 1 };
        let typo = Typo::new(surface, max);
        let ranges = typo_ranges(surface);
        let mut candidates: Vec<String> = Vec::new();
        self.for_each_term(&typo, &ranges, |term, _, surface_word| {
            if surface_word {
                if let Ok(t) = std::str::from_utf8(term) {
                    candidates.push(t.to_string());
                }
            }
            candidates.len() < 256
        });
        self.for_each_word(&typo, &ranges, |word| {
            if let Ok(t) = std::str::from_utf8(word) {
                candidates.push(t.to_string());
            }
            candidates.len() < 512
        });
        candidates
            .into_iter()
            .filter(|c| c != surface)
            .filter_map(|c| {
                let stem = tokenize(&c, lang).into_iter().next()?.term;
                let (offset, _) = self.lookup(&stem)?;
                Some((edit_distance(surface, &c), self.doc_freq(offset), c))
            })
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)))
            .map(|(_, _, c)| c)
    }

    /// Dictionary terms reached from surface words (`words` fst) and terms matched directly.
    fn matching_terms<A: Automaton>(
        &self,
        automaton: A,
        ranges: &[KeyRange],
        lang: Language,
        cap: usize,
    ) -> Vec<(String, u64)> {
        let mut found: Vec<(String, u64)> = Vec::new();
        self.for_each_term(&automaton, ranges, |term, offset, _| {
            if let Ok(term) = std::str::from_utf8(term) {
                found.push((term.to_string(), offset));
            }
            found.len() < cap
        });
        if found.len() >= cap.min(MAX_PREFIX_EXPANSIONS) {
            // Plenty of terms already (a short prefix): the surface words would mostly lead to
            // the same stems, and stemming each of them is what made one-letter prefixes slow.
            return found;
        }
        self.for_each_word(&automaton, ranges, |word| {
            let Ok(word) = std::str::from_utf8(word) else {
                return true;
            };
            // The surface word's stem is a term: the same tokenizer made both.
            for token in tokenize(word, lang) {
                if found.iter().any(|(t, _)| *t == token.term) {
                    continue;
                }
                if let Some((offset, _)) = self.lookup(&token.term) {
                    found.push((token.term, offset));
                }
            }
            found.len() < cap
        });
        found
    }

    fn prefix_terms(&self, prefix: &str, lang: Language) -> Vec<(String, u64)> {
        if prefix.is_empty() {
            return Vec::new();
        }
        let mut ranges = vec![prefix_range(prefix.as_bytes())];
        let short = prefix.chars().count() < 3 && !prefix.chars().any(is_cjk);
        if short && self.is_split() {
            // A split index: the completions of one or two letters fill dozens of term
            // chunks; only those already here (the prefix's own, at least) are looked in.
            // The third letter narrows the range enough to fetch it.
            ranges = self.loaded_within(&ranges);
        }
        let mut found = self.matching_terms(
            Str::new(prefix).starts_with(),
            &ranges,
            lang,
            MAX_PREFIX_SCAN,
        );
        // One or two Latin letters say little yet: fewer (the commonest) completions keep the
        // first keystrokes fast on a large corpus. A CJK character is a word already.
        let cap = match prefix.chars().count() {
            1 if !prefix.chars().any(is_cjk) => MAX_PREFIX_EXPANSIONS / 4,
            2 if !prefix.chars().any(is_cjk) => MAX_PREFIX_EXPANSIONS / 2,
            _ => MAX_PREFIX_EXPANSIONS,
        };
        // The commonest completions first: the cap and the budget below keep those.
        found.sort_by_key(|(_, offset)| std::cmp::Reverse(self.doc_freq(*offset)));
        found.truncate(cap);
        // On a large corpus a short prefix's completions hold hundreds of thousands of
        // postings; past a budget, the commonest completions stand for the rest.
        if found.len() > 1 {
            let budget = PREFIX_POSTINGS_BUDGET.max(self.docs.len() as u64 / 2);
            let mut total = 0u64;
            let keep = found
                .iter()
                .take_while(|(_, offset)| {
                    total += self.doc_freq(*offset);
                    total <= budget
                })
                .count()
                .max(1);
            found.truncate(keep);
        }
        found
    }

    /// Terms within `distance` edits of the typed word (`surface`) or of its stem (`term`).
    /// One automaton per word, at the largest distance; the distance of each match is then
    /// measured on the (short) strings themselves.
    fn typo_terms(
        &self,
        surface: &str,
        term: &str,
        distance: u32,
        lang: Language,
    ) -> Vec<(String, u64, u32)> {
        let mut out: Vec<(String, u64, u32)> = Vec::new();
        let sources: &[&str] = if surface == term {
            &[surface]
        } else {
            &[surface, term]
        };
        for &word in sources {
            let typo = Typo::new(word, distance as u8);
            let ranges = typo_ranges(word);
            for (t, offset) in self.matching_terms(&typo, &ranges, lang, MAX_PREFIX_EXPANSIONS) {
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
        self.prefix_terms(&fold(prefix), self.query_lang)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }
}

/// A bit for each clause a document needs.
fn required_mask(plan: &Plan) -> u32 {
    plan.clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| c.required())
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// The documents that match the plan, given the clauses each was found for, and whether they
/// are only partial matches.
fn select(plan: &Plan, found: &[u32], allowed: &dyn Fn(usize) -> bool) -> (Vec<u32>, bool) {
    let n = found.len();
    let required = required_mask(plan);
    let browse = plan.clauses.is_empty();
    let wanted = required.count_ones();
    let coverage = |d: usize| (found[d] & required).count_ones();
    let mut matched: Vec<u32> = (0..n as u32)
        .filter(|&d| {
            let f = found[d as usize];
            allowed(d as usize) && (browse || (f & required == required && f != 0))
        })
        .collect();
    let mut partial = false;
    if !browse && wanted > 1 && matched.len() < PARTIAL_FILL {
        // Few or no documents have every word: those missing one word follow them (a
        // question's wording is rarely the article's); when nobody has every word, those
        // with the most words and then one fewer.
        let most = (0..n)
            .filter(|&d| allowed(d))
            .map(coverage)
            .max()
            .unwrap_or(0);
        partial = most < wanted;
        let floor = most.saturating_sub(1).max(1);
        if most > 0 {
            matched = (0..n as u32)
                .filter(|&d| allowed(d as usize) && coverage(d as usize) >= floor)
                .collect();
        }
    }
    (matched, partial)
}

/// A range of dictionary keys, `lo..hi` (`hi` empty: no upper bound). A split index looks only
/// in the term chunks such ranges meet.
pub(crate) type KeyRange = (Vec<u8>, Vec<u8>);

/// The keys that start with `prefix`.
fn prefix_range(prefix: &[u8]) -> KeyRange {
    let mut hi = prefix.to_vec();
    // The smallest key after every key with this prefix: drop trailing 0xFF bytes (UTF-8 has
    // none, but keys are bytes) and add one to the last.
    while hi.last() == Some(&0xFF) {
        hi.pop();
    }
    if let Some(last) = hi.last_mut() {
        *last += 1;
    }
    (prefix.to_vec(), hi)
}

/// Where typo-tolerant matches of `word` are looked for in a split index: words starting with
/// its first two characters, or with them swapped. Most slips come later in a word, and every
/// other choice means fetching a large share of the dictionary: all words starting with one
/// letter are dozens of term chunks on a 35,000-article corpus. An index in one file searches
/// the whole dictionary.
fn typo_ranges(word: &str) -> Vec<KeyRange> {
    let mut chars = word.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return vec![prefix_range(word.as_bytes())];
    };
    let mut ranges = vec![prefix_range(format!("{a}{b}").as_bytes())];
    if a != b {
        ranges.push(prefix_range(format!("{b}{a}").as_bytes()));
        ranges.sort();
    }
    ranges
}

/// How many typos a word may hold: none below 4 characters or in codes ("TRC20" one edit from
/// "ERC20" is another network, not a typo), one from 4, two from 8.
fn typo_budget(surface: &str) -> u32 {
    let chars = surface.chars().count();
    if surface.chars().any(|c| c.is_ascii_digit()) {
        0
    } else if chars >= 8 {
        2
    } else if chars >= 4 {
        1
    } else {
        0
    }
}

/// The query's units in order: each run of CJK bigrams as one range, every other token alone.
fn cjk_runs(tokens: &[Token]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let a = i;
        let t = tokens.get(a)?;
        i = if t.kind == TokenKind::CjkBigram {
            cjk_run_end(tokens, a)
        } else {
            a + 1
        };
        Some((a, i))
    })
}

/// Links between each word and the next, for `n` consecutive bigrams.
fn consecutive(n: usize) -> u64 {
    match n {
        0 | 1 => 0,
        n if n > 64 => u64::MAX >> 1,
        n => (1u64 << (n - 1)) - 1,
    }
}

/// Where the run of CJK bigrams starting at `start` ends: the bigrams of one run overlap by a
/// character; those of the next run (after a space, say "자동 고침") do not.
fn cjk_run_end(tokens: &[Token], start: usize) -> usize {
    (start + 1..tokens.len())
        .find(|&j| tokens[j].kind != TokenKind::CjkBigram || tokens[j].start >= tokens[j - 1].end)
        .unwrap_or(tokens.len())
}

/// The characters of a run of CJK bigrams (each bigram's first, and the last bigram's second).
fn run_chars(query: &str, run: &[Token]) -> Vec<char> {
    let mut chars: Vec<char> = run
        .iter()
        .filter_map(|t| query[t.start..t.end].chars().next())
        .collect();
    if let Some(last) = run
        .last()
        .and_then(|t| query[t.start..t.end].chars().next_back())
    {
        chars.push(last);
    }
    chars
}

/// For each character of a run of CJK bigrams, whether it belongs to a function word.
fn run_function_chars(query: &str, run: &[Token]) -> Vec<bool> {
    cjk_function_chars(&run_chars(query, run))
}

/// Character `k` of a run of CJK bigrams as a token of its own.
fn run_char(query: &str, run: &[Token], k: usize) -> Token {
    let (start, c) = match run.get(k) {
        Some(t) => (t.start, query[t.start..t.end].chars().next().unwrap_or(' ')),
        None => {
            let end = run.last().map_or(0, |t| t.end);
            let c = query[..end].chars().next_back().unwrap_or(' ');
            (end - c.len_utf8(), c)
        }
    };
    Token {
        term: fold(&c.to_string()),
        start,
        end: start + c.len_utf8(),
        kind: TokenKind::CjkUnigram,
    }
}

/// A word that only makes a question: English by stem, other languages by the word as typed,
/// a lone CJK character by the tables of `function_words.rs`.
fn is_stop_token(query: &str, token: &Token, lang: Language) -> bool {
    match token.kind {
        TokenKind::Word => {
            EN_STOP_WORDS.contains(&token.term.as_str())
                || is_function_word(lang.code(), &fold(&query[token.start..token.end]))
        }
        TokenKind::CjkUnigram => {
            let mut chars = query[token.start..token.end].chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if is_cjk_function_char(c))
        }
        TokenKind::CjkBigram => false,
    }
}

/// A CJK run's final unigram duplicates what its bigrams already require.
fn drop_redundant_unigrams(tokens: &[Token]) -> Vec<Token> {
    tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            !(t.kind == TokenKind::CjkUnigram
                && *i > 0
                && tokens[i - 1].kind == TokenKind::CjkBigram)
        })
        .map(|(_, t)| t.clone())
        .collect()
}

/// The longest synonym member that the tokens start with: (its length, its group).
fn longest_synonym(tokens: &[Token], groups: &[Vec<Vec<String>>]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (gi, group) in groups.iter().enumerate() {
        for member in group {
            let len = member.len();
            if len == 0 || len > tokens.len() || best.is_some_and(|(l, _)| l >= len) {
                continue;
            }
            if member.iter().zip(tokens).all(|(m, t)| *m == t.term) {
                best = Some((len, gi));
            }
        }
    }
    best
}

/// Edit distance over chars counting a swap of neighbours as one edit (optimal string
/// alignment), the measure the typo automaton uses.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 0..a.len() {
        let mut cur = vec![i + 1; b.len() + 1];
        for j in 0..b.len() {
            let mut d = (prev[j] + usize::from(a[i] != b[j]))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] && a[i] != b[j] {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        before = std::mem::replace(&mut prev, cur);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, IndexWriter};

    #[test]
    fn huge_limit_and_offset_do_not_overflow() {
        // The JavaScript API turns a limit of 1e20 into usize::MAX.
        let mut writer = IndexWriter::new(Weights::default());
        for (i, title) in ["Withdrawal limits", "Withdrawal fees"].iter().enumerate() {
            writer.add(&Document {
                id: format!("d{i}"),
                title: title.to_string(),
                body: "How withdrawals work.".into(),
                url: format!("/d{i}"),
                category: "FAQ".into(),
                published: 0,
                updated: 0,
                views: i as u64,
                locale: "en".into(),
                section: String::new(),
            });
        }
        let index = Index::from_bytes(writer.finish().0).unwrap();
        for offset in [0, 1, usize::MAX] {
            let options = SearchOptions {
                limit: usize::MAX,
                offset,
                ..SearchOptions::default()
            };
            let res = index.search("withdrawal", &options);
            assert_eq!(res.total, 2);
            assert_eq!(res.hits.len(), 2usize.saturating_sub(offset));
        }
    }
}

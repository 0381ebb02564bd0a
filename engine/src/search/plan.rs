//! The first phase: the parsed query becomes a [`Plan`], the clauses a document is scored by
//! (a word, a phrase, a CJK run, a group of synonyms or a compound and its parts) and the
//! exclusions it must not match. Each word is expanded against the dictionary as it is
//! planned (`expand.rs`); CJK runs are planned in `cjk.rs`.

use std::ops::Range;

use super::cjk::{cjk_run_end, cjk_runs, run_function_chars};
use super::expand::Expander;
use crate::expansion::{Expansion, MatchKind};
use crate::function_words::{is_cjk_function_char, is_function_word};
use crate::query::{parse, Syntax};
use crate::tokenizer::{fold, joined_term, tokenize, Language, Token, TokenKind};

/// Longer queries are cut here: nobody types more, and it bounds the work per keystroke.
const MAX_QUERY_WORDS: usize = 16;

/// Words that carry little meaning in a question ("how do i reset my password"). They still
/// count when a query holds nothing else.
const EN_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "be", "by", "can", "do", "doe", "for", "from", "how", "i", "if",
    "in", "is", "it", "my", "of", "on", "or", "the", "to", "what", "when", "where", "whi", "why",
    "with", "you", "your", "me", "should", "would", "could", "get", "there", "this", "that",
    "which", "who", "will", "have", "has", "had", "much", "mani", "need", "want", "was", "were",
    "been", "am", "did", "ani", "some",
];

/// One query word with the dictionary terms it stands for.
#[derive(Debug)]
pub(super) struct Word {
    pub expansions: Vec<Expansion>,
    /// Where the word was typed, in the query string (for "did you mean"; empty for a word
    /// the query did not spell, such as a synonym).
    pub span: Range<usize>,
    /// Matched only through typo correction (or not at all).
    pub corrected: bool,
}

impl Word {
    /// A dictionary term as a word of its own (a synonym, a compound).
    pub fn exact(term: &str, postings: u64) -> Word {
        Word {
            expansions: vec![Expansion {
                term: term.to_string(),
                postings,
                kind: MatchKind::Exact,
            }],
            span: 0..0,
            corrected: false,
        }
    }
}

/// A set of clauses, one bit per clause of the plan (at most [`MAX_QUERY_WORDS`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ClauseSet(pub u32);

impl ClauseSet {
    pub fn insert(&mut self, clause: usize) {
        self.0 |= 1 << clause;
    }

    /// How many clauses of `self` are also in `of`.
    pub fn count_in(self, of: ClauseSet) -> u32 {
        (self.0 & of.0).count_ones()
    }

    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains_all(self, other: ClauseSet) -> bool {
        self.0 & other.0 == other.0
    }
}

/// Something the query requires: one word, a phrase, or a set of equivalent alternatives from
/// the synonyms (each alternative a list of words that must all match).
#[derive(Debug)]
pub(super) struct Clause {
    pub alternatives: Vec<Vec<Word>>,
    /// The words of each alternative must also stand next to each other, in order.
    pub phrase: bool,
    /// A common question word: it ranks a little but is not required.
    pub stop: bool,
    /// A stop word from the tables of `function_words.rs`: it ranks hardly at all. Unlike
    /// English question words, which most articles share, CJK function words are rare in the
    /// articles of their language (a help text does not ask "如何"), so their idf would make
    /// them count. The tables of spaced languages (German, French, Spanish, Russian) are
    /// weighted the same way, although their question words are as common in article titles
    /// as English ones ("Warum wird…").
    pub function_word: bool,
    /// Ranks fully but is not required: a single CJK character between function words,
    /// whose completions are too many to insist on.
    pub optional: bool,
    /// How many words of the first alternative a document needs (all, except for runs of
    /// CJK bigrams, where most will do: a question rarely repeats an article's exact wording).
    pub min_words: usize,
    /// A run of CJK bigrams: if nothing matches the query, one bigram of it will do.
    pub cjk: bool,
    /// A long CJK run (a question, five characters or more): any of its bigrams matches,
    /// more and rarer ones score higher, and bigrams matched next to each other (the longer
    /// substrings of the run) raise the score further.
    pub contiguous: bool,
    /// Bit `j` set: words `j` and `j + 1` are neighbouring bigrams of the query (for
    /// [`Clause::contiguous`]).
    pub links: u64,
}

impl Clause {
    pub fn new(alternatives: Vec<Vec<Word>>) -> Clause {
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
    pub fn required(&self) -> bool {
        !self.stop && !self.optional
    }
}

/// The query turned into dictionary lookups.
#[derive(Debug)]
pub(super) struct Plan {
    pub clauses: Vec<Clause>,
    /// Each exclusion lists, per word, the postings of the terms it stands for.
    pub exclusions: Vec<Vec<Vec<u64>>>,
}

impl Plan {
    /// Turns `query` into clauses: words, phrases, synonym alternatives and exclusions.
    pub fn new(ex: &mut Expander, query: &str) -> Plan {
        let lang = ex.lang;
        let parsed = parse(query, lang);
        let synonyms = synonym_terms(&ex.index.synonyms, lang);
        let last_part = parsed.parts.len().saturating_sub(1);
        // Function words are left out only where something else is left: a query made only
        // of them ("how", "如何") searches for them.
        let all_stop = parsed
            .parts
            .iter()
            .filter(|p| p.syntax != Syntax::Exclude)
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
            match part.syntax {
                Syntax::Exclude => {
                    let words = tokens
                        .iter()
                        .map(|t| ex.lookup(&t.term).map(|(o, _)| o).into_iter().collect())
                        .collect();
                    exclusions.push(words);
                }
                Syntax::Phrase => {
                    let words = tokens
                        .iter()
                        .enumerate()
                        .map(|(i, t)| ex.expand(query, t, typing_at == Some(i), false))
                        .collect();
                    clauses.push(Clause {
                        phrase: true,
                        ..Clause::new(vec![words])
                    });
                }
                Syntax::Plain => {
                    let mut i = 0;
                    while i < tokens.len() {
                        if let Some((len, group)) = longest_synonym(&tokens[i..], &synonyms) {
                            let typed: Vec<Word> = (i..i + len)
                                .map(|j| ex.expand(query, &tokens[j], typing_at == Some(j), true))
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
                                    member.iter().map(|term| ex.exact_word(term)).collect();
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
                            clauses.extend(super::cjk::plan_run(
                                ex,
                                query,
                                &tokens[i..run_end],
                                typing,
                                all_stop,
                            ));
                            i = run_end;
                            continue;
                        }
                        let stop = !all_stop && is_stop_token(query, t, lang);
                        let next = tokens.get(i + 1);
                        if let Some(compound) = next
                            .filter(|_| !stop)
                            .and_then(|next| compound_of(ex, query, t, next))
                        {
                            // "Seiten Zahl", "sign in", "e-mail": the two words, or the
                            // one word the articles write ("Seitenzahl", "signin", "email").
                            let typed = vec![
                                ex.expand(query, t, typing_at == Some(i), true),
                                ex.expand(query, &tokens[i + 1], typing_at == Some(i + 1), true),
                            ];
                            clauses.push(Clause::new(vec![typed, vec![compound]]));
                            i += 2;
                            continue;
                        }
                        let word = ex.expand(query, t, typing_at == Some(i), true);
                        let unknown = word.corrected;
                        let mut alternatives = vec![vec![word]];
                        if !stop && unknown && lang.compounds() {
                            // An unknown compound ("Pivottabelle"): also its two known parts.
                            alternatives.extend(compound_parts(ex, t));
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
        }
    }

    /// No words: the query lists articles rather than searching for any.
    pub fn is_browse(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The clauses a document needs.
    pub fn required(&self) -> ClauseSet {
        let mut set = ClauseSet::default();
        for (i, clause) in self.clauses.iter().enumerate() {
            if clause.required() {
                set.insert(i);
            }
        }
        set
    }

    /// The relaxed plan, for a query the strict one found nothing for: every CJK run needs
    /// only one of its bigrams and ranks by how many, how rare and how contiguous. Whether
    /// anything changed.
    pub fn relax(&mut self) -> bool {
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

    /// The terms to highlight, each with its clause. Stop words rank but are not
    /// highlighted: "[How] [do] [I]" would only be noise.
    pub fn highlighted_terms(&self) -> impl Iterator<Item = (String, usize)> + '_ {
        self.clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.stop)
            .flat_map(|(ci, c)| {
                c.alternatives
                    .iter()
                    .flatten()
                    .flat_map(move |w| w.expansions.iter().map(move |e| (e.term.clone(), ci)))
            })
    }
}

/// Two typed words that the articles write as one ("Seiten Zahl" → "seitenzahl", "log in" →
/// "login", "wi-fi" → "wifi"): that word, if the dictionary has it.
fn compound_of(ex: &mut Expander, query: &str, a: &Token, b: &Token) -> Option<Word> {
    let term = joined_term(query, a, b, ex.lang, true)?;
    ex.exact_word(&term)
}

/// An unknown long word that is two dictionary words ("pivottabelle" → "pivot",
/// "tabelle"), with or without a linking "s" ("zeilenabstand…"). The split with the
/// longest first part wins.
fn compound_parts(ex: &mut Expander, token: &Token) -> Option<Vec<Word>> {
    const MIN_PART: usize = 3;
    if token.kind != TokenKind::Word || ex.lookup(&token.term).is_some() {
        return None;
    }
    let surface: Vec<char> = token.term.chars().collect();
    let chars = surface.len();
    if chars < 2 * MIN_PART + 2 || surface.iter().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let lang = ex.lang;
    let mut word = |part: &[char]| -> Option<Word> {
        let text: String = part.iter().collect();
        let tokens = tokenize(&text, lang);
        let [t] = tokens.as_slice() else {
            return None;
        };
        ex.exact_word(&t.term)
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
fn synonym_terms(groups: &[Vec<String>], lang: Language) -> Vec<Vec<Vec<String>>> {
    groups
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;

    fn plan(query: &str) -> Plan {
        let index = test_index();
        let mut ex = Expander::new(&index, index.query_lang);
        Plan::new(&mut ex, query)
    }

    #[test]
    fn question_words_rank_but_are_not_required() {
        let plan = plan("how do i reset my password");
        let stops: Vec<bool> = plan.clauses.iter().map(|c| c.stop).collect();
        assert_eq!(stops, [true, true, true, false, true, false]);
        assert_eq!(plan.required(), ClauseSet(0b101000));
        // A query of nothing else searches for them.
        let only = super::tests::plan("how");
        assert!(only.clauses.len() == 1 && only.clauses[0].required());
    }

    #[test]
    fn phrases_exclusions_and_synonyms_become_clauses() {
        let plan = plan("\"reset password\" -fees 2fa");
        assert_eq!(plan.clauses.len(), 2);
        assert!(plan.clauses[0].phrase && plan.clauses[0].alternatives[0].len() == 2);
        assert_eq!(plan.exclusions.len(), 1);
        assert_eq!(plan.exclusions[0][0].len(), 1, "fees is in the dictionary");
        // "2fa" stands for its synonym group: what was typed, then the other members.
        assert!(plan.clauses[1].alternatives.len() >= 2);
        let highlighted: Vec<String> = plan.highlighted_terms().map(|(t, _)| t).collect();
        assert!(highlighted.contains(&"password".to_string()));
    }

    #[test]
    fn an_empty_query_browses_and_long_ones_are_cut() {
        assert!(plan("").is_browse());
        let long = "reset ".repeat(40);
        assert_eq!(plan(&long).clauses.len(), MAX_QUERY_WORDS);
    }

    #[test]
    fn a_question_tail_of_single_characters_is_not_required() {
        // The second run keeps only "做" between its function words.
        let plan = plan("計算年齡，應該怎麼做");
        let required: Vec<bool> = plan.clauses.iter().map(Clause::required).collect();
        assert_eq!(required, [true, false]);
        // A long run with a topic of two characters or more needs one of its bigrams.
        let plan = super::tests::plan("我想計算我的年齡");
        assert!(plan.clauses.len() == 1 && plan.clauses[0].required());
    }

    #[test]
    fn relaxing_asks_one_bigram_of_each_cjk_run() {
        let mut plan = plan("重置密码");
        assert!(plan.clauses.iter().any(|c| c.cjk));
        assert!(plan.relax());
        assert!(plan
            .clauses
            .iter()
            .filter(|c| c.cjk)
            .all(|c| c.min_words == 1));
        assert!(!plan.relax(), "relaxed once");
    }
}

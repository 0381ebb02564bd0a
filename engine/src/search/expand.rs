//! The expand phase: what each query word stands for in the dictionary. Exact; prefix for the
//! word being typed, a single CJK character or an unknown word; typo-tolerant within an edit
//! budget (the automaton of `typo.rs`); each both directly and through the surface words,
//! which lead from what people type ("verificat…") to stems ("verif"). Expansions are
//! remembered across keystrokes in the index's memo, unless they met a missing part.

use fst::automaton::{Automaton, Str};

use super::plan::Word;
use crate::expansion::{Expansion, ExpansionKey, MatchKind};
use crate::index::{for_each_word, Index};
use crate::keys::KeyRange;
use crate::parts::Missing;
use crate::tokenizer::{fold, is_cjk, tokenize, Language, Token, TokenKind};
use crate::typo::Typo;

/// A prefix may stand for at most this many terms (the most frequent are kept).
pub(super) const MAX_PREFIX_EXPANSIONS: usize = 64;
/// The completions of a prefix may hold at most this many postings together (or half the
/// documents, if more), the first always kept.
const PREFIX_POSTINGS_BUDGET: u64 = 20_000;
/// A prefix is looked up among at most this many dictionary terms before choosing.
const MAX_PREFIX_SCAN: usize = 4096;
/// A split index: how many term chunks a word being typed may span for them to be fetched
/// with its own (more, and its completions are too many to be worth it before it is known).
const PREFIX_CHUNKS_AHEAD: usize = 3;
/// A query word found in at least this many documents is taken as typed, without typo search.
const KNOWN_WORD_DF: u64 = 3;

/// Looks words up for one search, in the query's language, noting the parts of a split
/// index it needed and did not find.
pub(super) struct Expander<'a> {
    pub index: &'a Index,
    pub lang: Language,
    pub missing: Missing,
}

impl<'a> Expander<'a> {
    pub fn new(index: &'a Index, lang: Language) -> Self {
        Expander {
            index,
            lang,
            missing: Missing::default(),
        }
    }

    /// A term's postings offset and whether it is a word of its own, if the dictionary has it.
    pub fn lookup(&mut self, term: &str) -> Option<(u64, bool)> {
        self.index.lookup(term, &mut self.missing)
    }

    /// A dictionary term as a word of its own (a synonym, a compound).
    pub fn exact_word(&mut self, term: &str) -> Option<Word> {
        let (offset, _) = self.lookup(term)?;
        Some(Word::exact(term, offset))
    }

    /// Expands one query token against the dictionary: exact, prefix when it is being typed
    /// (or a single CJK character), and typo-tolerant when `typos` allows.
    pub fn expand(&mut self, query: &str, token: &Token, prefix: bool, typos: bool) -> Word {
        // Typing a question repeats the same words on every keystroke: remember the last few
        // hundred expansions, which are much of the work of a keystroke in a long question.
        let key = ExpansionKey {
            surface: query[token.start..token.end].to_string(),
            term: token.term.clone(),
            kind: token.kind as u8,
            prefix,
            typos,
            lang: self.lang.id(),
        };
        let expansions = match self.index.expansions.get(&key) {
            Some(e) => e,
            None => {
                let met = self.missing.met();
                let e = self.expand_uncached(query, token, prefix, typos);
                // An expansion that met a part not yet loaded is incomplete: not kept.
                if self.missing.met() == met {
                    self.index.expansions.insert(key, e.clone());
                }
                e
            }
        };
        let corrected = !expansions
            .iter()
            .any(|e| matches!(e.kind, MatchKind::Exact | MatchKind::Prefix));
        Word {
            expansions,
            span: token.start..token.end,
            corrected,
        }
    }

    fn expand_uncached(
        &mut self,
        query: &str,
        token: &Token,
        prefix: bool,
        typos: bool,
    ) -> Vec<Expansion> {
        let mut expansions: Vec<Expansion> = Vec::new();
        let mut add = |term: String, postings: u64, kind: MatchKind| {
            if let Some(existing) = expansions.iter_mut().find(|e| e.term == term) {
                if kind.rank() > existing.kind.rank() {
                    existing.kind = kind;
                }
            } else {
                expansions.push(Expansion {
                    term,
                    postings,
                    kind,
                });
            }
        };
        let met = self.missing.met();
        let known = self.lookup(&token.term);
        if let Some((offset, _)) = known {
            add(token.term.clone(), offset, MatchKind::Exact);
        }
        if self.missing.met() != met {
            // A split index without the word's own term chunk yet: whether the word is known
            // decides whether typo search runs at all, so wait for that chunk rather than
            // fetch every chunk a typo could reach. The chunks its completions are in, when a
            // word being typed has a few, come in the same round.
            if prefix && token.end - token.start >= 3 {
                let raw = fold(&query[token.start..token.end]);
                self.index.want_chunks(
                    &[KeyRange::prefix(raw.as_bytes())],
                    PREFIX_CHUNKS_AHEAD,
                    &mut self.missing,
                );
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
            for (term, offset) in self.prefix_terms(&raw) {
                completions = true;
                add(term, offset, MatchKind::Prefix);
            }
        }
        // A split index: a word being typed that is no word itself but has completions is
        // taken as unfinished, not misspelt, so no term chunks are fetched for typos of a
        // half word.
        let unfinished = prefix && self.index.is_split() && known.is_none() && completions;
        if typos && token.kind == TokenKind::Word && !unfinished {
            let surface = fold(&query[token.start..token.end]);
            let mut distance = typo_budget(&surface);
            if let Some((offset, _)) = known {
                // A word several articles use is what was meant, not a typo of another (and
                // skipping the search keeps a long question fast); a rarer known word may still
                // be a slip, but rarely two typos away from the one meant.
                distance = if self.index.doc_freq(offset) >= KNOWN_WORD_DF {
                    0
                } else {
                    distance.min(1)
                };
            }
            if distance > 0 {
                for (term, offset, d) in self.typo_terms(&surface, &token.term, distance) {
                    add(term, offset, MatchKind::Typo(d));
                }
            }
        }
        expansions
    }

    /// Dictionary terms reached from surface words (`words` fst) and terms matched directly.
    pub fn matching_terms<A: Automaton>(
        &mut self,
        automaton: A,
        ranges: &[KeyRange],
        cap: usize,
    ) -> Vec<(String, u64)> {
        let index = self.index;
        let mut found: Vec<(String, u64)> = Vec::new();
        index.for_each_term(&automaton, ranges, &mut self.missing, |term, offset, _| {
            if let Ok(term) = std::str::from_utf8(term) {
                found.push((term.to_string(), offset));
            }
            found.len() < cap
        });
        if found.len() >= cap.min(MAX_PREFIX_EXPANSIONS) {
            // Plenty of terms already (a short prefix): the surface words would mostly lead to
            // the same stems, and stemming each of them would make one-letter prefixes slow.
            return found;
        }
        let lang = self.lang;
        let sets = index.word_sets(ranges, &mut self.missing);
        // The surface word's stem is a term: the same tokenizer made both.
        for_each_word(&sets, &automaton, |word| {
            let Ok(word) = std::str::from_utf8(word) else {
                return true;
            };
            for token in tokenize(word, lang) {
                if found.iter().any(|(t, _)| *t == token.term) {
                    continue;
                }
                if let Some((offset, _)) = index.lookup(&token.term, &mut self.missing) {
                    found.push((token.term, offset));
                }
            }
            found.len() < cap
        });
        found
    }

    /// The commonest dictionary terms that start with `prefix`.
    pub fn prefix_terms(&mut self, prefix: &str) -> Vec<(String, u64)> {
        if prefix.is_empty() {
            return Vec::new();
        }
        let mut ranges = vec![KeyRange::prefix(prefix.as_bytes())];
        let short = prefix.chars().count() < 3 && !prefix.chars().any(is_cjk);
        if short && self.index.is_split() {
            // A split index: the completions of one or two letters fill dozens of term
            // chunks; only those already here (the prefix's own, at least) are looked in.
            // The third letter narrows the range enough to fetch it.
            ranges = self.index.loaded_within(&ranges);
        }
        let mut found =
            self.matching_terms(Str::new(prefix).starts_with(), &ranges, MAX_PREFIX_SCAN);
        // One or two Latin letters say little yet: fewer (the commonest) completions keep the
        // first keystrokes fast on a large corpus. A CJK character is a word already.
        let cap = match prefix.chars().count() {
            1 if !prefix.chars().any(is_cjk) => MAX_PREFIX_EXPANSIONS / 4,
            2 if !prefix.chars().any(is_cjk) => MAX_PREFIX_EXPANSIONS / 2,
            _ => MAX_PREFIX_EXPANSIONS,
        };
        let index = self.index;
        // The commonest completions first: the cap and the budget below keep those.
        found.sort_by_key(|(_, offset)| std::cmp::Reverse(index.doc_freq(*offset)));
        found.truncate(cap);
        // On a large corpus a short prefix's completions hold hundreds of thousands of
        // postings; past a budget, the commonest completions stand for the rest.
        if found.len() > 1 {
            let budget = PREFIX_POSTINGS_BUDGET.max(index.docs.len() as u64 / 2);
            let mut total = 0u64;
            let keep = found
                .iter()
                .take_while(|(_, offset)| {
                    total += index.doc_freq(*offset);
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
    fn typo_terms(&mut self, surface: &str, term: &str, distance: u32) -> Vec<(String, u64, u32)> {
        let mut out: Vec<(String, u64, u32)> = Vec::new();
        let sources: &[&str] = if surface == term {
            &[surface]
        } else {
            &[surface, term]
        };
        for &word in sources {
            let typo = Typo::new(word, distance as u8);
            let ranges = typo_ranges(word);
            for (t, offset) in self.matching_terms(&typo, &ranges, MAX_PREFIX_EXPANSIONS) {
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
}

/// Where typo-tolerant matches of `word` are looked for in a split index: words starting with
/// its first two characters, or with them swapped. Most slips come later in a word, and every
/// other choice means fetching a large share of the dictionary: all words starting with one
/// letter are dozens of term chunks on a 35,000-article corpus. An index in one file searches
/// the whole dictionary.
pub(super) fn typo_ranges(word: &str) -> Vec<KeyRange> {
    let mut chars = word.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return vec![KeyRange::prefix(word.as_bytes())];
    };
    let mut ranges = vec![KeyRange::prefix(format!("{a}{b}").as_bytes())];
    if a != b {
        ranges.push(KeyRange::prefix(format!("{b}{a}").as_bytes()));
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

/// Edit distance over chars counting a swap of neighbours as one edit (optimal string
/// alignment), the measure the typo automaton uses.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;
    use crate::tokenizer::tokenize;

    fn expand(query: &str, prefix: bool) -> Word {
        let index = test_index();
        let mut ex = Expander::new(&index, index.query_lang);
        let token = tokenize(query, ex.lang).remove(0);
        ex.expand(query, &token, prefix, true)
    }

    fn kinds(word: &Word) -> Vec<(String, MatchKind)> {
        word.expansions
            .iter()
            .map(|e| (e.term.clone(), e.kind))
            .collect()
    }

    #[test]
    fn a_known_word_is_taken_as_typed() {
        let word = expand("password", false);
        assert_eq!(kinds(&word), [("password".to_string(), MatchKind::Exact)]);
        assert!(!word.corrected);
        assert_eq!(word.span, 0..8);
    }

    #[test]
    fn the_word_being_typed_is_completed() {
        let word = expand("passw", true);
        assert!(kinds(&word).contains(&("password".to_string(), MatchKind::Prefix)));
        assert!(!word.corrected);
    }

    #[test]
    fn a_typo_is_corrected_and_says_so() {
        let word = expand("pasword", false);
        assert!(kinds(&word).contains(&("password".to_string(), MatchKind::Typo(1))));
        assert!(word.corrected);
    }

    #[test]
    fn expansions_are_remembered_by_the_index() {
        let index = test_index();
        let mut ex = Expander::new(&index, index.query_lang);
        let token = tokenize("passw", ex.lang).remove(0);
        let first = ex.expand("passw", &token, true, true).expansions;
        let key = ExpansionKey {
            surface: "passw".into(),
            term: token.term.clone(),
            kind: token.kind as u8,
            prefix: true,
            typos: true,
            lang: ex.lang.id(),
        };
        assert_eq!(index.expansions.get(&key), Some(first));
    }

    #[test]
    fn typo_budgets_and_ranges() {
        assert_eq!(typo_budget("abc"), 0);
        assert_eq!(typo_budget("abcd"), 1);
        assert_eq!(typo_budget("abcdefgh"), 2);
        assert_eq!(typo_budget("trc20abc"), 0, "codes are taken as typed");
        let ranges: Vec<Vec<u8>> = typo_ranges("reset").into_iter().map(|r| r.lo).collect();
        assert_eq!(ranges, [b"er".to_vec(), b"re".to_vec()]);
        assert_eq!(edit_distance("pasword", "password"), 1);
        assert_eq!(
            edit_distance("passowrd", "password"),
            1,
            "a swap is one edit"
        );
    }
}

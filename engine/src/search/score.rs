//! The score phase: every clause of the plan over the whole index. BM25F per word with one idf
//! per word, the best expansion and the best alternative per document, phrases checked by
//! re-tokenizing candidates, the contiguity bonus of long CJK runs and the weights of stop
//! and function words. The outcome is one [`DocScore`] per document.

use super::plan::{Clause, ClauseSet, Plan, Word};
use crate::index::Index;
use crate::snippet::{scan, MatchSet};
use crate::tokenizer::Language;

/// How much a long CJK run's score grows when all its matched bigrams stand next to each
/// other in the query (the article holds the run's longer substrings): by `1 + this * share of
/// neighbouring bigram pairs matched`.
const CONTIGUITY_BONUS: f32 = 1.0;
/// A function word's share of the weight of an English stop word ([`Clause::function_word`]).
const FUNCTION_WORD_SHARE: f32 = 0.25;
/// A phrase is checked against at most this many candidate documents (each is re-tokenized).
const MAX_PHRASE_CHECKS: usize = 4000;
/// Alternatives from the synonyms, other than what was typed, count this much.
const SYNONYM_SHARE: f32 = 0.9;

/// What the text says of one document for the query.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct DocScore {
    /// BM25F over the clauses, weighted.
    pub text: f32,
    /// The clauses found anywhere in the document.
    pub found: ClauseSet,
    /// ... in its title.
    pub in_title: ClauseSet,
    /// ... in its body (how many a snippet can show).
    pub in_body: ClauseSet,
}

/// Where a word matched in a document.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct FieldFlags {
    title: bool,
    body: bool,
}

/// A word's best match in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct WordMatch {
    value: f32,
    fields: FieldFlags,
}

/// An alternative's words found in one document so far.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Tally {
    value: f32,
    words: u16,
}

/// Per-document values for the few documents a pass touches, reused across the passes of one
/// query: a slot is untouched while it holds the default, and every pass leaves it past that.
struct Sparse<T> {
    slots: Vec<T>,
    touched: Vec<u32>,
}

impl<T: Copy + Default + PartialEq> Sparse<T> {
    fn new(n: usize) -> Self {
        Sparse {
            slots: vec![T::default(); n],
            touched: Vec::new(),
        }
    }

    /// The slot of `doc`, noted as touched on first use.
    fn slot(&mut self, doc: u32) -> &mut T {
        let slot = &mut self.slots[doc as usize];
        if *slot == T::default() {
            self.touched.push(doc);
        }
        slot
    }

    /// The touched documents, in the order first touched; [`Sparse::take`] each.
    fn take_touched(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.touched)
    }

    /// The value of `doc`, leaving its slot untouched again.
    fn take(&mut self, doc: u32) -> T {
        std::mem::take(&mut self.slots[doc as usize])
    }
}

/// Scores every clause of the plan over the whole index.
pub(super) fn score(index: &Index, plan: &Plan, lang: Language) -> Vec<DocScore> {
    let n = index.docs.len();
    let w = index.weights;
    let mut docs = vec![DocScore::default(); n];
    let mut tally: Sparse<Tally> = Sparse::new(n);
    let mut words: Sparse<WordMatch> = Sparse::new(n);
    let mut best: Sparse<f32> = Sparse::new(n);
    for (ci, clause) in plan.clauses.iter().enumerate() {
        if clause.stop && is_everywhere(index, clause) {
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
                word_scores(index, word, &mut words);
                for doc in words.take_touched() {
                    let m = words.take(doc);
                    let t = tally.slot(doc);
                    t.value += m.value;
                    t.words += 1;
                    if wi < 64 {
                        if let Some(b) = matched_bigrams.get_mut(doc as usize) {
                            *b |= 1 << wi;
                        }
                    }
                    let d = &mut docs[doc as usize];
                    if m.fields.title {
                        d.in_title.insert(ci);
                    }
                    if m.fields.body {
                        d.in_body.insert(ci);
                    }
                }
            }
            let need = if ai == 0 {
                clause.min_words.min(alternative.len())
            } else {
                alternative.len()
            } as u16;
            let mut complete: Vec<(u32, f32)> = Vec::new();
            for doc in tally.take_touched() {
                let t = tally.take(doc);
                if t.words >= need {
                    complete.push((doc, t.value));
                }
            }
            if clause.phrase && alternative.len() > 1 {
                keep_phrase_matches(index, &mut complete, alternative, lang);
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
            let factor = if ai == 0 { 1.0 } else { SYNONYM_SHARE };
            clause_best.extend(complete.into_iter().map(|(d, v)| (d, v * factor)));
        }
        // The best alternative per document.
        for (doc, value) in clause_best {
            let slot = best.slot(doc);
            *slot = slot.max(value.max(f32::MIN_POSITIVE));
        }
        let factor = match (clause.stop, clause.function_word) {
            (true, true) => w.stop_word * FUNCTION_WORD_SHARE,
            (true, false) => w.stop_word,
            _ => 1.0,
        };
        for doc in best.take_touched() {
            let value = best.take(doc);
            let d = &mut docs[doc as usize];
            d.text += value * factor;
            d.found.insert(ci);
        }
    }
    docs
}

/// Per-document score of one word: the best of its expansions, with one idf per word
/// (from its most common expansion, so "libreoffic" does not score as a rare word because
/// it also prefixes a rare "libreoffice's"). Leaves them in `out`.
fn word_scores(index: &Index, word: &Word, out: &mut Sparse<WordMatch>) {
    let w = index.weights;
    let doc_count = index.docs.len() as f32;
    let df = word
        .expansions
        .iter()
        .map(|e| index.doc_freq(e.postings))
        .max()
        .unwrap_or(0) as f32;
    let idf = ((doc_count - df + 0.5) / (df + 0.5) + 1.0).ln();
    for e in &word.expansions {
        let weight = e.kind.weight(&w) * idf;
        let _ = index.for_each_posting(e.postings, |p| {
            let f = &index.field_factors[p.doc as usize];
            let tf = p.title as f32 * f[0] + p.section as f32 * f[1] + p.body as f32 * f[2];
            let contribution = (weight * tf * (w.k1 + 1.0) / (tf + w.k1)).max(f32::MIN_POSITIVE);
            let slot = out.slot(p.doc);
            if contribution > slot.value {
                slot.value = contribution;
            }
            slot.fields.title |= p.title > 0;
            slot.fields.body |= p.body > 0;
        });
    }
}

/// Whether every word of the clause is in more than a tenth of the documents.
fn is_everywhere(index: &Index, clause: &Clause) -> bool {
    let many = index.docs.len() as u64 / 10;
    clause.alternatives.iter().flatten().all(|w| {
        w.expansions
            .iter()
            .map(|e| index.doc_freq(e.postings))
            .max()
            .is_some_and(|df| df > many)
    })
}

/// Drops the candidates in which the words of `phrase` do not stand together, in order,
/// in the title, section or body.
fn keep_phrase_matches(
    index: &Index,
    candidates: &mut Vec<(u32, f32)>,
    phrase: &[Word],
    lang: Language,
) {
    let set = MatchSet::new(
        phrase
            .iter()
            .enumerate()
            .rev()
            .flat_map(|(i, w)| w.expansions.iter().map(move |e| (e.term.clone(), i))),
    );
    let ids: Vec<usize> = (0..phrase.len()).collect();
    candidates.truncate(MAX_PHRASE_CHECKS);
    candidates.retain(|&(doc, _)| {
        // A split index checks the phrase only in text already loaded; fetching the text of
        // thousands of candidates would cost more than the check is worth.
        if !index.text_loaded(doc) {
            return true;
        }
        let Ok(text) = index.stored(doc) else {
            return false;
        };
        [text.title, text.section, text.body]
            .iter()
            .any(|field| scan(field, &set, lang).has_sequence(&ids))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::expand::Expander;
    use crate::search::test_index;

    fn scores(query: &str) -> (Vec<DocScore>, Plan) {
        let index = test_index();
        let mut ex = Expander::new(&index, index.query_lang);
        let plan = Plan::new(&mut ex, query);
        (score(&index, &plan, index.query_lang), plan)
    }

    #[test]
    fn a_document_with_every_word_scores_and_is_found_for_each() {
        let (docs, plan) = scores("reset password");
        let full: Vec<usize> = (0..docs.len())
            .filter(|&d| docs[d].found.contains_all(plan.required()))
            .collect();
        assert!(!full.is_empty());
        for d in full {
            assert!(docs[d].text > 0.0);
            assert!(!docs[d].in_title.is_empty() || !docs[d].in_body.is_empty());
        }
    }

    #[test]
    fn a_phrase_keeps_only_documents_with_its_words_in_order() {
        let (loose, _) = scores("password reset");
        let (phrase, _) = scores("\"password reset\"");
        let count = |docs: &[DocScore]| docs.iter().filter(|d| !d.found.is_empty()).count();
        assert!(count(&phrase) < count(&loose));
    }

    #[test]
    fn sparse_slots_come_back_in_the_order_first_touched() {
        let mut s: Sparse<Tally> = Sparse::new(4);
        s.slot(3).words += 1;
        s.slot(1).words += 1;
        s.slot(3).words += 1;
        let touched = s.take_touched();
        let drained: Vec<(u32, u16)> = touched.iter().map(|&d| (d, s.take(d).words)).collect();
        assert_eq!(drained, [(3, 2), (1, 1)]);
        assert!(s.take_touched().is_empty());
        assert_eq!(
            s.take(3),
            Tally::default(),
            "taken slots are untouched again"
        );
    }
}

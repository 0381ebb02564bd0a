//! "Did you mean", apart from the ranking: the query with each word that matched only through
//! typo correction (or not at all) replaced by the closest common dictionary word, looked for
//! among real words only, never among bare stems.

use std::ops::Range;

use super::expand::{edit_distance, typo_ranges, Expander};
use super::plan::Plan;
use crate::index::for_each_word;
use crate::tokenizer::{fold, tokenize};
use crate::typo::Typo;

/// The corrected query, `None` if nothing changes. A search that met parts of a split index
/// not loaded yet offers none: its words may all be known once they arrive.
pub(super) fn suggest(ex: &mut Expander, query: &str, plan: &Plan) -> Option<String> {
    if ex.missing.met() > 0 {
        return None;
    }
    let mut replacements: Vec<(Range<usize>, String)> = Vec::new();
    for clause in &plan.clauses {
        // A word the synonyms stand in for was understood, even if no article uses it.
        if clause.stop || clause.alternatives.len() > 1 {
            continue;
        }
        for word in clause.alternatives.first().into_iter().flatten() {
            if !word.corrected || word.span.is_empty() {
                continue;
            }
            let surface = fold(&query[word.span.clone()]);
            let key = (surface.clone(), ex.lang.id());
            let closest = match ex.index.suggestions.get(&key) {
                Some(found) => found,
                None => {
                    let met = ex.missing.met();
                    let found = closest_word(ex, &surface);
                    if ex.missing.met() == met {
                        ex.index.suggestions.insert(key, found.clone());
                    }
                    found
                }
            };
            if let Some(better) = closest {
                replacements.push((word.span.clone(), better));
            }
        }
    }
    if replacements.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(query.len() + 8);
    let mut at = 0;
    replacements.sort_by_key(|(span, _)| span.start);
    for (span, word) in replacements {
        if span.start < at {
            continue;
        }
        out.push_str(&query[at..span.start]);
        out.push_str(&word);
        at = span.end;
    }
    out.push_str(&query[at..]);
    (out != query).then_some(out)
}

/// The dictionary word nearest to `surface` (fewest edits, then most documents).
fn closest_word(ex: &mut Expander, surface: &str) -> Option<String> {
    let chars = surface.chars().count();
    if chars < 3 || surface.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let max = if chars >= 8 { 2 } else { 1 };
    let typo = Typo::new(surface, max);
    let ranges = typo_ranges(surface);
    let index = ex.index;
    let mut candidates: Vec<String> = Vec::new();
    index.for_each_term(&typo, &ranges, &mut ex.missing, |term, _, surface_word| {
        if surface_word {
            if let Ok(t) = std::str::from_utf8(term) {
                candidates.push(t.to_string());
            }
        }
        candidates.len() < 256
    });
    let sets = index.word_sets(&ranges, &mut ex.missing);
    for_each_word(&sets, &typo, |word| {
        if let Ok(t) = std::str::from_utf8(word) {
            candidates.push(t.to_string());
        }
        candidates.len() < 512
    });
    let lang = ex.lang;
    candidates
        .into_iter()
        .filter(|c| c != surface)
        .filter_map(|c| {
            let stem = tokenize(&c, lang).into_iter().next()?.term;
            let (offset, _) = ex.lookup(&stem)?;
            Some((edit_distance(surface, &c), index.doc_freq(offset), c))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)))
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;

    fn suggestion(query: &str) -> Option<String> {
        let index = test_index();
        let mut ex = Expander::new(&index, index.query_lang);
        let plan = Plan::new(&mut ex, query);
        suggest(&mut ex, query, &plan)
    }

    #[test]
    fn a_misspelt_word_is_corrected_in_place() {
        assert_eq!(
            suggestion("pasword reset ").as_deref(),
            Some("password reset ")
        );
    }

    #[test]
    fn known_words_and_synonyms_are_left_alone() {
        assert_eq!(suggestion("password reset "), None);
        assert_eq!(suggestion("2fa "), None);
    }

    #[test]
    fn a_word_close_to_nothing_gets_no_suggestion() {
        assert_eq!(suggestion("qqqqqqqq "), None);
    }
}

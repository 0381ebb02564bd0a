//! What a search of a split index lacked, and what the widget makes of it: whether the answer
//! can be shown yet ([`answer_is_incomplete`]) and in which batches the missing parts are
//! fetched ([`fetch_batches`]). The only place in the widget that reads the kinds of parts;
//! the reducer (`state.rs`) and the part-fetching hook (`hooks/part_fetching.rs`) ask here.

use faq_search_engine::{Index, PartKind, SearchResults};

fn is_term_chunk(index: &Index, part: usize) -> bool {
    index
        .parts()
        .get(part)
        .is_some_and(|info| info.kind == PartKind::Terms)
}

/// Without its term chunks, or before its best hit is settled (its title, and its text when
/// proximity orders it), a split index's answer is incomplete: the widget keeps the previous
/// answer on screen until the parts arrive, a moment later.
pub fn answer_is_incomplete(index: &Index, results: &SearchResults) -> bool {
    results
        .missing_parts
        .iter()
        .any(|&part| is_term_chunk(index, part))
        || (results.hits.is_empty() && results.total > 0 && !results.missing_parts.is_empty())
}

/// The requests for `parts`, in order. Term chunks come as one batch: the search needs them
/// all. Titles and body text come part by part in the order the search gave (each hit's title,
/// then its text, best hits first), so the best results show whole after the first few
/// requests and the rest fill in as they arrive.
pub fn fetch_batches(index: &Index, parts: &[usize]) -> Vec<Vec<usize>> {
    let (terms, text): (Vec<usize>, Vec<usize>) =
        parts.iter().partition(|&&part| is_term_chunk(index, part));
    std::iter::once(terms)
        .chain(text.into_iter().map(|part| vec![part]))
        .filter(|batch| !batch.is_empty())
        .collect()
}

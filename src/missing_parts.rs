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

/// Title and body requests under way at most. The rest wait, best results first: on a slow
/// link the first results do not share it with the tenth, and what a newer keystroke no
/// longer shows is never asked for.
pub const TEXT_REQUESTS_AT_ONCE: usize = 4;

/// The requests to start for `parts`, in order, while `text_running` title and body requests
/// are under way. Term chunks come as one batch: the search needs them all. Titles and body
/// text come part by part in the order the search gave (each hit's title, then its text, best
/// hits first), up to [`TEXT_REQUESTS_AT_ONCE`] under way, so the best results show whole
/// after the first few requests and the rest fill in as they arrive.
pub fn fetch_batches(index: &Index, parts: &[usize], text_running: usize) -> Vec<Vec<usize>> {
    let (terms, text): (Vec<usize>, Vec<usize>) =
        parts.iter().partition(|&&part| is_term_chunk(index, part));
    let text_slots = TEXT_REQUESTS_AT_ONCE.saturating_sub(text_running);
    std::iter::once(terms)
        .chain(text.into_iter().take(text_slots).map(|part| vec![part]))
        .filter(|batch| !batch.is_empty())
        .collect()
}

/// Whether a batch of [`fetch_batches`] is title or body text (one part, not a term chunk).
pub fn is_text_batch(index: &Index, batch: &[usize]) -> bool {
    matches!(batch, [part] if !is_term_chunk(index, *part))
}

//! What a search of a split index lacked ([`Lacks`], as the engine reports it), and what the
//! widget makes of it: whether the answer can be shown yet ([`answer_is_incomplete`]) and which
//! fetches to start ([`fetch_batches`]). The reducer (`state.rs`) and the part-fetching hook
//! (`hooks/part_fetching.rs`) ask here.

use faq_search_engine::{Lacks, SearchResults};

/// Without its term chunks, or with no hit settled yet (the best hit's title, and its text
/// when proximity orders it), a split index's answer is incomplete: the widget keeps the
/// previous answer on screen until the parts arrive, a moment later.
pub fn answer_is_incomplete(results: &SearchResults) -> bool {
    !results.lacks.term_chunks.is_empty() || (results.hits.is_empty() && !results.settled)
}

/// Title and body requests under way at most. The rest wait, best results first: on a slow
/// link the first results do not share it with the tenth, and what a newer keystroke no
/// longer shows is never asked for.
pub const TEXT_REQUESTS_AT_ONCE: usize = 4;

/// The fetches to start for what a search lacks, leaving out the parts `wanted` refuses (on
/// their way already).
#[derive(Debug, PartialEq)]
pub struct Batches {
    /// The term chunks, fetched together: the search needs them all.
    pub terms: Vec<usize>,
    /// Titles and body text, one fetch each, in the order the search gave (each hit's title,
    /// then its text, best hits first), as many as may start while `text_running` are under
    /// way: the best results show whole after the first few and the rest fill in.
    pub text: Vec<usize>,
}

pub fn fetch_batches(
    lacks: &Lacks,
    text_running: usize,
    wanted: impl Fn(usize) -> bool,
) -> Batches {
    Batches {
        terms: lacks
            .term_chunks
            .iter()
            .copied()
            .filter(|&p| wanted(p))
            .collect(),
        text: (lacks.text.iter().copied().filter(|&p| wanted(p)))
            .take(TEXT_REQUESTS_AT_ONCE.saturating_sub(text_running))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_chunks_come_together_and_text_a_few_at_a_time() {
        let lacks = Lacks {
            term_chunks: vec![2, 5],
            text: vec![9, 14, 8, 20, 21, 22],
        };
        let all = fetch_batches(&lacks, 0, |_| true);
        assert_eq!(
            all,
            Batches {
                terms: vec![2, 5],
                text: vec![9, 14, 8, 20]
            }
        );
        let some = fetch_batches(&lacks, 3, |p| p != 14 && p > 5);
        assert_eq!(
            some,
            Batches {
                terms: vec![],
                text: vec![9]
            }
        );
        assert!(fetch_batches(&lacks, TEXT_REQUESTS_AT_ONCE, |_| true)
            .text
            .is_empty());
        assert_eq!(
            fetch_batches(&Lacks::default(), 0, |_| true),
            Batches {
                terms: vec![],
                text: vec![]
            }
        );
    }
}

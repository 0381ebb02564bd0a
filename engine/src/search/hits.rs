//! The hits phase: each settled result of the page as a [`Hit`], ready to render: its stored
//! text, dates and names, the snippet (the body window that covers the most query words) and
//! the highlight ranges of title and snippet.

use super::collect::{Collected, Ranked};
use super::plan::ClauseSet;
use super::results::Hit;
use super::scanned_part;
use super::score::DocScore;
use super::sub_results::sub_results;
use crate::date::format_ymd;
use crate::index::Index;
use crate::parts::Missing;
use crate::snippet::{highlight_ranges, scan_until_covered, snippet_from, MatchSet};
use crate::tokenizer::Language;

/// How hits are drawn: what matched, in which language, with how many words of context.
pub(super) struct HitStyle<'a> {
    pub matches: &'a MatchSet,
    pub lang: Language,
    pub snippet_words: usize,
    /// The clauses a document needs (how many of them a snippet should try to show).
    pub required: ClauseSet,
}

/// The settled hits of the page, best first. Reading their text notes the body fragments a
/// split index lacks (their snippets wait for them).
pub(super) fn hits(
    index: &Index,
    collected: &mut Collected,
    scores: &[DocScore],
    style: &HitStyle,
    missing: &mut Missing,
) -> Vec<Hit> {
    let settled = collected.settled;
    let mut hits = Vec::with_capacity(settled);
    for &Ranked { doc, score } in &collected.page[..settled] {
        let scanned = collected.scanned.iter().position(|(d, _)| *d == doc);
        let scanned = scanned.map(|i| collected.scanned.swap_remove(i).1);
        let want = scores[doc as usize].in_body.count_in(style.required) as usize;
        let Ok(text) = index.read_text(doc, missing) else {
            continue;
        };
        let meta = index.docs[doc as usize];
        let part = scanned_part(text.body);
        let body = scanned.unwrap_or_else(|| {
            scan_until_covered(part, style.matches, style.lang, style.snippet_words, want)
        });
        let (mut snippet, snippet_highlights) = snippet_from(part, &body, style.snippet_words);
        if part.len() < text.body.len() && !snippet.ends_with('…') {
            snippet.push('…');
        }
        hits.push(Hit {
            id: text.id.to_string(),
            title: text.title.to_string(),
            url: text.url.to_string(),
            category: index.categories[meta.category as usize].clone(),
            section: text.section.to_string(),
            locale: index.locales[meta.locale as usize].clone(),
            published: format_ymd(text.published.unwrap_or(meta.published)),
            updated: format_ymd(meta.updated),
            views: meta.views,
            score,
            title_highlights: highlight_ranges(text.title, style.matches, style.lang),
            snippet,
            snippet_highlights,
            snippet_pending: !index.has_body(doc),
            sub_results: sub_results(text.body, text.url, &index.headings(doc), style),
        });
    }
    hits
}

#[cfg(test)]
mod tests {
    use crate::search::test_index;
    use crate::SearchOptions;

    #[test]
    fn a_hit_carries_its_text_dates_and_highlights() {
        let index = test_index();
        let res = index.search("password reset", &SearchOptions::default());
        let hit = &res.hits[0];
        assert_eq!(hit.title, "How do I reset my password?");
        assert_eq!(
            (hit.category.as_str(), hit.locale.as_str()),
            ("Account", "en")
        );
        assert_eq!(
            (hit.published.as_str(), hit.updated.as_str()),
            ("2022-01-08", "2022-01-08")
        );
        let marked: Vec<&str> = hit
            .title_highlights
            .iter()
            .map(|&(a, b)| &hit.title[a..b])
            .collect();
        assert_eq!(marked, ["reset", "password"]);
        assert!(hit.snippet.contains("password") && !hit.snippet_highlights.is_empty());
        assert!(!hit.snippet_pending);
    }

    #[test]
    fn a_snippet_is_cut_to_its_words() {
        let index = test_index();
        let options = SearchOptions {
            snippet_words: 3,
            ..SearchOptions::default()
        };
        let res = index.search("verification", &options);
        let snippet = &res.hits[0].snippet;
        assert!(snippet.split_whitespace().count() <= 5, "{snippet}");
    }
}

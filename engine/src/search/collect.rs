//! The collect phase: from per-document scores to the page of results. Which documents match
//! (every required clause, or the best partial matches when few do; not excluded, in the
//! locale asked for), the counts per category, the category filter, the order (tiers by how
//! many words, the sort's key, the final score with its popularity prior and title bonus),
//! the proximity re-rank of the best few, and the settled cut of a split index: the page's
//! hits up to the first whose place can still change.

use super::plan::{ClauseSet, Plan};
use super::results::{SearchOptions, SortOrder};
use super::score::DocScore;
use crate::index::Index;
use crate::parts::Missing;
use crate::snippet::{scan, scan_until_covered, MatchSet, Scanned};
use crate::tokenizer::Language;

/// Below this many documents with every word, those missing a few are listed after them.
const PARTIAL_FILL: usize = 10;
/// A query of this many required words or more is taken as a question in the visitor's own
/// words: see [`words_to_spare`].
const LONG_QUERY: u32 = 4;

/// How many of the query's required words a partial match may lack, and how many of them
/// make no difference to the order. A long question is rarely worded as its article is ("my
/// laptop won't wake up from sleep" where the article says "suspend" and "resume"): up to half
/// its words may be missing, and among documents with at least the other half the score
/// decides, so the rarer words and the title count for more than how many common words
/// happen to be there. A short query needs all its words, or all but one.
fn words_to_spare(wanted: u32) -> u32 {
    if wanted >= LONG_QUERY {
        wanted / 2
    } else {
        1
    }
}
/// The best results by text score are re-ordered by how close their words stand: this many.
const PROXIMITY_RERANK: usize = 10;
/// Words count as close when they fall within this many consecutive tokens.
const PROXIMITY_WINDOW: usize = 8;

/// A document in the ranking and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ranked {
    pub doc: u32,
    pub score: f32,
}

/// The documents that match, and whether they are only partial matches.
#[derive(Debug, PartialEq)]
pub(super) struct Selection {
    pub docs: Vec<u32>,
    pub partial: bool,
}

/// The page of results and what was counted on the way.
pub(super) struct Collected {
    /// Matches in the selected category, and in every category.
    pub total: usize,
    pub total_all: usize,
    pub partial: bool,
    /// Matches per category, in index order.
    pub category_counts: Vec<usize>,
    /// The page asked for (after the offset, up to the limit), best first.
    pub page: Vec<Ranked>,
    /// How many of the page, from the top, have settled places (all, but in a split index
    /// waiting for text).
    pub settled: usize,
    /// Bodies scanned for the proximity re-rank, for the snippets to reuse.
    pub scanned: Vec<(u32, Scanned)>,
}

/// Per document, whether a search may list it: not excluded by a `-word` and in the locale
/// asked for (`None`: any).
pub(super) fn allowed(index: &Index, plan: &Plan, locale: Option<usize>) -> Vec<bool> {
    let n = index.docs.len();
    let mut allowed: Vec<bool> = index
        .docs
        .iter()
        .map(|d| locale.is_none_or(|l| d.locale as usize == l))
        .collect();
    for exclusion in &plan.exclusions {
        // A document holding every word of the exclusion is dropped.
        let mut hits = vec![0usize; n];
        for offsets in exclusion {
            let mut seen = vec![false; n];
            for &offset in offsets {
                let _ = index.for_each_posting(offset, |p| seen[p.doc as usize] = true);
            }
            for (h, s) in hits.iter_mut().zip(seen) {
                *h += usize::from(s);
            }
        }
        for (a, h) in allowed.iter_mut().zip(hits) {
            *a &= !(h == exclusion.len() && h > 0);
        }
    }
    allowed
}

/// The documents that match the plan, given the clauses each was found for.
pub(super) fn select(plan: &Plan, scores: &[DocScore], allowed: &[bool]) -> Selection {
    let n = scores.len() as u32;
    let required = plan.required();
    let browse = plan.is_browse();
    let wanted = required.len();
    let coverage = |d: u32| scores[d as usize].found.count_in(required);
    let mut docs: Vec<u32> = (0..n)
        .filter(|&d| {
            let found = scores[d as usize].found;
            allowed[d as usize] && (browse || (found.contains_all(required) && !found.is_empty()))
        })
        .collect();
    let mut partial = false;
    if !browse && wanted > 1 && docs.len() < PARTIAL_FILL {
        // Few or no documents have every word: those missing one word follow them, or half
        // of a long question's (see `words_to_spare`); when nobody has every word, those with
        // the most words and then fewer.
        let most = (0..n)
            .filter(|&d| allowed[d as usize])
            .map(coverage)
            .max()
            .unwrap_or(0);
        partial = most < wanted;
        let floor = most.saturating_sub(words_to_spare(wanted)).max(1);
        if most > 0 {
            docs = (0..n)
                .filter(|&d| allowed[d as usize] && coverage(d) >= floor)
                .collect();
        }
    }
    Selection { docs, partial }
}

/// Counts, filters, orders and cuts the selection into the page `options` asks for. Reading
/// the text of the best few for the proximity re-rank notes what a split index lacks of it.
#[allow(clippy::too_many_arguments)] // the phase's inputs, each from an earlier phase
pub(super) fn collect(
    index: &Index,
    plan: &Plan,
    scores: &[DocScore],
    selection: Selection,
    options: &SearchOptions,
    matches: &MatchSet,
    lang: Language,
    missing: &mut Missing,
) -> Collected {
    let Selection { mut docs, partial } = selection;
    let mut category_counts = vec![0usize; index.categories.len()];
    for &d in &docs {
        category_counts[index.docs[d as usize].category as usize] += 1;
    }
    let total_all = docs.len();
    if let Some(cat) = &options.category {
        match index.categories.iter().position(|c| c == cat) {
            Some(ci) => docs.retain(|&d| index.docs[d as usize].category as usize == ci),
            None => docs.clear(),
        }
    }
    let total = docs.len();

    let browse = plan.is_browse();
    let required = plan.required();
    let order = Order {
        index,
        scores,
        required,
        browse,
        sort: if browse && options.sort == SortOrder::Relevance {
            SortOrder::MostViewed
        } else {
            options.sort
        },
    };
    let mut ranked: Vec<Ranked> = docs
        .iter()
        .map(|&doc| Ranked {
            doc,
            score: order.final_score(doc),
        })
        .collect();
    // Only the page asked for (and the few the proximity pass re-ranks) need an order:
    // select them first, then sort just those: on a large corpus a one-letter prefix matches
    // nearly every document, and sorting them all would cost milliseconds.
    let to_order = options
        .offset
        .saturating_add(options.limit)
        .max(PROXIMITY_RERANK);
    let by_rank = |a: &Ranked, b: &Ranked| order.compare(a, b);
    if ranked.len() > to_order {
        ranked.select_nth_unstable_by(to_order, by_rank);
        ranked.truncate(to_order);
    }
    ranked.sort_by(by_rank);

    let needed = required.len() as usize;
    let mut scanned: Vec<(u32, Scanned)> = Vec::new();
    // Re-ordered by proximity: these documents (split index: their place is final only
    // once their text is loaded), and the highest score one of them whose text is not
    // loaded yet could still reach.
    let mut reranked = 0;
    let mut unsure = f32::NEG_INFINITY;
    let w = index.weights;
    if order.sort == SortOrder::Relevance && needed > 1 && w.proximity > 0.0 {
        // Among the best few, prefer those whose words stand together: the body is scanned
        // for the snippet anyway, so the measure costs little.
        reranked = ranked.len().min(PROXIMITY_RERANK);
        for entry in ranked.iter_mut().take(reranked) {
            let doc = entry.doc;
            if !index.has_body(doc) {
                // Its text is asked for even if it falls beyond the page: the hits above it
                // wait for it.
                let _ = index.read_text(doc, missing);
                unsure = unsure.max(entry.score * (1.0 + w.proximity));
                continue;
            }
            let Ok(text) = index.read_text(doc, missing) else {
                continue;
            };
            let body = scan_until_covered(
                super::scanned_part(text.body),
                matches,
                lang,
                options.snippet_words,
                scores[doc as usize].in_body.count_in(required) as usize,
            );
            let title = scan(text.title, matches, lang);
            let close = body
                .closest(PROXIMITY_WINDOW)
                .max(title.closest(PROXIMITY_WINDOW))
                .min(needed);
            let closeness = (close.saturating_sub(1)) as f32 / (needed - 1) as f32;
            entry.score *= 1.0 + w.proximity * closeness;
            scanned.push((doc, body));
        }
        ranked[..reranked].sort_by(by_rank);
    }

    let page: Vec<Ranked> = ranked
        .iter()
        .skip(options.offset)
        .take(options.limit)
        .copied()
        .collect();
    // In rank order, up to the first hit whose place or title is not known yet (a split
    // index): a hit shows once its title is loaded and, if re-ordered by proximity, its
    // text too and no document still without text could overtake it. So the list grows
    // from the top as parts arrive and what it shows never moves.
    let reranked = &ranked[..reranked];
    let is_settled = |r: &Ranked| {
        index.has_title(r.doc)
            && (!reranked.iter().any(|x| x.doc == r.doc)
                || (index.has_body(r.doc) && r.score >= unsure))
    };
    let settled = page.iter().take_while(|r| is_settled(r)).count();
    Collected {
        total,
        total_all,
        partial,
        category_counts,
        page,
        settled,
        scanned,
    }
}

/// The order of results: documents with more of the query's words first, whatever the sort;
/// within a tier the sort's own key (none for relevance), then score, then ordinal.
struct Order<'a> {
    index: &'a Index,
    scores: &'a [DocScore],
    required: ClauseSet,
    browse: bool,
    sort: SortOrder,
}

impl Order<'_> {
    /// The text score with the popularity prior and the title bonus.
    fn final_score(&self, doc: u32) -> f32 {
        let w = self.index.weights;
        let meta = &self.index.docs[doc as usize];
        let s = &self.scores[doc as usize];
        let max_views = (self.index.max_views as f32 + 1.0).ln().max(1.0);
        let prior = 1.0 + w.popularity * (meta.views as f32 + 1.0).ln() / max_views;
        let wanted = self.required.len();
        let titled = if wanted > 0 {
            s.in_title.count_in(self.required) as f32 / wanted as f32
        } else {
            0.0
        };
        s.text * prior * (1.0 + w.title_match * titled)
    }

    /// How many of the query's words the document has, counted up to all but the ones a long
    /// question may spare (short queries: all of them).
    fn tier(&self, doc: u32) -> u32 {
        if self.browse {
            return 0;
        }
        let wanted = self.required.len();
        let counted = if wanted >= LONG_QUERY {
            wanted - words_to_spare(wanted)
        } else {
            wanted
        };
        self.scores[doc as usize]
            .found
            .count_in(self.required)
            .min(counted)
    }

    fn sort_key(&self, doc: u32) -> u64 {
        let meta = &self.index.docs[doc as usize];
        match self.sort {
            SortOrder::Relevance => 0,
            SortOrder::Newest => meta.updated.max(0) as u64,
            SortOrder::MostViewed => meta.views,
        }
    }

    fn compare(&self, a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
        self.tier(b.doc)
            .cmp(&self.tier(a.doc))
            .then(self.sort_key(b.doc).cmp(&self.sort_key(a.doc)))
            .then(b.score.total_cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::expand::Expander;
    use crate::search::score::score;
    use crate::search::test_index;

    fn collected(query: &str, options: &SearchOptions) -> (Collected, Vec<DocScore>) {
        let index = test_index();
        let mut ex = Expander::new(&index, index.query_lang);
        let plan = Plan::new(&mut ex, query);
        let scores = score(&index, &plan, index.query_lang);
        let allowed = allowed(&index, &plan, None);
        let selection = select(&plan, &scores, &allowed);
        let matches = MatchSet::new(plan.highlighted_terms());
        let lang = index.query_lang;
        let c = collect(
            &index,
            &plan,
            &scores,
            selection,
            options,
            &matches,
            lang,
            &mut ex.missing,
        );
        (c, scores)
    }

    #[test]
    fn counts_cover_every_category_and_the_filter_only_the_page() {
        let (all, _) = collected("password", &SearchOptions::default());
        assert_eq!(all.category_counts.iter().sum::<usize>(), all.total_all);
        assert_eq!(all.total, all.total_all);
        let options = SearchOptions {
            category: Some("Billing".into()),
            ..SearchOptions::default()
        };
        let (billing, _) = collected("password", &options);
        assert_eq!(billing.total_all, all.total_all);
        assert!(billing.total < all.total);
        assert_eq!(
            billing.settled,
            billing.page.len(),
            "an index in one file is settled"
        );
    }

    #[test]
    fn the_page_is_in_rank_order_and_cut_by_limit_and_offset() {
        let (all, _) = collected("password", &SearchOptions::default());
        assert!(all.page.len() >= 2);
        let options = SearchOptions {
            offset: 1,
            limit: 1,
            ..SearchOptions::default()
        };
        let (second, _) = collected("password", &options);
        assert_eq!(second.page, all.page[1..2]);
    }

    #[test]
    fn exclusions_and_locales_are_not_allowed() {
        let index = test_index();
        let mut ex = Expander::new(&index, index.query_lang);
        let plan = Plan::new(&mut ex, "password -fees");
        let everyone = allowed(&index, &Plan::new(&mut ex, "password"), None);
        let without = allowed(&index, &plan, None);
        assert!(without.iter().filter(|&&a| a).count() < everyone.iter().filter(|&&a| a).count());
        let zh = index.locales.iter().position(|l| l == "zh-CN");
        let only_zh = allowed(&index, &plan, zh);
        assert!(only_zh
            .iter()
            .enumerate()
            .all(|(d, &a)| !a || index.docs[d].locale as usize == zh.unwrap()));
    }

    #[test]
    fn a_long_question_lists_articles_with_half_its_words_and_orders_them_by_score() {
        let index = test_index();
        let mut ex = Expander::new(&index, index.query_lang);
        // "Change your email address" has five of the six words; "How do I reset my password?"
        // three (password, settings, email): enough for a question of six.
        let plan = Plan::new(
            &mut ex,
            "change email address password settings verification",
        );
        let scores = score(&index, &plan, index.query_lang);
        let selection = select(&plan, &scores, &allowed(&index, &plan, None));
        assert!(
            selection.docs.contains(&1) && selection.docs.contains(&0),
            "{selection:?}"
        );
        let order = Order {
            index: &index,
            scores: &scores,
            required: plan.required(),
            browse: false,
            sort: SortOrder::Relevance,
        };
        assert_eq!(
            order.tier(1),
            order.tier(0),
            "three of six words count as many as five"
        );
        // A short query still puts documents with more of its words first.
        let plan = Plan::new(&mut ex, "email password verification");
        let scores = score(&index, &plan, index.query_lang);
        let order = Order {
            scores: &scores,
            required: plan.required(),
            ..order
        };
        assert!(order.tier(1) > order.tier(4), "two words rank above one");
    }

    #[test]
    fn few_full_matches_are_followed_by_partial_ones() {
        let (c, scores) = collected("reset password zebra", &SearchOptions::default());
        assert!(c.partial, "nobody has zebra");
        assert!(c.total > 0);
        assert!(c
            .page
            .iter()
            .all(|r| !scores[r.doc as usize].found.is_empty()));
    }
}

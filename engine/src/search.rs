//! Query evaluation, as a pipeline of phases, each in its own file under `search/`:
//!
//! 1. `plan.rs` (with `cjk.rs`): the parsed query becomes clauses and exclusions;
//! 2. `expand.rs`: each word, as it is planned, becomes the dictionary terms it stands for;
//! 3. `score.rs`: every clause over the whole index, one [`score::DocScore`] per document;
//! 4. `collect.rs`: which documents match, counts per category, the filter, the order, the
//!    proximity re-rank and the settled cut of the page;
//! 5. `hits.rs`: the settled results as [`Hit`]s with snippets and highlights.
//!
//! `did_you_mean.rs` suggests a corrected query apart from all that. `results.rs` holds what a
//! search is asked and what it answers, including what it [`Lacks`] of a split index.

mod cjk;
mod collect;
mod did_you_mean;
mod expand;
mod hits;
mod plan;
mod results;
mod score;
mod sub_results;

pub use results::{
    CategoryCount, Hit, Lacks, SearchOptions, SearchResults, SortOrder, SubResult, SUB_RESULTS,
};

use crate::format::SCAN_BYTES;
use crate::index::Index;
use crate::locale::best_match;
use crate::parts::Missing;
use crate::snippet::MatchSet;
use crate::tokenizer::{fold, Language};
use collect::Ranked;
use expand::Expander;
use plan::Plan;

/// Longer queries are cut here (at a character boundary).
const MAX_QUERY_BYTES: usize = 1024;

impl Index {
    /// Runs `query`. An empty query lists articles by the chosen sort (most viewed for relevance).
    pub fn search(&self, query: &str, options: &SearchOptions) -> SearchResults {
        let query = truncate(query, MAX_QUERY_BYTES);
        let locale = options.locale.as_deref().and_then(|l| self.locale_index(l));
        let lang = locale.map_or(self.query_lang, |i| Language::from_locale(&self.locales[i]));
        let mut ex = Expander::new(self, lang);
        let mut plan = Plan::new(&mut ex, query);
        let mut scores = score::score(self, &plan, lang);
        let allowed = collect::allowed(self, &plan, locale);
        let mut selection = collect::select(&plan, &scores, &allowed);
        if selection.docs.is_empty() && !plan.is_browse() && plan.relax() {
            // Nothing had what the strict plan asks: a question is never answered with
            // nothing while some of its words are in the articles.
            scores = score::score(self, &plan, lang);
            selection = collect::select(&plan, &scores, &allowed);
        }
        let matches = MatchSet::new(plan.highlighted_terms());
        let mut page = collect::collect(
            self,
            &plan,
            &scores,
            selection,
            options,
            &matches,
            lang,
            &mut ex.missing,
        );
        let style = hits::HitStyle {
            matches: &matches,
            lang,
            snippet_words: options.snippet_words,
            required: plan.required(),
        };
        let hits = hits::hits(self, &mut page, &scores, &style, &mut ex.missing);
        let suggestion = did_you_mean::suggest(&mut ex, query, &plan);
        SearchResults {
            total: page.total,
            total_all: page.total_all,
            settled: page.settled == page.page.len(),
            lacks: self.lacks(&ex.missing, &page.page),
            hits,
            categories: (self.categories.iter().zip(page.category_counts))
                .map(|(c, count)| CategoryCount {
                    category: c.clone(),
                    count,
                })
                .collect(),
            partial: page.partial,
            suggestion,
        }
    }

    /// The index of the locale a search asked for ([`best_match`]). `None` searches every
    /// locale.
    fn locale_index(&self, wanted: &str) -> Option<usize> {
        let locales: Vec<&str> = self.locales.iter().map(String::as_str).collect();
        best_match(&locales, wanted)
    }

    /// What a search lacked, in the order to fetch it: the term chunks it met missing, then
    /// the title and body fragment of each result of the `page` (all of them, settled or
    /// not), then any other fragment it met missing.
    fn lacks(&self, missing: &Missing, page: &[Ranked]) -> Lacks {
        let Some(parts) = self.split_parts() else {
            return Lacks::default();
        };
        let first_text = parts.title_part(0);
        let mut text: Vec<usize> = Vec::new();
        let page_parts = page.iter().flat_map(|r| parts.text_parts(r.doc));
        let others = missing.parts().filter(|&p| p >= first_text);
        for part in page_parts.filter(|&p| !parts.is_loaded(p)).chain(others) {
            if !text.contains(&part) {
                text.push(part);
            }
        }
        Lacks {
            term_chunks: missing.parts().filter(|&p| p < first_text).collect(),
            text,
        }
    }

    /// Distinct dictionary terms that start with `prefix`, for suggestions and tests.
    pub fn terms_with_prefix(&self, prefix: &str) -> Vec<String> {
        Expander::new(self, self.query_lang)
            .prefix_terms(&fold(prefix))
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }
}

/// The start of `body` that snippets and proximity look at, cut at a character boundary.
fn scanned_part(body: &str) -> &str {
    truncate(body, SCAN_BYTES)
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

/// A small index in one file for the phases' tests: English articles with synonyms, and a
/// few in Chinese.
#[cfg(test)]
pub(crate) fn test_index() -> Index {
    use crate::{Document, IndexWriter, Weights};
    let articles = [
        (
            "Account",
            "en",
            "How do I reset my password?",
            "Open Settings and choose Reset password. A password reset link arrives by email.",
        ),
        (
            "Account",
            "en",
            "Change your email address",
            "Your email and password are under Settings.",
        ),
        (
            "Account",
            "en",
            "Set up two-factor authentication",
            "Two-factor authentication protects your account; have your password ready.",
        ),
        (
            "Billing",
            "en",
            "Withdrawal fees",
            "Fees depend on the network. Reset the password before a large withdrawal.",
        ),
        (
            "Billing",
            "en",
            "Deposit limits",
            "Limits grow with verification.",
        ),
        (
            "Account",
            "zh-CN",
            "如何重置密码",
            "打开设置，选择重置密码。",
        ),
        ("Account", "zh-CN", "修改邮箱地址", "邮箱和密码在设置中。"),
    ];
    let mut writer = IndexWriter::new(Weights::default());
    for (i, (category, locale, title, body)) in articles.into_iter().enumerate() {
        writer.add(&Document {
            id: format!("d{i}"),
            title: title.into(),
            body: body.into(),
            url: format!("/help/d{i}"),
            category: category.into(),
            published: 19_000,
            updated: 19_000 + i as i32,
            views: 10 * i as u64,
            locale: locale.into(),
            section: String::new(),
            headings: Vec::new(),
        });
    }
    writer.set_synonyms(vec![vec!["2fa".into(), "two-factor authentication".into()]]);
    Index::from_bytes(writer.finish().0).expect("the test index opens")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_limit_and_offset_do_not_overflow() {
        // The JavaScript API turns a limit of 1e20 into usize::MAX.
        let index = test_index();
        let all = index.search("withdrawal", &SearchOptions::default()).total;
        for offset in [0, 1, usize::MAX] {
            let options = SearchOptions {
                limit: usize::MAX,
                offset,
                ..SearchOptions::default()
            };
            let res = index.search("withdrawal", &options);
            assert_eq!(res.total, all);
            assert_eq!(res.hits.len(), all.saturating_sub(offset));
            assert!(res.settled && res.lacks.is_empty());
        }
    }

    #[test]
    fn a_locale_is_matched_by_the_shared_rule() {
        let index = test_index();
        assert_eq!(index.locale_index("zh-SG"), Some(1));
        assert_eq!(
            index.locale_index("zh_hk"),
            Some(1),
            "the only Chinese there is"
        );
        assert_eq!(index.locale_index("EN-gb"), Some(0));
        assert_eq!(index.locale_index("fr"), None);
        let options = SearchOptions {
            locale: Some("zh".into()),
            ..SearchOptions::default()
        };
        let res = index.search("密码", &options);
        assert!(res.total > 0 && res.hits.iter().all(|h| h.locale == "zh-CN"));
    }

    #[test]
    fn the_pipeline_answers_with_counts_hits_and_a_suggestion() {
        let index = test_index();
        let res = index.search("pasword", &SearchOptions::default());
        assert_eq!(res.suggestion.as_deref(), Some("password"));
        assert_eq!(res.hits[0].title, "How do I reset my password?");
        assert_eq!(
            res.categories.iter().map(|c| c.count).sum::<usize>(),
            res.total_all
        );
    }
}

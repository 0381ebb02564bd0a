//! A split index (main file + parts loaded on demand) answers like the same index in one file,
//! once the parts a search asks for are loaded; and it asks only for what the query needs.

use std::collections::HashMap;

mod common;

use faq_search_engine::{
    order_for_split, Document, Index, IndexWriter, PartKind, SearchOptions, SearchResults,
    SplitSizes, Weights, POPULAR_FIRST,
};

fn demo_articles() -> Vec<Document> {
    common::read_jsonl(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../www/demo/articles.jsonl"
    ))
}

fn writer(docs: &[Document]) -> IndexWriter {
    let mut w = IndexWriter::new(Weights::default());
    w.set_synonyms(vec![vec!["2fa".into(), "two-factor authentication".into()]]);
    for d in docs {
        w.add(d);
    }
    w
}

/// Small parts, so that the demo corpus makes many of each kind.
const TINY: SplitSizes = SplitSizes {
    chunk_bytes: 2_000,
    titles_bytes: 1_000,
    bodies_bytes: 3_000,
};

struct Split {
    index: Index,
    files: HashMap<String, Vec<u8>>,
}

fn split(docs: &[Document], sizes: SplitSizes) -> Split {
    let mut seen = 0;
    let built = writer(docs).finish_split(sizes, |parts| {
        seen = parts.len();
        "demo.1a2b3c.".to_string()
    });
    assert_eq!(seen, built.parts.len());
    let names: Vec<&String> = built.parts.iter().map(|(n, _)| n).collect();
    assert!(names
        .iter()
        .all(|n| n.starts_with("demo.1a2b3c.") && n.ends_with(".bin")));
    Split {
        index: Index::from_bytes(built.main).expect("the main file opens"),
        files: built.parts.into_iter().collect(),
    }
}

impl Split {
    /// Searches, loads what the search asked for, and searches again until it asks for
    /// nothing. Returns the final results and how many rounds it took.
    fn search(&self, query: &str, options: &SearchOptions) -> (SearchResults, usize) {
        for round in 1..=8 {
            let results = self.index.search(query, options);
            if results.lacks.parts().is_empty() {
                return (results, round);
            }
            self.load(results.lacks.parts());
        }
        panic!("{query:?}: still missing parts after 8 rounds");
    }

    /// Loads `parts` (ids into the index's parts table).
    fn load(&self, parts: impl IntoIterator<Item = usize>) {
        for part in parts {
            let file = &self.index.parts()[part].file;
            self.index
                .add_part(part, self.files[file].clone())
                .expect("a part of this index loads");
        }
    }

    /// The term chunks among the parts `results` asked for.
    fn terms_missing(&self, results: &SearchResults) -> Vec<usize> {
        results
            .lacks
            .parts()
            .iter()
            .copied()
            .filter(|&p| self.index.parts()[p].kind == PartKind::Terms)
            .collect()
    }

    fn loaded(&self) -> usize {
        (0..self.index.parts().len())
            .filter(|&p| self.index.part_loaded(p))
            .count()
    }
}

fn comparable(r: &SearchResults) -> impl PartialEq + std::fmt::Debug {
    (
        r.total,
        r.total_all,
        r.partial,
        r.categories.clone(),
        r.suggestion.clone(),
        r.hits
            .iter()
            .map(|h| {
                (
                    h.id.clone(),
                    h.title.clone(),
                    h.url.clone(),
                    h.snippet.clone(),
                    h.title_highlights.clone(),
                    h.snippet_highlights.clone(),
                    h.views,
                    h.published.clone(),
                    h.updated.clone(),
                    h.snippet_pending,
                )
            })
            .collect::<Vec<_>>(),
    )
}

#[test]
fn split_answers_like_one_file_once_parts_are_loaded() {
    let docs = demo_articles();
    let whole = Index::from_bytes(writer(&docs).finish().0).unwrap();
    let split = split(&docs, TINY);
    assert!(split.index.is_split() && !whole.is_split());
    for kind in [PartKind::Terms, PartKind::Titles, PartKind::Bodies] {
        let n = split
            .index
            .parts()
            .iter()
            .filter(|p| p.kind == kind)
            .count();
        assert!(n >= 3, "{n} {kind:?} parts: the test wants several of each");
    }
    let options = SearchOptions::default();
    for query in [
        "withdrawal",
        "withdraw",
        "how do i reset my password",
        "2fa",
        "api key permissions",
        "verificaton levels",
        "deposit not credited",
        "fees -futures",
        "tra",
        "",
    ] {
        let (got, _) = split.search(query, &options);
        let want = whole.search(query, &options);
        assert!(want.lacks.parts().is_empty());
        assert_eq!(comparable(&got), comparable(&want), "query {query:?}");
    }
    // One letter is completed only from the term chunks already here: with all of them
    // loaded, that is the whole dictionary, as in one file.
    for part in 0..split.index.parts().len() {
        let info = &split.index.parts()[part];
        if info.kind == PartKind::Terms {
            split
                .index
                .add_part(part, split.files[&info.file].clone())
                .unwrap();
        }
    }
    let (got, _) = split.search("s", &options);
    assert_eq!(comparable(&got), comparable(&whole.search("s", &options)));
    let by_views = SearchOptions {
        sort: faq_search_engine::SortOrder::MostViewed,
        category: Some("FAQ".into()),
        ..SearchOptions::default()
    };
    let (got, _) = split.search("account", &by_views);
    assert_eq!(
        comparable(&got),
        comparable(&whole.search("account", &by_views))
    );
    let newest = SearchOptions {
        sort: faq_search_engine::SortOrder::Newest,
        limit: 100,
        ..SearchOptions::default()
    };
    let (got, _) = split.search("", &newest);
    assert_eq!(comparable(&got), comparable(&whole.search("", &newest)));
}

#[test]
fn a_query_loads_only_the_parts_it_needs() {
    let docs = demo_articles();
    let split = split(&docs, TINY);
    let total = split.index.parts().len();
    let first = split.index.search("withdrawal", &SearchOptions::default());
    assert!(
        first.hits.is_empty(),
        "nothing is known before the term chunk arrives"
    );
    assert!(!first.lacks.parts().is_empty());
    assert!(first
        .lacks
        .parts()
        .iter()
        .all(|&p| split.index.parts()[p].kind == PartKind::Terms));
    let (results, rounds) = split.search("withdrawal", &SearchOptions::default());
    assert!(results.total > 0);
    assert!(rounds <= 4, "{rounds} rounds");
    let loaded = split.loaded();
    assert!(
        loaded * 2 < total,
        "one word loaded {loaded} of {total} parts"
    );
    assert!(results.hits.iter().all(|h| !h.snippet.is_empty()));
}

#[test]
fn titles_come_before_snippets() {
    let docs = demo_articles();
    let split = split(&docs, TINY);
    let options = SearchOptions::default();
    // Load term chunks and title fragments, but no bodies.
    for _ in 0..6 {
        let r = split.index.search("password", &options);
        for part in r.lacks.parts() {
            let info = &split.index.parts()[part];
            if info.kind != PartKind::Bodies {
                split
                    .index
                    .add_part(part, split.files[&info.file].clone())
                    .unwrap();
            }
        }
    }
    let r = split.index.search("password", &options);
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| !h.title.is_empty()));
    assert!(r
        .hits
        .iter()
        .all(|h| h.snippet_pending && h.snippet.is_empty()));
    assert!(r
        .lacks
        .parts()
        .iter()
        .all(|&p| split.index.parts()[p].kind == PartKind::Bodies));

    // The bodies are asked for best result first: the first part asked for holds the best
    // result's text, whatever its number.
    let first = r.lacks.parts()[0];
    let info = &split.index.parts()[first];
    split
        .index
        .add_part(first, split.files[&info.file].clone())
        .unwrap();
    let after = split.index.search("password", &options);
    assert_eq!(after.hits[0].url, r.hits[0].url);
    assert!(!after.hits[0].snippet_pending && !after.hits[0].snippet.is_empty());
}

#[test]
fn the_best_hits_show_whole_before_the_rest_of_the_page_arrives() {
    let docs = demo_articles();
    let split = split(&docs, TINY);
    let options = SearchOptions::default();
    // Only the term chunks.
    loop {
        let terms = split.terms_missing(&split.index.search("account", &options));
        if terms.is_empty() {
            break;
        }
        split.load(terms);
    }
    let waiting = split.index.search("account", &options);
    assert!(waiting.total > 3, "the query finds several articles");
    assert!(waiting.hits.is_empty(), "no title is loaded yet");
    // Asked for as title, body, title, body… of the hits in rank order: the first two
    // parts are the best hit's title fragment and body fragment.
    let kinds: Vec<PartKind> = waiting
        .lacks
        .parts()
        .iter()
        .map(|&p| split.index.parts()[p].kind)
        .collect();
    assert_eq!(
        kinds[..2],
        [PartKind::Titles, PartKind::Bodies],
        "{kinds:?}"
    );
    split.load(waiting.lacks.parts()[..2].iter().copied());
    let early = split.index.search("account", &options);
    assert!(!early.hits.is_empty());
    assert!(!early.hits[0].snippet_pending && !early.hits[0].snippet.is_empty());
    // The rest of the page is still asked for, and what shows is the head of the final list.
    assert!(!early.lacks.parts().is_empty());
    let (full, _) = split.search("account", &options);
    assert!(early.hits.len() < full.hits.len());
    let urls = |r: &SearchResults| r.hits.iter().map(|h| h.url.clone()).collect::<Vec<_>>();
    assert_eq!(urls(&early), urls(&full)[..early.hits.len()]);
}

#[test]
fn results_shown_early_never_move_as_more_text_arrives() {
    let docs = demo_articles();
    let options = SearchOptions::default();
    let queries = [
        "withdrawal fee",
        "reset password",
        "how do i verify my account",
        "two-factor authentication",
        "deposit not credited",
    ];
    for query in queries {
        let split = split(&docs, TINY);
        // Term chunks at once, then text parts two at a time, in the order asked for.
        let mut lists: Vec<Vec<String>> = Vec::new();
        for _ in 0..40 {
            let r = split.index.search(query, &options);
            lists.push(r.hits.iter().map(|h| h.url.clone()).collect());
            if r.lacks.parts().is_empty() {
                break;
            }
            let terms = split.terms_missing(&r);
            if terms.is_empty() {
                split.load(r.lacks.parts().iter().copied().take(2));
            } else {
                split.load(terms);
            }
        }
        let last = lists.last().unwrap().clone();
        assert!(!last.is_empty(), "{query:?} finds articles");
        for list in &lists {
            assert_eq!(list[..], last[..list.len()], "{query:?}: {lists:?}");
        }
        assert!(
            lists.iter().any(|l| !l.is_empty() && l.len() < last.len()),
            "{query:?}: some results show before the whole page: {lists:?}"
        );
    }
}

#[test]
fn a_wrong_or_damaged_part_is_refused() {
    let docs = demo_articles();
    let split = split(&docs, TINY);
    let parts = split.index.parts().to_vec();
    // Another part's bytes under this part's id.
    let other = split.files[&parts[1].file].clone();
    assert!(split.index.add_part(0, other).is_err());
    // The same part from another build of a slightly different corpus.
    let mut changed = docs.clone();
    changed[0].title.push_str(" (updated)");
    let other_build = self::split(&changed, TINY);
    let stale = other_build.files[&parts[0].file].clone();
    assert!(split.index.add_part(0, stale).is_err());
    // Damaged bytes.
    let mut bytes = split.files[&parts[0].file].clone();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    assert!(split.index.add_part(0, bytes).is_err());
    assert!(split.index.add_part(0, b"garbage".to_vec()).is_err());
    assert!(split.index.add_part(parts.len() + 5, vec![]).is_err());
    assert!(!split.index.part_loaded(0));
    // The right bytes still load afterwards.
    split
        .index
        .add_part(0, split.files[&parts[0].file].clone())
        .unwrap();
    assert!(split.index.part_loaded(0));
}

#[test]
fn long_bodies_are_shortened_in_fragments_but_snippets_match() {
    let mut docs = demo_articles();
    let long = "Staking rewards are paid daily. ".repeat(800);
    docs[0].body = format!("{long} The final word is zebra.");
    let whole = Index::from_bytes(writer(&docs).finish().0).unwrap();
    let split = split(&docs, SplitSizes::default());
    let (got, _) = split.search("staking rewards", &SearchOptions::default());
    let want = whole.search("staking rewards", &SearchOptions::default());
    assert_eq!(comparable(&got), comparable(&want));
    let stored_whole = whole.stored(0).unwrap().body.len();
    let stored_split = split.index.stored(0).unwrap().body.len();
    assert!(
        stored_split < stored_whole / 2,
        "{stored_split} vs {stored_whole}"
    );
}

#[test]
fn split_order_is_most_viewed_then_by_url() {
    // 40 articles: views 0..40, URLs in the opposite order of views.
    let mut docs: Vec<Document> = (0..40)
        .map(|i| Document {
            id: i.to_string(),
            url: format!("/a/{:02}", 40 - i),
            views: i,
            ..Document::default()
        })
        .collect();
    order_for_split(&mut docs);
    let views: Vec<u64> = docs.iter().map(|d| d.views).collect();
    let top: Vec<u64> = (8..40).rev().collect();
    assert_eq!(&views[..POPULAR_FIRST], &top[..]);
    let urls: Vec<&str> = docs[POPULAR_FIRST..]
        .iter()
        .map(|d| d.url.as_str())
        .collect();
    assert_eq!(
        urls,
        ["/a/33", "/a/34", "/a/35", "/a/36", "/a/37", "/a/38", "/a/39", "/a/40"]
    );
}

#[test]
fn a_word_being_typed_gets_the_chunks_of_its_completions_in_the_same_round() {
    let docs = demo_articles();
    let options = SearchOptions::default();
    let mut crossing = 0;
    for typed in [
        "with", "withd", "pass", "passk", "verif", "depo", "secu", "acco", "netw", "fee", "allo",
        "back", "cryp",
    ] {
        let split = split(&docs, TINY);
        let first = split.index.search(typed, &options);
        for &part in &first.lacks.parts() {
            let info = &split.index.parts()[part];
            split
                .index
                .add_part(part, split.files[&info.file].clone())
                .unwrap();
        }
        if first.lacks.parts().len() > 1 {
            crossing += 1;
        }
        let second = split.index.search(typed, &options);
        let terms_still_missing: Vec<usize> = second
            .lacks
            .parts()
            .iter()
            .copied()
            .filter(|&p| split.index.parts()[p].kind == PartKind::Terms)
            .collect();
        assert_eq!(terms_still_missing, Vec::<usize>::new(), "{typed:?}");
    }
    assert!(
        crossing > 0,
        "some typed word's completions span several chunks"
    );
}

#[test]
fn one_or_two_letters_look_only_in_chunks_already_loaded() {
    let docs = demo_articles();
    let options = SearchOptions::default();
    for typed in ["w", "wi", "p", "pa", "d"] {
        let split = split(&docs, TINY);
        let whole = split
            .index
            .parts()
            .iter()
            .filter(|p| p.kind == PartKind::Terms)
            .count();
        let (results, _) = split.search(typed, &options);
        let terms_loaded = (0..split.index.parts().len())
            .filter(|&p| {
                split.index.part_loaded(p) && split.index.parts()[p].kind == PartKind::Terms
            })
            .count();
        assert_eq!(
            terms_loaded, 1,
            "{typed:?}: only the prefix's own chunk of {whole}"
        );
        assert!(
            !results.hits.is_empty(),
            "{typed:?} finds completions in that chunk"
        );
    }
    // Three letters fetch the prefix's whole range.
    let split = split(&docs, TINY);
    let (three, _) = split.search("wit", &options);
    let (one_file, _) = (writer(&docs).finish().0, ());
    let one_file = Index::from_bytes(one_file).unwrap().search("wit", &options);
    assert_eq!(three.total, one_file.total);
}

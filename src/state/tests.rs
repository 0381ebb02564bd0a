//! Every action of the reducer, natively: a small index built in memory, actions in, the next
//! state checked. `reduce` does no I/O, so nothing here needs a browser.

use std::rc::Rc;

use faq_search_engine::{
    date, order_for_split, Document, Heading, Index, IndexWriter, PartKind, SortOrder, SplitSizes,
    Weights,
};
use yew::Reducible;

use super::{Action, Change, Listed, LoadState, State};

fn doc(id: &str, title: &str, body: &str, category: &str, updated: &str, views: u64) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        url: format!("/help/{id}"),
        category: category.into(),
        published: date::parse_ymd("2024-01-01").expect("a valid date"),
        updated: date::parse_ymd(updated).expect("a valid date"),
        views,
        locale: "en".into(),
        section: String::new(),
        headings: Vec::new(),
    }
}

/// Three articles, one per category, with distinct words and view counts.
fn help_center() -> Vec<Document> {
    vec![
        doc(
            "reset-2fa",
            "How do I reset two-factor authentication?",
            "If you lost your phone, open Security and choose Reset authentication.",
            "FAQ",
            "2026-05-29",
            31_433,
        ),
        doc(
            "btc-fee",
            "Bitcoin withdrawal fee adjustment",
            "From June the Bitcoin withdrawal fee drops to 0.0002 BTC. Deposits stay free.",
            "Announcements",
            "2024-05-21",
            4_109,
        ),
        doc(
            "fee-schedule",
            "Deposit and withdrawal fee schedule",
            "Every coin and network with its withdrawal fee and minimum deposit.",
            "Product documents",
            "2026-10-28",
            27_664,
        ),
    ]
}

fn writer(docs: &[Document]) -> IndexWriter {
    let mut writer = IndexWriter::new(Weights::default());
    for d in docs {
        writer.add(d);
    }
    writer
}

fn index() -> Rc<Index> {
    let bytes = writer(&help_center()).finish().0;
    Rc::new(Index::from_bytes(bytes).expect("the test index opens"))
}

fn new_state(query: &str, page_size: usize) -> Rc<State> {
    Rc::new(State::new(
        query.to_string(),
        None,
        SortOrder::Relevance,
        page_size,
        None,
        Vec::new(),
    ))
}

fn ready(query: &str) -> Rc<State> {
    let state = new_state(query, 10);
    state.reduce(Action::Loaded {
        attempt: 0,
        index: index(),
    })
}

fn titles(state: &State) -> Vec<String> {
    state
        .listed_hits()
        .iter()
        .map(|h| h.title.clone())
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_new_state_is_loading_on_its_first_page() {
    let state = State::new(
        "fee".into(),
        Some(String::new()),
        SortOrder::Newest,
        0,
        Some("de".into()),
        strings(&["old"]),
    );
    assert!(matches!(state.load, LoadState::Loading));
    assert_eq!(state.category, None, "an empty category is the All tab");
    assert_eq!(
        (state.page_size, state.limit),
        (1, 1),
        "a page holds one result at least"
    );
    assert!(state.results.is_none() && state.listed_hits().is_empty());
    assert_eq!(state.change, Change::Initial);
    assert_eq!(*state.recent, ["old"]);
}

#[test]
fn loaded_searches_the_query_and_lists_the_most_viewed_for_an_empty_one() {
    let state = ready("withdrawal fee");
    assert!(state.index().is_some());
    assert_eq!(state.searches, 1);
    assert_eq!(state.results.as_ref().map(|r| r.total), Some(2));
    assert!(
        state.popular.is_none(),
        "not wanted while the query finds something"
    );

    let empty = ready("");
    assert_eq!(
        empty.popular.as_ref().map(|p| p.hits[0].id.as_str()),
        Some("reset-2fa"),
        "the most viewed article first"
    );
    assert_eq!(
        titles(&empty).len(),
        3,
        "the hits of the empty query are listed"
    );
}

#[test]
fn answers_of_an_older_attempt_are_ignored() {
    let state = new_state("fee", 10).reduce(Action::Retry);
    assert_eq!(state.attempt, 1);
    let stale = state.clone().reduce(Action::Loaded {
        attempt: 0,
        index: index(),
    });
    assert!(Rc::ptr_eq(&state, &stale));
    let stale = state.clone().reduce(Action::LoadFailed {
        attempt: 0,
        message: "gone".into(),
    });
    assert!(Rc::ptr_eq(&state, &stale));
    let stale = state.clone().reduce(Action::Progress {
        attempt: 0,
        received: 1,
        total: None,
    });
    assert!(Rc::ptr_eq(&state, &stale));
}

#[test]
fn load_failed_shows_the_message_and_retry_loads_again() {
    let state = ready("fee").reduce(Action::LoadFailed {
        attempt: 0,
        message: "HTTP 404".into(),
    });
    assert!(matches!(&state.load, LoadState::Failed(m) if m == "HTTP 404"));
    assert!(state.results.is_none());

    let state = state.reduce(Action::Progress {
        attempt: 0,
        received: 5,
        total: Some(10),
    });
    assert_eq!(state.progress, None, "progress counts only while loading");
    let state = state.reduce(Action::Retry);
    assert!(matches!(state.load, LoadState::Loading));
    assert_eq!((state.attempt, state.progress), (1, None));
}

#[test]
fn progress_follows_the_download() {
    let state = new_state("", 10).reduce(Action::Progress {
        attempt: 0,
        received: 512,
        total: Some(2048),
    });
    assert_eq!(state.progress, Some((512, Some(2048))));
}

#[test]
fn keystrokes_set_the_query_and_the_frame_searches_it_once() {
    let state = ready("");
    let typed = state.clone().reduce(Action::SetQuery("bitcoin".into()));
    assert_eq!(typed.query, "bitcoin");
    assert!(typed.typed);
    assert_eq!(
        typed.searches, state.searches,
        "a keystroke alone does not search"
    );
    assert!(Rc::ptr_eq(
        &typed,
        &typed.clone().reduce(Action::SetQuery("bitcoin".into()))
    ));

    let searched = typed.reduce(Action::SearchTyped);
    assert_eq!(searched.change, Change::Typing);
    assert_eq!(searched.searches, state.searches + 1);
    assert_eq!(searched.revision, state.revision + 1);
    assert!(!searched.typed);
    assert_eq!(titles(&searched), ["Bitcoin withdrawal fee adjustment"]);
    let again = searched.clone().reduce(Action::SearchTyped);
    assert!(
        Rc::ptr_eq(&searched, &again),
        "nothing typed since: no search"
    );
}

#[test]
fn keystrokes_before_the_index_is_ready_are_kept_and_searched_once_loaded() {
    let state = new_state("", 10)
        .reduce(Action::SetQuery("schedule".into()))
        .reduce(Action::SearchTyped);
    assert!(state.results.is_none());
    assert_eq!(state.searches, 0, "no index, no search");
    let state = state.reduce(Action::Loaded {
        attempt: 0,
        index: index(),
    });
    assert_eq!(titles(&state), ["Deposit and withdrawal fee schedule"]);
}

#[test]
fn search_settles_a_whole_query_at_once() {
    let state = ready("").reduce(Action::Search("reset".into()));
    assert_eq!(state.query, "reset");
    assert_eq!(state.change, Change::Immediate);
    assert_eq!(
        titles(&state),
        ["How do I reset two-factor authentication?"]
    );
}

#[test]
fn tabs_filter_and_a_category_the_index_lacks_shows_all() {
    let state = ready("fee");
    let revision = state.revision;
    let state = state.reduce(Action::SetCategory(Some("Announcements".into())));
    assert_eq!(state.category.as_deref(), Some("Announcements"));
    assert_eq!(state.change, Change::Immediate);
    assert_eq!(state.revision, revision + 1);
    assert_eq!(titles(&state), ["Bitcoin withdrawal fee adjustment"]);
    let same = state
        .clone()
        .reduce(Action::SetCategory(Some("Announcements".into())));
    assert!(Rc::ptr_eq(&state, &same));

    let all = state.reduce(Action::SetCategory(Some(String::new())));
    assert_eq!(all.category, None, "an empty category is the All tab");
    assert_eq!(titles(&all).len(), 2);

    let unknown = all.reduce(Action::SetCategory(Some("Gone".into())));
    assert_eq!(unknown.category, None);
    assert_eq!(titles(&unknown).len(), 2);
}

#[test]
fn sort_orders_the_results() {
    let state = ready("fee").reduce(Action::SetSort(SortOrder::Newest));
    assert_eq!(state.sort, SortOrder::Newest);
    assert_eq!(
        titles(&state),
        [
            "Deposit and withdrawal fee schedule",
            "Bitcoin withdrawal fee adjustment"
        ]
    );
    let same = state.clone().reduce(Action::SetSort(SortOrder::Newest));
    assert!(Rc::ptr_eq(&state, &same));
}

#[test]
fn commit_settles_without_searching() {
    let state = ready("fee")
        .reduce(Action::SetQuery("fees".into()))
        .reduce(Action::SearchTyped);
    let committed = state.clone().reduce(Action::Commit);
    assert_eq!(committed.change, Change::Immediate);
    assert_eq!(committed.revision, state.revision + 1);
    assert_eq!(committed.searches, state.searches);
}

#[test]
fn restore_brings_back_the_search_of_the_url() {
    let state = ready("fee").reduce(Action::Restore {
        query: "deposit".into(),
        category: Some("Product documents".into()),
        sort: SortOrder::MostViewed,
    });
    assert_eq!(state.change, Change::Restored);
    assert_eq!(
        (state.query.as_str(), state.category.as_deref(), state.sort),
        ("deposit", Some("Product documents"), SortOrder::MostViewed)
    );
    assert_eq!(titles(&state), ["Deposit and withdrawal fee schedule"]);
}

#[test]
fn show_more_adds_a_page_and_keeps_the_keyboard_where_it_was() {
    let state = new_state("", 1)
        .reduce(Action::Loaded {
            attempt: 0,
            index: index(),
        })
        .reduce(Action::SetQuery("fee".into()))
        .reduce(Action::SearchTyped)
        .reduce(Action::Move(1));
    assert_eq!(
        (state.limit, titles(&state).len(), state.active),
        (1, 1, Some(0))
    );
    let more = state.reduce(Action::ShowMore);
    assert_eq!(
        (more.limit, titles(&more).len(), more.active),
        (2, 2, Some(0))
    );
    let new_search = more.reduce(Action::Search("withdrawal".into()));
    assert_eq!(new_search.limit, 1, "a new search starts on its first page");
}

#[test]
fn arrow_keys_go_through_recent_searches_then_results_and_back_to_the_box() {
    let state = Rc::new(State::new(
        String::new(),
        None,
        SortOrder::Relevance,
        2,
        None,
        strings(&["fee"]),
    ))
    .reduce(Action::Loaded {
        attempt: 0,
        index: index(),
    });
    assert_eq!(
        (state.offered_recent().len(), state.listed_hits().len()),
        (1, 2)
    );
    let down = |s: Rc<State>| s.reduce(Action::Move(1));
    let up = |s: Rc<State>| s.reduce(Action::Move(-1));
    let state = down(state);
    assert_eq!(state.active, Some(0), "the recent search first");
    let state = down(down(down(state)));
    assert_eq!(state.active, Some(2), "stops at the last result");
    let state = up(up(state));
    assert_eq!(state.active, Some(0));
    assert_eq!(
        up(state.clone()).active,
        None,
        "up from the first goes to the box"
    );
    let from_box = up(up(state.clone()));
    assert_eq!(from_box.active, Some(2), "up from the box goes to the last");

    let typed = state.reduce(Action::Search("zzzzqqq".into()));
    let moved = typed.reduce(Action::Move(1));
    assert_eq!(
        moved.active,
        Some(0),
        "through the most viewed when nothing is found"
    );

    let empty = ready("").reduce(Action::Search("zzzzqqq".into()));
    let empty = Rc::new(State {
        popular: None,
        ..(*empty).clone()
    });
    assert!(
        Rc::ptr_eq(&empty, &empty.clone().reduce(Action::Move(1))),
        "nothing to move through"
    );
}

#[test]
fn nothing_found_lists_the_most_viewed_articles() {
    let state = ready("").reduce(Action::Search("zzzzqqq".into()));
    assert!(state.nothing_found());
    assert!(state.results.as_ref().is_some_and(|r| r.hits.is_empty()));
    assert_eq!(
        state.listed_hits().first().map(|h| h.id.as_str()),
        Some("reset-2fa")
    );
}

#[test]
fn a_typo_gets_a_suggestion_and_the_suggestion_is_not_the_query() {
    let state = ready("").reduce(Action::Search("withdrawl".into()));
    assert_eq!(state.suggestion.as_deref(), Some("withdrawal"));
    let state = state.reduce(Action::Search("withdrawal".into()));
    assert_eq!(state.suggestion, None);
}

#[test]
fn the_dialog_opens_closes_and_knows_when_the_page_is_leaving() {
    let state = ready("fee");
    let open = state.clone().reduce(Action::Open);
    assert!(open.open && !open.leaving);
    assert!(Rc::ptr_eq(&open, &open.clone().reduce(Action::Open)));
    let open = open.reduce(Action::Move(1));
    let closed = open.clone().reduce(Action::Close);
    assert!(!closed.open && !closed.leaving);
    assert_eq!(closed.active, None);
    assert!(Rc::ptr_eq(&closed, &closed.clone().reduce(Action::Close)));
    assert!(Rc::ptr_eq(&closed, &closed.clone().reduce(Action::Leave)));

    let left = open.reduce(Action::Leave);
    assert!(!left.open && left.leaving);
    let again = left.reduce(Action::Open);
    assert!(again.open && !again.leaving, "opening again forgets it");
}

#[test]
fn recent_searches_are_set_and_cleared() {
    let state = ready("").reduce(Action::SetRecent(strings(&["fee", "reset"])));
    assert_eq!(*state.recent, ["fee", "reset"]);
    assert_eq!(state.offered_recent(), ["fee", "reset"]);
    let same = state
        .clone()
        .reduce(Action::SetRecent(strings(&["fee", "reset"])));
    assert!(Rc::ptr_eq(&state, &same));

    let typed = state.clone().reduce(Action::SetQuery("f".into()));
    assert!(
        typed.offered_recent().is_empty(),
        "offered on an empty box only"
    );

    let state = state.reduce(Action::Move(1)).reduce(Action::ClearRecent);
    assert!(state.recent.is_empty());
    assert_eq!(state.active, None);
}

#[test]
fn only_actions_that_may_search_do() {
    let actions = || {
        vec![
            Action::SetQuery("fee".into()),
            Action::SearchTyped,
            Action::Search("reset".into()),
            Action::SetCategory(Some("FAQ".into())),
            Action::SetSort(SortOrder::Newest),
            Action::Commit,
            Action::Restore {
                query: "fee".into(),
                category: None,
                sort: SortOrder::Relevance,
            },
            Action::ShowMore,
            Action::PartsLoaded,
            Action::Move(1),
            Action::Open,
            Action::Close,
            Action::SetRecent(strings(&["fee"])),
            Action::ClearRecent,
            Action::Retry,
        ]
    };
    let mut state = ready("");
    for action in actions() {
        let may = action.may_search();
        let next = state.clone().reduce(action);
        if !may {
            assert_eq!(next.searches, state.searches);
        }
        state = next;
    }
    assert!(state.searches > 1);
}

/// Small parts, so that three articles make several of each kind.
const TINY: SplitSizes = SplitSizes {
    chunk_bytes: 64,
    titles_bytes: 32,
    bodies_bytes: 64,
};

struct Split {
    index: Rc<Index>,
    files: std::collections::HashMap<String, Vec<u8>>,
}

fn split() -> Split {
    let mut docs = help_center();
    order_for_split(&mut docs);
    let built = writer(&docs).finish_split(TINY, |_| "test.".to_string());
    Split {
        index: Rc::new(Index::from_bytes(built.main).expect("the main file opens")),
        files: built.parts.into_iter().collect(),
    }
}

impl Split {
    /// What the part-fetching hook does: add the pending parts, then `PartsLoaded`.
    fn fetch(&self, state: Rc<State>, parts: &[usize]) -> Rc<State> {
        for &part in parts {
            let file = &self.index.parts()[part].file;
            self.index
                .add_part(part, self.files[file].clone())
                .expect("a part of this index loads");
        }
        state.reduce(Action::PartsLoaded)
    }
}

#[test]
fn a_split_index_waits_for_its_term_chunks_then_fills_in() {
    let split = split();
    let state = new_state("withdrawal", 10).reduce(Action::Loaded {
        attempt: 0,
        index: split.index.clone(),
    });
    assert!(state.results.is_none(), "no answer without the term chunks");
    assert!(!state.pending.is_empty());
    assert!(!state.pending.term_chunks.is_empty());
    assert!(state
        .pending
        .term_chunks
        .iter()
        .all(|&p| split.index.parts()[p].kind == PartKind::Terms));

    let mut state = state;
    for _ in 0..16 {
        if state.pending.is_empty() {
            break;
        }
        let pending = state.pending.parts();
        state = split.fetch(state, &pending);
        assert!(matches!(state.load, LoadState::Ready(_)));
    }
    assert!(state.pending.is_empty(), "every part arrived");
    assert!(!state.filling());
    let mut listed = titles(&state);
    listed.sort();
    assert_eq!(
        listed,
        [
            "Bitcoin withdrawal fee adjustment",
            "Deposit and withdrawal fee schedule"
        ],
        "the same answer as the index in one file"
    );
    assert_eq!(state.results.as_ref().map(|r| r.total), Some(2));
}

#[test]
fn parts_loaded_without_an_index_does_nothing_and_parts_failed_is_the_error_state() {
    let loading = new_state("fee", 10);
    assert!(Rc::ptr_eq(
        &loading,
        &loading.clone().reduce(Action::PartsLoaded)
    ));
    let split = split();
    let state = new_state("fee", 10).reduce(Action::Loaded {
        attempt: 0,
        index: split.index.clone(),
    });
    assert!(!state.pending.is_empty());
    let failed = state.reduce(Action::PartsFailed("HTTP 500".into()));
    assert!(matches!(&failed.load, LoadState::Failed(m) if m == "HTTP 500"));
    assert!(failed.results.is_none() && failed.pending.is_empty());
}

#[test]
fn missing_parts_are_fetched_terms_together_then_text_a_few_at_once() {
    let split = split();
    let mut state = new_state("withdrawal fee", 10).reduce(Action::Loaded {
        attempt: 0,
        index: split.index.clone(),
    });
    let is_terms = |part: usize| split.index.parts()[part].kind == PartKind::Terms;
    let mut text_fetched = 0;
    for _ in 0..16 {
        if state.pending.is_empty() {
            break;
        }
        let batches = crate::missing_parts::fetch_batches(&state.pending, 0, |_| true);
        assert_eq!(
            batches.terms, state.pending.term_chunks,
            "every term chunk in one batch"
        );
        assert!(batches.terms.iter().all(|&p| is_terms(p)));
        assert!(batches.text.iter().all(|&p| !is_terms(p)));
        let at_once = crate::missing_parts::TEXT_REQUESTS_AT_ONCE.min(state.pending.text.len());
        assert_eq!(
            batches.text,
            state.pending.text[..at_once],
            "in the order the search needs them, a few at once"
        );
        let busy = crate::missing_parts::fetch_batches(
            &state.pending,
            crate::missing_parts::TEXT_REQUESTS_AT_ONCE,
            |_| true,
        );
        assert!(
            busy.text.is_empty(),
            "no text request while as many are under way"
        );
        text_fetched += batches.text.len();
        let fetched: Vec<usize> = batches.terms.iter().chain(&batches.text).copied().collect();
        state = split.fetch(state, &fetched);
    }
    assert!(state.pending.is_empty());
    assert!(text_fetched > 0, "the hits' text was fetched too");
}

/// A long article with headings (its sub-results), the most viewed, and a short one that
/// shares its word "card".
fn with_headings() -> Vec<Document> {
    let mut body = String::from("Most card payments can be refunded.");
    let mut headings = Vec::new();
    for (heading, anchor, text) in [
        (
            "Card limits",
            "card-limits",
            "A card refund follows the card limits of your plan.",
        ),
        (
            "Bank transfers",
            "transfers",
            "A transfer is refunded to the same bank account.",
        ),
        (
            "Fees",
            "fees",
            "Refunds are free; the card network returns its fee too.",
        ),
    ] {
        body.push_str("\n\n");
        headings.push(Heading {
            text: heading.into(),
            anchor: anchor.into(),
            start: body.len(),
        });
        body.push_str(&format!("{heading}\n\n{text}"));
    }
    let refunds = Document {
        headings,
        ..doc(
            "refunds",
            "Getting your money back",
            &body,
            "FAQ",
            "2026-01-01",
            50_000,
        )
    };
    let mut docs = help_center();
    docs.push(refunds);
    docs.push(doc(
        "card-order",
        "Order a new card",
        "Order a card from the app.",
        "FAQ",
        "2025-01-01",
        100,
    ));
    docs
}

/// "card" on `index`, most viewed first: the long article, then the short one.
fn card_search(index: Rc<Index>) -> Rc<State> {
    Rc::new(State::new(
        "card".into(),
        None,
        SortOrder::MostViewed,
        10,
        None,
        Vec::new(),
    ))
    .reduce(Action::Loaded { attempt: 0, index })
}

/// What option `i` of the result list opens.
fn opens(state: &State, i: usize) -> Option<String> {
    state.listed_option(i).map(|o| o.url().to_string())
}

#[test]
fn sub_results_are_options_of_their_own_right_after_their_result() {
    let bytes = writer(&with_headings()).finish().0;
    let state = card_search(Rc::new(Index::from_bytes(bytes).expect("opens")));
    let hits = state.listed_hits();
    assert_eq!(
        hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["refunds", "card-order"]
    );
    assert_eq!(
        hits[0]
            .sub_results
            .iter()
            .map(|s| s.anchor.as_str())
            .collect::<Vec<_>>(),
        ["card-limits", "fees"],
        "the parts that hold the word, the one whose heading names it first"
    );
    assert_eq!(state.option_count(), 4);
    assert_eq!(
        (0..5).map(|i| opens(&state, i)).collect::<Vec<_>>(),
        [
            Some("/help/refunds".to_string()),
            Some("/help/refunds#card-limits".to_string()),
            Some("/help/refunds#fees".to_string()),
            Some("/help/card-order".to_string()),
            None,
        ]
    );
    let Some(Listed { position, hit, sub }) = state.listed_option(2) else {
        panic!("a third option");
    };
    assert_eq!(
        (position, hit.id.as_str(), sub.map(|s| s.title.as_str())),
        (0, "refunds", Some("Fees"))
    );
    let Some(Listed { position, sub, .. }) = state.listed_option(3) else {
        panic!("a fourth option");
    };
    assert_eq!((position, sub.is_none()), (1, true));

    // The arrow keys: the result, its sub-results, the next result; Enter opens the one they
    // are on.
    let down = |s: Rc<State>| s.reduce(Action::Move(1));
    let mut state = state;
    let mut visited = Vec::new();
    for _ in 0..5 {
        state = down(state);
        visited.push(state.active.and_then(|i| opens(&state, i)));
    }
    assert_eq!(
        visited,
        [
            Some("/help/refunds".to_string()),
            Some("/help/refunds#card-limits".to_string()),
            Some("/help/refunds#fees".to_string()),
            Some("/help/card-order".to_string()),
            Some("/help/card-order".to_string()),
        ],
        "down stops at the last option"
    );
    let up = state.reduce(Action::Move(-1));
    assert_eq!(
        up.active,
        Some(2),
        "up from the next result to the last sub-result"
    );
}

#[test]
fn the_keyboard_stays_on_its_option_when_sub_results_arrive_above_it() {
    let mut docs = with_headings();
    order_for_split(&mut docs);
    let built = writer(&docs).finish_split(TINY, |_| "test.".to_string());
    let split = Split {
        index: Rc::new(Index::from_bytes(built.main).expect("the main file opens")),
        files: built.parts.into_iter().collect(),
    };
    let is_body = |part: usize| split.index.parts()[part].kind == PartKind::Bodies;
    let mut state = card_search(split.index.clone());
    // Everything but the articles' text: the list shows, without sub-results yet.
    for _ in 0..16 {
        let wanted: Vec<usize> = state
            .pending
            .parts()
            .into_iter()
            .filter(|&p| !is_body(p))
            .collect();
        if wanted.is_empty() {
            break;
        }
        state = split.fetch(state, &wanted);
    }
    assert_eq!(state.listed_hits().len(), 2);
    assert!(state.listed_hits()[0].sub_results.is_empty());
    assert!(!state.pending.is_empty(), "the text is still to come");
    let state = state.reduce(Action::Move(1)).reduce(Action::Move(1));
    assert_eq!(opens(&state, 1), Some("/help/card-order".to_string()));

    let mut state = state;
    for _ in 0..16 {
        if state.pending.is_empty() {
            break;
        }
        let pending = state.pending.parts();
        state = split.fetch(state, &pending);
    }
    assert_eq!(
        state.listed_hits()[0].sub_results.len(),
        2,
        "the text arrived"
    );
    assert_eq!(
        state.active.and_then(|i| opens(&state, i)),
        Some("/help/card-order".to_string()),
        "still on the same result, now the fourth option"
    );
    assert_eq!(state.active, Some(3));
}

//! What a search is asked ([`SearchOptions`], [`SortOrder`]) and what it answers
//! ([`SearchResults`], [`Hit`], [`CategoryCount`], and [`Lacks`], the parts of a split index
//! it needed and did not have).

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Relevance,
    /// Most recently updated first.
    Newest,
    MostViewed,
}

impl SortOrder {
    pub fn parse(s: &str) -> Option<SortOrder> {
        match s {
            "relevance" | "" => Some(SortOrder::Relevance),
            "newest" | "updated" => Some(SortOrder::Newest),
            "views" | "most-viewed" | "popular" => Some(SortOrder::MostViewed),
            _ => None,
        }
    }
}

/// What to return.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Only results in this category (counts still cover every category).
    pub category: Option<String>,
    pub sort: SortOrder,
    /// Words of snippet context around the matches.
    pub snippet_words: usize,
    /// Only documents of this locale, with the query stemmed for its language ("de",
    /// "zh-CN"; matched as [`crate::locale::best_match`] says). Unknown: every locale.
    pub locale: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            category: None,
            sort: SortOrder::Relevance,
            snippet_words: 30,
            locale: None,
        }
    }
}

/// One result, ready to render. Highlight ranges are byte ranges into `title` and `snippet`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub url: String,
    pub category: String,
    pub section: String,
    pub locale: String,
    /// `YYYY-MM-DD`
    pub published: String,
    /// `YYYY-MM-DD`
    pub updated: String,
    pub views: u64,
    pub score: f32,
    pub snippet: String,
    pub title_highlights: Vec<(usize, usize)>,
    pub snippet_highlights: Vec<(usize, usize)>,
    /// A split index only: the body text for the snippet is not loaded yet (its fragment is
    /// in [`SearchResults::lacks`]); `snippet` is empty until it is.
    pub snippet_pending: bool,
    /// The headings of the article whose parts matched the query best (at most
    /// [`SUB_RESULTS`]), best first, each linking to its place on the page. Empty for an
    /// article without headings.
    pub sub_results: Vec<SubResult>,
}

/// How many sub-results a hit carries at most.
pub const SUB_RESULTS: usize = 3;

/// A heading of a hit's article whose part matched the query: a deep link into the page.
/// Highlight ranges are byte ranges into `title` and `snippet`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SubResult {
    /// The heading.
    pub title: String,
    /// The article's URL with the heading's anchor as its fragment.
    pub url: String,
    /// The heading's anchor alone (without `#`).
    pub anchor: String,
    /// The words of its part that cover the most query words (empty when that part is not
    /// stored: past the text a split index keeps of a long article).
    pub snippet: String,
    pub title_highlights: Vec<(usize, usize)>,
    pub snippet_highlights: Vec<(usize, usize)>,
}

/// The number of results a category would show for the current query.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CategoryCount {
    pub category: String,
    pub count: usize,
}

/// The parts of a split index (ids into [`crate::Index::parts`]) a search needed and did not
/// have. Load them with [`crate::Index::add_part`] and search again for the complete answer.
/// Empty for an index in one file, and once everything the search needs is loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Lacks {
    /// Term chunks, in id order. Without them the query's words were looked up in part of
    /// the dictionary, so the hits, the counts and the suggestion may all change when they
    /// arrive: fetch them first, together.
    pub term_chunks: Vec<usize>,
    /// Title and body fragments, in the order to fetch them: the title and then the body
    /// fragment of each hit of the page, best first, then any others. Hits show in rank order
    /// as their titles arrive, so a reader that fetches in this order, a few at a time, shows
    /// the best results whole after one round.
    pub text: Vec<usize>,
}

impl Lacks {
    pub fn is_empty(&self) -> bool {
        self.term_chunks.is_empty() && self.text.is_empty()
    }

    /// Every part lacked, in the order to fetch them: term chunks, then text.
    pub fn parts(&self) -> Vec<usize> {
        let mut all = self.term_chunks.clone();
        all.extend_from_slice(&self.text);
        all
    }
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// Results in the selected category (all categories when none is selected).
    pub total: usize,
    /// Results in every category together.
    pub total_all: usize,
    /// The page of results, best first. A split index lists them only up to the first one
    /// whose place is not settled: its title is not loaded, or the best few are ordered by
    /// how close the words stand and its text, or that of one that could still overtake it,
    /// is not loaded. What it lists never moves as more parts arrive.
    pub hits: Vec<Hit>,
    /// Counts for every category of the index, in index order, for the current query.
    pub categories: Vec<CategoryCount>,
    /// True when no document had every word and these are the best partial matches.
    pub partial: bool,
    /// "Did you mean": the query with misspelt words corrected, offered when some word
    /// matched only through typo tolerance or not at all.
    pub suggestion: Option<String>,
    /// A split index only: the parts this search needed and did not have.
    pub lacks: Lacks,
    /// Whether `hits` holds the whole page: false when it stops early at a hit whose place
    /// is not settled yet (a split index waiting for text).
    pub settled: bool,
}

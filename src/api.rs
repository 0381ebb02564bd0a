//! The JavaScript API for sites that draw their own UI (and for benchmarks): `loadIndex`,
//! `SearchIndex.fromBytes`, `search`, `searchComplete` (which fetches the parts a split index
//! needs), `categories`, `documentCount`.
//!
//! Results are plain JS objects with camelCase keys. Highlight ranges are converted from the
//! engine's byte offsets to UTF-16 offsets, so `title.slice(start, end)` is the matched text.

use std::rc::Rc;

use faq_search_engine::{Hit, Index, SearchOptions, SearchResults, SortOrder, SubResult};
use wasm_bindgen::prelude::*;

use crate::dom::Object;
use crate::fetch;
use crate::highlight::utf16_ranges;
use crate::js_fields::Fields;
use crate::urls;

/// An opened index, ready to search.
#[wasm_bindgen]
pub struct SearchIndex {
    index: Rc<Index>,
}

/// Rounds of fetching parts a search may take before answering with what it has (each round
/// loads at least one part; three are usual: term chunks, then titles and bodies).
const MAX_PART_ROUNDS: usize = 8;

/// Options of `search`; every field is optional.
#[derive(Default)]
struct JsSearchOptions {
    limit: Option<f64>,
    offset: Option<f64>,
    category: Option<String>,
    sort: Option<String>,
    snippet_words: Option<f64>,
    locale: Option<String>,
}

impl JsSearchOptions {
    fn read(value: &JsValue) -> Result<JsSearchOptions, String> {
        let Some(f) = Fields::new(value, "search options")? else {
            return Ok(JsSearchOptions::default());
        };
        Ok(JsSearchOptions {
            limit: f.number("limit")?,
            offset: f.number("offset")?,
            category: f.string("category")?,
            sort: f.string("sort")?,
            snippet_words: f.number("snippetWords")?,
            locale: f.string("locale")?,
        })
    }
}

/// A count for JavaScript: a number, exact up to 2^53, which no count here gets near.
fn count_js(n: usize) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// A JS array of what `js` makes of each item.
fn array<T>(items: &[T], js: impl Fn(&T) -> JsValue) -> JsValue {
    items.iter().map(js).collect::<js_sys::Array>().into()
}

/// Highlight ranges as `[start, end]` pairs of UTF-16 offsets.
fn ranges_js(s: &str, ranges: &[(usize, usize)]) -> JsValue {
    array(&utf16_ranges(s, ranges), |&[start, end]| {
        js_sys::Array::of2(&count_js(start), &count_js(end)).into()
    })
}

/// A sub-result: a heading of the hit's article, its link (`url#anchor`) and a line of its part.
fn sub_result_js(sub: &SubResult) -> JsValue {
    Object::new()
        .text("title", &sub.title)
        .text("url", &sub.url)
        .text("anchor", &sub.anchor)
        .text("snippet", &sub.snippet)
        .value(
            "titleHighlights",
            &ranges_js(&sub.title, &sub.title_highlights),
        )
        .value(
            "snippetHighlights",
            &ranges_js(&sub.snippet, &sub.snippet_highlights),
        )
        .into()
}

fn hit_js(hit: &Hit) -> JsValue {
    Object::new()
        .text("id", &hit.id)
        .text("title", &hit.title)
        .text("url", &hit.url)
        .text("category", &hit.category)
        .text("section", &hit.section)
        .text("locale", &hit.locale)
        .text("published", &hit.published)
        .text("updated", &hit.updated)
        .number("views", hit.views as f64)
        .number("score", f64::from(hit.score))
        .text("snippet", &hit.snippet)
        .bool("snippetPending", hit.snippet_pending)
        .value(
            "titleHighlights",
            &ranges_js(&hit.title, &hit.title_highlights),
        )
        .value(
            "snippetHighlights",
            &ranges_js(&hit.snippet, &hit.snippet_highlights),
        )
        .value("subResults", &array(&hit.sub_results, sub_result_js))
        .into()
}

/// The answer as a plain JS object. Built field by field rather than serialized with serde:
/// a serializer and a derived implementation per type cost the module several kilobytes for
/// these few objects.
fn to_js(results: &SearchResults) -> JsValue {
    Object::new()
        .number("total", results.total as f64)
        .number("totalAll", results.total_all as f64)
        .bool("partial", results.partial)
        .text_or_null("suggestion", results.suggestion.as_deref())
        .value(
            "categories",
            &array(&results.categories, |c| {
                Object::new()
                    .text("category", &c.category)
                    .number("count", c.count as f64)
                    .into()
            }),
        )
        .value("hits", &array(&results.hits, hit_js))
        // The parts of a split index this answer lacks, in the order to fetch them (see
        // `searchComplete`).
        .value(
            "missingParts",
            &array(&results.lacks.parts(), |&p| count_js(p)),
        )
        // Whether `hits` holds the whole page (false while a split index waits for text).
        .bool("settled", results.settled)
        .into()
}

/// A non-negative whole number from a JS option, or an error naming the option.
fn count(name: &str, value: Option<f64>, default: usize) -> Result<usize, JsError> {
    match value {
        None => Ok(default),
        Some(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 => Ok(v as usize),
        // `{v}` would bring Rust's float formatting into the module for this one message.
        Some(v) => Err(JsError::new(&format!(
            "search option {name} must be a whole number ≥ 0, got {}",
            String::from(
                js_sys::Number::from(v)
                    .to_string_with_radix(10)
                    .unwrap_or_default()
            )
        ))),
    }
}

// `..defaults` names no field today; it keeps this building when the engine adds an option.
#[allow(clippy::needless_update)]
fn parse_options(options: JsValue) -> Result<SearchOptions, JsError> {
    let js = JsSearchOptions::read(&options).map_err(|e| JsError::new(&e))?;
    let defaults = SearchOptions::default();
    let sort = match js.sort.as_deref() {
        None => SortOrder::Relevance,
        Some(s) => SortOrder::parse(s).ok_or_else(|| {
            JsError::new(&format!(
                "unknown sort \"{s}\": use \"relevance\", \"newest\" or \"views\""
            ))
        })?,
    };
    Ok(SearchOptions {
        limit: count("limit", js.limit, defaults.limit)?,
        offset: count("offset", js.offset, defaults.offset)?,
        category: js.category.filter(|c| !c.is_empty()),
        sort,
        snippet_words: count("snippetWords", js.snippet_words, defaults.snippet_words)?,
        locale: js.locale.filter(|l| !l.trim().is_empty()),
        ..defaults
    })
}

#[wasm_bindgen]
impl SearchIndex {
    /// Opens index bytes (a `Uint8Array`). Throws the index format error, which says what to do.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<SearchIndex, JsError> {
        Index::from_bytes(bytes.to_vec())
            .map(|index| SearchIndex {
                index: Rc::new(index),
            })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Downloads the stemmers of the index's languages, if this page has not yet (a promise).
    /// `loadIndex` does it; after `fromBytes`, await it before the first search.
    pub async fn prepare(&self) -> Result<(), JsError> {
        crate::stemmers::ensure(&self.index)
            .await
            .map_err(|e| JsError::new(&e))
    }

    /// Runs `query`. `options`: `{ limit = 10, offset = 0, category, sort = "relevance" |
    /// "newest" | "views", snippetWords = 30, locale }`, all optional; `locale` keeps only the
    /// articles of that locale (and stems the query for its language). An empty query lists the most
    /// viewed articles. With a split index, the answer uses the parts loaded so far and lists
    /// the others it needs in `missingParts`; `searchComplete` fetches them.
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        let options = parse_options(options)?;
        Ok(to_js(&self.index.search(query, &options)))
    }

    /// Like `search`, but first fetches whatever parts of a split index the query needs, so
    /// the answer is complete (a promise). For an index in one file it is `search`.
    #[wasm_bindgen(js_name = searchComplete)]
    pub async fn search_complete(
        &self,
        query: String,
        options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options = parse_options(options)?;
        let mut results = self.index.search(&query, &options);
        for _ in 0..MAX_PART_ROUNDS {
            if results.lacks.is_empty() {
                break;
            }
            let wanted = results.lacks.parts();
            fetch::load_parts(self.index.clone(), wanted)
                .await
                .map_err(|e| JsError::new(&e))?;
            results = self.index.search(&query, &options);
        }
        Ok(to_js(&results))
    }

    /// Whether the index is split into parts fetched as searches need them.
    #[wasm_bindgen(getter)]
    pub fn split(&self) -> bool {
        self.index.is_split()
    }

    /// Every category of the index, in index order.
    pub fn categories(&self) -> Vec<String> {
        self.index.categories().to_vec()
    }

    /// How many articles the index holds.
    #[wasm_bindgen(js_name = documentCount)]
    pub fn document_count(&self) -> usize {
        self.index.doc_count()
    }
}

/// Fetches and opens an index. `url` is resolved against the page; a URL ending in `/` is the
/// folder index-builder wrote, and the index its `faq-search.json` manifest names for `locale`
/// is used (`locale` is optional: a BCP 47 tag, else the browser's languages, else the
/// manifest's default). Rejects with the HTTP status and URL, or the index format error.
#[wasm_bindgen(js_name = loadIndex)]
pub async fn load_index(url: String, locale: Option<String>) -> Result<SearchIndex, JsError> {
    let url = urls::resolve_index_url(&url, &urls::base_url()).map_err(|e| JsError::new(&e))?;
    let mut wanted: Vec<String> = locale
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    wanted.extend(crate::manifest::browser_languages());
    let index = fetch::load_index(&url, &wanted)
        .await
        .map_err(|e| JsError::new(&e))?;
    Ok(SearchIndex {
        index: Rc::new(index),
    })
}

/// For the JS API module: `response` (a promise of a fetch `Response`) is the download of
/// `url` it started while this module was loading; the next fetch of `url` uses it.
#[wasm_bindgen(js_name = provideResponse)]
pub fn provide_response(url: String, response: js_sys::Promise) {
    fetch::provide_response(url, response);
}

/// The version of the widget, for bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

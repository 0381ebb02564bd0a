//! The search engine behind faq-search: one tokenizer, the index format (writer and reader)
//! and query evaluation. It has no web or filesystem dependencies, so the same code runs in
//! the index-builder CLI and, compiled to WebAssembly, in the widget.
//!
//! - [`IndexWriter`] turns [`Document`]s into index bytes.
//! - [`Index::from_bytes`] verifies and opens them; errors are [`FormatError`]s.
//! - [`Index::search`] answers a query with ranked [`Hit`]s, per-category counts,
//!   snippets and highlight ranges.
//!
//! ```
//! use faq_search_engine::{date, Document, Index, IndexWriter, SearchOptions, Weights};
//!
//! let mut writer = IndexWriter::new(Weights::default());
//! writer.add(&Document {
//!     id: "reset-2fa".into(),
//!     title: "How do I reset two-factor authentication?".into(),
//!     body: "Open Security, choose 2FA and follow the reset steps.".into(),
//!     url: "/help/reset-2fa".into(),
//!     category: "FAQ".into(),
//!     published: date::parse_ymd("2024-08-08").unwrap(),
//!     updated: date::parse_ymd("2026-05-29").unwrap(),
//!     views: 31_433,
//!     locale: "en".into(),
//!     section: String::new(),
//!     headings: Vec::new(),
//! });
//! let (bytes, _stats) = writer.finish();
//! let index = Index::from_bytes(bytes).unwrap();
//! let results = index.search("authenticaton", &SearchOptions::default()); // typo on purpose
//! assert_eq!(results.hits[0].id, "reset-2fa");
//! ```

// Modules from the bytes up: codec, format and errors; the envelope; plain data (key
// ranges, document rows, expansions); the split layout; the reader; then query evaluation.
// The writer sits beside the reader and shares the lower layers with it.
mod batch;
mod codec;
mod crc;
pub mod date;
mod doc_table;
mod document;
mod envelope;
mod error;
mod expansion;
pub mod format;
mod function_words;
mod headings;
mod index;
mod keys;
pub mod locale;
pub mod manifest;
mod parts;
pub mod query;
mod search;
mod snippet;
pub mod tokenizer;
mod typo;
mod writer;

pub use document::{Document, Heading};
pub use error::FormatError;
pub use format::Weights;
pub use index::{Index, StoredText};
pub use parts::{PartInfo, PartKind};
pub use search::{
    CategoryCount, Hit, Lacks, SearchOptions, SearchResults, SortOrder, SubResult, SUB_RESULTS,
};
pub use writer::{order_for_split, IndexStats, IndexWriter, SplitIndex, SplitSizes, POPULAR_FIRST};
